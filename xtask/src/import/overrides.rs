//! Overrides: our corrections and additions to the imported data, kept in
//! the repository (`xtask/overrides/*.yaml`) and applied after conversion,
//! before validation, so that importing a new Losant release is one command.
//!
//! Each file is a YAML list of entries, applied in file name order, then in
//! the order written. An entry names one target in the terms of our spec
//! format, one operation, and why:
//!
//! ```yaml
//! - why: the documented example `key` is not an allowed value
//!   action: applicationApiTokens.get   # resource.action (resources/<resource>.yaml)
//!   param: filterField                 # optional: a param of the action, by name
//!   set: {example: name}               # keys to set on the target
//! ```
//!
//! Targets: `resource: R` (the file `resources/R.yaml`), `action: R.a`
//! (narrowed by `param: name` or `response: code`), `schema: S` (the file
//! `schemas/S.yaml`, narrowed by `property: name`). Operations, exactly one
//! an entry:
//!
//! - `set: {key: value, ...}`: sets keys of the target (a mapping); each
//!   replaces the value in place or is appended;
//! - `remove: [key, ...]`: removes keys of the target;
//! - `add: {...}`: creates the target (a resource or schema file, an action,
//!   a param: `name` is put first; a response: `code` is put first and it
//!   goes to `success` below 400, else `errors`; a property);
//! - `copy: S2` (schemas only): creates the schema file as a copy of `S2`
//!   under the target's name.
//!
//! A stale override is an error, never skipped: a target that is gone, a
//! `set` whose value is already there, a `remove` of a key that is not
//! there, an `add` or `copy` of a target that exists. Each error names the
//! override's file and line, so that after a new release the maintainer
//! deletes or updates exactly the overrides upstream has caught up with.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::yaml::Yaml;

/// Where the overrides live, relative to the project root.
pub(crate) const OVERRIDES_DIR: &str = "xtask/overrides";

/// One override as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    why: String,
    resource: Option<String>,
    action: Option<String>,
    param: Option<String>,
    response: Option<u16>,
    schema: Option<String>,
    property: Option<String>,
    set: Option<Yaml>,
    remove: Option<Vec<String>>,
    add: Option<Yaml>,
    copy: Option<String>,
}

/// One override, checked, with where it is written.
#[derive(Debug)]
pub(crate) struct Override {
    /// `file:line`, for messages.
    pub(crate) at: String,
    target: Target,
    op: Op,
}

#[derive(Debug)]
enum Target {
    Resource(String),
    Action { resource: String, action: String, within: Option<Within> },
    Schema { schema: String, property: Option<String> },
}

#[derive(Debug)]
enum Within {
    Param(String),
    Response(u16),
}

#[derive(Debug)]
enum Op {
    Set(Vec<(String, Yaml)>),
    Remove(Vec<String>),
    Add(Yaml),
    Copy(String),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Resource(r) => write!(f, "resource `{r}`"),
            Target::Action { resource, action, within: None } => write!(f, "action `{resource}.{action}`"),
            Target::Action { resource, action, within: Some(Within::Param(p)) } => {
                write!(f, "param `{p}` of `{resource}.{action}`")
            }
            Target::Action { resource, action, within: Some(Within::Response(c)) } => {
                write!(f, "response {c} of `{resource}.{action}`")
            }
            Target::Schema { schema, property: None } => write!(f, "schema `{schema}`"),
            Target::Schema { schema, property: Some(p) } => write!(f, "property `{p}` of schema `{schema}`"),
        }
    }
}

impl Target {
    fn file(&self) -> String {
        match self {
            Target::Resource(r) | Target::Action { resource: r, .. } => format!("resources/{r}.yaml"),
            Target::Schema { schema, .. } => format!("schemas/{schema}.yaml"),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Set(entries) => {
                let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
                write!(f, "set {}", keys.join(", "))
            }
            Op::Remove(keys) => write!(f, "remove {}", keys.join(", ")),
            Op::Add(_) => f.write_str("add"),
            Op::Copy(from) => write!(f, "copy of `{from}`"),
        }
    }
}

