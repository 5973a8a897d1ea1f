//! Types of params and properties: `type`, `ref`, `enum`, `items`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Reporter, SchemaTable, at};
use crate::diagnostic::Position;
use crate::ir::{Constraints, EnumDef, Ty};
use crate::names;
use crate::spec::FieldSpec;

/// Where a type is being lowered, for messages and for naming inline enums.
#[derive(Clone)]
pub(crate) struct TypeSite<'a> {
    pub(crate) file: &'a str,
    /// Position to report when the field itself has no better one.
    pub(crate) position: Option<Position>,
    /// Rust name an inline enum gets.
    pub(crate) enum_name: String,
    /// Whether values the spec does not list must be kept.
    pub(crate) open_enum: bool,
}

/// Lowers the type of a field; inline enums are pushed to `enums`.
pub(crate) fn lower_type(
    field: &FieldSpec,
    site: &TypeSite<'_>,
    table: &SchemaTable,
    enums: &mut Vec<EnumDef>,
    report: &mut Reporter<'_>,
) -> Option<Ty> {
    let file = site.file;
    match (&field.ty, &field.reference) {
        (Some(_), Some(reference)) => {
            report.error(file, at(reference), "give either `type` or `ref`, not both", "keep the one you mean");
            None
        }
        (None, Some(reference)) => {
            for (key, present) in [("enum", field.values.is_some()), ("items", field.items.is_some())] {
                if present {
                    report.error(
                        file,
                        at(reference),
                        format!("`{key}` does not go with `ref`"),
                        "the referenced schema defines the shape",
                    );
                }
            }
            match table.get(&reference.value) {
                Some(entry) if entry.is_enum => Some(Ty::Enum(entry.rust_name.clone())),
                Some(entry) => Some(Ty::Object(entry.rust_name.clone())),
                None => {
                    table.report_unknown(report, file, reference);
                    None
                }
            }
        }
        (Some(ty), None) => {
            let scalar_only = |report: &mut Reporter<'_>, name: &str| {
                if let Some(values) = &field.values {
                    report.error(file, at(values), format!("`enum` is only for strings, not {name}"), "");
                }
                if let Some(secret) = field.secret.as_ref().filter(|s| s.value) {
                    report.error(file, at(secret), "only strings can be `secret`", "");
                }
            };
            if let Some(items) = field.items.as_ref().filter(|_| ty.value != "array") {
                let position = items.ty.as_ref().map(at).unwrap_or(at(ty));
                report.error(file, position, "`items` is only for arrays", "");
            }
            match ty.value.as_str() {
                "string" => {
                    let secret = field.secret.as_ref().is_some_and(|s| s.value);
                    match &field.values {
                        Some(values) => {
                            if secret {
                                report.error(file, at(values), "an enum cannot be `secret`", "");
                            }
                            let def = lower_enum(&site.enum_name, field.description.clone(), values, site, report)?;
                            let name = def.rust_name.clone();
                            enums.push(def);
                            Some(Ty::Enum(name))
                        }
                        None if secret => Some(Ty::Secret),
                        None => Some(Ty::String),
                    }
                }
                "integer" => {
                    scalar_only(report, "integers");
                    Some(Ty::Integer)
                }
                "number" => {
                    scalar_only(report, "numbers");
                    Some(Ty::Number)
                }
                "boolean" => {
                    scalar_only(report, "booleans");
                    Some(Ty::Boolean)
                }
                "array" => {
                    scalar_only(report, "arrays");
                    let Some(items) = &field.items else {
                        report.error(
                            file,
                            at(ty),
                            "an array needs `items`",
                            "add `items:` with the element's `type` or `ref`",
                        );
                        return None;
                    };
                    let item_site = TypeSite { position: at(ty), ..site.clone() };
                    let item = lower_type(items, &item_site, table, enums, report)?;
                    Some(Ty::Array(Box::new(item)))
                }
                "object" => {
                    report.error(
                        file,
                        at(ty),
                        "inline objects are not supported",
                        "declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`",
                    );
                    None
                }
                other => {
                    let known = ["string", "integer", "number", "boolean", "array"];
                    let hint = match super::nearest(other, known) {
                        Some(k) => format!(
                            "did you mean `{k}`? (types: string, integer, number, boolean, array, or `ref: <schema>`)"
                        ),
                        None => "use string, integer, number, boolean, array, or `ref: <schema>`".to_owned(),
                    };
                    report.error(file, at(ty), format!("unknown type `{other}`"), &hint);
                    None
                }
            }
        }
        (None, None) => {
            report.error(file, site.position, "missing `type` or `ref`", "say what the value is, e.g. `type: string`");
            None
        }
    }
}

