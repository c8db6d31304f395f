// The object API in Node: errors with codes, Dates, batch forms, certificates.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const tamat = require("..");

const demo = tamat.demo();
const course = {
  id: "c1",
  title: "Uji",
  time_zone: "WITA",
  sessions: [
    { id: "s1", start: "2025-07-17T08:00", end: "2025-07-17T09:00" },
    { id: "s2", start: "2025-07-17T09:00", end: "2025-07-17T10:00" },
  ],
  participants: [
    { id: "p1", name: "Satu" },
    { id: "p2", name: "Dua" },
  ],
};

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

test("the bundled course: 27 LULUS, 3 TELAH MENGIKUTI", () => {
  const r = tamat.evaluate({ course: demo.course, attendance: demo.attendance });
  assert.equal(r.summary.lulus, 27);
  assert.equal(r.summary.telah_mengikuti, 3);
  const d = r.decisions.find((x) => x.participant === "p11");
  assert.equal(d.attendance.percent, 80);
  assert.equal(d.reasons[0].message.id, "Kehadiran 80% di bawah syarat 90%");
  assert.ok(!(r instanceof Map) && Object.getPrototypeOf(r) === Object.prototype);
});

test("rows and columns give the same decisions", () => {
  const rows = [
    { participant: "p1", session: "s1", status: "H" },
    { participant: "p1", session: "s2", status: "hadir" },
    { participant: "p2", session: "s1", status: "izin" },
  ];
  // p2's only mark is izin (absent by default): never attended, so no document
  const columns = { participant: rows.map((r) => r.participant), session: rows.map((r) => r.session), status: rows.map((r) => r.status) };
  const ev = new tamat.Evaluator(course);
  assert.deepEqual(ev.evaluate(rows), ev.evaluate(columns));
  assert.deepEqual(ev.evaluate(rows), tamat.evaluate({ course, attendance: rows }));
  assert.deepEqual(ev.summarize(columns), { participants: 2, lulus: 1, telah_mengikuti: 0, no_document: 1, pending: 0 });
  assert.deepEqual(ev.participants, ["p1", "p2"]);
  assert.equal(ev.totalJp, 2);
  const e = thrown(() => ev.evaluate({ participant: ["p1"], session: [], status: ["H"] }));
  assert.equal(e.code, "request.invalid_shape");
});

test("row objects: unknown fields refused, notes and undefined fields accepted", () => {
  const ev = new tamat.Evaluator(course);
  const base = [{ participant: "p1", session: "s1", status: "H" }, { participant: "p2", session: "s1", status: "alpha" }];
  const expected = ev.evaluate(base);
  const withRoom = [base[0], { ...base[1], room: "B" }];
  const e = thrown(() => ev.evaluate(withRoom));
  assert.equal(e.code, "request.invalid_shape");
  assert.match(e.message, /room/);
  assert.deepEqual(ev.evaluate([{ ...base[0], note: "kursi depan", check_in: undefined }, { ...base[1], note: null }]), expected);
  // a field that is not text goes the exact way and is refused with the JSON reader's words
  assert.equal(thrown(() => ev.evaluate([{ participant: "p1", session: "s1", status: 3 }])).code, "request.invalid_shape");
});

test("Dates and RFC 3339 text are the same instant; an invalid Date is refused, not dropped", () => {
  const marks = [{ participant: "p1", session: "s1", check_in: new Date("2025-07-17T00:40:00Z") }];
  const a = tamat.evaluate({ course, attendance: marks, as_of: new Date("2025-07-17T01:30:00Z") });
  const b = tamat.evaluate({ course, attendance: [{ participant: "p1", session: "s1", check_in: "2025-07-17T08:40:00+08:00" }], as_of: "2025-07-17T09:30:00+08:00" });
  assert.deepEqual(a.decisions, b.decisions);
  assert.equal(a.decisions[0].outcome, "pending");
  assert.equal(a.decisions[0].trace[0].status, "terlambat", "traces by default, as the contract");
  const bad = thrown(() => tamat.evaluate({ course, as_of: new Date("nope") }));
  assert.equal(bad.code, "request.invalid_shape");
  assert.match(bad.message, /Invalid Date in `as_of`/);
  const ev = new tamat.Evaluator(course);
  assert.equal(thrown(() => ev.evaluate([], { as_of: new Date("nope") })).code, "request.invalid_shape");
  assert.deepEqual(ev.evaluate(marks, { as_of: new Date("2025-07-17T01:30:00Z") }).decisions, a.decisions);
});

