//! The reportmine command line: `extract` writes one JSON document per
//! report, `inspect` shows how the grammar read each line of one report,
//! and `schema`, `rows` and `trend` feed the documents to other systems.

use clap::{Parser, Subcommand, ValueEnum};
use reportmine::archive;
use reportmine::export::{self, files::Skipped, rows, schema, trend, ExportError};
use reportmine::grammar::{Grammar, LineClass};
use reportmine::output::JsonStyle;
use reportmine::pipeline::{self, Grammars};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: the pipeline makes many small, short-lived strings per cell.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Mine archives of legacy report appendices into one JSON document per
/// report, every field traceable to the bytes, line and page it came from.
#[derive(Parser)]
#[command(name = "reportmine", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every table of every report into OUT/<input path>.json.
    ///
    /// Inputs may be files, directories (searched recursively; hidden files
    /// and the output directory are skipped) and .zip archives (entries are
    /// read in memory and written as OUT/<name>.zip/<entry>.json). Reports
    /// run in parallel; OUT/manifest.jsonl records one line per report
    /// (status ok|error|skipped, sha256, counts). A rerun skips reports whose
    /// output is up to date for the same input, extractor and grammar.
    ///
    /// Exit codes: 0 all reports extracted (or skipped), 1 some reports
    /// failed (the others are written), 2 usage error (bad option, missing
    /// input, unreadable grammar).
    ///
    /// Examples:
    ///   reportmine extract samples/            # every report under samples/ -> out/
    ///   reportmine extract a.txt b.zip -o json/ --jobs 2
    ///   reportmine extract --grammar grammars/council-monitoring.toml archive/
    Extract {
        /// Report files, directories or .zip archives.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Use this grammar file for every report instead of choosing one.
        #[arg(long, value_name = "FILE")]
        grammar: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Redo every report, even those whose output is up to date.
        #[arg(long)]
        force: bool,
        /// No progress bar and no summary line.
        #[arg(short, long)]
        quiet: bool,
        /// Write each document on one line, without indentation: about
        /// half the bytes of the default pretty layout, for bulk imports.
        /// Outputs written in the other layout are redone on a rerun.
        #[arg(long)]
        compact: bool,
    },
    /// Show how the grammar read one report: every physical line with its
    /// class (header, record, sub-row, continuation, group, page head...),
    /// the rule that decided it and the row it went to.
    ///
    /// For a PDF, `--svg OUT.svg` instead draws one page (`--page N`,
    /// default 1): its text, one box per extracted cell, a band per row,
    /// each table's column edges, dashed lines joining the text lines merged
    /// into one cell, and running heads and footers shaded. Open it in a
    /// browser; hover a cell box for its table, row and column.
    ///
    /// `--glyphs` lists one page's glyphs and drawn lines as the PDF
    /// reader decoded them (`--page N`): the place to look when a PDF's
    /// text comes out wrong.
    ///
    /// Examples:
    ///   reportmine inspect samples/000_x.txt
    ///   reportmine inspect report.pdf --page 3 --svg page3.svg
    ///   reportmine inspect report.pdf --page 3 --glyphs
    Inspect {
        /// The report file.
        file: PathBuf,
        /// Use this grammar file instead of choosing one.
        #[arg(long, value_name = "FILE")]
        grammar: Option<PathBuf>,
        /// Draw this page of a PDF as SVG into FILE instead of listing lines.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// List one page of a PDF as the glyph stage read it: every glyph's
        /// text, font, size and position, and the drawn lines.
        #[arg(long, conflicts_with = "svg")]
        glyphs: bool,
        /// The page to draw with --svg or list with --glyphs (1-based).
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Print the JSON Schema (draft 2020-12) of the report document.
    ///
    /// The schema is generated from the types the export commands read
    /// documents with; the repository ships a copy in
    /// schema/report.schema.json. Validate documents against it before
    /// ingesting them elsewhere.
    ///
    /// Examples:
    ///   reportmine schema > report.schema.json
    ///   reportmine schema -o schema/report.schema.json
    #[command(verbatim_doc_comment)]
    Schema {
        /// Write the schema to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Flatten every record of every report in OUT_DIR into one table.
    ///
    /// One line per record (sub-rows included). Columns, always in this
    /// order: report, document, sha256, period_start, period_end, period,
    /// table, section, group, row, parent, pages (`1;2`), first_line,
    /// last_line, rule, spans (JSON: {"key": [[start, end], ...]}); then one
    /// column per field key, in the order keys are first seen (documents in
    /// path order), each typed key followed by <key>_normalized (statuses
    /// `green;amber`, canonical REF, periods `2008-04-01/2008-06-30`,
    /// figures `42 percent`). A key that clashes with a fixed column is
    /// written as cell_<key>. CSV is RFC 4180 (CRLF, quoted as needed);
    /// NDJSON has one object per line with the same keys.
    ///
    /// Files in OUT_DIR that are not report documents are named on stderr
    /// and left out. Exit codes: 0 written, 1 written but some files left
    /// out, 2 usage error or no report documents in OUT_DIR.
    ///
    /// Examples:
    ///   reportmine rows out/ > rows.csv
    ///   reportmine rows out/ -o rows.csv --datapackage    # + datapackage.json
    ///   reportmine rows out/ --format ndjson -o rows.ndjson
    ///   sqlite3 db.sqlite '.import --csv rows.csv records'
    #[command(verbatim_doc_comment)]
    Rows {
        /// The output directory of `reportmine extract`.
        #[arg(value_name = "OUT_DIR")]
        dir: PathBuf,
        /// Table format.
        #[arg(long, value_enum, default_value = "csv")]
        format: RowsFormat,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Also write a Frictionless datapackage.json beside the CSV FILE
        /// (needs --format csv and -o FILE).
        #[arg(long)]
        datapackage: bool,
    },
    /// Follow each commitment across the reports in OUT_DIR by period.
    ///
    /// Reports are ordered by reporting period; each commitment's status is
    /// shown per report, with where it was read.
    ///
    /// Writes DIR/trend.csv (one line per commitment; per report its
    /// status, the status as written, document, page, line and link),
    /// DIR/trend.json (the same, with every observation and warning) and
    /// DIR/trend.html (a self-contained grid: commitments by periods,
    /// coloured by status, source on hover, filters by service, section and
    /// status; changes for the worse and vanished commitments flagged).
    ///
    /// Linking: records link by text similarity (Dice over content words)
    /// of at least --link, certain from --certain up, uncertain below it.
    /// The same REF counts only where REFs are stable between the two
    /// reports (certain text links agree with them), since reports
    /// renumber; records of different programmes or services (MTCS vs AP,
    /// CYP vs RES) never link, and a record that fits two candidates
    /// equally is not linked (a warning names both). A wrong link is worse
    /// than a missed one.
    ///
    /// Reports whose reporting period is unknown, and reports without a
    /// status column, are left out with a warning naming them; so are files
    /// that are not report documents (then the exit code is 1). Exit codes:
    /// 0 written, 1 written but some files unreadable, 2 usage error or no
    /// report that can go in the trend.
    ///
    /// Examples:
    ///   reportmine trend out/                     # -> trend/trend.{csv,json,html}
    ///   reportmine trend out/ -o audit/ --link 0.7 --certain 0.9
    #[command(verbatim_doc_comment)]
    Trend {
        /// The output directory of `reportmine extract`.
        #[arg(value_name = "OUT_DIR")]
        dir: PathBuf,
        /// Directory to write trend.csv, trend.json and trend.html into.
        #[arg(short, long, default_value = "trend")]
        out: PathBuf,
        /// Lowest text similarity (0-1] that links two records.
        #[arg(long, default_value_t = trend::Thresholds::default().link)]
        link: f64,
        /// Lowest text similarity of a certain link (>= --link).
        #[arg(long, default_value_t = trend::Thresholds::default().certain)]
        certain: f64,
    },
}

/// Table formats of `rows`.
#[derive(Clone, Copy, ValueEnum)]
enum RowsFormat {
    /// RFC 4180 CSV.
    Csv,
    /// Newline-delimited JSON.
    Ndjson,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            inputs,
            out,
            grammar,
            jobs,
            force,
            quiet,
            compact,
        } => {
            let grammars = match load_grammars(grammar.as_deref()) {
                Ok(g) => g,
                Err(e) => return usage_error(&e),
            };
            let (style, layout_mark) = if compact {
                (JsonStyle::Compact, "+compact")
            } else {
                (JsonStyle::Pretty, "")
            };
            let opts = archive::RunOptions {
                out_dir: out,
                jobs,
                force,
                quiet,
                fingerprint: grammars.fingerprint() + layout_mark,
            };
            extract(&inputs, &opts, &grammars, style)
        }
        Command::Inspect {
            file,
            grammar,
            svg,
            glyphs,
            page,
        } => {
            if glyphs {
                return dump_glyphs(&file, page);
            }
            let grammars = match load_grammars(grammar.as_deref()) {
                Ok(g) => g,
                Err(e) => return usage_error(&e),
            };
            match svg {
                Some(out) => draw_page(&file, &grammars, page, &out),
                None => inspect(&file, &grammars),
            }
        }
        Command::Schema { out } => match out {
            Some(path) => finish(
                export::files::write_file(&path, schema::schema_json().as_bytes())
                    .map(|()| Vec::new()),
            ),
            None => match std::io::stdout()
                .lock()
                .write_all(schema::schema_json().as_bytes())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    usage_error(&format!("<stdout>: {e}"))
                }
                _ => ExitCode::SUCCESS,
            },
        },
        Command::Rows {
            dir,
            format,
            out,
            datapackage,
        } => {
            let format = match format {
                RowsFormat::Csv => rows::Format::Csv,
                RowsFormat::Ndjson => rows::Format::Ndjson,
            };
            finish(
                rows::run(&dir, format, out.as_deref(), datapackage).map(|o| {
                    if !o.stopped {
                        eprintln!("reportmine: {} records of {} reports", o.records, o.reports);
                    }
                    o.skipped
                }),
            )
        }
        Command::Trend {
            dir,
            out,
            link,
            certain,
        } => finish(
            trend::run(&dir, &out, trend::Thresholds { link, certain }).map(|o| {
                let t = &o.trend;
                for e in &t.excluded {
                    eprintln!(
                        "reportmine: warning: {}: {}; left out of the trend",
                        e.document, e.reason
                    );
                }
                for w in &t.warnings {
                    eprintln!("reportmine: warning: {w}");
                }
                let linked = t
                    .commitments
                    .iter()
                    .filter(|k| k.observations.len() > 1)
                    .count();
                eprintln!(
                    "reportmine: {} commitments ({linked} linked) across {} reports -> {}",
                    t.commitments.len(),
                    t.columns.len(),
                    out.join("trend.{csv,json,html}").display()
                );
                o.skipped
            }),
        ),
    }
}

