from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.assessments import services
from ritsen.assessments.forms import EmailListForm, GenerateLinksForm
from ritsen.assessments.models import RespondentInvitation
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.errors import ServiceError


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
                        "%(count)d invitation has been sent.",
                        "%(count)d invitations have been sent.",
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
                created = services.generate_links(
                    round_, party, links_form.cleaned_data["count"], access=access
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)d anonymous link has been made.",
                        "%(count)d anonymous links have been made.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return redirect(
                    "assessments:links", request.access.collaboration.pk, round_.pk, party.pk
                )
            if "remind" in request.POST:
                sent = services.send_reminders(round_, party, access=access)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d reminder has been sent.",
                        "%(count)d reminders have been sent.",
                        sent,
                    )
                    % {"count": sent},
                )
                return redirect(request.path)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect(request.path)
    invitations = services.invitations_of(round_, party)
    progress = next(p for p in services.progress(round_) if p.party.pk == party.pk)
    return render(
        request,
        "assessments/respondents.html",
        {
            "access": request.access,
            "collaboration": request.access.collaboration,
            "round": round_,
            "party": party,
            "email_invitations": [i for i in invitations if i.email],
            "link_count": sum(1 for i in invitations if not i.email and not i.is_revoked),
            "progress": progress,
            "email_form": email_form,
            "links_form": links_form,
        },
    )


@collaboration_view(Perm.MANAGE_RESPONDENTS, party="party_id")
def links(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    round_ = request.access.round(round_id)
    invitations = [
        invitation
        for invitation in services.invitations_of(round_, party)
        if not invitation.email and not invitation.is_revoked
    ]
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = [
        (invitation, services.invitation_link(invitation, base_url)) for invitation in invitations
    ]
    return render(
        request,
        "assessments/links.html",
        {
            "access": request.access,
            "collaboration": request.access.collaboration,
            "round": round_,
            "party": party,
            "rows": rows,
        },
    )


def _invitation(request: CollaborationRequest, round_id: int, party: Party, invitation_id: int):
    round_ = request.access.round(round_id)
    for invitation in services.invitations_of(round_, party):
        if invitation.pk == invitation_id:
            return invitation
    raise Http404


@collaboration_view(Perm.MANAGE_RESPONDENTS, party="party_id", methods=["POST"])
def invitation_revoke(
    request: CollaborationRequest, round_id: int, party: Party, invitation_id: int
) -> HttpResponse:
    invitation: RespondentInvitation = _invitation(request, round_id, party, invitation_id)
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
            _("The link has been sent again to %(email)s, unless they have already answered.")
            % {"email": invitation.email},
        )
    return redirect("assessments:respondents", request.access.collaboration.pk, round_id, party.pk)
