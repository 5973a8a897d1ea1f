//! `cargo xtask import [--out DIR | --check DIR]`: converts Losant's published API data
//! (`vendor/losant-api/`, from the official JS client) into a spec folder
//! in our format, and measures what the format cannot say yet.
//!
//! Why: `spec/` was written by hand for the six API-token resources. The
//! whole API is 99 resources and 375 actions, with 336 JSON Schemas; writing
//! that by hand would be slow and would drift from the source. This is the
//! first piece of a deterministic importer: it writes a complete spec folder
//! (by default `target/import/spec`, never `spec/`, because the generator
//! cannot express the whole API yet) and tells, honestly, how far off it is:
//!
//! - every construct the format cannot express is recorded as a *loss*
//!   (kind, source file and JSON pointer, detail). Where the format can say
//!   something close, the approximation is written and the loss still
//!   recorded. Two other sections of the same report keep the upstream
//!   defects converted as meant and the constructs ignored because they are
//!   no fact of the API, each kind saying why ([`report::Category`]). The
//!   command prints each section by kind and writes the full sorted list to
//!   `DIR/../import-losses.txt`;
//! - the written spec is then validated in-process by the generator
//!   ([`restspec_codegen::check`]), and its diagnostics are printed grouped by
//!   message (names and numbers taken out), with a total. Nothing is bent to
//!   make the generator pass: a diagnostic is a gap to close in the format,
//!   the generator or the data.
//!
//! How: [`source`] reads the vendored files (serde structs that keep unknown
//! keys, JSON Schemas as values); [`convert`] turns JSON Schemas into schema
//! files, hoisting every inline object with properties into a schema of its
//! own named after its path (`device` > `tags` > items: `deviceTagsItem`),
//! deduplicated by canonical JSON and unique even after Rust's case
//! conversion; [`resources`] turns the route table into resource files (the
//! action path is the resource path plus the action's; the scopes are the
//! resource's and the action's plus the broad ones [`docs`] reads from the
//! per-resource docs; an action without either needs no auth);
//! [`yaml`] writes the files, quoting every string a YAML parser could
//! misread; [`report`] keeps the losses. `api.yaml` is today's
//! `spec/api.yaml` (base URL, headers, auth, error schema, global params),
//! checked against `globalParams.json`.
//!
//! Counting: a loss is one occurrence in the data. A structure converted
//! once and referred to from several places (a hoisted object, a copy of a
//! top-level schema) has its losses copied to each place; a construct that
//! is dropped whole (an `anyOf`, `patternProperties` beside `properties`) is
//! one loss, and what it contains is not counted again.
//!
//! Read as it means: a param documented as a string whose default and
//! example are numbers or booleans (`page`, `perPage`, `asBytes`) is
//! written with their type (spec/README.md, "Sources").
//!
//! Derived, not read: `pagination` ([`pagination`] marks the list actions
//! after the overrides). Not in the data at all, so written by overrides:
//! `secret`, `rust_name` (except `error`'s, which every import needs).
//!
//! Overrides ([`overrides`], `xtask/overrides/*.yaml`): our corrections of
//! upstream defects, the API 1.31.0 changes (from the Python client
//! losant-rest 2.3.0), and our choices, applied to the converted documents
//! before they are rendered and validated. A stale override (its target
//! gone or already as it says) fails the import with its file and line.
//! The written spec must validate with no diagnostic. `--check DIR` fails,
//! writing nothing, when a folder differs from what the import writes;
//! [`changes`] prints what an import changed against the previous output.
//!
//! Maintainer workflow for a new Losant release: replace
//! `vendor/losant-api/`, run `cargo xtask import`, delete or update each
//! override it reports stale, add an override (with `why`) for each new
//! diagnostic, and review the printed changes.
//!
//! Deterministic: the same input gives the same bytes (everything is sorted;
//! only ordered maps). Object properties come out sorted by name (the JSON
//! is read into an ordered map).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use restspec_codegen::SpecSources;

use crate::codegen::project_root;

pub(crate) mod changes;
pub(crate) mod convert;
pub(crate) mod defects;
pub(crate) mod docs;
pub(crate) mod model;
pub(crate) mod overrides;
pub(crate) mod pagination;
pub(crate) mod report;
pub(crate) mod resources;
pub(crate) mod source;
pub(crate) mod yaml;

use report::{Category, Losses, message_shape, table};
use source::Source;
use yaml::Yaml;

/// Whether a path of the spec folder is a resource or schema file (a
/// document the overrides may edit).
fn is_doc(path: &str) -> bool {
    path.starts_with("resources/") || path.starts_with("schemas/")
}

/// Where the vendored data is, relative to the project root.
pub(crate) const VENDOR_DIR: &str = "vendor/losant-api";

