/* Data shapes of the tamat package (JSON-shaped: plain objects and arrays, no Maps).
   Inputs follow the JSON Schemas in `schemas/`; outputs are what the core writes. */

/** A decimal with at most 4 fractional digits, as a number or text ("90", "87,5"). */
export type Decimal = number | string;
/** A translated text. */
export interface Localized { id: string; en: string; }

export interface Organiser { name?: string; unit_code?: string; }
export type SessionKind = "opening" | "lesson" | "exam" | "closing";
export interface Session {
  id: string;
  /** Local time in the course's zone ("2025-07-17T08:00"), or RFC 3339 with offset. */
  start: string;
  end: string;
  title?: string;
  jp?: number | null;
  kind?: SessionKind | null;
  required?: boolean;
  group?: string | null;
}
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export interface Recurrence {
  id_prefix: string;
  weekdays: Weekday[];
  from: string;
  until?: string | null;
  count?: number | null;
  start_time: string;
  end_time: string;
  title?: string;
  jp?: number | null;
  kind?: SessionKind | null;
  required?: boolean;
  group?: string | null;
}
export interface Participant {
  id: string;
  name: string;
  /** 18 digits, spaces allowed ("19850312 201001 2 004"). */
  nip?: string | null;
  nik?: string | null;
  birth_place?: string | null;
  birth_date?: string | null;
  rank?: string | null;
  position?: string | null;
  agency?: string | null;
  enrolled_on?: string | null;
}
export interface Course {
  id: string;
  title: string;
  /** IANA zone, or WIB / WITA / WIT. */
  time_zone: string;
  organiser?: Organiser;
  venue?: string | null;
  jp_minutes?: number;
  sessions?: Session[];
  recurrences?: Recurrence[];
  participants?: Participant[];
  policy?: Policy | null;
}

export type ExcusedTreatment = "absent" | "excluded" | "present";
export type Measure = "sessions" | "jp" | "minutes";
export type Severity = "error" | "warning";
export type LateRule =
  | { rule: "full" }
  | { rule: "partial"; credit: Decimal }
  | { rule: "per_absence"; lates: number };
export interface CustomStatus { code: string; label?: string | null; credit?: Decimal | null; excused?: boolean; excluded?: boolean; }
export interface Band { name: string; min_score: Decimal; }
export interface AssessmentPolicy { preset?: "latsar" | null; bands?: Band[]; maximum_score?: Decimal; minimum_score?: Decimal | null; }
export interface Policy {
  version?: number;
  measure?: Measure;
  minimum_percent?: Decimal;
  izin?: ExcusedTreatment;
  sakit?: ExcusedTreatment;
  excused_cap?: number | null;
  late?: LateRule;
  drop_lowest?: number;
  required_sessions?: string[];
  statuses?: CustomStatus[];
  check_in?: { grace_minutes?: number; opens_minutes_before?: number; outside_window?: Severity };
  duplicates?: "best" | "error";
  unknown_references?: Severity;
  outcomes?: {
    met_without_assessment?: "lulus" | "telah_mengikuti";
    not_met?: "telah_mengikuti" | "no_document";
    no_document_if_never_attended?: boolean;
    document_floor_percent?: Decimal | null;
  };
  assessment?: AssessmentPolicy | null;
}

/** One attendance record: a status word (hadir, H, terlambat, izin, sakit, alpha,
    present, late, ...), or check-in (and check-out) times, RFC 3339 with offset. */
export interface Mark {
  participant: string;
  session: string;
  status?: string | null;
  check_in?: string | null;
  check_out?: string | null;
  note?: string | null;
}
/** The same marks as columns of equal length (optional columns may be left out). */
export interface MarkColumns {
  participant: string[];
  session: string[];
  status?: (string | null)[];
  check_in?: (string | null)[];
  check_out?: (string | null)[];
  note?: (string | null)[];
}
export type Attendance = Mark[] | MarkColumns;
export interface Score { participant: string; score: Decimal; }
export interface EvaluateOptions {
  scores?: Score[];
  /** For a course still running: unmarked sessions not yet ended are pending. */
  asOf?: Date | string;
  /** Per-session traces (default: false for a cohort, true for one participant). */
  trace?: boolean;
}

export type Outcome = "lulus" | "telah_mengikuti" | "no_document" | "pending";
export interface Reason { code: string; params: Record<string, unknown>; message: Localized; }
export interface AttendanceFigures {
  measure: Measure;
  attended: number;
  total: number;
  ratio: [number, number] | null;
  /** Truncated to 2 decimals, for display; decisions use the exact ratio. */
  percent: number | null;
  minimum_percent: number;
  meets_minimum: boolean;
  pending_sessions: number;
}
export interface Projection {
  state: "secured" | "reachable" | "unreachable";
  remaining_sessions: number;
  remaining_units: number;
  needed_sessions: number | null;
  allowed_absences: number | null;
  percent_if_all_attended: number | null;
  percent_if_none_attended: number | null;
}
export interface TraceEntry {
  session: string;
  status: string | null;
  result: string;
  units: number;
  credit?: number;
  earned?: number;
  minutes_present?: number;
  note?: string;
}
export interface Decision {
  participant: string;
  name: string;
  nip?: string;
  outcome: Outcome;
  qualification: string | null;
  attendance: AttendanceFigures;
  score?: number;
  reasons: Reason[];
  projection?: Projection;
  trace?: TraceEntry[];
}
export interface Summary { participants: number; lulus: number; telah_mengikuti: number; no_document: number; pending: number; }
export interface ErrorDocument { code: string; message: string; messages: Localized; details: Record<string, unknown>; }
export interface Evaluation {
  course: string;
  policy: Policy;
  as_of: string | null;
  total_jp: number;
  completed_on: string | null;
  summary: Summary;
  decisions: Decision[];
  warnings: ErrorDocument[];
}
export interface ProjectionRow { participant: string; outcome: Outcome; attendance: AttendanceFigures; projection: Projection | null; }

