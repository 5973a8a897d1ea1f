//! Generates the client for the hostile spec in `spec/` into
//! `$OUT_DIR/client.rs`, which `src/lib.rs` includes.

fn main() {
    generator::build::run("spec", "client.rs", generator::build::options("hostile_client", "::generator_runtime"));
}
