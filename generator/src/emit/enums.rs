//! String enums.
//!
//! An open enum (one a response can carry) has an `Unknown(String)` variant
//! that keeps values the spec does not list, so a server that adds a value
//! does not break decoding. A closed enum (request-only) rejects them.
//!
//! Enums are written as formatted text rather than built as tokens: their
//! shape never varies, they are a fifth of a typical API's output, and text
//! skips the parse into a syntax tree and the pretty-printing, which are
//! most of the generator's time. The layout is the one prettyplease gives
//! (and `cargo fmt` keeps), with one item per block and blank lines between.

use std::fmt::Write as _;

use super::Chunk;
use super::docs::{code, doc_text, escape};
use crate::ir::EnumDef;

pub(crate) fn emit(def: &EnumDef) -> Chunk {
    let name = &def.rust_name;
    let description =
        def.description.as_deref().map(escape).unwrap_or_else(|| format!("Allowed values of `{}`.", def.rust_name));
    let mut text = format!("{description}\n");
    if def.open {
        text.push_str("\nValues this version of the client does not know decode as [`Self::Unknown`].\n");
    }
    // Wire values become Rust string literals through `Debug`, which
    // escapes quotes, backslashes and control characters.
    let wires: Vec<String> = def.variants.iter().map(|(w, _)| format!("{w:?}")).collect();
    let variants = || def.variants.iter().map(|(_, v)| v).zip(&wires);

    let mut out = doc_text(&text, 0);
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for (wire, variant) in &def.variants {
        out.push_str(&doc_text(&code(wire), 4));
        let _ = writeln!(out, "    {variant},");
    }
    if def.open {
        out.push_str("    /// A value the spec does not list, kept as sent.\n    Unknown(String),\n");
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "impl {name} {{");
    out.push_str(
        "    /// The value as it travels on the wire.\n    pub fn as_str(&self) -> &str {\n        match self {\n",
    );
    for (variant, wire) in variants() {
        let _ = writeln!(out, "            {name}::{variant} => {wire},");
    }
    if def.open {
        let _ = writeln!(out, "            {name}::Unknown(value) => value,");
    }
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(out, "impl std::fmt::Display for {name} {{");
    out.push_str(
        "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        \
         f.write_str(self.as_str())\n    }\n}\n\n",
    );

    let deserialized = if def.open {
        let _ = writeln!(out, "impl From<&str> for {name} {{");
        out.push_str("    fn from(value: &str) -> Self {\n        match value {\n");
        for (variant, wire) in variants() {
            let _ = writeln!(out, "            {wire} => {name}::{variant},");
        }
        let _ = writeln!(out, "            other => {name}::Unknown(other.to_owned()),");
        out.push_str("        }\n    }\n}\n\n");
        let _ = writeln!(out, "impl From<String> for {name} {{");
        let _ =
            writeln!(out, "    fn from(value: String) -> Self {{\n        {name}::from(value.as_str())\n    }}\n}}\n");
        format!("Ok({name}::from(value.as_str()))")
    } else {
        let _ = writeln!(out, "impl std::str::FromStr for {name} {{");
        out.push_str("    type Err = String;\n\n    fn from_str(value: &str) -> Result<Self, Self::Err> {\n        match value {\n");
        for (variant, wire) in variants() {
            let _ = writeln!(out, "            {wire} => Ok({name}::{variant}),");
        }
        // The list is an argument, not part of the format string, so a
        // value with braces in it cannot break the `format!`.
        let list = def.variants.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(", ");
        let line = format!("            other => Err(format!(\"`{{other}}` is not one of {{}}\", {list:?})),");
        if line.len() <= 100 {
            out.push_str(&line);
            out.push('\n');
        } else {
            // Broken as `cargo fmt` breaks a long call.
            let _ = writeln!(
                out,
                "            other => Err(format!(\n                \"`{{other}}` is not one of {{}}\",\n                {list:?}\n            )),"
            );
        }
        out.push_str("        }\n    }\n}\n\n");
        "value.parse().map_err(serde::de::Error::custom)".to_owned()
    };

    let _ = writeln!(out, "impl serde::Serialize for {name} {{");
    out.push_str(
        "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n        \
         serializer.serialize_str(self.as_str())\n    }\n}\n\n",
    );
    let _ = writeln!(out, "impl<'de> serde::Deserialize<'de> for {name} {{");
    out.push_str(
        "    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n        \
         let value = <String as serde::Deserialize>::deserialize(deserializer)?;\n",
    );
    let _ = writeln!(out, "        {deserialized}\n    }}\n}}");
    Chunk::Text(out)
}
