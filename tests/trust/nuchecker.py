"""The W3C Nu HTML Checker (npm `vnu-jar`, run with the machine's Java) over many pages at once.

One JVM for all pages: they are written to a temporary folder and checked in one run, which
prints its messages as JSON. htmx's `hx-*` attributes are not HTML and the checker says so;
those messages alone are left out (a known false alarm), every other error counts.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMX_ATTRIBUTE = re.compile(r"Attribute “hx-[a-z-]+” not allowed")


@dataclass(frozen=True)
class Problem:
    page: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}\n      {self.extract.strip()[:160]}"


def java() -> str | None:
    return shutil.which("java")


def check(pages: dict[str, str]) -> list[Problem]:
    """The errors in each page ({label: html}), htmx's attributes left out."""
    command = java()
    assert command is not None, "Java is needed for the Nu HTML Checker"
    assert JAR.exists(), f"{JAR} is missing: make install (npm vnu-jar)"
    with tempfile.TemporaryDirectory() as folder:
        labels = {}
        for index, (label, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{index:04d}.html"
            path.write_text(html, encoding="utf-8")
            labels[path.name] = label
        completed = subprocess.run(  # noqa: S603 - Java on the checker from npm, our own files
            [command, "-Xss8m", "-jar", str(JAR), "--errors-only", "--format", "json", folder],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    report = json.loads(completed.stderr or completed.stdout)
    problems = []
    for message in report["messages"]:
        text = message.get("message", "")
        if message.get("type") != "error" or HTMX_ATTRIBUTE.search(text):
            continue
        url = message.get("url", "?")
        problems.append(
            Problem(
                page=labels.get(url.rsplit("/", 1)[-1], url),
                line=message.get("lastLine"),
                message=text,
                extract=message.get("extract", ""),
            )
        )
    return problems


def summary(problems: list[Problem], pages_per_message: int = 4) -> str:
    """Each distinct message once, with the first few pages (and lines) that have it."""
    by_message: dict[str, list[Problem]] = {}
    for problem in problems:
        by_message.setdefault(problem.message, []).append(problem)
    lines = []
    for message, found in sorted(by_message.items(), key=lambda item: -len(item[1])):
        lines.append(f"- {message} ({len(found)}×)")
        lines.extend(f"    {p}" for p in found[:pages_per_message])
    return "\n".join(lines)
