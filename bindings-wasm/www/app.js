// The eligibility page: everything is computed here, by the tamat WebAssembly package.
// This file only moves data between the page and the package; no rule lives here.
import init, * as tamat from "../pkg/web/tamat.js";

const TEXT = {
  id: {
    title: "Kelulusan Pelatihan & Verifikasi STTPP",
    subtitle: "Semua dihitung di peramban ini: tidak ada data yang dikirim ke server.",
    language: "Bahasa", load: "1. Muat pelatihan dan kehadiran", courseFile: "Berkas pelatihan (JSON)",
    attendanceFile: "Berkas kehadiran (JSON, CSV atau Excel/ODS)", scoresFile: "Berkas nilai (JSON, CSV atau Excel/ODS, opsional)", asOf: "Per waktu (RFC 3339, kosongkan bila pelatihan selesai)",
    example: "Muat contoh Kalimantan Timur", evaluate: "Hitung", print: "Cetak", results: "2. Hasil",
    no: "No", name: "Nama", attended: "Hadir", status: "Status", reason: "Keterangan", projection: "Proyeksi",
    verify: "3. Verifikasi sertifikat", credential: "Sertifikat (tempel JSON atau seret berkas ke sini)",
    issuerKey: "Kunci publik penerbit (Multikey JSON, issuer.json)", useDemoKey: "Pakai kunci demo",
    statusListLabel: "Daftar status (opsional, status-list.vc.json)", verifyButton: "Verifikasi",
    footer: "Dihitung oleh tamat (WebAssembly), aturan yang sama dengan pustaka Rust dan Python.",
    loadedExample: "Contoh Kalimantan Timur dimuat.", needCourse: "Muat berkas pelatihan terlebih dahulu.",
    participants: "peserta", sessions: "sesi", minimum: "syarat minimal", loaded: "Dimuat", atRisk: "berisiko",
    notJson: "Isi bukan JSON yang sah", number: "Nomor", holder: "Pemegang",
  },
  en: {
    title: "Training Eligibility & STTPP Verification",
    subtitle: "Everything is computed in this browser: no data is sent to a server.",
    language: "Language", load: "1. Load a course and its attendance", courseFile: "Course file (JSON)",
    attendanceFile: "Attendance file (JSON, CSV or Excel/ODS)", scoresFile: "Scores file (JSON, CSV or Excel/ODS, optional)", asOf: "As of (RFC 3339; leave empty when the course is over)",
    example: "Load the East Kalimantan example", evaluate: "Evaluate", print: "Print", results: "2. Results",
    no: "No", name: "Name", attended: "Attended", status: "Status", reason: "Reason", projection: "Projection",
    verify: "3. Verify a certificate", credential: "Certificate (paste JSON or drop a file here)",
    issuerKey: "Issuer public key (Multikey JSON, issuer.json)", useDemoKey: "Use the demo key",
    statusListLabel: "Status list (optional, status-list.vc.json)", verifyButton: "Verify",
    footer: "Computed by tamat (WebAssembly), the same rules as the Rust and Python libraries.",
    loadedExample: "East Kalimantan example loaded.", needCourse: "Load a course file first.",
    participants: "participants", sessions: "sessions", minimum: "minimum", loaded: "Loaded", atRisk: "at risk",
    notJson: "Not valid JSON", number: "Number", holder: "Holder",
  },
};

const $ = (id) => document.getElementById(id);
// `request`: the evaluate request as loaded (a course alone, or a whole request document
// with its own policy, scores, as_of...), handed to the package as it is.
// `sheet`: the bytes of an attendance sheet (CSV or workbook), when one was loaded.
const state = { request: null, result: null, lang: "id", lastVerification: null, sheet: null };

function t(key) { return TEXT[state.lang][key]; }

function setStatus(text, isError = false) {
  const el = $("load-status");
  el.textContent = text;
  el.classList.toggle("error", isError);
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.title = `tamat — ${t("title")}`;
  if (state.result) render();
  if (state.lastVerification) showVerdict(state.lastVerification);
}

function errorText(e) {
  if (e && e.messages) return `[${e.code}] ${e.messages[state.lang]}`;
  return String(e && e.message ? e.message : e);
}

