//! The spec as an OpenAPI 3.1 document, so it can be brought to Swagger UI,
//! schemathesis or another generator (progenitor, for the benchmark).
//!
//! Everything the spec says has a place: actions become operations (id
//! `resource_action`, tagged with the resource), params keep their
//! defaults, allowed values and patterns, bearer auth is a security scheme,
//! the scopes an action accepts go in the `x-scopes` extension (and its
//! token rules in `x-deny-oauth-tokens` and `x-allow-unverified`), schemas
//! become JSON Schema (2020-12, OpenAPI 3.1's dialect). Query params
//! flattened into bracket keys are `deepObject` style; JSON-encoded ones use
//! `content`.

use serde_json::{Map, Value, json};

use crate::ir::{
    Action, Api, Constraints, EnumDef, OneOfDef, Param, ParamLocation, QueryEncoding, SuccessType, Ty, TypeKind,
};

/// The document.
pub(crate) fn document(api: &Api) -> Value {
    let mut paths = Map::new();
    for resource in &api.resources {
        for action in &resource.actions {
            let path = paths.entry(action.path.clone()).or_insert_with(|| json!({}));
            path[action.http_method.as_str().to_lowercase()] = operation(api, resource, action);
        }
    }
    let mut schemas = Map::new();
    for schema in &api.schemas {
        let ty = api.types.get(schema.id);
        let mut value = match &ty.kind {
            TypeKind::Struct(fields) => {
                let mut properties = Map::new();
                let mut required = Vec::new();
                let mut other_keys = None;
                for f in fields {
                    if let (true, Ty::Map(values)) = (f.flatten, &f.ty) {
                        other_keys = Some((type_schema(api, values), f.constraints.key_pattern.clone()));
                        continue;
                    }
                    let mut property = type_schema(api, &f.ty);
                    constraints(&mut property, &f.constraints);
                    if let Some(d) = &f.description {
                        property["description"] = json!(d);
                    }
                    if *f.ty.non_null() == Ty::Secret {
                        property["x-secret"] = json!(true);
                    }
                    properties.insert(f.wire_name.clone(), property);
                    if f.required {
                        required.push(json!(f.wire_name));
                    }
                }
                let mut object = json!({"type": "object", "properties": properties});
                // The other keys: `additionalProperties` (which, unlike
                // `patternProperties`, leaves the named properties alone),
                // their documented pattern as an extension.
                if let Some((values, pattern)) = other_keys {
                    object["additionalProperties"] = values;
                    if let Some(pattern) = pattern {
                        object["x-key-pattern"] = json!(pattern);
                    }
                }
                if !required.is_empty() {
                    object["required"] = Value::Array(required);
                }
                if schema.closed {
                    object["additionalProperties"] = json!(false);
                }
                object
            }
            TypeKind::Enum(def) => enum_schema(def),
            TypeKind::Alias(ty) => type_schema(api, ty),
            TypeKind::OneOf(def) => one_of_schema(api, def),
        };
        if let Some(p) = &schema.key_pattern {
            value["propertyNames"] = json!({"pattern": p});
        }
        if let Some(d) = &ty.description {
            value["description"] = json!(d);
        }
        if let Some(example) = &schema.example {
            value["examples"] = json!([example]);
        }
        schemas.insert(schema.name.clone(), value);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": api.name,
            "version": api.version,
            "description": api.description.clone().unwrap_or_default(),
        },
        "servers": [{"url": api.base_url}],
        "security": [{"bearerAuth": []}],
        "tags": api.resources.iter().map(|r| json!({
            "name": r.name,
            "description": r.description.clone().unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
    })
}

fn operation(api: &Api, resource: &crate::ir::Resource, action: &Action) -> Value {
    let mut op = json!({
        "operationId": format!("{}_{}", resource.name, action.name),
        "tags": [resource.name],
        "summary": action.summary,
        "x-scopes": action.scopes,
    });
    if let Some(d) = &action.description {
        op["description"] = json!(d);
    }
    if action.deny_oauth_tokens {
        op["x-deny-oauth-tokens"] = json!(true);
    }
    if action.allow_unverified {
        op["x-allow-unverified"] = json!(true);
    }
    if !action.auth {
        op["security"] = json!([]);
    }
    let params: Vec<Value> = action
        .params
        .iter()
        .chain(&api.global_params)
        .filter(|p| matches!(p.location, ParamLocation::Path | ParamLocation::Query | ParamLocation::Header))
        .map(|p| parameter(api, p))
        .collect();
    if !params.is_empty() {
        op["parameters"] = Value::Array(params);
    }
    if let Some(body) = action.params.iter().find(|p| p.location == ParamLocation::Body) {
        let mut schema = type_schema(api, &body.ty);
        if let Some(d) = &body.description {
            schema["description"] = json!(d);
        }
        op["requestBody"] = json!({"required": body.required, "content": {"application/json": {"schema": schema}}});
    }
    let parts: Vec<&Param> = action.params.iter().filter(|p| p.location == ParamLocation::Multipart).collect();
    if !parts.is_empty() {
        let mut properties = Map::new();
        let mut encoding = Map::new();
        for p in &parts {
            properties.insert(p.wire_name.clone(), type_schema(api, &p.ty));
            if matches!(p.ty, Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::Any) {
                encoding.insert(p.wire_name.clone(), json!({"contentType": "application/json"}));
            }
        }
        let required: Vec<&str> = parts.iter().filter(|p| p.required).map(|p| p.wire_name.as_str()).collect();
        op["requestBody"] = json!({
            "required": !required.is_empty(),
            "content": {"multipart/form-data": {
                "schema": {"type": "object", "properties": properties, "required": required},
                "encoding": encoding,
            }},
        });
    }
    let mut responses = Map::new();
    for r in &action.success {
        let schema = match &action.success_type {
            SuccessType::Empty => None,
            SuccessType::Single(ty) => Some(type_schema(api, ty)),
            SuccessType::ByStatus(responses) => responses
                .variants
                .iter()
                .find(|v| v.code == r.code)
                .and_then(|v| v.ty.as_ref())
                .map(|ty| type_schema(api, ty)),
        };
        let mut response = json!({"description": r.description.clone().unwrap_or_else(|| "Success".into())});
        if let Some(schema) = schema {
            response["content"] = json!({"application/json": {"schema": schema}});
        }
        responses.insert(r.code.to_string(), response);
    }
    for r in &action.errors {
        let mut response = json!({"description": r.description.clone().unwrap_or_else(|| "Error".into())});
        if let Some(name) = &r.schema {
            response["content"] =
                json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}});
        }
        responses.insert(r.code.to_string(), response);
    }
    op["responses"] = Value::Object(responses);
    op
}

