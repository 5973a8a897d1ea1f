//! Data-driven tests of spec validation.
//!
//! Every case starts from a small valid spec (the constants below), applies
//! one mutation and compares the diagnostics, each rendered as one line
//! (`file:line:col: error: message (hint: ...)`), against the expected lines.
//! A failing case prints both lists, so the diff shows what changed.

use generator::{FileKind, Options, SourceFile, SpecSources};

const API: &str = "\
name: Demo API
version: 1.0.0
base_url: https://api.example.com
auth:
  scheme: bearer
error_schema: error
";

const WIDGETS: &str = "\
resource: widgets
description: The widgets of an app.
actions:
  get:
    summary: Lists widgets
    method: GET
    path: /apps/{appId}/widgets
    scopes: [widgets.get]
    params:
      - name: appId
        in: path
        type: string
        required: true
      - name: sortDirection
        in: query
        type: string
        enum: [asc, desc]
        default: asc
    responses:
      success:
        - code: 200
          schema: widget
      errors:
        - code: 404
          schema: error
  post:
    summary: Creates a widget
    method: POST
    path: /apps/{appId}/widgets
    scopes: [widgets.post]
    params:
      - name: appId
        in: path
        type: string
        required: true
      - name: widget
        in: body
        ref: widget
        required: true
    responses:
      success:
        - code: 201
          schema: widget
";

const WIDGET: &str = "\
schema: widget
type: object
properties:
  name:
    type: string
    required: true
  tags:
    type: array
    items:
      type: string
";

const ERROR: &str = "\
schema: error
rust_name: ApiError
type: object
properties:
  message:
    type: string
";

const API_PATH: &str = "spec/api.yaml";
const WIDGETS_PATH: &str = "spec/resources/widgets.yaml";
const WIDGET_PATH: &str = "spec/schemas/widget.yaml";
const ERROR_PATH: &str = "spec/schemas/error.yaml";

/// The `path:` line of the `get` action (the `post` action has the same path).
const GET_PATH: &str = "path: /apps/{appId}/widgets\n    scopes: [widgets.get]";

/// The last line of the `get` action's `sortDirection` param, after which
/// cases insert params.
const AFTER_SORT: &str = "        default: asc\n";

/// A schema that nothing refers to, so that its problems cannot spill into
/// other files.
const NOTE_PATH: &str = "spec/schemas/note.yaml";

fn options() -> Options {
    Options {
        crate_name: "demo".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: generator::Layout::Modules,
        blocking_feature: None,
        sse_feature: None,
        multipart_feature: Some("multipart".into()),
    }
}

fn kind_of(path: &str) -> FileKind {
    if path.starts_with("spec/resources/") {
        FileKind::Resource
    } else if path.starts_with("spec/schemas/") {
        FileKind::Schema
    } else {
        assert!(path.ends_with("/api.yaml"), "no file kind for {path}");
        FileKind::Api
    }
}

fn sources(files: &[(&str, &str)]) -> SpecSources {
    SpecSources::from_files(files.iter().map(|(path, text)| SourceFile::new(*path, kind_of(path), text)).collect())
}

/// Generates `files` and checks that it fails with exactly `expected`, one
/// diagnostic per line, in the order the generator reports them.
fn check(files: &[(&str, &str)], expected: &[&str]) {
    let result = generator::generate(&sources(files), &options());
    let actual: Vec<String> = match result {
        Ok(generated) => {
            let names: Vec<&str> = generated.iter().map(|f| f.path.as_str()).collect();
            panic!("expected diagnostics, but the spec generated {names:?}")
        }
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    };
    let expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(actual, expected);
}

/// The base spec, to be mutated by one case.
#[derive(Debug, Clone)]
struct Spec {
    files: Vec<(String, String)>,
}

fn base() -> Spec {
    Spec {
        files: [(API_PATH, API), (WIDGETS_PATH, WIDGETS), (WIDGET_PATH, WIDGET), (ERROR_PATH, ERROR)]
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect(),
    }
}

impl Spec {
    fn text_mut(&mut self, path: &str) -> &mut String {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some((_, text)) => text,
            None => panic!("the spec has no file {path}"),
        }
    }

    /// Replaces the only occurrence of `from` in `path` with `to`.
    fn replace(mut self, path: &str, from: &str, to: &str) -> Self {
        let text = self.text_mut(path);
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in {path}");
        *text = text.replacen(from, to, 1);
        self
    }

    /// Inserts `insert` right after the only occurrence of `anchor` in `path`.
    fn insert_after(self, path: &str, anchor: &str, insert: &str) -> Self {
        let to = format!("{anchor}{insert}");
        self.replace(path, anchor, &to)
    }

    /// Adds a file, or replaces its whole text.
    fn file(mut self, path: &str, text: &str) -> Self {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some((_, old)) => *old = text.to_owned(),
            None => self.files.push((path.to_owned(), text.to_owned())),
        }
        self
    }

    fn remove(mut self, path: &str) -> Self {
        let before = self.files.len();
        self.files.retain(|(p, _)| p != path);
        assert_eq!(self.files.len(), before - 1, "the spec has no file {path}");
        self
    }

    fn check(&self, expected: &[&str]) {
        let files: Vec<(&str, &str)> = self.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        check(&files, expected);
    }
}

#[test]
fn base_spec_generates() {
    let spec = base();
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let names: Vec<&str> = generated.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names, ["api-surface.txt", "mod.rs", "types.rs", "widgets.rs"]);
    assert!(generated.iter().filter(|f| f.path.ends_with(".rs")).all(|f| f.contents.starts_with(generator::HEADER)));
}

// --- YAML syntax and file shape ---

#[test]
fn yaml_syntax_error() {
    base()
        .replace(WIDGETS_PATH, "summary: Creates a widget", "summary: Creates: a widget")
        .check(&["spec/resources/widgets.yaml:27:21: error: mapping values are not allowed in this context"]);
}

#[test]
fn tab_indentation() {
    base()
        .replace(WIDGETS_PATH, "  post:\n    summary", "  post:\n\tsummary")
        .check(&["spec/resources/widgets.yaml:27:2: error: tabs disallowed within this context (block indentation) \
         (hint: indent with spaces; YAML does not allow tabs for indentation)"]);
}

#[test]
fn tab_indentation_after_a_plain_scalar() {
    // The YAML parser reports this tab at the end of the scalar before it.
    base()
        .replace(WIDGETS_PATH, "    method: POST", "\tmethod: POST")
        .check(&["spec/resources/widgets.yaml:27:14: error: while scanning a plain scalar, found a tab \
         (hint: indent with spaces; YAML does not allow tabs for indentation)"]);
}

#[test]
fn unknown_key_suggests_the_nearest() {
    base().replace(WIDGETS_PATH, "    summary: Creates a widget", "    sumary: Creates a widget").check(&[
        "spec/resources/widgets.yaml:27:5: error: unknown field `sumary`, expected one of summary, description, \
         method, path, auth, scopes, params, responses, pagination, stream, \
         event (hint: did you mean `summary`?)",
    ]);
}

#[test]
fn unknown_key_in_api_file() {
    base().replace(API_PATH, "base_url:", "base_uri:").check(&[
        "spec/api.yaml:3:1: error: unknown field `base_uri`, expected one of name, description, version, base_url, \
         headers, auth, error_schema, global_params (hint: did you mean `base_url`?)",
    ]);
}

#[test]
fn wrong_value_type() {
    base()
        .replace(WIDGETS_PATH, "ref: widget\n        required: true", "ref: widget\n        required: maybe")
        .check(&["spec/resources/widgets.yaml:39:19: error: invalid boolean (hint: write `true` or `false`)"]);
}

#[test]
fn wrong_value_type_for_an_integer() {
    base().replace(WIDGETS_PATH, "- code: 201", "- code: created").check(&[
        "spec/resources/widgets.yaml:42:17: error: expected an integer (hint: write a whole number, such as 200)",
    ]);
}

#[test]
fn list_where_a_string_belongs() {
    base()
        .replace(WIDGETS_PATH, "method: POST", "method: [POST]")
        .check(&["spec/resources/widgets.yaml:28:13: error: expected string scalar"]);
}

#[test]
fn resource_without_actions() {
    base()
        .file(WIDGETS_PATH, "resource: widgets\ndescription: Nothing to do.\n")
        .check(&["spec/resources/widgets.yaml:2:1: error: missing field `actions` \
         (hint: add the key; see spec/README.md for what each file must declare)"]);
}

#[test]
fn resource_with_no_actions() {
    base().file(WIDGETS_PATH, "resource: widgets\nactions: {}\n").check(&[
        "spec/resources/widgets.yaml:1:11: error: the resource has no actions (hint: add an action under `actions:`)",
    ]);
}

