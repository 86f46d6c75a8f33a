//! Policy variables inside strings: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`,
//! and the special `${*}`, `${?}` and `${$}`. Offsets are bytes into the string's value.

use std::ops::Range;

/// One piece of a string that may contain variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(Range<usize>),
    Variable(Variable),
    /// A malformed `${...}`; its text is treated literally.
    Error(VarError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// From `$` to `}` inclusive.
    pub range: Range<usize>,
    pub kind: VariableKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableKind {
    /// `${*}`, `${?}` or `${$}`: the literal character.
    Special(char),
    /// A context key, with an optional default value.
    Key {
        name: String,
        name_range: Range<usize>,
        /// The default without its quotes, and the range of the quoted default.
        default: Option<(String, Range<usize>)>,
    },
}

impl Variable {
    /// The context key this variable reads, if any.
    pub fn key(&self) -> Option<&str> {
        match &self.kind {
            VariableKind::Key { name, .. } => Some(name),
            VariableKind::Special(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VarErrorKind {
    /// `${aws:username` with no closing brace.
    MissingBrace,
    /// A default value not wrapped in single quotes.
    MissingQuote,
    /// A space inside the variable name.
    Space,
    /// `${}`.
    Empty,
    /// A character that cannot appear in a context key.
    UnsupportedSymbol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarError {
    pub kind: VarErrorKind,
    /// The whole `${...}` (to the end of the string for a missing brace).
    pub range: Range<usize>,
    /// The offending part.
    pub at: Range<usize>,
}

/// Whether `s` mentions a variable at all (cheap pre-check).
pub fn has_variables(s: &str) -> bool {
    s.contains("${")
}

/// Where the first `${` of `s` starts, by a byte scan (`str::find` prepares a general search
/// first, which costs more than the scan on strings this short).
fn find_open(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b"${")
}

/// Characters allowed in a context key name (tag keys allow `+ - = . _ : / @`).
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '_' | '-' | '.' | '+' | '=' | '@')
}

/// Splits `s` into literals, variables and malformed variables. Linear in the length of `s`:
/// the next `}` is found once and reused until the scan passes it.
pub fn parse(s: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut lit_start = 0;
    let mut i = 0;
    // absolute position of the first `}` at or after `i` (None: there is none left)
    let mut next_close: Option<usize> = s.find('}');
    while let Some(rel) = s.get(i..).and_then(find_open) {
        let start = i + rel;
        if start > lit_start {
            pieces.push(Piece::Literal(lit_start..start));
        }
        let body_start = start + 2;
        if next_close.is_some_and(|c| c < body_start) {
            next_close = s
                .get(body_start..)
                .and_then(|t| t.find('}'))
                .map(|c| body_start + c);
        }
        // a `${` before the `}` means this one is unclosed
        let next_open = s
            .get(body_start..)
            .and_then(find_open)
            .map(|n| body_start + n);
        match next_close {
            Some(c) if next_open.is_none_or(|n| n > c) => {
                let end = c + 1;
                let body = s.get(body_start..c).unwrap_or("");
                pieces.push(parse_body(start, body_start, body, end));
                i = end;
            }
            _ => {
                let end = next_open.unwrap_or(s.len());
                pieces.push(Piece::Error(VarError {
                    kind: VarErrorKind::MissingBrace,
                    range: start..end,
                    at: start..end,
                }));
                i = end;
            }
        }
        lit_start = i;
    }
    if lit_start < s.len() {
        pieces.push(Piece::Literal(lit_start..s.len()));
    }
    pieces
}

fn parse_body(start: usize, body_start: usize, body: &str, end: usize) -> Piece {
    let error = |kind, at: Range<usize>| {
        Piece::Error(VarError {
            kind,
            range: start..end,
            at,
        })
    };
    if body.is_empty() {
        return error(VarErrorKind::Empty, start..end);
    }
    if let [c @ (b'*' | b'?' | b'$')] = body.as_bytes() {
        return Piece::Variable(Variable {
            range: start..end,
            kind: VariableKind::Special(char::from(*c)),
        });
    }
    let (name_part, default_part) = match body.split_once(',') {
        Some((n, d)) => (n, Some((d, body_start + n.len() + 1))),
        None => (body, None),
    };
    // whitespace before the comma is tolerated; anywhere else in the name it is an error
    let name = if default_part.is_some() {
        name_part.trim_end()
    } else {
        name_part
    };
    if name.is_empty() {
        return error(VarErrorKind::Empty, start..end);
    }
    if let Some(p) = name.find(char::is_whitespace) {
        return error(VarErrorKind::Space, body_start + p..body_start + p + 1);
    }
    if let Some((p, c)) = name.char_indices().find(|(_, c)| !is_key_char(*c)) {
        return error(
            VarErrorKind::UnsupportedSymbol,
            body_start + p..body_start + p + c.len_utf8(),
        );
    }
    let default = match default_part {
        None => None,
        Some((d, d_start)) => {
            let lead = d.len() - d.trim_start().len();
            let trimmed = d.trim();
            let at = d_start + lead..d_start + lead + trimmed.len();
            match trimmed
                .strip_prefix('\'')
                .and_then(|t| t.strip_suffix('\''))
            {
                Some(inner) if trimmed.len() >= 2 && !inner.contains('\'') => {
                    Some((inner.to_owned(), at))
                }
                _ => {
                    let at = if at.is_empty() {
                        d_start..d_start + d.len()
                    } else {
                        at
                    };
                    return error(VarErrorKind::MissingQuote, at);
                }
            }
        }
    };
    Piece::Variable(Variable {
        range: start..end,
        kind: VariableKind::Key {
            name: name.to_owned(),
            name_range: body_start..body_start + name.len(),
            default,
        },
    })
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    fn show(s: &str) -> Vec<String> {
        parse(s)
            .into_iter()
            .map(|p| match p {
                Piece::Literal(r) => format!("lit:{}", &s[r]),
                Piece::Variable(v) => match v.kind {
                    VariableKind::Special(c) => format!("special:{c}"),
                    VariableKind::Key {
                        name,
                        name_range,
                        default,
                    } => {
                        assert_eq!(&s[name_range], name);
                        match default {
                            Some((d, r)) => format!("var:{name}={d}@{}", &s[r]),
                            None => format!("var:{name}"),
                        }
                    }
                },
                Piece::Error(e) => format!("err:{:?}:{}:{}", e.kind, &s[e.range], &s[e.at]),
            })
            .collect()
    }

    #[test]
    fn plain_and_special_variables() {
        assert_eq!(
            show("arn:aws:s3:::b/${aws:username}/*"),
            ["lit:arn:aws:s3:::b/", "var:aws:username", "lit:/*"]
        );
        assert_eq!(
            show("${*}${?}${$}"),
            ["special:*", "special:?", "special:$"]
        );
        assert_eq!(show("no vars $ here {}"), ["lit:no vars $ here {}"]);
    }

    #[test]
    fn defaults() {
        assert_eq!(
            show("${aws:PrincipalTag/team, 'default'}"),
            ["var:aws:PrincipalTag/team=default@'default'"]
        );
        assert_eq!(
            show("${aws:username ,'x y'}"),
            ["var:aws:username=x y@'x y'"]
        );
        assert_eq!(show("${k,''}"), ["var:k=@''"]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            show("a${aws:username"),
            ["lit:a", "err:MissingBrace:${aws:username:${aws:username"]
        );
        assert_eq!(show("${a${b}"), ["err:MissingBrace:${a:${a", "var:b"]);
        assert_eq!(show("${}"), ["err:Empty:${}:${}"]);
        assert_eq!(show("${aws: username}"), ["err:Space:${aws: username}: "]);
        assert_eq!(
            show("${aws:username, default}"),
            ["err:MissingQuote:${aws:username, default}:default"]
        );
        assert_eq!(
            show("${aws:username, 'x}"),
            ["err:MissingQuote:${aws:username, 'x}:'x"]
        );
        assert_eq!(
            show("${aws:user#name}"),
            ["err:UnsupportedSymbol:${aws:user#name}:#"]
        );
        assert_eq!(
            show("${aws:username,}"),
            ["err:MissingQuote:${aws:username,}:"]
        );
    }

    #[test]
    fn many_unclosed_variables_are_linear() {
        let s = "${".repeat(200_000);
        let pieces = parse(&s);
        assert_eq!(pieces.len(), 200_000);
        assert!(
            pieces
                .iter()
                .all(|p| matches!(p, Piece::Error(e) if e.kind == VarErrorKind::MissingBrace))
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["${", "$", "${,", "${é,'é'}", "${ü}", "}${}{", "${\u{1F600}"] {
            let _ = parse(s);
        }
    }
}
