//! The PDF of the East Kalimantan course's certificates: two A4 pages with the words of
//! the layout, the credential attached and read back byte-equal, the same bytes twice,
//! a cohort file, templates, and refusals of what is not a certificate PDF.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use tamat::certificates::{layout, qr_payload, Certificate, IssuanceSettings, Item, Picture, Register};
use tamat::credentials::{sign_certificate, verify, VerifyOptions};
use tamat::demo::{demo_key, kaltim_request, kaltim_settings};
use tamat::{Lang, TamatError};
use tamat_documents::{certificate_pdf, cohort_pdf, credentials_in_pdf, Fonts, Printed};

fn issued(settings: &IssuanceSettings) -> Vec<(Certificate, Value)> {
    let req = kaltim_request().unwrap();
    let evaluation = tamat::evaluate(&req).unwrap();
    let mut register = Register::new();
    let key = demo_key().unwrap();
    let issuance = register.issue(&req.course, &evaluation, settings).unwrap();
    issuance
        .certificates
        .into_iter()
        .map(|c| {
            let vc = sign_certificate(&c, settings, &key).unwrap();
            (c, vc)
        })
        .collect()
}

fn printed(pair: &(Certificate, Value)) -> Printed<'_> {
    Printed {
        certificate: &pair.0,
        credential: &pair.1,
    }
}

/// The page count of a PDF's page tree.
fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn a_certificate_pdf_carries_its_credential_and_verifies() {
    let settings = kaltim_settings().unwrap();
    let cohort = issued(&settings);
    let fonts = Fonts::bundled();
    let pdf = certificate_pdf(printed(&cohort[0]), &settings, &fonts).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"), "{:?}", &pdf[..8]);
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
    assert_eq!(pages(&pdf), 2);
    // PDF/A-3 identification in the XMP metadata.
    assert!(String::from_utf8_lossy(&pdf).contains("pdfaid:part"));
    let found = credentials_in_pdf(&pdf).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, format!("{}.vc.json", cohort[0].0.id));
    assert_eq!(found[0].credential, cohort[0].1);
    let options = VerifyOptions {
        keys: vec![tamat::credentials::issuer_multikey(&settings, &demo_key().unwrap())],
        at: Some(cohort[0].0.issued_at),
        ..Default::default()
    };
    let v = verify(&found[0].credential, &options).unwrap();
    // No status list given: never valid, but the signature checks.
    assert_eq!(v.status.code(), "status_unchecked");
    // The same inputs give the same bytes.
    assert_eq!(certificate_pdf(printed(&cohort[0]), &settings, &fonts).unwrap(), pdf);
    // Another holder, another file.
    assert_ne!(certificate_pdf(printed(&cohort[1]), &settings, &fonts).unwrap(), pdf);
}

#[test]
fn a_cohort_file_holds_every_certificate() {
    let settings = kaltim_settings().unwrap();
    let cohort = issued(&settings);
    let all: Vec<Printed> = cohort.iter().map(printed).collect();
    let pdf = cohort_pdf(&all, &settings, &Fonts::bundled()).unwrap();
    let found = credentials_in_pdf(&pdf).unwrap();
    assert_eq!(found.len(), cohort.len());
    for (pair, a) in cohort.iter().zip(&found) {
        assert_eq!(a.credential, pair.1);
    }
    assert_eq!(pages(&pdf), 2 * cohort.len());
    assert!(cohort_pdf(&[], &settings, &Fonts::bundled()).is_err());
}

#[test]
fn english_pages_and_pictures_from_the_template() {
    let mut settings = kaltim_settings().unwrap();
    settings.template.lang = Lang::En;
    let cohort = issued(&settings);
    let (cert, vc) = &cohort[0];
    let payload = qr_payload(cert, &settings, vc).unwrap();
    let words = |settings: &IssuanceSettings| -> Vec<String> {
        layout(cert, &payload, &settings.template)
            .unwrap()
            .pages
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let en = words(&settings);
    assert!(en.iter().any(|w| w == "awarded to:"), "{en:?}");
    assert!(en.iter().any(|w| w.contains("17 July 2025")), "{en:?}");
    assert!(en.iter().any(|w| w == "LEARNING AGENDA"));
    let mut id = settings.clone();
    id.template.lang = Lang::Id;
    let id_words = words(&id);
    assert!(id_words.iter().any(|w| w.contains("17 Juli 2025")), "{id_words:?}");
    assert!(id_words.iter().any(|w| w == "diberikan kepada:"));
    // A logo: one more item on page 1, and a PDF with an image.
    let png = include_bytes!("../../tests/data/emblem.png");
    settings.template.logo = Picture::from_bytes(png);
    let with_logo = layout(cert, &payload, &settings.template).unwrap();
    assert!(with_logo.pages[0].iter().any(|i| matches!(i, Item::Picture { .. })));
    let pdf = certificate_pdf(printed(&cohort[0]), &settings, &Fonts::bundled()).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .count();
    assert!(images >= 1, "no image in the PDF");
    // A picture that is not what it says is refused, not printed blank.
    settings.template.logo = Some(Picture {
        media_type: "image/png".into(),
        data: "AAAA".into(),
    });
    let e = certificate_pdf(printed(&cohort[0]), &settings, &Fonts::bundled()).unwrap_err();
    assert_eq!(e.code(), "certificate.invalid_settings");
}

#[test]
fn what_is_not_a_certificate_pdf_is_refused() {
    let e = credentials_in_pdf(b"{\"not\": \"a pdf\"}").unwrap_err();
    assert!(
        matches!(
            e,
            TamatError::InvalidDocument {
                problem: "pdf_unreadable",
                ..
            }
        ),
        "{e:?}"
    );
    let e = credentials_in_pdf(b"%PDF-1.7\n garbage").unwrap_err();
    assert_eq!(e.code(), "document.invalid");
    // A truncated certificate PDF is refused or still yields its exact credential: never
    // something else.
    let settings = kaltim_settings().unwrap();
    let cohort = issued(&settings);
    let pdf = certificate_pdf(printed(&cohort[0]), &settings, &Fonts::bundled()).unwrap();
    for cut in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 40] {
        if let Ok(found) = credentials_in_pdf(&pdf[..cut]) {
            assert!(found.iter().all(|a| a.credential == cohort[0].1));
        }
    }
    assert!(Fonts::new(b"not a font".to_vec(), b"x".to_vec()).is_err());
}

#[test]
fn a_pdf_whose_credential_was_changed_does_not_verify() {
    let settings = kaltim_settings().unwrap();
    let cohort = issued(&settings);
    let (cert, vc) = &cohort[2];
    let mut changed = vc.clone();
    changed["sttpp"]["holder"]["name"] = Value::String("Orang Lain".into());
    let pdf = certificate_pdf(
        Printed {
            certificate: cert,
            credential: &changed,
        },
        &settings,
        &Fonts::bundled(),
    )
    .unwrap();
    let found = credentials_in_pdf(&pdf).unwrap();
    let options = VerifyOptions {
        keys: vec![tamat::credentials::issuer_multikey(&settings, &demo_key().unwrap())],
        at: Some(cert.issued_at),
        ..Default::default()
    };
    assert_eq!(
        verify(&found[0].credential, &options).unwrap().status.code(),
        "tampered"
    );
}

#[test]
fn a_pdf_written_by_an_earlier_build_still_gives_its_credential() {
    let pdf = include_bytes!("../../tests/data/certificate.pdf");
    let want: Value = serde_json::from_str(include_str!("../../tests/data/certificate.pdf.vc.json")).unwrap();
    let found = credentials_in_pdf(pdf).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].credential, want);
}
