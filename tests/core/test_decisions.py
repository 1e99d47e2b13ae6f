"""docs/decisions.md keeps one format: every entry numbered, dated and with a status."""

import re
from pathlib import Path

from django.conf import settings

DECISIONS = Path(settings.BASE_DIR) / "docs" / "decisions.md"
HEADING = re.compile(r"^### (?P<section>\w+) (?P<number>\d+) · \S")
STATUS = re.compile(r"^\d{4}-\d{2}-\d{2} · (current|replaced by (?P<by>\w+ \d+))$")


def entries() -> list[tuple[str, str, str]]:
    """(section, heading, the line after it) for every line below the first `## ` section."""
    lines = DECISIONS.read_text(encoding="utf-8").splitlines()
    first_section = next(i for i, line in enumerate(lines) if line.startswith("## "))
    found, section = [], ""
    for i in range(first_section, len(lines)):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].split()[0]
        elif re.match(r"#+ ", line):
            found.append((section, line, lines[i + 1] if i + 1 < len(lines) else ""))
    return found


def test_every_entry_is_numbered_in_its_section_dated_and_has_a_status():
    problems = []
    for section, heading, status in entries():
        match = HEADING.match(heading)
        if not match or match["section"] != section:
            problems.append(f"{heading!r}: expected '### {section} N · title'")
        if not STATUS.match(status):
            problems.append(f"{heading!r}: the next line must be 'YYYY-MM-DD · current'")
    assert entries(), "no entries found"
    assert not problems, "\n".join(problems)


def test_no_list_item_entries_outside_the_format():
    text = DECISIONS.read_text(encoding="utf-8")
    body = text[text.index("\n## ") :]
    old_style = re.findall(r"^(?:\d+\.|-) \*\*.+$", body, flags=re.MULTILINE)
    assert not old_style, f"write these as '### Section N · title' entries: {old_style}"


def test_numbers_are_unique_and_replacements_point_at_existing_entries():
    names = [f"{m['section']} {m['number']}" for _, h, _ in entries() if (m := HEADING.match(h))]
    assert len(names) == len(set(names)), "a number is used twice"
    for _, heading, status in entries():
        match = STATUS.match(status)
        if match and match["by"]:
            assert match["by"] in names, f"{heading!r} is replaced by a missing entry"
