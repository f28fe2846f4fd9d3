"""``ritsen framework validate|load|list``."""

import copy
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ritsen.frameworks.models import Framework
from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH
from tests.cli import run_ritsen

RITSEN = Path(sys.executable).with_name("ritsen")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("framework", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("framework", *[str(a) for a in args], stdout=out, stderr=err)
    return excinfo.value, out.getvalue(), err.getvalue()


@pytest.fixture
def bad_file(write, minimal):
    minimal = copy.deepcopy(minimal)
    minimal["version"] = True
    minimal["thresholds"]["weak"] = 4.5
    minimal["links"][1]["statements"][0]["id"] = 2.1
    return write(minimal, name="bad.yaml")


# --- validate ------------------------------------------------------------------------------


def test_validate_shipped_file():
    out, err = run("validate", DEFAULT_FRAMEWORK_PATH)
    assert out.strip() == "OK: ritsen-9 v1, 9 links, 45 statements"
    assert err == ""


def test_validate_reports_every_problem_with_line_numbers(bad_file):
    error, out, err = run_failing("validate", bad_file)
    assert error.returncode == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("line 2, version: must be a whole number, not true or false")
    assert lines[1].startswith("line ") and "thresholds.weak: weak (4.5) must be below" in lines[1]
    assert "statement 2.1, id: must be a quoted string" in lines[2]
    assert "bad.yaml" in str(error)


def test_validate_several_files(bad_file, write, minimal):
    good = write(minimal, name="good.yaml")
    error, out, err = run_failing("validate", good, bad_file)
    assert error.returncode == 2
    assert out.strip() == f"{good}: OK: mini v1, 2 links, 3 statements"
    assert all(line.startswith(f"{bad_file}: line ") for line in err.strip().splitlines())
    assert "1 of 2 files has problems" in str(error)


def test_validate_syntax_error(write):
    error, _out, err = run_failing("validate", write("id: [x\n"))
    assert error.returncode == 2
    assert err.startswith("line 2, column 1: YAML syntax error")


def test_validate_missing_file(tmp_path):
    error, _out, err = run_failing("validate", tmp_path / "nope.yaml")
    assert error.returncode == 2
    assert "cannot read" in err


def test_validate_needs_no_database(bad_file):
    # No django_db mark: any database access would fail this test.
    run("validate", DEFAULT_FRAMEWORK_PATH)
    run_failing("validate", bad_file)


# --- load and list ---------------------------------------------------------------------------


@pytest.mark.usefixtures("no_frameworks")
def test_load_and_list(write, minimal):
    out, _err = run("load", DEFAULT_FRAMEWORK_PATH)
    assert out.strip() == (
        "Loaded ritsen-9 v1: Ritsen 9 — the nine links (9 links, 45 statements)."
    )
    framework = Framework.objects.get()
    assert framework.source_sha256

    out, _err = run("load", DEFAULT_FRAMEWORK_PATH)
    assert "already loaded with identical content" in out
    assert Framework.objects.count() == 1

    run("load", write(minimal))
    out, _err = run("list")
    lines = out.strip().splitlines()
    assert lines[0].split() == ["slug", "version", "name", "links", "statements", "loaded", "at"]
    assert lines[1].split()[:4] == ["mini", "1", "Mini", "2"]
    assert lines[2].startswith("ritsen-9")
    assert "Ritsen 9 — the nine links" in lines[2]
    assert lines[2].split()[-4:-2] == ["9", "45"]


@pytest.mark.usefixtures("no_frameworks")
def test_load_invalid_file_stores_nothing(bad_file):
    error, _out, err = run_failing("load", bad_file)
    assert error.returncode == 2
    assert len(err.strip().splitlines()) == 3
    assert not Framework.objects.exists()


@pytest.mark.usefixtures("no_frameworks")
def test_load_version_conflict(write, minimal):
    run("load", write(minimal))
    minimal["name"]["en"] = "Changed"
    error, _out, err = run_failing("load", write(minimal, name="changed.yaml"))
    assert error.returncode == 2
    assert "version 1 of mini is already loaded with different content; increase `version`" in err
    assert Framework.objects.get().name_en == "Mini"


@pytest.mark.usefixtures("no_frameworks")
def test_list_without_frameworks():
    out, _err = run("list")
    assert "No frameworks are loaded" in out


def test_action_is_required():
    with pytest.raises(CommandError, match="ACTION"):
        call_command("framework", stdout=StringIO(), stderr=StringIO())


# --- the real console script -----------------------------------------------------------------


def ritsen(*args, tmp_path):
    # English messages, so the assertions below read like the source strings.
    env = {**os.environ, "RITSEN_DATA_DIR": str(tmp_path), "RITSEN_CLI_LANGUAGE": "en"}
    return subprocess.run(
        [str(RITSEN), "framework", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


pytestmark_script = pytest.mark.skipif(not RITSEN.exists(), reason="console script not installed")


def test_script_validate_ok(db):
    result = run_ritsen("framework", "validate", DEFAULT_FRAMEWORK_PATH)
    assert result.returncode == 0, result.stderr
    assert "ritsen-9 v1" in result.stdout
    assert "45" in result.stdout


@pytestmark_script
def test_script_validate_exits_2_with_problems_on_stderr(bad_file, tmp_path):
    result = ritsen("validate", bad_file, tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "line 2, version:" in result.stderr
    assert "thresholds.weak" in result.stderr
    assert "statement 2.1, id" in result.stderr


def test_script_help():
    result = run_ritsen("framework", "validate", "--help")
    assert result.returncode == 0
    assert "status 2" in result.stdout
