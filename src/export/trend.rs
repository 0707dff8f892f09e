//! `reportmine trend`: the same commitment followed across reports ordered
//! by reporting period, its status in each, and where each status was read.
//!
//! # What is linked, and why so carefully
//!
//! A commitment is a record of a table that has a status column (its REF
//! row or a sub-row with a target of its own). A report is left out, with a
//! warning naming it, when its reporting period is unknown (it cannot be
//! placed in time) or when no table of it has a status column (it states no
//! status to follow).
//!
//! Reports are taken in period order (by end, then start); each record of
//! a report is linked to at most one commitment seen in an earlier period,
//! and each commitment takes at most one record per report. A wrong link
//! is worse than a missed one, so a pair is linked only on evidence:
//!
//! - **text**: Dice similarity of the records' word sets (the
//!   commitment/target/action text; the priority when a record has none)
//!   at least `link` (default 0.6); at least `certain` (0.85) is certain,
//!   below it the link is marked uncertain;
//! - **reference**: the same canonical REF counts only where references
//!   are *stable* between the two reports: within that programme and
//!   service, at least two certain text links join records with the same
//!   REF and none joins records with different REFs (reports renumber:
//!   `3. MTCS/CYP` became `2. MTCS/CYP` in the next report). Then the same
//!   REF with text at least `link` alike is certain, and the same REF with
//!   text that is only a fragment of the other (overlap >= 0.5) is an
//!   uncertain link;
//! - records of different programmes or services (REF scheme or unit, own
//!   or inherited from the parent row or the table) are never linked;
//! - when a record fits two candidates equally well (within 0.05, neither
//!   backed by a stable REF), neither is linked and a warning says so.
//!
//! Every observation carries the page and line of its status cell (of the
//! record, when it states no status), so each status can be checked
//! against the source.
//!
//! Cost: each report's records are compared with every commitment seen
//! before, so the work grows with reports x commitments; that suits one
//! council's series of reports (tens of reports, thousands of
//! commitments), the audit this is for, not a whole mixed archive at once.

use super::document::{Cell, Document, Reference, Row, Table};
use super::files::{write_file, Reports, Skipped};
use super::similarity::{dice, overlap, words};
use super::{html, ExportError};
use crate::grammar::Role;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// When two records are linked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Lowest text similarity that links two records.
    pub link: f64,
    /// Lowest text similarity of a certain link.
    pub certain: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            link: 0.6,
            certain: 0.85,
        }
    }
}

impl Thresholds {
    /// Checks `0 < link <= certain <= 1`.
    pub fn validate(&self) -> Result<(), String> {
        if self.link > 0.0 && self.link <= self.certain && self.certain <= 1.0 {
            Ok(())
        } else {
            Err(format!(
                "thresholds must satisfy 0 < --link <= --certain <= 1 (got --link {} --certain {})",
                self.link, self.certain
            ))
        }
    }
}

/// The programme and service a record belongs to: its REF's (scheme,
/// unit), own or inherited; either may be unknown.
type Scope = (Option<String>, Option<String>);

/// How close two scores are before a choice between them is a guess.
const AMBIGUITY_MARGIN: f64 = 0.05;
/// How much of a fragment must be in the other text for a REF link.
const REF_OVERLAP: f64 = 0.5;
/// Certain text links with the same REF it takes to call REFs stable.
const STABLE_MIN: usize = 2;

/// One report: a column of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Position in period order, from 0.
    pub index: usize,
    /// Column label: the period as `start/end`, unique.
    pub label: String,
    /// The JSON document, relative to the output directory.
    pub document: String,
    /// The source report's path.
    pub report: String,
    /// SHA-256 of the source report.
    pub sha256: String,
    /// First day of the reporting period.
    pub start: String,
    /// Last day of the reporting period.
    pub end: String,
    /// The period as the report names it.
    pub period: String,
    /// `stated` by the report, or `inferred` from its dated comments.
    pub basis: String,
}

/// How a link was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    /// The texts are alike.
    #[serde(rename = "text")]
    Text,
    /// The same stable REF, the text only a fragment of the other.
    #[serde(rename = "reference")]
    Reference,
    /// The same stable REF and alike texts.
    #[serde(rename = "reference+text")]
    ReferenceAndText,
}

/// The link from a commitment's previous observation to this one.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// How it was decided.
    pub method: Method,
    /// Text similarity (Dice), rounded to 3 decimals.
    pub score: f64,
    /// Certain, or above `link` only.
    pub certain: bool,
}

