"""Link 4, agreements and contracts: what may — and especially may *not* — we expect
from each other?

An agreement says what one party (or every other party) may or may not expect from a
party, on a link, with an optional contract reference and a review date. It holds on
**two-sided consent**: it is *agreed* only when a coordinator of every party concerned
has accepted it. A change to an agreed agreement proposes it again; a concerned party
can dispute it (with a reason); the proposing party can withdraw it. Complete when, for
every pair of parties, at least one *may* and one *may not* agreement is agreed, none is
disputed and no review is overdue.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from ritsen.workspace.completeness import Completeness, PartyRef, RegisterData

from .base import ExitRule, ItemKind, Register, RegisterItem

LINK = "agreements"


class Expectation(models.TextChoices):
    MAY = "may", _("may expect")
    MAY_NOT = "may_not", _("may not expect")


class AgreementState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    AGREED = "agreed", _("agreed")
    DISPUTED = "disputed", _("disputed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Agreement(RegisterItem):
    text = models.TextField(_("agreement"), max_length=2000)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Expectation.choices, default=Expectation.MAY
    )
    from_party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("from party"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The party that is (or is not) to be expected to do this."),
    )
    to_party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("to party"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The party that may (not) expect it; empty: every other party."),
    )
    contract_reference = models.CharField(_("contract reference"), max_length=200, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AgreementState.choices,
        default=AgreementState.PROPOSED,
        editable=False,
    )
    proposed_by = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True, editable=False)

    class Meta(RegisterItem.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.text[:80]


class Acceptance(models.Model):
    """A party's consent to an agreement as it stands (cleared when it changes; the
    history keeps who accepted when)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="acceptances")
    party = models.ForeignKey("collaborations.Party", on_delete=models.CASCADE, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_acceptance_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} ✓ {self.agreement}"


def concerned(from_party: int, to_party: int | None, parties: Sequence[int]) -> list[int]:
    """The parties whose consent an agreement needs: both sides (every party, when it
    is addressed to all)."""
    if to_party is None:
        return list(parties)
    return [p for p in parties if p in (from_party, to_party)]


def _pair_holds(agreements: Sequence[Mapping[str, Any]], pair: tuple[int, int], kind: str) -> bool:
    for agreement in agreements:
        if agreement["state"] != AgreementState.AGREED or agreement["kind"] != kind:
            continue
        sides = {agreement["from_party"], agreement["to_party"]}
        if sides == set(pair) or (
            agreement["to_party"] is None and agreement["from_party"] in pair
        ):
            return True
    return False


def completeness(data: RegisterData) -> Completeness:
    agreements = data.of("agreements")
    names = {party.id: party.name for party in data.parties}
    checks: list[tuple[bool, str | Promise]] = []
    pairs = itertools.combinations([party.id for party in data.parties], 2)
    for pair in pairs:
        both = {"a": names[pair[0]], "b": names[pair[1]]}
        checks.append(
            (
                _pair_holds(agreements, pair, Expectation.MAY),
                _("%(a)s and %(b)s have no agreed agreement on what they may expect.") % both,
            )
        )
        checks.append(
            (
                _pair_holds(agreements, pair, Expectation.MAY_NOT),
                _("%(a)s and %(b)s have no agreed agreement on what they may not expect.") % both,
            )
        )
    if not agreements:  # nothing disputed or overdue in an empty register: 0 %, not half
        return Completeness.of(checks)
    disputed = sum(1 for a in agreements if a["state"] == AgreementState.DISPUTED)
    checks.append(
        (
            not disputed,
            ngettext(
                "%(count)s agreement is disputed.", "%(count)s agreements are disputed.", disputed
            )
            % {"count": disputed},
        )
    )
    overdue = sum(1 for a in agreements if is_review_overdue(a, data.today))
    checks.append(
        (
            not overdue,
            ngettext(
                "%(count)s agreement is overdue for review.",
                "%(count)s agreements are overdue for review.",
                overdue,
            )
            % {"count": overdue},
        )
    )
    return Completeness.of(checks)


def is_review_overdue(agreement: Mapping[str, Any], today: datetime.date) -> bool:
    review = agreement.get("review_date")
    return (
        review is not None
        and review < today
        and agreement.get("state") not in (AgreementState.WITHDRAWN,)
    )


AGREEMENTS = ItemKind(
    key="agreements",
    model=Agreement,
    fields=[
        "text",
        "kind",
        "from_party",
        "to_party",
        "link_key",
        "contract_reference",
        "review_date",
    ],
    columns=["text", "kind", "from_party", "to_party", "review_date"],
    label=_("agreement"),
    label_plural=_("Agreements"),
    help_text=_(
        "What one party may — and especially may not — expect from another. An agreement "
        "holds once a coordinator of every party concerned has accepted it."
    ),
    consent=True,
    history_fields=["state", "dispute_reason"],
)

REGISTER = Register(
    key="agreements",
    link_key=LINK,
    title=_("Agreements and contracts"),
    question=_("What may — and especially may not — we expect from each other?"),
    kinds=[AGREEMENTS],
    completeness=completeness,
    on_exit=[
        ExitRule(
            _("Ends, or passes to another party (agree it again with that party)."),
            "agreements",
            ["from_party", "to_party"],
        )
    ],  # fmt: skip
)

__all__ = ["PartyRef"]
