"""Python: tamat's batch API against what a user would otherwise write, on the same data
(benches/workload.json), each answer checked equal before timing, all timed in
interleaved rounds in one process:

- plain Python: dicts and loops over the marks;
- json-logic (the `json-logic-qubit` port; the original `json-logic` 0.6.3 does not run on
  Python 3) evaluating an equivalent rule per participant (benches/rule.py builds it);
- the per-call overhead of a one-participant evaluation.

    python benches/peers_python.py --participants 20000 --out target/bench/python.json
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import arguments, emit, timed  # noqa: E402
from rule import attendance_rule  # noqa: E402

import tamat  # noqa: E402
from json_logic import jsonLogic  # noqa: E402

WORKLOAD = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "workload.json")))
M = WORKLOAD["sessions"]


def status(i, j):
    v = (((i * 2654435761 + j * 40503) % 2**32) >> 16) % 100
    for limit, word in WORKLOAD["thresholds"]:
        if v < limit:
            return word
    raise AssertionError


def course(n):
    sessions = []
    for j in range(M):
        day, slot = 1 + j // 8, j % 8
        sessions.append({"id": f"s{j:02d}", "start": f"2025-03-{day:02d}T{8 + slot:02d}:00",
                         "end": f"2025-03-{day:02d}T{8 + slot:02d}:45", "jp": 1})
    participants = [{"id": f"p{i:06d}", "name": f"Peserta {i}"} for i in range(n)]
    return {"id": "bench", "title": "Bench", "time_zone": "Asia/Makassar", "sessions": sessions, "participants": participants}


def rows(n):
    sessions = [f"s{j:02d}" for j in range(M)]
    return [{"participant": f"p{i:06d}", "session": sessions[j], "status": status(i, j)} for i in range(n) for j in range(M)]


def plain_python(marks, participants):
    """What a user writes: count present marks per participant, compare with 90 %."""
    present = dict.fromkeys(participants, 0)
    for mark in marks:
        if mark["status"] in ("hadir", "terlambat"):
            present[mark["participant"]] += 1
    out = {}
    for p, k in present.items():
        out[p] = "lulus" if k * 100 >= 90 * M else ("telah_mengikuti" if k > 0 else "no_document")
    return out


def with_json_logic(marks, participants, rule):
    """The same rule as JsonLogic: the marks grouped into one record per participant,
    then the rule applied to each."""
    records = {p: {} for p in participants}
    for mark in marks:
        records[mark["participant"]][mark["session"]] = mark["status"]
    return {p: jsonLogic(rule, record) for p, record in records.items()}


def with_tamat(evaluator, marks):
    return {d["participant"]: d["outcome"] for d in evaluator.evaluate(marks, trace=False)["decisions"]}


def per_call(f, reps, rounds=7):
    def batch():
        for _ in range(reps):
            f()
    return timed(rounds, {"x": batch})["x"] / reps


def main():
    args = arguments(20000)
    n = args.participants
    c = course(n)
    marks = rows(n)
    participants = [p["id"] for p in c["participants"]]
    rule = attendance_rule(M)
    evaluator = tamat.Evaluator(c)
    expected = with_tamat(evaluator, marks)
    assert plain_python(marks, participants) == expected, "plain Python disagrees with tamat"
    assert with_json_logic(marks, participants, rule) == expected, "json-logic disagrees with tamat"
    counts = {o: list(expected.values()).count(o) for o in set(expected.values())}

    medians = timed(args.rounds, {
        "tamat": lambda: with_tamat(evaluator, marks),
        "plain_python": lambda: plain_python(marks, participants),
        "json_logic": lambda: with_json_logic(marks, participants, rule),
    })
    one = tamat.Evaluator(course(1))
    overhead = per_call(lambda: one.evaluate_participant("p000000", None, trace=False), 20000)
    forty = {"participant": ["p000000"] * M, "session": [f"s{j:02d}" for j in range(M)], "status": ["hadir"] * M}
    with_marks = per_call(lambda: one.evaluate_participant("p000000", forty, trace=False), 5000)
    result = {
        "participants": n, "sessions": M, "marks": n * M, "outcomes": counts, "rounds": args.rounds,
        "seconds": medians,
        "speedup_vs_plain_python": medians["plain_python"] / medians["tamat"],
        "speedup_vs_json_logic": medians["json_logic"] / medians["tamat"],
        "overhead_us": overhead * 1e6,
        "one_participant_40_marks_us": with_marks * 1e6,
    }
    emit(result, args.out)


if __name__ == "__main__":
    main()
