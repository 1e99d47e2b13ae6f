"""The installable tally page: service worker, manifest and script translations (issue 5)."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from visits import pwa

STATIC = Path(pwa.__file__).resolve().parent / "static" / "visits"


def worker_config(response) -> dict:
    match = re.search(r"^const CONFIG = (\{.*?\n\});$", response.content.decode(), re.S | re.M)
    assert match, "the worker starts with its configuration"
    return json.loads(match.group(1))


def test_the_worker_is_served_from_the_root_as_javascript_and_never_cached(client, db):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert 'self.addEventListener("fetch"' in response.content.decode()
    config = worker_config(response)
    assert config["pages"] == ["/visits/"]
    assert config["staticUrl"] == "/static/"
    assert config["catalogs"] == ["/jsi18n/da/", "/jsi18n/en/"]
    assert {"/static/visits/tally.js", "/static/dkfds/css/dkfds.min.css"} <= set(config["shell"])
    assert "/static/htmx/htmx.min.js" in config["shell"]


def test_the_worker_lists_only_files_that_exist(client, db, monkeypatch):
    monkeypatch.setattr(pwa, "SHELL_STATIC", (*pwa.SHELL_STATIC, "visits/no-such-file.js"))

    config = worker_config(client.get("/sw.js"))

    assert not any("no-such-file" in url for url in config["shell"])


def test_every_shell_file_and_icon_exists():
    for path in (*pwa.SHELL_STATIC, *(icon for icon, _sizes, _purpose in pwa.ICONS)):
        assert finders.find(path), path


def test_with_hashed_static_files_the_worker_keeps_the_hashed_urls(client, db, settings, tmp_path):
    paths = {path: path.replace(".", ".0123456789ab.", 1) for path in pwa.SHELL_STATIC}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": paths}))
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    config = worker_config(client.get("/sw.js"))

    assert "/static/visits/tally.0123456789ab.js" in config["shell"]
    assert "/static/visits/tally.js" not in config["shell"]


def test_the_cache_version_changes_when_a_shell_file_changes(client, db, settings, tmp_path):
    override = tmp_path / "visits" / "tally.js"
    override.parent.mkdir()
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    override.write_text("// one")
    first = worker_config(client.get("/sw.js"))["version"]
    assert worker_config(client.get("/sw.js"))["version"] == first

    override.write_text("// one, and then another")

    assert worker_config(client.get("/sw.js"))["version"] != first


def test_the_worker_only_answers_get(client, db):
    assert client.post("/sw.js").status_code == 405


def test_the_manifest_makes_the_tally_page_installable_in_danish(client, db):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Varmestue – tælling"
    assert manifest["lang"] == "da"
    assert manifest["start_url"] == manifest["scope"] == "/visits/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_manifest_speaks_english_when_asked(client, db):
    manifest = json.loads(client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en").content)

    assert manifest["name"] == "Varmestue tally"
    assert manifest["lang"] == "en"


def test_the_script_catalogue_has_the_danish_strings(client, db):
    response = client.get("/jsi18n/da/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "Log ind igen" in body
    assert "tryk venter p\\u00e5 at blive sendt" in body or "tryk venter på at blive sendt" in body


def test_the_english_catalogue_has_no_danish(client, db):
    body = client.get("/jsi18n/en/").content.decode()

    assert "Log ind igen" not in body


def test_an_unknown_catalogue_language_is_not_found(client, db):
    assert client.get("/jsi18n/xx/").status_code == 404


@pytest.mark.parametrize("name", ["tally.js", "sw.js"])
def test_the_scripts_never_evaluate_strings(name):
    source = (STATIC / name).read_text()

    assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|innerHTML", source)
    assert not re.search(r"setTimeout\(\s*[\"'`]|setInterval\(\s*[\"'`]", source)


def test_every_script_string_has_a_danish_translation():
    po = (STATIC.parent.parent / "locale" / "da" / "LC_MESSAGES" / "djangojs.po").read_text()
    source = (STATIC / "tally.js").read_text()

    assert "#, fuzzy" not in po
    assert not re.search(r'msgstr ""\n\n', po + "\n")
    assert not re.search(r'msgstr\[\d\] ""\n', po)
    for msgid in re.findall(r'gettext\(\s*"([^"]+)"', source):
        assert msgid.split("%")[0][:20] in po, msgid
