//! Figures: the amounts a target or progress cell states — money,
//! percentages, rates, durations and plain counts.
//!
//! A number in these reports is often *not* a figure: it is a year
//! (`2008`), part of a financial year or date (`2005/06`, `1.7.08`,
//! `31 st March`), an indicator reference (`LAA 1.3.1`, `NI 155`,
//! `BV223`), or list numbering (`5.` at the start of a cell). The rules
//! that leave those out are listed on [`figures`]; each is a reading of how
//! the corpus writes such things, not a guess about the value.

use super::scan::{month, season, tokens, Tok, TokKind, PLAIN_YEARS};
use super::Span;
use serde::Serialize;

/// One figure read from a value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// The amount, with any scale applied: `£14.2m` gives `14200000`.
    pub value: f64,
    /// What the amount counts, when the text says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// The scale word or suffix that was applied to `value` (`m`, `k`,
    /// `bn`, `million`…), kept so the figure can be shown as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// The figure as written, from `£` to the unit: `£14.2m`,
    /// `1.97 exclusions per 1000`.
    pub text: String,
    /// Where `text` lies in the value.
    pub span: Span,
}

/// Units a figure can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// Pounds sterling (`£`).
    #[serde(rename = "GBP")]
    Gbp,
    /// `%`.
    #[serde(rename = "percent")]
    Percent,
    /// A rate `per 1000` (of whatever the text names in between).
    #[serde(rename = "per_1000")]
    Per1000,
    /// A rate `per 10,000`.
    #[serde(rename = "per_10000")]
    Per10000,
    /// A rate `per 100,000`.
    #[serde(rename = "per_100000")]
    Per100000,
    /// `days`.
    #[serde(rename = "days")]
    Days,
    /// `hours`, `hrs`, `hr`.
    #[serde(rename = "hours")]
    Hours,
    /// `weeks`.
    #[serde(rename = "weeks")]
    Weeks,
    /// `months`.
    #[serde(rename = "months")]
    Months,
    /// `years`, `year` (`3 year average`).
    #[serde(rename = "years")]
    Years,
    /// `kg`.
    #[serde(rename = "kg")]
    Kg,
    /// `tonnes`.
    #[serde(rename = "tonnes")]
    Tonnes,
    /// `metres`.
    #[serde(rename = "metres")]
    Metres,
}

/// The scale a money figure was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// `k`, `thousand`: × 1,000.
    Thousand,
    /// `m`, `million`: × 1,000,000.
    Million,
    /// `bn`, `billion`: × 1,000,000,000.
    Billion,
}

impl Scale {
    fn exponent(self) -> i32 {
        match self {
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
        }
    }

    /// A scale after `£`: a suffix touching the number (`m`, `k`, `bn`) or
    /// a word after it (`million`).
    fn after(tok: &Tok, touching: bool) -> Option<Scale> {
        if tok.kind != TokKind::Word {
            return None;
        }
        let w = tok.text;
        let is = |s: &str| w.eq_ignore_ascii_case(s);
        if touching && is("k") || is("thousand") {
            Some(Scale::Thousand)
        } else if touching && is("m") || is("million") {
            Some(Scale::Million)
        } else if touching && is("bn") || is("billion") {
            Some(Scale::Billion)
        } else {
            None
        }
    }
}

impl Unit {
    /// A unit word after a number.
    fn word(w: &str) -> Option<Unit> {
        const WORDS: &[(&str, Unit)] = &[
            ("days", Unit::Days),
            ("day", Unit::Days),
            ("hours", Unit::Hours),
            ("hour", Unit::Hours),
            ("hrs", Unit::Hours),
            ("hr", Unit::Hours),
            ("weeks", Unit::Weeks),
            ("week", Unit::Weeks),
            ("months", Unit::Months),
            ("month", Unit::Months),
            ("years", Unit::Years),
            ("year", Unit::Years),
            ("yrs", Unit::Years),
            ("kg", Unit::Kg),
            ("tonnes", Unit::Tonnes),
            ("tonne", Unit::Tonnes),
            ("tons", Unit::Tonnes),
            ("metres", Unit::Metres),
            ("metre", Unit::Metres),
            ("meters", Unit::Metres),
            ("meter", Unit::Metres),
        ];
        WORDS
            .iter()
            .find_map(|&(s, u)| w.eq_ignore_ascii_case(s).then_some(u))
    }

