//! Mocks: a client whose requests are answered in process, by rules, with
//! no server and no socket (the `mock` feature).
//!
//! A [`Rule`] says how one action answers: typed outputs
//! ([`then_output`](Rule::then_output)), error bodies
//! ([`then_error`](Rule::then_error),
//! [`then_error_details`](Rule::then_error_details)), bare statuses or
//! whole responses ([`then_status`](Rule::then_status),
//! [`then_response`](Rule::then_response)), in a sequence
//! ([`times`](Rule::times)), for the requests its matchers accept
//! ([`match_requests`](Rule::match_requests)). [`Mocks`] holds the rules a
//! client consults, and [`ClientBuilder::mock`](crate::ClientBuilder::mock)
//! builds a client that asks them instead of the network. After the code
//! under test ran, [`Rule::calls`], [`Rule::requests`] and
//! [`Mocks::requests`] tell what it sent. A generated client with mocks has
//! one function per action that makes its rule, typed by the action's
//! success type, so that an output of the wrong type does not compile.
//!
//! # The seam
//!
//! A mocked client runs every call as a real one, up to the point where a
//! request would be handed to reqwest: the local checks (token, scopes,
//! URL, header values, body limits), the request hooks, the `Authorization`
//! header, the call's deadline and retry policy all apply. There, once per
//! attempt, the request as it would have been sent (method, URL, headers,
//! body bytes) goes to [`Mocks`] with the action's [`ActionInfo`], and the
//! rule's answer (status, headers, body bytes) becomes the response.
//! Everything after that point is the production code: the body size limit,
//! `Retry-After` and the retry policy, the status classification, the error
//! body and its typed details, decoding, pagination, event-stream parsing
//! and the tracing span. So a mocked 429 with `Retry-After` is retried as a
//! real one would be, and a mocked body that does not match the documented
//! schema fails with `Error::Decode` as a real one would.
//!
//! The contract of the seam:
//!
//! - Nothing is sent and no socket is opened, ever: a request no rule
//!   answers fails the call at once with [`Error::NoMockRule`], which names
//!   the action and says why no rule answered. It is not retried.
//! - Rules are tried in the order they were added; the first whose action
//!   is the request's, whose matchers all accept it and which has an answer
//!   left, answers.
//! - Each attempt of a call is one request to the mocks: a call retried
//!   twice is three requests, each recorded.
//! - A multipart body (a file upload) is a stream the mocks cannot read: its
//!   request has an empty body (its `Content-Type` header still says
//!   `multipart/form-data`).
//! - An event stream (`stream: sse` actions) is answered like any other
//!   request: a rule's [`MockResponse`] with a `text/event-stream` body
//!   ([`MockResponse::event_stream`]) is parsed into events; a stream that
//!   reconnects asks the mocks again.
//!
//! # Sequences
//!
//! Each `then_*` adds a step; a step answers once, except the last one,
//! which answers every request after the earlier steps are used up, unless
//! [`times`](Rule::times) bounds it. `times(n)` makes the last step answer
//! `n` times. A rule whose steps are all used up answers no more, and the
//! next matching rule is asked. There is no mode in which rules must be
//! used in order: [`Mocks::requests`] records every request, in order, for
//! a test that cares about the order.
//!
//! [`ActionInfo`]: crate::ActionInfo
//! [`Error::NoMockRule`]: crate::Error::NoMockRule

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ActionInfo, Method};

/// The rules a mocked client asks, and the log of every request it made.
/// Cheap to clone: clones share the rules and the log.
#[derive(Clone, Default)]
pub struct Mocks {
    inner: Arc<Mutex<MocksState>>,
}

#[derive(Default)]
struct MocksState {
    rules: Vec<Arc<RuleState>>,
    log: Vec<MockRequest>,
}

impl fmt::Debug for Mocks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.inner);
        let rules: Vec<&str> = state.rules.iter().map(|r| r.info.id).collect();
        f.debug_struct("Mocks").field("rules", &rules).field("requests", &state.log.len()).finish()
    }
}

