//! JSON Schema (draft-07, and the draft-04 subset the data uses) to schema
//! files of our spec.
//!
//! Every keyword of a schema node is taken from a [`Node`] as it is used;
//! what is left over at the end is recorded as a loss, so no keyword is
//! dropped silently. Inline objects with properties are hoisted into schemas
//! of their own, named after their path (`device` > `tags` > items:
//! `deviceTagsItem`), and deduplicated: an inline object identical (same
//! canonical JSON) to a top-level schema refers to it, and one identical to
//! an object hoisted before reuses that. Losses inside a reused structure
//! are copied to each place it occurs, so counts are per occurrence in the
//! data.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::model::{Body, Field, Schema};
use super::report::{Losses, pointer_segment};
use super::source::definition_name;

/// Keywords of JSON Schema (draft-04 to draft-07): left over, they are
/// unsupported; any other key is not JSON Schema at all (validators ignore
/// it) and is reported as such.
pub(crate) const JSON_SCHEMA_KEYWORDS: [&str; 45] = [
    "$schema",
    "$id",
    "id",
    "$ref",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "example",
    "readOnly",
    "writeOnly",
    "deprecated",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "items",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "dependencies",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
];

/// Words of other validators (Joi's `min` and `max`) that the data writes
/// where JSON Schema's `minimum` or `minLength` would be. Validators of the
/// published schemas ignore them, so they are no fact of the API as
/// published: reading them as bounds would make the client refuse values
/// the schema allows. They are reported as ignored, with their values.
const IGNORED_WORDS: [&str; 2] = ["min", "max"];

/// The kind of a title that its description already says.
const TITLE_SAID: &str = "ignored: `title` that the description already says";

/// Whether a description already says its title: it contains the title's
/// words, in any case (`API Token` in `Schema for a single API Token`).
fn title_is_said(description: &str, title: &str) -> bool {
    description.to_lowercase().contains(&title.to_lowercase())
}

/// A node's documentation: the format has no `title`, so a title goes into
/// the description, as its first sentence (`Event Patch. Schema for the body
/// of ...`), unless the description already says it; a title alone is the
/// description.
fn documentation(description: Option<String>, title: Option<String>) -> Option<String> {
    match (description, title) {
        (Some(d), Some(t)) if title_is_said(&d, &t) => Some(d),
        (Some(d), Some(t)) => Some(format!("{}. {d}", t.trim_end_matches('.'))),
        (d, t) => d.or(t),
    }
}

/// `text` after `first`, as sentences of one description.
fn append(first: Option<String>, text: Option<String>) -> Option<String> {
    match (first, text) {
        (Some(f), Some(t)) => Some(format!("{}. {t}", f.trim_end_matches('.'))),
        (f, t) => f.or(t),
    }
}

/// The documentation of an `anyOf` or `oneOf` whose alternatives only name
/// required keys (`[{required: [cron, toEmail]}, {required: [cron,
/// callbackUrl]}]`): which sets of keys the object needs, a fact the format
/// has no key for (the struct makes none of them required), written into
/// its description. `None` when a node has no such list.
fn required_sets(map: &Map<String, Value>) -> Option<String> {
    let mut out = Vec::new();
    if let Some(sets) = required_sets_of(map, "anyOf") {
        out.push(format!("Needs the keys of at least one of these sets: {}.", sets.join("; ")));
    }
    if let Some(sets) = required_sets_of(map, "oneOf") {
        out.push(format!("Needs the keys of exactly one of these sets: {}.", sets.join("; ")));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The sets of required keys `key` (`anyOf` or `oneOf`) lists, each as
/// code spans, when every alternative is `{required: [...]}` and nothing
/// else.
fn required_sets_of(map: &Map<String, Value>, key: &str) -> Option<Vec<String>> {
    let list = map.get(key)?.as_array().filter(|l| !l.is_empty())?;
    list.iter()
        .map(|alternative| {
            let names = alternative.as_object().filter(|m| m.len() == 1)?.get("required")?.as_array()?;
            let names: Option<Vec<String>> = names.iter().map(|n| n.as_str().map(|n| format!("`{n}`"))).collect();
            names.filter(|n| !n.is_empty()).map(|n| n.join(", "))
        })
        .collect()
}

/// Schemas whose converted names would clash with a type of the generated
/// client get the Rust names today's spec gives them (spec/schemas).
const RUST_NAMES: [(&str, &str); 1] = [("error", "ApiErrorBody")];

/// The keys of one schema node not yet used.
struct Node<'v> {
    keys: BTreeMap<&'v str, &'v Value>,
}

impl<'v> Node<'v> {
    fn new(map: &'v Map<String, Value>) -> Self {
        Node { keys: map.iter().map(|(k, v)| (k.as_str(), v)).collect() }
    }

    fn take(&mut self, key: &str) -> Option<&'v Value> {
        self.keys.remove(key)
    }

    fn has(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }
}

/// Names of schema files, unique even after conversion to Rust type names
/// (which are case-converted, so `fooBar` and `FooBar` or `foo_bar` clash).
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    taken: BTreeSet<String>,
}

impl NameTable {
    fn key(name: &str) -> String {
        restspec_codegen::names::pascal(name).unwrap_or_else(|| name.to_owned()).to_lowercase()
    }

    /// Reserves a name as it is (a top-level schema's); false if taken.
    pub(crate) fn reserve(&mut self, name: &str) -> bool {
        self.taken.insert(Self::key(name))
    }

    /// `base`, or `base2`, `base3`, ... : the first that is free.
    pub(crate) fn claim(&mut self, base: &str) -> String {
        if self.reserve(base) {
            return base.to_owned();
        }
        (2..).map(|i| format!("{base}{i}")).find(|name| self.reserve(name)).expect("some suffix is free")
    }
}

/// A path segment as a part of a camelCase name: `tags` -> `Tags`,
/// `$date` -> `Date`, `sqs-config` -> `SqsConfig`.
pub(crate) fn name_segment(key: &str) -> String {
    let mut out = String::new();
    for part in key.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Property");
    }
    out
}

fn child(at: &str, segment: &str) -> String {
    format!("{at}/{}", pointer_segment(segment))
}

/// A value for a loss's detail, cut to a readable length.
pub(crate) fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text }
}

