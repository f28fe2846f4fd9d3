from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ritsen.collaborations import services
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.forms import ProfileForm
from ritsen.collaborations.models import PROFILE_QUESTIONS, PartyProfile


def _own_profile(request, party_id: int) -> PartyProfile:
    access = request.access
    party = access.party_for_private(party_id)  # 404 for anyone outside the party
    return PartyProfile.objects.for_party(party)


@collaboration_view
def profile_detail(request, party_id: int):
    profile = _own_profile(request, party_id)
    access = request.access
    return render(
        request,
        "collaborations/profile_detail.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": profile.party,
            "profile": profile,
            "all_shared": services.all_shared(access.collaboration),
            "can_edit": access.is_coordinator,
        },
    )


@collaboration_view
@require_http_methods(["GET", "POST"])
def profile_edit(request, party_id: int):
    profile = _own_profile(request, party_id)
    access = request.access
    access.require_coordinator()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(profile, form.cleaned_data, request.user)
        if "share" in request.POST:
            return _share(request, profile)
        messages.success(request, _("Your profile has been saved."))
        return redirect("collaborations:profile", access.collaboration.pk, profile.party.pk)
    return render(
        request,
        "collaborations/profile_form.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": profile.party,
            "profile": profile,
            "form": form,
        },
    )


def _share(request, profile: PartyProfile):
    access = request.access
    try:
        services.share_profile(profile, request.user)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        if services.all_shared(access.collaboration):
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


@collaboration_view
@require_POST
def profile_share(request, party_id: int):
    profile = _own_profile(request, party_id)
    request.access.require_coordinator()
    return _share(request, profile)


@collaboration_view
@require_POST
def profile_withdraw(request, party_id: int):
    profile = _own_profile(request, party_id)
    access = request.access
    access.require_coordinator()
    try:
        services.withdraw_profile(profile, request.user)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sharing has been withdrawn; the profile is private again."))
    return redirect("collaborations:profile", access.collaboration.pk, profile.party.pk)


@collaboration_view
def profile_history(request, party_id: int):
    profile = _own_profile(request, party_id)
    access = request.access
    versions = list(profile.versions.select_related("created_by")) if profile.pk else []
    for version in versions:
        version.items = [
            (label, version.content.get(key, "")) for key, label, _help in PROFILE_QUESTIONS
        ]
    return render(
        request,
        "collaborations/profile_history.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": profile.party,
            "profile": profile,
            "versions": versions,
        },
    )


@collaboration_view
def profiles_side_by_side(request):
    access = request.access
    profiles = access.profiles_side_by_side()
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
            "preparation": services.preparation_status(access.collaboration),
        },
    )
