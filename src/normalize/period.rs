//! Dates and periods: deadline, milestone and time-scale cells, date
//! phrases trailing in target cells, and the reporting period of a title.
//!
//! The reports write dates every way a person would: `31 st March 2005`,
//! `Sept 2008`, `Nov'08`, `Summer/Autumn 2008`, `2005/ 06`, `Qrt 2`,
//! `By end 2010`, `March- 10`, `21.5.08`. Each becomes a [`Period`]: the
//! first and last day it covers, how precise the text was, and whether it
//! is a point, a range, a start (`From …`), a deadline (`By …`) or
//! `Ongoing`.
//!
//! Conventions (UK local government, 2002–2010):
//! * **Financial years** run 1 April to 31 March: `2005/06`, `2007-08`,
//!   `2008/2009`, `2008/9`, `04/05` are 2005-04-01..2006-03-31 and so on.
//!   `2002/04` (slash, not consecutive) is the range of financial years
//!   2002/03–2003/04; `2001-04` or `1994-98` (dash) is a range of calendar
//!   years.
//! * **Quarters** are of the financial year: Q1 = Apr–Jun, Q2 = Jul–Sep,
//!   Q3 = Oct–Dec, Q4 = Jan–Mar of the following calendar year.
//!   `Q1 2008` is Q1 of 2008/09. A quarter with no year (`Qrt 2`) keeps
//!   `quarter` but has no `start`/`end`: the caller can date it against
//!   the report's period ([`report_period`]).
//! * **Seasons**: spring = March–May, summer = June–August, autumn =
//!   September–November, winter = December to the end of February of the
//!   next year (`Winter 2008` = 2008-12-01..2009-02-28).
//! * **Two-digit years** are 20yy below 70, 19yy otherwise. After a month,
//!   a two-digit number is a year (`Sept 09`, `March 10`), unless an
//!   ordinal suffix follows (`June 18 th`).
//! * A day or month with no year (`20 June`, `February/March`) gives no
//!   period: guessing its year would be silent invention.

use super::scan::{int_value, month, season, tokens, Season, Tok, TokKind, PLAIN_YEARS};
use super::Span;
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date, serialised as `"YYYY-MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A valid date, or `None`.
    fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    fn first_of(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: 1,
        }
    }

    fn last_of(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How precisely the text named the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// `31 st March 2005`, `21.5.08`.
    Day,
    /// `March 2009`, `Nov'08`.
    Month,
    /// `Summer 2008`.
    Season,
    /// `Q1 2008/09`, `Qrt 2`.
    Quarter,
    /// `2005/06`, `Year End 2007-08`.
    FinancialYear,
    /// `2006`.
    Year,
}

/// What the period says about the work it dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// The work happens in the period: `March 2009`.
    Point,
    /// Between two periods: `Summer/Autumn 2008`, `May-Aug 2010`.
    Range,
    /// Starts in the period and goes on: `From Spring 2008`,
    /// `Summer 2008 on-going`, `April 2010 onwards`.
    From,
    /// Done by the end of the period (the deadline is `end`):
    /// `By March 2011`, `By end 2010`, `end of march 2010`.
    By,
    /// `Ongoing`: no dates.
    Ongoing,
}

/// One date or period read from a value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Period {
    /// First day covered; absent for `ongoing` and for a quarter with no
    /// year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day covered (the deadline of a `by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// How precise the text was; absent for `ongoing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// Point, range, from, by or ongoing.
    pub kind: PeriodKind,
    /// The financial-year quarter (1–4) of a quarter period, kept even
    /// when its year is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
    /// The phrase as written, with its `From`/`By …` words.
    pub text: String,
    /// Where `text` lies in the value.
    pub span: Span,
}

/// A period found at tokens `first..=last`, before its `From`/`By` words
/// are looked for.
#[derive(Clone, Copy, Debug)]
struct Core {
    start: Option<Date>,
    end: Option<Date>,
    precision: Option<Precision>,
    kind: PeriodKind,
    quarter: Option<u8>,
    first: usize,
    last: usize,
}

impl Core {
    fn dated(range: (Date, Date), precision: Precision, first: usize, last: usize) -> Core {
        Core {
            start: Some(range.0),
            end: Some(range.1),
            precision: Some(precision),
            kind: PeriodKind::Point,
            quarter: None,
            first,
            last,
        }
    }

    fn quarter(q: u8, fy_start: Option<i32>, first: usize, last: usize) -> Core {
        let range = fy_start.map(|y| fy_quarter(y, q));
        Core {
            start: range.map(|r| r.0),
            end: range.map(|r| r.1),
            precision: Some(Precision::Quarter),
            kind: PeriodKind::Point,
            quarter: Some(q),
            first,
            last,
        }
    }

    /// The financial year this period names or starts, for dating a
    /// quarter written beside it (`2007/8 Q3`, `Quarter 1 2008`).
    fn fy_start(&self) -> Option<i32> {
        match self.precision {
            Some(Precision::FinancialYear | Precision::Year) if self.kind == PeriodKind::Point => {
                self.start.map(|d| d.year)
            }
            _ => None,
        }
    }
}

fn financial_year(y: i32) -> (Date, Date) {
    (Date::first_of(y, 4), Date::last_of(y + 1, 3))
}

fn fy_quarter(fy_start: i32, q: u8) -> (Date, Date) {
    let (year, month) = match q {
        1 => (fy_start, 4),
        2 => (fy_start, 7),
        3 => (fy_start, 10),
        _ => (fy_start + 1, 1),
    };
    (Date::first_of(year, month), Date::last_of(year, month + 2))
}

fn season_range(s: Season, y: i32) -> (Date, Date) {
    match s {
        Season::Spring => (Date::first_of(y, 3), Date::last_of(y, 5)),
        Season::Summer => (Date::first_of(y, 6), Date::last_of(y, 8)),
        Season::Autumn => (Date::first_of(y, 9), Date::last_of(y, 11)),
        Season::Winter => (Date::first_of(y, 12), Date::last_of(y + 1, 2)),
    }
}

