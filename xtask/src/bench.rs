//! `cargo xtask bench`: how fast the generator turns a spec into code, and
//! how much memory it takes, at 15, 1,000 and 10,000 actions, against the
//! floors of the same work (parsing the YAML alone; pretty-printing the
//! same output alone). Measured, never asserted in tests.
//!
//! Each measurement runs in a fresh release-built process (`xtask measure`)
//! so that its peak memory (VmHWM, read from /proc at its end) is its own;
//! each is repeated and the median kept. The table goes to stdout and to
//! BENCHMARKS.md.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use generator::SpecSources;

use crate::codegen::{options, project_root};

const SIZES: [usize; 3] = [15, 1_000, 10_000];
const RUNS: usize = 3;

/// What one measuring process does.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Work {
    /// The whole pipeline: read, parse, validate, emit, render.
    Generate,
    /// Reading and parsing the YAML alone.
    Parse,
    /// Pretty-printing the generated output alone (parsed beforehand).
    Print,
}

impl Work {
    fn name(self) -> &'static str {
        match self {
            Work::Generate => "generate",
            Work::Parse => "parse",
            Work::Print => "print",
        }
    }
}

/// `xtask measure <work> <spec dir>`: does the work once and prints
/// `<milliseconds> <peak KiB> <generated lines>`.
pub(crate) fn measure(work: &str, spec: &str) -> Result<(), String> {
    let read = |dir: &str| SpecSources::read_dir(Path::new(dir), "spec").map_err(|e| e.to_string());
    let (elapsed, lines) = match work {
        "generate" => {
            let started = Instant::now();
            let sources = read(spec)?;
            let files = generator::generate(&sources, &options()).map_err(|d| d.to_string())?;
            let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
            (started.elapsed(), lines)
        }
        "profile" => {
            let sources = read(spec)?;
            for (stage, time) in generator::profile(&sources, &options()) {
                println!("{stage}: {} ms", time.as_millis());
            }
            return Ok(());
        }
        "check" => {
            let started = Instant::now();
            let sources = read(spec)?;
            generator::check(&sources).map_err(|d| d.to_string())?;
            (started.elapsed(), 0)
        }
        "parse" => {
            let started = Instant::now();
            let sources = read(spec)?;
            let problems = generator::parse_only(&sources);
            if problems > 0 {
                return Err(format!("{problems} problems parsing {spec}"));
            }
            (started.elapsed(), 0)
        }
        "print" => {
            let sources = read(spec)?;
            let files = generator::generate(&sources, &options()).map_err(|d| d.to_string())?;
            let trees: Vec<syn::File> = files
                .iter()
                .filter(|f| f.path.ends_with(".rs"))
                .map(|f| syn::parse_file(&f.contents).map_err(|e| e.to_string()))
                .collect::<Result<_, _>>()?;
            let started = Instant::now();
            let lines: usize = trees.iter().map(|t| prettyplease::unparse(t).lines().count()).sum();
            (started.elapsed(), lines)
        }
        other => return Err(format!("unknown work `{other}`")),
    };
    println!("{} {} {lines}", elapsed.as_millis(), peak_kib());
    Ok(())
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

struct Sample {
    millis: u64,
    peak_kib: u64,
    lines: u64,
}

fn run_once(exe: &Path, work: Work, spec: &Path) -> Result<Sample, String> {
    let output = Command::new(exe)
        .args(["measure", work.name()])
        .arg(spec)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !output.status.success() {
        return Err(format!("measure {} failed: {}", work.name(), String::from_utf8_lossy(&output.stdout)));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<u64> = text.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers.as_slice() {
        [millis, peak_kib, lines] => Ok(Sample { millis: *millis, peak_kib: *peak_kib, lines: *lines }),
        _ => Err(format!("unexpected output of measure: {text}")),
    }
}

fn median(work: Work, exe: &Path, spec: &Path) -> Result<Sample, String> {
    let mut samples: Vec<Sample> = (0..RUNS).map(|_| run_once(exe, work, spec)).collect::<Result<_, _>>()?;
    samples.sort_by_key(|s| s.millis);
    Ok(samples.swap_remove(RUNS / 2))
}

fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model =
        cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    format!("{cores} cores ({}), {:.0} GiB", model.unwrap_or("unknown CPU"), memory_kib as f64 / 1_048_576.0)
}

pub(crate) fn run() -> Result<(), String> {
    let root = project_root();
    println!("bench: building xtask in release mode");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("error: the release build of xtask failed".into());
    }
    let exe = root.join("target/release/xtask");
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| actions | generate | peak memory | parse alone | print alone | generate / floor | lines per action |"
    );
    let _ = writeln!(table, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut generate_ms = Vec::new();
    for actions in SIZES {
        let spec: PathBuf = root.join("target").join(format!("synth-{actions}"));
        crate::synth::write(actions, &spec)?;
        println!("bench: {actions} actions");
        let generate = median(Work::Generate, &exe, &spec)?;
        let parse = median(Work::Parse, &exe, &spec)?;
        let print = median(Work::Print, &exe, &spec)?;
        let floor = (parse.millis + print.millis).max(1);
        generate_ms.push(generate.millis);
        let _ = writeln!(
            table,
            "| {actions} | {} ms | {:.0} MiB | {} ms | {} ms | {:.2} | {:.0} |",
            generate.millis,
            generate.peak_kib as f64 / 1024.0,
            parse.millis,
            print.millis,
            generate.millis as f64 / floor as f64,
            generate.lines as f64 / actions as f64,
        );
    }
    let growth = generate_ms[2] as f64 / generate_ms[1].max(1) as f64;
    // Where the time goes, at 1,000 actions.
    let spec = root.join("target").join("synth-1000");
    let output = Command::new(&exe).args(["measure", "profile"]).arg(&spec).output().map_err(|e| e.to_string())?;
    let stages: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(|l| format!("- {l}")).collect();
    let report = format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` on {}. Medians of {RUNS} runs, each in a fresh release-built process;\n\
         peak memory is the process's VmHWM. Specs from `cargo xtask synth`. \"Floor\" is parsing the\n\
         YAML alone plus pretty-printing the same output alone.\n\n{table}\n\
         10,000 actions take {growth:.1} times as long as 1,000.\n\n\
         Where the time goes at 1,000 actions (one run):\n\n{}\n\n\
         Not measured yet: progenitor side by side, compile time of the generated crates, and the\n\
         per-request overhead against hand-written reqwest (see the open issue).\n",
        machine(),
        stages.join("\n")
    );
    print!("\n{report}");
    fs::write(root.join("BENCHMARKS.md"), &report).map_err(|e| format!("error: cannot write BENCHMARKS.md: {e}"))?;
    Ok(())
}
