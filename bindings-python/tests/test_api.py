"""The object API: construction, batch forms, time handling, errors, copying, secrets."""

from __future__ import annotations

import copy
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


def test_course_three_ways_are_equal() -> None:
    a = small_course()
    b = tamat.Course(a.to_dict())
    c = tamat.Course.from_json(a.to_json())
    assert a == b == c
    assert a.total_jp == 3 and a.time_zone == "Asia/Makassar"
    assert [s.id for s in a.sessions] == ["s1", "s2", "s3"]
    assert a.schedule[0]["start"] == datetime(2025, 7, 17, 8, 0, tzinfo=WITA)
    assert "3 sessions" in repr(a)


def test_course_errors_are_all_reported_with_codes() -> None:
    data = small_course().to_dict()
    data["participants"] = [
        {"id": "p1", "name": "A", "nip": "123"},
        {"id": "p2", "name": "B", "nip": "456"},
    ]
    with pytest.raises(tamat.IdentityError) as caught:
        tamat.Course(data)
    e = caught.value
    assert isinstance(e, tamat.TamatError) and isinstance(e, ValueError)
    assert e.code == "identity.invalid_nip"
    assert [x["code"] for x in e.errors] == ["identity.invalid_nip", "identity.invalid_nip"]
    assert e.messages["id"] != e.messages["en"]


def test_schedule_error_class() -> None:
    data = small_course().to_dict()
    data["sessions"][0]["end"] = "2025-07-17T07:00"
    with pytest.raises(tamat.ScheduleError) as caught:
        tamat.Course(data)
    assert caught.value.code == "schedule.end_not_after_start"


def test_malformed_json_is_a_request_error() -> None:
    with pytest.raises(tamat.RequestError) as caught:
        tamat.Course.from_json("{not json")
    assert caught.value.code == "request.invalid_json"


def marks_rows(statuses: dict) -> list:
    return [{"participant": p, "session": s, "status": st} for (p, s), st in statuses.items()]


def test_rows_columns_and_attendance_agree() -> None:
    course = small_course()
    rows = marks_rows({("p1", "s1"): "H", ("p1", "s2"): "hadir", ("p1", "s3"): "T", ("p2", "s1"): "A"})
    columns = {k: [r[k] for r in rows] for k in ("participant", "session", "status")}
    a = tamat.evaluate(course, rows).to_dict()
    b = tamat.evaluate(course, columns).to_dict()
    c = tamat.evaluate(course, tamat.Attendance(rows)).to_dict()
    d = tamat.evaluate(course, tamat.Attendance.from_columns(**columns)).to_dict()
    e = tamat.evaluate(course, tuple(rows)).to_dict()
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
        assert tamat.evaluate(course, marks).to_dict() == native
        quiet = json.loads(tamat.evaluate_json(json.dumps({"course": course, "attendance": marks, "trace": False})))
        quiet.pop("type")
        assert tamat.evaluate(course, marks, trace=False).to_dict() == quiet
        assert tamat.call("evaluate", {"course": course, "attendance": marks}) == native


def test_bad_marks_have_positions() -> None:
    course = small_course()
    with pytest.raises(tamat.RequestError) as caught:
        tamat.evaluate(course, [{"participant": "p1", "session": "s1", "status": "H"}, {"participant": "p1", "status": "H"}])
    assert "attendance[1]" in str(caught.value)
    with pytest.raises(tamat.RequestError) as caught:
        tamat.evaluate(course, [{"participant": "p1", "session": "s1", "statut": "H"}])
    assert "statut" in str(caught.value)
    with pytest.raises(tamat.RequestError):
        tamat.evaluate(course, {"participant": ["p1"], "session": ["s1", "s2"], "status": ["H"]})
    with pytest.raises(tamat.RequestError):
        tamat.evaluate(course, [{"participant": 12, "session": "s1", "status": "H"}])
    with pytest.raises(tamat.RequestError):
        tamat.evaluate(course, 42)
    with pytest.raises(tamat.AttendanceError) as caught:
        tamat.evaluate(course, [{"participant": "p1", "session": "s1", "status": "bolos"}])
    assert caught.value.code == "attendance.unknown_status"


