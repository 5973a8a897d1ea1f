//! What every generated enum shares: the payload of its `Unknown` fallback,
//! the error of a value it does not list, and its decoder.
//!
//! Generated enums keep only what must differ per enum (the variants, the
//! `match` from variant to wire value and back) and reach the rest here, so
//! that a client with hundreds of enums compiles one decoder per enum, not
//! one visitor each.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// A value an open enum does not list, kept as the server sent it: the
/// payload of the enum's `Unknown` variant.
///
/// Only the enum's conversions build one, and they build one only for a
/// value the enum does not list, so `Unknown` never stands for a listed
/// value: `SortDirection::from("asc")` is the `asc` variant, and two values
/// of an enum are equal exactly when their wire values are. Read it with
/// [`as_str`](UnknownValue::as_str) (a string enum's) or
/// [`get`](UnknownValue::get) (an integer, number or boolean enum's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl UnknownValue<String> {
    /// The value as it travels on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<T: Copy> UnknownValue<T> {
    /// The value as it travels on the wire.
    pub fn get(&self) -> T {
        self.0
    }
}

impl<T> UnknownValue<T> {
    /// The value itself.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[doc(hidden)]
/// The payload of a string enum's `Unknown` variant, for a value its
/// conversion found unlisted (generated code only).
pub fn unknown(value: &str) -> UnknownValue {
    UnknownValue(value.to_owned())
}

#[doc(hidden)]
/// [`unknown`] for an owned value, which it keeps without a copy.
pub fn unknown_owned(value: String) -> UnknownValue {
    UnknownValue(value)
}

#[doc(hidden)]
/// The payload of an integer, number or boolean enum's `Unknown` variant
/// (generated code only).
pub fn unknown_scalar<T: Copy>(value: T) -> UnknownValue<T> {
    UnknownValue(value)
}

/// A value that a closed enum (one only requests carry) does not list: the
/// error of its `FromStr` and `TryFrom`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    value: String,
    enum_name: &'static str,
    expected: &'static [&'static str],
}

impl ParseEnumError {
    #[doc(hidden)]
    /// The error for `value`, which the enum `enum_name`, listing
    /// `expected`, does not list (generated code only).
    pub fn new(value: impl fmt::Display, enum_name: &'static str, expected: &'static [&'static str]) -> Self {
        ParseEnumError { value: value.to_string(), enum_name, expected }
    }

    /// The value that was refused (a number or boolean as its JSON text).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The name of the enum.
    pub fn enum_name(&self) -> &'static str {
        self.enum_name
    }

    /// The values the enum lists, as they travel on the wire.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a value of {} (expected one of: ", self.value, self.enum_name)?;
        for (i, value) in self.expected.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}`{value}`")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for ParseEnumError {}

#[doc(hidden)]
/// Decodes a string enum from a JSON string through its `FromStr`, without
/// copying a value it lists (generated code only).
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(StrVisitor(PhantomData))
}

struct StrVisitor<T>(PhantomData<T>);

impl<T> serde::de::Visitor<'_> for StrVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_value_names_the_enum_and_what_it_lists() {
        let error = ParseEnumError::new("up", "SortDirection", &["asc", "desc"]);
        assert_eq!(error.to_string(), "`up` is not a value of SortDirection (expected one of: `asc`, `desc`)");
        assert_eq!((error.value(), error.enum_name(), error.expected()), ("up", "SortDirection", &["asc", "desc"][..]));
        assert_eq!(ParseEnumError::new(7, "Level", &["1", "2"]).value(), "7");
    }

    #[test]
    fn unknown_values_read_back_as_sent() {
        assert_eq!(unknown("later").as_str(), "later");
        assert_eq!(unknown_owned("later".into()), unknown("later"));
        assert_eq!(unknown_scalar(7_i64).get(), 7);
        assert_eq!(unknown("x").to_string(), "x");
        assert_eq!(unknown_scalar(1.5).into_inner(), 1.5);
    }
}
