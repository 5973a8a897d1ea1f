//! The `blocking` feature: the same calls without async, against a real HTTP
//! server on 127.0.0.1 (run on a runtime of the test's own, since wiremock
//! is async).

mod common;

use common::{Expect, TOKEN, example, only_request, received};
use losant_rest::types::ApiTokenPost;
use losant_rest::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";

/// A server on a runtime the test does not run on, as in a program that is
/// not async.
fn serve(setup: impl AsyncFnOnce(&MockServer)) -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        setup(&server).await;
        server
    });
    (runtime, server)
}

fn client(server: &MockServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.uri()).build().unwrap()
}

#[test]
fn send_blocking_sends_the_same_request_and_decodes_the_same_response() {
    let (runtime, server) = serve(async |server| {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201).set_body_json(example("apiToken")))
            .mount(server)
            .await;
    });
    let created = client(&server).user_api_tokens().post(ApiTokenPost::new("ci")).send_blocking().unwrap();
    assert_eq!(created.name.as_deref(), Some("My API Token"));
    let seen = runtime.block_on(only_request(&server));
    Expect::new("POST", "/me/tokens").body(json!({"name": "ci"})).check(&seen);
}

#[test]
fn errors_are_the_same_as_async() {
    let (_runtime, server) = serve(async |server| {
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404).set_body_json(example("error")))
            .mount(server)
            .await;
    });
    let error = client(&server).application_api_token().get(APP, "x").send_blocking().unwrap_err();
    assert_eq!(error.to_string(), "applicationApiToken.get failed with HTTP 404: NotFound: Application was not found");
}

#[test]
fn items_blocking_walks_the_pages() {
    let (runtime, server) = serve(async |server| {
        for (page, names) in [("0", vec!["a", "b"]), ("1", vec!["c"])] {
            let items: Vec<_> = names.iter().map(|n| json!({"name": n})).collect();
            Mock::given(method("GET"))
                .and(query_param("page", page))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": items, "totalCount": 3})))
                .mount(server)
                .await;
        }
    });
    let names: Vec<String> = client(&server)
        .application_api_tokens()
        .get(APP)
        .per_page(2)
        .items_blocking()
        .map(|item| item.unwrap().name.unwrap())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(runtime.block_on(received(&server)).len(), 2);
    let pages = client(&server).application_api_tokens().get(APP).per_page(2).pages_blocking().count();
    assert_eq!(pages, 2);
}

#[tokio::test]
async fn a_blocking_call_inside_an_async_runtime_fails_instead_of_blocking_it() {
    let server = MockServer::start().await;
    let error = client(&server).user_api_tokens().get().send_blocking().unwrap_err();
    assert!(matches!(&error, Error::Config { reason } if reason.contains("use `send().await` instead")), "{error}");
    assert!(received(&server).await.is_empty());
}
