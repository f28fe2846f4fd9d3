"""The workspace's models: each register's items (``registers/``) and actions."""

from .actions import Action, AgendaOutcome
from .registers.agreements import Acceptance, Agreement
from .registers.business_case import Contribution, ExpectedValue, SharedGoal
from .registers.culture import CultureBridge, CultureProfile
from .registers.information import InformationNeed
from .registers.processes import Process, Step
from .registers.quality import Improvement, Review
from .registers.roles import Activity, Assignment
from .registers.strategy import GoalMapping, StrategicGoal, StrategySheet
from .registers.technology import Interface, System

__all__ = [
    "Acceptance",
    "Action",
    "Activity",
    "Assignment",
    "AgendaOutcome",
    "Agreement",
    "Contribution",
    "CultureBridge",
    "CultureProfile",
    "ExpectedValue",
    "GoalMapping",
    "Improvement",
    "InformationNeed",
    "Interface",
    "Process",
    "Review",
    "SharedGoal",
    "StrategicGoal",
    "StrategySheet",
    "Step",
    "System",
]
