from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ritsen.assessments import services
from ritsen.assessments.forms import EmailListForm, GenerateLinksForm
from ritsen.assessments.models import RespondentInvitation
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.services import ServiceError


def _coordinator_round_party(request, round_id: int, party_id: int):
    """The round and the coordinator's own party (404 outside the party, 403 for members)."""
    access = request.access
    party = access.party_for_private(party_id)
    access.require_coordinator()
    return access.round(round_id), party


def _invitations(round_, party):
    return round_.invitations.filter(party=party).order_by("email", "label", "pk")


@collaboration_view
@require_http_methods(["GET", "POST"])
def respondents(request, round_id: int, party_id: int):
    round_, party = _coordinator_round_party(request, round_id, party_id)
    email_form = EmailListForm(request.POST if "add_emails" in request.POST else None)
    links_form = GenerateLinksForm(request.POST if "generate" in request.POST else None)
    if request.method == "POST":
        try:
            if "add_emails" in request.POST and email_form.is_valid():
                outcome = services.invite_respondents(
                    round_, party, email_form.cleaned_data["emails"]
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
                created = services.generate_links(round_, party, links_form.cleaned_data["count"])
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
                sent = services.send_reminders(round_, party)
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
    invitations = _invitations(round_, party)
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


@collaboration_view
def links(request, round_id: int, party_id: int):
    round_, party = _coordinator_round_party(request, round_id, party_id)
    invitations = _invitations(round_, party).filter(email="", revoked_at__isnull=True)
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


def _invitation(request, round_id, party_id, invitation_id) -> RespondentInvitation:
    round_, party = _coordinator_round_party(request, round_id, party_id)
    return get_object_or_404(_invitations(round_, party), pk=invitation_id)


@collaboration_view
@require_POST
def invitation_revoke(request, round_id: int, party_id: int, invitation_id: int):
    invitation = _invitation(request, round_id, party_id, invitation_id)
    services.revoke_invitation(invitation)
    messages.success(request, _("The link of %(who)s no longer works.") % {"who": invitation})
    return redirect("assessments:respondents", request.access.collaboration.pk, round_id, party_id)


@collaboration_view
@require_POST
def invitation_resend(request, round_id: int, party_id: int, invitation_id: int):
    invitation = _invitation(request, round_id, party_id, invitation_id)
    try:
        services.resend_invitation(invitation)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The link has been sent again to %(email)s, unless they have already answered.")
            % {"email": invitation.email},
        )
    return redirect("assessments:respondents", request.access.collaboration.pk, round_id, party_id)
