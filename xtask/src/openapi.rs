//! `cargo xtask openapi`: the spec as an OpenAPI 3.1 document, for Swagger
//! UI, schemathesis or other generators.

use std::fs;

use generator::SpecSources;

use crate::codegen::project_root;

pub(crate) fn run(out: Option<&str>) -> Result<(), String> {
    let root = project_root();
    let sources = SpecSources::read_dir(&root.join("spec"), "spec").map_err(|e| format!("error: {e}"))?;
    let document = generator::openapi(&sources).map_err(|d| d.render(&sources))?;
    let path = match out {
        Some(out) => std::path::PathBuf::from(out),
        None => root.join("target").join("openapi.json"),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("error: cannot create {}: {e}", dir.display()))?;
    }
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| format!("error: {e}"))?;
    text.push('\n');
    fs::write(&path, text).map_err(|e| format!("error: cannot write {}: {e}", path.display()))?;
    let operations =
        document["paths"].as_object().map_or(0, |p| p.values().map(|v| v.as_object().map_or(0, |o| o.len())).sum());
    println!("openapi: wrote {} ({operations} operations)", path.display());
    Ok(())
}
