//! A scratch copy of the project's spec, generated client and docs, removed
//! when dropped. Shared by the xtask's unit tests and its command-line
//! tests (included with `#[path]`), so both run on the same setup.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folders a scratch copy holds, relative to the project root.
pub(crate) const COPIED: [&str; 4] =
    ["spec", "generated-client/src/generated", "generated-client/tests/generated", "generated-client/docs"];

/// The files a scratch copy holds besides: the manifests by which the xtask
/// recognizes a checkout's root from the xtask crate's directory, and the
/// client's, whose feature table of groups codegen writes.
pub(crate) const COPIED_FILES: [&str; 3] = ["Cargo.toml", "xtask/Cargo.toml", "generated-client/Cargo.toml"];

pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    /// A copy of the checkout the tests run in.
    pub(crate) fn new(name: &str) -> Scratch {
        let scratch = Scratch::empty(name);
        // The checkout `cargo test` runs in, not the one the test binary was
        // first compiled in (a shared target directory may hold either).
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR");
        let root = Path::new(&manifest_dir).join("..");
        for folder in COPIED {
            copy_dir(&root.join(folder), &scratch.path(folder));
        }
        for file in COPIED_FILES {
            fs::create_dir_all(scratch.path(file).parent().unwrap()).unwrap();
            fs::copy(root.join(file), scratch.path(file)).unwrap();
        }
        scratch
    }

    /// An empty directory, its own even among tests running in parallel.
    pub(crate) fn empty(name: &str) -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }

    /// Replaces the first `from` in a file with `to`.
    pub(crate) fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.path(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} contains {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Every file of a folder, by name, as bytes (a folder inside is
    /// listed with no bytes).
    pub(crate) fn files(&self, relative: &str) -> BTreeMap<String, Vec<u8>> {
        fs::read_dir(self.path(relative))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let bytes = if e.file_type().unwrap().is_dir() { Vec::new() } else { fs::read(e.path()).unwrap() };
                (e.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect()
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
