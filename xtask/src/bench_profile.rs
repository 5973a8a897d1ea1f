//! Where rustc's time goes when it compiles a generated crate, for
//! `cargo xtask bench --real`: rustc's own `-Z time-passes` report of one
//! compile of `losant-rest` with `full`, and of progenitor's crate for the
//! same API.
//!
//! Stable rustc takes `-Z` flags when `RUSTC_BOOTSTRAP=1` is set. Each
//! profile is a compile of the crate alone (its dependencies built
//! beforehand, unmeasured), not incremental, like the measured builds, but
//! in a target directory of its own: the extra flag changes the crate's
//! fingerprint, and the variable may change its dependencies', so sharing
//! the measured directory would make the next measured build compile more
//! than it measures. A profile that cannot be taken (rustc prints no
//! report, the build fails) is reported as such and never fails the bench.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::bench::cargo;
use crate::bench_real::{client_command, touch};

/// One line of rustc's report:
/// `time:   8.153; rss:  854MB -> 1136MB ( +282MB)` and the pass name
/// after a tab, `type_check_crate`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pass {
    pub(crate) name: String,
    pub(crate) secs: f64,
    /// The resident memory when the pass ended, in rustc's MB (10^6 bytes).
    pub(crate) rss_after_mb: Option<u64>,
}

/// A crate's passes, or why it was not profiled.
pub(crate) type Profile = Result<Vec<Pass>, String>;

/// How a row relates to the rows above it, for the reader of the table.
#[derive(Clone, Copy, PartialEq)]
enum Row {
    /// A stage of its own.
    Stage,
    /// Part of the stage above it, whose time includes it.
    Within,
    /// Running on other threads at the same time as the stage above it.
    Alongside,
    /// The whole compile.
    Total,
}

/// The passes the section shows, in rustc's order: what the reader calls
/// it, rustc's name of the pass, and how it relates to the rows above.
const ROWS: [(&str, &str, Row); 11] = [
    ("macro expansion", "expand_crate", Row::Stage),
    ("name resolution", "resolve_crate", Row::Stage),
    ("type checking", "type_check_crate", Row::Stage),
    ("of which coherence checking", "coherence_checking", Row::Within),
    ("borrow checking", "MIR_borrow_checking", Row::Stage),
    ("crate metadata", "generate_crate_metadata", Row::Stage),
    ("meanwhile, monomorphization", "monomorphization_collector_graph_walk", Row::Within),
    ("codegen to LLVM IR", "codegen_to_LLVM_IR", Row::Stage),
    ("LLVM, on other threads", "LLVM_passes", Row::Alongside),
    ("link", "link", Row::Stage),
    ("total", "total", Row::Total),
];

/// Reads rustc's `-Z time-passes` lines out of a compile's stderr,
/// ignoring every other line (cargo's, warnings).
pub(crate) fn parse(stderr: &str) -> Vec<Pass> {
    stderr.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Pass> {
    let rest = line.trim_start().strip_prefix("time:")?.trim_start();
    let end = rest.find(|c: char| c == ';' || c.is_whitespace())?;
    let secs: f64 = rest[..end].parse().ok()?;
    let rest = &rest[end..];
    // The name is the last field, after a tab in rustc's format; the
    // memory part (`rss: A -> B (+C)`, in older releases `rss: B`) may be
    // absent where rustc cannot read the process's memory.
    let name = rest.rsplit(['\t', ' ']).next()?.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let rss_after_mb = rest
        .split_once("->")
        .or_else(|| rest.split_once("rss:"))
        .and_then(|(_, after)| after.trim_start().split("MB").next())
        .and_then(|mb| mb.trim().parse().ok());
    Some(Pass { name: name.to_owned(), secs, rss_after_mb })
}

/// The seconds of a pass (summed if rustc reports it more than once) and
/// the memory at its last end.
fn find(passes: &[Pass], name: &str) -> Option<(f64, Option<u64>)> {
    let matching: Vec<&Pass> = passes.iter().filter(|p| p.name == name).collect();
    let last = matching.last()?;
    Some((matching.iter().map(|p| p.secs).sum(), last.rss_after_mb))
}

/// Profiles `losant-rest` with `full` (and `rustls`, its default TLS),
/// dependencies built first with `rustls` alone in the same directory.
pub(crate) fn profile_client(root: &Path) -> Profile {
    let target = root.join("target/bench-real-profile");
    let command = |subcommand: &str, features: &str| {
        let mut command = client_command(root, &target, subcommand, features);
        bootstrap_env(&mut command, &target);
        command
    };
    println!("bench --real: profiling losant-rest with `full` (dependencies first)");
    run(&mut command("build", ""))?;
    touch(&root.join("generated-client/src/lib.rs"))?;
    let mut profiled = command("rustc", "full");
    profiled.args(["--", "-Z", "time-passes"]);
    time_passes(&mut profiled)
}

/// Profiles the library of the crate in `dir` (progenitor's), in a target
/// directory of its own: compiled once unmeasured with its dependencies,
/// then again alone after its source is touched.
pub(crate) fn profile_crate(dir: &Path, target: &Path) -> Profile {
    if !dir.join("Cargo.toml").exists() {
        return Err(format!("no crate at {}", dir.file_name().map_or(dir, Path::new).display()));
    }
    crate::bench::own_workspace(dir)?;
    let command = || {
        let mut command = Command::new(cargo());
        command.args(["rustc", "--quiet", "--lib", "--", "-Z", "time-passes"]).current_dir(dir);
        bootstrap_env(&mut command, target);
        command
    };
    println!("bench --real: profiling progenitor's crate (dependencies first)");
    run(&mut command())?;
    touch(&dir.join("src/lib.rs"))?;
    time_passes(&mut command())
}

fn bootstrap_env(command: &mut Command, target: &Path) {
    command.env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0").env("RUSTC_BOOTSTRAP", "1");
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(format!("the compile failed: {}", last.trim()));
    }
    Ok(stderr)
}

