"""Template context shared by every page: the navigation for the user's role."""

from django.urls import NoReverseMatch, reverse

from core.permissions import has_capability
from core.registry import app_modules


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for module in app_modules("navigation"):
        for item in module.ITEMS:
            if item.capability and not has_capability(user, item.capability):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append(
                {
                    "label": item.label,
                    "url": url,
                    "order": item.order,
                    "current": request.path == url or (url != "/" and request.path.startswith(url)),
                }
            )
    items.sort(key=lambda i: i["order"])
    return {"nav_items": items}
