//! Error bodies with a schema of their own.
//!
//! Most APIs answer every error status with one body shape, the spec's error
//! schema, which is the type parameter `B` of [`Error<B>`](crate::Error).
//! A few statuses of a few actions document another one (a 422 listing each
//! validation error, say). The runtime stays ignorant of those types: an
//! [`ActionInfo`](crate::ActionInfo) names, per such status, the schema
//! (`with_error_statuses`), the [`ApiInfo`](crate::ApiInfo) lists once how
//! each of those schemas decodes (`with_error_schemas`, built with
//! [`ErrorSchema::of`]), and an error with such a status carries its body
//! decoded into that type as well, type-erased, for
//! [`ApiError::details`](crate::ApiError::details) to hand back typed.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;

/// A decoded body, shared: errors are `Clone`, and the body need not be.
/// It is `Any` so that it can be handed back as its own type. An error's
/// `Debug` does not print it: a decoded body has no size bound (a list of
/// every validation error), and `Debug` quotes at most an excerpt.
pub(crate) type Details = Arc<dyn Any + Send + Sync>;

/// An error body schema other than the API's error schema, and how its
/// bodies decode: one per such schema of the API, in
/// [`ApiInfo::with_error_schemas`](crate::ApiInfo::with_error_schemas).
#[derive(Clone, Copy)]
pub struct ErrorSchema {
    /// The schema's documented name, as actions name it in
    /// [`ActionInfo::error_statuses`](crate::ActionInfo::error_statuses).
    pub name: &'static str,
    decode: fn(&[u8]) -> Option<Details>,
}

impl ErrorSchema {
    /// The schema documented as `name`, whose bodies decode into `T`.
    pub const fn of<T: DeserializeOwned + Send + Sync + 'static>(name: &'static str) -> Self {
        ErrorSchema { name, decode: decode::<T> }
    }

    /// The body decoded into the schema's type, when it decodes.
    pub(crate) fn decode(&self, body: &[u8]) -> Option<Details> {
        (self.decode)(body)
    }
}

fn decode<T: DeserializeOwned + Send + Sync + 'static>(body: &[u8]) -> Option<Details> {
    serde_json::from_slice::<T>(body).ok().map(|value| Arc::new(value) as Details)
}

// By name: the address of a decoder is no identity (the same function can
// have two addresses, two functions one), and a name is one schema.
impl PartialEq for ErrorSchema {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for ErrorSchema {}

impl fmt::Debug for ErrorSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ErrorSchema").field(&self.name).finish()
    }
}

/// The typed body of `details`, when it is a `T`.
pub(crate) fn downcast<T: Any>(details: &Details) -> Option<&T> {
    details.downcast_ref::<T>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Invalid {
        fields: Vec<String>,
    }

    #[test]
    fn a_schema_decodes_into_its_own_type_only() {
        const SCHEMA: ErrorSchema = ErrorSchema::of::<Invalid>("invalid");
        let details = SCHEMA.decode(br#"{"fields": ["name"], "message": "bad"}"#).expect("decodes");
        assert_eq!(downcast::<Invalid>(&details), Some(&Invalid { fields: vec!["name".into()] }));
        assert!(downcast::<serde_json::Value>(&details).is_none());
        assert!(SCHEMA.decode(br#"{"fields": "name"}"#).is_none());
        assert!(SCHEMA.decode(b"not json").is_none());
    }

    #[test]
    fn schemas_compare_by_name() {
        assert_eq!(ErrorSchema::of::<Invalid>("invalid"), ErrorSchema::of::<serde_json::Value>("invalid"));
        assert_ne!(ErrorSchema::of::<Invalid>("invalid"), ErrorSchema::of::<Invalid>("other"));
        assert_eq!(format!("{:?}", ErrorSchema::of::<Invalid>("invalid")), r#"ErrorSchema("invalid")"#);
    }
}
