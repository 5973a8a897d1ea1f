//! The types as a user of the crate sees them: one enum for one set of
//! values across the API, enums that convert the same ways, integer setters
//! that take plain literals, page numbers as `usize`, and date-times that
//! keep their text. Requests go to a real HTTP server on 127.0.0.1.

mod common;

use std::convert::Infallible;
use std::fmt::{Debug, Display};
use std::str::FromStr;

use common::{client, received, server_answering};
use losant_rest::devices::DevicesSortField;
use losant_rest::runtime::DateTime;
use losant_rest::types::{
    ActivationStatus, ActorType, ApiToken, ApiTokenPost, Connected, DeviceClass, Role, SortDirection,
};
use losant_rest::{Client, Error};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

const APP: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a96";

/// A caller's helper, written once against `SortDirection`: every list
/// action's `sort_direction` takes that one type.
async fn newest_first(client: &Client, direction: SortDirection) -> Result<(), Error> {
    client.devices().get(APP).sort_direction(direction.clone()).send().await?;
    client.dashboards().get().sort_direction(direction.clone()).send().await?;
    client.application_api_tokens().get(APP).sort_direction(direction).send().await?;
    Ok(())
}

#[tokio::test]
async fn one_sort_direction_type_serves_every_list_action() {
    let server = server_answering(200, json!({"items": [], "count": 0, "totalCount": 0})).await;
    newest_first(&client(&server), SortDirection::Desc).await.unwrap();
    let sent: Vec<(String, Option<String>)> = received(&server)
        .await
        .into_iter()
        .map(|r| {
            let direction = r.query.iter().find(|(k, _)| k == "sortDirection").map(|(_, v)| v.clone());
            (r.path, direction)
        })
        .collect();
    assert_eq!(
        sent,
        [
            (format!("/applications/{APP}/devices"), Some("desc".to_owned())),
            ("/dashboards".to_owned(), Some("desc".to_owned())),
            (format!("/applications/{APP}/tokens"), Some("desc".to_owned())),
        ]
    );
}

/// Every conversion of an open enum for `wire`, checked against each other:
/// `From<&str>`, `From<String>`, `FromStr`, `Display`, serde both ways.
fn open<E>(wire: &str) -> E
where
    E: for<'a> From<&'a str> + From<String> + FromStr<Err = Infallible> + Display + PartialEq + Debug,
    E: Serialize + DeserializeOwned,
{
    let value = E::from(wire);
    assert_eq!(E::from(wire.to_owned()), value, "From<String> {wire}");
    assert_eq!(wire.parse::<E>().unwrap(), value, "FromStr {wire}");
    assert_eq!(try_from::<E>(wire), value, "TryFrom {wire}");
    assert_eq!(value.to_string(), wire, "Display {wire}");
    assert_eq!(serde_json::from_value::<E>(json!(wire)).unwrap(), value, "decode {wire}");
    assert_eq!(serde_json::to_value(&value).unwrap(), json!(wire), "encode {wire}");
    value
}

/// `TryFrom<&str>`, which an open enum has through its `From<&str>`.
fn try_from<E: for<'a> TryFrom<&'a str, Error = Infallible>>(wire: &str) -> E {
    E::try_from(wire).unwrap_or_else(|never| match never {})
}

#[test]
fn open_enums_convert_the_same_ways_and_unknown_never_holds_a_listed_value() {
    // Listed values are their variants, however they are made.
    assert_eq!(open::<ActivationStatus>("active"), ActivationStatus::Active);
    assert_eq!(open::<ActorType>("apiToken"), ActorType::ApiToken);
    assert_eq!(open::<Role>("none"), Role::NoneValue);
    assert_eq!(open::<DeviceClass>("edgeCompute"), DeviceClass::EdgeCompute);
    // Unlisted values are `Unknown`, read back as sent, and equal by value.
    let cases: [(String, String); 4] = [
        (open::<ActivationStatus>("paused").as_str().to_owned(), "paused".to_owned()),
        (open::<ActorType>("robot").as_str().to_owned(), "robot".to_owned()),
        (open::<Role>("NONE").as_str().to_owned(), "NONE".to_owned()),
        (open::<DeviceClass>("").as_str().to_owned(), String::new()),
    ];
    for (read, sent) in cases {
        assert_eq!(read, sent);
    }
    let paused = ActivationStatus::from("paused");
    assert!(matches!(&paused, ActivationStatus::Unknown(value) if value.as_str() == "paused"), "{paused:?}");
    assert_eq!(paused, ActivationStatus::from(String::from("paused")));
    assert_ne!(paused, ActivationStatus::Active);
    assert_ne!(ActivationStatus::from("Active"), ActivationStatus::Active);
}

