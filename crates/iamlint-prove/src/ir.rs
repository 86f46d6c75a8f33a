//! The formula IR: what a policy allows, as a boolean formula over the variables of one
//! request. It is independent of Z3 (so it can be unit-tested and snapshotted) and mirrors the
//! evaluator's semantics case by case; the comments name the evaluator function each part
//! follows.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use iamlint_model::operators::{Family, Operator, SetQualifier};
use iamlint_model::{
    ConditionKey, ConditionOperator, Effect, Policy, Principal as PrincipalElement, PrincipalKind,
    Statement,
};

/// A boolean formula over the request variables.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    True,
    False,
    And(Vec<Formula>),
    Or(Vec<Formula>),
    Not(Box<Formula>),
    Atom(Atom),
}

/// How a numeric condition compares the request value with the policy's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

/// An indivisible fact about the request.
#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    /// The action matches action pattern number `n` of the [`Vocabulary`].
    Action(usize),
    /// The request's resource is `*` (an action that takes no resource).
    ResourceStar,
    /// Field `n` of the resource ARN (1 partition, 2 service, 3 region, 4 account, 5 the
    /// resource part) matches the glob. The request's resource is then an ARN.
    Field(u8, String),
    /// Value slot `slot` of a context key is in use (the key is present when slot 0 is).
    Used(String, usize),
    /// The slot's value equals the text (ignoring ASCII case when asked).
    StrEq(String, usize, String, bool),
    /// The slot's value matches the glob (`*`, `?`), case-sensitively.
    StrLike(String, usize, String),
    /// The slot's value is a number (numeric and date keys).
    IsNum(String, usize),
    /// The slot's number compares with the policy's, given as an exact decimal.
    Num(String, usize, Cmp, String),
    /// The slot's value matches the ARN pattern (`ArnLike`, `ArnEquals`).
    ArnLike(String, usize, String),
    /// The slot's value is an IP address in the CIDR (`IpAddress`).
    InCidr(String, usize, String),
    /// The resource part of the ARN (field 5) matches a pattern with policy variables.
    FieldVar(Template),
    /// The caller is of this kind ([`PrincipalType`]).
    Caller(PrincipalType),
    /// Field `n` of an AWS caller's ARN (1 partition, 2 service, 3 region, 4 account, 5 the
    /// resource part) equals the text.
    CallerField(u8, String),
    /// Field `n` of an AWS caller's ARN matches the glob.
    CallerFieldLike(u8, String),
    /// An AWS caller is a session of the role named (`arn:…:sts::…:assumed-role/NAME/…`).
    CallerAssumes(String),
    /// A service, federated or canonical-user caller has this name.
    CallerName(String),
    /// The slot's value equals (`false`) or matches as a glob (`true`) a value with policy
    /// variables.
    StrVar(String, usize, Template, bool),
    /// A test that is not encoded (a value with policy variables of a shape the encoding does
    /// not take), named by what it compares and why it is not encoded. The solver may give it
    /// either value, so a query that needs it is decided only when the answer holds whatever
    /// its value, or when the request the solver finds replays through the evaluator.
    Unsupported(String, Unsupported),
}

/// The kinds of caller (`iamlint_eval::Principal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    Aws = 0,
    Service = 1,
    Federated = 2,
    CanonicalUser = 3,
    Anonymous = 4,
}

/// What a statement's formula depends on besides the statement: whether its policy expands
/// policy variables, and whether it is a resource policy (a statement without `Principal`
/// then applies to no one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct In {
    pub variables: bool,
    pub resource_policy: bool,
}

impl In {
    pub fn policy(policy: &Policy) -> In {
        In {
            variables: policy.expands_variables(),
            resource_policy: policy.statements().any(Statement::has_principal_element),
        }
    }
}

/// A value with policy variables: literal text and variables, then the rest of the value,
/// which is a glob in a `Like` comparison. In a glob, one `*` may also come before the first
/// variable when the variables are followed by literal text and at most one `*`
/// (`*/${aws:username}`, `*-registry-${aws:RequestedRegion}-*`); other wildcards before a
/// variable are not encoded. A variable whose key is absent or
/// has several values, and no default, leaves the value unresolved: it then matches nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<Part>,
    /// After the last variable (a glob in `Like` comparisons, else literal text).
    pub rest: String,
    /// An ARN pattern (`ArnLike`, `ArnEquals`): every variable lies in the resource part, after
    /// the fifth colon, and the wildcards of the first five fields match no colon.
    pub arn: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    /// A context key (lower case), and the default value if the variable gives one.
    Var(String, Option<String>),
    /// `${*}`, `${?}` or `${$}`: the character itself, compared literally.
    Special(char),
}

impl Template {
    /// The template of a value with variables; `Err` when it holds what is not encoded:
    /// malformed variables, wildcards before a variable in a glob (but for one `*` before the
    /// first, with literal text and at most one `*` after the variables), a default with
    /// wildcards in a glob.
    pub fn parse(value: &str, glob: bool) -> Result<Template, Unsupported> {
        Template::parse_as(value, glob, false)
    }

    /// The template of an ARN pattern with variables (`ArnLike`, `ArnEquals`); `Err` also when
    /// a variable comes before the resource part.
    pub fn parse_arn(value: &str) -> Result<Template, Unsupported> {
        Template::parse_as(value, true, true)
    }

