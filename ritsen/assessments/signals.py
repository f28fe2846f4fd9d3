"""Signals for the apps that build on assessment rounds.

``round_shared`` is sent inside the transaction that makes a round shared (the last
party released). ``ritsen.results`` stores the round's snapshot on it, so a round is
never shared without its snapshot — if storing fails, the release fails too.
"""

from django.dispatch import Signal

round_shared = Signal()  # sender=Round, round=<the Round>
