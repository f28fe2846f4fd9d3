"""What the API returns: the OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import StrictInt, StrictStr


class Error(Schema):
    detail: str
    code: str


class FieldError(Schema):
    field: str
    message: str


class InvalidInput(Error):
    errors: list[FieldError]


class PartyOut(Schema):
    id: int
    name: str
    role: str


class FrameworkRef(Schema):
    slug: str
    version: int
    name: str


class CollaborationOut(Schema):
    id: int
    name: str
    purpose: str
    my_role: str
    my_party: PartyOut | None
    framework: FrameworkRef


class CollaborationDetail(CollaborationOut):
    parties: list[PartyOut]


class RoundOut(Schema):
    id: int
    title: str
    state: str
    language: str
    opened_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None
    shared_at: datetime | None


class PartyScore(Schema):
    party_id: int
    mean: float | None
    n: int | None  # None when withheld: never how many
    sd: float | None
    withheld: bool


class LinkScore(Schema):
    id: int
    key: str
    name: str
    state: str
    gap: float | None
    parties: list[PartyScore]


class Zipper(Schema):
    state: str
    weakest_link: int | None
    jams_at: list[int]


class SharedResults(Schema):
    round: RoundOut
    parties: list[PartyOut]
    zipper: Zipper
    agenda: list[int]
    agenda_rule: str
    links: list[LinkScore]


class FrameworkOut(FrameworkRef):
    links: int
    statements: int
    loaded_at: datetime


class FrameworkDetail(FrameworkOut):
    data: dict


class CollaborationIn(Schema):
    name: StrictStr = Field(min_length=1, max_length=200)
    purpose: StrictStr = Field(default="", max_length=5000)
    # The framework version to use; the default framework's latest version if left out.
    framework_slug: StrictStr | None = None
    framework_version: StrictInt | None = None


class CollaborationPatch(Schema):
    name: StrictStr | None = Field(default=None, min_length=1, max_length=200)
    purpose: StrictStr | None = Field(default=None, max_length=5000)


class RoundIn(Schema):
    title: StrictStr = Field(min_length=1, max_length=200)
    closes_at: datetime | None = None
    language: StrictStr = Field(default="nl", pattern="^(nl|en)$")


class EmailsIn(Schema):
    emails: list[StrictStr] = Field(min_length=1, max_length=500)


class InvitedOut(Schema):
    invited: int
    already_invited: list[str]
    invalid: list[str]


class LinksIn(Schema):
    count: StrictInt = Field(ge=1, le=500)


class LinkOut(Schema):
    number: int
    url: str
    secret: str


class ProgressOut(Schema):
    party_id: int
    invited: int
    started: int
    submitted: int
    personal: int
    anonymous: int
    links_made: int
    links_claimed: int


class ReleaseOut(Schema):
    party_id: int
    released_at: datetime
    round_state: str


class StatementOut(Schema):
    id: str
    text: str
    answer: int | None  # the saved score; None for "don't know" or not answered
    answered: bool


class QuestionnaireLink(Schema):
    id: int
    name: str
    question: str
    statements: list[StatementOut]
    comment: str
    complete: bool


class Scale(Schema):
    min: int
    max: int
    labels: dict[str, str]


class QuestionnaireOut(Schema):
    round: str
    party: str
    language: str
    scale: Scale
    links: list[QuestionnaireLink]
    resume_link: int | None


class LinkAnswersIn(Schema):
    # statement id -> score, or null for "don't know"; statements left out stay unanswered
    answers: dict[str, StrictInt | None]
    comment: StrictStr = Field(default="", max_length=5000)


class AnswersIn(Schema):
    # link id -> that link's answers; each link given is replaced, the others kept
    links: dict[int, LinkAnswersIn]


class ClaimedOut(Schema):
    secret: str  # the respondent's own secret from now on; the ticket no longer works
