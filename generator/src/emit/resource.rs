//! One module per resource: the resource handle, its param enums, and one
//! request builder per action.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::docs::{self, Links, code, doc, escape, is_argument};
use super::ty::{NameResolver, accepted, ident, stored, with_field};
use super::{Chunk, Cx, EmittedFile, common, enums, one_of};
use crate::ir::{
    Action, EventStream, Param, ParamLocation, PathPart, QueryEncoding, Resource, SchemaKind, SuccessType, Ty,
};
use crate::names::reserved;

struct ResourceModule<'a> {
    cx: &'a Cx<'a>,
    resource: &'a Resource,
    types_path: String,
}

impl ResourceModule<'_> {
    /// Whether a named type is the resource module's own (a param's inline
    /// enum or one-of) rather than a schema type.
    fn is_local(&self, name: &str) -> bool {
        self.resource.enums.iter().any(|e| e.rust_name == name)
            || self.resource.one_ofs.iter().any(|o| o.rust_name == name)
    }

    fn links(&self) -> Links<'_> {
        let local = self.resource.enums.iter().map(|e| e.rust_name.as_str());
        let local = local.chain(self.resource.one_ofs.iter().map(|o| o.rust_name.as_str()));
        Links { types_path: &self.types_path, local: local.collect() }
    }
}

