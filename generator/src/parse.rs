//! YAML text to the raw [`crate::spec`] model.
//!
//! serde-saphyr reports the line and column of every syntax and shape error
//! (unknown key, wrong type, tab indentation, duplicate key) and never panics
//! on malformed input; each file is parsed on its own so that one broken
//! file does not hide the problems of the others.

use crate::diagnostic::{Diagnostic, Position};
use crate::source::{FileKind, SourceFile, SpecSources};
use crate::spec::{ApiFile, ResourceFile, SchemaFile};

/// The raw model of every file that parsed.
#[derive(Debug, Default)]
pub(crate) struct ParsedSpec<'s> {
    pub(crate) api: Option<(&'s SourceFile, ApiFile)>,
    pub(crate) resources: Vec<(&'s SourceFile, ResourceFile)>,
    pub(crate) schemas: Vec<(&'s SourceFile, SchemaFile)>,
}

pub(crate) fn parse<'s>(sources: &'s SpecSources, diags: &mut Vec<Diagnostic>) -> ParsedSpec<'s> {
    let mut parsed = ParsedSpec::default();
    for file in sources.files() {
        match file.kind {
            FileKind::Api => {
                if parsed.api.is_some() {
                    diags.push(
                        Diagnostic::new(&file.display_path, None, "a second API file")
                            .with_hint("keep exactly one api.yaml"),
                    );
                } else if let Some(api) = parse_file(file, diags) {
                    parsed.api = Some((file, api));
                }
            }
            FileKind::Resource => {
                if let Some(resource) = parse_file(file, diags) {
                    parsed.resources.push((file, resource));
                }
            }
            FileKind::Schema => {
                if let Some(schema) = parse_file(file, diags) {
                    parsed.schemas.push((file, schema));
                }
            }
        }
    }
    parsed
}

fn parse_file<T: serde::de::DeserializeOwned>(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    if file.text.trim().is_empty() {
        diags.push(
            Diagnostic::new(&file.display_path, Some(Position { line: 1, column: 1 }), "the file is empty")
                .with_hint("write the file's mapping, or delete the file"),
        );
        return None;
    }
    match serde_saphyr::from_str::<T>(&file.text) {
        Ok(value) => Some(value),
        Err(error) => {
            let position = error.location().and_then(Position::from_saphyr);
            diags.push(yaml_diagnostic(file, position, &error.without_snippet().to_string()));
            None
        }
    }
}

/// Turns a serde-saphyr message into a diagnostic with a hint, dropping the
/// position suffix the library appends (the diagnostic carries it).
fn yaml_diagnostic(file: &SourceFile, position: Option<Position>, raw: &str) -> Diagnostic {
    let message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw.to_owned(),
    };
    let hint = if message.contains("unknown field") {
        Some(unknown_key_hint(&message))
    } else if message.contains("tab") {
        Some("indent with spaces; YAML does not allow tabs for indentation".to_owned())
    } else if message.contains("missing field") {
        Some("add the key; see spec/README.md for what each file must declare".to_owned())
    } else if message.contains("duplicate mapping key") {
        Some("each key may appear once in a mapping; remove or rename one".to_owned())
    } else if message.contains("expected mapping") {
        Some("the file must be a YAML mapping of keys to values".to_owned())
    } else {
        None
    };
    let message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    let diagnostic = Diagnostic::new(&file.display_path, position, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Suggests the valid key closest to an unknown one, from serde's
/// "unknown field `x`, expected one of a, b" message.
fn unknown_key_hint(message: &str) -> String {
    let unknown = message.split('`').nth(1).unwrap_or_default();
    let expected: Vec<&str> = message
        .split_once("expected ")
        .map(|(_, rest)| rest.trim_start_matches("one of ").split(", ").map(|k| k.trim_matches('`')).collect())
        .unwrap_or_default();
    match crate::validate::nearest(unknown, expected) {
        Some(k) => format!("did you mean `{k}`?"),
        None => "remove the key; valid keys are listed in the message".to_owned(),
    }
}
