"""The page shown instead of shared results until every party has released: who has."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ritsen.assessments import visibility
from ritsen.assessments.models import Round
from ritsen.collaborations.access import CollaborationRequest
from ritsen.collaborations.selectors import parties_of


def waiting_page(request: CollaborationRequest, round_: Round) -> HttpResponse:
    released = visibility.released_party_ids(round_)
    parties = [(party, party.pk in released) for party in parties_of(round_.collaboration)]
    return render(
        request,
        "results/waiting.html",
        {
            "access": request.access,
            "collaboration": request.access.collaboration,
            "round": round_,
            "parties": parties,
        },
    )