/// A lock that a panic elsewhere (a failed assertion in a matcher) does not
/// poison for the rest of the test: the state is a list and counters, valid
/// between any two statements.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Mocks {
    /// No rules yet: every request fails with
    /// [`Error::NoMockRule`](crate::Error::NoMockRule).
    pub fn new() -> Self {
        Mocks::default()
    }

    /// Adds a rule, after those added before (see [`add`](Self::add)).
    #[must_use]
    pub fn with<T, B>(self, rule: &Rule<T, B>) -> Self {
        self.add(rule);
        self
    }

    /// Adds a rule, after those added before: rules are tried in the order
    /// they were added. A rule may be added after the client was built,
    /// and to several `Mocks`; its steps and its record of calls are shared.
    pub fn add<T, B>(&self, rule: &Rule<T, B>) {
        lock(&self.inner).rules.push(rule.state.clone());
    }

    /// Every request the client made, in order, answered or not.
    pub fn requests(&self) -> Vec<MockRequest> {
        lock(&self.inner).log.clone()
    }

    /// The seam: answers one attempt of a call of `info`, the request as it
    /// would be sent, whose path starts with `base_path` (the base URL's).
    /// `Err` says why no rule answers it.
    pub(crate) fn answer(
        &self,
        info: &ActionInfo,
        base_path: &str,
        request: &reqwest::Request,
    ) -> Result<reqwest::Response, String> {
        let request = MockRequest::new(info, base_path, request);
        let rules: Vec<Arc<RuleState>> = {
            let mut state = lock(&self.inner);
            state.log.push(request.clone());
            state.rules.iter().filter(|r| r.info.id == info.id).cloned().collect()
        };
        let (mut refused, mut used_up) = (0, 0);
        for rule in &rules {
            match rule.answer(&request) {
                Outcome::Refused => refused += 1,
                Outcome::UsedUp => used_up += 1,
                Outcome::Answer(response) => return response?.into_reqwest(),
            }
        }
        let why = match (rules.len(), refused, used_up) {
            (0, ..) => format!("no rule was added for `{}`", info.id),
            (1, 1, _) => "the rule for it did not match the request".to_owned(),
            (1, _, _) => "the rule for it has used up its answers".to_owned(),
            (n, r, u) => {
                format!("of the {n} rules for it, {r} did not match the request and {u} used up their answers")
            }
        };
        Err(format!("no mock rule answers {} {}: {why}", request.method, request.target()))
    }
}

/// What one rule made of one request.
enum Outcome {
    /// A matcher refused it.
    Refused,
    /// It matched, and the rule has no answer left.
    UsedUp,
    /// The answer, or why it could not be made.
    Answer(Result<MockResponse, String>),
}

/// A matcher of requests.
type Matcher = Arc<dyn Fn(&MockRequest) -> bool + Send + Sync>;

/// An answer computed from the request.
type Compute = Arc<dyn Fn(&MockRequest) -> Result<MockResponse, String> + Send + Sync>;

/// What one rule knows and has done, shared by its clones and the mocks.
struct RuleState {
    info: &'static ActionInfo,
    inner: Mutex<RuleInner>,
}

#[derive(Default)]
struct RuleInner {
    matchers: Vec<Matcher>,
    steps: Vec<Step>,
    requests: Vec<MockRequest>,
}

struct Step {
    answer: Answer,
    /// How many requests it answers: `None` is once, or, for the last
    /// step, every request left.
    times: Option<usize>,
    used: usize,
}

#[derive(Clone)]
enum Answer {
    Fixed(MockResponse),
    Computed(Compute),
}

impl RuleState {
    fn answer(&self, request: &MockRequest) -> Outcome {
        // Matchers run without the lock: one may read the rule (`calls`).
        let matchers = lock(&self.inner).matchers.clone();
        if !matchers.iter().all(|matches| matches(request)) {
            return Outcome::Refused;
        }
        let answer = {
            let mut inner = lock(&self.inner);
            let last = inner.steps.len().saturating_sub(1);
            let step = inner.steps.iter_mut().enumerate().find(|(i, step)| match step.times {
                Some(n) => step.used < n,
                None => *i == last || step.used < 1,
            });
            let Some((_, step)) = step else { return Outcome::UsedUp };
            step.used += 1;
            let answer = step.answer.clone();
            inner.requests.push(request.clone());
            answer
        };
        Outcome::Answer(match answer {
            Answer::Fixed(response) => Ok(response),
            Answer::Computed(compute) => compute(request),
        })
    }
}

/// How a success output becomes a response: the status (and whether it has
/// a body) is fixed for most actions, and depends on the variant for an
/// action whose statuses carry different types.
enum Status<T> {
    Fixed { code: u16, body: bool },
    Of(fn(&T) -> (u16, bool)),
}

impl<T> Clone for Status<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Status<T> {}

impl<T: Serialize> Status<T> {
    fn encode(self, value: &T) -> Result<MockResponse, serde_json::Error> {
        let (code, body) = match self {
            Status::Fixed { code, body } => (code, body),
            Status::Of(of) => of(value),
        };
        if body { MockResponse::new(code).try_json(value) } else { Ok(MockResponse::new(code)) }
    }
}

