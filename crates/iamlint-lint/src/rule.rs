//! What a rule is: metadata, hooks, and the macro that declares one.

use iamlint_diagnostics::Severity;
use iamlint_model::{Policy, Statement};

use crate::context::Ctx;

/// A rule's theme. Metadata only: it never appears in a rule's public name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// The text is not (strict) JSON.
    Syntax,
    /// The policy will not do what it says: AWS rejects it, or part of it does nothing.
    Correctness,
    /// The policy grants more than is advisable.
    Security,
    /// Probably a mistake, but valid.
    Suspicious,
    /// Style and redundancy.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
        }
    }
}

/// Whether a rule's diagnostics carry fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// Everything known about a rule besides its checks.
#[derive(Debug)]
pub struct RuleMeta {
    /// `IAM###`, stable and never reused.
    pub code: &'static str,
    /// Kebab-case, naming the problem.
    pub name: &'static str,
    pub category: Category,
    /// The default severity; a rule may report a different one where its doc says so.
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Off-by-default rules run only when selected.
    pub default_enabled: bool,
    /// One line for `iamlint rules`.
    pub summary: &'static str,
    /// `rules/<CODE>.md`, compiled in.
    pub doc: &'static str,
}

/// Access to a rule's metadata; implemented by [`declare_rule!`].
pub trait RuleMetadata {
    fn meta(&self) -> &'static RuleMeta;
}

/// A lint rule. The engine walks the document once and calls each enabled rule's hooks.
pub trait Rule: RuleMetadata + Sync + Send {
    /// Once per file, whether or not a policy could be built (syntax-level rules).
    fn check_document(&self, _ctx: &mut Ctx<'_>) {}
    /// Once per file whose root is an object.
    fn check_policy(&self, _ctx: &mut Ctx<'_>, _policy: &Policy) {}
    /// Once per statement object.
    fn check_statement(&self, _ctx: &mut Ctx<'_>, _policy: &Policy, _stmt: &Statement) {}

    /// Runs the three hooks above on one file; the engine's only call into a rule. Rules do
    /// not override it. Being a default method, it is compiled once per rule with that rule's
    /// hooks inlined, so a file costs one dynamic call per rule rather than one per hook and
    /// statement, and a hook a rule does not have costs nothing.
    fn check_file(&self, ctx: &mut Ctx<'_>, policy: Option<&Policy>, statements: &[&Statement]) {
        self.check_document(ctx);
        if let Some(policy) = policy {
            self.check_policy(ctx, policy);
            for stmt in statements {
                self.check_statement(ctx, policy, stmt);
            }
        }
    }
}

/// Declares a rule: a unit struct, its [`RuleMeta`] and its documentation, which must exist as
/// `rules/<CODE>.md` at the repository root (a rule without a doc does not compile).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            category: $category:ident,
            severity: $severity:ident,
            fix: $fix:ident,
            $(default_enabled: $enabled:literal,)?
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                name: $kebab,
                category: $crate::Category::$category,
                severity: ::iamlint_diagnostics::Severity::$severity,
                fix: $crate::FixAvailability::$fix,
                default_enabled: $crate::declare_rule!(@enabled $($enabled)?),
                summary: $summary,
                doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/", $code, ".md")),
            };
        }

        impl $crate::RuleMetadata for $name {
            fn meta(&self) -> &'static $crate::RuleMeta {
                const M: &$crate::RuleMeta = &$name::META;
                M
            }
        }
    };
    (@enabled) => { true };
    (@enabled $e:literal) => { $e };
}
