//! Tooling around the PDF glyph stage (not part of the library):
//!
//! - `bench FILE...`: pages per second of `reportmine::pdf::load` (release
//!   build; run by `bench/pdf_glyphs.sh` against `pdftotext`);
//! - `dump FILE PAGE`: `reportmine::pdf::dump_page`;
//! - `text FILE`: the glyph texts of each page on one line;
//! - `glyphs FILE PAGE`: every glyph of a page, one per line;
//! - `check FILE...`: load each file, print pages/glyphs/warnings or the error;
//! - `score DIR...`: for rendered reports with `*.truth.json`, the fraction
//!   of truth cells whose words are found, in order, in the extracted text.

use reportmine::pdf::{self, Glyph, PdfDocument};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => bench(&args[1..]),
        Some("dump") if args.len() == 3 => {
            let doc = load(&args[1]).unwrap_or_else(|e| fail(&e));
            print!("{}", pdf::dump_page(&doc, args[2].parse().unwrap_or(1)));
        }
        Some("glyphs") if args.len() == 3 => {
            let doc = load(&args[1]).unwrap_or_else(|e| fail(&e));
            let number: u32 = args[2].parse().unwrap_or(1);
            for g in doc
                .pages
                .iter()
                .filter(|p| p.number == number)
                .flat_map(|p| &p.glyphs)
            {
                println!(
                    "{:?} x={:.3} y={:.3} adv={:.3} size={:.3} bbox={:.3?} {}",
                    g.text, g.x, g.y, g.advance, g.size, g.bbox, g.font
                );
            }
        }
        Some("check") => {
            for f in &args[1..] {
                match load(f) {
                    Ok(doc) => {
                        let glyphs: usize = doc.pages.iter().map(|p| p.glyphs.len()).sum();
                        let segs: usize = doc.pages.iter().map(|p| p.segments.len()).sum();
                        println!(
                            "ok   {f}: {} pages, {glyphs} glyphs, {segs} segments",
                            doc.pages.len()
                        );
                        for w in doc.warnings.iter().take(5) {
                            println!("     warning: {w}");
                        }
                    }
                    Err(e) => println!("ERR  {f}: {e}"),
                }
            }
        }
        Some("score") => score(&args[1..]),
        Some("text") if args.len() == 2 => {
            // Glyph texts per page, one page per line, for comparing with
            // other extractors.
            let doc = load(&args[1]).unwrap_or_else(|e| fail(&e));
            for page in &doc.pages {
                let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
                println!("{}", text.replace(['\n', '\r'], " "));
            }
        }
        _ => {
            fail("usage: pdf_glyphs bench FILE... | dump FILE PAGE | check FILE... | score DIR...")
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(2)
}

fn load(path: &str) -> Result<PdfDocument, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    pdf::load(&bytes).map_err(|e| e.to_string())
}

fn bench(files: &[String]) {
    let inputs: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let rounds = 5;
    let mut pages = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for bytes in &inputs {
            if let Ok(doc) = pdf::load(bytes) {
                pages += doc.pages.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files x {rounds} rounds: {pages} pages in {secs:.3} s = {:.1} pages/s",
        inputs.len(),
        pages as f64 / secs
    );
}

/// Words of a page in reading order: glyphs grouped into lines by baseline,
/// lines top to bottom, words split at spaces and at gaps wider than 0.15 em.
/// Returns (word, line index) pairs.
fn words(glyphs: &[Glyph], line_base: usize) -> Vec<(String, usize)> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() < 0.3 * g.size.max(1.0) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut word = String::new();
        let mut last_x1: Option<f32> = None;
        for g in line.iter() {
            let gap = last_x1.map_or(0.0, |x1| g.bbox[0] - x1);
            if (g.text.trim().is_empty() || gap > 0.15 * g.size) && !word.is_empty() {
                out.push((std::mem::take(&mut word), line_base + i));
            }
            word.push_str(g.text.trim());
            last_x1 = Some(g.bbox[2]);
        }
        if !word.is_empty() {
            out.push((word, line_base + i));
        }
    }
    out
}

/// Whether `cell` occurs as an in-order subsequence of `stream` within a
/// window of lines proportional to its length. A cell word may be split
/// over several stream words (a token wrapped inside its cell: `CORP/` +
/// `07/01`). Tracks every partial match (word index, offset in the word,
/// first line), so no greedy choice can hide a real match.
fn found(cell: &[&str], stream: &[(String, usize)]) -> bool {
    let window = cell.len() + 20;
    let mut states: std::collections::HashSet<(usize, usize, usize)> = Default::default();
    for (w, line) in stream {
        let mut next = Vec::new();
        for &(k, off, start) in states.iter().chain([(0, 0, *line)].iter()) {
            if *line > start + window {
                continue;
            }
            let Some(rest) = cell[k].get(off..) else {
                continue;
            };
            if rest == w.as_str() {
                if k + 1 == cell.len() {
                    return true;
                }
                next.push((k + 1, 0, start));
            } else if rest.starts_with(w.as_str()) {
                next.push((k, off + w.len(), start));
            }
        }
        states.retain(|&(_, _, start)| *line <= start + window);
        states.extend(next);
    }
    cell.is_empty()
}

fn score(dirs: &[String]) {
    for dir in dirs {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        let (mut total, mut hit) = (0usize, 0usize);
        let mut misses = Vec::new();
        for path in entries
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        {
            let truth_path = path.with_extension("truth.json");
            let Ok(truth) = std::fs::read_to_string(&truth_path) else {
                continue;
            };
            let Ok(truth) = serde_json::from_str::<serde_json::Value>(&truth) else {
                continue;
            };
            let doc = match load(&path.to_string_lossy()) {
                Ok(d) => d,
                Err(e) => {
                    println!("  {}: {e}", path.display());
                    continue;
                }
            };
            let mut stream = Vec::new();
            let mut line_base = 0;
            for page in &doc.pages {
                let w = words(&page.glyphs, line_base);
                line_base = w.last().map_or(line_base, |x| x.1 + 1);
                stream.extend(w);
            }
            let tables = truth["tables"].as_array().cloned().unwrap_or_default();
            for table in &tables {
                for record in table["records"].as_array().into_iter().flatten() {
                    for cell in record["cells"].as_array().into_iter().flatten() {
                        let text = cell.as_str().unwrap_or_default().replace('\u{a0}', " ");
                        let cell_words: Vec<&str> = text.split_whitespace().collect();
                        if cell_words.is_empty() {
                            continue;
                        }
                        total += 1;
                        if found(&cell_words, &stream) {
                            hit += 1;
                        } else if misses.len() < 5 {
                            misses.push(format!("{}: {text:?}", file_name(path)));
                        }
                    }
                }
            }
        }
        println!(
            "{dir}: {hit}/{total} cells found = {:.2}%",
            100.0 * hit as f64 / total.max(1) as f64
        );
        for m in misses {
            println!("    miss {m}");
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}