    fn parse_as(value: &str, glob: bool, arn: bool) -> Result<Template, Unsupported> {
        use iamlint_model::variables::{Piece, VariableKind, parse};
        let refuse = || format!("the policy variables in `{value}` are not encoded yet");
        let wild = |t: &str| glob && t.contains(['*', '?']);
        let mut parts = Vec::new();
        let mut text = String::new();
        for piece in parse(value) {
            match piece {
                Piece::Literal(r) => text.push_str(value.get(r).unwrap_or("")),
                Piece::Error(_) => return Err(refuse()),
                Piece::Variable(v) => {
                    let (part, default) = match v.kind {
                        // `${*}`, `${?}`, `${$}`: the character itself, never a wildcard
                        VariableKind::Special(c) => (Part::Special(c), None),
                        VariableKind::Key { name, default, .. } => {
                            let default = default.map(|(d, _)| d);
                            (
                                Part::Var(name.to_ascii_lowercase(), default.clone()),
                                default,
                            )
                        }
                    };
                    // wildcards before the first variable only
                    let head = parts.is_empty();
                    if (!head && wild(&text)) || default.as_deref().is_some_and(wild) {
                        return Err(refuse());
                    }
                    if head && arn && text.matches(':').count() < 5 {
                        return Err(format!(
                            "the policy variable in `{value}` comes before the resource part, which is not encoded yet"
                        ));
                    }
                    parts.push(Part::Text(std::mem::take(&mut text)));
                    parts.push(part);
                }
            }
        }
        let template = Template {
            parts,
            rest: text,
            arn,
        };
        // before the first variable, one `*` between literal text (`home/*/${aws:username}`):
        // the value then starts and ends with known text, which Z3 decides quickly. After the
        // variables, one more `*` may follow (`*/${sagemaker:DomainId}/*`): the variables and
        // the text around them then lie somewhere between a known start and a known end, a
        // `str.contains`. Several wildcards on either side make it slow, and are not encoded.
        // In an ARN pattern this applies to the resource part of the head; the first five
        // fields are split off the value and may hold any wildcards
        if template.head_is_glob() {
            let head = match template.parts.first() {
                Some(Part::Text(h)) if arn => h.splitn(6, ':').nth(5).unwrap_or(""),
                Some(Part::Text(h)) => h.as_str(),
                _ => "",
            };
            let one_star = |t: &str| t.matches('*').count() == 1 && !t.contains('?');
            let wild_head = head.contains(['*', '?']);
            if wild_head && (!one_star(head) || (wild(&template.rest) && !one_star(&template.rest)))
            {
                return Err(refuse());
            }
        }
        Ok(template)
    }

    /// Whether the text before the first variable holds wildcards (a glob template is then
    /// anchored at its end).
    pub fn head_is_glob(&self) -> bool {
        matches!(self.parts.first(), Some(Part::Text(h)) if h.contains(['*', '?']))
    }

    /// The keys the template reads.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(k, _) => Some(k.as_str()),
            Part::Text(_) | Part::Special(_) => None,
        })
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}template\"", if self.arn { "arn " } else { "" })?;
        for p in &self.parts {
            match p {
                Part::Text(t) => write!(f, "{t}")?,
                Part::Var(k, None) => write!(f, "${{{k}}}")?,
                Part::Var(k, Some(d)) => write!(f, "${{{k}, '{d}'}}")?,
                Part::Special(c) => write!(f, "${{{c}}}")?,
            }
        }
        write!(f, "{}\"", self.rest)
    }
}

/// Every value of a `Principal` element.
pub(crate) fn principal_values(element: &PrincipalElement) -> Vec<&str> {
    match element {
        PrincipalElement::String(s) => vec![s.value.as_str()],
        PrincipalElement::Map { entries, .. } => entries
            .iter()
            .filter_map(|e| e.values.ok())
            .flat_map(|l| l.strings().map(|s| s.value.as_str()))
            .collect(),
    }
}

/// Whether a `Principal` element names the caller (`decision.rs`'s `names`).
fn caller_named(element: &PrincipalElement) -> Formula {
    let entries = match element {
        PrincipalElement::String(s) => {
            return if s.value == "*" {
                Formula::True
            } else {
                Formula::False
            };
        }
        PrincipalElement::Map { entries, .. } => entries,
    };
    let is = |k: PrincipalType| Formula::atom(Atom::Caller(k));
    let mut any = Vec::new();
    for entry in entries {
        for v in entry.values.ok().into_iter().flat_map(|l| l.strings()) {
            let v = v.value.as_str();
            any.push(match entry.kind {
                // `{"AWS": "*"}` is everyone, whatever the kind of caller
                Some(PrincipalKind::Aws) if v == "*" => Formula::True,
                Some(PrincipalKind::Aws) => {
                    Formula::and(vec![is(PrincipalType::Aws), aws_named(v)])
                }
                Some(PrincipalKind::Service) => Formula::and(vec![
                    is(PrincipalType::Service),
                    Formula::atom(Atom::CallerName(v.to_owned())),
                ]),
                Some(PrincipalKind::Federated) => Formula::and(vec![
                    is(PrincipalType::Federated),
                    Formula::atom(Atom::CallerName(v.to_owned())),
                ]),
                Some(PrincipalKind::CanonicalUser) => Formula::and(vec![
                    is(PrincipalType::CanonicalUser),
                    Formula::atom(Atom::CallerName(v.to_owned())),
                ]),
                None => Formula::False,
            });
        }
    }
    Formula::or(any)
}

