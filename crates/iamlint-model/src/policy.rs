//! The typed policy. Every element keeps its key's span and its value's span; a value of the
//! wrong JSON type is kept as [`Typed::Wrong`] so that rules can point at it.

use iamlint_diagnostics::TextRange;
use iamlint_syntax::{JsonType, Key};

use crate::operators::OperatorName;

/// A value of the expected JSON type, or where the document has something else.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<T> {
    Ok(T),
    Wrong(WrongType),
}

impl<T> Typed<T> {
    pub fn ok(&self) -> Option<&T> {
        match self {
            Typed::Ok(v) => Some(v),
            Typed::Wrong(_) => None,
        }
    }
}

/// A JSON value whose type does not fit its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrongType {
    pub range: TextRange,
    pub found: JsonType,
}

/// A string from the document: its unescaped value and the span of the literal (quotes included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    pub value: String,
    pub range: TextRange,
    /// The source spells the value with escapes, so sub-spans need [`Str::sub_range`].
    pub escaped: bool,
}

impl Str {
    /// The source span of bytes `start..end` of the value (the whole literal if that cannot be
    /// mapped exactly).
    pub fn sub_range(&self, source: &str, start: usize, end: usize) -> TextRange {
        if !self.escaped {
            // the literal spells the value verbatim between its quotes: no scan needed
            let ok = start <= end
                && end <= self.value.len()
                && self.value.is_char_boundary(start)
                && self.value.is_char_boundary(end);
            if !ok {
                return self.range;
            }
            let base = usize::from(self.range.start()) + 1;
            return iamlint_diagnostics::range(base + start, base + end);
        }
        iamlint_syntax::sub_range(source, self.range, start, end)
    }
}

/// An element: the key as written, the span of the whole member, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<T> {
    pub key: Key,
    /// From the start of the key to the end of the value.
    pub range: TextRange,
    pub value: T,
}

/// `"Statement"`, `"Action"` and friends take a string or an array of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct StrList {
    pub range: TextRange,
    pub is_array: bool,
    /// Items that are not strings are kept as [`Typed::Wrong`].
    pub items: Vec<Typed<Str>>,
}

