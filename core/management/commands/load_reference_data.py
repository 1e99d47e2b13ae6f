"""Load the real reference data from the seed documents; safe to run again in production."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import app_modules


class Command(BaseCommand):
    help = (
        "Load the reference data from the seed documents (sites, partners, tally categories, "
        "the 2021 action plan). Running it again never duplicates and never overwrites edits."
    )

    def handle(self, *args, **options):
        for module in app_modules("reference"):
            with transaction.atomic():
                module.load(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
