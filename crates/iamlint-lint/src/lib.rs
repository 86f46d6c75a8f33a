//! The lint layer: rules, their registry, rule selection and the engine that runs them.
//!
//! [`check_bytes`] is the one entry point for the CLI and the language server: bytes in,
//! sorted diagnostics out. It parses, lowers, picks the policy type and runs every enabled
//! rule once over the document.

mod action_sets;
mod actions;
mod arns;
mod conditions;
mod condkeys;
mod context;
mod engine;
mod helpers;
mod matrix;
mod memo;
mod principals;
mod proved;
mod rule;
mod rules;
mod security;
mod selection;
mod size;
mod values;
mod vars;

pub use context::{Ctx, FileInfo, TypeSource};
#[cfg(feature = "rule-timing")]
pub use engine::timing;
pub use engine::{Checked, Options, check_bytes, check_string, check_text};
pub use rule::{Category, FixAvailability, Rule, RuleMeta, RuleMetadata};
pub use rules::RULES;
pub use selection::{Selection, SelectionError};

/// Finds a rule by code (`IAM111`, any case) or name (`effect-invalid`).
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name
    })
}
