//! Structured query values: arrays, objects and maps in a query string.

use serde_json::Value;

/// How a structured value travels in the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryEncoding {
    /// Flattened into bracket keys, as the official Losant clients send:
    /// `tags[0]=a&tags[1]=b`, `filter[name]=x&filter[ids][0]=1`.
    Brackets,
    /// One JSON-encoded string: `query={"$and":[...]}`.
    Json,
}

/// The query pairs of a JSON value under `name`, flattened into bracket
/// keys. Nulls are left out (as the official Python client drops `None`);
/// booleans are `true`/`false`.
pub(crate) fn flatten(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((name.to_owned(), b.to_string())),
        Value::Number(n) => out.push((name.to_owned(), n.to_string())),
        Value::String(s) => out.push((name.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{name}[{i}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                flatten(&format!("{name}[{key}]"), item, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(value: Value, expected: &[(&str, &str)]) {
        let mut out = Vec::new();
        flatten("f", &value, &mut out);
        let expected: Vec<(String, String)> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn flattening() {
        check(json!("a b"), &[("f", "a b")]);
        check(json!(true), &[("f", "true")]);
        check(json!(1.5), &[("f", "1.5")]);
        check(json!(null), &[]);
        check(json!(["x", "y"]), &[("f[0]", "x"), ("f[1]", "y")]);
        check(json!({"a": "1", "b": ["x", null, 2]}), &[("f[a]", "1"), ("f[b][0]", "x"), ("f[b][2]", "2")]);
        check(json!([{"key": "floor", "value": 8}]), &[("f[0][key]", "floor"), ("f[0][value]", "8")]);
    }
}
