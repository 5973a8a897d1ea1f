//! Error responses whose body has a schema other than the API's error schema.
//!
//! Every error body decodes into the API's error schema (`ErrorBody`); a
//! status documented with another schema is also decoded into that one by
//! the runtime, which learns of it as data: each action's `ActionInfo`
//! lists its statuses with such a schema, by documented name
//! (`with_error_statuses`), and the `API` static lists once how each of
//! those schemas decodes (`with_error_schemas`). A spec whose error
//! responses all use the error schema gets neither call, so its output is
//! the same as before per-status error schemas existed.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use crate::ir::{Action, Response, Schema};
use crate::place::{Item, Module};

/// The schema of an error response, when it is one other than the API's
/// error schema.
pub(crate) fn own_schema<'a>(cx: &Cx<'a>, response: &Response) -> Option<&'a Schema> {
    let schema = cx.schema_named(response.schema.as_deref()?)?;
    (schema.id != cx.api.error_type).then_some(schema)
}

/// `.with_error_statuses(&[(422, "name"), ...])` for the action's `INFO`,
/// or nothing when every error status has the API's error schema.
pub(crate) fn action_statuses(cx: &Cx<'_>, action: &Action) -> Option<TokenStream> {
    let statuses: Vec<TokenStream> = action
        .errors
        .iter()
        .filter_map(|r| {
            let name = &own_schema(cx, r)?.name;
            let code = proc_macro2::Literal::u16_unsuffixed(r.code);
            Some(quote!((#code, #name)))
        })
        .collect();
    (!statuses.is_empty()).then(|| quote!(.with_error_statuses(&[#(#statuses),*])))
}

/// `.with_error_schemas(&[ErrorSchema::of::<types::T>("name"), ...])` for
/// the `API` static: every schema some action names for an error status,
/// once, in the order of the schema list (sorted by file name); nothing when
/// there is none.
pub(crate) fn api_schemas(cx: &Cx<'_>) -> Option<TokenStream> {
    let rt = cx.runtime();
    let used: std::collections::BTreeSet<&str> = cx
        .api
        .resources
        .iter()
        .flat_map(|r| &r.actions)
        .flat_map(|a| &a.errors)
        .filter_map(|r| own_schema(cx, r))
        .map(|s| s.name.as_str())
        .collect();
    let schemas: Vec<TokenStream> = cx
        .api
        .schemas
        .iter()
        .filter(|s| used.contains(s.name.as_str()))
        .map(|s| {
            let name = &s.name;
            let ty = super::path_tokens(&cx.place.path(Item::Type(s.id), Module::Root));
            quote!(#rt::ErrorSchema::of::<#ty>(#name))
        })
        .collect();
    (!schemas.is_empty()).then(|| quote!(.with_error_schemas(&[#(#schemas),*])))
}
