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
  test(`vector ${v.name} through Evaluator and the object API`, () => {
    const { course, policy, attendance, ...options } = v.input;
    const expected = JSON.parse(tamat.callJson(v.operation, JSON.stringify(v.input)));
    const whole = () => tamat[camel(v.operation)](v.input);
    const compiled = () => {
      const e = new tamat.Evaluator(course, policy).evaluate(attendance, options);
      return v.operation === "evaluate" ? e : { decision: e.decisions[0], warnings: e.warnings };
    };
    for (const run of [whole, compiled]) {
      if (expected.type === "success") {
        const { type, ...answer } = expected;
        assert.deepEqual(run(), answer);
      } else {
        let thrown = null;
        try {
          run();
        } catch (e) {
          thrown = e;
        }
        assert.ok(thrown, "expected a failure");
        assert.equal(thrown.code, expected.errors[0].code);
      }
    }
  });
}
