//! One module per resource: the resource handle, its param enums, and one
//! request builder per action.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::docs::{self, doc, escape, is_argument};
use super::ty::{NameResolver, accepted, ident, stored};
use super::{Cx, EmittedFile, enums, path_tokens};
use crate::ir::{Action, Param, ParamLocation, PathPart, Resource, SchemaKind, Ty};

struct ResourceModule<'a> {
    cx: &'a Cx<'a>,
    resource: &'a Resource,
}

impl NameResolver for ResourceModule<'_> {
    fn named(&self, name: &str) -> TokenStream {
        let id = ident(name);
        if self.resource.enums.iter().any(|e| e.rust_name == name) {
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

pub(crate) fn emit(cx: &Cx<'_>, resource: &Resource) -> EmittedFile {
    let names = ResourceModule { cx, resource };
    let rt = cx.runtime();
    let handle = ident(&resource.handle);
    let handle_doc = doc(&format!(
        "{}\n\nGet one with [`Client::{}`]({}::Client::{}).",
        resource.description.as_deref().map(escape).unwrap_or_else(|| format!("The `{}` resource.", resource.name)),
        resource.module,
        cx.options.generated_path,
        resource.module
    ));
    let methods = resource.actions.iter().map(|a| method(&names, a));
    let enums = resource.enums.iter().map(enums::emit);
    let builders = resource.actions.iter().map(|a| builder(&names, a));
    let tokens = quote! {
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

        #(#enums)*

        #(#builders)*
    };
    let actions: Vec<String> = resource.actions.iter().map(|a| format!("`{}`", a.name)).collect();
    EmittedFile {
        path: format!("{}.rs", resource.module),
        module_doc: format!(
            "The `{}` resource: {}.\n\n{}",
            resource.name,
            actions.join(", "),
            resource.description.as_deref().map(escape).unwrap_or_default()
        ),
        tokens,
    }
}

/// Every param the builder stores: the action's own, then the global ones.
fn all_params<'a>(names: &'a ResourceModule<'_>, action: &'a Action) -> impl Iterator<Item = &'a Param> {
    action.params.iter().chain(&names.cx.api.global_params)
}

fn method(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let types_path = names.cx.options.generated_path.clone() + "::types";
    let mut text = docs::action(names.cx.api, action, &types_path);
    text.push_str(&example(names, action));
    let docs = doc(&text);
    let method = ident(&action.method_name);
    let builder = ident(&action.builder);
    let args = action.params.iter().filter(|p| is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, _) = accepted(&p.ty, names, &name);
        quote!(#name: #accepts)
    });
    let inits = all_params(names, action).map(|p| {
        let name = ident(&p.rust_name);
        if is_argument(p) {
            let (_, convert) = accepted(&p.ty, names, &name);
            quote!(#name: #convert)
        } else {
            quote!(#name: None)
        }
    });
    quote! {
        #docs
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder {
                client: self.client.clone(),
                #(#inits,)*
            }
        }
    }
}

fn builder(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
    let builder = ident(&action.builder);
    let handle = &names.resource.handle;
    let docs = doc(&format!(
        "A `{}` request: `{} {}`.\n\nMade by [`{handle}::{}`], which documents the params; set optional params \
         with the methods below, then call [`send`](Self::send).",
        action.id, action.http_method, action.path, action.method_name
    ));
    let fields = all_params(names, action).map(|p| {
        let name = ident(&p.rust_name);
        let ty = stored(&p.ty, names);
        if is_argument(p) { quote!(#name: #ty) } else { quote!(#name: Option<#ty>) }
    });
    let setters = all_params(names, action).filter(|p| !is_argument(p)).map(|p| {
        let name = ident(&p.rust_name);
        let (accepts, convert) = accepted(&p.ty, names, &ident("value"));
        let types_path = names.cx.options.generated_path.clone() + "::types";
        let docs = doc(docs::param_line(p, &types_path).trim_start_matches("- "));
        quote! {
            #docs
            pub fn #name(mut self, value: #accepts) -> Self {
                self.#name = Some(#convert);
                self
            }
        }
    });
    let info = info(names, action);
    let send = send(names, action);
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is called"]
        pub struct #builder {
            client: #rt::Client,
            #(#fields,)*
        }

        impl #builder {
            #[doc = " What the API documents about this action."]
            pub const INFO: #rt::ActionInfo = #info;

            #(#setters)*

            #send
        }
    }
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
    quote! {
        #rt::ActionInfo {
            id: #id,
            resource: #resource,
            action: #name,
            method: #method,
            path: #path,
            summary: #summary,
            auth: #auth,
            scopes: &[#(#scopes),*],
        }
    }
}

