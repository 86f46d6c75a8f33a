//! The concrete evaluator: given policies and one request, the decision AWS makes (`allow`,
//! `explicit-deny` or `implicit-deny`) and the statements that made it. It is deliberately
//! simple and independent of the SMT encoding, because it is the oracle every prover answer is
//! replayed through.
//!
//! Every rule is checked against the IAM User Guide; the tests name the page they rely on.

mod condition;
mod decision;
mod matching;
mod request;

pub use condition::{condition_holds, epoch_seconds, pair_holds, unresolved_variables};
pub use decision::{
    Decision, Outcome, PolicyInput, StatementRef, decide, policy_allows, statement_applies,
};
pub use matching::{action_matches, arn_matches, glob};
pub use request::{Principal, Request};
