#!/usr/bin/env python3
"""The sheet at scale: one long CSV of N participants x 40 sessions, decided by
`tamat evaluate --format csv`, by the plain-Python loop a user would write, and by pandas
(`read_csv` + `groupby`), each in its own process, side by side in one run: wall time and
peak memory (the process's maximum resident set). Every tool's LULUS count must equal
tamat's before anything is reported.

    python3 benches/sheet_scale.py [--participants 100000] [--rounds 3] [--tamat target/release/tamat] [--out f.json]
"""
import argparse, json, os, random, subprocess, sys, tempfile, time

SESSIONS = 40
PLAIN = r'''
import csv, sys
attended, total = {}, {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        p = row["participant"]
        total[p] = total.get(p, 0) + 1
        if row["status"] in ("hadir", "terlambat"):
            attended[p] = attended.get(p, 0) + 1
print(sum(1 for p, t in total.items() if attended.get(p, 0) * 100 >= 90 * t))
'''
PANDAS = r'''
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["participant", "status"], dtype={"participant": "category", "status": "category"})
present = df["status"].isin(["hadir", "terlambat"]).groupby(df["participant"], observed=True).agg(["sum", "count"])
print(int((present["sum"] * 100 >= 90 * present["count"]).sum()))
'''


def write_inputs(d, n, seed=20261202):
    rnd = random.Random(seed)
    sessions = [{"id": f"s{i:02d}", "start": f"2025-07-{14 + i // 8:02d}T{8 + i % 8:02d}:00", "end": f"2025-07-{14 + i // 8:02d}T{8 + i % 8:02d}:45", "jp": 1}
                for i in range(SESSIONS)]
    course = {"id": "scale", "title": "Skala", "time_zone": "Asia/Makassar", "sessions": sessions,
              "participants": [{"id": f"p{i:06d}", "name": f"Peserta {i}"} for i in range(n)]}
    with open(os.path.join(d, "course.json"), "w") as f:
        json.dump(course, f)
    words = ["hadir"] * 17 + ["terlambat", "izin", "alpha"]
    with open(os.path.join(d, "sheet.csv"), "w", newline="") as f:
        f.write("participant,session,status\n")
        for i in range(n):
            p = f"p{i:06d}"
            f.write("".join(f"{p},{s['id']},{rnd.choice(words)}\n" for s in sessions))
    return os.path.join(d, "course.json"), os.path.join(d, "sheet.csv")


def run(cmd, stdout):
    """Wall seconds and peak resident KiB of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode()
    if status != 0:
        sys.exit(f"{cmd[0]} failed: {err}")
    return wall, usage.ru_maxrss


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--participants", type=int, default=100_000)
    a.add_argument("--rounds", type=int, default=3)
    a.add_argument("--tamat", default="target/release/tamat")
    a.add_argument("--out")
    args = a.parse_args()
    with tempfile.TemporaryDirectory() as d:
        course, sheet = write_inputs(d, args.participants)
        size = os.path.getsize(sheet)
        tools = {
            "tamat": [args.tamat, "evaluate", course, "--attendance", sheet, "--format", "csv"],
            "plain_python": [sys.executable, "-c", PLAIN, sheet],
            "pandas": [sys.executable, "-c", PANDAS, sheet],
        }
        have_pandas = subprocess.run([sys.executable, "-c", "import pandas"], capture_output=True).returncode == 0
        if not have_pandas:
            del tools["pandas"]
        # Same answer first: tamat's LULUS rows against each peer's count.
        out = os.path.join(d, "out.csv")
        with open(out, "wb") as f:
            run(tools["tamat"], f)
        with open(out) as f:
            header = f.readline().rstrip("\n").split(",")
            col = header.index("outcome")
            lulus = sum(1 for line in f if line.split(",")[col] == "lulus")
        for name in tools:
            if name == "tamat":
                continue
            got = int(subprocess.run(tools[name], capture_output=True, text=True, check=True).stdout)
            if got != lulus:
                sys.exit(f"{name} counts {got} LULUS, tamat {lulus}")
        # Interleaved rounds; the median of each.
        times = {k: [] for k in tools}
        peak = {k: 0 for k in tools}
        for _ in range(args.rounds):
            for name, cmd in tools.items():
                with open(os.devnull, "wb") as sink:
                    wall, rss = run(cmd, sink)
                times[name].append(wall)
                peak[name] = max(peak[name], rss)
        med = {k: sorted(v)[len(v) // 2] for k, v in times.items()}
        result = {
            "participants": args.participants, "sessions": SESSIONS, "marks": args.participants * SESSIONS,
            "file_bytes": size, "lulus": lulus,
            "seconds": med, "peak_kib": peak,
            "ratio_vs_plain_python": med["plain_python"] / med["tamat"],
            "peak_over_file_size": peak["tamat"] * 1024 / size,
        }
        if "pandas" in med:
            result["ratio_vs_pandas"] = med["pandas"] / med["tamat"]
        print(json.dumps(result, indent=1))
        if args.out:
            with open(args.out, "w") as f:
                json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
