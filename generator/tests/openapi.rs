//! The OpenAPI 3.1 export: a valid document (checked against the official
//! OpenAPI 3.1 JSON Schema, copied into tests/fixtures), in which every
//! action, param, schema and property of the spec appears, and whose
//! schemas accept the spec's documented examples.

use std::path::Path;

use restspec_codegen::{FileKind, SpecSources};
use serde_json::Value;

const OAS_ID: &str = "https://spec.openapis.org/oas/3.1/schema/2021-04-15";

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi-3.1").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn spec(dir: &str) -> SpecSources {
    SpecSources::read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), "spec").expect("the spec reads")
}

/// The document as the schema checker can read it. Patterns are
/// ECMAScript's (the API's engine): look-around and the like are well
/// formed there, but Rust's engines, the checker's among them, do not
/// support them and call the pattern invalid. Such a pattern is replaced by
/// one that matches anything; every other pattern is checked as it is (the
/// generator has already refused the malformed ones, see
/// `validate::types::pattern_problem`).
fn readable(mut document: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map.iter_mut() {
                    let unsupported =
                        |p: &str| regex_lite::Regex::new(p).is_err_and(|e| e.to_string().contains("not supported"));
                    if key == "pattern" && inner.as_str().is_some_and(unsupported) {
                        *inner = Value::String(String::new());
                    } else {
                        walk(inner);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut document);
    document
}

/// Validates `document` against the OpenAPI 3.1 schema.
fn check_document(document: &Value) {
    let document = &readable(document.clone());
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(OAS_ID, fixture("schema.json")).unwrap();
    let index = compiler.compile(OAS_ID, &mut schemas).unwrap();
    if let Err(error) = schemas.validate(document, index) {
        panic!("not a valid OpenAPI 3.1 document: {error:#}");
    }
}

/// Every component schema is a valid JSON Schema, and the schema's
/// documented example (kept in `examples`) is valid against it.
fn check_component_schemas(document: &Value) {
    let document = &readable(document.clone());
    let components = document["components"]["schemas"].as_object().unwrap();
    for (name, schema) in components {
        let mut compiler = boon::Compiler::new();
        let mut schemas = boon::Schemas::new();
        // References between components resolve inside one resource.
        let mut root = serde_json::json!({"$schema": "https://json-schema.org/draft/2020-12/schema"});
        root["$ref"] = serde_json::json!(format!("#/components/schemas/{name}"));
        root["components"] = document["components"].clone();
        compiler.add_resource("urn:export", root).unwrap();
        let index = compiler
            .compile("urn:export", &mut schemas)
            .unwrap_or_else(|e| panic!("component `{name}` is not a valid JSON Schema: {e:#}"));
        for example in schema["examples"].as_array().into_iter().flatten() {
            if let Err(error) = schemas.validate(example, index) {
                panic!("the documented example of `{name}` does not fit its exported schema: {error:#}");
            }
        }
    }
}

#[test]
fn the_losant_spec_exports_a_valid_openapi_document() {
    let sources = spec("../spec");
    let document = restspec_codegen::openapi(&sources).unwrap();
    check_document(&document);
    check_component_schemas(&document);

    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["servers"][0]["url"], "https://api.losant.com");
    assert_eq!(document["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
    let api = restspec_codegen::check(&sources).unwrap();
    let mut operations = 0;
    for resource in &api.resources {
        for action in &resource.actions {
            let op = &document["paths"][&action.path][action.http_method.as_str().to_lowercase()];
            assert_eq!(op["operationId"], format!("{}_{}", resource.name, action.name), "{}", action.id);
            assert_eq!(op["x-scopes"].as_array().map(Vec::len), Some(action.scopes.len()), "{}", action.id);
            for param in action.params.iter().chain(&api.global_params) {
                let listed =
                    op["parameters"].as_array().into_iter().flatten().any(|p| p["name"] == param.wire_name.as_str());
                let in_body = op["requestBody"].is_object()
                    && matches!(
                        param.location,
                        restspec_codegen::ir::ParamLocation::Body | restspec_codegen::ir::ParamLocation::Multipart
                    );
                assert!(listed || in_body, "{} lacks param {}", action.id, param.wire_name);
            }
            operations += 1;
        }
    }
    assert_eq!(operations, 380);
    let per_page = &document["paths"]["/me/tokens"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "perPage")
        .unwrap()["schema"];
    assert_eq!(per_page, &serde_json::json!({"type": "integer", "default": 100}));
    let sort = &document["paths"]["/me/tokens"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "sortField")
        .unwrap()["schema"];
    assert_eq!(sort["enum"].as_array().map(Vec::len), Some(6));
    for schema in &api.schemas {
        let exported = &document["components"]["schemas"][&schema.name];
        assert!(exported.is_object(), "schema {} is missing", schema.name);
        if let restspec_codegen::ir::TypeKind::Struct(fields) = &api.types.get(schema.id).kind {
            for field in fields {
                if field.flatten {
                    // The other keys: `additionalProperties`, not a property.
                    assert!(exported["additionalProperties"].is_object(), "{} has no other keys", schema.name);
                    continue;
                }
                assert!(
                    exported["properties"][&field.wire_name].is_object(),
                    "{}.{} is missing",
                    schema.name,
                    field.wire_name
                );
            }
        }
    }
}

#[test]
fn every_kind_of_param_and_response_exports_a_valid_document() {
    let sources = spec("tests/kinds-client/spec");
    assert!(sources.files().iter().any(|f| f.kind == FileKind::Resource));
    let document = restspec_codegen::openapi(&sources).unwrap();
    check_document(&document);
    check_component_schemas(&document);
    let devices = &document["paths"]["/applications/{applicationId}/devices"]["get"]["parameters"];
    let query = devices.as_array().unwrap().iter().find(|p| p["name"] == "query").unwrap();
    assert!(query["content"]["application/json"].is_object(), "a JSON-encoded query param: {query}");
    let tags = devices.as_array().unwrap().iter().find(|p| p["name"] == "tagFilter").unwrap();
    assert_eq!(tags["style"], "deepObject");
    let sso = &document["paths"]["/auth/ssoDomain"]["get"];
    assert_eq!(sso["security"], serde_json::json!([]));
    assert!(sso["responses"]["204"].is_object() && sso["responses"]["204"].get("content").is_none());
}

/// The `keys` golden: a closed object exports `additionalProperties: false`,
/// an open one leaves it out. Its `trigger` one-of is exported as `anyOf`,
/// so the example `{"seconds": 60}`, which fits both alternatives (open
/// objects), is valid.
#[test]
fn closed_objects_export_additional_properties_false() {
    let document = restspec_codegen::openapi(&spec("tests/goldens/specs/keys")).unwrap();
    check_document(&document);
    check_component_schemas(&document);
    let schemas = &document["components"]["schemas"];
    assert_eq!(schemas["point"]["additionalProperties"], serde_json::json!(false));
    assert!(schemas["sensor"].get("additionalProperties").is_none(), "{}", schemas["sensor"]);
}

#[test]
#[should_panic(expected = "not a valid OpenAPI 3.1 document")]
fn the_check_rejects_a_broken_document() {
    let mut document = restspec_codegen::openapi(&spec("../spec")).unwrap();
    document["paths"]["/me/tokens"]["get"]["responses"] = serde_json::json!("none");
    check_document(&document);
}

#[test]
#[should_panic(expected = "does not fit its exported schema")]
fn the_check_rejects_an_example_that_does_not_fit() {
    let mut document = restspec_codegen::openapi(&spec("../spec")).unwrap();
    document["components"]["schemas"]["apiToken"]["examples"] = serde_json::json!([{"status": "asleep"}]);
    check_component_schemas(&document);
}

#[test]
fn the_3_0_export_is_a_valid_openapi_3_0_document() {
    for dir in ["../spec", "tests/kinds-client/spec"] {
        let document = restspec_codegen::openapi_3_0(&spec(dir)).unwrap();
        assert_eq!(document["openapi"], "3.0.3");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi-3.0/schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let id = schema["id"].as_str().unwrap_or("urn:oas-3.0").to_owned();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(&id, schema).unwrap();
        let index = compiler.compile(&id, &mut schemas).unwrap();
        if let Err(error) = schemas.validate(&readable(document.clone()), index) {
            panic!("{dir}: not a valid OpenAPI 3.0 document: {error:#}");
        }
        let text = document.to_string();
        assert!(!text.contains("\"examples\":[") && !text.contains("contentMediaType"), "{dir}: 3.1 keywords left");
    }
}
