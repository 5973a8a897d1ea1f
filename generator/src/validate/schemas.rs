//! Schema types: the name table every reference resolves against, and the
//! lowering of each schema file.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{TypeSite, constraints, lower_enum, lower_type};
use super::{Reporter, at, nearest};
use crate::ir::{EnumDef, Field, ParamLocation, Resource, Schema, SchemaKind, Ty};
use crate::names;
use crate::source::SourceFile;
use crate::spec::{SchemaFile, Sp};

/// What a reference to a schema needs to know, before schemas are lowered.
#[derive(Debug, Clone)]
pub(crate) struct SchemaEntry {
    pub(crate) rust_name: String,
    pub(crate) is_enum: bool,
    /// The file that declares it (a second declaration is an error, and is
    /// then not lowered at all).
    pub(crate) file: String,
}

/// Every declared schema by documented name.
#[derive(Debug, Default)]
pub(crate) struct SchemaTable {
    entries: BTreeMap<String, SchemaEntry>,
    /// Schemas whose files did not parse: references to them are not
    /// reported again.
    broken: BTreeSet<String>,
}

impl SchemaTable {
    pub(crate) fn build(
        schemas: &[(&SourceFile, SchemaFile)],
        broken: &BTreeSet<String>,
        report: &mut Reporter<'_>,
    ) -> Self {
        let mut table = SchemaTable { broken: broken.clone(), ..SchemaTable::default() };
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for (source, schema) in schemas {
            let file = source.display_path.as_str();
            let name = &schema.schema.value;
            check_file_name(file, &schema.schema, "schema", report);
            if let Some(first) = table.entries.get(name) {
                report.error(
                    file,
                    at(&schema.schema),
                    format!("schema `{name}` is declared twice (first in {})", first.file),
                    "rename or remove one of them",
                );
                continue;
            }
            let rust_name = match &schema.rust_name {
                Some(given) if names::pascal(&given.value).as_deref() == Some(given.value.as_str()) => {
                    given.value.clone()
                }
                Some(given) => {
                    report.error(
                        file,
                        at(given),
                        format!("`{}` is not an UpperCamelCase Rust type name", given.value),
                        "write it like `ApiError`",
                    );
                    // Keep the schema under its converted name, so that
                    // references to it are not reported as unknown too.
                    names::pascal(name).unwrap_or_else(|| given.value.clone())
                }
                None => match names::pascal(name) {
                    Some(n) => n,
                    None => {
                        report.error(
                            file,
                            at(&schema.schema),
                            format!("cannot make a Rust type name of `{name}`"),
                            "rename the schema, or set `rust_name`",
                        );
                        continue;
                    }
                },
            };
            if let Some(other) = rust_names.insert(rust_name.clone(), name.clone()) {
                report.error(
                    file,
                    at(&schema.schema),
                    format!("schemas `{other}` and `{name}` both become the Rust type `{rust_name}`"),
                    "rename one, or give it a `rust_name`",
                );
            }
            let is_enum = match schema.ty.value.as_str() {
                "object" => false,
                "string" => true,
                other => {
                    report.error(
                        file,
                        at(&schema.ty),
                        format!("a schema's `type` must be `object` or `string`, not `{other}`"),
                        "",
                    );
                    false
                }
            };
            table.entries.insert(name.clone(), SchemaEntry { rust_name, is_enum, file: file.to_owned() });
        }
        table
    }

    pub(crate) fn get(&self, name: &str) -> Option<&SchemaEntry> {
        self.entries.get(name)
    }

    pub(crate) fn report_unknown(&self, report: &mut Reporter<'_>, file: &str, reference: &Sp<String>) {
        if self.broken.contains(&reference.value) {
            return;
        }
        let hint = match nearest(&reference.value, self.entries.keys().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("declare it in spec/schemas/{}.yaml, or fix the name", reference.value),
        };
        report.error(file, at(reference), format!("unknown schema `{}`", reference.value), &hint);
    }
}

/// A file `x.yaml` must declare `x`, so a maintainer finds things by name.
pub(crate) fn check_file_name(file: &str, name: &Sp<String>, what: &str, report: &mut Reporter<'_>) {
    let stem = crate::parse::file_stem(file);
    if stem != name.value {
        report.error(
            file,
            at(name),
            format!("the file declares {what} `{}` but is named `{stem}`", name.value),
            &format!("rename the file to {}.yaml", name.value),
        );
    }
}

