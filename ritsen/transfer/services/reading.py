"""Check an export file and turn it into plain rows — without touching the database.

Every problem is reported as a :class:`TransferError` that names its place in the file,
e.g. ``collaboration.parties[1].organisation``. Checking everything before writing
anything keeps the import all-or-nothing and its messages precise.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ritsen.assessments.models import RespondentInvitation
from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models import ProfileVersion
from ritsen.collaborations.models.profiles import PROFILE_FIELDS
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import normalise, validate

from .common import FORMAT, FORMAT_VERSION, TransferError

LANGUAGES = ("nl", "en")
INVITATION_STATUSES = ("pending", "accepted", "revoked", "expired")
MAX_SMALL_INT = 32767
EMAIL_MAX_LENGTH = 254

FrameworkKey = tuple[str, int]


# --- the rows a valid file turns into --------------------------------------------------


@dataclass
class UserRow:
    email: str
    name: str
    language: str


@dataclass
class FrameworkRow:
    slug: str
    version: int
    spec: FrameworkSpec


@dataclass
class VersionRow:
    number: int
    kind: str
    content: dict[str, Any]
    created_by: str | None
    created_at: datetime


@dataclass
class ProfileRow:
    content: dict[str, str]
    shared_at: datetime | None
    shared_by: str | None
    updated_at: datetime
    updated_by: str | None
    versions: list[VersionRow]


@dataclass
class PartyRow:
    organisation: str
    role: str
    created_at: datetime
    profile: ProfileRow | None


@dataclass
class MembershipRow:
    path: str
    user: str
    role: str
    party: int | None
    created_at: datetime


@dataclass
class InvitationRow:
    email: str
    role: str
    party: int | None
    invited_by: str | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    accepted_by: str | None
    revoked_at: datetime | None


@dataclass
class ReleaseRow:
    party: int
    released_at: datetime
    released_by: str | None


@dataclass
class RespondentInvitationRow:
    party: int
    email: str
    label: str
    status: str
    sent_count: int
    revoked_at: datetime | None
    created_at: datetime


@dataclass
class ResponseRow:
    path: str
    id: uuid.UUID
    party: int
    language: str
    answers: dict[str, int | None]
    comments: dict[str, str]
    submitted: bool


@dataclass
class RoundRow:
    title: str
    language: str
    framework: FrameworkKey
    opened_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None
    created_by: str | None
    releases: list[ReleaseRow]
    respondent_invitations: list[RespondentInvitationRow]
    responses: list[ResponseRow]


@dataclass
class CollaborationRow:
    name: str
    purpose: str
    created_at: datetime
    updated_at: datetime
    created_by: str | None
    framework: FrameworkKey
    frameworks: dict[FrameworkKey, FrameworkRow]
    # Keyed by the lower-case email address; only users the file refers to.
    users: dict[str, UserRow]
    parties: list[PartyRow]
    memberships: list[MembershipRow]
    invitations: list[InvitationRow]
    rounds: list[RoundRow]
    referenced_users: set[str] = field(default_factory=set)


# --- typed access that names the path -----------------------------------------------


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind(value: Any) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _wrong_type(path: str, expected: str, value: Any) -> TransferError:
    return TransferError(
        _("%(path)s must be %(expected)s, not %(actual)s.")
        % {"path": path, "expected": expected, "actual": _kind(value)}
    )


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Node:
    """A mapping in the file together with its path."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise _wrong_type(path, _("an object"), value)
        self.value = value
        self.path = path

    def at(self, key: str) -> str:
        return _child(self.path, key)

    def raw(self, key: str) -> Any:
        if key not in self.value:
            raise TransferError(_("%(path)s is missing.") % {"path": self.at(key)})
        return self.value[key]

    def text(self, key: str, *, max_length: int | None = None, blank: bool = True) -> str:
        value = self.raw(key)
        if not isinstance(value, str):
            raise _wrong_type(self.at(key), _("text"), value)
        if not blank and not value.strip():
            raise TransferError(_("%(path)s must not be empty.") % {"path": self.at(key)})
        if max_length is not None and len(value) > max_length:
            raise TransferError(
                _("%(path)s is too long (at most %(max)d characters).")
                % {"path": self.at(key), "max": max_length}
            )
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(self.at(key), _("a whole number"), value)
        if not minimum <= value <= maximum:
            raise TransferError(
                _("%(path)s must be from %(min)d to %(max)d, not %(value)d.")
                % {"path": self.at(key), "min": minimum, "max": maximum, "value": value}
            )
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise _wrong_type(self.at(key), _("true or false"), value)
        return value

    def choice(self, key: str, choices) -> str:
        value = self.raw(key)
        if value not in list(choices):
            raise TransferError(
                _("%(path)s must be one of %(choices)s, not %(value)s.")
                % {"path": self.at(key), "choices": ", ".join(choices), "value": _show(value)}
            )
        return value

    def moment(self, key: str, *, null: bool = False) -> datetime | None:
        value = self.raw(key)
        if value is None and null:
            return None
        parsed = None
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise TransferError(
                _(
                    "%(path)s must be a date and time with a time zone, such as "
                    "2025-03-01T09:30:00Z, not %(value)s."
                )
                % {"path": self.at(key), "value": _show(value)}
            )
        return parsed.astimezone(UTC)

    def email(self, key: str, *, blank: bool = False) -> str:
        value = self.text(key, max_length=EMAIL_MAX_LENGTH)
        if blank and value == "":
            return value
        try:
            validate_email(value)
        except ValidationError:
            raise TransferError(
                _("%(path)s is not a valid email address: %(value)s.")
                % {"path": self.at(key), "value": _show(value)}
            ) from None
        return value

    def node(self, key: str, *, null: bool = False) -> _Node | None:
        value = self.raw(key)
        if value is None and null:
            return None
        return _Node(value, self.at(key))

    def nodes(self, key: str) -> list[_Node]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise _wrong_type(self.at(key), _("a list"), value)
        path = self.at(key)
        return [_Node(item, _child(path, index)) for index, item in enumerate(value)]

    def text_mapping(self, key: str) -> dict[str, str]:
        node = self.node(key)
        for item_key, item in node.value.items():
            if not isinstance(item, str):
                raise _wrong_type(node.at(item_key), _("text"), item)
        return dict(node.value)


