"""Anonymised export files: rows and their CSV and XLSX encodings (pure, no ORM).

Two kinds of rows:

* **answers** — exactly the input of ``ritsen score`` (:mod:`ritsen.results.csvinput`):
  the columns ``party, respondent, statement, score``, one row per answer a respondent
  gave, ``score`` blank for "don't know". Respondents get a code such as ``R-7F3K2``,
  drawn afresh with :mod:`secrets` for every export, so two exports cannot be joined on
  respondent and a code says nothing about who answered or when. Rows are sorted by
  party (round order), then code, then statement (framework order): the order reveals
  nothing about the order in which people answered.
* **results** — per link: id, key, name, per party mean / n / sd, the gap and the state,
  as on the results pages (rounded half up to 2 places; a withheld mean is written as
  "fewer than 3 respondents" — the framework's threshold — and its n and sd are left
  empty).

CSV files are written by :mod:`ritsen.core.csvfile` (UTF-8 with a byte order mark,
semicolons, a decimal comma: Excel with Dutch settings opens them in columns with
accents intact), and ``ritsen score`` reads them as they are. XLSX files have one
sheet with a header row; numbers are numeric cells and text stays text. Text that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) is
prefixed with ``'`` in CSV and stored as plain text in XLSX.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from django.utils.translation import gettext as _

from ritsen.core.csvfile import CSV_MIME, to_csv
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.results import csvinput, texts
from ritsen.results.scoring import RoundResult


def answers_header() -> tuple[str, ...]:
    """``party, respondent, statement, score`` in the user's language (``ritsen score``
    reads either language)."""
    return csvinput.answers_header()


ANSWERS_SHEET = "answers"
RESULTS_SHEET = "results"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# No 0/O, 1/I: codes are read aloud and copied by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_PREFIX = "R-"
CODE_LENGTH = 5

Cell: TypeAlias = str | int | Decimal | None
Row: TypeAlias = tuple[Cell, ...]
#: One party's answers: ``{respondent_key: {statement_id: score_or_None}}``.
PartyAnswers: TypeAlias = Mapping[Any, Mapping[str, "int | None"]]

__all__ = ["CSV_MIME", "XLSX_MIME", "answer_rows", "result_rows", "to_csv", "to_xlsx"]

# --- respondent codes -----------------------------------------------------------------


def code_length(count: int) -> int:
    """Characters per code for ``count`` respondents: at least :data:`CODE_LENGTH`.

    The space of codes stays at least a hundred times larger than their number, so
    drawing again after a collision stays rare.
    """
    length = CODE_LENGTH
    while len(CODE_ALPHABET) ** length < 100 * count:
        length += 1
    return length


def respondent_codes(count: int) -> list[str]:
    """``count`` distinct random codes like ``R-7F3K2`` (new ones on every call)."""
    length = code_length(count)
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length)))
    return list(codes)


# --- answers --------------------------------------------------------------------------


def answer_rows(spec: FrameworkSpec, parties: Sequence[tuple[str, PartyAnswers]]) -> list[Row]:
    """Rows of ``(party, code, statement, score)`` for ``ritsen score``.

    ``parties`` are ``(label, answers)`` in the order they should appear. Every answer
    a respondent gave becomes a row (``None`` — "don't know" — too); statements the
    respondent did not answer, and ids not in ``spec``, give none. Respondent keys are
    replaced by fresh random codes, unique within the export.
    """
    order = {s.id: i for i, s in enumerate(spec.statements)}
    total = sum(len(answers) for _label, answers in parties)
    codes = iter(respondent_codes(total))
    rows: list[Row] = []
    for label, answers in parties:
        coded = [(next(codes), answers[key]) for key in answers]
        coded.sort(key=lambda item: item[0])
        for code, given in coded:
            statements = sorted((sid for sid in given if sid in order), key=order.__getitem__)
            rows.extend((label, code, sid, given[sid]) for sid in statements)
    return rows


# --- results --------------------------------------------------------------------------


def results_header(party_labels: Sequence[str]) -> tuple[str, ...]:
    header = [_("link"), _("key"), _("name")]
    for label in party_labels:
        header += [
            _("%(party)s: mean") % {"party": label},
            _("%(party)s: n") % {"party": label},
            _("%(party)s: sd") % {"party": label},
        ]
    return (*header, _("gap"), _("state"))


def result_rows(
    spec: FrameworkSpec,
    result: RoundResult,
    *,
    language: str | None = None,
) -> list[Row]:
    """Per link (framework order): id, key, name, per party mean/n/sd, gap, state.

    Party columns follow ``result.parties``; a withheld mean reads "fewer than 3
    respondents" (the framework's threshold) and its n and sd are empty: how many
    respondents a withheld group has is never told.
    """
    withheld = texts.withheld(spec.thresholds.min_respondents)
    rows: list[Row] = []
    for link in spec.links:
        link_result = result.link(link.id)
        cells: list[Cell] = [link.id, link.key, link.name.get(language)]
        for party in result.parties:
            cell = link_result.parties[party]
            if cell.withheld:
                cells += [withheld, None, None]
            else:
                cells += [cell.mean_rounded, cell.n, cell.sd]
        cells += [link_result.gap_rounded, str(link_result.state.label)]
        rows.append(tuple(cells))
    return rows


# --- encodings ------------------------------------------------------------------------


def _widths(header: Sequence[str], rows: Sequence[Row]) -> list[float]:
    widths = [len(str(name)) for name in header]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            shown = f"{value:.2f}" if isinstance(value, Decimal) else str(value or "")
            widths[index] = max(widths[index], len(shown))
    return [min(max(width, 6), 60) + 2 for width in widths]


def to_xlsx(sheet: str, header: Sequence[str], rows: Sequence[Row]) -> bytes:
    """An XLSX workbook with one sheet: a bold, frozen header row, then ``rows``."""
    return to_xlsx_book([(sheet, header, rows)])


def sheet_name(title: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``,
    unique in the workbook."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def to_xlsx_book(sheets: Sequence[tuple[str, Sequence[str], Sequence[Row]]]) -> bytes:
    """An XLSX workbook with a sheet per ``(name, header, rows)``: each with a bold,
    frozen header row, then its rows. Text is always text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    taken: set[str] = set()
    for title, header, rows in sheets:
        worksheet = workbook.create_sheet(sheet_name(title, taken))
        worksheet.freeze_panes = "A2"
        # Columns as wide as their widest value (within reason); a write-only sheet
        # takes its widths before the first row.
        for index, width in enumerate(_widths(header, rows), start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width

        def cell(value: Any, *, header: bool = False, sheet: Any = worksheet) -> WriteOnlyCell:
            c = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                c.data_type = "s"  # text, never a formula
            elif isinstance(value, Decimal):
                c.number_format = "0.00"
            if header:
                c.font = bold
            return c

        worksheet.append([cell(name, header=True) for name in header])
        for row in rows:
            worksheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
