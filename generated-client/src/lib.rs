//! A typed async client for the Losant REST API.
//!
//! ```no_run
//! use losant_rest::types::ApiTokensSortField;
//! use losant_rest::types::{ApiTokenPost, RequestedScopes};
//!
//! # async fn example(token: String, app_id: &str, token_id: &str) -> Result<(), losant_rest::Error> {
//! let client = losant_rest::Client::builder().token(token).build()?;
//!
//! let page = client
//!     .application_api_tokens()
//!     .get(app_id)
//!     .sort_field(ApiTokensSortField::CreationDate)
//!     .per_page(50)
//!     .send()
//!     .await?;
//! for token in page.items.unwrap_or_default() {
//!     println!("{:?} {:?}", token.name, token.status);
//! }
//!
//! let created = client
//!     .user_api_tokens()
//!     .post(ApiTokenPost::new("ci").scope([RequestedScopes::AllUserRead]))
//!     .send()
//!     .await?;
//! println!("created {:?}", created.id);
//!
//! client
//!     .application_api_token()
//!     .delete(app_id, token_id)
//!     .losantdomain("example.com")
//!     .send()
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! The resources come in groups, one cargo feature each, and none is on by
//! default: depend on the crate with the groups you use
//! (`features = ["devices", "data"]`), or `full` for every one. The example
//! above needs `applications` and `users-auth`. The feature table is in the
//! crate's `Cargo.toml`, and each item's docs name the features it needs.
//! Schema types have only the serde derives of the direction they travel in
//! (`Serialize` if a request carries them, `Deserialize` if a response
//! does); the `full-serde` feature derives both on every type.
//!
//! Every resource of the spec is a module (`application_api_tokens`, ...)
//! with a handle reached from [`Client`] and one request builder per action:
//! required params are the builder's arguments, optional params are setters,
//! and `send` performs the request. Schema types live in [`types`]; the
//! documented facts about each action (method, path, scopes) are data in
//! [`ACTIONS`] and on each builder's `INFO`.
//!
//! Everything but the [`runtime`] (the `restspec-runtime` crate, which
//! sends requests for any generated client) is generated from `spec/` by
//! `cargo xtask codegen`.

#![cfg_attr(docsrs, feature(doc_cfg))]

// The module tree below `generated` is written by `cargo xtask codegen` from
// spec/ and checked in. prettyplease formats it, pinned by Cargo.lock, so
// rustfmt (whose output changes between releases) leaves it alone.
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use restspec_runtime as runtime;
pub use runtime::Secret;

// The README's examples compile as doctests, so they stay true. It is the
// crate's own README (the page on crates.io), inside the package.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
