//! `Client::raw`, a call of what the spec does not describe, against a real
//! HTTP server on 127.0.0.1: it sends what a generated action sends (base
//! URL, token, fixed headers, user agent, hooks), encodes path values so no
//! value changes the route, retries, keeps the deadline, decodes errors as
//! `Error::Api` with headers, and refuses locally what it cannot send.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Expect, TOKEN, client, example, only_request, quick, received};
use losant_rest::runtime::Method;
use losant_rest::types::ApiToken;
use losant_rest::{Client, Error, RawRequest};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";

async fn server_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

#[tokio::test]
async fn a_raw_get_sends_what_an_action_sends_with_path_values_encoded() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({"state": "on"}))).await;
    // What the hook sees: the action, and whether the caller's key header
    // is marked sensitive.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .on_request(move |info, headers| {
            let key_hidden = headers.get("x-api-key").is_some_and(|v| v.is_sensitive());
            record.lock().unwrap().push((info.id, info.method, info.path, key_hidden));
            headers.insert("x-trace", "t-1".parse().unwrap());
        })
        .build()
        .unwrap();
    let body = client
        .raw(Method::Get, "/applications/{applicationId}/devices/{deviceId}/state")
        .path_param("applicationId", APP)
        .path_param("deviceId", "a/b?c#d%e f")
        .query("sortField", "name")
        .query("filter", "x y&z=1")
        .header("X-Custom", "custom value")
        .header("X-Api-Key", "key-value")
        .send_json()
        .await
        .unwrap();
    assert_eq!(body, json!({"state": "on"}));
    let path = format!("/applications/{APP}/devices/a%2Fb%3Fc%23d%25e%20f/state");
    // The spec's global params are the generated builders': a raw call
    // sends only the query it is given.
    Expect::new("GET", path)
        .query(&[("sortField", "name"), ("filter", "x y&z=1")])
        .header("x-custom", "custom value")
        .header("x-api-key", "key-value")
        .header("x-trace", "t-1")
        .check(&only_request(&server).await);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, [("raw", Method::Get, "/applications/{applicationId}/devices/{deviceId}/state", true)]);
}

#[tokio::test]
async fn a_raw_post_sends_its_json_body_and_decodes_a_typed_response() {
    let server = server_answering(
        ResponseTemplate::new(201).set_body_json(example("apiToken")).append_header("x-request-id", "req-3"),
    )
    .await;
    let request = json!({"name": "new token", "scope": ["all.Application"]});
    let token: ApiToken = client(&server)
        .raw(Method::Post, "/applications/{applicationId}/tokens")
        .path_param("applicationId", APP)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(token.name.as_deref(), Some("My API Token"));
    Expect::new("POST", format!("/applications/{APP}/tokens"))
        .query(&[])
        .body(request.clone())
        .check(&only_request(&server).await);

    let response = client(&server)
        .raw(Method::Post, "/applications/{applicationId}/tokens")
        .path_param("applicationId", APP)
        .json(&request)
        .send_with_response::<ApiToken>()
        .await
        .unwrap();
    assert_eq!((response.status(), response.header("x-request-id")), (201, Some("req-3")));
    assert_eq!(response.into_inner(), token);
}

#[tokio::test]
async fn an_empty_body_decodes_as_null() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = client(&server);
    client.raw(Method::Delete, "/things/{id}").path_param("id", "1").send::<()>().await.unwrap();
    let value = client.raw(Method::Delete, "/things/{id}").path_param("id", "1").send_json().await.unwrap();
    assert_eq!(value, Value::Null);
    let response = client.raw(Method::Delete, "/things/{id}").path_param("id", "1");
    let response = response.send_with_response::<Option<ApiToken>>().await.unwrap();
    assert_eq!((response.status(), response.value()), (204, &None));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn an_error_status_is_an_api_error_with_its_body_and_headers() {
    let server = server_answering(
        ResponseTemplate::new(404).set_body_json(example("error")).append_header("x-request-id", "req-404"),
    )
    .await;
    let error =
        client(&server).raw(Method::Get, "/applications/{id}").path_param("id", APP).send_json().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.body().and_then(|b| b.type_.as_deref()), Some("NotFound"));
    assert_eq!(api.header("x-request-id"), Some("req-404"));
    assert!(error.is_not_found());
    assert_eq!(error.action(), Some("raw"));
    assert_eq!(error.to_string(), "raw failed with HTTP 404: NotFound: Application was not found");
}

