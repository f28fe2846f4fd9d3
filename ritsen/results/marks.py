"""Marks that apps above ``results`` add to each link wherever the links are listed
with their scores — the home page's links, the zipper's table, the dialogue agenda
(the workspace shows how complete each link's register is: "strong scores, empty
register" at a glance). ``results`` does not import those apps: they register here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ritsen.collaborations.access import Access


@dataclass(frozen=True)
class LinkMark:
    key: str
    label: str | Any  # the column's heading
    template: str  # drawn with ``value`` (this link's) and ``link``
    values: Callable[[Access], Mapping[str, Any]]  # per link key


_MARKS: list[LinkMark] = []


def register(mark: LinkMark) -> None:
    if all(known.key != mark.key for known in _MARKS):
        _MARKS.append(mark)


@dataclass(frozen=True)
class Marks:
    label: Any
    template: str
    values: Mapping[str, Any]

    def of(self, link_key: str) -> Any:
        return self.values.get(link_key)


def marks_for(access: Access) -> list[Marks]:
    return [Marks(mark.label, mark.template, mark.values(access)) for mark in _MARKS]
