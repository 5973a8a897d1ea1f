//! Enums as the Losant data has them (`spec/resources/enumValues.yaml`):
//! values that differ only in case, the empty string, `*`, `none`, and
//! integer, number and boolean enums, sent and decoded byte for byte.

mod common;

use common::{Expect, client, only_request, server_answering};
// One type per set of values: the `level` param and the `qos` properties
// share `Qos` (the `flag` param and property, with one allowed value, are
// `bool`s); this `sortDirection`'s
// values differ from the devices' (declared twice, so theirs keeps the bare
// name `SortDirection`), so it is qualified by its resource.
use kinds_client::enum_values::{EnumValuesSortDirection as SortDirection, Ratio};
use kinds_client::types::{Enabled, EnumDirection, EnumValuesPost, EnumValuesResult, Qos, Scale};
use serde_json::json;

const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";

fn path() -> String {
    format!("/applications/{APPLICATION_ID}/enum-values")
}

/// Every kind in the query and the body goes out as the spec wrote it: `ASC`
/// (not `asc`), `""`, `2`, `0.5`, `true`, and the number `1` as `1`, not
/// `1.0`; the response's known and unknown values decode.
#[tokio::test]
async fn enum_values_travel_exactly() {
    let server = server_answering(200, json!({"direction": "*", "qos": 2, "scale": 2.5, "flag": true})).await;
    let body = EnumValuesPost::new(Qos::V0).direction(EnumDirection::Empty).scale(Scale::V1).enabled(Enabled::False);
    let response = client(&server)
        .enum_values()
        .post(APPLICATION_ID, body)
        .sort_direction(SortDirection::AscUpper)
        .level(Qos::V2)
        .ratio(Ratio::V0_5)
        .flag(true)
        .send()
        .await
        .unwrap();
    let seen = only_request(&server).await;
    Expect::new("POST", path())
        .query(&[("sortDirection", "ASC"), ("level", "2"), ("ratio", "0.5"), ("flag", "true")])
        .json(json!({"direction": "", "qos": 0, "scale": 1, "enabled": false}))
        .check(&seen);
    assert_eq!(String::from_utf8_lossy(&seen.body), r#"{"direction":"","qos":0,"scale":1,"enabled":false}"#);
    let expected = EnumValuesResult::new().direction(EnumDirection::Star).qos(Qos::V2).scale(Scale::V2_5).flag(true);
    assert_eq!(response, expected);
}

/// Values a response carries that the spec does not list are kept, of
/// their type; values that differ only in case stay apart.
#[tokio::test]
async fn unknown_values_of_every_kind_are_kept() {
    let server = server_answering(200, json!({"direction": "DESC", "qos": 7, "scale": 3.25, "flag": false})).await;
    let response =
        client(&server).enum_values().post(APPLICATION_ID, EnumValuesPost::new(Qos::V1)).send().await.unwrap();
    let expected = EnumValuesResult::new()
        .direction(EnumDirection::from("DESC"))
        .qos(Qos::from(7))
        .scale(Scale::from(3.25))
        .flag(false);
    assert_eq!(response, expected);

    for (wire, variant) in [
        ("", EnumDirection::Empty),
        ("*", EnumDirection::Star),
        ("asc", EnumDirection::AscLower),
        ("ASC", EnumDirection::AscUpper),
        ("none", EnumDirection::NoneValue),
    ] {
        let decoded: EnumDirection = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(decoded, variant);
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
    }
}

/// Request-only enums refuse values the spec does not list, by their exact
/// spelling, and show themselves as their wire values.
#[test]
fn closed_enums_parse_and_show_their_exact_values() {
    assert_eq!("ASC".parse::<SortDirection>(), Ok(SortDirection::AscUpper));
    assert_eq!("asc".parse::<SortDirection>(), Ok(SortDirection::AscLower));
    let refused = "Asc".parse::<SortDirection>().unwrap_err();
    assert_eq!(
        refused.to_string(),
        "`Asc` is not a value of EnumValuesSortDirection (expected one of: `asc`, `desc`, `ASC`, `DESC`)"
    );
    assert_eq!((refused.value(), refused.expected()), ("Asc", &["asc", "desc", "ASC", "DESC"][..]));
    assert_eq!(SortDirection::try_from("DESC"), Ok(SortDirection::DescUpper));
    assert_eq!(Qos::from(1), Qos::V1);
    // `Qos` is shared with a response, so it keeps values it does not list;
    // `Ratio`, only ever sent, refuses them.
    assert!(matches!(Qos::from(3), Qos::Unknown(v) if v.get() == 3));
    assert_eq!(
        Ratio::try_from(3.0).unwrap_err().to_string(),
        "`3` is not a value of Ratio (expected one of: `0.5`, `1`)"
    );
    assert_eq!(Qos::V2.as_i64(), 2);
    assert_eq!(Ratio::V0_5.to_string(), "0.5");
    assert_eq!(Ratio::V1.as_f64(), 1.0);
    assert_eq!(Ratio::try_from(1.0), Ok(Ratio::V1));
    assert_eq!(Enabled::from(false), Enabled::False);
    assert!(serde_json::from_value::<Ratio>(json!(5)).is_err());
    assert!(serde_json::from_value::<Qos>(json!("1")).is_err());
    assert_eq!(serde_json::from_value::<Scale>(json!(1)).unwrap(), Scale::V1);
    assert_eq!(serde_json::to_string(&Scale::V2_5).unwrap(), "2.5");
}
