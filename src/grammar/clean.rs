//! Cell values: from raw source text to the cleaned `value` — inline HTML
//! and markdown removed, whitespace collapsed, words the exporter split
//! repaired. `raw` keeps what the source said; `value` is what it meant.

use std::borrow::Cow;
use std::cell::RefCell;

use foldhash::{HashMap, HashMapExt, HashSet};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_until, take_while1};
use nom::character::complete::{alpha1, char};
use nom::combinator::{map, recognize};
use nom::sequence::{delimited, pair, preceded, terminated};
use nom::IResult;

use super::classify::repeated_lines;
use crate::layout::{Fragment, Layout};
use crate::normalize::scan::word_end;

/// One piece of marked-up text, as the markup tokenizer sees it.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    /// Plain text.
    Text(&'a str),
    /// An HTML tag: `true` for block-level tags that separate words.
    Tag(bool),
    /// A character entity, already decoded.
    Entity(&'static str),
    /// Markdown emphasis (`**`, `__`) to drop, as written.
    Emphasis(&'a str),
}

fn html_tag(i: &str) -> IResult<&str, Piece<'_>> {
    let (rest, name) = delimited(
        char('<'),
        preceded(
            nom::combinator::opt(char('/')),
            terminated(alpha1, nom::combinator::opt(take_until(">"))),
        ),
        char('>'),
    )(i)?;
    let name = name.to_ascii_lowercase();
    let known = [
        "p", "ul", "ol", "li", "b", "i", "u", "em", "strong", "sup", "sub", "br", "span", "div",
        "font",
    ];
    if !known.contains(&name.as_str()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let block = matches!(name.as_str(), "p" | "ul" | "ol" | "li" | "br" | "div");
    Ok((rest, Piece::Tag(block)))
}

fn entity(i: &str) -> IResult<&str, Piece<'_>> {
    alt((
        map(tag("&amp;"), |_| Piece::Entity("&")),
        map(tag("&lt;"), |_| Piece::Entity("<")),
        map(tag("&gt;"), |_| Piece::Entity(">")),
        map(tag("&quot;"), |_| Piece::Entity("\"")),
        map(tag("&#39;"), |_| Piece::Entity("'")),
        map(tag("&nbsp;"), |_| Piece::Entity(" ")),
    ))(i)
}

/// A run of `*` or `_`: emphasis when it is exactly two long (`**`, `__`),
/// text otherwise (`*`, `***`). Whether a `**` really is emphasis depends
/// on its neighbours and on the rest of the value (see [`strip_markup`]).
fn emphasis(i: &str) -> IResult<&str, Piece<'_>> {
    map(
        alt((take_while1(|c| c == '*'), take_while1(|c| c == '_'))),
        |run: &str| {
            if run.len() == 2 {
                Piece::Emphasis(run)
            } else {
                Piece::Text(run)
            }
        },
    )(i)
}

/// A run of backticks: two or more are code or quote markup the exporter
/// left behind (a bare double backtick after `in 2006`), one is text.
fn backticks(i: &str) -> IResult<&str, Piece<'_>> {
    map(take_while1(|c| c == '`'), |run: &str| {
        if run.len() >= 2 {
            Piece::Tag(false)
        } else {
            Piece::Text(run)
        }
    })(i)
}

fn piece(i: &str) -> IResult<&str, Piece<'_>> {
    let markup = |c: char| matches!(c, '<' | '&' | '*' | '_' | '`');
    alt((
        html_tag,
        entity,
        emphasis,
        backticks,
        map(take_till1(markup), Piece::Text),
        map(
            recognize(pair(take_while1(markup), nom::combinator::success(()))),
            Piece::Text,
        ),
    ))(i)
}

