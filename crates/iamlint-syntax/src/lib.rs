//! Never-failing JSON parsing for policy documents.
//!
//! [`parse`] returns a spanned tree (when one can be built) and every syntax issue. Strict JSON
//! is the standard: comments, trailing commas, single quotes and the like are reported with
//! exact spans, while a lenient parse keeps the tree so that the policy rules still run.
//! [`decode`] turns raw bytes into text, reporting invalid UTF-8 instead of failing.

mod decode;
mod parse;
mod strict;
mod tree;

pub use decode::{Decoded, decode};
pub use parse::{
    IssueKind, MAX_INPUT_BYTES, Parsed, SyntaxIssue, parse, parse_lenient, quote_json,
};
pub use tree::{JsonString, JsonType, Key, Kind, Member, Value, sub_range};
