//! The API surface in one line per item: every action, param and schema
//! field with its type. Written beside the generated code as
//! `api-surface.txt`, so that `cargo xtask codegen --check` (and a reviewer
//! reading a diff) sees what a spec edit adds or removes without reading
//! generated Rust.

use crate::ir::{Api, Param, SuccessType, Ty, TypeKind, TypeSpace};
use crate::place::{self, Module};

/// The name of the surface file among the generated files.
pub const SURFACE_FILE: &str = "api-surface.txt";

pub(crate) fn render(api: &Api, header: &str) -> String {
    let mut out = format!(
        "{}\n# The API surface of the generated client ({} {}), one line per item:\n\
         # a diff of this file is a diff of the API.\n",
        header.replacen("//", "#", 1),
        api.name,
        api.version
    );
    for p in &api.global_params {
        out.push_str(&format!("global-param {}\n", param(p, &api.types)));
    }
    let types = &api.types;
    let ty = |t: &Ty| self::ty(t, types);
    // The enums and one-ofs spelled out on properties and params, each once
    // (however many declare it), with the module it is declared in.
    for (_, def) in types.iter().filter(|(_, d)| d.schema.is_none()) {
        let module = match place::home(false, &def.owners) {
            Module::Resource(r) => api.resources.get(r).map_or("", |r| r.module.as_str()),
            _ => crate::names::reserved::TYPES_MODULE,
        };
        match &def.kind {
            TypeKind::Enum(e) => {
                let values: Vec<String> = e.variants.iter().map(|v| one_line(&v.wire)).collect();
                out.push_str(&format!("enum {module}::{}: {}\n", def.rust_name, values.join(" | ")));
            }
            TypeKind::OneOf(o) => {
                let alternatives: Vec<String> = o.variants.iter().map(|v| ty(&v.ty)).collect();
                out.push_str(&format!("one-of {module}::{}: {}\n", def.rust_name, alternatives.join(" | ")));
            }
            _ => {}
        }
    }
    let schema_ids: std::collections::BTreeMap<&str, crate::ir::TypeId> =
        api.schemas.iter().map(|s| (s.name.as_str(), s.id)).collect();
    for resource in &api.resources {
        for action in &resource.actions {
            let returns = match &action.success_type {
                SuccessType::Empty => "()".to_owned(),
                SuccessType::Single(t) => ty(t),
                SuccessType::ByStatus(responses) => responses
                    .variants
                    .iter()
                    .map(|v| format!("{}: {}", v.code, v.ty.as_ref().map(ty).unwrap_or_else(|| "()".into())))
                    .collect::<Vec<_>>()
                    .join(" | "),
            };
            let returns = match &action.stream {
                Some(stream) => format!("events of {}", stream.ty.as_ref().map_or_else(|| "text".into(), ty)),
                None => returns,
            };
            out.push_str(&format!(
                "action {} {} {} -> {returns}\n",
                one_line(&action.id),
                action.http_method,
                one_line(&action.path)
            ));
            for p in &action.params {
                out.push_str(&format!("param {} {}\n", one_line(&action.id), param(p, types)));
            }
            // Error statuses with a schema of their own (their body is also
            // `ApiError::details` of that type); the rest have the error schema.
            for (code, rust_name) in action.errors.iter().filter_map(|r| {
                let id = *schema_ids.get(r.schema.as_deref()?)?;
                (id != api.error_type).then(|| (r.code, types.name(id)))
            }) {
                out.push_str(&format!("error {} {code} -> {rust_name}\n", one_line(&action.id)));
            }
        }
    }
    for schema in &api.schemas {
        match &types.get(schema.id).kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    let required = if f.required { "required" } else { "optional" };
                    out.push_str(&format!(
                        "field {}.{}: {} ({required})\n",
                        one_line(&schema.name),
                        one_line(&f.wire_name),
                        ty(&f.ty)
                    ));
                }
            }
            TypeKind::Enum(def) => {
                let values: Vec<String> = def.variants.iter().map(|v| one_line(&v.wire)).collect();
                out.push_str(&format!("enum {}: {}\n", one_line(&schema.name), values.join(" | ")));
            }
            TypeKind::Alias(t) => out.push_str(&format!("type {}: {}\n", one_line(&schema.name), ty(t))),
            TypeKind::OneOf(def) => {
                let alternatives: Vec<String> = def.variants.iter().map(|v| ty(&v.ty)).collect();
                out.push_str(&format!("one-of {}: {}\n", one_line(&schema.name), alternatives.join(" | ")));
            }
        }
    }
    out
}

/// A name or value from the spec as it is, or, when it has a line break or
/// another control character, as a quoted string with escapes, so that
/// every item stays on its line.
fn one_line(text: &str) -> String {
    if text.chars().any(char::is_control) { format!("{text:?}") } else { text.to_owned() }
}

fn param(p: &Param, types: &TypeSpace) -> String {
    let required = if p.required { "required" } else { "optional" };
    format!("{} ({}, {}, {required})", one_line(&p.wire_name), p.location.as_str(), ty(&p.ty, types))
}

fn ty(ty: &Ty, types: &TypeSpace) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Secret => "secret string".into(),
        Ty::DateTime => "date-time".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Any => "any".into(),
        Ty::File => "file".into(),
        Ty::Array(item) => format!("array of {}", self::ty(item, types)),
        Ty::Map(value) => format!("map of {}", self::ty(value, types)),
        Ty::Nullable(inner) => format!("{} or null", self::ty(inner, types)),
        Ty::Object(id) | Ty::Enum(id) => types.name(*id).to_owned(),
    }
}
