//! Decoding values that are one of several shapes without losing data.
//!
//! Generated one-of types decode through a [`serde_json::Value`]: when the
//! alternatives have a discriminator (a property with a distinct value per
//! alternative), its value picks the alternative ([`tag`], [`tagged`]);
//! otherwise the alternatives are tried in order ([`strictest`]) and the
//! strictest exact fit wins: an alternative whose decoded value encodes back
//! to the same JSON ([`fit`]), preferring one that put no key in a struct's
//! catch-all of undeclared keys, then the one that put the fewest there;
//! when none encodes back exactly, the value is kept as it came, in the
//! type's `Other` variant. So an alternative whose optional fields and
//! catch-all make it accept every object never swallows another's data, and
//! a timer trigger `{"type": "timer", "seconds": 60}` is never a webhook
//! trigger with `seconds` among its unknown keys.
//!
//! Counting unknown keys: a response struct keeps the keys it does not
//! declare in a flattened [`crate::OtherKeys`], decoded by [`other_keys`],
//! which adds their number to a per-thread counter. [`fit`] reads the counter around one
//! decoding (saving and restoring the outer count), so the count covers the
//! whole value, nested structs included, and a nested one-of adds the count
//! of the alternative it chose (and one for a value it kept in `Other`).

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

thread_local! {
    /// Keys put into catch-alls by the decoding under way on this thread.
    static UNKNOWN_KEYS: Cell<usize> = const { Cell::new(0) };
}

pub(crate) fn add_unknown(n: usize) {
    UNKNOWN_KEYS.with(|c| c.set(c.get().saturating_add(n)));
}

/// Runs `decode` with the counter at zero; returns its result and the keys
/// it put into catch-alls, and leaves the outer count as it was.
fn counting<T>(decode: impl FnOnce() -> T) -> (T, usize) {
    let outer = UNKNOWN_KEYS.with(|c| c.replace(0));
    let result = decode();
    let inner = UNKNOWN_KEYS.with(|c| c.replace(outer));
    (result, inner)
}

/// Decodes a struct's catch-all (what [`crate::OtherKeys`] decodes with,
/// or `#[serde(flatten, deserialize_with = "...")]` on a map): the keys the
/// struct does not declare, with their values, as they came. Their number
/// counts against the struct in [`fit`].
///
/// # Errors
///
/// Those of decoding a map of JSON values.
pub fn other_keys<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, Value>, D::Error> {
    let keys = BTreeMap::<String, Value>::deserialize(deserializer)?;
    add_unknown(keys.len());
    Ok(keys)
}

/// The string value of `property` of an object, if it has one.
pub fn tag<'a>(value: &'a Value, property: &str) -> Option<&'a str> {
    value.get(property)?.as_str()
}

/// The value decoded as `T`, the alternative its discriminator names (keys
/// `T` does not declare land in its catch-all, or are ignored by a request
/// type).
pub fn tagged<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The value decoded as `T`, if `T` encodes it back to the same JSON
/// (numbers compared by value, so `1` and `1.0` are the same), with the
/// number of keys that decoding put into catch-alls.
pub fn fit<T: DeserializeOwned + Serialize>(value: &Value) -> Option<(T, usize)> {
    let (decoded, unknown) = counting(|| T::deserialize(value));
    let decoded = decoded.ok()?;
    let encoded = serde_json::to_value(&decoded).ok()?;
    same_json(&encoded, value).then_some((decoded, unknown))
}

/// [`fit`], wrapped in a one-of's variant (`variant` is its constructor):
/// one alternative's [`Try`].
pub fn fit_as<T: DeserializeOwned + Serialize, U>(value: &Value, variant: fn(T) -> U) -> Option<(U, usize)> {
    fit(value).map(|(decoded, unknown)| (variant(decoded), unknown))
}

/// The value decoded as `T`, if `T` encodes it back to the same JSON with no
/// key in a catch-all.
pub fn exact<T: DeserializeOwned + Serialize>(value: &Value) -> Option<T> {
    fit(value).and_then(|(decoded, unknown)| (unknown == 0).then_some(decoded))
}

/// One way of decoding a one-of: an alternative's [`fit`], wrapped in its
/// variant.
pub type Try<T> = fn(&Value) -> Option<(T, usize)>;

