//! What a call gives back besides its value, and `.await` on a request
//! builder, against a real HTTP server on 127.0.0.1: `send_with_response`
//! keeps the status and headers (credentials hidden from `Debug`), list
//! actions still page, and awaiting a builder is `send`, in a future that
//! can be spawned.

mod common;

use std::future::IntoFuture;

use common::{TOKEN, client, example, only_request, received, server_answering_with};
use losant_rest::application::ApplyTemplateResponse;
use losant_rest::runtime::TryStreamExt;
use losant_rest::types::{ApiToken, ApplicationApplyTemplatePatch};
use losant_rest::{Error, Response};
use serde_json::json;

const APP: &str = "575ec8687ae143cd83dc4a97";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

#[tokio::test]
async fn send_with_response_keeps_the_status_and_every_header() {
    let headers = [
        ("x-request-id", "req-42"),
        ("set-cookie", "session=COOKIE-SECRET-1; HttpOnly"),
        ("set-cookie", "theme=dark"),
        ("etag", "\"v7\""),
    ];
    let server = server_answering_with(200, example("apiToken"), &headers).await;
    let response = client(&server).user_api_token().get(TOKEN_ID).send_with_response().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.header("X-Request-Id"), Some("req-42"));
    assert_eq!(response.header("etag"), Some("\"v7\""));
    assert_eq!(response.headers()["content-type"], "application/json");
    let cookies: Vec<&str> = response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(cookies, ["session=COOKIE-SECRET-1; HttpOnly", "theme=dark"]);
    // The value, through `Deref` and taken out, is what `send` returns.
    assert_eq!(response.name.as_deref(), Some("My API Token"));
    let expected: ApiToken = serde_json::from_value(example("apiToken")).unwrap();
    assert_eq!(response.value(), &expected);
    let sent = only_request(&server).await;
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("GET", "/me/tokens/575ec7417ae143cd83dc4a95"));
    assert_eq!(response.into_inner(), expected);
}

#[tokio::test]
async fn credentials_in_response_headers_stay_out_of_debug() {
    let headers =
        [("set-cookie", "session=COOKIE-SECRET-1"), ("x-api-key", "KEY-SECRET-2"), ("x-request-id", "req-42")];
    let server = server_answering_with(200, example("apiToken"), &headers).await;
    let response = client(&server).user_api_token().get(TOKEN_ID).send_with_response().await.unwrap();
    let debug = format!("{response:?}");
    for secret in ["COOKIE-SECRET-1", "KEY-SECRET-2", TOKEN] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("\"set-cookie\": Sensitive"), "{debug}");
    assert!(debug.contains("\"x-request-id\": \"req-42\""), "{debug}");
    assert!(debug.contains("status: 200"), "{debug}");
    // The map's own `Debug` hides them too.
    let map = format!("{:?}", response.headers());
    assert!(!map.contains("SECRET"), "{map}");
}

#[tokio::test]
async fn the_status_chooses_the_variant_and_is_kept() {
    let job = json!({"jobQueued": true, "jobId": "job-1", "success": true});
    let server = server_answering_with(202, job, &[("location", "/jobs/job-1")]).await;
    let response = client(&server)
        .application()
        .apply_template(APP, ApplicationApplyTemplatePatch::new("tmpl"))
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    assert_eq!(response.header("location"), Some("/jobs/job-1"));
    let ApplyTemplateResponse::Accepted(job) = response.into_inner() else { panic!("expected the 202 variant") };
    assert_eq!(job.job_id.as_deref(), Some("job-1"));
}

#[tokio::test]
async fn a_list_action_gives_its_page_with_metadata_and_still_pages() {
    let page = json!({"items": [{"id": TOKEN_ID, "name": "a"}], "count": 1, "totalCount": 1});
    let server = server_answering_with(200, page, &[("x-page", "0")]).await;
    let builder = client(&server).user_api_tokens().get().per_page(1);
    let response = builder.clone().send_with_response().await.unwrap();
    assert_eq!((response.status(), response.header("x-page")), (200, Some("0")));
    assert_eq!(response.total_count, Some(1));
    let pages: Vec<_> = builder.pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].items.as_ref().map(Vec::len), Some(1));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn awaiting_a_builder_is_send() {
    let server = server_answering_with(200, example("apiToken"), &[]).await;
    let client = client(&server);
    let awaited: ApiToken = client.user_api_token().get(TOKEN_ID).await.unwrap();
    let sent: ApiToken = client.user_api_token().get(TOKEN_ID).send().await.unwrap();
    assert_eq!(awaited, sent);
    assert_eq!(awaited.name.as_deref(), Some("My API Token"));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0], requests[1], "`.await` and `send` send the same request");
}

#[tokio::test]
async fn awaiting_a_builder_fails_as_send_does() {
    let server = server_answering_with(404, example("error"), &[]).await;
    let error: Error = client(&server).user_api_token().get(TOKEN_ID).await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(error.to_string(), "userApiToken.get failed with HTTP 404: NotFound: Application was not found");
}

/// The future of `.await` can be spawned on a multi-thread runtime: it is
/// `Send` and `'static` (checked when this compiles), as are `send`'s and
/// `send_with_response`'s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_futures_can_be_spawned() {
    fn spawnable<F: std::future::Future + Send + 'static>(future: F) -> F {
        future
    }
    let server = server_answering_with(200, example("apiToken"), &[("x-request-id", "req-7")]).await;
    let client = client(&server);
    let awaited = tokio::spawn(spawnable(client.user_api_token().get(TOKEN_ID).into_future()));
    let with_response = tokio::spawn(spawnable(client.user_api_token().get(TOKEN_ID).send_with_response()));
    let sent = tokio::spawn(spawnable(client.user_api_token().get(TOKEN_ID).send()));
    let awaited = awaited.await.unwrap().unwrap();
    let with_response: Response<ApiToken> = with_response.await.unwrap().unwrap();
    assert_eq!(with_response.header("x-request-id"), Some("req-7"));
    assert_eq!(&awaited, with_response.value());
    assert_eq!(awaited, sent.await.unwrap().unwrap());
    // A builder of every kind has the same future type: a multipart one too,
    // which `.await` sends as multipart.
    let upload = client.application().import(APP).email("a@example.com").into_future();
    let upload: losant_rest::runtime::CallFuture<_, losant_rest::ErrorBody> = spawnable(upload);
    tokio::spawn(upload).await.unwrap().unwrap();
    let requests = server.received_requests().await.unwrap();
    let content_type = requests.last().and_then(|r| r.headers.get("content-type")).unwrap().to_str().unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
}
