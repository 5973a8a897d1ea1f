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

/// Diff lines shown in all, so a huge spec change stays readable.
const MAX_DIFF_LINES: usize = 600;

/// Surface lines listed in a summary of API changes.
const MAX_SURFACE_LINES: usize = 200;

/// The root of the checkout to act on:
///
/// - `XTASK_ROOT` when set (the command-line tests run the real binary on
///   scratch copies of the project);
/// - else the workspace around the `CARGO_MANIFEST_DIR` that `cargo run`
///   sets when it runs the binary (the xtask crate's directory);
/// - else, run without cargo, the workspace around the current directory.
///
/// Never the directory the binary was compiled in (`env!`): with a target
/// directory shared between checkouts (a global `CARGO_TARGET_DIR`,
/// worktrees) cargo runs the binary one checkout built in the other, which
/// would then check or overwrite the first checkout. Outside any checkout
/// this fails and says so.
pub(crate) fn project_root() -> Result<PathBuf, String> {
    if let Some(root) = std::env::var_os("XTASK_ROOT") {
        return Ok(PathBuf::from(root));
    }
    let (start, source) = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => (PathBuf::from(dir), "CARGO_MANIFEST_DIR"),
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("error: cannot find the project root: no current directory: {e}"))?;
            (cwd, "the current directory")
        }
    };
    find_root(&start).ok_or_else(|| {
        format!(
            "error: cannot find the project root: no Cargo.toml in {} ({source}) or above it declares a \
             workspace with the `xtask` member.\n\
             Run `cargo xtask` inside a checkout, or set XTASK_ROOT to the checkout's root.",
            start.display()
        )
    })
}

/// The nearest of `start` and its ancestors whose Cargo.toml declares a
/// workspace that lists `xtask` among its members.
fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| is_xtask_workspace(&dir.join("Cargo.toml"))).map(Path::to_path_buf)
}

/// Whether `manifest` declares a workspace with an `xtask` member: a textual
/// check (a `[workspace]` table and the string `"xtask"`), enough to tell
/// this project's root manifest from a member's, without a TOML parser.
fn is_xtask_workspace(manifest: &Path) -> bool {
    let Ok(text) = fs::read_to_string(manifest) else { return false };
    text.lines().any(|line| line.trim() == "[workspace]") && text.contains("\"xtask\"")
}

/// Where the generated modules live, relative to the root.
pub(crate) const OUTPUT_DIR: &str = "generated-client/src/generated";

/// Where the generated Markdown docs live, relative to the root.
pub(crate) const DOCS_DIR: &str = "generated-client/docs";

