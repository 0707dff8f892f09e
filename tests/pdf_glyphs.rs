//! Fixture PDFs built here with lopdf, one per case the PDF source stage
//! must handle. Expected numbers are worked out by hand from the operators
//! written below (widths from the fonts' /Widths or the base-14 AFMs), not
//! copied from the code's output.

use lopdf::{dictionary, Document, Object, Stream};
use reportmine::pdf::{self, Glyph, Page, PdfError};

/// Build a one-page PDF: `fonts` are (resource name, font dictionary) and
/// `page_extra` entries are set on the page dictionary.
struct Builder {
    doc: Document,
    fonts: lopdf::Dictionary,
    xobjects: lopdf::Dictionary,
}

impl Builder {
    fn new() -> Self {
        Builder {
            doc: Document::with_version("1.5"),
            fonts: lopdf::Dictionary::new(),
            xobjects: lopdf::Dictionary::new(),
        }
    }

    fn font(&mut self, name: &str, dict: lopdf::Dictionary) -> &mut Self {
        let id = self.doc.add_object(dict);
        self.fonts.set(name, id);
        self
    }

    fn stream(&mut self, dict: lopdf::Dictionary, data: &[u8]) -> Object {
        Object::Reference(self.doc.add_object(Stream::new(dict, data.to_vec())))
    }

    fn build(
        mut self,
        content: &[u8],
        pages_extra: lopdf::Dictionary,
        page_extra: lopdf::Dictionary,
    ) -> Document {
        let pages_id = self.doc.new_object_id();
        let resources =
            dictionary! { "Font" => self.fonts.clone(), "XObject" => self.xobjects.clone() };
        let content_id = self
            .doc
            .add_object(Stream::new(dictionary! {}, content.to_vec()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
        };
        page.extend(&page_extra);
        let page_id = self.doc.add_object(page);
        let mut pages = dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        };
        pages.extend(&pages_extra);
        self.doc.objects.insert(pages_id, Object::Dictionary(pages));
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        self.doc.trailer.set("Root", catalog);
        self.doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(b"0123456789abcdef".to_vec()),
                Object::string_literal(b"0123456789abcdef".to_vec()),
            ],
        );
        self.doc
    }
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn one_page(bytes: &[u8]) -> Page {
    let doc = pdf::load(bytes).expect("load");
    assert_eq!(doc.pages.len(), 1);
    doc.pages.into_iter().next().expect("page")
}

fn helvetica() -> lopdf::Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" }
}

#[track_caller]
fn close(actual: f32, expected: f64) {
    assert!(
        (f64::from(actual) - expected).abs() < 0.01,
        "expected {expected}, got {actual}"
    );
}

#[track_caller]
fn at(g: &Glyph, text: &str, x: f64, y: f64) {
    assert_eq!(g.text, text, "glyph {g:?}");
    close(g.x, x);
    close(g.y, y);
}

fn texts(page: &Page) -> Vec<&str> {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

#[test]
fn winansi_base14_widths_from_afm() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 12 Tf 100 700 Td (Caf\xe9 \x80) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    assert_eq!(texts(&page), ["C", "a", "f", "é", " ", "€"]);
    // Helvetica AFM: C 722, a 556, f 278, eacute 556, space 278, Euro 556.
    let xs = [100.0, 108.664, 115.336, 118.672, 125.344, 128.68];
    for (g, x) in page.glyphs.iter().zip(xs) {
        close(g.x, x);
        close(g.y, 700.0);
        close(g.size, 12.0);
        assert_eq!(g.font, "Helvetica");
    }
    close(page.glyphs[0].advance, 8.664);
    // Ascender 718, descender -207 (AFM), at 12 pt.
    let bbox = page.glyphs[0].bbox;
    close(bbox[0], 100.0);
    close(bbox[1], 697.516);
    close(bbox[2], 108.664);
    close(bbox[3], 708.616);
    assert_eq!(page.unmapped, 0);
    close(page.width, 612.0);
    close(page.height, 792.0);
}

