//! What a call gives back with its value: the response's status and headers.

use std::fmt;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;

use reqwest::header::{HeaderMap, HeaderName};

/// A decoded response value together with the status and headers it came
/// with: what a request builder's `send_with_response` returns (`send`
/// returns the value alone).
///
/// # Contract
///
/// - [`status`](Self::status) is the success status the server answered
///   (2xx), after retries: the status of the attempt whose body was decoded.
/// - [`headers`](Self::headers) are that response's headers as received,
///   every value of a repeated header kept, names in lower case. The values
///   of headers that carry credentials (`Set-Cookie`, `Authorization`,
///   `Cookie`, `Proxy-Authorization` and the like, see
///   [`is_sensitive_header`]) are marked sensitive, so neither this type's
///   `Debug` nor the header map's own shows them; they are still there to
///   read.
/// - The value is the body decoded as `send` decodes it: reach it through
///   `Deref` (`response.field`), [`value`](Self::value) or
///   [`into_inner`](Self::into_inner).
///
/// The body's bytes are not kept: they were decoded into the value, which
/// loses nothing (keys a type does not declare are in its catch-all).
#[derive(Clone)]
pub struct Response<T> {
    value: T,
    status: u16,
    headers: HeaderMap,
}

impl<T> Response<T> {
    /// A response of `value` with `status` and `headers`, for tests and
    /// mocks of code that takes one. Headers that carry credentials are
    /// marked sensitive, as for a received response.
    pub fn new(value: T, status: u16, mut headers: HeaderMap) -> Self {
        mark_sensitive(&mut headers);
        Response { value, status, headers }
    }

    /// A response whose headers were marked as they were read.
    pub(crate) fn from_parts(value: T, status: u16, headers: HeaderMap) -> Self {
        Response { value, status, headers }
    }

    /// The HTTP status (2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of the header `name` (any case), when the server
    /// sent it and it is visible ASCII text.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, to change.
    pub fn value_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// The decoded value, without the status and headers.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The value, the status and the headers.
    pub fn into_parts(self) -> (T, u16, HeaderMap) {
        (self.value, self.status, self.headers)
    }

    /// The same response with its value turned into another by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { value: f(self.value), status: self.status, headers: self.headers }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials in headers are marked sensitive, which the header
        // map's `Debug` prints as `Sensitive`.
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("value", &self.value)
            .finish()
    }
}

/// The future a request builder turns into when it is awaited
/// (`builder.await`, through its `IntoFuture`): what `send()` returns,
/// boxed so that the type can be named, and `Send`, so that it can be
/// spawned on a multi-thread runtime. One type for every builder: generated
/// clients name it rather than a future type per action.
pub type CallFuture<T, B = serde_json::Value> = Pin<Box<dyn Future<Output = Result<T, crate::Error<B>>> + Send>>;

/// Whether a header carries credentials, so that its value is never shown
/// in `Debug` output: the token and cookie headers of RFC 9110 and RFC
/// 6265, and the names APIs commonly give keys and tokens (`X-Api-Key`,
/// `X-Auth-Token`, any name with `token`, `secret`, `password` or
/// `api-key` in it).
pub fn is_sensitive_header(name: &HeaderName) -> bool {
    // Header names are lower case once parsed.
    let name = name.as_str();
    matches!(name, "authorization" | "proxy-authorization" | "cookie" | "set-cookie" | "set-cookie2")
        || ["token", "secret", "password", "api-key", "apikey"].iter().any(|word| name.contains(word))
}

/// Marks the values of headers that carry credentials sensitive.
pub(crate) fn mark_sensitive(headers: &mut HeaderMap) {
    let sensitive: Vec<HeaderName> = headers.keys().filter(|name| is_sensitive_header(name)).cloned().collect();
    for name in sensitive {
        if let reqwest::header::Entry::Occupied(mut entry) = headers.entry(name) {
            for value in entry.iter_mut() {
                value.set_sensitive(true);
            }
        }
    }
}

/// The first value of `name` in `headers`, as text.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::Response;

    #[test]
    fn credentials_in_headers_never_show_in_debug() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("set-cookie", "session=SECRET1"),
            ("set-cookie", "other=SECRET2"),
            ("authorization", "Bearer SECRET3"),
            ("x-api-key", "SECRET4"),
            ("x-refresh-token", "SECRET5"),
            ("content-type", "application/json"),
            ("x-request-id", "req-1"),
        ] {
            headers.append(name, HeaderValue::from_static(value));
        }
        let response = Response::new(vec![1], 200, headers);
        let debug = format!("{response:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("\"x-request-id\": \"req-1\""), "{debug}");
        assert!(debug.contains("\"set-cookie\": Sensitive"), "{debug}");
        // Still there to read.
        let cookies: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["session=SECRET1", "other=SECRET2"]);
        assert_eq!(response.header("X-Api-Key"), Some("SECRET4"));
        assert_eq!(response.header("x-missing"), None);
    }

    #[test]
    fn the_value_is_reached_by_deref_and_taken_apart() {
        let mut response = Response::new(String::from("abc"), 201, HeaderMap::new());
        assert_eq!(response.len(), 3);
        response.push('d');
        assert_eq!(response.value(), "abcd");
        let response = response.map(|s| s.len());
        assert_eq!(response.status(), 201);
        let (value, status, headers) = response.into_parts();
        assert_eq!((value, status, headers.len()), (4, 201, 0));
    }
}
