"""The portfolio pages: an organisation's (its portfolio managers, and the people of its
parties) and a facilitator's own — with filters, the heatmap and the trajectory."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from ritsen.collaborations import organisation_roles
from ritsen.collaborations.access import PortfolioView, facilitated_collaborations
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Organisation, OrganisationRoleKind
from ritsen.core.errors import ServiceError
from ritsen.core.rules import authenticated_view
from ritsen.results.scoring import ZipperState

from . import selectors
from .scope import organisation_scope


def _page(request: HttpRequest, collaborations: object, **context: object) -> HttpResponse:
    found = selectors.portfolio(
        collaborations,  # type: ignore[arg-type]
        selectors.Filters.of(request.GET),
        request.GET.get("page"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    member_of = selectors.link_for(request.user.pk, found.rows)
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "portfolio": found,
            "stages": Stage.choices,
            "states": [(state.value, state.label) for state in ZipperState],
            "query": query.urlencode(),
            "member_of": member_of,
            **context,
        },
    )


@authenticated_view()
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found, view, collaborations = organisation_scope(request.user, organisation_id)
    return _page(
        request,
        collaborations,
        organisation=found,
        manager=view is PortfolioView.MANAGER,
        administers=organisation_roles.administers(request.user, found),
        export_args=[found.pk],
    )


@authenticated_view()
def facilitated(request: HttpRequest) -> HttpResponse:
    return _page(request, facilitated_collaborations(request.user))  # type: ignore[arg-type]


class RoleForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=OrganisationRoleKind.choices,
        initial=OrganisationRoleKind.PORTFOLIO_MANAGER,
        help_text=_(
            "A portfolio manager sees every collaboration of the organisation; an "
            "administrator also gives and takes back these roles."
        ),
    )


@authenticated_view(methods=["GET", "POST"])
def roles(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The organisation's roles, for its administrators: who has which, and a form to
    give a role to someone with an account."""
    found = get_object_or_404(Organisation, pk=organisation_id)
    listed = organisation_roles.roles_of(request.user, found)  # 404 for anyone else
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            granted = organisation_roles.grant(
                by=request.user, organisation=found, email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )  # fmt: skip
        except ServiceError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("%(person)s is now %(role)s.")
                % {"person": granted.user.display_name, "role": granted.get_role_display()},
            )
            return redirect("portfolio:roles", found.pk)
    return render(
        request,
        "portfolio/roles.html",
        {"organisation": found, "roles": listed, "form": form},
    )


@authenticated_view(methods=["GET", "POST"])
def role_revoke(request: HttpRequest, organisation_id: int, role_id: int) -> HttpResponse:
    """Asks first; then takes the role back."""
    found = get_object_or_404(Organisation, pk=organisation_id)
    role = get_object_or_404(
        organisation_roles.roles_of(request.user, found), pk=role_id
    )  # 404 for anyone but its administrators
    if request.method == "POST":
        try:
            organisation_roles.revoke(by=request.user, role=role)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(person)s is no longer %(role)s.")
                % {"person": role.user.display_name, "role": role.get_role_display()},
            )
        if role.user_id == request.user.pk and not organisation_roles.administers(
            request.user, found
        ):
            return redirect("collaborations:list")  # one's own last role there: gone
        return redirect("portfolio:roles", found.pk)
    return render(request, "portfolio/role_revoke.html", {"organisation": found, "role": role})
