//! Several issuers at once, as an agency runs them: 8 classes (angkatan) of one unit and
//! year issued by 8 `tamat issue` processes at the same time into one store and one
//! output folder, on SQLite and on PostgreSQL; then the same with random SIGKILLs and
//! re-runs. After each round: numbers exactly 1..n, each once; every certificate in the
//! store and on disk; status indices unique; no number ever changes hands.
//!
//! PostgreSQL is the server named by `TAMAT_TEST_POSTGRES` (`scripts/test` starts one);
//! under CI it must be set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/data/kaltim")
        .join(name)
}

fn tamat() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tamat"));
    c.env_remove("TAMAT_LANG")
        .env_remove("TAMAT_PAUSE_AT")
        .env_remove("TAMAT_REGISTER");
    c
}

/// The stores this run can reach: a new SQLite file, and a new PostgreSQL database.
fn stores(dir: &Path, name: &str) -> Vec<String> {
    let mut out = vec![dir.join(format!("{name}.sqlite")).to_string_lossy().into_owned()];
    match std::env::var("TAMAT_TEST_POSTGRES") {
        Ok(url) => {
            let db = format!(
                "tamat_{name}_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_micros()
            );
            let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
            admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
            let base = url.rsplit_once('/').unwrap().0;
            out.push(format!("{base}/{db}"));
        }
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("CI: TAMAT_TEST_POSTGRES must name a PostgreSQL server (scripts/test starts one)")
        }
        Err(_) => eprintln!("TAMAT_TEST_POSTGRES not set: PostgreSQL not tested here"),
    }
    out
}

struct Agency {
    dir: tempfile::TempDir,
    key: PathBuf,
}

impl Agency {
    fn new() -> Agency {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("bpsdm.key");
        let ok = tamat().arg("keygen").arg("--out").arg(&key).output().unwrap();
        assert!(ok.status.success());
        Agency { dir, key }
    }

    /// Class `k` of the East Kalimantan course: its own id, the same participants.
    fn course(&self, k: usize) -> PathBuf {
        let path = self.dir.path().join(format!("course-{k}.json"));
        if !path.exists() {
            let mut c: Value = serde_json::from_str(&std::fs::read_to_string(data("course.json")).unwrap()).unwrap();
            c["id"] = format!("ppbit-2025-angkatan-{k}").into();
            c["title"] = format!("{} (Angkatan {k})", c["title"].as_str().unwrap()).into();
            std::fs::write(&path, c.to_string()).unwrap();
        }
        path
    }

