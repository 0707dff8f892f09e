//! `reportmine trend` on the corpus: reports 000 (Q1 2008/09) and 001 (Year
//! End 2007/08) of the same council share commitments, some renumbered.
//! The links below were checked by hand against both texts (see the
//! comments); the test pins all of them and that no other link is made.
//! Then the written files: every status traced to its source line, and the
//! page drawn in headless Chromium.

mod common;

use reportmine::export::document::Document;
use reportmine::export::trend::{build, prepare, Thresholds, Trend};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const Q1_0809: &str = "000_4cc3560e523e0198.txt";
const YE_0708: &str = "001_fa4846f32689ed19.txt";

/// Every link between 001 (earlier) and 000 (later), checked by hand:
/// (001 first line, 001 status, 000 first line, 000 status). A status of
/// "" is a status cell left blank in the report.
const LINKS: &[(u32, &str, u32, &str)] = &[
    // MTCS/CYP: renumbered between the reports (1 stays, the rest shift).
    (56, "green", 22, ""), // Mechanisms to promote the views of children and young people
    (57, "green", 23, ""), // 24 Children's Centres (sub-row in 001, 2. MTCS/CYP in 000)
    (58, "green", 24, "achieved"), // Children's Trust arrangements (2. -> 3. MTCS/CYP)
    (59, "red", 25, ""),   // Reverse the net loss of foster placements (3. -> 4.)
    (126, "amber", 56, "green"), // Strategy with Primary Care Trusts (000 adds "(PCTs)")
    // MTCS/CS: 6, 7, 8 in 001 are 1, 2, 3 in 000.
    (155, "green", 121, ""),         // Comply with 8 public library standards
    (156, "green", 122, "achieved"), // 20 new or substantially improved libraries
    (157, "green", 123, "achieved"), // Increased library opening hours
    (158, "green", 124, "achieved"), // New fashion and interactive gallery for Snibston
    (159, "green", 125, ""),         // Revitalise Bosworth Battlefield
    (160, "green", 126, ""),         // Next phase of the Ashby Canal
    (161, "green", 128, "green"),    // Meet the 7 key outcomes
    (162, "amber", 129, ""),         // Deliver the environment strategy (000 status "i")
    // MTCS/RES: stable references.
    (201, "amber", 187, ""),      // Investor in People status
    (202, "amber", 188, "amber"), // 10% reduction in sickness absence
    (203, "green", 189, ""),      // 7.5% efficiency gain (REF lost in 000)
    (204, "amber", 190, "amber"), // 3. MTCS/RES equalities: 000 keeps only "commitment to" (REF link)
    (205, "green", 191, "amber"), // A new CSC in place
    (206, "amber", 192, "amber"), // 80% users satisfied (000 "Δmher")
    (207, "green", 194, "amber"), // 25% increase in hours
    (208, "red", 195, "amber"),   // Top quartile public satisfaction
    // MTCS/HTW.
    (280, "green", 95, "green"),  // 22% fewer killed or seriously injured
    (281, "green", 96, "green"),  // 70% of schools with a travel plan
    (282, "green", 97, "green"),  // Enderby park and ride
    (283, "green", 98, "green"),  // Less than 12% of roads with defects
    (284, "green", 99, ""),       // Replace 1500 street lights
    (285, "amber", 100, "amber"), // Highways customer satisfaction
    (296, "green", 105, ""),      // Meet national government waste targets
    (297, "amber", 106, "achieved"), // Major improvements to 3 sites
    // MTCS/CEX.
    (393, "amber", 276, "amber"), // Set and meet equality targets
];

fn corpus_trend() -> Trend {
    let prepared = [Q1_0809, YE_0708]
        .iter()
        .map(|name| {
            let doc: Document =
                serde_json::from_value(common::doc(name)).expect("a valid document");
            prepare(&format!("{name}.json"), &doc).expect("has a period and statuses")
        })
        .collect();
    build(prepared, Vec::new(), Thresholds::default())
}