function evaluate() {
  if (!state.request) { setStatus(t("needCourse"), true); return; }
  const asOf = $("as-of").value.trim();
  const { as_of: _, ...request } = state.request;
  try {
    const asked = asOf ? { ...request, as_of: asOf } : request;
    if (state.sheet) {
      // A sheet file's bytes go straight into WebAssembly (no JS object per cell); the
      // rest of the request (its policy, scores, as_of) is kept.
      const ev = new tamat.Evaluator(asked.course, asked.policy ?? null);
      const options = { scores: asked.scores ?? [], as_of: asked.as_of ?? null, participant: asked.participant ?? null, trace: asked.trace ?? true };
      state.result = ev.evaluate(state.sheet, options);
      $("chart").innerHTML = ev.chart(state.sheet, options).svg;
    } else {
      state.result = tamat.evaluate(asked);
      // The cohort at a glance: the core draws it (the same SVG as `tamat evaluate --chart`);
      // every text in it is escaped by the core.
      $("chart").innerHTML = tamat.chart(asked).svg;
    }
    setStatus("");
    render();
  } catch (e) {
    state.result = null;
    $("decisions").querySelector("tbody").replaceChildren();
    $("summary").textContent = "";
    $("chart").replaceChildren();
    setStatus(errorText(e), true);
  }
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function number(x) {
  return x === null || x === undefined ? "–" : x.toLocaleString(state.lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 2 });
}

function render() {
  const r = state.result;
  const course = state.request.course;
  const running = r.as_of !== null;
  $("course-line").textContent = `${course.title}${course.organiser && course.organiser.name ? ` — ${course.organiser.name}` : ""} · ${r.total_jp} JP · ${t("minimum")} ${number(r.policy.minimum_percent)}%`;
  const s = r.summary;
  const parts = [`${s.participants} ${t("participants")}`];
  for (const o of ["lulus", "telah_mengikuti", "no_document", "pending"]) if (s[o] > 0 || o === "lulus") parts.push(`${s[o]} ${tamat.outcomeLabel(o, state.lang)}`);
  // Who may still pass only by attending (nearly) everything left: the core's flag.
  const atRisk = r.decisions.filter((d) => d.projection && d.projection.at_risk).length;
  if (atRisk > 0) parts.push(`${atRisk} ${t("atRisk")}`);
  $("summary").textContent = parts.join(" · ");
  const table = $("decisions");
  table.classList.toggle("running", running);
  const rows = r.decisions.map((d, i) => {
    const tr = document.createElement("tr");
    tr.dataset.participant = d.participant;
    tr.dataset.outcome = d.outcome;
    if (d.projection && d.projection.at_risk) tr.dataset.atRisk = "true";
    tr.append(cell(String(i + 1), "num"), cell(d.name), cell(d.nip ? tamat.formatNip(d.nip) : "", "nip"));
    tr.append(cell(`${number(d.attendance.attended)}/${number(d.attendance.total)}`, "num"));
    tr.append(cell(number(d.attendance.percent), "num"));
    const status = document.createElement("td");
    const badge = document.createElement("span");
    badge.className = `badge ${d.outcome}`;
    badge.textContent = tamat.outcomeLabel(d.outcome, state.lang) + (d.qualification ? ` (${d.qualification})` : "");
    status.append(badge);
    tr.append(status);
    tr.append(cell(d.reasons.map((x) => x.message[state.lang]).join("; ")));
    tr.append(cell(d.projection ? d.projection.message[state.lang] : "", "proj"));
    return tr;
  });
  table.querySelector("tbody").replaceChildren(...rows);
}


async function readFile(input) {
  const file = input.files && input.files[0];
  if (!file) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, bytes, text: new TextDecoder().decode(bytes) };
}

