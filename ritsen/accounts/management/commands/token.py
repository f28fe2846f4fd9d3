"""``ritsen token create|list|revoke`` — personal access tokens for the API."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ritsen.accounts import tokens
from ritsen.accounts.models import AccessToken
from ritsen.core.errors import ServiceError

EXIT_INVALID = 2


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class Command(BaseCommand):
    help = "Create, list and revoke personal access tokens for the API."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", title="actions"
        )
        create = actions.add_parser(
            "create",
            help="make a token for a user; prints the token once, and nothing else",
        )
        create.add_argument("email", metavar="EMAIL")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument("--expires-days", type=int, default=None, metavar="N")
        create.add_argument("--read-only", action="store_true", help="the token may only read")
        listing = actions.add_parser("list", help="a user's tokens (never the tokens themselves)")
        listing.add_argument("email", metavar="EMAIL")
        revoke = actions.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int, metavar="ID")

    def handle(self, *args, action: str, **options):
        getattr(self, action)(**options)

    def _user(self, email: str):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(
                _("no user with the email address %(email)s") % {"email": email},
                returncode=EXIT_INVALID,
            )
        return user

    def create(self, *, email: str, name: str, expires_days: int | None, read_only: bool, **_o):
        try:
            new = tokens.create_token(
                self._user(email), name=name, expires_days=expires_days, read_only=read_only
            )
        except ServiceError as error:
            raise CommandError(str(error), returncode=EXIT_INVALID) from None
        self.stdout.write(new.secret)

    def list(self, *, email: str, **_o):
        now = timezone.now()
        header = [_("id"), _("name"), _("starts with"), _("access"), _("created"),
                  _("expires"), _("last used"), _("state")]  # fmt: skip
        rows = [
            [
                str(token.pk),
                token.name,
                token.prefix + "…",
                _("read only") if token.read_only else _("read and write"),
                _when(token.created_at),
                _when(token.expires_at),
                _when(token.last_used_at),
                _("revoked")
                if token.revoked_at
                else (_("valid") if token.is_usable(now) else _("expired")),
            ]
            for token in tokens.tokens_of(self._user(email))
        ]
        if not rows:
            self.stdout.write(_("No tokens."))
            return
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            )

    def revoke(self, *, id: int, **_o):  # noqa: A002
        token = AccessToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(_("no token with id %(id)s") % {"id": id}, returncode=EXIT_INVALID)
        tokens.revoke_token(token)
        self.stdout.write(_("Token %(id)s (%(name)s) is revoked.") % {"id": id, "name": token.name})
