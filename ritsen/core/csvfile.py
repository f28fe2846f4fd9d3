"""CSV files as Ritsen writes them: UTF-8 with a byte order mark, semicolon-separated
with CRLF line ends and a decimal comma — Excel with Dutch settings opens them in
columns with accents intact. Text that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias

CSV_DELIMITER = ";"
CSV_DECIMAL = ","
CSV_MIME = "text/csv; charset=utf-8"

Cell: TypeAlias = str | int | Decimal | None

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # pragma: no cover - never produced
        raise TypeError("booleans are not export cells")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", CSV_DECIMAL)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 with BOM, ``;``-separated, CRLF, decimal comma, blank for ``None``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([_csv_text(name) for name in header])
    writer.writerows([_csv_text(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
