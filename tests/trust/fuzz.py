"""Hypothesis strategies for what a person (or an attacker) may type into a form."""

from hypothesis import strategies as st

from tests.trust.htmlforms import Field, Form

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "-0",
    "1,5",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "25:61",
    "24:00",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    '=HYPERLINK("x")',
    "\u202eevil",
    "ÆØÅ æøå",
    "x" * 5000,
]
# Any text a browser can send (no lone surrogates); NUL included on purpose.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
DATES = st.dates().map(lambda d: d.isoformat())
TIMES = st.times().map(lambda t: t.strftime("%H:%M"))
DATETIMES = st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))
NUMBERS = st.one_of(st.integers(-(10**15), 10**15).map(str), st.floats(allow_nan=True).map(str))


def _value(field: Field) -> st.SearchStrategy[str]:
    anything = st.one_of(TEXT, st.sampled_from(NASTY))
    kind = field.kind
    if kind in ("select", "radio") and field.options:
        return st.one_of(st.sampled_from(field.options), anything, NUMBERS)
    if kind == "number":
        return st.one_of(NUMBERS, anything)
    if kind == "date":
        return st.one_of(DATES, anything)
    if kind == "time":
        return st.one_of(TIMES, anything)
    if kind == "datetime-local":
        return st.one_of(DATETIMES, anything)
    if kind == "hidden":
        return st.one_of(st.just(field.value), anything, NUMBERS)
    return st.one_of(anything, st.just(field.value))


def form_data(data: st.DataObject, form: Form) -> dict:
    """Random values for every field of `form`; sometimes a field is left out altogether."""
    out: dict = {}
    for name, fields in _by_name(form).items():
        first = fields[0]
        if first.kind in ("submit", "button", "reset", "image", "file"):
            continue
        if data.draw(st.integers(0, 9), label=f"{name}?") == 0:
            continue  # missing from the POST
        if first.kind == "checkbox" or first.multiple:
            options = [f.value for f in fields] if first.kind == "checkbox" else first.options
            values = data.draw(
                st.lists(st.one_of(st.sampled_from(options or [""]), TEXT), max_size=4),
                label=name,
            )
            if values:
                out[name] = values
            continue
        if first.kind == "radio":
            first = Field(name=name, kind="radio", options=[f.value for f in fields])
        out[name] = data.draw(_value(first), label=name)
    return out


def _by_name(form: Form) -> dict[str, list[Field]]:
    grouped: dict[str, list[Field]] = {}
    for field in form.fields:
        grouped.setdefault(field.name, []).append(field)
    return grouped
