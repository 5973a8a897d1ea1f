//! The serde model of the vendored data: `apiInfo.json` (resources,
//! actions, params, responses), `globalParams.json`, and the JSON Schemas,
//! which stay `serde_json::Value`s (their keywords are read one by one, so
//! that every keyword not used is reported).
//!
//! Every struct keeps the keys it does not know in `extra`, so that a key
//! the importer does not read is a loss, never silently dropped. Maps are
//! `BTreeMap`s (and serde_json's map is ordered by key): iteration order is
//! the same on every run.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `apiInfo.json`: resources by name.
pub(crate) type ApiInfo = BTreeMap<String, SourceResource>;

#[derive(Debug, Deserialize)]
pub(crate) struct SourceResource {
    pub(crate) path: String,
    /// Scopes that allow every action of the resource.
    pub(crate) auth: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) params: Vec<SourceParam>,
    /// HAL links to related resources.
    pub(crate) links: Option<Value>,
    pub(crate) actions: BTreeMap<String, SourceAction>,
    #[serde(flatten)]
    pub(crate) extra: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SourceAction {
    pub(crate) method: String,
    /// Relative to the resource's path.
    pub(crate) path: Option<String>,
    pub(crate) auth: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) params: Vec<SourceParam>,
    pub(crate) responses: BTreeMap<String, SourceResponse>,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    #[serde(rename = "sseStream")]
    pub(crate) sse_stream: Option<bool>,
    #[serde(rename = "denyOauthTokens")]
    pub(crate) deny_oauth_tokens: Option<bool>,
    #[serde(rename = "allowUnverified")]
    pub(crate) allow_unverified: Option<bool>,
    #[serde(flatten)]
    pub(crate) extra: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SourceParam {
    pub(crate) name: String,
    #[serde(rename = "in")]
    pub(crate) location: String,
    #[serde(rename = "type")]
    pub(crate) ty: Option<String>,
    pub(crate) required: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub(crate) default: Option<Value>,
    #[serde(rename = "enum")]
    pub(crate) values: Option<Vec<Value>>,
    #[serde(default, deserialize_with = "present")]
    pub(crate) example: Option<Value>,
    pub(crate) description: Option<String>,
    pub(crate) schema: Option<SchemaRef>,
    pub(crate) pattern: Option<String>,
    #[serde(rename = "minLength")]
    pub(crate) min_length: Option<u64>,
    #[serde(rename = "maxLength")]
    pub(crate) max_length: Option<u64>,
    pub(crate) deprecated: Option<bool>,
    #[serde(flatten)]
    pub(crate) extra: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SourceResponse {
    pub(crate) description: Option<String>,
    pub(crate) schema: Option<SchemaRef>,
    /// Server-sent events, by event name, of a streaming response.
    #[serde(rename = "sseEvents")]
    pub(crate) sse_events: Option<BTreeMap<String, Value>>,
    #[serde(flatten)]
    pub(crate) extra: BTreeMap<String, Value>,
}

/// `{"$ref": "#/definitions/<name>"}`.
#[derive(Debug, Deserialize)]
pub(crate) struct SchemaRef {
    #[serde(rename = "$ref")]
    pub(crate) reference: String,
    #[serde(flatten)]
    pub(crate) extra: BTreeMap<String, Value>,
}

impl SchemaRef {
    /// The schema name of a `#/definitions/<name>` reference.
    pub(crate) fn name(&self) -> &str {
        definition_name(&self.reference)
    }
}

/// `#/definitions/apiToken` -> `apiToken` (other references unchanged).
pub(crate) fn definition_name(reference: &str) -> &str {
    reference.strip_prefix("#/definitions/").unwrap_or(reference)
}

/// One entry of `globalParams.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct GlobalParam {
    pub(crate) name: String,
    #[serde(rename = "in")]
    pub(crate) location: String,
    #[serde(rename = "type")]
    pub(crate) ty: Option<String>,
}

/// The names, without `suffix`, of the files in `dir` whose names end in
/// it, sorted: the order in which every folder of input is read, so that
/// the import is the same on every file system.
pub(crate) fn file_stems(dir: &Path, suffix: &str) -> Result<Vec<String>, String> {
    let io = |e: std::io::Error| format!("error: cannot read {}: {e}", dir.display());
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let file = entry.map_err(io)?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(suffix) {
            names.push(stem.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Present keys keep their value, JSON `null` included (`Option<Value>`
/// would read `null` as absent).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Everything the importer reads.
#[derive(Debug)]
pub(crate) struct Source {
    pub(crate) api_info: ApiInfo,
    pub(crate) global_params: Vec<GlobalParam>,
    /// JSON Schemas by name (the file stem), `apiExamples.json` excluded.
    pub(crate) schemas: BTreeMap<String, Value>,
    /// Documented examples by schema name.
    pub(crate) examples: BTreeMap<String, Value>,
    /// Every scope that allows each action, from `docs/*.md`.
    pub(crate) doc_scopes: super::docs::DocScopes,
}

impl Source {
    /// Reads `apiInfo.json`, `globalParams.json`, `schemas/*.json` and `docs/*.md` from
    /// a folder laid out as `vendor/losant-api/`.
    pub(crate) fn read(dir: &Path) -> Result<Source, String> {
        let read = |path: &Path| -> Result<String, String> {
            fs::read_to_string(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))
        };
        let parse_err = |path: &Path, e: serde_json::Error| format!("error: {}: {e}", path.display());
        let info_path = dir.join("apiInfo.json");
        let api_info = serde_json::from_str(&read(&info_path)?).map_err(|e| parse_err(&info_path, e))?;
        let globals_path = dir.join("globalParams.json");
        let global_params = serde_json::from_str(&read(&globals_path)?).map_err(|e| parse_err(&globals_path, e))?;
        let schema_dir = dir.join("schemas");
        let names = file_stems(&schema_dir, ".json")?;
        let mut schemas = BTreeMap::new();
        let mut examples = BTreeMap::new();
        for name in names {
            let path = schema_dir.join(format!("{name}.json"));
            let value: Value = serde_json::from_str(&read(&path)?).map_err(|e| parse_err(&path, e))?;
            if name == "apiExamples" {
                examples = serde_json::from_value(value).map_err(|e| parse_err(&path, e))?;
            } else {
                schemas.insert(name, value);
            }
        }
        let doc_scopes = super::docs::read(&dir.join("docs"))?;
        Ok(Source { api_info, global_params, schemas, examples, doc_scopes })
    }
}
