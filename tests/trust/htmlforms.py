"""A small HTML form reader for tests: which POST forms a page has, their fields and values."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, time, datetime-local, email, checkbox, radio, select, ...
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)  # select/radio choices
    multiple: bool = False
    required: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def data(self) -> dict[str, str | list[str]]:
        """What a browser submits without changes: the form as the page filled it in."""
        out: dict[str, str | list[str]] = {}
        for f in self.fields:
            if f.kind in ("checkbox", "radio") and not f.checked:
                continue
            if f.kind in ("submit", "button", "reset", "image", "file"):
                continue
            if f.multiple:
                out.setdefault(f.name, [])
                out[f.name] += f.value.split("\0") if f.value else []  # type: ignore[operator]
            elif f.kind == "checkbox" and f.name in out:
                existing = out[f.name]
                out[f.name] = [*(existing if isinstance(existing, list) else [existing]), f.value]
            else:
                out[f.name] = f.value
        return out

    def named(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form.fields.append(
                Field(
                    name=a["name"],
                    kind=kind,
                    value=a.get("value", default),
                    checked="checked" in a,
                    required="required" in a,
                )
            )
        elif tag == "select" and a.get("name"):
            self._select = Field(
                name=a["name"], kind="select", multiple="multiple" in a, required="required" in a
            )
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(name=a["name"], kind="textarea", required="required" in a)
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option_value is None and self._select is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._select is not None:
            self._close_option()
        elif tag == "select":
            if self._select is not None and self._option_text:
                self._close_option()
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _close_option(self):
        select = self._select
        value = self._option_value if self._option_value is not None else self._option_text.strip()
        select.options.append(value)
        if self._option_selected:
            if select.multiple:
                select.value = f"{select.value}\0{value}" if select.value else value
            else:
                select.value = value
        elif not select.multiple and len(select.options) == 1:
            select.value = value  # a browser submits the first option by default
        self._option_value = None
        self._option_selected = False
        self._option_text = ""


def read_forms(html: str) -> list[Form]:
    reader = _Reader()
    reader.feed(html)
    return reader.forms


def post_forms(html: str, page_url: str) -> list[Form]:
    """The page's POST forms with their action resolved against the page (not language/logout)."""
    forms = []
    for form in read_forms(html):
        if form.method != "post":
            continue
        form.action = form.action or page_url
        if form.action.startswith(("/i18n/", "/logout/")):
            continue
        forms.append(form)
    return forms
