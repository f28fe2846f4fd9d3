"""The Dutch catalogue is complete and sound, and the interface really speaks it.

Django caches translations per process, so the .mo files must exist before any
translation is activated. ``scripts/bootstrap`` compiles them before the tests run; the
fixture below compiles them again when they are missing or older than the .po files (and
then drops Django's translation caches), so this module also works on its own.
"""

import gettext as gettext_module
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, trans_real

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
NL_PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

# %(name)s, %(count)d, %(key)r … and brace placeholders such as {name} or {0}.
PYTHON_FORMAT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_FORMAT = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[\w.,<>^=+-]*)?\}(?!\})")


def _stale(po_path: Path) -> bool:
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    if any(_stale(po) for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        call_command("compiletranslations", verbosity=0)
        # Forget catalogues loaded before the .mo files were (re)written.
        gettext_module._translations.clear()
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = trans_real.Local()


def _entries(path: Path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def _placeholders(text: str) -> tuple[list, list]:
    return sorted(PYTHON_FORMAT.findall(text)), sorted(BRACE_FORMAT.findall(text))


def test_dutch_catalogue_is_complete_and_has_no_fuzzy_entries():
    catalogue = polib.pofile(str(NL_PO))
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata.get("Language") == "nl"
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 100


def test_english_catalogue_has_no_fuzzy_entries():
    # English is the source language: msgstr stays empty and gettext falls back to msgid.
    catalogue = polib.pofile(str(EN_PO))
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("path", [NL_PO, EN_PO], ids=["nl", "en"])
def test_every_translation_keeps_the_placeholders_of_its_source(path):
    problems = []
    for entry in _entries(path):
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and _placeholders(source) != _placeholders(text):
                problems.append(f"{source!r} -> {text!r}")
    assert problems == []


def test_plural_entries_have_both_forms():
    for entry in _entries(NL_PO):
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_gettext_speaks_dutch():
    with translation.override("nl"):
        assert gettext("My collaborations") == "Mijn samenwerkingen"
        assert gettext("Log in") == "Inloggen"
        assert gettext("coordinator") == "coördinator"
    with translation.override("en"):
        assert gettext("My collaborations") == "My collaborations"


@pytest.fixture
def no_language_left_active():
    # The user's language middleware activates "en" for the request; do not let it leak
    # into tests that run later in this thread.
    yield
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("no_language_left_active")
def test_pages_follow_the_users_language(client, django_user_model):
    user = django_user_model.objects.create_user(
        email="taal@example.org", password="Zipper-links-9-strong"
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get("/collaborations/").content.decode()
    assert "Mijn samenwerkingen" in page
    assert "My collaborations" not in page
    assert '<html lang="nl"' in page

    user.language = "en"
    user.save(update_fields=["language"])
    page = client.get("/collaborations/").content.decode()
    assert "My collaborations" in page
    assert "Mijn samenwerkingen" not in page
