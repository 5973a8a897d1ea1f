//! String enums.
//!
//! An open enum (one a response can carry) has an `Unknown(String)` variant
//! that keeps values the spec does not list, so a server that adds a value
//! does not break decoding. A closed enum (request-only) rejects them.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, escape};
use super::ty::ident;
use crate::ir::EnumDef;

pub(crate) fn emit(def: &EnumDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let description =
        def.description.as_deref().map(escape).unwrap_or_else(|| format!("Allowed values of `{}`.", def.rust_name));
    let mut text = format!("{description}\n");
    if def.open {
        text.push_str("\nValues this version of the client does not know decode as [`Self::Unknown`].\n");
    }
    let docs = doc(&text);
    let variants: Vec<_> = def.variants.iter().map(|(_, v)| ident(v)).collect();
    let wires: Vec<&str> = def.variants.iter().map(|(w, _)| w.as_str()).collect();
    let variant_docs = wires.iter().map(|w| doc(&format!("`{w}`")));
    let unknown_message = format!("`{{other}}` is not one of {}", wires.join(", "));

    let (unknown_variant, unknown_as_str, from_str, deserialize_body) = if def.open {
        (
            quote! {
                #[doc = " A value the spec does not list, kept as sent."]
                Unknown(String),
            },
            quote!(#name::Unknown(value) => value,),
            quote! {
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        match value {
                            #(#wires => #name::#variants,)*
                            other => #name::Unknown(other.to_owned()),
                        }
                    }
                }

                impl From<String> for #name {
                    fn from(value: String) -> Self {
                        #name::from(value.as_str())
                    }
                }
            },
            quote!(Ok(#name::from(value.as_str()))),
        )
    } else {
        (
            quote!(),
            quote!(),
            quote! {
                impl std::str::FromStr for #name {
                    type Err = String;

                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        match value {
                            #(#wires => Ok(#name::#variants),)*
                            other => Err(format!(#unknown_message)),
                        }
                    }
                }
            },
            quote!(value.parse().map_err(serde::de::Error::custom)),
        )
    };

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            #unknown_variant
        }

        impl #name {
            #[doc = " The value as it travels on the wire."]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #wires,)*
                    #unknown_as_str
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #from_str

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                #deserialize_body
            }
        }
    }
}
