//! The spanned JSON tree: every value, key and string keeps its byte range in the source.

use std::borrow::Cow;

use iamlint_diagnostics::{TextRange, range};

/// A JSON value and the bytes it covers (string ranges include the quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub range: TextRange,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(JsonString),
    Array(Vec<Value>),
    /// Members in source order; duplicate keys are kept.
    Object(Vec<Member>),
}

/// A string literal: its unescaped value, and whether the source spells it differently
/// (escapes), in which case sub-spans need [`sub_range`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonString {
    pub value: String,
    pub escaped: bool,
}

/// `name` as one of the keys the policy grammar defines (elements, principal types), spelled
/// exactly so, or `None`.
pub fn grammar_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "Version" => "Version",
        "Id" => "Id",
        "Statement" => "Statement",
        "Sid" => "Sid",
        "Effect" => "Effect",
        "Principal" => "Principal",
        "NotPrincipal" => "NotPrincipal",
        "Action" => "Action",
        "NotAction" => "NotAction",
        "Resource" => "Resource",
        "NotResource" => "NotResource",
        "Condition" => "Condition",
        "AWS" => "AWS",
        "Service" => "Service",
        "Federated" => "Federated",
        "CanonicalUser" => "CanonicalUser",
        _ => return None,
    })
}

/// A key's name: borrowed when it is one of the grammar's ([`grammar_key`]).
pub fn key_name(name: &str) -> Cow<'static, str> {
    match grammar_key(name) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(name.to_owned()),
    }
}

/// An object member. `key.range` covers the key token (with quotes when quoted).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: Key,
    pub value: Value,
}

impl Member {
    /// From the start of the key to the end of the value.
    pub fn range(&self) -> TextRange {
        self.key.range.cover(self.value.range)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The policy grammar's own keys (`Effect`, `Action`, ...) are borrowed from
    /// [`grammar_key`]: every statement has them, and the model copies them.
    pub name: Cow<'static, str>,
    pub range: TextRange,
    /// False for JSON5-style unquoted keys.
    pub quoted: bool,
    pub escaped: bool,
}

/// The JSON type of a value, for messages such as "expected a string, found an array".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl Value {
    pub fn json_type(&self) -> JsonType {
        match self.kind {
            Kind::Null => JsonType::Null,
            Kind::Bool(_) => JsonType::Bool,
            Kind::Number(_) => JsonType::Number,
            Kind::String(_) => JsonType::String,
            Kind::Array(_) => JsonType::Array,
            Kind::Object(_) => JsonType::Object,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(&s.value),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Array(v) => Some(v),
            _ => None,
        }
    }
}

/// The source range of bytes `start..end` of the *value* of the string literal at `literal`.
/// When the literal uses escapes, the escapes are decoded to find the exact range; when that
/// is impossible, the whole literal is returned. Never panics.
pub fn sub_range(source: &str, literal: TextRange, start: usize, end: usize) -> TextRange {
    let lit_start = usize::from(literal.start());
    let lit_end = usize::from(literal.end());
    let Some(raw) = source.get(lit_start.saturating_add(1)..lit_end.saturating_sub(1)) else {
        return literal;
    };
    let content_start = lit_start + 1;
    if !raw.contains('\\') {
        if start <= end && end <= raw.len() {
            return range(content_start + start, content_start + end);
        }
        return literal;
    }
    let Some(map) = escape_map(raw) else {
        return literal;
    };
    // `map` holds (value offset, raw offset) at every value char boundary, plus the end.
    let find = |v: usize| map.iter().find(|(vo, _)| *vo == v).map(|(_, ro)| *ro);
    match (find(start), find(end)) {
        (Some(s), Some(e)) if s <= e => range(content_start + s, content_start + e),
        _ => literal,
    }
}

/// Pairs of (offset in the decoded value, offset in the raw text) at each decoded char.
fn escape_map(raw: &str) -> Option<Vec<(usize, usize)>> {
    let bytes = raw.as_bytes();
    let mut map = Vec::new();
    let (mut r, mut v) = (0usize, 0usize);
    while r < bytes.len() {
        map.push((v, r));
        let b = *bytes.get(r)?;
        if b != b'\\' {
            let c = raw.get(r..)?.chars().next()?;
            r += c.len_utf8();
            v += c.len_utf8();
            continue;
        }
        let e = *bytes.get(r + 1)?;
        match e {
            b'u' => {
                let hex = |at: usize| {
                    raw.get(at..at + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                let hi = hex(r + 2)?;
                if (0xD800..0xDC00).contains(&hi)
                    && raw.get(r + 6..r + 8) == Some("\\u")
                    && hex(r + 8).is_some_and(|lo| (0xDC00..0xE000).contains(&lo))
                {
                    r += 12;
                    v += 4;
                } else {
                    r += 6;
                    v += char::from_u32(hi).map_or(3, char::len_utf8);
                }
            }
            b'x' => {
                let code = raw
                    .get(r + 2..r + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())?;
                r += 4;
                v += char::from_u32(code).map_or(1, char::len_utf8);
            }
            b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'0' | b'"' | b'\'' | b'\\' | b'/' => {
                r += 2;
                v += 1;
            }
            _ => return None,
        }
    }
    map.push((v, r));
    Some(map)
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    fn sub(source: &str, start: usize, end: usize) -> &str {
        let lit = range(0, source.len());
        let r = sub_range(source, lit, start, end);
        &source[usize::from(r.start())..usize::from(r.end())]
    }

    #[test]
    fn plain_strings_map_directly() {
        assert_eq!(sub(r#""s3:Get*""#, 3, 7), "Get*");
        assert_eq!(sub(r#""""#, 0, 0), "");
    }

    #[test]
    fn escapes_are_decoded() {
        // value: a"b/é${x}
        let src = r#""a\"b\/\u00e9${x}""#;
        assert_eq!(sub(src, 0, 1), "a");
        assert_eq!(sub(src, 1, 2), "\\\"");
        assert_eq!(sub(src, 4, 6), "\\u00e9");
        assert_eq!(sub(src, 6, 10), "${x}");
    }

    #[test]
    fn surrogate_pairs_are_one_char() {
        let src = r#""\ud83d\ude00x""#;
        assert_eq!(sub(src, 4, 5), "x");
        assert_eq!(sub(src, 0, 4), "\\ud83d\\ude00");
    }

    #[test]
    fn out_of_range_or_mid_char_returns_whole_literal() {
        let src = r#""a\u00e9""#;
        assert_eq!(sub(src, 2, 3), src);
        assert_eq!(sub(src, 0, 99), src);
        assert_eq!(sub(r#""abc""#, 2, 9), r#""abc""#);
    }
}