/// Allowed values of a `ty` (string, integer, number or boolean), as the
/// spec lists them: values of that type, each once. Every value has a Rust
/// variant name (the generator's naming rule never fails), so only values
/// of another type (`null` among them) and repeats are losses.
pub(crate) fn enum_values(values: &Value, ty: &str, at: &str, losses: &mut Losses) -> Option<Vec<Value>> {
    let at = child(at, "enum");
    let Some(list) = values.as_array() else {
        losses.add("`enum` that is not a list", &at, shown(values));
        return None;
    };
    let mut out: Vec<Value> = Vec::new();
    for value in list {
        let fits = match ty {
            "string" => value.is_string(),
            "integer" => value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => false,
        };
        if !fits {
            let kind = if value.is_null() {
                "`null` among enum values".to_owned()
            } else {
                format!("enum value that is not {} {ty} (dropped)", if ty == "integer" { "an" } else { "a" })
            };
            losses.add(kind, &at, shown(value));
            continue;
        }
        // Numbers are one value whatever their spelling (`1`, `1.0`).
        let same = |v: &Value| match (v.as_f64(), value.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => v == value,
        };
        if out.iter().any(same) {
            losses.add("enum value listed twice", &at, shown(value));
            continue;
        }
        out.push(value.clone());
    }
    (!out.is_empty()).then_some(out)
}

/// An inline object converted once, reused by later identical ones.
#[derive(Debug, Clone)]
struct Hoisted {
    name: String,
    /// Where it was first converted, and the losses and pending copies
    /// recorded while converting it.
    base: String,
    losses: (usize, usize),
    pending: (usize, usize),
}

/// Converts JSON Schemas; collects hoisted schemas and losses.
#[derive(Debug)]
pub(crate) struct Converter<'s> {
    schemas: &'s BTreeMap<String, Value>,
    examples: &'s BTreeMap<String, Value>,
    /// The top-level schema being converted.
    current: String,
    pub(crate) losses: Losses,
    pub(crate) names: NameTable,
    /// Hoisted schemas, in the order they were made.
    pub(crate) hoisted: Vec<Schema>,
    /// Inline objects by canonical JSON.
    cache: BTreeMap<String, Hoisted>,
    /// Top-level object schemas by canonical JSON (without `$schema`).
    top_level: BTreeMap<String, String>,
    /// The losses and pending copies recorded in each top-level object's
    /// body, and where.
    top_ranges: BTreeMap<String, Hoisted>,
    /// Copies of a top-level schema's losses to make when all are
    /// converted: (schema, location of the copy), every occurrence.
    pending_log: Vec<(String, String)>,
}

impl<'s> Converter<'s> {
    /// A converter for these top-level schemas (their names are reserved).
    pub(crate) fn new(schemas: &'s BTreeMap<String, Value>, examples: &'s BTreeMap<String, Value>) -> Self {
        let mut names = NameTable::default();
        let mut top_level = BTreeMap::new();
        for (name, value) in schemas {
            names.reserve(name);
            // Keyed by the structure as read, so that an inline copy (read
            // the same way) finds it.
            let gathered = value.as_object().and_then(super::defects::properties_outside);
            let map = gathered.as_ref().map(|(m, _)| m).or(value.as_object());
            if let Some(map) = map.filter(|m| is_object_with_properties(m)) {
                top_level.entry(structure(map)).or_insert_with(|| name.clone());
            }
        }
        Converter {
            schemas,
            examples,
            current: String::new(),
            losses: Losses::default(),
            names,
            hoisted: Vec::new(),
            cache: BTreeMap::new(),
            top_level,
            top_ranges: BTreeMap::new(),
            pending_log: Vec::new(),
        }
    }

