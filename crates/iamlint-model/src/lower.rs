//! From the JSON tree to the typed [`Policy`]. Lowering never fails past the root: anything of
//! the wrong type is kept as [`Typed::Wrong`], unknown keys are collected, and for a repeated
//! key the first occurrence is used (the syntax layer reports the repeat).

use iamlint_syntax::{Kind, Member, Value};

use crate::operators::OperatorName;
use crate::policy::*;

/// The root of the document is not an object.
pub type NotAnObject = WrongType;

pub fn lower(root: &Value) -> Result<Policy, NotAnObject> {
    let Some(members) = root.as_object() else {
        return Err(wrong(root));
    };
    let mut policy = Policy {
        range: root.range,
        version: None,
        id: None,
        statement: None,
        unknown: Vec::new(),
    };
    for m in members {
        match m.key.name.as_ref() {
            "Version" => set(&mut policy.version, m, str_value),
            "Id" => set(&mut policy.id, m, str_value),
            "Statement" => set(&mut policy.statement, m, statement_block),
            _ => policy.unknown.push(m.key.clone()),
        }
    }
    Ok(policy)
}

fn wrong(v: &Value) -> WrongType {
    WrongType {
        range: v.range,
        found: v.json_type(),
    }
}

/// Fills `slot` from `m` unless an earlier member already did.
fn set<T>(slot: &mut Option<Entry<T>>, m: &Member, f: impl FnOnce(&Value) -> T) {
    if slot.is_none() {
        *slot = Some(Entry {
            key: m.key.clone(),
            range: m.range(),
            value: f(&m.value),
        });
    }
}

fn as_str(v: &Value) -> Option<Str> {
    match &v.kind {
        Kind::String(s) => Some(Str {
            value: s.value.clone(),
            range: v.range,
            escaped: s.escaped,
        }),
        _ => None,
    }
}

fn str_value(v: &Value) -> Typed<Str> {
    match as_str(v) {
        Some(s) => Typed::Ok(s),
        None => Typed::Wrong(wrong(v)),
    }
}

fn str_list(v: &Value) -> Typed<StrList> {
    match &v.kind {
        Kind::String(_) => Typed::Ok(StrList {
            range: v.range,
            is_array: false,
            items: vec![str_value(v)],
        }),
        Kind::Array(items) => Typed::Ok(StrList {
            range: v.range,
            is_array: true,
            items: items.iter().map(str_value).collect(),
        }),
        _ => Typed::Wrong(wrong(v)),
    }
}

fn statement_block(v: &Value) -> Typed<StatementBlock> {
    match &v.kind {
        Kind::Object(_) => match statement(v, 0) {
            Typed::Ok(s) => Typed::Ok(StatementBlock::Single(Box::new(s))),
            Typed::Wrong(w) => Typed::Wrong(w),
        },
        Kind::Array(items) => Typed::Ok(StatementBlock::Array {
            range: v.range,
            items: items
                .iter()
                .enumerate()
                .map(|(i, s)| statement(s, i))
                .collect(),
        }),
        _ => Typed::Wrong(wrong(v)),
    }
}

fn statement(v: &Value, index: usize) -> Typed<Statement> {
    let Some(members) = v.as_object() else {
        return Typed::Wrong(wrong(v));
    };
    let mut s = Statement {
        index,
        range: v.range,
        sid: None,
        effect: None,
        principal: None,
        not_principal: None,
        action: None,
        not_action: None,
        resource: None,
        not_resource: None,
        condition: None,
        unknown: Vec::new(),
    };
    for m in members {
        match m.key.name.as_ref() {
            "Sid" => set(&mut s.sid, m, str_value),
            "Effect" => set(&mut s.effect, m, str_value),
            "Principal" => set(&mut s.principal, m, principal),
            "NotPrincipal" => set(&mut s.not_principal, m, principal),
            "Action" => set(&mut s.action, m, str_list),
            "NotAction" => set(&mut s.not_action, m, str_list),
            "Resource" => set(&mut s.resource, m, str_list),
            "NotResource" => set(&mut s.not_resource, m, str_list),
            "Condition" => set(&mut s.condition, m, condition),
            _ => s.unknown.push(m.key.clone()),
        }
    }
    Typed::Ok(s)
}

fn principal(v: &Value) -> Typed<Principal> {
    match &v.kind {
        Kind::String(_) => match as_str(v) {
            Some(s) => Typed::Ok(Principal::String(s)),
            None => Typed::Wrong(wrong(v)),
        },
        Kind::Object(members) => {
            let mut entries: Vec<PrincipalEntry> = Vec::new();
            for m in members {
                if entries.iter().any(|e| e.key.name == m.key.name) {
                    continue;
                }
                entries.push(PrincipalEntry {
                    key: m.key.clone(),
                    kind: PrincipalKind::parse(&m.key.name),
                    values: str_list(&m.value),
                });
            }
            Typed::Ok(Principal::Map {
                range: v.range,
                entries,
            })
        }
        _ => Typed::Wrong(wrong(v)),
    }
}

fn condition(v: &Value) -> Typed<Condition> {
    let Some(members) = v.as_object() else {
        return Typed::Wrong(wrong(v));
    };
    let mut operators: Vec<ConditionOperator> = Vec::new();
    for m in members {
        if operators.iter().any(|o| o.key.name == m.key.name) {
            continue;
        }
        operators.push(ConditionOperator {
            key: m.key.clone(),
            operator: OperatorName::parse(&m.key.name),
            keys: condition_keys(&m.value),
        });
    }
    Typed::Ok(Condition {
        range: v.range,
        operators,
    })
}

