"""Print how many tests pytest skipped and fail on any skip the allow-list does not name.

    python3 .ci/check_skips.py JUNIT_XML ALLOW_LIST

A skipped test in CI is a test that did not run: a tool that failed to install, a lost
privilege, a platform check gone wrong. Each skip that is expected is named in the
allow-list file, one a line: a test id (``tests/x.py::test_y``, the part before any
``[parameters]`` also matches) or ``reason: TEXT`` for any skip whose reason contains TEXT.
Blank lines and ``#`` comments are ignored. Plain Python, no dependencies: it runs before
anything could be wrong with the venv's packages.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import NamedTuple


class Skip(NamedTuple):
    test_id: str
    reason: str


def skipped_tests(junit_xml: Path) -> tuple[int, list[Skip]]:
    """The number of tests the report holds, and the skipped ones."""
    root = ElementTree.parse(junit_xml).getroot()
    total = 0
    skips: list[Skip] = []
    for case in root.iter("testcase"):
        total += 1
        skipped = case.find("skipped")
        if skipped is None:
            continue
        test_id = pytest_id(case.get("classname", ""), case.get("name", ""))
        skips.append(Skip(test_id, skipped.get("message", "")))
    return total, skips


def pytest_id(classname: str, name: str) -> str:
    """``tests/store/test_x.py::TestY::test_z`` from JUnit's classname
    ``tests.store.test_x.TestY`` (the module is the longest dotted prefix that is a file)."""
    parts = classname.split(".")
    for cut in range(len(parts), 0, -1):
        module = Path(*parts[:cut]).with_suffix(".py")
        if module.is_file():
            return "::".join([module.as_posix(), *parts[cut:], name])
    return f"{classname}::{name}"


def allowed(skip: Skip, allow_list: list[str]) -> bool:
    for entry in allow_list:
        if entry.startswith("reason:"):
            if entry.removeprefix("reason:").strip() in skip.reason:
                return True
        elif skip.test_id == entry or skip.test_id.split("[", 1)[0] == entry:
            return True
    return False


def read_allow_list(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    total, skips = skipped_tests(Path(argv[1]))
    allow_list = read_allow_list(Path(argv[2]))
    unexpected = [skip for skip in skips if not allowed(skip, allow_list)]
    print(f"CI: {total} tests in the report, {len(skips)} skipped, "
          f"{len(unexpected)} of them not in {argv[2]}")
    for skip in skips:
        mark = "UNEXPECTED" if skip in unexpected else "expected"
        print(f"  {mark} skip: {skip.test_id}: {skip.reason}")
    if total == 0:
        print("CI: the report holds no test", file=sys.stderr)
        return 1
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
