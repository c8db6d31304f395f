//! Errors: one enum for the whole crate, each variant with a stable machine code, details
//! and a message in Indonesian and English.

pub mod catalogue;

use serde::{Deserialize, Serialize};

pub use catalogue::{Area, ErrorSpec, AREAS, CATALOGUE};
use serde_json::{json, Map, Value};

/// The language of human messages. Codes stay English whatever the language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// `id` or `en`; anything else is refused (`request.invalid_shape`), never taken for
    /// one of them.
    pub fn parse(code: &str) -> Result<Lang, TamatError> {
        match code {
            "id" => Ok(Lang::Id),
            "en" => Ok(Lang::En),
            other => Err(TamatError::InvalidShape {
                message: format!("`lang`: expected \"id\" or \"en\", not \"{other}\""),
            }),
        }
    }

    /// The decimal separator people expect: a comma in Indonesian, a point in English.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::Id => ',',
            Lang::En => '.',
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Localized {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// Every error code the crate can produce: the codes of [`CATALOGUE`], in its order.
/// Bindings and documentation list the same codes (`tests/error-codes.json`).
pub const ERROR_CODES: &[&str] = &catalogue::codes::<{ CATALOGUE.len() }>();

/// Problem codes of the errors that say which rule a value breaks (`details.problem`), with
/// their text in English and Indonesian.
pub const PROBLEM_TEXTS: &[(&str, &str, &str)] = &[
    (
        "digits_only",
        "only digits (and spaces) are allowed",
        "hanya boleh berisi angka (dan spasi)",
    ),
    ("nip_length", "must have 18 digits", "harus terdiri dari 18 digit"),
    (
        "birth_date",
        "digits 1-8 must be a real birth date YYYYMMDD",
        "digit 1-8 harus tanggal lahir yang ada (YYYYMMDD)",
    ),
    (
        "start_year",
        "digits 9-12 (start year) must be after the birth year",
        "digit 9-12 (tahun mulai) harus setelah tahun lahir",
    ),
    (
        "start_code",
        "digits 13-14 must be a month 01-12 (PNS) or a PPPK code above 12",
        "digit 13-14 harus bulan 01-12 (PNS) atau kode PPPK di atas 12",
    ),
    (
        "gender",
        "digit 15 (gender) must be 1 or 2",
        "digit 15 (jenis kelamin) harus 1 atau 2",
    ),
    (
        "nip_sequence",
        "digits 16-18 (sequence) must be 001-999",
        "digit 16-18 (nomor urut) harus 001-999",
    ),
    ("nik_length", "must have 16 digits", "harus terdiri dari 16 digit"),
    (
        "province",
        "digits 1-2 must be a province code 11-99",
        "digit 1-2 harus kode provinsi 11-99",
    ),
    (
        "nik_birth_date",
        "digits 7-12 must be a birth date DDMMYY (day + 40 for women)",
        "digit 7-12 harus tanggal lahir DDMMYY (tanggal + 40 untuk perempuan)",
    ),
    (
        "nik_sequence",
        "digits 13-16 (sequence) must not be 0000",
        "digit 13-16 (nomor urut) tidak boleh 0000",
    ),
    (
        "no_weekdays",
        "needs at least one weekday",
        "perlu sedikitnya satu hari",
    ),
    (
        "count_or_until",
        "give exactly one of `count` and `until`",
        "isi salah satu dari `count` atau `until`",
    ),
    ("count_zero", "`count` must be at least 1", "`count` harus sedikitnya 1"),
    (
        "weights_not_100",
        "the component weights must add up to 100",
        "bobot komponen harus berjumlah 100",
    ),
    ("weight_not_positive", "a component weight must be above 0", "bobot komponen harus di atas 0"),
    ("empty_component_name", "a component needs a name", "komponen memerlukan nama"),
    ("duplicate_component", "a component is named twice", "komponen disebut dua kali"),
    ("missing_component", "a component has no score", "komponen belum memiliki nilai"),
    ("unknown_component", "not a component of the policy", "bukan komponen kebijakan"),
    (
        "no_components_in_policy",
        "the policy has no components",
        "kebijakan tidak memiliki komponen",
    ),
    (
        "score_and_components",
        "give a score or component scores, not both",
        "berikan nilai atau nilai komponen, bukan keduanya",
    ),
    ("component_out_of_range", "a component score is out of range", "nilai komponen di luar rentang"),
    (
        "exception_not_in_recurrence",
        "an exception date is not a date of the recurrence",
        "tanggal pengecualian bukan tanggal dari pengulangan",
    ),
    (
        "more_titles_than_sessions",
        "more titles than sessions",
        "judul lebih banyak daripada sesi",
    ),
    (
        "until_before_from",
        "`until` is before `from`",
        "`until` lebih awal dari `from`",
    ),
    (
        "too_many_sessions",
        "generates more than 1000 sessions",
        "menghasilkan lebih dari 1000 sesi",
    ),
    (
        "date_overflow",
        "runs past the last representable date",
        "melewati tanggal terakhir yang dapat dinyatakan",
    ),
    (
        "start_time",
        "`start_time` must be HH:MM",
        "`start_time` harus berbentuk JJ:MM",
    ),
    (
        "end_time",
        "`end_time` must be HH:MM",
        "`end_time` harus berbentuk JJ:MM",
    ),
    (
        "too_many_statuses",
        "at most 200 statuses may be defined",
        "paling banyak 200 status dapat didefinisikan",
    ),
    ("empty_code", "the code is empty", "kodenya kosong"),
    (
        "builtin_word",
        "the code is a built-in status word",
        "kodenya sudah dipakai status bawaan",
    ),
    (
        "defined_twice",
        "the code is defined twice",
        "kodenya didefinisikan dua kali",
    ),
    (
        "credit_or_excluded",
        "give exactly one of `credit` and `excluded: true`",
        "isi salah satu dari `credit` atau `excluded: true`",
    ),
    ("lates_zero", "`lates` must be at least 1", "`lates` harus sedikitnya 1"),
    (
        "preset_and_bands",
        "give `preset` or `bands`, not both",
        "isi `preset` atau `bands`, bukan keduanya",
    ),
    (
        "maximum_not_positive",
        "`maximum_score` must be positive",
        "`maximum_score` harus positif",
    ),
    (
        "minimum_out_of_range",
        "`minimum_score` must be between 0 and `maximum_score`",
        "`minimum_score` harus antara 0 dan `maximum_score`",
    ),
    ("empty_band_name", "a band has an empty name", "ada predikat tanpa nama"),
    (
        "band_out_of_range",
        "a band starts outside 0..=maximum_score",
        "ada predikat yang dimulai di luar 0..=maximum_score",
    ),
    (
        "duplicate_band_start",
        "two bands start at the same score",
        "dua predikat dimulai pada nilai yang sama",
    ),
    (
        "missing_counter",
        "needs the running number `{N}`",
        "harus memuat nomor urut `{N}`",
    ),
    (
        "repeated_counter",
        "may contain `{N}` only once",
        "hanya boleh memuat `{N}` satu kali",
    ),
    (
        "unknown_placeholder",
        "knows only `{N}`, `{y}`, `{m}`, `{mr}` and `{unit}` (write `{{` and `}}` for braces)",
        "hanya mengenal `{N}`, `{y}`, `{m}`, `{mr}` dan `{unit}` (tulis `{{` dan `}}` untuk kurung kurawal)",
    ),
    (
        "unclosed_brace",
        "has a `{` without its `}`",
        "memuat `{` tanpa pasangan `}`",
    ),
    ("stray_brace", "has a `}` without its `{`", "memuat `}` tanpa pasangan `{`"),
    (
        "same_as_main",
        "the surat keterangan template must differ from the main one, or both series would write the same numbers",
        "templat surat keterangan harus berbeda dari templat utama, agar kedua seri tidak menulis nomor yang sama",
    ),
    (
        "number_taken",
        "writes a number already issued by this unit (add `{y}` when counters run per year)",
        "menulis nomor yang sudah pernah diterbitkan unit ini (tambahkan `{y}` bila nomor urut berjalan per tahun)",
    ),
    (
        "invalid_width",
        "`width` must be from 1 to 12",
        "`width` harus 1 sampai 12",
    ),
    (
        "invalid_start",
        "`start` must be at least 1",
        "`start` harus sedikitnya 1",
    ),
    (
        "status_list_size",
        "must be a multiple of 8 from 131072 to 134217728 entries",
        "harus kelipatan 8 dari 131072 sampai 134217728 entri",
    ),
    (
        "id_placeholder",
        "must contain `{id}`",
        "harus memuat `{id}`",
    ),
    ("empty_value", "must not be empty", "tidak boleh kosong"),
    ("pdf_unreadable", "not a readable PDF", "bukan PDF yang dapat dibaca"),
    (
        "no_credential",
        "the PDF carries no signed credential",
        "PDF ini tidak memuat kredensial bertanda tangan",
    ),
    ("pdf_write", "the PDF could not be written", "PDF tidak dapat dibuat"),
    (
        "pdf_not_in_build",
        "this build reads no PDF (the small WebAssembly build): use the full package",
        "build ini tidak membaca PDF (build WebAssembly kecil): gunakan paket lengkap",
    ),
    ("font", "not a usable TrueType or OpenType font", "bukan fon TrueType atau OpenType yang dapat dipakai"),
    ("colour", "must be a colour `#rrggbb`", "harus berupa warna `#rrggbb`"),
    (
        "picture",
        "must be a PNG or JPEG picture, base64, whose bytes match its media_type",
        "harus berupa gambar PNG atau JPEG dalam base64 yang isinya sesuai media_type",
    ),
    (
        "site_url",
        "must be a host and path, or an http(s) URL, without `#` or `?`",
        "harus berupa host dan path, atau URL http(s), tanpa `#` atau `?`",
    ),
    (
        "valid_until",
        "must be after the time of issue",
        "harus setelah waktu penerbitan",
    ),
    (
        "qr_too_long",
        "the verification URL is too long for a QR code",
        "URL verifikasi terlalu panjang untuk kode QR",
    ),
    (
        "course_mismatch",
        "the evaluation is of another course",
        "evaluasi ini untuk pelatihan lain",
    ),
    (
        "duplicate_id",
        "a certificate id appears twice",
        "ada id sertifikat yang muncul dua kali",
    ),
    (
        "duplicate_number",
        "a certificate number appears twice",
        "ada nomor sertifikat yang muncul dua kali",
    ),
    (
        "duplicate_index",
        "two certificates share a status list index",
        "dua sertifikat memakai indeks daftar status yang sama",
    ),
    (
        "duplicate_active",
        "a participant has two certificates in force for one course",
        "ada peserta dengan dua sertifikat berlaku untuk satu pelatihan",
    ),
    (
        "counter_behind",
        "a counter is behind a number already issued",
        "ada penghitung yang tertinggal dari nomor yang sudah terbit",
    ),
    (
        "unknown_link",
        "`supersedes` or `superseded_by` names a certificate that is not in the register",
        "`supersedes` atau `superseded_by` menyebut sertifikat yang tidak ada di register",
    ),
    (
        "index_out_of_range",
        "a status list index is outside the list",
        "ada indeks daftar status di luar daftar",
    ),
    (
        "register_version",
        "the register version is not supported (this library reads version 1)",
        "versi register tidak didukung (pustaka ini membaca versi 1)",
    ),
    (
        "seed_length",
        "an Ed25519 seed has exactly 32 bytes",
        "seed Ed25519 harus tepat 32 byte",
    ),
    (
        "key_encoding",
        "give the seed as 64 hex digits or as a `z3u2...` Multikey secret",
        "berikan seed sebagai 64 digit heksadesimal atau rahasia Multikey `z3u2...`",
    ),
    (
        "multikey_header",
        "is not an Ed25519 Multikey (`z6Mk...` public, `z3u2...` secret)",
        "bukan Multikey Ed25519 (`z6Mk...` publik, `z3u2...` rahasia)",
    ),
    (
        "public_key",
        "is not a valid Ed25519 public key",
        "bukan kunci publik Ed25519 yang valid",
    ),
    ("not_object", "must be a JSON object", "harus berupa objek JSON"),
    ("missing_proof", "has no `proof`", "tidak memiliki `proof`"),
    (
        "proof_shape",
        "`proof` must be an object with `type`, `cryptosuite`, `verificationMethod`, `proofPurpose` and `proofValue` strings",
        "`proof` harus objek dengan string `type`, `cryptosuite`, `verificationMethod`, `proofPurpose` dan `proofValue`",
    ),
    (
        "unsupported_cryptosuite",
        "only `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022` or `eddsa-rdfc-2022` is supported",
        "hanya `DataIntegrityProof` dengan cryptosuite `eddsa-jcs-2022` atau `eddsa-rdfc-2022` yang didukung",
    ),
    (
        "cryptosuites",
        "must name at least one cryptosuite (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), each once",
        "harus menyebut paling sedikit satu cryptosuite (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), masing-masing sekali",
    ),
    (
        "rdfc_unavailable",
        "has an `eddsa-rdfc-2022` proof, and this build of tamat has no RDF canonicaliser (feature `rdfc`): it is not checked, and so never valid",
        "memiliki bukti `eddsa-rdfc-2022`, dan build tamat ini tidak memiliki kanonikalisasi RDF (fitur `rdfc`): bukti tidak diperiksa, jadi tidak pernah sah",
    ),
    (
        "unknown_context",
        "names a JSON-LD context this verifier does not hold (contexts are bundled or given, never fetched)",
        "menyebut konteks JSON-LD yang tidak dimiliki pemeriksa ini (konteks dibundel atau diberikan, tidak pernah diunduh)",
    ),
    (
        "json_ld",
        "cannot be read as JSON-LD",
        "tidak dapat dibaca sebagai JSON-LD",
    ),
    (
        "undefined_term",
        "has a member or type that no JSON-LD context defines: an `eddsa-rdfc-2022` signature would not cover it",
        "memiliki anggota atau tipe yang tidak didefinisikan konteks JSON-LD mana pun: tanda tangan `eddsa-rdfc-2022` tidak akan mencakupnya",
    ),
    (
        "noncharacter",
        "holds U+FFFE or U+FFFF, which canonical N-Quads writers do not agree on",
        "memuat U+FFFE atau U+FFFF, yang tidak ditulis sama oleh penulis N-Quads kanonik",
    ),
    (
        "proof_purpose",
        "`proofPurpose` must be `assertionMethod`",
        "`proofPurpose` harus `assertionMethod`",
    ),
    (
        "invalid_dates",
        "`validFrom`, `validUntil` and `proof.created` must be RFC 3339 date-times",
        "`validFrom`, `validUntil` dan `proof.created` harus tanggal-waktu RFC 3339",
    ),
    (
        "status_entry",
        "`credentialStatus` must be BitstringStatusListEntry objects with `statusPurpose`, `statusListIndex` and `statusListCredential`",
        "`credentialStatus` harus objek BitstringStatusListEntry dengan `statusPurpose`, `statusListIndex` dan `statusListCredential`",
    ),
    (
        "status_message",
        "the status entry's value has no `statusMessage` this verifier understands (`valid`, `suspended`, `revoked`)",
        "nilai entri status tidak memiliki `statusMessage` yang dipahami pemeriksa ini (`valid`, `suspended`, `revoked`)",
    ),
    (
        "not_status_list",
        "is not a BitstringStatusListCredential with a BitstringStatusList subject",
        "bukan BitstringStatusListCredential dengan subjek BitstringStatusList",
    ),
    (
        "encoded_list",
        "`encodedList` must be gzip-compressed, base64url multibase (`u...`)",
        "`encodedList` harus terkompresi gzip dan multibase base64url (`u...`)",
    ),
    (
        "list_too_short",
        "the list must hold at least 131072 entries",
        "daftar harus memuat sedikitnya 131072 entri",
    ),
    ("empty_sheet", "the sheet is empty", "lembar kosong"),
    (
        "unclosed_quote",
        "a quoted field opens here and never closes",
        "ada kolom berkutip yang dibuka di sini dan tidak ditutup",
    ),
    (
        "malformed_row",
        "the row is not valid CSV",
        "baris bukan CSV yang valid",
    ),
    (
        "invalid_utf8",
        "is not UTF-8 text (save the sheet as CSV UTF-8)",
        "bukan teks UTF-8 (simpan lembar sebagai CSV UTF-8)",
    ),
    (
        "duplicate_column",
        "the column appears twice",
        "kolom muncul dua kali",
    ),
    (
        "missing_column",
        "a required column is missing (participant or nip; session and status or check_in in the long layout)",
        "kolom wajib tidak ada (participant atau nip; session dan status atau check_in pada bentuk panjang)",
    ),
    (
        "unknown_column",
        "is neither a session id of the course nor a known column",
        "bukan id sesi pelatihan maupun kolom yang dikenal",
    ),
    (
        "no_session_columns",
        "no column is a session of the course",
        "tidak ada kolom yang merupakan sesi pelatihan",
    ),
    (
        "extra_field",
        "the row has more fields than the header",
        "baris memiliki lebih banyak kolom daripada judul",
    ),
    (
        "unknown_nip",
        "no participant of the course has this NIP",
        "tidak ada peserta pelatihan dengan NIP ini",
    ),
    (
        "nip_as_number",
        "the NIP was turned into a number by a spreadsheet and its digits are lost: format the column as text and export again",
        "NIP diubah menjadi angka oleh spreadsheet dan digitnya hilang: format kolom sebagai teks lalu ekspor ulang",
    ),
    (
        "invalid_time",
        "not a time: RFC 3339 with an offset, or a local `DD/MM/YYYY HH:MM` or `YYYY-MM-DD HH:MM` in the course's zone",
        "bukan waktu: RFC 3339 dengan offset, atau waktu lokal `DD/MM/YYYY HH:MM` atau `YYYY-MM-DD HH:MM` di zona pelatihan",
    ),
    (
        "invalid_score",
        "not a score: a decimal such as `85.5` (or `85,5` in a sheet not separated by commas)",
        "bukan nilai: bilangan desimal seperti `85.5` (atau `85,5` pada lembar yang tidak dipisah koma)",
    ),
    (
        "invalid_workbook",
        "the file is not a workbook that can be read",
        "berkas bukan buku kerja yang dapat dibaca",
    ),
    (
        "unknown_worksheet",
        "the workbook has no worksheet of this name (its worksheets in parentheses)",
        "buku kerja tidak memiliki lembar kerja dengan nama ini (lembar kerjanya dalam kurung)",
    ),
    (
        "not_a_workbook",
        "a worksheet was named, but the file is CSV, not a workbook",
        "lembar kerja disebut, tetapi berkas ini CSV, bukan buku kerja",
    ),
    (
        "workbooks_not_built",
        "this build of tamat reads CSV only (feature `workbooks`)",
        "build tamat ini hanya membaca CSV (fitur `workbooks`)",
    ),
    (
        "not_a_meeting_report",
        "no header with join and leave columns (Zoom, Teams, Meet or a sheet of its own)",
        "tidak ada judul kolom waktu bergabung dan keluar (Zoom, Teams, Meet atau lembar sendiri)",
    ),
    (
        "invalid_report_time",
        "not a date and time as the report writes them (month or day first as `date_order` says; a time alone needs the meeting's `date`)",
        "bukan tanggal dan waktu seperti tulisan laporan (bulan atau hari di depan sesuai `date_order`; waktu tanpa tanggal memerlukan `date` rapat)",
    ),
    (
        "leave_before_join",
        "the leave time is before the join time",
        "waktu keluar sebelum waktu bergabung",
    ),
    (
        "invalid_utf16",
        "the file starts as UTF-16 but is not valid UTF-16",
        "berkas diawali sebagai UTF-16 tetapi bukan UTF-16 yang sah",
    ),
    (
        "not_a_moodle_export",
        "no header with `Last name` and `First name` (mod_attendance's export)",
        "tidak ada judul kolom `Last name` dan `First name` (ekspor mod_attendance)",
    ),
    (
        "unknown_session_column",
        "the column's start is no session of the course",
        "waktu mulai kolom ini bukan sesi pelatihan",
    ),
    (
        "unknown_acronym",
        "the acronym is not in `statuses`",
        "singkatan ini tidak ada di `statuses`",
    ),
    (
        "unknown_encoding",
        "the text is neither UTF-8 nor Windows-1252 (a NUL byte: UTF-16 without a byte-order mark, or no text; or a byte Windows-1252 leaves undefined): save it as UTF-8",
        "teks ini bukan UTF-8 maupun Windows-1252 (ada byte NUL: UTF-16 tanpa penanda urutan byte, atau bukan teks; atau byte yang tidak didefinisikan Windows-1252): simpan sebagai UTF-8",
    ),
    (
        "unknown_nik",
        "no participant of the course has this NIK",
        "tidak ada peserta pelatihan dengan NIK ini",
    ),
    (
        "nik_as_number",
        "the NIK was turned into a number by a spreadsheet and its digits are lost: format the column as text and export again",
        "NIK diubah menjadi angka oleh spreadsheet dan digitnya hilang: format kolom sebagai teks lalu ekspor ulang",
    ),
    (
        "cell_error",
        "the cell holds a spreadsheet error or a duration, not a value",
        "sel berisi galat spreadsheet atau durasi, bukan nilai",
    ),
    (
        "empty_participant",
        "the participant is empty",
        "peserta kosong",
    ),
    ("empty_session", "the session is empty", "sesi kosong"),
    (
        "empty_status",
        "the row has neither a status nor a check-in",
        "baris tidak memiliki status maupun jam masuk",
    ),
    (
        "list_signature",
        "the status list's proof does not verify with a trusted key",
        "bukti daftar status tidak valid dengan kunci tepercaya",
    ),
    (
        "list_dates",
        "the status list's `validUntil` must be an RFC 3339 date-time",
        "`validUntil` daftar status harus tanggal-waktu RFC 3339",
    ),
];

/// The text of a problem code; the code itself when it is not in [`PROBLEM_TEXTS`].
pub fn problem_text(code: &str, lang: Lang) -> &str {
    match PROBLEM_TEXTS.iter().find(|(c, _, _)| *c == code) {
        Some((_, en, _)) if lang == Lang::En => en,
        Some((_, _, id)) => id,
        None => code,
    }
}

/// A coded error. `Display` gives the English message; [`TamatError::message`] either
/// language; [`TamatError::code`] the stable code; [`TamatError::details`] the parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TamatError {
    /// The text is not JSON.
    InvalidJson {
        /// The parser's message, with line and column.
        message: String,
    },
    /// The JSON does not have the expected shape (missing or unknown field, wrong type).
    InvalidShape {
        /// What was wrong and where.
        message: String,
    },
    /// A decimal (a percentage, a score, a JP count) that is not one: not a number, or
    /// more than four decimal places.
    InvalidDecimal {
        /// What was wrong and where.
        message: String,
    },
    /// A row or cell of a CSV attendance sheet that cannot be read.
    InvalidSheet {
        /// 1-based line.
        line: u64,
        /// The column header (or `#n`), empty for the whole row.
        column: String,
        /// Problem code (see [`PROBLEM_TEXTS`]).
        problem: &'static str,
        /// The cell's text (cut at 80 characters).
        value: String,
        /// The worksheet of a workbook, empty for CSV.
        worksheet: String,
    },
    /// A row or cell of a CSV scores sheet that cannot be read (the same problems as
    /// [`TamatError::InvalidSheet`]).
    InvalidScoreSheet {
        /// 1-based line.
        line: u64,
        /// The column header (or `#n`), empty for the whole row.
        column: String,
        /// Problem code (see [`PROBLEM_TEXTS`]).
        problem: &'static str,
        /// The cell's text (cut at 80 characters).
        value: String,
        /// The worksheet of a workbook, empty for CSV.
        worksheet: String,
    },
    /// `as_of` is not an RFC 3339 timestamp with an offset.
    InvalidAsOf {
        /// The value given.
        value: String,
    },
    /// A binding received a date-time without a time zone (a naive Python `datetime`),
    /// which names no instant. JSON input never produces it: there a local time is read
    /// in the course's zone.
    NaiveDateTime {
        /// Where in the input, e.g. `attendance[3].check_in`.
        path: String,
        /// The value as written.
        value: String,
    },
    /// The participant asked for is not in the course.
    UnknownRequestedParticipant {
        /// The id asked for.
        participant: String,
    },
    /// Not an IANA time zone name, or (in a build that carries some zones only, see
    /// `zone-filter`) not one this build carries.
    InvalidTimeZone {
        /// The name given.
        zone: String,
        /// The zones this build carries when it carries only some (the small
        /// WebAssembly package), else empty (and absent from the details).
        carried: String,
    },
    /// The length of one JP is outside 1..=240 minutes.
    InvalidJpMinutes {
        /// The value given.
        value: u32,
    },
    /// Two sessions share an id.
    DuplicateSession {
        /// The id.
        session: String,
    },
    /// Two participants share an id.
    DuplicateParticipant {
        /// The id.
        participant: String,
    },
    /// An id is empty.
    EmptyId {
        /// `course`, `session`, `participant` or `recurrence`.
        what: &'static str,
    },
    /// A local time is not `YYYY-MM-DDTHH:MM[:SS]` (optionally with an offset).
    InvalidLocalTime {
        /// The session.
        session: String,
        /// The value given.
        value: String,
    },
    /// A local time falls in a daylight-saving gap.
    NonexistentLocalTime {
        /// The session.
        session: String,
        /// The local time.
        value: String,
        /// The zone.
        zone: String,
    },
    /// A local time happens twice (clocks go back); an explicit offset chooses one.
    AmbiguousLocalTime {
        /// The session.
        session: String,
        /// The local time.
        value: String,
        /// The zone.
        zone: String,
        /// The two possible offsets, comma separated.
        offsets: String,
    },
    /// A time given with an offset that the zone does not have at that moment.
    OffsetMismatch {
        /// The session.
        session: String,
        /// The value given.
        value: String,
        /// The zone.
        zone: String,
    },
    /// A session ends at or before its start.
    EndNotAfterStart {
        /// The session.
        session: String,
    },
    /// A recurrence rule cannot generate sessions.
    InvalidRecurrence {
        /// The recurrence's id prefix.
        recurrence: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A NIP that is not a valid civil-servant number.
    InvalidNip {
        /// The value given.
        value: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A NIK that is not a valid national id number.
    InvalidNik {
        /// The value given.
        value: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A mark names a participant that is not in the course.
    UnknownParticipant {
        /// The participant id given.
        participant: String,
        /// The mark's position in the input (0-based).
        mark: usize,
    },
    /// A mark names a session that is not in the course.
    UnknownSession {
        /// The session id given.
        session: String,
        /// The mark's position in the input (0-based).
        mark: usize,
    },
    /// A status that is neither built in nor defined by the policy.
    UnknownStatus {
        /// The status given.
        status: String,
        /// The mark's position.
        mark: usize,
    },
    /// A check-in or check-out that is not RFC 3339 with an offset.
    InvalidTimestamp {
        /// The value given.
        value: String,
        /// The mark's position.
        mark: usize,
    },
    /// A mark with neither a status nor a check-in.
    MissingStatus {
        /// The mark's position.
        mark: usize,
    },
    /// A mark with both a status and check-in times.
    ConflictingMark {
        /// The mark's position.
        mark: usize,
    },
    /// A check-out before the check-in.
    CheckOutBeforeCheckIn {
        /// The mark's position.
        mark: usize,
    },
    /// A check-in outside the session's window.
    CheckInOutsideWindow {
        /// The participant.
        participant: String,
        /// The session.
        session: String,
        /// The check-in.
        check_in: String,
        /// The mark's position.
        mark: usize,
    },
    /// More than one mark for the same participant and session (policy `duplicates: error`).
    DuplicateMark {
        /// The participant.
        participant: String,
        /// The session.
        session: String,
        /// How many marks.
        count: usize,
    },
    /// A mark for a session before the participant's enrolment (a warning: the session
    /// is not applicable and the mark does not count).
    MarkNotApplicable {
        /// The participant.
        participant: String,
        /// The session.
        session: String,
        /// The mark's position.
        mark: usize,
    },
    /// An attendance sheet built for another course (Rust API only).
    SheetMismatch {
        /// The sheet's participants.
        participants: usize,
        /// The sheet's sessions.
        sessions: usize,
        /// The course's participants.
        expected_participants: usize,
        /// The course's sessions.
        expected_sessions: usize,
    },
    /// A policy version this library does not know.
    UnsupportedPolicyVersion {
        /// The version given.
        version: u32,
    },
    /// A percentage outside 0..=100.
    InvalidPercent {
        /// The policy field.
        field: String,
        /// The value given.
        value: String,
    },
    /// A credit outside 0..=1.
    InvalidCredit {
        /// The policy field.
        field: String,
        /// The value given.
        value: String,
    },
    /// The policy names a session that is not in the course.
    PolicyUnknownSession {
        /// The session id.
        session: String,
    },
    /// A user-defined status that cannot be used.
    InvalidStatus {
        /// The status code.
        status: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A late rule that cannot be applied.
    InvalidLateRule {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// Qualification bands that cannot be applied.
    InvalidBands {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
        /// The band concerned, if one.
        band: String,
    },
    /// A check-in window setting out of range.
    InvalidWindow {
        /// The policy field.
        field: String,
        /// The value given.
        value: u32,
        /// The largest value allowed.
        max: u32,
    },
    /// The no-document floor is above the minimum.
    InvalidDocumentFloor {
        /// The floor.
        floor: String,
        /// The minimum.
        minimum: String,
    },
    /// A score for a participant who is not in the course.
    ScoreUnknownParticipant {
        /// The participant id.
        participant: String,
    },
    /// A score outside 0..=maximum.
    InvalidScore {
        /// The participant.
        participant: String,
        /// The value given.
        value: String,
        /// The maximum score.
        maximum: String,
    },
    /// Two scores for one participant.
    DuplicateScore {
        /// The participant.
        participant: String,
    },
    /// A participant's component scores that do not match the policy's components.
    InvalidComponents {
        /// The participant.
        participant: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
        /// The component concerned, if one.
        component: String,
    },
    /// A ledger entry with negative JP.
    InvalidLedgerJp {
        /// The entry's position.
        entry: usize,
        /// The value given.
        value: String,
    },
    /// A numbering template that cannot number certificates.
    InvalidNumberTemplate {
        /// The template.
        template: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A running number would pass the largest number this library counts to.
    CounterOverflow {
        /// The issuing unit.
        unit: String,
        /// The year.
        year: i32,
    },
    /// A certificate was asked for a participant whose outcome gets no document.
    NoDocument {
        /// The participant.
        participant: String,
        /// The outcome code.
        outcome: String,
    },
    /// Issuing was asked as of a moment before the course's last session ends (without
    /// `early`): documents would be signed for attendance that is not complete.
    CourseNotEnded {
        /// The course.
        course: String,
        /// When its last session ends (RFC 3339).
        ends_at: String,
        /// The moment of the request (RFC 3339).
        as_of: String,
    },
    /// An issuance setting that cannot be used.
    InvalidIssuanceSetting {
        /// The setting.
        field: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// An issuance register that contradicts itself.
    InvalidRegister {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
        /// The certificate or counter concerned.
        at: String,
    },
    /// Issuing again would change a certificate already issued.
    ContentChanged {
        /// The certificate in force.
        certificate: String,
        /// The participant.
        participant: String,
    },
    /// A certificate id the register does not hold.
    UnknownCertificate {
        /// The id given.
        certificate: String,
    },
    /// A status change that the certificate's state does not allow.
    InvalidTransition {
        /// The certificate.
        certificate: String,
        /// Its state.
        from: String,
        /// The state asked for.
        to: String,
    },
    /// Every index of the status list is taken.
    StatusListFull {
        /// The list's size.
        size: u64,
    },
    /// A signing key that cannot be read.
    InvalidKey {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A credential that cannot be checked at all.
    InvalidCredential {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A status list credential that cannot be used.
    InvalidStatusList {
        /// The list's id (empty when it has none).
        list: String,
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
    },
    /// A printed document (PDF) that cannot be written or read, or carries no credential.
    InvalidDocument {
        /// Stable problem code (see `PROBLEM_TEXTS`).
        problem: &'static str,
        /// What the PDF library said (empty when nothing more is known).
        message: String,
    },
    /// A defect in this library (a caught panic). Please report it with the input.
    Internal {
        /// What went wrong.
        message: String,
    },
    /// The same course twice for one NIP.
    DuplicateLedgerEntry {
        /// The NIP.
        nip: String,
        /// The course.
        course: String,
        /// The entry's position.
        entry: usize,
    },
}

impl TamatError {
    /// The stable machine code, e.g. `attendance.unknown_session`.
    pub fn code(&self) -> &'static str {
        use TamatError::*;
        match self {
            InvalidJson { .. } => "request.invalid_json",
            InvalidShape { .. } => "request.invalid_shape",
            InvalidDecimal { .. } => "request.invalid_decimal",
            InvalidAsOf { .. } => "request.invalid_as_of",
            NaiveDateTime { .. } => "request.naive_datetime",
            InvalidSheet { .. } => "attendance.invalid_sheet",
            UnknownRequestedParticipant { .. } => "request.unknown_participant",
            InvalidTimeZone { .. } => "course.invalid_time_zone",
            InvalidJpMinutes { .. } => "course.invalid_jp_minutes",
            DuplicateSession { .. } => "course.duplicate_session",
            DuplicateParticipant { .. } => "course.duplicate_participant",
            EmptyId { .. } => "course.empty_id",
            InvalidLocalTime { .. } => "schedule.invalid_local_time",
            NonexistentLocalTime { .. } => "schedule.nonexistent_local_time",
            AmbiguousLocalTime { .. } => "schedule.ambiguous_local_time",
            OffsetMismatch { .. } => "schedule.offset_mismatch",
            EndNotAfterStart { .. } => "schedule.end_not_after_start",
            InvalidRecurrence { .. } => "schedule.invalid_recurrence",
            InvalidNip { .. } => "identity.invalid_nip",
            InvalidNik { .. } => "identity.invalid_nik",
            UnknownParticipant { .. } => "attendance.unknown_participant",
            UnknownSession { .. } => "attendance.unknown_session",
            UnknownStatus { .. } => "attendance.unknown_status",
            InvalidTimestamp { .. } => "attendance.invalid_timestamp",
            MissingStatus { .. } => "attendance.missing_status",
            ConflictingMark { .. } => "attendance.conflicting_mark",
            CheckOutBeforeCheckIn { .. } => "attendance.check_out_before_check_in",
            CheckInOutsideWindow { .. } => "attendance.check_in_outside_window",
            DuplicateMark { .. } => "attendance.duplicate_mark",
            MarkNotApplicable { .. } => "attendance.mark_not_applicable",
            SheetMismatch { .. } => "attendance.sheet_mismatch",
            UnsupportedPolicyVersion { .. } => "policy.unsupported_version",
            InvalidPercent { .. } => "policy.invalid_percent",
            InvalidCredit { .. } => "policy.invalid_credit",
            PolicyUnknownSession { .. } => "policy.unknown_session",
            InvalidStatus { .. } => "policy.invalid_status",
            InvalidLateRule { .. } => "policy.invalid_late_rule",
            InvalidBands { .. } => "policy.invalid_bands",
            InvalidWindow { .. } => "policy.invalid_window",
            InvalidDocumentFloor { .. } => "policy.invalid_document_floor",
            ScoreUnknownParticipant { .. } => "assessment.unknown_participant",
            InvalidScore { .. } => "assessment.invalid_score",
            DuplicateScore { .. } => "assessment.duplicate_score",
            InvalidComponents { .. } => "assessment.invalid_components",
            InvalidScoreSheet { .. } => "assessment.invalid_sheet",
            InvalidLedgerJp { .. } => "ledger.invalid_jp",
            DuplicateLedgerEntry { .. } => "ledger.duplicate_entry",
            InvalidNumberTemplate { .. } => "numbering.invalid_template",
            CounterOverflow { .. } => "numbering.counter_overflow",
            NoDocument { .. } => "certificate.no_document",
            CourseNotEnded { .. } => "certificate.course_not_ended",
            InvalidIssuanceSetting { .. } => "certificate.invalid_settings",
            InvalidRegister { .. } => "register.invalid",
            ContentChanged { .. } => "register.content_changed",
            UnknownCertificate { .. } => "register.unknown_certificate",
            InvalidTransition { .. } => "register.invalid_transition",
            StatusListFull { .. } => "register.status_list_full",
            InvalidKey { .. } => "signing.invalid_key",
            InvalidCredential { .. } => "credential.invalid",
            InvalidStatusList { .. } => "status_list.invalid",
            InvalidDocument { .. } => "document.invalid",
            Internal { .. } => "internal.error",
        }
    }

    /// The parameters of the error, as a JSON object (field names as in the enum).
    pub fn details(&self) -> Map<String, Value> {
        // Each detail is the field of the same name.
        macro_rules! fields {
            ($($f:ident),*) => { json!({ $(stringify!($f): $f),* }) };
        }
        use TamatError::*;
        let v = match self {
            InvalidJson { message } => fields!(message),
            InvalidShape { message } | InvalidDecimal { message } => fields!(message),
            InvalidAsOf { value } => fields!(value),
            NaiveDateTime { path, value } => fields!(path, value),
            InvalidSheet {
                line,
                column,
                problem,
                value,
                worksheet,
            }
            | InvalidScoreSheet {
                line,
                column,
                problem,
                value,
                worksheet,
            } => {
                let mut d = fields!(line, column, problem, value);
                if !worksheet.is_empty() {
                    d["worksheet"] = json!(worksheet);
                }
                d
            }
            UnknownRequestedParticipant { participant } => fields!(participant),
            InvalidTimeZone { zone, carried } => {
                let mut d = fields!(zone);
                if !carried.is_empty() {
                    d["carried"] = json!(carried);
                }
                d
            }
            InvalidJpMinutes { value } => fields!(value),
            DuplicateSession { session } => fields!(session),
            DuplicateParticipant { participant } => fields!(participant),
            EmptyId { what } => fields!(what),
            InvalidLocalTime { session, value } => fields!(session, value),
            NonexistentLocalTime { session, value, zone } | OffsetMismatch { session, value, zone } => {
                fields!(session, value, zone)
            }
            AmbiguousLocalTime {
                session,
                value,
                zone,
                offsets,
            } => {
                fields!(session, value, zone, offsets)
            }
            EndNotAfterStart { session } => fields!(session),
            InvalidRecurrence { recurrence, problem } => {
                fields!(recurrence, problem)
            }
            InvalidNip { value, problem } | InvalidNik { value, problem } => {
                fields!(value, problem)
            }
            UnknownParticipant { participant, mark } => {
                fields!(participant, mark)
            }
            UnknownSession { session, mark } => fields!(session, mark),
            UnknownStatus { status, mark } => fields!(status, mark),
            InvalidTimestamp { value, mark } => fields!(value, mark),
            MissingStatus { mark } | ConflictingMark { mark } | CheckOutBeforeCheckIn { mark } => {
                fields!(mark)
            }
            CheckInOutsideWindow {
                participant,
                session,
                check_in,
                mark,
            } => {
                fields!(participant, session, check_in, mark)
            }
            DuplicateMark {
                participant,
                session,
                count,
            } => {
                fields!(participant, session, count)
            }
            MarkNotApplicable {
                participant,
                session,
                mark,
            } => {
                fields!(participant, session, mark)
            }
            Internal { message } => fields!(message),
            InvalidDocument { problem, message } => fields!(problem, message),
            InvalidNumberTemplate { template, problem } => fields!(template, problem),
            CounterOverflow { unit, year } => fields!(unit, year),
            NoDocument { participant, outcome } => fields!(participant, outcome),
            CourseNotEnded { course, ends_at, as_of } => {
                fields!(course, ends_at, as_of)
            }
            InvalidIssuanceSetting { field, problem } => fields!(field, problem),
            InvalidRegister { problem, at } => fields!(problem, at),
            ContentChanged {
                certificate,
                participant,
            } => fields!(certificate, participant),
            UnknownCertificate { certificate } => fields!(certificate),
            InvalidTransition { certificate, from, to } => {
                fields!(certificate, from, to)
            }
            StatusListFull { size } => fields!(size),
            InvalidKey { problem } | InvalidCredential { problem } => fields!(problem),
            InvalidStatusList { list, problem } => fields!(list, problem),
            DuplicateLedgerEntry { nip, course, entry } => {
                fields!(nip, course, entry)
            }
            SheetMismatch {
                participants,
                sessions,
                expected_participants,
                expected_sessions,
            } => fields!(participants, sessions, expected_participants, expected_sessions),
            UnsupportedPolicyVersion { version } => fields!(version),
            InvalidPercent { field, value } | InvalidCredit { field, value } => {
                fields!(field, value)
            }
            PolicyUnknownSession { session } => fields!(session),
            InvalidStatus { status, problem } => fields!(status, problem),
            InvalidLateRule { problem } => fields!(problem),
            InvalidBands { problem, band } => fields!(problem, band),
            InvalidWindow { field, value, max } => {
                fields!(field, value, max)
            }
            InvalidDocumentFloor { floor, minimum } => {
                fields!(floor, minimum)
            }
            ScoreUnknownParticipant { participant } | DuplicateScore { participant } => {
                fields!(participant)
            }
            InvalidComponents {
                participant,
                problem,
                component,
            } => fields!(participant, problem, component),
            InvalidScore {
                participant,
                value,
                maximum,
            } => {
                fields!(participant, value, maximum)
            }
            InvalidLedgerJp { entry, value } => fields!(entry, value),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    /// The message in the given language. English is `Display`; Indonesian is written here.
    pub fn message(&self, lang: Lang) -> String {
        let details = self.details();
        match catalogue::spec(self.code()) {
            Some(spec) => catalogue::render(spec.template(lang), &details, lang),
            None => format!("{}: {}", self.code(), Value::Object(details)),
        }
    }

    /// The error as the JSON contract writes it.
    pub fn to_json(&self) -> Value {
        json!({
            "code": self.code(),
            "message": self.message(Lang::En),
            "messages": { "id": self.message(Lang::Id), "en": self.message(Lang::En) },
            "details": self.details(),
        })
    }

    /// Maps a serde_json error to a coded error. A typed value that refused itself while
    /// being read (a decimal, a NIP, a NIK, a time zone, a key given twice) left its own
    /// error beside serde's text (`error::refused`): that error is reported, with serde's
    /// position where the error carries a message; anything else is
    /// `request.invalid_shape`.
    pub fn from_serde(err: &serde_json::Error) -> TamatError {
        use serde_json::error::Category;
        let text = err.to_string();
        let refused = REFUSED.with(|r| r.borrow_mut().take());
        match err.classify() {
            Category::Syntax | Category::Eof | Category::Io => TamatError::InvalidJson { message: text },
            Category::Data => match refused {
                // Only the value serde stopped at: its text begins serde's message.
                Some((own, error)) if text.starts_with(&own) => match error {
                    TamatError::InvalidDecimal { .. } => TamatError::InvalidDecimal { message: text },
                    TamatError::InvalidJson { .. } => TamatError::InvalidJson { message: text },
                    typed => typed,
                },
                _ => TamatError::InvalidShape { message: text },
            },
        }
    }
}

thread_local! {
    /// The error of the typed value that last refused itself inside serde, with the text
    /// it gave serde (see [`refused`]).
    static REFUSED: std::cell::RefCell<Option<(String, TamatError)>> = const { std::cell::RefCell::new(None) };
}

/// A serde error for a typed value that refuses itself (`Nip`, `Nik`, `Zone`, `Fixed`,
/// a repeated key): serde keeps only text, so the typed error is kept beside it for
/// [`TamatError::from_serde`], instead of being spelled into the message and parsed
/// back out.
pub(crate) fn refused<E: serde::de::Error>(error: TamatError) -> E {
    let own = match &error {
        TamatError::InvalidDecimal { message } | TamatError::InvalidJson { message } => message.clone(),
        other => other.message(Lang::En),
    };
    let e = E::custom(&own);
    REFUSED.with(|r| *r.borrow_mut() = Some((own, error)));
    e
}

impl std::fmt::Display for TamatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TamatError {}

impl serde::Serialize for TamatError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// An error as every answer writes it: its stable code, the English message, both
/// messages and the details that locate it.
impl schemars::JsonSchema for TamatError {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ErrorDocument".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "required": ["code", "message", "messages", "details"],
            "additionalProperties": false,
            "properties": {
                "code": {"type": "string", "enum": ERROR_CODES},
                "message": {"type": "string", "description": "The English message."},
                "messages": generator.subschema_for::<Localized>(),
                "details": {"type": "object", "description": "What locates the error (line, field, value...)."}
            }
        })
    }
}

/// Several errors found in one input: validation reports all it can find, not just the
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<TamatError>);

impl std::fmt::Display for Errors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("[{}] {e}", e.code())).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for Errors {}

impl From<TamatError> for Errors {
    fn from(e: TamatError) -> Self {
        Errors(vec![e])
    }
}

impl Errors {
    /// The codes, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(TamatError::code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One example of every variant. `code()` matches exhaustively, so a new variant
    /// needs a code; this list and the test below make it need an entry in
    /// `ERROR_CODES` and two distinct messages too.
    fn examples() -> Vec<TamatError> {
        use TamatError::*;
        let s = || "x".to_string();
        vec![
            InvalidJson { message: s() },
            InvalidShape { message: s() },
            InvalidDecimal { message: s() },
            InvalidAsOf { value: s() },
            NaiveDateTime { path: s(), value: s() },
            InvalidSheet {
                line: 2,
                column: s(),
                problem: "malformed_row",
                value: s(),
                worksheet: s(),
            },
            InvalidScoreSheet {
                line: 2,
                column: s(),
                problem: "invalid_score",
                value: s(),
                worksheet: s(),
            },
            UnknownRequestedParticipant { participant: s() },
            InvalidTimeZone {
                zone: s(),
                carried: s(),
            },
            InvalidJpMinutes { value: 0 },
            DuplicateSession { session: s() },
            DuplicateParticipant { participant: s() },
            EmptyId { what: "session" },
            InvalidLocalTime {
                session: s(),
                value: s(),
            },
            NonexistentLocalTime {
                session: s(),
                value: s(),
                zone: s(),
            },
            AmbiguousLocalTime {
                session: s(),
                value: s(),
                zone: s(),
                offsets: s(),
            },
            OffsetMismatch {
                session: s(),
                value: s(),
                zone: s(),
            },
            EndNotAfterStart { session: s() },
            InvalidRecurrence {
                recurrence: s(),
                problem: "no_weekdays",
            },
            InvalidNip {
                value: s(),
                problem: "nip_length",
            },
            InvalidNik {
                value: s(),
                problem: "nik_length",
            },
            UnknownParticipant {
                participant: s(),
                mark: 0,
            },
            UnknownSession { session: s(), mark: 0 },
            UnknownStatus { status: s(), mark: 0 },
            InvalidTimestamp { value: s(), mark: 0 },
            MissingStatus { mark: 0 },
            ConflictingMark { mark: 0 },
            CheckOutBeforeCheckIn { mark: 0 },
            CheckInOutsideWindow {
                participant: s(),
                session: s(),
                check_in: s(),
                mark: 0,
            },
            DuplicateMark {
                participant: s(),
                session: s(),
                count: 2,
            },
            MarkNotApplicable {
                participant: s(),
                session: s(),
                mark: 0,
            },
            UnsupportedPolicyVersion { version: 2 },
            InvalidPercent { field: s(), value: s() },
            InvalidCredit { field: s(), value: s() },
            PolicyUnknownSession { session: s() },
            InvalidStatus {
                status: s(),
                problem: "empty_code",
            },
            InvalidLateRule { problem: "lates_zero" },
            InvalidBands {
                problem: "empty_band_name",
                band: s(),
            },
            InvalidWindow {
                field: s(),
                value: 1,
                max: 0,
            },
            InvalidDocumentFloor {
                floor: s(),
                minimum: s(),
            },
            ScoreUnknownParticipant { participant: s() },
            InvalidScore {
                participant: s(),
                value: s(),
                maximum: s(),
            },
            DuplicateScore { participant: s() },
            InvalidComponents {
                participant: s(),
                problem: "missing_component",
                component: s(),
            },
            InvalidLedgerJp { entry: 0, value: s() },
            DuplicateLedgerEntry {
                nip: s(),
                course: s(),
                entry: 0,
            },
            Internal { message: s() },
            InvalidDocument {
                problem: "pdf_unreadable",
                message: s(),
            },
            InvalidNumberTemplate {
                template: s(),
                problem: "missing_counter",
            },
            CounterOverflow { unit: s(), year: 2025 },
            NoDocument {
                participant: s(),
                outcome: s(),
            },
            CourseNotEnded {
                course: s(),
                ends_at: s(),
                as_of: s(),
            },
            InvalidIssuanceSetting {
                field: s(),
                problem: "empty_value",
            },
            InvalidRegister {
                problem: "duplicate_id",
                at: s(),
            },
            ContentChanged {
                certificate: s(),
                participant: s(),
            },
            UnknownCertificate { certificate: s() },
            InvalidTransition {
                certificate: s(),
                from: s(),
                to: s(),
            },
            StatusListFull { size: 8 },
            InvalidKey { problem: "seed_length" },
            InvalidCredential {
                problem: "missing_proof",
            },
            InvalidStatusList {
                list: s(),
                problem: "encoded_list",
            },
            SheetMismatch {
                participants: 1,
                sessions: 2,
                expected_participants: 3,
                expected_sessions: 4,
            },
        ]
    }

    /// The catalogue is the one place an error is described: its code, area, parameters
    /// and both messages. Every variant's details are the entry's parameters, its messages
    /// are the entry's templates (rendered), every area has its Python exception class.
    #[test]
    fn the_catalogue_describes_every_error() {
        fn placeholders(template: &str) -> (Vec<&str>, Vec<&str>) {
            // (every {name}, the names inside an optional [...] part)
            let all = catalogue::placeholders(template);
            let optional = all.iter().filter(|(_, o)| *o).map(|(n, _)| *n).collect();
            (all.into_iter().map(|(n, _)| n).collect(), optional)
        }
        for spec in CATALOGUE {
            assert!(
                AREAS.iter().any(|a| a.name == spec.area()),
                "{}: area not in AREAS",
                spec.code
            );
            for lang in [Lang::En, Lang::Id] {
                let (names, _) = placeholders(spec.template(lang));
                for n in &names {
                    assert!(spec.params.contains(n), "{}: {{{n}}} is not a parameter", spec.code);
                }
                for p in spec.params {
                    assert!(
                        names.contains(p),
                        "{}: parameter {p} is not in the {lang:?} message",
                        spec.code
                    );
                }
            }
        }
        for area in AREAS {
            assert!(
                CATALOGUE.iter().any(|s| s.area() == area.name),
                "area {} has no code",
                area.name
            );
        }
        for e in examples() {
            let spec = catalogue::spec(e.code()).unwrap_or_else(|| panic!("{} is not in the catalogue", e.code()));
            let details = e.details();
            for key in details.keys() {
                assert!(
                    spec.params.contains(&key.as_str()),
                    "{}: detail {key} is not a parameter",
                    spec.code
                );
            }
            let (_, optional) = placeholders(spec.en);
            for p in spec.params {
                assert!(
                    details.contains_key(*p) || optional.contains(p),
                    "{}: {p} missing from the details",
                    spec.code
                );
            }
            for lang in [Lang::En, Lang::Id] {
                let message = e.message(lang);
                for p in spec.params {
                    assert!(
                        !message.contains(&format!("{{{p}}}")),
                        "{}: {{{p}}} left in {message}",
                        spec.code
                    );
                }
            }
            assert_eq!(e.to_string(), e.message(Lang::En));
        }
        // Parameters are filled in, a problem code becomes its text in each language.
        let nip = TamatError::InvalidNip {
            value: "123".into(),
            problem: "nip_length",
        };
        assert_eq!(nip.message(Lang::En), "NIP `123` is invalid: must have 18 digits");
        assert_eq!(
            nip.message(Lang::Id),
            "NIP `123` tidak valid: harus terdiri dari 18 digit"
        );
        // An optional part is left out when its parameter is empty.
        let sheet = TamatError::InvalidSheet {
            line: 3,
            column: String::new(),
            problem: "csv",
            value: String::new(),
            worksheet: String::new(),
        };
        assert!(
            sheet.message(Lang::En).starts_with("attendance sheet, line 3: "),
            "{sheet}"
        );
        assert!(
            !sheet.message(Lang::Id).contains("kolom"),
            "{}",
            sheet.message(Lang::Id)
        );
        // The Python package has one exception class per area.
        let python = include_str!("../../../bindings-python/src/errors.rs");
        for area in AREAS {
            assert!(
                python.contains(&format!("\"{}\"", area.name)),
                "no Python class for area {}",
                area.name
            );
        }
    }

    #[test]
    fn every_code_is_listed_once_and_every_listed_code_exists() {
        let mut listed: Vec<&str> = ERROR_CODES.to_vec();
        listed.sort_unstable();
        let before = listed.len();
        listed.dedup();
        assert_eq!(before, listed.len(), "ERROR_CODES has duplicates");
        let mut produced: Vec<&str> = examples().iter().map(TamatError::code).collect();
        produced.sort_unstable();
        produced.dedup();
        assert_eq!(produced, listed);
        for code in ERROR_CODES {
            let (area, name) = code.split_once('.').unwrap_or(("", ""));
            assert!(!area.is_empty() && !name.is_empty(), "{code} is area.name");
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'),
                "{code}"
            );
        }
    }

    #[test]
    fn every_reason_code_has_distinct_texts() {
        let mut codes: Vec<&str> = PROBLEM_TEXTS.iter().map(|(c, _, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), PROBLEM_TEXTS.len(), "duplicate problem code");
        for (code, en, id) in PROBLEM_TEXTS {
            assert!(!en.is_empty() && !id.is_empty() && en != id, "{code}");
        }
    }

    #[test]
    fn the_committed_list_for_other_languages_matches() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/error-codes.json");
        let text = std::fs::read_to_string(path).unwrap();
        let file: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(
            file, ERROR_CODES,
            "tests/error-codes.json must list ERROR_CODES in order"
        );
    }

    #[test]
    fn every_error_has_two_languages_and_details() {
        for e in examples() {
            let (id, en) = (e.message(Lang::Id), e.message(Lang::En));
            assert!(!id.is_empty() && !en.is_empty());
            assert_ne!(id, en, "{}: Indonesian message missing", e.code());
            let j = e.to_json();
            assert_eq!(j["code"], e.code());
            assert!(j["details"].is_object());
        }
    }

    #[test]
    fn serde_errors_keep_typed_codes() {
        let e = serde_json::from_str::<crate::model::identity::Nip>("\"123\"").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "identity.invalid_nip");
        let e = serde_json::from_str::<crate::model::fixed::Fixed>("1.23456").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "request.invalid_decimal");
        let e = serde_json::from_str::<crate::model::fixed::Fixed>("[1]").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "request.invalid_shape");
        let e = serde_json::from_str::<crate::model::fixed::Fixed>("{").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "request.invalid_json");
    }

    #[test]
    fn a_refused_value_is_reported_as_itself_and_only_where_serde_stopped() {
        // The NIP's own error, with its details, not a code read out of a message.
        let e = serde_json::from_str::<crate::model::identity::Nip>("\"123\"").unwrap_err();
        let typed = TamatError::from_serde(&e);
        assert_eq!(typed.details()["value"], "123");
        assert_eq!(typed.details()["problem"], "nip_length");
        // A decimal keeps serde's position.
        let e = serde_json::from_str::<Vec<crate::model::fixed::Fixed>>("[1, 2.123456]").unwrap_err();
        let decimal = TamatError::from_serde(&e);
        assert_eq!(decimal.code(), "request.invalid_decimal");
        assert!(
            decimal.details()["message"].as_str().unwrap().contains("column"),
            "{decimal}"
        );
        // A refusal serde went past (its error dropped) does not name a later error.
        let _ = serde_json::from_str::<crate::model::identity::Nip>("\"123\"");
        let e = serde_json::from_str::<crate::model::fixed::Fixed>("[1]").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "request.invalid_shape");
        // Nor does a code written into an id by someone.
        let e = serde_json::from_str::<u8>("\"[identity.invalid_nip] x\"").unwrap_err();
        assert_eq!(TamatError::from_serde(&e).code(), "request.invalid_shape");
    }
}
