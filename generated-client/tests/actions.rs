//! Every action of every token resource, end to end against a real HTTP
//! server on 127.0.0.1: once with only the required params, once with every
//! param set. Each test checks method, path, query pairs, the exact headers
//! and the JSON body, and decodes the documented example response.

mod common;

use common::{Expect, client, example, only_request, server_answering};
use losant_rest::runtime::DateTime;
use losant_rest::types::{
    ActivationStatus, ApiToken, ApiTokenOwnerType, ApiTokenPatch, ApiTokenPost, OrgRole, RequestedScopes, ResourceRole,
    ResourceRoleRole, Role, Success,
};
use serde_json::json;

const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";
const INSTANCE_ID: &str = "575ec7417ae143cd83dc4a96";
const TOKEN_ID: &str = "575ec7417ae143cd83dc4a95";

/// The query when every global param is set to the opposite of its default.
const ALL_GLOBALS: &[(&str, &str)] = &[("_actions", "true"), ("_links", "false"), ("_embedded", "false")];

/// The documented apiToken example, decoded, checked field by field.
fn check_token(token: &ApiToken) {
    assert_eq!(token.id.as_deref(), Some(TOKEN_ID));
    assert_eq!(token.name.as_deref(), Some("My API Token"));
    assert_eq!(token.owner_type, Some(ApiTokenOwnerType::Application));
    assert_eq!(token.status, Some(ActivationStatus::Active));
    assert_eq!(token.scope.as_deref(), Some(&["all.Application".to_owned()][..]));
    assert_eq!(token.expiration_date.as_deref(), Some("2017-06-13T04:00:00.000Z"));
    assert_eq!(token.token.as_ref().map(|t| t.expose()), Some("the_actual_token_string"));
    assert!(!format!("{token:?}").contains("the_actual_token_string"), "the token is redacted in Debug");
}

fn full_post_body() -> (ApiTokenPost, serde_json::Value) {
    let body = ApiTokenPost::new("Full Token")
        .description("all fields set")
        .expiration_date(DateTime::parse("2030-01-01T00:00:00.000Z").unwrap())
        .default_role(Role::View)
        .org_roles([OrgRole::new("5f00000000000000000000e1", Role::Collaborate)
            .application_roles([ResourceRole::new(APPLICATION_ID, ResourceRoleRole::View)])
            .dashboard_roles([ResourceRole::new("5f00000000000000000000f1", ResourceRoleRole::NoneValue)])])
        .scope([RequestedScopes::AllApplicationRead, RequestedScopes::ApplicationApiTokensGet])
        .status(ActivationStatus::Inactive);
    let json = json!({
        "name": "Full Token",
        "description": "all fields set",
        "expirationDate": "2030-01-01T00:00:00.000Z",
        "defaultRole": "view",
        "orgRoles": [{
            "orgId": "5f00000000000000000000e1",
            "role": "collaborate",
            "applicationRoles": [{"resourceId": APPLICATION_ID, "role": "view"}],
            "dashboardRoles": [{"resourceId": "5f00000000000000000000f1", "role": "none"}],
        }],
        "scope": ["all.Application.read", "applicationApiTokens.get"],
        "status": "inactive",
    });
    (body, json)
}

fn full_patch_body() -> (ApiTokenPatch, serde_json::Value) {
    let body = ApiTokenPatch::new()
        .name("Renamed Token")
        .description("patched")
        .default_role(Role::Edit)
        .org_roles([OrgRole::new("sandbox", Role::Admin)])
        .status(ActivationStatus::Active);
    let json = json!({
        "name": "Renamed Token",
        "description": "patched",
        "defaultRole": "edit",
        "orgRoles": [{"orgId": "sandbox", "role": "admin"}],
        "status": "active",
    });
    (body, json)
}

