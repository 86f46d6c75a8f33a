use super::prelude::*;

declare_rule! {
    /// A key that appears twice in one object.
    pub struct JsonDuplicateKey {
        code: "IAM003",
        name: "json-duplicate-key",
        category: Syntax,
        severity: Error,
        fix: None,
        summary: "the same key twice in one object",
    }
}

impl Rule for JsonDuplicateKey {
    fn check_document(&self, ctx: &mut Ctx<'_>) {
        let file = ctx.file;
        for issue in file
            .parsed
            .issues
            .iter()
            .filter(|i| i.kind == IssueKind::DuplicateKey)
        {
            let d = ctx.report(issue.range, issue.message.clone());
            d.primary_message("repeated here");
            if let Some(help) = &issue.help {
                d.help(help.clone());
            }
            for l in &issue.related {
                d.secondary(l.range, l.message.clone());
            }
        }
    }
}
