//! What people see: the QR code (a compact verification payload: the verification URL
//! with the certificate id and a hash of the signed credential) and the certificate as a
//! printable SVG page (A4; page 2 lists the subjects with their JP), drawn from the
//! certificate's [`Layout`].

use base64::Engine as _;
use qrcode::{EcLevel, QrCode};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::certificates::certificate::{Certificate, IssuanceSettings};
use crate::certificates::layout::{certificate_layout, qr_modules, Item, Layout, PAGE_HEIGHT};
use crate::certificates::template::{Rgb, Template};
use crate::error::TamatError;
use crate::model::text::xml_escape;

/// The hash a QR code carries: SHA-256 of the RFC 8785 form of the signed credential,
/// base64url without padding (43 characters). A verification page recomputes it from the
/// credential it holds for the id.
pub fn credential_hash(credential: &Value) -> Result<String, TamatError> {
    let bytes = serde_json_canonicalizer::to_vec(credential).map_err(|e| TamatError::Internal {
        message: format!("canonicalisation failed: {e}"),
    })?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(bytes)))
}

/// The QR payload of a signed certificate: the settings' verification URL with `{id}`
/// and `{hash}` filled in.
pub fn qr_payload(cert: &Certificate, settings: &IssuanceSettings, credential: &Value) -> Result<String, TamatError> {
    Ok(settings.verify_url(&cert.id, &credential_hash(credential)?))
}

fn qr(payload: &str) -> Result<QrCode, TamatError> {
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
        TamatError::InvalidIssuanceSetting {
            field: format!("verify_url ({e})"),
            problem: "qr_too_long",
        }
    })
}

/// The dark modules of a QR code as one SVG path in module units; returns the path data.
fn qr_path(dark: &[(u16, u16)]) -> String {
    let mut d = String::with_capacity(dark.len() * 16);
    for (x, y) in dark {
        d.push_str(&format!("M{x} {y}h1v1h-1z"));
    }
    d
}

/// The QR code of a payload as a standalone SVG document.
pub fn qr_svg(payload: &str) -> Result<String, TamatError> {
    let (dark, size) = qr_modules(&qr(payload)?);
    let d = qr_path(&dark);
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>\n",
        px = size * 4
    ))
}

/// The layout of a certificate whose QR code holds `qr_payload`.
pub fn layout(cert: &Certificate, qr_payload: &str, template: &Template) -> Result<Layout, TamatError> {
    certificate_layout(cert, &qr(qr_payload)?, template)
}

/// The certificate as a printable SVG drawn by `template`: page 1 the certificate with
/// its QR code, page 2 (below it, one image 594 mm tall) the subjects (agenda
/// pembelajaran) with their JP. Units are millimetres on A4.
pub fn certificate_svg(cert: &Certificate, qr_payload: &str, template: &Template) -> Result<String, TamatError> {
    let layout = layout(cert, qr_payload, template)?;
    let family = template
        .font_family
        .as_deref()
        .unwrap_or("Liberation Serif, Times New Roman, serif");
    let height = PAGE_HEIGHT * layout.pages.len() as f32;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"{height}mm\" viewBox=\"0 0 210 {height}\" font-family=\"{}\">\n<rect width=\"210\" height=\"{height}\" fill=\"#fff\"/>\n",
        xml_escape(family)
    );
    for (n, page) in layout.pages.iter().enumerate() {
        let top = PAGE_HEIGHT * n as f32;
        if n > 0 {
            out.push_str(&format!("<g transform=\"translate(0 {top})\">\n"));
        }
        for item in page {
            svg_item(&mut out, item, template)?;
        }
        if n > 0 {
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>\n");
    Ok(out)
}

fn svg_item(out: &mut String, item: &Item, template: &Template) -> Result<(), TamatError> {
    match item {
        Item::Text {
            x,
            y,
            size,
            anchor,
            bold,
            colour,
            text,
            ..
        } => {
            let fill = if *colour == Rgb(0, 0, 0) {
                String::new()
            } else {
                format!(" fill=\"{}\"", colour.hex())
            };
            out.push_str(&format!(
                "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" text-anchor=\"{}\" font-weight=\"{}\"{fill}>{}</text>\n",
                anchor.svg(),
                if *bold { "bold" } else { "normal" },
                xml_escape(text)
            ));
        }
        Item::Frame { x, y, w, h, line, colour } => out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{line}\"/>\n",
            colour.hex()
        )),
        Item::Picture { slot, x, y, w, h } => {
            if let Some(p) = template.picture(*slot) {
                let data = base64::engine::general_purpose::STANDARD.encode(p.bytes(*slot)?);
                out.push_str(&format!(
                    "<image x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"xMidYMid meet\" href=\"data:{};base64,{data}\"/>\n",
                    p.media_type
                ));
            }
        }
        Item::Qr {
            x,
            y,
            size,
            modules,
            dark,
        } => out.push_str(&format!(
            "<g transform=\"translate({x} {y}) scale({})\" shape-rendering=\"crispEdges\"><path fill=\"#000\" d=\"{}\"/></g>\n",
            size / *modules as f32,
            qr_path(dark)
        )),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            xml_escape("A & <B> \"c\" 'd'\u{1}"),
            "A &amp; &lt;B&gt; &quot;c&quot; &apos;d&apos;"
        );
    }

    #[test]
    fn qr_svg_is_square_with_quiet_zone() {
        let svg = qr_svg("https://x.example/v/1#abc").unwrap();
        assert!(svg.starts_with("<svg"));
        let code = qr("https://x.example/v/1#abc").unwrap();
        let size = code.width() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        let dark = code.to_colors().iter().filter(|c| **c == qrcode::Color::Dark).count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(qr_svg(&"x".repeat(5000)).is_err());
    }
}
