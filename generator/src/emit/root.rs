//! `mod.rs`: the module tree, API constants, the action table and the
//! resource accessors on the client.

use quote::quote;

use super::docs::{Docs, code, escape};
use super::ty::ident;
use super::{Cx, EmittedFile, features};
use crate::Layout;
use crate::ir::{AuthScheme, Ty, TypeKind};
use crate::place::{Item, Module};

pub(crate) fn emit(cx: &Cx<'_>) -> EmittedFile<'static> {
    let api = cx.api;
    let rt = cx.runtime();
    let d = Docs::default();
    // With one file, the modules are inlined by the renderer instead.
    let declare = cx.options.layout == Layout::Modules;
    let modules = api.resources.iter().enumerate().filter(|_| declare).map(|(i, r)| {
        let module = ident(&r.module);
        let docs = d.doc(&format!("The {} resource.", code(&r.name)));
        let gate = features::gate_tokens(features::resource_predicate(cx, i).as_deref());
        quote!(#docs #gate pub mod #module;)
    });
    let types_module = declare.then(|| {
        quote!(
            #[doc = " Schema types: request bodies and responses."]
            pub mod types;
        )
    });
    let mock_module = cx.options.mocks_feature.as_deref().filter(|_| declare).map(|feature| {
        let gate = features::gate_tokens(Some(&format!("feature = {feature:?}")));
        let module = ident(crate::names::reserved::MOCK_MODULE);
        quote!(
            #[doc = " Typed mocks of every action, for tests without a server."]
            #gate
            pub mod #module;
        )
    });
    let accessors = api.resources.iter().enumerate().map(|(i, r)| {
        let module = ident(&r.module);
        let handle = ident(&r.handle);
        let handle_path = cx.place.path(Item::Handle(i), Module::Root);
        // An action behind a feature is named without a link: the link
        // would not resolve in docs built without the feature.
        let names: Vec<String> = r
            .actions
            .iter()
            .map(|a| match super::resource::features(cx, a).as_slice() {
                [] => format!("[{}]({handle_path}::{})", code(&a.name), a.method_name),
                features => {
                    let features: Vec<String> = features.iter().map(|f| code(f)).collect();
                    format!("{} (feature {})", code(&a.name), features.join(" and "))
                }
            })
            .collect();
        let docs = d.doc(&format!("The {} resource: {}.", code(&r.name), names.join(", ")));
        let gate = features::gate_tokens(features::resource_predicate(cx, i).as_deref());
        quote! {
            #docs
            #gate
            pub fn #module(&self) -> #module::#handle {
                #module::#handle::new(self.inner.clone())
            }
        }
    });
    let infos = api.resources.iter().enumerate().flat_map(|(r, resource)| {
        resource.actions.iter().enumerate().map(move |(a, action)| {
            let builder = super::path_tokens(&cx.place.path(Item::Builder(r, a), Module::Root));
            let gate = super::resource::gate(cx, action);
            let group = features::cfg_tokens(features::resource_predicate(cx, r).as_deref());
            quote!(#group #gate &#builder::INFO)
        })
    });
    let (name, version, base_url) = (&api.name, &api.version, &api.base_url);
    let header_names = api.headers.iter().map(|(n, _)| n);
    let header_values = api.headers.iter().map(|(_, v)| v);
    let auth = match api.auth {
        AuthScheme::Bearer => quote!(#rt::AuthScheme::Bearer),
    };
    let error_type = super::path_tokens(&cx.place.path(Item::Type(api.error_type), Module::Root));
    let mut secret_fields: Vec<&str> = api
        .types
        .defs
        .iter()
        .flat_map(|s| match &s.kind {
            TypeKind::Struct(fields) => {
                fields.iter().filter(|f| *f.ty.non_null() == Ty::Secret).map(|f| f.wire_name.as_str()).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    secret_fields.sort_unstable();
    secret_fields.dedup();
    let count = api.resources.iter().map(|r| r.actions.len()).sum::<usize>();
    let actions_doc =
        d.doc(&format!("Every action of the API ({count}), in spec order: resources by name, actions as declared."));
    let client_doc = d.doc(&format!(
        "A client for the {} ({}).\n\n\
         Cheap to clone: clones share one connection pool. Build one with [`Client::builder`];\n\
         each resource is a method returning a handle whose methods are the resource's actions.",
        escape(name),
        escape(version)
    ));
    let raw = ident(crate::names::reserved::RAW);
    let raw_doc = d.doc(
        "Starts a call of an action the spec does not describe: `method` to `path`, a template whose\n\
         `{name}` placeholders are filled, percent-encoded, by `path_param`; then `query`, `header`,\n\
         `json`, and `send::<T>()`, `send_json()` or `send_with_response::<T>()`.\n\n\
         It is sent as every action is (base URL, token, fixed headers, deadline, retries, hooks,\n\
         tracing, error decoding), but the scopes declared on the builder are not checked: the call\n\
         names none. See [`RawRequest`] for the rules of the path.",
    );
    // The constructor and `with_*` methods, never a struct literal: a field
    // the runtime adds later breaks no generated client.
    let headers = (!api.headers.is_empty()).then(|| quote!(.with_headers(&[#((#header_names, #header_values)),*])));
    let secret_fields = (!secret_fields.is_empty()).then(|| quote!(.with_secret_fields(&[#(#secret_fields),*])));
    let error_schemas = super::errors::api_schemas(cx);
    let tokens = quote! {
        #(#modules)*

        #types_module

        #mock_module

        #[doc = " The API version the client was generated for."]
        pub const API_VERSION: &str = #version;

        #[doc = " What the runtime needs to know about the API."]
        pub static API: #rt::ApiInfo = #rt::ApiInfo::new(#name, #version, #base_url)
            #headers
            .with_auth(#auth)
            .with_user_agent(concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION")))
            #secret_fields
            #error_schemas;

        #[doc = " The body of an API error response, as declared by the spec's `error_schema`."]
        pub type ErrorBody = #error_type;

        #[doc = " Everything that can go wrong with a call; error bodies decode into [`ErrorBody`]."]
        pub type Error = #rt::Error<ErrorBody>;

        #[doc = " An error status from the server, with its [`ErrorBody`]."]
        pub type ApiError = #rt::ApiError<ErrorBody>;

        #[doc = " Configures a [`Client`]: token, base URL, timeouts, user agent, or a prepared `reqwest::Client`."]
        pub type ClientBuilder = #rt::ClientBuilder<Client, ErrorBody>;

        #[doc = " A decoded value with the status and headers of its response: what each request builder's"]
        #[doc = " `send_with_response` returns."]
        pub use #rt::Response;

        #[doc = " A call the spec does not describe, made with [`Client::raw`]; its errors are [`Error`]s."]
        pub type RawRequest = #rt::RawRequest<ErrorBody>;

        #actions_doc
        pub static ACTIONS: &[&#rt::ActionInfo] = &[#(#infos),*];

        #[doc = " Looks up an action by its documented id, such as `resource.action`."]
        pub fn action(id: &str) -> Option<&'static #rt::ActionInfo> {
            ACTIONS.iter().copied().find(|info| info.id == id)
        }

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: #rt::Client,
        }

        impl From<#rt::Client> for Client {
            fn from(inner: #rt::Client) -> Self {
                Client { inner }
            }
        }

        impl Client {
            #[doc = " Starts configuring a client; see [`ClientBuilder`]."]
            pub fn builder() -> ClientBuilder {
                #rt::ClientBuilder::new(&API)
            }

            #[doc = " The base URL requests go to, without a trailing slash."]
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }

            #[doc = " The deadline of each call, every attempt and wait between attempts included."]
            pub fn timeout(&self) -> std::time::Duration {
                self.inner.timeout()
            }

            #[doc = " The timeout of each attempt, when one is set."]
            pub fn attempt_timeout(&self) -> Option<std::time::Duration> {
                self.inner.attempt_timeout()
            }

            #[doc = " The largest response body the client reads, in bytes."]
            pub fn max_response_body(&self) -> usize {
                self.inner.max_response_body()
            }

            #[doc = " Whether the scopes declared on the builder allow an action (true when none were declared)."]
            pub fn allows(&self, action: &#rt::ActionInfo) -> bool {
                self.inner.allows(action)
            }

            #raw_doc
            pub fn #raw(&self, method: #rt::Method, path: &'static str) -> RawRequest {
                self.inner.raw(method, path)
            }

            #(#accessors)*
        }
    };
    EmittedFile {
        gate: None,
        path: "mod.rs".into(),
        module_doc: format!(
            "Generated from the spec of the {} ({}).\n\n\
             One module per resource, the schema types in [`types`], and the action table [`ACTIONS`].",
            escape(name),
            escape(version)
        ),
        chunks: Box::new(std::iter::once(super::Chunk::tokens(tokens, d)).chain(super::common::emit(cx))),
    }
}
