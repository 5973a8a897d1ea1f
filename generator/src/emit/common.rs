//! What every request builder shares: the spec's global params and the
//! per-call options, kept in one `CommonParams` value per builder, and the
//! builder methods that set them (plus `send_with_response`, `send`, which
//! is the same without the status and headers, `send_blocking`, and the
//! `IntoFuture` impl that makes `builder.await` send it), written once as a
//! `macro_rules!` in the root module that each builder invokes. The
//! sending members call the builder's own `request_` (the request, filled
//! from its params) and `DECODE_`, and return the runtime's future.
//!
//! Written into every builder, these members were about a third of each
//! resource module, identical but for the type `send` returns. Once is
//! enough: the generator emits and prints a third less, and the client's
//! API is unchanged (the macro expands to the same methods, with the same
//! docs).

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, Docs};
use super::ty::{Here, accepted, ident, stored};
use super::{Chunk, Cx};
use crate::ir::ParamLocation;
use crate::names::reserved;
use crate::place::Module;

/// The root module's struct of the global params and call options.
pub(crate) const PARAMS: &str = crate::names::reserved::COMMON_PARAMS;

/// The root module's macro of the members every builder has.
pub(crate) const MEMBERS: &str = crate::names::reserved::MEMBERS_MACRO;

/// Whether the API has global params of this location (the builders call
/// `CommonParams::query` or `headers` only then).
pub(crate) fn has_globals(cx: &Cx<'_>, location: ParamLocation) -> bool {
    cx.api.global_params.iter().any(|p| p.location == location)
}

/// The root module's items: `CommonParams` and the members macro.
pub(crate) fn emit(cx: &Cx<'_>) -> Vec<Chunk> {
    let d = Docs::default();
    let tokens = params(cx, &d);
    vec![Chunk::tokens(tokens, d), Chunk::Text(members(cx))]
}

fn params(cx: &Cx<'_>, d: &Docs) -> TokenStream {
    let rt = cx.runtime();
    let error = cx.error();
    let name = ident(PARAMS);
    // Global params are scalars: no named type occurs.
    let names = Here { cx, module: Module::Root };
    let globals = &cx.api.global_params;
    let fields = globals.iter().map(|p| {
        let field = ident(&p.rust_name);
        let ty = stored(&p.ty, &names);
        quote!(pub(crate) #field: Option<#ty>)
    });
    let query = has_globals(cx, ParamLocation::Query).then(|| {
        let sent = globals
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .map(|p| super::resource::sent(p, quote!(request.query), false));
        quote! {
            #[doc = " Adds the global query params, which go before the action's own as in the official clients."]
            pub(crate) fn query(&self, request: &mut #rt::__private::Request) {
                #(#sent)*
            }
        }
    });
    let headers = has_globals(cx, ParamLocation::Header).then(|| {
        let sent = globals
            .iter()
            .filter(|p| p.location == ParamLocation::Header)
            .map(|p| super::resource::sent(p, quote!(request.header), true));
        quote! {
            #[doc = " Adds the global header params."]
            pub(crate) fn headers(&self, request: &mut #rt::__private::Request) -> Result<(), #error> {
                #(#sent)*
                Ok(())
            }
        }
    });
    let docs = d.doc(&format!(
        "The params every action takes and the per-call options, which each request builder keeps;\n\
         set them with the builder's methods (from [`{MEMBERS}`])."
    ));
    // Only request builders use them: with no group on there are none.
    let cfg = super::features::cfg_tokens(super::features::any_group(cx).as_deref());
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, Default)]
        pub(crate) struct #name {
            pub(crate) options: #rt::__private::CallOptions,
            #(#fields,)*
        }

        #cfg
        impl #name {
            #query
            #headers
        }
    }
}

