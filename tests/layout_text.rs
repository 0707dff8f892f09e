//! Fixed-width text as `pdftotext -layout` prints a rendered report: pages
//! cut from the scorer's documents (`../shared/pdf/*/*.layout.txt`) and from
//! reports rendered the same way with other layouts, whose true records are
//! known, pinning rows the character grid makes hard.

mod common;

use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

fn extract(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/layout/{name}.layout.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture text");
    pipeline::extract(&format!("{name}.layout.txt"), &bytes, &Grammars::builtin())
        .expect("extracts")
        .document()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A row's cell values in its table's column order ("" for an empty cell),
/// the row found by exactly the physical lines it came from.
fn values(doc: &Value, lines: &[u64]) -> Vec<String> {
    let (t, r) = common::row(doc, lines);
    t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            norm(
                r["cells"][c["key"].as_str().unwrap()]["value"]
                    .as_str()
                    .unwrap_or(""),
            )
        })
        .collect()
}

#[test]
fn a_row_printed_a_few_characters_left_of_its_columns_stays_one_row() {
    // Line 46: `Relevant data explained Policy and` — the Outcome and
    // Resources cells sit four characters left of where the rows above
    // put them, so `Performance` (line 47) starts inside the Outcome
    // column of the run. Against the two lines' own columns it is the
    // Resources cell's wrapped tail, and the row goes on over the page.
    let doc = extract("lo_unruled_synth_04_p6-8");
    assert_eq!(
        values(&doc, &[46, 47, 48, 49, 50, 57]),
        vec![
            "Support independent living for vulnerable adults",
            "Increase 70 Children's Centres by December 2006. In 2006/07 we lost slightly \
             more foster carers than we gained, 91 were approved and 33 were deregistered.",
            "Relevant data explained as appropriate.",
            "Policy and Performance",
            "Ian Farrow (D. Farrow)",
            "",
            "Approval given by DCSF to carry forward phase 44 in to May'07.",
        ]
    );
}

#[test]
fn a_first_column_going_on_in_lower_case_holds_its_row_together() {
    // Line 133 `satisfaction` goes on from `Improve customer`; the rough
    // widths of the grid would have `Performance` fit after `ESG HoS`, but
    // the first column says the line is the row's wrapped tail.
    let doc = extract("lo_unruled_synth_04_p6-8");
    assert_eq!(
        values(&doc, &[132, 133, 134, 135, 136]),
        vec![
            "Improve customer satisfaction",
            "Maintain the proportion of household waste recycled or composted to 4% From \
             April 2006. N/A – Data will be available in Qrt 1.",
            "Improved outcomes for vulnerable adults",
            "ESG HoS Performance Group",
            "Jane Hagger/Keith Sartoris",
            "Review position and steps needed following update of Schemes.",
            "Achieved.",
        ]
    );
}

#[test]
fn a_first_column_wrapped_short_of_its_width_holds_its_row_together() {
    // Line 41 `Improve the` wraps before `condition`, which the grid's
    // widths say would have fitted after it: proportional text printed on a
    // grid wraps early. Line 42 going on in lower case in the first column
    // is the row's second line, not a row of its own.
    let doc = extract("ttf_ruled_synth_04_p7-8");
    assert_eq!(
        values(&doc, &[41, 42, 43, 44, 45, 46, 47, 48, 49]),
        vec![
            "Improve the condition of principal roads",
            "Review the number of older people helped to live at home to 2 per 1,000 \
             population by March 2007. GOEM rating now 'medium focus'.",
            "Improved outcomes for vulnerable adults",
            "MPG oversight",
            "Graham Stokes/Patricia Chester",
            "Schemes updated and reviewed by March 2006",
            "Extended Services Strategy agreed by Cabinet March 2006. Delays in procurement \
             mean the contract will not now be let until Qtr 2; remedial action agreed with \
             the Portfolio Holder. In 2006/07 we lost slightly more foster carers than we \
             gained, 76 were approved and 57 were deregistered.",
        ]
    );
}

#[test]
fn a_last_word_running_across_the_next_column_start_goes_to_that_column() {
    // Line 32 prints `... older people helped 2004/05` with one space:
    // `2004/05` starts five characters left of the Time-Scale column (where
    // `March 2004` starts on line 30) and ends past its start, and the
    // Time-Scale cell is otherwise empty. The lines below wrap the
    // commitment only; their `2004 to` (line 35) stays in it.
    let doc = extract("lo_ruled_synth_03_p1-2");
    assert_eq!(
        values(&doc, &[32, 33, 34, 35, 36]),
        vec![
            "",
            "Chief Exec",
            "High",
            "Increase the number of older people helped to live at home to 113 per 1,000 \
             population by the end of Qtr 4. Population mapping exercise carried out with \
             partners in 2004 to identify eastern European newcomers.",
            "2004/05",
            "J. Holt",
            "Work on the 2005 report has commenced.",
        ]
    );
}

#[test]
fn a_wrapped_word_one_space_after_its_text_stays_in_its_cell() {
    // Line 25 runs `people 27%` together with one space and line 26 ends
    // `injured on the`, its `the` a character right of where `27%` starts.
    // `27%` ends past the Target column's start and goes to it; `the` is
    // the end of a wrapped commitment line that barely reaches the column,
    // so it stays in the commitment.
    let doc = extract("b14_ruled_synth_05_p1");
    let row = values(&doc, &[25, 26, 27, 28, 29, 30, 31, 32, 33, 34]);
    assert_eq!(
        row,
        vec![
            "3",
            "Reduce carbon emissions from council buildings",
            "Complete the number of people killed or seriously injured on the county's \
             roads by 52% by March 2007",
            "27%",
            "Summer exams 2009",
            "Consultancy Support",
            "Nigel Ellis",
            "Budget pressures of £569k have been identified and are being managed within \
             the department. • assessments for automated telephone services underway; \
             • Challenging progression targets set by all schools. • multi-agency centre \
             opened and further centres planned; • Succession planning projects are in \
             place and closely monitored.",
        ]
    );
}

