import os
import subprocess
import sys
from pathlib import Path

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


def test_missing_secret_key_is_reported_by_check_deploy(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("RITSEN_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    result = subprocess.run(
        [RITSEN, "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={
            **env,
            "RITSEN_DEBUG": "false",
            "RITSEN_ALLOWED_HOSTS": "x",
            "RITSEN_DATA_DIR": str(tmp_path),
        },
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_help_lists_ritsen_commands():
    result = _run("help")
    assert result.returncode == 0
    for command in ("serve", "demo", "framework", "score", "migrate", "createsuperuser"):
        assert command in result.stdout
    for command in ("serve", "demo", "framework", "score"):
        assert _run(command, "--help").returncode == 0
