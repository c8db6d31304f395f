// tamat's certificates through the Digital Credentials Consortium's verifier,
// @digitalcredentials/verifier-core as published (pinned by package-lock.json): the open
// verifier behind the education wallets (Learner Credential Wallet, VerifierPlus). It
// accepts eddsa-rdfc-2022 proofs only, so it checks the rdfc proof of each proof set.
//
// It reads the network for three things; here a stub of fetch serves them as a web
// server would: the status list at the URL the credentials name, and the official OB 3.0
// schema at its published URL. Anything else is a 404, so nothing passes by being fetched.
import test from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { verifyCredential } from "@digitalcredentials/verifier-core";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

import { ROOT, DEMO_SECRET, call, credentials, kaltimSettings, list, listAfter, schemaPath } from "./demo.js";

const SCHEMA_URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
const schema = fs.readFileSync(schemaPath, "utf8");
let served = list;
const realFetch = globalThis.fetch;
globalThis.fetch = async (request, init) => {
  const url = String(request?.url ?? request);
  const json = (body) => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  if (url === list.id) return json(JSON.stringify(served));
  if (url === SCHEMA_URL) return json(schema);
  return new Response("{}", { status: 404, headers: { "content-type": "application/json" } });
};
test.after(() => { globalThis.fetch = realFetch; });

/** The verifier's log as {step: valid}, and its errors. */
async function dcc(credential) {
  const result = await verifyCredential({ credential, knownDIDRegistries: [] });
  const steps = Object.fromEntries((result.log ?? []).map((s) => [s.id, s.valid]));
  return { steps, errors: result.errors, result };
}

test("every certificate verifies with DCC's verifier-core: signature, status, expiry, schema", async () => {
  assert.equal(credentials.length, 30);
  for (const credential of credentials) {
    const { steps, errors, result } = await dcc(credential);
    const detail = JSON.stringify({ log: result.log, errors, info: result.additionalInformation }).slice(0, 1500);
    assert.equal(errors, undefined, detail);
    assert.equal(steps.valid_signature, true, detail);
    assert.equal(steps.message_status, true, detail);
    assert.equal(steps.expiration, true, detail);
    const schemaCheck = result.additionalInformation?.find((i) => i.id === "schema_check");
    // The schema it checks against is the official one, served from tests/data.
    assert.ok(Array.isArray(schemaCheck?.results) && schemaCheck.results.length > 0, detail);
    for (const r of schemaCheck.results) {
      assert.equal(r.schema, SCHEMA_URL, detail);
      assert.equal(r.result.valid, true, detail);
    }
  }
});

test("a changed certificate is refused by DCC's verifier-core", async () => {
  const tampered = structuredClone(credentials[0]);
  tampered.sttpp.holder.name = "Orang Lain";
  const { steps, errors } = await dcc(tampered);
  assert.ok(errors?.length > 0 || steps.valid_signature === false, "the signature does not hold");
  const renamed = structuredClone(credentials[0]);
  renamed.credentialSubject.achievement.name = "Pelatihan Lain";
  const second = await dcc(renamed);
  assert.ok(second.errors?.length > 0 || second.steps.valid_signature === false);
});

test("DCC's verifier-core sees a revocation and a suspension in the message list", async () => {
  served = listAfter([[0, "revoke"], [1, "suspend"]]);
  try {
    const [revoked, suspended, untouched] = await Promise.all(credentials.slice(0, 3).map(dcc));
    assert.equal(revoked.steps.valid_signature, true);
    assert.equal(revoked.steps.message_status, false, JSON.stringify(revoked.result.log));
    assert.equal(suspended.steps.message_status, false, JSON.stringify(suspended.result.log));
    assert.equal(untouched.steps.message_status, true, JSON.stringify(untouched.result.log));
  } finally {
    served = list;
  }
});

test("a status list that cannot be read is never passed as valid by DCC's verifier-core", async () => {
  served = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: "uH4sIAAAAAAAAA" } };
  try {
    const { steps, result } = await dcc(credentials[0]);
    assert.notEqual(steps.message_status, true, JSON.stringify(result.log));
  } finally {
    served = list;
  }
});

test("DCC's verifier-core verifies the status list credential itself", async () => {
  const { steps, errors, result } = await dcc(list);
  assert.equal(errors, undefined, JSON.stringify(result).slice(0, 1500));
  assert.equal(steps.valid_signature, true);
  assert.equal(steps.expiration, true);
});

// Holders known by their NIK only: by default the NIK is carried as Open Badges' salted
// IdentityObject, never in clear. Both verifiers and the official schema accept it.
test("certificates of NIK-only holders: no NIK in clear, accepted by DCC and the official schema", async () => {
  const data = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, "core", "data", "kaltim", f), "utf8"));
  const course = data("course.json");
  const niks = ["6472014507850002", "6402015203900001", "6471010101800003"];
  niks.forEach((nik, n) => { course.participants[n].nip = null; course.participants[n].nik = nik; });
  const attendance = data("attendance.json");
  const issued = call("issue", { course, attendance, settings: kaltimSettings(), key: { secret: DEMO_SECRET } });
  const ajv = new Ajv2019({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(schema));
  for (const [n, nik] of niks.entries()) {
    const credential = issued.credentials[n];
    assert.ok(!JSON.stringify(credential).includes(nik), "the NIK in clear");
    const [identity] = credential.credentialSubject.identifier;
    assert.equal(identity.hashed, true);
    assert.equal(identity.identityHash, "sha256$" + crypto.createHash("sha256").update(nik + identity.salt).digest("hex"));
    assert.equal(validate(credential), true, JSON.stringify(validate.errors));
    const { steps, errors } = await dcc(credential);
    assert.equal(errors, undefined);
    assert.equal(steps.valid_signature, true);
  }
});
