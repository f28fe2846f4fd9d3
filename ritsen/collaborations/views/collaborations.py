from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ritsen.assessments.services import all_released
from ritsen.collaborations import services
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.forms import CollaborationForm, PartyForm
from ritsen.collaborations.models import Collaboration, Membership, Organisation

PAGE_SIZE = 20


@login_required
def collaboration_list(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("collaboration", "party__organisation")
        .annotate(party_count=Count("collaboration__parties", distinct=True))
        .order_by("-collaboration__created_at", "-collaboration__pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(
            Q(collaboration__name__icontains=query) | Q(collaboration__purpose__icontains=query)
        )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "collaborations/list.html", {"page": page, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_create(request):
    form = CollaborationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collaboration = services.create_collaboration(
            user=request.user,
            name=form.cleaned_data["name"],
            purpose=form.cleaned_data["purpose"],
            framework=form.cleaned_data["framework"],
        )
        messages.success(request, _("The collaboration has been created. Now add the parties."))
        return redirect("collaborations:party_add", collaboration.pk)
    return render(request, "collaborations/form.html", {"form": form})


@collaboration_view
def collaboration_detail(request):
    access = request.access
    collaboration = access.collaboration
    latest_round = collaboration.rounds.first()
    return render(
        request,
        "collaborations/detail.html",
        {
            "access": access,
            "collaboration": collaboration,
            "framework": collaboration.framework.spec,
            "preparation": services.preparation_status(collaboration),
            "all_shared": services.all_shared(collaboration),
            "latest_round": latest_round,
            "latest_round_released": latest_round is not None and all_released(latest_round),
        },
    )


@collaboration_view
@require_http_methods(["GET", "POST"])
def collaboration_edit(request):
    access = request.access
    access.require_facilitator()
    form = CollaborationForm(request.POST or None, instance=access.collaboration)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The collaboration has been saved."))
        return redirect(access.collaboration)
    return render(
        request,
        "collaborations/form.html",
        {"form": form, "collaboration": access.collaboration, "access": access},
    )


def organisations_known_to(user):
    """Organisations from the user's own collaborations (never the whole register)."""
    visible = Collaboration.objects.visible_to(user)
    return Organisation.objects.filter(parties__collaboration__in=visible).distinct()


@collaboration_view
@require_http_methods(["GET", "POST"])
def party_add(request):
    access = request.access
    access.require_facilitator()
    collaboration = access.collaboration
    form = PartyForm(
        request.POST or None,
        organisations=organisations_known_to(request.user).exclude(
            parties__collaboration=collaboration
        ),
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"] or services.find_or_create_organisation(
            form.cleaned_data["new_organisation"]
        )
        try:
            party = services.add_party(
                collaboration, organisation=organisation, role=form.cleaned_data["role"]
            )
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(party)s has been added. Invite its coordinator next.") % {"party": party},
            )
            if "add_another" in request.POST:
                return redirect("collaborations:party_add", collaboration.pk)
            return redirect(collaboration)
    return render(
        request,
        "collaborations/party_form.html",
        {
            "form": form,
            "collaboration": collaboration,
            "access": access,
            "parties": access.parties(),
        },
    )
