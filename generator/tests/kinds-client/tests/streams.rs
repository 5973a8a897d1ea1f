//! The `stream: sse` actions end to end, against a raw HTTP/1.1 server on
//! 127.0.0.1 that writes `text/event-stream` pieces and drops the
//! connection: the request, typed and text events, reconnection with
//! `Last-Event-ID` under a retry policy, the idle timeout.
#![cfg(feature = "sse")]

use std::time::Duration;

use kinds_client::types::Time;
use kinds_client::{Client, Error};
use restspec_runtime::{RetryPolicy, StreamExt};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";
const DEVICE_ID: &str = "575ecf887ae143cd83dc4aa2";

/// Answers one connection per entry: the event-stream pieces (20 ms apart),
/// then holds the connection open for `hold` before dropping it. Returns
/// the base URL and the request heads it read.
async fn serve(answers: Vec<(Vec<&'static str>, Duration)>) -> (String, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let mut heads = Vec::new();
        for (pieces, hold) in answers {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).await.unwrap() == 1 {
                head.push(byte[0]);
            }
            heads.push(String::from_utf8(head).unwrap());
            let status = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
            socket.write_all(status.as_bytes()).await.unwrap();
            for piece in pieces {
                tokio::time::sleep(Duration::from_millis(20)).await;
                socket.write_all(piece.as_bytes()).await.unwrap();
            }
            tokio::time::sleep(hold).await;
        }
        heads
    });
    (base, server)
}

fn client(base: &str) -> Client {
    Client::builder().token("stream-token").base_url(base).build().unwrap()
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[tokio::test]
async fn device_state_stream_decodes_events_and_resumes_after_the_last_id() {
    let (base, server) = serve(vec![
        // The recorded framing of the JS client's `stream-framing` call, up
        // to its unterminated last event, which is dropped with the
        // connection.
        (
            vec![
                ": keepalive\n\nid: 7\nevent: deviceState\ndata: {\"time\":\"2024-01-02T03:04:05.000Z\",\n",
                "data: \"data\":{\"voltage\":22.4,\"relayOn\":true,\"mode\":\"auto\"}}\n\nretry: 10\n\n",
                "event: deviceState\r\ndata:{\"time\":1704164646000,\"data\":{\"mode\":\"manual\"}}\r\n\r\n",
                "event: deviceState\ndata: {\"time\":\"2024-01-02T03:04:08.000Z\",\"data\":{\"voltage\":2",
            ],
            Duration::ZERO,
        ),
        (vec!["id: 8\nevent: deviceState\ndata: {\"data\":{}}\n\n"], Duration::ZERO),
        (vec![], Duration::ZERO),
    ])
    .await;
    let events: Vec<_> = client(&base)
        .device()
        .state_stream(APPLICATION_ID, DEVICE_ID)
        .keep_alive_interval(10)
        .retry(RetryPolicy::new(2).initial_backoff(Duration::from_secs(30)))
        .events()
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!((events[0].id.as_deref(), events[0].event.as_str()), (Some("7"), "deviceState"));
    assert_eq!(
        events[0].data.time,
        Some(Time::DateTime(restspec_runtime::DateTime::parse("2024-01-02T03:04:05.000Z").unwrap()))
    );
    assert_eq!(
        serde_json::to_value(&events[0].data.data).unwrap(),
        json!({"voltage": 22.4, "relayOn": true, "mode": "auto"})
    );
    assert_eq!(events[1].id, None);
    assert_eq!(events[1].data.time, Some(Time::Integer(1704164646000)));
    assert_eq!(events[2].id.as_deref(), Some("8"));

    let heads = server.await.unwrap();
    assert_eq!(heads.len(), 3);
    let request_line = heads[0].lines().next().unwrap();
    assert_eq!(
        request_line,
        format!(
            "GET /applications/{APPLICATION_ID}/devices/{DEVICE_ID}/stateStream?_actions=false&keepAliveInterval=10 HTTP/1.1"
        )
    );
    assert_eq!(header(&heads[0], "accept"), Some("text/event-stream"));
    assert_eq!(header(&heads[0], "authorization"), Some("Bearer stream-token"));
    assert_eq!(header(&heads[0], "last-event-id"), None);
    assert_eq!(header(&heads[1], "last-event-id"), Some("7"));
    assert_eq!(header(&heads[2], "last-event-id"), Some("8"));
}

#[tokio::test]
async fn device_command_stream_keeps_text_and_ends_when_idle() {
    let (base, _server) =
        serve(vec![(vec!["event: deviceCommand\ndata: {\"name\":\"reboot\"}\n\n"], Duration::from_secs(3))]).await;
    let started = std::time::Instant::now();
    let events: Vec<_> = client(&base)
        .device()
        .command_stream(APPLICATION_ID, DEVICE_ID)
        .idle_timeout(Duration::from_millis(300))
        .events()
        .collect()
        .await;
    assert_eq!(events.len(), 2);
    let event = events[0].as_ref().unwrap();
    assert_eq!((event.event.as_str(), event.data.as_str()), ("deviceCommand", "{\"name\":\"reboot\"}"));
    assert!(matches!(events[1], Err(Error::IdleTimeout { .. })), "{:?}", events[1]);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_invalid_param_is_the_only_item_and_nothing_is_sent() {
    let events: Vec<_> =
        client("http://127.0.0.1:9").device().state_stream(APPLICATION_ID, "..").events().collect().await;
    assert_eq!(events.len(), 1);
    assert!(matches!(events[0], Err(Error::InvalidParameter { param: "deviceId", .. })), "{:?}", events[0]);
}
