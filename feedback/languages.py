"""The languages visitors can answer in: Danish and English as everywhere, plus the languages
of the target group (issue 21), each with its own gettext catalogue in feedback/locale/.

Staff pages stay in settings.LANGUAGES (Danish, English); only the kiosk and the pages a
visitor opens on their own phone offer these.
"""

from django.conf import settings
from django.utils import translation

# code, the language's own name (shown as is, in that language)
VISITOR_LANGUAGES: list[tuple[str, str]] = [
    ("da", "Dansk"),
    ("en", "English"),
    ("pl", "Polski"),
    ("ar", "العربية"),
]
RIGHT_TO_LEFT = {"ar"}
CODES = [code for code, _name in VISITOR_LANGUAGES]


def is_visitor_language(code: str) -> bool:
    return code in CODES


def home_language() -> str:
    """The language a visitor page starts in: the device's chosen staff language, else Danish."""
    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return current if is_visitor_language(current) else settings.LANGUAGE_CODE


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def choices_for_page(current: str) -> list[dict]:
    """The language switch: every language but the current, named in its own language."""
    return [
        {"code": code, "name": name, "dir": direction(code)}
        for code, name in VISITOR_LANGUAGES
        if code != current
    ]