#[test]
fn differences_glyph_names_and_unmapped_count() {
    let mut b = Builder::new();
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), "bullet".into(), "uni20AC".into(), "f_i".into(), "g17".into()],
            },
            "FirstChar" => 65,
            "Widths" => vec![500.into(), 600.into(), 700.into(), 800.into(), 900.into()],
        },
    );
    let mut doc = b.build(
        b"BT /F1 10 Tf 50 500 Td (ABCDE) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let bytes = save(&mut doc);
    let loaded = pdf::load(&bytes).expect("load");
    let page = &loaded.pages[0];
    assert_eq!(texts(page), ["\u{2022}", "€", "fi", "\u{FFFD}", "E"]);
    for (g, x) in page.glyphs.iter().zip([50.0, 55.0, 61.0, 68.0, 76.0]) {
        close(g.x, x);
    }
    assert_eq!(page.unmapped, 1);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("page 1: 1 glyphs have no Unicode mapping")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn tounicode_bfrange_wins_over_encoding() {
    let mut b = Builder::new();
    let cmap = b.stream(
        dictionary! {},
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfrange
<41> <43> <0058>
<61> <62> [<FB01> <00DF>]
endbfrange
endcmap end end",
    );
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Verdana",
            "Encoding" => "WinAnsiEncoding", "ToUnicode" => cmap,
            "FirstChar" => 65,
            "Widths" => (65..=98).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
        },
    );
    let mut doc = b.build(
        b"BT /F1 10 Tf 10 20 Td (ABCab) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    // ToUnicode beats WinAnsi; the fi ligature expands; subset tag dropped.
    assert_eq!(texts(&page), ["X", "Y", "Z", "fi", "ß"]);
    for (g, x) in page.glyphs.iter().zip([10.0, 15.0, 20.0, 25.0, 30.0]) {
        close(g.x, x);
        close(g.y, 20.0);
        assert_eq!(g.font, "Verdana");
    }
}

#[test]
fn identity_h_cid_widths_and_no_word_spacing_on_two_byte_codes() {
    let mut b = Builder::new();
    let cmap = b.stream(
        dictionary! {},
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <0048> <0002> <0069> <0020> <0020> endbfchar
1 beginbfrange <000A> <000C> <0041> endbfrange",
    );
    let descendant = b.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Demo",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
        "W" => vec![1.into(), vec![500.into(), 600.into()].into(), 10.into(), 12.into(), 250.into()],
    });
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Demo", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()], "ToUnicode" => cmap,
        },
    );
    let mut doc = b.build(
        b"BT /F1 20 Tf 1 0 0 1 100 200 Tm <0001 0002 000A 000B 000C 0005> Tj
          1 0 0 1 100 150 Tm 7 Tw <0001 0020 0002> Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    let g = &page.glyphs;
    // W: CID 1 -> 500, 2 -> 600, 10..12 -> 250; others DW 1000; at 20 pt.
    at(&g[0], "H", 100.0, 200.0);
    at(&g[1], "i", 110.0, 200.0);
    at(&g[2], "A", 122.0, 200.0);
    at(&g[3], "B", 127.0, 200.0);
    at(&g[4], "C", 132.0, 200.0);
    at(&g[5], "\u{FFFD}", 137.0, 200.0);
    close(g[5].advance, 20.0);
    assert_eq!(page.unmapped, 1);
    // Tw applies only to the single-byte code 32, not to <0020>.
    at(&g[6], "H", 100.0, 150.0);
    at(&g[7], " ", 110.0, 150.0);
    at(&g[8], "i", 130.0, 150.0);
}

