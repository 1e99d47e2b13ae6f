"""The USB status document's capability (issue 18): coordinators and managers edit the
strategic targets and draft the status texts and the summary. See core/roles.py."""

from django.db import migrations

# Frozen copy: a migration must not change when core/roles.py changes later.
ROLE_CAPABILITIES = {
    "Koordinatorer": ["draft_usb_status"],
    "Ledere": ["draft_usb_status"],
}
DESCRIPTIONS = {
    "draft_usb_status": (
        "Edit the strategic targets and sub-goals, draft the status texts and the summary for USB"
    ),
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
    dependencies = [("core", "0004_job_heartbeat")]

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
                    (
                        "collect_feedback",
                        "Set up and revoke feedback kiosks, type in paper survey forms",
                    ),
                    (
                        "manage_feedback",
                        "Define surveys, review visitors' texts, record meetings with visitors",
                    ),
                    ("view_feedback", "See feedback and survey results"),
                    *DESCRIPTIONS.items(),
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
