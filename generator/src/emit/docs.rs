//! Rustdoc text for generated items.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::Cx;
use crate::ir::{Action, Constraints, Param, ParamLocation, SuccessType, Ty};
use crate::place::{Item, Module};

/// The doc texts of one chunk's items, kept aside while the chunk's
/// tokens are built, and handed to the renderer with them
/// ([`super::Chunk::Tokens`]).
///
/// Rustdoc text is about a third of the generated tokens, and the printer
/// would only copy it: parsed as one `#[doc]` attribute per line, it cost a
/// third of the generator's time. So [`Docs::doc`] keeps the text here and
/// the item carries `#[doc = "\u{E000}<n>"]`, which prettyplease prints as
/// `///\u{E000}<n>`; [`splice_docs`] then puts text `n` back as `///`
/// lines at the placeholder's indentation, exactly as the printer would
/// have laid them out. The table is a plain value of the chunk: nothing
/// to clear, nothing shared between threads.
#[derive(Debug, Default)]
pub(crate) struct Docs(std::cell::RefCell<Vec<String>>);

impl Docs {
    /// Documentation for a generated item, as one placeholder attribute.
    pub(crate) fn doc(&self, text: &str) -> TokenStream {
        let text = text.trim_end();
        if text.is_empty() {
            return TokenStream::new();
        }
        let mut texts = self.0.borrow_mut();
        texts.push(text.to_owned());
        let placeholder = format!("{MARK}{}", texts.len() - 1);
        quote!(#[doc = #placeholder])
    }

    /// The texts, by placeholder number.
    pub(crate) fn into_texts(self) -> Vec<String> {
        self.0.into_inner()
    }
}

/// What a doc placeholder starts with: a private-use character, which no
/// printed Rust line starts with.
const MARK: char = '\u{E000}';

/// A placeholder as prettyplease prints it, up to its number.
const PRINTED_MARK: &str = "///\u{E000}";

/// Replaces each printed placeholder line with its text from `docs` as
/// `///` lines, appending to `out`; other lines are copied as they are.
pub(crate) fn splice_docs(printed: &str, docs: &[String], out: &mut String) {
    for line in printed.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let text = trimmed
            .strip_prefix(PRINTED_MARK)
            .and_then(|rest| rest.trim_end().parse::<usize>().ok())
            .and_then(|index| docs.get(index));
        match text {
            Some(text) => out.push_str(&doc_text(text, line.len() - trimmed.len())),
            None => out.push_str(line),
        }
    }
}

