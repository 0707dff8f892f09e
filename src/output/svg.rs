//! A picture of one PDF page and what reportmine read from it, so a user can
//! check a new layout at a glance in a browser: the page's text where it
//! stands, and over it the tables found — one box per extracted cell, one
//! band per row, each table's column edges, dashed lines joining the text
//! lines that were merged into one cell, and running heads and footers
//! shaded grey.

use crate::grammar::Extraction;
use crate::layout::{Fragment, Layout};
use std::fmt::Write as _;

/// Draws page `page` (1-based) of a PDF layout as a standalone SVG document.
/// `width` and `height` are the page's size in points; PDF coordinates
/// (origin bottom-left) are flipped to SVG's (origin top-left).
pub fn page(layout: &Layout, ex: &Extraction, page: u32, width: f32, height: f32) -> String {
    let flip = |b: [f32; 4]| (b[0], height - b[3], b[2] - b[0], b[3] - b[1]);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.2} {height:.2}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(
        s,
        r##"<style>.cell{{fill:none;stroke:#1f77b4;stroke-width:0.8}} .row{{fill:#1f77b4;fill-opacity:0.06;stroke:#ff7f0e;stroke-width:0.6}} .col{{stroke:#2ca02c;stroke-width:0.6;stroke-dasharray:4 2}} .join{{stroke:#d62728;stroke-width:0.6;stroke-dasharray:2 2}} .head{{fill:#888;fill-opacity:0.25}} text{{fill:#222}}</style>"##
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    // The page's text, every fragment where it stands.
    for line in &layout.lines {
        for f in line.cells.iter().flat_map(|c| &c.fragments) {
            let Some(b) = f.bbox.filter(|_| f.page == page) else {
                continue;
            };
            if line.furniture {
                let (x, y, w, h) = flip(b);
                let _ = writeln!(
                    s,
                    r#"<rect class="head" x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}"/>"#
                );
            }
            let (x, y, w, h) = flip(b);
            let _ = writeln!(
                s,
                r#"<text x="{x:.2}" y="{:.2}" font-size="{:.2}" textLength="{w:.2}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                y + 0.8 * h,
                0.8 * h,
                escape(layout.slice(f.span))
            );
        }
    }
    for (ti, t) in ex.tables.iter().enumerate() {
        let mut left_edges: Vec<(usize, f32, f32, f32)> = Vec::new();
        for (ri, r) in t.rows.iter().enumerate() {
            let mut band: Option<[f32; 4]> = None;
            for (ci, cell) in r.cells.iter().enumerate() {
                let on_page: Vec<&Fragment> = cell
                    .iter()
                    .map(|p| &p.fragment)
                    .filter(|f| f.page == page && f.bbox.is_some())
                    .collect();
                let Some(b) = union(on_page.iter().filter_map(|f| f.bbox)) else {
                    continue;
                };
                band = Some(band.map_or(b, |a| merge(a, b)));
                let (x, y, w, h) = flip(b);
                let _ = writeln!(
                    s,
                    r#"<rect class="cell" data-table="{ti}" data-row="{ri}" data-column="{ci}" x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}"><title>table {ti} row {ri} column {} ({})</title></rect>"#,
                    ci,
                    escape(&t.columns[ci].key)
                );
                for pair in on_page.windows(2) {
                    let (Some(a), Some(c)) = (pair[0].bbox, pair[1].bbox) else {
                        continue;
                    };
                    let _ = writeln!(
                        s,
                        r#"<line class="join" x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
                        a[0],
                        height - a[1],
                        c[0],
                        height - c[3]
                    );
                }
                match left_edges.iter_mut().find(|e| e.0 == ci) {
                    Some(e) => {
                        e.1 = e.1.min(b[0]);
                        e.2 = e.2.min(height - b[3]);
                        e.3 = e.3.max(height - b[1]);
                    }
                    None => left_edges.push((ci, b[0], height - b[3], height - b[1])),
                }
            }
            if let Some(b) = band {
                let (x, y, w, h) = flip(b);
                let _ = writeln!(
                    s,
                    r#"<rect class="row" data-table="{ti}" data-row="{ri}" x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/>"#,
                    x - 1.0,
                    y - 1.0,
                    w + 2.0,
                    h + 2.0
                );
            }
        }
        for (ci, x, top, bottom) in left_edges {
            let _ = writeln!(
                s,
                r#"<line class="col" data-table="{ti}" data-column="{ci}" x1="{:.2}" y1="{top:.2}" x2="{:.2}" y2="{bottom:.2}"/>"#,
                x - 1.5,
                x - 1.5
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

fn merge(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

fn union(boxes: impl Iterator<Item = [f32; 4]>) -> Option<[f32; 4]> {
    boxes.reduce(merge)
}

fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}
