//! `cargo xtask bench --real`: the whole API as users get it, measured
//! side by side with progenitor, into its own section of BENCHMARKS.md.
//!
//! The synthetic bench (`cargo xtask bench`) measures how the generator
//! scales; this one measures the product: generating `spec/`, and what a
//! downstream user pays to compile `losant-rest`, with every group and with
//! each group alone; then where that compile time goes (`bench_profile`),
//! what a maintainer waits for after a spec edit (`bench_edit`), the
//! issue's targets (`bench_real_targets`) and the machine's load during
//! each part (`bench_load`). It keeps the rest of BENCHMARKS.md as it is,
//! and the synthetic bench keeps this section. `--only` runs one of the
//! new parts alone and prints it, for development.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use restspec_codegen::SpecSources;
use serde_json::Value;

use crate::bench::{
    Sample, Work, cargo, compile_time, machine, median, progenitor, progenitor_on, run_measured, stage_list, stages,
};
use crate::bench_real_targets::Figures;
use crate::codegen::project_root;
use crate::overhead::load_average;
use crate::{bench_edit, bench_load, bench_profile};

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

/// Where progenitor's crate for the whole API is written, under the root.
const PROGENITOR_DIR: &str = "target/bench-crates/progenitor-real";

/// One part of the bench, run alone with `--only` for development: it
/// prints its Markdown and writes nothing to BENCHMARKS.md.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Only {
    /// The generator's stages on `spec/`.
    Stages,
    /// `-Z time-passes` of `losant-rest` with `full` and of progenitor's crate.
    Profile,
    /// A spec edit, codegen and the downstream rebuild.
    Edit,
}

impl Only {
    pub(crate) fn parse(part: &str) -> Option<Only> {
        match part {
            "stages" => Some(Only::Stages),
            "profile" => Some(Only::Profile),
            "edit" => Some(Only::Edit),
            _ => None,
        }
    }
}

pub(crate) fn run(only: Option<Only>) -> Result<(), String> {
    let root = project_root()?;
    let exe = crate::bench::release_xtask(&root)?;
    let spec = root.join("spec");
    let sources = SpecSources::read_dir(&spec, "spec").map_err(|e| format!("error: {e}"))?;
    let api = restspec_codegen::check(&sources).map_err(|d| d.render(&sources))?;
    let actions: usize = api.resources.iter().map(|r| r.actions.len()).sum();
    if let Some(part) = only {
        let text = match part {
            Only::Stages => render_stages(&stages(&exe, &spec)?),
            Only::Profile => {
                let ours = bench_profile::profile_client(&root);
                let theirs = progenitor_crate(&root, &sources).and_then(|dir| {
                    bench_profile::profile_crate(&dir, &root.join("target/bench-real-profile-progenitor"))
                });
                bench_profile::render(&ours, &theirs)
            }
            Only::Edit => bench_edit::render(&Ok(bench_edit::measure(&root, &exe)?)),
        };
        print!("\n{text}");
        return Ok(());
    }
    let load_before = load_average();
    let mut loads = Vec::new();

    // The edit first: it changes spec/ and the generated client for a few
    // minutes and checks that it put them back, so a failure there costs
    // minutes rather than the whole run.
    let started = bench_load::mark();
    let edit = bench_edit::measure(&root, &exe)?;
    loads.push(bench_load::since("a spec edit, codegen and the downstream rebuild", &started));

    println!("bench --real: generating the whole API ({actions} actions)");
    let started = bench_load::mark();
    let generate = median(Work::Generate, &exe, &spec)?;
    let parse = median(Work::Parse, &exe, &spec)?;
    let print = median(Work::Print, &exe, &spec)?;
    let floor = (parse.millis + print.millis).max(1);
    let stages = stages(&exe, &spec)?;
    loads.push(bench_load::since("generating: ours, the floor, the stages", &started));

    println!("bench --real: progenitor on the same API");
    let started = bench_load::mark();
    let progenitor_dir = root.join(PROGENITOR_DIR);
    let progenitor_exe = progenitor(&root)?;
    let document = restspec_codegen::openapi_3_0(&sources).map_err(|d| d.render(&sources))?;
    // First the export as it is, to record how progenitor fails on it; then
    // the same API without what progenitor cannot take, to measure what it
    // can do.
    let as_is = progenitor_failure(&progenitor_exe, &document, &progenitor_dir)?;
    let (compatible, dropped) = for_progenitor(document);
    let theirs: Result<Sample, String> = progenitor_on(&progenitor_exe, &compatible, &progenitor_dir);
    loads.push(bench_load::since("generating: progenitor", &started));

    println!("bench --real: compiling losant-rest by features");
    let started = bench_load::mark();
    let target = root.join("target/bench-real");
    let mut feature_sets: Vec<String> = vec!["full".into()];
    feature_sets.extend(api.groups.iter().map(|g| g.name.clone()));
    // Dependencies first, unmeasured, for both commands.
    client_compile(&root, &target, "check", "", false)?;
    client_compile(&root, &target, "build", "", false)?;
    let mut compiled = Vec::new();
    for features in &feature_sets {
        println!("bench --real: losant-rest with `{features}`");
        let check = client_compile(&root, &target, "check", features, false)?;
        let build = client_compile(&root, &target, "build", features, false)?;
        compiled.push(Compiled { features: features.clone(), check, build });
    }
    println!("bench --real: losant-rest with `full`, release");
    client_compile(&root, &target, "build", "", true)?;
    let release = client_compile(&root, &target, "build", "full", true)?;
    loads.push(bench_load::since("compiling losant-rest: each feature set, then release", &started));

    let started = bench_load::mark();
    let progenitor_compile = match &theirs {
        Ok(_) => {
            println!("bench --real: compiling progenitor's crate");
            compile_time(&progenitor_dir).map_err(|e| format!("progenitor's crate does not build: {e}"))
        }
        Err(e) => Err(e.clone()),
    };
    loads.push(bench_load::since("compiling progenitor's crate", &started));

    // Profiled after every measured compile, each in a target directory
    // of its own.
    let started = bench_load::mark();
    let profile = bench_profile::profile_client(&root);
    let progenitor_profile = match &progenitor_compile {
        Ok(_) => bench_profile::profile_crate(&progenitor_dir, &root.join("target/bench-real-profile-progenitor")),
        Err(_) => Err("progenitor's crate was not compiled".to_owned()),
    };
    loads.push(bench_load::since("profiling both crates with `-Z time-passes`", &started));

    let section = render(Report {
        actions,
        generate: &generate,
        parse: &parse,
        print: &print,
        floor,
        stages: &stages,
        theirs: &theirs,
        compiled: &compiled,
        release,
        progenitor_compile: &progenitor_compile,
        load: (load_before, load_average()),
        as_is: &as_is,
        dropped: &dropped,
        profiles: (&profile, &progenitor_profile),
        edit: &Ok(edit),
        loads: &loads,
    });
    print!("\n{section}");
    let path = root.join("BENCHMARKS.md");
    let existing = fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    fs::write(&path, crate::overhead::splice_section(&existing, HEADING, &section))
        .map_err(|e| format!("error: cannot write BENCHMARKS.md: {e}"))
}

