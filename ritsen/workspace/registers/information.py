"""Link 8, information provision: does every partner have the information it needs at
the right moment?

An information-needs matrix: each information item, the party that needs it, the party
that supplies it, the moment or frequency, the channel (a system of link 9) and the
interface that carries it, its sensitivity and — for personal data — the legal basis
under the AVG/GDPR. A need without a supplier or without a system is unmet, and flagged.

Complete when every need has a supplier, a moment and a system, and every need with
personal data has a legal basis.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ritsen.workspace.completeness import Completeness, RegisterData, filled

from .base import ExitRule, ItemKind, Register, RegisterItem
from .technology import Interface, System

LINK = "information"


class Sensitivity(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")
    CONFIDENTIAL = "confidential", _("confidential")
    PERSONAL = "personal", _("personal data")


class LegalBasis(models.TextChoices):
    """The grounds of article 6 of the AVG/GDPR."""

    CONSENT = "consent", _("consent")
    CONTRACT = "contract", _("contract")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation")
    VITAL_INTERESTS = "vital_interests", _("vital interests")
    PUBLIC_TASK = "public_task", _("public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("legitimate interests")


class InformationNeed(RegisterItem):
    item = models.CharField(_("information item"), max_length=200)
    needed_by = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("needed by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    supplied_by = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("supplied by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    moment = models.CharField(
        _("moment or frequency"),
        max_length=100,
        blank=True,
        help_text=_("For example “at every referral” or “weekly”."),
    )
    channel = models.ForeignKey(
        System,
        verbose_name=_("channel (system)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The system of link 9 it travels through."),
    )
    carried_by = models.ForeignKey(
        Interface,
        verbose_name=_("carried by interface"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=20, choices=Sensitivity.choices, default=Sensitivity.INTERNAL
    )
    legal_basis = models.CharField(
        _("legal basis (AVG/GDPR)"),
        max_length=30,
        choices=LegalBasis.choices,
        blank=True,
        help_text=_("Required for personal data."),
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("information need")
        verbose_name_plural = _("information needs")

    def __str__(self) -> str:
        return self.item

    def clean(self) -> None:
        super().clean()
        if self.legal_basis and self.sensitivity != Sensitivity.PERSONAL:
            raise ValidationError(
                {"legal_basis": _("A legal basis belongs to personal data only.")}
            )


def unmet(need: InformationNeed) -> list[str]:
    """Why a need is not met yet (flagged in the list)."""
    flags = []
    if need.supplied_by_id is None:
        flags.append(gettext("unmet: no supplier"))
    if need.channel_id is None:
        flags.append(gettext("unmet: no system"))
    if need.sensitivity == Sensitivity.PERSONAL and not need.legal_basis:
        flags.append(gettext("personal data without a legal basis"))
    return flags


def completeness(data: RegisterData) -> Completeness:
    needs = data.of("needs")
    checks: list[tuple[bool, str | Promise]] = [
        (bool(needs), _("Add the information each party needs."))
    ]
    for need in needs:
        lacking = [
            str(text)
            for holds, text in (
                (need["supplied_by"] is not None, _("no supplier")),
                (filled(need["moment"]), _("no moment")),
                (need["channel"] is not None, _("no system")),
            )
            if not holds
        ]
        checks.append(
            (
                not lacking,
                _("“%(item)s”: %(lacking)s.")
                % {"item": need["item"], "lacking": ", ".join(lacking)},
            )
        )
        if need["sensitivity"] == Sensitivity.PERSONAL:
            checks.append(
                (
                    bool(need["legal_basis"]),
                    _("“%(item)s” holds personal data but has no legal basis.")
                    % {"item": need["item"]},
                )
            )
    return Completeness.of(checks)


NEEDS = ItemKind(
    key="needs",
    model=InformationNeed,
    fields=[
        "item",
        "needed_by",
        "supplied_by",
        "moment",
        "channel",
        "carried_by",
        "sensitivity",
        "legal_basis",
    ],
    columns=[
        "item",
        "needed_by",
        "supplied_by",
        "moment",
        "channel",
        "carried_by",
        "sensitivity",
        "legal_basis",
    ],
    label=_("information need"),
    label_plural=_("Information needs"),
    help_text=_(
        "Who needs which information, from whom, when, and through which system. A need "
        "without a supplier or a system is unmet."
    ),
    flags=unmet,
)

REGISTER = Register(
    key="information",
    link_key=LINK,
    title=_("Information provision"),
    question=_("Does every partner have the information it needs at the right moment?"),
    kinds=[NEEDS],
    completeness=completeness,
    on_exit=[
        ExitRule(_("Ends, or another party takes this need over."), "needs", ["needed_by"]),
        ExitRule(_("Another party takes over supplying it."), "needs", ["supplied_by"]),
    ],
)
