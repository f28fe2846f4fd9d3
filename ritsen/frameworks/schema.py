"""The framework file format, declared as pydantic models: this *is* the specification.

A framework file (YAML, or the ``data`` of a framework in a transfer file) must match
:class:`FrameworkDocument`. Types, required and unknown keys, and limits are declared
here — limits that the database imposes come from the model fields
(:class:`~ritsen.frameworks.models.Framework`), not from literals. Rules that relate
several values (thresholds inside the scale, unique ids) live in
:func:`consistency_problems`, which also runs on a document whose types are wrong, so
that a file's problems are reported all at once.

Messages are produced by :mod:`ritsen.frameworks.validation`, which names places as
the author thinks of them ("link 2 (processes)", "statement 4.3").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Annotated, Any

from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from ritsen.core.schema_messages import custom, shown

from .spec import MIN_RESPONDENTS_FLOOR, FrameworkSpec, Link, Statement, Text, Thresholds

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
STATEMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
SLUG_RE = re.compile(SLUG_PATTERN)
KEY_MAX_LENGTH = 50  # a link key is part of export files and URLs; keep it short
STATEMENT_ID_MAX_LENGTH = 20  # statement ids are keys in every stored answer


def _field(name: str) -> Any:
    from .models import Framework

    return Framework._meta.get_field(name)


def _integer_range(internal_type: str) -> tuple[int, int]:
    # The smallest range any supported database gives this kind of column.
    return BaseDatabaseOperations.integer_field_ranges[internal_type]


SLUG_MAX_LENGTH: int = _field("slug").max_length
NAME_MAX_LENGTH: int = _field("name_nl").max_length
MAX_VERSION: int = _integer_range(_field("version").get_internal_type())[1]


# --- value types ------------------------------------------------------------------


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value  # pydantic reports the type
    if isinstance(value, float) and not math.isfinite(value):
        raise custom(_("must be a finite number"))
    return Decimal(str(value))


def _statement_id(value: Any) -> Any:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise custom(
            _(
                'must be a quoted string such as "%(value)s": YAML reads an unquoted '
                "%(value)s as a number"
            )
            % {"value": shown(value)}
        )
    return value


def _scale_point(value: Any) -> Any:
    """Label keys: integers in YAML, digit strings in JSON (where keys are text)."""
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,9}", value):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise custom(
            _("%(value)s is not a scale point: label keys must be whole numbers")
            % {"value": shown(value)}
        )
    return value


Number = Annotated[Decimal, BeforeValidator(_number), Field(allow_inf_nan=False)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ScalePoint = Annotated[int, BeforeValidator(_scale_point)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class TextIn(_Strict):
    """A text in Dutch and English; both must be there and not be empty."""

    nl: NonEmpty
    en: NonEmpty

    def to_text(self) -> Text:
        return Text(nl=self.nl, en=self.en)


class NameIn(TextIn):
    nl: Annotated[NonEmpty, StringConstraints(max_length=NAME_MAX_LENGTH)]
    en: Annotated[NonEmpty, StringConstraints(max_length=NAME_MAX_LENGTH)]


class ScaleIn(_Strict):
    min: StrictInt
    max: StrictInt
    labels: dict[ScalePoint, TextIn] = Field(default_factory=dict)


def _anonymous_enough(value: int) -> int:
    if value < MIN_RESPONDENTS_FLOOR:
        raise custom(
            _(
                "must be at least %(floor)d, not %(value)d: with fewer respondents in a "
                "group, one person's answers could be worked out from the results"
            )
            % {"floor": MIN_RESPONDENTS_FLOOR, "value": value}
        )
    return value


class ThresholdsIn(_Strict):
    strong: Number
    weak: Number
    gap: Annotated[Number, Field(gt=0)]
    min_respondents: Annotated[StrictInt, AfterValidator(_anonymous_enough)]
    min_answered: Annotated[Number, Field(gt=0, le=1)]


class StatementIn(_Strict):
    id: Annotated[
        str,
        BeforeValidator(_statement_id),
        StringConstraints(pattern=STATEMENT_ID_PATTERN, max_length=STATEMENT_ID_MAX_LENGTH),
    ]
    text: TextIn
    reverse: StrictBool = False


class LinkIn(_Strict):
    id: Annotated[StrictInt, Field(ge=1, le=MAX_VERSION)]
    key: Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=KEY_MAX_LENGTH)]
    name: TextIn
    question: TextIn
    description: TextIn | None = None
    weight: Annotated[Number, Field(gt=0)] = Decimal(1)
    statements: Annotated[list[StatementIn], Field(min_length=1)]


class FrameworkDocument(_Strict):
    """A whole framework file."""

    id: Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]
    version: Annotated[StrictInt, Field(ge=1, le=MAX_VERSION)]
    name: NameIn
    description: TextIn | None = None
    scale: ScaleIn
    thresholds: ThresholdsIn
    links: Annotated[list[LinkIn], Field(min_length=1)]

    def to_spec(self) -> FrameworkSpec:
        t = self.thresholds
        return FrameworkSpec(
            id=self.id,
            version=self.version,
            name=self.name.to_text(),
            description=self.description.to_text() if self.description else None,
            scale_min=self.scale.min,
            scale_max=self.scale.max,
            scale_labels={
                point: label.to_text() for point, label in sorted(self.scale.labels.items())
            },
            thresholds=Thresholds(
                strong=t.strong,
                weak=t.weak,
                gap=t.gap,
                min_respondents=t.min_respondents,
                min_answered=t.min_answered,
            ),
            links=tuple(
                Link(
                    id=link.id,
                    key=link.key,
                    name=link.name.to_text(),
                    question=link.question.to_text(),
                    description=link.description.to_text() if link.description else None,
                    weight=link.weight,
                    statements=tuple(
                        Statement(id=s.id, text=s.text.to_text(), reverse=s.reverse)
                        for s in link.statements
                    ),
                )
                for link in self.links
            ),
        )


# --- rules between values (run on raw data, so they work next to type errors) ------

Loc = tuple[str | int, ...]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Decimal(str(value))


def _show(value: Decimal | int) -> str:
    return str(value)


def consistency_problems(data: Any) -> Iterator[tuple[Loc, str]]:
    """Problems between values: the scale, the thresholds on it, unique ids and keys."""
    if not isinstance(data, Mapping):
        return
    scale = data.get("scale")
    bounds = None
    if isinstance(scale, Mapping):
        lo, hi = _int(scale.get("min")), _int(scale.get("max"))
        if lo is not None and hi is not None:
            if lo >= hi:
                yield (
                    ("scale",),
                    _("min (%(min)s) must be less than max (%(max)s)") % {"min": lo, "max": hi},
                )
            else:
                bounds = (lo, hi)
        labels = scale.get("labels")
        if bounds and isinstance(labels, Mapping):
            for key in labels:
                try:
                    point = _scale_point(key)
                except PydanticCustomError:
                    continue  # reported by the schema
                if not bounds[0] <= point <= bounds[1]:
                    yield (
                        ("scale", "labels", str(key)),
                        _("scale point %(point)s is outside the scale %(min)s–%(max)s")
                        % {"point": point, "min": bounds[0], "max": bounds[1]},
                    )
    thresholds = data.get("thresholds")
    if isinstance(thresholds, Mapping):
        numbers = {key: _num(thresholds.get(key)) for key in ("strong", "weak", "gap")}
        if bounds:
            lo, hi = bounds
            for key in ("strong", "weak"):
                value = numbers[key]
                if value is not None and not lo <= value <= hi:
                    yield (
                        ("thresholds", key),
                        _("%(value)s is outside the scale %(min)s–%(max)s")
                        % {"value": _show(value), "min": lo, "max": hi},
                    )
            gap = numbers["gap"]
            if gap is not None and gap > hi - lo:
                yield (
                    ("thresholds", "gap"),
                    _("%(value)s is larger than the width of the scale (%(width)s)")
                    % {"value": _show(gap), "width": hi - lo},
                )
        strong, weak = numbers["strong"], numbers["weak"]
        if strong is not None and weak is not None and weak >= strong:
            yield (
                ("thresholds", "weak"),
                _("weak (%(weak)s) must be below strong (%(strong)s)")
                % {"weak": _show(weak), "strong": _show(strong)},
            )
    yield from _duplicates(data.get("links"))


def _duplicates(links: Any) -> Iterator[tuple[Loc, str]]:
    if not isinstance(links, list):
        return
    ids: dict[int, int] = {}
    keys: dict[str, int] = {}
    statements: dict[str, tuple[int, int]] = {}
    for index, link in enumerate(links):
        if not isinstance(link, Mapping):
            continue
        link_id = _int(link.get("id"))
        if link_id is not None:
            if link_id in ids:
                yield (("links", index, "id"), _("link id %(id)s is used twice") % {"id": link_id})
            ids.setdefault(link_id, index)
        key = link.get("key")
        if isinstance(key, str) and key:
            if key in keys:
                yield (
                    ("links", index, "key"),
                    _("link key %(key)s is used twice") % {"key": key},
                )
            keys.setdefault(key, index)
        items = link.get("statements")
        if not isinstance(items, list):
            continue
        for position, statement in enumerate(items):
            if not isinstance(statement, Mapping):
                continue
            statement_id = statement.get("id")
            if isinstance(statement_id, str) and statement_id:
                if statement_id in statements:
                    yield (
                        ("links", index, "statements", position, "id"),
                        _("statement id %(id)s is used twice") % {"id": statement_id},
                    )
                statements.setdefault(statement_id, (index, position))
