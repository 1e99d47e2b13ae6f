"""PDFs read as assistive technology and `pdfinfo` read them: tagged, titled, in a language.

`assert_tagged` reads the file with pypdf: the catalogue's /MarkInfo says Marked, /Lang is
the document's language, the info title is the document's title (shown instead of the file
name), and the structure tree (/StructTreeRoot) holds the elements asked for (headings, tables
and their cells), every figure with an alternative text. `pdfinfo` (poppler-utils) reads the
same files in tests/core/test_pdf.py.
"""

import io
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from pypdf import PdfReader


def structure(reader: PdfReader) -> tuple[Counter, list[str | None]]:
    """How many structure elements of each type (/H1, /Table, /TH, ...) the tree holds, and
    each figure's alternative text (None where it has none)."""
    counts: Counter = Counter()
    figures: list[str | None] = []
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    stack = [root.get("/K")]
    seen = set()
    while stack:
        kid = stack.pop()
        if kid is None:
            continue
        if hasattr(kid, "indirect_reference") and kid.indirect_reference is not None:
            key = (kid.indirect_reference.idnum, kid.indirect_reference.generation)
            if key in seen:
                continue
            seen.add(key)
        kid = kid.get_object()
        if isinstance(kid, list):
            stack.extend(kid)
        elif hasattr(kid, "get") and "/S" in kid:
            counts[str(kid["/S"])] += 1
            if kid["/S"] == "/Figure":
                figures.append(str(kid["/Alt"]) if "/Alt" in kid else None)
            stack.append(kid.get("/K"))
    return counts, figures


def pdfinfo(command: str, content: bytes) -> dict[str, str]:
    """`pdfinfo`'s fields for the PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        output = subprocess.run(  # noqa: S603 - poppler on our own file
            [command, str(path)], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in output.splitlines())
    }


def assert_tagged(content: bytes, *, title: str, lang: str, elements: dict[str, int]) -> Counter:
    """The PDF is tagged (PDF/UA-1) with this title and language, and its structure tree holds
    at least `elements` (e.g. {"/H1": 1, "/Table": 1, "/TH": 3}), and every figure has an
    alternative text. Returns the counts."""
    reader = PdfReader(io.BytesIO(content))
    catalogue = reader.trailer["/Root"]
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert str(catalogue["/Lang"]) == lang
    assert reader.metadata.title == title, f"{reader.metadata.title!r} != {title!r}"
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    counts, figures = structure(reader)
    assert all(figures), f"a figure without alternative text: {figures}"
    missing = {name: n for name, n in elements.items() if counts[name] < n}
    assert not missing, f"structure elements missing: {missing}; the tree holds {dict(counts)}"
    return counts
