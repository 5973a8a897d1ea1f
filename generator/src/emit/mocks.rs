//! `mock.rs`: typed mock rules, one function per action, for the tests of
//! code that uses the client (when [`crate::Options::mocks_feature`] names
//! a feature, behind it).
//!
//! Each function is a line that names the action's `INFO` and its success
//! type and hands them to the runtime's generic `mock::Rule`, so a rule
//! takes only the output its action returns; the matching, sequencing and
//! answering are the runtime's, compiled once. The module mirrors the
//! client's: a module per resource (behind its group's feature) and a
//! function per action, named as the resource's accessor and the action's
//! method (`mock::devices::get()` for `client.devices().get(..)`), behind
//! the features the action needs. An action whose success statuses carry
//! different types gets the status of each variant in its function, and a
//! `Serialize` impl of its response enum here, which writes the variant's
//! value as the server would (generic over the serializer, so it costs
//! nothing until a test encodes one).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Docs, code};
use super::ty::{Here, ident, stored};
use super::{Chunk, Cx, EmittedFile, features};
use crate::ir::{Action, SuccessType};
use crate::names::reserved;
use crate::place::{Item, Module};

/// The `mock` module, when the options name its feature.
pub(crate) fn emit<'a>(cx: &'a Cx<'a>) -> Option<EmittedFile<'a>> {
    let feature = cx.options.mocks_feature.as_deref()?;
    let chunks: Vec<Chunk> =
        std::iter::once(head(cx)).chain((0..cx.api.resources.len()).filter_map(|r| resource(cx, r))).collect();
    Some(EmittedFile {
        path: format!("{}.rs", reserved::MOCK_MODULE),
        gate: Some(format!("feature = {feature:?}")),
        module_doc: module_doc(cx),
        chunks: Box::new(chunks.into_iter()),
    })
}

fn module_doc(cx: &Cx<'_>) -> String {
    let feature = cx.options.mocks_feature.as_deref().unwrap_or_default();
    format!(
        "Typed mocks: test code that uses the client without a server (the `{feature}` feature, meant for \
         dev-dependencies).\n\n\
         Each action has a function here, in a module per resource, named as on the client \
         (`mock::<resource>::<action>()` for `client.<resource>().<action>(..)`), that makes a [rule]({mock}::Rule) for it: \
         `then_output` takes only the action's success type, `then_error` the API's `ErrorBody`, \
         `then_error_details` the schema a status documents; `then_status` and `then_response` send anything \
         else, `match_requests` chooses the requests a rule answers (path params by name, query, headers, \
         JSON body), and `times` bounds a step of a sequence. Add the rules to [mocks]({mock}::Mocks), build a [mocked client]({mock}::client) \
         with them (or `Client::builder().mock(&mocks)`), run the code under test, then read each rule's \
         `calls` and `requests`.\n\n\
         The client runs every call as in production up to where it would send the request, and from the \
         answer on: checks, retries (a mocked 429 with `Retry-After` is retried), error bodies, decoding and \
         pagination are the real ones. Nothing is sent, no socket is opened, and a request no rule answers \
         fails with `Error::NoMockRule`, which names the action. Event-stream actions are answered with \
         [an event-stream body]({mock}::MockResponse::event_stream); a multipart body is not readable by matchers. The runtime's `mock` \
         module has the whole contract.",
        mock = format!("{}::{}", cx.options.generated_path, reserved::MOCK_MODULE),
    )
}

/// The re-exports, the `Rule` alias and the client constructor.
fn head(cx: &Cx<'_>) -> Chunk {
    let rt = cx.runtime();
    let root = super::path_tokens(&cx.options.generated_path);
    let d = Docs::default();
    let rule_doc = d.doc(&format!(
        "How one action of the API answers: `T` is its success type; error bodies are the API's \
         [`ErrorBody`]({}::ErrorBody).",
        cx.options.generated_path
    ));
    let client_doc = d.doc(
        "A client whose requests `mocks` answer, with a placeholder token (`mock-token`) so that actions \
         that need one can be called. Build one with `Client::builder().mock(mocks)` for other settings \
         (scopes, a retry policy, no token).",
    );
    let tokens = quote! {
        pub use #rt::mock::{MockRequest, MockResponse, Mocks};

        #rule_doc
        pub type Rule<T> = #rt::mock::Rule<T, #root::ErrorBody>;

        #client_doc
        pub fn client(mocks: &Mocks) -> #root::Client {
            #root::Client::builder()
                .token("mock-token")
                .mock(mocks)
                .build()
                .expect("a client with the API's default settings builds")
        }
    };
    Chunk::tokens(tokens, d)
}

