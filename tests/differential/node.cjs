#!/usr/bin/env node
// Differential testing, WebAssembly side (Node): reads the cases core/examples/differential
// wrote (one JSON line each: input text and the native answer) and holds the package to
// them: evaluateJson(text) must answer the native bytes exactly, and Evaluator.evaluate on
// the marks as objects and as columns, and summarize, must give the native decisions,
// summary and warnings, or throw the native first error code. A disagreement is written
// as a ready conformance vector into --disagreements (default target/differential) and
// the run exits 1.
//
//   node tests/differential/node.cjs cases.jsonl
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");
const { isDeepStrictEqual } = require("node:util");
const tamat = require(path.join(__dirname, "../../bindings-wasm"));

function columns(marks) {
  const out = { participant: [], session: [] };
  for (const name of ["status", "check_in", "check_out", "note"]) {
    if (marks.some((m) => m[name] != null)) out[name] = [];
  }
  for (const m of marks) for (const k of Object.keys(out)) out[k].push(m[k] ?? null);
  return out;
}

function check(c) {
  const problems = [];
  if (tamat.evaluateJson(c.input) !== c.output) problems.push("evaluateJson differs from native");
  const native = JSON.parse(c.output);
  const req = JSON.parse(c.input);
  const { course, policy, attendance, ...options } = req;
  const ways = [
    ["request", () => tamat.evaluate(req)],
    ["objects", (ev) => ev.evaluate(attendance, options)],
    ["columns", (ev) => ev.evaluate(columns(attendance || []), options)],
    ["summarize", (ev) => ({ summary: ev.summarize(attendance, options) })],
  ];
  for (const [name, run] of ways) {
    let got;
    try {
      got = run(new tamat.Evaluator(course, policy));
    } catch (e) {
      if (native.type !== "failure") problems.push(`${name}: threw ${e.code || e}, native evaluated`);
      else if (e.code !== native.errors[0].code) problems.push(`${name}: ${e.code}, native ${native.errors[0].code}`);
      continue;
    }
    if (native.type !== "success") {
      problems.push(`${name}: evaluated, native refused with ${native.errors[0].code}`);
      continue;
    }
    for (const [k, v] of Object.entries(got)) {
      if (!isDeepStrictEqual(v, native[k])) problems.push(`${name}: \`${k}\` differs`);
    }
  }
  return problems;
}

async function main() {
  const args = process.argv.slice(2);
  const file = args[0];
  const i = args.indexOf("--disagreements");
  const outDir = i >= 0 ? args[i + 1] : "target/differential";
  let total = 0;
  let agreed = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const c = JSON.parse(line);
    total += 1;
    const problems = check(c);
    if (problems.length === 0) {
      agreed += 1;
      continue;
    }
    fs.mkdirSync(outDir, { recursive: true });
    const name = `diff-node-${c.seed}-${c.index}`;
    const vector = {
      description: `Found by differential testing (WebAssembly): ${problems.join("; ")}`,
      operation: "evaluate",
      input: JSON.parse(c.input),
      expect: JSON.parse(c.output),
    };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(vector, null, 2));
    console.error(`${name}: ${problems.join("; ")}`);
  }
  console.log(`node: ${agreed} of ${total} cases agree with native`);
  process.exit(agreed === total ? 0 : 1);
}

main();
