//! Types of params and properties: `type`, `ref`, `enum`, `items`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::typespace::{Claim, Ladder, Types};
use super::{Reporter, SchemaTable, at};
use crate::diagnostic::Position;
use crate::ir::{
    Constraints, EnumDef, EnumKind, EnumVariant, OneOfDef, OneOfVariant, Owner, RequestedDiscriminator, Ty, TypeKind,
};
use crate::names;
use crate::spec::{FieldSpec, Sp};

/// Where a type is being lowered, for messages and for naming and owning
/// the types declared inline there.
#[derive(Clone)]
pub(crate) struct TypeSite<'a> {
    pub(crate) file: &'a str,
    /// Position to report when the field itself has no better one.
    pub(crate) position: Option<Position>,
    /// The names an inline enum or one-of declared here may take.
    pub(crate) names: Ladder,
    /// What declares it.
    pub(crate) owner: Owner,
    /// `property` or `param`, for messages.
    pub(crate) what: &'static str,
}

impl TypeSite<'_> {
    fn claim(&self) -> Claim {
        Claim {
            ladder: self.names.clone(),
            owner: self.owner,
            file: self.file.to_owned(),
            position: self.position,
            what: self.what,
        }
    }
}

/// The type words a maintainer may write.
const TYPES: [&str; 8] = ["string", "integer", "number", "boolean", "array", "map", "any", "file"];

/// Lowers the type of a field; inline enums and one-ofs go to `inline`. A
/// `nullable` field's type is wrapped in [`Ty::Nullable`].
pub(crate) fn lower_type(
    field: &FieldSpec,
    site: &TypeSite<'_>,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<Ty> {
    let ty = lower_non_null(field, site, table, types, report)?;
    match &field.nullable {
        Some(nullable) if nullable.value => {
            if ty == Ty::File {
                report.error(site.file, at(nullable), "a file cannot be `nullable`", "leave the part out instead");
                return None;
            }
            Some(Ty::Nullable(Box::new(ty)))
        }
        _ => Some(ty),
    }
}

