"""The conda environment.yml and the pip lock must list the same packages at the same versions."""

from __future__ import annotations

import re

import yaml

from helpers import paths


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def direct_requirements() -> list[str]:
    lines = (paths.ROOT / "requirements.in").read_text().splitlines()
    return [_norm(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]


def env_pins() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pins: dict[str, str] = {}
    for dep in env["dependencies"]:
        specs = dep["pip"] if isinstance(dep, dict) else [dep]
        for spec in specs:
            m = re.match(r"^([A-Za-z0-9_.-]+)\s*==?\s*([^\s#]+)$", spec.split("#")[0].strip())
            if m:
                pins[_norm(m.group(1))] = m.group(2)
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_direct_requirement_is_pinned_in_the_lock() -> None:
    pins = lock_pins()
    missing = [r for r in direct_requirements() if r not in pins]
    assert not missing, f"requirements.in names packages absent from requirements.lock: {missing}"


def test_environment_yml_lists_every_direct_requirement_at_the_lock_version() -> None:
    lock, env = lock_pins(), env_pins()
    missing = [r for r in direct_requirements() if r not in env]
    assert not missing, f"environment.yml lacks: {missing}"
    drift = {name: (version, lock.get(name)) for name, version in env.items()
             if name != "python" and lock.get(name) != version}
    assert not drift, f"environment.yml and requirements.lock disagree (env, lock): {drift}"


def test_environment_yml_pins_python_311() -> None:
    assert env_pins().get("python") == "3.11"


def test_lock_pins_every_package_with_hashes() -> None:
    text = (paths.ROOT / "requirements.lock").read_text()
    packages = re.findall(r"^[A-Za-z0-9_.-]+==\S+", text, flags=re.MULTILINE)
    assert len(packages) > 50
    assert text.count("--hash=sha256:") >= len(packages)
