//! The client: configuration, and sending requests.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;

use tracing::Instrument;

use super::request::Request;
use super::request::{MAX_URL_BYTES, excerpt};
use super::response::{self, Response};
use super::retry::{self, RetryPolicy};
use super::{ActionInfo, ApiError, ApiInfo, AuthScheme, Error, Secret, scopes};

/// How long a call may take, from sending to the last byte of the response,
/// unless the builder says otherwise. The official Python client waits
/// forever; a call that can hang a program forever is a poor default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long connecting may take, when the client builds its own HTTP client.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP core of a generated client: configuration and sending. Cheap to
/// clone: clones share one connection pool. Generated clients wrap it in a
/// type of their own that carries the resource accessors.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// A response with a success status, not decoded yet. `B` is the API's
/// error body type, which decoding errors carry.
pub struct Undecoded<B> {
    action: &'static str,
    status: u16,
    headers: HeaderMap,
    body: bytes::Bytes,
    secret_fields: &'static [&'static str],
    error_body: PhantomData<fn() -> B>,
}

impl<B> fmt::Debug for Undecoded<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold secrets; its length is enough here.
        f.debug_struct("Undecoded")
            .field("action", &self.action)
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl<B> Undecoded<B> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes the body as `T`, kept with the status and headers.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the body is not a `T`.
    pub fn decode<T: DeserializeOwned>(self) -> Result<Response<T>, Error<B>> {
        self.decode_with(|_, body| serde_json::from_slice(body))
    }

    /// Decodes the body with `decode`, given the status: for actions whose
    /// statuses carry different types.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when `decode` fails.
    pub fn decode_with<T>(
        self,
        decode: impl FnOnce(u16, &[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<Response<T>, Error<B>> {
        let secret_fields = self.secret_fields;
        let decoded = crate::other_keys::with_secret_fields(secret_fields, || decode(self.status, &self.body));
        match decoded {
            // The headers were marked when they were read.
            Ok(value) => Ok(Response::from_parts(value, self.status, self.headers)),
            Err(source) => Err(Error::Decode {
                action: self.action,
                status: self.status,
                excerpt: excerpt(&self.body, self.secret_fields),
                source,
            }),
        }
    }

    /// The status and headers of a response whose body the action does not
    /// document (it is not read).
    pub fn empty(self) -> Response<()> {
        Response::from_parts((), self.status, self.headers)
    }
}

/// A function that sees the headers of every request before it is sent
/// (without the token), to add a request id or a header of the caller's.
pub type RequestHook = Arc<dyn Fn(&ActionInfo, &mut HeaderMap) + Send + Sync>;

struct Inner {
    api: &'static ApiInfo,
    scopes: Option<Vec<String>>,
    retry: Option<RetryPolicy>,
    hooks: Vec<RequestHook>,
    http: reqwest::Client,
    base_url: String,
    /// The path of the base URL, without a trailing slash: what every
    /// request's path starts with.
    base_path: String,
    authorization: Option<HeaderValue>,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    max_response_body: usize,
    user_agent: HeaderValue,
    /// The API's fixed headers and the user agent, built once: every
    /// request starts from a copy.
    base_headers: HeaderMap,
    /// The rules that answer every request instead of the network.
    #[cfg(feature = "mock")]
    mocks: Option<crate::mock::Mocks>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.api.name)
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.authorization.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("max_response_body", &self.inner.max_response_body)
            .field("user_agent", &self.inner.user_agent)
            .field("scopes", &self.inner.scopes)
            .field("retry", &self.inner.retry)
            .field("hooks", &self.inner.hooks.len())
            .finish_non_exhaustive()
    }
}

/// A request checked and laid out for sending: what every attempt sends.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    parts: Vec<(&'static str, super::request::Part)>,
}

/// Why one attempt failed, before it becomes an [`Error`]: the phase tells
/// whether another attempt may help.
enum AttemptError {
    /// Sending, or waiting for the response's head, failed.
    Send(reqwest::Error),
    /// Reading the body failed after the head arrived: the response was cut
    /// short, the connection reset, or the per-attempt timeout ran out.
    Body(reqwest::Error),
    /// The body is over the client's limit.
    TooLarge { status: u16 },
    /// No mock rule answers the request (a mocked client): why.
    #[cfg(feature = "mock")]
    NoMockRule(String),
}

