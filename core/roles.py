"""The four roles and what each may do, in one place.

A role is a Django group. What a role may do is a set of *capabilities*: permissions
on the unmanaged `core.Capability` model, granted to the groups by a data migration.
Views ask for a capability (`core.permissions`), never for a group name, so a superuser
passes every check and a role can be widened by editing this table and migrating.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "Personale", _("Staff")
    COORDINATOR = "Koordinatorer", _("Coordinators")
    VOLUNTEER = "Frivillige", _("Volunteers")
    MANAGER = "Ledere", _("Managers")


# codename -> (description, roles that have it)
CAPABILITIES: dict[str, tuple[str, tuple[Role, ...]]] = {
    "log_tallies": (
        "Log and correct anonymous tallies; see the exact day figures of the sites",
        (Role.STAFF, Role.COORDINATOR),
    ),
    # No visit figures: exact counts come with log_tallies, published ones with export_reports.
    "view_operations": (
        "See sites and hours, rosters, the partner directory, the plan and targets, the "
        "visitors' voice; no visit figures",
        (Role.STAFF, Role.COORDINATOR, Role.MANAGER),
    ),
    "manage_sites": ("Edit sites, opening hours, closures and extra openings", (Role.COORDINATOR,)),
    "manage_volunteers": ("Edit volunteers, training, shifts and rosters", (Role.COORDINATOR,)),
    "view_volunteers": (
        "See the volunteer registry and volunteer hours",
        (Role.COORDINATOR, Role.MANAGER),
    ),
    "manage_partners": ("Edit partners, contacts, agreements and sessions", (Role.COORDINATOR,)),
    "manage_plan": ("Edit the action plan and strategic targets", (Role.COORDINATOR,)),
    "export_reports": ("Export period reports for USB", (Role.MANAGER,)),
    "view_audit": ("See the audit history", (Role.COORDINATOR, Role.MANAGER)),
    "volunteer_self_service": ("See own shifts and profile, sign up", (Role.VOLUNTEER,)),
    "collect_feedback": (
        "Set up and revoke feedback kiosks, type in paper survey forms",
        (Role.STAFF, Role.COORDINATOR),
    ),
    "manage_feedback": (
        "Define surveys, review visitors' texts, record meetings with visitors",
        (Role.COORDINATOR,),
    ),
    "view_feedback": ("See feedback and survey results", (Role.COORDINATOR, Role.MANAGER)),
    "draft_usb_status": (
        "Edit the strategic targets and sub-goals, draft the status texts and the summary for USB",
        (Role.COORDINATOR, Role.MANAGER),
    ),
}


def user_roles(user) -> list[Role]:
    """The roles a user holds, in the order of `Role`."""
    if not user.is_authenticated:
        return []
    names = {g.name for g in user.groups.all()}
    return [role for role in Role if role.value in names]


def ensure_role_groups() -> None:
    """Create any missing role group and grant it its capabilities (idempotent).

    The data migration creates them in every real database; this restores them where
    they were wiped, as a test database is after a transactional test's flush.
    """
    from django.contrib.auth.models import Group, Permission

    permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="core", codename__in=CAPABILITIES
        )
    }
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = [permissions[c] for c, (_d, roles) in CAPABILITIES.items() if role in roles]
        group.permissions.add(*wanted)
