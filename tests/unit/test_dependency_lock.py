"""The locks agree with pyproject.toml: every declared dependency is pinned, within its bounds.

``requirements.lock`` is what the Docker image installs (the server and its tracing extra);
``requirements-dev.lock`` is what ``make setup`` and CI install (the same pins plus the dev tools).
After a change to pyproject.toml's dependencies, ``make lock`` brings both up to date.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _pins(lock: str) -> dict[str, str]:
    """``{name: version}`` of a pip-compile lock, checking that every pin carries a hash."""
    text = (ROOT / lock).read_text()
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match is None:
            continue
        name = canonicalize_name(match.group(1))
        assert "--hash=sha256:" in block, f"{lock}: {name} has no hash"
        pins[name] = match.group(2)
    assert pins, f"{lock} pins nothing"
    return pins


def _declared(*groups: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for group in groups:
        wanted += project["optional-dependencies"][group]
    requirements = [Requirement(line) for line in wanted]
    return [r for r in requirements if r.marker is None or r.marker.evaluate()]


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", ("otel",)), ("requirements-dev.lock", ("otel", "dev"))],
)
def test_every_declared_dependency_is_pinned_within_its_bounds(
    lock: str, groups: tuple[str, ...]
) -> None:
    pins = _pins(lock)
    wrong = []
    for requirement in _declared(*groups):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            wrong.append(f"{requirement.name} is not in {lock}")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            wrong.append(f"{requirement.name}=={pinned} is outside {requirement.specifier}")
    assert not wrong, f"{'; '.join(wrong)}: run `make lock`"


def test_the_dev_lock_keeps_the_server_locks_versions() -> None:
    server, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    moved = {name: (v, dev.get(name)) for name, v in server.items() if dev.get(name) != v}
    assert not moved, f"requirements-dev.lock differs from requirements.lock: {moved}"


def test_zero_major_dependencies_have_an_upper_bound() -> None:
    """A 0.x library may break its API in any minor release: it is bounded below the next one."""
    pins = _pins("requirements-dev.lock")
    unbounded = [
        f"{r} (locked at {pins[canonicalize_name(r.name)]})"
        for r in _declared("otel", "dev")
        if pins[canonicalize_name(r.name)].startswith("0.")
        and not any(s.operator in {"<", "<=", "==", "~="} for s in r.specifier)
    ]
    assert not unbounded, f"0.x dependencies without an upper bound: {unbounded}"