    /// The rate unit of `per N`.
    fn per(n: &str) -> Option<Unit> {
        match n {
            "1000" | "1,000" => Some(Unit::Per1000),
            "10000" | "10,000" => Some(Unit::Per10000),
            "100000" | "100,000" => Some(Unit::Per100000),
            _ => None,
        }
    }
}

/// Words after which a number is a designator, not an amount:
/// `Year 3 target`, `Level 3`, `Key Stage 2`, `Phase 1`, `Cat 1 & 2`.
const DESIGNATORS: &[&str] = &[
    "level", "levels", "stage", "stages", "phase", "phases", "quarter", "qtr", "qrt", "cohort",
    "wave", "round", "tier", "band", "version", "no", "ref", "page", "appendix", "section",
    "priority", "cat", "yr", "year", "option", "grade",
];

/// Reads the figures in `text`, in order.
///
/// A number becomes a figure unless one of these rules says it is
/// something else (then it is left out, silently: it is not a figure, and
/// [`super::periods`] or [`super::reference`] read it):
///
/// 1. **references**: a number with two or more points (`1.3.1`,
///    `21.5.08`); a number touching letters on its left (`BV223`, `LAA7.6`,
///    `Q1`, `KS2`) or on its right, unless the suffix is a unit or (after
///    `£`) a scale (`89a`, `8am`, `SP2a` are left out, `543.22kg` and
///    `£14.2m` kept); a number after an upper-case code word (`NI 155`,
///    `LAA 5.10`, `BV 118`) or a designator word (`Year 3`, `Level 3`)
///    unless it has a unit; a number joined by `&`, `,`, `/` or `and`
///    to a number left out by this rule (`LAA 7.6 & 7.7`, `BV100 / 187`,
///    `Key Stages 2 and 4`), or glued to an `&` (`&7.20`);
/// 2. **dates and periods**: a number joined by `/` or a dash to another
///    number (`2005/06`, `2007-08`, `1994-98`, `11-19`, `01/4/06`); a
///    number followed by an ordinal suffix (`31 st`) or a month
///    (`19 December`); a number after a month, a season or an apostrophe
///    (`March 10`, `summer 04`, `Nov'08`);
/// 3. **years**: a plain four-digit number from 1990 to 2039 with no unit
///    and no `£`;
/// 4. **list numbering**: a whole number followed by `.` or `)` at the very
///    start of the value (`5. MTCS/CYP`), and a section label: a number
///    with a point and no unit that opens the value or a sentence and is
///    followed by a dash or a parenthesis (`7.6 - Indicator completed`,
///    `… achieved. 7.7 (Second Cohort) on track`).
///
/// Units: `£` (with `m`/`k`/`bn`/`million` scales applied to `value`),
/// `%`, `per 1000` / `per 10,000` / `per 100,000` (up to three words may
/// name what is counted: `1.97 exclusions per 1000`), and the unit words
/// of [`Unit`]. A number with none of these is a plain count (`15,770`,
/// `4,963,320 participants`).
pub fn figures(text: &str) -> Vec<Figure> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut last_ref: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokKind::Number {
            i += 1;
            continue;
        }
        match read_at(text, &toks, i, last_ref) {
            Reading::Figure(f, next) => {
                out.push(f);
                i = next;
            }
            Reading::Reference => {
                last_ref = Some(i);
                i += 1;
            }
            Reading::NotFigure => i += 1,
        }
    }
    out
}

/// What the number at one position turned out to be.
enum Reading {
    /// A figure, and the index of the first token after it.
    Figure(Figure, usize),
    /// Part of a reference (rule 1): numbers joined to it are too.
    Reference,
    /// A year, a date part, list numbering.
    NotFigure,
}

