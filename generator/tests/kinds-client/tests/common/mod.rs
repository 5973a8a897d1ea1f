//! Shared test helpers: a real HTTP server on 127.0.0.1 (wiremock), a
//! readable view of what it received, and a small multipart reader.
//! (Adapted from generated-client/tests/common; this crate does not depend
//! on that one.)

#![allow(dead_code, unreachable_pub)]

use kinds_client::Client;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "test-token-value";

/// Headers that belong to the transport (or to the HTTP library), not to
/// what a client chooses to send.
pub const TRANSPORT_HEADERS: &[&str] = &["host", "user-agent", "accept-encoding", "connection", "content-length"];

/// The query every action sends when the global param is not set.
pub const DEFAULT_QUERY: &[(&str, &str)] = &[("_actions", "false")];

/// A server that answers every request with `status` and a JSON body.
pub async fn server_answering(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    server
}

/// A server that answers every request with `status` and `body` as sent.
pub async fn server_answering_bytes(status: u16, body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status).set_body_bytes(body)).mount(&server).await;
    server
}

/// A server that answers every request with `status` and no body.
pub async fn server_answering_empty(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status)).mount(&server).await;
    server
}

/// A client with a token, sending to `server`.
pub fn client(server: &MockServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.uri()).build().expect("client builds")
}

/// A client without a token, sending to `server`.
pub fn client_without_token(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client builds")
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub method: String,
    /// The path as sent, percent-encoding included.
    pub path: String,
    /// Query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers other than [`TRANSPORT_HEADERS`], names lower case, sorted.
    pub headers: Vec<(String, String)>,
    pub user_agent: Option<String>,
    /// The body as sent.
    pub body: Vec<u8>,
}

impl Seen {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`None` when there is none).
    pub fn json(&self) -> Option<Value> {
        (!self.body.is_empty()).then(|| serde_json::from_slice(&self.body).expect("the body is JSON"))
    }

    /// The value of the query param `name`, parsed as JSON.
    pub fn json_query(&self, name: &str) -> Value {
        let (_, value) = self.query.iter().find(|(n, _)| n == name).expect("the query param is sent");
        serde_json::from_str(value).unwrap_or_else(|e| panic!("`{name}` is not JSON ({e}): {value}"))
    }

    /// The query pairs with the value of `name` replaced by `<json>`, for
    /// comparing the order of pairs apart from a JSON-encoded value.
    pub fn query_masking(&self, name: &str) -> Vec<(String, String)> {
        self.query
            .iter()
            .map(|(n, v)| if n == name { (n.clone(), "<json>".to_owned()) } else { (n.clone(), v.clone()) })
            .collect()
    }
}

pub async fn received(server: &MockServer) -> Vec<Seen> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .into_iter()
        .map(|r| {
            let mut headers: Vec<(String, String)> = r
                .headers
                .iter()
                .map(|(n, v)| (n.as_str().to_ascii_lowercase(), v.to_str().unwrap_or("<binary>").to_owned()))
                .filter(|(n, _)| !TRANSPORT_HEADERS.contains(&n.as_str()))
                .collect();
            headers.sort();
            Seen {
                method: r.method.to_string(),
                path: r.url.path().to_owned(),
                query: r.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
                headers,
                user_agent: r.headers.get("user-agent").and_then(|v| v.to_str().ok()).map(str::to_owned),
                body: r.body,
            }
        })
        .collect()
}

/// The single request the server received.
pub async fn only_request(server: &MockServer) -> Seen {
    let mut seen = received(server).await;
    assert_eq!(seen.len(), 1, "expected exactly one request, got {seen:#?}");
    seen.remove(0)
}

/// Pairs from string slices.
pub fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// What the body of a request is expected to be.
#[derive(Debug, Clone)]
pub enum Body {
    None,
    Json(Value),
    /// Checked separately with [`multipart_parts`]; only the header is
    /// checked here.
    Multipart,
}

/// What a test expects of a request.
#[derive(Debug, Clone)]
pub struct Expect {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub auth: bool,
    pub body: Body,
}

