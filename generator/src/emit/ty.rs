//! Rust types for IR types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::Ty;

/// Resolves named types to paths: a resource module's own enums are local,
/// schema types live in the types module.
pub(crate) trait NameResolver {
    fn named(&self, name: &str) -> TokenStream;
    fn runtime(&self) -> TokenStream;
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The type a value is stored in.
pub(crate) fn stored(ty: &Ty, names: &dyn NameResolver) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Secret => {
            let rt = names.runtime();
            quote!(#rt::Secret)
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
        Ty::Object(name) | Ty::Enum(name) => names.named(name),
        Ty::Nullable(inner) => {
            let rt = names.runtime();
            let inner = stored(inner, names);
            quote!(#rt::Nullable<#inner>)
        }
    }
}

/// The parameter type of a setter or constructor argument, and the
/// expression that turns the argument `arg` into the stored type.
/// Setters take `impl Into<_>` so callers can pass `&str`, integers of any
/// width and arrays of string literals without conversions.
pub(crate) fn accepted(ty: &Ty, names: &dyn NameResolver, arg: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        Ty::Boolean => (quote!(bool), quote!(#arg)),
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