/// Removes inline HTML and markdown: tags go (block tags leave a space),
/// entities are decoded, `**bold**` loses its stars, a leading `## ` and a
/// `^{*}` footnote mark become plain text.
///
/// A `**` is emphasis only when it touches a word on one side and the
/// value holds an even number of such markers (`**Education**`): a marker
/// standing alone or unpaired is a footnote mark or a cell of its own
/// (`**` for "no significant correlation", `0,0583**`) and stays.
pub fn strip_markup(raw: &str) -> String {
    let mut s = raw.trim_start();
    while let Some(rest) = s.strip_prefix('#') {
        s = rest;
    }
    let mut pieces = Vec::new();
    let mut input = s;
    while !input.is_empty() {
        match piece(input) {
            Ok((rest, p)) => {
                pieces.push((p, input.len()));
                input = rest;
            }
            Err(_) => {
                // Cannot happen (the last alternative takes any character),
                // but never loop forever on input we did not foresee.
                pieces.push((Piece::Text(input), input.len()));
                break;
            }
        }
    }
    // Whether the emphasis marker at `at` (bytes from the end of `s`)
    // touches a word on either side.
    let touches = |at: usize, marker: &str| {
        let start = s.len() - at;
        let before = s[..start].chars().next_back();
        let after = s[start + marker.len()..].chars().next();
        let wordy = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && c != '*' && c != '_');
        wordy(before) || wordy(after)
    };
    let markers = pieces
        .iter()
        .filter(|(p, at)| matches!(p, Piece::Emphasis(m) if touches(*at, m)))
        .count();
    let paired = markers % 2 == 0;
    let mut out = String::with_capacity(s.len());
    for (p, at) in &pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Tag(true) => out.push(' '),
            Piece::Tag(false) => {}
            Piece::Emphasis(m) if paired && touches(*at, m) => {}
            Piece::Emphasis(m) => out.push_str(m),
            Piece::Entity(e) => out.push_str(e),
        }
    }
    out.replace("^{*}", "*")
}

/// A raw text with markup stripped and whitespace collapsed; text that has
/// neither (most cells) is copied as it is, without parsing.
pub fn clean_text(raw: &str) -> String {
    if is_clean(raw) {
        raw.to_string()
    } else {
        collapse_whitespace(&strip_markup(raw))
    }
}

/// Whether [`strip_markup`] and [`collapse_whitespace`] would leave `raw`
/// unchanged: no character that may start markup, and whitespace only as
/// single spaces between words.
fn is_clean(raw: &str) -> bool {
    let mut after_space = true;
    for (i, &b) in raw.as_bytes().iter().enumerate() {
        match b {
            b'<' | b'&' | b'*' | b'_' | b'`' | b'#' | b'^' | b'\t'..=b'\r' => return false,
            b' ' if after_space => return false,
            b' ' => after_space = true,
            // The first byte of a character outside ASCII: it may be a space.
            0xC0.. if raw[i..].chars().next().is_some_and(char::is_whitespace) => return false,
            _ => after_space = false,
        }
    }
    !after_space || raw.is_empty()
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The comparable form of a text: its letters and digits, lower-cased.
pub(super) fn norm_chars(s: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// The comparable form of an ASCII text, byte by byte: what [`norm_chars`]
/// gives for it, without the Unicode case tables.
pub(super) fn ascii_norm(s: &str) -> impl DoubleEndedIterator<Item = u8> + '_ {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// Whether two texts are the same in their comparable form.
pub(super) fn same_norm(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        ascii_norm(a).eq(ascii_norm(b))
    } else {
        norm_chars(a).eq(norm_chars(b))
    }
}

/// Length in bytes of a text's comparable form.
pub(super) fn norm_len(s: &str) -> usize {
    if s.is_ascii() {
        ascii_norm(s).count()
    } else {
        norm_chars(s).map(char::len_utf8).sum()
    }
}

/// Whether the comparable form of `s` ends with that of `tail`.
pub(super) fn norm_ends_with(s: &str, tail: &str) -> bool {
    if s.is_ascii() && tail.is_ascii() {
        let mut s = ascii_norm(s).rev();
        return ascii_norm(tail).rev().all(|c| s.next() == Some(c));
    }
    let mut s = norm_chars(s).rev();
    norm_chars(tail).rev().all(|c| s.next() == Some(c))
}

/// Word counts of a whole report: the evidence for repairing split words
/// (`developm ent` is two non-words whose join, `development`, the report
/// uses elsewhere).
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Signatures of the ASCII words counted more than once.
    repeated: Signatures,
    /// The text counted, to tell how often a split occurs as such.
    text: String,
    /// Splits counted so far: a report prints the same split again and
    /// again (a header label on every page).
    splits: RefCell<HashMap<String, u32>>,
}

