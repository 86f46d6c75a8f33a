use super::prelude::*;
use iamlint_model::Typed;

declare_rule! {
    /// A `Resource` or `NotResource` value that is not a string (or array of strings), often
    /// an unresolved CloudFormation intrinsic such as `{"Fn::Sub": ...}`.
    pub struct ResourceNotString {
        code: "IAM413",
        name: "resource-not-string",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Resource that is not a string",
    }
}

fn intrinsic(source: &str, w: &WrongType) -> bool {
    w.found == JsonType::Object && {
        let t = slice(source, w.range);
        t.contains("\"Fn::") || t.contains("\"Ref\"")
    }
}

impl Rule for ResourceNotString {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let source = ctx.source();
        for (entry, name) in [
            (&stmt.resource, "Resource"),
            (&stmt.not_resource, "NotResource"),
        ] {
            let Some(e) = entry else { continue };
            let wrongs: Vec<WrongType> = match &e.value {
                Typed::Wrong(w) => vec![*w],
                Typed::Ok(l) => l
                    .items
                    .iter()
                    .filter_map(|i| {
                        if let Typed::Wrong(w) = i {
                            Some(*w)
                        } else {
                            None
                        }
                    })
                    .collect(),
            };
            for w in wrongs {
                let d = ctx.report(
                    w.range,
                    format!("`{name}` values must be strings, found {}", w.found.name()),
                );
                if intrinsic(source, &w) {
                    d.help("this is an unresolved CloudFormation intrinsic function; lint the policy as deployed (for example from the synthesized template)");
                } else {
                    d.help("write the ARN as a string, or `\"*\"`");
                }
            }
        }
    }
}
