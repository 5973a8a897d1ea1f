//! `cargo xtask bench --real`: the whole API as users get it, measured
//! side by side with progenitor, into its own section of BENCHMARKS.md.
//!
//! The synthetic bench (`cargo xtask bench`) measures how the generator
//! scales; this one measures the product: generating `spec/`, and what a
//! downstream user pays to compile `losant-rest`, with every group and with
//! each group alone. It keeps the rest of BENCHMARKS.md as it is, and the
//! synthetic bench keeps this section.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use restspec_codegen::SpecSources;
use serde_json::Value;

use crate::bench::{Sample, Work, cargo, compile_time, machine, median, progenitor, progenitor_on, run_measured};
use crate::codegen::project_root;
use crate::overhead::load_average;

/// The heading of this bench's section of BENCHMARKS.md.
pub(crate) const HEADING: &str = "## The whole API";

/// The section of this bench in a BENCHMARKS.md text, heading included, up
/// to the next section.
pub(crate) fn section_of(text: &str) -> Option<&str> {
    let start = text.find(&format!("{HEADING}\n"))?;
    let rest = &text[start..];
    let end = rest[HEADING.len()..].find("\n## ").map_or(rest.len(), |at| HEADING.len() + at + 1);
    Some(&rest[..end])
}

/// One compile of the client crate: which features, which cargo command.
struct Compiled {
    features: String,
    check: (u64, u64),
    build: (u64, u64),
}

pub(crate) fn run() -> Result<(), String> {
    let root = project_root()?;
    let exe = crate::bench::release_xtask(&root)?;
    let spec = root.join("spec");
    let sources = SpecSources::read_dir(&spec, "spec").map_err(|e| format!("error: {e}"))?;
    let api = restspec_codegen::check(&sources).map_err(|d| d.render(&sources))?;
    let actions: usize = api.resources.iter().map(|r| r.actions.len()).sum();
    let load_before = load_average();

    println!("bench --real: generating the whole API ({actions} actions)");
    let generate = median(Work::Generate, &exe, &spec)?;
    let parse = median(Work::Parse, &exe, &spec)?;
    let print = median(Work::Print, &exe, &spec)?;
    let floor = (parse.millis + print.millis).max(1);

    println!("bench --real: progenitor on the same API");
    let progenitor_dir = root.join("target/bench-crates/progenitor-real");
    let progenitor_exe = progenitor(&root)?;
    let document = restspec_codegen::openapi_3_0(&sources).map_err(|d| d.render(&sources))?;
    // First the export as it is, to record how progenitor fails on it; then
    // the same API without what progenitor cannot take, to measure what it
    // can do.
    let as_is = progenitor_failure(&progenitor_exe, &document, &progenitor_dir)?;
    let (compatible, dropped) = for_progenitor(document);
    let theirs: Result<Sample, String> = progenitor_on(&progenitor_exe, &compatible, &progenitor_dir);

    println!("bench --real: compiling losant-rest by features");
    let target = root.join("target/bench-real");
    let mut feature_sets: Vec<String> = vec!["full".into()];
    feature_sets.extend(api.groups.iter().map(|g| g.name.clone()));
    // Dependencies first, unmeasured, for both commands.
    client_compile(&root, &target, "check", "rustls", false)?;
    client_compile(&root, &target, "build", "rustls", false)?;
    let mut compiled = Vec::new();
    for features in &feature_sets {
        println!("bench --real: losant-rest with `{features}`");
        let check = client_compile(&root, &target, "check", features, false)?;
        let build = client_compile(&root, &target, "build", features, false)?;
        compiled.push(Compiled { features: features.clone(), check, build });
    }
    println!("bench --real: losant-rest with `full`, release");
    client_compile(&root, &target, "build", "rustls", true)?;
    let release = client_compile(&root, &target, "build", "full", true)?;

    let progenitor_compile = match &theirs {
        Ok(_) => {
            println!("bench --real: compiling progenitor's crate");
            compile_time(&progenitor_dir).map_err(|e| format!("progenitor's crate does not build: {e}"))
        }
        Err(e) => Err(e.clone()),
    };

    let section = render(Report {
        actions,
        generate: &generate,
        parse: &parse,
        print: &print,
        floor,
        theirs: &theirs,
        compiled: &compiled,
        release,
        progenitor_compile: &progenitor_compile,
        load: (load_before, load_average()),
        as_is: &as_is,
        dropped: &dropped,
    });
    print!("\n{section}");
    let path = root.join("BENCHMARKS.md");
    let existing = fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    fs::write(&path, crate::overhead::splice_section(&existing, HEADING, &section))
        .map_err(|e| format!("error: cannot write BENCHMARKS.md: {e}"))
}

