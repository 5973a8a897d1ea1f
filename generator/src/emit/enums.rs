//! Enums of allowed values.
//!
//! An open enum (one a response can carry) has an `Unknown` variant that
//! keeps values the spec does not list, so a server that adds a value does
//! not break decoding; its payload is the runtime's `UnknownValue`, which
//! only the conversions build (and only for an unlisted value), so
//! `Unknown` never stands for a listed value and equality is by value. A
//! closed enum (request-only) refuses unlisted values with the runtime's
//! `ParseEnumError`. Every enum converts the same ways: a string enum has
//! `as_str`, `Display`, `FromStr` and `TryFrom<&str>` (through `From<&str>`
//! and `From<String>` when open, which cannot fail); an enum of integers,
//! numbers or booleans travels as a JSON number or boolean, with `as_i64`,
//! `as_f64` or `as_bool`, `Display`, `FromStr`, and `From` (open) or
//! `TryFrom` (closed) of the value; an enum of both booleans has no
//! `Unknown`. Every wire value is the spec's, byte for byte: a string as it
//! is, a number as the spec wrote it.
//!
//! What does not differ per enum (the decoder's visitor, the error type,
//! the fallback's payload) is the runtime's, so each enum costs its
//! variants, two `match`es and one-line impls.
//!
//! Enums are written as formatted text rather than built as tokens: their
//! shape never varies, they are a fifth of a typical API's output, and text
//! skips the parse into a syntax tree and the pretty-printing, which are
//! most of the generator's time. The layout is the one prettyplease gives
//! (and `cargo fmt` keeps), with one item per block and blank lines between.

use std::fmt::Write as _;

use super::Chunk;
use super::docs::{code, doc_text, escape};
use super::features::Serde;
use crate::ir::{EnumDef, EnumKind, TypeDef};
use crate::names::reserved::UNKNOWN_VARIANT;

/// The enum of a type of the table (whose kind is [`EnumDef`]), gated by
/// `predicate` (see [`super::features`]), with the serde impls `serde`
/// says; `rt` is the runtime's path.
pub(crate) fn emit(ty: &TypeDef, def: &EnumDef, predicate: &Option<String>, serde: &Serde, rt: &str) -> Chunk {
    let name = &ty.rust_name;
    let description = ty.description.as_deref().map(escape).unwrap_or_else(|| format!("Allowed values of `{name}`."));
    let text = if def.kind == EnumKind::String {
        emit_string(name, &description, def, rt)
    } else {
        emit_scalar(name, &description, def, rt)
    };
    Chunk::Text(gated(&text, predicate.as_deref(), serde))
}

/// The items of `text` with their gates: the enum with its features (and
/// the rustdoc note of them), each impl with the same `cfg`, and a serde
/// impl that exists only with `full-serde` with that feature too. Every
/// item starts at the start of a line with `#[derive` or `impl`.
fn gated(text: &str, predicate: Option<&str>, serde: &Serde) -> String {
    if predicate.is_none() && serde.full.is_none() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.split_inclusive('\n') {
        if let Some(p) = predicate {
            if line.starts_with("#[derive(") {
                let _ = writeln!(out, "#[cfg({p})]\n#[cfg_attr(docsrs, doc(cfg({p})))]");
            } else if line.starts_with("impl") {
                let _ = writeln!(out, "#[cfg({p})]");
            }
        }
        if line.starts_with("impl serde::Serialize") {
            out.push_str(&serde.gate_text(serde.serialize));
        } else if line.starts_with("impl<'de> serde::Deserialize") {
            out.push_str(&serde.gate_text(serde.deserialize));
        }
        out.push_str(line);
    }
    out
}

