//! Generates the client for `spec/` into `$OUT_DIR/client.rs`, which
//! `src/lib.rs` includes: the generator's build-script mode.

fn main() {
    let options = generator::Options {
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: None,
        full_serde_feature: None,
        ..generator::build::options("kinds_client", "::generator_runtime")
    };
    generator::build::run("spec", "client.rs", options);
}
