//! A request as generated code describes it, before it is sent.

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::query::{self, QueryEncoding};
use super::{ActionInfo, FilePart, InvalidParameter, RetryPolicy};

/// Characters left as they are in a path segment: RFC 3986's unreserved
/// set. Everything else, `/`, `?`, `#` and `%` included, is percent-encoded,
/// so a value can never change which route a request hits.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Bytes of a body (or of a message from a body) quoted in an error
/// message at most; the rest is counted, not shown.
pub const EXCERPT_BYTES: usize = 512;

/// The longest URL, query included, that the client sends. Servers refuse
/// longer ones anyway (Node.js, behind many APIs, allows 16 KiB for the
/// request line and all headers together); failing locally says why, and
/// does not quote the URL.
pub const MAX_URL_BYTES: usize = 16 * 1024;

/// One request: the action, the path with its params encoded, query pairs in
/// order, action headers and an optional JSON body.
#[derive(Debug, Clone)]
pub struct Request {
    /// A copy: generated actions' are statics, a raw call's is made per call.
    pub(crate) info: ActionInfo,
    pub(crate) path: String,
    /// The query string, form-encoded as it is added (as `Url::query_pairs_mut`
    /// would encode it), so that no pair is stored twice.
    pub(crate) query: String,
    /// Action headers, their values checked when they were added (a raw
    /// call's names are the caller's, checked when the request is prepared).
    pub(crate) headers: Vec<(std::borrow::Cow<'static, str>, reqwest::header::HeaderValue)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) parts: Vec<(&'static str, Part)>,
    pub(crate) options: CallOptions,
    /// A raw call (`Client::raw`): no scopes to check.
    pub(crate) raw: bool,
}

/// Settings of one call that override the client's: what request builders'
/// `timeout` and `retry` setters fill.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) timeout: Option<std::time::Duration>,
    pub(crate) attempt_timeout: Option<std::time::Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) page_limit: Option<u32>,
    pub(crate) idle_timeout: Option<std::time::Duration>,
}

impl CallOptions {
    /// Overrides the client's deadline for the whole call, retries included.
    pub fn set_timeout(&mut self, timeout: std::time::Duration) {
        self.timeout = Some(timeout);
    }

    /// Overrides the client's per-attempt timeout.
    pub fn set_attempt_timeout(&mut self, timeout: std::time::Duration) {
        self.attempt_timeout = Some(timeout);
    }

    /// Overrides the client's retry policy.
    pub fn set_retry(&mut self, policy: RetryPolicy) {
        self.retry = Some(policy);
    }

    /// Sets how many pages a stream of pages fetches at most.
    pub fn set_page_limit(&mut self, limit: u32) {
        self.page_limit = Some(limit);
    }

    /// Sets how long a stream of server-sent events may go without a byte
    /// before it reconnects or ends.
    pub fn set_idle_timeout(&mut self, timeout: std::time::Duration) {
        self.idle_timeout = Some(timeout);
    }

    /// How many pages a stream of pages fetches at most.
    pub fn page_limit(&self) -> u32 {
        self.page_limit.unwrap_or(crate::pages::DEFAULT_PAGE_LIMIT)
    }
}

/// One part of a multipart body. Without the `multipart` feature parts are
/// collected but never sent (the client reports the missing feature).
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "multipart"), allow(dead_code))]
pub(crate) enum Part {
    Text(String),
    File(FilePart),
}

impl Request {
    /// Starts a request for an action.
    pub fn new(info: &'static ActionInfo) -> Self {
        Request {
            info: *info,
            path: String::new(),
            query: String::new(),
            headers: Vec::new(),
            body: None,
            parts: Vec::new(),
            options: CallOptions::default(),
            raw: false,
        }
    }

    /// Applies a call's own settings.
    #[must_use]
    pub fn with_options(mut self, options: &CallOptions) -> Self {
        self.options = options.clone();
        self
    }

    /// Appends literal path text from the spec's template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a path param, percent-encoded.
    ///
    /// Everything but RFC 3986's unreserved characters is encoded (`/`,
    /// `\\`, `?`, `#`, `%` included), so the value stays within its segment.
    /// A value that is `.` or `..` would still be a dot segment, which URL
    /// parsing removes along with the segment before it, so it is refused.
    ///
    /// # Errors
    ///
    /// An [`InvalidParameter`] for an empty value or a dot segment, which
    /// would hit another route, and for a value longer than
    /// [`MAX_URL_BYTES`]. The message never quotes the value.
    pub fn path_param(&mut self, name: &'static str, value: &impl Display) -> Result<(), InvalidParameter> {
        let value = value.to_string();
        if value.is_empty() {
            return Err(self.invalid(name, "a path param cannot be empty".into()));
        }
        if value == "." || value == ".." {
            return Err(self.invalid(name, format!("a path param cannot be `{value}`, a dot segment")));
        }
        if value.len() > MAX_URL_BYTES {
            return Err(self.invalid(
                name,
                format!("the value is {} bytes, longer than a URL may be ({MAX_URL_BYTES} bytes)", value.len()),
            ));
        }
        self.path.extend(utf8_percent_encode(&value, SEGMENT));
        Ok(())
    }