impl AttemptError {
    /// Whether another attempt of an idempotent call may succeed.
    fn retryable(&self) -> bool {
        match self {
            // A redirect loop or a request reqwest cannot build fails the
            // same way again.
            AttemptError::Send(e) => e.is_connect() || e.is_request() || e.is_timeout(),
            AttemptError::Body(_) => true,
            AttemptError::TooLarge { .. } => false,
            #[cfg(feature = "mock")]
            AttemptError::NoMockRule(_) => false,
        }
    }

    fn into_error<B>(
        self,
        action: &'static str,
        attempt_timeout: Option<Duration>,
        attempts: u32,
        limit: usize,
    ) -> Error<B> {
        match self {
            AttemptError::Send(source) | AttemptError::Body(source) => match attempt_timeout {
                Some(timeout) if source.is_timeout() => Error::AttemptTimeout { action, timeout, attempts },
                // The URL carries the caller's params and can be long; the
                // action names the call.
                _ => Error::Transport { action, source: source.without_url() },
            },
            AttemptError::TooLarge { status } => Error::BodyTooLarge { action, status, limit },
            #[cfg(feature = "mock")]
            AttemptError::NoMockRule(reason) => Error::NoMockRule { action, reason },
        }
    }
}

impl Client {
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The deadline of each call, every attempt and wait included.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The timeout of each attempt, when one is set.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.inner.attempt_timeout
    }

    /// The largest response body the client reads, in bytes.
    pub fn max_response_body(&self) -> usize {
        self.inner.max_response_body
    }

    /// The client's retry policy, when it has one.
    #[cfg(feature = "sse")]
    pub(crate) fn retry_policy(&self) -> Option<&RetryPolicy> {
        self.inner.retry.as_ref()
    }

    #[doc(hidden)]
    /// Sends a request; a success status comes back as an undecoded
    /// [`Response`], an error status as [`Error::Api`].
    ///
    /// This is the runtime's contract with generated code; callers use the
    /// request builders' `send` instead. It is not generic over the type of
    /// the success body, so the sending (and its large future) is compiled
    /// once per client crate rather than once per action; each action only
    /// decodes, with [`Undecoded::decode`] or [`Undecoded::decode_with`].
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn call<B: DeserializeOwned>(&self, request: Request) -> Result<Undecoded<B>, Error<B>> {
        // The sending future is a few kilobytes (the request, the retry
        // loop, reqwest's future, the deadline); boxed, every caller's
        // future holds a pointer to it instead, so that futures which hold
        // several calls' (a dispatcher over every action, `join!`) do not
        // pile kilobytes on the stack. One allocation, next to a request.
        Box::pin(self.call_unboxed(request)).await
    }

    /// [`call`](Self::call) without boxing the sending future, for a caller
    /// whose own future is boxed already (the runtime's `send`): one
    /// allocation per call rather than two.
    pub(crate) async fn call_unboxed<B: DeserializeOwned>(&self, request: Request) -> Result<Undecoded<B>, Error<B>> {
        let action = request.info.id;
        let (status, headers, body) = self.round_trip(request).await?;
        let secret_fields = self.inner.api.secret_fields;
        Ok(Undecoded { action, status, headers, body, secret_fields, error_body: PhantomData })
    }

    /// Starts a call of an action the spec does not describe: `method` to
    /// `path`, a template whose `{name}` placeholders are filled with
    /// [`RawRequest::path_param`](crate::RawRequest::path_param). It is sent
    /// as the client sends every action; see [`RawRequest`](crate::RawRequest).
    /// Generated clients offer it as `Client::raw`, with their error body as
    /// `B`.
    pub fn raw<B>(&self, method: crate::Method, path: &'static str) -> crate::RawRequest<B> {
        crate::RawRequest::new(self.clone(), method, path)
    }

    /// Whether the client's declared scopes allow an action (always true
    /// when no scopes were declared).
    pub fn allows(&self, action: &ActionInfo) -> bool {
        !action.auth || self.inner.scopes.as_ref().is_none_or(|granted| scopes::allows(granted, action.scopes))
    }

    /// The phases of a call: prepare (local checks; nothing is sent when one
    /// fails), attempts under the call's deadline, then the status decides
    /// between a response and an error.
    async fn round_trip<B: DeserializeOwned>(
        &self,
        mut request: Request,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), Error<B>> {
        let info = request.info;
        let action = info.id;
        // Preparing reads none of the call's options: they move out.
        let options = std::mem::take(&mut request.options);
        let prepared = self.prepare(request)?;
        let deadline = options.timeout.unwrap_or(self.inner.timeout);
        let attempt_timeout = options.attempt_timeout.or(self.inner.attempt_timeout);
        let span = tracing::info_span!(
            "request",
            action = action,
            method = info.method.as_str(),
            path = info.path,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = tokio::time::Instant::now();
        let attempts = self.attempts(&info, prepared, &options, started + deadline, attempt_timeout, &span);
        let outcome = match tokio::time::timeout_at(started + deadline, attempts).await {
            Ok(outcome) => outcome,
            Err(_) => Err(Error::Timeout { action, timeout: deadline }),
        };
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let (status, headers, body) = outcome?;
        match status {
            200..=299 => Ok((status, headers, body)),
            _ => Err(self.status_error(&info, status, headers, body)),
        }
    }

    /// The error for a response whose status is not a success: an API error
    /// (4xx, 5xx) with its body decoded when it can be, else an unexpected
    /// status with a redacted excerpt.
    ///
    /// The body is decoded as the API's error schema `B` whatever the status;
    /// when the action documents a schema of its own for the status, it is
    /// also decoded into that one (found by name in the API's list). A body
    /// that decodes into neither keeps its bytes.
    fn status_error<B: DeserializeOwned>(
        &self,
        info: &ActionInfo,
        status: u16,
        headers: HeaderMap,
        body: bytes::Bytes,
    ) -> Error<B> {
        let (action, api) = (info.id, self.inner.api);
        let secret_fields = api.secret_fields;
        if (400..=599).contains(&status) {
            // Undeclared keys of the body are kept, with the API's secret
            // fields redacted from their `Debug`.
            let (decoded, schema, details) = crate::other_keys::with_secret_fields(secret_fields, || {
                let decoded = serde_json::from_slice::<B>(&body).ok();
                let schema = info.error_schema(status);
                let details = schema.and_then(|name| api.error_schema(name)).and_then(|s| s.decode(&body));
                (decoded, schema, details)
            });
            // Read now, so that a wait given as a date counts from the
            // response's arrival.
            let retry_after = retry::retry_after(&headers);
            Error::Api(Box::new(ApiError {
                action,
                status,
                headers,
                retry_after,
                body: decoded,
                raw: body,
                secret_fields,
                schema,
                details,
            }))
        } else {
            Error::UnexpectedStatus { action, status, excerpt: excerpt(&body, secret_fields) }
        }
    }

    /// Checks what can be checked before sending and lays the request out.
    fn prepare<B>(&self, request: Request) -> Result<Prepared, Error<B>> {
        let info = request.info;
        let action = info.id;
        let invalid = |reason: String| Error::InvalidRequest { action, reason };
        let authorization = match (&self.inner.authorization, info.auth) {
            (Some(value), true) => Some(value.clone()),
            (None, true) => return Err(Error::MissingToken { action }),
            (_, false) => None,
        };
        // A raw call names no scopes: the client's cannot be checked.
        if !request.raw && !self.allows(&info) {
            let granted = self.inner.scopes.clone().unwrap_or_default();
            return Err(Error::ScopeDenied { action, allowed: info.scopes, granted });
        }
        let length = self.inner.base_url.len() + request.path.len() + request.query.len() + 1;
        if length > MAX_URL_BYTES {
            return Err(invalid(format!("the URL would be {length} bytes, longer than the limit of {MAX_URL_BYTES}")));
        }
        let mut address = String::with_capacity(length);
        address.push_str(&self.inner.base_url);
        address.push_str(&request.path);
        if !request.query.is_empty() {
            address.push('?');
            address.push_str(&request.query);
        }
        // The URL is not quoted: it carries the caller's values.
        let url = reqwest::Url::parse(&address).map_err(|e| invalid(format!("cannot build the URL: {e}")))?;
        // Path params are encoded and never dot segments, and the generator
        // refuses templates with one; this is the last line against any
        // other way to form one (a hand-written spec, another generator): a
        // path that changes when parsed would hit another route, so it is
        // never sent.
        if url.path().strip_prefix(self.inner.base_path.as_str()) != Some(request.path.as_str()) {
            return Err(invalid("the path would change when parsed as a URL (a dot segment?)".into()));
        }
        let method = reqwest::Method::from(info.method);

        let mut headers = self.inner.base_headers.clone();
        for (name, value) in request.headers {
            headers.insert(header_name(&name).map_err(invalid)?, value);
        }
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for hook in &self.inner.hooks {
            hook(&info, &mut headers);
        }
        // After the hooks, so that no hook can read the token.
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }
        if !request.parts.is_empty() && !cfg!(feature = "multipart") {
            return Err(invalid(
                "the action sends a multipart body, which needs the runtime's `multipart` feature".into(),
            ));
        }
        Ok(Prepared { method, url, headers, body: request.body, parts: request.parts })
    }

    /// Sends the attempts the retry policy allows, until one gets a response
    /// that is not worth retrying, or the next wait would pass the deadline.
    async fn attempts<B>(
        &self,
        info: &ActionInfo,
        prepared: Prepared,
        options: &super::request::CallOptions,
        deadline: tokio::time::Instant,
        attempt_timeout: Option<Duration>,
        span: &tracing::Span,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), Error<B>> {
        let action = info.id;
        let policy = options.retry.as_ref().or(self.inner.retry.as_ref());
        let attempts = policy.map_or(1, |p| p.attempts_for(info.method));
        let limit = self.inner.max_response_body;
        // A request without multipart parts is built once: a retry sends a
        // copy, and the last (usually the only) attempt sends the original.
        // A multipart body is a stream, which cannot be copied, so it is
        // built again for each attempt.
        let Prepared { method, url, mut headers, body, parts } = prepared;
        let mut original = parts.is_empty().then(|| {
            let mut request = reqwest::Request::new(method.clone(), url.clone());
            // Only a multipart request needs the headers again.
            *request.headers_mut() = std::mem::take(&mut headers);
            *request.timeout_mut() = attempt_timeout;
            *request.body_mut() = body.map(reqwest::Body::from);
            request
        });
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let last = attempt >= attempts;
            let next = match original.take() {
                Some(request) if last => request,
                Some(request) => {
                    // A body from bytes can always be copied.
                    let copy = request.try_clone();
                    original = Some(request);
                    copy.ok_or_else(|| Error::InvalidRequest {
                        action,
                        reason: "the request cannot be copied to retry it".into(),
                    })?
                }
                None => {
                    let builder = self.inner.http.request(method.clone(), url.clone()).headers(headers.clone());
                    let builder = match attempt_timeout {
                        Some(timeout) => builder.timeout(timeout),
                        None => builder,
                    };
                    multipart(builder, parts.clone(), action)?
                        .build()
                        .map_err(|source| Error::Transport { action, source: source.without_url() })?
                }
            };
            let sent = self.attempt(info, next, limit).instrument(span.clone()).await;
            let finish =
                |sent: Result<_, AttemptError>| sent.map_err(|e| e.into_error(action, attempt_timeout, attempt, limit));
            let (retryable, retry_after) = match &sent {
                Ok((status, headers, _)) => {
                    span.record("status", status);
                    (retry::RETRIED_STATUSES.contains(status), retry::retry_after(headers))
                }
                Err(e) => (e.retryable(), None),
            };
            if last || !retryable {
                return finish(sent);
            }
            let wait = policy.map(|p| p.backoff(attempt, retry_after)).unwrap_or_default();
            if tokio::time::Instant::now() + wait >= deadline {
                // Waiting would pass the deadline: what this attempt got is
                // more telling than a timeout.
                tracing::debug!(parent: span, ?wait, "not retrying: the wait would pass the call's deadline");
                return finish(sent);
            }
            match &sent {
                Ok((status, ..)) => tracing::debug!(parent: span, status, ?wait, "retrying after a retryable status"),
                Err(AttemptError::Send(e) | AttemptError::Body(e)) => {
                    tracing::debug!(parent: span, error = %e, ?wait, "retrying after a failed attempt");
                }
                Err(_) => {}
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt: send, read the head, read the body up to `limit` bytes.
    async fn attempt(
        &self,
        info: &ActionInfo,
        request: reqwest::Request,
        limit: usize,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), AttemptError> {
        let response = self.execute(info, request).await?;
        read_body(response, limit).await
    }

    /// Sends a request and waits for the response's head, or, for a mocked
    /// client, asks its mocks instead (the seam of the `mock` module, whose
    /// docs give its contract): what comes back is a response either way,
    /// read and judged by the same code.
    async fn execute(
        &self,
        #[cfg_attr(not(feature = "mock"), expect(unused_variables))] info: &ActionInfo,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, AttemptError> {
        #[cfg(feature = "mock")]
        if let Some(mocks) = &self.inner.mocks {
            return mocks.answer(info, &self.inner.base_path, &request).map_err(AttemptError::NoMockRule);
        }
        self.inner.http.execute(request).await.map_err(AttemptError::Send)
    }

    /// The API's facts (secret fields, for excerpts).
    #[cfg(feature = "sse")]
    pub(crate) fn api(&self) -> &'static ApiInfo {
        self.inner.api
    }

    /// Opens one connection of a stream of server-sent events: prepares the
    /// request (the same local checks as [`call`](Self::call)), asks for
    /// `text/event-stream` with the last event id seen, and waits for the
    /// response head within the call's deadline. A success status with an
    /// event stream is returned unread; anything else is an error, with
    /// whether another connection may help and the server's `Retry-After`.
    #[cfg(feature = "sse")]
    pub(crate) async fn open_stream<B: DeserializeOwned>(
        &self,
        request: Request,
        last_event_id: Option<&str>,
    ) -> Result<reqwest::Response, (Error<B>, bool, Option<Duration>)> {
        use reqwest::header::{ACCEPT, CACHE_CONTROL};
        let info = request.info;
        let action = info.id;
        let deadline = request.options.timeout.unwrap_or(self.inner.timeout);
        let prepared = self.prepare(request).map_err(|e| (e, false, None))?;
        let mut next = reqwest::Request::new(prepared.method, prepared.url);
        *next.headers_mut() = prepared.headers;
        let headers = next.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Some(id) = last_event_id {
            // Ids come from the server's own stream; one that cannot be a
            // header value (a control character) is not sent back.
            if let Ok(value) = HeaderValue::from_str(id) {
                headers.insert(HeaderName::from_static("last-event-id"), value);
            }
        }
        let response = match tokio::time::timeout(deadline, self.execute(&info, next)).await {
            Err(_) => return Err((Error::Timeout { action, timeout: deadline }, true, None)),
            Ok(Err(retryable)) => {
                let again = retryable.retryable();
                return Err((retryable.into_error(action, None, 1, self.inner.max_response_body), again, None));
            }
            Ok(Ok(response)) => response,
        };
        let status = response.status().as_u16();
        if (200..=299).contains(&status) {
            let content_type =
                response.headers().get(CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let content_type = content_type.unwrap_or_default();
            let essence = content_type.split(';').next().unwrap_or_default().trim();
            if !essence.eq_ignore_ascii_case("text/event-stream") {
                return Err((Error::NotEventStream { action, status, content_type }, false, None));
            }
            return Ok(response);
        }
        let limit = self.inner.max_response_body;
        let (status, headers, body) = match tokio::time::timeout(deadline, read_body(response, limit)).await {
            Err(_) => return Err((Error::Timeout { action, timeout: deadline }, true, None)),
            Ok(Err(e)) => {
                let again = e.retryable();
                return Err((e.into_error(action, None, 1, limit), again, None));
            }
            Ok(Ok(read)) => read,
        };
        let again = retry::RETRIED_STATUSES.contains(&status);
        let retry_after = retry::retry_after(&headers);
        let error = self.status_error(&info, status, headers, body);
        Err((error, again, retry_after))
    }
}

/// Reads a response's status, headers (credentials marked sensitive) and
/// body, up to `limit` bytes.
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<(u16, HeaderMap, bytes::Bytes), AttemptError> {
    let status = response.status().as_u16();
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(AttemptError::TooLarge { status });
    }
    // The length is known without them: the headers move out rather than
    // being copied.
    let mut headers = std::mem::take(response.headers_mut());
    response::mark_sensitive(&mut headers);
    // Most bodies arrive as one chunk, which is kept as it is; only a
    // body in several chunks is copied together, into a buffer sized by
    // `Content-Length` when the server sent one.
    let mut first: Option<bytes::Bytes> = None;
    let mut joined = bytes::BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(AttemptError::Body)? {
        let received = joined.len() + first.as_ref().map_or(0, bytes::Bytes::len) + chunk.len();
        if received > limit {
            return Err(AttemptError::TooLarge { status });
        }
        if first.is_none() && joined.is_empty() {
            first = Some(chunk);
            continue;
        }
        if let Some(first) = first.take() {
            let expected = response.content_length().map_or(0, |length| length as usize);
            joined.reserve(expected.max(received));
            joined.extend_from_slice(&first);
        }
        joined.extend_from_slice(&chunk);
    }
    Ok((status, headers, first.unwrap_or_else(|| joined.freeze())))
}

