//! The error catalogue: every code, its area, its parameters and its message in
//! Indonesian and English, written once. [`TamatError::message`](super::TamatError::message)
//! renders these templates from the error's details, `ERROR_CODES` and
//! `tests/error-codes.json` are this list's codes, and one test
//! (`the_catalogue_describes_every_error`) holds every variant to its entry.
//!
//! A template names a parameter as `{name}`: its detail, as text; `{problem}` is the
//! problem's text in the message's language ([`super::PROBLEM_TEXTS`]). A part in `[...]`
//! is written only when the parameter inside it is not empty.

use serde_json::{Map, Value};

use super::Lang;

/// One area of the codes (the part before the dot), with what it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    /// `request`, `course`, ...
    pub name: &'static str,
    /// What its errors are about, in English.
    pub en: &'static str,
    /// The same in Indonesian.
    pub id: &'static str,
}

/// One error code and its messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorSpec {
    /// The stable code, `area.name`.
    pub code: &'static str,
    /// The details the error carries (a parameter in an optional part may be absent).
    pub params: &'static [&'static str],
    /// The English message template.
    pub en: &'static str,
    /// The Indonesian message template.
    pub id: &'static str,
}

impl ErrorSpec {
    /// The area: the code up to its dot.
    pub fn area(&self) -> &'static str {
        self.code.split_once('.').map_or(self.code, |(area, _)| area)
    }

    /// The template in one language.
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Id => self.id,
        }
    }
}

/// The entry of a code.
pub fn spec(code: &str) -> Option<&'static ErrorSpec> {
    CATALOGUE.iter().find(|s| s.code == code)
}

