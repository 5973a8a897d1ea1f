//! Resources, actions and params.

use std::collections::BTreeMap;

use super::schemas::check_file_name;
use super::types::{TypeSite, check_example, constraints, default_fits, lower_type};
use super::typespace::{Ladder, Types};
use super::{Reporter, SchemaTable, at, nearest};
use crate::diagnostic::Position;
use crate::ir::{
    Action, EventStream, HttpMethod, Owner, PageItems, PageTotal, Pagination, Param, ParamLocation, PathPart, PerPage,
    QueryEncoding, Resource, Response, StatusEnum, StatusVariant, SuccessType, Ty, TypeKind,
};
use crate::names::{self, Scope};
use crate::source::SourceFile;
use crate::spec::{ActionSpec, FieldSpec, ResourceFile, ResponseSpec, Sp};

pub(crate) fn lower_global_params(
    file: &str,
    specs: &[FieldSpec],
    table: &SchemaTable,
    report: &mut Reporter<'_>,
) -> Vec<Param> {
    // Global params are plain scalars: a type declared on one is an error,
    // so it goes to a table of its own that is never used.
    let mut scratch = Types::default();
    let mut params = Vec::new();
    let mut positions = Vec::new();
    for spec in specs {
        if let Some(param) = lower_param(file, spec, None, table, &mut scratch, report) {
            if matches!(param.location, ParamLocation::Path | ParamLocation::Body | ParamLocation::Multipart) {
                let position = spec.location.as_ref().map(at).unwrap_or_default();
                report.error(
                    file,
                    position,
                    "global params travel in the query or a header",
                    "move path and body params to the actions",
                );
            } else if !matches!(param.ty, Ty::String | Ty::DateTime | Ty::Integer | Ty::Number | Ty::Boolean) {
                report.error(
                    file,
                    spec.values.as_ref().map(at).or(spec.name.as_ref().map(at)).flatten(),
                    "global params are strings, numbers or booleans",
                    "declare the param as a plain string",
                );
            } else if param.required {
                report.error(
                    file,
                    spec.required.as_ref().map(at).unwrap_or_default(),
                    "global params cannot be required",
                    "",
                );
            } else {
                positions.push(spec.name.as_ref().and_then(at));
                params.push(param);
            }
        }
    }
    check_param_names(file, &params, &positions, &[], report);
    params
}

fn position_of(specs: &[FieldSpec], wire_name: &str) -> Option<Position> {
    specs.iter().filter_map(|s| s.name.as_ref()).find(|n| n.value == wire_name).and_then(at)
}

pub(crate) fn lower_resources(
    files: &[(&SourceFile, ResourceFile)],
    table: &SchemaTable,
    types: &mut Types,
    global_params: &[Param],
    report: &mut Reporter<'_>,
) -> Vec<Resource> {
    let mut resources: Vec<Resource> = Vec::new();
    let mut modules: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (source, spec) in files {
        let file = source.display_path.as_str();
        let name = &spec.resource.value;
        check_file_name(file, &spec.resource, "resource", report);
        let (Some(module), Some(handle)) = (names::snake(name), names::pascal(name)) else {
            report.error(
                file,
                at(&spec.resource),
                format!("cannot make a Rust module name of `{name}`"),
                "rename the resource",
            );
            continue;
        };
        // The root module declares these itself, or generated code relies
        // on them; a resource by the same name would not compile.
        let taken = match (
            names::reserved::why(Scope::ResourceModule, &module),
            names::reserved::why(Scope::ResourceHandle, &handle),
        ) {
            (Some(why), _) => Some(format!("the Rust module `{module}`, {why}")),
            (None, Some(why)) => Some(format!("the Rust type `{handle}`, {why}")),
            (None, None) => None,
        };
        if let Some(taken) = taken {
            report.error(file, at(&spec.resource), format!("resource `{name}` becomes {taken}"), "rename the resource");
            continue;
        }
        if let Some((other, other_file)) = modules.get(&module) {
            let message = if other == name {
                format!("resource `{name}` is declared twice (first in {other_file})")
            } else {
                format!("resources `{other}` (in {other_file}) and `{name}` both become the Rust module `{module}`")
            };
            report.error(file, at(&spec.resource), message, "rename or remove one of them");
            continue;
        }
        modules.insert(module.clone(), (name.clone(), file.to_owned()));
        if spec.actions.0.is_empty() {
            report.error(file, at(&spec.resource), "the resource has no actions", "add an action under `actions:`");
        }
        let mut actions = Vec::new();
        let mut type_names: BTreeMap<String, String> =
            BTreeMap::from([(handle.clone(), "the resource handle".to_owned())]);
        let site = ResourceSite { file, resource: name, handle: &handle, owner: Owner::Resource(resources.len()) };
        for (key, action) in &spec.actions.0 {
            let Some(lowered) = lower_action(&site, key, action, table, types, global_params, report) else {
                continue;
            };
            if let Some(other) = type_names.insert(lowered.builder.clone(), format!("action `{}`", key.value)) {
                report.error(
                    file,
                    at(key),
                    format!("action `{}` becomes the Rust type `{}`, as does {other}", key.value, lowered.builder),
                    "rename the action",
                );
            }
            if actions.iter().any(|a: &Action| a.method_name == lowered.method_name) {
                report.error(
                    file,
                    at(key),
                    format!("two actions become the Rust method `{}`", lowered.method_name),
                    "rename one of them",
                );
            }
            if let SuccessType::ByStatus(responses) = &lowered.success_type
                && let Some(other) = type_names.insert(responses.name.clone(), "a response type".to_owned())
            {
                report.error(
                    file,
                    at(key),
                    format!("the response type `{}` collides with {other}", responses.name),
                    "",
                );
            }
            actions.push(lowered);
        }
        resources.push(Resource {
            name: name.clone(),
            module,
            handle,
            description: spec.description.clone(),
            actions,
            group: None,
        });
    }
    resources
}

