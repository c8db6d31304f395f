// The small package (`tamat/small`, bindings-wasm/build.sh): evaluation and
// eddsa-jcs-2022 verification in at most 300 KB gzipped. For every conformance vector it
// answers exactly as the full package (itself held to Rust's bytes by vectors.test.cjs)
// wherever it carries what the vector needs; where it does not (a zone outside its
// build, an eddsa-rdfc-2022 proof, a workbook, a PDF) it refuses with a code, and a
// verification it cannot do is never reported valid.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const full = require("..");
const small = require("../pkg/small/node/tamat.js");
const { ROOT, loadVectors, rustOutputs } = require("./common.cjs");

const vectors = loadVectors();
const carried = new Set(["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura", "UTC", "Etc/UTC"]);
const outcome = (f) => {
  try {
    return { ok: f() };
  } catch (e) {
    return { code: e.code, details: e.details, errors: e.errors, message: e.message };
  }
};
const zoneOf = (course) => (course && typeof course === "object" ? course.time_zone : undefined);
const indonesian = (zone) => {
  const z = String(zone ?? "").trim().toUpperCase();
  return ["WIB", "WITA", "WIT"].includes(z) || carried.has(String(zone ?? "").trim());
};

test("the small package is at most 300 KB gzipped, and the full one is larger", () => {
  const wasm = fs.readFileSync(path.join(__dirname, "..", "pkg", "small", "web", "tamat_bg.wasm"));
  const gz = zlib.gzipSync(wasm, { level: 9 }).length;
  assert.ok(gz <= 300_000, `small package ${gz} bytes gzipped`);
  const whole = zlib.gzipSync(fs.readFileSync(path.join(__dirname, "..", "pkg", "web", "tamat_bg.wasm")), { level: 9 }).length;
  assert.ok(whole > gz * 2, `full ${whole}, small ${gz}`);
});

test("the small package has evaluation and verification, not the rest of the contract", () => {
  for (const f of ["Evaluator", "verify", "verifyJson", "credentialHash", "outcomeLabel", "formatNip", "version"]) {
    assert.equal(typeof small[f], "function", f);
  }
  for (const f of ["issue", "issueJson", "signCredential", "render", "callJson", "demo", "schemaJson"]) {
    assert.equal(small[f], undefined, f);
  }
  assert.equal(small.Evaluator.prototype.chart, undefined);
  assert.equal(small.version(), full.version());
});

const evaluateVectors = vectors.filter((v) => v.operation === "evaluate" && v.input && v.input.course);
test("evaluate vectors cover zones the small package carries and zones it does not", () => {
  const zones = evaluateVectors.map((v) => zoneOf(v.input.course));
  assert.ok(zones.filter(indonesian).length >= 100);
  assert.ok(zones.filter((z) => typeof z === "string" && !indonesian(z)).length >= 1);
});

for (const v of evaluateVectors) {
  test(`vector ${v.name}: the small package decides as the full one`, () => {
    const { course, policy, attendance, ...options } = v.input;
    const run = (pkg) => outcome(() => new pkg.Evaluator(course, policy).evaluate(attendance, options));
    const want = run(full);
    const got = run(small);
    const zone = zoneOf(course);
    if (want.code === "course.invalid_time_zone") {
      assert.equal(got.code, want.code);
      assert.match(got.details.carried, /Asia\/Makassar/);
      return;
    }
    if (indonesian(zone) || typeof zone !== "string") {
      assert.deepEqual(got, want);
      return;
    }
    if (want.code && want.code !== "course.invalid_time_zone" && !want.code.startsWith("schedule.")) {
      // Refused before the zone is read (the course's shape): the same refusal.
      if (got.code === want.code) return;
    }
    assert.equal(got.code, "course.invalid_time_zone", JSON.stringify(got));
    assert.equal(got.details.zone, zone);
    assert.match(got.details.carried, /Asia\/Makassar/);
    assert.match(got.message, /the full package carries every zone/);
    assert.match(got.errors[0].messages.id, /paket lengkap membawa semua zona/);
  });
}

test("a zone outside the small package names the zones it carries; the full package reads it", () => {
  const demoCourse = JSON.parse(JSON.stringify(full.demo().course));
  demoCourse.time_zone = "Europe/Berlin";
  assert.ok(new full.Evaluator(demoCourse).totalJp > 0);
  const e = outcome(() => new small.Evaluator(demoCourse));
  assert.equal(e.code, "course.invalid_time_zone");
  const names = e.details.carried.split(", ");
  for (const z of carried) assert.ok(names.includes(z), z);
  assert.ok(names.length < 20, "only the zones of the build (and their aliases)");
  for (const z of names) {
    demoCourse.time_zone = z;
    assert.equal(new small.Evaluator(demoCourse).totalJp, new full.Evaluator(demoCourse).totalJp, z);
  }
  demoCourse.time_zone = "Europe/Nowhere";
  const f = outcome(() => new full.Evaluator(demoCourse));
  assert.equal(f.code, "course.invalid_time_zone");
  assert.equal(f.details.carried, undefined, "the full package carries every zone and says nothing of a build");
  demoCourse.time_zone = "WITA";
  assert.equal(new small.Evaluator(demoCourse).totalJp, new full.Evaluator(demoCourse).totalJp);
});

