//! The hostile spec of `tests/hostile-client` (names the generated code
//! uses itself, code-like text in every text field) in both layouts and in
//! the Markdown docs, checked without compiling: that crate compiles it, in
//! `cargo test --workspace` and clippy.

use std::path::Path;

use generator::{Layout, Options, SpecSources};

fn hostile_spec() -> SpecSources {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile-client/spec");
    SpecSources::read_dir(&dir, "spec").expect("the spec reads")
}

fn options(layout: Layout) -> Options {
    Options {
        crate_name: "hostile_client".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout,
        blocking_feature: Some("blocking".into()),
    }
}

#[test]
fn the_hostile_spec_generates_inert_code_in_both_layouts() {
    let sources = hostile_spec();
    for layout in [Layout::Modules, Layout::SingleFile("client.rs".into())] {
        let files =
            generator::generate(&sources, &options(layout)).unwrap_or_else(|d| panic!("{}", d.render(&sources)));
        for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
            assert!(!file.contents.contains('\r'), "{}", file.path);
            syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
            let foreign: Vec<_> = generator::code_blocks(&file.contents)
                .into_iter()
                .filter(|b| b.info != "no_run" && b.info != "json")
                .collect();
            assert!(foreign.is_empty(), "{}: code blocks from spec text: {foreign:?}", file.path);
        }
    }
}

#[test]
fn the_hostile_spec_gives_markdown_docs_without_its_html() {
    let sources = hostile_spec();
    let docs = generator::generate_docs(&sources, &options(Layout::Modules)).unwrap_or_else(|d| panic!("{d}"));
    for file in &docs {
        let outside_blocks: String = file.contents.split("```").step_by(2).collect();
        assert!(!outside_blocks.contains("<script>"), "{}:\n{}", file.path, file.contents);
        assert!(!file.contents.contains('\r'), "{}", file.path);
    }
}
