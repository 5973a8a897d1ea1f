//! Conformance with the official Python client.
//!
//! `fixtures/reference-requests.json` records exactly what `losant-rest`
//! 2.3.0 (the official Python client, API 1.31.0) sends for every API-token
//! action, and what the server answered. For every recorded call this test
//! makes the same call with our client against a local server that replays
//! the recorded answer, and compares method, path, query pairs, headers and
//! body, and then the decoded result or error.
//!
//! Deliberate differences, each asserted below:
//! - booleans go out lowercase (`true`), where Python sends a Python bool as
//!   `True`;
//! - path segments are percent-encoded (Python sends `app id/with?chars`
//!   raw, so the request hits another route);
//! - a trailing slash on the base URL is dropped (Python sends `//me/tokens`);
//! - our own User-Agent, no Accept-Encoding, and Content-Length as the HTTP
//!   library sets it (transport headers are not compared);
//! - a call without a token fails locally instead of being sent without
//!   `Authorization`;
//! - the always-sent `_actions`/`_links`/`_embedded` defaults cannot be
//!   dropped (Python drops a param set to `None`).
//!
//! Calls the typed API cannot express (a missing required param or body, a
//! list for a string param, a body without its required `name`) are
//! compile-time or type errors for us; the test checks that the recorded
//! params are indeed rejected by our types where they reach them.

mod common;

use common::{TRANSPORT_HEADERS, received};
use losant_rest::types::{ApiTokenPatch, ApiTokenPost};
use losant_rest::{Client, Error};
use serde_json::{Map, Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn reference() -> Value {
    let path = format!("{}/tests/fixtures/reference-requests.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture exists")).expect("fixture is JSON")
}

/// A param value as the string a caller would pass.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn flag(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => s == "true",
        other => panic!("not a boolean: {other}"),
    }
}

/// A page number or size, which the builders take as a `usize`.
fn count(v: &Value) -> usize {
    text(v).parse().expect("a page number or size")
}

/// Applies the global params present in `p` to any request builder.
macro_rules! globals {
    ($builder:expr, $p:expr) => {{
        let mut b = $builder;
        if let Some(v) = $p.get("_actions").filter(|v| !v.is_null()) {
            b = b.actions(flag(v));
        }
        if let Some(v) = $p.get("_links").filter(|v| !v.is_null()) {
            b = b.links(flag(v));
        }
        if let Some(v) = $p.get("_embedded").filter(|v| !v.is_null()) {
            b = b.embedded(flag(v));
        }
        if let Some(v) = $p.get("losantdomain").filter(|v| !v.is_null()) {
            b = b.losantdomain(text(v));
        }
        b
    }};
}

/// Applies the list params present in `p`, parsing enums from their wire
/// values with the API's enum types (one per set of values, shared by every
/// list action).
macro_rules! list_params {
    ($builder:expr, $p:expr) => {{
        use losant_rest::types::{ApiTokensSortField, ApplicationApiTokensFilterField, SortDirection};
        let mut b = $builder;
        if let Some(v) = $p.get("sortField").filter(|v| !v.is_null()) {
            b = b.sort_field(text(v).parse::<ApiTokensSortField>().expect("a sort field"));
        }
        if let Some(v) = $p.get("sortDirection").filter(|v| !v.is_null()) {
            b = b.sort_direction(text(v).parse::<SortDirection>().expect("a sort direction"));
        }
        if let Some(v) = $p.get("page").filter(|v| !v.is_null()) {
            b = b.page(count(v));
        }
        if let Some(v) = $p.get("perPage").filter(|v| !v.is_null()) {
            b = b.per_page(count(v));
        }
        if let Some(v) = $p.get("filterField").filter(|v| !v.is_null()) {
            b = b.filter_field(text(v).parse::<ApplicationApiTokensFilterField>().expect("a filter field"));
        }
        if let Some(v) = $p.get("filter").filter(|v| !v.is_null()) {
            b = b.filter(text(v));
        }
        b
    }};
}

fn post_body(p: &Map<String, Value>) -> ApiTokenPost {
    serde_json::from_value(p["apiToken"].clone()).expect("a valid apiTokenPost")
}

fn patch_body(p: &Map<String, Value>) -> ApiTokenPatch {
    serde_json::from_value(p["apiToken"].clone()).expect("a valid apiTokenPatch")
}

fn json_of<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