    fn issue(&self, k: usize, store: &str, out: &Path) -> Command {
        let mut c = tamat();
        c.arg("issue")
            .arg(self.course(k))
            .arg("--attendance")
            .arg(data("attendance-wide.csv"))
            .arg("--settings")
            .arg(data("settings.json"))
            .arg("--key")
            .arg(&self.key)
            .args(["--register", store])
            .arg("--out")
            .arg(out)
            .args(["--at", "2025-07-18T00:00:00Z", "--by", &format!("operator-{k}")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    }

    fn export(&self, store: &str) -> Value {
        let out = tamat()
            .args(["register", "export", "--register", store])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// Checks the store and the folder; returns the number of certificates. `owners` keeps
/// every number seen with its (course, participant): a number never changes hands.
fn check(a: &Agency, store: &str, out: &Path, owners: &mut BTreeMap<u64, (String, String)>) -> usize {
    let register = a.export(store);
    let certs = register["certificates"].as_array().unwrap();
    let mut sequences: Vec<u64> = certs.iter().map(|c| c["sequence"].as_u64().unwrap()).collect();
    sequences.sort_unstable();
    assert_eq!(
        sequences,
        (1..=certs.len() as u64).collect::<Vec<_>>(),
        "{store}: numbers exactly 1..n"
    );
    let indices: HashSet<u64> = certs.iter().map(|c| c["status_index"].as_u64().unwrap()).collect();
    assert_eq!(indices.len(), certs.len(), "{store}: status indices unique");
    let last = register["counters"][0]["last"].as_u64().unwrap_or(0);
    assert_eq!(last, certs.len() as u64, "{store}: the counter is the last number");
    for c in certs {
        let seq = c["sequence"].as_u64().unwrap();
        let owner = (
            c["course"].as_str().unwrap().to_string(),
            c["participant"].as_str().unwrap().to_string(),
        );
        let seen = owners.entry(seq).or_insert_with(|| owner.clone());
        assert_eq!(*seen, owner, "{store}: number {seq} changed hands");
    }
    let _ = out;
    certs.len()
}

/// Every certificate of the store has its three files in `out`, and the credential on
/// disk is the one stored.
fn check_files(a: &Agency, store: &str, out: &Path) {
    let register = a.export(store);
    for c in register["certificates"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        for ext in ["json", "vc.json", "svg"] {
            assert!(out.join(format!("{id}.{ext}")).exists(), "{store}: {id}.{ext}");
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{store}: temporary files left: {leftovers:?}");
}

fn wait_ok(mut child: Child, what: &str) {
    let status = child.wait().unwrap();
    if !status.success() {
        let mut err = String::new();
        use std::io::Read;
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        panic!("{what}: {status}: {err}");
    }
}

#[test]
fn eight_issuers_at_once_share_one_counter() {
    let a = Agency::new();
    for store in stores(a.dir.path(), "eight") {
        let out = a.dir.path().join(format!(
            "out-{}",
            if store.starts_with("postgres") { "pg" } else { "sqlite" }
        ));
        let children: Vec<Child> = (1..=8).map(|k| a.issue(k, &store, &out).spawn().unwrap()).collect();
        for (k, child) in children.into_iter().enumerate() {
            wait_ok(child, &format!("{store}: class {}", k + 1));
        }
        let mut owners = BTreeMap::new();
        assert_eq!(check(&a, &store, &out, &mut owners), 240, "{store}");
        check_files(&a, &store, &out);
        // Every signed certificate is in the store, and verifies against the lists the
        // last run wrote (which hold every class).
        let register = a.export(&store);
        let ids: HashSet<&str> = register["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        let on_disk: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".vc.json") && !n.starts_with("status-list"))
            .collect();
        assert_eq!(on_disk.len(), 240);
        assert!(on_disk.iter().all(|n| ids.contains(n.trim_end_matches(".vc.json"))));
        // Revoke one by number in the store; the lists written after say so.
        let number = "00100/BPSDM-KALTIM/VII/2025";
        let revoked = tamat()
            .args([
                "revoke",
                number,
                "--register",
                &store,
                "--reason",
                "data salah",
                "--by",
                "kepala",
            ])
            .arg("--key")
            .arg(&a.key)
            .arg("--settings")
            .arg(data("settings.json"))
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
        let found = tamat()
            .args(["register", "find", "--register", &store, "--number", number])
            .output()
            .unwrap();
        let row: Value = serde_json::from_slice(&found.stdout).unwrap();
        assert_eq!(row["state"], "revoked");
        let id = row["id"].as_str().unwrap();
        let verify = |id: &str| {
            tamat()
                .arg("verify")
                .arg(out.join(format!("{id}.vc.json")))
                .arg("--issuer")
                .arg(out.join("issuer.json"))
                .arg("--status-list")
                .arg(out.join("status-list.vc.json"))
                .output()
                .unwrap()
                .status
                .code()
        };
        assert_eq!(verify(id), Some(1), "{store}: revoked");
        let other = register["certificates"][0]["id"].as_str().unwrap();
        assert_eq!(verify(other), Some(0), "{store}: valid");
        let history = tamat()
            .args(["register", "history", number, "--register", &store])
            .output()
            .unwrap();
        let lines: Vec<Value> = String::from_utf8(history.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{store}");
        assert_eq!(lines[1]["to"], "revoked");
        assert_eq!(lines[1]["reason"], "data salah");
        assert_eq!(lines[1]["by"], "kepala");
    }
}

/// A small generator for kill moments (no dependency needed for that).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn sigkills_among_concurrent_issuers_lose_and_double_nothing() {
    let a = Agency::new();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("seed {seed}");
    let mut rng = Lcg(seed);
    for store in stores(a.dir.path(), "kills") {
        let out = a.dir.path().join(format!(
            "kills-{}",
            if store.starts_with("postgres") { "pg" } else { "sqlite" }
        ));
        let mut owners = BTreeMap::new();
        let (mut kills, mut round) = (0, 0);
        while kills < 50 {
            round += 1;
            assert!(round < 60, "{store}: too few kills landed ({kills} in {round} rounds)");
            let classes: Vec<usize> = (0..8).map(|j| round * 8 + j).collect();
            let mut children: Vec<(usize, Child)> = classes
                .iter()
                .map(|&k| (k, a.issue(k, &store, &out).spawn().unwrap()))
                .collect();
            std::thread::sleep(Duration::from_millis(rng.below(600)));
            for (_, child) in children.iter_mut() {
                if rng.below(4) != 0 && child.try_wait().unwrap().is_none() {
                    child.kill().unwrap(); // SIGKILL
                    kills += 1;
                }
            }
            for (_, child) in children.iter_mut() {
                let _ = child.wait();
            }
            check(&a, &store, &out, &mut owners);
            // Re-runs (at once, too) finish every class: nothing lost, nothing doubled.
            let reruns: Vec<(usize, Child)> = classes
                .iter()
                .map(|&k| (k, a.issue(k, &store, &out).spawn().unwrap()))
                .collect();
            for (k, child) in reruns {
                wait_ok(child, &format!("{store}: re-run of {k}"));
            }
            let n = check(&a, &store, &out, &mut owners);
            assert_eq!(n, round * 240, "{store}: every class complete after re-runs");
            check_files(&a, &store, &out);
        }
        eprintln!(
            "{store}: {kills} SIGKILLs in {round} rounds, {} certificates",
            round * 240
        );
    }
}

#[test]
fn reissue_replaces_a_certificate_in_every_kind_of_register() {
    let a = Agency::new();
    let mut registers = stores(a.dir.path(), "reissue");
    registers.push(a.dir.path().join("reissue.json").to_string_lossy().into_owned());
    for (n, store) in registers.iter().enumerate() {
        let out = a.dir.path().join(format!("reissue-out-{n}"));
        wait_ok(a.issue(1, store, &out).spawn().unwrap(), store);
        // A corrected name: issuing refuses, re-issuing replaces.
        let mut course: Value = serde_json::from_str(&std::fs::read_to_string(a.course(1)).unwrap()).unwrap();
        course["participants"][4]["name"] = "Nama Diperbaiki".into();
        let fixed = a.dir.path().join(format!("fixed-{n}.json"));
        std::fs::write(&fixed, course.to_string()).unwrap();
        let run = tamat()
            .args(["--lang", "en", "reissue", "00005/BPSDM-KALTIM/VII/2025"])
            .arg(&fixed)
            .arg("--attendance")
            .arg(data("attendance-wide.csv"))
            .arg("--settings")
            .arg(data("settings.json"))
            .arg("--key")
            .arg(&a.key)
            .args(["--register", store, "--reason", "nama salah", "--by", "admin"])
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{store}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            "00005/BPSDM-KALTIM/VII/2025 revoked, replaced by 00031/BPSDM-KALTIM/VII/2025",
            "{store}"
        );
        let register: Value = if store.ends_with(".json") {
            serde_json::from_str(&std::fs::read_to_string(store).unwrap()).unwrap()
        } else {
            a.export(store)
        };
        let certs = register["certificates"].as_array().unwrap();
        let old = certs.iter().find(|c| c["sequence"] == 5).unwrap();
        let new = certs.iter().find(|c| c["sequence"] == 31).unwrap();
        assert_eq!(old["state"], "revoked");
        assert_eq!(old["superseded_by"], new["id"]);
        assert_eq!(new["supersedes"], old["id"]);
        let vc = std::fs::read_to_string(out.join(format!("{}.vc.json", new["id"].as_str().unwrap()))).unwrap();
        assert!(vc.contains("Nama Diperbaiki"), "{store}");
        let verify = |id: &Value| {
            tamat()
                .arg("verify")
                .arg(out.join(format!("{}.vc.json", id.as_str().unwrap())))
                .arg("--issuer")
                .arg(out.join("issuer.json"))
                .arg("--status-list")
                .arg(out.join("status-list.vc.json"))
                .status()
                .unwrap()
                .code()
        };
        assert_eq!(verify(&old["id"]), Some(1), "{store}: the old one is revoked");
        assert_eq!(verify(&new["id"]), Some(0), "{store}: the new one is valid");
    }
}
