"""``ritsen export COLLABORATION_ID [-o FILE.json]`` — a collaboration as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ritsen.collaborations.models import Collaboration
from ritsen.transfer.management.base import TransferCommand, bad_input
from ritsen.transfer.services import dump, export_collaboration


class Command(TransferCommand):
    help = (
        "Export one collaboration with its parties, people, profiles, rounds and answers "
        "as JSON, to move it to another installation or keep it as a backup. Passwords "
        "and link secrets are never exported. See `ritsen import`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "collaboration_id", type=int, metavar="COLLABORATION_ID", help="the id in the URL"
        )
        parser.add_argument(
            "-o", "--output", metavar="FILE.json", help="write to this file instead of stdout"
        )

    def handle(self, *args: Any, collaboration_id: int, output: str | None, **options) -> None:
        collaboration = Collaboration.objects.filter(pk=collaboration_id).first()
        if collaboration is None:
            raise bad_input(
                _("There is no collaboration with id %(id)d.") % {"id": collaboration_id}
            )
        text = dump(export_collaboration(collaboration))
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise bad_input(
                _("%(file)s: cannot write the file (%(reason)s)")
                % {"file": output, "reason": exc.strerror or exc}
            ) from None
        self.stdout.write(
            _("Exported “%(name)s” to %(file)s.") % {"name": collaboration.name, "file": output}
        )
