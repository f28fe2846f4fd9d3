"""Export one collaboration as plain data (see the package docstring for the format)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django_scopes import scopes_disabled

import ritsen
from ritsen.assessments.models import PartyRelease, RespondentInvitation, Response, Round
from ritsen.assessments.selectors import respondent_counts
from ritsen.collaborations.models import (
    Collaboration,
    Invitation,
    Membership,
    Party,
    PartyProfile,
    ProfileVersion,
)
from ritsen.collaborations.models.profiles import PROFILE_FIELDS
from ritsen.frameworks.models import Framework

from .. import lifecycle, workspace
from .common import FORMAT, FORMAT_VERSION, format_datetime

if TYPE_CHECKING:
    from ritsen.accounts.models import User


def invitation_status(invitation: Invitation) -> str:
    """``accepted``, ``revoked``, ``expired`` or ``pending`` (for readers of the file)."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return "pending"


class _Users:
    """Collects every user the export refers to, so the file lists each once."""

    def __init__(self) -> None:
        self.by_email: dict[str, dict[str, str]] = {}

    def ref(self, user: User | None) -> str | None:
        if user is None:
            return None
        self.by_email[user.email] = {
            "email": user.email,
            "name": user.name,
            "language": user.language,
        }
        return user.email

    def rows(self) -> list[dict[str, str]]:
        return [self.by_email[email] for email in sorted(self.by_email, key=str.lower)]


def _framework_ref(framework: Framework) -> dict[str, Any]:
    return {"slug": framework.slug, "version": framework.version}


