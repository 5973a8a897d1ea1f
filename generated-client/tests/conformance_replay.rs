//! Conformance with the official clients, action by action.
//!
//! `conformance/fixtures/python-2.3.0/` records what the official Python
//! client `losant-rest` 2.3.0 sent for every action it has (three calls
//! each: required params, all params, all params as strings) and what it
//! returned; `conformance/fixtures/js-4.2.0-multipart-sse.json` records
//! the official JS client 4.2.0 for the multipart uploads and event streams
//! that the Python client lacks. For every entry this test makes the same
//! call through the generated dispatcher (`tests/generated/dispatch.rs`)
//! against a raw server on 127.0.0.1 that answers with the recorded
//! response, and compares method, path, query pairs, the headers that
//! matter and the body, then the decoded result with what the official
//! client returned.
//!
//! Every difference is a named rule of [`RULES`]: each is asserted where it
//! is applied (the rule must really apply), counted, printed, and listed in
//! `conformance/README.md`. An entry that cannot be replayed fails the
//! test with its id and variant; nothing is skipped.

#[rustfmt::skip]
#[path = "generated/dispatch.rs"]
mod dispatch;
#[path = "support/multipart.rs"]
mod multipart;
#[path = "support/raw_server.rs"]
mod raw_server;

use std::collections::BTreeMap;

use dispatch::{Failure, Outcome, ParamCase};
use losant_rest::{Client, Error};
use multipart::{Part, parts};
use raw_server::{RawServer, Received, Reply};
use serde_json::{Map, Value, json};

/// Which official clients' recordings a rule applies to.
const PY: &[&str] = &["python"];
const JS: &[&str] = &["js"];
const BOTH: &[&str] = &["python", "js"];

/// The deliberate differences, by name, with what each means and whose
/// recordings it applies to; each test asserts that every rule of its
/// client applied at least once, so that no rule outlives its reason.
const RULES: &[(&str, &str, &[&str])] = &[
    (
        "python-bool-capitalised",
        "Python sends a Python bool in the query as `True`/`False`; we send `true`/`false`, as the API documents",
        PY,
    ),
    (
        "input-number-string",
        "input: the all-strings variant gives a number as a string (`\"2\"`); our typed setter takes the number",
        BOTH,
    ),
    (
        "input-bool-string",
        "input: the all-strings variant gives a boolean as a string (`\"true\"`); our typed setter takes the bool",
        BOTH,
    ),
    (
        "json-query-spacing",
        "a JSON-encoded query value: Python writes `json.dumps` with `\", \"`/`\": \"` separators, we write compact \
         JSON; the values are equal as JSON",
        PY,
    ),
    (
        "input-scalar-as-string",
        "input: Python is given a number or bool for a param we document as a string; we pass the same text",
        PY,
    ),
    (
        "no-token-when-not-needed",
        "Python sends its token to the actions that need none (auth.*, public dashboards, invites); we send none",
        PY,
    ),
    (
        "value-not-of-documented-type",
        "the recorder passed a value that is not of the param's documented type (`\"recorded-value\"` for an \
         object, `\"recorded-page\"` for an integer, `\"recorded-sortField\"` for an enum, `1` for a boolean); our \
         typed API refuses it and sends nothing",
        BOTH,
    ),
    (
        "documented-limit-checked-locally",
        "the recorder's smallest body breaks a documented limit (a minimum length); our client refuses it \
         before sending (`InvalidParameter`), the Python client sends it",
        PY,
    ),
    (
        "input-file-part",
        "input: the JS client is given a file (stream, buffer or string) and derives the part's file name and \
         content type; our `FilePart` is given the bytes with the name and content type the JS client sent",
        JS,
    ),
    (
        "multipart-boundary",
        "a multipart body's boundary is random in both clients: the parts are compared, not the bytes",
        JS,
    ),
    (
        "js-boolean-field-throws",
        "the JS client throws (`TypeError: data should be a string, Buffer or Uint8Array`) on a boolean \
         multipart field, after the part's head, and leaves its request unfinished (no response recorded); we \
         send the whole request, the boolean as `true`/`false`, and decode the action's documented success",
        JS,
    ),
    (
        "file-part-content-type",
        "the JS client sends a file given as a string without a part `Content-Type` (which a server reads as \
         `text/plain`, RFC 7578); our file part always has one, its name's type or else \
         `application/octet-stream`, as RFC 7578 advises for file data",
        JS,
    ),
    (
        "js-event-stream-accept",
        "the JS event source sends `Accept: application/json`; we send `Accept: text/event-stream` for a stream",
        JS,
    ),
    (
        "js-buffer-without-file-name",
        "the JS client sends a file given as a bare Buffer without a file name; our file part always has one \
         (here the param's name)",
        JS,
    ),
    (
        "js-stream-no-default-globals",
        "the JS client's event source sends no `_actions`/`_links`/`_embedded` unless given; we send their \
         documented defaults on every request, streams included",
        JS,
    ),
    ("js-accept-version", "the JS client 4.2.0 targets API 1.30.0 (`Accept-Version: ^1.30.0`); we target ^1.31.0", JS),
];