test("the Evaluator reads its options as the contract does: the core's defaults, unknown members refused", () => {
  const ev = new tamat.Evaluator(course);
  const rows = [{ participant: "p1", session: "s1", status: "H" }];
  const whole = tamat.evaluate({ course, attendance: rows });
  assert.deepEqual(ev.evaluate(rows), whole, "trace defaults to the contract's (true)");
  assert.ok(whole.decisions[0].trace);
  assert.equal(ev.evaluate(rows, { trace: false }).decisions[0].trace, undefined);
  const one = ev.evaluate(rows, { participant: "p2" });
  assert.deepEqual(one.decisions.map((d) => d.participant), ["p2"]);
  const e = thrown(() => ev.evaluate(rows, { asOf: "2025-07-17T09:30:00+08:00" }));
  assert.equal(e.code, "request.invalid_shape");
  assert.match(e.message, /asOf/);
});

test("errors are Error objects with code, messages, details and every error", () => {
  const e = thrown(() =>
    tamat.evaluate({ course: { ...course, participants: [{ id: "p1", name: "A", nip: "1" }, { id: "p2", name: "B", nip: "2" }] } }),
  );
  assert.ok(e instanceof Error);
  assert.equal(e.code, "identity.invalid_nip");
  assert.equal(e.errors.length, 2);
  assert.notEqual(e.messages.id, e.messages.en);
  assert.match(e.message, /^\[identity\.invalid_nip\]/);
  const u = thrown(() => tamat.evaluate({ course, attendance: [{ participant: "p9", session: "s1", status: "H" }] }));
  assert.equal(u.code, "attendance.unknown_participant");
  assert.equal(u.details.participant, "p9");
  const c = thrown(() => new tamat.Evaluator("{not json"));
  assert.equal(c.code, "request.invalid_json");
  const cyc = {};
  cyc.self = cyc;
  assert.equal(thrown(() => tamat.evaluate({ course, attendance: cyc })).code, "request.invalid_shape");
  assert.equal(thrown(() => tamat.call("no_such_operation", {})).code, "request.invalid_shape");
});

test("JSON functions never throw and never report internal.error on garbage", () => {
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const samples = ["", "{", "[]", "null", '{"course": 1}', "\ufeff{}", '{"a":'.repeat(300), "1e999"];
  for (let i = 0; i < 200; i++) samples.push(Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(Math.floor(rnd() * 0x2ff))).join(""));
  for (const op of tamat.operations()) {
    for (const s of samples) {
      const out = JSON.parse(tamat.callJson(op, s));
      if (out.type === "success") {
        assert.ok(op === "canonicalize" || op === "ledger", `${op}: ${JSON.stringify(s)}`);
        continue;
      }
      assert.ok(out.errors.length > 0 && out.errors.every((e) => e.code !== "internal.error"), op);
    }
  }
});

test("errors never quote a secret", () => {
  const seed = "9b2f6e1c0a7d4e3f8a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdef0";
  const bad = [seed, [seed], { secret: seed.slice(0, 62) }, { secret: seed + "00" }, { secret: [seed] }, { secret: seed, note: seed }];
  for (const key of bad) {
    let thrown = null;
    try {
      tamat.publicKey({ key });
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown, JSON.stringify(key));
    const shown = [String(thrown), thrown.message, JSON.stringify(thrown.details), JSON.stringify(thrown.errors), thrown.stack].join(" ");
    assert.ok(!shown.includes(seed.slice(8, 40)), shown);
    assert.ok(!tamat.publicKeyJson(JSON.stringify({ key })).includes(seed.slice(8, 40)));
  }
});

