//! The IR in Z3: request variables, their domains, and each atom as a Z3 term.
//!
//! A string variable is atomised first ([`crate::cells`]): it becomes the index of its cell,
//! an integer, and each test of it the set of cells in which the test holds. Only when that
//! exploration grows too large does the variable fall back to Z3's string theory, where
//! strings range over printable ASCII. That loses almost nothing: the IR's literals are
//! printable ASCII (`Vocabulary::of` refuses the rest), so any other character of a request
//! behaves like a printable character no literal uses, and one always exists. The exception is
//! the Kelvin sign `K` (U+212A) under an `IgnoreCase` operator: the evaluator folds case by
//! Unicode lower case, and the lower case of that sign is `k`. A difference that only that
//! character would show is not found (README, "Proving relations between policies").

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use z3::Model;
use z3::ast::{BV, Bool, Int, Real, Regexp, String as ZString};

use crate::cells::{Partition, Test, partition};
use crate::ir::{Atom, Cmp, Formula, KeyKind, Part, PrincipalType, Template, Vocabulary};

/// How many product states the atomisation of one string variable may explore before the
/// variable falls back to the string theory.
const CELL_LIMIT: usize = 200_000;

/// A string variable: the index of its cell, or (past the atomisation limit) a Z3 string.
pub enum StrVar {
    Cells { index: Int, cells: Rc<Partition> },
    Text(ZString),
}

impl StrVar {
    /// Whether the variable passes a test.
    fn test(&self, test: &Test) -> Bool {
        match self {
            StrVar::Cells { index, cells } => match cells.cells(test) {
                Some(list) => in_ranges(index, list),
                None => Bool::from_bool(false),
            },
            StrVar::Text(text) => match test {
                // a regular expression, even for a glob with one `*` (a start and an end):
                // with many globs on one variable, Z3 finds requests far faster this way
                Test::Glob(g) => text.regex_matches(&glob(g)),
                Test::Exact(v) => text.eq(ZString::from(v.as_str())),
                Test::IgnoreCase(v) => text.regex_matches(&ignoring_case(v)),
                Test::Arn(p) => match arn_regex(p) {
                    Some(re) => text.regex_matches(&re),
                    None => Bool::from_bool(false),
                },
            },
        }
    }

    /// The variable's value in a model: its cell's witness, or the string.
    pub fn value(&self, model: &Model) -> Option<String> {
        match self {
            StrVar::Cells { index, cells } => {
                let i = usize::try_from(model.eval(index, true)?.as_u64()?).ok()?;
                cells.witnesses.get(i).cloned()
            }
            StrVar::Text(text) => model.eval(text, true)?.as_string(),
        }
    }

    /// Declares the variable for these tests, with its domain: characters that pass `allowed`
    /// (in the fallback, the regular expression `fallback`).
    fn declare(
        name: &str,
        tests: Vec<Test>,
        (allowed, (fine, text)): (&dyn Fn(char) -> bool, (bool, bool)),
        fallback: &Regexp,
        domain: &mut Vec<Bool>,
    ) -> StrVar {
        let partition = if text {
            None
        } else {
            partition(&tests, allowed, CELL_LIMIT, !fine)
        };
        match partition {
            Some(cells) => StrVar::Cells {
                index: cell_index(name, &cells, domain),
                cells: Rc::new(cells),
            },
            None => {
                let text = ZString::new_const(name);
                domain.push(text.regex_matches(fallback));
                StrVar::Text(text)
            }
        }
    }

    /// A second variable over the same cells (another value slot of the same key).
    fn sibling(&self, name: &str, domain: &mut Vec<Bool>) -> StrVar {
        match self {
            StrVar::Cells { cells, .. } => StrVar::Cells {
                index: cell_index(name, cells, domain),
                cells: Rc::clone(cells),
            },
            StrVar::Text(_) => {
                let text = ZString::new_const(name);
                domain.push(text.regex_matches(&printable().star()));
                StrVar::Text(text)
            }
        }
    }
}

