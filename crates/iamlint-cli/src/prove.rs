//! `iamlint prove`: questions about policies answered by the SMT prover, each with a proof or
//! a counterexample request that the evaluator has confirmed.

use std::collections::BTreeMap;

use clap::{Args, Subcommand, ValueEnum};
use iamlint_eval::{Principal, Request};
use iamlint_prove::{Answer, Mode, Verdict};
use serde::Serialize;

use crate::simulate::{Loaded, load};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people: the verdict in a sentence, with the request that shows it.
    #[default]
    Text,
    /// For programs: one JSON document (its shape for each command is in the README).
    Json,
}

#[derive(Debug, Args)]
pub struct ProveArgs {
    #[command(subcommand)]
    pub query: Query,
    #[arg(long, value_enum, default_value_t, global = true)]
    pub format: Format,
    /// How long the solver may take, in seconds; past it the verdict is `unknown`.
    #[arg(long, value_name = "SECS", default_value_t = 10.0, global = true)]
    pub timeout: f64,
    /// Let actions be any string, not only the catalog's: `s3:*` then also covers S3 actions
    /// AWS has not released yet, which matters for `NotAction` and wildcards.
    #[arg(long, global = true)]
    pub open_world: bool,
}

#[derive(Debug, Subcommand)]
pub enum Query {
    /// Whether every request A allows, B allows too.
    Subset {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
    },
    /// Whether A and B allow exactly the same requests.
    Equivalent {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
    },
    /// Whether POLICY allows none of the given actions (on the given resources).
    NotGranted {
        #[arg(value_name = "POLICY")]
        policy: String,
        /// An action or action pattern (repeatable; `*` when omitted, with `--resource`).
        #[arg(
            long = "action",
            value_name = "ACTION",
            required_unless_present = "resources"
        )]
        actions: Vec<String>,
        /// A resource ARN or pattern (repeatable; every resource when omitted).
        #[arg(long = "resource", value_name = "ARN")]
        resources: Vec<String>,
    },
    /// Whether a resource policy grants nothing to the public: to anonymous callers, or to
    /// callers of accounts it does not name whose identity keys (`aws:PrincipalOrgID`,
    /// `aws:SourceVpce`, `aws:SourceIp`, ...) take values it does not name.
    NoPublicAccess {
        #[arg(value_name = "POLICY")]
        policy: String,
    },
}

/// Runs the query and prints the verdict. Exit status: 0 holds, 1 fails, 3 unknown, 2 error.
pub fn run(args: &ProveArgs) -> u8 {
    match prove(args) {
        Ok((out, verdict)) => {
            print!("{out}");
            match verdict {
                Verdict::Holds => 0,
                Verdict::Fails(_) => 1,
                Verdict::Unknown(_) => 3,
            }
        }
        Err(e) => {
            eprintln!("iamlint: {e}");
            2
        }
    }
}

/// What was asked, for the report.
struct Asked {
    name: &'static str,
    holds: String,
    fails: String,
}

/// The solver's settings from `--timeout SECS` and `--open-world`: milliseconds and mode.
pub(crate) fn solver_settings(timeout: f64, open_world: bool) -> Result<(u32, Mode), String> {
    if !(timeout > 0.0 && timeout.is_finite()) {
        return Err(format!(
            "`--timeout {timeout}` is not a positive number of seconds"
        ));
    }
    let timeout_ms = (timeout * 1000.0).min(f64::from(u32::MAX)) as u32;
    let mode = if open_world {
        Mode::OpenWorld
    } else {
        Mode::ClosedWorld
    };
    Ok((timeout_ms, mode))
}

fn prove(args: &ProveArgs) -> Result<(String, Verdict), String> {
    let (timeout_ms, mode) = solver_settings(args.timeout, args.open_world)?;
    let (asked, answer) = match &args.query {
        Query::Subset { a, b } => {
            let (a, b) = (load(a)?, load(b)?);
            let answer = iamlint_prove::subset(&a.policy, &b.policy, mode, timeout_ms);
            (
                Asked {
                    name: "subset",
                    holds: format!("every request `{}` allows, `{}` allows too", a.path, b.path),
                    fails: format!("`{}` allows a request that `{}` does not", a.path, b.path),
                },
                answer,
            )
        }
        Query::Equivalent { a, b } => {
            let (a, b) = (load(a)?, load(b)?);
            equivalent(&a, &b, mode, timeout_ms)
        }
        Query::NotGranted {
            policy,
            actions,
            resources,
        } => {
            let p = load(policy)?;
            let probe = probe(actions, resources)?;
            let answer = iamlint_prove::not_granted(&p.policy, &probe, mode, timeout_ms);
            let listed = |items: &[String], one: &str, many: &str| match items {
                [] => "any".to_owned(),
                [x] => format!("{one} `{x}`"),
                _ => format!("{many} `{}`", items.join("`, `")),
            };
            let what = format!(
                "{} on {}",
                listed(actions, "the action", "any of the actions"),
                listed(resources, "the resource", "any of the resources")
            )
            .replace("any on any", "any action on any resource")
            .replace("any on ", "any action on ")
            .replace(" on any", " on any resource");
            (
                Asked {
                    name: "not-granted",
                    holds: format!("`{}` does not grant {what}", p.path),
                    fails: format!("`{}` grants {what}", p.path),
                },
                answer,
            )
        }
        Query::NoPublicAccess { policy } => {
            let p = load(policy)?;
            let answer = iamlint_prove::no_public_access(&p.policy, mode, timeout_ms);
            (
                Asked {
                    name: "no-public-access",
                    holds: format!(
                        "`{}` grants nothing to the public (anonymous callers, or callers of accounts it does not name)",
                        p.path
                    ),
                    fails: format!("`{}` grants access to the public", p.path),
                },
                answer,
            )
        }
    };
    let out = match args.format {
        Format::Json => json(&asked, &answer, mode),
        Format::Text => text(&asked, &answer, mode),
    };
    Ok((out, answer.verdict))
}

