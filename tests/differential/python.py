#!/usr/bin/env python3
"""Differential testing, Python side: reads the cases `core/examples/differential` wrote
(one JSON line each: input text and the native answer) and holds the Python package to
them three ways:

1. `evaluate_json(text)` must answer the native bytes exactly;
2. `Evaluator(...).evaluate(rows)` (marks read from Python objects) must give the native
   decisions, summary and warnings, or refuse with the native first error code;
3. the same marks as a dict of columns, and `summarize`.

Every disagreement is written as a ready conformance vector into the folder given by
--disagreements (default target/differential) and the run exits 1.

    python tests/differential/python.py cases.jsonl
"""
import argparse
import json
import os
import sys

import tamat

KEYS = ("course", "attendance", "scores", "policy", "as_of", "participant", "trace")


def columns(marks):
    names = ["participant", "session", "status", "check_in", "check_out", "note"]
    cols = {n: [m.get(n) for m in marks] for n in names}
    return {n: c for n, c in cols.items() if n in ("participant", "session") or any(v is not None for v in c)}


def check(case):
    """The list of disagreements of one case (empty when Python agrees)."""
    problems = []
    native_text = case["output"]
    text = tamat.evaluate_json(case["input"])
    if text != native_text:
        problems.append("evaluate_json differs from native")
    native = json.loads(native_text)
    request = json.loads(case["input"])
    options = dict(scores=request.get("scores"), as_of=request.get("as_of"))
    ways = [
        ("rows", lambda ev: ev.evaluate(request.get("attendance"), trace=request.get("trace"), **options)),
        ("columns", lambda ev: ev.evaluate(columns(request.get("attendance") or []), trace=request.get("trace"), **options)),
        ("summarize", lambda ev: {"summary": ev.summarize(request.get("attendance"), **options)}),
    ]
    for name, run in ways:
        try:
            got = run(tamat.Evaluator(request["course"], request.get("policy")))
        except tamat.TamatError as e:
            if native["type"] != "failure":
                problems.append(f"{name}: refused with {e.code}, native evaluated")
            elif e.code != native["errors"][0]["code"]:
                problems.append(f"{name}: {e.code}, native {native['errors'][0]['code']}")
            continue
        if native["type"] != "success":
            problems.append(f"{name}: evaluated, native refused with {native['errors'][0]['code']}")
            continue
        for key, value in got.items():
            if value != native.get(key):
                problems.append(f"{name}: `{key}` differs")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases")
    parser.add_argument("--disagreements", default="target/differential")
    args = parser.parse_args()
    total = agreed = 0
    for line in open(args.cases, encoding="utf-8"):
        case = json.loads(line)
        total += 1
        problems = check(case)
        if not problems:
            agreed += 1
            continue
        os.makedirs(args.disagreements, exist_ok=True)
        name = f"diff-python-{case['seed']}-{case['index']}"
        vector = {"description": "Found by differential testing (Python): " + "; ".join(problems),
                  "operation": "evaluate", "input": json.loads(case["input"]), "expect": json.loads(case["output"])}
        with open(os.path.join(args.disagreements, name + ".json"), "w", encoding="utf-8") as fh:
            json.dump(vector, fh, indent=2, ensure_ascii=False)
        print(f"{name}: {'; '.join(problems)}", file=sys.stderr)
    print(f"python: {agreed} of {total} cases agree with native")
    sys.exit(0 if agreed == total else 1)


if __name__ == "__main__":
    main()