    /// Converts every top-level schema; returns them and the hoisted ones,
    /// sorted by name.
    pub(crate) fn convert_all(&mut self, schemas: &BTreeMap<String, Value>) -> Vec<Schema> {
        let mut out: Vec<Schema> = schemas.iter().map(|(name, value)| self.schema(name, value)).collect();
        self.resolve_pending();
        out.append(&mut self.hoisted);
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Copies the losses of top-level schemas to the places that hold
    /// identical copies of them.
    fn resolve_pending(&mut self) {
        let mut queue = self.pending_log.clone();
        while let Some((target, at)) = queue.pop() {
            let Some(range) = self.top_ranges.get(&target).cloned() else { continue };
            self.losses.copy_range(range.losses.0, range.losses.1, &range.base, &at);
            for (nested, nested_at) in self.pending_slice(range.pending) {
                if let Some(rest) = nested_at.strip_prefix(&range.base) {
                    queue.push((nested, format!("{at}{rest}")));
                }
            }
        }
    }

    fn pending_slice(&self, (from, to): (usize, usize)) -> Vec<(String, String)> {
        self.pending_log[from..to].to_vec()
    }

    /// One top-level schema file.
    fn schema(&mut self, name: &str, value: &Value) -> Schema {
        let at = format!("schemas/{name}.json#");
        let rust_name = RUST_NAMES.iter().find(|(n, _)| *n == name).map(|(_, r)| (*r).to_owned());
        self.current = name.to_owned();
        let example = self.examples.get(name).and_then(|e| {
            let top_level = &self.top_level;
            let named = |node: &Value| match node.get("$ref").and_then(Value::as_str) {
                Some(r) => Some(definition_name(r).to_owned()),
                None => top_level.get(&structure(node.as_object()?)).cloned(),
            };
            let lookup = super::defects::Lookup { schemas: self.schemas, examples: self.examples, named: &named };
            super::defects::example(name, e, &lookup, &mut self.losses)
        });
        let Some(map) = value.as_object() else {
            self.losses.add("not a schema", &at, shown(value));
            let body = Body::Other(Field::of_type("any"));
            return Schema { name: name.to_owned(), rust_name, description: None, body, closed: false, example };
        };
        let merged;
        let map = match merge_all_of(map) {
            Some((m, exact)) => {
                if !exact {
                    self.losses.add(
                        "allOf whose parts disagree (merged into one schema, the first part winning)",
                        &at,
                        "",
                    );
                }
                merged = m;
                &merged
            }
            None => map,
        };
        let unwrapped;
        let map = match self.schema_under_properties(map, &at) {
            Some(m) => {
                unwrapped = m;
                &unwrapped
            }
            None => map,
        };
        let gathered;
        let map = match self.properties_outside(map, &at) {
            Some(m) => {
                gathered = m;
                &gathered
            }
            None => map,
        };
        let mut node = Node::new(map);
        node.take("$schema");
        let description = append(self.description(&mut node, &at), required_sets(map));
        for key in ["anyOf", "oneOf"] {
            if required_sets_of(map, key).is_some() {
                node.take(key);
            }
        }
        let mut closed = false;
        let body = if is_object_with_properties(map) {
            if !node.has("type") {
                self.losses.add(
                    "upstream defect: a schema with `properties` and no `type` (read as an object)",
                    &at,
                    "",
                );
            } else if node.take("type").and_then(Value::as_str) != Some("object") {
                self.losses.add("`type` other than object beside `properties`", &at, "");
            }
            // Written on every reference ([`root_key_counts`]).
            if root_key_counts(value) != (None, None) {
                node.take("minProperties");
                node.take("maxProperties");
            }
            let losses_from = self.losses.len();
            let pending_from = self.pending_log.len();
            let (properties, additional, object_closed) = self.object_body(&mut node, &at, name);
            closed = object_closed;
            self.top_ranges.insert(
                name.to_owned(),
                Hoisted {
                    name: name.to_owned(),
                    base: at.clone(),
                    losses: (losses_from, self.losses.len()),
                    pending: (pending_from, self.pending_log.len()),
                },
            );
            Body::Object(properties, additional)
        } else {
            let field = self.shape(&mut node, &at, name);
            self.root_body(field, &at)
        };
        self.leftovers(node, &at);
        Schema { name: name.to_owned(), rust_name, description, body, closed, example }
    }

    /// A node whose schema the data wrote under `properties`, as meant
    /// ([`super::defects::schema_under_properties`]), reported.
    fn schema_under_properties(&mut self, map: &Map<String, Value>, at: &str) -> Option<Map<String, Value>> {
        let unwrapped = super::defects::schema_under_properties(map)?;
        self.losses.add(
            "upstream defect: a schema under `properties` (read as the schema itself)",
            &child(at, "properties"),
            "",
        );
        Some(unwrapped)
    }

    /// Whether a converted field may hold an array: an array, any value, a
    /// one-of with such an alternative, or a schema that is not an object
    /// (hoisted schemas always are).
    fn may_be_array(&self, field: &Field) -> bool {
        match (&field.ty, &field.one_of, &field.reference) {
            (_, Some(alternatives), _) => alternatives.iter().any(|a| self.may_be_array(a)),
            (Some(ty), None, _) => ty == "array" || ty == "any",
            (None, None, Some(name)) => self.schemas.get(name).is_some_and(|schema| {
                let object = schema.get("type").and_then(Value::as_str) == Some("object")
                    || schema.as_object().is_some_and(is_object_with_properties);
                !object
            }),
            (None, None, None) => true,
        }
    }

    /// A node whose properties the data wrote beside `properties`, with
    /// them moved in ([`super::defects::properties_outside`]), each
    /// reported.
    fn properties_outside(&mut self, map: &Map<String, Value>, at: &str) -> Option<Map<String, Value>> {
        let (gathered, keys) = super::defects::properties_outside(map)?;
        for key in keys {
            self.losses.add(
                "upstream defect: a property outside `properties` (read as a property)",
                &child(at, &key),
                shown(&map[&key]),
            );
        }
        Some(gathered)
    }

    /// What a schema file can declare of a converted root.
    fn root_body(&mut self, field: Field, at: &str) -> Body {
        let limits = [
            ("pattern", field.pattern.is_some()),
            ("format", field.format.is_some()),
            ("minLength", field.min_length.is_some()),
            ("maxLength", field.max_length.is_some()),
            ("maxItems", field.max_items.is_some()),
            ("minItems", field.min_items.is_some()),
            ("uniqueItems", field.unique_items),
            ("minimum", field.minimum.is_some()),
            ("maximum", field.maximum.is_some()),
            ("minProperties", field.min_properties.is_some()),
            ("maxProperties", field.max_properties.is_some()),
        ];
        for (key, present) in limits {
            if present {
                self.losses.add(format!("`{key}` on a schema's root (no such key in a schema file)"), at, "");
            }
        }
        if field.nullable {
            self.losses.add("nullable schema root (no such key in a schema file)", at, "");
        }
        match field {
            Field { one_of: Some(alternatives), .. } => Body::OneOf(alternatives),
            Field { values: Some(values), ty, .. } => Body::Enum(ty.unwrap_or_else(|| "string".into()), values),
            Field { items: Some(items), .. } => Body::Array(*items),
            Field { map_values: Some(values), key_pattern, .. } => Body::Map(*values, key_pattern),
            other => {
                let what = other.ty.clone().or(other.reference.clone()).unwrap_or_default();
                self.losses.add("schema that is a single value (not an object, enum, list, map or one-of)", at, what);
                Body::Other(other)
            }
        }
    }

    /// `description` and `title` as one text ([`documentation`]); a title
    /// the description already says is reported as ignored.
    fn description(&mut self, node: &mut Node<'_>, at: &str) -> Option<String> {
        let description = node.take("description").map(|d| match d.as_str() {
            Some(s) => s.to_owned(),
            None => d.to_string(),
        });
        let title = node.take("title").map(shown);
        if let (Some(d), Some(t)) = (&description, &title)
            && title_is_said(d, t)
        {
            self.losses.add(TITLE_SAID, at, t);
        }
        documentation(description, title)
    }

    /// `example`, or the first of `examples` (a loss when there are more).
    fn example(&mut self, node: &mut Node<'_>, at: &str) -> Option<Value> {
        let example = node.take("example").cloned();
        match node.take("examples") {
            Some(Value::Array(list)) if example.is_none() && !list.is_empty() => {
                if list.len() > 1 {
                    self.losses.add("`examples` beyond the first (dropped)", &child(at, "examples"), shown(&list[1]));
                }
                Some(list[0].clone())
            }
            Some(other) => {
                self.losses.add("unsupported keyword `examples`", &child(at, "examples"), shown(other));
                example
            }
            None => example,
        }
    }

    /// Reports the keys of a node nothing used.
    fn leftovers(&mut self, node: Node<'_>, at: &str) {
        for (key, value) in node.keys {
            let kind = if JSON_SCHEMA_KEYWORDS.contains(&key) {
                format!("unsupported keyword `{key}`")
            } else if super::defects::looks_like_schema(value) {
                "schema under an unknown key (a property outside `properties`?; validators ignore it)".to_owned()
            } else if IGNORED_WORDS.contains(&key) {
                format!("ignored: `{key}` (not JSON Schema: no validator applies it, so it bounds nothing)")
            } else {
                format!("unknown keyword `{key}` (not JSON Schema; validators ignore it)")
            };
            self.losses.add(kind, &child(at, key), shown(value));
        }
    }

    /// A property, items, values or alternative.
    pub(crate) fn field(&mut self, value: &Value, at: &str, hint: &str) -> Field {
        let Some(map) = value.as_object() else {
            self.losses.add("not a schema", at, shown(value));
            return Field::of_type("any");
        };
        let merged;
        let map = match merge_all_of(map) {
            Some((m, exact)) => {
                if !exact {
                    self.losses.add(
                        "allOf whose parts disagree (merged into one schema, the first part winning)",
                        at,
                        "",
                    );
                }
                merged = m;
                &merged
            }
            None => map,
        };
        let unwrapped;
        let map = match self.schema_under_properties(map, at) {
            Some(m) => {
                unwrapped = m;
                &unwrapped
            }
            None => map,
        };
        let gathered;
        let map = match self.properties_outside(map, at) {
            Some(m) => {
                gathered = m;
                &gathered
            }
            None => map,
        };
        let mut node = Node::new(map);
        let description = append(self.description(&mut node, at), required_sets(map));
        let example = self.example(&mut node, at);
        let default = node.take("default");
        let mut field = self.shape_of(map, &mut node, at, hint);
        if field.description.is_none() {
            field.description = description;
        }
        field.example = example;
        if let Some(default) = default {
            if default_fits(&field, default) {
                field.default = Some(default.clone());
            } else {
                self.losses.add(
                    "`default` that does not fit the type (dropped)",
                    &child(at, "default"),
                    shown(default),
                );
            }
        }
        // JSON Schema applies array keywords to arrays only: beside a
        // schema that takes no array they constrain nothing.
        if !self.may_be_array(&field) {
            for key in ["maxItems", "minItems", "uniqueItems"] {
                if let Some(value) = node.take(key) {
                    let kind = format!(
                        "ignored: `{key}` on a value that is never an array (JSON Schema applies it to arrays only)"
                    );
                    self.losses.add(kind, &child(at, key), shown(value));
                }
            }
        }
        self.leftovers(node, at);
        field
    }

    fn shape(&mut self, node: &mut Node<'_>, at: &str, hint: &str) -> Field {
        let map: Map<String, Value> = node.keys.iter().map(|(k, v)| ((*k).to_owned(), (*v).clone())).collect();
        self.shape_of(&map, node, at, hint)
    }

    /// The type of a node; `original` is the whole node, for hoisting.
    fn shape_of(&mut self, original: &Map<String, Value>, node: &mut Node<'_>, at: &str, hint: &str) -> Field {
        if let Some(reference) = node.take("$ref") {
            return match reference.as_str() {
                Some(r) if at == format!("schemas/{}.json#/properties/items/items", self.current) => {
                    match super::defects::self_item(&self.current, r, self.schemas) {
                        Some(item) => {
                            self.losses.add(
                                "upstream defect: a list whose items are the list itself (read as the singular)",
                                at,
                                format!("`{r}` read as `#/definitions/{item}`"),
                            );
                            Field::reference(&item)
                        }
                        None => Field::reference(definition_name(r)),
                    }
                }
                Some(r) => {
                    let name = definition_name(r);
                    let (min_properties, max_properties) =
                        self.schemas.get(name).map(root_key_counts).unwrap_or_default();
                    Field { min_properties, max_properties, ..Field::reference(name) }
                }
                None => {
                    self.losses.add("`$ref` that is not a string", at, shown(reference));
                    Field::of_type("any")
                }
            };
        }
        for key in ["oneOf", "anyOf"] {
            if node.keys.get(key).is_some_and(|alternatives| only_constraints(alternatives)) {
                let alternatives = node.take(key).unwrap_or_default();
                // Sets of required keys are in the description
                // ([`required_sets`]).
                if required_sets_of(original, key).is_none() {
                    let kind = format!("{key} of constraints only (e.g. required names; dropped)");
                    self.losses.add(kind, &child(at, key), shown(alternatives));
                }
            }
        }
        if let Some(alternatives) = node.take("oneOf") {
            return self.one_of(alternatives, &child(at, "oneOf"), hint);
        }
        if let Some(any_of) = node.take("anyOf") {
            self.losses.add("anyOf (dropped)", &child(at, "anyOf"), shown(any_of));
        }
        let mut types: Vec<String> = match node.take("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(list)) => {
                let mut types = Vec::new();
                for t in list {
                    match t.as_str() {
                        Some(t) if !types.iter().any(|x| x == t) => types.push(t.to_owned()),
                        Some(_) => self.losses.add("type listed twice", &child(at, "type"), shown(t)),
                        None => self.losses.add("`type` entry that is not a string", &child(at, "type"), shown(t)),
                    }
                }
                types
            }
            Some(other) => {
                self.losses.add("`type` that is not a string or list", &child(at, "type"), shown(other));
                Vec::new()
            }
            None => {
                let inferred = infer_type(node);
                // Allowed values of one type leave no other: the type is
                // exact. Any other keyword applies to one type and lets
                // the others pass, so reading it as that type is a guess.
                let exact = node.keys.get("enum").is_some_and(|values| enum_type(values) == inferred);
                if inferred != "any" && !exact {
                    self.losses.add(format!("no `type` (inferred `{inferred}`)"), at, "");
                }
                vec![inferred.to_owned()]
            }
        };
        // `null` in a type list is `nullable`; `type: null` alone is a
        // value that is always null, which the format has no word for.
        let nullable = types.iter().any(|t| t == "null");
        if nullable {
            types.retain(|t| t != "null");
            if types.is_empty() {
                self.losses.add("`type: null`", &child(at, "type"), "");
            }
        }
        let mut field = match types.len() {
            0 => Field::of_type("any"),
            1 => self.typed(original, node, &types[0], at, hint),
            _ => self.multi_type(node, &types, at, hint),
        };
        if nullable && !types.is_empty() {
            field.nullable = true;
        }
        field
    }

