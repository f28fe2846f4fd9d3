from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ritsen.collaborations import selectors, services
from ritsen.collaborations.access import Access, CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.forms import AcceptInvitationForm, InvitationForm
from ritsen.collaborations.models import Invitation
from ritsen.core.errors import ServiceError
from ritsen.core.rules import public_view
from ritsen.core.templatetags.text import before_period


@collaboration_view(Perm.VIEW)
def people(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    facilitators, by_party = selectors.people(access)
    # Each party sees its own membership changes; the facilitators their own.
    events = selectors.membership_events(access)
    return render(
        request,
        "collaborations/people.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "facilitators": facilitators,
            "facilitator_events": events.get(None),
            "by_party": [(party, members, events.get(party.pk)) for party, members in by_party],
            "invitations": selectors.manageable_invitations(access),
        },
    )


@collaboration_view(Perm.INVITE_PEOPLE, methods=["GET", "POST"])
def invite(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    form = InvitationForm(
        request.POST or None,
        parties=services.invitable_parties(access),
        allow_facilitator=access.can(Perm.INVITE_FACILITATORS),
        may_invite=lambda role, party: services.may_invite(access, role=role, party=party),
    )
    open_invitation = None
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                access=access,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                party=form.cleaned_data["party_obj"],
                replace="send_again" in request.POST,
            )
        except services.OpenInvitation as notice:
            open_invitation = notice.invitation
            messages.warning(request, str(notice))
        except ServiceError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            if "add_another" in request.POST:
                return redirect("collaborations:invite", access.collaboration.pk)
            return redirect("collaborations:people", access.collaboration.pk)
    return render(
        request,
        "collaborations/invite.html",
        {
            "form": form,
            "access": access,
            "collaboration": access.collaboration,
            "open_invitation": open_invitation,
            "first_coordinator_only": not access.can(Perm.INVITE_TO_PARTY)
            and access.can(Perm.INVITE_FIRST_COORDINATOR),
        },
    )


def _pending_invitation(access: Access, invitation_id: int) -> Invitation:
    return get_object_or_404(
        access.collaboration.invitations.pending().select_related("party"), pk=invitation_id
    )


@collaboration_view(Perm.INVITE_PEOPLE, methods=["POST"])
def invitation_revoke(request: CollaborationRequest, invitation_id: int) -> HttpResponse:
    """Whose invitations one may revoke: ``services.may_invite`` decides (404 else)."""
    access = request.access
    invitation = _pending_invitation(access, invitation_id)
    services.revoke_invitation(invitation, access=access)
    messages.success(
        request, _("The invitation to %(email)s has been revoked.") % {"email": invitation.email}
    )
    return redirect("collaborations:people", access.collaboration.pk)


@collaboration_view(Perm.MANAGE_MEMBERSHIPS, methods=["GET", "POST"])
def membership_remove(request: CollaborationRequest, membership_id: int) -> HttpResponse:
    access = request.access
    membership = get_object_or_404(
        access.collaboration.memberships.select_related("user", "party__organisation"),
        pk=membership_id,
    )
    if request.method == "POST":
        try:
            services.remove_membership(membership, access=access)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(person)s no longer has a role in this collaboration.")
                % {"person": membership.user.display_name},
            )
        return redirect("collaborations:people", access.collaboration.pk)
    return render(
        request,
        "collaborations/membership_remove.html",
        {"membership": membership, "access": access, "collaboration": access.collaboration},
    )


@public_view(methods=["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The secret in the link is the key: whoever holds it sees the invitation."""
    invitation = services.find_invitation(token)
    if invitation is None:
        raise Http404
    context: dict[str, Any] = {"invitation": invitation}
    if not invitation.is_pending:
        return render(request, "collaborations/invitation_invalid.html", context, status=410)

    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_invitation(invitation, user)
            except ServiceError as error:
                messages.error(request, str(error))
                return redirect("collaborations:list")
            messages.success(
                request,
                _("Welcome to %(name)s.") % {"name": before_period(invitation.collaboration)},
            )
            return redirect(invitation.collaboration)
        context["wrong_account"] = user.email.lower() != invitation.email.lower()
        return render(request, "collaborations/invitation_accept.html", context)

    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        context["existing_account"] = True
        return render(request, "collaborations/invitation_accept.html", context)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.accept_invitation_as_new_user(
                invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome to %(name)s.") % {"name": before_period(invitation.collaboration)},
            )
            return redirect(invitation.collaboration)
    context["form"] = form
    return render(request, "collaborations/invitation_accept.html", context)
