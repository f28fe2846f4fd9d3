"""Loading frameworks into the database and finding them again."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from ritsen.frameworks.models import Framework

if TYPE_CHECKING:
    from ritsen.accounts.models import User
from ritsen.frameworks.spec import MIN_RESPONDENTS_FLOOR, FrameworkSpec
from ritsen.frameworks.validation import (
    BUILTIN_DIR,
    DEFAULT_FRAMEWORK_PATH,
    SLUG_RE,
    Problem,
    load_bytes,
    load_file,
)

#: Loading a framework on the web (an import that brings a new version) needs this
#: Django permission, given explicitly; operators load them with ``ritsen framework``.
LOAD_FRAMEWORK_PERMISSION = "frameworks.add_framework"

_SLUG_VERSION_RE = re.compile(r"^(?P<slug>[a-z0-9-]+)@(?P<version>[0-9]+)$")


class FrameworkError(Exception):
    """A framework could not be loaded or found; ``problems`` says why."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FrameworkError(
            _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": reason}
        ) from exc


def store_spec(
    spec: FrameworkSpec, *, user: User | None = None, source_sha256: str = ""
) -> tuple[Framework, bool]:
    """Store a validated spec; returns ``(framework, created)``.

    Loading the same slug and version again with the same content (numbers compared by
    value, so ``4`` equals ``4.0``) returns the stored framework; different content under
    an existing version raises :class:`FrameworkError`.
    """
    if spec.thresholds.min_respondents < MIN_RESPONDENTS_FLOOR:
        raise FrameworkError(
            [
                Problem(
                    "thresholds.min_respondents",
                    _("must be at least %(floor)d, not %(value)d")
                    % {"floor": MIN_RESPONDENTS_FLOOR, "value": spec.thresholds.min_respondents},
                )
            ]
        )
    data = spec.to_dict()
    try:
        with transaction.atomic():
            existing = Framework.objects.filter(slug=spec.id, version=spec.version).first()
            if existing is None:
                framework = Framework.objects.create(
                    slug=spec.id,
                    version=spec.version,
                    name_nl=spec.name.nl,
                    name_en=spec.name.en,
                    data=data,
                    source_sha256=source_sha256,
                    loaded_by=user if user is not None and user.pk else None,
                )
                return framework, True
    except IntegrityError:
        # Someone else stored the same slug and version at the same moment.
        existing = Framework.objects.get(slug=spec.id, version=spec.version)
    if FrameworkSpec.from_dict(existing.data) != spec:  # compares numbers as numbers
        raise FrameworkError(
            [
                Problem(
                    "version",
                    _(
                        "version %(version)s of %(slug)s is already loaded with different "
                        "content; increase `version`"
                    )
                    % {"version": spec.version, "slug": spec.id},
                )
            ]
        )
    return existing, False


def load_framework(path: str | Path, *, user: User | None = None) -> Framework:
    """Validate the framework file at ``path`` and store it (idempotent).

    Raises :class:`FrameworkError` with every problem in the file, or when this version
    is already stored with different content.
    """
    raw = _read(path)
    spec, problems = load_bytes(raw)
    if spec is None:
        raise FrameworkError(problems)
    framework, _created = store_spec(spec, user=user, source_sha256=hashlib.sha256(raw).hexdigest())
    return framework


@lru_cache(maxsize=8)
def _builtin(path: Path, mtime_ns: int) -> tuple[FrameworkSpec, str]:
    raw = _read(path)
    spec, problems = load_bytes(raw)
    if spec is None:
        raise FrameworkError(problems)
    return spec, hashlib.sha256(raw).hexdigest()


def _builtin_spec(path: Path) -> tuple[FrameworkSpec, str]:
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _builtin(path, mtime)


def ensure_default_framework() -> Framework:
    """Store the shipped ``ritsen-9`` unless that version is present, and return that
    version — not whatever newer version was loaded since: nothing makes a new
    version the default without someone choosing it."""
    spec, sha = _builtin_spec(DEFAULT_FRAMEWORK_PATH)
    if not Framework.objects.filter(slug=spec.id, version=spec.version).exists():
        store_spec(spec, source_sha256=sha)
    return Framework.objects.get(slug=spec.id, version=spec.version)


def _database_usable() -> bool:
    """False for a SQLite database file that does not exist yet (we never create one)."""
    settings = connection.settings_dict
    if settings.get("ENGINE", "").endswith("sqlite3"):
        name = str(settings.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:"):
            return Path(name).exists()
    return True


def _stored_spec(slug: str, version: int | None) -> FrameworkSpec | None:
    if not _database_usable():
        return None
    try:
        with transaction.atomic():
            qs = Framework.objects.filter(slug=slug)
            framework = (
                qs.filter(version=version).first()
                if version is not None
                else qs.order_by("-version").first()
            )
            return framework.spec if framework is not None else None
    except DatabaseError:
        # No database, or not migrated: the offline commands still work with the
        # frameworks that ship with Ritsen.
        return None


def resolve_spec(id_or_path: str) -> FrameworkSpec:
    """Find a framework by file path, ``slug`` or ``slug@version``.

    A path to an existing file is loaded from that file. Otherwise the newest stored
    version of the slug (or the given version) is used; without a usable database the
    built-in files in ``ritsen/frameworks/data/`` are used.
    """
    path = Path(id_or_path)
    if path.is_file():
        spec, problems = load_file(path)
        if spec is None:
            raise FrameworkError(problems)
        return spec

    slug, version = id_or_path, None
    match = _SLUG_VERSION_RE.match(id_or_path)
    if match:
        slug, version = match["slug"], int(match["version"])
    if not SLUG_RE.match(slug):
        raise FrameworkError(
            _("%(value)s is neither a framework file nor a framework identifier")
            % {"value": id_or_path}
        )

    spec = _stored_spec(slug, version)
    if spec is not None:
        return spec
    builtin = BUILTIN_DIR / f"{slug}.yaml"
    if builtin.is_file():
        spec, _sha = _builtin_spec(builtin)
        if version is None or spec.version == version:
            return spec
    if version is not None:
        message = _("framework %(slug)s version %(version)s was not found") % {
            "slug": slug,
            "version": version,
        }
    else:
        message = _("framework %(slug)s was not found (and %(value)s is not a file)") % {
            "slug": slug,
            "value": id_or_path,
        }
    raise FrameworkError(message)
