//! A scratch copy of the project's spec, generated client and docs, removed
//! when dropped. Shared by the xtask's unit tests and its command-line
//! tests (included with `#[path]`), so both run on the same setup.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The folders a scratch copy holds, relative to the project root.
pub(crate) const COPIED: [&str; 3] = ["spec", "generated-client/src/generated", "generated-client/docs"];

pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for folder in COPIED {
            copy_dir(&root.join(folder), &dir.join(folder));
        }
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

    /// Every file of a folder, by name, as bytes.
    pub(crate) fn files(&self, relative: &str) -> BTreeMap<String, Vec<u8>> {
        fs::read_dir(self.path(relative))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap())
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
