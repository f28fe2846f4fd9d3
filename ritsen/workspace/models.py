"""The workspace's models: each register's items (``registers/``) and actions."""

from .actions import Action
from .registers.agreements import Acceptance, Agreement
from .registers.business_case import Contribution, ExpectedValue, SharedGoal
from .registers.culture import CultureBridge, CultureProfile

__all__ = [
    "Acceptance",
    "Action",
    "Agreement",
    "Contribution",
    "CultureBridge",
    "CultureProfile",
    "ExpectedValue",
    "SharedGoal",
]