#[test]
fn links_between_000_and_001_are_exactly_the_hand_checked_ones() {
    let t = corpus_trend();
    assert_eq!(
        t.columns[0].document,
        format!("{YE_0708}.json"),
        "Year End 2007/08 comes first"
    );
    assert_eq!(t.columns[1].document, format!("{Q1_0809}.json"));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    let mut got: Vec<(u32, &str, u32, &str)> = t
        .commitments
        .iter()
        .filter(|k| k.observations.len() > 1)
        .map(|k| {
            let (a, b) = (&k.observations[0], &k.observations[1]);
            (
                a.lines[0],
                a.status.as_deref().unwrap_or(""),
                b.lines[0],
                b.status.as_deref().unwrap_or(""),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, LINKS, "links (001 line, status, 000 line, status)");
    for k in t.commitments.iter().filter(|k| k.observations.len() > 1) {
        let uncertain = k.observations[0].lines[0] == 204;
        assert_eq!(
            k.certainty,
            Some(if uncertain { "uncertain" } else { "certain" }),
            "{}",
            k.text
        );
    }
}

#[test]
fn renumbered_references_are_not_linked_by_number() {
    let t = corpus_trend();
    // 2. MTCS/CYP is the Children's Trust in 001 but the Children's
    // Centres in 000: the same number, different commitments.
    for k in &t.commitments {
        let refs: Vec<_> = k
            .observations
            .iter()
            .map(|o| o.reference.as_deref())
            .collect();
        assert_ne!(refs, [Some("MTCS/CYP/2"), Some("MTCS/CYP/2")]);
    }
    let worse: Vec<(&str, &str)> = t
        .commitments
        .iter()
        .flat_map(|k| k.worsened.iter().map(|c| (c.from.as_str(), c.to.as_str())))
        .collect();
    assert_eq!(
        worse,
        [("green", "amber"), ("green", "amber")],
        "CSC and contact hours"
    );
}

/// Runs `trend` on the extracted samples; returns (out dir, trend dir).
fn trend_files() -> (tempfile::TempDir, tempfile::TempDir) {
    let out = common::extracted_samples();
    let dir = tempfile::tempdir().unwrap();
    let o = common::reportmine(&[
        "trend".as_ref(),
        out.path().as_os_str(),
        "-o".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    for (doc, why) in [
        // 002 and 003 have an inferred period but no status column.
        (
            "002_390c50dde7388593.txt.json",
            "no table has a status column",
        ),
        (
            "003_3c9130cd30dee939.txt.json",
            "no table has a status column",
        ),
        (
            "004_feb536bc39f63b84.txt.json",
            "no table has a status column",
        ),
    ] {
        assert!(err.contains(&format!("warning: {doc}: {why}")), "{err}");
    }
    (out, dir)
}

#[test]
fn every_status_in_trend_csv_is_traced_to_its_source_line() {
    let (_out, dir) = trend_files();
    let mut r = csv::Reader::from_path(dir.path().join("trend.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let columns: Vec<&str> = header
        .iter()
        .filter_map(|h| h.strip_suffix(" status"))
        .collect();
    assert_eq!(columns, ["2007-04-01/2008-03-31", "2008-04-01/2008-06-30"]);
    let at = |row: &csv::StringRecord, name: String| {
        row[header.iter().position(|h| *h == name).unwrap()].to_string()
    };
    let mut traced = 0;
    for row in r.records() {
        let row = row.unwrap();
        for c in &columns {
            let status = at(&row, format!("{c} status"));
            let written = at(&row, format!("{c} status_text"));
            if status.is_empty() && written.is_empty() {
                continue;
            }
            let document = at(&row, format!("{c} document"));
            let line: usize = at(&row, format!("{c} line")).parse().unwrap();
            let page: u32 = at(&row, format!("{c} page")).parse().unwrap();
            let source = document.trim_end_matches(".json");
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("samples")
                    .join(source),
            )
            .unwrap();
            let source_line = text.lines().nth(line - 1).unwrap();
            let first_word = written.split_whitespace().next().unwrap();
            assert!(
                source_line.contains(first_word),
                "{document} line {line} holds {written:?}: {source_line:?}"
            );
            if !status.is_empty() {
                assert!(
                    source_line.to_lowercase().contains(&status) || written.contains("Δmher"),
                    "{document} line {line} states {status}: {source_line:?}"
                );
            }
            assert!(page >= 1);
            traced += 1;
        }
    }
    assert!(traced > 200, "{traced} statuses traced");
}

#[test]
fn page_opens_in_headless_chromium_with_the_grid_drawn() {
    let Some(chromium) = common::external_tool("chromium", "trend.html in chromium") else {
        return;
    };
    let (_out, dir) = trend_files();
    let html = dir.path().join("trend.html");
    let trend: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("trend.json")).unwrap()).unwrap();
    let commitments = trend["commitments"].as_array().unwrap();
    let periods = trend["columns"].as_array().unwrap().len();
    let linked = commitments
        .iter()
        .filter(|k| k["observations"].as_array().unwrap().len() > 1)
        .count();
    assert_eq!(linked, LINKS.len());

    let profile = tempfile::tempdir().unwrap();
    // Output goes to files, not pipes: a page's DOM is larger than a pipe
    // holds, and chromium would wait for a reader while we wait for it.
    let run = |extra: &[String], fragment: &str| -> (String, String) {
        let (out_path, err_path) = (profile.path().join("stdout"), profile.path().join("stderr"));
        let mut child = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1400,1000",
            ])
            .arg(format!(
                "--user-data-dir={}",
                profile.path().join("profile").display()
            ))
            .args(extra)
            .arg(format!("file://{}{fragment}", html.display()))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .expect("chromium starts");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish in 120 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
        let (stdout, stderr) = (read(&out_path), read(&err_path));
        assert!(status.success(), "chromium: {stderr}");
        (stdout, stderr)
    };
    let console_errors = |log: &str| -> Vec<String> {
        log.lines()
            .filter(|l| {
                l.contains("CONSOLE")
                    || l.contains("Uncaught")
                    || l.contains("Content Security Policy")
            })
            .map(String::from)
            .collect()
    };

    let (dom, log) = run(&["--dump-dom".to_string()], "");
    assert!(
        console_errors(&log).is_empty(),
        "console: {:?}",
        console_errors(&log)
    );
    let body = &dom[dom.find("<body").expect("a body")..];
    let body_tag = &body[..body.find('>').unwrap()];
    assert!(
        body_tag.contains("data-ready=\"1\""),
        "the page's script ran: {body_tag}"
    );
    assert!(
        !body_tag.contains("data-js-error"),
        "no script error: {body_tag}"
    );
    assert_eq!(
        dom.matches("<td class=\"cell ").count(),
        commitments.len() * periods,
        "one cell per commitment and period"
    );
    assert_eq!(
        dom.matches("data-linked=\"1\"").count(),
        linked,
        "one row per linked commitment"
    );
    assert!(dom.contains(&format!(
        "{} of {} commitments shown",
        commitments.len(),
        commitments.len()
    )));

    // The filters work: linked commitments of one service, set from the
    // address as a user's link would.
    let cyp_linked = commitments
        .iter()
        .filter(|k| k["service"] == "CYP" && k["observations"].as_array().unwrap().len() > 1)
        .count();
    assert_eq!(cyp_linked, 4);
    let (dom, log) = run(&["--dump-dom".to_string()], "#service=CYP&linked=1");
    assert!(
        console_errors(&log).is_empty(),
        "console: {:?}",
        console_errors(&log)
    );
    assert!(
        dom.contains(&format!(
            "{cyp_linked} of {} commitments shown",
            commitments.len()
        )),
        "filtered view"
    );
    assert_eq!(
        dom.matches("class=\"hidden\"").count(),
        commitments.len() - cyp_linked
    );

    let png = dir.path().join("trend.png");
    let (_, log) = run(&[format!("--screenshot={}", png.display())], "");
    assert!(
        console_errors(&log).is_empty(),
        "console: {:?}",
        console_errors(&log)
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 20_000,
        "a drawn page, {} bytes",
        bytes.len()
    );
}

#[test]
fn a_directory_of_reports_without_periods_is_a_clear_error() {
    let out = common::extracted_samples();
    for f in [
        "000_4cc3560e523e0198.txt.json",
        "001_fa4846f32689ed19.txt.json",
        "004_feb536bc39f63b84.txt.json",
    ] {
        std::fs::remove_file(out.path().join(f)).unwrap();
    }
    // 002 and 003 have inferred periods; make 002 a report whose period is
    // unknown.
    let path = out.path().join("002_390c50dde7388593.txt.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    doc["report"]["period"] = serde_json::Value::Null;
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let o = common::reportmine(&[
        "trend".as_ref(),
        out.path().as_os_str(),
        "-o".as_ref(),
        out.path().join("t").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no report can go in the trend"), "{err}");
    assert!(
        err.contains("002_390c50dde7388593.txt.json: reporting period unknown"),
        "{err}"
    );
    assert!(!out.path().join("t").exists(), "nothing written");
}
