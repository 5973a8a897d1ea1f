//! `cargo xtask package`: proves that every publishable crate is a crate on
//! its own, as crates.io will hold it.
//!
//! `cargo package` alone builds each package's library from its `.crate`
//! file, but not its tests: a test that reads a file outside its package, or
//! that needs a feature only a path dev-dependency turned on (cargo strips
//! those), still passes in the workspace and fails for anyone who unpacks
//! the crate. So this command
//!
//! 1. lists the workspace members that may be published (`publish` is not
//!    `false`), from `cargo metadata`;
//! 2. packages them together (`cargo package -p ... -p ...`, which verifies
//!    each against the others' packaged versions, since none is on the
//!    registry yet), after removing cargo's extracted copies of them from
//!    earlier runs, which it would otherwise reuse;
//! 3. unpacks each `.crate` into a scratch folder outside the workspace and
//!    runs its tests there, with the features its test targets declare in
//!    `required-features`, and with the other packaged crates patched in
//!    for their registry versions.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::codegen::project_root;

/// A workspace member that may be published.
struct Publishable {
    name: String,
    version: String,
    /// The union of its test targets' `required-features`: what its tests
    /// need turned on.
    test_features: Vec<String>,
}

pub(crate) fn run(allow_dirty: bool) -> Result<(), String> {
    let root = project_root()?;
    let target = target_dir(&root);
    let crates = publishable(&root)?;
    if crates.is_empty() {
        return Err("error: no workspace member may be published".to_owned());
    }
    let names: Vec<&str> = crates.iter().map(|c| c.name.as_str()).collect();
    println!("package: {}", names.join(", "));

    forget_stale_extractions(&crates)?;
    let mut package = cargo(&root);
    package.arg("package");
    for name in &names {
        package.args(["-p", name]);
    }
    if allow_dirty {
        package.arg("--allow-dirty");
    }
    status(package, "cargo package")?;

    let scratch = std::env::temp_dir().join(format!("xtask-package-{}", std::process::id()));
    let result = test_unpacked(&root, &target, &scratch, &crates);
    // The scratch folder holds only copies; it goes whatever the result.
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// Removes cargo's extracted copies of our packages from earlier runs.
///
/// `cargo package` verifies each package against the others' `.crate`
/// files through a temporary local registry, and cargo extracts a local
/// registry's crates under `$CARGO_HOME/registry/src/-<hash>/` (a hash of
/// the registry's path, so the same for every run from the same checkout).
/// It reuses an extracted copy without comparing it with the `.crate`: once
/// a package changed without a version bump, the next verification would
/// build its dependents against the old sources. Local registries' folders
/// are the ones whose name starts with `-` (crates.io's is named); only our
/// packages' folders in them go, and cargo extracts them again.
fn forget_stale_extractions(crates: &[Publishable]) -> Result<(), String> {
    let home = match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cargo"),
            None => return Ok(()),
        },
    };
    forget_extractions_in(&home, crates)
}

/// [`forget_stale_extractions`] in the cargo home `home`.
fn forget_extractions_in(home: &Path, crates: &[Publishable]) -> Result<(), String> {
    let Ok(registries) = std::fs::read_dir(home.join("registry/src")) else { return Ok(()) };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for krate in crates {
            let extracted = registry.path().join(format!("{}-{}", krate.name, krate.version));
            if extracted.is_dir() {
                std::fs::remove_dir_all(&extracted)
                    .map_err(|e| format!("error: cannot remove the stale {}: {e}", extracted.display()))?;
            }
        }
    }
    Ok(())
}

