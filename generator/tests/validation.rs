//! Data-driven tests of spec validation, in the style of rust-analyzer's
//! `check_diagnostics`: each expected diagnostic is an annotation in the
//! spec text, under the line it points at, so no position is counted by
//! hand.
//!
//! Every case starts from a small valid spec (the constants below), applies
//! one mutation, and says where the diagnostics are:
//!
//! ```text
//!       - name: sortDirection
//!         in: query
//!         type: strng
//! #             ^^^^^ error: unknown type `strng`
//! #                   hint: did you mean `string`? (types: ...)
//! ```
//!
//! The annotation format:
//!
//! - An annotation is a line that starts with `#` (a YAML comment), then
//!   spaces, then carets, then ` error: ` and the message. It points at the
//!   nearest line above it that is not an annotation, at the column of its
//!   first caret (the `#` is column 1; columns count characters, as
//!   diagnostics do). A diagnostic at column 1, where the `#` would sit,
//!   is written with the carets at the start of the line
//!   (`^^^^ error: ...`).
//! - Diagnostics carry a start position, not a span, so only the first
//!   caret is checked. By convention the carets cover the value, as the
//!   rendered report underlines it, and that is how actual diagnostics are
//!   drawn on a mismatch.
//! - The `#` lines right below an annotation continue it: one whose text
//!   starts with `hint:` begins the hint, any other continues the message
//!   or hint, joined with one space (so a long message can wrap). A YAML
//!   comment directly below an annotation would be read as a continuation.
//! - `# error: ...`, with no carets, is a diagnostic without a position in
//!   the file it is written in (by convention at the top).
//! - Annotations go into the spec text of a case in two ways: in the text of
//!   a file the case writes ([`Spec::file`]), or with [`Spec::expect`],
//!   whose excerpt is a run of consecutive lines of the (mutated) file,
//!   found exactly once, with annotations under them. An excerpt of only
//!   position-less annotations puts them at the top of the file, and may
//!   name a file the spec does not have (a diagnostic about a missing file).
//!   Texts given to `file` and `expect` lose one leading newline, so that a
//!   raw string can start on its own line.
//!
//! [`Spec::check`] strips the annotations, generates, and compares the
//! diagnostics, in the order the generator reports them (by file and
//! position; annotations at one position in the order they are written),
//! each as `file:line:col: error: message (hint: ...)`. On a mismatch it
//! prints each file involved twice over as a diff: annotated with the
//! expected diagnostics (`-`) and with the actual ones (`+`).

use restspec_codegen::{Diagnostic, FileKind, Options, SourceFile, SpecSources};

const API: &str = "\
name: Demo API
version: 1.0.0
base_url: https://api.example.com
auth:
  scheme: bearer
error_schema: error
";

const WIDGETS: &str = "\
resource: widgets
description: The widgets of an app.
actions:
  get:
    summary: Lists widgets
    method: GET
    path: /apps/{appId}/widgets
    scopes: [widgets.get]
    params:
      - name: appId
        in: path
        type: string
        required: true
      - name: sortDirection
        in: query
        type: string
        enum: [asc, desc]
        default: asc
    responses:
      success:
        - code: 200
          schema: widget
      errors:
        - code: 404
          schema: error
  post:
    summary: Creates a widget
    method: POST
    path: /apps/{appId}/widgets
    scopes: [widgets.post]
    params:
      - name: appId
        in: path
        type: string
        required: true
      - name: widget
        in: body
        ref: widget
        required: true
    responses:
      success:
        - code: 201
          schema: widget
";

const WIDGET: &str = "\
schema: widget
type: object
properties:
  name:
    type: string
    required: true
  tags:
    type: array
    items:
      type: string
";

const ERROR: &str = "\
schema: error
rust_name: ApiError
type: object
properties:
  message:
    type: string
";

const API_PATH: &str = "spec/api.yaml";
const WIDGETS_PATH: &str = "spec/resources/widgets.yaml";
const WIDGET_PATH: &str = "spec/schemas/widget.yaml";
const ERROR_PATH: &str = "spec/schemas/error.yaml";

/// The `path:` line of the `get` action (the `post` action has the same path).
const GET_PATH: &str = "path: /apps/{appId}/widgets\n    scopes: [widgets.get]";

/// The last line of the `get` action's `sortDirection` param, after which
/// cases insert params.
const AFTER_SORT: &str = "        default: asc\n";

/// A schema that nothing refers to, so that its problems cannot spill into
/// other files.
const NOTE_PATH: &str = "spec/schemas/note.yaml";

fn options() -> Options {
    Options {
        crate_name: "demo".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::Modules,
        blocking_feature: None,
        sse_feature: None,
        multipart_feature: Some("multipart".into()),
        full_feature: Some("full".into()),
        full_serde_feature: None,
        mocks_feature: None,
    }
}

fn kind_of(path: &str) -> FileKind {
    if path.starts_with("spec/resources/") {
        FileKind::Resource
    } else if path.starts_with("spec/schemas/") {
        FileKind::Schema
    } else {
        assert!(path.ends_with("/api.yaml"), "no file kind for {path}");
        FileKind::Api
    }
}

fn sources(files: &[(&str, &str)]) -> SpecSources {
    SpecSources::from_files(files.iter().map(|(path, text)| SourceFile::new(*path, kind_of(path), text)).collect())
}

// --- Annotations ---

/// A diagnostic as an annotation says it, or as the generator reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    file: String,
    /// Line and column, 1-based; `None` for a diagnostic without a position.
    position: Option<(u32, u32)>,
    message: String,
    hint: Option<String>,
}

impl Expected {
    fn of(d: &Diagnostic) -> Self {
        Expected {
            file: d.file.clone(),
            position: d.position.map(|p| (p.line, p.column)),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }

    /// The one-line form the comparison uses, as `Diagnostic`'s `Display`.
    fn line(&self) -> String {
        let location = match self.position {
            Some((line, column)) => format!("{}:{line}:{column}", self.file),
            None => self.file.clone(),
        };
        match &self.hint {
            Some(hint) => format!("{location}: error: {} (hint: {hint})", self.message),
            None => format!("{location}: error: {}", self.message),
        }
    }
}

/// Drops one leading newline, so that a raw string can start on its own line.
fn fixture(text: &str) -> &str {
    text.strip_prefix('\n').unwrap_or(text)
}

/// What one line of annotated text is.
enum Line<'a> {
    /// An annotation with a position: the column of its first caret, and the
    /// text after ` error: `.
    Caret(u32, &'a str),
    /// `# error: ...`: an annotation without a position.
    Unplaced(&'a str),
    /// Any other line starting with `#`: a continuation right below an
    /// annotation, else a YAML comment.
    Comment(&'a str),
    /// A line of the spec.
    Source,
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim_end_matches(['\n', '\r']);
    let body = line.strip_prefix('#');
    let after_hash = body.unwrap_or(line);
    let spaces = after_hash.len() - after_hash.trim_start_matches(' ').len();
    let rest = &after_hash[spaces..];
    let carets = rest.len() - rest.trim_start_matches('^').len();
    if carets > 0 && (body.is_some() || spaces == 0) {
        // `#` is column 1, so the first caret after it and `spaces` spaces is
        // at column `spaces + 2`; without `#` the carets start at column 1.
        let column = if body.is_some() { spaces as u32 + 2 } else { 1 };
        let message = rest[carets..]
            .strip_prefix(" error: ")
            .unwrap_or_else(|| panic!("an annotation is `^^^ error: <message>`, not {line:?}"));
        return Line::Caret(column, message);
    }
    match body {
        Some(_) => match rest.strip_prefix("error: ") {
            Some(message) => Line::Unplaced(message),
            None => Line::Comment(rest.trim()),
        },
        None => Line::Source,
    }
}

/// Removes the annotations from `text` (a file at `path`), and returns the
/// spec text and the diagnostics they expect, in the order written.
fn strip(path: &str, text: &str) -> (String, Vec<Expected>) {
    let mut spec = String::new();
    let mut expected: Vec<Expected> = Vec::new();
    // The number of spec lines so far: the line an annotation points at.
    let mut source_lines = 0u32;
    // Whether the previous line belonged to an annotation.
    let mut in_annotation = false;
    for line in text.split_inclusive('\n') {
        let position = match classify(line) {
            Line::Caret(column, _) => {
                assert!(source_lines > 0, "{path}: an annotation with carets needs a line above it: {line:?}");
                Some((source_lines, column))
            }
            _ => None,
        };
        match classify(line) {
            Line::Caret(_, message) | Line::Unplaced(message) => {
                expected.push(Expected { file: path.to_owned(), position, message: message.to_owned(), hint: None });
                in_annotation = true;
            }
            Line::Comment(more) if in_annotation => {
                let last = expected.last_mut().expect("in an annotation");
                match (more.strip_prefix("hint: "), &mut last.hint) {
                    (Some(hint), None) => last.hint = Some(hint.to_owned()),
                    (Some(_), Some(_)) => panic!("{path}: an annotation with two hints: {line:?}"),
                    (None, Some(hint)) => *hint = format!("{hint} {more}"),
                    (None, None) => last.message = format!("{} {more}", last.message),
                }
            }
            Line::Comment(_) | Line::Source => {
                spec.push_str(line);
                source_lines += 1;
                in_annotation = false;
            }
        }
    }
    (spec, expected)
}

/// The width the rendered report underlines at `column` of `line`: the
/// value up to the next space, comma, bracket or brace, at least one
/// character (as `Diagnostics::render` draws it).
fn caret_width(line: &str, column: u32) -> usize {
    let rest: String = line.chars().skip(column as usize - 1).collect();
    let word: String = rest.chars().take_while(|c| !matches!(c, ' ' | ',' | ']' | '}' | '\t')).collect();
    word.strip_suffix(':').unwrap_or(&word).chars().count().max(1)
}

/// The annotation lines of one diagnostic, in the canonical layout: carets
/// under the value, the hint on the next line under `error`.
fn annotation(d: &Expected, source_line: &str) -> Vec<String> {
    let head = match d.position {
        Some((_, 1)) => format!("{} error: {}", "^".repeat(caret_width(source_line, 1)), d.message),
        Some((_, column)) => format!(
            "#{}{} error: {}",
            " ".repeat(column as usize - 2),
            "^".repeat(caret_width(source_line, column)),
            d.message
        ),
        None => format!("# error: {}", d.message),
    };
    let error_column = head.find("error: ").expect("the head says error") + 1;
    let mut lines = vec![head];
    if let Some(hint) = &d.hint {
        lines.push(format!("#{}hint: {hint}", " ".repeat(error_column.max(2) - 2)));
    }
    lines
}

/// `text` (a spec file without annotations) with the annotations of
/// `diagnostics` (those of this file, in order) put back in.
fn annotate(text: &str, diagnostics: &[&Expected]) -> String {
    let mut out = String::new();
    let unplaced = diagnostics.iter().filter(|d| d.position.is_none());
    for line in unplaced.flat_map(|d| annotation(d, "")) {
        out.push_str(&format!("{line}\n"));
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(&format!("{line}\n"));
        let here = diagnostics.iter().filter(|d| d.position.is_some_and(|(l, _)| l as usize == i + 1));
        for annotation in here.flat_map(|d| annotation(d, line)) {
            out.push_str(&format!("{annotation}\n"));
        }
    }
    // Positions past the last line (none expected, but say so if there are).
    let past = diagnostics.iter().filter(|d| d.position.is_some_and(|(l, _)| l as usize > lines.len()));
    for d in past {
        out.push_str(&format!("(past the end of the file) {}\n", d.line()));
    }
    out
}

/// Sorts as `Diagnostics` does: by file, then position (none first); the
/// sort is stable, so diagnostics at one position keep their order.
fn sorted(mut list: Vec<Expected>) -> Vec<Expected> {
    list.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    list
}

/// Each file with a diagnostic, annotated with the expected ones against the
/// actual ones, as a line diff of the whole file.
fn diff(files: &[(String, String)], expected: &[Expected], actual: &[Expected]) -> String {
    let mut paths: Vec<&str> = expected.iter().chain(actual).map(|d| d.file.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut out = String::new();
    for path in paths {
        let text = files.iter().find(|(p, _)| p == path).map_or("", |(_, t)| t.as_str());
        let of = |list: &[Expected]| annotate(text, &list.iter().filter(|d| d.file == path).collect::<Vec<_>>());
        let (want, got) = (of(expected), of(actual));
        out.push_str(&format!("--- {path} (expected)\n+++ {path} (actual)\n"));
        for change in similar::TextDiff::from_lines(&want, &got).iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Equal => ' ',
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
            };
            out.push_str(&format!("{sign}{change}"));
        }
    }
    out
}

// --- The base spec and its mutations ---

/// The base spec, to be mutated by one case.
#[derive(Debug, Clone)]
struct Spec {
    /// Each file's text, annotations included.
    files: Vec<(String, String)>,
    /// Position-less annotations about files the spec does not have.
    missing: Vec<(String, String)>,
    options: Options,
    max_yaml_nodes: Option<usize>,
}

fn base() -> Spec {
    Spec {
        files: [(API_PATH, API), (WIDGETS_PATH, WIDGETS), (WIDGET_PATH, WIDGET), (ERROR_PATH, ERROR)]
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect(),
        missing: Vec::new(),
        options: options(),
        max_yaml_nodes: None,
    }
}

impl Spec {
    fn text_mut(&mut self, path: &str) -> &mut String {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some((_, text)) => text,
            None => panic!("the spec has no file {path}"),
        }
    }

    /// Replaces the only occurrence of `from` in `path` with `to`.
    fn replace(mut self, path: &str, from: &str, to: &str) -> Self {
        let text = self.text_mut(path);
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in {path}");
        *text = text.replacen(from, to, 1);
        self
    }

    /// Inserts `insert` right after the only occurrence of `anchor` in `path`.
    fn insert_after(self, path: &str, anchor: &str, insert: &str) -> Self {
        let to = format!("{anchor}{insert}");
        self.replace(path, anchor, &to)
    }

    /// Adds a file, or replaces its whole text (one leading newline dropped;
    /// annotations allowed).
    fn file(mut self, path: &str, text: &str) -> Self {
        let text = fixture(text).to_owned();
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some((_, old)) => *old = text,
            None => self.files.push((path.to_owned(), text)),
        }
        self
    }