/// A commitment as one report states it.
#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    /// The report's column.
    pub column: usize,
    /// The JSON document.
    pub document: String,
    /// Table index in the document.
    pub table: usize,
    /// Row index in the table.
    pub row: usize,
    /// Parent row, for a sub-row.
    pub parent: Option<usize>,
    /// The record's own REF, canonical.
    pub reference: Option<String>,
    /// The commitment's text (commitment/target/action; the priority when
    /// it has none).
    pub text: String,
    /// The priority it stands under (its own or its parent row's).
    pub priority: Option<String>,
    /// The table's section heading.
    pub section: Option<String>,
    /// Headline status: the worst one the cell states.
    pub status: Option<String>,
    /// Every status the cell states, in order.
    pub statuses: Vec<String>,
    /// The status cell as written (cleaned).
    pub status_text: Option<String>,
    /// Page of the status cell (of the record when it has none).
    pub page: u32,
    /// First line of the status cell (of the record when it has none).
    pub line: u32,
    /// Every line of the record.
    pub lines: Vec<u32>,
    /// How it was linked to the previous observation.
    pub link: Option<Link>,
}

/// A change for the worse between two consecutive observations.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Column of the earlier observation.
    pub from_column: usize,
    /// Column of the later one.
    pub to_column: usize,
    /// Earlier headline status.
    pub from: String,
    /// Later headline status.
    pub to: String,
}

/// One commitment followed across reports.
#[derive(Debug, Clone, Serialize)]
pub struct Commitment {
    /// `C0001`, in order of first appearance.
    pub id: String,
    /// The service (REF unit, own or inherited), when known.
    pub service: Option<String>,
    /// Section of the latest observation.
    pub section: Option<String>,
    /// REF of the latest observation that has one.
    pub reference: Option<String>,
    /// Its fullest wording: the text of the observation with the most
    /// content words, the latest of equals (a report that cut the text to a
    /// fragment does not hide what the commitment is).
    pub text: String,
    /// `certain` when every link is, `uncertain` when one is not; `null`
    /// for a commitment seen once.
    pub certainty: Option<&'static str>,
    /// Changes for the worse (to amber or red from a better status).
    pub worsened: Vec<Change>,
    /// The last column it was seen in, when later reports no longer have
    /// it.
    pub vanished_after: Option<usize>,
    /// Its observations, in column order.
    pub observations: Vec<Observation>,
}

/// A report left out of the trend.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    /// The JSON document.
    pub document: String,
    /// Why.
    pub reason: String,
}

/// The whole trend: what `trend.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// The thresholds used.
    pub thresholds: Thresholds,
    /// Reports in period order.
    pub columns: Vec<Column>,
    /// Reports left out.
    pub excluded: Vec<Excluded>,
    /// Links not made because they were ambiguous, and the like.
    pub warnings: Vec<String>,
    /// Every commitment, in order of first appearance.
    pub commitments: Vec<Commitment>,
}

/// A report reduced to what linking needs (so a large archive is never
/// held in memory as whole documents).
#[derive(Debug, Clone)]
pub struct Prepared {
    column: Column,
    records: Vec<Record>,
}

/// A record and its linking keys.
#[derive(Debug, Clone)]
struct Record {
    obs: Observation,
    /// (scheme, unit) of the programme and service it belongs to.
    scope: Scope,
    /// The commitment/target/action words.
    text_words: BTreeSet<String>,
    /// Those and the priority words.
    all_words: BTreeSet<String>,
}

/// Reads what linking needs from one document named `document`; `Err`
/// says why the report cannot be in the trend.
pub fn prepare(document: &str, doc: &Document) -> Result<Prepared, Excluded> {
    let excluded = |reason: &str| Excluded {
        document: document.to_string(),
        reason: reason.to_string(),
    };
    let period = doc.report.period.as_ref().ok_or_else(|| {
        excluded("reporting period unknown (none stated, too few dated comments to infer one)")
    })?;
    let (Some(start), Some(end)) = (&period.value.start, &period.value.end) else {
        return Err(excluded("reporting period has no dates"));
    };
    let column = Column {
        index: 0,
        label: format!("{start}/{end}"),
        document: document.to_string(),
        report: doc.source.path.clone(),
        sha256: doc.source.sha256.clone(),
        start: start.clone(),
        end: end.clone(),
        period: period.value.text.clone(),
        basis: period.basis.clone(),
    };
    let mut records = Vec::new();
    let mut has_status = false;
    for t in &doc.tables {
        let Some(status_key) = key_with_role(t, Role::Status) else {
            continue;
        };
        has_status = true;
        let scopes: BTreeSet<Scope> = t.rows.iter().filter_map(|r| scope_of(t, r)).collect();
        let table_scope = (scopes.len() == 1)
            .then(|| scopes.into_iter().next())
            .flatten();
        for i in 0..t.rows.len() {
            records.push(record(document, t, i, status_key, table_scope.as_ref()));
        }
    }
    if !has_status {
        return Err(excluded("no table has a status column"));
    }
    Ok(Prepared { column, records })
}

