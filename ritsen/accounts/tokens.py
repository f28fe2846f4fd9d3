"""Personal access tokens: made, listed and revoked on the profile page and with
``ritsen token``; checked by the API. One place for their rules."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ritsen.core.errors import ServiceError

from .models import AccessToken, User

#: Tokens start with this, so that secret scanners and people recognise them.
PREFIX = "rit_"
#: A token's last use is written at most this often (not on every request).
LAST_USED_EVERY = timedelta(minutes=1)
MAX_EXPIRES_DAYS = 3650


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: AccessToken
    secret: str  # shown once, never stored


@transaction.atomic
def create_token(
    user: User, *, name: str, expires_days: int | None = None, read_only: bool = False
) -> NewToken:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Give the token a name, so that you can recognise it later."))
    if len(name) > 100:
        raise ServiceError(_("The name is longer than 100 characters."))
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRES_DAYS:
        raise ServiceError(
            _("A token expires after 1 to %(max)d days.") % {"max": MAX_EXPIRES_DAYS}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        token_hash=_hash(secret),
        prefix=secret[: len(PREFIX) + 4],
        read_only=read_only,
        expires_at=timezone.now() + timedelta(days=expires_days) if expires_days else None,
    )
    return NewToken(token=token, secret=secret)


def tokens_of(user: User) -> list[AccessToken]:
    return list(user.access_tokens.all())


@transaction.atomic
def revoke_token(token: AccessToken, *, user: User | None = None) -> AccessToken:
    """Revoke ``token`` (only its owner may, when ``user`` is given; the command line,
    run by the operator, passes none)."""
    if user is not None and token.user_id != user.pk:
        raise AccessToken.DoesNotExist
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(secret: str) -> AccessToken | None:
    """The usable token with this secret (its user active), or ``None``."""
    if not secret.startswith(PREFIX):
        return None
    token = AccessToken.objects.select_related("user").filter(token_hash=_hash(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
