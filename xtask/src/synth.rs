//! `cargo xtask synth --actions N`: a valid spec of N actions modelled on
//! the token resources, to measure the generator at any size.
//!
//! Actions come in groups of five, like applicationApiTokens and
//! applicationApiToken: `things<i>.get` (a paged list with sort, page and
//! filter params), `things<i>.post` (a body), and `thing<i>.get`, `.patch`
//! and `.delete` by id. Each group has its own copy of the same four
//! schemas, as each Losant resource has its own.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::codegen::project_root;

pub(crate) fn run(actions: usize, out: Option<&str>) -> Result<(), String> {
    let dir = match out {
        Some(out) => std::path::PathBuf::from(out),
        None => project_root()?.join("target").join(format!("synth-{actions}")),
    };
    write(actions, &dir)?;
    println!("synth: wrote a spec of {actions} actions to {}", dir.display());
    Ok(())
}

/// Writes the spec into `dir` (replacing what was there).
pub(crate) fn write(actions: usize, dir: &Path) -> Result<(), String> {
    let _ = fs::remove_dir_all(dir);
    let io = |e: std::io::Error| format!("error: cannot write the spec to {}: {e}", dir.display());
    fs::create_dir_all(dir.join("resources")).map_err(io)?;
    fs::create_dir_all(dir.join("schemas")).map_err(io)?;
    fs::write(dir.join("api.yaml"), API).map_err(io)?;
    fs::write(dir.join("schemas/error.yaml"), ERROR).map_err(io)?;
    fs::write(dir.join("schemas/success.yaml"), SUCCESS).map_err(io)?;
    let groups = actions.div_ceil(5);
    for group in 0..groups {
        let left = actions - group * 5;
        let (collection, single) = (left.min(2), left.saturating_sub(2).min(3));
        fs::write(dir.join(format!("resources/things{group}.yaml")), collection_resource(group, collection))
            .map_err(io)?;
        if single > 0 {
            fs::write(dir.join(format!("resources/thing{group}.yaml")), single_resource(group, single)).map_err(io)?;
        }
        for (name, text) in schemas(group) {
            fs::write(dir.join(format!("schemas/{name}.yaml")), text).map_err(io)?;
        }
    }
    Ok(())
}

const API: &str = "\
name: Synthetic API
description: A generated spec for benchmarks, modelled on the Losant API-token resources.
version: 1.0.0
base_url: https://api.example.com
headers:
  - name: Accept
    value: application/json
auth:
  scheme: bearer
error_schema: error
global_params:
  - name: _actions
    in: query
    type: boolean
    default: false
    send_default: true
    description: Return resource actions in response
";

const ERROR: &str = "\
schema: error
rust_name: ApiErrorBody
type: object
properties:
  type:
    type: string
  message:
    type: string
";

const SUCCESS: &str = "\
schema: success
type: object
properties:
  success:
    type: boolean
";

const ID_PARAM: &str = "        type: string
        required: true
        pattern: '^[A-Fa-f\\d]{24}$'
        example: 575ec8687ae143cd83dc4a97
";

fn collection_resource(group: usize, actions: usize) -> String {
    let mut out = format!("resource: things{group}\ndescription: A collection of things, group {group}.\nactions:\n");
    let list = format!(
        "  get:
    summary: Returns the things of an owner
    method: GET
    path: /owners/{{ownerId}}/things{group}
    scopes: [all.Owner, all.Owner.read, things{group}.*, things{group}.get]
    params:
      - name: ownerId
        in: path
{ID_PARAM}      - name: sortField
        in: query
        type: string
        enum: [name, status, id, creationDate, lastUpdated]
        default: name
      - name: sortDirection
        in: query
        type: string
        enum: [asc, desc]
        default: asc
      - name: page
        in: query
        type: integer
        default: 0
      - name: perPage
        in: query
        type: integer
        default: 100
      - name: filterField
        in: query
        type: string
        enum: [name, status]
      - name: filter
        in: query
        type: string
    pagination:
      page: page
      per_page: perPage
      items: items
      total: totalCount
    responses:
      success:
        - {{code: 200, schema: things{group}, description: Collection of things}}
      errors:
        - {{code: 400, schema: error, description: Error if malformed request}}
"
    );
    let create = format!(
        "  post:
    summary: Creates a thing
    method: POST
    path: /owners/{{ownerId}}/things{group}
    scopes: [all.Owner, things{group}.*, things{group}.post]
    params:
      - name: ownerId
        in: path
{ID_PARAM}      - name: thing
        in: body
        ref: thing{group}Post
        required: true
    responses:
      success:
        - {{code: 201, schema: thing{group}, description: The created thing}}
      errors:
        - {{code: 400, schema: error, description: Error if malformed request}}
"
    );
    for action in [list, create].into_iter().take(actions) {
        out.push_str(&action);
    }
    out
}

