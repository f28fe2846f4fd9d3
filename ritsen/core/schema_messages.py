"""Say what pydantic found, in the user's language, in words a file's author knows.

pydantic's own messages are English and speak of Python types ("Input should be a
valid integer"). Each reader of a file format (frameworks, transfer files, the API)
names the *place* itself; this module words the *problem*.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from pydantic_core import ErrorDetails, PydanticCustomError


def custom(message: str, **context: Any) -> PydanticCustomError:
    """An error whose (already translated) message is shown as it is."""
    return PydanticCustomError("ritsen", "{message}", {"message": message, **context})


def shown(value: Any, limit: int = 40) -> str:
    """A value from a file, as it may appear in a one-line message: control characters
    escaped and long values cut."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if not text.isprintable() or text != text.strip() or not text:
        text = json.dumps(text, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind_of(value: Any) -> str:
    """What a value is, for "must be X, not Y"."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int):
        return _("a whole number")
    if isinstance(value, float | Decimal):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, Mapping):
        return _("a mapping")
    if isinstance(value, list | tuple):
        return _("a list")
    return _("a value of type %(type)s") % {"type": type(value).__name__}


def message_for(error: ErrorDetails) -> str:
    """The problem of one pydantic error, as a phrase that follows its place."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    loc = error["loc"]
    last = loc[-1] if loc else ""
    if kind == "ritsen":
        return str(ctx["message"])
    if kind == "missing":
        return _("%(key)s is missing") % {"key": shown(last)}
    if kind == "extra_forbidden":
        return _("%(key)s is not a key of this format here") % {"key": shown(last)}
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("is too long: at most %(max)d characters") % {"max": ctx.get("max_length")}
    if kind in ("int_type", "int_from_float", "int_parsing", "int_parsing_size"):
        return _("must be a whole number, not %(kind)s") % {"kind": kind_of(value)}
    if kind in ("decimal_type", "decimal_parsing", "float_type", "is_instance_of"):
        return _("must be a number, not %(kind)s") % {"kind": kind_of(value)}
    if kind == "bool_type":
        return _("must be true or false, not %(kind)s") % {"kind": kind_of(value)}
    if kind == "string_type":
        return _("must be text, not %(kind)s") % {"kind": kind_of(value)}
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("must be a mapping, not %(kind)s") % {"kind": kind_of(value)}
    if kind == "list_type":
        return _("must be a list, not %(kind)s") % {"kind": kind_of(value)}
    if kind == "too_short":
        return _("must not be empty")
    if kind == "greater_than":
        return _("must be greater than %(limit)s") % {"limit": ctx.get("gt")}
    if kind == "greater_than_equal":
        return _("must be at least %(limit)s") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("must be at most %(limit)s") % {"limit": ctx.get("le")}
    if kind == "less_than":
        return _("must be less than %(limit)s") % {"limit": ctx.get("lt")}
    if kind == "finite_number":
        return _("must be a finite number")
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return _("must be one of %(choices)s, not %(value)s") % {
            "choices": expected,
            "value": shown(value),
        }
    if kind in ("uuid_type", "uuid_parsing"):
        return _("must be a UUID, not %(value)s") % {"value": shown(value)}
    if kind in (
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "timezone_aware",
    ):
        return _(
            "must be a date and time with a time zone, such as 2025-03-01T09:30:00Z, not %(value)s"
        ) % {"value": shown(value)}
    return _("is not valid here")
