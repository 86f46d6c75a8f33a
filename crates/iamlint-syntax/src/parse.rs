//! Parsing that never fails: strict JSON takes the one-pass parser of `strict.rs`; anything
//! else one lenient jsonc-parser pass, then a strictness scan that reports every construct
//! strict JSON forbids, each with its exact span.

use iamlint_diagnostics::{Edit, Fix, Label, TextRange, range};
use jsonc_parser::ast;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::{Token, TokenAndRange};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, ParseStringErrorKind};

use crate::tree::{JsonString, Key, Kind, Member, Value};

/// Inputs larger than this are not parsed (the largest AWS policy quota is 32 KiB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// What kind of problem a [`SyntaxIssue`] is; each kind maps to one lint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// The text is not JSON at all (no tree past this point).
    Syntax,
    /// Accepted by a lenient parser but not strict JSON: comments, trailing or missing commas,
    /// single quotes, unquoted keys, non-JSON numbers, escapes or whitespace, raw control
    /// characters in strings.
    NonStandard,
    /// A key repeated in one object. Both members are kept in the tree.
    DuplicateKey,
}

/// One problem found while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxIssue {
    pub kind: IssueKind,
    pub range: TextRange,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Label>,
    pub fix: Option<Fix>,
}

impl SyntaxIssue {
    fn new(kind: IssueKind, range: TextRange, message: impl Into<String>) -> SyntaxIssue {
        SyntaxIssue {
            kind,
            range,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// The result of parsing: a tree when one could be built, and every issue found.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub root: Option<Value>,
    /// Sorted by position.
    pub issues: Vec<SyntaxIssue>,
}

impl Parsed {
    /// Whether the text is strict JSON (a tree exists and nothing was reported).
    pub fn is_strict_json(&self) -> bool {
        self.root.is_some() && self.issues.is_empty()
    }
}

/// Parses `text` as strict JSON. Never panics; see [`Parsed`].
///
/// A leading UTF-8 byte order mark is skipped (its own rule reports it). Non-standard syntax
/// is reported but still parsed, so the policy rules keep running.
pub fn parse(text: &str) -> Parsed {
    parse_with(text, true)
}

/// [`parse`] without the strict fast path: every text goes through jsonc-parser. The result
/// is the same; tests compare the two.
#[doc(hidden)]
pub fn parse_lenient(text: &str) -> Parsed {
    parse_with(text, false)
}

fn parse_with(text: &str, fast: bool) -> Parsed {
    let mut issues = Vec::new();
    if text.len() > MAX_INPUT_BYTES {
        issues.push(
            SyntaxIssue::new(
                IssueKind::Syntax,
                range(0, 0),
                format!(
                    "file is {} bytes, more than the {} bytes iamlint reads",
                    text.len(),
                    MAX_INPUT_BYTES
                ),
            )
            .with_help("no AWS policy quota exceeds 32 KiB; is this a policy document?"),
        );
        return Parsed { root: None, issues };
    }
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(offset..).unwrap_or("");
    if body.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        issues.push(
            SyntaxIssue::new(IssueKind::Syntax, range(text.len(), text.len()), "file is empty")
                .with_help("a policy is a JSON object such as `{\"Version\": \"2012-10-17\", \"Statement\": []}`"),
        );
        return Parsed { root: None, issues };
    }
    // strict JSON, as nearly every file is, takes one pass that builds the tree directly;
    // anything else takes the lenient parser, whose token list serves the checks for
    // comments, commas and white space
    let strict = if fast {
        crate::strict::parse(body, offset)
    } else {
        None
    };
    let root = match strict {
        Some(root) => Some(root),
        None => lenient(text, offset, &mut issues),
    };
    if let Some(root) = &root {
        find_duplicates(root, &mut issues);
    }
    issues.sort_by_key(|i| (i.range.start(), i.range.end()));
    Parsed { root, issues }
}

/// jsonc-parser's lenient parse, with every construct strict JSON forbids reported. `None`
/// (with an issue saying why) when no tree can be built.
fn lenient(text: &str, offset: usize, issues: &mut Vec<SyntaxIssue>) -> Option<Value> {
    let body = text.get(offset..).unwrap_or("");
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::AsTokens,
        tokens: true,
    };
    let parsed = match jsonc_parser::parse_to_ast(body, &collect, &ParseOptions::default()) {
        Ok(p) => p,
        Err(e) => {
            issues.push(fatal_issue(text, offset, &e));
            return None;
        }
    };
    let mut cx = Convert {
        text,
        offset,
        issues,
    };
    let root = parsed.value.as_ref().map(|v| cx.value(v));
    if let Some(tokens) = &parsed.tokens {
        scan_tokens(text, offset, tokens, issues);
    }
    if root.is_none() {
        issues.push(SyntaxIssue::new(
            IssueKind::Syntax,
            range(text.len(), text.len()),
            "file holds no JSON value",
        ));
    }
    root
}

