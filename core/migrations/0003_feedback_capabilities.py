"""The feedback app's capabilities (issue 21): kiosks and paper forms, surveys and review,
results. Granted to the role groups here; see core/roles.py."""

from django.db import migrations

# Frozen copy: a migration must not change when core/roles.py changes later.
ROLE_CAPABILITIES = {
    "Personale": ["collect_feedback"],
    "Koordinatorer": ["collect_feedback", "manage_feedback", "view_feedback"],
    "Ledere": ["view_feedback"],
}
DESCRIPTIONS = {
    "collect_feedback": "Set up and revoke feedback kiosks, type in paper survey forms",
    "manage_feedback": "Define surveys, review visitors' texts, record meetings with visitors",
    "view_feedback": "See feedback and survey results",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="capability")
    permissions = {
        code: Permission.objects.get_or_create(
            content_type=content_type, codename=code, defaults={"name": description}
        )[0]
        for code, description in DESCRIPTIONS.items()
    }
    for role, codes in ROLE_CAPABILITIES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(permissions[c] for c in codes))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="core", codename__in=DESCRIPTIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_roles")]

    operations = [
        migrations.AlterModelOptions(
            name="capability",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    ("log_tallies", "Log and correct anonymous tallies"),
                    (
                        "view_operations",
                        "See schedules, rosters, visit figures, the partner directory and the plan",
                    ),
                    ("manage_sites", "Edit sites, opening hours, closures and extra openings"),
                    ("manage_volunteers", "Edit volunteers, training, shifts and rosters"),
                    ("view_volunteers", "See the volunteer registry and volunteer hours"),
                    ("manage_partners", "Edit partners, contacts, agreements and sessions"),
                    ("manage_plan", "Edit the action plan and strategic targets"),
                    ("export_reports", "Export period reports for USB"),
                    ("view_audit", "See the audit history"),
                    ("volunteer_self_service", "See own shifts and profile, sign up"),
                    *DESCRIPTIONS.items(),
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
