//! The "Per-request overhead" section of BENCHMARKS.md: the generated
//! client against hand-written reqwest calls that send the same requests to
//! the same loopback server (`generated-client/benches/overhead.rs`).
//!
//! `cargo xtask bench` writes the section with everything else;
//! `cargo xtask bench --overhead-only` measures only this and replaces the
//! section in the existing BENCHMARKS.md, which takes a minute or two rather
//! than a quarter of an hour.
//!
//! The bench is run many times and each number is the median over the
//! runs, because one run measures each variant for a third of a second in
//! turn, and anything else the machine does in that time lands on one
//! variant only. Each ratio is the median of the runs' own ratios, so that
//! a variant is compared with the variants measured just before and after.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::codegen::project_root;

/// How many times the bench runs.
const ROUNDS: usize = 15;

/// The overhead the generated client is allowed, as a ratio.
const TARGET: f64 = 1.05;

/// The heading of the section, which `--overhead-only` looks for.
const HEADING: &str = "## Per-request overhead";

/// The line the section replaces, from before the overhead was measured.
const PLACEHOLDER: &str = "Not measured yet: the per-request overhead against hand-written reqwest.";

/// The cases, as the bench's modules are named, with what they send.
const CASES: [(&str, &str); 3] = [
    ("token_list", "`applicationApiTokens.get`: GET, a page of tokens back"),
    ("token_get", "`applicationApiToken.get`: GET, one token back"),
    ("token_post", "`applicationApiTokens.post`: POST with a JSON body, `201` and one token back"),
];

/// The variants of each case, as the bench names its functions.
const HAND_WRITTEN: &str = "hand_written";
const HAND_WRITTEN_TIMEOUT: &str = "hand_written_timeout";
const GENERATED: &str = "generated";

/// `cargo xtask bench --overhead-only`: measures, then writes the section
/// into BENCHMARKS.md in place of the previous one.
pub(crate) fn run() -> Result<(), String> {
    let root = project_root()?;
    let section = section(&root)?;
    print!("\n{section}");
    let path = root.join("BENCHMARKS.md");
    let existing = fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    fs::write(&path, splice(&existing, &section)).map_err(|e| format!("error: cannot write BENCHMARKS.md: {e}"))
}

/// Runs the bench [`ROUNDS`] times and returns the section, heading first,
/// ending with a newline.
pub(crate) fn section(root: &Path) -> Result<String, String> {
    let load_before = load_average();
    let mut runs = Vec::new();
    for round in 1..=ROUNDS {
        println!("bench: per-request overhead, run {round} of {ROUNDS}");
        let output = Command::new(crate::bench::cargo())
            .args(["bench", "--quiet", "-p", "losant-rest", "--bench", "overhead"])
            .current_dir(root)
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "error: the overhead bench failed\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        runs.push(parse(&stdout)?);
    }
    let median_of = |case: &str, variant: &str| -> Result<f64, String> {
        median(runs.iter().map(|run| find(run, case, variant)).collect::<Result<_, _>>()?)
    };
    let ratio_of = |case: &str, baseline: &str| -> Result<f64, String> {
        median(
            runs.iter()
                .map(|run| Ok(find(run, case, GENERATED)? / find(run, case, baseline)?))
                .collect::<Result<_, String>>()?,
        )
    };
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| case | hand-written reqwest | the same with a 30 s timeout | generated client | generated / hand-written | generated / with timeout | target: within 5% |"
    );
    let _ = writeln!(table, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    let mut ratios = Vec::new();
    for (case, description) in CASES {
        let ratio = ratio_of(case, HAND_WRITTEN)?;
        ratios.push(ratio);
        let _ = writeln!(
            table,
            "| {description} | {} | {} | {} | {ratio:.3} | {:.3} | {} |",
            micros(median_of(case, HAND_WRITTEN)?),
            micros(median_of(case, HAND_WRITTEN_TIMEOUT)?),
            micros(median_of(case, GENERATED)?),
            ratio_of(case, HAND_WRITTEN_TIMEOUT)?,
            if ratio <= TARGET { "met" } else { "missed" },
        );
    }
    let load_after = load_average();
    let worst = ratios.iter().copied().fold(1.0, f64::max);
    let added: Vec<f64> = CASES
        .iter()
        .map(|(case, _)| Ok(median_of(case, GENERATED)? - median_of(case, HAND_WRITTEN)?))
        .collect::<Result<_, String>>()?;
    let least = added.iter().copied().fold(f64::INFINITY, f64::min);
    let most = added.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(format!(
        "{HEADING}\n\n\
         `cargo bench -p losant-rest --bench overhead` (divan): each case once through the generated client\n\
         and once as a hand-written call on a plain `reqwest::Client`, which sends the same request (method,\n\
         path, global query params, headers and body, checked byte for byte before timing) and decodes the\n\
         answer with `serde_json` into the same type. Both talk to one in-process HTTP/1.1 server on\n\
         127.0.0.1 that answers with the documented example, over one kept-alive connection per client, on\n\
         one current-thread tokio runtime. Each time is the median of 10,000 calls (500 samples of 20); the\n\
         bench ran {ROUNDS} times, and the table has the median over the runs of each time and of each ratio\n\
         (the machine's one-minute load average was {load_before} before and {load_after} after).\n\
         The third column adds the 30-second per-call timeout the generated client always sets, to tell\n\
         its cost from the rest of the runtime's (building the `Request`, the URL and the header map, the\n\
         retry loop and the tracing span).\n\n{table}\n\
         The generated client takes at most {:.1}% longer per call than the hand-written one, a difference\n\
         of {:+.1} to {:+.1} µs per call, which a call over a real network, in milliseconds, would not notice.\n",
        (worst - 1.0) * 100.0,
        least / 1_000.0,
        most / 1_000.0,
    ))
}

