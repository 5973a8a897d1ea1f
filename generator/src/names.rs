//! Rust names for spec names.
//!
//! Conversion goes through `heck`. A result that is a Rust keyword gets a
//! trailing underscore (`type` becomes `type_`), the convention of
//! progenitor and typify, because raw identifiers cannot spell `self`,
//! `crate` or `super` and read poorly in rustdoc. A result that is still not
//! an identifier is reported by the caller, never emitted.
//!
//! A result that is a name the generated code declares itself in the same
//! scope ([`reserved`], the one table of them) is renamed the same way when
//! the spec name stays exact elsewhere (a param or property keeps its wire
//! name, an action its id: `new` becomes `new_`, `sendBlocking`
//! `send_blocking_`), and a builder type gets `Request` (`CloneRequest`);
//! resources and schemas that would take such a name are reported by
//! validation instead, since nothing would keep their name.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub mod reserved;

pub use reserved::{Scope, is_reserved};

/// A request builder type name that does not shadow a prelude name: `Clone`
/// becomes `CloneRequest`.
pub fn item(name: String) -> String {
    if is_reserved(Scope::ModuleType, &name) { format!("{name}Request") } else { name }
}

/// `name`, with a trailing underscore for each time it is a name the
/// generated code declares itself in `scope`: an action `clone` becomes the
/// method `clone_`, a property `new` the field `new_`. Only names whose
/// spec name stays exact elsewhere are renamed so (a param's and a
/// property's wire name, an action's id); types and modules that would
/// collide are reported instead.
pub fn avoiding(scope: Scope, mut name: String) -> String {
    while is_reserved(scope, &name) {
        name.push('_');
    }
    name
}

/// A method name that does not shadow a method of the resource handle:
/// `clone` becomes `clone_`, `new` becomes `new_`.
pub fn method(name: String) -> String {
    avoiding(Scope::HandleMethod, name)
}

/// The Rust name of a param (a builder field and setter): `sortField` ->
/// `sort_field`, `sendBlocking` -> `send_blocking_`.
pub fn param(name: &str) -> Option<String> {
    snake(name).map(|n| avoiding(Scope::BuilderMember, n))
}

/// The Rust name of a property (a struct field and setter): `new` ->
/// `new_`.
pub fn property(name: &str) -> Option<String> {
    snake(name).map(|n| avoiding(Scope::StructMember, n))
}

/// Whether `name` is a Rust keyword, strict or reserved, in any edition.
/// The setter that sets a nullable property `rust_name` to `null`
/// (`parent_id_null`; `type_` gives `type_null`, never a double underscore).
pub fn null_setter(rust_name: &str) -> String {
    format!("{}_null", rust_name.trim_end_matches('_'))
}

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
        check(param, "sendBlocking", Some("send_blocking_"));
        check(param, "send", Some("send_"));
        check(param, "clone", Some("clone_"));
        check(property, "new", Some("new_"));
        check(property, "validate", Some("validate_"));
        assert_eq!(method("new".into()), "new_");
        assert_eq!(item("Result".into()), "ResultRequest");
    }

    /// Spec names as a spec might spell them: every reserved name of every
    /// scope in the spellings that convert to it, keywords, and arbitrary
    /// text.
    fn spec_name() -> impl proptest::strategy::Strategy<Value = String> {
        use heck::{ToLowerCamelCase, ToUpperCamelCase};
        use proptest::prelude::*;
        let mut known: Vec<String> = reserved::SCOPES
            .iter()
            .flat_map(|&scope| reserved::reserved(scope))
            .chain(KEYWORDS.iter().copied())
            .flat_map(|name| {
                [name.to_owned(), name.to_lower_camel_case(), name.to_upper_camel_case(), format!("{name}_")]
            })
            .collect();
        known.sort();
        known.dedup();
        prop_oneof![proptest::sample::select(known), "[a-zA-Z_][a-zA-Z0-9_ `.-]{0,16}", any::<String>(),]
    }

    fn is_ident(name: &str) -> bool {
        syn::parse_str::<syn::Ident>(name).is_ok()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { failure_persistence: None, ..proptest::test_runner::Config::with_cases(2000) })]

        /// Every name made for a spec name is a Rust identifier that is not
        /// reserved in the scope it is declared in.
        #[test]
        fn names_are_identifiers_outside_the_reserved_table(name in spec_name()) {
            use proptest::prop_assert;
            if let Some(n) = param(&name) {
                prop_assert!(is_ident(&n) && !is_reserved(Scope::BuilderMember, &n), "param {name:?} -> {n}");
            }
            if let Some(n) = property(&name) {
                prop_assert!(is_ident(&n) && !is_reserved(Scope::StructMember, &n), "property {name:?} -> {n}");
            }
            if let Some(n) = snake(&name).map(method) {
                prop_assert!(is_ident(&n) && !is_reserved(Scope::HandleMethod, &n), "action {name:?} -> {n}");
            }
            if let Some(n) = pascal(&name).map(item) {
                prop_assert!(is_ident(&n) && !is_reserved(Scope::ModuleType, &n), "builder {name:?} -> {n}");
            }
            // Resource and schema names are checked against the table by
            // validation, which reports the reserved ones; what it lets
            // through is an identifier.
            for n in [snake(&name), pascal(&name)].into_iter().flatten() {
                prop_assert!(is_ident(&n), "{name:?} -> {n}");
            }
        }
    }
}
