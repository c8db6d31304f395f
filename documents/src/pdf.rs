//! The PDF of a certificate, drawn by krilla from the certificate's layout.

use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use serde_json::Value;
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::MetadataProvider as _;
use tamat::certificates::{layout, qr_payload, Anchor, Item, Layout, PictureSlot, Rgb, PAGE_HEIGHT, PAGE_WIDTH};
use tamat::certificates::{Certificate, IssuanceSettings};
use tamat::{Lang, TamatError};

/// The media type of the attached credential (W3C Verifiable Credentials 2.0).
pub const CREDENTIAL_MEDIA_TYPE: &str = "application/vc";

const MM: f32 = 72.0 / 25.4;

/// The two faces a PDF embeds (subsetted to the glyphs it uses).
#[derive(Clone)]
pub struct Fonts {
    regular: Vec<u8>,
    bold: Vec<u8>,
}

impl Fonts {
    /// DejaVu Serif, bundled (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`).
    pub fn bundled() -> Fonts {
        Fonts {
            regular: include_bytes!("../fonts/DejaVuSerif.ttf").to_vec(),
            bold: include_bytes!("../fonts/DejaVuSerif-Bold.ttf").to_vec(),
        }
    }

    /// An organiser's own faces (TrueType or OpenType); an error when one is not a font.
    pub fn new(regular: Vec<u8>, bold: Vec<u8>) -> Result<Fonts, TamatError> {
        for bytes in [&regular, &bold] {
            let ok = skrifa::FontRef::new(bytes).is_ok() && Font::new(bytes.clone().into(), 0).is_some();
            if !ok {
                return Err(TamatError::InvalidDocument {
                    problem: "font",
                    message: String::new(),
                });
            }
        }
        Ok(Fonts { regular, bold })
    }
}

/// One certificate to print: its content and its signed credential (hashed into the QR
/// code, and attached).
#[derive(Clone, Copy, Debug)]
pub struct Printed<'a> {
    /// The certificate.
    pub certificate: &'a Certificate,
    /// Its signed credential.
    pub credential: &'a Value,
}

fn write_failed(message: impl ToString) -> TamatError {
    TamatError::InvalidDocument {
        problem: "pdf_write",
        message: message.to_string(),
    }
}

struct Face {
    font: Font,
    bytes: Vec<u8>,
}

impl Face {
    fn new(bytes: &[u8]) -> Result<Face, TamatError> {
        let font = Font::new(bytes.to_vec().into(), 0).ok_or_else(|| TamatError::InvalidDocument {
            problem: "font",
            message: String::new(),
        })?;
        Ok(Face {
            font,
            bytes: bytes.to_vec(),
        })
    }

    /// The advance of `text` at `size`, from the font's own metrics.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(f) = skrifa::FontRef::new(&self.bytes) else {
            return 0.0;
        };
        let upem = f
            .metrics(FontSize::unscaled(), LocationRef::default())
            .units_per_em
            .max(1) as f32;
        let charmap = f.charmap();
        let metrics = f.glyph_metrics(FontSize::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| metrics.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(0.0))
            .sum();
        units / upem * size
    }
}