/// The resource an action is lowered in.
struct ResourceSite<'a> {
    file: &'a str,
    /// Its documented name.
    resource: &'a str,
    /// Its Rust handle name, which qualifies its params' type names.
    handle: &'a str,
    owner: Owner,
}

#[allow(clippy::too_many_arguments)]
fn lower_action(
    site: &ResourceSite<'_>,
    key: &Sp<String>,
    spec: &ActionSpec,
    table: &SchemaTable,
    types: &mut Types,
    global_params: &[Param],
    report: &mut Reporter<'_>,
) -> Option<Action> {
    let (file, resource) = (site.file, site.resource);
    let name = &key.value;
    let errors_before = report.diags.len();
    let Some(pascal) = names::pascal(name) else {
        report.error(file, at(key), format!("cannot make a Rust type name of `{name}`"), "rename the action");
        return None;
    };
    let builder = names::item(pascal.clone());
    let Some(method_name) = names::snake(name).map(names::method) else {
        report.error(file, at(key), format!("cannot make a Rust method name of `{name}`"), "rename the action");
        return None;
    };
    let mut require = |present: bool, what: &str, hint: &str| {
        if !present {
            report.error(file, at(key), format!("action `{name}` has no `{what}`"), hint);
        }
    };
    require(spec.summary.is_some(), "summary", "add a one-line `summary:`");
    require(spec.method.is_some(), "method", "add `method:` (GET, POST, PATCH, ...)");
    require(spec.path.is_some(), "path", "add `path:`, e.g. /things/{thingId}");
    require(spec.responses.is_some(), "responses", "add `responses:` with at least one `success` entry");

    let http_method = spec.method.as_ref().and_then(|m| {
        let method = HttpMethod::parse(&m.value);
        if method.is_none() {
            let names = HttpMethod::ALL.map(HttpMethod::as_str);
            let hint = match nearest(&m.value, names) {
                Some(near) => format!("did you mean `{near}`? (methods are upper case)"),
                None => format!("use one of {}", names.join(", ")),
            };
            report.error(file, at(m), format!("invalid HTTP method `{}`", m.value), &hint);
        }
        method
    });

    let auth = spec.auth.as_ref().is_none_or(|a| a.value);
    let scopes = spec.scopes.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    if auth && scopes.is_empty() {
        let position = spec.scopes.as_ref().map(at).unwrap_or(at(key));
        report.error(
            file,
            position,
            format!("action `{name}` has no scopes"),
            "list the scopes of which a token needs one under `scopes:`, or set `auth: false`",
        );
    } else if !auth && !scopes.is_empty() {
        let position = spec.scopes.as_ref().map(at).unwrap_or_default();
        report.error(file, position, "an action with `auth: false` has no scopes", "remove `scopes:` or `auth: false`");
    }
    // Both say who may call the action with a token: without one they say
    // nothing, and a spec that has them there is wrong about one of the two.
    let token_rule = |key: &str, value: &Option<Sp<bool>>, report: &mut Reporter<'_>| {
        let value = value.as_ref()?;
        if !auth && value.value {
            report.error(
                file,
                at(value),
                format!("`{key}` is about the token, and an action with `auth: false` takes none"),
                &format!("remove `{key}` or `auth: false`"),
            );
        }
        Some(value.value)
    };
    let deny_oauth_tokens = token_rule("deny_oauth_tokens", &spec.deny_oauth_tokens, report).unwrap_or(false);
    let allow_unverified = token_rule("allow_unverified", &spec.allow_unverified, report).unwrap_or(false);

    let mut params = Vec::new();
    let mut positions = Vec::new();
    let qualifiers = ParamTypes { handle: site.handle, builder: &builder, owner: site.owner };
    for param_spec in &spec.params {
        let Some(param) = lower_param(file, param_spec, Some(&qualifiers), table, types, report) else {
            continue;
        };
        positions.push(param_spec.name.as_ref().and_then(at));
        params.push(param);
    }
    check_param_names(file, &params, &positions, global_params, report);
    check_params_by_location(file, key, http_method, &spec.params, report);

    let path_parts = spec.path.as_ref().and_then(|path| lower_path(file, path, &spec.params, &params, report));

    let mut success = Vec::new();
    let mut errors = Vec::new();
    let mut success_type = SuccessType::Empty;
    if let Some(responses) = &spec.responses {
        if responses.value.success.is_empty() {
            report.error(
                file,
                at(responses),
                format!("action `{name}` has no success response"),
                "add a `success:` entry with `code` and `schema`",
            );
        }
        let mut documented: Vec<(u16, Option<Ty>)> = Vec::new();
        for r in &responses.value.success {
            if let Some(lowered) = lower_response(file, r, 200..=299, "success", table, report) {
                if documented.iter().any(|(code, _)| *code == lowered.code) {
                    report.error(file, at(&r.code), format!("status {} is documented twice", lowered.code), "");
                }
                let ty = r.schema.as_ref().and_then(|s| table.get(&s.value)).map(|e| Ty::Object(e.id));
                documented.push((lowered.code, ty));
                success.push(lowered);
            }
        }
        success_type = success_type_of(&pascal, documented);
        for r in &responses.value.errors {
            // Any schema but a bare enum (which `lower_response` refuses):
            // a status documented with a schema other than the API's error
            // schema decodes into both (see `emit::errors`).
            if let Some(lowered) = lower_response(file, r, 400..=599, "error", table, report) {
                if errors.iter().any(|e: &Response| e.code == lowered.code) {
                    report.error(file, at(&r.code), format!("status {} is documented twice", lowered.code), "");
                }
                errors.push(lowered);
            }
        }
    }

    let stream = lower_stream(file, key, spec, http_method, table, report);

    if report.diags.len() > errors_before {
        return None;
    }
    Some(Action {
        name: name.clone(),
        id: format!("{resource}.{name}"),
        method_name,
        builder,
        http_method: http_method?,
        path: spec.path.as_ref()?.value.clone(),
        path_parts: path_parts?,
        summary: spec.summary.as_ref()?.value.clone(),
        description: spec.description.clone(),
        auth,
        scopes,
        deny_oauth_tokens,
        allow_unverified,
        params,
        success_type,
        success,
        errors,
        pagination: None,
        stream,
    })
}