/// A file the importer leaves in its output folder, so that it only ever
/// clears a folder it wrote.
const MARKER: &str = ".xtask-import";

/// The first lines of every written file.
const HEADER: &str = "# Written by `cargo xtask import` from vendor/losant-api (losant-rest-js 4.2.0, API 1.30.0).\n\
# Do not edit: change the importer or xtask/overrides. What the format cannot say is listed in import-losses.txt.\n\n";

/// Today's spec/api.yaml, verbatim.
const API_YAML: &str = include_str!("api.yaml");

/// The result of one conversion, in memory.
#[derive(Debug)]
pub(crate) struct Import {
    /// Files by path relative to the spec folder, sorted.
    pub(crate) files: BTreeMap<String, String>,
    /// The resource and schema files as documents, which overrides edit
    /// (`files` is rendered from them).
    pub(crate) docs: BTreeMap<String, Yaml>,
    pub(crate) losses: Losses,
    /// The actions that page (`resource.action`), read from their shape
    /// once the overrides are applied.
    pub(crate) lists: Vec<String>,
    pub(crate) resources: usize,
    pub(crate) actions: usize,
    pub(crate) schemas: usize,
    pub(crate) hoisted: usize,
}

impl Import {
    /// Applies the overrides to the documents and renders the files again;
    /// returns a line per override applied, or every stale one.
    pub(crate) fn apply(&mut self, overrides: &[overrides::Override]) -> Result<Vec<String>, Vec<String>> {
        let applied = overrides::apply(overrides, &mut self.docs)?;
        self.lists = pagination::infer(&mut self.docs);
        self.files.retain(|path, _| !self.docs.contains_key(path) && !is_doc(path));
        for (path, doc) in &self.docs {
            self.files.insert(path.clone(), format!("{HEADER}{}", yaml::render(doc)));
        }
        Ok(applied)
    }

    /// The resources and actions of the documents (after overrides).
    pub(crate) fn counts(&self) -> (usize, usize) {
        let resources: Vec<&Yaml> =
            self.docs.iter().filter(|(path, _)| path.starts_with("resources/")).map(|(_, doc)| doc).collect();
        let actions = resources
            .iter()
            .filter_map(|doc| match doc {
                Yaml::Map(entries) => entries.iter().find(|(k, _)| k == "actions").map(|(_, v)| v),
                _ => None,
            })
            .map(|actions| if let Yaml::Map(entries) = actions { entries.len() } else { 0 })
            .sum();
        (resources.len(), actions)
    }

    /// The spec as the generator reads it, without writing it.
    pub(crate) fn sources(&self, prefix: &str) -> SpecSources {
        use restspec_codegen::{FileKind, SourceFile};
        let files = self
            .files
            .iter()
            .map(|(path, text)| {
                let kind = if path.starts_with("resources/") {
                    FileKind::Resource
                } else if path.starts_with("schemas/") {
                    FileKind::Schema
                } else {
                    FileKind::Api
                };
                SourceFile::new(format!("{prefix}/{path}"), kind, text)
            })
            .collect();
        SpecSources::from_files(files)
    }
}

