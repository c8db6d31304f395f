"""Attendance as Arrow data (pyarrow, polars, pandas through `__arrow_c_stream__`): read
from its buffers, it must decide exactly as the same marks given as dicts, with the same
errors."""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import pytest

import tamat

if os.environ.get("TAMAT_REQUIRE_ARROW"):  # the test command: never skipped there
    import pyarrow as pa
    import polars  # noqa: F401
else:
    pa = pytest.importorskip("pyarrow")

WITA = timezone(timedelta(hours=8))
DEMO = tamat.demo()
FIELDS = ("participant", "session", "status", "check_in", "check_out")


def columns(rows: List[Dict[str, Any]]) -> Dict[str, List[Any]]:
    present = [f for f in FIELDS if any(f in r for r in rows)]
    return {f: [r.get(f) for r in rows] for f in present}


def arrow_columns(cols: Dict[str, List[Any]], dictionary: bool) -> Dict[str, Any]:
    """Text columns, dictionary-encoded if asked; check-in times as strings."""
    out = {}
    for k, v in cols.items():
        a = pa.array(v, pa.string())
        out[k] = a.dictionary_encode() if dictionary and k in ("participant", "session", "status") else a
    return out


def random_marks(seed: int) -> List[Dict[str, Any]]:
    """The demo's marks, shuffled, with duplicates and unknown words, as a spreadsheet
    would have them."""
    rng = random.Random(seed)
    rows = [dict(m) for m in DEMO["attendance"]]
    words = ["hadir", "H", "T", "izin", "sakit", "A", "present", "late", "alpha"]
    with_status = [r for r in rows if r.get("status")]
    for r in rng.sample(with_status, 40):
        r["status"] = rng.choice(words)
    rows += [dict(r, status=rng.choice(words)) for r in rng.sample(with_status, 15)]
    rng.shuffle(rows)
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_arrow_tables_decide_as_dicts(seed: int) -> None:
    rows = random_marks(seed)
    ev = tamat.Evaluator(DEMO["course"])
    want = ev.evaluate(rows, trace=True)
    cols = columns(rows)
    plain = pa.table(arrow_columns(cols, False))
    coded = pa.table(arrow_columns(cols, True))
    # Several batches, each with its own dictionary (as a stream may carry them).
    batches = pa.Table.from_batches(
        [pa.record_batch(arrow_columns({k: v[i : i + 97] for k, v in cols.items()}, True)) for i in range(0, len(rows), 97)]
    )
    for table in (plain, coded, batches, plain.to_reader()):
        assert ev.evaluate(table, trace=True) == want
    assert ev.summarize(coded) == want["summary"]
    # The module's functions read Arrow data as well.
    assert tamat.evaluate(DEMO["course"], attendance=coded, trace=True) == want


def test_pandas_categoricals_and_polars() -> None:
    pd = pytest.importorskip("pandas")
    rows = random_marks(11)
    ev = tamat.Evaluator(DEMO["course"])
    want = ev.evaluate(rows)
    frame = pd.DataFrame(columns(rows))
    categorical = frame.astype("category")
    assert ev.evaluate(frame) == want
    assert ev.evaluate(categorical) == want
    assert ev.summarize(categorical) == want["summary"]
    pl = pytest.importorskip("polars")
    polars = pl.DataFrame(columns(rows))
    assert ev.evaluate(polars) == want
    assert ev.evaluate(polars.with_columns(pl.all().cast(pl.Categorical))) == want
    assert ev.evaluate(polars.with_columns(pl.col("status").cast(pl.Enum(sorted(set(polars["status"].drop_nulls())))))) == want


def outcome(evaluator: Any, attendance: Any) -> Any:
    """The answer, or the error as (class, code, message)."""
    try:
        return evaluator.evaluate(attendance, trace=True)
    except tamat.TamatError as e:
        return (type(e), e.code, str(e))


