from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ritsen.collaborations import services
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.constants import Role
from ritsen.collaborations.forms import AcceptInvitationForm, InvitationForm


def _manageable_invitations(access):
    invitations = access.collaboration.invitations.pending().select_related("party__organisation")
    if access.is_facilitator:
        return invitations
    if access.is_coordinator:
        return invitations.filter(party=access.party)
    return invitations.none()


@collaboration_view
def people(request):
    access = request.access
    memberships = access.collaboration.memberships.select_related(
        "user", "party__organisation"
    ).order_by("party_id", "role", "user__name", "user__email")
    facilitators = [m for m in memberships if m.role == Role.FACILITATOR]
    by_party = [
        (party, [m for m in memberships if m.party_id == party.pk]) for party in access.parties()
    ]
    return render(
        request,
        "collaborations/people.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "facilitators": facilitators,
            "by_party": by_party,
            "invitations": _manageable_invitations(access),
            "can_invite": access.is_facilitator or access.is_coordinator,
        },
    )


@collaboration_view
@require_http_methods(["GET", "POST"])
def invite(request):
    access = request.access
    if access.is_facilitator:
        parties = list(access.parties())
    elif access.is_coordinator:
        parties = [access.party]
    else:
        raise PermissionDenied
    form = InvitationForm(
        request.POST or None, parties=parties, allow_facilitator=access.is_facilitator
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                collaboration=access.collaboration,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                party=form.cleaned_data["party_obj"],
                invited_by=request.user,
            )
        except services.ServiceError as error:
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
        {"form": form, "access": access, "collaboration": access.collaboration},
    )


@collaboration_view
@require_POST
def invitation_revoke(request, invitation_id: int):
    access = request.access
    if not (access.is_facilitator or access.is_coordinator):
        raise PermissionDenied
    invitation = get_object_or_404(_manageable_invitations(access), pk=invitation_id)
    services.revoke_invitation(invitation)
    messages.success(
        request, _("The invitation to %(email)s has been revoked.") % {"email": invitation.email}
    )
    return redirect("collaborations:people", access.collaboration.pk)


@collaboration_view
@require_http_methods(["GET", "POST"])
def membership_remove(request, membership_id: int):
    access = request.access
    access.require_facilitator()
    membership = get_object_or_404(
        access.collaboration.memberships.select_related("user", "party__organisation"),
        pk=membership_id,
    )
    if request.method == "POST":
        try:
            services.remove_membership(membership)
        except services.ServiceError as error:
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


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.find_invitation(token)
    if invitation is None:
        raise Http404
    context = {"invitation": invitation}
    if not invitation.is_pending:
        return render(request, "collaborations/invitation_invalid.html", context, status=410)

    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_invitation(invitation, user)
            except services.ServiceError as error:
                messages.error(request, str(error))
                return redirect("collaborations:list")
            messages.success(
                request, _("Welcome to %(name)s.") % {"name": invitation.collaboration}
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
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(name)s.") % {"name": invitation.collaboration}
            )
            return redirect(invitation.collaboration)
    context["form"] = form
    return render(request, "collaborations/invitation_accept.html", context)