/// Checks `stream` and `event`: the only stream kind is `sse`, over GET; its
/// success responses carry no schema (the events do, under `event`).
fn lower_stream(
    file: &str,
    key: &Sp<String>,
    spec: &ActionSpec,
    method: Option<HttpMethod>,
    table: &SchemaTable,
    report: &mut Reporter<'_>,
) -> Option<EventStream> {
    let Some(kind) = &spec.stream else {
        if let Some(event) = &spec.event {
            report.error(
                file,
                at(event),
                "`event` describes the events of a stream, and the action has no `stream`",
                "add `stream: sse`, or remove `event`",
            );
        }
        return None;
    };
    if kind.value != "sse" {
        report.error(
            file,
            at(kind),
            format!("unknown stream kind `{}`", kind.value),
            "the only kind is `sse` (a `text/event-stream` of server-sent events)",
        );
        return None;
    }
    if method.is_some_and(|m| m != HttpMethod::Get) {
        let position = spec.method.as_ref().and_then(at);
        report.error(file, position, "a stream of server-sent events is read with GET", "use `method: GET`");
    }
    if let Some(pagination) = &spec.pagination {
        report.error(file, at(pagination), "a stream has no pages", "remove `pagination` or `stream`");
    }
    for response in spec.responses.iter().flat_map(|r| &r.value.success) {
        if let Some(schema) = &response.schema {
            report.error(
                file,
                at(schema),
                format!("action `{}` streams events: its success response has no body schema", key.value),
                "give the events' schema under `event: {schema: ...}` and remove this one",
            );
        }
    }
    let event = spec.event.as_ref().map(|e| &e.value);
    let ty = match event.and_then(|e| e.schema.as_ref()) {
        None => None,
        Some(schema) => match table.get(&schema.value) {
            Some(entry) if entry.is_enum => {
                report.error(file, at(schema), "an event's data cannot be a bare enum", "wrap it in an object schema");
                None
            }
            Some(entry) => Some(Ty::Object(entry.id)),
            None => {
                table.report_unknown(report, file, schema);
                None
            }
        },
    };
    Some(EventStream {
        event: event.and_then(|e| e.name.as_ref()).map(|n| n.value.clone()),
        ty,
        schema: event.and_then(|e| e.schema.as_ref()).map(|s| s.value.clone()),
        description: event.and_then(|e| e.description.clone()),
    })
}

