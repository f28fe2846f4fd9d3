"""Plain, immutable description of an assessment framework (no ORM).

A framework file (YAML) is validated by :mod:`ritsen.frameworks.validation` and turned
into a :class:`FrameworkSpec`. The database stores the validated data as JSON and turns
it back into a spec with :func:`FrameworkSpec.from_dict`, so every consumer — views,
scoring, reports, the offline ``ritsen score`` command — works with the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from ritsen.core.languages import CODES

LANGS = CODES


@dataclass(frozen=True)
class Text:
    """A text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str | None = None) -> str:
        lang = (lang or get_language() or "nl")[:2]
        return self.en if lang == "en" else self.nl

    def __str__(self) -> str:
        return self.get()

    def as_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}

    @classmethod
    def of(cls, data: dict[str, str]) -> Text:
        return cls(nl=data["nl"], en=data["en"])

    @classmethod
    def from_dict(cls, data: dict[str, str] | None) -> Text | None:
        return None if data is None else cls.of(data)


#: The smallest anonymity threshold a framework may set: results of a group are shown
#: only when at least this many respondents count for it.
MIN_RESPONDENTS_FLOOR = 3


@dataclass(frozen=True)
class Thresholds:
    strong: Decimal
    weak: Decimal
    gap: Decimal
    min_respondents: int
    min_answered: Decimal


@dataclass(frozen=True)
class Statement:
    id: str
    text: Text
    reverse: bool = False


@dataclass(frozen=True)
class Link:
    id: int
    key: str
    name: Text
    question: Text
    statements: tuple[Statement, ...]
    description: Text | None = None
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class FrameworkSpec:
    id: str
    version: int
    name: Text
    scale_min: int
    scale_max: int
    thresholds: Thresholds
    links: tuple[Link, ...]
    description: Text | None = None
    # Optional labels per scale point, e.g. {1: Text("Helemaal oneens", ...)}.
    scale_labels: dict[int, Text] = field(default_factory=dict)

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for link in self.links for s in link.statements)

    def link(self, link_id: int) -> Link:
        for link in self.links:
            if link.id == link_id:
                return link
        raise KeyError(link_id)

    def statement_link(self) -> dict[str, Link]:
        """Map every statement id to the link it belongs to."""
        return {s.id: link for link in self.links for s in link.statements}

    # --- (de)serialisation to the JSON stored in the database -------------------------

    def to_dict(self) -> dict[str, Any]:
        def opt(text: Text | None) -> dict[str, str] | None:
            return text.as_dict() if text else None

        data: dict[str, Any] = {
            "id": self.id,
            "version": self.version,
            "name": self.name.as_dict(),
            "scale": {"min": self.scale_min, "max": self.scale_max},
            "thresholds": {
                "strong": str(self.thresholds.strong),
                "weak": str(self.thresholds.weak),
                "gap": str(self.thresholds.gap),
                "min_respondents": self.thresholds.min_respondents,
                "min_answered": str(self.thresholds.min_answered),
            },
            "links": [
                {
                    "id": link.id,
                    "key": link.key,
                    "name": link.name.as_dict(),
                    "question": link.question.as_dict(),
                    "description": opt(link.description),
                    "weight": str(link.weight),
                    "statements": [
                        {"id": s.id, "text": s.text.as_dict(), "reverse": s.reverse}
                        for s in link.statements
                    ],
                }
                for link in self.links
            ],
            "description": opt(self.description),
        }
        if self.scale_labels:
            data["scale"]["labels"] = {str(k): v.as_dict() for k, v in self.scale_labels.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FrameworkSpec:
        """Build a spec from already validated data (see ``validation.parse``)."""
        t = data["thresholds"]
        scale = data["scale"]
        return cls(
            id=data["id"],
            version=int(data["version"]),
            name=Text.of(data["name"]),
            description=Text.from_dict(data.get("description")),
            scale_min=int(scale["min"]),
            scale_max=int(scale["max"]),
            scale_labels={int(k): Text.of(v) for k, v in (scale.get("labels") or {}).items()},
            thresholds=Thresholds(
                strong=Decimal(str(t["strong"])),
                weak=Decimal(str(t["weak"])),
                gap=Decimal(str(t["gap"])),
                min_respondents=int(t["min_respondents"]),
                min_answered=Decimal(str(t["min_answered"])),
            ),
            links=tuple(
                Link(
                    id=int(link["id"]),
                    key=link["key"],
                    name=Text.of(link["name"]),
                    question=Text.of(link["question"]),
                    description=Text.from_dict(link.get("description")),
                    weight=Decimal(str(link.get("weight", 1))),
                    statements=tuple(
                        Statement(
                            id=str(s["id"]),
                            text=Text.of(s["text"]),
                            reverse=bool(s.get("reverse", False)),
                        )
                        for s in link["statements"]
                    ),
                )
                for link in data["links"]
            ),
        )
