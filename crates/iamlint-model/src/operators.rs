//! Condition operators: the names, their families and properties, and parsing of
//! `ForAllValues:`/`ForAnyValue:` qualifiers and the `IfExists` suffix.

/// The value type an operator compares as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::String => "String",
            Family::Numeric => "Numeric",
            Family::Date => "Date",
            Family::Bool => "Bool",
            Family::Binary => "Binary",
            Family::Ip => "IP address",
            Family::Arn => "ARN",
            Family::Null => "Null",
        }
    }
}

macro_rules! operators {
    ($($variant:ident => $family:ident, negated: $neg:literal, like: $like:literal;)*) => {
        /// A base condition operator (without qualifier or `IfExists`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Operator { $($variant,)* }

        impl Operator {
            pub const ALL: &'static [Operator] = &[$(Operator::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Operator::$variant => stringify!($variant),)* }
            }

            pub fn family(self) -> Family {
                match self { $(Operator::$variant => Family::$family,)* }
            }

            /// True when absent keys match (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, ...).
            pub fn is_negated(self) -> bool {
                match self { $(Operator::$variant => $neg,)* }
            }

            /// Values may contain `*` and `?` wildcards.
            pub fn is_like(self) -> bool {
                match self { $(Operator::$variant => $like,)* }
            }
        }
    };
}

operators! {
    StringEquals => String, negated: false, like: false;
    StringNotEquals => String, negated: true, like: false;
    StringEqualsIgnoreCase => String, negated: false, like: false;
    StringNotEqualsIgnoreCase => String, negated: true, like: false;
    StringLike => String, negated: false, like: true;
    StringNotLike => String, negated: true, like: true;
    NumericEquals => Numeric, negated: false, like: false;
    NumericNotEquals => Numeric, negated: true, like: false;
    NumericLessThan => Numeric, negated: false, like: false;
    NumericLessThanEquals => Numeric, negated: false, like: false;
    NumericGreaterThan => Numeric, negated: false, like: false;
    NumericGreaterThanEquals => Numeric, negated: false, like: false;
    DateEquals => Date, negated: false, like: false;
    DateNotEquals => Date, negated: true, like: false;
    DateLessThan => Date, negated: false, like: false;
    DateLessThanEquals => Date, negated: false, like: false;
    DateGreaterThan => Date, negated: false, like: false;
    DateGreaterThanEquals => Date, negated: false, like: false;
    Bool => Bool, negated: false, like: false;
    BinaryEquals => Binary, negated: false, like: false;
    IpAddress => Ip, negated: false, like: false;
    NotIpAddress => Ip, negated: true, like: false;
    ArnEquals => Arn, negated: false, like: true;
    ArnLike => Arn, negated: false, like: true;
    ArnNotEquals => Arn, negated: true, like: true;
    ArnNotLike => Arn, negated: true, like: true;
    Null => Null, negated: false, like: false;
}

impl Operator {
    pub fn parse(name: &str) -> Option<Operator> {
        Operator::ALL.iter().copied().find(|o| o.name() == name)
    }

    pub fn parse_ignore_case(name: &str) -> Option<Operator> {
        Operator::ALL
            .iter()
            .copied()
            .find(|o| o.name().eq_ignore_ascii_case(name))
    }

    /// String comparisons that ignore case.
    pub fn ignores_case(self) -> bool {
        matches!(
            self,
            Operator::StringEqualsIgnoreCase | Operator::StringNotEqualsIgnoreCase
        )
    }
}

/// `ForAllValues:` or `ForAnyValue:`, for multivalued keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    ForAllValues,
    ForAnyValue,
}

impl SetQualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            SetQualifier::ForAllValues => "ForAllValues",
            SetQualifier::ForAnyValue => "ForAnyValue",
        }
    }

    fn parse_ignore_case(text: &str) -> Option<SetQualifier> {
        [SetQualifier::ForAllValues, SetQualifier::ForAnyValue]
            .into_iter()
            .find(|q| q.as_str().eq_ignore_ascii_case(text))
    }
}

