//! `cargo xtask codegen` as a maintainer runs it: the real binary, its exit
//! status and what it prints, on scratch copies of the project.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OUTPUT_DIR: &str = "generated-client/src/generated";

/// A scratch copy of the spec and the generated client.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        copy_dir(&root.join("spec"), &dir.join("spec"));
        copy_dir(&root.join(OUTPUT_DIR), &dir.join(OUTPUT_DIR));
        copy_dir(&root.join("generated-client/docs"), &dir.join("generated-client/docs"));
        Scratch(dir)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("XTASK_ROOT", &self.0).output().expect("xtask runs")
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.0.join(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} contains {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn output_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(self.0.join(OUTPUT_DIR))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_passes_on_a_fresh_copy() {
    let scratch = Scratch::new("fresh");
    let output = scratch.run(&["codegen", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("generated files are up to date"), "{}", stdout(&output));
}

#[test]
fn a_broken_spec_fails_with_diagnostics_and_writes_nothing() {
    let scratch = Scratch::new("broken");
    scratch.edit("spec/resources/userApiToken.yaml", "method: DELETE", "method: delete");
    let before = scratch.output_files();
    let output = scratch.run(&["codegen"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.starts_with("error: invalid HTTP method `delete`\n  --> spec/resources/userApiToken.yaml:10:13\n"),
        "{text}"
    );
    assert!(text.contains("help: did you mean `DELETE`? (methods are upper case)"), "{text}");
    assert!(text.contains("1 problem in the spec; nothing was generated."), "{text}");
    assert_eq!(scratch.output_files(), before, "no generated file changed");
}

#[test]
fn check_on_a_stale_copy_fails_and_names_the_fix() {
    let scratch = Scratch::new("stale");
    scratch.edit("spec/resources/userApiToken.yaml", "Retrieves information on an API token", "Reads a token");
    let output = scratch.run(&["codegen", "--check"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("stale: generated-client/src/generated/user_api_token.rs"), "{text}");
    assert!(text.contains("Run `cargo xtask codegen` and commit the result."), "{text}");
    let fixed = scratch.run(&["codegen"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert!(stdout(&fixed).contains("codegen: 2 updated, 0 removed,"), "the module and its docs: {}", stdout(&fixed));
    assert_eq!(scratch.run(&["codegen", "--check"]).status.code(), Some(0));
}

#[test]
fn unknown_arguments_print_usage() {
    let scratch = Scratch::new("usage");
    let output = scratch.run(&["codegen", "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("usage: cargo xtask codegen [--check]"), "{}", stdout(&output));
}
