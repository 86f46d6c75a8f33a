//! What a rule sees while it runs, and how it reports.

use iamlint_diagnostics::{Diagnostic, TextRange};
use iamlint_model::{PolicyType, WrongType};
use iamlint_syntax::Parsed;

use crate::rule::RuleMeta;

/// How the policy type of a file was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeSource {
    /// Given with `--policy-type` (or configuration).
    Explicit,
    /// Guessed from the document's shape.
    Detected,
}

/// The file being checked, shared by every rule.
#[derive(Debug)]
pub struct FileInfo<'a> {
    /// The text as checked (invalid UTF-8 replaced by U+FFFD).
    pub source: &'a str,
    pub parsed: &'a Parsed,
    /// U+FFFD characters that stand for invalid UTF-8.
    pub invalid_utf8: &'a [TextRange],
    /// Set when the root is a JSON value other than an object.
    pub root_not_object: Option<WrongType>,
    pub policy_type: PolicyType,
    pub type_source: TypeSource,
    /// What the shape alone suggests (equal to `policy_type` when detected).
    pub detected_type: PolicyType,
    pub options: &'a crate::Options,
    pub catalog: &'static iamlint_catalog::Catalog,
    /// Results several rules need, computed once per file.
    pub(crate) memo: Memo,
}

/// Per-file results shared between rules, by the statement's start offset: the actions a
/// statement covers (`None` when some action is unknown or malformed), and what each of its
/// action strings resolves to.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    actions: std::cell::RefCell<rustc_hash::FxHashMap<u32, Option<StatementActions>>>,
    resolutions: std::cell::RefCell<rustc_hash::FxHashMap<u32, Resolutions>>,
    var_errors: std::cell::RefCell<rustc_hash::FxHashMap<u32, VarErrors>>,
}

/// The malformed policy variables of a statement's expanding sites, by site index.
pub type VarErrors = std::rc::Rc<Vec<(usize, iamlint_model::variables::VarError)>>;

/// What each action string of a statement resolves to, in the order of
/// `Statement::action_strings`.
pub type Resolutions = std::rc::Rc<Vec<crate::actions::Resolved>>;

/// The catalog actions of a statement, shared.
pub type StatementActions = std::rc::Rc<Vec<&'static iamlint_catalog::Action>>;

/// A per-statement result of the file's memo (by the statement's start offset), computed on
/// first use. The lookup's borrow ends before `compute` runs, which may use the memo too.
fn per_statement<T: Clone>(
    map: &std::cell::RefCell<rustc_hash::FxHashMap<u32, T>>,
    stmt: &iamlint_model::Statement,
    compute: impl FnOnce() -> T,
) -> T {
    let key = u32::from(stmt.range.start());
    if let Some(hit) = map.borrow().get(&key) {
        return hit.clone();
    }
    let found = compute();
    map.borrow_mut().insert(key, found.clone());
    found
}

/// Passed to every hook: the file and a way to report.
pub struct Ctx<'a> {
    pub file: &'a FileInfo<'a>,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// The catalog actions a statement's `Action` covers, expanded and deduplicated; `None`
    /// when one of them is unknown, malformed or declared with `--known-action` (so the set
    /// is not known), or when there is no `Action`. Computed once per statement.
    pub fn statement_actions(&self, stmt: &iamlint_model::Statement) -> Option<StatementActions> {
        per_statement(&self.file.memo.actions, stmt, || {
            let resolved = self.resolutions(stmt);
            crate::actions::statement_actions(self.file.catalog, self.file.options, stmt, &resolved)
                .map(std::rc::Rc::new)
        })
    }

    /// What each of a statement's action strings (`Action` or `NotAction`) resolves to, in
    /// the order of `Statement::action_strings`. Computed once per statement, so that the
    /// action rules do not each look every string up again.
    pub fn resolutions(&self, stmt: &iamlint_model::Statement) -> Resolutions {
        per_statement(&self.file.memo.resolutions, stmt, || {
            let strings: Vec<&str> = stmt.action_strings().map(|s| &*s.value).collect();
            std::rc::Rc::new(crate::actions::resolve_all(self.file.catalog, &strings))
        })
    }

    /// The malformed policy variables of a statement (see [`crate::vars::syntax_errors`]).
    /// Computed once per statement.
    pub fn var_errors(&self, stmt: &iamlint_model::Statement) -> VarErrors {
        per_statement(&self.file.memo.var_errors, stmt, || {
            std::rc::Rc::new(crate::vars::all_syntax_errors(stmt))
        })
    }

    pub fn source(&self) -> &'a str {
        self.file.source
    }

    pub fn policy_type(&self) -> PolicyType {
        self.file.policy_type
    }

    pub fn catalog(&self) -> &'static iamlint_catalog::Catalog {
        self.file.catalog
    }

    pub fn options(&self) -> &'a crate::Options {
        self.file.options
    }

    /// Reports a finding of the running rule at `range`, with the rule's default severity.
    /// Returns the diagnostic so that help, labels and fixes can be added.
    #[expect(
        clippy::indexing_slicing,
        reason = "the vector was pushed to just before"
    )]
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::new(
            self.meta.code,
            self.meta.name,
            self.meta.severity,
            range,
            one_line(message.into()),
        );
        self.out.push(d);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Messages quote user data, which may hold line breaks or other control characters; a
/// message stays on one line, so those are written as JSON escapes.
fn one_line(message: String) -> String {
    if !message.chars().any(char::is_control) {
        return message;
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn control_characters_in_messages_are_escaped() {
        assert_eq!(
            one_line("`a\nb\t\u{1}` is not an ARN".into()),
            "`a\\nb\\t\\u0001` is not an ARN"
        );
        assert_eq!(one_line("plain".into()), "plain");
    }
}