/// A year written with four digits (1900–2099) or two (see the module
/// doc).
fn year_of(s: &str) -> Option<i32> {
    let v = i32::try_from(int_value(s)?).ok()?;
    match s.len() {
        4 if (1900..=2099).contains(&v) => Some(v),
        2 => Some(if v < 70 { 2000 + v } else { 1900 + v }),
        _ => None,
    }
}

/// Reads every date and period in `text`, in order (see the module doc
/// for the conventions). Several in one cell give several periods
/// (`31 st March 2005  April 2003`); `To be agreed` gives none.
pub fn periods(text: &str) -> Vec<Period> {
    let t = tokens(text);
    let mut cores: Vec<Core> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some(mut core) = parse_at(&t, i) else {
            i += 1;
            continue;
        };
        if core.kind == PeriodKind::Point
            && t.get(core.last + 1)
                .is_some_and(|w| w.is_any_word(&["onwards", "onward"]))
        {
            core.kind = PeriodKind::From;
            core.last += 1;
        }
        i = core.last + 1;
        let merged = cores.last_mut().is_some_and(|prev| {
            (prev.last + 1 == core.first && merge_adjacent(prev, &core))
                || (prev.last + 2 == core.first
                    && is_range_joiner(&t[prev.last + 1])
                    && join_range(prev, &core))
        });
        if !merged {
            cores.push(core);
        }
    }
    let mut floor = 0;
    cores
        .iter()
        .map(|c| {
            let (kind, first) = modifier(&t, c, floor);
            floor = c.last + 1;
            let span = Span {
                start: t[first].start,
                end: t[c.last].end,
            };
            Period {
                start: c.start,
                end: c.end,
                precision: c.precision,
                kind,
                quarter: c.quarter,
                text: text[span.range()].to_string(),
                span,
            }
        })
        .collect()
}

/// Folds `next`, written right after `prev`, into it when the two are one
/// period: a quarter after its year (`2007/8 Q3`), or `on-going` after a
/// date (`Summer 2008 on-going` starts in summer 2008).
fn merge_adjacent(prev: &mut Core, next: &Core) -> bool {
    if let (Some(q), None, Some(y)) = (next.quarter, next.start, prev.fy_start()) {
        *prev = Core::quarter(q, Some(y), prev.first, next.last);
        return true;
    }
    if next.kind == PeriodKind::Ongoing && prev.start.is_some() && prev.kind == PeriodKind::Point {
        prev.kind = PeriodKind::From;
        prev.last = next.last;
        return true;
    }
    false
}

fn is_range_joiner(t: &Tok) -> bool {
    t.is_dash() || t.is_any_word(&["to", "until"])
}

/// `prev – next` as one range (`04/05 – 06/07`), when both are dated and
/// in order.
fn join_range(prev: &mut Core, next: &Core) -> bool {
    match (prev.start, next.end) {
        (Some(s), Some(e)) if s <= e && prev.kind == PeriodKind::Point => {
            prev.end = Some(e);
            prev.kind = PeriodKind::Range;
            prev.quarter = None;
            prev.last = next.last;
            true
        }
        _ => false,
    }
}

/// The kind a period gets from the words before it — `From`, `By`,
/// `before`, `until`, `(by) (the) end (of)` — and its first token with
/// those words. Only words after the previous period (`floor`) count.
fn modifier(t: &[Tok], c: &Core, floor: usize) -> (PeriodKind, usize) {
    if c.kind != PeriodKind::Point {
        return (c.kind, c.first);
    }
    let word_at = |j: usize, w: &[&str]| j >= floor && t[j].is_any_word(w);
    let mut j = c.first;
    let mut end = false;
    if j >= 2 && word_at(j - 1, &["of"]) && word_at(j - 2, &["end"]) {
        j -= 2;
        end = true;
    } else if j >= 1 && word_at(j - 1, &["end"]) && !(j >= 2 && t[j - 2].is_word("year")) {
        // `Year End 2007-08` is the year itself, not a deadline.
        j -= 1;
        end = true;
    }
    if end {
        if j >= 2 && word_at(j - 1, &["the"]) && word_at(j - 2, &["by"]) {
            j -= 2;
        } else if j >= 1 && word_at(j - 1, &["by"]) {
            j -= 1;
        }
        return (PeriodKind::By, j);
    }
    if j >= 1 && word_at(j - 1, &["from"]) {
        (PeriodKind::From, j - 1)
    } else if j >= 1 && word_at(j - 1, &["by", "before", "until"]) {
        (PeriodKind::By, j - 1)
    } else {
        (PeriodKind::Point, j)
    }
}

/// The period starting at token `i`, if one does.
fn parse_at(t: &[Tok], i: usize) -> Option<Core> {
    match t[i].kind {
        TokKind::Number => numeric_date(t, i)
            .or_else(|| day_month_year(t, i))
            .or_else(|| financial_years(t, i))
            .or_else(|| ordinal_quarter(t, i))
            .or_else(|| bare_year(t, i)),
        TokKind::Word => word_quarter(t, i)
            .or_else(|| months_or_seasons(t, i))
            .or_else(|| ongoing(t, i)),
        TokKind::Other => None,
    }
}

/// `21.5.08`, `01/4/06`, `18/06/08` (day first), `2010-06-23` (ISO).
fn numeric_date(t: &[Tok], i: usize) -> Option<Core> {
    let a = t[i];
    let day = |d: &str, m: &str, y: &str, last: usize| {
        let d = u8::try_from(int_value(d)?).ok()?;
        let m = u8::try_from(int_value(m)?).ok()?;
        let date = Date::new(year_of(y)?, m, d)?;
        Some(Core::dated((date, date), Precision::Day, i, last))
    };
    let mut parts = a.text.split('.');
    if let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        return day(d, m, y, i);
    }
    let sep = t.get(i + 1)?;
    let b = t.get(i + 2)?;
    let sep2 = t.get(i + 3)?;
    let c = t.get(i + 4)?;
    let chained = [a, *sep, *b, *sep2]
        .windows(2)
        .all(|w| w[0].end == w[1].start)
        && sep2.end == c.start
        && sep.text == sep2.text
        && (sep.is_char('/') || sep.is_char('-'))
        && [a, *b, *c].iter().all(|x| x.is_digits());
    if !chained {
        return None;
    }
    if a.text.len() == 4 && sep.is_char('-') {
        day(c.text, b.text, a.text, i + 4)
    } else {
        day(a.text, b.text, c.text, i + 4)
    }
}

