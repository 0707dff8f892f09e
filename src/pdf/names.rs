//! Glyph names, the built-in one-byte encodings and the metrics of the
//! standard 14 fonts: the tables a simple font needs when it does not carry
//! a `/ToUnicode` CMap or `/Widths` of its own.
//!
//! The tables come from two small, dependency-free crates: `pdf_encoding`
//! (Standard, WinAnsi, MacRoman, Symbol, ZapfDingbats encodings and the full
//! Adobe Glyph List) and `pdf-core-14-font-afms` (Adobe's AFM files of the
//! standard 14 fonts). This file only adds the glyph-name rules of the AGL
//! specification (`uniXXXX`, `uXXXX[XX]`, `.suffix`, `a_b` ligatures) and
//! parses the AFM text once per font.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A font's built-in one-byte encoding (PDF 32000-1, Annex D).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding a PDF `/Encoding` or `/BaseEncoding` name denotes.
    pub(super) fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"StandardEncoding" => Some(Self::Standard),
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            b"MacExpertEncoding" => Some(Self::MacExpert),
            _ => None,
        }
    }

    /// The Unicode character of `code`, if the encoding assigns one.
    ///
    /// Standard and Symbol come from the AFM files (the `C` codes of
    /// Helvetica and Symbol are those encodings) through the glyph list:
    /// `pdf_encoding`'s Standard table maps `space` to U+00A0 and `hyphen`
    /// to U+00AD. The other tables pass control codes through, which are
    /// not text, and WinAnsi 0xAD is the glyph `hyphen` (Annex D, note 6);
    /// WinAnsi's unused codes above octal 40 print a bullet (note 3:
    /// reportlab writes `•` as 0x7F).
    pub(super) fn char(self, code: u8) -> Option<char> {
        let map = match self {
            Self::Standard | Self::Symbol => {
                let font = if self == Self::Standard {
                    "Helvetica"
                } else {
                    "Symbol"
                };
                return standard14(font).and_then(|m| m.encoding[usize::from(code)]);
            }
            Self::WinAnsi if code == 0xAD => return Some('-'),
            Self::WinAnsi if matches!(code, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) => {
                return Some('\u{2022}')
            }
            Self::WinAnsi => &pdf_encoding::WINANSI,
            Self::MacRoman => &pdf_encoding::MACROMAN,
            Self::MacExpert => &pdf_encoding::MACEXPERT,
            Self::ZapfDingbats => &pdf_encoding::ZDINGBAT,
        };
        map.get(code).filter(|c| !c.is_control())
    }
}

/// Unicode text of a glyph name, following the Adobe Glyph List
/// specification; `None` for names that carry no meaning (`g31`, `cid12`),
/// which the caller counts as unmapped rather than guessing.
pub(super) fn glyph_name_to_unicode(name: &str) -> Option<String> {
    if let Some(text) = pdf_encoding::glyphname_to_unicode(name) {
        return Some(text.to_string());
    }
    // Drop a `.suffix` (`a.sc`), then map each `_`-separated component.
    let base = name.split('.').next().unwrap_or_default();
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for component in base.split('_') {
        if let Some(text) = pdf_encoding::glyphname_to_unicode(component) {
            out.push_str(text);
        } else if let Some(hex) = component.strip_prefix("uni") {
            if hex.is_empty() || hex.len() % 4 != 0 {
                return None;
            }
            for chunk in hex.as_bytes().chunks(4) {
                out.push(hex_scalar(chunk)?);
            }
        } else if let Some(hex) = component.strip_prefix('u') {
            if !(4..=6).contains(&hex.len()) {
                return None;
            }
            out.push(hex_scalar(hex.as_bytes())?);
        } else {
            return None;
        }
    }
    Some(out)
}

/// An upper-case hexadecimal Unicode scalar value, as glyph names write it.
fn hex_scalar(hex: &[u8]) -> Option<char> {
    if !hex
        .iter()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b))
    {
        return None;
    }
    let text = std::str::from_utf8(hex).ok()?;
    char::from_u32(u32::from_str_radix(text, 16).ok()?)
}

