//! One-of types: untagged enums whose variants are tried in order when
//! decoding, with a `From` for each variant's type so callers pass values
//! directly.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::docs::{doc, escape};
use super::ty::{NameResolver, ident, stored};
use crate::ir::{OneOfDef, Ty};

pub(crate) fn emit(def: &OneOfDef, names: &dyn NameResolver, cx: &Cx<'_>) -> TokenStream {
    let name = ident(&def.rust_name);
    let description = def.description.as_deref().map(escape).unwrap_or_else(|| "One of several shapes.".into());
    let docs =
        doc(&format!("{description}\n\nDecoding tries the variants in order; encoding writes the value as it is."));
    let variants = def.variants.iter().map(|(variant, ty)| {
        let variant = ident(variant);
        let ty = stored(ty, names);
        quote!(#variant(#ty))
    });
    let froms = def.variants.iter().map(|(variant, ty)| {
        let variant = ident(variant);
        let stored = stored(ty, names);
        let from_str = (*ty == Ty::String).then(|| {
            quote! {
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        #name::#variant(value.to_owned())
                    }
                }
            }
        });
        quote! {
            impl From<#stored> for #name {
                fn from(value: #stored) -> Self {
                    #name::#variant(value)
                }
            }

            #from_str
        }
    });
    let checks = def.variants.iter().map(|(variant, ty)| {
        let variant = ident(variant);
        match cx.check_expr(ty, quote!(value)) {
            Some(check) => quote!(#name::#variant(value) => #check,),
            None => quote!(#name::#variant(_) => Ok(()),),
        }
    });
    let validate_doc = doc("Checks the documented limits of the value, whichever variant it is.\n\n# Errors\n\n\
         A sentence naming the first value out of its limits.");
    let validate = ident(crate::names::reserved::VALIDATE);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants,)*
        }

        impl #name {
            #validate_doc
            pub fn #validate(&self) -> Result<(), String> {
                match self {
                    #(#checks)*
                }
            }
        }

        #(#froms)*
    }
}
