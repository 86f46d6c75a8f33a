//! Atomisation of string variables (semantics.md B11): all the tests one query applies to one
//! string variable (globs, exact and case-insensitive equalities) split the strings into a few
//! cells, sets of strings that pass exactly the same tests. The cells are found outside the
//! solver by exploring the product of the tests' automata, each with its shortest witness, and
//! the variable becomes a small integer (its cell) for Z3: no string theory, no regular
//! expressions.
//!
//! Soundness: every string ends in some product state, and the exploration reaches every
//! state, because at each state only the characters that some test spells next behave
//! differently from the rest, and one character that no test spells stands for all the rest.

use std::collections::VecDeque;
use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

/// One test of a string variable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Test {
    /// A glob: `*` any text, `?` one character, the rest literal, case-sensitive.
    Glob(String),
    /// Equal to the text, every character literal.
    Exact(String),
    /// Equal to the text, ignoring ASCII case.
    IgnoreCase(String),
    /// An ARN pattern (`ArnLike`, `ArnEquals`): six colon-separated fields, each a glob; in the
    /// first five a wildcard never spans a colon (`matching.rs`'s `arn_matches`).
    Arn(String),
}

/// The cells of a set of tests: a witness per cell, and for each test the cells it accepts.
#[derive(Debug, Clone)]
pub struct Partition {
    pub tests: Vec<Test>,
    pub witnesses: Vec<String>,
    /// `accepts[t]`: the cells in which test `t` holds, in increasing order.
    pub accepts: Vec<Vec<usize>>,
    /// How many product states the exploration visited.
    pub states: usize,
    /// Each test's position in `tests`.
    index: FxHashMap<Test, usize>,
}

impl Partition {
    /// The cells in which a test holds, if it is one of the partition's tests.
    pub fn cells(&self, test: &Test) -> Option<&[usize]> {
        let i = *self.index.get(test)?;
        self.accepts.get(i).map(Vec::as_slice)
    }
}

#[derive(Debug, Clone)]
enum Token {
    Star,
    Any,
    /// `*` and `?` inside one of the first five fields of an ARN.
    StarNoColon,
    AnyNoColon,
    Lit(Vec<char>),
    /// Matches nothing (an ARN pattern without six fields).
    Never,
}

fn tokens(test: &Test) -> Vec<Token> {
    match test {
        Test::Glob(g) => g
            .chars()
            .map(|c| match c {
                '*' => Token::Star,
                '?' => Token::Any,
                c => Token::Lit(vec![c]),
            })
            .collect(),
        Test::Exact(s) => s.chars().map(|c| Token::Lit(vec![c])).collect(),
        Test::IgnoreCase(s) => s
            .chars()
            .map(|c| {
                let (lo, up) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
                Token::Lit(if lo == up { vec![c] } else { vec![lo, up] })
            })
            .collect(),
        Test::Arn(pattern) if pattern == "*" => vec![Token::Star],
        Test::Arn(pattern) => {
            let fields: Vec<&str> = pattern.splitn(6, ':').collect();
            if fields.len() != 6 {
                return vec![Token::Never];
            }
            let mut out = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(Token::Lit(vec![':']));
                }
                out.extend(field.chars().map(|c| match (c, i < 5) {
                    ('*', true) => Token::StarNoColon,
                    ('?', true) => Token::AnyNoColon,
                    ('*', false) => Token::Star,
                    ('?', false) => Token::Any,
                    (c, _) => Token::Lit(vec![c]),
                }));
            }
            out
        }
    }
}

/// A set of automaton positions, as bits.
type Bits = Vec<u64>;