fn pdf_date(at: &chrono::DateTime<chrono::Utc>) -> DateTime {
    use chrono::{Datelike, Timelike};
    DateTime::new(at.year().clamp(0, 9999) as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn paint(c: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

struct Painter<'a> {
    regular: Face,
    bold: Face,
    pictures: [(PictureSlot, Option<Image>); 3],
    settings: &'a IssuanceSettings,
}

impl<'a> Painter<'a> {
    fn new(settings: &'a IssuanceSettings, fonts: &Fonts) -> Result<Painter<'a>, TamatError> {
        let template = &settings.template;
        template.validate()?;
        let picture = |slot: PictureSlot| -> Result<(PictureSlot, Option<Image>), TamatError> {
            let Some(p) = template.picture(slot) else {
                return Ok((slot, None));
            };
            let bytes = p.bytes(slot)?;
            let image = if p.media_type == "image/png" {
                Image::from_png(bytes.into(), false)
            } else {
                Image::from_jpeg(bytes.into(), false)
            };
            let image = image.map_err(|_| TamatError::InvalidIssuanceSetting {
                field: format!("template.{}", slot.name()),
                problem: "picture",
            })?;
            Ok((slot, Some(image)))
        };
        Ok(Painter {
            regular: Face::new(&fonts.regular)?,
            bold: Face::new(&fonts.bold)?,
            pictures: [
                picture(PictureSlot::Logo)?,
                picture(PictureSlot::Signature)?,
                picture(PictureSlot::Stamp)?,
            ],
            settings,
        })
    }

    fn page(&self, surface: &mut Surface, items: &[Item]) {
        for item in items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    anchor,
                    bold,
                    colour,
                    max_width,
                    text,
                } => {
                    let face = if *bold { &self.bold } else { &self.regular };
                    let mut size = *size * MM;
                    let mut width = face.width(text, size);
                    let room = max_width * MM;
                    if width > room && width > 0.0 {
                        size *= room / width;
                        width = room;
                    }
                    let start = match anchor {
                        Anchor::Start => x * MM,
                        Anchor::Middle => x * MM - width / 2.0,
                        Anchor::End => x * MM - width,
                    };
                    surface.set_fill(Some(Fill {
                        paint: paint(*colour),
                        opacity: NormalizedF32::ONE,
                        rule: FillRule::NonZero,
                    }));
                    surface.set_stroke(None);
                    surface.draw_text(
                        Point::from_xy(start, y * MM),
                        face.font.clone(),
                        size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Frame {
                    x,
                    y,
                    w,
                    h,
                    line,
                    colour,
                } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(x * MM, y * MM, w * MM, h * MM) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: paint(*colour),
                            width: line * MM,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Item::Picture { slot, x, y, w, h } => {
                    let Some(image) = self
                        .pictures
                        .iter()
                        .find(|(s, _)| s == slot)
                        .and_then(|(_, i)| i.clone())
                    else {
                        continue;
                    };
                    let (pw, ph) = image.size();
                    let scale = (w / pw.max(1) as f32).min(h / ph.max(1) as f32);
                    let (iw, ih) = (pw as f32 * scale, ph as f32 * scale);
                    let (ix, iy) = (x + (w - iw) / 2.0, y + (h - ih) / 2.0);
                    if let Some(size) = Size::from_wh(iw * MM, ih * MM) {
                        surface.push_transform(&Transform::from_translate(ix * MM, iy * MM));
                        surface.draw_image(image, size);
                        surface.pop();
                    }
                }
                Item::Qr {
                    x,
                    y,
                    size,
                    modules,
                    dark,
                } => {
                    let m = size / *modules as f32 * MM;
                    let mut pb = PathBuilder::new();
                    for (cx, cy) in dark {
                        if let Some(r) = Rect::from_xywh(x * MM + *cx as f32 * m, y * MM + *cy as f32 * m, m, m) {
                            pb.push_rect(r);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill::default()));
                        surface.draw_path(&path);
                    }
                }
            }
        }
    }

    fn add(&self, doc: &mut Document, printed: &Printed) -> Result<(), TamatError> {
        let cert = printed.certificate;
        let payload = qr_payload(cert, self.settings, printed.credential)?;
        let Layout { pages } = layout(cert, &payload, &self.settings.template)?;
        let settings =
            PageSettings::from_wh(PAGE_WIDTH * MM, PAGE_HEIGHT * MM).ok_or_else(|| write_failed("page size"))?;
        for items in &pages {
            let mut page = doc.start_page_with(settings.clone());
            let mut surface = page.surface();
            self.page(&mut surface, items);
            surface.finish();
            page.finish();
        }
        let json = serde_json::to_vec_pretty(printed.credential).map_err(write_failed)?;
        doc.embed_file(EmbeddedFile {
            path: format!("{}.vc.json", cert.id),
            mime_type: MimeType::new(CREDENTIAL_MEDIA_TYPE),
            description: Some(format!(
                "{} {}: {} (W3C Verifiable Credential, Open Badges 3.0)",
                match self.settings.template.lang {
                    Lang::Id => "Kredensial bertanda tangan",
                    Lang::En => "Signed credential",
                },
                cert.number,
                cert.holder.name
            )),
            association_kind: AssociationKind::Data,
            data: json.into(),
            modification_date: Some(pdf_date(&cert.issued_at)),
            compress: Some(true),
            location: None,
        })
        .ok_or_else(|| write_failed(format!("two attachments named {}.vc.json", cert.id)))?;
        Ok(())
    }
}

fn document(
    title: String,
    lang: Lang,
    author: &str,
    at: &chrono::DateTime<chrono::Utc>,
) -> Result<Document, TamatError> {
    let configuration = Configuration::new_with_validator(Validator::A3_U);
    let mut doc = Document::new_with(SerializeSettings {
        configuration,
        ..Default::default()
    });
    doc.set_metadata(
        Metadata::new()
            .title(title)
            .language(match lang {
                Lang::Id => "id".to_string(),
                Lang::En => "en".to_string(),
            })
            .authors(vec![author.to_string()])
            .creator("tamat".into())
            .producer(format!("tamat-documents {}", env!("CARGO_PKG_VERSION")))
            .creation_date(pdf_date(at)),
    );
    Ok(doc)
}

fn finish(doc: Document) -> Result<Vec<u8>, TamatError> {
    doc.finish().map_err(|e| write_failed(format!("{e:?}")))
}

/// The PDF of one certificate: page 1 the certificate with its QR code, page 2 the agenda
/// pembelajaran, the signed credential attached as `<id>.vc.json`. The same certificate,
/// credential, settings and fonts give the same bytes.
pub fn certificate_pdf(printed: Printed, settings: &IssuanceSettings, fonts: &Fonts) -> Result<Vec<u8>, TamatError> {
    let painter = Painter::new(settings, fonts)?;
    let cert = printed.certificate;
    let mut doc = document(
        format!("{} {} - {}", cert.title, cert.number, cert.holder.name),
        settings.template.lang,
        &cert.course.organiser,
        &cert.issued_at,
    )?;
    painter.add(&mut doc, &printed)?;
    finish(doc)
}

/// One print file for a cohort: each certificate's two pages in turn, every credential
/// attached.
pub fn cohort_pdf(cohort: &[Printed], settings: &IssuanceSettings, fonts: &Fonts) -> Result<Vec<u8>, TamatError> {
    let painter = Painter::new(settings, fonts)?;
    let Some(first) = cohort.first() else {
        return Err(write_failed("no certificates"));
    };
    let c = first.certificate;
    let last = cohort
        .iter()
        .map(|p| p.certificate.issued_at)
        .max()
        .unwrap_or(c.issued_at);
    let mut doc = document(
        format!("{} - {} ({})", c.course.title, c.course.organiser, cohort.len()),
        settings.template.lang,
        &c.course.organiser,
        &last,
    )?;
    for printed in cohort {
        painter.add(&mut doc, printed)?;
    }
    finish(doc)
}
