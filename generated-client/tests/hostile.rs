//! Hostile callers and hostile servers, against real HTTP servers on
//! 127.0.0.1: ids that would change the route, bodies without end, secrets
//! in error bodies and base URLs, deadlines across retries, responses cut
//! short, statuses that are neither success nor error, and values too long
//! to send. Each test says what the client guarantees and checks what was
//! (or was not) sent.

mod common;

use std::time::{Duration, Instant};

use common::{TOKEN, client, example, quick, received, server_answering};
use losant_rest::runtime::RetryPolicy;
use losant_rest::{Client, Error};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

/// A server on 127.0.0.1 that answers the `i`th connection (from 0) with
/// `answers(i)` written raw, reading the request first, then closes it.
/// Returns its address and a counter of the connections it accepted.
async fn raw_server(
    answers: impl Fn(usize) -> Vec<u8> + Send + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::Ordering;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let index = counter.fetch_add(1, Ordering::SeqCst);
            let answer = answers(index);
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (address, count)
}

fn connections(count: &std::sync::atomic::AtomicUsize) -> usize {
    count.load(std::sync::atomic::Ordering::SeqCst)
}

// Item 1: an id can never change the route.

#[tokio::test]
async fn dot_segment_ids_fail_locally_and_nothing_is_sent() {
    let server = server_answering(200, example("success")).await;
    let client = client(&server);
    for id in [".", ".."] {
        let calls = [
            client.application_api_token().delete(APP, id).send().await.map(drop),
            client.user_api_token().delete(id).send().await.map(drop),
            client.application_api_token().get(id, "x").send().await.map(drop),
            client
                .instance_api_token()
                .patch(id, TOKEN_ID, losant_rest::types::ApiTokenPatch::new())
                .send()
                .await
                .map(drop),
        ];
        for result in calls {
            let error = result.unwrap_err();
            assert!(matches!(error, Error::InvalidParameter { .. }), "{id:?}: {error:?}");
            assert!(error.to_string().contains(&format!("a path param cannot be `{id}`, a dot segment")), "{error}");
        }
    }
    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn encoded_dots_and_separators_stay_inside_their_segment() {
    let server = server_answering(200, example("success")).await;
    let client = client(&server);
    for (id, path) in [
        ("%2e%2e", "/me/tokens/%252e%252e"),
        ("%2E.", "/me/tokens/%252E."),
        ("...", "/me/tokens/..."),
        ("../../applications", "/me/tokens/..%2F..%2Fapplications"),
        ("..\\..", "/me/tokens/..%5C.."),
        ("a?b#c", "/me/tokens/a%3Fb%23c"),
        (" \t\n", "/me/tokens/%20%09%0A"),
    ] {
        client.user_api_token().delete(id).send().await.unwrap();
        let seen = received(&server).await.pop().unwrap();
        assert_eq!((seen.method.as_str(), seen.path.as_str()), ("DELETE", path), "{id:?}");
    }
}

// Item 8: values too long to send fail locally with a short message.

#[tokio::test]
async fn an_overlong_id_or_query_fails_locally_with_a_short_message() {
    let server = server_answering(200, example("apiToken")).await;
    let client = client(&server);
    let id = "x".repeat(1 << 20);
    let error = client.user_api_token().get(&id).send().await.unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, Error::InvalidParameter { param: "apiTokenId", .. }), "{message}");
    assert!(message.len() < 200, "a bounded message: {} bytes", message.len());

    let filter = "f".repeat(20 * 1024);
    let error = client.application_api_tokens().get(APP).filter(filter).send().await.unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{message}");
    assert!(message.contains("longer than the limit of 16384"), "{message}");
    assert!(message.len() < 200, "{message}");
    assert!(received(&server).await.is_empty());
}

// Item 2: response bodies are bounded.

#[tokio::test]
async fn a_body_over_the_limit_fails_and_names_the_limit() {
    let big = json!({"items": [], "note": "x".repeat(2 << 20)});
    let server = server_answering(200, big.clone()).await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).max_response_body(1 << 20).build().unwrap();
    assert_eq!(client.max_response_body(), 1 << 20);
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(error, Error::BodyTooLarge { status: 200, limit: 1_048_576, .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "userApiTokens.get: the HTTP 200 response body is larger than the limit of 1048576 bytes \
         (raise it with `ClientBuilder::max_response_body`)"
    );
    // Under the limit the same body decodes (the default is 64 MiB).
    let error = common::client(&server).user_api_tokens().get().send().await;
    assert!(error.is_ok(), "{error:?}");
    assert_eq!(losant_rest::runtime::DEFAULT_MAX_RESPONSE_BODY, 64 << 20);
}

