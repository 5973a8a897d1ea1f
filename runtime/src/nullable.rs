//! Values the API documents as possibly `null` ([`Nullable`]). Generated
//! decoders keep a present `null` apart from an absent key themselves (see
//! `de`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that may be JSON `null`.
///
/// JSON has two ways to say "no value" in an object: leave the key out, or
/// write `null`. An API may treat them differently (in a request, leaving
/// `parentId` out can keep a device where it is while `"parentId": null`
/// moves it to the root), so a field that may be `null` is a `Nullable`,
/// and one that may also be absent is an `Option<Nullable<T>>`: `None`
/// (absent), `Some(Nullable::Null)` (`null`), `Some(Nullable::Value(v))`.
/// Generated types decode such a field so that a present `null` stays
/// `Some(Nullable::Null)` where serde's `Option` alone would make it
/// `None`; encoding leaves `None` out and writes `Null` as `null`, so every
/// value re-encodes to the JSON it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// JSON `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, by reference, or `None` for `null`.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// The value, by mutable reference, or `None` for `null`.
    pub fn as_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// The value, or `None` for `null`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// `None` is `null`.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            None => Nullable::Null,
            Some(value) => Nullable::Value(value),
        }
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    fn from(value: Nullable<T>) -> Self {
        value.into_option()
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nullable::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a generated decoder does for an optional nullable field: a
    /// present key, `null` included, is `Some`.
    fn deserialize_present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Thing {
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_present")]
        parent: Option<Nullable<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_present")]
        boxed: Option<Box<Nullable<i64>>>,
        always: Nullable<Vec<Nullable<i64>>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        for (text, parent) in [
            (r#"{"always":null}"#, None),
            (r#"{"parent":null,"always":null}"#, Some(Nullable::Null)),
            (r#"{"parent":"p","always":null}"#, Some(Nullable::Value("p".to_owned()))),
        ] {
            let thing: Thing = serde_json::from_str(text).unwrap();
            assert_eq!(thing.parent, parent);
            assert_eq!(serde_json::to_string(&thing).unwrap(), text);
        }
        let text = r#"{"boxed":null,"always":[1,null]}"#;
        let thing: Thing = serde_json::from_str(text).unwrap();
        assert_eq!(thing.boxed, Some(Box::new(Nullable::Null)));
        assert_eq!(thing.always, Nullable::Value(vec![Nullable::Value(1), Nullable::Null]));
        assert_eq!(serde_json::to_string(&thing).unwrap(), text);
    }

    #[test]
    fn conversions() {
        assert_eq!(Nullable::from(3).as_ref(), Some(&3));
        assert_eq!(Nullable::<i64>::from(None).into_option(), None);
        assert!(Nullable::<i64>::Null.is_null());
        assert_eq!(Option::from(Nullable::Value(1)), Some(1));
    }
}
