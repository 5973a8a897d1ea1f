//! The per-request overhead of the generated client against a hand-written
//! reqwest call that sends the same request.
//!
//! Both variants talk to the same minimal HTTP/1.1 server on 127.0.0.1,
//! over one kept-alive connection each, and decode the answer into the same
//! `losant_rest::types` value. What differs is only the code between the
//! caller and reqwest: the generated request builder, the runtime's
//! `Request`, URL and header assembly, the per-call timeout, retry loop and
//! tracing span, and the runtime's decoding. The server is written by hand
//! rather than with wiremock because wiremock's request matching and
//! recording would cost more than the difference this bench looks for.
//!
//! Each case has a third variant, the hand-written call with the 30-second
//! per-call timeout the generated client always sets, so that the cost of
//! the timeout (a timer per call) can be told from the rest.
//!
//! Everything (server tasks, reqwest's connection tasks, the measured call)
//! runs on one current-thread tokio runtime, driven by `block_on` once per
//! iteration, so a measurement does not depend on how the machine schedules
//! threads. Each case's hand-written variants are checked once, before any
//! timing, to send the generated client's request byte for byte (up to
//! header order) and to decode an equal value, so the bench cannot silently
//! compare different work.
//!
//! `cargo bench -p losant-rest --bench overhead` runs it; `cargo xtask bench
//! --overhead-only` runs it and writes the table into BENCHMARKS.md.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use divan::Bencher;
use losant_rest::runtime::reqwest::header::{ACCEPT, USER_AGENT};
use losant_rest::runtime::{DEFAULT_TIMEOUT, reqwest};
use losant_rest::types::{ActivationStatus, ApiToken, ApiTokenPost, ApiTokens, RequestedScopes};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;

const TOKEN: &str = "bench-token-value";
const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

/// The headers every request of the generated client carries, written out
/// by hand as a caller of plain reqwest would; the check before timing
/// fails if they ever drift from what the runtime sends.
const ACCEPT_JSON: &str = "application/json";
const ACCEPT_VERSION: &str = "^1.31.0";
const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION"));

/// The documented examples the server answers with.
const TOKENS_BODY: &str = include_str!("../tests/fixtures/examples/apiTokens.example.json");
const TOKEN_BODY: &str = include_str!("../tests/fixtures/examples/apiToken.example.json");
const TOKEN_POST_BODY: &str = include_str!("../tests/fixtures/examples/apiTokenPost.example.json");

/// One round trip over loopback takes tens of microseconds, too long for
/// divan's automatic sample size to batch several iterations; fixed sizes
/// give every median 10,000 calls, in about a third of a second per
/// variant. Short, so that a burst of other work on the machine hits few
/// variants of a run; `cargo xtask bench` runs the bench many times instead.
const SAMPLE_COUNT: u32 = 500;
const SAMPLE_SIZE: u32 = 20;

fn main() {
    env().check();
    divan::main();
}

/// The runtime, the servers and the clients, shared by every benchmark.
struct Env {
    runtime: Runtime,
    /// Answers `200` with the documented token list.
    list: Server,
    /// Answers `200` with the documented token.
    token: Server,
    /// Answers `201` with the documented token, as a create does.
    created: Server,
    /// A generated client per server, each with its own connection pool.
    generated: [losant_rest::Client; 3],
    /// The hand-written variant's client: plain reqwest, default settings.
    http: reqwest::Client,
}

fn env() -> &'static Env {
    static ENV: LazyLock<Env> = LazyLock::new(Env::new);
    &ENV
}

impl Env {
    fn new() -> Env {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
        let (list, token, created) = runtime.block_on(async {
            (
                Server::start("200 OK", TOKENS_BODY).await,
                Server::start("200 OK", TOKEN_BODY).await,
                Server::start("201 Created", TOKEN_BODY).await,
            )
        });
        let client = |server: &Server| {
            losant_rest::Client::builder()
                .token(TOKEN)
                .base_url(server.base_url.as_str())
                .build()
                .expect("the client builds")
        };
        let generated = [client(&list), client(&token), client(&created)];
        Env { runtime, list, token, created, generated, http: reqwest::Client::new() }
    }

