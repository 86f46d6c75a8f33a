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