fn time_passes(command: &mut Command) -> Profile {
    let stderr = run(command)?;
    let passes = parse(&stderr);
    if passes.is_empty() {
        let said =
            stderr.lines().find(|l| !l.trim().is_empty()).map_or("nothing".to_owned(), |l| format!("`{}`", l.trim()));
        return Err(format!("rustc printed no `-Z time-passes` report (its stderr began with {said})"));
    }
    Ok(passes)
}

/// The subsection: one table of both crates' passes, and a sentence on
/// what dominates each.
pub(crate) fn render(ours: &Profile, theirs: &Profile) -> String {
    let mut out = String::from(
        "Where the compile time goes: rustc's `-Z time-passes` for one more `cargo build` of each crate\n\
         (`RUSTC_BOOTSTRAP=1`, not incremental, dependencies built beforehand, in a target directory of\n\
         its own); memory is rustc's resident set when the pass ends, in rustc's MB (for the total, the\n\
         highest any pass ended at). A row marked \"of which\" is part of the row above;\n\
         monomorphization runs while the metadata is written, and LLVM optimizes and emits machine code\n\
         on other threads while codegen goes on, so the shares add up to more than the whole.\n\n\
         | pass | ours, `full` | share | memory | progenitor's | share | memory |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for (label, name, row) in ROWS {
        let _ = writeln!(out, "| {label} (`{name}`) | {} | {} |", cells(ours, name, row), cells(theirs, name, row));
    }
    out.push('\n');
    for (whose, which, profile) in [("ours", "Our crate", ours), ("progenitor's", "progenitor's crate", theirs)] {
        match profile {
            Ok(passes) => {
                let _ = writeln!(out, "Largest, {whose}: {}.", largest(passes).join(", "));
            }
            Err(reason) => {
                let _ = writeln!(out, "{which}: not profiled ({reason}).");
            }
        }
    }
    out
}

/// The three stages (or the LLVM work alongside them) that take longest,
/// with their share of the whole.
fn largest(passes: &[Pass]) -> Vec<String> {
    let total = find(passes, "total").map(|(secs, _)| secs);
    let mut rows: Vec<(&str, f64)> = ROWS
        .iter()
        .filter(|(_, _, row)| matches!(row, Row::Stage | Row::Alongside))
        .filter_map(|(label, name, _)| find(passes, name).map(|(secs, _)| (*label, secs)))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    rows.iter()
        .take(3)
        .map(|(label, secs)| match total {
            Some(total) if total > 0.0 => format!("{label} {secs:.1} s ({:.0}%)", secs / total * 100.0),
            _ => format!("{label} {secs:.1} s"),
        })
        .collect()
}