    fn remove(mut self, path: &str) -> Self {
        let before = self.files.len();
        self.files.retain(|(p, _)| p != path);
        assert_eq!(self.files.len(), before - 1, "the spec has no file {path}");
        self
    }

    /// Generates with other options.
    fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Generates with another limit of YAML nodes per file.
    fn max_yaml_nodes(mut self, limit: usize) -> Self {
        self.max_yaml_nodes = Some(limit);
        self
    }

    /// Puts the annotations of `excerpt` into `path`: its other lines are
    /// consecutive lines of the file (annotations already there skipped),
    /// found exactly once, and each annotation goes under the line it is
    /// under in the excerpt. Position-less annotations go to the top of the
    /// file, or, for a file the spec does not have, beside it.
    fn expect(mut self, path: &str, excerpt: &str) -> Self {
        let excerpt = fixture(excerpt);
        let Some(text) = self.files.iter_mut().find(|(p, _)| p == path).map(|(_, t)| t) else {
            assert!(
                excerpt.lines().all(|l| matches!(classify(l), Line::Unplaced(_) | Line::Comment(_))),
                "the spec has no file {path}: only position-less annotations can name it"
            );
            self.missing.push((path.to_owned(), excerpt.to_owned()));
            return self;
        };
        // The excerpt as context lines, each with the annotation lines under it.
        let mut top: Vec<&str> = Vec::new();
        let mut context: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut in_annotation = false;
        for line in excerpt.lines() {
            match classify(line) {
                Line::Unplaced(_) => {
                    top.push(line);
                    in_annotation = true;
                }
                Line::Caret(..) => {
                    let (_, under) = context.last_mut().expect("an annotation with carets needs a line above it");
                    under.push(line);
                    in_annotation = true;
                }
                Line::Comment(_) if in_annotation => match context.last_mut() {
                    Some((_, under)) if !under.is_empty() => under.push(line),
                    _ => top.push(line),
                },
                Line::Comment(_) | Line::Source => {
                    context.push((line, Vec::new()));
                    in_annotation = false;
                }
            }
        }
        let lines: Vec<&str> = text.lines().collect();
        // Indexes of the file's lines that are not annotations.
        let mut source: Vec<usize> = Vec::new();
        let mut in_annotation = false;
        for (i, line) in lines.iter().enumerate() {
            match classify(line) {
                Line::Caret(..) | Line::Unplaced(_) => in_annotation = true,
                Line::Comment(_) if in_annotation => {}
                Line::Comment(_) | Line::Source => {
                    source.push(i);
                    in_annotation = false;
                }
            }
        }
        let matches: Vec<usize> = if context.is_empty() {
            vec![0]
        } else {
            (0..source.len().saturating_sub(context.len() - 1))
                .filter(|&start| context.iter().enumerate().all(|(k, (l, _))| lines[source[start + k]] == *l))
                .collect()
        };
        assert_eq!(
            matches.len(),
            1,
            "the excerpt must occur exactly once in {path}; it occurs {} times:\n{excerpt}",
            matches.len()
        );
        // Each annotation goes after its line and the annotations already under it.
        let mut under_line: Vec<Vec<&str>> = vec![Vec::new(); lines.len()];
        for (k, (_, under)) in context.iter().enumerate() {
            let at = source[matches[0] + k];
            let end = source.iter().find(|&&i| i > at).map_or(lines.len(), |&i| i) - 1;
            under_line[end].extend(under);
        }
        let mut out: String = top.iter().map(|l| format!("{l}\n")).collect();
        for (i, line) in lines.iter().enumerate() {
            out.push_str(&format!("{line}\n"));
            out.extend(under_line[i].iter().map(|l| format!("{l}\n")));
        }
        if !text.ends_with('\n') {
            out.pop();
        }
        *text = out;
        self
    }

    /// The spec without its annotations, and the diagnostics they expect.
    fn stripped(&self) -> (Vec<(String, String)>, Vec<Expected>) {
        let mut files = Vec::new();
        let mut expected = Vec::new();
        for (path, text) in self.files.iter().chain(&self.missing) {
            let (spec, mut here) = strip(path, text);
            if !self.missing.iter().any(|(p, _)| p == path) {
                files.push((path.clone(), spec));
            }
            expected.append(&mut here);
        }
        (files, sorted(expected))
    }

    fn sources(&self) -> (SpecSources, Vec<(String, String)>, Vec<Expected>) {
        let (files, expected) = self.stripped();
        let list: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let mut sources = sources(&list);
        if let Some(limit) = self.max_yaml_nodes {
            sources = sources.with_max_yaml_nodes(limit);
        }
        (sources, files, expected)
    }

    /// Generates the spec and checks that it fails with exactly the
    /// diagnostics its annotations expect.
    #[track_caller]
    fn check(&self) {
        let (sources, files, expected) = self.sources();
        assert!(!expected.is_empty(), "the case expects no diagnostic: annotate the spec");
        let actual: Vec<Expected> = match restspec_codegen::generate(&sources, &self.options) {
            Ok(generated) => {
                let names: Vec<&str> = generated.iter().map(|f| f.path.as_str()).collect();
                panic!("expected diagnostics, but the spec generated {names:?}")
            }
            Err(diagnostics) => diagnostics.iter().map(Expected::of).collect(),
        };
        if actual != expected {
            let lines = |list: &[Expected]| list.iter().map(Expected::line).collect::<Vec<_>>().join("\n");
            panic!(
                "the diagnostics differ from the annotations\n\n{}\nexpected:\n{}\n\nactual:\n{}\n",
                diff(&files, &expected, &actual),
                lines(&expected),
                lines(&actual)
            );
        }
    }
}

/// Generates `spec` and returns the text of the generated file `path`.
fn generated(spec: &Spec, path: &str) -> String {
    let (sources, _, _) = spec.sources();
    let generated = restspec_codegen::generate(&sources, &spec.options).unwrap_or_else(|d| panic!("{d}"));
    generated.into_iter().find(|f| f.path == path).map(|f| f.contents).unwrap_or_else(|| panic!("no {path}"))
}

// --- The annotations themselves ---

#[test]
fn annotations_point_at_the_line_above_and_the_first_caret() {
    let text =
        "a: 1\nbb: [x, y]\n#       ^ error: one\n#        hint: two\n#          three\n^^ error: at\n#  column one\n";
    let (spec, expected) = strip("f.yaml", text);
    assert_eq!(spec, "a: 1\nbb: [x, y]\n");
    let at = |line, column, message: &str, hint: Option<&str>| Expected {
        file: "f.yaml".into(),
        position: Some((line, column)),
        message: message.into(),
        hint: hint.map(Into::into),
    };
    assert_eq!(expected, [at(2, 9, "one", Some("two three")), at(2, 1, "at column one", None)]);
    // The canonical layout reads back as the same diagnostics.
    let list: Vec<&Expected> = expected.iter().collect();
    assert_eq!(strip("f.yaml", &annotate(&spec, &list)), (spec.clone(), expected.clone()));
}

#[test]
fn position_less_annotations_and_yaml_comments() {
    // A YAML comment that does not follow an annotation stays in the spec.
    let text = "# error: no place\n#   hint: h\nkey: v\n# a comment\n";
    let (spec, expected) = strip("f.yaml", text);
    assert_eq!(spec, "key: v\n# a comment\n");
    assert_eq!(
        expected,
        [Expected { file: "f.yaml".into(), position: None, message: "no place".into(), hint: Some("h".into()) }]
    );
}

#[test]
fn an_excerpt_puts_its_annotations_under_the_lines_it_quotes() {
    let spec = base().expect(
        WIDGETS_PATH,
        "
  post:
# ^^^^ error: e1
    summary: Creates a widget
",
    );
    let (_, expected) = spec.stripped();
    assert_eq!(
        expected.iter().map(Expected::line).collect::<Vec<_>>(),
        ["spec/resources/widgets.yaml:26:3: error: e1"]
    );
}

#[test]
#[should_panic(expected = "the diagnostics differ from the annotations")]
fn a_wrong_column_fails() {
    base()
        .replace(WIDGETS_PATH, "method: POST", "method: post")
        .expect(
            WIDGETS_PATH,
            "
    method: post
#          ^^^^^ error: invalid HTTP method `post`
#                hint: did you mean `POST`? (methods are upper case)
",
        )
        .check();
}

#[test]
fn base_spec_generates() {
    let names: Vec<String> = {
        let (sources, _, _) = base().sources();
        let generated = restspec_codegen::generate(&sources, &options()).unwrap_or_else(|d| panic!("{d}"));
        assert!(
            generated
                .iter()
                .filter(|f| f.path.ends_with(".rs"))
                .all(|f| f.contents.starts_with(restspec_codegen::HEADER))
        );
        generated.into_iter().map(|f| f.path).collect()
    };
    assert_eq!(names, ["api-surface.txt", "mod.rs", "types.rs", "widgets.rs"]);
}

// --- YAML syntax and file shape ---

#[test]
fn yaml_syntax_error() {
    base()
        .replace(WIDGETS_PATH, "summary: Creates a widget", "summary: Creates: a widget")
        .expect(
            WIDGETS_PATH,
            r"
    summary: Creates: a widget
#                   ^ error: mapping values are not allowed in this context
",
        )
        .check();
}

#[test]
fn tab_indentation() {
    base()
        .replace(WIDGETS_PATH, "  post:\n    summary", "  post:\n\tsummary")
        // The tab, written `\t`, is column 1.
        .expect(
            WIDGETS_PATH,
            "
\tsummary: Creates a widget
#^^^^^^^ error: tabs disallowed within this context (block indentation)
#        hint: indent with spaces; YAML does not allow tabs for indentation
",
        )
        .check();
}

#[test]
fn tab_indentation_after_a_plain_scalar() {
    // The YAML parser reports this tab at the end of the scalar before it.
    base()
        .replace(WIDGETS_PATH, "    method: POST", "\tmethod: POST")
        .expect(
            WIDGETS_PATH,
            r"
    summary: Creates a widget
#            ^^^^^^^ error: while scanning a plain scalar, found a tab
#                    hint: indent with spaces; YAML does not allow tabs for indentation
",
        )
        .check();
}

#[test]
fn unknown_key_suggests_the_nearest() {
    base()
        .replace(WIDGETS_PATH, "    summary: Creates a widget", "    sumary: Creates a widget")
        .expect(
            WIDGETS_PATH,
            r"
    sumary: Creates a widget
#   ^^^^^^ error: unknown field `sumary`, expected one of summary, description, method, path, auth, scopes,
#                 deny_oauth_tokens, allow_unverified, params, responses, pagination, stream, event
#          hint: did you mean `summary`?
",
        )
        .check();
}

#[test]
fn unknown_key_in_api_file() {
    base()
        .replace(API_PATH, "base_url:", "base_uri:")
        .expect(
            API_PATH,
            r"
base_uri: https://api.example.com
^^^^^^^^ error: unknown field `base_uri`, expected one of name, description, version, base_url, headers, auth,
#               error_schema, global_params, groups
#        hint: did you mean `base_url`?
",
        )
        .check();
}

#[test]
fn wrong_value_type() {
    base()
        .replace(WIDGETS_PATH, "ref: widget\n        required: true", "ref: widget\n        required: maybe")
        .expect(
            WIDGETS_PATH,
            r"
        required: maybe
#                 ^^^^^ error: invalid boolean
#                       hint: write `true` or `false`
",
        )
        .check();
}

