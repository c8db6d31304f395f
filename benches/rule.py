"""The course's attendance rule as JsonLogic (https://jsonlogic.com), for the json-logic
peers in Python and JavaScript: present (hadir or terlambat) in at least 90 % of the
sessions is lulus, in some is telah_mengikuti, in none no_document.

    python benches/rule.py 40 > target/bench/rule.json
"""
import json
import sys


def attendance_rule(sessions):
    present = {"+": [{"if": [{"in": [{"var": f"s{j:02d}"}, ["hadir", "terlambat"]]}, 1, 0]} for j in range(sessions)]}
    return {"if": [
        {">=": [{"*": [present, 100]}, 90 * sessions]}, "lulus",
        {">": [present, 0]}, "telah_mengikuti",
        "no_document",
    ]}


if __name__ == "__main__":
    print(json.dumps(attendance_rule(int(sys.argv[1]) if len(sys.argv) > 1 else 40)))
