//! `iamlint diff OLD NEW`: what NEW grants that OLD did not, and what it no longer grants,
//! as families of requests (service, action pattern, resources, conditions), each with a
//! request the evaluator has confirmed. `--fail-on-new-access` makes it a CI gate, the
//! offline counterpart of Access Analyzer's CheckNoNewAccess.

use std::fmt::Write;
use std::path::Path;

use clap::Args;
use iamlint_diagnostics::LineIndex;
use iamlint_eval::Request;
use iamlint_model::{Entry, Polarity, PolicyType, Statement, StrList, Typed};
use iamlint_prove::{Diff, Difference, Mode, Verdict};
use serde::Serialize;

use crate::prove::{Format, JsonRequest, mode_note, solver_settings};
use crate::simulate::{Loaded, load, load_bytes};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old and the new version; with `--base`, only the file, compared with itself at that
    /// git revision.
    #[arg(value_names = ["OLD", "NEW"], num_args = 1..=2, required = true)]
    pub files: Vec<String>,
    /// Compare FILE with its version at this git revision (`main`, `HEAD~1`, a commit). A file
    /// absent at that revision counts as granting nothing.
    #[arg(long, value_name = "GIT_REF")]
    pub base: Option<String>,
    /// Exit with status 1 when NEW grants anything OLD did not (3 when that is undecided).
    #[arg(long)]
    pub fail_on_new_access: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// How long the solver may take per question, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,
    /// Let actions be any string, not only the catalog's.
    #[arg(long)]
    pub open_world: bool,
}

/// Exit status: 0, or with `--fail-on-new-access` 1 on new access and 3 when undecided; 2 on
/// an error.
pub fn run(args: &DiffArgs) -> u8 {
    match compare(args) {
        Ok((out, added)) => {
            print!("{out}");
            match (args.fail_on_new_access, added) {
                (false, _) | (true, Verdict::Holds) => 0,
                (true, Verdict::Fails(_)) => 1,
                (true, Verdict::Unknown(_)) => 3,
            }
        }
        Err(e) => {
            eprintln!("iamlint: {e}");
            2
        }
    }
}

/// The two versions: from files, or from git.
fn versions(args: &DiffArgs) -> Result<(Loaded, Loaded), String> {
    match (&args.base, args.files.as_slice()) {
        (None, [old, new]) => Ok((load(old)?, load(new)?)),
        (None, _) => Err("give OLD and NEW, or `--base GIT_REF FILE`".to_owned()),
        (Some(base), [file]) => {
            let new = load(file)?;
            let label = format!("{file}@{base}");
            let old = match git_show(base, file)? {
                Some(bytes) => load_bytes(&label, PolicyType::Identity, &bytes)?,
                None => load_bytes(
                    &format!("{label} (absent)"),
                    PolicyType::Identity,
                    br#"{"Version":"2012-10-17","Statement":[]}"#,
                )?,
            };
            Ok((old, new))
        }
        (Some(_), _) => Err("with `--base`, give one FILE".to_owned()),
    }
}

/// The file's content at a git revision; `None` when the file did not exist there.
fn git_show(rev: &str, file: &str) -> Result<Option<Vec<u8>>, String> {
    let path = Path::new(file);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("`{file}` is not a file name"))?;
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        return Ok(Some(out.stdout));
    }
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("exists on disk, but not in") || err.contains("does not exist in") {
        return Ok(None);
    }
    Err(format!(
        "cannot read `{file}` at `{rev}`: {}",
        err.trim().trim_start_matches("fatal: ")
    ))
}

