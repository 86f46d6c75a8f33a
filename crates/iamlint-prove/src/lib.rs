//! The SMT prover: does one policy allow everything another allows (subsumption), are two
//! policies equivalent. Policies are lowered to a formula IR of our own ([`ir`]), which is
//! encoded for Z3 ([`encode`]); every counterexample is replayed through the concrete
//! evaluator (`iamlint-eval`) before it is returned. This is the only crate that links Z3.
//!
//! Scope so far: identity and resource policies (`Principal` and `NotPrincipal`),
//! actions in closed-world (over the catalog) or open-world mode, segment-aware resource
//! globs, conditions of every family (String, Numeric, Date, Bool, Binary, IP, ARN and Null)
//! with `IfExists` and the set qualifiers, and policy variables in resource parts, string
//! conditions and the resource part of ARN conditions. Before the solver, requests read off
//! the policies (`guess.rs`) are tried, each confirmed by the evaluator; `subset` asks one
//! question per Allow of the first policy, with the statements that share a pattern with it,
//! and leaves out those the second policy keeps or widens (`cover.rs`). Anything else
//! (wildcards inside principal names, the rarer uses of policy variables, characters outside
//! printable ASCII) makes the answer `unknown`, with the reason, never `holds`, whenever the
//! answer depends on it.
//!
//! Besides the queries ([`subset`], [`equivalent`], [`not_granted`], [`no_public_access`]):
//! statement-level questions for the lint rules ([`shadowed_allows`], [`redundant_allows`],
//! [`unsatisfiable_conditions`], [`notaction_excluding_nothing`], [`public_through`]) and
//! [`diff`], the families of requests two versions of a policy disagree on.

pub mod cells;
mod cover;
mod diff;
pub mod encode;
mod guess;
pub mod ir;
mod query;
mod statements;

pub use diff::{Diff, Difference, Family, diff};
pub use query::{
    Answer, Mode, Verdict, equivalent, no_public_access, not_granted, public_through, subset,
    subset_by_solver,
};
pub use statements::{
    Covered, Unsatisfiable, notaction_excluding_nothing, redundant_allows, shadowed_allows,
    unsatisfiable_conditions,
};

/// Helpers for the unit tests.
#[cfg(test)]
mod testing {
    #![allow(clippy::expect_used, reason = "tests")]

    /// A policy from JSON text.
    pub(crate) fn policy(text: &str) -> iamlint_model::Policy {
        let parsed = iamlint_syntax::parse(text);
        iamlint_model::lower(parsed.root.as_ref().expect("JSON")).expect("an object")
    }
}
