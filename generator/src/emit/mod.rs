//! From the IR to token streams, one per generated file.
//!
//! Each emitter is a plain function of the IR; iteration follows the IR's
//! vectors (spec order), never a hash map, so output is deterministic.

mod common;
pub(crate) mod docs;
pub use docs::{CodeBlock, code_blocks};
pub(crate) use docs::{clear_docs, doc_text, splice_docs};
mod enums;
mod numbers;
mod one_of;
pub(crate) mod resource;
mod root;
mod schema;
mod ty;

use proc_macro2::TokenStream;

use crate::Options;
use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, EnumDef, Resource, Schema, SchemaKind, Ty};

/// A file before printing.
pub(crate) struct EmittedFile<'a> {
    pub(crate) path: String,
    /// The `//!` documentation of the module.
    pub(crate) module_doc: String,
    /// The module's items, in chunks of one or a few related items each
    /// (a schema, a request builder), made as they are asked for. The
    /// renderer parses and prints one chunk at a time, so a large module
    /// never exists as one token stream or one syntax tree, and time and
    /// memory stay linear in the size of the API.
    pub(crate) chunks: Box<dyn Iterator<Item = Chunk> + 'a>,
}

/// One or a few related items of a module.
pub(crate) enum Chunk {
    /// Items as tokens, to be parsed and pretty-printed.
    Tokens(TokenStream),
    /// Items already written as formatted text, laid out as prettyplease
    /// would print them (see [`enums`]).
    Text(String),
}

/// A piece of the output to emit and render: a whole file, or a run of the
/// types module's schemas. Pieces are independent of each other, so they
/// are emitted and rendered in parallel; the types module is cut into runs
/// because it alone is about half the work.
#[derive(Debug, Clone)]
pub(crate) enum Job<'a> {
    Root,
    Types(std::ops::Range<usize>),
    Resource(&'a Resource),
}

/// Schemas per piece of the types module: enough that a piece outweighs
/// its scheduling, few enough that pieces spread over the cores.
const SCHEMAS_PER_JOB: usize = 128;

impl<'a> Job<'a> {
    /// Every piece of the API, the types module first (its pieces in
    /// order, so that they join up in order).
    pub(crate) fn all(api: &'a Api) -> Vec<Job<'a>> {
        let count = api.schemas.len();
        let mut jobs: Vec<Job<'a>> = (0..count.div_ceil(SCHEMAS_PER_JOB).max(1))
            .map(|i| Job::Types(i * SCHEMAS_PER_JOB..((i + 1) * SCHEMAS_PER_JOB).min(count)))
            .collect();
        jobs.push(Job::Root);
        jobs.extend(api.resources.iter().map(Job::Resource));
        jobs
    }

    pub(crate) fn emit(&self, cx: &'a Cx<'a>) -> EmittedFile<'a> {
        match self {
            Job::Root => root::emit(cx),
            Job::Types(range) => schema::emit(cx, range.clone()),
            Job::Resource(resource) => resource::emit(cx, resource),
        }
    }
}

/// Every file, in the order of [`Job::all`].
pub(crate) fn emit<'a>(cx: &'a Cx<'a>) -> Vec<EmittedFile<'a>> {
    let mut files: Vec<EmittedFile<'a>> = Vec::new();
    for job in Job::all(cx.api) {
        let file = job.emit(cx);
        match files.last_mut() {
            // The types module's pieces become one file again.
            Some(last) if last.path == file.path => {
                let before = std::mem::replace(&mut last.chunks, Box::new(std::iter::empty()));
                last.chunks = Box::new(before.chain(file.chunks));
            }
            _ => files.push(file),
        }
    }
    files
}

