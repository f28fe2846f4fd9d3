"""Serve a shared report from its stored rendering; render and store it the first time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.db import IntegrityError, transaction

import ritsen
from ritsen.results.models import ResultSnapshot
from ritsen.results.snapshots import SCORING_VERSION

from .models import StoredRendering

PACKAGE = Path(ritsen.__file__).resolve().parent
#: What a rendering depends on besides the snapshot.
INPUTS = ("**/templates/**/*.html", "**/templates/**/*.svg", "**/static/**/*.css", "locale/**/*.mo")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of everything a report's rendering depends on besides its data."""
    digest = hashlib.sha256(f"{ritsen.__version__}:{SCORING_VERSION}".encode())
    for pattern in INPUTS:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def stored(
    round_id: int, language: str, kind: str, render: Callable[[], bytes], *, depends_on: str = ""
) -> bytes:
    """The stored rendering of a shared round's report, made with ``render`` if missing.
    ``depends_on`` names the version of what else it shows (the workspace appendix): a
    new version makes it anew, and the renderings it replaces are removed."""
    snapshot_id = (
        ResultSnapshot.objects.filter(round_id=round_id).values_list("pk", flat=True).first()
    )
    if snapshot_id is None:  # pragma: no cover - a shared round always has its snapshot
        return render()
    key = {
        "snapshot_id": snapshot_id,
        "language": language,
        "kind": kind,
        "fingerprint": hashlib.sha256(f"{fingerprint()}:{depends_on}".encode()).hexdigest(),
    }
    content = StoredRendering.objects.filter(**key).values_list("content", flat=True).first()
    if content is not None:
        return bytes(content)
    made = render()
    try:
        with transaction.atomic():
            StoredRendering.objects.filter(
                snapshot_id=snapshot_id, language=language, kind=kind
            ).delete()
            StoredRendering.objects.create(content=made, **key)
    except IntegrityError:
        pass  # another request stored the same rendering at the same moment
    return made
