"""What the API's operations share: who calls, their access, and the shapes of the
things they return (built from the same selectors as the pages)."""

from __future__ import annotations

from typing import Annotated

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from ninja import Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination
from pydantic import Field

from ritsen.accounts.models import User
from ritsen.assessments.models import Round
from ritsen.collaborations.access import Access, Perm, access_for
from ritsen.collaborations.models import Membership, Party
from ritsen.frameworks.models import Framework
from ritsen.frameworks.spec import Link
from ritsen.results.data import PartyLinkDetail, Results

from . import schemas

#: A database id in a path: a positive 32-bit integer (larger is no id, not a crash).
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Pages(LimitOffsetPagination):
    """``limit`` (1–1000, default 100) and ``offset`` (at most a 32-bit integer): a
    number beyond that is invalid input (422), never a database error."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=2_147_483_647)


#: The errors every operation may answer with (documented in the schema).
ERRORS = {
    400: schemas.Error,
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    422: schemas.InvalidInput,
    429: schemas.Error,
}


def user_of(request: HttpRequest) -> User:
    user = request.user
    if isinstance(user, AnonymousUser) or not isinstance(user, User):  # pragma: no cover
        raise Http404
    return user


def access_to(request: HttpRequest, collaboration_id: int, perm: Perm = Perm.VIEW) -> Access:
    """The caller's access to the collaboration (404 for outsiders), checked for ``perm``."""
    access = access_for(user_of(request), collaboration_id)
    access.require(perm)
    return access


def party_access(
    request: HttpRequest, collaboration_id: int, party_id: int, perm: Perm
) -> tuple[Access, Party]:
    """The caller's access and one party of the collaboration, checked for the party
    permission ``perm`` (404 outside the party, 403 inside without it)."""
    access = access_to(request, collaboration_id)
    party = access.get_party(party_id)
    access.require(perm, party=party)
    return access, party


def invalid(field: str, message: str) -> ValidationError:
    """A 422 naming ``field`` of the request body, as pydantic's own errors do."""
    return ValidationError([{"loc": ("body", "payload", field), "msg": message}])


def check_form(form: forms.BaseForm) -> dict:
    """Validate the body with the page's form (the one place of those rules); 422 with
    every field's message, else the cleaned data."""
    if form.is_valid():
        return form.cleaned_data
    raise ValidationError(
        [
            {"loc": ("body", "payload", name), "msg": " ".join(str(m) for m in messages)}
            for name, messages in form.errors.items()
        ]
    )


def party_out(party: Party) -> dict:
    return {"id": party.pk, "name": party.name, "role": getattr(party, "role", "")}


def framework_ref(framework: Framework) -> dict:
    return {"slug": framework.slug, "version": framework.version, "name": framework.name}


def collaboration_out(membership: Membership) -> dict:
    collaboration = membership.collaboration
    return {
        "id": collaboration.pk,
        "name": collaboration.name,
        "purpose": collaboration.purpose,
        "my_role": membership.role,
        "my_party": party_out(membership.party) if membership.party else None,
        "framework": framework_ref(collaboration.framework),
    }


def round_out(round_: Round) -> dict:
    return {
        "id": round_.pk,
        "title": round_.title,
        "state": round_.state,
        "language": round_.language,
        "opened_at": round_.opened_at,
        "closes_at": round_.closes_at,
        "closed_at": round_.closed_at,
        "shared_at": round_.shared_at,
    }


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _statements_out(link: Link, detail: PartyLinkDetail | None) -> dict:
    """A party's statement figures and comments for a link, as the link page shows
    them: nothing of a group below the anonymity threshold."""
    if detail is None or detail.statements is None:
        return {"statements": None, "comments": None}
    statements = []
    for statement in link.statements:
        stats = detail.statements.get(statement.id)
        if stats is None:
            continue
        statements.append(
            {
                "id": statement.id,
                "mean": None if stats.withheld else _number(stats.mean_rounded),
                "n": None if stats.withheld else stats.n,
                # Withheld: no count at all (with the link's n it would tell the hidden one).
                "dont_know": None if stats.withheld else stats.dont_know,
            }
        )
    return {"statements": statements, "comments": list(detail.comments or [])}


def results_out(round_: Round, results: Results) -> dict:
    """Results as the zipper page shows them: withheld groups without their size."""
    spec, result = results.spec, results.result
    links = []
    for link_result in result.links:
        link = spec.link(link_result.link_id)
        details = {detail.party.pk: detail for detail in results.details.get(link.id, [])}
        parties = []
        for party in results.parties:
            cell = link_result.parties[party.pk]
            detail = details.get(party.pk)
            parties.append(
                {
                    "party_id": party.pk,
                    "mean": _number(cell.mean_rounded),
                    "n": None if cell.withheld else cell.n,
                    "sd": _number(cell.sd),
                    "withheld": cell.withheld,
                    **_statements_out(link, detail),
                }
            )
        links.append(
            {
                "id": link.id,
                "key": link.key,
                "name": str(link.name),
                "state": str(link_result.state),
                "gap": _number(link_result.gap_rounded),
                "parties": parties,
            }
        )
    return {
        "round": round_out(round_),
        "parties": [party_out(party) for party in results.parties],  # type: ignore[arg-type]
        "zipper": {
            "state": str(result.zipper.state),
            "weakest_link": result.zipper.weakest_link,
            "jams_at": list(result.zipper.jams_at),
        },
        "agenda": list(result.agenda),
        "agenda_rule": results.agenda_rule,
        "links": links,
    }
