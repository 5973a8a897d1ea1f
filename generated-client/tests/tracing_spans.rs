//! Every call is a `request` span with the action, method, path template,
//! status, attempt and duration, and never the token or the body. Checked
//! with a small subscriber that records every span field and event.

mod common;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use common::{TOKEN, example, server_answering};
use losant_rest::Client;
use losant_rest::runtime::RetryPolicy;
use losant_rest::types::ApiTokenPost;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Default)]
struct Capture {
    next: AtomicU64,
    spans: Mutex<Vec<(String, BTreeMap<String, String>)>>,
    events: Mutex<Vec<String>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for &'static Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        self.spans.lock().unwrap().push((span.metadata().name().to_owned(), fields));
        Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let (_, fields) = &mut spans[span.into_u64() as usize - 1];
        values.record(&mut Fields(fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(format!("{fields:?}"));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    fields.get(name).map(String::as_str).unwrap_or_default()
}

#[tokio::test]
async fn each_call_is_a_span_with_its_facts_and_without_secrets() {
    let capture: &'static Capture = Box::leak(Box::default());
    let _guard = tracing::subscriber::set_default(capture);

    let server = server_answering(201, example("apiToken")).await;
    let client = Client::builder().token(TOKEN).base_url(server.uri()).build().unwrap();
    client.user_api_tokens().post(ApiTokenPost::new("secret-body-value")).send().await.unwrap();

    let spans = capture.spans.lock().unwrap().clone();
    let requests: Vec<_> = spans.iter().filter(|(name, _)| name == "request").collect();
    assert_eq!(requests.len(), 1, "{spans:?}");
    let fields = &requests[0].1;
    assert_eq!(field(fields, "action"), "userApiTokens.post");
    assert_eq!(field(fields, "method"), "POST");
    assert_eq!(field(fields, "path"), "/me/tokens");
    assert_eq!(field(fields, "status"), "201");
    assert_eq!(field(fields, "attempt"), "1");
    assert!(field(fields, "duration_ms").parse::<u64>().is_ok(), "{fields:?}");
    let everything = format!("{spans:?}{:?}", capture.events.lock().unwrap());
    assert!(!everything.contains(TOKEN), "the token leaked: {everything}");
    assert!(!everything.contains("secret-body-value"), "the body leaked: {everything}");
    assert!(!everything.contains("the_actual_token_string"), "the response leaked: {everything}");
}

#[tokio::test]
async fn retries_show_as_attempts_of_one_span() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let capture: &'static Capture = Box::leak(Box::default());
    let _guard = tracing::subscriber::set_default(capture);

    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).with_priority(1).mount(&server).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(example("apiTokens")))
        .mount(&server)
        .await;
    let policy = RetryPolicy::new(3).initial_backoff(std::time::Duration::from_millis(1));
    let client = Client::builder().token(TOKEN).base_url(server.uri()).retry(policy).build().unwrap();
    client.user_api_tokens().get().send().await.unwrap();

    let spans = capture.spans.lock().unwrap().clone();
    let requests: Vec<_> = spans.iter().filter(|(name, _)| name == "request").collect();
    assert_eq!(requests.len(), 1);
    assert_eq!(field(&requests[0].1, "attempt"), "2");
    assert_eq!(field(&requests[0].1, "status"), "200");
    let events = capture.events.lock().unwrap().clone();
    assert!(events.iter().any(|e| e.contains("retrying after a retryable status")), "{events:?}");
}
