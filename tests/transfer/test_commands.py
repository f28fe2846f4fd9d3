import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.utils import translation

from ritsen.collaborations.models import Collaboration
from ritsen.transfer.services import FORMAT_VERSION
from tests.cli import run_ritsen

from .conftest import export_text, row_counts

RITSEN = Path(sys.executable).parent / "ritsen"
LANGUAGE_VARIABLES = ("RITSEN_CLI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _strip_exported_at(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


# --- in process (the test database) ----------------------------------------------------


def test_import_is_a_loadable_command_name():
    command = load_command_class("ritsen.transfer", "import")
    assert "Import a collaboration" in command.help


def test_export_to_stdout(rich):
    out = io.StringIO()
    call_command("export", str(rich.cast.collab.pk), stdout=out)
    assert out.getvalue().endswith("}\n")
    assert _strip_exported_at(out.getvalue()) == _strip_exported_at(export_text(rich.cast.collab))


def test_export_to_a_file(rich, tmp_path):
    path = tmp_path / "rits.json"
    out = io.StringIO()
    call_command("export", str(rich.cast.collab.pk), "-o", str(path), stdout=out)
    assert _strip_exported_at(path.read_text(encoding="utf-8")) == _strip_exported_at(
        export_text(rich.cast.collab)
    )
    assert str(path) in out.getvalue()


def test_export_of_an_unknown_collaboration_exits_2(db):
    with pytest.raises(CommandError) as exc:
        call_command("export", "999999", stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_import_from_a_file(rich, tmp_path):
    path = tmp_path / "rits.json"
    path.write_text(export_text(rich.cast.collab), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import", str(path), "--map", "member.b@example.org=nieuw.lid@example.org", stdout=out
    )
    imported = Collaboration.objects.exclude(pk=rich.cast.collab.pk).get(name="Eén loket")
    assert imported.memberships.filter(user__email="nieuw.lid@example.org").exists()
    text = out.getvalue()
    assert f"als samenwerking {imported.pk}" in text or f"as collaboration {imported.pk}" in text
    assert "nieuw.lid@example.org" in text


def test_import_of_a_bad_file_exits_2_and_changes_nothing(rich, tmp_path):
    path = tmp_path / "rits.json"
    data = json.loads(export_text(rich.cast.collab))
    data["collaboration"]["rounds"][0]["responses"][0]["answers"]["1.1"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    before = row_counts()
    with translation.override("en"), pytest.raises(CommandError) as exc:
        call_command("import", str(path), stdout=io.StringIO())
    assert exc.value.returncode == 2
    response = data["collaboration"]["rounds"][0]["responses"][0]["id"]
    assert str(exc.value) == (
        f"{path}: round “Nulmeting”, response {response}, answers.1.1: must be a whole "
        "number from 1 to 5 or null (don't know), not 9."
    )
    assert row_counts() == before


def test_import_with_a_malformed_map_exits_2(rich, tmp_path):
    path = tmp_path / "rits.json"
    path.write_text(export_text(rich.cast.collab), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import", str(path), "--map", "zonder-is-teken", stdout=io.StringIO())
    assert exc.value.returncode == 2


# --- on the command line: bad files never reach a database -----------------------------


def _run(args, tmp_path, language="en"):
    """``ritsen ARGS…`` as a user runs it (in this process, see ``tests/cli.py``)."""
    return run_ritsen(*args, language=language)


def _run_process(args, tmp_path, language="en"):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in (*LANGUAGE_VARIABLES, "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["RITSEN_DATA_DIR"] = str(tmp_path / "data")
    if language:
        env["RITSEN_CLI_LANGUAGE"] = language
    return subprocess.run(
        [str(RITSEN), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def _bad_files(text):
    def changed(change):
        data = json.loads(text)
        change(data)
        return json.dumps(data)

    return {
        "malformed": (text[: len(text) // 2], "The file is not valid JSON"),
        "wrong_format": (
            changed(lambda d: d.update(format="iets-anders")),
            "This is not a Ritsen collaboration export",
        ),
        "future_version": (
            changed(lambda d: d.update(format_version=FORMAT_VERSION + 1)),
            "made by a newer Ritsen",
        ),
        "missing_field": (
            changed(lambda d: d["collaboration"]["parties"][1].pop("organisation")),
            "the party at position 2: organisation is missing.",
        ),
        "unknown_party": (
            changed(
                lambda d: d["collaboration"]["rounds"][0]["releases"][0].update(party="Onbekend")
            ),
            "round “Nulmeting”, the release of Onbekend, party: refers to the party “Onbekend”",
        ),
    }


def test_bad_files_on_the_command_line_exit_2_with_one_line(rich, tmp_path):
    for name, (content, fragment) in _bad_files(export_text(rich.cast.collab)).items():
        path = tmp_path / f"{name}.json"
        path.write_text(content, encoding="utf-8")
        result = _run(["import", str(path)], tmp_path)
        assert result.returncode == 2, (name, result.stderr)
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, (name, result.stderr)
        assert result.stderr.startswith(f"{path}: "), result.stderr
        assert fragment in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert "CommandError" not in result.stderr


def test_bad_file_message_is_dutch_by_default(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{niet json", encoding="utf-8")
    result = _run_process(["import", str(path)], tmp_path, language=None)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "geen geldige JSON" in result.stderr


def test_missing_file_on_the_command_line(tmp_path):
    result = _run(["import", str(tmp_path / "bestaat-niet.json")], tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "cannot read" in result.stderr