def _sorted(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Sort by ``keys`` (None first), then by the whole row so ties are deterministic."""

    def key(row: dict[str, Any]) -> tuple:
        return (
            tuple((row[k] is not None, row[k] if row[k] is not None else "") for k in keys),
            json.dumps(row, sort_keys=True),
        )

    return sorted(rows, key=key)


def _profile(
    profile: PartyProfile | None, versions: list[ProfileVersion], users: _Users
) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "content": {key: getattr(profile, key) for key in PROFILE_FIELDS},
        "shared_at": format_datetime(profile.shared_at),
        "revealed_at": format_datetime(profile.revealed_at),
        "shared_by": users.ref(profile.shared_by),
        "updated_at": format_datetime(profile.updated_at),
        "updated_by": users.ref(profile.updated_by),
        "versions": [
            {
                "number": version.number,
                "kind": version.kind,
                "content": version.content,
                "created_by": users.ref(version.created_by),
                "created_at": format_datetime(version.created_at),
            }
            for version in sorted(versions, key=lambda v: v.number)
        ],
    }


def _rounds(
    collaboration: Collaboration,
    party_name: dict[int, str],
    position: dict[int, int],
    users: _Users,
) -> tuple[list[dict[str, Any]], set[Framework]]:
    rounds = list(
        Round.objects.filter(collaboration=collaboration)
        .select_related("framework", "created_by")
        .order_by("opened_at", "pk")
    )
    frameworks = {round_.framework for round_ in rounds}
    releases: dict[int, list[PartyRelease]] = {}
    for release in PartyRelease.objects.filter(round__in=rounds).select_related("released_by"):
        releases.setdefault(release.round_id, []).append(release)
    invitations: dict[int, list[dict[str, Any]]] = {}
    for invitation in RespondentInvitation.objects.filter(round__in=rounds).values(
        "round_id", "party_id", "email", "sent_count", "revoked_at", "created_at"
    ):
        invitations.setdefault(invitation["round_id"], []).append(dict(invitation))
    responses: dict[int, list[dict[str, Any]]] = {}
    for response in Response.objects.filter(round__in=rounds).values(
        "id", "round_id", "party_id", "language", "answers", "comments", "submitted"
    ):
        responses.setdefault(response["round_id"], []).append(dict(response))
    counts = respondent_counts(rounds)

    out = []
    for round_ in rounds:
        # Invitations and responses are sorted by keys that have nothing in common, so
        # their order in the file cannot join an email address to answers.
        round_invitations = sorted(
            (
                {
                    "party": party_name[row["party_id"]],
                    "email": row["email"],
                    "sent_count": row["sent_count"],
                    "revoked_at": format_datetime(row["revoked_at"]),
                    "created_at": format_datetime(row["created_at"]),
                    "_position": position[row["party_id"]],
                }
                for row in invitations.get(round_.pk, [])
            ),
            key=lambda row: (
                row["_position"],
                row["email"].lower(),
                row["created_at"],
                row["sent_count"],
                row["revoked_at"] or "",
            ),
        )
        for row in round_invitations:
            del row["_position"]
        out.append(
            {
                "title": round_.title,
                "language": round_.language,
                "framework": _framework_ref(round_.framework),
                "opened_at": format_datetime(round_.opened_at),
                "closes_at": format_datetime(round_.closes_at),
                "closed_at": format_datetime(round_.closed_at),
                "created_by": users.ref(round_.created_by),
                "releases": [
                    {
                        "party": party_name[release.party_id],
                        "released_at": format_datetime(release.released_at),
                        "released_by": users.ref(release.released_by),
                    }
                    for release in sorted(
                        releases.get(round_.pk, []), key=lambda r: position[r.party_id]
                    )
                ],
                "respondent_invitations": round_invitations,
                "responses": sorted(
                    (
                        {
                            "id": str(row["id"]),
                            "party": party_name[row["party_id"]],
                            "language": row["language"],
                            "answers": row["answers"],
                            "comments": row["comments"],
                            "submitted": row["submitted"],
                        }
                        for row in responses.get(round_.pk, [])
                    ),
                    key=lambda row: row["id"],
                ),
                "respondent_counts": [
                    {"party": party_name[party_id], **count}
                    for party_id, count in sorted(
                        counts.get(round_.pk, {}).items(), key=lambda item: position[item[0]]
                    )
                ],
                "outcomes": workspace.export_outcomes(round_, users),
            }
        )
    return out, frameworks


def export_collaboration(collaboration: Collaboration) -> dict[str, Any]:
    """Everything of ``collaboration`` — every party's private data included (the
    caller decided that its reader may have it: an operator, or a site administrator
    with :attr:`~ritsen.collaborations.access.Perm.DOWNLOAD_FULL_FILE`)."""
    with scopes_disabled():
        return _export_collaboration(collaboration)


def _export_collaboration(collaboration: Collaboration) -> dict[str, Any]:
    """Everything of ``collaboration`` as JSON-ready data, without secrets.

    Lists are sorted so that the same collaboration always gives the same data (apart
    from ``exported_at``); references use natural keys (organisation names, email
    addresses), never database ids.
    """
    collaboration = Collaboration.objects.select_related("framework", "created_by").get(
        pk=collaboration.pk
    )
    users = _Users()
    parties: list[Party] = list(collaboration.parties.select_related("organisation").order_by("pk"))
    party_name = {party.pk: party.organisation.name for party in parties}
    position = {party.pk: index for index, party in enumerate(parties)}
    profiles = {
        profile.party_id: profile
        for profile in PartyProfile.objects.filter(party__in=parties).select_related(
            "shared_by", "updated_by"
        )
    }
    versions: dict[int, list[ProfileVersion]] = {}
    for version in ProfileVersion.objects.filter(profile__party__in=parties).select_related(
        "created_by"
    ):
        versions.setdefault(version.profile_id, []).append(version)

    party_rows = []
    for party in parties:
        profile = profiles.get(party.pk)
        party_rows.append(
            {
                "organisation": party.organisation.name,
                "role": party.role,
                "created_at": format_datetime(party.created_at),
                "profile": _profile(
                    profile, versions.get(profile.pk, []) if profile else [], users
                ),
            }
        )

    memberships = _sorted(
        [
            {
                "user": users.ref(membership.user),
                "role": membership.role,
                "party": party_name[membership.party_id] if membership.party_id else None,
                "created_at": format_datetime(membership.created_at),
            }
            for membership in Membership.objects.filter(collaboration=collaboration).select_related(
                "user"
            )
        ],
        "created_at",
        "user",
    )
    invitations = _sorted(
        [
            {
                "email": invitation.email,
                "role": invitation.role,
                "party": party_name[invitation.party_id] if invitation.party_id else None,
                "invited_by": users.ref(invitation.invited_by),
                "created_at": format_datetime(invitation.created_at),
                "expires_at": format_datetime(invitation.expires_at),
                "accepted_at": format_datetime(invitation.accepted_at),
                "accepted_by": users.ref(invitation.accepted_by),
                "revoked_at": format_datetime(invitation.revoked_at),
                "status": invitation_status(invitation),
            }
            for invitation in Invitation.objects.filter(collaboration=collaboration).select_related(
                "invited_by", "accepted_by"
            )
        ],
        "created_at",
        "email",
    )
    rounds, frameworks = _rounds(collaboration, party_name, position, users)
    frameworks.add(collaboration.framework)

    data = {
        "name": collaboration.name,
        "purpose": collaboration.purpose,
        "created_at": format_datetime(collaboration.created_at),
        "updated_at": format_datetime(collaboration.updated_at),
        "created_by": users.ref(collaboration.created_by),
        "framework": _framework_ref(collaboration.framework),
        "frameworks": [
            {"slug": framework.slug, "version": framework.version, "data": framework.data}
            for framework in sorted(frameworks, key=lambda f: (f.slug, f.version))
        ],
        "parties": party_rows,
        "memberships": memberships,
        "invitations": invitations,
        "rounds": rounds,
        "workspace": workspace.export(collaboration, users),
        "lifecycle": lifecycle.export(collaboration, users),
    }
    data["users"] = users.rows()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": format_datetime(timezone.now()),
        "ritsen_version": ritsen.__version__,
        "collaboration": data,
    }
