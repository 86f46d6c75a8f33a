//! The IR in Z3: request variables, their domains, and each atom as a Z3 term.
//!
//! Strings range over printable ASCII. That loses nothing: the IR's literals are printable
//! ASCII (`Vocabulary::of` refuses the rest), so any other character of a request behaves like
//! a printable character no literal uses, and one always exists.

use std::collections::BTreeMap;

use z3::ast::{Bool, Int, Real, Regexp, String as ZString};

use crate::ir::{Atom, Cmp, Formula, KeyKind, Vocabulary};

/// The Z3 variables of one value slot of a context key.
pub struct Slot {
    pub used: Bool,
    pub text: ZString,
    pub is_num: Bool,
    pub num: Real,
}

/// The request variables of one query.
pub struct Request {
    /// The action class (`-1` is the unknown action of open-world mode).
    pub action: Int,
    pub unknown_action: ZString,
    pub resource_star: Bool,
    /// partition, service, region, account, resource part
    pub fields: [ZString; 5],
    pub keys: BTreeMap<String, Vec<Slot>>,
}

/// One character of printable ASCII other than `\\` (which Z3 models would escape) and the
/// `excluded` ones.
pub fn alphabet(excluded: &[char]) -> Regexp {
    let mut runs: Vec<Regexp> = Vec::new();
    let mut start: Option<char> = None;
    let mut prev = ' ';
    for c in ' '..='~' {
        let ok = c != '\\' && !excluded.contains(&c);
        match (ok, start) {
            (true, None) => start = Some(c),
            (false, Some(s)) => {
                runs.push(Regexp::range(&s, &prev));
                start = None;
            }
            _ => {}
        }
        prev = c;
    }
    if let Some(s) = start {
        runs.push(Regexp::range(&s, &'~'));
    }
    Regexp::union(&runs)
}

fn printable() -> Regexp {
    alphabet(&[])
}

/// A glob as a regular expression: `*` any text, `?` one character, the rest literal.
pub fn glob(pattern: &str) -> Regexp {
    let mut parts: Vec<Regexp> = Vec::new();
    let mut literal = String::new();
    let flush = |literal: &mut String, parts: &mut Vec<Regexp>| {
        if !literal.is_empty() {
            parts.push(Regexp::literal(literal));
            literal.clear();
        }
    };
    for c in pattern.chars() {
        match c {
            '*' => {
                flush(&mut literal, &mut parts);
                parts.push(Regexp::full());
            }
            '?' => {
                flush(&mut literal, &mut parts);
                parts.push(printable());
            }
            c => literal.push(c),
        }
    }
    flush(&mut literal, &mut parts);
    match parts.len() {
        0 => Regexp::literal(""),
        1 => parts.pop().unwrap_or_else(|| Regexp::literal("")),
        _ => Regexp::concat(&parts),
    }
}

/// A text compared ignoring ASCII case: each letter becomes `(x|X)`.
fn ignoring_case(text: &str) -> Regexp {
    let parts: Vec<Regexp> = text
        .chars()
        .map(|c| {
            let (lo, up) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
            if lo == up {
                Regexp::literal(&c.to_string())
            } else {
                Regexp::union(&[
                    Regexp::literal(&lo.to_string()),
                    Regexp::literal(&up.to_string()),
                ])
            }
        })
        .collect();
    match parts.len() {
        0 => Regexp::literal(""),
        1 => parts
            .into_iter()
            .next()
            .unwrap_or_else(|| Regexp::literal("")),
        _ => Regexp::concat(&parts),
    }
}

/// An exact decimal (`-1.25`) as a Z3 real (`-125/100`).
fn real(decimal: &str) -> Option<Real> {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", decimal),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || int.is_empty() {
        return None;
    }
    let numerator = format!("{sign}{int}{frac}");
    let denominator = format!("1{}", "0".repeat(frac.len()));
    Real::from_rational_str(&numerator, &denominator)
}

