//! The importer on a tiny hand-written fixture (exact output), and on the
//! vendored data (complete, deterministic, unique names).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{Value, json};

use super::report::Category;
use super::source::Source;
use super::*;

fn fixture() -> Source {
    let api_info = json!({
        "things": {
            "path": "/owners/{ownerId}/things",
            "auth": ["things.*"],
            "links": {"owner": {"href": "/owners/{ownerId}"}},
            "params": [{
                "name": "ownerId", "in": "path", "type": "string", "required": true,
                "pattern": "^[A-Fa-f\\d]{24}$", "description": "ID of the owner", "example": "575ec8687ae143cd83dc4a97"
            }],
            "actions": {
                "get": {
                    "method": "GET",
                    "auth": ["things.get"],
                    "summary": "Returns the things",
                    "params": [
                        {"name": "page", "in": "query", "type": "string", "default": 0, "example": 0,
                         "description": "Which page"},
                        {"name": "sortDirection", "in": "query", "type": "string", "enum": ["asc", "desc", "ASC", ""],
                         "default": "asc", "description": "yes: a direction"}
                    ],
                    "responses": {
                        "200": {"description": "The things", "schema": {"$ref": "#/definitions/things"}},
                        "400": {"description": "Error if malformed request", "schema": {"$ref": "#/definitions/error"}}
                    }
                },
                "post": {
                    "method": "POST",
                    "path": "/new",
                    "auth": ["things.post"],
                    "summary": "Creates a thing",
                    "params": [{"name": "thing", "in": "body", "required": true, "description": "The new thing",
                                "schema": {"$ref": "#/definitions/thing"}}],
                    "responses": {
                        "201": {"description": "The created thing", "schema": {"$ref": "#/definitions/thing"}},
                        "422": {"description": "Invalid", "schema": {"$ref": "#/definitions/validationErrors"}}
                    }
                }
            }
        }
    });
    let thing = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Fa-f\\d]{24}$"},
            "tags": {"type": "array", "maxItems": 10, "items": {
                "type": "object",
                "properties": {"key": {"type": "string", "minLength": 1}, "value": {"type": "string"}},
                "required": ["key"], "additionalProperties": false
            }},
            "count": {"type": ["integer", "null"], "minimum": 0},
            "at": {"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]},
            "attributes": {"type": "object", "patternProperties": {"^[a-z]+$": {"type": "string"}}}
        },
        "required": ["id"]
    });
    let things = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {
                "title": "Thing", "description": "One thing",
                "type": "object",
                "properties": thing["properties"].clone(),
                "required": ["id"]
            }},
            "totalCount": {"type": "integer"}
        }
    });
    let error = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {"type": {"type": "string"}, "message": {"type": "string"}}
    });
    let validation_errors = json!({"type": "object", "properties": {"errors": {"type": "array", "items": {
        "type": "object", "properties": {"message": {"type": "string"}}
    }}}});
    Source {
        api_info: serde_json::from_value(api_info).unwrap(),
        global_params: serde_json::from_value(json!([{"name": "_actions", "in": "query", "type": "boolean"}])).unwrap(),
        schemas: BTreeMap::from([
            ("error".to_owned(), error),
            ("thing".to_owned(), thing),
            ("things".to_owned(), things),
            ("validationErrors".to_owned(), validation_errors),
        ]),
        examples: BTreeMap::from([("thing".to_owned(), json!({"id": "575ec8687ae143cd83dc4a97", "count": 1}))]),
        // The docs add the broad scopes; their `post` list lacks the route
        // table's `things.*`, which is kept and reported.
        doc_scopes: BTreeMap::from([
            (
                ("things".to_owned(), "get".to_owned()),
                scopes(&["all.Application", "all.Application.read", "things.*", "things.get"]),
            ),
            (("things".to_owned(), "post".to_owned()), scopes(&["all.Application", "things.post"])),
        ]),
    }
}

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

