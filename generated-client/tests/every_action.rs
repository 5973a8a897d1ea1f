//! Every action of the client, every documented status, over loopback.
//!
//! Table-driven from what the spec documents (the dispatcher's
//! `ACTION_CASES`, `tests/generated/dispatch.rs`), with no code of its own
//! per action. For each of the 380 actions of `losant_rest::ACTIONS`:
//!
//! - the request: the action is called with its documented examples, first
//!   the required params only, then every param (globals included), then,
//!   for an action with path params, with path values full of reserved
//!   characters. Method and path are checked against `ActionInfo` (the
//!   template filled in and percent-encoded here, independently of the
//!   client), the query pairs against the params given and the globals'
//!   defaults, the headers (`Authorization` only for actions that need a
//!   token, `Accept-Version`, `Accept`, `Content-Type`, header params) and
//!   the body (the body param's value as JSON, or the multipart parts by
//!   name);
//! - every documented success status: answered with that status and the
//!   documented example, the call must return it decoded and re-encoded
//!   unchanged (the right variant for actions whose statuses carry
//!   different types; nothing for a status without a body); a stream
//!   answers with one documented event, which must be delivered;
//! - every documented error status: answered with an error body, the call
//!   must return `Error::Api` with the status and the body decoded, and for
//!   a status with a schema of its own, `details` in that schema's type.
//!
//! All cases run against one raw server, one after the other (a call takes
//! well under a millisecond on loopback); every failure is collected and
//! the test fails once with the whole list.

#[rustfmt::skip]
#[path = "generated/dispatch.rs"]
mod dispatch;
#[path = "support/multipart.rs"]
mod multipart;
#[path = "support/raw_server.rs"]
mod raw_server;

use dispatch::{ActionCase, Failure, Outcome, ParamCase};
use losant_rest::runtime::ActionInfo;
use losant_rest::{Client, Error};
use raw_server::{RawServer, Received, Reply};
use serde_json::{Map, Value, json};

const TOKEN: &str = "every-action-token";

/// The API version the client announces: the spec's.
const ACCEPT_VERSION: &str = "^1.31.0";

/// A path value with every kind of character a path segment must encode
/// (`/`, `?`, `#`, `%`, space, `+`, `&`, `=`, `;`, `@`, `:`, quotes,
/// non-ASCII) next to the unreserved ones it must keep.
const AWKWARD_PATH_VALUE: &str = "a b/c?d#e%25f&g=h+i;j@k:l'm\"n~o.p_q-r é✓";

/// An error body for each error schema an action documents for a status,
/// by the schema's name: values of that schema (and of the API's error
/// schema, whose `message` and `type` every one of them has).
fn error_body(schema: Option<&str>, status: u16) -> Option<Value> {
    let message = format!("documented error {status}");
    Some(match schema {
        None => json!({"type": "Documented", "message": message}),
        Some("validationErrors") => json!({
            "type": "Validation",
            "message": message,
            "validationErrors": [{"id": "575ec8687ae143cd83dc4a97", "message": "no such table", "name": "myNote", "type": "Notebook"}],
        }),
        Some("validateContextError") => json!({
            "type": "Validation",
            "message": message,
            "invalidCtxName": "deviceId",
            "ctx": {"deviceId": "575ec8687ae143cd83dc4a97"},
        }),
        Some(_) => return None,
    })
}

/// Percent-encodes a path segment as RFC 3986 requires of a value that must
/// stay one segment: everything but the unreserved characters, byte by byte
/// of its UTF-8, with upper-case hex digits.
fn encode_segment(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A JSON value as text in a path, query or header: a string as it is, the
/// rest as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The query pairs of a structured value under `name`, flattened into
/// bracket keys (`tags[0]`, `filter[name]`) as the official clients send
/// them; nulls are left out.
fn flatten(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{name}[{i}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                flatten(&format!("{name}[{key}]"), item, out);
            }
        }
        scalar => out.push((name.to_owned(), text(scalar))),
    }
}

fn parse(json_text: &str) -> Value {
    serde_json::from_str(json_text).expect("the dispatcher's JSON texts are JSON")
}

/// Which arguments a call is given.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Variant {
    /// The required params, each with its example.
    Required,
    /// Every param, globals included, each with its example (a global
    /// boolean with the opposite of its default, so that it shows).
    All,
    /// The required params, path params with [`AWKWARD_PATH_VALUE`].
    AwkwardPath,
}

/// A file for a file param: the content type comes from the extension
/// unless one is given.
fn file_value(variant: Variant) -> Value {
    match variant {
        Variant::All => {
            json!({"$file": {"name": "upload.bin", "contentType": "application/vnd.test", "text": "x\u{0}y"}})
        }
        _ => json!({"$file": {"name": "example.csv", "text": "a,b\n1,2\n"}}),
    }
}

