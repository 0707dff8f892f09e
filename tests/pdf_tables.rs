//! Tables from PDF pages, end to end: rendered reports whose true tables
//! are known (`*.truth.json`, written by the renderer): the same tables
//! unruled and with cell borders, and a report whose pages repeat no
//! header. Pins a record that breaks across a page, a sub-row under a
//! group, page and bbox provenance, and the share of true records
//! reproduced exactly.

mod common;

use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

/// The document of a fixture PDF, `path` under `tests/fixtures`.
fn extract_pdf(path: &str) -> Value {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).expect("fixture pdf");
    let name = path.rsplit('/').next().unwrap_or(path);
    pipeline::extract(name, &bytes, &Grammars::builtin())
        .expect("extracts")
        .document()
}

fn fixture(name: &str) -> (Value, Value) {
    let doc = extract_pdf(&format!("tables/{name}.pdf"));
    let dir = format!("{}/tests/fixtures/tables", env!("CARGO_MANIFEST_DIR"));
    let truth = serde_json::from_slice(&std::fs::read(format!("{dir}/{name}.truth.json")).unwrap())
        .expect("truth json");
    (doc, truth)
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A row's cell values in column order ("" for an empty cell).
fn values(table: &Value, row: &Value) -> Vec<String> {
    table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            norm(
                row["cells"][c["key"].as_str().unwrap()]["value"]
                    .as_str()
                    .unwrap_or(""),
            )
        })
        .collect()
}

fn find_row<'a>(doc: &'a Value, first: &str, key: &str) -> (&'a Value, &'a Value) {
    for t in doc["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            if r["cells"][key]["value"]
                .as_str()
                .is_some_and(|v| v.starts_with(first))
            {
                return (t, r);
            }
        }
    }
    panic!("no row whose {key} starts with {first:?}");
}

const PROGRESS_5: &str = "Question included in 2004 user satisfaction survey; field work \
commencing October 2004. The action plan is regularly reviewed and any issues highlighted to the \
Executive. Data quality checks identified 57 records requiring correction; these have been \
resolved. Membership and procedures reviewed following a Board away day in February. Arrangements \
reviewed, agreed by Cabinet on 19 October 2004 and now in place. Delays in procurement mean the \
contract will not now be let until Qtr 3; remedial action agreed with the Portfolio Holder. Good \
progress is being made in achieving improvements identified in the action plan. The action plan \
is regularly reviewed and any issues highlighted to the Executive. Response disappointing. \
Overall the 2nd year programme has slipped, because of delays in agreeing the Access Strategy. \
The LPSA2 reward grant of £856,000 is dependent on achieving this target. Slippage is due to \
staff vacancies in the team – two posts have now been filled.";

