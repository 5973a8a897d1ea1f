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

use crate::bench::{Sample, Work, cargo, compile_time, machine, median, progenitor, progenitor_run, run_measured};
use crate::codegen::project_root;

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
    let theirs: Result<Sample, String> = progenitor(&root).and_then(|exe| progenitor_run(&exe, &spec, &progenitor_dir));

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

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
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
    match r.theirs {
        Ok(theirs) => {
            let _ = writeln!(out, "| progenitor | {} ms | {} |", theirs.millis, mib(theirs.peak_kib));
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
                "\nOurs against the floor: {:.2} times. progenitor failed on this API: {}\n",
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
}
