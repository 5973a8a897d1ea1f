//! Schema types: the name table every reference resolves against, and the
//! lowering of each schema file.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{
    Inline, TypeSite, check_example, check_key_pattern, constraints, default_fits, enum_kind, lower_enum, lower_one_of,
    lower_type,
};
use super::{Reporter, at, nearest};
use crate::ir::{Discriminator, Field, OneOfDef, ParamLocation, Resource, Schema, SchemaKind, SuccessType, Ty};
use crate::names::{self, Scope};
use crate::source::SourceFile;
use crate::spec::{FieldSpec, SchemaFile, Sp};

/// The types of a schema that is an enum.
const ENUM_TYPES: [&str; 4] = ["string", "integer", "number", "boolean"];

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
    /// The entries' Rust names, for lookups per inline type that would be
    /// quadratic as a scan of the entries.
    rust_names: BTreeSet<String>,
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
                Some(given) if names::is_keyword(&given.value) => {
                    report.error(
                        file,
                        at(given),
                        format!("`{}` is a Rust keyword", given.value),
                        "choose another type name",
                    );
                    names::pascal(name).unwrap_or_else(|| given.value.clone())
                }
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
            if let Some(why) = names::reserved::why(Scope::ModuleType, &rust_name) {
                let (position, hint) = match &schema.rust_name {
                    Some(given) => (at(given), "choose another type name"),
                    None => (at(&schema.schema), "rename the schema, or set `rust_name`"),
                };
                report.error(
                    file,
                    position,
                    format!("schema `{name}` becomes the Rust type `{rust_name}`, {why}"),
                    hint,
                );
            } else if let Some(other) = rust_names.insert(rust_name.clone(), name.clone()) {
                report.error(
                    file,
                    at(&schema.schema),
                    format!("schemas `{other}` and `{name}` both become the Rust type `{rust_name}`"),
                    "rename one, or give it a `rust_name`",
                );
            }
            let is_enum = match (&schema.ty, &schema.one_of) {
                (Some(ty), _) if ENUM_TYPES.contains(&ty.value.as_str()) => true,
                (Some(ty), _) if ["object", "array", "map"].contains(&ty.value.as_str()) => false,
                (Some(ty), _) => {
                    report.error(
                        file,
                        at(ty),
                        format!(
                            "a schema's `type` is `object`, `array`, `map`, or `string`, `integer`, `number` or \
                             `boolean` with `enum`, not `{}`",
                            ty.value
                        ),
                        "or leave `type` out and give `one_of`",
                    );
                    false
                }
                (None, Some(_)) => false,
                (None, None) => {
                    report.error(
                        file,
                        at(&schema.schema),
                        "the schema has no `type`",
                        "add `type:` (object, string, array or map), or `one_of:`",
                    );
                    false
                }
            };
            table.rust_names.insert(rust_name.clone());
            table.entries.insert(name.clone(), SchemaEntry { rust_name, is_enum, file: file.to_owned() });
        }
        table
    }

    pub(crate) fn get(&self, name: &str) -> Option<&SchemaEntry> {
        self.entries.get(name)
    }

    /// Whether a schema has this Rust type name.
    pub(crate) fn has_rust_name(&self, rust_name: &str) -> bool {
        self.rust_names.contains(rust_name)
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
        let mut inline = Inline::default();
        let Some(kind) = lower_schema_kind(file, schema, &entry.rust_name, table, &mut inline, report) else {
            continue;
        };
        let type_names_here = std::iter::once(&entry.rust_name)
            .chain(inline.enums.iter().map(|e| &e.rust_name))
            .chain(inline.one_ofs.iter().map(|o| &o.rust_name));
        // The schema's own name was checked with the schema table.
        for (i, name) in type_names_here.enumerate() {
            if let Some(why) = names::reserved::why(Scope::ModuleType, name).filter(|_| i > 0) {
                report.error(
                    file,
                    at(&schema.schema),
                    format!("the property type `{name}` is a name {}", why.trim_start_matches("which ")),
                    "rename the property",
                );
            } else if let Some(previous) = type_names.insert(name.clone(), schema.schema.value.clone()) {
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
            key_pattern: schema.key_pattern.as_ref().map(|p| p.value.clone()),
            inline_enums: inline.enums,
            inline_one_ofs: inline.one_ofs,
            in_requests: false,
            catch_all: false,
            closed: schema.closed.as_ref().is_some_and(|c| c.value),
        });
    }
    check_self_references(&mut lowered, schemas, report);
    mark_directions(&mut lowered, resources, error_schema.and_then(|e| table.get(e)));
    lowered
}

