"""tamat from columnar data against the rule a pandas user writes, side by side in one
run: N participants x 40 sessions, the pandas rule (`isin`, then `groupby().agg`) on
categorical and on string columns, and `Evaluator.summarize` from the same DataFrames, a
pyarrow table and a polars DataFrame (each read from its Arrow buffers), and from row
dicts against the plain-Python loop. Every tool's LULUS count must equal tamat's before
anything is reported. The tools are timed in interleaved rounds (benches/harness.py).

    python benches/peers_pandas.py [--participants 100000] [--rounds 5] [--out f.json]
"""
from __future__ import annotations

import os
import random
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import arguments, emit, timed  # noqa: E402

import tamat  # noqa: E402

SESSIONS = 40
WORDS = ["hadir"] * 17 + ["terlambat", "izin", "alpha"]


def course(n: int) -> dict:
    sessions = [
        {"id": f"s{i:02d}", "start": f"2025-07-{14 + i // 8:02d}T{8 + i % 8:02d}:00", "end": f"2025-07-{14 + i // 8:02d}T{8 + i % 8:02d}:45", "jp": 1}
        for i in range(SESSIONS)
    ]
    return {"id": "scale", "title": "Skala", "time_zone": "Asia/Makassar", "sessions": sessions,
            "participants": [{"id": f"p{i:06d}", "name": f"Peserta {i}"} for i in range(n)]}


def columns(n: int, seed: int = 20261203) -> dict:
    rnd = random.Random(seed)
    participant, session, status = [], [], []
    for i in range(n):
        p = f"p{i:06d}"
        for j in range(SESSIONS):
            participant.append(p)
            session.append(f"s{j:02d}")
            status.append(rnd.choice(WORDS))
    return {"participant": participant, "session": session, "status": status}


def pandas_rule(df: pd.DataFrame) -> int:
    """What a pandas user writes: present marks per participant, then the 90 % rule."""
    present = df["status"].isin(["hadir", "terlambat"]).groupby(df["participant"], observed=True).agg(["sum", "count"])
    return int((present["sum"] * 100 >= 90 * present["count"]).sum())


def plain_python(rows: list) -> int:
    attended: dict = {}
    total: dict = {}
    for r in rows:
        p = r["participant"]
        total[p] = total.get(p, 0) + 1
        if r["status"] in ("hadir", "terlambat"):
            attended[p] = attended.get(p, 0) + 1
    return sum(1 for p, t in total.items() if attended.get(p, 0) * 100 >= 90 * t)


def main() -> None:
    args = arguments(100_000)
    n = args.participants
    cols = columns(n)
    ev = tamat.Evaluator(course(n))
    strings = pd.DataFrame(cols)
    categorical = strings.astype("category")
    inputs: dict = {"pandas_categorical": categorical, "pandas_strings": strings}
    try:
        import pyarrow as pa

        inputs["pyarrow_dictionary"] = pa.table({k: pa.array(v).dictionary_encode() for k, v in cols.items()})
        inputs["pyarrow_strings"] = pa.table(cols)
    except ImportError:
        pass
    try:
        import polars as pl

        inputs["polars_categorical"] = pl.DataFrame(cols).with_columns(pl.all().cast(pl.Categorical))
    except ImportError:
        pass
    rows = [dict(zip(cols, t)) for t in zip(*cols.values())]
    lulus = ev.summarize(categorical)["lulus"]
    for name, data in inputs.items():
        got = ev.summarize(data)["lulus"]
        assert got == lulus, f"tamat from {name}: {got} LULUS, from the categorical DataFrame {lulus}"
    for name, got in (("pandas rule, categorical", pandas_rule(categorical)), ("pandas rule, strings", pandas_rule(strings)),
                      ("plain Python", plain_python(rows)), ("tamat from rows", ev.summarize(rows)["lulus"])):
        assert got == lulus, f"{name} counts {got} LULUS, tamat {lulus}"
    # Every tool once per round, round after round, so that a noisy moment hits them alike.
    named = {
        "pandas_rule_categorical": lambda: pandas_rule(categorical),
        "pandas_rule_strings": lambda: pandas_rule(strings),
        "plain_python_rows": lambda: plain_python(rows),
        "tamat_rows": lambda: ev.summarize(rows),
    }
    for name, data in inputs.items():
        named[f"tamat_{name}"] = lambda data=data: ev.summarize(data)
    seconds = timed(args.rounds, named)
    result = {"participants": n, "sessions": SESSIONS, "marks": n * SESSIONS, "lulus": lulus, "seconds": seconds,
              "pandas": pd.__version__}
    ratio = {}
    for name in inputs:
        peer = "pandas_rule_categorical" if "categorical" in name or "dictionary" in name else "pandas_rule_strings"
        ratio[f"{name}_vs_pandas_rule"] = seconds[peer] / seconds[f"tamat_{name}"]
    ratio["rows_vs_plain_python"] = seconds["plain_python_rows"] / seconds["tamat_rows"]
    result["ratio"] = ratio
    emit(result, args.out)


if __name__ == "__main__":
    main()
