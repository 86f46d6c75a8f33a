//! Corpus tests: every AWS managed policy and every real-world policy runs through every rule
//! without a panic, with well-formed diagnostics, and with per-rule counts snapshotted.
//! `tests/CORPUS.md` explains the findings.
//!
//! The corpus lives in `../shared/data`; without it these tests skip, except under `CI=true`.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use iamlint_diagnostics::Severity;
use iamlint_lint::{Checked, check_bytes};
use iamlint_tests::corpus::{self, Doc};
use iamlint_tests::{assert_well_formed, default_options, require_corpus};

struct Run {
    files: usize,
    files_with_findings: usize,
    by_rule: BTreeMap<(&'static str, &'static str), usize>,
    checked: Vec<(String, Checked)>,
}

fn run(docs: &[Doc]) -> Run {
    let mut r = Run {
        files: docs.len(),
        files_with_findings: 0,
        by_rule: BTreeMap::new(),
        checked: Vec::new(),
    };
    let mut panics = Vec::new();
    for doc in docs {
        let options = iamlint_lint::Options {
            resource_type: doc.resource_type.clone(),
            ..default_options(&[], doc.policy_type)
        };
        match catch_unwind(AssertUnwindSafe(|| check_bytes(&doc.text, &options))) {
            Ok(checked) => {
                assert_well_formed(&checked.text, &checked.diagnostics);
                if !checked.diagnostics.is_empty() {
                    r.files_with_findings += 1;
                }
                for d in &checked.diagnostics {
                    *r.by_rule.entry((d.code, d.name)).or_default() += 1;
                }
                r.checked.push((doc.name.clone(), checked));
            }
            Err(_) => panics.push(doc.name.clone()),
        }
    }
    assert!(panics.is_empty(), "panicked on {panics:?}");
    r
}

fn counts(r: &Run) -> String {
    let mut s = format!(
        "files: {}\nfiles with findings: {}\n",
        r.files, r.files_with_findings
    );
    for ((code, name), n) in &r.by_rule {
        s.push_str(&format!("{code} {name}: {n}\n"));
    }
    s
}

#[test]
fn managed_policies() {
    let Some(root) = require_corpus("aws-managed-policies") else {
        return;
    };
    let docs = corpus::managed(&root);
    assert!(
        docs.len() >= 1500,
        "expected the 1,594 managed policies, found {}",
        docs.len()
    );
    let r = run(&docs);
    // AWS's own policies are valid documents: no grammar, structure or variable errors. Size
    // errors (IAM05x) and catalog-backed findings (IAM3xx, IAM4xx, IAM6xx) are AWS's
    // mistakes or the catalog's, each explained in tests/CORPUS.md
    let grammar_errors: Vec<String> = r
        .checked
        .iter()
        .flat_map(|(name, c)| c.diagnostics.iter().map(move |d| (name, d)))
        .filter(|(_, d)| {
            let grammar = ["IAM0", "IAM1", "IAM2", "IAM7"]
                .iter()
                .any(|p| d.code.starts_with(p));
            d.severity == Severity::Error && grammar && !d.code.starts_with("IAM05")
        })
        .map(|(name, d)| format!("{name}: {} {}", d.code, d.message))
        .collect();
    assert!(
        grammar_errors.is_empty(),
        "grammar errors in AWS managed policies:\n{}",
        grammar_errors.join("\n")
    );
    insta::assert_snapshot!("managed", counts(&r));
    insta::assert_snapshot!("managed_catalog_findings", catalog_findings(&r));
}

/// Rules backed by the AWS catalog: resource-policy fit (IAM218-220), actions (IAM3xx), ARNs
/// (IAM4xx) and conditions (IAM6xx).
fn catalog_backed(code: &str) -> bool {
    ["IAM218", "IAM219", "IAM220", "IAM3", "IAM4", "IAM6"]
        .iter()
        .any(|p| code.starts_with(p))
}

/// Every catalog-backed finding, grouped by rule: the report that `tests/CORPUS.md` explains.
fn catalog_findings(r: &Run) -> String {
    let mut groups: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for (name, c) in &r.checked {
        let index = iamlint_diagnostics::LineIndex::new(&c.text);
        for d in c.diagnostics.iter().filter(|d| catalog_backed(d.code)) {
            let at = index.position(&c.text, d.primary.range.start());
            groups.entry((d.code, d.name)).or_default().push(format!(
                "{name}:{}:{} {}: {}",
                at.line,
                at.column,
                d.severity.as_str(),
                d.message
            ));
        }
    }
    let mut out = String::from(
        "Every catalog-backed finding on the AWS managed policies, grouped by rule.\n",
    );
    for ((code, name), lines) in &groups {
        out.push_str(&format!("\n## {code} {name} ({})\n\n", lines.len()));
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn real_world_policies() {
    let Some(root) = require_corpus("real-world") else {
        return;
    };
    let docs = corpus::real_world(&root);
    assert!(
        docs.len() >= 700,
        "expected the real-world corpus, found {} files",
        docs.len()
    );
    let r = run(&docs);
    insta::assert_snapshot!("real_world", counts(&r));
    // every finding on AWS's SCP and data-perimeter examples, for CORPUS.md
    let mut listing = String::new();
    for (name, c) in &r.checked {
        if !(name.starts_with("aws-samples-")) {
            continue;
        }
        for d in &c.diagnostics {
            listing.push_str(&format!("{name}: {} {}: {}\n", d.code, d.name, d.message));
        }
    }
    insta::assert_snapshot!("aws_samples_findings", listing);
}

#[test]
fn parliament_test_cases() {
    let Some(root) = require_corpus("real-world") else {
        return;
    };
    let docs = corpus::parliament_cases(&root);
    assert!(
        docs.len() >= 60,
        "expected parliament's 67 cases, found {}",
        docs.len()
    );
    let r = run(&docs);
    insta::assert_snapshot!("parliament", counts(&r));
}
