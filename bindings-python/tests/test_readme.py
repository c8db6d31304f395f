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


def test_readme_python_examples_pass_mypy_strict(tmp_path) -> None:
    """The README's Python, as one module, under `mypy --strict` with the package's types
    (the generated `tamat.contract` among them)."""
    import subprocess
    import sys

    import pytest

    pytest.importorskip("mypy")
    module = tmp_path / "readme_examples.py"
    module.write_text("\n".join(python_blocks()), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(module)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
