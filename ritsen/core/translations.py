"""Compile the ``.po`` catalogues into ``.mo`` files in pure Python (no GNU gettext)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path


def compile_catalogues(locale_dirs: Iterable[Path]) -> Iterator[str]:
    """Compile every catalogue under ``locale_dirs``; yields one line per catalogue."""
    import polib

    count = 0
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
            yield f"{po_path.relative_to(locale_dir)}: {catalogue.percent_translated()}% translated"
    yield f"Compiled {count} catalogue(s)."
