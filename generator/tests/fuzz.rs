//! The whole pipeline on arbitrary input never panics: it returns
//! diagnostics, or code that parses as Rust and that nothing of the spec
//! can break: no bare carriage return or bidirectional control anywhere, no
//! code block in rustdoc but the generator's own examples, no two items of
//! a module or members of an impl with one name, and no type, module or
//! member named like what the generated code declares or relies on itself
//! (the table in `restspec_codegen::names::reserved`). Whether such code compiles
//! is checked for real by `tests/hostile-client`, a workspace crate built
//! from a spec full of hostile names and text; compiling every case here
//! would take minutes each.
//!
//! Two sources of input: random mutations of a real spec (deleted,
//! duplicated, swapped and truncated lines, tokens replaced by others that
//! matter to the spec format, stray tabs and odd characters), which reach
//! deep into validation and emission, and arbitrary YAML-ish text, which
//! exercises the parser. The normal test suite runs a bounded number of
//! cases; set `PROPTEST_CASES` for a longer run (see the README).

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config;
use restspec_codegen::{FileKind, Options, SourceFile, SpecSources};

/// The kinds client's spec: real Losant actions of every kind of param,
/// body, response and stream, in 13 resources. Not the whole API in
/// `spec/` (857 files): generating it for each of hundreds of cases took
/// ten minutes, and a mutation reaches the same validation and emission
/// paths in a spec this size.
fn real_spec() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kinds-client/spec");
    SpecSources::read_dir(&dir, "spec").expect("the spec reads").files().to_vec()
}

fn options() -> Options {
    Options {
        crate_name: "demo".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::Modules,
        blocking_feature: None,
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: Some("full".into()),
        full_serde_feature: Some("full-serde".into()),
        mocks_feature: Some("mocks".into()),
    }
}

/// Runs the pipeline and checks the property.
fn check(files: Vec<SourceFile>) -> Result<(), TestCaseError> {
    let sources = SpecSources::from_files(files);
    match restspec_codegen::generate(&sources, &options()) {
        Ok(generated) => {
            for file in &generated {
                prop_assert!(!file.contents.contains('\r'), "{} has a bare CR", file.path);
                prop_assert!(!file.contents.chars().any(is_bidi_control), "{} has a bidi control", file.path);
            }
            for file in generated.iter().filter(|f| f.path.ends_with(".rs")) {
                let parsed = syn::parse_file(&file.contents);
                prop_assert!(parsed.is_ok(), "{} does not parse: {:?}", file.path, parsed.err());
                let foreign: Vec<_> = restspec_codegen::code_blocks(&file.contents)
                    .into_iter()
                    .filter(|b| b.info != "no_run" && b.info != "json")
                    .collect();
                prop_assert!(foreign.is_empty(), "{}: code blocks from spec text: {foreign:?}", file.path);
                if let Ok(parsed) = parsed {
                    let mut problems = Vec::new();
                    check_items(&parsed.items, &file.path, &mut problems);
                    prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
                }
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

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Names a module's items declare twice, and types or modules named like
/// what generated code relies on; then the same for each impl's members and
/// each inline module.
fn check_items(items: &[syn::Item], path: &str, problems: &mut Vec<String>) {
    use restspec_codegen::names::reserved::{CRATES, PRELUDE};
    let mut types = std::collections::BTreeSet::new();
    let mut values = std::collections::BTreeSet::new();
    for item in items {
        let (name, is_type) = match item {
            syn::Item::Struct(i) => (i.ident.to_string(), true),
            syn::Item::Enum(i) => (i.ident.to_string(), true),
            syn::Item::Type(i) => (i.ident.to_string(), true),
            syn::Item::Mod(i) => (i.ident.to_string(), true),
            syn::Item::Fn(i) => (i.sig.ident.to_string(), false),
            syn::Item::Const(i) => (i.ident.to_string(), false),
            syn::Item::Static(i) => (i.ident.to_string(), false),
            syn::Item::Impl(i) => {
                check_members(i, path, problems);
                continue;
            }
            _ => continue,
        };
        if PRELUDE.contains(&name.as_str()) || CRATES.contains(&name.as_str()) {
            problems.push(format!("{path}: `{name}` shadows a name generated code relies on"));
        }
        let fresh = if is_type { types.insert(name.clone()) } else { values.insert(name.clone()) };
        if !fresh {
            problems.push(format!("{path}: `{name}` is declared twice"));
        }
        if let syn::Item::Mod(syn::ItemMod { content: Some((_, items)), .. }) = item {
            check_items(items, &format!("{path}::{name}"), problems);
        }
    }
}

fn check_members(block: &syn::ItemImpl, path: &str, problems: &mut Vec<String>) {
    let mut names = std::collections::BTreeSet::new();
    for member in &block.items {
        let declared: Vec<String> = match member {
            syn::ImplItem::Fn(f) => vec![f.sig.ident.to_string()],
            syn::ImplItem::Const(c) => vec![c.ident.to_string()],
            // The shared members of every request builder.
            syn::ImplItem::Macro(_) => vec!["timeout".into(), "retry".into(), "send_blocking".into()],
            _ => Vec::new(),
        };
        for name in declared {
            if !names.insert(name.clone()) {
                problems.push(format!("{path}: an impl declares `{name}` twice"));
            }
        }
    }
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
    // Names the generated code declares itself, and text that would be code.
    "new",
    "validate",
    "clone",
    "send",
    "sendBlocking",
    "timeout",
    "std",
    "result",
    "Option",
    "request_members",
    "\"a\\rb\"",
    "\"```rust\\npanic!()\\n```\"",
    "\"\\n\\n    panic!()\"",
    "~~~",
    "</script>",
    "\"\\u202E\"",
    "/a/../b",
    "/x?q=1",
    "x y",
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