fn parameter(api: &Api, p: &Param) -> Value {
    let mut schema = type_schema(api, &p.ty);
    constraints(&mut schema, &p.constraints);
    if let Some(d) = &p.default {
        schema["default"] = d.clone();
    }
    let mut param = json!({
        "name": p.wire_name,
        "in": p.location.as_str(),
        "required": p.required || p.location == ParamLocation::Path,
    });
    if let Some(d) = &p.description {
        param["description"] = json!(d);
    }
    if let Some(e) = &p.example {
        param["example"] = e.clone();
    }
    let structured = matches!(p.ty, Ty::Array(_) | Ty::Map(_) | Ty::Object(_) | Ty::Any);
    match (structured && p.location == ParamLocation::Query, p.encoding) {
        (true, QueryEncoding::Json) => param["content"] = json!({"application/json": {"schema": schema}}),
        (true, QueryEncoding::Brackets) => {
            param["schema"] = schema;
            param["style"] = json!("deepObject");
            param["explode"] = json!(true);
        }
        _ => param["schema"] = schema,
    }
    param
}

/// JSON Schema for a type: references to components for named schemas,
/// inline definitions for enums and one-ofs declared on params or
/// properties.
fn type_schema(api: &Api, ty: &Ty) -> Value {
    match ty {
        Ty::String => json!({"type": "string"}),
        Ty::Secret => json!({"type": "string"}),
        // The format comes with the constraints, as for any string.
        Ty::DateTime => json!({"type": "string"}),
        Ty::Integer => json!({"type": "integer"}),
        Ty::Number => json!({"type": "number"}),
        Ty::Boolean => json!({"type": "boolean"}),
        Ty::Any => json!({}),
        Ty::File => json!({"type": "string", "contentMediaType": "application/octet-stream"}),
        Ty::Array(item) => json!({"type": "array", "items": type_schema(api, item)}),
        Ty::Map(value) => json!({"type": "object", "additionalProperties": type_schema(api, value)}),
        Ty::Nullable(inner) => {
            let inner = type_schema(api, inner);
            match inner.get("type").and_then(Value::as_str) {
                Some(t) => {
                    let mut schema = inner.clone();
                    schema["type"] = json!([t, "null"]);
                    schema
                }
                None if inner.as_object().is_some_and(|o| o.is_empty()) => inner,
                None => json!({"anyOf": [inner, {"type": "null"}]}),
            }
        }
        Ty::Enum(id) | Ty::Object(id) => named(api, *id),
    }
}