def test_aware_datetimes_in_and_out() -> None:
    course = small_course()
    late = datetime(2025, 7, 17, 0, 40, tzinfo=timezone.utc)  # 08:40 WITA, past the grace period
    r = tamat.evaluate(course, [{"participant": "p1", "session": "s1", "check_in": late}], as_of=datetime(2025, 7, 17, 9, 30, tzinfo=WITA), trace=True)
    assert r.as_of == datetime(2025, 7, 17, 1, 30, tzinfo=timezone.utc)
    assert r.completed_on == date(2025, 7, 17)
    d = r.decision("p1")
    assert d.outcome == "pending"
    assert d.trace is not None and d.trace[0]["status"] == "terlambat"
    text = tamat.evaluate(course, [{"participant": "p1", "session": "s1", "check_in": "2025-07-17T08:40:00+08:00"}], as_of="2025-07-17T09:30:00+08:00")
    assert text.to_dict() == r.to_dict() | {"decisions": text.to_dict()["decisions"]}


@pytest.mark.parametrize(
    "call",
    [
        lambda c: tamat.evaluate(c, [{"participant": "p1", "session": "s1", "check_in": datetime(2025, 7, 17, 8, 0)}]),
        lambda c: tamat.evaluate(c, as_of=datetime(2025, 7, 17, 8, 0)),
        lambda c: tamat.Course(c.to_dict(), sessions=[{"id": "s1", "start": datetime(2025, 7, 17, 8), "end": "2025-07-17T09:00"}]),
        lambda c: tamat.issue(c, settings=DEMO["settings"], as_of=datetime(2025, 7, 17)),
    ],
)
def test_naive_datetimes_are_refused(call) -> None:
    with pytest.raises(tamat.RequestError) as caught:
        call(small_course())
    assert caught.value.code == "request.naive_datetime"
    assert caught.value.details["value"].startswith("2025-07-17T")


def test_aware_session_times_are_accepted() -> None:
    c = tamat.Course(
        small_course().to_dict(),
        sessions=[{"id": "s1", "start": datetime(2025, 7, 17, 8, tzinfo=WITA), "end": datetime(2025, 7, 17, 9, tzinfo=WITA)}],
    )
    assert c.schedule[0]["end"] == datetime(2025, 7, 17, 1, tzinfo=timezone.utc)


def test_decision_and_evaluation_views() -> None:
    course = tamat.Course(DEMO["course"])
    r = tamat.evaluate(course, DEMO["attendance"])
    assert len(r) == 30 and r.summary["lulus"] == 27
    d = r.decision("p11")
    assert (d.outcome, d.percent, d.passed) == ("telah_mengikuti", 80.0, False)
    assert d.reason_codes == ["attendance.below_minimum"]
    assert d.label("en") == "ATTENDED" and d.label() == "TELAH MENGIKUTI"
    assert d == r.decisions[10] and d != r.decisions[0]
    assert "TELAH MENGIKUTI" in repr(d) and "<table>" in r._repr_html_()
    assert json.loads(r.to_json()) == r.to_dict()
    with pytest.raises(tamat.RequestError) as caught:
        r.decision("nobody")
    assert caught.value.code == "request.unknown_participant"
    with pytest.raises(tamat.RequestError):
        d.label("fr")


def test_one_participant_equals_cohort() -> None:
    course = tamat.Course(DEMO["course"])
    ev = tamat.Evaluator(course)
    r = ev.evaluate(DEMO["attendance"], trace=True)
    for d in r.decisions:
        assert ev.evaluate_participant(d.participant, DEMO["attendance"]) == d
    assert tamat.evaluate_participant(course, "p07", DEMO["attendance"]) == r.decision("p07")


