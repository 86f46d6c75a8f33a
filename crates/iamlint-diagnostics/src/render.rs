//! Terminal output: codespan-reporting for the full form, one line per finding for the concise form.

use std::fmt::Write as _;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{self as cs, LabelStyle};
use codespan_reporting::files;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Styles, WriteStyle};

use crate::{Diagnostic, LineCursor, LineIndex, Severity};

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
        self.render_with(path, text, diagnostics, true)
    }

    /// [`TextRenderer::render`] with every diagnostic through codespan-reporting, for tests
    /// that compare the direct layout with it.
    #[doc(hidden)]
    pub fn render_through_codespan(
        &self,
        path: &str,
        text: &str,
        diagnostics: &[Diagnostic],
    ) -> String {
        self.render_with(path, text, diagnostics, false)
    }

    fn render_with(
        &self,
        path: &str,
        text: &str,
        diagnostics: &[Diagnostic],
        direct: bool,
    ) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        let config = term::Config::default();
        // a diagnostic takes some 500 bytes of text (the corpus's average): sized so that the
        // part seldom grows, each growth being a copy
        let mut out = String::with_capacity(diagnostics.len() * 512);
        let index = LineIndex::new(text);
        let file = IndexedFile {
            name: path,
            source: text,
            index: &index,
        };
        for d in diagnostics {
            if touches_long_line(text, &index, d) {
                out.push_str(&render_windowed(path, text, &index, d));
                continue;
            }
            if direct && !self.color && render_plain(&mut out, &file, d) {
                continue;
            }
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
                // codespan writes the text it was given, so this is UTF-8 unless something is
                // amiss
                Ok(()) => out.push_str(&String::from_utf8_lossy(&buf)),
                Err(_) => out.push_str(&render_concise(path, text, std::slice::from_ref(d))),
            }
        }
        out
    }
}

/// One file for codespan-reporting, with the line starts of our [`LineIndex`] (its own
/// `SimpleFile` would find them all again for every file). Answers as `SimpleFile` does.
struct IndexedFile<'a> {
    name: &'a str,
    source: &'a str,
    index: &'a LineIndex,
}

impl IndexedFile<'_> {
    fn line_start(&self, line: usize) -> Result<usize, files::Error> {
        match line.cmp(&self.index.line_count()) {
            std::cmp::Ordering::Less => Ok(self.index.line_start(line).map_or(0, |s| s as usize)),
            std::cmp::Ordering::Equal => Ok(self.source.len()),
            std::cmp::Ordering::Greater => Err(files::Error::LineTooLarge {
                given: line,
                max: self.index.line_count().saturating_sub(1),
            }),
        }
    }
}

impl<'a> files::Files<'a> for IndexedFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.index.line_of(byte_index))
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        Ok(self.line_start(line_index)?..self.line_start(line_index + 1)?)
    }
}

/// A single-line label: byte columns in its line (codespan's: at least one wide).
struct Single<'a> {
    line: usize,
    start: usize,
    end: usize,
    caret: char,
    message: &'a str,
}

/// The multi-line label of a diagnostic: its first and last lines, where it starts in the
/// first and ends in the last.
struct Multi<'a> {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    caret: char,
    message: &'a str,
}

/// What codespan draws left of a shown line for the multi-line label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Outside,
    Top,
    Inside,
    Bottom,
}

/// The line `index` of `file`, when it is printable ASCII up to its line break (the lines
/// whose rendering needs no character widths or tab stops).
fn plain_line<'a>(
    file: &IndexedFile<'a>,
    index: usize,
) -> Option<(std::ops::Range<usize>, &'a str)> {
    let range = file.line_start(index).ok()?..file.line_start(index + 1).ok()?;
    let source = file
        .source
        .get(range.clone())?
        .trim_end_matches(['\n', '\r', '\0']);
    source
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b))
        .then_some((range, source))
}

