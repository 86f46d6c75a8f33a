//! The fast path: one pass that builds the spanned tree straight from text that is strict
//! JSON (RFC 8259), as nearly every policy file is.
//!
//! It accepts only what strict JSON allows, and gives up (`None`) on anything else, including
//! nesting deeper than [`MAX_DEPTH`]: [`crate::parse`] then takes the lenient jsonc-parser
//! path, which reports each problem with its span. On the text it accepts, it builds exactly
//! the tree that path builds (a test compares the two on the managed-policy corpus and on
//! random documents), without jsonc-parser's tree, a second copy of every string or a
//! separate pass to learn whether the text is strict.

use iamlint_diagnostics::range;

use crate::tree::{JsonString, Key, Kind, Member, Value};

/// Deeper documents take the lenient path (which has its own, higher, limit).
pub(crate) const MAX_DEPTH: usize = 128;

/// The tree of `body` (the text after any byte order mark, which is `offset` bytes long), or
/// `None` when `body` is not strict JSON or nests too deeply.
pub(crate) fn parse(body: &str, offset: usize) -> Option<Value> {
    let mut p = Parser {
        text: body,
        bytes: body.as_bytes(),
        at: 0,
        offset,
    };
    let root = p.value(0)?;
    p.skip_space();
    (p.at == p.bytes.len()).then_some(root)
}