/// The value a param is called with: its example, else its default, else a
/// value of its kind.
fn value_of(param: &ParamCase, variant: Variant, global: bool) -> Value {
    if param.kind == "file" {
        return file_value(variant);
    }
    if global && param.kind == "boolean" {
        let default = param.default.map(parse).and_then(|d| d.as_bool()).unwrap_or(false);
        return Value::Bool(!default);
    }
    if variant == Variant::AwkwardPath && param.location == "path" {
        return Value::String(AWKWARD_PATH_VALUE.into());
    }
    match (param.example, param.default, param.kind) {
        (Some(example), _, _) => parse(example),
        (None, Some(default), _) => parse(default),
        (None, None, "boolean") => Value::Bool(true),
        (None, None, "integer") => json!(3),
        (None, None, "number") => json!(2.5),
        (None, None, _) => Value::String("value".into()),
    }
}

/// The args of a call of `case`.
fn args_of(case: &ActionCase, variant: Variant) -> Map<String, Value> {
    let mut args = Map::new();
    for param in case.params {
        if param.required || variant == Variant::All {
            args.insert(param.wire.to_owned(), value_of(param, variant, false));
        }
    }
    if variant == Variant::All {
        for param in dispatch::GLOBAL_PARAMS {
            args.insert(param.wire.to_owned(), value_of(param, variant, true));
        }
    }
    args
}

/// The success the server gives while the request itself is under test.
fn first_success(case: &ActionCase) -> Reply {
    if case.stream {
        return event_reply(case);
    }
    match case.success.first() {
        Some((status, _, Some(example))) => Reply::json(*status, &parse(example)),
        Some((status, Some(_), None)) => Reply::json(*status, &json!({})),
        Some((status, None, None)) => Reply::empty(*status),
        None => Reply::empty(200),
    }
}

/// One documented event, as a stream of server-sent events.
fn event_reply(case: &ActionCase) -> Reply {
    let data = case.event_example.map_or_else(|| "{}".to_owned(), |e| parse(e).to_string());
    let event = case.event.unwrap_or("message");
    Reply {
        status: 200,
        content_type: Some("text/event-stream".into()),
        body: format!("id: 1\nevent: {event}\ndata: {data}\n\n").into_bytes(),
    }
}

/// Runs every case, collecting failures and counting.
struct Run<'a> {
    server: &'a RawServer,
    client: Client,
    failures: Vec<String>,
    calls: usize,
    success_statuses: usize,
    error_statuses: usize,
    schema_errors: usize,
    events: usize,
    multipart_calls: usize,
    /// Success statuses with a body but no documented example (answered
    /// with `{}`).
    without_example: usize,
}

