"""How an item's field reads in a list, a history or a document."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _


def cell(item: models.Model, name: str, link_names: Mapping[str, str]) -> str:
    if name == "link_key":
        return link_names.get(item.link_key, item.link_key)  # type: ignore[attr-defined]
    field = item._meta.get_field(name)
    try:
        value: Any = getattr(item, name)
    except ObjectDoesNotExist:  # a history record naming a party that is gone
        return str(_("(removed)"))
    if value is None or value == "":
        return ""
    if getattr(field, "choices", None):
        return str(getattr(item, f"get_{name}_display")())
    if getattr(value, "display_name", None):
        return str(value.display_name)
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    if isinstance(value, Decimal):
        return formats.number_format(value.normalize() if value == value.to_integral() else value)
    return str(value)