/// progenitor's crate for the whole API, as the last run left it; written
/// now (progenitor on the export without what it cannot take) if there is
/// none, as when `--only profile` runs on a fresh checkout.
fn progenitor_crate(root: &Path, sources: &SpecSources) -> Result<std::path::PathBuf, String> {
    let dir = root.join(PROGENITOR_DIR);
    if !dir.join("Cargo.toml").exists() {
        println!("bench --real: generating progenitor's crate");
        let exe = progenitor(root)?;
        let document = restspec_codegen::openapi_3_0(sources).map_err(|d| d.render(sources))?;
        progenitor_on(&exe, &for_progenitor(document).0, &dir)?;
    }
    Ok(dir)
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
    let mut cargo_command = client_command(root, target, command, features);
    if release {
        cargo_command.arg("--release");
    }
    run_measured(&mut cargo_command)
}

/// `cargo <command>` of `losant-rest`'s library alone with `features` (and
/// `rustls`, its default TLS; `features` may be empty), in `target`, not
/// incrementally: what the measured compiles and the profile run.
pub(crate) fn client_command(root: &Path, target: &Path, command: &str, features: &str) -> Command {
    let mut cargo_command = Command::new(cargo());
    let features = if features.is_empty() { "rustls".to_owned() } else { format!("rustls,{features}") };
    cargo_command
        .args([command, "--quiet", "-p", "losant-rest", "--lib", "--no-default-features", "--features", &features])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0");
    cargo_command
}

/// Marks a file changed for cargo without changing its text (a checked-in
/// file stays as git has it).
pub(crate) fn touch(file: &Path) -> Result<(), String> {
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
    /// The generator's stages on the whole API, one run.
    stages: &'a [(String, u64)],
    /// `-Z time-passes` of ours with `full`, and of progenitor's crate.
    profiles: (&'a bench_profile::Profile, &'a bench_profile::Profile),
    edit: &'a Result<bench_edit::Edit, String>,
    loads: &'a [bench_load::Load],
}

