"""The Python batch API inside Dask: a partitioned synthetic national cohort evaluated on
a LocalCluster (two worker processes), the yearly JP ledger aggregated across partitions,
and the same ledger as a single process computes with tamat.ledger."""
from __future__ import annotations

import importlib.util
import os
import pathlib
import sys

import pytest

if os.environ.get("TAMAT_REQUIRE_DASK"):  # the test command: never skipped there
    import dask  # noqa: F401
    import distributed  # noqa: F401
else:
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")

EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "examples" / "national_ledger.py"


def load_example():
    spec = importlib.util.spec_from_file_location("national_ledger", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["national_ledger"] = module
    spec.loader.exec_module(module)
    return module


def test_nips_are_valid_and_unique() -> None:
    example = load_example()
    import tamat

    nips = [example.nip(k) for k in range(0, 4_300_000, 997)]
    assert len(set(nips)) == len(nips)
    course = {"id": "c", "title": "C", "time_zone": "Asia/Jakarta", "sessions": [],
              "participants": [{"id": f"e{i}", "name": "x", "nip": n} for i, n in enumerate(nips[:2000])]}
    tamat.check_course(course)  # every NIP passes the core's check
    with pytest.raises(tamat.IdentityError):
        tamat.check_course(dict(course, participants=[{"id": "e", "name": "x", "nip": nips[0][:-1] + "x"}]))


def test_distributed_ledger_equals_single_process() -> None:
    example = load_example()
    from dask.distributed import Client, LocalCluster

    seed, partitions, employees, courses = 7, 4, 1500, 12
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        client.upload_file(str(EXAMPLE))  # the workers import the example as a module, as on a real cluster
        ledger = example.distributed(client, seed, partitions, employees, courses)
        # the work ran on the workers, not here
        assert len(client.scheduler_info()["workers"]) == 2
    single = example.single_process(seed, partitions, employees, courses)
    assert len(ledger) > 500
    assert ledger.equals(single)
    # aggregation across partitions happened: some NIPs have courses from several
    assert (ledger["courses"] > 1).any()
    assert ledger["met"].any() and (~ledger["met"]).any()
    assert ledger["met"].equals(ledger["jp"] >= example.OBLIGATION_JP)