/// The one-minute load average (Linux), to tell a quiet machine from a busy
/// one when reading the numbers.
pub(crate) fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// BENCHMARKS.md with `section` in place of the previous overhead section
/// (or of the placeholder line), or at its end.
fn splice(existing: &str, section: &str) -> String {
    splice_section(&existing.replace(PLACEHOLDER, ""), HEADING, section)
}

/// `text` with the section under `heading` (up to the next `## `
/// heading) replaced by `section`, or with `section` added at its end.
pub(crate) fn splice_section(text: &str, heading: &str, section: &str) -> String {
    let (before, after) = match text.find(&format!("{heading}\n")) {
        Some(start) => {
            let rest = &text[start + heading.len()..];
            (&text[..start], rest.find("\n## ").map_or("", |at| &rest[at + 1..]))
        }
        None => (text, ""),
    };
    let mut spliced = format!("{}\n\n{section}", before.trim_end());
    if !after.is_empty() {
        spliced.push('\n');
        spliced.push_str(after);
    }
    spliced
}

/// One measured variant: case, variant and median in nanoseconds.
type Measured = Vec<(String, String, f64)>;

/// Reads divan's tree: a group line (`├─ token_get`, no times) names the
/// case of the leaf lines after it (`│  ├─ generated  27.1 µs │ ... │
/// <median> │ ...`), whose third column is the median.
fn parse(output: &str) -> Result<Measured, String> {
    let mut measured = Vec::new();
    let mut case = None;
    for line in output.lines() {
        let columns: Vec<&str> = line.split('│').collect();
        // A leaf or group line has the name column and the six columns of
        // times and counts; everything else (the timer's precision, blank
        // lines) has none.
        let Some(first) = columns.iter().position(|c| c.trim_start_matches([' ', '├', '╰', '─']).trim() != "")
        else {
            continue;
        };
        if columns.len() - first < 6 {
            continue;
        }
        let mut name_and_fastest = columns[first].trim_start_matches([' ', '├', '╰', '─']).split_whitespace();
        let Some(name) = name_and_fastest.next() else { continue };
        let median = columns[first + 2].trim();
        if median.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            case = Some(name.to_owned());
        } else if let (Some(case), Some(nanos)) = (&case, nanos(median)) {
            measured.push((case.clone(), name.to_owned(), nanos));
        }
    }
    if measured.is_empty() {
        return Err(format!("error: no measurements in the bench's output:\n{output}"));
    }
    Ok(measured)
}

