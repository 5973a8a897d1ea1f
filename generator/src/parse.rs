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
    let limit = sources.max_yaml_nodes();
    // Files parse on their own, in parallel; what they add up to is decided
    // below, in the sources' order, so diagnostics come out in that order.
    let outcomes = crate::parallel::map(&files, |&(i, file)| {
        let mut found = Vec::new();
        let parsed = match file.kind {
            FileKind::Api if Some(i) != first_api => Parsed::SecondApi,
            FileKind::Api => Parsed::Api(parse_file(file, limit, &mut found)),
            FileKind::Resource => Parsed::Resource(parse_file(file, limit, &mut found)),
            FileKind::Schema => Parsed::Schema(parse_file(file, limit, &mut found)),
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

fn parse_file<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    max_nodes: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let blank = file.text.lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if blank {
        diags.push(
            Diagnostic::new(&file.display_path, Some(Position { line: 1, column: 1 }), "the file is empty")
                .with_hint("write the file's mapping, or delete the file"),
        );
        return None;
    }
    check_text(file, diags);
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = max_nodes;
    // Events are the nodes and the ends of lists and mappings; the parser's
    // defaults allow four per node.
    budget.max_events = budget.max_events.max(max_nodes.saturating_mul(4));
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    match serde_saphyr::from_str_with_options::<T>(&file.text, options) {
        Ok(value) => Some(value),
        Err(error) => {
            let position = error.location().and_then(Position::from_saphyr);
            let mut inner = &error;
            while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } =
                inner
            {
                inner = error;
            }
            match inner {
                serde_saphyr::Error::Budget { breach, .. } => diags.push(budget_diagnostic(file, position, breach)),
                _ => diags.push(yaml_diagnostic(file, position, &error.without_snippet().to_string())),
            }
            None
        }
    }
}

/// Says which of the parser's limits a file reached, and how to raise it.
fn budget_diagnostic(
    file: &SourceFile,
    position: Option<Position>,
    breach: &serde_saphyr::budget::BudgetBreach,
) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach;
    let raise = "split the file, or raise the limit with `SpecSources::with_max_yaml_nodes` where the generator is \
                 called";
    let (message, hint) = match breach {
        BudgetBreach::Nodes { nodes } => (
            format!(
                "the file has more than {} YAML nodes (values, lists and mappings), the limit per file; \
                 parsing stopped at node {nodes}",
                nodes.saturating_sub(1)
            ),
            raise,
        ),
        BudgetBreach::Events { events } => (
            format!(
                "the file has more YAML events (values and the ends of lists and mappings) than the limit per file; parsing stopped at {events}"
            ),
            raise,
        ),
        BudgetBreach::Depth { depth } => (
            format!("the file nests lists and mappings {depth} deep, deeper than the YAML parser allows"),
            "nest less deeply; a spec needs only a few levels",
        ),
        other => (
            format!("the file exceeds a limit of the YAML parser ({other:?})"),
            "anchors, aliases and merge keys are limited; write the values out",
        ),
    };
    Diagnostic::new(&file.display_path, position, message).with_hint(hint)
}

/// Bidirectional text controls (U+202A to U+202E, U+2066 to U+2069, and the
/// marks U+200E, U+200F and U+061C) are rejected wherever they appear in a
/// spec: they make text display in another order than it is read
/// ("Trojan Source"), and rustc denies them in the literals and comments
/// the text becomes. Rejected rather than escaped because the same text
/// can be a value on the wire (an enum value, a param name), which must
/// stay exact, and because nobody means to write one in a spec.
///
/// The YAML escapes of them in double-quoted strings (`\u202E`,
/// `\U0000202E`) are rejected too.
fn check_text(file: &SourceFile, diags: &mut Vec<Diagnostic>) {
    for (i, line) in file.text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for (column, &c) in chars.iter().enumerate() {
            let escaped = || {
                let digits = match chars.get(column + 1) {
                    Some('u') => 4,
                    Some('U') => 8,
                    _ => return None,
                };
                let hex: String = chars.get(column + 2..column + 2 + digits)?.iter().collect();
                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
            };
            let found = if c == '\\' { escaped() } else { Some(c) };
            if let Some(c) = found.filter(|&c| is_bidi_control(c)) {
                let position = Position { line: i as u32 + 1, column: column as u32 + 1 };
                diags.push(
                    Diagnostic::new(
                        &file.display_path,
                        Some(position),
                        format!("the text has the invisible bidirectional control character U+{:04X}", c as u32),
                    )
                    .with_hint("remove it: it makes text display in another order than it reads"),
                );
            }
        }
    }
}

/// Whether `c` changes the direction text displays in.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
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
    match crate::diagnostic::nearest(unknown, expected) {
        Some(k) => format!("did you mean `{k}`?"),
        None => "remove the key; valid keys are listed in the message".to_owned(),
    }
}

/// `spec/schemas/apiToken.yaml` -> `apiToken`.
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name)
}
