//! Schema types: the name table every reference resolves against, and the
//! lowering of each schema file.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{
    TypeSite, check_example, check_key_pattern, constraints, default_fits, enum_kind, lower_enum, lower_one_of,
    lower_type,
};
use super::typespace::{Ladder, Types};
use super::{Reporter, at, nearest};
use crate::ir::{
    Discriminator, Field, OneOfDef, Owner, ParamLocation, Resource, Schema, SuccessType, Ty, TypeDef, TypeId, TypeKind,
    TypeSpace,
};
use crate::names::{self, Scope};
use crate::source::SourceFile;
use crate::spec::{FieldSpec, SchemaFile, Sp};

/// The types of a schema that is an enum.
const ENUM_TYPES: [&str; 4] = ["string", "integer", "number", "boolean"];

/// What a reference to a schema needs to know, before schemas are lowered.
#[derive(Debug, Clone)]
pub(crate) struct SchemaEntry {
    pub(crate) rust_name: String,
    /// Its type's provisional id.
    pub(crate) id: TypeId,
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
        types: &mut Types,
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
            let id = types.reserve_schema(&rust_name);
            table.entries.insert(name.clone(), SchemaEntry { rust_name, id, is_enum, file: file.to_owned() });
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

/// Lowers every schema into its slot of `types`; returns the schemas in
/// file order (a schema's index there is its [`Owner::Schema`]).
pub(crate) fn lower_schemas(
    schemas: &[(&SourceFile, SchemaFile)],
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Vec<Schema> {
    let mut lowered = Vec::new();
    for (source, schema) in schemas {
        let file = source.display_path.as_str();
        let Some(entry) = table.get(&schema.schema.value).filter(|e| e.file == file) else { continue };
        let owner = Owner::Schema(lowered.len());
        let Some(kind) = lower_schema_kind(file, schema, &entry.rust_name, owner, table, types, report) else {
            continue;
        };
        let index = lowered.len();
        types.fill_schema(
            entry.id,
            TypeDef {
                rust_name: entry.rust_name.clone(),
                description: schema.description.clone(),
                kind,
                schema: Some(index),
                owners: vec![owner],
                usage: Default::default(),
            },
        );
        lowered.push(Schema {
            name: schema.schema.value.clone(),
            id: entry.id,
            example: schema.example.as_ref().map(|e| e.value.clone()),
            key_pattern: schema.key_pattern.as_ref().map(|p| p.value.clone()),
            in_requests: false,
            catch_all: false,
            closed: schema.closed.as_ref().is_some_and(|c| c.value),
        });
    }
    lowered
}

/// The shape of one schema file: which keys it may have depends on `type`.
fn lower_schema_kind(
    file: &str,
    schema: &SchemaFile,
    rust_name: &str,
    owner: Owner,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<TypeKind> {
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
    let site =
        TypeSite { file, position: anchor, names: Ladder(vec![format!("{rust_name}Item")]), owner, what: "property" };
    match ty {
        Some(word @ ("string" | "integer" | "number" | "boolean")) => {
            let Some(values) = &schema.values else {
                let article = if word == "integer" { "an" } else { "a" };
                report.error(file, anchor, format!("{article} {word} schema needs `enum`"), "list the allowed values");
                return None;
            };
            lower_enum(enum_kind(word), values, file, report).map(TypeKind::Enum)
        }
        Some("object") => {
            let Some(properties) = &schema.properties else {
                report.error(file, anchor, "an object schema needs `properties`", "");
                return None;
            };
            let mut fields = lower_fields((file, rust_name, owner), &properties.0, table, types, report);
            if let Some(additional) = &schema.additional {
                // `type: map`, where the schema says `type: object`.
                let map_word = schema.ty.clone().map(|t| Sp { value: "map".to_owned(), ..t });
                let site = TypeSite {
                    file,
                    position: first_key(additional).or(anchor),
                    names: Ladder(vec![format!("{rust_name}AdditionalValue")]),
                    owner,
                    what: "property",
                };
                fields.push(lower_additional(site, map_word, additional, table, types, report)?);
            }
            Some(TypeKind::Struct(fields))
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
            let ty = lower_type(&field, &site, table, types, report)?;
            check_key_pattern(&field, &ty, types, file, report);
            Some(TypeKind::Alias(ty))
        }
        None => {
            let alternatives = schema.one_of.as_ref()?;
            let site = TypeSite { names: Ladder(vec![rust_name.to_owned()]), ..site };
            lower_one_of(alternatives, schema.discriminator.as_ref(), &site, table, types, report).map(TypeKind::OneOf)
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
    site: TypeSite<'_>,
    map_word: Option<Sp<String>>,
    spec: &FieldSpec,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<Field> {
    let (file, position) = (site.file, site.position);
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
    let ty = lower_type(&map, &site, table, types, report)?;
    let constraints = constraints(&map, &ty, types, file, report);
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

/// The properties of an object schema (`file`, its Rust name, and its
/// owner index).
fn lower_fields(
    (file, rust_owner, owner): (&str, &str, Owner),
    properties: &[(Sp<String>, crate::spec::FieldSpec)],
    table: &SchemaTable,
    types: &mut Types,
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
        let site = TypeSite {
            file,
            position: at(key),
            names: Ladder(vec![suffix.clone(), format!("{rust_owner}{suffix}")]),
            owner,
            what: "property",
        };
        let Some(ty) = lower_type(spec, &site, table, types, report) else { continue };
        if ty == Ty::File {
            report.error(file, at(key), "a property cannot be a file", "files are `in: multipart` params");
            continue;
        }
        let constraints = constraints(spec, &ty, types, file, report);
        check_example(spec, &ty, types, file, report);
        if let Some(d) = &spec.default
            && let Err(problem) = default_fits(&ty, &d.value, types)
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
pub(crate) fn check_self_references(
    space: &mut TypeSpace,
    schemas: &[Schema],
    files: &[(&SourceFile, SchemaFile)],
    report: &mut Reporter<'_>,
) {
    // Between schemas only: an inline one-of boxes its object alternatives,
    // and has an alternative that is not the struct that holds it.
    let direct: BTreeMap<TypeId, BTreeSet<TypeId>> = space
        .iter()
        .filter(|(_, def)| def.schema.is_some())
        .map(|(id, def)| {
            let targets = match &def.kind {
                TypeKind::Struct(fields) => fields.iter().filter_map(|f| object(f.ty.non_null())).collect(),
                TypeKind::OneOf(one_of) => one_of.variants.iter().filter_map(|v| object(&v.ty)).collect(),
                _ => BTreeSet::new(),
            };
            (id, targets)
        })
        .collect();
    let source_of = |id: TypeId| {
        let name = space.get(id).schema.and_then(|s| schemas.get(s)).map(|s| s.name.as_str());
        files.iter().find(|(_, f)| Some(f.schema.value.as_str()) == name)
    };
    for (id, def) in space.iter().filter(|(_, def)| def.schema.is_some()) {
        let TypeKind::OneOf(one_of) = &def.kind else { continue };
        let cyclic = one_of
            .variants
            .iter()
            .any(|v| object(&v.ty).is_some_and(|target| reachable(&BTreeSet::from([target]), &direct).contains(&id)));
        if cyclic {
            let source = source_of(id);
            let name = source.map_or(def.rust_name.as_str(), |(_, f)| f.schema.value.as_str());
            report.error(
                source.map(|(s, _)| s.display_path.as_str()).unwrap_or_default(),
                source.and_then(|(_, f)| f.one_of.as_ref().and_then(at)),
                format!("`{name}` is one of several shapes, one of which contains it again"),
                "no finite value satisfies it: go through an array, or an optional object property",
            );
        }
    }
    let mut boxed = Vec::new();
    for (id, def) in space.iter() {
        let TypeKind::Struct(fields) = &def.kind else { continue };
        for (i, field) in fields.iter().enumerate() {
            let Some(target) = object(field.ty.non_null()) else { continue };
            if !reachable(&BTreeSet::from([target]), &direct).contains(&id) {
                continue;
            }
            // A required nullable property is satisfied by `null`: boxed.
            if field.required && !field.ty.is_nullable() {
                let source = source_of(id);
                let position = source.and_then(|(_, f)| {
                    f.properties.as_ref()?.0.iter().find(|(k, _)| k.value == field.wire_name).and_then(|(k, _)| at(k))
                });
                let name = source.map_or(def.rust_name.as_str(), |(_, f)| f.schema.value.as_str());
                report.error(
                    source.map(|(s, _)| s.display_path.as_str()).unwrap_or_default(),
                    position,
                    format!("`{name}` contains itself through the required property `{}`", field.wire_name),
                    "no finite value satisfies it: make the property optional, or an array",
                );
            } else {
                boxed.push((id, i));
            }
        }
    }
    for (id, i) in boxed {
        if let TypeKind::Struct(fields) = &mut space.get_mut(id).kind
            && let Some(field) = fields.get_mut(i)
        {
            field.boxed = true;
        }
    }
}

/// The object type a type is, directly.
fn object(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Object(id) => Some(*id),
        _ => None,
    }
}

/// Marks which schemas requests use, and opens every enum a response can
/// carry (so unknown values decode instead of failing). An enum that
/// several declarations share is open when any response can carry it.
pub(crate) fn mark_directions(space: &mut TypeSpace, schemas: &mut [Schema], resources: &[Resource], error: TypeId) {
    let mut response_roots = BTreeSet::from([error]);
    let mut request_roots = BTreeSet::new();
    for action in resources.iter().flat_map(|r| &r.actions) {
        // Error bodies are responses too: the schemas actions document for
        // some error status, beside the API's error schema.
        for name in action.errors.iter().filter_map(|r| r.schema.as_deref()) {
            if let Some(schema) = schemas.iter().find(|s| s.name == name) {
                response_roots.insert(schema.id);
            }
        }
        match &action.success_type {
            SuccessType::Empty => {}
            SuccessType::Single(ty) => ty.visit_named(&mut |id| {
                response_roots.insert(id);
            }),
            SuccessType::ByStatus(responses) => {
                for ty in responses.variants.iter().filter_map(|v| v.ty.as_ref()) {
                    ty.visit_named(&mut |id| {
                        response_roots.insert(id);
                    });
                }
            }
        }
        for param in
            action.params.iter().filter(|p| matches!(p.location, ParamLocation::Body | ParamLocation::Multipart))
        {
            param.ty.visit_named(&mut |id| {
                request_roots.insert(id);
            });
        }
    }
    // What the one-ofs of params hold is sent, whatever carries them.
    for (_, def) in space.iter().filter(|(_, d)| d.owners.iter().any(|o| matches!(o, Owner::Resource(_)))) {
        if let TypeKind::OneOf(one_of) = &def.kind {
            for v in &one_of.variants {
                v.ty.visit_named(&mut |id| {
                    request_roots.insert(id);
                });
            }
        }
    }
    let edges = edges(space);
    let in_responses = reachable(&response_roots, &edges);
    let in_requests = reachable(&request_roots, &edges);
    for schema in schemas {
        schema.in_requests = in_requests.contains(&schema.id);
        // A response keeps every key: an object without `additional` gets
        // a catch-all for the keys it does not declare.
        schema.catch_all = in_responses.contains(&schema.id)
            && matches!(&space.get(schema.id).kind, TypeKind::Struct(fields) if !fields.iter().any(|f| f.flatten));
    }
    for (i, def) in space.defs.iter_mut().enumerate() {
        if let TypeKind::Enum(e) = &mut def.kind {
            e.open = in_responses.contains(&TypeId(i as u32));
        }
    }
}

/// Per type, the named types its values hold directly (fields, aliased
/// types, alternatives).
pub(crate) fn edges(space: &TypeSpace) -> BTreeMap<TypeId, BTreeSet<TypeId>> {
    space
        .iter()
        .map(|(id, def)| {
            let mut out = BTreeSet::new();
            let mut add = |ty: &Ty| {
                ty.visit_named(&mut |target| {
                    out.insert(target);
                })
            };
            match &def.kind {
                TypeKind::Struct(fields) => fields.iter().for_each(|f| add(&f.ty)),
                TypeKind::Alias(ty) => add(ty),
                TypeKind::OneOf(one_of) => one_of.variants.iter().for_each(|v| add(&v.ty)),
                TypeKind::Enum(_) => {}
            }
            (id, out)
        })
        .collect()
}

/// Every type reachable from `roots` (the roots included).
pub(crate) fn reachable(roots: &BTreeSet<TypeId>, edges: &BTreeMap<TypeId, BTreeSet<TypeId>>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TypeId> = roots.iter().copied().collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(edges.get(&id).into_iter().flatten().copied());
        }
    }
    seen
}

/// Finds, for every one-of with two or more object alternatives, a property
/// that tells them apart: present in each of them as a string enum (not
/// nullable), with no value shared by two alternatives. The first such
/// property in the first object alternative's order wins.
pub(crate) fn find_discriminators(space: &mut TypeSpace, report: &mut Reporter<'_>) {
    // Per object type, its properties that are enums, in order.
    let tags: BTreeMap<TypeId, Tags> = space
        .iter()
        .filter_map(|(id, def)| match &def.kind {
            TypeKind::Struct(fields) => Some((
                id,
                fields
                    .iter()
                    .filter_map(|f| match &f.ty {
                        Ty::Enum(e) => Some((
                            f.wire_name.clone(),
                            space.enum_def(*e)?.variants.iter().map(|v| v.wire.clone()).collect(),
                        )),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    for def in &mut space.defs {
        let TypeKind::OneOf(one_of) = &mut def.kind else { continue };
        one_of.discriminator = discriminator(one_of, &tags);
        if let Some(requested) = &one_of.requested {
            let found = one_of.discriminator.as_ref().map(|d| d.property.as_str());
            if found != Some(requested.property.as_str()) {
                one_of.discriminator = discriminator_named(one_of, &tags, &requested.property);
            }
            if one_of.discriminator.is_none() {
                report.error(
                    &requested.file,
                    requested.position,
                    format!("`{}` cannot tell the alternatives of `one_of` apart", requested.property),
                    "each object alternative needs it as a string enum, with values no other alternative has",
                );
            }
        }
    }
}

/// An object type's enum properties: `(wire name, values)`.
type Tags = Vec<(String, Vec<String>)>;

fn discriminator(def: &OneOfDef, tags: &BTreeMap<TypeId, Tags>) -> Option<Discriminator> {
    discriminator_among(def, tags, None)
}

fn discriminator_named(def: &OneOfDef, tags: &BTreeMap<TypeId, Tags>, property: &str) -> Option<Discriminator> {
    discriminator_among(def, tags, Some(property))
}

/// The first property of the first object alternative (or `only`) that
/// tells the object alternatives apart.
fn discriminator_among(def: &OneOfDef, tags: &BTreeMap<TypeId, Tags>, only: Option<&str>) -> Option<Discriminator> {
    let objects: Vec<Option<&Tags>> = def.variants.iter().map(|v| object(&v.ty).and_then(|id| tags.get(&id))).collect();
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