#[test]
fn tj_kerning_spacing_scaling_and_line_operators() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 1 Tc 3 Tw 72 600 Td [(A) 120 (V) -250 (B)] TJ
          0 -20 Td (a b) Tj
          0 -20 Td 50 Tz (AA) Tj
          100 Tz 14 TL (c) '
          2 0 (d d) \" ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    let g = &page.glyphs;
    // A 667 + Tc 1 = 7.67, kern 120 -> -1.2; V 667 + 1 = 7.67, kern -250 -> +2.5.
    at(&g[0], "A", 72.0, 600.0);
    at(&g[1], "V", 78.47, 600.0);
    at(&g[2], "B", 88.64, 600.0);
    // a 556 + Tc 1; space 278 + Tc 1 + Tw 3.
    at(&g[3], "a", 72.0, 580.0);
    at(&g[4], " ", 78.56, 580.0);
    at(&g[5], "b", 85.34, 580.0);
    // Tz 50 halves the advance (6.67 + 1) and the glyph's own width.
    at(&g[6], "A", 72.0, 560.0);
    at(&g[7], "A", 75.835, 560.0);
    close(g[6].advance, 3.335);
    // ' moves down TL = 14; " sets Tw = 2, Tc = 0 then does the same.
    at(&g[8], "c", 72.0, 546.0);
    at(&g[9], "d", 72.0, 532.0);
    at(&g[10], " ", 77.56, 532.0);
    at(&g[11], "d", 82.34, 532.0);
}

#[test]
fn rotated_page_with_inherited_mediabox_and_cropbox() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 50 300 Td (A) Tj ET 10 20 m 110 20 l S",
        dictionary! {
            "MediaBox" => vec![0.into(), 0.into(), 200.into(), 400.into()],
            "Rotate" => 90,
        },
        dictionary! { "CropBox" => vec![10.into(), 20.into(), 190.into(), 380.into()] },
    );
    let page = one_page(&save(&mut doc));
    // Rotate 90 clockwise about the CropBox: (x, y) -> (y - 20, 190 - x).
    close(page.width, 360.0);
    close(page.height, 180.0);
    let g = &page.glyphs[0];
    at(g, "A", 280.0, 140.0);
    close(g.size, 10.0);
    close(g.advance, 6.67);
    // Text runs downwards: x spans descent..ascent, y spans the advance.
    close(g.bbox[0], 277.93);
    close(g.bbox[1], 133.33);
    close(g.bbox[2], 287.18);
    close(g.bbox[3], 140.0);
    let s = page.segments[0];
    close(s.x0, 0.0);
    close(s.y0, 180.0);
    close(s.x1, 0.0);
    close(s.y1, 80.0);
}

#[test]
fn form_xobject_matrix_resources_and_loop_protection() {
    let mut b = Builder::new();
    let form_id = b.doc.new_object_id();
    let font_id = b.doc.add_object(helvetica());
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 10.into(), 0.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "FX" => font_id },
                "XObject" => dictionary! { "Me" => form_id },
            },
        },
        b"BT /FX 10 Tf 5 5 Td (A) Tj ET 0 0 m 50 0 l S /Me Do".to_vec(),
    );
    b.doc.objects.insert(form_id, Object::Stream(form));
    b.xobjects.set("Fm1", form_id);
    let mut doc = b.build(
        b"q 2 0 0 2 100 100 cm /Fm1 Do Q
          BT /F1 10 Tf 0 0 Td ET
          300 400 100 0.5 re f
          10 10 50 20 re S",
        dictionary! {},
        dictionary! {},
    );
    let bytes = save(&mut doc);
    let loaded = pdf::load(&bytes).expect("load");
    let page = &loaded.pages[0];
    // (5, 5) -> form Matrix (15, 5) -> cm (130, 110); size 10 x 2.
    assert_eq!(page.glyphs.len(), 1, "the self-referencing form runs once");
    at(&page.glyphs[0], "A", 130.0, 110.0);
    close(page.glyphs[0].size, 20.0);
    close(page.glyphs[0].advance, 13.34);
    assert!(
        loaded.warnings.iter().any(|w| w.contains("nests itself")),
        "{:?}",
        loaded.warnings
    );
    let segs: Vec<[f32; 4]> = page
        .segments
        .iter()
        .map(|s| [s.x0, s.y0, s.x1, s.y1])
        .collect();
    // Form line (0,0)-(50,0) -> (120,100)-(220,100); thin filled rect ->
    // its centre line; stroked rect -> four edges.
    let expected: [[f64; 4]; 6] = [
        [120.0, 100.0, 220.0, 100.0],
        [300.0, 400.25, 400.0, 400.25],
        [10.0, 10.0, 60.0, 10.0],
        [60.0, 10.0, 60.0, 30.0],
        [60.0, 30.0, 10.0, 30.0],
        [10.0, 30.0, 10.0, 10.0],
    ];
    assert_eq!(segs.len(), expected.len(), "{segs:?}");
    for (s, e) in segs.iter().zip(expected) {
        for (a, b) in s.iter().zip(e) {
            close(*a, b);
        }
    }
}

