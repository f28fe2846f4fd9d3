from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ritsen.collaborations import selectors, services
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.changes import profile_changes
from ritsen.collaborations.forms import ProfileForm
from ritsen.collaborations.models import PROFILE_QUESTIONS, Party, PartyProfile
from ritsen.core.errors import ServiceError


def _context(request: CollaborationRequest, profile: PartyProfile, **extra: object) -> dict:
    access = request.access
    return {
        "access": access,
        "collaboration": access.collaboration,
        "party": profile.party,
        "profile": profile,
        **extra,
    }


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def profile_detail(request: CollaborationRequest, party: Party) -> HttpResponse:
    profile = selectors.profile_of(party)
    return render(
        request,
        "collaborations/profile_detail.html",
        _context(request, profile, all_shared=selectors.all_shared(request.access.collaboration)),
    )


@collaboration_view(Perm.EDIT_PROFILE, party="party_id", methods=["GET", "POST"])
def profile_edit(request: CollaborationRequest, party: Party) -> HttpResponse:
    access = request.access
    profile = selectors.profile_of(party)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(profile, form.cleaned_data, access=access)
        if "share" in request.POST:  # saved; sharing is confirmed on the next page
            return redirect("collaborations:profile_share", access.collaboration.pk, party.pk)
        messages.success(request, _("Your profile has been saved."))
        return redirect("collaborations:profile", access.collaboration.pk, party.pk)
    return render(
        request, "collaborations/profile_form.html", _context(request, profile, form=form)
    )


def _share(request: CollaborationRequest, profile: PartyProfile) -> HttpResponse:
    access = request.access
    try:
        services.share_profile(profile, access=access)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        if selectors.all_shared(access.collaboration):
            messages.success(
                request, _("Every party has shared its profile: compare them side by side now.")
            )
            return redirect("collaborations:profiles", access.collaboration.pk)
        messages.success(
            request,
            _(
                "Your profile is shared. The other parties will see it as soon as every "
                "party has shared theirs."
            ),
        )
    return redirect("collaborations:profile", access.collaboration.pk, profile.party.pk)


@collaboration_view(Perm.EDIT_PROFILE, party="party_id", methods=["GET", "POST"])
def profile_share(request: CollaborationRequest, party: Party) -> HttpResponse:
    """GET asks for confirmation (naming the questions still empty); POST shares."""
    profile = selectors.profile_of(party)
    if request.method == "POST":
        return _share(request, profile)
    if profile.is_shared:
        return redirect("collaborations:profile", request.access.collaboration.pk, party.pk)
    empty = [label for key, label, _help in PROFILE_QUESTIONS if not getattr(profile, key).strip()]
    return render(
        request,
        "collaborations/profile_share.html",
        _context(request, profile, empty=empty, total=len(PROFILE_QUESTIONS)),
    )


@collaboration_view(Perm.EDIT_PROFILE, party="party_id", methods=["POST"])
def profile_withdraw(request: CollaborationRequest, party: Party) -> HttpResponse:
    access = request.access
    try:
        services.withdraw_profile(selectors.profile_of(party), access=access)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sharing has been withdrawn; the profile is private again."))
    return redirect("collaborations:profile", access.collaboration.pk, party.pk)


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def profile_history(request: CollaborationRequest, party: Party) -> HttpResponse:
    profile = selectors.profile_of(party)
    versions = list(profile.versions.select_related("created_by")) if profile.pk else []
    # Newest first; each compared with the version before it.
    for version, older in zip(versions, [*versions[1:], None][: len(versions)], strict=True):
        version.items = profile_changes(  # type: ignore[attr-defined]
            older.content if older is not None else None, version.content
        )
    return render(
        request,
        "collaborations/profile_history.html",
        _context(request, profile, versions=versions),
    )


@collaboration_view(Perm.VIEW)
def profiles_side_by_side(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    profiles = selectors.profiles_side_by_side(access.collaboration)
    rows = []
    if profiles:
        rows = [
            (label, [(profile.party, getattr(profile, key)) for profile in profiles])
            for key, label, _help in PROFILE_QUESTIONS
        ]
    return render(
        request,
        "collaborations/profiles_side_by_side.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "profiles": profiles,
            "rows": rows,
            "preparation": selectors.preparation_status(access.collaboration),
        },
    )
