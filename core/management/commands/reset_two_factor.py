"""Remove a user's second factor when they lost their phone (docs/security.md)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.twofactor import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's two-factor login (a lost phone), recorded in the audit history; "
        "their next login asks for the password only."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if reset_two_factor(user, actor=None):
            self.stdout.write(self.style.SUCCESS(f"Two-factor login removed for {username}."))
        else:
            self.stdout.write(f"{username} had no two-factor login; nothing changed.")
