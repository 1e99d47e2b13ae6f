"""The pages of the access matrix, as each role that may open them sees them.

Every GET entry of tests/<app>/access.py, for every role it lets in ("ok"), with the objects
its `kwargs` builds and the cookies it carries. Used by the Nu HTML Checker walk and the phone
width walk; both load the reference and demo data first (`load_data`).
"""

import io
from dataclasses import dataclass

from django.core.management import call_command
from django.urls import reverse

from tests.trust.urlwalk import LazyUsers, collected_access


@dataclass(frozen=True)
class MatrixPage:
    url_name: str
    url: str
    role: str
    cookies: dict[str, str]

    @property
    def label(self) -> str:
        return f"{self.url} as {self.role}"


def load_data() -> LazyUsers:
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    return LazyUsers()


def matrix_pages(users: LazyUsers) -> list[MatrixPage]:
    pages = []
    for entry in collected_access():
        if entry.method != "get":
            continue
        url = reverse(entry.url_name, kwargs=entry.kwargs(users) if entry.kwargs else {})
        if entry.query:
            url = f"{url}?{entry.query}"
        cookies = entry.cookies(users) if entry.cookies else {}
        pages.extend(
            MatrixPage(entry.url_name, url, role, cookies)
            for role, expected in entry.expect.items()
            if expected == "ok"
        )
    return pages