def test_pickle_and_copy_round_trip() -> None:
    course = small_course()
    assert pickle.loads(pickle.dumps(course)) == course
    assert copy.deepcopy(course) == course and copy.copy(course) == course
    att = tamat.Attendance([{"participant": "p1", "session": "s1", "status": "H"}])
    assert pickle.loads(pickle.dumps(att)) == att
    reg = tamat.issue(DEMO["course"], DEMO["attendance"], settings=DEMO["settings"]).register
    again = pickle.loads(pickle.dumps(reg))
    assert again == reg and len(again) == 30


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
    issued = tamat.issue(tamat.Course(DEMO["course"]), DEMO["attendance"], settings=DEMO["settings"], key=key)
    assert len(issued.credentials) == 30 and issued.issuer is not None
    unchecked = tamat.verify(issued.credentials[5], keys=[key], at=at)
    assert unchecked.status == "status_unchecked" and not unchecked.valid  # no lists: fail closed
    tampered = copy.deepcopy(issued.credentials[5])
    tampered["credentialSubject"]["identifier"] = []
    assert tamat.verify(tampered, keys=[key], at=at).status == "tampered"
    other = tamat.SigningKey(bytes([8] * 32))
    assert tamat.verify(issued.credentials[5], keys=[other], at=at).status == "unknown_key"
    again = tamat.issue(DEMO["course"], DEMO["attendance"], settings=DEMO["settings"], key=key, register=issued.register)
    assert again.issued == [] and again.credentials == issued.credentials
    cert = issued.certificates[5]
    suspended = issued.register.suspend(cert.id, at=at)
    lists = [
        tamat.status_list(suspended, settings=DEMO["settings"], key=key, valid_from=at, purpose=p)
        for p in ("revocation", "suspension")
    ]
    v = tamat.verify(issued.credentials[5], keys=[key], status_lists=lists, at=at)
    assert v.status == "suspended" and not v
    with pytest.raises(tamat.RegisterError) as caught:
        suspended.suspend(cert.id)
    assert caught.value.code == "register.invalid_transition"
    assert issued.register.entry(cert.id)["state"] == "active"  # the old register is unchanged
    page = tamat.render(cert, issued.credentials[5], settings=DEMO["settings"])
    assert page["svg"].startswith("<svg") or page["svg"].startswith("<?xml")
    assert cert.id in page["qr_payload"]


def test_verification_fails_closed() -> None:
    key = tamat.SigningKey(bytes([6] * 32))
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    issued = tamat.issue(DEMO["course"], DEMO["attendance"], settings=DEMO["settings"], key=key)
    revoked = issued.register.revoke(issued.certificates[2].id, at=at)
    # A revoked certificate with no list is not "valid".
    v = tamat.verify(issued.credentials[2], keys=[key], at=at)
    assert v.status == "status_unchecked" and not v.valid and v.revocation == "unchecked"
    until = datetime(2026, 1, 2, tzinfo=timezone.utc)
    lists = [
        tamat.status_list(revoked, settings=DEMO["settings"], key=key, valid_from=at, valid_until=until, purpose=p)
        for p in ("revocation", "suspension")
    ]
    assert lists[0]["validUntil"] == "2026-01-02T00:00:00Z"
    assert tamat.verify(issued.credentials[2], keys=[key], status_lists=lists, at=at).status == "revoked"
    assert tamat.verify(issued.credentials[4], keys=[key], status_lists=lists, at=at).valid
    stale = tamat.verify(issued.credentials[4], keys=[key], status_lists=lists, at=datetime(2026, 1, 3, tzinfo=timezone.utc))
    assert stale.status == "status_stale" and not stale.valid
    # A forged duplicate `name` before the signed one: json.loads would keep the signed
    # one, another reader the forged one; the core refuses the text.
    text = json.dumps(issued.credentials[4])
    forged = '{"name": "Forged", ' + text[1:]
    with pytest.raises(tamat.TamatError) as caught:
        tamat.verify(forged, keys=[key], status_lists=lists, at=at)
    assert caught.value.code == "request.invalid_json"
    assert tamat.verify(text, keys=[key], status_lists=[json.dumps(x) for x in lists], at=at).valid


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
    assert tamat.evaluate(small_course()).summary["participants"] == 2


def test_unsupported_values_are_request_errors() -> None:
    with pytest.raises(tamat.RequestError) as caught:
        tamat.Course(small_course().to_dict(), title=object())
    assert caught.value.code == "request.invalid_shape" and "title" in str(caught.value)
    with pytest.raises(tamat.RequestError):
        tamat.to_data({"x": float("nan")})
    with pytest.raises(tamat.RequestError):
        tamat.to_data({"x": 2**70})
    with pytest.raises(tamat.RequestError):
        tamat.to_data({1: "x"})


