"""The per-article work on a real Dask cluster (issue 11, item 6): a `dask scheduler` and two
`dask worker` processes on 127.0.0.1 run the parse, the time expressions, the quotes and the
claims; every table equals the local run's, byte for byte, a bad article included."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import paths, settings, stages
from helpers.stages import executor

from test_executor import csv_tables, run_stages, write_corpus

DASK = Path(sys.executable).with_name("dask")

pytestmark = pytest.mark.slow  # about 100 s: a cluster starts, and the corpus is parsed twice


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a Dask scheduler with two one-thread workers, torn down afterwards."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                           "--no-dashboard"], cwd=paths.ROOT,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 120
        while True:
            try:
                executor.dask_client(address).wait_for_workers(2, timeout=10)
                break
            except Exception:  # noqa: BLE001  (the scheduler is still starting)
                executor._CLIENTS.pop(address, None)
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        yield address
    finally:
        client = executor._CLIENTS.pop(address, None)
        if client is not None:
            client.close()
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_the_cluster_gives_the_tables_of_the_local_run(scheduler: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n_generated=5)
    local = settings.Settings(corpus=corpus, out=tmp_path / "local", spacy_model=settings.DEFAULT_SPACY_MODEL,
                              processes=1)
    remote = settings.Settings(corpus=corpus, out=tmp_path / "dask", spacy_model=settings.DEFAULT_SPACY_MODEL,
                               processes=2, dask_scheduler=scheduler)
    bad = run_stages(local, "gen_03")
    assert run_stages(remote, "gen_03") == bad
    a, b = csv_tables(local), csv_tables(remote)
    assert "timexes.csv" in a and "quotes.csv" in a and "claims.csv" in a
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    problems = stages.stage_problems(remote)
    assert set(problems["doc_id"]) == {bad}
    assert set(problems["stage"]) == {"timeline", "sources"}
    # The parse ran on the workers, and its annotations were written to the local cache.
    assert any((remote.cache).glob(f"{settings.DEFAULT_SPACY_MODEL}-*/*/*.json"))


def test_the_workers_did_the_work(scheduler: str) -> None:
    client = executor.dask_client(scheduler)
    pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 2
    loaded = client.run(lambda: "helpers.annotation.pipeline" in sys.modules)
    assert any(loaded.values()), "the stages' tasks ran on the workers (they imported helpers)"
