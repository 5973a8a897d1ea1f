//! The API surface in one line per item: every action, param and schema
//! field with its type. Written beside the generated code as
//! `api-surface.txt`, so that `cargo xtask codegen --check` (and a reviewer
//! reading a diff) sees what a spec edit adds or removes without reading
//! generated Rust.

use crate::ir::{Api, Param, SchemaKind, SuccessType, Ty};

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
        out.push_str(&format!("global-param {}\n", param(p)));
    }
    let rust_names: std::collections::BTreeMap<&str, &String> =
        api.schemas.iter().map(|s| (s.name.as_str(), &s.rust_name)).collect();
    for resource in &api.resources {
        for def in &resource.enums {
            let values: Vec<String> = def.variants.iter().map(|(w, _)| one_line(w)).collect();
            out.push_str(&format!("enum {}.{}: {}\n", one_line(&resource.name), def.rust_name, values.join(" | ")));
        }
        for def in &resource.one_ofs {
            let alternatives: Vec<String> = def.variants.iter().map(|(_, t)| ty(t)).collect();
            out.push_str(&format!(
                "one-of {}.{}: {}\n",
                one_line(&resource.name),
                def.rust_name,
                alternatives.join(" | ")
            ));
        }
        for action in &resource.actions {
            let returns = match &action.success_type {
                SuccessType::Empty => "()".to_owned(),
                SuccessType::Single(t) => ty(t),
                SuccessType::ByStatus { variants, .. } => variants
                    .iter()
                    .map(|(code, _, t)| format!("{code}: {}", t.as_ref().map(ty).unwrap_or_else(|| "()".into())))
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
                out.push_str(&format!("param {} {}\n", one_line(&action.id), param(p)));
            }
            // Error statuses with a schema of their own (their body is also
            // `ApiError::details` of that type); the rest have the error schema.
            for (code, rust_name) in action.errors.iter().filter_map(|r| {
                let rust_name = rust_names.get(r.schema.as_deref()?)?;
                (**rust_name != api.error_type).then_some((r.code, rust_name))
            }) {
                out.push_str(&format!("error {} {code} -> {rust_name}\n", one_line(&action.id)));
            }
        }
    }
    for schema in &api.schemas {
        match &schema.kind {
            SchemaKind::Object(fields) => {
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
            SchemaKind::Enum(def) => {
                let values: Vec<String> = def.variants.iter().map(|(w, _)| one_line(w)).collect();
                out.push_str(&format!("enum {}: {}\n", one_line(&schema.name), values.join(" | ")));
            }
            SchemaKind::Alias(t) => out.push_str(&format!("type {}: {}\n", one_line(&schema.name), ty(t))),
            SchemaKind::OneOf(def) => {
                let alternatives: Vec<String> = def.variants.iter().map(|(_, t)| ty(t)).collect();
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

fn param(p: &Param) -> String {
    let required = if p.required { "required" } else { "optional" };
    format!("{} ({}, {}, {required})", one_line(&p.wire_name), p.location.as_str(), ty(&p.ty))
}

fn ty(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Secret => "secret string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Any => "any".into(),
        Ty::File => "file".into(),
        Ty::Array(item) => format!("array of {}", self::ty(item)),
        Ty::Map(value) => format!("map of {}", self::ty(value)),
        Ty::Nullable(inner) => format!("{} or null", self::ty(inner)),
        Ty::Object(name) | Ty::Enum(name) => name.clone(),
    }
}
