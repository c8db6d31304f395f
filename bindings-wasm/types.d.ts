/* The shapes of the JavaScript API's own wrappers. Every data shape of the contract
   (courses, policies, marks, decisions, certificates, registers, verifications, every
   request and answer) is generated from the core's Rust types into `contract.d.ts`
   (scripts/gen-types.py), which the package's declarations include as well. */

/** The same marks as columns of equal length (optional columns may be left out). */
export interface MarkColumns {
  participant: string[];
  session: string[];
  status?: (string | null)[];
  check_in?: (string | null)[];
  check_out?: (string | null)[];
  note?: (string | null)[];
}
/** Marks as the contract's list, or as columns. */
export type AttendanceInput = Mark[] | MarkColumns;
export interface EvaluateOptions {
  scores?: Score[];
  /** For a course still running: unmarked sessions not yet ended are pending. */
  asOf?: Date | string;
  /** Per-session traces (default: false for a cohort, true for one participant). */
  trace?: boolean;
}

/** What every function throws: the first error's code and messages, and all errors. */
export interface TamatError extends Error {
  code: string;
  messages: Localized;
  details: Record<string, unknown>;
  errors: ErrorDocument[];
}

/** A signing key: the 32-byte seed as 64 hex digits or a Multikey secret (z3u2...). */
export type SigningKeyInput = KeyInput;
/** `issue`'s argument: the contract's issue request, `asOf` as a Date or text. */
export interface IssueOptions {
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
/** `reissue`'s argument. */
export interface ReissueOptions extends IssueOptions {
  register: Register;
  certificate: string;
  at?: Date | string;
  reason?: string;
}
/** `statusList`'s argument (the purpose defaults to revocation, as in the core). */
export interface StatusListOptions {
  register: Register;
  settings: IssuanceSettings;
  key: SigningKeyInput;
  purpose?: StatusPurpose;
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
export interface Demo { course: Course; attendance: Mark[]; settings: IssuanceSettings; demoKey: SigningKeyInput; }
