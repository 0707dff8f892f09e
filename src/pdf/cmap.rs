//! CMaps embedded in PDFs: `/ToUnicode` maps (code -> text) and embedded
//! encoding CMaps of Type0 fonts (code -> CID), both with codespace ranges
//! that split a byte string into multi-byte codes.
//!
//! lopdf has a ToUnicode parser, but it is crate-private, rejects a whole
//! CMap on one odd token and does not expose the codespace ranges or CID
//! mappings; this tolerant tokenizer skips what it does not understand.

use std::collections::HashMap;

/// A parsed CMap. Codes are keyed by (byte length, value), since `<00>` and
/// `<0000>` are different codes.
#[derive(Debug, Default)]
pub(super) struct CMap {
    codespace: Vec<(u32, u32, u8)>,
    text: HashMap<(u8, u32), String>,
    /// bfranges too large to expand: (len, lo, hi, UTF-16 of `lo`).
    text_ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    cids: HashMap<(u8, u32), u32>,
    cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// `usecmap` of Identity-H/V: unmapped two-byte codes are their own CID.
    identity: bool,
}

/// Ranges up to this many codes are expanded into the hash map.
const EXPAND_LIMIT: u32 = 256;

#[derive(Debug)]
enum Token<'a> {
    Hex(Vec<u8>),
    Int(i64),
    Name(&'a [u8]),
    Keyword(&'a [u8]),
    Open,
    Close,
}

impl CMap {
    /// Parse CMap source text; never fails, unknown content is skipped.
    pub(super) fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap::default();
        let mut start = 0;
        for (i, token) in tokens.iter().enumerate() {
            let Token::Keyword(k) = token else { continue };
            match *k {
                b"begincodespacerange"
                | b"beginbfchar"
                | b"beginbfrange"
                | b"begincidchar"
                | b"begincidrange" => start = i + 1,
                b"endcodespacerange" => cmap.codespace_section(tokens.get(start..i)),
                b"endbfchar" => cmap.bfchar_section(tokens.get(start..i)),
                b"endbfrange" => cmap.bfrange_section(tokens.get(start..i)),
                b"endcidchar" => cmap.cidchar_section(tokens.get(start..i)),
                b"endcidrange" => cmap.cidrange_section(tokens.get(start..i)),
                b"usecmap" => {
                    if let Some(Token::Name(n)) = i.checked_sub(1).and_then(|j| tokens.get(j)) {
                        cmap.identity |= n.starts_with(b"Identity");
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    /// A CMap that maps two-byte codes to themselves (Identity-H/V).
    pub(super) fn identity() -> CMap {
        CMap {
            codespace: vec![(0, 0xFFFF, 2)],
            identity: true,
            ..CMap::default()
        }
    }

    /// A CMap with only this one's codespace ranges, to split the codes of a
    /// Type0 font whose own encoding CMap is not available.
    pub(super) fn codespace_only(&self) -> CMap {
        CMap {
            codespace: self.codespace.clone(),
            ..CMap::default()
        }
    }

    /// Whether the CMap declares codespace ranges.
    pub(super) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Split the next code off `bytes` by the codespace ranges; returns the
    /// code and its length. Without a matching range, `fallback_len` bytes
    /// (or fewer at the end of the string) make one code.
    pub(super) fn next_code(&self, bytes: &[u8], fallback_len: u8) -> (u32, u8) {
        for len in 1..=4u8 {
            if usize::from(len) > bytes.len() {
                break;
            }
            let code = be(&bytes[..usize::from(len)]);
            if self
                .codespace
                .iter()
                .any(|&(lo, hi, l)| l == len && bytewise_in(code, lo, hi, len))
            {
                return (code, len);
            }
        }
        let len = usize::from(fallback_len.max(1)).min(bytes.len());
        (be(&bytes[..len]), len as u8)
    }

    /// Unicode text of a code, from bfchar/bfrange entries.
    pub(super) fn text(&self, code: u32, len: u8) -> Option<String> {
        if let Some(t) = self.text.get(&(len, code)) {
            return Some(t.clone());
        }
        self.text_ranges
            .iter()
            .find(|&&(l, lo, hi, _)| l == len && (lo..=hi).contains(&code))
            .and_then(|(_, lo, _, base)| utf16_offset(base, code - lo))
    }

    /// CID of a code, from cidchar/cidrange entries (or identity).
    pub(super) fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(&c) = self.cids.get(&(len, code)) {
            return Some(c);
        }
        if let Some(&(_, lo, _, cid)) = self
            .cid_ranges
            .iter()
            .find(|&&(l, lo, hi, _)| l == len && (lo..=hi).contains(&code))
        {
            return Some(cid + (code - lo));
        }
        (self.identity && len == 2).then_some(code)
    }

    fn codespace_section(&mut self, tokens: Option<&[Token]>) {
        for pair in tokens.unwrap_or_default().chunks_exact(2) {
            if let [Token::Hex(lo), Token::Hex(hi)] = pair {
                if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() {
                    self.codespace.push((be(lo), be(hi), lo.len() as u8));
                }
            }
        }
    }

    fn bfchar_section(&mut self, tokens: Option<&[Token]>) {
        for pair in tokens.unwrap_or_default().chunks_exact(2) {
            let (Token::Hex(src), dst) = (&pair[0], &pair[1]) else {
                continue;
            };
            let text = match dst {
                Token::Hex(d) => utf16_offset(&utf16_units(d), 0),
                Token::Name(n) => std::str::from_utf8(n)
                    .ok()
                    .and_then(super::names::glyph_name_to_unicode),
                _ => None,
            };
            if let (Some(text), Some(len)) = (text, code_len(src)) {
                self.text.insert((len, be(src)), text);
            }
        }
    }

    fn bfrange_section(&mut self, tokens: Option<&[Token]>) {
        let tokens = tokens.unwrap_or_default();
        let mut i = 0;
        while i + 2 < tokens.len() {
            let (Token::Hex(lo), Token::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                i += 1;
                continue;
            };
            let (Some(len), lo, hi) = (code_len(lo), be(lo), be(hi)) else {
                i += 1;
                continue;
            };
            match &tokens[i + 2] {
                Token::Hex(dst) if hi >= lo => {
                    let base = utf16_units(dst);
                    if hi - lo < EXPAND_LIMIT {
                        for k in 0..=hi - lo {
                            if let Some(t) = utf16_offset(&base, k) {
                                self.text.insert((len, lo + k), t);
                            }
                        }
                    } else {
                        self.text_ranges.push((len, lo, hi, base));
                    }
                    i += 3;
                }
                Token::Open => {
                    let mut j = i + 3;
                    let mut code = lo;
                    while let Some(Token::Hex(dst)) = tokens.get(j) {
                        if let Some(t) = utf16_offset(&utf16_units(dst), 0) {
                            if code <= hi {
                                self.text.insert((len, code), t);
                            }
                        }
                        code = code.saturating_add(1);
                        j += 1;
                    }
                    i = j + 1;
                }
                _ => i += 3,
            }
        }
    }

    fn cidchar_section(&mut self, tokens: Option<&[Token]>) {
        for pair in tokens.unwrap_or_default().chunks_exact(2) {
            if let [Token::Hex(src), Token::Int(cid)] = pair {
                if let (Some(len), Ok(cid)) = (code_len(src), u32::try_from(*cid)) {
                    self.cids.insert((len, be(src)), cid);
                }
            }
        }
    }

    fn cidrange_section(&mut self, tokens: Option<&[Token]>) {
        for triple in tokens.unwrap_or_default().chunks_exact(3) {
            if let [Token::Hex(lo), Token::Hex(hi), Token::Int(cid)] = triple {
                if let (Some(len), Ok(cid)) = (code_len(lo), u32::try_from(*cid)) {
                    if be(hi) >= be(lo) {
                        self.cid_ranges.push((len, be(lo), be(hi), cid));
                    }
                }
            }
        }
    }
}

/// Length of a source code of 1..=4 bytes.
fn code_len(src: &[u8]) -> Option<u8> {
    (1..=4).contains(&src.len()).then_some(src.len() as u8)
}

/// Big-endian value of up to four bytes.
fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// Codespace ranges bound each byte separately (PDF 32000-1, 9.7.6.2).
fn bytewise_in(code: u32, lo: u32, hi: u32, len: u8) -> bool {
    (0..len).all(|i| {
        let shift = 8 * u32::from(i);
        let (b, l, h) = (
            (code >> shift) & 0xFF,
            (lo >> shift) & 0xFF,
            (hi >> shift) & 0xFF,
        );
        l <= b && b <= h
    })
}

/// UTF-16BE code units of a destination string (a lone byte is one unit).
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| (u16::from(c[0]) << 8) | c.get(1).map_or(0, |&b| u16::from(b)))
        .collect()
}

/// Text of a UTF-16 destination whose last unit is advanced by `offset`
/// (bfrange semantics); `None` for empty or invalid results and for
/// control characters, which broken producers write for real glyphs (the
/// font's encoding then decides, as in poppler).
fn utf16_offset(units: &[u16], offset: u32) -> Option<String> {
    let mut units = units.to_vec();
    let last = units.last_mut()?;
    *last = u16::try_from(u32::from(*last) + offset).ok()?;
    let text: String = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
    let garbage = |c: char| c.is_control() && !c.is_whitespace();
    (!text.is_empty() && !text.chars().any(garbage)).then_some(text)
}

fn tokenize(data: &[u8]) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| i + p);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                tokens.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                tokens.push(Token::Open);
                i += 1;
            }
            b']' => {
                tokens.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings only appear in metadata; skip them, nested.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c != b'/' && (c.is_ascii_whitespace() || c == 0 || b"<>(){}".contains(&c)) => {
                i += 1
            }
            _ => {
                let start = i;
                i += 1;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"[]<>(){}/%".contains(&data[i])
                {
                    i += 1;
                }
                let word = &data[start..i];
                if let Some(name) = word.strip_prefix(b"/") {
                    tokens.push(Token::Name(name));
                } else if let Some(n) = std::str::from_utf8(word).ok().and_then(|s| s.parse().ok())
                {
                    tokens.push(Token::Int(n));
                } else {
                    tokens.push(Token::Keyword(word));
                }
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0011> <0066006C> <0012> /bullet endbfchar
3 beginbfrange <0024> <0026> <0041>
<0030> <0031> [<0078> <D83DDE00>]
<0100> <01FF> <0061>
endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn parses_bfchar_bfrange_and_arrays() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.text(3, 2).as_deref(), Some(" "));
        assert_eq!(cmap.text(0x11, 2).as_deref(), Some("fl"));
        assert_eq!(cmap.text(0x12, 2).as_deref(), Some("\u{2022}"));
        assert_eq!(cmap.text(0x25, 2).as_deref(), Some("B"));
        assert_eq!(cmap.text(0x31, 2).as_deref(), Some("😀"));
        assert_eq!(cmap.text(0x1FF, 2).as_deref(), Some("\u{160}"));
        assert_eq!(cmap.text(0x25, 1), None);
        assert_eq!(cmap.next_code(&[0x00, 0x25, 0x00], 1), (0x25, 2));
    }

    #[test]
    fn codespace_splits_mixed_lengths() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange
              1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(cmap.next_code(b"A\x81\x41", 2), (0x41, 1));
        assert_eq!(cmap.next_code(b"\x81\x41", 1), (0x8141, 2));
        assert_eq!(cmap.cid(0x8141, 2), Some(634));
        assert_eq!(cmap.cid(0x41, 1), Some(34));
        assert_eq!(cmap.cid(0x42, 1), None);
    }
}
