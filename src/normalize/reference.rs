//! References: the REF cell that names a commitment.
//!
//! The same commitment is written `1. MTCS/CYP` in one report and
//! `MTCS/CYP 1` or `1.MTCS/CYP` in the next; `CPA CEX 7`, `ASC CPA 1`,
//! `CPA Res 10`, `7MTCS/CEX` and plain `89a` occur too. A [`Reference`]
//! splits the cell into its parts and gives a `canonical` key that is the
//! same however it was spaced, punctuated or ordered, so rows can be
//! matched across reports.

use super::scan::{int_value, tokens, Tok, TokKind};
use serde::Serialize;

/// A parsed REF cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The programme the commitment belongs to, upper-cased: `MTCS`,
    /// `CPA`, `AP` (Annual Plan), `LAA`, `NI`…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The department or service code, upper-cased: `CYP`, `CEX`, `RES`,
    /// `ASC`, `HTW`, `CS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The commitment's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// What is written after the number: a letter (`89a` → `a`) or
    /// sub-numbers (`7.6` → `.6`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// `SCHEME/UNIT/NUMBERsuffix`, leaving out absent parts:
    /// `MTCS/CYP/1`, `CPA/CEX/7`, `CPA/ASC/1`, `89a`, `1`.
    pub canonical: String,
}

/// Programme codes: when a reference has two codes and only the second is
/// one of these (`ASC CPA 1`), the second is the scheme and the first the
/// unit; otherwise the first code is the scheme (`CPA HTW 1`,
/// `MTCS/CYP`).
const SCHEMES: &[&str] = &["MTCS", "CPA", "AP", "LAA", "NI", "BV", "BVPI", "PSA", "LTP"];

/// Reads a REF cell. The cell must be a reference and nothing else:
/// one number (optionally with a letter or sub-numbers: `89a`, `7.6`) and
/// up to two codes of at most five letters, the number first
/// (`1. MTCS/CYP`, `7MTCS/CEX`, `12.AP/CYP`) or last (`CPA CEX 7`,
/// `ASC CPA 1`), separated by spaces, `.`, `/`, `:` or dashes. Codes are
/// upper case, except beside a known scheme (`CPA Res 10`). Two codes
/// without a number (`MTCS/CYP`, when the exporter split the number into
/// another cell) and a bare number (`1`, `5.`) are references too.
///
/// Anything else gives `None`: text (`Road Safety`, `REF`), two numbers
/// (`89 89a`, two REFs merged into one cell), a number between codes.
pub fn reference(text: &str) -> Option<Reference> {
    let toks = tokens(text);
    let mut number: Option<(u32, Option<String>)> = None;
    let mut number_at = None;
    let mut codes: Vec<&Tok> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            TokKind::Other if is_separator(t) => {}
            TokKind::Number => {
                if number.is_some() {
                    return None;
                }
                let (main, sub) = t.text.split_once('.').unwrap_or((t.text, ""));
                let mut suffix = (!sub.is_empty()).then(|| format!(".{sub}"));
                if let Some(next) = toks
                    .get(i + 1)
                    .filter(|n| n.kind == TokKind::Word && n.start == t.end && n.text.len() <= 2)
                {
                    if suffix.is_some() {
                        return None;
                    }
                    suffix = Some(next.text.to_ascii_lowercase());
                    i += 1;
                }
                number = Some((int_value(main)?, suffix));
                number_at = Some(codes.len());
            }
            TokKind::Word
                if t.text.len() <= 5 && t.text.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                codes.push(t);
            }
            _ => return None,
        }
        i += 1;
    }
    // The number comes before all codes or after all of them.
    if number_at.is_some_and(|at| at != 0 && at != codes.len()) || codes.len() > 2 {
        return None;
    }
    if number.is_none() && codes.len() < 2 {
        return None;
    }
    let known = |t: &Tok| SCHEMES.iter().any(|s| t.text.eq_ignore_ascii_case(s));
    let upper = |t: &Tok| t.text.bytes().all(|b| b.is_ascii_uppercase());
    let any_known = codes.iter().any(|t| known(t));
    if !codes
        .iter()
        .all(|t| upper(t) || any_known && t.text.len() >= 2)
    {
        return None;
    }
    let (scheme, unit) = match codes.as_slice() {
        [] => (None, None),
        [one] => (Some(*one), None),
        [a, b] if known(b) && !known(a) => (Some(*b), Some(*a)),
        [a, b, ..] => (Some(*a), Some(*b)),
    };
    if scheme.is_some_and(|s| s.text.len() < 2) {
        return None;
    }
    let scheme = scheme.map(|s| s.text.to_ascii_uppercase());
    let unit = unit.map(|u| u.text.to_ascii_uppercase());
    let (number, suffix) = match number {
        Some((n, s)) => (Some(n), s),
        None => (None, None),
    };
    let mut canonical = String::new();
    for part in [&scheme, &unit].into_iter().flatten() {
        canonical.push_str(part);
        canonical.push('/');
    }
    match number {
        Some(n) => {
            canonical.push_str(&n.to_string());
            canonical.push_str(suffix.as_deref().unwrap_or(""));
        }
        None => {
            canonical.pop();
        }
    }
    Some(Reference {
        scheme,
        unit,
        number,
        suffix,
        canonical,
    })
}