    /// Appends a query pair. Booleans go out as `true`/`false`.
    pub fn query(&mut self, name: &'static str, value: impl Display) {
        append_pair(&mut self.query, name, &value.to_string());
    }

    /// Appends a structured value (array, object, map, any JSON) to the
    /// query, flattened into bracket keys or as one JSON string.
    ///
    /// # Errors
    ///
    /// An [`InvalidParameter`] when the value does not serialize.
    pub fn query_structured(
        &mut self,
        name: &'static str,
        value: &impl serde::Serialize,
        encoding: QueryEncoding,
    ) -> Result<(), InvalidParameter> {
        let mut json = serde_json::to_value(value).map_err(|e| self.invalid(name, e.to_string()))?;
        // Whole numbers as the official clients write them (`2`, not `2.0`),
        // as scalar params do (`f64`'s `Display`).
        crate::numbers::whole_value(&mut json);
        match encoding {
            QueryEncoding::Brackets => {
                let mut pairs = Vec::new();
                query::flatten(name, &json, &mut pairs);
                for (key, value) in pairs {
                    append_pair(&mut self.query, &key, &value);
                }
            }
            QueryEncoding::Json => append_pair(&mut self.query, name, &json.to_string()),
        }
        Ok(())
    }

    /// Adds a text part to the multipart body.
    pub fn multipart_text(&mut self, name: &'static str, value: impl Display) {
        self.parts.push((name, Part::Text(value.to_string())));
    }

    /// Adds a JSON-encoded part to the multipart body, as the official
    /// clients send objects.
    ///
    /// # Errors
    ///
    /// An [`InvalidParameter`] when the value does not serialize.
    pub fn multipart_json(
        &mut self,
        name: &'static str,
        value: &impl serde::Serialize,
    ) -> Result<(), InvalidParameter> {
        let json = serde_json::to_string(value).map_err(|e| self.invalid(name, e.to_string()))?;
        self.parts.push((name, Part::Text(json)));
        Ok(())
    }

    /// Ends the parts of a multipart action: one given no part at all sends
    /// `{}` as a JSON body instead, as the official JS client does. A
    /// multipart body needs at least one part (RFC 2046), so an empty one is
    /// malformed and parsers differ on it; no body at all would leave the
    /// server without a content type; an empty JSON object says the same
    /// (no field) in the form the official client has always sent.
    pub fn finish_multipart(&mut self) {
        if self.parts.is_empty() && self.body.is_none() {
            self.body = Some(b"{}".to_vec());
        }
    }

    /// Adds a file part to the multipart body.
    #[cfg(feature = "multipart")]
    pub fn multipart_file(&mut self, name: &'static str, file: &FilePart) {
        self.parts.push((name, Part::File(file.clone())));
    }

    /// Adds a header.
    ///
    /// # Errors
    ///
    /// an [`InvalidParameter`] for a value that cannot be a header value
    /// (a line break or another control character).
    pub fn header(&mut self, name: &'static str, value: impl Display) -> Result<(), InvalidParameter> {
        let Ok(value) = reqwest::header::HeaderValue::from_str(&value.to_string()) else {
            return Err(
                self.invalid(name, "a header value cannot contain control characters such as line breaks".into())
            );
        };
        self.headers.push((std::borrow::Cow::Borrowed(name), value));
        Ok(())
    }

    /// Sets the JSON body.
    ///
    /// # Errors
    ///
    /// an [`InvalidParameter`] when the value does not serialize.
    pub fn json_body(&mut self, body: &impl serde::Serialize) -> Result<(), InvalidParameter> {
        let bytes = serde_json::to_vec(body).map_err(|e| self.invalid("body", e.to_string()))?;
        self.body = Some(bytes);
        Ok(())
    }

    /// The action this request is for.
    pub fn info(&self) -> &ActionInfo {
        &self.info
    }

    /// An invalid param of this request's action.
    pub fn invalid(&self, param: &'static str, reason: String) -> InvalidParameter {
        InvalidParameter { action: self.info.id, param, reason }
    }
}

/// Appends `name=value` to a query string, form-encoded.
pub(crate) fn append_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(form_urlencoded::byte_serialize(name.as_bytes()));
    query.push('=');
    query.extend(form_urlencoded::byte_serialize(value.as_bytes()));
}

/// The start of a body for an error message, with the values of `secret`
/// fields replaced, so that a token in a response never reaches a log, and
/// cut to [`EXCERPT_BYTES`].
pub(crate) fn excerpt(body: &[u8], secret_fields: &[&str]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut json) if !secret_fields.is_empty() => {
            redact(&mut json, secret_fields);
            json.to_string()
        }
        _ => String::from_utf8_lossy(&body[..body.len().min(EXCERPT_BYTES * 4)]).into_owned(),
    };
    if text.len() <= EXCERPT_BYTES && body.len() <= EXCERPT_BYTES * 4 {
        return text;
    }
    format!("{}... ({} bytes in all)", &text[..char_floor(&text, EXCERPT_BYTES)], body.len())
}

