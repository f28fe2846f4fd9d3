"""The words for what anonymity withholds — one place for pages, charts, reports and
exports. A withheld cell never tells how many respondents it has, only the threshold.
"""

from __future__ import annotations

from django.utils.translation import ngettext


def withheld(min_respondents: int) -> str:
    """ "fewer than 3 respondents" for a framework whose threshold is 3."""
    return ngettext(
        "fewer than %(count)d respondent",
        "fewer than %(count)d respondents",
        min_respondents,
    ) % {"count": min_respondents}
