// The Evaluator's fast paths: a sheet file's bytes straight into WebAssembly, typed-array
// code columns, and decisions out as columns. Each must decide exactly as the same marks
// given as objects, with the same errors.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const tamat = require("..");

const root = path.join(__dirname, "..", "..");
const demo = tamat.demo();
const bytes = (file) => new Uint8Array(fs.readFileSync(path.join(root, file)));
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("did not throw");
};

// Marks as codes into distinct texts, as a column store holds them.
function coded(marks) {
  const dict = { participants: [], sessions: [], statuses: [] };
  const index = { participants: new Map(), sessions: new Map(), statuses: new Map() };
  const code = (kind, text) => {
    if (text === undefined || text === null) return 0xffffffff;
    let c = index[kind].get(text);
    if (c === undefined) {
      c = dict[kind].length;
      dict[kind].push(text);
      index[kind].set(text, c);
    }
    return c;
  };
  return {
    ...dict,
    participant: Uint32Array.from(marks, (m) => code("participants", m.participant)),
    session: Uint32Array.from(marks, (m) => code("sessions", m.session)),
    status: Uint32Array.from(marks, (m) => code("statuses", m.status)),
  };
}

test("a CSV file's bytes decide as its marks do, in both layouts", () => {
  const ev = new tamat.Evaluator(demo.course);
  for (const file of ["core/data/kaltim/attendance-long.csv", "core/data/kaltim/attendance-wide.csv"]) {
    const marks = tamat.readAttendanceCsv({ course: demo.course, csv: fs.readFileSync(path.join(root, file), "utf8") }).attendance;
    const want = ev.evaluate(marks);
    assert.deepEqual(ev.evaluate(bytes(file)), want, file);
    assert.deepEqual(ev.summarize(bytes(file)), want.summary, file);
  }
});

test("a workbook's bytes decide as the CSV it was saved from", () => {
  const ev = new tamat.Evaluator(demo.course);
  const wide = ev.evaluate(bytes("core/data/kaltim/attendance-wide.csv"));
  for (const file of ["tests/data/workbooks/attendance-wide.xlsx", "tests/data/workbooks/attendance-wide.ods"]) {
    assert.deepEqual(ev.evaluate(bytes(file)), wide, file);
  }
  assert.deepEqual(ev.evaluate(bytes("tests/data/workbooks/attendance-long.xlsx")), ev.evaluate(bytes("core/data/kaltim/attendance-long.csv")));
});

test("a bad cell in a file is refused with its line and column", () => {
  const ev = new tamat.Evaluator(demo.course);
  const csv = "participant,session,status\np01,s01,hadir\np01,s02,bolos\n";
  const e = thrown(() => ev.evaluate(new TextEncoder().encode(csv)));
  assert.equal(e.code, "attendance.unknown_status");
  assert.equal(e.details.line, 3);
  assert.equal(e.details.column, "status");
  const garbage = thrown(() => ev.evaluate(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])));
  assert.match(garbage.code, /^attendance\./);
});

test("typed-array code columns decide as the marks", () => {
  const ev = new tamat.Evaluator(demo.course);
  const marks = demo.attendance.filter((m) => m.status !== undefined);
  const words = ["hadir", "H", "izin", "alpha", "present"];
  const shuffled = marks.map((m, i) => ({ ...m, status: words[(i * 7) % words.length] })).reverse();
  for (const input of [marks, shuffled, shuffled.concat(shuffled.slice(0, 20))]) {
    const want = ev.evaluate(input);
    assert.deepEqual(ev.evaluate(coded(input)), want);
    assert.deepEqual(ev.summarize(coded(input)), want.summary);
  }
  // The errors are those of the marks.
  for (const bad of [[{ participant: "p99", session: "s01", status: "hadir" }], [{ participant: "p01", session: "s01", status: "bolos" }], [{ participant: "p01", session: "s01" }]]) {
    const want = thrown(() => ev.evaluate(bad));
    const got = thrown(() => ev.evaluate(coded(bad)));
    assert.equal(got.code, want.code);
    assert.deepEqual(got.errors, want.errors);
  }
  const missing = thrown(() => ev.evaluate({ ...coded(marks.slice(0, 2)), participant: Uint32Array.of(0, 0xffffffff) }));
  assert.equal(missing.code, "request.invalid_shape");
  assert.match(missing.message, /attendance\[1\]\.participant/);
  const short = thrown(() => ev.evaluate({ ...coded(marks.slice(0, 2)), session: Uint32Array.of(0) }));
  assert.equal(short.code, "request.invalid_shape");
  const texts = thrown(() => ev.evaluate({ ...coded(marks.slice(0, 2)), participants: [1, 2] }));
  assert.equal(texts.code, "request.invalid_shape");
});

