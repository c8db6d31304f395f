"""Every conformance vector through the Python package: the JSON functions must give the
same bytes as Rust for the same input text, and match the vector's expectation; the
object API (`tamat.call`) must give the same documents."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

import tamat
from conftest import load_vectors, matches

VECTORS = load_vectors()
JSON_FUNCTIONS = {op: getattr(tamat, f"{op}_json") for op in tamat.OPERATIONS}


def test_there_are_vectors_for_every_operation() -> None:
    assert len(VECTORS) >= 200
    assert {v["operation"] for v in VECTORS} <= set(tamat.OPERATIONS)
    assert set(JSON_FUNCTIONS) == set(tamat.OPERATIONS)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector: Dict[str, Any], rust_outputs: Dict[str, Dict[str, str]]) -> None:
    rust = rust_outputs[vector["name"]]
    output = JSON_FUNCTIONS[vector["operation"]](rust["input"])
    assert output == rust["output"], "Python and Rust answer the same input differently"
    problems: list = []
    matches(vector["expect"], json.loads(output), "", problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if "input" in v], ids=[v["name"] for v in VECTORS if "input" in v]
)
def test_vector_through_objects(vector: Dict[str, Any]) -> None:
    """The same request as Python data through `tamat.call`: success documents equal,
    failures raised as TamatError with the same codes in the same order."""
    expected = json.loads(JSON_FUNCTIONS[vector["operation"]](json.dumps(vector["input"])))
    if expected["type"] == "success":
        result = tamat.call(vector["operation"], vector["input"])
        expected.pop("type")
        assert result == expected
    else:
        with pytest.raises(tamat.TamatError) as caught:
            tamat.call(vector["operation"], vector["input"])
        assert [e["code"] for e in caught.value.errors] == [e["code"] for e in expected["errors"]]
        assert caught.value.code == expected["errors"][0]["code"]
        area = caught.value.code.split(".")[0]
        assert type(caught.value).__name__.lower().startswith(area.replace("_", ""))


EVALUATE = [v for v in VECTORS if v["operation"] in ("evaluate", "evaluate_participant") and "input" in v]


@pytest.mark.parametrize("vector", EVALUATE, ids=[v["name"] for v in EVALUATE])
def test_evaluate_vector_through_evaluator(vector: Dict[str, Any]) -> None:
    """The batch path (`Evaluator`, marks read straight from Python lists) decides as the
    JSON contract does, and refuses what it refuses with the same codes."""
    request = vector["input"]
    expected = json.loads(JSON_FUNCTIONS[vector["operation"]](json.dumps(request)))
    unknown = set(request) - {"course", "attendance", "scores", "policy", "as_of", "participant", "trace"}

    def run() -> Any:
        evaluator = tamat.Evaluator(request["course"], request.get("policy"))
        options = dict(scores=request.get("scores"), as_of=request.get("as_of"))
        if vector["operation"] == "evaluate_participant" or "participant" in request:
            decision = evaluator.evaluate_participant(
                request.get("participant"), request.get("attendance"), trace=request.get("trace"), **options
            )
            return {"decision": decision}
        return evaluator.evaluate(request.get("attendance"), trace=request.get("trace"), **options)

    if expected["type"] == "success" and not unknown:
        result = run()
        expected.pop("type")
        for key, value in result.items():
            assert value == expected[key], key
    else:
        with pytest.raises((tamat.TamatError, TypeError, KeyError)) as caught:
            run()
        if isinstance(caught.value, tamat.TamatError) and not unknown:
            assert caught.value.code == expected["errors"][0]["code"]
