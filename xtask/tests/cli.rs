//! `cargo xtask codegen` as a maintainer runs it: the real binary, its exit
//! status and what it prints, on scratch copies of the project.

use std::path::Path;
use std::process::{Command, Output};

const OUTPUT_DIR: &str = "generated-client/src/generated";

#[path = "support/scratch.rs"]
mod scratch;

use scratch::Scratch;

/// Runs the xtask binary on a scratch copy.
fn run(scratch: &Scratch, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("XTASK_ROOT", &scratch.0).output().expect("xtask runs")
}

/// Runs the xtask binary as `cargo xtask` run in another checkout does when
/// the target directory is shared: this test's binary, built from this
/// checkout, with `CARGO_MANIFEST_DIR` naming the other checkout's xtask
/// crate, from a directory that is in neither checkout.
fn run_as_cargo_run_in(checkout: &Path, args: &[&str]) -> Output {
    let elsewhere = Scratch::empty("elsewhere");
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env_remove("XTASK_ROOT")
        .env("CARGO_MANIFEST_DIR", checkout.join("xtask"))
        .current_dir(&elsewhere.0)
        .output()
        .expect("xtask runs")
}

/// Runs the xtask binary without cargo: no `CARGO_MANIFEST_DIR`, from `cwd`.
fn run_without_cargo_from(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env_remove("XTASK_ROOT")
        .env_remove("CARGO_MANIFEST_DIR")
        .current_dir(cwd)
        .output()
        .expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_passes_on_a_fresh_copy() {
    let scratch = Scratch::new("fresh");
    let output = run(&scratch, &["codegen", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("generated files are up to date"), "{}", stdout(&output));
}

#[test]
fn a_broken_spec_fails_with_diagnostics_and_writes_nothing() {
    let scratch = Scratch::new("broken");
    scratch.edit("spec/resources/userApiToken.yaml", "method: DELETE", "method: delete");
    let before = scratch.files(OUTPUT_DIR);
    let output = run(&scratch, &["codegen"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    // Progress lines come first (the spec was read), then the diagnostic.
    let (progress, report) = text.split_at(text.find("error: ").unwrap_or_else(|| panic!("no error in {text}")));
    assert!(progress.lines().all(|line| line.starts_with("codegen: read spec/")), "{text}");
    assert!(
        report.starts_with("error: invalid HTTP method `delete`\n --> spec/resources/userApiToken.yaml:8:13\n"),
        "{text}"
    );
    assert!(text.contains("help: did you mean `DELETE`? (methods are upper case)"), "{text}");
    assert!(text.contains("1 problem in the spec; nothing was generated."), "{text}");
    assert_eq!(scratch.files(OUTPUT_DIR), before, "no generated file changed");
}

#[test]
fn check_on_a_stale_copy_fails_and_names_the_fix() {
    let scratch = Scratch::new("stale");
    scratch.edit("spec/resources/userApiToken.yaml", "Retrieves information on an API token", "Reads a token");
    let output = run(&scratch, &["codegen", "--check"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("stale: generated-client/src/generated/user_api_token.rs"), "{text}");
    assert!(text.contains("Run `cargo xtask codegen` and commit the result."), "{text}");
    let fixed = run(&scratch, &["codegen"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert!(stdout(&fixed).contains("codegen: 2 updated, 0 removed,"), "the module and its docs: {}", stdout(&fixed));
    assert_eq!(run(&scratch, &["codegen", "--check"]).status.code(), Some(0));
}

#[test]
fn unknown_arguments_print_usage() {
    let scratch = Scratch::new("usage");
    let output = run(&scratch, &["codegen", "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("usage: cargo xtask codegen [--check]"), "{}", stdout(&output));
}

/// Two checkouts sharing a target directory share the xtask binary. The
/// binary must act on the checkout `cargo run` names, never on the one it
/// was compiled in. (The check runs first: a binary that got this wrong
/// fails it, so the test never runs it in write mode on this checkout.)
#[test]
fn codegen_acts_on_the_checkout_cargo_runs_it_in_not_the_one_it_was_built_in() {
    let other = Scratch::new("other-checkout");
    let mod_rs = format!("{OUTPUT_DIR}/mod.rs");
    other.edit(&mod_rs, "pub const API_VERSION", "pub const API_VERSION_EDITED");
    let check = run_as_cargo_run_in(&other.0, &["codegen", "--check"]);
    let text = stdout(&check);
    assert_eq!(check.status.code(), Some(1), "the hand edit in the other checkout is found: {text}");
    assert!(text.contains(&format!("stale: {mod_rs}")), "{text}");
    assert!(text.contains("-pub const API_VERSION_EDITED"), "{text}");
    let write = run_as_cargo_run_in(&other.0, &["codegen"]);
    assert_eq!(write.status.code(), Some(0), "{}", stdout(&write));
    assert!(stdout(&write).contains(&format!("updated  {mod_rs}")), "{}", stdout(&write));
    let fixed = std::fs::read_to_string(other.path(&mod_rs)).unwrap();
    assert!(!fixed.contains("API_VERSION_EDITED"), "codegen rewrote the other checkout's file");
    assert_eq!(run_as_cargo_run_in(&other.0, &["codegen", "--check"]).status.code(), Some(0));
}

/// Run without cargo, the binary finds the checkout from the current
/// directory: the nearest workspace manifest with an xtask member.
#[test]
fn without_cargo_the_checkout_is_the_one_around_the_current_directory() {
    let other = Scratch::new("cwd-checkout");
    let mod_rs = format!("{OUTPUT_DIR}/mod.rs");
    other.edit(&mod_rs, "pub const API_VERSION", "pub const API_VERSION_EDITED");
    let check = run_without_cargo_from(&other.path(OUTPUT_DIR), &["codegen", "--check"]);
    let text = stdout(&check);
    assert_eq!(check.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("stale: {mod_rs}")), "{text}");
}

/// Outside any checkout, and with a `CARGO_MANIFEST_DIR` that is in none,
/// the binary fails and says why instead of using the checkout it was
/// compiled in.
#[test]
fn outside_a_checkout_it_fails_and_says_why() {
    let nowhere = Scratch::empty("nowhere");
    for output in [
        run_without_cargo_from(&nowhere.0, &["codegen", "--check"]),
        run_as_cargo_run_in(&nowhere.0, &["codegen", "--check"]),
    ] {
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(text.starts_with("error: cannot find the project root"), "{text}");
        assert!(text.contains("XTASK_ROOT"), "names the way out: {text}");
    }
}
