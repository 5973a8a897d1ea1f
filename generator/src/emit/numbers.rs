//! Numbers as JSON writes them: a field (or one-of variant) whose type
//! contains a `number` (`f64`) encodes through the runtime's
//! `numbers::serialize`, which writes a whole value as an integer (`2`, as
//! the API's documents and `JSON.stringify` do) where serde would write
//! `2.0`. One shared generic helper rather than code per type; types
//! without numbers keep serde's own encoding.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use crate::ir::{Ty, TypeKind};

/// Whether values of `ty` are or hold `f64`s directly (through arrays,
/// maps, nullables and array or map schemas; structs and one-ofs encode
/// their own numbers).
pub(crate) fn contains_number(ty: &Ty, cx: &Cx<'_>) -> bool {
    contains(ty, cx, 0)
}

fn contains(ty: &Ty, cx: &Cx<'_>, depth: usize) -> bool {
    // Aliases cannot refer to themselves without a struct between; the
    // bound only keeps a malformed table from looping.
    if depth > 32 {
        return false;
    }
    match ty {
        Ty::Number => true,
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => contains(inner, cx, depth + 1),
        Ty::Object(id) => match &cx.ty(*id).kind {
            TypeKind::Alias(inner) => contains(inner, cx, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// `serialize_with = "<runtime>::__private::numbers::serialize"` for a field of type
/// `ty` that contains a number, else nothing.
pub(crate) fn serialize_with(ty: &Ty, cx: &Cx<'_>, runtime: &TokenStream) -> Option<TokenStream> {
    contains_number(ty, cx).then(|| {
        let path = format!("{}::__private::numbers::serialize", runtime.to_string().replace(' ', ""));
        quote!(serialize_with = #path)
    })
}
