//! Upstream data defects that have one clear meaning, converted as meant
//! and reported (each a loss of kind "upstream defect: ...", so the report
//! still shows every place the data says something else):
//!
//! - a schema written under `properties` (`orgInvites` items: `{type:
//!   object, properties: {title, description, type: object, properties:
//!   {...}}}`): a property's schema is an object, so a `properties` whose
//!   `type` is a string and whose `properties` is an object is the
//!   schema itself, not a list of properties;
//! - properties written beside `properties` rather than in it
//!   (`applicationJobLog.input`: `{callbackUrl: {type: string}, ...}` with
//!   no `properties`; `resourceJobExecutionLogs` items: `retryDelay` beside
//!   `properties`): a key that is no JSON Schema keyword and whose value is
//!   a schema, on an object node, is a property (validators ignore such
//!   keys, so as written the data says nothing of them, which is not what
//!   it means: the documented examples have these keys);
//! - a list schema whose `items` refer to the list itself
//!   (`instanceOrgMembers`, `instanceAuditLogs`): a collection whose items
//!   are collections of themselves has no finite example, and the data has
//!   the item schema under the singular name (`instanceOrgMember`), which
//!   the documented examples match;
//! - `{"$ref": "#/examples/<name>"}` placeholders inside documented
//!   examples: replaced by the example they name; a placeholder that names
//!   the example it sits in (`deviceAttributes` items) is replaced by the
//!   example of the schema at its position (`deviceAttribute`); one that
//!   cannot be resolved either way drops the example.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::convert::JSON_SCHEMA_KEYWORDS;
use super::report::Losses;
use super::source::definition_name;

/// The schema a node wrote under its `properties`, with the node's other
/// keys, when `properties` is a schema rather than a list of properties.
pub(crate) fn schema_under_properties(map: &Map<String, Value>) -> Option<Map<String, Value>> {
    let inner = map.get("properties")?.as_object()?;
    if !(inner.get("type").is_some_and(Value::is_string) && inner.get("properties").is_some_and(Value::is_object)) {
        return None;
    }
    let mut merged = inner.clone();
    for (key, value) in map.iter().filter(|(k, _)| *k != "properties") {
        merged.entry(key.clone()).or_insert_with(|| value.clone());
    }
    Some(merged)
}

/// A node with the properties written beside `properties` moved into it
/// (a node without `type` becomes `type: object`), and the keys moved;
/// `None` when there are none. A key that names a property already in
/// `properties` is left where it is (and reported as left over).
pub(crate) fn properties_outside(map: &Map<String, Value>) -> Option<(Map<String, Value>, Vec<String>)> {
    if map.get("type").is_some_and(|t| t.as_str() != Some("object")) || map.contains_key("$ref") {
        return None;
    }
    let declared = map.get("properties").and_then(Value::as_object);
    let stray: Vec<&String> = map
        .iter()
        .filter(|(key, value)| {
            !JSON_SCHEMA_KEYWORDS.contains(&key.as_str())
                && looks_like_schema(value)
                && !declared.is_some_and(|d| d.contains_key(*key))
        })
        .map(|(key, _)| key)
        .collect();
    if stray.is_empty() || declared.is_some_and(|_| !map["properties"].is_object()) {
        return None;
    }
    let mut out = map.clone();
    out.entry("type").or_insert_with(|| Value::String("object".into()));
    let mut properties = declared.cloned().unwrap_or_default();
    for key in &stray {
        if let Some(value) = out.remove(*key) {
            properties.insert((*key).clone(), value);
        }
    }
    out.insert("properties".into(), Value::Object(properties));
    Some((out, stray.into_iter().cloned().collect()))
}

/// Whether a value under a key that is no JSON Schema keyword is a schema
/// (a property written in the wrong place) rather than an unknown keyword.
pub(crate) fn looks_like_schema(value: &Value) -> bool {
    value.as_object().is_some_and(|m| m.contains_key("type") || m.contains_key("properties"))
}

/// The item schema a list schema `owner` means when its `items` refer to
/// itself: its singular name, when the data has such a schema.
pub(crate) fn self_item(owner: &str, reference: &str, schemas: &BTreeMap<String, Value>) -> Option<String> {
    if definition_name(reference) != owner {
        return None;
    }
    let singular = owner.strip_suffix('s')?;
    schemas.contains_key(singular).then(|| singular.to_owned())
}