#[test]
fn a_comment_going_on_alone_atop_a_page_without_a_header_stays_in_its_row() {
    // Page 7 repeats no header: its first text (lines 50-51) is the end of
    // 3.4's Update comment, alone in the last column, over the next row.
    let doc = extract("b14_unruled_synth_18_p6-7");
    let row = values(&doc, &[37, 38, 39, 40, 41, 42, 43, 50, 51]);
    assert_eq!(row[0], "3.4");
    assert_eq!(row[6], common::SYNTH_18_REF_3_4_UPDATE);
    // One table: the page break started none.
    assert_eq!(doc["tables"].as_array().unwrap().len(), 1);
}

#[test]
fn a_ref_wrapped_at_its_joining_dash_stays_one_row() {
    // The narrow LAA Ref column wraps `1. CPA –CEX` after `CPA`: `–CEX`,
    // glued to its dash, opens the next line (alone, or beside the
    // Indicator's wrapped `composting`).
    let doc = extract("b14_ruled_synth_12_p1");
    assert_eq!(
        values(&doc, &[14, 15]),
        vec![
            "1. CPA –CEX",
            "Local vision for housing",
            "Satisfaction with the way the council runs things",
            "n/a",
            "5 GCSEs A*-C All pupils: 28% – 94%",
            "Brian Sartoris",
            "Red",
        ]
    );
    assert_eq!(
        values(&doc, &[16, 17])[..3],
        [
            "2. CPA –CEX",
            "Reduced casualties on the county's roads",
            "Percentage of household waste sent for reuse, recycling and composting",
        ]
    );
}

#[test]
fn a_colour_key_under_a_table_after_a_blank_line_is_no_row() {
    // Lines 259-263: `Key` at the margin two blank lines under the last
    // row, then indented key lines (`Green – On Trajectory`, ...). They are
    // no group row and no cells: the row above keeps its own text.
    let doc = extract("ttf_unruled_synth_18_p1-6");
    assert_eq!(
        values(&doc, &[253, 254, 255, 256]),
        vec![
            "",
            "Chief Exec",
            "Low",
            "Develop the number of older people helped to live at home to 41 per 1,000 \
             population by Summer 2008",
            "Summer exams 2007",
            "Vanessa Pettifer",
            "Timetable approved. Actions commenced. See above.",
        ]
    );
    let text = doc["tables"].to_string();
    assert!(!text.contains("Trajectory"), "a key line landed in a table");
}

#[test]
fn a_header_over_a_wrapped_label_and_a_group_row_heads_its_table() {
    // Line 57's labels squeeze `Cost £000 Responsible Officer Commentary`
    // to one space; `Key Priority` wraps to `/Issue` (line 58) and a group
    // row wider than the first column (`Libraries and Museums`) follows.
    // On the next page the header comes back over a comment going on, its
    // first lines bulleted and hanging left of the column (lines 99-112).
    let doc = extract("ttf_unruled_synth_13_p4-6");
    let table = &doc["tables"][1];
    assert_eq!(table["header_lines"], serde_json::json!([57, 97]));
    let lines: Vec<u64> = (82..=90).chain(99..=112).collect();
    let row = values(&doc, &lines);
    assert_eq!(row[4], "NI 24");
    assert_eq!(
        row[7],
        "Hear By Rights Standard adopted by 93 district councils, of which two have \
         reached 'emerging' level. • Advanced Skills Teachers increased, professional \
         development sought and impact on work in school evaluated. • 60 schools receive \
         ongoing Primary Strategy training and support for intervention. • OFSTED reports \
         indicate that leadership and management continues to improve and is good \
         overall. • Fewer schools are now in OFSTED categories as a result of ineffective \
         leadership. • Succession planning projects are in place and closely monitored."
    );
}

#[test]
fn a_band_set_apart_by_a_gap_with_its_own_date_and_comment_is_a_row() {
    // Hand-made: lines 8-9 stand a blank line below REF 1's band with a
    // key task, a date and a comment of their own but no officer; the gap
    // parts them from REF 1 as the page drew it.
    let doc = extract("hand_sub_row_apart");
    assert_eq!(
        values(&doc, &[8, 9]),
        vec![
            "",
            "",
            "Maintain the actions detailed in the plan",
            "Nov 2003 BV survey",
            "",
            "Officers continue to work with the district councils.",
        ]
    );
    assert_eq!(
        values(&doc, &[5, 6])[2..4],
        ["Maintain the time taken to process claims", "By 31/03/06"]
    );
}

#[test]
fn a_sub_row_opening_anew_in_two_columns_is_its_own_row_without_a_gap() {
    // Hand-made: lines 7-8 follow REF 4.32's lines with no blank line and
    // no REF, but both the task and the comment open with a capital where
    // the text above them left room for the word: a sub-row, not the
    // record's wrapped tail.
    let doc = extract("hand_sub_row_unwrapped");
    assert_eq!(
        values(&doc, &[5, 6]),
        vec![
            "4.32",
            "Improve council tax collection (Quartile 1)",
            "Achieve the asset management plan by 2009/10",
            "Slippage is due to staff vacancies in the team.",
        ]
    );
    assert_eq!(
        values(&doc, &[7, 8]),
        vec![
            "",
            "",
            "Develop sickness absence to 21 days per employee by 2009",
            "See also commentary under ref 4.31. Workforce planning drafted.",
        ]
    );
    // One column opening anew (the comment after a paragraph break) beside
    // a year wrapped from `by December` is still REF 4.33's text.
    assert_eq!(
        values(&doc, &[9, 10, 11, 12]),
        vec![
            "4.33",
            "Equality Framework",
            "Extend the time taken to process claims to 59 days by December 2009 See also the plan.",
            "Achieved. Results available April 2008.",
        ]
    );
}