#[test]
fn wrong_value_type_for_an_integer() {
    base()
        .replace(WIDGETS_PATH, "- code: 201", "- code: created")
        .expect(
            WIDGETS_PATH,
            r"
        - code: created
#               ^^^^^^^ error: expected an integer
#                       hint: write a whole number, such as 200
",
        )
        .check();
}

#[test]
fn list_where_a_string_belongs() {
    base()
        .replace(WIDGETS_PATH, "method: POST", "method: [POST]")
        .expect(
            WIDGETS_PATH,
            r"
    method: [POST]
#           ^^^^^ error: expected string scalar
",
        )
        .check();
}

#[test]
fn resource_without_actions() {
    base()
        .file(
            WIDGETS_PATH,
            r"
resource: widgets
description: Nothing to do.
^^^^^^^^^^^ error: missing field `actions`
#           hint: add the key; see spec/README.md for what each file must declare
",
        )
        .check();
}

#[test]
fn resource_with_no_actions() {
    base()
        .file(
            WIDGETS_PATH,
            r"
resource: widgets
#         ^^^^^^^ error: the resource has no actions
#                 hint: add an action under `actions:`
actions: {}
",
        )
        .check();
}

#[test]
fn api_without_base_url() {
    base()
        .replace(API_PATH, "base_url: https://api.example.com\n", "")
        .expect(
            API_PATH,
            r"
error_schema: error
^^^^^^^^^^^^ error: missing field `base_url`
#            hint: add the key; see spec/README.md for what each file must declare
",
        )
        .check();
}

#[test]
fn schema_without_type() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
#       ^^^^ error: the schema has no `type`
#            hint: add `type:` (object, string, array or map), or `one_of:`
properties:
  text:
    type: string
",
        )
        .check();
}

#[test]
fn empty_file() {
    base()
        // An empty line, and one of spaces (written escaped, to be seen).
        .file(
            WIDGETS_PATH,
            "\n\n^ error: the file is empty\n# hint: write the file's mapping, or delete the file\n  \n",
        )
        .check();
}

#[test]
fn file_of_only_comments() {
    base()
        .file(
            WIDGETS_PATH,
            r"
# widgets, some day
^ error: the file is empty
# hint: write the file's mapping, or delete the file
",
        )
        .check();
}

#[test]
fn file_that_is_a_list() {
    base()
        .file(
            WIDGETS_PATH,
            r"
- resource: widgets
^ error: expected mapping start
# hint: the file must be a YAML mapping of keys to values
- actions: {}
",
        )
        .check();
}

#[test]
fn file_that_is_a_scalar() {
    base()
        .file(
            WIDGETS_PATH,
            r"
widgets
^^^^^^^ error: expected mapping start
#       hint: the file must be a YAML mapping of keys to values
",
        )
        .check();
}

#[test]
fn duplicate_action_key() {
    base()
        .replace(WIDGETS_PATH, "  post:\n", "  get:\n")
        .expect(
            WIDGETS_PATH,
            r"
          schema: error
  get:
# ^^^ error: duplicate mapping key: get
#     hint: each key may appear once in a mapping; remove or rename one
",
        )
        .check();
}

#[test]
fn missing_api_file() {
    base()
        .remove(API_PATH)
        .expect(
            "api.yaml",
            r"
# error: the spec has no api.yaml
# hint: create api.yaml beside resources/ and schemas/
",
        )
        .check();
}

#[test]
fn second_api_file() {
    base()
        .file("spec/v2/api.yaml", API)
        .expect(
            "spec/v2/api.yaml",
            r"
# error: a second API file
# hint: keep exactly one api.yaml
",
        )
        .check();
}

// --- The API file ---

#[test]
fn base_url_is_not_http() {
    base()
        .replace(API_PATH, "https://api.example.com", "api.example.com")
        .expect(
            API_PATH,
            r"
base_url: api.example.com
#         ^^^^^^^^^^^^^^^ error: `base_url` must be an http:// or https:// URL
",
        )
        .check();
}

#[test]
fn unknown_auth_scheme() {
    base()
        .replace(API_PATH, "scheme: bearer", "scheme: basic")
        .expect(
            API_PATH,
            r"
  scheme: basic
#         ^^^^^ error: unknown auth scheme `basic`
#               hint: use `bearer`
",
        )
        .check();
}

#[test]
fn duplicate_header() {
    base()
        .replace(API_PATH, "auth:", "headers:\n  - name: Accept\n    value: a\n  - name: accept\n    value: b\nauth:")
        .expect(
            API_PATH,
            r"
  - name: accept
#         ^^^^^^ error: header `accept` is declared twice
",
        )
        .check();
}

#[test]
fn global_param_in_the_path() {
    base()
        .replace(
            API_PATH,
            "auth:",
            "global_params:\n  - name: x\n    in: path\n    type: string\n    required: true\nauth:",
        )
        .expect(
            API_PATH,
            r"
    in: path
#       ^^^^ error: global params travel in the query or a header
#            hint: move path and body params to the actions
",
        )
        .check();
}

#[test]
fn unknown_error_schema() {
    base()
        .replace(API_PATH, "error_schema: error", "error_schema: errors")
        .expect(
            API_PATH,
            r"
error_schema: errors
#             ^^^^^^ error: unknown schema `errors`
#                    hint: did you mean `error`?
",
        )
        .check();
}

// --- Resources and actions ---

#[test]
fn duplicate_resource() {
    base()
        .file("spec/resources/widgets.yml", WIDGETS)
        .expect(
            "spec/resources/widgets.yml",
            r"
resource: widgets
#         ^^^^^^^ error: resource `widgets` is declared twice (first in spec/resources/widgets.yaml)
#                 hint: rename or remove one of them
",
        )
        .check();
}

#[test]
fn resources_that_become_the_same_module() {
    base()
        .file("spec/resources/Widgets.yaml", &WIDGETS.replace("resource: widgets", "resource: Widgets"))
        .expect(
            WIDGETS_PATH,
            r"
resource: widgets
#         ^^^^^^^ error: resources `Widgets` (in spec/resources/Widgets.yaml) and `widgets` both become the Rust
#                        module `widgets`
#                 hint: rename or remove one of them
",
        )
        .check();
}

#[test]
fn resource_named_like_what_the_client_declares() {
    let renamed = |name: &str| WIDGETS.replace("resource: widgets", &format!("resource: {name}"));
    base()
        .remove(WIDGETS_PATH)
        .file("spec/resources/commonParams.yaml", &renamed("commonParams"))
        .expect(
            "spec/resources/commonParams.yaml",
            r"
resource: commonParams
#         ^^^^^^^^^^^^ error: resource `commonParams` becomes the Rust type `CommonParams`, which the client
#                             declares itself
#                      hint: rename the resource
",
        )
        .check();
    base()
        .remove(WIDGETS_PATH)
        .file("spec/resources/types.yaml", &renamed("types"))
        .expect(
            "spec/resources/types.yaml",
            r"
resource: types
#         ^^^^^ error: resource `types` becomes the Rust module `types`, which holds the schema types
#               hint: rename the resource
",
        )
        .check();
}

#[test]
fn file_name_does_not_match_resource() {
    base()
        .remove(WIDGETS_PATH)
        .file("spec/resources/gadgets.yaml", WIDGETS)
        .expect(
            "spec/resources/gadgets.yaml",
            r"
resource: widgets
#         ^^^^^^^ error: the file declares resource `widgets` but is named `gadgets`
#                 hint: rename the file to widgets.yaml
",
        )
        .check();
}

#[test]
fn invalid_http_method() {
    base()
        .replace(WIDGETS_PATH, "method: POST", "method: post")
        .expect(
            WIDGETS_PATH,
            r"
    method: post
#           ^^^^ error: invalid HTTP method `post`
#                hint: did you mean `POST`? (methods are upper case)
",
        )
        .check();
}

#[test]
fn action_without_scopes() {
    base()
        .replace(WIDGETS_PATH, "    scopes: [widgets.post]\n", "")
        .expect(
            WIDGETS_PATH,
            r"
  post:
# ^^^^ error: action `post` has no scopes
#      hint: list the scopes of which a token needs one under `scopes:`, or set `auth: false`
",
        )
        .check();
}

#[test]
fn action_with_empty_scopes() {
    base()
        .replace(WIDGETS_PATH, "scopes: [widgets.post]", "scopes: []")
        .expect(
            WIDGETS_PATH,
            r"
    scopes: []
#           ^ error: action `post` has no scopes
#             hint: list the scopes of which a token needs one under `scopes:`, or set `auth: false`
",
        )
        .check();
}

#[test]
fn action_without_auth_but_with_scopes() {
    base()
        .insert_after(WIDGETS_PATH, "    method: POST\n", "    auth: false\n")
        .expect(
            WIDGETS_PATH,
            r"
    scopes: [widgets.post]
#           ^^^^^^^^^^^^^ error: an action with `auth: false` has no scopes
#                         hint: remove `scopes:` or `auth: false`
",
        )
        .check();
}

/// `deny_oauth_tokens` and `allow_unverified` say who may call an action
/// with a token: on an action that takes none, each is reported where it is
/// written (and `false` is no claim, so it is accepted).
#[test]
fn token_rules_on_an_action_without_auth() {
    base()
        .replace(WIDGETS_PATH, "    scopes: [widgets.post]\n", "")
        .insert_after(
            WIDGETS_PATH,
            "    method: POST\n",
            "    auth: false\n    deny_oauth_tokens: true\n    allow_unverified: true\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
    deny_oauth_tokens: true
#                      ^^^^ error: `deny_oauth_tokens` is about the token, and an action with `auth: false` takes none
#                           hint: remove `deny_oauth_tokens` or `auth: false`
    allow_unverified: true
#                     ^^^^ error: `allow_unverified` is about the token, and an action with `auth: false` takes none
#                          hint: remove `allow_unverified` or `auth: false`
",
        )
        .check();
    let no_claim = base().replace(WIDGETS_PATH, "    scopes: [widgets.post]\n", "").insert_after(
        WIDGETS_PATH,
        "    method: POST\n",
        "    auth: false\n    deny_oauth_tokens: false\n",
    );
    assert!(!generated(&no_claim, "widgets.rs").contains("OAuth"));
    // With a token, both are documented beside the scopes.
    let rules = base().insert_after(
        WIDGETS_PATH,
        "    method: POST\n",
        "    deny_oauth_tokens: true\n    allow_unverified: true\n",
    );
    let code = generated(&rules, "widgets.rs");
    assert!(
        code.contains(
            "scopes: `widgets.post`. The API refuses OAuth tokens for this action, whatever their scopes. \
             A user whose email address is not verified may call it."
        ),
        "{code}"
    );
}

#[test]
fn action_without_success_response() {
    base()
        .replace(WIDGETS_PATH, "      success:\n        - code: 200\n          schema: widget\n", "")
        .expect(
            WIDGETS_PATH,
            r"
      errors:
#     ^^^^^^ error: action `get` has no success response
#            hint: add a `success:` entry with `code` and `schema`
",
        )
        .check();
}

#[test]
fn action_without_responses() {
    base()
        .replace(WIDGETS_PATH, "    responses:\n      success:\n        - code: 201\n          schema: widget\n", "")
        .expect(
            WIDGETS_PATH,
            r"
  post:
# ^^^^ error: action `post` has no `responses`
#      hint: add `responses:` with at least one `success` entry
",
        )
        .check();
}

#[test]
fn status_code_out_of_range() {
    base()
        .replace(WIDGETS_PATH, "- code: 404", "- code: 600")
        .expect(
            WIDGETS_PATH,
            r"
        - code: 600
#               ^^^ error: `600` is not an HTTP status code
#                   hint: status codes run from 100 to 599
",
        )
        .check();
}

#[test]
fn success_code_that_is_not_2xx() {
    base()
        .replace(WIDGETS_PATH, "- code: 201", "- code: 302")
        .expect(
            WIDGETS_PATH,
            r"
        - code: 302
#               ^^^ error: status 302 is not a success status
#                   hint: success responses use 200..=299
",
        )
        .check();
}

#[test]
fn error_code_that_is_not_an_error() {
    base()
        .replace(WIDGETS_PATH, "- code: 404", "- code: 204")
        .expect(
            WIDGETS_PATH,
            r"
        - code: 204
#               ^^^ error: status 204 is not an error status
#                   hint: error responses use 400..=599
",
        )
        .check();
}

#[test]
fn success_status_documented_twice() {
    base()
        .replace(
            WIDGETS_PATH,
            "          schema: widget\n      errors:",
            "          schema: widget\n        - code: 200\n      errors:",
        )
        .expect(
            WIDGETS_PATH,
            r"
          schema: widget
        - code: 200
#               ^^^ error: status 200 is documented twice
",
        )
        .check();
}

