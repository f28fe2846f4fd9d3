"""Text in SVG, which cannot measure itself: estimated widths and line breaking (pure)."""

from __future__ import annotations

# Advance widths (in hundredths of an em) of DejaVu Sans, measured in Chromium. It is the
# widest of the fonts in the charts' font stack (and WeasyPrint's usual fallback), so
# boxes sized with it are large enough for the narrower system fonts too.
_REGULAR_GROUPS = {
    27: "'", 28: "ijlïí", 29: "IJ", 32: " ,.’·", 34: "/:;\\|", 35: "f", 36: "-",
    39: "()[]t", 40: "!", 41: "r", 46: '"', 50: "*_`–", 52: "sz", 53: "?", 55: "cç",
    56: "L", 58: "Fk", 59: "vxy", 60: "P", 61: "TYaoöóàáä", 62: "eéëèê",
    63: "ESbdghnpquüúñ", 64: "$0123456789{}", 66: "K", 68: "AV", 69: "BRXZ", 70: "C",
    73: "U", 75: "HN", 77: "DG", 78: "&", 79: "OQ", 82: "w", 84: "#+<=>^~≥≤±", 86: "M",
    95: "%", 97: "m", 99: "W", 100: "@—…",
}  # fmt: skip
_BOLD_GROUPS = {
    31: "'", 34: "ijlïí", 35: " ", 37: "/IJ\\|", 38: ",.’·", 40: ":;", 42: "-", 44: "f",
    46: "!()[]", 48: "t", 49: "r", 50: "_`–", 52: '"*', 58: "?z", 59: "cç", 60: "s",
    64: "L", 65: "vxy", 67: "akàáä", 68: "EFTeéëèê", 69: "oöó", 70: "$0123456789",
    71: "hnu{}üúñ", 72: "SYbdgpq", 73: "CPZ", 76: "B", 77: "AKRVX", 81: "U", 82: "G",
    83: "D", 84: "#+<=>HN^~≥≤±", 85: "OQ", 87: "&", 92: "w", 100: "%@M—…", 104: "m",
    110: "W",
}  # fmt: skip
_REGULAR = {char: width / 100 for width, chars in _REGULAR_GROUPS.items() for char in chars}
_BOLD = {char: width / 100 for width, chars in _BOLD_GROUPS.items() for char in chars}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` at font size ``size`` (SVG cannot measure)."""
    table = _BOLD if bold else _REGULAR
    fallback = 0.75 if bold else 0.7  # characters outside the table: assume wide
    return sum(table.get(char, fallback) for char in text) * size


def wrap_text(
    text: str, max_width: float, size: float, *, bold: bool = False, max_lines: int | None = None
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` (at spaces and after hyphens).

    A single word wider than the line keeps its own line. With ``max_lines`` the last
    line is shortened with an ellipsis when the text does not fit.
    """
    # (word, glue before it): a hyphen inside a word allows a break without a space.
    words: list[tuple[str, str]] = []
    for part in text.split():
        pieces = part.split("-")
        for i, piece in enumerate(pieces):
            word = piece + ("-" if i < len(pieces) - 1 else "")
            if word:
                words.append((word, " " if i == 0 else ""))
    lines: list[str] = []
    current = ""
    for word, glue in words:
        candidate = current + (glue if current else "") + word
        if current and text_width(candidate, size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + "…", size, bold=bold) > max_width:
            last = last[:-1].rstrip()
        kept[-1] = last + "…"
        return kept
    return lines or [""]