impl Vocabulary {
    /// Counts the alphabetic words of `text` (maximal runs of alphabetic
    /// characters), case-folded as `str::to_lowercase` folds them.
    pub fn from_text(text: &str) -> Vocabulary {
        // Reports use about one distinct word per 20 to 40 bytes: room for
        // them up front spares rehashing the growing map.
        let mut counts: HashMap<String, u32> = HashMap::with_capacity(text.len() / 32);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Step over ASCII that is no letter, then read a run of letters.
            while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let start = i;
            i = word_end(text, start);
            if i == start {
                // A character outside ASCII that is no letter.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let word = &text[start..i];
            let mut add = |key: &str| match counts.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(key.to_string(), 1);
                }
            };
            if word.is_ascii() {
                with_lowercase(&[word], add);
            } else {
                add(&word.to_lowercase());
            }
        }
        let mut repeated = Signatures::default();
        for (w, _) in counts.iter().filter(|(w, &n)| n > 1 && w.is_ascii()) {
            if let Some(s) = Signatures::slot(w.as_bytes(), b"") {
                repeated.insert(s);
            }
        }
        Vocabulary {
            counts,
            repeated,
            text: text.to_string(),
            splits: RefCell::default(),
        }
    }

    /// How often `a` and `b` stand one space apart in the text: the times a
    /// word was printed split at the same place (`developm ent` twice makes
    /// `developm` and `ent` look like words of their own).
    fn split_count(&self, a: &str, b: &str) -> u32 {
        let pair = format!("{a} {b}");
        if let Some(&n) = self.splits.borrow().get(&pair) {
            return n;
        }
        let n = self.text.matches(pair.as_str()).count() as u32;
        self.splits.borrow_mut().insert(pair, n);
        n
    }

    /// How often a word occurs in the report.
    pub fn count(&self, word: &str) -> u32 {
        self.count_joined(&[word])
    }

    /// How often the word that `parts` make when written together occurs.
    fn count_joined(&self, parts: &[&str]) -> u32 {
        with_lowercase(parts, |key| self.counts.get(key).copied().unwrap_or(0))
    }

    /// Whether `a` and `b` written together make a word that the report
    /// uses more than once. Most pairs are told apart by their signature
    /// alone, without building the word and looking it up.
    fn is_repeated_join(&self, a: &str, b: &str) -> bool {
        if let Some(s) = Signatures::slot(a.as_bytes(), b.as_bytes()) {
            if !self.repeated.contains(s) {
                return false;
            }
        }
        self.count_joined(&[a, b]) > 1
    }

    /// Whether `word` stands in the report as a word of its own (more often
    /// than the `seen` occurrences under repair).
    fn is_word(&self, word: &str, seen: u32) -> bool {
        self.count(word) > seen
    }
}

/// A set of word signatures — length, first two letters and last letter,
/// case-folded — hashed into a bitmap: a word whose signature is absent is
/// certainly not in the set; one whose signature is present may be.
#[derive(Debug, Clone)]
struct Signatures(Vec<u64>);

impl Default for Signatures {
    fn default() -> Signatures {
        Signatures(vec![0; Signatures::BITS / 64])
    }
}

impl Signatures {
    const BITS: usize = 1 << 14;

    /// The bit of the ASCII word `a` followed by `b`; `None` when the word
    /// is not ASCII or shorter than two letters.
    fn slot(a: &[u8], b: &[u8]) -> Option<usize> {
        let (a, b) = if a.is_empty() { (b, a) } else { (a, b) };
        let len = a.len() + b.len();
        if len < 2 || !a.is_ascii() || !b.is_ascii() {
            return None;
        }
        let second = if a.len() > 1 { a[1] } else { b[0] };
        let last = b.last().unwrap_or(&a[a.len() - 1]);
        let key = u32::from_le_bytes([
            last.to_ascii_lowercase(),
            second.to_ascii_lowercase(),
            a[0].to_ascii_lowercase(),
            len as u8,
        ]);
        Some((key.wrapping_mul(0x9E37_79B9) >> 18) as usize)
    }