/// Whether a `NotPrincipal` element spares the caller (`decision.rs`'s `principal_match`):
/// an AWS caller when every level of its chain is listed (its account's root, the role of a
/// session, its own ARN when it is not the root), another caller when the element names it.
fn caller_spared(element: &PrincipalElement) -> Formula {
    let values: Vec<&str> = match element {
        PrincipalElement::String(s) => vec![s.value.as_str()],
        PrincipalElement::Map { entries, .. } => entries
            .iter()
            .filter(|e| e.kind == Some(PrincipalKind::Aws))
            .filter_map(|e| e.values.ok())
            .flat_map(|l| l.strings().map(|s| s.value.as_str()))
            .collect(),
    };
    let field = |n: u8, text: &str| Formula::atom(Atom::CallerField(n, text.to_owned()));
    let like = |n: u8, glob: String| Formula::atom(Atom::CallerFieldLike(n, glob));
    let twelve = |a: &str| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
    let whole_account = |v: &str| -> Option<String> {
        if twelve(v) {
            return Some(v.to_owned());
        }
        let a = v.strip_suffix(":root")?.rsplit(':').next()?;
        twelve(a).then(|| a.to_owned())
    };
    let arn_fields = |v: &str| -> Option<[String; 5]> {
        let parts: Vec<&str> = v.splitn(6, ':').collect();
        let [arn, p, s, r, a, res] = parts.as_slice() else {
            return None;
        };
        (*arn == "arn" && ![p, s, r, a].iter().any(|f| f.contains(':')))
            .then(|| [p, s, r, a, res].map(|f| (*f).to_owned()))
    };
    // the levels, each listed by some value
    let mut root = Vec::new();
    let mut role = Vec::new();
    let mut own = Vec::new();
    for v in &values {
        if *v == "*" {
            root.push(Formula::True);
            role.push(Formula::True);
            own.push(Formula::True);
            continue;
        }
        if let Some(a) = whole_account(v) {
            // the root level `arn:P:iam::A:root` has the account `A`
            root.push(field(4, &a));
            // the caller's own ARN, when it ends with `:A:root` (or is `…:A:root` itself)
            own.push(Formula::or(vec![
                Formula::and(vec![field(5, "root"), field(4, &a)]),
                field(5, &format!("{a}:root")),
                like(5, format!("*:{a}:root")),
            ]));
        }
        let Some([p, s, r, a, res]) = arn_fields(v) else {
            continue;
        };
        if s == "iam" && r.is_empty() && res == "root" {
            root.push(Formula::and(vec![field(1, &p), field(4, &a)]));
        }
        if s == "iam"
            && r.is_empty()
            && let Some(name) = res.strip_prefix("role/").filter(|n| !n.contains('/'))
        {
            role.push(Formula::and(vec![
                field(1, &p),
                field(4, &a),
                Formula::atom(Atom::CallerAssumes(name.to_owned())),
            ]));
        }
        own.push(Formula::and(vec![
            field(1, &p),
            field(2, &s),
            field(3, &r),
            field(4, &a),
            field(5, &res),
        ]));
    }
    let session = Formula::and(vec![field(2, "sts"), like(5, "assumed-role/*".to_owned())]);
    let is_root = Formula::and(vec![field(2, "iam"), field(3, ""), field(5, "root")]);
    let aws_spared = Formula::and(vec![
        Formula::or(root),
        Formula::or(vec![Formula::not(session), Formula::or(role)]),
        Formula::or(vec![is_root, Formula::or(own)]),
    ]);
    let aws = Formula::atom(Atom::Caller(PrincipalType::Aws));
    Formula::or(vec![
        Formula::and(vec![aws.clone(), aws_spared]),
        Formula::and(vec![Formula::not(aws), caller_named(element)]),
    ])
}

/// Whether an AWS principal value names an AWS caller: a whole account (a 12-digit id or its
/// `root` ARN) names every caller of the account; any other value names the caller whose
/// chain holds it (the account's root, the role of a session, the caller's own ARN).
fn aws_named(v: &str) -> Formula {
    let field = |n: u8, text: &str| Formula::atom(Atom::CallerField(n, text.to_owned()));
    let twelve = |a: &str| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
    if twelve(v) {
        return field(4, v);
    }
    if let Some(account) = v
        .strip_suffix(":root")
        .and_then(|rest| rest.rsplit(':').next())
        .filter(|a| twelve(a))
    {
        return field(4, account);
    }
    let parts: Vec<&str> = v.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        // the prover's AWS callers are ARNs of six fields: none has this in its chain
        return Formula::False;
    };
    if *arn != "arn"
        || [partition, service, region, account]
            .iter()
            .any(|f| f.contains(':'))
    {
        return Formula::False;
    }
    let mut ways = Vec::new();
    // the caller's own ARN
    ways.push(Formula::and(vec![
        field(1, partition),
        field(2, service),
        field(3, region),
        field(4, account),
        field(5, resource),
    ]));
    // the root of the caller's account: `arn:P:iam::A:root`
    if *service == "iam" && region.is_empty() && *resource == "root" {
        ways.push(Formula::and(vec![field(1, partition), field(4, account)]));
    }
    // the role of a session: `arn:P:iam::A:role/R` for `arn:P:sts::A:assumed-role/R/…`
    if *service == "iam"
        && region.is_empty()
        && let Some(role) = resource.strip_prefix("role/").filter(|r| !r.contains('/'))
    {
        ways.push(Formula::and(vec![
            field(1, partition),
            field(2, "sts"),
            field(4, account),
            Formula::atom(Atom::CallerAssumes(role.to_owned())),
        ]));
    }
    Formula::or(ways)
}

/// Where the evaluator substitutes variables in a `Resource` pattern: after its fifth colon
/// (`decision.rs`'s `matches_resources`). Before it, `${…}` is literal text; a pattern with
/// fewer than five colons matches no ARN, and has no tail.
fn resource_tail(pattern: &str) -> &str {
    pattern
        .match_indices(':')
        .nth(4)
        .and_then(|(i, _)| pattern.get(i + 1..))
        .unwrap_or("")
}

