"""No secrets in the repository: private keys, real passwords, tokens, credential files."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".git", ".venv", "node_modules", "staticfiles", "__pycache__", ".ruff_cache"}
# Placeholders and the fictitious demo password documented in the README.
ALLOWED_VALUES = {
    "password",
    "varmestue-demo",
    "django-insecure-dev-only-varmestue-key-never-use-in-production",
}
PLACEHOLDER_STARTS = ("change-me", "…", "...", "<", "${", "$")
FORBIDDEN_NAMES = re.compile(r"(^|/)(\.env|id_rsa[^/]*|id_ed25519[^/]*|[^/]+\.(pem|key|p12|pfx))$")

PRIVATE_KEY = re.compile("-----BEGIN ([A-Z]+ )*" + "PRIVATE KEY-----")
ASSIGNMENT = re.compile(
    r"""(?ix)\b(password|passwd|secret|secret_key|api_?key|access_?token|auth_?token)\b
        \s*[:=]\s*["']([^"'\s{}%]{6,})["']"""
)
ENV_ASSIGNMENT = re.compile(r"(?im)^\s*(\w*(?:SECRET|PASSWORD|TOKEN)\w*)\s*=\s*(\S+)")
URL_CREDENTIALS = re.compile(r"[a-z+]+://[^:/\s@\"']+:([^@\s/\"']+)@")
KNOWN_TOKENS = re.compile(r"\b(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[\w-]{10,})\b")


def tracked_files() -> list[Path]:
    """The files git tracks; without git (an exported tree), every file outside build dirs."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [ROOT / name for name in out.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        return [
            p
            for p in ROOT.rglob("*")
            if p.is_file() and not SKIP_DIRS.intersection(p.relative_to(ROOT).parts)
        ]


def findings(relative: str, text: str) -> list[str]:
    found = [f"{relative}: private key" for _ in PRIVATE_KEY.finditer(text)]
    found += [f"{relative}: token {m.group(0)[:8]}…" for m in KNOWN_TOKENS.finditer(text)]
    in_tests = relative.startswith("tests/")
    checks = [(ASSIGNMENT, 2), (URL_CREDENTIALS, 1)]
    if Path(relative).name.startswith(".env"):
        checks.append((ENV_ASSIGNMENT, 2))
    for pattern, group in checks:
        for match in pattern.finditer(text):
            value = match.group(group)
            if in_tests or value in ALLOWED_VALUES or value.startswith(PLACEHOLDER_STARTS):
                continue
            found.append(f"{relative}: {match.group(0)[:40]}…")
    return found


def test_no_secret_is_committed():
    problems = []
    for path in tracked_files():
        relative = path.relative_to(ROOT).as_posix()
        if FORBIDDEN_NAMES.search(relative):
            problems.append(f"{relative}: credential file must not be committed")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files
        problems += findings(relative, text)
    assert not problems, "Possible secrets in the repository:\n" + "\n".join(problems)


def test_the_scanner_finds_what_it_is_for():
    key = "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIB\n"
    assert findings("x.txt", key)
    assert findings("app/settings.py", 'API_KEY = "' + "s3cr3t-value-123" + '"')
    assert findings(".env.example", "SECRET_KEY=" + "hunter2hunter2")
    assert findings("README.md", "postgres://app:" + "Tr0ub4dor" + "@db/app")
    assert findings("x.py", "token: " + "ghp_" + "a" * 36)
    # Placeholders, the demo password and template variables are fine.
    assert not findings(".env.example", "SECRET_KEY=change-me-to-a-long-random-string")
    assert not findings("README.md", "postgres://varmestue:password@127.0.0.1/varmestue")
    assert not findings("core/demo.py", 'DEMO_PASSWORD = "varmestue-demo"')
    assert not findings("docs/x.md", "postgres://varmestue:…@127.0.0.1/x and s://u:<password>@h")
    assert not findings("t.html", '{% translate "Password" %} value="{{ password }}"')
    assert FORBIDDEN_NAMES.search(".env") and FORBIDDEN_NAMES.search("deploy/server.key")
    assert not FORBIDDEN_NAMES.search(".env.example")