/// The same documentation as [`Docs::doc`], as the `///` lines prettyplease
/// prints for it, indented by `indent` spaces.
///
/// A carriage return left in the text (every text from the spec was
/// escaped already) is written as `\r`, since rustc rejects a bare one in a
/// doc comment.
pub(crate) fn doc_text(text: &str, indent: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.trim_end().lines() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str("///");
        if !line.is_empty() {
            out.push(' ');
            if line.contains('\r') {
                out.push_str(&line.replace('\r', "\\r"));
            } else {
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

/// Markdown-escapes prose from the spec (descriptions, summaries) that ends
/// up in rustdoc, so that it renders as the text it is and can never become
/// code: nothing of the spec may turn into a doctest, which `cargo test`
/// would compile and run. Markdown stays (paragraphs, lists, emphasis by
/// words), but
///
/// - brackets and angle brackets are escaped, so they are not read as
///   links or HTML;
/// - backticks and tildes are escaped, so no code span or fence (```` ``` ````,
///   `~~~`) can open;
/// - a line is indented by at most three spaces, and at most four follow a
///   list marker, so no indented code block can open either (tabs become
///   spaces first);
/// - a carriage return, which rustc rejects in a doc comment ("bare CR not
///   allowed") and Markdown reads as a line break, is the line break it
///   means.
pub(crate) fn escape(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ");
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = inert_indentation(line);
        for c in line.chars() {
            match c {
                '[' | ']' | '<' | '>' | '*' | '_' | '`' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// A line of prose with its indentation cut to what cannot open an indented
/// code block: at most three spaces before the text, and one space after a
/// list marker that five or more follow (which would make the item's text
/// code).
fn inert_indentation(line: &str) -> String {
    let text = line.trim_start_matches(' ');
    let indent = (line.len() - text.len()).min(3);
    let mut out = " ".repeat(indent);
    let mut rest = text;
    loop {
        let marker = list_marker(rest);
        let Some(marker) = marker else { break };
        let after = &rest[marker..];
        let content = after.trim_start_matches(' ');
        let spaces = after.len() - content.len();
        if spaces == 0 {
            break;
        }
        out.push_str(&rest[..marker]);
        out.push_str(if spaces >= 5 { " " } else { &after[..spaces] });
        rest = content;
    }
    out.push_str(rest);
    out
}

/// The length of the list marker `text` starts with (`-`, `+`, `1.`, `1)`;
/// `*` is escaped anyway), if it starts with one.
fn list_marker(text: &str) -> Option<usize> {
    if text.starts_with(['-', '+']) {
        return Some(1);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits).then_some(digits).filter(|&d| text[d..].starts_with(['.', ')'])).map(|d| d + 1)
}

/// Text from the spec as inline code, built so that nothing in it can end
/// the code span early or reach past it: the span is delimited by a run of
/// backticks longer than any inside (CommonMark), padded with a space when
/// the text starts or ends with a backtick or a space; text with a line
/// break or another control character, and empty text, is shown as a Rust
/// string literal, escapes and all, so a value stays on its line and shows
/// exactly.
pub(crate) fn code(text: &str) -> String {
    if text.is_empty() || text.chars().any(char::is_control) {
        return code(&format!("{text:?}"));
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    if pad { format!("{fence} {text} {fence}") } else { format!("{fence}{text}{fence}") }
}

/// The documented bounds of numbers, item and key counts, and the pattern
/// of a map's keys, as phrases (`minimum 1`, `at least 1 item`, `keys match
/// ^[a-z]+$`), for rustdoc and the Markdown docs.
pub(crate) fn bounds(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(only) = c.only {
        out.push(format!("always `{only}`"));
    }
    if let Some(p) = &c.key_pattern {
        out.push(format!("keys match {}", code(p)));
    }
    if let Some(min) = c.minimum {
        out.push(format!("minimum {min}"));
    }
    if let Some(max) = c.maximum {
        out.push(format!("maximum {max}"));
    }
    if let Some(min) = c.min_items {
        out.push(format!("at least {min} item{}", if min == 1 { "" } else { "s" }));
    }
    if let Some(min) = c.min_properties {
        out.push(format!("at least {min} key{}", if min == 1 { "" } else { "s" }));
    }
    if let Some(max) = c.max_properties {
        out.push(format!("at most {max} key{}", if max == 1 { "" } else { "s" }));
    }
    out
}

/// A JSON value as inline code: a string as it is, anything else as JSON.
pub(crate) fn value(v: &Value) -> String {
    match v {
        Value::String(s) => code(s),
        other => code(&other.to_string()),
    }
}

/// A block of text from the spec shown as it is (a JSON example), fenced
/// as `info` (never Rust, so rustdoc never runs it) by a run of backticks
/// longer than any inside.
pub(crate) fn fenced(info: &str, text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{info}\n{}\n{fence}", text.replace('\r', "\\r"))
}

/// Prose from the spec as the text of a list item (`- name: text`):
/// [`escape`]d, with its following lines indented to the item's text
/// (two spaces, and at most one of their own), so they stay in the item
/// without opening a code block.
pub(crate) fn item_text(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, line) in escaped.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str("  ");
                out.push_str(if line.starts_with(' ') { " " } else { "" });
            }
        }
        out.push_str(if i > 0 { line.trim_start_matches(' ') } else { line });
    }
    out
}

/// How a type reads in documentation, with links to generated types from
/// the docs of module `from`.
pub(crate) fn type_name(ty: &Ty, cx: &Cx<'_>, from: Module) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Secret => "string (secret)".into(),
        Ty::DateTime => "date-time".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Any => "any JSON value".into(),
        Ty::File => "file".into(),
        Ty::Array(item) => format!("array of {}", type_name(item, cx, from)),
        Ty::Map(value) => format!("map of {}", type_name(value, cx, from)),
        Ty::Object(id) | Ty::Enum(id) => cx.place.doc_link(Item::Type(*id), from),
        Ty::Nullable(inner) => format!("{} or `null`", type_name(inner, cx, from)),
    }
}

/// One bullet for a param: Rust name, wire name and location, requirement,
/// default, description, constraints and example.
pub(crate) fn param_line(cx: &Cx<'_>, param: &Param, from: Module) -> String {
    let mut line = format!(
        "- `{}` ({}, {}, {}",
        param.rust_name,
        code(&param.wire_name),
        param.location.as_str(),
        if param.required { "required".to_owned() } else { type_name(&param.ty, cx, from) }
    );
    if param.required {
        line.push_str(&format!(", {}", type_name(&param.ty, cx, from)));
    }
    line.push(')');
    if let Some(d) = &param.description {
        line.push_str(&format!(": {}", item_text(d.trim_end_matches('.'))));
    }
    line.push('.');
    if let Some(d) = &param.default {
        if param.send_default {
            line.push_str(&format!(" Default {}, sent when not set.", value(d)));
        } else {
            line.push_str(&format!(" Default {} (applied by the server).", value(d)));
        }
    }
    if let Some(p) = &param.constraints.pattern {
        line.push_str(&format!(" Pattern {}.", code(p)));
    }
    let bounds = bounds(&param.constraints);
    if !bounds.is_empty() {
        line.push_str(&format!(" Limits: {}.", bounds.join(", ")));
    }
    if param.deprecated {
        line.push_str(" Deprecated.");
    }
    if let Some(e) = &param.example {
        line.push_str(&format!(" Example: {}.", value(e)));
    }
    line
}

/// The full documentation of an action, shared by the resource method and
/// the request builder.
pub(crate) fn action(cx: &Cx<'_>, action: &Action, from: Module) -> String {
    let api = cx.api;
    let mut text = format!(
        "{}\n\n{} ({})\n",
        escape(&action.summary),
        code(&format!("{} {}", action.http_method, action.path)),
        code(&action.id)
    );
    if let Some(d) = &action.description {
        text.push_str(&format!("\n{}\n", escape(d)));
    }
    if action.auth {
        let scopes: Vec<String> = action.scopes.iter().map(|s| code(s)).collect();
        text.push_str(&format!(
            "\n**Authentication:** the token needs at least one of these scopes: {}.{}\n",
            scopes.join(", "),
            token_rules(action)
        ));
    } else {
        text.push_str("\n**Authentication:** none; the call is sent without a token.\n");
    }
    text.push_str("\n# Parameters\n\n");
    for p in action.params.iter().chain(&api.global_params) {
        text.push_str(&param_line(cx, p, from));
        text.push('\n');
    }
    text.push_str("\n# Responses\n\n");
    for r in &action.success {
        let schema = r.schema.as_ref().and_then(|name| cx.schema_named(name));
        let ty = schema
            .map(|s| format!(" {}", cx.place.doc_link(Item::Type(s.id), from)))
            .unwrap_or_else(|| " (no body)".into());
        let variant = match &action.success_type {
            SuccessType::ByStatus(responses) => responses
                .variants
                .iter()
                .find(|v| v.code == r.code)
                .map(|v| format!(", as [`{}::{}`]", responses.name, v.name))
                .unwrap_or_default(),
            _ => String::new(),
        };
        text.push_str(&format!(
            "- `{}`{ty}{variant}: {}\n",
            r.code,
            r.description.as_deref().map(item_text).unwrap_or_else(|| "success".into())
        ));
    }
    for r in &action.errors {
        // A status with a schema of its own also decodes into it; say where
        // that value is, since `body()` has the API's error schema.
        let error_type = cx.place.doc_link(Item::Type(api.error_type), from);
        let ty = match super::errors::own_schema(cx, r) {
            Some(own) => format!("{error_type} and, in `details`, {}", cx.place.doc_link(Item::Type(own.id), from)),
            None => error_type,
        };
        text.push_str(&format!(
            "- `{}` (an `Error::Api` with {ty}): {}\n",
            r.code,
            r.description.as_deref().map(item_text).unwrap_or_else(|| "error".into())
        ));
    }
    text
}

/// What an action says of the tokens and users that may call it, beyond
/// scopes, as sentences (each with a leading space), for rustdoc and the
/// Markdown docs.
pub(crate) fn token_rules(action: &Action) -> String {
    let mut text = String::new();
    if action.deny_oauth_tokens {
        text.push_str(" The API refuses OAuth tokens for this action, whatever their scopes.");
    }
    if action.allow_unverified {
        text.push_str(" A user whose email address is not verified may call it.");
    }
    text
}

/// Whether a param is a constructor argument of the request builder.
pub(crate) fn is_argument(param: &Param) -> bool {
    param.required || param.location == ParamLocation::Path
}

/// A code block in the rustdoc comments of Rust source: the line it opens
/// on (1-based) and its info string (`no_run`, `json`; empty for an
/// indented block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The line of the source the block opens on, counting from 1.
    pub line: usize,
    /// The info string of a fenced block, empty for an indented one.
    pub info: String,
}

/// Every code block that the `///` and `//!` comments of `source` could
/// open, over-approximated: besides fences (```` ``` ````, `~~~`), any line
/// indented by four spaces or more, or with five spaces or more after a
/// list marker, counts as an indented block wherever it is. The generator's
/// own docs have only `no_run` examples and `json` examples; a check that
/// nothing else is found proves that no text from a spec became code.
pub fn code_blocks(source: &str) -> Vec<CodeBlock> {
    let mut found = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    let lines = source.lines().enumerate().map(|(i, l)| (i + 1, l.trim_start())).chain([(0, "")]);
    for (number, line) in lines {
        let doc = line.strip_prefix("///").or_else(|| line.strip_prefix("//!"));
        match doc {
            Some(text) if !text.starts_with('/') => block.push((number, text)),
            _ => {
                blocks_in(&block, &mut found);
                block.clear();
            }
        }
    }
    found
}

fn blocks_in(doc: &[(usize, &str)], found: &mut Vec<CodeBlock>) {
    // rustdoc removes the indentation all lines share.
    let indent = doc
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut fence: Option<(char, usize)> = None;
    for &(number, line) in doc {
        let line = line.get(indent..).unwrap_or("");
        let mut rest = line.trim_start_matches(' ');
        let spaces = line.len() - rest.len();
        if let Some((c, len)) = fence {
            let run = rest.len() - rest.trim_start_matches(c).len();
            if spaces < 4 && run >= len && rest[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if line.contains('\t') || spaces >= 4 {
            found.push(CodeBlock { line: number, info: String::new() });
            continue;
        }
        // Containers: quotes and list markers, any number of them.
        loop {
            let before = rest;
            if let Some(r) = rest.strip_prefix('>') {
                rest = r;
            } else if let Some(len) = list_marker(rest).filter(|&m| rest[m..].is_empty() || rest[m..].starts_with(' '))
            {
                let after = &rest[len..];
                let content = after.trim_start_matches(' ');
                if after.len() - content.len() >= 5 {
                    found.push(CodeBlock { line: number, info: String::new() });
                }
                rest = content;
            } else if rest.starts_with('*') && rest[1..].starts_with(' ') {
                rest = rest[1..].trim_start_matches(' ');
            }
            rest = rest.trim_start_matches(' ');
            if rest == before {
                break;
            }
        }
        for c in ['`', '~'] {
            let run = rest.len() - rest.trim_start_matches(c).len();
            if run >= 3 {
                let info = rest[run..].trim();
                if c == '~' || !info.contains('`') {
                    found
                        .push(CodeBlock { line: number, info: info.split([' ', ',']).next().unwrap_or("").to_owned() });
                    fence = Some((c, run));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{code, code_blocks, doc_text, escape, item_text};

    /// Text with what opens code blocks in Markdown, mixed.
    fn hostile_text() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec(
                prop_oneof![
                    Just("```"),
                    Just("~~~"),
                    Just("`"),
                    Just("    "),
                    Just(" "),
                    Just("\t"),
                    Just("\n"),
                    Just("\r"),
                    Just("\r\n"),
                    Just("\n\n"),
                    Just("- "),
                    Just("1. "),
                    Just("> "),
                    Just("* "),
                    Just("rust"),
                    Just("panic!()"),
                    Just("<script>"),
                ],
                0..24
            )
            .prop_map(|pieces| pieces.concat()),
            any::<String>(),
        ]
    }

    /// The code span `code` made: its text, as Markdown shows it.
    fn span_text(span: &str) -> &str {
        let run = span.len() - span.trim_start_matches('`').len();
        let inner = &span[run..span.len() - run];
        let padded = inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') && !inner.trim().is_empty();
        if padded { &inner[1..inner.len() - 1] } else { inner }
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config { failure_persistence: None, ..proptest::test_runner::Config::with_cases(2000) })]

        /// Spec text in rustdoc never opens a code block and never holds a
        /// carriage return, as prose, as a list item's text or as inline
        /// code; inline code shows the text exactly.
        #[test]
        fn spec_text_in_rustdoc_is_inert(text in hostile_text()) {
            for doc in [
                format!("Summary.\n\n{}\n", escape(&text)),
                format!("- `x` (`x`, query, string): {}.\n- `y`: {}\n", item_text(&text), item_text(&text)),
                format!("Example: {}, or {}.\n{}\n", code(&text), code(&text), code(&text)),
            ] {
                let printed = doc_text(&doc, 4);
                prop_assert!(!printed.contains('\r'), "{printed}");
                let blocks = code_blocks(&printed);
                prop_assert!(blocks.is_empty(), "{blocks:?} in\n{printed}");
            }
            let span = code(&text);
            prop_assert!(!span.contains(['\n', '\r']));
            if !text.is_empty() && !text.chars().any(char::is_control) {
                prop_assert_eq!(span_text(&span), text.as_str());
            }
        }
    }

    #[test]
    fn the_check_finds_the_code_blocks_raw_text_would_open() {
        for raw in
            ["```rust\npanic!();\n```", "~~~\nx\n~~~", "a\n\n    panic!();", "-      panic!();", "> ```\n> x", "\tx"]
        {
            let blocks = code_blocks(&doc_text(&format!("Summary.\n\n{raw}"), 0));
            assert!(!blocks.is_empty(), "{raw:?}");
        }
        let own = code_blocks("/// ```no_run\n/// let x = 1;\n///     .y();\n/// ```\n/// ```json\n/// {}\n/// ```\n");
        let infos: Vec<&str> = own.iter().map(|b| b.info.as_str()).collect();
        assert_eq!(infos, ["no_run", "json"]);
    }

    #[test]
    fn code_spans_are_longer_than_any_run_inside() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``"), "``` `` ```");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("a\rb"), "`\"a\\rb\"`");
        assert_eq!(code(""), "`\"\"`");
    }

    #[test]
    fn prose_keeps_its_markdown_but_opens_no_code() {
        assert_eq!(escape("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(escape("```rust\n~~~"), "\\`\\`\\`rust\n\\~\\~\\~");
        assert_eq!(escape("\n\n      code\n-      item\n  - nested"), "\n\n   code\n- item\n  - nested");
    }
}
