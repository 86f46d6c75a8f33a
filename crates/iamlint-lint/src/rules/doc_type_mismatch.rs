use super::prelude::*;
use iamlint_model::{Principal, StatementBlock, StrList, Typed};

declare_rule! {
    /// An element whose JSON type is wrong: a number for `Effect`, an object for `Action`,
    /// a string for `Statement`, and so on.
    pub struct DocTypeMismatch {
        code: "IAM101",
        name: "doc-type-mismatch",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an element has the wrong JSON type",
    }
}

fn report(ctx: &mut Ctx<'_>, w: &WrongType, what: &str, expected: &str) {
    let source = ctx.source();
    let looks_intrinsic = w.found == JsonType::Object && {
        let t = slice(source, w.range);
        t.contains("\"Fn::") || t.contains("\"Ref\"")
    };
    let d = ctx.report(
        w.range,
        format!("{what} must be {expected}, found {}", w.found.name()),
    );
    if looks_intrinsic {
        d.help("this looks like an unresolved CloudFormation intrinsic function; check the policy as deployed");
    }
}

fn check_list(ctx: &mut Ctx<'_>, list: &Typed<StrList>, element: &str) {
    match list {
        Typed::Wrong(w) => report(
            ctx,
            w,
            &format!("`{element}`"),
            "a string or an array of strings",
        ),
        Typed::Ok(l) => {
            for item in &l.items {
                if let Typed::Wrong(w) = item {
                    report(ctx, w, &format!("each entry of `{element}`"), "a string");
                }
            }
        }
    }
}

fn check_principal(ctx: &mut Ctx<'_>, p: &Typed<Principal>, element: &str) {
    match p {
        Typed::Wrong(w) => report(ctx, w, &format!("`{element}`"), "`\"*\"` or an object"),
        Typed::Ok(p) => {
            for e in p.entries() {
                check_list(ctx, &e.values, &format!("{element}.{}", e.key.name));
            }
        }
    }
}

impl Rule for DocTypeMismatch {
    fn check_document(&self, ctx: &mut Ctx<'_>) {
        if let Some(w) = ctx.file.root_not_object {
            report(ctx, &w, "a policy", "a JSON object");
        }
    }

    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        for (entry, name) in [(&policy.version, "Version"), (&policy.id, "Id")] {
            if let Some(Entry {
                value: Typed::Wrong(w),
                ..
            }) = entry
            {
                report(ctx, w, &format!("`{name}`"), "a string");
            }
        }
        match policy.statement.as_ref().map(|e| &e.value) {
            Some(Typed::Wrong(w)) => {
                report(ctx, w, "`Statement`", "an object or an array of objects")
            }
            Some(Typed::Ok(StatementBlock::Array { items, .. })) => {
                for (i, item) in items.iter().enumerate() {
                    if let Typed::Wrong(w) = item {
                        report(ctx, w, &format!("statement #{}", i + 1), "an object");
                    }
                }
            }
            _ => {}
        }
    }

    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for (entry, name) in [(&stmt.sid, "Sid"), (&stmt.effect, "Effect")] {
            if let Some(Entry {
                value: Typed::Wrong(w),
                ..
            }) = entry
            {
                report(ctx, w, &format!("`{name}`"), "a string");
            }
        }
        for (entry, name) in [
            (&stmt.principal, "Principal"),
            (&stmt.not_principal, "NotPrincipal"),
        ] {
            if let Some(e) = entry {
                check_principal(ctx, &e.value, name);
            }
        }
        // Resource values are `resource-not-string`'s; Condition blocks `cond-block-malformed`'s
        for (entry, name) in [(&stmt.action, "Action"), (&stmt.not_action, "NotAction")] {
            if let Some(e) = entry {
                check_list(ctx, &e.value, name);
            }
        }
    }
}