#[test]
fn a_name_wrapped_after_its_slash_keeps_the_space_the_report_gives_slashes() {
    // Hand-made: the report writes two officers as `Ann Smith/ Bob Jones`
    // on one line; `Carol Hawkins/` wrapped over `Sarah Bramley` is written
    // the same way. (Reports that write `X/Y` join such a wrap without a
    // space: see the shared synth_12 fixture.)
    let doc = extract("hand_spaced_slash");
    assert_eq!(values(&doc, &[6, 7])[2], "Carol Hawkins/ Sarah Bramley");
    assert_eq!(values(&doc, &[5])[2], "Ann Smith/ Bob Jones");
}

#[test]
fn a_status_run_into_the_comment_before_it_goes_back_to_its_column() {
    // Hand-made: line 11 prints REF 5's status one space after its
    // comment, six characters left of the Status column, whose other rows
    // show `Green` standing alone three times. The comment wrapped short of
    // the status: `Green` is the status, the comment goes on at line 12.
    let doc = extract("hand_status_run_in");
    assert_eq!(
        values(&doc, &[11, 12]),
        vec![
            "5",
            "Delays in waste procurement",
            "Ian Farrow",
            "Lead Member appointed. Exclusions fell 2008/09 to 14 from 49 the previous year.",
            "Green",
        ]
    );
    // The rows whose status stands apart keep theirs.
    assert_eq!(values(&doc, &[5])[4], "Green");
    assert_eq!(values(&doc, &[6, 7])[4], "Amber");
}

#[test]
fn a_figure_run_into_the_text_before_it_goes_back_to_its_figure_column() {
    // Hand-made: line 6 prints scheme 2's Total Cost one space after its
    // long name, nine characters left of the column, which holds one
    // figure on every other row; no other scheme name ends in a figure.
    let doc = extract("hand_figure_run_in");
    assert_eq!(
        values(&doc, &[6, 7]),
        vec![
            "2",
            "A new Childrens and Young People Service and integrated child care Services",
            "£12,000",
            "£0.7m",
            "£41k",
            "Fewer schools are now in OFSTED categories.",
        ]
    );
}

#[test]
fn figures_under_a_rows_figures_after_a_page_break_are_a_sub_row() {
    // Scheme 15 (line 123) ends page 7 with four amounts and no comment.
    // Page 8 repeats the header and opens with `Nil £20,000 £10,000
    // £362,000` and a comment of eight lines (135-142): figures never wrap,
    // so the amounts under scheme 15's amounts are a sub-row of their own.
    let doc = extract("b14_ruled_synth_37_p5-8");
    assert_eq!(
        values(&doc, &[123]),
        vec![
            "15",
            "Improve access to services",
            "£124,500",
            "£363,000",
            "£275,000",
            "£192,000",
            "",
        ]
    );
    let sub = values(&doc, &[135, 136, 137, 138, 139, 140, 141, 142]);
    assert_eq!(sub[..6], ["", "", "Nil", "£20,000", "£10,000", "£362,000"]);
    assert!(sub[6].starts_with("The action plan is regularly reviewed and any issues"));
    assert!(sub[6].ends_with("• multi-agency centre opened and further centres planned;"));
}

#[test]
fn a_rows_tail_alone_atop_the_next_page_goes_on_in_its_table() {
    // Risk 11 (lines 98-99) ends page 2; its comment goes on at the top of
    // page 3 (lines 106-110, all in the comment column, bullets and their
    // hanging lines), then a gap, a section heading and another table.
    // No rows follow the tail, but its lines start where the comment
    // column of the table above starts: they are risk 11's.
    let doc = extract("b14_ruled_synth_31_p1-3");
    let row = values(&doc, &[98, 99, 106, 107, 108, 109, 110]);
    assert_eq!(row[0], "11");
    assert_eq!(row[6], "Amber");
    assert_eq!(
        row[5],
        "• information points in new libraries due for implementation (Measham by \
         summer 11 and Broughton Astley); • 51 schools receive ongoing Primary Strategy \
         training and support for intervention. • Customer Care Charter to be completed \
         by end of 2010; • pilot scheme in place for instant interpretation; • Succession \
         planning projects are in place and closely monitored."
    );
    // The section heading after the gap still opens the next table.
    let (t, _) = common::row(&doc, &[117, 118, 119, 120, 121]);
    assert_eq!(t["columns"][0]["label"], "REF");
}

#[test]
fn text_opening_a_comment_the_row_above_left_empty_is_a_sub_row() {
    // Hand-made: NI 130 (lines 7-8) has no comment. Lines 9-10 start a new
    // commitment with a capital and open the empty comment column with
    // one: a comment that starts below its row's first line is no wrapped
    // text, so the lines are a sub-row of NI 130, not its tail.
    let doc = extract("hand_sub_row_under_empty_comment");
    assert_eq!(
        values(&doc, &[7, 8]),
        vec![
            "NI 130",
            "Modernise day services for older people",
            "Develop the time taken to process Housing Benefit claims to 65 days by 2009/10",
            "",
        ]
    );
    assert_eq!(
        values(&doc, &[9, 10]),
        vec![
            "",
            "",
            "Establish the Better Access to Better Services programme by Summer 2010.",
            "Permanent exclusions fell in 2008/09 to 71 from 9 the previous year. \
             This indicator is only measured annually.",
        ]
    );
}