/// The issue for a parse error, pointing where a reader should look: the end of the file for
/// an unclosed object or array (with its opening bracket labelled), and a string that runs
/// across a line break when one precedes the error (the usual cause of a confusing error).
fn fatal_issue(text: &str, offset: usize, e: &jsonc_parser::errors::ParseError) -> SyntaxIssue {
    let r = e.range();
    let (start, end) = (r.start + offset, r.end + offset);
    let eof = range(text.len(), text.len());
    let mut issue = match e.kind() {
        ParseErrorKind::UnterminatedObject | ParseErrorKind::UnterminatedArray => {
            let what = if matches!(e.kind(), ParseErrorKind::UnterminatedObject) {
                "object"
            } else {
                "array"
            };
            let mut i = SyntaxIssue::new(IssueKind::Syntax, eof, error_message(e.kind()));
            i.related.push(Label::new(
                range(start, start + 1),
                format!("this {what} is never closed"),
            ));
            i
        }
        ParseErrorKind::UnterminatedCommentBlock => {
            let mut i = SyntaxIssue::new(IssueKind::Syntax, eof, error_message(e.kind()));
            i.related.push(Label::new(
                range(start, (start + 2).min(end)),
                "comment opened here",
            ));
            i
        }
        _ => SyntaxIssue::new(
            IssueKind::Syntax,
            range(start, end),
            error_message(e.kind()),
        ),
    };
    if let Some(s) = string_spanning_lines(text.get(..start).unwrap_or("")) {
        issue.related.push(Label::new(
            range(s, s + 1),
            "this string runs across a line break",
        ));
        issue.help = Some(
            "is a closing `\"` missing? JSON strings cannot contain raw line breaks".to_owned(),
        );
    }
    issue
}

/// The start of the first string literal in `text` that contains a raw line break, if any.
fn string_spanning_lines(text: &str) -> Option<usize> {
    let mut in_string: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match in_string {
            Some(start) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = None;
                } else if c == '\n' {
                    return Some(start);
                }
            }
            None if c == '"' => in_string = Some(i),
            None => {}
        }
    }
    None
}