const THINGS_YAML: &str = r#"resource: things
actions:
  get:
    summary: Returns the things
    method: GET
    path: '/owners/{ownerId}/things'
    scopes:
      - all.Application
      - all.Application.read
      - things.*
      - things.get
    params:
      - name: ownerId
        in: path
        type: string
        required: true
        pattern: '^[A-Fa-f\d]{24}$'
        description: ID of the owner
        example: '575ec8687ae143cd83dc4a97'
      - name: page
        in: query
        type: integer
        default: 0
        description: Which page
        example: 0
      - name: sortDirection
        in: query
        type: string
        enum:
          - asc
          - desc
          - ASC
          - ''
        default: asc
        description: 'yes: a direction'
    responses:
      success:
        - code: 200
          schema: things
          description: The things
      errors:
        - code: 400
          schema: error
          description: Error if malformed request
  post:
    summary: Creates a thing
    method: POST
    path: '/owners/{ownerId}/things/new'
    scopes:
      - all.Application
      - things.*
      - things.post
    params:
      - name: ownerId
        in: path
        type: string
        required: true
        pattern: '^[A-Fa-f\d]{24}$'
        description: ID of the owner
        example: '575ec8687ae143cd83dc4a97'
      - name: thing
        in: body
        ref: thing
        required: true
        description: The new thing
    responses:
      success:
        - code: 201
          schema: thing
          description: The created thing
      errors:
        - code: 422
          schema: validationErrors
          description: Invalid
"#;

const THING_YAML: &str = r#"schema: thing
type: object
properties:
  at:
    one_of:
      - type: string
      - type: number
    nullable: true
  attributes:
    type: map
    values:
      type: string
    key_pattern: '^[a-z]+$'
  count:
    type: integer
    nullable: true
    minimum: 0
  id:
    type: string
    required: true
    pattern: '^[A-Fa-f\d]{24}$'
  tags:
    type: array
    items:
      ref: thingTagsItem
    max_items: 10
example:
  count: 1
  id: '575ec8687ae143cd83dc4a97'
"#;

const THING_TAGS_ITEM_YAML: &str = r#"schema: thingTagsItem
type: object
closed: true
properties:
  key:
    type: string
    required: true
    min_length: 1
  value:
    type: string
"#;

const THINGS_SCHEMA_YAML: &str = r#"schema: things
type: object
properties:
  items:
    type: array
    items:
      ref: thing
      description: One thing
  totalCount:
    type: integer
"#;

const LOSSES: &str = "# kind\tlocation\tdetail
## loss: 1
scope of the route table that the docs do not list (kept)\tapiInfo.json#/things/actions/post/auth\tthings.*
## ignored (not a fact of the API): 2
ignored: `title` that the description already says\tschemas/things.json#/properties/items/items\tThing
ignored: resource `links` (the JS client's navigation between resources; no request or response has them)\t\
apiInfo.json#/things/links\towner
";

fn body(text: &str) -> &str {
    text.strip_prefix(HEADER).expect("every file starts with the header")
}

#[test]
fn the_fixture_converts_to_exactly_the_expected_spec() {
    let import = convert_source(&fixture());
    let names: Vec<&str> = import.files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "api.yaml",
            "resources/things.yaml",
            "schemas/error.yaml",
            "schemas/thing.yaml",
            "schemas/thingTagsItem.yaml",
            "schemas/things.yaml",
            "schemas/validationErrors.yaml",
            "schemas/validationErrorsErrorsItem.yaml",
        ]
    );
    assert_eq!(body(&import.files["resources/things.yaml"]), THINGS_YAML);
    assert_eq!(body(&import.files["schemas/thing.yaml"]), THING_YAML);
    assert_eq!(body(&import.files["schemas/thingTagsItem.yaml"]), THING_TAGS_ITEM_YAML);
    assert_eq!(body(&import.files["schemas/things.yaml"]), THINGS_SCHEMA_YAML);
    assert!(body(&import.files["schemas/error.yaml"]).starts_with("schema: error\nrust_name: ApiErrorBody\n"));
    assert_eq!(import.losses.listing(), LOSSES);
    assert_eq!((import.resources, import.actions, import.schemas, import.hoisted), (1, 2, 4, 2));
    // The fixture's spec is one the generator accepts.
    let sources = miniature_sources(&import);
    if let Err(diags) = restspec_codegen::check(&sources) {
        panic!("{}", diags.render(&sources));
    }
}

