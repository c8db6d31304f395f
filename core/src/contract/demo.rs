//! The source case as data: the one-day course "Pelatihan Pelayanan Publik Berbasis IT"
//! of BPSDM Provinsi Kalimantan Timur in Samarinda (WITA), Thursday 2025-07-17: 30 civil
//! servants, ten 1-JP sessions, a 90 % minimum. Bundled so that every package can show it
//! without input files.

use crate::contract::request::EvaluateRequest;
use crate::error::{Errors, TamatError};
use crate::model::course::Course;
use crate::model::marks::Mark;

/// The course, as JSON.
pub const KALTIM_COURSE_JSON: &str = include_str!("../../data/kaltim/course.json");
/// The attendance marks, as JSON (status marks, and check-in times for two late
/// arrivals).
pub const KALTIM_ATTENDANCE_JSON: &str = include_str!("../../data/kaltim/attendance.json");

/// The evaluate request of the source case (the course's own policy).
pub fn kaltim_request() -> Result<EvaluateRequest, Errors> {
    let read = |e: serde_json::Error| Errors(vec![TamatError::from_serde(&e)]);
    let course: Course = serde_json::from_str(KALTIM_COURSE_JSON).map_err(read)?;
    let attendance: Vec<Mark> = serde_json::from_str(KALTIM_ATTENDANCE_JSON).map_err(read)?;
    Ok(EvaluateRequest::new(course, attendance))
}

/// The seed of the demo signing key. It is public, so certificates signed with it prove
/// nothing: never use it for real certificates.
pub const DEMO_SEED_HEX: &str = "7461616d61742d64656d6f2d6b65792d6b616c74696d2d323032352d21212121";

/// The demo signing key (see [`DEMO_SEED_HEX`]).
pub fn demo_key() -> Result<crate::proofs::signing::SigningKey, TamatError> {
    crate::proofs::signing::SigningKey::parse(DEMO_SEED_HEX)
}

/// Issuance settings of the source case: numbers `00001/BPSDM-KALTIM/VII/2025`, issued
/// in Samarinda on 2025-07-18, signed on behalf of the governor. The signatory is
/// fictional; the URLs use the reserved `.example` domain.
pub fn kaltim_settings() -> Result<crate::certificates::certificate::IssuanceSettings, TamatError> {
    let nip = crate::model::identity::Nip::parse("197001011995031001")?;
    let mut s = crate::certificates::certificate::IssuanceSettings::new(crate::certificates::certificate::Signatory {
        name: "Dr. Andi Wijaya, M.Si.".into(),
        position: "Kepala Badan Pengembangan Sumber Daya Manusia Provinsi Kalimantan Timur".into(),
        rank: Some("Pembina Utama Muda (IV/c)".into()),
        nip: Some(nip),
        on_behalf_of: Some("Gubernur Kalimantan Timur".into()),
    });
    s.numbering.template = "{N}/{unit}/{mr}/{y}".into();
    s.place = Some("Samarinda".into());
    s.issued_on = chrono::NaiveDate::from_ymd_opt(2025, 7, 18);
    // The verification site (`tamat publish`): the QR code opens
    // https://sertifikat.bpsdm-kaltim.example/#<id>.<hash>, the status lists are under
    // /status/.
    s.site_url = Some("sertifikat.bpsdm-kaltim.example".into());
    Ok(s)
}