def test_codes_and_schemas() -> None:
    codes = tamat.error_codes()
    assert "request.naive_datetime" in codes and len(codes) == len(set(codes))
    root = __import__("conftest").ROOT
    assert codes == json.loads((root / "tests" / "error-codes.json").read_text())
    assert "attendance.below_minimum" in tamat.reason_codes()
    assert tamat.schema("course")["type"] == "object"
    with pytest.raises(tamat.RequestError):
        tamat.schema("nope")
    assert tamat.format_number(42, date=date(2025, 7, 18), unit="BU") == "00042/BU/VII/2025"
    assert tamat.canonicalize({"b": 1, "a": [True, None]}) == '{"a":[true,null],"b":1}'


def test_projection_and_ledger() -> None:
    course = small_course()
    rows = tamat.project(course, [{"participant": "p1", "session": "s1", "status": "A"}], as_of=datetime(2025, 7, 17, 9, 30, tzinfo=WITA))
    p1 = next(r for r in rows if r["participant"] == "p1")
    assert p1["projection"]["state"] == "unreachable"  # 90 % of 3 sessions needs all 3
    ledger = tamat.ledger([{"nip": "197609172002011186", "completed_on": "2025-07-17", "course": "c1", "jp": 12}])
    assert ledger["rows"][0]["met"] is False and ledger["rows"][0]["shortfall_jp"] == 8
    assert ledger["uncounted"] == []
    # A participant with a NIK only earns the JP but is reported, not credited.
    nik_course = dict(course.to_dict(), participants=[{"id": "p1", "name": "A", "nik": "6472010101900001"}])
    marks = [{"participant": "p1", "session": s["id"], "status": "H"} for s in nik_course["sessions"]]
    counted = tamat.ledger(courses=[{"course": nik_course, "attendance": marks}])
    assert counted["rows"] == [] and counted["uncounted"][0]["reason"] == "no_nip"


def test_pandas_dataframe_when_installed() -> None:
    pd = pytest.importorskip("pandas")
    course = small_course()
    frame = pd.DataFrame(
        {"participant": ["p1", "p1", "p1", "p2"], "session": ["s1", "s2", "s3", "s1"], "status": ["H", "H", "H", "A"]}
    )
    a = tamat.evaluate(course, frame).to_dict()
    b = tamat.evaluate(course, tamat.Attendance.from_frame(frame)).to_dict()
    assert a == b and a["summary"]["lulus"] == 1
    times = pd.DataFrame(
        {
            "participant": ["p1", "p1"],
            "session": ["s1", "s2"],
            "status": [None, "H"],
            "check_in": [pd.Timestamp("2025-07-17T08:01", tz="Asia/Makassar"), None],
        }
    )
    r = tamat.evaluate(course, times, trace=True)
    assert r.decision("p1").trace[0]["status"] == "hadir"
    assert pd.DataFrame(r.to_rows()).shape[0] == 2


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
    course = tamat.Course.from_json((root / "course.json").read_text())
    wide = tamat.read_attendance_csv((root / "attendance-wide.csv").read_bytes(), course)
    long = tamat.read_attendance_csv((root / "attendance-long.csv").read_text(), course)
    assert len(wide) == 300 and len(long) == 300
    a, b = tamat.evaluate(course, wide), tamat.evaluate(course, long)
    assert [d.outcome for d in a.decisions] == [d.outcome for d in b.decisions]
    with pytest.raises(tamat.AttendanceError) as caught:
        tamat.read_attendance_csv("participant;s01\np01;H;X\n", course)
    assert caught.value.code == "attendance.invalid_sheet"
    assert (caught.value.details["line"], caught.value.details["column"]) == (2, "#3")


