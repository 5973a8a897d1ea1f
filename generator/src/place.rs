//! Where every generated item lives, and how code and docs elsewhere reach
//! it: the one place that knows "type X lives in module M and is reached by
//! path P from module Q" (progenitor and typify call it the output space).
//!
//! Every emitter asks here: the types module and the resource modules for
//! which types they declare, code for the path of a type it names, rustdoc
//! for intra-doc links, doctests and the Markdown docs for the public path,
//! the surface listing for the module. Nothing else computes a module or a
//! path, so a change of placement (a later one may put the types of a group
//! of resources behind a cargo feature) is a change of this file.
//!
//! The rule ([`home`]): a documented schema's type lives in `types`; an
//! inline type (an enum or one-of spelled out on properties or params)
//! lives in the module of the one resource whose params declare it, and in
//! `types` when several resources or any schema declare it (after
//! deduplication, one type may have many declarations). Names are unique in
//! the whole client ([`crate::ir::TypeSpace`]), so moving a type between
//! modules never renames it.

use std::collections::BTreeMap;

use crate::ir::{Api, Owner, TypeId};

/// A module of the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Module {
    /// The root (`mod.rs`): the client, the error aliases, the action table.
    Root,
    /// The schema types module, `types`.
    Types,
    /// A resource's module, by index into [`Api::resources`].
    Resource(usize),
    /// Code that declares no item and sits apart from the module tree's
    /// top (the examples test inside `types`): it names every item by its
    /// path from the generated root.
    Detached,
}

/// A generated item that other modules name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A named type of the type table.
    Type(TypeId),
    /// A resource's handle type.
    Handle(usize),
    /// An action's request builder: resource and action index.
    Builder(usize, usize),
}

/// The module of a type, from what declares it: see the module docs.
/// Validation calls it too, to check a name against the items of the
/// module the type will be declared in.
pub(crate) fn home(is_schema: bool, owners: &[Owner]) -> Module {
    match owners {
        [Owner::Resource(r)] if !is_schema => Module::Resource(*r),
        _ => Module::Types,
    }
}

/// The placement of every item of one API, with the types of each module
/// indexed once.
pub(crate) struct Placement<'a> {
    api: &'a Api,
    /// The path of the generated root (`crate`).
    root: &'a str,
    /// The path doctests, outside the crate, reach the root by
    /// (`losant_rest`).
    public_root: &'a str,
    /// Per module, the types it declares, in table order.
    declared: BTreeMap<Module, Vec<TypeId>>,
}

impl<'a> Placement<'a> {
    pub(crate) fn new(api: &'a Api, root: &'a str, public_root: &'a str) -> Self {
        let mut declared: BTreeMap<Module, Vec<TypeId>> = BTreeMap::new();
        for (id, def) in api.types.iter() {
            declared.entry(home(def.schema.is_some(), &def.owners)).or_default().push(id);
        }
        Placement { api, root, public_root, declared }
    }

    /// The module an item lives in.
    pub(crate) fn module(&self, item: Item) -> Module {
        match item {
            Item::Type(id) => {
                let def = self.api.types.get(id);
                home(def.schema.is_some(), &def.owners)
            }
            Item::Handle(r) | Item::Builder(r, _) => Module::Resource(r),
        }
    }

    /// The types a module declares, in table order.
    pub(crate) fn types_in(&self, module: Module) -> &[TypeId] {
        self.declared.get(&module).map_or(&[], Vec::as_slice)
    }

