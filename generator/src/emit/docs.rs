//! Rustdoc text for generated items.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::Cx;
use crate::ir::{Action, Param, ParamLocation, SuccessType, Ty};

/// Documentation for a generated item, as one placeholder attribute.
///
/// Rustdoc text is about a third of the generated tokens, and the printer
/// would only copy it: parsed as one `#[doc]` attribute per line, it cost a
/// third of the generator's time. So the text is kept aside in this
/// thread's table of doc texts and the item carries `#[doc = "\u{E000}<n>"]`,
/// which prettyplease prints as `///\u{E000}<n>`; [`splice_docs`] then puts
/// the text back as `///` lines at the placeholder's indentation, exactly
/// as the printer would have laid them out.
pub(crate) fn doc(text: &str) -> TokenStream {
    let text = text.trim_end();
    if text.is_empty() {
        return TokenStream::new();
    }
    let index = DOCS.with(|docs| {
        let mut docs = docs.borrow_mut();
        docs.push(text.to_owned());
        docs.len() - 1
    });
    let placeholder = format!("{MARK}{index}");
    quote!(#[doc = #placeholder])
}

/// What a doc placeholder starts with: a private-use character, which no
/// printed Rust line starts with.
const MARK: char = '\u{E000}';

/// A placeholder as prettyplease prints it, up to its number.
const PRINTED_MARK: &str = "///\u{E000}";

thread_local! {
    /// The doc texts of the items this thread has emitted and not yet
    /// rendered. Each thread emits and renders its own files, so the table
    /// needs no lock; `generate` clears it once what it emitted on the
    /// thread is rendered.
    static DOCS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Forgets the doc texts registered on this thread.
pub(crate) fn clear_docs() {
    DOCS.with(|docs| docs.borrow_mut().clear());
}

/// Replaces each printed placeholder line with its doc text's `///` lines,
/// appending to `out`; other lines are copied as they are.
pub(crate) fn splice_docs(printed: &str, out: &mut String) {
    DOCS.with(|docs| {
        let docs = docs.borrow();
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
    });
}

/// The same documentation as [`doc`], as the `///` lines prettyplease
/// prints for it, indented by `indent` spaces.
pub(crate) fn doc_text(text: &str, indent: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.trim_end().lines() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str("///");
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Markdown-escapes text from the spec that ends up in rustdoc, so that
/// brackets and angle brackets are not read as links or HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' | '`' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A JSON value as inline code.
pub(crate) fn value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

/// Where documentation links to named types point: the resource module's
/// own types are local, schema types are in the types module.
pub(crate) struct Links<'a> {
    pub(crate) types_path: &'a str,
    pub(crate) local: Vec<&'a str>,
}

impl Links<'_> {
    fn named(&self, name: &str) -> String {
        if self.local.contains(&name) {
            format!("[`{name}`]")
        } else {
            format!("[`{name}`]({}::{name})", self.types_path)
        }
    }
}

/// How a type reads in documentation, with links to generated types.
pub(crate) fn type_name(ty: &Ty, links: &Links<'_>) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Secret => "string (secret)".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Any => "any JSON value".into(),
        Ty::File => "file".into(),
        Ty::Array(item) => format!("array of {}", type_name(item, links)),
        Ty::Map(value) => format!("map of {}", type_name(value, links)),
        Ty::Object(name) | Ty::Enum(name) => links.named(name),
    }
}

/// One bullet for a param: Rust name, wire name and location, requirement,
/// default, description, constraints and example.
pub(crate) fn param_line(param: &Param, links: &Links<'_>) -> String {
    let mut line = format!(
        "- `{}` (`{}`, {}, {}",
        param.rust_name,
        param.wire_name,
        param.location.as_str(),
        if param.required { "required".to_owned() } else { type_name(&param.ty, links) }
    );
    if param.required {
        line.push_str(&format!(", {}", type_name(&param.ty, links)));
    }
    line.push(')');
    if let Some(d) = &param.description {
        line.push_str(&format!(": {}", escape(d.trim_end_matches('.'))));
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
        line.push_str(&format!(" Pattern `{p}`."));
    }
    if let Some(e) = &param.example {
        line.push_str(&format!(" Example: {}.", value(e)));
    }
    line
}

/// The full documentation of an action, shared by the resource method and
/// the request builder.
pub(crate) fn action(cx: &Cx<'_>, action: &Action, links: &Links<'_>) -> String {
    let api = cx.api;
    let mut text =
        format!("{}\n\n`{} {}` (`{}`)\n", escape(&action.summary), action.http_method, action.path, action.id);
    if let Some(d) = &action.description {
        text.push_str(&format!("\n{}\n", escape(d)));
    }
    if action.auth {
        let scopes: Vec<String> = action.scopes.iter().map(|s| format!("`{s}`")).collect();
        text.push_str(&format!(
            "\n**Authentication:** the token needs at least one of these scopes: {}.\n",
            scopes.join(", ")
        ));
    } else {
        text.push_str("\n**Authentication:** none; the call is sent without a token.\n");
    }
    text.push_str("\n# Parameters\n\n");
    for p in &action.params {
        text.push_str(&param_line(p, links));
        text.push('\n');
    }
    for p in &api.global_params {
        text.push_str(&param_line(p, links));
        text.push('\n');
    }
    text.push_str("\n# Responses\n\n");
    for r in &action.success {
        let schema = r.schema.as_ref().and_then(|name| cx.schema_named(name));
        let ty = schema.map(|s| format!(" {}", links.named(&s.rust_name))).unwrap_or_else(|| " (no body)".into());
        let variant = match &action.success_type {
            SuccessType::ByStatus { name, variants } => variants
                .iter()
                .find(|(code, _, _)| *code == r.code)
                .map(|(_, v, _)| format!(", as [`{name}::{v}`]"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        text.push_str(&format!(
            "- `{}`{ty}{variant}: {}\n",
            r.code,
            r.description.as_deref().map(escape).unwrap_or_else(|| "success".into())
        ));
    }
    for r in &action.errors {
        text.push_str(&format!(
            "- `{}` (an `Error::Api` with {}): {}\n",
            r.code,
            links.named(&api.error_type),
            r.description.as_deref().map(escape).unwrap_or_else(|| "error".into())
        ));
    }
    text
}

/// Whether a param is a constructor argument of the request builder.
pub(crate) fn is_argument(param: &Param) -> bool {
    param.required || param.location == ParamLocation::Path
}
