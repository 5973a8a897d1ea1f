//! Shared test helpers: a real HTTP server on 127.0.0.1 (wiremock) and a
//! readable view of what it received.

#![allow(dead_code, unreachable_pub)]

use losant_rest::Client;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "test-token-value";

/// Headers that belong to the transport (or to the HTTP library), not to
/// what a client chooses to send.
pub const TRANSPORT_HEADERS: &[&str] = &["host", "user-agent", "accept-encoding", "connection", "content-length"];

/// A server that answers every request with `status` and a JSON body.
pub async fn server_answering(status: u16, body: Value) -> MockServer {
    server_answering_with(status, body, &[]).await
}

/// [`server_answering`], with the response headers given (a name may
/// repeat).
pub async fn server_answering_with(status: u16, body: Value, headers: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    let mut template = ResponseTemplate::new(status).set_body_json(body);
    for (name, value) in headers {
        template = template.append_header(*name, *value);
    }
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

/// A retry policy that does not make the tests wait.
pub fn quick(attempts: u32) -> losant_rest::runtime::RetryPolicy {
    use std::time::Duration;
    losant_rest::runtime::RetryPolicy::new(attempts)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(20))
}

pub fn client(server: &MockServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.uri()).build().expect("client builds")
}

/// A documented example from the spec's schemas (copied from the Losant
/// docs into tests/fixtures/examples).
pub fn example(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/examples/{name}.example.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture exists")).expect("fixture is JSON")
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
    pub body: Option<Value>,
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
                body: (!r.body.is_empty()).then(|| {
                    serde_json::from_slice(&r.body)
                        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&r.body).into_owned()))
                }),
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

/// The query every action sends when no global param is set.
pub const DEFAULT_QUERY: &[(&str, &str)] = &[("_actions", "false"), ("_links", "true"), ("_embedded", "true")];

/// What a test expects of a request.
#[derive(Debug, Clone)]
pub struct Expect {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub extra_headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl Expect {
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Expect {
            method,
            path: path.into(),
            query: DEFAULT_QUERY.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            extra_headers: Vec::new(),
            body: None,
        }
    }

    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.extra_headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Checks method, path, query pairs (in order), the exact set of
    /// non-transport headers, and the JSON body.
    pub fn check(&self, seen: &Seen) {
        assert_eq!(seen.method, self.method, "method");
        assert_eq!(seen.path, self.path, "path");
        assert_eq!(seen.query, self.query, "query pairs");
        let mut headers = vec![
            ("accept".to_owned(), "application/json".to_owned()),
            ("accept-version".to_owned(), "^1.31.0".to_owned()),
            ("authorization".to_owned(), format!("Bearer {TOKEN}")),
        ];
        if self.body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.extend(self.extra_headers.iter().cloned());
        headers.sort();
        assert_eq!(seen.headers, headers, "headers");
        let agent = seen.user_agent.as_deref().unwrap_or_default();
        assert!(agent.starts_with("losant-rest-rust/"), "user agent {agent:?}");
        assert_eq!(seen.body, self.body, "body");
    }
}
