//! One small hand-made report per oddity of real exports, each with the
//! records a careful reader would write down from it. The texts are short on
//! purpose: a failure points at one rule.

mod common;

use common::labels;
use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

const HEADER: &str =
    "REF\tPriority\tWe will Achieve\tResponsible Officer\tRed/Amber/Green\tComments on progress";

fn doc(text: &str) -> Value {
    pipeline::extract("fixture.txt", text.as_bytes(), &Grammars::builtin())
        .expect("extracts")
        .document()
}

/// Every row of every table as (key, value) pairs of its non-empty cells.
fn rows(doc: &Value) -> Vec<Vec<(String, String)>> {
    doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .map(|r| {
            r["cells"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, c)| (k.clone(), c["value"].as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

/// Every row of every table as the values of its non-empty cells.
fn values(doc: &Value) -> Vec<Vec<String>> {
    rows(doc)
        .into_iter()
        .map(|r| r.into_iter().map(|(_, v)| v).collect())
        .collect()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn all_rows(doc: &Value) -> Vec<&Value> {
    doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .collect()
}

#[test]
fn continuation_after_a_page_break_joins_the_record_it_cut() {
    let text = format!(
        "{HEADER}\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tThe first centre opened in May and the\n\
         \x0cAppendix 1 Annual Plan Commitment Monitoring\n\
         {HEADER}\n\
         \t\t\t\t\tsecond is on schedule.\n\
         2. AP/CEX\tReduce waste\tRecycle 40% by 2009\tBob Jones\tRed\tBehind target.\n"
    );
    let d = doc(&text);
    assert_eq!(
        rows(&d),
        vec![
            pairs(&[
                ("ref", "1. AP/CEX"),
                ("priority", "Improve access"),
                ("target", "Open two centres by March 2009"),
                ("owner", "Ann Smith"),
                ("status", "Green"),
                (
                    "progress",
                    "The first centre opened in May and the second is on schedule."
                ),
            ]),
            pairs(&[
                ("ref", "2. AP/CEX"),
                ("priority", "Reduce waste"),
                ("target", "Recycle 40% by 2009"),
                ("owner", "Bob Jones"),
                ("status", "Red"),
                ("progress", "Behind target."),
            ]),
        ]
    );
    let first = all_rows(&d)[0];
    assert_eq!(first["provenance"]["lines"], serde_json::json!([2, 5]));
    assert_eq!(first["provenance"]["pages"], serde_json::json!([1, 2]));
    assert_eq!(
        first["cells"]["progress"]["provenance"]["lines"],
        serde_json::json!([2, 5])
    );
    // One table: the repeated header continued it.
    assert_eq!(d["tables"].as_array().unwrap().len(), 1);
}

#[test]
fn a_fresh_target_with_its_own_officer_is_a_sub_row() {
    let text = format!(
        "{HEADER}\n\
         3. AP/RES\tValue for money\tSave £1m by 2009\tCarol King\tAmber\tSavings of £0.6m found.\n\
         \t\tCut energy use by 10%\tDan Lee\tGreen\tOn track.\n"
    );
    let d = doc(&text);
    let r = all_rows(&d);
    assert_eq!(r.len(), 2);
    assert_eq!(r[1]["parent"], 0);
    assert_eq!(
        rows(&d)[1],
        pairs(&[
            ("target", "Cut energy use by 10%"),
            ("owner", "Dan Lee"),
            ("status", "Green"),
            ("progress", "On track."),
        ])
    );
    assert_eq!(r[1]["provenance"]["lines"], serde_json::json!([3]));
}

#[test]
fn a_group_row_with_a_word_split_across_cells_names_the_rows_below() {
    let text = format!(
        "{HEADER}\n\
         Performance M\tanagement\n\
         4. AP/CEX\tBetter data\tPublish all indicators quarterly\tEve Moss\tGreen\tDone.\n\
         5. AP/CEX\tBetter management\tTrain all managers by 2009\tFay Gold\tRed\tNot started.\n"
    );
    let d = doc(&text);
    let r = all_rows(&d);
    assert_eq!(r.len(), 2);
    for row in &r {
        assert_eq!(row["group"]["value"], "Performance Management");
    }
    assert_eq!(r[0]["group"]["provenance"]["lines"], serde_json::json!([2]));
}

#[test]
fn inline_markup_is_removed_from_value_and_kept_in_raw() {
    let text = format!(
        "{HEADER}\n\
         6. AP/CEX\t**Safer roads**\tCut casualties by 31<sup>st</sup> March\tGus Hill\tGreen\t<p>Two schemes done.</p>\n"
    );
    let d = doc(&text);
    let r = all_rows(&d)[0];
    assert_eq!(r["cells"]["priority"]["value"], "Safer roads");
    assert_eq!(r["cells"]["priority"]["raw"], "**Safer roads**");
    assert_eq!(
        r["cells"]["target"]["value"],
        "Cut casualties by 31st March"
    );
    assert_eq!(r["cells"]["progress"]["value"], "Two schemes done.");
    assert_eq!(r["cells"]["progress"]["raw"], "<p>Two schemes done.</p>");
}

#[test]
fn legends_rules_and_running_heads_never_land_in_a_cell() {
    let text = format!(
        "Appendix 1 Annual Plan Commitment Monitoring\n\
         Key\n\
         Green – On Trajectory\n\
         Red – Off Trajectory\n\
         {HEADER}\n\
         ---\n\
         7. AP/CEX\tHomes\tBuild 200 homes by 2010\tIan Park\tGreen\t150 built.\n"
    );
    let d = doc(&text);
    assert_eq!(
        rows(&d),
        vec![pairs(&[
            ("ref", "7. AP/CEX"),
            ("priority", "Homes"),
            ("target", "Build 200 homes by 2010"),
            ("owner", "Ian Park"),
            ("status", "Green"),
            ("progress", "150 built."),
        ])]
    );
    // The legend's meanings are the status vocabulary.
    let legend: Vec<&str> = d["report"]["legend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["value"].as_str().unwrap())
        .collect();
    assert!(legend.contains(&"Green – On Trajectory"), "{legend:?}");
}

#[test]
fn a_cell_starting_with_a_non_ascii_letter_after_a_ref_is_left_whole() {
    // The REF boundary repair looks at the first letters of the next cell;
    // they may be any Unicode letters.
    let text = format!("{HEADER}\n8. AP/CEX\tÉducation pour tous\tOpen 3 schools by 2010\tJo Ng\tGreen\tOn track.\n");
    let d = doc(&text);
    assert_eq!(
        all_rows(&d)[0]["cells"]["priority"]["value"],
        "Éducation pour tous"
    );
    assert_eq!(all_rows(&d)[0]["cells"]["ref"]["value"], "8. AP/CEX");
}

#[test]
fn a_repeated_header_label_that_overflows_its_line_stays_header() {
    // On the second page the status label's last word fell onto the line
    // under the header: it completes the label, it is no status.
    let full = "REF\tPriority\tWe will Achieve\tResponsible Officer\tRed/ Amber/ Green/ Achieved\tComments on progress";
    let short = "REF\tPriority\tWe will Achieve\tResponsible Officer\tRed/ Amber/ Green/\tComments on progress";
    let text = format!(
        "{full}\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tThe first centre opened in May and the\n\
         \x0c{short}\n\
         \t\t\t\tAchieved\t\n\
         \t\t\t\t\tsecond is on schedule.\n\
         2. AP/CEX\tReduce waste\tRecycle 40% by 2009\tBob Jones\tRed\tBehind target.\n"
    );
    let d = doc(&text);
    let rows = rows(&d);
    assert_eq!(rows.len(), 2);
    let status: Vec<&str> = rows
        .iter()
        .map(|r| {
            r.iter()
                .find(|(k, _)| k == "status")
                .map_or("", |(_, v)| v.as_str())
        })
        .collect();
    assert_eq!(status, vec!["Green", "Red"]);
    let comments = &rows[0].iter().find(|(k, _)| k == "progress").unwrap().1;
    assert_eq!(
        comments,
        "The first centre opened in May and the second is on schedule."
    );
}

#[test]
fn a_lone_date_after_a_page_break_ends_the_cell_the_break_cut() {
    // `Reduce waste during` ends the page; after the repeated header the
    // next page holds only `2006/07`, under the same column. It is the end
    // of that cell, not a group label over the rows below.
    let text = format!(
        "{HEADER}\n\
         1. AP/CEX\tReduce waste during\tRecycle 40% of household waste\tBob Jones\tRed\tBehind target.\n\
         \x0cAppendix 1 Annual Plan Commitment Monitoring\n\
         {HEADER}\n\
         \t2006/07\t\t\t\t\n\
         2. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tOn schedule.\n"
    );
    let d = doc(&text);
    let all = all_rows(&d);
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0]["cells"]["priority"]["value"],
        "Reduce waste during 2006/07"
    );
    assert_eq!(all[0]["provenance"]["lines"], serde_json::json!([2, 5]));
    assert!(all[1]["group"].is_null(), "{}", all[1]["group"]);
}

#[test]
fn rows_keyed_by_a_repeated_code_are_rows_of_their_own() {
    // A list keyed by codes repeats the key on every row (Mexican town
    // codes: state, municipality, locality). A row that fills every
    // column again, with something new, is a row, not a wrapped line.
    let text = "Clave Entidad\tNombre Entidad\tClave Localidad\tNombre Localidad\n\
                01\tAguascalientes\t0094\tGranja Adelita\n\
                01\tAguascalientes\t0096\tAgua Azul\n\
                02\tBaja California\t0001\tEnsenada\n";
    let d = doc(text);
    let got = values(&d);
    assert_eq!(
        got,
        [
            ["01", "Aguascalientes", "0094", "Granja Adelita"],
            ["01", "Aguascalientes", "0096", "Agua Azul"],
            ["02", "Baja California", "0001", "Ensenada"],
        ]
    );
    let rules: Vec<&str> = all_rows(&d)
        .iter()
        .map(|r| r["provenance"]["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules[1], "record-repeated-ref");
    // A repeated key over a line that leaves a column the row above
    // filled empty still continues that row.
    let text = "Clave Entidad\tNombre Entidad\tClave Localidad\tNombre Localidad\n\
                01\tAguascalientes\t0094\tGranja Adelita and its\n\
                01\tAguascalientes\t\tsurroundings\n";
    let got = rows(&doc(text));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0][2].1, "0094");
    assert_eq!(got[0][3].1, "Granja Adelita and its surroundings");
}

#[test]
fn a_row_of_dashes_is_a_row_of_nil_values() {
    // `-` marks a nil value in tables of figures. A row holding nothing
    // else beside its label is neither a new header over the figures below
    // nor a group label, and `-` names no column of a family grammar.
    let text = "State\tTotal\tMarket Loans\tNSSF\n\
                Andhra Pradesh\t48.11\t40.45\t-\n\
                Chhattisgarh\t-\t-\t-\n\
                Goa\t1.4\t1.02\t-\n";
    let d = doc(text);
    assert_eq!(d["extractor"]["grammar"], "generic@1");
    assert_eq!(d["tables"].as_array().unwrap().len(), 1);
    let got = values(&d);
    assert_eq!(
        got,
        [
            ["Andhra Pradesh", "48.11", "40.45", "-"],
            ["Chhattisgarh", "-", "-", "-"],
            ["Goa", "1.4", "1.02", "-"],
        ]
    );
    assert!(all_rows(&d).iter().all(|r| r["group"].is_null()));
}

#[test]
fn generic_tables_take_abbreviated_labels_and_rows_without_a_key() {
    // `S. No.` and `1-4 std.` end with a full stop and are labels, not
    // sentences. Under the generic grammar, a line with two or more cells
    // that start afresh and none that goes on is a row of its own, even
    // with its first (key) column empty.
    let text = "S. No.\tPayee\tTitle\tAmount\n\
                \tBAIN, J MATTHEW\tDISTRICT DIRECTOR\t37,499.96\n\
                \tSMITH, ALVARO R\tLEGISLATIVE CORRESPONDENT\t21,000.00\n\
                7\tENGLERT, PAYTON A\tSTAFF ASSISTANT\t25,499.96\n";
    let d = doc(text);
    assert_eq!(d["extractor"]["grammar"], "generic@1");
    let labels = labels(&d["tables"][0]);
    assert_eq!(labels, ["S. No.", "Payee", "Title", "Amount"]);
    let payees: Vec<String> = rows(&d)
        .iter()
        .map(|r| {
            r.iter()
                .find(|(k, _)| k == "payee")
                .map_or(String::new(), |(_, v)| v.clone())
        })
        .collect();
    assert_eq!(
        payees,
        ["BAIN, J MATTHEW", "SMITH, ALVARO R", "ENGLERT, PAYTON A"]
    );
}

#[test]
fn a_generic_table_widens_for_rows_wider_than_its_header() {
    // The header's last line labels only the first columns; the rows go on
    // to the right. Under the generic grammar the extra cells get columns
    // of their own, unlabelled, instead of being joined into the last.
    let text = "State\tPublic Health\tWelfare\n\
                Andhra Pradesh\t47,824,589\t9,967,837\t59,082,426\t73,980,669\n\
                Assam\t14,874,821\t2,554,197\t17,590,618\t21,999,123\n";
    let d = doc(text);
    let t = &d["tables"][0];
    let labels = labels(t);
    assert_eq!(labels, ["State", "Public Health", "Welfare", "", ""]);
    let got = values(&d);
    assert_eq!(
        got,
        [
            [
                "Andhra Pradesh",
                "47,824,589",
                "9,967,837",
                "59,082,426",
                "73,980,669"
            ],
            [
                "Assam",
                "14,874,821",
                "2,554,197",
                "17,590,618",
                "21,999,123"
            ],
        ]
    );
}

#[test]
fn a_generic_row_may_fill_cells_the_row_above_left_empty() {
    // `Total GMC Enrollment` fills the plan-name cell the row above left
    // empty and brings its own figure: a row of its own (Camelot's
    // row_span_1), not the tail of Molina Healthcare's row.
    let text = "County\tPlan Name\tNote\tTotals\n\
                San Diego\tMolina Healthcare\t\t206,430\n\
                \t\tTotal GMC Enrollment\t1,091,255\n";
    let got = values(&doc(text));
    assert_eq!(
        got,
        [
            vec!["San Diego", "Molina Healthcare", "206,430"],
            vec!["Total GMC Enrollment", "1,091,255"],
        ]
    );
}

/// The header of a table keyed by its wrapped text first column, no REF.
const KEYLESS: &str =
    "Key Priority /Issue\tKey Action\tOutcome\tResources\tResponsibility\tMilestones\tProgress";

#[test]
fn a_lone_first_column_tail_after_a_page_break_ends_the_cell_the_break_cut() {
    // A table keyed by a wrapped text first column, no REF: the page breaks
    // inside `... and underachieving` / `groups`. The next page, after the
    // repeated header, starts with the lone lower-case `groups` under the
    // unfinished first cell: the end of that cell, not a row of its own.
    const KEYLESS: &str =
        "Key Priority /Issue\tKey Action\tOutcome\tResources\tResponsibility\tMilestones\tProgress";
    let text = format!(
        "{KEYLESS}\n\
         Increase achievement of underachieving\tIntroduce the action plan\tReduced casualties\tConsultancy Support\tGareth Drummond\tReview position\tAchieved.\n\
         \x0cAppendix 1 Annual Plan Commitment Monitoring\n\
         {KEYLESS}\n\
         groups\t\t\t\t\t\t\n\
         Improve customer satisfaction\tIncrease the percentage\tMore responsive services\tESG HoS\tHelen Marshall\tReport completed\tOn target.\n"
    );
    let d = doc(&text);
    let all = all_rows(&d);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        all[0]["cells"]["priority"]["value"],
        "Increase achievement of underachieving groups"
    );
    assert_eq!(all[0]["provenance"]["lines"], serde_json::json!([2, 5]));
    assert_eq!(
        all[1]["cells"]["priority"]["value"],
        "Improve customer satisfaction"
    );
}

#[test]
fn a_row_cut_by_a_page_break_goes_on_though_one_cell_starts_a_new_sentence() {
    // After the break the first column (`Trust requirements`) and the
    // action go on in lower case; the progress cell goes on with a new
    // sentence. The line ends the row the break cut.
    let text = format!(
        "{KEYLESS}\n\
         Respond to Children's\tAchieve the number of people killed or seriously\tImproved outcomes\tACE (CW)\tJane Hagger\tReview position\tPerformance is 47% against a target of 75%.\n\
         \x0cAppendix 1 Annual Plan Commitment Monitoring\n\
         {KEYLESS}\n\
         requirements\tinjured on the roads by 12%\t\t\t\t\tOverall the programme has slipped.\n\
         Improve customer satisfaction\tIncrease the percentage\tMore responsive services\tESG HoS\tHelen Marshall\tReport completed\tOn target.\n"
    );
    let d = doc(&text);
    let all = all_rows(&d);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        values(&d)[0],
        vec![
            "Respond to Children's requirements",
            "Achieve the number of people killed or seriously injured on the roads by 12%",
            "Improved outcomes",
            "ACE (CW)",
            "Jane Hagger",
            "Review position",
            "Performance is 47% against a target of 75%. Overall the programme has slipped.",
        ]
    );
    assert_eq!(all[0]["provenance"]["lines"], serde_json::json!([2, 5]));
}

#[test]
fn a_row_with_its_figures_missing_stays_in_its_table() {
    // `Rajasthan` has a date but no figures. Over the rows of figures below
    // it looks like a header of labels; inside a table whose rows have
    // begun, filling the first column and too few others, it is a row.
    let text = "State\tDate\tHalt stations\tHalt days\tPersons trained\tPersons tested\n\
                Delhi\t1.12.2009\t8\t17\t3,665\t1,000\n\
                Rajasthan\t2.12.2009 to 19.12.2009\t\t\t\t\n\
                Gujarat\t20.12.2009 to 3.1.2010\t6\t13\t3,810\t1,453\n\
                Total\t\t47\t92\t22,455\t10,644\n";
    let d = doc(text);
    assert_eq!(d["extractor"]["grammar"], "generic@1");
    assert_eq!(d["tables"].as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(
        values(&d),
        vec![
            vec!["Delhi", "1.12.2009", "8", "17", "3,665", "1,000"],
            vec!["Rajasthan", "2.12.2009 to 19.12.2009"],
            vec![
                "Gujarat",
                "20.12.2009 to 3.1.2010",
                "6",
                "13",
                "3,810",
                "1,453"
            ],
            vec!["Total", "47", "92", "22,455", "10,644"],
        ]
    );
}

#[test]
fn a_repeated_key_with_new_dates_and_counts_is_a_row_of_its_own() {
    // Two layoff notices of one company on one day: the date repeats, the
    // effective date and the count change. Dates and counts do not wrap
    // into each other, so the second line is a notice of its own, not the
    // rest of the first.
    let text = "Notice Date\tEffective\tCompany\tCity\tNo. Of\n\
                07/27/2015\t09/30/2015\tHank Fisher Properties, Inc. - The\tSacramento\t89\n\
                07/27/2015\t10/15/2015\tHank Fisher Properties, Inc.\tSacramento\t7\n\
                07/28/2015\t12/31/2015\tLeisure Inc.\tFresno\t13\n";
    let d = doc(text);
    assert_eq!(
        values(&d),
        vec![
            vec![
                "07/27/2015",
                "09/30/2015",
                "Hank Fisher Properties, Inc. - The",
                "Sacramento",
                "89"
            ],
            vec![
                "07/27/2015",
                "10/15/2015",
                "Hank Fisher Properties, Inc.",
                "Sacramento",
                "7"
            ],
            vec!["07/28/2015", "12/31/2015", "Leisure Inc.", "Fresno", "13"],
        ]
    );
}

#[test]
fn rows_of_amounts_with_no_header_make_a_table_of_unlabelled_columns() {
    // A key-figures list: labels and amounts, no header line. The first
    // row is data (an amount is never a label), not the table's header.
    let text = "Net Asset Value at 31 December\t5,111,372\n\
                Number of outstanding units at 31 December\t49,136\n\
                Net Asset Value per unit at 31 December\t104.03\n";
    let d = doc(text);
    assert_eq!(d["extractor"]["grammar"], "generic@1");
    let t = &d["tables"][0];
    let labels = labels(t);
    assert_eq!(labels, ["", ""]);
    assert_eq!(t["header_lines"], serde_json::json!([]));
    assert_eq!(
        values(&d),
        vec![
            vec!["Net Asset Value at 31 December", "5,111,372"],
            vec!["Number of outstanding units at 31 December", "49,136"],
            vec!["Net Asset Value per unit at 31 December", "104.03"],
        ]
    );
}

#[test]
fn a_nil_value_in_a_column_of_figures_makes_a_row_not_a_group() {
    // `Direct result  -`: one dash beside a label, under a column of
    // amounts, is a nil amount. The row is data, not a group label over
    // `Revaluation` and `Costs`.
    let text = "Net Asset Value at 31 December\t54,256,197\n\
                Number of outstanding units at 31 December\t520,691\n\
                Direct result\t-\n\
                Revaluation\t2,076,667\n\
                Costs\t(106,870)\n";
    let d = doc(text);
    let all = all_rows(&d);
    assert_eq!(all.len(), 5, "{all:#?}");
    assert_eq!(values(&d)[2], vec!["Direct result", "-"]);
    assert!(all.iter().all(|r| r["group"].is_null()));
}

#[test]
fn a_ref_used_twice_in_one_table_is_kept_and_flagged() {
    // The exporter (or the author) numbered two different commitments
    // `3. MTCS/HTW`: both stay records and the second says whose REF it
    // repeats; `4 MTCS/HTW` between them is a REF of its own.
    let text = format!(
        "{HEADER}\n\
         3. MTCS/HTW\tImprove road safety\tFewer casualties\tAnn Lee\tGreen\tOn track.\n\
         4 MTCS/HTW\tReduce waste\tLess landfill\tBob Ray\tAmber\tSlipping.\n\
         3. MTCS/HTW\tBetter buses\tMore passengers\tCy Dee\tRed\tLate.\n"
    );
    let d = doc(&text);
    let rows = all_rows(&d);
    assert_eq!(rows.len(), 3);
    assert!(rows[0]["warnings"].as_array().unwrap().is_empty());
    assert!(rows[1]["warnings"].as_array().unwrap().is_empty());
    assert_only_warning(
        rows[2],
        "ref-reused",
        4,
        "REF \"3. MTCS/HTW\" also names row 0 of this table (line 2); the source uses it twice",
    );
}

/// Asserts that a row carries exactly one warning, with this code, line and
/// message.
fn assert_only_warning(row: &Value, code: &str, line: u64, message: &str) {
    let ws = row["warnings"].as_array().unwrap();
    assert_eq!(ws.len(), 1, "{ws:#?}");
    assert_eq!(ws[0]["code"], code);
    assert_eq!(ws[0]["line"], line);
    assert_eq!(ws[0]["message"], message);
}

#[test]
fn a_record_without_a_ref_among_numbered_records_is_flagged() {
    // `5 MTCS/HTW` was lost by the export: the line with its own priority
    // between 4 and 6 is still a record, and says it has no REF.
    let text = format!(
        "{HEADER}\n\
         4 MTCS/HTW\tReduce waste\tLess landfill\tBob Ray\tAmber\tSlipping.\n\
         \tImprove bus stations\tNew shelters\tCy Dee\tGreen\tBuilt.\n\
         6 MTCS/HTW\tBetter buses\tMore passengers\tDee Fox\tRed\tLate.\n"
    );
    let d = doc(&text);
    let rows = all_rows(&d);
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(rows[1]["parent"].is_null());
    assert_only_warning(
        rows[1],
        "ref-missing",
        3,
        "a record without a REF among records with REFs (after \"4 MTCS/HTW\", before \"6 MTCS/HTW\")",
    );
    assert!(rows[0]["warnings"].as_array().unwrap().is_empty());
    assert!(rows[2]["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn an_entry_opening_like_the_one_above_is_a_row_of_its_own() {
    // A list of notices: two sites of one company, the first name cut after
    // `at`. The second opens with the same words as the first: another
    // entry, not the rest of an open name.
    let text = "Notice Date\tCompany\tCity\tNo. Of Employees\n\
                07/27/2015\tHank Fisher Properties, Inc. - Chateau at\tCarmichael\t57\n\
                07/27/2015\tHank Fisher Properties, Inc. - Chateau\tSacramento\t42\n\
                07/28/2015\tSafeway, Inc.\tPleasanton\t37\n";
    let d = doc(text);
    assert_eq!(
        values(&d),
        vec![
            vec![
                "07/27/2015",
                "Hank Fisher Properties, Inc. - Chateau at",
                "Carmichael",
                "57"
            ],
            vec![
                "07/27/2015",
                "Hank Fisher Properties, Inc. - Chateau",
                "Sacramento",
                "42"
            ],
            vec!["07/28/2015", "Safeway, Inc.", "Pleasanton", "37"],
        ]
    );
}

#[test]
fn a_line_reprinting_the_tail_of_the_row_above_goes_on_with_that_row() {
    // A table with a priority, not a REF, in its first column. The exporter
    // cut the row at the page's foot and printed the action's last words
    // again (`As is assessment of`), with the priority's next words and a
    // page number (`1`) in the comments column; the page below goes on.
    let text = "Key Priority /Issue\tKey Action\tOutcome\tResources\tResponsibility\tMilestones\tProgress\n\
                Reduce waiting times.\tProject will include:- \"As is\" assessment of\tStandards agreed\t\tHR (RB)\tMarch 2010\tStudy ongoing.\n\
                District councils to make\tAs is assessment of\tDeliver\t\t\t\t1\n\
                Improve the quality of care.\tReview providers\tBetter care\t\tJW\tJune 2010\tStarted.\n";
    let d = doc(text);
    let rows = all_rows(&d);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(
        rows[0]["cells"]["priority"]["value"],
        "Reduce waiting times. District councils to make"
    );
    assert_eq!(
        rows[0]["cells"]["action"]["value"],
        "Project will include:- \"As is\" assessment of"
    );
    assert_eq!(
        rows[0]["cells"]["outcome"]["value"],
        "Standards agreed Deliver"
    );
    assert_eq!(rows[0]["cells"]["progress"]["value"], "Study ongoing.");
    assert_eq!(rows[0]["provenance"]["lines"], serde_json::json!([2, 3]));
    assert_eq!(
        rows[0]["provenance"]["merges"][0]["rule"],
        "continuation-repeated-tail"
    );
    let codes: Vec<&str> = rows[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["duplicate-tail-dropped", "stray-numerals-dropped"]);
    // A line with its own officer and date is a record, whatever it repeats.
    assert_eq!(rows[1]["provenance"]["lines"], serde_json::json!([4]));
}

#[test]
fn a_table_headed_partly_in_unfamiliar_words_is_read_with_its_own_labels() {
    let text = format!(
        "{HEADER}\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tOn schedule.\n\
         Capital Programme\n\
         No.\tWhat we will do\tBudget £\tSpend to Date £\tLead Officer\n\
         1\tRefurbish the library\t120,000\t45,500\tCarol King\n\
         2\tResurface the car park\t80,000\t0\tDan Lee\n"
    );
    let d = doc(&text);
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let keys: Vec<&str> = tables[1]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["ref", "action", "budget", "spend_to_date", "owner"]);
    assert_eq!(
        values(&d)[1..],
        [
            vec![
                "1",
                "Refurbish the library",
                "120,000",
                "45,500",
                "Carol King"
            ],
            vec!["2", "Resurface the car park", "80,000", "0", "Dan Lee"],
        ]
    );
    assert_eq!(
        tables[1]["rows"][1]["provenance"]["lines"],
        serde_json::json!([6])
    );
}

#[test]
fn a_partly_familiar_header_repeated_after_a_page_break_goes_on_with_its_table() {
    let head = "Priority\tCommitment\tCost £000\tResource Implications\tResponsibility\tRAG";
    let text = format!(
        "{HEADER}\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tOn schedule.\n\
         A Greener County\n\
         {head}\n\
         Housing Strategy\tAchieve the asset plan\t£244k\tPump priming grant\tACE (CW)\tGreen\n\
         \x0cAppendix 1 Annual Plan Commitment Monitoring\n\
         {head}\n\
         \tby March 2009\t\t\t\t\n\
         Road Safety\tCut casualties by 10%\t£12k\tWithin budget\tDan Lee\tAmber\n"
    );
    let d = doc(&text);
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[1]["header_lines"], serde_json::json!([4, 7]));
    assert_eq!(
        values(&d)[1..],
        [
            vec![
                "Housing Strategy",
                "Achieve the asset plan by March 2009",
                "£244k",
                "Pump priming grant",
                "ACE (CW)",
                "Green"
            ],
            vec![
                "Road Safety",
                "Cut casualties by 10%",
                "£12k",
                "Within budget",
                "Dan Lee",
                "Amber"
            ],
        ]
    );
}

#[test]
fn a_line_repeating_a_code_with_its_own_date_and_comment_is_another_target() {
    // `Medium` printed again under `Medium` never wrapped there; the line
    // has its own time-scale and comment, though no officer.
    let text = "Ref\tDept.\tMTCS Priority\tCommitment\tTime-Scale (Where Stated)\tResponsible Officer\tProgress to Date\n\
         6. AP/ASC\tCORP\tMedium\tImplement 136 Children's Centres by March 2007\tApril 2007\tHead of Highways\tTarget achieved ahead of schedule.\n\
         \tResources\tMedium\tIncrease the number of people killed or seriously injured\tOngoing\t\tMembership and procedures reviewed.\n";
    let d = doc(text);
    let r = all_rows(&d);
    assert_eq!(r.len(), 2);
    assert_eq!(
        rows(&d)[1],
        pairs(&[
            ("dept", "Resources"),
            ("priority", "Medium"),
            (
                "commitment",
                "Increase the number of people killed or seriously injured"
            ),
            ("deadline", "Ongoing"),
            ("progress", "Membership and procedures reviewed."),
        ])
    );
    assert_eq!(r[1]["provenance"]["lines"], serde_json::json!([3]));
}

#[test]
fn a_placeholder_under_a_figure_starts_the_next_row() {
    // `n/a` under `3.90` is the next indicator's value, not the rest of
    // `3.90`; the line has its own description, figure and comment.
    let text = "BVPI\tDescription\t2006/07 Actual\t2007/08 Target\tQuartile\tComments\n\
         NI 27\tSatisfaction with the way the council runs things\t84%\t3.90\t1\tThe recruitment of foster carers remains challenging.\n\
         \tNumber of affordable homes delivered (gross)\t9.56\tn/a\tTop\tA further 35 schemes were completed.\n";
    let d = doc(text);
    assert_eq!(
        values(&d),
        [
            vec![
                "NI 27",
                "Satisfaction with the way the council runs things",
                "84%",
                "3.90",
                "1",
                "The recruitment of foster carers remains challenging."
            ],
            vec![
                "Number of affordable homes delivered (gross)",
                "9.56",
                "n/a",
                "Top",
                "A further 35 schemes were completed."
            ],
        ]
    );
}

#[test]
fn a_new_header_in_mostly_familiar_words_under_a_colour_key_opens_a_table() {
    // No heading between the tables: a colour key, then a header three of
    // whose four labels are the family's (`Completion Date` is not).
    let text = format!(
        "{HEADER}\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tOn schedule.\n\
         Key\n\
         Red – significant slippage, target will not be met\n\
         Ref\tKey Action\tCompletion Date\tRed/ Amber Green/Achieved\n\
         LAA 1.1.1\tExtend level 41 of the Equality Standard\t2006\tRED\n\
         LAA 1.1.2\tReview a new customer service centre\tSept 2003\tAchieved\n"
    );
    let d = doc(&text);
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[1]["header_lines"], serde_json::json!([5]));
    assert_eq!(
        values(&d)[1..],
        [
            vec![
                "LAA 1.1.1",
                "Extend level 41 of the Equality Standard",
                "2006",
                "RED"
            ],
            vec![
                "LAA 1.1.2",
                "Review a new customer service centre",
                "Sept 2003",
                "Achieved"
            ],
        ]
    );
}

#[test]
fn plain_word_labels_of_a_family_table_name_its_columns() {
    // `Theme`, `What we will do`, `Who`, `Update`: everyday words for the
    // family's priority, action, officer and progress columns.
    let text = "A - Improved Quality of Life for People\n\
         Theme\tWhat we will do\tWho\tUpdate\n\
         Highways\tResurface the ring road\tR. Holt\tWork started in May.\n";
    let d = doc(text);
    let keys: Vec<&str> = d["tables"][0]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["priority", "action", "owner", "progress"]);
    assert_eq!(
        values(&d),
        [vec![
            "Highways",
            "Resurface the ring road",
            "R. Holt",
            "Work started in May."
        ]]
    );
}

#[test]
fn labels_in_no_family_words_over_rows_of_figures_head_their_own_table() {
    // A report read with the family grammar (its second table's header is
    // the family's) opens with indicator figures under labels the family
    // does not know; a group row stands between the labels and the rows.
    let text = "Resources Department - CPA\n\
         BVPI\tDescription\t2006/07 Actual\t2007/08 Target\tQuartile\tComments\n\
         Flood Risk\t\t\t\t\t\n\
         NI 72\tSatisfaction with the way the council runs things\tn/a\t6.37\t2\tLead Member appointed.\n\
         Annual Plan\n\
         REF\tPriority\tWe will Achieve\tResponsible Officer\tRed/Amber/Green\tComments on progress\n\
         1. AP/CEX\tImprove access\tOpen two centres by March 2009\tAnn Smith\tGreen\tOn schedule.\n";
    let d = doc(text);
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0]["header_lines"], serde_json::json!([2]));
    assert_eq!(
        values(&d)[0],
        [
            "NI 72",
            "Satisfaction with the way the council runs things",
            "n/a",
            "6.37",
            "2",
            "Lead Member appointed."
        ]
    );
}

