//! The engine: parse, lower, pick the policy type, run each enabled rule once, sort.

use std::borrow::Cow;

use iamlint_diagnostics::{Diagnostic, sort_diagnostics};
use iamlint_model::{PolicyType, detect, lower};

use crate::context::{Ctx, FileInfo, TypeSource};
use crate::rules::RULES;
use crate::selection::Selection;

/// How to check one file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `None` detects the type from the document's shape.
    pub policy_type: Option<PolicyType>,
    pub selection: Selection,
    /// Actions to treat as known although the catalog lacks them (`service:Action`; `*` and
    /// `?` allowed). The catalog always lags AWS.
    pub known_actions: Vec<String>,
    /// Condition keys to treat as known (`${...}` placeholders allowed).
    pub known_condition_keys: Vec<String>,
    /// For resource policies: the service or resource type holding the policy (`s3`,
    /// `AWS::S3::Bucket`), when known. Otherwise it is inferred from the `Resource` ARNs.
    pub resource_type: Option<String>,
    /// The account the policies belong to (`--account-id`), for the cross-account rules.
    pub account_id: Option<String>,
    /// ARNs (wildcards allowed) that no `Allow` may reach (`--sensitive-resource`).
    pub sensitive_resources: Vec<String>,
    /// Skip the rules that ask the SMT prover (`--no-smt`).
    pub no_smt: bool,
    /// The current time, in seconds since the Unix epoch, against which `cond-unsatisfiable`
    /// finds dates already past; `None` skips that check (the library reads no clock).
    pub now: Option<i64>,
}

impl Options {
    /// Whether the user declared `action` as known.
    pub fn is_known_action(&self, action: &str) -> bool {
        self.known_actions
            .iter()
            .any(|p| iamlint_catalog::glob_match(p, action, true))
    }

    /// Whether the user declared `key` as known.
    pub fn is_known_condition_key(&self, key: &str) -> bool {
        self.known_condition_keys
            .iter()
            .any(|t| iamlint_catalog::key_matches(t, key))
    }
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The text as checked; diagnostic ranges refer to it. It equals the input unless the
    /// input was not valid UTF-8.
    pub text: String,
    pub policy_type: PolicyType,
    pub type_source: TypeSource,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks raw bytes; invalid UTF-8 is reported, not fatal.
pub fn check_bytes(bytes: &[u8], options: &Options) -> Checked {
    let decoded = iamlint_syntax::decode(bytes);
    run(decoded.text, &decoded.invalid, options)
}

/// Checks text.
pub fn check_text(text: &str, options: &Options) -> Checked {
    run(Cow::Borrowed(text), &[], options)
}

/// Checks text it is given, which becomes [`Checked::text`] without a copy.
pub fn check_string(text: String, options: &Options) -> Checked {
    run(Cow::Owned(text), &[], options)
}

fn run(
    source: Cow<'_, str>,
    invalid_utf8: &[iamlint_diagnostics::TextRange],
    options: &Options,
) -> Checked {
    let text = &*source;
    let parsed = iamlint_syntax::parse(text);
    let lowered = parsed.root.as_ref().map(lower);
    let (policy, root_not_object) = match lowered {
        Some(Ok(p)) => (Some(p), None),
        Some(Err(w)) => (None, Some(w)),
        None => (None, None),
    };
    let detected_type = policy.as_ref().map_or(PolicyType::Identity, detect);
    let (policy_type, type_source) = match options.policy_type {
        Some(t) => (t, TypeSource::Explicit),
        None => (detected_type, TypeSource::Detected),
    };
    let file = FileInfo {
        source: text,
        parsed: &parsed,
        invalid_utf8,
        root_not_object,
        policy_type,
        type_source,
        detected_type,
        options,
        catalog: iamlint_catalog::catalog(),
        memo: crate::context::Memo::default(),
    };
    let mut out = Vec::new();
    // listed once: every rule walks them
    let statements: Vec<&iamlint_model::Statement> = policy
        .as_ref()
        .map(|p| p.statements().collect())
        .unwrap_or_default();
    for (i, rule) in RULES.iter().enumerate() {
        if !options.selection.is_enabled(i) {
            continue;
        }
        #[cfg(feature = "rule-timing")]
        let started = std::time::Instant::now();
        let mut ctx = Ctx {
            file: &file,
            meta: rule.meta(),
            out: &mut out,
        };
        rule.check_file(&mut ctx, policy.as_ref(), &statements);
        #[cfg(feature = "rule-timing")]
        timing::add(i, started.elapsed());
    }
    sort_diagnostics(&mut out);
    // the last borrow of the text, which is moved out next
    drop(file);
    Checked {
        text: source.into_owned(),
        policy_type,
        type_source,
        diagnostics: out,
    }
}

/// Time spent in each rule on this thread, for `examples/rule_costs`.
#[cfg(feature = "rule-timing")]
pub mod timing {
    use std::cell::RefCell;
    use std::time::Duration;

    thread_local! {
        static SPENT: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
    }

    pub(crate) fn add(rule: usize, d: Duration) {
        SPENT.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() <= rule {
                s.resize(rule + 1, Duration::ZERO);
            }
            if let Some(x) = s.get_mut(rule) {
                *x += d;
            }
        });
    }

    /// Time per rule (by registry position) since the last call, which resets it.
    pub fn take() -> Vec<Duration> {
        SPENT.with(|s| std::mem::take(&mut *s.borrow_mut()))
    }
}
