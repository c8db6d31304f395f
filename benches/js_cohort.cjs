// Times the WebAssembly package in Node on a 100,000 x 40 cohort (marks as columns and
// as rows) and the per-call cost of a one-participant evaluation. Build the package
// first (bindings-wasm/build.sh), then: node benches/js_cohort.cjs [participants] [sessions]
"use strict";
const tamat = require("../bindings-wasm");

const N = Number(process.argv[2] || 100000);
const M = Number(process.argv[3] || 40);
const WORDS = ["hadir", "hadir", "hadir", "hadir", "hadir", "hadir", "hadir", "terlambat", "izin", "alpha"];
const pad = (n, w) => String(n).padStart(w, "0");

function course(n, m) {
  const sessions = [];
  for (let j = 0; j < m; j++) {
    const day = pad(1 + Math.floor(j / 8), 2);
    sessions.push({ id: `s${pad(j, 2)}`, start: `2025-03-${day}T${pad(8 + (j % 8), 2)}:00`, end: `2025-03-${day}T${pad(9 + (j % 8), 2)}:00` });
  }
  const participants = [];
  for (let i = 0; i < n; i++) participants.push({ id: `p${pad(i, 6)}`, name: `Peserta ${i}` });
  return { id: "bench", title: "Bench", time_zone: "Asia/Makassar", sessions, participants };
}

function columns(n, m) {
  const participant = [], session = [], status = [];
  for (let i = 0; i < n; i++) {
    const p = `p${pad(i, 6)}`;
    for (let j = 0; j < m; j++) {
      participant.push(p);
      session.push(`s${pad(j, 2)}`);
      status.push(WORDS[(i * 7 + j * 3) % WORDS.length]);
    }
  }
  return { participant, session, status };
}

function median(f, rounds) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const c = course(N, M);
const cols = columns(N, M);
const rows = cols.participant.map((p, i) => ({ participant: p, session: cols.session[i], status: cols.status[i] }));
let t = process.hrtime.bigint();
const ev = new tamat.Evaluator(c);
const compile = Number(process.hrtime.bigint() - t) / 1e6;
console.log(`${N.toLocaleString()} participants x ${M} sessions = ${(N * M).toLocaleString()} marks (Node ${process.version})`);
console.log(`  compile the course (Evaluator):        ${compile.toFixed(1)} ms`);
console.log(`  summarize, columns:                    ${median(() => ev.summarize(cols), 5).toFixed(1)} ms`);
console.log(`  evaluate (decisions), columns:         ${median(() => ev.evaluate(cols, { trace: false }), 5).toFixed(1)} ms`);
console.log(`  evaluate (decisions), array of marks:  ${median(() => ev.evaluate(rows, { trace: false }), 3).toFixed(1)} ms`);
const one = new tamat.Evaluator(course(1, M));
const marks = { participant: Array(M).fill("p000000"), session: Array.from({ length: M }, (_, j) => `s${pad(j, 2)}`), status: Array(M).fill("hadir") };
const reps = 5000;
const per = median(() => { for (let r = 0; r < reps; r++) one.evaluate(marks, { participant: "p000000", trace: false }); }, 5) / reps;
console.log(`  evaluate one participant (1 x ${M}):    ${(per * 1000).toFixed(1)} us/call`);