def test_pandas_categoricals_read_by_their_codes_decide_as_dicts() -> None:
    """A frame of categoricals without check-in times is read by its codes (int8, int16
    and int32, as pandas picks them by the number of categories) and categories (kept as
    Arrow strings or as Python objects): the same decisions as the rows, and the same
    errors, missing values (a code of -1) included."""
    pd = pytest.importorskip("pandas")
    rows = [{k: v for k, v in r.items() if k not in ("check_in", "check_out")} for r in random_marks(3)]
    rows = [r for r in rows if r.get("status")]
    ev = tamat.Evaluator(DEMO["course"])
    want = ev.evaluate(rows, trace=True)
    plain = pd.DataFrame(columns(rows))
    frames = {"categorical": plain.astype("category"), "object categories": plain.astype(object).astype("category")}
    # Unused categories widen the codes: 200 categories need int16, 40,000 int32.
    for width, extra in (("int16", 200), ("int32", 40_000)):
        wide = plain.astype("category")
        wide["participant"] = wide["participant"].cat.add_categories([f"unused{i}" for i in range(extra)])
        assert str(wide["participant"].cat.codes.dtype) == width
        frames[width] = wide
    for name, frame in frames.items():
        assert ev.evaluate(frame, trace=True) == want, name
        assert ev.summarize(frame) == want["summary"], name
    # Errors, as the rows give them: a missing status (a NaN code), an unknown participant,
    # session and status word, and a missing participant.
    first = rows[0]
    cases = [
        [dict(first, status=None)],
        [dict(first, participant="nobody")],
        [dict(first, session="s99")],
        [dict(first, status="bolos")],
        [first, dict(first, participant=None)],
    ]
    for case in cases:
        frame = pd.DataFrame(columns(case)).astype("category")
        for evaluator in (ev, tamat.Evaluator(DEMO["course"], {"unknown_references": "warning"})):
            got = outcome(evaluator, frame)
            want_case = outcome(evaluator, case)
            if case[-1]["participant"] is None:
                # (rows refuse a None participant at its row, as frames do)
                assert got[0] is tamat.RequestError and "attendance[1].participant" in got[2]
            else:
                assert got == want_case, case
    # Categories that are not text, and a frame with a plain status column, are read as
    # before (through Arrow), with the same answer or error.
    mixed = plain.astype("category")
    mixed["status"] = plain["status"]
    assert ev.evaluate(mixed, trace=True) == want
    numbers = pd.DataFrame({"participant": pd.Categorical([1]), "session": pd.Categorical([first["session"]]), "status": pd.Categorical(["H"])})
    with pytest.raises(tamat.RequestError) as caught:
        ev.evaluate(numbers)
    assert "attendance.participant" in str(caught.value)


def test_arrow_errors_are_the_errors_of_dicts() -> None:
    ev = tamat.Evaluator(DEMO["course"])
    p, s = DEMO["course"]["participants"], DEMO["course"]["sessions"]
    cases = [
        [{"participant": "nobody", "session": s[0]["id"], "status": "H"}],
        [{"participant": p[0]["id"], "session": "s99", "status": "H"}],
        [{"participant": p[0]["id"], "session": s[0]["id"], "status": "bolos"}],
        [{"participant": p[0]["id"], "session": s[0]["id"], "status": None}],
        [{"participant": p[0]["id"], "session": s[0]["id"], "status": "H"}, {"participant": p[0]["id"], "session": s[0]["id"], "status": "A"}],
    ]
    strict = tamat.Evaluator(DEMO["course"], {"duplicates": "error"})
    for rows in cases:
        for evaluator in (ev, strict):
            try:
                want: Any = evaluator.evaluate(rows)
            except tamat.TamatError as e:
                want = (type(e), e.code, str(e))
            for table in (pa.table(arrow_columns(columns(rows), False)), pa.table(arrow_columns(columns(rows), True))):
                try:
                    got: Any = evaluator.evaluate(table)
                except tamat.TamatError as e:
                    got = (type(e), e.code, str(e))
                assert got == want, rows


