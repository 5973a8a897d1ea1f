//! The one error type of the client.

use std::fmt;
use std::time::Duration;

use super::details::Details;

/// Everything that can go wrong with a call. `B` is the type error bodies
/// decode into (the spec's error schema); generated clients name
/// `Error<TheirErrorBody>` simply `Error`.
///
/// No variant ever contains the client's token: it travels only in the
/// `Authorization` header, which is marked sensitive, and bodies quoted in
/// messages have their secret fields redacted.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<B = serde_json::Value> {
    /// The server answered with an error status (4xx or 5xx).
    Api(Box<ApiError<B>>),
    /// The call did not complete within its deadline
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)), which
    /// covers every attempt and every wait between attempts.
    Timeout {
        /// The action's id.
        action: &'static str,
        /// The deadline that ran out.
        timeout: Duration,
    },
    /// The last attempt got no complete response within the per-attempt
    /// timeout ([`ClientBuilder::attempt_timeout`](crate::ClientBuilder::attempt_timeout)).
    AttemptTimeout {
        /// The action's id.
        action: &'static str,
        /// The per-attempt timeout that ran out.
        timeout: Duration,
        /// The attempts made.
        attempts: u32,
    },
    /// The request could not be sent or the response not read: connection
    /// refused or reset, DNS, TLS, a redirect loop, a body cut short.
    Transport {
        /// The action's id.
        action: &'static str,
        /// What reqwest reported, without the URL (which can be long, and
        /// carries the caller's params).
        source: reqwest::Error,
    },
    /// A success response whose body does not match the documented schema.
    Decode {
        /// The action's id.
        action: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// The start of the body, with secret fields redacted.
        excerpt: String,
        /// What the decoder reported.
        source: serde_json::Error,
    },
    /// The response body is larger than the client accepts
    /// ([`ClientBuilder::max_response_body`](crate::ClientBuilder::max_response_body)),
    /// or, for a stream of server-sent events, one event is. The body was not
    /// kept.
    BodyTooLarge {
        /// The action's id.
        action: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The server answered with a status that is neither a success nor an
    /// error: 1xx, a 3xx that was not followed (no `Location`, or a 304), or
    /// a status outside 100 to 599.
    UnexpectedStatus {
        /// The action's id.
        action: &'static str,
        /// The HTTP status.
        status: u16,
        /// The start of the body, with secret fields redacted.
        excerpt: String,
    },
    /// A param value that cannot be sent (an empty path segment or a dot
    /// segment, a header value with a line break, a body that does not
    /// serialize, a value over its documented limits). Nothing was sent.
    InvalidParameter {
        /// The action's id.
        action: &'static str,
        /// The param's documented name.
        param: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// The request as a whole cannot be sent as the client would send it
    /// (a URL over the length limit, a multipart body without the
    /// `multipart` feature). Nothing was sent.
    InvalidRequest {
        /// The action's id.
        action: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The scopes declared on the client allow none of the scopes the action
    /// needs. Nothing was sent.
    ScopeDenied {
        /// The action's id.
        action: &'static str,
        /// The scopes of which the action needs one.
        allowed: &'static [&'static str],
        /// The scopes declared on the client.
        granted: Vec<String>,
    },
    /// A stream of pages fetched its limit of pages and the server still
    /// returned full ones.
    PageLimit {
        /// The action's id.
        action: &'static str,
        /// The number of pages fetched.
        limit: u32,
    },
    /// The action needs a token and the client was built without one.
    /// Nothing was sent.
    MissingToken {
        /// The action's id.
        action: &'static str,
    },
    /// A blocking call (`send_blocking`, `pages_blocking`) was made where it
    /// would block an async runtime's own thread: call `send().await`
    /// instead. Nothing was sent.
    BlockingInAsync {
        /// The action's id.
        action: &'static str,
    },
    /// The background runtime for blocking calls could not start. Nothing was
    /// sent.
    BlockingRuntime {
        /// The action's id.
        action: &'static str,
        /// What tokio reported.
        reason: String,
    },
    /// A stream of server-sent events got no byte within its idle timeout
    /// (the `sse` feature), and its retry policy allowed no reconnection.
    IdleTimeout {
        /// The action's id.
        action: &'static str,
        /// The idle timeout that ran out.
        timeout: Duration,
    },
    /// A stream of server-sent events got a success status whose body is not
    /// `text/event-stream` (the `sse` feature).
    NotEventStream {
        /// The action's id.
        action: &'static str,
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` the server sent (empty when none).
        content_type: String,
    },
    /// A mocked client (the `mock` feature) had no rule that answers the
    /// request: none for the action, none whose matchers accept it, or none
    /// with an answer left. Nothing was sent (a mocked client never sends),
    /// and the call is not retried.
    #[cfg(feature = "mock")]
    NoMockRule {
        /// The action's id.
        action: &'static str,
        /// The request, and why no rule answers it.
        reason: String,
    },
    /// The client could not be built (an invalid base URL, say).
    Config {
        /// What is wrong.
        reason: String,
    },
}

impl<B> Error<B> {
    /// The HTTP status, for errors that got a response ([`Error::Api`],
    /// [`Error::Decode`], [`Error::BodyTooLarge`], [`Error::UnexpectedStatus`],
    /// [`Error::NotEventStream`]).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. }
            | Error::BodyTooLarge { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::NotEventStream { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API error, when the server answered with an error status.
    pub fn as_api(&self) -> Option<&ApiError<B>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the call ran out of time: its deadline, or the per-attempt
    /// timeout of its last attempt.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. } | Error::AttemptTimeout { .. } | Error::IdleTimeout { .. })
    }

    /// The id of the action that failed (`raw` for a raw call); `None` only
    /// for [`Error::Config`], which no call raises.
    pub fn action(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.action),
            Error::Timeout { action, .. }
            | Error::AttemptTimeout { action, .. }
            | Error::Transport { action, .. }
            | Error::Decode { action, .. }
            | Error::BodyTooLarge { action, .. }
            | Error::UnexpectedStatus { action, .. }
            | Error::InvalidParameter { action, .. }
            | Error::InvalidRequest { action, .. }
            | Error::ScopeDenied { action, .. }
            | Error::PageLimit { action, .. }
            | Error::MissingToken { action }
            | Error::BlockingInAsync { action }
            | Error::BlockingRuntime { action, .. }
            | Error::IdleTimeout { action, .. }
            | Error::NotEventStream { action, .. } => Some(action),
            #[cfg(feature = "mock")]
            Error::NoMockRule { action, .. } => Some(action),
            Error::Config { .. } => None,
        }
    }

    /// The headers of the error response, for [`Error::Api`] (see
    /// [`ApiError::headers`]).
    pub fn headers(&self) -> Option<&reqwest::header::HeaderMap> {
        self.as_api().map(ApiError::headers)
    }

    /// How long the server asked to wait before trying again, for an
    /// [`Error::Api`] whose response had a `Retry-After` header (see
    /// [`ApiError::retry_after`]).
    pub fn retry_after(&self) -> Option<Duration> {
        self.as_api().and_then(ApiError::retry_after)
    }

    /// Whether the server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether the server answered 429 Too Many Requests: wait
    /// [`retry_after`](Self::retry_after) (when given) and send again.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
    }

    /// Whether the server answered with a 4xx status: the request as sent
    /// was refused (errors found before sending are other variants).
    pub fn is_client_error(&self) -> bool {
        self.status().is_some_and(|status| (400..=499).contains(&status))
    }

    /// Whether the server answered with a 5xx status.
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|status| (500..=599).contains(&status))
    }

    /// Whether the same request may succeed if sent again later: what a
    /// [`RetryPolicy`](crate::RetryPolicy) retries. The statuses 429, 502,
    /// 503 and 504, a failed connection or a response cut short
    /// ([`Error::Transport`], but for a redirect loop), and running out of
    /// time.
    ///
    /// It says nothing about whether sending again is safe: a POST or PATCH
    /// that failed after the server acted on it would act twice (see
    /// [`Method::is_idempotent`](crate::Method::is_idempotent)).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.is_retryable(),
            Error::Transport { source, .. } => !source.is_redirect() && !source.is_builder(),
            Error::Timeout { .. } | Error::AttemptTimeout { .. } | Error::IdleTimeout { .. } => true,
            _ => false,
        }
    }
}

impl<B> fmt::Display for Error<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Timeout { action, timeout } => {
                write!(f, "{action}: no complete response within the call's deadline of {timeout:?}")
            }
            Error::AttemptTimeout { action, timeout, attempts } => write!(
                f,
                "{action}: no complete response within the per-attempt timeout of {timeout:?} \
                 ({attempts} attempt{} in all)",
                if *attempts == 1 { "" } else { "s" }
            ),
            Error::Transport { action, source } => write!(f, "{action}: the request failed: {source}"),
            Error::Decode { action, status, excerpt, source } => write!(
                f,
                "{action}: cannot decode the HTTP {status} response: {source}; the body starts with: {excerpt}"
            ),
            Error::BodyTooLarge { action, status, limit } => write!(
                f,
                "{action}: the HTTP {status} response body is larger than the limit of {limit} bytes \
                 (raise it with `ClientBuilder::max_response_body`)"
            ),
            Error::UnexpectedStatus { action, status, excerpt } => {
                write!(f, "{action}: unexpected HTTP status {status}, neither a success nor an error")?;
                if !excerpt.is_empty() {
                    write!(f, ": {excerpt}")?;
                }
                Ok(())
            }
            Error::InvalidParameter { action, param, reason } => {
                write!(f, "{action}: invalid value for `{param}`: {reason}; nothing was sent")
            }
            Error::InvalidRequest { action, reason } => write!(f, "{action}: {reason}; nothing was sent"),
            Error::ScopeDenied { action, allowed, granted } => write!(
                f,
                "{action} needs a token with one of the scopes {}; the client's token has {}; nothing was sent",
                allowed.join(", "),
                if granted.is_empty() { "none".to_owned() } else { granted.join(", ") }
            ),
            Error::PageLimit { action, limit } => {
                write!(f, "{action}: stopped after {limit} pages, the limit; the server kept returning full pages")
            }
            Error::MissingToken { action } => write!(
                f,
                "{action} needs an API token, but the client has none; nothing was sent \
                 (set one with `ClientBuilder::token`)"
            ),
            Error::BlockingInAsync { action } => write!(
                f,
                "{action}: a blocking call on the thread of a current-thread async runtime would block it; \
                 use `send().await`, or call it from `tokio::task::spawn_blocking`; nothing was sent"
            ),
            Error::BlockingRuntime { action, reason } => {
                write!(f, "{action}: cannot start the runtime for blocking calls: {reason}; nothing was sent")
            }
            Error::IdleTimeout { action, timeout } => {
                write!(f, "{action}: the event stream sent nothing within its idle timeout of {timeout:?}")
            }
            Error::NotEventStream { action, status, content_type } => write!(
                f,
                "{action}: expected an event stream (`text/event-stream`), got HTTP {status} with content type `{}`",
                super::request::cut(content_type)
            ),
            #[cfg(feature = "mock")]
            Error::NoMockRule { action, reason } => write!(f, "{action}: {reason}; nothing was sent"),
            Error::Config { reason } => write!(f, "cannot build the client: {reason}"),
        }
    }
}

impl<B: fmt::Debug> std::error::Error for Error<B> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An error status from the server.
///
/// The body is kept whole (it is bounded by the client's
/// [`max_response_body`](crate::ClientBuilder::max_response_body)):
/// [`body`](Self::body) is the decoded error body, [`raw_body`](Self::raw_body)
/// the bytes as sent. When the action documents a schema of its own for the
/// status (a 422 listing validation errors, say), [`details`](Self::details)
/// is the body decoded into that schema's type. `Display` and `Debug` show only an excerpt of the raw
/// body, at most [`EXCERPT_BYTES`](crate::EXCERPT_BYTES) bytes, with the
/// values of the API's secret fields redacted.
///
/// The response's headers are kept ([`headers`](Self::headers)), with the
/// server's `Retry-After` read once as a wait ([`retry_after`](Self::retry_after)).
/// `Debug` shows them, but never the values of headers that carry
/// credentials (see [`is_sensitive_header`](crate::is_sensitive_header));
/// `Display` shows none.
#[derive(Clone)]
pub struct ApiError<B = serde_json::Value> {
    pub(crate) action: &'static str,
    pub(crate) status: u16,
    /// The response's headers, credentials marked sensitive.
    pub(crate) headers: reqwest::header::HeaderMap,
    /// The response's `Retry-After`, as a wait from when it arrived.
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Option<B>,
    pub(crate) raw: bytes::Bytes,
    pub(crate) secret_fields: &'static [&'static str],
    /// The schema the action documents for the status, when it is not the
    /// API's error schema.
    pub(crate) schema: Option<&'static str>,
    /// The body decoded into that schema, when it decodes.
    pub(crate) details: Option<Details>,
}

impl<B> ApiError<B> {
    /// The action's id.
    pub fn action(&self) -> &'static str {
        self.action
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error response's headers, as received (names in lower case; the
    /// values of headers that carry credentials are marked sensitive, so
    /// that `Debug` hides them).
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The first value of the header `name` (any case), when the server
    /// sent it and it is visible ASCII text.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::response::header(&self.headers, name)
    }

    /// How long the server asked to wait before trying again, from when the
    /// response arrived: its `Retry-After` header, in seconds or as an HTTP
    /// date (a date already past is a zero wait). `None` when the server
    /// sent none, or one of neither form.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Whether the status is 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }

    /// Whether the status is 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429
    }

    /// Whether the status is one a [`RetryPolicy`](crate::RetryPolicy)
    /// retries: 429, 502, 503 or 504.
    pub fn is_retryable(&self) -> bool {
        crate::retry::RETRIED_STATUSES.contains(&self.status)
    }

    /// The body decoded as the API's error schema, whatever the status,
    /// when the server sent one that decodes.
    pub fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

    /// The documented name of the schema of this status's body, when the
    /// action documents one other than the API's error schema (then
    /// [`details`](Self::details) has the body in that schema's type).
    pub fn schema(&self) -> Option<&'static str> {
        self.schema
    }

    /// The body decoded into the schema the action documents for this
    /// status, when that is not the API's error schema: `T` is that schema's
    /// generated type, which the action's documentation names.
    ///
    /// `None` when `T` is another type, when the status is documented with
    /// the API's error schema or not at all (then [`body`](Self::body) is
    /// the decoded body), and when the body does not decode into the
    /// schema (its bytes are still in [`raw_bytes`](Self::raw_bytes)).
    pub fn details<T: std::any::Any>(&self) -> Option<&T> {
        self.details.as_ref().and_then(super::details::downcast)
    }

    /// The whole body as sent, lossily decoded as UTF-8, JSON or not. Unlike
    /// the error's `Display` and `Debug`, it is neither cut nor redacted:
    /// do not log it.
    pub fn raw_body(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.raw)
    }

    /// The whole body as sent, as bytes. Neither cut nor redacted.
    pub fn raw_bytes(&self) -> &[u8] {
        &self.raw
    }

    /// The start of the body, with secret fields redacted: what `Display`
    /// and `Debug` show.
    pub fn excerpt(&self) -> String {
        super::request::excerpt(&self.raw, self.secret_fields)
    }
}

impl<B: fmt::Debug> fmt::Debug for ApiError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("ApiError");
        // The decoded body keeps keys its schema does not declare, so it has
        // no size bound either: it is shown cut to the excerpt's length.
        let body = bounded_debug(&self.body, crate::EXCERPT_BYTES);
        out.field("action", &self.action).field("status", &self.status).field("body", &format_args!("{body}"));
        // Only for the statuses that have a schema of their own, so that the
        // common error reads as it always has. The decoded details are not
        // printed: they have no size bound (the excerpt below has).
        if let Some(schema) = self.schema {
            out.field("schema", &schema).field("has_details", &self.details.is_some());
        }
        // Credentials are marked sensitive, which the map prints as
        // `Sensitive`.
        out.field("headers", &self.headers).field("raw_excerpt", &self.excerpt()).finish()
    }
}

/// `value`'s `Debug` text, cut after `limit` bytes (on a character
/// boundary, marked with `…`), without formatting the rest.
fn bounded_debug(value: &dyn fmt::Debug, limit: usize) -> String {
    struct Limited {
        text: String,
        limit: usize,
    }
    impl fmt::Write for Limited {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let room = self.limit - self.text.len();
            if s.len() <= room {
                self.text.push_str(s);
                return Ok(());
            }
            let mut end = room;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            self.text.push_str(&s[..end]);
            // An error stops the formatting of the rest.
            Err(fmt::Error)
        }
    }
    let mut out = Limited { text: String::new(), limit };
    if fmt::write(&mut out, format_args!("{value:?}")).is_err() {
        out.text.push('…');
    }
    out.text
}

impl<B> fmt::Display for ApiError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.action, self.status)?;
        // Most APIs' error bodies carry a kind and a message; show them when
        // present (cut to the excerpt's length), else the start of the raw
        // body with its secrets redacted.
        let json = serde_json::from_slice::<serde_json::Value>(&self.raw).ok().map(|mut json| {
            super::request::redact(&mut json, self.secret_fields);
            json
        });
        let field =
            |name: &str| json.as_ref().and_then(|j| j.get(name)).and_then(|v| v.as_str()).map(super::request::cut);
        match (field("type"), field("message")) {
            (Some(kind), Some(message)) => write!(f, ": {kind}: {message}"),
            (None, Some(message)) => write!(f, ": {message}"),
            _ if self.raw.trim_ascii().is_empty() => Ok(()),
            _ => write!(f, ": {}", self.excerpt()),
        }
    }
}

impl<B: fmt::Debug> std::error::Error for ApiError<B> {}

/// A param value that cannot be sent; becomes [`Error::InvalidParameter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParameter {
    /// The action's id.
    pub action: &'static str,
    /// The param's documented name.
    pub param: &'static str,
    /// What is wrong with the value.
    pub reason: String,
}

impl<B> From<InvalidParameter> for Error<B> {
    fn from(e: InvalidParameter) -> Self {
        Error::InvalidParameter { action: e.action, param: e.param, reason: e.reason }
    }
}

#[cfg(test)]
mod tests {
    use super::bounded_debug;

    #[test]
    fn debug_text_is_cut_at_the_limit_on_a_character_boundary() {
        assert_eq!(bounded_debug(&"short", 64), "\"short\"");
        let long = vec!["é".repeat(10); 100];
        let cut = bounded_debug(&long, 32);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.len() <= 32 + '…'.len_utf8(), "{} bytes", cut.len());
        assert!(cut.starts_with("[\"éé"), "{cut}");
    }
}