    /// Checks, once, that both variants of each case send the same request
    /// and decode the same value, and that calls reuse their connection
    /// (a new TCP connection per call would measure connecting instead).
    fn check(&self) {
        let rt = &self.runtime;
        for timeout in [Timeout::None, Timeout::Default] {
            let (generated, hand_written) =
                recorded(|| rt.block_on(generated_list(self)), || rt.block_on(hand_written_list(self, timeout)));
            assert_eq!(generated, hand_written, "token_list ({timeout:?}): both variants decode the same value");
            assert_eq!(generated.items.as_ref().map(Vec::len), Some(1));
            let (generated, hand_written) =
                recorded(|| rt.block_on(generated_get(self)), || rt.block_on(hand_written_get(self, timeout)));
            assert_eq!(generated, hand_written, "token_get ({timeout:?}): both variants decode the same value");
            assert_eq!(generated.id.as_deref(), Some(TOKEN_ID));
            let (generated, hand_written) =
                recorded(|| rt.block_on(generated_post(self)), || rt.block_on(hand_written_post(self, timeout)));
            assert_eq!(generated, hand_written, "token_post ({timeout:?}): both variants decode the same value");
        }
        let documented: serde_json::Value = serde_json::from_str(TOKEN_POST_BODY).expect("the fixture is JSON");
        assert_eq!(serde_json::to_value(post_body()).expect("the body serializes"), documented);

        for _ in 0..50 {
            rt.block_on(async {
                generated_list(self).await;
                hand_written_list(self, Timeout::Default).await;
                generated_get(self).await;
                hand_written_get(self, Timeout::Default).await;
                generated_post(self).await;
                hand_written_post(self, Timeout::Default).await;
            });
        }
        for server in [&self.list, &self.token, &self.created] {
            let connections = server.connections.load(Ordering::Relaxed);
            assert_eq!(connections, 2, "each client keeps one connection to {}", server.base_url);
        }
    }
}

/// Runs the generated variant and then the hand-written one, each once,
/// and asserts that the server received the same request from both.
fn recorded<T>(generated: impl FnOnce() -> T, hand_written: impl FnOnce() -> T) -> (T, T) {
    RECORDING.store(true, Ordering::Relaxed);
    let generated = generated();
    let hand_written = hand_written();
    RECORDING.store(false, Ordering::Relaxed);
    let requests = std::mem::take(&mut *RECORDED.lock().expect("not poisoned"));
    assert_eq!(requests.len(), 2, "one request from each variant");
    assert_eq!(normalized(&requests[0]), normalized(&requests[1]), "both variants send the same request");
    (generated, hand_written)
}

/// The request line, the headers with lower-case names in sorted order, and
/// the body: what the server saw, regardless of the order headers came in.
fn normalized(request: &[u8]) -> (String, Vec<String>, Vec<u8>) {
    let head_end = head_end(request).expect("a complete request");
    let head = std::str::from_utf8(&request[..head_end]).expect("an ASCII head");
    let mut lines = head.split("\r\n").filter(|line| !line.is_empty());
    let request_line = lines.next().expect("a request line").to_owned();
    let mut headers: Vec<String> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("a header line");
            format!("{}: {}", name.to_ascii_lowercase(), value.trim())
        })
        .collect();
    headers.sort();
    (request_line, headers, request[head_end..].to_vec())
}

// The cases. Each has a generated variant and a hand-written one (with or
// without the timeout) that send the same request and decode the response
// into the same type.

async fn generated_list(env: &Env) -> ApiTokens {
    env.generated[0].application_api_tokens().get(APPLICATION_ID).send().await.expect("the call succeeds")
}

async fn hand_written_list(env: &Env, timeout: Timeout) -> ApiTokens {
    // The generated client always sends the global params at their defaults.
    let url =
        format!("{}/applications/{APPLICATION_ID}/tokens?_actions=false&_links=true&_embedded=true", env.list.base_url);
    decode(prepared(env.http.get(url), timeout).send().await).await
}

async fn generated_get(env: &Env) -> ApiToken {
    env.generated[1].application_api_token().get(APPLICATION_ID, TOKEN_ID).send().await.expect("the call succeeds")
}

async fn hand_written_get(env: &Env, timeout: Timeout) -> ApiToken {
    let url = format!(
        "{}/applications/{APPLICATION_ID}/tokens/{TOKEN_ID}?_actions=false&_links=true&_embedded=true",
        env.token.base_url
    );
    decode(prepared(env.http.get(url), timeout).send().await).await
}

async fn generated_post(env: &Env) -> ApiToken {
    env.generated[2].application_api_tokens().post(APPLICATION_ID, post_body()).send().await.expect("the call succeeds")
}

async fn hand_written_post(env: &Env, timeout: Timeout) -> ApiToken {
    let url = format!(
        "{}/applications/{APPLICATION_ID}/tokens?_actions=false&_links=true&_embedded=true",
        env.created.base_url
    );
    let body = serde_json::to_vec(&post_body()).expect("the body serializes");
    let request = prepared(env.http.post(url), timeout).header(reqwest::header::CONTENT_TYPE, ACCEPT_JSON).body(body);
    decode(request.send().await).await
}

