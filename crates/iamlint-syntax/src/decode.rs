//! Bytes to text. Invalid UTF-8 becomes U+FFFD and is reported, so the rest still runs.

use std::borrow::Cow;

use iamlint_diagnostics::{TextRange, range};

/// Text decoded from bytes. Ranges refer to `text`, where each invalid sequence has become one
/// U+FFFD (three bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The U+FFFD characters that replaced invalid byte sequences, in order.
    pub invalid: Vec<TextRange>,
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            invalid: Vec::new(),
        },
        Err(_) => {
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut invalid = Vec::new();
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    let at = text.len();
                    text.push('\u{fffd}');
                    invalid.push(range(at, at + 3));
                }
            }
            Decoded {
                text: Cow::Owned(text),
                invalid,
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed() {
        let d = decode("é".as_bytes());
        assert!(matches!(d.text, Cow::Borrowed("é")));
        assert!(d.invalid.is_empty());
    }

    #[test]
    fn invalid_sequences_become_replacement_chars() {
        let d = decode(b"{\"a\xff\": \"\xc3\"}\xe2\x82");
        assert_eq!(d.text, "{\"a\u{fffd}\": \"\u{fffd}\"}\u{fffd}");
        assert_eq!(d.invalid, vec![range(3, 6), range(10, 13), range(15, 18)]);
        for r in &d.invalid {
            assert_eq!(iamlint_diagnostics::slice(&d.text, *r), "\u{fffd}");
        }
    }
}
