from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ritsen.demo.data import COLLABORATION_NAME, DEMO_PASSWORD, SITE_ADMIN, USERS, create_demo


class Command(BaseCommand):
    help = (
        "Create the demo collaboration with named users (idempotent). "
        "Refuses to run outside development and demo mode unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though this looks like a production configuration (DEBUG off).",
        )
        parser.add_argument(
            "--portfolio",
            type=int,
            default=0,
            metavar="N",
            help="Also make N more collaborations of the demo municipality, with rounds, "
            "snapshots and workspace data, for its portfolio (idempotent).",
        )

    def handle(self, *args, force: bool = False, portfolio: int = 0, **options):
        if not (settings.DEBUG or settings.DEMO) and not force:
            raise CommandError(
                "Refusing to create demo data: neither RITSEN_DEBUG nor RITSEN_DEMO is on, so "
                "this looks like a production installation. Use --force if you really want "
                "demo users here.",
                returncode=2,
            )
        if portfolio < 0 or portfolio > 100_000:
            raise CommandError("--portfolio takes a number from 0 to 100000.", returncode=2)
        collaboration = create_demo()
        if portfolio:
            from ritsen.demo.portfolio import create_portfolio

            made = create_portfolio(portfolio, progress=self._progress)
            self.stderr.write("")
            self.stdout.write(
                f"Portfolio: {made} collaborations made, {portfolio - made} already there."
            )
        base = settings.BASE_URL
        self.stdout.write(
            self.style.SUCCESS(f"Demo collaboration “{COLLABORATION_NAME}” is ready.")
        )
        self.stdout.write(f"Open {base}{collaboration.get_absolute_url()} and log in as one of:")
        width = max(len(u.email) for u in [*USERS, SITE_ADMIN])
        for user in [*USERS, SITE_ADMIN]:
            where = f" — {user.party}" if user.party else ""
            self.stdout.write(f"  {user.email:<{width}}  {user.role}{where}")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write(f"The site administrator also opens {base}/admin/")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stderr.flush()
