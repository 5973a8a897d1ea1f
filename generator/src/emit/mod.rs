//! From the IR to token streams, one per generated file.
//!
//! Each emitter is a plain function of the IR; iteration follows the IR's
//! vectors (spec order), never a hash map, so output is deterministic.

mod common;
mod decode;
pub(crate) mod dispatch;
pub(crate) mod docs;
pub use docs::{CodeBlock, code_blocks};
pub(crate) use docs::{Docs, doc_text, splice_docs};
mod enums;
mod errors;
pub(crate) mod features;
pub(crate) mod layout;
mod mocks;
mod numbers;
mod one_of;
pub(crate) mod resource;
mod root;
mod schema;
mod ty;

use proc_macro2::TokenStream;

use crate::Options;
use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Schema, Ty, TypeDef, TypeId, TypeKind};
use crate::place::{Module, Placement};

/// A file before printing.
pub(crate) struct EmittedFile<'a> {
    pub(crate) path: String,
    /// The `//!` documentation of the module.
    pub(crate) module_doc: String,
    /// The `cfg` predicate the module is declared under (a resource of a
    /// group: its feature), if any.
    pub(crate) gate: Option<String>,
    /// The module's items, in chunks of one or a few related items each
    /// (a schema, a request builder), made as they are asked for. The
    /// renderer parses and prints one chunk at a time, so a large module
    /// never exists as one token stream or one syntax tree, and time and
    /// memory stay linear in the size of the API.
    pub(crate) chunks: Box<dyn Iterator<Item = Chunk> + 'a>,
}

/// One or a few related items of a module.
pub(crate) enum Chunk {
    /// Items as tokens, to be parsed and pretty-printed, with the doc texts
    /// their placeholders stand for ([`Docs`]).
    Tokens(TokenStream, Vec<String>),
    /// Items already written as formatted text, laid out as prettyplease
    /// would print them (see [`enums`]).
    Text(String),
}

/// A piece of the output to emit and render: a whole file, or a run of the
/// types module's schemas. Pieces are independent of each other, so they
/// are emitted and rendered in parallel; the types module is cut into runs
/// because it alone is about half the work.
#[derive(Debug, Clone)]
pub(crate) enum Job {
    Root,
    /// The types module's types at these positions of its list.
    Types(std::ops::Range<usize>),
    /// A resource's module, by index.
    Resource(usize),
    /// The typed mock rules (when the options name their feature).
    Mock,
}

/// Types per piece of the types module: enough that a piece outweighs its
/// scheduling, few enough that pieces spread over the cores.
const TYPES_PER_JOB: usize = 128;

impl Job {
    /// Every piece of the API, the types module first (its pieces in
    /// order, so that they join up in order).
    pub(crate) fn all(cx: &Cx<'_>) -> Vec<Job> {
        let count = cx.place.types_in(Module::Types).len();
        let mut jobs: Vec<Job> = (0..count.div_ceil(TYPES_PER_JOB).max(1))
            .map(|i| Job::Types(i * TYPES_PER_JOB..((i + 1) * TYPES_PER_JOB).min(count)))
            .collect();
        jobs.push(Job::Root);
        jobs.extend((0..cx.api.resources.len()).map(Job::Resource));
        if cx.options.mocks_feature.is_some() {
            jobs.push(Job::Mock);
        }
        jobs
    }

    pub(crate) fn emit<'a>(&self, cx: &'a Cx<'a>) -> EmittedFile<'a> {
        match self {
            Job::Root => root::emit(cx),
            Job::Types(range) => schema::emit(cx, range.clone()),
            Job::Resource(index) => resource::emit(cx, *index),
            Job::Mock => mocks::emit(cx).unwrap_or_else(|| EmittedFile {
                path: String::new(),
                module_doc: String::new(),
                gate: None,
                chunks: Box::new(std::iter::empty()),
            }),
        }
    }
}

impl Chunk {
    /// A chunk of tokens and the doc texts registered while building them.
    pub(crate) fn tokens(tokens: TokenStream, docs: Docs) -> Chunk {
        Chunk::Tokens(tokens, docs.into_texts())
    }
}

/// Every file, in the order of [`Job::all`].
pub(crate) fn emit<'a>(cx: &'a Cx<'a>) -> Vec<EmittedFile<'a>> {
    let mut files: Vec<EmittedFile<'a>> = Vec::new();
    for job in Job::all(cx) {
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
    /// Where every item lives and how it is reached.
    pub(crate) place: Placement<'a>,
    by_name: BTreeMap<&'a str, &'a Schema>,
    validating: BTreeSet<TypeId>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(api: &'a Api, options: &'a Options) -> Self {
        let by_name = api.schemas.iter().map(|s| (s.name.as_str(), s)).collect();
        // Structs that requests use, and every one-of, have `validate`.
        let mut validating: BTreeSet<TypeId> =
            api.schemas.iter().filter(|s| s.in_requests && api.types.is_struct(s.id)).map(|s| s.id).collect();
        validating.extend(api.types.iter().filter(|(_, d)| matches!(d.kind, TypeKind::OneOf(_))).map(|(id, _)| id));
        let place = Placement::new(api, &options.generated_path, &options.crate_name);
        Cx { api, options, place, by_name, validating }
    }

    /// A named type.
    pub(crate) fn ty(&self, id: TypeId) -> &'a TypeDef {
        self.api.types.get(id)
    }

    /// The documented schema a type is, if it is one.
    pub(crate) fn schema_of(&self, id: TypeId) -> Option<&'a Schema> {
        self.ty(id).schema.and_then(|s| self.api.schemas.get(s))
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
            Ty::Object(id) if self.has_validate(*id) => Some(quote::quote!(#value.validate())),
            Ty::Array(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::__private::limits::each(#value, |item| #check)))
            }
            Ty::Map(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::__private::limits::each_value(#value, |item| #check)))
            }
            Ty::Nullable(inner) => {
                let check = self.check_expr(inner, quote::quote!(item))?;
                Some(quote::quote!(#rt::Nullable::as_ref(#value).map_or(Ok(()), |item| #check)))
            }
            _ => None,
        }
    }

    /// Whether the named type has a generated `validate` method.
    pub(crate) fn has_validate(&self, id: TypeId) -> bool {
        self.validating.contains(&id)
    }

    /// The generated `Error` type, which every `send` returns.
    pub(crate) fn error(&self) -> TokenStream {
        path_tokens(&format!("{}::Error", self.options.generated_path))
    }

    /// The generated root's `ErrorBody`, the API's error schema.
    pub(crate) fn error_body(&self) -> TokenStream {
        path_tokens(&format!("{}::ErrorBody", self.options.generated_path))
    }
}

/// `crate::runtime` as tokens. The paths come from [`Options`], which the
/// generator's callers write; a path that does not parse is replaced by
/// `crate`, and the generated code then fails to compile with a clear
/// message rather than the generator panicking.
pub(crate) fn path_tokens(path: &str) -> TokenStream {
    path.parse().unwrap_or_else(|_| quote::quote!(crate))
}
