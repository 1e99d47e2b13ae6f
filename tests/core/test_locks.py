"""scripts/check_locks.py, which `make lint` runs: the locks must match pyproject.toml."""

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_locks", ROOT / "scripts" / "check_locks.py")
assert _spec and _spec.loader
check_locks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_locks)

HASH = "    --hash=sha256:" + "0" * 64


@pytest.fixture
def tree(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "requirements-dev.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_repository_locks_match():
    assert check_locks.check(ROOT) == []


def test_production_lock_has_no_development_tools():
    production = check_locks.parse_lock((ROOT / "requirements.lock").read_text(), "lock")[0]
    for tool in ("pytest", "playwright", "ruff", "mypy", "django-stubs", "uv", "openpyxl"):
        assert tool not in production
    development = check_locks.parse_lock((ROOT / "requirements-dev.lock").read_text(), "lock")[0]
    assert {"pytest", "playwright", "ruff", "mypy", "django"} <= set(development)


def test_a_development_tool_in_the_production_lock_fails(tree):
    dev_lock = (tree / "requirements-dev.lock").read_text()
    pytest_lines = re.search(r"^pytest==.*?(?=^\S)", dev_lock, re.M | re.S)
    assert pytest_lines
    with (tree / "requirements.lock").open("a") as lock:
        lock.write(pytest_lines.group(0))
    assert check_locks.check(tree) == [
        "requirements.lock: pytest is locked but nothing in its set needs it"
    ]


def test_a_changed_pin_in_pyproject_fails(tree):
    edit(tree / "pyproject.toml", '"Django==6.1.3"', '"Django==6.1.4"')
    errors = check_locks.check(tree)
    assert "requirements.lock: Django is 6.1.3, pyproject.toml says 6.1.4" in errors
    assert "requirements-dev.lock: Django is 6.1.3, pyproject.toml says 6.1.4" in errors


def test_a_new_dependency_that_is_not_locked_fails(tree):
    edit(
        tree / "pyproject.toml",
        '"XlsxWriter==3.3.1",',
        '"XlsxWriter==3.3.1",\n    "bleach==6.3.0",',
    )
    errors = check_locks.check(tree)
    assert "requirements.lock: pyproject.toml's bleach is not locked" in errors
    assert "requirements-dev.lock: pyproject.toml's bleach is not locked" in errors


def test_a_removed_dependency_left_in_the_lock_fails(tree):
    edit(tree / "pyproject.toml", '    "segno==1.6.6",\n', "")
    errors = check_locks.check(tree)
    assert "requirements.lock: segno is locked but nothing in its set needs it" in errors


def test_a_line_without_a_hash_fails(tree):
    lock = tree / "requirements.lock"
    lock.write_text(
        re.sub(
            r"^(segno==1\.6\.6) \\\n(\s+--hash=\S+ \\\n)*\s+--hash=\S+\n",
            r"\1\n",
            lock.read_text(),
            flags=re.M,
        )
    )
    assert check_locks.check(tree) == ["requirements.lock: segno has no --hash"]


def test_an_unpinned_dependency_fails(tree):
    edit(tree / "pyproject.toml", '"ruff==0.17.6"', '"ruff>=0.17"')
    assert check_locks.check(tree) == ["pyproject.toml [dev]: ruff>=0.17 is not pinned with =="]


def test_a_line_for_another_platform_is_left_alone(tree):
    with (tree / "requirements.lock").open("a") as lock:
        lock.write(f"pywin32==311 ; sys_platform == 'win32' \\\n{HASH}\n")
    assert check_locks.check(tree) == []
