//! The table of named types while validating, and the pass that makes it
//! the IR's [`TypeSpace`].
//!
//! Lowering gives every schema's type and every enum and one-of spelled out
//! on a property or param a provisional [`TypeId`] here, with, for an
//! inline type, the names it may take and what declares it (a [`Claim`]).
//! [`finish`] then merges inline types of the same structure into one
//! (enums: the same kind of value and the same set of values; one-ofs: the
//! same alternatives), into a schema's enum when one has the same values;
//! orders the table; names each inline type by the rule of spec/README.md
//! ("Names of inline types"); and returns the final table with the map from
//! provisional ids to final ones.

use std::collections::{BTreeMap, BTreeSet};

use super::Reporter;
use crate::diagnostic::Position;
use crate::ir::{EnumDef, Owner, TypeDef, TypeId, TypeKind, TypeSpace};
use crate::names::Scope;
use crate::place::{self, Module};

/// The names an inline type may take, shortest first: its bare name (the
/// property's or param's own, `SortDirection`), then qualified by what
/// declares it (`ApiTokensSortDirection`, `DevicesSortField`), then, for a
/// param, by its resource and action (`DevicesGetSortField`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ladder(pub(crate) Vec<String>);

impl Ladder {
    /// The names of a type nested in this one (an alternative of a one-of).
    pub(crate) fn suffixed(&self, suffix: &str) -> Ladder {
        Ladder(self.0.iter().map(|name| format!("{name}{suffix}")).collect())
    }

    /// The name messages use before names are chosen: the most qualified.
    fn provisional(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
}

/// Where an inline type is declared.
#[derive(Debug, Clone)]
pub(crate) struct Claim {
    pub(crate) ladder: Ladder,
    pub(crate) owner: Owner,
    pub(crate) file: String,
    pub(crate) position: Option<Position>,
    /// `property` or `param`, for messages.
    pub(crate) what: &'static str,
}

/// One provisional type: a schema's (filled when the schema is lowered) or
/// an inline one with its claim.
struct Slot {
    def: Option<TypeDef>,
    claim: Option<Claim>,
    /// The name known so far: a schema's Rust name (known before the
    /// schema is lowered, so references to it can use it), or an inline
    /// type's provisional name.
    name: String,
}

/// The types lowered so far, by provisional id.
#[derive(Default)]
pub(crate) struct Types {
    slots: Vec<Slot>,
}

impl Types {
    /// A slot for a schema's type, filled by [`Types::fill_schema`].
    pub(crate) fn reserve_schema(&mut self, rust_name: &str) -> TypeId {
        self.slots.push(Slot { def: None, claim: None, name: rust_name.to_owned() });
        TypeId((self.slots.len() - 1) as u32)
    }

    /// A lowered schema's type.
    pub(crate) fn fill_schema(&mut self, id: TypeId, def: TypeDef) {
        if let Some(slot) = self.slots.get_mut(id.index()) {
            slot.def = Some(def);
        }
    }

    /// An inline type, named provisionally by its most qualified name.
    pub(crate) fn add_inline(&mut self, kind: TypeKind, description: Option<String>, claim: Claim) -> TypeId {
        let def = TypeDef {
            rust_name: claim.ladder.provisional().to_owned(),
            description,
            kind,
            schema: None,
            owners: vec![claim.owner],
            usage: Default::default(),
        };
        let name = def.rust_name.clone();
        self.slots.push(Slot { def: Some(def), claim: Some(claim), name });
        TypeId((self.slots.len() - 1) as u32)
    }

    /// The name of a type known so far, for messages and one-of variants.
    pub(crate) fn name(&self, id: TypeId) -> &str {
        self.slots.get(id.index()).map_or("", |s| s.name.as_str())
    }

    /// A type lowered so far.
    pub(crate) fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.slots.get(id.index()).and_then(|s| s.def.as_ref())
    }

    /// An enum lowered so far.
    pub(crate) fn enum_def(&self, id: TypeId) -> Option<&EnumDef> {
        match self.get(id).map(|d| &d.kind) {
            Some(TypeKind::Enum(def)) => Some(def),
            _ => None,
        }
    }
}

/// What a structure key compares: inline types with equal keys are one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// The kind of the values and the sorted values.
    Enum(&'static str, Vec<String>),
    /// The alternatives (variant names and types, after merging) and the
    /// discriminator the spec names.
    OneOf(String),
}

