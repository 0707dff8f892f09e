//! Fonts as the content-stream interpreter needs them: split a shown byte
//! string into character codes, and give each code its Unicode text and its
//! advance width in text space.
//!
//! Precedence of text sources, per PDF 32000-1, 9.10.2: `/ToUnicode` wins;
//! then, for simple fonts, `/Differences` glyph names (Adobe Glyph List) and
//! the base encoding; for Type0 fonts, UCS-2 encodings. Anything else is
//! reported as unmapped, never guessed.

use super::cmap::CMap;
use super::names::{self, BaseEncoding};
use super::{dict_get, num, resolve, Limits};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// A loaded font.
pub(super) struct Font {
    /// `/BaseFont` without a subset tag (or the resource name).
    pub(super) name: String,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Ascent and descent in text space units per unit of font size.
    pub(super) ascent: f64,
    pub(super) descent: f64,
    /// Writing mode 1 (Identity-V and other vertical CMaps).
    pub(super) vertical: bool,
}

enum Kind {
    /// Type1, TrueType, Type3, MMType1: one byte per code.
    Simple(Vec<SimpleCode>),
    /// Type0 with a CIDFont descendant.
    Composite {
        encoding: Box<CMap>,
        /// Codes are UCS-2 / UTF-16 (`Uni*-UCS2-*`, `Uni*-UTF16-*`).
        unicode_codes: bool,
        widths: CidWidths,
    },
}

struct SimpleCode {
    text: Option<String>,
    width: f64,
}