fn cells(profile: &Profile, name: &str, row: Row) -> String {
    let Ok(passes) = profile else { return "not profiled | |".to_owned() };
    let Some((secs, rss)) = find(passes, name) else { return "not reported | |".to_owned() };
    // rustc's memory when the whole compile ends is what is left after it
    // freed its tables; the highest any pass ended at says more.
    let rss = if row == Row::Total { passes.iter().filter_map(|p| p.rss_after_mb).max() } else { rss };
    let share = match find(passes, "total") {
        Some((total, _)) if total > 0.0 => format!("{:.0}%", secs / total * 100.0),
        _ => String::new(),
    };
    let memory = rss.map_or_else(String::new, |mb| format!("{mb} MB"));
    format!("{secs:.1} s | {share} | {memory}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rustc 1.95's report for `losant-rest` with `full`, as captured.
    const SAMPLE: &str = include_str!("../testdata/time-passes-losant-rest.txt");

    #[test]
    fn every_line_of_a_real_report_is_read_with_its_time_and_memory() {
        let passes = parse(SAMPLE);
        assert_eq!(passes.len(), SAMPLE.lines().count());
        assert_eq!(passes[0], Pass { name: "parse_crate".into(), secs: 0.0, rss_after_mb: Some(38) });
        assert_eq!(find(&passes, "type_check_crate"), Some((8.409, Some(1133))));
        assert_eq!(find(&passes, "coherence_checking"), Some((4.164, Some(1057))));
        // A pass whose memory went down keeps its sign out of the figure.
        assert_eq!(find(&passes, "LLVM_passes"), Some((14.782, Some(1516))));
        assert_eq!(find(&passes, "total"), Some((42.356, Some(108))));
        // Every row of the table is in rustc's report.
        for (_, name, _) in ROWS {
            assert!(find(&passes, name).is_some(), "{name} is not in the sample");
        }
    }

    #[test]
    fn lines_other_than_the_report_are_ignored_and_memory_is_optional() {
        let stderr = "   Compiling losant-rest v0.1.0\n\
                      warning: unused import\n\
                      time:   1.500; rss:  10MB ->  20MB ( +10MB)\texpand_crate\n\
                      time:   0.250\tlink\n\
                      time: nonsense; rss: 1MB\tbroken\n\
                      time:   0.500; rss:  20MB ->  25MB (  +5MB)\tlink\n";
        let passes = parse(stderr);
        let names: Vec<&str> = passes.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["expand_crate", "link", "link"]);
        assert_eq!(passes[0].rss_after_mb, Some(20));
        assert_eq!(passes[1], Pass { name: "link".into(), secs: 0.25, rss_after_mb: None });
        assert_eq!(parse("time: 0.125; rss: 36MB\tparsing\n")[0].rss_after_mb, Some(36));
        // A pass reported twice counts its times together.
        let twice = parse("time: 1.0; rss: 1MB -> 2MB (+1MB)\tlink\ntime: 0.5; rss: 2MB -> 3MB (+1MB)\tlink\n");
        assert_eq!(find(&twice, "link"), Some((1.5, Some(3))));
    }

    #[test]
    fn the_table_has_both_crates_and_says_what_dominates_or_why_not_profiled() {
        let ours = Ok(parse(SAMPLE));
        let theirs: Profile = Err("rustc printed no `-Z time-passes` report".into());
        let text = render(&ours, &theirs);
        assert!(text.contains("| type checking (`type_check_crate`) | 8.4 s | 20% | 1133 MB | not profiled | | |\n"));
        assert!(text.contains("| of which coherence checking (`coherence_checking`) | 4.2 s | 10% | 1057 MB |"));
        // The total's memory is the highest any pass ended at, not the last.
        assert!(text.contains("| total (`total`) | 42.4 s | 100% | 2436 MB |"));
        assert!(text.contains(
            "Largest, ours: LLVM, on other threads 14.8 s (35%), type checking 8.4 s (20%), codegen to LLVM IR 8.0 s (19%).\n"
        ));
        assert!(text.contains("progenitor's crate: not profiled (rustc printed no `-Z time-passes` report).\n"));
        let without_link = Ok(parse("time: 2.0; rss: 1MB -> 2MB (+1MB)\texpand_crate\n"));
        let text = render(&without_link, &ours);
        assert!(text.contains("| link (`link`) | not reported | | | 0.3 s | 1% | 1386 MB |\n"));
        assert!(text.contains("| total (`total`) | not reported | | | 42.4 s | 100% | 2436 MB |\n"));
        assert!(text.contains("Largest, ours: macro expansion 2.0 s.\n"));
    }
}
