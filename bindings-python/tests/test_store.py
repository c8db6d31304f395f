"""tamat.Store: the register as a database, on SQLite and (when the test command started
one) PostgreSQL; several Python processes issuing at once into one store."""

import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest

import tamat

DEMO = tamat.demo()
KEY = tamat.SigningKey(bytes([4] * 32))


def _locations(tmp_path: Path) -> List[str]:
    out = [str(tmp_path / f"{uuid.uuid4().hex}.sqlite")]
    url = os.environ.get("TAMAT_TEST_POSTGRES")
    if url:
        out.append(_pg_database(url, "py" + uuid.uuid4().hex))
    elif os.environ.get("CI"):
        pytest.fail("CI: TAMAT_TEST_POSTGRES must name a PostgreSQL server")
    return out


def _pg_database(url: str, db: str) -> str:
    """A new database of its own on the test server (psql comes with Debian's postgresql)."""
    base, _, _ = url.rpartition("/")
    r = subprocess.run(["psql", url, "-qc", f"CREATE DATABASE {db}"], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.fail(f"psql could not create a database: {r.stderr}")
    return f"{base}/{db}"


def _request(course_id: str = "ppbit-2025") -> Dict[str, Any]:
    course = dict(DEMO["course"])
    course["id"] = course_id
    return {"course": course, "attendance": DEMO["attendance"], "settings": DEMO["settings"]}


def test_issue_change_lists_lookups_ledger(tmp_path: Path) -> None:
    at = datetime(2025, 8, 1, tzinfo=timezone.utc)
    for location in _locations(tmp_path):
        store = tamat.Store(location)
        assert "Store" in repr(store)
        first = store.issue(_request(), key=KEY, by="operator")
        assert len(first["issued"]) == 30 and len(first["credentials"]) == 30
        assert first["certificates"][0]["number"] == "00001/BPSDM-KALTIM/VII/2025"
        again = store.issue(_request(), key=KEY)
        assert again["issued"] == [] and again["credentials"] == first["credentials"]  # frozen
        second = store.issue(_request("ppbit-2025-b"), key=KEY)
        assert second["certificates"][0]["number"] == "00031/BPSDM-KALTIM/VII/2025"
        cert = first["certificates"][0]
        entry = store.revoke(cert["number"], at=at, reason="data salah", by="kepala")
        assert entry["state"] == "revoked"
        with pytest.raises(tamat.TamatError) as caught:
            store.revoke(cert["id"])
        assert caught.value.code == "register.invalid_transition"
        history = store.history(cert["id"])
        assert [h["to"] for h in history] == ["active", "revoked"]
        assert history[1]["by"] == "kepala" and history[1]["reason"] == "data salah"
        lists = [
            store.status_list(settings=DEMO["settings"], key=KEY, valid_from=at,
                              valid_until=datetime(2025, 8, 2, tzinfo=timezone.utc))
        ]
        v = tamat.verify(first["credentials"][0], [KEY], at, status_lists=lists)
        assert v["status"] == "revoked"
        ok = tamat.verify(first["credentials"][1], [KEY], at, status_lists=lists)
        assert ok["status"] == "valid"
        stale = tamat.verify(first["credentials"][1], [KEY], datetime(2025, 8, 3, tzinfo=timezone.utc), status_lists=lists)
        assert stale["status"] == "status_stale"
        with pytest.raises(tamat.RequestError) as caught:
            store.call("nope", {})
        assert caught.value.code == "request.invalid_shape"
        with pytest.raises(tamat.RequestError):
            store.call("history", {"certificate": cert["id"], "extra": 1})
        assert len(store.find(course="ppbit-2025-b")) == 30
        assert len(store.find(year=2025)) == 60
        nip = store.find(number="00002/BPSDM-KALTIM/VII/2025")[0]["nip"]
        assert len(store.find(nip=nip)) == 2
        with pytest.raises(tamat.TamatError):
            store.find(id="x", year=2025)
        ledger = store.ledger()
        assert all(r["year"] == 2025 for r in ledger) and len(ledger) == 27
        register = store.export_register()
        assert len(register["certificates"]) == 60
        fresh = tamat.Store(str(tmp_path / f"{uuid.uuid4().hex}.sqlite"))
        assert fresh.import_register(register) == 60
        assert fresh.export_register() == register
        with pytest.raises(tamat.TamatError) as caught:
            fresh.import_register(register)
        assert caught.value.code == "store.not_empty"


def test_a_store_that_cannot_open_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(tamat.TamatError) as caught:
        tamat.Store(str(tmp_path / "no-such-folder" / "deeper" / "r.sqlite"))
    assert caught.value.code == "store.unavailable"


WORKER = """
import sys, tamat
demo = tamat.demo()
course = dict(demo["course"]); course["id"] = sys.argv[2]
store = tamat.Store(sys.argv[1])
store.issue({"course": course, "attendance": demo["attendance"], "settings": demo["settings"]},
            key=tamat.SigningKey(bytes([4] * 32)))
"""


def test_processes_at_once_share_one_counter(tmp_path: Path) -> None:
    for location in _locations(tmp_path):
        tamat.Store(location)  # the tables, before the race
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, location, f"angkatan-{k}"]) for k in range(4)]
        assert [p.wait() for p in procs] == [0] * 4
        register = tamat.Store(location).export_register()
        sequences = sorted(e["sequence"] for e in register["certificates"])
        assert sequences == list(range(1, 121)), location
        assert len({e["status_index"] for e in register["certificates"]}) == 120