/// Writes a diagnostic exactly as codespan-reporting's rich layout does without colour, for
/// the common cases: single-line labels on lines of their own, and at most one label over
/// several lines (apart from the others), every shown line printable ASCII. Returns `false`,
/// having written nothing, for any other diagnostic. codespan formats each character through
/// `io::Write`, and walks every line a multi-line label spans, which made it the largest cost
/// of a text report; tests compare both on random diagnostics and on the whole corpus.
fn render_plain(out: &mut String, file: &IndexedFile<'_>, d: &Diagnostic) -> bool {
    let len = file.source.len();
    let mut singles: Vec<Single<'_>> = Vec::with_capacity(1 + d.secondary.len());
    let mut multi: Option<Multi<'_>> = None;
    let labels = std::iter::once((&d.primary, true)).chain(d.secondary.iter().map(|l| (l, false)));
    let mut locus = None;
    for (label, primary) in labels {
        let (start, end) = (
            usize::from(label.range.start()),
            usize::from(label.range.end()),
        );
        if start > end || end > len {
            return false;
        }
        let (first, last) = (file.index.line_of(start), file.index.line_of(end));
        let (Ok(first_start), Ok(last_start)) = (file.line_start(first), file.line_start(last))
        else {
            return false;
        };
        let start = start - first_start;
        locus.get_or_insert((first + 1, start + 1));
        if first == last {
            singles.push(Single {
                line: first,
                start,
                end: (end - first_start).max(start + 1),
                caret: if primary { '^' } else { '-' },
                message: &label.message,
            });
        } else if multi.is_none() {
            multi = Some(Multi {
                first,
                last,
                start,
                end: end - last_start,
                caret: if primary { '^' } else { '\'' },
                message: &label.message,
            });
        } else {
            return false;
        }
    }
    let Some((line_number, column)) = locus else {
        return false;
    };
    singles.sort_by_key(|l| l.line);
    let outside = |line: usize| {
        multi
            .as_ref()
            .is_none_or(|m| line < m.first || line > m.last)
    };
    if singles
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.line == b.line))
        || !singles.iter().all(|l| outside(l.line))
    {
        return false;
    }
    let mark = |line: usize| match &multi {
        Some(m) if line == m.first => Mark::Top,
        Some(m) if line == m.last => Mark::Bottom,
        Some(m) if line > m.first && line < m.last => Mark::Inside,
        _ => Mark::Outside,
    };
    // the lines shown: the singles' lines; the multi-line label's first line and three after
    // it, the line before its last, and its last
    let mut shown: Vec<usize> = singles.iter().map(|l| l.line).collect();
    if let Some(m) = &multi {
        shown.extend((m.first..=m.last).filter(|&l| l - m.first <= 3 || m.last - l <= 1));
    }
    shown.sort_unstable();
    shown.dedup();
    // every shown line, and each line shown because it is alone between two shown ones, must
    // be plain
    let mut rows: Vec<(usize, &str, bool)> = Vec::with_capacity(shown.len() + 2);
    for (i, &line) in shown.iter().enumerate() {
        let Some((_, source)) = plain_line(file, line) else {
            return false;
        };
        rows.push((line, source, true));
        if let Some(&next) = shown.get(i + 1)
            && next - line == 2
        {
            let Some((_, source)) = plain_line(file, line + 1) else {
                return false;
            };
            rows.push((line + 1, source, false));
        }
    }
    let width = rows
        .iter()
        .map(|(line, ..)| decimal_digits(line + 1))
        .max()
        .unwrap_or(1);
    // pieces are appended directly: `write!` costs more than the text it writes here
    let put = |out: &mut String, parts: &[&str]| {
        for p in parts {
            out.push_str(p);
        }
    };
    // the gutter: the line number right-aligned in `width` columns, or blank
    let gutter = |out: &mut String, number: Option<usize>| {
        let digits = number.map_or(0, decimal_digits);
        repeat(out, ' ', width.saturating_sub(digits));
        if let Some(n) = number {
            push_decimal(out, n);
        }
    };
    // the column of the multi-line label left of a line (none without one)
    let column_of = |m: Mark| match (&multi, m) {
        (None, _) => "",
        (Some(_), Mark::Outside | Mark::Top) => "  ",
        (Some(_), Mark::Inside | Mark::Bottom) => " │",
    };
    put(
        out,
        &[
            d.severity.as_str(),
            "[",
            d.code,
            "/",
            d.name,
            "]: ",
            &d.message,
            "\n",
        ],
    );
    gutter(out, None);
    put(out, &[" ┌─ ", file.name, ":"]);
    push_decimal(out, line_number);
    out.push(':');
    push_decimal(out, column);
    out.push('\n');
    gutter(out, None);
    put(out, &[" │", column_of(Mark::Outside), "\n"]);
    let mut singles = singles.iter().peekable();
    for (i, &(line, source, labelled)) in rows.iter().enumerate() {
        let m = mark(line);
        let indent = source.len() - source.trim_start().len();
        let opens_left = multi.as_ref().is_some_and(|x| x.start <= indent);
        gutter(out, Some(line + 1));
        let left = if m == Mark::Top && opens_left {
            " ╭"
        } else {
            column_of(m)
        };
        put(out, &[" │", left, " ", source, "\n"]);
        if !labelled {
            continue;
        }
        if let Some(l) = singles.next_if(|l| l.line == line) {
            gutter(out, None);
            put(out, &[" │", column_of(m), " "]);
            // the carets span the label's columns, and one past the line for a label at its end
            let shown = source.len() + 1;
            repeat(out, ' ', l.start.min(shown));
            repeat(out, l.caret, l.end.min(shown).saturating_sub(l.start));
            if !l.message.is_empty() {
                put(out, &[" ", l.message]);
            }
            out.push('\n');
        }
        if let Some(x) = &multi {
            let corner = match m {
                Mark::Top if !opens_left => Some(("╭", (x.start + 1).min(source.len()), "")),
                Mark::Bottom => Some(("╰", x.end.min(source.len()), x.message)),
                _ => None,
            };
            if let Some((corner, dashes, message)) = corner {
                gutter(out, None);
                put(out, &[" │ ", corner]);
                repeat(out, '─', dashes);
                out.push(x.caret);
                if !message.is_empty() {
                    put(out, &[" ", message]);
                }
                out.push('\n');
            }
        }
        // a break where lines are left out
        if let Some(&(next, _, _)) = rows.get(i + 1)
            && next - line > 1
        {
            gutter(out, None);
            put(out, &[" ·", column_of(mark(next)), "\n"]);
        }
    }
    if d.help.is_some() || !d.fixes.is_empty() {
        gutter(out, None);
        put(out, &[" │", column_of(Mark::Outside), "\n"]);
    }
    for note in &note_texts(d) {
        for (i, line) in note.lines().enumerate() {
            gutter(out, None);
            put(out, &[if i == 0 { " = " } else { "   " }, line, "\n"]);
        }
    }
    out.push('\n');
    true
}