    /// A node of several types, as a one-of of one alternative per type,
    /// each with the keywords that apply to it. Not a loss: alternatives of
    /// different JSON types never take each other's values, so the one-of
    /// decodes and re-encodes every value exactly (the whole API's example
    /// round trip and `multi_type_lists_round_trip_as_one_ofs` show it).
    fn multi_type(&mut self, node: &mut Node<'_>, types: &[String], at: &str, hint: &str) -> Field {
        let mut alternatives = Vec::new();
        for t in types {
            let mut sub = Map::new();
            sub.insert("type".into(), Value::String(t.clone()));
            let enum_here = if types.iter().any(|t| t == "string") { t == "string" } else { *t == types[0] };
            if enum_here && let Some(values) = node.take("enum") {
                sub.insert("enum".into(), values.clone());
            }
            let keys: &[&str] = match t.as_str() {
                "string" => &["pattern", "format", "minLength", "maxLength"],
                "array" => &["items", "maxItems", "minItems", "uniqueItems", "additionalItems", "contains"],
                "object" => &[
                    "properties",
                    "patternProperties",
                    "additionalProperties",
                    "required",
                    "minProperties",
                    "maxProperties",
                    "propertyNames",
                    "dependencies",
                ],
                "integer" | "number" => &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
                _ => &[],
            };
            for key in keys {
                if let Some(value) = node.take(key) {
                    sub.insert((*key).to_owned(), value.clone());
                }
            }
            alternatives.push(self.field(&Value::Object(sub), at, hint));
        }
        let nullable = lift_nullable(&mut alternatives);
        Field { one_of: Some(alternatives), nullable, ..Field::default() }
    }

