//! Losses: what the source data says that the spec format cannot (yet), each
//! with its kind and where it is in the source, and the summary tables.
//!
//! Two other kinds of entry are kept in the same list, each in a section of
//! its own, so that the report still shows every place the data says
//! something unusual: upstream defects with one clear meaning, converted as
//! meant (kinds starting `upstream defect: `), and constructs that are no
//! fact of the API, ignored with the reason why (kinds starting
//! `ignored: `). Only the rest are losses.

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

/// What an entry of the report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Category {
    /// A fact of the API the written spec does not say.
    Loss,
    /// An upstream defect with one clear meaning, converted as meant.
    Defect,
    /// Not a fact of the API (the reason is in the kind).
    Ignored,
}

impl Category {
    /// The prefix of a kind that puts it in this category.
    pub(crate) const DEFECT: &str = "upstream defect: ";
    pub(crate) const IGNORED: &str = "ignored: ";

    pub(crate) fn of(kind: &str) -> Category {
        if kind.starts_with(Self::DEFECT) {
            Category::Defect
        } else if kind.starts_with(Self::IGNORED) {
            Category::Ignored
        } else {
            Category::Loss
        }
    }

    /// The section title of the category, in tables and the listing.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Category::Loss => "loss",
            Category::Defect => "upstream defect (converted as meant)",
            Category::Ignored => "ignored (not a fact of the API)",
        }
    }

    pub(crate) const ALL: [Category; 3] = [Category::Loss, Category::Defect, Category::Ignored];
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

    /// The entries of one category.
    pub(crate) fn count(&self, category: Category) -> usize {
        self.0.iter().filter(|l| Category::of(&l.kind) == category).count()
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

    /// Counts by kind of one category, sorted by count (most first), then
    /// kind.
    pub(crate) fn by_kind(&self, category: Category) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for loss in self.0.iter().filter(|l| Category::of(&l.kind) == category) {
            *counts.entry(&loss.kind).or_default() += 1;
        }
        let mut rows: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    /// The full list, one entry a line (`kind<TAB>location<TAB>detail`),
    /// sorted, in a section per category (losses first; a section without
    /// entries is left out).
    pub(crate) fn listing(&self) -> String {
        let mut sorted = self.0.clone();
        sorted.sort();
        let mut out = String::from("# kind\tlocation\tdetail\n");
        for category in Category::ALL {
            let entries: Vec<&Loss> = sorted.iter().filter(|l| Category::of(&l.kind) == category).collect();
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {}: {}", category.title(), entries.len());
            for loss in entries {
                let detail = loss.detail.replace(['\n', '\t'], " ");
                let _ = writeln!(out, "{}\t{}\t{}", loss.kind, loss.location, detail);
            }
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
        assert_eq!(losses.by_kind(Category::Loss), vec![("k".to_owned(), 3)]);
    }

    #[test]
    fn defects_and_ignored_entries_are_not_losses() {
        let mut losses = Losses::default();
        losses.add("upstream defect: d", "a.json#", "");
        losses.add("ignored: i (why)", "b.json#", "x");
        losses.add("k", "c.json#", "");
        assert_eq!([Category::Loss, Category::Defect, Category::Ignored].map(|c| losses.count(c)), [1, 1, 1]);
        assert_eq!(losses.by_kind(Category::Ignored), vec![("ignored: i (why)".to_owned(), 1)]);
        assert_eq!(
            losses.listing(),
            "# kind\tlocation\tdetail\n## loss: 1\nk\tc.json#\t\n\
             ## upstream defect (converted as meant): 1\nupstream defect: d\ta.json#\t\n\
             ## ignored (not a fact of the API): 1\nignored: i (why)\tb.json#\tx\n"
        );
    }
}