/// Resolves the `pagination` blocks once schemas are lowered: the page
/// params must be optional integer query params of the action, and the
/// success schema must have the items (an array) and total (an integer).
pub(crate) fn resolve_pagination(
    files: &[(&SourceFile, ResourceFile)],
    resources: &mut [Resource],
    schemas: &Types,
    report: &mut Reporter<'_>,
) {
    // Indexed once: a scan per action would be quadratic in a large API.
    let by_name: BTreeMap<String, usize> = resources.iter().enumerate().map(|(i, r)| (r.name.clone(), i)).collect();
    for (source, spec) in files {
        let file = source.display_path.as_str();
        let Some(resource) = by_name.get(&spec.resource.value).and_then(|&i| resources.get_mut(i)) else { continue };
        for (key, action_spec) in &spec.actions.0 {
            let Some(pagination) = &action_spec.pagination else { continue };
            let Some(action) = resource.actions.iter_mut().find(|a| a.name == key.value) else { continue };
            action.pagination = resolve_one(file, action, &pagination.value, schemas, report);
        }
    }
}

fn resolve_one(
    file: &str,
    action: &Action,
    spec: &crate::spec::PaginationSpec,
    schemas: &Types,
    report: &mut Reporter<'_>,
) -> Option<Pagination> {
    let param = |name: &Sp<String>, report: &mut Reporter<'_>| {
        let found = action.params.iter().find(|p| p.wire_name == name.value);
        match found {
            Some(p) if p.location == ParamLocation::Query && p.ty == Ty::Integer && !p.required => Some(p),
            Some(_) => {
                report.error(file, at(name), format!("`{}` must be an optional integer query param", name.value), "");
                None
            }
            None => {
                report.error(
                    file,
                    at(name),
                    format!("action `{}` has no param `{}`", action.name, name.value),
                    "name one of the action's query params",
                );
                None
            }
        }
    };
    let page = param(&spec.page, report);
    let per_page = spec.per_page.as_ref().map(|p| param(p, report));
    let fields = match &action.success_type {
        SuccessType::Single(Ty::Object(id)) => schemas.get(*id).and_then(|s| match &s.kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        }),
        _ => None,
    };
    let Some(fields) = fields else {
        report.error(
            file,
            at(&spec.items),
            format!("action `{}` does not return one object schema, so it cannot page", action.name),
            "pagination needs a success schema with the items and their total",
        );
        return None;
    };
    let field = |name: &Sp<String>, report: &mut Reporter<'_>| {
        let found = fields.iter().find(|f| f.wire_name == name.value);
        if found.is_none() {
            report.error(file, at(name), format!("the success schema has no property `{}`", name.value), "");
        }
        found
    };
    let items = field(&spec.items, report);
    let item_ty = match items.map(|f| &f.ty) {
        Some(Ty::Array(item)) => Some((**item).clone()),
        Some(_) => {
            report.error(file, at(&spec.items), format!("`{}` must be an array", spec.items.value), "");
            None
        }
        None => None,
    };
    let total = spec.total.as_ref().map(|t| (t, field(t, report)));
    if let Some((t, Some(f))) = &total
        && f.ty != Ty::Integer
    {
        report.error(file, at(t), format!("`{}` must be an integer", t.value), "");
        return None;
    }
    let page = page?;
    let per_page =
        match per_page {
            Some(found) => Some(found.map(|p| PerPage {
                field: p.rust_name.clone(),
                default: p.default.as_ref().and_then(|d| d.as_i64()),
            })?),
            None => None,
        };
    let items = items?;
    let total = match total {
        Some((_, found)) => Some(found.map(|f| PageTotal { field: f.rust_name.clone(), optional: !f.required })?),
        None => None,
    };
    Some(Pagination {
        page: page.rust_name.clone(),
        per_page,
        items: PageItems { field: items.rust_name.clone(), optional: !items.required, ty: item_ty? },
        total,
    })
}

