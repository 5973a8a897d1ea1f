//! The client: configuration, and sending requests.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;

use tracing::Instrument;

use super::request::excerpt;
use super::retry::{self, RetryPolicy};
use super::{ActionInfo, ApiError, ApiInfo, AuthScheme, Error, Request, Secret, scopes};

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
pub struct Response<B> {
    action: &'static str,
    status: u16,
    body: bytes::Bytes,
    secret_fields: &'static [&'static str],
    error_body: PhantomData<fn() -> B>,
}

impl<B> fmt::Debug for Response<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold secrets; its length is enough here.
        f.debug_struct("Response")
            .field("action", &self.action)
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl<B> Response<B> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes the body as `T`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the body is not a `T`.
    pub fn decode<T: DeserializeOwned>(self) -> Result<T, Error<B>> {
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
    ) -> Result<T, Error<B>> {
        decode(self.status, &self.body).map_err(|source| Error::Decode {
            action: self.action,
            status: self.status,
            excerpt: excerpt(&self.body, self.secret_fields),
            source,
        })
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
    authorization: Option<HeaderValue>,
    timeout: Duration,
    user_agent: HeaderValue,
    /// The API's fixed headers and the user agent, built once: every
    /// request starts from a copy.
    base_headers: HeaderMap,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.api.name)
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.authorization.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("user_agent", &self.inner.user_agent)
            .field("scopes", &self.inner.scopes)
            .field("retry", &self.inner.retry)
            .field("hooks", &self.inner.hooks.len())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The timeout of each call.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Sends a request; a success status comes back as an undecoded
    /// [`Response`], an error status as [`Error::Api`].
    ///
    /// This is the runtime's contract with generated code; callers use the
    /// request builders' `send` instead. It is not generic over the type of
    /// the success body, so the sending (and its large future) is compiled
    /// once per client crate rather than once per action; each action only
    /// decodes, with [`Response::decode`] or [`Response::decode_with`].
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn call<B: DeserializeOwned>(&self, request: Request) -> Result<Response<B>, Error<B>> {
        let action = request.info.id;
        let (status, body) = self.round_trip(request).await?;
        Ok(Response { action, status, body, secret_fields: self.inner.api.secret_fields, error_body: PhantomData })
    }

    /// Whether the client's declared scopes allow an action (always true
    /// when no scopes were declared).
    pub fn allows(&self, action: &ActionInfo) -> bool {
        !action.auth || self.inner.scopes.as_ref().is_none_or(|granted| scopes::allows(granted, action.scopes))
    }

    async fn round_trip<B: DeserializeOwned>(&self, request: Request) -> Result<(u16, bytes::Bytes), Error<B>> {
        let info = request.info;
        let action = info.id;
        let authorization = match (&self.inner.authorization, info.auth) {
            (Some(value), true) => Some(value.clone()),
            (None, true) => return Err(Error::MissingToken { action }),
            (_, false) => None,
        };
        if !self.allows(info) {
            let granted = self.inner.scopes.clone().unwrap_or_default();
            return Err(Error::ScopeDenied { action, allowed: info.scopes, granted });
        }
        let mut address =
            String::with_capacity(self.inner.base_url.len() + request.path.len() + request.query.len() + 1);
        address.push_str(&self.inner.base_url);
        address.push_str(&request.path);
        if !request.query.is_empty() {
            address.push('?');
            address.push_str(&request.query);
        }
        let url = reqwest::Url::parse(&address)
            .map_err(|e| Error::Config { reason: format!("cannot build the URL for {action}: {e}") })?;
        let method = reqwest::Method::from_bytes(info.method.as_bytes())
            .map_err(|e| Error::Config { reason: format!("{action} has an invalid method: {e}") })?;

        let mut headers = self.inner.base_headers.clone();
        for (name, value) in request.headers {
            headers.insert(header_name(name)?, value);
        }
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for hook in &self.inner.hooks {
            hook(info, &mut headers);
        }
        // After the hooks, so that no hook can read the token.
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }

        let timeout = request.options.timeout.unwrap_or(self.inner.timeout);
        let policy = request.options.retry.as_ref().or(self.inner.retry.as_ref());
        let attempts = policy.map_or(1, |p| p.attempts_for(info.method));
        let span = tracing::info_span!(
            "request",
            action = action,
            method = info.method,
            path = info.path,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        // A request without multipart parts is built once: a retry sends a
        // copy, and the last (usually the only) attempt sends the original.
        // A multipart body is a stream, which cannot be copied, so it is
        // built again for each attempt.
        let multipart_parts = (!request.parts.is_empty()).then_some(request.parts);
        let mut prepared = match &multipart_parts {
            Some(_) => None,
            None => {
                let mut prepared = reqwest::Request::new(method.clone(), url.clone());
                // Only a multipart request needs the headers again.
                *prepared.headers_mut() = std::mem::take(&mut headers);
                *prepared.timeout_mut() = Some(timeout);
                *prepared.body_mut() = request.body.map(reqwest::Body::from);
                Some(prepared)
            }
        };
        let started = std::time::Instant::now();
        let mut attempt = 0;
        let outcome = loop {
            attempt += 1;
            span.record("attempt", attempt);
            let last = attempt >= attempts;
            let next = match (prepared.take(), &multipart_parts) {
                (Some(original), _) if last => Ok(original),
                (Some(original), _) => {
                    let copy = original.try_clone();
                    prepared = Some(original);
                    copy.ok_or_else(|| Error::Config {
                        reason: format!("{action}: the request cannot be copied to retry"),
                    })
                }
                (None, Some(parts)) => {
                    let builder =
                        self.inner.http.request(method.clone(), url.clone()).timeout(timeout).headers(headers.clone());
                    match multipart(builder, parts.clone(), action)?.build() {
                        Ok(built) => Ok(built),
                        Err(source) => break Err(Error::Transport { action, source }),
                    }
                }
                (None, None) => {
                    Err(Error::Config { reason: format!("{action}: no request was prepared (a runtime bug)") })
                }
            };
            let next = match next {
                Ok(next) => next,
                Err(error) => break Err(error),
            };
            let sent = async {
                let response = self.inner.http.execute(next).await?;
                let status = response.status().as_u16();
                let retry_after = retry::retry_after(response.headers());
                let body = response.bytes().await?;
                Ok::<_, reqwest::Error>((status, retry_after, body))
            }
            .instrument(span.clone())
            .await;
            match sent {
                Ok((status, retry_after, body)) => {
                    span.record("status", status);
                    if !last && retry::RETRIED_STATUSES.contains(&status) {
                        let wait = policy.map(|p| p.backoff(attempt, retry_after)).unwrap_or_default();
                        tracing::debug!(parent: &span, status, ?wait, "retrying after a retryable status");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    break Ok((status, body));
                }
                Err(source)
                    if !last
                        && !source.is_timeout()
                        && (source.is_connect() || source.is_request() || source.is_body()) =>
                {
                    let wait = policy.map(|p| p.backoff(attempt, None)).unwrap_or_default();
                    tracing::debug!(parent: &span, error = %source, ?wait, "retrying after a connection error");
                    tokio::time::sleep(wait).await;
                }
                Err(source) if source.is_timeout() => break Err(Error::Timeout { action, timeout }),
                Err(source) => break Err(Error::Transport { action, source }),
            }
        };
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let (status, body) = outcome?;
        if (200..300).contains(&status) {
            return Ok((status, body));
        }
        let decoded = serde_json::from_slice::<B>(&body).ok();
        Err(Error::Api(Box::new(ApiError {
            action,
            status,
            body: decoded,
            raw: String::from_utf8_lossy(&body).into_owned(),
        })))
    }
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
                let mut part = reqwest::multipart::Part::bytes(file.bytes).file_name(file.file_name);
                if let Some(content_type) = &file.content_type {
                    part = part.mime_str(content_type).map_err(|e| Error::InvalidParameter {
                        action,
                        param: name,
                        reason: format!("invalid content type `{content_type}`: {e}"),
                    })?;
                }
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
    Err(Error::Config { reason: format!("{action} sends a multipart body: enable the runtime's `multipart` feature") })
}

