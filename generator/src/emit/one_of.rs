//! One-of types: enums with a variant per alternative and an `Other`
//! variant that keeps a value no alternative takes exactly, with a `From`
//! for each alternative's type so callers pass values directly.
//!
//! Decoding goes through a JSON value and the runtime's `one_of` helpers:
//! the discriminator, when the alternatives have one, names the
//! alternative; otherwise the strictest alternative whose decoded value
//! encodes back to the same JSON wins (the first that put no key into a
//! struct's catch-all of undeclared keys, else the one that put the fewest;
//! a runtime helper, `one_of::strictest`, over one small closure per
//! alternative); otherwise the value is kept as it came. So an alternative
//! that would accept anything (optional fields, a catch-all, open enums)
//! never swallows another's data. Encoding writes the
//! value as it is. Object alternatives are boxed, which keeps the enum small
//! whatever the structs' sizes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{Docs, code, escape};
use super::ty::{Here, ident, stored};
use crate::ir::{OneOfDef, Ty, TypeDef, TypeId};

/// The enum of a type of the table (whose kind is `def`), in module `names`.
pub(crate) fn emit(id: TypeId, ty: &TypeDef, def: &OneOfDef, names: &Here<'_>, d: &Docs) -> TokenStream {
    let cx = names.cx;
    let predicate = super::features::type_predicate(cx, id);
    let gate = super::features::gate_tokens(predicate.as_deref());
    let cfg = super::features::cfg_tokens(predicate.as_deref());
    let serde = super::features::Serde::of(cx, &ty.usage);
    // `Serialize` is derived, with its `#[serde]` attributes; when it
    // exists only with `full-serde`, so do they.
    let serde_attr = |attr: TokenStream| match (&serde.full, serde.serialize) {
        (Some(p), false) => {
            let p: TokenStream = p.parse().unwrap_or_default();
            quote!(#[cfg_attr(#p, serde(#attr))])
        }
        _ => quote!(#[serde(#attr)]),
    };
    let derive_serialize = match (&serde.full, serde.serialize) {
        (Some(p), false) => {
            let p: TokenStream = p.parse().unwrap_or_default();
            quote!(#[derive(Debug, Clone, PartialEq)] #[cfg_attr(#p, derive(serde::Serialize), serde(untagged))])
        }
        _ => quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize)] #[serde(untagged)]),
    };
    let deserialize_gate = serde.gate(serde.deserialize);
    let name = ident(&ty.rust_name);
    let rt = names.runtime();
    let fallback = ident(&def.fallback);
    let description = ty.description.as_deref().map(escape).unwrap_or_else(|| "One of several shapes.".into());
    let how = match &def.discriminator {
        Some(d) => format!(
            "Decoding picks the alternative that the value of {} names, else the strictest alternative \
             that encodes back to the same JSON (the first that keeps no undeclared key, else the one \
             that keeps the fewest), else keeps the value as it came in `{}`; encoding writes the value \
             as it is.",
            code(&d.property),
            def.fallback
        ),
        None => format!(
            "Decoding picks the strictest alternative that encodes back to the same JSON (the first \
             that keeps no undeclared key, else the one that keeps the fewest), else keeps the value as \
             it came in `{}`; encoding writes the value as it is.",
            def.fallback
        ),
    };
    let docs = d.doc(&format!("{description}\n\n{how}"));
    let boxed: Vec<bool> =
        def.variants.iter().map(|v| v.ty.named().is_some_and(|id| cx.api.types.is_struct(id))).collect();
    let variants = def.variants.iter().zip(&boxed).map(|(v, boxed)| {
        let variant = ident(&v.name);
        // Whole numbers as JSON writes them (`2`, not `2.0`).
        let numbers = super::numbers::serialize_with(&v.ty, cx, &rt).map(&serde_attr);
        let ty = stored(&v.ty, names);
        if *boxed { quote!(#numbers #variant(Box<#ty>)) } else { quote!(#numbers #variant(#ty)) }
    });
    let fallback_doc = d.doc("A value that no alternative takes exactly, as it came.");
    // `From` for the first alternative of each type.
    let froms = def.variants.iter().zip(&boxed).enumerate().filter_map(|(i, (v, boxed))| {
        let ty = &v.ty;
        if def.variants[..i].iter().any(|t| stored(&t.ty, names).to_string() == stored(ty, names).to_string()) {
            return None;
        }
        let variant = ident(&v.name);
        let stored = stored(ty, names);
        let wrap = if *boxed { quote!(Box::new(value)) } else { quote!(value) };
        let from_str = matches!(ty, Ty::String).then(|| {
            quote! {
                #cfg
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        #name::#variant(value.to_owned())
                    }
                }
            }
        });
        Some(quote! {
            #cfg
            impl From<#stored> for #name {
                fn from(value: #stored) -> Self {
                    #name::#variant(#wrap)
                }
            }

            #from_str
        })
    });
    let tagged = def.discriminator.as_ref().map(|d| {
        let property = &d.property;
        let arms = def.variants.iter().zip(&d.values).filter(|(_, values)| !values.is_empty()).map(|(v, values)| {
            let variant = ident(&v.name);
            let values = values.iter().map(|v| Literal::string(v));
            quote! {
                Some(#(#values)|*) => {
                    if let Some(decoded) = #rt::__private::one_of::tagged(&value) {
                        return Ok(#name::#variant(decoded));
                    }
                }
            }
        });
        quote! {
            match #rt::__private::one_of::tag(&value, #property) {
                #(#arms)*
                _ => {}
            }
        }
    });
    // Each alternative's fit, wrapped in its variant; the runtime picks the
    // strictest (the first with no key in a catch-all, else the fewest).
    let tries = def.variants.iter().map(|v| {
        let variant = ident(&v.name);
        quote!(|value| #rt::__private::one_of::fit_as(value, #name::#variant))
    });
    let count = Literal::usize_unsuffixed(def.variants.len());
    let checks = def.variants.iter().map(|v| {
        let variant = ident(&v.name);
        match cx.check_expr(&v.ty, quote!(value)) {
            Some(check) => quote!(#name::#variant(value) => #check,),
            None => quote!(#name::#variant(_) => Ok(()),),
        }
    });
    let validate_doc = d.doc(
        "Checks the documented limits of the value, whichever variant it is.\n\n# Errors\n\n\
         A sentence naming the first value out of its limits.",
    );
    let validate = ident(crate::names::reserved::VALIDATE);
    quote! {
        #docs
        #gate
        #derive_serialize
        pub enum #name {
            #(#variants,)*
            #fallback_doc
            #fallback(#rt::serde_json::Value),
        }

        #cfg
        #deserialize_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <#rt::serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #tagged
                let tries: [#rt::__private::one_of::Try<Self>; #count] = [#(#tries),*];
                Ok(#rt::__private::one_of::strictest(&value, &tries).unwrap_or(#name::#fallback(value)))
            }
        }

        #cfg
        impl #name {
            #validate_doc
            pub fn #validate(&self) -> Result<(), String> {
                match self {
                    #(#checks)*
                    #name::#fallback(_) => Ok(()),
                }
            }
        }

        #(#froms)*
    }
}