/// `Err(ParseEnumError::new(value, "Name", &[...]))` as an expression
/// statement at `indent`, broken as `cargo fmt` breaks a long call.
fn refusal(value: &str, name: &str, def: &EnumDef, rt: &str, indent: usize) -> String {
    // Wire values become Rust string literals through `Debug`, which
    // escapes quotes, backslashes and control characters.
    let list: Vec<String> = def.variants.iter().map(|v| format!("{:?}", v.wire)).collect();
    let line = format!("Err({rt}::ParseEnumError::new({value}, {name:?}, &[{}]))", list.join(", "));
    if indent + line.len() <= 96 {
        return line;
    }
    let pad = " ".repeat(indent + 4);
    let mut out = format!("Err({rt}::ParseEnumError::new(\n{pad}{value},\n{pad}{name:?},\n{pad}&[\n");
    for wire in &list {
        let _ = writeln!(out, "{pad}    {wire},");
    }
    let _ = write!(out, "{pad}],\n{}))", " ".repeat(indent));
    out
}

/// An enum of strings.
fn emit_string(name: &str, description: &str, def: &EnumDef, rt: &str) -> String {
    let mut text = format!("{description}\n");
    if def.open {
        text.push_str(
            "\nValues this version of the client does not know decode as [`Self::Unknown`], which only the \
             conversions build: `from` gives the listed variant for a listed value.\n",
        );
    }
    let wires: Vec<String> = def.variants.iter().map(|v| format!("{:?}", v.wire)).collect();
    let variants = || def.variants.iter().map(|v| &v.name).zip(&wires);

    let mut out = doc_text(&text, 0);
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for variant in &def.variants {
        out.push_str(&doc_text(&code(&variant.wire), 4));
        let _ = writeln!(out, "    {},", variant.name);
    }
    if def.open {
        let _ = writeln!(
            out,
            "    /// A value the spec does not list, kept as sent.\n    {UNKNOWN_VARIANT}({rt}::UnknownValue),"
        );
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
        let _ = writeln!(out, "            {name}::{UNKNOWN_VARIANT}(value) => value.as_str(),");
    }
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(out, "impl std::fmt::Display for {name} {{");
    out.push_str(
        "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        \
         f.write_str(self.as_str())\n    }\n}\n\n",
    );

    if def.open {
        let _ = writeln!(out, "impl From<&str> for {name} {{");
        out.push_str("    fn from(value: &str) -> Self {\n        match value {\n");
        for (variant, wire) in variants() {
            let _ = writeln!(out, "            {wire} => {name}::{variant},");
        }
        let _ =
            writeln!(out, "            other => {name}::{UNKNOWN_VARIANT}({rt}::__private::enums::unknown(other)),");
        out.push_str("        }\n    }\n}\n\n");
        // A listed value is matched without a copy; an unlisted one keeps
        // the caller's allocation.
        let _ = writeln!(out, "impl From<String> for {name} {{");
        let _ = writeln!(
            out,
            "    fn from(value: String) -> Self {{\n        match {name}::from(value.as_str()) {{\n            \
             {name}::{UNKNOWN_VARIANT}(_) => {name}::{UNKNOWN_VARIANT}({rt}::__private::enums::unknown_owned(value)),\n            \
             known => known,\n        }}\n    }}\n}}\n"
        );
        // Parsing never fails (an unlisted value is `Unknown`), so that code
        // that parsed the enum when it was closed still compiles when a
        // response starts carrying it.
        let _ = writeln!(out, "impl std::str::FromStr for {name} {{");
        let _ = writeln!(
            out,
            "    type Err = std::convert::Infallible;\n\n    \
             fn from_str(value: &str) -> Result<Self, std::convert::Infallible> {{\n        Ok({name}::from(value))\n    }}\n}}\n"
        );
    } else {
        let _ = writeln!(out, "impl std::str::FromStr for {name} {{");
        let _ = writeln!(
            out,
            "    type Err = {rt}::ParseEnumError;\n\n    fn from_str(value: &str) -> Result<Self, {rt}::ParseEnumError> {{\n        match value {{"
        );
        for (variant, wire) in variants() {
            let _ = writeln!(out, "            {wire} => Ok({name}::{variant}),");
        }
        let _ = writeln!(out, "            other => {},", refusal("other", name, def, rt, 12));
        out.push_str("        }\n    }\n}\n\n");
        let _ = writeln!(out, "impl TryFrom<&str> for {name} {{");
        let _ = writeln!(
            out,
            "    type Error = {rt}::ParseEnumError;\n\n    \
             fn try_from(value: &str) -> Result<Self, {rt}::ParseEnumError> {{\n        value.parse()\n    }}\n}}\n"
        );
    }

    let _ = writeln!(out, "impl serde::Serialize for {name} {{");
    out.push_str(
        "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n        \
         serializer.serialize_str(self.as_str())\n    }\n}\n\n",
    );
    let _ = writeln!(out, "impl<'de> serde::Deserialize<'de> for {name} {{");
    let _ = writeln!(
        out,
        "    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        \
         {rt}::__private::enums::deserialize(deserializer)\n    }}\n}}"
    );
    out
}