fn shape(def: &TypeDef) -> Option<Shape> {
    match &def.kind {
        TypeKind::Enum(e) => {
            let mut values: Vec<String> = e.variants.iter().map(|v| v.wire.clone()).collect();
            values.sort();
            Some(Shape::Enum(e.kind.as_str(), values))
        }
        TypeKind::OneOf(o) => {
            let variants: Vec<String> = o.variants.iter().map(|v| format!("{}:{:?}", v.name, v.ty)).collect();
            let requested = o.requested.as_ref().map(|r| r.property.as_str()).unwrap_or_default();
            Some(Shape::OneOf(format!("{}|{requested}", variants.join(","))))
        }
        _ => None,
    }
}

/// The final table, and the final id of each provisional one.
pub(crate) struct Finished {
    pub(crate) space: TypeSpace,
    pub(crate) remap: Remap,
}

/// The final id of each provisional one.
pub(crate) struct Remap(Vec<TypeId>);

impl Remap {
    /// The final id of a provisional one.
    pub(crate) fn id(&self, provisional: TypeId) -> TypeId {
        self.0.get(provisional.index()).copied().unwrap_or(provisional)
    }
}

/// Merges, orders and names the types; `module_items` are the names each
/// resource module declares itself (handle, builders, response enums),
/// which a type declared in that module must not take. `None` when a type
/// cannot be named (reported) or a schema slot was never filled (its
/// problem was reported already).
pub(crate) fn finish(
    types: Types,
    schema_names: &[&str],
    module_items: &BTreeMap<usize, BTreeSet<String>>,
    report: &mut Reporter<'_>,
) -> Option<Finished> {
    let Types { slots } = types;
    let count = slots.len();
    let mut defs: Vec<TypeDef> = Vec::with_capacity(count);
    let mut claims: Vec<Option<Claim>> = Vec::with_capacity(count);
    for slot in slots {
        defs.push(slot.def?);
        claims.push(slot.claim);
    }
    // The order of the table: a schema's type, then the inline types of its
    // properties, in schema order; then the params' inline types, in
    // resource order. Within one owner, in the order they were lowered
    // (a nested type before the one that contains it).
    let rank = |i: usize| -> (u8, usize, usize) {
        match (defs[i].schema, claims[i].as_ref().map(|c| c.owner)) {
            (Some(s), _) | (None, Some(Owner::Schema(s))) => (0, s, i),
            (None, Some(Owner::Resource(r))) => (1, r, i),
            (None, None) => (2, 0, i),
        }
    };
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| rank(i));

    // Merge: each provisional id to the one it became. Schemas' enums are
    // registered first, so that an inline enum with a schema's values
    // becomes that schema's type; two schemas are never merged.
    let mut into: Vec<usize> = (0..count).collect();
    let mut by_shape: BTreeMap<Shape, usize> = BTreeMap::new();
    for &i in &order {
        if defs[i].schema.is_some()
            && let Some(key) = shape(&defs[i])
        {
            by_shape.entry(key).or_insert(i);
        }
    }
    for &i in &order {
        if defs[i].schema.is_some() {
            continue;
        }
        // Types nested in this one were merged already (they come first).
        let merged = |id: TypeId| TypeId(into[id.index()] as u32);
        remap_kind(&mut defs[i].kind, &merged);
        let Some(key) = shape(&defs[i]) else { continue };
        match by_shape.get(&key) {
            Some(&first) => {
                into[i] = first;
                let owners = defs[i].owners.clone();
                defs[first].owners.extend(owners);
                // An inline type has the docs of its first declaration
                // that has any; a schema keeps its own.
                if defs[first].schema.is_none() && defs[first].description.is_none() {
                    defs[first].description = defs[i].description.take();
                }
            }
            None => {
                by_shape.insert(key, i);
            }
        }
    }
    for def in &mut defs {
        def.owners.sort_unstable();
        def.owners.dedup();
    }
    // The claims of each surviving inline type, in table order: the first
    // one names it when it must be qualified.
    let mut claims_of: BTreeMap<usize, Vec<&Claim>> = BTreeMap::new();
    for &i in &order {
        if let Some(claim) = &claims[i] {
            claims_of.entry(into[i]).or_default().push(claim);
        }
    }
    let kept: Vec<usize> = order.iter().copied().filter(|&i| into[i] == i).collect();
    let names = choose_names(&defs, &kept, &claims_of, schema_names, module_items, report)?;

    let mut final_index = vec![0u32; count];
    for (n, &i) in kept.iter().enumerate() {
        final_index[i] = n as u32;
    }
    let remap: Vec<TypeId> = (0..count).map(|i| TypeId(final_index[into[i]])).collect();
    let mut slots: Vec<Option<TypeDef>> = defs.into_iter().map(Some).collect();
    let mut space = TypeSpace::default();
    for &i in &kept {
        let Some(mut def) = slots[i].take() else { continue };
        if let Some(name) = names.get(&i) {
            def.rust_name = name.clone();
        }
        remap_kind(&mut def.kind, &|id| remap[id.index()]);
        space.defs.push(def);
    }
    Some(Finished { space, remap: Remap(remap) })
}