/// The upstream defects with one clear meaning, in miniature: a list
/// whose items are the list itself, an item schema written under
/// `properties`, and a `$ref` placeholder in an example that names the
/// example it sits in.
#[test]
fn upstream_defects_are_converted_as_meant_and_reported() {
    let member = json!({"type": "object", "properties": {"userId": {"type": "string"}, "role": {"type": "string"}},
                        "additionalProperties": false});
    let members = json!({"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": "#/definitions/members"}}, "count": {"type": "integer"}}});
    let invites = json!({"type": "array", "items": {"type": "object", "properties": {
        "title": "Invitation", "type": "object", "properties": {"email": {"type": "string"}}}}});
    let attrs = json!({"type": "object", "properties": {"items": {"type": "array", "items": member.clone()}}});
    let source = Source {
        api_info: serde_json::from_value(json!({})).unwrap(),
        global_params: serde_json::from_value(json!([])).unwrap(),
        schemas: BTreeMap::from([
            ("attrs".to_owned(), attrs),
            ("invites".to_owned(), invites),
            ("member".to_owned(), member),
            ("members".to_owned(), members),
        ]),
        doc_scopes: Default::default(),
        examples: BTreeMap::from([
            ("member".to_owned(), json!({"userId": "u1", "role": "view"})),
            ("attrs".to_owned(), json!({"items": [{"$ref": "#/examples/attrs"}]})),
            ("members".to_owned(), json!({"items": [{"$ref": "#/examples/member"}], "count": 1})),
            ("invites".to_owned(), json!([{"$ref": "#/examples/nothing"}])),
        ]),
    };
    let import = convert_source(&source);
    let members = body(&import.files["schemas/members.yaml"]);
    assert!(members.contains("    items:\n      ref: member\n"), "{members}");
    assert!(members.contains("example:\n  count: 1\n  items:\n    - role: view\n      userId: u1\n"), "{members}");
    let attrs = body(&import.files["schemas/attrs.yaml"]);
    assert!(attrs.contains("example:\n  items:\n    - role: view\n      userId: u1\n"), "{attrs}");
    let invites = body(&import.files["schemas/invites.yaml"]);
    assert!(invites.starts_with("schema: invites\ntype: array\nitems:\n  ref: invitesItem\n"), "{invites}");
    assert!(!invites.contains("example"), "an unresolvable placeholder drops the example: {invites}");
    let item = body(&import.files["schemas/invitesItem.yaml"]);
    assert_eq!(
        item,
        "schema: invitesItem\ndescription: Invitation\ntype: object\nproperties:\n  email:\n    type: string\n"
    );
    assert_eq!(body(&import.files["schemas/member.yaml"]).lines().nth(2), Some("closed: true"));
    let listing = import.losses.listing();
    let defects: Vec<&str> = listing.lines().filter(|l| l.starts_with("upstream defect")).collect();
    assert_eq!(
        defects,
        [
            "upstream defect: `$ref` placeholder in an example (example dropped)\tschemas/apiExamples.json#/invites/*\t\
             `$ref: #/examples/nothing`",
            "upstream defect: `$ref` placeholder in an example (resolved)\tschemas/apiExamples.json#/attrs/items/*\t\
             `$ref: #/examples/attrs` (names its own example; the example of `member`, the schema there)",
            "upstream defect: `$ref` placeholder in an example (resolved)\tschemas/apiExamples.json#/members/items/*\t\
             `$ref: #/examples/member`",
            "upstream defect: a list whose items are the list itself (read as the singular)\t\
             schemas/members.json#/properties/items/items\t`#/definitions/members` read as `#/definitions/member`",
            "upstream defect: a schema under `properties` (read as the schema itself)\tschemas/invites.json#/items/properties\t",
        ]
    );
}

