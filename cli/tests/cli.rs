//! The `tamat` binary, run as users run it: sample sheets (good and malformed), every
//! command, exit codes, and crash safety of `issue` under SIGKILL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/data/kaltim")
        .join(name)
}

fn tamat() -> Command {
    let mut c = Command::cargo_bin("tamat").unwrap();
    c.env_remove("TAMAT_LANG").env_remove("TAMAT_PAUSE_AT");
    c
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn demo_works_with_no_input_files() {
    let dir = tempfile::tempdir().unwrap();
    tamat()
        .current_dir(dir.path())
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("30 peserta: 27 LULUS, 3 TELAH MENGIKUTI"))
        .stdout(predicate::str::contains("terverifikasi: 30 dari 30 sah"))
        .stdout(predicate::str::contains("Rahmad Fauzi"));
    let out = dir.path().join("tamat-demo");
    let vcs = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name().to_string_lossy().into_owned();
            n.ends_with(".vc.json") && !n.starts_with("status-list")
        })
        .count();
    assert_eq!(vcs, 30);
    for f in ["issuer.json", "register.json", "status-list.vc.json"] {
        assert!(out.join(f).exists(), "{f}");
    }
    // One list: the credentials name one status entry (revocation and suspension in it).
    assert!(!out.join("status-list-suspension.vc.json").exists());
    // a second run does not overwrite the first
    tamat()
        .current_dir(dir.path())
        .args(["--lang", "en", "demo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("verified: 30 of 30 valid"))
        .stdout(predicate::str::contains("written to tamat-demo-2"));
}

fn evaluate_json(attendance: &Path) -> Value {
    let out = tamat()
        .args(["evaluate"])
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(attendance)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn outcomes(v: &Value) -> Vec<(String, String, Value)> {
    v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["participant"].as_str().unwrap().into(),
                d["outcome"].as_str().unwrap().into(),
                d["attendance"]["percent"].clone(),
            )
        })
        .collect()
}

#[test]
fn json_long_and_wide_sheets_decide_alike() {
    let j = evaluate_json(&data("attendance.json"));
    let long = evaluate_json(&data("attendance-long.csv"));
    let wide = evaluate_json(&data("attendance-wide.csv"));
    assert_eq!(j, long);
    assert_eq!(outcomes(&j), outcomes(&wide));
    assert_eq!(j["summary"]["lulus"], 27);
}