/// Lowercase messages for jsonc-parser's error kinds.
fn error_message(kind: &ParseErrorKind) -> String {
    use ParseErrorKind as K;
    let s = match kind {
        K::BareDecimalPointNumbersNotAllowed => "number has a bare decimal point",
        K::CommentsNotAllowed => "comments are not allowed",
        K::ExpectedColonAfterObjectKey => "expected `:` after the object key",
        K::ExpectedObjectValue => "expected a value after `:`",
        K::ExpectedDigit => "expected a digit",
        K::ExpectedDigitFollowingNegativeSign => "expected a digit after `-`",
        K::ExpectedPlusMinusOrDigitInNumberLiteral => {
            "expected `+`, `-` or a digit in the exponent"
        }
        K::ExpectedStringObjectProperty => "expected a string as the object key",
        K::HexadecimalNumbersNotAllowed => "hexadecimal numbers are not allowed",
        K::ExpectedComma => "expected `,`",
        K::MultipleRootJsonValues => "text after the end of the JSON value",
        K::NonFiniteNumbersNotAllowed => "`Infinity` and `NaN` are not allowed",
        K::SingleQuotedStringsNotAllowed => "single-quoted strings are not allowed",
        K::String(s) => return string_error_message(s),
        K::TrailingCommasNotAllowed => "trailing commas are not allowed",
        K::UnaryPlusNumbersNotAllowed => "unary `+` is not allowed on numbers",
        K::UnexpectedCloseBrace => "unexpected `}`",
        K::UnexpectedCloseBracket => "unexpected `]`",
        K::UnexpectedColon => "unexpected `:`",
        K::UnexpectedComma => "unexpected `,`",
        K::UnexpectedToken => "unexpected token",
        K::UnexpectedTokenInObject => "unexpected token in object; expected a key or `}`",
        K::UnexpectedWord => "unexpected word; strings must be quoted",
        K::UnterminatedArray => "unterminated array: expected `]`",
        K::UnterminatedCommentBlock => "unterminated `/*` comment",
        K::UnterminatedObject => "unterminated object: expected `}`",
        K::NestingDepthExceeded => "nesting is deeper than 512 levels",
    };
    s.to_owned()
}

fn string_error_message(kind: &ParseStringErrorKind) -> String {
    use ParseStringErrorKind as K;
    match kind {
        K::InvalidEscapeInSingleQuoteString
        | K::InvalidEscapeInDoubleQuoteString
        | K::InvalidEscape => "invalid escape in string".to_owned(),
        K::ExpectedFourHexDigits => "expected four hex digits after `\\u`".to_owned(),
        K::ExpectedTwoHexDigits => "expected two hex digits after `\\x`".to_owned(),
        K::InvalidUnicodeEscapeSequence(seq) => format!("`{seq}` is not a valid unicode escape"),
        K::UnterminatedStringLiteral => "unterminated string".to_owned(),
    }
}

struct Convert<'a, 'i> {
    text: &'a str,
    offset: usize,
    issues: &'i mut Vec<SyntaxIssue>,
}

impl Convert<'_, '_> {
    fn r(&self, r: jsonc_parser::common::Range) -> TextRange {
        range(r.start + self.offset, r.end + self.offset)
    }

    fn value(&mut self, v: &ast::Value<'_>) -> Value {
        match v {
            ast::Value::StringLit(s) => {
                let at = self.r(s.range);
                let escaped = self.check_string(at, &s.value);
                Value {
                    range: at,
                    kind: Kind::String(JsonString {
                        value: s.value.to_string(),
                        escaped,
                    }),
                }
            }
            ast::Value::NumberLit(n) => {
                let at = self.r(n.range);
                self.check_number(at, n.value);
                Value {
                    range: at,
                    kind: Kind::Number(n.value.to_owned()),
                }
            }
            ast::Value::BooleanLit(b) => Value {
                range: self.r(b.range),
                kind: Kind::Bool(b.value),
            },
            ast::Value::NullKeyword(n) => Value {
                range: self.r(n.range),
                kind: Kind::Null,
            },
            ast::Value::Array(a) => Value {
                range: self.r(a.range),
                kind: Kind::Array(a.elements.iter().map(|e| self.value(e)).collect()),
            },
            ast::Value::Object(o) => {
                let members = o
                    .properties
                    .iter()
                    .map(|p| {
                        let key = self.key(&p.name);
                        let value = self.value(&p.value);
                        Member { key, value }
                    })
                    .collect();
                Value {
                    range: self.r(o.range),
                    kind: Kind::Object(members),
                }
            }
        }
    }

