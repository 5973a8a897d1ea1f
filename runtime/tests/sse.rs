//! Streams of server-sent events against a raw HTTP/1.1 server on
//! 127.0.0.1: the framings the official JS client was recorded receiving,
//! reconnection with `Last-Event-ID`, the idle timeout, error statuses.
#![cfg(feature = "sse")]

use std::time::{Duration, Instant};

use restspec_runtime::__private::sse;
use restspec_runtime::__private::{CallOptions, Request};
use restspec_runtime::sse::Event;
use restspec_runtime::{ActionInfo, ApiInfo, Client, ClientBuilder, Error, Method, RetryPolicy, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

static API: ApiInfo = ApiInfo::new("Streams API", "1", "http://127.0.0.1:9")
    .with_headers(&[("Accept", "application/json"), ("Accept-Version", "^1")])
    .with_user_agent("streams-rust/1");

static INFO: ActionInfo = ActionInfo::new("device.stateStream", "device", "stateStream", Method::Get, "/stream");

const EVENT_STREAM: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";

/// What one connection gets: the response head, then pieces of body (each
/// after a pause), then the connection stays open for `hold` and closes.
struct Answer {
    head: String,
    pieces: Vec<(Duration, Vec<u8>)>,
    hold: Duration,
}

impl Answer {
    fn events(pieces: &[&str]) -> Self {
        let pieces = pieces.iter().map(|p| (Duration::from_millis(20), p.as_bytes().to_vec())).collect();
        Answer { head: EVENT_STREAM.into(), pieces, hold: Duration::ZERO }
    }
}

/// Serves one answer per connection, in order; returns the base URL and the
/// request heads it read.
async fn serve(answers: Vec<Answer>) -> (String, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let mut heads = Vec::new();
        for answer in answers {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if socket.read(&mut byte).await.unwrap() == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            heads.push(String::from_utf8(head).unwrap());
            socket.write_all(answer.head.as_bytes()).await.unwrap();
            for (pause, piece) in answer.pieces {
                tokio::time::sleep(pause).await;
                if socket.write_all(&piece).await.is_err() {
                    break;
                }
            }
            tokio::time::sleep(answer.hold).await;
        }
        heads
    });
    (base, server)
}

fn client(base: &str, retry: Option<RetryPolicy>) -> Client {
    let builder = ClientBuilder::<Client>::new(&API).base_url(base).token("stream-token");
    match retry {
        Some(policy) => builder.retry(policy),
        None => builder,
    }
    .build()
    .unwrap()
}

fn request(options: &CallOptions) -> Request {
    let mut request = Request::new(&INFO).with_options(options);
    request.path("/stream");
    request
}

async fn collect(client: &Client, options: &CallOptions) -> Vec<Result<Event<Value>, Error>> {
    sse::events(client, Ok(request(options)), sse::json::<Value>).collect().await
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[tokio::test]
async fn the_recorded_streams_deliver_what_the_js_client_delivered() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/js-sse-recording.json")).unwrap();
    for entry in fixture["entries"].as_array().unwrap() {
        let name = format!("{} {}", entry["id"], entry["variant"]);
        let Some(text) = entry["eventStream"].as_str() else { continue };
        // The recorder's pieces, cut at arbitrary bytes.
        let writes = entry["writes"].as_u64().unwrap() as usize;
        let size = text.len().div_ceil(writes);
        let pieces: Vec<&[u8]> = text.as_bytes().chunks(size).collect();
        let pieces = pieces.iter().map(|p| (Duration::from_millis(20), p.to_vec())).collect();
        let (base, server) = serve(vec![Answer { head: EVENT_STREAM.into(), pieces, hold: Duration::ZERO }]).await;
        let events = collect(&client(&base, None), &CallOptions::default()).await;
        let delivered: Vec<Value> = events
            .into_iter()
            .map(|e| {
                let e = e.unwrap_or_else(|e| panic!("{name}: {e}"));
                serde_json::json!({
                    "type": e.event,
                    "data": e.data,
                    "lastEventId": e.id.unwrap_or_default(),
                })
            })
            .collect();
        let expected: Vec<Value> = entry["delivered"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let data: Value = serde_json::from_str(d["data"].as_str().unwrap()).unwrap();
                serde_json::json!({"type": d["type"], "data": data, "lastEventId": d["lastEventId"]})
            })
            .collect();
        assert_eq!(delivered, expected, "{name}");
        let heads = server.await.unwrap();
        assert_eq!(header(&heads[0], "accept"), Some("text/event-stream"), "{name}");
        assert_eq!(header(&heads[0], "authorization"), Some("Bearer stream-token"), "{name}");
        assert_eq!(header(&heads[0], "accept-version"), Some("^1"), "{name}");
        assert_eq!(header(&heads[0], "last-event-id"), None, "{name}");
    }
}