/// How the success responses decode: one type when they agree, else an
/// enum with a variant per documented status.
fn success_type_of(action: &str, documented: Vec<(u16, Option<Ty>)>) -> SuccessType {
    let mut distinct: Vec<&Option<Ty>> = Vec::new();
    for (_, ty) in &documented {
        if !distinct.contains(&ty) {
            distinct.push(ty);
        }
    }
    match distinct.as_slice() {
        [] | [None] => SuccessType::Empty,
        [Some(ty)] => SuccessType::Single(ty.clone()),
        // Whether a variant is boxed is known once every type is.
        _ => SuccessType::ByStatus(StatusEnum {
            name: format!("{action}Response"),
            variants: documented
                .into_iter()
                .map(|(code, ty)| StatusVariant { code, name: status_variant(code), ty, boxed: false })
                .collect(),
        }),
    }
}

fn status_variant(code: u16) -> String {
    match code {
        200 => "Ok".into(),
        201 => "Created".into(),
        202 => "Accepted".into(),
        203 => "NonAuthoritativeInformation".into(),
        204 => "NoContent".into(),
        205 => "ResetContent".into(),
        206 => "PartialContent".into(),
        other => format!("Status{other}"),
    }
}

/// What names and owns the types a param declares inline.
struct ParamTypes<'a> {
    handle: &'a str,
    builder: &'a str,
    owner: Owner,
}

/// Whether `null` can appear anywhere in a value of the type.
fn contains_nullable(ty: &Ty) -> bool {
    match ty {
        Ty::Nullable(_) => true,
        Ty::Array(inner) | Ty::Map(inner) => contains_nullable(inner),
        _ => false,
    }
}