/// A multi-type list (`type: [string, number, object]`) is written as a
/// one-of whose alternatives are of different JSON types, so no value is
/// taken by two of them (integer and number both take a whole number, and
/// both re-encode it by value): the one-of decodes and re-encodes every
/// value exactly, which is why it is not a loss. Checked on every such
/// list of the vendored data; the whole API's example round trip checks
/// the generated code.
#[test]
fn multi_type_lists_round_trip_as_one_ofs() {
    fn lists<'v>(value: &'v Value, out: &mut Vec<&'v Value>) {
        match value {
            Value::Object(map) => {
                let types = map.get("type").and_then(Value::as_array);
                if types.is_some_and(|t| t.iter().filter(|t| t.as_str() != Some("null")).count() > 1) {
                    out.push(value);
                }
                map.values().for_each(|v| lists(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| lists(v, out)),
            _ => {}
        }
    }
    let source = vendored();
    let mut found = Vec::new();
    source.schemas.values().for_each(|s| lists(s, &mut found));
    assert!(found.len() > 100, "{}", found.len());
    let mut converter = convert::Converter::new(&source.schemas, &source.examples);
    for node in found {
        let field = converter.field(node, "x#", "X");
        let alternatives = field.one_of.unwrap_or_else(|| panic!("not a one-of: {node}"));
        let kinds: Vec<&str> = alternatives
            .iter()
            .map(|a| match (a.ty.as_deref(), &a.reference) {
                (Some("integer" | "number"), _) => "number",
                (Some("map"), _) | (None, Some(_)) => "object",
                (Some(other), _) => other,
                (None, None) => panic!("an alternative without a type: {node}"),
            })
            .collect();
        let distinct: BTreeSet<&str> = kinds.iter().copied().collect();
        let numbers = kinds.iter().filter(|k| **k == "number").count();
        assert_eq!(distinct.len() + numbers.saturating_sub(1), kinds.len(), "{node}: {kinds:?}");
    }
}

fn vendored() -> Source {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR");
    Source::read(&PathBuf::from(manifest_dir).join("..").join(VENDOR_DIR)).unwrap()
}

#[test]
fn the_vendored_data_converts_completely_and_deterministically() {
    let source = vendored();
    let import = convert_source(&source);
    assert_eq!((import.resources, import.actions), (99, 375));
    assert_eq!(import.schemas, 335);
    // Every resource and every action is in the output.
    for (name, resource) in &source.api_info {
        let text = &import.files[&format!("resources/{name}.yaml")];
        let written: Value = serde_saphyr::from_str(text).unwrap();
        assert_eq!(written["resource"], Value::String(name.clone()));
        let actions: BTreeSet<&String> = written["actions"].as_object().unwrap().keys().collect();
        assert_eq!(actions, resource.actions.keys().collect(), "{name}");
    }
    // Every file reads back as YAML, and every schema named exists.
    let mut schema_names = BTreeSet::new();
    for (path, text) in &import.files {
        let value: Value = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        if let Some(name) = value.get("schema") {
            schema_names.insert(name.as_str().unwrap().to_owned());
            assert_eq!(format!("schemas/{}.yaml", name.as_str().unwrap()), *path);
        }
    }
    assert_eq!(schema_names.len(), import.schemas + import.hoisted);
    // Names are unique even as Rust type names.
    let rust_names: BTreeSet<String> =
        schema_names.iter().map(|n| restspec_codegen::names::pascal(n).unwrap().to_lowercase()).collect();
    assert_eq!(rust_names.len(), schema_names.len());

    let again = convert_source(&vendored());
    assert_eq!(again.files, import.files);
    assert_eq!(again.losses.listing(), import.losses.listing());
}

#[test]
fn server_sent_event_streams_are_written_as_streams() {
    let import = convert_source(&vendored());
    for (resource, action, event, schema) in [
        ("device", "stateStream", "deviceState", "deviceState"),
        ("device", "commandStream", "deviceCommand", "deviceCommand"),
        ("application", "mqttSubscriptionStream", "mqttMessage", "mqttPublishBody"),
    ] {
        let text = &import.files[&format!("resources/{resource}.yaml")];
        let written: Value = serde_saphyr::from_str(text).unwrap();
        let action = &written["actions"][action];
        assert_eq!(action["stream"], "sse", "{resource}.{action}");
        assert_eq!(action["event"]["name"], event);
        assert_eq!(action["event"]["schema"], schema);
        assert!(action["responses"]["success"][0].get("schema").is_none());
    }
    let listing = import.losses.listing();
    assert!(!listing.contains("sseStream") && !listing.contains("server-sent"), "{listing}");
}

/// The three error responses Losant documents with a schema other than the
/// error schema keep it; every other error response has the error schema.
#[test]
fn error_responses_keep_their_own_schema() {
    let import = convert_source(&vendored());
    let own = [
        ("application", "clone", 422, "validationErrors"),
        ("applications", "import", 422, "validationErrors"),
        ("dashboard", "validateContext", 400, "validateContextError"),
    ];
    let mut found = Vec::new();
    for (path, text) in &import.files {
        let Some(resource) = path.strip_prefix("resources/").and_then(|p| p.strip_suffix(".yaml")) else { continue };
        let written: Value = serde_saphyr::from_str(text).unwrap();
        for (action, spec) in written["actions"].as_object().unwrap() {
            for error in spec["responses"]["errors"].as_array().into_iter().flatten() {
                let (code, schema) = (error["code"].as_u64().unwrap(), error["schema"].as_str().unwrap());
                if schema != "error" {
                    found.push((resource.to_owned(), action.clone(), code, schema.to_owned()));
                }
            }
        }
    }
    let expected: Vec<(String, String, u64, String)> =
        own.iter().map(|(r, a, c, s)| ((*r).to_owned(), (*a).to_owned(), *c, (*s).to_owned())).collect();
    assert_eq!(found, expected);
    let listing = import.losses.listing();
    assert!(!listing.contains("own schema"), "{listing}");
}

#[test]
fn hoisted_names_are_stable_and_follow_the_path() {
    let import = convert_source(&fixture());
    let again = convert_source(&fixture());
    assert_eq!(import.files, again.files);
    assert!(import.files.contains_key("schemas/thingTagsItem.yaml"));
    assert!(import.files.contains_key("schemas/validationErrorsErrorsItem.yaml"));
}

#[test]
fn the_import_writes_only_into_a_folder_it_owns() {
    let dir = std::env::temp_dir().join(format!("xtask-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let import = convert_source(&fixture());
    write(&dir, &import).unwrap();
    let first = std::fs::read_to_string(dir.join("schemas/thing.yaml")).unwrap();
    write(&dir, &import).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("schemas/thing.yaml")).unwrap(), first);
    std::fs::remove_file(dir.join(MARKER)).unwrap();
    assert!(write(&dir, &import).unwrap_err().contains("was not written by"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diagnostics_group_by_shape() {
    let messages = ["unknown schema `a`", "unknown schema `b`", "status 201 is documented twice"].map(String::from);
    assert_eq!(
        diagnostic_groups(&messages),
        vec![("unknown schema `…`".to_owned(), 2), ("status N is documented twice".to_owned(), 1)]
    );
}

/// What the format can say is converted (a title into the description,
/// `null` among allowed values as `nullable`, a type the allowed values
/// leave no choice of, properties written beside `properties`, an
/// `additionalProperties` schema as `additional`, sets of required keys
/// into the description, an exact `allOf` merge, a count written as a
/// string); what is no fact of the API is reported as ignored, with why;
/// only the rest is a loss.
#[test]
fn facts_the_format_can_say_are_converted_and_the_rest_is_classified() {
    let job = json!({"type": "object", "properties": {
        "state": {"enum": [1, 0, null]},
        "patch": {"title": "Event Patch", "description": "The body", "type": "object",
                  "properties": {"a": {"type": "string"}}},
        "delay": {"type": "integer", "min": 0, "max": 10},
        "input": {"callbackUrl": {"type": "string"}},
        "tags": {"type": "object", "properties": {"k": {"type": "string"}},
                 "additionalProperties": {"type": "string", "maxLength": 8}},
        "members": {"type": "array", "maxItems": "10", "items": {"type": "string"}},
        "inputs": {"type": "array", "items": {"maxItems": 100, "oneOf": [
            {"type": "object", "properties": {"x": {"type": "string"}}},
            {"type": "object", "properties": {"y": {"type": "number"}}}]}},
        "config": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                   "oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
        "both": {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}},
                           {"properties": {"b": {"type": "string"}}}]},
        "clash": {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false},
                            {"properties": {"b": {"type": "string"}}}]}
    }, "retry": {"type": "boolean"}});
    let source = Source {
        api_info: serde_json::from_value(json!({})).unwrap(),
        global_params: serde_json::from_value(json!([])).unwrap(),
        schemas: BTreeMap::from([("job".to_owned(), job)]),
        examples: BTreeMap::new(),
        doc_scopes: Default::default(),
    };
    let import = convert_source(&source);
    let file = |name: &str| body(&import.files[&format!("schemas/{name}.yaml")]).to_owned();
    let job = file("job");
    for expected in [
        // A title the description does not say is its first sentence.
        "  patch:\n    ref: jobPatch\n    description: Event Patch. The body\n",
        // The values leave no other type; `null` among them is `nullable`.
        "  state:\n    type: integer\n    enum:\n      - 1\n      - 0\n    nullable: true\n",
        // A property written beside `properties`.
        "  retry:\n    type: boolean\n",
        "  input:\n    ref: jobInput\n",
        "  members:\n    type: array\n    items:\n      type: string\n    max_items: 10\n",
        "  config:\n    ref: jobConfig\n    description: 'Needs the keys of exactly one of these sets: `a`; `b`.'\n",
        // `min` and `max` bound nothing: no limits are written.
        "  delay:\n    type: integer\n",
    ] {
        assert!(job.contains(expected), "{expected}\nnot in\n{job}");
    }
    assert_eq!(
        file("jobPatch"),
        "schema: jobPatch\ndescription: Event Patch. The body\ntype: object\nproperties:\n  a:\n    type: string\n"
    );
    assert_eq!(file("jobInput"), "schema: jobInput\ntype: object\nproperties:\n  callbackUrl:\n    type: string\n");
    assert!(file("jobTags").ends_with("additional:\n  values:\n    type: string\n    max_length: 8\n"));
    assert!(file("jobConfig").starts_with("schema: jobConfig\ndescription: 'Needs the keys of exactly one"));
    assert!(file("jobBoth").ends_with("properties:\n  a:\n    type: string\n  b:\n    type: string\n"));

    let entries: Vec<(Category, String, String)> = import
        .losses
        .0
        .iter()
        .map(|l| (report::Category::of(&l.kind), l.kind.clone(), l.location.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let at = "schemas/job.json#";
    let expected = [
        (
            Category::Loss,
            "allOf whose parts disagree (merged into one schema, the first part winning)",
            "/properties/clash",
        ),
        (
            Category::Defect,
            "upstream defect: `maxItems` written as a string (read as the count)",
            "/properties/members/maxItems",
        ),
        (
            Category::Defect,
            "upstream defect: a property outside `properties` (read as a property)",
            "/properties/input/callbackUrl",
        ),
        (Category::Defect, "upstream defect: a property outside `properties` (read as a property)", "/retry"),
        (
            Category::Ignored,
            "ignored: `maxItems` on a value that is never an array (JSON Schema applies it to arrays only)",
            "/properties/inputs/items/maxItems",
        ),
        (
            Category::Ignored,
            "ignored: `max` (not JSON Schema: no validator applies it, so it bounds nothing)",
            "/properties/delay/max",
        ),
        (
            Category::Ignored,
            "ignored: `min` (not JSON Schema: no validator applies it, so it bounds nothing)",
            "/properties/delay/min",
        ),
    ];
    let expected: Vec<(Category, String, String)> =
        expected.iter().map(|(c, k, l)| (*c, (*k).to_owned(), format!("{at}{l}"))).collect();
    assert_eq!(entries, expected);
}

/// Per-action token rules are written as `deny_oauth_tokens` and
/// `allow_unverified` (ignored, with why, on an action that takes no
/// token), and key counts at a schema's root go on every reference to it.
#[test]
fn token_rules_and_root_key_counts_are_written() {
    let api_info = json!({"tokens": {"path": "/tokens", "auth": ["tokens.*"], "actions": {
        "post": {"method": "POST", "summary": "Creates a token", "denyOauthTokens": true, "allowUnverified": true,
                 "params": [{"name": "token", "in": "body", "required": true, "schema": {"$ref": "#/definitions/node"}}],
                 "responses": {"201": {"description": "Created", "schema": {"$ref": "#/definitions/holder"}}}}
    }}, "invites": {"path": "/invites", "actions": {
        "get": {"method": "GET", "summary": "An invite", "allowUnverified": true,
                "responses": {"200": {"description": "The invite", "schema": {"$ref": "#/definitions/holder"}}}}
    }}});
    let node = json!({"type": "object", "maxProperties": 25, "properties": {"name": {"type": "string"}}});
    let holder = json!({"type": "object", "properties": {"node": {"$ref": "#/definitions/node"}}});
    let source = Source {
        api_info: serde_json::from_value(api_info).unwrap(),
        global_params: serde_json::from_value(json!([])).unwrap(),
        schemas: BTreeMap::from([
            ("error".to_owned(), json!({"type": "object", "properties": {"message": {"type": "string"}}})),
            ("holder".to_owned(), holder),
            ("node".to_owned(), node),
        ]),
        examples: BTreeMap::new(),
        doc_scopes: BTreeMap::from([(("tokens".to_owned(), "post".to_owned()), scopes(&["tokens.*"]))]),
    };
    let import = convert_source(&source);
    let tokens = body(&import.files["resources/tokens.yaml"]);
    assert!(tokens.contains("      - tokens.*\n    deny_oauth_tokens: true\n    allow_unverified: true\n"), "{tokens}");
    assert!(tokens.contains("        ref: node\n        required: true\n        max_properties: 25\n"), "{tokens}");
    let invites = body(&import.files["resources/invites.yaml"]);
    assert!(!invites.contains("allow_unverified"), "{invites}");
    let holder = body(&import.files["schemas/holder.yaml"]);
    assert!(holder.ends_with("  node:\n    ref: node\n    max_properties: 25\n"), "{holder}");
    assert!(!body(&import.files["schemas/node.yaml"]).contains("max_properties"));
    assert_eq!(
        import.losses.listing(),
        "# kind\tlocation\tdetail\n## ignored (not a fact of the API): 1\n\
         ignored: `allowUnverified` on an action that takes no token (the client sends none, so no user is checked)\t\
         apiInfo.json#/invites/actions/get/allowUnverified\ttrue\n"
    );
    let sources = miniature_sources(&import);
    if let Err(diags) = restspec_codegen::check(&sources) {
        panic!("{}", diags.render(&sources));
    }
}

/// Overrides of the fixture: one of each target and operation.
const OVERRIDES: &str = r#"# comment
- why: the example is wrong
  action: things.get
  param: page
  set: {example: 2}
- why: a new status
  action: things.post
  response: 202
  add: {schema: thing, description: Accepted}
- why: the default is no fact
  action: things.get
  param: sortDirection
  remove: [default]
- why: a copy under a new name
  schema: thingCopy
  copy: thing
- why: our name
  schema: thingCopy
  set: {rust_name: ThingTwin}
- why: a new query param
  action: things.get
  param: strict
  add: {in: query, type: boolean}
"#;

#[test]
fn overrides_apply_in_order_and_each_is_reported() {
    let mut import = convert_source(&fixture());
    let overrides = overrides::parse("overrides/a.yaml", OVERRIDES).unwrap();
    let applied = import.apply(&overrides).unwrap();
    assert_eq!(
        applied,
        [
            "overrides/a.yaml:2: param `page` of `things.get`: set example",
            "overrides/a.yaml:6: response 202 of `things.post`: add",
            "overrides/a.yaml:10: param `sortDirection` of `things.get`: remove default",
            "overrides/a.yaml:14: schema `thingCopy`: copy of `thing`",
            "overrides/a.yaml:17: schema `thingCopy`: set rust_name",
            "overrides/a.yaml:20: param `strict` of `things.get`: add",
        ]
    );
    let things = body(&import.files["resources/things.yaml"]);
    assert!(things.contains("      - name: page\n        in: query\n        type: integer\n        default: 0\n        description: Which page\n        example: 2\n"), "{things}");
    assert!(!things.contains("        default: asc\n"), "{things}");
    assert!(
        things.contains("      - name: strict\n        in: query\n        type: boolean\n    responses:\n"),
        "{things}"
    );
    assert!(things.contains("        - code: 201\n          schema: thing\n          description: The created thing\n        - code: 202\n          schema: thing\n          description: Accepted\n"), "{things}");
    let copy = body(&import.files["schemas/thingCopy.yaml"]);
    assert!(copy.starts_with("schema: thingCopy\ntype: object\n"), "{copy}");
    assert!(copy.ends_with("rust_name: ThingTwin\n"), "{copy}");
    // The result still validates, and the import is unchanged elsewhere.
    let untouched = convert_source(&fixture());
    assert_eq!(import.files["schemas/thing.yaml"], untouched.files["schemas/thing.yaml"]);
    restspec_codegen::check(&miniature_sources(&import)).unwrap();
}

#[test]
fn a_stale_override_is_an_error_naming_its_file_and_line() {
    let cases = [
        (
            "- why: w\n  action: things.get\n  param: page\n  set: {example: 0}\n",
            ":1: error: stale override: param `page` of `things.get`: set example failed: `example` already has this value",
        ),
        (
            "\n- why: w\n  action: things.get\n  param: gone\n  remove: [example]\n",
            ":2: error: stale override: param `gone` of `things.get`: remove example failed: it is gone",
        ),
        (
            "- why: w\n  action: things.delete\n  set: {summary: x}\n",
            ":1: error: stale override: action `things.delete`: set summary failed: `delete` is gone",
        ),
        (
            "- why: w\n  action: things.get\n  param: page\n  remove: [pattern]\n",
            ":1: error: stale override: param `page` of `things.get`: remove pattern failed: `pattern` is not there",
        ),
        (
            "- why: w\n  action: things.post\n  response: 201\n  add: {schema: thing}\n",
            ":1: error: stale override: response 201 of `things.post`: add failed: it exists already",
        ),
        (
            "- why: w\n  schema: thing\n  copy: things\n",
            ":1: error: stale override: schema `thing`: copy of `things` failed: schemas/thing.yaml exists already",
        ),
        (
            "- why: w\n  resource: nothing\n  set: {x: 1}\n",
            ":1: error: stale override: resource `nothing`: set x failed: resources/nothing.yaml is gone",
        ),
        (
            "- why: w\n  schema: thing\n  property: nope\n  set: {type: any}\n",
            ":1: error: stale override: property `nope` of schema `thing`: set type failed: `nope` is gone",
        ),
    ];
    for (text, expected) in cases {
        let mut import = convert_source(&fixture());
        let overrides = overrides::parse("xtask/overrides/x.yaml", text).unwrap();
        let errors = import.apply(&overrides).unwrap_err();
        assert_eq!(errors, [format!("xtask/overrides/x.yaml{expected}")], "{text}");
    }
}

#[test]
fn a_malformed_override_is_an_error_naming_its_file_and_line() {
    let cases = [
        ("- why: w\n  action: things.get\n", ":1: error: give exactly one operation: `set`, `remove`, `add` or `copy`"),
        (
            "- why: ' '\n  action: things.get\n  set: {a: 1}\n",
            ":1: error: `why` is empty: say why the override is needed",
        ),
        ("- why: w\n  action: things\n  set: {a: 1}\n", ":1: error: `action: things` is not `resource.action`"),
        (
            "- why: w\n  action: things.get\n  property: p\n  set: {a: 1}\n",
            ":1: error: name one target: `resource`, `action` (with `param` or `response`) or `schema` (with `property`)",
        ),
        (
            "- why: w\n  schema: a\n  property: p\n  copy: b\n",
            ":1: error: `copy` creates a schema: use it with `schema` alone",
        ),
        ("- why: w\n  schema: a\n  set: [1]\n", ":1: error: `set` takes a mapping of keys to values"),
    ];
    for (text, expected) in cases {
        let errors = overrides::parse("o.yaml", text).unwrap_err();
        assert_eq!(errors, [format!("o.yaml{expected}")], "{text}");
    }
    let unknown = overrides::parse("o.yaml", "- why: w\n  actoin: a.b\n").unwrap_err();
    assert!(unknown[0].starts_with("o.yaml: ") && unknown[0].contains("actoin"), "{unknown:?}");
}

/// The real import with the repository's overrides: it must validate with
/// no diagnostic at all, so every upstream defect is corrected by an
/// override, and every override still applies (none is stale).
#[test]
fn the_vendored_data_with_overrides_validates_without_diagnostics() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("..");
    let (import, applied) = import_with_overrides(&root).unwrap();
    assert!(applied.len() >= 16, "{applied:?}");
    if let Err(diags) = restspec_codegen::check(&miniature_sources(&import)) {
        panic!("{}", diags.iter().map(|d| format!("{d}\n")).collect::<String>());
    }
    for path in ["resources/userOauthClient.yaml", "resources/userOauthClients.yaml", "schemas/userOauthClient.yaml"] {
        assert!(import.files.contains_key(path), "{path}");
    }
}