#[test]
fn a_new_department_code_under_a_rows_code_starts_a_sub_row() {
    // Hand-made: under NI 21 (lines 7-9, department `HTW`, no comment),
    // lines 10-11 give no REF but another department, `CORP`, with its own
    // priority, commitment, date and comment. Codes such as `HTW` never
    // wrap into another code: the lines are a row of their own.
    let doc = extract("hand_sub_row_new_dept");
    assert_eq!(
        values(&doc, &[7, 8, 9]),
        vec![
            "NI 21",
            "HTW",
            "Medium",
            "Implement the percentage of principal roads where maintenance should be \
             considered to 25% by Summer 2008",
            "Ongoing",
            "Thelma Palmer",
            "",
        ]
    );
    assert_eq!(
        values(&doc, &[10, 11]),
        vec![
            "",
            "CORP",
            "High",
            "Reduce the number of people killed or seriously injured on the county's roads",
            "31st March 2008",
            "",
            "• multi-agency centre opened and further centres planned;",
        ]
    );
}

#[test]
fn a_sub_row_opening_under_a_closed_row_after_a_page_break_stays_a_row() {
    // Pages 8-9 of a generated report. Page 8 ends with the priority at
    // lines 36-45, its outcome, milestone and comment each a finished
    // sentence. Page 9 repeats the header, then lines 53-62 fill only free
    // text columns, but their outcome and comment open with a capital
    // under those finished cells: a sub-row, not the cut row's tail.
    let doc = extract("b14_ruled_synth_61_p8-9");
    let above = values(&doc, &[36, 37, 38, 39, 40, 41, 42, 43, 44, 45]);
    assert_eq!(
        above[2],
        "Greater understanding of the drivers of customer satisfaction."
    );
    assert_eq!(above[3], "None");
    assert!(above[6].ends_with("to identify eastern European newcomers."));
    let sub = values(&doc, &[53, 54, 55, 56, 57, 58, 59, 60, 61, 62]);
    assert_eq!(
        sub[..6],
        [
            "",
            "Establish the Medium Term Financial Strategy and a balanced budget by Mar-10. \
             Population mapping exercise carried out with partners in 2011 to identify eastern \
             European newcomers.",
            "Improved outcomes for vulnerable adults",
            "£783,500 pump priming",
            "",
            "",
        ]
    );
    assert!(sub[6].starts_with("Population mapping exercise carried out with partners in 2009"));
}

#[test]
fn a_header_of_fewer_columns_of_the_same_kinds_opens_a_new_table() {
    // Hand-made: under REFs 26-27 of a seven-column table, line 10 labels
    // five columns (`Priority | Key Task | By When | Who | Progress/
    // Comments`) of the kinds the table has, two cells to the left of
    // theirs. Its labels are not the table's own, so it is a new table's
    // header, not the old header printed two cells off.
    let doc = extract("hand_second_table_fewer_columns");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let labels = common::labels(&tables[1]);
    assert_eq!(
        labels,
        [
            "Priority",
            "Key Task",
            "By When",
            "Who",
            "Progress/ Comments"
        ]
    );
    assert_eq!(
        values(&doc, &[14]),
        vec![
            "Annual Report",
            "Develop a Countywide Community Strategy",
            "March 2010",
            "Lorna Roberts",
            "Permanent exclusions fell in 2010/11.",
        ]
    );
    let (_, r) = common::row(&doc, &[12, 13]);
    assert_eq!(r["group"]["value"], "Equalities");
}

#[test]
fn a_repeated_header_stays_a_band_of_its_own_over_a_comment_going_on_under_it() {
    // Pages 3-4 of a generated report. Page 4 repeats the header (line
    // 52) and the comment of REF 13 goes on right under it, in the comment
    // column (lines 53-56, bullets). The header line reads word for word
    // as the page-3 header: it is a band of labels of its own, not a cell
    // label with bullets wrapped under it, so page 4's rows keep their
    // columns.
    let doc = extract("b14_ruled_synth_89_p3-4");
    let (t, _) = common::row(&doc, &[61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]);
    let labels = common::labels(t);
    assert_eq!(
        labels,
        [
            "Ref No.",
            "Theme",
            "Action Required",
            "Lead Officer / Partner",
            "Comments on progress"
        ]
    );
    let row = values(&doc, &[61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]);
    assert_eq!(row[0], "15 MTCS/CEX");
    assert_eq!(row[3], "Charlie Mulhearn/Gayle Andrews");
    // The header repeats the page-3 table's: REF 13's comment goes on
    // under it. (Page 3's Action Required column, pushed a dozen
    // characters left on REFs 6 and 8 where their themes ran long, is
    // still one column: only its usual place is labelled.)
    let row = values(&doc, &[42, 43, 44, 53, 54, 55, 56]);
    assert_eq!(row[0], "13 MTCS/CEX");
    assert!(row[4].ends_with(
        "• 44 schools receive ongoing Primary Strategy training and support for intervention. \
         • pilot scheme in place for instant interpretation; • options being scoped for ten \
         additional ICT self help points;"
    ));
    assert_eq!(
        values(&doc, &[11, 12, 13])[2],
        "Increase the number of people killed or seriously injured on the county's roads by \
         37% From April 2005"
    );
}