    fn insert(&mut self, slot: usize) {
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    fn contains(&self, slot: usize) -> bool {
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// Calls `f` with `parts` joined and lower-cased exactly as
/// `str::to_lowercase` of the join gives it: a word in lower-case ASCII as
/// it is, other short ASCII words folded on the stack, without allocating.
fn with_lowercase<R>(parts: &[&str], f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if let [word] = parts {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return f(word);
        }
    }
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len <= MAX && parts.iter().all(|p| p.is_ascii()) {
        let mut buf = [0u8; MAX];
        let mut n = 0;
        for p in parts {
            buf[n..n + p.len()].copy_from_slice(p.as_bytes());
            n += p.len();
        }
        buf[..n].make_ascii_lowercase();
        return f(std::str::from_utf8(&buf[..n]).expect("ASCII is UTF-8"));
    }
    f(&parts.concat().to_lowercase())
}

/// Joins two pieces of text the exporter split apart (across cells of a
/// group row, or across a TAB): whole words get a space, a word cut in two
/// is rejoined, a duplicated piece is kept once.
pub fn join_split(a: &str, b: &str, vocab: &Vocabulary) -> String {
    let (a, b) = (a.trim_end(), b.trim_start());
    if a.is_empty() {
        return b.to_string();
    }
    if b.is_empty() || a.eq_ignore_ascii_case(b) {
        return a.to_string();
    }
    let tail = alpha_tail(a).to_string();
    let head: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
    if !tail.is_empty() && !head.is_empty() {
        // b repeats the end of a ("Working" + "ng").
        if b.chars().all(char::is_alphabetic)
            && tail.len() > b.len()
            && tail.ends_with(b)
            && vocab.is_word(&tail, 0)
        {
            return a.to_string();
        }
        let joined = format!("{tail}{head}");
        let parts_are_words = vocab.is_word(&tail, 1) && vocab.is_word(&head, 1);
        if !parts_are_words && vocab.is_word(&joined, 0) {
            return format!("{a}{b}");
        }
        // The exporter printed the boundary letter twice ("Yo" + "oung").
        if tail.chars().last() == head.chars().next() {
            let overlap: String = format!(
                "{tail}{}",
                &head[head.chars().next().map_or(0, char::len_utf8)..]
            );
            if !parts_are_words && vocab.is_word(&overlap, 0) {
                return format!("{a}{}", &b[head.chars().next().map_or(0, char::len_utf8)..]);
            }
        }
        if head.chars().next().is_some_and(char::is_lowercase) && !vocab.is_word(&head, 1) {
            return format!("{a}{b}");
        }
    }
    format!("{a} {b}")
}

/// Repairs words split by a space inside one value (`developm ent`,
/// `Ro derick`, `Achie ved`), ordinals cut from their number (`7 th`), and
/// hyphenated words and year ranges cut after the hyphen or slash (`Sub-
/// regional`, `2005/ 06`). A value with
/// nothing to repair and single spaces only (every cleaned text) is
/// borrowed as it is: most cells are.
pub fn repair_words<'v>(value: &'v str, vocab: &Vocabulary) -> Cow<'v, str> {
    // The repaired text, built from the first repair on: before it, the
    // tokens of `value` go out as they are.
    let mut out: Option<String> = None;
    let mut tokens = space_separated(value).peekable();
    while let Some(t) = tokens.next() {
        let join = tokens.peek().is_some_and(|&next| {
            is_ordinal_split(t, next) || is_hyphen_split(t, next) || is_word_split(t, next, vocab)
        });
        if out.is_none() && !join {
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let before = &value[..t.as_ptr() as usize - value.as_ptr() as usize];
            let mut o = String::with_capacity(value.len());
            for b in space_separated(before) {
                o.push_str(b);
                o.push(' ');
            }
            o
        });
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(t);
        if join {
            out.push_str(tokens.next().expect("peeked"));
        }
    }
    match out {
        Some(out) => Cow::Owned(out),
        None if !value.starts_with(' ') && !value.ends_with(' ') && !value.contains("  ") => {
            Cow::Borrowed(value)
        }
        None => Cow::Owned(space_separated(value).collect::<Vec<_>>().join(" ")),
    }
}