fn key_with_role(t: &Table, role: Role) -> Option<&str> {
    t.columns
        .iter()
        .find(|c| c.role == Some(role))
        .map(|c| c.key.as_str())
}

/// The text of the cells of `row` whose column has `role`, joined.
fn role_text(t: &Table, row: &Row, role: Role) -> String {
    t.columns
        .iter()
        .filter(|c| c.role == Some(role))
        .filter_map(|c| row.cells.get(&c.key))
        .map(|c| c.value.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The parsed REF of `row`, if its REF cell reads as one.
fn reference_of<'a>(t: &Table, row: &'a Row) -> Option<&'a Reference> {
    let key = key_with_role(t, Role::Row)?;
    row.cells.get(key).and_then(Cell::reference)
}

/// The programme and service `row`'s own REF names, if it names either.
fn scope_of(t: &Table, row: &Row) -> Option<Scope> {
    reference_of(t, row)
        .filter(|rf| rf.scheme.is_some() || rf.unit.is_some())
        .map(|rf| (rf.scheme.clone(), rf.unit.clone()))
}

/// The record for row `index` of `t`. Its scope is its own REF's, else its
/// parent row's, else the one scope all REFs of the table share.
fn record(
    document: &str,
    t: &Table,
    index: usize,
    status_key: &str,
    table_scope: Option<&Scope>,
) -> Record {
    let r = &t.rows[index];
    let parent = r.parent.and_then(|p| t.rows.get(p));
    let own = reference_of(t, r);
    let scope = scope_of(t, r)
        .or_else(|| parent.and_then(|p| scope_of(t, p)))
        .or_else(|| table_scope.cloned())
        .unwrap_or_default();
    let text = role_text(t, r, Role::Text);
    let title = role_text(t, r, Role::Title);
    let priority = if title.is_empty() {
        parent.map(|p| role_text(t, p, Role::Title))
    } else {
        Some(title.clone())
    }
    .filter(|p| !p.is_empty());
    let status_cell = r.cells.get(status_key);
    let statuses: Vec<String> = status_cell
        .map(|c| c.statuses().iter().map(|m| m.value.clone()).collect())
        .unwrap_or_default();
    let first_line = r.provenance.lines.first().copied().unwrap_or(0);
    let (page, line) = match status_cell {
        Some(c) => (
            c.provenance.place.page,
            c.provenance
                .place
                .lines
                .first()
                .copied()
                .unwrap_or(first_line),
        ),
        None => (r.provenance.pages.first().copied().unwrap_or(1), first_line),
    };
    let text_words = words(&text);
    let all_words = &text_words | &words(&title);
    Record {
        obs: Observation {
            column: 0,
            document: document.to_string(),
            table: t.index,
            row: index,
            parent: r.parent,
            reference: own.map(|rf| rf.canonical.clone()),
            text: if text.is_empty() { title } else { text },
            priority,
            section: t.section.as_ref().map(|s| s.value.clone()),
            status: headline(&statuses),
            statuses,
            status_text: status_cell.map(|c| c.value.clone()),
            page,
            line,
            lines: r.provenance.lines.clone(),
            link: None,
        },
        scope,
        text_words,
        all_words,
    }
}

/// How good a status is: red < amber < green < achieved; `None` for a
/// value outside the four.
fn rank(status: &str) -> Option<u8> {
    match status {
        "red" => Some(0),
        "amber" => Some(1),
        "green" => Some(2),
        "achieved" => Some(3),
        _ => None,
    }
}

/// The worst of the statuses a cell states (a cell `Green/Amber` is amber
/// for the trend: a warning must not be hidden behind a better colour).
fn headline(statuses: &[String]) -> Option<String> {
    statuses
        .iter()
        .filter(|s| rank(s).is_some())
        .min_by_key(|s| rank(s))
        .cloned()
}

/// How sure a candidate link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Uncertain,
    Certain,
}

/// A possible link from a commitment (its latest record) to a record of
/// the report being added.
#[derive(Debug, Clone, Copy)]
struct Pair {
    track: usize,
    record: usize,
    level: Level,
    /// The same REF, in references that are stable between the reports.
    stable_ref: bool,
    score: f64,
    method: Method,
}

impl Pair {
    /// Whether `other` is as good a choice as `self`: then choosing would
    /// be a guess.
    fn rivals(&self, other: &Pair) -> bool {
        other.level == self.level
            && other.stable_ref == self.stable_ref
            && other.score >= self.score - AMBIGUITY_MARGIN
    }
}

/// Whether two scopes may hold the same commitment: known schemes equal
/// and known units equal.
fn compatible(a: &Scope, b: &Scope) -> bool {
    let same = |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
    same(&a.0, &b.0) && same(&a.1, &b.1)
}

