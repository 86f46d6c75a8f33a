//! Whether one statement's requests are all matched by another, read off their text: its
//! actions and resources fall under the other's patterns, the other asks for a subset of its
//! conditions and names the caller no more narrowly. A sufficient condition only (a `false`
//! proves nothing), decided without the solver; queries use it to leave out the statements a
//! new version of a policy keeps or widens, so that the solver sees only what narrowed.

use std::collections::HashSet;

use iamlint_model::variables::{Piece, VariableKind, parse};
use iamlint_model::{Polarity, Statement};

use crate::ir::{Formula, In, Vocabulary};

/// What [`covers`] compares of one statement, worked out once.
pub(crate) struct Shape {
    at: In,
    principal: Formula,
    /// `Action` or `NotAction` patterns in lower case (`None`: neither, or not a list of
    /// strings).
    actions: Option<Side>,
    /// `Resource` or `NotResource` patterns.
    resources: Option<Side>,
    /// The `Condition`'s (operator, key) pairs.
    pairs: Vec<Formula>,
}

impl Shape {
    pub(crate) fn of(v: &Vocabulary, stmt: &Statement, at: In) -> Shape {
        Shape {
            at,
            principal: v.principal(stmt, at),
            actions: Side::of(stmt.actions(), true),
            resources: Side::of(stmt.resources(), false),
            pairs: v.pairs(stmt, at.variables),
        }
    }
}

/// Whether every request `inner` matches, `outer` matches too: both in policies read alike,
/// `outer` names the caller no more narrowly, its actions and resources include `inner`'s,
/// and each condition pair of `outer` is one of `inner`'s.
pub(crate) fn covers(outer: &Shape, inner: &Shape) -> bool {
    let (Some(oa), Some(ia), Some(or), Some(ir)) = (
        &outer.actions,
        &inner.actions,
        &outer.resources,
        &inner.resources,
    ) else {
        return false;
    };
    outer.at == inner.at
        && (outer.principal == Formula::True || outer.principal == inner.principal)
        && oa.includes(ia, &|o, i| glob_includes(&plain(o), &plain(i)))
        && or.includes(ir, &|o, i| arn_includes(o, i, inner.at.variables))
        && outer.pairs.iter().all(|p| inner.pairs.contains(p))
}

/// The patterns of an `Action` or `Resource` element (what it matches), or of a `NotAction`
/// or `NotResource` element (what it does not).
enum Side {
    Only(Patterns),
    Except(Patterns),
}

/// The patterns of one element.
struct Patterns {
    all: HashSet<String>,
    /// Those with `*` or `?`.
    wild: Vec<String>,
}

type Element<'a> = Option<(
    Polarity,
    &'a iamlint_model::Entry<iamlint_model::Typed<iamlint_model::StrList>>,
)>;

impl Side {
    fn of(element: Element<'_>, lower: bool) -> Option<Side> {
        let (polarity, entry) = element?;
        let all: HashSet<String> = entry
            .value
            .ok()?
            .strings()
            .map(|s| {
                if lower {
                    s.value.to_ascii_lowercase()
                } else {
                    s.value.clone()
                }
            })
            .collect();
        let wild = all
            .iter()
            .filter(|p| p.contains(['*', '?']))
            .cloned()
            .collect();
        let patterns = Patterns { all, wild };
        Some(match polarity {
            Polarity::Positive => Side::Only(patterns),
            Polarity::Negative => Side::Except(patterns),
        })
    }

    /// Whether this element matches everything `inner` does: each pattern `inner` matches is
    /// included in one of these; or each pattern this one excludes is included in one that
    /// `inner` excludes; or this one is `*`. (`includes(outer, inner)` is inclusion of
    /// patterns.)
    fn includes(&self, inner: &Side, includes: &dyn Fn(&str, &str) -> bool) -> bool {
        match (self, inner) {
            (Side::Only(outer), Side::Only(inner)) => outer.cover(inner, includes),
            (Side::Except(outer), Side::Except(inner)) => inner.cover(outer, includes),
            (Side::Only(outer), Side::Except(_)) => outer.all.contains("*"),
            (Side::Except(_), Side::Only(_)) => false,
        }
    }
}