#[cfg(feature = "multipart")]
fn multipart<B>(
    builder: reqwest::RequestBuilder,
    parts: Vec<(&'static str, super::request::Part)>,
    action: &'static str,
) -> Result<reqwest::RequestBuilder, Error<B>> {
    use super::request::Part;
    let mut form = reqwest::multipart::Form::new();
    for (name, part) in parts {
        form = match part {
            Part::Text(text) => form.text(name, text),
            Part::File(file) => {
                // As the official JS client (form-data, mime-types) does:
                // the type of the name's extension, else octet-stream.
                let content_type = match file.content_type {
                    Some(content_type) => content_type,
                    None => mime_guess::from_path(&file.file_name).first_or_octet_stream().essence_str().to_owned(),
                };
                let part = reqwest::multipart::Part::bytes(file.bytes).file_name(file.file_name);
                let part = part.mime_str(&content_type).map_err(|e| Error::InvalidParameter {
                    action,
                    param: name,
                    reason: format!("invalid content type `{content_type}`: {e}"),
                })?;
                form.part(name, part)
            }
        };
    }
    Ok(builder.multipart(form))
}

/// Without the `multipart` feature only text parts exist, and there is no
/// form encoder: a spec with multipart params needs the feature.
#[cfg(not(feature = "multipart"))]
fn multipart<B>(
    _builder: reqwest::RequestBuilder,
    _parts: Vec<(&'static str, super::request::Part)>,
    action: &'static str,
) -> Result<reqwest::RequestBuilder, Error<B>> {
    Err(Error::InvalidRequest {
        action,
        reason: "the action sends a multipart body, which needs the runtime's `multipart` feature".into(),
    })
}

fn header_name(name: &str) -> Result<HeaderName, String> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|e| format!("invalid header name `{name}`: {e}"))
}

