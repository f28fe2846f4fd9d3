"""Storing frameworks, the Framework model, and finding a spec for the offline commands."""

import copy
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.utils import translation

from ritsen.frameworks import services
from ritsen.frameworks.models import Framework
from ritsen.frameworks.services import (
    FrameworkError,
    ensure_default_framework,
    load_framework,
    resolve_spec,
)
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH, Problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_frameworks")]


def test_load_framework_stores_the_spec(write, minimal):
    user = get_user_model().objects.create_user("admin@example.org", "pw-123456789")
    framework = load_framework(write(minimal), user=user)
    assert framework.identifier == "mini v1"
    assert (framework.slug, framework.version) == ("mini", 1)
    assert framework.name_nl == "Mini"
    assert framework.loaded_by == user
    assert len(framework.source_sha256) == 64
    assert framework.spec.statements[1].reverse is True
    assert Framework.objects.get().data == framework.spec.to_dict()


def test_load_framework_is_idempotent(write, minimal):
    first = load_framework(write(minimal))
    # Same content, different formatting: still the same framework.
    minimal["thresholds"]["strong"] = 4
    again = load_framework(write(minimal, name="reformatted.yaml"))
    assert again.pk == first.pk
    assert Framework.objects.count() == 1


def test_same_version_with_different_content_is_refused(write, minimal):
    load_framework(write(minimal))
    minimal["links"][0]["name"]["nl"] = "Iets anders"
    with pytest.raises(FrameworkError) as excinfo:
        load_framework(write(minimal, name="changed.yaml"))
    assert str(excinfo.value) == (
        "version: version 1 of mini is already loaded with different content; increase `version`"
    )
    assert Framework.objects.count() == 1


def test_a_higher_version_is_stored_next_to_the_old_one(write, minimal):
    load_framework(write(minimal))
    minimal["version"] = 2
    minimal["links"][0]["name"]["nl"] = "Iets anders"
    load_framework(write(minimal, name="v2.yaml"))
    assert [f.identifier for f in Framework.objects.all()] == ["mini v2", "mini v1"]


def test_invalid_file_raises_with_every_problem(write, minimal):
    minimal["version"] = 0
    minimal["links"] = []
    with pytest.raises(FrameworkError) as excinfo:
        load_framework(write(minimal))
    assert [p.location for p in excinfo.value.problems] == ["version", "links"]
    assert all(p.line for p in excinfo.value.problems)
    assert not Framework.objects.exists()


def test_unreadable_file_raises(tmp_path):
    with pytest.raises(FrameworkError, match="cannot read"):
        load_framework(tmp_path / "nope.yaml")


def test_framework_error_from_a_message():
    error = FrameworkError("not found")
    assert error.problems == [Problem("", "not found")]
    assert str(error) == "not found"


def test_ensure_default_framework_loads_once():
    first = ensure_default_framework()
    assert first.identifier == "ritsen-9 v1"
    assert first.link_count == 9
    assert first.statement_count == 45
    assert ensure_default_framework().pk == first.pk
    assert Framework.objects.count() == 1


def test_a_newer_version_never_becomes_the_default_silently(shipped, write):
    ensure_default_framework()
    newer = copy.deepcopy(shipped)
    newer["version"] = 2
    newer["links"][0]["statements"].pop()
    load_framework(write(newer))
    assert ensure_default_framework().identifier == "ritsen-9 v1"


def test_latest_versions_and_get_latest(write, minimal):
    load_framework(write(minimal, name="a.yaml"))
    minimal["version"] = 3
    load_framework(write(minimal, name="b.yaml"))
    ensure_default_framework()
    assert sorted(f.identifier for f in Framework.objects.latest_versions()) == [
        "mini v3",
        "ritsen-9 v1",
    ]
    assert Framework.objects.get_latest("mini").identifier == "mini v3"
    with pytest.raises(Framework.DoesNotExist):
        Framework.objects.get_latest("unknown")


def test_name_follows_the_active_language():
    framework = ensure_default_framework()
    with translation.override("nl"):
        assert framework.name == "Ritsen 9 — de negen schakels"
    with translation.override("en"):
        assert framework.name == "Ritsen 9 — the nine links"
    assert isinstance(framework.spec, FrameworkSpec)
    assert framework.spec is framework.spec  # cached


# --- resolve_spec -------------------------------------------------------------------------


def test_resolve_spec_from_a_file(write, minimal):
    assert resolve_spec(str(write(minimal))).id == "mini"


def test_resolve_spec_from_an_invalid_file(write, minimal):
    minimal["scale"]["min"] = 9
    with pytest.raises(FrameworkError) as excinfo:
        resolve_spec(str(write(minimal)))
    assert excinfo.value.problems[0].location == "scale"


def test_resolve_spec_prefers_the_newest_stored_version(shipped, write):
    newer = copy.deepcopy(shipped)
    newer["version"] = 2
    newer["links"][0]["statements"].pop()
    load_framework(write(newer))
    spec = resolve_spec("ritsen-9")
    assert spec.version == 2
    assert len(spec.statements) == 44
    assert resolve_spec("ritsen-9@2").version == 2
    # Version 1 is not stored, but it is the built-in file.
    assert resolve_spec("ritsen-9@1").version == 1


def test_resolve_spec_falls_back_to_the_builtin_file():
    spec = resolve_spec("ritsen-9")
    assert spec.id == "ritsen-9"
    assert len(spec.links) == 9


def test_resolve_spec_without_a_migrated_database():
    broken = mock.Mock(side_effect=OperationalError("no such table: frameworks_framework"))
    with mock.patch.object(Framework.objects, "filter", broken):
        spec = resolve_spec("ritsen-9")
    assert broken.called
    assert spec.version == 1


def test_resolve_spec_skips_a_sqlite_file_that_does_not_exist(tmp_path):
    missing = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "none.sqlite3")}
    with mock.patch.object(services.connection, "settings_dict", missing):
        assert resolve_spec("ritsen-9").id == "ritsen-9"
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("unknown-framework", "framework unknown-framework was not found"),
        ("ritsen-9@7", "framework ritsen-9 version 7 was not found"),
        ("no/such/file.yaml", "neither a framework file nor a framework identifier"),
        ("Ritsen 9", "neither a framework file nor a framework identifier"),
    ],
)
def test_resolve_spec_not_found(value, fragment):
    with pytest.raises(FrameworkError, match=fragment):
        resolve_spec(value)


def test_shipped_file_checksum_is_recorded():
    import hashlib

    framework = ensure_default_framework()
    assert (
        framework.source_sha256 == hashlib.sha256(DEFAULT_FRAMEWORK_PATH.read_bytes()).hexdigest()
    )


def test_a_framework_is_named_in_words_for_people(db):
    from django.utils import translation

    framework = ensure_default_framework()
    with translation.override("nl"):
        assert str(framework) == "Ritsen 9 — de negen schakels, versie 1"
    with translation.override("en"):
        assert str(framework) == "Ritsen 9 — the nine links, version 1"