/// The macro, as text: its methods are built as an `impl` block and
/// pretty-printed, then set inside `macro_rules!` (prettyplease prints a
/// macro's body as a flat run of tokens, which nobody could read).
fn members(cx: &Cx<'_>) -> String {
    // One table for both rules: each rule's block is printed and spliced
    // with it.
    let d = Docs::default();
    let rt = cx.runtime();
    let error = cx.error();
    let names = Here { cx, module: Module::Root };
    let common_field = ident(reserved::COMMON_FIELD);
    let (send, send_blocking) = (ident(reserved::SEND), ident(reserved::SEND_BLOCKING));
    let send_with_response = ident(reserved::SEND_WITH_RESPONSE);
    let error_body = cx.error_body();
    let (timeout, retry) = (ident(reserved::TIMEOUT), ident(reserved::RETRY));
    let attempt_timeout = ident(reserved::ATTEMPT_TIMEOUT);
    let setters: Vec<TokenStream> = cx
        .api
        .global_params
        .iter()
        .map(|p| {
            let name = ident(&p.rust_name);
            let (accepts, convert) = accepted(&p.ty, &names, &ident("value"));
            let docs = d.doc(docs::param_line(cx, p, Module::Root).trim_start_matches("- "));
            quote! {
                #docs
                pub fn #name(mut self, value: #accepts) -> Self {
                    self.#common_field.#name = Some(#convert);
                    self
                }
            }
        })
        .collect();
    let blocking = cx.options.blocking_feature.as_ref().map(|feature| {
        let docs = d.doc(&format!(
            "[`send`](Self::send) without async, for programs that are not async (the `{feature}` feature).\n\n\
             Allowed outside an async runtime, inside `tokio::task::spawn_blocking`, and on a multi-thread \
             runtime's threads.\n\n\
             # Errors\n\n\
             As [`send`](Self::send), and `Error::BlockingInAsync` when called on the thread of a \
             current-thread async runtime, which it would stall."
        ));
        quote! {
            #[cfg(feature = #feature)]
            #docs
            pub fn #send_blocking(self) -> Result<__Output, #error> {
                #rt::__private::blocking::block_on(Self::INFO.id, self.#send())
            }
        }
    });
    // What builders with a `send` have: `send_with_response`, `send`,
    // `send_blocking`, and `.await`. The builder's own `request_` fills the
    // request and its `DECODE_` decodes the response; the future is the
    // runtime's one boxed type, built by a generic runtime function, so no
    // builder has a future type or a state machine of its own.
    let (request_fn, decode) = (ident(reserved::REQUEST_FN), ident(reserved::DECODE_CONST));
    let client_field = ident(reserved::CLIENT_FIELD);
    let send_with_response_doc = d.doc(&format!(
        "Sends the request and decodes the response, kept with the response's status and headers\n\
         ([`Response`]({root}::Response)); [`{send}`](Self::{send}) returns the value alone.\n\n# Errors\n\n\
         As [`{send}`](Self::{send}).",
        root = cx.options.generated_path
    ));
    let send_doc = d.doc(&format!(
        "Sends the request and decodes the response; awaiting the builder itself does the same.\n\n\
         [`{send_with_response}`](Self::{send_with_response}) keeps the response's status and headers with the value.\n\n\
         # Errors\n\n\
         [`Error::Api`]({root}::Error) for a documented or undocumented error status, and the other\n\
         [`Error`]({root}::Error) variants for a request that cannot be sent or a response that cannot be decoded.",
        root = cx.options.generated_path
    ));
    let sending = quote! {
        #send_with_response_doc
        pub fn #send_with_response(self) -> #rt::CallFuture<#rt::Response<__Output>, #error_body> {
            let request = self.#request_fn();
            #rt::__private::send::send(self.#client_field, request, Self::#decode)
        }

        #send_doc
        pub fn #send(self) -> #rt::CallFuture<__Output, #error_body> {
            let request = self.#request_fn();
            #rt::__private::send::send_value(self.#client_field, request, Self::#decode)
        }

        #blocking
    };
    let into_future = quote! {
        #[doc = " Awaiting a request builder sends it: `builder.await` is `builder.send().await`."]
        impl ::core::future::IntoFuture for __Members {
            type Output = Result<__Output, #error>;
            type IntoFuture = #rt::CallFuture<__Output, #error_body>;

            fn into_future(self) -> Self::IntoFuture {
                self.#send()
            }
        }
    };
    let members_of = |sending: Option<TokenStream>, into_future: Option<TokenStream>| {
        quote! {
            impl __Members {
                #(#setters)*

                #[doc = " Overrides the client's deadline for this call, every attempt and wait between attempts included."]
                pub fn #timeout(mut self, timeout: std::time::Duration) -> Self {
                    self.#common_field.options.set_timeout(timeout);
                    self
                }

                #[doc = " Overrides the client's timeout of each attempt for this call."]
                pub fn #attempt_timeout(mut self, timeout: std::time::Duration) -> Self {
                    self.#common_field.options.set_attempt_timeout(timeout);
                    self
                }

                #[doc = " Overrides the client's retry policy for this call."]
                pub fn #retry(mut self, policy: #rt::RetryPolicy) -> Self {
                    self.#common_field.options.set_retry(policy);
                    self
                }

                #sending
            }

            #into_future
        }
    };
    // A blank line first: the printer spaces items, but not a comment.
    let mut out = "\n".to_owned();
    let streams = cx.api.resources.iter().flat_map(|r| &r.actions).any(|a| a.stream.is_some());
    out += &doc_lines(if streams {
        "What every request builder `$builder` has: setters of the global params, the per-call options,\n\
         `send_with_response`, `send`, `send_blocking` and `IntoFuture`; `$output` is the type `send`\n\
         returns, and the builder has its own `request_` and `DECODE_`. Each builder invokes it once; the\n\
         builders of event streams, which have no `send`, invoke it without a type and get the setters only."
    } else {
        "What every request builder `$builder` has: setters of the global params, the per-call options,\n\
         `send_with_response`, `send`, `send_blocking` and `IntoFuture`; `$output` is the type `send`\n\
         returns, and the builder has its own `request_` and `DECODE_`. Each builder invokes it once."
    });
    let cfg = super::features::any_group(cx).map(|p| format!("#[cfg({p})]\n")).unwrap_or_default();
    let _ = writeln!(out, "{cfg}macro_rules! {MEMBERS} {{");
    let texts = d.into_texts();
    if streams {
        rule(&mut out, "($builder:ident)", members_of(None, None), &texts);
    }
    rule(&mut out, "($builder:ident, $output:ty)", members_of(Some(sending), Some(into_future)), &texts);
    let _ = writeln!(out, "}}\n\n{cfg}pub(crate) use {MEMBERS};");
    out
}

