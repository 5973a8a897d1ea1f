//! Failure modes and client configuration, against a real HTTP server on
//! 127.0.0.1: typed API errors, non-JSON error bodies, timeouts, bodies that
//! do not decode, refused connections, invalid params (nothing sent), a
//! missing token, and secrets kept out of `Debug` output and messages.

mod common;

use std::time::Duration;

use common::{TOKEN, client, example, only_request, received, server_answering};
use losant_rest::types::{ActorType, ApiTokenOwnerType, ApiTokenPost, RequestedScopes};
use losant_rest::{Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

#[tokio::test]
async fn a_400_becomes_a_typed_api_error() {
    let server = server_answering(400, json!({"type": "Validation", "message": "name is required"})).await;
    let error = client(&server).application_api_tokens().post(APP, ApiTokenPost::new("x")).send().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 400);
    assert_eq!(api.action(), "applicationApiTokens.post");
    let body = api.body().expect("a typed body");
    assert_eq!((body.type_.as_deref(), body.message.as_deref()), (Some("Validation"), Some("name is required")));
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.to_string(), "applicationApiTokens.post failed with HTTP 400: Validation: name is required");
}

#[tokio::test]
async fn a_404_becomes_a_typed_api_error() {
    let server = server_answering(404, example("error")).await;
    let error = client(&server).application_api_token().get(APP, TOKEN_ID).send().await.unwrap_err();
    let Error::Api(api) = &error else { panic!("expected an API error, got {error:?}") };
    assert_eq!(api.status(), 404);
    assert_eq!(api.body().and_then(|b| b.type_.as_deref()), Some("NotFound"));
    assert_eq!(error.to_string(), "applicationApiToken.get failed with HTTP 404: NotFound: Application was not found");
}

#[tokio::test]
async fn a_non_json_error_body_is_kept_raw() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw("Bad Gateway (upstream down)", "text/plain"))
        .mount(&server)
        .await;
    let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 502);
    assert!(api.body().is_none());
    assert_eq!(api.raw_body(), "Bad Gateway (upstream down)");
    assert_eq!(error.to_string(), "userApiToken.get failed with HTTP 502: Bad Gateway (upstream down)");
}

#[tokio::test]
async fn an_empty_error_body_still_reports_the_status() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    let error = client(&server).user_api_tokens().get().send().await.unwrap_err();
    assert_eq!(error.to_string(), "userApiTokens.get failed with HTTP 401");
    assert_eq!(error.as_api().map(|a| a.raw_body().into_owned()).as_deref(), Some(""));
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(example("apiToken")).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client =
        Client::builder().token(TOKEN).base_url(server.uri()).timeout(Duration::from_millis(200)).build().unwrap();
    assert_eq!(client.timeout(), Duration::from_millis(200));
    let error = client.user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.to_string(), "userApiToken.get: no complete response within the call's deadline of 200ms");
}

#[test]
fn the_default_timeout_is_finite() {
    let client = Client::builder().token(TOKEN).build().unwrap();
    assert_eq!(client.timeout(), losant_rest::runtime::DEFAULT_TIMEOUT);
    assert_eq!(client.base_url(), "https://api.losant.com");
}