fn single_resource(group: usize, actions: usize) -> String {
    let mut out = format!("resource: thing{group}\ndescription: One thing, group {group}.\nactions:\n");
    let params = format!(
        "      - name: ownerId\n        in: path\n{ID_PARAM}      - name: thingId\n        in: path\n{ID_PARAM}"
    );
    let path = format!("/owners/{{ownerId}}/things{group}/{{thingId}}");
    let mut actions_text = Vec::new();
    for (name, method, summary, extra, success) in [
        ("get", "GET", "Retrieves a thing", String::new(), format!("thing{group}")),
        (
            "patch",
            "PATCH",
            "Updates a thing",
            format!("      - name: thing\n        in: body\n        ref: thing{group}Patch\n        required: true\n"),
            format!("thing{group}"),
        ),
        ("delete", "DELETE", "Deletes a thing", String::new(), "success".to_owned()),
    ] {
        let mut text = String::new();
        let _ = write!(
            text,
            "  {name}:
    summary: {summary}
    method: {method}
    path: {path}
    scopes: [all.Owner, thing{group}.*, thing{group}.{name}]
    params:
{params}{extra}    responses:
      success:
        - {{code: 200, schema: {success}, description: Success}}
      errors:
        - {{code: 400, schema: error, description: Error if malformed request}}
        - {{code: 404, schema: error, description: Error if not found}}
"
        );
        actions_text.push(text);
    }
    for action in actions_text.into_iter().take(actions) {
        out.push_str(&action);
    }
    out
}

fn schemas(group: usize) -> Vec<(String, String)> {
    let fields = "  name:
    type: string
    min_length: 1
    max_length: 255
  description:
    type: string
    max_length: 32767
  status:
    type: string
    enum: [active, inactive]
";
    let thing = format!(
        "schema: thing{group}
type: object
properties:
  id:
    type: string
    pattern: '^[A-Fa-f\\d]{{24}}$'
  ownerId:
    type: string
{fields}  creationDate:
    type: string
    format: date-time
  lastUpdated:
    type: string
    format: date-time
  tags:
    type: array
    items:
      type: string
  secretKey:
    type: string
    secret: true
"
    );
    let things = format!(
        "schema: things{group}
type: object
properties:
  items:
    type: array
    items:
      ref: thing{group}
  count:
    type: integer
  totalCount:
    type: integer
  perPage:
    type: integer
  page:
    type: integer
"
    );
    let post = format!(
        "schema: thing{group}Post\ntype: object\nproperties:\n{}",
        fields.replacen("    type: string\n", "    type: string\n    required: true\n", 1)
    );
    let patch = format!("schema: thing{group}Patch\ntype: object\nproperties:\n{fields}");
    vec![
        (format!("thing{group}"), thing),
        (format!("things{group}"), things),
        (format!("thing{group}Post"), post),
        (format!("thing{group}Patch"), patch),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_specs_are_valid_and_have_the_asked_number_of_actions() {
        for actions in [1, 2, 3, 5, 7, 15, 101] {
            let dir = std::env::temp_dir().join(format!("xtask-synth-{actions}-{}", std::process::id()));
            write(actions, &dir).unwrap();
            let sources = restspec_codegen::SpecSources::read_dir(&dir, "spec").unwrap();
            let api = restspec_codegen::check(&sources).unwrap_or_else(|d| panic!("{}", d.render(&sources)));
            let count: usize = api.resources.iter().map(|r| r.actions.len()).sum();
            assert_eq!(count, actions);
            let files = restspec_codegen::generate(&sources, &crate::codegen::options()).unwrap();
            assert!(files.iter().any(|f| f.path == "types.rs"));
            let _ = fs::remove_dir_all(&dir);
        }
    }
}
