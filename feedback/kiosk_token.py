"""The kiosk's token: a signed cookie that lets one tablet send feedback for one site.

The cookie holds the kiosk's random key, signed with the project's secret, and nothing else.
It is valid while the kiosk is not revoked; revoking a kiosk in the staff pages makes it
worthless at once. The cookie is limited to the kiosk's own URLs, unreadable by scripts, and
it is no login: it opens no staff page.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from feedback.models import Kiosk

COOKIE_NAME = "varmestue_kiosk"
COOKIE_PATH = "/feedback/kiosk/"
SALT = "feedback.kiosk"
# A kiosk is set up once and then left alone; it stays set up until it is revoked.
MAX_AGE_SECONDS = 60 * 60 * 24 * 365 * 2


def install(response: HttpResponse, kiosk: Kiosk) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        kiosk.key,
        salt=SALT,
        max_age=MAX_AGE_SECONDS,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def remove(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Strict")


def kiosk_for(request: HttpRequest) -> Kiosk | None:
    """The active kiosk whose token the request carries, or None (missing, forged, revoked)."""
    key = request.get_signed_cookie(COOKIE_NAME, default=None, salt=SALT)
    if not key:
        return None
    return Kiosk.objects.active().select_related("site").filter(key=key).first()