/// Counts of rules applied, for one client's recordings.
struct Tally {
    client: &'static str,
    rules: BTreeMap<&'static str, usize>,
    passed: usize,
}

impl Tally {
    fn new(client: &'static str) -> Self {
        Tally { client, rules: BTreeMap::new(), passed: 0 }
    }

    fn apply(&mut self, rule: &'static str) {
        let known = RULES.iter().find(|(name, ..)| *name == rule).unwrap_or_else(|| panic!("unknown rule {rule}"));
        assert!(known.2.contains(&self.client), "rule {rule} is not listed for {}", self.client);
        *self.rules.entry(rule).or_default() += 1;
    }

    /// Prints the counts, and fails for a rule of this client that never
    /// applied.
    fn report(&self, label: &str, total: usize) {
        println!("conformance: {label} {}/{total}", self.passed);
        for (rule, count) in &self.rules {
            let what = RULES.iter().find(|(name, ..)| name == rule).map_or("", |(_, what, _)| what);
            println!("  {} {rule}: {count} ({what})", self.client);
        }
        let unused: Vec<&str> = RULES
            .iter()
            .filter(|(name, _, clients)| clients.contains(&self.client) && !self.rules.contains_key(name))
            .map(|(name, ..)| *name)
            .collect();
        assert!(unused.is_empty(), "rules listed for {} that never applied: {unused:?}", self.client);
    }
}