/// How one action answers a mocked client: its matchers and its steps.
///
/// `T` is the action's success type, so [`then_output`](Self::then_output)
/// takes only what the action returns; `B` is the API's error body, which
/// [`then_error`](Self::then_error) takes. Clones share the steps and the
/// record of calls: keep one to inspect after the code under test ran.
pub struct Rule<T, B = serde_json::Value> {
    state: Arc<RuleState>,
    status: Status<T>,
    _types: PhantomData<fn() -> (T, B)>,
}

impl<T, B> Clone for Rule<T, B> {
    fn clone(&self) -> Self {
        Rule { state: self.state.clone(), status: self.status, _types: PhantomData }
    }
}

impl<T, B> fmt::Debug for Rule<T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = lock(&self.state.inner);
        f.debug_struct("Rule")
            .field("action", &self.state.info.id)
            .field("matchers", &inner.matchers.len())
            .field("steps", &inner.steps.len())
            .field("calls", &inner.requests.len())
            .finish()
    }
}

impl<T, B> Rule<T, B> {
    fn with_status(info: &'static ActionInfo, status: Status<T>) -> Self {
        let state = RuleState { info, inner: Mutex::new(RuleInner::default()) };
        Rule { state: Arc::new(state), status, _types: PhantomData }
    }

    /// A rule for `info`'s action, whose output is sent as JSON with
    /// `status` (generated code makes one per action, with its first
    /// documented success status).
    pub fn new(info: &'static ActionInfo, status: u16) -> Self {
        Self::with_status(info, Status::Fixed { code: status, body: true })
    }

    /// A rule for an action whose success has no body: its output (`()`)
    /// is sent as `status` with an empty body.
    pub fn without_body(info: &'static ActionInfo, status: u16) -> Self {
        Self::with_status(info, Status::Fixed { code: status, body: false })
    }

    /// A rule for an action whose success statuses carry different types:
    /// `status` tells an output's status, and whether it has a body.
    pub fn by_status(info: &'static ActionInfo, status: fn(&T) -> (u16, bool)) -> Self {
        Self::with_status(info, Status::Of(status))
    }

    /// The action the rule answers.
    pub fn info(&self) -> &'static ActionInfo {
        self.state.info
    }

    /// Answers only requests that `matches` accepts (and every matcher
    /// added before).
    #[must_use]
    pub fn match_requests(self, matches: impl Fn(&MockRequest) -> bool + Send + Sync + 'static) -> Self {
        lock(&self.state.inner).matchers.push(Arc::new(matches));
        self
    }

    /// Adds a step that answers with `value`, encoded as JSON with the
    /// action's success status.
    ///
    /// # Panics
    ///
    /// When `value` cannot be encoded as JSON (a map with keys that are not
    /// strings).
    #[must_use]
    pub fn then_output(self, value: T) -> Self
    where
        T: Serialize,
    {
        let response = self.status.encode(&value).unwrap_or_else(|e| panic!("{}", cannot_encode(self.info(), &e)));
        self.then_response(response)
    }

    /// Adds a step that answers with the value `output` computes from the
    /// request (an echo of the body sent, a page by its number).
    #[must_use]
    pub fn then_output_with(self, output: impl Fn(&MockRequest) -> T + Send + Sync + 'static) -> Self
    where
        T: Serialize + 'static,
    {
        let (status, info) = (self.status, self.info());
        self.then_compute(Arc::new(move |request| status.encode(&output(request)).map_err(|e| cannot_encode(info, &e))))
    }

    /// Adds a step that answers with an error status and `body`, the API's
    /// error body, as JSON: the call fails with `Error::Api`.
    ///
    /// # Panics
    ///
    /// When `status` is not an error status (400 to 599), or `body` cannot
    /// be encoded as JSON.
    #[must_use]
    pub fn then_error(self, status: u16, body: B) -> Self
    where
        B: Serialize,
    {
        assert!((400..=599).contains(&status), "{}: `then_error` takes an error status, not {status}", self.info().id);
        let info = self.info();
        let response = MockResponse::new(status).try_json(&body);
        self.then_response(response.unwrap_or_else(|e| panic!("{}", cannot_encode(info, &e))))
    }

    /// Adds a step that answers with an error status whose body the action
    /// documents with a schema of its own, and `details`, a value of that
    /// schema, as JSON: the call fails with `Error::Api`, whose
    /// `ApiError::details` is `details` decoded.
    ///
    /// # Panics
    ///
    /// When the action documents no schema of its own for `status`, or
    /// `details` cannot be encoded as JSON.
    #[must_use]
    pub fn then_error_details<D: Serialize>(self, status: u16, details: D) -> Self {
        let info = self.info();
        assert!(
            info.error_schema(status).is_some(),
            "{}: the action documents no schema of its own for HTTP {status} (use `then_error`)",
            info.id
        );
        let response = MockResponse::new(status).try_json(&details);
        self.then_response(response.unwrap_or_else(|e| panic!("{}", cannot_encode(info, &e))))
    }

    /// Adds a step that answers with `status` and an empty body: a 204, a
    /// 503 to retry, a 404 without a body.
    #[must_use]
    pub fn then_status(self, status: u16) -> Self {
        self.then_response(MockResponse::new(status))
    }

    /// Adds a step that answers with `response` as it is: for what the
    /// typed steps cannot say (headers, a body that does not match the
    /// schema, an event stream).
    #[must_use]
    pub fn then_response(self, response: MockResponse) -> Self {
        self.push(Answer::Fixed(response))
    }

    /// Adds a step that answers with the response `respond` makes from the
    /// request.
    #[must_use]
    pub fn then_response_with(self, respond: impl Fn(&MockRequest) -> MockResponse + Send + Sync + 'static) -> Self {
        self.then_compute(Arc::new(move |request| Ok(respond(request))))
    }

    fn then_compute(self, compute: Compute) -> Self {
        self.push(Answer::Computed(compute))
    }

    fn push(self, answer: Answer) -> Self {
        lock(&self.state.inner).steps.push(Step { answer, times: None, used: 0 });
        self
    }

    /// Makes the last step answer `times` requests (then the next step
    /// answers); without it, the last step answers every request left.
    ///
    /// # Panics
    ///
    /// When the rule has no step yet.
    #[must_use]
    pub fn times(self, times: usize) -> Self {
        {
            let mut inner = lock(&self.state.inner);
            let info = self.state.info.id;
            let step = inner.steps.last_mut().unwrap_or_else(|| panic!("{info}: `times` follows a `then_*` step"));
            step.times = Some(times);
        }
        self
    }

    /// How many requests the rule answered.
    pub fn calls(&self) -> usize {
        lock(&self.state.inner).requests.len()
    }

    /// The requests the rule answered, in order.
    pub fn requests(&self) -> Vec<MockRequest> {
        lock(&self.state.inner).requests.clone()
    }
}

