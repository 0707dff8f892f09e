//! The content-stream interpreter: runs a page's operators (text state,
//! graphics state, form XObjects, paths) and records glyphs and segments in
//! page space.

use super::font::{Decoded, Font};
use super::{dict_get, num, resolve, Glyph, Limits, Page, PdfError, Segment};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Fonts loaded so far, by object id: shared by all pages of a document.
#[derive(Default)]
pub(super) struct FontCache(HashMap<ObjectId, Rc<Font>>);

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 32;
/// Deepest q/Q nesting kept; deeper saves are ignored (and so are their Q).
const MAX_SAVE_DEPTH: usize = 1024;
/// Filled rectangles no thicker than this (points) are drawn rules: they
/// become their centre line rather than four edges.
const THIN_RULE: f64 = 2.0;

/// An affine matrix `[a b c d e f]`, row-vector convention as in PDF.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = other.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// Length of the image of the vector `(x, y)`.
    fn scale(self, x: f64, y: f64) -> f64 {
        let [a, b, c, d, ..] = self.0;
        (x * a + y * c).hypot(x * b + y * d)
    }

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let v = numbers::<6>(operands)?;
        Some(Matrix(v))
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
}

/// A path piece under construction, already in page space.
enum Piece {
    Line((f64, f64), (f64, f64)),
    Rect([(f64, f64); 4]),
}

struct Interpreter<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    fonts: &'a mut FontCache,
    warnings: &'a mut Vec<String>,
    page: u32,
    ops: usize,
    gs: GState,
    saved: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Piece>,
    current: Option<(f64, f64)>,
    subpath_start: Option<(f64, f64)>,
    forms: Vec<ObjectId>,
    decoded: Vec<Decoded>,
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    unmapped: u32,
    missing_fonts: Vec<Vec<u8>>,
    /// Whether text without a usable font was already reported.
    fontless_warned: bool,
    /// Open marked-content sequences: `/ActualText` and the index of the
    /// first glyph inside, for those that carry one.
    marked: Vec<Option<(String, usize)>>,
}

/// Interpret one page.
pub(super) fn read_page(
    doc: &Document,
    id: ObjectId,
    number: u32,
    limits: &Limits,
    fonts: &mut FontCache,
    warnings: &mut Vec<String>,
) -> Result<Page, PdfError> {
    let page = doc
        .get_dictionary(id)
        .map_err(|e| PdfError::Damaged(format!("page {number}: {e}")))?;
    let media = inherited(doc, page, b"MediaBox")
        .and_then(rect)
        .unwrap_or_else(|| {
            warnings.push(format!("page {number}: no MediaBox, assuming US Letter"));
            [0.0, 0.0, 612.0, 792.0]
        });
    let crop = inherited(doc, page, b"CropBox")
        .and_then(rect)
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[0] < c[2] && c[1] < c[3])
        .unwrap_or(media);
    let rotate = inherited(doc, page, b"Rotate").and_then(num).unwrap_or(0.0);
    let rotate = ((rotate / 90.0).round() as i64).rem_euclid(4) * 90;
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    let (base, width, height) = match rotate {
        90 => (Matrix([0.0, -1.0, 1.0, 0.0, -y0, x1]), h, w),
        180 => (Matrix([-1.0, 0.0, 0.0, -1.0, x1, y1]), w, h),
        270 => (Matrix([0.0, 1.0, -1.0, 0.0, y1, -x0]), h, w),
        _ => (Matrix::translate(-x0, -y0), w, h),
    };
    let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
    let data = doc
        .get_page_content_with_limit(id, limits.max_stream_bytes)
        .map_err(|e| match e {
            lopdf::Error::Decompress(_) => PdfError::TooLarge(format!(
                "page {number}: content decodes to more than {} bytes",
                limits.max_stream_bytes
            )),
            e => PdfError::Damaged(format!("page {number}: {e}")),
        })?;

    let mut it = Interpreter {
        doc,
        limits,
        fonts,
        warnings,
        page: number,
        ops: 0,
        gs: GState {
            ctm: base,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        },
        saved: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Vec::new(),
        current: None,
        subpath_start: None,
        forms: Vec::new(),
        decoded: Vec::new(),
        glyphs: Vec::new(),
        segments: Vec::new(),
        unmapped: 0,
        missing_fonts: Vec::new(),
        fontless_warned: false,
        marked: Vec::new(),
    };
    it.run(&data, resources)?;
    Ok(Page {
        number,
        width: width as f32,
        height: height as f32,
        glyphs: it.glyphs,
        segments: it.segments,
        unmapped: it.unmapped,
    })
}

/// A page attribute, inherited through the page tree (`/Parent`).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(value) = dict_get(doc, node, key) {
            return Some(value);
        }
        node = dict_get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 < x1 and y0 < y1.
