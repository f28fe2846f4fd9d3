from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ritsen.accounts.requests import AuthenticatedRequest
from ritsen.collaborations import home, selectors, services
from ritsen.collaborations.access import (
    CollaborationRequest,
    Perm,
    collaboration_view,
    facilitated_collaborations,
    portfolio_organisations,
)
from ritsen.collaborations.forms import CollaborationForm, PartyEditForm, PartyForm
from ritsen.core.errors import ServiceError
from ritsen.core.rules import authenticated_view

PAGE_SIZE = 20


@authenticated_view()
def collaboration_list(request: AuthenticatedRequest) -> HttpResponse:
    memberships = selectors.memberships_of(request.user).annotate(
        party_count=Count("collaboration__parties", distinct=True)
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()  # PostgreSQL takes no NUL
    if query:
        memberships = memberships.filter(
            Q(collaboration__name__icontains=query) | Q(collaboration__purpose__icontains=query)
        )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    details = home.card_details_for([membership.collaboration for membership in page.object_list])
    cards = [(membership, details[membership.collaboration_id]) for membership in page.object_list]
    return render(
        request,
        "collaborations/list.html",
        {
            "page": page,
            "cards": cards,
            "query": query,
            "portfolios": list(portfolio_organisations(request.user).order_by("name")[:20]),
            "facilitates": facilitated_collaborations(request.user).exists(),
        },
    )


@authenticated_view(methods=["GET", "POST"])
def collaboration_create(request: AuthenticatedRequest) -> HttpResponse:
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


@collaboration_view(Perm.VIEW)
def collaboration_detail(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    collaboration = access.collaboration
    return render(
        request,
        "collaborations/detail.html",
        {
            "access": access,
            "collaboration": collaboration,
            "framework": collaboration.framework.spec,
            "preparation": selectors.preparation_status(collaboration),
            "all_shared": selectors.all_shared(collaboration),
            "actions": home.actions_for(access),
            "next_steps": home.next_steps_for(access),
            "panels": home.panels_for(access),
        },
    )


@collaboration_view(Perm.EDIT_COLLABORATION, methods=["GET", "POST"])
def collaboration_edit(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    form = CollaborationForm(request.POST or None, instance=access.collaboration)
    if request.method == "POST" and form.is_valid():
        services.edit_collaboration(
            access=access, name=form.cleaned_data["name"], purpose=form.cleaned_data["purpose"]
        )
        messages.success(request, _("The collaboration has been saved."))
        return redirect(access.collaboration)
    return render(
        request,
        "collaborations/form.html",
        {"form": form, "collaboration": access.collaboration, "access": access},
    )


@collaboration_view(Perm.MANAGE_PARTIES, methods=["GET", "POST"])
def party_add(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    collaboration = access.collaboration
    form = PartyForm(
        request.POST or None,
        organisations=selectors.organisations_known_to(request.user).exclude(
            parties__collaboration=collaboration
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            party = services.add_party(
                access=access,
                organisation=form.cleaned_data["organisation"],
                organisation_name=form.cleaned_data["new_organisation"],
                role=form.cleaned_data["role"],
            )
        except ServiceError as error:
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


@collaboration_view(Perm.MANAGE_PARTIES, methods=["GET", "POST"])
def party_edit(request: CollaborationRequest, party_id: int) -> HttpResponse:
    access = request.access
    party = access.get_party(party_id)
    form = PartyEditForm(request.POST or None, initial={"name": party.name, "role": party.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_party(
                party, access=access, name=form.cleaned_data["name"], role=form.cleaned_data["role"]
            )
        except ServiceError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("%(party)s has been saved.") % {"party": party.name})
            return redirect(access.collaboration)
    return render(
        request,
        "collaborations/party_edit.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": party,
            "form": form,
            "holdings": services.party_holdings(party),
        },
    )


@collaboration_view(Perm.MANAGE_PARTIES, methods=["GET", "POST"])
def party_remove(request: CollaborationRequest, party_id: int) -> HttpResponse:
    access = request.access
    party = access.get_party(party_id)
    holdings = services.party_holdings(party)
    if request.method == "POST" and not holdings:
        name = party.name
        services.remove_party(party, access=access)
        messages.success(request, _("%(party)s has been removed.") % {"party": name})
        return redirect(access.collaboration)
    return render(
        request,
        "collaborations/party_remove.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": party,
            "holdings": holdings,
        },
        status=409 if request.method == "POST" else 200,
    )