/// An error response may name a schema other than the error schema: the
/// action's info lists the status with that schema, and the API's info how
/// it decodes.
#[test]
fn error_response_with_its_own_schema_is_accepted() {
    let spec = base().replace(WIDGETS_PATH, "          schema: error\n", "          schema: widget\n");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d:?}"));
    let text = |path: &str| &generated.iter().find(|f| f.path == path).expect("generated").contents;
    assert!(text("widgets.rs").contains(".with_error_statuses(&[(404, \"widget\")])"));
    assert!(text("mod.rs").contains("crate::runtime::ErrorSchema::of::<types::Widget>(\"widget\")"));
}

#[test]
fn error_response_naming_an_unknown_schema() {
    base()
        .replace(WIDGETS_PATH, "          schema: error\n", "          schema: erorr\n")
        .expect(
            WIDGETS_PATH,
            r"
        - code: 404
          schema: erorr
#                 ^^^^^ error: unknown schema `erorr`
#                       hint: did you mean `error`?
",
        )
        .check();
}

#[test]
fn error_response_that_is_an_enum() {
    base()
        .file("spec/schemas/status.yaml", "schema: status\ntype: string\nenum: [on, off]\n")
        .replace(WIDGETS_PATH, "          schema: error\n", "          schema: status\n")
        .expect(
            WIDGETS_PATH,
            r"
        - code: 404
          schema: status
#                 ^^^^^^ error: a response body cannot be a bare enum
#                        hint: wrap the value in an object schema
",
        )
        .check();
}

#[test]
fn error_status_documented_twice() {
    base()
        .replace(
            WIDGETS_PATH,
            "        - code: 404\n          schema: error\n",
            "        - code: 404\n          schema: error\n        - code: 404\n          schema: widget\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
          schema: error
        - code: 404
#               ^^^ error: status 404 is documented twice
",
        )
        .check();
}

#[test]
fn response_body_that_is_an_enum() {
    base()
        .file("spec/schemas/status.yaml", "schema: status\ntype: string\nenum: [on, off]\n")
        .replace(WIDGETS_PATH, "- code: 201\n          schema: widget", "- code: 201\n          schema: status")
        .expect(
            WIDGETS_PATH,
            r"
          schema: status
#                 ^^^^^^ error: a response body cannot be a bare enum
#                        hint: wrap the value in an object schema
",
        )
        .check();
}

#[test]
fn unknown_schema_reference() {
    base()
        .replace(WIDGETS_PATH, "        ref: widget\n", "        ref: widgte\n")
        .expect(
            WIDGETS_PATH,
            r"
        ref: widgte
#            ^^^^^^ error: unknown schema `widgte`
#                   hint: did you mean `widget`?
",
        )
        .check();
}

#[test]
fn unknown_schema_reference_without_a_near_name() {
    base()
        .replace(WIDGETS_PATH, "- code: 201\n          schema: widget", "- code: 201\n          schema: gizmo")
        .expect(
            WIDGETS_PATH,
            r"
          schema: gizmo
#                 ^^^^^ error: unknown schema `gizmo`
#                       hint: declare it in spec/schemas/gizmo.yaml, or fix the name
",
        )
        .check();
}

// --- Paths and params ---

#[test]
fn path_placeholder_without_path_param() {
    base()
        .replace(
            WIDGETS_PATH,
            "path: /apps/{appId}/widgets\n    scopes: [widgets.post]",
            "path: /apps/{appId}/widgets/{widgetId}\n    scopes: [widgets.post]",
        )
        .expect(
            WIDGETS_PATH,
            r"
    path: /apps/{appId}/widgets/{widgetId}
#         ^^^^^^^^^^^^ error: the path placeholder `{widgetId}` has no path param
#                      hint: declare a param `widgetId` with `in: path` and `required: true`
",
        )
        .check();
}

#[test]
fn path_placeholder_of_a_query_param() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId}/widgets/{sortDirection}\n    scopes: [widgets.get]")
        .expect(
            WIDGETS_PATH,
            r"
    path: /apps/{appId}/widgets/{sortDirection}
#         ^^^^^^^^^^^^ error: the path placeholder `{sortDirection}` has no path param
#                      hint: `sortDirection` is declared, but not `in: path`
",
        )
        .check();
}

#[test]
fn path_param_without_placeholder() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /widgets\n    scopes: [widgets.get]")
        .expect(
            WIDGETS_PATH,
            r"
    scopes: [widgets.get]
    params:
      - name: appId
#             ^^^^^ error: path param `appId` does not appear in the path `/widgets`
#                   hint: add `{appId}` to the path, or move the param to the query
",
        )
        .check();
}

#[test]
fn path_param_not_required() {
    base()
        .replace(WIDGETS_PATH, "        required: true\n      - name: sortDirection", "      - name: sortDirection")
        .expect(
            WIDGETS_PATH,
            r"
    scopes: [widgets.get]
    params:
      - name: appId
#             ^^^^^ error: path param `appId` must be `required: true`
#                   hint: a path cannot leave a segment out
",
        )
        .check();
}

#[test]
fn path_without_leading_slash() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: apps/{appId}/widgets\n    scopes: [widgets.get]")
        .expect(
            WIDGETS_PATH,
            r"
    path: apps/{appId}/widgets
#         ^^^^^^^^^^^ error: a path starts with `/`
",
        )
        .check();
}

#[test]
fn path_placeholder_never_closed() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId/widgets\n    scopes: [widgets.get]")
        .expect(
            WIDGETS_PATH,
            r"
    path: /apps/{appId/widgets
#         ^^^^^^^^^^^^^^^^^^^^ error: a `{` in the path is never closed
#                              hint: write placeholders as {paramName}
",
        )
        .check();
}

#[test]
fn path_placeholder_twice() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId}/{appId}\n    scopes: [widgets.get]")
        .expect(
            WIDGETS_PATH,
            r"
    path: /apps/{appId}/{appId}
#         ^^^^^^^^^^^^ error: the placeholder `{appId}` appears twice
",
        )
        .check();
}

#[test]
fn default_not_among_enum_values() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "default: up")
        .expect(
            WIDGETS_PATH,
            r"
        default: up
#                ^^ error: default `up` is not among the allowed values (asc, desc)
#                   hint: fix the default, or the type or allowed values
",
        )
        .check();
}

#[test]
fn default_of_the_wrong_type() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: page\n        in: query\n        type: integer\n        default: first\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
        default: first
#                ^^^^^ error: default `first` does not fit type integer
#                      hint: fix the default, or the type or allowed values
",
        )
        .check();
}

#[test]
fn default_of_the_wrong_type_for_an_enum() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "default: true")
        .expect(
            WIDGETS_PATH,
            r"
        default: true
#                ^^^^ error: default `true` is not among the allowed values (asc, desc)
#                     hint: fix the default, or the type or allowed values
",
        )
        .check();
}

#[test]
fn required_param_with_a_default() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "default: asc\n        required: true")
        .expect(
            WIDGETS_PATH,
            r"
        default: asc
#                ^^^ error: a required param cannot have a default
#                    hint: drop `default` or `required`
",
        )
        .check();
}

#[test]
fn send_default_without_default() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "send_default: true")
        .expect(
            WIDGETS_PATH,
            r"
        send_default: true
#                     ^^^^ error: `send_default` needs a `default`
",
        )
        .check();
}

#[test]
fn duplicate_param_name() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: sortDirection\n        in: query\n        type: string\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
        default: asc
      - name: sortDirection
#             ^^^^^^^^^^^^^ error: param `sortDirection` is declared twice (also as another param)
#                           hint: remove or rename one
",
        )
        .check();
}

#[test]
fn param_that_is_also_a_global_param() {
    base()
        .replace(API_PATH, "auth:", "global_params:\n  - name: sortDirection\n    in: query\n    type: string\nauth:")
        .expect(
            WIDGETS_PATH,
            r"
      - name: sortDirection
#             ^^^^^^^^^^^^^ error: param `sortDirection` is declared twice (also as a global param)
#                           hint: remove or rename one
",
        )
        .check();
}

#[test]
fn params_collide_after_case_conversion() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: sortField\n        in: query\n        type: string\n      \
             - name: sort_field\n        in: query\n        type: string\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
      - name: sort_field
#             ^^^^^^^^^^ error: params `sortField` and `sort_field` both become the Rust name `sort_field`
#                        hint: rename one of them
",
        )
        .check();
}

#[test]
fn params_named_like_builder_members_are_renamed_and_keep_their_wire_names() {
    let params = [
        "send",
        "sendBlocking",
        "sendWithResponse",
        "intoFuture",
        "timeout",
        "retry",
        "clone",
        "pages",
        "items",
        "pageLimit",
    ]
    .iter()
    .map(|name| format!("      - name: {name}\n        in: query\n        type: string\n"))
    .collect::<String>();
    let spec = base().insert_after(WIDGETS_PATH, AFTER_SORT, &params);
    let widgets = generated(&spec, "widgets.rs");
    for (rust, wire) in [
        ("send_", "send"),
        ("send_blocking_", "sendBlocking"),
        ("send_with_response_", "sendWithResponse"),
        ("into_future_", "intoFuture"),
        ("timeout_", "timeout"),
        ("retry_", "retry"),
        ("clone_", "clone"),
        ("pages_", "pages"),
        ("items_", "items"),
        ("page_limit_", "pageLimit"),
    ] {
        assert!(widgets.contains(&format!("pub fn {rust}(mut self, value: impl Into<String>) -> Self")), "{rust}");
        assert!(widgets.contains(&format!("request.query(\"{wire}\", value);")), "{wire}");
    }
    // The builder's own members are still there, once each (`send`,
    // `send_with_response` and `into_future` come from the shared members
    // macro, in the root, and call the builder's `request_`).
    assert_eq!(widgets.matches("fn request_(&self)").count(), 2);
}

#[test]
fn params_that_collide_after_renaming_are_reported() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: send\n        in: query\n        type: string\n      - name: send_\n        in: query\n        \
             type: string\n",
        )
        .expect(WIDGETS_PATH, r"
      - name: send_
#             ^^^^^ error: params `send` and `send_` both become the Rust name `send_`
#                   hint: rename one of them
").check();
}

#[test]
fn param_without_name() {
    base()
        .replace(WIDGETS_PATH, "      - name: sortDirection\n        in: query", "      - in: query")
        .expect(
            WIDGETS_PATH,
            r"
      - in: query
#           ^^^^^ error: a param has no `name`
#                 hint: add `name:` with the param's name on the wire
",
        )
        .check();
}

#[test]
fn unknown_param_location() {
    base()
        .replace(WIDGETS_PATH, "in: query", "in: cookie")
        .expect(
            WIDGETS_PATH,
            r"
        in: cookie
#           ^^^^^^ error: unknown param location `cookie`
#                  hint: use path, query, header, body or multipart
",
        )
        .check();
}

#[test]
fn unknown_param_type() {
    base()
        .replace(WIDGETS_PATH, "        in: query\n        type: string", "        in: query\n        type: strng")
        .expect(
            WIDGETS_PATH,
            r"
        type: strng
#             ^^^^^ error: unknown type `strng`
#                   hint: did you mean `string`? (types: string, integer, number, boolean, array, map, any,
#                         file, or `ref: <schema>`)
",
        )
        .check();
}

#[test]
fn body_param_on_get() {
    base()
        .insert_after(WIDGETS_PATH, AFTER_SORT, "      - name: filter\n        in: body\n        ref: widget\n")
        .expect(
            WIDGETS_PATH,
            r"
      - name: filter
#             ^^^^^^ error: a GET action cannot have a body param
#                    hint: send the value in the query, or change the method
",
        )
        .check();
}

#[test]
fn two_body_params() {
    base()
        .insert_after(
            WIDGETS_PATH,
            "        ref: widget\n        required: true\n",
            "      - name: extra\n        in: body\n        ref: widget\n",
        )
        .expect(
            WIDGETS_PATH,
            r"
      - name: extra
#             ^^^^^ error: an action has at most one body param
#                   hint: merge the body params into one schema
",
        )
        .check();
}

#[test]
fn body_param_that_is_a_string() {
    base()
        .replace(
            WIDGETS_PATH,
            "        ref: widget\n        required: true",
            "        type: string\n        required: true",
        )
        .expect(
            WIDGETS_PATH,
            r"
      - name: widget
#             ^^^^^^ error: body param `widget` cannot be string
#                    hint: a body is an object, an array, a map or `any`
",
        )
        .check();
}

#[test]
fn query_param_that_is_a_file() {
    base()
        .replace(WIDGETS_PATH, "type: string\n        enum: [asc, desc]\n        default: asc", "type: file")
        .expect(
            WIDGETS_PATH,
            r"
      - name: sortDirection
#             ^^^^^^^^^^^^^ error: query param `sortDirection` cannot be file
#                           hint: files travel as `in: multipart` params
",
        )
        .check();
}

