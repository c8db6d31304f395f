//! What a printed certificate holds and where: two A4 pages (the certificate with its QR
//! code, then the agenda pembelajaran) as a list of texts, frames, pictures and the QR
//! code, in millimetres from each page's top left corner. The SVG page (`render`) and
//! the PDF (`tamat-documents`) both draw this one layout, so they print the same words
//! in the same places.

use qrcode::QrCode;

use crate::certificates::certificate::{format_date, Certificate, CourseFacts};
use crate::certificates::template::{format_decimal, PictureSlot, Rgb, Template};
use crate::error::{Lang, TamatError};

/// A4 width, mm.
pub const PAGE_WIDTH: f32 = 210.0;
/// A4 height, mm.
pub const PAGE_HEIGHT: f32 = 297.0;

/// How a text is placed on its `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is where it starts.
    Start,
    /// `x` is its middle.
    Middle,
    /// `x` is where it ends.
    End,
}

impl Anchor {
    /// The SVG `text-anchor`.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One thing drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A line of text; `y` is its baseline. `size` is the font size (mm) that fits
    /// `max_width` by an estimate of a serif face's advances; a renderer that measures
    /// its font may shrink it further to fit.
    Text {
        /// Position, mm.
        x: f32,
        /// Baseline, mm.
        y: f32,
        /// Font size, mm.
        size: f32,
        /// How `x` places it.
        anchor: Anchor,
        /// Bold face.
        bold: bool,
        /// Colour.
        colour: Rgb,
        /// The room it has, mm.
        max_width: f32,
        /// The words.
        text: String,
    },
    /// An unfilled rectangle.
    Frame {
        /// Left, mm.
        x: f32,
        /// Top, mm.
        y: f32,
        /// Width, mm.
        w: f32,
        /// Height, mm.
        h: f32,
        /// Line width, mm.
        line: f32,
        /// Colour.
        colour: Rgb,
    },
    /// A template picture, fitted into the box with its proportions kept, centred.
    Picture {
        /// Which picture.
        slot: PictureSlot,
        /// Left, mm.
        x: f32,
        /// Top, mm.
        y: f32,
        /// Box width, mm.
        w: f32,
        /// Box height, mm.
        h: f32,
    },
    /// The QR code: `modules` × `modules` squares (the quiet zone of 4 included) over a
    /// square of `size` mm; `dark` lists the dark ones as (column, row).
    Qr {
        /// Left, mm.
        x: f32,
        /// Top, mm.
        y: f32,
        /// Side, mm.
        size: f32,
        /// Modules per side.
        modules: usize,
        /// Dark modules (column, row).
        dark: Vec<(u16, u16)>,
    },
}

/// A printed certificate: its pages, each A4.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Page 1, the certificate; page 2, the agenda pembelajaran.
    pub pages: Vec<Vec<Item>>,
}

/// The dark modules of a QR code in module units, with a quiet zone of 4 modules; and the
/// size in modules.
pub(crate) fn qr_modules(code: &QrCode) -> (Vec<(u16, u16)>, usize) {
    let w = code.width();
    let dark = code
        .to_colors()
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == qrcode::Color::Dark)
        .map(|(i, _)| ((i % w + 4) as u16, (i / w + 4) as u16))
        .collect();
    (dark, w + 8)
}

/// Estimated advance of a serif face, in ems: capitals and digits are wider than lower
/// case.
fn estimated_ems(text: &str, bold: bool) -> f32 {
    text.chars()
        .map(|c| match c {
            'A'..='Z' => 0.72,
            '0'..='9' => 0.5,
            ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | 'i' | 'l' | 'j' | 't' | 'f' | 'r' => 0.3,
            'm' | 'w' => 0.78,
            _ => 0.5,
        })
        .sum::<f32>()
        * if bold { 1.16 } else { 1.1 }
}

struct Page<'a> {
    items: Vec<Item>,
    text: Rgb,
    accent: Rgb,
    lang: Lang,
    template: &'a Template,
}

