//! A check for the tests generated clients carry: a documented example
//! must decode into its type and encode back to the same JSON, or the type
//! loses data.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::one_of::same_json;

/// Decodes the JSON text `example` as `T` and encodes it again; the error
/// says what went wrong (numbers are compared by value).
///
/// # Errors
///
/// When the example is not JSON, does not decode, or re-encodes to other
/// JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(example: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(example).map_err(|e| format!("not JSON: {e}"))?;
    let decoded: T = T::deserialize(&value).map_err(|e| format!("does not decode: {e}"))?;
    let again = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    if same_json(&again, &value) { Ok(()) } else { Err(format!("re-encodes as {again}, not {value}")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_types_fail() {
        assert_eq!(round_trip::<Vec<f64>>("[1, 2.5]"), Ok(()));
        assert!(round_trip::<Option<i64>>("[1]").unwrap_err().starts_with("does not decode"));
        assert!(round_trip::<std::collections::BTreeMap<String, ()>>(r#"{"a": 1}"#).is_err());
    }
}