#[tokio::test]
async fn a_body_that_does_not_match_the_schema_is_a_decode_error_without_secrets() {
    let server = server_answering(200, json!({"name": "t", "token": "jwt-secret-value", "scope": "not-a-list"})).await;
    let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    let Error::Decode { action, status, excerpt, .. } = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!((*action, *status), ("userApiToken.get", 200));
    assert!(excerpt.contains("not-a-list"), "{excerpt}");
    let message = error.to_string();
    assert!(message.starts_with("userApiToken.get: cannot decode the HTTP 200 response: invalid type"), "{message}");
    assert!(!message.contains("jwt-secret-value"), "the token in the body is redacted: {message}");
    assert!(!format!("{error:?}").contains("jwt-secret-value"));
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // A port that was just free: nothing listens on it once the listener is
    // dropped (wiremock pools its servers, so a dropped one may be reused).
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder().token(TOKEN).base_url(format!("http://127.0.0.1:{port}")).build().unwrap();
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { action: "userApiTokens.get", .. }), "{error:?}");
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn without_a_token_nothing_is_sent() {
    let server = server_answering(200, example("apiTokens")).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(error, Error::MissingToken { action: "userApiTokens.get" }));
    assert!(error.to_string().contains("needs an API token"), "{error}");
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn an_empty_path_param_is_rejected_and_nothing_is_sent() {
    let server = server_answering(200, example("apiToken")).await;
    let error = client(&server).application_api_token().get(APP, "").send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "applicationApiToken.get: invalid value for `apiTokenId`: a path param cannot be empty; nothing was sent"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn a_header_with_a_line_break_is_rejected_and_nothing_is_sent() {
    let server = server_answering(200, example("success")).await;
    let error =
        client(&server).user_api_token().delete(TOKEN_ID).losantdomain("a.com\r\nX-Evil: 1").send().await.unwrap_err();
    assert!(matches!(error, Error::InvalidParameter { param: "losantdomain", .. }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn path_params_are_percent_encoded() {
    let server = server_answering(200, example("apiToken")).await;
    client(&server).application_api_token().get("app id/with?chars", "a#b").send().await.unwrap();
    assert_eq!(only_request(&server).await.path, "/applications/app%20id%2Fwith%3Fchars/tokens/a%23b");
}

#[tokio::test]
async fn query_values_with_reserved_characters_arrive_intact() {
    let server = server_answering(200, example("apiTokens")).await;
    let filter = "my*tok en&x=1/ü+%";
    client(&server).application_api_tokens().get(APP).filter(filter).send().await.unwrap();
    let seen = only_request(&server).await;
    assert_eq!(seen.query.last(), Some(&("filter".to_owned(), filter.to_owned())));
}

#[tokio::test]
async fn responses_tolerate_unknown_fields_missing_fields_and_unknown_enum_values() {
    let body = json!({"ownerType": "instance", "creatorType": "robot", "brandNewField": {"x": 1}, "status": null});
    let server = server_answering(200, body).await;
    let token = client(&server).instance_api_token().get("575ec7417ae143cd83dc4a96", TOKEN_ID).send().await.unwrap();
    assert_eq!(token.owner_type, Some(ApiTokenOwnerType::Instance));
    assert_eq!(token.creator_type, Some(ActorType::from("robot")));
    assert_eq!(token.status, None);
    assert_eq!(token.name, None);
    // An unknown value goes back out as it came in.
    assert_eq!(serde_json::to_value(&token.creator_type).unwrap(), json!("robot"));
}

#[tokio::test]
async fn the_base_url_keeps_its_path_prefix_and_drops_a_trailing_slash() {
    let server = server_answering(200, example("apiTokens")).await;
    let client = Client::builder().token(TOKEN).base_url(format!("{}/prefix/", server.uri())).build().unwrap();
    client.user_api_tokens().get().send().await.unwrap();
    assert_eq!(only_request(&server).await.path, "/prefix/me/tokens");
}

#[test]
fn invalid_configuration_is_reported_when_building() {
    for url in ["not a url", "ftp://example.com", "https://example.com/?q=1"] {
        let error = Client::builder().base_url(url).build().unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{url}: {error:?}");
    }
    let error = Client::builder().token("bad\ntoken").build().unwrap_err();
    assert_eq!(error.to_string(), "cannot build the client: the token contains characters that cannot go in a header");
}

#[tokio::test]
async fn a_callers_http_client_and_user_agent_are_used() {
    let server = server_answering(200, example("apiTokens")).await;
    let mut headers = losant_rest::runtime::reqwest::header::HeaderMap::new();
    headers.insert("x-request-id", "abc-123".parse().unwrap());
    let http = losant_rest::runtime::reqwest::Client::builder().default_headers(headers).build().unwrap();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .http_client(http)
        .user_agent("my-tool/1.0")
        .build()
        .unwrap();
    client.user_api_tokens().get().send().await.unwrap();
    let seen = only_request(&server).await;
    assert_eq!(seen.user_agent.as_deref(), Some("my-tool/1.0"));
    assert!(seen.headers.contains(&("x-request-id".to_owned(), "abc-123".to_owned())));
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output_or_errors() {
    let server = server_answering(404, example("error")).await;
    let builder = Client::builder().token(TOKEN).base_url(server.uri());
    assert!(!format!("{builder:?}").contains(TOKEN));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains(TOKEN));
    let request = client.user_api_token().get(TOKEN_ID);
    assert!(!format!("{request:?}").contains(TOKEN));
    let error = request.send().await.unwrap_err();
    assert!(!format!("{error:?}").contains(TOKEN));
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn a_body_out_of_its_documented_limits_is_rejected_and_nothing_is_sent() {
    use losant_rest::types::{ApiTokenPatch, OrgRole, Role};
    let server = server_answering(201, example("apiToken")).await;
    let client = client(&server);
    let error = client.user_api_tokens().post(ApiTokenPost::new("")).send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "userApiTokens.post: invalid value for `apiToken`: `name` must be at least 1 character long; nothing was sent"
    );
    let error = client
        .user_api_tokens()
        .post(ApiTokenPost::new("ci").scope([RequestedScopes::AllUser, RequestedScopes::AllUser]))
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("the items of `scope` must be unique"), "{error}");
    let roles = (0..26).map(|_| OrgRole::new("sandbox", Role::View));
    let error =
        client.user_api_token().patch(TOKEN_ID, ApiTokenPatch::new().org_roles(roles)).send().await.unwrap_err();
    assert!(error.to_string().contains("`orgRoles` may have at most 25 items, not 26"), "{error}");
    let nested = OrgRole::new("sandbox", Role::View).application_roles([losant_rest::types::ResourceRole::new(
        "x".repeat(3),
        losant_rest::types::ResourceRoleRole::View,
    )]);
    let long_name = ApiTokenPatch::new().name("n".repeat(256)).org_roles([nested]);
    let error = client.user_api_token().patch(TOKEN_ID, long_name).send().await.unwrap_err();
    assert!(error.to_string().contains("`name` must be at most 255 characters long, not 256"), "{error}");
    assert!(received(&server).await.is_empty());
}