/// A named type: a reference to its component when it is a schema, its
/// definition inline when it is spelled out on properties or params.
fn named(api: &Api, id: crate::ir::TypeId) -> Value {
    let ty = api.types.get(id);
    if let Some(schema) = ty.schema.and_then(|s| api.schemas.get(s)) {
        return json!({"$ref": format!("#/components/schemas/{}", schema.name)});
    }
    match &ty.kind {
        TypeKind::Enum(def) => enum_schema(def),
        TypeKind::OneOf(def) => one_of_schema(api, def),
        _ => json!({}),
    }
}

fn enum_schema(def: &EnumDef) -> Value {
    json!({"type": def.kind.as_str(), "enum": def.json_values()})
}

/// `anyOf`, not `oneOf`: a value may fit several alternatives (two open
/// objects, a string of any pattern), and the client then takes the
/// strictest fit; `oneOf` would call such a value invalid.
fn one_of_schema(api: &Api, def: &OneOfDef) -> Value {
    let alternatives: Vec<Value> = def.variants.iter().map(|v| type_schema(api, &v.ty)).collect();
    json!({"anyOf": alternatives})
}

fn constraints(schema: &mut Value, c: &Constraints) {
    if !schema.is_object() || schema.get("$ref").is_some() {
        return;
    }
    if let Some(p) = &c.pattern {
        schema["pattern"] = json!(p);
    }
    if let Some(p) = &c.key_pattern {
        schema["propertyNames"] = json!({"pattern": p});
    }
    if let Some(f) = &c.format {
        schema["format"] = json!(f);
    }
    if let Some(v) = c.min_length {
        schema["minLength"] = json!(v);
    }
    if let Some(v) = c.max_length {
        schema["maxLength"] = json!(v);
    }
    if let Some(v) = c.max_items {
        schema["maxItems"] = json!(v);
    }
    if c.unique_items {
        schema["uniqueItems"] = json!(true);
    }
    if let Some(v) = c.min_items {
        schema["minItems"] = json!(v);
    }
    if let Some(v) = c.minimum {
        schema["minimum"] = json!(v);
    }
    if let Some(v) = c.maximum {
        schema["maximum"] = json!(v);
    }
    if let Some(v) = c.min_properties {
        schema["minProperties"] = json!(v);
    }
    if let Some(v) = c.max_properties {
        schema["maxProperties"] = json!(v);
    }
}

/// The same document for tools that read only OpenAPI 3.0 (progenitor,
/// among others): the version, schema examples as `example`, file parts as
/// `format: binary`, `nullable: true` for a type that may be `null`, no
/// empty `required` lists, and a map's key pattern as the extension
/// `x-propertyNames` (3.0 has no `propertyNames`).
pub(crate) fn downgrade_to_3_0(mut document: Value) -> Value {
    document["openapi"] = json!("3.0.3");
    downgrade(&mut document);
    document
}

fn downgrade(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(examples)) = map.remove("examples")
                && let Some(first) = examples.into_iter().next()
            {
                map.insert("example".into(), first);
            }
            if map.remove("contentMediaType").is_some() {
                map.insert("format".into(), json!("binary"));
            }
            if map.get("required").and_then(Value::as_array).is_some_and(Vec::is_empty) {
                map.remove("required");
            }
            if let Some(names) = map.remove("propertyNames") {
                map.insert("x-propertyNames".into(), names);
            }
            // 3.1's `type: [t, "null"]` and `anyOf: [x, {type: null}]` are
            // 3.0's `nullable: true`.
            if let Some(Value::Array(types)) = map.get("type")
                && let [t, null] = types.as_slice()
                && null == "null"
            {
                let t = t.clone();
                map.insert("type".into(), t);
                map.insert("nullable".into(), json!(true));
            }
            if let Some(Value::Array(alternatives)) = map.get("anyOf")
                && let [inner, null] = alternatives.as_slice()
                && *null == json!({"type": "null"})
            {
                let inner = inner.clone();
                map.remove("anyOf");
                map.insert("allOf".into(), json!([inner]));
                map.insert("nullable".into(), json!(true));
            }
            map.values_mut().for_each(downgrade);
        }
        Value::Array(items) => items.iter_mut().for_each(downgrade),
        _ => {}
    }
}
