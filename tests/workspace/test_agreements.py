"""Agreements hold on two-sided consent: proposed by a party, agreed only once a
coordinator of every party concerned accepted it as it stands; a change proposes it
again, a dispute needs a reason, only the proposer withdraws. The completeness rule
asks, per pair of parties, an agreed *may* and *may not*, nothing disputed and no
review overdue."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from ritsen.core.errors import ServiceError
from ritsen.webhooks.models import Delivery
from ritsen.webhooks.services import add_webhook
from ritsen.workspace import consent, services
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import agreements as register
from ritsen.workspace.registers.agreements import AGREEMENTS, Agreement, AgreementState

A, B, C = PartyRef(1, "Aa"), PartyRef(2, "Bee"), PartyRef(3, "Cee")
TODAY = datetime.date(2026, 12, 1)


def row(kind, frm, to, state="agreed", review=None):
    return {"kind": kind, "from_party": frm, "to_party": to, "state": state, "review_date": review}


def check(*rows, parties=(A, B)):
    with translation.override("en"):
        return register.completeness(
            RegisterData(parties=list(parties), items={"agreements": list(rows)}, today=TODAY)
        )


def test_each_pair_needs_an_agreed_may_and_may_not():
    assert check().percent == 0  # empty: not "half complete" for want of disputes
    half = check(row("may", 1, 2), row("may_not", 2, 1, state="proposed"))
    assert half.missing == ("Aa and Bee have no agreed agreement on what they may not expect.",)
    assert check(row("may", 1, 2), row("may_not", 2, 1)).complete


def test_an_agreement_to_every_party_counts_for_each_pair_of_its_party():
    three = check(row("may", 1, None), row("may_not", 1, None), parties=(A, B, C))
    assert three.missing == (
        "Bee and Cee have no agreed agreement on what they may expect.",
        "Bee and Cee have no agreed agreement on what they may not expect.",
    )


def test_a_dispute_or_an_overdue_review_keeps_it_incomplete():
    base = [row("may", 1, 2), row("may_not", 1, 2)]
    disputed = check(*base, row("may", 2, 1, state="disputed"))
    assert disputed.missing == ("1 agreement is disputed.",)
    late = check(*base[:1], row("may_not", 1, 2, review=TODAY - datetime.timedelta(days=1)))
    assert late.missing == ("1 agreement is overdue for review.",)
    assert check(*base, row("may", 1, 2, review=TODAY)).complete  # due today: not overdue
    withdrawn = row("may", 1, 2, state="withdrawn", review=TODAY - datetime.timedelta(days=9))
    assert check(*base, withdrawn).complete


@pytest.fixture
def proposal(cast, db):
    """Coordinator A proposes what B may not expect from A."""
    return services.create_item(
        access=cast.access(cast.coord_a),
        kind=AGREEMENTS,
        register=None,
        data={"text": "Geen spoedklussen buiten kantoortijd.", "kind": "may_not",
              "from_party": cast.party_a, "to_party": cast.party_b, "link_key": "roles"},
    )  # fmt: skip


def test_accepted_by_one_of_two_parties_is_not_agreed_by_both_it_is(cast, proposal):
    assert proposal.state == AgreementState.PROPOSED
    assert consent.accepted_by(proposal) == {cast.party_a.pk}  # the proposer's own
    consent.accept(proposal, access=cast.access(cast.coord_b))
    proposal.refresh_from_db()
    assert proposal.state == AgreementState.AGREED


def test_a_change_proposes_it_again_and_only_coordinators_decide(cast, proposal):
    consent.accept(proposal, access=cast.access(cast.coord_b))
    with pytest.raises(PermissionDenied):
        consent.accept(proposal, access=cast.access(cast.member_b))
    with pytest.raises(PermissionDenied):
        consent.dispute(proposal, access=cast.access(cast.facilitator), reason="Nee")
    services.update_item(
        proposal,
        access=cast.access(cast.member_b),
        kind=AGREEMENTS,
        data={"text": "Geen spoedklussen in het weekend."},
    )
    proposal.refresh_from_db()
    assert proposal.state == AgreementState.PROPOSED and consent.accepted_by(proposal) == set()
    # Saving it unchanged proposes nothing anew.
    consent.accept(proposal, access=cast.access(cast.coord_a))
    services.update_item(proposal, access=cast.access(cast.coord_a), kind=AGREEMENTS, data={})
    assert consent.accepted_by(proposal) == {cast.party_a.pk}


def test_a_dispute_needs_a_reason_and_only_the_proposer_withdraws(cast, proposal):
    with pytest.raises(ServiceError):
        consent.dispute(proposal, access=cast.access(cast.coord_b), reason="  ")
    consent.dispute(proposal, access=cast.access(cast.coord_b), reason="Te streng")
    proposal.refresh_from_db()
    assert proposal.state == AgreementState.DISPUTED and proposal.dispute_reason == "Te streng"
    with pytest.raises(ServiceError):
        consent.accept(proposal, access=cast.access(cast.coord_a))  # change it first
    with pytest.raises(ServiceError):
        consent.withdraw(proposal, access=cast.access(cast.coord_b))
    consent.withdraw(proposal, access=cast.access(cast.coord_a))
    proposal.refresh_from_db()
    assert proposal.state == AgreementState.WITHDRAWN


def test_the_history_keeps_who_proposed_accepted_and_changed(cast, proposal):
    consent.accept(proposal, access=cast.access(cast.coord_b))
    states = [h.state for h in proposal.history.order_by("history_date", "history_id")]
    assert states[-1] == "agreed" and "proposed" in states
    acceptances = proposal.acceptances.model.history.filter(agreement_id=proposal.pk)
    assert {h.history_user for h in acceptances} == {cast.coord_a, cast.coord_b}


def test_an_agreed_agreement_tells_the_webhooks(cast, proposal, django_capture_on_commit_callbacks):
    add_webhook(
        access=cast.access(cast.facilitator),
        url="https://example.org/h",
        events=["agreement.agreed"],
    )
    with django_capture_on_commit_callbacks():
        consent.accept(proposal, access=cast.access(cast.coord_b))
    delivery = Delivery.objects.get()
    assert delivery.event == "agreement.agreed"
    assert delivery.payload["data"]["agreement"]["text"] == proposal.text


def test_two_coordinators_agree_on_the_page(login, cast, proposal):
    page = reverse("workspace:agreements", args=[cast.collab.pk])
    body = login(cast.coord_b).get(page).content.decode()
    assert "Geen spoedklussen" in body and "agreements_accept" not in body
    accept = reverse("workspace:agreements_accept", args=[cast.collab.pk, proposal.pk])
    assert accept in body  # B may accept
    assert accept not in login(cast.member_b).get(page).content.decode()
    assert login(cast.coord_b).post(accept).status_code == 302
    assert Agreement.objects.get().state == AgreementState.AGREED
    dispute = reverse("workspace:agreements_dispute", args=[cast.collab.pk, proposal.pk])
    empty = login(cast.coord_a).post(dispute, {"reason": ""})
    assert empty.status_code == 200 and 'aria-invalid="true"' in empty.content.decode()
    login(cast.coord_a).post(dispute, {"reason": "Toch niet"})
    assert Agreement.objects.get().state == AgreementState.DISPUTED