struct CidWidths {
    single: HashMap<u32, f64>,
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

/// One decoded character code.
pub(super) struct Decoded {
    /// Unicode text (ligatures expanded); `None` when the font gives none.
    pub(super) text: Option<String>,
    /// Advance width in text space units per unit of font size.
    pub(super) width: f64,
    /// Single-byte code 32, the only code word spacing (`Tw`) applies to.
    pub(super) word_space: bool,
}

impl Font {
    /// Load a font dictionary; problems become warnings, not errors, so one
    /// odd font does not lose the rest of the page.
    pub(super) fn load(
        doc: &Document,
        dict: &Dictionary,
        resource_name: &str,
        limits: &Limits,
        warnings: &mut Vec<String>,
    ) -> Font {
        let base_font = dict_get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned());
        let name = match &base_font {
            Some(b) => match b.split_once('+') {
                Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
                _ => b.clone(),
            },
            None => resource_name.to_string(),
        };
        let to_unicode = dict_get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(
                |s| match s.get_plain_content_with_limit(limits.max_stream_bytes) {
                    Ok(data) => Some(CMap::parse(&data)),
                    Err(e) => {
                        warnings.push(format!("font {name}: unreadable /ToUnicode ({e})"));
                        None
                    }
                },
            );
        let subtype = dict_get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok());
        let mut font = Font {
            name,
            kind: Kind::Simple(Vec::new()),
            to_unicode,
            ascent: 0.0,
            descent: 0.0,
            vertical: false,
        };
        let descriptor = if subtype == Some(b"Type0") {
            font.load_composite(doc, dict, limits, warnings)
        } else {
            font.load_simple(doc, dict, base_font.as_deref(), subtype == Some(b"Type3"))
        };
        if font.ascent <= 0.0 || font.ascent > 2.0 || font.descent > 0.0 || font.descent < -1.0 {
            let (a, d) = descriptor
                .map(|fd| {
                    let get = |k: &[u8]| dict_get(doc, fd, k).and_then(num).unwrap_or(0.0);
                    (get(b"Ascent") / 1000.0, get(b"Descent") / 1000.0)
                })
                .unwrap_or((0.0, 0.0));
            // Poppler's defaults when a font says nothing usable.
            font.ascent = if a > 0.0 && a <= 2.0 { a } else { 0.95 };
            font.descent = if (-1.0..=0.0).contains(&d) && d != 0.0 {
                d
            } else {
                -0.35
            };
        }
        font
    }

    /// Split `bytes` into codes and decode each.
    pub(super) fn decode(&self, bytes: &[u8], out: &mut Vec<Decoded>) {
        match &self.kind {
            Kind::Simple(codes) => {
                for &b in bytes {
                    let code = &codes[usize::from(b)];
                    out.push(Decoded {
                        text: code.text.clone(),
                        width: code.width,
                        word_space: b == b' ',
                    });
                }
            }
            Kind::Composite {
                encoding,
                unicode_codes,
                widths,
            } => {
                let mut rest = bytes;
                while !rest.is_empty() {
                    let (code, len) = encoding.next_code(rest, 2);
                    rest = &rest[usize::from(len)..];
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(code, len))
                        .or_else(|| {
                            let c = char::from_u32(code).filter(|_| *unicode_codes)?;
                            Some(c.to_string())
                        })
                        .map(|t| names::expand_ligatures(&t).into_owned());
                    let cid = encoding.cid(code, len).unwrap_or(0);
                    out.push(Decoded {
                        text,
                        width: widths.get(cid),
                        word_space: len == 1 && code == 32,
                    });
                }
            }
        }
    }

    /// Simple font: precompute text and width of all 256 codes. Returns the
    /// font descriptor for ascent/descent.
    fn load_simple<'a>(
        &mut self,
        doc: &'a Document,
        dict: &'a Dictionary,
        base_font: Option<&str>,
        type3: bool,
    ) -> Option<&'a Dictionary> {
        let descriptor = dict_get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let embedded = descriptor.is_some_and(|fd| {
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| fd.has(k))
        });
        let std14 = base_font
            .filter(|_| !embedded && !type3)
            .and_then(names::standard14);
        // Glyph space -> text space: 1/1000, or the Type3 FontMatrix.
        let matrix = dict_get(doc, dict, b"FontMatrix")
            .filter(|_| type3)
            .map(|o| numbers(doc, o))
            .filter(|m| m.len() == 6);
        let (scale_x, scale_y) = matrix.as_ref().map_or((0.001, 0.001), |m| (m[0], m[3]));

        // Base encoding and Differences.
        let mut base = std14
            .and_then(|m| m.builtin)
            .unwrap_or(BaseEncoding::Standard);
        let mut differences: Vec<Option<String>> = vec![None; 256];
        match dict_get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => base = BaseEncoding::from_name(n).unwrap_or(base),
            Some(Object::Dictionary(enc)) => {
                if let Some(b) = dict_get(doc, enc, b"BaseEncoding")
                    .and_then(|o| o.as_name().ok())
                    .and_then(BaseEncoding::from_name)
                {
                    base = b;
                }
                if let Some(diffs) =
                    dict_get(doc, enc, b"Differences").and_then(|o| o.as_array().ok())
                {
                    let mut code: usize = 0;
                    for item in diffs {
                        match resolve(doc, item) {
                            Some(Object::Integer(c)) => code = usize::try_from(*c).unwrap_or(256),
                            Some(Object::Name(n)) => {
                                if let Some(slot) = differences.get_mut(code) {
                                    *slot = Some(String::from_utf8_lossy(n).into_owned());
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }

        let first_char = dict_get(doc, dict, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0) as i64;
        let widths = dict_get(doc, dict, b"Widths").map_or_else(Vec::new, |o| numbers(doc, o));
        let missing = descriptor
            .and_then(|fd| dict_get(doc, fd, b"MissingWidth"))
            .and_then(num)
            .unwrap_or(0.0);

        let codes = (0..256usize)
            .map(|code| {
                let glyph_name = differences[code].as_deref();
                let from_encoding = match glyph_name {
                    Some(n) => names::glyph_name_to_unicode(n),
                    None => base.char(code as u8).map(String::from),
                };
                let text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|m| m.text(code as u32, 1))
                    .or(from_encoding.clone())
                    .map(|t| names::expand_ligatures(&t).into_owned());
                let index = code as i64 - first_char;
                let width = if !widths.is_empty() {
                    usize::try_from(index)
                        .ok()
                        .and_then(|i| widths.get(i).copied())
                        .unwrap_or(missing)
                } else if let Some(m) = std14 {
                    m.width(glyph_name, from_encoding.as_deref())
                        .unwrap_or(missing)
                } else {
                    missing
                };
                SimpleCode {
                    text,
                    width: width * scale_x,
                }
            })
            .collect();
        self.kind = Kind::Simple(codes);

        if let (Some(m), true) = (&matrix, type3) {
            if let Some(v) = dict_get(doc, dict, b"FontBBox").map(|o| numbers(doc, o)) {
                if v.len() == 4 {
                    self.ascent = v[3].max(v[1]) * m[3].abs();
                    self.descent = v[1].min(v[3]) * m[3].abs();
                }
            }
        } else if let Some(m) = std14.filter(|_| descriptor.is_none()) {
            self.ascent = m.ascent * scale_y;
            self.descent = m.descent * scale_y;
        }
        descriptor
    }

    /// Type0 font: encoding CMap, descendant CIDFont widths.
    fn load_composite<'a>(
        &mut self,
        doc: &'a Document,
        dict: &'a Dictionary,
        limits: &Limits,
        warnings: &mut Vec<String>,
    ) -> Option<&'a Dictionary> {
        let mut unicode_codes = false;
        let encoding = match dict_get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                self.vertical = n.ends_with(b"-V");
                unicode_codes = n.starts_with(b"Uni")
                    && (n.windows(4).any(|w| w == b"UCS2") || n.windows(5).any(|w| w == b"UTF16"));
                if n.starts_with(b"Identity") {
                    CMap::identity()
                } else {
                    if !unicode_codes {
                        warnings.push(format!(
                            "font {}: predefined CMap {} is not built in; codes are read as two bytes",
                            self.name,
                            String::from_utf8_lossy(n)
                        ));
                    }
                    CMap::default()
                }
            }
            Some(Object::Stream(s)) => {
                self.vertical = dict_get(doc, &s.dict, b"WMode").and_then(num) == Some(1.0);
                match s.get_plain_content_with_limit(limits.max_stream_bytes) {
                    Ok(data) => CMap::parse(&data),
                    Err(e) => {
                        warnings.push(format!(
                            "font {}: unreadable encoding CMap ({e})",
                            self.name
                        ));
                        CMap::default()
                    }
                }
            }
            _ => CMap::identity(),
        };
        // Without codespace ranges of its own, borrow the ToUnicode's.
        let encoding = match &self.to_unicode {
            Some(tu) if !encoding.has_codespace() && tu.has_codespace() => tu.codespace_only(),
            _ => encoding,
        };

        let descendant = dict_get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut widths = CidWidths {
            single: HashMap::new(),
            ranges: Vec::new(),
            default: 1.0,
        };
        if let Some(cid_font) = descendant {
            if let Some(dw) = dict_get(doc, cid_font, b"DW").and_then(num) {
                widths.default = dw / 1000.0;
            }
            if let Some(w) = dict_get(doc, cid_font, b"W").and_then(|o| o.as_array().ok()) {
                widths.parse(doc, w);
            }
        }
        self.kind = Kind::Composite {
            encoding: Box::new(encoding),
            unicode_codes,
            widths,
        };
        descendant
            .and_then(|d| dict_get(doc, d, b"FontDescriptor"))
            .and_then(|o| o.as_dict().ok())
    }
}

