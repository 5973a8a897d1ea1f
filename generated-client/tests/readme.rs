//! The README shows code that is compiled elsewhere: the quick start is
//! `examples/quick_start.rs` (built by every `cargo test`), and the mocked
//! test is `tests/readme_mock.rs` (run by it). This test keeps each README
//! block the same as its source, so an edit to one without the other fails.

const README: &str = include_str!("../README.md");

/// The text of the first fenced block of the README that opens with
/// `fence` and contains `marker`.
fn readme_block(fence: &str, marker: &str) -> &'static str {
    let mut rest = README;
    while let Some(start) = rest.find(fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("\n```\n").expect("a fenced block is closed");
        let block = &body[..=end];
        if block.contains(marker) {
            return block;
        }
        rest = &body[end..];
    }
    panic!("the README has no `{fence}` block with `{marker}`")
}

#[test]
fn the_quick_start_is_the_example_program() {
    let example = include_str!("../examples/quick_start.rs");
    let code = &example[example.find("use std::time::Duration;").expect("the example's first use")..];
    assert_eq!(readme_block("```rust,no_run\n", "send_with_response"), code);
}

#[test]
fn the_mocked_test_is_the_one_that_runs() {
    let test = include_str!("readme_mock.rs");
    let begin = test.find("// README BEGIN\n").expect("the BEGIN marker") + "// README BEGIN\n".len();
    let end = test.find("// README END").expect("the END marker");
    assert_eq!(readme_block("```rust,ignore\n", "mock::devices::get()"), &test[begin..end]);
}
