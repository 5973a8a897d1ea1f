//! The `Deserialize` impl of a schema's struct, written rather than
//! derived.
//!
//! serde's derive writes, per struct, a field enum with a visitor of its
//! own, matchers of strings and bytes, a visitor of sequences, a wrapper
//! type per `deserialize_with` field and buffering for `flatten`. With a few
//! hundred response types that was about half of compiling a client (the
//! benchmarks say how much). This impl is one visitor with one match arm
//! per property; what every struct needs alike (reading keys, refusing a
//! key twice, a missing required property, the catch-all) is the runtime's
//! `__private::de`.
//!
//! It decodes what the derive decoded, the same way: properties by their
//! wire names; an optional property absent or `null` as `None`, except a
//! nullable one, whose `null` is `Some(Nullable::Null)`; a required one
//! absent as the error `missing field`, except a nullable one, which is
//! then `Nullable::Null` (serde's leniency for `Option`-like types); a key twice as `duplicate field`;
//! the keys no property takes into the catch-all (or the flattened map), or
//! ignored by a type without one; anything but an object as `invalid type
//! ..., expected struct Name`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ty::ident;
use crate::ir::Field;

/// How the keys no property takes are kept.
pub(crate) enum Rest {
    /// Ignored (a type with neither catch-all nor map of other keys).
    Ignored,
    /// Into the response catch-all, `field` (the runtime's `OtherKeys`).
    CatchAll,
    /// Into `field`, a typed map (a schema's `additionalProperties`).
    Map,
}

/// `impl Deserialize for name`, behind `gates` (the type's and the serde
/// direction's `#[cfg]`s). `fields` are the struct's, in declaration
/// order; `rest` says what the flattened field, if any, is.
pub(crate) fn impl_deserialize(
    name: &proc_macro2::Ident,
    fields: &[Field],
    rest: &Rest,
    runtime: &TokenStream,
    gates: &TokenStream,
) -> TokenStream {
    // Short paths keep each arm on one printed line.
    let de = quote!(de);
    // Locals are numbered, so no property name can collide with the
    // visitor's own (`map`, `key`, `seen`).
    let declared: Vec<(usize, &Field)> = fields.iter().filter(|f| !f.flatten).enumerate().collect();
    let local = |i: usize| format_ident!("field{i}");
    let count = declared.len();
    let locals = declared.iter().map(|(i, _)| {
        let local = local(*i);
        quote!(let mut #local = None;)
    });
    let arms = declared.iter().map(|(i, f)| {
        let (local, wire, index) = (local(*i), &f.wire_name, proc_macro2::Literal::usize_unsuffixed(*i));
        let value = quote!(#de::value(&mut map, &mut seen[#index], #wire)?);
        // An optional field's type is an `Option`, which decodes `null` as
        // `None`; a required or nullable one is wrapped in `Some` here.
        if !f.required && !f.ty.is_nullable() {
            quote!(#wire => #local = #value,)
        } else {
            quote!(#wire => #local = Some(#value),)
        }
    });
    let flattened = fields.iter().find(|f| f.flatten);
    let (rest_local, other) = match (rest, flattened) {
        (Rest::CatchAll | Rest::Map, Some(_)) => (
            Some(quote!(let mut rest = std::collections::BTreeMap::new();)),
            quote!(rest.insert(key.into_owned(), serde::de::MapAccess::next_value(&mut map)?);),
        ),
        _ => (None, quote!(serde::de::MapAccess::next_value::<serde::de::IgnoredAny>(&mut map)?;)),
    };
    // A struct without properties has nothing to match a key against, and
    // one that ignores other keys then has no use for the key.
    let key = if count == 0 && rest_local.is_none() { quote!(_key) } else { quote!(key) };
    let body = if count == 0 {
        quote!(#other)
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => {
                    #other
                }
            }
        }
    };
    let mut next = 0;
    let inits = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.flatten {
            return match rest {
                Rest::CatchAll => quote!(#field: #de::other_keys(rest)),
                _ => quote!(#field: rest),
            };
        }
        let local = local(next);
        next += 1;
        if f.required && f.ty.is_nullable() {
            quote!(#field: #de::nullable(#local))
        } else if f.required {
            let wire = &f.wire_name;
            quote!(#field: #de::required(#local, #wire)?)
        } else {
            quote!(#field: #local)
        }
    });
    let expecting = format!("struct {name}");
    let length = proc_macro2::Literal::usize_unsuffixed(count);
    let seen = (count > 0).then(|| quote!(let mut seen = [false; #length];));
    quote! {
        #gates
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct __Visitor;

                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        use #runtime::__private::de;
                        #seen
                        #(#locals)*
                        #rest_local
                        while let Some(#key) = #de::key(&mut map)? {
                            #body
                        }
                        Ok(#name { #(#inits),* })
                    }
                }

                serde::Deserializer::deserialize_map(deserializer, __Visitor)
            }
        }
    }
}
