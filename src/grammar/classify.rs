//! Line classification: what each physical line is before tables are built —
//! blank, rule, legend, running page head, footer, footnote, heading, header
//! row or table line. Pure functions of a line's text and the grammar, plus
//! the report-wide repetition count that reveals running heads.

use super::clean::Cleaned;
use super::spec::Grammar;
use foldhash::{HashMap, HashMapExt};
use nom::bytes::complete::take_while1;
use nom::combinator::all_consuming;
use nom::IResult;
use serde::Serialize;

/// What a physical line is; written to `inspect` and to line provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineClass {
    /// No visible text.
    Blank,
    /// A markdown or ASCII rule (`----`).
    Rule,
    /// A colour-key legend line (`Green – On Trajectory`).
    Legend,
    /// A running page head repeated on every page.
    PageHead,
    /// A page footer or file stamp.
    Footer,
    /// A page number or similar stray numerals.
    PageNumber,
    /// A footnote under a table.
    Note,
    /// A heading: report title or a section name.
    Heading,
    /// A table's header row (first or repeated).
    Header,
    /// A TAB line in a table, before the table grammar decides its role.
    Tabular,
    /// The first line of a logical record.
    Record,
    /// A sub-row: a new target under the same record.
    SubRow,
    /// A line whose cells continue the record above.
    Continuation,
    /// A group row naming the rows below it.
    Group,
    /// A line that fits nowhere; reported in warnings.
    Unmatched,
}

fn rule_chars(i: &str) -> IResult<&str, &str> {
    all_consuming(take_while1(|c: char| {
        matches!(c, '-' | '=' | '_' | '|' | ':' | '+' | '\t' | ' ' | '*')
    }))(i)
}

/// Whether a line is only rule characters (`----\t---`), with at least three dashes.
pub fn is_rule(line: &str) -> bool {
    rule_chars(line).is_ok()
        && line
            .chars()
            .filter(|c| matches!(c, '-' | '=' | '_'))
            .count()
            >= 3
}

/// The comparable form of a one-cell line's cleaned text: case folded.
pub fn furniture_key(cleaned: &str) -> String {
    cleaned.to_lowercase()
}

/// Counts one-cell lines (their cleaned texts) across the report: a line
/// repeated three or more times is a running head, whatever its words.
pub fn repeated_lines<'t>(cleaned: impl Iterator<Item = &'t str>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for l in cleaned {
        let k = furniture_key(l);
        if !k.is_empty() {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    counts
}

/// Classifies line `i` of a cleaned layout: blank, one-cell lines by their
/// text ([`classify_single`]), rules and footers, else a table line.
pub fn classify_line(cleaned: &Cleaned, i: usize, grammar: &Grammar) -> LineClass {
    let layout = cleaned.layout;
    let (l, t) = (&layout.lines[i], &cleaned.texts[i]);
    if layout.is_blank(l) {
        LineClass::Blank
    } else if l.furniture {
        LineClass::PageHead
    } else if l.cells.len() == 1 {
        classify_single(
            &layout.cell_text(&l.cells[0]),
            &t[0],
            grammar,
            &cleaned.repeats,
        )
    } else if is_rule(layout.slice(l.span).trim()) {
        LineClass::Rule
    } else if !t[0].is_empty()
        && t[1..].iter().all(|c| c.is_empty())
        && grammar.note.iter().any(|p| p.is_match(&t[0]))
    {
        // A footnote printed under a table's first column, its other
        // cells empty (`1 Except forcible rape and prostitution.`).
        LineClass::Note
    } else if t.iter().filter(|c| !c.is_empty()).count() >= 1
        && grammar.footer.iter().any(|p| p.is_match(&t.join(" ")))
    {
        LineClass::Footer
    } else {
        LineClass::Tabular
    }
}

/// Classifies a one-cell (TAB-free) line from its raw text and its cleaned
/// text (markup stripped, whitespace collapsed).
pub fn classify_single(
    text: &str,
    cleaned: &str,
    grammar: &Grammar,
    repeats: &HashMap<String, usize>,
) -> LineClass {
    if cleaned.is_empty() {
        return LineClass::Blank;
    }
    if is_rule(text.trim()) {
        return LineClass::Rule;
    }
    if grammar.legend.iter().any(|p| p.is_match(cleaned)) {
        return LineClass::Legend;
    }
    if grammar.footer.iter().any(|p| p.is_match(cleaned)) {
        return LineClass::Footer;
    }
    if grammar.note.iter().any(|p| p.is_match(cleaned)) || text.trim_start().starts_with("^{*}") {
        return LineClass::Note;
    }
    let key = furniture_key(cleaned);
    if grammar.is_page_head(cleaned) || repeats.get(&key).copied().unwrap_or(0) >= 3 {
        return LineClass::PageHead;
    }
    // A page number: one to four digits, but not a year (`2016` over a
    // column of figures is its label).
    let year = cleaned.len() == 4 && (cleaned.starts_with("19") || cleaned.starts_with("20"));
    if cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace())
        && cleaned.len() <= 4
        && !year
    {
        return LineClass::PageNumber;
    }
    LineClass::Heading
}