/// The non-empty pieces of `s` between spaces (as `s.split(' ')` gives
/// them, empty ones left out), found byte by byte: tokens are short.
fn space_separated(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |p| start + p);
            let token = &s[start..end];
            start = end + 1;
            if !token.is_empty() {
                return Some(token);
            }
        }
        None
    })
}

fn is_ordinal_split(a: &str, b: &str) -> bool {
    // The suffix first: it rules out nearly every pair.
    let b_core = b.trim_end_matches(|c: char| c.is_ascii_punctuation());
    if !matches!(b_core, "st" | "nd" | "rd" | "th") {
        return false;
    }
    // The number is the whole token or ends a range (`12-15 th`).
    let a = match a.rfind(['-', '/']) {
        Some(k) if k > 0 && a[..k].bytes().all(|c| c.is_ascii_digit()) => &a[k + 1..],
        _ => a,
    };
    if a.is_empty() || !a.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    {
        let n: u64 = a.parse().unwrap_or(0);
        let expect = match (n % 100, n % 10) {
            (11..=13, _) => "th",
            (_, 1) => "st",
            (_, 2) => "nd",
            (_, 3) => "rd",
            _ => "th",
        };
        expect == b_core
    }
}

fn is_hyphen_split(a: &str, b: &str) -> bool {
    // A year range cut after its slash (`2005/ 06`).
    if let Some(year) = a.strip_suffix('/') {
        return year.len() == 4
            && year.bytes().all(|c| c.is_ascii_digit())
            && b.len() >= 2
            && b.as_bytes()[..2].iter().all(u8::is_ascii_digit);
    }
    a.len() > 2
        && a.ends_with('-')
        && !a.ends_with("--")
        && a[..a.len() - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
        && b.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_word_split(a: &str, b: &str, vocab: &Vocabulary) -> bool {
    // `b` must start with a lower-case letter (so its leading letters are
    // not empty) and `a` end with a letter: the cheapest tests first.
    if !b.chars().next().is_some_and(char::is_lowercase)
        || !a.chars().next_back().is_some_and(char::is_alphabetic)
    {
        return false;
    }
    let tail = alpha_tail(a);
    let head = alpha_head(b);
    let rest = &b[head.len()..];
    let rest_alphanumeric = if rest.is_ascii() {
        rest.bytes().any(|c| c.is_ascii_alphanumeric())
    } else {
        rest.chars().any(char::is_alphanumeric)
    };
    if rest_alphanumeric {
        return false;
    }
    // The joined word must stand in the report at least twice elsewhere, so
    // that two real words ("web site") are not glued on thin evidence. (The
    // rarely true test first: it spares two look-ups for most pairs.)
    // The article `a` before a word is no split (`a round 6`, not
    // `around`). Parts that each stand elsewhere are two words, unless
    // they stand only where the same split was printed again.
    // (Counting the split's printings reads the whole text: only a rare
    // part, one the printings could account for, is worth it.)
    vocab.is_repeated_join(tail, head)
        && tail != "a"
        && (!(vocab.is_word(tail, 1) && vocab.is_word(head, 1))
            || (vocab.count(tail).min(vocab.count(head)) <= MAX_REPRINTS && {
                let seen = vocab.split_count(tail, head);
                !(vocab.is_word(tail, seen) && vocab.is_word(head, seen))
            }))
}

/// The most times one split word is printed split alike in a report (a
/// header label split the same way on every page).
const MAX_REPRINTS: u32 = 32;

/// The trailing run of letters of a token (`Nearney/Ro` -> `Ro`).
fn alpha_tail(s: &str) -> &str {
    let b = s.as_bytes();
    let mut start = b.len();
    while start > 0 && b[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        // A letter outside ASCII may continue the run: read characters.
        start = s
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(s.len(), |(i, _)| i);
    }
    &s[start..]
}

/// The leading run of letters of a token (`ment.` -> `ment`).
fn alpha_head(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = 0;
    while end < b.len() && b[end].is_ascii_alphabetic() {
        end += 1;
    }
    if end < b.len() && !b[end].is_ascii() {
        // A letter outside ASCII may continue the run: read characters.
        end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    }
    &s[..end]
}

/// A layout as every grammar sees it: each cell's cleaned text, the report's
/// vocabulary, its distinct values and its repeated one-cell lines. None of
/// it depends on the grammar, so it is computed once per report and shared by
/// every grammar tried on it and by the one that reads it.
pub struct Cleaned<'a> {
    /// The layout the texts were read from.
    pub layout: &'a Layout,
    /// Per line, per cell: markup stripped, whitespace collapsed.
    pub(super) texts: Vec<Vec<String>>,
    /// Per line, per cell: the text with split words repaired as well,
    /// the full value of a cell that stands alone; `None` where that is the
    /// cleaned text itself.
    repaired: Vec<Vec<Option<String>>>,
    /// Word counts of the whole text.
    pub(super) vocab: Vocabulary,
    /// Every cleaned cell text of two or more words, lower-cased, for "does
    /// the joined text exist elsewhere" checks (a joined text always holds
    /// a space).
    pub(super) known_values: HashSet<String>,
    /// How often each one-cell line occurs (running heads repeat).
    pub(super) repeats: HashMap<String, usize>,
    /// Whether the report writes a slash between words with a space after
    /// it (`Hawkins/ Sarah`) more often than without (`Hawkins/Sarah`): a
    /// line wrapped after a slash then keeps the space.
    pub(super) spaced_slash: bool,
}

/// Whether `text` holds more slashes between words followed by a space
/// (`Hawkins/ Sarah`) than followed directly by the next word
/// (`Hawkins/Sarah`), counting a slash after a letter and before a capital.
fn spaced_slashes(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut spaced, mut tight) = (0usize, 0usize);
    for (i, _) in text.match_indices('/') {
        if i == 0 || !b[i - 1].is_ascii_alphabetic() {
            continue;
        }
        match (b.get(i + 1), b.get(i + 2)) {
            (Some(b' '), Some(c)) if c.is_ascii_uppercase() => spaced += 1,
            (Some(c), _) if c.is_ascii_uppercase() => tight += 1,
            _ => {}
        }
    }
    spaced > tight
}

