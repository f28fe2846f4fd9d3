"""Read answers collected on paper or in a spreadsheet from a CSV file (pure, no ORM).

The file has a header row with at least the columns ``party``, ``respondent``,
``statement`` and ``score`` (any order, case-insensitive, other columns ignored),
separated by commas or semicolons (detected from the header line), in UTF-8 with or
without a byte order mark, with CRLF or LF line ends. ``score`` is a whole number on
the framework's scale, or blank or ``?`` for "don't know". A respondent id is unique
within its party. Entirely empty lines are skipped.

Every problem raises :class:`CsvInputError` with the file's line number (the header is
line 1), so a user can fix the file and try again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from ritsen.core.languages import CODES as LANGUAGE_CODES
from ritsen.frameworks.spec import FrameworkSpec

REQUIRED_COLUMNS = ("party", "respondent", "statement", "score")
#: The columns as a header names them in each language (exports write the user's
#: language; this reader accepts every language's names).
COLUMN_LABELS = {
    "party": pgettext_lazy("answers file column", "party"),
    "respondent": pgettext_lazy("answers file column", "respondent"),
    "statement": pgettext_lazy("answers file column", "statement"),
    "score": pgettext_lazy("answers file column", "score"),
}


def answers_header() -> tuple[str, ...]:
    """The header of an answers file in the active language."""
    return tuple(str(COLUMN_LABELS[column]) for column in REQUIRED_COLUMNS)


def _column_names() -> dict[str, str]:
    """Every accepted header name (lower case) → its column."""
    names = {column: column for column in REQUIRED_COLUMNS}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            names.update({str(COLUMN_LABELS[c]).lower(): c for c in REQUIRED_COLUMNS})
    return names


DONT_KNOW = ("", "?")
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")  # longer: no score, whatever the scale


class CsvInputError(Exception):
    """A problem in the answers file; ``str()`` is a one-line message for the user."""

    def __init__(self, filename: str, problem: str, line: int | None = None) -> None:
        self.filename = filename
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return _("%(file)s: %(problem)s") % {"file": self.filename, "problem": self.problem}
        return _("%(file)s, line %(line)d: %(problem)s") % {
            "file": self.filename,
            "line": self.line,
            "problem": self.problem,
        }


@dataclass
class ParsedAnswers:
    """Answers in the shape :func:`ritsen.results.scoring.score` takes.

    ``parties`` are in order of first appearance; ``answers`` maps
    party -> respondent -> statement id -> score (``None`` for don't know).
    """

    parties: list[str] = field(default_factory=list)
    answers: dict[str, dict[str, dict[str, int | None]]] = field(default_factory=dict)
    rows: int = 0


def read_answers(path: str | Path, spec: FrameworkSpec) -> ParsedAnswers:
    """Read and parse the answers file at ``path`` (see :func:`parse_answers`)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise CsvInputError(
            name, _("cannot read the file (%(reason)s)") % {"reason": reason}
        ) from None
    return parse_answers(data, spec, filename=name)


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CsvInputError(
            filename,
            _("the file is not valid UTF-8 (byte %(byte)d)") % {"byte": exc.start + 1},
            line,
        ) from None


def _clean(value: str) -> str:
    return value.strip()


def parse_answers(
    data: bytes, spec: FrameworkSpec, *, filename: str = "answers.csv"
) -> ParsedAnswers:
    """Parse the bytes of an answers file against ``spec``; raise :class:`CsvInputError`."""
    text = _decode(data, filename)
    if not text.strip():
        raise CsvInputError(
            filename,
            _("the file is empty; expected a header row with the columns %(columns)s")
            % {"columns": ", ".join(REQUIRED_COLUMNS)},
            1,
        )

    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    def rows():
        previous = 0
        try:
            for row in reader:
                yield previous + 1, row
                previous = reader.line_num
        except csv.Error as exc:
            raise CsvInputError(
                filename,
                _("the line cannot be read as CSV (%(reason)s)") % {"reason": exc},
                previous + 1,
            ) from None

    lines = rows()
    header_line, header = next(lines)
    known_names = _column_names()
    names = [known_names.get(_clean(name).lower(), _clean(name).lower()) for name in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise CsvInputError(
            filename,
            _("missing required column %(columns)s")
            % {"columns": ", ".join(f'"{column}"' for column in missing)},
            header_line,
        )
    for column in REQUIRED_COLUMNS:
        if names.count(column) > 1:
            raise CsvInputError(
                filename,
                _('the column "%(column)s" appears twice') % {"column": column},
                header_line,
            )
    i_party, i_respondent, i_statement, i_score = (names.index(c) for c in REQUIRED_COLUMNS)
    width = len(header)

    known = {s.id for s in spec.statements}
    lo, hi = spec.scale_min, spec.scale_max
    result = ParsedAnswers()
    first_seen: dict[tuple[str, str, str], int] = {}

    for line, row in lines:
        if not any(_clean(value) for value in row):
            continue  # empty line
        if len(row) != width:
            raise CsvInputError(
                filename,
                _("expected %(expected)d fields like the header, found %(found)d")
                % {"expected": width, "found": len(row)},
                line,
            )

        def fail(problem: str, line: int = line) -> CsvInputError:
            return CsvInputError(filename, problem, line)

        party = _clean(row[i_party])
        respondent = _clean(row[i_respondent])
        statement = _clean(row[i_statement])
        raw_score = _clean(row[i_score])
        if not party:
            raise fail(_("the party is empty"))
        if not respondent:
            raise fail(_("the respondent is empty"))
        if not statement:
            raise fail(_("the statement is empty"))
        if statement not in known:
            raise fail(
                _('unknown statement "%(statement)s" (not in framework %(framework)s)')
                % {"statement": statement, "framework": spec.id}
            )
        if raw_score in DONT_KNOW:
            value = None
        elif _INTEGER.fullmatch(raw_score):
            value = int(raw_score)
            if not lo <= value <= hi:
                raise fail(
                    _('score "%(score)s" is outside the scale %(min)d–%(max)d')
                    % {"score": raw_score, "min": lo, "max": hi}
                )
        else:
            raise fail(
                _('score "%(score)s" is not a whole number from %(min)d to %(max)d or "?"')
                % {"score": raw_score, "min": lo, "max": hi}
            )

        key = (party, respondent, statement)
        if key in first_seen:
            raise fail(
                _(
                    'respondent "%(respondent)s" of party "%(party)s" answers statement '
                    '"%(statement)s" a second time (first on line %(first)d)'
                )
                % {
                    "respondent": respondent,
                    "party": party,
                    "statement": statement,
                    "first": first_seen[key],
                }
            )
        first_seen[key] = line

        respondents = result.answers.get(party)
        if respondents is None:
            respondents = result.answers[party] = {}
            result.parties.append(party)
        respondents.setdefault(respondent, {})[statement] = value
        result.rows += 1
    return result