impl Page<'_> {
    fn words(&mut self, x: f32, y: f32, size: f32, anchor: Anchor, bold: bool, text: &str) {
        let colour = self.text;
        self.put(x, y, size, anchor, bold, colour, text);
    }

    #[allow(clippy::too_many_arguments)]
    fn put(&mut self, x: f32, y: f32, size: f32, anchor: Anchor, bold: bool, colour: Rgb, text: &str) {
        // Room to the page border (10 mm margins; centred text has half on each side; the
        // signature block is narrower). Text that would run over the border gets a
        // smaller size.
        let room = match anchor {
            Anchor::Middle if x > 120.0 => 2.0 * (196.0 - x),
            Anchor::Middle => 2.0 * (x - 14.0).min(196.0 - x),
            Anchor::End => x - 14.0,
            Anchor::Start => 196.0 - x,
        };
        let ems = estimated_ems(text, bold);
        let size = if ems * size > room {
            (room / ems * 10.0).floor() / 10.0
        } else {
            size
        };
        self.items.push(Item::Text {
            x,
            y,
            size,
            anchor,
            bold,
            colour,
            max_width: room,
            text: text.to_string(),
        });
    }

    fn frame(&mut self, line: f32) {
        self.items.push(Item::Frame {
            x: 8.0,
            y: 8.0,
            w: 194.0,
            h: 281.0,
            line,
            colour: self.accent,
        });
    }

    fn picture(&mut self, slot: PictureSlot, x: f32, y: f32, w: f32, h: f32) {
        if self.template.picture(slot).is_some() {
            self.items.push(Item::Picture { slot, x, y, w, h });
        }
    }

    fn t(&self, id: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        format_date(d, self.lang)
    }
}

/// The two pages of a certificate whose QR code holds `qr`, drawn by `template`.
pub(crate) fn certificate_layout(cert: &Certificate, qr: &QrCode, template: &Template) -> Result<Layout, TamatError> {
    template.validate()?;
    let mut p = Page {
        items: Vec::new(),
        text: template.text_colour()?,
        accent: template.accent()?,
        lang: template.lang,
        template,
    };
    p.frame(1.2);
    let y = holder_block(&mut p, cert);
    course_block(&mut p, cert, y);
    signature_block(&mut p, cert);
    qr_block(&mut p, cert, qr);
    let first = std::mem::take(&mut p.items);
    p.frame(0.6);
    agenda_page(&mut p, &cert.course);
    Ok(Layout {
        pages: vec![first, p.items],
    })
}

/// Page 1, top: the organiser, the title, the number, the holder and their details.
/// Returns where the course block starts.
fn holder_block(p: &mut Page, cert: &Certificate) -> f32 {
    let c = &cert.course;
    let h = &cert.holder;
    let accent = p.accent;
    p.picture(PictureSlot::Logo, 90.0, 10.0, 30.0, 14.0);
    p.put(
        105.0,
        30.0,
        7.0,
        Anchor::Middle,
        true,
        accent,
        &c.organiser.to_uppercase(),
    );
    // A title the course did not change is printed in the page's language.
    let title = if p.lang == Lang::En && cert.title == cert.document.title(Lang::Id) {
        cert.document.title(Lang::En).to_string()
    } else {
        cert.title.clone()
    };
    p.put(105.0, 48.0, 8.0, Anchor::Middle, true, accent, &title.to_uppercase());
    let number = format!("{} {}", p.t("Nomor:", "Number:"), cert.number);
    p.words(105.0, 56.0, 4.5, Anchor::Middle, false, &number);
    let to = p.t("diberikan kepada:", "awarded to:");
    p.words(105.0, 70.0, 4.5, Anchor::Middle, false, to);
    p.words(105.0, 82.0, 7.5, Anchor::Middle, true, &h.name);
    // Birth date and place only when the certificate carries them (`identity.birth`); a
    // NIK carried only as a hash is not printed.
    let birth = match (&h.birth_place, h.birth_date) {
        (Some(pl), Some(d)) => Some(format!("{pl}, {}", p.date(d))),
        (Some(pl), None) => Some(pl.clone()),
        (None, Some(d)) => Some(p.date(d)),
        (None, None) => None,
    };
    let id_line = match (&h.nip_printed, &h.nik, &h.nik_hash) {
        (Some(n), _, _) => Some(("NIP", n.clone())),
        (None, Some(n), _) => Some(("NIK", n.clone())),
        (None, None, Some(_)) => None,
        (None, None, None) => Some(("NIP", "-".into())),
    };
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let mut rows = Vec::with_capacity(5);
    rows.extend(id_line);
    rows.extend(birth.map(|b| (p.t("Tempat, tanggal lahir", "Place, date of birth"), b)));
    rows.extend([
        (p.t("Pangkat/golongan", "Rank/grade"), dash(&h.rank)),
        (p.t("Jabatan", "Position"), dash(&h.position)),
        (p.t("Instansi", "Agency"), dash(&h.agency)),
    ]);
    let mut y = 96.0;
    for (label, value) in rows {
        p.words(30.0, y, 4.2, Anchor::Start, false, label);
        p.words(78.0, y, 4.2, Anchor::Start, false, &format!(": {value}"));
        y += 7.0;
    }
    y
}

