//! Calls of what the spec does not describe: a method, a path template and
//! values, sent exactly as generated actions are.

use std::borrow::Cow;
use std::fmt::{self, Display};
use std::marker::PhantomData;

use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::request::{Request, append_pair};
use crate::{ActionInfo, Client, Error, Method, Response, RetryPolicy};

/// The action id of raw calls: what their errors, tracing spans and
/// [`RequestHook`](crate::RequestHook)s see as [`ActionInfo::id`].
pub const RAW_ACTION: &str = "raw";

/// A call of an action the spec does not describe (or describes wrongly),
/// made with [`Client::raw`] (the generated client's `Client::raw`).
///
/// It goes through the same code as every generated action: the client's
/// base URL, token, fixed headers (`Accept-Version`, say) and user agent,
/// its deadline, per-attempt timeout, retry policy, response size limit,
/// request hooks and tracing span, and the same error decoding
/// ([`Error::Api`] with the API's error body and the response headers).
/// What differs:
///
/// - **Scopes do not apply**: a raw call names none, so the scopes declared
///   on the client are not checked (the server still checks the token's).
/// - **The action id is [`RAW_ACTION`]** (`raw`) in errors, spans and
///   hooks, whose [`ActionInfo`] has the method and the path template.
/// - **The token is required** unless [`auth(false)`](Self::auth) says the
///   call needs none, as for a generated action.
/// - **The spec's global params are not added**: they are the generated
///   builders' setters, so a raw call sends only the query and headers
///   given to it (the API's fixed headers are the client's, and sent).
///
/// The path is a template, `&'static` so that it is text of the program
/// rather than a value: each `{name}` in it is filled with the value given
/// to [`path_param`](Self::path_param), percent-encoded as generated actions
/// encode path params (everything but RFC 3986's unreserved characters), so
/// no value can change the route. The template itself must start with `/`
/// and hold only URL path characters (or `%XX` escapes), with no `.` or `..`
/// segment, `?` or `#`; query params go through [`query`](Self::query).
///
/// Every setter is infallible: the first problem (a template without a
/// value for a placeholder, a header value with a line break, a body that
/// does not serialize) makes the send fail with
/// [`Error::InvalidRequest`] or [`Error::InvalidParameter`], and nothing is
/// sent.
#[must_use = "a request does nothing until `send` is called"]
pub struct RawRequest<B = serde_json::Value> {
    client: Client,
    template: &'static str,
    request: Request,
    /// Path params by placeholder name, in the order given.
    params: Vec<(String, String)>,
    /// The first problem found while the request was built.
    invalid: Option<String>,
    error_body: PhantomData<fn() -> B>,
}

impl<B> Clone for RawRequest<B> {
    fn clone(&self) -> Self {
        RawRequest {
            client: self.client.clone(),
            template: self.template,
            request: self.request.clone(),
            params: self.params.clone(),
            invalid: self.invalid.clone(),
            error_body: PhantomData,
        }
    }
}

impl<B> fmt::Debug for RawRequest<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names, not values: values can be personal data or credentials.
        let params: Vec<&str> = self.params.iter().map(|(name, _)| name.as_str()).collect();
        let headers: Vec<&str> = self.request.headers.iter().map(|(name, _)| name.as_ref()).collect();
        f.debug_struct("RawRequest")
            .field("method", &self.request.info.method)
            .field("path", &self.template)
            .field("path_params", &params)
            .field("query_len", &self.request.query.len())
            .field("headers", &headers)
            .field("body_len", &self.request.body.as_ref().map(Vec::len))
            .field("auth", &self.request.info.auth)
            .field("invalid", &self.invalid)
            .finish_non_exhaustive()
    }
}

/// A template for [`Request::new`]; each call copies it and sets its own
/// method and path.
static RAW_INFO: ActionInfo = ActionInfo::new(RAW_ACTION, "", RAW_ACTION, Method::Get, "");

impl<B> RawRequest<B> {
    pub(crate) fn new(client: Client, method: Method, template: &'static str) -> Self {
        let mut request = Request::new(&RAW_INFO);
        request.info = ActionInfo::new(RAW_ACTION, "", RAW_ACTION, method, template);
        request.raw = true;
        RawRequest { client, template, request, params: Vec::new(), invalid: None, error_body: PhantomData }
    }

    /// Keeps the first problem, reported when the request is sent.
    fn invalid(mut self, reason: String) -> Self {
        self.invalid.get_or_insert(reason);
        self
    }