impl<'a> Cleaned<'a> {
    /// Cleans every cell of `layout` and counts its words and lines.
    pub fn new(layout: &'a Layout) -> Cleaned<'a> {
        let texts: Vec<Vec<String>> = layout
            .lines
            .iter()
            .map(|l| {
                l.cells
                    .iter()
                    .map(|c| match c.fragments.as_slice() {
                        [one] => clean_text(layout.slice(one.span)),
                        _ => clean_text(&layout.cell_text(c)),
                    })
                    .collect()
            })
            .collect();
        let repeats = repeated_lines(
            layout
                .lines
                .iter()
                .zip(&texts)
                .filter(|(l, _)| l.cells.len() == 1)
                .map(|(_, t)| t[0].as_str()),
        );
        let known_values = texts
            .iter()
            .flatten()
            .filter(|t| t.contains(' '))
            .map(|t| t.to_lowercase())
            .collect();
        let vocab = Vocabulary::from_text(&layout.text);
        let repaired = texts
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .map(|t| match repair_words(t, &vocab) {
                        Cow::Owned(repaired) => Some(repaired),
                        Cow::Borrowed(_) => None,
                    })
                    .collect()
            })
            .collect();
        Cleaned {
            layout,
            vocab,
            texts,
            repaired,
            known_values,
            repeats,
            spaced_slash: spaced_slashes(&layout.text),
        }
    }

    /// The cleaned text of a fragment and that text with split words
    /// repaired, when the fragment is a whole cell of the layout (as it
    /// nearly always is): computed once, here, for every cell.
    pub(super) fn whole_cell(&self, f: &Fragment) -> Option<(&str, &str)> {
        let li = (f.line as usize).checked_sub(1)?;
        let line = self.layout.lines.get(li).filter(|l| l.number == f.line)?;
        let c = line
            .cells
            .iter()
            .position(|c| matches!(c.fragments.as_slice(), [only] if only.span == f.span))?;
        let text = &self.texts[li][c];
        Some((text, self.repaired[li][c].as_deref().unwrap_or(text)))
    }
}

