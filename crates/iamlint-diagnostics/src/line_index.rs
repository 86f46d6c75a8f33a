//! Byte offsets to 1-based lines and columns, where a column counts Unicode scalar values.

use text_size::TextSize;

/// A position as the CLI reports it: 1-based line, 1-based column in characters, byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// Line starts of one text. Lines end at `\n`; a `\r` before it belongs to the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Per line: only ASCII, so columns are byte offsets (no character counting). Empty when
    /// the whole text is ASCII.
    ascii: Vec<bool>,
    all_ascii: bool,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        // sized for lines of a few dozen bytes, as in policies, so that it seldom grows
        let mut starts = Vec::with_capacity(text.len() / 24 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| offset(i + 1)));
        // most texts are ASCII throughout, which one vectorised pass tells
        let all_ascii = text.is_ascii();
        let ascii = if all_ascii {
            Vec::new()
        } else {
            let ends = starts
                .iter()
                .skip(1)
                .map(|&s| s as usize)
                .chain([text.len()]);
            starts
                .iter()
                .zip(ends)
                .map(|(&s, e)| {
                    text.as_bytes()
                        .get(s as usize..e)
                        .is_some_and(<[u8]>::is_ascii)
                })
                .collect()
        };
        LineIndex {
            starts,
            ascii,
            all_ascii,
            len: offset(text.len()),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset` (the last line for offsets past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset where the 0-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// The position of `offset` in `text` (the text this index was built from). Offsets past
    /// the end clamp to the end, and offsets inside a character round down to its start.
    pub fn position(&self, text: &str, offset: TextSize) -> Position {
        let mut offset = u32::from(offset).min(self.len);
        while offset > 0 && !text.is_char_boundary(offset as usize) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = if self.all_ascii || self.ascii.get(line).copied().unwrap_or(false) {
            (offset - start) as usize
        } else {
            text.get(start as usize..offset as usize)
                .map_or(0, |s| s.chars().count())
        };
        Position {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
            offset,
        }
    }
}

/// Positions of a few offsets of one text, found by scanning forward from the previous one:
/// cheaper than a [`LineIndex`] when a text has only a handful of findings, as most do.
/// Answers exactly as [`LineIndex::position`]; offsets are best asked in ascending order
/// (an earlier one restarts the scan from the top).
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    text: &'a str,
    /// Where the scan stopped, and how many line breaks precede it.
    at: usize,
    line: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> LineCursor<'a> {
        LineCursor {
            text,
            at: 0,
            line: 0,
        }
    }

    /// The position of `offset`: past the end clamps to the end, inside a character rounds
    /// down to its start.
    pub fn position(&mut self, offset: TextSize) -> Position {
        let text = self.text;
        let mut offset = (u32::from(offset) as usize).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            self.at = 0;
            self.line = 0;
        }
        let bytes = text.as_bytes();
        // a branch-free count, which the compiler vectorises
        self.line += bytes
            .get(self.at..offset)
            .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        self.at = offset;
        let start = bytes
            .get(..offset)
            .and_then(|s| memchr::memrchr(b'\n', s))
            .map_or(0, |i| i + 1);
        let column = text.get(start..offset).map_or(0, |s| {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            }
        });
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: clamp(self.line + 1),
            column: clamp(column + 1),
            offset: clamp(offset),
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: u32) -> (u32, u32, u32) {
        let p = LineIndex::new(text).position(text, TextSize::new(offset));
        (p.line, p.column, p.offset)
    }

    #[test]
    fn first_line_and_end() {
        assert_eq!(pos("", 0), (1, 1, 0));
        assert_eq!(pos("abc", 0), (1, 1, 0));
        assert_eq!(pos("abc", 3), (1, 4, 3));
        assert_eq!(pos("abc", 99), (1, 4, 3));
    }

    #[test]
    fn lines_and_crlf() {
        let t = "a\r\nbc\n\nd";
        assert_eq!(pos(t, 1), (1, 2, 1)); // the \r belongs to line 1
        assert_eq!(pos(t, 3), (2, 1, 3));
        assert_eq!(pos(t, 5), (2, 3, 5)); // the \n itself
        assert_eq!(pos(t, 6), (3, 1, 6));
        assert_eq!(pos(t, 7), (4, 1, 7));
        assert_eq!(pos(t, 8), (4, 2, 8));
    }

    #[test]
    fn ascii_and_non_ascii_lines_mix() {
        let t = "abc\né😀x\nxyz";
        assert_eq!(pos(t, 2), (1, 3, 2));
        assert_eq!(pos(t, 10), (2, 3, 10));
        assert_eq!(pos(t, 13), (3, 2, 13));
    }

    #[test]
    fn the_cursor_answers_as_the_index() {
        for t in ["", "abc", "a\r\nbc\n\nd", "abc\né😀x\nxyz\n", "é\n\n😀"] {
            let index = LineIndex::new(t);
            let mut cursor = LineCursor::new(t);
            // ascending, then again from the top (a restart), then past the end
            let offsets: Vec<u32> = (0..=t.len() as u32).chain(0..=t.len() as u32 + 2).collect();
            for o in offsets {
                let o = TextSize::from(o);
                assert_eq!(cursor.position(o), index.position(t, o), "{t:?} {o:?}");
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = "é😀x";
        assert_eq!(pos(t, 2), (1, 2, 2));
        assert_eq!(pos(t, 6), (1, 3, 6));
        // inside the emoji: rounds down to its start
        assert_eq!(pos(t, 4), (1, 2, 2));
    }
}
