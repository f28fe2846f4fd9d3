"""Check a transfer file completely — without touching the database.

1. The JSON itself: UTF-8, valid, no key twice in one object, no number too large for
   any field, no ``NaN``/``Infinity``.
2. The envelope: a Ritsen collaboration export of a version this Ritsen reads.
3. The schema (:mod:`ritsen.transfer.schema`): types, required keys, limits, dates.
4. The frameworks it carries, through the framework schema.
5. References: every person, party and framework named exists in the file, once; the
   answers fit their round's framework; at most one round is open.

The first problem found is raised as a :class:`TransferError` of one sentence that
names the place as the file does — ``round “Nulmeting”, response 8c3e…, answers.1.1``,
``party “Gemeente Aa”, created_at`` — never by list index alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ValidationError

from ritsen.collaborations.constants import Role
from ritsen.core.schema_messages import message_for, shown
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import parse as parse_framework
from ritsen.frameworks.validation import validate as validate_framework

from .. import lifecycle, workspace
from ..schema import (
    FORMAT,
    FORMAT_VERSION,
    CollaborationEntry,
    FrameworkRef,
    ResponseEntry,
    RoundEntry,
    TransferFile,
)
from .common import MAX_DIGITS, TransferError

FrameworkKey = tuple[str, int]
Path = tuple[str | int, ...]


# --- naming places ------------------------------------------------------------------


def _get(container: Any, key: str | int) -> Any:
    if isinstance(key, int):
        return container[key] if isinstance(container, list) and 0 <= key < len(container) else None
    return container.get(key) if isinstance(container, Mapping) else None


def _quoted(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _item_name(section: str, item: Any, index: int) -> str:
    """How the file names the ``index``-th item of ``section``."""

    def get(key: str) -> Any:
        value = item.get(key) if isinstance(item, Mapping) else None
        return shown(value) if isinstance(value, str) else value

    names = {
        "parties": lambda: (
            _quoted(get("organisation")) and _("party “%(name)s”") % {"name": get("organisation")}
        ),
        "rounds": lambda: _quoted(get("title")) and _("round “%(name)s”") % {"name": get("title")},
        "users": lambda: _quoted(get("email")) and _("user %(email)s") % {"email": get("email")},
        "memberships": lambda: (
            _quoted(get("user")) and _("the membership of %(email)s") % {"email": get("user")}
        ),
        "invitations": lambda: (
            _quoted(get("email")) and _("the invitation of %(email)s") % {"email": get("email")}
        ),
        "responses": lambda: _quoted(get("id")) and _("response %(id)s") % {"id": get("id")},
        "respondent_invitations": lambda: (
            _quoted(get("email")) and _("respondent invitation %(name)s") % {"name": get("email")}
        ),
        "respondent_counts": lambda: (
            _quoted(get("party")) and _("the counts of %(party)s") % {"party": get("party")}
        ),
        "releases": lambda: (
            _quoted(get("party")) and _("the release of %(party)s") % {"party": get("party")}
        ),
        "frameworks": lambda: (
            _quoted(get("slug"))
            and _("framework %(slug)s version %(version)s")
            % {"slug": get("slug"), "version": get("version")}
        ),
        "versions": lambda: (
            get("number") is not None and _("version %(number)s") % {"number": get("number")}
        ),
    }
    kinds = {kind.key: kind for kind in workspace.kinds()}
    if section in kinds:
        names[section] = lambda: (
            isinstance(get("ref"), int) and f"{kinds[section].label} {get('ref')}"
        )
    named = names.get(section, lambda: None)()
    if named:
        return named
    fallbacks = {
        "parties": _("the party at position %(position)d"),
        "rounds": _("the round at position %(position)d"),
        "users": _("the user at position %(position)d"),
        "memberships": _("the membership at position %(position)d"),
        "invitations": _("the invitation at position %(position)d"),
        "responses": _("the response at position %(position)d"),
        "respondent_invitations": _("the respondent invitation at position %(position)d"),
        "respondent_counts": _("the counts at position %(position)d"),
        "releases": _("the release at position %(position)d"),
        "frameworks": _("the framework at position %(position)d"),
        "versions": _("the version at position %(position)d"),
    }
    fallback = fallbacks.get(section, _("item %(position)d of %(section)s"))
    return fallback % {"position": index + 1, "section": section}


def place(path: Path, data: Any) -> str:
    """``("collaboration", "rounds", 0, "responses", 2, "answers", "1.1")`` as the file
    names it: ``round “Nulmeting”, response 8c3e…, answers.1.1``."""
    parts: list[str] = []
    fields: list[str] = []
    node = data
    index = 0
    items = list(path)
    if items[:1] == ["collaboration"]:
        node = _get(node, "collaboration")
        items = items[1:]
        in_section = len(items) >= 2 and isinstance(items[1], int)
        if not in_section:
            parts.append("collaboration")  # its own fields, as the file calls it
    while index < len(items):
        key = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        if (
            isinstance(key, str)
            and isinstance(following, int)
            and isinstance(_get(node, key), list)
        ):
            if fields:
                parts.append(".".join(fields))
                fields = []
            item = _get(_get(node, key), following)
            parts.append(_item_name(key, item, following))
            node = item
            index += 2
            continue
        fields.append(shown(key))
        node = _get(node, key)
        index += 1
    if fields:
        parts.append(".".join(fields))
    return ", ".join(parts)


def _refuse(path: Path, message: str, data: Any) -> TransferError:
    where = place(path, data)
    return TransferError(f"{where}: {message}." if where else f"{message}.")


# --- 2. and 3. the envelope and the schema ---------------------------------------------


def _check_envelope(data: Any) -> None:
    if not isinstance(data, Mapping):
        raise TransferError(_("The file does not contain a Ritsen collaboration export."))
    if data.get("format") != FORMAT:
        shown = json.dumps(data.get("format"), ensure_ascii=False)[:40]
        raise TransferError(
            _("This is not a Ritsen collaboration export: %(key)s is %(value)s, not %(expected)s.")
            % {"key": "format", "value": shown, "expected": FORMAT}
        )
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise TransferError(
            _(
                "This file was made by a newer Ritsen (format version %(version)d, this "
                "Ritsen reads up to %(supported)d); upgrade first."
            )
            % {"version": version, "supported": FORMAT_VERSION}
        )


def _schema(data: Any) -> TransferFile:
    try:
        return TransferFile.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc: Path = tuple(part for part in first["loc"] if part != "[key]")
        if first["type"] == "missing":
            return_path = loc[:-1]
        else:
            return_path = loc
        raise _refuse(return_path, message_for(first), data) from None


# --- 4. frameworks ------------------------------------------------------------------


def _as_document(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of a framework (``FrameworkSpec.to_dict``) as a framework file.

    The stored form writes decimals as text and absent descriptions as null; a file
    has numbers and leaves them out. Anything that does not convert is left for the
    framework schema to report.
    """

    def number(value: Any) -> Any:
        if isinstance(value, str) and len(value) <= 2 * MAX_DIGITS:
            try:
                parsed = Decimal(value)
            except InvalidOperation:
                return value
            return parsed if parsed.is_finite() else value
        return value

    def without_null_description(item: Any) -> Any:
        if isinstance(item, Mapping):
            item = dict(item)
            if "description" in item and item["description"] is None:
                del item["description"]
        return item

    document = without_null_description(stored)
    if isinstance(document.get("thresholds"), Mapping):
        document["thresholds"] = {
            key: value if key == "min_respondents" else number(value)
            for key, value in document["thresholds"].items()
        }
    if isinstance(document.get("links"), list):
        links = []
        for link in document["links"]:
            link = without_null_description(link)
            if isinstance(link, dict) and "weight" in link:
                link["weight"] = number(link["weight"])
            links.append(link)
        document["links"] = links
    return document


