//! The generated code is a pure function of the spec text: the same spec
//! gives the same bytes, whatever the order of the files or their line
//! endings.

use std::path::Path;

use restspec_codegen::{GeneratedFile, Options, SourceFile, SpecSources};

fn options() -> Options {
    Options {
        crate_name: "losant_rest".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::Modules,
        blocking_feature: Some("blocking".into()),
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: Some("full".into()),
        full_serde_feature: Some("full-serde".into()),
        mocks_feature: Some("mocks".into()),
    }
}

fn real_spec() -> SpecSources {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    SpecSources::read_dir(dir.as_path(), "spec").unwrap_or_else(|e| panic!("{e}"))
}

fn generate(sources: &SpecSources) -> Vec<GeneratedFile> {
    restspec_codegen::generate(sources, &options()).unwrap_or_else(|d| panic!("the spec does not generate:\n{d}"))
}

/// Compares two outputs file by file, so a failure names the file that differs.
fn assert_same(expected: &[GeneratedFile], actual: &[GeneratedFile], what: &str) {
    let paths = |files: &[GeneratedFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(actual), paths(expected), "{what}: different files");
    for (e, a) in expected.iter().zip(actual) {
        assert!(e.contents == a.contents, "{what}: {} differs", e.path);
    }
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    let first = generate(&real_spec());
    let second = generate(&real_spec());
    assert_same(&first, &second, "second run");
}

#[test]
fn file_order_does_not_matter() {
    let sources = real_spec();
    let mut files = sources.files().to_vec();
    files.reverse();
    assert_same(&generate(&sources), &generate(&SpecSources::from_files(files)), "reversed files");
}

#[test]
fn crlf_line_endings_do_not_matter() {
    let sources = real_spec();
    let crlf: Vec<SourceFile> = sources
        .files()
        .iter()
        .map(|f| SourceFile::new(f.display_path.clone(), f.kind, &f.text.replace('\n', "\r\n")))
        .collect();
    assert_same(&generate(&sources), &generate(&SpecSources::from_files(crlf)), "CRLF line endings");
}

#[test]
fn every_file_starts_with_the_header() {
    let files = generate(&real_spec());
    assert!(files.iter().any(|f| f.path == "mod.rs"), "no mod.rs");
    assert!(files.iter().any(|f| f.path == "types.rs"), "no types.rs");
    for file in &files {
        // The surface listing is text, with the same marker as a `#` comment.
        let header = if file.path.ends_with(".rs") {
            restspec_codegen::HEADER.to_owned()
        } else {
            restspec_codegen::HEADER.replacen("//", "#", 1)
        };
        assert!(file.contents.starts_with(&header), "{} does not start with the header", file.path);
        assert!(file.contents.ends_with('\n') && !file.contents.contains('\r'), "{} has odd line endings", file.path);
    }
}

#[test]
fn one_file_per_resource() {
    let sources = real_spec();
    let resources = sources.files().iter().filter(|f| f.kind == restspec_codegen::FileKind::Resource).count();
    let files = generate(&sources);
    assert_eq!(files.len(), resources + 4, "mod.rs, types.rs, mock.rs, the surface listing and one file per resource");
    assert!(files.iter().any(|f| f.path == "mock.rs"));
    assert!(files.iter().any(|f| f.path == restspec_codegen::SURFACE_FILE));
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let generated_order = paths.clone();
    paths.sort_unstable();
    assert_eq!(generated_order, paths, "files are sorted by path");
}

#[test]
fn docs_follow_the_losant_format() {
    let sources = real_spec();
    let docs = restspec_codegen::generate_docs(&sources, &options()).expect("the spec is valid");
    let names: Vec<&str> = docs.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names.len(), 102, "the schema page and one page per resource");
    assert_eq!(names[..3], ["_schemas.md", "application.md", "applicationApiToken.md"]);
    let tokens = &docs.iter().find(|d| d.path == "applicationApiTokens.md").unwrap().contents;
    for expected in [
        "# Application Api Tokens Actions\n",
        "##### Contents\n\n*   [Get](#get)\n*   [Post](#post)\n",
        "## Get\n\nReturns the API tokens for an application\n\n```rust\nlet response = client\n",
        "#### Authentication\nThe client must be configured with a valid api access token to call this\naction.",
        "all.User.read, applicationApiTokens.*, or applicationApiTokens.get.\n",
        "| Name | Type | Required | Description | Default | Example |\n",
        "| perPage | integer | N | How many items to return per page | 100 | 10 |\n",
        "| sortDirection | string | N | Direction to sort the results by. Accepted values are: asc, desc | asc | asc |\n",
        "| 200 | [Api Tokens](_schemas.md#api-tokens) | Collection of API tokens |\n",
        "| 400 | [Error](_schemas.md#error) | Error if malformed request |\n",
    ] {
        assert!(tokens.contains(expected), "missing {expected:?} in\n{tokens}");
    }
    assert!(docs[0].contents.contains("### Api Token Example\n\n```json\n{\n  \"apiTokenId\""), "{}", docs[0].contents);
}

/// Doc text is spliced back after printing (see `emit::docs`); no
/// placeholder may survive in either layout, and both carry the same docs.
#[test]
fn no_doc_placeholder_survives_in_either_layout() {
    let sources = real_spec();
    let modules = generate(&sources);
    let single = restspec_codegen::generate(
        &sources,
        &Options { layout: restspec_codegen::Layout::SingleFile("client.rs".into()), ..options() },
    )
    .unwrap_or_else(|d| panic!("{d}"));
    for file in modules.iter().chain(&single) {
        assert!(!file.contents.contains('\u{E000}'), "a doc placeholder was left in {}", file.path);
    }
    let docs = |files: &[GeneratedFile]| -> usize {
        files.iter().map(|f| f.contents.lines().filter(|l| l.trim_start().starts_with("///")).count()).sum()
    };
    // The single file has the module docs as `///` on its inline modules
    // (one line per line of each module's docs) on top of the same items.
    assert!(docs(&single) >= docs(&modules), "the single file lost docs");
}
