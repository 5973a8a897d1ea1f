//! Rust names for spec names.
//!
//! Conversion goes through `heck`. A result that is a Rust keyword gets a
//! trailing underscore (`type` becomes `type_`), the convention of
//! progenitor and typify, because raw identifiers cannot spell `self`,
//! `crate` or `super` and read poorly in rustdoc. A result that is still not
//! an identifier is reported by the caller, never emitted.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names in the Rust prelude (and `Self`-adjacent derive names): a
/// generated type named so would shadow them for anyone who glob-imports
/// the module.
const PRELUDE: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Unpin",
    "Vec",
];

/// Methods every handle has through its derives (`Clone`, `Debug`): an
/// action named so would shadow them.
const TRAIT_METHODS: &[&str] = &["clone", "clone_from", "fmt", "to_owned"];

/// A request builder type name that does not shadow a prelude name: `Clone`
/// becomes `CloneRequest`.
pub fn item(name: String) -> String {
    if PRELUDE.contains(&name.as_str()) { format!("{name}Request") } else { name }
}

/// A method name that does not shadow a derived trait's method: `clone`
/// becomes `clone_`.
pub fn method(name: String) -> String {
    if TRAIT_METHODS.contains(&name.as_str()) { format!("{name}_") } else { name }
}

/// Whether `name` is a Rust keyword, strict or reserved, in any edition.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `sortField` -> `sort_field`; `_actions` -> `actions`; `type` -> `type_`.
pub fn snake(name: &str) -> Option<String> {
    finish(name.to_snake_case())
}

/// `applicationApiTokens` -> `ApplicationApiTokens`.
pub fn pascal(name: &str) -> Option<String> {
    finish(name.to_upper_camel_case())
}

fn finish(converted: String) -> Option<String> {
    let mut chars = converted.chars();
    let first = chars.next()?;
    let valid = (first.is_ascii_alphabetic() || first == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid || converted == "_" {
        return None;
    }
    Some(if is_keyword(&converted) { format!("{converted}_") } else { converted })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> Option<String>, input: &str, expected: Option<&str>) {
        assert_eq!(f(input).as_deref(), expected, "converting {input:?}");
    }

    #[test]
    fn conversions() {
        check(snake, "sortField", Some("sort_field"));
        check(snake, "sort_field", Some("sort_field"));
        check(snake, "_actions", Some("actions"));
        check(snake, "losantdomain", Some("losantdomain"));
        check(snake, "type", Some("type_"));
        check(snake, "self", Some("self_"));
        check(snake, "import", Some("import"));
        check(snake, "move", Some("move_"));
        check(snake, "apiTokenId", Some("api_token_id"));
        check(snake, "2fa", None);
        check(snake, "", None);
        check(snake, "___", None);
        check(snake, "ü", None);
        check(pascal, "applicationApiTokens", Some("ApplicationApiTokens"));
        check(pascal, "creationDate", Some("CreationDate"));
        check(pascal, "self", Some("Self_"));
        check(pascal, "", None);
        check(pascal, "9", None);
    }
}