/// The word sets two records are compared on: the commitment texts when
/// both have one, else everything each says.
fn compared<'a>(a: &'a Record, b: &'a Record) -> (&'a BTreeSet<String>, &'a BTreeSet<String>) {
    if !a.text_words.is_empty() && !b.text_words.is_empty() {
        (&a.text_words, &b.text_words)
    } else {
        (&a.all_words, &b.all_words)
    }
}

/// Whether references of `scope` are stable from report `a` to report `b`
/// (see the module documentation).
fn stable(a: &[Record], b: &[Record], scope: &Scope, t: Thresholds) -> bool {
    let in_scope = |r: &&Record| r.obs.reference.is_some() && &r.scope == scope;
    let xs: Vec<&Record> = a.iter().filter(in_scope).collect();
    let ys: Vec<&Record> = b.iter().filter(in_scope).collect();
    let best = |r: &Record, others: &[&Record]| -> Option<usize> {
        let scores: Vec<f64> = others
            .iter()
            .map(|o| {
                let (p, q) = compared(r, o);
                dice(p, q)
            })
            .collect();
        let (i, &top) = scores
            .iter()
            .enumerate()
            .max_by(|x, y| x.1.total_cmp(y.1))?;
        let unique = scores.iter().filter(|&&s| s == top).count() == 1;
        (top >= t.certain && unique).then_some(i)
    };
    let (mut same, mut different) = (0, 0);
    for (i, x) in xs.iter().enumerate() {
        let Some(j) = best(x, &ys) else { continue };
        if best(ys[j], &xs) != Some(i) {
            continue;
        }
        if x.obs.reference == ys[j].obs.reference {
            same += 1;
        } else {
            different += 1;
        }
    }
    same >= STABLE_MIN && different == 0
}

/// Links the prepared reports into commitments. Reports are put in period
/// order here; `excluded` are carried into the result as they are.
pub fn build(mut reports: Vec<Prepared>, excluded: Vec<Excluded>, t: Thresholds) -> Trend {
    reports.sort_by(|a, b| {
        (&a.column.end, &a.column.start, &a.column.document).cmp(&(
            &b.column.end,
            &b.column.start,
            &b.column.document,
        ))
    });
    let mut labels: HashMap<String, usize> = HashMap::new();
    for (i, rep) in reports.iter_mut().enumerate() {
        rep.column.index = i;
        let n = labels.entry(rep.column.label.clone()).or_default();
        *n += 1;
        if *n > 1 {
            rep.column.label = format!("{} #{n}", rep.column.label);
        }
        for r in &mut rep.records {
            r.obs.column = i;
        }
    }
    // A track is a commitment: (column, record index) per observation.
    let mut tracks: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut links: HashMap<(usize, usize), Link> = HashMap::new();
    let mut warnings = Vec::new();
    let mut stability: HashMap<(usize, usize, Scope), bool> = HashMap::new();
    for c in 0..reports.len() {
        let current = &reports[c].records;
        let mut pairs = Vec::new();
        for (ti, track) in tracks.iter().enumerate() {
            let (pc, pr) = *track.last().expect("a track has an observation");
            if reports[pc].column.end >= reports[c].column.end {
                continue;
            }
            let prev = &reports[pc].records[pr];
            for (ri, rec) in current.iter().enumerate() {
                if !compatible(&prev.scope, &rec.scope) {
                    continue;
                }
                let (p, q) = compared(prev, rec);
                let score = dice(p, q);
                let same_ref = prev.obs.reference.is_some()
                    && prev.obs.reference == rec.obs.reference
                    && prev.scope == rec.scope;
                let stable_ref = same_ref
                    && *stability
                        .entry((pc, c, rec.scope.clone()))
                        .or_insert_with(|| stable(&reports[pc].records, current, &rec.scope, t));
                let (level, method) = if stable_ref && score >= t.link {
                    (Level::Certain, Method::ReferenceAndText)
                } else if score >= t.certain {
                    (Level::Certain, Method::Text)
                } else if score >= t.link {
                    (Level::Uncertain, Method::Text)
                } else if stable_ref && overlap(p, q) >= REF_OVERLAP {
                    (Level::Uncertain, Method::Reference)
                } else {
                    continue;
                };
                pairs.push(Pair {
                    track: ti,
                    record: ri,
                    level,
                    stable_ref,
                    score,
                    method,
                });
            }
        }
        pairs.sort_by(|a, b| {
            (b.level, b.stable_ref)
                .cmp(&(a.level, a.stable_ref))
                .then(b.score.total_cmp(&a.score))
                .then((a.track, a.record).cmp(&(b.track, b.record)))
        });
        let mut track_done = vec![false; tracks.len()];
        let mut record_done = vec![false; current.len()];
        let mut new_obs = Vec::new();
        for p in &pairs {
            if track_done[p.track] || record_done[p.record] {
                continue;
            }
            let rival = pairs.iter().find(|o| {
                (o.track, o.record) != (p.track, p.record)
                    && ((o.track == p.track && !record_done[o.record])
                        || (o.record == p.record && !track_done[o.track]))
                    && p.rivals(o)
            });
            if let Some(o) = rival {
                let prev = |ti: usize| {
                    let (pc, pr) = *tracks[ti].last().expect("a track has an observation");
                    describe(&reports[pc].records[pr].obs)
                };
                warnings.push(format!(
                    "ambiguous, not linked: {} fits both {} and {} (similarity {:.2} and {:.2})",
                    describe(&current[p.record].obs),
                    prev(p.track),
                    if o.track == p.track {
                        describe(&current[o.record].obs)
                    } else {
                        prev(o.track)
                    },
                    p.score,
                    o.score
                ));
                track_done[p.track] = true;
                record_done[p.record] = true;
                continue;
            }
            track_done[p.track] = true;
            record_done[p.record] = true;
            links.insert(
                (c, p.record),
                Link {
                    method: p.method,
                    score: (p.score * 1000.0).round() / 1000.0,
                    certain: p.level == Level::Certain,
                },
            );
            new_obs.push((p.track, p.record));
        }
        for (ti, ri) in new_obs {
            tracks[ti].push((c, ri));
        }
        for (ri, done) in record_done.iter().enumerate() {
            if !done || !links.contains_key(&(c, ri)) {
                tracks.push(vec![(c, ri)]);
            }
        }
    }
    let last = reports.len().saturating_sub(1);
    let commitments = tracks
        .iter()
        .enumerate()
        .map(|(i, track)| commitment(i, track, &reports, &mut links, last))
        .collect();
    Trend {
        thresholds: t,
        columns: reports.into_iter().map(|r| r.column).collect(),
        excluded,
        warnings,
        commitments,
    }
}