#[test]
fn a_group_label_under_a_bare_number_ref_is_no_code_of_it() {
    // Hand-made: REFs are bare numbers. `Financial Management` (line 9)
    // at the margin under REF 2 (line 8) is no code the number waits for
    // (as `MTCS/EAT` under `2.` would be): it labels the rows below.
    let doc = extract("hand_group_at_margin");
    assert_eq!(
        values(&doc, &[8]),
        vec![
            "2",
            "CYPS",
            "Complete 12 Children's Centres by 2007",
            "Ian Farrow",
            "Achieved.",
        ]
    );
    let (_, r) = common::row(&doc, &[10]);
    assert_eq!(r["group"]["value"], "Financial Management");
    let (_, r) = common::row(&doc, &[6, 7]);
    assert_eq!(r["group"]["value"], "Transformation");
}

#[test]
fn a_lost_ref_column_is_found_under_rows_of_long_text() {
    // Pages 1, 2 and 6 of a generated report. Page 6 repeats no header and
    // prints each REF one space before its department (`23 MTCS/CHS HTW`):
    // its run has one column fewer than the table's. The run's other cells
    // are mostly long commitments and comments whose shapes no column ever
    // showed; only its short cells (priorities, dates, officers) tell
    // whether the run fits the wider table, and they do.
    let doc = extract("b14_ruled_synth_80_p1-2-6");
    let row = values(
        &doc,
        &[89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101],
    );
    assert_eq!(
        row[..6],
        [
            "23 MTCS/CHS",
            "HTW",
            "High",
            "Reduce the Medium Term Financial Strategy and a balanced budget by March 2007",
            "Summer exams 2007",
            "Alison Palmer/ Carol Forrester",
        ]
    );
    let row = values(
        &doc,
        &[102, 103, 104, 105, 107, 108, 109, 111, 112, 113, 115, 116],
    );
    assert_eq!(row[..3], ["24 MTCS/CHS", "CYP", "High"]);
}

#[test]
fn a_date_run_into_the_text_before_it_goes_to_its_date_column() {
    // Hand-made: line 8 prints REF 4's deadline `Sept 2010` one space after
    // its target, eleven characters left of the Deadline column, whose
    // other rows hold dates. No word brings the date into the target's
    // text, so it is the deadline. REF 5's `by May 2011` is the target's
    // own date and stays.
    let doc = extract("hand_date_run_in");
    assert_eq!(
        values(&doc, &[8, 9]),
        vec![
            "4",
            "Promote healthy lifestyles",
            "33% Satisfaction levels",
            "Sept 2010",
            "Carol Marshall",
            "Completed.",
        ]
    );
    assert_eq!(values(&doc, &[10])[2..4], ["Complete plan by May 2011", ""]);
}

#[test]
fn a_ref_code_wrapped_over_its_second_code_and_number_stays_one_ref() {
    // Hand-made: each REF is printed `CPA` over `CHS 1`. A bare code in
    // capitals waits for the rest of its REF; the next line's `CHS 1`
    // (capitals and a number, nothing else in the column) is that rest,
    // not a new row.
    let doc = extract("hand_ref_code_over_code");
    assert_eq!(
        values(&doc, &[5, 6, 7, 8]),
        vec![
            "CPA CHS 1",
            "Corporate Governance",
            "Complete the corporate asset management plan and disposals programme by March 2003",
            "Cath Hanney",
            "31st March 2004",
            "Green",
            "On target.",
        ]
    );
    assert_eq!(
        values(&doc, &[9, 10, 11])[..3],
        [
            "CPA CHS 2",
            "Deliver the Local Transport Plan",
            "Achieve level 26 of the Equality Standard for Local Government by 2004/05",
        ]
    );
}

#[test]
fn a_new_officers_whole_name_under_a_rows_officer_starts_a_sub_row() {
    // Hand-made: lines 7-8 give no priority, a new action, `Lorna Nichols`
    // under `Charlie Drummond` and a bulleted comment. A whole name under
    // another is another person, not the rest of the name: the lines are
    // a sub-row, though a bullet under a comment could go on with it.
    let doc = extract("hand_sub_row_new_officer");
    assert_eq!(
        values(&doc, &[5, 6]),
        vec![
            "Improve customer care (Quartile 1)",
            "Complete the corporate asset management plan by Nov 2003",
            "Q3 2008/09",
            "Charlie Drummond",
            "Good progress is being made in achieving the action plan.",
        ]
    );
    assert_eq!(
        values(&doc, &[7, 8]),
        vec![
            "",
            "Achieve the Better Access to Better Services programme during 2007/08",
            "",
            "Lorna Nichols",
            "• assessments for automated telephone services underway;",
        ]
    );
}

#[test]
fn a_ref_of_letters_goes_on_into_the_number_below_it() {
    // Hand-made, as pdftotext prints a REF `NI 128` wrapped in its PDF
    // column: on the grid `128` would have fitted after `NI`, but a REF of
    // capitals alone waits for its number. Two numbers under each other
    // (`11`, `12`) are two rows all the same.
    let doc = extract("hand_ref_letters_over_number");
    assert_eq!(
        values(&doc, &[4, 5]),
        vec![
            "NI 128",
            "Increase a Countywide Community Strategy agreed by Council by the end of Qtr 4",
            "Cath Drummond",
            "Green",
            "• options being scoped for ten additional ICT self help points; • Succession planning projects are in place.",
        ]
    );
    assert_eq!(
        values(&doc, &[8, 9])[..2],
        [
            "NI 192",
            "Implement the Local Area Agreement targets for stronger Communities during 2003/04"
        ]
    );
    assert_eq!(values(&doc, &[10])[0], "11");
    assert_eq!(values(&doc, &[11])[0], "12");
}

