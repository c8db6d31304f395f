//! Issued certificates out to the national personnel system: training-history records
//! (*riwayat diklat / kursus*) for BKN's SIASN, and the yearly 20-JP report per employee,
//! each as JSON and CSV.
//!
//! Field mapping of a record (SIASN's names, as its web service's `kursus` records take
//! them; dates `DD-MM-YYYY`):
//!
//! | field | from the certificate |
//! |---|---|
//! | `nip` | the holder's NIP (SIASN looks the person, `pnsOrangId`, up by it) |
//! | `namaKursus` | the course title |
//! | `jenisKursusSertipikat` | the document: `STTPP`, or `Surat Keterangan` for TELAH MENGIKUTI |
//! | `jenisDiklatId` | the setting `jenis_diklat_id` (SIASN's reference of the kind of training), when given |
//! | `nomorSertipikat` | the certificate number |
//! | `tanggalKursus`, `tanggalSelesaiKursus` | the course's first and last day |
//! | `tahunKursus` | the year of the last day |
//! | `jumlahJam` | the course's total JP |
//! | `institusiPenyelenggara` | the organiser |
//!
//! Only certificates whose outcome earns JP (`outcomes`, LULUS by default) and whose
//! holder has a NIP become records; the others are listed in `skipped` with the reason
//! (`outcome`, `no_nip`, or `revoked` when a register given says so). The yearly report
//! credits each record's JP to its NIP in `tahunKursus`, as the [ledger](mod@crate::rules::ledger) does.

use std::collections::HashMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::certificates::certificate::Certificate;
use crate::certificates::numbering::DocumentKind;
use crate::certificates::register::Register;
use crate::certificates::status::CertificateState;
use crate::error::{Errors, TamatError};
use crate::model::fixed::Fixed;
use crate::rules::decision::Outcome;
use crate::rules::ledger::{LedgerEntry, LedgerRow};

/// One training-history record, named as SIASN names its fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SiasnRecord {
    /// NIP, 18 digits.
    pub nip: String,
    /// Course title.
    pub nama_kursus: String,
    /// `STTPP` or `Surat Keterangan`.
    pub jenis_kursus_sertipikat: String,
    /// SIASN's reference of the kind of training, when set.
    pub jenis_diklat_id: Option<String>,
    /// Certificate number.
    pub nomor_sertipikat: String,
    /// First day, `DD-MM-YYYY`.
    pub tanggal_kursus: String,
    /// Last day, `DD-MM-YYYY`.
    pub tanggal_selesai_kursus: String,
    /// Year of the last day.
    pub tahun_kursus: i32,
    /// Total JP.
    pub jumlah_jam: u64,
    /// The organiser.
    pub institusi_penyelenggara: String,
}

/// A certificate that is no record, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SkippedCertificate {
    /// Certificate id.
    pub certificate: String,
    /// Its number.
    pub number: String,
    /// `outcome` (it earns no JP), `no_nip` or `revoked`.
    pub reason: &'static str,
}

/// The export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PersonnelExport {
    /// Training-history records, in certificate order.
    pub records: Vec<SiasnRecord>,
    /// The records as CSV (a header with the field names, then one row each).
    pub records_csv: String,
    /// Certificates that are no record.
    pub skipped: Vec<SkippedCertificate>,
    /// The yearly report: JP per NIP per year against the obligation.
    pub yearly: Vec<LedgerRow>,
    /// The yearly report as CSV: `nip, year, jp, obligation_jp, met, shortfall_jp, courses`.
    pub yearly_csv: String,
}

/// How to export.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonnelSettings {
    /// SIASN's reference id of the kind of training (`jenisDiklatId`).
    #[serde(default)]
    pub jenis_diklat_id: Option<String>,
    /// Outcomes that earn JP (default `["lulus"]`).
    #[serde(default = "default_outcomes")]
    pub outcomes: Vec<Outcome>,
    /// The yearly obligation (20 JP by default).
    #[serde(default = "default_obligation")]
    pub obligation_jp: Fixed,
}

fn default_outcomes() -> Vec<Outcome> {
    vec![Outcome::Lulus]
}

fn default_obligation() -> Fixed {
    Fixed::from_int(crate::rules::ledger::DEFAULT_OBLIGATION_JP)
}

