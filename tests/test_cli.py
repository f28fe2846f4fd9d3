import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import run_ritsen

RITSEN = str(Path(sys.executable).parent / "ritsen")


def _run(*args, **env):
    # The test process allows async-unsafe calls for the browser tests; a deployment must not.
    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env.update(env)
    return subprocess.run(
        [RITSEN, *args], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RITSEN_DEBUG="false",
        RITSEN_SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-1234567890",
        RITSEN_ALLOWED_HOSTS="ritsen.example.nl",
        RITSEN_SSL_REDIRECT="true",
        RITSEN_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _without(*names):
    drop = {"DJANGO_ALLOW_ASYNC_UNSAFE", *names}
    return {k: v for k, v in os.environ.items() if k not in drop}


def _run_in(cwd, *args, env):
    """``ritsen ARGS…`` in a new process, in ``cwd``, with exactly ``env``."""
    return subprocess.run(
        [RITSEN, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


NO_KEY = ("RITSEN_SECRET_KEY", "RITSEN_SECRET_KEY_FILE")


@pytest.mark.parametrize("command", ["check", "serve", "score"])
def test_without_a_secret_key_every_command_refuses_to_start(tmp_path, command):
    result = _run_in(tmp_path, command, env={**_without(*NO_KEY), "RITSEN_DEBUG": "false"})
    assert result.returncode == 2
    assert result.stderr.startswith("ritsen: configuration error: RITSEN_SECRET_KEY is not set")
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "var").exists()


def test_a_missing_secret_file_is_a_configuration_error(tmp_path):
    env = {
        **_without(*NO_KEY),
        "RITSEN_SECRET_KEY_FILE": str(tmp_path / "nope"),
        "RITSEN_DEBUG": "false",
    }
    result = _run_in(tmp_path, "check", env=env)
    assert result.returncode == 2
    assert "RITSEN_SECRET_KEY_FILE points to" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_setting_names_the_variable(tmp_path):
    result = _run("check", RITSEN_PORT="eighty")
    assert result.returncode == 2
    assert "RITSEN_PORT must be a whole number, not 'eighty'" in result.stderr


def test_data_dir_defaults_to_var_in_the_working_directory(tmp_path):
    env = _without("RITSEN_DATA_DIR", "DATABASE_URL")
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'ritsen.settings';"
        "from django.conf import settings;"
        "print(settings.DATA_DIR); print(settings.DATABASES['default']['NAME'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    data_dir, database = result.stdout.split()
    assert Path(data_dir) == (tmp_path / "var").resolve()
    assert Path(database) == (tmp_path / "var" / "ritsen.sqlite3").resolve()
    # Importing the settings creates nothing; the `ritsen` command makes the folder.
    assert not (tmp_path / "var").exists()
    assert _run_in(tmp_path, "check", env=env).returncode == 0
    assert (tmp_path / "var").is_dir()


def test_compiletranslations_needs_no_configuration(tmp_path):
    env = {**_without(*NO_KEY), "RITSEN_DEBUG": "false"}
    result = _run_in(tmp_path, "compiletranslations", env=env)
    assert result.returncode == 0, result.stderr
    assert "nl/LC_MESSAGES/django.po: 100% translated" in result.stdout


def test_help_lists_ritsen_commands():
    result = _run("help")
    assert result.returncode == 0
    for command in ("serve", "demo", "framework", "score", "migrate", "createsuperuser"):
        assert command in result.stdout
    for command in ("serve", "demo", "framework", "score", "cron"):
        assert run_ritsen(command, "--help").returncode == 0
