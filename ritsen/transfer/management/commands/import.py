"""``ritsen import FILE.json [--map OLD=NEW ...]`` — a collaboration from an export.

(The module is called ``import``: Django loads commands with ``importlib``, so a Python
keyword is fine as a command name.)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.assessments.models import RoundState
from ritsen.transfer.management.base import TransferCommand, bad_input
from ritsen.transfer.services import TransferError, import_collaboration


class Command(TransferCommand):
    help = (
        "Import a collaboration from a file made by `ritsen export` (or the web export). "
        "Always creates a new collaboration; all or nothing. People are matched by email "
        "address and organisations by name; missing people get an account without a "
        "password (they use “forgot password”)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE.json", help="the export file, or - for stdin")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            dest="mappings",
            metavar="OLD=NEW",
            help="use email address NEW here for OLD in the file (repeatable)",
        )

    def handle(self, *args: Any, file: str, mappings: list[str], **options) -> None:
        user_map = {}
        for item in mappings:
            old, sep, new = item.partition("=")
            if not sep or not old.strip() or not new.strip():
                raise bad_input(
                    _("--map needs OLD=NEW, e.g. old@example.org=new@example.org, not %(value)s.")
                    % {"value": item}
                )
            user_map[old.strip()] = new.strip()
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise bad_input(
                _("cannot read %(path)s: %(reason)s")
                % {"path": file, "reason": exc.strerror or exc}
            ) from None
        try:
            result = import_collaboration(raw, user_map=user_map)
        except TransferError as exc:
            raise bad_input(f"{file}: {exc}") from None

        collaboration = result.collaboration
        lines = [
            _("Imported “%(name)s” as collaboration %(id)d.")
            % {"name": collaboration.name, "id": collaboration.pk}
        ]
        if result.created_users:
            lines.append(
                _("New accounts (they choose a password with “Forgot your password?”): %(emails)s")
                % {"emails": ", ".join(result.created_users)}
            )
        if result.existing_users:
            lines.append(
                _("Existing accounts: %(emails)s") % {"emails": ", ".join(result.existing_users)}
            )
        if result.mapped_users:
            lines.append(
                _("Mapped: %(pairs)s")
                % {"pairs": ", ".join(f"{a} → {b}" for a, b in result.mapped_users.items())}
            )
        if result.created_frameworks:
            lines.append(
                _("New frameworks: %(frameworks)s")
                % {"frameworks": ", ".join(result.created_frameworks)}
            )
        if result.revoked_invitations:
            lines.append(
                ngettext(
                    "%(count)d pending invitation was revoked: its link cannot be moved.",
                    "%(count)d pending invitations were revoked: their links cannot be moved.",
                    result.revoked_invitations,
                )
                % {"count": result.revoked_invitations}
            )
        if collaboration.rounds.filter(state=RoundState.OPEN).exists():
            lines.append(
                _(
                    "The respondent links of the open round do not work here; revoke them and "
                    "invite the respondents again or generate new links."
                )
            )
        for line in lines:
            self.stdout.write(line)
