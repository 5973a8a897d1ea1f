//! The one error type of the client.

use std::fmt;
use std::time::Duration;

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
    /// No complete response arrived within the client's timeout.
    Timeout {
        /// The action's id.
        action: &'static str,
        /// The timeout that ran out.
        timeout: Duration,
    },
    /// The request could not be sent or the response not read: connection
    /// refused or reset, DNS, TLS, a redirect loop.
    Transport {
        /// The action's id.
        action: &'static str,
        /// What reqwest reported.
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
    /// A param value that cannot be sent (an empty path segment, a header
    /// value with a line break, a body that does not serialize). Nothing was
    /// sent.
    InvalidParameter {
        /// The action's id.
        action: &'static str,
        /// The param's documented name.
        param: &'static str,
        /// What is wrong with the value.
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
    /// The client could not be built (an invalid base URL, say).
    Config {
        /// What is wrong.
        reason: String,
    },
}

impl<B> Error<B> {
    /// The HTTP status, for [`Error::Api`] and [`Error::Decode`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
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

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }
}

impl<B> fmt::Display for Error<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Timeout { action, timeout } => write!(f, "{action}: no response within {timeout:?}"),
            Error::Transport { action, source } => write!(f, "{action}: the request failed: {source}"),
            Error::Decode { action, status, excerpt, source } => write!(
                f,
                "{action}: cannot decode the HTTP {status} response: {source}; the body starts with: {excerpt}"
            ),
            Error::InvalidParameter { action, param, reason } => {
                write!(f, "{action}: invalid value for `{param}`: {reason}; nothing was sent")
            }
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
#[derive(Debug, Clone)]
pub struct ApiError<B = serde_json::Value> {
    pub(crate) action: &'static str,
    pub(crate) status: u16,
    pub(crate) body: Option<B>,
    pub(crate) raw: String,
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

    /// The decoded error body, when the server sent a JSON object.
    pub fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

    /// The body as sent (lossily decoded as UTF-8), JSON or not.
    pub fn raw_body(&self) -> &str {
        &self.raw
    }
}

impl<B> fmt::Display for ApiError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.action, self.status)?;
        // Most APIs' error bodies carry a kind and a message; show them when
        // present, else the start of the raw body.
        let json: Option<serde_json::Value> = serde_json::from_str(&self.raw).ok();
        let field = |name: &str| json.as_ref().and_then(|j| j.get(name)).and_then(|v| v.as_str());
        match (field("type"), field("message")) {
            (Some(kind), Some(message)) => write!(f, ": {kind}: {message}"),
            (None, Some(message)) => write!(f, ": {message}"),
            _ if self.raw.trim().is_empty() => Ok(()),
            _ => write!(f, ": {}", super::request::excerpt(self.raw.as_bytes(), &[])),
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
