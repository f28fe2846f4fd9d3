"""Move a whole collaboration between installations: a lossless JSON export and import.

The file
--------
``{"format": "ritsen-collaboration", "format_version": 3, "exported_at": …,
"ritsen_version": …, "collaboration": {…}}`` with, under ``collaboration``: its name,
purpose and timestamps; ``framework`` (the pinned ``slug`` and ``version``) and
``frameworks`` (the full data of every framework the collaboration and its rounds use);
``users`` (email, name, language of everyone the file refers to); ``parties`` in the
collaboration's order, each with its profile and all profile versions; ``memberships``;
people ``invitations``; and ``rounds`` with their releases, respondent invitations and
responses, and per party the counts of responses by channel (personal invitation or
anonymous link) and of claimed links, and the joint session's outcome per agenda item;
and ``workspace``: every register item and action, every party sheet (culture profile,
strategy) and every agreement's acceptances (:mod:`ritsen.transfer.workspace`, generated
from the workspace registry). References use natural keys — a party by its
organisation's name, a person by email address — never database ids. Times are UTC
ISO 8601 with microseconds. Format 1 files (with an invitation's status and label) are
read; those fields are ignored. Format 1 and 2 files (without a workspace) are read.

Not in the file, on purpose: passwords and password hashes; the token hashes of people
invitations; the token hashes and encrypted tokens of respondent links; the lookup
hashes of responses. Links are secrets of the installation that made them.

Respondent invitations and responses stay unjoinable: they share no key, an invitation
says nothing of whether its person answered, invitations are sorted by (party, email)
and responses by their random UUID, and how a response came in is given only as a count
per party (per response it would tie a lone personal invitee to their answers).

Importing
---------
The whole file is checked first (any problem: :class:`TransferError`, naming the place
in the file), then everything is written in one transaction — all or nothing. Every
import creates a *new* collaboration, even from the same file twice (collaborations may
share a name). Organisations are matched by name and people by email address, both
case-insensitively; missing people get an account without a usable password (they
choose one with "forgot password"). ``user_map`` maps addresses in the file to other
addresses. Frameworks are reused when the same slug and version is stored with the
same content, stored when new, and refused when the same slug and version has
different content.

Because link secrets are not carried over: people invitations that were still pending
are imported as revoked (invite again); respondent invitations get fresh random token
hashes that nobody has the token for and no encrypted token, so in an open round their
links cannot be used, re-sent or reminded — revoke them and invite again, or generate
new links. Saved-but-unsubmitted answers still count in the results.

What differs between two exports
--------------------------------
Export → import into a fresh database → export gives the same JSON except for:

* ``exported_at`` (always) and ``ritsen_version`` (when the two Ritsens differ);
* people invitations that were pending: ``status`` becomes ``revoked`` and
  ``revoked_at`` the moment of import;
* a response ``id`` that already existed in the target database gets a new random UUID
  (and so another place in the sorted list) — only when importing a copy next to the
  original;
* organisations and people that already existed in the target keep the name (and
  name/language) they have there, and a framework that was already stored with the
  same content keeps its stored form;
* the importing user's facilitator membership (and their entry in ``users``) when a
  web import added it, and anything changed by a ``user_map``.
"""

from .common import FORMAT, FORMAT_VERSION, TransferError, dump, format_datetime, load
from .exporting import export_collaboration
from .importing import ImportResult, import_collaboration

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ImportResult",
    "TransferError",
    "dump",
    "export_collaboration",
    "format_datetime",
    "import_collaboration",
    "load",
]
