use super::prelude::*;

declare_rule! {
    /// Characters IAM does not accept in a policy document: anything but tab, line feed,
    /// carriage return and U+0020 to U+00FF.
    pub struct DocDisallowedChars {
        code: "IAM004",
        name: "doc-disallowed-chars",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "characters outside tab, LF, CR and U+0020 to U+00FF",
    }
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{ff}')
}

impl Rule for DocDisallowedChars {
    fn check_document(&self, ctx: &mut Ctx<'_>) {
        let source = ctx.source();
        // the common case, printable ASCII and line breaks, in one pass that the compiler
        // vectorises: a branch-free test per 64-byte block
        let plain = |b: u8| (0x20..0x7f).contains(&b) | (b == b'\t') | (b == b'\n') | (b == b'\r');
        if source
            .as_bytes()
            .chunks(64)
            .all(|block| block.iter().fold(true, |ok, &b| ok & plain(b)))
        {
            return;
        }
        let invalid = ctx.file.invalid_utf8;
        let mut run: Option<(usize, usize)> = None;
        let mut runs = Vec::new();
        for (i, c) in source.char_indices() {
            let replaced = invalid.iter().any(|r| usize::from(r.start()) == i);
            if allowed(c) || replaced {
                if let Some(r) = run.take() {
                    runs.push(r);
                }
                continue;
            }
            let end = i + c.len_utf8();
            run = Some(match run {
                Some((s, _)) => (s, end),
                None => (i, end),
            });
        }
        runs.extend(run);
        for (s, e) in runs {
            let r = span(s, e);
            let text = source.get(s..e).unwrap_or("");
            if s == 0 && text.starts_with('\u{feff}') && text.chars().count() == 1 {
                ctx.report(r, "the file starts with a UTF-8 byte order mark")
                    .help("IAM rejects characters outside U+0020 to U+00FF; save the file as UTF-8 without a BOM")
                    .fix(Fix::safe("remove the byte order mark", vec![Edit::delete(r)]));
                continue;
            }
            let codes: Vec<String> = text
                .chars()
                .take(4)
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            let shown: String = text.chars().filter(|c| !c.is_control()).take(8).collect();
            let what = if shown.is_empty() {
                format!("control character {}", codes.join(" "))
            } else {
                format!("`{shown}` ({})", codes.join(" "))
            };
            ctx.report(r, format!("{what} cannot appear in a policy document"))
                .help("IAM accepts only tab, line feed, carriage return and characters U+0020 to U+00FF");
        }
    }
}