impl Run<'_> {
    /// One call with `args`, answered with `reply`: what was received and
    /// what the call returned.
    async fn call(
        &mut self,
        case: &ActionCase,
        args: &Map<String, Value>,
        reply: Reply,
    ) -> (Vec<Received>, Result<Outcome, Failure>) {
        self.server.answer(reply);
        self.calls += 1;
        let result = dispatch::call(&self.client, case.id, args).await;
        (self.server.received(), result)
    }

    fn fail(&mut self, id: &str, what: &str, why: String) {
        self.failures.push(format!("{id} {what}: {why}"));
    }

    /// The request checks of one call variant.
    async fn request(&mut self, info: &ActionInfo, case: &ActionCase, variant: Variant) {
        let args = args_of(case, variant);
        let (received, result) = self.call(case, &args, first_success(case)).await;
        let what = format!("{variant:?} request");
        if let Err(failure) = &result {
            return self.fail(case.id, &what, format!("the call failed: {failure:?}"));
        }
        match received.as_slice() {
            [one] => {
                if let Err(why) = check_request(info, case, &args, one) {
                    self.fail(case.id, &what, why);
                }
                if one.header("content-type").is_some_and(|c| c.starts_with("multipart/")) {
                    self.multipart_calls += 1;
                }
            }
            many => self.fail(case.id, &what, format!("{} requests sent, expected 1", many.len())),
        }
    }

    /// Every documented success status.
    async fn successes(&mut self, case: &ActionCase) {
        let args = args_of(case, Variant::Required);
        if case.stream {
            let (_, result) = self.call(case, &args, event_reply(case)).await;
            self.success_statuses += 1;
            if let Err(why) = check_events(case, result) {
                self.fail(case.id, "event stream", why);
            } else {
                self.events += 1;
            }
            return;
        }
        for (status, schema, example) in case.success {
            let expected = match (schema, example) {
                (_, Some(example)) => Some(parse(example)),
                // A body without a documented example: an empty object.
                (Some(_), None) => {
                    self.without_example += 1;
                    Some(json!({}))
                }
                (None, None) => None,
            };
            let reply = match &expected {
                Some(body) => Reply::json(*status, body),
                None => Reply::empty(*status),
            };
            let (_, result) = self.call(case, &args, reply).await;
            self.success_statuses += 1;
            let outcome = match result {
                Ok(outcome) => outcome,
                Err(failure) => {
                    self.fail(case.id, &format!("success {status}"), format!("the call failed: {failure:?}"));
                    continue;
                }
            };
            let matches = match (&outcome, case.success.len()) {
                (Outcome::Status(code, value), n) if n > 1 => *code == *status && *value == expected,
                (Outcome::Json(value), 1) => Some(value) == expected.as_ref(),
                (Outcome::Empty, 1) => expected.is_none(),
                _ => false,
            };
            if !matches {
                self.fail(
                    case.id,
                    &format!("success {status}"),
                    format!("returned {outcome:?}, expected {expected:?}"),
                );
            }
        }
    }

    /// Every documented error status.
    async fn errors(&mut self, info: &ActionInfo, case: &ActionCase) {
        let args = args_of(case, Variant::Required);
        for (status, schema) in case.errors {
            let what = format!("error {status}");
            let Some(body) = error_body(*schema, *status) else {
                self.fail(case.id, &what, format!("no error body for schema {schema:?} in this test"));
                continue;
            };
            let (_, result) = self.call(case, &args, Reply::json(*status, &body)).await;
            self.error_statuses += 1;
            if let Err(why) = check_error(info, case, *status, *schema, &body, result) {
                self.fail(case.id, &what, why);
            } else if schema.is_some() {
                self.schema_errors += 1;
            }
        }
    }
}

