//! The `iamlint` binary as a user runs it: exit codes, formats, stdin, directories, missing
//! files, fixes, `rules` and `explain`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "test code: a failed expectation should panic with a message"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iamlint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run iamlint")
}

fn iamlint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iamlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn iamlint");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// The string `field` of each item of the JSON report's `list` (`files`, `diagnostics`).
fn json_strings(o: &Output, list: &str, field: &str) -> Vec<String> {
    json(o)[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap().to_owned())
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

const CLEAN: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;

#[test]
fn the_shipped_examples_as_the_readme_runs_them() {
    let o = iamlint(&["check", "examples"], &repo());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("examples_text", stdout(&o));
}

#[test]
fn json_output_follows_the_contract() {
    let o = iamlint(&["check", "examples", "--format", "json"], &repo());
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["diagnostics", "files", "version"]);
    let files = v["files"].as_array().unwrap();
    // the five examples with mistakes, and the two clean policies of the simulate example
    assert_eq!(files.len(), 7);
    for f in files {
        let k: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(k, ["path", "policy_type"]);
    }
    let types: Vec<(&str, &str)> = files
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["policy_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        types.contains(&("examples/github-deploy-trust.json", "trust")),
        "{types:?}"
    );
    assert!(
        types.contains(&("examples/reports-bucket-policy.json", "resource")),
        "{types:?}"
    );
    assert!(
        types.contains(&("examples/s3-reports-reader.json", "identity")),
        "{types:?}"
    );
    for d in v["diagnostics"].as_array().unwrap() {
        let k: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            k,
            [
                "code", "help", "message", "name", "path", "range", "severity"
            ]
        );
        for end in ["start", "end"] {
            let p = &d["range"][end];
            let k: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(k, ["column", "line", "offset"]);
            assert!(p["line"].as_u64().unwrap() >= 1 && p["column"].as_u64().unwrap() >= 1);
        }
    }
}

/// Acceptance: a trailing comma gets `json-non-standard` at the exact line and column, and
/// columns count characters, not bytes.
#[test]
fn trailing_comma_at_exact_line_and_column() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"Caf\u{e9}\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},]\n}\n";
    let o = iamlint_stdin(&["check", "-", "--format", "json"], text.as_bytes());
    let v = json(&o);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "json-non-standard")
        .unwrap_or_else(|| panic!("no json-non-standard: {v}"));
    assert_eq!(d["code"], "IAM002");
    assert_eq!(d["message"], "trailing comma");
    let comma = text.find("},]").unwrap() + 1;
    let line_start = text[..comma].rfind('\n').unwrap() + 1;
    assert_eq!(d["range"]["start"]["line"], 3);
    assert_eq!(
        d["range"]["start"]["column"],
        text[line_start..comma].chars().count() + 1
    );
    assert_eq!(d["range"]["start"]["offset"], comma);
    assert_eq!(d["range"]["end"]["offset"], comma + 1);
    assert_eq!(v["files"][0]["path"], "-");
}

/// Acceptance: the issue's example gets `effect-invalid` on the `"allow"` token and
/// `version-missing`.
#[test]
fn effect_invalid_and_version_missing() {
    let text = r#"{"Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    let o = iamlint_stdin(&["check", "-", "--format", "json"], text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let diags = v["diagnostics"].as_array().unwrap();
    let names: Vec<&str> = diags.iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["version-missing", "effect-invalid"]);
    let effect = &diags[1];
    let (s, e) = (
        effect["range"]["start"]["offset"].as_u64().unwrap() as usize,
        effect["range"]["end"]["offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "\"allow\"");
    assert_eq!(effect["severity"], "error");
    assert_eq!(diags[0]["severity"], "warning");
}