/// The full cleaning of a raw cell: markup stripped, whitespace collapsed,
/// split words repaired.
pub fn clean_value(raw: &str, vocab: &Vocabulary) -> String {
    owned_repair(clean_text(raw), vocab)
}

/// `text` with split words repaired, reusing it when there is nothing to
/// repair.
pub fn owned_repair(text: String, vocab: &Vocabulary) -> String {
    match repair_words(&text, vocab) {
        Cow::Owned(repaired) => repaired,
        Cow::Borrowed(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_html_and_markdown() {
        assert_eq!(
            collapse_whitespace(&strip_markup("<p>5. AP/CYP</p>")),
            "5. AP/CYP"
        );
        assert_eq!(
            collapse_whitespace(&strip_markup(
                "BV Improvement Plan (YR3) <ul style=\"list-style-type: none\"> <li>• Ongoing monitoring of SITA</li> </ul>"
            )),
            "BV Improvement Plan (YR3) • Ongoing monitoring of SITA"
        );
        assert_eq!(
            collapse_whitespace(&strip_markup("## **APPENDIX A**")),
            "APPENDIX A"
        );
        assert_eq!(
            collapse_whitespace(&strip_markup("Fire &amp; Rescue <b>abuse</b> .")),
            "Fire & Rescue abuse ."
        );
        assert_eq!(
            strip_markup("30 <sup>th</sup> September"),
            "30 th September"
        );
        assert_eq!(strip_markup("a < b & c * d_e"), "a < b & c * d_e");
        assert_eq!(strip_markup("^{*}Note - x"), "*Note - x");
        // A run of backticks is markup; one is text.
        assert_eq!(
            collapse_whitespace(&strip_markup("strategy in 2006 ``")),
            "strategy in 2006"
        );
        assert_eq!(strip_markup("use `x` and ```y```"), "use `x` and y");
        // Stars that are no emphasis: a cell of its own, an unpaired
        // footnote mark, markers touching no word, other run lengths.
        assert_eq!(strip_markup("**"), "**");
        assert_eq!(strip_markup("-0,0583**"), "-0,0583**");
        assert_eq!(strip_markup("** **"), "** **");
        assert_eq!(strip_markup("12.5* 3***"), "12.5* 3***");
        assert_eq!(strip_markup("**Education** **"), "Education **");
    }

    proptest::proptest! {
        #[test]
        fn clean_text_is_strip_then_collapse(raw in "[a-zA-Zé <>/&;*_#^{}\t\r\n\u{b}\u{c}\u{85}\u{a0}\u{2003}\u{3000}–]{0,30}") {
            proptest::prop_assert_eq!(clean_text(&raw), collapse_whitespace(&strip_markup(&raw)));
        }

        #[test]
        fn vocabulary_counts_case_folded_letter_runs(text in "[a-zA-Zé É.,0\u{212a}Σσ-]{0,40}") {
            let v = Vocabulary::from_text(&text);
            let mut want: std::collections::HashMap<String, u32> = Default::default();
            for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
                *want.entry(w.to_lowercase()).or_default() += 1;
            }
            proptest::prop_assert_eq!(v.counts.len(), want.len());
            for (w, n) in &want {
                proptest::prop_assert_eq!(v.count(w), *n);
            }
        }

        #[test]
        fn ascii_comparable_form_is_the_general_one(s in "[ -~]{0,24}", t in "[ -~]{0,24}") {
            let general: String = norm_chars(&s).collect();
            proptest::prop_assert_eq!(ascii_norm(&s).map(char::from).collect::<String>(), general);
            proptest::prop_assert_eq!(
                same_norm(&s, &t),
                norm_chars(&s).eq(norm_chars(&t))
            );
            proptest::prop_assert_eq!(
                norm_ends_with(&s, &t),
                norm_chars(&s).collect::<String>().ends_with(&norm_chars(&t).collect::<String>())
            );
        }

        #[test]
        fn letter_runs_at_the_ends(s in "[a-zé/.'Σ0-9]{0,12}") {
            let letters = |c: &char| c.is_alphabetic();
            let tail: String = s.chars().rev().take_while(letters).collect::<Vec<_>>().into_iter().rev().collect();
            let head: String = s.chars().take_while(letters).collect();
            proptest::prop_assert_eq!(alpha_tail(&s), tail);
            proptest::prop_assert_eq!(alpha_head(&s), head);
        }

        #[test]
        fn a_joined_word_has_the_signature_of_its_parts(a in "[a-zA-Z]{0,6}", b in "[a-zA-Z]{0,6}") {
            let joined = format!("{a}{b}").to_lowercase();
            proptest::prop_assert_eq!(
                Signatures::slot(a.as_bytes(), b.as_bytes()),
                Signatures::slot(joined.as_bytes(), b"")
            );
        }
    }

    #[test]
    fn repairs_split_words_with_report_vocabulary() {
        let v = Vocabulary::from_text(
            "Roderick Roderick O'Connor development development Achieved young people Young Management Working training Scrutiny in to into in to",
        );
        assert_eq!(
            repair_words("Liz Clark/Simon Nearney/Ro derick O'Connor", &v),
            "Liz Clark/Simon Nearney/Roderick O'Connor"
        );
        assert_eq!(
            repair_words("training/developm ent opportunities", &v),
            "training/development opportunities"
        );
        assert_eq!(
            repair_words("carry forward in to Nov'08", &v),
            "carry forward in to Nov'08"
        );
        assert_eq!(repair_words("on 7 th July, 03", &v), "on 7th July, 03");
        assert_eq!(repair_words("the 2 nd year", &v), "the 2nd year");
        assert_eq!(
            repair_words("Sub- regional assessment", &v),
            "Sub-regional assessment"
        );
        // Repairs after the first go on from it; stray spaces collapse.
        assert_eq!(
            repair_words("the 1 st and developm ent  of 2 nd ", &v),
            "the 1st and development of 2nd"
        );
        assert_eq!(repair_words(" in  to ", &v), "in to");
        // Nothing to repair: the value itself, not a copy.
        assert!(matches!(repair_words("in to Nov'08", &v), Cow::Borrowed(_)));
        // Ranges and year ranges.
        assert_eq!(
            repair_words("inspection 12-15 th November", &v),
            "inspection 12-15th November"
        );
        assert_eq!(repair_words("2005/ 06", &v), "2005/06");
        assert_eq!(repair_words("Red/ Amber", &v), "Red/ Amber");
        assert_eq!(repair_words("in 2005/ 2006", &v), "in 2005/2006");
        // The same word split twice at the same place: its parts stand
        // only in the splits, which makes them no words of their own.
        let twice = Vocabulary::from_text(
            "development development training/developm ent. Refreshed training/developm ent opportunities",
        );
        assert_eq!(
            repair_words("training/developm ent. Summer", &twice),
            "training/development. Summer"
        );
        // The article before a word is no split.
        let around = Vocabulary::from_text("around around as a round 6 organisation");
        assert_eq!(repair_words("as a round 6", &around), "as a round 6");
        assert_eq!(
            join_split("Children and Yo", "oung People/Joint Area R", &v),
            "Children and Young People/Joint Area R"
        );
        assert_eq!(
            join_split("Performance M", "anagement", &v),
            "Performance Management"
        );
        assert_eq!(join_split("Two-tier Working", "ng", &v), "Two-tier Working");
        assert_eq!(join_split("Equalities", "Equalities", &v), "Equalities");
        assert_eq!(join_split("Climate", "Change", &v), "Climate Change");
        assert_eq!(
            join_split("Member Trainin", "g and Development", &v),
            "Member Training and Development"
        );
        assert_eq!(
            join_split("Overview and S", "crutiny", &v),
            "Overview and Scrutiny"
        );
    }
}
