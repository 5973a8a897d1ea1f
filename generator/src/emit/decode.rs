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
//! then `Nullable::Null` (serde's leniency for `Option`-like types); a key
//! twice as `duplicate field`; the keys no property takes into the
//! catch-all (or the flattened map), or ignored by a type without one;
//! anything but an object as `invalid type: ..., expected struct Name`. A
//! struct has at most one flattened field (validation gives the catch-all
//! only to a schema without `additional`).

use std::fmt::Write as _;

use super::ty::ident;
use crate::ir::Field;

/// How the keys no property takes are kept.
pub(crate) enum Rest {
    /// Ignored (a type with neither catch-all nor map of other keys).
    Ignored,
    /// Into the response catch-all (the runtime's `OtherKeys`).
    CatchAll,
    /// Into a typed map (a schema's `additionalProperties`).
    Map,
}

/// `impl Deserialize for name` as formatted text (like enums, it skips the
/// syntax tree: its shape never varies, and with a few hundred structs the
/// tree made generating about a quarter slower), after `gates` (the type's
/// and the serde direction's `#[cfg]` lines). `fields` are the struct's, in
/// declaration order; `rest` says what the flattened field is (`Ignored`
/// when there is none). Spec text only enters as string literals (`{:?}`)
/// and as identifiers the names module made.
pub(crate) fn impl_deserialize(name: &str, fields: &[Field], rest: &Rest, runtime: &str, gates: &str) -> String {
    // Locals are numbered, so no property name can collide with the
    // visitor's own (`map`, `key`, `seen`, `rest`, `de`).
    let declared: Vec<&Field> = fields.iter().filter(|f| !f.flatten).collect();
    let count = declared.len();
    let keeps_rest = !matches!(rest, Rest::Ignored);
    let mut out = String::with_capacity(1024 + 128 * fields.len());
    out.push_str(gates);
    let _ = write!(
        out,
        "impl<'de> serde::Deserialize<'de> for {name} {{\n    \
         fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        \
         struct __Visitor;\n\n        \
         impl<'de> serde::de::Visitor<'de> for __Visitor {{\n            \
         type Value = {name};\n\n            \
         fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n                \
         f.write_str({expecting:?})\n            \
         }}\n\n            \
         fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<{name}, A::Error> {{\n                \
         use {runtime}::__private::de;\n",
        expecting = format!("struct {name}"),
    );
    let body = "                ";
    if count > 0 {
        let _ = writeln!(out, "{body}let mut seen = [false; {count}];");
    }
    for i in 0..count {
        let _ = writeln!(out, "{body}let mut field{i} = None;");
    }
    if keeps_rest {
        let _ = writeln!(out, "{body}let mut rest = std::collections::BTreeMap::new();");
    }
    // A struct without properties has nothing to match a key against, and
    // one that ignores other keys then has no use for the key.
    let key = if count == 0 && !keeps_rest { "_key" } else { "key" };
    let _ = writeln!(out, "{body}while let Some({key}) = de::key(&mut map)? {{");
    let other = if keeps_rest {
        "rest.insert(key.into_owned(), serde::de::MapAccess::next_value(&mut map)?);"
    } else {
        "serde::de::MapAccess::next_value::<serde::de::IgnoredAny>(&mut map)?;"
    };
    if count == 0 {
        let _ = writeln!(out, "{body}    {other}");
    } else {
        let _ = writeln!(out, "{body}    match key.as_str() {{");
        for (i, f) in declared.iter().enumerate() {
            let wire = format!("{:?}", f.wire_name);
            let value = format!("de::value(&mut map, &mut seen[{i}], {wire})?");
            // An optional field's type is an `Option`, which decodes `null`
            // as `None`; a required or nullable one is wrapped in `Some`.
            let value = if !f.required && !f.ty.is_nullable() { value } else { format!("Some({value})") };
            let _ = writeln!(out, "{body}        {wire} => field{i} = {value},");
        }
        let _ = writeln!(out, "{body}        _ => {{\n{body}            {other}\n{body}        }}");
        let _ = writeln!(out, "{body}    }}");
    }
    let _ = writeln!(out, "{body}}}");
    let _ = writeln!(out, "{body}Ok({name} {{");
    let mut next = 0;
    for f in fields {
        let field = ident(&f.rust_name).to_string();
        let value = if f.flatten {
            match rest {
                Rest::CatchAll => "de::other_keys(rest)".to_owned(),
                _ => "rest".to_owned(),
            }
        } else {
            let local = format!("field{next}");
            next += 1;
            if f.required && f.ty.is_nullable() {
                format!("de::nullable({local})")
            } else if f.required {
                format!("de::required({local}, {:?})?", f.wire_name)
            } else {
                local
            }
        };
        let _ = writeln!(out, "{body}    {field}: {value},");
    }
    let _ = write!(
        out,
        "{body}}})\n            \
         }}\n        \
         }}\n\n        \
         serde::Deserializer::deserialize_map(deserializer, __Visitor)\n    \
         }}\n\
         }}\n"
    );
    out
}