fn lower_param(
    file: &str,
    spec: &FieldSpec,
    qualifiers: Option<&ParamTypes<'_>>,
    table: &SchemaTable,
    types: &mut Types,
    report: &mut Reporter<'_>,
) -> Option<Param> {
    let anchor = spec.name.as_ref().map(at).or(spec.location.as_ref().map(at)).flatten();
    let Some(name) = &spec.name else {
        report.error(file, anchor, "a param has no `name`", "add `name:` with the param's name on the wire");
        return None;
    };
    if let Some(secret) = &spec.secret {
        report.error(file, at(secret), "`secret` is only for schema properties", "");
    }
    let Some(location_spec) = &spec.location else {
        report.error(
            file,
            at(name),
            format!("param `{}` has no `in`", name.value),
            "add `in:` with path, query, header, body or multipart",
        );
        return None;
    };
    let location = match location_spec.value.as_str() {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => ParamLocation::Header,
        "body" => ParamLocation::Body,
        "multipart" => ParamLocation::Multipart,
        other => {
            report.error(
                file,
                at(location_spec),
                format!("unknown param location `{other}`"),
                "use path, query, header, body or multipart",
            );
            return None;
        }
    };
    let Some(rust_name) = names::param(&name.value) else {
        report.error(file, at(name), format!("cannot make a Rust name of param `{}`", name.value), "rename the param");
        return None;
    };
    // Named by the param (`SortField`), else qualified by the resource
    // (`DevicesSortField`), else by the resource and action
    // (`DevicesGetSortField`).
    let suffix = names::pascal(&name.value).unwrap_or_default();
    let (names, owner) = match qualifiers {
        Some(q) => (
            Ladder(vec![suffix.clone(), format!("{}{suffix}", q.handle), format!("{}{}{suffix}", q.handle, q.builder)]),
            q.owner,
        ),
        None => (Ladder(vec![suffix]), Owner::Resource(usize::MAX)),
    };
    let site = TypeSite { file, position: at(name), names, owner, what: "param" };
    let ty = lower_type(spec, &site, table, types, report)?;
    if let Some(nullable) = spec.nullable.as_ref().filter(|n| n.value) {
        report.error(
            file,
            at(nullable),
            format!("param `{}` cannot be `nullable`", name.value),
            "a `null` travels as a property of a body schema (`nullable: true` there); \
             leave an optional param unset to send nothing",
        );
        return None;
    }
    if location != ParamLocation::Body && contains_nullable(&ty) {
        report.error(
            file,
            at(name),
            format!("{} param `{}` cannot hold `null` values", location.as_str(), name.value),
            "only a JSON body can carry `null`; drop `nullable` from its items or values",
        );
        return None;
    }
    let required = spec.required.as_ref().is_some_and(|r| r.value);
    let scalar = matches!(ty, Ty::String | Ty::DateTime | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(_));
    let what = super::types::describe(&ty, types);
    let wrong = |report: &mut Reporter<'_>, hint: &str| {
        report.error(file, at(name), format!("{} param `{}` cannot be {what}", location.as_str(), name.value), hint);
    };
    if location == ParamLocation::Header && !is_header_name(&name.value) {
        report.error(
            file,
            at(name),
            format!("header param `{}` is not a valid HTTP header name", name.value),
            "a header name is letters, digits and !#$%&'*+-.^_`|~, without spaces or colons",
        );
    }
    match location {
        ParamLocation::Path if !required => {
            report.error(
                file,
                at(name),
                format!("path param `{}` must be `required: true`", name.value),
                "a path cannot leave a segment out",
            );
        }
        ParamLocation::Path | ParamLocation::Header if !scalar => {
            wrong(report, "use a string, number, boolean or enum");
        }
        ParamLocation::Query | ParamLocation::Body if ty == Ty::File => {
            wrong(report, "files travel as `in: multipart` params");
        }
        ParamLocation::Body if scalar => {
            wrong(report, "a body is an object, an array, a map or `any`");
        }
        _ => {}
    }
    let encoding = match &spec.encoding {
        None => QueryEncoding::Brackets,
        Some(e) if location != ParamLocation::Query || scalar => {
            report.error(file, at(e), "`encoding` is for structured query params", "remove it");
            QueryEncoding::Brackets
        }
        Some(e) if e.value == "json" => QueryEncoding::Json,
        Some(e) if e.value == "brackets" => QueryEncoding::Brackets,
        Some(e) => {
            report.error(file, at(e), format!("unknown encoding `{}`", e.value), "use `brackets` or `json`");
            QueryEncoding::Brackets
        }
    };
    let default = spec.default.as_ref().map(|d| d.value.clone());
    if let Some(d) = &spec.default {
        if let Err(problem) = default_fits(&ty, &d.value, types) {
            report.error(file, at(d), problem, "fix the default, or the type or allowed values");
        }
        if required {
            report.error(file, at(d), "a required param cannot have a default", "drop `default` or `required`");
        }
    }
    let send_default = spec.send_default.as_ref().is_some_and(|s| s.value);
    if let Some(s) = spec.send_default.as_ref().filter(|s| s.value && spec.default.is_none()) {
        report.error(file, at(s), "`send_default` needs a `default`", "");
    }
    let constraints = constraints(spec, &ty, types, file, report);
    check_example(spec, &ty, types, file, report);
    Some(Param {
        wire_name: name.value.clone(),
        rust_name,
        location,
        ty,
        required,
        default,
        send_default,
        encoding,
        description: spec.description.clone(),
        example: spec.example.as_ref().map(|e| e.value.clone()),
        constraints,
        deprecated: spec.deprecated.as_ref().is_some_and(|d| d.value),
    })
}