#[tokio::test]
async fn a_chunked_body_without_length_is_cut_off_at_the_limit() {
    // No Content-Length: the limit applies as the chunks arrive, and the
    // server is not read to its end.
    let chunk = "x".repeat(64 * 1024);
    let mut answer = b"HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..40 {
        answer.extend(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes());
    }
    answer.extend(b"0\r\n\r\n");
    let (address, _) = raw_server(move |_| answer.clone()).await;
    let client = Client::builder().token(TOKEN).base_url(address).max_response_body(1 << 20).build().unwrap();
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(error, Error::BodyTooLarge { status: 500, .. }), "{error:?}");
    assert_eq!(error.status(), Some(500));
}

#[tokio::test]
async fn error_bodies_show_a_bounded_excerpt_and_keep_the_rest() {
    let long = "e".repeat(100_000);
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(500).set_body_string(long.clone())).mount(&server).await;
    let error = client(&server).user_api_tokens().get().send().await.unwrap_err();
    let shown = error.to_string();
    assert!(shown.len() < 1024, "Display is bounded: {} bytes", shown.len());
    assert!(shown.ends_with("... (100000 bytes in all)"), "{}", &shown[shown.len() - 40..]);
    assert!(format!("{error:?}").len() < 2048, "Debug is bounded");
    let api = error.as_api().unwrap();
    assert_eq!(api.raw_body(), long.as_str(), "the whole body stays reachable");
    assert_eq!(api.raw_bytes().len(), 100_000);
}

// Item 3: secrets in error bodies and base URLs.

#[tokio::test]
async fn secrets_in_error_bodies_are_redacted_from_display_and_debug() {
    let secret = "eyJhbGciOi.secret-jwt.value";
    for body in [
        json!({"token": secret}),
        json!({"type": "Oops", "message": "failed", "token": secret}),
        json!({"items": [{"token": secret}], "message": "x"}),
    ] {
        let server = server_answering(500, body).await;
        let error = client(&server).user_api_tokens().get().send().await.unwrap_err();
        assert!(!error.to_string().contains(secret), "{error}");
        assert!(!format!("{error:?}").contains(secret), "{error:?}");
        let api = error.as_api().unwrap();
        assert!(!api.excerpt().contains(secret));
        assert!(api.raw_body().contains(secret), "raw_body is the body as sent");
    }
    // An unexpected status quotes its body redacted too.
    let server = server_answering(999, json!({"token": secret})).await;
    let error = client(&server).user_api_tokens().get().send().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { status: 999, .. }), "{error:?}");
    assert!(!format!("{error} {error:?}").contains(secret));
}

#[test]
fn credentials_in_the_base_url_are_refused_and_never_shown() {
    let secret = "sEcReT-tOkEn";
    for url in [format!("http://user:{secret}@127.0.0.1:1"), format!("https://{secret}@example.com/api")] {
        let builder = Client::builder().base_url(&url);
        assert!(!format!("{builder:?}").contains(secret), "{builder:?}");
        let error = builder.build().unwrap_err();
        assert!(matches!(error, Error::Config { .. }));
        let message = error.to_string();
        assert!(message.contains("carries credentials; set the token with `token` instead"), "{message}");
        assert!(!message.contains(secret) && !format!("{error:?}").contains(secret), "{message}");
    }
    // A URL that does not parse is quoted with its credentials redacted.
    let error = Client::builder().base_url(format!("http://u:{secret}@exa mple.com")).build().unwrap_err();
    assert!(!error.to_string().contains(secret), "{error}");
}

#[tokio::test]
async fn transport_errors_do_not_quote_the_url() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder().token(TOKEN).base_url(format!("http://127.0.0.1:{port}")).build().unwrap();
    let error = client.application_api_tokens().get(APP).filter("private-filter-value").send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("private-filter-value") && !shown.contains(APP), "{shown}");
}

// Item 4: the deadline covers the whole call; attempts have their own.

#[tokio::test]
async fn the_timeout_is_a_deadline_for_the_whole_call_across_retries() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).timeout(Duration::from_secs(1)).retry(quick(10));
    let client = client.build().unwrap();
    let started = Instant::now();
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_secs(1)), "{error:?}");
    assert_eq!(error.to_string(), "userApiTokens.get: no complete response within the call's deadline of 1s");
    // Four attempts of 300 ms do not fit in one second: the fourth is cut.
    assert!(elapsed < Duration::from_millis(1900), "the deadline held: {elapsed:?}");
    let attempts = received(&server).await.len();
    assert!((3..=4).contains(&attempts), "{attempts} attempts");
}