#[test]
fn api_without_base_url() {
    base()
        .replace(API_PATH, "base_url: https://api.example.com\n", "")
        .check(&["spec/api.yaml:5:1: error: missing field `base_url` \
         (hint: add the key; see spec/README.md for what each file must declare)"]);
}

#[test]
fn schema_without_type() {
    base()
        .file(NOTE_PATH, "schema: note\nproperties:\n  text:\n    type: string\n")
        .check(&["spec/schemas/note.yaml:1:9: error: the schema has no `type` \
         (hint: add `type:` (object, string, array or map), or `one_of:`)"]);
}

#[test]
fn empty_file() {
    base().file(WIDGETS_PATH, "\n  \n").check(&[
        "spec/resources/widgets.yaml:1:1: error: the file is empty (hint: write the file's mapping, or delete the file)",
    ]);
}

#[test]
fn file_of_only_comments() {
    base().file(WIDGETS_PATH, "# widgets, some day\n").check(&[
        "spec/resources/widgets.yaml:1:1: error: the file is empty (hint: write the file's mapping, or delete the file)",
    ]);
}

#[test]
fn file_that_is_a_list() {
    base()
        .file(WIDGETS_PATH, "- resource: widgets\n- actions: {}\n")
        .check(&["spec/resources/widgets.yaml:1:1: error: expected mapping start \
         (hint: the file must be a YAML mapping of keys to values)"]);
}

#[test]
fn file_that_is_a_scalar() {
    base().file(WIDGETS_PATH, "widgets\n").check(&["spec/resources/widgets.yaml:1:1: error: expected mapping start \
         (hint: the file must be a YAML mapping of keys to values)"]);
}

#[test]
fn duplicate_action_key() {
    base()
        .replace(WIDGETS_PATH, "  post:\n", "  get:\n")
        .check(&["spec/resources/widgets.yaml:26:3: error: duplicate mapping key: get \
         (hint: each key may appear once in a mapping; remove or rename one)"]);
}

#[test]
fn missing_api_file() {
    base()
        .remove(API_PATH)
        .check(&["api.yaml: error: the spec has no api.yaml (hint: create api.yaml beside resources/ and schemas/)"]);
}

#[test]
fn second_api_file() {
    base()
        .file("spec/v2/api.yaml", API)
        .check(&["spec/v2/api.yaml: error: a second API file (hint: keep exactly one api.yaml)"]);
}

// --- The API file ---

#[test]
fn base_url_is_not_http() {
    base()
        .replace(API_PATH, "https://api.example.com", "api.example.com")
        .check(&["spec/api.yaml:3:11: error: `base_url` must be an http:// or https:// URL"]);
}

#[test]
fn unknown_auth_scheme() {
    base()
        .replace(API_PATH, "scheme: bearer", "scheme: basic")
        .check(&["spec/api.yaml:5:11: error: unknown auth scheme `basic` (hint: use `bearer`)"]);
}

#[test]
fn duplicate_header() {
    base()
        .replace(API_PATH, "auth:", "headers:\n  - name: Accept\n    value: a\n  - name: accept\n    value: b\nauth:")
        .check(&["spec/api.yaml:7:11: error: header `accept` is declared twice"]);
}

#[test]
fn global_param_in_the_path() {
    base()
        .replace(
            API_PATH,
            "auth:",
            "global_params:\n  - name: x\n    in: path\n    type: string\n    required: true\nauth:",
        )
        .check(&["spec/api.yaml:6:9: error: global params travel in the query or a header \
             (hint: move path and body params to the actions)"]);
}

#[test]
fn unknown_error_schema() {
    base()
        .replace(API_PATH, "error_schema: error", "error_schema: errors")
        .check(&["spec/api.yaml:6:15: error: unknown schema `errors` (hint: did you mean `error`?)"]);
}

// --- Resources and actions ---

#[test]
fn duplicate_resource() {
    base()
        .file("spec/resources/widgets.yml", WIDGETS)
        .check(&["spec/resources/widgets.yml:1:11: error: resource `widgets` is declared twice \
         (first in spec/resources/widgets.yaml) (hint: rename or remove one of them)"]);
}

#[test]
fn resources_that_become_the_same_module() {
    base().file("spec/resources/Widgets.yaml", &WIDGETS.replace("resource: widgets", "resource: Widgets")).check(&[
        "spec/resources/widgets.yaml:1:11: error: resources `Widgets` (in spec/resources/Widgets.yaml) and `widgets` \
         both become the Rust module `widgets` (hint: rename or remove one of them)",
    ]);
}

#[test]
fn resource_named_like_what_the_client_declares() {
    let renamed = |name: &str| WIDGETS.replace("resource: widgets", &format!("resource: {name}"));
    base().remove(WIDGETS_PATH).file("spec/resources/commonParams.yaml", &renamed("commonParams")).check(&[
        "spec/resources/commonParams.yaml:1:11: error: resource `commonParams` becomes the Rust type `CommonParams`, \
         which the client declares itself (hint: rename the resource)",
    ]);
    base().remove(WIDGETS_PATH).file("spec/resources/types.yaml", &renamed("types")).check(&[
        "spec/resources/types.yaml:1:11: error: resource `types` becomes the Rust module `types`, which holds the \
         schema types (hint: rename the resource)",
    ]);
}

#[test]
fn file_name_does_not_match_resource() {
    base().remove(WIDGETS_PATH).file("spec/resources/gadgets.yaml", WIDGETS).check(&[
        "spec/resources/gadgets.yaml:1:11: error: the file declares resource `widgets` but is named `gadgets` \
         (hint: rename the file to widgets.yaml)",
    ]);
}

#[test]
fn invalid_http_method() {
    base()
        .replace(WIDGETS_PATH, "method: POST", "method: post")
        .check(&["spec/resources/widgets.yaml:28:13: error: invalid HTTP method `post` \
         (hint: did you mean `POST`? (methods are upper case))"]);
}

#[test]
fn action_without_scopes() {
    base()
        .replace(WIDGETS_PATH, "    scopes: [widgets.post]\n", "")
        .check(&["spec/resources/widgets.yaml:26:3: error: action `post` has no scopes \
         (hint: list the scopes of which a token needs one under `scopes:`, or set `auth: false`)"]);
}

#[test]
fn action_with_empty_scopes() {
    base()
        .replace(WIDGETS_PATH, "scopes: [widgets.post]", "scopes: []")
        .check(&["spec/resources/widgets.yaml:30:13: error: action `post` has no scopes \
         (hint: list the scopes of which a token needs one under `scopes:`, or set `auth: false`)"]);
}

#[test]
fn action_without_auth_but_with_scopes() {
    base()
        .insert_after(WIDGETS_PATH, "    method: POST\n", "    auth: false\n")
        .check(&["spec/resources/widgets.yaml:31:13: error: an action with `auth: false` has no scopes \
         (hint: remove `scopes:` or `auth: false`)"]);
}

#[test]
fn action_without_success_response() {
    base()
        .replace(WIDGETS_PATH, "      success:\n        - code: 200\n          schema: widget\n", "")
        .check(&["spec/resources/widgets.yaml:20:7: error: action `get` has no success response \
         (hint: add a `success:` entry with `code` and `schema`)"]);
}

#[test]
fn action_without_responses() {
    base()
        .replace(WIDGETS_PATH, "    responses:\n      success:\n        - code: 201\n          schema: widget\n", "")
        .check(&["spec/resources/widgets.yaml:26:3: error: action `post` has no `responses` \
             (hint: add `responses:` with at least one `success` entry)"]);
}

#[test]
fn status_code_out_of_range() {
    base()
        .replace(WIDGETS_PATH, "- code: 404", "- code: 600")
        .check(&["spec/resources/widgets.yaml:24:17: error: `600` is not an HTTP status code \
         (hint: status codes run from 100 to 599)"]);
}

#[test]
fn success_code_that_is_not_2xx() {
    base()
        .replace(WIDGETS_PATH, "- code: 201", "- code: 302")
        .check(&["spec/resources/widgets.yaml:42:17: error: status 302 is not a success status \
         (hint: success responses use 200..=299)"]);
}

#[test]
fn error_code_that_is_not_an_error() {
    base()
        .replace(WIDGETS_PATH, "- code: 404", "- code: 204")
        .check(&["spec/resources/widgets.yaml:24:17: error: status 204 is not an error status \
         (hint: error responses use 400..=599)"]);
}

#[test]
fn success_status_documented_twice() {
    base()
        .replace(
            WIDGETS_PATH,
            "          schema: widget\n      errors:",
            "          schema: widget\n        - code: 200\n      errors:",
        )
        .check(&["spec/resources/widgets.yaml:23:17: error: status 200 is documented twice"]);
}

#[test]
fn error_response_with_another_schema() {
    base().replace(WIDGETS_PATH, "          schema: error\n", "          schema: widget\n").check(&[
        "spec/resources/widgets.yaml:25:19: error: error responses decode into the API's error schema `error`, \
         not `widget` (hint: use `schema: error_schema` from api.yaml, or change api.yaml)",
    ]);
}

