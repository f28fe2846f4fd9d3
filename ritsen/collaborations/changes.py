"""What changed between two versions of a profile, word by word (pure)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .models import PROFILE_QUESTIONS

#: Words and the spaces between them, so that the pieces join back up.
_TOKENS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class AnswerChange:
    question: str
    text: str  # the answer in this version
    pieces: tuple[Piece, ...]  # this version against the one before
    changed: bool


def word_changes(before: str, after: str) -> tuple[Piece, ...]:
    """``after`` against ``before``: the words kept, added and removed, in order."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(new[j1:j2])))
            continue
        if tag in ("replace", "delete"):
            pieces.append(Piece("removed", "".join(old[i1:i2])))
        if tag in ("replace", "insert"):
            pieces.append(Piece("added", "".join(new[j1:j2])))
    return tuple(piece for piece in pieces if piece.text)


def profile_changes(
    before: Mapping[str, str] | None, after: Mapping[str, str]
) -> list[AnswerChange]:
    """Per profile question: the answer in ``after`` and how it differs from
    ``before`` (``None``: the first version, where nothing counts as changed)."""
    changes = []
    for key, label, _help in PROFILE_QUESTIONS:
        text = after.get(key, "") or ""
        if before is None:
            changes.append(AnswerChange(str(label), text, (Piece("same", text),), False))
            continue
        old = before.get(key, "") or ""
        changes.append(AnswerChange(str(label), text, word_changes(old, text), changed=old != text))
    return changes