impl Default for PersonnelSettings {
    fn default() -> Self {
        PersonnelSettings {
            jenis_diklat_id: None,
            outcomes: default_outcomes(),
            obligation_jp: default_obligation(),
        }
    }
}

fn csv_of(header: &[&str], rows: &[Vec<String>]) -> Result<String, TamatError> {
    let internal = |e: &dyn std::fmt::Display| TamatError::Internal { message: e.to_string() };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| internal(&e))?;
    for r in rows {
        w.write_record(r).map_err(|e| internal(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| internal(&e))?;
    String::from_utf8(bytes).map_err(|e| internal(&e))
}

/// The records and the yearly report of issued certificates.
pub fn export(
    certificates: &[Certificate],
    register: Option<&Register>,
    settings: &PersonnelSettings,
) -> Result<PersonnelExport, Errors> {
    let states: HashMap<&str, CertificateState> = register
        .map(|r| r.certificates.iter().map(|e| (e.id.as_str(), e.state)).collect())
        .unwrap_or_default();
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut entries = Vec::new();
    let date = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
    for c in certificates {
        let skip = |reason| SkippedCertificate {
            certificate: c.id.clone(),
            number: c.number.clone(),
            reason,
        };
        if states.get(c.id.as_str()) == Some(&CertificateState::Revoked) {
            skipped.push(skip("revoked"));
            continue;
        }
        if !settings.outcomes.contains(&c.status) {
            skipped.push(skip("outcome"));
            continue;
        }
        let Some(nip) = c.holder.nip.clone() else {
            skipped.push(skip("no_nip"));
            continue;
        };
        entries.push(LedgerEntry {
            nip: crate::model::identity::Nip::parse(&nip)?,
            course: c.course.id.clone(),
            completed_on: c.course.end_date,
            jp: Fixed::from_int(i64::try_from(c.course.total_jp).unwrap_or(i64::MAX / 10_000)),
        });
        records.push(SiasnRecord {
            nip,
            nama_kursus: c.course.title.clone(),
            jenis_kursus_sertipikat: match c.document {
                DocumentKind::Sttpp => "STTPP",
                DocumentKind::SuratKeterangan => "Surat Keterangan",
            }
            .to_string(),
            jenis_diklat_id: settings.jenis_diklat_id.clone(),
            nomor_sertipikat: c.number.clone(),
            tanggal_kursus: date(c.course.start_date),
            tanggal_selesai_kursus: date(c.course.end_date),
            tahun_kursus: c.course.end_date.year(),
            jumlah_jam: c.course.total_jp,
            institusi_penyelenggara: c.course.organiser.clone(),
        });
    }
    let yearly = crate::rules::ledger::ledger(&entries, settings.obligation_jp)?;
    let records_csv = csv_of(
        &[
            "nip",
            "namaKursus",
            "jenisKursusSertipikat",
            "jenisDiklatId",
            "nomorSertipikat",
            "tanggalKursus",
            "tanggalSelesaiKursus",
            "tahunKursus",
            "jumlahJam",
            "institusiPenyelenggara",
        ],
        &records
            .iter()
            .map(|r| {
                vec![
                    r.nip.clone(),
                    r.nama_kursus.clone(),
                    r.jenis_kursus_sertipikat.clone(),
                    r.jenis_diklat_id.clone().unwrap_or_default(),
                    r.nomor_sertipikat.clone(),
                    r.tanggal_kursus.clone(),
                    r.tanggal_selesai_kursus.clone(),
                    r.tahun_kursus.to_string(),
                    r.jumlah_jam.to_string(),
                    r.institusi_penyelenggara.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    let yearly_csv = csv_of(
        &["nip", "year", "jp", "obligation_jp", "met", "shortfall_jp", "courses"],
        &yearly
            .iter()
            .map(|r| {
                vec![
                    r.nip.as_str().to_string(),
                    r.year.to_string(),
                    r.jp.to_string(),
                    r.obligation_jp.to_string(),
                    r.met.to_string(),
                    r.shortfall_jp.to_string(),
                    r.courses.join(";"),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    Ok(PersonnelExport {
        records,
        records_csv,
        skipped,
        yearly,
        yearly_csv,
    })
}
