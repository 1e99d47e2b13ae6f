"""tests/dom.py, the parsed-HTML helper the page tests use."""

import pytest

from tests.dom import parse

PAGE = """<!doctype html><html><body>
<main id="main">
  <h1>Tælling <small>i dag</small></h1>
  <form method="post" class="tally-tap big" data-delta="-1">
    <input type="hidden" name="id" value="a"><input name="delta" value="-1"/>
    <button type="submit">Morgenmad &minus; 1</button>
  </form>
  <table><caption>Besøg</caption>
    <thead><tr><th scope="col">Sted</th><th>Pavillonen</th></tr></thead>
    <tbody><tr><th scope="row">Pavillonen</th><td>22</td><td> 8 </td></tr></tbody>
  </table>
  <p>one</div> stray</p>
  <svg viewBox="0 0 1 1"><path d="M0 0"/><title>Chart</title></svg>
</main>
<aside><h2>Andet</h2></aside>
</body></html>"""


def test_selectors_find_by_tag_class_id_and_attribute():
    doc = parse(PAGE)
    form = doc.one("form.tally-tap[data-delta='-1']")
    assert form["method"] == "post" and form.classes == {"tally-tap", "big"}
    assert [i["name"] for i in doc.select("form input")] == ["id", "delta"]  # void: siblings
    assert doc.one("#main input[type=hidden]")["value"] == "a"
    assert doc.select("form.other") == [] and doc.select("input[name=nope]") == []
    assert doc.one("button[type=submit]").text == "Morgenmad − 1"


def test_descendant_selectors_keep_to_their_context():
    doc = parse(PAGE)
    assert doc.texts("main h1") == ["Tælling i dag"]
    assert doc.select("main h2") == []
    assert doc.texts("aside h2") == ["Andet"]
    assert doc.one("main").select("aside") == []


def test_rows_are_found_by_their_header_cell_not_a_column_heading():
    doc = parse(PAGE)
    assert doc.row("Pavillonen") == ["Pavillonen", "22", "8"]
    assert doc.table("Besøg").row("Pavillonen")[1] == "22"
    with pytest.raises(AssertionError, match="0 rows"):
        doc.row("Skælskør")


def test_stray_end_tags_and_self_closed_svg_elements_keep_the_tree():
    doc = parse(PAGE)
    assert doc.one("p").text == "one stray"
    assert doc.one("svg title").text == "Chart"
    assert doc.one("svg path").children == []
    with pytest.raises(AssertionError, match="2 elements"):
        doc.one("tr")
    with pytest.raises(ValueError, match="cannot read the selector"):
        doc.select("form > input")