def _duplicate(path: str, value: str) -> TransferError:
    return TransferError(
        _("%(path)s repeats %(value)s, which must occur only once.")
        % {"path": path, "value": _show(value)}
    )


# --- frameworks -----------------------------------------------------------------------


def _as_document(data: Mapping) -> dict[str, Any]:
    """The stored form of a framework (``FrameworkSpec.to_dict``) as a framework document.

    The stored form writes decimals as strings, scale label keys as strings and absent
    descriptions as null; the validator expects numbers, integer keys and absent keys.
    """

    def number(value: Any) -> Any:
        if isinstance(value, str):
            try:
                parsed = Decimal(value)
            except InvalidOperation:
                return value
            return parsed if parsed.is_finite() else value
        return value

    doc = dict(data)
    if doc.get("description", "") is None:
        del doc["description"]
    if isinstance(doc.get("scale"), Mapping):
        scale = dict(doc["scale"])
        if isinstance(scale.get("labels"), Mapping):
            scale["labels"] = {
                int(key) if isinstance(key, str) and key.lstrip("-").isdigit() else key: value
                for key, value in scale["labels"].items()
            }
        doc["scale"] = scale
    if isinstance(doc.get("thresholds"), Mapping):
        doc["thresholds"] = {
            key: number(value) if key != "min_respondents" else value
            for key, value in doc["thresholds"].items()
        }
    if isinstance(doc.get("links"), list):
        links = []
        for link in doc["links"]:
            if isinstance(link, Mapping):
                link = dict(link)
                if link.get("description", "") is None:
                    del link["description"]
                if "weight" in link:
                    link["weight"] = number(link["weight"])
            links.append(link)
        doc["links"] = links
    return doc


