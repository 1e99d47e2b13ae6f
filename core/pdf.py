"""Every PDF the app makes, tagged for screen readers (PDF/UA-1), through WeasyPrint.

The flyer, the plan's timeline and the USB report all come through `html_to_pdf`: PDF/UA-1
makes WeasyPrint write a structure tree (headings, paragraphs, lists, tables with their
header cells), mark the document as tagged, and take the document's title from `<title>` and
its language from `<html lang>`, shown by readers instead of the file name. The template must
therefore have both; `html_to_pdf` refuses one without.
"""

import logging
import re

from django.contrib.staticfiles import finders

# WeasyPrint reports every layout step at INFO; a scheduled export should print one line.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_VARIANT = "pdf/ua-1"
_TITLE = re.compile(r"<title>\s*[^<\s][^<]*</title>", re.IGNORECASE)
_LANG = re.compile(r"<html[^>]*\slang=\"[a-z]{2}", re.IGNORECASE)


def html_to_pdf(html: str, *, stylesheet: str, base_url: str | None = None) -> bytes:
    """The tagged PDF of `html`, styled by the static file `stylesheet` (a finders path)."""
    from weasyprint import CSS, HTML  # heavy import: only when a PDF is asked for

    if not _TITLE.search(html) or not _LANG.search(html):
        raise ValueError("A PDF needs a <title> and <html lang> (PDF/UA-1 shows both).")
    path = finders.find(stylesheet)
    if not isinstance(path, str):
        raise FileNotFoundError(stylesheet)
    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[CSS(filename=path)], pdf_variant=PDF_VARIANT
    )