/// What every emitter needs to see, with the lookups emitters make per
/// action indexed once (a scan of every schema per field would make the
/// generator quadratic in the size of the API).
pub(crate) struct Cx<'a> {
    pub(crate) api: &'a Api,
    pub(crate) options: &'a Options,
    by_rust_name: BTreeMap<&'a str, &'a Schema>,
    by_name: BTreeMap<&'a str, &'a Schema>,
    validating: BTreeSet<&'a str>,
    /// Enums of the types module (schemas and their inline enums), by
    /// Rust name.
    schema_enums: BTreeMap<&'a str, &'a EnumDef>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(api: &'a Api, options: &'a Options) -> Self {
        let by_rust_name = api.schemas.iter().map(|s| (s.rust_name.as_str(), s)).collect();
        let by_name = api.schemas.iter().map(|s| (s.name.as_str(), s)).collect();
        // Structs that requests use, and every one-of, have `validate`.
        let mut validating: BTreeSet<&str> =
            api.resources.iter().flat_map(|r| &r.one_ofs).map(|o| o.rust_name.as_str()).collect();
        for s in &api.schemas {
            let own = match &s.kind {
                SchemaKind::Object(_) => s.in_requests,
                SchemaKind::OneOf(_) => true,
                _ => false,
            };
            if own {
                validating.insert(&s.rust_name);
            }
            validating.extend(s.inline_one_ofs.iter().map(|o| o.rust_name.as_str()));
        }
        let mut schema_enums = BTreeMap::new();
        for s in &api.schemas {
            if let SchemaKind::Enum(def) = &s.kind {
                schema_enums.insert(def.rust_name.as_str(), def);
            }
            schema_enums.extend(s.inline_enums.iter().map(|e| (e.rust_name.as_str(), e)));
        }
        Cx { api, options, by_rust_name, by_name, validating, schema_enums }
    }

    /// The schema with this Rust type name.
    pub(crate) fn schema(&self, rust_name: &str) -> Option<&'a Schema> {
        self.by_rust_name.get(rust_name).copied()
    }

    /// The enum of the types module with this Rust name.
    pub(crate) fn schema_enum(&self, rust_name: &str) -> Option<&'a EnumDef> {
        self.schema_enums.get(rust_name).copied()
    }

    /// The schema with this documented name.
    pub(crate) fn schema_named(&self, name: &str) -> Option<&'a Schema> {
        self.by_name.get(name).copied()
    }

    /// The path generated code uses to reach the runtime.
    pub(crate) fn runtime(&self) -> TokenStream {
        path_tokens(&self.options.runtime_path)
    }

    /// An expression of type `Result<(), String>` that checks the documented
    /// limits of `value` (a reference to a value of type `ty`), or `None`
    /// when the type has nothing to check. Structs that requests use and
    /// one-of types have a generated `validate` method; arrays and maps of
    /// them check each item, naming its index or key.
    pub(crate) fn check_expr(&self, ty: &Ty, value: TokenStream) -> Option<TokenStream> {
        let rt = self.runtime();
        match ty {
            Ty::Object(name) if self.has_validate(name) => Some(quote::quote!(#value.validate())),
            Ty::Array(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::limits::each(#value, |item| #check)))
            }
            Ty::Map(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::limits::each_value(#value, |item| #check)))
            }
            Ty::Nullable(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::Nullable::as_ref(#value).map_or(Ok(()), |item| #check)))
            }
            _ => None,
        }
    }

    /// Whether the named type has a generated `validate` method.
    pub(crate) fn has_validate(&self, name: &str) -> bool {
        self.validating.contains(name)
    }

    /// The path of the schema types module, as text (for doc links).
    pub(crate) fn types_path(&self) -> String {
        format!("{}::types", self.options.generated_path)
    }

    /// The path generated code uses to reach the schema types.
    pub(crate) fn types(&self) -> TokenStream {
        path_tokens(&self.types_path())
    }

    /// The generated `Error` type, which every `send` returns.
    pub(crate) fn error(&self) -> TokenStream {
        path_tokens(&format!("{}::Error", self.options.generated_path))
    }
}

/// `crate::runtime` as tokens. The paths come from [`Options`], which the
/// generator's callers write; a path that does not parse is replaced by
/// `crate`, and the generated code then fails to compile with a clear
/// message rather than the generator panicking.
pub(crate) fn path_tokens(path: &str) -> TokenStream {
    path.parse().unwrap_or_else(|_| quote::quote!(crate))
}