#[test]
fn a_ref_cut_over_three_lines_is_completed_by_the_grammars_ref_pattern() {
    // Hand-made: `CPA` over `CHS` over `10`. The grid reads `CHS` and `10`
    // as a REF of their own; `CPA` is no REF of the family and `CPA CHS 10`
    // is one, so the lines go on with the record above.
    let doc = extract("hand_ref_on_three_lines");
    assert_eq!(
        values(&doc, &[5, 6, 7, 8]),
        vec![
            "CPA CHS 10",
            "Improve road safety",
            "Maintain the corporate asset management plan and disposals programme by July 2003",
            "Steven Pettifer",
            "April 2003",
            "GREEN",
            "Data quality checks identified 69 records requiring correction.",
        ]
    );
    assert_eq!(
        values(&doc, &[9, 10, 11, 12])[..3],
        [
            "CPA CHS 11",
            "Increase recycling and composting",
            "Deliver the proportion of household waste recycled or composted to 8% by December 2002",
        ]
    );
}

#[test]
fn a_new_date_under_a_rows_date_with_fresh_text_beside_it_starts_a_sub_row() {
    // Hand-made: line 7 leaves the priority empty and opens a new action,
    // a whole date under the row's date and a new comment after a closed
    // one. Whole dates never wrap into one another, so the lines are a
    // sub-row, though the action above ends without a full stop.
    let doc = extract("hand_sub_row_new_date");
    assert_eq!(
        values(&doc, &[7, 8]),
        vec![
            "",
            "Establish a Countywide Community Strategy agreed by Council by March 2008",
            "30th September 2009",
            "",
            "The LPSA2 reward grant of £781,000 is dependent on achieving this target.",
        ]
    );
    assert_eq!(values(&doc, &[5, 6])[2], "Summer exams 2008");
}

#[test]
fn a_cut_rows_tail_atop_a_page_that_shifts_the_columns_goes_on_in_its_row() {
    // Hand-made: page 2 prints the table's columns some characters right
    // of where page 1 did, and opens with the last words of 4.10's
    // comment alone, then a heading and more rows. The tail stands in the
    // comment column as page 2 prints it: it ends 4.10's comment.
    let doc = extract("hand_page_top_tail_shifted");
    assert_eq!(
        values(&doc, &[6, 7, 8, 15])[4],
        "Population mapping exercise carried out with partners. Membership and procedures reviewed following a Board away day in July."
    );
    assert_eq!(values(&doc, &[17, 18])[0], "4.11");
}

#[test]
fn a_bulleted_comment_in_lower_case_under_a_closed_one_opens_a_row_of_its_own() {
    // Hand-made: line 7 leaves the REF empty and gives a new commitment,
    // a new officer and a comment opening `• multi-agency ...` under a
    // finished sentence. A bullet's first letter says nothing of a wrap:
    // the lines are a row of their own, not the rest of CPA ASC 5.
    let doc = extract("hand_sub_row_bullet_comment");
    assert_eq!(
        values(&doc, &[7, 8, 9]),
        vec![
            "",
            "Review a new customer service centre and single telephone number during 2009/10",
            "Graham Hagger",
            "• multi-agency centre opened and further centres planned; • OFSTED reports indicate that leadership and management continues to improve and is good overall.",
        ]
    );
    assert_eq!(values(&doc, &[5, 6])[2], "Frances Marshall/Sue Williams");
}

#[test]
fn two_text_cells_and_a_comment_starting_afresh_are_a_sub_row() {
    // Hand-made: line 8 leaves the first column empty; its commitment and
    // outcome open with capitals under cells that ended without a full
    // stop, and its comment opens under a finished one. With nothing going
    // on, three cells starting afresh are a sub-row.
    let doc = extract("hand_sub_row_two_fresh_texts");
    assert_eq!(
        values(&doc, &[8, 9, 10]),
        vec![
            "",
            "Extend the Medium Term Financial Strategy and a balanced budget by December 2007",
            "Greater understanding of the drivers of customer satisfaction.",
            "",
            "Budget pressures of £11k have been identified and are being managed within the department.",
        ]
    );
    assert_eq!(values(&doc, &[5, 6, 7])[2], "Local vision for housing");
}

#[test]
fn a_lost_ref_column_is_found_on_a_page_that_runs_more_cells_together() {
    // Pages 1, 2 and 7 of a generated report. Page 7 repeats no header and
    // prints each REF one space before its department on every row, and
    // runs more cells together besides (`26 MTCS/CHS Corporate Resources
    // High`, `asset Nov 2003 BV survey`): fewer of its short cells look
    // like their columns, but with every row's first cell looking like a
    // REF and a department run together, the REF column is the lost one.
    let doc = extract("b14_ruled_synth_80_p1-2-7");
    for (lines, reference, dept) in [
        (
            &[105, 106, 107, 108, 109][..],
            "26 MTCS/CHS",
            "Corporate Resources",
        ),
        (&[110, 111, 112][..], "27 MTCS/CHS", "Chief Exec"),
        (&[113, 114, 115][..], "28 MTCS/CHS", "CYPS"),
    ] {
        assert_eq!(values(&doc, lines)[..2], [reference, dept]);
    }
}

#[test]
fn a_header_label_printed_left_of_its_column_heads_it() {
    // Pages 1 and 2 of a generated report. The header's second line ran
    // long (`IMPROVEMENT IMPROVEMENT`), so the grid printed `METHOD OF`
    // eleven characters left of the column its cells start in: an edge
    // only the header opens, then one only rows open, are one column, not
    // an empty labelled column and an unlabelled one.
    let doc = extract("b14_ruled_synth_66_p1-2");
    let labels = common::labels(&doc["tables"][0]);
    assert_eq!(
        labels,
        [
            "",
            "AREA FOR IMPROVEMENT",
            "METHOD OF IMPROVEMENT",
            "TARGET",
            "DEADLINE",
            "ADDITIONAL RESOURCES",
            "RESPONSIBILITY",
            "PROGRESS/LATEST POSITION",
        ]
    );
    assert_eq!(
        values(&doc, &[12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23])[..4],
        [
            "1",
            "Increase recycling and composting",
            "Deliver the proportion of household waste recycled or composted to 15% From April 2003 Completed and agreed by Council 16th June, 04.",
            "Reduction in number of LAC to 63",
        ]
    );
    assert_eq!(
        values(&doc, &[24, 25, 26, 27, 28, 29, 30])[..2],
        ["2", "Improve customer care (Quartile 1)"]
    );
}

