//! Fixed-width text (`pdftotext -layout`, line printers, mainframe reports)
//! to the layout model: character columns play the part of x positions and
//! the positioned-text inference finds the columns and row bands.

use super::positioned::{tabulate, Metrics, Page, TextLine, Word};
use super::tabs::physical_lines;
use super::{Layout, Span};

/// In characters: columns are at least two spaces apart, or one where the
/// printer squeezed them; a word may start one character off its column's
/// left edge, and a column's edge may wander by three characters between
/// rows (proportional text rounded to the character grid).
const METRICS: Metrics = Metrics {
    chunk_gap: 2.0,
    space: 1.0,
    snap: 1.5,
    indent: 2.5,
    squeezed: true,
    drift: 3.0,
};

/// Whether decoded text is fixed-width rather than TAB-separated: no TABs,
/// and a good share of its lines hold wide runs of spaces between words
/// (text aligned in columns).
pub fn is_fixed_width(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let mut nonblank = 0usize;
    let mut aligned = 0usize;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        nonblank += 1;
        if t.contains("   ") || line.starts_with("    ") {
            aligned += 1;
        }
    }
    nonblank >= 3 && aligned * 4 >= nonblank
}

/// Reads fixed-width text: words at their character columns, then the
/// shared table inference. Spans and line numbers are those of the text.
pub fn from_fixed_width(text: String) -> Layout {
    let (physical, page_count, explicit) = physical_lines(&text);
    let mut pages: Vec<Page> = vec![Page::default(); page_count as usize];
    for (index, p) in physical.iter().enumerate() {
        let line = &text[p.span.start..p.span.end];
        let mut words = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        for (column, (offset, ch)) in line
            .char_indices()
            .chain(std::iter::once((line.len(), ' ')))
            .enumerate()
        {
            if ch.is_whitespace() {
                if let Some((b, c)) = start.take() {
                    words.push(Word {
                        span: Span {
                            start: p.span.start + b,
                            end: p.span.start + offset,
                        },
                        x0: c as f32,
                        x1: column as f32,
                        bbox: None,
                    });
                }
            } else if start.is_none() {
                start = Some((offset, column));
            }
        }
        pages[p.page as usize - 1].lines.push(TextLine {
            number: p.number,
            page: p.page,
            span: p.span,
            words,
            y: index as f32,
            size: 1.0,
        });
    }
    tabulate(text, &pages, explicit, METRICS)
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
    fn detects_columns_not_tabs() {
        assert!(is_fixed_width(
            "REF   Name     Status\n1     Ann      Green\n2     Bob      Red\n"
        ));
        assert!(!is_fixed_width("REF\tName\n1\tAnn\n"));
        assert!(!is_fixed_width(
            "Just prose, one line after another.\nAnd another.\nThird.\n"
        ));
    }

    #[test]
    fn wrapped_cells_make_one_band_and_a_short_cell_starts_a_row() {
        let text = "\
REF   Commitment                 Officer           Status
A 1   Deliver the new service    Ann Smith         Green
      by March 2009
A 2   Open the centre            Bob Jones         Red
A 3   Train all the staff of     Carol Williams    Amber
      the new centre
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l),
            vec![
                vec!["REF", "Commitment", "Officer", "Status"],
                vec![
                    "A 1",
                    "Deliver the new service by March 2009",
                    "Ann Smith",
                    "Green"
                ],
                vec!["A 2", "Open the centre", "Bob Jones", "Red"],
                vec![
                    "A 3",
                    "Train all the staff of the new centre",
                    "Carol Williams",
                    "Amber"
                ],
            ]
        );
        // The band keeps one fragment per physical line, with its line.
        let lines: Vec<u32> = l.lines[1].cells[1]
            .fragments
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, vec![2, 3]);
        assert_eq!(
            l.slice(l.lines[1].cells[1].fragments[1].span),
            "by March 2009"
        );
    }

    #[test]
    fn a_sub_row_without_ref_is_its_own_band() {
        let text = "\
REF   Commitment                 Officer           Status
A 1   Deliver the new service    Ann Smith         Green
      by March 2009
      Open the centre            Bob Jones         Red
A 3   Train all the staff of     Carol Williams    Amber
      the new centre
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l)[2],
            vec!["", "Open the centre", "Bob Jones", "Red"]
        );
        assert_eq!(l.lines[2].number, 4);
    }

    #[test]
    fn squeezed_columns_split_where_the_next_column_starts() {
        // `pdftotext -layout` squeezes columns to one space and places the
        // words after a squeeze one space apart: `Tony` stands two characters
        // left of the Officer column, `Green` one right of the Status column.
        let text = "\
REF        Commitment                   Officer                  Status
CPA CORP 1 Deliver sickness absence to  S. Sartoris              Green
           52 days per employee
CPA CORP 4 Develop the Centres by May Tony Drummond              Red
           2005
CPA CORP 6 Achieve the actions          Nigel Farrow (V. Chester) Green
           detailed in the plan
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l),
            vec![
                vec!["REF", "Commitment", "Officer", "Status"],
                vec![
                    "CPA CORP 1",
                    "Deliver sickness absence to 52 days per employee",
                    "S. Sartoris",
                    "Green"
                ],
                vec![
                    "CPA CORP 4",
                    "Develop the Centres by May 2005",
                    "Tony Drummond",
                    "Red"
                ],
                vec![
                    "CPA CORP 6",
                    "Achieve the actions detailed in the plan",
                    "Nigel Farrow (V. Chester)",
                    "Green"
                ],
            ]
        );
    }

    #[test]
    fn a_column_that_starts_further_left_on_some_rows_is_one_column() {
        // `pdftotext -layout` places each row's cells just right of the
        // widest text to their left in that row: row `CPA 10` starts its
        // Commitment four characters left of the other rows'.
        let text = "\
REF        Commitment               Officer         Status
CPA 1      Deliver the new service  Ann Smith       Green
           by March 2009
CPA 10 Open the new centre in       Bob Jones and   Red
       the town by the end of       Carol Smith
       June 2009                    (acting)
CPA 3      Train all the staff      Carol Williams  Amber
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l),
            vec![
                vec!["REF", "Commitment", "Officer", "Status"],
                vec![
                    "CPA 1",
                    "Deliver the new service by March 2009",
                    "Ann Smith",
                    "Green"
                ],
                vec![
                    "CPA 10",
                    "Open the new centre in the town by the end of June 2009",
                    "Bob Jones and Carol Smith (acting)",
                    "Red"
                ],
                vec!["CPA 3", "Train all the staff", "Carol Williams", "Amber"],
            ]
        );
    }

    #[test]
    fn a_bullet_hanging_left_of_its_text_stays_in_its_column() {
        let text = "\
REF     Commitment               Officer      Status     Comments
A 1     Deliver the new service  Ann Smith    Amber      • first sites chosen
        by March 2009                                      for the pilot;
                                                         • staff trained.
A 2     Open the centre          Bob Jones    Red        Delayed by the works.
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l)[1],
            vec![
                "A 1",
                "Deliver the new service by March 2009",
                "Ann Smith",
                "Amber",
                "• first sites chosen for the pilot; • staff trained."
            ]
        );
    }

    #[test]
    fn a_squeezed_cell_may_start_right_after_the_wrapped_text_below() {
        // Row `A 2` prints its Date two characters left of the column,
        // right after `helped` and flush with the end of the line below.
        let text = "\
REF   Commitment                            Date       Officer
A 1   Open the new centre in the middle of  2005/06    Ann Smith
      the town
A 2   Increase the number of older helped 2004/05      Bob Jones
      to live at home to 113 per 1,000 pop
A 3   Train all the staff                   Ongoing    Carol Williams
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l)[2],
            vec![
                "A 2",
                "Increase the number of older helped to live at home to 113 per 1,000 pop",
                "2004/05",
                "Bob Jones"
            ]
        );
    }

    #[test]
    fn a_column_after_hanging_bullets_is_not_merged_into_its_neighbour() {
        // The Comments edge is where its bullets hang, three characters
        // left of its text; rows that fill RAG and Comments keep both.
        let text = "\
REF   Commitment           Indicator   RAG   Comments on progress
A 1   Open the centre      BV91/2      Amber Results available in May.
A 2   Train the staff      Local PI    Green • first sites chosen;
                                             • staff trained.
A 3   Review the plan      BVPI 92     Red   • consultation closed;
                                             • report taken to Cabinet.
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(
            texts(&l)[1..],
            vec![
                vec![
                    "A 1",
                    "Open the centre",
                    "BV91/2",
                    "Amber",
                    "Results available in May."
                ],
                vec![
                    "A 2",
                    "Train the staff",
                    "Local PI",
                    "Green",
                    "• first sites chosen; • staff trained."
                ],
                vec![
                    "A 3",
                    "Review the plan",
                    "BVPI 92",
                    "Red",
                    "• consultation closed; • report taken to Cabinet."
                ],
            ]
        );
    }

    #[test]
    fn cells_run_together_split_where_their_columns_say() {
        // The printer ran `10 AP/CYP` and `Schools` together with one
        // space, ten characters left of the Dept. column: the rows whose
        // cells stand apart show a REF is `9 A` and a Dept. `A` or `A A`.
        let text = "\
REF                 Dept.       Priority  Commitment
1 AP/CYP            Schools     High      Open the centre
2 AP/CYP            Libraries   Low       Train the staff
3 AP/CYP            Chief Exec  High      Mend the roads
4 AP/CYP            Highways    Low       Light the streets
10 AP/CYP Schools               Low       Build the hall
11 AP/CYP Chief Exec            High      Write the plan
12 AP/CYP Road Safety          High      Paint the lines on
          Team                          all roads
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(t[5], vec!["10 AP/CYP", "Schools", "Low", "Build the hall"]);
        assert_eq!(
            t[6],
            vec!["11 AP/CYP", "Chief Exec", "High", "Write the plan"]
        );
        // The wrapped tail under the moved cell follows it.
        assert_eq!(
            t[7],
            vec![
                "12 AP/CYP",
                "Road Safety Team",
                "High",
                "Paint the lines on all roads"
            ]
        );
        assert_eq!(l.slice(l.lines[7].cells[1].fragments[1].span), "Team");
    }

    #[test]
    fn a_header_label_marks_an_edge_every_row_runs_across() {
        // No row opens the Dept. column after a gap: each runs its REF and
        // Dept. together with one space, a little left of the label.
        let text = "\
Ref           Dept.          Priority   Commitment
26 AP/CORP Housing           Medium     Deliver the plan
27 AP/CORP Highways          High       Review the plan
28 AP/CORP Libraries         Low        Write the plan
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(t[0], vec!["Ref", "Dept.", "Priority", "Commitment"]);
        assert_eq!(
            t[1],
            vec!["26 AP/CORP", "Housing", "Medium", "Deliver the plan"]
        );
        assert_eq!(
            t[3],
            vec!["28 AP/CORP", "Libraries", "Low", "Write the plan"]
        );
    }

    #[test]
    fn a_header_in_capitals_wrapped_over_lines_is_one_band() {
        // Under the repeated header the first row's last cell carries on
        // from the page before: the header's second line still joins it.
        let text = "\
AREA FOR        METHOD OF        PROGRESS/LATEST
IMPROVEMENT     IMPROVEMENT      POSITION
                                 the plan was agreed.
5   Schools     Open the centre  Opened in May.
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[0],
            vec![
                "AREA FOR IMPROVEMENT",
                "METHOD OF IMPROVEMENT",
                "PROGRESS/LATEST POSITION"
            ]
        );
        assert_eq!(l.lines[0].span, Span { start: 0, end: 90 });
    }

    #[test]
    fn a_repeated_header_stops_before_the_row_the_page_break_cut() {
        let text = "\
REF   Commitment         Progress to Date,
                         Explanation
A 1   Open the centre    Work started in May.
A 2   Train the staff    Staff trained and
                         assessed.
\u{c}REF   Commitment          Progress to Date,
                          Explanation
                          the new centre opened
                          on time.
A 3   Mend the roads      Done.
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        let at = |n: u32| l.lines.iter().position(|x| x.number == n).unwrap();
        assert_eq!(
            t[at(6)],
            vec!["REF", "Commitment", "Progress to Date, Explanation"]
        );
        assert_eq!(t[at(8)], vec!["", "", "the new centre opened on time."]);
        assert_eq!(t[at(10)], vec!["A 3", "Mend the roads", "Done."]);
    }

    #[test]
    fn a_label_squeezed_against_the_first_starts_its_column_where_values_do() {
        // `Dept.` follows `Ref` with one space and stands two characters
        // left of where the one row's Dept. value starts: the value's
        // start and the label beside it make the edge.
        let text = "\
Ref Dept.         Priority  Commitment
                  (Where    (Where
                  Stated)   Stated)
1     Corporate   Low       Extend the number
      Resources             of older people
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[0],
            vec![
                "Ref",
                "Dept.",
                "Priority (Where Stated)",
                "Commitment (Where Stated)"
            ]
        );
        assert_eq!(
            t[1],
            vec![
                "1",
                "Corporate Resources",
                "Low",
                "Extend the number of older people"
            ]
        );
    }

    #[test]
    fn a_cell_set_apart_left_of_its_column_behind_text_is_the_next_cell() {
        // Row 28's Commitment wraps a line a little into the Target column
        // (`Qtr` ends past where `66 children` starts), so the band cuts
        // the Target column at `children`; `66 children`, set apart after
        // the Commitment text on its line, is still one Target cell.
        let text = "\
Ref  Commitment                   Target           Officer
27   Reduce the number of people  59%              Ann Smith
     killed on the roads
28   Achieve the percentage    66 children         Bob Jones
     roads considered to 50% Qtr
     4 at the latest
29   Open the centre              12 days          Cy Brown
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[2],
            vec![
                "28",
                "Achieve the percentage roads considered to 50% Qtr 4 at the latest",
                "66 children",
                "Bob Jones"
            ]
        );
    }

    #[test]
    fn a_header_squeezed_to_one_space_still_starts_its_columns() {
        // `Comments` follows `Status?` with one space; under the repeated
        // header the row cut by the page break goes on in its column.
        let text = "\
REF   Commitment        Officer     Status? Comments On Progress
A 1   Open the centre   Ann Smith   Green   Work started and the
                                            walls are up.
A 2   Train the staff   Bob Jones   Red     Delayed by the
\u{c}REF   Commitment        Officer     Status? Comments On Progress
                                            the rain in May and June.
A 3   Mend the roads    Cy Brown    Amber   Half done.
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        let at = |n: u32| l.lines.iter().position(|x| x.number == n).unwrap();
        assert_eq!(t[at(6)], vec!["", "", "", "", "the rain in May and June."]);
        assert_eq!(
            t[at(7)],
            vec!["A 3", "Mend the roads", "Cy Brown", "Amber", "Half done."]
        );
    }

    #[test]
    fn a_cell_pushed_left_of_its_column_stays_in_it() {
        // `Local vision for housing` starts three characters left of the
        // Outcome column, after a wide gap, and runs well into it.
        let text = "\
Priority        Action                   Outcome                    Officer
Annual Report   Introduce the time to    Better outcomes            Helen Weston
                process claims by May    for adults
                Reduce the number of  Local vision for housing      Keith Ellis
                roads where work is
                considered by 2007
Improve roads   Mend the roads           Safer roads                Cy Brown
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[2],
            vec![
                "",
                "Reduce the number of roads where work is considered by 2007",
                "Local vision for housing",
                "Keith Ellis"
            ]
        );
    }

    #[test]
    fn a_band_whose_column_starts_right_of_the_run_edge_cuts_there() {
        // Row A 3 prints its Outcome five characters right of the column's
        // edge on the other rows; `on`, closing the Action cell's second
        // line, ends just past that edge and stays in the Action cell.
        let text = "\
REF  Action                  Outcome                Officer
A 1  Open the centre         Better services        Ann Smith
A 2  Train the staff         Fewer complaints       Bob Jones
A 3  Extend the number of         More responsive   Cy Brown
     killed or seriously hurt on  services
A 4  Mend the roads          Safer roads            Di Green
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[3],
            vec![
                "A 3",
                "Extend the number of killed or seriously hurt on",
                "More responsive services",
                "Cy Brown"
            ]
        );
    }

    #[test]
    fn a_wrapped_line_below_anchors_where_run_together_cells_part() {
        // `Director` starts where the Officer cell's wrapped line `Social
        // Care` starts: the positions agree, and the shapes (Officer cells
        // look like `A A`, which `Adult Social` would give) do not override
        // them.
        let text = "\
REF  Resources            Officer                 Status
A 1  Grant                Ann Smith               Green
A 2  Budget               Bob Jones               Red
A 3  Existing             Cy Brown                Amber
A 4  Policy Team          Di Green                Green
A 5  Consultancy Support Director of Adult        Green
                         Social Care
A 6  Grant                Ed White                Red
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[5],
            vec![
                "A 5",
                "Consultancy Support",
                "Director of Adult Social Care",
                "Green"
            ]
        );
    }

    #[test]
    fn the_words_a_column_starts_with_pick_where_run_together_cells_part() {
        // `Assistant Chief Executive Achieved`: the position split gives
        // `Executive Achieved` as the status, a shape (`A A`) the status
        // column did show (`Not Started`) while officers of three words
        // never stood apart. But no status ever started with `Executive`,
        // and many with `Achieved`.
        let text = "\
REF  Officer            Status       Comments
A 1  Ann Smith          Achieved     Done.
A 2  Bob Jones          Green        On track.
A 3  Cy Brown           Not Started  Waiting.
A 4  Di Green           Achieved     Done.
A 5  Ed Black           Achieved     Done.
A 6  Head of Finance    Red          Late.
A 7  Assistant Chief Executive Achieved  Done.
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[7],
            vec!["A 7", "Assistant Chief Executive", "Achieved", "Done."]
        );
    }

    #[test]
    fn a_repeated_header_brings_its_columns_to_a_page_that_hides_one() {
        // On page 2 every REF runs into its Dept. with one space, so no
        // gap and no aligned start shows the Dept. column there; the same
        // header on page 1 showed it. The printer may space the copy
        // otherwise (`Priority Commitment` one space apart): the copies
        // are the same words, and the edge goes where page 2's own `Dept.`
        // starts.
        let page_one = "\
Ref                  Dept.        Priority  Commitment
1 AP/CORP            Schools      High      Open the centre
2 AP/CORP            Libraries    Low       Train the staff
3 AP/CORP            Highways     High      Mend the roads
4 AP/CORP            Chief Exec   Low       Light the streets
";
        let page_two = [
            "\
Ref                  Dept.        Priority  Commitment
18 MTCS/CORP Schools              High      Build the hall
19 MTCS/CORP Libraries            Low       Write the plan
20 MTCS/CORP Highways             High      Paint the lines
",
            "\
Ref                   Dept.        Priority Commitment
18 MTCS/CORP Schools               High     Build the hall
19 MTCS/CORP Libraries             Low      Write the plan
20 MTCS/CORP Highways              High     Paint the lines
",
        ];
        for page in page_two {
            let l = from_fixed_width(format!("{page_one}\u{c}{page}"));
            let t = texts(&l);
            let at = |n: u32| l.lines.iter().position(|x| x.number == n).unwrap();
            assert_eq!(
                t[at(7)],
                vec!["18 MTCS/CORP", "Schools", "High", "Build the hall"]
            );
            assert_eq!(
                t[at(9)],
                vec!["20 MTCS/CORP", "Highways", "High", "Paint the lines"]
            );
        }
    }

    #[test]
    fn a_page_without_header_that_runs_two_columns_together_gets_both_back() {
        // Page 2 repeats no header and prints every REF one space before
        // its Dept.: nothing on the page parts the two columns, so its run
        // has three columns where page 1 has four. What page 1's cells
        // look like (a number and a code for a REF, capitalised words for
        // a Dept.) says where each run-together cell parts, and a wrapped
        // Dept. line (`Care`, a line of its own for the grammar to join)
        // stands in the Dept. column; a group row at the line start
        // (`Highways`) stays whole in the first column.
        let text = "\
Ref          Dept.        Priority  Commitment
1 MTCS/CYP   HTW          High      Establish the plan
2 MTCS/CYP   Chief Exec   Medium    Reduce the backlog
                                    by March
3 MTCS/CYP   Corporate    Low       Review the policy
             Resources
4 MTCS/CYP   CYP          High      Deliver the centre
\u{c}11 MTCS/CYP Chief Exec   Low      Develop the roads
                                  considered to 29%
102 MTCS/CYP CYP         High     Deliver the hall
13 MTCS/CYP Adult Social Medium   Introduce the strategy
            Care
Highways
14 MTCS/CYP CEX          Low      Mend the roads
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        let at = |n: u32| l.lines.iter().position(|x| x.number == n).unwrap();
        assert_eq!(
            t[at(8)],
            vec![
                "11 MTCS/CYP",
                "Chief Exec",
                "Low",
                "Develop the roads considered to 29%"
            ]
        );
        assert_eq!(
            t[at(10)],
            vec!["102 MTCS/CYP", "CYP", "High", "Deliver the hall"]
        );
        assert_eq!(
            t[at(11)],
            vec![
                "13 MTCS/CYP",
                "Adult Social",
                "Medium",
                "Introduce the strategy"
            ]
        );
        assert_eq!(t[at(12)], vec!["", "Care", "", ""]);
        assert_eq!(t[at(13)], vec!["Highways", "", "", ""]);
        assert_eq!(
            t[at(14)],
            vec!["14 MTCS/CYP", "CEX", "Low", "Mend the roads"]
        );
    }

    #[test]
    fn a_code_in_capitals_wrapped_above_its_number_is_one_ref() {
        // The REF column is too narrow for `NI 168`: the code stands on the
        // row's first line and its number on the next, where a fresh first
        // cell would otherwise start a row.
        let text = "\
No      Key Priority /Issue     What we will do              Progress
NI      Equality Framework      Develop a Countywide         Designated Lead Member
168                             Strategy by March 2009       appointed.
NI 49   Develop the workforce   Achieve the targets          On target.
NI      Improve the roads       Reduce the backlog           Data checks done.
156                             by Summer 2009
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[1..],
            [
                vec![
                    "NI 168",
                    "Equality Framework",
                    "Develop a Countywide Strategy by March 2009",
                    "Designated Lead Member appointed."
                ],
                vec![
                    "NI 49",
                    "Develop the workforce",
                    "Achieve the targets",
                    "On target."
                ],
                vec![
                    "NI 156",
                    "Improve the roads",
                    "Reduce the backlog by Summer 2009",
                    "Data checks done."
                ],
            ]
        );
    }

    #[test]
    fn header_lines_of_units_and_years_under_the_labels_are_the_header() {
        // `£000` and `2008/09` under squeezed labels read like figures and
        // would fit after the labels above: they are still the header's
        // lines, not a row, and the first row starts at line 4.
        let text = "\
Item Scheme                    Total Cost Budget     Actual to Variance     Comments
                               £000       2008/09    Date £000 £000
                                          £000
1    Develop the Strategy      £105,800   £211,400   £0.2m     £21k         Shared with Safer Communities.
2    Promote inclusion         30         0          345       236          A further 117 schemes.
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[0],
            vec![
                "Item",
                "Scheme",
                "Total Cost £000",
                "Budget 2008/09 £000",
                "Actual to Date £000",
                "Variance £000",
                "Comments"
            ]
        );
        assert_eq!(l.lines[1].number, 4);
        assert_eq!(
            t[1],
            vec![
                "1",
                "Develop the Strategy",
                "£105,800",
                "£211,400",
                "£0.2m",
                "£21k",
                "Shared with Safer Communities."
            ]
        );
        // Comments wrapped over more lines than the rows have figures: the
        // labels' lines still make the header, by their units.
        let text = "\
Item Scheme                    Total Cost Budget     Actual to Variance     Comments
                               £000       2008/09    Date £000 £000
                                          £000