/// Acceptance: a trust policy with `Resource`, and an identity policy with `Principal`, are
/// flagged at that element.
#[test]
fn elements_forbidden_by_the_policy_type() {
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#;
    let o = iamlint_stdin(&["check", "-", "--format", "json"], trust.as_bytes());
    let v = json(&o);
    assert_eq!(v["files"][0]["policy_type"], "trust");
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "trust-resource-present")
        .expect("trust-resource-present");
    let s = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&trust[s..s + 10], "\"Resource\"");

    let identity = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
    let o = iamlint_stdin(
        &[
            "check",
            "-",
            "--policy-type",
            "identity",
            "--format",
            "json",
        ],
        identity.as_bytes(),
    );
    let v = json(&o);
    assert_eq!(v["files"][0]["policy_type"], "identity");
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "principal-not-allowed")
        .expect("principal-not-allowed");
    let s = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&identity[s..s + 11], "\"Principal\"");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.json", CLEAN);
    let o = iamlint(&["check", clean.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Checked 1 file: no problems found."));

    // info only: still 0
    let info = write(
        dir.path(),
        "info.json",
        &CLEAN.replace("\"Sid\":\"Read\"", "\"Sid\":\"\""),
    );
    let o = iamlint(
        &["check", info.to_str().unwrap(), "--format", "json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["diagnostics"][0]["severity"], "info");

    // a warning fails the run; --exit-zero does not
    let warn = write(
        dir.path(),
        "warn.json",
        &CLEAN.replace("\"Version\":\"2012-10-17\",", ""),
    );
    assert_eq!(
        iamlint(&["check", warn.to_str().unwrap()], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        iamlint(
            &["check", warn.to_str().unwrap(), "--exit-zero"],
            dir.path()
        )
        .status
        .code(),
        Some(0)
    );

    // usage errors
    assert_eq!(
        iamlint(&["check", "--select", "no-such-rule", "x"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        iamlint(&["check", "--policy-type", "group"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(iamlint(&["frobnicate"], dir.path()).status.code(), Some(2));
}

#[test]
fn a_missing_file_is_an_error_but_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.json", r#"{"Statement":[]}"#);
    let o = iamlint(&["check", "bad.json", "nope.json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("iamlint: cannot read `nope.json`: no such file or directory"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("doc-missing-statement"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn directories_are_walked_for_json_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.json", CLEAN);
    write(dir.path(), "nested/deeper/b.JSON", CLEAN);
    write(dir.path(), "nested/notes.txt", "not a policy");
    write(dir.path(), "ignored/c.json", "{");
    write(dir.path(), "generated.json", "{");
    write(dir.path(), ".gitignore", "ignored/\ngenerated.json\n");
    let o = iamlint(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        json_strings(&o, "files", "path"),
        ["./a.json", "./nested/deeper/b.JSON"]
    );
    // an explicit file is checked whatever its extension, and even when ignored
    let o = iamlint(
        &[
            "check",
            "nested/notes.txt",
            "generated.json",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(json(&o)["files"].as_array().unwrap().len(), 2);
    // no argument means the current directory
    let o = iamlint(&["check", "--format", "json"], dir.path());
    assert_eq!(json(&o)["files"].as_array().unwrap().len(), 2);
}

/// The report lists a directory's files as a walk visiting each directory's entries sorted by
/// name (bytes) would, whatever order the file system lists them in; arguments keep their
/// order, and a file named twice is reported once, where it is first named.
#[test]
fn the_report_follows_the_sorted_walk_and_the_arguments() {
    let dir = tempfile::tempdir().unwrap();
    // created in an order unlike the sorted one
    for name in [
        "tree/sub/z.json",
        "tree/b.json",
        "tree/a.json",
        "tree/a-b.json",
        "tree/a/x.json",
        "tree/A.json",
        "tree/a/a/y.json",
        "tree/ab.json",
        "other/c.json",
    ] {
        write(dir.path(), name, CLEAN);
    }
    let paths = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        json_strings(&iamlint(&all, dir.path()), "files", "path")
    };
    let sorted = [
        "tree/A.json",
        "tree/a/a/y.json",
        "tree/a/x.json",
        "tree/a-b.json",
        "tree/a.json",
        "tree/ab.json",
        "tree/b.json",
        "tree/sub/z.json",
    ];
    assert_eq!(paths(&["tree"]), sorted);
    // `tree/b.json` keeps its place as the second argument, and the walk skips it
    let mut expected = vec!["other/c.json", "tree/b.json"];
    expected.extend(sorted.iter().filter(|p| **p != "tree/b.json"));
    assert_eq!(
        paths(&["other", "tree/b.json", "tree", "other/c.json"]),
        expected
    );
}

#[test]
fn stdin_with_a_display_name() {
    let o = iamlint_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "policy.json",
            "--format",
            "concise",
        ],
        b"{\"Statement\": []}",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("policy.json:1:1: warning[IAM104/version-missing]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn invalid_utf8_is_reported_not_fatal() {
    let mut bytes = CLEAN.as_bytes().to_vec();
    let at = CLEAN.find("Read").unwrap();
    bytes[at] = 0xff;
    let o = iamlint_stdin(&["check", "-", "--format", "json"], &bytes);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let names: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"json-syntax"), "{names:?}");
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "json-syntax")
        .unwrap();
    assert_eq!(d["message"], "invalid UTF-8 byte sequence");
    assert_eq!(d["range"]["start"]["offset"], at);
}

#[test]
fn fix_rewrites_files_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "p.json",
        "{\n  \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\",}]\n}\n",
    );
    let o = iamlint(&["check", "p.json", "--fix"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Fixed 3 problems."), "{}", stdout(&o));
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        fixed,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]\n}\n"
    );

    // unsafe fixes only with --unsafe-fixes
    let p = write(
        dir.path(),
        "q.json",
        &CLEAN.replace("\"Effect\"", "\"Efect\""),
    );
    let o = iamlint(&["check", "q.json", "--fix"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read_to_string(&p).unwrap().contains("Efect"));
    let o = iamlint(&["check", "q.json", "--fix", "--unsafe-fixes"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN);

    // stdin: the fixed document on stdout, the report on stderr
    let o = iamlint_stdin(&["check", "-", "--fix"], b"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",}]}");
    assert_eq!(
        stdout(&o),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"
    );
    assert!(stderr(&o).contains("Fixed 1 problem."), "{}", stderr(&o));
}

#[test]
fn select_and_ignore() {
    let text = br#"{"Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    let names = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "-", "--format", "json"];
        a.extend_from_slice(args);
        let v = json(&iamlint_stdin(&a, text));
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&["--select", "IAM111"]), ["effect-invalid"]);
    assert_eq!(names(&["--ignore", "version-missing"]), ["effect-invalid"]);
    assert_eq!(
        names(&["--select", "IAM1", "--ignore", "IAM111"]),
        ["version-missing"]
    );
}

#[test]
fn rules_lists_every_rule_and_explain_prints_docs() {
    let o = iamlint(&["rules", "--format", "json"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let rules = json(&o);
    let rules = rules.as_array().unwrap();
    let docs = std::fs::read_dir(repo().join("rules")).unwrap().count() - 1; // minus README.md
    assert_eq!(rules.len(), docs);
    for r in rules {
        for k in [
            "code",
            "name",
            "severity",
            "category",
            "fix",
            "default_enabled",
            "summary",
        ] {
            assert!(!r[k].is_null(), "{k} missing in {r}");
        }
    }
    let text = stdout(&iamlint(&["rules"], &repo()));
    assert!(text.starts_with("CODE    NAME"), "{text}");
    assert!(text.contains("IAM111  effect-invalid"), "{text}");

    for arg in ["IAM111", "effect-invalid", "iam111"] {
        let o = iamlint(&["explain", arg], &repo());
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stdout(&o).contains("# effect-invalid (IAM111)"),
            "{}",
            stdout(&o)
        );
    }
    let o = iamlint(&["explain", "nope"], &repo());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no rule is called `nope`"));
}

#[test]
fn colour_is_off_for_pipes_and_on_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "w.json", r#"{"Statement":[]}"#);
    let plain = iamlint(&["check", "w.json"], dir.path());
    assert!(!stdout(&plain).contains('\u{1b}'));
    let colour = iamlint(&["check", "w.json", "--color", "always"], dir.path());
    assert!(stdout(&colour).contains('\u{1b}'));
}

/// The catalog issue's acceptance list, as a user meets it: each input raises the named rule
/// (and the fix or message the issue asks for).
#[test]
fn catalog_backed_acceptance() {
    fn statement(extra: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"S","Effect":"Allow",{extra}}}]}}"#
        )
    }
    fn names(input: &str) -> Vec<(String, String)> {
        let o = iamlint_stdin(&["check", "-", "--format", "json"], input.as_bytes());
        json(&o)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
    let has = |found: &[(String, String)], name: &str| found.iter().any(|(n, _)| n == name);

    // `s3:GetObjectz` gets action-unknown, with a safe fix to `s3:GetObject`
    let typo = statement(r#""Action":"s3:GetObjectz","Resource":"arn:aws:s3:::b/*""#);
    assert!(has(&names(&typo), "action-unknown"));
    let o = iamlint_stdin(&["check", "-", "--fix"], typo.as_bytes());
    assert!(
        stdout(&o).contains(r#""Action":"s3:GetObject","#),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // `s3:Gett*` matches nothing
    let wildcard = statement(r#""Action":"s3:Gett*","Resource":"arn:aws:s3:::b/*""#);
    assert!(has(&names(&wildcard), "action-wildcard-no-match"));

    // NumericEquals on the string key s3:prefix
    let numeric = statement(
        r#""Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"NumericEquals":{"s3:prefix":"1"}}"#,
    );
    assert!(has(&names(&numeric), "cond-operator-type-mismatch"));

    // aws:TagKeys with StringEquals and no set qualifier
    let tag_keys = statement(
        r#""Action":"ec2:CreateTags","Resource":"arn:aws:ec2:us-east-1:111122223333:instance/*","Condition":{"StringEquals":{"aws:TagKeys":["team"]}}"#,
    );
    assert!(has(&names(&tag_keys), "cond-missing-set-qualifier"));

    // a malformed CIDR
    let cidr = statement(
        r#""Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}"#,
    );
    let found = names(&cidr);
    assert!(
        found
            .iter()
            .any(|(n, m)| n == "cond-value-type-invalid" && m.contains("`10.0.0.300/8`")),
        "{found:?}"
    );

    // an S3 bucket ARN with a region and an account: errors naming both segments
    let bucket = statement(
        r#""Action":"s3:ListBucket","Resource":"arn:aws:s3:us-east-1:123456789012:bucket""#,
    );
    let found = names(&bucket);
    assert!(
        found
            .iter()
            .any(|(n, m)| n == "arn-region-not-allowed" && m.contains("region `us-east-1`")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(n, m)| n == "arn-account-not-allowed" && m.contains("account `123456789012`")),
        "{found:?}"
    );

    // `--version` names the catalog's date
    let o = iamlint(&["--version"], &repo());
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("AWS catalog 2026-09-26"),
        "{}",
        stdout(&o)
    );

    // the escape hatch: declared actions and keys are known
    let newer = statement(
        r#""Action":"s3:BrandNewAction","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"s3:brand-new-key":"x"}}"#,
    );
    assert!(has(&names(&newer), "action-unknown"));
    let o = iamlint_stdin(
        &[
            "check",
            "-",
            "--format",
            "json",
            "--known-action",
            "s3:BrandNew*",
            "--known-condition-key",
            "s3:brand-new-key",
        ],
        newer.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// The principal items of the security issue's acceptance list.
#[test]
fn principal_acceptance() {
    fn names(input: &str) -> Vec<String> {
        let o = iamlint_stdin(&["check", "-", "--format", "json"], input.as_bytes());
        json_strings(&o, "diagnostics", "name")
    }
    let public = r#"{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
    assert!(names(public).contains(&"principal-public".to_owned()));
    let org = public.replace(
        r#""Resource":"arn:aws:s3:::b/*""#,
        r#""Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#,
    );
    // not public: reported (at info level) as restricted to the organization
    assert_eq!(names(&org), vec!["principal-public-restricted".to_owned()]);
    let group = public.replace(
        r#""Principal":"*""#,
        r#""Principal":{"AWS":"arn:aws:iam::123456789012:group/devs"}"#,
    );
    let o = iamlint_stdin(&["check", "-", "--format", "json"], group.as_bytes());
    let v = json(&o);
    let d = &v["diagnostics"][0];
    assert_eq!(d["name"], "principal-group-arn");
    assert_eq!(d["severity"], "error");
    assert_eq!(o.status.code(), Some(1));
}

/// The security and trust items of the security issue's acceptance list done so far.
#[test]
fn security_acceptance() {
    fn names(args: &[&str], input: &str) -> Vec<String> {
        let mut all = vec!["check", "-", "--format", "json"];
        all.extend_from_slice(args);
        json_strings(
            &iamlint_stdin(&all, input.as_bytes()),
            "diagnostics",
            "name",
        )
    }
    // a Deny with "Action": "*" raises no wildcard warning
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Sid":"D","Effect":"Deny","Action":"*","Resource":"*"}]}"#;
    assert_eq!(names(&[], deny), Vec::<String>::new());
    // Allow + NotAction of unknown actions on "*" is effectively admin
    let notaction = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","NotAction":["prowler:action"],"Resource":"*"}]}"#;
    let o = iamlint_stdin(&["check", "-", "--format", "json"], notaction.as_bytes());
    let v = json(&o);
    let admin = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "notaction-allow")
        .expect("notaction-allow");
    assert!(
        admin["message"]
            .as_str()
            .unwrap()
            .contains("administrator access"),
        "{admin}"
    );
    // GitHub OIDC: without a `sub` condition it is reported, with a repository and branch not
    let trust = |condition: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"G","Effect":"Allow","Principal":{{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"{condition}}}}}}}]}}"#
        )
    };
    assert!(names(&[], &trust("")).contains(&"github-oidc-subject".to_owned()));
    let pinned =
        trust(r#","token.actions.githubusercontent.com:sub":"repo:org/repo:ref:refs/heads/main""#);
    assert_eq!(names(&[], &pinned), Vec::<String>::new());

    // the options the document cannot express: the own account, and sensitive resources
    let partner = r#"{"Version":"2012-10-17","Statement":[{"Sid":"P","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/vendor"},"Action":"sts:AssumeRole"}]}"#;
    assert_eq!(names(&[], partner), Vec::<String>::new());
    assert!(
        names(&["--account-id", "111122223333"], partner)
            .contains(&"trust-cross-account-no-externalid".to_owned())
    );
    let logs = r#"{"Version":"2012-10-17","Statement":[{"Sid":"L","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*-logs/*"}]}"#;
    assert_eq!(names(&[], logs), Vec::<String>::new());
    assert!(
        names(&["--sensitive-resource", "arn:aws:s3:::audit-logs/*"], logs)
            .contains(&"sensitive-resource-access".to_owned())
    );
}

// ---------------------------------------------------------------------------------------------
// `iamlint simulate`
// ---------------------------------------------------------------------------------------------

const SIM_IDENTITY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "S3All", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}
  ]
}
"#;

const SIM_BUCKET: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "NoSecrets", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::b/secret/*"},
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/*"}
  ]
}
"#;

/// A directory holding `identity.json` and `bucket.json`.
fn simulate_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "identity.json", SIM_IDENTITY);
    write(dir.path(), "bucket.json", SIM_BUCKET);
    dir
}

/// `simulate` with both policies: `principal` calls `s3:GetObject` on `object` of account
/// 111122223333, with `extra` flags.
fn simulate(dir: &Path, principal: &str, object: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "simulate",
        "--policy",
        "identity.json",
        "--policy",
        "resource=bucket.json",
        "--principal",
        principal,
        "--action",
        "s3:GetObject",
        "--resource",
        object,
        "--resource-account",
        "111122223333",
    ];
    args.extend_from_slice(extra);
    iamlint(&args, dir)
}

#[test]
fn simulate_json_follows_the_contract() {
    let dir = simulate_dir();
    let o = simulate(
        dir.path(),
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:s3:::b/secret/k",
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    // exactly these keys, in this shape: other tools read it
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["decision", "reason", "statements"]);
    assert_eq!(v["decision"], "explicit-deny");
    assert!(v["reason"].as_str().unwrap().contains("explicit deny"));
    let statements = v["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 1);
    let s = &statements[0];
    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    // (serde_json's map sorts keys)
    assert_eq!(keys, ["effect", "path", "policy_type", "range", "sid"]);
    assert_eq!(s["path"], "bucket.json");
    assert_eq!(s["policy_type"], "resource");
    assert_eq!(s["sid"], "NoSecrets");
    assert_eq!(s["effect"], "Deny");
    assert_eq!(
        s["range"],
        serde_json::json!({"start": {"line": 4, "column": 5, "offset": 50},
                           "end": {"line": 5, "column": 44, "offset": 176}})
    );
    // the statement's braces, end exclusive
    assert!(SIM_BUCKET[50..176].starts_with("{\"Sid\": \"NoSecrets\""));
    assert!(SIM_BUCKET[50..176].ends_with("\"arn:aws:s3:::b/secret/*\"}"));

    // a statement without a Sid has `"sid": null`; an implicit deny may list no statement
    let o = simulate(
        dir.path(),
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:s3:::b/home/alice/k",
        &["--context", "aws:username=alice", "--format", "json"],
    );
    let v = json(&o);
    assert_eq!(v["decision"], "allow");
    let sids: Vec<&Value> = v["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["sid"])
        .collect();
    assert_eq!(sids, [&Value::Null, &Value::String("S3All".into())]);
    let o = iamlint(
        &[
            "simulate",
            "--policy",
            "bucket.json",
            "--principal",
            "anonymous",
            "--action",
            "s3:PutObject",
            "--resource",
            "arn:aws:s3:::b/k",
            "--format",
            "json",
        ],
        dir.path(),
    );
    let v = json(&o);
    assert_eq!(v["decision"], "implicit-deny");
    assert_eq!(v["statements"], serde_json::json!([]));
}

#[test]
fn simulate_text_explains_the_decision_with_source_lines() {
    let dir = simulate_dir();
    let o = simulate(
        dir.path(),
        "arn:aws:sts::111122223333:assumed-role/app/s1",
        "arn:aws:s3:::b/home/app/k",
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("allow: "), "{out}");
    assert!(
        out.contains("identity.json:4:5: statement `S3All` (Allow, identity policy)"),
        "{out}"
    );
    // the role session has no aws:username: the note says why the home-folder grant did not apply
    assert!(
        out.contains("note: `bucket.json` uses `${aws:username}`"),
        "{out}"
    );

    let boundary = write(
        dir.path(),
        "boundary.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#,
    );
    let o = simulate(
        dir.path(),
        "arn:aws:sts::111122223333:assumed-role/app/s1",
        "arn:aws:s3:::b/k",
        &["--policy", &format!("boundary={}", boundary.display())],
    );
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "implicit-deny: an identity policy allows, but the permissions boundary does not (`"
        ),
        "{out}"
    );
    assert!(out.contains("boundary.json`)"), "{out}");
}

#[test]
fn simulate_reads_a_request_file_with_multivalued_context() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "tags.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
            "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}]}"#,
    );
    let request = |keys: &str| {
        format!(
            r#"{{"principal":"arn:aws:iam::111122223333:user/alice","action":"ec2:CreateTags","resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-1","context":{{"aws:TagKeys":{keys},"aws:SecureTransport":true}}}}"#
        )
    };
    write(dir.path(), "ok.json", &request(r#"["env","team"]"#));
    write(dir.path(), "extra.json", &request(r#"["env","cost"]"#));
    let decide = |file: &str| {
        let o = iamlint(
            &[
                "simulate",
                "--policy",
                "tags.json",
                "--request",
                file,
                "--format",
                "json",
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        json(&o)["decision"].as_str().unwrap().to_owned()
    };
    assert_eq!(decide("ok.json"), "allow");
    assert_eq!(decide("extra.json"), "implicit-deny");
    // the same request from flags: a repeated --context key is multivalued
    let o = iamlint(
        &[
            "simulate",
            "--policy",
            "tags.json",
            "--principal",
            "arn:aws:iam::111122223333:user/alice",
            "--action",
            "ec2:CreateTags",
            "--resource",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
            "--context",
            "aws:TagKeys=env",
            "--context",
            "aws:TagKeys=cost",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(json(&o)["decision"], "implicit-deny");
}

#[test]
fn simulate_exit_status_is_zero_for_every_decision_and_two_for_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "identity.json", SIM_IDENTITY);
    write(dir.path(), "broken.json", "{\"Version\": ");
    write(
        dir.path(),
        "request.json",
        r#"{"principal":"nobody","action":"s3:GetObject"}"#,
    );
    write(
        dir.path(),
        "unknown-field.json",
        r#"{"principal":"anonymous","action":"s3:GetObject","resourse":"x"}"#,
    );
    let base = [
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
        "--resource",
        "*",
    ];
    for (action, decision) in [
        ("s3:ListAllMyBuckets", "allow"),
        ("ec2:RunInstances", "implicit-deny"),
    ] {
        let mut args = vec!["simulate", "--policy", "identity.json", "--action", action];
        args.extend_from_slice(&base);
        let o = iamlint(&args, dir.path());
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stdout(&o).starts_with(&format!("{decision}: ")),
            "{}",
            stdout(&o)
        );
    }
    let errors: [(&[&str], &str); 6] = [
        (
            &["--policy", "missing.json", "--action", "s3:GetObject"],
            "cannot read `missing.json`: no such file or directory",
        ),
        (
            &["--policy", "broken.json", "--action", "s3:GetObject"],
            "`broken.json` is not a policy: 1:",
        ),
        (
            &[
                "--policy",
                "nonsense=identity.json",
                "--action",
                "s3:GetObject",
            ],
            "`nonsense` is not a policy type",
        ),
        (
            &["--policy", "identity.json", "--request", "request.json"],
            "`nobody` is not a principal",
        ),
        (
            &[
                "--policy",
                "identity.json",
                "--request",
                "unknown-field.json",
            ],
            "unknown field `resourse`",
        ),
        (
            &[
                "--policy",
                "identity.json",
                "--action",
                "s3:GetObject",
                "--context",
                "novalue",
            ],
            "`--context novalue` is not `KEY=VALUE`",
        ),
    ];
    for (args, message) in errors {
        let mut all = vec!["simulate"];
        all.extend_from_slice(args);
        if !args.contains(&"--request") {
            all.extend_from_slice(&base);
        }
        let o = iamlint(&all, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
    // a usage error (no request at all)
    let o = iamlint(&["simulate", "--policy", "identity.json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn simulate_the_shipped_example_as_the_readme_runs_it() {
    let o = iamlint(
        &[
            "simulate",
            "--policy",
            "examples/simulate/partner-identity.json",
            "--policy",
            "resource=examples/simulate/reports-bucket.json",
            "--principal",
            "arn:aws:sts::444455556666:assumed-role/partner-reader/nightly-export",
            "--action",
            "s3:GetObject",
            "--resource",
            "arn:aws:s3:::example-reports/partner/2026-11.csv",
            "--resource-account",
            "111122223333",
            "--context",
            "aws:SecureTransport=true",
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("allow: across accounts"), "{out}");
    assert!(
        out.contains("partner-identity.json:4:5: statement `ReadPartnerReports`"),
        "{out}"
    );
    assert!(
        out.contains("reports-bucket.json:4:5: statement `PartnerRead`"),
        "{out}"
    );
}

// ---- iamlint prove ----

/// The acceptance policies: `s3:GetObject`, `s3:Get*`, and `s3:Get*` over TLS only, all on
/// `arn:aws:s3:::b/*`.
fn prove_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let allow = |action: &str, extra: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"arn:aws:s3:::b/*"{extra}}}]}}"#
        )
    };
    write(dir.path(), "a.json", &allow("s3:GetObject", ""));
    write(dir.path(), "b.json", &allow("s3:Get*", ""));
    write(
        dir.path(),
        "tls.json",
        &allow(
            "s3:Get*",
            r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
        ),
    );
    write(
        dir.path(),
        "home.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}"#,
    );
    write(
        dir.path(),
        "bucket.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    dir
}

/// Feeds a counterexample back to `iamlint simulate` with one policy, returning the decision.
fn replay(dir: &Path, counterexample: &Value, policy: &str) -> String {
    write(dir, "request.json", &counterexample.to_string());
    let o = iamlint(
        &[
            "simulate",
            "--policy",
            policy,
            "--request",
            "request.json",
            "--format",
            "json",
        ],
        dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json(&o)["decision"].as_str().unwrap().to_owned()
}

#[test]
fn prove_subset_holds_and_fails_with_a_counterexample_simulate_confirms() {
    let dir = prove_dir();
    let d = dir.path();
    let o = iamlint(&["prove", "subset", "a.json", "b.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("holds: every request `a.json` allows, `b.json` allows too"));

    let o = iamlint(
        &["prove", "subset", "b.json", "a.json", "--format", "json"],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json(&o);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["counterexample", "elapsed_ms", "query", "reason", "verdict"]
    );
    assert_eq!(v["query"], "subset");
    assert_eq!(v["verdict"], "fails");
    assert!(v["elapsed_ms"].is_u64());
    let cx = &v["counterexample"];
    assert!(cx["action"].as_str().unwrap().starts_with("s3:Get"), "{cx}");
    assert_ne!(cx["action"], "s3:GetObject");
    assert!(
        cx["resource"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:s3:::b/")
    );
    assert!(cx["context"].is_object());
    // the counterexample is a request `simulate` reads, and decides as the prover said
    assert_eq!(replay(d, cx, "b.json"), "allow");
    assert_eq!(replay(d, cx, "a.json"), "implicit-deny");
}

#[test]
fn prove_a_secure_transport_condition_breaks_the_subset() {
    let dir = prove_dir();
    let d = dir.path();
    let o = iamlint(
        &["prove", "subset", "a.json", "tls.json", "--format", "json"],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let cx = &json(&o)["counterexample"];
    let transport = &cx["context"]["aws:securetransport"];
    assert!(
        transport.is_null() || transport.as_str().is_some_and(|t| t != "true"),
        "{cx}"
    );
    assert_eq!(replay(d, cx, "a.json"), "allow");
    assert_eq!(replay(d, cx, "tls.json"), "implicit-deny");
    // the text names both files and shows the request
    let o = iamlint(&["prove", "subset", "a.json", "tls.json"], d);
    let out = stdout(&o);
    assert!(
        out.starts_with("fails: `a.json` allows a request that `tls.json` does not"),
        "{out}"
    );
    assert!(out.contains("    action     s3:GetObject\n"), "{out}");
}

#[test]
fn prove_equivalent_and_not_granted() {
    let dir = prove_dir();
    let d = dir.path();
    let o = iamlint(&["prove", "equivalent", "b.json", "b.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // the counterexample comes from the wider side, whichever order they are given in
    let o = iamlint(&["prove", "equivalent", "a.json", "b.json"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("fails: `b.json` allows a request that `a.json` does not"),
        "{}",
        stdout(&o)
    );
    let o = iamlint(
        &["prove", "not-granted", "b.json", "--action", "s3:PutObject"],
        d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = iamlint(
        &[
            "prove",
            "not-granted",
            "b.json",
            "--action",
            "s3:GetObjectAcl",
            "--format",
            "json",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(v["query"], "not-granted");
    assert_eq!(v["counterexample"]["action"], "s3:GetObjectAcl");
    let o = iamlint(
        &[
            "prove",
            "not-granted",
            "b.json",
            "--resource",
            "arn:aws:s3:::other/*",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn prove_exit_status_is_three_for_unknown_and_two_for_errors() {
    let dir = prove_dir();
    let d = dir.path();
    let o = iamlint(
        &[
            "prove",
            "subset",
            "bucket.json",
            "a.json",
            "--format",
            "json",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(v["verdict"], "unknown");
    assert!(v["counterexample"].is_null());
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .contains("wildcard inside the principal"),
        "{v}"
    );
    let o = iamlint(&["prove", "subset", "a.json", "missing.json"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `missing.json`"),
        "{}",
        stderr(&o)
    );
    let o = iamlint(
        &["prove", "subset", "a.json", "b.json", "--timeout", "0"],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    let o = iamlint(&["prove", "not-granted", "a.json"], d);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an action or a resource is required"
    );
}

/// Two versions of a policy: NEW widens `s3:GetObject` to `s3:Get*`, adds a TLS-only
/// `s3:PutObject` on uploads, and drops the logs statement.
fn diff_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "old.json",
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]},
    {"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}
  ]
}"#,
    );
    write(
        dir.path(),
        "new.json",
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]},
    {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/uploads/*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
  ]
}"#,
    );
    dir
}

#[test]
fn diff_names_each_new_and_removed_family_with_a_replayed_example() {
    let dir = diff_dir();
    let d = dir.path();
    let o = iamlint(&["diff", "old.json", "new.json", "--format", "json"], d);
    assert_eq!(o.status.code(), Some(0), "a report alone never fails");
    let v = json(&o);
    assert_eq!(v["query"], "diff");
    assert_eq!(v["verdict"], "fails");
    let added = v["added"]["families"].as_array().unwrap();
    let actions: Vec<&str> = added
        .iter()
        .map(|f| f["action"].as_str().unwrap())
        .collect();
    // `s3:ListBucket` was granted before: it is no family of new access
    assert_eq!(actions, ["s3:Get*", "s3:PutObject"], "{v}");
    let put = &added[1];
    assert_eq!(put["sid"], "Write");
    assert_eq!(put["line"], 5);
    assert_eq!(put["resources"][0], "arn:aws:s3:::b/uploads/*");
    assert_eq!(put["condition"]["Bool"]["aws:SecureTransport"], "true");
    // every example replays: NEW allows it, OLD does not
    for f in added {
        assert_eq!(f["verdict"], "fails");
        assert_eq!(replay(d, &f["witness"], "new.json"), "allow", "{f}");
        assert_eq!(replay(d, &f["witness"], "old.json"), "implicit-deny", "{f}");
    }
    assert!(
        put["witness"]["resource"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:s3:::b/uploads/")
    );
    assert_eq!(put["witness"]["context"]["aws:securetransport"], "true");
    let get = &added[0]["witness"]["action"]
        .as_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(get.starts_with("s3:get") && get != "s3:getobject", "{get}");
    // the logs statement is gone
    let removed = v["removed"]["families"].as_array().unwrap();
    assert_eq!(removed.len(), 1, "{v}");
    assert_eq!(removed[0]["action"], "logs:PutLogEvents");
    assert_eq!(replay(d, &removed[0]["witness"], "old.json"), "allow");
    assert_eq!(
        replay(d, &removed[0]["witness"], "new.json"),
        "implicit-deny"
    );

    let o = iamlint(&["diff", "old.json", "new.json"], d);
    let text = stdout(&o);
    assert!(
        text.starts_with("new access: `new.json` grants requests that `old.json` did not\n  s3\n"),
        "{text}"
    );
    assert!(
        text.contains("    `s3:PutObject` on `arn:aws:s3:::b/uploads/*` (statement `Write`, line 5)\n      when {\"Bool\":{\"aws:SecureTransport\":\"true\"}}\n      e.g. s3:PutObject on arn:aws:s3:::b/uploads/"),
        "{text}"
    );
    assert!(
        text.contains(
            "removed access: `old.json` granted requests that `new.json` no longer does\n  logs\n"
        ),
        "{text}"
    );
}

#[test]
fn diff_gates_ci_on_new_access() {
    let dir = diff_dir();
    let d = dir.path();
    let gate = |old: &str, new: &str| {
        iamlint(&["diff", "--fail-on-new-access", old, new], d)
            .status
            .code()
    };
    assert_eq!(gate("old.json", "new.json"), Some(1));
    // narrowing is not new access
    assert_eq!(gate("new.json", "new.json"), Some(0));
    let o = iamlint(&["diff", "new.json", "new.json", "--format", "json"], d);
    let v = json(&o);
    assert_eq!(v["verdict"], "holds");
    assert!(v["added"]["families"].as_array().unwrap().is_empty());
    assert!(v["added"]["counterexample"].is_null());
    // what the prover does not encode yet is undecided, never "no new access"
    write(
        d,
        "bucket.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    let o = iamlint(
        &["diff", "--fail-on-new-access", "old.json", "bucket.json"],
        d,
    );
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with("new access: undecided: the wildcard inside the principal"),
        "{}",
        stdout(&o)
    );
    assert_eq!(iamlint(&["diff", "old.json"], d).status.code(), Some(2));
}

#[test]
fn diff_against_a_git_revision() {
    let dir = diff_dir();
    let d = dir.path();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    std::fs::copy(d.join("old.json"), d.join("policy.json")).unwrap();
    git(&["add", "policy.json"]);
    git(&["commit", "-qm", "old"]);
    std::fs::copy(d.join("new.json"), d.join("policy.json")).unwrap();
    let o = iamlint(
        &[
            "diff",
            "--base",
            "HEAD",
            "policy.json",
            "--fail-on-new-access",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "new access: `policy.json` grants requests that `policy.json@HEAD` did not"
        ),
        "{}",
        stdout(&o)
    );
    // a file new since the revision grants everything it grants
    let o = iamlint(&["diff", "--base", "HEAD", "new.json"], d);
    assert!(
        stdout(&o).contains("`new.json@HEAD (absent)` did not"),
        "{}",
        stdout(&o)
    );
    let o = iamlint(&["diff", "--base", "no-such-ref", "policy.json"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `policy.json` at `no-such-ref`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn prove_with_policy_variables() {
    let dir = prove_dir();
    let d = dir.path();
    // `b/${aws:username}/*` is inside `b/*` whatever the user name
    let o = iamlint(&["prove", "subset", "home.json", "a.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // the reverse fails: an object outside every user's folder, or a caller without a name
    let o = iamlint(
        &["prove", "subset", "a.json", "home.json", "--format", "json"],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(replay(d, &v["counterexample"], "a.json"), "allow");
    assert_eq!(
        replay(d, &v["counterexample"], "home.json"),
        "implicit-deny"
    );
    // a home folder in the name of the caller is allowed by both
    write(
        d,
        "named.json",
        r#"{"principal":"arn:aws:iam::111122223333:user/ann","action":"s3:GetObject","resource":"arn:aws:s3:::b/ann/x","context":{"aws:username":"ann"}}"#,
    );
    let o = iamlint(
        &[
            "simulate",
            "--policy",
            "home.json",
            "--request",
            "named.json",
        ],
        d,
    );
    assert!(stdout(&o).starts_with("allow"), "{}", stdout(&o));
}

#[test]
fn prove_no_public_access_is_condition_aware() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bucket = |condition: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"{condition}}}]}}"#
        )
    };
    write(d, "open.json", &bucket(""));
    write(
        d,
        "org.json",
        &bucket(r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#),
    );
    write(
        d,
        "not-org.json",
        &bucket(r#","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#),
    );
    write(
        d,
        "account.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    let prove = |file: &str| {
        let o = iamlint(&["prove", "no-public-access", file, "--format", "json"], d);
        (o.status.code(), json(&o))
    };
    // `"Principal": "*"` alone: anyone, an anonymous caller shows it
    let (code, v) = prove("open.json");
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["query"], "no-public-access");
    assert_eq!(v["counterexample"]["principal"], "anonymous");
    assert_eq!(
        replay(d, &v["counterexample"], "resource=open.json"),
        "allow"
    );
    // limited to one organization: not public
    assert_eq!(prove("org.json").0, Some(0));
    // everyone but one organization: public, and the example is outside it
    let (code, v) = prove("not-org.json");
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(
        replay(d, &v["counterexample"], "resource=not-org.json"),
        "allow"
    );
    // one named account: not public
    assert_eq!(prove("account.json").0, Some(0));
}

/// A reader that stops early (`iamlint check | head`) ends the output, not the run: the exit
/// status still says whether problems were found, and nothing panics.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iamlint"))
        .args(["check", "--no-smt", "tests/fixtures"])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn iamlint");
    // the report is far larger than a pipe's buffer; close the reading end at once
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
