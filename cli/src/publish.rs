//! `tamat publish`: a folder of issued certificates as a static verification site that
//! any static host can serve (see the README, "The verification site"):
//!
//! ```text
//! index.html, verify.js, style.css, pkg/   the WebAssembly verifier page
//! credentials/<id>.json                    each signed credential (what the QR opens)
//! certificates/<id>.pdf                    each certificate's PDF, when it was written
//! status/<purpose>.json                    the status lists
//! issuer.json (and did.json, .well-known/did.json for a did:web issuer)
//! ```
//!
//! Every file is written atomically, under the site folder's lock, so that a publisher
//! killed at any moment or two publishing at once leave each file whole: the old one or
//! the new one. Nothing is deleted: a replaced certificate stays checkable (its status
//! says it was revoked).

use std::path::{Path, PathBuf};

use crate::certificates::status_list_file;
use crate::fail::Failure;
use crate::files::{read, remove_stale_temporaries, write_atomic, FolderLock};
use tamat::certificates::StatusPurpose;

/// The verifier page's files, relative to its folder (`bindings-wasm/pkg/site`).
const PAGE_FILES: &[&str] = &[
    "index.html",
    "verify.js",
    "style.css",
    "pkg/tamat.js",
    "pkg/tamat_bg.wasm",
];

/// What was published.
pub struct Published {
    pub credentials: usize,
    pub pdfs: usize,
    pub lists: usize,
}

fn purpose_name(p: StatusPurpose) -> &'static str {
    match p {
        StatusPurpose::Message => "message",
        StatusPurpose::Revocation => "revocation",
        StatusPurpose::Suspension => "suspension",
    }
}

/// The verifier page's folder: `--verifier`, else `TAMAT_VERIFIER`.
pub fn verifier_dir(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    let dir = given
        .or_else(|| std::env::var_os("TAMAT_VERIFIER").map(PathBuf::from))
        .ok_or_else(|| {
            Failure::Io(
                "the verifier page was not given: --verifier DIR (or TAMAT_VERIFIER), the folder `bindings-wasm/build.sh` writes as bindings-wasm/pkg/site (in the npm package: node_modules/tamat/pkg/site)".into(),
            )
        })?;
    for f in PAGE_FILES {
        if !dir.join(f).is_file() {
            return Err(Failure::io(
                &dir.join(f),
                "missing: not a verifier page folder (bindings-wasm/build.sh writes one)",
            ));
        }
    }
    Ok(dir)
}

/// Publishes the certificates of `from` into `site`.
pub fn publish(from: &Path, site: &Path, verifier: &Path) -> Result<Published, Failure> {
    std::fs::create_dir_all(site.join("credentials")).map_err(|e| Failure::io(site, e))?;
    let _lock = FolderLock::take(site)?;
    // What a publisher killed mid-write left (never a running one's).
    for sub in ["", "credentials", "certificates", "status", "pkg", ".well-known"] {
        remove_stale_temporaries(&site.join(sub));
    }
    let mut names: Vec<String> = std::fs::read_dir(from)
        .map_err(|e| Failure::io(from, e))?
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .collect();
    names.sort();
    let lists: Vec<(StatusPurpose, &str)> = [
        StatusPurpose::Message,
        StatusPurpose::Revocation,
        StatusPurpose::Suspension,
    ]
    .into_iter()
    .map(|p| (p, status_list_file(p)))
    .collect();
    let mut out = Published {
        credentials: 0,
        pdfs: 0,
        lists: 0,
    };
    for name in &names {
        let Some(id) = name.strip_suffix(".vc.json") else {
            continue;
        };
        if lists.iter().any(|(_, f)| f == name) {
            continue;
        }
        let bytes = read(&from.join(name))?;
        // Only what reads as a credential is published under its id.
        tamat::json::read_document(
            std::str::from_utf8(&bytes).map_err(|_| Failure::io(&from.join(name), "not UTF-8 text"))?,
        )?;
        write_atomic(&site.join("credentials").join(format!("{id}.json")), &bytes)?;
        out.credentials += 1;
        let pdf = from.join(format!("{id}.pdf"));
        if pdf.is_file() {
            std::fs::create_dir_all(site.join("certificates")).map_err(|e| Failure::io(site, e))?;
            write_atomic(&site.join("certificates").join(format!("{id}.pdf")), &read(&pdf)?)?;
            out.pdfs += 1;
        }
    }
    for (purpose, file) in &lists {
        let path = from.join(file);
        if path.is_file() {
            std::fs::create_dir_all(site.join("status")).map_err(|e| Failure::io(site, e))?;
            write_atomic(
                &site.join("status").join(format!("{}.json", purpose_name(*purpose))),
                &read(&path)?,
            )?;
            out.lists += 1;
        }
    }
    let issuer = from.join("issuer.json");
    if !issuer.is_file() {
        return Err(Failure::io(&issuer, "missing: the site needs the issuer's key"));
    }
    write_atomic(&site.join("issuer.json"), &read(&issuer)?)?;
    let did = from.join("did.json");
    if did.is_file() {
        let bytes = read(&did)?;
        write_atomic(&site.join("did.json"), &bytes)?;
        std::fs::create_dir_all(site.join(".well-known")).map_err(|e| Failure::io(site, e))?;
        write_atomic(&site.join(".well-known").join("did.json"), &bytes)?;
    }
    std::fs::create_dir_all(site.join("pkg")).map_err(|e| Failure::io(site, e))?;
    for f in PAGE_FILES {
        write_atomic(&site.join(f), &read(&verifier.join(f))?)?;
    }
    Ok(out)
}
