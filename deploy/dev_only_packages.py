"""Print the packages requirements.lock pins that the bot does not need at run time.

The lock pins the development tools too (pytest, mypy, ruff and what they pull in). The
Dockerfile installs the lock whole, hash-checked, then uninstalls what this prints, one name a
line. Run time is what `[project].dependencies` in pyproject.toml names, followed through the
requirements of the packages installed in this environment (extras and markers evaluated here),
so a package that anything at run time needs is never printed. Run it with the environment's
own Python: `python deploy/dev_only_packages.py pyproject.toml requirements.lock`.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

from packaging.requirements import Requirement


def normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them (`Lxml_HTML.clean` → `lxml-html-clean`)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_names(lock: str) -> list[str]:
    """The distributions a pip-compile style lock pins (`name==version \\`), in its order."""
    return [normalised(m.group(1)) for m in re.finditer(r"(?m)^([A-Za-z0-9][^=\s]*)==", lock)]


def runtime_closure(roots: list[str]) -> set[str]:
    """The distributions the requirement strings roots need, their own requirements followed."""
    wanted: dict[str, set[str]] = {}
    pending = [Requirement(spec) for spec in roots]
    while pending:
        requirement = pending.pop()
        name, extras = normalised(requirement.name), set(requirement.extras)
        if name in wanted and extras <= wanted[name]:
            continue
        wanted.setdefault(name, set()).update(extras)
        pending.extend(_needs(name, wanted[name]))
    return set(wanted)


def _needs(name: str, extras: set[str]) -> list[Requirement]:
    """The installed distribution's requirements that apply here with the extras asked for."""
    try:
        specs = requires(name) or []
    except PackageNotFoundError:
        return []
    found = [Requirement(spec) for spec in specs]
    return [r for r in found if r.marker is None or _applies(r, extras)]


def _applies(requirement: Requirement, extras: set[str]) -> bool:
    """Whether a requirement's marker holds in this environment for any extra asked for."""
    marker = requirement.marker
    return marker is not None and any(marker.evaluate({"extra": e}) for e in extras | {""})


def dev_only(pyproject: str, lock: str) -> list[str]:
    """The locked distributions that nothing in `[project].dependencies` needs, sorted."""
    roots = tomllib.loads(pyproject)["project"]["dependencies"]
    return sorted(set(locked_names(lock)) - runtime_closure(roots))


if __name__ == "__main__":
    pyproject_path, lock_path = (Path(arg) for arg in sys.argv[1:3])
    names = dev_only(pyproject_path.read_text("utf-8"), lock_path.read_text("utf-8"))
    print("\n".join(names))
