use super::prelude::*;

declare_rule! {
    /// JSON5/JSONC syntax that IAM rejects: comments, trailing or missing commas, single
    /// quotes, unquoted keys, non-JSON numbers, escapes and whitespace.
    pub struct JsonNonStandard {
        code: "IAM002",
        name: "json-non-standard",
        category: Syntax,
        severity: Error,
        fix: Sometimes,
        summary: "comments, trailing commas, single quotes and other non-JSON syntax",
    }
}

impl Rule for JsonNonStandard {
    fn check_document(&self, ctx: &mut Ctx<'_>) {
        let file = ctx.file;
        for issue in file
            .parsed
            .issues
            .iter()
            .filter(|i| i.kind == IssueKind::NonStandard)
        {
            let d = ctx.report(issue.range, issue.message.clone());
            if let Some(help) = &issue.help {
                d.help(help.clone());
            }
            if let Some(fix) = &issue.fix {
                d.fix(fix.clone());
            }
        }
    }
}
