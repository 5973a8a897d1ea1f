//! The `mocks` golden: each kind of action's rule answers a mocked client
//! with the status its output documents, and the client decodes it back.

use generator_goldens::generated::mocks::mock::{self, MockResponse, Mocks};
use generator_goldens::generated::mocks::types::{JobQueued, ValidationErrors, Widget, WidgetPost};
use generator_goldens::generated::mocks::widget::CalibrateResponse;
use restspec_runtime::serde_json::{self, json};
use restspec_runtime::{StreamExt, TryStreamExt};

fn widget(id: &str, name: &str) -> Widget {
    Widget::new(id, name)
}

#[tokio::test]
async fn each_variant_of_a_per_status_action_answers_with_its_own_status() {
    // The client decodes by status: a variant sent with another status
    // would come back as another variant, or fail to decode (an empty body
    // as a widget).
    let cases = [
        CalibrateResponse::Ok(Box::new(widget("w1", "Gauge"))),
        CalibrateResponse::Accepted(Box::new(JobQueued::new(true))),
        CalibrateResponse::NoContent,
    ];
    for output in cases {
        let rule = mock::widget::calibrate().then_output(output.clone());
        let client = mock::client(&Mocks::new().with(&rule));
        let decoded = client.widget().calibrate("app", "w1").send().await.unwrap();
        assert_eq!(decoded, output);
        assert_eq!(rule.requests()[0].path(), "/applications/app/widgets/w1/calibrate");
    }
}

#[tokio::test]
async fn a_delete_without_a_body_and_a_create_with_one() {
    let mocks = Mocks::new();
    let delete = mock::widget::delete().then_output(());
    let create =
        mock::widgets::post().then_output_with(|req| Widget::new("new", req.body::<WidgetPost>().unwrap().name));
    let client = mock::client(&mocks.clone().with(&delete).with(&create));
    client.widget().delete("app", "w1").send().await.unwrap();
    let created = client.widgets().post("app", WidgetPost::new("Fan")).send().await.unwrap();
    assert_eq!(created, widget("new", "Fan"));
    let sent = mocks.requests();
    assert_eq!(
        sent.iter().map(|r| (r.method().as_str(), r.path())).collect::<Vec<_>>(),
        [("DELETE", "/applications/app/widgets/w1"), ("POST", "/applications/app/widgets"),]
    );
    assert_eq!(sent[0].path_param("widgetId").as_deref(), Some("w1"));
    assert_eq!(sent[1].json(), Some(json!({"name": "Fan"})));
}

#[tokio::test]
async fn an_error_status_with_its_own_schema_comes_back_as_typed_details() {
    let details: ValidationErrors = serde_json::from_value(json!({"message": "invalid", "fields": ["name"]})).unwrap();
    let rule = mock::widgets::post().then_error_details(422, details.clone());
    let client = mock::client(&Mocks::new().with(&rule));
    let error = client.widgets().post("app", WidgetPost::new("")).send().await.unwrap_err();
    let api = error.as_api().unwrap();
    assert_eq!((api.status(), api.schema()), (422, Some("validationErrors")));
    assert_eq!(api.details::<ValidationErrors>(), Some(&details));
}

#[tokio::test]
async fn an_event_stream_action_is_answered_with_an_event_stream_body() {
    let body = "event: reading\ndata: {\"id\": \"w1\", \"name\": \"Gauge\", \"reading\": 2.5}\n\n";
    let rule = mock::widgets::events().then_response(MockResponse::new(200).event_stream(body));
    let client = mock::client(&Mocks::new().with(&rule));
    let events: Vec<Widget> =
        client.widgets().events("app").events().map(|e| e.map(|e| e.data)).try_collect().await.unwrap();
    assert_eq!(events, [widget("w1", "Gauge").reading(2.5)]);
}