impl StrList {
    /// The items that are strings.
    pub fn strings(&self) -> impl Iterator<Item = &Str> {
        self.items.iter().filter_map(Typed::ok)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    /// Exact, case-sensitive parse, as AWS does.
    pub fn parse(text: &str) -> Option<Effect> {
        match text {
            "Allow" => Some(Effect::Allow),
            "Deny" => Some(Effect::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// The four kinds of principal a `Principal` map may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalKind {
    pub const ALL: [PrincipalKind; 4] = [
        PrincipalKind::Aws,
        PrincipalKind::Service,
        PrincipalKind::Federated,
        PrincipalKind::CanonicalUser,
    ];

    pub fn parse(key: &str) -> Option<PrincipalKind> {
        PrincipalKind::ALL.into_iter().find(|k| k.as_str() == key)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
        }
    }
}

/// `Principal` / `NotPrincipal`: `"*"` (or another bare string, which is invalid), or a map.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    String(Str),
    Map {
        range: TextRange,
        entries: Vec<PrincipalEntry>,
    },
}

impl Principal {
    pub fn range(&self) -> TextRange {
        match self {
            Principal::String(s) => s.range,
            Principal::Map { range, .. } => *range,
        }
    }

    /// `"*"` or `{"AWS": "*"}` (also inside an array): everyone, anonymous users included.
    pub fn is_wildcard(&self) -> bool {
        self.wildcard_range().is_some()
    }

    /// Where the wildcard is written: the `"*"` string, or the `"*"` inside `{"AWS": ...}`.
    pub fn wildcard_range(&self) -> Option<TextRange> {
        match self {
            Principal::String(s) => (s.value == "*").then_some(s.range),
            Principal::Map { entries, .. } => entries
                .iter()
                .filter(|e| e.kind == Some(PrincipalKind::Aws))
                .filter_map(|e| e.values.ok())
                .flat_map(StrList::strings)
                .find(|s| s.value == "*")
                .map(|s| s.range),
        }
    }

    /// The entries of a map principal (empty for a string).
    pub fn entries(&self) -> &[PrincipalEntry] {
        match self {
            Principal::String(_) => &[],
            Principal::Map { entries, .. } => entries,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalEntry {
    pub key: Key,
    /// `None` when the key is not one of the four kinds.
    pub kind: Option<PrincipalKind>,
    pub values: Typed<StrList>,
}

/// The `Condition` element: operator → key → values.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub range: TextRange,
    pub operators: Vec<ConditionOperator>,
}

impl Condition {
    /// Every (operator, key entry) pair, in document order.
    pub fn pairs(&self) -> impl Iterator<Item = (&ConditionOperator, &ConditionKey)> {
        self.operators.iter().flat_map(|op| {
            op.keys
                .ok()
                .into_iter()
                .flat_map(|k| k.entries.iter())
                .map(move |k| (op, k))
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConditionOperator {
    pub key: Key,
    pub operator: OperatorName,
    pub keys: Typed<ConditionKeys>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConditionKeys {
    pub range: TextRange,
    pub entries: Vec<ConditionKey>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConditionKey {
    /// The context key as written (names are case-insensitive).
    pub key: Key,
    pub values: Typed<ConditionValues>,
}

impl ConditionKey {
    /// The values that are strings, numbers or booleans, as text (`ConditionValue::text`).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.values
            .ok()
            .into_iter()
            .flat_map(|v| v.items.iter())
            .filter_map(ConditionValue::text)
    }
}

/// One value, or an array of values (OR'd).
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionValues {
    pub range: TextRange,
    pub is_array: bool,
    pub items: Vec<ConditionValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConditionValue {
    pub range: TextRange,
    pub kind: ConditionValueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConditionValueKind {
    String(Str),
    Bool(bool),
    /// As written.
    Number(String),
    /// null, an array or an object: never a valid condition value.
    Other(JsonType),
}

impl ConditionValue {
    /// The value as AWS compares it: strings as is, booleans and numbers as written.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            ConditionValueKind::String(s) => Some(&s.value),
            ConditionValueKind::Bool(true) => Some("true"),
            ConditionValueKind::Bool(false) => Some("false"),
            ConditionValueKind::Number(n) => Some(n),
            ConditionValueKind::Other(_) => None,
        }
    }

    pub fn as_str(&self) -> Option<&Str> {
        match &self.kind {
            ConditionValueKind::String(s) => Some(s),
            _ => None,
        }
    }
}

/// One statement. Elements are `None` when absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// 0-based position in the `Statement` array (0 for a single statement object).
    pub index: usize,
    pub range: TextRange,
    pub sid: Option<Entry<Typed<Str>>>,
    pub effect: Option<Entry<Typed<Str>>>,
    pub principal: Option<Entry<Typed<Principal>>>,
    pub not_principal: Option<Entry<Typed<Principal>>>,
    pub action: Option<Entry<Typed<StrList>>>,
    pub not_action: Option<Entry<Typed<StrList>>>,
    pub resource: Option<Entry<Typed<StrList>>>,
    pub not_resource: Option<Entry<Typed<StrList>>>,
    pub condition: Option<Entry<Typed<Condition>>>,
    /// Keys that are not statement elements.
    pub unknown: Vec<Key>,
}

/// Which of a pair of elements a statement uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// `Action`, `Resource`, `Principal`.
    Positive,
    /// `NotAction`, `NotResource`, `NotPrincipal`.
    Negative,
}

impl Statement {
    /// The effect, when it is exactly `Allow` or `Deny`.
    pub fn effect(&self) -> Option<Effect> {
        let e = self.effect.as_ref()?;
        Effect::parse(&e.value.ok()?.value)
    }

    pub fn is_allow(&self) -> bool {
        self.effect() == Some(Effect::Allow)
    }

    pub fn sid(&self) -> Option<&str> {
        Some(self.sid.as_ref()?.value.ok()?.value.as_str())
    }

    /// How messages name the statement: "statement `Sid`", or "statement #2" (1-based).
    pub fn label(&self) -> String {
        match self.sid() {
            Some(sid) if !sid.is_empty() => format!("statement `{sid}`"),
            _ => format!("statement #{}", self.index + 1),
        }
    }

    /// `Action` if present, else `NotAction`.
    pub fn actions(&self) -> Option<(Polarity, &Entry<Typed<StrList>>)> {
        pick(&self.action, &self.not_action)
    }

    pub fn resources(&self) -> Option<(Polarity, &Entry<Typed<StrList>>)> {
        pick(&self.resource, &self.not_resource)
    }

    pub fn principals(&self) -> Option<(Polarity, &Entry<Typed<Principal>>)> {
        pick(&self.principal, &self.not_principal)
    }

    pub fn has_principal_element(&self) -> bool {
        self.principal.is_some() || self.not_principal.is_some()
    }

    /// The strings of `Action` (or `NotAction`), if it is well typed.
    pub fn action_strings(&self) -> impl Iterator<Item = &Str> {
        self.actions()
            .and_then(|(_, e)| e.value.ok())
            .into_iter()
            .flat_map(StrList::strings)
    }

    pub fn resource_strings(&self) -> impl Iterator<Item = &Str> {
        self.resources()
            .and_then(|(_, e)| e.value.ok())
            .into_iter()
            .flat_map(StrList::strings)
    }

    pub fn condition(&self) -> Option<&Condition> {
        self.condition.as_ref()?.value.ok()
    }
}

fn pick<'a, T>(
    pos: &'a Option<Entry<T>>,
    neg: &'a Option<Entry<T>>,
) -> Option<(Polarity, &'a Entry<T>)> {
    match (pos, neg) {
        (Some(p), _) => Some((Polarity::Positive, p)),
        (None, Some(n)) => Some((Polarity::Negative, n)),
        (None, None) => None,
    }
}

/// The `Statement` element: one object or an array.
#[derive(Debug, Clone, PartialEq)]
pub enum StatementBlock {
    Single(Box<Statement>),
    Array {
        range: TextRange,
        items: Vec<Typed<Statement>>,
    },
}

/// A policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The root object.
    pub range: TextRange,
    pub version: Option<Entry<Typed<Str>>>,
    pub id: Option<Entry<Typed<Str>>>,
    pub statement: Option<Entry<Typed<StatementBlock>>>,
    /// Top-level keys other than Version, Id and Statement.
    pub unknown: Vec<Key>,
}

/// The two versions of the policy language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V2012_10_17,
    V2008_10_17,
}

impl Policy {
    /// Every statement that is an object, in order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        let block = self.statement.as_ref().and_then(|e| e.value.ok());
        let (single, many) = match block {
            Some(StatementBlock::Single(s)) => (Some(s.as_ref()), None),
            Some(StatementBlock::Array { items, .. }) => {
                (None, Some(items.iter().filter_map(Typed::ok)))
            }
            None => (None, None),
        };
        single.into_iter().chain(many.into_iter().flatten())
    }

    /// The declared version, when it is one of the two valid ones.
    pub fn version(&self) -> Option<Version> {
        match self.version.as_ref()?.value.ok()?.value.as_str() {
            "2012-10-17" => Some(Version::V2012_10_17),
            "2008-10-17" => Some(Version::V2008_10_17),
            _ => None,
        }
    }

    /// Whether `${...}` in strings are policy variables (only under Version 2012-10-17).
    pub fn expands_variables(&self) -> bool {
        self.version() == Some(Version::V2012_10_17)
    }
}
