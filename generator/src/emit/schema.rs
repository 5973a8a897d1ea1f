//! The types module: one struct or enum per schema.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{Docs, bounds, code, escape, fenced, value};
use super::ty::{Here, accepted, ident, stored, with_field};
use super::{Chunk, Cx, EmittedFile, decode, enums, features, numbers, one_of};
use crate::ir::{Field, Schema, Ty, TypeDef, TypeId, TypeKind};
use crate::place::Module;

/// The types module, or the part of it with the types at `range` of its
/// list (the module is rendered in parts; each part has the module's path
/// and docs).
pub(crate) fn emit<'a>(cx: &'a Cx<'a>, range: std::ops::Range<usize>) -> EmittedFile<'a> {
    let names = Here { cx, module: Module::Types };
    let declared = cx.place.types_in(Module::Types);
    let last = range.end >= declared.len();
    let items = declared.get(range).unwrap_or_default().iter().flat_map(move |&id| item(id, &names));
    // The test of every documented example, after the last type.
    let items = items.chain(last.then(|| {
        let d = Docs::default();
        let tokens = examples(cx, &d);
        Chunk::tokens(tokens, d)
    }));
    EmittedFile {
        gate: None,
        path: cx.place.file(Module::Types),
        module_doc: format!(
            "Schema types of the {}: request bodies and decoded responses, and the enums and\n\
             one-ofs that several resources or schemas share.\n\n\
             Response types are lenient and lose nothing (fields the server may omit are\n\
             `Option`, keys a type does not declare are kept in its `additional` map,\n\
             unknown enum values are kept); request types take their required fields as\n\
             constructor arguments.",
            escape(&cx.api.name)
        ),
        chunks: Box::new(items),
    }
}

