"""The Python API: one function per operation, the contract's documents in and out, batch
forms of attendance, time handling, errors, secrets."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import random
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

import tamat

WITA = timezone(timedelta(hours=8))
DEMO = tamat.demo()


def small_course() -> tamat.Course:
    return tamat.Course(
        id="c1",
        title="Uji",
        time_zone="Asia/Makassar",
        sessions=[
            {"id": "s1", "start": "2025-07-17T08:00", "end": "2025-07-17T09:00"},
            {"id": "s2", "start": "2025-07-17T09:00", "end": "2025-07-17T10:00"},
            {"id": "s3", "start": "2025-07-17T10:00", "end": "2025-07-17T11:00"},
        ],
        participants=[{"id": "p1", "name": "Satu"}, {"id": "p2", "name": "Dua"}],
    )


def decision(evaluation: tamat.Evaluation, participant: str) -> tamat.Decision:
    return next(d for d in evaluation["decisions"] if d["participant"] == participant)


def test_check_course_resolves_the_schedule() -> None:
    a = small_course()
    assert a == json.loads(json.dumps(a))  # a Course is the document itself
    checked = tamat.check_course(a)
    assert checked["total_jp"] == 3 and checked["time_zone"] == "Asia/Makassar"
    assert [s["id"] for s in checked["sessions"]] == ["s1", "s2", "s3"]
    assert checked["sessions"][0]["start"] == "2025-07-17T00:00:00Z"
    assert repr(tamat.Evaluator(a)) == '<Evaluator course="c1" participants=2 sessions=3 total_jp=3>'


def test_course_errors_are_all_reported_with_codes() -> None:
    data = small_course()
    data["participants"] = [
        {"id": "p1", "name": "A", "nip": "123"},
        {"id": "p2", "name": "B", "nip": "456"},
    ]
    with pytest.raises(tamat.IdentityError) as caught:
        tamat.check_course(data)
    e = caught.value
    assert isinstance(e, tamat.TamatError) and isinstance(e, ValueError)
    assert e.code == "identity.invalid_nip"
    assert [x["code"] for x in e.errors] == ["identity.invalid_nip", "identity.invalid_nip"]
    assert e.messages["id"] != e.messages["en"]


def test_schedule_error_class() -> None:
    data = small_course()
    data["sessions"][0]["end"] = "2025-07-17T07:00"
    with pytest.raises(tamat.ScheduleError) as caught:
        tamat.Evaluator(data)
    assert caught.value.code == "schedule.end_not_after_start"


def test_malformed_json_is_a_request_error() -> None:
    with pytest.raises(tamat.RequestError) as caught:
        tamat.Evaluator("{not json")
    assert caught.value.code == "request.invalid_json"


def marks_rows(statuses: dict) -> list:
    return [{"participant": p, "session": s, "status": st} for (p, s), st in statuses.items()]


def test_rows_columns_and_attendance_agree() -> None:
    course = small_course()
    rows = marks_rows({("p1", "s1"): "H", ("p1", "s2"): "hadir", ("p1", "s3"): "T", ("p2", "s1"): "A"})
    columns = {k: [r[k] for r in rows] for k in ("participant", "session", "status")}
    a = tamat.evaluate(course, attendance=rows)
    b = tamat.evaluate(course, attendance=columns)
    ev = tamat.Evaluator(course)
    c, d, e = ev.evaluate(rows), ev.evaluate(columns), ev.evaluate(tuple(rows))
    assert a == b == c == d == e
    # p2 attended nothing: no document by default (no_document_if_never_attended)
    assert [x["outcome"] for x in a["decisions"]] == ["lulus", "no_document"]


def test_batch_equals_json_contract_on_random_cohorts() -> None:
    rng = random.Random(7)
    words = ["hadir", "H", "T", "terlambat", "izin", "sakit", "A", "alpha", "present", "late"]
    for _ in range(30):
        n, m = rng.randint(1, 12), rng.randint(1, 8)
        course = {
            "id": "r",
            "title": "R",
            "time_zone": "Asia/Jakarta",
            "sessions": [
                {"id": f"s{j}", "start": f"2025-01-0{1 + j // 4}T{8 + j % 4:02d}:00", "end": f"2025-01-0{1 + j // 4}T{9 + j % 4:02d}:00"}
                for j in range(m)
            ],
            "participants": [{"id": f"p{i}", "name": f"P{i}"} for i in range(n)],
            "policy": {"version": 1, "minimum_percent": rng.choice([50, 75, 80, 90, 100])},
        }
        marks = [
            {"participant": f"p{i}", "session": f"s{j}", "status": rng.choice(words)}
            for i in range(n)
            for j in range(m)
            if rng.random() < 0.8
        ]
        rng.shuffle(marks)
        # The same defaults on both sides (traces included): defined once, in the core.
        native = json.loads(tamat.evaluate_json(json.dumps({"course": course, "attendance": marks})))
        native.pop("type")
        assert tamat.evaluate(course, attendance=marks) == native
        assert tamat.Evaluator(course).evaluate(marks) == native
        quiet = json.loads(tamat.evaluate_json(json.dumps({"course": course, "attendance": marks, "trace": False})))
        quiet.pop("type")
        assert tamat.evaluate(course, attendance=marks, trace=False) == quiet
        assert tamat.call("evaluate", {"course": course, "attendance": marks}) == native


def test_bad_marks_have_positions() -> None:
    ev = tamat.Evaluator(small_course())
    with pytest.raises(tamat.RequestError) as caught:
        ev.evaluate([{"participant": "p1", "session": "s1", "status": "H"}, {"participant": "p1", "status": "H"}])
    assert "attendance[1]" in str(caught.value)
    with pytest.raises(tamat.RequestError) as caught:
        ev.evaluate([{"participant": "p1", "session": "s1", "statut": "H"}])
    assert "statut" in str(caught.value)
    with pytest.raises(tamat.RequestError):
        ev.evaluate({"participant": ["p1"], "session": ["s1", "s2"], "status": ["H"]})
    with pytest.raises(tamat.RequestError):
        tamat.evaluate(small_course(), attendance={"participant": ["p1"], "session": ["s1", "s2"], "status": ["H"]})
    with pytest.raises(tamat.RequestError):
        ev.evaluate([{"participant": 12, "session": "s1", "status": "H"}])
    with pytest.raises(tamat.RequestError):
        ev.evaluate(42)
    with pytest.raises(tamat.RequestError):
        tamat.evaluate(small_course(), attendance=42)
    for run in (ev.evaluate, lambda a: tamat.evaluate(small_course(), attendance=a)):
        with pytest.raises(tamat.AttendanceError) as caught:
            run([{"participant": "p1", "session": "s1", "status": "bolos"}])
        assert caught.value.code == "attendance.unknown_status"


def test_aware_datetimes_in_and_out() -> None:
    course = small_course()
    late = datetime(2025, 7, 17, 0, 40, tzinfo=timezone.utc)  # 08:40 WITA, past the grace period
    r = tamat.evaluate(course, attendance=[{"participant": "p1", "session": "s1", "check_in": late}], as_of=datetime(2025, 7, 17, 9, 30, tzinfo=WITA), trace=True)
    assert r["as_of"] == "2025-07-17T01:30:00Z"
    assert r["completed_on"] == "2025-07-17"
    d = decision(r, "p1")
    assert d["outcome"] == "pending"
    assert d["trace"][0]["status"] == "terlambat"
    text = tamat.evaluate(course, attendance=[{"participant": "p1", "session": "s1", "check_in": "2025-07-17T08:40:00+08:00"}], as_of="2025-07-17T09:30:00+08:00", trace=True)
    assert text == r
    fast = tamat.Evaluator(course).evaluate([{"participant": "p1", "session": "s1", "check_in": late}], as_of=datetime(2025, 7, 17, 9, 30, tzinfo=WITA), trace=True)
    assert fast == r


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tamat.evaluate(c, attendance=[{"participant": "p1", "session": "s1", "check_in": datetime(2025, 7, 17, 8, 0)}]),
        lambda c: tamat.Evaluator(c).evaluate([{"participant": "p1", "session": "s1", "check_in": datetime(2025, 7, 17, 8, 0)}]),
        lambda c: tamat.evaluate(c, as_of=datetime(2025, 7, 17, 8, 0)),
        lambda c: tamat.Evaluator(c).summarize(as_of=datetime(2025, 7, 17, 8, 0)),
        lambda c: tamat.check_course(dict(c, sessions=[{"id": "s1", "start": datetime(2025, 7, 17, 8), "end": "2025-07-17T09:00"}])),
        lambda c: tamat.issue(c, DEMO["settings"], as_of=datetime(2025, 7, 17)),
    ],
)
def test_naive_datetimes_are_refused(call) -> None:
    with pytest.raises(tamat.RequestError) as caught:
        call(small_course())
    assert caught.value.code == "request.naive_datetime"
    assert caught.value.details["value"].startswith("2025-07-17T")


def test_aware_session_times_are_accepted() -> None:
    c = dict(small_course(), sessions=[{"id": "s1", "start": datetime(2025, 7, 17, 8, tzinfo=WITA), "end": datetime(2025, 7, 17, 9, tzinfo=WITA)}])
    assert tamat.check_course(c)["sessions"][0]["end"] == "2025-07-17T01:00:00Z"


def test_decisions_are_the_contract_documents() -> None:
    r = tamat.evaluate(DEMO["course"], attendance=DEMO["attendance"])
    assert len(r["decisions"]) == 30 and r["summary"]["lulus"] == 27
    d = decision(r, "p11")
    assert (d["outcome"], d["attendance"]["percent"]) == ("telah_mengikuti", 80)
    assert [x["code"] for x in d["reasons"]] == ["attendance.below_minimum"]
    assert d["reasons"][0]["message"]["en"] == "Attendance 80% is below the required 90%"
    assert tamat.Evaluator(DEMO["course"]).summarize(DEMO["attendance"]) == r["summary"]
    assert tamat.Evaluator(DEMO["course"]).policy == r["policy"]
    with pytest.raises(tamat.RequestError) as caught:
        tamat.Evaluator(DEMO["course"]).evaluate_participant("nobody", DEMO["attendance"])
    assert caught.value.code == "request.unknown_participant"


def test_one_participant_equals_cohort() -> None:
    ev = tamat.Evaluator(DEMO["course"])
    r = ev.evaluate(DEMO["attendance"], trace=True)
    # The cohort's answer is large (read through JSON text), one participant's small
    # (built directly): the same data, down to int against float.
    for d in r["decisions"]:
        alone = ev.evaluate_participant(d["participant"], DEMO["attendance"])
        assert alone == d
        assert json.dumps(alone, sort_keys=True) == json.dumps(d, sort_keys=True)
    one = tamat.evaluate_participant(DEMO["course"], attendance=DEMO["attendance"], participant="p07")
    assert one["decision"] == decision(r, "p07")


def test_signing_key_keeps_its_secret() -> None:
    key = tamat.SigningKey(bytes(range(32)), key_id="https://issuer.example/keys#1")
    secret = key.export_secret()
    assert secret.startswith("z3u2")
    assert secret not in repr(key) and bytes(range(32)).hex() not in repr(key)
    with pytest.raises(tamat.TamatError):
        pickle.dumps(key)
    assert tamat.SigningKey(secret).public_key_multibase == key.public_key_multibase
    assert tamat.SigningKey(bytes(range(32)).hex()).did == key.did
    with pytest.raises(tamat.SigningError) as caught:
        tamat.SigningKey(b"short")
    assert caught.value.code == "signing.invalid_key"
    assert tamat.SigningKey.generate().did != tamat.SigningKey.generate().did
    assert key.multikey()["publicKeyMultibase"] == key.public_key_multibase


def test_errors_never_quote_a_secret() -> None:
    """A secret given the wrong way is refused without being repeated: not in the
    message, the details, str() or repr() of the error."""
    seed = "9b2f6e1c0a7d4e3f8a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdef0"
    multibase = tamat.SigningKey(seed).export_secret()
    bad = [seed, [seed], {"secret": seed[:62]}, {"secret": seed + "00"}, {"secret": [seed]},
           {"secret": seed, "note": seed}, {"secret": multibase[:-2]}]
    for key in bad:
        for op, request in [("public_key", {"key": key}),
                            ("sign_credential", {"credential": {"type": ["VerifiableCredential"]}, "key": key, "created": "2025-07-18T00:00:00Z"})]:
            with pytest.raises(tamat.TamatError) as caught:
                tamat.call(op, request)
            e = caught.value
            shown = " ".join([str(e), repr(e), e.message, json.dumps(e.details), json.dumps(e.errors)])
            for form in (seed, seed[8:40], multibase):
                assert form not in shown, (op, key)
            text = getattr(tamat, op + "_json")(json.dumps(request))
            assert seed[8:40] not in text and multibase not in text
    for bad_seed in (seed[:62], seed.replace("9", "g"), multibase[:-2]):
        with pytest.raises(tamat.SigningError) as caught:
            tamat.SigningKey(bad_seed)
        assert bad_seed not in str(caught.value) and bad_seed[4:30] not in repr(caught.value)


def test_issue_verify_status_and_tamper() -> None:
    key = tamat.SigningKey(bytes([9] * 32))
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    issued = tamat.issue(DEMO["course"], DEMO["settings"], attendance=DEMO["attendance"], key=key)
    credentials = issued["credentials"]
    assert credentials is not None and len(credentials) == 30 and issued["issuer"] is not None
    unchecked = tamat.verify(credentials[5], [key], at)
    assert unchecked["status"] == "status_unchecked"  # no lists: fail closed
    assert unchecked["severity"] != "ok"
    tampered = copy.deepcopy(credentials[5])
    tampered["credentialSubject"]["identifier"] = []
    assert tamat.verify(tampered, [key], at)["status"] == "tampered"
    other = tamat.SigningKey(bytes([8] * 32))
    assert tamat.verify(credentials[5], [other.multikey()], at)["status"] == "unknown_key"
    again = tamat.issue(DEMO["course"], DEMO["settings"], attendance=DEMO["attendance"], key=key, register=issued["register"])
    assert again["issued"] == [] and again["credentials"] == credentials
    cert = issued["certificates"][5]
    suspended = tamat.change_status(issued["register"], cert["id"], "suspend", at=at)["register"]
    # One list (the default purpose, message): revocation and suspension in two bits each.
    lists = [tamat.status_list(suspended, DEMO["settings"], key, at)["credential"]]
    assert credentials[5]["credentialStatus"]["statusPurpose"] == "message"
    v = tamat.verify(credentials[5], [key], at, status_lists=lists)
    assert v["status"] == "suspended"
    with pytest.raises(tamat.RegisterError) as caught:
        tamat.change_status(suspended, cert["id"], "suspend")
    assert caught.value.code == "register.invalid_transition"
    entry = next(e for e in issued["register"]["certificates"] if e["id"] == cert["id"])
    assert entry["state"] == "active"  # the old register is unchanged
    page = tamat.render(cert, credentials[5], DEMO["settings"])
    assert page["svg"].startswith("<svg") or page["svg"].startswith("<?xml")
    assert cert["id"] in page["qr_payload"]
    # Each proof of the proof set, checked by its own suite.
    assert [(p["cryptosuite"], p["status"]) for p in v["proofs"]] == [("eddsa-rdfc-2022", "valid"), ("eddsa-jcs-2022", "valid")]
    assert v["identity"] is None
    nip = cert["holder"]["nip"]
    assert tamat.verify(credentials[5], [key], at, identity=nip)["identity"] == "matched"
    assert tamat.verify(credentials[5], [key], at, identity="198001012010011001")["identity"] == "not_matched"


def test_a_nik_is_carried_only_hashed_by_default() -> None:
    key = tamat.SigningKey(bytes([9] * 32))
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    course = copy.deepcopy(DEMO["course"])
    nik = "6472014507850002"
    course["participants"][0]["nip"] = None
    course["participants"][0]["nik"] = nik
    issued = tamat.issue(course, DEMO["settings"], attendance=DEMO["attendance"], key=key)
    credential = (issued["credentials"] or [])[0]
    assert nik not in json.dumps(credential) and nik not in json.dumps(issued["certificates"][0])
    [identity] = credential["credentialSubject"]["identifier"]
    assert identity["hashed"] is True and identity["identityType"] == "nationalIdentityNumber"
    # What a verifier holding the number computes, by hand: sha256$hex(SHA-256(NIK + salt)).
    assert identity["identityHash"] == "sha256$" + hashlib.sha256((nik + identity["salt"]).encode()).hexdigest()
    assert tamat.verify(credential, [key], at, identity=nik)["identity"] == "matched"
    assert credential["sttpp"]["holder"]["birth_date"] is None
    clear = copy.deepcopy(DEMO["settings"])
    clear["identity"] = {"nik": "clear", "birth": True}
    shown = (tamat.issue(course, clear, attendance=DEMO["attendance"], key=key)["credentials"] or [])[0]
    assert shown["sttpp"]["holder"]["nik"] == nik and shown["sttpp"]["holder"]["birth_date"] is not None


def test_verification_fails_closed() -> None:
    key = tamat.SigningKey(bytes([6] * 32))
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    issued = tamat.issue(DEMO["course"], DEMO["settings"], attendance=DEMO["attendance"], key=key)
    credentials = issued["credentials"] or []
    revoked = tamat.change_status(issued["register"], issued["certificates"][2]["id"], "revoke", at=at)["register"]
    # A revoked certificate with no list is not "valid".
    v = tamat.verify(credentials[2], [key], at)
    assert v["status"] == "status_unchecked" and v["revocation"] == "unchecked"
    until = datetime(2026, 1, 2, tzinfo=timezone.utc)
    lists = [tamat.status_list(revoked, DEMO["settings"], key, at, valid_until=until)["credential"]]
    assert lists[0]["validUntil"] == "2026-01-02T00:00:00Z"
    assert tamat.verify(credentials[2], [key], at, status_lists=lists)["status"] == "revoked"
    assert tamat.verify(credentials[4], [key], at, status_lists=lists)["status"] == "valid"
    stale = tamat.verify(credentials[4], [key], datetime(2026, 1, 3, tzinfo=timezone.utc), status_lists=lists)
    assert stale["status"] == "status_stale"
    # A forged duplicate `name` before the signed one: json.loads would keep the signed
    # one, another reader the forged one; the core refuses the text.
    text = json.dumps(credentials[4])
    forged = '{"name": "Forged", ' + text[1:]
    with pytest.raises(tamat.TamatError) as caught:
        tamat.verify(forged, [key], at, status_lists=lists)
    assert caught.value.code == "request.invalid_json"
    assert tamat.verify(text, [key], at, status_lists=[json.dumps(x) for x in lists])["status"] == "valid"


def test_json_functions_never_raise_and_match_rust_shape() -> None:
    rng = random.Random(1)
    samples = ["", "{", "[]", "null", '{"course": 1}', "\ufeff{}", "\x00", '{"a":' * 200, "1e999"]
    samples += ["".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(0, 40))) for _ in range(200)]
    for op in tamat.OPERATIONS:
        f = getattr(tamat, f"{op}_json")
        for s in samples:
            out = json.loads(f(s))
            if out["type"] == "success":
                # canonicalize takes any JSON; an empty ledger request may be `[]` (serde
                # reads a struct from an array too)
                assert op in ("canonicalize", "ledger"), (op, s)
                continue
            assert out["type"] == "failure"
            assert out["errors"] and all(e["code"] != "internal.error" for e in out["errors"])


def test_a_panic_in_the_glue_is_an_internal_error_not_a_crash() -> None:
    with pytest.raises(tamat.InternalError) as caught:
        tamat._tamat._panic_for_tests()
    assert caught.value.code == "internal.error"
    # the interpreter goes on
    assert tamat.evaluate(small_course())["summary"]["participants"] == 2


def test_unsupported_values_are_request_errors() -> None:
    with pytest.raises(tamat.RequestError) as caught:
        tamat.check_course(dict(small_course(), title=object()))  # type: ignore[typeddict-item]
    assert caught.value.code == "request.invalid_shape" and "course.title" in str(caught.value)
    for bad in ({"x": float("nan")}, {"x": 2**70}, {1: "x"}):
        with pytest.raises(tamat.RequestError):
            tamat.canonicalize(bad)


def test_codes_and_schemas() -> None:
    codes = tamat.error_codes()
    assert "request.naive_datetime" in codes and len(codes) == len(set(codes))
    root = __import__("conftest").ROOT
    assert codes == json.loads((root / "tests" / "error-codes.json").read_text())
    assert "attendance.below_minimum" in tamat.reason_codes()
    assert tamat.schema("course")["type"] == "object"
    with pytest.raises(tamat.RequestError):
        tamat.schema("nope")
    assert tamat.format_number(42, date(2025, 7, 18), "BU")["number"] == "00042/BU/VII/2025"
    assert tamat.canonicalize({"b": 1, "a": [True, None]})["canonical"] == '{"a":[true,null],"b":1}'


def test_projection_and_ledger() -> None:
    course = small_course()
    rows = tamat.project(course, attendance=[{"participant": "p1", "session": "s1", "status": "A"}], as_of=datetime(2025, 7, 17, 9, 30, tzinfo=WITA))["projections"]
    p1 = next(r for r in rows if r["participant"] == "p1")
    assert p1["projection"]["state"] == "unreachable"  # 90 % of 3 sessions needs all 3
    ledger = tamat.ledger(entries=[{"nip": "197609172002011186", "completed_on": "2025-07-17", "course": "c1", "jp": 12}])
    assert ledger["rows"][0]["met"] is False and ledger["rows"][0]["shortfall_jp"] == 8
    assert ledger["uncounted"] == []
    # A participant with a NIK only earns the JP but is reported, not credited.
    nik_course = dict(course, participants=[{"id": "p1", "name": "A", "nik": "6472010101900001"}])
    marks = [{"participant": "p1", "session": s["id"], "status": "H"} for s in nik_course["sessions"]]
    counted = tamat.ledger(courses=[{"course": nik_course, "attendance": marks}])
    assert counted["rows"] == [] and counted["uncounted"][0]["reason"] == "no_nip"


def test_pandas_dataframe_when_installed() -> None:
    pd = pytest.importorskip("pandas")
    course = small_course()
    frame = pd.DataFrame(
        {"participant": ["p1", "p1", "p1", "p2"], "session": ["s1", "s2", "s3", "s1"], "status": ["H", "H", "H", "A"]}
    )
    a = tamat.evaluate(course, attendance=frame)
    b = tamat.Evaluator(course).evaluate(frame)
    assert a == b and a["summary"]["lulus"] == 1
    times = pd.DataFrame(
        {
            "participant": ["p1", "p1"],
            "session": ["s1", "s2"],
            "status": [None, "H"],
            "check_in": [pd.Timestamp("2025-07-17T08:01", tz="Asia/Makassar"), None],
        }
    )
    r = tamat.Evaluator(course).evaluate(times, trace=True)
    assert decision(r, "p1")["trace"][0]["status"] == "hadir"
    assert tamat.evaluate(course, attendance=times, trace=True) == r
    table = pd.json_normalize(r["decisions"])
    assert list(table["participant"]) == ["p1", "p2"] and list(table["outcome"]) == [r["decisions"][0]["outcome"], "no_document"]


def test_stubs_match_the_module() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "tamat", "--allowlist", str(__import__("conftest").ROOT / "bindings-python" / "stubtest-allowlist.txt")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_read_attendance_csv_both_layouts_and_errors() -> None:
    root = __import__("conftest").ROOT / "core" / "data" / "kaltim"
    course = json.loads((root / "course.json").read_text())
    wide = tamat.read_attendance_file(course, (root / "attendance-wide.csv").read_bytes())["attendance"]
    long = tamat.read_attendance_csv(course, (root / "attendance-long.csv").read_text())["attendance"]
    assert len(wide) == 300 and len(long) == 300
    a, b = tamat.evaluate(course, attendance=wide), tamat.evaluate(course, attendance=long)
    assert [d["outcome"] for d in a["decisions"]] == [d["outcome"] for d in b["decisions"]]
    with pytest.raises(tamat.AttendanceError) as caught:
        tamat.read_attendance_csv(course, "participant;s01\np01;H;X\n")
    assert caught.value.code == "attendance.invalid_sheet"
    assert (caught.value.details["line"], caught.value.details["column"]) == (2, "#3")


def test_reissue_honours_as_of_and_participant_like_issue() -> None:
    key = tamat.SigningKey(bytes([5] * 32))
    issued = tamat.issue(DEMO["course"], DEMO["settings"], attendance=DEMO["attendance"], key=key)
    course = copy.deepcopy(DEMO["course"])
    course["participants"][1]["name"] = "Nama Baru"
    cid = issued["certificates"][1]["id"]
    r = tamat.reissue(course, DEMO["settings"], cid, attendance=DEMO["attendance"],
                      register=issued["register"], key=key, participant=course["participants"][1]["id"])
    assert r["certificate"]["holder"]["name"] == "Nama Baru"
    with pytest.raises(tamat.TamatError) as caught:
        tamat.reissue(course, DEMO["settings"], cid, attendance=DEMO["attendance"],
                      register=issued["register"], key=key, participant=course["participants"][0]["id"])
    assert caught.value.code == "request.unknown_participant"


def test_no_early_issuance_unless_asked() -> None:
    demo = tamat.demo()
    running = datetime(2025, 7, 17, 12, 0, tzinfo=timezone(timedelta(hours=8)))
    with pytest.raises(tamat.CertificateError) as e:
        tamat.issue(demo["course"], demo["settings"], attendance=demo["attendance"], as_of=running)
    assert e.value.code == "certificate.course_not_ended"
    assert e.value.details["as_of"] == "2025-07-17T04:00:00Z"
    early = tamat.issue(demo["course"], demo["settings"], attendance=demo["attendance"], as_of=running, early=True)
    assert len(early["certificates"]) == 30
    after = tamat.call("issue", {"course": demo["course"], "attendance": demo["attendance"], "settings": demo["settings"], "as_of": "2025-07-18T00:00:00+08:00"})
    assert [c["number"] for c in after["certificates"]] == [c["number"] for c in early["certificates"]]


def test_read_attendance_csv_bytes_windows_1252_and_spreadsheet_damage() -> None:
    demo = tamat.demo()
    # "Désirée" written by a spreadsheet on Windows (Windows-1252, not UTF-8)
    # (Python's own cp1252 codec writes it: an independent check of the core's decoding)
    note = "Désirée € – Šž “dinas” ÿ"
    sheet = f"participant,session,status,note\np01,s01,hadir,{note}\n".encode("cp1252")
    marks = tamat.read_attendance_file(demo["course"], sheet)["attendance"]
    assert marks[0]["note"] == note
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_attendance_file(demo["course"], b"nip,s01\n1.9761E+17,H\n")
    assert e.value.details["problem"] == "nip_as_number" and e.value.details["line"] == 2
    local = tamat.read_attendance_file(demo["course"], b"participant,session,check_in\np01,s01,17/07/2025 08:05\n")["attendance"]
    assert local[0]["check_in"] == "2025-07-17T00:05:00Z"


def test_read_scores_csv_as_pandas_writes_it() -> None:
    # A scores sheet written by pandas the way an Indonesian spreadsheet would save it:
    # semicolons, decimal commas, Windows-1252 (a name with "é").
    pd = pytest.importorskip("pandas")
    demo = tamat.demo()
    people = [p for p in demo["course"]["participants"] if p["id"] != "p02"]
    frame = pd.DataFrame({
        "No": range(1, len(people) + 1),
        "Nama": [p["name"] + (" Désirée" if p["id"] == "p03" else "") for p in people],
        "peserta": [p["id"] for p in people],
        "nilai": [85.5 if p["id"] == "p01" else 92.25 for p in people],
    })
    data = frame.to_csv(sep=";", decimal=",", index=False).encode("cp1252")
    assert b"85,5" in data
    scores = tamat.read_scores_file(demo["course"], data)["scores"]
    assert len(scores) == 29 and scores[0] == {"participant": "p01", "score": 85.5}
    latsar = {"assessment": {"preset": "latsar"}}
    ev = tamat.evaluate(demo["course"], attendance=demo["attendance"], policy=latsar, scores=scores)
    p01, p02 = ev["decisions"][0], ev["decisions"][1]
    assert (p01.get("score"), p01["qualification"]) == (85.5, "Memuaskan")
    assert p02["outcome"] == "telah_mengikuti" and "assessment.missing_score" in [r["code"] for r in p02["reasons"]]
    # One column per component, as the policy weighs them.
    weights = {"assessment": {"preset": "latsar", "components": [
        {"name": "sikap", "weight": 20}, {"name": "pengetahuan", "weight": 40}, {"name": "proyek", "weight": 40}]}}
    parts = tamat.read_scores_csv(demo["course"], "peserta,sikap,pengetahuan,proyek\np01,80,90,70\n")["scores"]
    one = tamat.Evaluator(demo["course"], weights).evaluate_participant("p01", demo["attendance"], scores=parts)
    assert one.get("score") == 80
    with pytest.raises(tamat.AssessmentError) as e:
        tamat.read_scores_file(demo["course"], b"peserta;nilai\np01;85,5\np03;sembilan\n")
    assert e.value.code == "assessment.invalid_sheet"
    assert (e.value.details["line"], e.value.details["problem"]) == (3, "invalid_score")


def test_workbooks_from_libreoffice_and_from_pandas() -> None:
    root = __import__("conftest").ROOT
    course = json.loads((root / "core" / "data" / "kaltim" / "course.json").read_text())
    csv = tamat.read_attendance_file(course, (root / "core" / "data" / "kaltim" / "attendance-wide.csv").read_bytes())
    saved = (root / "tests" / "data" / "workbooks" / "attendance-wide.xlsx").read_bytes()
    book = tamat.read_attendance_file(course, saved)
    assert book["attendance"] == csv["attendance"]
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_attendance_file(course, saved, worksheet="Sheet1")
    assert e.value.details["problem"] == "unknown_worksheet"
    # A workbook pandas writes (openpyxl): one row per participant, one column per
    # session, the NIP kept as text, a score sheet with a decimal score.
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    import io
    demo = tamat.demo()
    sessions = [s["id"] for s in demo["course"]["sessions"]]
    cells = {(m["participant"], m["session"]): m["status"] for m in demo["attendance"] if "status" in m}
    rows = [{"NIP": p["nip"], "Nama": p["name"], **{s: cells.get((p["id"], s), "") for s in sessions}}
            for p in demo["course"]["participants"]]
    out = io.BytesIO()
    pd.DataFrame(rows).to_excel(out, index=False, sheet_name="Presensi")
    marks = tamat.read_attendance_file(demo["course"], out.getvalue(), worksheet="Presensi")["attendance"]
    expected = [{"participant": p, "session": s, "status": st} for (p, s), st in cells.items()]
    assert sorted(marks, key=lambda m: (m["participant"], m["session"])) == sorted(expected, key=lambda m: (m["participant"], m["session"]))
    ev = tamat.evaluate(demo["course"], attendance=marks)
    assert ev["decisions"] == tamat.evaluate(demo["course"], attendance=expected)["decisions"]
    scores = io.BytesIO()
    pd.DataFrame({"peserta": ["p01", "p02"], "nilai": [85.5, 70]}).to_excel(scores, index=False)
    assert tamat.read_scores_file(demo["course"], scores.getvalue())["scores"] == [
        {"participant": "p01", "score": 85.5}, {"participant": "p02", "score": 70}]


def test_read_meeting_report_teams_utf16_then_evaluate() -> None:
    root = __import__("conftest").ROOT / "tests" / "data" / "meetings"
    course = json.loads((root / "course.json").read_text())
    report = tamat.read_meeting_report(course, (root / "teams-attendance.csv").read_bytes())
    assert report["source"] == "teams" and report["rows"] == 6
    assert [u["name"] for u in report["unmatched"]] == ["Admin BPSDM"]
    ev = tamat.evaluate(course, attendance=report["attendance"], policy={"measure": "minutes", "minimum_percent": 75})
    assert [(d["participant"], d["outcome"]) for d in ev["decisions"]] == [
        ("p1", "lulus"), ("p2", "telah_mengikuti"), ("p3", "telah_mengikuti"), ("p4", "no_document")]
    assert ev["decisions"][1]["attendance"]["attended"] == 85
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_meeting_report(course, (root / "meet-attendance.csv").read_bytes())
    assert e.value.details["problem"] == "invalid_report_time"
    meet = tamat.read_meeting_report(course, (root / "meet-attendance.csv").read_bytes(), date=date(2025, 7, 21))
    assert meet["source"] == "meet" and len(meet["attendance"]) == 5


def test_read_moodle_export_text_and_spreadsheet() -> None:
    root = __import__("conftest").ROOT / "tests" / "data"
    course = json.loads((root / "meetings" / "course.json").read_text())
    text = tamat.read_moodle_export(course, (root / "moodle" / "attendance-export.txt").read_bytes())
    ods = tamat.read_moodle_export(course, (root / "moodle" / "attendance-export.ods").read_bytes())
    assert text["attendance"] == ods["attendance"] and len(text["attendance"]) == 5
    assert text["unmatched"] == [{"line": 9, "name": "Peserta Tamu"}]
    ev = tamat.evaluate(course, attendance=text["attendance"])
    assert [d["outcome"] for d in ev["decisions"]] == ["lulus", "telah_mengikuti", "no_document", "no_document"]
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_moodle_export(course, (root / "moodle" / "attendance-export.txt").read_bytes(), statuses={"H": "hadir"})
    assert e.value.details["problem"] == "unknown_acronym"


def test_personnel_export_from_an_issue() -> None:
    demo = tamat.demo()
    issued = tamat.issue(demo["course"], demo["settings"], attendance=demo["attendance"])
    out = tamat.personnel_export(issued["certificates"])
    lulus = [c for c in issued["certificates"] if c["status"] == "lulus"]
    assert len(out["records"]) == len(lulus) == 27
    assert {s["reason"] for s in out["skipped"]} == {"outcome"}
    assert out["records_csv"].splitlines()[0].startswith("nip,namaKursus,")
    assert all(r["jp"] == 10 and r["shortfall_jp"] == 10 for r in out["yearly"])
    import csv, io
    rows = list(csv.DictReader(io.StringIO(out["records_csv"])))
    assert rows[0]["tanggalKursus"] == "17-07-2025" and rows[0]["jumlahJam"] == "10"
