"""What export and import share: the format's name and version, errors, JSON text."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext as _

from ..schema import FORMAT, FORMAT_VERSION

#: The longest number a file may contain (digits); every integer field fits in it.
MAX_DIGITS = 18

__all__ = ["FORMAT", "FORMAT_VERSION", "MAX_DIGITS", "TransferError", "dump", "load"]


class TransferError(Exception):
    """A file that cannot be imported (or a collaboration that cannot be exported).

    The message is one translated sentence for the user, naming the place in the file
    as the file names it (``party “Gemeente Aa”, created_at``) when there is one.
    """


def format_datetime(value: datetime | None) -> str | None:
    """UTC, always with microseconds, so that text order is time order."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def dump(data: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, two-space indent, UTF-8 text, a final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


class _Refused(Exception):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(
                _("The file has the key “%(key)s” twice in one object; each key may occur once.")
                % {"key": key}
            )
        result[key] = value
    return result


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(
            _("The file contains a number of %(digits)d digits, more than any field can hold.")
            % {"digits": len(text.lstrip("-"))}
        )
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_DIGITS:
        raise _Refused(
            _("The file contains the number %(number)s…, which no field can hold.")
            % {"number": text[:20]}
        )
    return value


def _constant(name: str) -> Any:
    raise _Refused(_("The file contains %(name)s, which is not a number in JSON.") % {"name": name})


def load(raw: bytes | str) -> Any:
    """Parse the text of an export file; :class:`TransferError` if it is not sound JSON."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TransferError(_("The file is not UTF-8 text, so it is not an export.")) from None
    try:
        return json.loads(
            raw,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_real,
            parse_constant=_constant,
        )
    except _Refused as refused:
        raise TransferError(str(refused)) from None
    except json.JSONDecodeError as exc:
        raise TransferError(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    except (RecursionError, ValueError):
        raise TransferError(_("The file is nested too deeply to be an export.")) from None