#[test]
fn evaluate_formats_and_languages() {
    tamat()
        .arg("evaluate")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Kehadiran 80% di bawah syarat 90%"));
    tamat()
        .args(["--lang", "en", "evaluate"])
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Attendance 80% is below the required 90%"))
        .stdout(predicate::str::contains("27 PASSED, 3 ATTENDED"));
    let out = tamat()
        .arg("evaluate")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance-long.csv"))
        .args(["--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 30);
    let p11 = rows.iter().find(|r| &r[1] == "p11").unwrap();
    assert_eq!(
        (&p11[6], &p11[7], &p11[8]),
        ("80", "telah_mengikuti", "TELAH MENGIKUTI")
    );
    // a course still running: projections
    let dir = tempfile::tempdir().unwrap();
    let early = dir.path().join("early.csv");
    std::fs::write(&early, "participant;session;status\np01;s01;H\np02;s01;A\n").unwrap();
    tamat()
        .arg("evaluate")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(&early)
        .args(["--as-of", "2025-07-17T09:00:00+08:00", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("IN PROGRESS"))
        .stdout(predicate::str::contains("remaining sessions"))
        // By 09:00 two of ten sessions are over. p01 attended one: 9 of 10 (90 %) is still
        // possible only by attending all 8 left, so p01 is at risk; everyone else has
        // missed both (8 of 10 at best): out of reach, not "at risk".
        .stdout(predicate::str::contains("1 at risk: p01\n"))
        .stdout(predicate::str::contains(
            "must attend 8 of 8 remaining sessions (at risk)",
        ));
}

fn sheet(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn malformed_sheets_name_line_and_column_and_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &[u8], Vec<&str>)> = vec![
        (
            "extra.csv",
            b"participant,s01\np01,H\np02,H,X\n",
            vec!["[attendance.invalid_sheet]", "line 3", "`#3`"],
        ),
        (
            // not UTF-8: read as Windows-1252, so the odd status is what is refused
            "cp1252.csv",
            b"participant,s01\np01,\xffH\n",
            vec!["[attendance.unknown_status]", "`\u{ff}H`", "(line 2, column `s01`)"],
        ),
        (
            "excel-nip.csv",
            b"nip,s01\n1.9761E+17,H\n",
            vec!["[attendance.invalid_sheet]", "line 2", "turned into a number"],
        ),
        ("column.csv", b"participant,s01,s99\np01,H,H\n", vec!["line 1", "`s99`"]),
        ("quote.csv", b"participant,s01\np01,\"H\n", vec!["line 2", "quoted"]),
        (
            "status.csv",
            b"\xef\xbb\xbfparticipant;s01;s02\r\np01;H;bolos\r\n",
            vec!["[attendance.unknown_status]", "(line 2, column `s02`)"],
        ),
        (
            "who.csv",
            b"participant,s01\nzz,H\n",
            vec!["[attendance.unknown_participant]", "(line 2, column `s01`)"],
        ),
        (
            "nip.csv",
            b"nip,s01\n199001012020011001,H\n",
            vec!["line 2", "`nip`", "NIP"],
        ),
        ("empty.csv", b"", vec!["line 1", "empty"]),
    ];
    for (name, bytes, expected) in cases {
        let p = sheet(dir.path(), name, bytes);
        let out = tamat()
            .args(["--lang", "en", "evaluate"])
            .arg(data("course.json"))
            .arg("--attendance")
            .arg(&p)
            .assert()
            .code(3);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        for e in expected {
            assert!(stderr.contains(e), "{name}: `{e}` not in {stderr}");
        }
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    // Indonesian by default
    let p = sheet(dir.path(), "id.csv", b"participant,s01\np01,H,X\n");
    tamat()
        .arg("evaluate")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(p)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("baris 2, kolom `#3`"));
}

#[test]
fn exit_codes_for_files_and_usage() {
    tamat().args(["evaluate", "/nonexistent/course.json"]).assert().code(4);
    tamat().args(["evaluate"]).assert().code(2);
    tamat().args(["frobnicate"]).assert().code(2);
    tamat()
        .args(["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"));
    let dir = tempfile::tempdir().unwrap();
    let bad = sheet(dir.path(), "course.json", b"{\"id\": \"x\"}");
    tamat()
        .arg("evaluate")
        .arg(bad)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("[request.invalid_shape]"));
    tamat().args(["schema", "nope"]).assert().code(3);
    let out = tamat().args(["schema", "course"]).assert().success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(schema["type"], "object");
}

struct Issuer {
    dir: tempfile::TempDir,
}

impl Issuer {
    fn new() -> Issuer {
        let dir = tempfile::tempdir().unwrap();
        tamat()
            .current_dir(dir.path())
            .args(["keygen", "--out", "bpsdm.key", "--public", "issuer.json"])
            .assert()
            .success();
        Issuer { dir }
    }
    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    /// `tamat issue` as a plain process, to be killed.
    fn spawn_issue(&self, course: &Path, attendance: &Path) -> Std {
        let mut c = Std::new(assert_cmd::cargo::cargo_bin("tamat"));
        c.current_dir(self.dir.path())
            .env_remove("TAMAT_PAUSE_AT")
            .arg("issue")
            .arg(course)
            .arg("--attendance")
            .arg(attendance)
            .arg("--settings")
            .arg(data("settings.json"))
            .args(["--key", "bpsdm.key", "--register", "register.json", "--out", "out"])
            .stdout(Stdio::null());
        c
    }

    /// `tamat issue` started to pause at `point`: the child, once it has said so (or has
    /// ended without reaching it), and what it said.
    fn spawn_paused(&self, course: &Path, attendance: &Path, point: &str) -> (std::process::Child, String) {
        let mut child = self
            .spawn_issue(course, attendance)
            .env("TAMAT_PAUSE_AT", point)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let _ = BufReader::new(child.stderr.take().unwrap()).read_line(&mut line);
        (child, line)
    }

    fn issue_cmd(&self, course: &Path, attendance: &Path) -> Command {
        let mut c = tamat();
        c.current_dir(self.dir.path())
            .arg("issue")
            .arg(course)
            .arg("--attendance")
            .arg(attendance)
            .arg("--settings")
            .arg(data("settings.json"))
            .args(["--key", "bpsdm.key", "--register", "register.json", "--out", "out"]);
        c
    }
}

#[test]
fn keygen_issue_verify_revoke() {
    let i = Issuer::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(i.path("bpsdm.key")).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    tamat()
        .current_dir(i.dir.path())
        .args(["keygen", "--out", "bpsdm.key"])
        .assert()
        .code(4);
    i.issue_cmd(&data("course.json"), &data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("30 sertifikat: 30 baru"))
        .stderr(predicate::str::is_empty()); // no progress bar when stderr is not a terminal
    let register = json(&i.path("register.json"));
    let first = register["certificates"][0].clone();
    let id = first["id"].as_str().unwrap().to_string();
    let vc = i.path(&format!("out/{id}.vc.json"));
    let cert = json(&i.path(&format!("out/{id}.json")));
    assert_eq!(cert["number"], "00001/BPSDM-KALTIM/VII/2025");
    assert!(std::fs::read_to_string(i.path(&format!("out/{id}.svg")))
        .unwrap()
        .contains("<svg"));
    let before = std::fs::read(&vc).unwrap();
    i.issue_cmd(&data("course.json"), &data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 baru, 30 tidak berubah"));
    assert_eq!(
        std::fs::read(&vc).unwrap(),
        before,
        "issuing again rewrites the same bytes"
    );
    let verify = |extra: &[&str]| {
        let mut c = tamat();
        c.current_dir(i.dir.path())
            .args(["--lang", "en", "verify"])
            .arg(&vc)
            .args(["--issuer", "out/issuer.json"])
            .args(extra);
        c
    };
    let both = ["--status-list", "out/status-list.vc.json"];
    verify(&both)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("valid:"));
    // Fail closed: without the list the status is unknown, never exit 0.
    verify(&[])
        .assert()
        .code(5)
        .stdout(predicate::str::starts_with("status_unchecked:"));
    // A forged `name` put before the signed one: refused as invalid JSON, not verified.
    let text = std::fs::read_to_string(&vc).unwrap();
    let forged = text.replacen('{', "{\"name\": \"Forged\",", 1);
    std::fs::write(i.path("forged.vc.json"), forged).unwrap();
    tamat()
        .current_dir(i.dir.path())
        .args(["verify", "forged.vc.json", "--issuer", "out/issuer.json"])
        .args(both)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("[request.invalid_json]"));
    // issuer.json from keygen is the same key
    assert_eq!(
        json(&i.path("issuer.json"))["publicKeyMultibase"],
        json(&i.path("out/issuer.json"))["publicKeyMultibase"]
    );
    // tampered
    let mut t = json(&vc);
    t["sttpp"]["holder"]["name"] = "Orang Lain".into();
    std::fs::write(i.path("tampered.vc.json"), t.to_string()).unwrap();
    tamat()
        .current_dir(i.dir.path())
        .args(["verify", "tampered.vc.json", "--issuer", "out/issuer.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("tampered:"));
    // revoke by number, new status lists, verify says revoked
    tamat()
        .current_dir(i.dir.path())
        .args([
            "revoke",
            "00001/BPSDM-KALTIM/VII/2025",
            "--register",
            "register.json",
            "--reason",
            "salah data",
        ])
        .args(["--key", "bpsdm.key", "--settings"])
        .arg(data("settings.json"))
        .args(["--out", "out"])
        .assert()
        .success()
        .stdout(predicate::str::contains("revoked"));
    verify(&["--status-list", "out/status-list.vc.json", "--json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"status\": \"revoked\""));
    // A list past its validUntil: stale (exit 6) for a certificate whose bit is clear.
    tamat()
        .current_dir(i.dir.path())
        .args(["status-list", "--register", "register.json", "--key", "bpsdm.key"])
        .args(["--at", "2025-08-01T00:00:00Z", "--valid-until", "2025-08-02T00:00:00Z"])
        .args(["--out", "old-list.json", "--settings"])
        .arg(data("settings.json"))
        .assert()
        .success();
    let second_vc = format!("out/{}.vc.json", register["certificates"][1]["id"].as_str().unwrap());
    tamat()
        .current_dir(i.dir.path())
        .args(["verify", &second_vc, "--issuer", "out/issuer.json"])
        .args(["--status-list", "old-list.json"])
        .args(["--at", "2025-09-01T00:00:00Z"])
        .assert()
        .code(6)
        .stdout(predicate::str::starts_with("status_stale:"));
    tamat()
        .current_dir(i.dir.path())
        .args(["revoke", &id, "--register", "register.json"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("[register.invalid_transition]"));
    let second = register["certificates"][1]["number"].as_str().unwrap().to_string();
    for (action, state) in [("suspend", "suspended"), ("reinstate", "active")] {
        tamat()
            .current_dir(i.dir.path())
            .args([action, &second, "--register", "register.json"])
            .assert()
            .success()
            .stdout(predicate::str::contains(state));
    }
    // a revoked participant is skipped, not re-issued
    i.issue_cmd(&data("course.json"), &data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("29 sertifikat"));
    // status-list command
    tamat()
        .current_dir(i.dir.path())
        .args([
            "status-list",
            "--register",
            "register.json",
            "--key",
            "bpsdm.key",
            "--purpose",
            "suspension",
            "--out",
            "s.json",
            "--settings",
        ])
        .arg(data("settings.json"))
        .assert()
        .success();
    assert_eq!(
        json(&i.path("s.json"))["credentialSubject"]["statusPurpose"],
        "suspension"
    );
}

/// A course with `n` participants and its wide sheet (everyone present).
fn big_course(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let mut course = json(&data("course.json"));
    let sessions: Vec<String> = course["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    course["participants"] = (0..n)
        .map(|i| serde_json::json!({"id": format!("q{i:05}"), "name": format!("Peserta {i}")}))
        .collect();
    let c = dir.join("big-course.json");
    std::fs::write(&c, course.to_string()).unwrap();
    let mut csv = format!("participant,{}\n", sessions.join(","));
    for i in 0..n {
        csv.push_str(&format!("q{i:05}{}\n", ",H".repeat(sessions.len())));
    }
    let a = dir.join("big.csv");
    std::fs::write(&a, csv).unwrap();
    (c, a)
}

/// After a crash and a completed re-run: the register parses, numbers are exactly
/// 1..=n, each once, every certificate file is there, no temporary file remains.
fn check_consistent(i: &Issuer, n: usize) {
    let register = json(&i.path("register.json"));
    let mut numbers = BTreeMap::new();
    for c in register["certificates"].as_array().unwrap() {
        *numbers.entry(c["sequence"].as_u64().unwrap()).or_insert(0) += 1;
        let id = c["id"].as_str().unwrap();
        for ext in ["json", "vc.json", "svg"] {
            assert!(i.path(&format!("out/{id}.{ext}")).exists(), "{id}.{ext}");
        }
    }
    assert_eq!(numbers.len(), n);
    assert!(
        numbers
            .iter()
            .enumerate()
            .all(|(k, (seq, count))| *seq == k as u64 + 1 && *count == 1),
        "{numbers:?}"
    );
    assert_eq!(register["counters"][0]["last"], n as u64);
    for dir in [i.dir.path().to_path_buf(), i.path("out")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp-"), "temporary file left: {name}");
        }
    }
}

fn register_parses_or_is_absent(i: &Issuer) {
    let p = i.path("register.json");
    if p.exists() {
        let text = std::fs::read_to_string(&p).unwrap();
        tamat::certificates::Register::from_json(&text).expect("the register on disk is whole");
    }
}

#[test]
fn sigkill_at_each_point_of_issue_loses_and_doubles_nothing() {
    let points = [
        "certificate-1",
        "certificate-17",
        "before-rename:issuer.json",
        "certificates-written",
        "before-rename:register.json",
        "register-written",
        "before-rename:status-list.vc.json",
    ];
    for (round, point) in points.iter().enumerate() {
        let i = Issuer::new();
        let (course, attendance) = big_course(i.dir.path(), 30);
        // odd rounds: the killed run follows a complete one (nothing new to number)
        if round % 2 == 1 {
            i.issue_cmd(&course, &attendance).assert().success();
        }
        let (mut child, line) = i.spawn_paused(&course, &attendance, point);
        assert!(line.contains(&format!("paused at {point}")), "{point}: {line}");
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        register_parses_or_is_absent(&i);
        i.issue_cmd(&course, &attendance).assert().success();
        check_consistent(&i, 30);
    }
}

/// What a register on disk says after a kill: it parses (and so passes the register's
/// own checks), its numbers are exactly 1..=n with each once, every certificate it lists
/// has its files, and no number has changed hands since an earlier look.
fn check_after_kill(i: &Issuer, owners: &mut BTreeMap<u64, String>) -> usize {
    let p = i.path("register.json");
    if !p.exists() {
        return 0;
    }
    let text = std::fs::read_to_string(&p).unwrap();
    tamat::certificates::Register::from_json(&text).expect("the register on disk is whole");
    let register: Value = serde_json::from_str(&text).unwrap();
    let certificates = register["certificates"].as_array().unwrap();
    let mut numbers: Vec<u64> = Vec::new();
    for c in certificates {
        let sequence = c["sequence"].as_u64().unwrap();
        let participant = c["participant"].as_str().unwrap().to_string();
        numbers.push(sequence);
        let owner = owners.entry(sequence).or_insert_with(|| participant.clone());
        assert_eq!(*owner, participant, "number {sequence} changed hands");
        let id = c["id"].as_str().unwrap();
        for ext in ["json", "vc.json", "svg"] {
            assert!(
                i.path(&format!("out/{id}.{ext}")).exists(),
                "{id}.{ext} missing after a kill"
            );
        }
    }
    numbers.sort_unstable();
    let expected: Vec<u64> = (1..=numbers.len() as u64).collect();
    assert_eq!(numbers, expected, "a number lost or doubled");
    assert_eq!(register["counters"][0]["last"], numbers.len() as u64);
    numbers.len()
}

/// Named phases of `tamat issue` (`TAMAT_PAUSE_AT`), for kills that must land late.
const POINTS: &[&str] = &[
    "certificate-1",
    "certificates-written",
    "before-rename:register.json",
    "register-written",
    "before-rename:status-list.vc.json",
];

/// SIGKILLs `tamat issue` at random moments, at least `TAMAT_KILLS` (default 100) times
/// while it was still running (every fifth at a named phase), checking the folder after
/// each. The cohort grows by a few
/// participants each round, so every run has new numbers to give.
#[test]
fn sigkill_at_random_moments_loses_and_doubles_nothing() {
    use std::os::unix::process::ExitStatusExt;
    let wanted: usize = std::env::var("TAMAT_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(100);
    let i = Issuer::new();
    // how long one whole run takes here, to spread the kills over it
    let (course, attendance) = big_course(i.dir.path(), 60);
    let scratch = Issuer::new();
    let t0 = std::time::Instant::now();
    assert!(scratch.spawn_issue(&course, &attendance).status().unwrap().success());
    let whole = t0.elapsed().max(Duration::from_millis(20));
    eprintln!("a whole run of 60 certificates: {whole:?}");
    let mut owners = BTreeMap::new();
    let (mut kills, mut rounds, mut grew_while_killed) = (0, 0, 0);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut n = 20;
    while kills < wanted {
        rounds += 1;
        assert!(
            rounds < wanted * 4,
            "only {kills} of {rounds} runs were still running when killed"
        );
        n += rounds % 2;
        let (course, attendance) = big_course(i.dir.path(), n);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // a run takes about as long as its cohort is large: kill anywhere in it, or just after
        let delay = whole.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1 * n as f64 / 60.0);
        let before = check_after_kill(&i, &mut owners);
        // every fifth kill waits for a phase named at random (so the late phases are
        // surely hit, whatever the machine's speed); the others at a random moment
        let mut child = if rounds % 5 == 0 {
            let point = POINTS[(seed % POINTS.len() as u64) as usize];
            i.spawn_paused(&course, &attendance, point).0
        } else {
            let child = i
                .spawn_issue(&course, &attendance)
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(delay);
            child
        };
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let after = check_after_kill(&i, &mut owners);
        if status.signal() == Some(9) {
            kills += 1;
            if after > before {
                grew_while_killed += 1;
            }
        }
    }
    // the kills landed all over the run: some before the register was written, some after
    assert!(
        grew_while_killed > 0 && grew_while_killed < kills,
        "{grew_while_killed} of {kills}"
    );
    i.issue_cmd(&course_of(&i), &i.path("big.csv")).assert().success();
    check_consistent(&i, n);
    eprintln!("{kills} SIGKILLs in {rounds} runs; the register grew in {grew_while_killed} of the killed runs");
}

fn course_of(i: &Issuer) -> PathBuf {
    i.path("big-course.json")
}

/// No early issuance: a course whose last session has not ended at the moment of issue
/// (now, or `--as-of`) is refused with `certificate.course_not_ended` and nothing is
/// written; `--early` issues it as if it had ended; after the end it is issued.
#[test]
fn a_course_still_running_is_not_issued_unless_asked() {
    let i = Issuer::new();
    let course = data("course.json"); // 2025-07-17, 08:00-16:00 WITA
    let running = |cmd: &mut Command| {
        cmd.args(["--as-of", "2025-07-17T12:00:00+08:00"]);
    };
    let mut refused = i.issue_cmd(&course, &data("attendance-wide.csv"));
    running(&mut refused);
    refused
        .assert()
        .code(3)
        .stderr(predicate::str::contains("certificate.course_not_ended"))
        .stderr(predicate::str::contains("masih berlangsung"));
    assert!(!i.path("register.json").exists(), "nothing registered");
    assert!(!i.path("out").exists() || std::fs::read_dir(i.path("out")).unwrap().next().is_none());
    let mut early = i.issue_cmd(&course, &data("attendance-wide.csv"));
    running(&mut early);
    early
        .arg("--early")
        .assert()
        .success()
        .stdout(predicate::str::contains("30 sertifikat: 30 baru"));
    // Now (2026 or later) the 2025 course is long over: issued again unchanged.
    i.issue_cmd(&course, &data("attendance-wide.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("30 tidak berubah"));
}

#[test]
fn evaluate_writes_the_cohort_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cohort.svg");
    tamat()
        .args(["evaluate", data("course.json").to_str().unwrap(), "--attendance"])
        .arg(data("attendance-wide.csv"))
        .arg("--chart")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("27 LULUS"));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // one cell (with its title) per participant and session; the minimum marked
    assert_eq!(svg.matches("</title></rect>").count(), 30 * 10 + 10);
    assert!(svg.contains("minimum 90%"));
    // a request the core refuses writes no picture and says why
    let bad = dir.path().join("bad.svg");
    tamat()
        .args([
            "evaluate",
            data("course.json").to_str().unwrap(),
            "--as-of",
            "yesterday",
            "--chart",
        ])
        .arg(&bad)
        .assert()
        .failure()
        .stdout(predicate::str::contains("request.invalid_as_of"));
    assert!(!bad.exists());
}

/// Settings whose template names its pictures and fonts by file, relative to the
/// settings file.
fn template_settings(i: &Issuer, template: Value) -> PathBuf {
    let mut s = json(&data("settings.json"));
    s["template"] = template;
    let path = i.path("settings.json");
    std::fs::write(&path, serde_json::to_string(&s).unwrap()).unwrap();
    path
}

#[test]
fn templates_from_files_print_english_pages_with_the_logo_and_pdfs_verify() {
    let i = Issuer::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(repo.join("tests/data/emblem.png"), i.path("emblem.png")).unwrap();
    std::fs::copy(repo.join("documents/fonts/DejaVuSerif.ttf"), i.path("regular.ttf")).unwrap();
    std::fs::copy(repo.join("documents/fonts/DejaVuSerif-Bold.ttf"), i.path("bold.ttf")).unwrap();
    let settings = template_settings(
        &i,
        serde_json::json!({
            "lang": "en",
            "logo": "emblem.png",
            "stamp": "emblem.png",
            "colours": {"accent": "#7a1f1f"},
            "font_files": {"regular": "regular.ttf", "bold": "bold.ttf"}
        }),
    );
    tamat()
        .current_dir(i.dir.path())
        .arg("issue")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance.json"))
        .arg("--settings")
        .arg(&settings)
        .args(["--key", "bpsdm.key", "--register", "register.sqlite", "--out", "out"])
        .assert()
        .success();
    let out = i.path("out");
    let svg = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "svg"))
        .unwrap();
    let page = std::fs::read_to_string(&svg).unwrap();
    assert!(page.contains("awarded to:"), "English page text");
    assert!(page.contains("LEARNING AGENDA"));
    assert!(page.contains("stroke=\"#7a1f1f\""), "the accent colour");
    assert_eq!(page.matches("data:image/png;base64,").count(), 2, "logo and stamp");
    let pdf = svg.with_extension("pdf");
    for (file, code) in [(pdf.clone(), 0), (out.join("cohort.pdf"), 0)] {
        tamat()
            .current_dir(i.dir.path())
            .arg("verify")
            .arg(&file)
            .args(["--issuer", "issuer.json", "--status-list", "out/status-list.vc.json"])
            .assert()
            .code(code)
            .stdout(predicate::str::contains("valid: "));
    }
    // A file that says it is a PDF and is not one: refused, never "valid".
    std::fs::write(i.path("junk.pdf"), b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n").unwrap();
    tamat()
        .current_dir(i.dir.path())
        .args(["verify", "junk.pdf", "--issuer", "issuer.json"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("document.invalid"));
    // A picture that is not one, and a font that is not one: refused with the setting named.
    std::fs::write(i.path("fake.png"), b"GIF89a....").unwrap();
    let settings = template_settings(&i, serde_json::json!({"logo": "fake.png"}));
    tamat()
        .current_dir(i.dir.path())
        .arg("issue")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance.json"))
        .arg("--settings")
        .arg(&settings)
        .args(["--key", "bpsdm.key", "--register", "register2.sqlite", "--out", "out2"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("certificate.invalid_settings").and(predicate::str::contains("template.logo")),
        );
    let settings = template_settings(
        &i,
        serde_json::json!({"font_files": {"regular": "emblem.png", "bold": "bold.ttf"}}),
    );
    tamat()
        .current_dir(i.dir.path())
        .arg("issue")
        .arg(data("course.json"))
        .arg("--attendance")
        .arg(data("attendance.json"))
        .arg("--settings")
        .arg(&settings)
        .args(["--key", "bpsdm.key", "--register", "register3.sqlite", "--out", "out3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("document.invalid"));
}

/// A fake verifier page folder, as `bindings-wasm/build.sh` lays it out.
fn verifier_page(dir: &Path) -> PathBuf {
    let page = dir.join("page");
    std::fs::create_dir_all(page.join("pkg")).unwrap();
    for f in [
        "index.html",
        "verify.js",
        "style.css",
        "pkg/tamat.js",
        "pkg/tamat_bg.wasm",
    ] {
        std::fs::write(page.join(f), format!("page file {f}")).unwrap();
    }
    page
}

#[test]
fn publish_writes_the_site_whole_with_several_publishers_and_sigkills() {
    let dir = tempfile::tempdir().unwrap();
    tamat()
        .current_dir(dir.path())
        .args(["demo", "--out", "demo"])
        .assert()
        .success();
    let page = verifier_page(dir.path());
    // Without a verifier page: a clear error.
    tamat()
        .current_dir(dir.path())
        .env_remove("TAMAT_VERIFIER")
        .args(["publish", "--from", "demo", "--out", "site"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--verifier"));
    // Four publishers at once, and four more killed at random moments.
    let spawn = || {
        Std::new(assert_cmd::cargo::cargo_bin("tamat"))
            .current_dir(dir.path())
            .args(["publish", "--from", "demo", "--out", "site", "--verifier"])
            .arg(&page)
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut running: Vec<_> = (0..4).map(|_| spawn()).collect();
    for k in 0..4u64 {
        let mut c = spawn();
        std::thread::sleep(Duration::from_millis(5 + 7 * k));
        let _ = c.kill();
        let _ = c.wait();
    }
    for c in &mut running {
        assert!(c.wait().unwrap().success());
    }
    let site = dir.path().join("site");
    let demo = dir.path().join("demo");
    let mut n = 0;
    for e in std::fs::read_dir(&demo).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if let Some(id) = name.strip_suffix(".vc.json").filter(|s| !s.starts_with("status-list")) {
            assert_eq!(
                std::fs::read(site.join("credentials").join(format!("{id}.json"))).unwrap(),
                std::fs::read(demo.join(&name)).unwrap()
            );
            assert_eq!(
                std::fs::read(site.join("certificates").join(format!("{id}.pdf"))).unwrap(),
                std::fs::read(demo.join(format!("{id}.pdf"))).unwrap()
            );
            n += 1;
        }
    }
    assert_eq!(n, 30);
    assert_eq!(
        std::fs::read(site.join("status/message.json")).unwrap(),
        std::fs::read(demo.join("status-list.vc.json")).unwrap()
    );
    assert_eq!(
        std::fs::read(site.join("issuer.json")).unwrap(),
        std::fs::read(demo.join("issuer.json")).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(site.join("pkg/tamat_bg.wasm")).unwrap(),
        "page file pkg/tamat_bg.wasm"
    );
    // The next run takes away what the killed ones left: no temporary file is served.
    tamat()
        .current_dir(dir.path())
        .args(["publish", "--from", "demo", "--out", "site", "--verifier"])
        .arg(&page)
        .assert()
        .success();
    let leftovers: Vec<_> = walk(&site)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(".tmp-")))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
