//! `apiInfo.json` to resource files: actions, params, responses and scopes.

use std::collections::BTreeMap;

use serde_json::Value;

use super::convert::{enum_values, shown};
use super::docs::DocScopes;
use super::model::{Action, EventStream, Field, Resource, Response};
use super::report::{Losses, pointer_segment};
use super::source::{ApiInfo, SourceAction, SourceParam, SourceResource};

/// Converts every resource, sorted by name, its actions sorted by name.
pub(crate) fn convert(api_info: &ApiInfo, doc_scopes: &DocScopes, losses: &mut Losses) -> Vec<Resource> {
    api_info.iter().map(|(name, resource)| convert_resource(name, resource, doc_scopes, losses)).collect()
}

fn convert_resource(name: &str, resource: &SourceResource, doc_scopes: &DocScopes, losses: &mut Losses) -> Resource {
    let at = format!("apiInfo.json#/{}", pointer_segment(name));
    if let Some(links) = &resource.links {
        let names: Vec<&String> = links.as_object().map(|l| l.keys().collect()).unwrap_or_default();
        let detail = names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ");
        losses.add(
            "ignored: resource `links` (the JS client's navigation between resources; no request or response has them)",
            &format!("{at}/links"),
            detail,
        );
    }
    report_extra(&resource.extra, &at, "unknown resource key", losses);
    let actions = resource
        .actions
        .iter()
        .map(|(action_name, action)| {
            let action_at = format!("{at}/actions/{}", pointer_segment(action_name));
            let documented = doc_scopes.get(&(name.to_owned(), action_name.clone()));
            convert_action(action_name, action, resource, documented, &at, &action_at, losses)
        })
        .collect();
    Resource { name: name.to_owned(), description: None, actions }
}

fn convert_action(
    name: &str,
    action: &SourceAction,
    resource: &SourceResource,
    documented: Option<&Vec<String>>,
    resource_at: &str,
    at: &str,
    losses: &mut Losses,
) -> Action {
    let path = format!("{}{}", resource.path, action.path.as_deref().unwrap_or(""));
    // A token with any of the resource's scopes or the action's may call it;
    // the docs add the broad scopes (`all.Application`, `only.User`) that
    // allow it too. A scope of the route table the docs lack is kept, and
    // reported.
    let mut scopes: Vec<String> = resource.auth.iter().flatten().chain(action.auth.iter().flatten()).cloned().collect();
    let auth = resource.auth.is_some() || action.auth.is_some();
    if let Some(documented) = documented.filter(|_| auth) {
        for scope in scopes.iter().filter(|s| !documented.contains(s)) {
            losses.add("scope of the route table that the docs do not list (kept)", &format!("{at}/auth"), scope);
        }
        scopes.extend(documented.iter().cloned());
    } else if auth {
        losses.add("action with a token whose docs list no scopes (route table's scopes kept)", at, name);
    } else if documented.is_some() {
        losses.add("scopes in the docs of an action without a token (ignored)", at, name);
    }
    scopes.sort();
    scopes.dedup();
    // Written as `deny_oauth_tokens` and `allow_unverified`; the format
    // refuses them on an action without a token, where they say nothing of
    // a call the client makes (it sends no token).
    let deny_oauth_tokens = action.deny_oauth_tokens == Some(true) && auth;
    let allow_unverified = action.allow_unverified == Some(true) && auth;
    for (key, value) in [("denyOauthTokens", action.deny_oauth_tokens), ("allowUnverified", action.allow_unverified)] {
        if value == Some(true) && !auth {
            let kind = format!(
                "ignored: `{key}` on an action that takes no token (the client sends none, so no user is checked)"
            );
            losses.add(kind, &format!("{at}/{key}"), "true");
        }
    }
    report_extra(&action.extra, at, "unknown action key", losses);

    let mut params = Vec::new();
    for (i, param) in resource.params.iter().enumerate() {
        params.push(convert_param(param, &format!("{resource_at}/params/{i}"), losses));
    }
    for (i, param) in action.params.iter().enumerate() {
        params.push(convert_param(param, &format!("{at}/params/{i}"), losses));
    }

    let mut responses: Vec<(u16, &str)> = Vec::new();
    for code in action.responses.keys() {
        match code.parse::<u16>() {
            Ok(n) => responses.push((n, code)),
            Err(_) => losses.add("response status that is not a number", &format!("{at}/responses"), code),
        }
    }
    responses.sort();
    let (mut success, mut errors) = (Vec::new(), Vec::new());
    let mut stream = None;
    for (code, key) in responses {
        let response = &action.responses[key];
        let response_at = format!("{at}/responses/{key}");
        report_extra(&response.extra, &response_at, "unknown response key", losses);
        let schema_ref = response.schema.as_ref();
        if let Some(r) = schema_ref {
            report_extra(&r.extra, &format!("{response_at}/schema"), "unknown key beside `$ref`", losses);
        }
        // The events of a stream (`stream: sse` and `event`): the spec
        // describes one kind of event per action.
        for (i, (event, value)) in response.sse_events.iter().flatten().enumerate() {
            let event_at = format!("{response_at}/sseEvents/{}", pointer_segment(event));
            let schema = value.pointer("/schema/$ref").and_then(Value::as_str).map(super::source::definition_name);
            if i > 0 || action.sse_stream != Some(true) || !(200..=299).contains(&code) {
                losses.add(
                    "server-sent event beyond the first of a stream, or of no stream (dropped)",
                    &event_at,
                    event,
                );
                continue;
            }
            stream = Some(EventStream {
                name: Some(event.clone()),
                schema: schema.map(str::to_owned),
                description: value.get("description").and_then(Value::as_str).map(str::to_owned),
            });
        }
        let out = Response {
            code,
            schema: schema_ref.map(|r| r.name().to_owned()),
            description: response.description.clone(),
        };
        match code {
            200..=299 => success.push(out),
            // An error response keeps its schema: a status documented with
            // one other than the error schema decodes into both.
            400..=599 => errors.push(out),
            _ => losses.add("response that is neither success nor error (dropped)", &response_at, code.to_string()),
        }
    }

    Action {
        name: name.to_owned(),
        summary: action.summary.clone(),
        description: action.description.clone(),
        method: action.method.clone(),
        path,
        auth,
        scopes,
        deny_oauth_tokens,
        allow_unverified,
        params,
        stream: stream.or_else(|| {
            // A stream whose events are not documented: text events.
            (action.sse_stream == Some(true)).then_some(EventStream { name: None, schema: None, description: None })
        }),
        success,
        errors,
    }
}