#[test]
fn a_risk_register_mostly_in_family_words_is_read_with_the_family_grammar() {
    // Four of seven labels are the family's (Risk Ref, Risk Owner,
    // Mitigating Action, Status): the family reads it, so the line after
    // the page break, with a status of its own, is a row, not the rest of
    // the row the break ended.
    let head =
        "Risk Ref\tRisk Description\tLikelihood\tImpact\tRisk Owner\tMitigating Action\tStatus";
    let text = format!(
        "Appendix 1 Risk Monitoring\n\
         {head}\n\
         18. MTCS/CS\tDelays in procurement of the waste contract\tHigh\tLow\tPhil Andrews\tStaff posts filled.\tRED\n\
         \x0cAppendix 1 Risk Monitoring\n\
         {head}\n\
         \tFailure of the ICT infrastructure\tLow\tHigh\t\tResponse disappointing.\tGreen\n"
    );
    let d = doc(&text);
    assert_eq!(d["extractor"]["grammar"], "council-monitoring@1");
    assert_eq!(d["tables"].as_array().unwrap().len(), 1);
    assert_eq!(d["tables"][0]["header_lines"], serde_json::json!([2, 5]));
    let r = all_rows(&d);
    assert_eq!(r.len(), 2);
    assert_eq!(
        values(&d)[1],
        [
            "Failure of the ICT infrastructure",
            "Low",
            "High",
            "Response disappointing.",
            "Green"
        ]
    );
}