/// `text`, cut to [`EXCERPT_BYTES`] on a character boundary.
pub(crate) fn cut(text: &str) -> String {
    if text.len() <= EXCERPT_BYTES {
        return text.to_owned();
    }
    format!("{}... ({} bytes in all)", &text[..char_floor(text, EXCERPT_BYTES)], text.len())
}

/// The largest character boundary of `text` at or below `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Replaces the values of `secret_fields`, at any depth, with `<redacted>`.
pub(crate) fn redact(value: &mut serde_json::Value, secret_fields: &[&str]) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if secret_fields.contains(&key.as_str()) {
                    *v = serde_json::Value::String("<redacted>".into());
                } else {
                    redact(v, secret_fields);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| redact(v, secret_fields)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: ActionInfo = ActionInfo {
        id: "things.get",
        resource: "things",
        action: "get",
        method: crate::Method::Get,
        path: "/things/{thingId}",
        summary: "",
        auth: true,
        scopes: &[],
        error_statuses: &[],
    };

    fn encoded(value: &str) -> String {
        let mut request = Request::new(&INFO);
        request.path_param("thingId", &value).unwrap();
        request.path
    }

    #[test]
    fn a_multipart_action_without_parts_sends_an_empty_json_object() {
        let mut request = Request::new(&INFO);
        request.finish_multipart();
        assert_eq!(request.body.as_deref(), Some(&b"{}"[..]));
        assert!(request.parts.is_empty());

        let mut request = Request::new(&INFO);
        request.multipart_text("email", "a@example.com");
        request.finish_multipart();
        assert_eq!(request.body, None);
        assert_eq!(request.parts.len(), 1);
    }

    #[test]
    fn path_params_are_percent_encoded() {
        assert_eq!(encoded("575ec8687ae143cd83dc4a97"), "575ec8687ae143cd83dc4a97");
        assert_eq!(encoded("app id/with?chars"), "app%20id%2Fwith%3Fchars");
        assert_eq!(encoded("a#b%c"), "a%23b%25c");
        assert_eq!(encoded("ü-._~"), "%C3%BC-._~");
        assert_eq!(encoded("..."), "...");
        assert_eq!(encoded("%2e%2e"), "%252e%252e");
        assert_eq!(encoded("a\\b\tc"), "a%5Cb%09c");
    }

    #[test]
    fn numbers_in_the_query_are_written_as_json_writes_them() {
        let mut request = Request::new(&INFO);
        request.query("n", 2.0_f64);
        request.query("f", 2.5_f64);
        request.query_structured("l", &vec![1.0_f64, 0.5], QueryEncoding::Brackets).unwrap();
        request.query_structured("j", &vec![3.0_f64], QueryEncoding::Json).unwrap();
        assert_eq!(request.query, "n=2&f=2.5&l%5B0%5D=1&l%5B1%5D=0.5&j=%5B3%5D");
    }

    #[test]
    fn dot_segments_are_rejected() {
        for value in [".", ".."] {
            let mut request = Request::new(&INFO);
            let error: crate::Error = request.path_param("thingId", &value).unwrap_err().into();
            assert_eq!(
                error.to_string(),
                format!(
                    "things.get: invalid value for `thingId`: a path param cannot be `{value}`, a dot segment; \
                     nothing was sent"
                )
            );
            assert!(request.path.is_empty());
        }
    }

    #[test]
    fn overlong_path_params_are_rejected_without_being_quoted() {
        let mut request = Request::new(&INFO);
        let value = "x".repeat(1 << 20);
        let error: crate::Error = request.path_param("thingId", &value).unwrap_err().into();
        let message = error.to_string();
        assert!(message.len() < 200, "{message}");
        assert!(message.contains("1048576 bytes, longer than a URL may be (16384 bytes)"), "{message}");
    }

    #[test]
    fn empty_path_params_are_rejected() {
        let mut request = Request::new(&INFO);
        let error: crate::Error = request.path_param("thingId", &"").unwrap_err().into();
        assert_eq!(
            error.to_string(),
            "things.get: invalid value for `thingId`: a path param cannot be empty; nothing was sent"
        );
    }

    #[test]
    fn header_values_with_line_breaks_are_rejected() {
        let mut request = Request::new(&INFO);
        let error = request.header("losantdomain", "a\r\nX-Injected: 1").unwrap_err();
        assert_eq!(error.param, "losantdomain");
        assert!(request.headers.is_empty());
    }

    #[test]
    fn excerpts_redact_secrets_and_stay_short() {
        let body = br#"{"items":[{"name":"a","token":"jwt.secret.value"}],"token":"x"}"#;
        let text = excerpt(body, &["token"]);
        assert!(!text.contains("jwt.secret.value"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
        let long = "é".repeat(600);
        let text = excerpt(long.as_bytes(), &[]);
        assert!(text.ends_with("... (1200 bytes in all)"), "{text}");
    }
}
