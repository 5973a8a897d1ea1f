//! From the raw spec to the validated [`crate::ir`].
//!
//! Validation never stops at the first problem: each check records a
//! [`Diagnostic`] and carries on with what it can, so a maintainer sees every
//! mistake of a spec in one run. Only a spec without problems yields an
//! [`Api`].

mod closed;
mod groups;
mod resources;
mod schemas;
mod types;
mod typespace;
mod usage;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Position};
use crate::ir::{Api, AuthScheme, SuccessType, TypeId};
use crate::parse::ParsedSpec;
use crate::spec::Sp;

pub(crate) use crate::diagnostic::nearest;
pub(crate) use schemas::SchemaTable;

/// Where a spanned value was written.
pub(crate) fn at<T>(value: &Sp<T>) -> Option<Position> {
    Position::from_saphyr(value.referenced)
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter<'d> {
    diags: &'d mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    pub(crate) fn error(&mut self, file: &str, position: Option<Position>, message: impl Into<String>, hint: &str) {
        let diagnostic = Diagnostic::new(file, position, message);
        self.diags.push(if hint.is_empty() { diagnostic } else { diagnostic.with_hint(hint) });
    }
}

pub(crate) fn validate(parsed: &ParsedSpec<'_>, diags: &mut Vec<Diagnostic>) -> Option<Api> {
    let errors_before = diags.len();
    let mut report = Reporter { diags };
    let mut types = typespace::Types::default();
    let table = SchemaTable::build(&parsed.schemas, &parsed.broken_schemas, &mut types, &mut report);

    // Without a usable api.yaml, resources and schemas are still checked (with
    // no global params and no error schema), so one run reports everything.
    let settings = match &parsed.api {
        Some((source, api)) => Some(lower_settings(&source.display_path, api, &table, &mut report)),
        None => {
            if !parsed.has_api_file {
                report.error(
                    "api.yaml",
                    None,
                    "the spec has no api.yaml",
                    "create api.yaml beside resources/ and schemas/",
                );
            }
            None
        }
    };
    let global_params = settings.as_ref().map(|s| s.global_params.clone()).unwrap_or_default();
    let mut resources = resources::lower_resources(&parsed.resources, &table, &mut types, &global_params, &mut report);
    let mut schemas = schemas::lower_schemas(&parsed.schemas, &table, &mut types, &mut report);
    resources::resolve_pagination(&parsed.resources, &mut resources, &types, &mut report);
    let groups = match &parsed.api {
        Some((source, api)) => groups::lower_groups(&source.display_path, api, &mut resources, &mut report),
        None => Vec::new(),
    };

    let settings = settings?;
    if report.diags.len() > errors_before {
        return None;
    }
    // Every type is known: merge, order and name them, and refer to them
    // by their final ids.
    let schema_names: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
    let typespace::Finished { space, remap } =
        typespace::finish(types, &schema_names, &module_items(&resources), &mut report)?;
    let error_type = remap.id(settings.error_type);
    for schema in &mut schemas {
        schema.id = remap.id(schema.id);
    }
    let remap = |id: TypeId| remap.id(id);
    let mut space = space;
    for action in resources.iter_mut().flat_map(|r| &mut r.actions) {
        rewrite_action(action, &remap, &space);
    }
    let mut global_params = global_params;
    for param in &mut global_params {
        param.ty.map_named(&remap);
    }
    schemas::check_self_references(&mut space, &schemas, &parsed.schemas, &mut report);
    schemas::find_discriminators(&mut space, &mut report);
    schemas::mark_directions(&mut space, &mut schemas, &resources, error_type);
    usage::mark_usage(&mut space, &schemas, &resources, &global_params, error_type, groups.len());
    closed::check_examples(parsed, &space, &schemas, &resources, &mut report);
    if report.diags.len() > errors_before {
        return None;
    }
    Some(Api {
        name: settings.name,
        description: settings.description,
        version: settings.version,
        base_url: settings.base_url,
        headers: settings.headers,
        auth: settings.auth,
        error_type,
        global_params,
        resources,
        groups,
        schemas,
        types: space,
    })
}