#[test]
fn closed_enums_refuse_unlisted_values_with_a_clear_error() {
    // Only requests carry the devices' sort field: it lists what it takes.
    assert_eq!("creationDate".parse::<DevicesSortField>(), Ok(DevicesSortField::CreationDate));
    assert_eq!(DevicesSortField::try_from("name"), Ok(DevicesSortField::Name));
    assert_eq!(DevicesSortField::DeletedAt.as_str(), "deletedAt");
    assert_eq!(DevicesSortField::Id.to_string(), "id");
    let listed = ["name", "id", "creationDate", "lastUpdated", "connectionStatus", "deletedAt"];
    for text in ["weight", "Name", ""] {
        let error = text.parse::<DevicesSortField>().unwrap_err();
        assert_eq!(error, DevicesSortField::try_from(text).unwrap_err());
        assert_eq!(
            error.to_string(),
            format!(
                "`{text}` is not a value of DevicesSortField (expected one of: `name`, `id`, `creationDate`, \
                 `lastUpdated`, `connectionStatus`, `deletedAt`)"
            )
        );
        assert_eq!((error.value(), error.enum_name(), error.expected()), (text, "DevicesSortField", &listed[..]));
    }
    let error = serde_json::from_value::<DevicesSortField>(json!("weight")).unwrap_err();
    assert!(error.to_string().starts_with("`weight` is not a value of DevicesSortField"), "{error}");
    // A response (a dashboard block's config) carries `SortDirection` too, so
    // it is open: parsing cannot fail, and a value it does not list is kept.
    assert_eq!(open::<SortDirection>("desc"), SortDirection::Desc);
    assert_eq!(open::<SortDirection>("DESC").as_str(), "DESC");
}

#[test]
fn integer_enums_convert_from_numbers_and_text() {
    assert_eq!(Connected::from(1), Connected::V1);
    assert_eq!("0".parse::<Connected>(), Ok(Connected::V0));
    assert_eq!(Connected::V1.as_i64(), 1);
    assert_eq!(Connected::V0.to_string(), "0");
    let seven = Connected::from(7);
    assert!(matches!(&seven, Connected::Unknown(value) if value.get() == 7), "{seven:?}");
    assert_eq!((seven.as_i64(), seven.to_string()), (7, "7".to_owned()));
    assert_eq!(serde_json::to_value(&seven).unwrap(), json!(7));
    let error = "one".parse::<Connected>().unwrap_err();
    assert_eq!(error.to_string(), "`one` is not a value of Connected (expected one of: `1`, `0`)");
}

#[tokio::test]
async fn integer_setters_take_unsuffixed_literals() {
    let server = server_answering(200, json!({})).await;
    // A literal beyond `i32` compiles: the setters take `i64` by value.
    let _ = client(&server).application().device_counts(APP).start(1465790400000).end(1465876800000).send().await;
    let requests = received(&server).await;
    let query = &requests[0].query;
    assert!(query.contains(&("start".to_owned(), "1465790400000".to_owned())), "{query:?}");
    assert!(query.contains(&("end".to_owned(), "1465876800000".to_owned())), "{query:?}");
}