impl Formula {
    pub fn and(mut parts: Vec<Formula>) -> Formula {
        parts.retain(|p| *p != Formula::True);
        if parts.contains(&Formula::False) {
            return Formula::False;
        }
        match parts.len() {
            0 => Formula::True,
            1 => parts.pop().unwrap_or(Formula::True),
            _ => Formula::And(parts),
        }
    }

    /// Why the first [`Atom::Unsupported`] in the formula is not encoded.
    pub fn unsupported(&self) -> Option<&str> {
        match self {
            Formula::True | Formula::False => None,
            Formula::And(parts) | Formula::Or(parts) => parts.iter().find_map(Formula::unsupported),
            Formula::Not(p) => p.unsupported(),
            Formula::Atom(Atom::Unsupported(_, why)) => Some(why),
            Formula::Atom(_) => None,
        }
    }

    pub fn or(mut parts: Vec<Formula>) -> Formula {
        parts.retain(|p| *p != Formula::False);
        if parts.contains(&Formula::True) {
            return Formula::True;
        }
        match parts.len() {
            0 => Formula::False,
            1 => parts.pop().unwrap_or(Formula::False),
            _ => Formula::Or(parts),
        }
    }

    #[allow(
        clippy::should_implement_trait,
        reason = "a constructor, like `and` and `or`"
    )]
    pub fn not(f: Formula) -> Formula {
        match f {
            Formula::True => Formula::False,
            Formula::False => Formula::True,
            Formula::Not(inner) => *inner,
            other => Formula::Not(Box::new(other)),
        }
    }

    pub(crate) fn atom(a: Atom) -> Formula {
        Formula::Atom(a)
    }

    /// Every atom of the formula, in order.
    pub fn atoms(&self) -> Vec<&Atom> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(f) = stack.pop() {
            match f {
                Formula::True | Formula::False => {}
                Formula::And(p) | Formula::Or(p) => stack.extend(p.iter().rev()),
                Formula::Not(p) => stack.push(p),
                Formula::Atom(a) => out.push(a),
            }
        }
        out
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, op: &str, parts: &[Formula]) -> fmt::Result {
            write!(f, "({op}")?;
            for p in parts {
                write!(f, " {p}")?;
            }
            write!(f, ")")
        }
        match self {
            Formula::True => write!(f, "true"),
            Formula::False => write!(f, "false"),
            Formula::And(p) => list(f, "and", p),
            Formula::Or(p) => list(f, "or", p),
            Formula::Not(p) => write!(f, "(not {p})"),
            Formula::Atom(a) => match a {
                Atom::Action(n) => write!(f, "action#{n}"),
                Atom::ResourceStar => write!(f, "resource=*"),
                Atom::Field(n, g) => write!(f, "arn.{n}~{g:?}"),
                Atom::Used(k, s) => write!(f, "used({k}[{s}])"),
                Atom::StrEq(k, s, v, ic) => {
                    write!(f, "{k}[{s}]{}{v:?}", if *ic { "=i" } else { "=" })
                }
                Atom::StrLike(k, s, g) => write!(f, "{k}[{s}]~{g:?}"),
                Atom::IsNum(k, s) => write!(f, "num?({k}[{s}])"),
                Atom::ArnLike(k, s, p) => write!(f, "{k}[{s}]~arn{p:?}"),
                Atom::InCidr(k, s, c) => write!(f, "{k}[{s}] in {c}"),
                Atom::FieldVar(t) => write!(f, "arn.5~{t}"),
                Atom::Caller(k) => write!(f, "caller:{k:?}"),
                Atom::CallerField(n, v) => write!(f, "caller.{n}={v:?}"),
                Atom::CallerFieldLike(n, g) => write!(f, "caller.{n}~{g:?}"),
                Atom::CallerAssumes(r) => write!(f, "caller assumes {r:?}"),
                Atom::CallerName(v) => write!(f, "caller={v:?}"),
                Atom::StrVar(k, s, t, glob) => {
                    write!(f, "{k}[{s}]{}{t}", if *glob { "~" } else { "=" })
                }
                Atom::Unsupported(what, _) => write!(f, "unsupported({what})"),
                Atom::Num(k, s, c, v) => {
                    let op = match c {
                        Cmp::Lt => "<",
                        Cmp::Le => "<=",
                        Cmp::Eq => "==",
                        Cmp::Ge => ">=",
                        Cmp::Gt => ">",
                    };
                    write!(f, "{k}[{s}] {op} {v}")
                }
            },
        }
    }
}

/// How a context key's values are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Strings (String, Bool and Binary operators).
    Str,
    /// Numbers (Numeric or Date operators; a date is its epoch seconds).
    Num,
    /// IP addresses (IP operators).
    Ip,
}

/// One context key of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyVar {
    pub kind: KeyKind,
    /// How many value slots the key needs (semantics.md B4: one per set-qualified condition on
    /// it, plus one; plus one for a second value, see `Vocabulary::of`).
    pub slots: usize,
}

/// An action class in closed-world mode: every catalog action matched by exactly the same
/// patterns behaves the same, so one representative stands for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionClass {
    pub representative: String,
    pub patterns: BTreeSet<usize>,
}

/// Everything the policies of one query mention: action patterns and their classes, and the
/// context keys with their kinds.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub patterns: Vec<String>,
    pub classes: Vec<ActionClass>,
    pub keys: BTreeMap<String, KeyVar>,
    /// Every literal character of the policies' strings (for readable counterexamples).
    pub chars: BTreeSet<char>,
    /// Whether some statement has a `Principal` (the caller then matters).
    pub principals: bool,
    /// Why the tests in [`Atom::Unsupported`] atoms are not encoded ([`Vocabulary::tolerant`]).
    pub unsupported: Vec<Unsupported>,
}

