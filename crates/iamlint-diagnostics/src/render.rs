//! Terminal output: codespan-reporting for the full form, one line per finding for the concise form.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{self as cs, LabelStyle};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Styles, WriteStyle};

use crate::{Diagnostic, LineIndex, Severity};

/// Renders diagnostics with the source line, the underlined span, the help and the fix.
#[derive(Debug, Clone, Default)]
pub struct TextRenderer {
    /// Emit ANSI colour codes.
    pub color: bool,
}

impl TextRenderer {
    /// Renders every diagnostic of one file. Diagnostics whose span cannot be shown (which
    /// would be a bug) fall back to the concise form rather than disappearing.
    pub fn render(&self, path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
        let file = SimpleFile::new(path, text);
        let config = term::Config::default();
        let mut out = Vec::new();
        for d in diagnostics {
            let cs_diag = to_codespan(d);
            let mut buf = Vec::new();
            let result = if self.color {
                let mut w = Relabel::new(Ansi::new(&mut buf), d.severity);
                term::emit_to_write_style(&mut w, &config, &file, &cs_diag)
            } else {
                let mut w = Relabel::new(NoColor::new(&mut buf), d.severity);
                term::emit_to_write_style(&mut w, &config, &file, &cs_diag)
            };
            match result {
                Ok(()) => out.extend_from_slice(&buf),
                Err(_) => out.extend_from_slice(
                    render_concise(path, text, std::slice::from_ref(d)).as_bytes(),
                ),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// `path:line:col: severity[CODE/name] message`, one line per diagnostic (GNU style, for
/// editors and problem matchers).
pub fn render_concise(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let p = index.position(text, d.primary.range.start());
        out.push_str(&format!(
            "{path}:{}:{}: {}[{}/{}] {}\n",
            p.line, p.column, d.severity, d.code, d.name, d.message
        ));
    }
    out
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<()> {
    let severity = match d.severity {
        Severity::Error | Severity::Security => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut labels = vec![
        cs::Label::new(LabelStyle::Primary, (), d.primary.range).with_message(&d.primary.message),
    ];
    for l in &d.secondary {
        labels.push(cs::Label::new(LabelStyle::Secondary, (), l.range).with_message(&l.message));
    }
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    for fix in &d.fixes {
        notes.push(format!(
            "fix ({}): {}",
            fix.applicability.as_str(),
            fix.title
        ));
    }
    cs::Diagnostic::new(severity)
        .with_code(format!("{}/{}", d.code, d.name))
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Writes `security` in the header where codespan-reporting, which knows only error, warning,
/// note, help and bug, would write `error`.
struct Relabel<W> {
    inner: W,
    severity: Severity,
    header_pending: bool,
}

impl<W> Relabel<W> {
    fn new(inner: W, severity: Severity) -> Self {
        Relabel {
            inner,
            severity,
            header_pending: false,
        }
    }
}

impl<W: WriteColor> Write for Relabel<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.header_pending {
            self.header_pending = false;
            if self.severity == Severity::Security && buf == b"error" {
                self.inner.write_all(b"security")?;
                return Ok(buf.len());
            }
            if self.severity == Severity::Info && buf == b"note" {
                self.inner.write_all(b"info")?;
                return Ok(buf.len());
            }
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: WriteColor> WriteStyle for Relabel<W> {
    fn set_header(&mut self, severity: cs::Severity) -> io::Result<()> {
        self.header_pending = true;
        self.inner.set_color(Styles::default().header(severity))
    }

    fn set_header_message(&mut self) -> io::Result<()> {
        self.inner.set_color(&Styles::default().header_message)
    }

    fn set_line_number(&mut self) -> io::Result<()> {
        self.inner.set_color(&Styles::default().line_number)
    }

    fn set_note_bullet(&mut self) -> io::Result<()> {
        self.inner.set_color(&Styles::default().note_bullet)
    }

    fn set_source_border(&mut self) -> io::Result<()> {
        self.inner.set_color(&Styles::default().source_border)
    }

    fn set_label(&mut self, severity: cs::Severity, style: LabelStyle) -> io::Result<()> {
        self.inner
            .set_color(Styles::default().label(severity, style))
    }

    fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;
    use crate::{Fix, range};

    #[test]
    fn renders_security_header_help_and_fix() {
        let text = "{\n  \"Effect\": \"allow\"\n}\n";
        let mut d = Diagnostic::new(
            "IAM104",
            "effect-invalid",
            Severity::Security,
            range(14, 21),
            "bad",
        );
        d.primary_message("here").help("do this");
        d.fix(Fix::safe("replace with `Allow`", vec![]));
        let out = TextRenderer { color: false }.render("p.json", text, &[d]);
        assert!(
            out.starts_with("security[IAM104/effect-invalid]: bad\n"),
            "{out}"
        );
        assert!(out.contains("p.json:2:13"), "{out}");
        assert!(out.contains("^^^^^^^ here"), "{out}");
        assert!(out.contains("= help: do this"), "{out}");
        assert!(out.contains("= fix (safe): replace with `Allow`"), "{out}");
    }

    #[test]
    fn info_is_labelled_info_and_colour_keeps_the_label() {
        let text = "{}";
        let d = Diagnostic::new("IAM1", "x", Severity::Info, range(0, 2), "m");
        let out = TextRenderer { color: true }.render("p.json", text, std::slice::from_ref(&d));
        assert!(out.contains("info"), "{out}");
        assert!(out.contains('\u{1b}'), "{out}");
        let plain = TextRenderer { color: false }.render("p.json", text, &[d]);
        assert!(plain.starts_with("info[IAM1/x]: m"), "{plain}");
    }

    #[test]
    fn out_of_range_span_still_renders_header_and_position() {
        let text = "é";
        for r in [range(7, 9), range(1, 2)] {
            let d = Diagnostic::new("IAM1", "x", Severity::Error, r, "m");
            let out = TextRenderer { color: false }.render("p.json", text, &[d]);
            assert!(out.starts_with("error[IAM1/x]: m\n"), "{out}");
            assert!(out.contains("p.json:1:"), "{out}");
        }
    }
}