    fn key(&mut self, name: &ast::ObjectPropName<'_>) -> Key {
        match name {
            ast::ObjectPropName::String(s) => {
                let at = self.r(s.range);
                let escaped = self.check_string(at, &s.value);
                Key {
                    name: crate::tree::key_name(&s.value),
                    range: at,
                    quoted: true,
                    escaped,
                }
            }
            ast::ObjectPropName::Word(w) => {
                let at = self.r(w.range);
                self.issues.push(
                    SyntaxIssue::new(
                        IssueKind::NonStandard,
                        at,
                        format!("object key `{}` is not quoted", w.value),
                    )
                    .with_help("JSON keys are double-quoted strings")
                    .with_fix(Fix::safe(
                        "quote the key",
                        vec![Edit::replace(at, quote_json(w.value))],
                    )),
                );
                Key {
                    name: crate::tree::key_name(w.value),
                    range: at,
                    quoted: false,
                    escaped: false,
                }
            }
        }
    }

    /// Reports single quotes, non-JSON escapes and raw control characters. Returns whether
    /// the literal's source differs from its value.
    fn check_string(&mut self, at: TextRange, value: &str) -> bool {
        let raw = iamlint_diagnostics::slice(self.text, at);
        let requote = || {
            Fix::safe(
                "rewrite as a JSON string",
                vec![Edit::replace(at, quote_json(value))],
            )
        };
        if raw.starts_with('\'') {
            self.issues.push(
                SyntaxIssue::new(
                    IssueKind::NonStandard,
                    at,
                    "single-quoted strings are not JSON",
                )
                .with_help("use double quotes")
                .with_fix(requote()),
            );
        }
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let start = usize::from(at.start()) + 1;
        let mut chars = inner.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\\' {
                let Some(&(_, e)) = chars.peek() else { break };
                chars.next();
                if !matches!(e, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') {
                    let shown = if e == '\n' || e == '\r' {
                        "\\<newline>".to_owned()
                    } else {
                        format!("\\{e}")
                    };
                    self.issues.push(
                        SyntaxIssue::new(
                            IssueKind::NonStandard,
                            range(start + i, start + i + 1 + e.len_utf8()),
                            format!("`{shown}` is not a JSON escape"),
                        )
                        .with_help("JSON allows only `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`")
                        .with_fix(requote()),
                    );
                }
            } else if (c as u32) < 0x20 {
                self.issues.push(
                    SyntaxIssue::new(
                        IssueKind::NonStandard,
                        range(start + i, start + i + 1),
                        format!(
                            "control character U+{:04X} must be escaped inside a string",
                            c as u32
                        ),
                    )
                    .with_fix(requote()),
                );
            }
        }
        raw.get(1..raw.len().saturating_sub(1)) != Some(value)
    }

    fn check_number(&mut self, at: TextRange, text: &str) {
        if is_json_number(text) {
            return;
        }
        let mut issue = SyntaxIssue::new(
            IssueKind::NonStandard,
            at,
            format!("`{text}` is not a JSON number"),
        )
        .with_help("JSON numbers are decimal, without a leading `+` or a bare decimal point");
        if let Some(fixed) = normalise_number(text) {
            issue = issue.with_fix(Fix::safe(
                format!("write `{fixed}`"),
                vec![Edit::replace(at, fixed)],
            ));
        }
        self.issues.push(issue);
    }
}

/// Whether `t` matches the JSON number grammar (RFC 8259 §6).
fn is_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - s
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// A JSON spelling of a JSON5 number, when one exists.
fn normalise_number(t: &str) -> Option<String> {
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let sign = if neg { "-" } else { "" };
    let candidate = if let Some(hex) = rest.strip_prefix("0x").or_else(|| rest.strip_prefix("0X")) {
        format!("{sign}{}", u64::from_str_radix(hex, 16).ok()?)
    } else {
        let mut s = rest.to_owned();
        if s.starts_with('.') {
            s.insert(0, '0');
        }
        if let Some(p) = s.find(['e', 'E']) {
            if s.get(..p).is_some_and(|m| m.ends_with('.')) {
                s.insert(p, '0');
            }
        } else if s.ends_with('.') {
            s.push('0');
        }
        let s = s.trim_start_matches('0');
        let s = if s.is_empty() || s.starts_with('.') || s.starts_with(['e', 'E']) {
            format!("0{s}")
        } else {
            s.to_owned()
        };
        format!("{sign}{s}")
    };
    is_json_number(&candidate).then_some(candidate)
}