#[test]
fn response_body_that_is_an_enum() {
    base()
        .file("spec/schemas/status.yaml", "schema: status\ntype: string\nenum: [on, off]\n")
        .replace(WIDGETS_PATH, "- code: 201\n          schema: widget", "- code: 201\n          schema: status")
        .check(&["spec/resources/widgets.yaml:43:19: error: a response body cannot be a bare enum \
         (hint: wrap the value in an object schema)"]);
}

#[test]
fn unknown_schema_reference() {
    base()
        .replace(WIDGETS_PATH, "        ref: widget\n", "        ref: widgte\n")
        .check(&["spec/resources/widgets.yaml:38:14: error: unknown schema `widgte` (hint: did you mean `widget`?)"]);
}

#[test]
fn unknown_schema_reference_without_a_near_name() {
    base()
        .replace(WIDGETS_PATH, "- code: 201\n          schema: widget", "- code: 201\n          schema: gizmo")
        .check(&["spec/resources/widgets.yaml:43:19: error: unknown schema `gizmo` \
         (hint: declare it in spec/schemas/gizmo.yaml, or fix the name)"]);
}

// --- Paths and params ---

#[test]
fn path_placeholder_without_path_param() {
    base()
        .replace(
            WIDGETS_PATH,
            "path: /apps/{appId}/widgets\n    scopes: [widgets.post]",
            "path: /apps/{appId}/widgets/{widgetId}\n    scopes: [widgets.post]",
        )
        .check(&["spec/resources/widgets.yaml:29:11: error: the path placeholder `{widgetId}` has no path param \
             (hint: declare a param `widgetId` with `in: path` and `required: true`)"]);
}

#[test]
fn path_placeholder_of_a_query_param() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId}/widgets/{sortDirection}\n    scopes: [widgets.get]")
        .check(&["spec/resources/widgets.yaml:7:11: error: the path placeholder `{sortDirection}` has no path param \
             (hint: `sortDirection` is declared, but not `in: path`)"]);
}

#[test]
fn path_param_without_placeholder() {
    base().replace(WIDGETS_PATH, GET_PATH, "path: /widgets\n    scopes: [widgets.get]").check(&[
        "spec/resources/widgets.yaml:10:15: error: path param `appId` does not appear in the path `/widgets` \
         (hint: add `{appId}` to the path, or move the param to the query)",
    ]);
}

#[test]
fn path_param_not_required() {
    base()
        .replace(WIDGETS_PATH, "        required: true\n      - name: sortDirection", "      - name: sortDirection")
        .check(&["spec/resources/widgets.yaml:10:15: error: path param `appId` must be `required: true` \
         (hint: a path cannot leave a segment out)"]);
}

#[test]
fn path_without_leading_slash() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: apps/{appId}/widgets\n    scopes: [widgets.get]")
        .check(&["spec/resources/widgets.yaml:7:11: error: a path starts with `/`"]);
}

#[test]
fn path_placeholder_never_closed() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId/widgets\n    scopes: [widgets.get]")
        .check(&["spec/resources/widgets.yaml:7:11: error: a `{` in the path is never closed \
         (hint: write placeholders as {paramName})"]);
}

#[test]
fn path_placeholder_twice() {
    base()
        .replace(WIDGETS_PATH, GET_PATH, "path: /apps/{appId}/{appId}\n    scopes: [widgets.get]")
        .check(&["spec/resources/widgets.yaml:7:11: error: the placeholder `{appId}` appears twice"]);
}

#[test]
fn default_not_among_enum_values() {
    base().replace(WIDGETS_PATH, "default: asc", "default: up").check(&[
        "spec/resources/widgets.yaml:18:18: error: default `up` is not among the allowed values (asc, desc) \
         (hint: fix the default, or the type or allowed values)",
    ]);
}

#[test]
fn default_of_the_wrong_type() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: page\n        in: query\n        type: integer\n        default: first\n",
        )
        .check(&["spec/resources/widgets.yaml:22:18: error: default `first` does not fit type integer \
             (hint: fix the default, or the type or allowed values)"]);
}

#[test]
fn default_of_the_wrong_type_for_an_enum() {
    base().replace(WIDGETS_PATH, "default: asc", "default: true").check(&[
        "spec/resources/widgets.yaml:18:18: error: default `true` is not among the allowed values (asc, desc) \
         (hint: fix the default, or the type or allowed values)",
    ]);
}

#[test]
fn required_param_with_a_default() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "default: asc\n        required: true")
        .check(&["spec/resources/widgets.yaml:18:18: error: a required param cannot have a default \
         (hint: drop `default` or `required`)"]);
}

#[test]
fn send_default_without_default() {
    base()
        .replace(WIDGETS_PATH, "default: asc", "send_default: true")
        .check(&["spec/resources/widgets.yaml:18:23: error: `send_default` needs a `default`"]);
}

#[test]
fn duplicate_param_name() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: sortDirection\n        in: query\n        type: string\n",
        )
        .check(&["spec/resources/widgets.yaml:19:15: error: param `sortDirection` is declared twice \
             (also as another param) (hint: remove or rename one)"]);
}

#[test]
fn param_that_is_also_a_global_param() {
    base()
        .replace(API_PATH, "auth:", "global_params:\n  - name: sortDirection\n    in: query\n    type: string\nauth:")
        .check(&["spec/resources/widgets.yaml:14:15: error: param `sortDirection` is declared twice \
             (also as a global param) (hint: remove or rename one)"]);
}

#[test]
fn params_collide_after_case_conversion() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: sortField\n        in: query\n        type: string\n      \
             - name: sort_field\n        in: query\n        type: string\n",
        )
        .check(&[
            "spec/resources/widgets.yaml:22:15: error: params `sortField` and `sort_field` both become the Rust name \
             `sort_field` (hint: rename one of them)",
        ]);
}

#[test]
fn params_named_like_builder_members_are_renamed_and_keep_their_wire_names() {
    let params = ["send", "sendBlocking", "timeout", "retry", "clone", "pages", "items", "pageLimit"]
        .iter()
        .map(|name| format!("      - name: {name}\n        in: query\n        type: string\n"))
        .collect::<String>();
    let spec = base().insert_after(WIDGETS_PATH, AFTER_SORT, &params);
    let widgets = generated(&spec, "widgets.rs");
    for (rust, wire) in [
        ("send_", "send"),
        ("send_blocking_", "sendBlocking"),
        ("timeout_", "timeout"),
        ("retry_", "retry"),
        ("clone_", "clone"),
        ("pages_", "pages"),
        ("items_", "items"),
        ("page_limit_", "pageLimit"),
    ] {
        assert!(widgets.contains(&format!("pub fn {rust}(mut self, value: impl Into<String>) -> Self")), "{rust}");
        assert!(widgets.contains(&format!("request.query(\"{wire}\", value);")), "{wire}");
    }
    // The builder's own members are still there, once each.
    assert_eq!(widgets.matches("pub async fn send(self)").count(), 2);
}

#[test]
fn params_that_collide_after_renaming_are_reported() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: send\n        in: query\n        type: string\n      - name: send_\n        in: query\n        \
             type: string\n",
        )
        .check(&["spec/resources/widgets.yaml:22:15: error: params `send` and `send_` both become the Rust name `send_` \
             (hint: rename one of them)"]);
}

#[test]
fn param_without_name() {
    base()
        .replace(WIDGETS_PATH, "      - name: sortDirection\n        in: query", "      - in: query")
        .check(&["spec/resources/widgets.yaml:14:13: error: a param has no `name` \
         (hint: add `name:` with the param's name on the wire)"]);
}

#[test]
fn unknown_param_location() {
    base()
        .replace(WIDGETS_PATH, "in: query", "in: cookie")
        .check(&["spec/resources/widgets.yaml:15:13: error: unknown param location `cookie` \
         (hint: use path, query, header, body or multipart)"]);
}

#[test]
fn unknown_param_type() {
    base()
        .replace(WIDGETS_PATH, "        in: query\n        type: string", "        in: query\n        type: strng")
        .check(&["spec/resources/widgets.yaml:16:15: error: unknown type `strng` \
         (hint: did you mean `string`? (types: string, integer, number, boolean, array, map, any, file, \
         or `ref: <schema>`))"]);
}

#[test]
fn body_param_on_get() {
    base()
        .insert_after(WIDGETS_PATH, AFTER_SORT, "      - name: filter\n        in: body\n        ref: widget\n")
        .check(&["spec/resources/widgets.yaml:19:15: error: a GET action cannot have a body param \
             (hint: send the value in the query, or change the method)"]);
}