fn encrypted(user_password: &str, aes: bool) -> Vec<u8> {
    use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    use std::collections::BTreeMap;
    use std::sync::Arc;
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 20 30 Td (Secret) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let version = if aes {
        let filter: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
        EncryptionVersion::V4 {
            document: &doc,
            encrypt_metadata: true,
            crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password,
            permissions: Permissions::all(),
        }
    } else {
        EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: Permissions::all(),
        }
    };
    let state = EncryptionState::try_from(version).expect("state");
    doc.encrypt(&state).expect("encrypt");
    save(&mut doc)
}

#[test]
fn encrypted_with_empty_user_password_rc4_and_aes() {
    for aes in [false, true] {
        let bytes = encrypted("", aes);
        assert!(
            !bytes.windows(6).any(|w| w == b"Secret"),
            "content is encrypted"
        );
        let page = one_page(&bytes);
        assert_eq!(texts(&page).concat(), "Secret", "aes={aes}");
        at(&page.glyphs[0], "S", 20.0, 30.0);
    }
}

#[test]
fn encrypted_with_a_user_password_is_a_clear_error() {
    let err = pdf::load(&encrypted("user", false)).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted(_)), "{err:?}");
}

#[test]
fn junk_before_header_is_accepted() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 20 30 Td (Hi) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let mut bytes = b"junk from a mail gateway\r\n".to_vec();
    bytes.extend(save(&mut doc));
    assert_eq!(texts(&one_page(&bytes)), ["H", "i"]);
}

#[test]
fn page_without_text_is_no_text_layer() {
    let mut doc = Builder::new().build(b"0 0 m 100 100 l S", dictionary! {}, dictionary! {});
    let err = pdf::load(&save(&mut doc)).unwrap_err();
    assert!(
        matches!(&err, PdfError::NoTextLayer { pages } if pages == "1"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "no text layer on pages 1; OCR is not built in"
    );
}

#[test]
fn limits_turn_absurd_content_into_errors() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let content = b"BT /F1 10 Tf 20 30 Td (Hi) Tj ET ".repeat(100);
    let mut doc = b.build(&content, dictionary! {}, dictionary! {});
    let bytes = save(&mut doc);
    let ops = pdf::Limits {
        max_ops_per_page: 50,
        ..pdf::Limits::default()
    };
    assert!(matches!(
        pdf::load_with_limits(&bytes, &ops),
        Err(PdfError::TooLarge(_))
    ));
    let stream = pdf::Limits {
        max_stream_bytes: 100,
        ..pdf::Limits::default()
    };
    assert!(matches!(
        pdf::load_with_limits(&bytes, &stream),
        Err(PdfError::TooLarge(_))
    ));
    let input = pdf::Limits {
        max_input_bytes: 100,
        ..pdf::Limits::default()
    };
    assert!(matches!(
        pdf::load_with_limits(&bytes, &input),
        Err(PdfError::TooLarge(_))
    ));
}

/// RunLength encoding with literal runs only (enough to exercise the filter).
fn run_length(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(128) {
        out.push((chunk.len() - 1) as u8);
        out.extend_from_slice(chunk);
    }
    out.push(128);
    out
}

