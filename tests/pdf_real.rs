//! Real PDFs (a few small ones copied from shared/pdf and shared/pdf-peers
//! into tests/fixtures/pdf): words and boxes pinned against
//! `pdftotext -bbox` (poppler), and robustness against damage.

use reportmine::pdf::{self, Page, PdfError};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf/");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).expect("fixture")
}

/// Words of page 1 as `pdftotext -bbox` reports them: text, xMin, xMax,
/// yMin (from the top of the upright page).
type Words = &'static [(&'static str, f64, f64, f64)];

const PINNED: &[(&str, Words)] = &[
    (
        "b14_synth_01.pdf",
        &[
            ("Appendix", 40.000, 73.524, 24.195),
            ("1", 75.649, 79.899, 24.195),
            ("–", 80.480, 85.230, 91.612),
            ("–", 91.556, 96.306, 105.386),
            ("period", 726.265, 749.260, 284.718),
            ("continue", 502.534, 533.530, 360.318),
            ("also", 768.466, 782.965, 418.718),
            ("deregistered.", 616.753, 662.986, 503.118),
        ],
    ),
    (
        "ttf_synth_06.pdf",
        &[
            ("Appendix", 40.000, 72.956, 23.504),
            ("1", 75.182, 79.634, 23.504),
            ("–", 86.144, 90.144, 99.726),
            ("–", 88.296, 92.296, 111.326),
            ("progress", 240.300, 273.007, 298.140),
            ("•", 600.920, 605.345, 352.140),
            ("more", 692.938, 712.528, 410.540),
            ("1", 428.468, 432.920, 566.784),
        ],
    ),
    (
        "lo_synth_01.pdf",
        &[
            ("Appendix", 39.800, 75.237, 22.626),
            ("1", 77.574, 82.300, 22.626),
            ("–", 72.799, 77.803, 77.151),
            ("–", 82.789, 87.793, 87.451),
            ("agreed", 720.518, 748.535, 279.951),
            ("the", 771.791, 784.382, 352.451),
            ("Achieve", 105.300, 137.304, 432.851),
            ("deregistered.", 708.089, 760.685, 488.651),
        ],
    ),
    (
        "tabula_eu-002.pdf",
        &[
            ("Table", 70.920, 99.652, 73.296),
            ("5", 102.728, 108.833, 73.296),
            ("pupils,", 483.571, 519.019, 292.296),
            ("competence", 143.472, 192.470, 393.858),
            ("skills", 97.924, 117.368, 523.637),
            ("8", 518.280, 524.385, 795.636),
        ],
    ),
    (
        "pdfplumber_issue-140.pdf",
        &[
            ("Line", 28.250, 43.670, 38.255),
            ("no", 45.755, 54.920, 38.255),
            ("419.68", 638.945, 661.880, 70.125),
            ("DARK", 292.798, 313.632, 102.005),
            ("amount", 385.387, 412.470, 148.835),
            ("Comments", 715.970, 754.722, 274.375),
        ],
    ),
    (
        "camelot_clockwise_table_1.pdf",
        &[
            ("Table", 542.701, 552.886, 176.838),
            ("1", 542.701, 552.886, 208.623),
            ("2139", 261.175, 271.349, 514.387),
            ("1628", 409.200, 419.374, 629.247),
            ("581", 261.175, 271.349, 432.639),
            ("NNMB", 36.083, 45.339, 74.876),
        ],
    ),
];

/// The union boxes of runs of consecutive glyphs spelling `word` that
/// start at `x0` and end at `x1`.
fn find_word(page: &Page, word: &str, x0: f64, x1: f64) -> Vec<[f32; 4]> {
    let near = |a: f32, b: f64| (f64::from(a) - b).abs() < 0.01;
    (0..page.glyphs.len())
        .filter_map(|start| {
            let mut text = String::new();
            let mut bbox = page.glyphs[start].bbox;
            for g in &page.glyphs[start..] {
                text.push_str(&g.text);
                bbox = [
                    bbox[0].min(g.bbox[0]),
                    bbox[1].min(g.bbox[1]),
                    bbox[2].max(g.bbox[2]),
                    bbox[3].max(g.bbox[3]),
                ];
                if text.len() >= word.len() {
                    break;
                }
            }
            (text == word && near(bbox[0], x0) && near(bbox[2], x1)).then_some(bbox)
        })
        .collect()
}

#[test]
fn words_and_boxes_match_pdftotext() {
    for (name, words) in PINNED {
        let doc = pdf::load(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let page = &doc.pages[0];
        assert_eq!(page.unmapped, 0, "{name}");
        for &(word, x0, x1, top) in *words {
            let found = find_word(page, word, x0, x1);
            assert!(
                !found.is_empty(),
                "{name}: {word:?} not found at x {x0}..{x1}"
            );
            // Vertical extents follow the font's ascent, which poppler takes
            // from its own metrics for non-embedded fonts: pin them only
            // where both read the same numbers.
            if !name.starts_with("tabula") {
                let tops: Vec<f64> = found
                    .iter()
                    .map(|b| f64::from(page.height - b[3]))
                    .collect();
                assert!(
                    tops.iter().any(|t| (t - top).abs() < 0.01),
                    "{name}: {word:?} tops {tops:?} vs {top}"
                );
            }
        }
    }
}

#[test]
fn rotated_pages_have_upright_sizes() {
    let doc = pdf::load(&read("pdfplumber_issue-140.pdf")).expect("load");
    assert_eq!((doc.pages[0].width, doc.pages[0].height), (842.0, 595.0));
    let doc = pdf::load(&read("camelot_clockwise_table_1.pdf")).expect("load");
    assert_eq!((doc.pages[0].width, doc.pages[0].height), (612.0, 792.0));
}

#[test]
fn password_protected_peer_is_a_clear_error() {
    let err = pdf::load(&read("camelot_health_protected.pdf")).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted(_)), "{err:?}");
}

/// Truncated and corrupted copies of every fixture load or fail with an
/// error: never a panic, never a hang.
#[test]
fn damaged_files_never_panic() {
    let mut names: Vec<_> = std::fs::read_dir(DIR)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    for name in names {
        let bytes = read(&name);
        for cut in [
            16,
            bytes.len() / 7,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 200,
            bytes.len() - 1,
        ] {
            let _ = pdf::load(&bytes[..cut]);
        }
        for step in [97usize, 1013, 4099] {
            let mut broken = bytes.clone();
            for i in (step..broken.len()).step_by(step) {
                broken[i] ^= 0x5A;
            }
            let _ = pdf::load(&broken);
        }
    }
}
