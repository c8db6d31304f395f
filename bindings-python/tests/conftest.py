"""Shared fixtures: the repository's conformance vectors, and what the Rust core answers
to each (the exact input text and output bytes), so that Python is held to the same
bytes as Rust."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def load_vectors() -> List[Dict[str, Any]]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text(encoding="utf-8"))
        vector["name"] = path.stem
        out.append(vector)
    return out


@pytest.fixture(scope="session")
def rust_outputs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Dict[str, str]]:
    """`{name: {"input", "output"}}` as the Rust core computed them. Made by
    `cargo run -p tamat --example vector_outputs` unless TAMAT_VECTOR_OUTPUTS names a
    file already made (the test command does this once for Python and Node)."""
    given = os.environ.get("TAMAT_VECTOR_OUTPUTS")
    if given:
        path = Path(given)
    else:
        path = tmp_path_factory.mktemp("rust") / "outputs.json"
        subprocess.run(
            ["cargo", "run", "-q", "-p", "tamat", "--example", "vector_outputs", "--", str(path)],
            cwd=ROOT,
            check=True,
        )
    return {e["name"]: e for e in json.loads(path.read_text(encoding="utf-8"))}


def matches(expected: Any, actual: Any, path: str, problems: List[str]) -> None:
    """The vectors' pattern rule (tests/vectors/README.md): expected keys present and
    matching, arrays element by element with equal length, numbers by value, booleans
    and null exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            problems.append(f"{path}: expected an object, got {actual!r}")
            return
        for k, v in expected.items():
            if k not in actual:
                problems.append(f"{path}.{k}: missing (expected {v!r})")
            else:
                matches(v, actual[k], f"{path}.{k}", problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            problems.append(f"{path}: expected {len(expected)} elements, got {actual!r}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            matches(e, a, f"{path}[{i}]", problems)
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if type(actual) is not type(expected) or actual != expected:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    elif isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)) or float(actual) != float(expected):
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    else:
        problems.append(f"{path}: unexpected pattern {expected!r}")