#[tokio::test]
async fn a_dropped_stream_reconnects_with_the_last_event_id_under_a_policy() {
    let (base, server) = serve(vec![
        // `retry: 50` asks for a 50 ms wait; the policy's own backoff would
        // be 10 s.
        Answer::events(&["retry: 50\nid: 1\ndata: {\"n\":1}\n\n", "id: 2\ndata: {\"n\":2}\n\ndata: {\"n\":"]),
        Answer::events(&["data: {\"n\":3}\n\n"]),
        Answer::events(&[]),
    ])
    .await;
    let policy = RetryPolicy::new(2).initial_backoff(Duration::from_secs(10)).max_backoff(Duration::from_secs(10));
    let started = Instant::now();
    let events = collect(&client(&base, Some(policy)), &CallOptions::default()).await;
    let data: Vec<(Option<String>, Value)> = events.into_iter().map(|e| e.unwrap()).map(|e| (e.id, e.data)).collect();
    assert_eq!(
        data,
        [
            (Some("1".into()), serde_json::json!({"n": 1})),
            (Some("2".into()), serde_json::json!({"n": 2})),
            (None, serde_json::json!({"n": 3})),
        ]
    );
    // Two connections in a row without an event (the third, and the policy's
    // limit of 2) end the stream; the server's `retry` set the waits.
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    let heads = server.await.unwrap();
    assert_eq!(heads.len(), 3);
    assert_eq!(header(&heads[0], "last-event-id"), None);
    assert_eq!(header(&heads[1], "last-event-id"), Some("2"));
    assert_eq!(header(&heads[2], "last-event-id"), Some("2"));
}

#[tokio::test]
async fn without_a_policy_a_closed_stream_ends() {
    let (base, server) = serve(vec![Answer::events(&["data: 1\n\n"])]).await;
    let events = collect(&client(&base, None), &CallOptions::default()).await;
    assert_eq!(events.len(), 1);
    assert_eq!(server.await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_idle_stream_ends_with_an_idle_timeout() {
    let mut answer = Answer::events(&[": hi\n\ndata: 1\n\n"]);
    answer.hold = Duration::from_secs(3);
    let (base, _server) = serve(vec![answer]).await;
    let mut options = CallOptions::default();
    options.set_idle_timeout(Duration::from_millis(300));
    // The call's deadline bounds only the wait for the response head.
    options.set_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let events = collect(&client(&base, None), &options).await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].as_ref().unwrap().data, Value::from(1));
    let error = events[1].as_ref().unwrap_err();
    assert!(matches!(error, Error::IdleTimeout { .. }) && error.is_timeout(), "{error:?}");
    assert_eq!(error.to_string(), "device.stateStream: the event stream sent nothing within its idle timeout of 300ms");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn an_idle_stream_reconnects_under_a_policy() {
    let mut first = Answer::events(&["id: a\ndata: 1\n\n"]);
    first.hold = Duration::from_secs(2);
    let (base, server) = serve(vec![first, Answer::events(&["data: 2\n\n"]), Answer::events(&[])]).await;
    let mut options = CallOptions::default();
    options.set_idle_timeout(Duration::from_millis(300));
    options.set_retry(RetryPolicy::new(2).initial_backoff(Duration::from_millis(10)));
    let events = collect(&client(&base, None), &options).await;
    let data: Vec<Value> = events.into_iter().map(|e| e.unwrap().data).collect();
    assert_eq!(data, [Value::from(1), Value::from(2)]);
    let heads = server.await.unwrap();
    assert_eq!(header(&heads[1], "last-event-id"), Some("a"));
}

#[tokio::test]
async fn an_error_status_is_an_api_error_and_ends_the_stream() {
    let body = r#"{"type":"NotFound","message":"Device was not found"}"#;
    let head = format!(
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (base, _server) = serve(vec![Answer { head, pieces: Vec::new(), hold: Duration::ZERO }]).await;
    let events = collect(&client(&base, None), &CallOptions::default()).await;
    assert_eq!(events.len(), 1);
    let error = events[0].as_ref().unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.to_string(), "device.stateStream failed with HTTP 404: NotFound: Device was not found");
}

#[tokio::test]
async fn a_success_that_is_not_an_event_stream_is_refused() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".to_owned();
    let (base, _server) = serve(vec![Answer { head, pieces: Vec::new(), hold: Duration::ZERO }]).await;
    let events = collect(&client(&base, None), &CallOptions::default()).await;
    assert_eq!(events.len(), 1);
    assert!(matches!(events[0], Err(Error::NotEventStream { status: 200, .. })), "{:?}", events[0]);
}

#[tokio::test]
async fn data_that_does_not_decode_is_an_error_item_and_the_stream_goes_on() {
    let (base, _server) = serve(vec![Answer::events(&["data: not json\n\ndata: 2\n\n"])]).await;
    let events = collect(&client(&base, None), &CallOptions::default()).await;
    assert_eq!(events.len(), 2);
    assert!(matches!(events[0], Err(Error::Decode { status: 200, .. })), "{:?}", events[0]);
    assert_eq!(events[1].as_ref().unwrap().data, Value::from(2));
    // Text keeps the data as it came.
    let (base, _server) = serve(vec![Answer::events(&["event: note\ndata: not json\n\n"])]).await;
    let events: Vec<_> =
        sse::events::<String, Value>(&client(&base, None), Ok(request(&CallOptions::default())), sse::text)
            .collect()
            .await;
    let event = events[0].as_ref().unwrap();
    assert_eq!((event.event.as_str(), event.data.as_str()), ("note", "not json"));
}

#[tokio::test]
async fn an_event_over_the_size_limit_ends_the_stream() {
    let (base, _server) =
        serve(vec![Answer::events(&["data: 1\n\n", &format!("data: {}\n\n", "x".repeat(200))])]).await;
    let client: Client =
        ClientBuilder::<Client>::new(&API).base_url(&base).token("t").max_response_body(100).build().unwrap();
    let events = collect(&client, &CallOptions::default()).await;
    assert_eq!(events.len(), 2);
    assert!(matches!(events[1], Err(Error::BodyTooLarge { limit: 100, .. })), "{:?}", events[1]);
}