#[test]
fn two_body_params() {
    base()
        .insert_after(
            WIDGETS_PATH,
            "        ref: widget\n        required: true\n",
            "      - name: extra\n        in: body\n        ref: widget\n",
        )
        .check(&["spec/resources/widgets.yaml:40:15: error: an action has at most one body param \
             (hint: merge the body params into one schema)"]);
}

#[test]
fn body_param_that_is_a_string() {
    base()
        .replace(
            WIDGETS_PATH,
            "        ref: widget\n        required: true",
            "        type: string\n        required: true",
        )
        .check(&["spec/resources/widgets.yaml:36:15: error: body param `widget` cannot be string \
         (hint: a body is an object, an array, a map or `any`)"]);
}

#[test]
fn query_param_that_is_a_file() {
    base()
        .replace(WIDGETS_PATH, "type: string\n        enum: [asc, desc]\n        default: asc", "type: file")
        .check(&["spec/resources/widgets.yaml:14:15: error: query param `sortDirection` cannot be file \
             (hint: files travel as `in: multipart` params)"]);
}

#[test]
fn enum_values_differing_in_case_are_variants_named_by_their_case() {
    let spec = base().replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, desc, ASC, '', '*', none, unknown, '0']");
    let code = generated(&spec, "widgets.rs");
    for (variant, wire) in [
        ("AscLower", "\"asc\""),
        ("Desc", "\"desc\""),
        ("AscUpper", "\"ASC\""),
        ("Empty", "\"\""),
        ("Star", "\"*\""),
        ("None_", "\"none\""),
        ("Unknown_", "\"unknown\""),
        ("V0", "\"0\""),
    ] {
        assert!(code.contains(&format!("SortDirection::{variant} => {wire},")), "{variant} {wire}:\n{code}");
    }
}

#[test]
fn enums_of_integers_numbers_and_booleans() {
    let spec = base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [0, 1, -1]\n        default: 1",
        )
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "  ratio:\n    type: number\n    enum: [1, 2.5]\n  on:\n    type: boolean\n    enum: [true]\n",
        );
    let code = generated(&spec, "widgets.rs");
    assert!(code.contains("SortDirection::Minus1 => -1,"), "{code}");
    let types = generated(&spec, "types.rs");
    assert!(types.contains("WidgetRatio::V2_5 => serializer.serialize_f64(2.5),"), "{types}");
    assert!(types.contains("WidgetRatio::V1 => serializer.serialize_i64(1),"), "{types}");
    assert!(types.contains("pub fn as_bool(&self) -> bool"), "{types}");
}

#[test]
fn enum_value_not_of_the_enum_type() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: boolean\n        enum: [true, yes]",
        )
        .check(&["spec/resources/widgets.yaml:17:15: error: enum value `yes` is not a boolean \
             (hint: every value of an enum has the enum's type)"]);
}

#[test]
fn number_enum_value_listed_twice() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: number\n        enum: [1, 1.0]",
        )
        .check(&["spec/resources/widgets.yaml:17:15: error: enum value `1.0` is listed twice"]);
}

#[test]
fn enum_default_of_another_type() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [1, 2]\n        default: '1'",
        )
        .check(&["spec/resources/widgets.yaml:18:18: error: default `1` is not among the allowed values (1, 2) \
             (hint: fix the default, or the type or allowed values)"]);
}

#[test]
fn enum_on_an_array() {
    base()
        .replace(WIDGETS_PATH, "type: string\n        enum: [asc, desc]\n        default: asc", "type: array\n        items: {type: string}\n        enum: [asc]")
        .check(&["spec/resources/widgets.yaml:18:15: error: `enum` is only for strings, integers, numbers and booleans, not `array`"]);
}

#[test]
fn integer_schema_without_enum() {
    base()
        .file(NOTE_PATH, "schema: note\ntype: integer\n")
        .check(&["spec/schemas/note.yaml:2:7: error: an integer schema needs `enum` (hint: list the allowed values)"]);
}

#[test]
fn enum_value_listed_twice() {
    base()
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, desc, asc]")
        .check(&["spec/resources/widgets.yaml:17:15: error: enum value `asc` is listed twice"]);
}

#[test]
fn enum_without_values() {
    base().replace(WIDGETS_PATH, "enum: [asc, desc]\n        default: asc", "enum: []").check(&[
        "spec/resources/widgets.yaml:17:15: error: `enum` lists no values (hint: list the allowed values, or drop `enum`)",
    ]);
}

#[test]
fn enum_on_an_integer() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: integer\n        enum: [asc, desc]",
        )
        .check(&[
            "spec/resources/widgets.yaml:17:15: error: enum value `asc` is not an integer \
             (hint: every value of an enum has the enum's type)",
            "spec/resources/widgets.yaml:17:15: error: enum value `desc` is not an integer \
             (hint: every value of an enum has the enum's type)",
        ]);
}

// --- Schemas ---

#[test]
fn duplicate_schema() {
    base().file("spec/schemas/widget.yml", WIDGET).check(&[
        "spec/schemas/widget.yml:1:9: error: schema `widget` is declared twice (first in spec/schemas/widget.yaml) (hint: rename or remove one of them)",
    ]);
}

#[test]
fn file_name_does_not_match_schema() {
    base()
        .file(NOTE_PATH, "schema: notes\ntype: object\nproperties:\n  text:\n    type: string\n")
        .check(&["spec/schemas/note.yaml:1:9: error: the file declares schema `notes` but is named `note` \
         (hint: rename the file to notes.yaml)"]);
}

#[test]
fn schema_with_unknown_type() {
    base()
        .replace(WIDGET_PATH, "type: object\nproperties:", "type: record\nproperties:")
        .check(&["spec/schemas/widget.yaml:2:7: error: a schema's `type` is `object`, `array`, `map`, or `string`, \
         `integer`, `number` or `boolean` with `enum`, not `record` (hint: or leave `type` out and give `one_of`)"]);
}

#[test]
fn string_schema_without_enum() {
    base()
        .file(NOTE_PATH, "schema: note\ntype: string\n")
        .check(&["spec/schemas/note.yaml:2:7: error: a string schema needs `enum` (hint: list the allowed values)"]);
}

#[test]
fn object_schema_without_properties() {
    base()
        .file(NOTE_PATH, "schema: note\ntype: object\n")
        .check(&["spec/schemas/note.yaml:2:7: error: an object schema needs `properties`"]);
}

#[test]
fn string_schema_enum_values_differing_in_case() {
    let types = generated(&base().file(NOTE_PATH, "schema: note\ntype: string\nenum: [asc, ASC]\n"), "types.rs");
    assert!(types.contains("Note::AscLower => \"asc\",") && types.contains("Note::AscUpper => \"ASC\","), "{types}");
}

#[test]
fn inline_object_property() {
    base()
        .replace(
            WIDGET_PATH,
            "  tags:\n    type: array\n    items:\n      type: string\n",
            "  owner:\n    type: object\n",
        )
        .check(&["spec/schemas/widget.yaml:8:11: error: inline objects are not supported \
             (hint: declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`; \
             `type: any` takes any JSON value)"]);
}

#[test]
fn inline_object_items() {
    base().replace(WIDGET_PATH, "      type: string", "      type: object").check(&[
        "spec/schemas/widget.yaml:10:13: error: inline objects are not supported \
         (hint: declare the object as a schema in spec/schemas/ and refer to it with `ref: <name>`; \
             `type: any` takes any JSON value)",
    ]);
}

#[test]
fn type_and_ref() {
    base().replace(WIDGET_PATH, "  name:\n    type: string", "  name:\n    ref: error\n    type: string").check(&[
        "spec/schemas/widget.yaml:5:10: error: give one of `type`, `ref` or `one_of` (hint: keep the one you mean)",
    ]);
}

#[test]
fn properties_collide_after_case_conversion() {
    base().insert_after(WIDGET_PATH, "    required: true\n", "  Name:\n    type: string\n").check(&[
        "spec/schemas/widget.yaml:7:3: error: properties `name` and `Name` both become the Rust field `name` \
         (hint: rename one of them)",
    ]);
}

#[test]
fn inline_enum_collides_with_a_schema() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  status:\n    type: string\n    enum: [on, off]\n")
        .file("spec/schemas/widgetStatus.yaml", "schema: widgetStatus\ntype: string\nenum: [on, off]\n")
        .check(&["spec/schemas/widgetStatus.yaml:1:9: error: the Rust type `WidgetStatus` would be generated twice \
             (also for schema `widget`) (hint: rename a property or schema, or set `rust_name`)"]);
}

#[test]
fn property_with_param_keys() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    in: query\n")
        .check(&["spec/schemas/widget.yaml:7:9: error: `in` is only for params, not properties (hint: remove it)"]);
}

#[test]
fn min_length_greater_than_max_length() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    min_length: 5\n    max_length: 2\n")
        .check(&["spec/schemas/widget.yaml:7:17: error: `min_length` is greater than `max_length`"]);
}