fn cannot_encode(info: &ActionInfo, error: &serde_json::Error) -> String {
    format!("{}: the mocked body cannot be encoded as JSON: {error}", info.id)
}

/// A response a rule answers with: status, headers and body bytes.
#[derive(Debug, Clone)]
pub struct MockResponse {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl MockResponse {
    /// A response with `status`, no header and an empty body.
    pub fn new(status: u16) -> Self {
        MockResponse { status, headers: HeaderMap::new(), body: Vec::new() }
    }

    /// `value` as a JSON body, with `Content-Type: application/json`.
    ///
    /// # Panics
    ///
    /// When `value` cannot be encoded as JSON.
    #[must_use]
    pub fn json(self, value: &impl Serialize) -> Self {
        self.try_json(value).unwrap_or_else(|e| panic!("the mocked body cannot be encoded as JSON: {e}"))
    }

    fn try_json(self, value: &impl Serialize) -> Result<Self, serde_json::Error> {
        let body = serde_json::to_vec(value)?;
        Ok(self.header("content-type", "application/json").body(body))
    }

    /// `events` as a `text/event-stream` body, as a server sends them
    /// (`data: ...` lines, events ended by a blank line).
    #[must_use]
    pub fn event_stream(self, events: &str) -> Self {
        self.header("content-type", "text/event-stream").body(events)
    }

    /// Adds a header (a `Retry-After`, say).
    ///
    /// # Panics
    ///
    /// When `name` is not a header name or `value` not a header value.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name =
            HeaderName::from_bytes(name.as_bytes()).unwrap_or_else(|e| panic!("invalid header name `{name}`: {e}"));
        let value = HeaderValue::from_str(value).unwrap_or_else(|e| panic!("invalid value for header `{name}`: {e}"));
        self.headers.append(name, value);
        self
    }

    /// The body, as bytes.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    fn into_reqwest(self) -> Result<reqwest::Response, String> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = http::StatusCode::from_u16(self.status)
            .map_err(|_| format!("the mocked status {} is not an HTTP status", self.status))?;
        *response.headers_mut() = self.headers;
        Ok(reqwest::Response::from(response))
    }
}

