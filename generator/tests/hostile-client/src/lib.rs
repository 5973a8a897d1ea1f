//! A client generated from a spec that is valid but hostile.
//!
//! `spec/` uses, wherever the spec format allows a name, the names the
//! generated code declares itself (`new`, `validate`, `clone`, `send`,
//! `sendBlocking`, `timeout`, `Result`, `Option`, `String`...), and puts
//! into every text field what would become code or break the build if it
//! reached the output as it is: code fences (```` ``` ````, `~~~`), indented
//! code, backticks, carriage returns and `</script>`. Every code block in
//! that text panics when run.
//!
//! The generator must rename or escape all of it, so this crate compiles
//! (and passes `cargo clippy -D warnings` with the workspace's lints), and
//! `cargo test --workspace` runs its doctests: the generator's own `no_run`
//! examples compile, and no text of the spec ran as a doctest.
//! `tests/hostile.rs` checks that wire names and values stayed exact.

include!(concat!(env!("OUT_DIR"), "/client.rs"));
