//! Generates the client for the hostile spec in `spec/` into
//! `$OUT_DIR/client.rs`, which `src/lib.rs` includes.

fn main() {
    // With the mock module too, so that its names meet the hostile ones.
    let mut options = restspec_codegen::build::options("hostile_client", "::restspec_runtime");
    options.mocks_feature = Some("mocks".into());
    restspec_codegen::build::run("spec", "client.rs", options);
}
