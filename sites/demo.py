"""Demo data for operators: a Kirkens Korshær staff member, scoped to Korshær's sites."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.demo import DEMO_PASSWORD
from core.roles import Role
from sites.models import Operator, UserScope

USERNAME = "korshaer"


def load(*, stdout, style, rng) -> None:
    operator = Operator.objects.filter(slug="kirkens-korshaer").first()
    if operator is None:  # the reference data was not loaded
        return
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME,
        defaults={
            "first_name": "Kirsten",
            "last_name": "Korshær (demo)",
            "email": f"{USERNAME}@demo.invalid",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.STAFF.value))
    UserScope.objects.get_or_create(user=user, operator=operator)
    stdout.write(f"  {USERNAME:<12} {Role.STAFF.label}, {operator.name} only")