/// Page 1, middle: the course, its dates and JP, the outcome and the attendance evidence.
fn course_block(p: &mut Page, cert: &Certificate, mut y: f32) {
    let c = &cert.course;
    let lang = p.lang;
    y += 4.0;
    let status = cert.status.label(lang);
    let status = match &cert.qualification {
        Some(q) => format!(
            "{status} {} {}",
            p.t("dengan predikat", "with the qualification"),
            q.to_uppercase()
        ),
        None => status.to_string(),
    };
    let attended = p.t("telah mengikuti", "has attended");
    p.words(105.0, y, 4.5, Anchor::Middle, false, attended);
    p.words(105.0, y + 8.0, 5.5, Anchor::Middle, true, &c.title);
    let partner = c
        .partner
        .as_ref()
        .map(|x| format!(" {} {x}", p.t("bekerja sama dengan", "in cooperation with")))
        .unwrap_or_default();
    let by = p.t("yang diselenggarakan oleh", "organised by");
    p.words(105.0, y + 14.0, 4.0, Anchor::Middle, false, by);
    p.words(
        105.0,
        y + 19.0,
        4.0,
        Anchor::Middle,
        false,
        &format!("{}{partner}", c.organiser),
    );
    let dates = if c.start_date == c.end_date {
        format!("{} {}", p.t("pada tanggal", "on"), p.date(c.start_date))
    } else {
        format!(
            "{} {} {} {}",
            p.t("dari tanggal", "from"),
            p.date(c.start_date),
            p.t("sampai dengan", "to"),
            p.date(c.end_date)
        )
    };
    let jp = |v| format_decimal(v, lang);
    let line = match (c.classroom_jp, c.e_learning_jp) {
        (Some(k), Some(e)) => format!(
            "{dates}, {} {} JP ({} JP {}, {} JP e-learning),",
            p.t("sebanyak", "in all"),
            c.total_jp,
            k,
            p.t("klasikal", "classroom"),
            e
        ),
        _ => format!("{dates}, {} {} JP,", p.t("sebanyak", "in all"), c.total_jp),
    };
    p.words(105.0, y + 24.0, 4.0, Anchor::Middle, false, &line);
    let declared = p.t("dan dinyatakan:", "and is declared:");
    p.words(105.0, y + 32.0, 5.0, Anchor::Middle, false, declared);
    p.words(105.0, y + 41.0, 7.0, Anchor::Middle, true, &status);
    let e = &cert.evidence;
    let mut evidence = format!(
        "{} {} {} {} ({}%), {} {}%",
        p.t("Kehadiran", "Attendance"),
        jp(e.attended),
        p.t("dari", "of"),
        jp(e.total),
        e.percent.map(jp).unwrap_or_else(|| "-".into()),
        p.t("syarat minimal", "minimum"),
        jp(e.minimum_percent)
    );
    if let Some(score) = cert.score {
        evidence.push_str(&format!("; {} {}", p.t("nilai akhir", "final score"), jp(score)));
    }
    p.words(105.0, y + 49.0, 3.2, Anchor::Middle, false, &evidence);
}