fn has(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn set(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// One test's automaton: positions `0..=len`, accepting at `len`.
struct Automaton {
    tokens: Vec<Token>,
    words: usize,
}

impl Automaton {
    fn new(test: &Test) -> Automaton {
        let tokens = tokens(test);
        let words = tokens.len() / 64 + 1;
        Automaton { tokens, words }
    }

    /// Adds the positions a `*` may skip to.
    fn close(&self, bits: &mut [u64]) {
        for (i, t) in self.tokens.iter().enumerate() {
            if matches!(t, Token::Star | Token::StarNoColon) && has(bits, i) {
                set(bits, i + 1);
            }
        }
    }

    fn start(&self) -> Bits {
        let mut bits = vec![0; self.words];
        set(&mut bits, 0);
        self.close(&mut bits);
        bits
    }

    /// The positions after reading `c` (`None`: a character no test spells).
    fn step(&self, bits: &[u64], c: Option<char>) -> Bits {
        let mut next = vec![0; self.words];
        for (i, t) in self.tokens.iter().enumerate() {
            if !has(bits, i) {
                continue;
            }
            match t {
                Token::Star => set(&mut next, i),
                Token::Any => set(&mut next, i + 1),
                Token::StarNoColon => {
                    if c != Some(':') {
                        set(&mut next, i);
                    }
                }
                Token::AnyNoColon => {
                    if c != Some(':') {
                        set(&mut next, i + 1);
                    }
                }
                Token::Never => {}
                Token::Lit(cs) => {
                    if c.is_some_and(|c| cs.contains(&c)) {
                        set(&mut next, i + 1);
                    }
                }
            }
        }
        self.close(&mut next);
        next
    }

    fn accepts(&self, bits: &[u64]) -> bool {
        has(bits, self.tokens.len())
    }

    /// The characters this automaton treats apart from the rest, from these positions.
    fn spelled(&self, bits: &[u64], out: &mut Vec<char>) {
        for (i, t) in self.tokens.iter().enumerate() {
            if !has(bits, i) {
                continue;
            }
            match t {
                Token::Lit(cs) => out.extend(cs.iter().copied()),
                Token::StarNoColon | Token::AnyNoColon => out.push(':'),
                _ => {}
            }
        }
    }
}

/// A product state: the positions of each automaton still alive (some position left), by
/// automaton index. Automata that can no longer accept anything are dropped, so that after a
/// few characters (an action's service prefix, say) only the tests that spell them remain.
type State = Vec<(u32, Bits)>;

/// Past this many states, an exploration goes on only while it stays coarse: at most a few
/// cells per test, as for long lists of action patterns (thousands of tests, about as many
/// cells). Patterns with several inner wildcards (`arn:aws:apigateway:*::/restapis/*/models/*`)
/// can split the strings into thousands of cells, on which the solver does worse than on
/// strings.
const SMALL_EXPLORATION: usize = 5_000;

/// Splits the strings whose characters all pass `allowed` into cells by the tests; `None` when
/// the exploration would visit more than `limit` states, or (when `coarse_only`) more than
/// [`SMALL_EXPLORATION`] with more than a few cells per test (the caller then falls back to
/// the solver's string theory).
pub fn partition(
    tests: &[Test],
    allowed: &dyn Fn(char) -> bool,
    limit: usize,
    coarse_only: bool,
) -> Option<Partition> {
    let automata: Vec<Automaton> = tests.iter().map(Automaton::new).collect();
    let max_cells = 4 * (tests.len() + 1) + 64;
    // a character no test spells, to stand for all of them (none if every allowed one is spelled)
    let spelled_anywhere: Vec<char> = automata
        .iter()
        .flat_map(|a| a.tokens.iter())
        .flat_map(|t| match t {
            Token::Lit(cs) => cs.clone(),
            Token::StarNoColon | Token::AnyNoColon => vec![':'],
            _ => Vec::new(),
        })
        .collect();
    let other = "xyzqjkwvub0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZacdefghilmnoprst_-."
        .chars()
        .chain(' '..='~')
        .find(|c| allowed(*c) && !spelled_anywhere.contains(c));
    let start: State = automata
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((u32::try_from(i).ok()?, a.start())))
        .collect();
    let mut seen: FxHashSet<State> = FxHashSet::default();
    // each signature (the tests that accept, by index) and its cell
    let mut signatures: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    let mut witnesses: Vec<String> = Vec::new();
    let mut accepts: Vec<Vec<usize>> = vec![Vec::new(); tests.len()];
    let mut queue: VecDeque<(State, String)> = VecDeque::new();
    seen.insert(start.clone());
    queue.push_back((start, String::new()));
    let automaton = |i: u32| automata.get(i as usize);
    while let Some((state, word)) = queue.pop_front() {
        let signature: Vec<u32> = state
            .iter()
            .filter(|(i, b)| automaton(*i).is_some_and(|a| a.accepts(b)))
            .map(|(i, _)| *i)
            .collect();
        if let Entry::Vacant(e) = signatures.entry(signature) {
            let cell = witnesses.len();
            for t in e.key() {
                if let Some(list) = accepts.get_mut(*t as usize) {
                    list.push(cell);
                }
            }
            e.insert(cell);
            witnesses.push(word.clone());
        }
        let mut chars = Vec::new();
        for (i, b) in &state {
            if let Some(a) = automaton(*i) {
                a.spelled(b, &mut chars);
            }
        }
        chars.sort_unstable();
        chars.dedup();
        chars.retain(|c| allowed(*c));
        let moves = chars
            .into_iter()
            .map(Some)
            .chain(other.map(|_| None))
            .collect::<Vec<_>>();
        for c in moves {
            let next: State = state
                .iter()
                .filter_map(|(i, b)| {
                    let bits = automaton(*i)?.step(b, c);
                    bits.iter().any(|w| *w != 0).then_some((*i, bits))
                })
                .collect();
            if seen.contains(&next) {
                continue;
            }
            if seen.len() >= limit
                || (coarse_only && seen.len() > SMALL_EXPLORATION && witnesses.len() > max_cells)
            {
                return None;
            }
            seen.insert(next.clone());
            let mut w = word.clone();
            w.push(c.or(other).unwrap_or('x'));
            queue.push_back((next, w));
        }
    }
    let index = tests
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i))
        .collect();
    Some(Partition {
        tests: tests.to_vec(),
        witnesses,
        accepts,
        states: seen.len(),
        index,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use super::*;

    fn glob(pattern: &str, text: &str) -> bool {
        iamlint_catalog::glob_match(pattern, text, false)
    }

    #[test]
    fn cells_of_prefix_globs() {
        let tests = vec![
            Test::Glob("b/*".into()),
            Test::Glob("b/private/*".into()),
            Test::Exact("b/x".into()),
        ];
        let p = partition(&tests, &|_| true, 10_000, true).unwrap();
        // outside `b/*`; in `b/*` only; `b/private/*`; exactly `b/x`
        assert_eq!(p.witnesses.len(), 4, "{p:?}");
        for (cell, w) in p.witnesses.iter().enumerate() {
            assert_eq!(glob("b/*", w), p.accepts[0].contains(&cell), "{w}");
            assert_eq!(glob("b/private/*", w), p.accepts[1].contains(&cell), "{w}");
            assert_eq!(w == "b/x", p.accepts[2].contains(&cell), "{w}");
        }
    }

    #[test]
    fn ignore_case_and_forbidden_characters() {
        let tests = vec![Test::IgnoreCase("Ab".into()), Test::Glob("a*".into())];
        let p = partition(&tests, &|c| c != 'A', 10_000, true).unwrap();
        // `ab` and `aB` pass both; `Ab` cannot be spelled; `a` passes the glob only
        for (cell, w) in p.witnesses.iter().enumerate() {
            assert!(!w.contains('A'));
            assert_eq!(w.eq_ignore_ascii_case("ab"), p.accepts[0].contains(&cell));
        }
        assert!(p.accepts[0].iter().all(|c| p.accepts[1].contains(c)));
    }

    #[test]
    fn arn_patterns_keep_wildcards_in_their_field() {
        let tests = vec![
            Test::Arn("arn:aws:s3:*:*:b*".into()),
            Test::Arn("a:b".into()),
        ];
        let p = partition(&tests, &|_| true, 10_000, true).unwrap();
        assert!(
            p.accepts[1].is_empty(),
            "a pattern without six fields matches nothing"
        );
        for (cell, w) in p.witnesses.iter().enumerate() {
            assert_eq!(
                iamlint_eval::arn_matches("arn:aws:s3:*:*:b*", w),
                p.accepts[0].contains(&cell),
                "{w}"
            );
        }
        assert!(!p.accepts[0].is_empty());
    }

    #[test]
    fn a_fine_exploration_is_given_up() {
        // inner wildcards: the cells multiply far beyond a few per test
        let words = [
            "authorizers",
            "deployments",
            "models",
            "routes",
            "stages",
            "resources",
        ];
        let tests: Vec<Test> = ["apis", "restapis", "domainnames", "vpclinks"]
            .iter()
            .flat_map(|root| {
                words.iter().flat_map(move |w| {
                    [
                        Test::Arn(format!("arn:aws:apigateway:*::/{root}/*/{w}/*")),
                        Test::Arn(format!("arn:aws:apigateway:*::/{root}/*/{w}")),
                    ]
                })
            })
            .collect();
        assert!(partition(&tests, &|_| true, 1_000_000, true).is_none());
        // thousands of prefix patterns stay coarse, however many states they take
        let actions: Vec<Test> = (0..3000)
            .map(|i| Test::Glob(format!("svc{}:action{i}*", i % 40)))
            .collect();
        let p = partition(&actions, &|_| true, 1_000_000, true).unwrap();
        assert!(p.states > SMALL_EXPLORATION, "{}", p.states);
        assert!(
            p.witnesses.len() <= 2 * actions.len(),
            "{}",
            p.witnesses.len()
        );
    }

    #[test]
    fn the_limit_is_respected() {
        let tests: Vec<Test> = (0..30).map(|i| Test::Glob(format!("*{i}*{i}*"))).collect();
        assert!(partition(&tests, &|_| true, 50, true).is_none());
    }
}