test("decisions as columns are the decisions", () => {
  const ev = new tamat.Evaluator(demo.course);
  for (const input of [demo.attendance, bytes("core/data/kaltim/attendance-long.csv")]) {
    const want = ev.evaluate(input);
    const cols = ev.decisionColumns(input);
    assert.ok(cols.outcome instanceof Uint8Array && cols.percent instanceof Float64Array);
    assert.equal(cols.outcome.length, want.decisions.length);
    want.decisions.forEach((d, i) => {
      assert.equal(cols.participant[i], d.participant);
      assert.equal(cols.outcomes[cols.outcome[i]], d.outcome);
      assert.equal(cols.attended[i], Number(d.attendance.attended));
      assert.equal(cols.total[i], Number(d.attendance.total));
      assert.equal(cols.percent[i], d.attendance.percent === null ? NaN : Number(d.attendance.percent));
      assert.equal(cols.meetsMinimum[i], d.attendance.meets_minimum ? 1 : 0);
      assert.equal(cols.atRisk[i], 0);
    });
    assert.deepEqual(cols.summary, want.summary);
  }
  const running = ev.decisionColumns(demo.attendance.slice(0, 100), { as_of: "2025-07-17T10:00:00+08:00" });
  const projected = ev.evaluate(demo.attendance.slice(0, 100), { as_of: "2025-07-17T10:00:00+08:00" });
  projected.decisions.forEach((d, i) => assert.equal(running.atRisk[i], d.projection && d.projection.at_risk ? 1 : 0));
  assert.ok(running.atRisk.some((x) => x === 1) || projected.decisions.every((d) => !(d.projection && d.projection.at_risk)));
});

test("the Evaluator's chart of a file is the chart operation's of its marks", () => {
  const ev = new tamat.Evaluator(demo.course);
  const file = "core/data/kaltim/attendance-long.csv";
  const marks = tamat.readAttendanceCsv({ course: demo.course, csv: fs.readFileSync(path.join(root, file), "utf8") }).attendance;
  const want = tamat.chart({ course: demo.course, attendance: marks });
  assert.deepEqual(ev.chart(bytes(file)), want);
  assert.deepEqual(ev.chart(coded(marks.filter((m) => m.status !== undefined))).histogram.length, want.histogram.length);
});

// Row objects and columns of strings are interned column by column in JavaScript and go
// into the grid by their codes (or, with check-in times, mark by mark): the same answer
// and the same errors as their JSON text through the contract's `evaluate`.
test("row objects and columns decide as their JSON text, in any order and with times", () => {
  const course = demo.course;
  const ev = new tamat.Evaluator(course);
  const strict = new tamat.Evaluator(course, { duplicates: "error", unknown_references: "error" });
  const viaJson = (evaluator, attendance) => {
    try {
      return tamat.evaluate({ course, policy: evaluator.policy, attendance: JSON.parse(JSON.stringify(attendance)), trace: true });
    } catch (e) {
      return { code: e.code, errors: e.errors };
    }
  };
  const direct = (evaluator, attendance) => {
    try {
      return evaluator.evaluate(attendance, { trace: true });
    } catch (e) {
      return { code: e.code, errors: e.errors };
    }
  };
  const asColumns = (rows) => {
    const fields = ["participant", "session", "status", "check_in", "check_out"].filter((f) => rows.some((r) => f in r));
    return Object.fromEntries(fields.map((f) => [f, rows.map((r) => (r[f] === undefined ? null : r[f]))]));
  };
  // Twelve status words (past the small-table comparisons), unknown ids, duplicates,
  // rows sorted, reversed and shuffled by a fixed rule; times from the demo's check-ins.
  const words = ["hadir", "H", "T", "izin", "sakit", "A", "present", "late", "alpha", "Hadir", "S", "I"];
  const plain = demo.attendance.filter((m) => m.status !== undefined);
  const timed = demo.attendance.filter((m) => m.check_in !== undefined);
  assert.ok(timed.length > 0, "the demo has check-in times");
  const reworded = plain.map((m, i) => ({ ...m, status: words[(i * 7) % words.length] }));
  const shuffled = reworded.map((m, i) => [(i * 7919) % reworded.length, m]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  const inputs = {
    sorted: plain,
    reversed: [...reworded].reverse(),
    shuffled,
    duplicates: shuffled.concat(shuffled.slice(0, 25).map((m) => ({ ...m, status: "A" }))),
    "unknown ids": shuffled.slice(0, 30).concat([{ participant: "p99", session: "s01", status: "hadir" }, { participant: "p01", session: "s99", status: "H" }]),
    "times after plain marks": plain.concat(timed),
    "times first": timed.concat(plain.slice(0, 40)),
    // One time column without the other (the README's columns have check_in only).
    "check-in only": plain.slice(0, 40).concat(timed.map(({ check_out, ...m }) => m)),
    "check-out only": timed.map(({ check_in, ...m }) => ({ ...m, check_out: check_in })).concat(plain.slice(0, 40)),
    "a note": plain.slice(0, 10).map((m) => ({ ...m, note: "ok" })),
    "unknown word": plain.slice(0, 5).concat([{ participant: "p01", session: "s01", status: "bolos" }]),
    "no status": plain.slice(0, 5).concat([{ participant: "p02", session: "s01" }]),
  };
  for (const [name, rows] of Object.entries(inputs)) {
    for (const evaluator of [ev, strict]) {
      const want = viaJson(evaluator, rows);
      assert.deepEqual(direct(evaluator, rows), want, `${name}: rows`);
      assert.deepEqual(direct(evaluator, asColumns(rows)), want, `${name}: columns`);
    }
  }
  // What intern.js does not take (a Date, a number, an unknown field) goes through JSON,
  // whose reader names the problem.
  const date = ev.evaluate([{ participant: timed[0].participant, session: timed[0].session, check_in: new Date(timed[0].check_in) }]);
  assert.deepEqual(date, ev.evaluate([{ participant: timed[0].participant, session: timed[0].session, check_in: new Date(timed[0].check_in).toISOString() }]));
  for (const bad of [[{ participant: "p01", session: "s01", status: 1 }], [{ participant: "p01", session: "s01", status: "H", extra: 1 }]]) {
    assert.equal(thrown(() => ev.evaluate(bad)).code, "request.invalid_shape");
  }
});