#[test]
fn filters_object_streams_xref_streams_and_incremental_update() {
    use lopdf::SaveOptions;
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let content = b"BT /F1 10 Tf 20 30 Td (Old) Tj ET";
    let mut doc = b.build(b"", dictionary! {}, dictionary! {});
    // Replace the page content by an ASCIIHex + RunLength encoded stream.
    let encoded: String = run_length(content)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<String>()
        + ">";
    let page_id = *doc.get_pages().get(&1).expect("page");
    let content_id = doc.add_object(Stream::new(
        dictionary! { "Filter" => vec!["ASCIIHexDecode".into(), "RunLengthDecode".into()] },
        encoded.into_bytes(),
    ));
    doc.get_dictionary_mut(page_id)
        .expect("page")
        .set("Contents", content_id);
    let mut modern = Vec::new();
    doc.save_with_options(
        &mut modern,
        SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build(),
    )
    .expect("save");
    assert!(
        modern.windows(7).any(|w| w == b"/ObjStm"),
        "object streams written"
    );
    assert_eq!(texts(&one_page(&modern)).concat(), "Old");

    // Classic file plus an incremental update that replaces the content.
    let mut bytes = save(&mut doc);
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
    let prev: usize = tail
        .split("startxref")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    let size = doc.max_id + 2;
    let new_content = b"BT /F1 10 Tf 40 50 Td (New) Tj ET";
    let mut update = Vec::new();
    let obj_offset = bytes.len() + 1;
    update.extend_from_slice(
        format!(
            "\n{} 0 obj\n<< /Length {} >>\nstream\n",
            size - 1,
            new_content.len()
        )
        .as_bytes(),
    );
    update.extend_from_slice(new_content);
    update.extend_from_slice(b"\nendstream\nendobj\n");
    let page_offset = bytes.len() + update.len();
    let page = doc.get_dictionary(page_id).expect("page").clone();
    let mut page_src = format!(
        "{} {} obj\n<< /Type /Page /Contents {} 0 R",
        page_id.0,
        page_id.1,
        size - 1
    );
    for key in ["Parent", "Resources"] {
        if let Ok(Object::Reference(r)) = page.get(key.as_bytes()) {
            page_src += &format!(" /{key} {} {} R", r.0, r.1);
        }
    }
    if let Ok(Object::Dictionary(res)) = page.get(b"Resources") {
        let font = res.get(b"Font").and_then(Object::as_dict).expect("fonts");
        let f1 = font.get(b"F1").and_then(Object::as_reference).expect("F1");
        page_src += &format!(" /Resources << /Font << /F1 {} {} R >> >>", f1.0, f1.1);
    }
    page_src += " >>\nendobj\n";
    update.extend_from_slice(page_src.as_bytes());
    let xref_offset = bytes.len() + update.len();
    update.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n{:010} 00000 n \n{} 1\n{:010} {:05} n \ntrailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{xref_offset}\n%%EOF\n",
            size - 1, obj_offset, page_id.0, page_offset, page_id.1, root.0, root.1
        )
        .as_bytes(),
    );
    bytes.extend(update);
    let page = one_page(&bytes);
    assert_eq!(texts(&page).concat(), "New");
    at(&page.glyphs[0], "N", 40.0, 50.0);
}

#[test]
fn type3_font_matrix_scales_widths() {
    let mut b = Builder::new();
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type3",
            "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
            "FontBBox" => vec![0.into(), (-20).into(), 80.into(), 70.into()],
            "Encoding" => dictionary! { "Differences" => vec![65.into(), "A".into(), "B".into()] },
            "CharProcs" => dictionary! {},
            "FirstChar" => 65,
            "Widths" => vec![50.into(), 60.into()],
        },
    );
    let mut doc = b.build(
        b"BT /F1 10 Tf 100 100 Td (AB) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    // Width 50 glyph units x 0.01 = 0.5 text units x 10 pt = 5 pt.
    at(&page.glyphs[0], "A", 100.0, 100.0);
    at(&page.glyphs[1], "B", 105.0, 100.0);
    close(page.glyphs[1].advance, 6.0);
    // FontBBox y range -20..70 x 0.01 x 10 pt.
    close(page.glyphs[0].bbox[1], 98.0);
    close(page.glyphs[0].bbox[3], 107.0);
}