    fn one_of(&mut self, alternatives: &Value, at: &str, hint: &str) -> Field {
        let Some(list) = alternatives.as_array() else {
            self.losses.add("`oneOf` that is not a list", at, shown(alternatives));
            return Field::of_type("any");
        };
        let is_null = |a: &Value| a.get("type").and_then(Value::as_str) == Some("null");
        // Alternatives are named by position only when there are several.
        let several = list.iter().filter(|a| !is_null(a)).count() > 1;
        let mut kept: Vec<Field> = Vec::new();
        // A `{type: null}` alternative, or an alternative that may be null,
        // makes the whole value `nullable`.
        let mut nullable = false;
        for (i, alternative) in list.iter().enumerate() {
            let alt_at = child(at, &i.to_string());
            if is_null(alternative) {
                nullable = true;
                continue;
            }
            let alt_hint = if several { format!("{hint}Option{}", kept.len() + 1) } else { hint.to_owned() };
            let mut field = self.field(alternative, &alt_at, &alt_hint);
            nullable |= lift_nullable(std::slice::from_mut(&mut field));
            // Alternatives of one type (strings of different patterns) are
            // all kept: the generator numbers them. Only a repeated schema
            // (the same `ref`, a structure hoisted once) says nothing new.
            let key = variant_key(&field);
            if kept.iter().any(|k| *k == field || (key.starts_with("ref:") && variant_key(k) == key)) {
                continue;
            }
            kept.push(field);
        }
        if let Some(values) = union_of_string_enums(&kept) {
            // Alternatives that are all lists of allowed strings allow any
            // string of any list: one list, and so one enum, says the same
            // thing (a nested choice of enums would make a caller name the
            // alternative a value is in). Their descriptions go with them.
            for (i, alternative) in kept.iter().enumerate() {
                if let Some(text) = &alternative.description {
                    self.losses.add("description of a string enum merged into one", &child(at, &i.to_string()), text);
                }
            }
            let mut field = Field::of_type("string");
            field.values = Some(values);
            field.nullable = nullable;
            return field;
        }
        match kept.len() {
            // Only `null`: any value (which includes `null`).
            0 => Field::of_type("any"),
            1 => Field { nullable, ..kept.pop().unwrap_or_default() },
            _ => Field { one_of: Some(kept), nullable, ..Field::default() },
        }
    }

    fn typed(&mut self, original: &Map<String, Value>, node: &mut Node<'_>, ty: &str, at: &str, hint: &str) -> Field {
        match ty {
            "string" => {
                let mut field = Field::of_type("string");
                if let Some(values) = node.take("enum") {
                    self.enumerate(&mut field, values, at);
                }
                if let Some(pattern) = node.take("pattern") {
                    // Look-around and backreferences included: the generator
                    // keeps what its regex engine cannot read as documentation.
                    match pattern.as_str() {
                        Some(p) => field.pattern = Some(p.to_owned()),
                        None => self.losses.add("`pattern` that is not a string", at, shown(pattern)),
                    }
                }
                if let Some(format) = node.take("format") {
                    match format.as_str() {
                        Some(f) => field.format = Some(f.to_owned()),
                        None => self.losses.add("`format` that is not a string", at, shown(format)),
                    }
                }
                field.min_length = self.take_count(node, "minLength", at);
                field.max_length = self.take_count(node, "maxLength", at);
                // A string with a min_length of 0 says nothing.
                if field.min_length == Some(0) {
                    field.min_length = None;
                }
                field
            }
            "integer" | "number" | "boolean" => {
                let mut field = Field::of_type(ty);
                if let Some(values) = node.take("enum") {
                    self.enumerate(&mut field, values, at);
                }
                if ty != "boolean" {
                    field.minimum = self.take_number(node, "minimum", at);
                    field.maximum = self.take_number(node, "maximum", at);
                }
                field
            }
            "array" => {
                let mut field = Field::of_type("array");
                let items = match node.take("items") {
                    Some(items @ Value::Object(_)) => self.field(items, &child(at, "items"), &format!("{hint}Item")),
                    Some(Value::Array(tuple)) => {
                        self.losses.add("tuple `items` (items of any type instead)", &child(at, "items"), "");
                        let _ = tuple;
                        Field::of_type("any")
                    }
                    Some(other) => {
                        self.losses.add("not a schema", &child(at, "items"), shown(other));
                        Field::of_type("any")
                    }
                    None => Field::of_type("any"),
                };
                field.items = Some(Box::new(items));
                field.max_items = self.take_count(node, "maxItems", at);
                field.min_items = self.take_count(node, "minItems", at);
                // An array with a min_items of 0 says nothing.
                if field.min_items == Some(0) {
                    field.min_items = None;
                }
                if let Some(unique) = node.take("uniqueItems") {
                    match unique.as_bool() {
                        Some(u) => field.unique_items = u,
                        None => self.losses.add("`uniqueItems` that is not a boolean", at, shown(unique)),
                    }
                }
                field
            }
            "object" => {
                let mut field = self.object(original, node, at, hint);
                field.min_properties = self.take_count(node, "minProperties", at).filter(|n| *n > 0);
                field.max_properties = self.take_count(node, "maxProperties", at);
                field
            }
            // Not a JSON Schema type, but what the data means by it.
            "any" => Field::of_type("any"),
            other => {
                self.losses.add("unknown type (any value instead)", &child(at, "type"), other);
                Field::of_type("any")
            }
        }
    }

    /// A scalar field's allowed values. `null` among them is `nullable`
    /// (the value may be `null`, or one of the others), which is what the
    /// format says for a property.
    fn enumerate(&mut self, field: &mut Field, values: &Value, at: &str) {
        let ty = field.ty.clone().unwrap_or_default();
        match values.as_array() {
            Some(list) if list.iter().any(Value::is_null) => {
                field.nullable = true;
                let others: Vec<Value> = list.iter().filter(|v| !v.is_null()).cloned().collect();
                field.values = enum_values(&Value::Array(others), &ty, at, &mut self.losses);
            }
            _ => field.values = enum_values(values, &ty, at, &mut self.losses),
        }
    }

    fn take_number(&mut self, node: &mut Node<'_>, key: &str, at: &str) -> Option<Value> {
        let value = node.take(key)?;
        if !value.is_number() {
            self.losses.add(format!("`{key}` that is not a number"), &child(at, key), shown(value));
            return None;
        }
        Some(value.clone())
    }

    fn take_count(&mut self, node: &mut Node<'_>, key: &str, at: &str) -> Option<u64> {
        let value = node.take(key)?;
        if let Some(count) = value.as_u64() {
            return Some(count);
        }
        // `"10"`: the count, written as a string.
        if let Some(count) = value.as_str().and_then(|t| t.parse::<u64>().ok()) {
            self.losses.add(
                format!("upstream defect: `{key}` written as a string (read as the count)"),
                &child(at, key),
                shown(value),
            );
            return Some(count);
        }
        self.losses.add(format!("`{key}` that is not a count"), &child(at, key), shown(value));
        None
    }