fn rect(object: &Object) -> Option<[f64; 4]> {
    let v = numbers::<4>(object.as_array().ok()?)?;
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

/// The last `N` operands as numbers.
fn numbers<const N: usize>(operands: &[Object]) -> Option<[f64; N]> {
    let tail = operands.get(operands.len().checked_sub(N)?..)?;
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(tail) {
        *slot = num(o)?;
    }
    Some(out)
}

impl Interpreter<'_> {
    fn run(&mut self, data: &[u8], resources: Option<&Dictionary>) -> Result<(), PdfError> {
        let depth = self.saved.len();
        for op in Content::decode_iter(data) {
            let Ok(op) = op else {
                self.warnings.push(format!(
                    "page {}: content stream damaged; the rest of it is skipped",
                    self.page
                ));
                break;
            };
            self.ops += 1;
            if self.ops > self.limits.max_ops_per_page {
                return Err(PdfError::TooLarge(format!(
                    "page {}: more than {} content-stream operations",
                    self.page, self.limits.max_ops_per_page
                )));
            }
            self.operation(&op.operator, &op.operands, resources)?;
        }
        // A stream must not leave saved states behind for its caller.
        while self.saved.len() > depth {
            self.restore();
        }
        Ok(())
    }

    fn restore(&mut self) {
        if let Some(gs) = self.saved.pop() {
            self.gs = gs;
        }
    }

    fn operation(
        &mut self,
        operator: &str,
        operands: &[Object],
        resources: Option<&Dictionary>,
    ) -> Result<(), PdfError> {
        match operator {
            "q" if self.saved.len() < MAX_SAVE_DEPTH => self.saved.push(self.gs.clone()),
            "Q" => self.restore(),
            "cm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.gs.ctm = m.then(self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tc" => self.set(operands, |gs, v| gs.char_spacing = v),
            "Tw" => self.set(operands, |gs, v| gs.word_spacing = v),
            "Tz" => self.set(operands, |gs, v| gs.hscale = v / 100.0),
            "TL" => self.set(operands, |gs, v| gs.leading = v),
            "Ts" => self.set(operands, |gs, v| gs.rise = v),
            "Tf" => {
                if let (Some(Object::Name(name)), Some(size)) =
                    (operands.first(), operands.get(1).and_then(num))
                {
                    self.gs.font = self.font(resources, name);
                    self.gs.font_size = size;
                }
            }
            "Td" => {
                if let Some([x, y]) = numbers::<2>(operands) {
                    self.next_line(x, y);
                }
            }
            "TD" => {
                if let Some([x, y]) = numbers::<2>(operands) {
                    self.gs.leading = -y;
                    self.next_line(x, y);
                }
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tj" => {
                if let Some(Object::String(bytes, _)) = operands.last() {
                    self.show(bytes);
                }
            }
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Object::String(bytes, _)) = operands.last() {
                    self.show(bytes);
                }
            }
            "\"" => {
                if let [aw, ac, Object::String(bytes, _)] = operands {
                    self.gs.word_spacing = num(aw).unwrap_or(self.gs.word_spacing);
                    self.gs.char_spacing = num(ac).unwrap_or(self.gs.char_spacing);
                    self.next_line(0.0, -self.gs.leading);
                    self.show(bytes);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = operands.last() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(bytes),
                            other => {
                                if let Some(adjust) = num(other) {
                                    self.displace(-adjust / 1000.0 * self.gs.font_size);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = operands.last() {
                    self.form(resources, name)?;
                }
            }
            "m" => {
                if let Some([x, y]) = numbers::<2>(operands) {
                    let p = self.gs.ctm.apply(x, y);
                    self.current = Some(p);
                    self.subpath_start = Some(p);
                }
            }
            "l" => {
                if let Some([x, y]) = numbers::<2>(operands) {
                    let p = self.gs.ctm.apply(x, y);
                    if let Some(from) = self.current {
                        self.path.push(Piece::Line(from, p));
                    }
                    self.current = Some(p);
                }
            }
            "c" | "v" | "y" => {
                // Curves are not rules; only the current point moves.
                if let Some([x, y]) = numbers::<2>(operands) {
                    self.current = Some(self.gs.ctm.apply(x, y));
                }
            }
            "re" => {
                if let Some([x, y, w, h]) = numbers::<4>(operands) {
                    let ctm = self.gs.ctm;
                    let corners = [
                        ctm.apply(x, y),
                        ctm.apply(x + w, y),
                        ctm.apply(x + w, y + h),
                        ctm.apply(x, y + h),
                    ];
                    self.path.push(Piece::Rect(corners));
                    self.current = Some(corners[0]);
                    self.subpath_start = Some(corners[0]);
                }
            }
            "h" => self.close_subpath(),
            "S" => self.paint(false),
            "s" => {
                self.close_subpath();
                self.paint(false);
            }
            "f" | "F" | "f*" => self.paint(true),
            "B" | "B*" => self.paint(false),
            "b" | "b*" => {
                self.close_subpath();
                self.paint(false);
            }
            "n" => self.end_path(),
            "BMC" => self.marked.push(None),
            "BDC" => {
                let properties = match operands.get(1) {
                    Some(Object::Dictionary(d)) => Some(d),
                    Some(Object::Name(n)) => resources
                        .and_then(|r| dict_get(self.doc, r, b"Properties"))
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|p| dict_get(self.doc, p, n))
                        .and_then(|o| o.as_dict().ok()),
                    _ => None,
                };
                let actual = properties
                    .and_then(|p| dict_get(self.doc, p, b"ActualText"))
                    .and_then(|o| lopdf::decode_text_string(o).ok());
                self.marked
                    .push(actual.map(|text| (text, self.glyphs.len())));
            }
            "EMC" => {
                if let Some(Some((text, start))) = self.marked.pop() {
                    self.apply_actual_text(text, start);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `/ActualText` replaces the text of the glyphs it spans (PDF 32000-1,
    /// 14.9.4): one character per glyph when the counts agree, else the
    /// whole text on the first glyph and empty text on the others, so every
    /// glyph keeps its place and the run reads as the producer intended.
    fn apply_actual_text(&mut self, text: String, start: usize) {
        let Some(glyphs) = self.glyphs.get_mut(start..).filter(|g| !g.is_empty()) else {
            return;
        };
        for g in glyphs.iter() {
            if g.text == "\u{FFFD}" {
                self.unmapped = self.unmapped.saturating_sub(1);
            }
        }
        if text.chars().count() == glyphs.len() {
            for (g, c) in glyphs.iter_mut().zip(text.chars()) {
                g.text = c.to_string();
            }
        } else {
            for g in glyphs.iter_mut() {
                g.text.clear();
            }
            glyphs[0].text = text;
        }
    }

    fn set(&mut self, operands: &[Object], apply: impl FnOnce(&mut GState, f64)) {
        if let Some([v]) = numbers::<1>(operands) {
            apply(&mut self.gs, v);
        }
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }

    /// Move the text position along the writing direction, in text space.
    fn displace(&mut self, amount: f64) {
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let (x, y) = if vertical {
            (0.0, amount)
        } else {
            (amount * self.gs.hscale, 0.0)
        };
        self.tm = Matrix::translate(x, y).then(self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            if !self.fontless_warned {
                self.fontless_warned = true;
                self.warnings.push(format!(
                    "page {}: text shown without a font is skipped",
                    self.page
                ));
            }
            return;
        };
        let mut decoded = std::mem::take(&mut self.decoded);
        decoded.clear();
        font.decode(bytes, &mut decoded);
        let gs = &self.gs;
        let (size, hscale) = (gs.font_size, gs.hscale);
        for d in &decoded {
            let trm = Matrix([size * hscale, 0.0, 0.0, size, 0.0, gs.rise])
                .then(self.tm)
                .then(gs.ctm);
            let (x, y) = trm.apply(0.0, 0.0);
            let corners = [
                trm.apply(0.0, font.descent),
                trm.apply(d.width, font.descent),
                trm.apply(0.0, font.ascent),
                trm.apply(d.width, font.ascent),
            ];
            let (mut bx0, mut by0, mut bx1, mut by1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (cx, cy) in corners {
                bx0 = bx0.min(cx);
                by0 = by0.min(cy);
                bx1 = bx1.max(cx);
                by1 = by1.max(cy);
            }
            let text = match &d.text {
                Some(t) => t.clone(),
                None => {
                    self.unmapped += 1;
                    '\u{FFFD}'.to_string()
                }
            };
            self.glyphs.push(Glyph {
                text,
                font: font.name.clone(),
                size: trm.scale(0.0, 1.0) as f32,
                x: x as f32,
                y: y as f32,
                advance: trm.scale(d.width, 0.0) as f32,
                bbox: [bx0 as f32, by0 as f32, bx1 as f32, by1 as f32],
                turn: {
                    // The nearest quarter turn of the baseline's direction.
                    let (dx, dy) = trm.apply(1.0, 0.0);
                    let (ux, uy) = (dx - x, dy - y);
                    match (ux.abs() >= uy.abs(), ux >= 0.0, uy > 0.0) {
                        (true, true, _) => 0,
                        (true, false, _) => 2,
                        (false, _, true) => 1,
                        (false, _, false) => 3,
                    }
                },
            });
            let spacing = gs.char_spacing + if d.word_space { gs.word_spacing } else { 0.0 };
            let advance = if font.vertical { -size } else { d.width * size };
            let (dx, dy) = if font.vertical {
                (0.0, advance + spacing)
            } else {
                ((advance + spacing) * hscale, 0.0)
            };
            self.tm = Matrix::translate(dx, dy).then(self.tm);
        }
        self.decoded = decoded;
    }

    /// The font a `Tf` names, loaded once per document.
    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources
            .and_then(|r| dict_get(self.doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok());
        let entry = fonts.and_then(|f| f.get(name).ok());
        let Some(entry) = entry else {
            self.fontless_warned = true;
            if !self.missing_fonts.iter().any(|n| n == name) {
                self.missing_fonts.push(name.to_vec());
                self.warnings.push(format!(
                    "page {}: font /{} is not in the resources; its text is skipped",
                    self.page,
                    String::from_utf8_lossy(name)
                ));
            }
            return None;
        };
        let id = entry.as_reference().ok();
        if let Some(font) = id.and_then(|id| self.fonts.0.get(&id)) {
            return Some(font.clone());
        }
        let dict = resolve(self.doc, entry)?.as_dict().ok()?;
        let font = Rc::new(Font::load(
            self.doc,
            dict,
            &String::from_utf8_lossy(name),
            self.limits,
            self.warnings,
        ));
        if let Some(id) = id {
            self.fonts.0.insert(id, font.clone());
        }
        Some(font)
    }

    /// `Do` of a form XObject: run its content with its matrix and
    /// resources, guarded against loops and runaway nesting.
    fn form(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Result<(), PdfError> {
        let Some(entry) = resources
            .and_then(|r| dict_get(self.doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let Ok((id, Object::Stream(stream))) = self.doc.dereference(entry) else {
            return Ok(());
        };
        if dict_get(self.doc, &stream.dict, b"Subtype").and_then(|o| o.as_name().ok())
            != Some(b"Form")
        {
            return Ok(());
        }
        if id.is_some_and(|id| self.forms.contains(&id)) || self.forms.len() >= MAX_FORM_DEPTH {
            self.warnings.push(format!(
                "page {}: form XObject /{} nests itself or too deeply; not followed",
                self.page,
                String::from_utf8_lossy(name)
            ));
            return Ok(());
        }
        let data = match stream.get_plain_content_with_limit(self.limits.max_stream_bytes) {
            Ok(data) => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(PdfError::TooLarge(format!(
                    "page {}: form XObject decodes to more than {} bytes",
                    self.page, self.limits.max_stream_bytes
                )))
            }
            Err(e) => {
                self.warnings.push(format!(
                    "page {}: form XObject /{} unreadable ({e})",
                    self.page,
                    String::from_utf8_lossy(name)
                ));
                return Ok(());
            }
        };
        let form_resources = dict_get(self.doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let matrix = dict_get(self.doc, &stream.dict, b"Matrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| Matrix::from_operands(a))
            .unwrap_or(Matrix::IDENTITY);
        let (tm, tlm) = (self.tm, self.tlm);
        self.saved.push(self.gs.clone());
        self.gs.ctm = matrix.then(self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        let result = self.run(&data, form_resources);
        self.forms.pop();
        self.restore();
        self.tm = tm;
        self.tlm = tlm;
        result
    }

    fn close_subpath(&mut self) {
        if let (Some(from), Some(to)) = (self.current, self.subpath_start) {
            if from != to {
                self.path.push(Piece::Line(from, to));
            }
            self.current = Some(to);
        }
    }

    /// Emit the path under construction as segments. A filled thin
    /// rectangle is one rule (its centre line); other rectangles give their
    /// four edges.
    fn paint(&mut self, fill_only: bool) {
        let mut push = |(x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
            self.segments.push(Segment {
                x0: x0 as f32,
                y0: y0 as f32,
                x1: x1 as f32,
                y1: y1 as f32,
            });
        };
        for piece in self.path.drain(..) {
            match piece {
                Piece::Line(a, b) => push(a, b),
                Piece::Rect(c) => {
                    let side = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).hypot(p.1 - q.1);
                    let mid = |p: (f64, f64), q: (f64, f64)| ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
                    let (across, along) = (side(c[0], c[3]), side(c[0], c[1]));
                    if fill_only && across <= THIN_RULE && along > across {
                        push(mid(c[0], c[3]), mid(c[1], c[2]));
                    } else if fill_only && along <= THIN_RULE && across > along {
                        push(mid(c[0], c[1]), mid(c[3], c[2]));
                    } else {
                        for k in 0..4 {
                            push(c[k], c[(k + 1) % 4]);
                        }
                    }
                }
            }
        }
        self.end_path();
    }

    fn end_path(&mut self) {
        self.path.clear();
        self.current = None;
        self.subpath_start = None;
    }
}