fn report_extra(extra: &BTreeMap<String, Value>, at: &str, kind: &str, losses: &mut Losses) {
    for (key, value) in extra {
        losses.add(kind, &format!("{at}/{}", pointer_segment(key)), shown(value));
    }
}

/// A value as the string a query, header or path carries.
fn as_wire_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The type of a param the data documents as a string but whose default
/// and example say otherwise (`page`, `perPage`: `"type": "string"`,
/// `"default": 0`): `integer` when every one given is a whole number,
/// `number` when they are numbers, `boolean` when they are booleans, with
/// any allowed values texts of that type (`resolution`: `"86400000"`). The
/// query text is the same either way; the Rust type says what the server
/// reads. A param with a string default or example, or with a string's
/// limits (`pattern`, lengths), stays a string.
fn scalar_type(param: &SourceParam) -> Option<&'static str> {
    let evidence: Vec<&Value> = [&param.default, &param.example].into_iter().flatten().collect();
    if evidence.is_empty() || evidence.iter().any(|v| v.is_string()) {
        return None;
    }
    if param.pattern.is_some() || param.min_length.is_some() || param.max_length.is_some() {
        return None;
    }
    let ty = if evidence.iter().all(|v| v.is_boolean()) {
        "boolean"
    } else if evidence.iter().all(|v| v.is_i64()) {
        "integer"
    } else if evidence.iter().all(|v| v.is_number()) {
        "number"
    } else {
        return None;
    };
    let fits = |v: &Value| match ty {
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64(),
        _ => v.is_number(),
    };
    let values_fit =
        param.values.iter().flatten().all(|v| {
            fits(v) || v.as_str().and_then(|t| serde_json::from_str::<Value>(t).ok()).is_some_and(|v| fits(&v))
        });
    values_fit.then_some(ty)
}