/// Expand the Latin typographic ligatures (U+FB00..U+FB06) into their
/// letters, so `ﬁnance` is searchable as `finance`.
pub(super) fn expand_ligatures(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Metrics of one standard 14 font, parsed from its AFM file.
pub(super) struct Std14 {
    /// Advance widths by glyph name, in 1/1000 em.
    by_name: HashMap<&'static str, f64>,
    /// Advance widths by the Unicode text of the glyph name.
    by_text: HashMap<String, f64>,
    /// The font's built-in encoding, for Symbol and ZapfDingbats.
    pub(super) builtin: Option<BaseEncoding>,
    /// The font's own encoding (its AFM `C` codes), as Unicode.
    encoding: Box<[Option<char>; 256]>,
    /// Ascender and descender, in 1/1000 em.
    pub(super) ascent: f64,
    pub(super) descent: f64,
}

impl Std14 {
    /// Width of a glyph given by name or, failing that, by its text.
    pub(super) fn width(&self, name: Option<&str>, text: Option<&str>) -> Option<f64> {
        name.and_then(|n| self.by_name.get(n))
            .or_else(|| text.and_then(|t| self.by_text.get(t)))
            .copied()
    }

    fn parse(afm: &'static str, builtin: Option<BaseEncoding>) -> Self {
        let mut metrics = Std14 {
            by_name: HashMap::new(),
            by_text: HashMap::new(),
            builtin,
            encoding: Box::new([None; 256]),
            ascent: 0.0,
            descent: 0.0,
        };
        for line in afm.lines() {
            if let Some(v) = line.strip_prefix("Ascender ") {
                metrics.ascent = v.trim().parse().unwrap_or(0.0);
            } else if let Some(v) = line.strip_prefix("Descender ") {
                metrics.descent = v.trim().parse().unwrap_or(0.0);
            } else if line.starts_with("C ") {
                let mut width = None;
                let mut name = None;
                let mut code = None;
                for field in line.split(';') {
                    let field = field.trim();
                    if let Some(c) = field.strip_prefix("C ") {
                        code = c.trim().parse::<usize>().ok();
                    } else if let Some(w) = field.strip_prefix("WX ") {
                        width = w.trim().parse::<f64>().ok();
                    } else if let Some(n) = field.strip_prefix("N ") {
                        name = Some(n.trim());
                    }
                }
                if let (Some(w), Some(n)) = (width, name) {
                    metrics.by_name.insert(n, w);
                    if let Some(text) = glyph_name_to_unicode(n) {
                        if let Some(slot) = code.and_then(|c| metrics.encoding.get_mut(c)) {
                            *slot = text.chars().next();
                        }
                        metrics.by_text.entry(text).or_insert(w);
                    }
                }
            }
        }
        metrics
    }
}

/// The standard 14 font that a `/BaseFont` name denotes, including the
/// common aliases of non-embedded fonts (`Arial,Bold`, `TimesNewRoman`,
/// `CourierNew`) and subset tags (`ABCDEF+Helvetica`).
pub(super) fn standard14(base_font: &str) -> Option<&'static Std14> {
    let name = match base_font.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => base_font,
    };
    let lower = name.to_ascii_lowercase();
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let style = usize::from(bold) * 2 + usize::from(italic);
    let index = if lower.contains("courier") {
        style
    } else if lower.contains("helvetica") || lower.contains("arial") {
        4 + style
    } else if lower.contains("times") {
        8 + style
    } else if lower.contains("symbol") {
        12
    } else if lower.contains("dingbats") {
        13
    } else {
        return None;
    };
    static FONTS: [OnceLock<Std14>; 14] = [const { OnceLock::new() }; 14];
    use pdf_core_14_font_afms as afm;
    let (text, builtin) = match index {
        0 => (afm::COURIER, None),
        1 => (afm::COURIER_OBLIQUE, None),
        2 => (afm::COURIER_BOLD, None),
        3 => (afm::COURIER_BOLD_OBLIQUE, None),
        4 => (afm::HELVETICA, None),
        5 => (afm::HELVETICA_OBLIQUE, None),
        6 => (afm::HELVETICA_BOLD, None),
        7 => (afm::HELVETICA_BOLD_OBLIQUE, None),
        8 => (afm::TIMES_ROMAN, None),
        9 => (afm::TIMES_ITALIC, None),
        10 => (afm::TIMES_BOLD, None),
        11 => (afm::TIMES_BOLD_ITALIC, None),
        12 => (afm::SYMBOL, Some(BaseEncoding::Symbol)),
        _ => (afm::ZAPF_DINGBATS, Some(BaseEncoding::ZapfDingbats)),
    };
    Some(FONTS[index].get_or_init(|| Std14::parse(text, builtin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_follow_the_agl_rules() {
        assert_eq!(glyph_name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode("bullet").as_deref(), Some("\u{2022}"));
        assert_eq!(glyph_name_to_unicode("uni20AC").as_deref(), Some("€"));
        assert_eq!(glyph_name_to_unicode("uni00410042").as_deref(), Some("AB"));
        assert_eq!(glyph_name_to_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_unicode("g31"), None);
        assert_eq!(glyph_name_to_unicode("uni00e9"), None);
    }

    #[test]
    fn standard14_widths_and_aliases() {
        let helv = standard14("Helvetica").expect("helvetica");
        assert_eq!(helv.width(Some("A"), None), Some(667.0));
        assert_eq!(helv.width(None, Some("\u{2022}")), Some(350.0));
        let arial_bold = standard14("ABCDEF+Arial,Bold").expect("alias");
        assert_eq!(arial_bold.width(Some("a"), None), Some(556.0));
        assert_eq!(
            standard14("Times-Roman").and_then(|t| t.width(Some("space"), None)),
            Some(250.0)
        );
        assert!(standard14("Verdana").is_none());
    }

    #[test]
    fn standard_encoding_from_the_afm() {
        assert_eq!(BaseEncoding::Standard.char(0x20), Some(' '));
        assert_eq!(BaseEncoding::Standard.char(0x2D), Some('-'));
        assert_eq!(BaseEncoding::Standard.char(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::Standard.char(0xAE), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::Standard.char(0x80), None);
        assert_eq!(BaseEncoding::Symbol.char(0x61), Some('\u{3B1}'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x07), None);
        assert_eq!(BaseEncoding::WinAnsi.char(0x7F), Some('\u{2022}'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x95), Some('\u{2022}'));
        assert_eq!(BaseEncoding::MacRoman.char(0x8E), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.char(0xA5), Some('\u{2022}'));
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(expand_ligatures("\u{FB01}nance \u{FB03}x"), "finance ffix");
    }
}