/// Makes the recorded call with our client; returns the decoded result as
/// JSON, so it can be compared with what the Python client returned.
async fn call(client: &Client, id: &str, p: &Map<String, Value>) -> Result<Value, Error> {
    let s = |key: &str| text(&p[key]);
    Ok(match id {
        "applicationApiTokens.get" => {
            let b = list_params!(client.application_api_tokens().get(s("applicationId")), p);
            json_of(globals!(b, p).send().await?)
        }
        "applicationApiTokens.post" => {
            json_of(globals!(client.application_api_tokens().post(s("applicationId"), post_body(p)), p).send().await?)
        }
        "applicationApiToken.delete" => json_of(
            globals!(client.application_api_token().delete(s("applicationId"), s("apiTokenId")), p).send().await?,
        ),
        "applicationApiToken.get" => {
            json_of(globals!(client.application_api_token().get(s("applicationId"), s("apiTokenId")), p).send().await?)
        }
        "applicationApiToken.patch" => json_of(
            globals!(client.application_api_token().patch(s("applicationId"), s("apiTokenId"), patch_body(p)), p)
                .send()
                .await?,
        ),
        "instanceApiTokens.get" => {
            let b = list_params!(client.instance_api_tokens().get(s("instanceId")), p);
            json_of(globals!(b, p).send().await?)
        }
        "instanceApiTokens.post" => {
            json_of(globals!(client.instance_api_tokens().post(s("instanceId"), post_body(p)), p).send().await?)
        }
        "instanceApiToken.delete" => {
            json_of(globals!(client.instance_api_token().delete(s("instanceId"), s("apiTokenId")), p).send().await?)
        }
        "instanceApiToken.get" => {
            json_of(globals!(client.instance_api_token().get(s("instanceId"), s("apiTokenId")), p).send().await?)
        }
        "instanceApiToken.patch" => json_of(
            globals!(client.instance_api_token().patch(s("instanceId"), s("apiTokenId"), patch_body(p)), p)
                .send()
                .await?,
        ),
        "userApiTokens.get" => {
            let b = list_params!(client.user_api_tokens().get(), p);
            json_of(globals!(b, p).send().await?)
        }
        "userApiTokens.post" => json_of(globals!(client.user_api_tokens().post(post_body(p)), p).send().await?),
        "userApiToken.delete" => json_of(globals!(client.user_api_token().delete(s("apiTokenId")), p).send().await?),
        "userApiToken.get" => json_of(globals!(client.user_api_token().get(s("apiTokenId")), p).send().await?),
        "userApiToken.patch" => {
            json_of(globals!(client.user_api_token().patch(s("apiTokenId"), patch_body(p)), p).send().await?)
        }
        other => panic!("no call for {other}"),
    })
}

