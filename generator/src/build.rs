//! Generating a client from a build script, for crates with a spec of their
//! own that do not check generated code in.
//!
//! In `build.rs`, `main` calls:
//!
//! ```no_run
//! restspec_codegen::build::run("spec", "client.rs", restspec_codegen::build::options("my_crate", "::restspec_runtime"));
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/client.rs"));
//! ```
//!
//! The crate then depends on `restspec-runtime` (the runtime the generated
//! code uses) and `serde`, and has `restspec-codegen` as a build dependency.

use std::path::{Path, PathBuf};

use crate::{Layout, Options, SpecSources, generate};

/// Options for code included at the root of crate `crate_name`, using the
/// runtime at `runtime_path` (usually `::restspec_runtime`).
pub fn options(crate_name: &str, runtime_path: &str) -> Options {
    Options {
        crate_name: crate_name.to_owned(),
        runtime_path: runtime_path.to_owned(),
        generated_path: "crate".to_owned(),
        layout: Layout::SingleFile(String::new()),
        blocking_feature: None,
        sse_feature: None,
        multipart_feature: None,
        full_feature: None,
        full_serde_feature: None,
        mocks_feature: None,
    }
}

/// Generates the client for the spec in `spec_dir` (relative to the crate's
/// manifest directory) into `$OUT_DIR/file_name`, and tells cargo to rerun
/// when the spec changes. Returns the written path.
///
/// # Errors
///
/// The rendered diagnostics of a broken spec, or a message naming the file
/// that could not be read or written.
pub fn generate_into_out_dir(
    spec_dir: impl AsRef<Path>,
    file_name: &str,
    options: &Options,
) -> Result<PathBuf, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let out_dir =
        std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or("OUT_DIR is not set: run from a build script")?;
    let spec_dir = manifest_dir.join(spec_dir.as_ref());
    println!("cargo::rerun-if-changed={}", spec_dir.display());
    let shown = spec_dir.strip_prefix(&manifest_dir).unwrap_or(&spec_dir).display().to_string();
    let sources = SpecSources::read_dir(&spec_dir, &shown).map_err(|e| e.to_string())?;
    let options = Options { layout: Layout::SingleFile(file_name.to_owned()), ..options.clone() };
    let files = generate(&sources, &options).map_err(|d| d.render(&sources))?;
    let mut written = out_dir.join(file_name);
    for file in files {
        let path = out_dir.join(&file.path);
        std::fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        if file.path == file_name {
            written = path;
        }
    }
    Ok(written)
}

/// [`generate_into_out_dir`] for a build script's `main`: on failure it
/// prints the diagnostics and exits non-zero, which fails the build with
/// them in view.
#[allow(clippy::print_stderr, reason = "a build script reports to cargo through stderr")]
pub fn run(spec_dir: impl AsRef<Path>, file_name: &str, options: Options) {
    if let Err(report) = generate_into_out_dir(spec_dir, file_name, &options) {
        eprintln!("{report}");
        std::process::exit(1);
    }
}
