//! The cargo features generated items are gated behind, and the serde
//! derives a type gets, both read from the IR's [`Usage`] (which
//! `validate::usage` computes once; nothing here walks the type table).
//!
//! Groups: a resource's module, its accessor on the client and its entries
//! in `ACTIONS` exist with its group's feature; a type of the `types` module
//! exists with any feature of the groups whose actions reach it, with every
//! feature when the API itself reaches it (the error schema, global
//! params), and only with the feature of all groups (`full`) when no
//! action does. Types that live in a resource's module need no gate of
//! their own. A spec without groups gates nothing.
//!
//! Directions: a type derives `Serialize` when its values are encoded and
//! `Deserialize` when they are decoded; the other derive is behind the
//! `full-serde` feature ([`crate::Options::full_serde_feature`]). A type
//! no action reaches travels both ways (see `validate::usage`). Structs
//! derive only `Serialize` (their `#[serde]` field attributes are gated
//! with it); their `Deserialize` is written by `emit::decode`.

use proc_macro2::TokenStream;

use super::Cx;
use crate::ir::{TypeId, Usage};
use crate::place::Module;

/// A `cfg` predicate for "any of these features", as text.
fn any_of(features: &[&str]) -> Option<String> {
    match features {
        [] => None,
        [one] => Some(format!("feature = {one:?}")),
        many => {
            let list: Vec<String> = many.iter().map(|f| format!("feature = {f:?}")).collect();
            Some(format!("any({})", list.join(", ")))
        }
    }
}

/// The predicate a type of the table is gated by, when it is gated: only
/// types the `types` module declares are, in a spec with groups.
pub(crate) fn type_predicate(cx: &Cx<'_>, id: TypeId) -> Option<String> {
    if cx.api.groups.is_empty() || cx.place.module(crate::place::Item::Type(id)) != Module::Types {
        return None;
    }
    let usage = &cx.ty(id).usage;
    if usage.always {
        return None;
    }
    if usage.groups.is_empty() {
        return any_of(&[cx.options.full_feature.as_deref()?]);
    }
    let names: Vec<&str> = usage.groups.iter().filter_map(|g| cx.api.groups.get(*g)).map(|g| g.name.as_str()).collect();
    any_of(&names)
}

/// The predicate of a resource's group, when the spec has groups.
pub(crate) fn resource_predicate(cx: &Cx<'_>, resource: usize) -> Option<String> {
    let group = cx.api.resources.get(resource)?.group?;
    any_of(&[cx.api.groups.get(group)?.name.as_str()])
}

/// The predicate "any group is on", when the spec has groups: what every
/// request builder shares exists only then.
pub(crate) fn any_group(cx: &Cx<'_>) -> Option<String> {
    let names: Vec<&str> = cx.api.groups.iter().map(|g| g.name.as_str()).collect();
    any_of(&names)
}

/// `#[cfg(p)]` and the rustdoc note of the features it needs
/// (`#[cfg_attr(docsrs, doc(cfg(p)))]`), as tokens.
pub(crate) fn gate_tokens(predicate: Option<&str>) -> TokenStream {
    predicate
        .map(|p| format!("#[cfg({p})] #[cfg_attr(docsrs, doc(cfg({p})))]"))
        .and_then(|t| t.parse().ok())
        .unwrap_or_default()
}

/// `#[cfg(p)]` alone, as tokens (for the items that go with a gated type,
/// whose docs rustdoc shows with it).
pub(crate) fn cfg_tokens(predicate: Option<&str>) -> TokenStream {
    predicate.map(|p| format!("#[cfg({p})]")).and_then(|t| t.parse().ok()).unwrap_or_default()
}

/// The serde traits of one type: those derived (or implemented) always,
/// and the predicate of the `full-serde` feature the others need.
pub(crate) struct Serde {
    /// Whether `Serialize` exists without `full-serde`.
    pub(crate) serialize: bool,
    /// Whether `Deserialize` exists without `full-serde`.
    pub(crate) deserialize: bool,
    /// `feature = "full-serde"`, when the client has that feature.
    pub(crate) full: Option<String>,
}

impl Serde {
    pub(crate) fn of(cx: &Cx<'_>, usage: &Usage) -> Serde {
        let full = cx.options.full_serde_feature.as_deref().map(|f| format!("feature = {f:?}"));
        // No feature: both, as before directions existed. (No direction
        // does not happen: validation gives every type at least one.)
        if full.is_none() || !(usage.encode || usage.decode) {
            return Serde { serialize: true, deserialize: true, full: None };
        }
        Serde { serialize: usage.encode, deserialize: usage.decode, full }
    }

    /// `#[cfg(feature = "full-serde")]` for the impl of a trait that does
    /// not always exist, as tokens.
    pub(crate) fn gate(&self, always: bool) -> TokenStream {
        if always { TokenStream::new() } else { cfg_tokens(self.full.as_deref()) }
    }

    /// The same as text, with a line break after it.
    pub(crate) fn gate_text(&self, always: bool) -> String {
        match (&self.full, always) {
            (Some(p), false) => format!("#[cfg({p})]\n"),
            _ => String::new(),
        }
    }

    /// The derive attributes of a struct: `#[derive(..., Serialize)]` when
    /// it always encodes, else `#[derive(...)]` and `#[cfg_attr(full-serde,
    /// derive(Serialize))]` when the feature gives it. `Deserialize` is
    /// never derived: the generator writes it (see `emit::decode`).
    pub(crate) fn derives(&self, base: TokenStream) -> TokenStream {
        match (self.serialize, &self.full) {
            (true, _) => quote::quote!(#[derive(#base serde::Serialize)]),
            (false, Some(p)) => {
                let p: TokenStream = p.parse().unwrap_or_default();
                quote::quote!(#[derive(#base)] #[cfg_attr(#p, derive(serde::Serialize))])
            }
            (false, None) => quote::quote!(#[derive(#base)]),
        }
    }

    /// A field's `#[serde(...)]` attribute, which only the `Serialize`
    /// derive reads: plain when the type always encodes, behind the
    /// feature when only the feature gives it, and none when nothing
    /// derives `Serialize` (an attribute no derive declares is an error).
    pub(crate) fn field_attribute(&self, inner: TokenStream) -> TokenStream {
        if inner.is_empty() {
            return TokenStream::new();
        }
        match (self.serialize, &self.full) {
            (true, _) => quote::quote!(#[serde(#inner)]),
            (false, Some(p)) => {
                let p: TokenStream = p.parse().unwrap_or_default();
                quote::quote!(#[cfg_attr(#p, serde(#inner))])
            }
            (false, None) => TokenStream::new(),
        }
    }
}
