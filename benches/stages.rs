//! `cargo bench`: micro-benchmarks of the pipeline stages over the bundled
//! samples, one line per stage with its median time and throughput.
//!
//! Stages, in pipeline order: decoding the bytes, the layout (TAB text,
//! fixed-width text, PDF glyphs), cleaning (markup, vocabulary, split
//! words), the grammar (choosing one and assembling the rows) and writing
//! the document (pretty and compact). Each stage runs on the output of the
//! one before, prepared outside the timed loop.
//!
//! `cargo bench -- STAGE` runs the stages whose name contains STAGE.
//! Timings are wall time on a shared machine: compare runs made minutes
//! apart on the same machine, not across machines.

use reportmine::grammar::{self, Cleaned};
use reportmine::layout::{self, Layout};
use reportmine::output::JsonStyle;
use reportmine::pipeline::{self, Grammars};
use reportmine::{pdf, source};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The allocator of the `reportmine` binary, so that the figures are the
/// binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each stage is timed for about this long (after one warm-up pass).
const BUDGET: Duration = Duration::from_millis(1500);

/// The bundled reports of one kind: (name, bytes).
fn inputs(dir: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect()
}

/// Runs `pass` (one pass over every input) until the budget is spent and
/// prints the median pass time and the throughput over `bytes`.
fn bench(filter: &Option<String>, name: &str, bytes: usize, mut pass: impl FnMut()) {
    if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
        return;
    }
    pass();
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < BUDGET || times.len() < 5 {
        let t = Instant::now();
        pass();
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let mb_s = bytes as f64 / 1e6 / median.as_secs_f64();
    println!(
        "{name:<24} {:>9.3} ms/pass {:>8.1} MB/s  ({} passes)",
        median.as_secs_f64() * 1e3,
        mb_s,
        times.len()
    );
}

/// The decoded text of each input, for the stages after decoding.
fn decode_all(inputs: &[(String, Vec<u8>)]) -> Vec<String> {
    inputs
        .iter()
        .map(|(n, b)| {
            source::decode(b)
                .unwrap_or_else(|e| panic!("{n}: {e}"))
                .text
        })
        .collect()
}

fn total(inputs: &[(String, Vec<u8>)]) -> usize {
    inputs.iter().map(|(_, b)| b.len()).sum()
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is a stage filter.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let grammars = Grammars::builtin();
    let text = inputs("samples", "txt");
    let fixed = inputs("samples/fixed-width", "txt");
    let pdfs = inputs("samples/pdf", "pdf");
    let (text_bytes, fixed_bytes, pdf_bytes) = (total(&text), total(&fixed), total(&pdfs));

    let decoded = decode_all(&text);
    let fixed_decoded = decode_all(&fixed);
    let docs: Vec<pdf::PdfDocument> = pdfs
        .iter()
        .map(|(n, b)| pdf::load(b).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    let layouts: Vec<Layout> = decoded
        .iter()
        .map(|t| layout::from_tabbed_text(t.clone()))
        .collect();

    bench(&filter, "decode", text_bytes, || {
        for (_, b) in &text {
            black_box(source::decode(black_box(b)).ok());
        }
    });
    bench(&filter, "layout/tabs", text_bytes, || {
        for t in &decoded {
            black_box(layout::from_tabbed_text(t.clone()));
        }
    });
    bench(&filter, "layout/fixed-width", fixed_bytes, || {
        for t in &fixed_decoded {
            black_box(layout::from_fixed_width(t.clone()));
        }
    });
    bench(&filter, "pdf/read", pdf_bytes, || {
        for (_, b) in &pdfs {
            black_box(pdf::load(black_box(b)).ok());
        }
    });
    bench(&filter, "layout/pdf", pdf_bytes, || {
        for d in &docs {
            black_box(layout::from_pdf(d));
        }
    });
    bench(&filter, "clean", text_bytes, || {
        for l in &layouts {
            black_box(Cleaned::new(l));
        }
    });
    let cleaned: Vec<Cleaned> = layouts.iter().map(Cleaned::new).collect();
    bench(&filter, "grammar", text_bytes, || {
        for c in &cleaned {
            let g = grammars.choose(c);
            black_box(grammar::extract(c, g));
        }
    });
    let reports: Vec<pipeline::Report> = text
        .iter()
        .map(|(n, b)| pipeline::extract(n, b, &grammars).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    for (name, style) in [
        ("write/pretty", JsonStyle::Pretty),
        ("write/compact", JsonStyle::Compact),
    ] {
        bench(&filter, name, text_bytes, || {
            for r in &reports {
                black_box(r.to_json(style));
            }
        });
    }
    bench(&filter, "end-to-end/text", text_bytes, || {
        for (n, b) in &text {
            let r = pipeline::extract(n, b, &grammars).expect("extracts");
            black_box(r.to_json(JsonStyle::Pretty));
        }
    });
}