1    Develop the Strategy      £105,800   £211,400   £0.2m     £21k         Shared with Safer Communities and
                                                                            the district councils, with work
                                                                            on the report begun.
2    Promote inclusion         30         0          345       236          A further 117 schemes were done
                                                                            in the quarter at a cost of
                                                                            £466,000 in all.
";
        let l = from_fixed_width(text.to_string());
        assert_eq!(texts(&l)[0][3], "Budget 2008/09 £000");
        assert_eq!(
            l.lines.iter().map(|x| x.number).collect::<Vec<_>>(),
            vec![1, 4, 7]
        );
    }

    #[test]
    fn a_first_column_of_names_without_codes_wraps_by_its_width() {
        // No REF: the first column holds title-case priorities. `Strategy`
        // would not have fitted after `Develop Partnership`, so it is that
        // cell's second line; `Improve Road Safety` would have fitted after
        // `Strategy`, so it starts the next row.
        let text = "\
Key Priority          Key Action                 Lead Officer     Progress
Develop Partnership   Deliver a new customer     Richard Palmer   A report will be taken
Strategy              service centre                              to Scrutiny.
Improve Road Safety   Cut casualties by 10%      Ann Smith        On target.
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[1..],
            [
                vec![
                    "Develop Partnership Strategy",
                    "Deliver a new customer service centre",
                    "Richard Palmer",
                    "A report will be taken to Scrutiny."
                ],
                vec![
                    "Improve Road Safety",
                    "Cut casualties by 10%",
                    "Ann Smith",
                    "On target."
                ],
            ]
        );
        // The grid's widths are rough: `Strategy` would just have fitted
        // after `Develop Partnership` in a wider column, as printed, yet
        // the proportional text wrapped there; a quarter of the column's
        // width is spared, as for the other columns.
        let text = "\
Key Priority                    Key Action                 Lead Officer
Develop Partnership             Implement the actions      Neil Hanney
Strategy                        detailed in the plan
Reduce the number of            Increase the service       Ann Smith
people killed
Promote Inclusion               Open the hall              Bob Jones
";
        let t = texts(&from_fixed_width(text.to_string()));
        assert_eq!(
            t[1..],
            [
                vec![
                    "Develop Partnership Strategy",
                    "Implement the actions detailed in the plan",
                    "Neil Hanney"
                ],
                vec![
                    "Reduce the number of people killed",
                    "Increase the service",
                    "Ann Smith"
                ],
                vec!["Promote Inclusion", "Open the hall", "Bob Jones"],
            ]
        );
    }

    #[test]
    fn wrapped_lines_under_a_cell_run_into_the_ref_stay_in_the_table() {
        // `Implement` follows its REF with one space, so it starts no chunk;
        // the three lines under it start where it does and are its wrapped
        // text, not prose that ends the table after its first row.
        let text = "\
Leadership and vision

 REF              Commitment                                 Responsible Officer     Status
 1 MTCS/EAT Implement level 2 of the Equality Standard      Alison Wells            Amber
            for Local Government by 2008/09 Population
            mapping exercise carried out with partners.
 2 MTCS/EAT Introduce the asset plan and disposals          Heather Hanney          Green
            programme by 2008/09
 3 MTCS/EAT Reduce the backlog of claims by March           Jane Drummond           Achieved
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        let at = |n: u32| l.lines.iter().position(|x| x.number == n).unwrap();
        assert_eq!(
            t[at(4)],
            vec![
                "1 MTCS/EAT",
                "Implement level 2 of the Equality Standard for Local Government by \
                 2008/09 Population mapping exercise carried out with partners.",
                "Alison Wells",
                "Amber"
            ]
        );
        assert_eq!(
            t[at(7)],
            vec![
                "2 MTCS/EAT",
                "Introduce the asset plan and disposals programme by 2008/09",
                "Heather Hanney",
                "Green"
            ]
        );
    }

    #[test]
    fn a_short_cell_set_apart_left_of_its_column_joins_it() {
        // `14%` stands five characters left of the Target column, after a
        // wide gap: the printer placed it off its edge; it is no part of
        // the action.
        let text = "\
REF  Action                       Target      Deadline
A 1  Open the centre by June      45%         2007
A 2  Mend the roads in spring     50%         2008
A 3  Light the streets            60%         2009
A 4  Train the staff and     14%              2010
     the managers
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[4],
            vec!["A 4", "Train the staff and the managers", "14%", "2010"]
        );
    }

    #[test]
    fn a_last_word_a_character_into_the_next_column_does_not_move_it() {
        // `pupils:` starts two characters left of the Target column, one
        // space after `budget,`; `at`, the last word of a wrapped line
        // below, ends a character past that start. The column starts at
        // `pupils:`.
        let text = "\
REF  Action                       Target      Deadline
A 1  Open the centre by June      45%         2007
A 2  Mend the roads in spring     50%         2008
A 3  Light the streets            60%         2009
A 5  Extend the corporate asset   5 GCSEs All 2011
     management and the budget, pupils: 20%
     during the quarter period at
";
        let l = from_fixed_width(text.to_string());
        let t = texts(&l);
        assert_eq!(
            t[4],
            vec![
                "A 5",
                "Extend the corporate asset management and the budget, during the quarter period at",
                "5 GCSEs All pupils: 20%",
                "2011"
            ]
        );
    }
}