    /// An object: a hoisted schema when it has properties, else a map.
    fn object(&mut self, original: &Map<String, Value>, node: &mut Node<'_>, at: &str, hint: &str) -> Field {
        if !is_object_with_properties(original) {
            return self.map(node, at, hint);
        }
        let canonical = structure(original);
        if let Some(name) = self.top_level.get(&canonical).cloned() {
            // Take the keys the body would have used, so they are not
            // reported as left over; their losses are copied later.
            for key in OBJECT_KEYS {
                node.take(key);
            }
            self.pending_log.push((name.clone(), at.to_owned()));
            return Field::reference(&name);
        }
        if let Some(seen) = self.cache.get(&canonical).cloned() {
            for key in OBJECT_KEYS {
                node.take(key);
            }
            self.losses.copy_range(seen.losses.0, seen.losses.1, &seen.base, at);
            for (target, pending_at) in self.pending_slice(seen.pending) {
                if let Some(rest) = pending_at.strip_prefix(&seen.base) {
                    self.pending_log.push((target, format!("{at}{rest}")));
                }
            }
            return Field::reference(&seen.name);
        }
        let name = self.names.claim(hint);
        let losses_from = self.losses.len();
        let pending_from = self.pending_log.len();
        let (properties, additional, closed) = self.object_body(node, at, &name);
        let text = |key: &str| original.get(key).and_then(Value::as_str).map(str::to_owned);
        let description = append(documentation(text("description"), text("title")), required_sets(original));
        self.hoisted.push(Schema {
            name: name.clone(),
            rust_name: None,
            description,
            body: Body::Object(properties, additional),
            closed,
            example: None,
        });
        self.cache.insert(
            canonical,
            Hoisted {
                name: name.clone(),
                base: at.to_owned(),
                losses: (losses_from, self.losses.len()),
                pending: (pending_from, self.pending_log.len()),
            },
        );
        Field::reference(&name)
    }

    /// The properties of an object, its other keys (`patternProperties`
    /// beside the properties: a map, written as `additional`), whether it
    /// is closed (`additionalProperties: false`), and losses for the object
    /// keywords beside them.
    fn object_body(
        &mut self,
        node: &mut Node<'_>,
        at: &str,
        owner: &str,
    ) -> (Vec<(String, Field)>, Option<Field>, bool) {
        let required: BTreeSet<String> = match node.take("required") {
            Some(Value::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect(),
            Some(other) => {
                self.losses.add("`required` that is not a list", &child(at, "required"), shown(other));
                BTreeSet::new()
            }
            None => BTreeSet::new(),
        };
        let mut fields = Vec::new();
        let properties = node.take("properties").and_then(Value::as_object);
        for (key, value) in properties.into_iter().flatten() {
            let prop_at = child(&child(at, "properties"), key);
            let mut field = self.field(value, &prop_at, &format!("{owner}{}", name_segment(key)));
            field.required = required.contains(key);
            fields.push((key.clone(), field));
        }
        for name in &required {
            if !properties.is_some_and(|p| p.contains_key(name)) {
                self.losses.add("required name not among properties", &child(at, "required"), name);
            }
        }
        // The keys no property takes: a map of the pattern's values (which
        // takes `additionalProperties` too).
        let mut additional = node.has("patternProperties").then(|| self.map(node, at, &format!("{owner}Additional")));
        let mut closed = false;
        match node.take("additionalProperties") {
            // Written as `closed: true`.
            Some(Value::Bool(false)) => closed = true,
            Some(Value::Bool(true)) | None => {}
            // The schema of every other key: a map beside the properties.
            Some(schema @ Value::Object(_)) => {
                let values = self.field(schema, &child(at, "additionalProperties"), &format!("{owner}AdditionalValue"));
                additional =
                    Some(Field { ty: Some("map".into()), map_values: Some(Box::new(values)), ..Field::default() });
            }
            Some(other) => self.losses.add(
                "`additionalProperties` that is not a schema",
                &child(at, "additionalProperties"),
                shown(other),
            ),
        }
        (fields, additional, closed)
    }

    /// An object without properties: a map, its values from
    /// `patternProperties` or `additionalProperties`.
    fn map(&mut self, node: &mut Node<'_>, at: &str, hint: &str) -> Field {
        node.take("properties");
        let additional = node.take("additionalProperties");
        let value_hint = format!("{hint}Value");
        let mut key_pattern = None;
        let values = if let Some(patterns) = node.take("patternProperties") {
            let patterns_at = child(at, "patternProperties");
            let list: Vec<(&String, &Value)> = patterns.as_object().map(|p| p.iter().collect()).unwrap_or_default();
            // The keys match any of the patterns.
            key_pattern = match list.as_slice() {
                [] => None,
                [(only, _)] => Some((*only).clone()),
                several => Some(several.iter().map(|(p, _)| format!("(?:{p})")).collect::<Vec<_>>().join("|")),
            };
            if let Some(other) = additional.filter(|a| a.is_object()) {
                self.losses.add(
                    "additionalProperties schema beside patternProperties (dropped)",
                    &child(at, "additionalProperties"),
                    shown(other),
                );
            }
            let first = list.first().map(|(_, v)| *v);
            match list.len() {
                0 => Field::of_type("any"),
                _ if list.iter().all(|(_, v)| Some(*v) == first) => {
                    let (pattern, schema) = list[0];
                    self.field(schema, &child(&patterns_at, pattern), &value_hint)
                }
                _ => {
                    self.losses.add("patternProperties with different schemas (values of any type)", &patterns_at, "");
                    Field::of_type("any")
                }
            }
        } else {
            match additional {
                Some(schema @ Value::Object(_)) => self.field(schema, &child(at, "additionalProperties"), &value_hint),
                Some(Value::Bool(false)) => {
                    // `{}` and nothing else: an object without fields.
                    let name = self.names.claim(hint);
                    self.hoisted.push(Schema {
                        name: name.clone(),
                        rust_name: None,
                        description: None,
                        body: Body::Object(Vec::new(), None),
                        closed: true,
                        example: None,
                    });
                    return Field::reference(&name);
                }
                _ => Field::of_type("any"),
            }
        };
        Field { ty: Some("map".into()), map_values: Some(Box::new(values)), key_pattern, ..Field::default() }
    }
}

/// Whether a default is a value of the field as converted: of its type and
/// among its allowed values (the generator rejects any other).
fn default_fits(field: &Field, default: &Value) -> bool {
    let typed = match field.ty.as_deref() {
        Some("string") => default.is_string(),
        Some("integer") => default.is_i64(),
        Some("number") => default.is_number(),
        Some("boolean") => default.is_boolean(),
        Some("any") => true,
        _ => false,
    };
    typed && field.values.as_ref().is_none_or(|values| values.contains(default))
}

/// The key counts (`minProperties`, `maxProperties`) at the root of an
/// object schema. A schema file has no key for them, but a `ref` to an
/// object has (`min_properties`, `max_properties`): they are written on
/// every reference to the schema, where they say the same of the value.
pub(crate) fn root_key_counts(schema: &Value) -> (Option<u64>, Option<u64>) {
    let Some(map) = schema.as_object().filter(|m| is_object_with_properties(m)) else {
        return (None, None);
    };
    let count = |key: &str| map.get(key).and_then(Value::as_u64);
    (count("minProperties").filter(|n| *n > 0), count("maxProperties"))
}

/// The canonical JSON of an object schema without the documentation at its
/// root (`title`, `description`; `$schema`): two objects with the same
/// structure are one schema (the documentation stays on the property that
/// refers to it).
fn structure(map: &Map<String, Value>) -> String {
    let mut without = map.clone();
    for key in ["$schema", "title", "description"] {
        without.remove(key);
    }
    Value::Object(without).to_string()
}

/// The keys an object's body uses.
const OBJECT_KEYS: [&str; 4] = ["properties", "patternProperties", "additionalProperties", "required"];

/// Whether a node is an object with at least one property.
fn is_object_with_properties(map: &Map<String, Value>) -> bool {
    let typed_object = match map.get("type") {
        None => true,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some("object")),
        Some(t) => t.as_str() == Some("object"),
    };
    typed_object
        // A one-of of shapes is the node's type; one of constraints only
        // (sets of required keys) leaves it an object.
        && map.get("oneOf").is_none_or(only_constraints)
        && !map.contains_key("$ref")
        && map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty())
}

