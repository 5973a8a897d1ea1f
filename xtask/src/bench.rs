//! `cargo xtask bench`: how fast the generator turns a spec into code, and
//! how much memory it takes, at 15, 1,000 and 10,000 actions, against the
//! floors of the same work (parsing the YAML alone; pretty-printing the
//! same output alone). Measured, never asserted in tests.
//!
//! Each measurement runs in a fresh release-built process (`xtask measure`)
//! so that its peak memory (VmHWM, read from /proc at its end) is its own;
//! each is repeated and the median kept. The table goes to stdout and to
//! BENCHMARKS.md, followed by the generated client's per-request overhead
//! (`overhead`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use restspec_codegen::SpecSources;

use crate::codegen::{options, project_root};

const SIZES: [usize; 3] = [15, 1_000, 10_000];
/// Runs of each of our measurements; the machine's speed drifts, and the
/// median of five is steadier than of three at a cost of seconds.
const RUNS: usize = 5;

/// Runs of progenitor, which takes a minute at 10,000 actions.
const PROGENITOR_RUNS: usize = 3;

/// The progenitor the comparison uses (the `cargo progenitor` command).
const PROGENITOR_VERSION: &str = "0.15.1";

/// Sizes whose generated crates are compiled.
const COMPILED_SIZES: [usize; 2] = [15, 1_000];

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

/// How many times faster than progenitor the issue wants generation, at
/// both 1,000 and 10,000 actions.
const SPEED_UP: f64 = 20.0;

/// The targets, from the measured figures.
#[derive(Debug)]
struct Targets {
    speed_up_1k: f64,
    speed_up_10k: f64,
    /// The smallest of progenitor's peak memory over ours, at 1,000 and
    /// 10,000 actions.
    memory: f64,
    growth: f64,
    /// The largest of our time over the floor, at 1,000 and 10,000 actions.
    floor: f64,
    compile: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets { speed_up_1k: 0.0, speed_up_10k: 0.0, memory: f64::INFINITY, growth: 0.0, floor: 0.0, compile: 0.0 }
    }
}