fn lower_non_null(
    field: &FieldSpec,
    site: &TypeSite<'_>,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<Ty> {
    let file = site.file;
    let kinds = [field.ty.as_ref().map(at), field.reference.as_ref().map(at), field.one_of.as_ref().map(at)];
    if kinds.iter().filter(|k| k.is_some()).count() > 1 {
        let position = kinds.iter().rev().flatten().next().copied().flatten();
        report.error(file, position, "give one of `type`, `ref` or `one_of`", "keep the one you mean");
        return None;
    }
    // Keys that belong to another type; only checked against a type word the
    // generator knows, so a typo in `type` is reported once.
    let known = field.ty.as_ref().is_none_or(|t| TYPES.contains(&t.value.as_str()) || t.value == "object");
    let named = field.ty.as_ref().map(|t| format!("`{}`", t.value)).unwrap_or_else(|| "a `ref`".into());
    for (key, present, allowed, belongs) in [
        (
            "enum",
            field.values.as_ref().map(at),
            ["string", "integer", "number", "boolean"].iter().any(|t| is_type(field, t)),
            "strings, integers, numbers and booleans",
        ),
        ("items", field.items.as_ref().map(|i| first_position(i).or(site.position)), is_type(field, "array"), "arrays"),
        (
            "values",
            field.map_values.as_ref().map(|v| first_position(v).or(site.position)),
            is_type(field, "map"),
            "maps",
        ),
        ("key_pattern", field.key_pattern.as_ref().map(at), is_type(field, "map"), "maps"),
    ] {
        if let Some(position) = present.filter(|_| !allowed && known) {
            report.error(file, position, format!("`{key}` is only for {belongs}, not {named}"), "");
        }
    }
    if let Some(discriminator) = field.discriminator.as_ref().filter(|_| field.one_of.is_none()) {
        report.error(file, at(discriminator), "`discriminator` is only for `one_of`", "remove it");
    }
    if let Some(secret) = field.secret.as_ref().filter(|s| s.value && !is_type(field, "string")) {
        report.error(file, at(secret), "only strings can be `secret`", "");
    }
    if let Some(reference) = &field.reference {
        return match table.get(&reference.value) {
            Some(entry) if entry.is_enum => Some(Ty::Enum(entry.id)),
            Some(entry) => Some(Ty::Object(entry.id)),
            None => {
                table.report_unknown(report, file, reference);
                None
            }
        };
    }
    if let Some(alternatives) = &field.one_of {
        let def = lower_one_of(alternatives, field.discriminator.as_ref(), site, table, types, report)?;
        let id = types.add_inline(TypeKind::OneOf(def), field.description.clone(), site.claim());
        return Some(Ty::Object(id));
    }
    let Some(ty) = &field.ty else {
        report.error(
            file,
            site.position,
            "missing `type`, `ref` or `one_of`",
            "say what the value is, e.g. `type: string`; `type: any` takes any JSON value",
        );
        return None;
    };
    match ty.value.as_str() {
        "string" => {
            let secret = field.secret.as_ref().is_some_and(|s| s.value);
            match &field.values {
                Some(values) => {
                    if secret {
                        report.error(file, at(values), "an enum cannot be `secret`", "");
                    }
                    let def = lower_enum(EnumKind::String, values, site.file, report)?;
                    Some(Ty::Enum(types.add_inline(TypeKind::Enum(def), field.description.clone(), site.claim())))
                }
                None if secret => Some(Ty::Secret),
                // `format: date-time` is the runtime's `DateTime`: RFC 3339
                // text, checked, kept exactly as sent.
                None if field.format.as_ref().is_some_and(|f| f.value == "date-time") => Some(Ty::DateTime),
                None => Some(Ty::String),
            }
        }
        word @ ("integer" | "number" | "boolean") => match &field.values {
            // A boolean with one allowed value (`success: [true]`) is a
            // `bool` whose docs say the value (`Constraints::only`): an enum
            // type of one variant reads worse, and a `bool` keeps the other
            // value if a server ever sends it.
            Some(values) if word == "boolean" && values.value.len() == 1 => {
                lower_enum(EnumKind::Boolean, values, site.file, report)?;
                Some(Ty::Boolean)
            }
            Some(values) => {
                let def = lower_enum(enum_kind(word), values, site.file, report)?;
                Some(Ty::Enum(types.add_inline(TypeKind::Enum(def), field.description.clone(), site.claim())))
            }
            None if word == "integer" => Some(Ty::Integer),
            None if word == "number" => Some(Ty::Number),
            None => Some(Ty::Boolean),
        },
        "any" => Some(Ty::Any),
        "file" => Some(Ty::File),
        "array" | "map" => {
            let (key, inner) =
                if ty.value == "array" { ("items", &field.items) } else { ("values", &field.map_values) };
            let Some(inner) = inner else {
                report.error(
                    file,
                    at(ty),
                    format!("{} `{}` needs `{key}`", if key == "items" { "an" } else { "a" }, ty.value),
                    &format!("add `{key}:` with the element's `type` or `ref`"),
                );
                return None;
            };
            let inner_site = TypeSite { position: at(ty), ..site.clone() };
            let inner = lower_type(inner, &inner_site, table, types, report)?;
            if inner == Ty::File {
                report.error(file, at(ty), "files cannot be nested", "a file is a multipart param of its own");
                return None;
            }
            Some(if key == "items" { Ty::Array(Box::new(inner)) } else { Ty::Map(Box::new(inner)) })
        }
        "object" => {
            report.error(
                file,
                at(ty),
                "inline objects are not supported",
                "declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`; \
                 `type: any` takes any JSON value",
            );
            None
        }
        other => {
            let hint = match super::nearest(other, TYPES) {
                Some(k) => format!("did you mean `{k}`? (types: {}, or `ref: <schema>`)", TYPES.join(", ")),
                None => format!("use one of {}, or `ref: <schema>`", TYPES.join(", ")),
            };
            report.error(file, at(ty), format!("unknown type `{other}`"), &hint);
            None
        }
    }
}

fn is_type(field: &FieldSpec, name: &str) -> bool {
    field.ty.as_ref().is_some_and(|t| t.value == name)
}

/// Where a nested field was written, for messages about it.
fn first_position(field: &FieldSpec) -> Option<crate::diagnostic::Position> {
    field
        .ty
        .as_ref()
        .map(at)
        .or_else(|| field.reference.as_ref().map(at))
        .or_else(|| field.one_of.as_ref().map(at))
        .flatten()
}

