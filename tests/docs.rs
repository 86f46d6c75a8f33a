//! Every rule doc `rules/<CODE>.md` has the required shape, and its examples run: each
//! `expect_diagnostic` block raises that rule and nothing else (beyond its `also=` list),
//! and each other block raises nothing at all, with every default rule enabled.

use std::collections::BTreeSet;

use iamlint_lint::{RULES, check_text};
use iamlint_tests::{assert_well_formed, default_options, doc_examples, render};

#[test]
fn every_rule_doc_has_the_required_sections() {
    let mut problems = Vec::new();
    for rule in RULES {
        let m = rule.meta();
        let doc = m.doc;
        let title = format!("# {} ({})", m.name, m.code);
        if doc.lines().next() != Some(title.as_str()) {
            problems.push(format!("{}: first line must be `{title}`", m.code));
        }
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            if !doc.lines().any(|l| l == section) {
                problems.push(format!("{}: missing `{section}`", m.code));
            }
        }
        let ex = doc_examples(doc);
        if !ex.iter().any(|e| e.expect_diagnostic) {
            problems.push(format!("{}: no `expect_diagnostic` example", m.code));
        }
        if !ex.iter().any(|e| !e.expect_diagnostic) {
            problems.push(format!("{}: no example that must pass", m.code));
        }
        if m.fix != iamlint_lint::FixAvailability::None && !doc.contains("## Fix safety") {
            problems.push(format!("{}: fixable rule without `## Fix safety`", m.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_doc_example_behaves_as_declared() {
    let mut problems = Vec::new();
    for rule in RULES {
        let m = rule.meta();
        for ex in doc_examples(m.doc) {
            let options = iamlint_lint::Options {
                resource_type: ex.resource_type.clone(),
                account_id: ex.account_id.clone(),
                sensitive_resources: ex.sensitive_resources.clone(),
                now: ex.now,
                ..default_options(&[m.code], ex.policy_type)
            };
            let checked = check_text(&ex.code, &options);
            assert_well_formed(&checked.text, &checked.diagnostics);
            let raised: BTreeSet<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
            let shown = render(
                &format!("rules/{}.md:{}", m.code, ex.line),
                &checked.text,
                &checked.diagnostics,
            );
            if ex.expect_diagnostic {
                let allowed: BTreeSet<&str> = ex
                    .also
                    .iter()
                    .map(|a| iamlint_lint::find_rule(a).map_or("?", |r| r.meta().code))
                    .chain([m.code])
                    .collect();
                if !raised.contains(m.code) {
                    problems.push(format!(
                        "{} line {}: bad example does not raise {}\n{shown}",
                        m.code, ex.line, m.code
                    ));
                }
                let extra: Vec<_> = raised.difference(&allowed).collect();
                if !extra.is_empty() {
                    problems.push(format!(
                        "{} line {}: bad example also raises {extra:?}\n{shown}",
                        m.code, ex.line
                    ));
                }
            } else if !checked.diagnostics.is_empty() {
                problems.push(format!(
                    "{} line {}: good example raises {raised:?}\n{shown}",
                    m.code, ex.line
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