impl Patterns {
    /// Each of `inner`'s patterns is one of these, or included in one with wildcards (a
    /// pattern without any includes only itself).
    fn cover(&self, inner: &Patterns, includes: &dyn Fn(&str, &str) -> bool) -> bool {
        inner
            .all
            .iter()
            .all(|p| self.all.contains(p) || self.wild.iter().any(|q| includes(q, p)))
    }
}

/// One piece of a pattern: a character, `?`, `*`, or a policy variable (by its text) that
/// stands for the same unknown string wherever it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Char(char),
    One,
    Any,
    Var(String),
}

/// A glob without variables.
fn plain(pattern: &str) -> Vec<Tok> {
    pattern.chars().map(glob_tok).collect()
}

fn glob_tok(c: char) -> Tok {
    match c {
        '*' => Tok::Any,
        '?' => Tok::One,
        c => Tok::Char(c),
    }
}

/// A resource part as the evaluator reads it: variables (when the policy expands them) are
/// their values, taken literally; `${*}`, `${?}` and `${$}` are those characters; malformed
/// `${…}` text is glob text.
fn with_variables(pattern: &str, variables: bool) -> Vec<Tok> {
    if !variables {
        return plain(pattern);
    }
    let mut out = Vec::new();
    for piece in parse(pattern) {
        match piece {
            Piece::Literal(r) => out.extend(pattern.get(r).unwrap_or("").chars().map(glob_tok)),
            Piece::Error(e) => out.extend(
                pattern
                    .get(e.range.clone())
                    .unwrap_or("")
                    .chars()
                    .map(glob_tok),
            ),
            Piece::Variable(var) => match var.kind {
                VariableKind::Special(c) => out.push(Tok::Char(c)),
                VariableKind::Key { .. } => out.push(Tok::Var(
                    pattern.get(var.range.clone()).unwrap_or("").to_owned(),
                )),
            },
        }
    }
    out
}

/// Whether every ARN the `inner` Resource pattern matches, `outer` matches: `*` covers all;
/// otherwise field by field (the evaluator's `arn_matches`), variables only in the resource
/// part.
fn arn_includes(outer: &str, inner: &str, variables: bool) -> bool {
    if outer == "*" {
        return true;
    }
    if inner == "*" {
        return false;
    }
    let o: Vec<&str> = outer.splitn(6, ':').collect();
    let i: Vec<&str> = inner.splitn(6, ':').collect();
    o.len() == 6
        && i.len() == 6
        && o.iter().zip(&i).enumerate().all(|(n, (of, inf))| {
            if n < 5 {
                glob_includes(&plain(of), &plain(inf))
            } else {
                glob_includes(
                    &with_variables(of, variables),
                    &with_variables(inf, variables),
                )
            }
        })
}

/// Explored states before giving up (the answer is then `false`).
const BUDGET: usize = 20_000;

