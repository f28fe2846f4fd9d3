"""Link 3, strategy: how do we align our strategic frameworks?

Each party writes its own strategic goals (a title and a horizon) and maps each of them
to every shared goal of the business case: it *supports* it, is *neutral*, or
*conflicts* with it — and every conflict needs a decision note (how the party deals
with it). A party's goals and its map are private to the party until it shares them;
the parties see each other's only once every party has shared (``collaborations.sharing``,
the same rule as the culture profile). Unlike a culture profile, a shared strategy can
still be changed: shared goals are added later and must be mapped too.

Complete when every party has shared at least one strategic goal, every party has mapped
each of its strategic goals to every shared goal, and every conflict has a decision note.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from ritsen.collaborations.sharing import SharedByParty
from ritsen.workspace.completeness import Completeness, RegisterData, filled

from .base import ExitRule, ItemKind, Owner, Register, RegisterItem

LINK = "strategy"


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    NEUTRAL = "neutral", _("neutral")
    CONFLICTS = "conflicts", _("conflicts")


class StrategySheet(SharedByParty):
    """Whether a party has shared its strategic goals (and their map)."""

    party = models.OneToOneField(
        "collaborations.Party", on_delete=models.CASCADE, related_name="strategy_sheet"
    )
    history = HistoricalRecords()

    objects: ClassVar[models.Manager[StrategySheet]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return f"{self.party}"


class StrategicGoal(RegisterItem):
    party = models.ForeignKey(
        "collaborations.Party", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("strategic goal"), max_length=200)
    horizon = models.CharField(
        _("horizon"), max_length=50, blank=True, help_text=_("For example “2030”.")
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return self.title


class GoalMapping(RegisterItem):
    """How one of a party's strategic goals relates to one shared goal."""

    strategic_goal = models.ForeignKey(
        StrategicGoal,
        verbose_name=_("strategic goal"),
        on_delete=models.CASCADE,
        related_name="mappings",
    )
    shared_goal = models.ForeignKey(
        "workspace.SharedGoal",
        verbose_name=_("shared goal"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    stance = models.CharField(_("relation"), max_length=10, choices=Stance.choices)
    decision_note = models.TextField(
        _("decision note"),
        max_length=5000,
        blank=True,
        help_text=_("For a conflict: what your party decided to do about it."),
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("goal mapping")
        verbose_name_plural = _("goal mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["strategic_goal", "shared_goal"], name="one_mapping_per_goal_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.strategic_goal} → {self.shared_goal}"


def completeness(data: RegisterData) -> Completeness:
    """Before every party has shared, only who has not shared is named (nothing a
    party's goals say); then the map and the conflicts are checked."""
    sheets = {row["party"]: row for row in data.of("sheets")}
    goals = data.of("strategic_goals")
    checks: list[tuple[bool, str | Promise]] = []
    for party in data.parties:
        sheet = sheets.get(party.id)
        checks.append(
            (
                sheet is not None and sheet["shared_at"] is not None,
                _("%(party)s has not shared its strategic goals.") % {"party": party.name},
            )
        )
    if not data.parties or not all(holds for holds, _text in checks):
        return Completeness.of(checks)  # from the sheets alone: nothing a goal says
    for party in data.parties:
        checks.append(
            (
                any(goal["party"] == party.id for goal in goals),
                _("%(party)s has no strategic goal.") % {"party": party.name},
            )
        )
    shared_goals = data.of("goals")
    if not shared_goals:
        checks.append((False, _("Add a shared goal (business case) to map the strategies to.")))
    mapped = {(row["strategic_goal"], row["shared_goal"]): row for row in data.of("mappings")}
    for party in data.parties:
        own = [goal for goal in goals if goal["party"] == party.id]
        checks.append(
            (
                all(
                    (goal["id"], shared["id"]) in mapped for goal in own for shared in shared_goals
                ),
                _("%(party)s has not yet related each of its strategic goals to every shared goal.")
                % {"party": party.name},
            )
        )
    titles = {goal["id"]: goal["title"] for goal in goals}
    shared_titles = {goal["id"]: goal["title"] for goal in shared_goals}
    for (goal_id, shared_id), row in sorted(mapped.items()):
        if row["stance"] == Stance.CONFLICTS and shared_id in shared_titles:
            checks.append(
                (
                    filled(row["decision_note"]),
                    _("The conflict between “%(goal)s” and “%(shared)s” needs a decision note.")
                    % {"goal": titles.get(goal_id, ""), "shared": shared_titles[shared_id]},
                )
            )
    return Completeness.of(checks)


STRATEGIC_GOALS = ItemKind(
    key="strategic_goals",
    model=StrategicGoal,
    fields=["party", "title", "horizon"],
    columns=["party", "title", "horizon"],
    label=_("strategic goal"),
    label_plural=_("Strategic goals"),
    owner=Owner.PARTY,
    private=True,
    help_text=_(
        "Your own organisation's strategic goals. Private to your party until every party "
        "has shared."
    ),
)
MAPPINGS = ItemKind(
    key="mappings",
    model=GoalMapping,
    fields=["strategic_goal", "shared_goal", "stance", "decision_note"],
    columns=["strategic_goal", "shared_goal", "stance", "decision_note"],
    label=_("relation to a shared goal"),
    label_plural=_("How the strategic goals relate to the shared goals"),
    owner=Owner.PARTY,
    party_field="strategic_goal.party",
    private=True,
    help_text=_("Each strategic goal supports, is neutral to, or conflicts with a shared goal."),
)

REGISTER = Register(
    key="strategy",
    link_key=LINK,
    title=_("Strategy"),
    question=_("How do we align our strategic frameworks?"),
    kinds=[STRATEGIC_GOALS, MAPPINGS],
    completeness=completeness,
    template="workspace/strategy.html",
    sheet=StrategySheet,
    sheet_ready=lambda sheet: StrategicGoal.objects.filter(party=sheet.party).exists(),
    sheet_not_ready=_("Add at least one strategic goal before you share."),
    # The shared goals it maps to (read, not edited, here).
    reads=("goals",),
    on_exit=[ExitRule(_("Its strategic goals and their map leave with the party's own data."))],
)