fn compare(args: &DiffArgs) -> Result<(String, Verdict), String> {
    let (timeout_ms, mode) = solver_settings(args.timeout, args.open_world)?;
    let (old, new) = versions(args)?;
    let start = std::time::Instant::now();
    // what the prover does not encode makes both directions undecided, never "no change"
    let diff =
        iamlint_prove::diff(&old.policy, &new.policy, mode, timeout_ms).unwrap_or_else(|why| {
            let undecided = Difference {
                verdict: Verdict::Unknown(why),
                families: Vec::new(),
            };
            Diff {
                added: undecided.clone(),
                removed: undecided,
            }
        });
    let elapsed_ms = start.elapsed().as_millis();
    let added = side(
        &diff.added,
        &new,
        "new access",
        format!("none: `{}` grants nothing `{}` did not", new.path, old.path),
        format!("`{}` grants requests that `{}` did not", new.path, old.path),
    );
    let removed = side(
        &diff.removed,
        &old,
        "removed access",
        format!(
            "none: `{}` still grants everything `{}` did",
            new.path, old.path
        ),
        format!(
            "`{}` granted requests that `{}` no longer does",
            old.path, new.path
        ),
    );
    let out = match args.format {
        Format::Text => text(&[&added, &removed], mode, elapsed_ms),
        Format::Json => json(&added, &removed, mode, elapsed_ms),
    };
    Ok((out, diff.added.verdict))
}

/// One direction, ready to print.
struct Side {
    title: &'static str,
    verdict: &'static str,
    summary: String,
    example: Option<Request>,
    families: Vec<Shown>,
}

