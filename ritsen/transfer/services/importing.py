"""Import a collaboration from an export file, all or nothing."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DataError, IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history

from ritsen.assessments.models import (
    Channel,
    PartyRelease,
    RespondentInvitation,
    RespondentMark,
    Response,
    Round,
    RoundState,
)
from ritsen.assessments.models.respondents import token_hash
from ritsen.collaborations.access import is_site_admin
from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import (
    Collaboration,
    Invitation,
    Membership,
    Organisation,
    Party,
    PartyProfile,
    ProfileVersion,
)
from ritsen.collaborations.models.memberships import hash_token
from ritsen.frameworks.models import Framework
from ritsen.frameworks.services import FrameworkError, store_spec
from ritsen.results import snapshots
from ritsen.workspace.actions import AgendaOutcome

from .. import lifecycle, workspace
from ..schema import RoundEntry
from .common import TransferError, load

if TYPE_CHECKING:
    from ritsen.accounts.models import User
from .reading import Checked, read

BATCH_SIZE = 500


@dataclass
class ImportResult:
    """What an import did, for the message to the person who imported."""

    collaboration: Collaboration
    # Accounts created with an unusable password (they choose one via "forgot password").
    created_users: list[str] = field(default_factory=list)
    # Addresses in the file that matched an account that already existed here.
    existing_users: list[str] = field(default_factory=list)
    # Address in the file -> address used here, from the user map.
    mapped_users: dict[str, str] = field(default_factory=dict)
    created_organisations: list[str] = field(default_factory=list)
    existing_organisations: list[str] = field(default_factory=list)
    created_frameworks: list[str] = field(default_factory=list)
    # People invitations that were still pending; their links cannot move, so revoked.
    revoked_invitations: int = 0
    # The importing user got a facilitator role that the file did not give them.
    added_facilitator: bool = False


def _unknown_token() -> str:
    """A fresh random token that is thrown away: only its hash is stored, so nobody
    can ever use the link it belongs to."""
    return secrets.token_urlsafe(32)


M = TypeVar("M", bound=models.Model)


def _create(model: type[M], rows: Sequence[tuple[M, Mapping[str, Any]]]) -> list[M]:
    """Insert ``rows`` (object, timestamps) and then set the timestamps from the file.

    ``auto_now``/``auto_now_add`` fields take the current time on insert; ``bulk_update``
    writes the file's values afterwards without touching them again.
    """
    objects = [obj for obj, _stamps in rows]
    if not objects:
        return objects
    model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
    stamped: set[str] = set()
    for obj, stamps in rows:
        for name, value in stamps.items():
            setattr(obj, name, value)
            stamped.add(name)
    if stamped:
        model._default_manager.bulk_update(objects, sorted(stamped), batch_size=BATCH_SIZE)
    return objects


def _user_map(user_map: Mapping[str, str] | None, rows: Checked) -> dict[str, str]:
    result: dict[str, str] = {}
    for old, new in (user_map or {}).items():
        old_key, new_email = str(old).strip().lower(), str(new).strip().lower()
        for value in (old_key, new_email):
            try:
                validate_email(value)
            except ValidationError:
                raise TransferError(
                    _("The user map contains an invalid email address: %(value)s.")
                    % {"value": value}
                ) from None
        if old_key not in rows.users:
            raise TransferError(
                _("The user map names %(email)s, who is not in the file.") % {"email": old_key}
            )
        result[old_key] = new_email
    return result


class _Writer:
    def __init__(
        self,
        rows: Checked,
        user_map: dict[str, str],
        created_by: User | None,
        allow_new_frameworks: bool,
    ) -> None:
        self.rows = rows
        self.allow_new_frameworks = allow_new_frameworks
        self.user_map = user_map
        self.created_by = created_by if created_by is not None and created_by.pk else None
        self.now = timezone.now()
        self.users: dict[str, Any] = {}
        self.parties: dict[str, Party] = {}
        self.frameworks: dict[tuple[str, int], Any] = {}
        # What happened, for the result (everything but the collaboration itself).
        self.report: dict[str, Any] = {
            "created_users": [],
            "existing_users": [],
            "mapped_users": {},
            "created_organisations": [],
            "existing_organisations": [],
            "created_frameworks": [],
            "revoked_invitations": 0,
            "added_facilitator": False,
        }

    def user(self, email: str | None) -> User | None:
        return self.users[email.lower()] if email is not None else None

    def party(self, name: str | None) -> Party | None:
        return self.parties[name] if name is not None else None

    def write(self) -> ImportResult:
        rows = self.rows.collaboration
        self.write_frameworks()
        self.write_users()
        collaboration = Collaboration.objects.create(
            name=rows.name,
            purpose=rows.purpose,
            framework=self.frameworks[(rows.framework.slug, rows.framework.version)],
            created_by=self.user(rows.created_by),
        )
        self.write_parties(collaboration)
        self.write_memberships(collaboration)
        self.write_profiles()
        self.write_invitations(collaboration)
        self.write_rounds(collaboration)
        items = workspace.write(
            collaboration, self.rows.workspace, party=self.party, user=self.user
        )
        lifecycle.write(
            collaboration, rows.lifecycle, party=self.party, user=self.user, items=items
        )
        Collaboration.objects.filter(pk=collaboration.pk).update(
            created_at=rows.created_at, updated_at=rows.updated_at
        )
        collaboration.refresh_from_db()
        return ImportResult(collaboration=collaboration, **self.report)

    def write_frameworks(self) -> None:
        for key, row in sorted(self.rows.frameworks.items()):
            if (
                not self.allow_new_frameworks
                and not Framework.objects.filter(slug=row.slug, version=row.version).exists()
            ):
                raise TransferError(
                    _(
                        "Framework %(slug)s version %(version)d is not installed here; ask a "
                        "site administrator to load it or to import this file."
                    )
                    % {"slug": row.slug, "version": row.version}
                )
            try:
                framework, was_created = store_spec(row.spec, user=self.created_by)
            except FrameworkError:
                raise TransferError(
                    _(
                        "Framework %(slug)s version %(version)d already exists here with "
                        "different content, so this file cannot be imported."
                    )
                    % {"slug": row.slug, "version": row.version}
                ) from None
            self.frameworks[key] = framework
            if was_created:
                self.report["created_frameworks"].append(framework.identifier)

    def write_users(self) -> None:
        user_model = get_user_model()
        report = self.report
        for key in sorted(self.rows.referenced_users):
            row = self.rows.users[key]
            email = self.user_map.get(key, row.email)
            if key in self.user_map:
                report["mapped_users"][row.email] = email
            user = user_model.objects.filter(email__iexact=email).first()
            if user is None:
                # No password: the person chooses one with "forgot password".
                user = user_model.objects.create_user(
                    email=email, password=None, name=row.name, language=row.language
                )
                report["created_users"].append(user.email)
            elif user.email not in report["existing_users"]:
                report["existing_users"].append(user.email)
            self.users[key] = user

    def write_parties(self, collaboration: Collaboration) -> None:
        report = self.report
        rows = []
        for row in self.rows.collaboration.parties:
            organisation = Organisation.objects.filter(name__iexact=row.organisation).first()
            if organisation is None:
                organisation = Organisation.objects.create(name=row.organisation)
                report["created_organisations"].append(organisation.name)
            else:
                report["existing_organisations"].append(organisation.name)
            # One by one, so the parties keep their order (the order of their keys).
            party = Party.objects.create(
                collaboration=collaboration, organisation=organisation, role=row.role
            )
            rows.append((party, {"created_at": row.created_at}))
        for party, stamps in rows:
            Party.objects.filter(pk=party.pk).update(**stamps)
        self.parties = {
            row.organisation: party
            for row, (party, _stamps) in zip(self.rows.collaboration.parties, rows, strict=True)
        }

    def write_memberships(self, collaboration: Collaboration) -> None:
        rows = []
        members: set[int] = set()
        for row in self.rows.collaboration.memberships:
            user = self.users[row.user.lower()]
            if user.pk in members:
                raise TransferError(
                    _("%(email)s would get a second role in the collaboration; check the user map.")
                    % {"email": user.email}
                )
            members.add(user.pk)
            membership = Membership(
                user=user, collaboration=collaboration, party=self.party(row.party), role=row.role
            )
            rows.append((membership, {"created_at": row.created_at}))
        importer = self.created_by
        if importer is not None and importer.pk not in members:
            rows.append(
                (
                    Membership(user=importer, collaboration=collaboration, role=Role.FACILITATOR),
                    {},
                )
            )
            self.report["added_facilitator"] = True
        _create(Membership, rows)

    def write_profiles(self) -> None:
        profiles = []
        for row in self.rows.collaboration.parties:
            party = self.parties[row.organisation]
            if row.profile is None:
                continue
            profile_row = row.profile
            profile = PartyProfile(
                party=party,
                shared_at=profile_row.shared_at,
                revealed_at=profile_row.revealed_at,
                shared_by=self.user(profile_row.shared_by),
                updated_by=self.user(profile_row.updated_by),
                **profile_row.content,
            )
            profiles.append((profile, {"updated_at": profile_row.updated_at}, profile_row))
        _create(PartyProfile, [(profile, stamps) for profile, stamps, _row in profiles])
        _create(
            ProfileVersion,
            [
                (
                    ProfileVersion(
                        profile=profile,
                        number=version.number,
                        kind=version.kind,
                        content=version.content,
                        created_by=self.user(version.created_by),
                    ),
                    {"created_at": version.created_at},
                )
                for profile, _stamps, profile_row in profiles
                for version in profile_row.versions
            ],
        )

    def write_invitations(self, collaboration: Collaboration) -> None:
        rows = []
        for row in self.rows.collaboration.invitations:
            revoked_at = row.revoked_at
            if row.accepted_at is None and revoked_at is None and row.expires_at > self.now:
                # The link's token is not in the file, so a pending invitation cannot work.
                revoked_at = self.now
                self.report["revoked_invitations"] += 1
            email = self.user_map.get(row.email.lower(), row.email)
            invitation = Invitation(
                collaboration=collaboration,
                party=self.party(row.party),
                role=row.role,
                email=email,
                token_hash=hash_token(_unknown_token()),
                invited_by=self.user(row.invited_by),
                expires_at=row.expires_at,
                accepted_at=row.accepted_at,
                accepted_by=self.user(row.accepted_by),
                revoked_at=revoked_at,
            )
            rows.append((invitation, {"created_at": row.created_at}))
        _create(Invitation, rows)

    def write_rounds(self, collaboration: Collaboration) -> None:
        for row in self.rows.collaboration.rounds:
            released = {release.party for release in row.releases}
            if row.closed_at is None:
                state, shared_at = RoundState.OPEN, None
            elif self.parties and released >= set(self.parties):
                state = RoundState.SHARED
                shared_at = max(release.released_at for release in row.releases)
            else:
                state, shared_at = RoundState.CLOSED, None
            round_ = Round.objects.create(
                collaboration=collaboration,
                framework=self.frameworks[(row.framework.slug, row.framework.version)],
                title=row.title,
                language=row.language,
                opened_at=row.opened_at,
                closes_at=row.closes_at,
                closed_at=row.closed_at,
                state=state,
                shared_at=shared_at,
                created_by=self.user(row.created_by),
            )
            _create(
                PartyRelease,
                [
                    (
                        PartyRelease(
                            round=round_,
                            party=self.party(release.party),
                            released_by=self.user(release.released_by),
                        ),
                        {"released_at": release.released_at},
                    )
                    for release in row.releases
                ],
            )
            _create(
                RespondentInvitation,
                [
                    (
                        RespondentInvitation(
                            round=round_,
                            party=self.party(invitation.party),
                            email=invitation.email,
                            # Links are secrets of the installation that made them: a
                            # fresh hash nobody has the token for, and nothing to decrypt.
                            token_hash=token_hash("invitation", _unknown_token()),
                            token_encrypted="",
                            sent_count=invitation.sent_count,
                            revoked_at=invitation.revoked_at,
                        ),
                        {"created_at": invitation.created_at},
                    )
                    for invitation in row.respondent_invitations
                ],
            )
            self.write_responses(round_, row)
            self.write_outcomes(collaboration, round_, row)
            if state == RoundState.SHARED:
                snapshots.store(round_)

    def write_outcomes(self, collaboration: Collaboration, round_: Round, row: RoundEntry) -> None:
        outcomes = [
            AgendaOutcome(
                collaboration=collaboration,
                round=round_,
                link_key=outcome.link_key,
                note=outcome.note,
                created_by=self.user(outcome.created_by),
                updated_by=self.user(outcome.updated_by),
            )
            for outcome in row.outcomes
        ]
        bulk_create_with_history(outcomes, AgendaOutcome, default_change_reason="import")
        for outcome, entry in zip(outcomes, row.outcomes, strict=True):
            outcome.created_at, outcome.updated_at = entry.created_at, entry.updated_at
        if outcomes:
            AgendaOutcome.objects.bulk_update(outcomes, ["created_at", "updated_at"])

    def write_responses(self, round_: Round, row: RoundEntry) -> None:
        responses = row.responses
        ids = [response.id for response in responses]
        taken: set = set()
        for start in range(0, len(ids), BATCH_SIZE):
            taken.update(
                Response.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).values_list(
                    "pk", flat=True
                )
            )
        objects = [
            Response(
                # A copy into the installation that still holds the original gets new
                # random keys; the lookup hash is never carried over.
                **({} if response.id in taken else {"id": response.id}),
                round=round_,
                party=self.party(response.party),
                lookup_hash=None,
                language=response.language,
                answers=response.answers,
                comments=response.comments,
                submitted=response.submitted,
            )
            for response in responses
        ]
        # The file has the channels as counts per party only (per response they would
        # tie a lone personal invitee to their answers): the first so many responses
        # with answers of a party — in the file's order, by random id — are the
        # personal ones. Only the counts mean anything, and they are kept exactly.
        personal = {count.party: count.personal for count in row.respondent_counts}
        for response, entry in zip(objects, responses, strict=True):
            left = personal.get(entry.party, 0)
            is_personal = bool(entry.answers) and left > 0
            if is_personal:
                personal[entry.party] = left - 1
            response.set_channel(Channel.PERSONAL if is_personal else Channel.LINK)
        Response.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        RespondentMark.objects.bulk_create(
            [
                # Claims of links whose tokens stayed behind: only the number matters.
                RespondentMark(
                    round=round_,
                    party=self.party(count.party),
                    kind=RespondentMark.Kind.CLAIMED,
                    digest=RespondentMark.digest_for(RespondentMark.Kind.CLAIMED, _unknown_token()),
                )
                for count in row.respondent_counts
                for _ in range(count.claimed_links)
            ],
            batch_size=BATCH_SIZE,
        )


def import_collaboration(
    data: Mapping[str, Any] | str | bytes,
    *,
    user_map: Mapping[str, str] | None = None,
    created_by: User | None = None,
    allow_new_frameworks: bool = True,
) -> ImportResult:
    """Create a new collaboration from an export (parsed data, or the file's text/bytes).

    Checks the whole file first, then writes everything in one transaction: on any
    problem a :class:`TransferError` is raised and nothing has changed. ``user_map``
    maps email addresses in the file to addresses here; ``created_by`` (the importing
    user) becomes a facilitator unless the file already gives them a role.

    Frameworks are shared by the whole installation, so with
    ``allow_new_frameworks=False`` — web imports by users without the permission to add
    frameworks — a framework that is not stored yet is refused.
    """
    if created_by is not None and not is_site_admin(created_by):
        # The file holds every party's private data and can put any account into the
        # collaboration: only site administrators (and operators, on the command line).
        raise PermissionDenied
    if isinstance(data, str | bytes | bytearray):
        data = load(data)
    rows = read(data)
    mapping = _user_map(user_map, rows)
    try:
        with transaction.atomic(), scopes_disabled():
            return _Writer(rows, mapping, created_by, allow_new_frameworks).write()
    except (IntegrityError, DataError) as exc:
        raise TransferError(
            _("The file could not be stored, so nothing was imported: %(error)s.")
            % {"error": " ".join(str(exc).split())}
        ) from None
