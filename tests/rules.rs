//! Rule fixtures: `tests/fixtures/rules/<CODE>/{valid,invalid}-<name>[.<type>].json`.
//!
//! Only the rule named by the directory runs. A `valid-*` file must raise nothing and an
//! `invalid-*` file must raise the rule. The snapshot beside each input holds the rendered
//! diagnostics and, when the rule fixes anything, the document after its safe fixes and after
//! all fixes. An optional `.<type>` before `.json` (`invalid-x.trust.json`) sets the policy type,
//! `.<type>@<resource type>` (`invalid-x.resource@s3.json`) also `--resource-type`, and a
//! trailing `%<account>` (`invalid-x.trust%111122223333.json`) `--account-id`. A sidecar
//! `<fixture>.json.args` holds `sensitive-resource=ARN` lines.

use std::path::Path;

use iamlint_diagnostics::Applicability;
use iamlint_lint::{FixAvailability, RULES, check_text};
use iamlint_model::PolicyType;
use iamlint_tests::{
    assert_well_formed, files_with_ext, fix_until_stable, options_for, render, repo_root,
};

fn fixture_options(code: &str, file_name: &str) -> iamlint_lint::Options {
    let suffix = file_name
        .strip_suffix(".json")
        .and_then(|stem| stem.rsplit_once('.'))
        .map(|(_, t)| t);
    let (policy_type, resource_type, account_id) = match suffix {
        None => (None, None, None),
        Some(t) => {
            let (t, account) = match t.split_once('%') {
                Some((t, a)) => (t, Some(a.to_owned())),
                None => (t, None),
            };
            let (t, rt) = match t.split_once('@') {
                Some((t, rt)) => (t, Some(rt.to_owned())),
                None => (t, None),
            };
            let pt = PolicyType::parse(t)
                .unwrap_or_else(|| panic!("{file_name}: unknown policy type `{t}`"));
            (Some(pt), rt, account)
        }
    };
    // `<fixture>.args`: `sensitive-resource=ARN` and `now=EPOCH` lines, for options a file name
    // cannot hold
    let dir = repo_root().join("tests/fixtures/rules").join(code);
    let args = std::fs::read_to_string(dir.join(format!("{file_name}.args"))).unwrap_or_default();
    let sensitive_resources = args
        .lines()
        .filter_map(|l| l.strip_prefix("sensitive-resource="))
        .map(str::to_owned)
        .collect();
    // `now=EPOCH`: the current time, for the rules that compare dates with it
    let now = args
        .lines()
        .find_map(|l| l.strip_prefix("now="))
        .map(|n| n.trim().parse().expect("`now=` takes epoch seconds"));
    iamlint_lint::Options {
        resource_type,
        account_id,
        sensitive_resources,
        now,
        ..options_for(&[code], policy_type)
    }
}

fn snapshot_for(path: &Path, code: &str) -> String {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let options = fixture_options(code, &name);
    let checked = check_text(&text, &options);
    assert_well_formed(&checked.text, &checked.diagnostics);
    let valid = name.starts_with("valid-");
    assert!(
        name.starts_with("valid-") || name.starts_with("invalid-"),
        "{name}: must start with valid- or invalid-"
    );
    if valid {
        assert!(
            checked.diagnostics.is_empty(),
            "{code}/{name} must raise nothing:\n{}",
            render(&name, &text, &checked.diagnostics)
        );
    } else {
        assert!(
            checked.diagnostics.iter().any(|d| d.code == code),
            "{code}/{name} must raise {code}"
        );
    }
    let rule = iamlint_lint::find_rule(code).unwrap().meta();
    let has_fix = checked.diagnostics.iter().any(|d| !d.fixes.is_empty());
    if rule.fix == FixAvailability::None {
        assert!(
            !has_fix,
            "{code} declares no fixes but offered one in {name}"
        );
    }
    if rule.fix == FixAvailability::Always {
        for d in &checked.diagnostics {
            assert!(
                !d.fixes.is_empty(),
                "{code} declares fixes always but `{}` has none",
                d.message
            );
        }
    }
    let shown_path = format!("{code}/{name}");
    let mut out = render(&shown_path, &text, &checked.diagnostics);
    if has_fix {
        let (safe, _) = fix_until_stable(&text, &options, Applicability::Safe);
        let (all, _) = fix_until_stable(&text, &options, Applicability::Unsafe);
        out.push_str("\n--- after safe fixes ---\n");
        out.push_str(&safe);
        if all != safe {
            out.push_str("\n--- after all fixes ---\n");
            out.push_str(&all);
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let root = repo_root().join("tests/fixtures/rules");
    let files = files_with_ext(&root, "json");
    assert!(!files.is_empty(), "no fixtures under {}", root.display());
    let mut failures = Vec::new();
    for path in &files {
        let dir = path.parent().unwrap();
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let result = std::panic::catch_unwind(|| {
            let snap = snapshot_for(path, &code);
            insta::with_settings!({
                snapshot_path => dir,
                prepend_module_to_snapshot => false,
                omit_expression => true,
                input_file => path,
            }, {
                insta::assert_snapshot!(name.clone(), snap);
            });
        });
        if result.is_err() {
            failures.push(format!("{code}/{name}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures failed: {failures:?}",
        failures.len()
    );
}

#[test]
fn every_rule_has_a_valid_and_an_invalid_fixture() {
    let root = repo_root().join("tests/fixtures/rules");
    let mut missing = Vec::new();
    for rule in RULES {
        let code = rule.meta().code;
        let dir = root.join(code);
        let names: Vec<String> = files_with_ext(&dir, "json")
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        for prefix in ["valid-", "invalid-"] {
            if !names.iter().any(|n| n.starts_with(prefix)) {
                missing.push(format!("{code}: no {prefix}*.json"));
            }
        }
    }
    // and no fixture directory for a rule that does not exist
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if iamlint_lint::find_rule(&name).is_none() {
            missing.push(format!("{name}: fixture directory for an unknown rule"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
