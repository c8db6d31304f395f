//! What people see: the QR code (a compact verification payload: the verification URL
//! with the certificate id and a hash of the signed credential) and the certificate as a
//! printable SVG page (A4; page 2 lists the subjects with their JP).

use base64::Engine as _;
use qrcode::{Color, EcLevel, QrCode};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::certificates::certificate::{format_date, Certificate, CourseFacts, IssuanceSettings};
use crate::error::{Lang, TamatError};
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

/// The dark modules of a QR code as one SVG path in module units, with a quiet zone of
/// 4 modules; returns the path data and the size in modules.
fn qr_path(code: &QrCode) -> (String, usize) {
    let w = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            d.push_str(&format!("M{} {}h1v1h-1z", i % w + 4, i / w + 4));
        }
    }
    (d, w + 8)
}

/// The QR code of a payload as a standalone SVG document.
pub fn qr_svg(payload: &str) -> Result<String, TamatError> {
    let (d, size) = qr_path(&qr(payload)?);
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>\n",
        px = size * 4
    ))
}

struct Page {
    out: String,
}

impl Page {
    fn text(&mut self, x: f32, y: f32, size: f32, anchor: &str, weight: &str, text: &str) {
        // Room to the page border (10 mm margins; centred text has half on each side;
        // the signature block is narrower).
        let room = match anchor {
            "middle" if x > 120.0 => 2.0 * (196.0 - x),
            "middle" => 2.0 * (x - 14.0).min(196.0 - x),
            "end" => x - 14.0,
            _ => 196.0 - x,
        };
        // Estimated advance of a serif face, in ems: capitals and digits are wider than
        // lower case. Text that would run over the border gets a smaller size, which
        // every renderer honours (unlike `textLength`).
        let ems: f32 = text
            .chars()
            .map(|c| match c {
                'A'..='Z' => 0.72,
                '0'..='9' => 0.5,
                ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | 'i' | 'l' | 'j' | 't' | 'f' | 'r' => 0.3,
                'm' | 'w' => 0.78,
                _ => 0.5,
            })
            .sum::<f32>()
            * if weight == "bold" { 1.16 } else { 1.1 };
        let size = if ems * size > room {
            (room / ems * 10.0).floor() / 10.0
        } else {
            size
        };
        self.out.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\">{}</text>\n",
            xml_escape(text)
        ));
    }
}

/// The certificate as a printable SVG: page 1 the certificate with its QR code, page 2
/// the subjects (agenda pembelajaran) with their JP. Units are millimetres on A4.
pub fn certificate_svg(cert: &Certificate, qr_payload: &str) -> Result<String, TamatError> {
    let code = qr(qr_payload)?;
    let (d, modules) = qr_path(&code);
    let mut p = Page { out: String::new() };
    p.out.push_str(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"594mm\" viewBox=\"0 0 210 594\" font-family=\"Liberation Serif, Times New Roman, serif\">\n<rect width=\"210\" height=\"594\" fill=\"#fff\"/>\n<rect x=\"8\" y=\"8\" width=\"194\" height=\"281\" fill=\"none\" stroke=\"#1a3d6d\" stroke-width=\"1.2\"/>\n<rect x=\"8\" y=\"305\" width=\"194\" height=\"281\" fill=\"none\" stroke=\"#1a3d6d\" stroke-width=\"0.6\"/>\n",
    );
    let y = holder_block(&mut p, cert);
    course_block(&mut p, cert, y);
    signature_block(&mut p, cert);
    qr_block(&mut p, cert, &d, modules);
    agenda_page(&mut p, &cert.course);
    p.out.push_str("</svg>\n");
    Ok(p.out)
}

