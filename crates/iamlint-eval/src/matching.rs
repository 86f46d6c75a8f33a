//! Matching as AWS does: actions ignoring case with `*` and `?`; ARNs field by field, where a
//! `*` never crosses the colons between the first five fields but may cross `/` and `:`
//! inside the resource part (IAM User Guide, "IAM JSON policy elements: Resource").

use iamlint_catalog::glob_match;

/// A glob (`*`, `?`) over the whole text.
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    glob_match(pattern, text, ignore_case)
}

/// Whether an `Action` entry matches an action: `*` matches everything; otherwise the service
/// prefix and the name are compared ignoring case ("IAM JSON policy elements: Action").
pub fn action_matches(pattern: &str, action: &str) -> bool {
    pattern == "*" || glob(pattern, action, true)
}

/// Whether a `Resource` entry (variables already substituted) matches a resource ARN.
/// `"*"` matches everything, including the `*` of actions without resources. Otherwise both
/// split into `arn:partition:service:region:account:resource`; each of the first five fields
/// is a glob that cannot span a colon, and the resource part is a glob over the rest.
pub fn arn_matches(pattern: &str, arn: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if p.len() != 6 || a.len() != 6 {
        return false;
    }
    p.iter().zip(a.iter()).enumerate().all(|(i, (pf, af))| {
        if i < 5 {
            !af.contains(':') && glob(pf, af, false)
        } else {
            glob(pf, af, false)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn actions_ignore_case_and_take_wildcards() {
        // IAM User Guide, "IAM JSON policy elements: Action": prefixes and names are case-insensitive
        assert!(action_matches("S3:GetObject", "s3:getobject"));
        assert!(action_matches("s3:Get*", "s3:GetObjectAcl"));
        assert!(action_matches("s3:?etObject", "s3:GetObject"));
        assert!(action_matches("*", "iam:CreateUser"));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(!action_matches("s3:*", "s3-object-lambda:GetObject"));
    }

    #[test]
    fn resource_wildcards_stay_in_their_field_except_in_the_resource_part() {
        // IAM User Guide, "IAM JSON policy elements: Resource": `*/test/*` matches
        // `1/2/test/3/object.jpg`, and wildcards work within each colon-separated segment
        assert!(arn_matches(
            "arn:aws:s3:::bucket/*/test/*",
            "arn:aws:s3:::bucket/1/2/test/3/object.jpg"
        ));
        assert!(arn_matches(
            "arn:aws:logs:*:*:log-group:app:*",
            "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x"
        ));
        assert!(arn_matches("*", "*"));
        assert!(arn_matches(
            "arn:aws:iam::*:role/*",
            "arn:aws:iam::111122223333:role/admin"
        ));
        assert!(!arn_matches(
            "arn:aws:s3:::bucket",
            "arn:aws:s3:::bucket/key"
        ));
        assert!(!arn_matches(
            "arn:aws:s3:::b*",
            "arn:aws:s3::111122223333:b"
        ));
        assert!(!arn_matches(
            "arn:aws:iam::role/*",
            "arn:aws:iam::111122223333:role/admin"
        ));
        // ARN matching is case-sensitive
        assert!(!arn_matches(
            "arn:aws:s3:::Bucket/*",
            "arn:aws:s3:::bucket/k"
        ));
    }

    proptest! {
        /// A `*` in one of the first five fields never lets a match span a colon into the next.
        #[test]
        fn a_field_wildcard_never_crosses_a_colon(region in "[a-z0-9-]{0,6}", extra in "[a-z0-9]{1,4}") {
            let with_extra_field = format!("arn:aws:s3:{region}:{extra}:111122223333:thing");
            prop_assert!(!arn_matches("arn:aws:s3:*:111122223333:thing", &with_extra_field));
            let plain = format!("arn:aws:s3:{region}:111122223333:thing");
            prop_assert!(arn_matches("arn:aws:s3:*:111122223333:thing", &plain));
        }

        /// `*` in the resource part may match any text, colons and slashes included.
        #[test]
        fn the_resource_part_wildcard_crosses_separators(rest in "[a-z0-9:/]{0,12}") {
            let arn = format!("arn:aws:logs:us-east-1:111122223333:log-group:{rest}");
            prop_assert!(arn_matches("arn:aws:logs:us-east-1:111122223333:log-group:*", &arn));
        }

        /// Without wildcards, a glob is plain equality.
        #[test]
        fn a_glob_without_wildcards_is_equality(a in "[a-zA-Z0-9/:-]{0,10}", b in "[a-zA-Z0-9/:-]{0,10}") {
            prop_assert_eq!(glob(&a, &b, false), a == b);
        }

        /// Replacing any characters of a text with `?` keeps a match; `*` matches any text.
        #[test]
        fn question_marks_match_one_character_each(text in "[a-z0-9/:]{1,12}", mask in proptest::collection::vec(any::<bool>(), 12)) {
            let pattern: String = text.chars().zip(mask.iter().cycle()).map(|(c, m)| if *m { '?' } else { c }).collect();
            prop_assert!(glob(&pattern, &text, false));
            let longer = format!("{pattern}?");
            prop_assert!(!glob(&longer, &text, false));
            prop_assert!(glob("*", &text, false));
        }

        /// Actions compare without regard to case, on both sides.
        #[test]
        fn actions_match_in_any_case(service in "[a-z0-9-]{1,8}", name in "[A-Za-z]{1,12}") {
            let action = format!("{service}:{name}");
            prop_assert!(action_matches(&action.to_uppercase(), &action.to_lowercase()));
            let service_wildcard = format!("{service}:*");
            prop_assert!(action_matches(&service_wildcard, &action.to_uppercase()));
        }

        /// An ARN pattern with `*` in every one of the first five fields still needs six fields.
        #[test]
        fn the_field_count_is_fixed(fields in proptest::collection::vec("[a-z0-9]{0,4}", 1..9)) {
            let arn = format!("arn:{}", fields.join(":"));
            let six = arn.split(':').count() >= 6;
            prop_assert_eq!(arn_matches("arn:*:*:*:*:*", &arn), six);
        }
    }
}