/// An untagged enum of alternatives, tried in order when decoding. Variant
/// names come from the alternatives: a schema's name, or the type's
/// (`String`, `StringList`, `IntegerMap`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn lower_one_of(
    alternatives: &crate::spec::Sp<Vec<FieldSpec>>,
    requested: Option<&crate::spec::Sp<String>>,
    site: &TypeSite<'_>,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<OneOfDef> {
    if alternatives.value.len() < 2 {
        report.error(
            site.file,
            at(alternatives),
            "`one_of` needs at least two alternatives",
            "use `type` or `ref` for one",
        );
        return None;
    }
    let mut variants: Vec<OneOfVariant> = Vec::new();
    for (i, alternative) in alternatives.value.iter().enumerate() {
        let alt_site =
            TypeSite { names: site.names.suffixed(&(i + 1).to_string()), position: at(alternatives), ..site.clone() };
        if let Some(nullable) = alternative.nullable.as_ref().filter(|n| n.value) {
            report.error(
                site.file,
                at(nullable),
                "an alternative of `one_of` cannot be `nullable`",
                "put `nullable: true` beside the `one_of` (on the property, items or values that hold it)",
            );
            return None;
        }
        let ty = lower_type(alternative, &alt_site, table, types, report)?;
        let mut name = variant_name(&ty, types);
        if variants.iter().any(|v| v.ty == ty) && matches!(ty, Ty::Object(_) | Ty::Enum(_)) {
            report.error(
                site.file,
                at(alternatives),
                format!(
                    "`{}` is an alternative of `one_of` twice",
                    alternative.reference.as_ref().map_or(name.as_str(), |r| r.value.as_str())
                ),
                "list each schema once",
            );
            return None;
        }
        // Alternatives of one type (strings of different patterns or
        // formats) are numbered by position: `String`, `String2`.
        let mut number = i + 1;
        while variants.iter().any(|v| v.name == name) {
            name = format!("{}{number}", variant_name(&ty, types));
            number += 1;
        }
        variants.push(OneOfVariant { name, ty });
    }
    let fallback = if variants.iter().any(|v| v.name == "Other") { "OtherValue" } else { "Other" };
    Some(OneOfDef {
        variants,
        discriminator: None,
        fallback: fallback.to_owned(),
        requested: requested.map(|r| RequestedDiscriminator {
            property: r.value.clone(),
            file: site.file.to_owned(),
            position: at(r),
        }),
    })
}

/// A one-of's variant for an alternative of this type: a named type's
/// name (a schema's, or an inline type's provisional one).
fn variant_name(ty: &Ty, types: &Types) -> String {
    match ty {
        Ty::String | Ty::Secret => "String".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Integer => "Integer".into(),
        Ty::Number => "Number".into(),
        Ty::Boolean => "Boolean".into(),
        Ty::Any => "Any".into(),
        Ty::File => "File".into(),
        Ty::Array(item) => format!("{}List", variant_name(item, types)),
        Ty::Map(value) => format!("{}Map", variant_name(value, types)),
        Ty::Object(id) | Ty::Enum(id) => types.name(*id).to_owned(),
        Ty::Nullable(inner) => format!("Nullable{}", variant_name(inner, types)),
    }
}

/// The kind of enum a type word declares.
pub(crate) fn enum_kind(word: &str) -> EnumKind {
    match word {
        "integer" => EnumKind::Integer,
        "number" => EnumKind::Number,
        "boolean" => EnumKind::Boolean,
        _ => EnumKind::String,
    }
}

/// An enum's values, each of its kind and listed once, and their variant
/// names ([`names::enum_variants`]: every value has one).
pub(crate) fn lower_enum(
    kind: EnumKind,
    values: &crate::spec::Sp<Vec<String>>,
    file: &str,
    report: &mut Reporter<'_>,
) -> Option<EnumDef> {
    if values.value.is_empty() {
        report.error(file, at(values), "`enum` lists no values", "list the allowed values, or drop `enum`");
        return None;
    }
    let mut wires: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for value in &values.value {
        // The wire text: a string as it is, a number as JSON writes it.
        let wire = match kind {
            EnumKind::String => Some(value.clone()),
            EnumKind::Integer => value.trim().parse::<i64>().ok().map(|n| n.to_string()),
            EnumKind::Number => serde_json::from_str::<serde_json::Number>(value.trim()).ok().map(|n| n.to_string()),
            EnumKind::Boolean => ["true", "false"].into_iter().find(|b| b == &value.trim()).map(str::to_owned),
        };
        let Some(wire) = wire else {
            let article = if kind == EnumKind::Integer { "an" } else { "a" };
            report.error(
                file,
                at(values),
                format!("enum value `{value}` is not {article} {}", kind.as_str()),
                "every value of an enum has the enum's type",
            );
            ok = false;
            continue;
        };
        // Numbers compare by value: `1` and `1.0` are one value.
        let key = match kind {
            EnumKind::Number => wire.parse::<f64>().map(|x| x.to_string()).unwrap_or_else(|_| wire.clone()),
            _ => wire.clone(),
        };
        if !seen.insert(key) {
            report.error(file, at(values), format!("enum value `{value}` is listed twice"), "");
            ok = false;
            continue;
        }
        wires.push(wire);
    }
    if !ok {
        return None;
    }
    let refs: Vec<&str> = wires.iter().map(String::as_str).collect();
    let variants =
        wires.iter().cloned().zip(names::enum_variants(&refs)).map(|(wire, name)| EnumVariant { wire, name });
    // Open or not is decided once every type is known (by what responses
    // can carry).
    Some(EnumDef { kind, variants: variants.collect(), open: false })
}