/// Tests for a collection resource (`get` lists, `post` creates).
macro_rules! collection_tests {
    ($test_mod:ident, $resource:ident, [$($arg:expr),*], $path:expr) => {
        mod $test_mod {
            use super::*;
            use losant_rest::types::{ApplicationApiTokensFilterField, SortDirection, ApiTokensSortField};

            #[tokio::test]
            async fn get_with_required_params() {
                let server = server_answering(200, example("apiTokens")).await;
                let page = client(&server).$resource().get($($arg),*).send().await.unwrap();
                Expect::new("GET", $path).check(&only_request(&server).await);
                assert_eq!((page.count, page.total_count, page.per_page, page.page), (Some(1), Some(4), Some(1), Some(0)));
                assert_eq!(page.sort_field.as_deref(), Some("name"));
                check_token(&page.items.unwrap()[0]);
            }

            #[tokio::test]
            async fn get_with_every_param() {
                let server = server_answering(200, example("apiTokens")).await;
                let page = client(&server)
                    .$resource()
                    .get($($arg),*)
                    .sort_field(ApiTokensSortField::ExpirationDate)
                    .sort_direction(SortDirection::Desc)
                    .page(2)
                    .per_page(25)
                    .filter_field(ApplicationApiTokensFilterField::Status)
                    .filter("act*")
                    .actions(true)
                    .links(false)
                    .embedded(false)
                    .losantdomain("example.com")
                    .send()
                    .await
                    .unwrap();
                let mut query = ALL_GLOBALS.to_vec();
                query.extend([
                    ("sortField", "expirationDate"),
                    ("sortDirection", "desc"),
                    ("page", "2"),
                    ("perPage", "25"),
                    ("filterField", "status"),
                    ("filter", "act*"),
                ]);
                Expect::new("GET", $path).query(&query).header("losantdomain", "example.com").check(&only_request(&server).await);
                assert_eq!(page.items.map(|items| items.len()), Some(1));
            }

            #[tokio::test]
            async fn post_with_required_params() {
                let server = server_answering(201, example("apiToken")).await;
                let created = client(&server).$resource().post($($arg,)* ApiTokenPost::new("ci")).send().await.unwrap();
                Expect::new("POST", $path).body(json!({"name": "ci"})).check(&only_request(&server).await);
                check_token(&created);
            }

            #[tokio::test]
            async fn post_with_every_param() {
                let server = server_answering(201, example("apiToken")).await;
                let (body, json) = full_post_body();
                let created = client(&server)
                    .$resource()
                    .post($($arg,)* body)
                    .actions(true)
                    .links(false)
                    .embedded(false)
                    .losantdomain("example.com")
                    .send()
                    .await
                    .unwrap();
                Expect::new("POST", $path)
                    .query(ALL_GLOBALS)
                    .header("losantdomain", "example.com")
                    .body(json)
                    .check(&only_request(&server).await);
                check_token(&created);
            }
        }
    };
}

/// Tests for a single-token resource (`delete`, `get`, `patch`).
macro_rules! single_tests {
    ($test_mod:ident, $resource:ident, [$($arg:expr),*], $path:expr) => {
        mod $test_mod {
            use super::*;

            #[tokio::test]
            async fn delete_with_required_params() {
                let server = server_answering(200, example("success")).await;
                let done = client(&server).$resource().delete($($arg,)* TOKEN_ID).send().await.unwrap();
                Expect::new("DELETE", $path).check(&only_request(&server).await);
                assert_eq!(done, Success::new().success(true));
            }

            #[tokio::test]
            async fn delete_with_every_param() {
                let server = server_answering(200, example("success")).await;
                let done = client(&server)
                    .$resource()
                    .delete($($arg,)* TOKEN_ID)
                    .actions(true)
                    .links(false)
                    .embedded(false)
                    .losantdomain("example.com")
                    .send()
                    .await
                    .unwrap();
                Expect::new("DELETE", $path).query(ALL_GLOBALS).header("losantdomain", "example.com").check(&only_request(&server).await);
                assert_eq!(done.success, Some(true));
            }

            #[tokio::test]
            async fn get_with_required_params() {
                let server = server_answering(200, example("apiToken")).await;
                let token = client(&server).$resource().get($($arg,)* TOKEN_ID).send().await.unwrap();
                Expect::new("GET", $path).check(&only_request(&server).await);
                check_token(&token);
            }

            #[tokio::test]
            async fn get_with_every_param() {
                let server = server_answering(200, example("apiToken")).await;
                let token = client(&server)
                    .$resource()
                    .get($($arg,)* TOKEN_ID)
                    .actions(true)
                    .links(false)
                    .embedded(false)
                    .losantdomain("example.com")
                    .send()
                    .await
                    .unwrap();
                Expect::new("GET", $path).query(ALL_GLOBALS).header("losantdomain", "example.com").check(&only_request(&server).await);
                check_token(&token);
            }

            #[tokio::test]
            async fn patch_with_required_params() {
                let server = server_answering(200, example("apiToken")).await;
                let token = client(&server)
                    .$resource()
                    .patch($($arg,)* TOKEN_ID, ApiTokenPatch::new().status(ActivationStatus::Inactive))
                    .send()
                    .await
                    .unwrap();
                Expect::new("PATCH", $path).body(json!({"status": "inactive"})).check(&only_request(&server).await);
                check_token(&token);
            }

            #[tokio::test]
            async fn patch_with_every_param() {
                let server = server_answering(200, example("apiToken")).await;
                let (body, json) = full_patch_body();
                let token = client(&server)
                    .$resource()
                    .patch($($arg,)* TOKEN_ID, body)
                    .actions(true)
                    .links(false)
                    .embedded(false)
                    .losantdomain("example.com")
                    .send()
                    .await
                    .unwrap();
                Expect::new("PATCH", $path)
                    .query(ALL_GLOBALS)
                    .header("losantdomain", "example.com")
                    .body(json)
                    .check(&only_request(&server).await);
                check_token(&token);
            }
        }
    };
}

