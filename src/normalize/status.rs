//! RAG status: the `Red/ Amber Green/Achieved` column.
//!
//! Most cells hold one colour word (`Green`, `AMBER`), but real cells also
//! say which part of a target a colour is for (`7.25 Green 7.26 Achieved.`,
//! `Green (Paid Work) Amber (Vol Work)`), carry the actual figure
//! (`15,770 Red`, `(118) Amber`), explain themselves
//! (`Amber (because roll out delayed from plan)`), or bury the colour in a
//! sentence (`… Performance at end of the year was Red …`). So a cell gives
//! a *list* of [`StatusMention`]s, the figures found beside them, and
//! warnings for every reading that was not a plain colour word.
//!
//! What the colours mean differs between reports (`Green – On Trajectory`
//! against `Green – Achieved`), so a report's own colour key is read into a
//! [`StatusVocab`] and used for that report's cells.

use super::figure::{figures, Figure};
use super::scan::{tokens, Tok, TokKind};
use super::{excerpt, Span, Warning};
use serde::Serialize;

/// A status value.
///
/// Mixed cells such as `Green/Amber` or `Amber Green` are *not* folded into
/// an in-between value: they give two mentions, in the order written, and
/// the consumer decides (the reports never define an in-between colour in
/// their keys, so inventing one would be a guess).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On trajectory / achieved, depending on the report's key.
    Green,
    /// Off trajectory with prospects of recovery / partly achieved.
    Amber,
    /// Off trajectory with little prospect / not achieved.
    Red,
    /// Completed on time or ahead of schedule (a fourth key some reports
    /// use beside the colours).
    Achieved,
}

impl Status {
    const ALL: [Status; 4] = [Status::Green, Status::Amber, Status::Red, Status::Achieved];

    /// The key word as the reports print it.
    fn word(self) -> &'static str {
        match self {
            Status::Green => "Green",
            Status::Amber => "Amber",
            Status::Red => "Red",
            Status::Achieved => "Achieved",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The status a word names, and whether it was spelled as printed
    /// (`Amber`) or in another case (`AMBER`, `amber`).
    fn from_word(w: &str) -> Option<(Status, Match)> {
        Self::ALL.iter().find_map(|&s| {
            if w == s.word() {
                Some((s, Match::Exact))
            } else if w.eq_ignore_ascii_case(s.word()) {
                Some((s, Match::Case))
            } else {
                None
            }
        })
    }
}

/// How a status was recognised — the confidence a consumer can put in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The key word as printed: `Amber`.
    Exact,
    /// The key word in another case: `AMBER`, `green`.
    Case,
    /// A meaning from the report's own key: `Partly achieved` where the key
    /// says `Amber – Partly achieved`.
    Legend,
    /// An OCR slip within a small edit distance: `Δmher`, `Gren` (always
    /// with a `status-ocr` warning).
    Ocr,
}

/// One status read from a cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusMention {
    /// The status.
    pub value: Status,
    /// Which part of the target the status is for: the label written
    /// before it (`7.25`, `LAA7.6`, `Carers (NI135)`), or, when there is
    /// none, a short parenthesis right after it (`Paid Work`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Anything else said right after it: a longer parenthesis or trailing
    /// text (`because roll out delayed from plan`, `Ended in March 2008`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the report's key says this status means (`On Trajectory`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// How it was recognised.
    pub matched: Match,
    /// The words read as the status, as written.
    pub text: String,
    /// Where `text` lies in the cell.
    pub span: Span,
}

/// Everything read from one status cell.
///
/// `statuses` is empty when the cell states no status (the cell's status is
/// then `null`); that comes with a `status-unrecognised` warning unless the
/// cell was blank.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StatusResult {
    /// The statuses, in the order written.
    pub statuses: Vec<StatusMention>,
    /// Figures written as a status's label: `15,770 Red`, `(118) Amber`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// Readings that were not a plain key word.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A report's colour key: what each status means, and the meanings as