/// A policy's statements with their formulas ([`Vocabulary::parts`]); a query may leave out
/// the ones that cannot change its answer.
#[derive(Debug, Clone)]
pub struct Parts<'p> {
    /// How the policy reads its statements.
    pub at: In,
    pub allow: Vec<(&'p Statement, Formula)>,
    pub deny: Vec<(&'p Statement, Formula)>,
}

impl Parts<'_> {
    /// Some Allow applies and no Deny does.
    pub fn allows(&self) -> Formula {
        let formulas =
            |list: &[(&Statement, Formula)]| list.iter().map(|(_, f)| f.clone()).collect();
        Formula::and(vec![
            Formula::or(formulas(&self.allow)),
            Formula::not(Formula::or(formulas(&self.deny))),
        ])
    }
}

/// Why a policy cannot be encoded exactly (the query's answer is then `unknown`).
pub type Unsupported = String;

fn statements(policy: &Policy) -> impl Iterator<Item = &Statement> {
    policy.statements().filter(|s| s.effect().is_some())
}

fn action_patterns(stmt: &Statement) -> Vec<&str> {
    stmt.actions()
        .and_then(|(_, e)| e.value.ok())
        .into_iter()
        .flat_map(|l| l.strings().map(|s| s.value.as_str()))
        .collect()
}

fn resource_patterns(stmt: &Statement) -> Vec<&str> {
    stmt.resource_strings().map(|s| s.value.as_str()).collect()
}

/// Checks that a literal can go to Z3 verbatim: printable ASCII without a backslash (Z3's
/// string literals treat `\` as an escape).
fn literal_ok(s: &str, chars: &mut BTreeSet<char>) -> Result<(), Unsupported> {
    if let Some(c) = s.chars().find(|c| !(' '..='~').contains(c) || *c == '\\') {
        return Err(format!(
            "the character {c:?} in `{s}` is not encoded (only printable ASCII without `\\` is)"
        ));
    }
    chars.extend(s.chars().filter(|c| *c != '*' && *c != '?'));
    Ok(())
}

impl Vocabulary {
    /// Collects the vocabulary of the policies; `Err` when something in them is not encoded.
    pub fn of(policies: &[&Policy]) -> Result<Vocabulary, Unsupported> {
        let v = Self::tolerant(policies)?;
        match v.unsupported.first() {
            Some(why) => Err(why.clone()),
            None => Ok(v),
        }
    }

    /// Like [`Vocabulary::of`], but values with policy variables of a shape that is not
    /// encoded become [`Atom::Unsupported`] tests, listed in `unsupported`; other things not
    /// encoded are still `Err`.
    pub fn tolerant(policies: &[&Policy]) -> Result<Vocabulary, Unsupported> {
        Self::over(policies.iter().flat_map(|policy| {
            let variables = policy.expands_variables();
            statements(policy).map(move |stmt| (stmt, variables))
        }))
    }

    /// The vocabulary of some statements of the policies (as [`Vocabulary::tolerant`]): a
    /// query about them alone needs no more, and fewer patterns and value slots make it
    /// smaller. Their formulas must then be made again with it ([`Vocabulary::restated`]).
    pub fn of_parts(parts: &[&Parts<'_>]) -> Result<Vocabulary, Unsupported> {
        Self::over(parts.iter().flat_map(|p| {
            let variables = p.at.variables;
            p.allow
                .iter()
                .chain(&p.deny)
                .map(move |(stmt, _)| (*stmt, variables))
        }))
    }

    /// The same statements with their formulas made with this vocabulary.
    pub fn restated<'p>(&self, parts: &Parts<'p>) -> Parts<'p> {
        let again = |list: &[(&'p Statement, Formula)]| {
            list.iter()
                .map(|(stmt, _)| (*stmt, self.statement(stmt, parts.at)))
                .collect()
        };
        Parts {
            at: parts.at,
            allow: again(&parts.allow),
            deny: again(&parts.deny),
        }
    }