/// Reads every `*.yaml` file of `dir`, in file name order; `label` is the
/// folder as messages name it.
pub(crate) fn read_dir(dir: &Path, label: &str) -> Result<Vec<Override>, Vec<String>> {
    let names = super::source::file_stems(dir, ".yaml").map_err(|e| vec![e])?;
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for stem in names {
        let name = format!("{stem}.yaml");
        let path = dir.join(&name);
        match fs::read_to_string(&path) {
            Ok(text) => match parse(&format!("{label}/{name}"), &text) {
                Ok(overrides) => all.extend(overrides),
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(format!("error: cannot read {}: {e}", path.display())),
        }
    }
    if errors.is_empty() { Ok(all) } else { Err(errors) }
}

/// Parses one file of overrides; `file` is its name in messages.
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Override>, Vec<String>> {
    let entries: Vec<Spanned<Entry>> = match serde_saphyr::from_str(text) {
        Ok(Some(entries)) => entries,
        Ok(None) => Vec::new(),
        Err(e) => return Err(vec![format!("{file}: {e}")]),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for entry in entries {
        let at = format!("{file}:{}", entry.referenced.line());
        match check(entry.value) {
            Ok((target, op)) => out.push(Override { at, target, op }),
            Err(e) => errors.push(format!("{at}: error: {e}")),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Checks that an entry names one target and one operation.
fn check(entry: Entry) -> Result<(Target, Op), String> {
    if entry.why.trim().is_empty() {
        return Err("`why` is empty: say why the override is needed".to_owned());
    }
    let target = match (entry.resource, entry.action, entry.schema) {
        (Some(resource), None, None)
            if entry.param.is_none() && entry.response.is_none() && entry.property.is_none() =>
        {
            Target::Resource(resource)
        }
        (None, Some(action), None) if entry.property.is_none() => {
            let Some((resource, action)) = action.split_once('.') else {
                return Err(format!("`action: {action}` is not `resource.action`"));
            };
            let within = match (entry.param, entry.response) {
                (None, None) => None,
                (Some(p), None) => Some(Within::Param(p)),
                (None, Some(c)) => Some(Within::Response(c)),
                (Some(_), Some(_)) => return Err("give `param` or `response`, not both".to_owned()),
            };
            Target::Action { resource: resource.to_owned(), action: action.to_owned(), within }
        }
        (None, None, Some(schema)) if entry.param.is_none() && entry.response.is_none() => {
            Target::Schema { schema, property: entry.property }
        }
        _ => {
            return Err("name one target: `resource`, `action` (with `param` or `response`) or `schema` \
                        (with `property`)"
                .to_owned());
        }
    };
    let op = match (entry.set, entry.remove, entry.add, entry.copy) {
        (Some(Yaml::Map(entries)), None, None, None) if !entries.is_empty() => Op::Set(entries),
        (Some(_), None, None, None) => return Err("`set` takes a mapping of keys to values".to_owned()),
        (None, Some(keys), None, None) if !keys.is_empty() => Op::Remove(keys),
        (None, None, Some(value @ Yaml::Map(_)), None) => Op::Add(value),
        (None, None, Some(_), None) => return Err("`add` takes a mapping".to_owned()),
        (None, None, None, Some(from)) if matches!(target, Target::Schema { property: None, .. }) => Op::Copy(from),
        (None, None, None, Some(_)) => return Err("`copy` creates a schema: use it with `schema` alone".to_owned()),
        _ => return Err("give exactly one operation: `set`, `remove`, `add` or `copy`".to_owned()),
    };
    Ok((target, op))
}

/// Applies the overrides in order to the converted files (YAML documents
/// by path relative to the spec folder). Returns one line per override
/// applied, or every stale or broken override.
pub(crate) fn apply(overrides: &[Override], docs: &mut BTreeMap<String, Yaml>) -> Result<Vec<String>, Vec<String>> {
    let mut applied = Vec::new();
    let mut errors = Vec::new();
    for o in overrides {
        match apply_one(o, docs) {
            Ok(()) => applied.push(format!("{}: {}: {}", o.at, o.target, o.op)),
            Err(e) => errors.push(format!("{}: error: stale override: {}: {} {e}", o.at, o.target, o.op)),
        }
    }
    if errors.is_empty() { Ok(applied) } else { Err(errors) }
}

fn apply_one(o: &Override, docs: &mut BTreeMap<String, Yaml>) -> Result<(), String> {
    let file = o.target.file();
    // Whole files: a resource or schema created or copied.
    let whole_file = matches!(o.target, Target::Resource(_) | Target::Schema { property: None, .. });
    match (&o.op, whole_file) {
        (Op::Add(_) | Op::Copy(_), true) if docs.contains_key(&file) => {
            return Err(format!("failed: {file} exists already"));
        }
        (Op::Add(Yaml::Map(entries)), true) => {
            let (key, name) = match &o.target {
                Target::Resource(r) => ("resource", r),
                Target::Schema { schema, .. } => ("schema", schema),
                Target::Action { .. } => unreachable!("not a whole file"),
            };
            let mut doc = vec![(key.to_owned(), Yaml::str(name.as_str()))];
            doc.extend(entries.iter().cloned());
            docs.insert(file, Yaml::Map(doc));
            return Ok(());
        }
        (Op::Copy(from), true) => {
            let Some(Yaml::Map(source)) = docs.get(&format!("schemas/{from}.yaml")) else {
                return Err(format!("failed: the schema `{from}` to copy is gone"));
            };
            let Target::Schema { schema, .. } = &o.target else { unreachable!("copy is checked to be a schema") };
            let mut doc = source.clone();
            set_key(&mut doc, "schema", Yaml::str(schema.as_str()));
            docs.insert(file, Yaml::Map(doc));
            return Ok(());
        }
        _ => {}
    }
    let Some(doc) = docs.get_mut(&file) else {
        return Err(format!("failed: {file} is gone"));
    };
    // The mapping that holds the target, and the target's key or index in it.
    let node = match &o.target {
        Target::Resource(_) | Target::Schema { property: None, .. } => doc,
        Target::Schema { property: Some(p), .. } => {
            let properties = get_map(doc, "properties").ok_or("failed: the schema has no `properties`")?;
            return apply_keyed(properties, p, &o.op);
        }
        Target::Action { action, within, .. } => {
            let actions = get_map(doc, "actions").ok_or("failed: the resource has no `actions`")?;
            match within {
                None => return apply_keyed(actions, action, &o.op),
                Some(within) => {
                    let action = get_map(actions, action).ok_or(format!("failed: the action `{action}` is gone"))?;
                    return apply_within(action, within, &o.op);
                }
            }
        }
    };
    apply_to_map(node, &o.op)
}

/// Applies an operation to the entry `key` of a mapping.
fn apply_keyed(map: &mut Yaml, key: &str, op: &Op) -> Result<(), String> {
    let Yaml::Map(entries) = map else { return Err("failed: not a mapping".to_owned()) };
    let found = entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v);
    match (op, found) {
        (Op::Add(_), Some(_)) => Err(format!("failed: `{key}` exists already")),
        (Op::Add(value), None) => {
            entries.push((key.to_owned(), value.clone()));
            Ok(())
        }
        (_, None) => Err(format!("failed: `{key}` is gone")),
        (_, Some(node)) => apply_to_map(node, op),
    }
}

/// Applies an operation to a param or response of an action.
fn apply_within(action: &mut Yaml, within: &Within, op: &Op) -> Result<(), String> {
    let (list, key, id) = match within {
        Within::Param(name) => (get_seq(action, &["params"]), "name", Yaml::str(name.as_str())),
        Within::Response(code) => {
            let group = if *code < 400 { "success" } else { "errors" };
            (get_seq(action, &["responses", group]), "code", Yaml::Number(code.to_string()))
        }
    };
    let found = list.as_ref().and_then(|l| {
        l.iter().position(|item| matches!(item, Yaml::Map(m) if m.iter().any(|(k, v)| k == key && *v == id)))
    });
    match (op, found) {
        (Op::Add(_), Some(_)) => Err("failed: it exists already".to_owned()),
        (Op::Add(Yaml::Map(entries)), None) => {
            let mut item = vec![(key.to_owned(), id)];
            item.extend(entries.iter().filter(|(k, _)| k != key).cloned());
            let path: &[&str] = match within {
                Within::Param(_) => &["params"],
                Within::Response(code) if *code < 400 => &["responses", "success"],
                Within::Response(_) => &["responses", "errors"],
            };
            seq_at(action, path).push(Yaml::Map(item));
            Ok(())
        }
        (_, None) => Err("failed: it is gone".to_owned()),
        (_, Some(i)) => {
            let list = list.expect("found in it");
            apply_to_map(&mut list[i], op)
        }
    }
}

/// Applies `set` or `remove` to a mapping.
fn apply_to_map(node: &mut Yaml, op: &Op) -> Result<(), String> {
    let Yaml::Map(entries) = node else { return Err("failed: the target is not a mapping".to_owned()) };
    match op {
        Op::Set(values) => {
            for (key, value) in values {
                if entries.iter().any(|(k, v)| k == key && v == value) {
                    return Err(format!("failed: `{key}` already has this value"));
                }
                set_key(entries, key, value.clone());
            }
            Ok(())
        }
        Op::Remove(keys) => {
            for key in keys {
                let Some(i) = entries.iter().position(|(k, _)| k == key) else {
                    return Err(format!("failed: `{key}` is not there"));
                };
                entries.remove(i);
            }
            Ok(())
        }
        Op::Add(_) | Op::Copy(_) => Err("failed: it exists already".to_owned()),
    }
}

fn set_key(entries: &mut Vec<(String, Yaml)>, key: &str, value: Yaml) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => *v = value,
        None => entries.push((key.to_owned(), value)),
    }
}

fn get_map<'y>(node: &'y mut Yaml, key: &str) -> Option<&'y mut Yaml> {
    let Yaml::Map(entries) = node else { return None };
    entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| matches!(v, Yaml::Map(_)))
}

