//! Our strictness scan against jsonc-parser's own strict mode, on random JSON-like text.

use jsonc_parser::{CollectOptions, ParseOptions};
use proptest::prelude::*;

fn strict_options() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn jsonish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"a\"",
        "\"b\\n\"",
        "'c'",
        "1",
        "-2.5",
        "+3",
        "0x1",
        ".5",
        "true",
        "null",
        "key",
        "// c\n",
        "/* d */",
        "\"Effect\"",
        "\"Allow\"",
        "\"x\\vy\"",
    ]);
    prop::collection::vec(atoms, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn no_issue_iff_jsonc_strict_accepts(text in jsonish()) {
        let ours = iamlint_syntax::parse(&text);
        let strict = jsonc_parser::parse_to_ast(&text, &CollectOptions::default(), &strict_options());
        let strict_ok = matches!(strict, Ok(ref r) if r.value.is_some());
        prop_assert_eq!(ours.is_strict_json(), strict_ok, "{:?}: {:?}", text, ours.issues);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let decoded = iamlint_syntax::decode(&bytes);
        let parsed = iamlint_syntax::parse(&decoded.text);
        for issue in &parsed.issues {
            prop_assert!(usize::from(issue.range.end()) <= decoded.text.len());
            prop_assert!(decoded.text.is_char_boundary(usize::from(issue.range.start())));
            prop_assert!(decoded.text.is_char_boundary(usize::from(issue.range.end())));
        }
    }
}

/// Strict JSON text with the variety policies have: escapes of every kind (surrogate pairs
/// too), raw non-ASCII characters, numbers in every JSON form, nesting and white space. A
/// few spellings strict JSON forbids (a lone surrogate, `\v`, a raw tab in a string, a
/// trailing comma, a comment, a leading `+`) are mixed in, which the fast path must hand to
/// the lenient parser.
fn json_text(depth: u32) -> BoxedStrategy<String> {
    let space = prop::sample::select(vec!["", " ", "\n  ", "\t", "\r\n", ""]);
    let piece = prop::sample::select(vec![
        "s3:GetObject",
        "arn:aws:s3:::b/*",
        "\\\"",
        "\\\\",
        "\\/",
        "\\b\\f\\n\\r\\t",
        "\\u0041",
        "\\u00e9",
        "\\u0000",
        "\\ud83d\\ude00",
        "é",
        "日本",
        "😀",
        " ",
        "${aws:username}",
        "\\ud800",
        "\\v",
        "\t",
    ]);
    let string = prop::collection::vec(piece, 0..4).prop_map(|v| format!("\"{}\"", v.concat()));
    let leaf = prop_oneof![
        string.clone(),
        prop::sample::select(vec![
            "0", "-0", "12", "-3.25", "1e9", "2.5E-3", "1E+2", "true", "false", "null", "+1", "01",
            "1.",
        ])
        .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(depth, 48, 5, move |inner| {
        let member = (string.clone(), space.clone(), inner.clone())
            .prop_map(|(k, s, v)| format!("{k}{s}:{s}{v}"));
        let sep = prop::sample::select(vec![",", ", ", ",\n    ", " ,"]);
        let end = prop::sample::select(vec!["", "", "", "", "", "", ",", "/* c */"]);
        prop_oneof![
            (prop::collection::vec(inner, 0..4), sep.clone(), end.clone())
                .prop_map(|(v, s, e)| format!("[{}{e}]", v.join(s))),
            (prop::collection::vec(member, 0..4), sep, end)
                .prop_map(|(v, s, e)| format!("{{{}{e}}}", v.join(s))),
        ]
    })
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The strict fast path builds the tree the lenient parser builds, and reports the same
    /// issues (none for strict JSON), or leaves the text to the lenient parser.
    #[test]
    fn fast_path_agrees_with_the_lenient_parser(
        text in (json_text(4), prop::sample::select(vec!["", " ", "\n", "\u{feff}"]))
            .prop_map(|(t, lead)| format!("{lead}{t}"))
    ) {
        prop_assert_eq!(iamlint_syntax::parse(&text), iamlint_syntax::parse_lenient(&text));
    }

    #[test]
    fn fast_path_agrees_on_json_like_text(text in jsonish()) {
        prop_assert_eq!(iamlint_syntax::parse(&text), iamlint_syntax::parse_lenient(&text));
    }
}

#[test]
fn deep_nesting_takes_the_lenient_path() {
    for depth in [127, 128, 129, 600] {
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            iamlint_syntax::parse(&text),
            iamlint_syntax::parse_lenient(&text),
            "depth {depth}"
        );
    }
}
