from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ritsen.assessments import selectors, services, visibility
from ritsen.assessments.forms import RoundForm
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.core.errors import ServiceError


@collaboration_view(Perm.VIEW)
def round_list(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    rounds = access.collaboration.rounds.select_related("framework")
    return render(
        request,
        "assessments/round_list.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "rounds": rounds,
            "current": services.current_round(access.collaboration),
        },
    )


@collaboration_view(Perm.MANAGE_ROUNDS, methods=["GET", "POST"])
def round_create(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    form = RoundForm(request.POST or None, initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(
                access=access,
                title=form.cleaned_data["title"],
                closes_at=form.cleaned_data["closes_at"],
                language=form.cleaned_data["language"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The round is open. The parties' coordinators can now invite respondents."),
            )
            return redirect(round_)
    return render(
        request,
        "assessments/round_form.html",
        {"access": access, "collaboration": access.collaboration, "form": form},
    )


@collaboration_view(Perm.VIEW)
def round_detail(request: CollaborationRequest, round_id: int) -> HttpResponse:
    access = request.access
    round_ = access.round(round_id)
    released = visibility.released_party_ids(round_)
    progress = selectors.progress(round_)
    return render(
        request,
        "assessments/round_detail.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "round": round_,
            "progress": [(p, p.party.pk in released) for p in progress],
            "own_released": access.party is not None and access.party.pk in released,
            "own_results": visibility.own_results_available(round_),
            "accepts_answers": visibility.accepts_answers(round_),
        },
    )


@collaboration_view(Perm.MANAGE_ROUNDS, methods=["POST"])
def round_close(request: CollaborationRequest, round_id: int) -> HttpResponse:
    access = request.access
    round_ = services.close_round(access.round(round_id), access=access)
    messages.success(
        request,
        _(
            "The round is closed. Each party now sees its own results and decides when to "
            "release them."
        ),
    )
    return redirect(round_)