/// The names each resource module declares itself, which a type declared
/// in that module must not take.
fn module_items(resources: &[crate::ir::Resource]) -> BTreeMap<usize, BTreeSet<String>> {
    resources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut names = BTreeSet::from([r.handle.clone()]);
            for action in &r.actions {
                names.insert(action.builder.clone());
                if let SuccessType::ByStatus(responses) = &action.success_type {
                    names.insert(responses.name.clone());
                }
            }
            (i, names)
        })
        .collect()
}

/// Points an action's types at their final ids, and boxes the object
/// structs of a per-status response enum, so that no variant is much
/// larger than another (clippy's `large_enum_variant`): a struct can be
/// any size, every other type a response can be is a few words.
fn rewrite_action(action: &mut crate::ir::Action, remap: &impl Fn(TypeId) -> TypeId, space: &crate::ir::TypeSpace) {
    for param in &mut action.params {
        param.ty.map_named(remap);
    }
    match &mut action.success_type {
        SuccessType::Empty => {}
        SuccessType::Single(ty) => ty.map_named(remap),
        SuccessType::ByStatus(responses) => {
            for variant in &mut responses.variants {
                if let Some(ty) = &mut variant.ty {
                    ty.map_named(remap);
                    variant.boxed = ty.named().is_some_and(|id| space.is_struct(id));
                }
            }
        }
    }
    if let Some(ty) = action.stream.as_mut().and_then(|s| s.ty.as_mut()) {
        ty.map_named(remap);
    }
    if let Some(pagination) = &mut action.pagination {
        pagination.items.ty.map_named(remap);
    }
}

/// What `api.yaml` contributes, checked.
struct Settings {
    name: String,
    description: Option<String>,
    version: String,
    base_url: String,
    headers: Vec<(String, String)>,
    auth: AuthScheme,
    error_type: TypeId,
    global_params: Vec<crate::ir::Param>,
}

fn lower_settings(file: &str, api: &crate::spec::ApiFile, table: &SchemaTable, report: &mut Reporter<'_>) -> Settings {
    if !(api.base_url.value.starts_with("https://") || api.base_url.value.starts_with("http://")) {
        report.error(file, at(&api.base_url), "`base_url` must be an http:// or https:// URL", "");
    }
    // The name and version are written into comments and docs of every
    // generated file, one line each.
    for (key, value) in [("name", &api.name), ("version", &api.version)] {
        if value.value.trim().is_empty() || value.value.chars().any(char::is_control) {
            report.error(file, at(value), format!("`{key}` must be one line of text"), "");
        }
    }
    let mut headers = Vec::new();
    let mut seen_headers = BTreeMap::new();
    for header in &api.headers {
        let name = &header.name.value;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
            report.error(file, at(&header.name), format!("`{name}` is not a valid header name"), "");
        } else if seen_headers.insert(name.to_ascii_lowercase(), ()).is_some() {
            report.error(file, at(&header.name), format!("header `{name}` is declared twice"), "");
        }
        if !header.value.value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            report.error(file, at(&header.value), "header values must be printable ASCII", "");
        }
        headers.push((name.clone(), header.value.value.clone()));
    }
    let auth = match api.auth.scheme.value.as_str() {
        "bearer" => AuthScheme::Bearer,
        other => {
            report.error(file, at(&api.auth.scheme), format!("unknown auth scheme `{other}`"), "use `bearer`");
            AuthScheme::Bearer
        }
    };
    let error_type = match table.get(&api.error_schema.value) {
        Some(entry) if !entry.is_enum => entry.id,
        Some(_) => {
            report.error(file, at(&api.error_schema), "`error_schema` must name an object schema", "");
            TypeId(0)
        }
        None => {
            table.report_unknown(report, file, &api.error_schema);
            TypeId(0)
        }
    };
    Settings {
        name: api.name.value.clone(),
        description: api.description.clone(),
        version: api.version.value.clone(),
        base_url: api.base_url.value.trim_end_matches('/').to_owned(),
        headers,
        auth,
        error_type,
        global_params: resources::lower_global_params(file, &api.global_params, table, report),
    }
}
