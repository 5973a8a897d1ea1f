//! Every param and response kind of the spec in `spec/`, end to end against a
//! real HTTP server on 127.0.0.1: what goes over the wire (method, path,
//! query pairs in order, headers, JSON and multipart bodies) and what the
//! client decodes from the answer.

mod common;

use std::collections::BTreeMap;

use common::{
    Expect, client, client_without_token, contains, multipart_parts, only_request, pairs, received, server_answering,
    server_answering_bytes, server_answering_empty,
};
use kinds_client::application::CloneResponse;
use kinds_client::auth::SsoDomainResponse;
use kinds_client::device::DeviceSendStateState;
use kinds_client::events::{self, PatchResponse};
use kinds_client::types::{
    ActorType, ApiErrorBody, Application, ApplicationClonePost, ApplicationCloneResult, ApplicationImportOptions,
    AuditLogFilter, Device, DeviceClass, DeviceState, DeviceTag, DeviceTagFilter, Devices, EventPatch, File, FileType,
    Flow, FlowClass, FlowTrigger, FlowVersion, FlowVersionResult, FlowsImportPost, Folder, GlobalVariable,
    JobEnqueuedResult, PrimaryTargetType, Provider, Schedule, SortDirection, SsoRequest, State, Status, Success, Time,
    TimerTrigger, TimerTriggerType, ValidationError, ValidationErrors, WebhookTrigger, WebhookTriggerType,
};
use kinds_client::{Error, audit_logs, devices};
use restspec_runtime::{DateTime, FilePart, Nullable};
use serde_json::{Value, json};

const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";
const DEVICE_ID: &str = "575ecf887ae143cd83dc4aa2";
const FILE_ID: &str = "575ec76c7ae143cd83dc4a96";
const FLOW_ID: &str = "575ed18f7ae143cd83dc4aa6";
const FLOW_VERSION_ID: &str = "675ed18f7ae143cd83dc4bb7";
const ORG_ID: &str = "575ed6e87ae143cd83dc4aa8";

fn path(rest: &str) -> String {
    format!("/applications/{APPLICATION_ID}{rest}")
}

fn job_json() -> Value {
    json!({"jobQueued": true, "jobId": "XlNGC1Ev0Z6AEsZcV6nbo", "success": true})
}

fn job() -> JobEnqueuedResult {
    JobEnqueuedResult::new().job_queued(true).job_id("XlNGC1Ev0Z6AEsZcV6nbo").success(true)
}

// devices.get: structured query params.

/// A query array of objects flattened into bracket keys, a string-or-array
/// param given a string, a map sent as one JSON string, and integer,
/// boolean, number, `any` and enum params, in spec order after the global
/// param. The response is an object with an array of objects.
#[tokio::test]
async fn devices_get_sends_every_query_kind() {
    let server = server_answering(
        200,
        json!({
            "items": [
                {
                    "id": DEVICE_ID,
                    "name": "My Device",
                    "deviceClass": "standalone",
                    "tags": [{"key": "floor", "value": "8"}],
                    "connectionInfo": {"connected": 1, "time": "2016-06-13T04:00:00.000Z"},
                },
                {"name": "Future Device", "deviceClass": "quantum"},
            ],
            "count": 2,
            "totalCount": 2,
            "perPage": 100,
            "page": 2,
            "sortDirection": "desc",
            "applicationId": APPLICATION_ID,
            "undocumented": "ignored",
        }),
    )
    .await;
    let advanced = json!([{"name": {"$eq": "My Device"}}, {"deviceClass": {"$in": ["gateway", "peripheral"]}}]);
    let devices = client(&server)
        .devices()
        .get(APPLICATION_ID)
        .sort_direction(SortDirection::Desc)
        .page(2)
        .device_class("standalone")
        .tag_filter([
            DeviceTagFilter::new().key("floor").value("8"),
            DeviceTagFilter::new().key("building").value("A & B = 1"),
            DeviceTagFilter::new().key("wing"),
        ])
        .exclude_connection_info(true)
        .query([("$and", advanced.clone())])
        .resolution(1.5)
        .filter_empty(true)
        .send()
        .await
        .unwrap();

    let seen = only_request(&server).await;
    Expect::new("GET", path("/devices"))
        .query(&[
            ("sortDirection", "desc"),
            ("page", "2"),
            ("deviceClass", "standalone"),
            ("tagFilter[0][key]", "floor"),
            ("tagFilter[0][value]", "8"),
            ("tagFilter[1][key]", "building"),
            ("tagFilter[1][value]", "A & B = 1"),
            ("tagFilter[2][key]", "wing"),
            ("excludeConnectionInfo", "true"),
            ("query", "<json>"),
            ("resolution", "1.5"),
            ("filterEmpty", "true"),
        ])
        .check_with_query(&seen, &seen.query_masking("query"));
    assert_eq!(seen.json_query("query"), json!({"$and": advanced}));

    assert_eq!(devices.count, Some(2));
    assert_eq!(devices.sort_direction, Some(SortDirection::Desc));
    let items = devices.items.unwrap();
    assert_eq!(
        items[0],
        Device::new()
            .id(DEVICE_ID)
            .name("My Device")
            .device_class(DeviceClass::Standalone)
            .tags([DeviceTag::new("floor", "8")])
            .connection_info(json!({"connected": 1, "time": "2016-06-13T04:00:00.000Z"}))
    );
    // Response enums keep values the spec does not list.
    assert_eq!(items[1].device_class, Some(DeviceClass::from("quantum")));
}

/// The other alternative of the string-or-array param: a list, flattened
/// into indexed keys.
#[tokio::test]
async fn devices_get_sends_a_string_or_array_param_as_a_list() {
    let server = server_answering(200, json!({"items": []})).await;
    client(&server)
        .devices()
        .get(APPLICATION_ID)
        .device_class(vec!["gateway".to_owned(), "peripheral".to_owned()])
        .send()
        .await
        .unwrap();
    Expect::new("GET", path("/devices"))
        .query(&[("deviceClass[0]", "gateway"), ("deviceClass[1]", "peripheral")])
        .check(&only_request(&server).await);

    let server = server_answering(200, json!({})).await;
    let devices = client(&server)
        .devices()
        .get(APPLICATION_ID)
        .device_class(devices::DevicesDeviceClass::StringList(vec!["floating".into()]))
        .send()
        .await
        .unwrap();
    Expect::new("GET", path("/devices")).query(&[("deviceClass[0]", "floating")]).check(&only_request(&server).await);
    assert_eq!(devices, Devices::new(), "an empty object decodes with every field unset");
}

