// JavaScript: the WebAssembly package in Node against what a user would otherwise write,
// on the same data (benches/workload.json), each answer checked equal before timing,
// timed in interleaved rounds in one process:
// - plain JavaScript: objects and loops over the marks;
// - json-logic-js evaluating the equivalent rule (benches/rule.py writes it) per participant;
// - from the CSV file's bytes: PapaParse (text decoded, parsed with a header row) and the
//   plain loop, against the bytes handed to the Evaluator (decisions out as columns).
// Build the package first (bindings-wasm/build.sh) and `npm ci` in benches/, then:
//   node benches/peers_js.cjs --participants 20000 --rule target/bench/rule.json --out target/bench/js.json
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const tamat = require("../bindings-wasm");
const jsonLogic = require("json-logic-js");
const Papa = require("papaparse");

const WORKLOAD = JSON.parse(fs.readFileSync(path.join(__dirname, "workload.json"), "utf8"));
const M = WORKLOAD.sessions;
const pad = (n, w) => String(n).padStart(w, "0");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function status(i, j) {
  const x = (Math.imul(i, 2654435761) + Math.imul(j, 40503)) >>> 0;
  const v = (x >>> 16) % 100;
  for (const [limit, word] of WORKLOAD.thresholds) if (v < limit) return word;
  throw new Error("unreachable");
}

function course(n) {
  const sessions = [];
  for (let j = 0; j < M; j++) {
    const day = 1 + Math.floor(j / 8);
    const slot = j % 8;
    sessions.push({ id: `s${pad(j, 2)}`, start: `2025-03-${pad(day, 2)}T${pad(8 + slot, 2)}:00`, end: `2025-03-${pad(day, 2)}T${pad(8 + slot, 2)}:45`, jp: 1 });
  }
  const participants = [];
  for (let i = 0; i < n; i++) participants.push({ id: `p${pad(i, 6)}`, name: `Peserta ${i}` });
  return { id: "bench", title: "Bench", time_zone: "Asia/Makassar", sessions, participants };
}

function rows(n) {
  const out = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < M; j++) out.push({ participant: `p${pad(i, 6)}`, session: `s${pad(j, 2)}`, status: status(i, j) });
  return out;
}

function plainJs(marks, participants) {
  const present = new Map(participants.map((p) => [p, 0]));
  for (const m of marks) if (m.status === "hadir" || m.status === "terlambat") present.set(m.participant, present.get(m.participant) + 1);
  const out = {};
  for (const [p, k] of present) out[p] = k * 100 >= 90 * M ? "lulus" : k > 0 ? "telah_mengikuti" : "no_document";
  return out;
}

function withJsonLogic(marks, participants, rule) {
  const records = new Map(participants.map((p) => [p, {}]));
  for (const m of marks) records.get(m.participant)[m.session] = m.status;
  const out = {};
  for (const [p, record] of records) out[p] = jsonLogic.apply(rule, record);
  return out;
}

function withTamat(evaluator, marks) {
  const out = {};
  for (const d of evaluator.evaluate(marks, { trace: false }).decisions) out[d.participant] = d.outcome;
  return out;
}

function withTamatColumns(evaluator, input) {
  const out = {};
  const c = evaluator.decisionColumns(input, { trace: false });
  for (let i = 0; i < c.participant.length; i++) out[c.participant[i]] = c.outcomes[c.outcome[i]];
  return out;
}

function withPapaParse(bytes, participants) {
  const text = new TextDecoder().decode(bytes);
  return plainJs(Papa.parse(text, { header: true, skipEmptyLines: true }).data, participants);
}

function timed(rounds, named) {
  const times = Object.fromEntries(Object.keys(named).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(named)) {
      const t = process.hrtime.bigint();
      f();
      times[name].push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  }
  const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function sameOutcomes(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

const n = Number(arg("participants", 20000));
const rounds = Number(arg("rounds", 5));
const rule = JSON.parse(fs.readFileSync(arg("rule", path.join(__dirname, "../target/bench/rule.json")), "utf8"));
const c = course(n);
const marks = rows(n);
const participants = c.participants.map((p) => p.id);
const evaluator = new tamat.Evaluator(c);
const expected = withTamat(evaluator, marks);
if (!sameOutcomes(plainJs(marks, participants), expected)) throw new Error("plain JavaScript disagrees with tamat");
if (!sameOutcomes(withJsonLogic(marks, participants, rule), expected)) throw new Error("json-logic-js disagrees with tamat");
const csv = new TextEncoder().encode("participant,session,status\n" + marks.map((m) => `${m.participant},${m.session},${m.status}\n`).join(""));
if (!sameOutcomes(withTamatColumns(evaluator, csv), expected)) throw new Error("tamat from the CSV bytes disagrees with tamat from objects");
if (!sameOutcomes(withPapaParse(csv, participants), expected)) throw new Error("PapaParse and a loop disagree with tamat");
const counts = {};
for (const o of Object.values(expected)) counts[o] = (counts[o] || 0) + 1;

const seconds = timed(rounds, {
  tamat: () => withTamat(evaluator, marks),
  plain_js: () => plainJs(marks, participants),
  json_logic: () => withJsonLogic(marks, participants, rule),
  tamat_columns: () => withTamatColumns(evaluator, marks),
  tamat_csv_bytes: () => withTamatColumns(evaluator, csv),
  papaparse_loop: () => withPapaParse(csv, participants),
});
const one = new tamat.Evaluator(course(1));
const reps = 20000;
const overhead = timed(5, { x: () => { for (let r = 0; r < reps; r++) one.evaluate(null, { participant: "p000000", trace: false }); } }).x / reps;
const result = {
  participants: n, sessions: M, marks: n * M, outcomes: counts, rounds, seconds,
  speedup_vs_plain_js: seconds.plain_js / seconds.tamat,
  speedup_vs_json_logic: seconds.json_logic / seconds.tamat,
  columns_speedup_vs_plain_js: seconds.plain_js / seconds.tamat_columns,
  csv_speedup_vs_papaparse: seconds.papaparse_loop / seconds.tamat_csv_bytes,
  csv_bytes: csv.length,
  overhead_us: overhead * 1e6,
};
console.log(JSON.stringify(result, null, 2));
const out = arg("out", null);
if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
