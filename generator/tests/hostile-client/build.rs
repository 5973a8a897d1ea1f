//! Generates the client for the hostile spec in `spec/` into
//! `$OUT_DIR/client.rs`, which `src/lib.rs` includes.

fn main() {
    restspec_codegen::build::run(
        "spec",
        "client.rs",
        restspec_codegen::build::options("hostile_client", "::restspec_runtime"),
    );
}
