"""The REST API at ``/api/v1/``: the same services and the same permission policy as
the pages (outsiders 404, missing permissions 403, party-private data only for the
party, the anonymity rules of the shared results). Interactive docs at
``/api/v1/docs``, the schema at ``/api/v1/openapi.json`` (committed in
``ritsen/api/openapi.json``, checked for drift by the tests)."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.operation import Operation
from ninja.pagination import paginate

from ritsen.collaborations import selectors
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.access import Perm
from ritsen.core.errors import ServiceError
from ritsen.frameworks.models import Framework
from ritsen.frameworks.services import ensure_default_framework
from ritsen.results.data import Results
from ritsen.results.selectors import comparable_rounds, shared_results, trends_of
from ritsen.results.trends import CHANGE_THRESHOLD, Trends

from . import errors, hooks, lifecycle, parties, portfolio, respond, schemas, steering, workspace
from .auth import AUTH, THROTTLE
from .common import (
    ERRORS,
    Id,
    Pages,
    access_to,
    collaboration_out,
    framework_ref,
    party_out,
    results_out,
    user_of,
)


class RitsenAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Operation ids are the functions' names: ``list_collaborations`` …"""
        return operation.view_func.__name__


api = RitsenAPI(
    title="Ritsen API",
    version="1",
    description=(
        "Everything Ritsen shows, for your own programs. Authenticate with a personal "
        "access token (your profile page, or `ritsen token create`) as "
        "`Authorization: Bearer <token>`. Lists take `limit` and `offset` and return "
        '`items` and `count` (the total). Errors are `{"detail": …, "code": …}`: 401 '
        "without a valid token, 403 when you may not (a read-only token writes nothing), "
        "404 for what you cannot see, 422 for invalid input, naming the field, 429 (with "
        "`Retry-After`) over the rate limit per token (600 requests a minute unless the "
        "site sets `RITSEN_API_RATE`)."
    ),
    auth=AUTH,
    throttle=[THROTTLE],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)


@api.get(
    "/collaborations",
    response={200: list[schemas.CollaborationOut], **ERRORS},
    tags=["collaborations"],
)
@paginate(Pages)
def list_collaborations(request: HttpRequest) -> list[dict]:
    """The collaborations in which you have a role, newest first."""
    return [collaboration_out(m) for m in selectors.memberships_of(user_of(request))]


@api.post(
    "/collaborations",
    response={201: schemas.CollaborationDetail, **ERRORS},
    tags=["collaborations"],
)
def create_collaboration(request: HttpRequest, payload: schemas.CollaborationIn) -> Status:
    """Start a collaboration; you become its facilitator."""
    user = user_of(request)
    try:
        if not payload.framework_slug:
            framework = ensure_default_framework()
        elif payload.framework_version is None:
            framework = Framework.objects.get_latest(payload.framework_slug)
        else:
            framework = Framework.objects.get(
                slug=payload.framework_slug, version=payload.framework_version
            )
    except Framework.DoesNotExist:
        raise ServiceError(_("There is no such framework (version).")) from None
    collaboration = collaborations.create_collaboration(
        user=user, name=payload.name.strip(), purpose=payload.purpose, framework=framework
    )
    return Status(201, get_collaboration(request, collaboration.pk))


@api.patch(
    "/collaborations/{collaboration_id}",
    response={200: schemas.CollaborationDetail, **ERRORS},
    tags=["collaborations"],
)
def edit_collaboration(
    request: HttpRequest, collaboration_id: Id, payload: schemas.CollaborationPatch
) -> dict:
    """Change the name or purpose (facilitators)."""
    access = access_to(request, collaboration_id, Perm.EDIT_COLLABORATION)
    collaborations.edit_collaboration(
        access=access,
        name=payload.name.strip() if payload.name is not None else access.collaboration.name,
        purpose=payload.purpose if payload.purpose is not None else access.collaboration.purpose,
    )
    return get_collaboration(request, collaboration_id)


