"""A party's coordinators invite respondents: counts only, never who has answered.

Anonymous links are shown once, when they are made — as a printable sheet or as a
CSV file — and never again: after that not even the coordinator can open the page
that would lead to someone's answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.assessments import selectors, services
from ritsen.assessments.forms import EmailListForm, GenerateLinksForm
from ritsen.assessments.models import RespondentInvitation, Round
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.csvfile import CSV_MIME, to_csv
from ritsen.core.errors import ServiceError


def _context(request: CollaborationRequest, round_: Round, party: Party, **extra: object) -> dict:
    return {
        "access": request.access,
        "collaboration": request.access.collaboration,
        "round": round_,
        "party": party,
        **extra,
    }


@collaboration_view(Perm.MANAGE_RESPONDENTS, party="party_id", methods=["GET", "POST"])
def respondents(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    access = request.access
    round_ = access.round(round_id)
    email_form = EmailListForm(request.POST if "add_emails" in request.POST else None)
    links_form = GenerateLinksForm(request.POST if "generate" in request.POST else None)
    if request.method == "POST":
        try:
            if "add_emails" in request.POST and email_form.is_valid():
                outcome = services.invite_respondents(
                    round_, party, email_form.cleaned_data["emails"], access=access
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)d invitation is being sent.",
                        "%(count)d invitations are being sent.",
                        outcome.created,
                    )
                    % {"count": outcome.created},
                )
                if outcome.already_invited:
                    messages.info(
                        request,
                        _("Already invited, so not sent again: %(list)s")
                        % {"list": ", ".join(outcome.already_invited)},
                    )
                return redirect(request.path)
            if "generate" in request.POST and links_form.is_valid():
                return _new_links(request, round_, party, links_form.cleaned_data["count"])
            if "remind" in request.POST:
                services.send_reminders(round_, party, access=access)
                messages.success(
                    request,
                    _(
                        "The reminder is on its way to everyone you invited by email who has "
                        "not submitted yet. Who that is, is not shown — not to you either."
                    ),
                )
                return redirect(request.path)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect(request.path)
    return render(
        request,
        "assessments/respondents.html",
        _context(
            request,
            round_,
            party,
            email_invitations=services.personal_invitations(round_, party),
            progress=selectors.party_progress(round_, party),
            email_form=email_form,
            links_form=links_form,
        ),
        status=400 if request.method == "POST" else 200,
    )


def _new_links(
    request: CollaborationRequest, round_: Round, party: Party, count: int
) -> HttpResponse:
    """Make the links and hand them over, once: as a sheet to print or as a CSV file."""
    links = services.generate_links(
        round_,
        party,
        count,
        access=request.access,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    if request.POST.get("as") == "csv":
        response = HttpResponse(
            to_csv((_("number"), _("link")), [(link.number, link.url) for link in links]),
            content_type=CSV_MIME,
        )
        stem = "-".join(
            filter(None, (slugify(round_.title), slugify(party.name), "anonymous-links"))
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    return render(
        request,
        "assessments/link_sheet.html",
        _context(request, round_, party, links=links),
    )


def _invitation(
    request: CollaborationRequest, round_id: int, party: Party, invitation_id: int
) -> RespondentInvitation:
    round_ = request.access.round(round_id)
    for invitation in services.personal_invitations(round_, party):
        if invitation.pk == invitation_id:
            return invitation
    raise Http404


@collaboration_view(Perm.MANAGE_RESPONDENTS, party="party_id", methods=["POST"])
def invitation_revoke(
    request: CollaborationRequest, round_id: int, party: Party, invitation_id: int
) -> HttpResponse:
    invitation = _invitation(request, round_id, party, invitation_id)
    services.revoke_invitation(invitation, access=request.access)
    messages.success(request, _("The link of %(who)s no longer works.") % {"who": invitation})
    return redirect("assessments:respondents", request.access.collaboration.pk, round_id, party.pk)


@collaboration_view(Perm.MANAGE_RESPONDENTS, party="party_id", methods=["POST"])
def invitation_resend(
    request: CollaborationRequest, round_id: int, party: Party, invitation_id: int
) -> HttpResponse:
    invitation = _invitation(request, round_id, party, invitation_id)
    try:
        services.resend_invitation(invitation, access=request.access)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The link is being sent again to %(email)s, unless they have already answered.")
            % {"email": invitation.email},
        )
    return redirect("assessments:respondents", request.access.collaboration.pk, round_id, party.pk)
