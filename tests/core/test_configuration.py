"""Every setting read from the environment is documented in .env.example, and nothing else is."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The files that read the deployment's environment.
READERS = [ROOT / "varmestue" / "settings.py", ROOT / "gunicorn.conf.py"]
ENV_METHODS = {"str", "bool", "int", "float", "list", "path", "db", "cache", "email", "json"}


def _names_read(path: Path) -> set[str]:
    """Names read through django-environ (`env.int("X")`) or os.environ (`.get("X")`, `["X"]`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            owner = ast.unparse(node.func.value)
            if (owner == "env" and node.func.attr in ENV_METHODS) or (
                owner == "os.environ" and node.func.attr == "get"
            ):
                found.add(first.value)
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            found.add(node.slice.value)
    return found


def _documented() -> set[str]:
    """`NAME=` lines in .env.example, set or commented out (`# NAME=`)."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^(?:# ?)?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def test_the_reader_finds_what_the_settings_read():
    read = set().union(*map(_names_read, READERS))
    # A few known names, in each style: the scan itself must not go blind.
    assert {"DEBUG", "DATABASE_URL", "MEDIA_ROOT", "GUNICORN_WORKERS", "GUNICORN_TIMEOUT"} <= read


def test_every_environment_setting_is_in_env_example():
    missing = set().union(*map(_names_read, READERS)) - _documented()
    assert not missing, f"Add to .env.example, with a comment: {sorted(missing)}"


def test_env_example_lists_no_setting_that_nothing_reads():
    stale = _documented() - set().union(*map(_names_read, READERS))
    assert not stale, f"Read by nothing (remove from .env.example): {sorted(stale)}"
