"""The lifecycle through the API: the timeline, guarded transitions and the parties'
approvals — the same services as the pages."""

import datetime

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, Field

from ritsen.collaborations.constants import Stage
from ritsen.lifecycle import selectors, services

from . import schemas
from .common import ERRORS, Id, access_to

router = Router(tags=["lifecycle"])


class TransitionIn(schemas.Body):
    to: Stage
    reason: schemas.Text = Field(default="", max_length=5000)
    override: schemas.Text = Field(default="", max_length=5000)


class ApprovalIn(schemas.Body):
    to: Stage


class NotReady(BaseModel):
    detail: str
    code: str
    missing: list[str]


class StageOut(BaseModel):
    stage: Stage
    since: datetime.datetime | None


class ApprovalOut(BaseModel):
    party: int
    from_stage: Stage
    to_stage: Stage
    approved_at: datetime.datetime


class EntryOut(BaseModel):
    when: datetime.datetime
    kind: str
    title: str
    detail: str


class TimelineOut(BaseModel):
    stage: Stage
    since: datetime.datetime | None
    entries: list[EntryOut]


@router.get("/collaborations/{collaboration_id}/timeline", response={200: TimelineOut, **ERRORS})
def get_timeline(request: HttpRequest, collaboration_id: Id) -> dict:
    """The stage, and everything that shaped the collaboration, oldest first: stages,
    scale events, rounds, agreements agreed, actions done."""
    access = access_to(request, collaboration_id)
    collaboration = access.collaboration
    return {
        "stage": collaboration.stage,
        "since": collaboration.stage_since,
        "entries": [entry.__dict__ for entry in selectors.timeline(access)],
    }


@router.post(
    "/collaborations/{collaboration_id}/lifecycle/transitions",
    response={200: StageOut, 409: NotReady, **ERRORS},
)
def make_transition(request: HttpRequest, collaboration_id: Id, payload: TransitionIn) -> Status:
    """Move the collaboration to another stage (facilitators). 409 with what is still
    missing when the guard does not allow it yet; ``override`` (a written reason) lets a
    facilitator go from aligning to active despite the round's weak links."""
    access = access_to(request, collaboration_id)
    try:
        services.transition(access, payload.to, reason=payload.reason, override=payload.override)
    except services.GuardRefused as refused:
        return Status(
            409, {"detail": str(refused), "code": "not_ready", "missing": refused.missing}
        )
    collaboration = access.collaboration
    return Status(200, {"stage": collaboration.stage, "since": collaboration.stage_since})


@router.post(
    "/collaborations/{collaboration_id}/lifecycle/approvals",
    response={201: ApprovalOut, **ERRORS},
)
def approve_transition(request: HttpRequest, collaboration_id: Id, payload: ApprovalIn) -> Status:
    """Approve the transition to ``to`` on behalf of your party (coordinators); the
    transition from aligning to active needs a coordinator of every party."""
    access = access_to(request, collaboration_id)
    approval = services.approve(access, payload.to)
    return Status(
        201,
        {
            "party": approval.party_id,
            "from_stage": approval.from_stage,
            "to_stage": approval.to_stage,
            "approved_at": approval.approved_at,
        },
    )


@router.delete(
    "/collaborations/{collaboration_id}/lifecycle/approvals/{to}",
    response={204: None, **ERRORS},
)
def withdraw_approval(request: HttpRequest, collaboration_id: Id, to: Stage) -> Status:
    """Take your party's approval of the transition to ``to`` back (coordinators), as long
    as the transition has not been made; withdrawing what was not given changes nothing."""
    access = access_to(request, collaboration_id)
    services.withdraw_approval(access, to)
    return Status(204, None)