/// One rule of the members macro: the items built for `__Members`, printed,
/// with the builder and output types as the macro's variables.
fn rule(out: &mut String, matcher: &str, block: TokenStream, docs: &[String]) {
    let mut printed = String::new();
    if let Ok(file) = syn::parse2::<syn::File>(block) {
        super::splice_docs(&prettyplease::unparse(&file), docs, &mut printed);
    }
    let printed = super::layout::space_items(&printed);
    let _ = writeln!(out, "    {matcher} => {{");
    for line in printed.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let line = line.replace("__Members", "$builder").replace("__Output", "$output");
            let _ = writeln!(out, "        {line}");
        }
    }
    let _ = writeln!(out, "    }};");
}

/// Plain `//` comment lines: a `macro_rules!` item takes no rustdoc here,
/// as it is not part of the crate's API.
fn doc_lines(text: &str) -> String {
    text.lines().map(|line| format!("// {line}\n")).collect()
}

/// The invocation of the members macro for a builder, as text.
pub(crate) fn invoke(builder: &str, output: &TokenStream) -> Chunk {
    Chunk::Text(format!("super::{MEMBERS}!({builder}, {});\n", type_text(output)))
}

/// The invocation of the members macro for an event stream's builder,
/// which has no `send` (so no `send_blocking` and no `.await`).
pub(crate) fn invoke_stream(builder: &str) -> Chunk {
    Chunk::Text(format!("super::{MEMBERS}!({builder});\n"))
}

/// A type's tokens as Rust source, spaced as `cargo fmt` spaces types.
fn type_text(tokens: &TokenStream) -> String {
    let mut out = String::new();
    let mut word_before = false;
    for token in tokens.clone() {
        match token {
            proc_macro2::TokenTree::Ident(i) => {
                if word_before {
                    out.push(' ');
                }
                out.push_str(&i.to_string());
                word_before = true;
            }
            proc_macro2::TokenTree::Literal(l) => {
                if word_before {
                    out.push(' ');
                }
                out.push_str(&l.to_string());
                word_before = true;
            }
            proc_macro2::TokenTree::Punct(p) => {
                out.push(p.as_char());
                if p.as_char() == ',' {
                    out.push(' ');
                }
                word_before = false;
            }
            proc_macro2::TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push_str(&type_text(&g.stream()));
                out.push_str(close);
                word_before = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn check(tokens: proc_macro2::TokenStream, expected: &str) {
        assert_eq!(super::type_text(&tokens), expected);
    }

    #[test]
    fn types_print_as_written() {
        check(quote!(()), "()");
        check(quote!(crate::types::ApiToken), "crate::types::ApiToken");
        check(quote!(Vec<crate::types::ApiToken>), "Vec<crate::types::ApiToken>");
        check(
            quote!(std::collections::BTreeMap<String, Option<crate::runtime::Secret>>),
            "std::collections::BTreeMap<String, Option<crate::runtime::Secret>>",
        );
        check(quote!(Box<dyn Send>), "Box<dyn Send>");
    }
}
