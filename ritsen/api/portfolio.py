"""An organisation's portfolio through the API: the same rows, filters and aggregates
as the page, from the stored rows (never an answer)."""

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from ritsen.portfolio import selectors
from ritsen.portfolio.scope import organisation_scope

from .common import ERRORS, Id, user_of

router = Router(tags=["portfolio"])


class PortfolioQuery(Schema):
    stage: str = ""
    state: str = ""
    link: str = Field("", max_length=50)
    partner: int | None = Field(None, ge=1, le=2_147_483_647)
    page: int = Field(1, ge=1, le=100_000)


class LinkCellOut(BaseModel):
    link: str
    state: str  # "": not in a shared round yet
    trend: str  # up, down, same, or "" (no earlier shared round)
    completeness: int | None


class RowOut(BaseModel):
    id: int
    name: str
    partners: list[str]
    stage: str
    zipper_state: str
    weakest_link: str
    last_shared_at: datetime.datetime | None
    waiting_release: bool
    completeness: int
    open_actions: int
    overdue_actions: int
    links: list[LinkCellOut]


class WeakShareOut(BaseModel):
    link: str
    weak_or_missing: int
    measured: int


class PortfolioOut(BaseModel):
    organisation: str
    view: str  # manager or member
    total: int
    page: int
    pages: int
    weak_links: list[WeakShareOut]
    collaborations: list[RowOut]


@router.get("/organisations/{organisation_id}/portfolio", response={200: PortfolioOut, **ERRORS})
def get_portfolio(
    request: HttpRequest, organisation_id: Id, filters: Query[PortfolioQuery]
) -> dict:
    """The collaborations of the organisation's portfolio that you see, riskiest first
    (50 per page): stage, zipper, weakest link, completeness, actions, and per link its
    state and trend; with the share of collaborations weak on each link."""
    organisation, view, collaborations = organisation_scope(user_of(request), organisation_id)
    found = selectors.portfolio(collaborations, selectors.Filters.of(filters.dict()), filters.page)
    return {
        "organisation": organisation.name,
        "view": str(view),
        "total": found.total,
        "page": found.page.number,
        "pages": found.page.paginator.num_pages,
        "weak_links": [
            {"link": link.key, "weak_or_missing": weak, "measured": measured}
            for link, weak, measured in found.weak_share
        ],
        "collaborations": [
            {
                "id": row.collaboration.pk,
                "name": row.collaboration.name,
                "partners": row.partners,
                "stage": row.collaboration.stage,
                "zipper_state": row.entry.zipper_state if row.entry else "",
                "weakest_link": row.entry.weakest_link if row.entry else "",
                "last_shared_at": row.entry.last_shared_at if row.entry else None,
                "waiting_release": bool(row.entry and row.entry.waiting_release),
                "completeness": row.entry.completeness if row.entry else 0,
                "open_actions": row.open_actions,
                "overdue_actions": row.overdue_actions,
                "links": [
                    {
                        "link": cell.link_key,
                        "state": cell.state,
                        "trend": cell.trend,
                        "completeness": cell.completeness,
                    }
                    for cell in row.cells
                ],
            }
            for row in found.rows
        ],
    }
