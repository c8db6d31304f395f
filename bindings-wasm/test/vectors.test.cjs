// Every conformance vector through the WebAssembly package in Node: the same bytes as
// Rust for the same input text, the vector's expectation met, and the object API giving
// the same documents (or throwing the same codes).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const tamat = require("..");
const { loadVectors, rustOutputs, matches, camel } = require("./common.cjs");

const vectors = loadVectors();

test("vectors exist for the operations the package knows", () => {
  assert.ok(vectors.length >= 200);
  const ops = new Set(tamat.operations());
  for (const v of vectors) assert.ok(ops.has(v.operation), v.operation);
  for (const op of ops) assert.equal(typeof tamat[`${camel(op)}Json`], "function", op);
});

for (const v of vectors) {
  test(`vector ${v.name}`, () => {
    const rust = rustOutputs()[v.name];
    const out = tamat[`${camel(v.operation)}Json`](rust.input);
    assert.equal(out, rust.output, "WebAssembly and Rust answer the same input differently");
    assert.equal(tamat.callJson(v.operation, rust.input), rust.output);
    const problems = [];
    matches(v.expect, JSON.parse(out), "", problems);
    assert.deepEqual(problems, []);
  });
}

const evaluateVectors = vectors.filter((v) => (v.operation === "evaluate" || v.operation === "evaluate_participant") && v.input);
for (const v of evaluateVectors) {
  test(`vector ${v.name} through Evaluator`, () => {
    const req = v.input;
    const expected = JSON.parse(tamat.callJson(v.operation, JSON.stringify(req)));
    const known = ["course", "attendance", "scores", "policy", "as_of", "participant", "trace"];
    const unknown = Object.keys(req).filter((k) => !known.includes(k));
    const run = () => {
      const ev = new tamat.Evaluator(req.course, req.policy);
      const options = { scores: req.scores, asOf: req.as_of, trace: req.trace ?? true };
      if (v.operation === "evaluate_participant" || "participant" in req) {
        return { decision: ev.evaluateParticipant(req.participant, req.attendance, options) };
      }
      return ev.evaluate(req.attendance, options);
    };
    if (expected.type === "success" && unknown.length === 0) {
      const got = run();
      for (const [k, value] of Object.entries(got)) assert.deepEqual(value, expected[k], k);
    } else {
      let thrown = null;
      try {
        run();
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown, "expected a failure");
      if (unknown.length === 0 && thrown.code) assert.equal(thrown.code, expected.errors[0].code);
    }
  });
}