#[test]
fn dump_page_groups_runs_and_lists_segments() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 72 600 Td [(Total)-300(cost)-1000(12)] TJ ET 72 590 m 300 590 l S",
        dictionary! {},
        dictionary! {},
    );
    let bytes = save(&mut doc);
    let loaded = pdf::load(&bytes).expect("load");
    let dump = pdf::dump_page(&loaded, 1);
    // A 0.3 em TJ gap is a word gap; a 1 em gap starts a new run.
    assert!(dump.contains("Helvetica 10.00 \"Total cost\""), "{dump}");
    assert!(dump.contains("Helvetica 10.00 \"12\""), "{dump}");
    assert!(
        dump.contains("line (72.00, 590.00) -> (300.00, 590.00)"),
        "{dump}"
    );
    assert_eq!(pdf::dump_page(&loaded, 2), "");
}

#[test]
fn actual_text_replaces_the_glyphs_it_spans() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    // /P1 names a property list in the page resources; the inline one is
    // direct. "ﬃ" drawn as one unmapped glyph, "off" over three glyphs.
    let mut doc = b.build(
        b"BT /F1 10 Tf 10 10 Td /Span << /ActualText (off) >> BDC (xyz) Tj EMC
          /Span /P1 BDC (\x01) Tj EMC (!) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page_id = *doc.get_pages().get(&1).expect("page");
    let resources = doc
        .get_dictionary_mut(page_id)
        .and_then(|p| p.get_mut(b"Resources"))
        .and_then(Object::as_dict_mut)
        .expect("resources");
    resources.set(
        "Properties",
        dictionary! { "P1" => dictionary! { "ActualText" => Object::String(b"\xFE\xFF\x00f\x00f\x00i".to_vec(), lopdf::StringFormat::Hexadecimal) } },
    );
    let page = one_page(&save(&mut doc));
    assert_eq!(texts(&page), ["o", "f", "f", "ffi", "!"]);
    assert_eq!(page.unmapped, 0, "the ActualText maps the unmapped glyph");
}

#[test]
fn identity_v_advances_downwards() {
    let mut b = Builder::new();
    let cmap = b.stream(
        dictionary! {},
        b"1 beginbfrange <0001> <0002> <4E00> endbfrange",
    );
    let descendant = b.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "Ming",
        "DW" => 1000,
    });
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Ming", "Encoding" => "Identity-V",
            "DescendantFonts" => vec![descendant.into()], "ToUnicode" => cmap,
        },
    );
    let mut doc = b.build(
        b"BT /F1 10 Tf 100 200 Td 1 Tc <00010002> Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let page = one_page(&save(&mut doc));
    // Default vertical metrics: w1 = -1000, so ty = -10 + Tc 1 = -9.
    at(&page.glyphs[0], "\u{4E00}", 100.0, 200.0);
    at(&page.glyphs[1], "\u{4E01}", 100.0, 191.0);
}