/// A record as a message names it: document, line, REF or text.
fn describe(o: &Observation) -> String {
    let what = o
        .reference
        .clone()
        .unwrap_or_else(|| format!("\"{}\"", o.text.chars().take(50).collect::<String>()));
    format!(
        "{} line {} ({what})",
        o.document,
        o.lines.first().copied().unwrap_or(0)
    )
}

fn commitment(
    i: usize,
    track: &[(usize, usize)],
    reports: &[Prepared],
    links: &mut HashMap<(usize, usize), Link>,
    last: usize,
) -> Commitment {
    let records: Vec<&Record> = track.iter().map(|&(c, r)| &reports[c].records[r]).collect();
    let observations: Vec<Observation> = track
        .iter()
        .zip(&records)
        .map(|(&(c, r), rec)| Observation {
            link: links.remove(&(c, r)),
            ..rec.obs.clone()
        })
        .collect();
    let latest = observations.last().expect("a track has an observation");
    let certainty = match observations
        .iter()
        .filter_map(|o| o.link.as_ref())
        .map(|l| l.certain)
        .min()
    {
        None => None,
        Some(true) => Some("certain"),
        Some(false) => Some("uncertain"),
    };
    let worsened = observations
        .windows(2)
        .filter_map(|w| {
            let (from, to) = (w[0].status.as_ref()?, w[1].status.as_ref()?);
            let (a, b) = (rank(from)?, rank(to)?);
            (b < a && b <= 1).then(|| Change {
                from_column: w[0].column,
                to_column: w[1].column,
                from: from.clone(),
                to: to.clone(),
            })
        })
        .collect();
    Commitment {
        id: format!("C{:04}", i + 1),
        service: records.iter().rev().find_map(|r| r.scope.1.clone()),
        section: latest.section.clone(),
        reference: observations.iter().rev().find_map(|o| o.reference.clone()),
        text: records
            .iter()
            .max_by_key(|r| r.all_words.len())
            .map(|r| r.obs.text.clone())
            .unwrap_or_default(),
        certainty,
        worsened,
        vanished_after: (latest.column < last).then_some(latest.column),
        observations,
    }
}

