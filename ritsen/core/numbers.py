"""Reading a whole number that a person typed or a URL carried.

``str.isdigit`` is true for "²" and "٣", which ``int`` then refuses (or reads as a
digit of another script): a page that trusted it answered 500. Here only the ASCII
digits 0-9 count.
"""

from __future__ import annotations


def whole_number(text: str, *, digits: int = 9) -> int | None:
    """``text`` (stripped) as a non-negative int of at most ``digits`` digits; else None."""
    text = text.strip()
    if not text or len(text) > digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