/// A budget table's header and first two rows, as the two tests below
/// print it after an actions table, and the values a reader writes down.
const BUDGET: &str = "\
Item\tScheme\tTotal Cost £000\tBudget 2008/09 £000\tActual to Date £000\tVariance £000\tComments\n\
1\tEquality Framework\t£27k\t£110k\t£45k\t£4k\tThe consultation closed.\n\
2\tImprove road safety\t£34,500\t£169,000\t£0.5m\t-\tSlippage is due to vacancies.\n";

fn budget_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "1",
            "Equality Framework",
            "£27k",
            "£110k",
            "£45k",
            "£4k",
            "The consultation closed.",
        ],
        vec![
            "2",
            "Improve road safety",
            "£34,500",
            "£169,000",
            "£0.5m",
            "-",
            "Slippage is due to vacancies.",
        ],
    ]
}

#[test]
fn labels_over_rows_of_figures_after_a_table_of_actions_head_a_table_of_their_own() {
    // No heading between the two tables: the second header names none of
    // the family's columns but `Comments`, yet its labels stand over rows
    // of amounts (`£27k`, `£169,000`) where the actions table above has
    // none (a date such as `2005-06` in it makes no row of figures).
    let text = format!(
        "{HEADER}\n\
         1. CPA\tHousing\tDeliver 50 homes\tAnn Smith\tGreen\tDone by 2005-06.\n\
         2. CPA\tRoads\tMend the roads\tBob Jones\tAmber\tDelayed to March.\n\
         {BUDGET}"
    );
    let d = doc(&text);
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        labels(&tables[1]),
        [
            "Item",
            "Scheme",
            "Total Cost £000",
            "Budget 2008/09 £000",
            "Actual to Date £000",
            "Variance £000",
            "Comments"
        ]
    );
    assert_eq!(values(&d)[2..], budget_rows());
}

