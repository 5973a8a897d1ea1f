//! One module per resource: the resource handle, its param enums, and one
//! request builder per action.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::docs::{self, Docs, code, escape, is_argument};
use super::ty::{Here, accepted, ident, stored, with_field};
use super::{Chunk, Cx, EmittedFile, common, schema};
use crate::ir::{
    Action, EventStream, OneOfDef, Param, ParamLocation, PathPart, QueryEncoding, Resource, SuccessType, Ty, TypeKind,
};
use crate::names::reserved;
use crate::place::{Item, Module};

/// A resource's module while it is emitted.
struct ResourceModule<'a> {
    cx: &'a Cx<'a>,
    resource: &'a Resource,
    here: Here<'a>,
}

impl<'a> ResourceModule<'a> {
    fn new(cx: &'a Cx<'a>, index: usize) -> Option<Self> {
        let resource = cx.api.resources.get(index)?;
        Some(ResourceModule { cx, resource, here: Here { cx, module: Module::Resource(index) } })
    }
}

impl<'a> std::ops::Deref for ResourceModule<'a> {
    type Target = Here<'a>;

    fn deref(&self) -> &Here<'a> {
        &self.here
    }
}

pub(crate) fn emit<'a>(cx: &'a Cx<'a>, index: usize) -> EmittedFile<'a> {
    let Some(names) = ResourceModule::new(cx, index) else {
        return EmittedFile {
            path: String::new(),
            module_doc: String::new(),
            gate: None,
            chunks: Box::new(std::iter::empty()),
        };
    };
    let resource = names.resource;
    let rt = cx.runtime();
    let handle = ident(&resource.handle);
    let d = Docs::default();
    let handle_doc = d.doc(&format!(
        "{}\n\nGet one with [`Client::{}`]({}::Client::{}).",
        resource
            .description
            .as_deref()
            .map(escape)
            .unwrap_or_else(|| format!("The {} resource.", code(&resource.name))),
        resource.module,
        cx.options.generated_path,
        resource.module
    ));
    let methods = resource.actions.iter().map(|a| method(&names, a, &d));
    // The enums and one-ofs only this resource's params declare.
    let own_types = cx.place.types_in(Module::Resource(index)).iter().flat_map(|&id| schema::item(id, &names.here));
    let responses = resource.actions.iter().filter_map(|a| response_enum(&names, a));
    let builders = resource.actions.iter().flat_map(|a| builder(&names, a));
    let head = quote! {
        #handle_doc
        #[derive(Debug, Clone)]
        pub struct #handle {
            client: #rt::Client,
        }

        impl #handle {
            pub(crate) fn new(client: #rt::Client) -> Self {
                #handle { client }
            }

            #(#methods)*
        }
    };
    // A resource's chunks are made at once: a resource is small, and they
    // all borrow its `names`.
    let chunks: Vec<Chunk> =
        std::iter::once(Chunk::tokens(head, d)).chain(own_types).chain(responses).chain(builders).collect();
    let actions: Vec<String> = resource.actions.iter().map(|a| code(&a.name)).collect();
    EmittedFile {
        path: cx.place.file(Module::Resource(index)),
        gate: super::features::resource_predicate(cx, index),
        module_doc: format!(
            "The {} resource: {}.\n\n{}",
            code(&resource.name),
            actions.join(", "),
            resource.description.as_deref().map(escape).unwrap_or_default()
        ),
        chunks: Box::new(chunks.into_iter()),
    }
}

fn method(names: &ResourceModule<'_>, action: &Action, d: &Docs) -> TokenStream {
    let mut text = docs::action(names.cx, action, names.module);
    text.push_str(&example(names, action));
    let docs = d.doc(&text);
    let method = ident(&action.method_name);
    let builder = ident(&action.builder);
    let args = action.params.iter().filter(|p| is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, _) = param_accepted(names, action, p, &name);
        quote!(#name: #accepts)
    });
    let inits = action.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        if is_argument(p) {
            let (_, convert) = param_accepted(names, action, p, &name);
            // A value taken as it is (an `i64`, a `bool`) initializes its
            // field by the shorthand, as clippy's `redundant_field_names`
            // wants.
            if name == convert.to_string() { quote!(#name) } else { quote!(#name: #convert) }
        } else {
            quote!(#name: None)
        }
    });
    let (client_field, common_field) = (ident(reserved::CLIENT_FIELD), ident(reserved::COMMON_FIELD));
    let gate = gate(names.cx, action);
    quote! {
        #gate
        #docs
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder {
                #client_field: self.client.clone(),
                #common_field: Default::default(),
                #(#inits,)*
            }
        }
    }
}

