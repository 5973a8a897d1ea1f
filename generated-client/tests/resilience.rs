//! Retries, per-call timeouts, declared scopes and request hooks, against a
//! real HTTP server on 127.0.0.1. Each test counts the requests the server
//! received.

mod common;

use std::time::{Duration, Instant};

use common::{TOKEN, example, quick, received};
use losant_rest::types::ApiTokenPost;
use losant_rest::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

fn builder(server: &MockServer) -> losant_rest::ClientBuilder {
    Client::builder().token(TOKEN).base_url(server.uri())
}

/// A server that answers `first` to the first `times` requests, then `then`.
async fn flaky(first: ResponseTemplate, times: u64, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(first).up_to_n_times(times).with_priority(1).mount(&server).await;
    Mock::given(any()).respond_with(then).with_priority(2).mount(&server).await;
    server
}

#[tokio::test]
async fn a_429_is_retried_after_the_servers_retry_after() {
    let server = flaky(
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        1,
        ResponseTemplate::new(200).set_body_json(example("apiToken")),
    )
    .await;
    let client = builder(&server).retry(quick(3).max_backoff(Duration::from_secs(5))).build().unwrap();
    let started = Instant::now();
    let token = client.user_api_token().get(TOKEN_ID).send().await.unwrap();
    assert_eq!(token.name.as_deref(), Some("My API Token"));
    assert_eq!(received(&server).await.len(), 2);
    // The server asked for a second; the policy's own backoff is 1 ms.
    assert!(started.elapsed() >= Duration::from_millis(900), "waited {:?}", started.elapsed());
}

#[tokio::test]
async fn gateway_errors_are_retried_up_to_the_limit() {
    for status in [502, 503, 504] {
        let server = flaky(ResponseTemplate::new(status), 10, ResponseTemplate::new(200)).await;
        let client = builder(&server).retry(quick(3)).build().unwrap();
        let error = client.user_api_tokens().get().send().await.unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(received(&server).await.len(), 3, "status {status}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = flaky(ResponseTemplate::new(500), 10, ResponseTemplate::new(200)).await;
    let client = builder(&server).retry(quick(3)).build().unwrap();
    assert_eq!(client.user_api_tokens().get().send().await.unwrap_err().status(), Some(500));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn without_a_policy_nothing_is_retried() {
    let server = flaky(ResponseTemplate::new(503), 10, ResponseTemplate::new(200)).await;
    let client = builder(&server).build().unwrap();
    assert_eq!(client.user_api_tokens().get().send().await.unwrap_err().status(), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn post_and_patch_are_retried_only_when_the_caller_says_so() {
    let server = flaky(ResponseTemplate::new(503), 10, ResponseTemplate::new(200)).await;
    let client = builder(&server).retry(quick(3)).build().unwrap();
    client.user_api_tokens().post(ApiTokenPost::new("ci")).send().await.unwrap_err();
    client.user_api_token().patch(TOKEN_ID, losant_rest::types::ApiTokenPatch::new()).send().await.unwrap_err();
    assert_eq!(received(&server).await.len(), 2, "one attempt each");

    let server =
        flaky(ResponseTemplate::new(503), 2, ResponseTemplate::new(201).set_body_json(example("apiToken"))).await;
    let client = builder(&server).build().unwrap();
    let created = client
        .user_api_tokens()
        .post(ApiTokenPost::new("ci"))
        .retry(quick(3).retry_non_idempotent(true))
        .send()
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some(TOKEN_ID));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A server that closes the first connection without answering, then
    // answers properly: wiremock cannot drop a connection.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let mut connections = 0;
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            connections += 1;
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            if connections == 1 {
                drop(socket);
                continue;
            }
            let body = r#"{"success":true}"#;
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.unwrap();
            return connections;
        }
    });
    let client = Client::builder().token(TOKEN).base_url(format!("http://{address}")).retry(quick(3)).build().unwrap();
    let done = client.user_api_token().delete(TOKEN_ID).send().await.unwrap();
    assert_eq!(done.success, Some(true));
    assert_eq!(server.await.unwrap(), 2, "two connections: the dropped one and the retry");
}

#[tokio::test]
async fn a_slow_server_times_out_once_and_per_call_timeouts_override_the_clients() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(example("apiToken")).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = builder(&server).retry(quick(3)).build().unwrap();
    assert_eq!(client.timeout(), losant_rest::runtime::DEFAULT_TIMEOUT);
    let error = client.user_api_token().get(TOKEN_ID).timeout(Duration::from_millis(100)).send().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(100)), "{error:?}");
    assert_eq!(received(&server).await.len(), 1, "a timeout is not retried");
}

#[tokio::test]
async fn declared_scopes_stop_calls_they_do_not_allow_before_sending() {
    let server = common::server_answering(200, example("apiTokens")).await;
    let client = builder(&server).scopes(["all.Application.read"]).build().unwrap();
    let post = &losant_rest::application_api_tokens::Post::INFO;
    assert!(!client.allows(post));
    assert!(client.allows(&losant_rest::application_api_tokens::Get::INFO));
    let error = client.application_api_tokens().post(APP, ApiTokenPost::new("ci")).send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "applicationApiTokens.post needs a token with one of the scopes all.Application, all.Organization, all.User, \
         applicationApiTokens.*, applicationApiTokens.post; the client's token has all.Application.read; nothing was sent"
    );
    assert!(received(&server).await.is_empty());
    client.application_api_tokens().get(APP).send().await.unwrap();
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn request_hooks_add_headers_and_never_see_the_token() {
    use std::sync::{Arc, Mutex};
    let server = common::server_answering(200, example("apiTokens")).await;
    let seen_by_hook = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen_by_hook);
    let client = builder(&server)
        .on_request(move |info, headers| {
            headers.insert("x-request-id", format!("req-{}", info.id).parse().unwrap());
            log.lock().unwrap().push(headers.contains_key("authorization"));
        })
        .build()
        .unwrap();
    client.user_api_tokens().get().send().await.unwrap();
    let seen = common::only_request(&server).await;
    assert!(seen.headers.contains(&("x-request-id".to_owned(), "req-userApiTokens.get".to_owned())));
    assert!(seen.headers.contains(&("authorization".to_owned(), format!("Bearer {TOKEN}"))));
    assert_eq!(*seen_by_hook.lock().unwrap(), vec![false]);
}