#[test]
fn constraint_that_does_not_apply() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "    max_items: 5\n")
        .check(&["spec/schemas/widget.yaml:7:16: error: `max_items` does not apply to string"]);
}

#[test]
fn rust_name_is_not_upper_camel_case() {
    base()
        .replace(ERROR_PATH, "rust_name: ApiError", "rust_name: api_error")
        .check(&["spec/schemas/error.yaml:2:12: error: `api_error` is not an UpperCamelCase Rust type name (hint: write it like `ApiError`)"]);
}

#[test]
fn schema_file_that_does_not_parse() {
    base()
        .replace(WIDGET_PATH, "  name:\n    type: string", "  name:\n\ttype: string")
        .check(&["spec/schemas/widget.yaml:5:2: error: tabs disallowed within this context (block indentation) \
         (hint: indent with spaces; YAML does not allow tabs for indentation)"]);
}

// --- Many problems at once ---

#[test]
fn problems_in_several_files_are_all_reported_in_order() {
    base()
        .replace(ERROR_PATH, "type: string", "type: text")
        .replace(WIDGET_PATH, "type: object\nproperties:", "type: record\nproperties:")
        .replace(WIDGETS_PATH, "method: POST", "method: PUSH")
        .replace(WIDGETS_PATH, "default: asc", "default: up")
        .replace(API_PATH, "scheme: bearer", "scheme: basic")
        .check(&[
            "spec/api.yaml:5:11: error: unknown auth scheme `basic` (hint: use `bearer`)",
            "spec/resources/widgets.yaml:18:18: error: default `up` is not among the allowed values (asc, desc) \
             (hint: fix the default, or the type or allowed values)",
            "spec/resources/widgets.yaml:28:13: error: invalid HTTP method `PUSH` \
             (hint: did you mean `POST`? (methods are upper case))",
            "spec/schemas/error.yaml:6:11: error: unknown type `text` \
             (hint: use one of string, integer, number, boolean, array, map, any, file, or `ref: <schema>`)",
            "spec/schemas/widget.yaml:2:7: error: a schema's `type` is `object`, `array`, `map`, or `string`, \
             `integer`, `number` or `boolean` with `enum`, not `record` (hint: or leave `type` out and give `one_of`)",
        ]);
}

// --- Patterns, examples, self-references, keywords ---

#[test]
fn invalid_regex_pattern() {
    base()
        .replace(
            WIDGETS_PATH,
            "        required: true\n      - name: sortDirection",
            "        required: true\n        pattern: '^[0-9a-f{24}$'\n      - name: sortDirection",
        )
        .check(&["spec/resources/widgets.yaml:14:18: error: `^[0-9a-f{24}$` is not a valid regular expression: \
         non-empty character class has no closing bracket (hint: fix the pattern; quote it in single quotes so YAML keeps backslashes)"]);
}

#[test]
fn key_patterns_apply_to_maps_are_well_formed_and_match_example_keys() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  name2:\n    type: string\n    key_pattern: '^a'\n  labels:\n    type: map\n    values: {type: string}\n    \
             key_pattern: '^[a-z'\n  attrs:\n    type: map\n    values: {type: string}\n    key_pattern: '^[a-z]+$'\n    \
             example: {ok: v1, Bad: v2}\n",
        )
        .file(NOTE_PATH, "schema: note\ntype: object\nkey_pattern: '^a'\nproperties:\n  text: {type: string}\n")
        .file(
            "spec/schemas/labels.yaml",
            "schema: labels\ntype: map\nkey_pattern: '^[a-z]+$'\nvalues: {type: string}\nexample: {a: v1, B2: v2}\n",
        )
        .check(&[
            "spec/schemas/labels.yaml:5:10: error: example key `B2` does not match the key pattern `^[a-z]+$` \
             (hint: fix the example or the key pattern)",
            "spec/schemas/note.yaml:3:14: error: a `object` schema has no `key_pattern`",
            "spec/schemas/widget.yaml:6:18: error: `key_pattern` is only for maps, not `string`",
            "spec/schemas/widget.yaml:10:18: error: `^[a-z` is not a valid regular expression: found unclosed character \
             class (hint: fix the pattern; quote it in single quotes so YAML keeps backslashes)",
            "spec/schemas/widget.yaml:15:14: error: example key `Bad` does not match the key pattern `^[a-z]+$` \
             (hint: fix the example or the key pattern)",
        ]);
}

#[test]
fn additional_is_for_objects_and_holds_a_map() {
    base()
        .insert_after(WIDGET_PATH, "      type: string\n", "additional:\n  key_pattern: '^[a-z'\n  values: {type: string}\n")
        .file(NOTE_PATH, "schema: note\ntype: map\nvalues: {type: string}\nadditional:\n  values: {type: string}\n")
        .file(
            "spec/schemas/labels.yaml",
            "schema: labels\ntype: object\nproperties:\n  a: {type: string}\nadditional:\n  type: map\n  description: x\n",
        )
        .check(&[
            "spec/schemas/labels.yaml:6:9: error: `additional` has no `type` (hint: give `values` (the type of the \
             other keys' values), `key_pattern` and `description`)",
            "spec/schemas/labels.yaml:6:9: error: `additional` needs `values` (hint: the type of the other keys' values)",
            "spec/schemas/note.yaml:5:18: error: a `map` schema has no `additional`",
            "spec/schemas/widget.yaml:12:16: error: `^[a-z` is not a valid regular expression: found unclosed \
             character class (hint: fix the pattern; quote it in single quotes so YAML keeps backslashes)",
        ]);
}

#[test]
fn closed_is_for_objects_and_their_examples_declare_every_key() {
    base()
        .insert_after(
            WIDGET_PATH,
            "      type: string\n",
            "  at:\n    ref: point\n    example: {x: 1, z: 2}\nexample: {name: a, at: {x: 1}, tags: [b], extra: 1}\n",
        )
        .file(NOTE_PATH, "schema: note\ntype: map\nvalues: {type: string}\nclosed: true\n")
        .file(
            "spec/schemas/labels.yaml",
            "schema: labels\ntype: object\nclosed: true\nproperties:\n  a: {type: string}\nadditional:\n  values: {type: string}\n",
        )
        .file(
            "spec/schemas/point.yaml",
            "schema: point\ntype: object\nclosed: true\nproperties:\n  x: {type: number}\n  inner: {ref: point}\n\
             example: {x: 1, inner: {x: 2, y: 3}}\n",
        )
        .check(&[
            "spec/schemas/labels.yaml:3:9: error: a closed object has no `additional` keys (hint: remove \
             `closed: true`, or `additional` if the object has no other keys)",
            "spec/schemas/note.yaml:4:9: error: a `map` schema has no `closed`",
            "spec/schemas/point.yaml:7:10: error: the example gives the closed object `point` the key `y` at \
             `/inner`, which it does not declare (hint: fix the example, or declare the property (or drop \
             `closed: true`))",
            "spec/schemas/widget.yaml:13:14: error: the example gives the closed object `point` the key `z`, which \
             it does not declare (hint: fix the example, or declare the property (or drop `closed: true`))",
        ]);
}

#[test]
fn key_patterns_are_documented() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "properties:\n",
        "  attrs:\n    type: map\n    values: {type: string}\n    key_pattern: '^[a-z]+$'\n    example: {ok: x}\n",
    );
    let code = generated(&spec, "types.rs");
    assert!(code.contains("keys match `^[a-z]+$`"), "{code}");
}

#[test]
fn patterns_the_regex_engine_cannot_read_are_documentation() {
    // Look-around and backreferences, as the Losant data has them: the
    // examples are not checked against them, and the docs show them.
    let spec = base().replace(
        WIDGETS_PATH,
        "        required: true\n      - name: sortDirection",
        "        required: true\n        pattern: '^(?!\\.{1,2}$)([0-9a-z])\\1?$'\n        example: '..'\n      - name: sortDirection",
    );
    let code = generated(&spec, "widgets.rs");
    assert!(code.contains("Pattern `^(?!\\.{1,2}$)([0-9a-z])\\1?$`. Example: `..`."), "{code}");
}

#[test]
fn number_and_count_limits_that_do_not_apply_or_contradict() {
    base()
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "    minimum: 1\n  size:\n    type: integer\n    minimum: 10\n    maximum: 1\n  labels:\n    type: array\n    \
             items: {type: string}\n    min_items: 3\n    max_items: 2\n    min_properties: 1\n  flag:\n    type: boolean\n    \
             default: 'yes'\n",
        )
        .check(&[
            "spec/schemas/widget.yaml:7:14: error: `minimum` does not apply to string",
            "spec/schemas/widget.yaml:10:14: error: `minimum` is greater than `maximum`",
            "spec/schemas/widget.yaml:15:16: error: `min_items` is greater than `max_items`",
            "spec/schemas/widget.yaml:17:21: error: `min_properties` does not apply to array of string",
            "spec/schemas/widget.yaml:20:14: error: default `yes` does not fit type boolean \
             (hint: fix the default, or the type or allowed values)",
        ]);
}

