//! What the spec documents about the API and its actions, as data.
//!
//! Both types are `#[non_exhaustive]`: code outside this crate (generated
//! clients included) builds them with their `const` constructors and
//! `with_*` methods, so that a field added here, with its default, breaks no
//! client generated before it.

use crate::ErrorSchema;

/// The documented facts about one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionInfo {
    /// `resource.action`, as the API documents it (`applicationApiTokens.get`).
    pub id: &'static str,
    /// The resource (`applicationApiTokens`).
    pub resource: &'static str,
    /// The action (`get`).
    pub action: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template (`/applications/{applicationId}/tokens`).
    pub path: &'static str,
    /// One line on what the action does.
    pub summary: &'static str,
    /// Whether the action needs a token.
    pub auth: bool,
    /// The scopes of which a token needs at least one.
    pub scopes: &'static [&'static str],
    /// The error statuses whose body the spec documents with a schema other
    /// than the API's error schema, each with that schema's documented name
    /// (`(422, "validationErrors")`); the schema's decoder is in
    /// [`ApiInfo::error_schemas`]. Empty for most actions.
    pub error_statuses: &'static [(u16, &'static str)],
}

/// The HTTP method of an action: one of the methods a spec can name, known
/// when the client is generated, so that no call parses a method name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl Method {
    /// The method's name as sent (`GET`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// Whether sending the request twice has the effect of sending it once
    /// (RFC 9110, 9.2.2), which is what makes a retry safe.
    pub const fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Comparing with a method's name (`info.method == "GET"`), as when the
/// method was a string.
impl PartialEq<&str> for Method {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<Method> for reqwest::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
            Method::Head => reqwest::Method::HEAD,
            Method::Options => reqwest::Method::OPTIONS,
        }
    }
}

/// How requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    Bearer,
}

/// What the runtime needs to know about the API as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiInfo {
    /// Human name of the API.
    pub name: &'static str,
    /// The API version the client was generated for.
    pub version: &'static str,
    /// Where requests go unless the client is built with another base URL.
    pub default_base_url: &'static str,
    /// Headers sent with every request.
    pub headers: &'static [(&'static str, &'static str)],
    /// How requests authenticate.
    pub auth: AuthScheme,
    /// The default `User-Agent` header.
    pub user_agent: &'static str,
    /// Wire names of fields that hold credentials; their values are
    /// redacted from bodies quoted in errors.
    pub secret_fields: &'static [&'static str],
    /// The error body schemas other than the API's error schema that some
    /// action documents for some status ([`ActionInfo::error_statuses`]),
    /// with how each decodes. Empty when every error body has the API's
    /// error schema.
    pub error_schemas: &'static [ErrorSchema],
}

impl ActionInfo {
    /// An action of `resource` (`applicationApiTokens`) named `action`
    /// (`get`), whose documented id is `id` (`applicationApiTokens.get`),
    /// sent as `method` to the path template `path`; it needs a token with
    /// any scope (see [`with_scopes`](Self::with_scopes)), and has no summary.
    pub const fn new(
        id: &'static str,
        resource: &'static str,
        action: &'static str,
        method: Method,
        path: &'static str,
    ) -> Self {
        ActionInfo { id, resource, action, method, path, summary: "", auth: true, scopes: &[], error_statuses: &[] }
    }

    /// One line on what the action does.
    #[must_use]
    pub const fn with_summary(mut self, summary: &'static str) -> Self {
        self.summary = summary;
        self
    }

    /// Whether the action needs a token (default true).
    #[must_use]
    pub const fn with_auth(mut self, auth: bool) -> Self {
        self.auth = auth;
        self
    }

    /// The scopes of which a token needs at least one.
    #[must_use]
    pub const fn with_scopes(mut self, scopes: &'static [&'static str]) -> Self {
        self.scopes = scopes;
        self
    }

    /// The error statuses whose body has a schema of its own, with the
    /// schema's documented name (see [`ActionInfo::error_statuses`]).
    #[must_use]
    pub const fn with_error_statuses(mut self, error_statuses: &'static [(u16, &'static str)]) -> Self {
        self.error_statuses = error_statuses;
        self
    }

    /// The documented name of the schema of this action's error bodies with
    /// `status`, when it is not the API's error schema.
    pub fn error_schema(&self, status: u16) -> Option<&'static str> {
        self.error_statuses.iter().find(|(code, _)| *code == status).map(|(_, name)| *name)
    }
}

