//! What the spec documents about the API and its actions, as data.

/// The documented facts about one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionInfo {
    /// `resource.action`, as the API documents it (`applicationApiTokens.get`).
    pub id: &'static str,
    /// The resource (`applicationApiTokens`).
    pub resource: &'static str,
    /// The action (`get`).
    pub action: &'static str,
    /// The HTTP method (`GET`).
    pub method: &'static str,
    /// The path template (`/applications/{applicationId}/tokens`).
    pub path: &'static str,
    /// One line on what the action does.
    pub summary: &'static str,
    /// Whether the action needs a token.
    pub auth: bool,
    /// The scopes of which a token needs at least one.
    pub scopes: &'static [&'static str],
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
}
