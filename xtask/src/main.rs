//! `cargo xtask`: the project's automation, written in Rust so it needs
//! nothing but cargo (the approach of rust-analyzer's xtask).
//!
//! - `cargo xtask codegen` regenerates the client from `spec/`;
//! - `cargo xtask codegen --check` regenerates in memory and fails, writing
//!   nothing, when the checked-in client is stale;
//! - `cargo xtask openapi [--out FILE]` exports the spec as OpenAPI 3.1;
//! - `cargo xtask import [--out DIR]` converts the vendored Losant API data,
//!   applies our overrides (`xtask/overrides/`) and writes a spec folder,
//!   reporting what the format cannot say yet; `--check DIR` fails when a
//!   folder differs from what it would write;
//! - `cargo xtask bench [--real | --overhead-only]` measures the generator
//!   on synthetic specs (or, with `--real`, the whole API, its compile
//!   time by group and where it goes, and a spec edit's rebuild) and writes
//!   BENCHMARKS.md; `--real --only stages|profile|edit` runs one part of
//!   the latter and prints it, writing nothing;
//! - `cargo xtask package [--allow-dirty]` packages every publishable crate
//!   and runs its tests from the package.

use std::process::ExitCode;

mod bench;
mod bench_edit;
mod bench_load;
mod bench_profile;
mod bench_real;
mod bench_real_targets;
mod codegen;
mod import;
mod openapi;
mod overhead;
mod package;
mod synth;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["openapi"] => openapi::run(None),
        ["bench"] => bench::run(),
        ["import"] => import::run(import::Mode::Write(None)),
        ["import", "--out", out] => import::run(import::Mode::Write(Some(out))),
        ["import", "--check", dir] => import::run(import::Mode::Check(dir)),
        ["bench", "--overhead-only"] => overhead::run(),
        ["bench", "--real"] => bench_real::run(None),
        ["bench", "--real", "--only", part] => match bench_real::Only::parse(part) {
            Some(part) => bench_real::run(Some(part)),
            None => Err(format!("error: `{part}` is not a part of bench --real (stages, profile or edit)")),
        },
        ["package"] => package::run(false),
        ["package", "--allow-dirty"] => package::run(true),
        ["measure", work, spec] => bench::measure(work, spec),
        ["openapi", "--out", out] => openapi::run(Some(out)),
        ["openapi", "--3.0"] => {
            codegen::project_root().and_then(|root| openapi::run_for(&root.join("spec"), None, true))
        }
        ["openapi", "--3.0", "--out", out] => {
            codegen::project_root().and_then(|root| openapi::run_for(&root.join("spec"), Some(out), true))
        }
        ["synth", "--actions", n] => match n.parse() {
            Ok(n) => synth::run(n, None),
            Err(_) => Err(format!("error: `{n}` is not a number of actions")),
        },
        ["synth", "--actions", n, "--out", out] => match n.parse() {
            Ok(n) => synth::run(n, Some(out)),
            Err(_) => Err(format!("error: `{n}` is not a number of actions")),
        },
        _ => {
            println!("usage: cargo xtask codegen [--check]");
            println!("       cargo xtask openapi [--3.0] [--out FILE]");
            println!("       cargo xtask synth --actions N [--out DIR]");
            println!("       cargo xtask bench [--real [--only stages|profile|edit] | --overhead-only]");
            println!("       cargo xtask import [--out DIR | --check DIR]");
            println!("       cargo xtask package [--allow-dirty]");
            println!();
            println!("  codegen          regenerate generated-client/src/generated and docs from spec/");
            println!("  codegen --check  fail, writing nothing, if the generated code is stale");
            println!("  openapi          write spec/ as an OpenAPI 3.1 document (default target/openapi.json)");
            println!("  synth            write a valid spec of N actions (default target/synth-N)");
            println!("  bench            measure the generator and the client's overhead; write BENCHMARKS.md");
            println!(
                "  bench --real     measure the whole API: generation against progenitor, compile time by group and where it goes, a spec edit's rebuild"
            );
            println!(
                "  bench --real --only PART  run one part (stages, profile or edit) and print it; BENCHMARKS.md is left alone"
            );
            println!(
                "  import           convert vendor/losant-api and apply xtask/overrides to a spec (default target/import/spec); report losses"
            );
            println!("  import --check   fail, writing nothing, if DIR is not what the import writes");
            println!("  package          cargo package every publishable crate, then run its tests from the package");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            println!("{message}");
            ExitCode::FAILURE
        }
    }
}