fn condition_keys(v: &Value) -> Typed<ConditionKeys> {
    let Some(members) = v.as_object() else {
        return Typed::Wrong(wrong(v));
    };
    let mut entries: Vec<ConditionKey> = Vec::new();
    for m in members {
        if entries.iter().any(|e| e.key.name == m.key.name) {
            continue;
        }
        entries.push(ConditionKey {
            key: m.key.clone(),
            values: condition_values(&m.value),
        });
    }
    Typed::Ok(ConditionKeys {
        range: v.range,
        entries,
    })
}

fn condition_values(v: &Value) -> Typed<ConditionValues> {
    match &v.kind {
        Kind::Array(items) => Typed::Ok(ConditionValues {
            range: v.range,
            is_array: true,
            items: items.iter().map(condition_value).collect(),
        }),
        Kind::Object(_) | Kind::Null => Typed::Wrong(wrong(v)),
        _ => Typed::Ok(ConditionValues {
            range: v.range,
            is_array: false,
            items: vec![condition_value(v)],
        }),
    }
}

fn condition_value(v: &Value) -> ConditionValue {
    let kind = match &v.kind {
        Kind::String(_) => match as_str(v) {
            Some(s) => ConditionValueKind::String(s),
            None => ConditionValueKind::Other(v.json_type()),
        },
        Kind::Bool(b) => ConditionValueKind::Bool(*b),
        Kind::Number(n) => ConditionValueKind::Number(n.clone()),
        _ => ConditionValueKind::Other(v.json_type()),
    };
    ConditionValue {
        range: v.range,
        kind,
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;
    use crate::operators::{Operator, SetQualifier};

    fn lower_text(text: &str) -> Policy {
        let parsed = iamlint_syntax::parse(text);
        lower(parsed.root.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn full_statement_with_spans() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow",
          "Principal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"ec2.amazonaws.com"},
          "Action":"s3:GetObject","NotResource":["arn:aws:s3:::b/*", 7],
          "Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*", true, 3]}},"Bogus":1}]}"#;
        let p = lower_text(text);
        assert_eq!(p.version(), Some(Version::V2012_10_17));
        let s = p.statements().next().unwrap();
        assert_eq!(s.label(), "statement `A`");
        assert_eq!(s.effect(), Some(Effect::Allow));
        let (pol, res) = s.resources().unwrap();
        assert_eq!(pol, Polarity::Negative);
        let res = res.value.ok().unwrap();
        assert!(res.is_array);
        assert!(
            matches!(res.items[1], Typed::Wrong(w) if w.found == iamlint_syntax::JsonType::Number)
        );
        let (_, pr) = s.principals().unwrap();
        let pr = pr.value.ok().unwrap();
        assert_eq!(pr.entries().len(), 2);
        assert_eq!(pr.entries()[1].kind, Some(PrincipalKind::Service));
        let (op, key) = s.condition().unwrap().pairs().next().unwrap();
        assert_eq!(op.operator.operator, Some(Operator::StringLike));
        assert_eq!(op.operator.qualifier, Some(SetQualifier::ForAnyValue));
        assert!(op.operator.if_exists);
        let vals = key.values.ok().unwrap();
        let texts: Vec<_> = vals.items.iter().map(|v| v.text().unwrap()).collect();
        assert_eq!(texts, ["a*", "true", "3"]);
        assert_eq!(s.unknown.len(), 1);
        assert_eq!(
            iamlint_diagnostics::slice(text, s.unknown[0].range),
            "\"Bogus\""
        );
        let action = s.action_strings().next().unwrap();
        assert_eq!(
            iamlint_diagnostics::slice(text, action.range),
            "\"s3:GetObject\""
        );
    }

    #[test]
    fn single_statement_object_and_wrong_types() {
        let p = lower_text(r#"{"Statement":{"Effect":1,"Action":{"a":1}}}"#);
        let s: Vec<_> = p.statements().collect();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].label(), "statement #1");
        assert!(matches!(
            s[0].effect.as_ref().unwrap().value,
            Typed::Wrong(_)
        ));
        assert!(
            s[0].actions()
                .is_some_and(|(_, a)| matches!(a.value, Typed::Wrong(_)))
        );
        let p = lower_text(r#"{"Statement":"x"}"#);
        assert_eq!(p.statements().count(), 0);
        let p = lower_text(r#"{"Statement":[1,{"Sid":""}]}"#);
        let s: Vec<_> = p.statements().collect();
        assert_eq!((s.len(), s[0].index), (1, 1));
        assert_eq!(s[0].label(), "statement #2");
    }

    #[test]
    fn first_of_duplicate_keys_wins() {
        let p = lower_text(r#"{"Statement":{"Effect":"Allow","Effect":"Deny"}}"#);
        assert_eq!(p.statements().next().unwrap().effect(), Some(Effect::Allow));
    }

    #[test]
    fn root_must_be_an_object() {
        let parsed = iamlint_syntax::parse("[1]");
        assert!(lower(parsed.root.as_ref().unwrap()).is_err());
    }
}