    /// The module's name under the root (`types`, `application_api_tokens`;
    /// empty for the root).
    pub(crate) fn module_name(&self, module: Module) -> &'a str {
        match module {
            Module::Root | Module::Detached => "",
            Module::Types => crate::names::reserved::TYPES_MODULE,
            Module::Resource(r) => self.api.resources.get(r).map_or("", |res| res.module.as_str()),
        }
    }

    /// The file a module is written to in the module-tree layout.
    pub(crate) fn file(&self, module: Module) -> String {
        match module {
            Module::Root | Module::Detached => "mod.rs".to_owned(),
            other => format!("{}.rs", self.module_name(other)),
        }
    }

    /// An item's Rust name.
    pub(crate) fn name(&self, item: Item) -> &'a str {
        let api = self.api;
        let action = |r: usize, a: usize| api.resources.get(r).and_then(|res| res.actions.get(a));
        match item {
            Item::Type(id) => api.types.name(id),
            Item::Handle(r) => api.resources.get(r).map_or("", |res| res.handle.as_str()),
            Item::Builder(r, a) => action(r, a).map_or("", |a| a.builder.as_str()),
        }
    }

    /// The path code in module `from` names an item by: its bare name in
    /// its own module, the relative path from the root (whose children the
    /// other modules are), else the path from the generated root.
    pub(crate) fn path(&self, item: Item, from: Module) -> String {
        let module = self.module(item);
        let name = self.name(item);
        if module == from {
            name.to_owned()
        } else if from == Module::Root {
            format!("{}::{name}", self.module_name(module))
        } else {
            self.absolute(module, name, self.root)
        }
    }

    /// The path code outside the crate (a doctest, the Markdown docs'
    /// examples) names an item by.
    pub(crate) fn public_path(&self, item: Item) -> String {
        self.absolute(self.module(item), self.name(item), self.public_root)
    }

    /// An intra-doc link to an item from the docs of module `from`.
    pub(crate) fn doc_link(&self, item: Item, from: Module) -> String {
        let name = self.name(item);
        if self.module(item) == from { format!("[`{name}`]") } else { format!("[`{name}`]({})", self.path(item, from)) }
    }

    fn absolute(&self, module: Module, name: &str, root: &str) -> String {
        match module {
            Module::Root | Module::Detached => format!("{root}::{name}"),
            other => format!("{root}::{}::{name}", self.module_name(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SpecSources;
    use crate::source::{FileKind, SourceFile};

    fn file(path: &str, kind: FileKind, text: &str) -> SourceFile {
        SourceFile::new(format!("spec/{path}"), kind, text)
    }

    const API: &str = "name: Things API\nversion: '1'\nbase_url: https://things.example\nauth:\n  scheme: bearer\n\
                       error_schema: error\n";
    const ERROR: &str = "schema: error\ntype: object\nproperties:\n  error:\n    type: string\n";

    fn resource(name: &str, path: &str, values: &str) -> String {
        format!(
            "resource: {name}\nactions:\n  get:\n    summary: Gets.\n    method: GET\n    path: {path}\n    \
             scopes: [all.Things]\n    params:\n      - name: order\n        in: query\n        type: string\n        \
             enum: [{values}]\n    responses:\n      success:\n        - code: 200\n          schema: error\n"
        )
    }

    /// A type declared by one resource's params lives in that resource's
    /// module; one that two resources declare (deduplicated into one type)
    /// lives in `types`; schemas live in `types`. Code in the declaring
    /// module names a type bare, code elsewhere by its path from the root,
    /// doctests by the public path.
    #[test]
    fn types_live_where_their_declarations_are() {
        let sources = SpecSources::from_files(vec![
            file("api.yaml", FileKind::Api, API),
            file("schemas/error.yaml", FileKind::Schema, ERROR),
            file("resources/apples.yaml", FileKind::Resource, &resource("apples", "/apples", "a, b")),
            file("resources/pears.yaml", FileKind::Resource, &resource("pears", "/pears", "a, b")),
            file("resources/plums.yaml", FileKind::Resource, &resource("plums", "/plums", "x, y")),
        ]);
        let api = crate::check(&sources).unwrap();
        let place = Placement::new(&api, "crate", "things");
        let by_name = |name: &str| api.types.iter().find(|(_, d)| d.rust_name == name).map(|(id, _)| id).unwrap();
        let (shared, own, error) = (by_name("Order"), by_name("PlumsOrder"), by_name("Error"));
        let plums = api.resources.iter().position(|r| r.name == "plums").unwrap();
        assert_eq!(place.module(Item::Type(shared)), Module::Types);
        assert_eq!(place.module(Item::Type(own)), Module::Resource(plums));
        assert_eq!(place.module(Item::Type(error)), Module::Types);
        assert_eq!(place.types_in(Module::Resource(plums)), [own]);
        assert!(place.types_in(Module::Types).contains(&shared));
        assert_eq!(place.path(Item::Type(own), Module::Resource(plums)), "PlumsOrder");
        assert_eq!(place.path(Item::Type(own), Module::Types), "crate::plums::PlumsOrder");
        assert_eq!(place.path(Item::Type(shared), Module::Resource(plums)), "crate::types::Order");
        assert_eq!(place.public_path(Item::Type(shared)), "things::types::Order");
        assert_eq!(place.doc_link(Item::Type(own), Module::Resource(plums)), "[`PlumsOrder`]");
        assert_eq!(place.doc_link(Item::Type(shared), Module::Root), "[`Order`](types::Order)");
        assert_eq!(place.doc_link(Item::Type(shared), Module::Types), "[`Order`]");
        assert_eq!(place.path(Item::Builder(plums, 0), Module::Root), "plums::Get");
        assert_eq!(place.path(Item::Type(shared), Module::Detached), "crate::types::Order");
        assert_eq!(place.file(Module::Resource(plums)), "plums.rs");
        assert_eq!(place.file(Module::Types), "types.rs");
        assert_eq!(place.file(Module::Root), "mod.rs");
    }
}