/// An enum of integers, numbers or booleans.
fn emit_scalar(name: &str, description: &str, def: &EnumDef, rt: &str) -> String {
    let (ty, accessor) = match def.kind {
        EnumKind::Integer => ("i64", "as_i64"),
        EnumKind::Number => ("f64", "as_f64"),
        _ => ("bool", "as_bool"),
    };
    // An enum of both booleans has nothing left to keep.
    let complete = def.kind == EnumKind::Boolean && def.variants.len() == 2;
    let open = def.open && !complete;
    // Rust literals of the values: `f64`'s `Debug` always writes a point or
    // an exponent.
    let literal = |wire: &str| match def.kind {
        EnumKind::Number => format!("{:?}", wire.parse::<f64>().unwrap_or_default()),
        _ => wire.to_owned(),
    };
    let mut text = format!("{description}\n\nTravels as a JSON {}.\n", if ty == "bool" { "boolean" } else { "number" });
    if open {
        text.push_str(&format!(
            "\nValues this version of the client does not know decode as [`Self::{UNKNOWN_VARIANT}`], which only \
             the conversions build: `from` gives the listed variant for a listed value.\n"
        ));
    }
    let mut out = doc_text(&text, 0);
    let derives =
        if def.kind == EnumKind::Number { "Debug, Clone, PartialEq" } else { "Debug, Clone, PartialEq, Eq, Hash" };
    let _ = writeln!(out, "#[derive({derives})]\n#[non_exhaustive]\npub enum {name} {{");
    for variant in &def.variants {
        out.push_str(&doc_text(&code(&variant.wire), 4));
        let _ = writeln!(out, "    {},", variant.name);
    }
    if open {
        let _ = writeln!(
            out,
            "    /// A value the spec does not list, kept as sent.\n    {UNKNOWN_VARIANT}({rt}::UnknownValue<{ty}>),"
        );
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "impl {name} {{");
    let _ = writeln!(
        out,
        "    /// The value as it travels on the wire.\n    pub fn {accessor}(&self) -> {ty} {{\n        match self {{"
    );
    for variant in &def.variants {
        let _ = writeln!(out, "            {name}::{} => {},", variant.name, literal(&variant.wire));
    }
    if open {
        let _ = writeln!(out, "            {name}::{UNKNOWN_VARIANT}(value) => value.get(),");
    }
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(out, "impl std::fmt::Display for {name} {{");
    let _ = writeln!(
        out,
        "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
         std::fmt::Display::fmt(&self.{accessor}(), f)\n    }}\n}}\n"
    );

    // From the value: every value (open), or the listed ones (closed).
    let arms = |out: &mut String, ok: &str| {
        for (i, variant) in def.variants.iter().enumerate() {
            let (wire, variant) = (&variant.wire, &variant.name);
            let _ = match def.kind {
                EnumKind::Number => {
                    let keyword = if i == 0 { "if" } else { "} else if" };
                    writeln!(
                        out,
                        "        {keyword} value == {} {{\n            {ok}{name}::{variant}{}",
                        literal(wire),
                        if ok.is_empty() { "" } else { ")" }
                    )
                }
                _ => writeln!(
                    out,
                    "            {} => {ok}{name}::{variant}{},",
                    literal(wire),
                    if ok.is_empty() { "" } else { ")" }
                ),
            };
        }
    };
    let infallible = open || complete;
    if infallible {
        let _ = writeln!(out, "impl From<{ty}> for {name} {{\n    fn from(value: {ty}) -> Self {{");
        let unknown = format!("{name}::{UNKNOWN_VARIANT}({rt}::__private::enums::unknown_scalar(value))");
        if def.kind == EnumKind::Number {
            arms(&mut out, "");
            let _ = writeln!(out, "        }} else {{\n            {unknown}\n        }}");
        } else {
            out.push_str("        match value {\n");
            arms(&mut out, "");
            if open {
                let _ = writeln!(out, "            _ => {unknown},");
            }
            out.push_str("        }\n");
        }
        out.push_str("    }\n}\n\n");
    } else {
        let _ = writeln!(
            out,
            "impl TryFrom<{ty}> for {name} {{\n    type Error = {rt}::ParseEnumError;\n\n    fn try_from(value: {ty}) -> Result<Self, {rt}::ParseEnumError> {{"
        );
        if def.kind == EnumKind::Number {
            arms(&mut out, "Ok(");
            let _ =
                writeln!(out, "        }} else {{\n            {}\n        }}", refusal("value", name, def, rt, 12));
        } else {
            out.push_str("        match value {\n");
            arms(&mut out, "Ok(");
            let _ = writeln!(out, "            _ => {},", refusal("value", name, def, rt, 12));
            out.push_str("        }\n");
        }
        out.push_str("    }\n}\n\n");
    }
    // Text is parsed as the value's type, then converted as above.
    let _ = writeln!(out, "impl std::str::FromStr for {name} {{");
    let _ = writeln!(
        out,
        "    type Err = {rt}::ParseEnumError;\n\n    fn from_str(value: &str) -> Result<Self, {rt}::ParseEnumError> {{\n        \
         match value.parse::<{ty}>() {{"
    );
    if infallible {
        let _ = writeln!(out, "            Ok(value) => Ok({name}::from(value)),");
    } else {
        let _ = writeln!(out, "            Ok(value) => {name}::try_from(value),");
    }
    let _ = writeln!(out, "            Err(_) => {},", refusal("value", name, def, rt, 12));
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(out, "impl serde::Serialize for {name} {{");
    out.push_str("    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n");
    if def.kind == EnumKind::Number {
        // A whole number the spec wrote as one stays one (`1`, not `1.0`).
        out.push_str("        match self {\n");
        for variant in &def.variants {
            let call = match variant.wire.parse::<i64>() {
                Ok(n) => format!("serialize_i64({n})"),
                Err(_) => format!("serialize_f64({})", literal(&variant.wire)),
            };
            let _ = writeln!(out, "            {name}::{} => serializer.{call},", variant.name);
        }
        if open {
            let _ =
                writeln!(out, "            {name}::{UNKNOWN_VARIANT}(value) => serializer.serialize_f64(value.get()),");
        }
        out.push_str("        }\n");
    } else {
        let _ = writeln!(out, "        serializer.serialize_{ty}(self.{accessor}())");
    }
    out.push_str("    }\n}\n\n");
    let _ = writeln!(out, "impl<'de> serde::Deserialize<'de> for {name} {{");
    out.push_str("    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n");
    let _ = writeln!(out, "        let value = <{ty} as serde::Deserialize>::deserialize(deserializer)?;");
    if infallible {
        let _ = writeln!(out, "        Ok({name}::from(value))\n    }}\n}}");
    } else {
        let _ = writeln!(out, "        {name}::try_from(value).map_err(serde::de::Error::custom)\n    }}\n}}");
    }
    out
}
