// What the ecosystem suites share: the East Kalimantan demo's output (`tamat demo`, read
// from TAMAT_DEMO_DIR or made here with the command), the command's contract
// (`tamat call`), and status lists after changes, signed with the demo key.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The command and its leading arguments: TAMAT_BIN, else cargo run. */
export function tamat() {
  return process.env.TAMAT_BIN
    ? [process.env.TAMAT_BIN, []]
    : ["cargo", ["run", "-q", "--manifest-path", path.join(ROOT, "Cargo.toml"), "-p", "tamat-cli", "--"]];
}

function demoDir() {
  if (process.env.TAMAT_DEMO_DIR) return process.env.TAMAT_DEMO_DIR;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamat-eco-"));
  const [cmd, args] = tamat();
  execFileSync(cmd, [...args, "demo", "--out", path.join(dir, "tamat-demo")], { cwd: dir, stdio: "ignore" });
  return path.join(dir, "tamat-demo");
}

/** `tamat call OPERATION -` on a request: the contract's answer. */
export function call(operation, request) {
  const [cmd, args] = tamat();
  const out = execFileSync(cmd, [...args, "call", operation, "-"], { input: JSON.stringify(request), encoding: "utf8" });
  const answer = JSON.parse(out);
  assert.equal(answer.type, "success", out.slice(0, 500));
  return answer;
}

export const dir = demoDir();
export const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
export const credentials = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".vc.json") && !f.startsWith("status-list"))
  .sort()
  .map(read);
export const list = read("status-list.vc.json");
export const kaltimSettings = () => JSON.parse(fs.readFileSync(path.join(ROOT, "core", "data", "kaltim", "settings.json"), "utf8"));
// The demo key's seed is public (tamat::demo::DEMO_SEED_HEX).
export const DEMO_SECRET = "7461616d61742d64656d6f2d6b65792d6b616c74696d2d323032352d21212121";

/** The list after changing certificates (`[index, action]`), signed with the demo key. */
export function listAfter(changes) {
  let register = read("register.json");
  for (const [n, action] of changes) {
    const certificate = credentials[n].id.replace(/^urn:uuid:/, "");
    register = call("change_status", { register, certificate, action, at: "2025-08-01T00:00:00Z" }).register;
  }
  return call("status_list", { register, settings: kaltimSettings(), key: { secret: DEMO_SECRET }, valid_from: "2025-08-01T00:00:00Z" }).credential;
}

/** The official OB 3.0 AchievementCredential schema (tests/data/ob-v3p0-schema). */
export const schemaPath = path.join(ROOT, "tests", "data", "ob-v3p0-schema", "achievementcredential.json");
