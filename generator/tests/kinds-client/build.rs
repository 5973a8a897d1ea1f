//! Generates the client for `spec/` into `$OUT_DIR/client.rs`, which
//! `src/lib.rs` includes: the generator's build-script mode.

fn main() {
    generator::build::run("spec", "client.rs", generator::build::options("kinds_client", "::generator_runtime"));
}