/// Reports comments, trailing and missing commas, and non-JSON whitespace between tokens.
fn scan_tokens(
    text: &str,
    offset: usize,
    tokens: &[TokenAndRange<'_>],
    issues: &mut Vec<SyntaxIssue>,
) {
    let at = |r: jsonc_parser::common::Range| range(r.start + offset, r.end + offset);
    // whitespace between tokens
    let mut prev_end = offset;
    for t in tokens
        .iter()
        .map(|t| t.range.start + offset)
        .chain([text.len()])
        .zip(
            tokens
                .iter()
                .map(|t| Some(t.range.end + offset))
                .chain([None]),
        )
    {
        let (start, end) = t;
        if let Some(gap) = text.get(prev_end..start) {
            for (i, c) in gap.char_indices() {
                if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                    let r = range(prev_end + i, prev_end + i + c.len_utf8());
                    issues.push(
                        SyntaxIssue::new(
                            IssueKind::NonStandard,
                            r,
                            format!("character U+{:04X} is not JSON whitespace", c as u32),
                        )
                        .with_help("JSON allows only space, tab, line feed and carriage return between tokens")
                        .with_fix(Fix::safe("replace with a space", vec![Edit::replace(r, " ")])),
                    );
                }
            }
        }
        if let Some(end) = end {
            prev_end = end;
        }
    }
    let significant: Vec<&TokenAndRange<'_>> = tokens
        .iter()
        .filter(|t| !matches!(t.token, Token::CommentLine(_) | Token::CommentBlock(_)))
        .collect();
    for t in tokens {
        if matches!(t.token, Token::CommentLine(_) | Token::CommentBlock(_)) {
            let r = at(t.range);
            issues.push(
                SyntaxIssue::new(IssueKind::NonStandard, r, "comments are not allowed in JSON")
                    .with_help("IAM rejects policy documents with comments; describe statements with `Sid` instead")
                    .with_fix(Fix::safe("remove the comment", vec![Edit::delete(r)])),
            );
        }
    }
    for pair in significant.windows(2) {
        let [a, b] = pair else { continue };
        let closes = matches!(b.token, Token::CloseBrace | Token::CloseBracket);
        if matches!(a.token, Token::Comma) && closes {
            let r = at(a.range);
            issues.push(
                SyntaxIssue::new(IssueKind::NonStandard, r, "trailing comma")
                    .with_help("JSON does not allow a comma after the last element")
                    .with_fix(Fix::safe("remove the comma", vec![Edit::delete(r)])),
            );
        }
        if ends_value(&a.token) && starts_value(&b.token) {
            let r = at(b.range);
            let insert = text_size_at(a.range.end + offset);
            issues.push(
                SyntaxIssue::new(IssueKind::NonStandard, r, "missing `,` before this element")
                    .with_fix(Fix::safe("insert `,`", vec![Edit::insert(insert, ",")])),
            );
        }
    }
}

fn text_size_at(offset: usize) -> iamlint_diagnostics::TextSize {
    range(offset, offset).start()
}

fn ends_value(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::String(_)
            | Token::Number(_)
            | Token::Boolean(_)
            | Token::Null
            | Token::Word(_)
            | Token::CloseBrace
            | Token::CloseBracket
    )
}

fn starts_value(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::String(_)
            | Token::Number(_)
            | Token::Boolean(_)
            | Token::Null
            | Token::Word(_)
            | Token::OpenBrace
            | Token::OpenBracket
    )
}