def test_reissue_honours_as_of_and_participant_like_issue() -> None:
    key = tamat.SigningKey(bytes([5] * 32))
    issued = tamat.issue(DEMO["course"], DEMO["attendance"], settings=DEMO["settings"], key=key)
    course = copy.deepcopy(DEMO["course"])
    course["participants"][1]["name"] = "Nama Baru"
    cid = issued.certificates[1].id
    r = tamat.reissue(course, DEMO["attendance"], certificate=cid, settings=DEMO["settings"],
                      register=issued.register, key=key, participant=course["participants"][1]["id"])
    assert r["certificate"].to_dict()["holder"]["name"] == "Nama Baru"
    with pytest.raises(tamat.TamatError) as caught:
        tamat.reissue(course, DEMO["attendance"], certificate=cid, settings=DEMO["settings"],
                      register=issued.register, key=key, participant=course["participants"][0]["id"])
    assert caught.value.code == "request.unknown_participant"


def test_no_early_issuance_unless_asked() -> None:
    demo = tamat.demo()
    running = datetime(2025, 7, 17, 12, 0, tzinfo=timezone(timedelta(hours=8)))
    with pytest.raises(tamat.CertificateError) as e:
        tamat.issue(demo["course"], demo["attendance"], settings=demo["settings"], as_of=running)
    assert e.value.code == "certificate.course_not_ended"
    assert e.value.details["as_of"] == "2025-07-17T04:00:00Z"
    early = tamat.issue(demo["course"], demo["attendance"], settings=demo["settings"], as_of=running, early=True)
    assert len(early.certificates) == 30
    after = tamat.call("issue", {"course": demo["course"], "attendance": demo["attendance"], "settings": demo["settings"], "as_of": "2025-07-18T00:00:00+08:00"})
    assert [c["number"] for c in after["certificates"]] == [c.number for c in early.certificates]


def test_read_attendance_csv_bytes_windows_1252_and_spreadsheet_damage() -> None:
    demo = tamat.demo()
    # "Désirée" written by a spreadsheet on Windows (Windows-1252, not UTF-8)
    # (Python's own cp1252 codec writes it: an independent check of the core's decoding)
    note = "Désirée € – Šž “dinas” ÿ"
    sheet = f"participant,session,status,note\np01,s01,hadir,{note}\n".encode("cp1252")
    marks = tamat.read_attendance_csv(sheet, demo["course"]).to_list()
    assert marks[0]["note"] == note
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_attendance_csv(b"nip,s01\n1.9761E+17,H\n", demo["course"])
    assert e.value.details["reason"] == "nip_as_number" and e.value.details["line"] == 2
    local = tamat.read_attendance_csv(b"participant,session,check_in\np01,s01,17/07/2025 08:05\n", demo["course"]).to_list()
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
    scores = tamat.read_scores_csv(data, demo["course"])
    assert len(scores) == 29 and scores[0] == {"participant": "p01", "score": 85.5}
    latsar = {"assessment": {"preset": "latsar"}}
    ev = tamat.evaluate(demo["course"], demo["attendance"], policy=latsar, scores=scores)
    p01, p02 = ev.decisions[0], ev.decisions[1]
    assert (p01.score, p01.qualification) == (85.5, "Memuaskan")
    assert p02.outcome == "telah_mengikuti" and "assessment.missing_score" in p02.reason_codes
    # One column per component, as the policy weighs them.
    weights = {"assessment": {"preset": "latsar", "components": [
        {"name": "sikap", "weight": 20}, {"name": "pengetahuan", "weight": 40}, {"name": "proyek", "weight": 40}]}}
    parts = tamat.read_scores_csv("peserta,sikap,pengetahuan,proyek\np01,80,90,70\n", demo["course"])
    one = tamat.evaluate_participant(demo["course"], "p01", demo["attendance"], policy=weights, scores=parts)
    assert one.score == 80
    with pytest.raises(tamat.AssessmentError) as e:
        tamat.read_scores_csv(b"peserta;nilai\np01;85,5\np03;sembilan\n", demo["course"])
    assert e.value.code == "assessment.invalid_sheet"
    assert (e.value.details["line"], e.value.details["reason"]) == (3, "invalid_score")


