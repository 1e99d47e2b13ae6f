"""Create the four role groups and grant each its capabilities (see core/roles.py)."""

from django.db import migrations

# Frozen copy: a migration must not change when core/roles.py changes later.
ROLE_CAPABILITIES = {
    "Personale": ["log_tallies", "view_operations"],
    "Koordinatorer": [
        "log_tallies",
        "view_operations",
        "manage_sites",
        "manage_volunteers",
        "view_volunteers",
        "manage_partners",
        "manage_plan",
        "view_audit",
    ],
    "Frivillige": ["volunteer_self_service"],
    "Ledere": ["view_operations", "view_volunteers", "export_reports", "view_audit"],
}
DESCRIPTIONS = {
    "log_tallies": "Log and correct anonymous tallies",
    "view_operations": "See schedules, rosters, visit figures, the partner directory and the plan",
    "manage_sites": "Edit sites, opening hours, closures and extra openings",
    "manage_volunteers": "Edit volunteers, training, shifts and rosters",
    "view_volunteers": "See the volunteer registry and volunteer hours",
    "manage_partners": "Edit partners, contacts, agreements and sessions",
    "manage_plan": "Edit the action plan and strategic targets",
    "export_reports": "Export period reports for USB",
    "view_audit": "See the audit history",
    "volunteer_self_service": "See own shifts and profile, sign up",
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="capability")
    permissions = {
        code: Permission.objects.get_or_create(
            content_type=content_type, codename=code, defaults={"name": DESCRIPTIONS[code]}
        )[0]
        for code in DESCRIPTIONS
    }
    for role, codes in ROLE_CAPABILITIES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(permissions[c] for c in codes))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_CAPABILITIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