/// `31 st March 2005`, `1 st Jan 2004`, `19 December 2006`,
/// `7 th July, 03`.
fn day_month_year(t: &[Tok], i: usize) -> Option<Core> {
    let d = t[i];
    if !d.is_digits() || d.text.len() > 2 {
        return None;
    }
    let mut j = i + 1;
    if t.get(j).is_some_and(Tok::is_ordinal_suffix) {
        j += 1;
    }
    let m = month(t.get(j).filter(|w| w.kind == TokKind::Word)?.text)?;
    j += 1;
    if t.get(j).is_some_and(|x| x.is_char('.') || x.is_char(',')) {
        j += 1;
    }
    let (y, last) = year_token(t, j)?;
    let date = Date::new(y, m, u8::try_from(int_value(d.text)?).ok()?)?;
    Some(Core::dated((date, date), Precision::Day, i, last))
}

/// A year at token `j`: `2008`, `08` (not followed by an ordinal suffix or
/// a month, which make it a day), `'08`. Gives the year and its last
/// token.
fn year_token(t: &[Tok], j: usize) -> Option<(i32, usize)> {
    let y = t.get(j)?;
    if y.is_char('\'') || y.is_char('’') {
        let n = t
            .get(j + 1)
            .filter(|n| n.start == y.end && n.is_digits() && n.text.len() == 2)?;
        return Some((year_of(n.text)?, j + 1));
    }
    if !y.is_digits() {
        return None;
    }
    if y.text.len() == 2 {
        let next = t.get(j + 1);
        let is_day = next.is_some_and(|n| {
            n.is_ordinal_suffix() || (n.kind == TokKind::Word && month(n.text).is_some())
        });
        if is_day {
            return None;
        }
    }
    Some((year_of(y.text)?, j))
}

/// Financial years and year ranges: `2005/06`, `2005/ 06`, `2007-08`,
/// `2008/2009`, `2008/9`, `04/05`; `2002/04` (financial-year range);
/// `2001-04`, `1994-98` (calendar-year range). Not a code's digits
/// (`BV96/97`, two performance indicators).
fn financial_years(t: &[Tok], i: usize) -> Option<Core> {
    let a = t[i];
    if i > 0 && t[i - 1].end == a.start && t[i - 1].kind == TokKind::Word {
        return None;
    }
    let sep = t.get(i + 1).filter(|s| s.is_char('/') || s.is_dash())?;
    let b = t.get(i + 2).filter(|b| b.is_digits())?;
    if !a.is_digits() || !(sep.start == a.end || b.start == sep.end) {
        return None;
    }
    let slash = sep.is_char('/');
    let av = i32::try_from(int_value(a.text)?).ok()?;
    let bv = i32::try_from(int_value(b.text)?).ok()?;
    let last = i + 2;
    if a.text.len() == 2 {
        let tight = sep.start == a.end && b.start == sep.end;
        if !(tight && b.text.len() == 2 && bv == (av + 1) % 100) {
            return None;
        }
        let fy = financial_year(year_of(a.text)?);
        return Some(Core::dated(fy, Precision::FinancialYear, i, last));
    }
    let y = year_of(a.text).filter(|_| a.text.len() == 4)?;
    let end_year = match b.text.len() {
        4 => bv,
        2 => y - y % 100 + bv,
        1 if slash && bv == (y + 1) % 10 => y + 1,
        _ => return None,
    };
    if end_year == y + 1 {
        return Some(Core::dated(
            financial_year(y),
            Precision::FinancialYear,
            i,
            last,
        ));
    }
    if end_year <= y || end_year - y > 20 {
        return None;
    }
    let mut core = if slash {
        let range = (financial_year(y).0, financial_year(end_year - 1).1);
        Core::dated(range, Precision::FinancialYear, i, last)
    } else {
        let range = (Date::first_of(y, 1), Date::last_of(end_year, 12));
        Core::dated(range, Precision::Year, i, last)
    };
    core.kind = PeriodKind::Range;
    Some(core)
}

/// A plain year, `2006`, standing alone (not touching letters, not an
/// amount).
fn bare_year(t: &[Tok], i: usize) -> Option<Core> {
    let y = t[i];
    let v = int_value(y.text).filter(|v| y.text.len() == 4 && PLAIN_YEARS.contains(v))?;
    let prev = i.checked_sub(1).map(|p| t[p]);
    let next = t.get(i + 1);
    let touches_word = prev.is_some_and(|p| p.end == y.start && p.kind == TokKind::Word)
        || next.is_some_and(|n| n.start == y.end && n.kind == TokKind::Word);
    let amount = prev.is_some_and(|p| p.is_char('£')) || next.is_some_and(|n| n.is_char('%'));
    if touches_word || amount {
        return None;
    }
    let year = i32::try_from(v).ok()?;
    Some(Core::dated(
        (Date::first_of(year, 1), Date::last_of(year, 12)),
        Precision::Year,
        i,
        i,
    ))
}

/// `1 st quarter`, `1st quarter`, with an optional year after.
fn ordinal_quarter(t: &[Tok], i: usize) -> Option<Core> {
    let q = quarter_number(&t[i])?;
    t.get(i + 1).filter(|s| s.is_ordinal_suffix())?;
    t.get(i + 2).filter(|w| w.is_word("quarter"))?;
    Some(quarter_with_year(t, q, i, i + 2))
}

