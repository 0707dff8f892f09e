//! The reportmine command line: `extract` writes one JSON document per
//! report, `inspect` shows how the grammar read each line of one report.

use clap::{Parser, Subcommand};
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
    /// Exit codes: 0 all reports extracted, 1 some reports failed, 2 usage
    /// error (bad option, missing input, unreadable grammar).
    ///
    /// Examples:
    ///   reportmine extract samples/            # every report under samples/ -> out/
    ///   reportmine extract a.txt b.txt -o json/
    ///   reportmine extract --grammar grammars/council-monitoring.toml archive/
    Extract {
        /// Report files or directories (searched recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Use this grammar file for every report instead of choosing one.
        #[arg(long, value_name = "FILE")]
        grammar: Option<PathBuf>,
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
        } => {
            let grammars = match load_grammars(grammar.as_deref()) {
                Ok(g) => g,
                Err(e) => return usage_error(&e),
            };
            extract(&inputs, &out, &grammars)
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

/// Files under the inputs, with the path each output is named after.
fn collect(inputs: &[PathBuf], out: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let mut entries: Vec<_> = std::fs::read_dir(&dir)
                    .map_err(|e| format!("{}: {e}", dir.display()))?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .collect();
                entries.sort();
                for p in entries.into_iter().rev() {
                    let hidden = p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'));
                    if hidden || p.canonicalize().ok() == out.canonicalize().ok() {
                        continue;
                    }
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        let rel = p.strip_prefix(input).unwrap_or(&p).to_path_buf();
                        files.push((p, rel));
                    }
                }
            }
        } else {
            let rel = PathBuf::from(input.file_name().unwrap_or(input.as_os_str()));
            files.push((input.clone(), rel));
        }
    }
    files.sort();
    Ok(files)
}

fn extract(inputs: &[PathBuf], out: &Path, grammars: &Grammars) -> ExitCode {
    let files = match collect(inputs, out) {
        Ok(f) => f,
        Err(e) => return usage_error(&e),
    };
    let (mut ok, mut failed) = (0usize, 0usize);
    for (path, rel) in files {
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                pipeline::extract(&rel.to_string_lossy(), &bytes, grammars)
                    .map_err(|e| e.to_string())
            })
            .and_then(|report| {
                let mut name = rel.clone().into_os_string();
                name.push(".json");
                write_atomic(&out.join(name), &pipeline::to_json(&report.document))
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => ok += 1,
            Err(e) => {
                failed += 1;
                eprintln!("reportmine: {}: {e}", path.display());
            }
        }
    }
    eprintln!("reportmine: {ok} ok, {failed} failed");
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
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
