//! What generated `Deserialize` impls of structs share.
//!
//! Generated structs decode through a small visitor of their own: one match
//! arm per property, a duplicate check, and the keys no property takes put
//! into the catch-all (or ignored). serde's derive writes much more per
//! struct (a field enum with its own visitor, string and byte matchers, a
//! sequence visitor, wrapper types for `deserialize_with`, buffering for
//! `flatten`), and with a few hundred response types that had been about
//! half of compiling a client. What every struct needs alike lives here,
//! once. The decoding itself is the same: the same errors (`missing field`,
//! `duplicate field`, `expected struct ...`), `null` and absence told apart
//! where a field says so, nothing dropped.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::nullable::Nullable;
use crate::other_keys::OtherKeys;

/// An object's key: borrowed from the input when the format can, copied
/// otherwise (an escaped key, or a format that owns its strings).
#[derive(Debug)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied.
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    /// The key as an owned string, for a map.
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The next key of `map`, if any.
///
/// # Errors
///
/// Those of `map`, and a key that is not a string.
pub fn key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key()
}

/// The value of the property `name` whose key `map` just gave, marked seen
/// in `seen`: one call per match arm of a generated visitor.
///
/// # Errors
///
/// `duplicate field` when `seen` was set, and those of decoding a `T`.
pub fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    seen: &mut bool,
    name: &'static str,
) -> Result<T, A::Error> {
    // A key twice is refused, as serde's derive refuses it, rather than
    // keep one of the values.
    if std::mem::replace(seen, true) {
        return Err(de::Error::duplicate_field(name));
    }
    map.next_value()
}

/// A required property's value; an error if the object lacked it.
///
/// # Errors
///
/// `missing field` when `value` is `None`.
pub fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// A required nullable property's value, `null` when the object lacked it:
/// the leniency serde's derive has for every `Option`-like type, kept.
pub fn nullable<T: OrNull>(value: Option<T>) -> T {
    value.unwrap_or_else(T::null)
}

/// What a required nullable property's type is: a [`Nullable`], boxed when
/// its schema contains itself.
pub trait OrNull {
    /// `null`.
    fn null() -> Self;
}

impl<T> OrNull for Nullable<T> {
    fn null() -> Self {
        Nullable::Null
    }
}

impl<T> OrNull for Box<Nullable<T>> {
    fn null() -> Self {
        Box::new(Nullable::Null)
    }
}

/// The catch-all of a decoded struct, from the keys it did not declare:
/// counted against the struct when a one-of weighs its alternatives, and
/// told which keys the API documents as secrets, as the catch-all's own
/// `Deserialize` does.
pub fn other_keys(keys: BTreeMap<String, Value>) -> OtherKeys {
    crate::one_of::add_unknown(keys.len());
    OtherKeys::decoded(keys)
}