/// A request as the client would have sent it, as the mocks saw it: what
/// matchers read and [`Rule::requests`] records.
#[derive(Clone)]
pub struct MockRequest {
    info: ActionInfo,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    raw_query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// The body may hold credentials (a password to log in): `Debug` shows its
/// length. The token's header is marked sensitive, and shows as such.
impl fmt::Debug for MockRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRequest")
            .field("action", &self.info.id)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl MockRequest {
    fn new(info: &ActionInfo, base_path: &str, request: &reqwest::Request) -> Self {
        let url = request.url();
        // The client checked that the path starts with the base URL's before
        // sending (`prepare`).
        let path = url.path().strip_prefix(base_path).unwrap_or(url.path()).to_owned();
        let query = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let body = request.body().and_then(reqwest::Body::as_bytes).map(<[u8]>::to_vec).unwrap_or_default();
        MockRequest {
            info: *info,
            method: info.method,
            path,
            query,
            raw_query: url.query().map(str::to_owned),
            headers: request.headers().clone(),
            body,
        }
    }

    /// The action called.
    pub fn info(&self) -> &ActionInfo {
        &self.info
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path after the base URL's, percent-encoded as sent
    /// (`/applications/app%201/devices`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path and the query string as sent.
    fn target(&self) -> String {
        match &self.raw_query {
            Some(query) => format!("{}?{query}", self.path),
            None => self.path.clone(),
        }
    }

    /// The value of the path param `name` (as the spec names it, the
    /// action's path template's `{name}`), decoded; `None` when the
    /// template has no such param. Two params with nothing between them in
    /// a template are not told apart: the first takes the whole run.
    pub fn path_param(&self, name: &str) -> Option<String> {
        path_params(self.info.path, &self.path)?.into_iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The query pairs, decoded, in the order sent.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The first value of the query param `name` (its wire name), decoded.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The value of the header `name` (any case), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every header, the API's fixed ones and the token's included.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as sent (empty without one, and for a multipart body).
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }

    /// The JSON body, when the request has one.
    pub fn json(&self) -> Option<serde_json::Value> {
        let json = self.headers.get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if json { serde_json::from_slice(&self.body).ok() } else { None }
    }

    /// The JSON body decoded as `T` (a request type of the client needs
    /// `Deserialize`, which the client crate's serde feature derives).
    ///
    /// # Errors
    ///
    /// When there is no body, or it is not a `T`.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

/// The params of a path template (`/a/{id}/b`) in an encoded path, decoded,
/// by name; `None` when the path does not have the template's shape.
fn path_params<'t>(template: &'t str, path: &str) -> Option<Vec<(&'t str, String)>> {
    let mut params = Vec::new();
    let (mut template, mut path) = (template, path);
    while !template.is_empty() {
        if let Some(rest) = template.strip_prefix('{') {
            let (name, rest) = rest.split_once('}')?;
            // The value runs to the next literal text of the template, and
            // never over a `/` (path params are encoded, `/` as `%2F`).
            // (the part of that text before a `/`, which is in the same
            // segment: the last place it occurs there, so that
            // `{name}.json` takes `report.v2` of `report.v2.json`).
            let literal = rest.split(['{', '/']).next().unwrap_or_default();
            let segment = path.find('/').unwrap_or(path.len());
            let end = if literal.is_empty() { segment } else { path[..segment].rfind(literal)? };
            let value = percent_encoding::percent_decode_str(&path[..end]).decode_utf8_lossy().into_owned();
            params.push((name, value));
            (template, path) = (rest, &path[end..]);
        } else {
            let literal_end = template.find('{').unwrap_or(template.len());
            path = path.strip_prefix(&template[..literal_end])?;
            template = &template[literal_end..];
        }
    }
    path.is_empty().then_some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_are_found_by_name_and_decoded() {
        // (template, path, the params found)
        type Case<'a> = (&'a str, &'a str, Option<&'a [(&'a str, &'a str)]>);
        let cases: &[Case<'_>] = &[
            ("/a/{id}/b", "/a/x%20y/b", Some(&[("id", "x y")])),
            ("/a/{id}", "/a/x%2Fy", Some(&[("id", "x/y")])),
            ("/a/{app}/d/{dev}", "/a/1/d/2", Some(&[("app", "1"), ("dev", "2")])),
            ("/f/{name}.json", "/f/report.v2.json", Some(&[("name", "report.v2")])),
            ("/a/{id}/b", "/a/1/c", None),
            ("/a/{id}", "/a/1/extra", None),
            ("/a", "/a", Some(&[])),
        ];
        for (template, path, expected) in cases {
            let found = path_params(template, path);
            let expected: Option<Vec<(&str, String)>> =
                expected.map(|e| e.iter().map(|(n, v)| (*n, (*v).to_owned())).collect());
            assert_eq!(found, expected, "{template} {path}");
        }
    }
}