const courseVectors = vectors.filter((v) => v.operation === "check_course" && v.input && v.input.course);
test("course vectors include zones with daylight saving", () => {
  assert.ok(courseVectors.filter((v) => !indonesian(zoneOf(v.input.course))).length >= 3);
});
for (const v of courseVectors) {
  test(`vector ${v.name}: the small package compiles the course as the full one, or refuses its zone`, () => {
    const run = (pkg) => outcome(() => {
      const e = new pkg.Evaluator(v.input.course, v.input.policy);
      return { participants: e.participants, sessions: e.sessions, totalJp: e.totalJp };
    });
    const want = run(full);
    const got = run(small);
    const zone = zoneOf(v.input.course);
    if (want.code === "course.invalid_time_zone") {
      // Not a zone anywhere: the same code, the small package naming what it carries.
      assert.equal(got.code, want.code);
      assert.equal(got.details.zone, want.details.zone);
      assert.match(got.details.carried, /Asia\/Makassar/);
    } else if (indonesian(zone) || typeof zone !== "string") {
      assert.deepEqual(got, want);
    } else if (got.code !== want.code) {
      assert.equal(got.code, "course.invalid_time_zone");
      assert.match(got.details.carried, /Asia\/Makassar/);
    }
  });
}

test("a CSV file's bytes and coded columns decide as in the full package; a workbook is refused with a code", () => {
  const demo = full.demo();
  for (const file of ["core/data/kaltim/attendance-long.csv", "core/data/kaltim/attendance-wide.csv"]) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, file)));
    const a = outcome(() => new full.Evaluator(demo.course).evaluate(bytes));
    assert.ok(a.ok, file);
    assert.deepEqual(outcome(() => new small.Evaluator(demo.course).evaluate(bytes)), a, file);
  }
  assert.deepEqual(
    new small.Evaluator(demo.course).decisionColumns(demo.attendance).outcome,
    new full.Evaluator(demo.course).decisionColumns(demo.attendance).outcome,
  );
  const xlsx = new Uint8Array(fs.readFileSync(path.join(ROOT, "tests/data/workbooks/attendance-wide.xlsx")));
  assert.ok(outcome(() => new full.Evaluator(demo.course).evaluate(xlsx)).ok);
  const w = outcome(() => new small.Evaluator(demo.course).evaluate(xlsx));
  assert.ok(w.code, "a workbook is refused with a code");
});

const verifyVectors = vectors.filter((v) => v.operation === "verify");
test("verify vectors include both cryptosuites", () => {
  const rdfc = verifyVectors.filter((v) => rustOutputs()[v.name].input.includes("eddsa-rdfc-2022"));
  assert.ok(rdfc.length >= 1);
  assert.ok(verifyVectors.length - rdfc.length >= 20);
});

for (const v of verifyVectors) {
  test(`vector ${v.name}: the small package verifies as the full one, or never valid`, () => {
    const rust = rustOutputs()[v.name];
    const got = small.verifyJson(rust.input);
    if (!rust.input.includes("eddsa-rdfc-2022")) {
      assert.equal(got, rust.output);
      return;
    }
    const doc = JSON.parse(got);
    assert.notEqual(doc.valid, true, "an eddsa-rdfc-2022 proof the small package cannot check is not valid");
    for (const r of doc.results ?? []) assert.notEqual(r.valid, true);
  });
}

test("credentialHash is the full package's; a PDF is refused with pdf_not_in_build", () => {
  const v = verifyVectors.find((x) => x.input && x.input.credential && typeof x.input.credential === "object");
  assert.ok(v);
  assert.equal(small.credentialHash(v.input.credential), full.credentialHash(v.input.credential));
  const e = outcome(() => small.credentialsInPdf(new Uint8Array([37, 80, 68, 70])));
  assert.equal(e.code, "document.invalid");
  assert.equal(e.details.problem, "pdf_not_in_build");
});

test("a credential signed with both suites is refused; signed with eddsa-jcs-2022 only it verifies as in the full package", () => {
  const demo = full.demo();
  const at = new Date("2026-01-01T00:00:00Z");
  const both = full.issue(demo);
  const request = (issued) => ({ credential: issued.credentials[0], keys: [issued.issuer], at });
  assert.equal(full.verify(request(both)).status, "status_unchecked");
  const refused = outcome(() => small.verify(request(both)));
  assert.equal(refused.code, "credential.invalid");
  assert.equal(refused.details.problem, "rdfc_unavailable");
  const jcs = full.issue({ ...demo, settings: { ...demo.settings, cryptosuites: ["eddsa-jcs-2022"] } });
  assert.deepEqual(small.verify(request(jcs)), full.verify(request(jcs)));
  const tampered = JSON.parse(JSON.stringify(jcs.credentials[0]));
  tampered.credentialSubject.name = "Someone Else";
  const t = outcome(() => small.verify({ credential: tampered, keys: [jcs.issuer], at }));
  const f = outcome(() => full.verify({ credential: tampered, keys: [jcs.issuer], at }));
  assert.deepEqual(t, f);
  assert.notEqual(t.ok && t.ok.status, "valid");
});