const TOKEN: &str = "recorded-auth-token";

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/fixtures")
}

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every Python entry, in file then entry order.
fn python_entries() -> Vec<Value> {
    let dir = fixtures_dir().join("python-2.3.0");
    let index = read_json(&dir.join("index.json"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8 name"))
        .filter(|name| name != "index.json")
        .collect();
    files.sort();
    let mut entries = Vec::new();
    for file in files {
        let document = read_json(&dir.join(&file));
        entries.extend(document["entries"].as_array().expect("entries").iter().cloned());
    }
    let _ = index;
    entries
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The param of `case` (or a global param) with wire name `name`.
fn param<'a>(case: &'a dispatch::ActionCase, name: &str) -> Option<&'a ParamCase> {
    case.params.iter().chain(dispatch::GLOBAL_PARAMS).find(|p| p.wire == name)
}

/// The recorded params as our typed params take them: the Python client
/// takes any value, our setters the documented type.
fn our_args(id: &str, params: &Map<String, Value>, tally: &mut Tally) -> Result<Map<String, Value>, String> {
    let case = dispatch::case(id).ok_or_else(|| format!("no action {id} in our spec"))?;
    let mut args = Map::new();
    for (name, value) in params {
        let p = param(case, name).ok_or_else(|| format!("`{name}` is no param of ours"))?;
        let value = match (p.kind, value) {
            ("integer" | "number", Value::String(s)) => {
                tally.apply("input-number-string");
                match serde_json::from_str::<Value>(s) {
                    Ok(number) if number.is_number() => number,
                    // Not a number at all: the typed call will refuse it.
                    _ => value.clone(),
                }
            }
            ("enum", Value::String(s))
                if p.example.and_then(|e| serde_json::from_str::<Value>(e).ok()).is_some_and(|e| e.is_number()) =>
            {
                tally.apply("input-number-string");
                serde_json::from_str::<Value>(s)
                    .ok()
                    .filter(Value::is_number)
                    .ok_or_else(|| format!("`{name}`: {s:?} is no number"))?
            }
            ("string", Value::Number(_) | Value::Bool(_)) => {
                tally.apply("input-scalar-as-string");
                Value::String(value.to_string())
            }
            ("boolean", Value::String(s)) if s == "true" || s == "false" => {
                tally.apply("input-bool-string");
                Value::Bool(s == "true")
            }
            _ => value.clone(),
        };
        args.insert(name.clone(), value);
    }
    Ok(args)
}

/// Compares two JSON values.
fn check_json(what: &str, ours: &Value, theirs: &Value) -> Result<(), String> {
    if ours == theirs {
        return Ok(());
    }
    Err(format!("{what} differs:\n  ours:   {ours}\n  theirs: {theirs}"))
}

/// The headers compared, lower-cased, sorted.
const COMPARED_HEADERS: &[&str] = &["accept", "accept-version", "authorization", "content-type", "losantdomain"];

fn compared_headers(headers: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = headers
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .filter(|(n, _)| COMPARED_HEADERS.contains(&n.as_str()))
        .collect();
    out.sort();
    out
}

fn recorded_headers(request: &Value) -> Vec<(String, String)> {
    compared_headers(request["headers"].as_array().expect("headers").iter().map(|h| (text(&h[0]), text(&h[1]))))
}

/// The JSON-encoded query params of an action, by wire name.
fn json_query_params(case: &dispatch::ActionCase) -> Vec<&'static str> {
    case.params.iter().filter(|p| p.json_query).map(|p| p.wire).collect()
}

/// Compares the query pairs, in order: Python's booleans lowercased,
/// JSON-encoded values as JSON.
fn check_query(
    case: &dispatch::ActionCase,
    params: &Map<String, Value>,
    ours: &Received,
    recorded: &Value,
    tally: &mut Tally,
) -> Result<(), String> {
    let json_params = json_query_params(case);
    let mut theirs: Vec<(String, String)> =
        recorded["queryPairs"].as_array().expect("query pairs").iter().map(|p| (text(&p[0]), text(&p[1]))).collect();
    let ours = ours.query_pairs();
    for (key, value) in &mut theirs {
        let boolean = param(case, key).is_some_and(|p| p.kind == "boolean")
            || params.get(key.as_str()).is_some_and(Value::is_boolean);
        if boolean && (value == "True" || value == "False") {
            tally.apply("python-bool-capitalised");
            *value = value.to_ascii_lowercase();
        }
    }
    // JSON-encoded values: equal as JSON, then compared as ours.
    for (key, value) in &mut theirs {
        if !json_params.contains(&key.as_str()) {
            continue;
        }
        let Some((_, mine)) = ours.iter().find(|(k, _)| k == key) else { continue };
        if mine == value {
            continue;
        }
        let (a, b): (Value, Value) = (
            serde_json::from_str(mine).map_err(|e| format!("our `{key}` is no JSON: {e}"))?,
            serde_json::from_str(value).map_err(|e| format!("their `{key}` is no JSON: {e}"))?,
        );
        if a != b {
            return Err(format!("query `{key}` differs as JSON:\n  ours:   {mine}\n  theirs: {value}"));
        }
        tally.apply("json-query-spacing");
        *value = mine.clone();
    }
    if ours == theirs {
        return Ok(());
    }
    Err(format!("query pairs differ:\n  ours:   {ours:?}\n  theirs: {theirs:?}"))
}

/// What our call returned, as the JSON the official client would hand back.
fn returned(outcome: &Outcome) -> Option<Value> {
    match outcome {
        Outcome::Json(value) => Some(value.clone()),
        Outcome::Status(_, value) => value.clone(),
        Outcome::Empty => None,
        Outcome::Events(..) => None,
    }
}

