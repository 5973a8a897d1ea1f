//! A client generated at build time, and the test bed of every param and
//! response kind of the Losant REST API.
//!
//! This crate is the example of the generator's build-script mode: it checks
//! in no generated code. `build.rs` calls `restspec_codegen::build::run` on the
//! spec in `spec/`, which writes `$OUT_DIR/client.rs`, and this file
//! includes it. Editing the spec regenerates the client on the next build.
//!
//! The spec (`spec/`) models one Losant action for each kind the generator
//! supports: structured query params flattened into bracket keys or sent as
//! one JSON string, string-or-array params, `any` values, required query
//! params, JSON bodies that are objects, arrays or one-ofs, multipart
//! uploads, actions without auth, success responses that are arrays,
//! maps, one-ofs or differ per status, and streams of server-sent events
//! (JSON and text; `tests/streams.rs`, behind the default `sse` feature);
//! and two resources of its own for enums of every kind (`enumValues`:
//! values differing only in case, the empty string, integer, number and
//! boolean enums) and for documented number and count limits
//! (`limitValues`). `tests/kinds.rs`, `tests/enums.rs` and
//! `tests/limits.rs` send each of them to a real HTTP server on 127.0.0.1
//! and check what goes over the wire and what comes back.

include!(concat!(env!("OUT_DIR"), "/client.rs"));
