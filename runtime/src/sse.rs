//! Server-sent events (the `sse` feature): an action whose response is a
//! `text/event-stream` as a [`Stream`] of typed [`Event`]s.
//!
//! Generated builders of actions with `stream: sse` call [`events`] with the
//! request and a decoder of each event's data ([`json`] for the action's
//! event schema, [`text`] for text). The stream connects when first polled
//! and then:
//!
//! - parses the event-stream format as browsers do (WHATWG HTML,
//!   "Server-sent events"): `event`, `data` (several `data` lines join with
//!   `\n`), `id`, `retry`, comments (`:`), `\n`, `\r\n` or `\r` line ends, a
//!   leading byte order mark, UTF-8 (invalid bytes become U+FFFD); an event
//!   without data is not dispatched, and an event cut short by the end of
//!   the stream is dropped;
//! - bounds what it buffers: one event (its lines together) may hold at most
//!   the client's `max_response_body` bytes, else the stream ends with
//!   [`Error::BodyTooLarge`];
//! - has no deadline as a whole (it may live for days) but an idle timeout
//!   ([`DEFAULT_IDLE_TIMEOUT`], or the builder's `idle_timeout`): a gap with
//!   no byte longer than that drops the connection. The call's `timeout`
//!   bounds each connection's wait for the response head;
//! - reconnects only under a retry policy (the call's, else the client's),
//!   after the server closed the stream, a dropped connection, an idle
//!   timeout, or a retryable status (429, 502, 503, 504), sending the last
//!   event id it saw as `Last-Event-ID`. It waits as the server's `retry:`
//!   field says (else the policy's backoff), capped by the policy's
//!   `max_backoff`, and gives up after the policy's `max_attempts`
//!   connections in a row that delivered no event. Without a policy the
//!   stream ends when the server closes it (a failure is its last item).
//!
//! An event whose data does not decode is an [`Error::Decode`] item; the
//! stream goes on after it.

use std::collections::VecDeque;
use std::time::Duration;

use futures_util::Stream;
use futures_util::stream;
use serde::de::DeserializeOwned;

use crate::request::Request;
use crate::request::excerpt;
use crate::{Client, Error};

/// How long a stream may go without receiving a byte, unless the builder
/// says otherwise. Servers send comments as keepalives well within it
/// (Losant every 2 s by default).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's `id` field, when it had one (the stream remembers the
    /// last one to resume from after a reconnection).
    pub id: Option<String>,
    /// The event type: its `event` field, or `message` when it had none.
    pub event: String,
    /// The data, decoded.
    pub data: T,
}

#[doc(hidden)]
/// Decodes an event's data as JSON, into the action's event type.
///
/// # Errors
///
/// When the data is not a `T`.
pub fn json<T: DeserializeOwned>(data: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(data)
}

#[doc(hidden)]
/// Keeps an event's data as text.
///
/// # Errors
///
/// Never.
pub fn text(data: &str) -> Result<String, serde_json::Error> {
    Ok(data.to_owned())
}

#[doc(hidden)]
/// The events of `request`'s action, each decoded with `decode`. See the
/// [module](self) for connections, timeouts and reconnection.
///
/// The stream is boxed, so it is `Unpin`.
/// A request that could not be built (an invalid param) is the stream's
/// only item.
pub fn events<T, B>(
    client: &Client,
    request: Result<Request, Error<B>>,
    decode: fn(&str) -> Result<T, serde_json::Error>,
) -> impl Stream<Item = Result<Event<T>, Error<B>>> + Send + Unpin + 'static + use<T, B>
where
    T: Send + 'static,
    B: DeserializeOwned + Send + 'static,
{
    type Boxed<T, B> = std::pin::Pin<Box<dyn Stream<Item = Result<Event<T>, Error<B>>> + Send>>;
    let request = match request {
        Ok(request) => request,
        Err(error) => return Box::pin(stream::once(std::future::ready(Err(error)))) as Boxed<T, B>,
    };
    let idle = request.options.idle_timeout.unwrap_or(DEFAULT_IDLE_TIMEOUT);
    let policy = request.options.retry.clone().or_else(|| client.retry_policy().cloned());
    let attempts = policy.as_ref().map_or(1, |p| p.attempts_for(request.info.method));
    let state = State {
        client: client.clone(),
        parser: Parser::new(client.max_response_body()),
        request,
        decode,
        response: None,
        status: 0,
        queue: VecDeque::new(),
        policy,
        attempts,
        failures: 0,
        idle,
        done: false,
    };
    Box::pin(stream::unfold(state, |mut state| async move {
        let item = state.next().await?;
        Some((item, state))
    }))
}

struct State<T> {
    client: Client,
    request: Request,
    decode: fn(&str) -> Result<T, serde_json::Error>,
    response: Option<reqwest::Response>,
    /// The status of the current connection.
    status: u16,
    parser: Parser,
    queue: VecDeque<RawEvent>,
    policy: Option<crate::RetryPolicy>,
    /// Connections the policy allows in a row without an event.
    attempts: u32,
    /// Connections in a row that failed or ended without an event.
    failures: u32,
    idle: Duration,
    done: bool,
}