/// A divan time such as `27.31 µs`, in nanoseconds.
fn nanos(text: &str) -> Option<f64> {
    let (number, unit) = text.split_once(' ')?;
    let scale = match unit {
        "ps" => 0.001,
        "ns" => 1.0,
        "µs" | "us" => 1_000.0,
        "ms" => 1_000_000.0,
        "s" => 1_000_000_000.0,
        _ => return None,
    };
    number.parse::<f64>().ok().map(|n| n * scale)
}

fn find(measured: &Measured, case: &str, variant: &str) -> Result<f64, String> {
    measured
        .iter()
        .find(|(c, v, _)| c == case && v == variant)
        .map(|(_, _, nanos)| *nanos)
        .ok_or_else(|| format!("error: the bench's output has no `{case}::{variant}`"))
}

fn median(mut values: Vec<f64>) -> Result<f64, String> {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => Err("error: nothing to take the median of".into()),
        n if n % 2 == 1 => Ok(values[n / 2]),
        n => Ok((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

fn micros(nanos: f64) -> String {
    format!("{:.2} µs", nanos / 1_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Divan 0.1's output for two of the cases, as the bench prints it.
    const OUTPUT: &str = "\
Timer precision: 20 ns
overhead                    fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ token_get                              │               │               │               │         │
│  ├─ generated             26.83 µs      │ 234.4 µs      │ 27.31 µs      │ 30.42 µs      │ 2000    │ 40000
│  ├─ hand_written          25.55 µs      │ 38.17 µs      │ 25.8 µs       │ 26.1 µs       │ 2000    │ 40000
│  ╰─ hand_written_timeout  25.6 µs       │ 59.91 µs      │ 25.93 µs      │ 26.34 µs      │ 2000    │ 40000
╰─ token_post                             │               │               │               │         │
   ├─ generated             27.65 µs      │ 48.84 µs      │ 28 µs         │ 28.63 µs      │ 2000    │ 40000
   ├─ hand_written          26.1 µs       │ 44.34 µs      │ 1.042 ms      │ 27.03 µs      │ 2000    │ 40000
   ╰─ hand_written_timeout  26.54 µs      │ 51.29 µs      │ 980 ns        │ 27.57 µs      │ 2000    │ 40000

";

    #[test]
    fn medians_are_read_from_divans_tree() {
        let measured = parse(OUTPUT).unwrap();
        assert_eq!(measured.len(), 6);
        assert_eq!(find(&measured, "token_get", "generated").unwrap(), 27_310.0);
        assert_eq!(find(&measured, "token_get", "hand_written").unwrap(), 25_800.0);
        assert_eq!(find(&measured, "token_post", "generated").unwrap(), 28_000.0);
        assert_eq!(find(&measured, "token_post", "hand_written").unwrap(), 1_042_000.0);
        assert_eq!(find(&measured, "token_post", "hand_written_timeout").unwrap(), 980.0);
        assert!(find(&measured, "token_list", "generated").is_err());
        assert!(parse("Timer precision: 20 ns\n").is_err());
    }

    #[test]
    fn the_section_replaces_the_placeholder_or_the_previous_section() {
        let section = "## Per-request overhead\n\nnew\n";
        let with_placeholder = format!("# Benchmarks\n\n## Where\n\ntext\n\n{PLACEHOLDER}\n");
        assert_eq!(
            splice(&with_placeholder, section),
            "# Benchmarks\n\n## Where\n\ntext\n\n## Per-request overhead\n\nnew\n"
        );
        let in_the_middle = "# Benchmarks\n\n## Per-request overhead\n\nold\n\n## Later\n\nkept\n";
        assert_eq!(
            splice(in_the_middle, section),
            "# Benchmarks\n\n## Per-request overhead\n\nnew\n\n## Later\n\nkept\n"
        );
        let at_the_end = "# Benchmarks\n\n## Per-request overhead\n\nold\n";
        assert_eq!(splice(at_the_end, section), "# Benchmarks\n\n## Per-request overhead\n\nnew\n");
        assert_eq!(splice("# Benchmarks\n", section), "# Benchmarks\n\n## Per-request overhead\n\nnew\n");
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]).unwrap(), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]).unwrap(), 2.5);
        assert!(median(Vec::new()).is_err());
    }
}
