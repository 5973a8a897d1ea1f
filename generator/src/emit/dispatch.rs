//! The test dispatcher: one function that calls any action of the client by
//! its id, with its params given as JSON by wire name, and the tables of
//! what the spec documents about each action (params with their examples,
//! success statuses with their examples, error statuses with their schema).
//!
//! Typed calls cannot be driven from a table by hand for hundreds of
//! actions; this module is what lets a test replay recordings of other
//! clients, or answer every documented status, through the real typed
//! builders. It is written for code outside the client crate (a test), so
//! every item is named by its public path. Each action is one match arm
//! that converts each param with a small generic helper and calls the
//! builder, so the module costs one monomorphization per param type, not
//! per param.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::Cx;
use super::docs::is_argument;
use super::ty::ident;
use super::{Chunk, Docs, EmittedFile, path_tokens};
use crate::ir::{Action, Param, ParamLocation, QueryEncoding, Resource, SuccessType, Ty};
use crate::place::Item;

/// What the emitter needs beyond [`crate::Options`].
pub(crate) struct Target<'a> {
    /// The public path of the runtime (`my_client::runtime`).
    pub(crate) runtime: &'a str,
    /// The file name the module is written to.
    pub(crate) file: &'a str,
}

/// The dispatcher module, as one file.
pub(crate) fn emit<'a>(cx: &'a Cx<'a>, target: &Target<'_>) -> EmittedFile<'a> {
    let d = Docs::default();
    let krate = path_tokens(&cx.options.crate_name);
    let rt = path_tokens(target.runtime);
    let prelude = prelude(&krate, &rt, &d);
    let globals = cx.api.global_params.iter().map(|p| param_case(cx, p));
    let cases = cx.api.resources.iter().flat_map(|r| r.actions.iter().map(move |a| action_case(cx, a)));
    let actions: Vec<(&Resource, &Action)> =
        cx.api.resources.iter().flat_map(|r| r.actions.iter().map(move |a| (r, a))).collect();
    let arms = actions.iter().enumerate().map(|(i, (_, a))| {
        let (id, function) = (&a.id, ident(&format!("action_{i}")));
        quote!(#id => Box::pin(#function(client, args)).await,)
    });
    let functions = actions.iter().enumerate().map(|(i, (r, a))| function(cx, target, i, r, a));
    let details = error_details(cx, &krate);
    let tables = quote! {
        #[doc = " The params every action accepts, after its own."]
        pub static GLOBAL_PARAMS: &[ParamCase] = &[#(#globals),*];

        #[doc = " Every action, in spec order."]
        pub static ACTION_CASES: &[ActionCase] = &[#(#cases),*];

        #details

        #[doc = " Calls action `id` with `args` (params by wire name, as JSON values) and"]
        #[doc = " returns the response re-encoded as JSON, or the client's error."]
        #[doc = ""]
        #[doc = " # Errors"]
        #[doc = ""]
        #[doc = " [`Failure::Args`] for an unknown action, an unknown param, a missing"]
        #[doc = " required param or a value that does not convert to the param's type"]
        #[doc = " (nothing was sent), [`Failure::Client`] for the client's error."]
        pub async fn call(
            client: &#krate::Client,
            id: &str,
            args: &serde_json::Map<String, serde_json::Value>,
        ) -> Result<Outcome, Failure> {
            check_names(id, args)?;
            match id {
                #(#arms)*
                other => Err(Failure::Args(format!("no action `{other}`"))),
            }
        }

        #(#functions)*
    };
    let chunks = vec![Chunk::tokens(prelude, d), Chunk::tokens(tables, Docs::default())];
    EmittedFile {
        path: target.file.to_owned(),
        module_doc: MODULE_DOC.to_owned(),
        // Test support: the tests that include it turn on every feature.
        gate: None,
        chunks: Box::new(chunks.into_iter()),
    }
}

const MODULE_DOC: &str = "Test support: calls any action of the client by its id, with its params as JSON.

[`call`] takes each param by its wire name from a JSON object, converts it to the param's Rust type with \
`serde_json::from_value`, passes required params to the action's method and optional ones to their setters, \
sends, and returns the success re-encoded as JSON ([`Outcome`]), or the client's error ([`Failure`]). \
[`ACTION_CASES`] lists what the spec documents about every action: its params with their examples, its \
success statuses with their examples and its error statuses with their schemas.

Conventions:

- A file param is `{\"$file\": {\"name\": \"a.txt\", \"contentType\": \"text/plain\", \"text\": \"...\"}}`, \
or with `\"base64\": \"...\"` in place of `\"text\"`; `contentType` is optional.
- A stream of server-sent events is read to its end (at most `MAX_EVENTS` events): \
[`Outcome::Events`] holds each event as `{\"id\", \"event\", \"data\"}` and the error that ended it, if any.
- A param set to `null` is given as `null` (the absent and `null` stay apart); an absent param is not set.

The module needs the client crate's optional features (event streams, multipart uploads) and the serde \
derives of every type in both directions.";

/// The fixed part: the outcome and failure types, the tables' row types
/// and the conversion helpers.
fn prelude(krate: &TokenStream, rt: &TokenStream, d: &Docs) -> TokenStream {
    let outcome_doc = d.doc("What a call returned, re-encoded as JSON.");
    let failure_doc = d.doc("Why a call returned no [`Outcome`].");
    let param_doc = d.doc("What the spec documents about one param.");
    let action_doc = d.doc("What the spec documents about one action.");
    quote! {
        #![allow(dead_code, unreachable_pub, clippy::too_many_lines)]

        use #rt::StreamExt as _;

        #outcome_doc
        #[derive(Debug)]
        pub enum Outcome {
            #[doc = " A success without a body."]
            Empty,
            #[doc = " A success decoded into the action's one response type."]
            Json(serde_json::Value),
            #[doc = " A success of an action whose statuses carry different types: the"]
            #[doc = " variant's status and value (`None` for a variant without a body)."]
            Status(u16, Option<serde_json::Value>),
            #[doc = " The events of a stream, and the error that ended it, if any."]
            Events(Vec<serde_json::Value>, Option<#krate::Error>),
        }

        #failure_doc
        #[derive(Debug)]
        pub enum Failure {
            #[doc = " The args do not make a call of the action; nothing was sent."]
            Args(String),
            #[doc = " The client's error."]
            Client(#krate::Error),
            #[doc = " The decoded value does not encode as JSON."]
            Encode(String),
        }

        impl From<#krate::Error> for Failure {
            fn from(error: #krate::Error) -> Self {
                Failure::Client(error)
            }
        }

        #param_doc
        #[derive(Debug, Clone, Copy)]
        pub struct ParamCase {
            #[doc = " The wire name."]
            pub wire: &'static str,
            #[doc = " Where it travels: `path`, `query`, `header`, `body` or `multipart`."]
            pub location: &'static str,
            #[doc = " Whether the action's method takes it as an argument."]
            pub required: bool,
            #[doc = " Its type: `string`, `secret`, `integer`, `number`, `boolean`, `any`, `file`,"]
            #[doc = " `array`, `map`, `object` or `enum`."]
            pub kind: &'static str,
            #[doc = " Whether the value may be `null`."]
            pub nullable: bool,
            #[doc = " Whether a structured query value travels as one JSON string."]
            pub json_query: bool,
            #[doc = " The documented example (the schema's, for a schema type), as JSON text."]
            pub example: Option<&'static str>,
            #[doc = " The documented default, as JSON text."]
            pub default: Option<&'static str>,
            #[doc = " Whether the client sends the default when the param is not set."]
            pub send_default: bool,
        }

        #action_doc
        #[derive(Debug, Clone, Copy)]
        pub struct ActionCase {
            #[doc = " `resource.action`."]
            pub id: &'static str,
            #[doc = " Its own params, in spec order."]
            pub params: &'static [ParamCase],
            #[doc = " The documented success statuses, each with the name of its body's"]
            #[doc = " schema (`None`: no body) and that schema's example as JSON text"]
            #[doc = " (`None`: no body, or no example)."]
            pub success: &'static [(u16, Option<&'static str>, Option<&'static str>)],
            #[doc = " Whether a success has a body the client decodes."]
            pub decodes: bool,
            #[doc = " The documented error statuses, each with the schema of its body when"]
            #[doc = " that is not the API's error schema."]
            pub errors: &'static [(u16, Option<&'static str>)],
            #[doc = " Whether the response is a stream of server-sent events."]
            pub stream: bool,
            #[doc = " The event type a stream's events carry, when documented."]
            pub event: Option<&'static str>,
            #[doc = " The example of a stream event's data (its schema's), as JSON text."]
            pub event_example: Option<&'static str>,
        }

        #[doc = " The most events a stream is read for."]
        pub const MAX_EVENTS: usize = 1000;

        #[doc = " The case of action `id`."]
        pub fn case(id: &str) -> Option<&'static ActionCase> {
            ACTION_CASES.iter().find(|case| case.id == id)
        }

        #[doc = " Fails for an arg that is no param of the action, so that nothing is"]
        #[doc = " dropped silently."]
        fn check_names(id: &str, args: &serde_json::Map<String, serde_json::Value>) -> Result<(), Failure> {
            let case = case(id).ok_or_else(|| Failure::Args(format!("no action `{id}`")))?;
            let known = |name: &str| case.params.iter().chain(GLOBAL_PARAMS).any(|p| p.wire == name);
            match args.keys().find(|name| !known(name)) {
                Some(name) => Err(Failure::Args(format!("`{id}` has no param `{name}`"))),
                None => Ok(()),
            }
        }

        fn convert<T: serde::de::DeserializeOwned>(name: &str, value: &serde_json::Value) -> Result<T, Failure> {
            serde_json::from_value(value.clone())
                .map_err(|e| Failure::Args(format!("param `{name}`: {e} (value {value})")))
        }

        fn req<T: serde::de::DeserializeOwned>(
            args: &serde_json::Map<String, serde_json::Value>,
            name: &str,
        ) -> Result<T, Failure> {
            let value = args.get(name).ok_or_else(|| Failure::Args(format!("param `{name}` is required")))?;
            convert(name, value)
        }

        fn opt<T: serde::de::DeserializeOwned>(
            args: &serde_json::Map<String, serde_json::Value>,
            name: &str,
        ) -> Result<Option<T>, Failure> {
            args.get(name).map(|value| convert(name, value)).transpose()
        }

        fn file_part(name: &str, value: &serde_json::Value) -> Result<#rt::FilePart, Failure> {
            let bad = |why: &str| Failure::Args(format!("param `{name}`: {why} (value {value})"));
            let file = value.get("$file").ok_or_else(|| bad("a file is `{\"$file\": {...}}`"))?;
            let file_name = file.get("name").and_then(serde_json::Value::as_str).ok_or_else(|| bad("no `name`"))?;
            let bytes = match (file.get("text"), file.get("base64")) {
                (Some(serde_json::Value::String(text)), None) => text.clone().into_bytes(),
                (None, Some(serde_json::Value::String(encoded))) => {
                    base64_decode(encoded).ok_or_else(|| bad("`base64` is not base64"))?
                }
                _ => return Err(bad("one of `text` or `base64` is needed")),
            };
            let part = #rt::FilePart::new(bytes, file_name);
            Ok(match file.get("contentType").and_then(serde_json::Value::as_str) {
                Some(content_type) => part.content_type(content_type),
                None => part,
            })
        }

        fn req_file(args: &serde_json::Map<String, serde_json::Value>, name: &str) -> Result<#rt::FilePart, Failure> {
            let value = args.get(name).ok_or_else(|| Failure::Args(format!("param `{name}` is required")))?;
            file_part(name, value)
        }

        fn opt_file(
            args: &serde_json::Map<String, serde_json::Value>,
            name: &str,
        ) -> Result<Option<#rt::FilePart>, Failure> {
            args.get(name).map(|value| file_part(name, value)).transpose()
        }

        #[doc = " Standard base64 with padding (RFC 4648), which is all the tests write."]
        fn base64_decode(text: &str) -> Option<Vec<u8>> {
            const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let digits: Vec<u8> = text
                .bytes()
                .filter(|b| *b != b'=')
                .map(|b| ALPHABET.iter().position(|a| *a == b).map(|i| i as u8))
                .collect::<Option<_>>()?;
            let mut out = Vec::with_capacity(digits.len() * 3 / 4);
            for chunk in digits.chunks(4) {
                let mut n = 0u32;
                for (i, digit) in chunk.iter().enumerate() {
                    n |= u32::from(*digit) << (18 - 6 * i);
                }
                let bytes = n.to_be_bytes();
                out.extend_from_slice(&bytes[1..chunk.len()]);
            }
            Some(out)
        }

        fn encode<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, Failure> {
            serde_json::to_value(value).map_err(|e| Failure::Encode(e.to_string()))
        }

        fn json<T: serde::Serialize>(value: &T) -> Result<Outcome, Failure> {
            encode(value).map(Outcome::Json)
        }

        fn status<T: serde::Serialize>(code: u16, value: Option<&T>) -> Result<Outcome, Failure> {
            Ok(Outcome::Status(code, value.map(encode).transpose()?))
        }

        async fn events<T: serde::Serialize>(
            mut stream: impl #rt::Stream<Item = Result<#rt::sse::Event<T>, #krate::Error>> + Unpin,
        ) -> Result<Outcome, Failure> {
            let mut events = Vec::new();
            while let Some(item) = stream.next().await {
                match item {
                    Ok(event) => {
                        let data = encode(&event.data)?;
                        events.push(serde_json::json!({"id": event.id, "event": event.event, "data": data}));
                    }
                    // A failure before any event is the call's failure.
                    Err(error) if events.is_empty() => return Err(Failure::Client(error)),
                    Err(error) => return Ok(Outcome::Events(events, Some(error))),
                }
                if events.len() == MAX_EVENTS {
                    break;
                }
            }
            Ok(Outcome::Events(events, None))
        }
    }
}

