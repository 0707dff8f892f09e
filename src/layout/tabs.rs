//! TAB-separated text exports to the layout model: one cell per TAB field,
//! LF, CRLF and CR line ends, form feeds as page breaks.

use super::{Cell, Fragment, Layout, Line, Span};

/// Splits decoded text into physical lines and TAB cells. Cell spans are
/// trimmed of surrounding whitespace, so slicing the text by a span gives
/// exactly the visible cell text.
pub fn from_tabbed_text(text: String) -> Layout {
    let (physical, pages, explicit_pages) = physical_lines(&text);
    let lines = physical
        .into_iter()
        .map(|p| {
            let mut cells = Vec::new();
            let mut cell_start = p.span.start;
            for i in p.span.start..=p.span.end {
                if i == p.span.end || text.as_bytes()[i] == b'\t' {
                    cells.push(cell(&text, cell_start, i, p.number, p.page));
                    cell_start = i + 1;
                }
            }
            Line {
                number: p.number,
                page: p.page,
                span: p.span,
                cells,
                furniture: false,
                apart: false,
            }
        })
        .collect();
    Layout {
        text,
        lines,
        pages,
        explicit_pages,
    }
}

/// One physical line of decoded text: its number, page and content span
/// (without line end and without leading form feeds).
pub(super) struct Physical {
    pub number: u32,
    pub page: u32,
    pub span: Span,
}

/// Splits text into physical lines (LF, CRLF, CR), form feeds starting new
/// pages; returns the lines, the page count and whether any form feed was
/// seen. Every text-based layout (TAB and fixed-width) reads lines this way.
pub(super) fn physical_lines(text: &str) -> (Vec<Physical>, u32, bool) {
    let mut lines = Vec::new();
    let mut page = 1u32;
    let mut explicit_pages = false;
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut number = 0u32;
    while start < bytes.len() || (start == bytes.len() && number == 0) {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        number += 1;
        let mut content_start = start;
        // Form feeds start a new page; they may lead a line or stand alone.
        while content_start < end && bytes[content_start] == 0x0c {
            page += 1;
            explicit_pages = true;
            content_start += 1;
        }
        lines.push(Physical {
            number,
            page,
            span: Span {
                start: content_start,
                end,
            },
        });
        // Line end: CRLF, LF or CR.
        start = if end + 1 < bytes.len() && bytes[end] == b'\r' && bytes[end + 1] == b'\n' {
            end + 2
        } else {
            end + 1
        };
        if end >= bytes.len() {
            break;
        }
    }
    (lines, page, explicit_pages)
}

fn cell(text: &str, start: usize, end: usize, line: u32, page: u32) -> Cell {
    let raw = &text[start..end];
    let trimmed_start = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Cell::default();
    }
    let s = start + trimmed_start;
    Cell {
        fragments: vec![Fragment {
            span: Span {
                start: s,
                end: s + trimmed.len(),
            },
            line,
            page,
            bbox: None,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(l: &Layout) -> Vec<Vec<String>> {
        l.lines
            .iter()
            .map(|line| line.cells.iter().map(|c| l.cell_text(c)).collect())
            .collect()
    }

    #[test]
    fn splits_tabs_and_all_line_ends() {
        let l = from_tabbed_text("a\t b \r\nc\rd\n\n\te".to_string());
        assert_eq!(
            texts(&l),
            vec![
                vec!["a", "b"],
                vec!["c"],
                vec!["d"],
                vec![""],
                vec!["", "e"]
            ]
        );
        assert_eq!(
            l.lines.iter().map(|x| x.number).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5]
        );
        // " b " is trimmed: its span covers just "b".
        assert_eq!(
            l.lines[0].cells[1].fragments[0].span,
            Span { start: 3, end: 4 }
        );
        assert!(!l.explicit_pages);
    }

    #[test]
    fn form_feed_starts_a_page() {
        let l = from_tabbed_text("p1\n\x0cp2\tx\n".to_string());
        assert_eq!(l.lines[1].page, 2);
        assert_eq!(l.slice(l.lines[1].span), "p2\tx");
        assert_eq!(l.pages, 2);
        assert!(l.explicit_pages);
    }

    #[test]
    fn trailing_newline_makes_no_extra_line() {
        let l = from_tabbed_text("a\nb\n".to_string());
        assert_eq!(l.lines.len(), 2);
    }
}
