//! The `keys` golden: a response keeps every key, a one-of picks its
//! strictest alternative, numbers encode as JSON writes them.

use generator_goldens::generated::keys::types::{Point, Sensor, SensorPost, Trigger};
use restspec_runtime::serde_json::{self, Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap()
}

#[test]
fn a_response_keeps_keys_it_does_not_declare_and_re_encodes_exactly() {
    let body = json!({
        "id": "s1",
        "reading": 2,
        "history": [1, null, 2.5],
        "position": {"x": 0, "y": 1.5, "z": 3},
        "trigger": {"seconds": 60},
        "labels": {"site": "north", "floor": "2"},
        "firmware": {"version": "v2", "build": 7},
        "_links": null
    });
    let sensor: Sensor = decode(&body);
    assert_eq!(sensor.additional.get("firmware"), Some(&json!({"version": "v2", "build": 7})));
    assert_eq!(sensor.additional.get("_links"), Some(&Value::Null));
    assert_eq!(sensor.additional.len(), 2);
    let position = sensor.position.as_ref().unwrap();
    assert_eq!(position.additional.get("z"), Some(&json!(3)), "a closed object's extra key is kept too");
    let labels = sensor.labels.as_ref().unwrap();
    assert_eq!(
        labels.additional.get("floor").map(String::as_str),
        Some("2"),
        "a declared `additional` is the catch-all"
    );
    // The same JSON, whole numbers as integers (`Value` equality tells `2`
    // from `2.0`).
    let again = serde_json::to_value(&sensor).unwrap();
    assert_eq!(again, body);
    assert_eq!(again["reading"].to_string(), "2");
}

#[test]
fn a_one_of_takes_the_alternative_that_keeps_no_unknown_key() {
    // Both alternatives re-encode `{"seconds": 60}` exactly (the webhook
    // with `seconds` in its catch-all); the timer declares it.
    let cases = [
        (json!({"seconds": 60}), "Timer", 0),
        (json!({"url": "https://example.com/hook"}), "Webhook", 0),
        // Neither declares everything: the fewest unknown keys wins.
        (json!({"url": "u", "method": "POST", "seconds": 5, "x": 1}), "Webhook", 2),
        (json!({"seconds": 5, "x": 1}), "Timer", 1),
        // Equal counts: the first alternative.
        (json!({"x": 1}), "Webhook", 1),
    ];
    for (value, expected, unknown) in cases {
        let trigger: Trigger = decode(&value);
        let (variant, kept) = match &trigger {
            Trigger::Webhook(w) => ("Webhook", w.additional.len()),
            Trigger::Timer(t) => ("Timer", t.additional.len()),
            Trigger::Other(_) => ("Other", 0),
        };
        assert_eq!((variant, kept), (expected, unknown), "{value}");
        assert_eq!(serde_json::to_value(&trigger).unwrap(), value);
    }
    // No alternative takes a number: kept as it came.
    assert_eq!(decode::<Trigger>(&json!(5)), Trigger::Other(json!(5)));
}

#[test]
fn numbers_encode_whole_values_as_integers_and_fractions_as_they_are() {
    let post = SensorPost::new().reading(3.0).position(Point::new(1.0, 2.25));
    assert_eq!(serde_json::to_string(&post).unwrap(), r#"{"reading":3,"position":{"x":1,"y":2.25}}"#);
    let post = SensorPost::new().reading(-0.5);
    assert_eq!(serde_json::to_string(&post).unwrap(), r#"{"reading":-0.5}"#);
}

#[test]
fn request_only_structs_have_no_catch_all() {
    // `SensorPost` ignores what it does not declare (it is never decoded
    // from a response); the compile-time shape says so: no `additional`.
    let post: SensorPost = decode(&json!({"reading": 1, "other": true}));
    assert_eq!(serde_json::to_value(&post).unwrap(), json!({"reading": 1}));
}
