"""Reads the parts' results (target/bench/*.json), prints the table of ratios with their
goals, and writes target/bench/results.json and target/bench/chart.svg.

    python benches/report.py target/bench
"""
import json
import os
import sys
from xml.sax.saxutils import escape


def load(folder, name):
    path = os.path.join(folder, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None


def rows(folder):
    """(what, ratio, goal or None, note): ratio > 1 means tamat is faster."""
    out = []
    native = load(folder, "native")
    if native:
        s = native["seconds"]
        n = f"{native['participants']:,} x {native['sessions']}"
        # "within 3x of the raw scan": ratio = raw / tamat, goal 1/3
        out.append((f"native summarize vs raw byte scan ({n})", s["raw_scan"] / s["summarize"], 1 / 3, "within 3x"))
        out.append((f"native evaluate (decisions) vs raw byte scan ({n})", s["raw_scan"] / s["evaluate"], None, "decisions with reasons"))
    py = load(folder, "python")
    if py:
        n = f"{py['participants']:,} x {py['sessions']}"
        out.append((f"Python tamat vs plain Python ({n})", py["speedup_vs_plain_python"], 50, ">= 50x"))
        out.append((f"Python tamat vs json-logic ({n})", py["speedup_vs_json_logic"], None, ""))
        out.append(("Python per-call overhead (2 us / measured)", 2 / py["overhead_us"], 1, f"{py['overhead_us']:.2f} us"))
    pd = load(folder, "pandas")
    if pd:
        n = f"{pd['participants']:,} x {pd['sessions']}"
        r = pd["ratio"]
        goals = {
            "pandas_categorical": (5, ">= 5x"), "pyarrow_dictionary": (5, ">= 5x"), "polars_categorical": (None, ""),
            "pandas_strings": (1, ">= 1x"), "pyarrow_strings": (None, ""),
        }
        for name, (goal, note) in goals.items():
            key = f"{name}_vs_pandas_rule"
            if key in r:
                out.append((f"Python from {name.replace('_', ' ')} vs the pandas rule ({n})", r[key], goal, note))
        out.append((f"Python from row dicts vs the plain-Python loop ({n})", r["rows_vs_plain_python"], 1, ">= 1x"))
    js = load(folder, "js")
    if js:
        n = f"{js['participants']:,} x {js['sessions']}"
        js_s = js["seconds"]
        # Each JavaScript comparison twice: decisions as objects (`evaluate`, one JSON text
        # parsed whole) and as columns (`decisionColumns`, the fast path the issue asks for).
        ways = [("decisions as objects", js_s["tamat"])]
        if "tamat_columns" in js_s:
            ways.append(("decisions as columns", js_s["tamat_columns"]))
        for way, seconds in ways:
            if native and native["text"]["participants"] == js["participants"]:
                out.append((f"WebAssembly in Node vs native, from row objects, {way} ({n})", native["text"]["seconds"] / seconds, 0.5, ">= 0.5x native"))
            out.append((f"WebAssembly vs json-logic-js, from row objects, {way} ({n})", js_s["json_logic"] / seconds, 10, ">= 10x"))
            out.append((f"WebAssembly vs plain JavaScript, from row objects, {way} ({n})", js_s["plain_js"] / seconds, 1, ">= 1x"))
        if "csv_speedup_vs_papaparse" in js:
            out.append((f"WebAssembly from a CSV file's bytes vs PapaParse + a loop ({n})", js["csv_speedup_vs_papaparse"], 3, ">= 3x"))
    if native and py and native["text"]["participants"] == py["participants"]:
        out.append((f"Python vs native, from text ({py['participants']:,} x {py['sessions']})", native["text"]["seconds"] / py["seconds"]["tamat"], None, ""))
    cert = load(folder, "certificates")
    if cert:
        p = cert["per_second"]
        out.append(("Rust signed certificates vs raw Ed25519 signing", p["tamat_sign_certificates"] / p["raw_ed25519_sign"], 0.7, ">= 70 %"))
        out.append(("Rust verify vs raw Ed25519 verifying", p["tamat_verify"] / p["raw_ed25519_verify"], 0.7, ">= 0.7x"))
        if "tamat_verify_proof_set" in p:
            out.append(("Rust verify, rdfc + jcs proof set, vs raw Ed25519 verifying", p["tamat_verify_proof_set"] / p["raw_ed25519_verify"], None, "JSON-LD reading dominates"))
    pc = load(folder, "certificates_python")
    if pc:
        out.append(("Python tamat.issue vs raw cryptography signing", pc["tamat_issue_vs_raw_sign"], None, "builds + signs + converts"))
        out.append(("Python tamat.issue vs plain Python eddsa-jcs-2022", pc["tamat_issue_vs_plain_python"], None, ""))
        out.append(("Python tamat.verify vs plain Python eddsa-jcs-2022", pc["tamat_verify_vs_plain_python"], None, ""))
        if "tamat_verify_both_vs_plain_python_pyld" in pc:
            out.append(("Python tamat.verify (rdfc + jcs) vs plain Python with PyLD", pc["tamat_verify_both_vs_plain_python_pyld"], None, ""))
    return out


def chart(table, path):
    """A horizontal bar chart of the ratios (log scale), with each goal marked."""
    import math

    width, left, bar, gap = 980, 470, 18, 8
    height = 60 + len(table) * (bar + gap)
    lo, hi = math.log10(0.01), math.log10(1000)
    x = lambda r: left + (math.log10(min(max(r, 0.01), 1000)) - lo) / (hi - lo) * (width - left - 20)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             '<text x="10" y="20" font-size="14" font-weight="bold">tamat against what users would otherwise use (ratio, log scale; &gt; 1: tamat faster)</text>']
    for tick in (0.01, 0.1, 1, 10, 100, 1000):
        parts.append(f'<line x1="{x(tick):.1f}" y1="32" x2="{x(tick):.1f}" y2="{height - 10}" stroke="#ddd"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{height - 0}" text-anchor="middle" fill="#666">{tick:g}</text>')
    for i, (what, ratio, goal, note) in enumerate(table):
        y = 40 + i * (bar + gap)
        met = goal is None or ratio >= goal
        colour = "#3b7d3b" if goal is not None and met else ("#b03a2e" if goal is not None else "#5b7fa6")
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{escape(what)}</text>')
        parts.append(f'<rect x="{x(0.01):.1f}" y="{y}" width="{x(ratio) - x(0.01):.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(f'<text x="{x(ratio) + 4:.1f}" y="{y + 13}">{ratio:.3g}</text>')
        if goal is not None:
            parts.append(f'<line x1="{x(goal):.1f}" y1="{y - 2}" x2="{x(goal):.1f}" y2="{y + bar + 2}" stroke="black" stroke-width="2"/>')
    parts.append("</svg>")
    with open(path, "w") as fh:
        fh.write("\n".join(parts))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
    table = rows(folder)
    print(f"{'':<62} {'ratio':>9} {'goal':>9}  ")
    for what, ratio, goal, note in table:
        verdict = "" if goal is None else ("met" if ratio >= goal else "NOT met")
        print(f"{what:<62} {ratio:>9.3g} {note:>14}  {verdict}")
    results = {"rows": [{"what": w, "ratio": r, "goal": g, "note": n, "met": None if g is None else r >= g} for w, r, g, n in table]}
    for name in ("native", "python", "js", "certificates", "certificates_python"):
        part = load(folder, name)
        if part is not None:
            results[name] = part
    with open(os.path.join(folder, "results.json"), "w") as fh:
        json.dump(results, fh, indent=2)
    chart(table, os.path.join(folder, "chart.svg"))
    print(f"\nwritten: {folder}/results.json, {folder}/chart.svg")
    if not table:
        sys.exit("no results found")


if __name__ == "__main__":
    main()
