from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ritsen.assessments import services
from ritsen.assessments.forms import RoundForm
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.services import ServiceError


@collaboration_view
def round_list(request):
    access = request.access
    services.close_expired_rounds(access.collaboration)
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


@collaboration_view
@require_http_methods(["GET", "POST"])
def round_create(request):
    access = request.access
    access.require_facilitator()
    form = RoundForm(request.POST or None, initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(
                collaboration=access.collaboration,
                title=form.cleaned_data["title"],
                closes_at=form.cleaned_data["closes_at"],
                language=form.cleaned_data["language"],
                user=request.user,
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


@collaboration_view
def round_detail(request, round_id: int):
    access = request.access
    services.close_expired_rounds(access.collaboration)
    round_ = access.round(round_id)
    released = services.released_party_ids(round_)
    progress = services.progress(round_)
    return render(
        request,
        "assessments/round_detail.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "round": round_,
            "progress": [(p, p.party.pk in released) for p in progress],
            "all_released": bool(progress) and all(p.party.pk in released for p in progress),
            "own_released": access.party is not None and access.party.pk in released,
        },
    )


@collaboration_view
@require_POST
def round_close(request, round_id: int):
    access = request.access
    access.require_facilitator()
    round_ = access.round(round_id)
    services.close_round(round_)
    messages.success(
        request,
        _(
            "The round is closed. Each party now sees its own results and decides when to "
            "release them."
        ),
    )
    return redirect(round_)