fn read_at(text: &str, toks: &[Tok], i: usize, last_ref: Option<usize>) -> Reading {
    let t = toks[i];
    let prev = i.checked_sub(1).map(|p| toks[p]);
    let next = toks.get(i + 1).copied();
    let touches_prev = prev.is_some_and(|p| p.end == t.start);
    let touches_next = next.is_some_and(|n| n.start == t.end);
    let gbp = prev.filter(|p| p.is_char('£'));

    // Rule 1: references by shape.
    if t.text.bytes().filter(|&b| b == b'.').count() >= 2
        || touches_prev && prev.is_some_and(|p| p.kind == TokKind::Word)
    {
        return Reading::Reference;
    }
    let joined_to_ref = i >= 2
        && last_ref == Some(i - 2)
        && prev.is_some_and(|p| {
            p.is_char('&') || p.is_char(',') || p.is_char('/') || p.is_word("and")
        });
    // `&7.20` in `LAA 7.27.1-3 inclusive &7.20`: an `&` glued to a number
    // lists indicators, not amounts.
    let glued_ampersand = touches_prev && prev.is_some_and(|p| p.is_char('&'));
    if joined_to_ref || glued_ampersand {
        return Reading::Reference;
    }

    // What follows the number: scale, unit.
    let mut end_idx = i; // last token of the figure
    let mut scale = None;
    let mut unit = None;
    if let Some(n) = next.filter(|n| n.kind == TokKind::Word && touches_next) {
        if n.is_ordinal_suffix() {
            return Reading::NotFigure;
        }
        if let Some(s) = gbp.and(Scale::after(&n, true)) {
            scale = Some(s);
        } else if n.is_word("kg") {
            unit = Some(Unit::Kg);
        } else {
            return Reading::Reference;
        }
        end_idx = i + 1;
    } else if let Some(s) = next.and_then(|n| gbp.and(Scale::after(&n, false))) {
        scale = Some(s);
        end_idx = i + 1;
    }
    if gbp.is_some() {
        unit = Some(Unit::Gbp);
    } else if unit.is_none() {
        if let Some((u, last)) = unit_after(toks, end_idx + 1) {
            unit = Some(u);
            end_idx = last;
        }
    }

    if unit.is_none() {
        let code_before = prev.is_some_and(|p| {
            p.kind == TokKind::Word && (is_code_word(p.text) || p.is_any_word(DESIGNATORS))
        });
        if code_before {
            return Reading::Reference;
        }
    }

    // Rule 2: dates and periods.
    let is_join = |s: &Tok| s.is_char('/') || s.is_dash();
    let joined_before = i >= 2
        && prev.is_some_and(|p| is_join(&p) && (touches_prev || toks[i - 2].end == p.start))
        && toks[i - 2].kind == TokKind::Number;
    let joined_after = next.is_some_and(|n| is_join(&n) && touches_next)
        && toks.get(i + 2).is_some_and(|n2| n2.kind == TokKind::Number);
    let after_date_word =
        prev.is_some_and(|p| {
            p.is_char('\'') || p.is_char('’') || month(p.text).is_some() || season(p.text).is_some()
        }) || (i >= 2 && prev.is_some_and(|p| p.is_char(',')) && month(toks[i - 2].text).is_some());
    let before_month = next.is_some_and(|n| {
        n.is_ordinal_suffix() || (n.kind == TokKind::Word && month(n.text).is_some())
    });
    if joined_before || joined_after || after_date_word || (unit.is_none() && before_month) {
        return Reading::NotFigure;
    }

    // Rule 3: years.
    if unit.is_none()
        && t.is_digits()
        && t.text.len() == 4
        && t.text
            .parse::<u32>()
            .is_ok_and(|y| PLAIN_YEARS.contains(&y))
    {
        return Reading::NotFigure;
    }

    // Rule 4: list numbering at the start of the value; section labels at
    // the start of the value or of a sentence.
    if i == 0
        && t.is_digits()
        && next.is_some_and(|n| touches_next && (n.is_char('.') || n.is_char(')')))
    {
        return Reading::NotFigure;
    }
    let opens_sentence = prev.is_none_or(|p| p.is_char('.'));
    if unit.is_none()
        && opens_sentence
        && t.text.contains('.')
        && next.is_some_and(|n| n.is_dash() || n.is_char('('))
    {
        return Reading::NotFigure;
    }

    let Some(value) = amount(t.text, scale) else {
        return Reading::NotFigure;
    };
    let start = gbp.map_or(t.start, |p| p.start);
    let end = toks[end_idx].end;
    Reading::Figure(
        Figure {
            value,
            unit,
            scale,
            text: text[start..end].to_string(),
            span: Span { start, end },
        },
        end_idx + 1,
    )
}

