//! The typed policy model: every element with its byte span, condition operators, policy
//! variables and policy types. No IO; lowering never panics on user input.

mod lower;
pub mod operators;
mod policy;
mod policy_type;
pub mod variables;

pub use lower::{NotAnObject, lower};
pub use policy::*;
pub use policy_type::{PolicyType, detect};