/// Whether every string `inner` matches, `outer` matches, for every value of the variables. A
/// variable is one opaque letter of `inner`'s words that only the same variable or a `*` of
/// `outer` can take (a `?` cannot: the value may be empty or long); this may miss inclusions
/// that depend on the values, never claims a false one.
///
/// The search runs over pairs of a position in `inner` and the set of positions `outer` can be
/// in after reading the same word, over the letters that matter: each character either
/// pattern names, one character neither names, and `inner`'s variables.
fn glob_includes(outer: &[Tok], inner: &[Tok]) -> bool {
    if outer == inner {
        return true;
    }
    // every word of `inner` starts with its literal head, and must start with `outer`'s
    let head = |p: &[Tok]| p.iter().take_while(|t| matches!(t, Tok::Char(_))).count();
    let (ho, hi) = (head(outer), head(inner));
    if ho > hi || outer.get(..ho) != inner.get(..ho) {
        return false;
    }
    let mut letters: Vec<Tok> = Vec::new();
    for t in outer.iter().chain(inner) {
        if let Tok::Char(_) = t
            && !letters.contains(t)
        {
            letters.push(t.clone());
        }
    }
    // a character neither pattern names (the private use area: no policy text has it)
    letters.push(Tok::Char('\u{F8FF}'));
    let chars = letters.len();
    for t in inner {
        if let Tok::Var(_) = t
            && !letters.contains(t)
        {
            letters.push(t.clone());
        }
    }
    let start = closure(outer, vec![0]);
    let mut seen: HashSet<(usize, Vec<usize>)> = HashSet::new();
    let mut stack: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in skips(inner, 0) {
        stack.push((i, start.clone()));
    }
    while let Some((i, set)) = stack.pop() {
        if seen.contains(&(i, set.clone())) {
            continue;
        }
        if seen.len() >= BUDGET {
            return false;
        }
        if i == inner.len() && !set.contains(&outer.len()) {
            return false;
        }
        let readable: &[Tok] = match inner.get(i) {
            None => &[],
            Some(Tok::Char(_) | Tok::Var(_)) => inner.get(i..=i).unwrap_or(&[]),
            Some(Tok::One | Tok::Any) => letters.get(..chars).unwrap_or(&[]),
        };
        let next_inner: Vec<usize> = match inner.get(i) {
            Some(Tok::Any) => skips(inner, i),
            Some(_) => skips(inner, i + 1),
            None => Vec::new(),
        };
        for letter in readable {
            let moved = step(outer, &set, letter);
            for &n in &next_inner {
                stack.push((n, moved.clone()));
            }
        }
        seen.insert((i, set));
    }
    true
}

/// The positions reachable from `i` in `inner` without reading (past any `*`s; a `*` itself
/// is a position that reads).
fn skips(inner: &[Tok], i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut j = i;
    while let Some(Tok::Any) = inner.get(j) {
        j += 1;
        out.push(j);
    }
    out
}