test("issue, verify, tamper, revoke, status list: requests handed over whole", () => {
  const key = { secret: "09".repeat(32) };
  const at = new Date("2026-01-01T00:00:00Z");
  const issued = tamat.issue({ ...demo, key });
  assert.equal(issued.certificates.length, 30);
  assert.equal(issued.certificates[0].number, "00001/BPSDM-KALTIM/VII/2025");
  assert.deepEqual(tamat.issue(demo).certificates.map((c) => c.number), issued.certificates.map((c) => c.number));
  const keys = [issued.issuer];
  const credential = issued.credentials[3];
  // No status lists: never "valid" (fail closed).
  assert.equal(tamat.verify({ credential, keys, at }).status, "status_unchecked");
  assert.equal(tamat.verify({ credential: JSON.stringify(credential), keys, at }).status, "status_unchecked");
  const tampered = structuredClone(credential);
  tampered.credentialSubject.identifier = [];
  assert.equal(tamat.verify({ credential: tampered, keys, at }).status, "tampered");
  const other = tamat.publicKey({ key: { secret: "08".repeat(32) } });
  assert.equal(tamat.verify({ credential, keys: [other.multikey], at }).status, "unknown_key");
  const again = tamat.issue({ ...demo, key, register: issued.register });
  assert.deepEqual(again.issued, []);
  assert.deepEqual(again.credentials, issued.credentials);
  // issue takes no re-issue members: refused, not ignored
  assert.equal(thrown(() => tamat.issue({ ...demo, certificate: issued.certificates[0].id })).code, "request.invalid_shape");
  const id = issued.certificates[3].id;
  const revoked = tamat.changeStatus({ register: issued.register, certificate: id, action: "revoke", at, reason: "data salah" });
  assert.equal(revoked.entry.state, "revoked");
  // the purpose defaults to message (the one list the credentials name), in the core
  const list = tamat.statusList({ register: revoked.register, settings: demo.settings, key, valid_from: at }).credential;
  assert.equal(list.credentialSubject.statusPurpose, "message");
  assert.equal(credential.credentialStatus.statusPurpose, "message");
  assert.equal(credential.credentialStatus.statusListCredential, list.id);
  assert.equal(tamat.verify({ credential: list, keys, at }).status, "valid");
  const v = tamat.verify({ credential, keys, status_lists: [list], at });
  assert.equal(v.status, "revoked");
  assert.equal(v.revocation, "set");
  // Both proofs of the proof set checked in the browser's build too, each by its suite.
  assert.deepEqual(v.proofs.map((p) => [p.cryptosuite, p.status]), [["eddsa-rdfc-2022", "valid"], ["eddsa-jcs-2022", "valid"]]);
  const rdfcOnly = structuredClone(credential);
  rdfcOnly.proof = [credential.proof[0]];
  rdfcOnly.sttpp.holder.name += ".";
  assert.equal(tamat.verify({ credential: rdfcOnly, keys, at }).status, "tampered");
  const undefinedTerm = { ...structuredClone(credential), nilaiTambahan: "A" };
  undefinedTerm.proof = [credential.proof[0]];
  assert.equal(thrown(() => tamat.verify({ credential: undefinedTerm, keys, at })).code, "credential.invalid");
  // A NIP the verifier holds: named by the credential, or not.
  const nip = issued.certificates[3].holder.nip;
  assert.equal(tamat.verify({ credential, keys, at, identity: nip }).identity, "matched");
  assert.equal(tamat.verify({ credential, keys, at, identity: "198001012010011001" }).identity, "not_matched");
  assert.equal(tamat.verify({ credential, keys, at }).identity, null);
  const twice = thrown(() => tamat.changeStatus({ register: revoked.register, certificate: id, action: "revoke" }));
  assert.equal(twice.code, "register.invalid_transition");
  const page = tamat.render({ certificate: issued.certificates[3], credential, settings: demo.settings });
  assert.ok(page.qr_payload.includes(id));
  assert.ok(page.svg.includes("<svg"));
  assert.equal(tamat.formatNumber({ sequence: 42, date: "2025-07-18", unit: "BU" }).number, "00042/BU/VII/2025");
  assert.equal(tamat.canonicalize({ b: 1, a: [true, null] }).canonical, '{"a":[true,null],"b":1}');
  // call by name gives what the named function gives
  assert.deepEqual(tamat.call("verify", { credential, keys, status_lists: [list], at }), v);
});