impl NameResolver for ResourceModule<'_> {
    fn named(&self, name: &str) -> TokenStream {
        let id = ident(name);
        if self.is_local(name) {
            quote!(#id)
        } else {
            let types = self.cx.types();
            quote!(#types::#id)
        }
    }

    fn runtime(&self) -> TokenStream {
        self.cx.runtime()
    }
}

pub(crate) fn emit<'a>(cx: &'a Cx<'a>, resource: &'a Resource) -> EmittedFile<'a> {
    let names = ResourceModule { cx, resource, types_path: cx.types_path() };
    let rt = cx.runtime();
    let handle = ident(&resource.handle);
    let handle_doc = doc(&format!(
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
    let methods = resource.actions.iter().map(|a| method(&names, a));
    let enums = resource.enums.iter().map(enums::emit);
    let one_ofs = resource.one_ofs.iter().map(|o| Chunk::Tokens(one_of::emit(o, &names, cx)));
    let responses = resource.actions.iter().filter_map(|a| response_enum(&names, a)).map(Chunk::Tokens);
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
        std::iter::once(Chunk::Tokens(head)).chain(enums).chain(one_ofs).chain(responses).chain(builders).collect();
    let actions: Vec<String> = resource.actions.iter().map(|a| code(&a.name)).collect();
    EmittedFile {
        path: format!("{}.rs", resource.module),
        module_doc: format!(
            "The {} resource: {}.\n\n{}",
            code(&resource.name),
            actions.join(", "),
            resource.description.as_deref().map(escape).unwrap_or_default()
        ),
        chunks: Box::new(chunks.into_iter()),
    }
}

fn method(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let mut text = docs::action(names.cx, action, &names.links());
    text.push_str(&example(names, action));
    let docs = doc(&text);
    let method = ident(&action.method_name);
    let builder = ident(&action.builder);
    let args = action.params.iter().filter(|p| is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, _) = accepted(&p.ty, names, &name);
        quote!(#name: #accepts)
    });
    let inits = action.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        if is_argument(p) {
            let (_, convert) = accepted(&p.ty, names, &name);
            quote!(#name: #convert)
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
    let rt = names.cx.runtime();
    let builder = ident(&action.builder);
    let handle = &names.resource.handle;
    let finish = if action.stream.is_some() { "events" } else { "send" };
    let docs = doc(&format!(
        "A {} request: {}.\n\nMade by [`{handle}::{}`], which documents the params; set optional params \
         with the methods below, then call [`{finish}`](Self::{finish}).",
        code(&action.id),
        code(&format!("{} {}", action.http_method, action.path)),
        action.method_name
    ));
    let must_use = format!("a request does nothing until `{finish}` is called");
    let fields = action.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = stored(&p.ty, names);
        if is_argument(p) { quote!(#name: #ty) } else { quote!(#name: Option<#ty>) }
    });
    let setters = action.params.iter().filter(|p| !is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, convert) = accepted(&p.ty, names, &ident("value"));
        let docs = doc(docs::param_line(p, &names.links()).trim_start_matches("- "));
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
        Some(stream) => events(names, action, stream),
        None => send(names, action),
    };
    let paging = paging(names, action);
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
    vec![Chunk::Tokens(own), members]
}

/// The client crate's features an action needs to exist: a stream needs the
/// SSE feature (the runtime's event streams), a multipart action the
/// multipart feature (the runtime's multipart encoder).
fn features<'a>(cx: &'a Cx<'_>, action: &Action) -> Vec<&'a str> {
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
    let (id, resource, name, method, path, summary, auth) = (
        &action.id,
        &names.resource.name,
        &action.name,
        &action.http_method,
        &action.path,
        &action.summary,
        action.auth,
    );
    let scopes = &action.scopes;
    // The constructor and `with_*` methods, never a struct literal: a field
    // the runtime adds later breaks no generated client.
    let auth = (!auth).then(|| quote!(.with_auth(false)));
    let scopes = (!scopes.is_empty()).then(|| quote!(.with_scopes(&[#(#scopes),*])));
    let error_statuses = super::errors::action_statuses(names.cx, action);
    quote! {
        #rt::ActionInfo::new(#id, #resource, #name, #method, #path)
            .with_summary(#summary)
            #auth
            #scopes
            #error_statuses
    }
}

fn send(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let (send, client_field) = (ident(reserved::SEND), ident(reserved::CLIENT_FIELD));
    let build = request_statements(names, action);
    let (output, execute) = match &action.success_type {
        SuccessType::Empty => (quote!(()), quote!(self.#client_field.call(request).await.map(|_| ()))),
        SuccessType::Single(ty) => (stored(ty, names), quote!(self.#client_field.call(request).await?.decode())),
        SuccessType::ByStatus { name, variants } => {
            let name = ident(name);
            let arm = |variant: &str, ty: &Option<Ty>| {
                let variant = ident(variant);
                match ty {
                    Some(_) => quote!(#rt::serde_json::from_slice(body).map(#name::#variant)),
                    None => quote!(Ok(#name::#variant)),
                }
            };
            let arms = variants.iter().map(|(code, variant, ty)| {
                let code = proc_macro2::Literal::u16_unsuffixed(*code);
                let decode = arm(variant, ty);
                quote!(#code => #decode,)
            });
            // An undocumented 2xx decodes as the first documented status.
            let fallback = variants.first().map(|(_, variant, ty)| arm(variant, ty));
            (
                quote!(#name),
                quote! {
                    self.#client_field.call(request).await?.decode_with(|status, body| match status {
                        #(#arms)*
                        _ => #fallback,
                    })
                },
            )
        }
    };
    let docs = doc(&format!(
        "Sends the request and decodes the response.\n\n# Errors\n\n\
         [`Error::Api`]({root}::Error) for a documented or undocumented error status, and the other\n\
         [`Error`]({root}::Error) variants for a request that cannot be sent or a response that cannot be decoded.",
        root = names.cx.options.generated_path
    ));
    let error = names.cx.error();
    quote! {
        #docs
        pub async fn #send(self) -> Result<#output, #error> {
            #build
            #execute
        }
    }
}

/// The statements that fill `request` from the builder's params.
fn request_statements(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let common_field = ident(reserved::COMMON_FIELD);
    let path = action.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.path(#text);),
        PathPart::Param(wire) => {
            let param = action.params.iter().find(|p| &p.wire_name == wire);
            let name = ident(param.map(|p| p.rust_name.as_str()).unwrap_or("missing"));
            quote!(request.path_param(#wire, &self.#name)?;)
        }
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
    quote! {
        let mut request = #rt::__private::Request::new(&Self::INFO).with_options(&self.#common_field.options);
        #(#ranges)*
        #(#path)*
        #common_query
        #(#query)*
        #(#headers)*
        #common_headers
        #(#body)*
        #(#parts)*
    }
}

/// `events` and `idle_timeout` for a `stream: sse` action: the stream is
/// behind the client crate's SSE feature.
fn events(names: &ResourceModule<'_>, action: &Action, stream: &EventStream) -> TokenStream {
    let rt = names.cx.runtime();
    let error = names.cx.error();
    let build = request_statements(names, action);
    let (data, decode) = match &stream.ty {
        Some(ty) => {
            let ty = stored(ty, names);
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
    let docs = doc(&format!(
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
    let page_type = stored(page_ty, names);
    let item_type = stored(&pagination.items.2, names);
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
        SuccessType::Single(ty) => stored(ty, names),
        SuccessType::ByStatus { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `pages` and `items` streams for a list action, and its page limit.
fn paging(names: &ResourceModule<'_>, action: &Action) -> Option<TokenStream> {
    let pagination = action.pagination.as_ref()?;
    let SuccessType::Single(page_ty) = &action.success_type else { return None };
    let rt = names.cx.runtime();
    let error = names.cx.error();
    let page_type = stored(page_ty, names);
    let page = ident(&pagination.page);
    let per_page = match &pagination.per_page {
        Some((field, default)) => {
            let field = ident(field);
            match default {
                Some(d) => quote!(Some(self.#field.unwrap_or(#d))),
                None => quote!(self.#field),
            }
        }
        None => quote!(None),
    };
    let (items_field, items_optional, item_ty) = &pagination.items;
    let items_field = ident(items_field);
    let item_type = stored(item_ty, names);
    let (count, take) = if *items_optional {
        (quote!(page.#items_field.as_ref().map_or(0, Vec::len)), quote!(page.#items_field.unwrap_or_default()))
    } else {
        (quote!(page.#items_field.len()), quote!(page.#items_field))
    };
    let total = match &pagination.total {
        Some((field, optional)) => {
            let field = ident(field);
            if *optional {
                quote!(page.#field.and_then(|total| u64::try_from(total).ok()))
            } else {
                quote!(u64::try_from(page.#field).ok())
            }
        }
        None => quote!(None),
    };
    let pages_doc = doc(&format!(
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
        pub fn #pages(self) -> impl #rt::Stream<Item = Result<#page_type, #error>> + Send + Unpin + 'static {
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
        pub fn #items(self) -> impl #rt::Stream<Item = Result<#item_type, #error>> + Send + Unpin + 'static {
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
fn response_enum(names: &ResourceModule<'_>, action: &Action) -> Option<TokenStream> {
    let SuccessType::ByStatus { name, variants } = &action.success_type else { return None };
    let name = ident(name);
    let docs = doc(&format!("The success responses of {}, one variant per documented status.", code(&action.id)));
    let variants = variants.iter().map(|(code, variant, ty)| {
        let docs = doc(&format!("HTTP {code}."));
        let variant = ident(variant);
        match ty {
            Some(ty) => {
                let ty = stored(ty, names);
                quote!(#docs #variant(#ty))
            }
            None => quote!(#docs #variant),
        }
    });
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // One variant is a struct, another may be no body at all.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants,)*
        }
    })
}

fn is_scalar(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Secret | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(_))
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

/// [`example_call`] for callers outside this module.
pub(crate) fn example_for(cx: &Cx<'_>, resource: &Resource, action: &Action) -> String {
    let names = ResourceModule { cx, resource, types_path: cx.types_path() };
    example_call(&names, action)
}

/// Rust source for an example value of a type.
fn argument(names: &ResourceModule<'_>, ty: &Ty, example: Option<&Value>, depth: usize) -> String {
    let krate = &names.cx.options.crate_name;
    match (ty, example) {
        (Ty::String | Ty::Secret, Some(Value::String(s))) => format!("{s:?}"),
        (Ty::String | Ty::Secret, _) => "\"example\"".into(),
        (Ty::Integer, Some(Value::Number(n))) if n.is_i64() => n.to_string(),
        (Ty::Integer, _) => "0".into(),
        (Ty::Number, _) => "0.0".into(),
        (Ty::Boolean, Some(Value::Bool(b))) => b.to_string(),
        (Ty::Boolean, _) => "false".into(),
        (Ty::Array(item), _) => format!("[{}]", argument(names, item, None, depth + 1)),
        (Ty::Map(value), _) => format!("[(\"key\", {})]", argument(names, value, None, depth + 1)),
        (Ty::Any, _) => format!("{}::serde_json::Value::Null", doctest_runtime(names)),
        (Ty::Nullable(_), _) => format!("{}::Nullable::Null", doctest_runtime(names)),
        (Ty::File, _) => format!("{}::FilePart::new(b\"hello\".to_vec(), \"hello.txt\")", doctest_runtime(names)),
        (Ty::Enum(name), _) => {
            let variant = enum_variant(names, name);
            if names.is_local(name) {
                format!("{krate}::{}::{name}::{variant}", names.resource.module)
            } else {
                format!("{krate}::types::{name}::{variant}")
            }
        }
        (Ty::Object(name), _) => {
            if let Some(def) = names.resource.one_ofs.iter().find(|o| &o.rust_name == name).filter(|_| depth < 4) {
                return one_of_argument(names, &format!("{krate}::{}::{name}", names.resource.module), def, depth);
            }
            let schema = names.cx.schema(name);
            match schema.map(|s| (&s.kind, &s.example)) {
                Some((SchemaKind::Alias(ty), _)) if depth < 4 => argument(names, ty, None, depth + 1),
                Some((SchemaKind::OneOf(def), _)) if depth < 4 => {
                    one_of_argument(names, &format!("{krate}::types::{name}"), def, depth)
                }
                Some((SchemaKind::Object(fields), example)) if depth < 4 => {
                    let args: Vec<String> = fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| argument(names, &f.ty, example.as_ref().and_then(|e| e.get(&f.wire_name)), depth + 1))
                        .collect();
                    format!("{krate}::types::{name}::new({})", args.join(", "))
                }
                _ => format!("{krate}::types::{name}::new()"),
            }
        }
    }
}

fn one_of_argument(names: &ResourceModule<'_>, path: &str, def: &crate::ir::OneOfDef, depth: usize) -> String {
    match def.variants.first() {
        // `From` takes each alternative's value (and boxes objects).
        Some((_, ty)) => format!("{path}::from({})", argument(names, ty, None, depth + 1)),
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

fn enum_variant(names: &ResourceModule<'_>, name: &str) -> String {
    let from_resource = names.resource.enums.iter().find(|e| e.rust_name == name);
    from_resource
        .or_else(|| names.cx.schema_enum(name))
        .and_then(|d| d.variants.first())
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}