impl Request {
    /// Declares the variables of a query and returns them with their domain constraints.
    pub fn declare(vocabulary: &Vocabulary, open_world: bool) -> (Request, Vec<Bool>) {
        let action = Int::new_const("action");
        let unknown_action = ZString::new_const("unknown_action");
        let resource_star = Bool::new_const("resource_star");
        let names = ["partition", "service", "region", "account", "resource"];
        let fields = names.map(ZString::new_const);
        let mut domain = Vec::new();
        let classes = i64::try_from(vocabulary.classes.len()).unwrap_or(i64::MAX);
        domain.push(action.lt(Int::from_i64(classes)));
        domain.push(action.ge(Int::from_i64(if open_world { -1 } else { 0 })));
        // the unknown action is compared ignoring case, so it is spelled in lower case
        let upper: Vec<char> = ('A'..='Z').collect();
        let lower = alphabet(&upper);
        domain.push(unknown_action.regex_matches(&lower.star()));
        let no_colon = alphabet(&[':']).star();
        for (i, f) in fields.iter().enumerate() {
            let alphabet = if i < 4 {
                no_colon.clone()
            } else {
                printable().star()
            };
            domain.push(f.regex_matches(&alphabet));
        }
        let mut keys = BTreeMap::new();
        for (name, var) in &vocabulary.keys {
            let slots: Vec<Slot> = (0..var.slots)
                .map(|i| Slot {
                    used: Bool::new_const(format!("{name}[{i}].used")),
                    text: ZString::new_const(format!("{name}[{i}].text")),
                    is_num: Bool::new_const(format!("{name}[{i}].is_num")),
                    num: Real::new_const(format!("{name}[{i}].num")),
                })
                .collect();
            for pair in slots.windows(2) {
                if let [a, b] = pair {
                    // slots fill in order, so "one value" is "slot 1 unused"
                    domain.push(b.used.implies(&a.used));
                }
            }
            for s in &slots {
                domain.push(s.text.regex_matches(&printable().star()));
                if var.kind == KeyKind::Str {
                    domain.push(s.is_num.not());
                }
            }
            keys.insert(name.clone(), slots);
        }
        (
            Request {
                action,
                unknown_action,
                resource_star,
                fields,
                keys,
            },
            domain,
        )
    }

    /// A formula as a Z3 term.
    pub fn encode(&self, vocabulary: &Vocabulary, open_world: bool, f: &Formula) -> Bool {
        match f {
            Formula::True => Bool::from_bool(true),
            Formula::False => Bool::from_bool(false),
            Formula::And(parts) => {
                let parts: Vec<Bool> = parts
                    .iter()
                    .map(|p| self.encode(vocabulary, open_world, p))
                    .collect();
                Bool::and(&parts)
            }
            Formula::Or(parts) => {
                let parts: Vec<Bool> = parts
                    .iter()
                    .map(|p| self.encode(vocabulary, open_world, p))
                    .collect();
                Bool::or(&parts)
            }
            Formula::Not(p) => self.encode(vocabulary, open_world, p).not(),
            Formula::Atom(a) => self.atom(vocabulary, open_world, a),
        }
    }

    fn slot(&self, key: &str, slot: usize) -> Option<&Slot> {
        self.keys.get(key).and_then(|s| s.get(slot))
    }

    fn atom(&self, vocabulary: &Vocabulary, open_world: bool, a: &Atom) -> Bool {
        let no = || Bool::from_bool(false);
        match a {
            Atom::Action(n) => {
                let mut cases: Vec<Bool> = vocabulary
                    .classes
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.patterns.contains(n))
                    .map(|(i, _)| {
                        self.action
                            .eq(Int::from_i64(i64::try_from(i).unwrap_or(-2)))
                    })
                    .collect();
                if open_world && let Some(p) = vocabulary.patterns.get(*n) {
                    let matches = if p == "*" {
                        Bool::from_bool(true)
                    } else {
                        self.unknown_action
                            .regex_matches(&glob(&p.to_ascii_lowercase()))
                    };
                    cases.push(Bool::and(&[self.action.eq(Int::from_i64(-1)), matches]));
                }
                Bool::or(&cases)
            }
            Atom::ResourceStar => self.resource_star.clone(),
            Atom::Field(n, g) => match self.fields.get(usize::from(*n).wrapping_sub(1)) {
                Some(field) => field.regex_matches(&glob(g)),
                None => no(),
            },
            Atom::Used(k, s) => self.slot(k, *s).map_or_else(no, |s| s.used.clone()),
            Atom::StrEq(k, s, v, ignore_case) => self.slot(k, *s).map_or_else(no, |s| {
                if *ignore_case {
                    s.text.regex_matches(&ignoring_case(v))
                } else {
                    s.text.eq(ZString::from(v.as_str()))
                }
            }),
            Atom::StrLike(k, s, g) => self
                .slot(k, *s)
                .map_or_else(no, |s| s.text.regex_matches(&glob(g))),
            Atom::IsNum(k, s) => self.slot(k, *s).map_or_else(no, |s| s.is_num.clone()),
            Atom::Num(k, s, cmp, v) => match (self.slot(k, *s), real(v)) {
                (Some(s), Some(v)) => match cmp {
                    Cmp::Lt => s.num.lt(&v),
                    Cmp::Le => s.num.le(&v),
                    Cmp::Eq => s.num.eq(&v),
                    Cmp::Ge => s.num.ge(&v),
                    Cmp::Gt => s.num.gt(&v),
                },
                _ => no(),
            },
        }
    }
}
