//! The SMT prover: does one policy allow everything another allows (subsumption), are two
//! policies equivalent. Policies are lowered to a formula IR of our own ([`ir`]), which is
//! encoded for Z3 ([`encode`]); every counterexample is replayed through the concrete
//! evaluator (`iamlint-eval`) before it is returned. This is the only crate that links Z3.
//!
//! Scope so far: identity-style policies (no `Principal`), actions in closed-world (over the
//! catalog) or open-world mode, segment-aware resource globs, and conditions of the String,
//! Numeric, Date, Bool, Binary and Null families with `IfExists` and the set qualifiers.
//! Anything else (principals, IP and ARN operators, policy variables, characters outside
//! printable ASCII) makes the answer `unknown`, with the reason, never `holds`.

pub mod cells;
pub mod encode;
pub mod ir;
mod query;

pub use query::{Answer, Mode, Verdict, equivalent, subset};
