"""The workspace's models: each register's items (``registers/``) and actions."""

from .actions import Action, AgendaOutcome
from .registers.agreements import Acceptance, Agreement
from .registers.business_case import Contribution, ExpectedValue, SharedGoal
from .registers.culture import CultureBridge, CultureProfile
from .registers.quality import Improvement, Review
from .registers.strategy import GoalMapping, StrategicGoal, StrategySheet

__all__ = [
    "Acceptance",
    "Action",
    "AgendaOutcome",
    "Agreement",
    "Contribution",
    "CultureBridge",
    "CultureProfile",
    "ExpectedValue",
    "GoalMapping",
    "Improvement",
    "Review",
    "SharedGoal",
    "StrategicGoal",
    "StrategySheet",
]