#[test]
fn default_and_example_out_of_bounds() {
    base()
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: limit\n        in: query\n        type: integer\n        minimum: 1\n        maximum: 100\n        \
             default: 0\n        example: 1000\n",
        )
        .check(&[
            "spec/resources/widgets.yaml:24:18: error: default `0` is below the minimum 1",
            "spec/resources/widgets.yaml:25:18: error: example `1000` is above the maximum 100",
        ]);
}

#[test]
fn limits_defaults_and_deprecation_are_documented_and_checked() {
    let spec = base()
        .insert_after(
            WIDGET_PATH,
            "    required: true\n",
            "  size:\n    type: integer\n    minimum: 1\n    maximum: 10\n    default: 5\n    deprecated: true\n",
        )
        .insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: limit\n        in: query\n        type: number\n        minimum: 0.5\n",
        );
    let types = generated(&spec, "types.rs");
    assert!(types.contains("minimum 1; maximum 10; default `5` (applied by the server); deprecated"), "{types}");
    assert!(types.contains("limits::range(\"size\", *value as f64, Some(1.0), Some(10.0))?;"), "{types}");
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("Limits: minimum 0.5."), "{widgets}");
    assert!(widgets.contains("limits::range(\"limit\", *value, Some(0.5), None)"), "{widgets}");
}

#[test]
fn example_not_among_the_allowed_values() {
    // The Losant docs' own mistake: `filterField` allows name and status, and
    // documents `key` as its example.
    base().insert_after(WIDGETS_PATH, AFTER_SORT, "        example: up\n").check(&[
        "spec/resources/widgets.yaml:19:18: error: example `up` is not among the allowed values (asc, desc) \
         (hint: fix the example, or the type or allowed values)",
    ]);
}

#[test]
fn example_not_matching_the_pattern() {
    base()
        .replace(
            WIDGETS_PATH,
            "        required: true\n      - name: sortDirection",
            "        required: true\n        pattern: '^[A-Fa-f\\d]{24}$'\n        example: not-an-id\n      - name: sortDirection",
        )
        .check(&["spec/resources/widgets.yaml:15:18: error: example `not-an-id` does not match the pattern \
         `^[A-Fa-f\\d]{24}$` (hint: fix the example or the pattern)"]);
}

#[test]
fn example_of_the_wrong_type() {
    base()
        .insert_after(WIDGET_PATH, "    type: string\n    required: true\n", "    example: 12\n")
        .check(&["spec/schemas/widget.yaml:7:14: error: example `12` does not fit type string \
         (hint: fix the example, or the type or allowed values)"]);
}

#[test]
fn schema_that_contains_itself_without_indirection() {
    base()
        .insert_after(WIDGET_PATH, "    required: true\n", "  parent:\n    ref: widget\n    required: true\n")
        .check(&["spec/schemas/widget.yaml:7:3: error: `widget` contains itself through the required property \
         `parent` (hint: no finite value satisfies it: make the property optional, or an array)"]);
}

#[test]
fn schema_that_contains_itself_optionally_is_boxed() {
    let spec = base().insert_after(WIDGET_PATH, "    required: true\n", "  parent:\n    ref: widget\n");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let types = generated.iter().find(|f| f.path == "types.rs").expect("types.rs");
    assert!(types.contents.contains("pub parent: Option<Box<Widget>>,"), "{}", types.contents);
}

#[test]
fn rust_keyword_as_a_type_name() {
    base()
        .replace(ERROR_PATH, "rust_name: ApiError", "rust_name: Self")
        .check(&["spec/schemas/error.yaml:2:12: error: `Self` is a Rust keyword (hint: choose another type name)"]);
}

#[test]
fn rust_keywords_as_action_and_param_names_get_a_trailing_underscore() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  move:\n").replace(
        WIDGETS_PATH,
        "name: sortDirection",
        "name: type",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub fn move_("), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub fn type_(mut self, value: impl Into<Type>)"), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub struct Move {"), "{}", widgets.contents);
}

#[test]
fn a_param_type_named_like_a_schema_keeps_the_action_prefix() {
    // `widget` is also a schema: the module's own one-of must not shadow it.
    let spec = base().replace(
        WIDGETS_PATH,
        "        ref: widget\n        required: true",
        "        one_of:\n          - ref: widget\n          - type: array\n            items:\n              ref: widget\n        required: true",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub enum PostWidget {"), "{}", widgets.contents);
    assert!(widgets.contents.contains("Widget(Box<crate::types::Widget>),"), "{}", widgets.contents);
}

#[test]
fn actions_named_like_trait_methods_and_prelude_types_are_renamed() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  clone:\n");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").expect("widgets.rs");
    assert!(widgets.contents.contains("pub fn clone_("), "{}", widgets.contents);
    assert!(widgets.contents.contains("pub struct CloneRequest {"), "{}", widgets.contents);
}

#[test]
fn examples_of_structured_params_are_checked_item_by_item() {
    base()
        .replace(
            WIDGETS_PATH,
            "type: string\n        enum: [asc, desc]\n        default: asc",
            "type: array\n        items:\n          type: integer\n        example: [1, two]",
        )
        .check(&["spec/resources/widgets.yaml:19:18: error: example `two` does not fit type integer \
         (hint: fix the example, or the type or allowed values)"]);
}

#[test]
fn one_of_that_contains_itself() {
    base().file(NOTE_PATH, "schema: note\none_of:\n  - ref: note\n  - type: string\n").check(&[
        "spec/schemas/note.yaml:3:3: error: `note` is one of several shapes, one of which contains it again \
         (hint: no finite value satisfies it: go through an array, or an optional object property)",
    ]);
}

// --- Pagination ---

#[test]
fn pagination_names_params_and_fields_that_exist() {
    base()
        .replace(
            WIDGETS_PATH,
            "    responses:\n      success:\n        - code: 200",
            "    pagination:\n      page: pageNumber\n      items: name\n    responses:\n      success:\n        - code: 200",
        )
        .check(&[
            "spec/resources/widgets.yaml:20:13: error: action `get` has no param `pageNumber` \
             (hint: name one of the action's query params)",
            "spec/resources/widgets.yaml:21:14: error: `name` must be an array",
        ]);
}

#[test]
fn pagination_needs_an_integer_page_param() {
    base()
        .replace(
            WIDGETS_PATH,
            "    responses:\n      success:\n        - code: 200",
            "    pagination:\n      page: sortDirection\n      items: tags\n    responses:\n      success:\n        - code: 200",
        )
        .check(&["spec/resources/widgets.yaml:20:13: error: `sortDirection` must be an optional integer query param"]);
}

/// Generates `spec` and returns the text of the generated file `path`.
fn generated(spec: &Spec, path: &str) -> String {
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    generated.into_iter().find(|f| f.path == path).map(|f| f.contents).unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn properties_named_like_struct_methods_are_renamed_and_keep_their_wire_names() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "    required: true\n",
        "  new:\n    type: string\n  validate:\n    type: string\n  clone:\n    type: string\n",
    );
    let types = generated(&spec, "types.rs");
    for name in ["new", "validate", "clone"] {
        assert!(
            types.contains(&format!(
                "#[serde(rename = \"{name}\", skip_serializing_if = \"Option::is_none\")]\n    pub {name}_: Option<String>,"
            )),
            "{name}: {types}"
        );
        assert!(types.contains(&format!("pub fn {name}_(mut self, value: impl Into<String>) -> Self")), "{name}");
    }
    // The struct's own constructor and check are still there.
    assert!(types.contains("pub fn new(name: impl Into<String>) -> Self"), "{types}");
    assert!(types.contains("pub fn validate(&self) -> Result<(), String>"), "{types}");
}

#[test]
fn actions_named_like_handle_methods_are_renamed() {
    let spec = base().replace(WIDGETS_PATH, "  post:\n", "  new:\n");
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("    pub fn new_(\n        &self,\n        app_id: impl Into<String>,"), "{widgets}");
    assert!(widgets.contains("pub(crate) fn new(client: crate::runtime::Client) -> Self {"), "{widgets}");
    assert!(widgets.contains("ActionInfo::new(\n            \"widgets.new\",\n"), "{widgets}");
}