/// Whether `index` is one of `cells` (increasing), as a disjunction of ranges: the cells a
/// test accepts are mostly consecutive, because the exploration is breadth-first.
fn in_ranges(index: &Int, cells: &[usize]) -> Bool {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &c in cells {
        match ranges.last_mut() {
            Some((_, hi)) if *hi + 1 == c => *hi = c,
            _ => ranges.push((c, c)),
        }
    }
    let terms: Vec<Bool> = ranges
        .into_iter()
        .map(|(lo, hi)| {
            if lo == hi {
                index.eq(Int::from_u64(lo as u64))
            } else {
                Bool::and(&[
                    index.ge(Int::from_u64(lo as u64)),
                    index.le(Int::from_u64(hi as u64)),
                ])
            }
        })
        .collect();
    Bool::or(&terms)
}

/// A cell index variable, ranging over the partition's cells.
fn cell_index(name: &str, cells: &Partition, domain: &mut Vec<Bool>) -> Int {
    let index = Int::new_const(name);
    domain.push(index.ge(Int::from_u64(0)));
    domain.push(index.lt(Int::from_u64(cells.witnesses.len() as u64)));
    index
}

/// The Z3 variables of one value slot of a context key.
pub struct Slot {
    pub used: Bool,
    pub text: StrVar,
    pub is_num: Bool,
    pub num: Real,
    /// IP keys: whether the value is an address, whether IPv6, and its bits (an IPv4 address
    /// in the low 32).
    pub is_ip: Bool,
    pub v6: Bool,
    pub ip: BV,
    /// For keys compared with ARN patterns whose wildcards precede a variable: whether the
    /// value has six fields, and the fields (split at its first five colons, as the evaluator
    /// splits it; defined by the value alone, so one split serves every test).
    pub arn: Option<(Bool, [ZString; 6])>,
}

/// A CIDR as `(is IPv6, network bits, prefix length)`, read as the evaluator reads it (a bare
/// address is a /32 or /128; IPv4 bits are the low 32 of the 128).
pub fn parse_cidr(cidr: &str) -> Option<(bool, u128, u32)> {
    let (net, len) = match cidr.split_once('/') {
        Some((n, l)) => (n, Some(l.parse::<u32>().ok()?)),
        None => (cidr, None),
    };
    match net.trim().parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(n) => {
            let len = len.unwrap_or(32);
            // a /L of IPv4 is a /(96 + L) of the 128 bits
            (len <= 32).then(|| (false, u128::from(u32::from(n)), 96 + len))
        }
        std::net::IpAddr::V6(n) => {
            let len = len.unwrap_or(128);
            (len <= 128).then(|| (true, u128::from(n), len))
        }
    }
}

/// The request variables of one query.
pub struct Request {
    /// The action class (`-1` is the unknown action of open-world mode).
    pub action: Int,
    pub unknown_action: StrVar,
    pub resource_star: Bool,
    /// partition, service, region, account, resource part
    pub fields: [StrVar; 5],
    pub keys: BTreeMap<String, Vec<Slot>>,
    /// The kind of caller (`PrincipalType` as a number), an AWS caller's ARN fields, and the
    /// name of another caller.
    pub caller: Int,
    pub caller_fields: [StrVar; 5],
    pub caller_name: StrVar,
    /// The definitions of the auxiliary strings the encoding introduced ([`Request::between`]),
    /// by name; [`Request::definitions`] hands them to the solver.
    auxiliary: RefCell<BTreeMap<String, Bool>>,
}

impl StrVar {
    fn is_text(&self) -> bool {
        matches!(self, StrVar::Text(_))
    }
}

/// Which string variable a test is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    UnknownAction,
    Field(u8),
    Key(String),
    CallerField(u8),
    CallerName,
}

/// The resource parts of the sessions of a role: `assumed-role/NAME` and
/// `assumed-role/NAME/…` (`Principal::chain` takes the role from the first segment; the name
/// holds no wildcard, `Vocabulary::of` checks).
fn assumes(role: &str) -> [Test; 2] {
    [
        Test::Exact(format!("assumed-role/{role}")),
        Test::Glob(format!("assumed-role/{role}/*")),
    ]
}