fn is_separator(t: &Tok) -> bool {
    t.is_char('.') || t.is_char('/') || t.is_char(':') || t.is_dash()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// REF cells of the corpus and their canonical keys.
    #[test]
    fn corpus_references() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1. MTCS/CYP", Some("MTCS/CYP/1")),
            ("1. CPA –CYP", Some("CPA/CYP/1")),
            ("CPA CEX 7", Some("CPA/CEX/7")),
            ("3 MTCS/HTW", Some("MTCS/HTW/3")),
            ("3. MTCS/RES", Some("MTCS/RES/3")),
            ("7MTCS/CEX", Some("MTCS/CEX/7")),
            ("6. MTCS /CS", Some("MTCS/CS/6")),
            ("89a", Some("89a")),
            ("8a", Some("8a")),
            ("ASC CPA 1", Some("CPA/ASC/1")),
            ("12.AP/CYP", Some("AP/CYP/12")),
            ("9.AP/CYP", Some("AP/CYP/9")),
            ("1. AP/CYP", Some("AP/CYP/1")),
            ("5. AP/CYP", Some("AP/CYP/5")),
            ("CPA HTW 1", Some("CPA/HTW/1")),
            ("CPA Res 10", Some("CPA/RES/10")),
            ("1", Some("1")),
            ("5.", Some("5")),
            ("MTCS/CYP", Some("MTCS/CYP")),
            ("1. MTCS/C", Some("MTCS/C/1")),
            ("10.AP/CYP", Some("AP/CYP/10")),
            ("4 MTCS/CEX", Some("MTCS/CEX/4")),
            ("CS 15", Some("CS/15")),
            // One of each unit and spelling in 000, 001 and 004.
            ("2. MTCS/CYP", Some("MTCS/CYP/2")),
            ("8. MTCS/CYP", Some("MTCS/CYP/8")),
            ("1. MTCS/ASC", Some("MTCS/ASC/1")),
            ("6. MTCS/ASC", Some("MTCS/ASC/6")),
            ("ASC CPA 3", Some("CPA/ASC/3")),
            ("ASC CPA 4", Some("CPA/ASC/4")),
            ("CPA HTW 6", Some("CPA/HTW/6")),
            ("1. MTCS/HTW", Some("MTCS/HTW/1")),
            ("4 MTCS/HTW", Some("MTCS/HTW/4")),
            ("1. MTCS/CS", Some("MTCS/CS/1")),
            ("8. MTCS /CS", Some("MTCS/CS/8")),
            ("CPA Res 1", Some("CPA/RES/1")),
            ("CPA Res 20", Some("CPA/RES/20")),
            ("1. MTCS/RES", Some("MTCS/RES/1")),
            ("2. MTCS/RES", Some("MTCS/RES/2")),
            ("CPA CEX 20", Some("CPA/CEX/20")),
            ("1. MTCS/CEX", Some("MTCS/CEX/1")),
            ("2 MTCS/CEX", Some("MTCS/CEX/2")),
            ("8 MTCS/CEX", Some("MTCS/CEX/8")),
            ("8. AP/CYP", Some("AP/CYP/8")),
            ("11.AP/CYP", Some("AP/CYP/11")),
            ("1. AP/ASC", Some("AP/ASC/1")),
            ("15. AP/ASC", Some("AP/ASC/15")),
            ("1. AP/CS", Some("AP/CS/1")),
            ("1. AP/RES", Some("AP/RES/1")),
            ("32. AP/HTW", Some("AP/HTW/32")),
            ("1. AP/CEX", Some("AP/CEX/1")),
            ("19. AP/CEX", Some("AP/CEX/19")),
            ("40", Some("40")),
            ("73", Some("73")),
            ("89", Some("89")),
            ("89 89a", None),
            ("Road Safety", None),
            ("REF", None),
            ("Ref", None),
            ("Personalised", None),
            ("Performance M", None),
            ("Children and Yo", None),
            ("2010-00-23 CE-10", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                reference(text).map(|r| r.canonical),
                want.map(str::to_string),
                "reference {text:?}"
            );
        }
    }

    #[test]
    fn parts() {
        let r = reference("6. MTCS /CS").unwrap();
        assert_eq!(
            (
                r.scheme.as_deref(),
                r.unit.as_deref(),
                r.number,
                r.suffix.as_deref()
            ),
            (Some("MTCS"), Some("CS"), Some(6), None)
        );
        let r = reference("89a").unwrap();
        assert_eq!(
            (r.scheme, r.number, r.suffix.as_deref()),
            (None, Some(89), Some("a"))
        );
        let r = reference("LAA 7.6").unwrap();
        assert_eq!(
            (r.canonical.as_str(), r.suffix.as_deref()),
            ("LAA/7.6", Some(".6"))
        );
        assert_eq!(
            serde_json::to_string(&reference("ASC CPA 1").unwrap()).unwrap(),
            r#"{"scheme":"CPA","unit":"ASC","number":1,"canonical":"CPA/ASC/1"}"#
        );
    }
}
