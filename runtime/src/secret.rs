//! A string that never shows in `Debug` output, logs or errors.

use std::fmt;

/// A credential, such as an API token. `Debug` prints `Secret("<redacted>")`;
/// read the value with [`Secret::expose`] where it is really needed.
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"<redacted>\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let secret = Secret::new("jwt-value");
        assert_eq!(format!("{secret:?}"), "Secret(\"<redacted>\")");
        assert_eq!(format!("{:#?}", Some(secret.clone())), "Some(\n    Secret(\"<redacted>\"),\n)");
        assert_eq!(secret.expose(), "jwt-value");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"jwt-value\"");
    }
}
