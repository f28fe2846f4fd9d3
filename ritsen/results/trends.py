"""Trends across assessment rounds (pure, no ORM).

Input: the rounds to compare, oldest first, each as ``(label, date, RoundResult,
party keys)`` — in practice only rounds whose results every party released — and the
framework that names the links (the latest round's). Output, per link and party, the
series of means with the link's state per round; the zipper's state per round; and per
link and party whether the mean improved, got worse or stayed the same since the
previous round.

Rules:

* Links are matched between rounds by their ``key`` (stable across framework
  versions); a link the framework of a round did not have has no state in that round.
* A point exists only where the party took part in the round and its mean for the
  link is not withheld (fewer respondents than the framework's minimum). A missing
  point is a gap in the line, never zero or an interpolation.
* A change is measured on the means as shown, rounded half up to 2 decimals:
  ``current - previous``. It counts as improved or worse only from
  :data:`CHANGE_THRESHOLD` (0.1, a tenth of a scale point) on, so that one respondent
  moving one point on one statement does not read as a trend; anything smaller is
  unchanged. Without a point in both rounds there is no comparison (``None``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.spec import FrameworkSpec, Link

from .scoring import LinkState, RoundResult, ZipperState, round_half_up_decimal

PartyKey = Hashable

#: The smallest difference of the rounded means that counts as a change.
CHANGE_THRESHOLD = Decimal("0.1")


class Direction(StrEnum):
    IMPROVED = "improved"
    WORSE = "worse"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> Promise:
        return _DIRECTION_LABELS[self]


_DIRECTION_LABELS = {
    Direction.IMPROVED: _("improved"),
    Direction.WORSE: _("got worse"),
    Direction.UNCHANGED: _("unchanged"),
}


class RoundInput(NamedTuple):
    """One round to compare: what to call it, when it ended, its scores, its parties."""

    label: str
    date: date | None
    result: RoundResult
    parties: Sequence[PartyKey]


@dataclass(frozen=True)
class TrendRound:
    index: int
    label: str
    date: date | None
    parties: tuple[PartyKey, ...]  # the parties that took part
    zipper_state: ZipperState
    weakest_key: str | None  # the key of the round's weakest link, if any
    jams_at: tuple[str, ...]  # keys of the round's missing and weak links


@dataclass(frozen=True)
class Point:
    mean: Fraction
    n: int

    @property
    def mean_rounded(self) -> Decimal:
        return round_half_up_decimal(self.mean)  # type: ignore[return-value]


@dataclass(frozen=True)
class Change:
    """A party's mean for a link in one round against the round before."""

    party: PartyKey
    previous: Decimal | None
    current: Decimal | None
    direction: Direction | None  # None: no point in one of the two rounds

    @property
    def difference(self) -> Decimal | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def compare(
    party: PartyKey,
    previous: Point | None,
    current: Point | None,
    threshold: Decimal = CHANGE_THRESHOLD,
) -> Change:
    before = previous.mean_rounded if previous else None
    now = current.mean_rounded if current else None
    if before is None or now is None:
        return Change(party, before, now, None)
    difference = now - before
    if difference >= threshold:
        direction = Direction.IMPROVED
    elif difference <= -threshold:
        direction = Direction.WORSE
    else:
        direction = Direction.UNCHANGED
    return Change(party, before, now, direction)


@dataclass(frozen=True)
class PartySeries:
    party: PartyKey
    points: tuple[Point | None, ...]  # one per round
    changes: tuple[Change | None, ...]  # one per round; the first is None

    @property
    def point_count(self) -> int:
        return sum(point is not None for point in self.points)


@dataclass(frozen=True)
class LinkTrend:
    link: Link
    states: tuple[LinkState | None, ...]  # per round; None: not in that round's framework
    series: tuple[PartySeries, ...]  # one per party, in ``Trends.parties`` order

    @property
    def link_id(self) -> int:
        return self.link.id

    @property
    def key(self) -> str:
        return self.link.key

    @property
    def latest_changes(self) -> tuple[Change | None, ...]:
        """Per party, the latest round against the one before (None with one round)."""
        return tuple(series.changes[-1] for series in self.series)


@dataclass(frozen=True)
class Trends:
    spec: FrameworkSpec
    rounds: tuple[TrendRound, ...]
    parties: tuple[PartyKey, ...]
    party_names: Mapping[PartyKey, str]
    links: tuple[LinkTrend, ...]
    threshold: Decimal = CHANGE_THRESHOLD

    @property
    def has_trend(self) -> bool:
        return len(self.rounds) >= 2

    def link(self, link_id: int) -> LinkTrend:
        for link in self.links:
            if link.link_id == int(link_id):
                return link
        raise KeyError(link_id)

    def name(self, party: PartyKey) -> str:
        return self.party_names.get(party, str(party))

    def link_by_key(self, key: str | None) -> Link | None:
        return next((link for link in self.spec.links if link.key == key), None)

    def latest_counts(self) -> dict[Direction, int]:
        """How many link × party cells improved, got worse or stayed the same."""
        counts = dict.fromkeys(Direction, 0)
        for link in self.links:
            for change in link.latest_changes:
                if change is not None and change.direction is not None:
                    counts[change.direction] += 1
        return counts


def compute_trends(
    rounds: Sequence[RoundInput | tuple],
    spec: FrameworkSpec,
    *,
    party_names: Mapping[PartyKey, str] | None = None,
    threshold: Decimal = CHANGE_THRESHOLD,
) -> Trends:
    """Trends over ``rounds`` (oldest first) for the links of ``spec``."""
    inputs = [RoundInput(*r) for r in rounds]
    parties: list[PartyKey] = []
    for r in inputs:
        parties += [p for p in r.parties if p not in parties]

    trend_rounds = []
    by_key = []
    for index, r in enumerate(inputs):
        links = {link.key: link for link in r.result.links}
        keys = {link.link_id: link.key for link in r.result.links}
        by_key.append(links)
        zipper = r.result.zipper
        trend_rounds.append(
            TrendRound(
                index=index,
                label=r.label,
                date=r.date,
                parties=tuple(r.parties),
                zipper_state=zipper.state,
                weakest_key=keys.get(zipper.weakest_link) if zipper.weakest_link else None,
                jams_at=tuple(keys[i] for i in zipper.jams_at if i in keys),
            )
        )

    link_trends = []
    for link in spec.links:
        states = tuple(links[link.key].state if link.key in links else None for links in by_key)
        series = []
        for party in parties:
            points: list[Point | None] = []
            for r, links in zip(inputs, by_key, strict=True):
                cell = None
                if party in r.parties and link.key in links:
                    cell = links[link.key].parties.get(party)
                if cell is None or cell.withheld or cell.mean is None:
                    points.append(None)
                else:
                    points.append(Point(mean=cell.mean, n=cell.n))
            changes = (None,) + tuple(
                compare(party, before, now, threshold)
                for before, now in zip(points, points[1:], strict=False)
            )
            series.append(PartySeries(party=party, points=tuple(points), changes=changes))
        link_trends.append(LinkTrend(link=link, states=states, series=tuple(series)))

    return Trends(
        spec=spec,
        rounds=tuple(trend_rounds),
        parties=tuple(parties),
        party_names=dict(party_names or {}),
        links=tuple(link_trends),
        threshold=threshold,
    )