/// Page 1, right: where and when it was issued, who signs it, the signature and stamp.
fn signature_block(p: &mut Page, cert: &Certificate) {
    let s = &cert.signatory;
    let sx = 140.0;
    let mut sy = 214.0;
    let at = format!("{} {}", p.t("Ditetapkan di", "Issued in"), cert.place);
    p.words(sx, sy, 4.0, Anchor::Middle, false, &at);
    sy += 6.0;
    let on = format!("{} {}", p.t("pada tanggal", "on"), p.date(cert.issued_on));
    p.words(sx, sy, 4.0, Anchor::Middle, false, &on);
    sy += 8.0;
    if let Some(of) = &s.on_behalf_of {
        p.words(sx, sy, 4.0, Anchor::Middle, false, &format!("a.n. {of}"));
        sy += 6.0;
    }
    p.words(sx, sy, 3.6, Anchor::Middle, false, &s.position);
    p.picture(PictureSlot::Stamp, sx - 36.0, sy - 2.0, 28.0, 28.0);
    p.picture(PictureSlot::Signature, sx - 20.0, sy + 3.0, 40.0, 18.0);
    sy += 26.0;
    p.words(sx, sy, 4.2, Anchor::Middle, true, &s.name);
    if let Some(r) = &s.rank {
        sy += 6.0;
        p.words(sx, sy, 3.8, Anchor::Middle, false, r);
    }
    if let Some(n) = &s.nip {
        sy += 6.0;
        p.words(sx, sy, 3.8, Anchor::Middle, false, &format!("NIP {}", n.formatted()));
    }
}

/// Page 1, left and bottom: the QR code and the lines on electronic signing.
fn qr_block(p: &mut Page, cert: &Certificate, code: &QrCode) {
    let (dark, modules) = qr_modules(code);
    p.items.push(Item::Qr {
        x: 22.0,
        y: 214.0,
        size: 38.0,
        modules,
        dark,
    });
    let scan = p.t("Pindai untuk verifikasi", "Scan to verify");
    p.words(22.0, 258.0, 2.6, Anchor::Start, false, scan);
    let signed = p.t(
        "Dokumen ini ditandatangani secara elektronik (Ed25519) dan dapat diverifikasi melalui kode QR.",
        "This document is signed electronically (Ed25519) and can be verified through the QR code.",
    );
    p.words(105.0, 278.0, 2.8, Anchor::Middle, false, signed);
    p.words(105.0, 283.0, 2.4, Anchor::Middle, false, &format!("ID {}", cert.id));
}

/// Page 2: the agenda pembelajaran (subjects with JP) and the total.
fn agenda_page(p: &mut Page, c: &CourseFacts) {
    let accent = p.accent;
    let head = p.t("AGENDA PEMBELAJARAN", "LEARNING AGENDA");
    p.put(105.0, 28.0, 5.5, Anchor::Middle, true, accent, head);
    p.words(105.0, 36.0, 4.0, Anchor::Middle, false, &c.title);
    let mut y = 51.0;
    p.words(24.0, y, 4.0, Anchor::Start, true, "No");
    let subject = p.t("Mata pelatihan", "Subject");
    p.words(36.0, y, 4.0, Anchor::Start, true, subject);
    p.words(186.0, y, 4.0, Anchor::End, true, "JP");
    for (i, s) in c.subjects.iter().enumerate() {
        y += 7.0;
        if y > 273.0 {
            let more = format!("... {} {}", c.subjects.len() - i, p.t("lagi", "more"));
            p.words(36.0, y, 3.6, Anchor::Start, false, &more);
            break;
        }
        p.words(24.0, y, 3.8, Anchor::Start, false, &format!("{}.", i + 1));
        p.words(36.0, y, 3.8, Anchor::Start, false, &s.title);
        p.words(186.0, y, 3.8, Anchor::End, false, &s.jp.to_string());
    }
    y += 9.0;
    let total = p.t("Jumlah", "Total");
    p.words(36.0, y, 4.0, Anchor::Start, true, total);
    p.words(186.0, y, 4.0, Anchor::End, true, &c.total_jp.to_string());
}
