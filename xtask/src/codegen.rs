//! Regenerating the client, and checking that the checked-in copy is fresh.
//!
//! The generator runs entirely in memory first. Only when the whole spec is
//! valid and every file rendered does anything touch the disk. Then every
//! changed file is staged (written in full to a temporary file beside it)
//! before any is renamed into place, and orphans are removed last, so a
//! write error leaves the output as it was, and the rare error after that
//! point (a rename or a removal) says which files were and were not changed.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use restspec_codegen::{GeneratedFile, Options, SpecSources};

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

/// Where the client's generated test support lives, relative to the root:
/// the dispatcher (`restspec_codegen::generate_dispatch`) that the conformance
/// replay and the every-action tests drive the typed client through.
pub(crate) const TEST_SUPPORT_DIR: &str = "generated-client/tests/generated";

/// Where the goldens live, relative to the root: small specs, one per
/// feature of the format, in `specs/<name>/`, whose generated code is
/// checked in under `src/generated/` and compiled as a workspace crate, so
/// a review sees what each feature generates and the build proves it
/// compiles (as typify's and progenitor's test outputs do).
pub(crate) const GOLDENS_DIR: &str = "generator/tests/goldens";

/// How the generated code reaches the client crate's runtime.
pub(crate) fn options() -> Options {
    Options {
        crate_name: "losant_rest".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::Modules,
        blocking_feature: Some("blocking".into()),
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: Some("full".into()),
        full_serde_feature: Some("full-serde".into()),
        mocks_feature: Some("mocks".into()),
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
/// It says what it does as it goes.
fn plan(root: &Path, progress: &Progress) -> Result<Plan, String> {
    let spec_dir = root.join("spec");
    let sources = SpecSources::read_dir(&spec_dir, "spec").map_err(|e| format!("error: {e}"))?;
    progress.step(format_args!("read spec/ ({} files)", sources.files().len()));
    let code = restspec_codegen::generate(&sources, &options()).map_err(|d| d.render(&sources))?;
    progress.step(format_args!("generated the client ({} files)", code.len()));
    let docs = restspec_codegen::generate_docs(&sources, &options()).map_err(|d| d.render(&sources))?;
    progress.step(format_args!("generated its Markdown docs ({} files)", docs.len()));
    let dispatch_options = restspec_codegen::DispatchOptions {
        file_name: "dispatch.rs".into(),
        runtime_path: "losant_rest::runtime".into(),
    };
    let dispatch =
        restspec_codegen::generate_dispatch(&sources, &options(), &dispatch_options).map_err(|d| d.render(&sources))?;
    progress.step(format_args!("generated the test dispatcher"));
    let goldens = goldens(root)?;
    progress.step(format_args!("generated the goldens ({} files)", goldens.len()));
    let goldens_out = format!("{GOLDENS_DIR}/src/generated");
    let mut plan = Plan::default();
    let outputs = [(OUTPUT_DIR, code), (DOCS_DIR, docs), (TEST_SUPPORT_DIR, vec![dispatch])].into_iter();
    let outputs = outputs.chain((!goldens.is_empty()).then_some((goldens_out.as_str(), goldens)));
    for (dir, files) in outputs {
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
    let api = restspec_codegen::check(&sources).map_err(|d| d.render(&sources))?;
    let old = fs::read_to_string(root.join(MANIFEST)).map_err(|e| format!("error: cannot read {MANIFEST}: {e}"))?;
    let new = with_features(&old, &features_table(&api))?;
    if new == old {
        plan.unchanged += 1;
    } else {
        plan.changed.push((GeneratedFile { path: MANIFEST.into(), contents: new }, old));
    }
    progress.step(format_args!("compared with the files on disk"));
    Ok(plan)
}

/// Says what codegen has done so far and how long it took, so that a run on
/// the whole API (tens of seconds in a debug build) is never silent.
struct Progress {
    start: std::time::Instant,
}

impl Progress {
    fn start() -> Self {
        Self { start: std::time::Instant::now() }
    }

    fn step(&self, what: std::fmt::Arguments<'_>) {
        println!("codegen: {what} [{:.1} s]", self.start.elapsed().as_secs_f64());
    }
}

/// The client crate's manifest, whose feature table of groups codegen
/// writes.
pub(crate) const MANIFEST: &str = "generated-client/Cargo.toml";

/// The lines that open and close the written part of [`MANIFEST`]'s
/// `[features]`.
const FEATURES_BEGIN: &str = "# BEGIN groups, written by `cargo xtask codegen` from spec/api.yaml; do not edit.";
const FEATURES_END: &str = "# END groups";

/// One feature per group of the spec (with its resources in a comment) and
/// `full`, the list of every group.
pub(crate) fn features_table(api: &restspec_codegen::ir::Api) -> String {
    let mut out = String::new();
    for group in &api.groups {
        let names: Vec<&str> =
            group.resources.iter().filter_map(|r| api.resources.get(*r)).map(|r| r.name.as_str()).collect();
        let mut line = String::from("#");
        for (i, name) in names.iter().enumerate() {
            let word = if i + 1 < names.len() { format!(" {name},") } else { format!(" {name}") };
            if line.len() + word.len() > 100 {
                out.push_str(&line);
                out.push('\n');
                line = String::from("#");
            }
            line.push_str(&word);
        }
        out.push_str(&line);
        out.push('\n');
        out.push_str(&format!("{} = []\n", group.name));
    }
    let all: Vec<String> = api.groups.iter().map(|g| format!("{:?}", g.name)).collect();
    out.push_str("# Every group (and the types no action reaches).\n");
    out.push_str(&format!("full = [{}]\n", all.join(", ")));
    out
}

/// `manifest` with the text between its feature markers replaced by
/// `table`.
pub(crate) fn with_features(manifest: &str, table: &str) -> Result<String, String> {
    let missing = || format!("error: {MANIFEST} has no `{FEATURES_BEGIN}` ... `{FEATURES_END}` lines in `[features]`");
    let begin = manifest.find(FEATURES_BEGIN).ok_or_else(missing)?;
    let start = begin + FEATURES_BEGIN.len() + 1;
    let end = manifest[start..].find(FEATURES_END).map(|i| start + i).ok_or_else(missing)?;
    Ok(format!("{}{table}{}", &manifest[..start], &manifest[end..]))
}

/// The generated code of every golden spec, one file each (the single-file
/// layout, as a module of the goldens crate), and the `mod.rs` that lists
/// them. Empty when the checkout has no goldens.
fn goldens(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let specs = root.join(GOLDENS_DIR).join("specs");
    let Ok(entries) = fs::read_dir(&specs) else { return Ok(Vec::new()) };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut files = Vec::new();
    let mut listing = format!(
        "{}

",
        restspec_codegen::HEADER
    );
    for name in names {
        if !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(format!("error: the golden `{name}` must be named in snake_case, as its module is"));
        }
        let shown = format!("{GOLDENS_DIR}/specs/{name}");
        let sources = SpecSources::read_dir(&specs.join(&name), &shown).map_err(|e| format!("error: {e}"))?;
        let options = Options {
            crate_name: format!("generator_goldens::generated::{name}"),
            runtime_path: "::restspec_runtime".into(),
            generated_path: format!("crate::generated::{name}"),
            layout: restspec_codegen::Layout::SingleFile(format!("{name}.rs")),
            blocking_feature: None,
            sse_feature: Some("sse".into()),
            multipart_feature: Some("multipart".into()),
            full_feature: Some("full".into()),
            full_serde_feature: Some("full-serde".into()),
            // Mocks add a module per golden; one golden, `mocks`, shows
            // them, so that the others' output stays what it shows.
            mocks_feature: (name == "mocks").then(|| "mocks".into()),
        };
        for mut file in restspec_codegen::generate(&sources, &options).map_err(|d| d.render(&sources))? {
            // Each golden lists its API too; the listings sit side by side.
            if file.path == restspec_codegen::SURFACE_FILE {
                file.path = format!("{name}.{}", restspec_codegen::SURFACE_FILE);
            }
            // The single-file layout is meant for build scripts, and says so;
            // these files are written by the xtask.
            if let Some(rest) = file.contents.strip_prefix(restspec_codegen::BUILD_HEADER) {
                file.contents = format!("{}{rest}", restspec_codegen::HEADER);
            }
            files.push(file);
        }
        listing.push_str(&format!("pub mod {name};\n"));
    }
    if !files.is_empty() {
        files.push(GeneratedFile { path: "mod.rs".into(), contents: listing });
    }
    Ok(files)
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
    let plan = plan(root, &Progress::start())?;
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
    // The client's listing; the goldens' are beside their code.
    let surface = format!("{OUTPUT_DIR}/{}", restspec_codegen::SURFACE_FILE);
    let new = plan.changed.iter().map(|(file, _)| file).chain(&plan.missing).find(|f| f.path == surface);
    let Some(new) = new else { return String::new() };
    let old = plan.changed.iter().find(|(f, _)| f.path == surface).map(|(_, old)| old.as_str());
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
    let files: Vec<(&str, &[u8])> = plan
        .changed
        .iter()
        .map(|(file, _)| file)
        .chain(&plan.missing)
        .map(|file| (file.path.as_str(), file.contents.as_bytes()))
        .collect();
    let orphans: Vec<&str> = plan.orphaned.iter().map(String::as_str).collect();
    write_files(root, &files, &orphans)?;
    for (path, _) in &files {
        println!("updated  {path}");
    }
    for path in &orphans {
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

/// Writes `files` (paths relative to `root`, with their new contents), then
/// removes `orphans`, so that an error leaves nothing changed or says
/// exactly what changed.
///
/// Every file is first staged: written in full to a temporary file in its
/// target's directory (the same filesystem, so the rename is atomic). Only
/// when every file is staged are they renamed into place, and only then are
/// the orphans removed. When staging fails, the staged files and the
/// directories created for them are removed again and nothing was written.
/// When a rename fails midway (rare: staging checked every target), or a
/// removal does, the error lists the files that were and were not updated
/// or removed.
pub(crate) fn write_files(root: &Path, files: &[(&str, &[u8])], orphans: &[&str]) -> Result<(), String> {
    let staged = stage(root, files)?;
    commit(&staged)?;
    remove_orphans(root, orphans)
}

/// A file written beside its target, waiting to be renamed over it.
#[derive(Debug)]
struct Staged {
    /// Relative to the root, for messages.
    path: String,
    tmp: PathBuf,
    target: PathBuf,
}

/// The temporary file `target` is staged in: beside it, named after it and
/// this process, so two runs never write each other's.
fn staging_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_owned();
    name.push(format!(".{}.tmp", std::process::id()));
    target.with_file_name(name)
}

/// Stages every file, or none: on an error it removes what it staged.
fn stage(root: &Path, files: &[(&str, &[u8])]) -> Result<Vec<Staged>, String> {
    let mut staged = Vec::with_capacity(files.len());
    // The directories created for the files, outermost first.
    let mut created = Vec::new();
    for &(path, contents) in files {
        match stage_one(root, path, contents, &mut created) {
            Ok(file) => staged.push(file),
            Err(e) => {
                for file in &staged {
                    let _ = fs::remove_file(&file.tmp);
                }
                for dir in created.iter().rev() {
                    let _ = fs::remove_dir(dir);
                }
                return Err(format!(
                    "error: cannot write {path}: {e}\n\
                     codegen stopped before replacing any file: nothing was written."
                ));
            }
        }
    }
    Ok(staged)
}

fn stage_one(root: &Path, path: &str, contents: &[u8], created: &mut Vec<PathBuf>) -> io::Result<Staged> {
    let target = root.join(path);
    if let Some(dir) = target.parent() {
        create_dirs(dir, created)?;
    }
    if fs::symlink_metadata(&target).is_ok_and(|meta| meta.is_dir()) {
        return Err(io::Error::other("a directory is in its place"));
    }
    let tmp = staging_path(&target);
    let staged = Staged { path: path.to_owned(), tmp, target };
    if let Err(e) = fs::write(&staged.tmp, contents) {
        // A write that failed partway may have left the file.
        let _ = fs::remove_file(&staged.tmp);
        return Err(e);
    }
    Ok(staged)
}

/// Creates `dir` and its missing parents, recording each one it creates.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let missing: Vec<&Path> =
        dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err()).collect();
    for dir in missing.into_iter().rev() {
        fs::create_dir(dir)?;
        created.push(dir.to_path_buf());
    }
    Ok(())
}

/// Renames every staged file over its target.
fn commit(staged: &[Staged]) -> Result<(), String> {
    for (i, file) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(&file.tmp, &file.target) {
            for rest in &staged[i..] {
                let _ = fs::remove_file(&rest.tmp);
            }
            let (done, not_done) = staged.split_at(i);
            return Err(format!(
                "error: cannot replace {} with its new contents: {e}\n\
                 codegen stopped halfway: {i} of {} files were updated and no orphaned file was removed.\n\
                 updated:{}\n\
                 not updated:{}\n\
                 Fix the cause and run `cargo xtask codegen` again.",
                file.path,
                staged.len(),
                list(done.iter().map(|f| f.path.as_str())),
                list(not_done.iter().map(|f| f.path.as_str())),
            ));
        }
    }
    Ok(())
}

