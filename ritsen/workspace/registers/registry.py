"""The one list of registers (and of the kinds of item that are not in a register, such
as actions). Views, forms, URLs, API routes and the permission matrix are generated
from it."""

from __future__ import annotations

from collections.abc import Iterator

from .base import ItemKind, Register

_REGISTERS: dict[str, Register] = {}
_KINDS: dict[str, tuple[ItemKind, Register | None]] = {}


def register(entry: Register) -> Register:
    if entry.key in _REGISTERS:
        raise ValueError(f"register {entry.key} is registered twice")
    _REGISTERS[entry.key] = entry
    for kind in entry.kinds:
        add_kind(kind, entry)
    return entry


def add_kind(kind: ItemKind, entry: Register | None = None) -> ItemKind:
    if kind.key in _KINDS:
        raise ValueError(f"item kind {kind.key} is registered twice")
    _KINDS[kind.key] = (kind, entry)
    return kind


def registers() -> Iterator[Register]:
    return iter(_REGISTERS.values())


def get(key: str) -> Register:
    return _REGISTERS[key]


def for_link(link_key: str) -> Register | None:
    for entry in _REGISTERS.values():
        if entry.link_key == link_key:
            return entry
    return None


def kinds() -> Iterator[tuple[ItemKind, Register | None]]:
    return iter(_KINDS.values())


def kind(key: str) -> tuple[ItemKind, Register | None]:
    return _KINDS[key]