impl Targets {
    fn table(&self) -> String {
        let verdict = |met: bool| if met { "met" } else { "missed" };
        let rows = [
            (
                "faster than progenitor at 1,000 actions",
                "20 times",
                format!("{:.1} times", self.speed_up_1k),
                self.speed_up_1k >= SPEED_UP,
            ),
            (
                "faster than progenitor at 10,000 actions",
                "20 times",
                format!("{:.1} times", self.speed_up_10k),
                self.speed_up_10k >= SPEED_UP,
            ),
            (
                "peak memory against progenitor's",
                "at most a fifth",
                format!("1/{:.1}", self.memory),
                self.memory >= 5.0,
            ),
            (
                "10,000 actions against 1,000",
                "within 11 times",
                format!("{:.1} times", self.growth),
                self.growth <= 11.0,
            ),
            ("against the floor", "within 2 times", format!("{:.2} times", self.floor), self.floor <= 2.0),
            (
                "compiling the 1,000-action crate, against progenitor's",
                "3 times faster",
                format!("{:.1} times", self.compile),
                self.compile >= 3.0,
            ),
        ];
        let mut out = String::from("| target | needed | measured | |\n| --- | --- | ---: | --- |\n");
        for (what, needed, measured, met) in rows {
            let _ = writeln!(out, "| {what} | {needed} | {measured} | {} |", verdict(met));
        }
        out.push_str("\nThe per-request target is in the last section.\n");
        out
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
            let files = restspec_codegen::generate(&sources, &options()).map_err(|d| d.to_string())?;
            let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
            (started.elapsed(), lines)
        }
        "profile" => {
            let sources = read(spec)?;
            for (stage, time) in restspec_codegen::profile(&sources, &options()) {
                println!("{stage}: {} ms", time.as_millis());
            }
            return Ok(());
        }
        "check" => {
            let started = Instant::now();
            let sources = read(spec)?;
            restspec_codegen::check(&sources).map_err(|d| d.to_string())?;
            (started.elapsed(), 0)
        }
        "parse" => {
            let started = Instant::now();
            let sources = read(spec)?;
            let problems = restspec_codegen::parse_only(&sources);
            if problems > 0 {
                return Err(format!("{problems} problems parsing {spec}"));
            }
            (started.elapsed(), 0)
        }
        "print" => {
            let sources = read(spec)?;
            let files = restspec_codegen::generate(&sources, &options()).map_err(|d| d.to_string())?;
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

/// The generator's stages on `spec`, one after the other on one thread,
/// in one fresh process (`xtask measure profile`): name and milliseconds.
pub(crate) fn stages(exe: &Path, spec: &Path) -> Result<Vec<(String, u64)>, String> {
    let output = Command::new(exe)
        .args(["measure", "profile"])
        .arg(spec)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let stages: Vec<(String, u64)> = text
        .lines()
        .filter_map(|l| {
            let (stage, time) = l.split_once(": ")?;
            Some((stage.to_owned(), time.strip_suffix(" ms")?.parse().ok()?))
        })
        .collect();
    if !output.status.success() || stages.is_empty() {
        return Err(format!("error: measure profile failed on {}: {text}", spec.display()));
    }
    Ok(stages)
}

/// The stages as a Markdown list.
pub(crate) fn stage_list(stages: &[(String, u64)]) -> String {
    stages.iter().map(|(stage, millis)| format!("- {stage}: {millis} ms")).collect::<Vec<_>>().join("\n")
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_kib() -> u64 {
    proc_kib("/proc/self/status", "VmHWM:")
}

/// A `<key> <n> kB` line of a /proc file such as `status` or `meminfo`, in
/// KiB (0 when the file or the line is missing).
fn proc_kib(file: &str, key: &str) -> u64 {
    let text = fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

pub(crate) struct Sample {
    pub(crate) millis: u64,
    pub(crate) peak_kib: u64,
    pub(crate) lines: u64,
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

pub(crate) fn median(work: Work, exe: &Path, spec: &Path) -> Result<Sample, String> {
    let mut samples: Vec<Sample> = (0..RUNS).map(|_| run_once(exe, work, spec)).collect::<Result<_, _>>()?;
    samples.sort_by_key(|s| s.millis);
    Ok(samples.swap_remove(RUNS / 2))
}

/// Runs a command; returns milliseconds and the peak resident memory in
/// KiB of the command and the processes it waits for (rustfmt, rustc), as
/// GNU time reports it, or of the command alone (polled from /proc) where
/// GNU time is not installed.
pub(crate) fn run_measured(command: &mut Command) -> Result<(u64, u64), String> {
    let gnu_time = Path::new("/usr/bin/time");
    let report = std::env::temp_dir().join(format!("xtask-bench-time-{}", std::process::id()));
    let mut command = if gnu_time.exists() {
        let mut wrapped = Command::new(gnu_time);
        wrapped.args(["-f", "%M", "-o"]).arg(&report).arg(command.get_program()).args(command.get_args());
        for (key, value) in command.get_envs() {
            if let Some(value) = value {
                wrapped.env(key, value);
            }
        }
        if let Some(dir) = command.get_current_dir() {
            wrapped.current_dir(dir);
        }
        wrapped
    } else {
        std::mem::replace(command, Command::new("true"))
    };
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if !status.success() {
                return Err(format!("{command:?} failed: {status}"));
            }
            break;
        }
        peak = peak.max(proc_kib(&status_path, "VmHWM:"));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let millis = started.elapsed().as_millis() as u64;
    if gnu_time.exists() {
        let text = fs::read_to_string(&report).unwrap_or_default();
        peak = text.lines().filter_map(|l| l.trim().parse().ok()).next_back().unwrap_or(peak);
        let _ = fs::remove_file(&report);
    }
    Ok((millis, peak))
}

/// The `cargo-progenitor` binary, installed into target/tools when absent.
pub(crate) fn progenitor(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target/tools");
    let exe = tools.join("bin/cargo-progenitor");
    if !exe.exists() {
        println!("bench: installing cargo-progenitor {PROGENITOR_VERSION} (once)");
        let status = Command::new(cargo())
            .args(["install", "--locked", "--quiet", "cargo-progenitor", "--version", PROGENITOR_VERSION, "--root"])
            .arg(&tools)
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if !status.success() {
            return Err("error: cannot install cargo-progenitor".into());
        }
    }
    Ok(exe)
}

/// progenitor on the synthetic spec's OpenAPI 3.0 export: median time,
/// peak memory and the generated crate's lines.
pub(crate) fn progenitor_run(exe: &Path, spec: &Path, out: &Path) -> Result<Sample, String> {
    let sources = SpecSources::read_dir(spec, "spec").map_err(|e| e.to_string())?;
    let document = restspec_codegen::openapi_3_0(&sources).map_err(|d| d.to_string())?;
    progenitor_on(exe, &document, out)
}

/// progenitor on an OpenAPI 3.0 document: median time, peak memory and
/// the generated crate's lines.
pub(crate) fn progenitor_on(exe: &Path, document: &serde_json::Value, out: &Path) -> Result<Sample, String> {
    // Beside the output, under target/: never beside the spec, which may be
    // the repository's own `spec/`.
    let input = out.with_extension("openapi-3.0.json");
    if let Some(parent) = input.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    fs::write(&input, document.to_string()).map_err(|e| e.to_string())?;
    let mut samples = Vec::new();
    for _ in 0..PROGENITOR_RUNS {
        let _ = fs::remove_dir_all(out);
        // cargo-progenitor formats with rustfmt's unstable options, which
        // only the nightly toolchain's rustfmt takes.
        let (millis, peak_kib) = run_measured(
            Command::new(exe)
                .args(["progenitor", "--name", "synth", "--version", "0.1.0", "--input"])
                .arg(&input)
                .arg("--output")
                .arg(out)
                .env("RUSTUP_TOOLCHAIN", "nightly"),
        )?;
        let lines = fs::read_to_string(out.join("src/lib.rs")).map(|t| t.lines().count() as u64).unwrap_or(0);
        samples.push(Sample { millis, peak_kib, lines });
    }
    samples.sort_by_key(|s| s.millis);
    Ok(samples.swap_remove(PROGENITOR_RUNS / 2))
}

/// A crate of our generated client for a spec, outside the workspace.
fn our_crate(root: &Path, spec: &Path, dir: &Path) -> Result<(), String> {
    let sources = SpecSources::read_dir(spec, "spec").map_err(|e| e.to_string())?;
    let options = restspec_codegen::Options {
        crate_name: "synth".into(),
        runtime_path: "::restspec_runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::SingleFile("lib.rs".into()),
        blocking_feature: None,
        sse_feature: None,
        multipart_feature: None,
        full_feature: Some("full".into()),
        full_serde_feature: Some("full-serde".into()),
        mocks_feature: None,
    };
    let files = restspec_codegen::generate(&sources, &options).map_err(|d| d.to_string())?;
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let runtime = root.join("runtime");
    let manifest = format!(
        "[package]\nname = \"synth\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
         [dependencies]\nrestspec-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n",
        runtime.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    for file in files.iter().filter(|f| f.path == "lib.rs") {
        fs::write(dir.join("src/lib.rs"), &file.contents).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The time to compile a crate alone, its dependencies built beforehand:
/// a full build first, then the crate again after touching its source.
pub(crate) fn compile_time(dir: &Path) -> Result<(u64, u64), String> {
    let build = |dir: &Path| {
        let mut command = Command::new(cargo());
        // Not incremental: after the source is touched, an incremental
        // build would reuse the previous build's machine code and measure
        // little more than rustc's front end; a clean compile of the crate
        // is what a user pays.
        command
            .args(["build", "--quiet"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("CARGO_INCREMENTAL", "0");
        command
    };
    own_workspace(dir)?;
    run_measured(&mut build(dir))?;
    let lib = dir.join("src/lib.rs");
    let text = fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    fs::write(&lib, format!("{text}\n")).map_err(|e| e.to_string())?;
    run_measured(&mut build(dir))
}

/// Generated crates live under target/, inside this workspace's folder:
/// an empty `[workspace]` table in a crate's manifest makes it its own.
pub(crate) fn own_workspace(dir: &Path) -> Result<(), String> {
    let manifest = dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    if !text.contains("[workspace]") {
        fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub(crate) fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model =
        cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let memory_kib = proc_kib("/proc/meminfo", "MemTotal:");
    format!("{cores} cores ({}), {:.0} GiB", model.unwrap_or("unknown CPU"), memory_kib as f64 / 1_048_576.0)
}

/// The cargo that runs this xtask (`cargo run` says which in `CARGO`), not
/// the one it was compiled with: with a target directory shared between
/// toolchains or checkouts, those can differ.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Where cargo puts the checkout's build output: `CARGO_TARGET_DIR`, a
/// `build.target-dir` of a config file, or `target/`, as cargo itself
/// decides.
pub(crate) fn target_dir(root: &Path) -> Result<PathBuf, String> {
    let output = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!("error: cargo metadata gave no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr))
    })?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "error: cargo metadata names no target directory".to_owned())
}

/// Builds this xtask in release mode, for the measuring processes, and
/// returns its path.
pub(crate) fn release_xtask(root: &Path) -> Result<PathBuf, String> {
    println!("bench: building xtask in release mode");
    let status = Command::new(cargo())
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("error: the release build of xtask failed".into());
    }
    Ok(target_dir(root)?.join("release").join("xtask"))
}

pub(crate) fn run() -> Result<(), String> {
    let root = project_root()?;
    let exe = release_xtask(&root)?;
    let progenitor_exe = progenitor(&root)?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| actions | ours | ours, peak memory | parse alone | print alone | ours / floor | progenitor | progenitor, peak memory | progenitor / ours (time) | progenitor / ours (memory) | lines per action, ours / progenitor |"
    );
    let _ = writeln!(table, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut generate_ms = Vec::new();
    let mut targets = Targets::default();
    for actions in SIZES {
        let spec: PathBuf = root.join("target").join(format!("synth-{actions}"));
        crate::synth::write(actions, &spec)?;
        println!("bench: {actions} actions");
        let generate = median(Work::Generate, &exe, &spec)?;
        let parse = median(Work::Parse, &exe, &spec)?;
        let print = median(Work::Print, &exe, &spec)?;
        let theirs =
            progenitor_run(&progenitor_exe, &spec, &root.join(format!("target/bench-crates/progenitor-{actions}")))?;
        let floor = (parse.millis + print.millis).max(1);
        generate_ms.push(generate.millis);
        let speed_up = theirs.millis as f64 / generate.millis.max(1) as f64;
        let memory = theirs.peak_kib as f64 / generate.peak_kib.max(1) as f64;
        match actions {
            1_000 => targets.speed_up_1k = speed_up,
            10_000 => targets.speed_up_10k = speed_up,
            _ => {}
        }
        if actions >= 1_000 {
            targets.memory = targets.memory.min(memory);
            targets.floor = targets.floor.max(generate.millis as f64 / floor as f64);
        }
        let _ = writeln!(
            table,
            "| {actions} | {} ms | {:.0} MiB | {} ms | {} ms | {:.2} | {} ms | {:.0} MiB | {:.1} | {:.1} | {:.0} / {:.0} |",
            generate.millis,
            generate.peak_kib as f64 / 1024.0,
            parse.millis,
            print.millis,
            generate.millis as f64 / floor as f64,
            theirs.millis,
            theirs.peak_kib as f64 / 1024.0,
            speed_up,
            memory,
            generate.lines as f64 / actions as f64,
            theirs.lines as f64 / actions as f64,
        );
    }
    let mut compile = String::new();
    let _ =
        writeln!(compile, "| actions | ours | ours, peak memory | progenitor's | progenitor's, peak memory | ratio |");
    let _ = writeln!(compile, "| ---: | ---: | ---: | ---: | ---: | ---: |");
    for actions in COMPILED_SIZES {
        println!("bench: compiling the generated crates of {actions} actions");
        let spec = root.join("target").join(format!("synth-{actions}"));
        let ours_dir = root.join(format!("target/bench-crates/ours-{actions}"));
        our_crate(&root, &spec, &ours_dir)?;
        let (ours_ms, ours_kib) = compile_time(&ours_dir)?;
        let (theirs_ms, theirs_kib) = compile_time(&root.join(format!("target/bench-crates/progenitor-{actions}")))?;
        if actions == 1_000 {
            targets.compile = theirs_ms as f64 / ours_ms.max(1) as f64;
        }
        let _ = writeln!(
            compile,
            "| {actions} | {:.1} s | {:.0} MiB | {:.1} s | {:.0} MiB | {:.1} |",
            ours_ms as f64 / 1000.0,
            ours_kib as f64 / 1024.0,
            theirs_ms as f64 / 1000.0,
            theirs_kib as f64 / 1024.0,
            theirs_ms as f64 / ours_ms.max(1) as f64,
        );
    }
    let growth = generate_ms[2] as f64 / generate_ms[1].max(1) as f64;
    targets.growth = growth;
    // Where the time goes, at 1,000 actions.
    let stages = stages(&exe, &root.join("target").join("synth-1000"))?;
    let overhead = crate::overhead::section(&root)?;
    let report = format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` on {}. Medians of {RUNS} runs (progenitor: {PROGENITOR_RUNS}), each in a fresh\n\
         process. Peak memory\n\
         is our process's VmHWM, and for progenitor and the compilers the largest of the process and the\n\
         processes it runs (rustfmt, rustc), as GNU time reports it. Specs from\n\
         `cargo xtask synth`; progenitor is `cargo-progenitor` {PROGENITOR_VERSION} (installed by the bench, run\n\
         with the nightly toolchain's rustfmt) on the spec's OpenAPI 3.0 export. \"Floor\" is parsing the YAML\n\
         alone plus pretty-printing the same output alone.\n\n{table}\n\
         10,000 actions take {growth:.1} times as long as 1,000.\n\n\
         ## Compiling the generated crate\n\n\
         `cargo build` (debug, not incremental) of the crate alone, its dependencies built beforehand;\n\
         peak memory is rustc's.\n\n{compile}\n\
         Compiling is mostly code generation for what every schema type has, both serde directions\n\
         (a written `Deserialize` visitor, the `Serialize` derive) and `Debug`, `Clone` and `PartialEq`,\n\
         and for what every action has: its request builder's setters and `request_`, drop glue, and\n\
         `pages` for list actions. The future a call returns is the runtime's, one per success type.\n\n\
         ## Targets\n\n{}\n\
         ## Where the time goes\n\n\
         At 1,000 actions, the stages one after the other on one thread (one run; the generator itself\n\
         parses spec files, and emits and prints generated files, on every core):\n\n{}\n\n\
         Emitted token streams are parsed into `syn` trees for prettyplease, which prints them: the largest\n\
         stage, then emitting them with `quote`. Rustdoc text and enums skip the tree (doc placeholders are\n\
         spliced back as text; enums are written as text), and the members every request builder shares\n\
         are emitted once, as a macro. Printing is the floor's own work.\n\n\
         {overhead}",
        machine(),
        targets.table(),
        stage_list(&stages)
    );
    // The whole API's section (`cargo xtask bench --real`) is measured on
    // its own and kept.
    let existing = fs::read_to_string(root.join("BENCHMARKS.md")).unwrap_or_default();
    let report = match crate::bench_real::section_of(&existing) {
        Some(real) => crate::overhead::splice_section(&report, crate::bench_real::HEADING, real),
        None => report,
    };
    print!("\n{report}");
    fs::write(root.join("BENCHMARKS.md"), &report).map_err(|e| format!("error: cannot write BENCHMARKS.md: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_must_be_twenty_times_faster_than_progenitor_at_both_sizes() {
        let targets = Targets { speed_up_1k: 19.9, speed_up_10k: 20.0, ..Targets::default() };
        let table = targets.table();
        assert!(table.contains("| faster than progenitor at 1,000 actions | 20 times | 19.9 times | missed |\n"));
        assert!(table.contains("| faster than progenitor at 10,000 actions | 20 times | 20.0 times | met |\n"));
    }

    #[test]
    fn stages_are_listed_with_their_milliseconds() {
        let stages = [("parse and validate".to_owned(), 97), ("emit".to_owned(), 119)];
        assert_eq!(stage_list(&stages), "- parse and validate: 97 ms\n- emit: 119 ms");
    }

    #[test]
    fn the_release_binary_is_looked_for_where_cargo_builds() {
        let root = project_root().unwrap();
        // The checkout has no config file that moves the target directory.
        let expected = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
        assert_eq!(target_dir(&root).unwrap(), expected);
    }
}
