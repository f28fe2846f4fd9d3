from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ritsen.assessments.models import Round
from ritsen.reports import services


class Command(BaseCommand):
    help = (
        "Write the report of a round as PDF or HTML (by the extension of -o). Without "
        "--party: the shared report, once every party has released its results."
    )

    def add_arguments(self, parser):
        parser.add_argument("round", type=int, help="The id of the round.")
        parser.add_argument(
            "-o", "--output", required=True, help="The file to write: report.pdf or report.html"
        )
        parser.add_argument(
            "--language", choices=services.LANGUAGES, default="nl", help="Report language."
        )
        parser.add_argument(
            "--party",
            type=int,
            help="Write this party's own report (its results only) instead of the shared one.",
        )

    def handle(self, *args, round, output, language, party, **options):
        target = Path(output)
        if target.suffix.lower() not in (".pdf", ".html"):
            raise CommandError(_("The output file must end in .pdf or .html."), returncode=2)
        round_ = Round.objects.select_related("collaboration", "framework").filter(pk=round).first()
        if round_ is None:
            raise CommandError(_("There is no round with id %(id)s.") % {"id": round}, returncode=2)
        party_obj = None
        if party is not None:
            party_obj = round_.collaboration.parties.filter(pk=party).first()
            if party_obj is None:
                raise CommandError(
                    _("Party %(id)s is not part of this round's collaboration.") % {"id": party},
                    returncode=2,
                )
        try:
            report = services.build_report(round_, party=party_obj, language=language)
        except services.ReportUnavailable as error:
            raise CommandError(
                _(
                    "This report is not available yet: the round must be closed, and for the "
                    "shared report every party must have released its results."
                ),
                returncode=2,
            ) from error
        try:
            if target.suffix.lower() == ".pdf":
                target.write_bytes(services.pdf(report))
            else:
                target.write_text(services.render_html(report, standalone=True), encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": target, "reason": error.strerror},
                returncode=2,
            ) from error
        self.stdout.write(_("Report written to %(path)s") % {"path": target})