#[test]
fn enum_values_differing_in_case_are_variants_named_by_their_case() {
    let spec = base().replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, desc, ASC, '', '*', none, unknown, '0']");
    let code = generated(&spec, "widgets.rs");
    for (variant, wire) in [
        ("AscLower", "\"asc\""),
        ("Desc", "\"desc\""),
        ("AscUpper", "\"ASC\""),
        ("Empty", "\"\""),
        ("Star", "\"*\""),
        ("NoneValue", "\"none\""),
        ("UnknownValue", "\"unknown\""),
        ("V0", "\"0\""),
    ] {
        assert!(code.contains(&format!("SortDirection::{variant} => {wire},")), "{variant} {wire}:\n{code}");
    }
}

#[test]
fn enums_of_integers_numbers_and_booleans() {
    let spec = base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [0, 1, -1]\n        default: 1",
        )
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "  ratio:\n    type: number\n    enum: [1, 2.5]\n  on:\n    type: boolean\n    enum: [true, false]\n  \
             done:\n    type: boolean\n    enum: [true]\n",
        );
    let code = generated(&spec, "widgets.rs");
    assert!(code.contains("SortDirection::Minus1 => -1,"), "{code}");
    let types = generated(&spec, "types.rs");
    assert!(types.contains("Ratio::V2_5 => serializer.serialize_f64(2.5),"), "{types}");
    assert!(types.contains("Ratio::V1 => serializer.serialize_i64(1),"), "{types}");
    assert!(types.contains("pub fn as_bool(&self) -> bool"), "{types}");
    // One allowed boolean is a `bool` whose docs say the value: no enum.
    assert!(types.contains("pub done: Option<bool>,") && !types.contains("enum Done"), "{types}");
    assert!(types.contains("always `true`"), "{types}");
}

#[test]
fn enum_value_not_of_the_enum_type() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: boolean\n        enum: [true, yes]",
        )
        .expect(
            WIDGETS_PATH,
            r"
        enum: [true, yes]
#             ^^^^^ error: enum value `yes` is not a boolean
#                   hint: every value of an enum has the enum's type
",
        )
        .check();
}

#[test]
fn number_enum_value_listed_twice() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: number\n        enum: [1, 1.0]",
        )
        .expect(
            WIDGETS_PATH,
            r"
        enum: [1, 1.0]
#             ^^ error: enum value `1.0` is listed twice
",
        )
        .check();
}

#[test]
fn enum_default_of_another_type() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [1, 2]\n        default: '1'",
        )
        .expect(
            WIDGETS_PATH,
            r"
        default: '1'
#                ^^^ error: default `1` is not among the allowed values (1, 2)
#                    hint: fix the default, or the type or allowed values
",
        )
        .check();
}

#[test]
fn enum_on_an_array() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: array\n        items: {type: string}\n        enum: [asc]",
        )
        .expect(
            WIDGETS_PATH,
            r"
        enum: [asc]
#             ^^^^ error: `enum` is only for strings, integers, numbers and booleans, not `array`
",
        )
        .check();
}

#[test]
fn integer_schema_without_enum() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
type: integer
#     ^^^^^^^ error: an integer schema needs `enum`
#             hint: list the allowed values
",
        )
        .check();
}

#[test]
fn enum_value_listed_twice() {
    base()
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, desc, asc]")
        .expect(
            WIDGETS_PATH,
            r"
        enum: [asc, desc, asc]
#             ^^^^ error: enum value `asc` is listed twice
",
        )
        .check();
}

#[test]
fn enum_without_values() {
    base()
        .replace(WIDGETS_PATH, "enum: [asc, desc]\n        default: asc", "enum: []")
        .expect(
            WIDGETS_PATH,
            r"
        enum: []
#             ^ error: `enum` lists no values
#               hint: list the allowed values, or drop `enum`
",
        )
        .check();
}

#[test]
fn enum_on_an_integer() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [asc, desc]",
        )
        .expect(
            WIDGETS_PATH,
            r"
        enum: [asc, desc]
#             ^^^^ error: enum value `asc` is not an integer
#                  hint: every value of an enum has the enum's type
#             ^^^^ error: enum value `desc` is not an integer
#                  hint: every value of an enum has the enum's type
",
        )
        .check();
}

// --- Schemas ---

#[test]
fn duplicate_schema() {
    base()
        .file("spec/schemas/widget.yml", WIDGET)
        .expect(
            "spec/schemas/widget.yml",
            r"
schema: widget
#       ^^^^^^ error: schema `widget` is declared twice (first in spec/schemas/widget.yaml)
#              hint: rename or remove one of them
",
        )
        .check();
}

#[test]
fn file_name_does_not_match_schema() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: notes
#       ^^^^^ error: the file declares schema `notes` but is named `note`
#             hint: rename the file to notes.yaml
type: object
properties:
  text:
    type: string
",
        )
        .check();
}

#[test]
fn schema_with_unknown_type() {
    base()
        .replace(WIDGET_PATH, "type: object\nproperties:", "type: record\nproperties:")
        .expect(
            WIDGET_PATH,
            r"
type: record
#     ^^^^^^ error: a schema's `type` is `object`, `array`, `map`, or `string`, `integer`, `number` or `boolean`
#                   with `enum`, not `record`
#            hint: or leave `type` out and give `one_of`
",
        )
        .check();
}

#[test]
fn string_schema_without_enum() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
type: string
#     ^^^^^^ error: a string schema needs `enum`
#            hint: list the allowed values
",
        )
        .check();
}

#[test]
fn object_schema_without_properties() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
type: object
#     ^^^^^^ error: an object schema needs `properties`
",
        )
        .check();
}

#[test]
fn string_schema_enum_values_differing_in_case() {
    let types = generated(&base().file(NOTE_PATH, "schema: note\ntype: string\nenum: [asc, ASC]\n"), "types.rs");
    assert!(types.contains("Note::AscLower => \"asc\",") && types.contains("Note::AscUpper => \"ASC\","), "{types}");
}

#[test]
fn inline_object_property() {
    base()
        .replace(
            WIDGET_PATH,
            "  tags:\n    type: array\n    items:\n      type: string\n",
            "  owner:\n    type: object\n",
        )
        .expect(
            WIDGET_PATH,
            r"
    type: object
#         ^^^^^^ error: inline objects are not supported
#                hint: declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`;
#                      `type: any` takes any JSON value
",
        )
        .check();
}

#[test]
fn inline_object_items() {
    base()
        .replace(WIDGET_PATH, "      type: string", "      type: object")
        .expect(
            WIDGET_PATH,
            r"
      type: object
#           ^^^^^^ error: inline objects are not supported
#                  hint: declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`;
#                        `type: any` takes any JSON value
",
        )
        .check();
}

#[test]
fn type_and_ref() {
    base()
        .replace(WIDGET_PATH, "  name:\n    type: string", "  name:\n    ref: error\n    type: string")
        .expect(
            WIDGET_PATH,
            r"
    ref: error
#        ^^^^^ error: give one of `type`, `ref` or `one_of`
#              hint: keep the one you mean
",
        )
        .check();
}

#[test]
fn properties_collide_after_case_conversion() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  Name:\n    type: string\n")
        .expect(
            WIDGET_PATH,
            r"
  Name:
# ^^^^ error: properties `name` and `Name` both become the Rust field `name`
#      hint: rename one of them
",
        )
        .check();
}

#[test]
fn inline_enum_collides_with_a_schema() {
    // `status` is also declared with other values (on the `state` schema),
    // so neither takes the bare name `Status`; the qualified name of
    // `widget`'s is a schema's.
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  status:\n    type: string\n    enum: [on, off]\n")
        .file("spec/schemas/widgetStatus.yaml", "schema: widgetStatus\ntype: string\nenum: [up, down]\n")
        .file(
            "spec/schemas/state.yaml",
            "schema: state\ntype: object\nproperties:\n  status:\n    type: string\n    enum: [x, y]\n",
        )
        .expect(
            WIDGET_PATH,
            r"
  status:
# ^^^^^^ error: the Rust type `WidgetStatus` would be generated twice (also for schema `widgetStatus`)
#        hint: rename a property or schema, or set `rust_name`
",
        )
        .check();
}

#[test]
fn an_inline_enum_with_a_schemas_values_is_that_schema() {
    let spec = base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  status:\n    type: string\n    enum: [on, off]\n")
        .file("spec/schemas/widgetStatus.yaml", "schema: widgetStatus\ntype: string\nenum: [off, on]\n");
    let types = generated(&spec, "types.rs");
    assert!(types.contains("pub status: Option<WidgetStatus>,"), "{types}");
    assert_eq!(types.matches("pub enum ").count(), 1 + types.matches("pub enum SortDirection").count(), "{types}");
}

#[test]
fn property_with_param_keys() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    in: query\n")
        .expect(
            WIDGET_PATH,
            r"
    in: query
#       ^^^^^ error: `in` is only for params, not properties
#             hint: remove it
",
        )
        .check();
}

#[test]
fn min_length_greater_than_max_length() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    min_length: 5\n    max_length: 2\n")
        .expect(
            WIDGET_PATH,
            r"
    min_length: 5
#               ^ error: `min_length` is greater than `max_length`
",
        )
        .check();
}

#[test]
fn constraint_that_does_not_apply() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    max_items: 5\n")
        .expect(
            WIDGET_PATH,
            r"
    max_items: 5
#              ^ error: `max_items` does not apply to string
",
        )
        .check();
}

#[test]
fn rust_name_is_not_upper_camel_case() {
    base()
        .replace(ERROR_PATH, "rust_name: ApiError", "rust_name: api_error")
        .expect(
            ERROR_PATH,
            r"
rust_name: api_error
#          ^^^^^^^^^ error: `api_error` is not an UpperCamelCase Rust type name
#                    hint: write it like `ApiError`
",
        )
        .check();
}

#[test]
fn schema_file_that_does_not_parse() {
    base()
        .replace(WIDGET_PATH, "  name:\n    type: string", "  name:\n\ttype: string")
        // The tab, written `\t`, is column 1.
        .expect(
            WIDGET_PATH,
            "
\ttype: string
#^^^^ error: tabs disallowed within this context (block indentation)
#     hint: indent with spaces; YAML does not allow tabs for indentation
",
        )
        .check();
}

// --- Many problems at once ---

#[test]
fn problems_in_several_files_are_all_reported_in_order() {
    base()
        .replace(ERROR_PATH, "type: string", "type: text")
        .replace(WIDGET_PATH, "type: object\nproperties:", "type: record\nproperties:")
        .replace(WIDGETS_PATH, "method: POST", "method: PUSH")
        .replace(WIDGETS_PATH, "default: asc", "default: up")
        .replace(API_PATH, "scheme: bearer", "scheme: basic")
        .expect(
            API_PATH,
            r"
  scheme: basic
#         ^^^^^ error: unknown auth scheme `basic`
#               hint: use `bearer`
",
        )
        .expect(
            WIDGETS_PATH,
            r"
        default: up
#                ^^ error: default `up` is not among the allowed values (asc, desc)
#                   hint: fix the default, or the type or allowed values
",
        )
        .expect(
            WIDGETS_PATH,
            r"
    method: PUSH
#           ^^^^ error: invalid HTTP method `PUSH`
#                hint: did you mean `POST`? (methods are upper case)
",
        )
        .expect(
            ERROR_PATH,
            r"
    type: text
#         ^^^^ error: unknown type `text`
#              hint: use one of string, integer, number, boolean, array, map, any, file, or `ref: <schema>`
",
        )
        .expect(
            WIDGET_PATH,
            r"
type: record
#     ^^^^^^ error: a schema's `type` is `object`, `array`, `map`, or `string`, `integer`, `number` or `boolean`
#                   with `enum`, not `record`
#            hint: or leave `type` out and give `one_of`
",
        )
        .check();
}

// --- Patterns, examples, self-references, keywords ---

#[test]
fn invalid_regex_pattern() {
    base()
        .replace(
            WIDGETS_PATH,
            "        required: true\n      - name: sortDirection",
            "        required: true\n        pattern: '^[0-9a-f{24}$'\n      - name: sortDirection",
        )
        .expect(
            WIDGETS_PATH,
            r"
        pattern: '^[0-9a-f{24}$'
#                ^^^^^^^^^^^^ error: `^[0-9a-f{24}$` is not a valid regular expression: non-empty character
#                                    class has no closing bracket
#                             hint: fix the pattern; quote it in single quotes so YAML keeps backslashes
",
        )
        .check();
}

