"""Parsed HTML for tests that check a page's structure (issue 17): no regexes over markup.

    doc = parse(response.content.decode())
    doc.one("output.tally-total[data-category=breakfast]").text  # "4"
    [h.text for h in doc.select("main h2")]
    doc.row("Week 10, 2025")  # ["Week 10, 2025", "22", "–"]: the cells of the row it heads

Built on the standard library's html.parser. Selectors are the simple CSS subset tests need:
a tag, `.class`, `#id`, `[attr]` and `[attr=value]` (value quoted or not), compounded
(`form.tally-tap[data-delta="-1"]`), and the descendant combinator (a space).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Element | str"] = field(default_factory=list)
    parent: "Element | None" = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The text inside, its whitespace collapsed as a browser shows it."""
        return " ".join("".join(self._texts()).split())

    def _texts(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._texts()

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def select(self, selector: str) -> list["Element"]:
        """Every descendant that matches, in document order."""
        *context, last = [_Compound.parse(part) for part in selector.split()]
        found = []
        for element in self.descendants():
            if last.matches(element) and _has_ancestors(element, context, self):
                found.append(element)
        return found

    def one(self, selector: str) -> "Element":
        """The one element that matches; fails the test if there are none or several."""
        found = self.select(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}, not 1"
        return found[0]

    def texts(self, selector: str) -> list[str]:
        return [element.text for element in self.select(selector)]

    def cells(self) -> list["Element"]:
        """A table row's cells (th and td), in order."""
        return [child for child in self.children if isinstance(child, Element)]

    def row(self, heading: str) -> list[str]:
        """The cells' texts of the one table row that starts with a header cell reading
        `heading`; search in `table(caption)` when several tables have such a row."""
        rows = [
            tr
            for tr in self.select("tr")
            if tr.cells() and tr.cells()[0].tag == "th" and tr.cells()[0].text == heading
        ]
        assert len(rows) == 1, f"{len(rows)} rows are headed {heading!r}, not 1"
        return [cell.text for cell in rows[0].cells()]

    def table(self, caption: str) -> "Element":
        """The one table whose caption reads `caption`."""
        tables = [t for t in self.select("table") if t.texts("caption") == [caption]]
        assert len(tables) == 1, f"{len(tables)} tables have the caption {caption!r}, not 1"
        return tables[0]


def _has_ancestors(element: Element, context: list["_Compound"], root: Element) -> bool:
    """The descendant combinator: the context compounds match ancestors, innermost last."""
    if not context:
        return True
    *outer, inner = context
    for ancestor in element.ancestors():
        if ancestor is root:
            return False
        if inner.matches(ancestor) and _has_ancestors(ancestor, outer, root):
            return True
    return False


_PART = re.compile(
    r"""(?P<tag>^[a-zA-Z][\w-]*|^\*)
    |\.(?P<cls>[\w-]+)
    |\#(?P<id>[\w-]+)
    |\[(?P<attr>[\w:-]+)(?:=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]]*)))?\]""",
    re.VERBOSE,
)


@dataclass
class _Compound:
    tag: str | None
    classes: list[str]
    attrs: list[tuple[str, str | None]]

    @classmethod
    def parse(cls, text: str) -> "_Compound":
        tag, classes, attrs = None, [], []
        position = 0
        while position < len(text):
            match = _PART.match(text, position)
            if not match or match.end() == position:
                raise ValueError(f"cannot read the selector {text!r} at {text[position:]!r}")
            position = match.end()
            if match["tag"]:
                tag = None if match["tag"] == "*" else match["tag"].lower()
            elif match["cls"]:
                classes.append(match["cls"])
            elif match["id"]:
                attrs.append(("id", match["id"]))
            else:
                value = next(
                    (v for v in (match["dq"], match["sq"], match["bare"]) if v is not None), None
                )
                attrs.append((match["attr"].lower(), value))
        return cls(tag, classes, attrs)

    def matches(self, element: Element) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if not set(self.classes) <= element.classes:
            return False
        return all(
            name in element.attrs and (value is None or element.attrs[name] == value)
            for name, value in self.attrs
        )


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(
            tag, {k: v if v is not None else "" for k, v in attrs}, [], self._open[-1]
        )
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        # Close up to the nearest open element of that name; a stray end tag is ignored, as a
        # browser would.
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        self._open[-1].children.append(data)


def parse(markup: str | bytes) -> Element:
    """The document's tree; its root is a '#document' element."""
    builder = _Builder()
    builder.feed(markup.decode() if isinstance(markup, bytes) else markup)
    builder.close()
    return builder.root
