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
            // ASCII fast paths: policies are almost always ASCII
            Counting::NonWhitespace if text.is_ascii() => {
                // a branch-free sum in bytes per block of 255, which the compiler vectorises:
                // white space is 9 to 13 and 32 (what `char::is_whitespace` says for ASCII)
                let white: usize = text
                    .as_bytes()
                    .chunks(255)
                    .map(|block| {
                        usize::from(block.iter().fold(0u8, |n, &b| {
                            n.wrapping_add(u8::from((b == b' ') | (b.wrapping_sub(9) < 5)))
                        }))
                    })
                    .sum();
                text.len() - white
            }
            Counting::NonWhitespace => text.chars().filter(|c| !c.is_whitespace()).count(),
            Counting::AllCharacters if text.is_ascii() => text.len(),
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
    // no way of counting exceeds the number of bytes
    if text.len() <= limit {
        return None;
    }
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

#[cfg(test)]
mod ascii_tests {
    use super::Counting;

    #[test]
    fn the_ascii_fast_paths_agree_with_the_general_count() {
        let samples = [
            "",
            " a\tb\nc\r\u{b}\u{c}d  ",
            "{\"Version\": \"2012-10-17\"}",
            "\u{1c}x\u{1f}",
            // longer than one block of the sum, with every block holding white space
            &" a\tb\n".repeat(300),
        ];
        for s in samples {
            let general = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(Counting::NonWhitespace.count(s), general, "{s:?}");
            assert_eq!(Counting::AllCharacters.count(s), s.chars().count());
        }
    }
}