/// A call our client refused without sending: only by a rule.
fn refused(
    case: &dispatch::ActionCase,
    params: &Map<String, Value>,
    result: &Result<Outcome, Failure>,
    tally: &mut Tally,
) -> Result<(), String> {
    match result {
        Err(Failure::Args(why)) => {
            // The value the recorder passed is not of the documented type.
            let (name, value) = params
                .iter()
                .find(|(name, _)| why.starts_with(&format!("param `{name}`")))
                .ok_or_else(|| format!("refused for no recorded param: {why}"))?;
            let p = param(case, name).ok_or("no such param")?;
            let wrong_type = match (p.kind, value) {
                ("boolean" | "integer" | "number" | "object" | "array" | "map", Value::String(_)) => true,
                ("boolean", Value::Number(_)) => true,
                ("string" | "enum" | "secret", Value::Object(_) | Value::Array(_)) => true,
                ("enum", Value::String(_)) => why.contains("is not a value of"),
                _ => false,
            };
            assert!(wrong_type, "{}: `{name}` = {value} is of its type {} yet refused: {why}", case.id, p.kind);
            tally.apply("value-not-of-documented-type");
            Ok(())
        }
        Err(Failure::Client(Error::InvalidParameter { reason, .. })) if reason.contains("must be at least") => {
            tally.apply("documented-limit-checked-locally");
            Ok(())
        }
        other => Err(format!("no request was sent: {other:?}")),
    }
}

/// Replays one Python entry.
async fn replay_python(server: &RawServer, client: &Client, entry: &Value, tally: &mut Tally) -> Result<(), String> {
    let id = text(&entry["id"]);
    let case = dispatch::case(&id).ok_or_else(|| format!("no action {id} in our spec"))?;
    let params = entry["params"].as_object().ok_or("no params")?;
    let args = our_args(&id, params, tally)?;
    let response = &entry["response"];
    let status = response["status"].as_u64().ok_or("no status")? as u16;
    server.answer(match &response["body"] {
        Value::String(s) => Reply { status, content_type: Some("text/plain".into()), body: s.clone().into_bytes() },
        body => Reply::json(status, body),
    });
    let result = dispatch::call(client, &id, &args).await;
    let mut received = server.received();
    if received.is_empty() {
        return refused(case, params, &result, tally);
    }
    if received.len() != 1 {
        return Err(format!("{} requests sent, expected 1 ({result:?})", received.len()));
    }
    let ours = received.remove(0);
    let recorded = &entry["request"];
    if ours.method != text(&recorded["method"]) {
        return Err(format!("method {} is not {}", ours.method, recorded["method"]));
    }
    if ours.path() != text(&recorded["path"]) {
        return Err(format!("path {} is not {}", ours.path(), recorded["path"]));
    }
    check_query(case, params, &ours, recorded, tally)?;
    let our_headers = compared_headers(ours.headers.iter().cloned());
    let mut their_headers = recorded_headers(recorded);
    let info = losant_rest::action(&id).ok_or("not in ACTIONS")?;
    if !info.auth {
        let token = ("authorization".to_owned(), format!("Bearer {TOKEN}"));
        assert!(their_headers.contains(&token) && ours.header("authorization").is_none(), "{id}: no token rule");
        tally.apply("no-token-when-not-needed");
        their_headers.retain(|h| *h != token);
    }
    if our_headers != their_headers {
        return Err(format!("headers differ:\n  ours:   {our_headers:?}\n  theirs: {their_headers:?}"));
    }
    let our_body: Option<Value> = (!ours.body.is_empty())
        .then(|| serde_json::from_slice(&ours.body).map_err(|e| format!("our body is no JSON: {e}")))
        .transpose()?;
    match (&our_body, &recorded["body"]) {
        (None, Value::Null) => {}
        (Some(ours), theirs) if !theirs.is_null() => check_json("body", ours, theirs)?,
        (ours, theirs) => return Err(format!("body differs:\n  ours:   {ours:?}\n  theirs: {theirs}")),
    }
    let outcome = result.map_err(|e| format!("our call failed: {e:?}"))?;
    let theirs = &entry["outcome"]["returned"];
    match returned(&outcome) {
        Some(ours) => check_json("returned value", &ours, theirs)?,
        None => return Err(format!("we returned {outcome:?}; the official client returned {theirs}")),
    }
    Ok(())
}