#[test]
fn check_compares_a_folder_with_the_import() {
    let dir = std::env::temp_dir().join(format!("xtask-import-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let import = convert_source(&fixture());
    write(&dir, &import).unwrap();
    check(&dir, &import).unwrap();
    std::fs::write(dir.join("schemas/thing.yaml"), "schema: thing\n").unwrap();
    std::fs::write(dir.join("schemas/extra.yaml"), "schema: extra\n").unwrap();
    std::fs::remove_file(dir.join("resources/things.yaml")).unwrap();
    let error = check(&dir, &import).unwrap_err();
    assert!(error.contains("(3 file(s) differ)"), "{error}");
    for line in
        ["  differs: schemas/thing.yaml\n", "  missing: resources/things.yaml\n", "  unexpected: schemas/extra.yaml\n"]
    {
        assert!(error.contains(line), "{error}");
    }
    assert!(check(&dir.join("nowhere"), &import).unwrap_err().contains("is not a folder"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn changes_name_actions_params_and_schemas() {
    let old = convert_source(&fixture());
    let mut new = convert_source(&fixture());
    let overrides = overrides::parse("o.yaml", OVERRIDES).unwrap();
    new.apply(&overrides).unwrap();
    assert_eq!(
        changes::between(&old.files, &new.files),
        [
            "action changed: things.get (params added: strict; params changed: page, sortDirection)",
            "action changed: things.post (responses changed)",
            "schema added: thingCopy",
        ]
    );
    assert!(changes::between(&old.files, &old.files).is_empty());
}

/// `spec/` is exactly what import + overrides writes: `cargo xtask import
/// --check spec` as a test, so `cargo test` alone catches a hand edit of
/// the spec (which belongs in an override) or a forgotten import.
#[test]
fn the_spec_is_what_the_import_writes() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = PathBuf::from(manifest_dir).join("..");
    let (import, _) = import_with_overrides(&root).unwrap();
    if let Err(report) = check(&root.join("spec"), &import) {
        panic!("{report}");
    }
}

/// The sources of an import of the fixture, a miniature of the API: its
/// `api.yaml` is the real one, whose `groups` list the real API's
/// resources, so they are cut (the generator's own tests cover groups).
fn miniature_sources(import: &Import) -> restspec_codegen::SpecSources {
    let sources = import.sources("import");
    let files = sources
        .files()
        .iter()
        .map(|f| match f.kind {
            restspec_codegen::FileKind::Api => {
                let text = f.text.split("\n# The resources in groups").next().unwrap_or_default().to_owned() + "\n";
                restspec_codegen::SourceFile::new(f.display_path.clone(), f.kind, &text)
            }
            _ => f.clone(),
        })
        .collect();
    restspec_codegen::SpecSources::from_files(files)
}