/// A request builder: its struct and own methods, then the shared members.
fn builder(names: &ResourceModule<'_>, action: &Action) -> Vec<Chunk> {
    let d = Docs::default();
    let rt = names.cx.runtime();
    let builder = ident(&action.builder);
    let handle = &names.resource.handle;
    let finish = if action.stream.is_some() { "events" } else { "send" };
    let docs = d.doc(&format!(
        "A {} request: {}.\n\nMade by [`{handle}::{}`], which documents the params; set optional params \
         with the methods below, then call [`{finish}`](Self::{finish}).",
        code(&action.id),
        code(&format!("{} {}", action.http_method, action.path)),
        action.method_name
    ));
    let must_use = format!("a request does nothing until `{finish}` is called");
    let fields = action.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = if action.is_count(p) { quote!(usize) } else { stored(&p.ty, &names.here) };
        if is_argument(p) { quote!(#name: #ty) } else { quote!(#name: Option<#ty>) }
    });
    let setters = action.params.iter().filter(|p| !is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, convert) = param_accepted(names, action, p, &ident("value"));
        let docs = d.doc(docs::param_line(names.cx, p, names.module).trim_start_matches("- "));
        quote! {
            #docs
            pub fn #name(mut self, value: #accepts) -> Self {
                self.#name = Some(#convert);
                self
            }
        }
    });
    let info = info(names, action);
    let send = match &action.stream {
        Some(stream) => events(names, action, stream, &d),
        None => send(names, action),
    };
    let paging = paging(names, action, &d);
    let blocking = blocking_pages(names, action);
    let common = ident(common::PARAMS);
    let (client_field, common_field) = (ident(reserved::CLIENT_FIELD), ident(reserved::COMMON_FIELD));
    let gate = gate(names.cx, action);
    let own = quote! {
        #gate
        #docs
        #[derive(Debug, Clone)]
        #[must_use = #must_use]
        // The builder's own fields end in `_`, which no converted param name
        // does (only keywords get the suffix), so params cannot collide.
        pub struct #builder {
            #client_field: #rt::Client,
            #common_field: super::#common,
            #(#fields,)*
        }

        #gate
        impl #builder {
            #[doc = " What the API documents about this action."]
            pub const INFO: #rt::ActionInfo = #info;

            #(#setters)*

            #send

            #paging

            #blocking
        }
    };
    let mut members = match action.stream {
        Some(_) => common::invoke_stream(&action.builder),
        None => common::invoke(&action.builder, &output_type(names, action)),
    };
    if let (Chunk::Text(text), Some(predicate)) = (&mut members, predicate(names.cx, action)) {
        text.insert_str(0, &format!("#[cfg({predicate})]\n"));
    }
    vec![Chunk::tokens(own, d), members]
}

