"""Times the Python package on a 100,000 x 40 cohort and the per-call overhead of a
one-participant evaluation. Run with the package installed:
    python benches/python_cohort.py [participants] [sessions]
Prints medians of several rounds; the machine is noisy, so compare within one run."""

from __future__ import annotations

import statistics
import sys
import time

import tamat

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
M = int(sys.argv[2]) if len(sys.argv) > 2 else 40
WORDS = ["hadir", "hadir", "hadir", "hadir", "hadir", "hadir", "hadir", "terlambat", "izin", "alpha"]


def course(n: int, m: int) -> dict:
    return {
        "id": "bench",
        "title": "Bench",
        "time_zone": "Asia/Makassar",
        "sessions": [
            {"id": f"s{j:02d}", "start": f"2025-03-{1 + j // 8:02d}T{8 + j % 8:02d}:00", "end": f"2025-03-{1 + j // 8:02d}T{9 + j % 8:02d}:00"}
            for j in range(m)
        ],
        "participants": [{"id": f"p{i:06d}", "name": f"Peserta {i}"} for i in range(n)],
    }


def columns(n: int, m: int) -> dict:
    pids = [f"p{i:06d}" for i in range(n)]
    sids = [f"s{j:02d}" for j in range(m)]
    participant, session, status = [], [], []
    for i, p in enumerate(pids):
        for j, s in enumerate(sids):
            participant.append(p)
            session.append(s)
            status.append(WORDS[(i * 7 + j * 3) % len(WORDS)])
    return {"participant": participant, "session": session, "status": status}


def median_time(f, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    c = course(N, M)
    cols = columns(N, M)
    rows = [{"participant": p, "session": s, "status": st} for p, s, st in zip(cols["participant"], cols["session"], cols["status"])]
    t = time.perf_counter()
    ev = tamat.Evaluator(c)
    compile_s = time.perf_counter() - t
    print(f"{N:,} participants x {M} sessions = {N * M:,} marks")
    print(f"  compile the course (Evaluator):            {compile_s * 1e3:8.1f} ms")
    print(f"  summarize, columns:                        {median_time(lambda: ev.summarize(cols), 5) * 1e3:8.1f} ms")
    print(f"  evaluate (decisions), columns:             {median_time(lambda: ev.evaluate(cols, trace=False), 5) * 1e3:8.1f} ms")
    print(f"  evaluate (decisions), list of dicts:       {median_time(lambda: ev.evaluate(rows, trace=False), 5) * 1e3:8.1f} ms")

    small = tamat.Evaluator(course(1, M))
    marks = {"participant": ["p000000"] * M, "session": [f"s{j:02d}" for j in range(M)], "status": ["hadir"] * M}
    empty = tamat.Evaluator(course(1, 1))
    reps = 20_000
    for label, ev1, m in (("1 participant, 40 marks", small, marks), ("1 participant, no marks", empty, None)):
        per = median_time(lambda: [ev1.evaluate_participant("p000000", m, trace=False) for _ in range(reps)], 5) / reps
        print(f"  evaluate_participant ({label}): {per * 1e6:8.2f} us/call")
    per = median_time(lambda: [tamat.evaluate_json('{"course":{"id":"x","title":"x","time_zone":"UTC","sessions":[{"id":"s","start":"2025-01-01T08:00","end":"2025-01-01T09:00"}],"participants":[{"id":"p","name":"P"}]}}') for _ in range(2000)], 5) / 2000
    print(f"  evaluate_json (whole request, 1x1):        {per * 1e6:8.2f} us/call")


if __name__ == "__main__":
    main()