#[test]
fn key_patterns_apply_to_maps_are_well_formed_and_match_example_keys() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  name2:\n    type: string\n    key_pattern: '^a'\n  labels:\n    type: map\n    values: {type: string}\n    \
             key_pattern: '^[a-z'\n  attrs:\n    type: map\n    values: {type: string}\n    key_pattern: '^[a-z]+$'\n    \
             example: {ok: v1, Bad: v2}\n",
        )
        .file(NOTE_PATH, r"
schema: note
type: object
key_pattern: '^a'
#            ^^^^ error: a `object` schema has no `key_pattern`
properties:
  text: {type: string}
")
        .file("spec/schemas/labels.yaml", r"
schema: labels
type: map
key_pattern: '^[a-z]+$'
values: {type: string}
example: {a: v1, B2: v2}
#        ^^ error: example key `B2` does not match the key pattern `^[a-z]+$`
#           hint: fix the example or the key pattern
").expect(WIDGET_PATH, r"
    key_pattern: '^a'
#                ^^^^ error: `key_pattern` is only for maps, not `string`
").expect(WIDGET_PATH, r"
    key_pattern: '^[a-z'
#                ^^^^^^^ error: `^[a-z` is not a valid regular expression: found unclosed character class
#                        hint: fix the pattern; quote it in single quotes so YAML keeps backslashes
").expect(WIDGET_PATH, r"
    example: {ok: v1, Bad: v2}
#            ^^^ error: example key `Bad` does not match the key pattern `^[a-z]+$`
#                hint: fix the example or the key pattern
").check();
}

#[test]
fn additional_is_for_objects_and_holds_a_map() {
    base()
        .insert_after(
            WIDGET_PATH,
            "      type: string\n",
            "additional:\n  key_pattern: '^[a-z'\n  values: {type: string}\n",
        )
        .file(
            NOTE_PATH,
            r"
schema: note
type: map
values: {type: string}
additional:
  values: {type: string}
#                ^^^^^^ error: a `map` schema has no `additional`
",
        )
        .file(
            "spec/schemas/labels.yaml",
            r"
schema: labels
type: object
properties:
  a: {type: string}
additional:
  type: map
#       ^^^ error: `additional` has no `type`
#           hint: give `values` (the type of the other keys' values), `key_pattern` and `description`
#       ^^^ error: `additional` needs `values`
#           hint: the type of the other keys' values
  description: x
",
        )
        .expect(
            WIDGET_PATH,
            r"
  key_pattern: '^[a-z'
#              ^^^^^^^ error: `^[a-z` is not a valid regular expression: found unclosed character class
#                      hint: fix the pattern; quote it in single quotes so YAML keeps backslashes
",
        )
        .check();
}

#[test]
fn closed_is_for_objects_without_additional_keys() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
type: map
values: {type: string}
closed: true
#       ^^^^ error: a `map` schema has no `closed`
",
        )
        .file(
            "spec/schemas/labels.yaml",
            r"
schema: labels
type: object
closed: true
#       ^^^^ error: a closed object has no `additional` keys
#            hint: remove `closed: true`, or `additional` if the object has no other keys
properties:
  a: {type: string}
additional:
  values: {type: string}
",
        )
        .check();
}

/// Examples are checked against closed objects once every type is known
/// (after the checks above have passed), at any depth.
#[test]
fn examples_of_closed_objects_declare_every_key() {
    base()
        .insert_after(
            WIDGET_PATH,
            "      type: string\n",
            "  at:\n    ref: point\n    example: {x: 1, z: 2}\nexample: {name: a, at: {x: 1}, tags: [b], extra: 1}\n",
        )
        .file(
            "spec/schemas/point.yaml",
            r"
schema: point
type: object
closed: true
properties:
  x: {type: number}
  inner: {ref: point}
example: {x: 1, inner: {x: 2, y: 3}}
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: the example gives the closed object `point` the key `y` at `/inner`,
#                                    which it does not declare
#                                    hint: fix the example, or declare the property (or drop `closed: true`)
",
        )
        .expect(
            WIDGET_PATH,
            r"
    ref: point
    example: {x: 1, z: 2}
#            ^^^^^^^^^^^^ error: the example gives the closed object `point` the key `z`, which it does not declare
#                         hint: fix the example, or declare the property (or drop `closed: true`)
",
        )
        .check();
}

#[test]
fn key_patterns_are_documented() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "properties:\n",
        "  attrs:\n    type: map\n    values: {type: string}\n    key_pattern: '^[a-z]+$'\n    example: {ok: x}\n",
    );
    let code = generated(&spec, "types.rs");
    assert!(code.contains("keys match `^[a-z]+$`"), "{code}");
}

#[test]
fn patterns_the_regex_engine_cannot_read_are_documentation() {
    // Look-around and backreferences, as the Losant data has them: the
    // examples are not checked against them, and the docs show them.
    let spec = base().replace(
        WIDGETS_PATH,
        "        required: true\n      - name: sortDirection",
        "        required: true\n        pattern: '^(?!\\.{1,2}$)([0-9a-z])\\1?$'\n        example: '..'\n      - name: sortDirection",
    );
    let code = generated(&spec, "widgets.rs");
    assert!(code.contains("Pattern `^(?!\\.{1,2}$)([0-9a-z])\\1?$`. Example: `..`."), "{code}");
}

#[test]
fn number_and_count_limits_that_do_not_apply_or_contradict() {
    base()
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "    minimum: 1\n  size:\n    type: integer\n    minimum: 10\n    maximum: 1\n  labels:\n    type: array\n    \
             items: {type: string}\n    min_items: 3\n    max_items: 2\n    min_properties: 1\n  flag:\n    type: boolean\n    \
             default: 'yes'\n",
        )
        .expect(WIDGET_PATH, r"
    minimum: 1
#            ^ error: `minimum` does not apply to string
").expect(WIDGET_PATH, r"
    minimum: 10
#            ^^ error: `minimum` is greater than `maximum`
").expect(WIDGET_PATH, r"
    min_items: 3
#              ^ error: `min_items` is greater than `max_items`
    max_items: 2
    min_properties: 1
#                   ^ error: `min_properties` does not apply to array of string
").expect(WIDGET_PATH, r"
    default: 'yes'
#            ^^^^^ error: default `yes` does not fit type boolean
#                  hint: fix the default, or the type or allowed values
").check();
}

#[test]
fn default_and_example_out_of_bounds() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: limit\n        in: query\n        type: integer\n        minimum: 1\n        maximum: 100\n        \
             default: 0\n        example: 1000\n",
        )
        .expect(WIDGETS_PATH, r"
        default: 0
#                ^ error: default `0` is below the minimum 1
        example: 1000
#                ^^^^ error: example `1000` is above the maximum 100
").check();
}

#[test]
fn limits_defaults_and_deprecation_are_documented_and_checked() {
    let spec = base()
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "  size:\n    type: integer\n    minimum: 1\n    maximum: 10\n    default: 5\n    deprecated: true\n",
        )
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: limit\n        in: query\n        type: number\n        minimum: 0.5\n",
        );
    let types = generated(&spec, "types.rs");
    assert!(types.contains("minimum 1; maximum 10; default `5` (applied by the server); deprecated"), "{types}");
    // Compared without whitespace and trailing commas: how prettyplease wraps
    // the call is not the point.
    let flat = |code: &str| code.split_whitespace().collect::<String>().replace(",)", ")");
    assert!(flat(&types).contains("__private::limits::range(\"size\",*valueasf64,Some(1.0),Some(10.0))?;"), "{types}");
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("Limits: minimum 0.5."), "{widgets}");
    assert!(flat(&widgets).contains("__private::limits::range(\"limit\",*value,Some(0.5),None)"), "{widgets}");
}

#[test]
fn example_not_among_the_allowed_values() {
    // The Losant docs' own mistake: `filterField` allows name and status, and
    // documents `key` as its example.
    base()
        .insert_after(WIDGETS_PATH, AFTER_SORT, "        example: up\n")
        .expect(
            WIDGETS_PATH,
            r"
        example: up
#                ^^ error: example `up` is not among the allowed values (asc, desc)
#                   hint: fix the example, or the type or allowed values
",
        )
        .check();
}

#[test]
fn example_not_matching_the_pattern() {
    base()
        .replace(
            WIDGETS_PATH,
            "        required: true\n      - name: sortDirection",
            "        required: true\n        pattern: '^[A-Fa-f\\d]{24}$'\n        example: not-an-id\n      - name: sortDirection",
        )
        .expect(WIDGETS_PATH, r"
        example: not-an-id
#                ^^^^^^^^^ error: example `not-an-id` does not match the pattern `^[A-Fa-f\d]{24}$`
#                          hint: fix the example or the pattern
").check();
}

#[test]
fn example_of_the_wrong_type() {
    base()
        .insert_after(WIDGET_PATH, "    type: string\n    required: true\n", "    example: 12\n")
        .expect(
            WIDGET_PATH,
            r"
    example: 12
#            ^^ error: example `12` does not fit type string
#               hint: fix the example, or the type or allowed values
",
        )
        .check();
}

#[test]
fn schema_that_contains_itself_without_indirection() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  parent:\n    ref: widget\n    required: true\n")
        .expect(
            WIDGET_PATH,
            r"
  parent:
# ^^^^^^ error: `widget` contains itself through the required property `parent`
#        hint: no finite value satisfies it: make the property optional, or an array
",
        )
        .check();
}

#[test]
fn schema_that_contains_itself_optionally_is_boxed() {
    let spec = base().insert_after(WIDGET_PATH, "    required: true\n", "  parent:\n    ref: widget\n");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let types = generated.iter().find(|f| f.path == "types.rs").expect("types.rs");
    assert!(types.contents.contains("pub parent: Option<Box<Widget>>,"), "{}", types.contents);
}

#[test]
fn rust_keyword_as_a_type_name() {
    base()
        .replace(ERROR_PATH, "rust_name: ApiError", "rust_name: Self")
        .expect(
            ERROR_PATH,
            r"
rust_name: Self
#          ^^^^ error: `Self` is a Rust keyword
#               hint: choose another type name
",
        )
        .check();
}

#[test]
fn rust_keywords_as_action_and_param_names_get_a_trailing_underscore() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  move:\n").replace(
        WIDGETS_PATH,
        "name: sortDirection",
        "name: type",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub fn move_("), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub fn type_(mut self, value: impl Into<Type>)"), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub struct Move {"), "{}", widgets.contents);
}

#[test]
fn a_param_type_named_like_a_schema_is_qualified_by_its_resource() {
    // `widget` is also a schema: the module's own one-of must not shadow it.
    let spec = base().replace(
        WIDGETS_PATH,
        "        ref: widget\n        required: true",
        "        one_of:\n          - ref: widget\n          - type: array\n            items:\n              ref: widget\n        required: true",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub enum WidgetsWidget {"), "{}", widgets.contents);
    assert!(widgets.contents.contains("Widget(Box<crate::types::Widget>),"), "{}", widgets.contents);
}

#[test]
fn actions_named_like_trait_methods_and_prelude_types_are_renamed() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  clone:\n");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub fn clone_("), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub struct CloneRequest {"), "{}", widgets.contents);
}

#[test]
fn examples_of_structured_params_are_checked_item_by_item() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: array\n        items:\n          type: integer\n        example: [1, two]",
        )
        .expect(
            WIDGETS_PATH,
            r"
        example: [1, two]
#                ^^ error: example `two` does not fit type integer
#                   hint: fix the example, or the type or allowed values
",
        )
        .check();
}

#[test]
fn one_of_that_contains_itself() {
    base()
        .file(
            NOTE_PATH,
            r"
schema: note
one_of:
  - ref: note
# ^ error: `note` is one of several shapes, one of which contains it again
#   hint: no finite value satisfies it: go through an array, or an optional object property
  - type: string
",
        )
        .check();
}

// --- Pagination ---

#[test]
fn pagination_names_params_and_fields_that_exist() {
    base()
        .replace(
            WIDGETS_PATH,
            "    responses:\n      success:\n        - code: 200",
            "    pagination:\n      page: pageNumber\n      items: name\n    responses:\n      success:\n        - code: 200",
        )
        .expect(WIDGETS_PATH, r"
      page: pageNumber
#           ^^^^^^^^^^ error: action `get` has no param `pageNumber`
#                      hint: name one of the action's query params
      items: name
#            ^^^^ error: `name` must be an array
").check();
}

#[test]
fn pagination_needs_an_integer_page_param() {
    base()
        .replace(
            WIDGETS_PATH,
            "    responses:\n      success:\n        - code: 200",
            "    pagination:\n      page: sortDirection\n      items: tags\n    responses:\n      success:\n        - code: 200",
        )
        .expect(WIDGETS_PATH, r"
      page: sortDirection
#           ^^^^^^^^^^^^^ error: `sortDirection` must be an optional integer query param
").check();
}

#[test]
fn properties_named_like_struct_methods_are_renamed_and_keep_their_wire_names() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "    required: true\n",
        "  new:\n    type: string\n  validate:\n    type: string\n  clone:\n    type: string\n",
    );
    let types = generated(&spec, "types.rs");
    for name in ["new", "validate", "clone"] {
        assert!(
            types.contains(&format!(
                "#[serde(rename = \"{name}\", skip_serializing_if = \"Option::is_none\")]\n    pub {name}_: Option<String>,"
            )),
            "{name}: {types}"
        );
        assert!(types.contains(&format!("pub fn {name}_(mut self, value: impl Into<String>) -> Self")), "{name}");
    }
    // The struct's own constructor and check are still there.
    assert!(types.contains("pub fn new(name: impl Into<String>) -> Self"), "{types}");
    assert!(types.contains("pub fn validate(&self) -> Result<(), String>"), "{types}");
}