#[test]
fn a_header_repeated_under_a_heading_inside_a_run_heads_a_table_of_its_own() {
    // Pages 1 and 2 of a generated report. Page 2 opens with the tail of
    // the row page 1 cut, then a heading (`D: SAFER AND STRONGER
    // COMMUNITIES - CPA`) and the two-line header of the table again, all
    // one stretch of grid lines. The header reads word for word as the
    // first line of page 1's table: its two lines are one header band of
    // a new table under that heading, not a first row `IMPROVEMENT`.
    let doc = extract("b14_ruled_synth_47_p1-2");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        tables[1]["section"]["value"],
        "D: SAFER AND STRONGER COMMUNITIES - CPA"
    );
    assert_eq!(tables[1]["columns"][1]["label"], "AREA FOR IMPROVEMENT");
    assert_eq!(
        values(&doc, &[77, 78, 79, 80, 81, 82, 83, 85, 86, 88, 89])[..3],
        [
            "1",
            "Improve access to services",
            "Introduce the Medium Term Financial Strategy and a balanced budget by 31st March 2007",
        ]
    );
}

#[test]
fn a_first_column_word_that_only_just_fits_does_not_outweigh_a_comment_going_on() {
    // Pages 5 and 6 of a generated report (b14-unruled synth_75). On line
    // 61 `Young` would just fit after `A new Childrens and` by the grid's
    // widths, but the comment beside it goes on in lower case (`drafted
    // and consulted on ...`) and the other cells wrap: one row, its
    // priority `A new Childrens and Young People Service and integrated
    // child care Services`.
    let doc = extract("b14_unruled_synth_75_p5-6");
    let row = values(&doc, &[60, 61, 62, 63, 64, 65, 67, 68, 69, 71, 72]);
    assert_eq!(
        row[..5],
        [
            "A new Childrens and Young People Service and integrated child care Services",
            "Extend the time taken to process Housing Benefit claims to 43 days by 30th September 2003",
            "Promote equality issues",
            "LPSA2 pump priming grant £19k",
            "ACE (CW)",
        ]
    );
}

#[test]
fn a_first_column_word_that_only_just_fits_does_not_outweigh_an_open_parenthesis() {
    // Pages 1-4 of a generated report (b14-ruled synth_69). On line 30
    // `Young` would just fit after `A new Childrens and` by the grid's
    // widths, but the officer beside it closes the parenthesis the line
    // above left open (`Pettifer)` under `Philip Mulhearn (L.`): one row.
    let doc = extract("b14_ruled_synth_69_p1-4");
    let row = values(&doc, &[29, 30, 31, 32]);
    assert_eq!(
        row[0],
        "A new Childrens and Young People Service and integrated child care Services"
    );
    assert_eq!(row[3], "Philip Mulhearn (L. Pettifer)");
}

#[test]
fn a_header_label_one_space_after_its_neighbour_heads_its_own_column() {
    // Page 1 of a generated report (b14-unruled synth_95). The grid printed
    // `Variance Comments` one space apart, `Comments` six characters left
    // of the column its cells start in but inside the channel the figures
    // leave clear: two labels over two columns, not one label and an
    // unlabelled column.
    let doc = extract("b14_unruled_synth_95_p1");
    let labels = common::labels(&doc["tables"][0]);
    assert_eq!(
        labels,
        [
            "Item",
            "Scheme",
            "Total Cost £000",
            "Budget 2008/09 £000",
            "Actual to Date £000",
            "Variance £000",
            "Comments",
        ]
    );
    let row = values(&doc, &[12, 13, 14, 15, 16]);
    assert_eq!(
        row[..6],
        [
            "2",
            "Reduce crime and the fear of crime",
            "62,600",
            "274,000",
            "190,900",
            "-"
        ]
    );
    assert!(row[6].starts_with("See above. Hear By Rights Standard"));
    assert!(row[6].ends_with("managed within the department."));
}

#[test]
fn a_ref_wrapped_over_three_lines_under_a_group_is_no_group_label() {
    // Pages 6 and 7 of a generated report (b14-ruled synth_97). The REF
    // column wraps `CPA` / `EAT` / `17`: the second line, with the rest of
    // the priority and the commitment beside it, is no group label (it
    // would be one on its own: capitalised, three cells, a REF below), and
    // `CPA EAT` is the start of a REF the number below completes.
    let doc = extract("b14_ruled_synth_97_p6-7");
    assert_eq!(
        values(&doc, &[43, 44, 45]),
        [
            "CPA EAT 17",
            "Support independent living for vulnerable adults",
            "Maintain the actions detailed in the separate Joint Area Review improvement action plan by Summer 2009",
            "Frances Jarvis (P. Oakley)",
            "ACHIEVED",
            "",
        ]
    );
    let row = values(&doc, &[73, 74, 75, 76, 77, 78, 80, 81, 82]);
    assert_eq!(
        row[..5],
        [
            "CPA EAT 20",
            "Modernise day services for older people",
            "Develop the proportion of household waste recycled or composted to 45% by the end of Qtr 2",
            "Frances Craven",
            "AMBER",
        ]
    );
    assert!(row[5].starts_with("Remains outstanding. Arrangements reviewed"));
}