@dataclass
class FrameworkRow:
    slug: str
    version: int
    spec: FrameworkSpec


def _frameworks(entry: CollaborationEntry, data: Any) -> dict[FrameworkKey, FrameworkRow]:
    frameworks: dict[FrameworkKey, FrameworkRow] = {}
    for index, item in enumerate(entry.frameworks):
        path: Path = ("collaboration", "frameworks", index)
        key = (item.slug, item.version)
        if key in frameworks:
            raise _refuse(path, _("this framework occurs twice"), data)
        document = _as_document(item.data)
        problems = validate_framework(document)
        if problems:
            raise _refuse((*path, "data"), str(problems[0]), data)
        spec = parse_framework(document)
        if (spec.id, spec.version) != key:
            raise _refuse(
                path,
                _("its data is framework %(slug)s version %(version)s")
                % {"slug": spec.id, "version": spec.version},
                data,
            )
        frameworks[key] = FrameworkRow(slug=item.slug, version=item.version, spec=spec)
    return frameworks


# --- 5. references ------------------------------------------------------------------


@dataclass
class Checked:
    """A file that passed every check, with what the importer needs to look up."""

    collaboration: CollaborationEntry
    frameworks: dict[FrameworkKey, FrameworkRow]
    users: dict[str, Any]  # lower-case email -> UserEntry
    referenced_users: set[str] = field(default_factory=set)
    # The workspace's checked entries per kind of item and per register's sheets.
    workspace: dict[str, Any] = field(default_factory=lambda: {"items": {}, "sheets": {}})

    def framework_key(self, ref: FrameworkRef) -> FrameworkKey:
        return (ref.slug, ref.version)


