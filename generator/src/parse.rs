//! YAML text to the raw [`crate::spec`] model.
//!
//! serde-saphyr reports the line and column of every syntax and shape error
//! (unknown key, wrong type, tab indentation, duplicate key) and never panics
//! on malformed input; each file is parsed on its own so that one broken
//! file does not hide the problems of the others.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Position};
use crate::source::{FileKind, SourceFile, SpecSources};
use crate::spec::{ApiFile, ResourceFile, SchemaFile};

/// The raw model of every file that parsed.
#[derive(Debug, Default)]
pub(crate) struct ParsedSpec<'s> {
    pub(crate) api: Option<(&'s SourceFile, ApiFile)>,
    /// Whether an API file exists, parsed or not: a broken one is reported
    /// where it breaks, not again as missing.
    pub(crate) has_api_file: bool,
    /// Names of schema files that did not parse (by file name), so that
    /// references to them are not reported as unknown on top.
    pub(crate) broken_schemas: BTreeSet<String>,
    pub(crate) resources: Vec<(&'s SourceFile, ResourceFile)>,
    pub(crate) schemas: Vec<(&'s SourceFile, SchemaFile)>,
}

pub(crate) fn parse<'s>(sources: &'s SpecSources, diags: &mut Vec<Diagnostic>) -> ParsedSpec<'s> {
    let first_api = sources.files().iter().position(|f| f.kind == FileKind::Api);
    let files: Vec<(usize, &SourceFile)> = sources.files().iter().enumerate().collect();
    // Files parse on their own, in parallel; what they add up to is decided
    // below, in the sources' order, so diagnostics come out in that order.
    let outcomes = crate::parallel::map(&files, |&(i, file)| {
        let mut found = Vec::new();
        let parsed = match file.kind {
            FileKind::Api if Some(i) != first_api => Parsed::SecondApi,
            FileKind::Api => Parsed::Api(parse_file(file, &mut found)),
            FileKind::Resource => Parsed::Resource(parse_file(file, &mut found)),
            FileKind::Schema => Parsed::Schema(parse_file(file, &mut found)),
        };
        (parsed, found)
    });
    let mut parsed = ParsedSpec { has_api_file: first_api.is_some(), ..ParsedSpec::default() };
    for ((_, file), (outcome, found)) in files.into_iter().zip(outcomes) {
        diags.extend(found);
        match outcome {
            Parsed::SecondApi => diags.push(
                Diagnostic::new(&file.display_path, None, "a second API file").with_hint("keep exactly one api.yaml"),
            ),
            Parsed::Api(api) => parsed.api = api.map(|api| (file, api)),
            Parsed::Resource(resource) => parsed.resources.extend(resource.map(|r| (file, r))),
            Parsed::Schema(Some(schema)) => parsed.schemas.push((file, schema)),
            Parsed::Schema(None) => {
                parsed.broken_schemas.insert(file_stem(&file.display_path).to_owned());
            }
        }
    }
    parsed
}

/// What one file parsed into.
enum Parsed {
    Api(Option<ApiFile>),
    /// An API file after the first, which is not parsed.
    SecondApi,
    Resource(Option<ResourceFile>),
    Schema(Option<SchemaFile>),
}

fn parse_file<T: serde::de::DeserializeOwned>(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    let blank = file.text.lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if blank {
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
    let mut message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw.to_owned(),
    };
    // serde names Rust types in some messages; say what the YAML needs.
    for (rust, plain) in [("invalid i64", "expected an integer"), ("invalid u64", "expected a whole number, 0 or more")]
    {
        if message == rust {
            message = plain.to_owned();
        }
    }
    let hint = if message.contains("unknown field") {
        Some(unknown_key_hint(&message))
    } else if message.contains("duplicate mapping key") {
        Some("each key may appear once in a mapping; remove or rename one".to_owned())
    } else if message.contains("tabs") || message.contains("found a tab") {
        Some("indent with spaces; YAML does not allow tabs for indentation".to_owned())
    } else if message.contains("missing field") {
        Some("add the key; see spec/README.md for what each file must declare".to_owned())
    } else if message == "expected an integer" {
        Some("write a whole number, such as 200".to_owned())
    } else if message == "invalid boolean" {
        Some("write `true` or `false`".to_owned())
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

/// `spec/schemas/apiToken.yaml` -> `apiToken`.
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name)
}