/// The variables that policy variables are compared with, or read from: they must be Z3
/// strings.
fn collect_texts(f: &Formula, out: &mut BTreeSet<Subject>) {
    match f {
        Formula::True | Formula::False => {}
        Formula::And(parts) | Formula::Or(parts) => {
            for p in parts {
                collect_texts(p, out);
            }
        }
        Formula::Not(p) => collect_texts(p, out),
        Formula::Atom(Atom::FieldVar(t)) => {
            out.insert(Subject::Field(5));
            out.extend(t.keys().map(|k| Subject::Key(k.to_owned())));
        }
        Formula::Atom(Atom::StrVar(k, _, t, _)) => {
            out.insert(Subject::Key(k.clone()));
            out.extend(t.keys().map(|k| Subject::Key(k.to_owned())));
        }
        Formula::Atom(_) => {}
    }
}

/// The keys compared with ARN patterns whose wildcards precede a variable: their values are
/// split into ARN fields.
fn collect_arn_splits(f: &Formula, out: &mut BTreeSet<String>) {
    match f {
        Formula::And(parts) | Formula::Or(parts) => {
            for p in parts {
                collect_arn_splits(p, out);
            }
        }
        Formula::Not(p) => collect_arn_splits(p, out),
        Formula::Atom(Atom::StrVar(k, _, t, _)) if t.arn && t.head_is_glob() => {
            out.insert(k.clone());
        }
        _ => {}
    }
}

/// The six fields of an ARN held in `value`, as fresh strings, and whether it has six fields.
/// The domain gains their definition: when the value has five colons, it is the fields joined
/// by colons, the first five holding none.
fn split_arn(name: &str, value: &ZString, domain: &mut Vec<Bool>) -> (Bool, [ZString; 6]) {
    let no_colon = alphabet(&[':']).star();
    let field = Regexp::concat(&[no_colon.clone(), Regexp::literal(":")]);
    let six = Regexp::concat(&[
        field.clone(),
        field.clone(),
        field.clone(),
        field.clone(),
        field,
        printable().star(),
    ]);
    let has_six = value.regex_matches(&six);
    let fields = [1, 2, 3, 4, 5, 6].map(|j| ZString::new_const(format!("{name}.arn{j}")));
    let colon = ZString::from(":");
    let mut joined: Vec<ZString> = Vec::new();
    for (j, f) in fields.iter().enumerate() {
        if j > 0 {
            joined.push(colon.clone());
        }
        joined.push(f.clone());
    }
    let mut definition = vec![value.eq(ZString::concat(&joined))];
    definition.extend(fields.iter().take(5).map(|f| f.regex_matches(&no_colon)));
    domain.push(has_six.implies(Bool::and(&definition)));
    (has_six, fields)
}