/// What a param's setter (or constructor argument) takes: as [`accepted`],
/// but a page number or size (`Action::is_count`) is a `usize`.
fn param_accepted(
    names: &ResourceModule<'_>,
    action: &Action,
    p: &Param,
    arg: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    if action.is_count(p) { (quote!(usize), quote!(#arg)) } else { accepted(&p.ty, &names.here, arg) }
}

/// The client crate's features an action needs to exist: a stream needs the
/// SSE feature (the runtime's event streams), a multipart action the
/// multipart feature (the runtime's multipart encoder).
pub(crate) fn features<'a>(cx: &'a Cx<'_>, action: &Action) -> Vec<&'a str> {
    let sse = cx.options.sse_feature.as_deref().filter(|_| action.stream.is_some());
    let multipart = cx.options.multipart_feature.as_deref().filter(|_| action.is_multipart());
    sse.into_iter().chain(multipart).collect()
}

/// The `cfg` predicate of the features an action needs, as text.
fn predicate(cx: &Cx<'_>, action: &Action) -> Option<String> {
    let features: Vec<String> = features(cx, action).iter().map(|f| format!("feature = {f:?}")).collect();
    match features.len() {
        0 => None,
        1 => Some(features[0].clone()),
        _ => Some(format!("all({})", features.join(", "))),
    }
}

/// `#[cfg(...)]` for an action that needs features, else nothing.
pub(crate) fn gate(cx: &Cx<'_>, action: &Action) -> Option<TokenStream> {
    let predicate: TokenStream = predicate(cx, action)?.parse().ok()?;
    Some(quote!(#[cfg(#predicate)]))
}

fn info(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let (id, resource, name, path, summary, auth) =
        (&action.id, &names.resource.name, &action.name, &action.path, &action.summary, action.auth);
    let method = ident(action.http_method.variant());
    let scopes = &action.scopes;
    // The constructor and `with_*` methods, never a struct literal: a field
    // the runtime adds later breaks no generated client.
    let auth = (!auth).then(|| quote!(.with_auth(false)));
    let scopes = (!scopes.is_empty()).then(|| quote!(.with_scopes(&[#(#scopes),*])));
    let error_statuses = super::errors::action_statuses(names.cx, action);
    quote! {
        #rt::ActionInfo::new(#id, #resource, #name, #rt::Method::#method, #path)
            .with_summary(#summary)
            #auth
            #scopes
            #error_statuses
    }
}

/// The action's own part of sending: the function that fills the request
/// from the params, and how the response decodes. The sending methods
/// (`send`, `send_with_response`, `send_blocking`, `.await`) are shared
/// members (the members macro), and the future they return is the
/// runtime's: no action has an `async fn` of its own, which would be a
/// state machine per action for the compiler to check and build.
fn send(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let (request_fn, decode) = (ident(reserved::REQUEST_FN), ident(reserved::DECODE_CONST));
    let build = request_statements(names, action);
    let (output, decoding) = match &action.success_type {
        SuccessType::Empty => (quote!(()), quote!(#rt::__private::send::empty)),
        SuccessType::Single(ty) => (stored(ty, &names.here), quote!(#rt::__private::send::json)),
        SuccessType::ByStatus(responses) => {
            let name = ident(&responses.name);
            let arm = |v: &crate::ir::StatusVariant| {
                let variant = ident(&v.name);
                match (&v.ty, v.boxed) {
                    (Some(_), true) => {
                        quote!(#rt::serde_json::from_slice(body).map(|value| #name::#variant(Box::new(value))))
                    }
                    (Some(_), false) => quote!(#rt::serde_json::from_slice(body).map(#name::#variant)),
                    (None, _) => quote!(Ok(#name::#variant)),
                }
            };
            let arms = responses.variants.iter().map(|v| {
                let code = proc_macro2::Literal::u16_unsuffixed(v.code);
                let decode = arm(v);
                quote!(#code => #decode,)
            });
            // An undocumented 2xx decodes as the first documented status.
            let fallback = responses.variants.first().map(arm);
            (
                quote!(#name),
                quote! {
                    |response| response.decode_with(|status, body| match status {
                        #(#arms)*
                        _ => #fallback,
                    })
                },
            )
        }
    };
    let error = names.cx.error();
    let error_body = names.cx.error_body();
    quote! {
        const #decode: #rt::__private::send::Decode<#output, #error_body> = #decoding;

        fn #request_fn(&self) -> Result<#rt::__private::Request, #error> {
            #build
            Ok(request)
        }
    }
}

/// The statements that fill `request` from the builder's params.
fn request_statements(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let common_field = ident(reserved::COMMON_FIELD);
    let path = action.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.path(#text);),
        PathPart::Param(index) => match action.path_param(*index) {
            Some(param) => {
                let (wire, name) = (&param.wire_name, ident(&param.rust_name));
                quote!(request.path_param(#wire, &self.#name)?;)
            }
            // Validation resolves every placeholder to a path param.
            None => quote!(compile_error!("a path placeholder has no param");),
        },
    });
    // Global query params go first: the official clients start the query
    // with them, and keeping their order keeps requests comparable.
    let common_query =
        common::has_globals(names.cx, ParamLocation::Query).then(|| quote!(self.#common_field.query(&mut request);));
    let query_params = action.params.iter().filter(|p| p.location == ParamLocation::Query);
    let query = query_params.map(|p| {
        if is_scalar(&p.ty) {
            sent(p, quote!(request.query), false)
        } else {
            let encoding = match p.encoding {
                QueryEncoding::Brackets => quote!(#rt::__private::QueryEncoding::Brackets),
                QueryEncoding::Json => quote!(#rt::__private::QueryEncoding::Json),
            };
            let wire = &p.wire_name;
            with_value(p, quote!(request.query_structured(#wire, value, #encoding)?;))
        }
    });
    let header_params = action.params.iter().filter(|p| p.location == ParamLocation::Header);
    let headers = header_params.map(|p| sent(p, quote!(request.header), true));
    let common_headers = common::has_globals(names.cx, ParamLocation::Header)
        .then(|| quote!(self.#common_field.headers(&mut request)?;));
    // Bodies and multipart parts check their documented limits before
    // anything is sent.
    let check = |p: &Param| {
        let wire = &p.wire_name;
        names.cx.check_expr(&p.ty, quote!(value)).map(|e| quote!(#e.map_err(|reason| request.invalid(#wire, reason))?;))
    };
    // Numbers check their documented bounds, whatever carries them.
    let bound = |v: Option<f64>| match v {
        Some(v) => {
            let v = proc_macro2::Literal::f64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    };
    let ranges = action
        .params
        .iter()
        .filter(|p| matches!(p.ty, Ty::Integer | Ty::Number))
        .filter(|p| p.constraints.minimum.is_some() || p.constraints.maximum.is_some())
        .map(|p| {
            let wire = &p.wire_name;
            let (min, max) = (bound(p.constraints.minimum), bound(p.constraints.maximum));
            let value = if p.ty == Ty::Integer { quote!(*value as f64) } else { quote!(*value) };
            let check = quote!(#rt::__private::limits::range(#wire, #value, #min, #max).map_err(|reason| request.invalid(#wire, reason))?;);
            with_value(p, check)
        });
    // A page number or size is a `usize`, which the API takes only up to
    // `i64::MAX`: a larger one is refused, never wrapped.
    let counts = action.params.iter().filter(|p| action.is_count(p)).map(|p| {
        let wire = &p.wire_name;
        let check = quote!(#rt::__private::limits::fits_integer(#wire, *value).map_err(|reason| request.invalid(#wire, reason))?;);
        with_value(p, check)
    });
    let body = action.params.iter().filter(|p| p.location == ParamLocation::Body).map(|p| {
        let check = check(p);
        with_value(p, quote! { #check request.json_body(value)?; })
    });
    let parts = action.params.iter().filter(|p| p.location == ParamLocation::Multipart).map(|p| {
        let wire = &p.wire_name;
        let call = match &p.ty {
            Ty::File => quote!(request.multipart_file(#wire, value);),
            ty if is_scalar(ty) => quote!(request.multipart_text(#wire, value);),
            _ => {
                let check = check(p);
                quote! { #check request.multipart_json(#wire, value)?; }
            }
        };
        with_value(p, call)
    });
    // A multipart action given no part sends `{}` as JSON instead (see the
    // runtime's `finish_multipart` for why); one with a required part always
    // has a part.
    let multipart_params = || action.params.iter().filter(|p| p.location == ParamLocation::Multipart);
    let finish_parts = (multipart_params().next().is_some() && !multipart_params().any(|p| p.required))
        .then(|| quote!(request.finish_multipart();));
    quote! {
        let mut request = #rt::__private::Request::new(&Self::INFO).with_options(&self.#common_field.options);
        #(#counts)*
        #(#ranges)*
        #(#path)*
        #common_query
        #(#query)*
        #(#headers)*
        #common_headers
        #(#body)*
        #(#parts)*
        #finish_parts
    }
}

/// `events` and `idle_timeout` for a `stream: sse` action: the stream is
/// behind the client crate's SSE feature.
fn events(names: &ResourceModule<'_>, action: &Action, stream: &EventStream, d: &Docs) -> TokenStream {
    let rt = names.cx.runtime();
    let error = names.cx.error();
    let build = request_statements(names, action);
    let (data, decode) = match &stream.ty {
        Some(ty) => {
            let ty = stored(ty, &names.here);
            (ty.clone(), quote!(#rt::__private::sse::json::<#ty>))
        }
        None => (quote!(String), quote!(#rt::__private::sse::text)),
    };
    let (events, idle_timeout, client_field, common_field) = (
        ident(reserved::EVENTS),
        ident(reserved::IDLE_TIMEOUT),
        ident(reserved::CLIENT_FIELD),
        ident(reserved::COMMON_FIELD),
    );
    let feature = names.cx.options.sse_feature.clone().unwrap_or_default();
    let carries = match (&stream.schema, &stream.event) {
        (Some(schema), _) => format!("JSON data decoded as {}", code(schema)),
        (None, _) => "text data".to_owned(),
    };
    let named =
        stream.event.as_deref().map(|e| format!(" The server names its events {}.", code(e))).unwrap_or_default();
    let docs = d.doc(&format!(
        "The stream of server-sent events (the `{feature}` feature): each item is an event with {carries}, \
         or an error.{named}\n\n\
         The stream connects when first polled. The call's `timeout` bounds each connection's wait for the \
         response head; a gap with no byte longer than [`idle_timeout`](Self::idle_timeout) drops the \
         connection. Under a retry policy (the call's or the client's) a closed or dropped stream \
         reconnects, resuming after the last event id it saw (`Last-Event-ID`); without one it ends when \
         the server closes it, a failure being its last item. An event whose data does not decode is an \
         `Error::Decode` item, and the stream goes on."
    ));
    quote! {
        #docs
        pub fn #events(self) -> impl #rt::Stream<Item = Result<#rt::sse::Event<#data>, #error>> + Send + Unpin + 'static {
            let request = (|| {
                #build
                Ok::<_, #error>(request)
            })();
            #rt::__private::sse::events(&self.#client_field, request, #decode)
        }

        #[doc = " How long the stream may go without a byte before it reconnects or ends (default 60 s)."]
        pub fn #idle_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.#common_field.options.set_idle_timeout(timeout);
            self
        }
    }
}

/// `pages_blocking` and `items_blocking` for a list action, behind the
/// client crate's blocking feature (`send_blocking` is a shared member).
fn blocking_pages(names: &ResourceModule<'_>, action: &Action) -> Option<TokenStream> {
    let feature = names.cx.options.blocking_feature.as_ref()?;
    let pagination = action.pagination.as_ref()?;
    let SuccessType::Single(page_ty) = &action.success_type else { return None };
    let rt = names.cx.runtime();
    let error = names.cx.error();
    let page_type = stored(page_ty, &names.here);
    let item_type = stored(&pagination.items.ty, &names.here);
    let (pages, items) = (ident(reserved::PAGES), ident(reserved::ITEMS));
    let (pages_blocking, items_blocking) = (ident(reserved::PAGES_BLOCKING), ident(reserved::ITEMS_BLOCKING));
    Some(quote! {
        #[cfg(feature = #feature)]
        #[doc = " [`pages`](Self::pages) without async: an iterator that fetches each page when asked."]
        pub fn #pages_blocking(self) -> impl Iterator<Item = Result<#page_type, #error>> {
            #rt::__private::blocking::iter(Self::INFO.id, self.#pages())
        }

        #[cfg(feature = #feature)]
        #[doc = " [`items`](Self::items) without async: an iterator that fetches pages as needed."]
        pub fn #items_blocking(self) -> impl Iterator<Item = Result<#item_type, #error>> {
            #rt::__private::blocking::iter(Self::INFO.id, self.#items())
        }
    })
}

/// The type `send` returns.
fn output_type(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    match &action.success_type {
        SuccessType::Empty => quote!(()),
        SuccessType::Single(ty) => stored(ty, &names.here),
        SuccessType::ByStatus(responses) => {
            let name = ident(&responses.name);
            quote!(#name)
        }
    }
}

/// `pages` and `items` streams for a list action, and its page limit.
fn paging(names: &ResourceModule<'_>, action: &Action, d: &Docs) -> Option<TokenStream> {
    let pagination = action.pagination.as_ref()?;
    let SuccessType::Single(page_ty) = &action.success_type else { return None };
    let rt = names.cx.runtime();
    let error_body = names.cx.error_body();
    let page_type = stored(page_ty, &names.here);
    let page = ident(&pagination.page);
    let per_page = match &pagination.per_page {
        Some(per_page) => {
            let field = ident(&per_page.field);
            match per_page.default.and_then(|d| usize::try_from(d).ok()) {
                Some(d) => {
                    let d = proc_macro2::Literal::usize_unsuffixed(d);
                    quote!(Some(self.#field.unwrap_or(#d)))
                }
                None => quote!(self.#field),
            }
        }
        None => quote!(None),
    };
    let items_field = ident(&pagination.items.field);
    let item_type = stored(&pagination.items.ty, &names.here);
    let (count, take) = if pagination.items.optional {
        (quote!(page.#items_field.as_ref().map_or(0, Vec::len)), quote!(page.#items_field.unwrap_or_default()))
    } else {
        (quote!(page.#items_field.len()), quote!(page.#items_field))
    };
    let total = match &pagination.total {
        Some(total) => {
            let field = ident(&total.field);
            if total.optional {
                quote!(page.#field.and_then(|total| u64::try_from(total).ok()))
            } else {
                quote!(u64::try_from(page.#field).ok())
            }
        }
        None => quote!(None),
    };
    let pages_doc = d.doc(&format!(
        "Every page, from the `{}` set on this builder (else the first) on, with the other params as set.\n\n\
         The stream ends after an empty or short page, once the total is reached, or with an error; and with\n\
         `Error::PageLimit` after [`page_limit`](Self::page_limit) pages (default {}) that were all full.",
        pagination.page, 10_000
    ));
    let (send, pages, items, page_limit, common_field) = (
        ident(reserved::SEND),
        ident(reserved::PAGES),
        ident(reserved::ITEMS),
        ident(reserved::PAGE_LIMIT),
        ident(reserved::COMMON_FIELD),
    );
    Some(quote! {
        #pages_doc
        pub fn #pages(self) -> #rt::PageStream<#page_type, #error_body> {
            let walk = #rt::__private::pages::PageWalk {
                action: Self::INFO.id,
                first_page: self.#page.unwrap_or(0),
                per_page: #per_page,
                limit: self.#common_field.options.page_limit(),
            };
            #rt::__private::pages::pages(
                walk,
                move |number| {
                    let mut request = self.clone();
                    request.#page = Some(number);
                    request.#send()
                },
                |page: &#page_type| #rt::__private::pages::PageInfo { items: #count, total: #total },
            )
        }

        #[doc = " Every item of every page, one by one; see [`pages`](Self::pages)."]
        pub fn #items(self) -> #rt::PageStream<#item_type, #error_body> {
            #rt::__private::pages::items(self.#pages(), |page: #page_type| #take)
        }

        #[doc = " How many pages [`pages`](Self::pages) and [`items`](Self::items) fetch at most."]
        pub fn #page_limit(mut self, limit: u32) -> Self {
            self.#common_field.options.set_page_limit(limit);
            self
        }
    })
}

/// The enum of an action whose success statuses carry different types.
fn response_enum(names: &ResourceModule<'_>, action: &Action) -> Option<Chunk> {
    let SuccessType::ByStatus(responses) = &action.success_type else { return None };
    let d = Docs::default();
    let name = ident(&responses.name);
    let docs = d.doc(&format!("The success responses of {}, one variant per documented status.", code(&action.id)));
    let variants = responses.variants.iter().map(|v| {
        let docs = d.doc(&format!("HTTP {}.", v.code));
        let variant = ident(&v.name);
        match &v.ty {
            // A struct is boxed, so the enum is not the size of its
            // largest variant.
            Some(ty) if v.boxed => {
                let ty = stored(ty, &names.here);
                quote!(#docs #variant(Box<#ty>))
            }
            Some(ty) => {
                let ty = stored(ty, &names.here);
                quote!(#docs #variant(#ty))
            }
            None => quote!(#docs #variant),
        }
    });
    let tokens = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    };
    Some(Chunk::tokens(tokens, d))
}

fn is_scalar(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Secret | Ty::DateTime | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(_))
}

/// Runs `statements` with `value` bound to the param's value: always for an
/// argument, when set for an optional param.
fn with_value(param: &Param, statements: TokenStream) -> TokenStream {
    with_field(&ident(&param.rust_name), is_argument(param), statements)
}

/// The statement that sends a query or header param: always for an
/// argument, the default when the spec says the client sends it, otherwise
/// only when set. Header values can be invalid, so that call is fallible.
pub(super) fn sent(param: &Param, call: TokenStream, fallible: bool) -> TokenStream {
    let wire = &param.wire_name;
    let name = ident(&param.rust_name);
    let question = if fallible { quote!(?) } else { quote!() };
    if is_argument(param) {
        // A number or boolean goes by value: borrowing a `Copy` value for
        // `impl Display` is what clippy's `needless_borrows_for_generic_args`
        // rejects.
        let value = match param.ty {
            Ty::Integer | Ty::Number | Ty::Boolean => quote!(self.#name),
            _ => quote!(&self.#name),
        };
        return quote!(#call(#wire, #value)#question;);
    }
    match (&param.default, param.send_default) {
        (Some(default), true) => {
            let text = match default {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            quote! {
                match &self.#name {
                    Some(value) => #call(#wire, value)#question,
                    None => #call(#wire, #text)#question,
                }
            }
        }
        _ => quote! {
            if let Some(value) = &self.#name {
                #call(#wire, value)#question;
            }
        },
    }
}

/// A `no_run` example calling the action with its required arguments.
fn example(names: &ResourceModule<'_>, action: &Action) -> String {
    let krate = &names.cx.options.crate_name;
    // Without the features it needs the action does not exist, and the
    // example compiles to nothing.
    let gate = predicate(names.cx, action).map(|p| format!("# #[cfg({p})]\n")).unwrap_or_default();
    if action.stream.is_some() {
        return format!(
            "\n# Example\n\n```no_run\n{gate}\
             # async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{\n\
             use {}::StreamExt;\n\n{}\n# Ok(())\n# }}\n```\n",
            doctest_runtime(names),
            example_call(names, action)
        );
    }
    format!(
        "\n# Example\n\n```no_run\n{gate}# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{\n\
         {}\n# let _ = response;\n# Ok(())\n# }}\n```\n",
        example_call(names, action)
    )
}

/// The statement that calls an action with its required arguments, as the
/// examples in rustdoc and in the Markdown docs show it.
fn example_call(names: &ResourceModule<'_>, action: &Action) -> String {
    let args: Vec<String> = action
        .params
        .iter()
        .filter(|p| is_argument(p))
        .map(|p| argument(names, &p.ty, p.example.as_ref(), 0))
        .collect();
    if action.stream.is_some() {
        return format!(
            "let mut events = client\n    .{}()\n    .{}({})\n    .events();\n\
             while let Some(event) = events.next().await {{\n    let event = event?;\n    \
             println!(\"{{}}: {{:?}}\", event.event, event.data);\n}}",
            names.resource.module,
            action.method_name,
            args.join(", ")
        );
    }
    format!(
        "let response = client\n    .{}()\n    .{}({})\n    .send()\n    .await?;",
        names.resource.module,
        action.method_name,
        args.join(", ")
    )
}

/// [`example_call`] for callers outside this module: the action at
/// `action` of the resource at `resource`.
pub(crate) fn example_for(cx: &Cx<'_>, resource: usize, action: &Action) -> String {
    ResourceModule::new(cx, resource).map(|names| example_call(&names, action)).unwrap_or_default()
}

/// Rust source for an example value of a type, as an argument of a builder
/// method (which takes `impl Into<T>`, so `"text"` does for a `String`).
fn argument(names: &ResourceModule<'_>, ty: &Ty, example: Option<&Value>, depth: usize) -> String {
    value_source(names, ty, example, depth, false)
}

/// [`argument`] when `exact`: the value has exactly the Rust type of `ty`,
/// as a value inside a map or a `Nullable` must (no `Into` reaches it, and
/// an untyped integer literal would be an `i32`).
fn value_source(names: &ResourceModule<'_>, ty: &Ty, example: Option<&Value>, depth: usize, exact: bool) -> String {
    let runtime = || doctest_runtime(names);
    match (ty, example) {
        (Ty::String, Some(Value::String(s))) if exact => format!("String::from({s:?})"),
        (Ty::String, _) if exact => "String::from(\"example\")".into(),
        (Ty::Secret, Some(Value::String(s))) if exact => format!("{}::Secret::from({s:?})", runtime()),
        (Ty::Secret, _) if exact => format!("{}::Secret::from(\"example\")", runtime()),
        (Ty::String | Ty::Secret, Some(Value::String(s))) => format!("{s:?}"),
        (Ty::String | Ty::Secret, _) => "\"example\"".into(),
        // A documented example is checked as RFC 3339 by validation.
        (Ty::DateTime, example) => format!(
            "{}::DateTime::parse({:?}).expect(\"an RFC 3339 date-time\")",
            runtime(),
            example.and_then(Value::as_str).unwrap_or("2016-06-13T04:00:00.000Z")
        ),
        // Setters take `i64`, so a literal is one; where a generic bound
        // takes it (`exact`: a map's value) an untyped literal would be an
        // `i32`, which a value beyond it is not.
        (Ty::Integer, Some(Value::Number(n))) if n.is_i64() && exact => format!("{n}_i64"),
        (Ty::Integer, Some(Value::Number(n))) if n.is_i64() => n.to_string(),
        (Ty::Integer, _) if exact => "0_i64".into(),
        (Ty::Integer, _) => "0".into(),
        (Ty::Number, _) => "0.0_f64".into(),
        (Ty::Boolean, Some(Value::Bool(b))) => b.to_string(),
        (Ty::Boolean, _) => "false".into(),
        (Ty::Array(item), _) if exact => format!("vec![{}]", value_source(names, item, None, depth + 1, true)),
        (Ty::Array(item), _) => format!("[{}]", argument(names, item, None, depth + 1)),
        (Ty::Map(value), _) => format!(
            "std::collections::BTreeMap::from([(String::from(\"key\"), {})])",
            value_source(names, value, None, depth + 1, true)
        ),
        (Ty::Any, _) => format!("{}::serde_json::Value::Null", runtime()),
        (Ty::Nullable(inner), _) if exact => {
            format!("{}::Nullable::Value({})", runtime(), value_source(names, inner, None, depth + 1, true))
        }
        (Ty::Nullable(_), _) => format!("{}::Nullable::Null", runtime()),
        (Ty::File, _) => format!("{}::FilePart::new(b\"hello\".to_vec(), \"hello.txt\")", runtime()),
        (Ty::Enum(id), _) => {
            let path = names.cx.place.public_path(Item::Type(*id));
            let variant = names.cx.api.types.enum_def(*id).and_then(|d| d.variants.first());
            format!("{path}::{}", variant.map_or("", |v| v.name.as_str()))
        }
        (Ty::Object(id), _) => {
            let path = names.cx.place.public_path(Item::Type(*id));
            let example = names.cx.schema_of(*id).and_then(|s| s.example.as_ref());
            match &names.cx.ty(*id).kind {
                TypeKind::Alias(ty) if depth < 4 => value_source(names, ty, None, depth + 1, exact),
                TypeKind::OneOf(def) if depth < 4 => one_of_argument(names, &path, def, depth),
                TypeKind::Struct(fields) if depth < 4 => {
                    let args: Vec<String> = fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| argument(names, &f.ty, example.and_then(|e| e.get(&f.wire_name)), depth + 1))
                        .collect();
                    format!("{path}::new({})", args.join(", "))
                }
                _ => format!("{path}::new()"),
            }
        }
    }
}

fn one_of_argument(names: &ResourceModule<'_>, path: &str, def: &OneOfDef, depth: usize) -> String {
    match def.variants.first() {
        // `From` takes each alternative's value (and boxes objects).
        Some(v) => format!("{path}::from({})", argument(names, &v.ty, None, depth + 1)),
        None => String::new(),
    }
}

/// How a doctest, which is outside the crate, reaches the runtime.
fn doctest_runtime(names: &ResourceModule<'_>) -> String {
    let options = names.cx.options;
    let root = options.crate_name.split("::").next().unwrap_or_default();
    match options.runtime_path.strip_prefix("crate") {
        Some(rest) => format!("{root}{rest}"),
        None => options.runtime_path.trim_start_matches("::").to_owned(),
    }
}