/// Whether a list of alternatives only constrains the node they stand in
/// (`[{required: [a]}, {required: [b]}]`) rather than giving shapes.
fn only_constraints(alternatives: &Value) -> bool {
    let shapes = ["type", "$ref", "properties", "items", "oneOf", "anyOf", "allOf", "enum", "patternProperties"];
    alternatives.as_array().is_some_and(|list| {
        !list.is_empty()
            && list.iter().all(|a| a.as_object().is_some_and(|m| !shapes.iter().any(|k| m.contains_key(*k))))
    })
}

/// The type a node without `type` has, from its keywords.
fn infer_type(node: &Node<'_>) -> &'static str {
    if ["properties", "patternProperties", "additionalProperties", "required"].iter().any(|k| node.has(k)) {
        "object"
    } else if ["items", "maxItems", "minItems", "uniqueItems"].iter().any(|k| node.has(k)) {
        "array"
    } else if ["pattern", "format", "minLength", "maxLength"].iter().any(|k| node.has(k)) {
        "string"
    } else {
        node.keys.get("enum").map_or("any", |values| enum_type(values))
    }
}

/// The one type of a list of allowed values (`null` aside), or `any`.
fn enum_type(values: &Value) -> &'static str {
    let values: Vec<&Value> = values.as_array().into_iter().flatten().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        "any"
    } else if values.iter().all(|v| v.is_string()) {
        "string"
    } else if values.iter().all(|v| v.is_i64() || v.is_u64()) {
        "integer"
    } else if values.iter().all(|v| v.is_number()) {
        "number"
    } else if values.iter().all(|v| v.is_boolean()) {
        "boolean"
    } else {
        "any"
    }
}

