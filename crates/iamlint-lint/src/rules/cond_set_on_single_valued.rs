use super::prelude::*;
use crate::condkeys::classify;
use iamlint_model::operators::{Operator, SetQualifier};

declare_rule! {
    /// A set qualifier on a single-valued key. `ForAllValues:` is the dangerous one: it is
    /// true when the key is absent, so an `Allow` applies to requests without the key. On a
    /// single-valued key `ForAnyValue:` only adds noise (info).
    pub struct CondSetOnSingleValued {
        code: "IAM624",
        name: "cond-set-on-single-valued",
        category: Security,
        severity: Security,
        fix: Sometimes,
        summary: "ForAllValues or ForAnyValue on a single-valued key",
    }
}

impl Rule for CondSetOnSingleValued {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let (Some(q), Some(operator)) = (op.operator.qualifier, op.operator.operator) else {
                continue;
            };
            // `Null` is `cond-null-set-qualifier`'s, an OIDC `aud` claim `cond-oidc-aud-claim-type`'s
            if operator == Operator::Null
                || crate::conditions::oidc_aud_provider(&key.key.name).is_some()
            {
                continue;
            }
            let Some((_, false)) = classify(ctx.catalog(), ctx.options(), &key.key.name).ty()
            else {
                continue;
            };
            let plain = op
                .key
                .name
                .split_once(':')
                .map_or(op.key.name.as_ref(), |(_, b)| b)
                .to_owned();
            let alone = op.keys.ok().is_some_and(|k| k.entries.len() == 1)
                && !cond.operators.iter().any(|o| o.key.name == plain);
            match q {
                SetQualifier::ForAllValues => {
                    let d = ctx.report(op.key.range, format!("`{}` is single-valued: `ForAllValues:` also matches requests without it", key.key.name));
                    d.help(format!("use `{plain}`; `ForAllValues:` is true for a request that has no `{}` at all", key.key.name));
                    if alone {
                        d.fix(Fix::unsafe_(
                            format!("write `{plain}`"),
                            vec![rename_key(&op.key, &plain)],
                        ));
                    }
                }
                SetQualifier::ForAnyValue => {
                    let d = ctx.report(
                        op.key.range,
                        format!(
                            "`{}` is single-valued: `ForAnyValue:` adds nothing",
                            key.key.name
                        ),
                    );
                    d.severity(Severity::Info).help(format!("use `{plain}`"));
                    // equivalent only for non-negated operators: for an absent key, a negated plain
                    // operator is true where `ForAnyValue:` is false
                    if alone {
                        let applicability = if operator.is_negated() {
                            Applicability::Unsafe
                        } else {
                            Applicability::Safe
                        };
                        d.fix(Fix::new(
                            format!("write `{plain}`"),
                            applicability,
                            vec![rename_key(&op.key, &plain)],
                        ));
                    }
                }
            }
        }
    }
}
