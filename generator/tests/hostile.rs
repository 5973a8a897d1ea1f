//! The hostile spec of `tests/hostile-client` (names the generated code
//! uses itself, code-like text in every text field) in both layouts and in
//! the Markdown docs, checked without compiling: that crate compiles it, in
//! `cargo test --workspace` and clippy.

use std::path::Path;

use restspec_codegen::{Layout, Options, SpecSources};

fn hostile_spec() -> SpecSources {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile-client/spec");
    SpecSources::read_dir(&dir, "spec").expect("the spec reads")
}

fn options(layout: Layout) -> Options {
    Options {
        crate_name: "hostile_client".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout,
        blocking_feature: Some("blocking".into()),
        sse_feature: Some("sse".into()),
        multipart_feature: Some("multipart".into()),
        full_feature: None,
        full_serde_feature: None,
        mocks_feature: None,
    }
}

#[test]
fn the_hostile_spec_generates_inert_code_in_both_layouts() {
    let sources = hostile_spec();
    for layout in [Layout::Modules, Layout::SingleFile("client.rs".into())] {
        let files =
            restspec_codegen::generate(&sources, &options(layout)).unwrap_or_else(|d| panic!("{}", d.render(&sources)));
        for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
            assert!(!file.contents.contains('\r'), "{}", file.path);
            syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
            let foreign: Vec<_> = restspec_codegen::code_blocks(&file.contents)
                .into_iter()
                .filter(|b| b.info != "no_run" && b.info != "json")
                .collect();
            assert!(foreign.is_empty(), "{}: code blocks from spec text: {foreign:?}", file.path);
        }
    }
}

#[test]
fn the_hostile_spec_gives_markdown_docs_without_its_html() {
    let sources = hostile_spec();
    let docs = restspec_codegen::generate_docs(&sources, &options(Layout::Modules)).unwrap_or_else(|d| panic!("{d}"));
    for file in &docs {
        let outside_blocks: String = file.contents.split("```").step_by(2).collect();
        assert!(!outside_blocks.contains("<script>"), "{}:\n{}", file.path, file.contents);
        assert!(!file.contents.contains('\r'), "{}", file.path);
    }
}

/// The methods and fields of an impl's self type, as declared.
fn impl_fns(block: &syn::ItemImpl) -> Vec<String> {
    block
        .items
        .iter()
        .filter_map(|i| match i {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect()
}

fn self_name(block: &syn::ItemImpl) -> String {
    match &*block.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Every name the generated code declares itself is in the table of
/// `restspec_codegen::names::reserved`, and no name made from the spec is: what
/// the emitters declare and what validation keeps spec names from cannot
/// drift apart.
#[test]
fn the_generated_code_declares_only_the_reserved_names_of_the_table() {
    use restspec_codegen::names::reserved::{self, Scope};
    let sources = hostile_spec();
    let files = restspec_codegen::generate(&sources, &options(Layout::SingleFile("client.rs".into())))
        .unwrap_or_else(|d| panic!("{}", d.render(&sources)));
    let file = files.iter().find(|f| f.path == "client.rs").expect("client.rs");
    let parsed = syn::parse_file(&file.contents).expect("parses");
    let mut checked = 0;
    for item in &parsed.items {
        match item {
            syn::Item::Mod(module) => {
                let name = module.ident.to_string();
                let Some((_, items)) = &module.content else { continue };
                if name != reserved::TYPES_MODULE {
                    assert!(!reserved::is_reserved(Scope::ResourceModule, &name), "module {name}");
                }
                // Fields of each struct, by struct.
                let mut fields = std::collections::BTreeMap::new();
                for item in items {
                    if let syn::Item::Struct(s) = item {
                        let names: Vec<String> =
                            s.fields.iter().filter_map(|f| f.ident.as_ref()).map(ToString::to_string).collect();
                        fields.insert(s.ident.to_string(), names);
                        let scope =
                            if name == reserved::TYPES_MODULE { Scope::ModuleType } else { Scope::ResourceHandle };
                        assert!(!reserved::is_reserved(scope, &s.ident.to_string()), "type {}", s.ident);
                    }
                }
                for item in items {
                    let syn::Item::Impl(block) = item else { continue };
                    if block.trait_.is_some() {
                        continue;
                    }
                    let owner = self_name(block);
                    let own_fields = fields.get(&owner).cloned().unwrap_or_default();
                    let is_builder = own_fields.iter().any(|f| f == reserved::CLIENT_FIELD);
                    let is_handle = own_fields == ["client"];
                    for f in impl_fns(block) {
                        let (scope, declared_by_generator) = if is_builder {
                            (Scope::BuilderMember, !own_fields.contains(&f))
                        } else if is_handle {
                            (Scope::HandleMethod, f == reserved::NEW)
                        } else if name == reserved::TYPES_MODULE && !own_fields.is_empty() {
                            // A nullable field's `<field>_null` setter is the spec's too.
                            let spec_member = own_fields.contains(&f)
                                || own_fields.iter().any(|field| restspec_codegen::names::null_setter(field) == f);
                            (Scope::StructMember, !spec_member)
                        } else {
                            continue;
                        };
                        // Generator's own members are in the table; the
                        // spec's are not.
                        assert_eq!(reserved::is_reserved(scope, &f), declared_by_generator, "{owner}::{f}");
                        checked += 1;
                    }
                }
            }
            syn::Item::Impl(block) if self_name(block) == "Client" && block.trait_.is_none() => {
                for f in impl_fns(block) {
                    let own = reserved::CLIENT_METHODS.contains(&f.as_str());
                    assert_eq!(reserved::is_reserved(Scope::ResourceModule, &f), own, "Client::{f}");
                    checked += 1;
                }
            }
            syn::Item::Struct(s) => {
                let name = s.ident.to_string();
                assert!(reserved::ROOT_TYPES.contains(&name.as_str()), "root type {name} is not in the table");
            }
            syn::Item::Type(t) => {
                let name = t.ident.to_string();
                assert!(reserved::ROOT_TYPES.contains(&name.as_str()), "root type {name} is not in the table");
            }
            _ => {}
        }
    }
    assert!(checked > 50, "only {checked} members checked");
    // The members every builder gets from the macro.
    for member in ["timeout", "retry"] {
        assert!(file.contents.contains(&format!("pub fn {member}(")), "{member}");
        assert!(reserved::BUILDER_MEMBERS.contains(&member));
    }
}