#[test]
fn a_rows_tail_under_a_squeezed_header_atop_a_page_goes_on_in_its_row() {
    // Pages 3 to 5 of a generated report (b14-ruled synth_94). Page 5
    // repeats the header with its labels one space apart (`METHOD OF
    // IMPROVEMENT TARGET`, `RESPONSIBILITY PROGRESS/LATEST POSITION`) and
    // only the last line of row 5's comment under it, three characters
    // right of its label, before the next table's heading. The labels
    // place the columns the earlier copies of the header showed; the tail
    // goes on in row 5's comment, not a heading of its own.
    let doc = extract("b14_ruled_synth_94_p3-5");
    let row = values(&doc, &[86, 87, 88, 89, 90, 91, 92, 93, 94, 103]);
    assert_eq!(row[0], "5");
    assert_eq!(row[6], "R. Hanney");
    assert!(row[7].starts_with("This is a shared indicator with Safer Communities."));
    assert!(row[7].ends_with("Approval given by DCSF to carry forward phase 10 in to August'07."));
}

#[test]
fn a_refs_number_put_in_the_next_column_goes_back_to_the_ref() {
    // Page 2 of a generated report (b14-ruled synth_111). The grid squeezed
    // the REF against the commitment: `CPA Increase ...` over `RES 1 plan
    // and ...`, and `Increase` and `1` start at the same character, so the
    // line's cut puts the number with the commitment. `CPA RES` is no REF
    // of the family, `CPA RES 1` is: the number goes back to the REF.
    let doc = extract("b14_ruled_synth_111_p2");
    assert_eq!(
        values(&doc, &[18, 19, 20, 21])[..4],
        [
            "CPA RES 1",
            "Increase the corporate asset management plan and disposals programme by 2007/08",
            "Gayle Roberts",
            "Green",
        ]
    );
    let row = values(&doc, &[37, 38, 39, 40, 41, 42]);
    assert_eq!(row[0], "CPA RES 4");
    assert!(row[1].starts_with("Develop sickness absence to 103 days per full time"));
}

#[test]
fn a_heading_and_header_after_a_gap_under_a_table_start_a_table_of_their_own() {
    // Pages 7 and 8 of a generated report (b14-unruled synth_105). Two
    // blank lines under the last rows of one table, a heading at the
    // margin (`A: WORKING WITH PARTNERS ...`) over a line of labels
    // (`Objective  Measure  Target  Progress  Officer`): no group row of
    // the table above, but the start of a table whose columns are its own.
    let doc = extract("b14_unruled_synth_105_p7-8");
    let labels = common::labels(&doc["tables"][0]);
    assert_eq!(
        labels,
        ["Objective", "Measure", "Target", "Progress", "Officer"]
    );
    assert_eq!(
        values(&doc, &[20, 21, 22, 23]),
        [
            "Reduce carbon emissions from council buildings",
            "Number of people killed or seriously injured in road traffic accidents",
            "57 children",
            "GOEM rating now 'medium focus'. Performance at the end of Quarter 1 is 3% against a target of 82%. Away Day held 25 July 2005.",
            "Head of Highways",
        ]
    );
    assert_eq!(
        values(&doc, &[31, 32, 33, 34])[1..3],
        [
            "Number of people killed or seriously injured in road traffic accidents",
            "63 children",
        ]
    );
}

#[test]
fn a_bulleted_tail_atop_the_next_page_goes_on_in_its_row() {
    // Pages 5 and 6 of a generated report (ttf-ruled synth_83). Page 6
    // opens with the rest of row `BV 39`'s comment, bullets hung two
    // characters left of the column's text, before the next section: each
    // bullet line stands in the comment column by the text after its
    // bullet, so the tail goes on in the row, not in headings.
    let doc = extract("ttf_ruled_synth_83_p5-6");
    let row = values(&doc, &[42, 43, 44, 45, 52, 53, 54, 55, 56, 57, 58]);
    assert_eq!(row[0], "BV 39");
    assert!(row[5].starts_with("The number of people killed or seriously injured fell by 34%"));
    assert!(row[5].contains("• options being scoped for ten additional ICT self help points;"));
    assert!(row[5].ends_with("continues to improve and is good overall."));
}

#[test]
fn a_figure_run_into_the_text_before_an_empty_column_of_figures_goes_to_it() {
    // Pages 1 and 2 of a generated report (b14-ruled synth_101). `6.04`
    // stands one space after `... runs things`, four characters left of
    // the outturn column, which is empty on the line and holds figures on
    // nine lines in ten. Other indicators of the report end in a figure
    // too (the same slip), but a column that sure of its figures takes it.
    let doc = extract("b14_ruled_synth_101_p1-2");
    assert_eq!(
        values(&doc, &[15, 16])[..5],
        [
            "BVPI 107a",
            "Satisfaction with the way the council runs things",
            "6.04",
            "n/a",
            "0.25",
        ]
    );
}

#[test]
fn a_name_run_into_the_cell_before_it_from_the_columns_channel_goes_to_its_column() {
    // Page 13 of the shared lo-unruled synth_04 text. `LPSA2 pump priming
    // V. Bramley`: the officer's name stands one space after the
    // resources, starting inside the channel the other rows leave clear
    // before the officer column and running on into it. A word that does
    // not go on in lower case there opens the next column; the resources
    // keep their own wrapped words.
    let doc = extract("lo_unruled_synth_04_p13");
    let row = values(&doc, &[6, 7, 8, 9, 10, 11, 12]);
    assert_eq!(row[0], "Declining satisfaction results");
    assert_eq!(row[3..5], ["LPSA2 pump priming grant £926k", "V. Bramley"]);
}
