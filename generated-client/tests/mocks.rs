//! Typed mocks (the `mocks` feature): the client's calls answered in
//! process by the rules of `losant_rest::mock`, with no server. Each case
//! checks what the call returns (decoded by the client's own code) and what
//! the mocks recorded of the requests it sent.

use std::future::Future;
use std::pin::Pin;

use losant_rest::mock::{self, MockRequest, MockResponse, Mocks};
use losant_rest::runtime::{RetryPolicy, StreamExt, TryStreamExt};
use losant_rest::types::{ApiErrorBody, Device, DevicePost, Devices, Success, ValidationErrors};
use losant_rest::{Client, Error};
use serde_json::{Value, json};

const APP: &str = "575ec8687ae143cd83dc4a97";

fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the test's JSON is a value of the type")
}

fn device(id: &str, name: &str) -> Device {
    from_json(json!({"id": id, "deviceId": id, "name": name}))
}

/// A page of devices with these ids, claiming `total` in all.
fn page(ids: &[&str], total: i64) -> Devices {
    let items: Vec<Value> = ids.iter().map(|id| json!({"id": id, "name": format!("device {id}")})).collect();
    from_json(json!({"items": items, "count": ids.len(), "totalCount": total}))
}

type Call = Pin<Box<dyn Future<Output = Result<Value, Error>> + Send>>;

/// A request as the test expects the mocks to have seen it.
struct Sent {
    method: &'static str,
    path: &'static str,
    /// Path params by name, decoded.
    params: &'static [(&'static str, &'static str)],
    /// Query pairs that must be there (the global params are too).
    query: &'static [(&'static str, &'static str)],
    /// The JSON body, when there is one.
    body: Option<&'static str>,
}

/// `device.get` of device `d1`, as the retry case sends it three times.
const GET_D1: Sent = Sent {
    method: "GET",
    path: "/applications/575ec8687ae143cd83dc4a97/devices/d1",
    params: &[("deviceId", "d1")],
    query: &[],
    body: None,
};