/// A template rendered from an error's details (see the module's documentation).
pub(crate) fn render(template: &str, details: &Map<String, Value>, lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        render_part(&rest[..open], details, lang, &mut out, &mut false);
        let close = rest[open..].find(']').map_or(rest.len(), |c| open + c);
        let (mut part, mut any_empty) = (String::new(), false);
        render_part(
            rest.get(open + 1..close).unwrap_or(""),
            details,
            lang,
            &mut part,
            &mut any_empty,
        );
        if !any_empty {
            out.push_str(&part);
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    render_part(rest, details, lang, &mut out, &mut false);
    out
}

/// The parameters a template names, each with whether it is inside an optional `[...]`
/// part, in order.
pub fn placeholders(template: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut optional = false;
    for (i, c) in template.char_indices() {
        match c {
            '[' => optional = true,
            ']' => optional = false,
            '{' => {
                let end = template[i..].find('}').map_or(template.len(), |e| i + e);
                out.push((&template[i + 1..end], optional));
            }
            _ => {}
        }
    }
    out
}

/// Writes `part` (text and `{name}`s, no `[...]`), noting whether a parameter was empty.
fn render_part(part: &str, details: &Map<String, Value>, lang: Lang, out: &mut String, any_empty: &mut bool) {
    let mut rest = part;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').map_or(rest.len(), |e| i + e);
        let name = rest.get(i + 1..end).unwrap_or("");
        let text = match details.get(name) {
            Some(Value::String(s)) if name == "problem" => super::problem_text(s, lang).to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        };
        *any_empty |= text.is_empty();
        out.push_str(&text);
        rest = rest.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
}

/// The areas, in the order their codes first appear.
pub const AREAS: &[Area] = &[
    Area {
        name: "request",
        en: "the input's shape",
        id: "bentuk masukan",
    },
    Area {
        name: "course",
        en: "the course",
        id: "pelatihan",
    },
    Area {
        name: "schedule",
        en: "sessions and times",
        id: "sesi dan waktu",
    },
    Area {
        name: "identity",
        en: "NIP and NIK",
        id: "NIP dan NIK",
    },
    Area {
        name: "attendance",
        en: "marks and attendance sheets",
        id: "presensi dan lembar kehadiran",
    },
    Area {
        name: "policy",
        en: "the policy",
        id: "kebijakan",
    },
    Area {
        name: "assessment",
        en: "scores",
        id: "nilai",
    },
    Area {
        name: "ledger",
        en: "the JP ledger",
        id: "buku JP",
    },
    Area {
        name: "numbering",
        en: "certificate numbers",
        id: "penomoran sertifikat",
    },
    Area {
        name: "certificate",
        en: "certificates",
        id: "sertifikat",
    },
    Area {
        name: "register",
        en: "the issuance register",
        id: "register penerbitan",
    },
    Area {
        name: "signing",
        en: "signing keys",
        id: "kunci penandatangan",
    },
    Area {
        name: "credential",
        en: "credentials",
        id: "kredensial",
    },
    Area {
        name: "status_list",
        en: "status lists",
        id: "daftar status",
    },
    Area {
        name: "document",
        en: "printed documents (PDF)",
        id: "dokumen cetak (PDF)",
    },
    Area {
        name: "internal",
        en: "a defect in tamat",
        id: "cacat pada tamat",
    },
];

/// Every error the crate can produce.
pub const CATALOGUE: &[ErrorSpec] = &[
    ErrorSpec {
        code: "request.invalid_json",
        params: &["message"],
        en: "invalid JSON: {message}",
        id: "JSON tidak valid: {message}",
    },
    ErrorSpec {
        code: "request.invalid_shape",
        params: &["message"],
        en: "invalid input: {message}",
        id: "masukan tidak valid: {message}",
    },
    ErrorSpec {
        code: "request.invalid_decimal",
        params: &["message"],
        en: "invalid input: {message}",
        id: "masukan tidak valid: {message}",
    },
    ErrorSpec {
        code: "request.invalid_as_of",
        params: &["value"],
        en: "`as_of` must be an RFC 3339 timestamp with offset, got `{value}`",
        id: "`as_of` harus berupa waktu RFC 3339 dengan offset, bukan `{value}`",
    },
    ErrorSpec {
        code: "request.naive_datetime",
        params: &["path", "value"],
        en: "`{path}`: a date-time needs a time zone (got the naive `{value}`); attach one, e.g. `tzinfo=ZoneInfo(\"Asia/Makassar\")`",
        id: "`{path}`: waktu harus memiliki zona waktu (diberikan `{value}` tanpa zona); tambahkan, mis. `tzinfo=ZoneInfo(\"Asia/Makassar\")`",
    },
    ErrorSpec {
        code: "request.unknown_participant",
        params: &["participant"],
        en: "participant `{participant}` is not in the course",
        id: "peserta `{participant}` tidak terdaftar di pelatihan",
    },
    ErrorSpec {
        code: "course.invalid_time_zone",
        params: &["carried", "zone"],
        en: "`{zone}` is not an IANA time zone name (e.g. Asia/Makassar)[, or not one of the zones this build carries ({carried}): the full package carries every zone]",
        id: "`{zone}` bukan nama zona waktu IANA (mis. Asia/Makassar)[, atau bukan salah satu zona yang dibawa build ini ({carried}): paket lengkap membawa semua zona]",
    },
    ErrorSpec {
        code: "course.invalid_jp_minutes",
        params: &["value"],
        en: "JP length must be 1 to 240 minutes, got {value}",
        id: "panjang JP harus 1 sampai 240 menit, bukan {value}",
    },
    ErrorSpec {
        code: "course.duplicate_session",
        params: &["session"],
        en: "session id `{session}` is used more than once",
        id: "id sesi `{session}` dipakai lebih dari sekali",
    },
    ErrorSpec {
        code: "course.duplicate_participant",
        params: &["participant"],
        en: "participant id `{participant}` is used more than once",
        id: "id peserta `{participant}` dipakai lebih dari sekali",
    },
    ErrorSpec {
        code: "course.empty_id",
        params: &["what"],
        en: "an id of a {what} is empty",
        id: "ada id {what} yang kosong",
    },
    ErrorSpec {
        code: "schedule.invalid_local_time",
        params: &["session", "value"],
        en: "session `{session}`: `{value}` is not a local date-time like 2025-07-17T08:00",
        id: "sesi `{session}`: `{value}` bukan tanggal-waktu lokal seperti 2025-07-17T08:00",
    },
    ErrorSpec {
        code: "schedule.nonexistent_local_time",
        params: &["session", "value", "zone"],
        en: "session `{session}`: {value} does not exist in {zone} (clocks skip it)",
        id: "sesi `{session}`: {value} tidak ada di {zone} (jam dilompati)",
    },
    ErrorSpec {
        code: "schedule.ambiguous_local_time",
        params: &["offsets", "session", "value", "zone"],
        en: "session `{session}`: {value} happens twice in {zone}; add the offset ({offsets}) to choose",
        id: "sesi `{session}`: {value} terjadi dua kali di {zone}; tambahkan offset ({offsets}) untuk memilih",
    },
    ErrorSpec {
        code: "schedule.offset_mismatch",
        params: &["session", "value", "zone"],
        en: "session `{session}`: the offset of `{value}` is not the offset of {zone} at that time",
        id: "sesi `{session}`: offset `{value}` bukan offset {zone} pada waktu itu",
    },
    ErrorSpec {
        code: "schedule.end_not_after_start",
        params: &["session"],
        en: "session `{session}` ends at or before its start",
        id: "sesi `{session}` berakhir pada atau sebelum waktu mulainya",
    },
    ErrorSpec {
        code: "schedule.invalid_recurrence",
        params: &["problem", "recurrence"],
        en: "recurrence `{recurrence}`: {problem}",
        id: "pengulangan `{recurrence}`: {problem}",
    },
    ErrorSpec {
        code: "identity.invalid_nip",
        params: &["problem", "value"],
        en: "NIP `{value}` is invalid: {problem}",
        id: "NIP `{value}` tidak valid: {problem}",
    },
    ErrorSpec {
        code: "identity.invalid_nik",
        params: &["problem", "value"],
        en: "NIK `{value}` is invalid: {problem}",
        id: "NIK `{value}` tidak valid: {problem}",
    },
    ErrorSpec {
        code: "attendance.unknown_participant",
        params: &["mark", "participant"],
        en: "mark #{mark}: participant `{participant}` is not in the course",
        id: "presensi #{mark}: peserta `{participant}` tidak terdaftar di pelatihan",
    },
    ErrorSpec {
        code: "attendance.unknown_session",
        params: &["mark", "session"],
        en: "mark #{mark}: session `{session}` is not in the course",
        id: "presensi #{mark}: sesi `{session}` tidak ada di pelatihan",
    },
    ErrorSpec {
        code: "attendance.unknown_status",
        params: &["mark", "status"],
        en: "mark #{mark}: status `{status}` is unknown",
        id: "presensi #{mark}: status `{status}` tidak dikenal",
    },
    ErrorSpec {
        code: "attendance.invalid_timestamp",
        params: &["mark", "value"],
        en: "mark #{mark}: `{value}` is not an RFC 3339 timestamp with offset",
        id: "presensi #{mark}: `{value}` bukan waktu RFC 3339 dengan offset",
    },
    ErrorSpec {
        code: "attendance.missing_status",
        params: &["mark"],
        en: "mark #{mark} has neither a status nor a check-in",
        id: "presensi #{mark} tidak memiliki status maupun waktu masuk",
    },
    ErrorSpec {
        code: "attendance.conflicting_mark",
        params: &["mark"],
        en: "mark #{mark} has both a status and check-in times; give one",
        id: "presensi #{mark} memiliki status dan waktu masuk sekaligus; pilih salah satu",
    },
    ErrorSpec {
        code: "attendance.check_out_before_check_in",
        params: &["mark"],
        en: "mark #{mark}: check-out is before check-in",
        id: "presensi #{mark}: waktu keluar sebelum waktu masuk",
    },
    ErrorSpec {
        code: "attendance.check_in_outside_window",
        params: &["check_in", "mark", "participant", "session"],
        en: "mark #{mark}: check-in {check_in} of `{participant}` is outside the window of session `{session}`",
        id: "presensi #{mark}: waktu masuk {check_in} peserta `{participant}` di luar jendela sesi `{session}`",
    },
    ErrorSpec {
        code: "attendance.duplicate_mark",
        params: &["count", "participant", "session"],
        en: "participant `{participant}` has {count} marks for session `{session}`",
        id: "peserta `{participant}` memiliki {count} presensi untuk sesi `{session}`",
    },
    ErrorSpec {
        code: "attendance.mark_not_applicable",
        params: &["mark", "participant", "session"],
        en: "mark #{mark}: session `{session}` is before the enrolment of `{participant}`; the mark does not count",
        id: "presensi #{mark}: sesi `{session}` sebelum pendaftaran peserta `{participant}`; presensi tidak dihitung",
    },
    ErrorSpec {
        code: "attendance.sheet_mismatch",
        params: &["expected_participants", "expected_sessions", "participants", "sessions"],
        en: "the sheet has {participants} participants x {sessions} sessions; this course has {expected_participants} x {expected_sessions}",
        id: "lembar presensi berisi {participants} peserta x {sessions} sesi; pelatihan ini {expected_participants} x {expected_sessions}",
    },
    ErrorSpec {
        code: "attendance.invalid_sheet",
        params: &["column", "line", "problem", "value", "worksheet"],
        en: "attendance sheet[ `{worksheet}`], line {line}[, column `{column}`]: {problem}[ (`{value}`)]",
        id: "lembar kehadiran[ `{worksheet}`], baris {line}[, kolom `{column}`]: {problem}[ (`{value}`)]",
    },
    ErrorSpec {
        code: "policy.unsupported_version",
        params: &["version"],
        en: "policy version {version} is not supported (this library reads version 1)",
        id: "versi kebijakan {version} tidak didukung (pustaka ini membaca versi 1)",
    },
    ErrorSpec {
        code: "policy.invalid_percent",
        params: &["field", "value"],
        en: "`{field}` must be a percentage from 0 to 100, got {value}",
        id: "`{field}` harus persentase 0 sampai 100, bukan {value}",
    },
    ErrorSpec {
        code: "policy.invalid_credit",
        params: &["field", "value"],
        en: "`{field}` must be a credit from 0 to 1, got {value}",
        id: "`{field}` harus bobot 0 sampai 1, bukan {value}",
    },
    ErrorSpec {
        code: "policy.unknown_session",
        params: &["session"],
        en: "the policy names session `{session}`, which is not in the course",
        id: "kebijakan menyebut sesi `{session}` yang tidak ada di pelatihan",
    },
    ErrorSpec {
        code: "policy.invalid_status",
        params: &["problem", "status"],
        en: "status `{status}`: {problem}",
        id: "status buatan `{status}` tidak dapat dipakai: {problem}",
    },
    ErrorSpec {
        code: "policy.invalid_late_rule",
        params: &["problem"],
        en: "late rule: {problem}",
        id: "aturan keterlambatan: {problem}",
    },
    ErrorSpec {
        code: "policy.invalid_bands",
        params: &["band", "problem"],
        en: "qualification bands: {problem}[ (`{band}`)]",
        id: "predikat kelulusan: {problem}[ (`{band}`)]",
    },
    ErrorSpec {
        code: "policy.invalid_window",
        params: &["field", "max", "value"],
        en: "`{field}` must be from 0 to {max} minutes, got {value}",
        id: "`{field}` harus 0 sampai {max} menit, bukan {value}",
    },
    ErrorSpec {
        code: "policy.invalid_document_floor",
        params: &["floor", "minimum"],
        en: "document floor {floor}% must not exceed the minimum {minimum}%",
        id: "batas dokumen {floor}% tidak boleh melebihi syarat minimum {minimum}%",
    },
    ErrorSpec {
        code: "assessment.unknown_participant",
        params: &["participant"],
        en: "score for `{participant}`, who is not in the course",
        id: "nilai untuk `{participant}` yang tidak terdaftar di pelatihan",
    },
    ErrorSpec {
        code: "assessment.invalid_score",
        params: &["maximum", "participant", "value"],
        en: "score {value} of `{participant}` is outside 0..={maximum}",
        id: "nilai {value} peserta `{participant}` di luar rentang 0..={maximum}",
    },
    ErrorSpec {
        code: "assessment.duplicate_score",
        params: &["participant"],
        en: "participant `{participant}` has more than one score",
        id: "peserta `{participant}` memiliki lebih dari satu nilai",
    },
    ErrorSpec {
        code: "assessment.invalid_components",
        params: &["component", "participant", "problem"],
        en: "participant `{participant}`: component scores: {problem}[ (`{component}`)]",
        id: "peserta `{participant}`: nilai komponen: {problem}[ (`{component}`)]",
    },
    ErrorSpec {
        code: "assessment.invalid_sheet",
        params: &["column", "line", "problem", "value", "worksheet"],
        en: "scores sheet[ `{worksheet}`], line {line}[, column `{column}`]: {problem}[ (`{value}`)]",
        id: "lembar nilai[ `{worksheet}`], baris {line}[, kolom `{column}`]: {problem}[ (`{value}`)]",
    },
    ErrorSpec {
        code: "ledger.invalid_jp",
        params: &["entry", "value"],
        en: "ledger entry #{entry}: JP must not be negative, got {value}",
        id: "entri buku JP #{entry}: JP tidak boleh negatif, bukan {value}",
    },
    ErrorSpec {
        code: "ledger.duplicate_entry",
        params: &["course", "entry", "nip"],
        en: "ledger entry #{entry}: course `{course}` is already counted for NIP {nip}",
        id: "entri buku JP #{entry}: pelatihan `{course}` sudah dihitung untuk NIP {nip}",
    },
    ErrorSpec {
        code: "numbering.invalid_template",
        params: &["problem", "template"],
        en: "numbering template `{template}`: {problem}",
        id: "templat penomoran `{template}`: {problem}",
    },
    ErrorSpec {
        code: "numbering.counter_overflow",
        params: &["unit", "year"],
        en: "the counter of unit `{unit}` for {year} cannot go higher",
        id: "nomor urut unit `{unit}` tahun {year} tidak dapat naik lagi",
    },
    ErrorSpec {
        code: "certificate.no_document",
        params: &["outcome", "participant"],
        en: "participant `{participant}` gets no document (outcome `{outcome}`)",
        id: "peserta `{participant}` tidak mendapat dokumen (hasil `{outcome}`)",
    },
    ErrorSpec {
        code: "certificate.course_not_ended",
        params: &["as_of", "course", "ends_at"],
        en: "course `{course}` is still running at {as_of}: its last session ends at {ends_at}; issue after it, or ask for early issuance",
        id: "pelatihan `{course}` masih berlangsung pada {as_of}: sesi terakhirnya berakhir {ends_at}; terbitkan setelahnya, atau minta penerbitan lebih awal",
    },
    ErrorSpec {
        code: "certificate.invalid_settings",
        params: &["field", "problem"],
        en: "issuance setting `{field}`: {problem}",
        id: "pengaturan penerbitan `{field}`: {problem}",
    },
    ErrorSpec {
        code: "register.invalid",
        params: &["at", "problem"],
        en: "the issuance register is inconsistent: {problem}[ (`{at}`)]",
        id: "register penerbitan tidak konsisten: {problem}[ (`{at}`)]",
    },
    ErrorSpec {
        code: "register.content_changed",
        params: &["certificate", "participant"],
        en: "certificate {certificate} of `{participant}` was issued with other content; re-issue it to replace it",
        id: "sertifikat {certificate} milik `{participant}` diterbitkan dengan isi lain; terbitkan ulang untuk menggantinya",
    },
    ErrorSpec {
        code: "register.unknown_certificate",
        params: &["certificate"],
        en: "certificate `{certificate}` is not in the register",
        id: "sertifikat `{certificate}` tidak ada di register",
    },
    ErrorSpec {
        code: "register.invalid_transition",
        params: &["certificate", "from", "to"],
        en: "certificate `{certificate}` is {from}; it cannot become {to}",
        id: "sertifikat `{certificate}` berstatus {from}; tidak dapat menjadi {to}",
    },
    ErrorSpec {
        code: "register.status_list_full",
        params: &["size"],
        en: "the status list has no free index (size {size})",
        id: "daftar status tidak memiliki indeks kosong (ukuran {size})",
    },
    ErrorSpec {
        code: "signing.invalid_key",
        params: &["problem"],
        en: "signing key: {problem}",
        id: "kunci penandatangan: {problem}",
    },
    ErrorSpec {
        code: "credential.invalid",
        params: &["problem"],
        en: "credential: {problem}",
        id: "kredensial: {problem}",
    },
    ErrorSpec {
        code: "status_list.invalid",
        params: &["list", "problem"],
        en: "status list `{list}`: {problem}",
        id: "daftar status `{list}`: {problem}",
    },
    ErrorSpec {
        code: "document.invalid",
        params: &["problem", "message"],
        en: "document: {problem}[ ({message})]",
        id: "dokumen: {problem}[ ({message})]",
    },
    ErrorSpec {
        code: "internal.error",
        params: &["message"],
        en: "internal error: {message}",
        id: "kesalahan internal: {message}",
    },
];

/// The codes of [`CATALOGUE`], in its order.
pub const fn codes<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = CATALOGUE[i].code;
        i += 1;
    }
    out
}