/// One type's items, in the module `names` is of: a schema's struct, enum,
/// alias or one-of, or an inline enum or one-of.
pub(crate) fn item(id: TypeId, names: &Here<'_>) -> Vec<Chunk> {
    let cx = names.cx;
    let ty = cx.ty(id);
    let d = Docs::default();
    match (&ty.kind, cx.schema_of(id)) {
        (TypeKind::Enum(def), _) => {
            let serde = features::Serde::of(cx, &ty.usage);
            vec![enums::emit(ty, def, &features::type_predicate(cx, id), &serde, &runtime_path(names))]
        }
        (TypeKind::OneOf(def), _) => {
            let tokens = one_of::emit(id, ty, def, names, &d);
            vec![Chunk::tokens(tokens, d)]
        }
        (TypeKind::Struct(fields), Some(schema)) => {
            let (tokens, deserialize) = object(ty, schema, fields, names, &d);
            vec![Chunk::tokens(tokens, d), Chunk::Text(deserialize)]
        }
        (TypeKind::Alias(aliased), schema) => {
            let name = ident(&ty.rust_name);
            let aliased = stored(aliased, names);
            let documented = schema.map(|s| s.name.as_str()).unwrap_or(&ty.rust_name);
            let keys = schema
                .and_then(|s| s.key_pattern.as_deref())
                .map(|p| format!(" Keys match {}.", code(p)))
                .unwrap_or_default();
            let docs = d.doc(&format!(
                "{}\n\nSchema {}.{keys}",
                ty.description.as_deref().map(escape).unwrap_or_else(|| format!("The {} schema.", code(documented))),
                code(documented)
            ));
            let gate = features::gate_tokens(features::type_predicate(cx, id).as_deref());
            let tokens = quote!(#docs #gate pub type #name = #aliased;);
            vec![Chunk::tokens(tokens, d)]
        }
        // Inline objects do not exist: validation refuses them.
        (TypeKind::Struct(_), None) => vec![],
    }
}

/// A struct's items as tokens, and its `Deserialize` as text (see
/// `decode`).
fn object(ty: &TypeDef, schema: &Schema, fields: &[Field], names: &Here<'_>, d: &Docs) -> (TokenStream, String) {
    // A struct a response can carry keeps the keys it does not declare.
    let with_catch_all: Vec<Field>;
    let fields = if schema.catch_all {
        with_catch_all = fields.iter().cloned().chain(std::iter::once(catch_all())).collect();
        &with_catch_all[..]
    } else {
        fields
    };
    let name = ident(&ty.rust_name);
    let mut text = format!(
        "{}\n\nSchema {}.",
        ty.description.as_deref().map(escape).unwrap_or_else(|| format!("The {} schema.", code(&schema.name))),
        code(&schema.name)
    );
    if schema.closed {
        text.push_str(
            "\n\nClosed: the object has no properties but these (documented, and checked against the \
             examples; decoding does not enforce it).",
        );
    }
    // What a reader of a response may rely on: the fields the schema
    // requires (not an `Option`) are always present; no other is promised.
    if ty.usage.decode && !fields.iter().all(|f| f.flatten) {
        let always: Vec<String> = fields.iter().filter(|f| f.required).map(|f| format!("`{}`", f.rust_name)).collect();
        text.push_str(&if always.is_empty() {
            "\n\nIn a response: the API documents no field as always present, so each is an `Option`.".to_owned()
        } else {
            format!(
                "\n\nIn a response: always present (the schema requires them): {}; any other field may be absent.",
                always.join(", ")
            )
        });
    }
    if let Some(example) = &schema.example {
        let pretty = serde_json::to_string_pretty(example).unwrap_or_default();
        text.push_str(&format!("\n\n# Example\n\n{}", fenced("json", &pretty)));
    }
    let docs = d.doc(&text);
    let all_optional = fields.iter().all(|f| !f.required);
    let default = all_optional.then(|| quote!(Default,));

    let serde = features::Serde::of(names.cx, &ty.usage);
    let declared = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let catch_all = f.flatten && schema.catch_all;
        let ty = if catch_all {
            let rt = &names.runtime();
            quote!(#rt::OtherKeys)
        } else {
            stored(&f.ty, names)
        };
        // A type that contains itself is boxed, or it would have no size.
        let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
        let docs = d.doc(&field_doc(f));
        // The attributes are `Serialize`'s (`Deserialize` is written by
        // `decode`). Only names that differ are renamed.
        let rename = (f.wire_name != f.rust_name).then(|| quote!(rename = #wire,));
        let numbers = numbers::serialize_with(&f.ty, names.cx, &names.runtime());
        let and_numbers = numbers.as_ref().map(|n| quote!(, #n));
        if f.flatten {
            // The keys no property takes, in a map beside the fields (the
            // catch-all's `OtherKeys` counts them for one-of fits and
            // redacts secrets from `Debug`).
            let attr = serde.field_attribute(quote!(flatten #and_numbers));
            quote! {
                #docs
                #attr
                pub #field: #ty,
            }
        } else if f.required {
            // An absent part interpolates as nothing.
            let attr = serde.field_attribute(quote!(#rename #numbers));
            quote! {
                #docs
                #attr
                pub #field: #ty,
            }
        } else {
            // A nullable field's `null` decodes as `Some(Nullable::Null)`,
            // its absence as `None`.
            let attr = serde.field_attribute(quote!(#rename skip_serializing_if = "Option::is_none" #and_numbers));
            quote! {
                #docs
                #attr
                pub #field: Option<#ty>,
            }
        }
    });
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let field = ident(&f.rust_name);
        let (accepts, _) = accepted(&f.ty, names, &field);
        quote!(#field: #accepts)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.required {
            let (_, convert) = accepted(&f.ty, names, &field);
            let convert = if f.boxed { quote!(Box::new(#convert)) } else { convert };
            // A value taken as it is (a `bool`) initializes its field by
            // the shorthand, as clippy's `redundant_field_names` wants.
            if field == convert.to_string() { quote!(#field) } else { quote!(#field: #convert) }
        } else if f.flatten && schema.catch_all {
            let rt = &names.runtime();
            quote!(#field: #rt::OtherKeys::new())
        } else if f.flatten {
            quote!(#field: std::collections::BTreeMap::new())
        } else {
            quote!(#field: None)
        }
    });
    let validate = validation(schema, fields, names, d);
    let many_args = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = if required.is_empty() {
        d.doc("Creates a value with every field unset.")
    } else {
        let list: Vec<String> = required.iter().map(|f| format!("`{}`", f.rust_name)).collect();
        d.doc(&format!("Creates a value from its required fields ({}); the others start unset.", list.join(", ")))
    };
    let runtime = &names.runtime();
    // The catch-all has no setter: a response's keys come from the server.
    let setters = fields.iter().filter(|f| !(f.required || f.flatten && schema.catch_all)).map(|f| {
        let field = ident(&f.rust_name);
        if let (true, Ty::Map(values)) = (f.flatten, &f.ty) {
            let (accepts, convert) = accepted(values, names, &ident("value"));
            let docs = d.doc("Adds a key that is not one of the properties (`additional`), with its value.");
            return quote! {
                #docs
                #[must_use]
                pub fn #field(mut self, key: impl Into<String>, value: #accepts) -> Self {
                    self.#field.insert(key.into(), #convert);
                    self
                }
            };
        }
        let (accepts, convert) = accepted(f.ty.non_null(), names, &ident("value"));
        let (convert, null) = if f.ty.is_nullable() {
            let null =
                if f.boxed { quote!(Box::new(#runtime::Nullable::Null)) } else { quote!(#runtime::Nullable::Null) };
            (quote!(#runtime::Nullable::Value(#convert)), Some(null))
        } else {
            (convert, None)
        };
        let convert = if f.boxed { quote!(Box::new(#convert)) } else { convert };
        let null_setter = null.map(|null| {
            let setter = ident(&crate::names::null_setter(&f.rust_name));
            let docs = d.doc(&format!(
                "Sets `{}` ({}) to `null`, which the API tells apart from leaving it unset.",
                f.rust_name,
                code(&f.wire_name)
            ));
            quote! {
                #docs
                #[must_use]
                pub fn #setter(mut self) -> Self {
                    self.#field = Some(#null);
                    self
                }
            }
        });
        let docs = if f.ty.is_nullable() {
            d.doc(&format!(
                "Sets `{}` ({}) to a value; `{}` sets it to `null`.",
                f.rust_name,
                code(&f.wire_name),
                crate::names::null_setter(&f.rust_name)
            ))
        } else {
            d.doc(&format!("Sets `{}` ({}).", f.rust_name, code(&f.wire_name)))
        };
        quote! {
            #docs
            #[must_use]
            pub fn #field(mut self, value: #accepts) -> Self {
                self.#field = Some(#convert);
                self
            }

            #null_setter
        }
    });

    let new = ident(crate::names::reserved::NEW);
    let derives = serde.derives(quote!(Debug, Clone, PartialEq, #default));
    let predicate = features::type_predicate(names.cx, schema.id);
    let gate = features::gate_tokens(predicate.as_deref());
    let cfg = features::cfg_tokens(predicate.as_deref());
    let rest = match fields.iter().find(|f| f.flatten) {
        Some(_) if schema.catch_all => decode::Rest::CatchAll,
        Some(_) => decode::Rest::Map,
        None => decode::Rest::Ignored,
    };
    let decode_gates = predicate.as_deref().map(|p| format!("#[cfg({p})]\n")).unwrap_or_default()
        + &serde.gate_text(serde.deserialize);
    let deserialize = decode::impl_deserialize(&ty.rust_name, fields, &rest, &runtime_path(names), &decode_gates);
    let tokens = quote! {
        #docs
        #gate
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#declared)*
        }

        #cfg
        impl #name {
            #new_doc
            #many_args
            pub fn #new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }

            #(#setters)*

            #validate
        }
    };
    (tokens, deserialize)
}

/// `validate` for request types: the documented limits the server would
/// reject, checked before anything is sent. Patterns are documented but not
/// checked, which would need a regex engine in every client build.
fn validation(schema: &Schema, fields: &[Field], names: &Here<'_>, d: &Docs) -> TokenStream {
    if !schema.in_requests {
        return quote!();
    }
    let rt = &names.runtime();
    let checks = fields.iter().filter_map(|f| {
        let statements = field_checks(f, names)?;
        let field = ident(&f.rust_name);
        if f.flatten {
            return Some(with_field(&field, true, statements));
        }
        if !f.ty.is_nullable() {
            return Some(with_field(&field, f.required, statements));
        }
        // Limits apply to a value; `null` has none.
        let value = match (f.required, f.boxed) {
            (true, false) => quote!(#rt::Nullable::as_ref(&self.#field)),
            (true, true) => quote!(#rt::Nullable::as_ref(&*self.#field)),
            (false, false) => quote!(self.#field.as_ref().and_then(#rt::Nullable::as_ref)),
            (false, true) => quote!(self.#field.as_deref().and_then(#rt::Nullable::as_ref)),
        };
        Some(quote! {
            if let Some(value) = #value {
                #statements
            }
        })
    });
    let docs = d.doc(
        "Checks the documented limits (lengths, item counts, unique items, nested values) that the\n\
         server would reject. Request builders call it before sending.\n\n\
         # Errors\n\n\
         A sentence naming the first value out of its limits.",
    );
    let validate = ident(crate::names::reserved::VALIDATE);
    quote! {
        #docs
        pub fn #validate(&self) -> Result<(), String> {
            #(#checks)*
            Ok(())
        }
    }
}

fn field_checks(field: &Field, names: &Here<'_>) -> Option<TokenStream> {
    let runtime = &names.runtime();
    let wire = &field.wire_name;
    let c = &field.constraints;
    let limit = |v: Option<u64>| match v {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    };
    let ty = field.ty.non_null();
    let mut statements = Vec::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        let (min, max) = (limit(c.min_length), limit(c.max_length));
        let value = match ty {
            Ty::Secret => quote!(value.expose()),
            Ty::DateTime => quote!(value.as_str()),
            _ => quote!(value),
        };
        statements.push(quote!(#runtime::__private::limits::length(#wire, #value, #min, #max)?;));
    }
    if c.max_items.is_some() || c.unique_items {
        let (max, unique) = (limit(c.max_items), c.unique_items);
        statements.push(quote!(#runtime::__private::limits::items(#wire, value, #max, #unique)?;));
    }
    if let (Some(min), Ty::Array(_)) = (c.min_items, ty) {
        let min = Literal::u64_unsuffixed(min);
        statements.push(quote!(#runtime::__private::limits::min_items(#wire, value.len(), #min)?;));
    }
    if (c.min_properties.is_some() || c.max_properties.is_some()) && matches!(ty, Ty::Map(_)) {
        let (min, max) = (limit(c.min_properties), limit(c.max_properties));
        statements.push(quote!(#runtime::__private::limits::properties(#wire, value.len(), #min, #max)?;));
    }
    if (c.minimum.is_some() || c.maximum.is_some()) && matches!(ty, Ty::Integer | Ty::Number) {
        let bound = |v: Option<f64>| match v {
            Some(v) => {
                let v = Literal::f64_unsuffixed(v);
                quote!(Some(#v))
            }
            None => quote!(None),
        };
        let (min, max) = (bound(c.minimum), bound(c.maximum));
        let value = if *ty == Ty::Integer { quote!(*value as f64) } else { quote!(*value) };
        statements.push(quote!(#runtime::__private::limits::range(#wire, #value, #min, #max)?;));
    }
    if let Some(check) = names.cx.check_expr(ty, quote!(value)) {
        statements.push(quote!(#check.map_err(|reason| #runtime::__private::limits::nested(#wire, reason))?;));
    }
    (!statements.is_empty()).then(|| quote!(#(#statements)*))
}

fn field_doc(field: &Field) -> String {
    let mut text = match &field.description {
        Some(d) => format!("{}.", escape(d.trim_end_matches('.'))),
        None if field.flatten => "The keys other than the properties, with their values.".to_owned(),
        None => format!("{}.", code(&field.wire_name)),
    };
    let c = &field.constraints;
    let mut limits = Vec::new();
    if let Some(f) = &c.format {
        limits.push(format!("format {}", code(f)));
    }
    if let Some(p) = &c.pattern {
        limits.push(format!("pattern {}", code(p)));
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => limits.push(format!("{min} to {max} characters")),
        (Some(min), None) => limits.push(format!("at least {min} characters")),
        (None, Some(max)) => limits.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if let Some(max) = c.max_items {
        limits.push(format!("at most {max} items"));
    }
    if c.unique_items {
        limits.push("items unique".into());
    }
    if field.ty.is_nullable() {
        limits.push("may be `null`".into());
    }
    limits.extend(bounds(c));
    if let Some(d) = &field.default {
        limits.push(format!("default {} (applied by the server)", value(d)));
    }
    if field.deprecated {
        limits.push("deprecated".into());
    }
    if *field.ty.non_null() == Ty::Secret {
        limits.push("a secret: `Debug` output shows it redacted".into());
    }
    if !limits.is_empty() {
        text.push_str(&format!(" ({})", limits.join("; ")));
    }
    text
}

/// The catch-all of a struct a response can carry: every key the schema
/// does not declare, with its value as it came (named like an `additional`
/// entry, whose reserved name no property takes).
fn catch_all() -> Field {
    Field {
        wire_name: Field::ADDITIONAL_WIRE.to_owned(),
        rust_name: crate::names::reserved::ADDITIONAL.to_owned(),
        ty: Ty::Map(Box::new(Ty::Any)),
        required: false,
        boxed: false,
        description: Some(
            "The keys the schema does not declare, with their values as they came (a response keeps every \
             key; empty when there are none)"
                .to_owned(),
        ),
        constraints: Default::default(),
        default: None,
        deprecated: false,
        flatten: true,
    }
}

/// The runtime's path as the text of a serde attribute.
fn runtime_path(names: &Here<'_>) -> String {
    names.runtime().to_string().replace(' ', "")
}

/// A test that decodes every documented example (of schemas and params)
/// into its type and encodes it again, expecting the same JSON: the types
/// lose no data the documentation shows.
fn examples(cx: &Cx<'_>, d: &Docs) -> TokenStream {
    let rt = cx.runtime();
    let mut checks = Vec::new();
    // The test module is inside the types module: every type is named by
    // its path from the generated root.
    let paths = Here { cx, module: Module::Detached };
    for s in &cx.api.schemas {
        if let Some(example) = &s.example {
            let what = format!("schema `{}`", s.name);
            let ty = paths.named(s.id);
            let json = serde_json::to_string(example).unwrap_or_default();
            checks.push(quote!((#what, #rt::__private::examples::round_trip::<#ty>(#json))));
        }
    }
    for action in cx.api.resources.iter().flat_map(|r| &r.actions) {
        for param in &action.params {
            let Some(example) = &param.example else { continue };
            if param.ty == Ty::File {
                continue;
            }
            let what = format!("param `{}` of `{}`", param.wire_name, action.id);
            let ty = stored(&param.ty, &paths);
            let json = serde_json::to_string(example).unwrap_or_default();
            checks.push(quote!((#what, #rt::__private::examples::round_trip::<#ty>(#json))));
        }
    }
    let count = Literal::usize_unsuffixed(checks.len());
    let module = ident(crate::names::reserved::EXAMPLES_MODULE);
    let docs = d.doc("Every documented example decodes into its type and encodes back to the same JSON.");
    // Every type, with both derives.
    let mut needs = vec!["test".to_owned()];
    needs.extend(cx.options.full_serde_feature.as_deref().map(|f| format!("feature = {f:?}")));
    needs.extend(
        cx.options.full_feature.as_deref().filter(|_| !cx.api.groups.is_empty()).map(|f| format!("feature = {f:?}")),
    );
    let predicate: TokenStream =
        if needs.len() == 1 { quote!(test) } else { format!("all({})", needs.join(", ")).parse().unwrap_or_default() };
    quote! {
        #docs
        #[cfg(#predicate)]
        mod #module {
            #[test]
            fn every_documented_example_round_trips() {
                let results: [(&str, Result<(), String>); #count] = [#(#checks),*];
                let failures: Vec<String> = results
                    .into_iter()
                    .filter_map(|(what, result)| result.err().map(|e| format!("{what}: {e}")))
                    .collect();
                assert!(failures.is_empty(), "{}", failures.join("\n"));
            }
        }
    }
}