@api.get(
    "/collaborations/{collaboration_id}",
    response={200: schemas.CollaborationDetail, **ERRORS},
    tags=["collaborations"],
)
def get_collaboration(request: HttpRequest, collaboration_id: Id) -> dict:
    access = access_to(request, collaboration_id)
    return {
        **collaboration_out(access.membership),
        "parties": [party_out(p) for p in access.parties()],
    }


@api.get(
    "/collaborations/{collaboration_id}/rounds/{round_id}/results",
    response={200: schemas.SharedResults, **ERRORS},
    tags=["results"],
)
def get_shared_results(request: HttpRequest, collaboration_id: Id, round_id: Id) -> dict:
    """The shared results, once every party has released them (404 before): the same
    figures as the zipper page, from the same stored snapshot — groups below the
    anonymity threshold are withheld, without their size."""
    access = access_to(request, collaboration_id)
    round_ = access.round(round_id)
    results = shared_results(round_)
    if results is None:
        raise Http404
    return results_out(round_, results)


def _trends_out(trends: Trends, released: list[Results]) -> dict:
    return {
        "rounds": [
            {
                "round_id": results.round.pk,
                "title": trend_round.label,
                "date": trend_round.date,
                "parties": list(trend_round.parties),
                "zipper_state": str(trend_round.zipper_state),
                "weakest_link": trend_round.weakest_key,
                "jams_at": list(trend_round.jams_at),
            }
            for trend_round, results in zip(trends.rounds, released, strict=True)
        ],
        "links": [
            {
                "key": link.key,
                "name": str(link.link.name),
                "states": [None if state is None else str(state) for state in link.states],
                "parties": [
                    {
                        "party_id": series.party,
                        "points": [
                            None if p is None else {"mean": float(p.mean_rounded), "n": p.n}
                            for p in series.points
                        ],
                        "changes": [
                            None
                            if c is None
                            else {
                                "direction": None if c.direction is None else str(c.direction),
                                "difference": None if c.difference is None else float(c.difference),
                            }
                            for c in series.changes
                        ],
                    }
                    for series in link.series
                ],
            }
            for link in trends.links
        ],
        "change_threshold": float(trends.threshold),
    }


@api.get(
    "/collaborations/{collaboration_id}/trends",
    response={200: schemas.TrendsOut, **ERRORS},
    tags=["results"],
)
def get_trends(request: HttpRequest, collaboration_id: Id) -> dict:
    """How the zipper and each link developed over the shared rounds (the Trends
    page): per link and party a point per round (none where the group was withheld or
    the party absent) and the change since the round before (a change counts from
    ``change_threshold`` on)."""
    access = access_to(request, collaboration_id)
    released = comparable_rounds(access.collaboration)
    trends = trends_of(released)
    if trends is None:
        return {"rounds": [], "links": [], "change_threshold": float(CHANGE_THRESHOLD)}
    return _trends_out(trends, released)


def _framework(framework: Framework) -> dict:
    return {
        **framework_ref(framework),
        "links": framework.link_count,
        "statements": framework.statement_count,
        "loaded_at": framework.loaded_at,
    }


@api.get("/frameworks", response={200: list[schemas.FrameworkOut], **ERRORS}, tags=["frameworks"])
@paginate(Pages)
def list_frameworks(request: HttpRequest) -> list[dict]:
    """Every stored framework version."""
    user_of(request)
    return [_framework(f) for f in Framework.objects.order_by("slug", "-version")]


@api.get(
    "/frameworks/{slug}/{version}",
    response={200: schemas.FrameworkDetail, **ERRORS},
    tags=["frameworks"],
)
def get_framework(request: HttpRequest, slug: str, version: Id) -> dict:
    """A framework version with its links, statements, scale and thresholds."""
    user_of(request)
    framework = get_object_or_404(Framework, slug=slug, version=version)
    return {**_framework(framework), "data": framework.data}


api.add_router("", parties.router)
api.add_router("", steering.router)
api.add_router("", hooks.router)
api.add_router("", workspace.router)
api.add_router("", lifecycle.router)
api.add_router("", portfolio.router)
api.add_router("/respond", respond.router)
