"""The JP ledger summed in parts by the core (`Evaluator.partial_ledger`,
`PartialLedger.merge`): the same rows as `tamat.ledger` of every course at once, parts
that pickle, and a course counted twice refused."""

from __future__ import annotations

import pickle
import random
from typing import Any, Dict, List

import pytest

import tamat

NIPS = ["198001012005011001", "198102022006022002", "197903032004031003", "198504042010012004"]


def requests(seed: int, n: int) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for c in range(n):
        day = f"202{4 + c % 2}-0{1 + c % 9}-1{c % 10}"
        sessions = [{"id": f"s{j}", "start": f"{day}T{8 + j:02d}:00", "end": f"{day}T{8 + j:02d}:45", "jp": 1 + j % 2} for j in range(4)]
        people = rng.sample(range(len(NIPS)), 3)
        participants = [{"id": f"p{k}", "name": f"P {k}", "nip": NIPS[k]} for k in people] + [{"id": "x", "name": "Tanpa NIP"}]
        # The first participant attends everything (LULUS); the others at random.
        marks = [
            {"participant": p["id"], "session": s["id"], "status": "hadir" if i == 0 else rng.choice(["hadir"] * 6 + ["alpha"])}
            for i, p in enumerate(participants)
            for s in sessions
        ]
        out.append({"course": {"id": f"k{c}", "title": f"K {c}", "time_zone": "Asia/Makassar", "sessions": sessions, "participants": participants}, "attendance": marks})
    return out


@pytest.mark.parametrize("seed", range(4))
def test_parts_merge_into_the_ledger_of_all(seed: int) -> None:
    reqs = requests(seed, 12)
    whole = tamat.ledger(courses=reqs, obligation_jp=5)
    parts = [tamat.Evaluator(r["course"]).partial_ledger(r["attendance"]) for r in reqs]
    # Pickled, as Dask moves them between workers, then merged in a tree.
    parts = [pickle.loads(pickle.dumps(p)) for p in parts]
    level = parts
    while len(level) > 1:
        level = [level[i].merge(*level[i + 1 : i + 3]) for i in range(0, len(level), 3)]
    assert level[0].rows(obligation_jp=5) == whole["rows"]
    assert level[0].uncounted == whole["uncounted"]
    assert whole["rows"] and any(len(r["courses"]) > 1 for r in whole["rows"])
    assert len(level[0]) == len(whole["rows"])
    # Merging never changes a part.
    assert parts[0].rows() == tamat.Evaluator(reqs[0]["course"]).partial_ledger(reqs[0]["attendance"]).rows()


def test_a_course_counted_twice_is_refused() -> None:
    r = requests(1, 1)[0]
    part = tamat.Evaluator(r["course"]).partial_ledger(r["attendance"])
    assert len(part) > 0
    with pytest.raises(tamat.LedgerError) as caught:
        part.merge(part)
    assert caught.value.code == "ledger.duplicate_entry"
    with pytest.raises(tamat.RequestError):
        part.merge("not a part")  # type: ignore[arg-type]
    with pytest.raises(tamat.RequestError):
        tamat.PartialLedger.from_json('{"rows": [], "uncounted": [], "entries": 0, "extra": 1}')
    # Attendance credited too when asked.
    both = tamat.Evaluator(r["course"]).partial_ledger(r["attendance"], earning=["lulus", "telah_mengikuti"])
    assert sum(len(x["courses"]) for x in both.rows()) >= sum(len(x["courses"]) for x in part.rows())