/// A resource's module of rules, behind its group's feature.
fn resource(cx: &Cx<'_>, index: usize) -> Option<Chunk> {
    let resource = cx.api.resources.get(index)?;
    let d = Docs::default();
    let module = ident(&resource.module);
    let gate = features::gate_tokens(features::resource_predicate(cx, index).as_deref());
    let module_doc = d.doc(&format!("Rules for the actions of the {} resource.", code(&resource.name)));
    let handle = cx.place.path(Item::Handle(index), Module::Detached);
    let mut impls = Vec::new();
    let functions: Vec<TokenStream> = resource
        .actions
        .iter()
        .enumerate()
        .map(|(a, action)| {
            let (output, make, serialize) = rule(cx, index, a, action);
            impls.extend(serialize);
            let name = ident(&action.method_name);
            let gate = super::resource::gate(cx, action);
            let doc = d.doc(&format!(
                "The rule for {} ([`{}::{}`]({handle}::{})).",
                code(&action.id),
                cx.place.name(Item::Handle(index)),
                action.method_name,
                action.method_name
            ));
            quote! {
                #doc
                #gate
                pub fn #name() -> super::Rule<#output> {
                    #make
                }
            }
        })
        .collect();
    Some(Chunk::tokens(
        quote! {
            #module_doc
            #gate
            pub mod #module {
                #(#functions)*
                #(#impls)*
            }
        },
        d,
    ))
}

/// An action's rule: its output type, the expression that makes the rule,
/// and, for an action whose statuses carry different types, the
/// `Serialize` impl of its response enum.
fn rule(
    cx: &Cx<'_>,
    resource: usize,
    index: usize,
    action: &Action,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let info =
        super::path_tokens(&format!("{}::INFO", cx.place.path(Item::Builder(resource, index), Module::Detached)));
    let status = proc_macro2::Literal::u16_unsuffixed(action.success.first().map_or(200, |r| r.code));
    match &action.success_type {
        SuccessType::Empty => (quote!(()), quote!(super::Rule::without_body(&#info, #status)), None),
        SuccessType::Single(ty) => {
            let here = Here { cx, module: Module::Detached };
            (stored(ty, &here), quote!(super::Rule::new(&#info, #status)), None)
        }
        SuccessType::ByStatus(responses) => {
            let module = cx.place.module_name(Module::Resource(resource));
            let name = super::path_tokens(&format!("{}::{module}::{}", cx.options.generated_path, responses.name));
            let statuses = responses.variants.iter().map(|v| {
                let (variant, code) = (ident(&v.name), proc_macro2::Literal::u16_unsuffixed(v.code));
                let body = v.ty.is_some();
                match body {
                    true => quote!(#name::#variant(_) => (#code, true),),
                    false => quote!(#name::#variant => (#code, false),),
                }
            });
            let values = responses.variants.iter().map(|v| {
                let variant = ident(&v.name);
                match v.ty {
                    Some(_) => quote!(#name::#variant(value) => serde::Serialize::serialize(value, serializer),),
                    None => quote!(#name::#variant => serializer.serialize_unit(),),
                }
            });
            let gate = super::resource::gate(cx, action);
            let serialize = quote! {
                #gate
                impl serde::Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        match self {
                            #(#values)*
                        }
                    }
                }
            };
            (
                name.clone(),
                quote!(super::Rule::by_status(&#info, |value| match value { #(#statuses)* })),
                Some(serialize),
            )
        }
    }
}