/// The unit that follows a number, starting at token `j`: `%`, a unit
/// word, or `per N` after up to three words. Gives the unit and the index
/// of its last token.
fn unit_after(toks: &[Tok], j: usize) -> Option<(Unit, usize)> {
    let t = toks.get(j)?;
    if t.is_char('%') {
        return Some((Unit::Percent, j));
    }
    if let Some(u) = (t.kind == TokKind::Word)
        .then(|| Unit::word(t.text))
        .flatten()
    {
        return Some((u, j));
    }
    for k in j..(j + 4).min(toks.len()) {
        let w = toks[k];
        if w.kind != TokKind::Word {
            return None;
        }
        if w.is_word("per") {
            let n = toks.get(k + 1)?;
            return Some((Unit::per(n.text)?, k + 1));
        }
    }
    None
}

/// An upper-case code word that names an indicator set: `NI`, `LAA`,
/// `BV`, `BVPI`, `LTP`, `STATS`.
fn is_code_word(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// The value of a number as written (`15,770`, `14.2`), times the scale,
/// computed from the integer mantissa so `£14.2m` is exactly `14200000`.
/// `None` past 15 significant digits, where `f64` would round.
fn amount(s: &str, scale: Option<Scale>) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut decimals: i32 = 0;
    let mut after_point = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                if mantissa > 0 {
                    digits += 1;
                }
                if after_point {
                    decimals += 1;
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    if digits > 15 {
        return None;
    }
    let exp = scale.map_or(0, Scale::exponent) - decimals;
    let m = mantissa as f64;
    Some(if exp >= 0 {
        m * 10f64.powi(exp)
    } else {
        m / 10f64.powi(-exp)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, unit, scale, text) for each figure of a corpus string.
    type Want = (f64, Option<Unit>, Option<Scale>, &'static str);

    fn check(text: &str, want: &[Want]) {
        let got: Vec<_> = figures(text)
            .into_iter()
            .map(|f| {
                assert_eq!(&text[f.span.range()], f.text);
                (f.value, f.unit, f.scale, f.text)
            })
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|&(v, u, s, t)| (v, u, s, t.to_string()))
            .collect();
        assert_eq!(got, want, "figures in {text:?}");
    }

    use Unit::*;

    #[test]
    fn corpus_figures() {
        let m = Some(Scale::Million);
        let cases: &[(&str, &[Want])] = &[
            ("£146,500 pump priming", &[(146_500.0, Some(Gbp), None, "£146,500")]),
            ("5 GCSEs A*-C All pupils: 44%  46%", &[
                (5.0, None, None, "5"),
                (44.0, Some(Percent), None, "44%"),
                (46.0, Some(Percent), None, "46%"),
            ]),
            ("11 children   1.97 exclusions per 1000  All excluded pupils to receive their full statutory entitlement (25 hours) to teaching support.", &[
                (11.0, None, None, "11"),
                (1.97, Some(Per1000), None, "1.97 exclusions per 1000"),
                (25.0, Some(Hours), None, "25 hours"),
            ]),
            ("Continue to identify efficiency savings which will contribute to the target of £14.2m for 2007-08 to 2009/10.", &[
                (14_200_000.0, Some(Gbp), m, "£14.2m"),
            ]),
            ("£1.72m 2002/04", &[(1_720_000.0, Some(Gbp), m, "£1.72m")]),
            ("10% reduction in sickness absence from an average of 9.3 days in 2004/05 to less than 8.37 in 2008/09.", &[
                (10.0, Some(Percent), None, "10%"),
                (9.3, Some(Days), None, "9.3 days"),
                (8.37, None, None, "8.37"),
            ]),
            ("Outturn for 07/08 was 8.86 days lost on average per employee. Qtr 1 performance was 8.71 days.", &[
                (8.86, Some(Days), None, "8.86 days"),
                (8.71, Some(Days), None, "8.71 days"),
            ]),
            ("15,770 Red", &[(15_770.0, None, None, "15,770")]),
            ("4,963,320 participants", &[(4_963_320.0, None, None, "4,963,320")]),
            ("23.6 domestic burglaries per 1000 h/holds", &[
                (23.6, Some(Per1000), None, "23.6 domestic burglaries per 1000"),
            ]),
            ("Increase the average point scores achieved by 6 points, 10 points and 21 points over the next three years LAA 1.3.1", &[
                (6.0, None, None, "6"),
                (10.0, None, None, "10"),
                (21.0, None, None, "21"),
            ]),
            ("Increase housing benefit recipients by 996 (10%) LAA 5.10", &[
                (996.0, None, None, "996"),
                (10.0, Some(Percent), None, "10%"),
            ]),
            ("Ensure that less than 12% of our road network suffers from defects (BV223 / 224a&b)", &[
                (12.0, Some(Percent), None, "12%"),
            ]),
            ("A reduction in the number of offences committed by prolific and other priority offenders by 18.7% LAA 7.6 & 7.7", &[
                (18.7, Some(Percent), None, "18.7%"),
            ]),
            ("Explore opportunities for shared services with county/districts in context of new MAA/LAA efficiency target and delivery plan. NI 179. From Spring 2008", &[]),
            ("NI 123 – Increase 16+ smoking quitters to 785 per 100,000 population– LAA2 priority 12.1% increase in quitters by 2013/14", &[
                (16.0, None, None, "16"),
                (785.0, Some(Per100000), None, "785 per 100,000"),
                (12.1, Some(Percent), None, "12.1%"),
            ]),
            ("2007/08 Kg of waste collected per head reduced from 543.22kg in 2006/07 to 528.01 in 2007/08.", &[
                (543.22, Some(Kg), None, "543.22kg"),
                (528.01, None, None, "528.01"),
            ]),
            ("500 LAC at 30 th September 2002  Subject to SSI Inspection of Children's Services April 2003", &[
                (500.0, None, None, "500"),
            ]),
            ("£80,000 PSA pump priming  £100,000 for litter wardens, bins, clean-up", &[
                (80_000.0, Some(Gbp), None, "£80,000"),
                (100_000.0, Some(Gbp), None, "£100,000"),
            ]),
            ("180 refugees (over 3 years) (LCEN 46 LCAL 22)", &[
                (180.0, None, None, "180"),
                (3.0, Some(Years), None, "3 years"),
            ]),
            ("62% carried out in 10 days (BV179)", &[
                (62.0, Some(Percent), None, "62%"),
                (10.0, Some(Days), None, "10 days"),
            ]),
            ("BV 118 National survey of users", &[]),
            ("The figure is below the Year 1 Target of 112, but the amber risk rating", &[
                (112.0, None, None, "112"),
            ]),
            ("The authority has been successful in obtaining £86.6m of PFI credits", &[
                (86_600_000.0, Some(Gbp), m, "£86.6m"),
            ]),
            ("Opening times are 8am-6pm from Monday until Friday.", &[]),
            ("95% rent collected (BV66a)", &[(95.0, Some(Percent), None, "95%")]),
            ("96.6% collected (BV9)", &[(96.6, Some(Percent), None, "96.6%")]),
            ("25% increase in hours the Council can be contacted for services provided by the CSC.", &[
                (25.0, Some(Percent), None, "25%"),
            ]),
            ("Approx 60 per annum", &[(60.0, None, None, "60")]),
            ("NI 155 – Increase number of affordable homes delivered to 1470 – LAA2 priority (target being reviewed)", &[
                (1470.0, None, None, "1470"),
            ]),
            ("2 scrutiny officers recruited 0.5 managers post", &[
                (2.0, None, None, "2"),
                (0.5, None, None, "0.5"),
            ]),
            ("10% of schools in the top 5% nationally at Key Stage 4", &[
                (10.0, Some(Percent), None, "10%"),
                (5.0, Some(Percent), None, "5%"),
            ]),
            ("Increase the percentage of young people with a reprimand prevented from further offending from 64% to 70% LAA 1.2.4", &[
                (64.0, Some(Percent), None, "64%"),
                (70.0, Some(Percent), None, "70%"),
            ]),
            ("On track to achieve 70% in 2008/09.", &[(70.0, Some(Percent), None, "70%")]),
            ("Exceeded 2007/08 target of 59%. 64% of Leicestershire schools now have School Travel Plans.", &[
                (59.0, Some(Percent), None, "59%"),
                (64.0, Some(Percent), None, "64%"),
            ]),
            ("£950,000 secured for land acquisition.", &[(950_000.0, Some(Gbp), None, "£950,000")]),
            ("89% in 2001/02 Average Performance 95%", &[
                (89.0, Some(Percent), None, "89%"),
                (95.0, Some(Percent), None, "95%"),
            ]),
            ("Stays in bottom quartile. Target of <60 days required", &[(60.0, Some(Days), None, "60 days")]),
            ("Reduction in number of LAC to 441 Improve placement stability to 10% Increase adoption rates to 10%.", &[
                (441.0, None, None, "441"),
                (10.0, Some(Percent), None, "10%"),
                (10.0, Some(Percent), None, "10%"),
            ]),
            ("2007/08 year-end estimate of 60.00% against a target of 50%.", &[
                (60.0, Some(Percent), None, "60.00%"),
                (50.0, Some(Percent), None, "50%"),
            ]),
            ("Major improvements to 3 sites", &[(3.0, None, None, "3")]),
            ("30% increase per year of people with mental ill-health and learning disabilities receiving direct payments", &[
                (30.0, Some(Percent), None, "30%"),
            ]),
            ("96.6% 2001/02 Average 97%", &[
                (96.6, Some(Percent), None, "96.6%"),
                (97.0, Some(Percent), None, "97%"),
            ]),
            ("NI 185 – Reduce CO2 emissions from County & District Councils operations by 7.84% (LAA). County Council target of 30% reduction over 5 years.", &[
                (7.84, Some(Percent), None, "7.84%"),
                (30.0, Some(Percent), None, "30%"),
                (5.0, Some(Years), None, "5 years"),
            ]),
            ("A new CSC in place during 2006/07 – 80% queries resolved at first point of contact.", &[
                (80.0, Some(Percent), None, "80%"),
            ]),
            ("CiC achieving 5 A*-C GCSE grades for 2008 is not yet available", &[(5.0, None, None, "5")]),
            ("2007/8 target met by conversion of Clover Court in Harborough. Sale of 6 Elderly Peoples Homes (EPHs) will lead to investment in extra care in 2009/10", &[
                (6.0, None, None, "6"),
            ]),
            ("7.6 - Indicator completed in Q2 2007 - target achieved. 7.7 (Second Cohort) on track – 91% at March 2008.", &[
                (91.0, Some(Percent), None, "91%"),
            ]),
            ("Housing Landlord Services Task Group to be established 23/6/10.", &[]),
            ("Away Day held 8 December 2009. Completed", &[]),
            ("Managers' Handbook published and distributed Sept 03.", &[]),
            ("BV96/97", &[]),
            ("Leicestershire Carbon management programme launched June 18th Project Management Board and Core Teams established. On schedule", &[]),
            ("Progress has been made throughout year but some delay due to staff vacancies. Recruitment planned for 1st quarter 2008/09.", &[]),
            ("Agreed by Cabinet 7th November", &[]),
            ("89 89a", &[(89.0, None, None, "89")]),
            ("Increase academic achievement – particular focus on Key Stages 2 and 4 and underachieving groups", &[]),
            ("A reduction in the fear of crime and anti-social behaviour to 20% or less LAA 7.27.1-3 inclusive &7.20", &[
                (20.0, Some(Percent), None, "20%"),
            ]),
            ("Reduce permanent exclusions of 11-19 year olds by 39 (34%)", &[
                (39.0, None, None, "39"),
                (34.0, Some(Percent), None, "34%"),
            ]),
            ("PS Board had it's first meeting on 21.5.08.", &[]),
            ("5. MTCS/CYP", &[]),
            ("Completed and agreed by Council 7 th July, 03.", &[]),
            ("4,422,432 2000/01 Cultural Services to continue to monitor library contribution to PSA.", &[
                (4_422_432.0, None, None, "4,422,432"),
            ]),
        ];
        for (text, want) in cases {
            check(text, want);
        }
    }

    #[test]
    fn json_shape() {
        let f = &figures("£14.2m")[0];
        assert_eq!(
            serde_json::to_string(f).unwrap(),
            r#"{"value":14200000.0,"unit":"GBP","scale":"million","text":"£14.2m","span":[0,7]}"#
        );
    }
}
