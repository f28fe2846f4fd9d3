from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ritsen.core.translations import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile the .po message catalogues into .mo files (pure Python, so no GNU gettext "
        "is needed to install Ritsen). `makemessages` still needs gettext."
    )
    requires_system_checks = []

    def handle(self, *args: object, **options: object) -> None:
        for line in compile_catalogues(Path(path) for path in settings.LOCALE_PATHS):
            self.stdout.write(line)
