//! The `normalize` stage: typed values from cleaned cell text.
//!
//! The grammar hands this stage *values* — a cell's cleaned text (markup
//! stripped, whitespace collapsed) — never files or lines. Each function
//! here turns one value into typed data:
//!
//! * [`status`] — the RAG status of a target (`green`, `amber`, `red`,
//!   `achieved`), read against the report's own colour key
//!   ([`StatusVocab`]);
//! * [`periods`] — deadlines, milestones, time-scales and trailing date
//!   phrases as [`Period`]s (UK financial years and quarters included);
//! * [`reference()`] — a REF cell as a [`Reference`] with a canonical key, so
//!   one commitment can be followed across reports;
//! * [`figures`] — money, percentages, rates and counts as [`Figure`]s;
//! * [`report_period`] — the reporting period named in a title line.
//!
//! Every function is pure and total: any `&str`, however odd, gives a value
//! (possibly empty) and never panics. Every [`Span`] it emits is a byte
//! range into the string it was given, on char boundaries, so the output
//! stage can map it onto the cell's source spans. Nothing here compiles a
//! regex: one shared hand-written tokenizer (`scan`) reads every value once.
//! Uncertain readings are never silent: they carry a [`Warning`].

mod figure;
mod period;
mod reference;
pub(crate) mod scan;
mod status;

pub use figure::{figures, Figure, Scale, Unit};
pub use period::{
    inferred_financial_year, periods, report_period, Date, InferredPeriod, Period, PeriodKind,
    Precision,
};
pub use reference::{reference, Reference};
pub use status::{status, Match, Status, StatusMention, StatusResult, StatusVocab};

use serde::{Serialize, Serializer};

/// A byte range `[start, end)` into the value a normaliser was given.
///
/// Serialised as a two-element array, like the `spans` of the output
/// contract, so the two read the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range to slice the value with: `&text[span.range()]`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// This span moved right by `by` bytes: a span found in a slice of the
    /// value, expressed in the value's offsets.
    fn shifted(self, by: usize) -> Span {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// Something a normaliser was unsure of, said rather than hidden: a code a
/// program can filter on and a message a person can read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable kebab-case code, e.g. `status-ocr`.
    pub code: &'static str,
    /// What was decided and why.
    pub message: String,
}

/// At most `max` characters of `text`, for quoting a value in a message
/// without copying a whole paragraph.
fn excerpt(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod proptests {
    //! Properties every normaliser must keep on any input: no panic, every
    //! span inside the input and on char boundaries, and the `text` of an
    //! item equal to the input sliced by its span.
    use super::*;
    use proptest::prelude::*;

    fn check_span(text: &str, span: Span) {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start), "{span:?}");
        assert!(text.is_char_boundary(span.end), "{span:?}");
    }

    fn check_all(text: &str) {
        let legend = StatusVocab::from_legend(&[text, "Green – Achieved", "Red-Not achieved"]);
        for vocab in [&StatusVocab::default(), &legend] {
            let r = status(text, vocab);
            for s in &r.statuses {
                check_span(text, s.span);
                assert_eq!(&text[s.span.range()], s.text);
            }
            for f in &r.figures {
                check_span(text, f.span);
                assert_eq!(&text[f.span.range()], f.text);
            }
        }
        for p in periods(text) {
            check_span(text, p.span);
            assert_eq!(&text[p.span.range()], p.text);
        }
        if let Some(p) = report_period(text) {
            check_span(text, p.span);
            assert_eq!(&text[p.span.range()], p.text);
        }
        for f in figures(text) {
            check_span(text, f.span);
            assert_eq!(&text[f.span.range()], f.text);
        }
        if let Some(r) = reference(text) {
            assert!(!r.canonical.is_empty());
        }
    }

    /// Pieces of real cells, so generated strings reach deep into the
    /// parsers instead of stopping at the first unknown character.
    const PIECES: &[&str] = &[
        "Green", "AMBER", "Red", "Achieved", "Δmher", "Gren", "(", ")", "/", "-", "–", " ", "  ",
        ",", ".", "'", "£", "%", "m", "k", "st", "th", "March", "Sept", "Nov", "Q", "Qrt",
        "Quarter", "quarter", "second", "Summer", "Autumn", "Winter", "From", "By", "end", "of",
        "Ongoing", "on", "going", "2008", "2007", "08", "09", "1", "4", "31", "2005/06", "1,000",
        "15,770", "7.25", "1.7.08", "per", "1000", "days", "MTCS", "CPA", "CYP", "LAA", "NI", "a",
        "89a", "=", "Year", "End", "é", "🦀", "\u{301}", "Not", "achieved", "to",
    ];

    fn pieces() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_unicode(text in "\\PC*") {
            check_all(&text);
        }

        #[test]
        fn any_chars(text in prop::collection::vec(any::<char>(), 0..200)) {
            check_all(&text.into_iter().collect::<String>());
        }

        #[test]
        fn corpus_like(text in pieces()) {
            check_all(&text);
        }

        #[test]
        fn long_strings(text in prop::collection::vec(pieces(), 50..120)) {
            check_all(&text.concat());
        }
    }

    #[test]
    fn very_long_value() {
        let text = "Green (Paid Work) 31 st March 2005 £14.2m Q1 2008/09 ".repeat(5_000);
        check_all(&text);
        check_all(&"9".repeat(100_000));
        check_all(&"(".repeat(100_000));
    }
}
