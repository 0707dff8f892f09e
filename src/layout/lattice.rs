//! Ruled grids: the frame a fully ruled table draws around its cells. Its
//! horizontal and vertical rules cross each other, and every text line
//! inside that frame belongs to the table, however differently its lines
//! split into chunks (a stacked header whose labels span column groups,
//! `Revenue` over `Medical & Public Health | Family Welfare`; a label
//! centred in a cell spanning rows). The whitespace run search cuts such a
//! table into pieces at those lines; the grid holds the pieces together.

use std::ops::Range;

use super::positioned::Page;

/// How far (points) a rule may stop short of another and still cross it:
/// drawing programs leave hairline gaps at cell corners.
const CROSS_TOL: f32 = 2.0;

/// The fewest vertical and horizontal rules a grid has: a frame with one
/// inner rule each way, two rows by two columns.
const MIN_RULES: usize = 3;

/// A ruled grid's bounding box, `(x0, top, x1, bottom)`, y growing down.
type Frame = (f32, f32, f32, f32);

/// A frame's area: of two frames holding a run, the smaller is the one
/// nested in the other.
fn area(f: &Frame) -> f32 {
    (f.2 - f.0) * (f.3 - f.1)
}

/// The frames of a page's ruled grids: sets of horizontal and vertical
/// rules connected by crossings, with at least [`MIN_RULES`] of each.
fn frames(page: &Page) -> Vec<Frame> {
    let (h, v) = (&page.rules, &page.vrules);
    let n = h.len() + v.len();
    // Union-find over rules: horizontal ones first, then vertical.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    for (a, &(y, x0, x1)) in h.iter().enumerate() {
        for (b, &(x, y0, y1)) in v.iter().enumerate() {
            let crosses = x >= x0 - CROSS_TOL
                && x <= x1 + CROSS_TOL
                && y >= y0 - CROSS_TOL
                && y <= y1 + CROSS_TOL;
            if crosses {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, h.len() + b));
                parent[ra] = rb;
            }
        }
    }
    // Per component: counts of each kind and the bounding box.
    let mut parts: Vec<(usize, usize, Frame)> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; n];
    for k in 0..n {
        let r = root(&mut parent, k);
        let (x0, top, x1, bottom) = if k < h.len() {
            let (y, x0, x1) = h[k];
            (x0, y, x1, y)
        } else {
            let (x, y0, y1) = v[k - h.len()];
            (x, y0, x, y1)
        };
        let p = *index_of[r].get_or_insert_with(|| {
            parts.push((0, 0, (f32::INFINITY, f32::INFINITY, f32::MIN, f32::MIN)));
            parts.len() - 1
        });
        let part = &mut parts[p];
        if k < h.len() {
            part.0 += 1;
        } else {
            part.1 += 1;
        }
        let f = &mut part.2;
        *f = (f.0.min(x0), f.1.min(top), f.2.max(x1), f.3.max(bottom));
    }
    parts
        .into_iter()
        .filter(|&(hs, vs, _)| hs >= MIN_RULES && vs >= MIN_RULES)
        .map(|(_, _, f)| f)
        .collect()
}