test("verification fails closed: no list, a stale list, a duplicate-key forgery", () => {
  const key = { secret: "06".repeat(32) };
  const at = new Date("2026-01-01T00:00:00Z");
  const issued = tamat.issue({ ...demo, key });
  const keys = [issued.issuer];
  const id = issued.certificates[2].id;
  const register = tamat.changeStatus({ register: issued.register, certificate: id, action: "revoke", at }).register;
  // A revoked certificate verified without its lists is not "valid".
  const unchecked = tamat.verify({ credential: issued.credentials[2], keys, at });
  assert.equal(unchecked.status, "status_unchecked");
  assert.equal(unchecked.revocation, "unchecked");
  const lists = [tamat.statusList({ register, settings: demo.settings, key, valid_from: at, valid_until: "2026-01-02T00:00:00Z" }).credential];
  assert.equal(lists[0].validUntil, "2026-01-02T00:00:00Z");
  assert.equal(tamat.verify({ credential: issued.credentials[2], keys, status_lists: lists, at }).status, "revoked");
  assert.equal(tamat.verify({ credential: issued.credentials[4], keys, status_lists: lists, at }).status, "valid");
  const later = "2026-01-03T00:00:00Z";
  const stale = tamat.verify({ credential: issued.credentials[4], keys, status_lists: lists, at: later });
  assert.equal(stale.status, "status_stale");
  assert.equal(stale.revocation, "stale");
  // Lists given as text are read by the core too.
  const texts = lists.map((l) => JSON.stringify(l));
  assert.equal(tamat.verify({ credential: issued.credentials[4], keys, status_lists: texts, at }).status, "valid");
  // A forged name before the signed one: JSON.parse would keep the signed one, another
  // reader the forged one; the core refuses the text.
  const forged = '{"name": "Forged", ' + JSON.stringify(issued.credentials[4]).slice(1);
  const err = thrown(() => tamat.verify({ credential: forged, keys, status_lists: lists, at }));
  assert.equal(err.code, "request.invalid_json");
});

test("expired and not yet valid", () => {
  const key = { secret: "07".repeat(32) };
  const settings = { ...demo.settings, valid_until: "2026-07-18T00:00:00Z" };
  const issued = tamat.issue({ ...demo, settings, key });
  const keys = [issued.issuer];
  const credential = issued.credentials[0];
  assert.equal(tamat.verify({ credential, keys, at: "2027-01-01T00:00:00Z" }).status, "expired");
  assert.equal(tamat.verify({ credential, keys, at: "2025-01-01T00:00:00Z" }).status, "not_yet_valid");
});

test("projection of a course still running", () => {
  const answer = tamat.project({ course, attendance: [{ participant: "p1", session: "s1", status: "A" }], as_of: "2025-07-17T09:30:00+08:00" });
  const p1 = answer.projections.find((r) => r.participant === "p1");
  assert.equal(p1.projection.state, "unreachable");
});

test("CSV sheets: both layouts decide alike; bad rows name their line", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const dir = path.join(__dirname, "..", "..", "core", "data", "kaltim");
  const read = (file) => tamat.readAttendanceCsv({ course: demo.course, csv: fs.readFileSync(path.join(dir, file), "utf8") }).attendance;
  const wide = read("attendance-wide.csv");
  const long = read("attendance-long.csv");
  assert.equal(wide.length, 300);
  assert.deepEqual(long, demo.attendance);
  const outcomes = (m) => tamat.evaluate({ course: demo.course, attendance: m }).decisions.map((d) => d.outcome);
  assert.deepEqual(outcomes(wide), outcomes(long));
  const e = thrown(() => tamat.readAttendanceCsv({ course: demo.course, csv: "participant;s01\np01;H;X\n" }));
  assert.equal(e.code, "attendance.invalid_sheet");
  assert.deepEqual([e.details.line, e.details.column], [2, "#3"]);
});

