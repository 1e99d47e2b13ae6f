"""Walks the project's URL patterns and gathers every app's access classification."""

import importlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

from core.roles import Role
from tests.access import Access
from tests.core.factories import UserFactory

TESTS_DIR = Path(__file__).resolve().parent.parent
ADMIN_NAMESPACE = "admin"


@dataclass(frozen=True)
class Route:
    name: str | None  # fully namespaced, e.g. "visits:api_events"; None when unnamed
    route: str  # the pattern text from the root, for messages
    namespace: str | None


def walk(resolver: URLResolver | None = None, namespace: str | None = None, prefix: str = ""):
    """Every URL pattern of the project, with its namespaced name, depth first."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, route=route, namespace=namespace)


def is_admin(route: Route) -> bool:
    return (route.namespace or "").split(":")[0] == ADMIN_NAMESPACE


def access_modules() -> list[str]:
    """`tests.<app>.access` for every tests/<app>/access.py."""
    return sorted(f"tests.{path.parent.name}.access" for path in TESTS_DIR.glob("*/access.py"))


def collected_access() -> list[Access]:
    entries: list[Access] = []
    for module_name in access_modules():
        entries.extend(importlib.import_module(module_name).ACCESS)
    return entries


def unclassified(routes: list[Route], access: list[Access]) -> list[str]:
    """Routes outside the admin that no ACCESS entry names, or that have no name."""
    classified = {entry.url_name for entry in access}
    return sorted(
        f"{r.name or '(no name)'}  ({r.route})"
        for r in routes
        if not is_admin(r) and (r.name is None or r.name not in classified)
    )


def outcome(response) -> str:
    """What a response means in the vocabulary of tests/access.py."""
    status = response.status_code
    if 300 <= status < 400:
        location = urlsplit(response["Location"])
        login_path = resolve_url(settings.LOGIN_URL)
        if location.path == login_path and "next" in parse_qs(location.query):
            return "login"
        return "ok"
    if 200 <= status < 300:
        return "ok"
    return {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
        status, f"status {status}"
    )


def matches(expected: str, actual: str) -> bool:
    if expected == "denied":
        return actual in ("unauthorized", "forbidden")
    return expected == actual


class LazyUsers(dict):
    """The users by role, each made the first time it is asked for (most tests need one)."""

    MAKERS = {
        "volunteer": ("charlie", Role.VOLUNTEER),
        "staff": ("alice", Role.STAFF),
        "coordinator": ("bob", Role.COORDINATOR),
        "manager": ("dora", Role.MANAGER),
    }

    def __missing__(self, role):
        if role == "anonymous":
            user = None
        elif role == "superuser":
            user = UserFactory(username="root", is_superuser=True, is_staff=True)
        else:
            username, group = self.MAKERS[role]
            user = UserFactory(username=username, role=group)
        self[role] = user
        return user