/// The spec's type word of a param's type, for the tables.
fn kind(cx: &Cx<'_>, ty: &Ty) -> &'static str {
    match ty.non_null() {
        Ty::String => "string",
        Ty::Secret => "secret",
        Ty::DateTime => "date-time",
        Ty::Integer => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        Ty::Any => "any",
        Ty::File => "file",
        Ty::Array(_) => "array",
        Ty::Map(_) => "map",
        Ty::Enum(_) => "enum",
        Ty::Object(id) => match cx.ty(*id).kind {
            crate::ir::TypeKind::Alias(Ty::Array(_)) => "array",
            crate::ir::TypeKind::Alias(Ty::Map(_)) => "map",
            _ => "object",
        },
        Ty::Nullable(_) => "any",
    }
}

fn json_text(value: Option<&Value>) -> TokenStream {
    match value {
        Some(value) => {
            let text = value.to_string();
            quote!(Some(#text))
        }
        None => quote!(None),
    }
}

/// A param's example: its own, else its schema's.
fn example<'a>(cx: &Cx<'a>, param: &'a Param) -> Option<&'a Value> {
    param.example.as_ref().or_else(|| match param.ty.non_null() {
        Ty::Object(id) | Ty::Enum(id) => cx.schema_of(*id).and_then(|s| s.example.as_ref()),
        _ => None,
    })
}

fn param_case(cx: &Cx<'_>, param: &Param) -> TokenStream {
    let (wire, location, required) = (&param.wire_name, param.location.as_str(), is_argument(param));
    let kind = kind(cx, &param.ty);
    let nullable = param.ty.is_nullable();
    let json_query = param.location == ParamLocation::Query && param.encoding == QueryEncoding::Json;
    let example = json_text(example(cx, param));
    let default = json_text(param.default.as_ref());
    let send_default = param.send_default;
    quote! {
        ParamCase {
            wire: #wire, location: #location, required: #required, kind: #kind, nullable: #nullable,
            json_query: #json_query, example: #example, default: #default, send_default: #send_default,
        }
    }
}

fn action_case(cx: &Cx<'_>, action: &Action) -> TokenStream {
    let id = &action.id;
    let params = action.params.iter().map(|p| param_case(cx, p));
    let success = action.success.iter().map(|r| {
        let code = Literal::u16_unsuffixed(r.code);
        let example = json_text(r.schema.as_deref().and_then(|s| cx.schema_named(s)).and_then(|s| s.example.as_ref()));
        let schema = match r.schema.as_deref() {
            Some(name) => quote!(Some(#name)),
            None => quote!(None),
        };
        quote!((#code, #schema, #example))
    });
    let decodes = action.success_type != SuccessType::Empty;
    let errors = action.errors.iter().map(|r| {
        let code = Literal::u16_unsuffixed(r.code);
        match super::errors::own_schema(cx, r) {
            Some(schema) => {
                let name = &schema.name;
                quote!((#code, Some(#name)))
            }
            None => quote!((#code, None)),
        }
    });
    let stream = action.stream.is_some();
    let event = match action.stream.as_ref().and_then(|s| s.event.as_deref()) {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    let event_example = json_text(
        action
            .stream
            .as_ref()
            .and_then(|s| s.schema.as_deref())
            .and_then(|s| cx.schema_named(s))
            .and_then(|s| s.example.as_ref()),
    );
    quote! {
        ActionCase {
            id: #id, params: &[#(#params),*], success: &[#(#success),*], decodes: #decodes,
            errors: &[#(#errors),*], stream: #stream, event: #event, event_example: #event_example,
        }
    }
}

/// `error_details`: whether an API error's `details` decoded into the
/// schema of that name, for every schema an action names for an error
/// status.
fn error_details(cx: &Cx<'_>, krate: &TokenStream) -> TokenStream {
    let mut names: Vec<&crate::ir::Schema> = cx
        .api
        .resources
        .iter()
        .flat_map(|r| &r.actions)
        .flat_map(|a| &a.errors)
        .filter_map(|r| super::errors::own_schema(cx, r))
        .collect();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    names.dedup_by(|a, b| a.name == b.name);
    let arms = names.iter().map(|schema| {
        let name = &schema.name;
        let ty = path_tokens(&cx.place.public_path(Item::Type(schema.id)));
        quote!(#name => Some(error.details::<#ty>().is_some()),)
    });
    quote! {
        #[doc = " Whether `error`'s details decoded into the error schema named `schema`;"]
        #[doc = " `None` for a name no action documents."]
        pub fn error_details(error: &#krate::ApiError, schema: &str) -> Option<bool> {
            match schema {
                #(#arms)*
                _ => None,
            }
        }
    }
}

/// The Rust type of a param as code outside the crate names it.
fn public_ty(cx: &Cx<'_>, target: &Target<'_>, ty: &Ty) -> TokenStream {
    let rt = path_tokens(target.runtime);
    match ty {
        Ty::String => quote!(String),
        Ty::Secret => quote!(#rt::Secret),
        Ty::DateTime => quote!(#rt::DateTime),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Any => quote!(serde_json::Value),
        Ty::File => quote!(#rt::FilePart),
        Ty::Array(item) => {
            let item = public_ty(cx, target, item);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = public_ty(cx, target, value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        Ty::Object(id) | Ty::Enum(id) => path_tokens(&cx.place.public_path(Item::Type(*id))),
        Ty::Nullable(inner) => {
            let inner = public_ty(cx, target, inner);
            quote!(#rt::Nullable<#inner>)
        }
    }
}

/// The expression of a required param's value.
fn required(cx: &Cx<'_>, target: &Target<'_>, param: &Param, count: bool) -> TokenStream {
    let wire = &param.wire_name;
    if param.ty == Ty::File {
        return quote!(req_file(args, #wire)?);
    }
    let ty = if count { quote!(usize) } else { public_ty(cx, target, &param.ty) };
    quote!(req::<#ty>(args, #wire)?)
}

/// The statement that applies an optional param to the builder `b`; a
/// page number or size (`count`) is a `usize`.
fn optional(cx: &Cx<'_>, target: &Target<'_>, param: &Param, count: bool) -> TokenStream {
    let (wire, setter) = (&param.wire_name, ident(&param.rust_name));
    let value = if param.ty == Ty::File {
        quote!(opt_file(args, #wire)?)
    } else if count {
        quote!(opt::<usize>(args, #wire)?)
    } else {
        let ty = public_ty(cx, target, &param.ty);
        quote!(opt::<#ty>(args, #wire)?)
    };
    quote! {
        let b = match #value {
            Some(value) => b.#setter(value),
            None => b,
        };
    }
}

/// The function that calls one action. Each action is a function of its
/// own, boxed by `call`, so that `call`'s future and stack frame hold one
/// pointer rather than every action's builder and request.
fn function(cx: &Cx<'_>, target: &Target<'_>, index: usize, resource: &Resource, action: &Action) -> TokenStream {
    let id = &action.id;
    let (accessor, method) = (ident(&resource.module), ident(&action.method_name));
    let args = action.params.iter().filter(|p| is_argument(p)).map(|p| required(cx, target, p, action.is_count(p)));
    // The global params come after the action's own, as in the builder.
    let own = action.params.iter().filter(|p| !is_argument(p)).map(|p| optional(cx, target, p, action.is_count(p)));
    let setters = own.chain(cx.api.global_params.iter().map(|p| optional(cx, target, p, false)));
    let finish = if action.stream.is_some() {
        quote!(events(b.events()).await)
    } else {
        match &action.success_type {
            SuccessType::Empty => quote! {
                b.send().await?;
                Ok(Outcome::Empty)
            },
            SuccessType::Single(_) => quote!(json(&b.send().await?)),
            SuccessType::ByStatus(statuses) => {
                let path = path_tokens(&format!("{}::{}::{}", cx.options.crate_name, resource.module, statuses.name));
                let arms = statuses.variants.iter().map(|v| {
                    let (variant, code) = (ident(&v.name), Literal::u16_unsuffixed(v.code));
                    match (&v.ty, v.boxed) {
                        (Some(_), true) => quote!(#path::#variant(value) => status(#code, Some(&*value)),),
                        (Some(_), false) => quote!(#path::#variant(value) => status(#code, Some(&value)),),
                        (None, _) => quote!(#path::#variant => status::<()>(#code, None),),
                    }
                });
                quote! {
                    match b.send().await? {
                        #(#arms)*
                        other => Err(Failure::Encode(format!("an undocumented variant: {other:?}"))),
                    }
                }
            }
        }
    };
    let function = ident(&format!("action_{index}"));
    let krate = path_tokens(&cx.options.crate_name);
    let doc = format!(" `{id}`.");
    quote! {
        #[doc = #doc]
        async fn #function(
            client: &#krate::Client,
            args: &serde_json::Map<String, serde_json::Value>,
        ) -> Result<Outcome, Failure> {
            let b = client.#accessor().#method(#(#args),*);
            #(#setters)*
            #finish
        }
    }
}
