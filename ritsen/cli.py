"""The ``ritsen`` console script.

It is Django's ``manage.py`` with Ritsen's settings, so every management command is
reachable (``ritsen migrate``, ``ritsen createsuperuser``, ``ritsen demo`` …), plus
``ritsen serve`` to run the application.

Messages are Dutch by default, like the web interface; ``RITSEN_CLI_LANGUAGE=en`` (or
an English ``LC_ALL``/``LC_MESSAGES``/``LANG`` locale) switches them to English.

A configuration that cannot work (no secret key with DEBUG off, an unreadable
``*_FILE``, a malformed number) stops every command with one line on stderr and exit
code 2, before anything runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

EXIT_CONFIGURATION = 2


def cli_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language for command output, from the environment; ``None``: the default."""
    from ritsen.core.languages import supported

    explicit = environ.get("RITSEN_CLI_LANGUAGE", "").strip()
    if explicit:
        return supported(explicit)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return supported(value)
    return None


def _compile_translations_only(argv: list[str]) -> bool:
    """``ritsen compiletranslations`` is a build step: it needs no configuration."""
    if argv[1:] != ["compiletranslations"]:
        return False
    from ritsen.core.translations import compile_catalogues

    locale_dir = Path(__file__).resolve().parent / "locale"
    for line in compile_catalogues([locale_dir]):
        print(line)
    return True


def _ensure_data_dir() -> None:
    """Create the folder of a SQLite database (never on import of the settings)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = str(database.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)


def ensure_demo_key(environ: Mapping[str, str] = os.environ) -> None:
    """In demo mode without a configured key: generate one, once, into the data
    folder (readable by its owner only), before the settings load."""
    from ritsen.env import env_bool, env_path, env_str

    if env_str("RITSEN_SECRET_KEY") or env_bool("RITSEN_DEBUG") or not env_bool("RITSEN_DEMO"):
        return
    key_file = env_path("RITSEN_DATA_DIR", "var") / "secret_key"
    if key_file.exists():
        return
    import secrets

    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process was first
        return
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(50) + "\n")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ritsen"
    if _compile_translations_only(argv):
        return

    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        ensure_demo_key()
        django.setup()
    except ImproperlyConfigured as error:
        sys.stderr.write(f"ritsen: configuration error: {error}\n")
        sys.exit(EXIT_CONFIGURATION)
    _ensure_data_dir()
    run(argv)


def run(argv: list[str]) -> None:
    """Run one command with Django set up (the tests call this in-process)."""
    from django.core.management import execute_from_command_line
    from django.utils import translation

    language = cli_language()
    if language:
        translation.activate(language)
    execute_from_command_line(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
