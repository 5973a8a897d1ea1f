//! `cargo xtask openapi`: the spec as an OpenAPI 3.1 document, for Swagger
//! UI, schemathesis or other generators.

use std::fs;

use restspec_codegen::SpecSources;

use crate::codegen::project_root;

pub(crate) fn run(out: Option<&str>) -> Result<(), String> {
    run_for(&project_root()?.join("spec"), out, false)
}

/// Exports the spec in `spec_dir`, as OpenAPI 3.0 when `v3_0` (for tools
/// such as progenitor that read nothing newer).
pub(crate) fn run_for(spec_dir: &std::path::Path, out: Option<&str>, v3_0: bool) -> Result<(), String> {
    let sources = SpecSources::read_dir(spec_dir, "spec").map_err(|e| format!("error: {e}"))?;
    let document = if v3_0 { restspec_codegen::openapi_3_0(&sources) } else { restspec_codegen::openapi(&sources) };
    let document = document.map_err(|d| d.render(&sources))?;
    let path = match out {
        Some(out) => std::path::PathBuf::from(out),
        None => project_root()?.join("target").join(if v3_0 { "openapi-3.0.json" } else { "openapi.json" }),
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