/// How the generated code reaches the client crate's runtime.
pub(crate) fn options() -> Options {
    Options {
        crate_name: "losant_rest".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: generator::Layout::Modules,
        blocking_feature: Some("blocking".into()),
    }
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

/// Generates the client and its docs in memory and compares them with what
/// is on disk. Paths in the plan are relative to the root.
pub(crate) fn plan(root: &Path) -> Result<Plan, String> {
    let spec_dir = root.join("spec");
    let sources = SpecSources::read_dir(&spec_dir, "spec").map_err(|e| format!("error: {e}"))?;
    let code = generator::generate(&sources, &options()).map_err(|d| d.render(&sources))?;
    let docs = generator::generate_docs(&sources, &options()).map_err(|d| d.render(&sources))?;
    let mut plan = Plan::default();
    for (dir, files) in [(OUTPUT_DIR, code), (DOCS_DIR, docs)] {
        let mut on_disk = read_existing(&root.join(dir)).map_err(|e| format!("error: cannot read {dir}: {e}"))?;
        for mut file in files {
            let old = on_disk.remove(&file.path);
            file.path = format!("{dir}/{}", file.path);
            match old {
                Some(old) if old == file.contents => plan.unchanged += 1,
                Some(old) => plan.changed.push((file, old)),
                None => plan.missing.push(file),
            }
        }
        plan.orphaned.extend(on_disk.into_keys().map(|name| format!("{dir}/{name}")));
    }
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
    run_in(&project_root()?, mode)
}

/// Runs codegen on the project at `root` (tests use copies of the project).
pub(crate) fn run_in(root: &Path, mode: Mode) -> Result<(), String> {
    let plan = plan(root)?;
    match mode {
        Mode::Check => check(&plan),
        Mode::Write => write(root, &plan),
    }
}

fn check(plan: &Plan) -> Result<(), String> {
    if plan.is_clean() {
        println!("codegen --check: {} generated files are up to date.", plan.unchanged);
        return Ok(());
    }
    let mut report = String::new();
    let mut budget = MAX_DIFF_LINES;
    for (file, old) in &plan.changed {
        report.push_str(&format!("stale: {}\n", file.path));
        if budget == 0 {
            continue;
        }
        let diff = bounded_diff(&file.path, old, &file.contents);
        let shown: Vec<&str> = diff.lines().take(budget).collect();
        budget -= shown.len();
        report.push_str(&shown.join("\n"));
        report.push('\n');
        if budget == 0 {
            report.push_str("... further diffs not shown\n");
        }
    }
    for file in &plan.missing {
        report.push_str(&format!(
            "missing: {} ({} lines would be written)\n",
            file.path,
            file.contents.lines().count()
        ));
    }
    for path in &plan.orphaned {
        report.push_str(&format!("orphaned: {path} (no longer generated; would be removed)\n"));
    }
    report.push_str(&surface_changes(plan));
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

/// What the change does to the API, from the old and new surface listings:
/// actions, params, enums and schema fields added or removed.
pub(crate) fn surface_changes(plan: &Plan) -> String {
    let new = plan
        .changed
        .iter()
        .map(|(file, _)| file)
        .chain(&plan.missing)
        .find(|f| f.path.ends_with(generator::SURFACE_FILE));
    let Some(new) = new else { return String::new() };
    let old = plan.changed.iter().find(|(f, _)| f.path.ends_with(generator::SURFACE_FILE)).map(|(_, old)| old.as_str());
    let items = |text: &str| -> std::collections::BTreeSet<String> {
        text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_owned).collect()
    };
    let (old, new) = (items(old.unwrap_or_default()), items(&new.contents));
    let removed: Vec<&String> = old.difference(&new).collect();
    let added: Vec<&String> = new.difference(&old).collect();
    let mut out = format!("\nAPI surface: {} added, {} removed\n", added.len(), removed.len());
    let lines = removed.iter().map(|l| format!("  - {l}")).chain(added.iter().map(|l| format!("  + {l}")));
    let all: Vec<String> = lines.collect();
    for line in all.iter().take(MAX_SURFACE_LINES) {
        out.push_str(line);
        out.push('\n');
    }
    if all.len() > MAX_SURFACE_LINES {
        out.push_str(&format!("  ... {} more\n", all.len() - MAX_SURFACE_LINES));
    }
    out
}

fn write(root: &Path, plan: &Plan) -> Result<(), String> {
    let writes = plan.changed.iter().map(|(f, _)| f).chain(&plan.missing);
    for file in writes {
        let path = root.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("error: cannot create {}: {e}", dir.display()))?;
        }
        write_atomically(&path, &file.contents).map_err(|e| format!("error: cannot write {}: {e}", file.path))?;
        println!("updated  {}", file.path);
    }
    for path in &plan.orphaned {
        fs::remove_file(root.join(path)).map_err(|e| format!("error: cannot remove {path}: {e}"))?;
        println!("removed  {path}");
    }
    print!("{}", surface_changes(plan));
    println!(
        "codegen: {} updated, {} removed, {} unchanged.",
        plan.changed.len() + plan.missing.len(),
        plan.orphaned.len(),
        plan.unchanged
    );
    Ok(())
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path)
}

