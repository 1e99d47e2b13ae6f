"""Helpers for the tests that walk every form page found from the URLconf: the pages, a
factory per model, and a page's form read back as a browser would post it."""

import importlib
import pkgutil
from html.parser import HTMLParser

import factory.django
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.edit import BaseCreateView, BaseUpdateView

import tests


def walk(resolver=None, prefix=""):
    """(route, pattern) for every URL pattern, admin left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def views_of(kind):
    """(route, url name, view class) of every class-based view of `kind` (BaseUpdateView…)."""
    found = []
    for route, pattern in walk():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, kind):
            found.append((route, pattern, view_class))
    return found


def update_views():
    return views_of(BaseUpdateView)


def create_views():
    return views_of(BaseCreateView)


def model_of(view_class):
    return view_class.model or view_class.form_class._meta.model


def factories():
    """{model: factory} from every tests/<app>/factories.py (the first factory per model)."""
    found = {}
    for info in pkgutil.iter_modules(tests.__path__):
        try:
            module = importlib.import_module(f"tests.{info.name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and value._meta.model is not None
                and value.__module__ == module.__name__
            ):
                found.setdefault(value._meta.model, value)
    return found


def url_kwargs(pattern, instance):
    """The URL's arguments from the object: pk, slug, or <name>_pk of a foreign key."""
    kwargs = {}
    for name in pattern.pattern.converters:
        if name in ("pk", "slug"):
            kwargs[name] = getattr(instance, name)
        elif name.endswith("_pk"):
            kwargs[name] = getattr(instance, name[:-3] + "_id")
        else:
            raise LookupError(f"no value for <{name}> of {pattern.name}")
    return kwargs


class _FormReader(HTMLParser):
    """The fields of each `method=post` form in the page's <main>, as posted."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.data: list[tuple[str, str]] = []
        self.in_main = False
        self.in_form = False
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag == "form" and self.in_main and (a.get("method") or "").lower() == "post":
            self.in_form, self.data = True, []
            self.forms.append(self.data)
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value") or "on"))
            else:
                self.data.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in a), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value") or "", "selected" in a))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [v for v, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.data.extend((name, v) for v in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def form_data(html: str) -> dict[str, list[str]]:
    """The page's main post form (its largest), as a browser would post it unchanged."""
    reader = _FormReader()
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in max(reader.forms, key=len, default=[]):
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
    return data


def post_edit(client, url, data, **extra):
    """Post `data` to an edit page as a form loaded just now would: with its version."""
    from core.concurrency import VERSION_FIELD

    loaded = form_data(client.get(url).content.decode())
    return client.post(url, {**data, VERSION_FIELD: loaded.get(VERSION_FIELD, [""])[0]}, **extra)