/// Reports every key that repeats an earlier key of the same object.
fn find_duplicates(root: &Value, issues: &mut Vec<SyntaxIssue>) {
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        match &v.kind {
            Kind::Object(members) => {
                for (i, m) in members.iter().enumerate() {
                    let first = members.iter().take(i).find(|p| p.key.name == m.key.name);
                    if let Some(first) = first {
                        let mut issue = SyntaxIssue::new(
                            IssueKind::DuplicateKey,
                            m.key.range,
                            format!("duplicate key `{}`", m.key.name),
                        )
                        .with_help("keep one; JSON parsers disagree about which copy wins, so a reader and AWS may see different policies");
                        issue
                            .related
                            .push(Label::new(first.key.range, "first defined here"));
                        issues.push(issue);
                    }
                    stack.push(&m.value);
                }
            }
            Kind::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
}

/// `value` as a double-quoted JSON string.
pub fn quote_json(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(IssueKind, String, String)> {
        parse(text)
            .issues
            .into_iter()
            .map(|i| {
                (
                    i.kind,
                    iamlint_diagnostics::slice(text, i.range).to_owned(),
                    i.message,
                )
            })
            .collect()
    }

    #[test]
    fn strict_json_has_no_issues() {
        let p = parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","n":-1.5e3}]}"#);
        assert!(p.is_strict_json(), "{:?}", p.issues);
    }

    #[test]
    fn trailing_comma_is_reported_at_the_comma_and_tree_is_kept() {
        let text = "{\"a\": [1, 2,],\n \"b\": 1,\n}";
        let p = parse(text);
        assert!(p.root.is_some());
        let found = kinds(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(k, s, m)| *k == IssueKind::NonStandard && s == "," && m == "trailing comma")
        );
        assert_eq!(usize::from(p.issues[0].range.start()), 11);
        assert_eq!(usize::from(p.issues[1].range.start()), 22);
    }

    #[test]
    fn every_comment_is_reported() {
        let text = "// a\n{\"a\": /* b */ 1} // c";
        let found = kinds(text);
        let comments: Vec<_> = found.iter().map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(comments, ["// a", "/* b */", "// c"]);
    }

    #[test]
    fn single_quotes_unquoted_keys_numbers_and_missing_commas() {
        let text = "{a: 'x', \"n\": +1 \"h\": 0x1F, \"d\": .5}";
        let found = kinds(text);
        let spans: Vec<_> = found.iter().map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            ["a", "'x'", "+1", "\"h\"", "0x1F", ".5"],
            "{found:?}"
        );
        assert!(found.iter().all(|(k, _, _)| *k == IssueKind::NonStandard));
    }

    #[test]
    fn escapes_and_control_characters() {
        let text = "{\"a\": \"x\\vy\", \"b\": \"t\tb\", \"c\": \"ok\\u0041\\n\"}";
        let found = kinds(text);
        let spans: Vec<_> = found.iter().map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(spans, ["\\v", "\t"], "{found:?}");
    }

    #[test]
    fn non_json_whitespace() {
        let text = "{\"a\":\u{a0}1,\u{0b}\"b\": 2}";
        let found = kinds(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].2.contains("U+00A0"));
        assert!(found[1].2.contains("U+000B"));
    }

    #[test]
    fn duplicate_keys_are_kept_and_reported_at_the_second() {
        let text = r#"{"Effect":"Allow","x":{"k":1,"k":2},"Effect":"Deny"}"#;
        let p = parse(text);
        let obj = p.root.as_ref().unwrap().as_object().unwrap();
        assert_eq!(obj.len(), 3);
        let dups: Vec<_> = p
            .issues
            .iter()
            .filter(|i| i.kind == IssueKind::DuplicateKey)
            .collect();
        assert_eq!(dups.len(), 2);
        assert_eq!(iamlint_diagnostics::slice(text, dups[0].range), "\"k\"");
        assert_eq!(usize::from(dups[0].range.start()), 29);
        assert_eq!(dups[1].related[0].range, obj[0].key.range);
    }

    #[test]
    fn fatal_errors_have_no_tree() {
        for text in ["{", "[1,", "{\"a\" 1}", "\"abc", "{} {}", "nul", "{\"a\":}"] {
            let p = parse(text);
            assert!(p.root.is_none(), "{text}");
            assert_eq!(p.issues.len(), 1, "{text}: {:?}", p.issues);
            assert_eq!(p.issues[0].kind, IssueKind::Syntax);
        }
    }

    #[test]
    fn empty_and_whitespace_and_bom() {
        for text in ["", "  \n", "\u{feff}", "\u{feff} "] {
            let p = parse(text);
            assert!(p.root.is_none());
            assert_eq!(p.issues[0].message, "file is empty");
        }
        let text = "\u{feff}{\"a\": 1,}";
        let p = parse(text);
        let obj = p.root.as_ref().unwrap().as_object().unwrap();
        assert_eq!(iamlint_diagnostics::slice(text, obj[0].key.range), "\"a\"");
        assert_eq!(iamlint_diagnostics::slice(text, p.issues[0].range), ",");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let p = parse(&deep);
        assert!(p.root.is_none());
        assert!(p.issues[0].message.contains("nesting"));
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&ok).is_strict_json());
    }

    #[test]
    fn unclosed_brackets_point_at_the_end_and_label_the_opening() {
        let text = "{\n  \"a\": [1,\n";
        let p = parse(text);
        let i = &p.issues[0];
        assert_eq!(i.range, range(text.len(), text.len()));
        assert_eq!(i.related[0].range, range(9, 10));
        assert_eq!(i.related[0].message, "this array is never closed");
    }

    #[test]
    fn string_across_a_line_break_is_labelled() {
        let text = "{\n  \"Version\": \"2012-10-17,\n  \"Statement\": []\n}";
        let p = parse(text);
        let i = &p.issues[0];
        assert_eq!(i.kind, IssueKind::Syntax);
        assert_eq!(i.related[0].range, range(15, 16));
        assert!(i.help.as_deref().unwrap().contains("closing"));
        // escaped quotes do not end a string early, and closed strings are not blamed
        assert_eq!(string_spanning_lines("\"a\\\"b\" \"c\"\n"), None);
        assert_eq!(string_spanning_lines("\"a\\\"\nb\""), Some(0));
    }

    #[test]
    fn comment_only_file() {
        let p = parse("// nothing here\n");
        assert!(p.root.is_none());
        assert!(p.issues.iter().any(|i| i.kind == IssueKind::Syntax));
    }

    #[test]
    fn number_grammar() {
        for ok in ["0", "-0", "12", "1.5", "1e9", "1E-9", "-0.0e+1"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "+1", "01", ".5", "5.", "0x1", "1e", "-", "Infinity", "NaN", "1.e3",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
        assert_eq!(normalise_number("+1").as_deref(), Some("1"));
        assert_eq!(normalise_number(".5").as_deref(), Some("0.5"));
        assert_eq!(normalise_number("5.").as_deref(), Some("5.0"));
        assert_eq!(normalise_number("0x1F").as_deref(), Some("31"));
        assert_eq!(normalise_number("-0x10").as_deref(), Some("-16"));
        assert_eq!(normalise_number("007").as_deref(), Some("7"));
        assert_eq!(normalise_number("Infinity"), None);
    }

    #[test]
    fn quote_json_round_trips_through_the_parser() {
        for v in ["plain", "q\"uote", "back\\slash", "nl\nx", "\u{1}", "é😀"] {
            let p = parse(&quote_json(v));
            assert!(p.is_strict_json(), "{v:?}");
            assert_eq!(p.root.unwrap().as_str(), Some(v));
        }
    }
}