impl Trend {
    /// `trend.json`: the whole trend, pretty, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a trend always serialises");
        s.push('\n');
        s
    }

    /// `trend.csv`: one line per commitment; per report column its status,
    /// the status as written, and the document, page and line it was read
    /// from, and how it was linked.
    pub fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut header: Vec<String> = [
            "id",
            "service",
            "section",
            "reference",
            "text",
            "periods",
            "certainty",
            "worsened",
            "vanished_after",
        ]
        .map(String::from)
        .to_vec();
        for c in &self.columns {
            for f in ["status", "status_text", "document", "page", "line", "link"] {
                header.push(format!("{} {f}", c.label));
            }
        }
        w.write_record(&header)?;
        for k in &self.commitments {
            let worsened: Vec<String> = k
                .worsened
                .iter()
                .map(|ch| {
                    format!(
                        "{}->{} at {}",
                        ch.from, ch.to, self.columns[ch.to_column].label
                    )
                })
                .collect();
            let mut row = vec![
                k.id.clone(),
                k.service.clone().unwrap_or_default(),
                k.section.clone().unwrap_or_default(),
                k.reference.clone().unwrap_or_default(),
                k.text.clone(),
                k.observations.len().to_string(),
                k.certainty.unwrap_or_default().to_string(),
                worsened.join("; "),
                k.vanished_after
                    .map(|c| self.columns[c].label.clone())
                    .unwrap_or_default(),
            ];
            for c in &self.columns {
                match k.observations.iter().find(|o| o.column == c.index) {
                    Some(o) => row.extend([
                        o.status.clone().unwrap_or_default(),
                        o.status_text.clone().unwrap_or_default(),
                        o.document.clone(),
                        o.page.to_string(),
                        o.line.to_string(),
                        o.link.as_ref().map(link_text).unwrap_or_default(),
                    ]),
                    None => row.extend(std::iter::repeat_n(String::new(), 6)),
                }
            }
            w.write_record(&row)?;
        }
        w.into_inner().map_err(|e| e.into_error().into())
    }
}

/// What a `trend` run did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The trend written.
    pub trend: Trend,
    /// Files of the output directory that are not readable documents.
    pub skipped: Vec<Skipped>,
}

/// Reads the documents in `dir`, links their commitments and writes
/// `trend.csv`, `trend.json` and `trend.html` into `out_dir` (each
/// atomically).
pub fn run(dir: &Path, out_dir: &Path, t: Thresholds) -> Result<Outcome, ExportError> {
    t.validate().map_err(ExportError::Usage)?;
    let reports = Reports::discover(dir)?;
    let (prepared, skipped) = reports.map(|i, doc| prepare(&reports.name(i), &doc))?;
    let (mut ok, mut excluded) = (Vec::new(), Vec::new());
    for p in prepared {
        match p {
            Ok(p) => ok.push(p),
            Err(e) => excluded.push(e),
        }
    }
    if ok.is_empty() {
        return Err(ExportError::NoTrend {
            dir: dir.to_path_buf(),
            reasons: excluded
                .iter()
                .map(|e| format!("{}: {}", e.document, e.reason))
                .chain(skipped.iter().map(Skipped::to_string))
                .collect(),
        });
    }
    let trend = build(ok, excluded, t);
    let csv = trend.to_csv().map_err(|e| ExportError::Io {
        path: out_dir.join("trend.csv"),
        source: e.into(),
    })?;
    write_file(&out_dir.join("trend.csv"), &csv)?;
    write_file(&out_dir.join("trend.json"), trend.to_json().as_bytes())?;
    write_file(&out_dir.join("trend.html"), html::render(&trend).as_bytes())?;
    Ok(Outcome { trend, skipped })
}