class _References:
    def __init__(self, entry: CollaborationEntry, data: Any) -> None:
        self.entry = entry
        self.data = data
        self.users: dict[str, Any] = {}
        self.referenced: set[str] = set()
        self.parties: set[str] = set()

    def fail(self, path: Path, message: str) -> TransferError:
        return _refuse(("collaboration", *path), message, self.data)

    def user(self, value: str | None, path: Path) -> None:
        if value is None:
            return
        if value.lower() not in self.users:
            raise self.fail(
                path,
                _("refers to %(email)s, who is not among the users of the file") % {"email": value},
            )
        self.referenced.add(value.lower())

    def party(self, value: str | None, path: Path) -> None:
        if value is not None and value not in self.parties:
            raise self.fail(
                path,
                _("refers to the party “%(name)s”, which is not among the parties of the file")
                % {"name": value},
            )

    def role_and_party(self, role: str, party: str | None, path: Path) -> None:
        self.party(party, (*path, "party"))
        if (role == Role.FACILITATOR) != (party is None):
            raise self.fail(
                path, _("a facilitator has no party; coordinators and members need one")
            )

    def check(self, frameworks: dict[FrameworkKey, FrameworkRow]) -> None:
        entry = self.entry
        for index, user in enumerate(entry.users):
            key = user.email.lower()
            if key in self.users:
                raise self.fail(("users", index), _("this person occurs twice"))
            self.users[key] = user
        self.user(entry.created_by, ("created_by",))
        if (entry.framework.slug, entry.framework.version) not in frameworks:
            raise self.fail(("framework",), _("this framework is not among the frameworks"))
        for index, party in enumerate(entry.parties):
            if party.organisation.lower() in {name.lower() for name in self.parties}:
                raise self.fail(("parties", index), _("this organisation occurs twice"))
            self.parties.add(party.organisation)
            profile = party.profile
            if profile is not None:
                base: Path = ("parties", index, "profile")
                self.user(profile.shared_by, (*base, "shared_by"))
                self.user(profile.updated_by, (*base, "updated_by"))
                numbers = set()
                for position, version in enumerate(profile.versions):
                    if version.number in numbers:
                        raise self.fail(
                            (*base, "versions", position), _("this number occurs twice")
                        )
                    numbers.add(version.number)
                    self.user(version.created_by, (*base, "versions", position, "created_by"))
        members: set[str] = set()
        for index, membership in enumerate(entry.memberships):
            path = ("memberships", index)
            self.user(membership.user, (*path, "user"))
            if membership.user.lower() in members:
                raise self.fail(path, _("this person has a second role"))
            members.add(membership.user.lower())
            self.role_and_party(membership.role, membership.party, path)
        for index, invitation in enumerate(entry.invitations):
            path = ("invitations", index)
            self.role_and_party(invitation.role, invitation.party, path)
            self.user(invitation.invited_by, (*path, "invited_by"))
            self.user(invitation.accepted_by, (*path, "accepted_by"))
        self.rounds(frameworks)

    def lifecycle(
        self, frameworks: dict[FrameworkKey, FrameworkRow], workspace: dict[str, Any]
    ) -> None:
        entry = self.entry
        if entry.lifecycle is None:
            return
        spec = frameworks[(entry.framework.slug, entry.framework.version)].spec
        lifecycle.check(
            entry.lifecycle,
            party=self.party,
            user=self.user,
            link_keys={link.key for link in spec.links},
            refs={
                key: {entry.ref for entry in entries}
                for key, entries in workspace.get("items", {}).items()
            },
            fail=self.fail,
        )

    def workspace(self, frameworks: dict[FrameworkKey, FrameworkRow]) -> dict[str, Any]:
        entry = self.entry
        spec = frameworks[(entry.framework.slug, entry.framework.version)].spec
        link_keys = {link.key for link in spec.links}
        for index, round_ in enumerate(entry.rounds):
            round_spec = frameworks[(round_.framework.slug, round_.framework.version)].spec
            seen: set[str] = set()
            for position, outcome in enumerate(round_.outcomes):
                path: Path = ("rounds", index, "outcomes", position)
                if outcome.link_key not in {link.key for link in round_spec.links}:
                    raise self.fail((*path, "link_key"), _("this is not a link of the framework"))
                if outcome.link_key in seen:
                    raise self.fail((*path, "link_key"), _("this link has a second outcome"))
                seen.add(outcome.link_key)
                self.user(outcome.created_by, (*path, "created_by"))
                self.user(outcome.updated_by, (*path, "updated_by"))
        if entry.workspace is None:
            return {"items": {}, "sheets": {}}

        def validate(schema: Any, raw: Any, path: Path) -> Any:
            try:
                return schema.model_validate(raw)
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                loc = tuple(part for part in first["loc"] if part != "[key]")
                if first["type"] == "missing":
                    loc = loc[:-1]
                raise self.fail(("workspace", *path, *loc), message_for(first)) from None

        try:
            return workspace.check(
                entry.workspace.model_dump(),
                party=lambda name, path: self.party(name, ("workspace", *path)),
                user=lambda email, path: self.user(email, ("workspace", *path)),
                link_keys=link_keys,
                validate=validate,
            )
        except workspace.Refusal as refusal:
            raise self.fail(("workspace", *refusal.path), refusal.message) from None

    def rounds(self, frameworks: dict[FrameworkKey, FrameworkRow]) -> None:
        unclosed = False
        response_ids: set[Any] = set()
        for index, round_ in enumerate(self.entry.rounds):
            path: Path = ("rounds", index)
            key = (round_.framework.slug, round_.framework.version)
            if key not in frameworks:
                raise self.fail(
                    (*path, "framework"), _("this framework is not among the frameworks")
                )
            if round_.closed_at is None:
                if unclosed:
                    raise self.fail(
                        (*path, "closed_at"),
                        _("only one round at a time can be open (without closed_at)"),
                    )
                unclosed = True
            self.user(round_.created_by, (*path, "created_by"))
            released: set[str] = set()
            for position, release in enumerate(round_.releases):
                self.party(release.party, (*path, "releases", position, "party"))
                if release.party in released:
                    raise self.fail((*path, "releases", position), _("this party released twice"))
                released.add(release.party)
                self.user(release.released_by, (*path, "releases", position, "released_by"))
            for position, invitation in enumerate(round_.respondent_invitations):
                self.party(invitation.party, (*path, "respondent_invitations", position, "party"))
            spec = frameworks[key].spec
            for position, response in enumerate(round_.responses):
                if response.id in response_ids:
                    raise self.fail((*path, "responses", position, "id"), _("this id occurs twice"))
                response_ids.add(response.id)
                self.response(round_, response, spec, (*path, "responses", position))
            self.respondent_counts(round_, path)

    def respondent_counts(self, round_: RoundEntry, path: Path) -> None:
        answered: dict[str, int] = {}
        for response in round_.responses:
            if response.answers:
                answered[response.party] = answered.get(response.party, 0) + 1
        anonymous_links: dict[str, int] = {}
        for invitation in round_.respondent_invitations:
            if not invitation.email:
                anonymous_links[invitation.party] = anonymous_links.get(invitation.party, 0) + 1
        seen: set[str] = set()
        for position, count in enumerate(round_.respondent_counts):
            where = (*path, "respondent_counts", position)
            self.party(count.party, (*where, "party"))
            if count.party in seen:
                raise self.fail((*where, "party"), _("this party is counted twice"))
            seen.add(count.party)
            if count.personal + count.anonymous != answered.get(count.party, 0):
                raise self.fail(
                    where,
                    _(
                        "personal and anonymous must add up to the party's responses with "
                        "answers (%(count)d)"
                    )
                    % {"count": answered.get(count.party, 0)},
                )
            if count.claimed_links > anonymous_links.get(count.party, 0):
                raise self.fail(
                    (*where, "claimed_links"),
                    _("more claimed links than the party's anonymous links (%(count)d)")
                    % {"count": anonymous_links.get(count.party, 0)},
                )

    def response(
        self, round_: RoundEntry, response: ResponseEntry, spec: FrameworkSpec, path: Path
    ) -> None:
        self.party(response.party, (*path, "party"))
        statements = {statement.id for statement in spec.statements}
        for statement_id, value in response.answers.items():
            if statement_id not in statements:
                raise self.fail(
                    (*path, "answers", statement_id),
                    _("statement %(statement)s is not in framework %(slug)s version %(version)s")
                    % {"statement": statement_id, "slug": spec.id, "version": spec.version},
                )
            if value is not None and not spec.scale_min <= value <= spec.scale_max:
                raise self.fail(
                    (*path, "answers", statement_id),
                    _(
                        "must be a whole number from %(min)d to %(max)d or null (don't know), "
                        "not %(value)s"
                    )
                    % {"min": spec.scale_min, "max": spec.scale_max, "value": value},
                )
        links = {str(link.id) for link in spec.links}
        for link_id in response.comments:
            if link_id not in links:
                raise self.fail(
                    (*path, "comments", link_id),
                    _("link %(link)s is not in framework %(slug)s version %(version)s")
                    % {"link": link_id, "slug": spec.id, "version": spec.version},
                )


def read(data: Any) -> Checked:
    """Check a parsed export file completely; what to import, or :class:`TransferError`."""
    _check_envelope(data)
    file = _schema(data)
    entry = file.collaboration
    frameworks = _frameworks(entry, data)
    references = _References(entry, data)
    references.check(frameworks)
    checked_workspace = references.workspace(frameworks)
    references.lifecycle(frameworks, checked_workspace)
    return Checked(
        collaboration=entry,
        frameworks=frameworks,
        users=references.users,
        referenced_users=references.referenced,
        workspace=checked_workspace,
    )
