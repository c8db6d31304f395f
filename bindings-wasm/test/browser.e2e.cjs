// End to end in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
// never a downloaded browser): load the page from a local static server, evaluate the
// bundled example, check the table against the Node package, switch language, project a
// running course, verify a valid, a tampered and a revoked certificate, save screenshots.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");
const tamat = require("..");

const ROOT = path.resolve(__dirname, "..");
const SHOTS = process.env.TAMAT_SCREENSHOTS || path.resolve(ROOT, "..", "target", "e2e");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = path.normalize(path.join(ROOT, decodeURIComponent(url.pathname)));
    if (!file.startsWith(ROOT)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

test("the eligibility page, end to end", async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    await page.goto(`${base}/www/`);
    await page.waitForSelector("body[data-ready=true]");

    // The bundled example: every row as the package computes it.
    await page.click("#load-example");
    await page.waitForSelector("#decisions tbody tr:nth-child(30)");
    const demo = tamat.demo();
    const expected = tamat.evaluate({ course: demo.course, attendance: demo.attendance });
    const rows = await page.$$eval("#decisions tbody tr", (trs) =>
      trs.map((tr) => ({ participant: tr.dataset.participant, outcome: tr.dataset.outcome, cells: [...tr.cells].map((c) => c.textContent) })),
    );
    assert.equal(rows.length, 30);
    rows.forEach((row, i) => {
      const d = expected.decisions[i];
      assert.equal(row.participant, d.participant);
      assert.equal(row.outcome, d.outcome);
      assert.equal(row.cells[1], d.name);
      assert.equal(row.cells[5], d.outcome === "lulus" ? "LULUS" : "TELAH MENGIKUTI");
      assert.equal(row.cells[6], d.reasons.map((r) => r.message.id).join("; "));
    });
    const p11 = rows.find((r) => r.participant === "p11");
    assert.deepEqual(p11.cells.slice(1, 6), ["Rahmad Fauzi", "19940327 202007 1 408", "8/10", "80", "TELAH MENGIKUTI"]);
    assert.equal(p11.cells[6], "Kehadiran 80% di bawah syarat 90%");
    assert.match(await page.textContent("#summary"), /30 peserta · 27 LULUS · 3 TELAH MENGIKUTI/);
    // The cohort at a glance: one cell per participant and session, coloured as the marks
    // say; the histogram's bars hold the package's counts.
    const picture = tamat.chart({ course: demo.course, attendance: demo.attendance });
    assert.equal(await page.$$eval("#chart svg rect[class^=s-] title", (ts) => ts.length), 30 * 10);
    assert.equal(await page.$$eval("#chart svg rect.s-alpha title", (ts) => ts.length), demo.attendance.filter((m) => m.status === "alpha").length);
    assert.deepEqual(await page.$$eval("#chart svg rect.bar title", (ts) => ts.map((t) => Number(t.textContent.split(": ")[1]))), picture.histogram);
    assert.deepEqual(picture.histogram, [0, 0, 0, 0, 0, 0, 1, 0, 2, 27]);
    await page.screenshot({ path: path.join(SHOTS, "page-id.png"), fullPage: true });
    await page.locator("#chart svg").screenshot({ path: path.join(SHOTS, "cohort-chart.png") });

    // English.
    await page.selectOption("#lang", "en");
    assert.equal(await page.textContent("#decisions tbody tr:nth-child(11) td:nth-child(6)"), "ATTENDED");
    assert.equal(await page.textContent("#decisions tbody tr:nth-child(11) td:nth-child(7)"), "Attendance 80% is below the required 90%");
    assert.equal(await page.textContent("#result-h"), "2. Results");

    // A course still running, loaded from files: marks of the first four sessions only,
    // as of 11:00 WITA; projections appear.
    const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "tamat-page-"));
    const early = demo.attendance.filter((m) => ["s01", "s02", "s03", "s04"].includes(m.session));
    fs.writeFileSync(path.join(dir, "course.json"), JSON.stringify(demo.course));
    fs.writeFileSync(path.join(dir, "attendance.json"), JSON.stringify(early));
    await page.fill("#as-of", "2025-07-17T11:00:00+08:00");
    await page.setInputFiles("#course-file", path.join(dir, "course.json"));
    await page.setInputFiles("#attendance-file", path.join(dir, "attendance.json"));
    await page.waitForSelector("table.running");
    const running = tamat.evaluate({ course: demo.course, attendance: early, as_of: "2025-07-17T11:00:00+08:00" });
    assert.ok(running.summary.pending > 0);
    await page.waitForFunction((n) => document.querySelectorAll("#decisions tbody tr[data-outcome=pending]").length === n, running.summary.pending);
    // The participants at risk are marked, and counted in the summary (the core's flag).
    const atRisk = running.decisions.filter((d) => d.projection && d.projection.at_risk).map((d) => d.participant);
    assert.ok(atRisk.length > 0, "the running example has participants at risk");
    const marked = await page.$$eval("#decisions tbody tr[data-at-risk=true]", (trs) => trs.map((tr) => tr.dataset.participant));
    assert.deepEqual(marked, atRisk);
    assert.match(await page.textContent("#summary"), new RegExp(`${atRisk.length} (berisiko|at risk)`));
    // ... and in the picture: their names flagged, the sessions to come drawn as pending.
    assert.equal(await page.$$eval("#chart svg text.at-risk", (ts) => ts.filter((t) => t.textContent.startsWith("⚠")).length), atRisk.length);
    assert.ok(await page.$$eval("#chart svg rect.s-pending", (rs) => rs.length) > 0);
    const first = running.decisions[0].projection;
    assert.match(await page.textContent("#decisions tbody tr:nth-child(1) td.proj"), new RegExp(`${first.needed_sessions} of ${first.remaining_sessions}|secured|out of reach`));
    await page.screenshot({ path: path.join(SHOTS, "page-running.png"), fullPage: true });
    await page.fill("#as-of", "");

    // A request document is evaluated as it is, its own policy kept: at 80 %, p11 (8 of
    // 10) passes; with the default 90 % it does not.
    fs.writeFileSync(path.join(dir, "request.json"), JSON.stringify({ course: demo.course, attendance: demo.attendance, policy: { minimum_percent: 80 } }));
    fs.writeFileSync(path.join(dir, "all.json"), JSON.stringify(demo.attendance));
    await page.setInputFiles("#attendance-file", path.join(dir, "all.json"));
    await page.setInputFiles("#course-file", path.join(dir, "request.json"));
    await page.waitForSelector("#decisions tbody tr[data-participant=p11][data-outcome=lulus]");
    // Scores from a CSV sheet as Indonesian spreadsheets write it (semicolons, a decimal
    // comma), read by the core: a scored course (the Latsar bands) with every participant
    // scored but p02, who then has no score and does not pass.
    fs.writeFileSync(path.join(dir, "scored.json"), JSON.stringify({ course: demo.course, attendance: demo.attendance, policy: { assessment: { preset: "latsar" } } }));
    const sheet = ["No;Nama;peserta;nilai", ...demo.course.participants.filter((p) => p.id !== "p02").map((p, i) => `${i + 1};${p.name};${p.id};${p.id === "p01" ? "85,5" : "92"}`)].join("\r\n");
    fs.writeFileSync(path.join(dir, "scores.csv"), sheet);
    await page.setInputFiles("#course-file", path.join(dir, "scored.json"));
    await page.setInputFiles("#scores-file", path.join(dir, "scores.csv"));
    await page.waitForSelector("#decisions tbody tr[data-participant=p02][data-outcome=telah_mengikuti]");
    const scored = tamat.evaluate({ course: demo.course, attendance: demo.attendance, policy: { assessment: { preset: "latsar" } },
      scores: tamat.readScoresCsv({ course: demo.course, csv: sheet }).scores });
    const p01 = scored.decisions[0];
    assert.equal(p01.score, 85.5);
    assert.equal(p01.qualification, "Memuaskan");
    assert.equal(await page.textContent("#decisions tbody tr[data-participant=p01] td:nth-child(6)"), "PASSED (Memuaskan)");
    assert.match(await page.textContent("#decisions tbody tr[data-participant=p02] td:nth-child(7)"), /No score recorded/);
    assert.equal(await page.$$eval("#decisions tbody tr[data-outcome=lulus]", (trs) => trs.length), scored.summary.lulus);
    await page.setInputFiles("#scores-file", []);
    // A workbook saved by LibreOffice (the wide sheet as .xlsx) goes to the core as bytes:
    // the same decisions as the example's marks.
    await page.setInputFiles("#course-file", path.join(dir, "course.json"));
    await page.setInputFiles("#attendance-file", path.join(__dirname, "..", "..", "tests", "data", "workbooks", "attendance-wide.xlsx"));
    await page.waitForFunction(() => document.querySelectorAll("#decisions tbody tr[data-outcome=lulus]").length === 27);
    assert.equal(await page.getAttribute("#decisions tbody tr[data-participant=p11]", "data-outcome"), "telah_mengikuti");
    await page.click("#load-example");
    await page.waitForSelector("#decisions tbody tr[data-participant=p11][data-outcome=telah_mengikuti]");

    // Verification: unchecked without lists, valid, tampered, forged duplicate key, revoked.
    const key = demo.key;
    const issued = tamat.issue(demo);
    const credential = issued.credentials[0];
    await page.click("#use-demo-key");
    await page.fill("#credential", JSON.stringify(credential, null, 2));
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=status_unchecked]");
    const lists = [tamat.statusList({ register: issued.register, settings: demo.settings, key, valid_from: "2025-08-01T00:00:00Z" }).credential];
    await page.fill("#status-list", JSON.stringify(lists));
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=valid]");
    assert.match(await page.textContent("#verdict"), /VALID/);
    assert.match(await page.textContent("#verdict"), /00001\/BPSDM-KALTIM\/VII\/2025/);
    await page.screenshot({ path: path.join(SHOTS, "page-verified.png"), fullPage: true });

    const tampered = structuredClone(credential);
    tampered.sttpp.holder.name = "Andi Rahmat Hidayah";
    await page.fill("#credential", JSON.stringify(tampered));
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=tampered]");
    assert.match(await page.textContent("#verdict"), /INVALID/);
    await page.fill("#credential", '{"name": "Forged", ' + JSON.stringify(credential).slice(1));
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=error]");
    assert.match(await page.textContent("#verdict"), /request\.invalid_json|twice/);

    const revoked = tamat.changeStatus({ register: issued.register, certificate: issued.certificates[0].id, action: "revoke", at: "2025-08-01T00:00:00Z" });
    const list = tamat.statusList({ register: revoked.register, settings: demo.settings, key, valid_from: "2025-08-01T00:00:00Z" }).credential;
    await page.fill("#credential", JSON.stringify(credential));
    await page.fill("#status-list", JSON.stringify(list));
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=revoked]");

    await page.fill("#credential", "{ not json");
    await page.click("#verify");
    await page.waitForSelector("#verdict[data-status=error]");

    await page.selectOption("#lang", "id");
    await page.screenshot({ path: path.join(SHOTS, "page.png"), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
