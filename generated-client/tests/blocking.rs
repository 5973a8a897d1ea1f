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
async fn a_blocking_call_on_a_current_thread_runtimes_own_thread_fails_instead_of_stalling_it() {
    let server = MockServer::start().await;
    let error = client(&server).user_api_tokens().get().send_blocking().unwrap_err();
    assert!(matches!(error, Error::BlockingInAsync { action: "userApiTokens.get" }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "userApiTokens.get: a blocking call on the thread of a current-thread async runtime would block it; \
         use `send().await`, or call it from `tokio::task::spawn_blocking`; nothing was sent"
    );
    let mut pages = client(&server).application_api_tokens().get(APP).pages_blocking();
    assert!(matches!(pages.next(), Some(Err(Error::BlockingInAsync { .. }))));
    assert!(received(&server).await.is_empty());
}

/// A server answering every GET with one page of one token.
async fn one_token(server: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [{"name": "a"}], "totalCount": 1})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn send_blocking_works_inside_spawn_blocking_on_a_current_thread_runtime() {
    let server = MockServer::start().await;
    one_token(&server).await;
    let client = client(&server);
    let (page, names) = tokio::task::spawn_blocking(move || {
        let page = client.user_api_tokens().get().send_blocking();
        let names: Vec<_> = client.application_api_tokens().get(APP).items_blocking().collect();
        (page, names)
    })
    .await
    .unwrap();
    assert_eq!(page.unwrap().total_count, Some(1));
    assert_eq!(names.len(), 1);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_blocking_works_on_a_multi_thread_runtime_inside_and_outside_spawn_blocking() {
    let server = MockServer::start().await;
    one_token(&server).await;
    let inside = client(&server);
    let page = tokio::task::spawn_blocking(move || inside.user_api_tokens().get().send_blocking()).await.unwrap();
    assert_eq!(page.unwrap().total_count, Some(1));
    // On a worker thread tokio's `block_in_place` moves the worker's other
    // tasks away while the call waits: wiremock keeps answering.
    let page = client(&server).user_api_tokens().get().send_blocking().unwrap();
    assert_eq!(page.total_count, Some(1));
    assert_eq!(received(&server).await.len(), 2);
}

#[test]
fn a_panic_inside_a_blocking_call_reaches_the_caller() {
    let caught = std::panic::catch_unwind(|| {
        losant_rest::runtime::blocking::block_on::<(), losant_rest::ErrorBody>("things.get", async {
            panic!("boom in the call")
        })
    });
    let payload = caught.unwrap_err();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom in the call"));
}
