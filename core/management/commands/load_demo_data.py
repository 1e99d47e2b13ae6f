"""Add clearly fictitious demo data: a user per role, volunteers, shifts and tallies."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.registry import app_modules


class Command(BaseCommand):
    help = (
        "Add fictitious demo data and a demo user for each role. Refuses to run with DEBUG "
        "off unless given --force. Running it again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument("--seed", type=int, default=2021, help="Random seed (default 2021).")

    def handle(self, *args, force=False, seed=2021, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Demo data is fictitious; "
                "use --force if you really want it here."
            )
        rng = random.Random(seed)
        for module in app_modules("demo"):
            with transaction.atomic():
                module.load(stdout=self.stdout, style=self.style, rng=rng)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