/// The runs of a page with those that lie in one ruled grid joined into
/// one run, together with the lines between them inside the grid (labels
/// of a stacked header, a centred spanning label) and those above them
/// inside it (a header row), but for a title row spanning the frame.
pub(super) fn join_grid_runs(page: &Page, runs: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let grids = frames(page);
    if grids.is_empty() {
        return runs;
    }
    let inside = |k: usize, f: &Frame| {
        let l = &page.lines[k];
        let (Some(first), Some(last)) = (l.words.first(), l.words.last()) else {
            return true;
        };
        l.y > f.1 && l.y - l.size < f.3 && first.x0 >= f.0 - CROSS_TOL && last.x1 <= f.2 + CROSS_TOL
    };
    // The innermost frame holding most of a run's lines (a caption above
    // the frame may have joined the run; a table nested in a cell of
    // another is its own).
    let grid_of = |r: &Range<usize>| {
        let texted: Vec<usize> = r
            .clone()
            .filter(|&k| !page.lines[k].words.is_empty())
            .collect();
        if texted.is_empty() {
            return None;
        }
        let g = (0..grids.len())
            .filter(|&g| {
                2 * texted.iter().filter(|&&k| inside(k, &grids[g])).count() > texted.len()
            })
            .min_by(|&a, &b| area(&grids[a]).total_cmp(&area(&grids[b])))?;
        // A run whose text all starts right of one of the frame's inner
        // column rules, with no such rule running through it, sits in one
        // cell of the grid: a table of its own nested there, not a piece of
        // the grid's table (whose rows may leave their first cells empty,
        // but cross its column rules).
        let f = &grids[g];
        let (left, right) = texted.iter().fold((f32::INFINITY, f32::MIN), |(a, b), &k| {
            let ws = &page.lines[k].words;
            (
                ws.first().map_or(a, |w| a.min(w.x0)),
                ws.last().map_or(b, |w| b.max(w.x1)),
            )
        });
        let (first, last) = (
            &page.lines[texted[0]],
            &page.lines[texted[texted.len() - 1]],
        );
        let reach = 2.0 * first.size.max(last.size);
        let (top, bottom) = (first.y - first.size, last.y);
        let column_rule = |&&(x, y0, y1): &&(f32, f32, f32)| {
            x > f.0 + CROSS_TOL && x < f.2 - CROSS_TOL && y0 <= top && y1 >= bottom
        };
        let rule_left = page.vrules.iter().filter(column_rule).any(|r| r.0 < left);
        let rule_through =
            page.vrules.iter().filter(column_rule).any(|&(x, y0, y1)| {
                x > left && x < right && (y0 < top - reach || y1 > bottom + reach)
            });
        let nested = rule_left && !rule_through;
        (!nested).then_some(g)
    };
    let mut out: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    for r in runs {
        let g = grid_of(&r);
        match out.last_mut() {
            Some((prev, Some(pg)))
                if g == Some(*pg) && (prev.end..r.start).all(|k| inside(k, &grids[*pg])) =>
            {
                prev.end = r.end;
            }
            _ => out.push((r, g)),
        }
    }
    // A grid's run takes in the lines above it inside the frame (a header
    // row the run search left out because its labels line up with nothing
    // below), then gives up those spanning the whole frame (a title row)
    // and those below it.
    let mut floor = 0;
    out.into_iter()
        .map(|(mut r, g)| {
            if let Some(g) = g {
                let mut start = r.start;
                while start > floor && inside(start - 1, &grids[g]) {
                    start -= 1;
                }
                // Only up to the top of the frame: lines above that belong
                // to what the run search found above (a table nested in a
                // cell, prose in a cell) are no header of this run.
                if start == 0 || !inside(start - 1, &grids[g]) {
                    r.start = start;
                }
                // Lines the run search added below the frame (a note, the
                // next table's header) are no rows of this grid.
                while r.len() > 2 && !inside(r.end - 1, &grids[g]) {
                    r.end -= 1;
                }
                r = trim_spanning(page, r);
            }
            floor = r.end;
            r
        })
        .collect()
}

/// A grid's run without the lines at its top that run across the grid's
/// column rules: a title row spanning the frame (`Table: 5  Public Health
/// Outlay 2012-13 ...`) is a caption, not a row of labels over columns.
fn trim_spanning(page: &Page, mut run: Range<usize>) -> Range<usize> {
    // A line of two or more words reaching over the place of a vertical
    // rule drawn lower in the run, with none drawn at its own height
    // between the middles of its first and last words.
    let spans_all = |k: usize| {
        let l = &page.lines[k];
        let mid = l.y - 0.4 * l.size;
        let centre = |w: &super::positioned::Word| 0.5 * (w.x0 + w.x1);
        match (l.words.first(), l.words.last()) {
            (Some(a), Some(b)) if l.words.len() >= 2 => {
                let (a, b) = (centre(a), centre(b));
                let between = |&&(x, _, _): &&(f32, f32, f32)| x > a && x < b;
                let here = |&&(_, y0, y1): &&(f32, f32, f32)| y0 <= mid && mid <= y1;
                let below = |&&(_, y0, _): &&(f32, f32, f32)| y0 > mid;
                page.vrules.iter().filter(between).any(|r| below(&r))
                    && !page.vrules.iter().filter(between).any(|r| here(&r))
            }
            _ => false,
        }
    };
    while run.len() > 2 && (spans_all(run.start) || page.lines[run.start].words.is_empty()) {
        run.start += 1;
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(xs: &[f32], ys: &[f32]) -> Page {
        let (x0, x1) = (xs[0], *xs.last().unwrap());
        let (y0, y1) = (ys[0], *ys.last().unwrap());
        Page {
            lines: Vec::new(),
            rules: ys.iter().map(|&y| (y, x0, x1)).collect(),
            vrules: xs.iter().map(|&x| (x, y0, y1)).collect(),
        }
    }

    #[test]
    fn crossing_rules_make_one_frame() {
        let page = grid(&[50.0, 150.0, 250.0], &[100.0, 120.0, 140.0, 160.0]);
        assert_eq!(frames(&page), vec![(50.0, 100.0, 250.0, 160.0)]);
    }

    #[test]
    fn rules_that_do_not_cross_make_no_frame() {
        // Underlines and a margin bar: horizontal rules far from the
        // vertical ones.
        let page = Page {
            lines: Vec::new(),
            rules: vec![
                (100.0, 50.0, 250.0),
                (120.0, 50.0, 250.0),
                (140.0, 50.0, 250.0),
            ],
            vrules: vec![
                (400.0, 90.0, 150.0),
                (410.0, 90.0, 150.0),
                (420.0, 90.0, 150.0),
            ],
        };
        assert!(frames(&page).is_empty());
    }

    #[test]
    fn a_lone_box_is_no_grid() {
        let page = grid(&[50.0, 250.0], &[100.0, 160.0]);
        assert!(frames(&page).is_empty());
    }
}