fn get_seq<'y>(node: &'y mut Yaml, path: &[&str]) -> Option<&'y mut Vec<Yaml>> {
    let mut node = node;
    for key in path {
        let Yaml::Map(entries) = node else { return None };
        node = entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)?;
    }
    match node {
        Yaml::Seq(items) => Some(items),
        _ => None,
    }
}

/// The sequence at `path`, created (as the last keys) where missing.
fn seq_at<'y>(node: &'y mut Yaml, path: &[&str]) -> &'y mut Vec<Yaml> {
    let mut node = node;
    for (i, key) in path.iter().enumerate() {
        if !matches!(node, Yaml::Map(_)) {
            *node = Yaml::Map(Vec::new());
        }
        let Yaml::Map(entries) = node else { unreachable!("made a mapping above") };
        let pos = match entries.iter().position(|(k, _)| k == key) {
            Some(pos) => pos,
            None => {
                let empty = if i + 1 == path.len() { Yaml::Seq(Vec::new()) } else { Yaml::Map(Vec::new()) };
                // A new `params` goes before `responses`, where the importer writes it.
                let at = entries.iter().position(|(k, _)| k == "responses").filter(|_| *key == "params");
                let at = at.unwrap_or(entries.len());
                entries.insert(at, ((*key).to_owned(), empty));
                at
            }
        };
        node = &mut entries[pos].1;
    }
    if !matches!(node, Yaml::Seq(_)) {
        *node = Yaml::Seq(Vec::new());
    }
    let Yaml::Seq(items) = node else { unreachable!("made a sequence above") };
    items
}

/// Reads any YAML value into the writer's model, keeping mapping order.
impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        Yaml::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Yaml, E> {
        Ok(Yaml::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Yaml, E> {
        Ok(Yaml::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Yaml, E> {
        serde_json::Number::from_f64(v)
            .map(|n| Yaml::Number(n.to_string()))
            .ok_or_else(|| E::custom("a number JSON cannot hold"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Yaml, E> {
        Ok(Yaml::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Yaml, E> {
        Ok(Yaml::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries: Vec<(String, Yaml)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Yaml>()? {
            entries.push((key, value));
        }
        Ok(Yaml::Map(entries))
    }
}
