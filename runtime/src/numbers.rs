//! Numbers as JSON writes them.
//!
//! A `number` of the spec is an `f64`, which serde_json writes with a
//! fraction (`2.0`) even when the value is whole. The API's documents and
//! the official JavaScript client (`JSON.stringify`) write a whole number
//! without one (`2`), so every field whose type contains a number encodes
//! through [`serialize`] (`#[serde(serialize_with = "...")]`): a whole
//! value within `i64` is written as an integer, any other as it is. Decoding
//! is unchanged (`2` and `2.0` both decode as `2.0`).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::Nullable;

/// A value that contains numbers, written with whole numbers as integers.
pub trait WholeNumbers {
    /// Writes the value, whole `f64`s as integers.
    ///
    /// # Errors
    ///
    /// Those of the serializer.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Writes `value` with whole `f64`s as integers (for `serialize_with`).
///
/// # Errors
///
/// Those of the serializer.
pub fn serialize<T: WholeNumbers + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.write(serializer)
}

/// `value` as serde sees it, written by [`WholeNumbers`].
struct Whole<'a, T: ?Sized>(&'a T);

impl<T: WholeNumbers + ?Sized> Serialize for Whole<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// The largest magnitude below which every whole `f64` is an exact `i64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl WholeNumbers for f64 {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && self.abs() <= EXACT {
            // Exact: the value is whole and within 2^53.
            #[allow(clippy::cast_possible_truncation)]
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

impl<T: WholeNumbers> WholeNumbers for Option<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            None => serializer.serialize_none(),
            Some(value) => serializer.serialize_some(&Whole(value)),
        }
    }
}

impl<T: WholeNumbers> WholeNumbers for Nullable<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.write(serializer),
        }
    }
}

impl<T: WholeNumbers + ?Sized> WholeNumbers for Box<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write(serializer)
    }
}

impl<T: WholeNumbers> WholeNumbers for Vec<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Whole))
    }
}

impl<T: WholeNumbers> WholeNumbers for BTreeMap<String, T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Whole(v))))
    }
}

/// Rewrites the whole `f64` numbers of a JSON value as integers, as
/// [`WholeNumbers`] writes them: for values that reach the query string
/// through [`serde_json::to_value`] from a type that has no field to carry
/// `serialize_with` (a list of numbers).
pub(crate) fn whole_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|x| n.is_f64() && x.fract() == 0.0 && x.abs() <= EXACT) {
                // Exact: the value is whole and within 2^53.
                #[allow(clippy::cast_possible_truncation)]
                let whole = x as i64;
                *n = whole.into();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_value),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    struct Reading {
        #[serde(serialize_with = "serialize")]
        value: f64,
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize")]
        limits: Option<Vec<Nullable<f64>>>,
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize")]
        boxed: Option<Box<f64>>,
        #[serde(flatten, serialize_with = "serialize")]
        additional: BTreeMap<String, f64>,
    }

    #[test]
    fn whole_numbers_are_written_as_integers_and_fractions_as_they_are() {
        let text = r#"{"value":2,"limits":[0,null,-3,2.5,1e+300],"boxed":-0.5,"x":7}"#;
        let reading: Reading = serde_json::from_str(text).unwrap();
        assert_eq!(reading.value.to_bits(), 2.0_f64.to_bits());
        assert_eq!(serde_json::to_string(&reading).unwrap(), text);
        let mut out = Vec::new();
        serialize(&vec![1.0, 0.25, -0.0, 9_007_199_254_740_993.0], &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[1,0.25,0,9007199254740992]");
        assert_eq!(serde_json::to_value(Whole(&2.0_f64)).unwrap(), json!(2));
        let mut value = json!({"a": [2.0, 2.5, -0.0, 3], "b": 1e300});
        whole_value(&mut value);
        assert_eq!(value.to_string(), r#"{"a":[2,2.5,0,3],"b":1e+300}"#);
    }
}