/// `Q1`, `Qtr 1`, `Qrt 2`, `Quarter 1`, `first quarter`, `SECOND
/// QUARTER`, with an optional year after.
fn word_quarter(t: &[Tok], i: usize) -> Option<Core> {
    let w = t[i];
    if w.is_any_word(&["q", "qtr", "qrt", "quarter"]) {
        let mut j = i + 1;
        if t.get(j).is_some_and(|d| d.is_char('.')) {
            j += 1;
        }
        let q = quarter_number(t.get(j)?)?;
        return Some(quarter_with_year(t, q, i, j));
    }
    let q = ["first", "second", "third", "fourth"]
        .iter()
        .zip(1u8..)
        .find_map(|(o, q)| w.is_word(o).then_some(q))?;
    t.get(i + 1).filter(|n| n.is_word("quarter"))?;
    Some(quarter_with_year(t, q, i, i + 1))
}

fn quarter_number(t: &Tok) -> Option<u8> {
    let q = u8::try_from(int_value(t.text).filter(|_| t.text.len() == 1)?).ok()?;
    (1..=4).contains(&q).then_some(q)
}

/// A quarter at tokens `first..=last`, dated by a financial year or year
/// written right after it (`Quarter 1 2008/2009`, `Q1 2008`).
fn quarter_with_year(t: &[Tok], q: u8, first: usize, last: usize) -> Core {
    let year = t
        .get(last + 1)
        .filter(|n| n.kind == TokKind::Number)
        .and_then(|_| financial_years(t, last + 1).or_else(|| bare_year(t, last + 1)))
        .filter(|c| c.kind == PeriodKind::Point);
    match year.and_then(|c| c.fy_start().map(|y| (y, c.last))) {
        Some((y, year_last)) => Core::quarter(q, Some(y), first, year_last),
        None => Core::quarter(q, None, first, last),
    }
}

/// A month or a season.
#[derive(Clone, Copy)]
enum Named {
    Month(u8),
    Season(Season),
}

impl Named {
    fn at(t: &Tok) -> Option<Named> {
        if t.kind != TokKind::Word {
            return None;
        }
        month(t.text)
            .map(Named::Month)
            .or_else(|| season(t.text).map(Named::Season))
    }

    fn range(self, y: i32) -> (Date, Date) {
        match self {
            Named::Month(m) => (Date::first_of(y, m), Date::last_of(y, m)),
            Named::Season(s) => season_range(s, y),
        }
    }
}

/// Words that may stand between a season and its year.
const SEASON_EVENTS: &[&str] = &[
    "exams",
    "examinations",
    "term",
    "results",
    "holidays",
    "session",
];

/// `March 2009`, `Sept 08`, `Nov'08`, `March- 10`, `Summer/Autumn 2008`,
/// `May-Aug 2010`, `August / September 2010`, `November 28 th 2007`.
fn months_or_seasons(t: &[Tok], i: usize) -> Option<Core> {
    let first = Named::at(&t[i])?;
    let mut last = first;
    let mut count = 1;
    let mut j = i + 1;
    while let (Some(sep), Some(next)) = (t.get(j), t.get(j + 1).and_then(Named::at)) {
        if !(sep.is_char('/')
            || sep.is_dash()
            || sep.is_char('&')
            || sep.is_any_word(&["and", "to"]))
        {
            break;
        }
        last = next;
        count += 1;
        j += 2;
    }
    if t.get(j).is_some_and(|d| d.is_char('.'))
        && t.get(j + 1).is_some_and(|n| n.kind == TokKind::Number)
    {
        j += 1;
    }
    // `Summer exams 2003`, `Autumn term 2009`: the season of a school year.
    if matches!(first, Named::Season(_))
        && t.get(j).is_some_and(|w| w.is_any_word(SEASON_EVENTS))
        && t.get(j + 1).is_some_and(|n| n.kind == TokKind::Number)
    {
        j += 1;
    }
    if let (1, Named::Month(m)) = (count, first) {
        if let Some(core) = month_day_year(t, i, m, j) {
            return Some(core);
        }
    }
    let (y, year_last) = year_token(t, j).or_else(|| {
        t.get(j).filter(|d| d.is_dash())?;
        let n = t
            .get(j + 1)
            .filter(|n| n.is_digits() && n.text.len() == 2)?;
        Some((year_of(n.text)?, j + 1))
    })?;
    let start = first.range(y).0;
    let mut end = last.range(y).1;
    if end < start {
        end = last.range(y + 1).1;
    }
    let precision = match (first, last) {
        (Named::Month(_), Named::Month(_)) => Precision::Month,
        _ => Precision::Season,
    };
    let mut core = Core::dated((start, end), precision, i, year_last);
    if count > 1 {
        core.kind = PeriodKind::Range;
    }
    Some(core)
}

/// `November 28 th 2007`: month, day with its ordinal suffix, year.
fn month_day_year(t: &[Tok], i: usize, m: u8, j: usize) -> Option<Core> {
    let d = t.get(j).filter(|d| d.is_digits() && d.text.len() <= 2)?;
    t.get(j + 1).filter(|s| s.is_ordinal_suffix())?;
    let (y, last) = year_token(t, j + 2)?;
    let date = Date::new(y, m, u8::try_from(int_value(d.text)?).ok()?)?;
    Some(Core::dated((date, date), Precision::Day, i, last))
}

/// `Ongoing`, `on-going`, `on going`.
fn ongoing(t: &[Tok], i: usize) -> Option<Core> {
    let last = if t[i].is_word("ongoing") {
        i
    } else if t[i].is_word("on") {
        match (t.get(i + 1), t.get(i + 2)) {
            (Some(d), Some(g)) if d.is_dash() && g.is_word("going") => i + 2,
            (Some(g), _) if g.is_word("going") => i + 1,
            _ => return None,
        }
    } else {
        return None;
    };
    Some(Core {
        start: None,
        end: None,
        precision: None,
        kind: PeriodKind::Ongoing,
        quarter: None,
        first: i,
        last,
    })
}

