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

/// The Rust variant names of an enum's values (their wire text: a string as
/// it is, a number as JSON writes it, `true`, `false`), one per value, in
/// order: distinct, never reserved ([`Scope::EnumVariant`]), and a
/// function of the whole list only. The rule (spec/README.md, "Enum
/// values"):
///
/// 1. the value's runs of ASCII letters and digits, each in UpperCamelCase
///    (heck), joined (with `_` between two digits: `3.1.1` -> `V3_1_1`);
///    a name that starts with a digit gets `V` in front, or `Minus` when
///    the value starts with `-` (`0` -> `V0`, `-1` -> `Minus1`); a value
///    with no letter or digit is spelled out by its characters (`` ->
///    `Empty`, `*` -> `Star`, `+` -> `Plus`, others `U` and their code);
/// 2. values that get the same name from step 1 (`asc`, `ASC`) each get
///    their spelling as a suffix: `Lower` (no upper-case letter), `Upper`
///    (no lower-case letter) or `Mixed` (`AscLower`, `AscUpper`);
/// 3. a keyword or reserved name (`Self`, and `None`, `Some`, `Ok`, `Err`,
///    `Unknown`, which a glob import or the fallback variant would shadow)
///    gets `Value` appended, as smithy-rs names them (`NoneValue`,
///    `UnknownValue`); a name an earlier value already has then gets `_`
///    appended until it is free.
pub fn enum_variants(values: &[&str]) -> Vec<String> {
    let bases: Vec<String> = values.iter().map(|v| variant_base(v)).collect();
    let mut taken = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(values.len());
    for (value, base) in values.iter().zip(&bases) {
        let mut name = base.clone();
        if bases.iter().filter(|b| *b == base).count() > 1 {
            let upper = value.chars().any(|c| c.is_uppercase());
            let lower = value.chars().any(|c| c.is_lowercase());
            name.push_str(match (upper, lower) {
                (false, _) => "Lower",
                (true, false) => "Upper",
                (true, true) => "Mixed",
            });
        }
        if is_keyword(&name) || is_reserved(Scope::EnumVariant, &name) {
            name.push_str("Value");
        }
        while is_keyword(&name) || is_reserved(Scope::EnumVariant, &name) || taken.contains(&name) {
            name.push('_');
        }
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

/// Step 1 of [`enum_variants`].
fn variant_base(value: &str) -> String {
    let mut name = String::new();
    for run in value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|r| !r.is_empty()) {
        let word = run.to_upper_camel_case();
        if name.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit()) {
            name.push('_');
        }
        name.push_str(&word);
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        let negative = value.starts_with('-') && value[1..].starts_with(|c: char| c.is_ascii_digit());
        name.insert_str(0, if negative { "Minus" } else { "V" });
    }
    if name.is_empty() {
        name = if value.is_empty() { "Empty".to_owned() } else { value.chars().map(symbol_name).collect() };
    }
    name
}

/// The name of a character in a value with no letter or digit.
fn symbol_name(c: char) -> String {
    let name = match c {
        '*' => "Star",
        '+' => "Plus",
        '-' => "Minus",
        '.' => "Dot",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '/' => "Slash",
        '\\' => "Backslash",
        '_' => "Underscore",
        ' ' => "Space",
        '#' => "Hash",
        '@' => "At",
        '!' => "Bang",
        '?' => "Question",
        '%' => "Percent",
        '&' => "Amp",
        '=' => "Eq",
        '<' => "Lt",
        '>' => "Gt",
        '~' => "Tilde",
        '|' => "Pipe",
        '$' => "Dollar",
        '^' => "Caret",
        '(' => "LParen",
        ')' => "RParen",
        '[' => "LBracket",
        ']' => "RBracket",
        '{' => "LBrace",
        '}' => "RBrace",
        '\'' => "Quote",
        '"' => "DoubleQuote",
        '`' => "Backtick",
        other => return format!("U{:04X}", u32::from(other)),
    };
    name.to_owned()
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

    #[test]
    fn enum_variant_names() {
        let names = |values: &[&str]| enum_variants(values);
        assert_eq!(names(&["asc", "desc", "ASC", "DESC"]), ["AscLower", "DescLower", "AscUpper", "DescUpper"]);
        assert_eq!(names(&["", "*", "**", "+", "é"]), ["Empty", "Star", "StarStar", "Plus", "U00E9"]);
        assert_eq!(
            names(&["0", "1", "-1", "1.5", "3.1.1", "86400000"]),
            ["V0", "V1", "Minus1", "V1_5", "V3_1_1", "V86400000"]
        );
        assert_eq!(
            names(&["none", "some", "ok", "err", "unknown", "self"]),
            ["NoneValue", "SomeValue", "OkValue", "ErrValue", "UnknownValue", "SelfValue"]
        );
        // The suffixed name is taken like any other.
        assert_eq!(names(&["none", "noneValue", "None"]), ["NoneLower", "NoneValue", "NoneMixed"]);
        assert_eq!(names(&["none", "none_value"]), ["NoneValue", "NoneValue_"]);
        assert_eq!(names(&["true", "false"]), ["True", "False"]);
        assert_eq!(
            names(&["sortField", "sort_field", "SortField"]),
            ["SortFieldMixed", "SortFieldLower", "SortFieldMixed_"]
        );
        assert_eq!(names(&["a-b", "AB", "aB", "ab", "a.b"]), ["ABLower", "AbUpper", "ABMixed", "AbLower", "ABLower_"]);
        assert_eq!(names(&["application/json", "2fa", "v1.2"]), ["ApplicationJson", "V2fa", "V1_2"]);
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
            let variants = enum_variants(&[name.as_str(), &name.to_uppercase(), &name.to_lowercase(), "none", ""]);
            for n in &variants {
                prop_assert!(is_ident(n) && !is_reserved(Scope::EnumVariant, n), "variant {name:?} -> {n}");
            }
            let distinct: std::collections::BTreeSet<&String> = variants.iter().collect();
            prop_assert!(distinct.len() == variants.len(), "variants of {name:?}: {variants:?}");
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
