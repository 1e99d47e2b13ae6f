"""WSGI entry point: `gunicorn varmestue.wsgi` (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "varmestue.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Do now what the first request would: import the URL configuration with every view and
    load the translations. gunicorn preloads this module (preload_app), so each worker it
    forks, and each it restarts after max_requests, starts warm instead of spending a
    quarter of a second of CPU on its first request. Opens no database connection: the
    workers must not share one.
    """
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    reverse("healthz")  # fills the resolver's reverse index, importing every view
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")


_warm_up()
