//! The one diagnostic type every part of iamlint produces, and what renders it.
//!
//! Everything here speaks byte [`TextRange`]s. Lines and columns are computed only when a
//! diagnostic is rendered ([`LineIndex`]); UTF-16 exists only in the language server.

mod fix;
mod line_index;
mod render;

pub use fix::{Applicability, Edit, Fix, FixOutcome, apply_fixes};
pub use line_index::{LineCursor, LineIndex, Position};
pub use render::{TextRenderer, render_concise};
pub use text_size::{TextRange, TextSize};

use std::fmt;

/// How bad a finding is. The order is from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Style or redundancy; never fails a run.
    Info,
    /// A likely mistake or a departure from best practice.
    Warning,
    /// The policy grants more than is advisable.
    Security,
    /// Part of the policy is rejected by AWS or silently does nothing.
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Security,
        Severity::Warning,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Security => "security",
            Severity::Error => "error",
        }
    }

    /// Whether a diagnostic of this severity makes `iamlint check` exit with status 1.
    pub fn fails_run(self) -> bool {
        !matches!(self, Severity::Info)
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span in the source with an optional message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub range: TextRange,
    pub message: String,
}

impl Label {
    pub fn new(range: TextRange, message: impl Into<String>) -> Label {
        Label {
            range,
            message: message.into(),
        }
    }
}

/// One finding: what is wrong, where, why, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code such as `IAM101`; never reused.
    pub code: &'static str,
    /// Kebab-case name such as `effect-invalid`.
    pub name: &'static str,
    pub severity: Severity,
    /// One lowercase sentence without a final period; user data in backticks.
    pub message: String,
    /// Advice, kept apart from the message.
    pub help: Option<String>,
    /// The token that causes the finding.
    pub primary: Label,
    /// Related places, such as the statement that shadows this one.
    pub secondary: Vec<Label>,
    /// Ways to fix it, best first.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            help: None,
            primary: Label::new(range, ""),
            secondary: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn range(&self) -> TextRange {
        self.primary.range
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Text shown under the primary span.
    pub fn primary_message(&mut self, message: impl Into<String>) -> &mut Self {
        self.primary.message = message.into();
        self
    }

    pub fn secondary(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.secondary.push(Label::new(range, message));
        self
    }

    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

/// Puts diagnostics in the order every renderer uses: by start, end, code, then message.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            a.primary.range.start(),
            a.primary.range.end(),
            a.code,
            &a.message,
        )
            .cmp(&(
                b.primary.range.start(),
                b.primary.range.end(),
                b.code,
                &b.message,
            ))
    });
}

/// Builds a range from two byte offsets, clamping to `u32`.
pub fn range(start: usize, end: usize) -> TextRange {
    let s = TextSize::new(u32::try_from(start).unwrap_or(u32::MAX));
    let e = TextSize::new(u32::try_from(end).unwrap_or(u32::MAX));
    if s <= e {
        TextRange::new(s, e)
    } else {
        TextRange::new(e, s)
    }
}

/// The text covered by `range`, or `""` when it does not lie on char boundaries inside `text`.
pub fn slice(text: &str, range: TextRange) -> &str {
    text.get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("")
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_and_failing() {
        assert!(Severity::Error > Severity::Security);
        assert!(Severity::Security > Severity::Warning);
        assert!(Severity::Warning > Severity::Info);
        assert!(Severity::Warning.fails_run());
        assert!(!Severity::Info.fails_run());
        assert_eq!(Severity::parse("security"), Some(Severity::Security));
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn sorting_is_by_position_then_code() {
        let mut d = vec![
            Diagnostic::new("IAM2", "b", Severity::Error, range(5, 6), "x"),
            Diagnostic::new("IAM1", "a", Severity::Error, range(5, 6), "x"),
            Diagnostic::new("IAM3", "c", Severity::Error, range(1, 9), "x"),
        ];
        sort_diagnostics(&mut d);
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["IAM3", "IAM1", "IAM2"]);
    }

    #[test]
    fn range_is_ordered_and_slice_is_safe() {
        assert_eq!(range(4, 2), range(2, 4));
        assert_eq!(slice("héllo", range(1, 3)), "é");
        assert_eq!(slice("héllo", range(1, 2)), "");
        assert_eq!(slice("abc", range(2, 10)), "");
    }
}
