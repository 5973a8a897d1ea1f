//! Failure modes and client configuration, against a real HTTP server on
//! 127.0.0.1: typed API errors, non-JSON error bodies, timeouts, bodies that
//! do not decode, refused connections, invalid params (nothing sent), a
//! missing token, and secrets kept out of `Debug` output and messages; the
//! headers an API error keeps, `Retry-After`, the status helpers, and a 429
//! handled by hand.

mod common;

use std::time::Duration;

use common::{TOKEN, client, example, only_request, received, server_answering, server_answering_with};
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

/// A server that answers `status` with an error body and the headers given.
async fn server_with_headers(status: u16, headers: &[(&str, &str)]) -> MockServer {
    server_answering_with(status, example("error"), headers).await
}

#[tokio::test]
async fn an_api_error_keeps_the_response_headers_and_hides_credentials() {
    let headers = [
        ("x-request-id", "req-9"),
        ("set-cookie", "session=COOKIE-SECRET"),
        ("www-authenticate", "Bearer realm=\"api\""),
    ];
    let server = server_with_headers(401, &headers).await;
    let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.header("X-Request-Id"), Some("req-9"));
    assert_eq!(api.header("www-authenticate"), Some("Bearer realm=\"api\""));
    assert_eq!(api.headers().get("set-cookie").unwrap(), "session=COOKIE-SECRET");
    assert_eq!(error.headers().map(|h| h["x-request-id"].clone()), Some("req-9".parse().unwrap()));
    let debug = format!("{error:?}");
    for secret in ["COOKIE-SECRET", TOKEN] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("\"x-request-id\": \"req-9\""), "{debug}");
    assert!(debug.contains("\"set-cookie\": Sensitive"), "{debug}");
    // `Display` is about the error, not its headers.
    assert_eq!(error.to_string(), "userApiToken.get failed with HTTP 401: NotFound: Application was not found");
}

#[tokio::test]
async fn retry_after_is_read_in_seconds_and_as_a_date() {
    let cases: [(&str, Option<std::ops::RangeInclusive<Duration>>); 5] = [
        ("7", Some(Duration::from_secs(7)..=Duration::from_secs(7))),
        // A date already past: no wait.
        ("Wed, 21 Oct 2015 07:28:00 GMT", Some(Duration::ZERO..=Duration::ZERO)),
        // A date decades ahead: the wait until then.
        ("Fri, 01 Jan 2100 00:00:00 GMT", Some(Duration::from_secs(60 * 365 * 86_400)..=Duration::MAX)),
        ("soon", None),
        ("-3", None),
    ];
    for (value, expected) in cases {
        let server = server_with_headers(429, &[("retry-after", value)]).await;
        let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
        let wait = error.retry_after();
        assert_eq!(wait, error.as_api().unwrap().retry_after(), "{value}");
        match (wait, expected) {
            (Some(wait), Some(range)) => assert!(range.contains(&wait), "{value}: {wait:?} not in {range:?}"),
            (None, None) => {}
            (wait, expected) => panic!("{value}: got {wait:?}, expected {expected:?}"),
        }
    }
    let server = server_with_headers(429, &[]).await;
    let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    assert_eq!(error.retry_after(), None);
}

#[tokio::test]
async fn status_helpers_classify_api_errors() {
    // status: not found, rate limited, client error, server error, retryable.
    let cases = [
        (400, [false, false, true, false, false]),
        (401, [false, false, true, false, false]),
        (404, [true, false, true, false, false]),
        (422, [false, false, true, false, false]),
        (429, [false, true, true, false, true]),
        (500, [false, false, false, true, false]),
        (502, [false, false, false, true, true]),
        (503, [false, false, false, true, true]),
        (504, [false, false, false, true, true]),
    ];
    for (status, expected) in cases {
        let server = server_with_headers(status, &[]).await;
        let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
        let got = [
            error.is_not_found(),
            error.is_rate_limited(),
            error.is_client_error(),
            error.is_server_error(),
            error.is_retryable(),
        ];
        assert_eq!(got, expected, "HTTP {status}");
        let api = error.as_api().unwrap();
        assert_eq!(
            [api.is_not_found(), api.is_rate_limited(), api.is_retryable()],
            [got[0], got[1], got[4]],
            "HTTP {status}"
        );
        assert_eq!(error.action(), Some("userApiToken.get"));
    }
}

#[tokio::test]
async fn errors_before_sending_are_not_retryable_and_timeouts_are() {
    let no_token = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
    let error = no_token.user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    assert!(matches!(error, Error::MissingToken { .. }), "{error:?}");
    assert!(!error.is_retryable() && !error.is_client_error() && error.headers().is_none());
    assert_eq!(error.action(), Some("userApiToken.get"));

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(example("apiToken")).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let error = client(&server).user_api_token().get(TOKEN_ID).timeout(Duration::from_millis(100)).await.unwrap_err();
    assert!(error.is_timeout() && error.is_retryable(), "{error:?}");
    assert_eq!(error.retry_after(), None);

    // A port that was just free: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let refused = Client::builder().token(TOKEN).base_url(format!("http://127.0.0.1:{port}")).build().unwrap();
    let error = refused.user_api_token().get(TOKEN_ID).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }) && error.is_retryable(), "{error:?}");
}

/// A 429 handled by hand, without a retry policy: the error says how long
/// to wait, the caller waits that long and sends again.
#[tokio::test]
async fn a_429_can_be_handled_by_hand() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).set_body_json(example("error")).append_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(example("apiToken"))).mount(&server).await;
    let client = client(&server);
    let started = std::time::Instant::now();
    let mut waits = Vec::new();
    let token = loop {
        match client.user_api_token().get(TOKEN_ID).await {
            Ok(token) => break token,
            Err(e) if e.is_rate_limited() && waits.len() < 3 => {
                let wait = e.retry_after().unwrap_or(Duration::from_millis(100));
                waits.push(wait);
                tokio::time::sleep(wait).await;
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(token.name.as_deref(), Some("My API Token"));
    assert_eq!(waits, [Duration::from_secs(1)]);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(received(&server).await.len(), 2, "the client itself did not retry");
}
