"""The project's URLs plus one view that fails, to see what a visitor gets on a 500."""

from django.urls import path

from core.permissions import public
from varmestue.urls import handler403, handler404, handler500  # noqa: F401 - the same pages
from varmestue.urls import urlpatterns as project_urlpatterns


@public
def boom(request):
    raise RuntimeError("a bug the visitor must never see")


urlpatterns = [path("boom/", boom, name="boom"), *project_urlpatterns]