impl Expect {
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Expect { method, path: path.into(), query: pairs(DEFAULT_QUERY), auth: true, body: Body::None }
    }

    /// The query pairs after the default `_actions=false`.
    pub fn query(mut self, extra: &[(&str, &str)]) -> Self {
        self.query.extend(pairs(extra));
        self
    }

    /// Sent without an `Authorization` header.
    pub fn without_auth(mut self) -> Self {
        self.auth = false;
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    pub fn multipart(mut self) -> Self {
        self.body = Body::Multipart;
        self
    }

    /// Checks method, path, query pairs (in order), the exact set of
    /// non-transport headers, and the body.
    pub fn check(&self, seen: &Seen) {
        self.check_with_query(seen, &seen.query);
    }

    /// [`check`](Self::check), with the query as given (a masked copy of
    /// the one seen, say).
    pub fn check_with_query(&self, seen: &Seen, query: &[(String, String)]) {
        assert_eq!(seen.method, self.method, "method");
        assert_eq!(seen.path, self.path, "path");
        assert_eq!(query, self.query, "query pairs");
        let mut expected = vec![
            ("accept".to_owned(), "application/json".to_owned()),
            ("accept-version".to_owned(), "^1.31.0".to_owned()),
        ];
        if self.auth {
            expected.push(("authorization".to_owned(), format!("Bearer {TOKEN}")));
        }
        let mut headers = seen.headers.clone();
        match &self.body {
            Body::None => {
                assert!(seen.body.is_empty(), "no body expected, got {:?}", String::from_utf8_lossy(&seen.body))
            }
            Body::Json(json) => {
                expected.push(("content-type".to_owned(), "application/json".to_owned()));
                assert_eq!(seen.json().as_ref(), Some(json), "JSON body");
            }
            Body::Multipart => {
                let content_type = seen.header("content-type").unwrap_or_default();
                assert!(content_type.starts_with("multipart/form-data; boundary="), "content type {content_type:?}");
                headers.retain(|(n, _)| n != "content-type");
            }
        }
        expected.sort();
        assert_eq!(headers, expected, "headers");
        let agent = seen.user_agent.as_deref().unwrap_or_default();
        assert!(agent.starts_with("kinds-client-rust/"), "user agent {agent:?}");
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).expect("the part is text")
    }
}

/// The parts of a multipart body, in order, read with the boundary of its
/// `Content-Type` header (RFC 7578; enough for what reqwest writes).
pub fn multipart_parts(seen: &Seen) -> Vec<Part> {
    let content_type = seen.header("content-type").expect("a content type");
    let boundary = content_type.split("boundary=").nth(1).expect("a boundary").trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &seen.body;
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(found) = find(&body[at..], delimiter.as_bytes()) {
        starts.push(at + found);
        at += found + delimiter.len();
    }
    assert!(starts.len() >= 2, "no multipart delimiters in {:?}", String::from_utf8_lossy(body));
    let last = *starts.last().unwrap_or(&0);
    assert!(body[last + delimiter.len()..].starts_with(b"--"), "the body ends with the closing delimiter");
    starts
        .windows(2)
        .map(|w| {
            // Between delimiters: CRLF, headers, CRLF CRLF, content, CRLF.
            let raw = &body[w[0] + delimiter.len()..w[1]];
            let raw = raw.strip_prefix(b"\r\n").expect("CRLF after the delimiter");
            let raw = raw.strip_suffix(b"\r\n").expect("CRLF before the next delimiter");
            let split = find(raw, b"\r\n\r\n").expect("headers end with an empty line");
            let head = std::str::from_utf8(&raw[..split]).expect("part headers are text");
            let bytes = raw[split + 4..].to_vec();
            let mut part = Part { name: String::new(), file_name: None, content_type: None, bytes };
            for line in head.split("\r\n") {
                let (name, value) = line.split_once(':').expect("a header line");
                match name.to_ascii_lowercase().as_str() {
                    "content-disposition" => {
                        assert!(value.trim().starts_with("form-data"), "disposition {value:?}");
                        part.name = parameter(value, "name").expect("a part name");
                        part.file_name = parameter(value, "filename");
                    }
                    "content-type" => part.content_type = Some(value.trim().to_owned()),
                    _ => {}
                }
            }
            part
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `name="value"` of a `Content-Disposition` header.
fn parameter(header: &str, name: &str) -> Option<String> {
    header.split(';').map(str::trim).find_map(|p| {
        let value = p.strip_prefix(name)?.strip_prefix('=')?;
        Some(value.trim_matches('"').to_owned())
    })
}

/// Whether `bytes` contains `needle`.
pub fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    find(bytes, needle).is_some()
}
