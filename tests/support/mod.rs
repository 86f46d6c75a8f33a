//! Helpers shared by iamlint's cross-crate tests.

pub mod corpus;

use std::path::{Path, PathBuf};

use iamlint_diagnostics::{Applicability, Diagnostic, TextRenderer, apply_fixes};
use iamlint_lint::{Options, Selection, check_text};
use iamlint_model::PolicyType;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/data` next to the repository, if present.
///
/// Tests that need it call [`require_corpus`], which skips with a message when it is absent,
/// except under `CI=true`, where a missing corpus is a failure.
pub fn shared_data() -> PathBuf {
    repo_root().join("..").join("shared").join("data")
}

/// Returns the corpus directory, or `None` (after saying so) when the test should be skipped.
/// Panics under `CI=true` when the corpus is missing.
pub fn require_corpus(sub: &str) -> Option<PathBuf> {
    let dir = shared_data().join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "corpus `{}` is missing, and CI=true makes that a failure",
            dir.display()
        );
    }
    eprintln!("skipping: corpus `{}` is absent", dir.display());
    None
}

/// Every file under `dir` with extension `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Options that run exactly `rules` (codes or names), with an optional policy type.
pub fn options_for(rules: &[&str], policy_type: Option<PolicyType>) -> Options {
    Options {
        policy_type,
        selection: Selection::only(rules).expect("known rules"),
        ..Options::default()
    }
}

/// Options that run every default rule plus `extra`.
pub fn default_options(extra: &[&str], policy_type: Option<PolicyType>) -> Options {
    Options {
        policy_type,
        selection: Selection::resolve(None, extra, &[]).expect("known rules"),
        ..Options::default()
    }
}

/// Renders diagnostics as the CLI's plain text form.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    TextRenderer { color: false }.render(path, text, diagnostics)
}

/// Checks the invariants every diagnostic must keep: ranges inside the text and on char
/// boundaries, message style, and fix honesty.
pub fn assert_well_formed(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let mut ranges = vec![d.primary.range];
        ranges.extend(d.secondary.iter().map(|l| l.range));
        for f in &d.fixes {
            ranges.extend(f.edits.iter().map(|e| e.range));
        }
        for r in ranges {
            let (s, e) = (usize::from(r.start()), usize::from(r.end()));
            assert!(
                e <= text.len(),
                "{}: range {s}..{e} outside text of {} bytes",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{}: range {s}..{e} off char boundary",
                d.code
            );
        }
        assert_message_style(d);
    }
}

/// Messages are lowercase, have no final period and no line breaks (cedar's style guide).
pub fn assert_message_style(d: &Diagnostic) {
    let m = &d.message;
    assert!(!m.is_empty(), "{}: empty message", d.code);
    assert!(
        !m.ends_with('.'),
        "{}: message ends with a period: {m}",
        d.code
    );
    assert!(
        !m.contains('\n'),
        "{}: message has a line break: {m}",
        d.code
    );
    let first = m.chars().next().unwrap_or('a');
    assert!(
        !first.is_uppercase(),
        "{}: message starts with a capital: {m}",
        d.code
    );
    if let Some(h) = &d.help {
        assert!(!h.contains('\n'), "{}: help has a line break: {h}", d.code);
        assert!(
            !h.ends_with('.'),
            "{}: help ends with a period: {h}",
            d.code
        );
    }
}

/// Applies fixes of at least `min` until none applies. Panics if they do not converge within
/// ten rounds or produce text that is not strict JSON.
pub fn fix_until_stable(text: &str, options: &Options, min: Applicability) -> (String, usize) {
    let mut current = text.to_owned();
    let mut applied = 0;
    for _ in 0..10 {
        let checked = check_text(&current, options);
        let out = apply_fixes(&checked.text, &checked.diagnostics, min);
        if out.applied == 0 {
            return (current, applied);
        }
        applied += out.applied;
        let reparsed = iamlint_syntax::parse(&out.text);
        assert!(
            reparsed.root.is_some(),
            "fixes produced text that does not parse:\n{}",
            out.text
        );
        current = out.text;
    }
    panic!("fixes did not converge in ten rounds:\n{current}");
}

/// A fenced code block of a rule doc.
#[derive(Debug)]
pub struct DocExample {
    pub code: String,
    pub expect_diagnostic: bool,
    pub policy_type: Option<PolicyType>,
    /// `--resource-type` for the example.
    pub resource_type: Option<String>,
    /// `--account-id` for the example.
    pub account_id: Option<String>,
    /// `--sensitive-resource` for the example.
    pub sensitive_resources: Vec<String>,
    /// The current time for the example (epoch seconds).
    pub now: Option<i64>,
    pub also: Vec<String>,
    pub line: usize,
}

/// Parses the ```` ```json ```` blocks of a rule doc. Info string: `json`, then
/// comma-separated flags: `expect_diagnostic`, `type=<policy type>`, `resource-type=<service
/// or type>`, `account-id=<id>`, `sensitive-resource=<arn>`, `now=<epoch seconds>`,
/// `also=<code>`.
pub fn doc_examples(doc: &str) -> Vec<DocExample> {
    let mut out = Vec::new();
    let mut lines = doc.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let flags: Vec<&str> = info.split([',', ' ']).filter(|s| !s.is_empty()).collect();
        if flags.first() != Some(&"json") {
            // skip non-JSON blocks to their end
            for (_, l) in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
            }
            continue;
        }
        let mut ex = DocExample {
            code: String::new(),
            expect_diagnostic: false,
            policy_type: None,
            resource_type: None,
            account_id: None,
            sensitive_resources: Vec::new(),
            now: None,
            also: Vec::new(),
            line: i + 1,
        };
        for f in flags.iter().skip(1) {
            if *f == "expect_diagnostic" {
                ex.expect_diagnostic = true;
            } else if let Some(t) = f.strip_prefix("type=") {
                ex.policy_type = Some(
                    PolicyType::parse(t)
                        .unwrap_or_else(|| panic!("bad type `{t}` at line {}", i + 1)),
                );
            } else if let Some(t) = f.strip_prefix("resource-type=") {
                ex.resource_type = Some(t.to_owned());
            } else if let Some(a) = f.strip_prefix("account-id=") {
                ex.account_id = Some(a.to_owned());
            } else if let Some(r) = f.strip_prefix("sensitive-resource=") {
                ex.sensitive_resources.push(r.to_owned());
            } else if let Some(n) = f.strip_prefix("now=") {
                ex.now = Some(
                    n.parse()
                        .unwrap_or_else(|_| panic!("bad `now` at line {}", i + 1)),
                );
            } else if let Some(c) = f.strip_prefix("also=") {
                ex.also.push(c.to_owned());
            } else {
                panic!("unknown flag `{f}` at line {}", i + 1);
            }
        }
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            ex.code.push_str(l);
            ex.code.push('\n');
        }
        out.push(ex);
    }
    out
}