impl ApiInfo {
    /// The API `name` at `version`, whose requests go to `default_base_url`
    /// unless the client says otherwise; bearer auth, no fixed headers, no
    /// secret fields, and the runtime's own user agent.
    pub const fn new(name: &'static str, version: &'static str, default_base_url: &'static str) -> Self {
        ApiInfo {
            name,
            version,
            default_base_url,
            headers: &[],
            auth: AuthScheme::Bearer,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION")),
            secret_fields: &[],
            error_schemas: &[],
        }
    }

    /// Headers sent with every request.
    #[must_use]
    pub const fn with_headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = headers;
        self
    }

    /// How requests authenticate.
    #[must_use]
    pub const fn with_auth(mut self, auth: AuthScheme) -> Self {
        self.auth = auth;
        self
    }

    /// The default `User-Agent` header.
    #[must_use]
    pub const fn with_user_agent(mut self, user_agent: &'static str) -> Self {
        self.user_agent = user_agent;
        self
    }

    /// Wire names of fields that hold credentials.
    #[must_use]
    pub const fn with_secret_fields(mut self, secret_fields: &'static [&'static str]) -> Self {
        self.secret_fields = secret_fields;
        self
    }

    /// The error body schemas other than the API's error schema, with their
    /// decoders (see [`ApiInfo::error_schemas`]).
    #[must_use]
    pub const fn with_error_schemas(mut self, error_schemas: &'static [ErrorSchema]) -> Self {
        self.error_schemas = error_schemas;
        self
    }

    /// The error body schema documented as `name`, when the API lists it.
    pub(crate) fn error_schema(&self, name: &str) -> Option<&'static ErrorSchema> {
        self.error_schemas.iter().find(|schema| schema.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_set_every_field() {
        const INFO: ActionInfo = ActionInfo::new("things.get", "things", "get", Method::Get, "/things")
            .with_summary("Gets things")
            .with_auth(false)
            .with_scopes(&["things.get"])
            .with_error_statuses(&[(422, "thingErrors")]);
        assert_eq!(
            INFO,
            ActionInfo {
                id: "things.get",
                resource: "things",
                action: "get",
                method: Method::Get,
                path: "/things",
                summary: "Gets things",
                auth: false,
                scopes: &["things.get"],
                error_statuses: &[(422, "thingErrors")],
            }
        );
        assert_eq!(INFO.error_schema(422), Some("thingErrors"));
        assert_eq!(INFO.error_schema(400), None);
        const SCHEMAS: &[ErrorSchema] = &[ErrorSchema::of::<serde_json::Value>("thingErrors")];
        const API: ApiInfo = ApiInfo::new("Things", "1", "https://things.example")
            .with_headers(&[("Accept", "application/json")])
            .with_auth(AuthScheme::Bearer)
            .with_user_agent("things-rust/1")
            .with_secret_fields(&["token"])
            .with_error_schemas(SCHEMAS);
        assert_eq!(
            API,
            ApiInfo {
                name: "Things",
                version: "1",
                default_base_url: "https://things.example",
                headers: &[("Accept", "application/json")],
                auth: AuthScheme::Bearer,
                user_agent: "things-rust/1",
                secret_fields: &["token"],
                error_schemas: SCHEMAS,
            }
        );
        assert_eq!(API.error_schema("thingErrors").map(|s| s.name), Some("thingErrors"));
        assert!(API.error_schema("error").is_none());
        assert!(ApiInfo::new("a", "1", "http://x").user_agent.starts_with("restspec-runtime-rust/"));
    }

    #[test]
    fn methods_convert_without_parsing_and_know_idempotence() {
        let all = [
            (Method::Get, reqwest::Method::GET, true),
            (Method::Post, reqwest::Method::POST, false),
            (Method::Put, reqwest::Method::PUT, true),
            (Method::Patch, reqwest::Method::PATCH, false),
            (Method::Delete, reqwest::Method::DELETE, true),
            (Method::Head, reqwest::Method::HEAD, true),
            (Method::Options, reqwest::Method::OPTIONS, true),
        ];
        for (ours, theirs, idempotent) in all {
            assert_eq!(ours.as_str(), theirs.as_str());
            assert_eq!(ours.to_string(), theirs.as_str());
            assert!(ours == theirs.as_str());
            assert_eq!(reqwest::Method::from(ours), theirs);
            assert_eq!(ours.is_idempotent(), theirs.is_idempotent(), "{ours}");
            assert_eq!(ours.is_idempotent(), idempotent, "{ours}");
        }
    }
}