/** Errors thrown by every function: `message` is "[code] message". */
export interface TamatError extends Error {
  code: string;
  messages: Localized;
  details: Record<string, unknown>;
  errors: ErrorDocument[];
}

export interface Signatory { name: string; position: string; rank?: string | null; nip?: string | null; on_behalf_of?: string | null; }
export interface NumberingSettings { template?: string; width?: number; start?: number; }
export interface IssuanceSettings {
  signatory: Signatory;
  numbering?: NumberingSettings;
  unit?: string | null;
  issued_on?: string | null;
  issued_at?: string | null;
  place?: string | null;
  partner?: string | null;
  valid_until?: string | null;
  issuer?: { id?: string | null; name?: string | null; url?: string | null };
  verify_url?: string | null;
  status_list_url?: string | null;
  status_list_size?: number;
}
/** A signing key: the 32-byte seed as 64 hex digits or a Multikey secret (z3u2...). */
export interface SigningKeyInput { secret: string; id?: string; }
export interface Multikey { "@context"?: unknown; id: string; type: "Multikey"; controller: string; publicKeyMultibase: string; }
/** A Verifiable Credential (VC 2.0); OB3 certificates and status lists alike. */
export interface Credential {
  "@context": unknown[];
  id?: string;
  type: string[];
  issuer: string | { id: string; [k: string]: unknown };
  validFrom?: string;
  validUntil?: string;
  credentialSubject: Record<string, unknown>;
  credentialStatus?: unknown;
  proof?: unknown;
  [k: string]: unknown;
}
export interface Certificate {
  id: string;
  number: string;
  document: "sttpp" | "surat_keterangan";
  title: string;
  status: Outcome;
  unit: string;
  issued_on: string;
  issued_at: string;
  place: string | null;
  holder: { id: string; name: string; nip: string | null; nip_printed?: string | null; nik: string | null; [k: string]: unknown };
  course: { id: string; title: string; total_jp: number; start_date: string; end_date: string; [k: string]: unknown };
  evidence: { measure: Measure; attended: number; total: number; percent: number | null; minimum_percent: number; policy_hash: string };
  signatory: Signatory;
  status_index: number;
  supersedes: string | null;
  valid_until: string | null;
  [k: string]: unknown;
}
export interface RegisterEntry {
  id: string;
  number: string;
  participant: string;
  course: string;
  unit: string;
  year: number;
  sequence: number;
  status_index: number;
  state: "active" | "suspended" | "revoked";
  status: Outcome;
  content_hash: string;
  issued_on: string;
  issued_at: string;
  changed_at: string | null;
  reason: string | null;
  supersedes: string | null;
  superseded_by: string | null;
}
export interface Register {
  version: number;
  counters: { unit: string; year: number; last: number }[];
  next_status_index: number;
  certificates: RegisterEntry[];
}
export interface IssueRequest {
  course: Course;
  attendance?: Mark[];
  scores?: Score[];
  policy?: Policy;
  asOf?: Date | string;
  participant?: string;
  settings: IssuanceSettings;
  register?: Register;
  key?: SigningKeyInput;
}
export interface Issuance {
  certificates: Certificate[];
  issued: string[];
  unchanged: string[];
  skipped: { participant: string; outcome: Outcome; reason: string }[];
  register: Register;
  credentials?: Credential[];
  issuer?: Multikey;
}
export interface ReissueRequest extends IssueRequest {
  register: Register;
  certificate: string;
  at?: Date | string;
  reason?: string;
}
export interface Reissue { certificate: Certificate; register: Register; credential?: Credential; issuer?: Multikey; }
export interface StatusChange { entry: RegisterEntry; register: Register; }
export interface StatusListRequest {
  register: Register;
  settings: IssuanceSettings;
  key: SigningKeyInput;
  purpose?: "revocation" | "suspension";
  validFrom: Date | string;
  /** After it, verifiers report the list stale. */
  validUntil?: Date | string;
}
export interface VerifyOptions {
  /** Trusted public keys (Multikey documents). */
  keys: Multikey[];
  /** Signed status-list credentials to check revocation and suspension against. */
  statusLists?: (Credential | string)[];
  /** The instant the check is about. */
  at: Date | string;
}
export type VerificationStatus = "valid" | "tampered" | "unknown_key" | "revoked" | "suspended" | "expired" | "not_yet_valid" | "status_stale" | "status_unchecked";
export type StatusCheck = "none" | "unchecked" | "clear" | "set" | "stale";
export interface Verification {
  status: VerificationStatus;
  message: Localized;
  credential?: string | null;
  issuer?: string | null;
  key_id?: string | null;
  revocation: StatusCheck;
  suspension: StatusCheck;
}
export interface Demo { course: Course; attendance: Mark[]; settings: IssuanceSettings; demoKey: SigningKeyInput; }
