"""Link 1, the business case: why collaborate, and what will it mean?

Shared goals (with an indicator, a target and an owner party); per party what it
expects to gain and what it contributes. Complete when at least one shared goal has an
indicator and a target, and every party states at least one value and one
contribution.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ritsen.workspace.completeness import Completeness, RegisterData, filled

from .base import ExitRule, ItemKind, Owner, Register, RegisterItem

LINK = "business_case"


class ValueKind(models.TextChoices):
    MONEY = "money", _("money")
    TIME = "time", _("time")
    QUALITY = "quality", _("quality")
    KNOWLEDGE = "knowledge", _("knowledge")
    REACH = "reach", _("reach")
    OTHER = "other", _("other")


class ContributionKind(models.TextChoices):
    MONEY = "money", _("money")
    PEOPLE = "people", _("people (FTE)")
    KNOWLEDGE = "knowledge", _("knowledge")
    ASSETS = "assets", _("assets")
    OTHER = "other", _("other")


class SharedGoal(RegisterItem):
    title = models.CharField(_("goal"), max_length=200)
    indicator = models.CharField(
        _("indicator"), max_length=200, blank=True, help_text=_("How you will measure it.")
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("unit"), max_length=50, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    owner_party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("owner party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("shared goal")
        verbose_name_plural = _("shared goals")

    def __str__(self) -> str:
        return self.title


class ExpectedValue(RegisterItem):
    party = models.ForeignKey(
        "collaborations.Party", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of value"), max_length=20, choices=ValueKind.choices)
    estimate = models.CharField(
        _("estimate"), max_length=200, blank=True, help_text=_("For example “€ 40,000 a year”.")
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)

    class Meta(RegisterItem.Meta):
        verbose_name = _("expected value")
        verbose_name_plural = _("expected values")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.estimate}".rstrip(": ")


class Contribution(RegisterItem):
    party = models.ForeignKey(
        "collaborations.Party", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        _("kind of contribution"), max_length=20, choices=ContributionKind.choices
    )
    amount = models.CharField(
        _("amount"), max_length=200, blank=True, help_text=_("For example “0.5 FTE”.")
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)

    class Meta(RegisterItem.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount}".rstrip(": ")


def completeness(data: RegisterData) -> Completeness:
    goals = data.of("goals")
    checks: list[tuple[bool, str | Promise]] = [
        (
            any(filled(g["indicator"]) and g["target_value"] is not None for g in goals),
            _("Add a shared goal with an indicator and a target value."),
        )
    ]
    for party in data.parties:
        checks.append(
            (
                any(v["party"] == party.id for v in data.of("values")),
                _("%(party)s has not stated what it expects to gain.") % {"party": party.name},
            )
        )
        checks.append(
            (
                any(c["party"] == party.id for c in data.of("contributions")),
                _("%(party)s has not stated what it contributes.") % {"party": party.name},
            )
        )
    return Completeness.of(checks)


REGISTER = Register(
    key="business_case",
    link_key=LINK,
    title=_("Business case"),
    question=_("Why do we collaborate, and what will it mean for each of us?"),
    kinds=[
        ItemKind(
            key="goals",
            model=SharedGoal,
            fields=[
                "title",
                "indicator",
                "target_value",
                "target_unit",
                "target_date",
                "owner_party",
            ],
            columns=[
                "title",
                "indicator",
                "target_value",
                "target_unit",
                "target_date",
                "owner_party",
            ],
            label=_("shared goal"),
            label_plural=_("Shared goals"),
            help_text=_("What the collaboration wants to achieve, and how you will know."),
        ),
        ItemKind(
            key="values",
            model=ExpectedValue,
            fields=["party", "kind", "estimate", "note"],
            columns=["party", "kind", "estimate", "note"],
            label=_("expected value"),
            label_plural=_("What each party expects to gain"),
            owner=Owner.PARTY,
        ),
        ItemKind(
            key="contributions",
            model=Contribution,
            fields=["party", "kind", "amount", "note"],
            columns=["party", "kind", "amount", "note"],
            label=_("contribution"),
            label_plural=_("What each party contributes"),
            owner=Owner.PARTY,
        ),
    ],
    completeness=completeness,
    on_exit=[
        ExitRule(_("Choose another owner party for this goal."), "goals", ["owner_party"]),
        ExitRule(
            _("Ends with the party's departure: check that the business case still holds."),
            "values",
            ["party"],
        ),
        ExitRule(
            _("Stops with the party's departure: who makes up for it?"),
            "contributions",
            ["party"],
        ),
    ],  # fmt: skip
)
