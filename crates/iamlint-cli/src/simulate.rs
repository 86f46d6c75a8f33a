//! `iamlint simulate`: the decision AWS makes for one request, and why.

use std::collections::BTreeMap;

use clap::{Args, ValueEnum};
use iamlint_diagnostics::{LineIndex, Position};
use iamlint_eval::{
    Decision, Outcome, PolicyInput, Principal, Request, decide, unresolved_variables,
};
use iamlint_model::{Policy, PolicyType};
use serde::Serialize;

use crate::inputs::describe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// The decision explained in a sentence or two, with the deciding statements.
    #[default]
    Text,
    /// `{"decision","reason","statements":[...]}` (see the README).
    Json,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A policy to evaluate, as `[TYPE=]FILE` (repeatable). TYPE is identity (the default),
    /// resource, trust, boundary, scp, rcp or session. Each SCP file is one level of the
    /// organization, and every level must allow.
    #[arg(long, value_name = "[TYPE=]FILE", required = true)]
    pub policy: Vec<String>,
    /// The request as JSON: `{"principal","action","resource","resource_account","context"}`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["principal", "action", "resource", "resource_account", "context"])]
    pub request: Option<String>,
    /// Who asks: an ARN, a 12-digit account (its root user), `service:NAME`, `federated:NAME`,
    /// `canonical:ID` or `anonymous`.
    #[arg(long, value_name = "P", required_unless_present = "request")]
    pub principal: Option<String>,
    /// The action, `service:Action`.
    #[arg(long, value_name = "A", required_unless_present = "request")]
    pub action: Option<String>,
    /// The resource ARN, or `*` for actions that take no resource.
    #[arg(long, value_name = "R", required_unless_present = "request")]
    pub resource: Option<String>,
    /// The account that owns the resource, when its ARN has none (S3).
    #[arg(long, value_name = "ID")]
    pub resource_account: Option<String>,
    /// A context key's value, `KEY=VALUE` (repeatable; a repeated key is multivalued).
    #[arg(long, value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// One loaded policy.
pub(crate) struct Loaded {
    pub(crate) path: String,
    pub(crate) kind: PolicyType,
    pub(crate) text: String,
    pub(crate) policy: Policy,
}

/// Runs the simulation and prints the result. Returns the exit status: 0 whatever the
/// decision, 2 on a usage error or an unreadable policy.
pub fn run(args: &SimulateArgs) -> u8 {
    match simulate(args) {
        Ok(out) => {
            print!("{out}");
            0
        }
        Err(e) => {
            eprintln!("iamlint: {e}");
            2
        }
    }
}

fn simulate(args: &SimulateArgs) -> Result<String, String> {
    let mut loaded = Vec::new();
    for spec in &args.policy {
        loaded.push(load(spec)?);
    }
    let request = match &args.request {
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read `{path}`: {}", describe(&e)))?;
            request_from_json(&bytes).map_err(|e| format!("`{path}`: {e}"))?
        }
        None => request_from_flags(args)?,
    };
    let inputs: Vec<PolicyInput<'_>> = loaded
        .iter()
        .map(|l| PolicyInput {
            kind: l.kind,
            policy: &l.policy,
        })
        .collect();
    let outcome = decide(&inputs, &request);
    Ok(match args.format {
        Format::Json => json(&loaded, &outcome),
        Format::Text => text(&loaded, &request, &outcome),
    })
}

/// `[TYPE=]FILE`: a prefix before `=` that names a policy type is the type; otherwise the
/// whole argument is the file (file names may contain `=`).
pub(crate) fn load(spec: &str) -> Result<Loaded, String> {
    let (kind, path) = match spec.split_once('=') {
        Some((t, p)) => match PolicyType::parse(t) {
            Some(kind) => (kind, p),
            None if !std::path::Path::new(spec).exists() => {
                return Err(format!(
                    "`{t}` is not a policy type; expected one of identity, resource, trust, boundary, scp, rcp, session"
                ));
            }
            None => (PolicyType::Identity, spec),
        },
        None => (PolicyType::Identity, spec),
    };
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {}", describe(&e)))?;
    load_bytes(path, kind, &bytes)
}

/// A policy from its bytes, `path` naming it in messages.
pub(crate) fn load_bytes(path: &str, kind: PolicyType, bytes: &[u8]) -> Result<Loaded, String> {
    let decoded = iamlint_syntax::decode(bytes);
    if !decoded.invalid.is_empty() {
        return Err(format!("`{path}` is not valid UTF-8"));
    }
    let text = decoded.text.into_owned();
    let parsed = iamlint_syntax::parse(&text);
    let index = LineIndex::new(&text);
    if let Some(issue) = parsed
        .issues
        .iter()
        .find(|i| i.kind == iamlint_syntax::IssueKind::Syntax)
    {
        let at = index.position(&text, issue.range.start());
        return Err(format!(
            "`{path}` is not a policy: {}:{}: {} (run `iamlint check {path}`)",
            at.line, at.column, issue.message
        ));
    }
    let policy = parsed
        .root
        .as_ref()
        .and_then(|root| iamlint_model::lower(root).ok())
        .ok_or_else(|| format!("`{path}` is not a policy: the document is not a JSON object"))?;
    Ok(Loaded {
        path: path.to_owned(),
        kind,
        text,
        policy,
    })
}

