"""`make lab`: what it runs, read with `make -n` (nothing is started)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from helpers import paths

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def lab_command(*args: str) -> str:
    proc = subprocess.run(["make", "-n", "lab", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return " ".join(line.strip().rstrip("\\") for line in proc.stdout.splitlines() if "jupyter" in line or "--" in line)


def test_lab_opens_the_first_notebook_on_localhost_by_default() -> None:
    cmd = lab_command()
    assert "jupyter lab --notebook-dir=notebooks" in cmd
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port=8888" in cmd
    assert "--LabApp.default_url=/lab/tree/01-load-corpus.ipynb" in cmd
    assert "--no-browser" not in cmd


def test_lab_takes_port_ip_and_no_browser() -> None:
    cmd = lab_command("PORT=8890", "IP=0.0.0.0", "NO_BROWSER=1")
    assert "--ServerApp.port=8890" in cmd and "--ServerApp.ip=0.0.0.0" in cmd and "--no-browser" in cmd


def test_lab_allows_root_only_for_root() -> None:
    assert ("--allow-root" in lab_command()) == (os.geteuid() == 0)


def test_lab_trusts_only_checked_notebooks_and_checks_nothing_online() -> None:
    cmd = lab_command()
    assert "helpers.display.lab --trust notebooks/" in cmd  # checked, then trusted: panels work on open
    assert "--LabApp.news_url=None" in cmd and "NeverCheckForUpdate" in cmd