/// Whether `text` is an RFC 3339 date-time (`2016-06-13T04:00:00.000Z`), as
/// the runtime's `DateTime` checks it: the generated client refuses any
/// other, so a documented value must be one.
pub(crate) fn is_date_time(text: &str) -> bool {
    let shape = regex_lite::Regex::new(
        r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$",
    );
    let Some(c) = shape
        .ok()
        .and_then(|r| r.captures(text).map(|c| c.iter().map(|m| m.map(|m| m.as_str().to_owned())).collect::<Vec<_>>()))
    else {
        return false;
    };
    let n = |i: usize| c.get(i).cloned().flatten().and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (n(1), n(2), n(3), n(4), n(5), n(6))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    let offset_fits = n(9).is_none_or(|h| h <= 23) && n(10).is_none_or(|m| m <= 59);
    (1..=days).contains(&day) && hour <= 23 && minute <= 59 && second <= 60 && offset_fits
}

/// Checks that a default value fits the type.
pub(crate) fn default_fits(ty: &Ty, value: &Value, enums: &Types) -> Result<(), String> {
    let ok = match (ty, value) {
        (Ty::Nullable(_), Value::Null) => true,
        (Ty::Nullable(inner), value) if matches!(**inner, Ty::Enum(_)) => return default_fits(inner, value, enums),
        (Ty::Nullable(inner), value) => default_fits(inner, value, enums).is_ok(),
        (Ty::String | Ty::Secret, Value::String(_)) => true,
        (Ty::DateTime, Value::String(s)) if is_date_time(s) => true,
        (Ty::DateTime, Value::String(s)) => {
            return Err(format!("default `{s}` is not an RFC 3339 date-time (`format: date-time`)"));
        }
        (Ty::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Ty::Number, Value::Number(_)) => true,
        (Ty::Boolean, Value::Bool(_)) => true,
        (Ty::Enum(id), value) => {
            // Named after the spec's values, never the Rust enum's name,
            // which the spec's author does not write.
            return match enums.enum_def(*id) {
                Some(def) if def.allows(value) => Ok(()),
                Some(def) => {
                    let allowed: Vec<&str> = def.variants.iter().map(|v| v.wire.as_str()).collect();
                    let shown = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
                    Err(format!("default `{shown}` is not among the allowed values ({})", allowed.join(", ")))
                }
                None => Ok(()),
            };
        }
        (Ty::Any, _) => true,
        (Ty::Array(item), Value::Array(items)) => return items.iter().try_for_each(|v| default_fits(item, v, enums)),
        (Ty::Map(inner), Value::Object(map)) => return map.values().try_for_each(|v| default_fits(inner, v, enums)),
        // Named types (objects, one-ofs) are not checked deeper here.
        (Ty::Object(_), _) => true,
        _ => false,
    };
    let shown = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
    if ok { Ok(()) } else { Err(format!("default `{shown}` does not fit type {}", describe(ty, enums))) }
}

/// How a type reads in messages (an inline type by its provisional,
/// most qualified name: names are chosen once every type is known).
pub(crate) fn describe(ty: &Ty, types: &Types) -> String {
    match ty {
        Ty::String | Ty::Secret => "string".into(),
        Ty::DateTime => "date-time string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Any => "any value".into(),
        Ty::File => "file".into(),
        Ty::Array(item) => format!("array of {}", describe(item, types)),
        Ty::Map(value) => format!("map of {}", describe(value, types)),
        Ty::Object(id) | Ty::Enum(id) => types.name(*id).to_owned(),
        Ty::Nullable(inner) => format!("{} or null", describe(inner, types)),
    }
}