fn principal(s: &str) -> Result<Principal, String> {
    Principal::parse(s).ok_or_else(|| {
        format!(
            "`{s}` is not a principal; expected an ARN, a 12-digit account, `service:NAME`, `federated:NAME`, `canonical:ID` or `anonymous`"
        )
    })
}

fn request_from_flags(args: &SimulateArgs) -> Result<Request, String> {
    let (Some(p), Some(action), Some(resource)) = (&args.principal, &args.action, &args.resource)
    else {
        return Err(
            "give `--request FILE` or all of `--principal`, `--action` and `--resource`".to_owned(),
        );
    };
    let mut request = Request::new(principal(p)?, action, resource);
    request.resource_account = args.resource_account.clone();
    for kv in &args.context {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("`--context {kv}` is not `KEY=VALUE`"))?;
        request = request.with(k, v);
    }
    Ok(request)
}

/// The request file: `{"principal","action","resource","resource_account","context"}`, where a
/// context value is a string (or number or boolean, taken as its text) or an array of them.
pub fn request_from_json(bytes: &[u8]) -> Result<Request, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Raw {
        principal: String,
        action: String,
        #[serde(default)]
        resource: Option<String>,
        #[serde(default)]
        resource_account: Option<String>,
        #[serde(default)]
        context: BTreeMap<String, serde_json::Value>,
    }
    let raw: Raw = serde_json::from_slice(bytes).map_err(|e| lowercase_first(&e.to_string()))?;
    let mut request = Request::new(
        principal(&raw.principal)?,
        &raw.action,
        raw.resource.as_deref().unwrap_or("*"),
    );
    request.resource_account = raw.resource_account;
    for (key, value) in raw.context {
        let values = match value {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        // an empty array: the key is present with no values
        request.context.entry(key.to_ascii_lowercase()).or_default();
        for v in values {
            let text = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                other => {
                    return Err(format!(
                        "context key `{key}` has a value that is not a string, number or boolean: `{other}`"
                    ));
                }
            };
            request = request.with(&key, &text);
        }
    }
    Ok(request)
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    decision: &'static str,
    reason: &'a str,
    statements: Vec<JsonStatement<'a>>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    path: &'a str,
    policy_type: &'static str,
    sid: Option<&'a str>,
    effect: &'static str,
    range: JsonRange,
}

#[derive(Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

/// The reason, naming the policy that gated an implicit deny.
fn reason(loaded: &[Loaded], outcome: &Outcome) -> String {
    match outcome.gate.and_then(|g| loaded.get(g)) {
        Some(l) => format!("{} (`{}`)", outcome.reason, l.path),
        None => outcome.reason.clone(),
    }
}

fn json(loaded: &[Loaded], outcome: &Outcome) -> String {
    let reason = reason(loaded, outcome);
    let statements = outcome
        .statements
        .iter()
        .filter_map(|s| {
            let l = loaded.get(s.policy)?;
            let index = LineIndex::new(&l.text);
            Some(JsonStatement {
                path: &l.path,
                policy_type: l.kind.as_str(),
                sid: s.sid.as_deref(),
                effect: s.effect.as_str(),
                range: JsonRange {
                    start: index.position(&l.text, s.start.into()),
                    end: index.position(&l.text, s.end.into()),
                },
            })
        })
        .collect();
    let out = JsonOutcome {
        decision: outcome.decision.as_str(),
        reason: &reason,
        statements,
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn text(loaded: &[Loaded], request: &Request, outcome: &Outcome) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        outcome.decision.as_str(),
        reason(loaded, outcome)
    );
    let who = match &request.principal {
        Principal::Aws { arn } => arn.clone(),
        Principal::Service(s) => format!("service {s}"),
        Principal::Federated(f) => format!("federated {f}"),
        Principal::CanonicalUser(c) => format!("canonical user {c}"),
        Principal::Anonymous => "an anonymous caller".to_owned(),
    };
    let _ = write!(
        out,
        "  request: {who} calls {} on {}",
        request.action, request.resource
    );
    if let Some(a) = &request.resource_account {
        let _ = write!(out, " (owned by {a})");
    }
    out.push('\n');
    if !outcome.statements.is_empty() {
        let what = match outcome.decision {
            Decision::Allow => "allowed by",
            Decision::ExplicitDeny => "denied by",
            Decision::ImplicitDeny => "allows that applied but were not enough",
        };
        let _ = writeln!(out, "  {what}:");
        for s in &outcome.statements {
            let Some(l) = loaded.get(s.policy) else {
                continue;
            };
            let at = LineIndex::new(&l.text).position(&l.text, s.start.into());
            let sid = s
                .sid
                .as_deref()
                .map(|x| format!("statement `{x}`"))
                .unwrap_or_else(|| "a statement without Sid".to_owned());
            let _ = writeln!(
                out,
                "    {}:{}:{}: {sid} ({}, {} policy)",
                l.path,
                at.line,
                at.column,
                s.effect.as_str(),
                l.kind.as_str()
            );
        }
    }
    for l in loaded {
        for key in unresolved_variables(&l.policy, request) {
            let _ = writeln!(
                out,
                "  note: `{}` uses `${{{key}}}`, which the request does not give: patterns that use it match nothing, and negated condition operators on it hold (give it with `--context {key}=VALUE`)",
                l.path
            );
        }
    }
    out
}