/// What `cargo xtask import` is asked to do.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode<'a> {
    /// Write the spec folder (`--out DIR`, else the project's `spec/`).
    Write(Option<&'a str>),
    /// Write nothing; fail when the folder differs from import + overrides.
    Check(&'a str),
}

/// Converts the vendored data and applies the overrides, in memory.
/// Returns the import and a line per override applied.
pub(crate) fn import_with_overrides(root: &Path) -> Result<(Import, Vec<String>), String> {
    let source = Source::read(&root.join(VENDOR_DIR))?;
    let mut import = convert_source(&source);
    let overrides = overrides::read_dir(&root.join(overrides::OVERRIDES_DIR), overrides::OVERRIDES_DIR)
        .map_err(|errors| errors.join("\n"))?;
    let applied = import.apply(&overrides).map_err(|errors| {
        format!(
            "{}\n{} stale override(s): update or delete them (see xtask/src/import/overrides.rs)",
            errors.join("\n"),
            errors.len()
        )
    })?;
    Ok((import, applied))
}

pub(crate) fn run(mode: Mode<'_>) -> Result<(), String> {
    let root = project_root()?;
    let started = Instant::now();
    let (import, applied) = import_with_overrides(&root)?;
    let converted = started.elapsed();
    let out = match mode {
        Mode::Check(dir) => return check(Path::new(dir), &import),
        Mode::Write(out) => out,
    };
    // The listings go beside an `--out` folder, and for `spec/` beside the
    // build output (never into the spec folder or the project root).
    let (dir, listings) = match out {
        Some(out) => {
            let dir = PathBuf::from(out);
            let beside = dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
            (dir, beside)
        }
        None => (root.join("spec"), root.join("target").join("import")),
    };
    fs::create_dir_all(&listings).map_err(|e| format!("error: cannot create {}: {e}", listings.display()))?;
    let previous = read_previous(&dir);
    // Validated in memory first: a spec with diagnostics is reported and
    // never written over the previous one.
    let validating = Instant::now();
    let (diagnostics, listing) = match restspec_codegen::check(&import.sources("spec")) {
        Ok(_) => (Vec::new(), String::new()),
        Err(diags) => (
            diags.iter().map(|d| d.message.clone()).collect(),
            diags.iter().map(|d| format!("{d}\n")).collect::<String>(),
        ),
    };
    let validated = validating.elapsed();
    if diagnostics.is_empty() {
        write(&dir, &import)?;
    }
    let losses_file = listings.join("import-losses.txt");
    fs::write(&losses_file, import.losses.listing())
        .map_err(|e| format!("error: cannot write {}: {e}", losses_file.display()))?;
    let written = started.elapsed();
    let (resources, actions) = import.counts();
    println!(
        "import: {} resources, {} actions, {} schemas and {} hoisted inline objects; \
         with the overrides {resources} resources, {actions} actions -> {} ({} files)",
        import.resources,
        import.actions,
        import.schemas,
        import.hoisted,
        dir.display(),
        import.files.len()
    );
    println!();
    println!("overrides applied ({}):", applied.len());
    for line in &applied {
        println!("  {line}");
    }
    println!();
    println!("list actions (`pagination:`, read from their shape): {}", import.lists.len());
    println!();
    match previous {
        Some(previous) => {
            let changes = changes::between(&previous, &import.files);
            if changes.is_empty() {
                println!("changes against the previous output: none");
            } else {
                println!("changes against the previous output ({}):", changes.len());
                for line in &changes {
                    println!("  {line}");
                }
            }
        }
        None => println!("changes against the previous output: no previous output"),
    }
    println!();
    for category in Category::ALL {
        println!("{}", table(category.title(), &import.losses.by_kind(category)));
    }
    println!(
        "losses {}, upstream defects converted as meant {}, ignored {}; every entry: {}",
        import.losses.count(Category::Loss),
        import.losses.count(Category::Defect),
        import.losses.count(Category::Ignored),
        losses_file.display()
    );
    println!();

    let diagnostics_file = listings.join("import-diagnostics.txt");
    fs::write(&diagnostics_file, listing)
        .map_err(|e| format!("error: cannot write {}: {e}", diagnostics_file.display()))?;
    println!("{}", table("generator diagnostic", &diagnostic_groups(&diagnostics)));
    println!("every diagnostic: {}", diagnostics_file.display());
    println!(
        "time: convert and override {} ms, and write {} ms, validate {} ms",
        converted.as_millis(),
        written.as_millis(),
        validated.as_millis()
    );
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "error: the imported spec has {} generator diagnostic(s), so nothing was written: fix them with an override in {}",
            diagnostics.len(),
            overrides::OVERRIDES_DIR
        ))
    }
}

/// The spec files of a folder, by path relative to it (`api.yaml`,
/// `resources/*.yaml`, `schemas/*.yaml`); `None` when it has none.
fn read_spec_files(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let io = |e: std::io::Error| format!("error: cannot read {}: {e}", dir.display());
    let mut files = BTreeMap::new();
    if dir.join("api.yaml").exists() {
        files.insert("api.yaml".to_owned(), fs::read_to_string(dir.join("api.yaml")).map_err(io)?);
    }
    for sub in ["resources", "schemas"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".yaml") {
                files.insert(format!("{sub}/{name}"), fs::read_to_string(entry.path()).map_err(io)?);
            }
        }
    }
    Ok(files)
}

/// The previous output of the importer in `dir`, if it wrote one.
fn read_previous(dir: &Path) -> Option<BTreeMap<String, String>> {
    dir.join(MARKER).exists().then(|| read_spec_files(dir).ok()).flatten()
}

/// `--check DIR`: fails, naming every differing file, when the folder is
/// not what import + overrides writes.
pub(crate) fn check(dir: &Path, import: &Import) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!("error: {} is not a folder", dir.display()));
    }
    let on_disk = read_spec_files(dir)?;
    let differences = compare(&on_disk, &import.files);
    if differences.is_empty() {
        println!("import --check: {} matches import + overrides ({} files)", dir.display(), import.files.len());
        return Ok(());
    }
    let mut message =
        format!("error: {} does not match import + overrides ({} file(s) differ):\n", dir.display(), differences.len());
    for line in differences.iter().take(50) {
        message.push_str(&format!("  {line}\n"));
    }
    if differences.len() > 50 {
        message.push_str(&format!("  ... and {} more\n", differences.len() - 50));
    }
    message.push_str("  run `cargo xtask import --out DIR` to rewrite it");
    Err(message)
}

