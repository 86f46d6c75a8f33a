//! Snapshots of the formula IR: what each element becomes, in the evaluator's terms.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use iamlint_model::Policy;
use iamlint_prove::ir::Vocabulary;

fn policy(text: &str) -> Policy {
    let parsed = iamlint_syntax::parse(text);
    iamlint_model::lower(parsed.root.as_ref().expect("JSON")).expect("an object")
}

fn ir(text: &str) -> String {
    let p = policy(text);
    let v = Vocabulary::of(&[&p]).unwrap();
    let patterns: Vec<String> = v
        .patterns
        .iter()
        .enumerate()
        .map(|(i, p)| format!("action#{i} = {p}"))
        .collect();
    format!("{}\n{}", patterns.join("\n"), v.allows(&p))
}

#[test]
fn actions_resources_and_a_deny() {
    insta::assert_snapshot!(ir(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["s3:Get*","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},
            {"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}]}"#));
}

#[test]
fn conditions_with_absent_keys_and_set_qualifiers() {
    insta::assert_snapshot!(ir(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{
            "StringNotEquals":{"aws:PrincipalTag/team":["a","b"]},
            "ForAllValues:StringLike":{"aws:TagKeys":"env-*"},
            "NumericLessThanIfExists":{"ec2:MaxCount":"5"},
            "Null":{"aws:TokenIssueTime":"true"}}}]}"#
    ));
}

#[test]
fn principals_and_not_principal() {
    insta::assert_snapshot!(ir(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/reader"],"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}]}"#));
}

#[test]
fn policy_variables_as_templates() {
    insta::assert_snapshot!(ir(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/home/${aws:username}/*",
             "Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"},
                          "StringLike":{"s3:prefix":"home/${aws:username, 'guest'}/*"}}}]}"#));
}

#[test]
fn templates_with_a_wildcard_before_the_variable_and_in_arn_operators() {
    insta::assert_snapshot!(ir(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*/${aws:username}",
             "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:username}*"},
                          "StringLike":{"s3:prefix":"*/${aws:username}"}}}]}"#));
}