#[test]
fn actions_named_like_handle_methods_are_renamed() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  new:\n");
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("    pub fn new_(\n        &self,\n        app_id: impl Into<String>,"), "{widgets}");
    assert!(widgets.contains("pub(crate) fn new(client: crate::runtime::Client) -> Self {"), "{widgets}");
    assert!(widgets.contains("ActionInfo::new(\n            \"widgets.new\",\n"), "{widgets}");
}

#[test]
fn resources_named_like_what_the_generated_code_uses_are_reported() {
    let renamed = |name: &str| WIDGETS.replace("resource: widgets", &format!("resource: {name}"));
    let cases = [
        ("std", "the Rust module `std`, which would shadow the crate generated code reaches by that name"),
        ("request_members", "the Rust module `request_members`, which the client declares itself"),
        ("timeout", "the Rust module `timeout`, which the client has as a method itself"),
        ("clone", "the Rust module `clone`, which would shadow the method every generated type derives"),
        ("result", "the Rust type `Result`, which would shadow the prelude's, which generated code uses"),
        ("option", "the Rust type `Option`, which would shadow the prelude's, which generated code uses"),
    ];
    for (name, becomes) in cases {
        let carets = "^".repeat(name.len());
        base()
            .remove(WIDGETS_PATH)
            .file(&format!("spec/resources/{name}.yaml"), &renamed(name))
            .expect(
                &format!("spec/resources/{name}.yaml"),
                &format!(
                    "
resource: {name}
#         {carets} error: resource `{name}` becomes {becomes}
#                hint: rename the resource
"
                ),
            )
            .check();
    }
}

#[test]
fn schemas_named_like_prelude_types_are_reported() {
    for (name, rust) in [("result", "Result"), ("option", "Option"), ("vec", "Vec"), ("string", "String")] {
        let carets = "^".repeat(name.len());
        base()
            .file(
                &format!("spec/schemas/{name}.yaml"),
                &format!(
                    "
schema: {name}
#       {carets} error: schema `{name}` becomes the Rust type `{rust}`, which would shadow the prelude's,
#                    which generated code uses
#              hint: rename the schema, or set `rust_name`
type: object
properties:
  a:
    type: string
"
                ),
            )
            .check();
    }
    base()
        .replace(NOTE_OR_ERROR_RUST_NAME.0, NOTE_OR_ERROR_RUST_NAME.1, "rust_name: Box")
        .expect(
            ERROR_PATH,
            r"
rust_name: Box
#          ^^^ error: schema `error` becomes the Rust type `Box`, which would shadow the prelude's, which
#                     generated code uses
#              hint: choose another type name
",
        )
        .check();
}

/// Where the error schema sets its Rust name.
const NOTE_OR_ERROR_RUST_NAME: (&str, &str) = (ERROR_PATH, "rust_name: ApiError");

#[test]
fn param_types_named_like_prelude_types_are_qualified_by_their_resource() {
    let spec = base().insert_after(
        WIDGETS_PATH,
        AFTER_SORT,
        "      - name: string\n        in: query\n        type: string\n        enum: [a, b]\n",
    );
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("pub enum WidgetsString {"), "{widgets}");
    assert!(!widgets.contains("pub enum String "), "{widgets}");
}

#[test]
fn header_param_names_must_be_http_tokens() {
    for name in ["x y", "x:y", "\"x(y)\""] {
        base()
            .insert_after(
                WIDGETS_PATH,
                AFTER_SORT,
                &format!("      - name: {name}\n        in: header\n        type: string\n"),
            )
            .expect(
                WIDGETS_PATH,
                &format!(
                    "
      - name: {name}
#             {carets} error: header param `{}` is not a valid HTTP header name
#                   hint: a header name is letters, digits and !#$%&'*+-.^_`|~, without spaces or colons
",
                    name.trim_matches('"'),
                    carets = "^".repeat(name.len()),
                ),
            )
            .check();
    }
}

#[test]
fn paths_that_a_url_would_change_are_reported() {
    let with_path = |path: &str| {
        base().replace(WIDGETS_PATH, GET_PATH, &format!("path: \"{path}\"\n    scopes: [widgets.get]")).insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: x\n        in: path\n        type: string\n        required: true\n",
        )
    };
    with_path("/apps/{appId}/{x}/../widgets?q=1#f")
        .expect(
            WIDGETS_PATH,
            r#"
    path: "/apps/{appId}/{x}/../widgets?q=1#f"
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/{x}/../widgets?q=1#f` has a `..` segment, which the URL
#                              resolves away
#                       hint: write the path without it
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/{x}/../widgets?q=1#f` has `?`, which starts the query
#                       hint: query params are params with `in: query`; remove the `?` and what follows
"#,
        )
        .check();
    with_path("/apps/{appId}/{x}#f")
        .expect(
            WIDGETS_PATH,
            r#"
    path: "/apps/{appId}/{x}#f"
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/{x}#f` has `#`, which starts the fragment, which is never
#                              sent
#                       hint: remove the `#` and what follows
"#,
        )
        .check();
    with_path("/apps/{appId}/./{x}")
        .expect(
            WIDGETS_PATH,
            r#"
    path: "/apps/{appId}/./{x}"
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/./{x}` has a `.` segment, which the URL resolves away
#                       hint: write the path without it
"#,
        )
        .check();
    with_path("/apps/{appId}/a b/{x}")
        .expect(
            WIDGETS_PATH,
            r#"
    path: "/apps/{appId}/a b/{x}"
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/a b/{x}` has U+0020, which is not a URL path character
#                       hint: a path has letters, digits, `/` and -._~!$&'()*+,;=:@ (or %XX escapes)
"#,
        )
        .check();
    with_path("/apps/{appId}/100%/{x}")
        .expect(
            WIDGETS_PATH,
            r#"
    path: "/apps/{appId}/100%/{x}"
#         ^^^^^^^^^^^^^ error: the path `/apps/{appId}/100%/{x}` has `%`, which is not followed by two hex
#                              digits
#                       hint: write a percent-escape as %XX
"#,
        )
        .check();
}

#[test]
fn a_file_over_the_yaml_node_limit_says_which_limit_and_how_to_raise_it() {
    base()
        .max_yaml_nodes(40)
        .expect(
            WIDGETS_PATH,
            r"
        enum: [asc, desc]
        default: asc
#       ^^^^^^^ error: the file has more than 40 YAML nodes (values, lists and mappings), the limit per file;
#                      parsing stopped at node 41
#              hint: split the file, or raise the limit with `SpecSources::with_max_yaml_nodes` where the
#                    generator is called
",
        )
        .check();
    let (raised, _, _) = base().max_yaml_nodes(1000).sources();
    assert!(restspec_codegen::generate(&raised, &options()).is_ok());
}

#[test]
fn bidirectional_controls_are_reported_where_they_are() {
    base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", "description: The widgets\u{202E} of an app.")
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, \"de\\u2066sc\"]")
        // The control character, written escaped, is one column.
        .expect(
            WIDGETS_PATH,
            "
description: The widgets\u{202E} of an app.
#                       ^ error: the text has the invisible bidirectional control character U+202E
#                         hint: remove it: it makes text display in another order than it reads
",
        )
        .expect(
            WIDGETS_PATH,
            r#"
        enum: [asc, "de\u2066sc"]
#                      ^^^^^^^^^ error: the text has the invisible bidirectional control character U+2066
#                                hint: remove it: it makes text display in another order than it reads
"#,
        )
        .check();
}

#[test]
fn api_name_and_version_are_one_line() {
    base()
        .replace(API_PATH, "name: Demo API", "name: \"Demo\\nAPI\"")
        .replace(API_PATH, "version: 1.0.0", "version: \"1.0\\r\"")
        .expect(
            API_PATH,
            r#"
name: "Demo\nAPI"
#     ^^^^^^^^^^^ error: `name` must be one line of text
version: "1.0\r"
#        ^^^^^^^ error: `version` must be one line of text
"#,
        )
        .check();
}

#[test]
fn carriage_returns_in_spec_text_never_reach_the_source() {
    let spec = base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", "description: \"The widgets\\rof an app.\"")
        .replace(WIDGETS_PATH, "summary: Lists widgets", "summary: \"Lists\\rwidgets\"")
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, \"de\\rsc\"]\n        example: \"de\\rsc\"");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    for file in restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}")) {
        assert!(!file.contents.contains('\r'), "{}: {}", file.path, file.contents);
    }
    let widgets = generated(&spec, "widgets.rs");
    // The value stays exact on the wire, and shows escaped in the docs.
    assert!(widgets.contains("SortDirection::DeSc => \"de\\rsc\","), "{widgets}");
    assert!(widgets.contains("/// `\"de\\rsc\"`"), "{widgets}");
}

#[test]
fn spec_text_never_opens_a_code_block_in_rustdoc() {
    let hostile = "\"```rust\\npanic!();\\n```\\n~~~\\npanic!();\\n~~~\\n\\n    panic!();\\n\\n\\tpanic!();\\n\\n-      panic!();\\n1.      panic!();\\n> ```\\n> panic!();\\n\"";
    let spec = base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", &format!("description: {hostile}"))
        .replace(WIDGETS_PATH, "summary: Lists widgets", &format!("summary: {hostile}"))
        .replace(WIDGETS_PATH, "scopes: [widgets.get]", "scopes: [\"a```b\", \"``\"]")
        .replace(
            WIDGETS_PATH,
            "        default: asc\n",
            &format!("        default: asc\n        description: {hostile}\n"),
        )
        .replace(WIDGET_PATH, "  tags:\n", &format!("  tags:\n    description: {hostile}\n"))
        .replace(
            ERROR_PATH,
            "type: object\n",
            &format!("type: object\ndescription: {hostile}\nexample:\n  message: {hostile}\n"),
        )
        .replace(
            WIDGETS_PATH,
            "        type: string\n        required: true\n      - name: sortDirection",
            &format!(
                "        type: string\n        required: true\n        example: {hostile}\n      - name: sortDirection"
            ),
        );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    for file in restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}")) {
        let foreign: Vec<_> = restspec_codegen::code_blocks(&file.contents)
            .into_iter()
            .filter(|b| b.info != "no_run" && b.info != "json")
            .collect();
        assert!(foreign.is_empty(), "{}: code blocks from spec text {foreign:?}\n{}", file.path, file.contents);
    }
}

