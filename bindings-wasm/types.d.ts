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
/** Marks as dictionary codes (what Arrow dictionary vectors and column stores hold): each
    column's distinct texts once, and per mark a code into them (0-based; 4294967295, or
    any code past the end, is an absent value). Codes cross into WebAssembly as typed
    arrays, with no JavaScript object per mark. */
export interface CodedColumns {
  participants: string[];
  sessions: string[];
  statuses?: string[];
  participant: Uint32Array;
  session: Uint32Array;
  status?: Uint32Array;
}
/** Marks as the contract's list, as columns, as codes, or (`Evaluator`) a sheet file's
    bytes: a CSV read straight into the status grid, or a workbook (xlsx, ods, xls). */
export type AttendanceInput = Mark[] | MarkColumns | CodedColumns | Uint8Array;

/** `Evaluator.decisionColumns`: one entry per decision in each column, no object per
    decision. Figures are display values in the policy's unit (`NaN`: nothing counts). */
export interface DecisionColumns {
  participant: string[];
  /** Indices into `outcomes`. */
  outcome: Uint8Array;
  outcomes: Outcome[];
  attended: Float64Array;
  total: Float64Array;
  percent: Float64Array;
  /** 1 when the minimum is met. */
  meetsMinimum: Uint8Array;
  /** 1 when at risk (a course still running). */
  atRisk: Uint8Array;
  summary: Summary;
}

/** What every function throws: the first error's code and messages, and all errors. */
export interface TamatError extends Error {
  code: ErrorDocument["code"];
  messages: Localized;
  details: Record<string, unknown>;
  errors: ErrorDocument[];
}

/** The bundled course as an issue request (its key's seed is public). */
export interface Demo { course: Course; attendance: Mark[]; settings: IssuanceSettings; key: KeyInput; }
