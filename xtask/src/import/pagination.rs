//! Which actions page, read from their shape.
//!
//! The published data does not say which actions are lists; their shape
//! does: a `GET` with integer `page` and `perPage` query params whose success
//! body is an object with an `items` array and a whole-number `totalCount`
//! is a list the client can walk page by page (`pagination:` in the spec,
//! which gives the action `pages()` and `items()` streams). This runs after
//! the overrides, so that a response the overrides change (API 1.31.0's
//! `apiTokens` lists) is read as it is finally written.

use std::collections::BTreeMap;

use super::yaml::Yaml;

/// The query params and response fields a list uses.
const PAGE: &str = "page";
const PER_PAGE: &str = "perPage";
const ITEMS: &str = "items";
const TOTAL: &str = "totalCount";

/// Adds `pagination:` to every action with the shape of a list; returns the
/// ids (`resource.action`) of the actions it marked.
pub(crate) fn infer(docs: &mut BTreeMap<String, Yaml>) -> Vec<String> {
    let lists: Vec<String> = docs
        .iter()
        .filter(|(path, doc)| path.starts_with("schemas/") && is_list(doc))
        .map(|(_, doc)| name(doc))
        .collect();
    let mut marked = Vec::new();
    for (path, doc) in docs.iter_mut().filter(|(path, _)| path.starts_with("resources/")) {
        let resource = get(doc, "resource").and_then(as_str).unwrap_or(path).to_owned();
        let Some(Yaml::Map(actions)) = get_mut(doc, "actions") else { continue };
        for (action_name, action) in actions.iter_mut() {
            if pages(action, &lists) && get(action, "pagination").is_none() {
                insert_after(action, "params", "pagination", pagination());
                marked.push(format!("{resource}.{action_name}"));
            }
        }
    }
    marked
}

/// Whether an action is a `GET` with integer `page` and `perPage` query
/// params and a list schema as its only success body.
fn pages(action: &Yaml, lists: &[String]) -> bool {
    if get(action, "method").and_then(as_str) != Some("GET") {
        return false;
    }
    let Some(Yaml::Seq(params)) = get(action, "params") else { return false };
    let integer_query = |wire: &str| {
        params.iter().any(|p| {
            get(p, "name").and_then(as_str) == Some(wire)
                && get(p, "in").and_then(as_str) == Some("query")
                && get(p, "type").and_then(as_str) == Some("integer")
        })
    };
    let Some(Yaml::Seq(success)) = get(action, "responses").and_then(|r| get(r, "success")) else { return false };
    let bodies: Vec<&str> = success.iter().filter_map(|r| get(r, "schema").and_then(as_str)).collect();
    integer_query(PAGE) && integer_query(PER_PAGE) && bodies.len() == 1 && lists.iter().any(|l| l == bodies[0])
}

/// Whether a schema is an object with an `items` array and an integer
/// `totalCount`.
fn is_list(schema: &Yaml) -> bool {
    let Some(properties) = get(schema, "properties") else { return false };
    let ty = |key: &str| get(properties, key).and_then(|p| get(p, "type")).and_then(as_str);
    get(schema, "type").and_then(as_str) == Some("object") && ty(ITEMS) == Some("array") && ty(TOTAL) == Some("integer")
}

fn pagination() -> Yaml {
    Yaml::Map(vec![
        ("page".to_owned(), Yaml::str(PAGE)),
        ("per_page".to_owned(), Yaml::str(PER_PAGE)),
        ("items".to_owned(), Yaml::str(ITEMS)),
        ("total".to_owned(), Yaml::str(TOTAL)),
    ])
}

fn name(schema: &Yaml) -> String {
    get(schema, "schema").and_then(as_str).unwrap_or_default().to_owned()
}

fn get<'a>(map: &'a Yaml, key: &str) -> Option<&'a Yaml> {
    match map {
        Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn get_mut<'a>(map: &'a mut Yaml, key: &str) -> Option<&'a mut Yaml> {
    match map {
        Yaml::Map(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn as_str(value: &Yaml) -> Option<&str> {
    match value {
        Yaml::Str(s) => Some(s),
        _ => None,
    }
}

/// Inserts `key: value` right after `after` (or at the end), where a reader
/// of the action expects it.
fn insert_after(map: &mut Yaml, after: &str, key: &str, value: Yaml) {
    if let Yaml::Map(entries) = map {
        let at = entries.iter().position(|(k, _)| k == after).map_or(entries.len(), |i| i + 1);
        entries.insert(at, (key.to_owned(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_schema(name: &str, total: &str) -> Yaml {
        Yaml::Map(vec![
            ("schema".into(), Yaml::str(name)),
            ("type".into(), Yaml::str("object")),
            (
                "properties".into(),
                Yaml::Map(vec![
                    ("items".into(), Yaml::Map(vec![("type".into(), Yaml::str("array"))])),
                    (total.into(), Yaml::Map(vec![("type".into(), Yaml::str("integer"))])),
                ]),
            ),
        ])
    }

    fn param(name: &str, ty: &str) -> Yaml {
        Yaml::Map(vec![
            ("name".into(), Yaml::str(name)),
            ("in".into(), Yaml::str("query")),
            ("type".into(), Yaml::str(ty)),
        ])
    }

    fn action(method: &str, params: Vec<Yaml>, schema: &str) -> Yaml {
        Yaml::Map(vec![
            ("method".into(), Yaml::str(method)),
            ("params".into(), Yaml::Seq(params)),
            (
                "responses".into(),
                Yaml::Map(vec![(
                    "success".into(),
                    Yaml::Seq(vec![Yaml::Map(vec![
                        ("code".into(), Yaml::Number("200".into())),
                        ("schema".into(), Yaml::str(schema)),
                    ])]),
                )]),
            ),
        ])
    }

    #[test]
    fn lists_page_and_other_shapes_do_not() {
        let paged = || vec![param("page", "integer"), param("perPage", "integer")];
        let mut docs = BTreeMap::from([
            ("schemas/things.yaml".to_owned(), list_schema("things", "totalCount")),
            ("schemas/counted.yaml".to_owned(), list_schema("counted", "count")),
            (
                "resources/things.yaml".to_owned(),
                Yaml::Map(vec![
                    ("resource".into(), Yaml::str("things")),
                    (
                        "actions".into(),
                        Yaml::Map(vec![
                            ("get".into(), action("GET", paged(), "things")),
                            ("post".into(), action("POST", paged(), "things")),
                            ("counted".into(), action("GET", paged(), "counted")),
                            (
                                "stringPage".into(),
                                action("GET", vec![param("page", "string"), param("perPage", "integer")], "things"),
                            ),
                        ]),
                    ),
                ]),
            ),
        ]);
        assert_eq!(infer(&mut docs), ["things.get"]);
        let resource = &docs["resources/things.yaml"];
        let get = get(get(resource, "actions").unwrap(), "get").unwrap();
        let Yaml::Map(entries) = get else { panic!("a map") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["method", "params", "pagination", "responses"]);
        assert_eq!(super::get(get, "pagination"), Some(&pagination()));
        // Marked once: a second run finds `pagination:` there already.
        assert!(infer(&mut docs).is_empty());
    }
}
