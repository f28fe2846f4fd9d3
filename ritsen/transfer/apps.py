from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "ritsen.transfer"
    label = "transfer"
    verbose_name = _("Transfer")

    def ready(self) -> None:
        from ritsen.collaborations.access import Perm
        from ritsen.collaborations.home import Action, register_action

        register_action(
            Action(
                "export",
                _("Export (JSON)"),
                "transfer:export",
                order=90,
                perm=Perm.DOWNLOAD_FULL_FILE,
                download=True,
            )
        )
