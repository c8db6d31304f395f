/* The shapes of the JavaScript API's own wrappers. Every data shape of the contract
   (courses, policies, marks, decisions, certificates, registers, verifications, every
   request and answer, `Operations`) is generated from the core's Rust types into
   `contract.d.ts` (scripts/gen-types.py), which the package's declarations include. */

/** The same marks as columns of equal length (optional columns may be left out). */
export interface MarkColumns {
  participant: string[];
  session: string[];
  status?: (string | null)[];
  check_in?: (string | null)[];
  check_out?: (string | null)[];
  note?: (string | null)[];
}
/** Marks as the contract's list, or as columns (`Evaluator`). */
export type AttendanceInput = Mark[] | MarkColumns;

/** What every function throws: the first error's code and messages, and all errors. */
export interface TamatError extends Error {
  code: ErrorDocument["code"];
  messages: Localized;
  details: Record<string, unknown>;
  errors: ErrorDocument[];
}

/** The bundled course as an issue request (its key's seed is public). */
export interface Demo { course: Course; attendance: Mark[]; settings: IssuanceSettings; key: KeyInput; }
