"""Programs from Debian that some tests read our files with (LibreOffice, poppler's pdfinfo).

Where a program is missing the test is skipped with the reason, unless REQUIRE_OFFICE_TESTS=1
(CI, .ci/run installs them): then it fails, so CI never counts a skipped check as passed.
"""

import os
import shutil

import pytest


def required_program(*names: str, package: str) -> str:
    """The path of the first of `names` on PATH; else skip (or fail in CI)."""
    for name in names:
        found = shutil.which(name)
        if found is not None:
            return found
    reason = f"{names[0]} (Debian's {package}) is not installed."
    if os.environ.get("REQUIRE_OFFICE_TESTS") == "1":
        pytest.fail(f"{reason} REQUIRE_OFFICE_TESTS=1, so this test must run.")
    pytest.skip(reason)