/// Whether none of the eight bytes of `w` is a quote, a backslash or a control character
/// (below 0x20): the bytes a string's run of plain characters ends at. Each test is the
/// "has a zero byte" trick, exact as a yes or no.
fn plain_word(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (has_zero(w ^ (ONES * u64::from(b'"'))) | has_zero(w ^ (ONES * u64::from(b'\\'))) | below_space)
        == 0
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    offset: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The eight bytes from `at`, as a little-endian word (`None` near the end).
    fn word_at(&self, at: usize) -> Option<u64> {
        let chunk = self.bytes.get(at..at + 8)?;
        Some(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?))
    }

    fn skip_space(&mut self) {
        // indentation comes in runs of spaces: eight at a time
        while self.word_at(self.at) == Some(u64::from_ne_bytes([b' '; 8])) {
            self.at += 8;
        }
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_space();
        let start = self.at;
        let kind = match self.peek()? {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => {
                let (value, escaped) = self.string()?;
                Kind::String(JsonString { value, escaped })
            }
            b't' => self.word("true", Kind::Bool(true))?,
            b'f' => self.word("false", Kind::Bool(false))?,
            b'n' => self.word("null", Kind::Null)?,
            b'-' | b'0'..=b'9' => Kind::Number(self.number()?),
            _ => return None,
        };
        Some(Value {
            range: range(start + self.offset, self.at + self.offset),
            kind,
        })
    }

    fn object(&mut self, depth: usize) -> Option<Kind> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.eat(b'}') {
            return Some(Kind::Object(members));
        }
        loop {
            self.skip_space();
            let start = self.at;
            if self.peek() != Some(b'"') {
                return None;
            }
            let (name, escaped) = self.key_name()?;
            let key = Key {
                name,
                range: range(start + self.offset, self.at + self.offset),
                quoted: true,
                escaped,
            };
            self.skip_space();
            if !self.eat(b':') {
                return None;
            }
            let value = self.value(depth + 1)?;
            members.push(Member { key, value });
            self.skip_space();
            if self.eat(b',') {
                continue;
            }
            return self.eat(b'}').then_some(Kind::Object(members));
        }
    }

    fn array(&mut self, depth: usize) -> Option<Kind> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']') {
            return Some(Kind::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            if self.eat(b',') {
                continue;
            }
            return self.eat(b']').then_some(Kind::Array(items));
        }
    }

    fn word(&mut self, word: &str, kind: Kind) -> Option<Kind> {
        let end = self.at.checked_add(word.len())?;
        if self.bytes.get(self.at..end)? != word.as_bytes() {
            return None;
        }
        self.at = end;
        Some(kind)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as written.
    fn number(&mut self) -> Option<String> {
        let start = self.at;
        self.eat(b'-');
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.eat(b'.') && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        self.text.get(start..self.at).map(str::to_owned)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// A string literal starting at the opening quote: its value, and whether it used escapes.
    fn string(&mut self) -> Option<(String, bool)> {
        self.at += 1;
        let start = self.at;
        // the common case: no escape, so the value is the text between the quotes; eight
        // bytes at a time while none of them ends the run
        while self.word_at(self.at).is_some_and(plain_word) {
            self.at += 8;
        }
        loop {
            match self.peek()? {
                b'"' => {
                    let value = self.text.get(start..self.at)?.to_owned();
                    self.at += 1;
                    return Some((value, false));
                }
                b'\\' => break,
                0..0x20 => return None,
                _ => self.at += 1,
            }
        }
        let mut value = self.text.get(start..self.at)?.to_owned();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            value.push_str(self.text.get(run..self.at)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some((value, true));
                }
                b'\\' => {
                    self.at += 1;
                    let c = self.escape()?;
                    value.push(c);
                }
                _ => return None,
            }
        }
    }

    /// A key: a string, borrowed from the grammar's keys when it is one of them (no copy).
    fn key_name(&mut self) -> Option<(std::borrow::Cow<'static, str>, bool)> {
        let start = self.at + 1;
        let mut end = start;
        while let Some(&b) = self.bytes.get(end) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            end += 1;
        }
        if self.bytes.get(end) == Some(&b'"')
            && let Some(k) = self.text.get(start..end).and_then(crate::tree::grammar_key)
        {
            self.at = end + 1;
            return Some((std::borrow::Cow::Borrowed(k), false));
        }
        let (name, escaped) = self.string()?;
        Some((std::borrow::Cow::Owned(name), escaped))
    }

    /// The character of the escape after a backslash; `None` for an escape strict JSON
    /// lacks and for a lone surrogate.
    fn escape(&mut self) -> Option<char> {
        let e = self.peek()?;
        self.at += 1;
        Some(match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                match hi {
                    0xD800..0xDC00 => {
                        if !(self.eat(b'\\') && self.eat(b'u')) {
                            return None;
                        }
                        let lo = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                    }
                    _ => char::from_u32(hi)?,
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = self.bytes.get(self.at..end)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let code = u32::from_str_radix(self.text.get(self.at..end)?, 16).ok()?;
        self.at = end;
        Some(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain_bytes(w: u64) -> bool {
        w.to_le_bytes()
            .iter()
            .all(|&b| b != b'"' && b != b'\\' && b >= 0x20)
    }

    /// Every byte value in every position of a word otherwise plain, and with a second special
    /// byte before or after it.
    #[test]
    fn plain_word_is_the_byte_test_for_each_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for other in [b'a', b'"', 0x1f, 0xff, 0x20] {
                    for other_at in 0..8 {
                        let mut bytes = [b'a'; 8];
                        bytes[other_at] = other;
                        bytes[at] = b;
                        let w = u64::from_le_bytes(bytes);
                        assert_eq!(plain_word(w), plain_bytes(w), "{bytes:?}");
                    }
                }
            }
        }
    }

    /// The grammar's keys are borrowed, spelled exactly; any other key (or an escaped one) is
    /// read as written.
    #[test]
    fn grammar_keys_are_borrowed() {
        let text =
            r#"{"Effect": 1, "effect": 2, "Eff\u0065ct": 3, "aws:SourceIp": 4, "Action": 5}"#;
        let Some(Value {
            kind: Kind::Object(members),
            ..
        }) = parse(text, 0)
        else {
            panic!("not an object");
        };
        let keys: Vec<(&str, bool)> = members
            .iter()
            .map(|m| {
                (
                    &*m.key.name,
                    matches!(m.key.name, std::borrow::Cow::Borrowed(_)),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("Effect", true),
                ("effect", false),
                ("Effect", false),
                ("aws:SourceIp", false),
                ("Action", true)
            ]
        );
        assert!(members.get(2).is_some_and(|m| m.key.escaped));
    }

    proptest! {
        #[test]
        fn plain_word_is_the_byte_test(bytes in proptest::array::uniform8(prop_oneof![
            Just(b'"'),
            Just(b'\\'),
            0u8..0x20,
            0x20u8..=0xff,
        ])) {
            let w = u64::from_le_bytes(bytes);
            prop_assert_eq!(plain_word(w), plain_bytes(w));
        }
    }
}
