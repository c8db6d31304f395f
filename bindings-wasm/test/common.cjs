// Shared by the Node suites: the conformance vectors, what the Rust core answers to
// each (exact input text and output bytes), and the vectors' pattern rule.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const os = require("node:os");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");

function loadVectors() {
  const dir = path.join(ROOT, "tests", "vectors");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.slice(0, -5), ...JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) }));
}

let rust = null;
/** `{name: {input, output}}` from the Rust core; made with cargo unless
    TAMAT_VECTOR_OUTPUTS names a file the test command already made. */
function rustOutputs() {
  if (rust) return rust;
  let file = process.env.TAMAT_VECTOR_OUTPUTS;
  if (!file) {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tamat-")), "outputs.json");
    execFileSync("cargo", ["run", "-q", "-p", "tamat", "--example", "vector_outputs", "--", file], { cwd: ROOT, stdio: "inherit" });
  }
  rust = Object.fromEntries(JSON.parse(fs.readFileSync(file, "utf8")).map((e) => [e.name, e]));
  return rust;
}

/** tests/vectors/README.md: expected keys present and matching, arrays element by
    element with equal length, numbers by value, everything else exactly. */
function matches(expected, actual, at, problems) {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      problems.push(`${at}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => matches(e, actual[i], `${at}[${i}]`, problems));
  } else if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      problems.push(`${at}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) problems.push(`${at}.${k}: missing (expected ${JSON.stringify(v)})`);
      else matches(v, actual[k], `${at}.${k}`, problems);
    }
  } else if (expected !== actual) {
    problems.push(`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const camel = (op) => op.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

module.exports = { ROOT, loadVectors, rustOutputs, matches, camel };