def test_workbooks_from_libreoffice_and_from_pandas() -> None:
    root = __import__("conftest").ROOT
    course = tamat.Course.from_json((root / "core" / "data" / "kaltim" / "course.json").read_text())
    csv = tamat.read_attendance_csv((root / "core" / "data" / "kaltim" / "attendance-wide.csv").read_bytes(), course)
    saved = (root / "tests" / "data" / "workbooks" / "attendance-wide.xlsx").read_bytes()
    book = tamat.read_attendance_file(saved, course)
    assert book.to_list() == csv.to_list()
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_attendance_file(saved, course, worksheet="Sheet1")
    assert e.value.details["reason"] == "unknown_worksheet"
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
    marks = tamat.read_attendance_file(out.getvalue(), demo["course"], worksheet="Presensi")
    expected = [{"participant": p, "session": s, "status": st} for (p, s), st in cells.items()]
    assert sorted(marks.to_list(), key=lambda m: (m["participant"], m["session"])) == sorted(expected, key=lambda m: (m["participant"], m["session"]))
    ev = tamat.evaluate(demo["course"], marks)
    assert [d.outcome for d in ev.decisions] == [d.outcome for d in tamat.evaluate(demo["course"], expected).decisions]
    scores = io.BytesIO()
    pd.DataFrame({"peserta": ["p01", "p02"], "nilai": [85.5, 70]}).to_excel(scores, index=False)
    assert tamat.read_scores_file(scores.getvalue(), demo["course"]) == [
        {"participant": "p01", "score": 85.5}, {"participant": "p02", "score": 70}]


def test_read_meeting_report_teams_utf16_then_evaluate() -> None:
    root = __import__("conftest").ROOT / "tests" / "data" / "meetings"
    course = json.loads((root / "course.json").read_text())
    report = tamat.read_meeting_report((root / "teams-attendance.csv").read_bytes(), course)
    assert report["source"] == "teams" and report["rows"] == 6
    assert [u["name"] for u in report["unmatched"]] == ["Admin BPSDM"]
    ev = tamat.evaluate(course, report["attendance"], policy={"measure": "minutes", "minimum_percent": 75})
    assert [(d.participant, d.outcome) for d in ev.decisions] == [
        ("p1", "lulus"), ("p2", "telah_mengikuti"), ("p3", "telah_mengikuti"), ("p4", "no_document")]
    assert ev.decisions[1].attendance["attended"] == 85
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_meeting_report((root / "meet-attendance.csv").read_bytes(), course)
    assert e.value.details["reason"] == "invalid_report_time"
    meet = tamat.read_meeting_report((root / "meet-attendance.csv").read_bytes(), course, date="2025-07-21")
    assert meet["source"] == "meet" and len(meet["attendance"]) == 5


def test_read_moodle_export_text_and_spreadsheet() -> None:
    root = __import__("conftest").ROOT / "tests" / "data"
    course = json.loads((root / "meetings" / "course.json").read_text())
    text = tamat.read_moodle_export((root / "moodle" / "attendance-export.txt").read_bytes(), course)
    ods = tamat.read_moodle_export((root / "moodle" / "attendance-export.ods").read_bytes(), course)
    assert text["attendance"] == ods["attendance"] and len(text["attendance"]) == 5
    assert text["unmatched"] == [{"line": 9, "name": "Peserta Tamu"}]
    ev = tamat.evaluate(course, text["attendance"])
    assert [d.outcome for d in ev.decisions] == ["lulus", "telah_mengikuti", "no_document", "no_document"]
    with pytest.raises(tamat.AttendanceError) as e:
        tamat.read_moodle_export((root / "moodle" / "attendance-export.txt").read_bytes(), course, statuses={"H": "hadir"})
    assert e.value.details["reason"] == "unknown_acronym"


def test_personnel_export_from_an_issue() -> None:
    demo = tamat.demo()
    issued = tamat.issue(demo["course"], demo["attendance"], settings=demo["settings"])
    out = tamat.personnel_export(issued.certificates)
    lulus = [c for c in issued.certificates if c.to_dict()["status"] == "lulus"]
    assert len(out["records"]) == len(lulus) == 27
    assert {s["reason"] for s in out["skipped"]} == {"outcome"}
    assert out["records_csv"].splitlines()[0].startswith("nip,namaKursus,")
    assert all(r["jp"] == 10 and r["shortfall_jp"] == 10 for r in out["yearly"])
    import csv, io
    rows = list(csv.DictReader(io.StringIO(out["records_csv"])))
    assert rows[0]["tanggalKursus"] == "17-07-2025" and rows[0]["jumlahJam"] == "10"