/// `set` with every position reachable past `*`s added, sorted.
fn closure(outer: &[Tok], mut set: Vec<usize>) -> Vec<usize> {
    let mut k = 0;
    while let Some(&p) = set.get(k) {
        if let Some(Tok::Any) = outer.get(p)
            && !set.contains(&(p + 1))
        {
            set.push(p + 1);
        }
        k += 1;
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// The positions of `outer` after reading `letter` from those in `set`.
fn step(outer: &[Tok], set: &[usize], letter: &Tok) -> Vec<usize> {
    let mut next = Vec::new();
    for &p in set {
        match outer.get(p) {
            Some(Tok::Any) => next.push(p),
            Some(Tok::One) if matches!(letter, Tok::Char(_)) => next.push(p + 1),
            Some(t @ (Tok::Char(_) | Tok::Var(_))) if t == letter => next.push(p + 1),
            _ => {}
        }
    }
    closure(outer, next)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "tests")]

    use super::*;

    fn includes(outer: &str, inner: &str) -> bool {
        glob_includes(&with_variables(outer, true), &with_variables(inner, true))
    }

    #[test]
    fn globs() {
        assert!(includes("a*", "abc"));
        assert!(includes("a*", "a?c*"));
        assert!(includes("*", "x*y?"));
        assert!(includes("a*c", "ab*c"));
        assert!(includes("a?c", "abc"));
        assert!(!includes("a?c", "a*c"));
        assert!(!includes("abc", "a*"));
        assert!(!includes("a*b", "a*"));
        assert!(includes("*a*", "xa*"));
        assert!(!includes("*a*a*", "*a*"));
        assert!(includes("*a*", "*a*a*"));
    }

    #[test]
    fn variables_are_opaque_strings() {
        assert!(includes("log:${t}/*", "log:${t}/output"));
        assert!(includes("log:*", "log:${t}/output"));
        assert!(includes("${t}", "${t}"));
        // the value may be empty or long: a `?` cannot stand for it
        assert!(!includes("log:?/out", "log:${t}/out"));
        // another variable, or literal text, may differ from the value
        assert!(!includes("log:${u}/*", "log:${t}/out"));
        assert!(!includes("log:bob/*", "log:${t}/out"));
        // the characters `${*}` stands for are literal
        assert!(includes("a*", "a${*}"));
        assert!(!includes("a${*}", "a*"));
        assert!(includes("a${*}", "a${*}"));
    }

    /// Every pair of small globs over `a`, `b`, `*`, `?`: inclusion agrees with enumeration
    /// over the words of up to five letters (enough to separate patterns of three tokens).
    #[test]
    fn agrees_with_enumeration() {
        fn words(alphabet: &[char], up_to: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..up_to {
                let next: Vec<String> = last
                    .iter()
                    .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                    .collect();
                out.extend(next.iter().cloned());
                last = next;
            }
            out
        }
        let patterns = words(&['a', 'b', '*', '?'], 3);
        let texts = words(&['a', 'b', 'c'], 5);
        for o in &patterns {
            for i in &patterns {
                let truth = texts.iter().all(|t| {
                    !iamlint_catalog::glob_match(i, t, false)
                        || iamlint_catalog::glob_match(o, t, false)
                });
                assert_eq!(includes(o, i), truth, "{i} ⊆ {o}");
            }
        }
    }

    /// Statements read from a policy's text, with their shapes.
    fn shapes(statements: &str) -> Vec<Shape> {
        let p = crate::testing::policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#
        ));
        let v = Vocabulary::of(&[&p]).expect("encoded");
        let at = In::policy(&p);
        p.statements().map(|s| Shape::of(&v, s, at)).collect()
    }

    #[test]
    fn what_a_not_list_leaves_out() {
        let s = shapes(
            r#"{"Effect":"Deny","NotAction":["s3:Get*"],"Resource":"*"},
               {"Effect":"Deny","NotAction":["s3:GetObject","s3:Get*","s3:List*"],"Resource":"*"},
               {"Effect":"Deny","Action":"*","NotResource":["arn:aws:s3:::b/*"]},
               {"Effect":"Deny","Action":"*","NotResource":["arn:aws:s3:::b/x"]},
               {"Effect":"Deny","Action":["s3:PutObject"],"Resource":"*"},
               {"Effect":"Deny","Action":"*","Resource":"*"}"#,
        );
        // leaving out less matches more
        assert!(covers(&s[0], &s[1]));
        assert!(!covers(&s[1], &s[0]));
        assert!(covers(&s[3], &s[2]));
        assert!(!covers(&s[2], &s[3]));
        // `*` matches whatever a `NotAction` does, a list of actions never does
        assert!(covers(&s[5], &s[0]));
        assert!(covers(&s[5], &s[2]));
        assert!(!covers(&s[4], &s[0]));
        // (a `NotAction` that leaves the listed actions out may match them all, but that is
        // not read off the text)
        assert!(!covers(&s[1], &s[4]));
    }

    #[test]
    fn arns_field_by_field() {
        assert!(arn_includes("arn:aws:s3:::b/*", "arn:aws:s3:::b/k", true));
        assert!(arn_includes(
            "arn:aws:logs:*:*:log-group:*",
            "arn:aws:logs:us-east-1:1:log-group:x",
            true
        ));
        assert!(!arn_includes("arn:aws:s3:::b/*", "*", true));
        assert!(arn_includes("*", "arn:aws:s3:::b", true));
        // a variable before the fifth colon is literal text (split at its own colon, as the
        // evaluator splits it)
        assert!(arn_includes(
            "arn:aws:s3::*:*",
            "arn:aws:s3::${aws:PrincipalAccount}:b",
            true
        ));
        assert!(!arn_includes(
            "arn:aws:s3::*:b",
            "arn:aws:s3::${aws:PrincipalAccount}:b",
            true
        ));
        // under 2008-10-17 a variable is literal text
        assert!(!arn_includes(
            "arn:aws:s3:::${aws:username}",
            "arn:aws:s3:::bob",
            false
        ));
        assert!(arn_includes(
            "arn:aws:s3:::?{aws:username}",
            "arn:aws:s3:::${aws:username}",
            false
        ));
        assert!(!arn_includes(
            "arn:aws:s3:::?{aws:username}",
            "arn:aws:s3:::${aws:username}",
            true
        ));
    }
}