pub(crate) fn lower_enum(
    rust_name: &str,
    description: Option<String>,
    values: &crate::spec::Sp<Vec<String>>,
    site: &TypeSite<'_>,
    report: &mut Reporter<'_>,
) -> Option<EnumDef> {
    if values.value.is_empty() {
        report.error(site.file, at(values), "`enum` lists no values", "list the allowed values, or drop `enum`");
        return None;
    }
    let mut variants = Vec::new();
    let mut seen_values = BTreeSet::new();
    let mut seen_names = BTreeSet::new();
    let mut ok = true;
    for value in &values.value {
        if !seen_values.insert(value.as_str()) {
            report.error(site.file, at(values), format!("enum value `{value}` is listed twice"), "");
            ok = false;
            continue;
        }
        let Some(variant) = names::pascal(value) else {
            report.error(
                site.file,
                at(values),
                format!("enum value `{value}` has no Rust variant name"),
                "values must start with a letter; leave odd values out (they decode as `Unknown` in responses)",
            );
            ok = false;
            continue;
        };
        if variant == "Unknown" {
            report.error(
                site.file,
                at(values),
                "enum value `unknown` collides with the `Unknown` fallback variant",
                "",
            );
            ok = false;
        }
        if !seen_names.insert(variant.clone()) {
            report.error(
                site.file,
                at(values),
                format!("enum values collide after case conversion: `{value}` becomes `{variant}` twice"),
                "keep one spelling; responses with the other decode as `Unknown`",
            );
            ok = false;
        }
        variants.push((value.clone(), variant));
    }
    ok.then(|| EnumDef { rust_name: rust_name.to_owned(), description, variants, open: site.open_enum })
}

/// Checks that a default value fits the type.
pub(crate) fn default_fits(ty: &Ty, value: &Value, enums: &[EnumDef]) -> Result<(), String> {
    let ok = match (ty, value) {
        (Ty::String | Ty::Secret, Value::String(_)) => true,
        (Ty::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Ty::Number, Value::Number(_)) => true,
        (Ty::Boolean, Value::Bool(_)) => true,
        (Ty::Enum(name), value) => {
            // Named after the spec's values, never the Rust enum's name,
            // which the spec's author does not write.
            return match enums.iter().find(|e| &e.rust_name == name) {
                Some(def) if def.variants.iter().any(|(wire, _)| Some(wire.as_str()) == value.as_str()) => Ok(()),
                Some(def) => {
                    let allowed: Vec<&str> = def.variants.iter().map(|(w, _)| w.as_str()).collect();
                    let shown = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
                    Err(format!("default `{shown}` is not among the allowed values ({})", allowed.join(", ")))
                }
                None => Ok(()),
            };
        }
        (Ty::Array(_) | Ty::Object(_), _) => false,
        _ => false,
    };
    if ok { Ok(()) } else { Err(format!("default `{value}` does not fit type {}", describe(ty))) }
}

/// How a type reads in messages.
pub(crate) fn describe(ty: &Ty) -> String {
    match ty {
        Ty::String | Ty::Secret => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Array(item) => format!("array of {}", describe(item)),
        Ty::Object(name) | Ty::Enum(name) => name.clone(),
    }
}

/// Collects documented constraints, checking that they fit the type.
pub(crate) fn constraints(field: &FieldSpec, ty: &Ty, file: &str, report: &mut Reporter<'_>) -> Constraints {
    let is_string = matches!(ty, Ty::String | Ty::Secret);
    let is_array = matches!(ty, Ty::Array(_));
    let checks = [
        ("pattern", field.pattern.as_ref().map(at), is_string),
        ("format", field.format.as_ref().map(at), is_string),
        ("min_length", field.min_length.as_ref().map(at), is_string),
        ("max_length", field.max_length.as_ref().map(at), is_string),
        ("max_items", field.max_items.as_ref().map(at), is_array),
        ("unique_items", field.unique_items.as_ref().map(at), is_array),
    ];
    for (key, position, fits) in checks {
        if let Some(position) = position.filter(|_| !fits) {
            report.error(file, position, format!("`{key}` does not apply to {}", describe(ty)), "");
        }
    }
    if let (Some(min), Some(max)) = (&field.min_length, &field.max_length)
        && min.value > max.value
    {
        report.error(file, at(min), "`min_length` is greater than `max_length`", "");
    }
    Constraints {
        pattern: field.pattern.as_ref().map(|p| p.value.clone()),
        format: field.format.as_ref().map(|p| p.value.clone()),
        min_length: field.min_length.as_ref().map(|v| v.value),
        max_length: field.max_length.as_ref().map(|v| v.value),
        max_items: field.max_items.as_ref().map(|v| v.value),
        unique_items: field.unique_items.as_ref().is_some_and(|v| v.value),
    }
}
