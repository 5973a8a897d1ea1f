//! Turns a YAML spec of documented REST API actions into Rust source for a
//! typed client.
//!
//! The pipeline is `source -> parse -> validate -> emit -> render`:
//!
//! - [`source`] reads the spec folder into memory with normalized newlines;
//! - `parse` deserializes each file into the raw [`spec`] model, keeping the
//!   position of every value a later check may point at;
//! - `validate` checks the model and lowers it into the [`ir`], reporting
//!   every problem as a [`Diagnostic`] with file, line and column;
//! - `emit` builds token streams with `quote`, and `render` prints them with
//!   `prettyplease`.
//!
//! The generator knows nothing about any particular API: base URL, version
//! header, auth and global params all come from the spec. Output is a pure
//! function of the spec text, so the same spec gives the same bytes.

pub mod build;
pub mod diagnostic;
mod emit;
pub mod ir;
mod markdown;
pub mod names;
mod openapi;
mod parallel;
mod parse;
mod place;
mod render;
pub mod source;
pub mod spec;
mod surface;
mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Position};
#[doc(hidden)]
pub use emit::{CodeBlock, code_blocks};
pub use render::{BUILD_HEADER, HEADER};
pub use source::{DEFAULT_MAX_YAML_NODES, FileKind, LoadError, SourceFile, SpecSources};
pub use surface::SURFACE_FILE;

/// A generated file: a path relative to the output folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// How generated code reaches the rest of the crate it lives in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The path doctests use to reach the generated root: the crate name
    /// (`losant_rest`), or a module of it (`my_crate::api`) when the
    /// generated code is included there.
    pub crate_name: String,
    /// The path of the hand-written runtime (`crate::runtime`).
    pub runtime_path: String,
    /// The path of the generated modules' root (`crate`), where the types
    /// module lives.
    pub generated_path: String,
    /// How the output is laid out.
    pub layout: Layout,
    /// The client crate's cargo feature that turns on blocking calls
    /// (`send_blocking`, `pages_blocking`), which forwards to the runtime's
    /// `blocking` feature; `None` generates none.
    pub blocking_feature: Option<String>,
    /// The client crate's cargo feature that turns on streams of
    /// server-sent events (the `events` method of `stream: sse` actions),
    /// which forwards to the runtime's `sse` feature. A spec with such an
    /// action and no feature here is an error that names this option.
    pub sse_feature: Option<String>,
    /// The client crate's cargo feature that turns on actions with
    /// multipart params (file uploads), which forwards to the runtime's
    /// `multipart` feature: their methods and request builders exist only
    /// with it. A spec with such an action and no feature here is an error
    /// that names this option.
    pub multipart_feature: Option<String>,
    /// The client crate's cargo feature that turns on every group of
    /// resources (`groups:` of `api.yaml`); types that no action reaches
    /// exist only with it. A spec with groups and no feature here is an
    /// error that names this option.
    pub full_feature: Option<String>,
    /// The client crate's cargo feature that derives both `Serialize` and
    /// `Deserialize` for every schema type. Without it a type has only the
    /// derives of the directions it travels in (`Serialize` when a request
    /// carries it, `Deserialize` when a response does); `None` derives both
    /// everywhere, as a client without such a feature needs.
    pub full_serde_feature: Option<String>,
    /// The client crate's cargo feature that turns on typed mocks: the
    /// `mock` module, one function per action that makes its mock rule,
    /// which forwards to the runtime's `mock` feature and needs both serde
    /// derives on every response type (the `full_serde_feature`, when
    /// there is one). `None` generates no `mock` module.
    pub mocks_feature: Option<String>,
}

/// How generated code is laid out in files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `mod.rs`, `types.rs` and one file per resource, for a folder that is
    /// checked in (what `cargo xtask codegen` writes).
    Modules,
    /// One file with inline modules, named as given, for a build script that
    /// writes to `OUT_DIR` and a crate that `include!`s it.
    SingleFile(String),
}