#[tokio::test]
async fn a_raw_call_is_retried_as_an_action_is() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503)).up_to_n_times(2).mount(&server).await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true}))).mount(&server).await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).retry(quick(3)).build().unwrap();
    let body = client.raw(Method::Get, "/things").send_json().await.unwrap();
    assert_eq!(body, json!({"ok": true}));
    assert_eq!(received(&server).await.len(), 3);

    // A POST is not repeated unless the policy says so.
    let server = server_answering(ResponseTemplate::new(503)).await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).retry(quick(3)).build().unwrap();
    let error = client.raw(Method::Post, "/things").json(&json!({})).send_json().await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(received(&server).await.len(), 1);
    let retried = client.raw(Method::Post, "/things").retry(quick(2).retry_non_idempotent(true));
    assert_eq!(retried.send_json().await.unwrap_err().status(), Some(503));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_raw_call_keeps_the_deadline() {
    let slow = ResponseTemplate::new(200).set_body_json(json!({})).set_delay(Duration::from_secs(2));
    let server = server_answering(slow).await;
    let error =
        client(&server).raw(Method::Get, "/things").timeout(Duration::from_millis(150)).send_json().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { action: "raw", .. }), "{error:?}");
    assert_eq!(error.to_string(), "raw: no complete response within the call's deadline of 150ms");

    let client = Client::builder().token(TOKEN).base_url(server.uri()).timeout(Duration::from_millis(150)).build();
    let error = client.unwrap().raw(Method::Get, "/things").send_json().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn the_token_is_required_unless_the_call_says_it_needs_none() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let anonymous = Client::builder().base_url(server.uri()).build().unwrap();
    let error = anonymous.raw(Method::Get, "/status").send_json().await.unwrap_err();
    assert!(matches!(error, Error::MissingToken { action: "raw" }), "{error:?}");
    assert!(received(&server).await.is_empty());

    anonymous.raw(Method::Get, "/status").auth(false).send_json().await.unwrap();
    let seen = only_request(&server).await;
    assert!(!seen.headers.iter().any(|(name, _)| name == "authorization"), "{seen:?}");
    assert!(seen.headers.contains(&("accept-version".into(), "^1.31.0".into())), "{seen:?}");
}

#[tokio::test]
async fn the_clients_scopes_do_not_apply_to_raw_calls() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).scopes(["applicationKeys.get"]).build().unwrap();
    let denied = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(denied, Error::ScopeDenied { .. }), "{denied:?}");
    client.raw(Method::Get, "/me/tokens").send_json().await.unwrap();
    assert_eq!(only_request(&server).await.path, "/me/tokens");
}

#[tokio::test]
async fn what_cannot_be_sent_is_refused_and_nothing_is_sent() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = client(&server);
    let get = |path: &'static str| client.raw(Method::Get, path);
    let unserializable: BTreeMap<Vec<u8>, u8> = BTreeMap::from([(vec![1], 1)]);
    let cases: Vec<(RawRequest, &str)> = vec![
        (
            get("/applications/{applicationId}"),
            "raw: invalid value for `applicationId`: the path template has this placeholder, but `path_param` gave it \
             no value; nothing was sent",
        ),
        (
            get("/applications").path_param("applicationId", APP),
            "raw: the path template `/applications` has no placeholder `{applicationId}`; nothing was sent",
        ),
        (
            get("/a/{id}").path_param("id", ".."),
            "raw: invalid value for `id`: a path param cannot be `..`, a dot segment; nothing was sent",
        ),
        (
            get("/a/{id}").path_param("id", ""),
            "raw: invalid value for `id`: a path param cannot be empty; nothing was sent",
        ),
        (
            get("/a/../admin"),
            "raw: the path template `/a/../admin` has a `..` segment, which the URL resolves away; nothing was sent",
        ),
        (
            get("/a?admin=1"),
            "raw: the path template `/a?admin=1` has a `?`: add query params with `query`; nothing was sent",
        ),
        (get("applications"), "raw: the path template `applications` must start with `/`; nothing was sent"),
        (get("/a/%2e%2E/b"), "raw: the path would change when parsed as a URL (a dot segment?); nothing was sent"),
        (
            get("/a").header("X-Evil", "a\r\nHost: elsewhere"),
            "raw: the value of the header `x-evil` has a line break or another control character; nothing was sent",
        ),
        (get("/a").header("Bad Name", "v"), "raw: \"Bad Name\" is not a valid header name; nothing was sent"),
        (
            get("/a").json(&unserializable),
            "raw: the body does not serialize as JSON: key must be a string; nothing was sent",
        ),
    ];
    for (request, message) in cases {
        let error = request.send_json().await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. } | Error::InvalidParameter { .. }), "{error:?}");
        assert_eq!(error.to_string(), message);
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn a_raw_request_shows_no_values_in_debug() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let request = client(&server)
        .raw(Method::Patch, "/applications/{applicationId}")
        .path_param("applicationId", "ID-VALUE")
        .query("q", "QUERY-VALUE")
        .header("X-Api-Key", "KEY-VALUE")
        .json(&json!({"password": "BODY-VALUE"}));
    let debug = format!("{request:?}");
    for value in ["ID-VALUE", "QUERY-VALUE", "KEY-VALUE", "BODY-VALUE", TOKEN] {
        assert!(!debug.contains(value), "{value} in {debug}");
    }
    assert!(debug.contains("path: \"/applications/{applicationId}\""), "{debug}");
    assert!(debug.contains("path_params: [\"applicationId\"]"), "{debug}");
    assert!(debug.contains("headers: [\"x-api-key\"]"), "{debug}");
}