/// With only the required param the query holds the global param alone:
/// defaults the server applies are not sent.
#[tokio::test]
async fn devices_get_sends_only_what_is_set() {
    let server = server_answering(200, json!({"items": [], "count": 0})).await;
    let devices = client(&server).devices().get(APPLICATION_ID).actions(true).send().await.unwrap();
    let seen = only_request(&server).await;
    assert_eq!(seen.query, pairs(&[("_actions", "true")]));
    assert_eq!(devices, Devices::new().items(Vec::<Device>::new()).count(0));
}

/// An action that needs auth is not sent by a client without a token.
#[tokio::test]
async fn devices_get_without_a_token_sends_nothing() {
    let server = server_answering(200, json!({})).await;
    let error = client_without_token(&server).devices().get(APPLICATION_ID).send().await.unwrap_err();
    assert!(matches!(error, Error::MissingToken { action: "devices.get" }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

// flows: a required query param, a top-level array response, a JSON body.

/// A required query param is a constructor argument and always sent; the
/// response is a bare JSON array (a `type: array` schema), decoded as a Vec.
#[tokio::test]
async fn flows_get_by_version_takes_a_required_query_param_and_decodes_an_array() {
    let server = server_answering(
        200,
        json!([
            {"id": FLOW_ID, "name": "My Workflow", "flowClass": "cloud", "enabled": true, "nodes": [], "triggers": []},
            {"id": "575ed18f7ae143cd83dc4aa7", "name": "Edge Workflow", "flowClass": "edge",
             "nodes": [{"type": "DebugNode", "config": {}}]},
        ]),
    )
    .await;
    let flows: Vec<Flow> = client(&server)
        .flows()
        .get_by_version(APPLICATION_ID, "v1.0.0 (beta)")
        .flow_class(FlowClass::Edge)
        .send()
        .await
        .unwrap();
    Expect::new("GET", path("/flows/version"))
        .query(&[("version", "v1.0.0 (beta)"), ("flowClass", "edge")])
        .check(&only_request(&server).await);
    assert_eq!(
        flows,
        vec![
            Flow::new(FLOW_ID, "My Workflow")
                .flow_class(FlowClass::Cloud)
                .enabled(true)
                .nodes(Vec::<Value>::new())
                .triggers(Vec::<FlowTrigger>::new()),
            Flow::new("575ed18f7ae143cd83dc4aa7", "Edge Workflow")
                .flow_class(FlowClass::Edge)
                .nodes([json!({"type": "DebugNode", "config": {}})]),
        ]
    );

    let server = server_answering(200, json!([])).await;
    let flows = client(&server).flows().get_by_version(APPLICATION_ID, "v2").send().await.unwrap();
    Expect::new("GET", path("/flows/version")).query(&[("version", "v2")]).check(&only_request(&server).await);
    assert!(flows.is_empty());
}

/// A JSON object body (with arrays of `any` values); a 201 response.
#[tokio::test]
async fn flows_import_sends_a_json_object_body() {
    let server = server_answering(
        201,
        json!({
            "flows": [{"id": FLOW_ID, "name": "Imported Flow"}],
            "flowVersions": [{"id": FLOW_VERSION_ID, "flowId": FLOW_ID, "version": "v1"}],
        }),
    )
    .await;
    let body = FlowsImportPost::new([json!({"name": "Imported Flow", "nodes": [], "triggers": []})], Nullable::Null)
        .flow_versions([json!({"version": "v1", "notes": null})]);
    let imported = client(&server).flows().import(APPLICATION_ID, body).send().await.unwrap();
    Expect::new("POST", path("/flows/import"))
        .json(json!({
            "flows": [{"name": "Imported Flow", "nodes": [], "triggers": []}],
            "flowVersions": [{"version": "v1", "notes": null}],
            "ownerId": null,
        }))
        .check(&only_request(&server).await);
    assert_eq!(imported.flows, Some(vec![Flow::new(FLOW_ID, "Imported Flow")]));
    assert_eq!(imported.flow_versions, Some(vec![FlowVersion::new(FLOW_VERSION_ID, FLOW_ID, "v1")]));
}

// file.move: a keyword action name, `any` query params, a self-containing
// schema in the response.

/// `move` becomes `move_`; an `any` param given a string is sent as the
/// plain string; the response reaches `folder`, which contains itself
/// (boxed) through `parent`.
#[tokio::test]
async fn file_move_is_move_and_decodes_a_self_containing_schema() {
    let server = server_answering(
        200,
        json!({
            "id": FILE_ID,
            "applicationId": APPLICATION_ID,
            "name": "logo.png",
            "parentDirectory": "/archive/2024/",
            "type": "file",
            "status": "completed",
            "size": 1024,
            "parentFolder": {
                "name": "2024",
                "parentDirectory": "/archive/",
                "parent": {"name": "archive", "parentDirectory": "/", "parent": {"name": ""}},
            },
        }),
    )
    .await;
    let file = client(&server)
        .file()
        .move_(APPLICATION_ID, FILE_ID)
        .name("logo.png")
        .parent_directory("/archive/2024/")
        .send()
        .await
        .unwrap();
    Expect::new("PATCH", path(&format!("/files/{FILE_ID}/move")))
        .query(&[("name", "logo.png"), ("parentDirectory", "/archive/2024/")])
        .check(&only_request(&server).await);

    let root = Folder::new().name("");
    let archive = Folder::new().name("archive").parent_directory("/").parent(root);
    let year = Folder::new().name("2024").parent_directory("/archive/").parent(archive);
    let expected = File::new()
        .id(FILE_ID)
        .application_id(APPLICATION_ID)
        .name("logo.png")
        .parent_directory("/archive/2024/")
        .type_(FileType::File)
        .status(Status::Completed)
        .size(1024)
        .parent_folder(year);
    assert_eq!(file, expected);
    let depth = std::iter::successors(file.parent_folder.as_ref(), |f| f.parent.as_deref()).count();
    assert_eq!(depth, 3);
}

/// An `any` query param: numbers and booleans as text, objects and arrays
/// flattened into bracket keys, null left out.
#[tokio::test]
async fn file_move_sends_any_values_in_the_query() {
    let server = server_answering(200, json!({})).await;
    let values = [json!(42), json!(false), json!({"base": "logo", "ext": ["png", "svg"]}), Value::Null];
    for value in values {
        client(&server).file().move_(APPLICATION_ID, FILE_ID).name(value).send().await.unwrap();
    }
    let queries: Vec<Vec<(String, String)>> = received(&server).await.into_iter().map(|s| s.query).collect();
    assert_eq!(
        queries,
        vec![
            pairs(&[("_actions", "false"), ("name", "42")]),
            pairs(&[("_actions", "false"), ("name", "false")]),
            pairs(&[("_actions", "false"), ("name[base]", "logo"), ("name[ext][0]", "png"), ("name[ext][1]", "svg")]),
            pairs(&[("_actions", "false")]),
        ]
    );
}

// auditLogs.get: a query param that refers to an object schema.

/// An object param flattened into bracket keys. Unset properties are left
/// out. The keys come in alphabetical order, not the schema's: the runtime
/// flattens through `serde_json::Value`, whose maps are sorted unless
/// serde_json's `preserve_order` feature is on.
#[tokio::test]
async fn audit_logs_get_flattens_an_object_query_param() {
    let server = server_answering(
        200,
        json!({
            "items": [{
                "id": "58f4bdc0dcf7fa00013a2d56",
                "orgId": ORG_ID,
                "creationDate": "2017-04-17T12:38:24.000Z",
                "responseStatus": 200,
                "actorType": "User",
                "primaryTargetType": "Device",
            }],
            "count": 1,
            "start": "2017-04-17T00:00:00.000Z",
        }),
    )
    .await;
    let filter = AuditLogFilter::new()
        .primary_target_type(PrimaryTargetType::Device)
        .response_status(200)
        .actor_type(ActorType::User)
        .actor_id("575ed70c7ae143cd83dc4aa9");
    let logs = client(&server)
        .audit_logs()
        .get(ORG_ID)
        .sort_field(audit_logs::AuditLogsSortField::ResponseStatus)
        .start(1_492_387_200_000.0)
        .end(1_492_473_599_999.5)
        .audit_log_filter(filter)
        .send()
        .await
        .unwrap();
    Expect::new("GET", format!("/orgs/{ORG_ID}/audit-logs"))
        .query(&[
            ("sortField", "responseStatus"),
            ("start", "1492387200000"),
            ("end", "1492473599999.5"),
            ("auditLogFilter[actorId]", "575ed70c7ae143cd83dc4aa9"),
            ("auditLogFilter[actorType]", "User"),
            ("auditLogFilter[primaryTargetType]", "Device"),
            ("auditLogFilter[responseStatus]", "200"),
        ])
        .check(&only_request(&server).await);
    let items = logs.items.unwrap();
    assert_eq!(items[0].actor_type, Some(ActorType::User));
    assert_eq!(items[0].response_status, Some(200));
    assert_eq!(logs.start.as_deref(), Some("2017-04-17T00:00:00.000Z"));
}

// device: a one-of body, a top-level array response.

/// A one-of body given its first alternative: one state object.
#[tokio::test]
async fn device_send_state_sends_one_state() {
    let server = server_answering(200, json!({"success": true})).await;
    let state = DeviceState::new([("voltage", json!(22.4)), ("on", json!(true))])
        .time(DateTime::parse("2016-06-13T04:00:00.000Z").unwrap());
    let done = client(&server).device().send_state(APPLICATION_ID, DEVICE_ID, state).send().await.unwrap();
    Expect::new("POST", path(&format!("/devices/{DEVICE_ID}/state")))
        .json(json!({"time": "2016-06-13T04:00:00.000Z", "data": {"voltage": 22.4, "on": true}}))
        .check(&only_request(&server).await);
    assert_eq!(done, Success::new().success(true));
}

/// A one-of body given its second alternative: an array of states.
#[tokio::test]
async fn device_send_state_sends_a_list_of_states() {
    let server = server_answering(200, json!({"success": true})).await;
    let states = vec![
        DeviceState::new([("voltage", json!(22.4))]).time(1_465_790_400_000),
        DeviceState::new([("location", json!({"lat": 1.5, "lng": -2}))]).meta(json!("from gateway")),
    ];
    client(&server).device().send_state(APPLICATION_ID, DEVICE_ID, states.clone()).send().await.unwrap();
    Expect::new("POST", path(&format!("/devices/{DEVICE_ID}/state")))
        .json(json!([
            {"time": 1_465_790_400_000_i64, "data": {"voltage": 22.4}},
            {"data": {"location": {"lat": 1.5, "lng": -2}}, "meta": "from gateway"},
        ]))
        .check(&only_request(&server).await);

    // The one-of also takes the variant directly.
    let server = server_answering(200, json!({})).await;
    client(&server)
        .device()
        .send_state(APPLICATION_ID, DEVICE_ID, DeviceSendStateState::DeviceStateList(Vec::new()))
        .send()
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.json(), Some(json!([])));
}

/// A response that is a bare JSON array of objects, whose `time` is itself
/// a one-of (string or integer) and whose `data` is a map of `any`.
#[tokio::test]
async fn device_get_state_decodes_an_array_response() {
    let server = server_answering(
        200,
        json!([
            {"time": "2016-06-13T04:00:00.000Z", "data": {"voltage": 22.4, "on": true}, "relayId": "575ed70c7ae143cd83dc4aa9"},
            {"time": 1_465_790_400_000_i64, "data": {}},
        ]),
    )
    .await;
    let states: Vec<DeviceState> = client(&server)
        .device()
        .get_state(APPLICATION_ID, DEVICE_ID)
        .limit(2)
        .since("1465790400000")
        .send()
        .await
        .unwrap();
    Expect::new("GET", path(&format!("/devices/{DEVICE_ID}/state")))
        .query(&[("limit", "2"), ("since", "1465790400000")])
        .check(&only_request(&server).await);
    assert_eq!(states.len(), 2);
    assert_eq!(
        states[0].time,
        Some(Time::DateTime(restspec_runtime::DateTime::parse("2016-06-13T04:00:00.000Z").unwrap()))
    );
    assert_eq!(states[0].data, BTreeMap::from([("on".to_owned(), json!(true)), ("voltage".to_owned(), json!(22.4))]));
    assert_eq!(states[0].relay_id.as_deref(), Some("575ed70c7ae143cd83dc4aa9"));
    assert_eq!(states[1], DeviceState::new(Vec::<(String, Value)>::new()).time(1_465_790_400_000));
}

// applicationTemplates.getUniqueKeywords: a map response.

/// A response that is a JSON object with arbitrary keys (a `type: map`
/// schema), decoded as a BTreeMap.
#[tokio::test]
async fn application_templates_get_unique_keywords_decodes_a_map() {
    let server = server_answering(200, json!({"iot": 12, "dashboard": 3, "edge compute": 0})).await;
    let keywords: BTreeMap<String, i64> =
        client(&server).application_templates().get_unique_keywords().filter("io*").send().await.unwrap();
    Expect::new("GET", "/applicationTemplates/keywords")
        .query(&[("filter", "io*")])
        .check(&only_request(&server).await);
    assert_eq!(
        keywords,
        BTreeMap::from([("dashboard".to_owned(), 3), ("edge compute".to_owned(), 0), ("iot".to_owned(), 12)])
    );
}

// flowVersion.get: a named one-of response.

/// A one-of of two objects without a discriminator decodes as the
/// strictest that encodes back to the same JSON: a body with the version's
/// `flowId` and `version` is a flow version, one without them is a flow,
/// one with a key neither declares goes to the one that keeps the fewest
/// unknown keys, and one that neither decodes (a missing required field) is
/// kept as it came, so nothing is lost.
#[tokio::test]
async fn flow_version_get_decodes_the_alternative_that_fits() {
    let version_path = path(&format!("/flows/{FLOW_ID}/versions/{FLOW_VERSION_ID}"));
    let server =
        server_answering(200, json!({"id": FLOW_VERSION_ID, "flowId": FLOW_ID, "version": "v1.2.3", "notes": "first"}))
            .await;
    let result = client(&server)
        .flow_version()
        .get(APPLICATION_ID, FLOW_ID, FLOW_VERSION_ID)
        .include_custom_nodes(true)
        .send()
        .await
        .unwrap();
    Expect::new("GET", version_path.clone())
        .query(&[("includeCustomNodes", "true")])
        .check(&only_request(&server).await);
    assert_eq!(result, FlowVersionResult::from(FlowVersion::new(FLOW_VERSION_ID, FLOW_ID, "v1.2.3").notes("first")));

    let server = server_answering(200, json!({"id": FLOW_ID, "name": "My Workflow", "flowClass": "cloud"})).await;
    let result = client(&server).flow_version().get(APPLICATION_ID, FLOW_ID, "develop").send().await.unwrap();
    Expect::new("GET", path(&format!("/flows/{FLOW_ID}/versions/develop"))).check(&only_request(&server).await);
    assert_eq!(
        result,
        FlowVersionResult::Flow(Box::new(Flow::new(FLOW_ID, "My Workflow").flow_class(FlowClass::Cloud)))
    );

    // A key neither declares: the alternative that keeps the fewest
    // unknown keys takes it, in its catch-all.
    let body = json!({"id": FLOW_VERSION_ID, "flowId": FLOW_ID, "version": "v1.2.3", "name": "not a version's"});
    let server = server_answering(200, body.clone()).await;
    let result = client(&server).flow_version().get(APPLICATION_ID, FLOW_ID, FLOW_VERSION_ID).send().await.unwrap();
    let mut version = FlowVersion::new(FLOW_VERSION_ID, FLOW_ID, "v1.2.3");
    version.additional.insert("name".into(), json!("not a version's"));
    assert_eq!(result, FlowVersionResult::from(version));
    assert_eq!(serde_json::to_value(&result).unwrap(), body);
    // What no alternative decodes (required fields missing) is kept as it came.
    let body = json!({"version": "v1"});
    let server = server_answering(200, body.clone()).await;
    let result = client(&server).flow_version().get(APPLICATION_ID, FLOW_ID, FLOW_VERSION_ID).send().await.unwrap();
    assert_eq!(result, FlowVersionResult::Other(body.clone()));
    assert_eq!(serde_json::to_value(&result).unwrap(), body);
}

/// An error status decodes into the spec's error schema.
#[tokio::test]
async fn flow_version_get_decodes_an_error_body() {
    let server = server_answering(404, json!({"type": "NotFound", "message": "Flow version was not found"})).await;
    let error = client(&server).flow_version().get(APPLICATION_ID, FLOW_ID, FLOW_VERSION_ID).send().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status(), 404);
    let body = api.body().expect("a decoded body");
    assert_eq!(
        (body.type_.as_deref(), body.message.as_deref()),
        (Some("NotFound"), Some("Flow version was not found"))
    );
    assert_eq!(error.to_string(), "flowVersion.get failed with HTTP 404: NotFound: Flow version was not found");
}

// application: per-status responses, multipart params, an array body.

/// Three success statuses with three types: the action returns an enum
/// with a variant per status. An optional body that is not set is not
/// sent.
#[tokio::test]
async fn application_clone_decodes_each_success_status() {
    let clone_path = path("/clone");
    let copy = json!({"id": "675ec8687ae143cd83dc4a98", "name": "My Application (copy)"});

    let server =
        server_answering(200, json!({"application": copy, "dashboardIdMap": {"575ece2b7ae143cd83dc4a9b": "x"}})).await;
    let response = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap();
    Expect::new("POST", clone_path.clone()).check(&only_request(&server).await);
    let application = Application::new().id("675ec8687ae143cd83dc4a98").name("My Application (copy)");
    assert_eq!(
        response,
        // Structs are boxed, so the enum is as small as its smallest
        // variants.
        CloneResponse::Ok(Box::new(
            ApplicationCloneResult::new()
                .application(application.clone())
                .dashboard_id_map([("575ece2b7ae143cd83dc4a9b", "x")])
        ))
    );

    let server = server_answering(201, copy.clone()).await;
    let options = ApplicationClonePost::new().name("My Application (copy)").include_devices(true);
    let response = client(&server).application().clone_(APPLICATION_ID).options(options).send().await.unwrap();
    Expect::new("POST", clone_path.clone())
        .json(json!({"name": "My Application (copy)", "includeDevices": true}))
        .check(&only_request(&server).await);
    assert_eq!(response, CloneResponse::Created(Box::new(application)));

    let server = server_answering(202, job_json()).await;
    let response = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap();
    Expect::new("POST", clone_path).check(&only_request(&server).await);
    assert_eq!(response, CloneResponse::Accepted(Box::new(job())));
}

/// application.clone documents its 422 with a schema of its own: the body
/// decodes into that type (`details`), and into the API's error schema
/// (`body`) as every error body does. A status documented with the error
/// schema, and one not documented at all, decode into the error schema
/// alone; a 422 whose body does not fit its schema keeps its bytes.
#[tokio::test]
async fn application_clone_decodes_an_error_status_into_its_own_schema() {
    let validation = json!({
        "type": "Validation",
        "message": "Too many validation errors",
        "validationErrors": [
            {"type": "device", "name": "My Device", "id": DEVICE_ID, "message": "name is too long"},
            {"type": "flow", "id": FLOW_ID, "message": "trigger is invalid"},
        ],
    });
    let server = server_answering(422, validation).await;
    let error = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap_err();
    Expect::new("POST", path("/clone")).check(&only_request(&server).await);
    let api = error.as_api().expect("an API error");
    assert_eq!((api.status(), api.schema()), (422, Some("validationErrors")));
    let details = api.details::<ValidationErrors>().expect("the 422 decodes into validationErrors");
    assert_eq!(
        *details,
        ValidationErrors::new().type_("Validation").message("Too many validation errors").validation_errors([
            ValidationError::new().type_("device").name("My Device").id(DEVICE_ID).message("name is too long"),
            ValidationError::new().type_("flow").id(FLOW_ID).message("trigger is invalid"),
        ])
    );
    // The common case reads as for any other error.
    let body = api.body().expect("the body decodes into the error schema too");
    assert_eq!(body.message.as_deref(), Some("Too many validation errors"));
    assert_eq!(error.to_string(), "application.clone failed with HTTP 422: Validation: Too many validation errors");
    // Only the documented type comes back.
    assert!(api.details::<ApiErrorBody>().is_none());
    assert!(api.details::<Value>().is_none());

    let not_found = json!({"type": "NotFound", "message": "Application was not found"});
    for status in [400, 404, 500] {
        let server = server_answering(status, not_found.clone()).await;
        let error = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap_err();
        let api = error.as_api().expect("an API error");
        assert_eq!((api.status(), api.schema()), (status, None), "{status}");
        assert!(api.details::<ValidationErrors>().is_none(), "{status}");
        let body = api.body().expect("the body decodes into the error schema");
        assert_eq!(
            (body.type_.as_deref(), body.message.as_deref()),
            (Some("NotFound"), Some("Application was not found")),
            "{status}"
        );
        assert!(!format!("{error:?}").contains("has_details"), "{status}: {error:?}");
    }

    // A 422 whose body does not decode: as JSON of another shape, the error
    // schema still takes it; as text, nothing does. The bytes stay.
    let cases: [(&[u8], bool); 2] = [
        (br#"{"type":"Validation","message":"bad","validationErrors":"not a list"}"#, true),
        (b"<html>422 Unprocessable Entity</html>", false),
    ];
    for (raw, decodes_as_error) in cases {
        let server = server_answering_bytes(422, raw).await;
        let error = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap_err();
        let api = error.as_api().expect("an API error");
        let shown = String::from_utf8_lossy(raw);
        assert_eq!(api.schema(), Some("validationErrors"), "{shown}");
        assert!(api.details::<ValidationErrors>().is_none(), "{shown}");
        assert_eq!(api.body().is_some(), decodes_as_error, "{shown}");
        assert_eq!(api.raw_bytes(), raw);
        assert!(format!("{error:?}").contains("has_details: false"), "{error:?}");
    }
}

/// A typed error body is not printed by `Debug` (it has no size bound);
/// `Debug` shows the decoded body and the raw excerpt cut to `EXCERPT_BYTES`
/// each (the decoded body keeps undeclared keys, so it is unbounded too),
/// and `Display` quotes at most `EXCERPT_BYTES` of the body.
#[tokio::test]
async fn application_clone_error_details_stay_out_of_debug() {
    let entry = json!({"type": "device", "name": "n".repeat(100), "id": DEVICE_ID, "message": "m".repeat(100)});
    let validation = json!({"type": "Validation", "message": "Many", "validationErrors": vec![entry; 1000]});
    let server = server_answering(422, validation).await;
    let error = client(&server).application().clone_(APPLICATION_ID).send().await.unwrap_err();
    let api = error.as_api().expect("an API error");
    assert_eq!(api.details::<ValidationErrors>().map(|d| d.validation_errors.as_ref().map(Vec::len)), Some(Some(1000)));
    let debug = format!("{error:?}");
    assert!(debug.contains(r#"schema: "validationErrors", has_details: true"#), "{debug}");
    assert!(debug.len() < 3 * restspec_runtime::EXCERPT_BYTES, "{} bytes of Debug", debug.len());
    assert!(error.to_string().len() < 2 * restspec_runtime::EXCERPT_BYTES);
}

/// A body is checked against its documented limits before it is sent.
#[tokio::test]
async fn application_clone_checks_the_body_before_sending() {
    let server = server_answering(200, json!({})).await;
    let error = client(&server)
        .application()
        .clone_(APPLICATION_ID)
        .options(ApplicationClonePost::new().name(""))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidParameter { action: "application.clone", param: "options", .. }),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());
}

/// Multipart params: a file part with its name, file name, content type
/// and bytes (binary, not UTF-8), a text part, a boolean part and an object
/// part sent as JSON, in spec order.
#[tokio::test]
async fn application_import_sends_a_multipart_body() {
    let server = server_answering(202, job_json()).await;
    let zip: Vec<u8> = b"PK\x03\x04\x14\x00\xff\xfe\r\n--not-a-boundary\r\n\x00end".to_vec();
    let file = FilePart::new(zip.clone(), "export 2024.zip").content_type("application/zip");
    let options = ApplicationImportOptions::new().overwrite(true).resource_types(["flows", "dashboards"]);
    let response = client(&server)
        .application()
        .import(APPLICATION_ID, file)
        .email("ops@example.com")
        .dry_run(true)
        .options(options)
        .send()
        .await
        .unwrap();
    assert_eq!(response, job());

    let seen = only_request(&server).await;
    Expect::new("POST", path("/import")).multipart().check(&seen);
    for needle in [
        &b"name=\"file\""[..],
        b"filename=\"export 2024.zip\"",
        &zip,
        b"name=\"email\"",
        b"ops@example.com",
        b"name=\"dryRun\"",
        b"name=\"options\"",
        br#"{"overwrite":true,"resourceTypes":["flows","dashboards"]}"#,
    ] {
        assert!(contains(&seen.body, needle), "the body contains {:?}", String::from_utf8_lossy(needle));
    }
    let parts = multipart_parts(&seen);
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["file", "email", "dryRun", "options"]);
    assert_eq!(parts[0].file_name.as_deref(), Some("export 2024.zip"));
    assert_eq!(parts[0].content_type.as_deref(), Some("application/zip"));
    assert_eq!(parts[0].bytes, zip);
    assert_eq!((parts[1].file_name.as_deref(), parts[1].text()), (None, "ops@example.com"));
    assert_eq!(parts[2].text(), "true");
    let options: Value = serde_json::from_str(parts[3].text()).unwrap();
    assert_eq!(options, json!({"overwrite": true, "resourceTypes": ["flows", "dashboards"]}));
}

/// With only the required file part, the body has that one part; without a
/// content type the part has the one of its extension.
#[tokio::test]
async fn application_import_sends_only_the_file_part_when_nothing_else_is_set() {
    let server = server_answering(202, job_json()).await;
    client(&server).application().import(APPLICATION_ID, FilePart::new(&b"zip"[..], "a.zip")).send().await.unwrap();
    let seen = only_request(&server).await;
    Expect::new("POST", path("/import")).multipart().check(&seen);
    let parts = multipart_parts(&seen);
    assert_eq!(parts.len(), 1);
    assert_eq!(
        (parts[0].name.as_str(), parts[0].file_name.as_deref(), parts[0].content_type.as_deref(), &parts[0].bytes[..]),
        ("file", Some("a.zip"), Some("application/zip"), &b"zip"[..])
    );
}

/// A file part's content type comes from its file name as the official JS
/// client (losant-rest 4.2.0, form-data and mime-types) sent it in the
/// recording of its uploads (`readings.csv`, `calibration.json`,
/// `pump-analysis.ipynb`, `resources.zip`), `application/octet-stream` for an
/// unknown extension or none; `FilePart::content_type` overrides it.
#[tokio::test]
async fn file_parts_get_the_content_type_of_their_name() {
    for (file_name, set, expected) in [
        ("readings.csv", None, "text/csv"),
        ("calibration.json", None, "application/json"),
        ("pump-analysis.ipynb", None, "application/octet-stream"),
        ("resources.zip", None, "application/zip"),
        ("NOTES.TXT", None, "text/plain"),
        ("file", None, "application/octet-stream"),
        ("resources.zip", Some("application/x-custom; v=1"), "application/x-custom; v=1"),
    ] {
        let server = server_answering(202, job_json()).await;
        let file = FilePart::new(&b"bytes"[..], file_name);
        let file = match set {
            Some(content_type) => file.content_type(content_type),
            None => file,
        };
        client(&server).application().import(APPLICATION_ID, file).send().await.unwrap();
        let parts = multipart_parts(&only_request(&server).await);
        assert_eq!(parts[0].content_type.as_deref(), Some(expected), "{file_name}");
    }
}

/// The object part of a multipart body is a request body too; its
/// documented limits (`resourceTypes` has at most 10 items) should be
/// checked before sending, as JSON bodies are.
#[tokio::test]
async fn application_import_checks_the_object_part_before_sending() {
    let server = server_answering(202, job_json()).await;
    let too_many: Vec<String> = (0..11).map(|i| format!("type{i}")).collect();
    let error = client(&server)
        .application()
        .import(APPLICATION_ID, FilePart::new(&b"zip"[..], "a.zip"))
        .options(ApplicationImportOptions::new().resource_types(too_many))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidParameter { param: "options", .. }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

/// A body that is a top-level JSON array of objects.
#[tokio::test]
async fn application_globals_sends_an_array_body() {
    let server = server_answering(
        200,
        json!({"id": APPLICATION_ID, "name": "My Application", "globals": [{"key": "threshold", "value": 42}]}),
    )
    .await;
    let globals = [
        GlobalVariable::new("threshold").value(42),
        GlobalVariable::new("config").json(r#"{"a":1}"#).description("set by CI"),
        GlobalVariable::new("nothing").value(Value::Null),
    ];
    let application = client(&server).application().globals(APPLICATION_ID, globals).send().await.unwrap();
    Expect::new("PATCH", path("/globals"))
        .json(json!([
            {"key": "threshold", "value": 42},
            {"key": "config", "json": "{\"a\":1}", "description": "set by CI"},
            {"key": "nothing", "value": null},
        ]))
        .check(&only_request(&server).await);
    assert_eq!(
        application,
        Application::new()
            .id(APPLICATION_ID)
            .name("My Application")
            .globals([GlobalVariable::new("threshold").value(42)])
    );

    let server = server_answering(200, json!({})).await;
    client(&server).application().globals(APPLICATION_ID, Vec::<GlobalVariable>::new()).send().await.unwrap();
    assert_eq!(only_request(&server).await.json(), Some(json!([])));
}

/// The items of an array body are request values with documented limits
/// (`key` has at most 255 characters); they should be checked before
/// sending, as an object body is.
#[tokio::test]
async fn application_globals_checks_the_items_before_sending() {
    let server = server_answering(200, json!({})).await;
    let error = client(&server)
        .application()
        .globals(APPLICATION_ID, [GlobalVariable::new("k".repeat(256))])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidParameter { param: "globals", .. }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

// auth.ssoDomain: no auth, 200 with a body or 204 without.

/// An `auth: false` action is sent without the token even when the client
/// has one, and works from a client without one. 200 carries a body, 204
/// none.
#[tokio::test]
async fn auth_sso_domain_needs_no_token_and_decodes_200_and_204() {
    let server = server_answering(
        200,
        json!({"provider": "saml", "redirectUrl": "https://sso.example.com/login", "domain": "example.com"}),
    )
    .await;
    let response = client(&server).auth().sso_domain("someone+sso@example.com").send().await.unwrap();
    Expect::new("GET", "/auth/ssoDomain")
        .without_auth()
        .query(&[("email", "someone+sso@example.com")])
        .check(&only_request(&server).await);
    assert_eq!(
        response,
        SsoDomainResponse::Ok(Box::new(
            SsoRequest::new()
                .provider(Provider::Saml)
                .redirect_url("https://sso.example.com/login")
                .domain("example.com")
        ))
    );

    let server = server_answering_empty(204).await;
    let response = client_without_token(&server).auth().sso_domain("someone@example.org").send().await.unwrap();
    Expect::new("GET", "/auth/ssoDomain")
        .without_auth()
        .query(&[("email", "someone@example.org")])
        .check(&only_request(&server).await);
    assert_eq!(response, SsoDomainResponse::NoContent);
}

// events.patch: a JSON body and a JSON-encoded query param; 200 or 202.

/// A JSON body together with an `any` query param sent as one JSON string,
/// after the enum and string query params; 200 and 202 carry different
/// types.
#[tokio::test]
async fn events_patch_sends_a_body_and_a_json_query_and_decodes_200_and_202() {
    let filter = json!({"$or": [{"level": {"$eq": "critical"}}, {"subject": {"$regex": "^Temp & \"hot\"?"}}]});
    let updates = EventPatch::new().state(State::Resolved).comment("fixed the sensor");
    let server = server_answering(200, json!({"success": true})).await;
    let response = client(&server)
        .events()
        .patch(APPLICATION_ID, updates.clone())
        .filter_field(events::FilterField::Level)
        .state(State::New)
        .query(filter.clone())
        .send()
        .await
        .unwrap();
    let seen = only_request(&server).await;
    Expect::new("PATCH", path("/events"))
        .query(&[("filterField", "level"), ("state", "new"), ("query", "<json>")])
        .json(json!({"state": "resolved", "comment": "fixed the sensor"}))
        .check_with_query(&seen, &seen.query_masking("query"));
    assert_eq!(seen.json_query("query"), filter);
    assert_eq!(response, PatchResponse::Ok(Box::new(Success::new().success(true))));

    let server = server_answering(202, job_json()).await;
    let response = client(&server).events().patch(APPLICATION_ID, EventPatch::new()).send().await.unwrap();
    Expect::new("PATCH", path("/events")).json(json!({})).check(&only_request(&server).await);
    assert_eq!(response, PatchResponse::Accepted(Box::new(job())));

    // A JSON-encoded string is a JSON string, quotes included.
    let server = server_answering(200, json!({"success": true})).await;
    client(&server).events().patch(APPLICATION_ID, EventPatch::new()).query("critical").send().await.unwrap();
    let seen = only_request(&server).await;
    assert_eq!(seen.query, pairs(&[("_actions", "false"), ("query", "\"critical\"")]));
}

// null: a property that may be null is absent, null or a value, both ways.

/// A request sends `null` only when asked (`device_id_null`), a value when
/// given one, and nothing when unset; map values and items may be `null`.
#[tokio::test]
async fn events_patch_sends_null_apart_from_absent() {
    let server = server_answering(200, json!({"success": true})).await;
    let updates = EventPatch::new()
        .device_id_null()
        .data([("a", Nullable::Value(1)), ("b", Nullable::Null)])
        .labels([Nullable::Null, Nullable::from("x".to_owned())]);
    client(&server).events().patch(APPLICATION_ID, updates).send().await.unwrap();
    Expect::new("PATCH", path("/events"))
        .json(json!({"deviceId": null, "data": {"a": 1, "b": null}, "labels": [null, "x"]}))
        .check(&only_request(&server).await);

    let server = server_answering(200, json!({"success": true})).await;
    client(&server).events().patch(APPLICATION_ID, EventPatch::new().device_id(DEVICE_ID)).send().await.unwrap();
    Expect::new("PATCH", path("/events")).json(json!({"deviceId": DEVICE_ID})).check(&only_request(&server).await);

    let server = server_answering(200, json!({"success": true})).await;
    client(&server).events().patch(APPLICATION_ID, EventPatch::new().comment("ok")).send().await.unwrap();
    Expect::new("PATCH", path("/events")).json(json!({"comment": "ok"})).check(&only_request(&server).await);
}

/// Limits apply to a nullable property's value, not to `null`.
#[tokio::test]
async fn events_patch_checks_a_nullable_value_but_not_null() {
    assert!(EventPatch::new().device_id_null().validate().is_ok());
    let too_long = EventPatch::new().device_id("x".repeat(25));
    assert!(too_long.validate().unwrap_err().contains("deviceId"));
    let server = server_answering(200, json!({"success": true})).await;
    let error = client(&server).events().patch(APPLICATION_ID, too_long).send().await.unwrap_err();
    assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

/// A response property that may be null decodes as absent (`None`), null
/// (`Some(Null)`) or a value, and each re-encodes to the JSON it came from.
#[tokio::test]
async fn devices_get_decodes_null_absent_and_value_apart() {
    let items = json!([
        {"id": DEVICE_ID},
        {"id": DEVICE_ID, "parentId": null},
        {"id": DEVICE_ID, "parentId": APPLICATION_ID},
    ]);
    let server = server_answering(200, json!({"items": items.clone()})).await;
    let devices = client(&server).devices().get(APPLICATION_ID).send().await.unwrap();
    let decoded = devices.items.unwrap();
    let parents: Vec<Option<Nullable<String>>> = decoded.iter().map(|d| d.parent_id.clone()).collect();
    assert_eq!(parents, [None, Some(Nullable::Null), Some(Nullable::Value(APPLICATION_ID.to_owned()))]);
    assert_eq!(serde_json::to_value(&decoded).unwrap(), items);
    assert_eq!(decoded[1], Device::new().id(DEVICE_ID).parent_id_null());
    assert_eq!(decoded[2].parent_id.as_ref().and_then(Nullable::as_ref).map(String::as_str), Some(APPLICATION_ID));
}

/// A required property that may be null takes a `Nullable` (a value or
/// `Null`), and its limits apply to the value only.
#[test]
fn a_required_nullable_property_is_a_value_or_null() {
    let owner = FlowsImportPost::new([json!({})], APPLICATION_ID.to_owned());
    assert_eq!(serde_json::to_value(&owner).unwrap(), json!({"flows": [{}], "ownerId": APPLICATION_ID}));
    assert!(owner.validate().is_ok());
    assert!(FlowsImportPost::new([json!({})], "x".repeat(25)).validate().unwrap_err().contains("ownerId"));
    let decoded: FlowsImportPost = serde_json::from_value(json!({"flows": [], "ownerId": null})).unwrap();
    assert_eq!(decoded.owner_id, Nullable::Null);
    // Leniency (serde's, for every `Option`-like type): a missing required
    // `ownerId` decodes as `null`.
    let missing: FlowsImportPost = serde_json::from_value(json!({"flows": []})).unwrap();
    assert_eq!(missing.owner_id, Nullable::Null);
}

/// A nullable property that contains its own schema is boxed, and keeps
/// absent, `null` and a value apart.
#[test]
fn a_self_containing_nullable_property_is_boxed() {
    let text = json!({"name": "b", "origin": {"name": "a", "origin": null}});
    let folder: Folder = serde_json::from_value(text.clone()).unwrap();
    assert_eq!(folder, Folder::new().name("b").origin(Folder::new().name("a").origin_null()));
    assert_eq!(serde_json::to_value(&folder).unwrap(), text);
    assert_eq!(Folder::new().origin, None);
}

// one-of: a discriminator, an exact fit, two alternatives of one type.

/// Triggers are told apart by `type`, which the generator found in the
/// schemas: a timer trigger is a timer even though the webhook trigger
/// (all optional, open enum) would take it, and every trigger re-encodes
/// byte for byte. A `type` no alternative names falls back to the strictest
/// exact fit: the cron trigger is taken by both (each keeps `schedule` in
/// its catch-all, the webhook's open enum keeps `cron`), so the first of
/// equals, with nothing lost; the raw value only when nothing re-encodes
/// it.
#[test]
fn a_one_of_with_a_discriminator_picks_the_alternative_it_names() {
    let text = r#"[{"type":"timer","seconds":60},{"type":"webhook","key":"k"},{"type":"cron","schedule":"* * * * *"},{"key":"k"}]"#;
    let triggers: Vec<FlowTrigger> = serde_json::from_str(text).unwrap();
    let mut cron = WebhookTrigger::new().type_(WebhookTriggerType::from("cron"));
    cron.additional.insert("schedule".into(), json!("* * * * *"));
    assert_eq!(
        triggers,
        [
            FlowTrigger::from(TimerTrigger::new().type_(TimerTriggerType::Timer).seconds(60)),
            FlowTrigger::from(WebhookTrigger::new().type_(WebhookTriggerType::Webhook).key("k")),
            FlowTrigger::from(cron),
            FlowTrigger::from(WebhookTrigger::new().key("k")),
        ]
    );
    assert_eq!(serde_json::to_string(&triggers).unwrap(), text);
    // With a discriminator, the named alternative takes the value even when
    // it does not declare a key, which its catch-all keeps.
    let value = json!({"type": "timer", "seconds": 1, "new": true});
    let extra: FlowTrigger = serde_json::from_value(value.clone()).unwrap();
    let mut timer = TimerTrigger::new().type_(TimerTriggerType::Timer).seconds(1);
    timer.additional.insert("new".into(), json!(true));
    assert_eq!(extra, FlowTrigger::from(timer));
    assert_eq!(serde_json::to_value(&extra).unwrap(), value);
}

/// A date-time or another string: the date-time alternative is the
/// runtime's checked `DateTime`, so it takes only date-times, and the other
/// takes the rest; nothing is lost either way.
#[test]
fn a_one_of_of_a_date_time_and_a_string_tells_them_apart() {
    let flow: Flow = serde_json::from_value(json!({"id": FLOW_ID, "name": "n", "schedule": "60"})).unwrap();
    assert_eq!(flow.schedule, Some(Schedule::String("60".into())));
    assert_eq!(serde_json::to_value(&flow).unwrap(), json!({"id": FLOW_ID, "name": "n", "schedule": "60"}));
    let at = json!({"id": FLOW_ID, "name": "n", "schedule": "2016-06-13T04:00:00.000Z"});
    let flow: Flow = serde_json::from_value(at.clone()).unwrap();
    let date = DateTime::parse("2016-06-13T04:00:00.000Z").unwrap();
    assert_eq!(flow.schedule, Some(Schedule::DateTime(date)));
    assert_eq!(serde_json::to_value(&flow).unwrap(), at);
}

// additional: typed properties and the other keys, in one object.

/// An object with typed fields and other keys (`additional`, a flattened
/// map) sends them side by side, and decodes and re-encodes a response
/// with its extra keys exactly: whole numbers as JSON writes them (`40`,
/// not `40.0`).
#[tokio::test]
async fn attribute_values_send_and_decode_typed_fields_beside_other_keys() {
    use kinds_client::types::AttributeValues;

    let answer =
        json!({"deviceId": DEVICE_ID, "time": "2016-06-13T04:00:00.000Z", "temp": 21.5, "rpm": 1200, "x-1": -3});
    let server = server_answering(200, answer.clone()).await;
    let values = AttributeValues::new(DEVICE_ID).additional("temp", 21.5).additional("humidity", 40);
    let response = client(&server).attribute_values().post(APPLICATION_ID, values).send().await.unwrap();
    Expect::new("POST", path("/attributeValues"))
        .json(json!({"deviceId": DEVICE_ID, "temp": 21.5, "humidity": 40}))
        .check(&only_request(&server).await);
    assert_eq!(response.device_id, DEVICE_ID);
    assert_eq!(response.time.as_deref(), Some("2016-06-13T04:00:00.000Z"));
    let expected: BTreeMap<String, f64> =
        [("temp".to_owned(), 21.5), ("rpm".to_owned(), 1200.0), ("x-1".to_owned(), -3.0)].into_iter().collect();
    assert_eq!(response.additional, expected);
    // The typed fields are not among the other keys, and encoding puts
    // every key back.
    let again = serde_json::to_value(&response).unwrap();
    assert_eq!(again, answer);
    assert_eq!(again["rpm"].to_string(), "1200");
}