/// phrases that name the status in a cell.
///
/// `StatusVocab::default()` knows only the key words themselves.
#[derive(Clone, Debug, Default)]
pub struct StatusVocab {
    meanings: [Option<String>; 4],
    /// Lower-case words of each meaning, longest first, so `Not achieved`
    /// is tried before `Achieved`.
    phrases: Vec<(Vec<String>, Status)>,
}

impl StatusVocab {
    /// Reads a report's key from its legend lines: `Green – On Trajectory`,
    /// `Red-Not achieved`, `Achieved - Completed on time or ahead of
    /// schedule`. A line is an entry when it starts with a key word,
    /// followed by a dash, `:` or `=` and a meaning; other lines are
    /// ignored, so a caller may pass every line it suspects. The first
    /// entry for a status wins.
    ///
    /// Meanings become phrases that name their status in a cell, and they
    /// take precedence over the key words: in a report whose key says
    /// `Green – Achieved`, a cell `Achieved` is green (matched `legend`).
    pub fn from_legend(lines: &[&str]) -> StatusVocab {
        let mut vocab = StatusVocab::default();
        for (status, meaning) in lines.iter().filter_map(|l| legend_entry(l)) {
            let slot = &mut vocab.meanings[status.index()];
            if slot.is_some() {
                continue;
            }
            *slot = Some(meaning.to_string());
            let words: Vec<String> = tokens(meaning)
                .iter()
                .filter(|t| t.kind != TokKind::Other)
                .map(|t| t.text.to_lowercase())
                .collect();
            if !words.is_empty() {
                vocab.phrases.push((words, status));
            }
        }
        vocab.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        vocab
    }

    /// What the key says `status` means, if the report has a key entry.
    pub fn meaning(&self, status: Status) -> Option<&str> {
        self.meanings[status.index()].as_deref()
    }

    /// A key meaning written at token `i`: its status and last token.
    /// Punctuation between the words is skipped (`Off Trajectory, but …`).
    fn phrase_at(&self, toks: &[Tok], i: usize) -> Option<(Status, usize)> {
        'phrases: for (words, status) in &self.phrases {
            let mut j = i;
            for (n, w) in words.iter().enumerate() {
                if n > 0 {
                    while toks.get(j).is_some_and(|t| t.kind == TokKind::Other) {
                        j += 1;
                    }
                }
                match toks.get(j) {
                    Some(t) if t.kind != TokKind::Other && t.text.eq_ignore_ascii_case(w) => j += 1,
                    _ => continue 'phrases,
                }
            }
            return Some((*status, j - 1));
        }
        None
    }
}

/// A legend line's status and meaning.
fn legend_entry(line: &str) -> Option<(Status, &str)> {
    let toks = tokens(line);
    let mut rest = toks
        .iter()
        .skip_while(|t| t.is_char('*') || t.is_char('#') || t.is_char('•'));
    let first = rest.next().filter(|t| t.kind == TokKind::Word)?;
    let (status, _) = Status::from_word(first.text)?;
    let sep = rest.next()?;
    if !(sep.is_dash() || sep.is_char(':') || sep.is_char('=')) {
        return None;
    }
    let meaning = line[sep.end..].trim().trim_end_matches('*').trim_end();
    (!meaning.is_empty()).then_some((status, meaning))
}

