//! What the hostile spec's client must do besides compiling: keep wire
//! names and values exact under renamed Rust names, and keep spec text out
//! of code.

use hostile_client::things::{Retry, ThingsString};
use hostile_client::types::{Level, Ratio, Thing, ThingOption, ThingStatus, ThingString};

/// The generated file, as the build script wrote it.
const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/client.rs"));

#[test]
fn spec_text_opens_no_code_block() {
    let blocks = restspec_codegen::code_blocks(GENERATED);
    let foreign: Vec<_> = blocks.iter().filter(|b| b.info != "no_run" && b.info != "json").collect();
    assert!(foreign.is_empty(), "code blocks from spec text: {foreign:?}");
    assert!(blocks.iter().any(|b| b.info == "no_run"), "the generator's own examples are doctests");
}

#[test]
fn the_source_has_no_bare_carriage_return_and_no_raw_html_of_the_spec() {
    assert!(!GENERATED.contains('\r'));
    let mut in_block = false;
    for line in GENERATED.lines().map(str::trim_start).filter(|l| l.starts_with("///") || l.starts_with("//!")) {
        // The generator's own code blocks (JSON examples) show text as it is.
        let text = line[3..].trim();
        if text.starts_with("```")
            && text.trim_start_matches('`').chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        // Outside code spans, every `<` is escaped.
        let prose = outside_code_spans(line);
        assert!(!prose.replace("\\<", "").contains('<'), "HTML from the spec in rustdoc: {line}");
    }
}

#[test]
fn properties_named_like_struct_methods_keep_their_wire_names() {
    let thing = Thing::new("name").new_("a").validate_("b").clone_("c").fmt_(1).self_(true).crate_(2);
    let json = serde_json::to_value(&thing).expect("serializes");
    let expected = serde_json::json!({"new": "a", "validate": "b", "clone": "c", "fmt": 1, "self": true, "crate": 2, "name": "name"});
    assert_eq!(json, expected);
    assert_eq!(thing.validate(), Ok(()));
    let back: Thing = serde_json::from_value(expected).expect("deserializes");
    assert_eq!(back, thing);
}

#[test]
fn enum_values_stay_exact_on_the_wire() {
    assert_eq!(ThingString::CD.as_str(), "c\rd");
    assert_eq!(ThingString::Script.as_str(), "</script>");
    assert_eq!(ThingString::ERustF.as_str(), "e ```rust f");
    assert_eq!(ThingStatus::from("ok\rgo"), ThingStatus::OkGo);
    assert_eq!(ThingStatus::InActive.to_string(), "in`active");
    for (variant, wire) in [
        (ThingStatus::ActiveLower, "active"),
        (ThingStatus::ActiveUpper, "ACTIVE"),
        (ThingStatus::ActiveMixed, "Active"),
        (ThingStatus::Empty, ""),
        (ThingStatus::Star, "*"),
        (ThingStatus::StarStar, "**"),
        (ThingStatus::NoneMixed, "None"),
        (ThingStatus::NoneLower, "none"),
        (ThingStatus::SomeValue, "Some"),
        (ThingStatus::OkValue, "Ok"),
        (ThingStatus::ErrValue, "Err"),
        (ThingStatus::UnknownLower, "unknown"),
        (ThingStatus::UnknownMixed, "Unknown"),
        (ThingStatus::V0, "0"),
        (ThingStatus::Minus1, "-1"),
        (ThingStatus::V1_5, "1.5"),
        (ThingStatus::LBraceRBrace, "{}"),
        (ThingStatus::DoubleQuote, "\""),
        (ThingStatus::Backslash, "\\"),
    ] {
        assert_eq!(variant.as_str(), wire);
        assert_eq!(ThingStatus::from(wire), variant);
        assert_eq!(serde_json::to_value(&variant).unwrap(), serde_json::json!(wire));
    }
    assert!(matches!(ThingStatus::from("NONE"), ThingStatus::Unknown(v) if v.as_str() == "NONE"));
    assert_eq!(ThingOption::NoneValue.as_str(), "none");
    assert_eq!(Level::V9007199254740993.as_i64(), 9007199254740993);
    assert_eq!(serde_json::to_string(&Level::Minus1).unwrap(), "-1");
    assert_eq!(serde_json::to_string(&Ratio::Minus2500_0).unwrap(), "-2500.0");
    assert_eq!(serde_json::to_string(&Ratio::V1).unwrap(), "1");
    // A boolean with one allowed value is a `bool`, which keeps the other.
    let yes: fn(&Thing) -> Option<bool> = |thing| thing.yes;
    let _ = yes;
    assert_eq!(Retry::CD.as_str(), "c\rd");
    assert_eq!(ThingsString::Left.as_str(), "left");
}

#[test]
fn builders_keep_their_own_members_beside_params_named_like_them() {
    let client = hostile_client::Client::builder().token("t").build().expect("builds");
    let request = client
        .things()
        .validate("app")
        .send_("s")
        .retry_(Retry::AB)
        .clone_("c")
        .client("c")
        .common("c")
        .pages_(1)
        .timeout_(5)
        .send_blocking_(true)
        .timeout(std::time::Duration::from_secs(1));
    let info = hostile_client::things::Validate::INFO;
    assert_eq!(info.id, "things.validate");
    drop(request);
    let _ = client.things().new_("app", Thing::new("n"));
    let _ = client.things().clone_("app", "thing");
}

/// The text of a Markdown line without its code spans: a run of backticks
/// opens one that the next run of as many closes (CommonMark).
fn outside_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let run = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let after = &rest[start + run..];
        let mut search = after;
        let mut end = None;
        while let Some(i) = search.find('`') {
            let len = search[i..].len() - search[i..].trim_start_matches('`').len();
            if len == run {
                end = Some(after.len() - search.len() + i);
                break;
            }
            search = &search[i + len..];
        }
        match end {
            Some(end) => rest = &after[end + run..],
            None => {
                out.push_str(&rest[start..start + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