/// Removes the files no longer generated (one already gone is fine).
fn remove_orphans(root: &Path, orphans: &[&str]) -> Result<(), String> {
    for (i, path) in orphans.iter().enumerate() {
        match fs::remove_file(root.join(path)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                let (done, not_done) = orphans.split_at(i);
                return Err(format!(
                    "error: cannot remove {path}: {e}\n\
                     codegen stopped halfway: every generated file was updated; {i} of {} orphaned files were removed.\n\
                     removed:{}\n\
                     not removed:{}\n\
                     Fix the cause and run `cargo xtask codegen` again.",
                    orphans.len(),
                    list(done.iter().copied()),
                    list(not_done.iter().copied()),
                ));
            }
        }
    }
    Ok(())
}

/// Paths, one an indented line each, or ` none`.
fn list<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let text: String = paths.map(|path| format!("\n  {path}")).collect();
    if text.is_empty() { " none".to_owned() } else { text }
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

    /// The client's feature table is written from the spec's groups: a
    /// group edited in the spec makes the manifest stale, and codegen
    /// rewrites only the part between the markers.
    #[test]
    fn the_feature_table_follows_the_groups_of_the_spec() {
        let scratch = Scratch::new("features");
        scratch.edit("spec/api.yaml", "  notebooks:\n", "  jupyter:\n");
        let report = run_in(&scratch.0, Mode::Check).unwrap_err();
        assert!(report.contains(&format!("stale: {MANIFEST}")), "{report}");
        assert!(report.contains("-notebooks = []\n+jupyter = []"), "{report}");
        run_in(&scratch.0, Mode::Write).unwrap();
        let manifest = fs::read_to_string(scratch.path(MANIFEST)).unwrap();
        assert!(manifest.contains("# notebook, notebooks\njupyter = []\n"), "{manifest}");
        assert!(manifest.contains("\"files\", \"jupyter\", \"orgs-instances\""), "{manifest}");
        assert!(manifest.contains("[dependencies]\nrestspec-runtime"), "the rest is kept: {manifest}");
        run_in(&scratch.0, Mode::Check).unwrap();
    }

    #[test]
    fn a_manifest_without_the_markers_is_an_error() {
        let scratch = Scratch::new("no-markers");
        scratch.edit(MANIFEST, "# END groups", "# the end");
        let report = run_in(&scratch.0, Mode::Check).unwrap_err();
        assert!(report.contains("has no `# BEGIN groups"), "{report}");
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
        assert!(written.starts_with(restspec_codegen::HEADER));
        run_in(&scratch.0, Mode::Check).unwrap();
        let leftovers: Vec<_> = snapshot(&scratch).into_keys().filter(|name| name.ends_with(".tmp")).collect();
        assert!(leftovers.is_empty(), "no temporary files remain: {leftovers:?}");
    }

    /// A file that cannot be written stops codegen before it replaces any
    /// file: here a directory occupies the docs page the spec edit changes,
    /// which comes after the module in the order files are written.
    #[test]
    fn a_write_error_leaves_every_file_as_it_was_and_names_the_file() {
        let scratch = Scratch::new("write-error");
        scratch.edit("spec/resources/userApiToken.yaml", "Retrieves information on an API token", "Reads one token");
        fs::write(scratch.path(&format!("{OUTPUT_DIR}/old_resource.rs")), "// old\n").unwrap();
        let page = format!("{DOCS_DIR}/userApiToken.md");
        fs::remove_file(scratch.path(&page)).unwrap();
        fs::create_dir_all(scratch.path(&format!("{page}/occupied"))).unwrap();
        let (code, docs) = (snapshot(&scratch), scratch.files(DOCS_DIR));
        let report = run_in(&scratch.0, Mode::Write).unwrap_err();
        assert!(report.contains(&format!("cannot write {page}")), "{report}");
        assert!(report.contains("nothing was written"), "{report}");
        assert_eq!(snapshot(&scratch), code, "no module changed and the orphan is still there: {report}");
        assert_eq!(scratch.files(DOCS_DIR), docs, "no page changed and no temporary file remains: {report}");
    }

    #[test]
    fn a_broken_spec_is_reported_and_leaves_the_output_untouched() {
        let scratch = Scratch::new("broken");
        scratch.edit("spec/resources/userApiToken.yaml", "method: DELETE", "method: FETCH");
        scratch.edit("spec/schemas/apiToken.yaml", "ref: apiTokenOrgRolesItem", "ref: apiTokenOrgRolesIte");
        let before = snapshot(&scratch);
        let report = run_in(&scratch.0, Mode::Write).unwrap_err();
        assert!(report.contains("error: invalid HTTP method `FETCH`"), "{report}");
        assert!(report.contains("--> spec/resources/userApiToken.yaml:"), "{report}");
        assert!(report.contains("error: unknown schema `apiTokenOrgRolesIte`"), "{report}");
        assert!(report.contains("did you mean `apiTokenOrgRolesItem`?"), "{report}");
        assert!(report.contains("2 problems in the spec; nothing was generated."), "{report}");
        assert_eq!(snapshot(&scratch), before, "nothing was written");
    }

    /// A scratch directory holding `files` (relative path, contents).
    fn tree(name: &str, files: &[(&str, &str)]) -> Scratch {
        let scratch = Scratch::empty(name);
        for (path, contents) in files {
            let path = scratch.path(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        scratch
    }

    fn read(scratch: &Scratch, path: &str) -> String {
        fs::read_to_string(scratch.path(path)).unwrap()
    }

    fn names(scratch: &Scratch, dir: &str) -> Vec<String> {
        scratch.files(dir).into_keys().collect()
    }

    #[test]
    fn write_files_replaces_creates_and_removes() {
        let scratch = tree("write-files", &[("out/a.rs", "old a"), ("out/old.rs", "orphan")]);
        let files: [(&str, &[u8]); 2] = [("out/a.rs", b"new a"), ("out/new/b.rs", b"new b")];
        write_files(&scratch.0, &files, &["out/old.rs"]).unwrap();
        assert_eq!(read(&scratch, "out/a.rs"), "new a");
        assert_eq!(read(&scratch, "out/new/b.rs"), "new b");
        assert_eq!(names(&scratch, "out"), ["a.rs", "new"], "the orphan is gone, no temporary file remains");
    }

    /// A file whose directory cannot be created (a file is in its place)
    /// stops the write before any file is replaced or removed, and the
    /// files and directories staged so far are removed again.
    #[test]
    fn a_staging_error_writes_nothing_and_names_the_file() {
        let scratch = tree("staging-error", &[("out/a.rs", "old a"), ("out/old.rs", "orphan"), ("blocked", "a file")]);
        let files: [(&str, &[u8]); 4] =
            [("out/a.rs", b"new a"), ("fresh/sub/x.rs", b"x"), ("blocked/b.rs", b"new b"), ("out/c.rs", b"new c")];
        let report = write_files(&scratch.0, &files, &["out/old.rs"]).unwrap_err();
        assert!(report.starts_with("error: cannot write blocked/b.rs: "), "{report}");
        assert!(report.contains("nothing was written"), "{report}");
        assert_eq!(read(&scratch, "out/a.rs"), "old a");
        assert_eq!(names(&scratch, "out"), ["a.rs", "old.rs"], "nothing added, nothing removed: {report}");
        assert_eq!(names(&scratch, ""), ["blocked", "out"], "the directories created for staging are gone");
    }

    /// A directory where the temporary file goes is a staging error too.
    #[test]
    fn a_directory_in_place_of_the_temporary_file_writes_nothing() {
        let scratch = tree("staging-dir", &[("out/a.rs", "old a"), ("out/b.rs", "old b")]);
        fs::create_dir(staging_path(&scratch.path("out/b.rs"))).unwrap();
        let files: [(&str, &[u8]); 2] = [("out/a.rs", b"new a"), ("out/b.rs", b"new b")];
        let report = write_files(&scratch.0, &files, &[]).unwrap_err();
        assert!(report.starts_with("error: cannot write out/b.rs: "), "{report}");
        assert!(report.contains("nothing was written"), "{report}");
        assert_eq!((read(&scratch, "out/a.rs"), read(&scratch, "out/b.rs")), ("old a".into(), "old b".into()));
    }

    /// A rename failing after staging (here: the staged file vanished) is
    /// reported file by file, and no temporary file is left behind.
    #[test]
    fn a_rename_failing_midway_says_which_files_were_updated() {
        let scratch = tree("rename-error", &[("out/a.rs", "old a"), ("out/b.rs", "old b"), ("out/c.rs", "old c")]);
        let files: [(&str, &[u8]); 3] = [("out/a.rs", b"new a"), ("out/b.rs", b"new b"), ("out/c.rs", b"new c")];
        let staged = stage(&scratch.0, &files).unwrap();
        fs::remove_file(&staged[1].tmp).unwrap();
        let report = commit(&staged).unwrap_err();
        assert!(report.starts_with("error: cannot replace out/b.rs with its new contents: "), "{report}");
        assert!(report.contains("1 of 3 files were updated"), "{report}");
        assert!(report.contains("updated:\n  out/a.rs\nnot updated:\n  out/b.rs\n  out/c.rs\n"), "{report}");
        assert_eq!(read(&scratch, "out/a.rs"), "new a");
        assert_eq!(read(&scratch, "out/c.rs"), "old c");
        assert_eq!(names(&scratch, "out"), ["a.rs", "b.rs", "c.rs"], "no temporary file remains");
    }

    #[test]
    fn an_orphan_that_cannot_be_removed_is_reported_with_the_rest() {
        let scratch = tree("orphan-error", &[("out/a.rs", "old a"), ("out/old.rs", "orphan"), ("out/dir/x", "x")]);
        let files: [(&str, &[u8]); 1] = [("out/a.rs", b"new a")];
        let report = write_files(&scratch.0, &files, &["out/old.rs", "out/dir"]).unwrap_err();
        assert!(report.starts_with("error: cannot remove out/dir: "), "{report}");
        assert!(report.contains("every generated file was updated; 1 of 2 orphaned files were removed"), "{report}");
        assert!(report.contains("removed:\n  out/old.rs\nnot removed:\n  out/dir\n"), "{report}");
        assert_eq!(read(&scratch, "out/a.rs"), "new a");
    }
}
