//! Rendering a run: the full text form, the concise form and JSON.

use iamlint_diagnostics::{
    Applicability, Diagnostic, LineIndex, Position, Severity, TextRenderer, render_concise,
};
use iamlint_model::PolicyType;
use serde::Serialize;

/// What was found in one file.
pub struct FileReport {
    pub path: String,
    pub is_stdin: bool,
    /// How many fixes were applied.
    pub fixed: usize,
    /// The text as checked (after fixes). Emptied with `diagnostics` once the file's part is
    /// rendered, except for stdin, whose fixed text may still be printed.
    pub text: String,
    pub policy_type: PolicyType,
    /// Emptied once the file's part is rendered (text and concise reports; JSON needs them
    /// whole); `tally` keeps what the summary and the exit status need.
    pub diagnostics: Vec<Diagnostic>,
    pub tally: Tally,
    /// The file's part of a text or concise report, rendered by the worker that checked it.
    pub rendered: Option<String>,
}

/// What the summary and the exit status need of a file's diagnostics.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    /// By severity, in the order of `Severity::ALL`.
    pub by_severity: [usize; 4],
    /// Diagnostics whose first fix is safe, and those whose first fix is unsafe.
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
    /// Some diagnostic fails the run.
    pub fails: bool,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let mut t = Tally::default();
        for d in diagnostics {
            if let Some(n) = Severity::ALL
                .iter()
                .position(|s| *s == d.severity)
                .and_then(|i| t.by_severity.get_mut(i))
            {
                *n += 1;
            }
            match d.fixes.first().map(|f| f.applicability) {
                Some(Applicability::Safe) => t.safe_fixes += 1,
                Some(Applicability::Unsafe) => t.unsafe_fixes += 1,
                Some(Applicability::DisplayOnly) | None => {}
            }
            t.fails |= d.severity.fails_run();
        }
        t
    }

    fn total(&self) -> usize {
        self.by_severity.iter().sum()
    }
}

/// The file's part of a text or concise report (`None` for JSON, which is built as a whole).
pub fn render_file(
    report: &FileReport,
    format: crate::check::Format,
    color: bool,
) -> Option<String> {
    match format {
        crate::check::Format::Text => {
            Some(TextRenderer { color }.render(&report.path, &report.text, &report.diagnostics))
        }
        crate::check::Format::Concise => Some(render_concise(
            &report.path,
            &report.text,
            &report.diagnostics,
        )),
        crate::check::Format::Json => None,
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    policy_type: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    range: JsonRange,
}

#[derive(Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

/// The machine-readable report (schema version 1).
pub fn json(reports: &[Box<FileReport>]) -> String {
    let mut out = JsonReport {
        version: 1,
        files: Vec::new(),
        diagnostics: Vec::new(),
    };
    for r in reports {
        out.files.push(JsonFile {
            path: &r.path,
            policy_type: r.policy_type.as_str(),
        });
        let index = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            out.diagnostics.push(JsonDiagnostic {
                path: &r.path,
                code: d.code,
                name: d.name,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                range: JsonRange {
                    start: index.position(&r.text, d.primary.range.start()),
                    end: index.position(&r.text, d.primary.range.end()),
                },
            });
        }
    }
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// Writes a text or concise report: each file's part (rendered by the worker that checked it),
/// then a summary. The parts are written one after another rather than joined first: a joined
/// report is a fresh buffer as large as the report, which costs more to fill than to write.
pub fn write_parts(
    w: &mut impl std::io::Write,
    reports: &[Box<FileReport>],
    format: crate::check::Format,
    color: bool,
    fixing: bool,
) -> std::io::Result<()> {
    for r in reports {
        match &r.rendered {
            Some(part) => w.write_all(part.as_bytes())?,
            None => {
                let part = render_file(r, format, color).unwrap_or_default();
                w.write_all(part.as_bytes())?;
            }
        }
    }
    w.write_all(summary(reports, fixing).as_bytes())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(reports: &[Box<FileReport>], fixing: bool) -> String {
    let files = reports.len();
    let mut all = Tally::default();
    for r in reports {
        for (n, m) in all.by_severity.iter_mut().zip(r.tally.by_severity) {
            *n += m;
        }
        all.safe_fixes += r.tally.safe_fixes;
        all.unsafe_fixes += r.tally.unsafe_fixes;
    }
    let mut s = String::new();
    let fixed: usize = reports.iter().map(|r| r.fixed).sum();
    if fixing && fixed > 0 {
        s.push_str(&format!(
            "Fixed {}.\n",
            plural(fixed, "problem", "problems")
        ));
    }
    if all.total() == 0 {
        s.push_str(&format!(
            "Checked {}: no problems found.\n",
            plural(files, "file", "files")
        ));
        return s;
    }
    let counts: Vec<String> = Severity::ALL
        .iter()
        .zip(all.by_severity)
        .filter(|(_, n)| *n > 0)
        .map(|(sev, n)| match sev {
            Severity::Error => plural(n, "error", "errors"),
            Severity::Security => format!("{n} security"),
            Severity::Warning => plural(n, "warning", "warnings"),
            Severity::Info => format!("{n} info"),
        })
        .collect();
    let with_problems = reports.iter().filter(|r| r.tally.total() > 0).count();
    s.push_str(&format!(
        "Checked {}: {} ({}) in {}.\n",
        plural(files, "file", "files"),
        plural(all.total(), "problem", "problems"),
        counts.join(", "),
        plural(with_problems, "file", "files"),
    ));
    let (safe, unsafe_) = (all.safe_fixes, all.unsafe_fixes);
    if !fixing && safe > 0 {
        s.push_str(&format!("{safe} fixable with `--fix`"));
        if unsafe_ > 0 {
            s.push_str(&format!(" ({unsafe_} more with `--fix --unsafe-fixes`)"));
        }
        s.push_str(".\n");
    } else if !fixing && unsafe_ > 0 {
        s.push_str(&format!("{unsafe_} fixable with `--fix --unsafe-fixes`.\n"));
    }
    s
}
