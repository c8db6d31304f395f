#!/usr/bin/env python3
"""Differential testing, the command's side: every case `core/examples/differential`
wrote (input text and native answer) is run through the `tamat` binary twice, as
`tamat evaluate FILE --format json` and as `tamat call evaluate FILE`; both must print
the native answer byte for byte, with exit code 0 for a success and 3 for a failure.

Every disagreement is written as a ready conformance vector into --disagreements and
the run exits 1.

    python tests/differential/command.py cases.jsonl --tamat target/release/tamat
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def check(tamat, case, folder):
    problems = []
    path = os.path.join(folder, "request.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(case["input"])
    native = case["output"]
    code = 0 if native.startswith('{"type":"success"') else 3
    for args in ([tamat, "evaluate", path, "--format", "json"], [tamat, "call", "evaluate", path]):
        r = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "TAMAT_LANG": "id"})
        if r.stdout.rstrip("\n") != native:
            problems.append(f"`{' '.join(args[1:2])}` prints other bytes than native")
        if r.returncode != code:
            problems.append(f"`{' '.join(args[1:2])}` exits {r.returncode}, not {code}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cases")
    ap.add_argument("--tamat", default="target/release/tamat")
    ap.add_argument("--disagreements", default="target/differential")
    a = ap.parse_args()
    bad = total = 0
    with tempfile.TemporaryDirectory() as folder:
        for line in open(a.cases, encoding="utf-8"):
            case = json.loads(line)
            total += 1
            problems = check(a.tamat, case, folder)
            if problems:
                bad += 1
                os.makedirs(a.disagreements, exist_ok=True)
                name = f"command-{case.get('seed', 'x')}-{total}"
                with open(os.path.join(a.disagreements, name + ".json"), "w", encoding="utf-8") as out:
                    json.dump({"description": "; ".join(problems), "operation": "evaluate",
                               "input_text": case["input"], "expect": json.loads(case["output"])}, out, indent=2)
    print(f"command: {total} cases, {bad} disagreements")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
