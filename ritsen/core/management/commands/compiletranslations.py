from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the .po message catalogues into .mo files (pure Python, so no GNU gettext "
        "is needed to install Ritsen). `makemessages` still needs gettext."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                self.stdout.write(
                    f"{po_path.relative_to(locale_dir)}: {catalogue.percent_translated()}% "
                    "translated",
                )
        self.stdout.write(self.style.SUCCESS(f"Compiled {count} catalogue(s)."))