// The test setup the command-line tests use too.
#[cfg(test)]
#[path = "../tests/support/scratch.rs"]
mod scratch;

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in client matches the spec: `cargo xtask codegen --check`
    /// as a test, so `cargo test` alone catches a forgotten regeneration.
    #[test]
    fn generated_code_is_fresh() {
        if let Err(report) = run_in(&project_root().unwrap(), Mode::Check) {
            panic!("{report}");
        }
    }

    use super::scratch::Scratch;

    /// The generated modules of a scratch copy.
    fn snapshot(scratch: &Scratch) -> BTreeMap<String, Vec<u8>> {
        scratch.files(OUTPUT_DIR)
    }

    #[test]
    fn check_fails_with_a_diff_when_a_generated_file_is_edited() {
        let scratch = Scratch::new("edited-output");
        let mod_rs = format!("{OUTPUT_DIR}/mod.rs");
        scratch.edit(&mod_rs, "pub const API_VERSION", "pub const API_VERSION_EDITED");
        let before = snapshot(&scratch);
        let report = run_in(&scratch.0, Mode::Check).unwrap_err();
        assert!(report.contains(&format!("stale: {mod_rs}")), "{report}");
        assert!(report.contains("-pub const API_VERSION_EDITED"), "{report}");
        assert!(report.contains("+pub const API_VERSION: &str"), "{report}");
        assert!(report.contains("1 stale, 0 missing, 0 orphaned"), "{report}");
        assert!(report.contains("Run `cargo xtask codegen`"), "{report}");
        assert_eq!(snapshot(&scratch), before, "check writes nothing");
    }

    #[test]
    fn check_fails_when_the_spec_is_edited_and_lists_missing_and_orphaned_files() {
        let scratch = Scratch::new("edited-spec");
        scratch.edit("spec/resources/userApiToken.yaml", "Retrieves information on an API token", "Reads one token");
        fs::remove_file(scratch.path(&format!("{OUTPUT_DIR}/types.rs"))).unwrap();
        fs::write(scratch.path(&format!("{OUTPUT_DIR}/old_resource.rs")), "// old\n").unwrap();
        let report = run_in(&scratch.0, Mode::Check).unwrap_err();
        assert!(report.contains(&format!("stale: {OUTPUT_DIR}/user_api_token.rs")), "{report}");
        assert!(report.contains("+    /// Reads one token"), "{report}");
        assert!(!report.contains("API surface:"), "a summary edit does not change the surface: {report}");
        assert!(report.contains(&format!("missing: {OUTPUT_DIR}/types.rs")), "{report}");
        assert!(report.contains(&format!("orphaned: {OUTPUT_DIR}/old_resource.rs")), "{report}");
    }

    #[test]
    fn check_summarizes_what_a_spec_edit_does_to_the_api() {
        let scratch = Scratch::new("surface");
        scratch.edit("spec/resources/userApiTokens.yaml", "      - name: filter\n", "      - name: search\n");
        scratch.edit("spec/schemas/apiToken.yaml", "  creatorName:\n", "  creatorLabel:\n");
        let report = run_in(&scratch.0, Mode::Check).unwrap_err();
        let summary = report.split("API surface:").nth(1).unwrap_or_default();
        let expected = " 2 added, 2 removed
  - field apiToken.creatorName: string (optional)
  - param userApiTokens.get filter (query, string, optional)
  + field apiToken.creatorLabel: string (optional)
  + param userApiTokens.get search (query, string, optional)
";
        assert!(summary.starts_with(expected), "{report}");
    }

    #[test]
    fn codegen_writes_changes_removes_orphans_and_is_then_clean() {
        let scratch = Scratch::new("write");
        scratch.edit("spec/resources/userApiToken.yaml", "Retrieves information on an API token", "Reads one token");
        fs::write(scratch.path(&format!("{OUTPUT_DIR}/old_resource.rs")), "// old\n").unwrap();
        run_in(&scratch.0, Mode::Write).unwrap();
        assert!(!scratch.path(&format!("{OUTPUT_DIR}/old_resource.rs")).exists());
        let written = fs::read_to_string(scratch.path(&format!("{OUTPUT_DIR}/user_api_token.rs"))).unwrap();
        assert!(written.contains("/// Reads one token"));
        assert!(written.starts_with(generator::HEADER));
        run_in(&scratch.0, Mode::Check).unwrap();
        let leftovers: Vec<_> = snapshot(&scratch).into_keys().filter(|name| name.ends_with(".tmp")).collect();
        assert!(leftovers.is_empty(), "no temporary files remain: {leftovers:?}");
    }

    #[test]
    fn a_broken_spec_is_reported_and_leaves_the_output_untouched() {
        let scratch = Scratch::new("broken");
        scratch.edit("spec/resources/userApiToken.yaml", "method: DELETE", "method: FETCH");
        scratch.edit("spec/schemas/apiToken.yaml", "ref: role", "ref: rol");
        let before = snapshot(&scratch);
        let report = run_in(&scratch.0, Mode::Write).unwrap_err();
        assert!(report.contains("error: invalid HTTP method `FETCH`"), "{report}");
        assert!(report.contains("--> spec/resources/userApiToken.yaml:"), "{report}");
        assert!(report.contains("error: unknown schema `rol`"), "{report}");
        assert!(report.contains("did you mean `role`?"), "{report}");
        assert!(report.contains("2 problems in the spec; nothing was generated."), "{report}");
        assert_eq!(snapshot(&scratch), before, "nothing was written");
    }
}