/// The documented `apiTokenPost` example, built anew by each call as a
/// caller would.
fn post_body() -> ApiTokenPost {
    ApiTokenPost::new("My New API Token")
        .expiration_date(losant_rest::runtime::DateTime::parse("2017-06-13T04:00:00.000Z").unwrap())
        .scope([RequestedScopes::AllApplication])
        .status(ActivationStatus::Active)
}

/// Whether a hand-written call sets the per-call timeout the generated
/// client always sets (its default, 30 seconds).
#[derive(Debug, Clone, Copy)]
enum Timeout {
    None,
    Default,
}

/// The headers of the generated client, and the timeout if asked for.
fn prepared(request: reqwest::RequestBuilder, timeout: Timeout) -> reqwest::RequestBuilder {
    let request = request
        .header(ACCEPT, ACCEPT_JSON)
        .header("accept-version", ACCEPT_VERSION)
        .header(USER_AGENT, USER_AGENT_VALUE)
        .bearer_auth(TOKEN);
    match timeout {
        Timeout::None => request,
        Timeout::Default => request.timeout(DEFAULT_TIMEOUT),
    }
}

async fn decode<T: serde::de::DeserializeOwned>(response: reqwest::Result<reqwest::Response>) -> T {
    let response = response.and_then(reqwest::Response::error_for_status).expect("the call succeeds");
    let body = response.bytes().await.expect("the body arrives");
    serde_json::from_slice(&body).expect("the body decodes")
}

// The benchmarks: one module per case, so divan prints its variants together.

mod token_list {
    use super::*;

    /// `applicationApiTokens.get`: a GET with the global query params,
    /// decoded into `ApiTokens`.
    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn generated(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(generated_list(env)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_list(env, Timeout::None)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written_timeout(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_list(env, Timeout::Default)));
    }
}

mod token_get {
    use super::*;

    /// `applicationApiToken.get`: a GET of one token, decoded into `ApiToken`.
    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn generated(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(generated_get(env)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_get(env, Timeout::None)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written_timeout(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_get(env, Timeout::Default)));
    }
}

mod token_post {
    use super::*;

    /// `applicationApiTokens.post`: a POST with a JSON body, answered `201`.
    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn generated(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(generated_post(env)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_post(env, Timeout::None)));
    }

    #[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
    fn hand_written_timeout(bencher: Bencher<'_, '_>) {
        let env = env();
        bencher.bench_local(|| env.runtime.block_on(hand_written_post(env, Timeout::Default)));
    }
}

// The server: HTTP/1.1 with keep-alive, a fixed answer to every request.

/// When set, the servers keep a copy of every request they receive.
static RECORDING: AtomicBool = AtomicBool::new(false);
static RECORDED: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

struct Server {
    /// `http://127.0.0.1:<port>`, formatted once: a caller keeps its base
    /// URL, as the generated client does.
    base_url: String,
    /// Connections accepted so far.
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Listens on a free port of 127.0.0.1 and answers every request with
    /// `status` and `body` as JSON, on the runtime this is called on.
    async fn start(status: &str, body: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let address = listener.local_addr().expect("a bound address");
        let response: Arc<[u8]> = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
        .into();
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(serve(stream, response.clone()));
            }
        });
        Server { base_url: format!("http://{address}"), connections }
    }
}

/// Answers the requests of one connection until the client closes it. Each
/// request is read whole (head, then as many body bytes as its
/// `content-length` says) before the answer is written.
async fn serve(mut stream: TcpStream, response: Arc<[u8]>) {
    // Small writes both ways; Nagle's algorithm would only add delay.
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let length = loop {
            if let Some(length) = request_length(&buffer)
                && buffer.len() >= length
            {
                break length;
            }
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        if RECORDING.load(Ordering::Relaxed) {
            RECORDED.lock().expect("not poisoned").push(buffer[..length].to_vec());
        }
        if stream.write_all(&response).await.is_err() {
            return;
        }
        buffer.drain(..length);
    }
}

/// Where the head of a request ends (after its blank line), once it is
/// all in `buffer`.
fn head_end(buffer: &[u8]) -> Option<usize> {
    buffer.windows(4).position(|window| window == b"\r\n\r\n").map(|at| at + 4)
}

/// The length of the first request in `buffer`, head and body, once its
/// head is complete.
fn request_length(buffer: &[u8]) -> Option<usize> {
    let head_end = head_end(buffer)?;
    let head = std::str::from_utf8(&buffer[..head_end]).ok()?;
    let body = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    Some(head_end + body)
}
