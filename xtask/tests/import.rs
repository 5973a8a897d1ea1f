//! `cargo xtask import` as a maintainer runs it: the real binary on the
//! vendored data of this checkout, writing into a scratch folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/scratch.rs"]
mod scratch;

use scratch::Scratch;

fn checkout() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR");
    Path::new(&manifest_dir).join("..")
}

fn import(out: &Path) -> Output {
    xtask("--out", out)
}

fn xtask(flag: &str, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["import", flag])
        .arg(out)
        .env("XTASK_ROOT", checkout())
        .output()
        .expect("xtask runs")
}

/// Every file below `dir`, by relative path, as bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn import_writes_the_whole_api_and_reports_losses_and_diagnostics_the_same_way_twice() {
    let scratch = Scratch::empty("import");
    let out = scratch.path("spec");
    let first = import(&out);
    let stdout = String::from_utf8_lossy(&first.stdout).into_owned();
    assert_eq!(first.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("99 resources, 375 actions, 335 schemas"), "{stdout}");
    assert!(stdout.contains("with the overrides 101 resources, 380 actions"), "{stdout}");
    assert!(stdout.contains("changes against the previous output: no previous output"), "{stdout}");
    assert!(stdout.contains("loss  ") && stdout.contains("generator diagnostic  "), "{stdout}");
    let written = tree(&out);
    assert_eq!(written.keys().filter(|k| k.starts_with("resources/")).count(), 101);
    assert!(written.contains_key("api.yaml") && written.contains_key("schemas/apiToken.yaml"));
    let losses = fs::read(scratch.path("import-losses.txt")).unwrap();

    let second = import(&out);
    assert_eq!(second.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&second.stdout).contains("changes against the previous output: none"));
    assert_eq!(tree(&out), written, "a second import writes the same bytes");
    assert_eq!(fs::read(scratch.path("import-losses.txt")).unwrap(), losses);

    // `--check` passes on what it wrote and names a file edited by hand.
    let check = xtask("--check", &out);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    fs::write(out.join("resources/auth.yaml"), "resource: auth\n").unwrap();
    let check = xtask("--check", &out);
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("(1 file(s) differ)") && stdout.contains("  differs: resources/auth.yaml\n"), "{stdout}");
}

#[test]
fn import_refuses_to_clear_a_folder_it_did_not_write() {
    let scratch = Scratch::empty("import-foreign");
    fs::write(scratch.path("keep.txt"), "mine").unwrap();
    let output = import(&scratch.0);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("was not written by `cargo xtask import`"));
    assert_eq!(fs::read_to_string(scratch.path("keep.txt")).unwrap(), "mine");
}
