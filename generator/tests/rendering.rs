//! How diagnostics read: the rendered report a maintainer sees.

use restspec_codegen::{FileKind, Options, SourceFile, SpecSources};

fn render(files: &[(&str, FileKind, &str)]) -> String {
    let sources =
        SpecSources::from_files(files.iter().map(|(path, kind, text)| SourceFile::new(*path, *kind, text)).collect());
    let options = Options {
        crate_name: "demo".into(),
        runtime_path: "crate::runtime".into(),
        generated_path: "crate".into(),
        layout: restspec_codegen::Layout::Modules,
        blocking_feature: None,
        sse_feature: None,
        multipart_feature: None,
        full_feature: None,
        full_serde_feature: None,
        mocks_feature: None,
    };
    let diagnostics = restspec_codegen::generate(&sources, &options).expect_err("the spec is broken");
    diagnostics.render(&sources)
}

const API: &str =
    "name: Demo\nversion: 1.0.0\nbase_url: https://api.example.com\nauth:\n  scheme: bearer\nerror_schema: error\n";
const ERROR: &str = "schema: error\ntype: object\nproperties:\n  message:\n    type: string\n";

#[test]
fn every_problem_is_shown_with_its_line_a_caret_and_a_hint() {
    let resource = "resource: things\nactions:\n  get:\n    sumary: Gets a thing\n    method: GET\n    path: /things\n";
    let schema = "schema: thing\ntype: object\nproperties:\n  owner:\n    ref: ownr\n";
    let rendered = render(&[
        ("spec/api.yaml", FileKind::Api, API),
        ("spec/resources/things.yaml", FileKind::Resource, resource),
        ("spec/schemas/error.yaml", FileKind::Schema, ERROR),
        ("spec/schemas/thing.yaml", FileKind::Schema, schema),
    ]);
    let expected = "\
error: unknown field `sumary`, expected one of summary, description, method, path, auth, scopes, deny_oauth_tokens, allow_unverified, params, responses, pagination, stream, event
 --> spec/resources/things.yaml:4:5
  |
4 |     sumary: Gets a thing
  |     ^^^^^^
  |
help: did you mean `summary`?

error: unknown schema `ownr`
 --> spec/schemas/thing.yaml:5:10
  |
5 |     ref: ownr
  |          ^^^^
  |
help: declare it in spec/schemas/ownr.yaml, or fix the name

2 problems in the spec; nothing was generated.
";
    assert_eq!(rendered, expected, "\n{rendered}");
}
