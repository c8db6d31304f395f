// The verification page that `tamat publish` writes next to the credentials. A QR code
// opens it as `<site>/#<id>.<hash>`: it loads credentials/<id>.json, checks that its
// hash is the one the QR code carries, then its signature (against the site's own
// issuer.json), issuer, validity period and status lists, all with the WebAssembly
// package (the same code as the command). It fails closed: a list or key that cannot
// be read is said so and the certificate is never shown as valid. A dropped PDF is
// checked by the credential it carries.
import init, * as tamat from "./pkg/tamat.js";

const T = {
  id: {
    title: "Verifikasi sertifikat",
    language: "Bahasa",
    intro: "Pemeriksaan dilakukan di peramban ini: kode QR, tanda tangan, penerbit, status pencabutan dan masa berlaku.",
    dropTitle: "Periksa berkas PDF",
    dropHelp: "Tarik berkas PDF sertifikat ke sini, atau pilih berkasnya. Kredensial yang dilampirkan di dalamnya akan diperiksa.",
    notFound: "Sertifikat tidak ditemukan",
    notFoundText: "Tidak ada sertifikat dengan ID ini yang diterbitkan di situs ini.",
    badLink: "Tautan tidak valid",
    badLinkText: "Tautan ini tidak berbentuk #<id>.<hash> dari kode QR sertifikat.",
    qrMismatch: "Tidak cocok dengan kode QR",
    qrMismatchText: "Kredensial yang diterbitkan di sini berbeda dari yang dicetak pada sertifikat (hash kode QR tidak cocok).",
    issuerMissing: "Kunci penerbit tidak dapat dibaca",
    issuerMissingText: "Tanpa kunci penerbit situs ini, sertifikat tidak dapat dinyatakan sah.",
    pdfError: "Berkas tidak dapat diperiksa",
    error: "Tidak dapat diperiksa",
    checks: { qr: "Kode QR", proofs: "Tanda tangan", issuer: "Penerbit", revocation: "Dicabut", suspension: "Ditangguhkan", validUntil: "Berlaku sampai", source: "Sumber", lists: "Daftar status" },
    qrOk: "cocok", qrBad: "TIDAK cocok", qrNone: "tidak ada (berkas PDF)",
    status: { none: "tidak ada daftar", unchecked: "tidak dapat diperiksa", clear: "tidak", set: "YA", stale: "daftar kedaluwarsa" },
    listsOk: "terbaca", listMissing: "tidak dapat dibaca: ",
    forever: "tanpa batas",
    asIssued: "Sertifikat sebagaimana diterbitkan",
    fromPdf: "berkas PDF ",
    fromSite: "situs ini",
  },
  en: {
    title: "Certificate verification",
    language: "Language",
    intro: "Checked in this browser: the QR code, the signature, the issuer, revocation and the validity period.",
    dropTitle: "Check a PDF file",
    dropHelp: "Drop a certificate PDF here, or choose the file. The credential attached to it is checked.",
    notFound: "Certificate not found",
    notFoundText: "No certificate with this id is published on this site.",
    badLink: "Invalid link",
    badLinkText: "This link is not of the form #<id>.<hash> that a certificate's QR code holds.",
    qrMismatch: "Does not match the QR code",
    qrMismatchText: "The credential published here differs from the one printed on the certificate (the QR code's hash does not match).",
    issuerMissing: "The issuer's key cannot be read",
    issuerMissingText: "Without this site's issuer key no certificate can be reported as valid.",
    pdfError: "The file cannot be checked",
    error: "Could not be checked",
    checks: { qr: "QR code", proofs: "Signature", issuer: "Issuer", revocation: "Revoked", suspension: "Suspended", validUntil: "Valid until", source: "Source", lists: "Status lists" },
    qrOk: "matches", qrBad: "does NOT match", qrNone: "none (PDF file)",
    status: { none: "no list", unchecked: "could not be checked", clear: "no", set: "YES", stale: "list out of date" },
    listsOk: "read", listMissing: "cannot be read: ",
    forever: "no end",
    asIssued: "The certificate as issued",
    fromPdf: "PDF file ",
    fromSite: "this site",
  },
};

let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "id";
let reports = [];
const $ = (s) => document.querySelector(s);
const base = () => new URL(".", location.href);

async function fetchText(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

// A list the credential names: `urn:tamat:status:<purpose>` is this site's
// status/<purpose>.json; a URL is fetched as it is.
function listUrl(u) {
  const m = /^urn:tamat:status:([a-z]+)$/.exec(u);
  return m ? new URL(`status/${m[1]}.json`, base()).href : u;
}

async function statusLists(vc) {
  const urls = [...new Set([].concat(vc.credentialStatus || []).map((e) => e && e.statusListCredential).filter((u) => typeof u === "string"))];
  const lists = [];
  const missing = [];
  for (const url of urls) {
    try {
      lists.push(await fetchText(listUrl(url)));
    } catch {
      missing.push(url);
    }
  }
  return { lists, missing };
}

// One credential checked: {status, severity, ...}. `expected` is the QR code's hash
// (null for a PDF).
async function check(text, expected, source) {
  const r = { source, expected, status: "error", severity: "invalid", missing: [], verification: null, vc: null, problem: null };
  try {
    r.vc = JSON.parse(text);
    r.qr = expected == null ? null : tamat.credentialHash(text) === expected;
    let key;
    try {
      key = JSON.parse(await fetchText(new URL("issuer.json", base())));
    } catch {
      r.status = "issuer_unavailable";
      r.problem = "issuerMissing";
      return r;
    }
    const { lists, missing } = await statusLists(r.vc);
    r.missing = missing;
    r.verification = tamat.verify({ credential: text, keys: [key], status_lists: lists, at: new Date().toISOString() });
    r.status = r.verification.status;
    r.severity = r.verification.severity;
    if (r.qr === false && r.severity !== "invalid") {
      // The signature holds for the credential published here; it is still not the one
      // printed. (A changed credential says "tampered" itself.)
      r.status = "qr_mismatch";
      r.severity = "invalid";
      r.problem = "qrMismatch";
    }
  } catch (e) {
    r.status = e && e.code ? e.code : "error";
    r.severity = "invalid";
    r.error = e && e.messages ? e.messages[lang] || e.message : String(e);
  }
  return r;
}

function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v;
    else if (k.startsWith("data-")) n.setAttribute(k, v);
    else n[k] = v;
  }
  for (const c of children) n.append(c);
  return n;
}

