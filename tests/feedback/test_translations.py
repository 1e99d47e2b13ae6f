"""Every string a visitor sees is translated into each visitor language (feedback/languages.py),
and no catalogue of the app holds a fuzzy entry."""

import gettext
from pathlib import Path

import pytest

from feedback.languages import CODES

LOCALE = Path(__file__).resolve().parents[2] / "feedback" / "locale"
CONTEXT = "visitor\x04"  # gettext's separator between a context and its msgid


def catalogue(language: str) -> dict[str, str]:
    translations = gettext.translation("django", localedir=LOCALE, languages=[language])
    return translations._catalog  # compiled by `make install` (msgfmt leaves fuzzy ones out)


def visitor_strings() -> set[str]:
    return {key for key in catalogue("da") if isinstance(key, str) and key.startswith(CONTEXT)}


def test_there_are_visitor_strings_to_check():
    assert len(visitor_strings()) > 20


@pytest.mark.parametrize("language", [code for code in CODES if code not in ("da", "en")])
def test_every_visitor_string_is_translated(language):
    translated = catalogue(language)
    missing = sorted(k[len(CONTEXT) :] for k in visitor_strings() if not translated.get(k))
    assert not missing, f"Not translated into {language}: {missing}"


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=str)
def test_no_catalogue_has_a_fuzzy_entry(po):
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")