/// The reporting period named in a title or heading line: a quarter of a
/// financial year (`Quarter 1 2008/2009`, `Q4 2007-2008`, `SECOND QUARTER
/// PROGRESS REPORT 2003/04` — a quarter and a year anywhere in the line
/// date each other), else a financial year (`Year End 2007-08`), else the
/// first dated period. `None` when the line names none (`DRAFT CPA
/// IMPROVEMENT PLAN`).
pub fn report_period(text: &str) -> Option<Period> {
    let ps = periods(text);
    if let Some(p) = ps
        .iter()
        .find(|p| p.precision == Some(Precision::Quarter) && p.start.is_some())
    {
        return Some(p.clone());
    }
    let year_of_line = ps
        .iter()
        .find(|p| p.precision == Some(Precision::FinancialYear) && p.kind == PeriodKind::Point)
        .or_else(|| {
            ps.iter()
                .find(|p| p.precision == Some(Precision::Year) && p.kind == PeriodKind::Point)
        });
    let quarter = ps.iter().find_map(|p| p.quarter.map(|q| (p, q)));
    if let (Some((qp, q)), Some(yp), Some(start)) =
        (quarter, year_of_line, year_of_line.and_then(|p| p.start))
    {
        let (s, e) = fy_quarter(start.year, q);
        let span = Span {
            start: qp.span.start.min(yp.span.start),
            end: qp.span.end.max(yp.span.end),
        };
        return Some(Period {
            start: Some(s),
            end: Some(e),
            precision: Some(Precision::Quarter),
            kind: PeriodKind::Point,
            quarter: Some(q),
            text: text[span.range()].to_string(),
            span,
        });
    }
    year_of_line
        .filter(|p| p.precision == Some(Precision::FinancialYear))
        .cloned()
        .or_else(|| ps.into_iter().find(|p| p.start.is_some()))
}

/// A reporting period inferred from the dates in a report's progress
/// comments, for a report whose title and headings state none.
#[derive(Clone, Debug, PartialEq)]
pub struct InferredPeriod {
    /// The financial year, labelled as the reports write one (`2010/11`).
    pub period: Period,
    /// The dates that fall in it, as positions among the mentions given.
    pub supporting: Vec<usize>,
    /// How many dates were counted.
    pub dated: usize,
}

/// Dates a report must give before its period is inferred from them.
const MIN_DATED: usize = 3;