    /// Collects the vocabulary of statements, each with whether its policy expands variables.
    fn over<'s>(
        statements: impl Iterator<Item = (&'s Statement, bool)>,
    ) -> Result<Vocabulary, Unsupported> {
        let mut v = Vocabulary::default();
        let mut set_uses: BTreeMap<String, usize> = BTreeMap::new();
        let mut families: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
        let mut variable_keys: BTreeSet<String> = BTreeSet::new();
        for (stmt, variables) in statements {
            let element = stmt
                .principal
                .as_ref()
                .or(stmt.not_principal.as_ref())
                .and_then(|e| e.value.ok());
            if let Some(element) = element {
                v.principals = true;
                for value in principal_values(element) {
                    literal_ok(value, &mut v.chars)?;
                    // AWS compares principals literally; a name with `*` or `?` is rare
                    // and not encoded
                    if value != "*" && value.contains(['*', '?']) {
                        return Err(format!(
                            "the wildcard inside the principal `{value}` is not encoded yet"
                        ));
                    }
                }
            }
            for p in action_patterns(stmt) {
                literal_ok(p, &mut v.chars)?;
                if !v.patterns.iter().any(|q| q == p) {
                    v.patterns.push(p.to_owned());
                }
            }
            for r in resource_patterns(stmt) {
                literal_ok(r, &mut v.chars)?;
                let tail = resource_tail(r);
                if variables && tail.contains("${") {
                    match Template::parse(tail, true) {
                        Ok(t) => variable_keys.extend(t.keys().map(str::to_owned)),
                        Err(why) => v.unsupported.push(why),
                    }
                }
            }
            let Some(condition) = stmt.condition() else {
                continue;
            };
            for (op, key) in condition.pairs() {
                let name = key.key.name.to_ascii_lowercase();
                literal_ok(&name, &mut v.chars)?;
                let Some(operator) = op.operator.operator else {
                    continue;
                };
                let family = match operator.family() {
                    Family::String | Family::Bool | Family::Binary | Family::Arn => "string",
                    Family::Numeric => "numeric",
                    Family::Date => "date",
                    Family::Null => "null",
                    Family::Ip => "ip",
                };
                for value in values(key) {
                    literal_ok(value, &mut v.chars)?;
                    // the evaluator expands variables in String and ARN operators only
                    let expands = matches!(operator.family(), Family::String | Family::Arn);
                    if variables && expands && value.contains("${") {
                        match condition_template(operator, value) {
                            Ok((t, _)) => variable_keys.extend(t.keys().map(str::to_owned)),
                            Err(why) => v.unsupported.push(why),
                        }
                    }
                }
                families.entry(name.clone()).or_default().insert(family);
                if op.operator.qualifier.is_some() {
                    *set_uses.entry(name.clone()).or_default() += 1;
                }
                set_uses.entry(name).or_default();
            }
        }
        // a key a variable reads is compared as a string, with room for a second value (a
        // variable whose key has several values is unresolved)
        for name in variable_keys {
            literal_ok(&name, &mut v.chars)?;
            families.entry(name.clone()).or_default().insert("string");
            set_uses.entry(name).or_default();
        }
        for (name, uses) in set_uses {
            let fams = families.get(&name).cloned().unwrap_or_default();
            let typed: Vec<&str> = fams.iter().copied().filter(|f| *f != "null").collect();
            let kind = match typed.as_slice() {
                [] | ["string"] => KeyKind::Str,
                ["numeric"] | ["date"] => KeyKind::Num,
                ["ip"] => KeyKind::Ip,
                _ => {
                    return Err(format!(
                        "`{name}` is compared as {}; mixed comparisons of one key are not encoded yet",
                        typed.join(" and ")
                    ));
                }
            };
            v.keys.insert(
                name,
                KeyVar {
                    kind,
                    // one slot per set-qualified condition, plus one, plus one more so that
                    // "several values", which fails every unqualified condition (U1), can be
                    // expressed
                    slots: uses + 2,
                },
            );
        }
        v.classes = classes(&v.patterns);
        Ok(v)
    }

    fn pattern_index(&self, p: &str) -> Option<usize> {
        self.patterns.iter().position(|q| q == p)
    }

    /// Whether the request's action matches one action pattern of the policies (`False` for a
    /// pattern they do not hold).
    pub fn action(&self, pattern: &str) -> Formula {
        self.pattern_index(pattern)
            .map_or(Formula::False, |n| Formula::atom(Atom::Action(n)))
    }

    /// What a policy allows: some Allow statement applies and no Deny does.
    pub fn allows(&self, policy: &Policy) -> Formula {
        self.parts(policy).allows()
    }

