#!/usr/bin/env python3
"""Writes the seed corpus (fuzz/seeds/<target>/) from the conformance vectors and the
East Kalimantan data. Run from anywhere; the seeds are committed, so this is only needed
when the vectors change."""
import glob
import hashlib
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OPERATIONS = ["evaluate", "evaluate_participant", "project", "check_course", "ledger", "issue",
              "reissue", "change_status", "status_list", "verify", "sign_credential",
              "public_key", "format_number", "render", "canonicalize", "read_attendance_csv"]


def text(vector):
    return vector.get("input_text") or json.dumps(vector["input"], separators=(",", ":"), ensure_ascii=False)


def main():
    seeds = {t: [] for t in ["course", "attendance", "policy", "evaluate", "verify", "status_list", "csv", "call"]}
    kaltim = os.path.join(ROOT, "core", "data", "kaltim")
    seeds["course"].append(open(os.path.join(kaltim, "course.json"), "rb").read())
    seeds["attendance"].append(open(os.path.join(kaltim, "attendance.json"), "rb").read())
    for name in ("attendance-long.csv", "attendance-wide.csv"):
        seeds["csv"].append(open(os.path.join(kaltim, name), "rb").read())
    per_op = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "*.json"))):
        v = json.load(open(path, encoding="utf-8"))
        if "input" not in v and "input_text" not in v:
            continue
        op = v.get("operation", "evaluate")
        t = text(v)
        inp = v.get("input")
        if op == "check_course":
            seeds["course"].append(t.encode())
        if op == "evaluate" and isinstance(inp, dict):
            if len(seeds["evaluate"]) < 24:
                seeds["evaluate"].append(t.encode())
            if isinstance(inp.get("attendance"), list) and len(seeds["attendance"]) < 8:
                seeds["attendance"].append(json.dumps(inp["attendance"]).encode())
            if "policy" in inp and len(seeds["policy"]) < 16:
                seeds["policy"].append(json.dumps(inp["policy"]).encode())
        if op == "verify":
            seeds["verify"].append(t.encode())
            if isinstance(inp, dict) and "status_lists" in inp:
                seeds["status_list"].append(json.dumps(inp["status_lists"], separators=(",", ":")).encode())
        if op == "read_attendance_csv" and isinstance(inp, dict):
            seeds["csv"].append(inp["csv"].encode())
        if per_op.get(op, 0) < 3:
            per_op[op] = per_op.get(op, 0) + 1
            seeds["call"].append(bytes([OPERATIONS.index(op)]) + t.encode())
    for target, items in seeds.items():
        folder = os.path.join(HERE, "seeds", target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for item in items:
            name = hashlib.sha1(item).hexdigest()
            open(os.path.join(folder, name), "wb").write(item)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()