def test_arrow_tables_that_cannot_be_read_are_refused_with_the_column() -> None:
    ev = tamat.Evaluator(DEMO["course"])
    first = DEMO["attendance"][0]
    refused = [
        (pa.table({"participant": [first["participant"], None], "session": [first["session"]] * 2, "status": ["H", "H"]}), "attendance[1].participant"),
        (pa.table({"participant": [1], "session": [first["session"]], "status": ["H"]}), "attendance.participant"),
        (pa.table({"participant": [first["participant"]], "session": [first["session"]], "statut": ["H"]}), "statut"),
        (pa.table({"session": [first["session"]], "status": ["H"]}), "participant"),
        (pa.table({"participant": [first["participant"]] * 3, "session": [first["session"]] * 3}), "missing column `status`"),
        (pa.table({"participant": [first["participant"]], "session": [first["session"]], "check_in": pa.array([datetime(2025, 7, 17, 8)], pa.timestamp("us"))}), "time zone"),
    ]
    for table, where in refused:
        with pytest.raises(tamat.RequestError) as caught:
            ev.evaluate(table)
        assert caught.value.code == "request.invalid_shape"
        assert where in str(caught.value)
        with pytest.raises(tamat.RequestError):
            tamat.evaluate(DEMO["course"], attendance=table)


def test_arrow_timestamps_are_instants() -> None:
    course = DEMO["course"]
    session = course["sessions"][0]
    who = course["participants"][0]["id"]
    late = datetime(2025, 7, 16, 23, 55, 30, tzinfo=timezone.utc)  # 07:55:30 WITA, 25 minutes after the start
    rows = [{"participant": who, "session": session["id"], "check_in": late.astimezone(WITA)}]
    ev = tamat.Evaluator(course)
    want = ev.evaluate(rows, trace=True)
    for unit in ("s", "ms", "us", "ns"):
        for tz in ("UTC", "Asia/Makassar", "+08:00"):
            table = pa.table({"participant": [who], "session": [session["id"]], "check_in": pa.array([late], pa.timestamp(unit, tz))})
            assert ev.evaluate(table, trace=True) == want
    text = pa.table({"participant": [who], "session": [session["id"]], "check_in": ["2025-07-17T07:55:30+08:00"]})
    assert ev.evaluate(text, trace=True) == want
    both = pa.table({"participant": [who], "session": [session["id"]], "status": ["H"], "check_in": ["2025-07-17T07:55:30+08:00"]})
    with pytest.raises(tamat.AttendanceError) as caught:
        ev.evaluate(both)
    assert caught.value.code == "attendance.conflicting_mark"


def test_decisions_as_columns() -> None:
    rows = random_marks(5)
    ev = tamat.Evaluator(DEMO["course"])
    want = ev.evaluate(rows)
    table = ev.decision_table(pa.table(arrow_columns(columns(rows), True)), lang="en")
    assert len(table) == len(want["decisions"])
    t = pa.table(table)
    assert t.column_names == table.column_names
    assert t.schema.field("outcome").type == pa.string() and t.schema.field("meets_minimum").type == pa.bool_()
    got = t.to_pylist()
    for row, d in zip(got, want["decisions"]):
        assert row["participant"] == d["participant"] and row["name"] == d["name"] and row["nip"] == d.get("nip")
        assert row["outcome"] == d["outcome"]
        assert row["attended"] == float(d["attendance"]["attended"]) and row["total"] == float(d["attendance"]["total"])
        percent = d["attendance"]["percent"]
        assert row["percent"] == (None if percent is None else float(percent))
        assert row["meets_minimum"] == d["attendance"]["meets_minimum"]
        assert row["reasons"] == ";".join(r["code"] for r in d["reasons"])
        assert row["reason"] == "; ".join(r["message"]["en"] for r in d["reasons"])
        assert row["projection"] is None and row["needed_sessions"] is None
    labels = {r["outcome"]: r["label"] for r in got}
    assert labels["lulus"] == "PASSED"
    indonesian = pa.table(ev.decision_table(rows)).column("label").to_pylist()
    assert "LULUS" in indonesian
    # polars and pandas take it as it is.
    pl = pytest.importorskip("polars")
    assert pl.DataFrame(table)["outcome"].to_list() == [d["outcome"] for d in want["decisions"]]
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame.from_arrow(table)
    assert list(frame["participant"]) == [d["participant"] for d in want["decisions"]]
    # A course still running: where each participant stands.
    running = ev.decision_table(rows[:50], as_of="2025-07-17T09:00:00+08:00")
    states = pa.table(running).column("projection").to_pylist()
    assert set(states) <= {"secured", "reachable", "unreachable"} and states
    with pytest.raises(tamat.RequestError):
        ev.decision_table(rows, lang="fr")
