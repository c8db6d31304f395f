"""The yearly JP ledger of a national cohort, with tamat's Python batch API inside Dask.

Indonesia has about 4.3 million civil servants, each owed 20 JP of training a year. Every
partition here stands for the courses one group of training agencies ran: it is
generated, evaluated and summed per NIP and year by the core on a Dask worker
(``tamat.Evaluator.partial_ledger``); the parts (``tamat.PartialLedger``) are then merged
by the core across partitions in a tree of Dask tasks. ``single_process`` computes the same
ledger in one process with ``tamat.ledger``, for comparison.

    python examples/national_ledger.py --employees 100000 --partitions 16 --workers 2
    python examples/national_ledger.py --scheduler tcp://scheduler:8786 --employees 4300000

On a real cluster the same code runs unchanged: start ``dask scheduler`` on one machine
and ``dask worker tcp://scheduler:8786`` on the others (each with ``pip install tamat``),
and pass ``--scheduler`` (code imported from a file of your own reaches the workers with
``client.upload_file``); or use any Dask deployment (dask-kubernetes, dask-jobqueue on
SLURM/PBS, Coiled, dask-yarn). Only the partition index travels to a worker: each
generates (in real use: reads) its own courses and attendance.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from typing import Any, Dict, List

import pandas as pd

import tamat

OBLIGATION_JP = 20
STATUSES = ["hadir"] * 90 + ["terlambat"] * 4 + ["izin"] * 2 + ["sakit"] * 2 + ["alpha"] * 2


def nip(k: int) -> str:
    """The k-th synthetic NIP (unique for k below 23,976,000): birth date, appointment
    year and month, gender, sequence."""
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=k % 12000)
    gender = 1 + (k // 12000) % 2
    sequence = 1 + k // 24000
    appointed = birth.year + 20 + k % 10
    return f"{birth:%Y%m%d}{appointed:04d}{1 + k % 12:02d}{gender}{sequence:03d}"


def partition_courses(seed: int, index: int, employees: int, courses: int) -> List[Dict[str, Any]]:
    """The evaluate requests (course and marks) of one partition. Deterministic in
    (seed, index), so any worker can make them and a single process makes the same."""
    rng = random.Random(seed * 1_000_003 + index)
    out = []
    for c in range(courses):
        year = 2025 if rng.random() < 0.85 else 2024
        start = dt.date(year, 1, 6) + dt.timedelta(days=rng.randrange(0, 340))
        days = rng.choice([1, 1, 2, 3, 5])
        sessions = []
        for d in range(days):
            day = start + dt.timedelta(days=d)
            for slot in range(rng.choice([6, 8, 10])):
                hour = 8 + slot
                sessions.append({"id": f"d{d}s{slot}", "start": f"{day}T{hour:02d}:00", "end": f"{day}T{hour:02d}:45", "jp": 1})
        picked = rng.sample(range(employees), k=min(30, employees))
        participants = [{"id": f"e{k}", "name": f"Pegawai {k}", "nip": nip(k)} for k in picked]
        marks = [
            {"participant": p["id"], "session": s["id"], "status": rng.choice(STATUSES)}
            for p in participants
            for s in sessions
        ]
        course = {
            "id": f"k{index}-{c}",
            "title": f"Pelatihan {index}-{c}",
            "time_zone": rng.choice(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
            "sessions": sessions,
            "participants": participants,
        }
        out.append({"course": course, "attendance": marks})
    return out


def partition_ledger(seed: int, index: int, employees: int, courses: int) -> tamat.PartialLedger:
    """One partition's part of the ledger, summed by the core: every LULUS participant
    with a NIP is credited the course's JP in the year it ends (the rule of
    ``tamat.ledger``), with no decision crossing into Python."""
    part = tamat.PartialLedger()
    for request in partition_courses(seed, index, employees, courses):
        part = part.merge(tamat.Evaluator(request["course"]).partial_ledger(request["attendance"]))
    return part


def combine(*parts: tamat.PartialLedger) -> tamat.PartialLedger:
    """Parts of several partitions merged by the core (a course counted in two parts for
    one NIP is refused, never credited twice)."""
    return parts[0].merge(*parts[1:])


def distributed(client, seed: int, partitions: int, employees: int, courses: int, fan_in: int = 8) -> pd.DataFrame:
    """Each partition is evaluated and summed on a worker; the parts (pickled as the
    core's JSON) are then merged in a tree (``fan_in`` at a time), also on the workers."""
    from dask import delayed

    level = [delayed(partition_ledger)(seed, i, employees, courses) for i in range(partitions)]
    while len(level) > 1:
        level = [delayed(combine)(*level[i:i + fan_in]) for i in range(0, len(level), fan_in)]
    ledger = client.compute(level[0]).result()
    return finish(ledger.rows(obligation_jp=OBLIGATION_JP))


def finish(rows: List[Dict[str, Any]]) -> pd.DataFrame:
    """Ledger rows as a DataFrame: NIP, year, JP, courses counted, obligation met."""
    frame = pd.DataFrame(
        [(r["nip"], r["year"], int(r["jp"]), len(r["courses"]), bool(r["met"])) for r in rows],
        columns=["nip", "year", "jp", "courses", "met"],
    )
    return frame.sort_values(["nip", "year"]).reset_index(drop=True)


def single_process(seed: int, partitions: int, employees: int, courses: int) -> pd.DataFrame:
    """The same ledger in one process, by tamat's own ``ledger`` over every course."""
    requests = [r for i in range(partitions) for r in partition_courses(seed, i, employees, courses)]
    return finish(tamat.ledger(courses=requests, obligation_jp=OBLIGATION_JP)["rows"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--courses", type=int, default=None, help="courses per partition (default: enough for one per employee)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="also compute the ledger in one process and compare")
    args = parser.parse_args()
    courses = args.courses or max(1, args.employees // 30 // args.partitions)

    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True))
    try:
        t = time.perf_counter()
        ledger = distributed(client, args.seed, args.partitions, args.employees, courses)
        seconds = time.perf_counter() - t
    finally:
        client.close()
    n_courses = args.partitions * courses
    print(f"{n_courses:,} courses of 30 in {args.partitions} partitions on {args.workers} workers: {seconds:.1f} s "
          f"({n_courses * 30 / seconds:,.0f} participations/s)")
    print(f"{len(ledger):,} NIP-years; obligation of {OBLIGATION_JP} JP met in {int(ledger['met'].sum()):,}")
    print(ledger.head(10).to_string(index=False))
    if args.compare:
        same = single_process(args.seed, args.partitions, args.employees, courses)
        assert ledger.equals(same), "the distributed ledger differs from the single-process one"
        print("the single-process ledger (tamat.ledger) is the same")


if __name__ == "__main__":
    main()