/// Collects documented constraints, checking that they fit the type.
pub(crate) fn constraints(
    field: &FieldSpec,
    ty: &Ty,
    types: &Types,
    file: &str,
    report: &mut Reporter<'_>,
) -> Constraints {
    let is_string = matches!(ty.non_null(), Ty::String | Ty::Secret | Ty::DateTime);
    let is_array = matches!(ty.non_null(), Ty::Array(_));
    let is_number = matches!(ty.non_null(), Ty::Integer | Ty::Number);
    // Objects count their keys too: documented, checked only for maps.
    let has_keys = matches!(ty.non_null(), Ty::Map(_) | Ty::Object(_) | Ty::Any);
    let checks = [
        ("pattern", field.pattern.as_ref().map(at), is_string),
        ("format", field.format.as_ref().map(at), is_string),
        ("min_length", field.min_length.as_ref().map(at), is_string),
        ("max_length", field.max_length.as_ref().map(at), is_string),
        ("max_items", field.max_items.as_ref().map(at), is_array),
        ("unique_items", field.unique_items.as_ref().map(at), is_array),
        ("min_items", field.min_items.as_ref().map(at), is_array),
        ("minimum", field.minimum.as_ref().map(at), is_number),
        ("maximum", field.maximum.as_ref().map(at), is_number),
        ("min_properties", field.min_properties.as_ref().map(at), has_keys),
        ("max_properties", field.max_properties.as_ref().map(at), has_keys),
    ];
    for (key, position, fits) in checks {
        if let Some(position) = position.filter(|_| !fits) {
            report.error(file, position, format!("`{key}` does not apply to {}", describe(ty, types)), "");
        }
    }
    for pattern in [&field.pattern, &field.key_pattern].into_iter().flatten() {
        report_malformed_pattern(pattern, file, report);
    }
    report_disordered(("min_length", &field.min_length), ("max_length", &field.max_length), file, report);
    report_disordered(("min_items", &field.min_items), ("max_items", &field.max_items), file, report);
    report_disordered(
        ("min_properties", &field.min_properties),
        ("max_properties", &field.max_properties),
        file,
        report,
    );
    report_disordered(("minimum", &field.minimum), ("maximum", &field.maximum), file, report);
    for (key, bound) in [("minimum", &field.minimum), ("maximum", &field.maximum)] {
        if let Some(bound) = bound.as_ref().filter(|b| !b.value.is_finite()) {
            report.error(file, at(bound), format!("`{key}` must be a finite number"), "");
        }
    }
    // A documented default or example out of the documented bounds would
    // mislead every reader of the docs, as a wrong type does.
    for (what, value) in [("default", &field.default), ("example", &field.example)] {
        let Some(value) = value else { continue };
        let Some(number) = value.value.as_f64() else { continue };
        let shown = &value.value;
        if let Some(min) = field.minimum.as_ref().filter(|m| number < m.value) {
            report.error(file, at(value), format!("{what} `{shown}` is below the minimum {}", min.value), "");
        } else if let Some(max) = field.maximum.as_ref().filter(|m| number > m.value) {
            report.error(file, at(value), format!("{what} `{shown}` is above the maximum {}", max.value), "");
        }
    }
    Constraints {
        pattern: field.pattern.as_ref().map(|p| p.value.clone()),
        key_pattern: field.key_pattern.as_ref().map(|p| p.value.clone()),
        format: field.format.as_ref().map(|p| p.value.clone()),
        min_length: field.min_length.as_ref().map(|v| v.value),
        max_length: field.max_length.as_ref().map(|v| v.value),
        max_items: field.max_items.as_ref().map(|v| v.value),
        unique_items: field.unique_items.as_ref().is_some_and(|v| v.value),
        min_items: field.min_items.as_ref().map(|v| v.value),
        minimum: field.minimum.as_ref().map(|v| v.value),
        maximum: field.maximum.as_ref().map(|v| v.value),
        min_properties: field.min_properties.as_ref().map(|v| v.value),
        max_properties: field.max_properties.as_ref().map(|v| v.value),
        only: match (&field.values, ty.non_null()) {
            (Some(values), Ty::Boolean) => values.value.first().map(|v| v.trim() == "true"),
            _ => None,
        },
    }
}