/// Whether the non-empty cells of a TAB line are nothing but stray numerals
/// (page numbers that an exporter dropped into the table).
pub fn is_page_number_line(cells: &[&str]) -> bool {
    let non_empty: Vec<&&str> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    !non_empty.is_empty()
        && non_empty.iter().all(|c| {
            c.split_whitespace()
                .all(|w| w.len() <= 3 && w.chars().all(|ch| ch.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::super::clean::clean_text;
    use super::*;

    fn g() -> Grammar {
        Grammar::builtin().remove(0)
    }

    fn classify(text: &str, g: &Grammar, repeats: &HashMap<String, usize>) -> LineClass {
        classify_single(text, &clean_text(text), g, repeats)
    }

    #[test]
    fn one_cell_lines() {
        let g = g();
        let none = HashMap::new();
        assert_eq!(
            classify("Green – On Trajectory", &g, &none),
            LineClass::Legend
        );
        assert_eq!(
            classify(
                "Red- Off Trajectory and there is Little Prospect",
                &g,
                &none
            ),
            LineClass::Legend
        );
        assert_eq!(
            classify(" Amber – Partly achieved", &g, &none),
            LineClass::Legend
        );
        assert_eq!(classify("Key", &g, &none), LineClass::Legend);
        assert_eq!(
            classify(
                "Appendix 1 MTCS and Annual Plan Commitment Monitoring",
                &g,
                &none
            ),
            LineClass::PageHead
        );
        assert_eq!(
            classify("^{*}Note - these targets have changed", &g, &none),
            LineClass::Note
        );
        assert_eq!(
            classify("Children and Young People's Service - CPA", &g, &none),
            LineClass::Heading
        );
        assert_eq!(classify("## **APPENDIX A**", &g, &none), LineClass::Heading);
        assert_eq!(classify("12", &g, &none), LineClass::PageNumber);
        assert_eq!(classify("2016", &g, &none), LineClass::Heading);
        assert_eq!(
            classify("2010-06-23 CE-10 Reports", &g, &none),
            LineClass::Footer
        );
        let mut reps = HashMap::new();
        reps.insert("draft cpa improvement plan".to_string(), 3);
        assert_eq!(
            classify("# DRAFT CPA IMPROVEMENT PLAN", &g, &reps),
            LineClass::PageHead
        );
    }

    #[test]
    fn footnotes_keyed_by_stars_or_a_cjk_note_mark_under_the_generic_grammar() {
        let generic = Grammar::builtin()
            .pop()
            .expect("the generic grammar is last");
        assert!(generic.is_generic());
        let none = HashMap::new();
        for note in [
            "* Significance p = 0,000",
            "** No significant correlation",
            "注：表中路段交通量应采用停车区所在路段的预测第 20 年交通量。",
            "Source: U.S. Department of Justice",
        ] {
            assert_eq!(classify(note, &generic, &none), LineClass::Note, "{note}");
        }
        // A star glued to its word is no footnote key (`*Publication`), nor
        // is a caption that mentions a note.
        for other in [
            "*Publication Note: updated bi-weekly",
            "Table 7: notes on method",
        ] {
            assert_ne!(classify(other, &generic, &none), LineClass::Note, "{other}");
        }
    }

    #[test]
    fn rules_and_page_numbers() {
        assert!(is_rule("----\t-----------\t--"));
        assert!(!is_rule("-"));
        assert!(!is_rule("- particularly violent"));
        assert!(is_page_number_line(&["", "1", "1 1", "", ""]));
        assert!(!is_page_number_line(&["", "1", "Plan"]));
    }
}
