"""``ritsen framework validate|load|list`` — manage assessment frameworks."""

from __future__ import annotations

import hashlib

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.frameworks.models import Framework
from ritsen.frameworks.services import FrameworkError, store_spec
from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH, Problem, load_bytes

EXIT_INVALID = 2

FORMAT_HELP = (
    "A framework file is YAML with id, version, name, scale, thresholds and links; every "
    "link has statements in Dutch (nl) and English (en). The shipped example is "
    f"{DEFAULT_FRAMEWORK_PATH}."
)


class Command(BaseCommand):
    help = (
        "Validate, load and list assessment frameworks: the links, statements, scale and "
        "thresholds used by a rits-scan."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", title="actions"
        )
        validate = actions.add_parser(
            "validate",
            help="check framework files without storing them",
            description=(
                "Check framework files and report every problem, one per line with its line "
                "number, on standard error. Exits with status 2 when a file has problems. "
                "Needs no database. " + FORMAT_HELP
            ),
        )
        validate.add_argument("paths", nargs="+", metavar="PATH", help="framework YAML file")
        load = actions.add_parser(
            "load",
            help="validate a framework file and store it in the database",
            description=(
                "Validate a framework file and store it. Loading the same version again "
                "with identical content changes nothing; a changed file must get a higher "
                "version. Exits with status 2 when the file has problems. " + FORMAT_HELP
            ),
        )
        load.add_argument("path", metavar="PATH", help="framework YAML file")
        actions.add_parser(
            "list",
            help="show the frameworks stored in the database",
            description="Show every stored framework version with its number of links and "
            "statements.",
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "validate":
            self.validate(options["paths"])
        elif action == "load":
            self.load(options["path"])
        else:
            self.list()

    # --- actions -------------------------------------------------------------------------

    def validate(self, paths: list[str]) -> None:
        failed = 0
        for path in paths:
            spec, problems, _raw = self._check(path, prefix=len(paths) > 1)
            if problems:
                failed += 1
                continue
            summary = self._summary(spec)
            self.stdout.write(f"{path}: {summary}" if len(paths) > 1 else summary)
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d of %(total)d files has problems",
                    "%(count)d of %(total)d files have problems",
                    failed,
                )
                % {"count": failed, "total": len(paths)}
                if len(paths) > 1
                else self._problem_count_message(paths[0]),
                returncode=EXIT_INVALID,
            )

    def load(self, path: str) -> None:
        spec, problems, raw = self._check(path)
        if problems:
            raise CommandError(self._problem_count_message(path), returncode=EXIT_INVALID)
        sha = hashlib.sha256(raw).hexdigest()
        try:
            framework, created = store_spec(spec, source_sha256=sha)
        except FrameworkError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(path)s was not loaded") % {"path": path}, returncode=EXIT_INVALID
            ) from None
        except DatabaseError as exc:
            raise CommandError(self._database_message(exc)) from None
        counts = self._counts(spec)
        if created:
            message = _("Loaded %(framework)s: %(name)s (%(counts)s).")
        else:
            message = _("%(framework)s is already loaded with identical content (%(counts)s).")
        self.stdout.write(
            message % {"framework": framework.identifier, "name": framework.name, **counts}
        )

    def list(self) -> None:
        try:
            frameworks = list(Framework.objects.order_by("slug", "-version"))
        except DatabaseError as exc:
            raise CommandError(self._database_message(exc)) from None
        if not frameworks:
            self.stdout.write(_("No frameworks are loaded. Load one with `ritsen framework load`."))
            return
        header = [
            _("slug"),
            _("version"),
            _("name"),
            _("links"),
            _("statements"),
            _("loaded at"),
        ]
        rows = [
            [
                fw.slug,
                str(fw.version),
                fw.name,
                str(fw.link_count),
                str(fw.statement_count),
                timezone.localtime(fw.loaded_at).strftime("%Y-%m-%d %H:%M"),
            ]
            for fw in frameworks
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        numeric = {1, 3, 4}
        for row in [header, *rows]:
            cells = [
                cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                for i, cell in enumerate(row)
            ]
            self.stdout.write("  ".join(cells).rstrip())

    # --- helpers -------------------------------------------------------------------------

    def _check(self, path: str, *, prefix: bool = False):
        """Read and validate ``path``; write its problems to stderr.

        Returns ``(spec or None, problems, raw bytes)``.
        """
        raw = b""
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            problems = [
                Problem(
                    "",
                    _("cannot read %(path)s: %(reason)s")
                    % {"path": path, "reason": exc.strerror or exc},
                )
            ]
            spec = None
        else:
            spec, problems = load_bytes(raw)
        for problem in problems:
            self.stderr.write(f"{path}: {problem}" if prefix else str(problem))
        return spec, problems, raw

    def _problem_count_message(self, path: str) -> str:
        return _("%(path)s is not a valid framework file") % {"path": path}

    @staticmethod
    def _counts(spec) -> dict[str, str]:
        links = len(spec.links)
        statements = len(spec.statements)
        return {
            "counts": ngettext("%(n)d link", "%(n)d links", links) % {"n": links}
            + ", "
            + ngettext("%(n)d statement", "%(n)d statements", statements) % {"n": statements}
        }

    def _summary(self, spec) -> str:
        return _("OK: %(slug)s v%(version)s, %(counts)s") % {
            "slug": spec.id,
            "version": spec.version,
            **self._counts(spec),
        }

    @staticmethod
    def _database_message(exc: Exception) -> str:
        return _("The database is not ready (%(error)s). Run `ritsen migrate` first.") % {
            "error": exc
        }
