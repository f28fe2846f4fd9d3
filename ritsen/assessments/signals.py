"""Signals for the apps that build on assessment rounds.

``round_opened``, ``round_closed`` and ``results_released`` tell the steps of a
round (webhooks listen). ``round_shared`` is sent inside the transaction that makes a
round shared (the last party released). ``ritsen.results`` stores the round's
snapshot on it, so a round is never shared without its snapshot — if storing fails,
the release fails too.
"""

from django.dispatch import Signal

round_shared = Signal()  # sender=Round, round=<the Round>
# Sent inside the transaction of the change (receivers queue work on commit).
round_opened = Signal()  # sender=Round, round=<the Round>
round_closed = Signal()  # sender=Round, round=<the Round>
results_released = Signal()  # sender=Round, round=<the Round>, party=<the Party>