/// The largest response body a client reads unless the builder says
/// otherwise: 64 MiB. A larger body fails with [`Error::BodyTooLarge`]
/// rather than exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

/// `url` with anything between the scheme and an `@` in the authority
/// replaced, so that a URL quoted in a message never shows credentials.
fn redact_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.into() };
    let authority_end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    match url[scheme_end..authority_end].rfind('@') {
        Some(at) => format!("{}<redacted>{}", &url[..scheme_end], &url[scheme_end + at..]).into(),
        None => url.into(),
    }
}

/// Configures a client. `C` is the generated client type it builds and `B`
/// the error body type of its API; generated code names the whole
/// `ClientBuilder` and starts it from its own `Client::builder()`.
#[must_use]
pub struct ClientBuilder<C, B = serde_json::Value> {
    api: &'static ApiInfo,
    token: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    scopes: Option<Vec<String>>,
    retry: Option<RetryPolicy>,
    hooks: Vec<RequestHook>,
    attempt_timeout: Option<Duration>,
    max_response_body: Option<usize>,
    #[cfg(feature = "mock")]
    mocks: Option<crate::mock::Mocks>,
    _builds: PhantomData<fn() -> (C, B)>,
}

impl<C, B> fmt::Debug for ClientBuilder<C, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.name)
            .field("token", &self.token)
            .field("base_url", &self.base_url.as_deref().map(redact_userinfo))
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("max_response_body", &self.max_response_body)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("http", &self.http)
            .field("scopes", &self.scopes)
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