/// The numbers of a PDF array (references followed; non-numbers as 0).
fn numbers(doc: &Document, array: &Object) -> Vec<f64> {
    array.as_array().map_or_else(
        |_| Vec::new(),
        |a| {
            a.iter()
                .map(|o| resolve(doc, o).and_then(num).unwrap_or(0.0))
                .collect()
        },
    )
}

impl CidWidths {
    /// `/W`: `c [w1 w2 ...]` and `c_first c_last w` entries.
    fn parse(&mut self, doc: &Document, w: &[Object]) {
        let items: Vec<&Object> = w.iter().filter_map(|o| resolve(doc, o)).collect();
        let mut i = 0;
        while i + 1 < items.len() {
            let Some(first) = num(items[i]).map(|f| f as u32) else {
                i += 1;
                continue;
            };
            match items[i + 1] {
                Object::Array(list) => {
                    for (k, o) in list.iter().enumerate() {
                        if let Some(width) = resolve(doc, o).and_then(num) {
                            self.single
                                .insert(first.saturating_add(k as u32), width / 1000.0);
                        }
                    }
                    i += 2;
                }
                last => {
                    if let (Some(last), Some(width)) =
                        (num(last), items.get(i + 2).and_then(|o| num(o)))
                    {
                        self.ranges.push((first, last as u32, width / 1000.0));
                    }
                    i += 3;
                }
            }
        }
    }

    fn get(&self, cid: u32) -> f64 {
        if let Some(&w) = self.single.get(&cid) {
            return w;
        }
        self.ranges
            .iter()
            .find(|&&(lo, hi, _)| (lo..=hi).contains(&cid))
            .map_or(self.default, |&(_, _, w)| w)
    }
}
