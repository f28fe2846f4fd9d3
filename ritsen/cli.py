"""The ``ritsen`` console script.

It is Django's ``manage.py`` with Ritsen's settings, so every management command is
reachable (``ritsen migrate``, ``ritsen createsuperuser``, ``ritsen demo`` …), plus
``ritsen serve`` to run the application.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ritsen"
    execute_from_command_line(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
