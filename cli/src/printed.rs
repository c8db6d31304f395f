//! What people print: each certificate's SVG page and PDF, the cohort's print file, and
//! the settings' template read with its files (pictures and fonts named by path).

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;
use tamat::certificates::{certificate_svg, qr_payload, Certificate, IssuanceSettings, Picture};
use tamat_documents::{certificate_pdf, cohort_pdf, Fonts, Printed};

use crate::fail::Failure;
use crate::files::{read, read_json, write_atomic};

/// The name of a cohort's print file in an output folder.
pub const COHORT_PDF: &str = "cohort.pdf";

static FONTS: OnceLock<Fonts> = OnceLock::new();

fn fonts() -> &'static Fonts {
    FONTS.get_or_init(Fonts::bundled)
}

/// Issuance settings from a JSON file. In its `template`, `logo`, `signature` and
/// `stamp` may name a PNG or JPEG file (relative to the settings file) instead of
/// holding one, and `font_files: {"regular": ..., "bold": ...}` names the faces the PDF
/// embeds (default: the bundled DejaVu Serif).
pub fn read_settings(path: &Path) -> Result<IssuanceSettings, Failure> {
    let mut doc: Value = read_json(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    if let Some(template) = doc.get_mut("template").and_then(Value::as_object_mut) {
        for slot in ["logo", "signature", "stamp"] {
            if let Some(Value::String(file)) = template.get(slot) {
                let file = base.join(file);
                let bytes = read(&file)?;
                let picture = Picture::from_bytes(&bytes).ok_or_else(|| {
                    Failure::from(tamat::TamatError::InvalidIssuanceSetting {
                        field: format!("template.{slot}"),
                        problem: "picture",
                    })
                })?;
                template.insert(
                    slot.into(),
                    serde_json::to_value(picture).map_err(|e| Failure::Io(e.to_string()))?,
                );
            }
        }
        if let Some(files) = template.remove("font_files") {
            let face = |name: &str| -> Result<Vec<u8>, Failure> {
                match files.get(name).and_then(Value::as_str) {
                    Some(f) => read(&base.join(f)),
                    None => Err(Failure::from(tamat::TamatError::InvalidIssuanceSetting {
                        field: format!("template.font_files.{name}"),
                        problem: "empty_value",
                    })),
                }
            };
            let fonts = Fonts::new(face("regular")?, face("bold")?)?;
            // One template per run: the first settings read choose the faces.
            let _ = FONTS.set(fonts);
        }
    }
    let settings: IssuanceSettings = tamat::json::read_value(doc)?;
    settings.validate()?;
    Ok(settings)
}

/// Writes `<id>.svg` and `<id>.pdf` (the credential attached) of one certificate.
pub fn write_printed(dir: &Path, cert: &Certificate, vc: &Value, settings: &IssuanceSettings) -> Result<(), Failure> {
    let svg = certificate_svg(cert, &qr_payload(cert, settings, vc)?, &settings.template)?;
    write_atomic(&dir.join(format!("{}.svg", cert.id)), svg.as_bytes())?;
    let printed = Printed {
        certificate: cert,
        credential: vc,
    };
    let pdf = certificate_pdf(printed, settings, fonts())?;
    write_atomic(&dir.join(format!("{}.pdf", cert.id)), &pdf)
}

/// Writes the cohort's print file, `cohort.pdf`: every certificate's pages in turn.
pub fn write_cohort(dir: &Path, cohort: &[(&Certificate, &Value)], settings: &IssuanceSettings) -> Result<(), Failure> {
    if cohort.is_empty() {
        return Ok(());
    }
    let printed: Vec<Printed> = cohort
        .iter()
        .map(|(c, v)| Printed {
            certificate: c,
            credential: v,
        })
        .collect();
    let pdf = cohort_pdf(&printed, settings, fonts())?;
    write_atomic(&dir.join(COHORT_PDF), &pdf)
}
