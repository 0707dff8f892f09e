//! Report families as data: a grammar file (TOML under `grammars/`) names the
//! columns a family's tables have, the header labels that announce them, and
//! the patterns of its page furniture. Users add a family without
//! recompiling; the generic grammar serves layouts no family knows.

use super::clean::{ascii_norm, norm_chars};
use regex::{Regex, RegexSet};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use thiserror::Error;

/// How a column's cells behave in the table grammar (see grammars/*.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The row-defining column (REF): text here starts a new record.
    Row,
    /// Descriptive text naming the record (priority, issue).
    Title,
    /// Free text that wraps (commitment, target, action).
    Text,
    /// Short codes that do not wrap (department, priority level).
    Code,
    /// Officers and teams.
    Name,
    /// Red/Amber/Green/Achieved.
    Status,
    /// Deadlines, milestones, time scales.
    Date,
    /// Long comments and progress notes.
    Prose,
}

/// The normaliser a column's values go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// Plain text, no normalised value.
    Text,
    /// A commitment reference such as `1. MTCS/CYP`.
    Reference,
    /// A RAG status.
    Status,
    /// Dates and periods.
    Period,
    /// Target text: figures and trailing dates.
    Target,
    /// Prose with figures in it.
    Figures,
}

/// One column a family's tables may have.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    /// Stable key used in the output (`ref`, `owner`, `status`...).
    pub key: String,
    /// How the column's cells behave.
    pub role: Role,
    /// Which normaliser applies.
    pub value_type: ValueType,
}

/// A compiled grammar: a family's columns and furniture patterns.
#[derive(Debug, Clone)]
pub struct Grammar {
    /// Family name, e.g. `council-monitoring`.
    pub name: String,
    /// Family grammar version, written with the name as `name@version`.
    pub version: u32,
    /// One line saying what the family is.
    pub description: String,
    /// SHA-256 of the grammar file's bytes: the output records exactly
    /// which grammar produced it, and resumed runs redo reports when it changes.
    pub sha256: String,
    /// Columns in canonical left-to-right order; empty for the generic grammar.
    pub columns: Vec<ColumnSpec>,
    /// Each header label key (see [`label_key`]) and the first column that
    /// lists it.
    labels: HashMap<String, usize>,
    /// The label patterns of all columns, in column order, matched in one
    /// pass; `pattern_columns[i]` is the column of pattern `i`.
    label_patterns: RegexSet,
    pattern_columns: Vec<usize>,
    pub(crate) ref_patterns: Vec<Regex>,
    pub(crate) page_head: Vec<Regex>,
    pub(crate) legend: Vec<Regex>,
    pub(crate) footer: Vec<Regex>,
    pub(crate) note: Vec<Regex>,
    pub(crate) continued: Vec<Regex>,
}