impl<C: From<Client>, B> ClientBuilder<C, B> {
    /// Starts configuring a client for an API.
    pub fn new(api: &'static ApiInfo) -> Self {
        ClientBuilder {
            api,
            token: None,
            base_url: None,
            timeout: None,
            connect_timeout: None,
            user_agent: None,
            http: None,
            scopes: None,
            retry: None,
            hooks: Vec::new(),
            attempt_timeout: None,
            max_response_body: None,
            #[cfg(feature = "mock")]
            mocks: None,
            _builds: PhantomData,
        }
    }

    /// The API token sent as a bearer token. Without one, only actions that
    /// need no authentication can be called. An empty token is refused by
    /// [`build`](Self::build).
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Where requests go (default: the spec's base URL). A path prefix is
    /// kept; a trailing slash is dropped. Credentials in the URL
    /// (`user:password@`) are refused: the token goes in the
    /// `Authorization` header, which is never logged.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The deadline of a call (default [`DEFAULT_TIMEOUT`]): how long it
    /// may take in all, from the first attempt to the last byte of the
    /// response, every retry and every wait between attempts included. A
    /// retry whose wait would pass the deadline is not made; the call then
    /// fails with what the last attempt got. When it runs out, the call
    /// fails with [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the last byte of the
    /// response (default: none, each attempt may take what is left of the
    /// call's [`timeout`](Self::timeout)). An attempt that runs out of time
    /// is retried like a dropped connection, when the retry policy allows;
    /// the last one fails with [`Error::AttemptTimeout`].
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The largest response body the client reads, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`], 64 MiB). A response announcing a larger
    /// `Content-Length`, or sending more, fails with
    /// [`Error::BodyTooLarge`] as soon as that is known, and what was read
    /// is dropped. Error bodies count too.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// How long connecting may take (default [`DEFAULT_CONNECT_TIMEOUT`]).
    /// Ignored with [`http_client`](Self::http_client), whose own settings
    /// apply.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default `<crate>-rust/<version>` of the
    /// runtime).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends requests through a prepared `reqwest::Client` (proxies, TLS
    /// roots, connection pool). The client's timeout still applies per call.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Declares the scopes of the token. A call that none of them allows
    /// then fails with [`Error::ScopeDenied`] before anything is sent,
    /// naming the scopes that would allow it.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Retries failed calls as the policy says (default: no retries). A
    /// call's own policy, set on its request builder, takes precedence.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Runs `hook` on the headers of every request before it is sent, for a
    /// request id or a header of the caller's. The token is added after the
    /// hooks run, so they never see it.
    pub fn on_request(mut self, hook: impl Fn(&ActionInfo, &mut HeaderMap) + Send + Sync + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Answers every request of the client with `mocks` instead of the
    /// network (the `mock` feature): nothing is sent and no socket is
    /// opened; everything else, from the local checks to decoding, runs as
    /// in production (see the `mock` module for the contract). An HTTP
    /// client or connect timeout set on the builder goes unused; the base
    /// URL, token, scopes, hooks, timeouts, retry policy and body limit
    /// apply.
    #[cfg(feature = "mock")]
    pub fn mock(mut self, mocks: &crate::mock::Mocks) -> Self {
        self.mocks = Some(mocks.clone());
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not http(s) or carries
    /// credentials, an empty token, a token or user agent that cannot be a
    /// header value, or an HTTP client that cannot be built (no TLS backend,
    /// for instance). Messages never quote the token, nor credentials in
    /// the base URL.
    pub fn build(self) -> Result<C, Error<B>> {
        let config = |reason: String| Error::Config { reason };
        let base_url = self.base_url.unwrap_or_else(|| self.api.default_base_url.to_owned());
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| config(format!("invalid base URL `{}`: {e}", redact_userinfo(&base_url))))?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(config(format!(
                "the base URL `{}` carries credentials; set the token with `token` instead",
                redact_userinfo(&base_url)
            )));
        }
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(config(format!("the base URL `{base_url}` must be http(s), without query or fragment")));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        let base_path = parsed.path().trim_end_matches('/').to_owned();
        let authorization = match (&self.token, self.api.auth) {
            (Some(token), _) if token.expose().trim().is_empty() => {
                return Err(config("the token is empty; leave it unset for actions that need none".into()));
            }
            (Some(token), AuthScheme::Bearer) => {
                let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| config("the token contains characters that cannot go in a header".into()))?;
                value.set_sensitive(true);
                Some(value)
            }
            (None, _) => None,
        };
        let user_agent = self.user_agent.unwrap_or_else(|| self.api.user_agent.to_owned());
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|e| config(format!("invalid user agent: {e}")))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| config(format!("cannot build the HTTP client: {e}")))?,
        };
        let mut base_headers = HeaderMap::new();
        for (name, value) in self.api.headers {
            base_headers.insert(header_name(name).map_err(config)?, HeaderValue::from_static(value));
        }
        base_headers.insert(USER_AGENT, user_agent.clone());
        let client = Client {
            inner: Arc::new(Inner {
                api: self.api,
                scopes: self.scopes,
                retry: self.retry,
                hooks: self.hooks,
                http,
                base_url,
                base_path,
                authorization,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                attempt_timeout: self.attempt_timeout,
                max_response_body: self.max_response_body.unwrap_or(DEFAULT_MAX_RESPONSE_BODY),
                user_agent,
                base_headers,
                #[cfg(feature = "mock")]
                mocks: self.mocks,
            }),
        };
        Ok(C::from(client))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static API: ApiInfo = ApiInfo {
        name: "Things API",
        version: "1",
        default_base_url: "http://127.0.0.1:9",
        headers: &[],
        auth: AuthScheme::Bearer,
        user_agent: "things-rust/1",
        secret_fields: &[],
        error_schemas: &[],
    };

    static INFO: ActionInfo = ActionInfo {
        id: "things.get",
        resource: "things",
        action: "get",
        method: crate::Method::Get,
        path: "/things/{a}{b}",
        summary: "",
        auth: false,
        scopes: &[],
        error_statuses: &[],
    };

    /// What a call of `request` fails with before anything is sent (the base
    /// URL's port is discard, where nothing should listen).
    fn refused(base_url: &str, request: Request) -> String {
        let client: Client = ClientBuilder::<Client>::new(&API).base_url(base_url).build().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let error = runtime.block_on(client.call::<serde_json::Value>(request)).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        error.to_string()
    }

    #[test]
    fn a_path_that_parsing_would_change_is_never_sent() {
        // Path params cannot form a dot segment (`path_param` refuses `.`
        // and `..`, and encodes `%`); template text is checked by the
        // generator. This is the last line: whatever URL parsing would
        // normalize is refused.
        for path in ["/things/./x", "/things/../x", "/things/%2e%2E/x", "/things/x/.."] {
            for base in ["http://127.0.0.1:9", "http://127.0.0.1:9/prefix/"] {
                let mut request = Request::new(&INFO);
                request.path(path);
                assert_eq!(
                    refused(base, request),
                    "things.get: the path would change when parsed as a URL (a dot segment?); nothing was sent",
                    "{base} {path}"
                );
            }
        }
    }

    #[test]
    fn credentials_in_urls_are_redacted() {
        let redact_userinfo = super::redact_userinfo;
        assert_eq!(redact_userinfo("http://user:TOKEN@host:1/p?q#f"), "http://<redacted>@host:1/p?q#f");
        assert_eq!(redact_userinfo("https://TOKEN@host"), "https://<redacted>@host");
        assert_eq!(redact_userinfo("http://host/p@q"), "http://host/p@q");
        assert_eq!(redact_userinfo("not a url"), "not a url");
    }
}
