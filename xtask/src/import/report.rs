//! Losses: what the source data says that the spec format cannot (yet), each
//! with its kind and where it is in the source, and the summary tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One thing the source says that the written spec does not say, or says
/// only approximately.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Loss {
    /// What kind of construct, e.g. "unsupported keyword `minimum`".
    pub(crate) kind: String,
    /// Where: a source file and a JSON pointer into it, e.g.
    /// `schemas/device.json#/properties/tags/items`.
    pub(crate) location: String,
    /// The specifics (the value, what was written instead), may be empty.
    pub(crate) detail: String,
}

/// Every loss of one import, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Losses(pub(crate) Vec<Loss>);

impl Losses {
    pub(crate) fn add(&mut self, kind: impl Into<String>, location: &str, detail: impl Into<String>) {
        self.0.push(Loss { kind: kind.into(), location: location.to_owned(), detail: detail.into() });
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Copies the losses found at `from..to` under the location prefix
    /// `old` to the location prefix `new`: the losses of a second occurrence
    /// of a structure converted once.
    pub(crate) fn copy_range(&mut self, from: usize, to: usize, old: &str, new: &str) {
        let copies: Vec<Loss> = self.0[from..to]
            .iter()
            .filter_map(|l| {
                let rest = l.location.strip_prefix(old).filter(|r| r.is_empty() || r.starts_with('/'))?;
                Some(Loss { location: format!("{new}{rest}"), ..l.clone() })
            })
            .collect();
        self.0.extend(copies);
    }

    /// Counts by kind, sorted by count (most first), then kind.
    pub(crate) fn by_kind(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for loss in &self.0 {
            *counts.entry(&loss.kind).or_default() += 1;
        }
        let mut rows: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    /// The full list, one loss a line (`kind<TAB>location<TAB>detail`),
    /// sorted.
    pub(crate) fn listing(&self) -> String {
        let mut sorted = self.0.clone();
        sorted.sort();
        let mut out = String::from("# kind\tlocation\tdetail\n");
        for loss in sorted {
            let detail = loss.detail.replace(['\n', '\t'], " ");
            let _ = writeln!(out, "{}\t{}\t{}", loss.kind, loss.location, detail);
        }
        out
    }
}

/// A two-column table with a total row.
pub(crate) fn table(title: &str, rows: &[(String, usize)]) -> String {
    let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).max(title.len()).max(5);
    let total: usize = rows.iter().map(|(_, n)| n).sum();
    let mut out = String::new();
    let _ = writeln!(out, "{title:<width$}  count");
    let _ = writeln!(out, "{}  -----", "-".repeat(width));
    for (kind, n) in rows {
        let _ = writeln!(out, "{kind:<width$}  {n:>5}");
    }
    let _ = writeln!(out, "{:<width$}  {total:>5}", "total");
    out
}

/// A diagnostic message with its specifics taken out, so that messages that
/// differ only in names and numbers group together: every `quoted` part
/// becomes `…`, every (parenthesized) part `(…)` and every run of digits
/// `N`.
pub(crate) fn message_shape(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut parens = 0usize;
    let mut last_digit = false;
    for c in message.chars() {
        if !quoted && c == '(' {
            if parens == 0 {
                out.push_str("(…)");
            }
            parens += 1;
        } else if !quoted && c == ')' && parens > 0 {
            parens -= 1;
        } else if parens > 0 {
        } else if c == '`' {
            if !quoted {
                out.push_str("`…`");
            }
            quoted = !quoted;
            last_digit = false;
        } else if quoted {
        } else if c.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
        } else {
            out.push(c);
            last_digit = false;
        }
    }
    out
}

/// A JSON pointer segment (`~` and `/` escaped).
pub(crate) fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_group_without_their_names() {
        assert_eq!(message_shape("unknown schema `fooBar`"), "unknown schema `…`");
        assert_eq!(message_shape("status 201 is documented twice"), "status N is documented twice");
        assert_eq!(
            message_shape("enum values collide: `a` becomes `A` twice"),
            "enum values collide: `…` becomes `…` twice"
        );
        assert_eq!(message_shape("example `key` is not allowed (name, status)"), "example `…` is not allowed (…)");
    }

    #[test]
    fn copies_rewrite_the_location_prefix() {
        let mut losses = Losses::default();
        losses.add("k", "a.json#/x/y", "d");
        losses.add("k", "b.json#/z", "d");
        losses.copy_range(0, 2, "a.json#/x", "c.json#/w");
        assert_eq!(losses.0.last().unwrap().location, "c.json#/w/y");
        assert_eq!(losses.len(), 3);
        assert_eq!(losses.by_kind(), vec![("k".to_owned(), 3)]);
    }
}