    /// Each statement with an effect and its formula, Allows and Denies apart.
    pub fn parts<'p>(&self, policy: &'p Policy) -> Parts<'p> {
        let at = In::policy(policy);
        let mut parts = Parts {
            at,
            allow: Vec::new(),
            deny: Vec::new(),
        };
        for stmt in statements(policy) {
            let f = self.statement(stmt, at);
            match stmt.effect() {
                Some(Effect::Allow) => parts.allow.push((stmt, f)),
                _ => parts.deny.push((stmt, f)),
            }
        }
        parts
    }

    /// Whether one statement applies (`decision.rs`'s `applying`, for statements without a
    /// principal element).
    pub fn statement(&self, stmt: &Statement, at: In) -> Formula {
        let variables = at.variables;
        let actions = match stmt.actions() {
            Some((polarity, entry)) => {
                let any = Formula::or(
                    entry
                        .value
                        .ok()
                        .into_iter()
                        .flat_map(|l| l.strings())
                        .filter_map(|s| self.pattern_index(&s.value))
                        .map(|n| Formula::atom(Atom::Action(n)))
                        .collect(),
                );
                match (polarity, entry.value.ok()) {
                    (_, None) => Formula::False,
                    (iamlint_model::Polarity::Positive, _) => any,
                    (iamlint_model::Polarity::Negative, _) => Formula::not(any),
                }
            }
            None => Formula::False,
        };
        let resources = match stmt.resources() {
            Some((polarity, entry)) => match entry.value.ok() {
                None => Formula::False,
                Some(list) => {
                    let any = Formula::or(
                        list.strings()
                            .map(|s| resource(&s.value, variables))
                            .collect(),
                    );
                    match polarity {
                        iamlint_model::Polarity::Positive => any,
                        iamlint_model::Polarity::Negative => Formula::not(any),
                    }
                }
            },
            None => Formula::False,
        };
        Formula::and(vec![
            self.principal(stmt, at),
            actions,
            resources,
            self.condition(stmt, variables),
        ])
    }

    /// Whether a statement's `Principal` or `NotPrincipal` names the caller (`True` without
    /// either in an identity policy).
    pub fn principal(&self, stmt: &Statement, at: In) -> Formula {
        match (stmt.principal.as_ref(), stmt.not_principal.as_ref()) {
            (Some(entry), _) => entry.value.ok().map_or(Formula::False, caller_named),
            (None, Some(entry)) => entry
                .value
                .ok()
                .map_or(Formula::False, |e| Formula::not(caller_spared(e))),
            (None, None) if at.resource_policy => Formula::False,
            (None, None) => Formula::True,
        }
    }

    /// Whether a statement's `Condition` holds (`True` without one); `variables` when its
    /// policy expands policy variables.
    pub fn condition(&self, stmt: &Statement, variables: bool) -> Formula {
        Formula::and(self.pairs(stmt, variables))
    }

    /// Each (operator, key) pair of a statement's `Condition`, which must all hold.
    pub fn pairs(&self, stmt: &Statement, variables: bool) -> Vec<Formula> {
        stmt.condition().map_or(Vec::new(), |c| {
            c.pairs()
                .map(|(op, key)| self.pair(op, key, variables))
                .collect()
        })
    }

    /// The request is made at `now` (epoch seconds) or later: `aws:CurrentTime` and
    /// `aws:EpochTime`, when the policies compare them as dates or numbers, are present (AWS
    /// sets them on every request), single, and not before `now`.
    pub fn not_before(&self, now: i64) -> Formula {
        let Some(now) = decimal(now as f64) else {
            return Formula::True;
        };
        let mut parts = Vec::new();
        for key in ["aws:currenttime", "aws:epochtime"] {
            match self.keys.get(key) {
                Some(var) if var.kind == KeyKind::Num => {
                    let k = key.to_owned();
                    parts.push(Formula::atom(Atom::Used(k.clone(), 0)));
                    parts.push(Formula::atom(Atom::IsNum(k.clone(), 0)));
                    parts.push(Formula::atom(Atom::Num(k.clone(), 0, Cmp::Ge, now.clone())));
                    if var.slots > 1 {
                        parts.push(Formula::not(Formula::atom(Atom::Used(k, 1))));
                    }
                }
                _ => {}
            }
        }
        Formula::and(parts)
    }

    /// One operator and key (`condition.rs`'s `pair_holds`).
    fn pair(&self, op: &ConditionOperator, key: &ConditionKey, variables: bool) -> Formula {
        let Some(operator) = op.operator.operator else {
            return Formula::False;
        };
        let name = key.key.name.to_ascii_lowercase();
        let Some(var) = self.keys.get(&name) else {
            return Formula::False;
        };
        let policy_values = values(key);
        let used = |slot: usize| Formula::atom(Atom::Used(name.clone(), slot));
        let present = used(0);
        if operator == Operator::Null {
            return Formula::or(
                policy_values
                    .iter()
                    .map(|v| match v.to_ascii_lowercase().as_str() {
                        "true" => Formula::not(present.clone()),
                        "false" => present.clone(),
                        _ => Formula::False,
                    })
                    .collect(),
            );
        }
        let absent = op.operator.if_exists
            || op.operator.qualifier == Some(SetQualifier::ForAllValues)
            || (op.operator.qualifier.is_none() && operator.is_negated());
        let one = |slot: usize| {
            let any = Formula::or(
                policy_values
                    .iter()
                    .map(|pv| compare(operator, var.kind, (&name, slot), pv, variables))
                    .collect(),
            );
            if operator.is_negated() {
                Formula::not(any)
            } else {
                any
            }
        };
        let body = match op.operator.qualifier {
            Some(SetQualifier::ForAllValues) => Formula::and(
                (0..var.slots)
                    .map(|s| Formula::or(vec![Formula::not(used(s)), one(s)]))
                    .collect(),
            ),
            Some(SetQualifier::ForAnyValue) => Formula::or(
                (0..var.slots)
                    .map(|s| Formula::and(vec![used(s), one(s)]))
                    .collect(),
            ),
            // one value only (semantics.md U1: several values do not match)
            None if var.slots > 1 => Formula::and(vec![Formula::not(used(1)), one(0)]),
            None => one(0),
        };
        let when_absent = if absent {
            Formula::True
        } else {
            Formula::False
        };
        Formula::or(vec![
            Formula::and(vec![present.clone(), body]),
            Formula::and(vec![Formula::not(present), when_absent]),
        ])
    }
}

/// The values of a condition key as text (`ConditionValue::text`).
fn values(key: &ConditionKey) -> Vec<&str> {
    key.texts().collect()
}

/// A `Resource` entry (`matching.rs`'s `arn_matches`, after `matches_resources`).
fn resource(pattern: &str, variables: bool) -> Formula {
    if pattern == "*" {
        return Formula::True;
    }
    let fields: Vec<&str> = pattern.splitn(6, ':').collect();
    let [arn, rest @ ..] = fields.as_slice() else {
        return Formula::False;
    };
    if rest.len() != 5 || !iamlint_catalog::glob_match(arn, "arn", false) {
        return Formula::False;
    }
    let mut parts = vec![Formula::not(Formula::atom(Atom::ResourceStar))];
    for (i, glob) in rest.iter().enumerate() {
        // fields 1 to 4 hold no colon; a pattern field with one can never match
        if i < 4 && glob.contains(':') {
            return Formula::False;
        }
        if i == 4 && variables && glob.contains("${") {
            parts.push(Formula::atom(match Template::parse(glob, true) {
                Ok(t) => Atom::FieldVar(t),
                Err(why) => Atom::Unsupported(format!("resource part ~ {glob}"), why),
            }));
        } else if *glob != "*" {
            parts.push(Formula::atom(Atom::Field(i as u8 + 1, (*glob).to_owned())));
        }
    }
    Formula::and(parts)
}