/// One step into an example: a key of an object or an index of a list.
enum Step {
    Key(String),
    Index,
}

/// Where placeholders are resolved from: the schemas, their examples, and
/// the name of the top-level schema a node is (by `$ref`, or an inline copy
/// of one, as the converter dedupes them).
pub(crate) struct Lookup<'a> {
    pub(crate) schemas: &'a BTreeMap<String, Value>,
    pub(crate) examples: &'a BTreeMap<String, Value>,
    pub(crate) named: &'a dyn Fn(&Value) -> Option<String>,
}

/// The documented example of schema `name` with its `$ref` placeholders
/// resolved, or `None` when one cannot be.
pub(crate) fn example(name: &str, example: &Value, lookup: &Lookup<'_>, losses: &mut Losses) -> Option<Value> {
    let mut out = example.clone();
    let mut path = Vec::new();
    let at = format!("schemas/apiExamples.json#/{name}");
    resolve(name, &mut out, &mut path, lookup, losses, &at).then_some(out)
}

/// The example a placeholder names, if it is a placeholder.
fn placeholder(value: &Value) -> Option<&str> {
    let map = value.as_object().filter(|m| m.len() == 1)?;
    map.get("$ref")?.as_str()?.strip_prefix("#/examples/")
}

fn has_placeholder(value: &Value) -> bool {
    placeholder(value).is_some()
        || match value {
            Value::Array(items) => items.iter().any(has_placeholder),
            Value::Object(map) => map.values().any(has_placeholder),
            _ => false,
        }
}

fn resolve(
    name: &str,
    value: &mut Value,
    path: &mut Vec<Step>,
    lookup: &Lookup<'_>,
    losses: &mut Losses,
    at: &str,
) -> bool {
    let (schemas, examples) = (lookup.schemas, lookup.examples);
    if let Some(target) = placeholder(value) {
        let pointer = format!("{at}{}", pointer(path));
        let named = examples.get(target).filter(|e| target != name && !has_placeholder(e));
        let by_position = || {
            let schema = schema_at(schemas.get(name)?, path, schemas)?;
            let item = (lookup.named)(schema)?;
            examples.get(&item).filter(|e| !has_placeholder(e)).map(|e| (item, e))
        };
        let detail = format!("`$ref: #/examples/{target}`");
        if let Some(found) = named {
            losses.add("upstream defect: `$ref` placeholder in an example (resolved)", &pointer, detail);
            *value = found.clone();
        } else if let Some((item, found)) = by_position() {
            let detail = format!("{detail} (names its own example; the example of `{item}`, the schema there)");
            losses.add("upstream defect: `$ref` placeholder in an example (resolved)", &pointer, detail);
            *value = found.clone();
        } else {
            losses.add("upstream defect: `$ref` placeholder in an example (example dropped)", &pointer, detail);
            return false;
        }
        return true;
    }
    match value {
        Value::Array(items) => items.iter_mut().all(|item| {
            path.push(Step::Index);
            let ok = resolve(name, item, path, lookup, losses, at);
            path.pop();
            ok
        }),
        Value::Object(map) => map.iter_mut().all(|(key, item)| {
            path.push(Step::Key(key.clone()));
            let ok = resolve(name, item, path, lookup, losses, at);
            path.pop();
            ok
        }),
        _ => true,
    }
}

fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|step| match step {
            Step::Key(k) => format!("/{}", super::report::pointer_segment(k)),
            Step::Index => "/*".to_owned(),
        })
        .collect()
}

/// The schema node at `path` inside `root`, following `$ref`s to
/// definitions (a bounded number of times).
fn schema_at<'v>(root: &'v Value, path: &[Step], schemas: &'v BTreeMap<String, Value>) -> Option<&'v Value> {
    let mut node = root;
    for step in path {
        for _ in 0..8 {
            match node.get("$ref").and_then(Value::as_str) {
                Some(r) => node = schemas.get(definition_name(r))?,
                None => break,
            }
        }
        node = match step {
            Step::Index => node.get("items")?,
            Step::Key(key) => node.get("properties")?.get(key)?,
        };
    }
    Some(node)
}