/// Unpacks every `.crate` into `scratch` and runs each one's tests there.
fn test_unpacked(root: &Path, target: &Path, scratch: &Path, crates: &[Publishable]) -> Result<(), String> {
    std::fs::create_dir_all(scratch).map_err(|e| format!("error: cannot create {}: {e}", scratch.display()))?;
    let mut unpacked = Vec::new();
    for krate in crates {
        let file = target.join("package").join(format!("{}-{}.crate", krate.name, krate.version));
        let mut tar = Command::new("tar");
        tar.arg("-xzf").arg(&file).arg("-C").arg(scratch);
        status(tar, &format!("unpacking {}", file.display()))?;
        unpacked.push(scratch.join(format!("{}-{}", krate.name, krate.version)));
    }
    for (krate, dir) in crates.iter().zip(&unpacked) {
        println!(
            "package: testing {} {} from its package{}",
            krate.name,
            krate.version,
            if krate.test_features.is_empty() {
                String::new()
            } else {
                format!(" (features {})", krate.test_features.join(","))
            }
        );
        let mut test = cargo(root);
        test.arg("test").arg("--manifest-path").arg(dir.join("Cargo.toml"));
        // The registry does not have the other crates of this release yet:
        // their packaged copies stand in for them.
        for (other, other_dir) in crates.iter().zip(&unpacked) {
            if other.name != krate.name {
                test.arg("--config").arg(format!("patch.crates-io.{}.path={}", other.name, toml_string(other_dir)));
            }
        }
        if !krate.test_features.is_empty() {
            test.arg("--features").arg(krate.test_features.join(","));
        }
        // Dependencies built for the workspace are reused; the crates under
        // test are built anew from their unpacked sources.
        test.env("CARGO_TARGET_DIR", target);
        status(test, &format!("the packaged tests of {}", krate.name))?;
    }
    Ok(())
}

/// The workspace members whose `publish` is not `false`, from `cargo
/// metadata` (where `publish = false` reads as an empty list of registries).
fn publishable(root: &Path) -> Result<Vec<Publishable>, String> {
    let output = cargo(root)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|e| format!("error: cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!("error: cargo metadata failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("error: cargo metadata's output: {e}"))?;
    let packages = metadata["packages"].as_array().ok_or("error: cargo metadata lists no packages")?;
    let mut crates = Vec::new();
    for package in packages {
        let publish_nowhere = package["publish"].as_array().is_some_and(Vec::is_empty);
        if publish_nowhere {
            continue;
        }
        let mut test_features: Vec<String> = package["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|target| target["kind"].as_array().is_some_and(|kinds| kinds.iter().any(|k| k == "test")))
            .flat_map(|target| target["required-features"].as_array().cloned().unwrap_or_default())
            .filter_map(|feature| feature.as_str().map(str::to_owned))
            .collect();
        test_features.sort();
        test_features.dedup();
        crates.push(Publishable {
            name: package["name"].as_str().unwrap_or_default().to_owned(),
            version: package["version"].as_str().unwrap_or_default().to_owned(),
            test_features,
        });
    }
    crates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(crates)
}

/// Where cargo builds: `CARGO_TARGET_DIR` if set, else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

fn status(mut command: Command, what: &str) -> Result<(), String> {
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("error: {what} failed ({status})")),
        Err(e) => Err(format!("error: cannot run {what}: {e}")),
    }
}

/// A path as a TOML basic string, for `--config key=value`.
fn toml_string(path: &Path) -> String {
    let text = path.display().to_string();
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our packages' extractions from local registries go; crates.io's, and
    /// other crates', stay.
    #[test]
    fn only_our_packages_extracted_from_local_registries_are_forgotten() {
        let home = std::env::temp_dir().join(format!("xtask-package-home-{}", std::process::id()));
        let local = home.join("registry/src/-22c3805da5a543b4");
        let index = home.join("registry/src/index.crates.io-1949cf8c6b5b557f");
        let dirs = [
            local.join("restspec-runtime-0.1.0/src"),
            local.join("restspec-runtime-0.0.9"),
            local.join("serde-1.0.0"),
            index.join("restspec-runtime-0.1.0"),
        ];
        for dir in &dirs {
            std::fs::create_dir_all(dir).unwrap();
        }
        let ours = Publishable { name: "restspec-runtime".into(), version: "0.1.0".into(), test_features: vec![] };
        let result = forget_extractions_in(&home, &[ours]);
        let left: Vec<bool> = dirs.iter().map(|d| d.exists()).collect();
        let _ = std::fs::remove_dir_all(&home);
        result.unwrap();
        assert_eq!(left, [false, true, true, true]);
        // A cargo home without registries is nothing to do.
        assert_eq!(forget_extractions_in(&home, &[]), Ok(()));
    }
}
