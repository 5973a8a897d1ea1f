//! `pages()` and `items()` of the list actions, against a real HTTP server
//! on 127.0.0.1 that serves numbered pages.

mod common;

use common::{TOKEN, received};
use losant_rest::runtime::{StreamExt, TryStreamExt};
use losant_rest::types::ApiTokensSortField;
use losant_rest::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "575ec8687ae143cd83dc4a97";

fn token(n: usize) -> Value {
    json!({"id": format!("{n:024x}"), "name": format!("token {n}")})
}

/// A page of `count` tokens numbered from `first`, claiming `total` in all.
fn page(first: usize, count: usize, total: usize) -> ResponseTemplate {
    let items: Vec<Value> = (first..first + count).map(token).collect();
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "count": count, "totalCount": total}))
}

async fn serve(pages: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    for (number, template) in pages.into_iter().enumerate() {
        Mock::given(method("GET"))
            .and(query_param("page", number.to_string()))
            .respond_with(template)
            .mount(&server)
            .await;
    }
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.uri()).build().unwrap()
}

/// The `page` and `perPage` of every request, in order.
async fn pages_asked(server: &MockServer) -> Vec<(String, String)> {
    let find = |query: &[(String, String)], key: &str| {
        query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    received(server).await.iter().map(|r| (find(&r.query, "page"), find(&r.query, "perPage"))).collect()
}

#[tokio::test]
async fn pages_walk_until_the_total_keeping_the_callers_filters() {
    let server = serve(vec![page(0, 2, 5), page(2, 2, 5), page(4, 1, 5), page(9, 2, 5)]).await;
    let pages: Vec<_> = client(&server)
        .application_api_tokens()
        .get(APP)
        .sort_field(ApiTokensSortField::CreationDate)
        .per_page(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let counts: Vec<Option<i64>> = pages.iter().map(|p| p.count).collect();
    assert_eq!(counts, [Some(2), Some(2), Some(1)]);
    assert_eq!(pages_asked(&server).await, [("0", "2"), ("1", "2"), ("2", "2")].map(|(a, b)| (a.into(), b.into())));
    for request in received(&server).await {
        assert!(request.query.contains(&("sortField".into(), "creationDate".into())), "{request:?}");
    }
}

#[tokio::test]
async fn items_come_one_by_one_across_pages() {
    let server = serve(vec![page(0, 2, 3), page(2, 1, 3)]).await;
    let names: Vec<String> = client(&server)
        .user_api_tokens()
        .get()
        .per_page(2)
        .items()
        .map(|item| item.unwrap().name.unwrap())
        .collect()
        .await;
    assert_eq!(names, ["token 0", "token 1", "token 2"]);
}

#[tokio::test]
async fn a_short_page_ends_the_walk_even_when_the_total_says_more() {
    let server = serve(vec![page(0, 100, 1000), page(100, 40, 1000), page(140, 100, 1000)]).await;
    // perPage is not set: the documented default, 100, is the page size.
    let items: Vec<_> = client(&server).instance_api_tokens().get(APP).items().try_collect().await.unwrap();
    assert_eq!(items.len(), 140);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn the_walk_starts_at_the_callers_page() {
    let server = serve(vec![page(0, 2, 6), page(2, 2, 6), page(4, 2, 6)]).await;
    let pages: Vec<_> =
        client(&server).application_api_tokens().get(APP).page(1).per_page(2).pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 2, "pages 1 and 2");
    assert_eq!(pages_asked(&server).await, [("1", "2"), ("2", "2")].map(|(a, b)| (a.into(), b.into())));
}

#[tokio::test]
async fn a_server_that_never_ends_hits_the_page_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(page(0, 2, 1_000_000)).mount(&server).await;
    let results: Vec<_> = client(&server).user_api_tokens().get().per_page(2).page_limit(3).pages().collect().await;
    assert_eq!(results.len(), 4, "three pages and the error");
    assert!(results[..3].iter().all(Result::is_ok));
    let error = results[3].as_ref().unwrap_err();
    assert!(matches!(error, Error::PageLimit { action: "userApiTokens.get", limit: 3 }), "{error:?}");
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn an_error_ends_the_walk() {
    let server = serve(vec![page(0, 2, 6), ResponseTemplate::new(500), page(4, 2, 6)]).await;
    let results: Vec<_> = client(&server).user_api_tokens().get().per_page(2).pages().collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err().status(), Some(500));
    assert_eq!(received(&server).await.len(), 2);
}