def _framework(node: _Node) -> FrameworkRow:
    slug = node.text("slug", max_length=50, blank=False)
    version = node.integer("version", minimum=1, maximum=2_147_483_647)
    data_node = node.node("data")
    problems = validate(_as_document(data_node.value))
    if problems:
        problem = problems[0]
        path = _child(data_node.path, problem.location) if problem.location else data_node.path
        raise TransferError(
            _("%(path)s: %(problem)s.") % {"path": path, "problem": problem.message}
        )
    spec = FrameworkSpec.from_dict(normalise(_as_document(data_node.value)))
    if (spec.id, spec.version) != (slug, version):
        raise TransferError(
            _("%(path)s says %(slug)s version %(version)d, but its data is %(data)s.")
            % {
                "path": node.path,
                "slug": slug,
                "version": version,
                "data": f"{spec.id} v{spec.version}",
            }
        )
    return FrameworkRow(slug=slug, version=version, spec=spec)


def _framework_key(node: _Node, key: str, frameworks: dict[FrameworkKey, FrameworkRow]):
    ref = node.node(key)
    value = (
        ref.text("slug", max_length=50, blank=False),
        ref.integer("version", minimum=1, maximum=2_147_483_647),
    )
    if value not in frameworks:
        raise TransferError(
            _("%(path)s refers to framework %(framework)s, which is not in %(list)s.")
            % {
                "path": ref.path,
                "framework": f"{value[0]} v{value[1]}",
                "list": "collaboration.frameworks",
            }
        )
    return value