/// The shape of one schema file: which keys it may have depends on `type`.
fn lower_schema_kind(
    file: &str,
    schema: &SchemaFile,
    rust_name: &str,
    table: &SchemaTable,
    inline: &mut Inline,
    report: &mut Reporter<'_>,
) -> Option<SchemaKind> {
    let ty = schema.ty.as_ref().map(|t| t.value.as_str());
    let known = ty.is_none_or(|t| ["object", "array", "map"].contains(&t) || ENUM_TYPES.contains(&t));
    if !known || (ty.is_none() && schema.one_of.is_none()) {
        // Already reported by the schema table.
        return None;
    }
    let anchor = schema.ty.as_ref().map(at).unwrap_or(at(&schema.schema));
    let keys = [
        (
            "properties",
            schema.properties.as_ref().map(|p| p.0.first().map(|(k, _)| at(k)).unwrap_or(anchor)),
            ty == Some("object"),
        ),
        ("enum", schema.values.as_ref().map(at), ty.is_some_and(|t| ENUM_TYPES.contains(&t))),
        ("items", schema.items.as_ref().map(|_| anchor), ty == Some("array")),
        ("values", schema.values_spec().map(|_| anchor), ty == Some("map")),
        ("key_pattern", schema.key_pattern.as_deref().map(at), ty == Some("map")),
        ("additional", schema.additional.as_deref().map(|a| first_key(a).or(anchor)), ty == Some("object")),
        ("closed", schema.closed.as_deref().map(at), ty == Some("object")),
        ("one_of", schema.one_of.as_ref().map(at), ty.is_none()),
        ("discriminator", schema.discriminator.as_ref().map(at), ty.is_none()),
    ];
    let mut ok = true;
    for (key, position, allowed) in keys {
        if let Some(position) = position.filter(|_| !allowed) {
            let what = ty.map(|t| format!("a `{t}` schema")).unwrap_or_else(|| "this schema".into());
            report.error(file, position, format!("{what} has no `{key}`"), "");
            ok = false;
        }
    }
    if let (Some(closed), Some(_)) = (schema.closed.as_deref().filter(|c| c.value), &schema.additional) {
        report.error(
            file,
            at(closed),
            "a closed object has no `additional` keys",
            "remove `closed: true`, or `additional` if the object has no other keys",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let site = TypeSite { file, position: anchor, enum_name: format!("{rust_name}Item"), open_enum: false };
    match ty {
        Some(word @ ("string" | "integer" | "number" | "boolean")) => {
            let Some(values) = &schema.values else {
                let article = if word == "integer" { "an" } else { "a" };
                report.error(file, anchor, format!("{article} {word} schema needs `enum`"), "list the allowed values");
                return None;
            };
            let site = TypeSite { enum_name: rust_name.to_owned(), ..site };
            lower_enum(rust_name, schema.description.clone(), enum_kind(word), values, &site, report)
                .map(SchemaKind::Enum)
        }
        Some("object") => {
            let Some(properties) = &schema.properties else {
                report.error(file, anchor, "an object schema needs `properties`", "");
                return None;
            };
            let mut fields = lower_fields(file, rust_name, &properties.0, table, inline, report);
            if let Some(additional) = &schema.additional {
                // `type: map`, where the schema says `type: object`.
                let map_word = schema.ty.clone().map(|t| Sp { value: "map".to_owned(), ..t });
                let site = (file, rust_name, anchor, map_word);
                fields.push(lower_additional(site, additional, table, inline, report)?);
            }
            Some(SchemaKind::Object(fields))
        }
        Some("array" | "map") => {
            let field = FieldSpec {
                ty: schema.ty.clone(),
                items: schema.items.clone(),
                map_values: schema.values_spec().cloned().map(Box::new),
                key_pattern: schema.key_pattern.as_deref().cloned(),
                example: schema.example.clone(),
                ..FieldSpec::default()
            };
            let ty = lower_type(&field, &site, table, inline, report)?;
            check_key_pattern(&field, &ty, file, report);
            Some(SchemaKind::Alias(ty))
        }
        None => {
            let alternatives = schema.one_of.as_ref()?;
            lower_one_of(
                rust_name,
                schema.description.clone(),
                alternatives,
                schema.discriminator.as_ref(),
                &site,
                table,
                inline,
                report,
            )
            .map(SchemaKind::OneOf)
        }
        Some(_) => None,
    }
}

/// Where an `additional` entry was written: its first key.
fn first_key(spec: &FieldSpec) -> Option<crate::diagnostic::Position> {
    [spec.key_pattern.as_ref().map(at), spec.ty.as_ref().map(at), spec.reference.as_ref().map(at)]
        .into_iter()
        .flatten()
        .next()
        .flatten()
        .or_else(|| spec.map_values.as_deref().and_then(first_key))
}

/// An object's `additional` entry: the keys other than its properties, a
/// map of `values` (with a documented `key_pattern`), as a flattened field.
fn lower_additional(
    (file, owner, anchor, map_word): (&str, &str, Option<crate::diagnostic::Position>, Option<Sp<String>>),
    spec: &FieldSpec,
    table: &SchemaTable,
    inline: &mut Inline,
    report: &mut Reporter<'_>,
) -> Option<Field> {
    let position = first_key(spec).or(anchor);
    let others = [
        ("name", spec.name.as_ref().map(at)),
        ("in", spec.location.as_ref().map(at)),
        ("type", spec.ty.as_ref().map(at)),
        ("ref", spec.reference.as_ref().map(at)),
        ("one_of", spec.one_of.as_ref().map(at)),
        ("enum", spec.values.as_ref().map(at)),
        ("items", spec.items.as_ref().map(|_| position)),
        ("required", spec.required.as_ref().map(at)),
        ("nullable", spec.nullable.as_ref().map(at)),
        ("default", spec.default.as_ref().map(at)),
        ("example", spec.example.as_ref().map(at)),
    ];
    let mut ok = true;
    for (key, at_key) in others {
        if let Some(at_key) = at_key {
            report.error(
                file,
                at_key,
                format!("`additional` has no `{key}`"),
                "give `values` (the type of the other keys' values), `key_pattern` and `description`",
            );
            ok = false;
        }
    }
    let Some(values) = &spec.map_values else {
        report.error(file, position, "`additional` needs `values`", "the type of the other keys' values");
        return None;
    };
    if !ok {
        return None;
    }
    let map = FieldSpec {
        ty: map_word,
        map_values: Some(values.clone()),
        key_pattern: spec.key_pattern.clone(),
        min_properties: spec.min_properties.clone(),
        max_properties: spec.max_properties.clone(),
        ..FieldSpec::default()
    };
    let site = TypeSite { file, position, enum_name: format!("{owner}AdditionalValue"), open_enum: false };
    let ty = lower_type(&map, &site, table, inline, report)?;
    let constraints = constraints(&map, &ty, file, report);
    Some(Field {
        wire_name: Field::ADDITIONAL_WIRE.to_owned(),
        rust_name: names::reserved::ADDITIONAL.to_owned(),
        ty,
        required: false,
        boxed: false,
        description: spec.description.clone(),
        constraints,
        default: None,
        deprecated: false,
        flatten: true,
    })
}

fn lower_fields(
    file: &str,
    owner: &str,
    properties: &[(Sp<String>, crate::spec::FieldSpec)],
    table: &SchemaTable,
    inline: &mut Inline,
    report: &mut Reporter<'_>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut rust_names = BTreeMap::new();
    for (key, spec) in properties {
        let not_here = [
            ("name", spec.name.as_ref().map(at)),
            ("in", spec.location.as_ref().map(at)),
            ("send_default", spec.send_default.as_ref().map(at)),
            ("encoding", spec.encoding.as_ref().map(at)),
        ];
        for (k, position) in not_here {
            if let Some(position) = position {
                report.error(file, position, format!("`{k}` is only for params, not properties"), "remove it");
            }
        }
        let Some(rust_name) = names::property(&key.value) else {
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
        let Some(ty) = lower_type(spec, &site, table, inline, report) else { continue };
        if ty == Ty::File {
            report.error(file, at(key), "a property cannot be a file", "files are `in: multipart` params");
            continue;
        }
        let constraints = constraints(spec, &ty, file, report);
        check_example(spec, &ty, &inline.enums, file, report);
        if let Some(d) = &spec.default
            && let Err(problem) = default_fits(&ty, &d.value, &inline.enums)
        {
            report.error(file, at(d), problem, "fix the default, or the type or allowed values");
        }
        fields.push(Field {
            wire_name: key.value.clone(),
            rust_name,
            ty,
            required: spec.required.as_ref().is_some_and(|r| r.value),
            boxed: false,
            description: spec.description.clone(),
            constraints,
            default: spec.default.as_ref().map(|d| d.value.clone()),
            deprecated: spec.deprecated.as_ref().is_some_and(|d| d.value),
            flatten: false,
        });
    }
    // An optional nullable property has a `<name>_null` setter.
    for field in fields.iter().filter(|f| !f.required && f.ty.is_nullable()) {
        let setter = names::null_setter(&field.rust_name);
        if let Some(other) = fields.iter().find(|f| f.rust_name == setter) {
            let position = properties.iter().find(|(k, _)| k.value == other.wire_name).and_then(|(k, _)| at(k));
            report.error(
                file,
                position,
                format!(
                    "property `{}` has the name of the setter `{setter}` of the nullable `{}`",
                    other.wire_name, field.wire_name
                ),
                "rename one of them",
            );
        }
    }
    fields
}

/// A struct that contains itself without indirection (not through an array
/// or a map) has no finite size: a required such property is an error (no
/// finite JSON can satisfy it), an optional one is boxed.
fn check_self_references(schemas: &mut [Schema], files: &[(&SourceFile, SchemaFile)], report: &mut Reporter<'_>) {
    let direct: BTreeMap<String, BTreeSet<String>> = schemas
        .iter()
        .map(|s| {
            let targets = match &s.kind {
                SchemaKind::Object(fields) => fields
                    .iter()
                    .filter_map(|f| match f.ty.non_null() {
                        Ty::Object(name) => Some(name.clone()),
                        _ => None,
                    })
                    .collect(),
                SchemaKind::OneOf(def) => def
                    .variants
                    .iter()
                    .filter_map(|(_, ty)| match ty {
                        Ty::Object(name) => Some(name.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => BTreeSet::new(),
            };
            (s.rust_name.clone(), targets)
        })
        .collect();
    for schema in schemas.iter() {
        let SchemaKind::OneOf(def) = &schema.kind else { continue };
        let cyclic = def.variants.iter().any(|(_, ty)| {
            matches!(ty, Ty::Object(target) if reachable(&BTreeSet::from([target.clone()]), &direct).contains(&schema.rust_name))
        });
        if cyclic {
            let source = files.iter().find(|(_, f)| f.schema.value == schema.name);
            report.error(
                source.map(|(s, _)| s.display_path.as_str()).unwrap_or_default(),
                source.and_then(|(_, f)| f.one_of.as_ref().and_then(at)),
                format!("`{}` is one of several shapes, one of which contains it again", schema.name),
                "no finite value satisfies it: go through an array, or an optional object property",
            );
        }
    }
    for schema in schemas.iter_mut() {
        let owner = schema.rust_name.clone();
        let SchemaKind::Object(fields) = &mut schema.kind else { continue };
        for field in fields.iter_mut() {
            let Ty::Object(target) = field.ty.non_null() else { continue };
            if !reachable(&BTreeSet::from([target.clone()]), &direct).contains(&owner) {
                continue;
            }
            // A required nullable property is satisfied by `null`: boxed.
            if field.required && !field.ty.is_nullable() {
                let source = files.iter().find(|(_, f)| f.schema.value == schema.name);
                let position = source.and_then(|(_, f)| {
                    f.properties.as_ref()?.0.iter().find(|(k, _)| k.value == field.wire_name).and_then(|(k, _)| at(k))
                });
                report.error(
                    source.map(|(s, _)| s.display_path.as_str()).unwrap_or_default(),
                    position,
                    format!("`{}` contains itself through the required property `{}`", schema.name, field.wire_name),
                    "no finite value satisfies it: make the property optional, or an array",
                );
            } else {
                field.boxed = true;
            }
        }
    }
}

/// Marks which schemas requests use, and opens every enum a response can
/// carry (so unknown values decode instead of failing).
fn mark_directions(schemas: &mut [Schema], resources: &[Resource], error_schema: Option<&SchemaEntry>) {
    let mut response_roots = BTreeSet::new();
    let mut request_roots = BTreeSet::new();
    if let Some(entry) = error_schema {
        response_roots.insert(entry.rust_name.clone());
    }
    for action in resources.iter().flat_map(|r| &r.actions) {
        match &action.success_type {
            SuccessType::Empty => {}
            SuccessType::Single(ty) => collect_names(ty, &mut response_roots),
            SuccessType::ByStatus { variants, .. } => {
                for ty in variants.iter().filter_map(|(_, _, ty)| ty.as_ref()) {
                    collect_names(ty, &mut response_roots);
                }
            }
        }
        for param in
            action.params.iter().filter(|p| matches!(p.location, ParamLocation::Body | ParamLocation::Multipart))
        {
            collect_names(&param.ty, &mut request_roots);
        }
    }
    for one_of in resources.iter().flat_map(|r| &r.one_ofs) {
        for (_, ty) in &one_of.variants {
            collect_names(ty, &mut request_roots);
        }
    }
    let edges: BTreeMap<String, BTreeSet<String>> = schemas
        .iter()
        .map(|s| {
            let mut out = BTreeSet::new();
            match &s.kind {
                SchemaKind::Object(fields) => fields.iter().for_each(|f| collect_names(&f.ty, &mut out)),
                SchemaKind::Alias(ty) => collect_names(ty, &mut out),
                SchemaKind::OneOf(def) => def.variants.iter().for_each(|(_, ty)| collect_names(ty, &mut out)),
                SchemaKind::Enum(_) => {}
            }
            for def in &s.inline_one_ofs {
                def.variants.iter().for_each(|(_, ty)| collect_names(ty, &mut out));
            }
            (s.rust_name.clone(), out)
        })
        .collect();
    // Inline one-ofs are named types too: they lead on to what they contain.
    let mut edges = edges;
    for s in schemas.iter() {
        for def in &s.inline_one_ofs {
            let mut out = BTreeSet::new();
            def.variants.iter().for_each(|(_, ty)| collect_names(ty, &mut out));
            edges.insert(def.rust_name.clone(), out);
        }
    }
    let in_responses = reachable(&response_roots, &edges);
    let in_requests = reachable(&request_roots, &edges);
    for schema in schemas {
        let open = in_responses.contains(&schema.rust_name);
        schema.in_requests = in_requests.contains(&schema.rust_name);
        // A response keeps every key: an object without `additional` gets
        // a catch-all for the keys it does not declare.
        schema.catch_all =
            open && matches!(&schema.kind, SchemaKind::Object(fields) if !fields.iter().any(|f| f.flatten));
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
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => collect_names(inner, out),
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

/// Finds, for every one-of with two or more object alternatives, a property
/// that tells them apart: present in each of them as a string enum (not
/// nullable), with no value shared by two alternatives. The first such
/// property in the first object alternative's order wins.
pub(crate) fn find_discriminators(schemas: &mut [Schema], resources: &mut [Resource], report: &mut Reporter<'_>) {
    let mut enums: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for schema in schemas.iter() {
        if let SchemaKind::Enum(def) = &schema.kind {
            enums.insert(def.rust_name.clone(), def.variants.iter().map(|(w, _)| w.clone()).collect());
        }
        for def in &schema.inline_enums {
            enums.insert(def.rust_name.clone(), def.variants.iter().map(|(w, _)| w.clone()).collect());
        }
    }
    // Per object schema, its properties that are string enums, in order.
    let tags: BTreeMap<String, Tags> = schemas
        .iter()
        .filter_map(|s| match &s.kind {
            SchemaKind::Object(fields) => Some((
                s.rust_name.clone(),
                fields
                    .iter()
                    .filter_map(|f| match &f.ty {
                        Ty::Enum(name) => Some((f.wire_name.clone(), enums.get(name)?.clone())),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    let mut assign = |def: &mut OneOfDef| {
        def.discriminator = discriminator(def, &tags);
        if let Some((property, file, position)) = &def.requested {
            let found = def.discriminator.as_ref().map(|d| d.property.as_str());
            if found != Some(property.as_str()) {
                def.discriminator = discriminator_named(def, &tags, property);
            }
            if def.discriminator.is_none() {
                report.error(
                    file,
                    *position,
                    format!("`{property}` cannot tell the alternatives of `one_of` apart"),
                    "each object alternative needs it as a string enum, with values no other alternative has",
                );
            }
        }
    };
    for schema in schemas.iter_mut() {
        if let SchemaKind::OneOf(def) = &mut schema.kind {
            assign(def);
        }
        schema.inline_one_ofs.iter_mut().for_each(&mut assign);
    }
    for resource in resources {
        resource.one_ofs.iter_mut().for_each(&mut assign);
    }
}

/// An object schema's string-enum properties: `(wire name, values)`.
type Tags = Vec<(String, Vec<String>)>;

fn discriminator(def: &OneOfDef, tags: &BTreeMap<String, Tags>) -> Option<Discriminator> {
    discriminator_among(def, tags, None)
}

fn discriminator_named(def: &OneOfDef, tags: &BTreeMap<String, Tags>, property: &str) -> Option<Discriminator> {
    discriminator_among(def, tags, Some(property))
}

/// The first property of the first object alternative (or `only`) that
/// tells the object alternatives apart.
fn discriminator_among(def: &OneOfDef, tags: &BTreeMap<String, Tags>, only: Option<&str>) -> Option<Discriminator> {
    let objects: Vec<Option<&Tags>> = def
        .variants
        .iter()
        .map(|(_, ty)| match ty {
            Ty::Object(name) => tags.get(name),
            _ => None,
        })
        .collect();
    let present: Vec<&Tags> = objects.iter().flatten().copied().collect();
    if present.len() < 2 {
        return None;
    }
    'candidates: for (property, _) in present[0].iter().filter(|(p, _)| only.is_none_or(|o| o == p)) {
        let mut seen = BTreeSet::new();
        let mut values = Vec::new();
        for object in &objects {
            let Some(object) = object else {
                values.push(Vec::new());
                continue;
            };
            let Some((_, own)) = object.iter().find(|(p, _)| p == property) else { continue 'candidates };
            if own.iter().any(|v| !seen.insert(v.clone())) {
                continue 'candidates;
            }
            values.push(own.clone());
        }
        return Some(Discriminator { property: property.clone(), values });
    }
    None
}