/// Generates the Markdown docs of a spec, one file per resource and
/// `_schemas.md`, in the format of Losant's own action docs.
///
/// # Errors
///
/// Every problem of the spec, as [`Diagnostics`].
pub fn generate_docs(sources: &SpecSources, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let api = check(sources)?;
    let cx = emit::Cx::new(&api, options);
    let mut files = markdown::render(&cx);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The spec as an OpenAPI 3.1 document (JSON).
///
/// # Errors
///
/// Every problem of the spec, as [`Diagnostics`].
pub fn openapi(sources: &SpecSources) -> Result<serde_json::Value, Diagnostics> {
    check(sources).map(|api| openapi::document(&api))
}

/// The spec as an OpenAPI 3.0 document, for tools that do not read 3.1.
///
/// # Errors
///
/// Every problem of the spec, as [`Diagnostics`].
pub fn openapi_3_0(sources: &SpecSources) -> Result<serde_json::Value, Diagnostics> {
    openapi(sources).map(openapi::downgrade_to_3_0)
}

/// Times the stages of [`generate`] (parse and validate, emit, syntax tree,
/// print), for the benchmark's account of what dominates.
#[doc(hidden)]
pub fn profile(sources: &SpecSources, options: &Options) -> Vec<(&'static str, std::time::Duration)> {
    let started = std::time::Instant::now();
    let Ok(api) = check(sources) else { return Vec::new() };
    let checked = started.elapsed();
    let cx = emit::Cx::new(&api, options);
    let started = std::time::Instant::now();
    let emitted: Vec<(String, Vec<emit::Chunk>)> =
        emit::emit(&cx).into_iter().map(|f| (f.path, f.chunks.collect())).collect();
    let emitting = started.elapsed();
    let started = std::time::Instant::now();
    // Text chunks are already formatted; only token chunks become trees.
    let trees: Vec<syn::File> = emitted
        .into_iter()
        .flat_map(|(path, chunks)| {
            chunks.into_iter().filter_map(move |chunk| match chunk {
                emit::Chunk::Tokens(tokens, _) => render::parse_chunk(tokens, &path).ok(),
                emit::Chunk::Text(_) => None,
            })
        })
        .collect();
    let parsing = started.elapsed();
    let started = std::time::Instant::now();
    let printed: usize = trees.iter().map(|t| prettyplease::unparse(t).len()).sum();
    std::hint::black_box(printed);
    let printing = started.elapsed();
    vec![("parse and validate", checked), ("emit", emitting), ("syntax tree", parsing), ("print", printing)]
}

/// Parses every file of a spec and does nothing else; returns the number of
/// problems. The floor the generator is measured against in benchmarks.
#[doc(hidden)]
pub fn parse_only(sources: &SpecSources) -> usize {
    let mut diags = Vec::new();
    let parsed = parse::parse(sources, &mut diags);
    std::hint::black_box(&parsed);
    diags.len()
}

/// Validates a spec and lowers it into the IR, without generating code.
pub fn check(sources: &SpecSources) -> Result<ir::Api, Diagnostics> {
    let mut diags = Vec::new();
    let parsed = parse::parse(sources, &mut diags);
    let api = validate::validate(&parsed, &mut diags);
    match api {
        Some(api) if diags.is_empty() => Ok(api),
        _ => Err(Diagnostics::new(diags)),
    }
}

/// What the spec needs of the client crate's features: a spec with a
/// `stream: sse` action needs [`Options::sse_feature`], one with multipart
/// params [`Options::multipart_feature`].
fn check_features(sources: &SpecSources, api: &ir::Api, options: &Options) -> Result<(), Diagnostics> {
    let mut diags = Vec::new();
    // (the option's value, which actions need it, what they do, the option,
    // the runtime's feature)
    type Need<'a> = (&'a Option<String>, fn(&ir::Action) -> bool, &'a str, &'a str, &'a str);
    let needs: [Need<'_>; 2] = [
        (&options.sse_feature, |a| a.stream.is_some(), "streams server-sent events", "sse_feature", "sse"),
        (
            &options.multipart_feature,
            ir::Action::is_multipart,
            "sends a multipart body",
            "multipart_feature",
            "multipart",
        ),
    ];
    for (feature, uses, what, option, runtime_feature) in needs {
        if feature.is_some() {
            continue;
        }
        for resource in &api.resources {
            let Some(action) = resource.actions.iter().find(|a| uses(a)) else { continue };
            let file = sources
                .files()
                .iter()
                .find(|f| f.kind == FileKind::Resource && f.display_path.ends_with(&format!("/{}.yaml", resource.name)))
                .map_or_else(|| format!("resources/{}.yaml", resource.name), |f| f.display_path.clone());
            diags.push(
                Diagnostic::new(
                    &file,
                    None,
                    format!(
                        "action `{}` {what}, which needs a cargo feature of the client crate, and \
                         `Options::{option}` names none",
                        action.id
                    ),
                )
                .with_hint(format!(
                    "set `{option}` (e.g. `Some(\"{runtime_feature}\".into())`) and declare that feature in the \
                     client crate as `{runtime_feature} = [\"restspec-runtime/{runtime_feature}\"]`"
                )),
            );
        }
    }
    check_group_features(sources, api, options, &mut diags);
    if diags.is_empty() { Ok(()) } else { Err(Diagnostics::new(diags)) }
}

/// Where the test dispatcher ([`generate_dispatch`]) goes and how it reaches
/// the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispatchOptions {
    /// The file name of the module (`dispatch.rs`).
    pub file_name: String,
    /// The public path of the runtime from outside the client crate
    /// (`my_client::runtime`): the dispatcher names `FilePart`, `Nullable`,
    /// `Secret` and the event-stream types by it.
    pub runtime_path: String,
}

