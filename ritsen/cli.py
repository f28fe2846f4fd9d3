"""The ``ritsen`` console script.

It is Django's ``manage.py`` with Ritsen's settings, so every management command is
reachable (``ritsen migrate``, ``ritsen createsuperuser``, ``ritsen demo`` …), plus
``ritsen serve`` to run the application.

Messages are Dutch by default, like the web interface; ``RITSEN_CLI_LANGUAGE=en`` (or
an English ``LC_ALL``/``LC_MESSAGES``/``LANG`` locale) switches them to English.
"""

from __future__ import annotations

import os
import sys


def cli_language(environ=os.environ) -> str | None:
    """The language for command output, from the environment; ``None``: the default."""
    explicit = environ.get("RITSEN_CLI_LANGUAGE", "").strip().lower()
    if explicit:
        return explicit[:2] if explicit[:2] in ("nl", "en") else None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value:
            return value[:2] if value[:2] in ("nl", "en") else None
    return None


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ritsen"
    language = cli_language()
    if language:
        django.setup()
        translation.activate(language)
    execute_from_command_line(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
