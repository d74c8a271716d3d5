"""What machine and which code a benchmark measured (shared by the bench scripts)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine(model: str, watched: Sequence[str] = ("helpers",)) -> dict[str, object]:
    """Cores, memory, CPU, Python, spaCy and pipeline versions, the commit, and whether the
    watched paths had uncommitted changes (so a figure can be tied to the code it measured)."""
    info: dict[str, object] = {"cores": os.cpu_count(), "platform": platform.platform(),
                               "python": platform.python_version()}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                info["mem_total_kib"] = kib
                info["mem_total_gib"] = round(kib / 1024**2, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        info["loadavg_at_start"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    try:
        import spacy

        from helpers.annotation.pipeline import check_pipeline

        info["spacy"] = spacy.__version__
        info["pipeline"] = f"{model} {check_pipeline(model).version}"
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        info["spacy"] = f"unavailable: {exc}"
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *watched], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        helpers_hash = hashlib.sha256(b"".join(
            p.read_bytes() for p in sorted((ROOT / "helpers").glob("*.py")))).hexdigest()[:12]
        info["git"] = f"{rev} helpers sha256:{helpers_hash}" + (
            f" ({', '.join(watched)} had uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        info["git"] = "unknown"
    info["date"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    return info