/// The UK financial year (1 April to 31 March) in which most of the dates
/// of `mentions` fall, when more than half of at least three do.
///
/// Only dates named to the month or the day count (`Nov 2009`,
/// `30 th September 2002`): progress comments also quote baselines and
/// targets by year (`2001/02`, `by 2013/14`), and those say little about
/// when the comment was written. A report without a stated period is
/// placed where its comments' dated events cluster; with dates spread
/// over several years there is no answer.
pub fn inferred_financial_year<'p>(
    mentions: impl IntoIterator<Item = &'p Period>,
) -> Option<InferredPeriod> {
    // (financial year, position) of each date to the month or the day.
    let mut years: Vec<(i32, usize)> = mentions
        .into_iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.precision, Some(Precision::Day | Precision::Month)))
        .filter_map(|(k, p)| p.start.map(|d| (d, k)))
        .map(|(d, k)| (if d.month >= 4 { d.year } else { d.year - 1 }, k))
        .collect();
    let dated = years.len();
    if dated < MIN_DATED {
        return None;
    }
    years.sort_unstable();
    // The most frequent year; the later one on a tie.
    let run = years
        .chunk_by(|a, b| a.0 == b.0)
        .max_by_key(|run| (run.len(), run[0].0))?;
    if 2 * run.len() <= dated {
        return None;
    }
    let fy = run[0].0;
    let supporting = run.iter().map(|&(_, k)| k).collect();
    let (start, end) = financial_year(fy);
    let text = format!("{fy}/{:02}", (fy + 1).rem_euclid(100));
    Some(InferredPeriod {
        period: Period {
            start: Some(start),
            end: Some(end),
            precision: Some(Precision::FinancialYear),
            kind: PeriodKind::Point,
            quarter: None,
            span: Span {
                start: 0,
                end: text.len(),
            },
            text,
        },
        supporting,
        dated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PeriodKind::*;
    use Precision as P;

    /// (start, end, precision, kind, text) of a period.
    type Want<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<Precision>,
        PeriodKind,
        &'a str,
    );

    fn got(
        p: &Period,
    ) -> (
        Option<String>,
        Option<String>,
        Option<Precision>,
        PeriodKind,
        String,
    ) {
        (
            p.start.map(|d| d.to_string()),
            p.end.map(|d| d.to_string()),
            p.precision,
            p.kind,
            p.text.clone(),
        )
    }

    fn want(
        w: &Want,
    ) -> (
        Option<String>,
        Option<String>,
        Option<Precision>,
        PeriodKind,
        String,
    ) {
        (
            w.0.map(str::to_string),
            w.1.map(str::to_string),
            w.2,
            w.3,
            w.4.to_string(),
        )
    }

    fn check(text: &str, wants: &[Want]) {
        let ps = periods(text);
        let got: Vec<_> = ps.iter().map(got).collect();
        let want: Vec<_> = wants.iter().map(want).collect();
        assert_eq!(got, want, "periods of {text:?}");
    }

    /// Deadline, milestone and time-scale cells and trailing date phrases
    /// from the corpus (markup stripped as the grammar does).
    #[test]
    fn corpus_periods() {
        let d = Some(P::Day);
        let m = Some(P::Month);
        let s = Some(P::Season);
        let fy = Some(P::FinancialYear);
        let y = Some(P::Year);
        let q = Some(P::Quarter);
        let cases: &[(&str, &[Want])] = &[
            ("March 2009", &[(Some("2009-03-01"), Some("2009-03-31"), m, Point, "March 2009")]),
            ("Implement County Council Efficiency Programme. From Spring 2008", &[
                (Some("2008-03-01"), Some("2008-05-31"), s, From, "From Spring 2008"),
            ]),
            ("Develop new extra care housing provision; Ongoing - annual targets set", &[
                (None, None, None, Ongoing, "Ongoing"),
            ]),
            ("31 st March 2005  April 2003", &[
                (Some("2005-03-31"), Some("2005-03-31"), d, Point, "31 st March 2005"),
                (Some("2003-04-01"), Some("2003-04-30"), m, Point, "April 2003"),
            ]),
            ("31 st March 2003  2005", &[
                (Some("2003-03-31"), Some("2003-03-31"), d, Point, "31 st March 2003"),
                (Some("2005-01-01"), Some("2005-12-31"), y, Point, "2005"),
            ]),
            ("Programme completed on time, to budget and quality by 31st March 2008.", &[
                (Some("2008-03-31"), Some("2008-03-31"), d, By, "by 31st March 2008"),
            ]),
            ("Develop action plan and implement actions to respond to the review recommendations Summer 2008", &[
                (Some("2008-06-01"), Some("2008-08-31"), s, Point, "Summer 2008"),
            ]),
            // Milestones and deadlines of 002 and 003.
            ("December 2010", &[(Some("2010-12-01"), Some("2010-12-31"), m, Point, "December 2010")]),
            ("Spring 2010", &[(Some("2010-03-01"), Some("2010-05-31"), s, Point, "Spring 2010")]),
            ("Dec. 2009", &[(Some("2009-12-01"), Some("2009-12-31"), m, Point, "Dec. 2009")]),
            ("April 2010 December 2010", &[
                (Some("2010-04-01"), Some("2010-04-30"), m, Point, "April 2010"),
                (Some("2010-12-01"), Some("2010-12-31"), m, Point, "December 2010"),
            ]),
            ("2010/11", &[(Some("2010-04-01"), Some("2011-03-31"), fy, Point, "2010/11")]),
            ("30 th September 2003", &[(Some("2003-09-30"), Some("2003-09-30"), d, Point, "30 th September 2003")]),
            ("Summer exams 2003 Summer exams 2004", &[
                (Some("2003-06-01"), Some("2003-08-31"), s, Point, "Summer exams 2003"),
                (Some("2004-06-01"), Some("2004-08-31"), s, Point, "Summer exams 2004"),
            ]),
            ("2005/06", &[(Some("2005-04-01"), Some("2006-03-31"), fy, Point, "2005/06")]),
            ("2005/ 06", &[(Some("2005-04-01"), Some("2006-03-31"), fy, Point, "2005/ 06")]),
            ("2003/04", &[(Some("2003-04-01"), Some("2004-03-31"), fy, Point, "2003/04")]),
            ("MTCS and Annual Plan Commitments Monitoring 2007-08 -Chief Executives", &[
                (Some("2007-04-01"), Some("2008-03-31"), fy, Point, "2007-08"),
            ]),
            ("MTCS and Annual Plan Commitments Monitoring Year End 2007- 08 - Adult Services", &[
                (Some("2007-04-01"), Some("2008-03-31"), fy, Point, "2007- 08"),
            ]),
            ("N/A – Data will be available in Qrt 2", &[(None, None, q, Point, "Qrt 2")]),
            ("The above performance is measured against the Q1 2008 target.", &[
                (Some("2008-04-01"), Some("2008-06-30"), q, Point, "Q1 2008"),
            ]),
            ("Improvement plan and actions in place. Action plan to be implemented during 2010", &[
                (Some("2010-01-01"), Some("2010-12-31"), y, Point, "2010"),
            ]),
            ("By end 2010", &[(Some("2010-01-01"), Some("2010-12-31"), y, By, "By end 2010")]),
            ("By March 2011", &[(Some("2011-03-01"), Some("2011-03-31"), m, By, "By March 2011")]),
            ("Establish baseline carbon emissions produced by County Council activities. By March 2009", &[
                (Some("2009-03-01"), Some("2009-03-31"), m, By, "By March 2009"),
            ]),
            ("Prepare County Council delivery plan to identify how we will deliver our priorities in the SCS/LAA and other strategic plans such as the Childrens Plan. Sept 2008", &[
                (Some("2008-09-01"), Some("2008-09-30"), m, Point, "Sept 2008"),
            ]),
            ("Feb 2004", &[(Some("2004-02-01"), Some("2004-02-29"), m, Point, "Feb 2004")]),
            ("Autumn 2003", &[(Some("2003-09-01"), Some("2003-11-30"), s, Point, "Autumn 2003")]),
            ("Member Development and Learning Working Party to review and make recommendations on improvements to existing arrangements for member training/developm ent. Summer/Autumn 2008", &[
                (Some("2008-06-01"), Some("2008-11-30"), s, Range, "Summer/Autumn 2008"),
            ]),
            ("Re-engineer corporate complaints/ comments process as part of phase 2 of Customer First. Spring 2009", &[
                (Some("2009-03-01"), Some("2009-05-31"), s, Point, "Spring 2009"),
            ]),
            ("December 2010", &[(Some("2010-12-01"), Some("2010-12-31"), m, Point, "December 2010")]),
            ("1 st Jan 2004", &[(Some("2004-01-01"), Some("2004-01-01"), d, Point, "1 st Jan 2004")]),
            ("30 th September 2003", &[(Some("2003-09-30"), Some("2003-09-30"), d, Point, "30 th September 2003")]),
            // No 31st of September: the month is all that can be trusted.
            ("31 st September 2003.", &[
                (Some("2003-09-01"), Some("2003-09-30"), m, Point, "September 2003"),
            ]),
            ("To be agreed", &[]),
            ("Ongoing", &[(None, None, None, Ongoing, "Ongoing")]),
            ("2006", &[(Some("2006-01-01"), Some("2006-12-31"), y, Point, "2006")]),
            ("July 2003", &[(Some("2003-07-01"), Some("2003-07-31"), m, Point, "July 2003")]),
            ("Approval given by DCSF to carry forward phase 2 (establishing the final centre) in to Nov'08.", &[
                (Some("2008-11-01"), Some("2008-11-30"), m, Point, "Nov'08"),
            ]),
            ("Phase 1 (outreach worker/Hsg repairs) end of march 2010. Pilot in other services (regulatory/Street scene) end of march 2011.", &[
                (Some("2010-03-01"), Some("2010-03-31"), m, By, "end of march 2010"),
                (Some("2011-03-01"), Some("2011-03-31"), m, By, "end of march 2011"),
            ]),
            ("Structures and systems by March- 10", &[
                (Some("2010-03-01"), Some("2010-03-31"), m, By, "by March- 10"),
            ]),
            ("Refreshed training/developm ent opportunities to be made available to cover areas identified in the report including equalities, performance, data quality, risk management and budgeting. Summer 2008 on-going", &[
                (Some("2008-06-01"), Some("2008-08-31"), s, From, "Summer 2008 on-going"),
            ]),
            ("31 st March 2003 31 st December 2003 2003/04", &[
                (Some("2003-03-31"), Some("2003-03-31"), d, Point, "31 st March 2003"),
                (Some("2003-12-31"), Some("2003-12-31"), d, Point, "31 st December 2003"),
                (Some("2003-04-01"), Some("2004-03-31"), fy, Point, "2003/04"),
            ]),
            ("Report completed by December 2009 Action Plan developed Mar 2010", &[
                (Some("2009-12-01"), Some("2009-12-31"), m, By, "by December 2009"),
                (Some("2010-03-01"), Some("2010-03-31"), m, Point, "Mar 2010"),
            ]),
            ("Template for each area being used. Self assessment of NM to take place May-Aug 2010. Milestones completed.", &[
                (Some("2010-05-01"), Some("2010-08-31"), m, Range, "May-Aug 2010"),
            ]),
            ("LAA 2010/11; additional target 2013/14", &[
                (Some("2010-04-01"), Some("2011-03-31"), fy, Point, "2010/11"),
                (Some("2013-04-01"), Some("2014-03-31"), fy, Point, "2013/14"),
            ]),
            ("Process in place by March 10 with 1 st report by December 2010 Report by September 2010 December 2010", &[
                (Some("2010-03-01"), Some("2010-03-31"), m, By, "by March 10"),
                (Some("2010-12-01"), Some("2010-12-31"), m, By, "by December 2010"),
                (Some("2010-09-01"), Some("2010-09-30"), m, By, "by September 2010"),
                (Some("2010-12-01"), Some("2010-12-31"), m, Point, "December 2010"),
            ]),
            ("First cohort between 01/4/06 and 30/6/06.", &[
                (Some("2006-04-01"), Some("2006-04-01"), d, Point, "01/4/06"),
                (Some("2006-06-30"), Some("2006-06-30"), d, Point, "30/6/06"),
            ]),
            ("People Strategy priorities and actions agreed by CMT and Employment Committee. PS Board had it's first meeting on 21.5.08.", &[
                (Some("2008-05-21"), Some("2008-05-21"), d, Point, "21.5.08"),
            ]),
            ("Draft strategy consultation August / September 2010", &[
                (Some("2010-08-01"), Some("2010-09-30"), m, Range, "August / September 2010"),
            ]),
            ("Establish new Corporate Performance Function and process combining both Council and partnership performance management. New arrangements to be phased in from 1 st quarter 2008/09", &[
                (Some("2008-04-01"), Some("2008-06-30"), q, From, "from 1 st quarter 2008/09"),
            ]),
            ("Information available 5 months after the end of the quarter No current data available – previous position (2007/8 Q3): Red.", &[
                (Some("2007-10-01"), Some("2007-12-31"), q, Point, "2007/8 Q3"),
            ]),
            ("A 22% reduction in the number of people killed or seriously injured on Leicestershire roads in 2008 compared with the average in 2001-04 (LTP18).", &[
                (Some("2008-01-01"), Some("2008-12-31"), y, Point, "2008"),
                (Some("2001-01-01"), Some("2004-12-31"), y, Range, "2001-04"),
            ]),
            ("£1.72m 2002/04", &[
                (Some("2002-04-01"), Some("2004-03-31"), fy, Range, "2002/04"),
            ]),
            ("Completed and agreed by Council 7 th July, 03.", &[
                (Some("2003-07-07"), Some("2003-07-07"), d, Point, "7 th July, 03"),
            ]),
            ("On target – bid for ISB funding to enhance access to rural areas 04/05 – 06/07. Further work required for hard to reach groups.", &[
                (Some("2004-04-01"), Some("2007-03-31"), fy, Range, "04/05 – 06/07"),
            ]),
            ("Leicestershire Carbon management programme launched June 18 th Project Management Board and Core Teams established.", &[]),
            ("Highways Works Alliance contract started on 2 nd January 2008.", &[
                (Some("2008-01-02"), Some("2008-01-02"), d, Point, "2 nd January 2008"),
            ]),
            ("The Customer Service Centre went live, handling all in-scope Highways, Transportation and Waste enquiries on November 28 th 2007.", &[
                (Some("2007-11-28"), Some("2007-11-28"), d, Point, "November 28 th 2007"),
            ]),
            ("Baseline position to be established through summer 04 Citizens' Panel questionnaire.", &[
                (Some("2004-06-01"), Some("2004-08-31"), s, Point, "summer 04"),
            ]),
            ("Ongoing with the exception of the BIDS which will go to the vote by March 2011.", &[
                (None, None, None, Ongoing, "Ongoing"),
                (Some("2011-03-01"), Some("2011-03-31"), m, By, "by March 2011"),
            ]),
            ("Baseline to be completed by end 2009. Investigatory phase Jan/Feb 2010.", &[
                (Some("2009-01-01"), Some("2009-12-31"), y, By, "by end 2009"),
                (Some("2010-01-01"), Some("2010-02-28"), m, Range, "Jan/Feb 2010"),
            ]),
            ("Red-Not achieved", &[]),
            ("Baseline to be completed by end 2009. Investigatory phase Jan/Feb 2010. Implementation April 2010 onwards", &[
                (Some("2009-01-01"), Some("2009-12-31"), y, By, "by end 2009"),
                (Some("2010-01-01"), Some("2010-02-28"), m, Range, "Jan/Feb 2010"),
                (Some("2010-04-01"), Some("2010-04-30"), m, From, "April 2010 onwards"),
            ]),
        ];
        for (text, wants) in cases {
            check(text, wants);
        }
    }

    #[test]
    fn indicator_codes_are_no_years() {
        assert!(periods("BV96/97").is_empty());
        assert!(periods("BV30").is_empty());
        assert_eq!(periods("96/97").len(), 1);
    }

    #[test]
    fn seasons_and_quarters() {
        let p = &periods("Winter 2008")[0];
        assert_eq!(
            (p.start.map(|d| d.to_string()), p.end.map(|d| d.to_string())),
            (Some("2008-12-01".into()), Some("2009-02-28".into()))
        );
        let q4 = &periods("Q4 2007-2008")[0];
        assert_eq!(
            q4.start.map(|d| d.to_string()).as_deref(),
            Some("2008-01-01")
        );
        assert_eq!(q4.end.map(|d| d.to_string()).as_deref(), Some("2008-03-31"));
        assert_eq!(q4.quarter, Some(4));
        assert_eq!(periods("Qrt 2")[0].quarter, Some(2));
    }

    /// The reporting period of each corpus report, from its first lines.
    #[test]
    fn corpus_report_periods() {
        type Expected<'a> = Option<(&'a str, &'a str, &'a str)>;
        let cases: &[(&str, Expected)] = &[
            // 000
            (
                "APPENDIX1: CPA Improvement Plan and Medium Term Corporate Strategy (MTCS) Monitoring Quarter 1 2008/2009",
                Some(("2008-04-01", "2008-06-30", "Quarter 1 2008/2009")),
            ),
            // 001 (its first line, `Appendix 1 MTCS and Annual Plan
            // Commitment Monitoring`, is a running head naming none)
            ("Appendix 1 MTCS and Annual Plan Commitment Monitoring", None),
            (
                "MTCS & Annual Plan Commitments Monitoring Year End 2007-08- Children And Young Peoples Service",
                Some(("2007-04-01", "2008-03-31", "2007-08")),
            ),
            // 002 and 003 name no reporting period anywhere in their heads.
            ("DRAFT CPA IMPROVEMENT PLAN", None),
            ("**IMPROVING CORE SERVICES**", None),
            ("## **APPENDIX A**", None),
            ("## Leadership and vision Lead: Chief Executive", None),
            // 004
            ("PRIORITIES IN THE MEDIUM TERM CORPORATE STRATEGY AND THE COMMUNITY STRATEGY", None),
            (
                "SECOND QUARTER PROGRESS REPORT 2003/04",
                Some(("2003-07-01", "2003-09-30", "SECOND QUARTER PROGRESS REPORT 2003/04")),
            ),
            // Section heads inside the reports.
            (
                "MTCS targets and priorities Improve Services So They Are High Quality And Value For Money Q4 2007-2008 - Resources",
                Some(("2008-01-01", "2008-03-31", "Q4 2007-2008")),
            ),
            (
                "CPA Improvement Plan and Medium Term Strategy Monitoring Quarter 1 2008/2009 CPA - Resources",
                Some(("2008-04-01", "2008-06-30", "Quarter 1 2008/2009")),
            ),
            (
                "MTCS Targets And Priorities Year End 2007-2008 Transport",
                Some(("2007-04-01", "2008-03-31", "2007-2008")),
            ),
        ];
        for (text, want) in cases {
            let got = report_period(text).map(|p| {
                (
                    p.start.map(|d| d.to_string()).unwrap_or_default(),
                    p.end.map(|d| d.to_string()).unwrap_or_default(),
                    p.text,
                )
            });
            let want = want.map(|(s, e, t)| (s.to_string(), e.to_string(), t.to_string()));
            assert_eq!(got, want, "report period of {text:?}");
        }
    }

    #[test]
    fn financial_year_inferred_from_dated_comments() {
        let infer = |texts: &[&str]| {
            let ps: Vec<Period> = texts.iter().flat_map(|t| periods(t)).collect();
            inferred_financial_year(&ps).map(|i| {
                (
                    i.period.text,
                    i.period.start.unwrap().to_string(),
                    i.period.end.unwrap().to_string(),
                    i.supporting.len(),
                    i.dated,
                )
            })
        };
        // 002's progress column: three of four dates in 2002/03.
        assert_eq!(
            infer(&[
                "500 LAC at 30 th September 2002 Subject to SSI Inspection of Children's Services April 2003",
                "Agreed by Leicester Partnership and Corporate Directors, November 2002",
                "1.5 posts identified from November 2002",
            ]),
            Some(("2002/03".into(), "2002-04-01".into(), "2003-03-31".into(), 3, 4))
        );
        // January to March belong to the year that began the April before.
        assert_eq!(
            infer(&[
                "Completed MPG Nov 2009.",
                "Approved by PFA March 2010",
                "Audit completed Feb 2010."
            ])
            .map(|i| i.0),
            Some("2009/10".into())
        );
        // Years and financial years alone are baselines and targets.
        assert_eq!(
            infer(&["89% in 2001/02", "on track for 2008/09", "by 2010"]),
            None
        );
        // Too few dates.
        assert_eq!(
            infer(&["Completed MPG Nov 2009.", "Approved March 2010"]),
            None
        );
        // No year holds more than half of the dates.
        assert_eq!(
            infer(&["May 2008", "June 2008", "May 2009", "June 2009"]),
            None
        );
    }

    #[test]
    fn json_shape() {
        let p = &periods("From Spring 2008")[0];
        assert_eq!(
            serde_json::to_string(p).unwrap(),
            r#"{"start":"2008-03-01","end":"2008-05-31","precision":"season","kind":"from","text":"From Spring 2008","span":[0,16]}"#
        );
    }
}