/// Replaces the named types a type's shape mentions.
fn remap_kind(kind: &mut TypeKind, f: &impl Fn(TypeId) -> TypeId) {
    match kind {
        TypeKind::Struct(fields) => fields.iter_mut().for_each(|field| field.ty.map_named(f)),
        TypeKind::Alias(ty) => ty.map_named(f),
        TypeKind::OneOf(def) => def.variants.iter_mut().for_each(|v| v.ty.map_named(f)),
        TypeKind::Enum(_) => {}
    }
}

/// The names of the inline types (schemas keep theirs). A type claims the
/// bare name most of its declarations have; the bare name goes to the type
/// with the most declarations under it, when no other type has as many and
/// the name is free; every other type claiming it takes the first free name
/// of the ladder of its first declaration under that bare name. A name is free
/// when no schema has it, the generated code does not use it itself, the
/// module the type is declared in has no item by it, and no type took it
/// already (bare names are given out first).
fn choose_names(
    defs: &[TypeDef],
    kept: &[usize],
    claims_of: &BTreeMap<usize, Vec<&Claim>>,
    schema_names: &[&str],
    module_items: &BTreeMap<usize, BTreeSet<String>>,
    report: &mut Reporter<'_>,
) -> Option<BTreeMap<usize, String>> {
    // Who holds a name, for messages.
    let mut holders: BTreeMap<String, String> = BTreeMap::new();
    for &i in kept {
        if let Some(s) = defs[i].schema {
            let name = schema_names.get(s).copied().unwrap_or_default();
            holders.insert(defs[i].rust_name.clone(), format!("schema `{name}`"));
        }
    }
    // Each inline type goes by the bare name most of its declarations
    // have (the first such, on a tie), and is qualified as the first
    // declaration with that name is.
    let mut primary: BTreeMap<usize, (&Claim, usize)> = BTreeMap::new();
    let bare = |c: &Claim| c.ladder.0.first().map_or(String::new(), Clone::clone);
    for &i in kept.iter().filter(|&&i| defs[i].schema.is_none()) {
        let Some(claims) = claims_of.get(&i) else { continue };
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for claim in claims {
            *counts.entry(bare(claim)).or_default() += 1;
        }
        let most = counts.values().copied().max().unwrap_or(0);
        if let Some(claim) = claims.iter().find(|c| counts.get(&bare(c)) == Some(&most)) {
            primary.insert(i, (claim, most));
        }
    }
    let mut by_bare: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (&i, (claim, _)) in &primary {
        by_bare.entry(bare(claim)).or_default().push(i);
    }
    let items = |i: usize| match place::home(false, &defs[i].owners) {
        Module::Resource(r) => module_items.get(&r),
        _ => None,
    };
    let free = |name: &str, i: usize, holders: &BTreeMap<String, String>| {
        !holders.contains_key(name)
            && crate::names::reserved::why(Scope::ModuleType, name).is_none()
            && items(i).is_none_or(|items| !items.contains(name))
    };
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    let describe = |i: usize| primary.get(&i).map_or_else(String::new, |(c, _)| format!("a {} type", c.what));
    // Bare names first: the type with the most declarations under a bare
    // name takes it (when no other has as many), so a qualified name never
    // takes one from it, and a new declaration with other values does not
    // rename a type many declarations share.
    for (bare, claimants) in &by_bare {
        let count = |i: &usize| primary.get(i).map_or(0, |(_, n)| *n);
        let most = claimants.iter().map(count).max().unwrap_or(0);
        let mut leaders = claimants.iter().filter(|i| count(i) == most);
        if let (Some(&i), None) = (leaders.next(), leaders.next())
            && free(bare, i, &holders)
        {
            holders.insert(bare.clone(), describe(i));
            names.insert(i, bare.clone());
        }
    }
    let mut ok = true;
    for claimants in by_bare.values() {
        for &i in claimants {
            if names.contains_key(&i) {
                continue;
            }
            let Some(&(claim, _)) = primary.get(&i) else { continue };
            // Declared by several owners under this bare name, a type is
            // qualified by what their names share (`ApiTokensSortField` for
            // the application's, instance's and user's `apiTokens`), not by
            // the first of them.
            let shared = claims_of.get(&i).and_then(|claims| shared_name(claims, &bare(claim)));
            let found =
                shared.iter().chain(claim.ladder.0.iter().skip(1)).find(|name| free(name, i, &holders)).cloned();
            match found {
                Some(name) => {
                    holders.insert(name.clone(), describe(i));
                    names.insert(i, name);
                }
                None => {
                    ok = false;
                    let last = claim.ladder.provisional();
                    let message = match crate::names::reserved::why(Scope::ModuleType, last) {
                        Some(why) => {
                            format!("the {} type `{last}` is a name {}", claim.what, why.trim_start_matches("which "))
                        }
                        None => {
                            let holder = holders.get(last).cloned().unwrap_or_else(|| "an item of its module".into());
                            format!("the Rust type `{last}` would be generated twice (also for {holder})")
                        }
                    };
                    let hint = if claim.what == "param" {
                        "rename the param"
                    } else {
                        "rename a property or schema, or set `rust_name`"
                    };
                    report.error(&claim.file, claim.position, message, hint);
                }
            }
        }
    }
    ok.then_some(names)
}

