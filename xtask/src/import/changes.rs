//! What an import changed against the previous output: resources, actions,
//! params, responses, schemas and properties added, removed or changed, one
//! line each, so that the maintainer of a new Losant release sees what the
//! release (and the overrides) did to the API.

use std::collections::BTreeMap;

use serde_json::Value;

/// The change lines from `old` to `new` (files by path), in path order.
pub(crate) fn between(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let paths: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for path in paths {
        let (before, after) = (old.get(path), new.get(path));
        if before == after {
            continue;
        }
        let (kind, name) = match path.split_once('/') {
            Some(("resources", file)) => ("resource", file.trim_end_matches(".yaml")),
            Some(("schemas", file)) => ("schema", file.trim_end_matches(".yaml")),
            _ => ("file", path.as_str()),
        };
        let (before, after) = (before.map(|t| parse(t)), after.map(|t| parse(t)));
        // Comments (the header) are no change.
        if before == after {
            continue;
        }
        match (before, after) {
            (None, Some(_)) => out.push(format!("{kind} added: {name}")),
            (Some(_), None) => out.push(format!("{kind} removed: {name}")),
            (Some(before), Some(after)) if kind == "resource" => resource(name, &before, &after, &mut out),
            (Some(before), Some(after)) if kind == "schema" => {
                let fields = keyed(&before["properties"], &after["properties"]);
                let rest = other_keys(&before, &after, "properties");
                out.push(format!("schema changed: {name}{}", detail("properties", &fields, rest)));
            }
            _ => out.push(format!("{kind} changed: {name}")),
        }
    }
    out
}

fn parse(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or(Value::Null)
}

fn resource(name: &str, before: &Value, after: &Value, out: &mut Vec<String>) {
    let empty = serde_json::Map::new();
    let old = before["actions"].as_object().unwrap_or(&empty);
    let new = after["actions"].as_object().unwrap_or(&empty);
    for (action, value) in new {
        match old.get(action) {
            None => out.push(format!("action added: {name}.{action}")),
            Some(previous) if previous != value => {
                let params = by_field(&previous["params"], &value["params"], "name");
                let rest = other_keys(previous, value, "params");
                let what = detail("params", &params, rest);
                out.push(format!("action changed: {name}.{action}{what}"));
            }
            Some(_) => {}
        }
    }
    for action in old.keys().filter(|a| !new.contains_key(*a)) {
        out.push(format!("action removed: {name}.{action}"));
    }
    if without(before, "actions") != without(after, "actions") {
        out.push(format!("resource changed: {name}"));
    }
}

/// Names added, removed and changed between two mappings.
fn keyed(old: &Value, new: &Value) -> [Vec<String>; 3] {
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let added = new.keys().filter(|k| !old.contains_key(*k)).cloned().collect();
    let removed = old.keys().filter(|k| !new.contains_key(*k)).cloned().collect();
    let changed = new.iter().filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v)).map(|(k, _)| k.clone()).collect();
    [added, removed, changed]
}

/// The same for lists of mappings identified by `field`.
fn by_field(old: &Value, new: &Value, field: &str) -> [Vec<String>; 3] {
    let index = |v: &Value| -> Value {
        let mut map = serde_json::Map::new();
        for item in v.as_array().into_iter().flatten() {
            let key = item[field].as_str().map(str::to_owned).unwrap_or_else(|| item[field].to_string());
            map.insert(key, item.clone());
        }
        Value::Object(map)
    };
    keyed(&index(old), &index(new))
}

/// The keys other than `except` whose values differ.
fn other_keys(old: &Value, new: &Value, except: &str) -> Vec<String> {
    let [added, removed, changed] = keyed(old, new);
    let mut keys: Vec<String> = added.into_iter().chain(removed).chain(changed).filter(|k| k != except).collect();
    keys.sort();
    keys
}

fn without(value: &Value, key: &str) -> Value {
    let mut value = value.clone();
    if let Some(map) = value.as_object_mut() {
        map.remove(key);
    }
    value
}

fn detail(what: &str, [added, removed, changed]: &[Vec<String>; 3], rest: Vec<String>) -> String {
    let mut parts = Vec::new();
    for (verb, names) in [("added", added), ("removed", removed), ("changed", changed)] {
        if !names.is_empty() {
            parts.push(format!("{what} {verb}: {}", names.join(", ")));
        }
    }
    if !rest.is_empty() {
        parts.push(format!("{} changed", rest.join(", ")));
    }
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join("; ")) }
}