/// `inspect --glyphs` lists a page as the glyph stage read it; a missing
/// page or a non-PDF is a usage error naming the file.
#[test]
fn inspect_lists_one_pages_glyphs() {
    let bin = env!("CARGO_BIN_EXE_reportmine");
    let pdf = format!(
        "{}/samples/pdf/council-ruled.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(bin)
        .args(["inspect", &pdf, "--glyphs", "--page", "2"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("page 2 841.89x595.30 pt,"), "{text}");
    // The repeated header's `Ref` label in bold, at its place on page 2.
    assert!(text
        .lines()
        .any(|l| l.contains("LiberationSans-Bold 8.50 \"Ref\"") && l.contains("42.80")));
    let out = std::process::Command::new(bin)
        .args(["inspect", &pdf, "--glyphs", "--page", "99"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no page 99 (the PDF has 11 pages)"));
}

/// The document gives each page's count of glyphs without a Unicode
/// mapping, beside the warning.
#[test]
fn unmapped_glyphs_are_counted_per_page_in_the_document() {
    let mut b = Builder::new();
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![68.into(), "g17".into()],
            },
        },
    );
    // `D` is named `g17`, which maps to nothing: two on this page.
    let mut doc = b.build(
        b"BT /F1 10 Tf 50 500 Td (ADD) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let bytes = save(&mut doc);
    let report =
        reportmine::pipeline::analyse("f.pdf", &bytes, &reportmine::pipeline::Grammars::builtin())
            .expect("reads");
    let d = report.document();
    assert_eq!(
        d["source"]["unmapped_glyphs"],
        serde_json::json!([{"page": 1, "glyphs": 2}])
    );
    assert!(d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["message"] == "page 1: 2 glyphs have no Unicode mapping (shown as U+FFFD)"));
}

#[test]
fn trailing_spaces_of_an_overlapping_run_do_not_split_words() {
    // A field padded with blanks (`06/22/2015` then ten spaces, 30 to
    // 107.84 pt: digits 5.56, `/` and space 2.78) runs under the next
    // field, which starts at 90 pt: sorted by x, its characters alternate
    // with the padding's spaces, which are no word breaks of its own.
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 30 700 Td (06/22/2015          ) Tj ET
          BT /F1 10 Tf 90 700 Td (03/25/2016) Tj ET
          BT /F1 10 Tf 30 680 Td (a b) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let loaded = pdf::load(&save(&mut doc)).expect("load");
    let layout = reportmine::layout::from_pdf(&loaded);
    let lines: Vec<&str> = layout.text.lines().collect();
    assert_eq!(lines[0], "06/22/2015\t03/25/2016");
    // A space of the word's own run still separates words.
    assert_eq!(lines[1], "a b");
}

#[test]
fn labels_set_upwards_over_their_columns_read_as_a_header_line() {
    // Three column labels set a quarter turn anticlockwise (Tm 0 1 -1 0),
    // each starting at y = 600, over rows of figures: read in their own
    // frame, each label is one piece of text on the header line, its box
    // tall and narrow in page space.
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let mut doc = b.build(
        b"BT /F1 10 Tf 0 1 -1 0 100 600 Tm (Alpha One) Tj ET
          BT /F1 10 Tf 0 1 -1 0 160 600 Tm (Beta Two) Tj ET
          BT /F1 10 Tf 0 1 -1 0 220 600 Tm (Gamma) Tj ET
          BT /F1 10 Tf 40 580 Td (North) Tj ET
          BT /F1 10 Tf 90 580 Td (12) Tj ET
          BT /F1 10 Tf 150 580 Td (34) Tj ET
          BT /F1 10 Tf 210 580 Td (56) Tj ET
          BT /F1 10 Tf 40 566 Td (South) Tj ET
          BT /F1 10 Tf 90 566 Td (78) Tj ET
          BT /F1 10 Tf 150 566 Td (90) Tj ET
          BT /F1 10 Tf 210 566 Td (11) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    let loaded = pdf::load(&save(&mut doc)).expect("load");
    // The glyph listing groups a sideways run along its own baseline.
    let dump = pdf::dump_page(&loaded, 1);
    assert!(
        dump.contains("Helvetica 10.00 turned 90 \"Alpha One\""),
        "{dump}"
    );
    let layout = reportmine::layout::from_pdf(&loaded);
    let lines: Vec<&str> = layout.text.lines().collect();
    assert_eq!(
        lines,
        [
            "Alpha One\tBeta Two\tGamma",
            "North\t12\t34\t56",
            "South\t78\t90\t11"
        ]
    );
    let bbox = layout
        .lines
        .iter()
        .flat_map(|l| &l.cells)
        .flat_map(|c| &c.fragments)
        .find(|f| &layout.text[f.span.start..f.span.end] == "Alpha One")
        .and_then(|f| f.bbox)
        .expect("a box for the label");
    // `Alpha One` is 47.25 pt long (Helvetica: A 667, l 222, p h a 556,
    // space 278, O 778, n e 556), upwards from 600; across, the box spans
    // the font's ascent and descent (7.18 + 2.07) about x = 100.
    assert!(
        (bbox[1] - 600.0).abs() < 0.5 && (bbox[3] - 647.25).abs() < 0.5,
        "{bbox:?}"
    );
    assert!(
        (bbox[0] - 92.82).abs() < 0.5 && (bbox[2] - 102.07).abs() < 0.5,
        "{bbox:?}"
    );
}
