"""The transfer file format (a whole collaboration as JSON), declared as pydantic models.

This is the specification the exporter writes and the importer reads. Limits come from
the Django model fields (lengths, integer ranges, choices), so a file that passes here
fits the database. Dates must be aware and between :data:`EARLIEST` and
:data:`LATEST`, which every database and every page can hold. References between
parts of the file (a party by organisation name, a person by email address, a
framework by slug and version) are checked after this schema, in
:mod:`ritsen.transfer.services.reading`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeAlias

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from ritsen.assessments.models import RespondentInvitation, Round
from ritsen.collaborations.constants import PartyRole, Role, Stage
from ritsen.collaborations.models import (
    Collaboration,
    Organisation,
    ProfileVersion,
)
from ritsen.collaborations.models.profiles import PROFILE_FIELDS
from ritsen.core.languages import CODES
from ritsen.core.schema_messages import custom, kind_of, shown
from ritsen.frameworks.models import Framework
from ritsen.lifecycle.models import AuditKind, ScaleKind
from ritsen.workspace.actions import AgendaOutcome

FORMAT = "ritsen-collaboration"
# 2: respondent invitations without status and label; responses' channels as counts.
# 3: the workspace (``collaboration.workspace``, ``rounds[].outcomes``).
# 4: the registers of links 5, 6, 8 and 9 (processes, roles, information, technology):
#    new kinds of ``workspace.items``; a format 3 file has none of them. And the
#    lifecycle (``collaboration.lifecycle``): stage, scale events, audit log,
#    approvals, exit ticks.
FORMAT_VERSION = 4
INVITATION_STATUSES = ("pending", "accepted", "revoked", "expired")

#: Dates a file may carry: every database stores them and every page shows them in
#: any time zone (year 1 or 9999 overflow when converted to local time).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


# --- limits from the model fields ------------------------------------------------------


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def length(model: type[models.Model], name: str) -> int:
    return _field(model, name).max_length


def integer_range(model: type[models.Model], name: str) -> tuple[int, int]:
    """The field's range on every database, narrowed by its own validators."""
    field = _field(model, name)
    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            low = max(low, int(validator.limit_value))
        elif isinstance(validator, MaxValueValidator):
            high = min(high, int(validator.limit_value))
    return low, high


def text_limit(model: type[models.Model], name: str) -> StringConstraints:
    return StringConstraints(max_length=length(model, name))


def integer_limits(model: type[models.Model], name: str, *, minimum: int | None = None) -> Any:
    low, high = integer_range(model, name)
    return Field(ge=low if minimum is None else minimum, le=high)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise custom(_("must not be empty"))
    return value


def _choice(values: Iterable[str]) -> Callable[[Any], Any]:
    allowed = tuple(values)

    def check(value: Any) -> Any:
        if value not in allowed:
            raise custom(
                _("must be one of %(choices)s, not %(value)s")
                % {"choices": ", ".join(allowed), "value": shown(value)}
            )
        return value

    return check