/// A grammar file that cannot be used, with the place and the reason.
#[derive(Debug, Error)]
pub enum GrammarError {
    /// The file could not be read.
    #[error("{file}: cannot read grammar: {reason}")]
    Read {
        /// The grammar file.
        file: String,
        /// The I/O error.
        reason: String,
    },
    /// The file is not valid grammar TOML.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        /// The grammar file.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    name: String,
    version: u32,
    #[serde(default)]
    description: String,
    #[serde(default)]
    column: Vec<FileColumn>,
    #[serde(default)]
    patterns: FilePatterns,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileColumn {
    key: String,
    role: Role,
    #[serde(rename = "type", default)]
    value_type: Option<ValueType>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FilePatterns {
    #[serde(default, rename = "ref")]
    reference: Vec<String>,
    #[serde(default)]
    page_head: Vec<String>,
    #[serde(default)]
    legend: Vec<String>,
    #[serde(default)]
    footer: Vec<String>,
    #[serde(default)]
    note: Vec<String>,
    #[serde(default)]
    continued: Vec<String>,
}

const BUILTIN: [(&str, &str); 2] = [
    (
        "grammars/council-monitoring.toml",
        include_str!("../../grammars/council-monitoring.toml"),
    ),
    (
        "grammars/generic.toml",
        include_str!("../../grammars/generic.toml"),
    ),
];

/// Normalises a header label for comparison: lower case, letters and digits
/// only, so exporter noise (`Achieve d`, `Red/ Amber`) does not matter.
pub fn label_key(label: &str) -> String {
    if label.is_ascii() {
        ascii_norm(label).map(char::from).collect()
    } else {
        norm_chars(label).collect()
    }
}

impl Grammar {
    /// The grammars compiled into the binary (the files under `grammars/`),
    /// family grammars first and the generic fallback last.
    pub fn builtin() -> Vec<Grammar> {
        BUILTIN
            .iter()
            .map(|(file, text)| {
                Grammar::from_toml(text, file)
                    .unwrap_or_else(|e| panic!("built-in grammar is broken: {e}"))
            })
            .collect()
    }

    /// Reads and compiles a grammar file; errors name the file, line and problem.
    pub fn load(path: &Path) -> Result<Grammar, GrammarError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| GrammarError::Read {
            file: file.clone(),
            reason: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| GrammarError::Invalid {
            file: file.clone(),
            line: 1,
            column: 1,
            message: "grammar file is not UTF-8".to_string(),
        })?;
        Grammar::from_toml(&text, &file)
    }

    /// Compiles grammar TOML; `file` names it in error messages.
    pub fn from_toml(text: &str, file: &str) -> Result<Grammar, GrammarError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            GrammarError::Invalid {
                file: file.to_string(),
                line,
                column,
                message,
            }
        };
        let spec: FileSpec = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            invalid(offset, e.message().to_string())
        })?;
        let compile = |patterns: &[String]| -> Result<Vec<Regex>, GrammarError> {
            patterns
                .iter()
                .map(|p| {
                    Regex::new(&format!("(?i){p}")).map_err(|e| {
                        let offset = text.find(p.as_str()).unwrap_or(0);
                        invalid(offset, format!("bad pattern {p:?}: {e}"))
                    })
                })
                .collect()
        };
        let mut columns = Vec::new();
        let mut labels = HashMap::new();
        let (mut label_patterns, mut pattern_columns) = (Vec::new(), Vec::new());
        for c in &spec.column {
            if c.key.is_empty()
                || !c
                    .key
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch.is_ascii_digit())
            {
                let offset = text.find(&format!("\"{}\"", c.key)).unwrap_or(0);
                return Err(invalid(
                    offset,
                    format!(
                        "column key {:?} must be lower-case letters, digits and _",
                        c.key
                    ),
                ));
            }
            for l in &c.labels {
                labels.entry(label_key(l)).or_insert(columns.len());
            }
            for p in compile(&c.patterns)? {
                label_patterns.push(p.as_str().to_string());
                pattern_columns.push(columns.len());
            }
            columns.push(ColumnSpec {
                key: c.key.clone(),
                role: c.role,
                value_type: c.value_type.unwrap_or(ValueType::Text),
            });
        }
        let p = &spec.patterns;
        Ok(Grammar {
            name: spec.name,
            version: spec.version,
            description: spec.description,
            sha256: hex(&Sha256::digest(text.as_bytes())),
            columns,
            labels,
            label_patterns: RegexSet::new(&label_patterns)
                .map_err(|e| invalid(0, format!("label patterns: {e}")))?,
            pattern_columns,
            ref_patterns: compile(&p.reference)?,
            page_head: compile(&p.page_head)?,
            legend: compile(&p.legend)?,
            footer: compile(&p.footer)?,
            note: compile(&p.note)?,
            continued: compile(&p.continued)?,
        })
    }

    /// `name@version`, as written to `extractor.grammar`.
    pub fn id(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// Whether this grammar knows no columns and keys them from the labels.
    pub fn is_generic(&self) -> bool {
        self.columns.is_empty()
    }

    /// The column a header label names, if this grammar knows it.
    /// A label with no letter or digit (`-`, `*`) names no column: a row
    /// of dashes in a table of figures is no header.
    pub fn column_for_label(&self, label: &str) -> Option<usize> {
        let key = label_key(label);
        if key.is_empty() && !label.trim().is_empty() {
            return None;
        }
        self.labels.get(&key).copied().or_else(|| {
            // Pattern indices come in column order: the first is the column.
            let first = (!key.is_empty()).then(|| self.label_patterns.matches(&key).iter().next());
            first.flatten().map(|i| self.pattern_columns[i])
        })
    }

    /// Whether a cleaned cell value reads as a commitment reference.
    pub fn is_ref(&self, value: &str) -> bool {
        self.ref_patterns.iter().any(|p| p.is_match(value))
    }

    /// Whether a cleaned line is the family's running page head.
    pub fn is_page_head(&self, line: &str) -> bool {
        self.page_head.iter().any(|p| p.is_match(line))
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    (line, column)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_grammars_compile_and_know_corpus_labels() {
        let g = &Grammar::builtin()[0];
        assert_eq!(g.id(), "council-monitoring@1");
        let key = |l: &str| g.column_for_label(l).map(|i| g.columns[i].key.as_str());
        assert_eq!(key("REF"), Some("ref"));
        assert_eq!(key("Red/ Amber Green/Achieve d"), Some("status"));
        assert_eq!(key("Red/Amber/ Green/Achieved?"), Some("status"));
        assert_eq!(key("Comments On Progress"), Some("progress"));
        assert_eq!(key("Time-Scale (Where Stated)"), Some("deadline"));
        assert_eq!(
            key("Progress to Date, Explanation for any Shortfall and Corrective Action"),
            Some("progress")
        );
        assert_eq!(
            key("REASON FOR NON IMPROVEMENT/NON PRIORITISATION"),
            Some("reason")
        );
        assert_eq!(key("Key Priority /Issue"), Some("priority"));
        assert_eq!(key("Officer Responsible"), Some("owner"));
        assert_eq!(key("Accountable Officer"), Some("owner"));
        assert_eq!(key("Lead Member"), Some("owner"));
        assert_eq!(key("Leader"), None);
        assert_eq!(key("Performance Indicator"), Some("indicator"));
        assert_eq!(key("PI Ref"), Some("indicator"));
        assert_eq!(key("Expected Outcome"), Some("outcome"));
        assert_eq!(key("Milestone Date"), Some("deadline"));
        assert_eq!(key("Service Area"), Some("dept"));
        assert_eq!(key("Resource Implications"), Some("resources"));
        assert_eq!(key("Target / Action"), Some("action"));
        assert_eq!(key("Risk Description"), Some("priority"));
        assert_eq!(key(""), Some("ref"));
        assert_eq!(key("-"), None);
        assert_eq!(key("–"), None);
        assert_eq!(key("Colour"), None);
        assert!(
            g.is_ref("1. MTCS/CYP")
                && g.is_ref("CPA Res 10")
                && g.is_ref("89a")
                && g.is_ref("ASC CPA 1")
        );
        assert!(!g.is_ref("Road Safety"));
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let e = Grammar::from_toml(
            "name = \"x\"\nversion = 1\n[[column]]\nkey = \"a\"\nrole = \"bogus\"\n",
            "g.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("g.toml:5:"), "{e}");
        assert!(e.contains("bogus"), "{e}");
        let e = Grammar::from_toml(
            "name = \"x\"\nversion = 1\n[patterns]\nlegend = ['(unclosed']\n",
            "g.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("g.toml:4:") && e.contains("bad pattern"),
            "{e}"
        );
    }
}