/// Appends `n` copies of the character `c`.
fn repeat(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

fn decimal_digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or(&[])).unwrap_or(""));
}

/// Source lines longer than this are shown as a window around the span, not whole: a
/// minified policy is one long line, and repeating it for every finding would flood the
/// terminal (and take time quadratic in its length).
const MAX_LINE_BYTES: usize = 200;
/// Bytes of context shown on each side of a span in a window.
const WINDOW_CONTEXT: usize = 60;

fn line_bounds(text: &str, index: &LineIndex, offset: crate::TextSize) -> (usize, usize) {
    let p = index.position(text, offset);
    let line = (p.line as usize).saturating_sub(1);
    let start = index.line_start(line).map_or(0, |s| s as usize);
    let end = index
        .line_start(line + 1)
        .map_or(text.len(), |s| (s as usize).saturating_sub(1));
    (start, end.max(start))
}

fn touches_long_line(text: &str, index: &LineIndex, d: &Diagnostic) -> bool {
    std::iter::once(&d.primary).chain(&d.secondary).any(|l| {
        let (s, e) = line_bounds(text, index, l.range.start());
        e - s > MAX_LINE_BYTES
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// One diagnostic in codespan's layout, showing only a window of each long line.
fn render_windowed(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let p = index.position(text, d.primary.range.start());
    let gutter = p.line.to_string().len();
    let pad = " ".repeat(gutter);
    let mut out = format!("{}[{}/{}]: {}\n", d.severity, d.code, d.name, d.message);
    out.push_str(&format!(
        "{pad} ┌─ {path}:{}:{}\n{pad} │\n",
        p.line, p.column
    ));
    let excerpt = |label: &crate::Label, marker: char| -> String {
        let (line_start, line_end) = line_bounds(text, index, label.range.start());
        let s = usize::from(label.range.start()).clamp(line_start, line_end);
        let e = usize::from(label.range.end()).clamp(s, line_end);
        let e_shown = e.min(s + 2 * WINDOW_CONTEXT);
        let w_start = floor_boundary(text, s.saturating_sub(WINDOW_CONTEXT).max(line_start));
        let w_end = ceil_boundary(text, (e_shown + WINDOW_CONTEXT).min(line_end));
        let before = text.get(w_start..s).unwrap_or("");
        let marked = text.get(s..ceil_boundary(text, e_shown)).unwrap_or("");
        let after = text.get(ceil_boundary(text, e_shown)..w_end).unwrap_or("");
        let lead = if w_start > line_start { "…" } else { "" };
        let tail = if w_end < line_end { "…" } else { "" };
        let ln = index.position(text, label.range.start()).line;
        let indent = lead.chars().count() + before.chars().count();
        let width = marked.chars().count().max(1);
        let mut s = format!("{ln:>gutter$} │ {lead}{before}{marked}{after}{tail}\n");
        let underline: String = std::iter::repeat_n(marker, width).collect();
        s.push_str(&format!("{pad} │ {}{underline}", " ".repeat(indent)));
        if !label.message.is_empty() {
            s.push(' ');
            s.push_str(&label.message);
        }
        s.push('\n');
        s
    };
    out.push_str(&excerpt(&d.primary, '^'));
    for l in &d.secondary {
        out.push_str(&excerpt(l, '-'));
    }
    out.push_str(&format!("{pad} │\n"));
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} = help: {help}\n"));
    }
    for fix in &d.fixes {
        out.push_str(&format!(
            "{pad} = fix ({}): {}\n",
            fix.applicability.as_str(),
            fix.title
        ));
    }
    out.push('\n');
    out
}

/// `path:line:col: severity[CODE/name] message`, one line per diagnostic (GNU style, for
/// editors and problem matchers).
pub fn render_concise(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut lines = LineCursor::new(text);
    let mut out = String::with_capacity(diagnostics.len() * (path.len() + 96));
    for d in diagnostics {
        let p = lines.position(d.primary.range.start());
        // writing to a `String` cannot fail
        let _ = writeln!(
            out,
            "{path}:{}:{}: {}[{}/{}] {}",
            p.line, p.column, d.severity, d.code, d.name, d.message
        );
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
    cs::Diagnostic::new(severity)
        .with_code(format!("{}/{}", d.code, d.name))
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(note_texts(d))
}

/// The notes under a diagnostic: its help, then its fixes.
fn note_texts(d: &Diagnostic) -> Vec<String> {
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
    notes
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
    fn long_lines_are_windowed() {
        let text = format!("{{\"a\":\"{}TARGET{}\"}}", "x".repeat(500), "y".repeat(500));
        let at = text.find("TARGET").unwrap();
        let mut d = Diagnostic::new("IAM1", "x", Severity::Warning, range(at, at + 6), "m");
        d.primary_message("here").help("h");
        let out = TextRenderer { color: false }.render("p.json", &text, &[d]);
        assert!(out.starts_with("warning[IAM1/x]: m\n"), "{out}");
        assert!(out.contains(&format!("p.json:1:{}", at + 1)), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let source_line = lines.iter().find(|l| l.contains("TARGET")).unwrap();
        assert!(source_line.chars().count() < 160, "{source_line}");
        assert!(source_line.contains('…'));
        let caret_line = lines.iter().find(|l| l.contains("^^^^^^")).unwrap();
        assert_eq!(
            caret_line
                .find('^')
                .map(|i| caret_line[..i].chars().count()),
            source_line
                .find("TARGET")
                .map(|i| source_line[..i].chars().count())
        );
        assert!(out.contains("= help: h"));
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

    /// A diagnostic with labels at `spans` (the first primary), a help and a fix.
    fn labelled(spans: &[(usize, usize, &str)], severity: Severity) -> Diagnostic {
        let (s, e, m) = spans.first().copied().unwrap_or((0, 0, ""));
        let mut d = Diagnostic::new("IAM1", "x", severity, range(s, e), "a `b`");
        d.primary_message(m);
        for &(s, e, m) in spans.iter().skip(1) {
            d.secondary(range(s, e), m);
        }
        d
    }

    #[test]
    fn the_direct_layout_covers_the_common_cases_as_codespan_does() {
        let text = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\",\n  \"Resource\": \"*\"\n}";
        let at = |needle: &str| text.find(needle).unwrap();
        let cases = [
            vec![(at("\"Allow"), at("\"Allow") + 7, "here")],
            vec![(at("\"Allow"), at("\"Allow"), "")],
            // a label at a line's end, and one on the last line without a line break
            vec![(at(",\n  \"Action"), at(",\n  \"Action") + 1, "end")],
            vec![(text.len() - 1, text.len(), "close")],
            vec![(text.len(), text.len(), "eof")],
            // secondary labels: the next line, one line apart, further apart, before
            vec![
                (at("\"Effect"), at("\"Effect") + 8, "p"),
                (at("\"Action"), at("\"Action") + 8, "s"),
            ],
            vec![
                (at("\"Effect"), at("\"Effect") + 8, "p"),
                (at("\"Resource"), at("\"Resource") + 10, ""),
            ],
            vec![(at("}"), at("}") + 1, ""), (0, 1, "first")],
            vec![
                (at("\"*\""), at("\"*\"") + 3, "p"),
                (at("\"Effect"), at("\"Effect") + 8, "s"),
            ],
        ];
        let renderer = TextRenderer { color: false };
        for spans in &cases {
            for severity in Severity::ALL {
                let mut d = labelled(spans, severity);
                let direct = renderer.render("p.json", text, std::slice::from_ref(&d));
                let codespan =
                    renderer.render_through_codespan("p.json", text, std::slice::from_ref(&d));
                assert_eq!(direct, codespan, "{spans:?}");
                d.help("do `this`\nthen that")
                    .fix(Fix::safe("replace", vec![]));
                d.fix(Fix::unsafe_("remove", vec![]));
                let direct = renderer.render("p.json", text, std::slice::from_ref(&d));
                let codespan =
                    renderer.render_through_codespan("p.json", text, std::slice::from_ref(&d));
                assert_eq!(direct, codespan, "{spans:?}");
            }
            // and these are the direct layout's, not the fallback's
            let index = LineIndex::new(text);
            let file = IndexedFile {
                name: "p.json",
                source: text,
                index: &index,
            };
            assert!(render_plain(
                &mut String::new(),
                &file,
                &labelled(spans, Severity::Error)
            ));
        }
    }

    /// One label over several lines (the statement `size-identity` points at), with single
    /// labels before or after it: opening at the line's indentation or further in, spanning
    /// two, three or many lines, primary or secondary, with or without a message.
    #[test]
    fn the_direct_layout_draws_a_multi_line_label_as_codespan_does() {
        let text = "{\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\"\n    },\n    {\"Effect\": \"Deny\",\n     \"Action\": \"*\"}\n  ],\n  \"Version\": \"2012-10-17\"\n}\n";
        let at = |needle: &str| text.find(needle).unwrap();
        let stmt = (at("    {\n      \"Effect") + 4, at("    },") + 5);
        let inline = (at("{\"Effect\": \"Deny"), at("\"*\"}") + 4);
        let two = (at("\"Effect\": \"Allow"), at("\"Action\": \"s3") + 6);
        let three = (at("\"Effect\": \"Allow"), at("\"Resource") + 10);
        let version = (at("\"Version"), at("\"Version") + 9);
        let cases: Vec<Vec<(usize, usize, &str)>> = vec![
            vec![(0, 1, ""), (stmt.0, stmt.1, "the largest statement")],
            vec![(0, 1, "here"), (inline.0, inline.1, "")],
            vec![(version.0, version.1, "v"), (two.0, two.1, "two lines")],
            vec![
                (version.0, version.1, ""),
                (three.0, three.1, "three lines"),
            ],
            vec![(stmt.0, stmt.1, "primary"), (version.0, version.1, "after")],
            vec![(inline.0, inline.1, "primary"), (0, 1, "before")],
            vec![(0, text.len(), "everything")],
        ];
        let renderer = TextRenderer { color: false };
        let index = LineIndex::new(text);
        let file = IndexedFile {
            name: "p.json",
            source: text,
            index: &index,
        };
        for spans in &cases {
            for help in [false, true] {
                let mut d = labelled(spans, Severity::Warning);
                if help {
                    d.help("split the policy");
                }
                assert!(render_plain(&mut String::new(), &file, &d), "{spans:?}");
                let direct = renderer.render("p.json", text, std::slice::from_ref(&d));
                let codespan =
                    renderer.render_through_codespan("p.json", text, std::slice::from_ref(&d));
                assert_eq!(direct, codespan, "{spans:?}");
            }
        }
        // two labels over several lines, or a single one inside the span: codespan's
        let d = labelled(
            &[(stmt.0, stmt.1, ""), (inline.0, inline.1, "")],
            Severity::Info,
        );
        assert!(!render_plain(&mut String::new(), &file, &d));
        let d = labelled(
            &[(version.0, version.1, ""), (0, text.len(), "")],
            Severity::Info,
        );
        assert!(!render_plain(&mut String::new(), &file, &d));
        let d = labelled(
            &[(stmt.0, stmt.1, ""), (two.0, two.0 + 1, "")],
            Severity::Info,
        );
        assert!(!render_plain(&mut String::new(), &file, &d));
    }

    #[test]
    fn the_direct_layout_leaves_what_it_cannot_show_to_codespan() {
        let text = "{\n\t\"a\": \"é\",\r\n  \"b\": 1\n}\n";
        let index = LineIndex::new(text);
        let file = IndexedFile {
            name: "p.json",
            source: text,
            index: &index,
        };
        let tab_line = (3, 6, "");
        let multi_line = (0, 14, "");
        let crlf_line = (text.find("\"b").unwrap(), text.find("\"b").unwrap() + 3, "");
        let two_on_a_line = [(0, 1, ""), (0, 1, "")];
        for spans in [
            &[tab_line][..],
            &[multi_line],
            &two_on_a_line,
            &[(22, 23, ""), crlf_line],
        ] {
            assert!(
                !render_plain(
                    &mut String::new(),
                    &file,
                    &labelled(spans, Severity::Warning)
                ),
                "{spans:?}"
            );
        }
        assert!(render_plain(
            &mut String::new(),
            &file,
            &labelled(&[crlf_line], Severity::Warning)
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Random texts (tabs, CRLF, non-ASCII, empty lines) and labels (several per line,
        /// across lines, empty, at the end): the output never depends on which path drew it.
        #[test]
        fn the_direct_layout_agrees_with_codespan(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "bc", " ", "\"x\": 1,", "\n", "\n", "\n", "\n\n\n", "\t", "é", "中", "\r\n",
                ]),
                0..40,
            ),
            spans in proptest::collection::vec((0usize..120, 0usize..12, proptest::sample::select(vec!["", "m", "two words"])), 1..4),
            help in proptest::option::of(proptest::sample::select(vec!["h", "line\nnext", ""])),
        ) {
            let text: String = pieces.concat();
            let boundary = |i: usize| {
                let mut i = i.min(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let spans: Vec<(usize, usize, &str)> = spans
                .iter()
                .map(|&(s, l, m)| (boundary(s), boundary(s + l), m))
                .collect();
            let mut d = labelled(&spans, Severity::Info);
            if let Some(h) = help {
                d.help(h);
            }
            let renderer = TextRenderer { color: false };
            proptest::prop_assert_eq!(
                renderer.render("p.json", &text, std::slice::from_ref(&d)),
                renderer.render_through_codespan("p.json", &text, std::slice::from_ref(&d))
            );
        }
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
