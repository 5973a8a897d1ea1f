//! From the IR to token streams, one per generated file.
//!
//! Each emitter is a plain function of the IR; iteration follows the IR's
//! vectors (spec order), never a hash map, so output is deterministic.

mod docs;
pub(crate) use docs::doc;
mod enums;
mod one_of;
mod resource;
mod root;
mod schema;
mod ty;

use proc_macro2::TokenStream;

use crate::Options;
use crate::ir::Api;

/// A file before printing.
pub(crate) struct EmittedFile {
    pub(crate) path: String,
    /// The `//!` documentation of the module.
    pub(crate) module_doc: String,
    pub(crate) tokens: TokenStream,
}

pub(crate) fn emit(api: &Api, options: &Options) -> Vec<EmittedFile> {
    let cx = Cx { api, options };
    let mut files = vec![root::emit(&cx), schema::emit(&cx)];
    files.extend(api.resources.iter().map(|r| resource::emit(&cx, r)));
    files
}

/// What every emitter needs to see.
pub(crate) struct Cx<'a> {
    pub(crate) api: &'a Api,
    pub(crate) options: &'a Options,
}

impl Cx<'_> {
    /// The path generated code uses to reach the runtime.
    pub(crate) fn runtime(&self) -> TokenStream {
        path_tokens(&self.options.runtime_path)
    }

    /// Whether values of `ty` have a generated `validate` method: structs
    /// that requests use.
    pub(crate) fn validating(&self, ty: &crate::ir::Ty) -> bool {
        let crate::ir::Ty::Object(name) = ty else { return false };
        self.api
            .schemas
            .iter()
            .any(|s| &s.rust_name == name && s.in_requests && matches!(s.kind, crate::ir::SchemaKind::Object(_)))
    }

    /// The path generated code uses to reach the schema types.
    pub(crate) fn types(&self) -> TokenStream {
        path_tokens(&format!("{}::types", self.options.generated_path))
    }
}

/// `crate::runtime` as tokens. The paths come from [`Options`], which the
/// generator's callers write; a path that does not parse is replaced by
/// `crate`, and the generated code then fails to compile with a clear
/// message rather than the generator panicking.
pub(crate) fn path_tokens(path: &str) -> TokenStream {
    path.parse().unwrap_or_else(|_| quote::quote!(crate))
}