/// Reports a lower bound greater than its upper bound, at the lower one.
fn report_disordered<T: PartialOrd>(
    (min_key, min): (&str, &Option<Sp<T>>),
    (max_key, max): (&str, &Option<Sp<T>>),
    file: &str,
    report: &mut Reporter<'_>,
) {
    if let (Some(min), Some(max)) = (min, max)
        && min.value > max.value
    {
        report.error(file, at(min), format!("`{min_key}` is greater than `{max_key}`"), "");
    }
}

/// Reports a malformed pattern (see [`pattern_problem`]); returns whether
/// it was one.
fn report_malformed_pattern(pattern: &Sp<String>, file: &str, report: &mut Reporter<'_>) -> bool {
    let Err(reason) = pattern_problem(&pattern.value) else { return false };
    report.error(
        file,
        at(pattern),
        format!("`{}` is not a valid regular expression: {reason}", pattern.value),
        "fix the pattern; quote it in single quotes so YAML keeps backslashes",
    );
    true
}

/// Reports the first key of a map example that the key pattern does not
/// match. A pattern the checker's engine cannot read is documentation only.
fn check_example_keys(pattern: &Sp<String>, example: &Sp<Value>, file: &str, report: &mut Reporter<'_>) {
    let Ok(regex) = regex_lite::Regex::new(&pattern.value) else { return };
    if let Some(map) = example.value.as_object()
        && let Some(key) = map.keys().find(|k| !regex.is_match(k))
    {
        report.error(
            file,
            at(example),
            format!("example key `{key}` does not match the key pattern `{}`", pattern.value),
            "fix the example or the key pattern",
        );
    }
}

/// Why a pattern is malformed, if it is. Patterns are documentation (the
/// client never checks values against them) and are written for the API's
/// own engine (ECMAScript's, for Losant), so a construct the checker's
/// engine (regex-lite, the `regex` crate's syntax) does not support —
/// look-around, backreferences, Unicode classes, nested classes — is not a
/// mistake in the spec: regex-lite names those errors "not supported", and
/// the pattern is kept without checking examples against it. Anything else
/// regex-lite rejects (an unclosed group or class, a bad repetition) is
/// malformed in every engine and an error.
fn pattern_problem(pattern: &str) -> Result<(), String> {
    match regex_lite::Regex::new(pattern) {
        Ok(_) => Ok(()),
        Err(e) => {
            let reason = e.to_string();
            let reason = reason.lines().last().unwrap_or_default().trim().to_owned();
            if reason.contains("not supported") { Ok(()) } else { Err(reason) }
        }
    }
}

/// A documented example must be a value the field accepts: of its type,
/// among its allowed values, matching its pattern. (The Losant docs give
/// `key` as the example of `filterField`, whose allowed values are `name` and
/// `status`; a wrong example misleads every reader of the generated docs, so
/// it is an error, not a warning.)
pub(crate) fn check_example(field: &FieldSpec, ty: &Ty, enums: &Types, file: &str, report: &mut Reporter<'_>) {
    let Some(example) = &field.example else { return };
    if let Err(problem) = default_fits(ty, &example.value, enums) {
        let problem = problem.replacen("default", "example", 1);
        report.error(file, at(example), problem, "fix the example, or the type or allowed values");
        return;
    }
    // A pattern the checker's engine cannot read (look-around,
    // backreferences) is documentation only: examples are not checked
    // against it.
    let pattern = field.pattern.as_ref().and_then(|p| regex_lite::Regex::new(&p.value).ok().map(|r| (p, r)));
    if let (Some((pattern, regex)), Some(text)) = (pattern, example.value.as_str())
        && !regex.is_match(text)
    {
        report.error(
            file,
            at(example),
            format!("example `{text}` does not match the pattern `{}`", pattern.value),
            "fix the example or the pattern",
        );
    }
    if let Some(pattern) = &field.key_pattern {
        check_example_keys(pattern, example, file, report);
    }
}

/// The key pattern of a map schema: it applies to maps only, must be a
/// well-formed regular expression, and the example's keys must match it
/// (where the checker's engine reads it).
pub(crate) fn check_key_pattern(field: &FieldSpec, ty: &Ty, types: &Types, file: &str, report: &mut Reporter<'_>) {
    let Some(pattern) = &field.key_pattern else { return };
    if !matches!(ty.non_null(), Ty::Map(_)) {
        report.error(file, at(pattern), format!("`key_pattern` does not apply to {}", describe(ty, types)), "");
        return;
    }
    if report_malformed_pattern(pattern, file, report) {
        return;
    }
    if let Some(example) = &field.example {
        check_example_keys(pattern, example, file, report);
    }
}