test("workbooks saved by LibreOffice decide as the CSV they were saved from; a meeting report and a Moodle export too", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const root = path.join(__dirname, "..", "..");
  const file = (p) => fs.readFileSync(path.join(root, p)).toString("base64");
  const csv = tamat.readAttendanceCsv({ course: demo.course, csv: fs.readFileSync(path.join(root, "core/data/kaltim/attendance-wide.csv"), "utf8") });
  const decide = (course, attendance) => tamat.evaluate({ course, attendance }).decisions.map((d) => [d.participant, d.outcome, d.attendance.attended]);
  for (const book of ["tests/data/workbooks/attendance-wide.xlsx", "tests/data/workbooks/attendance-wide.ods"]) {
    const read = tamat.readAttendanceFile({ course: demo.course, file: file(book) });
    assert.equal(read.worksheet, "wide");
    assert.deepEqual(read.attendance, csv.attendance, book);
    assert.deepEqual(decide(demo.course, read.attendance), decide(demo.course, csv.attendance), book);
  }
  const e = thrown(() => tamat.readAttendanceFile({ course: demo.course, file: file("tests/data/workbooks/attendance-wide-nip-as-number.xlsx") }));
  assert.equal(e.details.problem, "nip_as_number");
  assert.equal(e.details.worksheet, "damaged");
  const online = JSON.parse(fs.readFileSync(path.join(root, "tests/data/meetings/course.json"), "utf8"));
  const zoom = tamat.readMeetingReport({ course: online, file: file("tests/data/meetings/zoom-participants.csv") });
  const teams = tamat.readMeetingReport({ course: online, file: file("tests/data/meetings/teams-attendance.csv") });
  assert.deepEqual(decide(online, zoom.attendance), decide(online, teams.attendance), "one meeting, two reports, one decision");
  const moodle = tamat.readMoodleExport({ course: online, file: file("tests/data/moodle/attendance-export.ods") });
  assert.deepEqual(moodle.unmatched.map((u) => u.name), ["Peserta Tamu"]);
});

test("a language other than id or en is refused, not taken for Indonesian", () => {
  assert.equal(tamat.outcomeLabel("lulus", "en"), "PASSED");
  assert.equal(tamat.outcomeLabel("lulus", "id"), "LULUS");
  const err = thrown(() => tamat.outcomeLabel("lulus", "fr"));
  assert.equal(err.code, "request.invalid_shape");
});

test("reissue honours as_of and participant like issue", () => {
  const key = { secret: "05".repeat(32) };
  const issued = tamat.issue({ ...demo, key });
  const course = structuredClone(demo.course);
  course.participants[1].name = "Nama Baru";
  const id = issued.certificates[1].id;
  const r = tamat.reissue({ course, attendance: demo.attendance, settings: demo.settings, key, register: issued.register,
    certificate: id, participant: course.participants[1].id });
  assert.equal(r.certificate.holder.name, "Nama Baru");
  // A participant filter that leaves out the holder: the core says so, it is not ignored.
  const err = thrown(() => tamat.reissue({ course, attendance: demo.attendance, settings: demo.settings, key,
    register: issued.register, certificate: id, participant: course.participants[0].id }));
  assert.equal(err.code, "request.unknown_participant");
});

test("credentialHash is the hash the QR code carries; credentialsInPdf reads a certificate PDF", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const data = path.join(__dirname, "..", "..", "tests", "data");
  const credential = JSON.parse(fs.readFileSync(path.join(data, "certificate.pdf.vc.json"), "utf8"));
  const demo = tamat.demo();
  const rendered = tamat.render({ certificate: credential.sttpp, credential, settings: demo.settings });
  const hash = tamat.credentialHash(credential);
  assert.match(hash, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(rendered.qr_payload, `https://sertifikat.bpsdm-kaltim.example/#${credential.sttpp.id}.${hash}`);
  assert.equal(tamat.credentialHash(JSON.stringify(credential, null, 2)), hash);
  const changed = structuredClone(credential);
  changed.sttpp.holder.name += "x";
  assert.notEqual(tamat.credentialHash(changed), hash);
  assert.throws(() => tamat.credentialHash('{"a":1,"a":2}'), (e) => e.code === "request.invalid_json");

  const found = tamat.credentialsInPdf(fs.readFileSync(path.join(data, "certificate.pdf")));
  assert.equal(found.length, 1);
  assert.equal(found[0].name, `${credential.sttpp.id}.vc.json`);
  assert.deepEqual(found[0].credential, credential);
  assert.throws(() => tamat.credentialsInPdf(new TextEncoder().encode("not a pdf")), (e) => e.code === "document.invalid" && e.details.problem === "pdf_unreadable");
  assert.throws(() => tamat.credentialsInPdf(new Uint8Array()), (e) => e.code === "document.invalid");
});