#[test]
fn resources_named_like_what_the_generated_code_uses_are_reported() {
    let renamed = |name: &str| WIDGETS.replace("resource: widgets", &format!("resource: {name}"));
    let cases = [
        ("std", "the Rust module `std`, which would shadow the crate generated code reaches by that name"),
        ("request_members", "the Rust module `request_members`, which the client declares itself"),
        ("timeout", "the Rust module `timeout`, which the client has as a method itself"),
        ("clone", "the Rust module `clone`, which would shadow the method every generated type derives"),
        ("result", "the Rust type `Result`, which would shadow the prelude's, which generated code uses"),
        ("option", "the Rust type `Option`, which would shadow the prelude's, which generated code uses"),
    ];
    for (name, becomes) in cases {
        base().remove(WIDGETS_PATH).file(&format!("spec/resources/{name}.yaml"), &renamed(name)).check(&[&format!(
            "spec/resources/{name}.yaml:1:11: error: resource `{name}` becomes {becomes} (hint: rename the resource)"
        )]);
    }
}

#[test]
fn schemas_named_like_prelude_types_are_reported() {
    for (name, rust) in [("result", "Result"), ("option", "Option"), ("vec", "Vec"), ("string", "String")] {
        base().file(&format!("spec/schemas/{name}.yaml"), &format!("schema: {name}\ntype: object\nproperties:\n  a:\n    type: string\n")).check(&[
            &format!(
                "spec/schemas/{name}.yaml:1:9: error: schema `{name}` becomes the Rust type `{rust}`, which would shadow \
                 the prelude's, which generated code uses (hint: rename the schema, or set `rust_name`)"
            ),
        ]);
    }
    base().replace(NOTE_OR_ERROR_RUST_NAME.0, NOTE_OR_ERROR_RUST_NAME.1, "rust_name: Box").check(&[
        "spec/schemas/error.yaml:2:12: error: schema `error` becomes the Rust type `Box`, which would shadow \
             the prelude's, which generated code uses (hint: choose another type name)",
    ]);
}

/// Where the error schema sets its Rust name.
const NOTE_OR_ERROR_RUST_NAME: (&str, &str) = (ERROR_PATH, "rust_name: ApiError");

#[test]
fn param_types_named_like_prelude_types_keep_the_action_prefix() {
    let spec = base().insert_after(
        WIDGETS_PATH,
        AFTER_SORT,
        "      - name: string\n        in: query\n        type: string\n        enum: [a, b]\n",
    );
    let widgets = generated(&spec, "widgets.rs");
    assert!(widgets.contains("pub enum GetString {"), "{widgets}");
    assert!(!widgets.contains("pub enum String "), "{widgets}");
}

#[test]
fn header_param_names_must_be_http_tokens() {
    for name in ["x y", "x:y", "\"x(y)\""] {
        base()
            .insert_after(
                WIDGETS_PATH,
                AFTER_SORT,
                &format!("      - name: {name}\n        in: header\n        type: string\n"),
            )
            .check(&[&format!(
                "spec/resources/widgets.yaml:19:15: error: header param `{}` is not a valid HTTP header name (hint: a \
                 header name is letters, digits and !#$%&'*+-.^_`|~, without spaces or colons)",
                name.trim_matches('"')
            )]);
    }
}

#[test]
fn paths_that_a_url_would_change_are_reported() {
    let with_path = |path: &str| {
        base().replace(WIDGETS_PATH, GET_PATH, &format!("path: \"{path}\"\n    scopes: [widgets.get]")).insert_after(
            WIDGETS_PATH,
            AFTER_SORT,
            "      - name: x\n        in: path\n        type: string\n        required: true\n",
        )
    };
    with_path("/apps/{appId}/{x}/../widgets?q=1#f").check(&[
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/{x}/../widgets?q=1#f` has a `..` segment, \
         which the URL resolves away (hint: write the path without it)",
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/{x}/../widgets?q=1#f` has `?`, which starts \
         the query (hint: query params are params with `in: query`; remove the `?` and what follows)",
    ]);
    with_path("/apps/{appId}/{x}#f").check(&[
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/{x}#f` has `#`, which starts the fragment, \
         which is never sent (hint: remove the `#` and what follows)",
    ]);
    with_path("/apps/{appId}/./{x}").check(&[
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/./{x}` has a `.` segment, which the URL \
         resolves away (hint: write the path without it)",
    ]);
    with_path("/apps/{appId}/a b/{x}").check(&[
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/a b/{x}` has U+0020, which is not a URL path \
         character (hint: a path has letters, digits, `/` and -._~!$&'()*+,;=:@ (or %XX escapes))",
    ]);
    with_path("/apps/{appId}/100%/{x}").check(&[
        "spec/resources/widgets.yaml:7:11: error: the path `/apps/{appId}/100%/{x}` has `%`, which is not followed by \
         two hex digits (hint: write a percent-escape as %XX)",
    ]);
}

#[test]
fn a_file_over_the_yaml_node_limit_says_which_limit_and_how_to_raise_it() {
    let spec = base();
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let limited = sources(&files).with_max_yaml_nodes(40);
    let diagnostics = generator::generate(&limited, &options()).expect_err("over the limit");
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "spec/resources/widgets.yaml:18:9: error: the file has more than 40 YAML nodes (values, lists and mappings), the \
         limit per file; parsing stopped at node 41 (hint: split the file, or raise the limit with \
         `SpecSources::with_max_yaml_nodes` where the generator is called)",
        ]
    );
    let raised = sources(&files).with_max_yaml_nodes(1000);
    assert!(generator::generate(&raised, &options()).is_ok());
}

#[test]
fn bidirectional_controls_are_reported_where_they_are() {
    base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", "description: The widgets\u{202E} of an app.")
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, \"de\\u2066sc\"]")
        .check(&[
            "spec/resources/widgets.yaml:2:25: error: the text has the invisible bidirectional control character \
             U+202E (hint: remove it: it makes text display in another order than it reads)",
            "spec/resources/widgets.yaml:17:24: error: the text has the invisible bidirectional control character \
             U+2066 (hint: remove it: it makes text display in another order than it reads)",
        ]);
}

#[test]
fn api_name_and_version_are_one_line() {
    base()
        .replace(API_PATH, "name: Demo API", "name: \"Demo\\nAPI\"")
        .replace(API_PATH, "version: 1.0.0", "version: \"1.0\\r\"")
        .check(&[
            "spec/api.yaml:1:7: error: `name` must be one line of text",
            "spec/api.yaml:2:10: error: `version` must be one line of text",
        ]);
}

#[test]
fn carriage_returns_in_spec_text_never_reach_the_source() {
    let spec = base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", "description: \"The widgets\\rof an app.\"")
        .replace(WIDGETS_PATH, "summary: Lists widgets", "summary: \"Lists\\rwidgets\"")
        .replace(WIDGETS_PATH, "enum: [asc, desc]", "enum: [asc, \"de\\rsc\"]\n        example: \"de\\rsc\"");
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    for file in generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}")) {
        assert!(!file.contents.contains('\r'), "{}: {}", file.path, file.contents);
    }
    let widgets = generated(&spec, "widgets.rs");
    // The value stays exact on the wire, and shows escaped in the docs.
    assert!(widgets.contains("SortDirection::DeSc => \"de\\rsc\","), "{widgets}");
    assert!(widgets.contains("/// `\"de\\rsc\"`"), "{widgets}");
}

#[test]
fn spec_text_never_opens_a_code_block_in_rustdoc() {
    let hostile = "\"```rust\\npanic!();\\n```\\n~~~\\npanic!();\\n~~~\\n\\n    panic!();\\n\\n\\tpanic!();\\n\\n-      panic!();\\n1.      panic!();\\n> ```\\n> panic!();\\n\"";
    let spec = base()
        .replace(WIDGETS_PATH, "description: The widgets of an app.", &format!("description: {hostile}"))
        .replace(WIDGETS_PATH, "summary: Lists widgets", &format!("summary: {hostile}"))
        .replace(WIDGETS_PATH, "scopes: [widgets.get]", "scopes: [\"a```b\", \"``\"]")
        .replace(
            WIDGETS_PATH,
            "        default: asc\n",
            &format!("        default: asc\n        description: {hostile}\n"),
        )
        .replace(WIDGET_PATH, "  tags:\n", &format!("  tags:\n    description: {hostile}\n"))
        .replace(
            ERROR_PATH,
            "type: object\n",
            &format!("type: object\ndescription: {hostile}\nexample:\n  message: {hostile}\n"),
        )
        .replace(
            WIDGETS_PATH,
            "        type: string\n        required: true\n      - name: sortDirection",
            &format!(
                "        type: string\n        required: true\n        example: {hostile}\n      - name: sortDirection"
            ),
        );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    for file in generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}")) {
        let foreign: Vec<_> = generator::code_blocks(&file.contents)
            .into_iter()
            .filter(|b| b.info != "no_run" && b.info != "json")
            .collect();
        assert!(foreign.is_empty(), "{}: code blocks from spec text {foreign:?}\n{}", file.path, file.contents);
    }
}