#[tokio::test]
async fn a_retry_that_would_wait_past_the_deadline_returns_what_the_last_attempt_got() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "30")).mount(&server).await;
    let policy = RetryPolicy::new(5).max_backoff(Duration::from_secs(60));
    let client = Client::builder().token(TOKEN).base_url(server.uri()).timeout(Duration::from_secs(2)).retry(policy);
    let started = Instant::now();
    let error = client.build().unwrap().user_api_tokens().get().send().await.unwrap_err();
    assert_eq!(error.status(), Some(503), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "did not sleep into the deadline");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn each_attempt_has_its_own_timeout_and_a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(example("apiTokens")).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .attempt_timeout(Duration::from_millis(150))
        .retry(quick(3))
        .build()
        .unwrap();
    assert_eq!(client.attempt_timeout(), Some(Duration::from_millis(150)));
    let error = client.user_api_tokens().get().send().await.unwrap_err();
    assert!(
        matches!(error, Error::AttemptTimeout { attempts: 3, timeout, .. } if timeout == Duration::from_millis(150)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        "userApiTokens.get: no complete response within the per-attempt timeout of 150ms (3 attempts in all)"
    );
    assert_eq!(received(&server).await.len(), 3);
    // A POST is not repeated: one attempt.
    let error = client.user_api_tokens().post(losant_rest::types::ApiTokenPost::new("ci")).send().await.unwrap_err();
    assert!(matches!(error, Error::AttemptTimeout { attempts: 1, .. }), "{error:?}");
    assert_eq!(received(&server).await.len(), 4);
    // A call's own attempt timeout overrides the client's.
    let error = common::client(&server)
        .user_api_token()
        .get(TOKEN_ID)
        .attempt_timeout(Duration::from_millis(100))
        .retry(quick(2))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::AttemptTimeout { attempts: 2, timeout, .. } if timeout == Duration::from_millis(100)),
        "{error:?}"
    );
    assert_eq!(received(&server).await.len(), 6);
}

// Item 5: a response cut mid-body is retried when the call is idempotent.

#[tokio::test]
async fn a_response_cut_mid_body_is_retried_for_idempotent_calls_only() {
    let body = serde_json::to_string(&example("apiToken")).unwrap();
    let full =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len());
    let cut = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{}",
        body.len(),
        &body[..body.len() / 2]
    );
    let answers = move |i: usize| if i == 0 { cut.clone() } else { full.clone() }.into_bytes();
    let (address, count) = raw_server(answers.clone()).await;
    let client = Client::builder().token(TOKEN).base_url(address).retry(quick(3)).build().unwrap();
    let token = client.user_api_token().get(TOKEN_ID).send().await.unwrap();
    assert_eq!(token.name.as_deref(), Some("My API Token"));
    assert_eq!(connections(&count), 2, "the cut response and the retry");

    // A POST cut short is not repeated: the server may have acted on it.
    let (address, count) = raw_server(answers).await;
    let client = Client::builder().token(TOKEN).base_url(address).retry(quick(3)).build().unwrap();
    let error = client.user_api_tokens().post(losant_rest::types::ApiTokenPost::new("ci")).send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(connections(&count), 1);
}

// Item 6: the last page number ends a stream of pages cleanly.

#[tokio::test]
async fn pages_from_the_last_page_number_stop_without_overflow() {
    use losant_rest::runtime::StreamExt;
    let items: Vec<_> = (0..2).map(|i| json!({"name": format!("t{i}")})).collect();
    let server = server_answering(200, json!({"items": items, "perPage": 2})).await;
    // The last page number the API takes (page numbers are `usize`s).
    let last = usize::try_from(i64::MAX).unwrap();
    let pages: Vec<_> =
        client(&server).application_api_tokens().get(APP).page(last).per_page(2).pages().collect().await;
    assert_eq!(pages.len(), 1, "one page, then no page number is left to ask for");
    assert!(pages[0].is_ok());
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    assert!(seen[0].query.contains(&("page".to_owned(), i64::MAX.to_string())));
}

// Item 8: an empty token, and statuses that are neither success nor error.

#[test]
fn an_empty_token_is_refused_when_building() {
    for token in ["", "   "] {
        let error = Client::builder().token(token).build().unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot build the client: the token is empty; leave it unset for actions that need none"
        );
    }
}

#[tokio::test]
async fn statuses_that_are_neither_success_nor_error_are_unexpected() {
    for status in [302, 304, 999] {
        let server = MockServer::start().await;
        Mock::given(any()).respond_with(ResponseTemplate::new(status)).mount(&server).await;
        let error = client(&server).user_api_token().get(TOKEN_ID).send().await.unwrap_err();
        assert!(matches!(error, Error::UnexpectedStatus { status: s, .. } if s == status), "{status}: {error:?}");
        assert_eq!(error.status(), Some(status));
        assert_eq!(
            error.to_string(),
            format!("userApiToken.get: unexpected HTTP status {status}, neither a success nor an error")
        );
    }
    // 101 without an upgrade asked for, written raw (wiremock will not).
    let (address, _) = raw_server(|_| b"HTTP/1.1 101 Switching Protocols\r\n\r\n".to_vec()).await;
    let client = Client::builder().token(TOKEN).base_url(address).build().unwrap();
    let error = client.user_api_token().get(TOKEN_ID).send().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { status: 101, .. } | Error::Transport { .. }), "{error:?}");
    assert!(error.as_api().is_none());
}