#[test]
fn a_figure_table_header_repeated_after_a_page_break_is_no_row_and_figures_below_it_start_one() {
    // The budget table's header comes back on page 2 with `to` moved from
    // one label to the one before (as a character grid squeezes it): the
    // same words, so the same header. The line under it has no Item but
    // figures under the last row's figures: figures never wrap, so it is a
    // row of its own, not the rest of row 2.
    let text = format!(
        "{HEADER}\n\
         1. CPA\tHousing\tDeliver 50 homes\tAnn Smith\tGreen\tDone by 2005-06.\n\
         {BUDGET}\
         \u{c}Item\tScheme\tTotal Cost £000\tBudget 2008/09 to £000\tActual Date £000\tVariance £000\tComments\n\
         \t\t£44,500\t£30,000\t£151,000\t£0.1m\tOn target.\n\
         3\tAnnual Report\t£500\t£3.8m\t£28k\t£47k\tDone.\n"
    );
    let d = doc(&text);
    assert_eq!(d["tables"].as_array().unwrap().len(), 2);
    assert_eq!(d["tables"][1]["header_lines"], serde_json::json!([3, 6]));
    let mut expected = budget_rows();
    expected.push(vec![
        "£44,500",
        "£30,000",
        "£151,000",
        "£0.1m",
        "On target.",
    ]);
    expected.push(vec![
        "3",
        "Annual Report",
        "£500",
        "£3.8m",
        "£28k",
        "£47k",
        "Done.",
    ]);
    assert_eq!(values(&d)[1..], expected);
}
