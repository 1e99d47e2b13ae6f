"""Fails when requirements.lock or requirements-dev.lock do not match pyproject.toml.

`make lint` (so `make test` and CI) runs it after installing the development lock. It works
offline, from pyproject.toml, the two locks and the installed packages' metadata:

- every line of both locks is pinned (`==`) and carries at least one `--hash`;
- every dependency in pyproject.toml is pinned, and locked at that version: the production
  dependencies in both locks, the `dev` extra's in requirements-dev.lock;
- each lock holds exactly what its set needs on this machine: the dependencies and what they
  require, as the installed packages' metadata says, at the locked versions. A package that
  nothing needs fails (a dependency removed without re-locking; pytest in production), and so
  does one that is needed but not locked (added without re-locking). Lines whose environment
  marker is false here are for other platforms and are left alone.

The fix for any failure is `make lock` (docs/decisions.md, Project 6).
"""

import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DEV_EXTRA = "dev"


@dataclass(frozen=True)
class Locked:
    version: str
    marker: Marker | None
    hashes: int

    def applies(self) -> bool:
        return self.marker is None or self.marker.evaluate()


def parse_lock(text: str, name: str) -> tuple[dict[NormalizedName, Locked], list[str]]:
    """The lock's packages by normalised name, and what is wrong with its lines."""
    entries: dict[NormalizedName, Locked] = {}
    errors: list[str] = []
    logical = ""
    lines = [*text.splitlines(), ""]
    for raw in lines:
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            logical += line[:-1] + " "
            continue
        logical = (logical + line).strip()
        if not logical:
            continue
        spec, *hashes = logical.split(" --hash=")
        logical = ""
        try:
            requirement = Requirement(spec)
        except InvalidRequirement as error:
            errors.append(f"{name}: cannot read {spec!r}: {error}")
            continue
        pins = [s for s in requirement.specifier if s.operator == "=="]
        if len(pins) != 1 or len(requirement.specifier) != 1:
            errors.append(f"{name}: {spec!r} is not pinned with ==")
            continue
        if not hashes:
            errors.append(f"{name}: {requirement.name} has no --hash")
        entries[canonicalize_name(requirement.name)] = Locked(
            pins[0].version, requirement.marker, len(hashes)
        )
    return entries, errors


def pinned(requirements: list[str], source: str) -> tuple[list[Requirement], list[str]]:
    parsed = [Requirement(text) for text in requirements]
    errors = [
        f"{source}: {r} is not pinned with =="
        for r in parsed
        if len(r.specifier) != 1 or next(iter(r.specifier)).operator != "=="
    ]
    return parsed, errors


def _applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def needed(roots: list[Requirement]) -> tuple[dict[NormalizedName, str], list[str]]:
    """What the roots need on this machine, by the installed metadata: name → installed version."""
    found: dict[NormalizedName, str] = {}
    extras_seen: dict[NormalizedName, set[str]] = {}
    errors: list[str] = []
    queue = [(r, set(r.extras)) for r in roots if _applies(r, set())]
    while queue:
        requirement, extras = queue.pop()
        name = canonicalize_name(requirement.name)
        if name in found and extras <= extras_seen[name]:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            errors.append(f"{name} is needed but not installed (not locked?)")
            continue
        found[name] = dist.version
        extras_seen[name] = extras_seen.get(name, set()) | extras
        for text in dist.requires or []:
            child = Requirement(text)
            if _applies(child, extras):
                queue.append((child, set(child.extras)))
    return found, errors


def check_lock(
    name: str, lock: dict[NormalizedName, Locked], roots: list[Requirement]
) -> list[str]:
    errors = []
    for root in roots:
        key = canonicalize_name(root.name)
        version = next(iter(root.specifier)).version
        if key not in lock:
            errors.append(f"{name}: pyproject.toml's {root.name} is not locked")
        elif lock[key].version != version:
            errors.append(
                f"{name}: {root.name} is {lock[key].version}, pyproject.toml says {version}"
            )
    wanted, missing = needed(roots)
    errors += [f"{name}: {error}" for error in missing]
    for package, version in sorted(wanted.items()):
        if package not in lock:
            errors.append(f"{name}: {package} is needed but not locked")
        elif lock[package].version != version:
            errors.append(
                f"{name}: {package} is locked at {lock[package].version} but {version} is "
                "installed (run make install-dev after make lock)"
            )
    for package, locked in sorted(lock.items()):
        if package not in wanted and locked.applies():
            errors.append(f"{name}: {package} is locked but nothing in its set needs it")
    return errors


def check(root: Path = ROOT) -> list[str]:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    production, errors = pinned(project["dependencies"], "pyproject.toml")
    development, dev_errors = pinned(
        project["optional-dependencies"][DEV_EXTRA], f"pyproject.toml [{DEV_EXTRA}]"
    )
    errors += dev_errors
    if errors:
        return errors
    prod_lock, prod_errors = parse_lock(
        (root / "requirements.lock").read_text(), "requirements.lock"
    )
    dev_lock, dev_errors = parse_lock(
        (root / "requirements-dev.lock").read_text(), "requirements-dev.lock"
    )
    errors += prod_errors + dev_errors
    errors += check_lock("requirements.lock", prod_lock, production)
    errors += check_lock("requirements-dev.lock", dev_lock, production + development)
    return errors


def main() -> int:
    errors = check()
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print("The locks do not match pyproject.toml: run `make lock`.", file=sys.stderr)
        return 1
    print("requirements.lock and requirements-dev.lock match pyproject.toml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
