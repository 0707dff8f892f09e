//! Tables from real government PDFs (three documents of the
//! public ICDAR 2013 table benchmark, as shipped in Tabula's test suite):
//! stacked and centred header labels, an unlabelled stub column, row labels
//! that wrap under their figures, group rows, a status label centred over
//! several rows, and prose, bullets and a chart around the tables that must
//! not become table rows; a table inside one column of a page set in two
//! columns, and a table that only looks like such a page; fully ruled
//! grids (Camelot's test suite) whose stacked header, title row and cells
//! spanning rows the whitespace alone would cut apart. Expectations
//! written from reading the pages.

mod common;

use common::labels;
use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

fn extract(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture pdf");
    pipeline::extract(name, &bytes, &Grammars::builtin())
        .expect("extracts")
        .document()
}

/// Every row of a table as its cell values in column order.
fn grid(table: &Value) -> Vec<Vec<String>> {
    let keys: Vec<&str> = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            keys.iter()
                .map(|k| r["cells"][*k]["value"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn stacked_header_labels_over_an_unlabelled_stub_column() {
    let doc = extract("tabula_eu-002.pdf");
    let t = &doc["tables"][0];
    assert_eq!(
        labels(t),
        [
            "",
            "Preperation and planing",
            "Production of materials",
            "Presentation and evaluation"
        ]
    );
    // The header's two physical lines, 5 and 6, are one header row.
    assert_eq!(t["header_lines"], serde_json::json!([5]));
    let g = grid(t);
    assert_eq!(g.len(), 5);
    assert_eq!(
        g[0],
        row(&[
            "Knowledge and awareness of different cultures",
            "0,2885",
            "0,3974",
            "0,3904"
        ])
    );
    assert_eq!(
        g[4],
        row(&["Self competence", "0,3791", "0,3320", "0,4617"])
    );
    assert_eq!(t["rows"][4]["provenance"]["lines"], serde_json::json!([11]));
    // The label centred over three columns heads them, it is no column.
    assert_eq!(t["section"]["value"], "Involvement of pupils in");
}

#[test]
fn wrapped_row_labels_and_group_rows_in_a_table_of_figures() {
    let doc = extract("tabula_eu-002.pdf");
    let t = &doc["tables"][1];
    assert_eq!(
        &labels(t)[1..],
        [
            "Lack of interest/ acceptance from colleagues",
            "Lack of interest of pupils",
            "Lack of interest of parents"
        ]
    );
    let g = grid(t);
    assert_eq!(g.len(), 15, "five rows under each of three groups");
    // A label wrapped onto a second line under its figures: one row.
    assert_eq!(
        g[5],
        row(&[
            "Knowledge/appreciation of school system and education in the partner countries",
            "-0,1505",
            "-0,1636",
            "-0,1349"
        ])
    );
    assert_eq!(
        t["rows"][5]["provenance"]["lines"],
        serde_json::json!([27, 28])
    );
    assert_eq!(
        t["rows"][5]["group"]["value"],
        "Impacts on participating teachers"
    );
    assert_eq!(
        t["rows"][9]["group"]["value"],
        "Impacts on the school as a whole"
    );
    assert_eq!(
        g[13],
        row(&[
            "Involvement of external actors in the every day school-life",
            "-0,2346",
            "-0,2343",
            "-0,2237"
        ])
    );
    // Figures beside a label never make a group row.
    assert!(t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["group"]["value"] != "Self competence"));
    // `**` (no significant correlation) is a cell, not markdown emphasis.
    assert_eq!(
        g[14],
        row(&["International mobility of pupils", "**", "**", "-0,0583"])
    );
    // The footnotes the stars point to are the notes of the table above
    // them, not headings of the table below: `* Significance p = 0,000`
    // under table 5, both `*` and `**` under table 6.
    let notes = |t: &Value| -> Vec<String> {
        t["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["value"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(notes(&doc["tables"][0]), ["* Significance p = 0,000"]);
    assert_eq!(
        notes(t),
        ["* Significance p = 0,000", "** No significant correlation"]
    );
    assert_eq!(t["headings"][0], "Table 6");
}

#[test]
fn the_labels_and_values_of_a_chart_are_no_table() {
    // Page 2 holds "Chart 4", a bar chart whose labels and values are set
    // as text (`Total   55`, `New EU-25   66`, ...). Under a chart's
    // caption, label-and-figure lines stay text: the document has the two
    // tables of page 1 only.
    let doc = extract("tabula_eu-002.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert!(tables
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .all(|r| !r.to_string().contains("EU-25/EFTA")));
}

#[test]
fn five_stacked_header_lines_and_a_status_centred_over_rows() {
    let doc = extract("tabula_eu-017.pdf");
    let tables = doc["tables"].as_array().unwrap();
    // Bullets and justified prose on page 1 make no table.
    assert_eq!(
        tables.len(),
        2,
        "{:?}",
        tables.iter().map(labels).collect::<Vec<_>>()
    );
    let t = &tables[0];
    assert_eq!(
        labels(t),
        [
            "Country",
            "Valid replies per country",
            "Number of researchers per country (1)",
            "d (2)",
            "Accuracy Level"
        ]
    );
    let g = grid(t);
    assert_eq!(g.len(), 33);
    assert_eq!(g[0], row(&["Latvia", "7", "8.002", "0,37027", ""]));
    assert_eq!(g[2], row(&["Iceland", "18", "5.466", "0,23063", "Low"]));
    assert_eq!(g[32], row(&["Germany", "667", "664.731", "0,03793", ""]));
    // `Medium`, centred beside the rows it rates, stays in the table.
    assert!(g.iter().any(|r| r[4] == "Medium"));
    assert_eq!(t["rows"][0]["provenance"]["pages"], serde_json::json!([2]));
}

#[test]
fn a_second_table_under_a_bulleted_caption() {
    let doc = extract("tabula_eu-017.pdf");
    let t = &doc["tables"][1];
    assert_eq!(
        labels(t),
        [
            "Country",
            "Valid replies per country",
            "Marie Curie replies",
            "Total"
        ]
    );
    let g = grid(t);
    assert_eq!(g.len(), 34);
    assert_eq!(g[0], row(&["Austria", "77", "1", "78"]));
    assert_eq!(g[33], row(&["TOTAL", "6110", "80", "6190"]));
    let bbox = &t["rows"][0]["cells"]["country"]["provenance"]["bbox"][0];
    // `Austria` spans x 156.06..187.26 on page 3 (pdftotext -bbox).
    assert!((bbox[0].as_f64().unwrap() - 156.06).abs() < 1.0, "{bbox}");
    assert!((bbox[2].as_f64().unwrap() - 187.26).abs() < 1.0, "{bbox}");
}

#[test]
fn a_table_of_words_with_cells_centred_beside_wrapped_ones() {
    // us-017 page 2, Table 2.3: `Project`, `Agency` and `Institution` are
    // centred over their columns; where a project wraps over two lines its
    // agency and institution sit half a line lower, between the two.
    let doc = extract("tabula_us-017.pdf");
    let t = &doc["tables"][0];
    assert_eq!(labels(t), ["Project", "Agency", "Institution"]);
    let g = grid(t);
    assert_eq!(g.len(), 9);
    assert_eq!(
        g[0],
        row(&[
            "Nanotechnology and its publics",
            "NSF",
            "Pennsylvania State University"
        ])
    );
    assert_eq!(
        g[1],
        row(&[
            "Public information and deliberation in nanoscience and nanotechnology policy (SGER)",
            "Interagency",
            "North Carolina State University"
        ])
    );
    assert_eq!(
        g[3],
        row(&[
            "From laboratory to society: developing an informed approach to nanoscale science and engineering (NIRT)",
            "NSF",
            "University of South Carolina"
        ])
    );
    assert_eq!(
        g[8],
        row(&[
            "All centers, NNIN and NCN have a societal implications components",
            "NSF, DOE, DOD, and NIH",
            "All nanotechnology centers and networks"
        ])
    );
    assert_eq!(t["rows"][1]["provenance"]["pages"], serde_json::json!([2]));
    // The bulleted list of laws on page 4 (`•`, then `−` items) is no table.
    let tables = doc["tables"].as_array().unwrap();
    assert!(tables
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .all(|r| !r.to_string().contains("Toxic Substances Control Act")));
    // Page 3 is prose: two justified lines that both start with `to` (a
    // short word spaced like the rest, no bullet) make no table.
    assert_eq!(tables.len(), 1);
}

#[test]
fn a_currency_sign_set_apart_from_its_amount_is_part_of_the_figure() {
    // us-007 page 2: `$` stands at the left edge of the amount column,
    // `40.40` right-aligned under the other amounts.
    let doc = extract("camelot_us-007.pdf");
    let t = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| labels(t) == ["Payroll Period", "Add Additional"])
        .expect("the nonresident alien table");
    let g = grid(t);
    assert_eq!(g[0], row(&["Weekly", "$ 40.40"]));
    assert_eq!(g[1], row(&["Biweekly", "80.80"]));
    // The row label's second line, in brackets, stays with it; the
    // paragraph after the table (`Step 2.`, then a sentence running over
    // the amounts) is no row.
    assert_eq!(
        g[7],
        row(&[
            "Daily or Miscellaneous (each day of the payroll period)",
            "8.10"
        ])
    );
    assert_eq!(g.len(), 8);
}

#[test]
fn a_table_inside_one_column_of_a_two_column_page() {
    // us-007 page 1 is set in two columns of running text; the right
    // column holds a two-column table beside the left column's paragraphs
    // ("Social security and Medicare tax for 2011. For 2011," runs on the
    // same baseline as "Weekly  $ 71.15"). Read column by column, the
    // table stands on its own.
    let doc = extract("camelot_us-007.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let t = &tables[0];
    assert_eq!(labels(t), ["Payroll Period", "One Withholding Allowance"]);
    let g = grid(t);
    let want: [[&str; 2]; 8] = [
        ["Weekly", "$ 71.15"],
        ["Biweekly", "142.31"],
        ["Semimonthly", "154.17"],
        ["Monthly", "308.33"],
        ["Quarterly", "925.00"],
        ["Semiannually", "1,850.00"],
        ["Annually", "3,700.00"],
        [
            "Daily or Miscellaneous (each day of the payroll period)",
            "14.23",
        ],
    ];
    assert_eq!(g, want.map(|r| row(&r)).to_vec());
    // Every cell is on page 1 and inside the right column (x from 306 pt).
    for r in t["rows"].as_array().unwrap() {
        for c in r["cells"].as_object().unwrap().values() {
            assert_eq!(c["provenance"]["page"], 1);
            for b in c["provenance"]["bbox"].as_array().unwrap() {
                assert!(b[0].as_f64().unwrap() > 306.0, "{c}");
            }
        }
    }
}

#[test]
fn a_table_of_two_wrapped_text_parts_is_no_two_column_page() {
    // lo-unruled synth_01 page 3: the comments column is wrapped prose,
    // set apart from the other columns by a clear channel on every line,
    // and rows follow each other with no space between. The left part is
    // a table's columns, so the page stays one table.
    let doc = extract("lo_synth_01.pdf");
    let g: Vec<Vec<String>> = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(grid)
        .collect();
    let r = g
        .iter()
        .find(|r| r[0] == "CPA SCH 8")
        .expect("the CPA SCH 8 record");
    assert_eq!(
        r[1..4],
        row(&[
            "Develop the Local Area Agreement targets for stronger communities by December 2005",
            "Head of Policy and Performance",
            "Amber",
        ])
    );
    assert!(
        r[4].starts_with("Population mapping exercise carried out with partners in 2005 to identify eastern European newcomers."),
        "{}",
        r[4]
    );
    assert!(r[4].ends_with("these have been resolved."), "{}", r[4]);
}

#[test]
fn dashes_are_nil_values_and_column_numbers_sit_under_the_header() {
    // Camelot's superscript.pdf (Table 125): a header of stacked labels,
    // then a row of column numbers (`1  2=  3 ... 11`) and formulas
    // (`(3 to 6)+14`), then one row per state, `-` for nil. A row of
    // dashes (`Chhattisgarh  -  -  -`) is a row, not a header or a group
    // label, and the whole page is one table under the stacked header.
    let doc = extract("camelot_superscript.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    let l = labels(t);
    assert_eq!(l[..3], ["States", "Total Internal Debt", "Market Loans"]);
    assert_eq!(l[l.len() - 1], "Loans from NCDC");
    // `NSSF` (all dashes) and `WMA from RBI` are two columns: the footnote
    // under the table (`2 Includes ... “Market Loan Suspense”.`) runs across
    // the gap between them, but it is a note, not a line of the table.
    assert_eq!(l.len(), 11);
    assert_eq!(l[3..5], ["NSSF", "WMA from RBI"]);
    assert_eq!(
        t["notes"][0]["value"],
        "2 Includes `2.45 crore outstanding under “Market Loan Suspense”."
    );
    let g = grid(t);
    let find = |state: &str| {
        g.iter()
            .find(|r| r[0] == state)
            .unwrap_or_else(|| panic!("no row for {state}"))
    };
    assert_eq!(
        find("Andhra Pradesh")[..3],
        row(&["Andhra Pradesh", "48.11", "40.45"])
    );
    assert_eq!(
        find("Andhra Pradesh")[1..],
        row(&["48.11", "40.45", "-", "3.26", "4.4", "2.62", "-", "0.91", "-", "0.25"])
    );
    let chhattisgarh = find("Chhattisgarh");
    assert!(chhattisgarh[1..].iter().all(|c| c == "-"));
    assert_eq!(
        find("ALL STATES")[..3],
        row(&["ALL STATES", "513.38", "436.02"])
    );
    // Every state in page order, with no group rows among them.
    let states: Vec<&str> = g.iter().map(|r| r[0].as_str()).collect();
    let at = |s: &str| states.iter().position(|x| *x == s).unwrap();
    assert!(at("Andhra Pradesh") < at("Chhattisgarh"));
    assert!(at("Chhattisgarh") < at("Goa"));
    assert!(at("West Bengal") < at("NCT Delhi"));
    assert!(!common::any_grouped(t));
}

#[test]
fn two_tables_under_their_captions_with_abbreviated_labels() {
    // Camelot's twotables_2: Table 6 and Table 7, each under a two-line
    // caption (the second line, `ADULT WOMEN`, centred on the whole
    // table), a spanning `Literacy Status` and a three-line header whose
    // labels end in abbreviations (`1-4 std.`).
    let doc = extract("camelot_twotables_2.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let want_labels = [
        "State",
        "n",
        "Illiterate",
        "Read & Write",
        "1-4 std.",
        "5-8 std.",
        "9-12 std.",
        "College",
    ];
    for t in tables {
        assert_eq!(labels(t), want_labels);
        assert_eq!(
            t["rows"].as_array().unwrap().len(),
            11,
            "ten states and Pooled"
        );
    }
    assert_eq!(tables[1]["headings"][1], "ADULT WOMEN");
    let g = grid(&tables[1]);
    assert_eq!(
        g[0],
        row(&["Kerala", "2400", "8.8", "0.3", "20.1", "17.0", "45.6", "8.2"])
    );
    assert_eq!(
        g[10],
        row(&["Pooled", "23889", "47.7", "1.5", "9.9", "19.9", "17.8", "3.3"])
    );
    let g = grid(&tables[0]);
    assert_eq!(
        g[0],
        row(&["Kerala", "2400", "7.2", "0.5", "25.3", "20.1", "41.5", "5.5"])
    );
}

#[test]
fn drawn_column_lines_part_figures_set_close_together() {
    // Tabula's spanning_cells (Table A4-12): ruled columns of years whose
    // figures stand closer than a column gap (`1,505  1,580  1,643`).
    // The drawn vertical lines part them: one figure per year.
    let doc = extract("tabula_spanning_cells.pdf");
    let t = &doc["tables"][0];
    assert_eq!(
        labels(t),
        ["Volume servers in:", "2007", "2008", "2009", "2010", "2011"]
    );
    let g = grid(t);
    assert_eq!(
        g[0],
        row(&[
            "Server closets",
            "1,505",
            "1,580",
            "1,643",
            "1,673",
            "1,689"
        ])
    );
    assert_eq!(
        g[4],
        row(&[
            "Enterprise-class data centers",
            "1,512",
            "1,586",
            "1,646",
            "1,677",
            "1,693"
        ])
    );
    // Every row of every table holds one figure per year column.
    for t in doc["tables"].as_array().unwrap() {
        for r in grid(t).iter().filter(|r| r[0].ends_with("centers")) {
            assert!(r[1..].iter().all(|c| !c.contains(' ')), "{r:?}");
        }
    }
}

#[test]
fn a_title_over_the_header_repeated_is_a_group_label_not_a_new_header() {
    // Table A4-12 prints its header `Volume servers in: | 2007 | ... |
    // 2011` three times, each under a scenario title centred over the year
    // columns (`Best practice scenario`, line 10). The title is no header
    // of a table whose first row is the header: the scenarios are groups
    // of the one table, each under its repeated header.
    let doc = extract("tabula_spanning_cells.pdf");
    let t = &doc["tables"][0];
    assert_eq!(
        labels(t),
        ["Volume servers in:", "2007", "2008", "2009", "2010", "2011"]
    );
    let rows = t["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 15);
    let g = grid(t);
    assert_eq!(
        g[5],
        row(&[
            "Server closets",
            "1,456",
            "1,439",
            "1,386",
            "1,296",
            "1,326"
        ])
    );
    assert_eq!(rows[5]["group"]["value"], "Best practice scenario");
    assert_eq!(rows[5]["provenance"]["lines"], serde_json::json!([12]));
    assert_eq!(
        g[10],
        row(&[
            "Server closets",
            "1,485",
            "1,471",
            "1,424",
            "1,315",
            "1,349"
        ])
    );
    assert_eq!(rows[14]["group"]["value"], "State-of-the-art scenario");
    // No row repeats the header.
    assert!(g.iter().all(|r| r[0] != "Volume servers in:"));
}

#[test]
fn a_table_set_sideways_reads_in_its_own_frame() {
    // Camelot's rotated test pages: the whole table is set a quarter turn
    // clockwise on one page and anticlockwise on the other. Read in the
    // frame where its text runs left to right, each state is one row with
    // its ten figures; boxes stay in page space, tall and narrow.
    for name in [
        "camelot_clockwise_table_1.pdf",
        "camelot_anticlockwise_table_1.pdf",
    ] {
        let doc = extract(name);
        let t = &doc["tables"][0];
        let g = grid(t);
        let joined: Vec<String> = g.iter().map(|r| r.join(" ").trim().to_string()).collect();
        let at = |state: &str| {
            joined
                .iter()
                .position(|r| r.starts_with(state))
                .unwrap_or_else(|| panic!("{name}: no row for {state}: {joined:?}"))
        };
        assert_eq!(
            joined[at("Kerala")],
            "Kerala 5738 6633 8864 8297 245 2161 3195 1645 2391",
            "{name}"
        );
        assert_eq!(
            joined[at("Pooled")],
            "Pooled 38742 53618 60601 86898 4459 21918 27041 14312 18519",
            "{name}"
        );
        assert_eq!(at("Tamil Nadu"), at("Kerala") + 1, "{name}");
        let first = t["columns"][0]["key"].as_str().unwrap();
        let cell = &t["rows"][at("Kerala")]["cells"][first]["provenance"];
        let b: Vec<f64> = cell["bbox"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert!(b[3] - b[1] > 2.0 * (b[2] - b[0]), "{name}: {b:?}");
        assert!(
            b[0] >= 0.0 && b[2] <= 612.0 && b[1] >= 0.0 && b[3] <= 792.0,
            "{name}: {b:?}"
        );
    }
}

#[test]
fn a_stacked_header_over_groups_of_columns_stays_with_its_table() {
    // Statistical Abstract Table 324: `Total  Male  Female` centred over
    // groups of three columns, then `Under 18  18 years`, then `Total
    // years and over`. The rows' figures do not line up under the centred
    // labels, but the three lines are the header of the table below, not
    // a table of their own.
    let doc = extract("camelot_12s0324.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let t = &tables[0];
    let l = labels(t);
    assert_eq!(l.len(), 10);
    assert_eq!(l[0], "Offense charged");
    assert_eq!(l[2], "Total Under 18 years");
    assert_eq!(l[3], "18 years and over");
    assert_eq!(l[5], "Male Under 18 years");
    assert_eq!(l[8], "Female Under 18 years");
    let g = grid(t);
    assert_eq!(
        g[0][1..],
        row(&[
            "11,062.6", "1,540.0", "9,522.6", "8,263.3", "1,071.6", "7,191.7", "2,799.2", "468.3",
            "2,330.9"
        ])[..]
    );
    assert!(g[0][0].starts_with("Total"));
    // `Murder and nonnegligent` wraps above its figures, which sit beside
    // `manslaughter`: one row, not a tail of `Violent crime`.
    assert!(g[1][0].starts_with("Violent crime") && !g[1][0].contains("Murder"));
    assert!(g[2][0].starts_with("Murder and nonnegligent manslaughter"));
    assert_eq!(g[2][1..4], row(&["10.0", "0.9", "9.1"])[..]);
}

#[test]
fn footnotes_under_a_table_are_its_notes_not_rows() {
    // Under the arrests table: a footnote numbered `1` (set as a
    // superscript) under the first column, then a `Source:` sentence that
    // runs across the figure columns. Neither is a row.
    let doc = extract("camelot_12s0324.pdf");
    let t = &doc["tables"][1];
    let g = grid(t);
    let last = g.last().unwrap();
    assert!(last[0].starts_with("Runaways"), "{last:?}");
    assert_eq!(last[1], "73,616");
    let notes: Vec<&str> = t["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["value"].as_str().unwrap())
        .collect();
    assert_eq!(notes[0], "1 Except forcible rape and prostitution.");
    assert!(notes[1].starts_with("Source: U.S. Department of Justice, Federal Bureau of Investigation, “Crime in the United States, Arrests,”"));
}

#[test]
fn a_one_word_label_spanning_two_columns_keeps_them_apart() {
    // Senate expenditures: `OBLIGATION/SERVICE` and `DATES` over `START`
    // and `END`. The one-word label crosses the gap between the two date
    // columns; the labels under it stand each side of the gap.
    let doc = extract("pdfplumber_senate-expenditures.pdf");
    let t = &doc["tables"][0];
    let l = labels(t);
    let start = l
        .iter()
        .position(|x| *x == "OBLIGATION/SERVICE DATES START")
        .unwrap_or_else(|| panic!("{l:?}"));
    assert_eq!(l[start + 1], "END");
    let g = grid(t);
    let r = g
        .iter()
        .find(|r| r[0] == "DHAW20190001")
        .expect("row DHAW20190001");
    assert_eq!(
        r[1..start + 2],
        row(&[
            "05/03/2019",
            "CITIBANK - TRAVEL CBA CARD",
            "03/04/2019",
            "03/06/2019"
        ])[..]
    );
    // The payroll lines above the documents are a row each: a middle
    // initial (`DEREK A`) leaves no sentence open, and an amount does not
    // go on into the amount below it.
    let payees: Vec<&str> = g.iter().map(|r| r[2].as_str()).take(5).collect();
    assert_eq!(
        payees,
        [
            "BAIN, J MATTHEW",
            "SMITH, ALVARO R",
            "ARMER, DEREK A",
            "ENGLERT, PAYTON A",
            "CAMPBELL, CLAYTON D"
        ]
    );
    assert_eq!(g[3][l.len() - 2], "25,499.96");
}

#[test]
fn a_rule_under_the_first_cell_ends_a_row_whose_figures_span_the_next() {
    // Camelot's background_lines_1 (Table 6.1): `Delhi` and `Rajasthan` are
    // ruled off from each other in the state and date columns only; the
    // figures to their right sit in cells spanning both. Two rows, the
    // figures with the first.
    let doc = extract("camelot_background_lines_1.pdf");
    let t = &doc["tables"][0];
    let g = grid(t);
    assert_eq!(
        g[0],
        row(&[
            "Delhi",
            "1.12.2009",
            "8",
            "17",
            "1.29",
            "3,665",
            "2,409",
            "1,000"
        ])
    );
    assert_eq!(
        g[1],
        row(&[
            "Rajasthan",
            "2.12.2009 to 19.12.2009",
            "",
            "",
            "",
            "",
            "",
            ""
        ])
    );
    assert!(g[2][0] == "Gujarat" && g[2][1] == "20.12.2009 to 3.1.2010");
}

#[test]
fn japanese_accounts_negative_triangles_are_figures() {
    // Tabula's twotables: a statement of changes in equity, negative
    // amounts marked `△` (`剰余金の配当 | △525 | △525`). Such a row is a row
    // of figures, not the header of a new table, and `85 | 85` (the values
    // of a label wrapped over two lines) is no stray page number.
    let doc = extract("tabula_twotables.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    let t = &tables[0];
    assert_eq!(
        labels(t)[1..],
        [
            "資本金",
            "資本剰余金",
            "利益剰余金",
            "自己株式",
            "株主資本合計"
        ]
    );
    let g = grid(t);
    let find = |label: &str| {
        g.iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("{label}"))
    };
    assert_eq!(
        find("剰余金の配当")[1..],
        row(&["", "", "△525", "", "△525"])[..]
    );
    assert_eq!(
        find("持分法の適用範囲")[1..],
        row(&["", "", "85", "", "85"])[..]
    );
    assert_eq!(
        find("当期末残高")[1..],
        row(&["5,664", "749", "12,846", "△747", "18,512"])[..]
    );
}

#[test]
fn a_title_block_printed_again_at_a_page_top_is_no_row() {
    // Camelot's m27: every page opens with the same title block set out in
    // columns (`FEBRUARY 2014 M27 (BUS)  ALPHABETIC LISTING BY TYPE
    // ABLPDM27`, ...), then the table's header. On page 2 it is the page's
    // running head, not text of the last record of page 1.
    let doc = extract("camelot_m27.pdf");
    let t = &doc["tables"][0];
    let l = labels(t);
    let name = l.iter().position(|x| *x == "LICENSEE NAME").unwrap();
    let g = grid(t);
    let r = g
        .iter()
        .find(|r| r[0].starts_with("543149"))
        .expect("the last record of page 1");
    assert_eq!(r[name], "DEEP FORK HOLDINGS LLC");
    assert!(g
        .iter()
        .flatten()
        .all(|c| !c.contains("ALPHABETIC LISTING")));
}

#[test]
fn labels_over_each_cell_of_the_first_row_are_the_header() {
    // Tabula's campaign_donors: `Apellido  Nombre  Matricula  Cuit  Fecha
    // Tipo  Importe`, the first label at the table's left edge like the
    // surnames below it, the others centred over their values. That line
    // is the header, not a title.
    let doc = extract("tabula_campaign_donors.pdf");
    let t = &doc["tables"][0];
    let l = labels(t);
    assert_eq!(
        l[l.len() - 5..],
        ["Matricula", "Cuit", "Fecha", "Tipo", "Importe"]
    );
    assert!(l[0].starts_with("Apellido"), "{l:?}");
    let g = grid(t);
    assert_eq!(
        g[0][l.len() - 5..],
        row(&[
            "27.083.460",
            "20-27083460-5",
            "09/10/2013",
            "EFECTIVO",
            "$ 10.000,00"
        ])[..]
    );
}

#[test]
fn a_ruled_grid_keeps_its_stacked_header_and_drops_its_title_row() {
    // The frame holds a title row (`Table: 5  Public Health Outlay ...`),
    // then `Revenue` and `Capital` each over `Medical & Public Health` and
    // `Family Welfare`, then the rows. Whitespace alone cut this into three
    // pieces; the crossing rules keep one table, the title its heading.
    let doc = extract("camelot_health.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(
        t["headings"][0],
        "Table: 5 Public Health Outlay 2012-13 (Budget Estimates) (Rs. in 000)"
    );
    assert_eq!(
        labels(t),
        [
            "States-A",
            "Revenue Medical & Public Health",
            "Family Welfare",
            "Capital Medical & Public Health",
            "Family Welfare",
            "Total Revenue & Capital",
            "(1) Others",
            "Total"
        ]
    );
    let g = grid(t);
    assert_eq!(
        g[0],
        row(&[
            "Andhra Pradesh",
            "47,824,589",
            "9,967,837",
            "1,275,000",
            "15,000",
            "59,082,426",
            "14,898,243",
            "73,980,669"
        ])
    );
    assert_eq!(
        g.last().unwrap(),
        &row(&[
            "Punjab",
            "19,775,485",
            "2,208,343",
            "2,470,882",
            "0",
            "24,454,710",
            "1,436,522",
            "25,891,232"
        ])
    );
    assert_eq!(g.len(), 23);
}

#[test]
fn a_ruled_grid_with_cells_spanning_rows_is_one_table_under_its_header() {
    // `Plan Type | County | Plan Name | Totals` heads a grid whose first
    // cells span rows (`GMC`, `Sacramento`), so most rows start in the
    // third column. The header row lines up with nothing below it; the
    // frame makes it the header all the same, and the rows one table.
    let doc = extract("camelot_row_span_1.pdf");
    let tables = doc["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    let labels = labels(t);
    assert_eq!(
        labels
            .iter()
            .filter(|l| !l.is_empty())
            .copied()
            .collect::<Vec<_>>(),
        ["Plan Type", "County", "Plan Name", "Totals"]
    );
    let keyed: Vec<Vec<String>> = grid(t)
        .into_iter()
        .map(|r| r.into_iter().filter(|c| !c.is_empty()).collect())
        .collect();
    assert!(keyed.contains(&row(&[
        "Humboldt",
        "Partnership Health Plan of CA",
        "49,911"
    ])));
    assert!(keyed.contains(&row(&["Kaiser Foundation", "74,620"])));
    assert!(keyed.contains(&row(&["Orange", "CalOptima", "783,079"])));
    assert!(keyed.contains(&row(&["All Models Total Enrollments", "10,132,875"])));
}

#[test]
fn a_gap_inside_a_ruled_cell_parts_no_columns() {
    // The Zip label sits at the left of its ruled cell, the codes at the
    // right: a gap between them that no line crosses with text on both
    // sides. It is no column boundary, so the codes stand under `Zip`.
    let doc = extract("tabula_schools.pdf");
    let t = &doc["tables"][0];
    assert_eq!(
        labels(t),
        [
            "Last Name",
            "First Name",
            "Address",
            "City",
            "State",
            "Zip",
            "Occupation",
            "Employer",
            "Date",
            "Amount"
        ]
    );
    assert_eq!(
        grid(t)[0],
        row(&[
            "Lidstad",
            "Dick & Peg",
            "62 Mississippi River Blvd N",
            "Saint Paul",
            "MN",
            "55104",
            "retired",
            "",
            "10/12/2012",
            "60.00"
        ])
    );
}

#[test]
fn a_stub_label_on_the_header_line_is_the_first_group_label() {
    // Table 6 prints `Impacts on participating pupils` in the stub column
    // of its header's last line (beside `colleagues`); the next groups,
    // `Impacts on participating teachers` and `Impacts on the school as a
    // whole`, stand alone over their rows. The stub label is the first
    // group, and the stub column has no label.
    let doc = extract("tabula_eu-002.pdf");
    let t = &doc["tables"][1];
    assert_eq!(
        labels(t),
        [
            "",
            "Lack of interest/ acceptance from colleagues",
            "Lack of interest of pupils",
            "Lack of interest of parents"
        ]
    );
    let rows = t["rows"].as_array().unwrap();
    let group = |i: usize| rows[i]["group"]["value"].as_str().unwrap_or("");
    assert_eq!(group(0), "Impacts on participating pupils");
    assert_eq!(group(4), "Impacts on participating pupils");
    assert_eq!(group(5), "Impacts on participating teachers");
    assert_eq!(
        grid(t)[0][0],
        "Knowledge and awareness of different cultures"
    );
    assert_eq!(rows[0]["group"]["raw"], "Impacts on participating pupils");
}

#[test]
fn codes_under_codes_are_rows_not_wrapped_cells() {
    // `C1 D1 ... F1`, then `C2 D2 F2` under the long columns only: a code
    // under a code is the next row's, however short both are.
    let doc = extract("camelot_stream_inner_outer_columns.pdf");
    let t = &doc["tables"][0];
    assert_eq!(
        labels(t),
        ["Outer 1", "Outer 2", "Long 1", "Long 2", "Inner", "Long 3"]
    );
    assert_eq!(
        grid(t),
        vec![
            row(&["A1", "B1", "C1", "D1", "E1", "F1"]),
            row(&["", "", "C2", "D2", "", "F2"]),
            row(&["", "", "C3", "D3", "", "F3"]),
            row(&["", "", "C4", "D4", "", "F4"]),
        ]
    );
}