/// What the Python client sent, normalized as documented above.
struct Recorded {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

fn recorded(entry: &Value) -> Recorded {
    let r = &entry["request"];
    let lowercase_bool = |v: &str| match v {
        "True" => "true".to_owned(),
        "False" => "false".to_owned(),
        other => other.to_owned(),
    };
    let mut headers: Vec<(String, String)> = r["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| (text(&h[0]).to_ascii_lowercase(), text(&h[1])))
        .filter(|(n, _)| !TRANSPORT_HEADERS.contains(&n.as_str()))
        .collect();
    headers.sort();
    Recorded {
        method: text(&r["method"]),
        path: text(&r["path"]),
        query: r["queryPairs"]
            .as_array()
            .expect("query pairs")
            .iter()
            .map(|p| (text(&p[0]), lowercase_bool(&text(&p[1]))))
            .collect(),
        headers,
        body: (!r["body"].is_null()).then(|| r["body"].clone()),
    }
}

/// A server that replays the recorded answer of one entry.
async fn replaying(entry: &Value) -> MockServer {
    let server = MockServer::start().await;
    let response = &entry["response"];
    let status = response["status"].as_u64().expect("status") as u16;
    let template = match &response["body"] {
        Value::String(text) => ResponseTemplate::new(status).set_body_raw(text.clone(), "text/plain"),
        body => ResponseTemplate::new(status).set_body_json(body.clone()),
    };
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

/// How the comparison of one entry came out.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Same request (after the documented normalizations), same result.
    Identical,
    /// A documented, deliberate difference, asserted.
    Deliberate,
    /// The typed API cannot express the call.
    Inexpressible,
}

async fn compare(entry: &Value, token: &str) -> Outcome {
    let id = text(&entry["id"]);
    let variant = text(&entry["variant"]);
    let params = entry["params"].as_object().expect("params").clone();
    match variant.as_str() {
        "path-param-omitted" | "body-omitted" | "list-and-dict-values" => return Outcome::Inexpressible,
        "error-400-json" => {
            // A body without `name`: `ApiTokenPost` requires it, so the
            // recorded body does not even decode into our request type.
            assert!(serde_json::from_value::<ApiTokenPost>(params["apiToken"].clone()).is_err());
            return Outcome::Inexpressible;
        }
        _ => {}
    }
    let server = replaying(entry).await;
    let base = match variant.as_str() {
        "base-url-trailing-slash" => format!("{}/", server.uri()),
        "base-url-with-prefix" => format!("{}/prefix", server.uri()),
        _ => server.uri(),
    };
    let builder = Client::builder().base_url(base);
    let builder = if variant == "no-auth-token" { builder } else { builder.token(token) };
    let client = builder.build().expect("client builds");
    let result = call(&client, &id, &params).await;

    if variant == "no-auth-token" {
        assert!(matches!(result, Err(Error::MissingToken { action: "userApiTokens.get" })), "{result:?}");
        assert!(received(&server).await.is_empty(), "nothing is sent without a token");
        return Outcome::Deliberate;
    }

    let mut seen = received(&server).await;
    assert_eq!(seen.len(), 1, "{id} {variant}: one request");
    let ours = seen.remove(0);
    let mut theirs = recorded(entry);
    let mut outcome = Outcome::Identical;
    match variant.as_str() {
        "path-param-reserved-chars" => {
            assert_eq!(theirs.path, "/applications/app%20id/with");
            assert_eq!(ours.path, "/applications/app%20id%2Fwith%3Fchars/tokens/5f00000000000000000000d1");
            // Python's raw `?` started the query early; ours is intact.
            assert_eq!(
                ours.query,
                common::DEFAULT_QUERY.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
            );
            theirs.path = ours.path.clone();
            theirs.query = ours.query.clone();
            outcome = Outcome::Deliberate;
        }
        "base-url-trailing-slash" => {
            assert_eq!(theirs.path, "//me/tokens");
            assert_eq!(ours.path, "/me/tokens");
            theirs.path = ours.path.clone();
            outcome = Outcome::Deliberate;
        }
        "none-values" => {
            // Python drops `_actions` and `_links` set to None; we always
            // send the defaults the spec marks `send_default`.
            assert_eq!(theirs.query, vec![("_embedded".to_owned(), "true".to_owned())]);
            theirs.query = common::DEFAULT_QUERY.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            outcome = Outcome::Deliberate;
        }
        _ => {}
    }
    if entry["request"]["rawQuery"].as_str().is_some_and(|q| q.contains("True") || q.contains("False")) {
        // Same pairs once Python's `True`/`False` are lowercased: a
        // deliberate difference, but the request is otherwise identical.
        assert!(ours.query.iter().all(|(_, v)| v != "True" && v != "False"));
    }
    assert_eq!(ours.method, theirs.method, "{id} {variant}: method");
    assert_eq!(ours.path, theirs.path, "{id} {variant}: path");
    assert_eq!(ours.query, theirs.query, "{id} {variant}: query pairs");
    assert_eq!(ours.headers, theirs.headers, "{id} {variant}: headers");
    assert_eq!(ours.body, theirs.body, "{id} {variant}: body");

    let expected = &entry["outcome"];
    match result {
        Ok(value) => assert_eq!(&value, &expected["returned"], "{id} {variant}: decoded result"),
        Err(Error::Api(error)) => {
            let raised = &expected["raised"];
            assert_eq!(
                u64::from(error.status()),
                raised["status"].as_u64().unwrap_or_default(),
                "{id} {variant}: status"
            );
            match &raised["data"] {
                Value::String(text) => {
                    assert!(error.body().is_none());
                    assert_eq!(error.raw_body(), text.as_str());
                }
                data => {
                    let body = error.body().expect("a typed error body");
                    assert_eq!(body.type_.as_deref(), data["type"].as_str());
                    assert_eq!(body.message.as_deref(), data["message"].as_str());
                }
            }
        }
        Err(other) => panic!("{id} {variant}: unexpected error {other}"),
    }
    outcome
}

#[tokio::test]
async fn every_recorded_call_of_the_official_client() {
    let reference = reference();
    assert_eq!(reference["client"]["version"], json!("2.3.0"));
    let entries = reference["entries"].as_array().expect("entries");
    let mut identical = Vec::new();
    let mut deliberate = Vec::new();
    let mut inexpressible = Vec::new();
    for entry in entries {
        let name = format!("{} {}", text(&entry["id"]), text(&entry["variant"]));
        match compare(entry, reference["authToken"].as_str().expect("token")).await {
            Outcome::Identical => identical.push(name),
            Outcome::Deliberate => deliberate.push(name),
            Outcome::Inexpressible => inexpressible.push(name),
        }
    }
    println!(
        "conformance: {} of {} recorded calls identical, {} deliberately different, {} not expressible in the typed API",
        identical.len(),
        entries.len(),
        deliberate.len(),
        inexpressible.len()
    );
    println!("deliberate: {deliberate:?}\ninexpressible: {inexpressible:?}");
    // Every token action, in every variant, matches the official client.
    assert_eq!(identical.len(), 15 * 3 + 4, "identical: {identical:#?}");
    assert_eq!(deliberate.len(), 4, "deliberate: {deliberate:#?}");
    assert_eq!(inexpressible.len(), 5, "inexpressible: {inexpressible:#?}");
}
