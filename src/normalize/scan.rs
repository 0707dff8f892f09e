//! The hand-written tokenizer every normaliser reads its value through.
//!
//! Cell values are short and there are millions of them, so the normalisers
//! compile no regex and walk one token vector instead: runs of letters
//! (`Word`), runs of ASCII digits with their thousands commas and decimal
//! points (`Number`: `15,770`, `7.25`, `1.7.08`), and every other
//! non-space character on its own (`Other`). Whitespace only separates;
//! whether two tokens touch is read from their byte offsets, which is how
//! `LAA7.6`, `31st` or `£14.2m` are told apart from `LAA 7.6` or `31 st`.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A run of alphabetic characters (any script: OCR gives `Δmher`).
    Word,
    /// ASCII digits, with `,ddd` groups and `.d` parts inside.
    Number,
    /// Any other single non-whitespace character.
    Other,
}

/// One token: its kind, its text and its byte range `[start, end)` in the
/// scanned string.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'a> {
    pub kind: TokKind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Tok<'_> {
    /// A word equal to `w`, ignoring ASCII case.
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == TokKind::Word && self.text.eq_ignore_ascii_case(w)
    }

    /// A word equal to any of `ws`, ignoring ASCII case.
    pub fn is_any_word(&self, ws: &[&str]) -> bool {
        self.kind == TokKind::Word && ws.iter().any(|w| self.text.eq_ignore_ascii_case(w))
    }

    /// The single character `c` (an `Other` token).
    pub fn is_char(&self, c: char) -> bool {
        self.kind == TokKind::Other && self.text.starts_with(c)
    }

    /// One of the dash characters the reports use between ranges and in
    /// legends: hyphen, en dash, em dash.
    pub fn is_dash(&self) -> bool {
        self.is_char('-') || self.is_char('–') || self.is_char('—')
    }

    /// A plain run of digits (no comma, no point): `2008`, `06`.
    pub fn is_digits(&self) -> bool {
        self.kind == TokKind::Number && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// An ordinal suffix as the exporter leaves it: `st`, `nd`, `rd`, `th`.
    pub fn is_ordinal_suffix(&self) -> bool {
        self.is_any_word(&["st", "nd", "rd", "th"])
    }
}

/// Splits `text` into tokens. Never fails; every token's range lies on
/// char boundaries of `text`.
pub(crate) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        // ASCII is told apart byte by byte; other characters are decoded.
        let c = match bytes[start] {
            b if b.is_ascii() => b as char,
            _ => text[start..].chars().next().expect("a char boundary"),
        };
        let (kind, end) = if c.is_whitespace() {
            start += c.len_utf8();
            continue;
        } else if c.is_ascii_digit() {
            (TokKind::Number, number_end(bytes, start))
        } else if c.is_alphabetic() {
            (TokKind::Word, word_end(text, start))
        } else {
            (TokKind::Other, start + c.len_utf8())
        };
        out.push(Tok {
            kind,
            text: &text[start..end],
            start,
            end,
        });
        start = end;
    }
    out
}

/// End of the run of alphabetic characters (any script) starting at
/// `start`, read byte by byte through ASCII letters.
pub(crate) fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        match text[i..].chars().next() {
            Some(c) if !c.is_ascii() && c.is_alphabetic() => i += c.len_utf8(),
            _ => return i,
        }
    }
}

/// End of the number starting at `start` (an ASCII digit): digits, then any
/// number of `,ddd` groups (exactly three digits, not followed by a digit)
/// and `.d…` parts. All bytes consumed are ASCII, so the end is a char
/// boundary.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits_from = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits_from(start);
    loop {
        match bytes.get(i) {
            Some(b',') => {
                let e = digits_from(i + 1);
                if e == i + 4 {
                    i = e;
                } else {
                    return i;
                }
            }
            Some(b'.') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = digits_from(i + 1);
            }
            _ => return i,
        }
    }
}

/// Four-digit numbers that stand alone in a value are read as years in
/// this range (the reports run 2002–2010 and look a few decades either
/// way); outside it, `1500 street lights` or `2250 households` are counts.
pub(crate) const PLAIN_YEARS: std::ops::RangeInclusive<u32> = 1990..=2039;

/// The value of a plain digit run, if it fits in a `u32`.
pub(crate) fn int_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Month number (1–12) of an English month name or its usual abbreviation
/// (`Sept` included), ignoring case.
pub(crate) fn month(word: &str) -> Option<u8> {
    const MONTHS: [(&str, &str); 12] = [
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may", "may"),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ];
    if word.len() < 3 || !word.is_ascii() {
        return None;
    }
    MONTHS.iter().zip(1u8..).find_map(|(&(abbr, full), m)| {
        let ok = word.eq_ignore_ascii_case(abbr)
            || word.eq_ignore_ascii_case(full)
            || (m == 9 && word.eq_ignore_ascii_case("sept"));
        ok.then_some(m)
    })
}

/// The four seasons, as the reports use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// The season a word names, ignoring case. `fall` is left out: in these
/// reports it is always the verb.
pub(crate) fn season(word: &str) -> Option<Season> {
    [
        ("spring", Season::Spring),
        ("summer", Season::Summer),
        ("autumn", Season::Autumn),
        ("winter", Season::Winter),
    ]
    .iter()
    .find_map(|&(w, s)| word.eq_ignore_ascii_case(w).then_some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokKind, &str)> {
        tokens(text).iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn numbers_keep_groups_and_points() {
        use TokKind::*;
        assert_eq!(
            kinds("£14.2m 15,770 1.7.08 1,2"),
            vec![
                (Other, "£"),
                (Number, "14.2"),
                (Word, "m"),
                (Number, "15,770"),
                (Number, "1.7.08"),
                (Number, "1"),
                (Other, ","),
                (Number, "2"),
            ]
        );
        assert_eq!(
            kinds("2009.LAA Δmher"),
            vec![
                (Number, "2009"),
                (Other, "."),
                (Word, "LAA"),
                (Word, "Δmher")
            ]
        );
    }

    proptest::proptest! {
        /// The byte-wise scan gives the tokens of the definition: whitespace
        /// separates, letters (any script) run together, digits make numbers,
        /// anything else stands alone.
        #[test]
        fn tokens_follow_the_character_classes(text in "[a-zA-Z0-9 .,£é\u{a0}\u{2003}Δ\u{2013}-]{0,30}") {
            let mut expected = Vec::new();
            let mut chars = text.char_indices().peekable();
            while let Some((start, c)) = chars.next() {
                let end = if c.is_whitespace() {
                    continue;
                } else if c.is_ascii_digit() {
                    number_end(text.as_bytes(), start)
                } else if c.is_alphabetic() {
                    let mut end = start + c.len_utf8();
                    while let Some(&(i, d)) = chars.peek().filter(|(_, d)| d.is_alphabetic()) {
                        end = i + d.len_utf8();
                        chars.next();
                    }
                    end
                } else {
                    start + c.len_utf8()
                };
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                expected.push(&text[start..end]);
            }
            let got: Vec<&str> = tokens(&text).iter().map(|t| t.text).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn months_and_seasons() {
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("MARCH"), Some(3));
        assert_eq!(month("Ma"), None);
        assert_eq!(season("Autumn"), Some(Season::Autumn));
        assert_eq!(season("fall"), None);
    }
}
