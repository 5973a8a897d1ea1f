//! From the raw spec to the validated [`crate::ir`].
//!
//! Validation never stops at the first problem: each check records a
//! [`Diagnostic`] and carries on with what it can, so a maintainer sees every
//! mistake of a spec in one run. Only a spec without problems yields an
//! [`Api`].

mod closed;
mod resources;
mod schemas;
mod types;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Position};
use crate::ir::{Api, AuthScheme};
use crate::parse::ParsedSpec;
use crate::spec::Sp;

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
    let table = SchemaTable::build(&parsed.schemas, &parsed.broken_schemas, &mut report);

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
    let error_schema = settings.as_ref().and_then(|s| s.error_schema.as_deref());
    let mut resources =
        resources::lower_resources(&parsed.resources, &table, &global_params, error_schema, &mut report);
    let schemas = schemas::lower_schemas(&parsed.schemas, &table, &resources, error_schema, &mut report);
    resources::resolve_pagination(&parsed.resources, &mut resources, &schemas, &mut report);
    let mut schemas = schemas;
    schemas::find_discriminators(&mut schemas, &mut resources, &mut report);
    closed::check_examples(parsed, &schemas, &resources, &mut report);

    let settings = settings?;
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
        error_type: settings.error_type,
        global_params,
        resources,
        schemas,
    })
}

/// What `api.yaml` contributes, checked.
struct Settings {
    name: String,
    description: Option<String>,
    version: String,
    base_url: String,
    headers: Vec<(String, String)>,
    auth: AuthScheme,
    /// Documented name of the error schema, when it resolved.
    error_schema: Option<String>,
    error_type: String,
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
    let (error_schema, error_type) = match table.get(&api.error_schema.value) {
        Some(entry) if !entry.is_enum => (Some(api.error_schema.value.clone()), entry.rust_name.clone()),
        Some(_) => {
            report.error(file, at(&api.error_schema), "`error_schema` must name an object schema", "");
            (None, String::new())
        }
        None => {
            table.report_unknown(report, file, &api.error_schema);
            (None, String::new())
        }
    };
    Settings {
        name: api.name.value.clone(),
        description: api.description.clone(),
        version: api.version.value.clone(),
        base_url: api.base_url.value.trim_end_matches('/').to_owned(),
        headers,
        auth,
        error_schema,
        error_type,
        global_params: resources::lower_global_params(file, &api.global_params, table, report),
    }
}

/// The nearest of `candidates` to `name`, if it is close enough to be a typo.
pub(crate) fn nearest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}