/// Both directions, so that a counterexample says which side allows it.
fn equivalent(a: &Loaded, b: &Loaded, mode: Mode, timeout_ms: u32) -> (Asked, Answer) {
    let first = iamlint_prove::subset(&a.policy, &b.policy, mode, timeout_ms);
    let (answer, wider, narrower) = match first.verdict {
        Verdict::Holds => {
            let second = iamlint_prove::subset(&b.policy, &a.policy, mode, timeout_ms);
            (
                Answer {
                    verdict: second.verdict,
                    elapsed_ms: first.elapsed_ms + second.elapsed_ms,
                },
                b,
                a,
            )
        }
        _ => (first, a, b),
    };
    (
        Asked {
            name: "equivalent",
            holds: format!(
                "`{}` and `{}` allow exactly the same requests",
                a.path, b.path
            ),
            fails: format!(
                "`{}` allows a request that `{}` does not",
                wider.path, narrower.path
            ),
        },
        answer,
    )
}

/// The policy that allows what `not-granted` asks about.
fn probe(actions: &[String], resources: &[String]) -> Result<iamlint_model::Policy, String> {
    let list = |items: &[String]| {
        if items.is_empty() {
            serde_json::json!("*")
        } else {
            serde_json::json!(items)
        }
    };
    let doc = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": list(resources)}],
    });
    let text = doc.to_string();
    let parsed = iamlint_syntax::parse(&text);
    parsed
        .root
        .as_ref()
        .and_then(|root| iamlint_model::lower(root).ok())
        .ok_or_else(|| "internal error: the query's actions do not make a policy".to_owned())
}

/// A principal as `iamlint simulate` reads it.
pub(crate) fn principal_text(p: &Principal) -> String {
    match p {
        Principal::Aws { arn } => arn.clone(),
        Principal::Service(s) => format!("service:{s}"),
        Principal::Federated(f) => format!("federated:{f}"),
        Principal::CanonicalUser(c) => format!("canonical:{c}"),
        Principal::Anonymous => "anonymous".to_owned(),
    }
}

/// A request in the shape `iamlint simulate --request` reads.
#[derive(Serialize)]
pub(crate) struct JsonRequest {
    pub(crate) principal: String,
    pub(crate) action: String,
    pub(crate) resource: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) resource_account: Option<String>,
    pub(crate) context: BTreeMap<String, serde_json::Value>,
}

impl JsonRequest {
    pub(crate) fn of(r: &Request) -> JsonRequest {
        JsonRequest {
            principal: principal_text(&r.principal),
            action: r.action.clone(),
            resource: r.resource.clone(),
            resource_account: r.resource_account.clone(),
            context: r
                .context
                .iter()
                .map(|(k, vs)| {
                    let v = match vs.as_slice() {
                        [one] => serde_json::json!(one),
                        many => serde_json::json!(many),
                    };
                    (k.clone(), v)
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    query: &'a str,
    verdict: &'static str,
    counterexample: Option<JsonRequest>,
    reason: String,
    elapsed_ms: u128,
}

pub(crate) fn mode_note(mode: Mode) -> &'static str {
    match mode {
        Mode::ClosedWorld => "actions range over the catalog",
        Mode::OpenWorld => "actions may be any string",
    }
}

fn json(asked: &Asked, answer: &Answer, mode: Mode) -> String {
    let (verdict, counterexample, reason) = match &answer.verdict {
        Verdict::Holds => (
            "holds",
            None,
            format!("{} ({})", asked.holds, mode_note(mode)),
        ),
        Verdict::Fails(r) => (
            "fails",
            Some(JsonRequest::of(r)),
            format!("{} ({})", asked.fails, mode_note(mode)),
        ),
        Verdict::Unknown(why) => ("unknown", None, why.clone()),
    };
    let out = JsonAnswer {
        query: asked.name,
        verdict,
        counterexample,
        reason,
        elapsed_ms: answer.elapsed_ms,
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn text(asked: &Asked, answer: &Answer, mode: Mode) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let ms = answer.elapsed_ms;
    match &answer.verdict {
        Verdict::Holds => {
            let _ = writeln!(out, "holds: {} ({}; {ms} ms)", asked.holds, mode_note(mode));
        }
        Verdict::Fails(r) => {
            let _ = writeln!(out, "fails: {} ({}; {ms} ms)", asked.fails, mode_note(mode));
            let _ = writeln!(out, "  counterexample, confirmed by the evaluator:");
            let _ = writeln!(out, "    principal  {}", principal_text(&r.principal));
            let _ = writeln!(out, "    action     {}", r.action);
            let _ = writeln!(out, "    resource   {}", r.resource);
            if r.context.is_empty() {
                let _ = writeln!(out, "    context    (no keys)");
            }
            for (i, (k, vs)) in r.context.iter().enumerate() {
                let label = if i == 0 { "context" } else { "" };
                let _ = writeln!(out, "    {label:<10} {k} = {}", vs.join(", "));
            }
            let _ = writeln!(
                out,
                "  replay it with `iamlint simulate --request FILE`, FILE holding the `counterexample` of `--format json`"
            );
        }
        Verdict::Unknown(why) => {
            let _ = writeln!(out, "unknown: {why} ({ms} ms)");
            let _ = writeln!(
                out,
                "  an unknown verdict proves nothing either way; it never counts as holds"
            );
        }
    }
    out
}
