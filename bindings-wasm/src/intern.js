// The body of a function of `att`, compiled once at run time by the glue (a module
// snippet would not load in wasm-bindgen's CommonJS output for Node). No rules here: a
// cohort's marks become a table of distinct strings and one index array, so that
// 4,000,000 marks cross into WebAssembly as a few distinct strings and a Uint32Array
// instead of one large JSON text. Returns null for anything that is not plain marks of
// strings (the JSON path then reports the exact error).
const FIELDS = ["participant", "session", "status", "check_in", "check_out"];
{
  if (att === null || att === undefined || typeof att !== "object") return null;
  const table = [];
  const ids = new Map();
  const id = (v) => {
    let i = ids.get(v);
    if (i === undefined) {
      table.push(v);
      i = table.length;
      ids.set(v, i);
    }
    return i;
  };
  let idx;
  if (Array.isArray(att)) {
    // Fields are read by name (one shape for the engine's caches), and a row's own
    // fields are counted to find any unknown one.
    const n = att.length;
    idx = new Uint32Array(n * 5);
    const optional = (v, at) => {
      if (v === undefined || v === null) return true;
      if (typeof v !== "string") return false;
      idx[at] = id(v);
      return true;
    };
    for (let r = 0; r < n; r++) {
      const m = att[r];
      if (m === null || typeof m !== "object" || Array.isArray(m)) return null;
      const p = m.participant, s = m.session, st = m.status, ci = m.check_in, co = m.check_out, nt = m.note;
      if (typeof p !== "string" || typeof s !== "string") return null;
      let keys = 0;
      for (const k in m) keys++;
      if (keys !== 2 + (st !== undefined) + (ci !== undefined) + (co !== undefined) + (nt !== undefined)) return null;
      const o = r * 5;
      idx[o] = id(p);
      idx[o + 1] = id(s);
      if (!optional(st, o + 2) || !optional(ci, o + 3) || !optional(co, o + 4)) return null;
      if (nt !== undefined && nt !== null && typeof nt !== "string") return null;
    }
  } else {
    for (const k in att) if (k !== "note" && !FIELDS.includes(k)) return null;
    const p = att.participant, s = att.session;
    if (!Array.isArray(p) || !Array.isArray(s) || s.length !== p.length) return null;
    const n = p.length;
    idx = new Uint32Array(n * 5);
    for (let f = 0; f < 5; f++) {
      const col = att[FIELDS[f]];
      if (col === undefined) continue;
      if (!Array.isArray(col) || (col.length !== n && !(f >= 2 && col.length === 0))) return null;
      for (let r = 0; r < col.length; r++) {
        const v = col[r];
        if (v === undefined || v === null) {
          if (f < 2) return null;
        } else if (typeof v === "string") idx[r * 5 + f] = id(v);
        else return null;
      }
    }
    if (att.note !== undefined && (!Array.isArray(att.note) || att.note.some((v) => v !== null && typeof v !== "string"))) return null;
  }
  return { table: JSON.stringify(table), idx };
}
