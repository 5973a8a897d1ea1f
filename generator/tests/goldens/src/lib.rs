//! Goldens: small specs, one per feature of the spec format, in `specs/`,
//! and the code the generator makes of each, in `src/generated/`, checked
//! in by `cargo xtask codegen` (which `--check` and the xtask's
//! `generated_code_is_fresh` test hold fresh).
//!
//! As with typify's and progenitor's test outputs, a change to the
//! generator shows up here as a diff a reviewer can read, feature by
//! feature; and since this crate is a workspace member, `cargo clippy
//! --workspace -- -D warnings`, `cargo doc` and `cargo test --workspace`
//! prove that every golden compiles, lints clean, documents without broken
//! links and runs its doctests. `tests/` checks what each golden sends and
//! decodes where the shape alone does not say it.
//!
//! A golden is a folder `specs/<name>/` (snake_case: it becomes the module
//! `generated::<name>`) laid out like `spec/`; add one with the smallest
//! spec that shows the feature, and run `cargo xtask codegen`.

#![cfg_attr(docsrs, feature(doc_cfg))]

#[rustfmt::skip]
pub mod generated;
