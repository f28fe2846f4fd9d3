"""Two-sided consent, for the kinds of item that hold only once every party concerned
has accepted them (agreements): propose, accept, dispute, withdraw.

* Proposing (adding, or changing an item) clears every acceptance: what is accepted is
  always the text as it stands. A coordinator who proposes accepts for their own party
  at once, when it is concerned.
* It is *agreed* when a coordinator of every party concerned has accepted it.
* A coordinator of a concerned party can dispute it, with a reason; a change then
  proposes it again.
* A coordinator of the proposing party can withdraw the proposal.

Only coordinators decide for their party (``Perm.DECIDE_AGREEMENTS``). Every step is in
the item's history (and each acceptance in its own), with who did it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party
from ritsen.core.errors import ServiceError

from .registers.agreements import (
    Acceptance,
    Agreement,
    AgreementState,
    concerned,
    is_review_overdue,
)

#: Sent when an agreement becomes agreed (webhooks listen): ``agreement``.
agreement_agreed = Signal()


def parties_concerned(agreement: Agreement, access: Access) -> list[Party]:
    ids = concerned(
        agreement.from_party_id, agreement.to_party_id, [p.pk for p in access.parties()]
    )
    return [party for party in access.parties() if party.pk in ids]


def accepted_by(agreement: Agreement) -> set[int]:
    return set(agreement.acceptances.values_list("party_id", flat=True))


def deciding_party(access: Access) -> Party | None:
    """The party this person decides for (a coordinator's own), if any."""
    party = access.party
    if party is not None and access.can(Perm.DECIDE_AGREEMENTS, party=party):
        return party
    return None


def standing(agreement: Agreement, access: Access, today: datetime.date) -> dict[str, Any]:
    """Where an agreement stands for this person: who accepted it, who is awaited, and
    what they may do now (acceptances prefetched: no query)."""
    needed = parties_concerned(agreement, access)
    accepted = {acceptance.party_id for acceptance in agreement.acceptances.all()}
    deciding = deciding_party(access)
    mine = deciding is not None and deciding in needed
    return {
        "accepted": [party.name for party in needed if party.pk in accepted],
        "waiting": [party.name for party in needed if party.pk not in accepted],
        "may_accept": mine
        and agreement.state == AgreementState.PROPOSED
        and deciding.pk not in accepted,  # type: ignore[union-attr]
        "may_dispute": mine and agreement.state != AgreementState.WITHDRAWN,
        "may_withdraw": deciding is not None
        and agreement.proposed_by_id == deciding.pk
        and agreement.state in (AgreementState.PROPOSED, AgreementState.DISPUTED),
        "review_overdue": is_review_overdue(
            {"review_date": agreement.review_date, "state": agreement.state}, today
        ),
    }


def _save(agreement: Agreement, access: Access, fields: list[str]) -> None:
    agreement._history_user = access.user  # type: ignore[attr-defined]
    agreement.updated_by = access.user
    agreement.save(update_fields=[*fields, "updated_by", "updated_at"])


def _accept(agreement: Agreement, party: Party, access: Access) -> None:
    acceptance = Acceptance(agreement=agreement, party=party, accepted_by=access.user)
    acceptance._history_user = access.user  # type: ignore[attr-defined]
    acceptance.save()


def _settle(agreement: Agreement, access: Access) -> None:
    needed = {party.pk for party in parties_concerned(agreement, access)}
    if needed and needed <= accepted_by(agreement):
        agreement.state = AgreementState.AGREED
        _save(agreement, access, ["state"])
        # In the transaction: a webhook's delivery is logged with it and sent after it.
        agreement_agreed.send(Agreement, agreement=agreement)


def _clear(agreement: Agreement, access: Access) -> None:
    for acceptance in agreement.acceptances.all():
        acceptance._history_user = access.user  # type: ignore[attr-defined]
        acceptance.delete()


def proposed(agreement: Agreement, access: Access, *, created: bool) -> None:
    """After an agreement is added or changed: proposed again, nobody's consent kept
    but the proposer's own (a coordinator's, for a party concerned)."""
    _clear(agreement, access)
    agreement.state = AgreementState.PROPOSED
    agreement.dispute_reason = ""
    fields = ["state", "dispute_reason"]
    if created:
        agreement.proposed_by = access.party
        fields.append("proposed_by")
    _save(agreement, access, fields)
    party = deciding_party(access)
    if party is not None and party in parties_concerned(agreement, access):
        _accept(agreement, party, access)
        _settle(agreement, access)


def _decider(agreement: Agreement, access: Access) -> Party:
    if agreement.collaboration_id != access.collaboration.pk:
        raise Http404
    party = deciding_party(access)
    if party is None:
        raise PermissionDenied(_("Only a party's coordinators decide on its agreements."))
    return party


@transaction.atomic
def accept(agreement: Agreement, *, access: Access, seen: str | None = None) -> Agreement:
    """``seen``: the ``updated_at`` of the version the coordinator read (the page sends
    it); a newer version is not accepted in its place."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    party = _decider(agreement, access)
    if seen is not None and seen != agreement.updated_at.isoformat():
        raise ServiceError(_("The agreement has changed since you read it; read it again."))
    if party not in parties_concerned(agreement, access):
        raise ServiceError(_("This agreement does not concern %(party)s.") % {"party": party})
    if agreement.state != AgreementState.PROPOSED:
        raise ServiceError(_("Only a proposed agreement can be accepted; change it first."))
    if party.pk not in accepted_by(agreement):
        _accept(agreement, party, access)
    _settle(agreement, access)
    return agreement


@transaction.atomic
def dispute(agreement: Agreement, *, access: Access, reason: str) -> Agreement:
    party = _decider(agreement, access)
    if party not in parties_concerned(agreement, access):
        raise ServiceError(_("This agreement does not concern %(party)s.") % {"party": party})
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise ServiceError(_("Say why you dispute it."))
    if agreement.state == AgreementState.WITHDRAWN:
        raise ServiceError(_("A withdrawn agreement cannot be disputed."))
    _clear(agreement, access)
    agreement.state = AgreementState.DISPUTED
    agreement.dispute_reason = reason[:2000]
    _save(agreement, access, ["state", "dispute_reason"])
    return agreement


@transaction.atomic
def withdraw(agreement: Agreement, *, access: Access) -> Agreement:
    party = _decider(agreement, access)
    if agreement.proposed_by_id != party.pk:
        raise ServiceError(_("Only the party that proposed it can withdraw it."))
    if agreement.state == AgreementState.AGREED:
        raise ServiceError(_("An agreed agreement is not withdrawn; change or dispute it."))
    _clear(agreement, access)
    agreement.state = AgreementState.WITHDRAWN
    _save(agreement, access, ["state"])
    return agreement