/// Reads the status(es) of one status cell.
///
/// * Key words are found in any case; a meaning from the report's key
///   ([`StatusVocab::from_legend`]) counts as its status. `Achieved`
///   right after `not`, `partly` or `partially` is not read as achieved.
/// * Text before a status is its label: up to three words or numbers
///   become its `qualifier`, except a lone count (`15,770`, `(118)`),
///   which goes to `figures`; a lone dotted number (`7.25`) is a section
///   label and stays a qualifier. A longer label means the status was read
///   from running text: the mention keeps only a leading code (`7.21`,
///   `LAA7.6`) as qualifier and carries a `status-in-prose` warning.
/// * A parenthesis right after a status belongs to it (qualifier when
///   short and there is no label, note otherwise); whatever follows it up
///   to the next status is the next status's label; after the last status,
///   the rest is its note.
/// * Only when a short cell (at most three words) names no status is an
///   OCR reading tried: a word of four or more letters within a weighted
///   edit distance of one edit of a key word (`Gren`), where swapping
///   look-alike letters (`Δ`/`a`, `h`/`b`, `c`/`e`, `l`/`i`, `n`/`h`)
///   costs half (`Δmher`). Each such reading has a `status-ocr` warning.
/// * Anything else (`•`, `i`, `N/A`, prose) gives no status and a
///   `status-unrecognised` warning; a blank cell gives neither.
pub fn status(text: &str, vocab: &StatusVocab) -> StatusResult {
    let toks = tokens(text);
    let mut result = StatusResult::default();
    if toks.is_empty() {
        return result;
    }
    let hits = find_hits(&toks, vocab);
    if hits.is_empty() {
        result.warnings.push(Warning {
            code: "status-unrecognised",
            message: format!("no status in {:?}", excerpt(text, 60)),
        });
        return result;
    }
    let mut label_from = 0;
    for (k, hit) in hits.iter().enumerate() {
        let start = toks[hit.first].start;
        let end = toks[hit.last].end;
        let text_of_hit = &text[start..end];
        let (note_range, next_label_from) = match hits.get(k + 1) {
            Some(next) => split_gap(text, end, toks[next.first].start),
            None => (end..text.len(), text.len()),
        };
        let label = read_label(text, &toks, label_from..start);
        label_from = next_label_from;
        if hit.matched == Match::Ocr {
            result.warnings.push(Warning {
                code: "status-ocr",
                message: format!("read {text_of_hit:?} as {}", hit.status.word()),
            });
        }
        let (qualifier, note) = match label {
            Label::Prose(code) => {
                result.warnings.push(Warning {
                    code: "status-in-prose",
                    message: format!("status {text_of_hit:?} read from running text"),
                });
                (code, None)
            }
            Label::Figures(figs) => {
                result.figures.extend(figs);
                short_note_as_qualifier(&text[note_range])
            }
            Label::None => short_note_as_qualifier(&text[note_range]),
            Label::Qualifier(q) => (Some(q), clean(&text[note_range])),
        };
        result.statuses.push(StatusMention {
            value: hit.status,
            qualifier,
            note,
            meaning: vocab.meaning(hit.status).map(str::to_string),
            matched: hit.matched,
            text: text_of_hit.to_string(),
            span: Span { start, end },
        });
    }
    result
}

/// A status found at tokens `first..=last`.
struct Hit {
    status: Status,
    matched: Match,
    first: usize,
    last: usize,
}

fn find_hits(toks: &[Tok], vocab: &StatusVocab) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind == TokKind::Word {
            if let Some((status, last)) = vocab.phrase_at(toks, i) {
                hits.push(Hit {
                    status,
                    matched: Match::Legend,
                    first: i,
                    last,
                });
                i = last + 1;
                continue;
            }
            if let Some((status, matched)) = Status::from_word(t.text) {
                let negated = status == Status::Achieved
                    && i > 0
                    && toks[i - 1].is_any_word(&["not", "partly", "partially"]);
                if !negated {
                    hits.push(Hit {
                        status,
                        matched,
                        first: i,
                        last: i,
                    });
                }
            }
        }
        i += 1;
    }
    let words = toks.iter().filter(|t| t.kind != TokKind::Other).count();
    if hits.is_empty() && words <= 3 {
        for (i, t) in toks.iter().enumerate() {
            // A key word that was passed over (`Not achieved`) is no slip.
            let candidate = t.kind == TokKind::Word && Status::from_word(t.text).is_none();
            if let Some(status) = candidate.then(|| ocr_match(t.text)).flatten() {
                hits.push(Hit {
                    status,
                    matched: Match::Ocr,
                    first: i,
                    last: i,
                });
            }
        }
    }
    hits
}

