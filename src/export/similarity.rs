//! How alike two commitment texts are: the words they share.
//!
//! Why word sets and not edit distance: the same commitment comes back in
//! the next report with its words intact but its cells re-wrapped, a
//! bracket added (`Primary Care Trusts (PCTs)`), a word split by the
//! exporter repaired, or its priority text cut by a page break; what stays
//! is the set of content words and figures. So texts become sets of
//! lower-cased words without function words and with plural endings
//! folded, figures kept whole (`7.5`, `15,770`, `2008/09` as `2008`, `09`),
//! and two sets are compared with Dice's coefficient; the overlap
//! coefficient says whether a short text (one cut to a fragment) is
//! contained in a longer one.

use std::collections::BTreeSet;

/// Words that say nothing about which commitment a text is.
const STOP: &[&str] = &[
    "a", "all", "an", "and", "are", "as", "at", "be", "been", "being", "by", "each", "for", "from",
    "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "our", "per", "that", "the",
    "their", "this", "to", "we", "will", "with",
];

/// The content words of `text`, normalised (see the module documentation).
pub fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = text.chars().collect();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = |c: char| {
            matches!(c, '.' | ',')
                && word.chars().last().is_some_and(|p| p.is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        };
        if c.is_alphanumeric() || between_digits(c) {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') && !word.is_empty() {
            // `Children's` and `Childrens` are one word.
        } else {
            push_word(&mut out, std::mem::take(&mut word));
        }
    }
    push_word(&mut out, word);
    out
}

fn push_word(out: &mut BTreeSet<String>, w: String) {
    if w.is_empty() || STOP.contains(&w.as_str()) {
        return;
    }
    out.insert(stem(w));
}

/// Folds English plural endings: `libraries` -> `library`, `targets` ->
/// `target`; leaves figures and words such as `business`, `status` alone.
fn stem(w: String) -> String {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return w;
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

/// Dice's coefficient `2|A∩B| / (|A|+|B|)`: 1 for equal sets, 0 when
/// either is empty or they share nothing.
pub fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// The overlap coefficient `|A∩B| / min(|A|,|B|)`: 1 when the smaller set
/// is contained in the larger, 0 when either is empty.
pub fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.len().min(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s).into_iter().collect()
    }

    #[test]
    fn words_are_lower_cased_content_words_with_plurals_folded() {
        assert_eq!(
            w("24 Children's Centres by 2008"),
            ["2008", "24", "centre", "children"]
        );
        assert_eq!(
            w("Increased library opening hours"),
            ["hour", "increased", "library", "opening"]
        );
        assert_eq!(
            w("20 new or substantially improved libraries."),
            ["20", "improved", "library", "new", "substantially"]
        );
        assert_eq!(w("business status"), ["business", "status"]);
    }

    #[test]
    fn figures_stay_whole() {
        assert_eq!(w("7.5% efficiency gain"), ["7.5", "efficiency", "gain"]);
        assert_eq!(w("15,770 Red, 2008/09."), ["09", "15,770", "2008", "red"]);
        assert_eq!(w("Ends."), ["end"]);
    }

    #[test]
    fn dice_and_overlap() {
        let a = words("A strategy with Primary Care Trusts (PCTs) to support people");
        let b = words("A strategy with Primary Care Trusts to support people");
        assert!(dice(&a, &b) > 0.9, "{}", dice(&a, &b));
        assert_eq!(overlap(&a, &b), 1.0);
        let c = words("Reverse the trend of year on year net loss of foster placements");
        assert_eq!(dice(&a, &c), 0.0);
        assert_eq!(dice(&a, &BTreeSet::new()), 0.0);
        assert_eq!(overlap(&BTreeSet::new(), &a), 0.0);
        assert_eq!(dice(&a, &a), 1.0);
    }
}
