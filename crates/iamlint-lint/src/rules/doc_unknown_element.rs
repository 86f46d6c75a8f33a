use super::prelude::*;

declare_rule! {
    /// A top-level key other than `Version`, `Id` and `Statement`.
    pub struct DocUnknownElement {
        code: "IAM102",
        name: "doc-unknown-element",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a top-level key other than Version, Id and Statement",
    }
}

const ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];

impl Rule for DocUnknownElement {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let present = |name: &str| match name {
            "Version" => policy.version.is_some(),
            "Id" => policy.id.is_some(),
            _ => policy.statement.is_some(),
        };
        for key in &policy.unknown {
            let d = ctx.report(key.range, format!("`{}` is not a policy element", key.name));
            if STATEMENT_ELEMENTS.contains(&key.name.as_ref()) {
                d.help(format!(
                    "`{}` belongs inside a statement: `\"Statement\": [{{\"{}\": …}}]`",
                    key.name, key.name
                ));
                continue;
            }
            match suggest_element(&key.name, &ELEMENTS, present) {
                Some((name, applicability)) => {
                    d.help(format!("did you mean `{name}`?")).fix(Fix::new(
                        format!("rename to `{name}`"),
                        applicability,
                        vec![rename_key(key, name)],
                    ));
                }
                None => {
                    d.help("a policy has only `Version`, `Id` and `Statement`");
                }
            }
        }
    }
}
