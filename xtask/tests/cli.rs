//! `cargo xtask codegen` as a maintainer runs it: the real binary, its exit
//! status and what it prints, on scratch copies of the project.

use std::process::{Command, Output};

const OUTPUT_DIR: &str = "generated-client/src/generated";

#[path = "support/scratch.rs"]
mod scratch;

use scratch::Scratch;

/// Runs the xtask binary on a scratch copy.
fn run(scratch: &Scratch, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("XTASK_ROOT", &scratch.0).output().expect("xtask runs")
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
    assert!(
        text.starts_with("error: invalid HTTP method `delete`\n  --> spec/resources/userApiToken.yaml:10:13\n"),
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