function show() {
  const t = T[lang];
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t[n.dataset.i18n];
  const out = $("#results");
  out.replaceChildren();
  for (const r of reports) {
    const v = r.verification;
    let head, body;
    if (r.problem) {
      head = t[r.problem];
      body = t[r.problem + "Text"] || "";
    } else if (v) {
      head = v.headline[lang];
      body = v.message[lang];
    } else {
      head = r.status === "not_found" ? t.notFound : r.status === "bad_link" ? t.badLink : r.source.pdf ? t.pdfError : t.error;
      body = r.status === "not_found" ? t.notFoundText : r.status === "bad_link" ? t.badLinkText : r.error || "";
    }
    const card = el("article", { class: "card report", "data-status": r.status, "data-severity": r.severity });
    card.append(el("div", { class: `verdict ${r.severity}` }, el("h2", {}, head), el("p", {}, body)));
    if (v || r.vc) {
      const dl = el("dl", { class: "checks" });
      const row = (k, val, code) => dl.append(el("dt", {}, t.checks[k]), el("dd", code ? { "data-check": k, "data-value": code } : { "data-check": k }, val));
      row("source", r.source.pdf ? t.fromPdf + r.source.pdf : t.fromSite);
      row("qr", r.qr == null ? t.qrNone : r.qr ? t.qrOk : t.qrBad, r.qr == null ? "none" : String(r.qr));
      if (v) {
        row("proofs", v.proofs.map((p) => `${p.cryptosuite}: ${p.status}`).join(", "));
        row("issuer", `${v.issuer || "-"} (${v.key_id})`);
        row("revocation", t.status[v.revocation], v.revocation);
        row("suspension", t.status[v.suspension], v.suspension);
        row("lists", r.missing.length ? t.listMissing + r.missing.join(", ") : t.listsOk, r.missing.length ? "missing" : "read");
      }
      row("validUntil", (r.vc && r.vc.validUntil) || t.forever);
      card.append(dl);
    }
    // The certificate as it was issued, from the verified credential itself (it holds
    // the certificate under `sttpp`), in the page's language.
    if (v && r.severity !== "invalid" && r.vc && r.vc.sttpp) {
      try {
        const cert = r.vc.sttpp;
        const page = tamat.render({ certificate: cert, credential: r.vc, settings: { signatory: cert.signatory, site_url: base().href, template: { lang } } });
        const box = el("div", { class: "page" });
        box.innerHTML = page.svg;
        card.append(el("h3", {}, t.asIssued), box);
      } catch {
        // Nothing to draw: the verdict above stands.
      }
    }
    out.append(card);
  }
  document.body.dataset.done = "true";
}

async function fromLink() {
  const frag = decodeURIComponent(location.hash.slice(1));
  if (!frag) return;
  document.body.dataset.done = "false";
  const dot = frag.lastIndexOf(".");
  const id = frag.slice(0, dot);
  const hash = frag.slice(dot + 1);
  if (dot < 1 || !/^[A-Za-z0-9-]{1,64}$/.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(hash)) {
    reports = [{ status: "bad_link", severity: "invalid", source: {} }];
    return show();
  }
  let text;
  try {
    text = await fetchText(new URL(`credentials/${id}.json`, base()));
  } catch {
    reports = [{ status: "not_found", severity: "invalid", source: {} }];
    return show();
  }
  reports = [await check(text, hash, { id })];
  show();
}

async function fromPdf(file) {
  document.body.dataset.done = "false";
  const bytes = new Uint8Array(await file.arrayBuffer());
  let found;
  try {
    found = tamat.credentialsInPdf(bytes);
  } catch (e) {
    reports = [{ status: e && e.code ? e.code : "error", severity: "invalid", source: { pdf: file.name }, error: e && e.messages ? e.messages[lang] : String(e) }];
    return show();
  }
  reports = [];
  for (const a of found) reports.push(await check(JSON.stringify(a.credential), null, { pdf: file.name }));
  show();
}

await init();
$("#lang").value = lang;
$("#lang").addEventListener("change", (e) => {
  lang = e.target.value;
  show();
});
$("#pdf-file").addEventListener("change", (e) => e.target.files[0] && fromPdf(e.target.files[0]));
const zone = $("#drop-zone");
zone.addEventListener("dragover", (e) => {
  e.preventDefault();
  zone.classList.add("over");
});
zone.addEventListener("dragleave", () => zone.classList.remove("over"));
zone.addEventListener("drop", (e) => {
  e.preventDefault();
  zone.classList.remove("over");
  if (e.dataTransfer.files[0]) fromPdf(e.dataTransfer.files[0]);
});
window.addEventListener("hashchange", fromLink);
show();
document.body.dataset.ready = "true";
await fromLink();