/// What the text before a status turned out to be.
enum Label {
    None,
    Qualifier(String),
    Figures(Vec<Figure>),
    /// Running text; the leading code, if any.
    Prose(Option<String>),
}

/// Words that join two statuses and say nothing about either.
const JOINERS: &[&str] = &["and", "or", "then", "now"];

fn read_label(text: &str, toks: &[Tok], range: std::ops::Range<usize>) -> Label {
    // Tokens are in text order: the label's are one run, found by search.
    let lo = toks.partition_point(|t| t.start < range.start);
    let hi = toks.partition_point(|t| t.end <= range.end).max(lo);
    let mut content = (lo..hi).filter(|&i| toks[i].kind != TokKind::Other);
    let first = content.next();
    let count = first.map_or(0, |_| 1 + content.clone().count());
    if (lo..hi).all(|i| toks[i].kind == TokKind::Other || toks[i].is_any_word(JOINERS)) {
        return Label::None;
    }
    if count > 3 {
        let code = first.and_then(|i| {
            let t = toks[i];
            let number_next = toks
                .get(i + 1)
                .filter(|n| n.kind == TokKind::Number && n.start == t.end);
            match (t.kind, number_next) {
                (TokKind::Number, _) if t.text.contains('.') => Some(t.text.to_string()),
                (TokKind::Word, Some(n)) => Some(text[t.start..n.end].to_string()),
                _ => None,
            }
        });
        return Label::Prose(code);
    }
    if let (1, Some(i)) = (count, first) {
        let num = toks[i];
        if num.kind == TokKind::Number {
            let parenthesised =
                i > 0 && toks[i - 1].is_char('(') && toks[i - 1].start >= range.start;
            if !num.text.contains('.') || parenthesised {
                let figs: Vec<Figure> = figures(&text[range.clone()])
                    .into_iter()
                    .map(|mut f| {
                        f.span = f.span.shifted(range.start);
                        f
                    })
                    .collect();
                if !figs.is_empty() {
                    return Label::Figures(figs);
                }
            }
        }
    }
    clean(&text[range]).map_or(Label::None, Label::Qualifier)
}

/// Splits the text between two statuses (`from..to`): a parenthesis right
/// after the first is its note; the rest labels the second. Gives the
/// note's range and where the second's label starts.
fn split_gap(text: &str, from: usize, to: usize) -> (std::ops::Range<usize>, usize) {
    let gap = &text[from..to];
    let lead = gap.len() - gap.trim_start().len();
    if !gap[lead..].starts_with('(') {
        return (from..from, from);
    }
    let mut depth = 0usize;
    for (off, c) in gap[lead..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let close = from + lead + off;
                    return (from + lead..close + 1, close + 1);
                }
            }
            _ => {}
        }
    }
    (from..to, to)
}

/// With no label, a short parenthesis after a status names the part it is
/// for (`Green (Paid Work)`); anything longer, or not in parentheses, is
/// a note.
fn short_note_as_qualifier(note: &str) -> (Option<String>, Option<String>) {
    let parenthesised = {
        let t = note.trim_matches(|c: char| c.is_whitespace() || c == '.');
        t.starts_with('(') && t.ends_with(')')
    };
    let Some(note) = clean(note) else {
        return (None, None);
    };
    if !parenthesised {
        // Trailing words say when or how (`July 2007`, `Not achieved`),
        // not which part of the target the status is for.
        return (None, Some(note));
    }
    let words = tokens(&note)
        .iter()
        .filter(|t| t.kind != TokKind::Other)
        .count();
    if words <= 3 && note.len() < 40 {
        (Some(note), None)
    } else {
        (None, Some(note))
    }
}