// A file's bytes as base64, for the core's file readers (workbooks, and CSV in any
// encoding it reads).
function base64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// JSON is marks or scores as they are; anything else is a sheet (CSV or a workbook).
const isJson = (file) => /\.json$/i.test(file.name) || /^\s*[[{]/.test(file.text);

// JSON marks are parsed here; a sheet (CSV or a workbook) is kept as its bytes, which the
// Evaluator reads itself (the same columns, encodings and errors as everywhere).
function parseAttendance(file) {
  return JSON.parse(file.text);
}

// Scores: a JSON list (or a request's `scores`), or a sheet (a score per participant, or
// one column per assessment component).
function parseScores(file) {
  if (!isJson(file)) return tamat.readScoresFile({ course: state.request.course, file: base64(file.bytes) }).scores;
  const doc = JSON.parse(file.text);
  return Array.isArray(doc) ? doc : doc.scores;
}

async function loadFiles() {
  try {
    const c = await readFile($("course-file"));
    if (c) {
      const doc = JSON.parse(c.text);
      // A request document ({course, attendance, policy, scores, as_of...}) is kept whole.
      state.request = doc.course ? doc : { course: doc };
      if (state.request.as_of) $("as-of").value = state.request.as_of;
    }
    const a = await readFile($("attendance-file"));
    if (a && state.request) {
      if (isJson(a)) {
        state.sheet = null;
        state.request = { ...state.request, attendance: parseAttendance(a) };
      } else {
        state.sheet = a.bytes;
        state.request = { ...state.request, attendance: [] };
      }
    } else if (c) {
      // A new course without a new sheet: its own marks (or none).
      state.sheet = null;
    }
    const s = await readFile($("scores-file"));
    if (s && state.request) state.request = { ...state.request, scores: parseScores(s) };
    if (state.request) { setStatus(`${t("loaded")}: ${state.request.course.title}`); evaluate(); }
  } catch (e) {
    setStatus(errorText(e), true);
  }
}

function loadExample() {
  const demo = tamat.demo();
  state.sheet = null;
  state.request = { course: demo.course, attendance: demo.attendance };
  setStatus(t("loadedExample"));
  evaluate();
}

function parseJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

function verify() {
  // The texts go to the core as they are: it reads them and refuses a key given twice
  // (JSON.parse would keep the last one, so a forged duplicate could pass).
  const text = $("credential").value;
  const credential = parseJson(text);
  if (credential === undefined) { showVerdict({ error: t("notJson") }); return; }
  const key = parseJson($("issuer-key").value || "null");
  const keys = key === undefined || key === null ? [] : Array.isArray(key) ? key : [key];
  const listText = $("status-list").value.trim();
  const list = listText ? parseJson(listText) : null;
  const statusLists = list === undefined || list === null ? [] : [listText];
  try {
    const v = tamat.verify({ credential: text, keys, status_lists: statusLists, at: new Date() });
    showVerdict({ verification: v, credential });
  } catch (e) {
    showVerdict({ error: errorText(e) });
  }
}

function showVerdict(outcome) {
  state.lastVerification = outcome;
  const el = $("verdict");
  el.className = "verdict shown";
  el.replaceChildren();
  const title = document.createElement("strong");
  const detail = document.createElement("div");
  if (outcome.error) {
    el.classList.add("invalid");
    el.dataset.status = "error";
    title.textContent = outcome.error;
  } else {
    const v = outcome.verification;
    el.dataset.status = v.status;
    el.classList.add(v.severity);
    title.textContent = v.headline[state.lang];
    const cert = outcome.credential && outcome.credential.sttpp;
    const lines = [v.message[state.lang]];
    if (cert) lines.push(`${t("number")}: ${cert.number}`, `${t("holder")}: ${cert.holder.name}`);
    if (v.issuer) lines.push(v.issuer);
    detail.textContent = lines.join(" · ");
  }
  el.append(title, detail);
}

function dropInto(textarea) {
  textarea.addEventListener("dragover", (e) => { e.preventDefault(); textarea.classList.add("drop"); });
  textarea.addEventListener("dragleave", () => textarea.classList.remove("drop"));
  textarea.addEventListener("drop", async (e) => {
    e.preventDefault();
    textarea.classList.remove("drop");
    const file = e.dataTransfer.files[0];
    if (file) { textarea.value = await file.text(); if (textarea.id === "credential") verify(); }
  });
}

async function main() {
  await init();
  $("lang").addEventListener("change", (e) => { state.lang = e.target.value; applyLanguage(); });
  $("load-example").addEventListener("click", loadExample);
  $("evaluate").addEventListener("click", evaluate);
  $("print").addEventListener("click", () => window.print());
  $("course-file").addEventListener("change", loadFiles);
  $("attendance-file").addEventListener("change", loadFiles);
  $("scores-file").addEventListener("change", loadFiles);
  $("verify").addEventListener("click", verify);
  $("use-demo-key").addEventListener("click", () => {
    const key = tamat.publicKey({ key: tamat.demo().key });
    $("issuer-key").value = JSON.stringify(key.multikey, null, 2);
  });
  for (const id of ["credential", "issuer-key", "status-list"]) dropInto($(id));
  document.body.dataset.ready = "true";
}

main().catch((e) => setStatus(errorText(e), true));