/// A node with `allOf` of object schemas: one schema with all their keys
/// (the node's own and the first schema's win), their properties and their
/// required names together, and whether that is exact (no part disagrees
/// with another). `None` when there is nothing to merge.
fn merge_all_of(map: &Map<String, Value>) -> Option<(Map<String, Value>, bool)> {
    let list = map.get("allOf")?.as_array()?;
    if list.is_empty() || !list.iter().all(Value::is_object) {
        return None;
    }
    // The merge says exactly what the list says when no two parts give one
    // keyword (or one property) different values, and no part limits the
    // other keys (`additionalProperties`), which would refuse the other
    // parts' properties.
    let mut exact = !list.iter().any(|p| p.get("additionalProperties").is_some_and(|a| a != &Value::Bool(true)));
    let mut merged: Map<String, Value> =
        map.iter().filter(|(k, _)| *k != "allOf").map(|(k, v)| (k.clone(), v.clone())).collect();
    for part in list.iter().filter_map(Value::as_object) {
        for (key, value) in part {
            match (key.as_str(), merged.get_mut(key), value) {
                ("properties", Some(Value::Object(into)), Value::Object(from)) => {
                    for (k, v) in from {
                        exact &= into.get(k).is_none_or(|had| had == v);
                        into.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                ("required", Some(Value::Array(into)), Value::Array(from)) => {
                    for v in from {
                        if !into.contains(v) {
                            into.push(v.clone());
                        }
                    }
                }
                (_, Some(had), _) => exact &= had == value,
                (_, None, _) => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
    }
    Some((merged, exact))
}

/// The allowed values of several alternatives that are each a plain list of
/// allowed strings (nothing else said of them but a description), in order
/// and without repeats; `None` for anything else.
fn union_of_string_enums(alternatives: &[Field]) -> Option<Vec<Value>> {
    if alternatives.len() < 2 {
        return None;
    }
    let mut union: Vec<Value> = Vec::new();
    for alternative in alternatives {
        let values = alternative.values.as_ref()?;
        let plain = Field {
            ty: Some("string".to_owned()),
            values: Some(values.clone()),
            description: alternative.description.clone(),
            ..Field::default()
        };
        if *alternative != plain {
            return None;
        }
        for value in values {
            if !union.contains(value) {
                union.push(value.clone());
            }
        }
    }
    Some(union)
}

/// What decides a one-of variant's Rust name: alternatives with the same
/// key would become the same variant.
/// Takes `nullable` off alternatives (the format puts it beside the
/// `one_of`), saying whether any had it.
fn lift_nullable(alternatives: &mut [Field]) -> bool {
    let mut any = false;
    for alternative in alternatives {
        any |= std::mem::take(&mut alternative.nullable);
    }
    any
}

fn variant_key(field: &Field) -> String {
    if let Some(r) = &field.reference {
        return format!("ref:{r}");
    }
    if field.one_of.is_some() || field.values.is_some() {
        // Inline enums and one-ofs get a name of their own.
        return format!("inline:{}", Value::from(format!("{field:?}")));
    }
    let inner = field.items.as_deref().or(field.map_values.as_deref()).map(variant_key).unwrap_or_default();
    format!("{}:{inner}", field.ty.as_deref().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_case_insensitively_and_stable() {
        let mut table = NameTable::default();
        assert!(table.reserve("device"));
        assert_eq!(table.claim("deviceTags"), "deviceTags");
        assert_eq!(table.claim("DeviceTags"), "DeviceTags2");
        assert_eq!(table.claim("device_tags"), "device_tags3");
        assert_eq!(table.claim("Device"), "Device2");
        assert_eq!(name_segment("$date"), "Date");
        assert_eq!(name_segment("sqs-config"), "SqsConfig");
        assert_eq!(name_segment("^[0-9]+$"), "Property09");
    }

    fn convert(schemas: serde_json::Value) -> (Vec<Schema>, Losses) {
        let schemas: BTreeMap<String, Value> = serde_json::from_value(schemas).unwrap();
        let examples = BTreeMap::new();
        let mut converter = Converter::new(&schemas, &examples);
        let out = converter.convert_all(&schemas);
        (out, std::mem::take(&mut converter.losses))
    }

    #[test]
    fn alternatives_that_are_all_string_enums_are_one_enum_of_their_union() {
        let (schemas, losses) = convert(serde_json::json!({
            "thing": {"type": "object", "properties": {
                "scope": {"oneOf": [
                    {"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["c"]}]},
                    {"type": "string", "enum": ["b", "d"], "description": "The d ones"},
                    {"type": "null"}
                ]},
                "mixed": {"oneOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "pattern": "^x"}]}
            }}
        }));
        let Body::Object(properties, _) = &schemas[0].body else { panic!() };
        let field = |name: &str| &properties.iter().find(|(k, _)| k == name).unwrap().1;
        let values = ["a", "b", "c", "d"].map(|v| Value::String(v.into())).to_vec();
        assert_eq!(field("scope"), &Field { values: Some(values), nullable: true, ..Field::of_type("string") });
        assert_eq!(field("mixed").one_of.as_ref().map(Vec::len), Some(2), "a pattern is not a list of values");
        assert_eq!(
            losses.listing().lines().filter(|l| l.starts_with("description of a string enum")).collect::<Vec<_>>(),
            ["description of a string enum merged into one\tschemas/thing.json#/properties/scope/oneOf/1\tThe d ones"]
        );
    }

    #[test]
    fn null_is_nullable_and_alternatives_of_one_type_are_kept() {
        let (schemas, losses) = convert(serde_json::json!({
            "other": {"type": "object", "properties": {"a": {"type": "string"}}},
            "thing": {"type": "object", "properties": {
                "parent": {"type": ["string", "null"]},
                "at": {"oneOf": [{"type": "string", "format": "date-time"}, {"type": "string", "pattern": "^[0-9]+$"},
                                 {"type": "null"}]},
                "ref": {"oneOf": [{"$ref": "#/definitions/other"}, {"$ref": "#/definitions/other"},
                                  {"type": ["integer", "null"]}]}
            }}
        }));
        let Body::Object(properties, _) = &schemas[1].body else { panic!() };
        let field = |name: &str| &properties.iter().find(|(k, _)| k == name).unwrap().1;
        assert_eq!(field("parent"), &Field { nullable: true, ..Field::of_type("string") });
        let at = field("at");
        assert!(at.nullable);
        let alternatives = at.one_of.as_ref().unwrap();
        assert_eq!(alternatives[0], Field { format: Some("date-time".into()), ..Field::of_type("string") });
        assert_eq!(alternatives[1], Field { pattern: Some("^[0-9]+$".into()), ..Field::of_type("string") });
        let reference = field("ref");
        assert!(reference.nullable, "lifted from an alternative");
        let alternatives = reference.one_of.as_ref().unwrap();
        assert_eq!(alternatives, &[Field::reference("other"), Field::of_type("integer")]);
        assert!(losses.0.is_empty(), "{:?}", losses.0);
    }

    #[test]
    fn identical_inline_objects_become_one_schema_and_keep_their_losses_each() {
        let point = serde_json::json!({
            "type": "object", "properties": {"x": {"type": "number", "minimum": 0}}, "additionalProperties": false
        });
        let (schemas, losses) = convert(serde_json::json!({
            "shape": {"type": "object", "properties": {
                "from": point, "to": {"description": "The end", "title": "End", "type": "object",
                                      "properties": {"x": {"type": "number", "minimum": 0}}, "additionalProperties": false},
                "value": {"type": ["string", "number", "object"], "maxLength": 3, "minimum": 1,
                          "properties": {"y": {"type": "string"}}},
                "rule": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                         "anyOf": [{"required": ["a"]}, {"required": ["b"]}]},
                "merged": {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
                                     {"properties": {"b": {"type": "boolean"}}}]}
            }}
        }));
        let names: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["shape", "shapeFrom", "shapeMerged", "shapeRule", "shapeValue"]);
        let Body::Object(properties, _) = &schemas[0].body else { panic!() };
        let field = |name: &str| &properties.iter().find(|(k, _)| k == name).unwrap().1;
        assert_eq!(field("from").reference.as_deref(), Some("shapeFrom"));
        assert_eq!(field("to").reference.as_deref(), Some("shapeFrom"));
        assert_eq!(field("to").description.as_deref(), Some("The end"));
        let alternatives = field("value").one_of.as_ref().unwrap();
        assert_eq!(alternatives[0], Field { max_length: Some(3), ..Field::of_type("string") });
        assert_eq!(alternatives[1], Field { minimum: Some(serde_json::json!(1)), ..Field::of_type("number") });
        assert_eq!(alternatives[2].reference.as_deref(), Some("shapeValue"));
        let Body::Object(merged, _) = &schemas[2].body else { panic!() };
        assert_eq!(
            merged.iter().map(|(k, f)| (k.as_str(), f.required)).collect::<Vec<_>>(),
            [("a", true), ("b", false)]
        );

        let mut kinds: Vec<(String, String)> = losses.0.iter().map(|l| (l.kind.clone(), l.location.clone())).collect();
        kinds.sort();
        let at = "schemas/shape.json#/properties";
        // Closed objects (`closed: true`) and multi-type lists (one-ofs)
        // are written as they are: no losses.
        assert!(schemas[1].closed && !schemas[0].closed);
        // `End` is in `The end`; the merge of `merged` is exact; the sets of
        // required keys of `rule` are in its description.
        assert_eq!(schemas[3].description.as_deref(), Some("Needs the keys of at least one of these sets: `a`; `b`."));
        let expected = [("ignored: `title` that the description already says", format!("{at}/to"))];
        let expected: Vec<(String, String)> = expected.into_iter().map(|(k, l)| (k.to_owned(), l)).collect();
        assert_eq!(kinds, expected);
    }

    #[test]
    fn enums_keep_every_value_of_their_type() {
        let mut losses = Losses::default();
        let values = serde_json::json!(["asc", "desc", "ASC", "", "*", null, 3, "asc", "unknown"]);
        let kept = serde_json::json!(["asc", "desc", "ASC", "", "*", "unknown"]);
        assert_eq!(enum_values(&values, "string", "x#", &mut losses), kept.as_array().cloned());
        assert_eq!(losses.len(), 3);
        let numbers = serde_json::json!([1, 2.5, 1.0, "3", true]);
        assert_eq!(enum_values(&numbers, "number", "x#", &mut losses), serde_json::json!([1, 2.5]).as_array().cloned());
        assert_eq!(enum_values(&numbers, "integer", "x#", &mut losses), serde_json::json!([1]).as_array().cloned());
        assert_eq!(enum_values(&numbers, "boolean", "x#", &mut losses), serde_json::json!([true]).as_array().cloned());
    }
}
