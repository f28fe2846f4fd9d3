"""What export and import share: the format's name and version, errors, JSON text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext as _

FORMAT = "ritsen-collaboration"
FORMAT_VERSION = 1


class TransferError(Exception):
    """A file that cannot be imported (or a collaboration that cannot be exported).

    The message is one translated sentence for the user, naming the place in the file
    (e.g. ``collaboration.parties[1].organisation``) when there is one.
    """


def format_datetime(value: datetime | None) -> str | None:
    """UTC, always with microseconds, so that text order is time order."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def dump(data: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, two-space indent, UTF-8 text, a final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def load(raw: bytes | str) -> Any:
    """Parse the text of an export file; :class:`TransferError` if it is not JSON."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TransferError(_("The file is not UTF-8 text, so it is not an export.")) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TransferError(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    except RecursionError:
        raise TransferError(_("The file is nested too deeply to be an export.")) from None