/// A link as one text field: `certain text 1.00`.
pub fn link_text(l: &Link) -> String {
    let method = match l.method {
        Method::Text => "text",
        Method::Reference => "reference",
        Method::ReferenceAndText => "reference+text",
    };
    let certainty = if l.certain { "certain" } else { "uncertain" };
    format!("{certainty} {method} {:.2}", l.score)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record for linking tests: REF (`MTCS/CYP/1`), text, status.
    fn rec(reference: Option<&str>, text: &str, status: &str) -> Record {
        let scope = reference.map_or((None, None), |r| {
            let parts: Vec<&str> = r.split('/').collect();
            (Some(parts[0].to_string()), Some(parts[1].to_string()))
        });
        let statuses = vec![status.to_string()];
        Record {
            obs: Observation {
                column: 0,
                document: String::new(),
                table: 0,
                row: 0,
                parent: None,
                reference: reference.map(String::from),
                text: text.to_string(),
                priority: None,
                section: None,
                status: headline(&statuses),
                statuses,
                status_text: Some(status.to_string()),
                page: 1,
                line: 1,
                lines: vec![1],
                link: None,
            },
            scope,
            text_words: words(text),
            all_words: words(text),
        }
    }

    fn report(doc: &str, end: &str, records: Vec<Record>) -> Prepared {
        let mut records = records;
        for (i, r) in records.iter_mut().enumerate() {
            r.obs.document = doc.to_string();
            r.obs.row = i;
            r.obs.lines = vec![i as u32 + 1];
        }
        Prepared {
            column: Column {
                index: 0,
                label: String::new(),
                document: doc.to_string(),
                report: doc.to_string(),
                sha256: String::new(),
                start: "2000-01-01".into(),
                end: end.to_string(),
                period: String::new(),
                basis: "stated".into(),
            },
            records,
        }
    }

    /// (document, row) pairs of every commitment seen more than once.
    fn linked(t: &Trend) -> Vec<Vec<(String, usize)>> {
        t.commitments
            .iter()
            .filter(|k| k.observations.len() > 1)
            .map(|k| {
                k.observations
                    .iter()
                    .map(|o| (o.document.clone(), o.row))
                    .collect()
            })
            .collect()
    }

    fn pairs(v: &[(&str, usize, &str, usize)]) -> Vec<Vec<(String, usize)>> {
        v.iter()
            .map(|(a, i, b, j)| vec![(a.to_string(), *i), (b.to_string(), *j)])
            .collect()
    }

    #[test]
    fn renumbered_commitments_link_by_text_not_by_ref() {
        let old = report(
            "old",
            "2008-03-31",
            vec![
                rec(
                    Some("MTCS/CYP/1"),
                    "Mechanisms to promote the views of children",
                    "green",
                ),
                rec(
                    Some("MTCS/CYP/2"),
                    "Implementation of the Children's Trust arrangements",
                    "green",
                ),
            ],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(Some("MTCS/CYP/2"), "24 Children's Centres by 2008", "amber"),
                rec(
                    Some("MTCS/CYP/3"),
                    "Implementation of the Children's Trust arrangements",
                    "achieved",
                ),
                rec(
                    Some("MTCS/CYP/1"),
                    "Mechanisms to promote the views of children",
                    "red",
                ),
            ],
        );
        let t = build(vec![new, old], vec![], Thresholds::default());
        assert_eq!(t.columns[0].document, "old", "period order");
        assert_eq!(
            linked(&t),
            pairs(&[("old", 0, "new", 2), ("old", 1, "new", 1)])
        );
        let k = &t.commitments[0];
        assert_eq!(k.certainty, Some("certain"));
        assert_eq!(k.worsened.len(), 1, "green to red is worse");
        assert_eq!(
            k.observations[1].link.as_ref().unwrap().method,
            Method::Text
        );
        let new_one = t
            .commitments
            .iter()
            .find(|k| k.text.starts_with("24"))
            .unwrap();
        assert_eq!(new_one.observations.len(), 1);
        assert_eq!(new_one.vanished_after, None);
    }

    #[test]
    fn stable_refs_link_a_fragment_as_uncertain() {
        let old = report(
            "old",
            "2008-03-31",
            vec![
                rec(
                    Some("MTCS/RES/1"),
                    "Investor in People status for all services",
                    "amber",
                ),
                rec(
                    Some("MTCS/RES/3"),
                    "Deliver our commitment to equalities issues: more BME employees",
                    "amber",
                ),
                rec(
                    Some("MTCS/RES/4"),
                    "A new CSC in place during 2006/07",
                    "green",
                ),
            ],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(
                    Some("MTCS/RES/1"),
                    "Investor in People status for all services",
                    "amber",
                ),
                rec(Some("MTCS/RES/3"), "commitment to", "amber"),
                rec(
                    Some("MTCS/RES/4"),
                    "A new CSC in place during 2006/07",
                    "amber",
                ),
            ],
        );
        let t = build(vec![old.clone(), new], vec![], Thresholds::default());
        assert_eq!(linked(&t).len(), 3);
        let k = t
            .commitments
            .iter()
            .find(|k| k.reference.as_deref() == Some("MTCS/RES/3"))
            .unwrap();
        let l = k.observations[1].link.as_ref().unwrap();
        assert_eq!((l.method, l.certain), (Method::Reference, false));
        assert_eq!(k.certainty, Some("uncertain"));
        // With only one agreeing text link the REFs are not known to be
        // stable: the fragment is not linked.
        let mut old1 = old;
        old1.records.remove(2);
        let new1 = report(
            "new",
            "2008-06-30",
            vec![
                rec(
                    Some("MTCS/RES/1"),
                    "Investor in People status for all services",
                    "amber",
                ),
                rec(Some("MTCS/RES/3"), "commitment to", "amber"),
            ],
        );
        let t = build(vec![old1, new1], vec![], Thresholds::default());
        assert_eq!(linked(&t), pairs(&[("old", 0, "new", 0)]));
    }

    #[test]
    fn different_programmes_or_services_are_never_linked() {
        let old = report(
            "old",
            "2008-03-31",
            vec![
                rec(
                    Some("AP/HTW/25"),
                    "Increase diversion of waste from landfill to 60%",
                    "green",
                ),
                rec(
                    Some("MTCS/CS/1"),
                    "Comply with 8 public library standards",
                    "green",
                ),
            ],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(
                    Some("MTCS/HTW/4"),
                    "Increase diversion of waste from landfill to 60%",
                    "green",
                ),
                rec(
                    Some("MTCS/RES/1"),
                    "Comply with 8 public library standards",
                    "green",
                ),
                rec(None, "Comply with 8 public library standards", "green"),
            ],
        );
        let t = build(vec![old, new], vec![], Thresholds::default());
        assert_eq!(linked(&t), pairs(&[("old", 1, "new", 2)]));
    }

    #[test]
    fn equal_candidates_are_not_linked_and_said_so() {
        let old = report(
            "old",
            "2008-03-31",
            vec![rec(
                None,
                "Develop action plan to respond to the review",
                "green",
            )],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(
                    None,
                    "Develop action plan to respond to the review",
                    "green",
                ),
                rec(
                    None,
                    "Develop action plan to respond to the review",
                    "amber",
                ),
            ],
        );
        let t = build(vec![old, new], vec![], Thresholds::default());
        assert!(linked(&t).is_empty());
        assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
        assert!(
            t.warnings[0].starts_with("ambiguous, not linked"),
            "{:?}",
            t.warnings
        );
        assert_eq!(t.commitments.len(), 3);
        assert_eq!(t.commitments[0].vanished_after, Some(0));
    }

    #[test]
    fn below_the_link_threshold_nothing_links_and_between_is_uncertain() {
        let old = report(
            "old",
            "2008-03-31",
            vec![
                rec(None, "alpha beta gamma delta epsilon", "green"),
                rec(
                    None,
                    "one two three four five six seven eight nine ten",
                    "green",
                ),
            ],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(None, "alpha beta gamma delta zeta", "green"),
                rec(
                    None,
                    "one two three eleven twelve thirteen fourteen",
                    "green",
                ),
            ],
        );
        let t = build(vec![old, new], vec![], Thresholds::default());
        assert_eq!(linked(&t), pairs(&[("old", 0, "new", 0)]));
        assert_eq!(t.commitments[0].certainty, Some("uncertain"));
    }

    #[test]
    fn headline_is_the_worst_status_and_worse_means_to_amber_or_red() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(headline(&s(&["green", "amber"])), Some("amber".into()));
        assert_eq!(headline(&s(&[])), None);
        let old = report(
            "old",
            "2008-03-31",
            vec![
                rec(None, "alpha beta gamma", "achieved"),
                rec(None, "delta epsilon zeta", "green"),
            ],
        );
        let new = report(
            "new",
            "2008-06-30",
            vec![
                rec(None, "alpha beta gamma", "green"),
                rec(None, "delta epsilon zeta", "amber"),
            ],
        );
        let t = build(vec![old, new], vec![], Thresholds::default());
        assert!(
            t.commitments[0].worsened.is_empty(),
            "achieved to green is not a warning"
        );
        assert_eq!(t.commitments[1].worsened[0].to, "amber");
    }

    #[test]
    fn a_commitment_missing_from_one_report_links_across_the_gap() {
        let a = "Replace 1500 worn out street lights each year";
        let b = "Major improvements to 3 recycling sites";
        let t = build(
            vec![
                report("q3", "2008-12-31", vec![rec(None, a, "red")]),
                report(
                    "q1",
                    "2008-06-30",
                    vec![rec(None, a, "green"), rec(None, b, "green")],
                ),
                report(
                    "q4",
                    "2009-03-31",
                    vec![rec(None, b, "amber"), rec(None, a, "red")],
                ),
            ],
            vec![],
            Thresholds::default(),
        );
        let docs: Vec<&str> = t.columns.iter().map(|c| c.document.as_str()).collect();
        assert_eq!(docs, ["q1", "q3", "q4"]);
        assert_eq!(
            linked(&t),
            vec![
                vec![
                    ("q1".to_string(), 0),
                    ("q3".to_string(), 0),
                    ("q4".to_string(), 1)
                ],
                vec![("q1".to_string(), 1), ("q4".to_string(), 0)],
            ]
        );
        assert!(t.commitments.iter().all(|k| k.vanished_after.is_none()));
        assert_eq!(
            t.commitments[0].worsened[0].to_column, 1,
            "green to red at q3"
        );
    }

    #[test]
    fn thresholds_are_checked() {
        assert!(Thresholds::default().validate().is_ok());
        assert!(Thresholds {
            link: 0.9,
            certain: 0.8
        }
        .validate()
        .is_err());
        assert!(Thresholds {
            link: 0.0,
            certain: 0.8
        }
        .validate()
        .is_err());
    }
}
