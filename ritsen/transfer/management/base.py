"""What the ``export`` and ``import`` commands share."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

EXIT_BAD_INPUT = 2


class TransferCommand(BaseCommand):
    """Problems are one plain line on stderr (no "CommandError:", no traceback)."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except DatabaseError as exc:
            error = CommandError(
                _("The database is not ready (%(error)s). Run `ritsen migrate` first.")
                % {"error": " ".join(str(exc).split())}
            )
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise error from exc
            self._fail(error)
        except CommandError as exc:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self._fail(exc)
        return None

    def _fail(self, exc: CommandError) -> None:
        self.stderr.write(" ".join(str(exc).split()))
        sys.exit(exc.returncode)


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_BAD_INPUT)