/// The name a type declared under the bare name `bare` by several owners
/// takes when it must be qualified: the bare name qualified by the words
/// that end every owner's name (`ApplicationApiTokens`, `UserApiTokens`:
/// `ApiTokens`), when those are at least half of each name's words. `None`
/// when one owner declares it, or the owners' names share too little.
fn shared_name(claims: &[&Claim], bare: &str) -> Option<String> {
    let mut owners: Vec<&str> = claims
        .iter()
        .filter(|c| c.ladder.0.first().is_some_and(|b| b == bare))
        .filter_map(|c| c.ladder.0.get(1)?.strip_suffix(bare))
        .collect();
    owners.sort_unstable();
    owners.dedup();
    if owners.len() < 2 {
        return None;
    }
    let words: Vec<Vec<&str>> = owners.iter().map(|owner| pascal_words(owner)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let first = &words[0];
    let ending = (1..=shortest).take_while(|&n| words.iter().all(|w| w[w.len() - n] == first[first.len() - n])).count();
    // A name's last words say what it is (`ApiTokens`), its first ones
    // where (`Application`); a shared ending of fewer than half of an
    // owner's words (`Query` of `AdvancedFlowQuery`) says too little.
    let enough = ending > 0 && words.iter().all(|w| 2 * ending >= w.len());
    enough.then(|| format!("{}{bare}", first[first.len() - ending..].concat()))
}

/// The words of an UpperCamelCase name, each starting at an upper-case
/// letter (`ApiTokens`: `Api`, `Tokens`).
fn pascal_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if !name.is_empty() {
        words.push(&name[start..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Ty};
    use crate::source::{FileKind, SourceFile};
    use crate::{Diagnostics, SpecSources};

    const API: &str = "name: Things API\nversion: '1'\nbase_url: https://things.example\nauth:\n  scheme: bearer\n\
                       error_schema: error\n";

    /// A spec of resources with one list action each, whose `order` param
    /// has the given values (and `extra` params), and `schemas`.
    fn spec(resources: &[(&str, &str)], schemas: &[(&str, &str)]) -> Result<Api, Diagnostics> {
        let mut files = vec![
            SourceFile::new("spec/api.yaml", FileKind::Api, API),
            SourceFile::new(
                "spec/schemas/error.yaml",
                FileKind::Schema,
                "schema: error\ntype: object\nproperties:\n  error:\n    type: string\n",
            ),
        ];
        for (name, values) in resources {
            let text = format!(
                "resource: {name}\nactions:\n  get:\n    summary: Gets.\n    method: GET\n    path: /{name}\n    \
                 scopes: [all.Things]\n    params:\n      - name: order\n        in: query\n        type: string\n        \
                 enum: [{values}]\n    responses:\n      success:\n        - code: 200\n          schema: error\n"
            );
            files.push(SourceFile::new(format!("spec/resources/{name}.yaml"), FileKind::Resource, &text));
        }
        for (name, text) in schemas {
            files.push(SourceFile::new(format!("spec/schemas/{name}.yaml"), FileKind::Schema, text));
        }
        crate::check(&SpecSources::from_files(files))
    }

    /// The Rust name of the type of each resource's `order` param.
    fn order_types(api: &Api) -> Vec<(String, String)> {
        api.resources
            .iter()
            .map(|r| {
                let ty = &r.actions[0].params[0].ty;
                let Ty::Enum(id) = ty else { panic!("{ty:?}") };
                (r.name.clone(), api.types.name(*id).to_owned())
            })
            .collect()
    }

    fn enums(api: &Api) -> usize {
        api.types.iter().filter(|(_, d)| matches!(d.kind, crate::ir::TypeKind::Enum(_))).count()
    }

    #[test]
    fn enums_of_the_same_values_are_one_type_in_any_order() {
        let api = spec(&[("apples", "a, b"), ("pears", "b, a"), ("plums", "a, b")], &[]).unwrap();
        assert_eq!(
            order_types(&api),
            [("apples".into(), "Order".into()), ("pears".into(), "Order".into()), ("plums".into(), "Order".into())]
        );
        assert_eq!(enums(&api), 1);
        // The first declaration's order of values.
        let (_, def) = api.types.iter().find(|(_, d)| d.rust_name == "Order").unwrap();
        let crate::ir::TypeKind::Enum(e) = &def.kind else { panic!() };
        let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
        assert_eq!(wires, ["a", "b"]);
    }

    #[test]
    fn value_sets_that_claim_one_name_get_distinct_names_by_a_fixed_rule() {
        // Two declarations against one: the shared set keeps the name.
        let api = spec(&[("apples", "a, b"), ("pears", "a, b"), ("plums", "x, y")], &[]).unwrap();
        assert_eq!(
            order_types(&api),
            [
                ("apples".into(), "Order".into()),
                ("pears".into(), "Order".into()),
                ("plums".into(), "PlumsOrder".into())
            ]
        );
        // A tie: every set is qualified by its first declaration's owner, in
        // whatever order the files are given.
        let api = spec(&[("pears", "x, y"), ("apples", "a, b")], &[]).unwrap();
        assert_eq!(order_types(&api), [("apples".into(), "ApplesOrder".into()), ("pears".into(), "PearsOrder".into())]);
    }

    #[test]
    fn a_type_several_owners_declare_is_qualified_by_what_their_names_share() {
        // `x, y` wins `Order`; `a, b`, declared by both token collections,
        // takes the words their names end with, not the first's name.
        let api = spec(
            &[("appTokens", "a, b"), ("userTokens", "a, b"), ("pears", "x, y"), ("plums", "x, y"), ("figs", "x, y")],
            &[],
        )
        .unwrap();
        let types: std::collections::BTreeMap<String, String> = order_types(&api).into_iter().collect();
        assert_eq!(types["appTokens"], "TokensOrder");
        assert_eq!(types["userTokens"], "TokensOrder");
        assert_eq!(types["pears"], "Order");
        // Owners whose names end differently: the first's name, as before.
        let api =
            spec(&[("apples", "a, b"), ("pears", "a, b"), ("plums", "x, y"), ("figs", "x, y"), ("kiwis", "x, y")], &[])
                .unwrap();
        let types: std::collections::BTreeMap<String, String> = order_types(&api).into_iter().collect();
        assert_eq!((types["apples"].as_str(), types["pears"].as_str()), ("ApplesOrder", "ApplesOrder"));
        assert_eq!(super::pascal_words("ApplicationApiTokens"), ["Application", "Api", "Tokens"]);
    }

    #[test]
    fn an_inline_enum_with_a_schemas_values_is_that_schema() {
        let api = spec(&[("apples", "b, a")], &[("order", "schema: order\ntype: string\nenum: [a, b]\n")]).unwrap();
        assert_eq!(order_types(&api), [("apples".into(), "Order".into())]);
        assert_eq!(enums(&api), 1);
        let schema = api.schemas.iter().find(|s| s.name == "order").unwrap();
        assert_eq!(api.resources[0].actions[0].params[0].ty, Ty::Enum(schema.id));
    }

    #[test]
    fn a_name_that_cannot_be_qualified_further_is_reported() {
        // `apples.order` qualifies to `ApplesOrder`, then `ApplesGetOrder`:
        // schemas have both.
        let err = spec(
            &[("apples", "a, b"), ("pears", "x, y")],
            &[
                ("applesGetOrder", "schema: applesGetOrder\ntype: string\nenum: [r, s]\n"),
                ("applesOrder", "schema: applesOrder\ntype: string\nenum: [p, q]\n"),
            ],
        )
        .unwrap_err();
        let messages: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            ["spec/resources/apples.yaml:9:15: error: the Rust type `ApplesGetOrder` would be generated twice (also \
              for schema `applesGetOrder`) (hint: rename the param)"]
        );
    }
}
