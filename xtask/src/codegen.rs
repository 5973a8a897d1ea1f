//! Regenerating the client, and checking that the checked-in copy is fresh.
//!
//! The generator runs entirely in memory first. Only when the whole spec is
//! valid and every file rendered does anything touch the disk, and then each
//! changed file is written to a temporary file beside it and renamed into
//! place, so a failure never leaves half-written output.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use generator::{GeneratedFile, Options, SpecSources};

/// What `codegen` does with the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Write changed files and remove orphans.
    Write,
    /// Write nothing; fail with a diff when anything differs.
    Check,
}

/// Diff lines shown per stale file; the rest is summarized.
const MAX_DIFF_LINES_PER_FILE: usize = 120;

/// The workspace root (the xtask crate lives one level below it).
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

/// Where the generated modules live, relative to the root.
pub(crate) const OUTPUT_DIR: &str = "generated-client/src/generated";

/// How the generated code reaches the client crate's runtime.
pub(crate) fn options() -> Options {
    Options { crate_name: "losant_rest".into(), runtime_path: "crate::runtime".into(), generated_path: "crate".into() }
}

/// What differs between the generated files and the disk.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) changed: Vec<(GeneratedFile, String)>,
    pub(crate) missing: Vec<GeneratedFile>,
    pub(crate) orphaned: Vec<String>,
    pub(crate) unchanged: usize,
}

impl Plan {
    pub(crate) fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.orphaned.is_empty()
    }
}

/// Generates the client in memory and compares it with what is on disk.
pub(crate) fn plan(root: &Path) -> Result<Plan, String> {
    let spec_dir = root.join("spec");
    let sources = SpecSources::read_dir(&spec_dir, "spec").map_err(|e| format!("error: {e}"))?;
    let files = generator::generate(&sources, &options()).map_err(|d| d.render(&sources))?;
    let out_dir = root.join(OUTPUT_DIR);
    let mut on_disk = read_existing(&out_dir).map_err(|e| format!("error: cannot read {OUTPUT_DIR}: {e}"))?;
    let mut plan = Plan::default();
    for file in files {
        match on_disk.remove(&file.path) {
            Some(old) if old == file.contents => plan.unchanged += 1,
            Some(old) => plan.changed.push((file, old)),
            None => plan.missing.push(file),
        }
    }
    plan.orphaned = on_disk.into_keys().collect();
    Ok(plan)
}

fn read_existing(dir: &Path) -> io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // A file that is not UTF-8 is stale by definition.
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            files.insert(name, text);
        }
    }
    Ok(files)
}

pub(crate) fn run(mode: Mode) -> Result<(), String> {
    let root = project_root();
    let plan = plan(&root)?;
    match mode {
        Mode::Check => check(&plan),
        Mode::Write => write(&root, &plan),
    }
}

fn check(plan: &Plan) -> Result<(), String> {
    if plan.is_clean() {
        println!("codegen --check: {} generated files are up to date.", plan.unchanged);
        return Ok(());
    }
    let mut report = String::new();
    for (file, old) in &plan.changed {
        report.push_str(&format!("stale: {OUTPUT_DIR}/{}\n", file.path));
        report.push_str(&bounded_diff(&file.path, old, &file.contents));
    }
    for file in &plan.missing {
        report.push_str(&format!(
            "missing: {OUTPUT_DIR}/{} ({} lines would be written)\n",
            file.path,
            file.contents.lines().count()
        ));
    }
    for path in &plan.orphaned {
        report.push_str(&format!("orphaned: {OUTPUT_DIR}/{path} (no longer generated; would be removed)\n"));
    }
    report.push_str(&format!(
        "\ncodegen --check failed: {} stale, {} missing, {} orphaned, {} up to date.\n\
         The checked-in client does not match spec/. Run `cargo xtask codegen` and commit the result.",
        plan.changed.len(),
        plan.missing.len(),
        plan.orphaned.len(),
        plan.unchanged
    ));
    Err(report)
}

/// A unified diff, cut after [`MAX_DIFF_LINES_PER_FILE`] lines.
pub(crate) fn bounded_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    let total = text.lines().count();
    let mut out: String = text.lines().take(MAX_DIFF_LINES_PER_FILE).flat_map(|l| [l, "\n"]).collect();
    if total > MAX_DIFF_LINES_PER_FILE {
        out.push_str(&format!("... {} more diff lines not shown\n", total - MAX_DIFF_LINES_PER_FILE));
    }
    out
}

fn write(root: &Path, plan: &Plan) -> Result<(), String> {
    let out_dir = root.join(OUTPUT_DIR);
    fs::create_dir_all(&out_dir).map_err(|e| format!("error: cannot create {OUTPUT_DIR}: {e}"))?;
    let writes = plan.changed.iter().map(|(f, _)| f).chain(&plan.missing);
    for file in writes {
        write_atomically(&out_dir.join(&file.path), &file.contents)
            .map_err(|e| format!("error: cannot write {OUTPUT_DIR}/{}: {e}", file.path))?;
        println!("updated  {OUTPUT_DIR}/{}", file.path);
    }
    for path in &plan.orphaned {
        fs::remove_file(out_dir.join(path)).map_err(|e| format!("error: cannot remove {OUTPUT_DIR}/{path}: {e}"))?;
        println!("removed  {OUTPUT_DIR}/{path}");
    }
    println!(
        "codegen: {} updated, {} removed, {} unchanged.",
        plan.changed.len() + plan.missing.len(),
        plan.orphaned.len(),
        plan.unchanged
    );
    Ok(())
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let tmp = path.with_extension("rs.tmp");
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path)
}