/// A condition operator as written, parsed into its parts. Byte offsets are into `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorName {
    pub text: String,
    /// The text before `:`, if any (valid or not).
    pub prefix: Option<String>,
    /// The qualifier, if the prefix is one (ignoring case).
    pub qualifier: Option<SetQualifier>,
    /// The operator without prefix and `IfExists`, as written.
    pub base: String,
    /// Byte range of `base` in `text`.
    pub base_start: usize,
    /// The recognised operator, ignoring case.
    pub operator: Option<Operator>,
    pub if_exists: bool,
    /// Every recognised part is spelled with the documented case.
    pub exact_case: bool,
}

impl OperatorName {
    pub fn parse(text: &str) -> OperatorName {
        let (prefix, rest, base_start) = match text.split_once(':') {
            Some((p, r)) => (Some(p.to_owned()), r, p.len() + 1),
            None => (None, text, 0),
        };
        let qualifier = prefix.as_deref().and_then(SetQualifier::parse_ignore_case);
        let mut exact_case = match (&prefix, qualifier) {
            (Some(p), Some(q)) => p == q.as_str(),
            _ => true,
        };
        let suffix_len = "IfExists".len();
        let (base, if_exists) = match rest
            .len()
            .checked_sub(suffix_len)
            .and_then(|at| rest.split_at_checked(at))
        {
            Some((b, s)) if s.eq_ignore_ascii_case("IfExists") && !b.is_empty() => {
                exact_case &= s == "IfExists";
                (b, true)
            }
            _ => (rest, false),
        };
        let operator = Operator::parse_ignore_case(base);
        if let Some(op) = operator {
            exact_case &= op.name() == base;
        }
        OperatorName {
            text: text.to_owned(),
            prefix,
            qualifier,
            base: base.to_owned(),
            base_start,
            operator,
            if_exists,
            exact_case,
        }
    }

    /// Whether the whole name is a known operator (qualifier and suffix included).
    pub fn is_known(&self) -> bool {
        self.operator.is_some() && (self.prefix.is_none() || self.qualifier.is_some())
    }

    /// The name with documented casing, when it is known.
    pub fn canonical(&self) -> Option<String> {
        let op = self.operator?;
        if self.prefix.is_some() && self.qualifier.is_none() {
            return None;
        }
        let mut s = String::new();
        if let Some(q) = self.qualifier {
            s.push_str(q.as_str());
            s.push(':');
        }
        s.push_str(op.name());
        if self.if_exists {
            s.push_str("IfExists");
        }
        Some(s)
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_qualified_and_ifexists() {
        let n = OperatorName::parse("StringEquals");
        assert_eq!(
            (n.operator, n.qualifier, n.if_exists, n.exact_case),
            (Some(Operator::StringEquals), None, false, true)
        );
        let n = OperatorName::parse("ForAllValues:StringLikeIfExists");
        assert_eq!(n.operator, Some(Operator::StringLike));
        assert_eq!(n.qualifier, Some(SetQualifier::ForAllValues));
        assert!(n.if_exists && n.exact_case && n.is_known());
        assert_eq!(
            &n.text[n.base_start..n.base_start + n.base.len()],
            "StringLike"
        );
        let n = OperatorName::parse("NullIfExists");
        assert_eq!((n.operator, n.if_exists), (Some(Operator::Null), true));
    }

    #[test]
    fn wrong_case_is_recognised_but_flagged() {
        let n = OperatorName::parse("forAnyValue:stringequals");
        assert!(n.is_known());
        assert!(!n.exact_case);
        assert_eq!(n.canonical().as_deref(), Some("ForAnyValue:StringEquals"));
    }

    #[test]
    fn unknown_names() {
        for t in [
            "StringEqual",
            "ForAnyValues:StringEquals",
            "IfExists",
            "",
            ":",
            "Foo:Bar",
        ] {
            assert!(!OperatorName::parse(t).is_known(), "{t}");
        }
    }

    #[test]
    fn families_and_flags() {
        assert_eq!(Operator::ALL.len(), 27);
        assert!(Operator::NotIpAddress.is_negated());
        assert!(Operator::ArnNotEquals.is_negated());
        assert!(!Operator::Null.is_negated());
        assert!(Operator::ArnEquals.is_like());
        assert_eq!(Operator::DateLessThan.family(), Family::Date);
    }
}
