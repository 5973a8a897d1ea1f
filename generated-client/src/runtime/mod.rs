//! The hand-written runtime that generated code is built on.
//!
//! # Contract
//!
//! Generated modules use only what this module exports, and this module uses
//! only two generated items:
//!
//! - `crate::generated::API`, an [`ApiInfo`] with the spec's base URL,
//!   fixed headers and auth scheme;
//! - `crate::generated::ErrorBody`, the type error bodies decode into.
//!
//! For each action, generated code fills a [`Request`] (path pieces,
//! query pairs, headers, JSON body) and hands it to [`Client::execute`] or
//! [`Client::execute_empty`], which send it, map failures to [`Error`] and
//! decode the response. Keeping the HTTP logic here, once, keeps the
//! generated code small and every action consistent.

mod action;
mod client;
mod error;
pub mod limits;
mod request;
mod secret;

pub use action::{ActionInfo, ApiInfo, AuthScheme};
pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use error::{ApiError, Error};
pub use request::Request;
pub use secret::Secret;