/// Why a connection ended.
enum Ended<B> {
    /// The server closed the stream.
    Closed,
    /// It failed; `true` when another connection may help.
    Failed(Error<B>, bool, Option<Duration>),
}

impl<T> State<T> {
    async fn next<B: DeserializeOwned>(&mut self) -> Option<Result<Event<T>, Error<B>>> {
        let action = self.request.info.id;
        loop {
            if let Some(raw) = self.queue.pop_front() {
                self.failures = 0;
                let secret_fields = self.client.api().secret_fields;
                let decoded = crate::other_keys::with_secret_fields(secret_fields, || (self.decode)(&raw.data))
                    .map_err(|source| Error::Decode {
                        action,
                        status: self.status,
                        excerpt: excerpt(raw.data.as_bytes(), self.client.api().secret_fields),
                        source,
                    });
                return Some(decoded.map(|data| Event { id: raw.id, event: raw.event, data }));
            }
            if self.done {
                return None;
            }
            let ended = match &mut self.response {
                None => {
                    let last_id = self.parser.last_id.clone();
                    match self.client.open_stream(self.request.clone(), last_id.as_deref()).await {
                        Ok(response) => {
                            self.status = response.status().as_u16();
                            self.response = Some(response);
                            continue;
                        }
                        Err((error, again, retry_after)) => Ended::Failed(error, again, retry_after),
                    }
                }
                Some(response) => match tokio::time::timeout(self.idle, response.chunk()).await {
                    Ok(Ok(Some(chunk))) => {
                        if self.parser.feed(&chunk, &mut self.queue).is_err() {
                            self.done = true;
                            let limit = self.client.max_response_body();
                            return Some(Err(Error::BodyTooLarge { action, status: self.status, limit }));
                        }
                        continue;
                    }
                    Ok(Ok(None)) => Ended::Closed,
                    Ok(Err(source)) => {
                        Ended::Failed(Error::Transport { action, source: source.without_url() }, true, None)
                    }
                    Err(_) => Ended::Failed(Error::IdleTimeout { action, timeout: self.idle }, true, None),
                },
            };
            // The connection is over: an event it left unfinished is dropped.
            self.response = None;
            self.parser.end_of_stream();
            self.failures += 1;
            let (again, retry_after) = match &ended {
                Ended::Closed => (true, None),
                Ended::Failed(_, again, retry_after) => (*again, *retry_after),
            };
            let policy = self.policy.as_ref().filter(|_| again && self.failures < self.attempts);
            let Some(policy) = policy else {
                self.done = true;
                return match ended {
                    Ended::Closed => None,
                    Ended::Failed(error, ..) => Some(Err(error)),
                };
            };
            let wait = policy.backoff(self.failures, retry_after.or(self.parser.retry));
            match &ended {
                Ended::Closed => tracing::debug!(action, ?wait, "the event stream ended; reconnecting"),
                Ended::Failed(error, ..) => {
                    tracing::debug!(action, %error, ?wait, "the event stream failed; reconnecting")
                }
            }
            tokio::time::sleep(wait).await;
        }
    }
}

/// An event as parsed, before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RawEvent {
    id: Option<String>,
    event: String,
    data: String,
}

/// One event over the size limit.
#[derive(Debug, PartialEq, Eq)]
struct TooLarge;

/// The event-stream parser: bytes in, events out, across chunk boundaries.
#[derive(Debug)]
struct Parser {
    /// The line being read.
    line: Vec<u8>,
    /// The last byte was a `\r`: a `\n` right after it ends no other line.
    after_cr: bool,
    /// Whether the first line (which may start with a byte order mark) is
    /// done.
    started: bool,
    data: String,
    has_data: bool,
    event: String,
    id: Option<String>,
    /// Bytes of the lines of the current event so far.
    size: usize,
    limit: usize,
    /// The last event id, kept across events and connections.
    last_id: Option<String>,
    /// The reconnection time the server asked for.
    retry: Option<Duration>,
}

impl Parser {
    fn new(limit: usize) -> Self {
        Parser {
            line: Vec::new(),
            after_cr: false,
            started: false,
            data: String::new(),
            has_data: false,
            event: String::new(),
            id: None,
            size: 0,
            limit,
            last_id: None,
            retry: None,
        }
    }