fn convert_param(param: &SourceParam, at: &str, losses: &mut Losses) -> Field {
    report_extra(&param.extra, at, "unknown param key", losses);
    let mut field = Field {
        name: Some(param.name.clone()),
        location: Some(param.location.clone()),
        required: param.required == Some(true) || param.location == "path",
        description: param.description.clone(),
        ..Field::default()
    };
    field.deprecated = param.deprecated == Some(true);
    let ty = match (&param.schema, param.ty.as_deref()) {
        (Some(schema), ty) => {
            report_extra(&schema.extra, &format!("{at}/schema"), "unknown key beside `$ref`", losses);
            field.reference = Some(schema.name().to_owned());
            if ty.is_some_and(|t| t != "object") {
                losses.add("param `type` beside `schema` (dropped)", &format!("{at}/type"), ty.unwrap_or_default());
            }
            None
        }
        (None, Some("string")) => Some(scalar_type(param).unwrap_or("string").to_owned()),
        (None, Some(ty)) => Some(ty.to_owned()),
        (None, None) => {
            // A query, header or path value is text whatever its type, so
            // a type read from the example, the values or the pattern
            // changes no request; without any of them it is a guess.
            let (inferred, evidence) = match &param.example {
                _ if param.values.is_some() || param.pattern.is_some() => ("string", true),
                Some(Value::String(_)) => ("string", true),
                Some(Value::Bool(_)) => ("boolean", true),
                _ => ("string", false),
            };
            let kind = if evidence {
                format!(
                    "upstream defect: param without `type` (read as {inferred}, as its example, values or pattern say)"
                )
            } else {
                format!("param without `type` (written as {inferred})")
            };
            losses.add(kind, at, &param.name);
            Some(inferred.to_owned())
        }
    };
    let (mut default, mut example) = (param.default.clone(), param.example.clone());
    match ty.as_deref() {
        Some("string") => {
            for (key, value) in [("default", &mut default), ("example", &mut example)] {
                if let Some(v) = value.as_ref().filter(|v| !v.is_string()) {
                    match as_wire_string(v) {
                        Some(text) => {
                            // The same text on the wire.
                            losses.add(
                                format!(
                                    "upstream defect: non-string {key} of a string param (written as the text it sends)"
                                ),
                                &format!("{at}/{key}"),
                                shown(v),
                            );
                            *value = Some(Value::String(text));
                        }
                        None => {
                            losses.add(
                                format!("non-string {key} of a string param (dropped)"),
                                &format!("{at}/{key}"),
                                shown(v),
                            );
                            *value = None;
                        }
                    }
                }
            }
            field.ty = Some("string".into());
        }
        Some("array") => {
            let strings = example.as_ref().and_then(Value::as_array).is_some_and(|a| a.iter().all(Value::is_string));
            let item = if strings { "string" } else { "any" };
            let kind = if strings {
                "upstream defect: array param without `items` (items read as strings, as its example's are)".to_owned()
            } else {
                format!("array param without `items` (items written as {item})")
            };
            losses.add(kind, at, &param.name);
            field.ty = Some("array".into());
            field.items = Some(Box::new(Field::of_type(item)));
        }
        Some("object") => {
            losses.add("object param without a schema (written as a map)", at, &param.name);
            field.ty = Some("map".into());
            field.map_values = Some(Box::new(Field::of_type("any")));
        }
        Some(other) => field.ty = Some(other.to_owned()),
        None => {}
    }
    if let Some(values) = &param.values {
        match field.ty.as_deref() {
            Some(ty @ ("string" | "integer" | "number" | "boolean")) => {
                // A string param read as a number has its values as numbers.
                let values: Vec<Value> = if param.ty.as_deref() == Some(ty) {
                    values.clone()
                } else {
                    values
                        .iter()
                        .map(|v| v.as_str().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(v.clone()))
                        .collect()
                };
                field.values = enum_values(&Value::Array(values), ty, at, losses);
            }
            _ => losses.add("enum of a param that is not a scalar (dropped)", &format!("{at}/enum"), &param.name),
        }
    }
    field.pattern = param.pattern.clone();
    field.min_length = param.min_length;
    field.max_length = param.max_length;
    field.default = default;
    field.example = example;
    field
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(json: Value) -> SourceParam {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn string_params_with_numeric_or_boolean_defaults_take_their_type() {
        let typed = |json: Value| scalar_type(&param(json));
        let base = serde_json::json!({"name": "p", "in": "query", "type": "string"});
        let with = |extra: Value| {
            let mut p = base.clone();
            p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            p
        };
        assert_eq!(typed(with(serde_json::json!({"default": 100, "example": 10}))), Some("integer"));
        assert_eq!(typed(with(serde_json::json!({"example": 1.5}))), Some("number"));
        assert_eq!(typed(with(serde_json::json!({"default": false}))), Some("boolean"));
        assert_eq!(typed(with(serde_json::json!({"default": 1, "example": "1"}))), None);
        assert_eq!(typed(with(serde_json::json!({"default": 1, "example": true}))), None);
        assert_eq!(typed(with(serde_json::json!({"default": 1, "pattern": "^\\d+$"}))), None);
        assert_eq!(typed(with(serde_json::json!({"default": 60000, "enum": ["60000", "3600000"]}))), Some("integer"));
        assert_eq!(typed(with(serde_json::json!({"default": 60000, "enum": ["60000", "hour"]}))), None);
        assert_eq!(typed(base.clone()), None);

        let mut losses = Losses::default();
        let field = convert_param(
            &param(with(serde_json::json!({"default": 60000, "enum": ["60000", "3600000"]}))),
            "x#",
            &mut losses,
        );
        assert_eq!(field.ty.as_deref(), Some("integer"));
        assert_eq!(field.values, Some(vec![serde_json::json!(60000), serde_json::json!(3600000)]));
        assert_eq!(field.default, Some(serde_json::json!(60000)));
        assert_eq!(losses.len(), 0);
    }
}