/// Page 1, top: the organiser, the title, the number, the holder and their details.
/// Returns where the course block starts.
fn holder_block(p: &mut Page, cert: &Certificate) -> f32 {
    let c = &cert.course;
    let h = &cert.holder;
    p.text(105.0, 30.0, 7.0, "middle", "bold", &c.organiser.to_uppercase());
    p.text(105.0, 48.0, 8.0, "middle", "bold", &cert.title.to_uppercase());
    p.text(105.0, 56.0, 4.5, "middle", "normal", &format!("Nomor: {}", cert.number));
    p.text(105.0, 70.0, 4.5, "middle", "normal", "diberikan kepada:");
    p.text(105.0, 82.0, 7.5, "middle", "bold", &h.name);
    // Birth date and place only when the certificate carries them (`identity.birth`); a
    // NIK carried only as a hash is not printed.
    let birth = match (&h.birth_place, h.birth_date) {
        (Some(pl), Some(d)) => Some(format!("{pl}, {}", format_date(d, Lang::Id))),
        (Some(pl), None) => Some(pl.clone()),
        (None, Some(d)) => Some(format_date(d, Lang::Id)),
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
    rows.extend(birth.map(|b| ("Tempat, tanggal lahir", b)));
    rows.extend([
        ("Pangkat/golongan", dash(&h.rank)),
        ("Jabatan", dash(&h.position)),
        ("Instansi", dash(&h.agency)),
    ]);
    let mut y = 96.0;
    for (label, value) in rows {
        p.text(30.0, y, 4.2, "start", "normal", label);
        p.text(78.0, y, 4.2, "start", "normal", &format!(": {value}"));
        y += 7.0;
    }
    y
}

/// Page 1, middle: the course, its dates and JP, the outcome and the attendance evidence.
fn course_block(p: &mut Page, cert: &Certificate, mut y: f32) {
    let c = &cert.course;
    y += 4.0;
    let status = match &cert.qualification {
        Some(q) => format!("{} dengan predikat {}", cert.status_label(), q.to_uppercase()),
        None => cert.status_label().to_string(),
    };
    p.text(105.0, y, 4.5, "middle", "normal", "telah mengikuti");
    p.text(105.0, y + 8.0, 5.5, "middle", "bold", &c.title);
    let partner = c
        .partner
        .as_ref()
        .map(|x| format!(" bekerja sama dengan {x}"))
        .unwrap_or_default();
    p.text(105.0, y + 14.0, 4.0, "middle", "normal", "yang diselenggarakan oleh");
    p.text(
        105.0,
        y + 19.0,
        4.0,
        "middle",
        "normal",
        &format!("{}{partner}", c.organiser),
    );
    let dates = if c.start_date == c.end_date {
        format!("pada tanggal {}", format_date(c.start_date, Lang::Id))
    } else {
        format!(
            "dari tanggal {} sampai dengan {}",
            format_date(c.start_date, Lang::Id),
            format_date(c.end_date, Lang::Id)
        )
    };
    p.text(
        105.0,
        y + 24.0,
        4.0,
        "middle",
        "normal",
        &match (c.classroom_jp, c.e_learning_jp) {
            (Some(k), Some(e)) => format!(
                "{dates}, sebanyak {} JP ({k} JP klasikal, {e} JP e-learning),",
                c.total_jp
            ),
            _ => format!("{dates}, sebanyak {} JP,", c.total_jp),
        },
    );
    p.text(105.0, y + 32.0, 5.0, "middle", "normal", "dan dinyatakan:");
    p.text(105.0, y + 41.0, 7.0, "middle", "bold", &status);
    let e = &cert.evidence;
    p.text(
        105.0,
        y + 49.0,
        3.2,
        "middle",
        "normal",
        &format!(
            "Kehadiran {} dari {} ({}%), syarat minimal {}%",
            e.attended,
            e.total,
            e.percent.map(|x| x.to_string()).unwrap_or_else(|| "-".into()),
            e.minimum_percent
        ),
    );
}

/// Page 1, right: where and when it was issued, and who signs it.
fn signature_block(p: &mut Page, cert: &Certificate) {
    let s = &cert.signatory;
    let sx = 140.0;
    let mut sy = 214.0;
    p.text(
        sx,
        sy,
        4.0,
        "middle",
        "normal",
        &format!("Ditetapkan di {}", cert.place),
    );
    sy += 6.0;
    p.text(
        sx,
        sy,
        4.0,
        "middle",
        "normal",
        &format!("pada tanggal {}", format_date(cert.issued_on, Lang::Id)),
    );
    sy += 8.0;
    if let Some(of) = &s.on_behalf_of {
        p.text(sx, sy, 4.0, "middle", "normal", &format!("a.n. {of}"));
        sy += 6.0;
    }
    p.text(sx, sy, 3.6, "middle", "normal", &s.position);
    sy += 26.0;
    p.text(sx, sy, 4.2, "middle", "bold", &s.name);
    if let Some(r) = &s.rank {
        sy += 6.0;
        p.text(sx, sy, 3.8, "middle", "normal", r);
    }
    if let Some(n) = &s.nip {
        sy += 6.0;
        p.text(sx, sy, 3.8, "middle", "normal", &format!("NIP {}", n.formatted()));
    }
}

/// Page 1, left and bottom: the QR code and the lines on electronic signing.
fn qr_block(p: &mut Page, cert: &Certificate, d: &str, modules: usize) {
    let qr_mm = 38.0;
    p.out.push_str(&format!(
        "<g transform=\"translate(22 214) scale({})\" shape-rendering=\"crispEdges\"><path fill=\"#000\" d=\"{d}\"/></g>\n",
        qr_mm / modules as f32
    ));
    p.text(
        22.0,
        258.0,
        2.6,
        "start",
        "normal",
        "Pindai untuk verifikasi / scan to verify",
    );
    p.text(
        105.0,
        278.0,
        2.8,
        "middle",
        "normal",
        "Dokumen ini ditandatangani secara elektronik (Ed25519, eddsa-jcs-2022) dan dapat diverifikasi melalui kode QR.",
    );
    p.text(105.0, 283.0, 2.4, "middle", "normal", &format!("ID {}", cert.id));
}

/// Page 2: the agenda pembelajaran (subjects with JP) and the total.
fn agenda_page(p: &mut Page, c: &CourseFacts) {
    p.text(105.0, 325.0, 5.5, "middle", "bold", "AGENDA PEMBELAJARAN");
    p.text(105.0, 333.0, 4.0, "middle", "normal", &c.title);
    let mut y = 348.0;
    p.text(24.0, y, 4.0, "start", "bold", "No");
    p.text(36.0, y, 4.0, "start", "bold", "Mata pelatihan");
    p.text(186.0, y, 4.0, "end", "bold", "JP");
    for (i, subject) in c.subjects.iter().enumerate() {
        y += 7.0;
        if y > 570.0 {
            p.text(
                36.0,
                y,
                3.6,
                "start",
                "normal",
                &format!("... {} lagi", c.subjects.len() - i),
            );
            break;
        }
        p.text(24.0, y, 3.8, "start", "normal", &format!("{}.", i + 1));
        p.text(36.0, y, 3.8, "start", "normal", &subject.title);
        p.text(186.0, y, 3.8, "end", "normal", &subject.jp.to_string());
    }
    y += 9.0;
    p.text(36.0, y, 4.0, "start", "bold", "Jumlah");
    p.text(186.0, y, 4.0, "end", "bold", &c.total_jp.to_string());
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
        let dark = code.to_colors().iter().filter(|c| **c == Color::Dark).count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(qr_svg(&"x".repeat(5000)).is_err());
    }
}