/// The template of a condition value with policy variables under a String or ARN operator,
/// and whether it is a glob; `Err` when it is not encoded.
fn condition_template(operator: Operator, value: &str) -> Result<(Template, bool), Unsupported> {
    use Operator::*;
    match operator {
        StringEquals | StringNotEquals => Ok((Template::parse(value, false)?, false)),
        StringLike | StringNotLike => Ok((Template::parse(value, true)?, true)),
        ArnLike | ArnEquals | ArnNotLike | ArnNotEquals => Ok((Template::parse_arn(value)?, true)),
        _ => Err(format!(
            "the policy variable in `{value}` under `{}` is not encoded yet",
            operator.name()
        )),
    }
}

/// One policy value against slot `slot` (`condition.rs`'s `compare`, positive form).
fn compare(
    operator: Operator,
    kind: KeyKind,
    (key, slot): (&str, usize),
    pv: &str,
    variables: bool,
) -> Formula {
    use Operator::*;
    let k = key.to_owned();
    // the evaluator expands variables in String and ARN operators
    if variables && pv.contains("${") && matches!(operator.family(), Family::String | Family::Arn) {
        return match condition_template(operator, pv) {
            Ok((t, glob)) if kind == KeyKind::Str => Formula::atom(Atom::StrVar(k, slot, t, glob)),
            Ok(_) => Formula::False,
            Err(why) => Formula::atom(Atom::Unsupported(
                format!("{k}[{slot}] {} {pv}", operator.name()),
                why,
            )),
        };
    }
    let num = |cmp: Cmp, value: Option<f64>| match value.and_then(decimal) {
        Some(v) if kind == KeyKind::Num => Formula::and(vec![
            Formula::atom(Atom::IsNum(k.clone(), slot)),
            Formula::atom(Atom::Num(k.clone(), slot, cmp, v)),
        ]),
        _ => Formula::False,
    };
    let number = pv.trim().parse::<f64>().ok();
    let date = iamlint_eval::epoch_seconds(pv);
    let string_family = matches!(
        operator.family(),
        Family::String | Family::Bool | Family::Binary | Family::Arn
    );
    if (kind != KeyKind::Str && string_family)
        || (kind != KeyKind::Ip && operator.family() == Family::Ip)
    {
        return Formula::False;
    }
    match operator {
        StringEquals | StringNotEquals | BinaryEquals => {
            Formula::atom(Atom::StrEq(k, slot, pv.to_owned(), false))
        }
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase | Bool => {
            Formula::atom(Atom::StrEq(k, slot, pv.to_owned(), true))
        }
        StringLike | StringNotLike => Formula::atom(Atom::StrLike(k, slot, pv.to_owned())),
        NumericEquals | NumericNotEquals => num(Cmp::Eq, number),
        NumericLessThan => num(Cmp::Lt, number),
        NumericLessThanEquals => num(Cmp::Le, number),
        NumericGreaterThan => num(Cmp::Gt, number),
        NumericGreaterThanEquals => num(Cmp::Ge, number),
        DateEquals | DateNotEquals => num(Cmp::Eq, date),
        DateLessThan => num(Cmp::Lt, date),
        DateLessThanEquals => num(Cmp::Le, date),
        DateGreaterThan => num(Cmp::Gt, date),
        DateGreaterThanEquals => num(Cmp::Ge, date),
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => {
            Formula::atom(Atom::ArnLike(k, slot, pv.to_owned()))
        }
        IpAddress | NotIpAddress => Formula::atom(Atom::InCidr(k, slot, pv.to_owned())),
        // handled by `pair`
        Null => Formula::False,
    }
}

/// A finite number as an exact decimal (`1.5`, `-2`, `1719705600`).
fn decimal(x: f64) -> Option<String> {
    x.is_finite().then(|| format!("{x}"))
}

/// The closed-world action classes of a set of patterns.
fn classes(patterns: &[String]) -> Vec<ActionClass> {
    let catalog = iamlint_catalog::catalog();
    let mut signature: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    // a pattern that matches every action is in every class: it is added to each at the end
    // rather than to the signature of each of the catalog's actions
    let mut everywhere: Vec<usize> = Vec::new();
    for (n, p) in patterns.iter().enumerate() {
        let matched: Vec<usize> = if !p.is_empty() && p.chars().all(|c| c == '*') {
            everywhere.push(n);
            continue;
        } else if p.matches(':').count() == 1 {
            catalog.expand(p).iter().map(|a| a.index).collect()
        } else {
            // `action_matches` globs the whole `service:Action`; `expand` needs one colon
            catalog
                .actions
                .iter()
                .filter(|a| iamlint_catalog::glob_match(p, &catalog.full_name(a), true))
                .map(|a| a.index)
                .collect()
        };
        for a in matched {
            signature.entry(a).or_default().insert(n);
        }
    }
    let mut by_signature: BTreeMap<BTreeSet<usize>, usize> = BTreeMap::new();
    for (action, sig) in &signature {
        by_signature.entry(sig.clone()).or_insert(*action);
    }
    // the actions no pattern matches, if any
    if let Some(a) = catalog
        .actions
        .iter()
        .find(|a| !signature.contains_key(&a.index))
    {
        by_signature.entry(BTreeSet::new()).or_insert(a.index);
    }
    let mut out: Vec<ActionClass> = by_signature
        .into_iter()
        .filter_map(|(mut patterns, index)| {
            let action = catalog.actions.get(index)?;
            patterns.extend(everywhere.iter().copied());
            Some(ActionClass {
                representative: catalog.full_name(action),
                patterns,
            })
        })
        .collect();
    out.sort_by(|a, b| a.representative.cmp(&b.representative));
    out
}
