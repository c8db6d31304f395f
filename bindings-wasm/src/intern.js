// The body of a function of `att`, compiled once at run time by the glue (a module
// snippet would not load in wasm-bindgen's CommonJS output for Node). No rules here: a
// cohort's marks become, per column, its distinct strings and a Uint32Array of codes
// into them, so that 4,000,000 marks cross into WebAssembly as a few distinct strings
// and typed arrays (which the core reads by their codes) instead of one large JSON text.
// Returns null for anything that is not plain marks of strings (the JSON path then
// reports the exact error).
//
// Answer: { tables: JSON text of [participants, sessions, statuses, times],
//           participant, session, status: Uint32Array, checkIn, checkOut: Uint32Array
//           or null (no time in the column) }; an absent value's code is 0xFFFFFFFF.
const FIELDS = ["participant", "session", "status", "check_in", "check_out"];
const ABSENT = 0xffffffff;
{
  if (att === null || att === undefined || typeof att !== "object") return null;
  // One column's distinct strings. A cell equal to the cell above, or to the text after
  // it (sorted sheets: s01, s02, ...), costs a comparison, as does one of the first few
  // texts (status words); any other a Map lookup.
  const column = () => ({ table: [], ids: new Map(), last: undefined, code: 0 });
  const code = (c, v) => {
    if (v === c.last) return c.code;
    const t = c.table, next = c.code + 1;
    let i = -1;
    if (next < t.length && t[next] === v) i = next;
    else if (t.length <= 8) {
      for (let k = 0; k < t.length; k++) if (t[k] === v) i = k;
    }
    if (i < 0) {
      i = c.ids.get(v);
      if (i === undefined) {
        i = c.table.length;
        c.table.push(v);
        c.ids.set(v, i);
      }
    }
    c.last = v;
    c.code = i;
    return i;
  };
  const cols = [column(), column(), column()];
  const times = column();
  let n, codes, checkIn = null, checkOut = null;
  // An optional time: its code, ABSENT, or -1 for a value that is not a string.
  const time = (v) => (v === undefined || v === null ? ABSENT : typeof v === "string" ? code(times, v) : -1);
  if (Array.isArray(att)) {
    // Fields are read by name (one shape for the engine's caches), and a row's own
    // fields are counted to find any unknown one.
    n = att.length;
    codes = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
    const [pc, sc, tc] = codes;
    for (let r = 0; r < n; r++) {
      const m = att[r];
      if (m === null || typeof m !== "object" || Array.isArray(m)) return null;
      const p = m.participant, s = m.session, st = m.status, ci = m.check_in, co = m.check_out, nt = m.note;
      if (typeof p !== "string" || typeof s !== "string") return null;
      let keys = 0;
      for (const k in m) keys++;
      if (keys !== 2 + (st !== undefined) + (ci !== undefined) + (co !== undefined) + (nt !== undefined)) return null;
      pc[r] = code(cols[0], p);
      sc[r] = code(cols[1], s);
      if (st === undefined || st === null) tc[r] = ABSENT;
      else if (typeof st === "string") tc[r] = code(cols[2], st);
      else return null;
      if (nt !== undefined && nt !== null && typeof nt !== "string") return null;
      if ((ci !== undefined && ci !== null) || (co !== undefined && co !== null) || checkIn !== null) {
        if (checkIn === null) {
          checkIn = new Uint32Array(n).fill(ABSENT);
          checkOut = new Uint32Array(n).fill(ABSENT);
        }
        const a = time(ci), b = time(co);
        if (a === -1 || b === -1) return null;
        checkIn[r] = a;
        checkOut[r] = b;
      }
    }
  } else {
    for (const k in att) if (k !== "note" && !FIELDS.includes(k)) return null;
    const p = att.participant, s = att.session;
    if (!Array.isArray(p) || !Array.isArray(s) || s.length !== p.length) return null;
    n = p.length;
    codes = [];
    for (let f = 0; f < 5; f++) {
      const col = att[FIELDS[f]];
      const out = new Uint32Array(n).fill(ABSENT);
      if (f < 3) codes.push(out);
      else f === 3 ? (checkIn = out) : (checkOut = out);
      if (col === undefined) continue;
      if (!Array.isArray(col) || (col.length !== n && !(f >= 2 && col.length === 0))) return null;
      for (let r = 0; r < col.length; r++) {
        const v = col[r];
        if (v === undefined || v === null) {
          if (f < 2) return null;
        } else if (typeof v !== "string") return null;
        else out[r] = code(f < 3 ? cols[f] : times, v);
      }
    }
    // Both time columns or neither: an absent one is all ABSENT.
    if (att.check_in === undefined && att.check_out === undefined) checkIn = checkOut = null;
    if (att.note !== undefined && (!Array.isArray(att.note) || att.note.some((v) => v !== null && typeof v !== "string"))) return null;
  }
  return {
    tables: JSON.stringify([cols[0].table, cols[1].table, cols[2].table, times.table]),
    participant: codes[0],
    session: codes[1],
    status: codes[2],
    checkIn,
    checkOut,
  };
}