#[test]
fn markdown_docs_escape_html_of_the_spec() {
    let spec =
        base().replace(WIDGETS_PATH, "description: The widgets of an app.", "description: The <b>widgets</b>").replace(
            WIDGETS_PATH,
            "summary: Lists widgets",
            "summary: \"Lists </script><script>alert(1)</script> & `<kept>`\"",
        );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let docs = generator::generate_docs(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let widgets = &docs.iter().find(|f| f.path == "widgets.md").expect("widgets.md").contents;
    assert!(!widgets.contains("</script>"), "{widgets}");
    assert!(widgets.contains("Lists &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; `<kept>`"), "{widgets}");
}

// Streams of server-sent events.

/// The `get` action as a stream (its success response keeps no schema).
fn streaming() -> Spec {
    base()
        .insert_after(WIDGETS_PATH, GET_PATH, "\n    stream: sse\n    event: {name: widgetChanged, schema: widget}")
        .replace(WIDGETS_PATH, "        - code: 200\n          schema: widget\n", "        - code: 200\n")
}

#[test]
fn a_stream_needs_the_sse_feature() {
    streaming().check(&[
        "spec/resources/widgets.yaml: error: action `widgets.get` streams server-sent events, which needs a cargo \
         feature of the client crate, and `Options::sse_feature` names none (hint: set `sse_feature` (e.g. \
         `Some(\"sse\".into())`) and declare that feature in the client crate as `sse = \
         [\"generator-runtime/sse\"]`)",
    ]);
    let spec = streaming();
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let options = Options { sse_feature: Some("sse".into()), ..options() };
    let generated = generator::generate(&sources(&files), &options).expect("a stream with the feature generates");
    let widgets = generated.iter().find(|f| f.path == "widgets.rs").unwrap();
    assert!(widgets.contents.contains("#[cfg(feature = \"sse\")]"), "{}", widgets.contents);
    assert!(widgets.contents.contains("    pub fn events(\n        self,\n    )"), "{}", widgets.contents);
    // `post` sends; `get` streams.
    assert_eq!(widgets.contents.matches("pub async fn send(self)").count(), 1, "{}", widgets.contents);
    let surface = generated.iter().find(|f| f.path == generator::SURFACE_FILE).unwrap();
    assert!(surface.contents.contains("action widgets.get GET /apps/{appId}/widgets -> events of Widget\n"));
}

#[test]
fn stream_mistakes() {
    base().insert_after(WIDGETS_PATH, GET_PATH, "\n    stream: websocket").check(&[
        "spec/resources/widgets.yaml:9:13: error: unknown stream kind `websocket` (hint: the only kind is `sse` \
             (a `text/event-stream` of server-sent events))",
    ]);
}

#[test]
fn stream_on_post_with_a_success_schema() {
    base()
        .insert_after(WIDGETS_PATH, "path: /apps/{appId}/widgets\n    scopes: [widgets.post]", "\n    stream: sse")
        .check(&[
            "spec/resources/widgets.yaml:28:13: error: a stream of server-sent events is read with GET (hint: use \
             `method: GET`)",
            "spec/resources/widgets.yaml:44:19: error: action `post` streams events: its success response has no \
             body schema (hint: give the events' schema under `event: {schema: ...}` and remove this one)",
        ]);
}

#[test]
fn event_without_stream_and_unknown_event_schema() {
    base().insert_after(WIDGETS_PATH, GET_PATH, "\n    event: {schema: gadget}").check(&[
        "spec/resources/widgets.yaml:9:12: error: `event` describes the events of a stream, and the action has \
             no `stream` (hint: add `stream: sse`, or remove `event`)",
    ]);
    streaming()
        .replace(WIDGETS_PATH, "schema: widget}", "schema: gadget}")
        .check(&["spec/resources/widgets.yaml:10:42: error: unknown schema `gadget` (hint: did you mean `widget`?)"]);
}

// Multipart params need a feature of the client crate.

#[test]
fn multipart_params_need_the_multipart_feature() {
    let spec = base().replace(
        WIDGETS_PATH,
        "      - name: widget\n        in: body\n        ref: widget\n        required: true\n",
        "      - name: picture\n        in: multipart\n        type: file\n        required: true\n",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let without = Options { multipart_feature: None, ..options() };
    let diagnostics = generator::generate(&sources(&files), &without).unwrap_err();
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["spec/resources/widgets.yaml: error: action `widgets.post` sends a multipart body, which needs a cargo \
             feature of the client crate, and `Options::multipart_feature` names none (hint: set \
             `multipart_feature` (e.g. `Some(\"multipart\".into())`) and declare that feature in the client crate \
             as `multipart = [\"generator-runtime/multipart\"]`)"]
    );
    // With the feature, the action exists only with it.
    let generated = generator::generate(&sources(&files), &options()).unwrap();
    let widgets = &generated.iter().find(|f| f.path == "widgets.rs").unwrap().contents;
    // The method, the builder and its impl, the members, the example.
    assert_eq!(widgets.matches("#[cfg(feature = \"multipart\")]").count(), 5, "{widgets}");
    let root = &generated.iter().find(|f| f.path == "mod.rs").unwrap().contents;
    assert!(root.contains("#[cfg(feature = \"multipart\")]\n    &widgets::Post::INFO"), "{root}");
}

// --- nullable ---

#[test]
fn nullable_param() {
    base()
        .insert_after(WIDGETS_PATH, "        enum: [asc, desc]\n", "        nullable: true\n")
        .check(&[
            "spec/resources/widgets.yaml:18:19: error: param `sortDirection` cannot be `nullable` (hint: a `null` travels as a property of a body schema (`nullable: true` there); leave an optional param unset to send nothing)",
        ]);
}

#[test]
fn nullable_items_of_a_query_param() {
    base()
        .insert_after(
            WIDGETS_PATH,
            "        default: asc\n",
            "      - name: ids\n        in: query\n        type: array\n        items:\n          type: string\n          nullable: true\n",
        )
        .check(&[
            "spec/resources/widgets.yaml:19:15: error: query param `ids` cannot hold `null` values (hint: only a JSON body can carry `null`; drop `nullable` from its items or values)",
        ]);
}

#[test]
fn nullable_alternative_of_one_of() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  size:\n    one_of:\n      - type: string\n        nullable: true\n      - type: integer\n",
        )
        .check(&[
            "spec/schemas/widget.yaml:7:19: error: an alternative of `one_of` cannot be `nullable` (hint: put `nullable: true` beside the `one_of` (on the property, items or values that hold it))",
        ]);
}

#[test]
fn nullable_property_beside_its_null_setter() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  parentId:\n    type: string\n    nullable: true\n  parentIdNull:\n    type: boolean\n",
        )
        .check(&[
            "spec/schemas/widget.yaml:7:3: error: property `parentIdNull` has the name of the setter `parent_id_null` of the nullable `parentId` (hint: rename one of them)",
        ]);
}

#[test]
fn nullable_example_and_constraints_fit_the_value() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  parentId:\n    type: string\n    nullable: true\n    max_length: 3\n    pattern: '^a'\n    example: null\n  \
             other:\n    type: string\n    nullable: true\n    example: 3\n",
        )
        .check(&[
            "spec/schemas/widget.yaml:13:14: error: example `3` does not fit type string or null (hint: fix the example, or the type or allowed values)",
        ]);
}

// --- one_of ---

#[test]
fn one_of_that_lists_a_schema_twice() {
    base()
        .insert_after(WIDGET_PATH, "properties:\n", "  size:\n    one_of:\n      - ref: error\n      - ref: error\n")
        .check(&["spec/schemas/widget.yaml:6:7: error: `error` is an alternative of `one_of` twice (hint: list each schema once)"]);
}

#[test]
fn one_of_of_two_strings_generates() {
    let spec = base().insert_after(
        WIDGET_PATH,
        "properties:\n",
        "  at:\n    one_of:\n      - type: string\n        format: date-time\n      - type: string\n        pattern: '^\\d+$'\n",
    );
    let files: Vec<(&str, &str)> = spec.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let generated = generator::generate(&sources(&files), &options()).unwrap_or_else(|d| panic!("{d}"));
    let types = generated.iter().find(|f| f.path == "types.rs").map(|f| f.contents.as_str()).unwrap_or_default();
    assert!(types.contains("String(String)") && types.contains("String2(String)"), "{types}");
}

#[test]
fn discriminator_without_one_of() {
    base()
        .insert_after(WIDGET_PATH, "  tags:\n", "    discriminator: kind\n")
        .check(&["spec/schemas/widget.yaml:8:20: error: `discriminator` is only for `one_of` (hint: remove it)"]);
}

#[test]
fn discriminator_that_tells_nothing_apart() {
    base()
        .insert_after(
            WIDGET_PATH,
            "properties:\n",
            "  shape:\n    one_of:\n      - ref: widget\n      - ref: error\n    discriminator: name\n",
        )
        .check(&["spec/schemas/widget.yaml:8:20: error: `name` cannot tell the alternatives of `one_of` apart \
             (hint: each object alternative needs it as a string enum, with values no other alternative has)"]);
}