/// The strictest fit of `value` among the alternatives, tried in order: the
/// first that fits with no unknown key, else the one with the fewest
/// unknown keys (the first of equals), else `None` (the caller keeps the
/// value in `Other`). The chosen alternative's unknown keys (one for
/// `None`) count for the enclosing value's own fit.
pub fn strictest<T>(value: &Value, tries: &[Try<T>]) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for attempt in tries {
        match attempt(value) {
            Some((decoded, 0)) => return Some(decoded),
            Some((decoded, unknown)) if best.as_ref().is_none_or(|(_, fewest)| unknown < *fewest) => {
                best = Some((decoded, unknown));
            }
            _ => {}
        }
    }
    add_unknown(best.as_ref().map_or(1, |(_, unknown)| *unknown));
    best.map(|(decoded, _)| decoded)
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
    use serde_json::json;

    use super::*;

    /// A response struct as generated: optional fields and a catch-all.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Webhook {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(flatten, deserialize_with = "other_keys")]
        additional: BTreeMap<String, Value>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Timer {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        seconds: Option<i64>,
        #[serde(flatten, deserialize_with = "other_keys")]
        additional: BTreeMap<String, Value>,
    }

    /// A request struct: no catch-all, unknown keys ignored.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Plain {
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        trigger: Trigger,
        #[serde(flatten, deserialize_with = "other_keys")]
        additional: BTreeMap<String, Value>,
    }

    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Trigger {
        Webhook(Box<Webhook>),
        Timer(Box<Timer>),
        Other(Value),
    }

    impl<'de> Deserialize<'de> for Trigger {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            let tries: [Try<Trigger>; 2] =
                [|v| fit_as(v, Trigger::Webhook), |v| fit(v).map(|(d, n)| (Trigger::Timer(d), n))];
            Ok(strictest(&value, &tries).unwrap_or(Trigger::Other(value)))
        }
    }

    #[test]
    fn the_strictest_fit_wins_over_the_first() {
        let timer: Trigger = serde_json::from_value(json!({"type": "timer", "seconds": 60})).unwrap();
        assert!(matches!(&timer, Trigger::Timer(t) if t.seconds == Some(60) && t.additional.is_empty()), "{timer:?}");
        let hook: Trigger = serde_json::from_value(json!({"type": "webhook", "url": "https://x"})).unwrap();
        assert!(matches!(&hook, Trigger::Webhook(w) if w.additional.is_empty()), "{hook:?}");
        // Both take it with one unknown key: the first of equals.
        let odd = json!({"type": "x", "url": "u", "seconds": 1, "extra": true});
        let decoded: Trigger = serde_json::from_value(odd.clone()).unwrap();
        assert!(matches!(&decoded, Trigger::Webhook(w) if w.additional.len() == 2), "{decoded:?}");
        // Fewest unknown keys: the timer keeps one, the webhook two.
        let fewer = json!({"type": "x", "seconds": 1, "extra": true});
        let decoded: Trigger = serde_json::from_value(fewer.clone()).unwrap();
        assert!(matches!(&decoded, Trigger::Timer(t) if t.additional.len() == 1), "{decoded:?}");
        assert_eq!(serde_json::to_value(&decoded).unwrap(), fewer);
        // Nothing fits exactly (a type that does not decode): kept as it came.
        let other: Trigger = serde_json::from_value(json!({"type": 1})).unwrap();
        assert_eq!(other, Trigger::Other(json!({"type": 1})));
        assert!(matches!(serde_json::from_value(json!("text")).unwrap(), Trigger::Other(_)));
    }

    #[test]
    fn unknown_keys_count_through_nesting_and_restore_the_outer_count() {
        let nested = json!({"trigger": {"type": "timer", "seconds": 1}, "a": 1});
        assert_eq!(fit::<Holder>(&nested).map(|(_, n)| n), Some(1));
        let deeper = json!({"trigger": {"type": "timer", "seconds": 1, "b": 2, "c": 3}});
        assert_eq!(fit::<Holder>(&deeper).map(|(_, n)| n), Some(2));
        let kept = json!({"trigger": 5});
        assert_eq!(fit::<Holder>(&kept).map(|(_, n)| n), Some(1), "a nested Other counts one");
        add_unknown(7);
        let _ = fit::<Holder>(&deeper);
        assert_eq!(UNKNOWN_KEYS.with(Cell::get), 7);
        UNKNOWN_KEYS.with(|c| c.set(0));
    }

    #[test]
    fn exact_refuses_a_fit_that_drops_or_keeps_unknown_keys() {
        let timer = json!({"type": "timer", "seconds": 60});
        assert_eq!(exact::<Plain>(&timer), None, "a request type drops keys: no fit");
        assert_eq!(exact::<Webhook>(&timer), None, "a catch-all keeps them: a fit, not exact");
        assert_eq!(fit::<Webhook>(&timer).map(|(w, n)| (w.additional.len(), n)), Some((1, 1)));
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
