"""Link 2, culture: what does our culture look like — and the other party's?

Each party describes its culture on four types — *clan*, *adhocracy*, *market* and
*hierarchy*, the competing-values framework in our own words — over six aspects, by
dividing 100 points per aspect over the types, as it is *now* and as it would *prefer*.
The party's people fill it in together (one profile per party; any of them may edit it,
a coordinator shares it); it is private to the party until it shares, and the parties
see each other's only once every party has shared (``collaborations.sharing``).

Then the kite chart shows the parties side by side, and per type the difference
between the highest and the lowest party (*now*). A difference of
:data:`BRIDGE_THRESHOLD` points or more asks for a bridging note: how the parties deal
with it. Differences are allowed — what counts is that they are known and bridged.
Complete when every party has shared and every large difference has its note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from ritsen.collaborations.sharing import SharedByParty
from ritsen.workspace.completeness import Completeness, RegisterData

from .base import ExitRule, ItemKind, Register, RegisterItem

LINK = "culture"
BRIDGE_THRESHOLD = 20
POINTS = 100

TYPES: list[tuple[str, Promise, Promise]] = [
    ("clan", _("Family"), _("together, loyal, people first: the team as a family")),
    ("adhocracy", _("Pioneer"), _("entrepreneurial, creative, daring: new things first")),
    ("market", _("Achiever"), _("results, competition, targets: winning first")),
    ("hierarchy", _("Organiser"), _("procedures, control, reliability: order first")),
]
ASPECTS: list[tuple[str, Promise]] = [
    ("characteristics", _("What the organisation is like")),
    ("leadership", _("Leadership")),
    ("people", _("How people are managed")),
    ("glue", _("What holds the organisation together")),
    ("emphasis", _("Strategic emphasis")),
    ("success", _("What counts as success")),
]
MOMENTS: list[tuple[str, Promise]] = [("now", _("now")), ("preferred", _("preferred"))]
TYPE_KEYS = [key for key, _label, _help in TYPES]

#: ``{"now": {aspect: {type: points}}, "preferred": {…}}``
Scores = Mapping[str, Mapping[str, Mapping[str, int]]]


class CultureProfile(SharedByParty):
    party = models.OneToOneField(
        "collaborations.Party", on_delete=models.CASCADE, related_name="culture_profile"
    )
    scores = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # Party-private: every query needs a party scope.
    objects: ClassVar[models.Manager[CultureProfile]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("culture profile")
        verbose_name_plural = _("culture profiles")

    def __str__(self) -> str:
        return f"{self.party}"

    @property
    def filled(self) -> bool:
        return not score_problems(self.scores)


class CultureBridge(RegisterItem):
    """How the parties deal with a large difference on one type."""

    type_key = models.CharField(
        _("type"), max_length=20, choices=[(key, label) for key, label, _h in TYPES]
    )
    note = models.TextField(_("how we bridge it"), max_length=5000)

    class Meta(RegisterItem.Meta):
        verbose_name = _("bridging agreement")
        verbose_name_plural = _("bridging agreements")

    def __str__(self) -> str:
        return str(self.get_type_key_display())


# --- pure ------------------------------------------------------------------------------


def score_problems(scores: Any) -> list[tuple[str, str, str]]:
    """What is wrong with ``scores``: ``(moment, aspect, message)`` for each moment and
    aspect whose four scores are not whole numbers from 0 to 100 adding up to 100."""
    problems = []
    for moment, _moment_label in MOMENTS:
        for aspect, _aspect_label in ASPECTS:
            values = (scores or {}).get(moment, {}).get(aspect, {})
            points: list[Any] = (
                [values.get(key) for key in TYPE_KEYS] if isinstance(values, dict) else []
            )
            if len(points) != len(TYPE_KEYS) or any(
                type(p) is not int or not 0 <= p <= POINTS for p in points
            ):
                problems.append((moment, aspect, "missing"))
            elif sum(points) != POINTS:
                problems.append((moment, aspect, str(sum(points))))
    return problems


def type_means(scores: Scores, moment: str = "now") -> dict[str, Fraction]:
    """Per type, the mean of its points over the six aspects."""
    return {
        key: Fraction(sum(scores[moment][aspect][key] for aspect, _l in ASPECTS), len(ASPECTS))
        for key in TYPE_KEYS
    }


def differences(profiles: Sequence[Scores]) -> dict[str, Fraction]:
    """Per type, the highest party's mean (now) minus the lowest's."""
    means = [type_means(scores) for scores in profiles]
    return {key: max(m[key] for m in means) - min(m[key] for m in means) for key in TYPE_KEYS}


def large_differences(profiles: Sequence[Scores]) -> list[str]:
    if len(profiles) < 2:
        return []
    return [key for key, gap in differences(profiles).items() if gap >= BRIDGE_THRESHOLD]


def completeness(data: RegisterData) -> Completeness:
    sheets = {row["party"]: row for row in data.of("sheets")}
    checks: list[tuple[bool, str | Promise]] = []
    for party in data.parties:
        sheet = sheets.get(party.id)
        checks.append(
            (
                sheet is not None and sheet["shared_at"] is not None,
                _("%(party)s has not shared its culture profile.") % {"party": party.name},
            )
        )
    if all(holds for holds, _text in checks) and data.parties:
        bridged = {row["type_key"] for row in data.of("bridges") if row["note"].strip()}
        labels = {key: label for key, label, _help in TYPES}
        for key in large_differences([sheets[p.id]["scores"] for p in data.parties]):
            checks.append(
                (
                    key in bridged,
                    _("The difference on “%(type)s” asks for a bridging agreement.")
                    % {"type": labels[key]},
                )
            )
    return Completeness.of(checks)


# --- the kite chart (geometry; the template draws it) -----------------------------------


@dataclass(frozen=True)
class KiteLine:
    name: str
    colour: str
    dash: str
    points: str


@dataclass(frozen=True)
class KiteAxis:
    label: str
    x2: float
    y2: float
    lx: float
    ly: float
    anchor: str


def kite(parties: Sequence[tuple[str, Scores]], moment: str = "now") -> dict[str, Any]:
    """The kite chart of the parties' type means (0–50 from the centre to the rim)."""
    from ritsen.results.charts import geometry as geo
    from ritsen.results.charts.palette import party_style

    centre, radius, top = geo.Point(180, 170), 130.0, 50
    axes = []
    for index, (_key, label, _help) in enumerate(TYPES):
        rim = geo.radar_point(index, len(TYPES), top, 0, top, centre, radius)
        out = geo.radar_point(index, len(TYPES), top * 1.18, 0, top, centre, radius)
        anchor = "middle" if abs(out.x - centre.x) < 1 else ("start" if out.x > centre.x else "end")
        axes.append(KiteAxis(str(label), rim.x, rim.y, out.x, out.y + 4, anchor))
    rings = [
        geo.points_attr(
            [
                geo.radar_point(i, len(TYPES), value, 0, top, centre, radius)
                for i in range(len(TYPES))
            ]
        )
        for value in (10, 20, 30, 40, 50)
    ]
    lines = []
    for index, (name, scores) in enumerate(parties):
        means = type_means(scores, moment)
        style = party_style(index)
        points = [
            geo.radar_point(i, len(TYPES), min(means[key], Fraction(top)), 0, top, centre, radius)
            for i, key in enumerate(TYPE_KEYS)
        ]
        lines.append(KiteLine(name, style.colour, style.dash, geo.points_attr(points)))
    return {"centre": centre, "axes": axes, "rings": rings, "lines": lines}


BRIDGES = ItemKind(
    key="bridges",
    model=CultureBridge,
    fields=["type_key", "note"],
    columns=["type_key", "note"],
    label=_("bridging agreement"),
    label_plural=_("Bridging agreements"),
    help_text=_("For each large difference: how the parties deal with it."),
)

REGISTER = Register(
    key="culture",
    link_key=LINK,
    title=_("Culture"),
    question=_("What does our culture look like — and the other party's?"),
    kinds=[BRIDGES],
    completeness=completeness,
    template="workspace/culture.html",
    sheet=CultureProfile,
    sheet_ready=lambda sheet: sheet.pk is not None and sheet.filled,
    sheet_not_ready=_("Fill in every row before you share the culture profile."),
    on_exit=[ExitRule(_("Its culture profile leaves with the party's own data."))],
)