/// One family, ready to print.
#[derive(Serialize)]
struct Shown {
    service: String,
    /// The statement's position in the `Statement` array, from 0.
    statement: usize,
    sid: Option<String>,
    /// How the text report names the statement.
    #[serde(skip)]
    label: String,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_action: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resources: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_resources: Option<Vec<String>>,
    condition: Option<serde_json::Value>,
    verdict: &'static str,
    witness: Option<JsonRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// One direction: `d` holds the requests `from` grants and the other version does not.
fn side(d: &Difference, from: &Loaded, title: &'static str, none: String, some: String) -> Side {
    let (verdict, summary, example) = match &d.verdict {
        Verdict::Holds => ("holds", none, None),
        Verdict::Fails(r) => ("fails", some, Some(r.clone())),
        Verdict::Unknown(why) => ("unknown", format!("undecided: {why}"), None),
    };
    let stmts: Vec<&Statement> = from.policy.statements().collect();
    let index = LineIndex::new(&from.text);
    let mut families: Vec<Shown> = d
        .families
        .iter()
        .filter_map(|f| {
            let stmt = stmts.get(f.statement)?;
            Some(shown(f, stmt, from, &index))
        })
        .collect();
    families.sort_by(|a, b| a.service.cmp(&b.service));
    Side {
        title,
        verdict,
        summary,
        example,
        families,
    }
}

/// The strings of an `Action`/`Resource` element (`NotAction`/`NotResource` for `Negative`).
fn strings(
    element: Option<(Polarity, &Entry<Typed<StrList>>)>,
    want: Polarity,
) -> Option<Vec<String>> {
    let (polarity, entry) = element?;
    (polarity == want).then(|| {
        entry
            .value
            .ok()
            .into_iter()
            .flat_map(|l| l.strings())
            .map(|s| s.value.clone())
            .collect()
    })
}

fn shown(f: &iamlint_prove::Family, stmt: &Statement, from: &Loaded, index: &LineIndex) -> Shown {
    let line = index.position(&from.text, stmt.range.start()).line;
    let condition = stmt.condition.as_ref().and_then(|c| {
        let slice = from
            .text
            .get(usize::from(c.range.start())..usize::from(c.range.end()))?;
        let (_, value) = slice.split_once(':')?;
        Some(serde_json::from_str(value.trim()).unwrap_or_else(|_| serde_json::json!(value.trim())))
    });
    let service = match &f.action {
        Some(a) => a.split(':').next().unwrap_or(a).to_ascii_lowercase(),
        None => "(NotAction)".to_owned(),
    };
    let (verdict, witness, reason) = match &f.verdict {
        Verdict::Fails(r) => ("fails", Some(JsonRequest::of(r)), None),
        Verdict::Unknown(why) => ("unknown", None, Some(why.clone())),
        Verdict::Holds => ("holds", None, None),
    };
    Shown {
        service,
        statement: f.statement,
        sid: stmt.sid().map(str::to_owned),
        label: stmt.label(),
        line,
        action: f.action.clone(),
        not_action: f
            .action
            .is_none()
            .then(|| strings(stmt.actions(), Polarity::Negative))
            .flatten(),
        resources: strings(stmt.resources(), Polarity::Positive),
        not_resources: strings(stmt.resources(), Polarity::Negative),
        condition,
        verdict,
        witness,
        reason,
    }
}

fn ticked(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn request_line(r: &JsonRequest) -> String {
    let mut s = format!("{} on {}", r.action, r.resource);
    if !r.context.is_empty() {
        let ctx: Vec<String> = r.context.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = write!(s, " with {}", ctx.join(", "));
    }
    let _ = write!(s, " by {}", r.principal);
    s
}

fn text(sides: &[&Side], mode: Mode, elapsed_ms: u128) -> String {
    let mut out = String::new();
    for side in sides {
        let _ = writeln!(out, "{}: {}", side.title, side.summary);
        if let (Some(r), true) = (&side.example, side.families.is_empty()) {
            let _ = writeln!(out, "  e.g. {}", request_line(&JsonRequest::of(r)));
        }
        let mut last_service = "";
        for f in &side.families {
            if f.service != last_service {
                let _ = writeln!(out, "  {}", f.service);
                last_service = &f.service;
            }
            let what = match (&f.action, &f.not_action) {
                (Some(a), _) => format!("`{a}`"),
                (None, Some(not)) => format!("any action but {}", ticked(not)),
                (None, None) => "any action".to_owned(),
            };
            let on = match (&f.resources, &f.not_resources) {
                (Some(r), _) => ticked(r),
                (None, Some(not)) => format!("any resource but {}", ticked(not)),
                (None, None) => "any resource".to_owned(),
            };
            let _ = writeln!(out, "    {what} on {on} ({}, line {})", f.label, f.line);
            if let Some(c) = &f.condition {
                let _ = writeln!(out, "      when {c}");
            }
            match (&f.witness, &f.reason) {
                (Some(w), _) => {
                    let _ = writeln!(out, "      e.g. {}", request_line(w));
                }
                (None, Some(why)) => {
                    let _ = writeln!(out, "      undecided: {why}");
                }
                (None, None) => {}
            }
        }
    }
    let _ = writeln!(
        out,
        "({}; every example replayed through the evaluator; {elapsed_ms} ms)",
        mode_note(mode)
    );
    out
}

#[derive(Serialize)]
struct JsonSide<'a> {
    verdict: &'static str,
    reason: &'a str,
    counterexample: Option<JsonRequest>,
    families: &'a [Shown],
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    query: &'static str,
    /// `holds`: NEW grants nothing new.
    verdict: &'static str,
    added: JsonSide<'a>,
    removed: JsonSide<'a>,
    mode: &'static str,
    elapsed_ms: u128,
}

fn json(added: &Side, removed: &Side, mode: Mode, elapsed_ms: u128) -> String {
    let side = |s: &'_ Side| JsonSide {
        verdict: s.verdict,
        reason: "",
        counterexample: s.example.as_ref().map(JsonRequest::of),
        families: &[],
    };
    let (mut a, mut r) = (side(added), side(removed));
    a.reason = &added.summary;
    a.families = &added.families;
    r.reason = &removed.summary;
    r.families = &removed.families;
    let out = JsonDiff {
        query: "diff",
        verdict: added.verdict,
        added: a,
        removed: r,
        mode: match mode {
            Mode::ClosedWorld => "closed-world",
            Mode::OpenWorld => "open-world",
        },
        elapsed_ms,
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
