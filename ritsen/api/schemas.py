"""What the API returns: the OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictInt,
    StringConstraints,
    create_model,
)

from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models.profiles import PROFILE_FIELDS


def _printable(value: str) -> str:
    # PostgreSQL stores no NUL character; Django's form fields refuse it too.
    if "\x00" in value:
        raise ValueError(_("Null characters are not allowed."))
    return value


#: A text from the caller: a string (not a number), trimmed, without NUL characters.
Text = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True), AfterValidator(_printable)
]


class Body(BaseModel):
    """A request body: a JSON object. (ninja's ``Schema`` also reads attributes of any
    object — a JSON string ``"AAA"`` would give ``title`` its ``str.title()``.)"""

    model_config = ConfigDict(from_attributes=False)


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


class StatementFigure(Schema):
    id: str
    mean: float | None  # on the scale as answered (not reverse-adjusted); None if withheld
    n: int | None  # answers; None when withheld
    dont_know: int | None  # None when withheld


class PartyScore(Schema):
    party_id: int
    mean: float | None
    n: int | None  # None when withheld: never how many
    sd: float | None
    withheld: bool
    # None when the party's group is below the anonymity threshold for this link
    statements: list[StatementFigure] | None
    comments: list[str] | None


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


class CollaborationIn(Body):
    name: Text = Field(min_length=1, max_length=200)
    purpose: Text = Field(default="", max_length=5000)
    # The framework version to use; the default framework's latest version if left out.
    framework_slug: Text | None = None
    framework_version: StrictInt | None = None


class CollaborationPatch(Body):
    name: Text | None = Field(default=None, min_length=1, max_length=200)
    purpose: Text | None = Field(default=None, max_length=5000)


class RoundIn(Body):
    title: Text = Field(min_length=1, max_length=200)
    closes_at: datetime | None = None
    language: Text = Field(default="nl", pattern="^(nl|en)$")


class EmailsIn(Body):
    emails: list[Text] = Field(min_length=1, max_length=500)


class InvitedOut(Schema):
    invited: int
    already_invited: list[str]
    invalid: list[str]


class LinksIn(Body):
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


class LinkAnswersIn(Body):
    # statement id -> score, or null for "don't know"; statements left out stay unanswered
    answers: dict[str, StrictInt | None]
    comment: Text = Field(default="", max_length=5000)


class AnswersIn(Body):
    # link id -> that link's answers; each link given is replaced, the others kept
    links: dict[int, LinkAnswersIn]


class ClaimedOut(Schema):
    secret: str  # the respondent's own secret from now on; the ticket no longer works


class PartyIn(Body):
    organisation_name: Text = Field(min_length=1, max_length=200)
    role: PartyRole = PartyRole.PARTNER


class PartyPatch(Body):
    name: Text | None = Field(default=None, min_length=1, max_length=200)
    role: PartyRole | None = None


class MemberOut(Schema):
    id: int
    name: str
    role: str
    party_id: int | None
    you: bool


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    party_id: int | None
    created_at: datetime
    expires_at: datetime


class InvitationIn(Body):
    email: Text = Field(min_length=3, max_length=254)
    role: Role
    party_id: StrictInt | None = None  # none for a facilitator
    # An open invitation for the address is replaced (its link stops working) only if true.
    replace: bool = False


class ProfileAnswer(Schema):
    key: str
    question: str
    answer: str


class ProfileOut(Schema):
    party_id: int
    status: str  # not_started, in_progress, shared
    shared_at: datetime | None
    answers: list[ProfileAnswer]


class _Closed(Body):
    model_config = ConfigDict(extra="forbid", from_attributes=False)


#: Every question of the profile, each a text; a question left out is emptied (PUT).
ProfileIn = create_model(
    "ProfileIn",
    __base__=_Closed,
    **{key: (Text, Field(default="", max_length=20_000)) for key in PROFILE_FIELDS},
)  # type: ignore[call-overload]


class PreparationOut(Schema):
    party_id: int
    status: str


class ProfilesOut(Schema):
    all_shared: bool  # the profiles are shown only once every party has shared
    preparation: list[PreparationOut]
    profiles: list[ProfileOut]


class TrendRoundOut(Schema):
    round_id: int
    title: str
    date: date | None
    parties: list[int]
    zipper_state: str
    weakest_link: str | None  # the link's key
    jams_at: list[str]


class TrendPoint(Schema):
    mean: float
    n: int


class TrendChange(Schema):
    direction: str | None  # improved, worse, unchanged; None without two points
    difference: float | None


class PartyTrend(Schema):
    party_id: int
    points: list[TrendPoint | None]  # one per round; None: no point (withheld, absent)
    changes: list[TrendChange | None]  # one per round; the first is None


class LinkTrendOut(Schema):
    key: str
    name: str
    states: list[str | None]
    parties: list[PartyTrend]


class TrendsOut(Schema):
    # Only shared rounds on the latest shared round's framework count; oldest first.
    rounds: list[TrendRoundOut]
    links: list[LinkTrendOut]
    change_threshold: float


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    created_at: datetime


class NewWebhookOut(WebhookOut):
    secret: str  # shown once: verify the X-Ritsen-Signature header with it


class WebhookIn(Body):
    url: Text = Field(min_length=1, max_length=500)
    events: list[Text] = Field(min_length=1)


class DeliveryOut(Schema):
    id: int
    webhook_id: int
    event_id: UUID
    event: str
    attempts: int
    status_code: int | None
    error: str
    created_at: datetime
    delivered_at: datetime | None