fn assert_split_record(name: &str) {
    let (doc, _) = fixture(name);
    assert_eq!(doc["source"]["format"], "pdf");
    let (t, r) = find_row(&doc, "5. AP/RES", "ref");
    assert_eq!(
        values(t, r),
        vec![
            "5. AP/RES",
            "Improve access to services",
            "Complete 70 Children's Centres by December 2004",
            "Tony Kirk",
            "Green",
            PROGRESS_5,
        ],
        "{name}"
    );
    // The record starts on page 1 and its comment ends under the repeated
    // header of page 2.
    assert_eq!(
        r["provenance"]["pages"],
        serde_json::json!([1, 2]),
        "{name}"
    );
    assert_eq!(r["group"]["value"], "Financial Management", "{name}");
    let progress = &r["cells"]["progress"]["provenance"];
    assert_eq!(progress["pages"], serde_json::json!([1, 2]), "{name}");
    let boxes = progress["bbox"].as_array().unwrap();
    assert_eq!(boxes.len(), progress["spans"].as_array().unwrap().len());
    // The first text line of the cell on page 2 sits at these points
    // (pdftotext -bbox agrees within 1 pt): "of £856,000 is dependent on
    // achieving this target." unruled, "staff vacancies in the team – two
    // posts have now been" ruled.
    let want: [f64; 4] = if name.starts_with("unruled") {
        [570.83, 494.67, 769.96, 503.0]
    } else {
        [566.99, 494.67, 785.10, 503.0]
    };
    let found = boxes.iter().any(|b| {
        let b: Vec<f64> = b
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        b.iter().zip(want).all(|(x, w)| (x - w).abs() <= 1.0)
    });
    assert!(found, "{name}: no fragment at {want:?} in {boxes:?}");
    let ref_box: Vec<f64> = r["cells"]["ref"]["provenance"]["bbox"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert!(
        ref_box[0] < ref_box[2] && ref_box[1] < ref_box[3],
        "{name}: {ref_box:?}"
    );
}

fn assert_sub_row_under_group(name: &str) {
    let (doc, _) = fixture(name);
    let (t, r) = find_row(&doc, "Establish the corporate asset", "target");
    assert_eq!(
        values(t, r),
        vec![
            "",
            "",
            "Establish the corporate asset management plan and disposals programme by March 2005",
            "Sarah Pettifer",
            "Red",
            "A report will be taken to Scrutiny Commission in November 2004. Approval given by DCSF \
             to carry forward phase 69 in to March'05. Membership and procedures reviewed following \
             a Board away day in November. Officers continue to work with the district councils \
             and the Primary Care Trust to deliver the joint action plan.",
        ],
        "{name}"
    );
    assert_eq!(r["group"]["value"], "Asset Management", "{name}");
    assert_eq!(r["provenance"]["pages"], serde_json::json!([2]), "{name}");
}

/// Share of true records some output row reproduces exactly (each output
/// row used once), and the number of output rows matching no record.
fn score(doc: &Value, truth: &Value) -> (usize, usize, usize) {
    let mut have: Vec<Vec<String>> = Vec::new();
    for t in doc["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            have.push(values(t, r));
        }
    }
    let (mut hit, mut total) = (0, 0);
    for t in truth["tables"].as_array().unwrap() {
        for r in t["records"].as_array().unwrap() {
            total += 1;
            let want: Vec<String> = r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| norm(c.as_str().unwrap()))
                .collect();
            if let Some(k) = have.iter().position(|h| *h == want) {
                have.swap_remove(k);
                hit += 1;
            }
        }
    }
    (hit, total, have.len())
}

#[test]
fn unruled_record_across_a_page_break() {
    assert_split_record("unruled_synth_02");
}

#[test]
fn ruled_record_across_a_page_break() {
    assert_split_record("ruled_synth_02");
}

#[test]
fn unruled_sub_row_under_a_group() {
    assert_sub_row_under_group("unruled_synth_02");
}

#[test]
fn ruled_sub_row_under_a_group() {
    assert_sub_row_under_group("ruled_synth_02");
}

#[test]
fn nearly_every_true_record_is_reproduced() {
    for name in ["unruled_synth_02", "ruled_synth_02"] {
        let (doc, truth) = fixture(name);
        let (hit, total, extra) = score(&doc, &truth);
        assert_eq!(total, 45, "{name}: records in the truth");
        assert!(
            hit * 100 >= total * 95,
            "{name}: {hit}/{total} records exact"
        );
        assert!(
            extra <= 2,
            "{name}: {extra} output rows match no true record"
        );
    }
}

/// Checks that `svg` is well-formed XML as far as a drawing needs: every
/// tag closed in order, attributes quoted, only the five XML entities.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        for (k, _) in text.match_indices('&') {
            let ent = &text[k..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "bad entity near {:?}",
                &ent[..ent.len().min(20)]
            );
        }
        let close = rest[open..].find('>').expect("tag closed") + open;
        let tag = &rest[open + 1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "closing </{name}>"
            );
        } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed tags {stack:?}");
}