#[tokio::test]
async fn page_numbers_and_sizes_are_usize_and_never_wrap() {
    let server = server_answering(200, json!({"items": [], "count": 0, "totalCount": 0})).await;
    let wanted = ["a", "b", "c"];
    client(&server).devices().get(APP).page(2).per_page(wanted.len()).send().await.unwrap();
    let query = received(&server).await.remove(0).query;
    assert!(query.contains(&("page".to_owned(), "2".to_owned())), "{query:?}");
    assert!(query.contains(&("perPage".to_owned(), "3".to_owned())), "{query:?}");

    // A page the API cannot take (past `i64::MAX`) is refused, not wrapped.
    let server = server_answering(200, json!({})).await;
    let error = client(&server).devices().get(APP).per_page(usize::MAX).send().await.unwrap_err();
    let Error::InvalidParameter { param, reason, .. } = &error else { panic!("{error:?}") };
    assert_eq!(
        (*param, reason.as_str()),
        ("perPage", &*format!("`perPage` must be at most {}, not {}", i64::MAX, usize::MAX))
    );
    assert!(received(&server).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn date_times_decode_keep_their_text_and_convert() {
    let body = json!({
        "creationDate": "2016-06-13T04:00:00.000Z",
        "lastUpdated": "2016-06-13T06:00:00+02:00",
        "expirationDate": "2030-01-01T00:00:00.123456Z",
    });
    let server = server_answering(200, body.clone()).await;
    let token: ApiToken = client(&server).application_api_token().get(APP, TOKEN_ID).send().await.unwrap();
    // Each comes back as it was sent, `.000` and offset included.
    assert_eq!(serde_json::to_value(&token).unwrap(), body);
    let created = token.creation_date.clone().unwrap();
    assert_eq!(created.as_str(), "2016-06-13T04:00:00.000Z");
    assert_eq!(token.last_updated.as_deref(), Some("2016-06-13T06:00:00+02:00"));
    // The same instant, written two ways: the values differ, the instants not.
    let updated = token.last_updated.unwrap();
    assert_ne!(created, updated);
    assert_eq!(created.to_chrono().unwrap(), updated.to_chrono().unwrap());
    assert_eq!(created.to_time().unwrap(), updated.to_time().unwrap());
    assert_eq!(created.to_chrono().unwrap().timestamp_millis(), 1_465_790_400_000);
    assert_eq!(DateTime::try_from(updated.to_time().unwrap()).unwrap().as_str(), "2016-06-13T06:00:00.000+02:00");

    // A response with a date-time that is not one fails to decode.
    let server = server_answering(200, json!({"creationDate": "yesterday"})).await;
    let error = client(&server).application_api_token().get(APP, TOKEN_ID).send().await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(error.to_string().contains("`yesterday` is not an RFC 3339 date-time"), "{error}");
}

#[tokio::test]
async fn date_times_go_out_as_given() {
    let server = server_answering(201, json!({"id": TOKEN_ID})).await;
    let expires = DateTime::try_from(chrono::DateTime::from_timestamp_millis(1_900_000_000_000).unwrap()).unwrap();
    let post = ApiTokenPost::new("reporting").expiration_date(expires);
    client(&server).application_api_tokens().post(APP, post).send().await.unwrap();
    let body = received(&server).await.remove(0).body.unwrap();
    assert_eq!(body["expirationDate"], json!("2030-03-17T17:46:40.000Z"));
    assert_eq!("2016-06-13".parse::<DateTime>().unwrap_err().reason(), "`T` is expected between the date and the time");
}

/// Structs decode through a written `Deserialize` (not serde's derive):
/// what the derive did, it still does, errors included.
#[test]
fn written_deserialize_decodes_as_the_derive_did() {
    // Properties by wire name, an escaped key as the key it spells, `null`
    // as `None`, and a key no property takes kept in the catch-all.
    let token: ApiToken =
        serde_json::from_str(r#"{"apiTokenId": "a1", "na\u006de": "n", "description": null, "x-extra": [1]}"#).unwrap();
    assert_eq!(token.api_token_id.as_deref(), Some("a1"));
    assert_eq!(token.name.as_deref(), Some("n"));
    assert_eq!(token.description, None);
    assert_eq!(token.additional.get("x-extra"), Some(&json!([1])));
    assert_eq!(token.additional.len(), 1);
    // Decoded from a `Value` too (one-ofs and examples decode that way).
    let from_value: ApiToken = serde_json::from_value(json!({"name": "n", "other": true})).unwrap();
    assert_eq!(from_value.name.as_deref(), Some("n"));
    assert_eq!(from_value.additional.get("other"), Some(&json!(true)));
    // A required property missing, a key twice, a value of the wrong type
    // and anything but an object are errors that say so.
    let refused: [(&str, Result<ApiTokenPost, serde_json::Error>); 2] = [
        ("missing field `name`", serde_json::from_str(r#"{"description": "d"}"#)),
        ("duplicate field `name`", serde_json::from_str(r#"{"name": "a", "name": "b"}"#)),
    ];
    for (expected, result) in refused {
        let message = result.unwrap_err().to_string();
        assert!(message.contains(expected), "{message}");
    }
    let refused: [(&str, Result<ApiToken, serde_json::Error>); 3] = [
        ("duplicate field `name`", serde_json::from_str(r#"{"name": "a", "name": null}"#)),
        ("invalid type: integer `1`, expected a string", serde_json::from_str(r#"{"name": 1}"#)),
        ("expected struct ApiToken", serde_json::from_str(r#"["n"]"#)),
    ];
    for (expected, result) in refused {
        let message = result.unwrap_err().to_string();
        assert!(message.contains(expected), "{message}");
    }
    // A request type decodes its required property (with `full-serde`).
    let post: ApiTokenPost = serde_json::from_str(r#"{"name": "n", "description": "d"}"#).unwrap();
    assert_eq!(post, ApiTokenPost::new("n").description("d"));
}

/// What `send`, `send_with_response`, `pages` and `items` return has a
/// name, so a caller can store it in a struct field or a collection.
#[tokio::test]
async fn futures_and_page_streams_are_named_types() {
    use losant_rest::ErrorBody;
    use losant_rest::runtime::{CallFuture, PageStream, Response, StreamExt};
    use losant_rest::types::{ApiTokens, Device, Devices};

    let server = server_answering(200, json!({"items": [{"name": "d"}], "count": 1, "totalCount": 1})).await;
    let client = client(&server);
    let devices: CallFuture<Devices, ErrorBody> = client.devices().get(APP).send();
    assert_eq!(devices.await.unwrap().total_count, Some(1));
    let with_response: CallFuture<Response<ApiTokens>, ErrorBody> =
        client.application_api_tokens().get(APP).send_with_response();
    assert_eq!(with_response.await.unwrap().status(), 200);
    let mut pages: PageStream<Devices, ErrorBody> = client.devices().get(APP).pages();
    assert_eq!(pages.next().await.unwrap().unwrap().count, Some(1));
    let items: Vec<Device> = client.devices().get(APP).items().map(Result::unwrap).collect::<Vec<Device>>().await;
    assert_eq!(items.iter().map(|d| d.name.as_deref()).collect::<Vec<_>>(), [Some("d")]);
    let _: PageStream<Device, ErrorBody> = client.devices().get(APP).items();
}
