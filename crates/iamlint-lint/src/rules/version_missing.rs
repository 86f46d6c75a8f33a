use super::prelude::*;

declare_rule! {
    /// A policy without `Version`: AWS then uses the 2008-10-17 language, in which policy
    /// variables are plain text.
    pub struct VersionMissing {
        code: "IAM104",
        name: "version-missing",
        category: Correctness,
        severity: Warning,
        fix: Always,
        summary: "no Version element",
    }
}

impl Rule for VersionMissing {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if policy.version.is_some() {
            return;
        }
        let source = ctx.source();
        let root = ctx.file.parsed.root.as_ref();
        let first_key = root
            .and_then(|r| r.as_object())
            .and_then(|m| m.first())
            .map(|m| m.key.range);
        let insert = after_open_brace(policy.range);
        let text = match first_key {
            Some(k) => {
                let gap = slice(source, TextRange::new(insert.start(), k.start()));
                if gap.is_empty() {
                    "\"Version\":\"2012-10-17\",".to_owned()
                } else {
                    let ws = if gap.chars().all(char::is_whitespace) {
                        gap
                    } else {
                        " "
                    };
                    format!("{ws}\"Version\": \"2012-10-17\",")
                }
            }
            None => "\"Version\": \"2012-10-17\"".to_owned(),
        };
        let applicability = if source.contains("${") {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        ctx.report(first_char(policy.range), "policy has no `Version`")
            .help("without `\"Version\": \"2012-10-17\"`, AWS uses the 2008-10-17 language, where policy variables such as `${aws:username}` are plain text")
            .fix(Fix::new("add `\"Version\": \"2012-10-17\"`", applicability, vec![Edit::insert(insert.start(), text)]));
    }
}
