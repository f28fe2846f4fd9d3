"""How complete a link's register is: pure functions over plain data (no ORM).

Each register's function takes a :class:`RegisterData` — the collaboration's parties
and, per kind of item, its items as plain mappings — and returns a
:class:`Completeness`: the checks that hold out of all checks (shown as 0–100 %), and
a sentence for each check that does not, in the active language. A link whose
register is not built yet has no completeness (``None``), which pages show as "not
available yet" — never as 0 %.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PartyRef:
    id: int
    name: str
    role: str = ""  # client (opdrachtgever), contractor (opdrachtnemer) or partner


@dataclass(frozen=True)
class RegisterData:
    parties: Sequence[PartyRef]
    items: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)

    def of(self, kind: str) -> Sequence[Mapping[str, Any]]:
        return self.items.get(kind, ())


@dataclass(frozen=True)
class Completeness:
    done: int
    total: int
    missing: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        """0–100, rounded down: 100 % only when nothing is missing."""
        if self.total == 0:
            return 100
        return self.done * 100 // self.total

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @classmethod
    def of(cls, checks: Iterable[tuple[bool, str | Promise]]) -> Completeness:
        """From ``(holds, what is missing if it does not)`` pairs."""
        results = list(checks)
        return cls(
            done=sum(1 for holds, _ in results if holds),
            total=len(results),
            missing=tuple(str(text) for holds, text in results if not holds),
        )


def filled(value: object) -> bool:
    """A text with something in it, or any other value that is set."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None