/// The string tests of a formula, by variable.
fn collect_tests(
    vocabulary: &Vocabulary,
    open_world: bool,
    f: &Formula,
    out: &mut BTreeMap<Subject, Vec<Test>>,
) {
    let mut add = |subject: Subject, test: Test| {
        let list = out.entry(subject).or_default();
        if !list.contains(&test) {
            list.push(test);
        }
    };
    match f {
        Formula::True | Formula::False => {}
        Formula::And(parts) | Formula::Or(parts) => {
            for p in parts {
                collect_tests(vocabulary, open_world, p, out);
            }
        }
        Formula::Not(p) => collect_tests(vocabulary, open_world, p, out),
        Formula::Atom(a) => match a {
            Atom::Action(n) if open_world => {
                if let Some(p) = vocabulary.patterns.get(*n).filter(|p| *p != "*") {
                    add(Subject::UnknownAction, Test::Glob(p.to_ascii_lowercase()));
                }
            }
            Atom::Field(n, g) => add(Subject::Field(*n), Test::Glob(g.clone())),
            Atom::CallerField(n, v) => add(Subject::CallerField(*n), Test::Exact(v.clone())),
            Atom::CallerFieldLike(n, g) => add(Subject::CallerField(*n), Test::Glob(g.clone())),
            Atom::CallerName(v) => add(Subject::CallerName, Test::Exact(v.clone())),
            Atom::CallerAssumes(role) => {
                for t in assumes(role) {
                    add(Subject::CallerField(5), t);
                }
            }
            Atom::StrEq(k, _, v, false) => add(Subject::Key(k.clone()), Test::Exact(v.clone())),
            Atom::StrEq(k, _, v, true) => {
                add(Subject::Key(k.clone()), Test::IgnoreCase(v.clone()));
            }
            Atom::StrLike(k, _, g) => add(Subject::Key(k.clone()), Test::Glob(g.clone())),
            Atom::ArnLike(k, _, p) => add(Subject::Key(k.clone()), Test::Arn(p.clone())),
            _ => {}
        },
    }
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

/// Whether a string matches a glob, inside a template or an ARN split into fields. A glob
/// with one `*` and no `?` is a known start and a known end that do not overlap: next to the
/// concatenations and `str.contains` of templates, Z3 decides that in milliseconds where the
/// regular expression took seconds. Other globs are regular expressions, and so is every glob
/// on a key or field by itself (`StrVar::test`).
fn glob_matches(text: &ZString, pattern: &str) -> Bool {
    match pattern.split_once('*') {
        _ if pattern.contains('?') => text.regex_matches(&glob(pattern)),
        None => text.eq(ZString::from(pattern)),
        Some(("", "")) => Bool::from_bool(true),
        Some((start, end)) if !end.contains('*') => {
            let mut parts = Vec::new();
            if !start.is_empty() {
                parts.push(ZString::from(start).prefix(text));
            }
            if !end.is_empty() {
                parts.push(ZString::from(end).suffix(text));
            }
            if !start.is_empty() && !end.is_empty() {
                let least = (start.len() + end.len()) as u64;
                parts.push(text.length().ge(Int::from_u64(least)));
            }
            Bool::and(&parts)
        }
        Some(_) => text.regex_matches(&glob(pattern)),
    }
}

/// An ARN pattern as a regular expression: each of the first five fields a glob without
/// colons, the resource part a glob over the rest; `None` when it has no six fields.
fn arn_regex(pattern: &str) -> Option<Regexp> {
    if pattern == "*" {
        return Some(Regexp::full());
    }
    let fields: Vec<&str> = pattern.splitn(6, ':').collect();
    if fields.len() != 6 {
        return None;
    }
    let no_colon = alphabet(&[':']);
    let mut parts = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            parts.push(Regexp::literal(":"));
        }
        if i < 5 {
            for c in field.chars() {
                parts.push(match c {
                    '*' => no_colon.clone().star(),
                    '?' => no_colon.clone(),
                    c => Regexp::literal(&c.to_string()),
                });
            }
        } else {
            parts.push(glob(field));
        }
    }
    Some(Regexp::concat(&parts))
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
    /// Declares the variables of a query about these formulas and returns them with their
    /// domain constraints.
    /// The request variables of a query over `formulas`, with their domain. With `fine`, a
    /// string variable is split into cells however finely its tests divide it; without, it
    /// falls back to the string theory when the cells would be many more than its tests.
    pub fn declare(
        vocabulary: &Vocabulary,
        open_world: bool,
        formulas: &[&Formula],
        fine: bool,
    ) -> (Request, Vec<Bool>) {
        let mut tests: BTreeMap<Subject, Vec<Test>> = BTreeMap::new();
        let mut texts: BTreeSet<Subject> = BTreeSet::new();
        let mut arn_splits: BTreeSet<String> = BTreeSet::new();
        for f in formulas {
            collect_tests(vocabulary, open_world, f, &mut tests);
            collect_texts(f, &mut texts);
            collect_arn_splits(f, &mut arn_splits);
        }
        // a variable compared with policy variables is a Z3 string, whatever its other tests
        let fine_or_text = |s: &Subject| (fine, texts.contains(s));
        let mut take = |s: Subject| tests.remove(&s).unwrap_or_default();
        let action = Int::new_const("action");
        let resource_star = Bool::new_const("resource_star");
        let mut domain = Vec::new();
        let classes = i64::try_from(vocabulary.classes.len()).unwrap_or(i64::MAX);
        domain.push(action.lt(Int::from_i64(classes)));
        domain.push(action.ge(Int::from_i64(if open_world { -1 } else { 0 })));
        // the unknown action is compared ignoring case, so it is spelled in lower case
        let upper: Vec<char> = ('A'..='Z').collect();
        let unknown_action = StrVar::declare(
            "unknown_action",
            take(Subject::UnknownAction),
            (&|c| !c.is_ascii_uppercase(), (fine, false)),
            &alphabet(&upper).star(),
            &mut domain,
        );
        let names = ["partition", "service", "region", "account", "resource"];
        let no_colon = alphabet(&[':']).star();
        let any = printable().star();
        let fields = [0u8, 1, 2, 3, 4].map(|i| {
            let name = names.get(usize::from(i)).copied().unwrap_or("field");
            // fields 1 to 4 hold no colon
            let (allowed, fallback): (&dyn Fn(char) -> bool, &Regexp) = if i < 4 {
                (&|c| c != ':', &no_colon)
            } else {
                (&|_| true, &any)
            };
            StrVar::declare(
                name,
                take(Subject::Field(i + 1)),
                (allowed, fine_or_text(&Subject::Field(i + 1))),
                fallback,
                &mut domain,
            )
        });
        let caller = Int::new_const("caller");
        domain.push(caller.ge(Int::from_i64(0)));
        domain.push(caller.le(Int::from_i64(PrincipalType::Anonymous as i64)));
        let caller_fields = [0u8, 1, 2, 3, 4].map(|i| {
            let (allowed, fallback): (&dyn Fn(char) -> bool, &Regexp) = if i < 4 {
                (&|c| c != ':', &no_colon)
            } else {
                (&|_| true, &any)
            };
            StrVar::declare(
                &format!("caller.{}", i + 1),
                take(Subject::CallerField(i + 1)),
                (allowed, (fine, false)),
                fallback,
                &mut domain,
            )
        });
        let caller_name = StrVar::declare(
            "caller.name",
            take(Subject::CallerName),
            (&|_| true, (fine, false)),
            &any,
            &mut domain,
        );
        let mut keys = BTreeMap::new();
        for (name, var) in &vocabulary.keys {
            let first = StrVar::declare(
                &format!("{name}[0].text"),
                take(Subject::Key(name.clone())),
                (&|_| true, fine_or_text(&Subject::Key(name.clone()))),
                &any,
                &mut domain,
            );
            let mut texts = vec![first];
            for i in 1..var.slots {
                let next = texts
                    .first()
                    .map(|t| t.sibling(&format!("{name}[{i}].text"), &mut domain));
                texts.extend(next);
            }
            let slots: Vec<Slot> = texts
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let arn = match &text {
                        StrVar::Text(value) if arn_splits.contains(name) => {
                            Some(split_arn(&format!("{name}[{i}]"), value, &mut domain))
                        }
                        _ => None,
                    };
                    Slot {
                        used: Bool::new_const(format!("{name}[{i}].used")),
                        text,
                        is_num: Bool::new_const(format!("{name}[{i}].is_num")),
                        num: Real::new_const(format!("{name}[{i}].num")),
                        is_ip: Bool::new_const(format!("{name}[{i}].is_ip")),
                        v6: Bool::new_const(format!("{name}[{i}].v6")),
                        ip: BV::new_const(format!("{name}[{i}].ip"), 128),
                        arn,
                    }
                })
                .collect();
            for pair in slots.windows(2) {
                if let [a, b] = pair {
                    // slots fill in order, so "one value" is "slot 1 unused"
                    domain.push(b.used.implies(&a.used));
                }
            }
            for s in &slots {
                if var.kind != KeyKind::Num {
                    domain.push(s.is_num.not());
                }
                if var.kind == KeyKind::Ip {
                    // an IPv4 address has only 32 bits
                    let high = s.ip.extract(127, 32);
                    domain.push(Bool::or(&[s.v6.clone(), high.eq(BV::from_u64(0, 96))]));
                } else {
                    domain.push(s.is_ip.not());
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
                caller,
                caller_fields,
                caller_name,
                auxiliary: RefCell::default(),
            },
            domain,
        )
    }

    /// Whether some string variable fell back to the string theory.
    pub fn uses_strings(&self) -> bool {
        self.unknown_action.is_text()
            || self.fields.iter().any(StrVar::is_text)
            || self.caller_fields.iter().any(StrVar::is_text)
            || self.caller_name.is_text()
            || self.keys.values().flatten().any(|s| s.text.is_text())
    }

    /// The definitions of the auxiliary strings that [`Request::encode`] introduced so far, to
    /// be asserted with the formulas: without them, those strings are unconstrained.
    pub fn definitions(&self) -> Vec<Bool> {
        self.auxiliary.borrow().values().cloned().collect()
    }

    /// The text of `subject` between `before` and `after`, as an auxiliary string `x` defined
    /// by `subject = before ++ x ++ after` whenever `subject` starts with `before` and ends with
    /// `after` without the two overlapping (and free otherwise, where its users do not look
    /// at it). Being a definition, asserted once per query, it is exact under negation too;
    /// Z3 reasons about it far better than about `str.substr` with a symbolic length.
    fn between(&self, subject: &ZString, before: &ZString, after: &ZString) -> ZString {
        let name = format!("between({subject}, {before}, {after})");
        let x = ZString::new_const(name.as_str());
        self.auxiliary.borrow_mut().entry(name).or_insert_with(|| {
            let fits = Bool::and(&[
                before.prefix(subject),
                after.suffix(subject),
                (before.length() + after.length()).le(subject.length()),
            ]);
            let parts = ZString::concat(&[before.clone(), x.clone(), after.clone()]);
            fits.implies(subject.eq(&parts))
        });
        x
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

    /// Whether `subject` equals the template's value (with `glob`, matches it, the rest after
    /// the last variable being a glob), every variable without a default resolved: its key
    /// present with one value (`condition.rs`'s `substitute`). The values are literal text.
    fn template(&self, subject: &ZString, t: &Template, glob: bool) -> Bool {
        let mut resolved: Vec<Bool> = Vec::new();
        let mut pieces: Vec<ZString> = Vec::new();
        // wildcards before the first variable: the value is anchored at its end (the rest is
        // literal), and the head is what precedes the variables
        let head = match t.parts.first() {
            Some(Part::Text(h)) if glob && t.head_is_glob() => Some(h.as_str()),
            _ => None,
        };
        for part in t.parts.iter().skip(usize::from(head.is_some())) {
            match part {
                Part::Text(x) if x.is_empty() => {}
                Part::Text(x) => pieces.push(ZString::from(x.as_str())),
                Part::Special(c) => pieces.push(ZString::from(c.to_string().as_str())),
                Part::Var(k, default) => {
                    let slots = self.keys.get(k);
                    let (Some(first), second) =
                        (slots.and_then(|s| s.first()), slots.and_then(|s| s.get(1)))
                    else {
                        return Bool::from_bool(false);
                    };
                    let StrVar::Text(value) = &first.text else {
                        return Bool::from_bool(false);
                    };
                    let single = match second {
                        Some(second) => Bool::and(&[first.used.clone(), second.used.not()]),
                        None => first.used.clone(),
                    };
                    match default {
                        Some(d) => pieces.push(single.ite(value, &ZString::from(d.as_str()))),
                        None => {
                            resolved.push(single);
                            pieces.push(value.clone());
                        }
                    }
                }
            }
        }
        let wild = glob && t.rest.contains(['*', '?']);
        // the literal text that starts the rest joins the pieces (Z3 then reads the character
        // after a variable off the concatenation, not off a regular expression); `more` is
        // what remains of a glob rest
        let (lead, more) = match t.rest.find(['*', '?']) {
            Some(i) if wild && head.is_none() => t.rest.split_at(i),
            _ if wild => ("", t.rest.as_str()),
            _ => (t.rest.as_str(), ""),
        };
        if !lead.is_empty() {
            pieces.push(ZString::from(lead));
        }
        let prefix = match pieces.as_slice() {
            [] => ZString::from(""),
            [one] => one.clone(),
            many => ZString::concat(many),
        };
        let matches = if let Some(head) = head {
            // the head is `start*end` (`Template::parse` allows no other)
            let (start, end) = head.split_once('*').unwrap_or((head, ""));
            if wild {
                // and the rest `more*last`: between `start` and `last`, which do not overlap,
                // the value holds `end`, the variables and `more`
                let (more, last) = more.split_once('*').unwrap_or((more, ""));
                let middle = ZString::concat(&[ZString::from(end), prefix, ZString::from(more)]);
                if start.is_empty() && last.is_empty() {
                    subject.contains(&middle)
                } else {
                    let start = ZString::from(start);
                    let last = ZString::from(last);
                    let between = self.between(subject, &start, &last);
                    Bool::and(&[
                        start.prefix(subject),
                        last.suffix(subject),
                        (start.length() + last.length()).le(subject.length()),
                        between.contains(&middle),
                    ])
                }
            } else {
                // the value starts with `start` and ends with `end`, the variables and the
                // literal text after them, without the two overlapping
                let start = ZString::from(start);
                let tail = ZString::concat(&[ZString::from(end), prefix]);
                Bool::and(&[
                    start.prefix(subject),
                    tail.suffix(subject),
                    (start.length() + tail.length()).le(subject.length()),
                ])
            }
        } else if more == "*" {
            prefix.prefix(subject)
        } else if wild {
            let rest = self.between(subject, &prefix, &ZString::from(""));
            Bool::and(&[prefix.prefix(subject), glob_matches(&rest, more)])
        } else {
            subject.eq(&prefix)
        };
        resolved.push(matches);
        Bool::and(&resolved)
    }

    /// Whether an ARN, given by its fields, matches an ARN template (or, with no parts, the
    /// pattern in `rest`): the first five fields of its head (the text before the first
    /// variable) as globs (the fields hold no colon), the resource part as a string template.
    fn arn_template(&self, has_six: &Bool, fields: &[ZString; 6], t: &Template) -> Bool {
        // the text before the first variable (all of it, for a pattern without variables)
        let (head, tail) = match t.parts.first() {
            Some(Part::Text(head)) => (head.as_str(), t.parts.get(1..).unwrap_or(&[])),
            None => (t.rest.as_str(), &[][..]),
            // no text before the variable: `Template::parse_arn` refuses it
            Some(Part::Var(..) | Part::Special(_)) => return Bool::from_bool(false),
        };
        let globs: Vec<&str> = head.splitn(6, ':').collect();
        let ([f1, f2, f3, f4, f5, resource_head], [a1, a2, a3, a4, a5, resource]) =
            (globs.as_slice(), fields)
        else {
            return Bool::from_bool(false);
        };
        let mut parts = vec![has_six.clone()];
        for (glob, field) in [(f1, a1), (f2, a2), (f3, a3), (f4, a4), (f5, a5)] {
            match *glob {
                "*" => {}
                g if g.contains(['*', '?']) => parts.push(glob_matches(field, g)),
                g => parts.push(field.eq(ZString::from(g))),
            }
        }
        if t.parts.is_empty() {
            // no variable: the resource part is a glob
            parts.push(glob_matches(resource, resource_head));
            return Bool::and(&parts);
        }
        let mut rest_parts = vec![Part::Text((*resource_head).to_owned())];
        rest_parts.extend(tail.iter().cloned());
        let in_resource = Template {
            parts: rest_parts,
            rest: t.rest.clone(),
            arn: false,
        };
        parts.push(self.template(resource, &in_resource, true));
        Bool::and(&parts)
    }

    /// Whether field `n` (1 to 5) of an AWS caller's ARN passes the test.
    fn caller_field(&self, n: u8, test: &Test) -> Bool {
        self.caller_fields
            .get(usize::from(n).wrapping_sub(1))
            .map_or_else(|| Bool::from_bool(false), |field| field.test(test))
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
                            .test(&Test::Glob(p.to_ascii_lowercase()))
                    };
                    cases.push(Bool::and(&[self.action.eq(Int::from_i64(-1)), matches]));
                }
                Bool::or(&cases)
            }
            Atom::ResourceStar => self.resource_star.clone(),
            // free: the solver may give it either value (see `Atom::Unsupported`)
            Atom::Unsupported(what, _) => Bool::new_const(format!("unsupported {what}")),
            Atom::Field(n, g) => match self.fields.get(usize::from(*n).wrapping_sub(1)) {
                Some(field) => field.test(&Test::Glob(g.clone())),
                None => no(),
            },
            Atom::Used(k, s) => self.slot(k, *s).map_or_else(no, |s| s.used.clone()),
            Atom::StrEq(k, s, v, ignore_case) => self.slot(k, *s).map_or_else(no, |s| {
                s.text.test(&if *ignore_case {
                    Test::IgnoreCase(v.clone())
                } else {
                    Test::Exact(v.clone())
                })
            }),
            Atom::StrLike(k, s, g) => self
                .slot(k, *s)
                .map_or_else(no, |s| s.text.test(&Test::Glob(g.clone()))),
            Atom::ArnLike(k, s, p) => match self.slot(k, *s) {
                // a value split into ARN fields is compared field by field
                Some(Slot {
                    arn: Some((has_six, fields)),
                    ..
                }) if p != "*" => self.arn_template(
                    has_six,
                    fields,
                    &Template {
                        parts: Vec::new(),
                        rest: p.clone(),
                        arn: true,
                    },
                ),
                Some(s) => s.text.test(&Test::Arn(p.clone())),
                None => no(),
            },
            Atom::Caller(k) => self.caller.eq(Int::from_i64(*k as i64)),
            Atom::CallerField(n, v) => self.caller_field(*n, &Test::Exact(v.clone())),
            Atom::CallerFieldLike(n, g) => self.caller_field(*n, &Test::Glob(g.clone())),
            Atom::CallerName(v) => self.caller_name.test(&Test::Exact(v.clone())),
            Atom::CallerAssumes(role) => match self.caller_fields.get(4) {
                Some(field) => Bool::or(
                    &assumes(role)
                        .iter()
                        .map(|t| field.test(t))
                        .collect::<Vec<_>>(),
                ),
                None => no(),
            },
            Atom::FieldVar(t) => match self.fields.get(4) {
                Some(StrVar::Text(part)) => self.template(part, t, true),
                _ => no(),
            },
            // a key whose value is split into ARN fields is compared field by field in every
            // ARN template (Z3 relates a split value to a whole one slowly)
            Atom::StrVar(k, s, t, _)
                if t.arn && self.slot(k, *s).is_some_and(|s| s.arn.is_some()) =>
            {
                match self.slot(k, *s).and_then(|s| s.arn.as_ref()) {
                    Some((has_six, fields)) => self.arn_template(has_six, fields, t),
                    None => no(),
                }
            }
            Atom::StrVar(k, s, t, glob) => match self.slot(k, *s).map(|s| &s.text) {
                Some(StrVar::Text(value)) => self.template(value, t, *glob),
                _ => no(),
            },
            Atom::InCidr(k, s, cidr) => match (self.slot(k, *s), parse_cidr(cidr)) {
                (Some(s), Some((v6, net, len))) => {
                    let mask = if len == 0 {
                        0
                    } else {
                        u128::MAX << (128 - len)
                    };
                    let bv = |x: u128| BV::from_str(128, &x.to_string());
                    match (bv(mask), bv(net & mask)) {
                        (Some(mask), Some(net)) => Bool::and(&[
                            s.is_ip.clone(),
                            s.v6.eq(Bool::from_bool(v6)),
                            s.ip.bvand(&mask).eq(&net),
                        ]),
                        _ => no(),
                    }
                }
                _ => no(),
            },
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