fn send(names: &ResourceModule<'_>, action: &Action) -> TokenStream {
    let rt = names.cx.runtime();
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
    let query_params =
        names.cx.api.global_params.iter().chain(&action.params).filter(|p| p.location == ParamLocation::Query);
    let query = query_params.map(|p| sent(p, quote!(request.query), false));
    let header_params =
        action.params.iter().chain(&names.cx.api.global_params).filter(|p| p.location == ParamLocation::Header);
    let headers = header_params.map(|p| sent(p, quote!(request.header), true));
    let body = action.params.iter().filter(|p| p.location == ParamLocation::Body).map(|p| {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        // Object bodies check their documented limits before anything is sent.
        let validate = matches!(p.ty, Ty::Object(_))
            .then(|| quote!(value.validate().map_err(|reason| request.invalid(#wire, reason))?;));
        if is_argument(p) {
            quote! {
                let value = &self.#name;
                #validate
                request.json_body(value)?;
            }
        } else {
            quote! {
                if let Some(value) = &self.#name {
                    #validate
                    request.json_body(value)?;
                }
            }
        }
    });
    let (output, execute) = match &action.success_type {
        Some(name) => {
            let ty = names.named(name);
            (ty, quote!(self.client.execute(request).await))
        }
        None => (quote!(()), quote!(self.client.execute_empty(request).await)),
    };
    let docs = doc(&format!(
        "Sends the request and decodes the response.\n\n# Errors\n\n\
         [`Error::Api`]({root}::Error) for a documented or undocumented error status, and the other\n\
         [`Error`]({root}::Error) variants for a request that cannot be sent or a response that cannot be decoded.",
        root = names.cx.options.generated_path
    ));
    let error = path_tokens(&format!("{}::Error", names.cx.options.generated_path));
    quote! {
        #docs
        pub async fn send(self) -> Result<#output, #error> {
            let mut request = #rt::Request::new(&Self::INFO);
            #(#path)*
            #(#query)*
            #(#headers)*
            #(#body)*
            #execute
        }
    }
}

/// The statement that sends a query or header param: always for an
/// argument, the default when the spec says the client sends it, otherwise
/// only when set. Header values can be invalid, so that call is fallible.
fn sent(param: &Param, call: TokenStream, fallible: bool) -> TokenStream {
    let wire = &param.wire_name;
    let name = ident(&param.rust_name);
    let question = if fallible { quote!(?) } else { quote!() };
    if is_argument(param) {
        return quote!(#call(#wire, &self.#name)#question;);
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
    let args: Vec<String> = action
        .params
        .iter()
        .filter(|p| is_argument(p))
        .map(|p| argument(names, &p.ty, p.example.as_ref(), 0))
        .collect();
    format!(
        "\n# Example\n\n```no_run\n# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{\n\
         let response = client\n    .{}()\n    .{}({})\n    .send()\n    .await?;\n# let _ = response;\n# Ok(())\n# }}\n```\n",
        names.resource.module,
        action.method_name,
        args.join(", ")
    )
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
        (Ty::Array(_), _) => "Vec::new()".into(),
        (Ty::Enum(name), _) => {
            let variant = enum_variant(names, name);
            if names.resource.enums.iter().any(|e| &e.rust_name == name) {
                format!("{krate}::{}::{name}::{variant}", names.resource.module)
            } else {
                format!("{krate}::types::{name}::{variant}")
            }
        }
        (Ty::Object(name), _) => {
            let schema = names.cx.api.schemas.iter().find(|s| &s.rust_name == name);
            let args: Vec<String> = match schema.map(|s| (&s.kind, &s.example)) {
                Some((SchemaKind::Object(fields), example)) if depth < 4 => fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| argument(names, &f.ty, example.as_ref().and_then(|e| e.get(&f.wire_name)), depth + 1))
                    .collect(),
                _ => Vec::new(),
            };
            format!("{krate}::types::{name}::new({})", args.join(", "))
        }
    }
}

fn enum_variant(names: &ResourceModule<'_>, name: &str) -> String {
    let from_resource = names.resource.enums.iter().find(|e| e.rust_name == name);
    let from_schemas = names.cx.api.schemas.iter().find_map(|s| match &s.kind {
        SchemaKind::Enum(def) if def.rust_name == name => Some(def),
        _ => s.inline_enums.iter().find(|e| e.rust_name == name),
    });
    from_resource.or(from_schemas).and_then(|d| d.variants.first()).map(|(_, v)| v.clone()).unwrap_or_default()
}
