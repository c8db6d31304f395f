"""The README's Python examples, run as written, in order, in one namespace."""

from __future__ import annotations

import re

from conftest import ROOT


def python_blocks() -> list:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_has_python_examples() -> None:
    assert len(python_blocks()) >= 5


def test_readme_python_examples_run(capsys) -> None:
    namespace: dict = {}
    for i, block in enumerate(python_blocks()):
        try:
            exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)
        except Exception as e:  # pragma: no cover - the message is the point
            raise AssertionError(f"README python block {i + 1} failed: {e!r}\n{block}") from e