pub(crate) fn secs(millis: u64) -> String {
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
    out.push_str(&render_stages(r.stages));
    out.push_str(
        "\nCompiling `losant-rest` (`--no-default-features --features rustls,<features>`, not incremental,\n\
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
    out.push_str(&bench_profile::render(r.profiles.0, r.profiles.1));
    out.push('\n');
    out.push_str(&bench_edit::render(r.edit));
    out.push_str("\n### Targets\n\n");
    out.push_str(&figures(&r).table());
    out.push_str("\n### Load\n\n");
    out.push_str(&bench_load::render(r.loads));
    out
}

/// The figures the targets are about, from the report.
fn figures(r: &Report<'_>) -> Figures {
    let full = r.compiled.first();
    let full_build = full.map_or(1, |c| c.build.0.max(1));
    let progenitor_compile = r.progenitor_compile.as_ref().ok();
    Figures {
        speed_up: r.theirs.as_ref().ok().map(|t| t.millis as f64 / r.generate.millis.max(1) as f64),
        floor: r.generate.millis as f64 / r.floor as f64,
        compile_speed_up: progenitor_compile.map(|(millis, _)| *millis as f64 / full_build as f64),
        compile_memory: progenitor_compile.zip(full).map(|((_, kib), full)| full.build.1 as f64 / (*kib).max(1) as f64),
        groups: r.compiled.iter().skip(1).map(|c| (c.features.clone(), c.build.0 as f64 / full_build as f64)).collect(),
        edit: r.edit.as_ref().ok().and_then(|e| e.rounds.first()).map(|round| (round.codegen_ms, round.build_ms)),
    }
}

/// Where generation's time goes on the whole API, and which stage
/// dominates.
fn render_stages(stages: &[(String, u64)]) -> String {
    let total: u64 = stages.iter().map(|(_, millis)| millis).sum();
    let mut out = format!(
        "Where generation's time goes at this scale: the stages one after the other on one thread (one\n\
         run; the generator itself spreads parsing, emitting and printing over the cores):\n\n{}\n",
        stage_list(stages)
    );
    if let Some((stage, millis)) = stages.iter().max_by_key(|(_, millis)| *millis) {
        let _ = writeln!(
            out,
            "\nThe largest is {stage}, {:.0}% of the stages' {total} ms.",
            *millis as f64 / total.max(1) as f64 * 100.0
        );
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
    fn the_section_has_every_part_and_the_targets_from_its_figures() {
        let sample = |millis, peak_kib| Sample { millis, peak_kib, lines: 0 };
        let (generate, parse, print) = (sample(366, 48_128), sample(52, 32_768), sample(119, 274_432));
        let theirs = Ok(sample(7_500, 267_264));
        let compiled = [("full", 39_200, 2_813_952), ("devices", 3_800, 477_184), ("applications", 11_700, 1_081_344)]
            .map(|(features, millis, kib)| Compiled {
                features: features.into(),
                check: (1_000, 1_024),
                build: (millis, kib),
            });
        let stages = vec![("parse and validate".to_owned(), 82), ("syntax tree".to_owned(), 220)];
        let profile: bench_profile::Profile = Err("no report".into());
        let edit = Ok(bench_edit::Edit {
            at: "spec/resources/device.yaml:7".into(),
            rounds: vec![bench_edit::Round {
                change: "appending",
                codegen_ms: 1_200,
                rewritten: vec!["generated-client/docs/device.md".into()],
                build_ms: 11_500,
                client_ms: 10_600,
            }],
        });
        let loads =
            [bench_load::Load { part: "compiling", seconds: 300.0, ours: 1.9, others: 0.1, load_after: "2.10".into() }];
        let text = render(Report {
            actions: 380,
            generate: &generate,
            parse: &parse,
            print: &print,
            floor: 171,
            stages: &stages,
            theirs: &theirs,
            compiled: &compiled,
            release: (95_700, 2_664_448),
            progenitor_compile: &Ok((49_300, 4_046_848)),
            load: ("1.00".into(), "1.50".into()),
            as_is: &None,
            dropped: &[],
            profiles: (&profile, &profile),
            edit: &edit,
            loads: &loads,
        });
        assert!(text.starts_with("## The whole API\n\n"));
        assert_eq!(section_of(&text), Some(text.as_str()), "no `## ` heading inside the section");
        for part in [
            "| ours | 366 ms | 47 MiB |",
            "- syntax tree: 220 ms",
            "| `devices` | 1.0 s | 1 MiB | 3.8 s | 466 MiB | 0.10 |",
            "Our crate: not profiled (no report).",
            "| appending | 1.2 s | 11.5 s | 10.6 s | 0.9 s | 12.7 s |",
            "| generating the whole API, against progenitor | 20 times faster | 20.5 times | met |",
            "| generating the whole API, against the floor | within 1.3 times | 2.14 times | missed |",
            "| `cargo build` of `full`, against progenitor's crate (debug) | 3 times faster | 1.3 times | missed |",
            "| peak memory of that build, against progenitor's | at most half | 0.70 | missed |",
            "| `cargo build` of one resource group alone, against `full` | at most a tenth of the time | 1 of 2 groups | missed |",
            "| reported, no target | 12.7 s (1.2 s codegen, 11.5 s build) | no target |",
            "| compiling | 300 s | 1.90 | 0.10 | 2.10 |",
        ] {
            assert!(text.contains(part), "{part} is not in:\n{text}");
        }
    }

    #[test]
    fn the_stages_are_listed_and_the_largest_named_with_its_share() {
        let stages: Vec<(String, u64)> =
            [("parse and validate", 97), ("emit", 119), ("syntax tree", 265), ("print", 95)]
                .map(|(stage, millis)| (stage.to_owned(), millis))
                .into();
        let text = render_stages(&stages);
        assert!(
            text.contains("\n\n- parse and validate: 97 ms\n- emit: 119 ms\n- syntax tree: 265 ms\n- print: 95 ms\n")
        );
        assert!(text.ends_with("\nThe largest is syntax tree, 46% of the stages' 576 ms.\n"));
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
