//! A small deterministic YAML writer: block mappings and sequences, and
//! scalars quoted whenever a YAML parser could read them as anything but the
//! string they are.
//!
//! Strings are written plain when that is unambiguous, else single-quoted
//! (one printable line), else double-quoted with escapes (line breaks,
//! control and other non-printable characters). Plain is chosen
//! conservatively: anything that could be a number, a boolean (YAML 1.1's
//! `yes`/`no`/`on`/`off` too), a null, a date, an indicator, a comment or a
//! key is quoted.

use serde_json::Value;

/// A YAML document as the writer sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Yaml {
    Null,
    Bool(bool),
    /// A number, already in its JSON spelling (valid YAML too).
    Number(String),
    Str(String),
    Seq(Vec<Yaml>),
    /// Entries in the order given (callers sort when order is not meaning).
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    pub(crate) fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    /// Converts a JSON value; object keys come out sorted (serde_json's map
    /// is ordered by key).
    pub(crate) fn from_json(value: &Value) -> Yaml {
        match value {
            Value::Null => Yaml::Null,
            Value::Bool(b) => Yaml::Bool(*b),
            Value::Number(n) => Yaml::Number(n.to_string()),
            Value::String(s) => Yaml::Str(s.clone()),
            Value::Array(items) => Yaml::Seq(items.iter().map(Yaml::from_json).collect()),
            Value::Object(map) => Yaml::Map(map.iter().map(|(k, v)| (k.clone(), Yaml::from_json(v))).collect()),
        }
    }

    fn is_block(&self) -> bool {
        match self {
            Yaml::Seq(items) => !items.is_empty(),
            Yaml::Map(entries) => !entries.is_empty(),
            _ => false,
        }
    }
}

/// Renders a document whose root is a mapping (or any value), ending in a
/// newline.
pub(crate) fn render(doc: &Yaml) -> String {
    let mut out = String::new();
    match doc {
        Yaml::Map(entries) if !entries.is_empty() => write_map(&mut out, entries, 0),
        Yaml::Seq(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn write_map(out: &mut String, entries: &[(String, Yaml)], indent: usize) {
    for (i, (key, value)) in entries.iter().enumerate() {
        // The first entry of a mapping inside a sequence item follows `- `.
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str(&scalar(key));
        out.push(':');
        write_value_after_key(out, value, indent);
    }
}

fn write_value_after_key(out: &mut String, value: &Yaml, indent: usize) {
    match value {
        Yaml::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_map(out, entries, indent + 2);
        }
        Yaml::Seq(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, items: &[Yaml], indent: usize) {
    for item in items {
        pad(out, indent);
        match item {
            Yaml::Map(entries) if item.is_block() => {
                out.push_str("- ");
                write_map(out, entries, indent + 2);
            }
            Yaml::Seq(inner) if item.is_block() => {
                out.push_str("-\n");
                write_seq(out, inner, indent + 2);
            }
            other => {
                out.push_str("- ");
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A value on one line: scalars, and empty collections.
fn inline(value: &Yaml) -> String {
    match value {
        Yaml::Null => "null".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.clone(),
        Yaml::Str(s) => scalar(s),
        Yaml::Seq(_) => "[]".into(),
        Yaml::Map(_) => "{}".into(),
    }
}

/// A string as a YAML scalar that reads back as exactly this string.
pub(crate) fn scalar(s: &str) -> String {
    if plain_is_safe(s) {
        s.to_owned()
    } else if s.chars().all(|c| printable(c) && c != '\n' && c != '\t') {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

/// Words YAML 1.1 or 1.2 resolve to booleans or null (compared lowercase).
const RESERVED: [&str; 12] = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<"];

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s.starts_with(' ') || s.ends_with(' ') || RESERVED.contains(&s.to_ascii_lowercase().as_str()) {
        return false;
    }
    // Indicators, quotes, and what could start a number, a date or a
    // document marker.
    if "-?:,[]{}#&*!|>'\"%@`.+".contains(first) || first.is_ascii_digit() {
        return false;
    }
    // `: ` and ` #` (and a final `:`) end a plain scalar; flow indicators are
    // quoted too, so the text reads the same in any context.
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains(['{', '}', '[', ']', ',']) {
        return false;
    }
    s.chars().all(|c| printable(c) && c != '\t' && c != '\n')
}

/// Characters YAML lets stand unescaped (its printable set, minus the
/// line and paragraph separators and the byte order mark, which some
/// readers treat as breaks).
fn printable(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        ' '..='~' => true,
        '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' => false,
        '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}' => true,
        _ => false,
    }
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: [&str; 52] = [
        "",
        " ",
        "  lead",
        "trail ",
        "a: b",
        "a:b",
        "key:",
        ":",
        "# not a comment",
        "a #b",
        "a#b",
        "-",
        "- item",
        "-1",
        "+1",
        "1",
        "0x1F",
        "0o17",
        "1e3",
        ".5",
        ".inf",
        "-.inf",
        ".nan",
        "1_000",
        "2016-06-13T04:00:00.000Z",
        "2016-06-13",
        "12:30:00",
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "true",
        "False",
        "null",
        "NULL",
        "~",
        "<<",
        "=",
        "multi\nline\n",
        "tab\there",
        "quote 'single' \"double\"",
        "back\\slash",
        "^[A-Fa-f\\d]{24}$",
        "{a: 1}",
        "[1, 2]",
        "*alias",
        "&anchor",
        "!tag",
        "bell\u{7}del\u{7F}nel\u{85}ls\u{2028}bom\u{FEFF}",
        "ünïcödé ✓ 𝄞",
    ];

    fn read_string(yaml: &str) -> String {
        serde_saphyr::from_str::<String>(yaml).unwrap_or_else(|e| panic!("{yaml:?}: {e}"))
    }

    #[test]
    fn tricky_strings_round_trip_as_scalars_values_and_keys() {
        for s in TRICKY {
            assert_eq!(read_string(&render(&Yaml::str(s))), s, "scalar {s:?} as {:?}", scalar(s));
            let doc = Yaml::Map(vec![(
                s.to_owned(),
                Yaml::Seq(vec![Yaml::str(s), Yaml::Map(vec![("k".into(), Yaml::str(s))])]),
            )]);
            let text = render(&doc);
            let back: serde_json::Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let expected = serde_json::json!({ s: [s, {"k": s}] });
            assert_eq!(back, expected, "{text}");
        }
    }

    #[test]
    fn plain_strings_stay_plain() {
        for s in ["name", "all.Application", "my*token", "https://api.losant.com", "date-time", "a b c"] {
            assert_eq!(scalar(s), s);
        }
        assert_eq!(scalar("it's: x"), "'it''s: x'");
        assert_eq!(scalar("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn json_values_round_trip() {
        let value = serde_json::json!({
            "empty": {}, "list": [], "n": -1.5, "big": 12345678901234567u64, "t": true, "z": null,
            "nested": [[1, "2"], {"": "", "yes": "no"}, []],
        });
        let text = render(&Yaml::from_json(&value));
        let back: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, value, "{text}");
    }
}
