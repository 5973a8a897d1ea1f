//! Rust types for IR types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Cx;
use crate::ir::{Ty, TypeId};
use crate::place::{Item, Module};

/// The module code is written in: named types are reached from it by the
/// path [`crate::place`] gives.
#[derive(Clone, Copy)]
pub(crate) struct Here<'a> {
    pub(crate) cx: &'a Cx<'a>,
    pub(crate) module: Module,
}

impl Here<'_> {
    /// The path of a named type from this module.
    pub(crate) fn named(&self, id: TypeId) -> TokenStream {
        super::path_tokens(&self.cx.place.path(Item::Type(id), self.module))
    }

    /// The path of the runtime.
    pub(crate) fn runtime(&self) -> TokenStream {
        self.cx.runtime()
    }
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The type a value is stored in.
pub(crate) fn stored(ty: &Ty, names: &Here<'_>) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Secret => {
            let rt = names.runtime();
            quote!(#rt::Secret)
        }
        Ty::DateTime => {
            let rt = names.runtime();
            quote!(#rt::DateTime)
        }
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Any => {
            let rt = names.runtime();
            quote!(#rt::serde_json::Value)
        }
        Ty::File => {
            let rt = names.runtime();
            quote!(#rt::FilePart)
        }
        Ty::Array(item) => {
            let item = stored(item, names);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = stored(value, names);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        Ty::Object(id) | Ty::Enum(id) => names.named(*id),
        Ty::Nullable(inner) => {
            let rt = names.runtime();
            let inner = stored(inner, names);
            quote!(#rt::Nullable<#inner>)
        }
    }
}

/// The parameter type of a setter or constructor argument, and the
/// expression that turns the argument `arg` into the stored type.
/// Setters take `impl Into<_>` so callers can pass `&str` and arrays of
/// string literals without conversions; integers (and arrays of them) are
/// taken as `i64` by value, because a generic bound makes an unsuffixed
/// literal an `i32` (`.start(1465790400000)` would not compile).
pub(crate) fn accepted(ty: &Ty, names: &Here<'_>, arg: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        Ty::Boolean => (quote!(bool), quote!(#arg)),
        Ty::Integer => (quote!(i64), quote!(#arg)),
        Ty::Array(item) if **item == Ty::Integer => {
            (quote!(impl IntoIterator<Item = i64>), quote!(#arg.into_iter().collect()))
        }
        Ty::Array(item) => {
            let item = stored(item, names);
            (quote!(impl IntoIterator<Item = impl Into<#item>>), quote!(#arg.into_iter().map(Into::into).collect()))
        }
        Ty::Map(value) => {
            let value = stored(value, names);
            (
                quote!(impl IntoIterator<Item = (impl Into<String>, impl Into<#value>)>),
                quote!(#arg.into_iter().map(|(k, v)| (k.into(), v.into())).collect()),
            )
        }
        other => {
            let stored = stored(other, names);
            (quote!(impl Into<#stored>), quote!(#arg.into()))
        }
    }
}

/// Runs `statements` with `value` bound to `&self.<field>`: directly when
/// the field always has a value, inside `if let Some(value)` when it is an
/// `Option`.
pub(crate) fn with_field(field: &Ident, always: bool, statements: TokenStream) -> TokenStream {
    if always {
        quote! {
            let value = &self.#field;
            #statements
        }
    } else {
        quote! {
            if let Some(value) = &self.#field {
                #statements
            }
        }
    }
}