# --- the collaboration ----------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.users: dict[str, UserRow] = {}
        self.referenced: set[str] = set()
        self.party_index: dict[str, int] = {}

    def user(self, node: _Node, key: str, *, null: bool = True) -> str | None:
        value = node.raw(key)
        if value is None and null:
            return None
        if not isinstance(value, str):
            raise _wrong_type(node.at(key), _("an email address"), value)
        email = value.lower()
        if email not in self.users:
            raise TransferError(
                _("%(path)s refers to %(email)s, who is not in %(list)s.")
                % {"path": node.at(key), "email": _show(value), "list": "collaboration.users"}
            )
        self.referenced.add(email)
        return email

    def party(self, node: _Node, key: str, *, null: bool = False) -> int | None:
        value = node.raw(key)
        if value is None and null:
            return None
        if not isinstance(value, str):
            raise _wrong_type(node.at(key), _("the name of a party"), value)
        if value not in self.party_index:
            raise TransferError(
                _("%(path)s refers to the party %(name)s, which is not in %(list)s.")
                % {"path": node.at(key), "name": _show(value), "list": "collaboration.parties"}
            )
        return self.party_index[value]

    # --- sections ----------------------------------------------------------------------

    def read_users(self, node: _Node) -> None:
        for item in node.nodes("users"):
            email = item.email("email")
            key = email.lower()
            if key in self.users:
                raise _duplicate(item.at("email"), email)
            self.users[key] = UserRow(
                email=email,
                name=item.text("name", max_length=150),
                language=item.choice("language", LANGUAGES),
            )

    def read_parties(self, node: _Node) -> list[PartyRow]:
        parties = []
        seen: set[str] = set()
        for index, item in enumerate(node.nodes("parties")):
            name = item.text("organisation", max_length=200, blank=False)
            if name.lower() in seen:
                raise _duplicate(item.at("organisation"), name)
            seen.add(name.lower())
            self.party_index[name] = index
            parties.append(
                PartyRow(
                    organisation=name,
                    role=item.choice("role", PartyRole.values),
                    created_at=item.moment("created_at"),
                    profile=None,
                )
            )
        # Profiles refer to users only, but read them after every party is known so the
        # messages come in file order per party.
        for party, item in zip(parties, node.nodes("parties"), strict=True):
            profile = item.node("profile", null=True)
            party.profile = self.read_profile(profile) if profile is not None else None
        return parties

    def read_profile(self, node: _Node) -> ProfileRow:
        content_node = node.node("content")
        content = {key: content_node.text(key) for key in PROFILE_FIELDS}
        versions = []
        numbers: set[int] = set()
        for item in node.nodes("versions"):
            number = item.integer("number", minimum=1, maximum=2_147_483_647)
            if number in numbers:
                raise _duplicate(item.at("number"), str(number))
            numbers.add(number)
            versions.append(
                VersionRow(
                    number=number,
                    kind=item.choice("kind", ProfileVersion.Kind.values),
                    content=item.text_mapping("content"),
                    created_by=self.user(item, "created_by"),
                    created_at=item.moment("created_at"),
                )
            )
        return ProfileRow(
            content=content,
            shared_at=node.moment("shared_at", null=True),
            shared_by=self.user(node, "shared_by"),
            updated_at=node.moment("updated_at"),
            updated_by=self.user(node, "updated_by"),
            versions=versions,
        )

    def _role_and_party(self, item: _Node) -> tuple[str, int | None]:
        role = item.choice("role", Role.values)
        party = self.party(item, "party", null=True)
        if (role == Role.FACILITATOR) != (party is None):
            raise TransferError(
                _("%(path)s: a facilitator has no party; coordinators and members need one.")
                % {"path": item.path}
            )
        return role, party

    def read_memberships(self, node: _Node) -> list[MembershipRow]:
        memberships = []
        seen: set[str] = set()
        for item in node.nodes("memberships"):
            user = self.user(item, "user", null=False)
            if user in seen:
                raise _duplicate(item.at("user"), user)
            seen.add(user)
            role, party = self._role_and_party(item)
            memberships.append(
                MembershipRow(
                    path=item.path,
                    user=user,
                    role=role,
                    party=party,
                    created_at=item.moment("created_at"),
                )
            )
        return memberships

    def read_invitations(self, node: _Node) -> list[InvitationRow]:
        invitations = []
        for item in node.nodes("invitations"):
            role, party = self._role_and_party(item)
            item.choice("status", INVITATION_STATUSES)  # informative; the dates decide
            invitations.append(
                InvitationRow(
                    email=item.email("email"),
                    role=role,
                    party=party,
                    invited_by=self.user(item, "invited_by"),
                    created_at=item.moment("created_at"),
                    expires_at=item.moment("expires_at"),
                    accepted_at=item.moment("accepted_at", null=True),
                    accepted_by=self.user(item, "accepted_by"),
                    revoked_at=item.moment("revoked_at", null=True),
                )
            )
        return invitations

    def read_rounds(
        self, node: _Node, frameworks: dict[FrameworkKey, FrameworkRow]
    ) -> list[RoundRow]:
        rounds = []
        unclosed = False
        response_ids: set[uuid.UUID] = set()
        for item in node.nodes("rounds"):
            framework = _framework_key(item, "framework", frameworks)
            spec = frameworks[framework].spec
            closed_at = item.moment("closed_at", null=True)
            if closed_at is None:
                if unclosed:
                    raise TransferError(
                        _("%(path)s: only one round at a time can be without %(field)s.")
                        % {"path": item.at("closed_at"), "field": "closed_at"}
                    )
                unclosed = True
            releases = []
            released: set[int] = set()
            for release in item.nodes("releases"):
                party = self.party(release, "party")
                if party in released:
                    raise _duplicate(release.at("party"), release.value["party"])
                released.add(party)
                releases.append(
                    ReleaseRow(
                        party=party,
                        released_at=release.moment("released_at"),
                        released_by=self.user(release, "released_by"),
                    )
                )
            rounds.append(
                RoundRow(
                    title=item.text("title", max_length=200, blank=False),
                    language=item.choice("language", LANGUAGES),
                    framework=framework,
                    opened_at=item.moment("opened_at"),
                    closes_at=item.moment("closes_at", null=True),
                    closed_at=closed_at,
                    created_by=self.user(item, "created_by"),
                    releases=releases,
                    respondent_invitations=[
                        RespondentInvitationRow(
                            party=self.party(invitation, "party"),
                            email=invitation.email("email", blank=True),
                            label=invitation.text("label", max_length=100),
                            status=invitation.choice("status", RespondentInvitation.Status.values),
                            sent_count=invitation.integer(
                                "sent_count", minimum=0, maximum=MAX_SMALL_INT
                            ),
                            revoked_at=invitation.moment("revoked_at", null=True),
                            created_at=invitation.moment("created_at"),
                        )
                        for invitation in item.nodes("respondent_invitations")
                    ],
                    responses=[
                        self.read_response(response, spec, response_ids)
                        for response in item.nodes("responses")
                    ],
                )
            )
        return rounds

    def read_response(self, node: _Node, spec: FrameworkSpec, seen: set[uuid.UUID]):
        raw_id = node.text("id")
        try:
            response_id = uuid.UUID(raw_id)
        except ValueError:
            raise _wrong_type(node.at("id"), _("a UUID"), raw_id) from None
        if response_id in seen:
            raise _duplicate(node.at("id"), raw_id)
        seen.add(response_id)
        party = self.party(node, "party")

        statements = {statement.id for statement in spec.statements}
        answers_node = node.node("answers")
        answers: dict[str, int | None] = {}
        for statement_id, value in answers_node.value.items():
            path = answers_node.at(statement_id)
            if statement_id not in statements:
                raise TransferError(
                    _("%(path)s: statement %(statement)s is not in framework %(framework)s.")
                    % {
                        "path": path,
                        "statement": _show(statement_id),
                        "framework": f"{spec.id} v{spec.version}",
                    }
                )
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not spec.scale_min <= value <= spec.scale_max
            ):
                raise TransferError(
                    _(
                        "%(path)s must be a whole number from %(min)d to %(max)d or null "
                        "(don't know), not %(value)s."
                    )
                    % {
                        "path": path,
                        "min": spec.scale_min,
                        "max": spec.scale_max,
                        "value": _show(value),
                    }
                )
            answers[statement_id] = value

        links = {str(link.id) for link in spec.links}
        comments = node.text_mapping("comments")
        for link_id in comments:
            if link_id not in links:
                raise TransferError(
                    _("%(path)s: link %(link)s is not in framework %(framework)s.")
                    % {
                        "path": _child(node.at("comments"), link_id),
                        "link": _show(link_id),
                        "framework": f"{spec.id} v{spec.version}",
                    }
                )
        return ResponseRow(
            path=node.path,
            id=response_id,
            party=party,
            language=node.choice("language", LANGUAGES),
            answers=answers,
            comments=comments,
            submitted=node.boolean("submitted"),
        )


