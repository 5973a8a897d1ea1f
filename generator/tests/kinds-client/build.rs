//! Generates the client for `spec/` into `$OUT_DIR/client.rs`, which
//! `src/lib.rs` includes: the generator's build-script mode.

fn main() {
    let options = restspec_codegen::Options {
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: None,
        full_serde_feature: None,
        mocks_feature: None,
        ..restspec_codegen::build::options("kinds_client", "::restspec_runtime")
    };
    restspec_codegen::build::run("spec", "client.rs", options);
}