pub(crate) fn lower_schemas(
    schemas: &[(&SourceFile, SchemaFile)],
    table: &SchemaTable,
    resources: &[Resource],
    error_schema: Option<&str>,
    report: &mut Reporter<'_>,
) -> Vec<Schema> {
    let mut lowered = Vec::new();
    let mut type_names = BTreeMap::new();
    for (source, schema) in schemas {
        let file = source.display_path.as_str();
        let Some(entry) = table.get(&schema.schema.value).filter(|e| e.file == file) else { continue };
        let mut inline_enums = Vec::new();
        let site =
            TypeSite { file, position: at(&schema.schema), enum_name: entry.rust_name.clone(), open_enum: false };
        let kind = if entry.is_enum {
            if schema.properties.is_some() {
                report.error(file, at(&schema.ty), "a string schema has no `properties`", "");
            }
            let Some(values) = &schema.values else {
                report.error(file, at(&schema.ty), "a string schema needs `enum`", "list the allowed values");
                continue;
            };
            match lower_enum(&entry.rust_name, schema.description.clone(), values, &site, report) {
                Some(def) => SchemaKind::Enum(def),
                None => continue,
            }
        } else {
            if let Some(values) = &schema.values {
                report.error(file, at(values), "an object schema has no `enum`", "");
            }
            let Some(properties) = &schema.properties else {
                report.error(file, at(&schema.ty), "an object schema needs `properties`", "");
                continue;
            };
            SchemaKind::Object(lower_fields(file, &entry.rust_name, &properties.0, table, &mut inline_enums, report))
        };
        for name in std::iter::once(&entry.rust_name).chain(inline_enums.iter().map(|e| &e.rust_name)) {
            if let Some(previous) = type_names.insert(name.clone(), schema.schema.value.clone()) {
                report.error(
                    file,
                    at(&schema.schema),
                    format!("the Rust type `{name}` would be generated twice (also for schema `{previous}`)"),
                    "rename a property or schema, or set `rust_name`",
                );
            }
        }
        lowered.push(Schema {
            name: schema.schema.value.clone(),
            rust_name: entry.rust_name.clone(),
            description: schema.description.clone(),
            example: schema.example.as_ref().map(|e| e.value.clone()),
            kind,
            inline_enums,
            in_requests: false,
        });
    }
    mark_directions(&mut lowered, resources, table, error_schema);
    lowered
}

fn lower_fields(
    file: &str,
    owner: &str,
    properties: &[(Sp<String>, crate::spec::FieldSpec)],
    table: &SchemaTable,
    inline_enums: &mut Vec<EnumDef>,
    report: &mut Reporter<'_>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut rust_names = BTreeMap::new();
    for (key, spec) in properties {
        let not_here = [
            ("name", spec.name.as_ref().map(at)),
            ("in", spec.location.as_ref().map(at)),
            ("default", spec.default.as_ref().map(at)),
            ("send_default", spec.send_default.as_ref().map(at)),
        ];
        for (k, position) in not_here {
            if let Some(position) = position {
                report.error(file, position, format!("`{k}` is only for params, not properties"), "remove it");
            }
        }
        let Some(rust_name) = names::snake(&key.value) else {
            report.error(file, at(key), format!("cannot make a Rust field name of `{}`", key.value), "");
            continue;
        };
        if let Some(other) = rust_names.insert(rust_name.clone(), key.value.clone()) {
            report.error(
                file,
                at(key),
                format!("properties `{other}` and `{}` both become the Rust field `{rust_name}`", key.value),
                "rename one of them",
            );
            continue;
        }
        let Some(suffix) = names::pascal(&key.value) else { continue };
        let site = TypeSite { file, position: at(key), enum_name: format!("{owner}{suffix}"), open_enum: false };
        let Some(ty) = lower_type(spec, &site, table, inline_enums, report) else { continue };
        let constraints = constraints(spec, &ty, file, report);
        fields.push(Field {
            wire_name: key.value.clone(),
            rust_name,
            ty,
            required: spec.required.as_ref().is_some_and(|r| r.value),
            description: spec.description.clone(),
            constraints,
        });
    }
    fields
}

/// Marks which schemas requests use, and opens every enum a response can
/// carry (so unknown values decode instead of failing).
fn mark_directions(schemas: &mut [Schema], resources: &[Resource], table: &SchemaTable, error_schema: Option<&str>) {
    let mut response_roots = BTreeSet::new();
    let mut request_roots = BTreeSet::new();
    if let Some(entry) = error_schema.and_then(|name| table.get(name)) {
        response_roots.insert(entry.rust_name.clone());
    }
    for action in resources.iter().flat_map(|r| &r.actions) {
        response_roots.extend(action.success_type.clone());
        for param in action.params.iter().filter(|p| p.location == ParamLocation::Body) {
            collect_names(&param.ty, &mut request_roots);
        }
    }
    let edges: BTreeMap<String, BTreeSet<String>> = schemas
        .iter()
        .map(|s| {
            let mut out = BTreeSet::new();
            if let SchemaKind::Object(fields) = &s.kind {
                for f in fields {
                    collect_names(&f.ty, &mut out);
                }
            }
            (s.rust_name.clone(), out)
        })
        .collect();
    let in_responses = reachable(&response_roots, &edges);
    let in_requests = reachable(&request_roots, &edges);
    for schema in schemas {
        let open = in_responses.contains(&schema.rust_name);
        schema.in_requests = in_requests.contains(&schema.rust_name);
        if let SchemaKind::Enum(def) = &mut schema.kind {
            def.open = open;
        }
        for def in &mut schema.inline_enums {
            def.open = open;
        }
    }
}

fn collect_names(ty: &Ty, out: &mut BTreeSet<String>) {
    match ty {
        Ty::Array(item) => collect_names(item, out),
        Ty::Object(name) | Ty::Enum(name) => {
            out.insert(name.clone());
        }
        _ => {}
    }
}

fn reachable(roots: &BTreeSet<String>, edges: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&String> = roots.iter().collect();
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone()) {
            stack.extend(edges.get(name).into_iter().flatten());
        }
    }
    seen
}