/// Exit code of an export command: 0 done, 1 done but files left out
/// (each named on stderr), 2 nothing could be done.
fn finish(result: Result<Vec<Skipped>, ExportError>) -> ExitCode {
    match result {
        Ok(skipped) if skipped.is_empty() => ExitCode::SUCCESS,
        Ok(skipped) => {
            for s in &skipped {
                eprintln!("reportmine: {s}");
            }
            ExitCode::from(1)
        }
        Err(e) => usage_error(&e.to_string()),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("reportmine: {message}");
    ExitCode::from(2)
}

fn load_grammars(path: Option<&Path>) -> Result<Grammars, String> {
    match path {
        Some(p) => Grammar::load(p)
            .map(Grammars::only)
            .map_err(|e| e.to_string()),
        None => Ok(Grammars::builtin()),
    }
}

fn extract(
    inputs: &[PathBuf],
    opts: &archive::RunOptions,
    grammars: &Grammars,
    style: JsonStyle,
) -> ExitCode {
    let result = archive::run(inputs, opts, |input| {
        let name = input.rel_path.to_string_lossy();
        let report =
            pipeline::extract_digested(&name, &input.bytes, input.sha256.clone(), grammars)
                .map_err(|e| {
                    eprintln!("reportmine: {}: {e}", input.display);
                    e.to_string()
                })?;
        Ok(archive::Processed {
            json: report.to_json(style),
            tables: report.extraction.tables.len(),
            rows: report.rows(),
            warnings: report.warnings(),
        })
    });
    match result {
        Ok(summary) => ExitCode::from(summary.exit_code() as u8),
        Err(e) => {
            eprintln!("reportmine: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// `inspect --svg`: one PDF page with what was read from it.
/// Reads a PDF for a page view (`--svg`, `--glyphs`) and checks the page
/// exists; the error exit code otherwise.
fn load_pdf_page(
    file: &Path,
    page: u32,
    flag: &str,
) -> Result<(Vec<u8>, reportmine::pdf::PdfDocument), ExitCode> {
    let bytes =
        std::fs::read(file).map_err(|e| usage_error(&format!("{}: {e}", file.display())))?;
    if !reportmine::source::is_pdf(&bytes) {
        return Err(usage_error(&format!(
            "{}: {flag} shows PDF pages; this is not a PDF",
            file.display()
        )));
    }
    let doc = reportmine::pdf::load(&bytes).map_err(|e| {
        eprintln!("reportmine: {}: {e}", file.display());
        ExitCode::from(1)
    })?;
    if !doc.pages.iter().any(|p| p.number == page) {
        return Err(usage_error(&format!(
            "{}: no page {page} (the PDF has {} pages)",
            file.display(),
            doc.pages.len()
        )));
    }
    Ok((bytes, doc))
}

/// `inspect --glyphs`: one page's glyphs (text, font, size, position) and
/// drawn segments, to see what the layout stage was given.
fn dump_glyphs(file: &Path, page: u32) -> ExitCode {
    match load_pdf_page(file, page, "--glyphs") {
        Ok((_, doc)) => {
            print!("{}", reportmine::pdf::dump_page(&doc, page));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn draw_page(file: &Path, grammars: &Grammars, page: u32, out: &Path) -> ExitCode {
    let (bytes, doc) = match load_pdf_page(file, page, "--svg") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let p = doc
        .pages
        .iter()
        .find(|p| p.number == page)
        .expect("checked above");
    let report = match pipeline::analyse(&file.display().to_string(), &bytes, grammars) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("reportmine: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    let svg =
        reportmine::output::svg::page(&report.layout, &report.extraction, page, p.width, p.height);
    match std::fs::write(out, svg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reportmine: {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn inspect(file: &Path, grammars: &Grammars) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(&format!("{}: {e}", file.display())),
    };
    let report = match pipeline::analyse(&file.display().to_string(), &bytes, grammars) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("reportmine: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    let _ = writeln!(
        o,
        "# {} read with grammar {}",
        file.display(),
        report.grammar.id()
    );
    for (line, info) in report.layout.lines.iter().zip(&report.extraction.lines) {
        // A table row read from several text lines shows them joined by ↵.
        let text: String = report
            .layout
            .slice(line.span)
            .replace('\t', " ⇥ ")
            .replace('\n', " ↵ ");
        let preview: String = text.chars().take(100).collect();
        let place = match (info.table, info.row) {
            (Some(t), Some(r)) => format!("t{t}.r{r}"),
            (Some(t), None) => format!("t{t}"),
            _ => String::new(),
        };
        let class = serde_json::to_value(info.class)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if info.class == LineClass::Blank {
            let _ = writeln!(o, "{:>5} p{:<3}", line.number, info.page);
            continue;
        }
        let _ = writeln!(
            o,
            "{:>5} p{:<3} {:<13} {:<36} {:<8} {}",
            line.number, info.page, class, info.rule, place, preview
        );
    }
    for w in &report.extraction.warnings {
        let _ = writeln!(o, "warning line {}: [{}] {}", w.line, w.code, w.message);
    }
    ExitCode::SUCCESS
}