    /// Fills the placeholder `{name}` of the path template with `value`,
    /// percent-encoded (a `/`, `?`, `#` or `%` in it stays within its
    /// segment). Set again, the last value counts. An empty value, `.` or
    /// `..` is refused when the request is sent.
    pub fn path_param(mut self, name: &str, value: impl Display) -> Self {
        let value = value.to_string();
        match self.params.iter_mut().find(|(known, _)| known == name) {
            Some((_, old)) => *old = value,
            None => self.params.push((name.to_owned(), value)),
        }
        self
    }

    /// Appends the query pair `name=value`, form-encoded. Pairs go out in
    /// the order given; a name given twice is sent twice.
    pub fn query(mut self, name: &str, value: impl Display) -> Self {
        append_pair(&mut self.request.query, name, &value.to_string());
        self
    }

    /// Adds the header `name: value`, replacing the client's own of that
    /// name (but for `Authorization`, which the client's token replaces
    /// when the call sends it). A value with a line break or another control
    /// character is refused, so no header can be injected; the values of
    /// headers that carry credentials (see
    /// [`is_sensitive_header`](crate::is_sensitive_header)) are marked
    /// sensitive and never shown in `Debug` output.
    pub fn header(mut self, name: &str, value: impl Display) -> Self {
        let Ok(parsed) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.invalid(format!("{name:?} is not a valid header name"));
        };
        let Ok(mut value) = HeaderValue::from_str(&value.to_string()) else {
            return self
                .invalid(format!("the value of the header `{parsed}` has a line break or another control character"));
        };
        value.set_sensitive(crate::is_sensitive_header(&parsed));
        self.request.headers.push((Cow::Owned(parsed.as_str().to_owned()), value));
        self
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    pub fn json(mut self, body: &impl serde::Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.request.body = Some(bytes);
                self
            }
            Err(e) => self.invalid(format!("the body does not serialize as JSON: {e}")),
        }
    }

    /// Whether the call sends the client's token (default true). A call
    /// that sends it fails with [`Error::MissingToken`] on a client without
    /// one, before anything is sent; a call that does not sends no
    /// `Authorization` header but one set with [`header`](Self::header).
    pub fn auth(mut self, auth: bool) -> Self {
        self.request.info.auth = auth;
        self
    }

    /// Overrides the client's deadline for this call, every attempt and
    /// wait between attempts included.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.request.options.set_timeout(timeout);
        self
    }

    /// Overrides the client's timeout of each attempt for this call.
    pub fn attempt_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.request.options.set_attempt_timeout(timeout);
        self
    }

    /// Overrides the client's retry policy for this call. As for generated
    /// actions, only idempotent methods are retried unless the policy says
    /// [`retry_non_idempotent`](RetryPolicy::retry_non_idempotent).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.request.options.set_retry(policy);
        self
    }
}

impl<B: DeserializeOwned> RawRequest<B> {
    /// Sends the request and decodes the response body as `T`. An empty
    /// body decodes as JSON `null` (so as `()`, `Option<T>` or
    /// `serde_json::Value::Null`).
    ///
    /// # Errors
    ///
    /// As a generated action's `send`: [`Error::Api`] for an error status,
    /// [`Error::Decode`] for a body that is not a `T`, the other variants for
    /// a request that cannot be sent.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error<B>> {
        self.send_with_response().await.map(Response::into_inner)
    }

    /// Sends the request and returns the response body as JSON.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_json(self) -> Result<serde_json::Value, Error<B>> {
        self.send().await
    }

    /// Sends the request and decodes the response body as `T`, kept with the
    /// response's status and headers.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_with_response<T: DeserializeOwned>(self) -> Result<Response<T>, Error<B>> {
        let RawRequest { client, template, mut request, params, invalid, .. } = self;
        if let Some(reason) = invalid {
            return Err(Error::InvalidRequest { action: RAW_ACTION, reason });
        }
        fill_path(&mut request, template, &params)?;
        client.call::<B>(request).await?.decode_with(|_, body| {
            let body = if body.trim_ascii().is_empty() { b"null".as_slice() } else { body };
            serde_json::from_slice(body)
        })
    }
}

/// Writes the path of `template` into `request`: its literal text as it is,
/// each `{name}` as the value of `name`, encoded.
fn fill_path<B>(request: &mut Request, template: &'static str, params: &[(String, String)]) -> Result<(), Error<B>> {
    let invalid = |reason: String| Error::InvalidRequest { action: RAW_ACTION, reason };
    let parts = parse_template(template).map_err(|why| invalid(format!("the path template `{template}` {why}")))?;
    for (name, _) in params {
        if !parts.iter().any(|part| matches!(part, Part::Param(known) if known == name)) {
            return Err(invalid(format!("the path template `{template}` has no placeholder `{{{name}}}`")));
        }
    }
    for part in parts {
        match part {
            Part::Literal(text) => request.path(text),
            Part::Param(name) => {
                let Some((_, value)) = params.iter().find(|(known, _)| known == name) else {
                    return Err(Error::InvalidParameter {
                        action: RAW_ACTION,
                        param: name,
                        reason: "the path template has this placeholder, but `path_param` gave it no value".into(),
                    });
                };
                request.path_param(name, value)?;
            }
        }
    }
    Ok(())
}