/// Standard base64, for the recorded bodies.
fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> =
        text.bytes().filter(|b| *b != b'=').map(|b| ALPHABET.iter().position(|a| *a == b).unwrap() as u32).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The recorded JS params as our dispatcher takes them: a file becomes a
/// `$file` with the bytes, name and content type the JS client sent.
fn js_args(entry: &Value, tally: &mut Tally) -> Map<String, Value> {
    let request = &entry["request"];
    let recorded_parts = match request["bodyB64"].as_str() {
        Some(b64) => parts(&base64(b64), "{boundary}"),
        None => Vec::new(),
    };
    let id = text(&entry["id"]);
    let plain: Map<String, Value> = entry["params"]
        .as_object()
        .expect("params")
        .iter()
        .filter(|(_, v)| v.get("$file").is_none())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut args = our_args(&id, &plain, tally).unwrap_or(plain);
    for (name, value) in entry["params"].as_object().expect("params") {
        let value = if value.get("$file").is_some() {
            let (_, file_name, content_type, bytes) =
                recorded_parts.iter().find(|p| &p.0 == name).expect("the file's part was recorded");
            tally.apply("input-file-part");
            // A bare Buffer goes without a file name in the JS client.
            let file_name = file_name.clone().unwrap_or_else(|| name.clone());
            let mut file = json!({"name": file_name, "base64": base64_encode(bytes)});
            if let Some(content_type) = content_type {
                file["contentType"] = json!(content_type);
            }
            json!({"$file": file})
        } else {
            continue;
        };
        args.insert(name.clone(), value);
    }
    args
}

