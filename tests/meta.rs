//! Meta-tests over the whole rule set (clippy's style): identities, docs, generated files
//! and message style in every snapshot.

use std::collections::BTreeSet;

use iamlint_lint::RULES;
use iamlint_tests::{files_with_ext, repo_root};

#[test]
fn registry_is_sorted_and_unique() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "RULES must be sorted by code");
    let unique: BTreeSet<_> = codes.iter().collect();
    assert_eq!(unique.len(), codes.len(), "duplicate codes");
    let names: BTreeSet<_> = RULES.iter().map(|r| r.meta().name).collect();
    assert_eq!(names.len(), codes.len(), "duplicate names");
}

#[test]
fn codes_and_names_have_the_documented_shape() {
    for r in RULES {
        let m = r.meta();
        assert!(
            m.code.len() == 6
                && m.code.starts_with("IAM")
                && m.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "bad code {}",
            m.code
        );
        assert!(
            !m.name.is_empty()
                && m.name.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{}: name `{}` is not kebab-case",
            m.code,
            m.name
        );
        assert!(
            !m.summary.ends_with('.'),
            "{}: summary ends with a period",
            m.code
        );
    }
}

#[test]
fn every_doc_belongs_to_a_rule() {
    let docs = files_with_ext(&repo_root().join("rules"), "md");
    for d in docs {
        let stem = d.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "README" {
            continue;
        }
        assert!(
            iamlint_lint::find_rule(&stem).is_some(),
            "rules/{stem}.md documents no rule"
        );
    }
}

#[test]
fn generated_files_are_current() {
    let (files, notes) = xtask::all().expect("generation works");
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(notes.is_empty(), "{notes:?}");
    }
    for g in files {
        let current = std::fs::read_to_string(repo_root().join(g.path)).unwrap_or_default();
        assert!(
            current == g.content,
            "{} is stale: run `cargo xtask codegen`",
            g.path
        );
    }
}

/// Every diagnostic header in every snapshot follows the message style: lowercase start, no
/// final period, user data in backticks (checked as: no bare double quotes outside them).
#[test]
fn snapshot_messages_follow_the_style_guide() {
    let mut problems = Vec::new();
    for snap in files_with_ext(&repo_root().join("tests"), "snap") {
        let text = std::fs::read_to_string(&snap).unwrap();
        for line in text.lines() {
            let Some(rest) = ["error[", "security[", "warning[", "info["]
                .iter()
                .find_map(|p| line.strip_prefix(p))
            else {
                continue;
            };
            let Some((_, message)) = rest.split_once("]: ") else {
                continue;
            };
            let first = message.chars().next().unwrap_or('a');
            if first.is_uppercase() || message.ends_with('.') {
                problems.push(format!("{}: {message}", snap.display()));
            }
            let outside_backticks: String = message.split('`').step_by(2).collect();
            if outside_backticks.contains('"') {
                problems.push(format!(
                    "{}: unquoted user data in `{message}`",
                    snap.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