collection_tests!(
    application_api_tokens,
    application_api_tokens,
    [APPLICATION_ID],
    format!("/applications/{APPLICATION_ID}/tokens")
);
collection_tests!(instance_api_tokens, instance_api_tokens, [INSTANCE_ID], format!("/instances/{INSTANCE_ID}/tokens"));
collection_tests!(user_api_tokens, user_api_tokens, [], "/me/tokens");
single_tests!(
    application_api_token,
    application_api_token,
    [APPLICATION_ID],
    format!("/applications/{APPLICATION_ID}/tokens/{TOKEN_ID}")
);
single_tests!(
    instance_api_token,
    instance_api_token,
    [INSTANCE_ID],
    format!("/instances/{INSTANCE_ID}/tokens/{TOKEN_ID}")
);
single_tests!(user_api_token, user_api_token, [], format!("/me/tokens/{TOKEN_ID}"));

#[test]
fn the_action_table_lists_every_action_of_the_api_with_its_scopes() {
    let ids: Vec<&str> = losant_rest::ACTIONS.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), 380, "API 1.31.0 has 380 actions");
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 380, "ids are unique");
    let resources: std::collections::BTreeSet<&str> = losant_rest::ACTIONS.iter().map(|a| a.resource).collect();
    assert_eq!(resources.len(), 101);
    for id in
        ["devices.get", "device.sendState", "data.timeSeriesQuery", "flow.pressVirtualButton", "userOauthClients.post"]
    {
        assert!(ids.contains(&id), "{id}");
    }
    // The broad scopes the docs list are there beside the resource's own.
    let devices = losant_rest::action("devices.get").unwrap();
    assert_eq!(
        (devices.method, devices.path),
        (losant_rest::runtime::Method::Get, "/applications/{applicationId}/devices")
    );
    for scope in ["all.Application.read", "all.Organization.read", "all.User.read", "devices.*", "devices.get"] {
        assert!(devices.scopes.contains(&scope), "{scope}");
    }
    for resource in ["application", "instance", "user"] {
        for action in ["get", "post"] {
            assert!(ids.contains(&format!("{resource}ApiTokens.{action}").as_str()), "{resource} {action}");
        }
        for action in ["delete", "get", "patch"] {
            assert!(ids.contains(&format!("{resource}ApiToken.{action}").as_str()), "{resource} {action}");
        }
    }
    let info = losant_rest::action("userApiTokens.get").unwrap();
    assert_eq!((info.method, info.path), (losant_rest::runtime::Method::Get, "/me/tokens"));
    assert_eq!(info.method.as_str(), "GET");
    assert!(info.scopes.contains(&"only.User.read"));
    assert_eq!(
        losant_rest::application_api_token::Patch::INFO.scopes,
        ["all.Application", "all.Organization", "all.User", "applicationApiToken.*", "applicationApiToken.patch"]
    );
    assert!(losant_rest::action("nope.get").is_none());
}

/// Enums of the same values are one type for the whole API: one helper
/// gives the sort of every list action, and the sort direction the server
/// reports back in a page (a response field) is that type too.
#[tokio::test]
async fn one_sort_direction_type_serves_every_list_action() {
    use losant_rest::types::{ApiTokensSortField, SortDirection};

    fn newest_first() -> (ApiTokensSortField, SortDirection) {
        (ApiTokensSortField::CreationDate, SortDirection::Desc)
    }
    // The global params' defaults, which the client sends, then the sort.
    let query = [
        ("_actions", "false"),
        ("_links", "true"),
        ("_embedded", "true"),
        ("sortField", "creationDate"),
        ("sortDirection", "desc"),
    ];

    let server = server_answering(200, example("apiTokens")).await;
    let (field, direction) = newest_first();
    let get = client(&server).application_api_tokens().get(APPLICATION_ID);
    let page = get.sort_field(field).sort_direction(direction).send().await.unwrap();
    Expect::new("GET", format!("/applications/{APPLICATION_ID}/tokens"))
        .query(&query)
        .check(&only_request(&server).await);
    assert_eq!(page.sort_direction, Some(losant_rest::types::ApiTokensSortDirection::AscLower));

    let server = server_answering(200, example("apiTokens")).await;
    let (field, direction) = newest_first();
    let get = client(&server).instance_api_tokens().get(INSTANCE_ID);
    get.sort_field(field).sort_direction(direction).send().await.unwrap();
    Expect::new("GET", format!("/instances/{INSTANCE_ID}/tokens")).query(&query).check(&only_request(&server).await);

    let server = server_answering(200, example("apiTokens")).await;
    let (field, direction) = newest_first();
    client(&server).user_api_tokens().get().sort_field(field).sort_direction(direction).send().await.unwrap();
    Expect::new("GET", "/me/tokens").query(&query).check(&only_request(&server).await);
}
