// The verification site end to end in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; never a downloaded browser). The command issues the East
// Kalimantan course with `site_url` set to this test's own server, revokes one
// certificate and suspends another, and `tamat publish` writes the site; then each
// certificate's QR link is opened: valid, tampered, revoked, suspended, expired (the
// page's clock moved past validUntil), signed by an unknown key, with its status list
// unreadable, and an unknown id; and PDFs are dropped on the page. Screenshots go to
// target/e2e/.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { chromium } = require("playwright-core");
const tamat = require("..");

const ROOT = path.resolve(__dirname, "..", "..");
const SHOTS = process.env.TAMAT_SCREENSHOTS || path.join(ROOT, "target", "e2e");
const TAMAT = process.env.TAMAT_BIN || path.join(ROOT, "target", "debug", "tamat");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".pdf": "application/pdf" };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const run = (...args) => execFileSync(TAMAT, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function issue(work, name, settings, unit) {
  const s = { ...settings, ...(unit ? { unit } : {}) };
  fs.writeFileSync(path.join(work, `${name}.settings.json`), JSON.stringify(s));
  run("keygen", "--out", path.join(work, `${name}.key`), "--public", path.join(work, `${name}.issuer.json`));
  run("issue", path.join(ROOT, "core/data/kaltim/course.json"), "--attendance", path.join(ROOT, "core/data/kaltim/attendance.json"),
    "--settings", path.join(work, `${name}.settings.json`), "--key", path.join(work, `${name}.key`),
    "--register", path.join(work, `${name}.sqlite`), "--out", path.join(work, name));
  const dir = path.join(work, name);
  const register = run("register", "export", "--register", path.join(work, `${name}.sqlite`));
  const certificates = JSON.parse(register).certificates.map((e) => JSON.parse(fs.readFileSync(path.join(dir, `${e.id}.json`), "utf8")));
  return { dir, settings: s, certificates, key: path.join(work, `${name}.key`), sqlite: path.join(work, `${name}.sqlite`), settingsFile: path.join(work, `${name}.settings.json`) };
}

// The QR payload of a certificate, as `render` (the same code the page and the printed
// certificate use) makes it.
function link(batch, cert) {
  const credential = JSON.parse(fs.readFileSync(path.join(batch.dir, `${cert.id}.vc.json`), "utf8"));
  return tamat.render({ certificate: cert, credential, settings: batch.settings }).qr_payload;
}

test("the verification site that tamat publish writes, end to end", async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tamat-site-"));
  const site = path.join(work, "site");
  fs.mkdirSync(site);
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, "core/data/kaltim/settings.json"), "utf8"));
  const settings = { ...base, site_url: origin, valid_until: "2030-01-01T00:00:00Z" };
  const main = issue(work, "main", settings);
  const other = issue(work, "other", settings, "LAIN");
  const [valid, tampered, revoked, suspended, expired] = main.certificates;
  run("revoke", revoked.id, "--register", main.sqlite, "--key", main.key, "--settings", main.settingsFile, "--out", main.dir, "--reason", "salah nama");
  run("suspend", suspended.id, "--register", main.sqlite, "--key", main.key, "--settings", main.settingsFile, "--out", main.dir, "--reason", "pemeriksaan");
  const published = run("publish", "--from", main.dir, "--out", site, "--verifier", path.join(ROOT, "bindings-wasm/pkg/site"));
  assert.match(published, /30 kredensial, 30 PDF, 1 daftar status/);
  // A credential another key signed, published under its own id on this site.
  const stranger = other.certificates[0];
  fs.copyFileSync(path.join(other.dir, `${stranger.id}.vc.json`), path.join(site, "credentials", `${stranger.id}.json`));
  // A published credential changed after signing (the holder's name).
  const file = path.join(site, "credentials", `${tampered.id}.json`);
  const changed = JSON.parse(fs.readFileSync(file, "utf8"));
  changed.sttpp.holder.name += " (diubah)";
  fs.writeFileSync(file, JSON.stringify(changed, null, 2));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const problems = [];
    const open = async (url, { before } = {}) => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(String(e)));
      if (before) await before(page);
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]");
      return page;
    };
    const verdict = async (page) => {
      await page.waitForSelector("article.report");
      return page.$$eval("article.report", (as) => as.map((a) => ({ status: a.dataset.status, severity: a.dataset.severity, text: a.textContent })));
    };
    const check = async (page, key) => page.$eval(`[data-check=${key}]`, (d) => d.dataset.value);

    // Valid: the QR link of a certificate in force; the certificate shown as issued.
    const url = link(main, valid);
    assert.ok(url.startsWith(`${origin}/#${valid.id}.`), url);
    let page = await open(url);
    let [r] = await verdict(page);
    assert.deepEqual([r.status, r.severity], ["valid", "valid"], r.text);
    assert.equal(await check(page, "qr"), "true");
    assert.equal(await check(page, "revocation"), "clear");
    assert.equal(await check(page, "lists"), "read");
    assert.ok(r.text.includes("Sertifikat sah"), r.text);
    const shown = await page.$eval(".page svg", (s) => s.textContent);
    assert.ok(shown.includes(valid.holder.name) && shown.includes(valid.number), "the certificate as issued");
    assert.ok(shown.includes("diberikan kepada"));
    await page.screenshot({ path: path.join(SHOTS, "site-valid.png"), fullPage: true });
    // In English: the verdict and the certificate.
    await page.selectOption("#lang", "en");
    [r] = await verdict(page);
    assert.ok(r.text.includes("awarded to") || (await page.$eval(".page svg", (s) => s.textContent)).includes("awarded to"));
    assert.equal(await page.$eval("h1", (h) => h.textContent), "Certificate verification");
    await page.context().close();

    // Tampered, revoked, suspended, unknown key.
    for (const [cert, batch, want, shot] of [
      [tampered, main, "tampered", "site-tampered.png"],
      [revoked, main, "revoked", "site-revoked.png"],
      [suspended, main, "suspended", null],
      [stranger, other, "unknown_key", null],
    ]) {
      page = await open(link(batch, cert));
      [r] = await verdict(page);
      assert.equal(r.status, want, r.text);
      assert.notEqual(r.severity, "valid");
      assert.equal(await page.$$eval(".page svg", (s) => s.length), want === "suspended" ? 1 : 0, `${want}: the page is shown only when not invalid`);
      if (shot) await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
      await page.context().close();
    }
    // The tampered one also fails its QR hash.
    page = await open(link(main, tampered));
    await verdict(page);
    assert.equal(await check(page, "qr"), "false");
    await page.context().close();

    // Expired: the same certificate, read when the page's clock is past validUntil.
    page = await open(link(main, expired), { before: (p) => p.clock.setFixedTime(new Date("2031-02-01T00:00:00Z")) });
    [r] = await verdict(page);
    assert.equal(r.status, "expired", r.text);
    await page.context().close();

    // The status list cannot be read: said so, never valid.
    page = await open(link(main, valid), { before: (p) => p.route("**/status/**", (route) => route.abort()) });
    [r] = await verdict(page);
    assert.equal(r.status, "status_unchecked", r.text);
    assert.equal(r.severity, "warning");
    assert.equal(await check(page, "lists"), "missing");
    await page.screenshot({ path: path.join(SHOTS, "site-missing-list.png"), fullPage: true });
    await page.context().close();

    // The issuer's key cannot be read: never valid.
    page = await open(link(main, valid), { before: (p) => p.route("**/issuer.json", (route) => route.abort()) });
    [r] = await verdict(page);
    assert.equal(r.status, "issuer_unavailable", r.text);
    assert.equal(r.severity, "invalid");
    await page.context().close();

    // An id the site does not hold, and a link that is not one.
    page = await open(`${origin}/#00000000-0000-0000-0000-000000000000.${"A".repeat(43)}`);
    [r] = await verdict(page);
    assert.equal(r.status, "not_found");
    await page.context().close();
    page = await open(`${origin}/#../issuer`);
    [r] = await verdict(page);
    assert.equal(r.status, "bad_link");
    await page.context().close();

    // Dropped PDFs: the credential each carries, checked the same way.
    page = await open(`${origin}/`);
    await page.setInputFiles("#pdf-file", path.join(main.dir, `${valid.id}.pdf`));
    await page.waitForSelector("article.report[data-status=valid]");
    assert.equal(await check(page, "qr"), "none");
    await page.screenshot({ path: path.join(SHOTS, "site-pdf.png"), fullPage: true });
    await page.setInputFiles("#pdf-file", path.join(main.dir, `${revoked.id}.pdf`));
    await page.waitForSelector("article.report[data-status=revoked]");
    await page.setInputFiles("#pdf-file", path.join(other.dir, `${stranger.id}.pdf`));
    await page.waitForSelector("article.report[data-status=unknown_key]");
    await page.setInputFiles("#pdf-file", { name: "not-a.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\nnothing here") });
    await page.waitForSelector("article.report[data-status='document.invalid']");
    // The cohort's print file: every certificate in it.
    await page.setInputFiles("#pdf-file", path.join(main.dir, "cohort.pdf"));
    await page.waitForFunction(() => document.querySelectorAll("article.report").length === 30);
    const statuses = await page.$$eval("article.report", (as) => as.map((a) => a.dataset.status));
    assert.equal(statuses.filter((s) => s === "valid").length, 28, statuses.join());
    assert.ok(statuses.includes("revoked") && statuses.includes("suspended"));
    await page.context().close();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
