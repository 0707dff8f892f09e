//! The reportmine command line: `extract` writes one JSON document per
//! report, `inspect` shows how the grammar read each line of one report.

use clap::{Parser, Subcommand};
use reportmine::archive;
use reportmine::grammar::{Grammar, LineClass};
use reportmine::pipeline::{self, Grammars};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    },
    /// Show how the grammar read one report: every physical line with its
    /// class (header, record, sub-row, continuation, group, page head...),
    /// the rule that decided it and the row it went to.
    Inspect {
        /// The report file.
        file: PathBuf,
        /// Use this grammar file instead of choosing one.
        #[arg(long, value_name = "FILE")]
        grammar: Option<PathBuf>,
    },
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
        } => {
            let grammars = match load_grammars(grammar.as_deref()) {
                Ok(g) => g,
                Err(e) => return usage_error(&e),
            };
            let opts = archive::RunOptions {
                out_dir: out,
                jobs,
                force,
                quiet,
                fingerprint: grammars.fingerprint(),
            };
            extract(&inputs, &opts, &grammars)
        }
        Command::Inspect { file, grammar } => {
            let grammars = match load_grammars(grammar.as_deref()) {
                Ok(g) => g,
                Err(e) => return usage_error(&e),
            };
            inspect(&file, &grammars)
        }
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

fn extract(inputs: &[PathBuf], opts: &archive::RunOptions, grammars: &Grammars) -> ExitCode {
    let result = archive::run(inputs, opts, |input| {
        let name = input.rel_path.to_string_lossy();
        let report = pipeline::extract(&name, &input.bytes, grammars).map_err(|e| {
            eprintln!("reportmine: {}: {e}", input.display);
            e.to_string()
        })?;
        Ok(archive::Processed {
            json: report.to_json(),
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

fn inspect(file: &Path, grammars: &Grammars) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(&format!("{}: {e}", file.display())),
    };
    let report = match pipeline::extract(&file.display().to_string(), &bytes, grammars) {
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
        let text: String = report.layout.slice(line.span).replace('\t', " ⇥ ");
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