fn header_name<B>(name: &str) -> Result<HeaderName, Error<B>> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|e| Error::Config { reason: format!("invalid header name `{name}`: {e}") })
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
    _builds: PhantomData<fn() -> (C, B)>,
}

impl<C, B> fmt::Debug for ClientBuilder<C, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.name)
            .field("token", &self.token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
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
            _builds: PhantomData,
        }
    }

    /// The API token sent as a bearer token. Without one, only actions that
    /// need no authentication can be called.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Where requests go (default: the spec's base URL). A path prefix is
    /// kept; a trailing slash is dropped.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long a call may take in all (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
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

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not http(s), a token or user
    /// agent that cannot be a header value, or an HTTP client that cannot be
    /// built (no TLS backend, for instance).
    pub fn build(self) -> Result<C, Error<B>> {
        let config = |reason: String| Error::Config { reason };
        let base_url = self.base_url.unwrap_or_else(|| self.api.default_base_url.to_owned());
        let parsed =
            reqwest::Url::parse(&base_url).map_err(|e| config(format!("invalid base URL `{base_url}`: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(config(format!("the base URL `{base_url}` must be http(s), without query or fragment")));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        let authorization = match (&self.token, self.api.auth) {
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
            base_headers.insert(header_name(name)?, HeaderValue::from_static(value));
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
                authorization,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                user_agent,
                base_headers,
            }),
        };
        Ok(C::from(client))
    }
}