#[test]
fn svg_draws_one_box_per_extracted_cell_of_the_page() {
    let exe = env!("CARGO_BIN_EXE_reportmine");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p2.svg");
    let pdf = format!(
        "{}/tests/fixtures/tables/unruled_synth_02.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let status = std::process::Command::new(exe)
        .args(["inspect", &pdf, "--page", "2", "--svg"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_well_formed(&svg);
    let (doc, _) = fixture("unruled_synth_02");
    let on_page_2 = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .flat_map(|r| r["cells"].as_object().unwrap().values())
        .filter(|c| {
            let p = &c["provenance"];
            p["page"] == 2
                || p["pages"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|x| x == 2))
        })
        .count();
    assert!(on_page_2 > 10);
    assert_eq!(svg.matches(r#"<rect class="cell""#).count(), on_page_2);
    // Running head and footer are shaded, the page's text is drawn.
    assert!(svg.contains(r#"class="head""#));
    assert!(svg.contains(">Sarah Pettifer</text>"));
    // A page the PDF does not have is a usage error naming the page count.
    let bad = std::process::Command::new(exe)
        .args(["inspect", &pdf, "--page", "99", "--svg"])
        .arg(dir.path().join("x.svg"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no page 99"));
}

#[test]
fn every_pdf_fixture_goes_through_the_whole_pipeline_without_panic() {
    let dir = format!("{}/tests/fixtures/pdf", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match pipeline::extract(&name, &bytes, &Grammars::builtin()) {
            Ok(r) => assert_eq!(r.document()["source"]["format"], "pdf", "{name}"),
            // The password-protected peer is a clear error, not a panic.
            Err(e) => assert!(name.contains("protected"), "{name}: {e}"),
        }
        seen += 1;
    }
    assert!(seen >= 7);
}

#[test]
fn a_comment_going_on_under_a_repeated_header_with_an_overflowing_label() {
    // Page 10 repeats the header with `Red/ Amber/` over `Green/` over
    // `Achieved`, then the comment of 14. AP/SCH goes on (`reviewed,
    // agreed by Cabinet ...`). Only the header line shows the gap between
    // the status and comment columns, and `Red/ Amber/` reaches into the
    // gap that the shorter `Achieved` leaves; but a channel of it no text
    // crosses, so it still separates them and the comment stays in its
    // column.
    for name in ["ruled_synth_02", "unruled_synth_02"] {
        let (doc, _) = fixture(name);
        let (table, row) = find_row(&doc, "14. AP/SCH", "ref");
        let v = values(table, row);
        assert_eq!(v[4], "Red", "{name}");
        assert_eq!(
            v[5],
            "Budget pressures of £530k have been identified and are being managed within the \
             department. Arrangements reviewed, agreed by Cabinet on 26 February 2004 and now in \
             place.",
            "{name}"
        );
    }
}

#[test]
fn a_row_cut_on_a_page_that_repeats_no_header_goes_on_at_its_top() {
    // Pages 7 and 8 of this report repeat no header: the Update comments
    // of 3.4 and 3.11 go on alone at the top of the next page.
    let (doc, _) = fixture("unruled_synth_18");
    let (t, r) = find_row(&doc, "3.4", "ref");
    assert_eq!(
        values(t, r),
        [
            "3.4",
            "Implement the corporate asset management plan and disposals programme by the \
             end of Qtr 1 Work on the 2008 report has commenced.",
            "Ethical hours completed.",
            "Nov 2003 BV survey",
            "Andy Ellis",
            "Achieved",
            common::SYNTH_18_REF_3_4_UPDATE,
        ]
    );
    assert_eq!(r["provenance"]["pages"], serde_json::json!([6, 7]));
    let (t, r) = find_row(&doc, "3.11", "ref");
    assert_eq!(
        values(t, r)[6],
        "Completed and agreed by Council 13th August, 08. Approval given by DCSF to carry \
         forward phase 105 in to July'08. N/A – Data will be available in Qrt 4. The number \
         of people killed or seriously injured fell by 26% compared with the same period last \
         year."
    );
    assert_eq!(r["provenance"]["pages"], serde_json::json!([7, 8]));
}

#[test]
fn a_colour_key_and_heading_over_a_new_table_stay_out_of_the_row_above() {
    // Pages 8-9 of a rendered report: page 9 opens with a row, then, a
    // wide gap below, a colour key, a section heading and a new table's
    // header. The key is no group row of the row above, so the header
    // heads its own table.
    let doc = extract_pdf("tables/unruled_synth_20_p8-9.pdf");
    let (t, r) = find_row(&doc, "NI 93", "ref");
    assert_eq!(t["header_lines"], serde_json::json!([50]));
    assert_eq!(values(t, r)[..3], ["NI 93", "Community Services", "Medium"]);
    let text = doc["tables"].to_string();
    assert!(!text.contains("slippage"), "a key line landed in a table");
}

#[test]
fn a_ref_wrapped_over_its_number_stays_one_row_beside_a_bold_group_label() {
    // Pages 1 and 11 of a rendered report, unruled. On page 11 `NI` stands
    // over `133` (and `NI` over `148`, `136`): the REF column is narrower
    // than `NI 133`. The group label `Community Safety`, in bold, runs
    // from the REF column into the next one; it is no REF cell, so the
    // column keeps the width of its REFs and the number is the REF's
    // wrapped tail, not a row of its own.
    let doc = extract_pdf("pdf/b14_unruled_synth_31_p1_11.pdf");
    let (t, r) = find_row(&doc, "NI 133", "ref");
    assert_eq!(
        values(t, r)[..3],
        [
            "NI 133",
            "Improve council tax collection (Quartile 1)",
            "Review the proportion of household waste recycled or composted to 9% From April 2008",
        ]
    );
    for (reference, priority) in [
        ("NI 148", "Improve the condition of principal roads"),
        ("NI 136", "Improve customer care (Quartile 1)"),
    ] {
        let (t, r) = find_row(&doc, reference, "ref");
        assert_eq!(values(t, r)[..2], [reference, priority]);
    }
}

#[test]
fn a_ruled_table_page_with_a_wide_channel_is_no_page_of_two_text_columns() {
    // Page 14 of a generated report (ttf-ruled synth_70): REF and
    // commitment on the left, officer and comments on the right, a channel
    // of white between them down the whole page, and text dense enough on
    // both sides to read as two columns of prose. The row borders drawn
    // across the channel make it a table: each row keeps its officer.
    let doc = extract_pdf("pdf/ttf_ruled_synth_70_p14.pdf");
    assert_eq!(doc["tables"].as_array().unwrap().len(), 1);
    for (reference, officer) in [
        ("7", "Philip Hickling/Richard Robinson"),
        ("8", "Cath Farrow"),
        ("10", "Vanessa Andrews/Tony Nichols"),
    ] {
        let (t, r) = find_row(&doc, reference, "ref");
        assert_eq!(values(t, r)[2], officer);
    }
}

#[test]
fn a_table_whose_sides_start_their_lines_at_two_places_is_no_page_of_two_columns() {
    // Pages 2 and 3 of a generated report (b14-unruled synth_111): REF and
    // commitment left, officer, status and comments right, no rules, and a
    // channel of white between officer and status down both pages. Each
    // side starts its lines at two places well apart (REF and wrapped
    // commitment; status and wrapped comment): a table's columns, not two
    // columns of prose, so each row keeps its status and comment.
    let doc = extract_pdf("pdf/b14_unruled_synth_111_p2-3.pdf");
    assert_eq!(doc["tables"].as_array().unwrap().len(), 1);
    let (t, r) = find_row(&doc, "CPA RES 4", "ref");
    let row = values(t, r);
    assert_eq!(
        row[..4],
        [
            "CPA RES 4",
            "Develop sickness absence to 103 days per full time equivalent employee during 2005/06 Officers continue to work with the district councils and the Primary Care Trust to deliver the joint action plan.",
            "N. Weston",
            "Amber",
        ]
    );
    assert!(row[4].starts_with("This indicator is only measured annually"));
    assert!(row[4].ends_with("• Customer Care Charter to be completed by end of 2005;"));
    let (t, r) = find_row(&doc, "CPA RES 5", "ref");
    assert_eq!(
        values(t, r)[1..4],
        [
            "Deliver 133 Children's Centres by 31st March 2006",
            "Heather Farrow/ Lorna Fenwick",
            "ACHIEVED",
        ]
    );
}