/// Compiles `losant-rest` with `features` (and `rustls`, its default TLS),
/// not incrementally, after marking its root file changed so that the
/// crate itself is compiled again whatever was built before; dependencies
/// are reused. Returns milliseconds and rustc's peak memory in KiB.
fn client_compile(
    root: &Path,
    target: &Path,
    command: &str,
    features: &str,
    release: bool,
) -> Result<(u64, u64), String> {
    touch(&root.join("generated-client/src/lib.rs"))?;
    let mut cargo_command = Command::new(cargo());
    cargo_command
        .args([command, "--quiet", "-p", "losant-rest", "--lib", "--no-default-features", "--features"])
        .arg(format!("rustls,{features}"))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0");
    if release {
        cargo_command.arg("--release");
    }
    run_measured(&mut cargo_command)
}

/// Marks a file changed for cargo without changing its text (a checked-in
/// file stays as git has it).
fn touch(file: &Path) -> Result<(), String> {
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| format!("error: cannot touch {}: {e}", file.display()))
}

struct Report<'a> {
    actions: usize,
    generate: &'a Sample,
    parse: &'a Sample,
    print: &'a Sample,
    floor: u64,
    theirs: &'a Result<Sample, String>,
    compiled: &'a [Compiled],
    release: (u64, u64),
    progenitor_compile: &'a Result<(u64, u64), String>,
    load: (String, String),
    /// How progenitor failed on the export as it is, if it did.
    as_is: &'a Option<String>,
    /// What was left out for progenitor, and how many of each.
    dropped: &'a [(&'static str, usize)],
}

