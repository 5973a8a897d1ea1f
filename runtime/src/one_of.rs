//! Decoding values that are one of several shapes without losing data.
//!
//! Generated one-of types decode through a [`serde_json::Value`]: when the
//! alternatives have a discriminator (a property with a distinct value per
//! alternative), its value picks the alternative ([`tag`], [`tagged`]);
//! otherwise the alternatives are tried in order and the first whose decoded
//! value encodes back to the same JSON wins ([`exact`]); when none does, the
//! value is kept as it came, in the type's `Other` variant. So an alternative
//! whose optional fields and ignored keys make it accept everything never
//! swallows another's data.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The string value of `property` of an object, if it has one.
pub fn tag<'a>(value: &'a Value, property: &str) -> Option<&'a str> {
    value.get(property)?.as_str()
}

/// The value decoded as `T`, the alternative its discriminator names: as
/// every response type, leniently (keys `T` does not know are ignored).
pub fn tagged<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The value decoded as `T`, if `T` encodes it back to the same JSON
/// (numbers compared by value, so `1` and `1.0` are the same).
pub fn exact<T: DeserializeOwned + Serialize>(value: &Value) -> Option<T> {
    let decoded = T::deserialize(value).ok()?;
    let encoded = serde_json::to_value(&decoded).ok()?;
    same_json(&encoded, value).then_some(decoded)
}

/// Whether two JSON values are equal, numbers compared by value.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, a)| y.get(k).is_some_and(|b| same_json(a, b)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Webhook {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }

    #[test]
    fn exact_refuses_a_fit_that_drops_keys() {
        let timer = json!({"type": "timer", "seconds": 60});
        assert_eq!(exact::<Webhook>(&timer), None);
        assert!(tagged::<Webhook>(&timer).is_some());
        let hook = json!({"type": "webhook", "url": "https://example.com"});
        assert_eq!(exact::<Webhook>(&hook).map(|w| w.url), Some(Some("https://example.com".into())));
        assert_eq!(tag(&hook, "type"), Some("webhook"));
        assert_eq!(tag(&json!([1]), "type"), None);
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(exact::<f64>(&json!(1)), Some(1.0));
        assert_eq!(exact::<i64>(&json!(1.5)), None);
        assert!(same_json(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(!same_json(&json!(1), &json!(2)));
    }
}
