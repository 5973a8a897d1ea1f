//! Documented examples against closed objects.
//!
//! An object schema with `closed: true` documents that it has no keys but
//! its properties. An example (of a schema, a property or a param) that
//! gives such an object another key contradicts the schema: one of the two
//! is wrong, and the spec says so here rather than leaving a reader to find
//! out. The check walks each example through its type, into arrays, maps,
//! nested objects and one-of alternatives, once every schema is lowered.

use serde_json::Value;

use super::{Reporter, at};
use crate::ir::{OneOfDef, Resource, Schema, Ty, TypeKind, TypeSpace};
use crate::parse::ParsedSpec;
use crate::spec::Sp;

/// The finished type table, with the documented schemas it indexes (for
/// their names and `closed`).
struct Types<'a> {
    space: &'a TypeSpace,
    schemas: &'a [Schema],
}

/// A key an example gives a closed object: where in the example (a JSON
/// pointer), the key, and the schema.
struct Extra {
    pointer: String,
    key: String,
    schema: String,
}

pub(crate) fn check_examples(
    parsed: &ParsedSpec<'_>,
    space: &TypeSpace,
    schemas: &[Schema],
    resources: &[Resource],
    report: &mut Reporter<'_>,
) {
    let types = Types { space, schemas };
    if !schemas.iter().any(|s| s.closed) {
        return;
    }
    for (source, file) in &parsed.schemas {
        let Some(schema) = schemas.iter().find(|s| s.name == file.schema.value) else { continue };
        let path = source.display_path.as_str();
        if let Some(example) = &file.example {
            check(&types, &Ty::Object(schema.id), example, path, report);
        }
        let TypeKind::Struct(fields) = &space.get(schema.id).kind else { continue };
        for (key, spec) in file.properties.iter().flat_map(|p| &p.0) {
            let field = fields.iter().find(|f| !f.flatten && f.wire_name == key.value);
            if let (Some(field), Some(example)) = (field, &spec.example) {
                check(&types, &field.ty, example, path, report);
            }
        }
    }
    for (source, file) in &parsed.resources {
        let Some(resource) = resources.iter().find(|r| r.name == file.resource.value) else { continue };
        for (name, action) in &file.actions.0 {
            let Some(lowered) = resource.actions.iter().find(|a| a.name == name.value) else { continue };
            for spec in &action.params {
                let param = lowered.params.iter().find(|p| Some(&p.wire_name) == spec.name.as_ref().map(|n| &n.value));
                if let (Some(param), Some(example)) = (param, &spec.example) {
                    check(&types, &param.ty, example, &source.display_path, report);
                }
            }
        }
    }
}

fn check(types: &Types<'_>, ty: &Ty, example: &Sp<Value>, file: &str, report: &mut Reporter<'_>) {
    let mut extras = Vec::new();
    walk(types, ty, &example.value, String::new(), &mut extras, 0);
    for extra in extras {
        let place = if extra.pointer.is_empty() { String::new() } else { format!(" at `{}`", extra.pointer) };
        report.error(
            file,
            at(example),
            format!(
                "the example gives the closed object `{}` the key `{}`{place}, which it does not declare",
                extra.schema, extra.key
            ),
            "fix the example, or declare the property (or drop `closed: true`)",
        );
    }
}

/// How deep an example is followed: examples are finite, but a one-of
/// that refers to itself through another is followed no further than this.
const MAX_DEPTH: usize = 64;

fn walk(types: &Types<'_>, ty: &Ty, value: &Value, pointer: String, out: &mut Vec<Extra>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match (ty, value) {
        (Ty::Nullable(inner), _) => walk(types, inner, value, pointer, out, depth + 1),
        (Ty::Array(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                walk(types, item, v, format!("{pointer}/{i}"), out, depth + 1);
            }
        }
        (Ty::Map(inner), Value::Object(map)) => {
            for (k, v) in map {
                walk(types, inner, v, format!("{pointer}/{}", escape(k)), out, depth + 1);
            }
        }
        (Ty::Object(id), _) => {
            let def = types.space.get(*id);
            let schema = def.schema.and_then(|i| types.schemas.get(i));
            match (&def.kind, value) {
                (TypeKind::OneOf(one_of_def), _) => one_of(types, one_of_def, value, pointer, out, depth),
                (TypeKind::Alias(inner), _) => walk(types, inner, value, pointer, out, depth + 1),
                (TypeKind::Struct(fields), Value::Object(map)) => {
                    let additional = fields.iter().find(|f| f.flatten);
                    for (k, v) in map {
                        let at = format!("{pointer}/{}", escape(k));
                        match (fields.iter().find(|f| !f.flatten && f.wire_name == *k), additional) {
                            (Some(field), _) => walk(types, &field.ty, v, at, out, depth + 1),
                            (None, Some(additional)) => {
                                if let Ty::Map(inner) = &additional.ty {
                                    walk(types, inner, v, at, out, depth + 1);
                                }
                            }
                            (None, None) if schema.is_some_and(|s| s.closed) => out.push(Extra {
                                pointer: pointer.clone(),
                                key: k.clone(),
                                schema: schema.map(|s| s.name.clone()).unwrap_or_default(),
                            }),
                            (None, None) => {}
                        }
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// A one-of's value: checked against the alternative its discriminator
/// names; otherwise against each alternative, and reported only when every
/// alternative that could take it (an object for an object value) finds a
/// key it does not declare, as the first such alternative sees it.
fn one_of(types: &Types<'_>, def: &OneOfDef, value: &Value, pointer: String, out: &mut Vec<Extra>, depth: usize) {
    if let Some(d) = &def.discriminator
        && let Some(tag) = value.get(&d.property).and_then(Value::as_str)
        && let Some(i) = d.values.iter().position(|values| values.iter().any(|v| v == tag))
    {
        walk(types, &def.variants[i].ty, value, pointer, out, depth + 1);
        return;
    }
    let mut first = None;
    for v in def.variants.iter().filter(|v| takes(types, &v.ty, value, depth)) {
        let mut found = Vec::new();
        walk(types, &v.ty, value, pointer.clone(), &mut found, depth + 1);
        if found.is_empty() {
            return;
        }
        first.get_or_insert(found);
    }
    out.extend(first.unwrap_or_default());
}

/// Whether a value has the JSON shape of a type (an object for an object
/// schema or a map, a list for an array, ...), whatever its keys.
fn takes(types: &Types<'_>, ty: &Ty, value: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        Ty::Any => true,
        Ty::Nullable(inner) => value.is_null() || takes(types, inner, value, depth + 1),
        Ty::String | Ty::Secret | Ty::DateTime => value.is_string(),
        Ty::Integer | Ty::Number => value.is_number(),
        Ty::Boolean => value.is_boolean(),
        Ty::File => false,
        Ty::Array(_) => value.is_array(),
        Ty::Map(_) => value.is_object(),
        Ty::Enum(_) => !value.is_object() && !value.is_array(),
        Ty::Object(id) => match &types.space.get(*id).kind {
            TypeKind::Struct(_) => value.is_object(),
            TypeKind::Alias(inner) => takes(types, inner, value, depth + 1),
            TypeKind::Enum(_) => !value.is_object() && !value.is_array(),
            TypeKind::OneOf(def) => def.variants.iter().any(|v| takes(types, &v.ty, value, depth + 1)),
        },
    }
}

/// A key as a JSON pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
