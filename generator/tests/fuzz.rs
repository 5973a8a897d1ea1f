//! The whole pipeline on arbitrary input never panics: it returns
//! diagnostics, or code that parses as Rust.
//!
//! Two sources of input: random mutations of the real spec (deleted,
//! duplicated, swapped and truncated lines, tokens replaced by others that
//! matter to the spec format, stray tabs and odd characters), which reach
//! deep into validation and emission, and arbitrary YAML-ish text, which
//! exercises the parser. The normal test suite runs a bounded number of
//! cases; set `PROPTEST_CASES` for a longer run (see the README).

use std::path::Path;

use generator::{FileKind, Options, SourceFile, SpecSources};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn real_spec() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    SpecSources::read_dir(&dir, "spec").expect("the spec reads").files().to_vec()
}

fn options() -> Options {
    Options {
        crate_name: "demo".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: generator::Layout::Modules,
        blocking_feature: None,
    }
}

/// Runs the pipeline and checks the property.
fn check(files: Vec<SourceFile>) -> Result<(), TestCaseError> {
    let sources = SpecSources::from_files(files);
    match generator::generate(&sources, &options()) {
        Ok(generated) => {
            for file in generated.iter().filter(|f| f.path.ends_with(".rs")) {
                let parsed = syn::parse_file(&file.contents);
                prop_assert!(parsed.is_ok(), "{} does not parse: {:?}", file.path, parsed.err());
            }
        }
        Err(diagnostics) => {
            prop_assert!(!diagnostics.is_empty());
            for d in diagnostics.iter() {
                prop_assert!(!d.message.starts_with("internal error"), "{d}");
            }
            // Rendering must not panic either.
            let _ = diagnostics.render(&sources);
        }
    }
    Ok(())
}

/// Words that mean something in the spec format, and some that break it.
const TOKENS: &[&str] = &[
    "",
    " ",
    "\t",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "#",
    "&a",
    "*a",
    "!!str",
    "null",
    "true",
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "ref",
    "enum",
    "items",
    "path",
    "query",
    "header",
    "body",
    "GET",
    "POST",
    "get",
    "type",
    "self",
    "Self",
    "_",
    "9lives",
    "ü",
    "a b",
    "{id}",
    "/x/{id}",
    "apiToken",
    "error",
    "role",
    "required",
    "default",
    "send_default",
    "secret",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    ReplaceWord(usize, usize, usize),
    InsertText(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>(), 0..TOKENS.len()).prop_map(|(l, w, t)| Mutation::ReplaceWord(l, w, t)),
        (any::<usize>(), "[ -~\t\u{e9}\u{1F600}]{0,12}").prop_map(|(l, s)| Mutation::InsertText(l, s)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return text.to_owned();
    }
    let n = lines.len();
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Truncate(i) => {
            let cut = text.char_indices().map(|(i, _)| i).nth(i % text.len().max(1)).unwrap_or(0);
            return text[..cut].to_owned();
        }
        Mutation::ReplaceWord(l, w, t) => {
            let line = &lines[l % n];
            let words: Vec<&str> = line.split(' ').collect();
            let k = w % words.len();
            let mut replaced: Vec<&str> = words.clone();
            replaced[k] = TOKENS[*t];
            lines[l % n] = replaced.join(" ");
        }
        Mutation::InsertText(l, s) => {
            let line = &mut lines[l % n];
            let at = line.char_indices().map(|(i, _)| i).nth(s.len() % (line.len() + 1)).unwrap_or(line.len());
            line.insert_str(at, s);
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn config() -> Config {
    // PROPTEST_CASES overrides this default for longer runs.
    Config { failure_persistence: None, ..Config::with_cases(256) }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutations_of_the_real_spec(file in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..4)) {
        let mut files = real_spec();
        let index = file % files.len();
        let target = &files[index];
        let text = mutations.iter().fold(target.text.clone(), |text, m| apply(&text, m));
        files[index] = SourceFile::new(target.display_path.clone(), target.kind, &text);
        check(files)?;
    }

    #[test]
    fn arbitrary_yaml_in_any_file(text in "[a-z_:{}\\[\\],'\"#&*!|>\\- \t\n0-9]{0,300}", kind in 0..3u8) {
        let mut files = real_spec();
        let (path, kind) = match kind {
            0 => ("spec/api.yaml", FileKind::Api),
            1 => ("spec/resources/zzz.yaml", FileKind::Resource),
            _ => ("spec/schemas/zzz.yaml", FileKind::Schema),
        };
        files.retain(|f| f.display_path != path);
        files.push(SourceFile::new(path, kind, &text));
        check(files)?;
    }
}