/// What the call returns.
enum Expect {
    /// The decoded output, as JSON.
    Output(&'static str),
    /// An API error with this status, whose typed details (as JSON), when
    /// the action documents a schema for it, are these.
    Api { status: u16, message: Option<&'static str>, details: Option<&'static str> },
}

struct Case {
    name: &'static str,
    /// Adds the case's rules.
    rules: fn(&Mocks),
    /// The client (most cases: `mock::client`).
    client: fn(&Mocks) -> Client,
    /// Calls the client; the output as JSON.
    call: fn(Client) -> Call,
    expect: Expect,
    sent: &'static [Sent],
}

fn output<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).expect("outputs encode")
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a list action, through `items`, two pages",
            rules: |mocks| {
                let rule = mock::devices::get()
                    .then_output(page(&["a", "b"], 3))
                    .times(1)
                    .then_output(page(&["c"], 3))
                    .times(1);
                mocks.add(&rule);
            },
            client: mock::client,
            call: |client| {
                Box::pin(async move {
                    let devices: Vec<Device> = client.devices().get(APP).per_page(2).items().try_collect().await?;
                    Ok(output(devices.iter().map(|d| d.id.clone()).collect::<Vec<_>>()))
                })
            },
            expect: Expect::Output(r#"["a", "b", "c"]"#),
            sent: &[
                Sent {
                    method: "GET",
                    path: "/applications/575ec8687ae143cd83dc4a97/devices",
                    params: &[("applicationId", APP)],
                    query: &[("page", "0"), ("perPage", "2")],
                    body: None,
                },
                Sent {
                    method: "GET",
                    path: "/applications/575ec8687ae143cd83dc4a97/devices",
                    params: &[("applicationId", APP)],
                    query: &[("page", "1"), ("perPage", "2")],
                    body: None,
                },
            ],
        },
        Case {
            name: "a get, the rule chosen by a path param",
            rules: |mocks| {
                let other = mock::device::get()
                    .match_requests(|req| req.path_param("deviceId").as_deref() == Some("other"))
                    .then_error(404, ApiErrorBody::new().message("no such device"));
                let this = mock::device::get()
                    .match_requests(|req| req.path_param("deviceId").as_deref() == Some("d 1"))
                    .then_output(device("d 1", "Thermometer"));
                mocks.add(&other);
                mocks.add(&this);
            },
            client: mock::client,
            call: |client| Box::pin(async move { Ok(output(client.device().get(APP, "d 1").send().await?)) }),
            expect: Expect::Output(r#"{"id": "d 1", "deviceId": "d 1", "name": "Thermometer"}"#),
            sent: &[Sent {
                method: "GET",
                path: "/applications/575ec8687ae143cd83dc4a97/devices/d%201",
                params: &[("applicationId", APP), ("deviceId", "d 1")],
                query: &[],
                body: None,
            }],
        },
        Case {
            name: "a create with a body, the output computed from it",
            rules: |mocks| {
                let rule = mock::devices::post().then_output_with(|req| {
                    let posted: DevicePost = req.body().expect("the body is a DevicePost");
                    device("new", &posted.name)
                });
                mocks.add(&rule);
            },
            client: mock::client,
            call: |client| {
                let post = DevicePost::new("Gauge").description("on the wall");
                Box::pin(async move { Ok(output(client.devices().post(APP, post).send().await?)) })
            },
            expect: Expect::Output(r#"{"id": "new", "deviceId": "new", "name": "Gauge"}"#),
            sent: &[Sent {
                method: "POST",
                path: "/applications/575ec8687ae143cd83dc4a97/devices",
                params: &[("applicationId", APP)],
                query: &[],
                body: Some(r#"{"name": "Gauge", "description": "on the wall"}"#),
            }],
        },
        Case {
            name: "a delete",
            rules: |mocks| {
                mocks.add(&mock::device::delete().then_output(from_json::<Success>(json!({"success": true}))))
            },
            client: mock::client,
            call: |client| Box::pin(async move { Ok(output(client.device().delete(APP, "d1").send().await?)) }),
            expect: Expect::Output(r#"{"success": true}"#),
            sent: &[Sent {
                method: "DELETE",
                path: "/applications/575ec8687ae143cd83dc4a97/devices/d1",
                params: &[("applicationId", APP), ("deviceId", "d1")],
                query: &[],
                body: None,
            }],
        },
        Case {
            name: "an error status with a schema of its own, as typed details",
            rules: |mocks| {
                let details: ValidationErrors = from_json(json!({
                    "type": "Validation",
                    "message": "1 resource is invalid",
                    "validationErrors": [{"type": "device", "name": "Sensor", "message": "name is too long"}]
                }));
                mocks.add(&mock::application::clone_().then_error_details(422, details));
            },
            client: mock::client,
            call: |client| Box::pin(async move { Ok(output(client.application().clone_(APP).send().await?)) }),
            expect: Expect::Api {
                status: 422,
                message: Some("1 resource is invalid"),
                details: Some(
                    r#"{"type": "Validation", "message": "1 resource is invalid",
                        "validationErrors": [{"type": "device", "name": "Sensor", "message": "name is too long"}]}"#,
                ),
            },
            sent: &[Sent {
                method: "POST",
                path: "/applications/575ec8687ae143cd83dc4a97/clone",
                params: &[("applicationId", APP)],
                query: &[],
                body: None,
            }],
        },
        Case {
            name: "a 429 with Retry-After, retried by the client's policy",
            rules: |mocks| {
                let busy = MockResponse::new(429).header("Retry-After", "0").json(&json!({"message": "slow down"}));
                mocks.add(&mock::device::get().then_response(busy).times(2).then_output(device("d1", "Fan")));
            },
            client: |mocks| Client::builder().token("t").retry(RetryPolicy::new(3)).mock(mocks).build().unwrap(),
            call: |client| Box::pin(async move { Ok(output(client.device().get(APP, "d1").send().await?)) }),
            expect: Expect::Output(r#"{"id": "d1", "deviceId": "d1", "name": "Fan"}"#),
            // The first two attempts get the 429, the third the device.
            sent: &[GET_D1, GET_D1, GET_D1],
        },
        Case {
            name: "a 429 without a retry policy is the API error",
            rules: |mocks| {
                let busy = MockResponse::new(429).header("Retry-After", "0").json(&json!({"message": "slow down"}));
                mocks.add(&mock::device::get().then_response(busy).then_output(device("d1", "Fan")));
            },
            client: mock::client,
            call: |client| Box::pin(async move { Ok(output(client.device().get(APP, "d1").send().await?)) }),
            expect: Expect::Api { status: 429, message: Some("slow down"), details: None },
            sent: &[Sent {
                method: "GET",
                path: "/applications/575ec8687ae143cd83dc4a97/devices/d1",
                params: &[("deviceId", "d1")],
                query: &[],
                body: None,
            }],
        },
    ]
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the test's JSON parses")
}

#[tokio::test]
async fn calls_answered_by_mocks_decode_and_record_what_was_sent() {
    for case in cases() {
        let name = case.name;
        let mocks = Mocks::new();
        (case.rules)(&mocks);
        let result = (case.call)((case.client)(&mocks)).await;
        match (case.expect, result) {
            (Expect::Output(expected), Ok(value)) => assert_eq!(value, parse(expected), "{name}"),
            (Expect::Api { status, message, details }, Err(error)) => {
                let api = error.as_api().unwrap_or_else(|| panic!("{name}: not an API error: {error}"));
                assert_eq!(api.status(), status, "{name}");
                assert_eq!(api.body().and_then(|b| b.message.as_deref()), message, "{name}");
                let decoded = api.details::<ValidationErrors>().map(output);
                assert_eq!(decoded, details.map(parse), "{name}");
            }
            (_, Ok(value)) => panic!("{name}: expected an error, got {value}"),
            (_, Err(error)) => panic!("{name}: {error}"),
        }
        let requests = mocks.requests();
        assert_eq!(requests.len(), case.sent.len(), "{name}: {requests:?}");
        for (request, sent) in requests.iter().zip(case.sent) {
            assert_eq!(request.method(), sent.method, "{name}");
            assert_eq!(request.path(), sent.path, "{name}");
            for (param, value) in sent.params {
                assert_eq!(request.path_param(param).as_deref(), Some(*value), "{name}: {param}");
            }
            for (key, value) in sent.query {
                assert_eq!(request.query_param(key), Some(*value), "{name}: {key}");
            }
            assert_eq!(request.json(), sent.body.map(parse), "{name}");
            assert!(request.header("authorization").is_some(), "{name}");
        }
    }
}

/// Waits for a call's result; the error's message.
async fn failure<T: std::fmt::Debug>(call: impl Future<Output = Result<T, Error>>) -> String {
    match call.await {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error @ Error::NoMockRule { .. }) => error.to_string(),
        Err(other) => panic!("expected NoMockRule, got {other:?}"),
    }
}

#[tokio::test]
async fn a_request_no_rule_answers_fails_at_once_naming_the_action_and_why() {
    let mocks = Mocks::new();
    let client = Client::builder().token("t").retry(RetryPolicy::new(5)).mock(&mocks).build().unwrap();
    assert_eq!(
        failure(client.device().get(APP, "d1").send()).await,
        "device.get: no mock rule answers GET /applications/575ec8687ae143cd83dc4a97/devices/d1\
         ?_actions=false&_links=true&_embedded=true: no rule was added for `device.get`; nothing was sent"
    );
    let only_other = mock::device::get()
        .match_requests(|req| req.path_param("deviceId").as_deref() == Some("other"))
        .then_output(device("other", "x"));
    mocks.add(&only_other);
    assert_eq!(
        failure(client.device().get(APP, "d1").send()).await,
        "device.get: no mock rule answers GET /applications/575ec8687ae143cd83dc4a97/devices/d1\
         ?_actions=false&_links=true&_embedded=true: the rule for it did not match the request; nothing was sent"
    );
    let once = mock::device::get().then_output(device("d1", "x")).times(1);
    mocks.add(&once);
    client.device().get(APP, "d1").send().await.unwrap();
    assert_eq!(
        failure(client.device().get(APP, "d1").send()).await,
        "device.get: no mock rule answers GET /applications/575ec8687ae143cd83dc4a97/devices/d1\
         ?_actions=false&_links=true&_embedded=true: of the 2 rules for it, 1 did not match the request and 1 used up their answers; nothing was sent"
    );
    // Not retried, although the client retries GETs five times: four
    // requests in all, one per call.
    assert_eq!(mocks.requests().len(), 4);
    assert_eq!((only_other.calls(), once.calls()), (0, 1));
}

#[tokio::test]
async fn steps_answer_in_order_and_the_last_one_repeats_unless_bounded() {
    let mocks = Mocks::new();
    let rule = mock::device::get().then_status(503).then_output(device("d1", "x"));
    let client = mock::client(&mocks.clone().with(&rule));
    let statuses = [
        client.device().get(APP, "d1").send().await.map_err(|e| e.status()),
        client.device().get(APP, "d1").send().await.map_err(|e| e.status()),
        client.device().get(APP, "d1").send().await.map_err(|e| e.status()),
    ];
    assert_eq!(
        statuses.iter().map(|s| s.as_ref().err().copied().flatten()).collect::<Vec<_>>(),
        [Some(503), None, None]
    );
    assert_eq!(rule.calls(), 3);
    assert_eq!(
        rule.requests().iter().map(MockRequest::path).collect::<Vec<_>>(),
        ["/applications/575ec8687ae143cd83dc4a97/devices/d1"; 3]
    );
}

#[tokio::test]
async fn mocked_answers_go_through_the_clients_decoding_and_checks() {
    let mocks = Mocks::new();
    // A body that is not a `Device`: the production decoder says so.
    mocks.add(&mock::device::get().then_response(MockResponse::new(200).body(r#"{"name": 5}"#)));
    // A scope the client does not have: nothing reaches the mocks.
    mocks.add(&mock::devices::get().then_output(page(&[], 0)));
    let client = Client::builder().token("t").scopes(["device.get"]).mock(&mocks).build().unwrap();
    let error = client.device().get(APP, "d1").send().await.unwrap_err();
    assert!(matches!(error, Error::Decode { status: 200, .. }), "{error:?}");
    let error = client.devices().get(APP).send().await.unwrap_err();
    assert!(matches!(error, Error::ScopeDenied { .. }), "{error:?}");
    assert_eq!(mocks.requests().len(), 1);
    // Without a token, an action that needs one fails before the mocks.
    let client = Client::builder().mock(&mocks).build().unwrap();
    assert!(matches!(client.device().get(APP, "d1").send().await, Err(Error::MissingToken { .. })));
    assert_eq!(mocks.requests().len(), 1);
}

#[tokio::test]
async fn recorded_requests_carry_headers_and_hide_the_token_in_debug() {
    let mocks = Mocks::new();
    let rule = mock::device::get().then_output(device("d1", "x"));
    let client = mock::client(&mocks.clone().with(&rule));
    client.device().get(APP, "d1").losantdomain("example.com").send().await.unwrap();
    let request = &rule.requests()[0];
    assert_eq!(request.header("Authorization"), Some("Bearer mock-token"));
    assert_eq!(request.header("losantdomain"), Some("example.com"));
    assert_eq!(request.info().id, "device.get");
    let debug = format!("{request:?}");
    assert!(!debug.contains("mock-token"), "{debug}");
    assert!(debug.contains("Sensitive"), "{debug}");
}

#[tokio::test]
async fn an_event_stream_is_answered_by_a_mocked_event_stream_body() {
    let mocks = Mocks::new();
    let events =
        "event: deviceCommand\ndata: {\"name\": \"reboot\"}\n\nevent: deviceCommand\ndata: {\"name\": \"blink\"}\n\n";
    let rule = mock::device::command_stream().then_response(MockResponse::new(200).event_stream(events));
    let client = mock::client(&mocks.clone().with(&rule));
    let names: Vec<String> = client
        .device()
        .command_stream(APP, "d1")
        .events()
        .map(|event| event.map(|e| e.data.name))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["reboot", "blink"]);
    assert_eq!(rule.requests()[0].header("accept"), Some("text/event-stream"));
}

#[test]
#[should_panic(expected = "device.get: `then_error` takes an error status, not 200")]
fn then_error_takes_only_error_statuses() {
    let _ = mock::device::get().then_error(200, ApiErrorBody::new());
}

#[test]
#[should_panic(expected = "device.get: the action documents no schema of its own for HTTP 422")]
fn then_error_details_takes_only_documented_statuses() {
    let _ = mock::device::get().then_error_details(422, ValidationErrors::new());
}