def read(data: Any) -> CollaborationRow:
    """Check a parsed export file; the rows to import, or :class:`TransferError`."""
    if not isinstance(data, Mapping):
        raise TransferError(_("The file does not contain a Ritsen collaboration export."))
    if data.get("format") != FORMAT:
        raise TransferError(
            _("This is not a Ritsen collaboration export: %(key)s is %(value)s, not %(expected)s.")
            % {"key": "format", "value": _show(data.get("format")), "expected": FORMAT}
        )
    root = _Node(data, "")
    version = root.raw("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TransferError(
            _("%(path)s must be a whole number of at least 1, not %(value)s.")
            % {"path": "format_version", "value": _show(version)}
        )
    if version > FORMAT_VERSION:
        raise TransferError(
            _(
                "This file was made by a newer Ritsen (format version %(version)d, this "
                "Ritsen reads up to %(supported)d); upgrade first."
            )
            % {"version": version, "supported": FORMAT_VERSION}
        )

    node = root.node("collaboration")
    frameworks: dict[FrameworkKey, FrameworkRow] = {}
    for item in node.nodes("frameworks"):
        framework = _framework(item)
        key = (framework.slug, framework.version)
        if key in frameworks:
            raise _duplicate(item.path, f"{key[0]} v{key[1]}")
        frameworks[key] = framework

    reader = _Reader()
    reader.read_users(node)
    collaboration = CollaborationRow(
        name=node.text("name", max_length=200, blank=False),
        purpose=node.text("purpose"),
        created_at=node.moment("created_at"),
        updated_at=node.moment("updated_at"),
        created_by=reader.user(node, "created_by"),
        framework=_framework_key(node, "framework", frameworks),
        frameworks=frameworks,
        users=reader.users,
        parties=reader.read_parties(node),
        memberships=[],
        invitations=[],
        rounds=[],
    )
    collaboration.memberships = reader.read_memberships(node)
    collaboration.invitations = reader.read_invitations(node)
    collaboration.rounds = reader.read_rounds(node, frameworks)
    collaboration.referenced_users = reader.referenced
    return collaboration