/// A piece of a path template.
#[derive(Debug, PartialEq, Eq)]
enum Part {
    Literal(&'static str),
    Param(&'static str),
}

/// The pieces of a path template, or why it is not one.
fn parse_template(template: &'static str) -> Result<Vec<Part>, String> {
    if !template.starts_with('/') {
        return Err("must start with `/`".into());
    }
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let literal_end = rest.find('{').unwrap_or(rest.len());
        let (literal, after) = rest.split_at(literal_end);
        if !literal.is_empty() {
            check_literal(literal)?;
            parts.push(Part::Literal(literal));
        }
        rest = after;
        if let Some(open) = rest.strip_prefix('{') {
            let end = open.find('}').ok_or("has a `{` without its `}`")?;
            let name = &open[..end];
            if name.is_empty() || name.contains(['{', '/']) {
                return Err(format!("has a placeholder `{{{name}}}` that is not a name"));
            }
            parts.push(Part::Param(name));
            rest = &open[end + 1..];
        }
    }
    // A segment of only literal text that is `.` or `..` would be resolved
    // away by URL parsing, along with the segment before it.
    let shape: String = parts
        .iter()
        .map(|part| match part {
            Part::Literal(text) => text,
            Part::Param(_) => "{}",
        })
        .collect();
    if let Some(segment) = shape.split('/').find(|s| *s == "." || *s == "..") {
        return Err(format!("has a `{segment}` segment, which the URL resolves away"));
    }
    Ok(parts)
}

/// Checks literal template text: RFC 3986 `pchar`s and `/`, `%` only as an
/// escape, as the generator checks the spec's templates.
fn check_literal(text: &str) -> Result<(), String> {
    for (i, c) in text.char_indices() {
        let escape = text.as_bytes().get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        let allowed = c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c) || (c == '%' && escape);
        if !allowed {
            return Err(match c {
                '?' => "has a `?`: add query params with `query`".into(),
                '#' => "has a `#`, which starts a fragment, never sent".into(),
                '}' => "has a `}` without its `{`".into(),
                '%' => "has a `%` that is not followed by two hex digits".into(),
                c if c.is_ascii_graphic() => format!("has `{c}`, which is not a URL path character"),
                c => format!("has U+{:04X}, which is not a URL path character", c as u32),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Part, parse_template};

    #[test]
    fn templates_are_taken_apart() {
        assert_eq!(
            parse_template("/applications/{applicationId}/devices/{deviceId}/state"),
            Ok(vec![
                Part::Literal("/applications/"),
                Part::Param("applicationId"),
                Part::Literal("/devices/"),
                Part::Param("deviceId"),
                Part::Literal("/state"),
            ])
        );
        assert_eq!(parse_template("/"), Ok(vec![Part::Literal("/")]));
        assert_eq!(parse_template("/a%2Fb/{x}"), Ok(vec![Part::Literal("/a%2Fb/"), Part::Param("x")]));
        // A placeholder next to text is allowed (its value cannot be a dot
        // segment once combined).
        assert_eq!(parse_template("/{x}.json"), Ok(vec![Part::Literal("/"), Part::Param("x"), Part::Literal(".json")]));
    }

    #[test]
    fn bad_templates_say_why() {
        let cases = [
            ("applications", "must start with `/`"),
            ("", "must start with `/`"),
            ("/a?b=1", "has a `?`: add query params with `query`"),
            ("/a#top", "has a `#`, which starts a fragment, never sent"),
            ("/a/../b", "has a `..` segment, which the URL resolves away"),
            ("/a/./b", "has a `.` segment, which the URL resolves away"),
            ("/{x}/..", "has a `..` segment, which the URL resolves away"),
            ("/a/{x", "has a `{` without its `}`"),
            ("/a/x}", "has a `}` without its `{`"),
            ("/a/{}", "has a placeholder `{}` that is not a name"),
            ("/a/{x/y}", "has a placeholder `{x/y}` that is not a name"),
            ("/a b", "has U+0020, which is not a URL path character"),
            ("/a\r\nHost: evil", "has U+000D, which is not a URL path character"),
            ("/a%zz", "has a `%` that is not followed by two hex digits"),
            ("/a\"", "has `\"`, which is not a URL path character"),
        ];
        for (template, why) in cases {
            assert_eq!(parse_template(template), Err(why.to_owned()), "{template:?}");
        }
    }
}