/// Trims separators, whitespace and one pair of enclosing parentheses.
fn clean(s: &str) -> Option<String> {
    let sep = |c: char| {
        c.is_whitespace() || matches!(c, '=' | ':' | ',' | ';' | '/' | '-' | '–' | '—' | '.')
    };
    let mut s = s.trim_matches(sep);
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        s = inner.trim_matches(sep);
    }
    (!s.is_empty()).then(|| s.to_string())
}

/// The status an OCR-damaged word most likely is, if it is close enough
/// to exactly one key word (see [`status`]).
fn ocr_match(word: &str) -> Option<Status> {
    let n = word.chars().count();
    if !(4..=MAX_OCR_LEN).contains(&n) {
        return None;
    }
    let mut best: Option<(u32, Status)> = None;
    let mut tie = false;
    for s in Status::ALL {
        let cost = weighted_distance(word, s.word());
        match best {
            Some((c, _)) if cost > c => {}
            Some((c, _)) if cost == c => tie = true,
            _ => {
                best = Some((cost, s));
                tie = false;
            }
        }
    }
    best.filter(|&(c, _)| c <= 2 && !tie).map(|(_, s)| s)
}

const MAX_OCR_LEN: usize = 10;

/// Edit distance in half-edits: insertion, deletion and substitution cost
/// 2, a look-alike substitution costs 1. No allocation: words are short.
fn weighted_distance(word: &str, key: &str) -> u32 {
    const LOOKALIKES: &[(char, char)] = &[
        ('δ', 'a'),
        ('α', 'a'),
        ('h', 'b'),
        ('b', 'h'),
        ('c', 'e'),
        ('e', 'c'),
        ('ε', 'e'),
        ('l', 'i'),
        ('i', 'l'),
        ('n', 'h'),
        ('h', 'n'),
    ];
    let mut w = ['\0'; MAX_OCR_LEN];
    let mut wn = 0;
    for c in word.chars().take(MAX_OCR_LEN) {
        w[wn] = c.to_lowercase().next().unwrap_or(c);
        wn += 1;
    }
    let key = key.as_bytes();
    let mut prev = [0u32; 9];
    let mut cur = [0u32; 9];
    for (j, p) in prev.iter_mut().enumerate().take(key.len() + 1) {
        *p = 2 * j as u32;
    }
    for &a in &w[..wn] {
        cur[0] = prev[0] + 2;
        for j in 1..=key.len() {
            let b = char::from(key[j - 1].to_ascii_lowercase());
            let sub = if a == b {
                0
            } else if LOOKALIKES.contains(&(a, b)) {
                1
            } else {
                2
            };
            cur[j] = (prev[j - 1] + sub).min(prev[j] + 2).min(cur[j - 1] + 2);
        }
        prev = cur;
    }
    prev[key.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, qualifier, note, matched) of each mention.
    type Want<'a> = (Status, Option<&'a str>, Option<&'a str>, Match);

    fn mentions(r: &StatusResult) -> Vec<Want<'_>> {
        r.statuses
            .iter()
            .map(|m| {
                (
                    m.value,
                    m.qualifier.as_deref(),
                    m.note.as_deref(),
                    m.matched,
                )
            })
            .collect()
    }

    fn codes(r: &StatusResult) -> Vec<&'static str> {
        r.warnings.iter().map(|w| w.code).collect()
    }

    use Match::{Case, Exact, Legend, Ocr};
    use Status::{Achieved, Amber, Green, Red};

    /// Every distinct status-column string of reports 000 and 001 (markup
    /// stripped as the grammar does), and other corpus strings that name a
    /// status (comments, key lines), with what they say.
    #[test]
    fn corpus_status_cells() {
        let d = StatusVocab::default();
        let cases: &[(&str, &[Want], &[&str])] = &[
            ("Green", &[(Green, None, None, Exact)], &[]),
            ("Amber", &[(Amber, None, None, Exact)], &[]),
            ("Red", &[(Red, None, None, Exact)], &[]),
            ("Achieved", &[(Achieved, None, None, Exact)], &[]),
            ("AMBER", &[(Amber, None, None, Case)], &[]),
            ("GREEN", &[(Green, None, None, Case)], &[]),
            ("(118) Amber", &[(Amber, None, None, Exact)], &[]),
            ("(28) Achieved", &[(Achieved, None, None, Exact)], &[]),
            ("(162) Green", &[(Green, None, None, Exact)], &[]),
            ("15,770 Red", &[(Red, None, None, Exact)], &[]),
            ("10,059 Red", &[(Red, None, None, Exact)], &[]),
            ("21,021 Red", &[(Red, None, None, Exact)], &[]),
            ("Carers (NI135) = Amber", &[(Amber, Some("Carers (NI135)"), None, Exact)], &[]),
            (
                "Green (Paid Work) Amber (Vol Work)",
                &[(Green, Some("Paid Work"), None, Exact), (Amber, Some("Vol Work"), None, Exact)],
                &[],
            ),
            (
                "7.25 Green 7.26 Achieved.",
                &[(Green, Some("7.25"), None, Exact), (Achieved, Some("7.26"), None, Exact)],
                &[],
            ),
            (
                "LAA7.6 Achieved (first cohort), LAA7.7 Green (second cohort)",
                &[
                    (Achieved, Some("LAA7.6"), Some("first cohort"), Exact),
                    (Green, Some("LAA7.7"), Some("second cohort"), Exact),
                ],
                &[],
            ),
            (
                "AMBER (Project relies on DCFS capital funding through the Targeted Capital Fund)",
                &[(
                    Amber,
                    None,
                    Some("Project relies on DCFS capital funding through the Targeted Capital Fund"),
                    Case,
                )],
                &[],
            ),
            (
                "Amber (because roll out delayed from plan)",
                &[(Amber, None, Some("because roll out delayed from plan"), Exact)],
                &[],
            ),
            (
                "Achieved/Ended in March 2008",
                &[(Achieved, None, Some("Ended in March 2008"), Exact)],
                &[],
            ),
            (
                "Ended in March 2008 Performance at end of the year was Red and has been previously reported on.",
                &[(Red, None, None, Exact)],
                &["status-in-prose"],
            ),
            (
                "7.21 Ended in March 2008 Performance was recorded as Red and has previously been reported upon.",
                &[(Red, Some("7.21"), None, Exact)],
                &["status-in-prose"],
            ),
            (
                "7.22 No Q1 data available End of year performance was Red, with a reduction on previous year.",
                &[(Red, Some("7.22"), None, Exact)],
                &["status-in-prose"],
            ),
            (
                "Ended in March 2008. Performance at March 2008 – Green (data usually available 5 months after the end of the quarter)",
                &[(Green, None, None, Exact)],
                &["status-in-prose"],
            ),
            (
                "Indicator ended March 2008. Achieved",
                &[(Achieved, None, None, Exact)],
                &["status-in-prose"],
            ),
            ("Green/Amber", &[(Green, None, None, Exact), (Amber, None, None, Exact)], &[]),
            ("Amber Green", &[(Amber, None, None, Exact), (Green, None, None, Exact)], &[]),
            (
                "Amber Amber Green",
                &[(Amber, None, None, Exact), (Amber, None, None, Exact), (Green, None, None, Exact)],
                &[],
            ),
            // Comments that open with the status, from 000, 001 and 003.
            ("Achieved.", &[(Achieved, None, None, Exact)], &[]),
            ("Achieved July 2007.", &[(Achieved, None, Some("July 2007"), Exact)], &[]),
            (
                "Achieved – Customer Service Centre went live on 12th December 2007",
                &[(Achieved, None, Some("Customer Service Centre went live on 12th December 2007"), Exact)],
                &[],
            ),
            (
                "Achieved. Loughborough open on Sundays",
                &[(Achieved, None, Some("Loughborough open on Sundays"), Exact)],
                &[],
            ),
            (
                "Achieved. All road maintenance defect indicators performing below 12%.",
                &[(Achieved, None, Some("All road maintenance defect indicators performing below 12%"), Exact)],
                &[],
            ),
            (
                "Achieved. Work commenced 17th September.",
                &[(Achieved, None, Some("Work commenced 17th September"), Exact)],
                &[],
            ),
            (
                "Achieved and ongoing through HoS Performance Group.",
                &[(Achieved, None, Some("and ongoing through HoS Performance Group"), Exact)],
                &[],
            ),
            (
                "Achieved improvements to Loughborough, Coalville and Oadby RHWSs.",
                &[(Achieved, None, Some("improvements to Loughborough, Coalville and Oadby RHWSs"), Exact)],
                &[],
            ),
            // Statuses inside running text, from comment cells.
            (
                "No current data available – previous position (2007/8 Q3): Red.",
                &[(Red, None, None, Exact)],
                &["status-in-prose"],
            ),
            (
                "IIP status has been achieved for all bar two departments.",
                &[(Achieved, None, None, Case)],
                &["status-in-prose"],
            ),
            (
                "Ensure commissioning and procurement targets are being achieved.",
                &[(Achieved, None, None, Case)],
                &["status-in-prose"],
            ),
            (
                "damage in priority neighbourhoods used for 2007/08. Target achieved. No further targets set",
                &[(Achieved, None, None, Case)],
                &["status-in-prose"],
            ),
            // `not achieved` is no achievement.
            (
                "A number of departments have not achieved IIP status.",
                &[],
                &["status-unrecognised"],
            ),
            ("Red - Not achieved", &[(Red, None, Some("Not achieved"), Exact)], &[]),
            // Colour-key lines of 000 and 001 as cells (read without a key).
            ("Green – On Trajectory", &[(Green, None, Some("On Trajectory"), Exact)], &[]),
            (
                "Amber - Off Trajectory, but With Prospects For Recovery With Remedial Action",
                &[(Amber, None, Some("Off Trajectory, but With Prospects For Recovery With Remedial Action"), Exact)],
                &[],
            ),
            (
                "Red- Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory Back On Target",
                &[(Red, None, Some("Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory Back On Target"), Exact)],
                &[],
            ),
            (
                "Achieved - Completed on time or ahead of schedule",
                &[(Achieved, None, Some("Completed on time or ahead of schedule"), Exact)],
                &[],
            ),
            ("Amber – Partly achieved", &[(Amber, None, Some("Partly achieved"), Exact)], &[]),
            ("Red-Not achieved", &[(Red, None, Some("Not achieved"), Exact)], &[]),
            ("Green – Achieved", &[(Green, None, None, Exact), (Achieved, None, None, Exact)], &[]),
            ("Key", &[], &["status-unrecognised"]),
            // The column's own header label, leaked into a cell.
            (
                "Red/ Amber Green/Achieved",
                &[(Red, None, None, Exact), (Amber, None, None, Exact), (Green, None, None, Exact), (Achieved, None, None, Exact)],
                &[],
            ),
            ("Δmher", &[(Amber, None, None, Ocr)], &["status-ocr"]),
            ("Gren", &[(Green, None, None, Ocr)], &["status-ocr"]),
            ("•", &[], &["status-unrecognised"]),
            ("i", &[], &["status-unrecognised"]),
            ("N/A", &[], &["status-unrecognised"]),
            ("--", &[], &["status-unrecognised"]),
            ("", &[], &[]),
            ("   ", &[], &[]),
            (
                "First Edition of the Transport Asset Management Plan (TAMP) completed November 2007.",
                &[],
                &["status-unrecognised"],
            ),
            (
                "Trading hours of the Customer Service Centre have been changed to deliver extended hours to meet customer needs. CSC is now open an extra hour per day. Opening times are 8am-6pm from Monday until Friday. Total hours previously =42 hours Revised hours = 50 hours Total increase 16 hours Therefore a 19% increase. The team will continue to proactively examine opportunities to extend the service to achieve target.",
                &[],
                &["status-unrecognised"],
            ),
        ];
        for (text, want, warn) in cases {
            let r = status(text, &d);
            assert_eq!(mentions(&r), *want, "statuses of {text:?}");
            assert_eq!(codes(&r), *warn, "warnings of {text:?}");
        }
    }

    #[test]
    fn figures_beside_statuses() {
        let d = StatusVocab::default();
        let r = status("15,770 Red", &d);
        assert_eq!(r.figures.len(), 1);
        assert_eq!(r.figures[0].value, 15_770.0);
        assert_eq!(r.figures[0].text, "15,770");
        let r = status("(118) Amber", &d);
        assert_eq!(
            (r.figures[0].value, r.figures[0].span),
            (118.0, Span { start: 1, end: 4 })
        );
        assert!(status("7.25 Green 7.26 Achieved.", &d).figures.is_empty());
    }

    const KEY_000: [&str; 4] = [
        "Green – On Trajectory",
        "Amber - Off Trajectory, but With Prospects For Recovery With Remedial Action",
        "Red- Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory Back On Target",
        "Achieved - Completed on time or ahead of schedule",
    ];
    const KEY_001: [&str; 4] = [
        "Green – Achieved",
        " Amber – Partly achieved",
        "Red-Not achieved",
        "Red - Not achieved",
    ];

    #[test]
    fn legends_from_the_corpus() {
        let v = StatusVocab::from_legend(&KEY_000);
        assert_eq!(v.meaning(Green), Some("On Trajectory"));
        assert_eq!(
            v.meaning(Amber),
            Some("Off Trajectory, but With Prospects For Recovery With Remedial Action")
        );
        assert_eq!(
            v.meaning(Achieved),
            Some("Completed on time or ahead of schedule")
        );
        let r = status("Achieved", &v);
        assert_eq!(mentions(&r), vec![(Achieved, None, None, Exact)]);
        assert_eq!(
            r.statuses[0].meaning.as_deref(),
            Some("Completed on time or ahead of schedule")
        );

        let v = StatusVocab::from_legend(&KEY_001);
        assert_eq!(v.meaning(Red), Some("Not achieved"));
        assert_eq!(v.meaning(Amber), Some("Partly achieved"));
        assert_eq!(
            mentions(&status("Partly achieved", &v)),
            vec![(Amber, None, None, Legend)]
        );
        assert_eq!(
            mentions(&status("Not achieved", &v)),
            vec![(Red, None, None, Legend)]
        );
        assert_eq!(
            mentions(&status("Achieved", &v)),
            vec![(Green, None, None, Legend)]
        );
        assert_eq!(
            mentions(&status("GREEN", &v)),
            vec![(Green, None, None, Case)]
        );

        // Without a key, a negated "achieved" names no status.
        let d = StatusVocab::default();
        assert!(status("Not achieved", &d).statuses.is_empty());
        // Lines that are not key entries are ignored.
        let v = StatusVocab::from_legend(&["Key", "Children and Young People's Service - CPA", ""]);
        assert_eq!(v.meaning(Green), None);
    }

    #[test]
    fn ocr_is_only_a_fallback() {
        let d = StatusVocab::default();
        // Words near a key word inside a longer cell are not read as status.
        assert!(status("to achieve target in time", &d).statuses.is_empty());
        // Three-letter words are never OCR readings ("Rod" is not "Red").
        assert!(status("Rod", &d).statuses.is_empty());
    }

    #[test]
    fn json_shape() {
        let r = status("Green (Paid Work)", &StatusVocab::from_legend(&KEY_000));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["statuses"][0]["value"], "green");
        assert_eq!(json["statuses"][0]["qualifier"], "Paid Work");
        assert_eq!(json["statuses"][0]["meaning"], "On Trajectory");
        assert_eq!(json["statuses"][0]["matched"], "exact");
        assert_eq!(json["statuses"][0]["span"], serde_json::json!([0, 5]));
        assert!(json["statuses"][0].get("note").is_none());
        assert!(json.get("figures").is_none());
    }
}
