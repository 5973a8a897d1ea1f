//! How printed items are spaced: a blank line between top-level items and
//! between impl members, as hand-formatted code (and `cargo fmt`) has them.
//! Emitters that write text chunks and the renderer share it.

/// Puts a blank line before each item or member that follows a closing
/// line at the same indentation, where prettyplease prints none.
pub(crate) fn space_items(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut previous: Option<&str> = None;
    for line in body.lines() {
        if previous.is_some_and(|previous| needs_blank(previous, line)) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// Whether a blank line goes between these two lines: after a closing
/// line, before an item or member at the same indentation.
pub(crate) fn needs_blank(previous: &str, line: &str) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let closes = {
        let t = previous.trim();
        t == "}" || t == "};" || (t.ends_with(';') && !t.starts_with("//"))
    };
    let starts_item = !line.trim().is_empty()
        && !line.trim_start().starts_with('}')
        && !line.trim_start().starts_with(')')
        // An item that ends on a continuation line (a chain of method
        // calls ending in `;`) is followed at a lesser indentation.
        && (indent(line) == indent(previous) || (previous.trim_end().ends_with(';') && indent(line) < indent(previous)));
    let in_item_list = indent(line) <= 4;
    closes && starts_item && in_item_list && !previous.trim().is_empty() && is_item_start(line)
}

fn is_item_start(line: &str) -> bool {
    let t = line.trim_start();
    ["///", "#[", "pub ", "impl", "fn ", "const ", "static ", "mod ", "type ", "use ", "enum ", "struct "]
        .iter()
        .any(|p| t.starts_with(p))
}
