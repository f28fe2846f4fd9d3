"""``ritsen score``: score answers from a CSV file offline, without a database.

For answers collected on paper or in a spreadsheet. The input format is described in
:mod:`ritsen.results.csvinput`, the rules in :mod:`ritsen.results.scoring`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ritsen.frameworks.spec import FrameworkSpec
from ritsen.results import texts
from ritsen.results.csvinput import CsvInputError, read_answers
from ritsen.results.scoring import RoundResult, round_half_up_decimal, score

DEFAULT_FRAMEWORK = "ritsen-9"
EXIT_BAD_INPUT = 2
MAX_PROBLEMS_SHOWN = 3


class ScoreInputError(CommandError):
    """Bad input; reported as one plain line on stderr with exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()), returncode=EXIT_BAD_INPUT)


class Command(BaseCommand):
    help = (
        "Score answers from a CSV file (columns party, respondent, statement, score) and "
        "print the link and zipper states as JSON or as a table."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("answers", metavar="ANSWERS.csv", help=_("the answers file"))
        parser.add_argument(
            "--framework",
            default=DEFAULT_FRAMEWORK,
            metavar="ID_OR_PATH",
            help=_("a stored framework id or a framework YAML file (default: %(default)s)"),
        )
        parser.add_argument(
            "--min-respondents",
            type=int,
            metavar="K",
            help=_("minimum respondents per party and link (default: the framework's)"),
        )
        parser.add_argument(
            "--format",
            choices=["json", "table"],
            default="json",
            help=_("output format (default: %(default)s)"),
        )
        parser.add_argument(
            "-o", "--output", metavar="OUT.json", help=_("write to this file instead of stdout")
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except ScoreInputError as exc:
            # From the command line: one plain line, no "CommandError:" prefix or traceback.
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args: Any, **options: Any) -> None:
        min_respondents = options["min_respondents"]
        if min_respondents is not None and min_respondents < 1:
            raise ScoreInputError(
                _("--min-respondents must be at least 1, not %(value)d")
                % {"value": min_respondents}
            )
        spec = self._load_framework(options["framework"])
        try:
            parsed = read_answers(options["answers"], spec)
        except CsvInputError as exc:
            raise ScoreInputError(str(exc)) from None

        result = score(
            spec, parsed.answers, parties=parsed.parties, min_respondents=min_respondents
        )
        if options["format"] == "table":
            text = render_table(spec, result, min_respondents=min_respondents)
        else:
            text = json.dumps(result.to_json_dict(spec), indent=2, ensure_ascii=False) + "\n"

        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise ScoreInputError(
                    _("%(file)s: cannot write the file (%(reason)s)")
                    % {"file": options["output"], "reason": exc.strerror or exc}
                ) from None
        else:
            self.stdout.write(text, ending="")

    def _load_framework(self, id_or_path: str) -> FrameworkSpec:
        from ritsen.frameworks.services import FrameworkError, resolve_spec

        try:
            return resolve_spec(id_or_path)
        except FrameworkError as exc:
            problems = [str(p) for p in getattr(exc, "problems", None) or [exc]]
            detail = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
            if len(problems) > MAX_PROBLEMS_SHOWN:
                detail += " " + _("(and %(count)d more problems)") % {
                    "count": len(problems) - MAX_PROBLEMS_SHOWN
                }
            raise ScoreInputError(
                _("framework %(framework)s: %(problems)s")
                % {"framework": id_or_path, "problems": detail}
            ) from None


def _number(value: Any) -> str:
    """Two decimals as the output's language writes them (a comma in Dutch)."""
    return "—" if value is None else number_format(value, decimal_pos=2, use_l10n=True)


def render_table(
    spec: FrameworkSpec, result: RoundResult, *, min_respondents: int | None = None
) -> str:
    """A fixed-width table for humans: links as rows, parties as columns."""
    withheld = texts.withheld(min_respondents or spec.thresholds.min_respondents)
    header = ["#", _("link")] + [str(p) for p in result.parties] + [_("gap"), _("state")]
    rows = []
    for link in result.links:
        cells = [str(link.link_id), link.key]
        for party_result in link.parties.values():
            if party_result.withheld:
                cells.append(f"— ({withheld})")
            else:
                mean, sd = _number(party_result.mean_rounded), _number(party_result.sd)
                cells.append(f"{mean} (n={party_result.n}, sd {sd})")
        cells += [_number(round_half_up_decimal(link.gap)), str(link.state.label)]
        rows.append(cells)

    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {0, len(header) - 2}  # right-align the link number and the gap

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    weakest = result.zipper.weakest_link
    summary = [
        _("Zipper: %(state)s") % {"state": result.zipper.state.label},
        _("Weakest link: %(link)s")
        % {"link": "—" if weakest is None else f"{weakest} {spec.link(weakest).key}"},
        _("Jams at: %(links)s")
        % {"links": ", ".join(str(i) for i in result.zipper.jams_at) or "—"},
        _("Agenda: %(links)s") % {"links": ", ".join(str(i) for i in result.agenda)},
    ]
    out = [
        _("Framework: %(id)s (version %(version)d)") % {"id": spec.id, "version": spec.version},
        "",
        line(header),
        line(["-" * w for w in widths]),
        *(line(row) for row in rows),
        "",
        *summary,
    ]
    return "\n".join(out) + "\n"