    /// Parses a chunk, appending the events it completes to `out`.
    fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<RawEvent>) -> Result<(), TooLarge> {
        let mut rest = chunk;
        if self.after_cr && rest.first() == Some(&b'\n') {
            rest = &rest[1..];
        }
        self.after_cr = false;
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&rest[..end]);
            self.check()?;
            let line = std::mem::take(&mut self.line);
            if let Some(event) = self.line_done(&line) {
                out.push_back(event);
            }
            let cr = rest[end] == b'\r';
            rest = &rest[end + 1..];
            if cr {
                match rest.first() {
                    Some(b'\n') => rest = &rest[1..],
                    None => self.after_cr = true,
                    Some(_) => {}
                }
            }
        }
        self.line.extend_from_slice(rest);
        self.check()
    }

    fn check(&self) -> Result<(), TooLarge> {
        if self.size.saturating_add(self.line.len()) > self.limit { Err(TooLarge) } else { Ok(()) }
    }

    /// The connection ended: what was not dispatched is dropped.
    fn end_of_stream(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.started = false;
        self.reset_event();
    }

    fn reset_event(&mut self) {
        self.data.clear();
        self.has_data = false;
        self.event.clear();
        self.id = None;
        self.size = 0;
    }

    /// Handles one complete line; returns the event an empty line ends.
    fn line_done(&mut self, line: &[u8]) -> Option<RawEvent> {
        let mut line = line;
        if !self.started {
            self.started = true;
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if line.is_empty() {
            return self.dispatch();
        }
        self.size += line.len() + 1;
        if line[0] == b':' {
            return None;
        }
        let text = String::from_utf8_lossy(line);
        let (field, value) = match text.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (&*text, ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => {
                self.id = Some(value.to_owned());
                self.last_id = (!value.is_empty()).then(|| value.to_owned());
            }
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = Some(Duration::from_millis(value.parse().unwrap_or(u64::MAX)));
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<RawEvent> {
        if !self.has_data {
            self.reset_event();
            return None;
        }
        let event = if self.event.is_empty() { "message".to_owned() } else { std::mem::take(&mut self.event) };
        let raw = RawEvent { id: self.id.take(), event, data: std::mem::take(&mut self.data) };
        self.reset_event();
        Some(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]], limit: usize) -> (Vec<RawEvent>, Result<(), TooLarge>, Parser) {
        let mut parser = Parser::new(limit);
        let mut out = VecDeque::new();
        for chunk in chunks {
            if let Err(e) = parser.feed(chunk, &mut out) {
                return (out.into(), Err(e), parser);
            }
        }
        (out.into(), Ok(()), parser)
    }

    fn event(id: Option<&str>, event: &str, data: &str) -> RawEvent {
        RawEvent { id: id.map(Into::into), event: event.into(), data: data.into() }
    }

    #[test]
    fn fields_comments_and_line_ends() {
        let text = ": keepalive\n\nid: 7\nevent: deviceState\ndata: {\"a\":1,\ndata: \"b\":2}\n\ndata: x\n\n\
                    event: deviceState\r\ndata:y\r\n\r\nevent: e\rdata:  z\r\rdata: cut";
        let (events, result, parser) = parse(&[text.as_bytes()], 1 << 20);
        assert_eq!(result, Ok(()));
        assert_eq!(
            events,
            [
                event(Some("7"), "deviceState", "{\"a\":1,\n\"b\":2}"),
                event(None, "message", "x"),
                event(None, "deviceState", "y"),
                event(None, "e", " z"),
            ]
        );
        assert_eq!(parser.last_id.as_deref(), Some("7"));
    }

    #[test]
    fn any_split_gives_the_same_events() {
        let text = "\u{feff}retry: 1500\nid: 1\ndata: héllo\r\n\r\ndata\n\nid\ndata: ok\r\r: c\nfoo: bar\ndata: a\n\n";
        let (whole, ..) = parse(&[text.as_bytes()], 1 << 20);
        assert_eq!(
            whole,
            [event(Some("1"), "message", "héllo"), event(None, "message", ""), event(Some(""), "message", "ok"),]
                .into_iter()
                .chain([event(None, "message", "a")])
                .collect::<Vec<_>>()
        );
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            let (split, result, parser) = parse(&[&bytes[..at], &bytes[at..]], 1 << 20);
            assert_eq!(result, Ok(()));
            assert_eq!(split, whole, "split at {at}");
            assert_eq!(parser.retry, Some(Duration::from_millis(1500)));
            assert_eq!(parser.last_id, None, "an empty id resets the last id");
        }
        // Byte by byte.
        let chunks: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(parse(&chunks, 1 << 20).0, whole);
    }

    #[test]
    fn events_and_lines_are_bounded() {
        let (events, result, _) = parse(&[b"data: 0123456789\n\n"], 20);
        assert_eq!((events.len(), result), (1, Ok(())));
        let (_, result, _) = parse(&[b"data: 0123456789\ndata: 0123456789\n\n"], 20);
        assert_eq!(result, Err(TooLarge));
        let (_, result, _) = parse(&[b"data: 01234567890123456789"], 20);
        assert_eq!(result, Err(TooLarge));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let (events, ..) = parse(&[b"data: a\xffb\n\n"], 100);
        assert_eq!(events, [event(None, "message", "a\u{fffd}b")]);
    }
}