/// Two params may not share a wire name (case-insensitively for headers,
/// whose names are) nor a Rust name. (A param named like a member of the
/// request builder, such as `send`, was renamed by [`names::param`].)
fn check_param_names(
    file: &str,
    params: &[Param],
    positions: &[Option<Position>],
    global_params: &[Param],
    report: &mut Reporter<'_>,
) {
    let wire_key = |p: &Param| match p.location {
        ParamLocation::Header => p.wire_name.to_ascii_lowercase(),
        _ => p.wire_name.clone(),
    };
    let mut wire: BTreeMap<String, &str> = global_params.iter().map(|p| (wire_key(p), "a global param")).collect();
    let mut rust: BTreeMap<&str, &str> =
        global_params.iter().map(|p| (p.rust_name.as_str(), p.wire_name.as_str())).collect();
    for (p, position) in params.iter().zip(positions) {
        let position = *position;
        if let Some(other) = wire.insert(wire_key(p), "another param") {
            report.error(
                file,
                position,
                format!("param `{}` is declared twice (also as {other})", p.wire_name),
                "remove or rename one",
            );
        } else if let Some(other) = rust.insert(&p.rust_name, &p.wire_name) {
            report.error(
                file,
                position,
                format!("params `{other}` and `{}` both become the Rust name `{}`", p.wire_name, p.rust_name),
                "rename one of them",
            );
        }
    }
}

fn check_params_by_location(
    file: &str,
    key: &Sp<String>,
    method: Option<HttpMethod>,
    specs: &[FieldSpec],
    report: &mut Reporter<'_>,
) {
    let located = |place: &str| -> Vec<&FieldSpec> {
        specs.iter().filter(|s| s.location.as_ref().is_some_and(|l| l.value == place)).collect()
    };
    let position = |spec: &FieldSpec| spec.name.as_ref().map(at).unwrap_or(at(key));
    let (bodies, parts) = (located("body"), located("multipart"));
    if bodies.len() > 1 {
        report.error(
            file,
            position(bodies[1]),
            "an action has at most one body param",
            "merge the body params into one schema",
        );
    }
    if let (Some(_), Some(part)) = (bodies.first(), parts.first()) {
        report.error(file, position(part), "an action has a JSON body or multipart params, not both", "");
    }
    if let (Some(method @ (HttpMethod::Get | HttpMethod::Head)), Some(body)) =
        (method, bodies.first().or(parts.first()))
    {
        report.error(
            file,
            position(body),
            format!("a {method} action cannot have a body param"),
            "send the value in the query, or change the method",
        );
    }
}

/// Splits a path template and checks it against the path params both ways.
fn lower_path(
    file: &str,
    path: &Sp<String>,
    specs: &[FieldSpec],
    params: &[Param],
    report: &mut Reporter<'_>,
) -> Option<Vec<PathPart>> {
    let template = &path.value;
    if !template.starts_with('/') {
        report.error(file, at(path), "a path starts with `/`", "");
        return None;
    }
    let mut parts = Vec::new();
    let mut rest = template.as_str();
    let mut placeholders = Vec::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            report.error(file, at(path), "a `{` in the path is never closed", "write placeholders as {paramName}");
            return None;
        };
        if rest[..open].contains('}') {
            report.error(file, at(path), "a `}` in the path has no `{`", "");
            return None;
        }
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        placeholders.push(name.to_owned());
        // Resolved to the param's index below, once every placeholder is
        // checked; a placeholder without a path param fails the path.
        let index = params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == name);
        parts.push(PathPart::Param(index.unwrap_or(usize::MAX)));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        report.error(file, at(path), "a `}` in the path has no `{`", "");
        return None;
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    let mut ok = check_path_text(file, path, &parts, report);
    let path_params: Vec<&Param> = params.iter().filter(|p| p.location == ParamLocation::Path).collect();
    for name in &placeholders {
        if !path_params.iter().any(|p| &p.wire_name == name) {
            let declared_elsewhere = params.iter().any(|p| &p.wire_name == name);
            let hint = if declared_elsewhere {
                format!("`{name}` is declared, but not `in: path`")
            } else {
                format!("declare a param `{name}` with `in: path` and `required: true`")
            };
            report.error(file, at(path), format!("the path placeholder `{{{name}}}` has no path param"), &hint);
            ok = false;
        }
        if placeholders.iter().filter(|p| *p == name).count() > 1 {
            report.error(file, at(path), format!("the placeholder `{{{name}}}` appears twice"), "");
            ok = false;
        }
    }
    for param in path_params {
        if !placeholders.contains(&param.wire_name) {
            let position = position_of(specs, &param.wire_name);
            report.error(
                file,
                position,
                format!("path param `{}` does not appear in the path `{template}`", param.wire_name),
                &format!("add `{{{}}}` to the path, or move the param to the query", param.wire_name),
            );
            ok = false;
        }
    }
    ok.then_some(parts)
}