#[test]
fn markdown_docs_escape_html_of_the_spec() {
    let spec =
        base().replace(WIDGETS_PATH, "description: The widgets of an app.", "description: The <b>widgets</b>").replace(
            WIDGETS_PATH,
            "summary: Lists widgets",
            "summary: \"Lists </script><script>alert(1)</script> & `<kept>`\"",
        );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let docs = restspec_codegen::generate_docs(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = &docs.iter().find(|f| f.path == "widgets.md").expect("widgets.md").contents;
    assert!(!widgets.contains("</script>"), "{widgets}");
    assert!(widgets.contains("Lists &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; `<kept>`"), "{widgets}");
}

// Streams of server-sent events.

/// The `get` action as a stream (its success response keeps no schema).
fn streaming() -> Spec {
    base()
        .insert_after(WIDGETS_PATH, GET_PATH, "\n    stream: sse\n    event: {name: widgetChanged, schema: widget}")
        .replace(WIDGETS_PATH, "        - code: 200\n          schema: widget\n", "        - code: 200\n")
}

#[test]
fn a_stream_needs_the_sse_feature() {
    streaming()
        .expect(
            WIDGETS_PATH,
            r#"
# error: action `widgets.get` streams server-sent events, which needs a cargo feature of the client crate, and
#        `Options::sse_feature` names none
# hint: set `sse_feature` (e.g. `Some("sse".into())`) and declare that feature in the client crate as `sse =
#       ["restspec-runtime/sse"]`
"#,
        )
        .check();
    let spec = streaming();
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let options = Options { sse_feature: Some("sse".into()), ..options() };
    let generated =
        restspec_codegen::generate(&sources(&files), &options).expect("a stream with the feature generates");
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").unwrap();
    assert!(widgets.contents.contains("#[cfg(feature = \"sse\")]"), "{}", widgets.contents);
    assert!(widgets.contents.contains("    pub fn events(\n        self,\n    )"), "{}", widgets.contents);
    // `post` sends; `get` streams.
    assert_eq!(widgets.contents.matches("fn request_(&self)").count(), 1, "{}", widgets.contents);
    // The members macro gives `send` and `.await` to `post` only.
    assert!(widgets.contents.contains("super::request_members!(Post, crate::types::Widget);"), "{}", widgets.contents);
    assert!(widgets.contents.contains("super::request_members!(Get);"), "{}", widgets.contents);
    let surface = generated.iter().find(|f| f.path == restspec_codegen::SURFACE_FILE).unwrap();
    assert!(surface.contents.contains("action widgets.get GET /apps/{appId}/widgets -> events of Widget\n"));
}

#[test]
fn stream_mistakes() {
    base()
        .insert_after(WIDGETS_PATH, GET_PATH, "\n    stream: websocket")
        .expect(
            WIDGETS_PATH,
            r"
    stream: websocket
#           ^^^^^^^^^ error: unknown stream kind `websocket`
#                     hint: the only kind is `sse` (a `text/event-stream` of server-sent events)
",
        )
        .check();
}

#[test]
fn stream_on_post_with_a_success_schema() {
    base()
        .insert_after(WIDGETS_PATH, "path: /apps/{appId}/widgets\n    scopes: [widgets.post]", "\n    stream: sse")
        .expect(
            WIDGETS_PATH,
            r"
    method: POST
#           ^^^^ error: a stream of server-sent events is read with GET
#                hint: use `method: GET`
",
        )
        .expect(
            WIDGETS_PATH,
            r"
        - code: 201
          schema: widget
#                 ^^^^^^ error: action `post` streams events: its success response has no body schema
#                        hint: give the events' schema under `event: {schema: ...}` and remove this one
",
        )
        .check();
}

#[test]
fn event_without_stream_and_unknown_event_schema() {
    base()
        .insert_after(WIDGETS_PATH, GET_PATH, "\n    event: {schema: gadget}")
        .expect(
            WIDGETS_PATH,
            r"
    event: {schema: gadget}
#          ^^^^^^^ error: `event` describes the events of a stream, and the action has no `stream`
#                  hint: add `stream: sse`, or remove `event`
",
        )
        .check();
    streaming()
        .replace(WIDGETS_PATH, "schema: widget}", "schema: gadget}")
        .expect(
            WIDGETS_PATH,
            r"
    event: {name: widgetChanged, schema: gadget}
#                                        ^^^^^^ error: unknown schema `gadget`
#                                               hint: did you mean `widget`?
",
        )
        .check();
}

// Multipart params need a feature of the client crate.

#[test]
fn multipart_params_need_the_multipart_feature() {
    let spec = base().replace(
        WIDGETS_PATH,
        "      - name: widget\n        in: body\n        ref: widget\n        required: true\n",
        "      - name: picture\n        in: multipart\n        type: file\n        required: true\n",
    );
    spec.clone()
        .options(Options { multipart_feature: None, ..options() })
        .expect(
            WIDGETS_PATH,
            r#"
# error: action `widgets.post` sends a multipart body, which needs a cargo feature of the client crate, and
#        `Options::multipart_feature` names none
# hint: set `multipart_feature` (e.g. `Some("multipart".into())`) and declare that feature in the client crate
#       as `multipart = ["restspec-runtime/multipart"]`
"#,
        )
        .check();
    // With the feature, the action exists only with it.
    let (sources, _, _) = spec.sources();
    let generated = restspec_codegen::generate(&sources, &options()).unwrap();
    let widgets = &generated.iter().find(|f| f.path == "widgets.rs").unwrap().contents;
    // The method, the builder and its impl, the members, the example.
    assert_eq!(widgets.matches("#[cfg(feature = \"multipart\")]").count(), 5, "{widgets}");
    let root = &generated.iter().find(|f| f.path == "mod.rs").unwrap().contents;
    assert!(root.contains("#[cfg(feature = \"multipart\")]\n    &widgets::Post::INFO"), "{root}");
}

// --- nullable ---

#[test]
fn nullable_param() {
    base()
        .insert_after(WIDGETS_PATH, "        enum: [asc, desc]\n", "        nullable: true\n")
        .expect(
            WIDGETS_PATH,
            r"
        nullable: true
#                 ^^^^ error: param `sortDirection` cannot be `nullable`
#                      hint: a `null` travels as a property of a body schema (`nullable: true` there); leave an
#                            optional param unset to send nothing
",
        )
        .check();
}

#[test]
fn nullable_items_of_a_query_param() {
    base()
        .insert_after(
            WIDGETS_PATH,
            "        default: asc\n",
            "      - name: ids\n        in: query\n        type: array\n        items:\n          type: string\n          nullable: true\n",
        )
        .expect(WIDGETS_PATH, r"
      - name: ids
#             ^^^ error: query param `ids` cannot hold `null` values
#                 hint: only a JSON body can carry `null`; drop `nullable` from its items or values
").check();
}

#[test]
fn nullable_alternative_of_one_of() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  size:\n    one_of:\n      - type: string\n        nullable: true\n      - type: integer\n",
        )
        .expect(
            WIDGET_PATH,
            r"
        nullable: true
#                 ^^^^ error: an alternative of `one_of` cannot be `nullable`
#                      hint: put `nullable: true` beside the `one_of` (on the property, items or values that
#                            hold it)
",
        )
        .check();
}

#[test]
fn nullable_property_beside_its_null_setter() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  parentId:\n    type: string\n    nullable: true\n  parentIdNull:\n    type: boolean\n",
        )
        .expect(
            WIDGET_PATH,
            r"
  parentIdNull:
# ^^^^^^^^^^^^ error: property `parentIdNull` has the name of the setter `parent_id_null` of the nullable
#                     `parentId`
#              hint: rename one of them
",
        )
        .check();
}

#[test]
fn nullable_example_and_constraints_fit_the_value() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  parentId:\n    type: string\n    nullable: true\n    max_length: 3\n    pattern: '^a'\n    example: null\n  \
             other:\n    type: string\n    nullable: true\n    example: 3\n",
        )
        .expect(WIDGET_PATH, r"
    example: 3
#            ^ error: example `3` does not fit type string or null
#              hint: fix the example, or the type or allowed values
").check();
}

// --- one_of ---

#[test]
fn one_of_that_lists_a_schema_twice() {
    base()
        .insert_after(WIDGET_PATH, "properties:\n", "  size:\n    one_of:\n      - ref: error\n      - ref: error\n")
        .expect(
            WIDGET_PATH,
            r"
    one_of:
      - ref: error
#     ^ error: `error` is an alternative of `one_of` twice
#       hint: list each schema once
",
        )
        .check();
}

#[test]
fn one_of_of_two_strings_generates() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "properties:\n",
        "  at:\n    one_of:\n      - type: string\n        format: date-time\n      - type: string\n        pattern: '^\\d+$'\n",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = restspec_codegen::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let types = generated.iter().find(|f| f.path == "types.rs").map(|f| f.contents.as_str()).unwrap_or_default();
    // The date-time alternative is the runtime's checked `DateTime`, so
    // other strings fall to the second.
    assert!(types.contains("DateTime(crate::runtime::DateTime)") && types.contains("String(String)"), "{types}");
}

#[test]
fn discriminator_without_one_of() {
    base()
        .insert_after(WIDGET_PATH, "  tags:\n", "    discriminator: kind\n")
        .expect(
            WIDGET_PATH,
            r"
    discriminator: kind
#                  ^^^^ error: `discriminator` is only for `one_of`
#                       hint: remove it
",
        )
        .check();
}

#[test]
fn discriminator_that_tells_nothing_apart() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  shape:\n    one_of:\n      - ref: widget\n      - ref: error\n    discriminator: name\n",
        )
        .expect(
            WIDGET_PATH,
            r"
    discriminator: name
#                  ^^^^ error: `name` cannot tell the alternatives of `one_of` apart
#                       hint: each object alternative needs it as a string enum, with values no other
#                             alternative has
",
        )
        .check();
}

// Groups of resources (`groups:` of api.yaml), each a cargo feature.

/// A second resource, so that groups can split the spec.
const GADGETS_PATH: &str = "spec/resources/gadgets.yaml";
const GADGETS: &str = "\
resource: gadgets
actions:
  get:
    summary: Gets a gadget
    method: GET
    path: /gadgets
    scopes: [gadgets.get]
    responses:
      success:
        - code: 200
          schema: widget
";

/// The base spec with a second resource and `groups:` as given.
fn grouped(groups: &str) -> Spec {
    base().file(GADGETS_PATH, GADGETS).replace(
        API_PATH,
        "error_schema: error\n",
        &format!("error_schema: error\n{groups}"),
    )
}

#[test]
fn group_names_are_cargo_feature_names() {
    grouped("groups:\n  Widgets:\n    - widgets\n  gad_gets:\n    - gadgets\n  full:\n    - widgets\n")
        .expect(
            API_PATH,
            r"
  Widgets:
# ^^^^^^^ error: `Widgets` is not a group name
#         hint: a group is a cargo feature: lowercase letters and digits, words joined by `-` (`orgs-instances`)
    - widgets
  gad_gets:
# ^^^^^^^^ error: `gad_gets` is not a group name
#          hint: a group is a cargo feature: lowercase letters and digits, words joined by `-` (`orgs-instances`)
    - gadgets
  full:
# ^^^^ error: the group name `full` is a feature the client crate declares itself
#      hint: choose another name
    - widgets
#     ^^^^^^^ error: the resource `widgets` is already in the group `Widgets`
#             hint: each resource is in exactly one group
",
        )
        .check();
}

#[test]
fn group_members_are_known_resources_each_in_one_group() {
    grouped("groups:\n  one:\n    - widgets\n    - widgets\n    - gadget\n  two: []\n")
        .expect(
            API_PATH,
            r"
groups:
  one:
# ^^^ error: every resource must be in a group; not in any: `gadgets`
#     hint: add each to the group whose feature should turn it on
    - widgets
    - widgets
#     ^^^^^^^ error: the resource `widgets` is already in the group `one`
#             hint: each resource is in exactly one group
    - gadget
#     ^^^^^^ error: unknown resource `gadget`
#            hint: did you mean `gadgets`?
  two: []
# ^^^ error: the group `two` has no resources
",
        )
        .check();
}

#[test]
fn groups_need_the_full_feature_and_names_of_their_own() {
    let spec = grouped("groups:\n  widgets:\n    - widgets\n  multipart:\n    - gadgets\n");
    spec.clone()
        .options(Options { full_feature: None, ..options() })
        .expect(
            API_PATH,
            r#"
# error: the spec has `groups`, whose types no action reaches exist only with a feature of all groups, and
#        `Options::full_feature` names none
# hint: set `full_feature` (e.g. `Some("full".into())`) and declare that feature in the client crate as the list
#       of every group
# error: the group `multipart` has the name of a feature the client crate declares itself
# hint: rename the group
"#,
        )
        .check();
}

/// Each resource module, accessor and `ACTIONS` entry is behind its group's
/// feature; a type of `types` behind the features of the groups that reach
/// it; the error schema behind none. Without `groups`, nothing is gated.
#[test]
fn groups_gate_resources_and_types() {
    let spec = grouped("groups:\n  widgets:\n    - widgets\n  gadgets:\n    - gadgets\n");
    let root = generated(&spec, "mod.rs");
    for (group, module) in [("widgets", "widgets"), ("gadgets", "gadgets")] {
        let cfg = format!("#[cfg(feature = \"{group}\")]");
        let doc_cfg = format!("#[cfg_attr(docsrs, doc(cfg(feature = \"{group}\")))]");
        assert!(root.contains(&format!("{cfg}\n{doc_cfg}\npub mod {module};")), "{root}");
        assert!(root.contains(&format!("    {cfg}\n    {doc_cfg}\n    pub fn {module}(&self)")), "{root}");
        assert!(root.contains(&format!("    {cfg}\n    &{module}::Get::INFO,")), "{root}");
    }
    let types = generated(&spec, "types.rs");
    // Both groups reach `widget`; nothing gates the error schema.
    assert!(types.contains("#[cfg(any(feature = \"widgets\", feature = \"gadgets\"))]\n#[cfg_attr(docsrs, doc(cfg(any(feature = \"widgets\", feature = \"gadgets\"))))]\n#[derive(Debug, Clone, PartialEq, serde::Serialize)]\n#[non_exhaustive]\npub struct Widget {"), "{types}");
    assert!(
        types.contains(
            "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]\n#[non_exhaustive]\npub struct ApiError {"
        ),
        "{types}"
    );
    // `Deserialize` is written, not derived, behind the same features.
    assert!(
        types.contains(
            "#[cfg(any(feature = \"widgets\", feature = \"gadgets\"))]\nimpl<'de> serde::Deserialize<'de> for Widget {"
        ),
        "{types}"
    );
    let ungrouped = generated(&base(), "mod.rs") + &generated(&base(), "types.rs");
    assert!(!ungrouped.contains("cfg(feature = \"widgets\")"), "{ungrouped}");
}
