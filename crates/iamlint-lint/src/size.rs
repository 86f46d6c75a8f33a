//! Policy size as AWS counts it, for the size-limit rules.

use iamlint_diagnostics::Diagnostic;
use iamlint_model::Policy;

use crate::context::Ctx;
use crate::helpers::{first_char, thousands};

/// How a quota counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// IAM quotas: characters, white space not counted.
    NonWhitespace,
    /// AWS Organizations quotas: every character.
    AllCharacters,
    /// Service quotas in bytes (S3 bucket policies, for example).
    Bytes,
}

impl Counting {
    pub fn count(self, text: &str) -> usize {
        match self {
            Counting::NonWhitespace => text.chars().filter(|c| !c.is_whitespace()).count(),
            Counting::AllCharacters => text.chars().count(),
            Counting::Bytes => text.len(),
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Counting::NonWhitespace => "characters without white space",
            Counting::AllCharacters => "characters",
            Counting::Bytes => "bytes",
        }
    }
}

/// Reports when the policy exceeds `limit`; returns the diagnostic so callers can adjust it.
pub fn check_size<'c>(
    ctx: &'c mut Ctx<'_>,
    policy: &Policy,
    counting: Counting,
    limit: usize,
    quota: &str,
) -> Option<&'c mut Diagnostic> {
    let source = ctx.source();
    let text = iamlint_diagnostics::slice(source, policy.range);
    let size = counting.count(text);
    if size <= limit {
        return None;
    }
    let largest = policy
        .statements()
        .map(|s| {
            (
                counting.count(iamlint_diagnostics::slice(source, s.range)),
                s,
            )
        })
        .max_by_key(|(n, _)| *n);
    let d = ctx.report(
        first_char(policy.range),
        format!(
            "policy is {} {}, over the {} limit of {quota}",
            thousands(size),
            counting.unit(),
            thousands(limit)
        ),
    );
    if let Some((n, s)) = largest {
        d.secondary(
            s.range,
            format!(
                "the largest statement, {} {}",
                thousands(n),
                counting.unit()
            ),
        );
    }
    Some(d)
}