/// Replays one JS entry: a multipart upload or an event stream.
async fn replay_js(server: &RawServer, client: &Client, entry: &Value, tally: &mut Tally) -> Result<(), String> {
    let id = text(&entry["id"]);
    let case = dispatch::case(&id).ok_or_else(|| format!("no action {id} in our spec"))?;
    let args = js_args(entry, tally);
    let response = &entry["response"];
    // The JS client threw on a boolean multipart field before its request
    // was complete, so the recorder answered nothing: we answer with the
    // action's first documented success, which our call must return.
    let threw = response.get("notSent").is_some();
    let returned_by_them = if threw {
        let message = entry["outcome"]["uncaughtException"]["message"].as_str().unwrap_or_default();
        let multipart_boolean =
            entry["params"].as_object().expect("params").iter().any(|(name, value)| {
                value.is_boolean() && param(case, name).is_some_and(|p| p.location == "multipart")
            });
        if !(message.contains("data should be a string")
            && multipart_boolean
            && entry["request"]["bodyIncomplete"].is_string())
        {
            return Err(format!("no response recorded, and not for a boolean part: {}", entry["outcome"]));
        }
        tally.apply("js-boolean-field-throws");
        let (status, _, example) = case.success.first().ok_or("no documented success")?;
        let example: Value = serde_json::from_str(example.ok_or("no documented example")?).expect("JSON");
        server.answer(Reply::json(*status, &example));
        example
    } else {
        let status = response["status"].as_u64().ok_or("no status")? as u16;
        server.answer(match response["eventStream"].as_str() {
            Some(stream) => {
                Reply { status, content_type: Some("text/event-stream".into()), body: stream.as_bytes().to_vec() }
            }
            None => Reply::json(status, &response["body"]),
        });
        entry["outcome"]["returned"].clone()
    };
    let result = dispatch::call(client, &id, &args).await;
    let mut received = server.received();
    if received.is_empty() {
        return refused(case, entry["params"].as_object().expect("params"), &result, tally);
    }
    if received.len() != 1 {
        return Err(format!("{} requests sent, expected 1 ({result:?})", received.len()));
    }
    let ours = received.remove(0);
    let recorded = &entry["request"];
    if ours.method != text(&recorded["method"]) || ours.path() != text(&recorded["path"]) {
        return Err(format!("{} {} is not {} {}", ours.method, ours.path(), recorded["method"], recorded["path"]));
    }
    let mut recorded = recorded.clone();
    if case.stream && entry["params"].get("_actions").is_none() {
        // The JS event source sends no global param it was not given.
        let pairs = recorded["queryPairs"].as_array_mut().expect("pairs");
        assert!(!pairs.iter().any(|p| p[0] == "_actions"));
        tally.apply("js-stream-no-default-globals");
        let mut defaults = vec![json!(["_actions", "false"]), json!(["_links", "true"]), json!(["_embedded", "true"])];
        defaults.append(pairs);
        *pairs = defaults;
    }
    let recorded = &recorded;
    check_query(case, entry["params"].as_object().expect("params"), &ours, recorded, tally)?;
    // Headers: the version and the stream's Accept by rule.
    let mut theirs = recorded_headers(recorded);
    for (name, value) in &mut theirs {
        if name == "accept-version" && value == "^1.30.0" {
            tally.apply("js-accept-version");
            *value = "^1.31.0".into();
        }
        if name == "accept" && case.stream {
            assert_eq!(value, "application/json");
            tally.apply("js-event-stream-accept");
            *value = "text/event-stream".into();
        }
        if name == "content-type" && value.starts_with("multipart/form-data; boundary=") {
            tally.apply("multipart-boundary");
            *value = "multipart/form-data".into();
        }
    }
    let mut our_headers = compared_headers(ours.headers.iter().cloned());
    let boundary = ours.header("content-type").and_then(|v| v.split_once("boundary=")).map(|(_, b)| b.to_owned());
    for (name, value) in &mut our_headers {
        if name == "content-type" && value.starts_with("multipart/form-data; boundary=") {
            *value = "multipart/form-data".into();
        }
    }
    if our_headers != theirs {
        return Err(format!("headers differ:\n  ours:   {our_headers:?}\n  theirs: {theirs:?}"));
    }
    // The body: JSON, or multipart parts.
    match (&recorded["multipart"], boundary) {
        (Value::Object(_), Some(boundary)) => {
            let our_parts = parts(&ours.body, &boundary);
            let mut their_parts = parts(&base64(recorded["bodyB64"].as_str().expect("body")), "{boundary}");
            for (name, file_name, content_type, _) in &mut their_parts {
                let given = &entry["params"][name.as_str()];
                if file_name.is_none() && given.get("$file").is_some() {
                    tally.apply("js-buffer-without-file-name");
                    *file_name = Some(name.clone());
                }
                if content_type.is_none() && given.get("$file").is_some() {
                    // A file name without an extension: no known type.
                    let ours = our_parts.iter().find(|p| &p.0 == name).and_then(|p| p.2.as_deref());
                    if ours != Some("application/octet-stream") || file_name.as_deref().is_some_and(|f| f.contains('.'))
                    {
                        return Err(format!("part `{name}` {file_name:?}: our content type {ours:?}"));
                    }
                    tally.apply("file-part-content-type");
                    *content_type = ours.map(str::to_owned);
                }
            }
            if threw {
                // The parts the JS client never finished: ours must be the
                // params as text.
                for (name, value) in entry["params"].as_object().expect("params") {
                    let multipart = param(case, name).is_some_and(|p| p.location == "multipart");
                    if multipart && !their_parts.iter().any(|p| &p.0 == name) {
                        their_parts.push((name.clone(), None, None, text(value).into_bytes()));
                    }
                }
            }
            let normalize = |mut parts: Vec<Part>| {
                for part in &mut parts {
                    // JSON parts compare as JSON.
                    if let Ok(value) = serde_json::from_slice::<Value>(&part.3)
                        && (value.is_object() || value.is_array())
                    {
                        part.3 = value.to_string().into_bytes();
                    }
                }
                parts.sort();
                parts
            };
            let (ours, theirs) = (normalize(our_parts), normalize(their_parts));
            if ours != theirs {
                let show = |p: &Vec<Part>| {
                    p.iter()
                        .map(|(n, f, c, b)| format!("{n} {f:?} {c:?} {}", String::from_utf8_lossy(b)))
                        .collect::<Vec<_>>()
                };
                return Err(format!("parts differ:\n  ours:   {:?}\n  theirs: {:?}", show(&ours), show(&theirs)));
            }
        }
        (Value::Object(_), None) => return Err("we sent no multipart body".into()),
        _ => {
            let our_body: Option<Value> =
                (!ours.body.is_empty()).then(|| serde_json::from_slice(&ours.body).ok()).flatten();
            let their_body = (!recorded["body"].is_null()).then(|| recorded["body"].clone());
            if our_body != their_body {
                return Err(format!("body differs:\n  ours:   {our_body:?}\n  theirs: {their_body:?}"));
            }
        }
    }
    // The result.
    let outcome = &entry["outcome"];
    match result {
        Ok(Outcome::Events(events, _end)) => {
            let delivered = outcome["delivered"].as_array().ok_or("no delivered events recorded")?;
            if events.len() != delivered.len() {
                return Err(format!("{} events, the JS client delivered {}", events.len(), delivered.len()));
            }
            for (ours, theirs) in events.iter().zip(delivered) {
                let id = theirs["lastEventId"].as_str().filter(|id| !id.is_empty());
                if ours["event"] != theirs["type"] || ours["id"].as_str() != id {
                    return Err(format!("event {ours} is not {theirs}"));
                }
                check_json("event data", &ours["data"], &theirs["dataParsedAsJson"])?;
            }
        }
        Ok(other) => {
            let ours = returned(&other).ok_or_else(|| format!("we returned {other:?}"))?;
            check_json("returned value", &ours, &returned_by_them)?;
        }
        Err(Failure::Client(Error::Api(error))) => {
            let raised = &outcome["raised"];
            let status = raised["fields"]["statusCode"].as_u64().or(raised["fields"]["code"].as_u64());
            if Some(u64::from(error.status())) != status {
                return Err(format!("status {} is not {status:?}", error.status()));
            }
        }
        Err(other) => return Err(format!("our call failed: {other:?}")),
    }
    Ok(())
}