/// The literal text of a path is sent as it is, so it must be text a URL
/// path keeps: a `?` or `#` would start the query or fragment (and the
/// params after it would be lost), a `.` or `..` segment is resolved away
/// by the URL, and other characters are not path characters at all.
fn check_path_text(file: &str, path: &Sp<String>, parts: &[PathPart], report: &mut Reporter<'_>) -> bool {
    let literal: String = parts
        .iter()
        .map(|p| match p {
            PathPart::Literal(text) => text.as_str(),
            PathPart::Param(_) => "{}",
        })
        .collect();
    let mut ok = true;
    if let Some(segment) = literal.split('/').find(|s| *s == "." || *s == "..") {
        report.error(
            file,
            at(path),
            format!("the path `{}` has a `{segment}` segment, which the URL resolves away", path.value),
            "write the path without it",
        );
        ok = false;
    }
    let bad = parts.iter().find_map(|p| match p {
        PathPart::Literal(text) => {
            text.char_indices().find(|&(i, c)| !is_path_char(c) || (c == '%' && !is_escape(&text[i..])))
        }
        PathPart::Param(_) => None,
    });
    if let Some((_, c)) = bad {
        let (what, hint) = match c {
            '?' => ("starts the query", "query params are params with `in: query`; remove the `?` and what follows"),
            '#' => ("starts the fragment, which is never sent", "remove the `#` and what follows"),
            '%' => ("is not followed by two hex digits", "write a percent-escape as %XX"),
            _ => (
                "is not a URL path character",
                "a path has letters, digits, `/` and -._~!$&'()*+,;=:@ (or %XX escapes)",
            ),
        };
        report.error(file, at(path), format!("the path `{}` has {}, which {what}", path.value, shown(c)), hint);
        ok = false;
    }
    ok
}

/// A character as a message shows it: visible ones in backticks, others
/// by code point.
fn shown(c: char) -> String {
    if c.is_ascii_graphic() { format!("`{c}`") } else { format!("U+{:04X}", c as u32) }
}

/// RFC 3986 `pchar` and `/`: what a literal path may hold.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c)
}

fn is_escape(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 3 && b[1].is_ascii_hexdigit() && b[2].is_ascii_hexdigit()
}

/// RFC 9110 `token`: what an HTTP header name may be.
pub(crate) fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn lower_response(
    file: &str,
    spec: &ResponseSpec,
    allowed: std::ops::RangeInclusive<i64>,
    kind: &str,
    table: &SchemaTable,
    report: &mut Reporter<'_>,
) -> Option<Response> {
    let code = spec.code.value;
    if !(100..=599).contains(&code) {
        report.error(
            file,
            at(&spec.code),
            format!("`{code}` is not an HTTP status code"),
            "status codes run from 100 to 599",
        );
        return None;
    }
    if !allowed.contains(&code) {
        report.error(
            file,
            at(&spec.code),
            format!("status {code} is not {} {kind} status", if kind.starts_with('e') { "an" } else { "a" }),
            &format!("{kind} responses use {}..={}", allowed.start(), allowed.end()),
        );
        return None;
    }
    if let Some(schema) = &spec.schema {
        match table.get(&schema.value) {
            Some(entry) if entry.is_enum => {
                report.error(
                    file,
                    at(schema),
                    "a response body cannot be a bare enum",
                    "wrap the value in an object schema",
                );
                return None;
            }
            Some(_) => {}
            None => {
                table.report_unknown(report, file, schema);
                return None;
            }
        }
    }
    Some(Response {
        code: code as u16,
        schema: spec.schema.as_ref().map(|s| s.value.clone()),
        description: spec.description.clone(),
    })
}
