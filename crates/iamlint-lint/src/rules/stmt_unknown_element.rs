use super::prelude::*;

declare_rule! {
    /// A statement key that is not a statement element: `Actions`, `Condtion`, `effect`.
    pub struct StmtUnknownElement {
        code: "IAM108",
        name: "stmt-unknown-element",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a statement key that is not a statement element (typos such as Actions)",
    }
}

impl Rule for StmtUnknownElement {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let present = |name: &str| match name {
            "Sid" => stmt.sid.is_some(),
            "Effect" => stmt.effect.is_some(),
            "Principal" => stmt.principal.is_some(),
            "NotPrincipal" => stmt.not_principal.is_some(),
            "Action" => stmt.action.is_some(),
            "NotAction" => stmt.not_action.is_some(),
            "Resource" => stmt.resource.is_some(),
            "NotResource" => stmt.not_resource.is_some(),
            _ => stmt.condition.is_some(),
        };
        for key in &stmt.unknown {
            let label = stmt.label();
            let d = ctx.report(
                key.range,
                format!("`{}` is not a statement element in {label}", key.name),
            );
            if matches!(key.name.as_ref(), "Version" | "Id" | "Statement") {
                d.help(format!(
                    "`{}` belongs at the top level of the policy",
                    key.name
                ));
                continue;
            }
            match suggest_element(&key.name, &STATEMENT_ELEMENTS, present) {
                Some((name, applicability)) => {
                    d.help(format!("did you mean `{name}`?")).fix(Fix::new(
                        format!("rename to `{name}`"),
                        applicability,
                        vec![rename_key(key, name)],
                    ));
                }
                None if STATEMENT_ELEMENTS
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(&key.name)) =>
                {
                    let proper = STATEMENT_ELEMENTS
                        .iter()
                        .find(|e| e.eq_ignore_ascii_case(&key.name))
                        .copied()
                        .unwrap_or_default();
                    d.help(format!("this statement already has `{proper}`; element names are case-sensitive, so `{}` is a second, unknown element", key.name));
                }
                None => {
                    d.help("statement elements are `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition`");
                }
            }
        }
    }
}
