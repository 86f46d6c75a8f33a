//! Robustness: no input makes iamlint panic, hang or report a malformed range.
//!
//! Every corpus file is truncated at several points and has bytes flipped; random structured
//! documents and random bytes go through the whole pipeline with every rule enabled.

use std::panic::{AssertUnwindSafe, catch_unwind};

use iamlint_lint::{Options, Selection, check_bytes};
use iamlint_tests::{assert_well_formed, corpus, require_corpus};
use proptest::prelude::*;

fn all_rules() -> Options {
    Options {
        policy_type: None,
        selection: Selection::all(),
        ..Options::default()
    }
}

/// Checks one input with every rule under every policy type; returns the number of
/// diagnostics under type detection. Panics (with the input) if anything panics.
fn check_everything(bytes: &[u8]) -> usize {
    check_as(
        bytes,
        &[
            None,
            Some(iamlint_model::PolicyType::Trust),
            Some(iamlint_model::PolicyType::Scp),
            Some(iamlint_model::PolicyType::Rcp),
        ],
        true,
    )
}

/// `smt: false` skips the prover-backed rules: they see the hostile and random inputs, but the
/// corpus sweep (thousands of files, each cut and flipped) would spend ten minutes in the
/// solver in a debug build.
fn check_as(bytes: &[u8], types: &[Option<iamlint_model::PolicyType>], smt: bool) -> usize {
    let mut found = 0;
    for &t in types {
        let options = Options {
            policy_type: t,
            no_smt: !smt,
            ..all_rules()
        };
        let result = catch_unwind(AssertUnwindSafe(|| check_bytes(bytes, &options)));
        let checked = result
            .unwrap_or_else(|_| panic!("panic on input {:?}", String::from_utf8_lossy(bytes)));
        assert_well_formed(&checked.text, &checked.diagnostics);
        if t.is_none() {
            found = checked.diagnostics.len();
        }
    }
    found
}

/// A tiny deterministic generator, so failures reproduce.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn truncated_and_flipped_corpus_files() {
    if require_corpus("aws-managed-policies").is_none() || require_corpus("real-world").is_none() {
        return;
    }
    let files = corpus::all_files();
    assert!(
        files.len() > 2000,
        "expected the whole corpus, found {} files",
        files.len()
    );
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let last_brace = bytes.iter().rposition(|&b| b == b'}').unwrap_or(0);
        for k in 1..8 {
            let cut = bytes.len() * k / 8;
            let found = check_as(&bytes[..cut], &[None], false);
            if cut <= last_brace && bytes.first() == Some(&b'{') {
                assert!(
                    found > 0,
                    "{} truncated at {cut} raised nothing",
                    path.display()
                );
            }
        }
        for _ in 0..4 {
            let mut flipped = bytes.clone();
            if flipped.is_empty() {
                break;
            }
            let at = (rng.next() % flipped.len() as u64) as usize;
            flipped[at] ^= 1 << (rng.next() % 8);
            check_as(&flipped, &[None], false);
        }
    }
}

/// Every corpus file, whole and cut short, parses to the same tree and issues with the strict
/// fast path as through jsonc-parser alone (the fast path takes nearly all of the whole
/// files, and gives the cut ones back).
#[test]
fn fast_parse_path_agrees_with_jsonc_parser_on_the_corpus() {
    if require_corpus("aws-managed-policies").is_none() || require_corpus("real-world").is_none() {
        return;
    }
    let mut strict = 0;
    for path in corpus::all_files() {
        let bytes = std::fs::read(&path).unwrap();
        let text = iamlint_syntax::decode(&bytes).text;
        for cut in [text.len(), text.len() / 2] {
            let Some(part) = text.get(..cut) else {
                continue;
            };
            let fast = iamlint_syntax::parse(part);
            assert_eq!(
                fast,
                iamlint_syntax::parse_lenient(part),
                "{}",
                path.display()
            );
            strict += usize::from(cut == text.len() && fast.is_strict_json());
        }
    }
    assert!(strict > 2000, "only {strict} strict files");
}

/// Every diagnostic of the corpus renders the same through the direct text layout as through
/// codespan-reporting alone.
#[test]
fn text_report_agrees_with_codespan_on_the_corpus() {
    if require_corpus("aws-managed-policies").is_none() || require_corpus("real-world").is_none() {
        return;
    }
    let options = Options {
        no_smt: true,
        ..all_rules()
    };
    let renderer = iamlint_diagnostics::TextRenderer { color: false };
    let mut diagnostics = 0;
    for path in corpus::all_files() {
        let bytes = std::fs::read(&path).unwrap();
        let checked = check_bytes(&bytes, &options);
        let name = path.display().to_string();
        assert_eq!(
            renderer.render(&name, &checked.text, &checked.diagnostics),
            renderer.render_through_codespan(&name, &checked.text, &checked.diagnostics),
            "{name}"
        );
        diagnostics += checked.diagnostics.len();
    }
    assert!(diagnostics > 5000, "only {diagnostics} diagnostics");
}

#[test]
fn hostile_inputs() {
    let deep_array = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let deep_object = "{\"a\":".repeat(100_000);
    let big_statement_list = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":[{}]}}",
        vec![r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#; 20_000].join(",")
    );
    let long_string = format!("{{\"Version\":\"{}\"}}", "x".repeat(2_000_000));
    let many_vars = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"{}\"}}}}",
        "${".repeat(50_000)
    );
    for input in [
        deep_array.as_bytes(),
        deep_object.as_bytes(),
        big_statement_list.as_bytes(),
        long_string.as_bytes(),
        many_vars.as_bytes(),
        b"\xff\xfe{\x00\"\x00",
        b"\xef\xbb\xbf",
        b"",
        b"null",
        b"{\"Statement\":[null,1,\"x\",[],{}]}",
    ] {
        check_everything(input);
    }
}

fn json_value(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("7".to_owned()),
        prop::sample::select(vec![
            "\"*\"",
            "\"Allow\"",
            "\"Deny\"",
            "\"s3:GetObject\"",
            "\"arn:aws:s3:::b/${aws:username}\"",
            "\"${\"",
            "\"sts:AssumeRole\"",
            "\"arn:aws:iam::111122223333:saml-provider/x\"",
            "\"\"",
            "\"2012-10-17\"",
            "\"rolesanywhere.amazonaws.com\"",
            "\"é😀\"",
        ])
        .prop_map(str::to_owned),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let keys = prop::sample::select(vec![
        "Version",
        "Id",
        "Statement",
        "Sid",
        "Effect",
        "Principal",
        "NotPrincipal",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Condition",
        "AWS",
        "Service",
        "Federated",
        "StringEquals",
        "ForAllValues:StringLikeIfExists",
        "Null",
        "aws:SourceIp",
        "Bogus",
    ]);
    prop_oneof![
        leaf,
        prop::collection::vec(json_value(depth - 1), 0..4)
            .prop_map(|v| format!("[{}]", v.join(","))),
        prop::collection::vec((keys, json_value(depth - 1)), 0..5).prop_map(|m| {
            let members: Vec<String> = m.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", members.join(","))
        }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_policy_shaped_documents(doc in json_value(4)) {
        check_everything(doc.as_bytes());
    }

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_everything(&bytes);
    }
}