def _moment(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise custom(
            _("%(value)s is outside the dates Ritsen can hold (1970 to 2999)")
            % {"value": value.isoformat()}
        )
    return utc


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError:
        raise custom(
            _("%(value)s is not a valid email address") % {"value": shown(value)}
        ) from None
    return value


_EMAIL_LENGTH = length(get_user_model(), "email")


def _date_text(value: Any) -> Any:
    if isinstance(value, str | datetime):
        return value
    raise custom(
        _("must be a date and time with a time zone, such as 2025-03-01T09:30:00Z, not %(kind)s")
        % {"kind": kind_of(value)}
    )


def day(value: Any) -> Any:
    """A date as the file has it: ISO text (2025-03-01), from 1970 to 2999."""
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and len(value) == 10:
            if not EARLIEST.date() <= parsed < LATEST.date():
                raise custom(_("must be a date from 1970 to 2999"))
            return parsed
    raise custom(_("must be a date such as 2025-03-01, not %(kind)s") % {"kind": kind_of(value)})


# JSON has no dates: they come as ISO 8601 text, so these are parsed from text.
Moment = Annotated[
    AwareDatetime, BeforeValidator(_date_text), Field(strict=False), AfterValidator(_moment)
]
Email = Annotated[StrictStr, StringConstraints(max_length=_EMAIL_LENGTH), AfterValidator(_email)]
#: An email address that names someone in ``collaboration.users``.
UserRef = Annotated[StrictStr, StringConstraints(max_length=_EMAIL_LENGTH)]
#: The organisation name of a party in ``collaboration.parties``.
PartyRef = Annotated[StrictStr, StringConstraints(max_length=length(Organisation, "name"))]
Language: TypeAlias = Annotated[StrictStr, AfterValidator(_choice(CODES))]


FrameworkSlug: TypeAlias = Annotated[
    StrictStr, text_limit(Framework, "slug"), AfterValidator(_not_blank)
]
FrameworkVersion: TypeAlias = Annotated[StrictInt, integer_limits(Framework, "version", minimum=1)]
PersonName: TypeAlias = Annotated[StrictStr, text_limit(get_user_model(), "name")]
OrganisationName: TypeAlias = Annotated[
    StrictStr, text_limit(Organisation, "name"), AfterValidator(_not_blank)
]
CollaborationName: TypeAlias = Annotated[
    StrictStr, text_limit(Collaboration, "name"), AfterValidator(_not_blank)
]
RoundTitle: TypeAlias = Annotated[StrictStr, text_limit(Round, "title"), AfterValidator(_not_blank)]
Label: TypeAlias = Annotated[StrictStr, StringConstraints(max_length=100)]  # format 1
SentCount: TypeAlias = Annotated[StrictInt, integer_limits(RespondentInvitation, "sent_count")]
VersionNumber: TypeAlias = Annotated[StrictInt, integer_limits(ProfileVersion, "number", minimum=1)]
VersionKind: TypeAlias = Annotated[StrictStr, AfterValidator(_choice(ProfileVersion.Kind.values))]
PartyRoleValue: TypeAlias = Annotated[StrictStr, AfterValidator(_choice(PartyRole.values))]
RoleValue: TypeAlias = Annotated[StrictStr, AfterValidator(_choice(Role.values))]
InvitationStatus: TypeAlias = Annotated[StrictStr, AfterValidator(_choice(INVITATION_STATUSES))]
RespondentStatus: TypeAlias = Annotated[  # format 1
    StrictStr, AfterValidator(_choice(("invited", "started", "submitted")))
]
Count: TypeAlias = Annotated[StrictInt, Field(ge=0, le=10**9)]


def _uuid(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            raise custom(_("%(value)s is not a UUID") % {"value": shown(value)}) from None
    return value


class Entry(BaseModel):
    """Strict: types as JSON has them, and no keys that the format does not know."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FrameworkRef(Entry):
    slug: FrameworkSlug
    version: FrameworkVersion


class FrameworkEntry(FrameworkRef):
    # The stored form of a framework; checked by the framework schema itself.
    data: dict[str, Any]


class UserEntry(Entry):
    email: Email
    name: PersonName
    language: Language


class VersionEntry(Entry):
    number: VersionNumber
    kind: VersionKind
    content: dict[StrictStr, StrictStr]
    created_by: UserRef | None
    created_at: Moment


ProfileContent = Annotated[
    dict[StrictStr, StrictStr],
    AfterValidator(lambda content: _profile_content(content)),
]


def _profile_content(content: dict[str, str]) -> dict[str, str]:
    missing = [key for key in PROFILE_FIELDS if key not in content]
    unknown = [key for key in content if key not in PROFILE_FIELDS]
    if missing:
        raise custom(_("%(key)s is missing") % {"key": missing[0]})
    if unknown:
        raise custom(_("%(key)s is not a key of this format here") % {"key": unknown[0]})
    return content


class ProfileEntry(Entry):
    content: ProfileContent
    shared_at: Moment | None
    revealed_at: Moment | None = None  # format 3: when every party had shared
    shared_by: UserRef | None
    updated_at: Moment
    updated_by: UserRef | None
    versions: list[VersionEntry]


class PartyEntry(Entry):
    organisation: OrganisationName
    role: PartyRoleValue
    created_at: Moment
    profile: ProfileEntry | None


class MembershipEntry(Entry):
    user: UserRef
    role: RoleValue
    party: PartyRef | None
    created_at: Moment


class InvitationEntry(Entry):
    email: Email
    role: RoleValue
    party: PartyRef | None
    invited_by: UserRef | None
    created_at: Moment
    expires_at: Moment
    accepted_at: Moment | None
    accepted_by: UserRef | None
    revoked_at: Moment | None
    status: InvitationStatus  # informative: the dates decide


class ReleaseEntry(Entry):
    party: PartyRef
    released_at: Moment
    released_by: UserRef | None


def _blank_or_email(value: str) -> str:
    return value if value == "" else _email(value)


class RespondentInvitationEntry(Entry):
    """A personal invitation (an email address) or an anonymous link (blank). Nothing
    in it says whether the person answered: that would tie them to their answers."""

    party: PartyRef
    email: Annotated[
        StrictStr, StringConstraints(max_length=_EMAIL_LENGTH), AfterValidator(_blank_or_email)
    ]
    sent_count: SentCount
    revoked_at: Moment | None
    created_at: Moment
    # Written by format 1 only; read and ignored.
    label: Label | None = None
    status: RespondentStatus | None = None


class RespondentCountEntry(Entry):
    """Per party, as counts only: how many responses with answers came through a
    personal invitation and how many through an anonymous link, and how many
    anonymous links were claimed. (Per response, the channel would tie the only
    personal invitee of a party to their answers.)"""

    party: PartyRef
    personal: Count
    anonymous: Count
    claimed_links: Count


class ResponseEntry(Entry):
    id: Annotated[uuid.UUID, BeforeValidator(_uuid)]
    party: PartyRef
    language: Language
    # Checked against the round's framework (statements, scale) after the schema.
    answers: dict[StrictStr, StrictInt | None]
    comments: dict[StrictStr, StrictStr]
    submitted: StrictBool


class OutcomeEntry(Entry):
    """What the joint session concluded on one agenda item (a link) of the round."""

    link_key: Annotated[StrictStr, text_limit(AgendaOutcome, "link_key")]
    note: Annotated[StrictStr, text_limit(AgendaOutcome, "note")]
    created_by: UserRef | None
    updated_by: UserRef | None
    created_at: Moment
    updated_at: Moment


class WorkspaceEntry(Entry):
    """Per kind of item its items, per register its party sheets; each item and sheet
    is checked against the schema generated from its model (``transfer.workspace``)."""

    items: dict[StrictStr, list[dict[StrictStr, Any]]] = {}
    sheets: dict[StrictStr, list[dict[StrictStr, Any]]] = {}


class RoundEntry(Entry):
    title: RoundTitle
    language: Language
    framework: FrameworkRef
    opened_at: Moment
    closes_at: Moment | None
    closed_at: Moment | None
    created_by: UserRef | None
    releases: list[ReleaseEntry]
    respondent_invitations: list[RespondentInvitationEntry]
    responses: list[ResponseEntry]
    respondent_counts: list[RespondentCountEntry] = []  # format 1 files have none
    outcomes: list[OutcomeEntry] = []  # format 1 and 2 files have none


def _choices_of(choices: Any) -> Any:
    return Annotated[StrictStr, AfterValidator(_choice([str(value) for value, _l in choices]))]


Reason: TypeAlias = Annotated[StrictStr, StringConstraints(max_length=5000)]


class ScaleEventEntry(Entry):
    kind: _choices_of(ScaleKind.choices)  # type: ignore[valid-type]
    party: PartyRef | None
    description: Reason
    link_keys: list[Annotated[StrictStr, StringConstraints(max_length=50)]]
    effective_on: Annotated[Any, BeforeValidator(day)]
    reason: Reason
    created_by: UserRef | None
    created_at: Moment


class AuditEntry(Entry):
    kind: _choices_of(AuditKind.choices)  # type: ignore[valid-type]
    actor: UserRef | None
    party: PartyRef | None
    from_stage: _choices_of([("", ""), *Stage.choices])  # type: ignore[valid-type]
    to_stage: _choices_of([("", ""), *Stage.choices])  # type: ignore[valid-type]
    reason: Reason
    data: dict[StrictStr, Any]
    created_at: Moment


class ApprovalEntry(Entry):
    party: PartyRef
    from_stage: _choices_of(Stage.choices)  # type: ignore[valid-type]
    to_stage: _choices_of(Stage.choices)  # type: ignore[valid-type]
    stage_since: Moment | None
    approved_by: UserRef | None
    approved_at: Moment


class ExitTickEntry(Entry):
    party: PartyRef
    task: Annotated[StrictStr, StringConstraints(max_length=100)]
    done_by: UserRef | None
    done_at: Moment


class DepartureEntry(Entry):
    party: PartyRef
    retention_days: Annotated[StrictInt, Field(ge=1, le=365)]
    erase_on: Annotated[Any, BeforeValidator(day)]
    confirmed_by: UserRef | None
    confirmed_at: Moment
    erased_at: Moment | None


class LifecycleEntry(Entry):
    """Format 4: the stage, and everything that led to it."""

    stage: _choices_of(Stage.choices)  # type: ignore[valid-type]
    stage_since: Moment | None
    scale_events: list[ScaleEventEntry] = []
    audit: list[AuditEntry] = []
    approvals: list[ApprovalEntry] = []
    exit_ticks: list[ExitTickEntry] = []
    departures: list[DepartureEntry] = []


class CollaborationEntry(Entry):
    name: CollaborationName
    purpose: StrictStr
    created_at: Moment
    updated_at: Moment
    created_by: UserRef | None
    framework: FrameworkRef
    frameworks: list[FrameworkEntry]
    users: list[UserEntry]
    parties: list[PartyEntry]
    memberships: list[MembershipEntry]
    invitations: list[InvitationEntry]
    rounds: list[RoundEntry]
    workspace: WorkspaceEntry | None = None  # format 1 and 2 files have none
    lifecycle: LifecycleEntry | None = None  # format 1 to 3 files have none: exploring


class TransferFile(Entry):
    format: StrictStr
    format_version: Annotated[StrictInt, Field(ge=1, le=FORMAT_VERSION)]
    exported_at: Moment
    ritsen_version: StrictStr
    collaboration: CollaborationEntry