/// The files that differ between a folder and the expected files: missing,
/// unexpected or changed, sorted.
pub(crate) fn compare(on_disk: &BTreeMap<String, String>, expected: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in expected {
        match on_disk.get(path) {
            None => out.push(format!("missing: {path}")),
            Some(disk) if disk != text => out.push(format!("differs: {path}")),
            Some(_) => {}
        }
    }
    for path in on_disk.keys().filter(|p| !expected.contains_key(*p)) {
        out.push(format!("unexpected: {path}"));
    }
    out.sort();
    out
}

/// Diagnostic messages grouped by shape, most frequent first.
pub(crate) fn diagnostic_groups(messages: &[String]) -> Vec<(String, usize)> {
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    for message in messages {
        *groups.entry(message_shape(message)).or_default() += 1;
    }
    let mut rows: Vec<(String, usize)> = groups.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// Converts everything in memory.
pub(crate) fn convert_source(source: &Source) -> Import {
    let mut converter = convert::Converter::new(&source.schemas, &source.examples);
    let schemas = converter.convert_all(&source.schemas);
    let mut losses = std::mem::take(&mut converter.losses);
    let mut resources = resources::convert(&source.api_info, &source.doc_scopes, &mut losses);
    // Key counts at a schema's root go on the params that refer to it.
    for param in resources.iter_mut().flat_map(|r| r.actions.iter_mut()).flat_map(|a| a.params.iter_mut()) {
        if let Some(schema) = param.reference.as_ref().and_then(|name| source.schemas.get(name)) {
            (param.min_properties, param.max_properties) = convert::root_key_counts(schema);
        }
    }
    check_global_params(source, &mut losses);
    for name in source.examples.keys().filter(|n| !source.schemas.contains_key(*n)) {
        losses.add("example of a schema that does not exist", "schemas/apiExamples.json#", name);
    }

    let mut docs = BTreeMap::new();
    for resource in &resources {
        docs.insert(format!("resources/{}.yaml", resource.name), resource.to_yaml());
    }
    for schema in &schemas {
        docs.insert(format!("schemas/{}.yaml", schema.name), schema.to_yaml());
    }
    let mut files = BTreeMap::new();
    files.insert("api.yaml".to_owned(), API_YAML.to_owned());
    for (path, doc) in &docs {
        files.insert(path.clone(), format!("{HEADER}{}", yaml::render(doc)));
    }
    Import {
        files,
        docs,
        losses,
        lists: Vec::new(),
        resources: resources.len(),
        actions: resources.iter().map(|r| r.actions.len()).sum(),
        schemas: source.schemas.len(),
        hoisted: schemas.len() - source.schemas.len(),
    }
}

/// Every param of `globalParams.json` must be in api.yaml, where it is and
/// of the type it has there.
fn check_global_params(source: &Source, losses: &mut Losses) {
    for (i, param) in source.global_params.iter().enumerate() {
        let ty = param.ty.as_deref().unwrap_or("any");
        let expected = format!("  - name: {}\n    in: {}\n    type: {ty}\n", param.name, param.location);
        if !API_YAML.contains(&expected) {
            losses.add(
                "global param not in api.yaml as published",
                &format!("globalParams.json#/{i}"),
                format!("{} ({} {ty})", param.name, param.location),
            );
        }
    }
}

/// Writes the spec folder, replacing one the importer wrote before; never a
/// folder it did not write.
fn write(dir: &Path, import: &Import) -> Result<(), String> {
    let io = |e: std::io::Error| format!("error: cannot write the spec to {}: {e}", dir.display());
    if dir.exists() {
        let empty = fs::read_dir(dir).map_err(io)?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(format!(
                "error: {} exists and was not written by `cargo xtask import`; choose another --out",
                dir.display()
            ));
        }
    }
    fs::create_dir_all(dir.join("resources")).map_err(io)?;
    fs::create_dir_all(dir.join("schemas")).map_err(io)?;
    fs::write(dir.join(MARKER), "written by cargo xtask import; the next import replaces this folder's spec files\n")
        .map_err(io)?;
    // Only the spec files are the importer's: a README beside them stays.
    // Files written before are replaced, and those it no longer writes are
    // removed after the new ones are in place.
    let before = read_spec_files(dir)?;
    for (path, text) in &import.files {
        if before.get(path) != Some(text) {
            fs::write(dir.join(path), text).map_err(io)?;
        }
    }
    for path in before.keys().filter(|p| !import.files.contains_key(*p)) {
        fs::remove_file(dir.join(path)).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