/// Generates the test dispatcher of a client: one module, for the client
/// crate's tests, with an async `call(client, id, args)` that calls any
/// action by its id with its params as JSON (by wire name), and tables of
/// each action's documented params, success statuses (with examples) and
/// error statuses. Types are named by their public paths from
/// [`Options::crate_name`]; the module needs the client's optional features.
///
/// # Errors
///
/// Every problem of the spec, as [`Diagnostics`]; a failure to print the
/// emitted code (a generator bug) as a diagnostic on the API file.
pub fn generate_dispatch(
    sources: &SpecSources,
    options: &Options,
    dispatch: &DispatchOptions,
) -> Result<GeneratedFile, Diagnostics> {
    let api = check(sources)?;
    let cx = emit::Cx::new(&api, options);
    let target = emit::dispatch::Target { runtime: &dispatch.runtime_path, file: &dispatch.file_name };
    render::render_body(emit::dispatch::emit(&cx, &target)).map(|piece| render::finish(piece, &api)).map_err(
        |message| {
            let api_file = sources.files().first().map(|f| f.display_path.clone()).unwrap_or_default();
            Diagnostics::new(vec![
                Diagnostic::new(&api_file, None, message)
                    .with_hint("this is a bug in the generator; please report it with the spec"),
            ])
        },
    )
}

/// A spec with groups needs [`Options::full_feature`], and no group may
/// take the name of a feature the options name.
fn check_group_features(sources: &SpecSources, api: &ir::Api, options: &Options, diags: &mut Vec<Diagnostic>) {
    if api.groups.is_empty() {
        return;
    }
    let file = sources
        .files()
        .iter()
        .find(|f| f.kind == FileKind::Api)
        .map_or_else(|| "api.yaml".to_owned(), |f| f.display_path.clone());
    if options.full_feature.is_none() {
        diags.push(
            Diagnostic::new(
                &file,
                None,
                "the spec has `groups`, whose types no action reaches exist only with a feature of all \
                 groups, and `Options::full_feature` names none",
            )
            .with_hint(
                "set `full_feature` (e.g. `Some(\"full\".into())`) and declare that feature in the client \
                        crate as the list of every group",
            ),
        );
    }
    let taken = [
        &options.blocking_feature,
        &options.sse_feature,
        &options.multipart_feature,
        &options.full_feature,
        &options.full_serde_feature,
        &options.mocks_feature,
    ];
    for group in &api.groups {
        if taken.iter().any(|f| f.as_deref() == Some(group.name.as_str())) {
            diags.push(
                Diagnostic::new(
                    &file,
                    None,
                    format!("the group `{}` has the name of a feature the client crate declares itself", group.name),
                )
                .with_hint("rename the group"),
            );
        }
    }
}

/// Generates the client modules for a spec: `mod.rs`, `types.rs`, one file
/// per resource and the [`SURFACE_FILE`] listing, sorted by path.
///
/// # Errors
///
/// Every problem of the spec, as [`Diagnostics`]. A failure to print the
/// emitted code is a bug of the generator; it is reported as a diagnostic on
/// the API file rather than a panic.
pub fn generate(sources: &SpecSources, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let api = check(sources)?;
    check_features(sources, &api, options)?;
    let cx = emit::Cx::new(&api, options);
    let rendered = match &options.layout {
        Layout::Modules => {
            let jobs = emit::Job::all(&cx);
            // Each job emits and renders its own file (or piece).
            parallel::map(&jobs, |job| render::render_body(job.emit(&cx)))
                .into_iter()
                .collect::<Result<Vec<_>, _>>()
                .map(|pieces| render::join(pieces).into_iter().map(|piece| render::finish(piece, &api)).collect())
        }
        Layout::SingleFile(name) => render::render_single(emit::emit(&cx), &api, name).map(|file| vec![file]),
    };
    let mut files = match rendered {
        Ok(files) => files,
        Err(message) => {
            let api_file = sources.files().first().map(|f| f.display_path.clone()).unwrap_or_default();
            return Err(Diagnostics::new(vec![
                Diagnostic::new(&api_file, None, message)
                    .with_hint("this is a bug in the generator; please report it with the spec"),
            ]));
        }
    };
    let header = if options.layout == Layout::Modules { HEADER } else { BUILD_HEADER };
    files.push(GeneratedFile { path: SURFACE_FILE.into(), contents: surface::render(&api, header) });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