#[tokio::test]
async fn every_recording_of_the_official_clients() {
    let server = RawServer::start().await;
    // One client for every entry, as an application would have.
    let client = Client::builder().base_url(&server.base).token(TOKEN).build().expect("a client");
    let mut python = Tally::new("python");
    let entries = python_entries();
    let mut failures = Vec::new();
    for entry in &entries {
        match replay_python(&server, &client, entry, &mut python).await {
            Ok(()) => python.passed += 1,
            Err(why) => failures.push(format!("{} {}: {why}", text(&entry["id"]), text(&entry["variant"]))),
        }
    }
    python.report("python-2.3.0", entries.len());
    assert!(failures.is_empty(), "{} entries differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(entries.len(), 1116);
    assert_eq!(python.passed, 1116);
}

/// The JS client's recordings of the multipart uploads and event streams.
#[tokio::test]
async fn every_recording_of_the_js_client() {
    let server = RawServer::start().await;
    // One client for every entry, as an application would have.
    let client = Client::builder().base_url(&server.base).token(TOKEN).build().expect("a client");
    let mut failures = Vec::new();
    let js_document = read_json(&fixtures_dir().join("js-4.2.0-multipart-sse.json"));
    assert_eq!(js_document["about"]["client"]["version"], json!("4.2.0"));
    let js_entries = js_document["entries"].as_array().expect("entries");
    let mut js = Tally::new("js");
    for entry in js_entries {
        match replay_js(&server, &client, entry, &mut js).await {
            Ok(()) => js.passed += 1,
            Err(why) => failures.push(format!("js {} {}: {why}", text(&entry["id"]), text(&entry["variant"]))),
        }
    }
    js.report("js-4.2.0", js_entries.len());
    assert!(failures.is_empty(), "{} entries differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(js_entries.len(), 25);
    assert_eq!(js.passed, 25);
}
