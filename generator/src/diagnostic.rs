//! Errors in a spec, located in the file a maintainer edits.
//!
//! Every problem the generator finds in user input becomes a [`Diagnostic`]
//! (never a panic), and the pipeline collects as many as it can before it
//! stops, so one run shows everything that needs fixing.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::source::SpecSources;

/// A position in a spec file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, counting from 1.
    pub line: u32,
    /// Column in characters, counting from 1.
    pub column: u32,
}

impl Position {
    pub(crate) fn from_saphyr(location: serde_saphyr::Location) -> Option<Self> {
        let (line, column) = (location.line(), location.column());
        (line > 0).then_some(Position { line: line as u32, column: column.max(1) as u32 })
    }
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as shown to the maintainer (for example `spec/api.yaml`).
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.to_owned(), position, message: message.into(), hint: None }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column`, or just the file when the position is unknown.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Every problem found in one spec, in file and position order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn new(mut list: Vec<Diagnostic>) -> Self {
        list.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
        list.dedup();
        Diagnostics(list)
    }

    /// The problems, sorted by file and position.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never true for a returned error).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Renders every problem as rustc does: the message, the file, line and
    /// column, the offending YAML with a caret under the value, and the hint.
    /// Plain text (no colours), so it reads the same in a log and a test.
    pub fn render(&self, sources: &SpecSources) -> String {
        let renderer = Renderer::plain();
        let mut out = String::new();
        for d in &self.0 {
            let source = sources.files().iter().find(|f| f.display_path == d.file);
            let span = d.position.zip(source).and_then(|(p, f)| span(&f.text, p));
            let title = Level::ERROR.primary_title(d.message.as_str());
            let group = match (span, source) {
                (Some(span), Some(file)) => title.element(
                    Snippet::source(file.text.as_str())
                        .path(d.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span)),
                ),
                _ => title.element(Origin::path(d.location())),
            };
            let mut report = vec![group];
            if let Some(hint) = &d.hint {
                report.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
            }
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "{} problem{} in the spec; nothing was generated.\n",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        ));
        out
    }
}

/// The byte range of the value that starts at `position`: up to the next
/// space, comma, bracket or brace on its line, and at least one character.
fn span(text: &str, position: Position) -> Option<std::ops::Range<usize>> {
    let line_start: usize = text.split_inclusive('\n').take(position.line as usize - 1).map(str::len).sum();
    let line = text[line_start..].lines().next().unwrap_or_default();
    let offset: usize = line.chars().take(position.column as usize - 1).map(char::len_utf8).sum();
    let rest = &line[offset.min(line.len())..];
    let word = &rest[..rest.find([' ', ',', ']', '}', '\t']).unwrap_or(rest.len())];
    // A key's span ends before its colon.
    let width = word.strip_suffix(':').unwrap_or(word).len().max(1);
    let start = line_start + offset.min(line.len());
    Some(start..(start + width).min(text.len()).max(start))
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The nearest of `candidates` to `name`, if it is close enough to be a typo.
pub(crate) fn nearest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}
