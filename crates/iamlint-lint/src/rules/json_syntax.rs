use super::prelude::*;

declare_rule! {
    /// The text is not JSON: nothing else can be checked past the error.
    pub struct JsonSyntax {
        code: "IAM001",
        name: "json-syntax",
        category: Syntax,
        severity: Error,
        fix: None,
        summary: "the text is not valid JSON",
    }
}

impl Rule for JsonSyntax {
    fn check_document(&self, ctx: &mut Ctx<'_>) {
        let file = ctx.file;
        for issue in file
            .parsed
            .issues
            .iter()
            .filter(|i| i.kind == IssueKind::Syntax)
        {
            let d = ctx.report(issue.range, issue.message.clone());
            if let Some(help) = &issue.help {
                d.help(help.clone());
            }
            for l in &issue.related {
                d.secondary(l.range, l.message.clone());
            }
        }
        for r in file.invalid_utf8 {
            ctx.report(*r, "invalid UTF-8 byte sequence")
                .primary_message("shown here as U+FFFD")
                .help("policy documents are UTF-8 text; re-save the file as UTF-8");
        }
    }
}