fn secs(millis: u64) -> String {
    format!("{:.1} s", millis as f64 / 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn render(r: Report<'_>) -> String {
    let mut out = format!(
        "{HEADING}\n\n\
         Written by `cargo xtask bench --real` on {}; load average {} before, {} after. The\n\
         spec is `spec/` ({} actions); progenitor is the same `cargo-progenitor` on its OpenAPI 3.0\n\
         export. Generation: medians of 5 runs, each in a fresh process.\n\n\
         | | time | peak memory |\n| --- | ---: | ---: |\n",
        machine(),
        r.load.0,
        r.load.1,
        r.actions
    );
    let _ = writeln!(out, "| ours | {} ms | {} |", r.generate.millis, mib(r.generate.peak_kib));
    let _ = writeln!(out, "| parse alone | {} ms | {} |", r.parse.millis, mib(r.parse.peak_kib));
    let _ = writeln!(out, "| print alone | {} ms | {} |", r.print.millis, mib(r.print.peak_kib));
    if let Ok(theirs) = r.theirs {
        let _ = writeln!(out, "| progenitor | {} ms | {} |", theirs.millis, mib(theirs.peak_kib));
    }
    match r.as_is {
        Some(failure) => {
            let _ = writeln!(out, "\nprogenitor fails on the whole API as exported: `{}`.", first_line(failure).trim());
            out.push_str("Its row above is the same API without what it cannot take:\n\n");
            for (what, count) in r.dropped {
                let _ = writeln!(out, "- {what}: {count}");
            }
        }
        None => out.push_str("\nprogenitor takes the whole API as exported.\n"),
    }
    match r.theirs {
        Ok(theirs) => {
            let _ = writeln!(
                out,
                "\nOurs against the floor: {:.2} times; progenitor against ours: {:.1} times the time, {:.1} times the memory.\n",
                r.generate.millis as f64 / r.floor as f64,
                theirs.millis as f64 / r.generate.millis.max(1) as f64,
                theirs.peak_kib as f64 / r.generate.peak_kib.max(1) as f64,
            );
        }
        Err(e) => {
            let _ = writeln!(
                out,
                "\nOurs against the floor: {:.2} times. progenitor failed even without what it cannot take: {}\n",
                r.generate.millis as f64 / r.floor as f64,
                first_line(e)
            );
        }
    }
    out.push_str(
        "Compiling `losant-rest` (`--no-default-features --features rustls,<features>`, not incremental,\n\
         dependencies built beforehand); peak memory is rustc's.\n\n\
         | features | `cargo check` | peak | `cargo build` | peak | build, share of `full` |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let full_build = r.compiled.first().map_or(1, |c| c.build.0.max(1));
    for c in r.compiled {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {:.2} |",
            c.features,
            secs(c.check.0),
            mib(c.check.1),
            secs(c.build.0),
            mib(c.build.1),
            c.build.0 as f64 / full_build as f64
        );
    }
    let _ = writeln!(out, "\n`cargo build --release` with `full`: {}, peak {}.\n", secs(r.release.0), mib(r.release.1));
    match r.progenitor_compile {
        Ok((millis, kib)) => {
            let _ = writeln!(
                out,
                "progenitor's crate for the same API, `cargo build` (debug): {}, peak {}; ours with `full` is {:.1} times faster with {:.2} of its peak memory.\n",
                secs(*millis),
                mib(*kib),
                *millis as f64 / full_build as f64,
                r.compiled.first().map_or(0.0, |c| c.build.1 as f64 / (*kib).max(1) as f64),
            );
        }
        Err(e) => {
            let _ = writeln!(out, "progenitor's crate for the same API: not compiled ({}).\n", first_line(e));
        }
    }
    out
}

/// Runs progenitor once on `document`; `Some` with what it printed when
/// it fails.
fn progenitor_failure(exe: &Path, document: &Value, out: &Path) -> Result<Option<String>, String> {
    let input = out.with_extension("as-exported.json");
    if let Some(parent) = input.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    fs::write(&input, document.to_string()).map_err(|e| e.to_string())?;
    let _ = fs::remove_dir_all(out);
    let output = Command::new(exe)
        .args(["progenitor", "--name", "whole", "--version", "0.1.0", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(out)
        .env("RUSTUP_TOOLCHAIN", "nightly")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if output.status.success() {
        return Ok(None);
    }
    let text = format!("{}{}", String::from_utf8_lossy(&output.stderr), String::from_utf8_lossy(&output.stdout));
    // A panic's message is the line after `panicked at`; an error is its
    // first line.
    let message = text
        .lines()
        .skip_while(|l| !l.contains("panicked at"))
        .nth(1)
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("no message")
        .to_owned();
    Ok(Some(message))
}

/// The OpenAPI 3.0 document without what progenitor 0.15 (and typify)
/// cannot take, found by running it on the whole API: enum values that
/// differ from an earlier one only in case (it cannot name both), query
/// params of style `deepObject` or with JSON `content`, operations with a
/// multipart body, more than one success response, and error responses of
/// different schemas (each made the first one's). The counts say what its
/// measured client lacks against ours.
fn for_progenitor(mut document: Value) -> (Value, Vec<(&'static str, usize)>) {
    let mut case_twins = 0;
    drop_case_twins(&mut document, &mut case_twins);
    let (mut params, mut multipart, mut successes, mut errors) = (0, 0, 0, 0);
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            item.retain(|_, op| {
                let is_multipart = op.pointer("/requestBody/content/multipart~1form-data").is_some();
                multipart += usize::from(is_multipart);
                !is_multipart
            });
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(list) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                    let before = list.len();
                    list.retain(|p| {
                        p.get("style").and_then(Value::as_str) != Some("deepObject") && p.get("content").is_none()
                    });
                    params += before - list.len();
                }
                if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                    let ok: Vec<String> = responses.keys().filter(|c| c.starts_with('2')).cloned().collect();
                    for code in ok.iter().skip(1) {
                        responses.remove(code);
                        successes += 1;
                    }
                    let failing: Vec<String> =
                        responses.keys().filter(|c| c.starts_with(['4', '5'])).cloned().collect();
                    if let Some(first) = failing.first().and_then(|c| responses.get(c)).cloned() {
                        for code in &failing {
                            if responses.get(code).and_then(|r| r.get("content")) != first.get("content") {
                                responses.insert(code.clone(), first.clone());
                                errors += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    let dropped = vec![
        ("enum values differing from another only in case", case_twins),
        ("query params of style deepObject or JSON-encoded", params),
        ("operations with a multipart body", multipart),
        ("success responses after an operation's first", successes),
        ("error responses given the first error's schema", errors),
    ];
    (document, dropped)
}

fn drop_case_twins(value: &mut Value, dropped: &mut usize) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(values)) = map.get_mut("enum") {
                let mut seen = std::collections::BTreeSet::new();
                let before = values.len();
                values.retain(|v| seen.insert(v.as_str().map_or_else(|| v.to_string(), str::to_lowercase)));
                *dropped += before - values.len();
            }
            map.values_mut().for_each(|v| drop_case_twins(v, dropped));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| drop_case_twins(v, dropped)),
        _ => {}
    }
}

fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_runs_to_the_next_heading_or_the_end() {
        let text = "# Benchmarks\n\n## The whole API\n\nfigures\n\n## Per-request overhead\n\nmore\n";
        assert_eq!(section_of(text), Some("## The whole API\n\nfigures\n\n"));
        assert_eq!(section_of("# B\n\n## The whole API\n\nlast\n"), Some("## The whole API\n\nlast\n"));
        assert_eq!(section_of("# B\n"), None);
    }

    #[test]
    fn progenitor_gets_the_api_without_what_it_cannot_take_and_the_counts_say_what() {
        let document = serde_json::json!({
            "paths": {
                "/a": {
                    "get": {
                        "parameters": [
                            {"name": "sortDirection", "in": "query", "schema": {"enum": ["asc", "desc", "ASC", "DESC"]}},
                            {"name": "query", "in": "query", "content": {"application/json": {}}},
                            {"name": "filter", "in": "query", "style": "deepObject"},
                            {"name": "page", "in": "query"}
                        ],
                        "responses": {
                            "200": {"content": {"application/json": {"schema": {"$ref": "#/a"}}}},
                            "202": {"content": {"application/json": {"schema": {"$ref": "#/b"}}}},
                            "400": {"content": {"application/json": {"schema": {"$ref": "#/error"}}}},
                            "422": {"content": {"application/json": {"schema": {"$ref": "#/details"}}}}
                        }
                    },
                    "post": {"requestBody": {"content": {"multipart/form-data": {}}}, "responses": {}}
                }
            }
        });
        let (compatible, dropped) = for_progenitor(document);
        let get = &compatible["paths"]["/a"]["get"];
        assert_eq!(get["parameters"][0]["schema"]["enum"], serde_json::json!(["asc", "desc"]));
        assert_eq!(get["parameters"].as_array().map(Vec::len), Some(2));
        assert_eq!(get["parameters"][1]["name"], "page");
        assert!(get["responses"].get("202").is_none());
        assert_eq!(get["responses"]["422"], get["responses"]["400"]);
        assert!(compatible["paths"]["/a"].get("post").is_none());
        let counts: Vec<usize> = dropped.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [2, 2, 1, 1, 1]);
    }
}
