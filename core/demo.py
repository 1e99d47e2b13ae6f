"""Demo users, one per role, printed so a new user can log in straight away."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import Role

DEMO_PASSWORD = "varmestue-demo"  # noqa: S105 - fictitious demo accounts, refused in production

DEMO_USERS = [
    # username, first name, last name, role (None: superuser)
    ("personale", "Pia", "Personale (demo)", Role.STAFF),
    ("koordinator", "Karl", "Koordinator (demo)", Role.COORDINATOR),
    ("frivillig", "Frida", "Frivillig (demo)", Role.VOLUNTEER),
    ("leder", "Lene", "Leder (demo)", Role.MANAGER),
    ("admin", "Ada", "Administrator (demo)", None),
]


def load(*, stdout, style, rng) -> None:
    User = get_user_model()
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "is_staff": role is None,
                "is_superuser": role is None,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role is not None:
            user.groups.add(Group.objects.get(name=role.value))
        label = role.label if role else "superuser"
        stdout.write(f"  {username:<12} {label}")
    stdout.write(two_factor_notice())


def two_factor_notice() -> str:
    """What the demo logins need beside the password, as the settings have it."""
    if settings.TWO_FACTOR_REQUIRED:
        return (
            "Two-factor login is ON here (TWO_FACTOR_REQUIRED): koordinator, leder and admin "
            "set up an authenticator app at their first login."
        )
    return (
        "Two-factor login is OFF here (TWO_FACTOR_REQUIRED is off, as always with DEBUG on): "
        "the demo logins need the password only. In production it is required for "
        "coordinators, managers and superusers."
    )