/// The path `info.path` with `args` filled in, percent-encoded.
fn expected_path(info: &ActionInfo, args: &Map<String, Value>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = info.path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').ok_or("unclosed `{` in the path template")? + start;
        let name = &rest[start + 1..end];
        let value = args.get(name).ok_or_else(|| format!("no arg for path param `{name}`"))?;
        out.push_str(&rest[..start]);
        out.push_str(&encode_segment(&text(value)));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Method, path, query, headers and body of one request.
fn check_request(
    info: &ActionInfo,
    case: &ActionCase,
    args: &Map<String, Value>,
    got: &Received,
) -> Result<(), String> {
    if got.method != info.method.as_str() {
        return Err(format!("method {} is not {}", got.method, info.method));
    }
    let path = expected_path(info, args)?;
    if got.path() != path {
        return Err(format!("path {} is not {path}", got.path()));
    }
    check_query(case, args, got)?;
    check_headers(info, case, args, got)?;
    check_body(case, args, got)
}

/// The query pairs: the params given, flattened (or JSON-encoded), and the
/// globals' defaults that the client always sends; nothing else.
fn check_query(case: &ActionCase, args: &Map<String, Value>, got: &Received) -> Result<(), String> {
    let mut expected = Vec::new();
    let mut json_expected = Vec::new();
    for p in case.params.iter().chain(dispatch::GLOBAL_PARAMS).filter(|p| p.location == "query") {
        let value = match (args.get(p.wire), p.default) {
            (Some(value), _) => value.clone(),
            (None, Some(default)) if p.send_default => parse(default),
            (None, _) => continue,
        };
        if p.json_query {
            json_expected.push((p.wire.to_owned(), value));
        } else {
            flatten(p.wire, &value, &mut expected);
        }
    }
    let mut pairs = got.query_pairs();
    for (name, value) in json_expected {
        let index = pairs
            .iter()
            .position(|(n, _)| *n == name)
            .ok_or_else(|| format!("no query pair `{name}` (JSON-encoded)"))?;
        let (_, sent) = pairs.remove(index);
        let sent: Value = serde_json::from_str(&sent).map_err(|e| format!("query `{name}` is no JSON: {e}: {sent}"))?;
        if sent != value {
            return Err(format!("query `{name}` is {sent}, expected {value}"));
        }
    }
    pairs.sort();
    expected.sort();
    if pairs != expected {
        return Err(format!("query pairs:\n    sent:     {pairs:?}\n    expected: {expected:?}"));
    }
    Ok(())
}

fn check_headers(
    info: &ActionInfo,
    case: &ActionCase,
    args: &Map<String, Value>,
    got: &Received,
) -> Result<(), String> {
    let expect = |name: &str, expected: Option<&str>| -> Result<(), String> {
        let sent = got.header(name);
        if sent == expected { Ok(()) } else { Err(format!("header {name}: sent {sent:?}, expected {expected:?}")) }
    };
    let bearer = format!("Bearer {TOKEN}");
    expect("authorization", info.auth.then_some(bearer.as_str()))?;
    expect("accept-version", Some(ACCEPT_VERSION))?;
    expect("accept", Some(if case.stream { "text/event-stream" } else { "application/json" }))?;
    for p in case.params.iter().chain(dispatch::GLOBAL_PARAMS).filter(|p| p.location == "header") {
        expect(p.wire, args.get(p.wire).map(text).as_deref())?;
    }
    let has_body =
        case.params.iter().any(|p| p.location == "body" && args.contains_key(p.wire)) || no_parts_given(case, args);
    let multipart = case.params.iter().any(|p| p.location == "multipart");
    let content_type = got.header("content-type");
    match (has_body, multipart) {
        (true, _) => expect("content-type", Some("application/json")),
        (false, true) if content_type.is_some_and(|c| c.starts_with("multipart/form-data; boundary=")) => Ok(()),
        (false, true) => Err(format!("content-type {content_type:?} is not multipart/form-data with a boundary")),
        (false, false) => expect("content-type", None),
    }
}

/// Whether `case` is a multipart action given none of its parts: it sends
/// `{}` as JSON, as the official JS client does (a multipart body needs a
/// part).
fn no_parts_given(case: &ActionCase, args: &Map<String, Value>) -> bool {
    let mut parts = case.params.iter().filter(|p| p.location == "multipart").peekable();
    parts.peek().is_some() && parts.all(|p| !args.contains_key(p.wire))
}

fn check_body(case: &ActionCase, args: &Map<String, Value>, got: &Received) -> Result<(), String> {
    let empty_object = json!({});
    let body_param = case.params.iter().find(|p| p.location == "body");
    let expected = if no_parts_given(case, args) {
        Some(&empty_object)
    } else if case.params.iter().any(|p| p.location == "multipart") {
        return check_parts(case, args, got);
    } else {
        body_param.and_then(|p| args.get(p.wire))
    };
    match expected {
        Some(expected) => {
            let sent: Value =
                serde_json::from_slice(&got.body).map_err(|e| format!("the body is no JSON ({e}): {:?}", got.body))?;
            if sent != *expected {
                return Err(format!("body:\n    sent:     {sent}\n    expected: {expected}"));
            }
        }
        None if !got.body.is_empty() => {
            return Err(format!("a body without a body param: {}", String::from_utf8_lossy(&got.body)));
        }
        None => {}
    }
    Ok(())
}

/// The parts, by name: a file with its name, content type and bytes, a
/// scalar as text, anything else as JSON.
fn check_parts(case: &ActionCase, args: &Map<String, Value>, got: &Received) -> Result<(), String> {
    let boundary = got.header("content-type").and_then(multipart::boundary).ok_or("no multipart boundary")?;
    let mut parts = multipart::parts(&got.body, boundary);
    let mut expected = Vec::new();
    for p in case.params.iter().filter(|p| p.location == "multipart") {
        let Some(value) = args.get(p.wire) else { continue };
        expected.push(match (p.kind, value) {
            ("file", file) => {
                let file = &file["$file"];
                let name = file["name"].as_str().expect("a file name");
                let content_type = match file["contentType"].as_str() {
                    Some(given) => given.to_owned(),
                    // The type of the extension, as the README documents.
                    None if name.ends_with(".csv") => "text/csv".to_owned(),
                    None => return Err(format!("no content type known for {name}")),
                };
                let bytes = file["text"].as_str().expect("a text file").as_bytes().to_vec();
                (p.wire.to_owned(), Some(name.to_owned()), Some(content_type), bytes)
            }
            (_, Value::Object(_) | Value::Array(_)) => (p.wire.to_owned(), None, None, value.to_string().into_bytes()),
            (_, scalar) => (p.wire.to_owned(), None, None, text(scalar).into_bytes()),
        });
    }
    // JSON parts compare as JSON (the client's key order is its types').
    for part in &mut parts {
        if let Ok(value @ (Value::Object(_) | Value::Array(_))) = serde_json::from_slice::<Value>(&part.3) {
            part.3 = value.to_string().into_bytes();
        }
    }
    parts.sort();
    expected.sort();
    if parts != expected {
        let show = |parts: &[multipart::Part]| -> Vec<String> {
            parts.iter().map(|(n, f, c, b)| format!("{n} {f:?} {c:?} {:?}", String::from_utf8_lossy(b))).collect()
        };
        return Err(format!("parts:\n    sent:     {:?}\n    expected: {:?}", show(&parts), show(&expected)));
    }
    Ok(())
}

/// One event, delivered with its type, id and data, and the stream ended.
fn check_events(case: &ActionCase, result: Result<Outcome, Failure>) -> Result<(), String> {
    let example = parse(case.event_example.ok_or("no documented event example")?);
    match result {
        Ok(Outcome::Events(events, end)) => {
            let expected = json!({"id": "1", "event": case.event.unwrap_or("message"), "data": example});
            if events != [expected.clone()] {
                return Err(format!("events {events:?}, expected [{expected}]"));
            }
            // The server closes the stream after the event: an end, or an
            // error that says the stream ended, not a decoding error.
            if let Some(error) = end
                && matches!(error, Error::Decode { .. })
            {
                return Err(format!("the stream ended with {error:?}"));
            }
            Ok(())
        }
        other => Err(format!("returned {other:?}, expected one event")),
    }
}

/// `Error::Api` with the status, the body decoded as the API's error, and
/// for a status with a schema of its own, the body in that schema's type.
fn check_error(
    info: &ActionInfo,
    case: &ActionCase,
    status: u16,
    schema: Option<&str>,
    body: &Value,
    result: Result<Outcome, Failure>,
) -> Result<(), String> {
    let error = match result {
        Err(Failure::Client(Error::Api(error))) => error,
        other => return Err(format!("returned {other:?}, expected Error::Api")),
    };
    if error.status() != status || error.action() != case.id {
        return Err(format!("an error of {} with status {}", error.action(), error.status()));
    }
    let decoded = error.body().map(serde_json::to_value).transpose().map_err(|e| e.to_string())?;
    // The API's error schema keeps every key, its own and the others.
    if decoded.as_ref() != Some(body) {
        return Err(format!("body decoded as {decoded:?}, sent {body}"));
    }
    if error.schema() != schema {
        return Err(format!("schema {:?}, documented {schema:?}", error.schema()));
    }
    match schema {
        Some(name) => {
            if !info.error_statuses.contains(&(status, name)) {
                return Err(format!("ActionInfo::error_statuses lacks ({status}, {name})"));
            }
            if dispatch::error_details(&error, name) != Some(true) {
                return Err(format!("the body did not decode into {name}"));
            }
        }
        None => {
            if info.error_statuses.iter().any(|(code, _)| *code == status) {
                return Err("ActionInfo::error_statuses has a schema for this status".into());
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_action_every_documented_status() {
    let started = std::time::Instant::now();
    let server = RawServer::start().await;
    let client = Client::builder().base_url(&server.base).token(TOKEN).build().expect("a client");
    let mut run = Run {
        server: &server,
        client,
        failures: Vec::new(),
        calls: 0,
        success_statuses: 0,
        error_statuses: 0,
        schema_errors: 0,
        events: 0,
        multipart_calls: 0,
        without_example: 0,
    };
    let mut exercised = 0;
    for info in losant_rest::ACTIONS {
        let Some(case) = dispatch::case(info.id) else {
            run.failures.push(format!("{}: not in the dispatcher's ACTION_CASES", info.id));
            continue;
        };
        let calls = run.calls;
        run.request(info, case, Variant::Required).await;
        run.request(info, case, Variant::All).await;
        if case.params.iter().any(|p| p.location == "path") {
            run.request(info, case, Variant::AwkwardPath).await;
        }
        run.successes(case).await;
        run.errors(info, case).await;
        let expected_calls = 2
            + usize::from(case.params.iter().any(|p| p.location == "path"))
            + if case.stream { 1 } else { case.success.len() }
            + case.errors.len();
        assert_eq!(run.calls - calls, expected_calls, "{}", info.id);
        exercised += 1;
    }
    println!(
        "every action: {} actions, {} calls, {} success statuses, {} error statuses",
        exercised, run.calls, run.success_statuses, run.error_statuses
    );
    println!(
        "  {} success statuses without an example, {} error statuses with a schema of their own, {} event \
         streams, {} multipart requests; {:?}",
        run.without_example,
        run.schema_errors,
        run.events,
        run.multipart_calls,
        started.elapsed()
    );
    assert!(run.failures.is_empty(), "{} failures:\n{}", run.failures.len(), run.failures.join("\n"));
    assert_eq!(losant_rest::ACTIONS.len(), 380);
    assert_eq!(exercised, 380);
    assert_eq!(dispatch::ACTION_CASES.len(), 380);
    assert!(run.schema_errors > 0 && run.events == 3 && run.multipart_calls > 0);
}
