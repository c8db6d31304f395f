"""Timing and output shared by the Python benchmarks."""
import argparse
import json
import statistics
import time


def timed(rounds, named):
    """Runs each function once per round, the functions interleaved round after round (so
    that a noisy moment hits them alike), and returns the median seconds of each."""
    times = {name: [] for name in named}
    for _ in range(rounds):
        for name, f in named.items():
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(v) for name, v in times.items()}


def emit(result, out=None):
    """Prints a part's results and, given a path, writes them there as JSON."""
    print(json.dumps(result, indent=2))
    if out:
        with open(out, "w") as fh:
            json.dump(result, fh, indent=2)


def arguments(participants):
    """The options every Python part takes: its size, its rounds and where to write."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=participants)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out")
    return parser.parse_args()
