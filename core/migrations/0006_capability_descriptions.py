"""The capabilities' descriptions say what they grant (issue 16): exact visit figures come
with log_tallies only, so view_operations no longer mentions them. See core/roles.py."""

from django.db import migrations

# Frozen copy: a migration must not change when core/roles.py changes later.
DESCRIPTIONS = {
    "log_tallies": "Log and correct anonymous tallies; see the exact day figures of the sites",
    "view_operations": (
        "See sites and hours, rosters, the partner directory, the plan and targets, the "
        "visitors' voice; no visit figures"
    ),
}
BEFORE = {
    "log_tallies": "Log and correct anonymous tallies",
    "view_operations": "See schedules, rosters, visit figures, the partner directory and the plan",
}


def rename(names):
    def run(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        for code, name in names.items():
            Permission.objects.filter(content_type__app_label="core", codename=code).update(
                name=name
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_usb_status_capability"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="capability",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    (
                        "log_tallies",
                        "Log and correct anonymous tallies; see the exact day figures of the sites",
                    ),
                    (
                        "view_operations",
                        "See sites and hours, rosters, the partner directory, the plan and targets, the visitors' voice; no visit figures",
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
                    (
                        "draft_usb_status",
                        "Edit the strategic targets and sub-goals, draft the status texts and the summary for USB",
                    ),
                ],
            },
        ),
        migrations.RunPython(rename(DESCRIPTIONS), rename(BEFORE)),
    ]
