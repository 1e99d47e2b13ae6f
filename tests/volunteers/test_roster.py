"""The roster: gaps, assigning and unassigning, training warnings, hours, partner sessions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.registry import SitePresence
from tests.sites.factories import SiteFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    TrainingTopicFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers import roster, services
from volunteers.models import Shift, ShiftAssignment

pytestmark = pytest.mark.django_db


def _roster_url(shift, view="week"):
    day = timezone.localdate(shift.starts)
    return f"{reverse('volunteers:roster')}?site={shift.site_id}&view={view}&date={day}"


def _gaps(shift):
    with translation.override("en"):
        return roster.shift_gaps(Shift.objects.with_roster().get(pk=shift.pk))


def test_it_lists_unfilled_roles_missing_key_holder_and_staff():
    host = VolunteerRoleFactory(name="Social host")
    shift = ShiftFactory(needs={host: 2}, key_holder_required=True, staff_required=True)
    ShiftAssignmentFactory(shift=shift, role=host, volunteer=VolunteerFactory(is_key_holder=False))
    gaps = _gaps(shift)
    assert "1 × Social host missing" in gaps
    assert "No key holder" in gaps
    assert "No staff member" in gaps


def test_a_fully_staffed_shift_has_no_gaps(staff_user):
    host = VolunteerRoleFactory()
    shift = ShiftFactory(
        needs={host: 1}, key_holder_required=True, staff_required=True, staff_member=staff_user
    )
    ShiftAssignmentFactory(shift=shift, role=host, volunteer=VolunteerFactory(is_key_holder=True))
    assert _gaps(shift) == []


def test_staff_see_the_week_with_gaps_but_no_assign_form(staff_client):
    host = VolunteerRoleFactory(name="Social host")
    shift = ShiftFactory(needs={host: 1})
    response = staff_client.get(_roster_url(shift), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "1 × Social host missing" in response.text
    assert "vs-shift-gap" in response.text
    assert reverse("volunteers:assign", args=[shift.pk]) not in response.text


def test_coordinators_see_assign_forms_in_the_week_view_only(coordinator_client):
    shift = ShiftFactory(needs={VolunteerRoleFactory(): 1})
    week = coordinator_client.get(_roster_url(shift))
    month = coordinator_client.get(_roster_url(shift, "month"))
    assert reverse("volunteers:assign", args=[shift.pk]) in week.text
    assert reverse("volunteers:assign", args=[shift.pk]) not in month.text
    assert f'id="shift-{shift.pk}"' in month.text


def test_roster_shows_hours_per_volunteer(coordinator_client):
    role = VolunteerRoleFactory()
    volunteer = VolunteerFactory(first_name="Hilde", last_name="Hours")
    site = SiteFactory()
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    days = (monday - timezone.localdate()).days
    for day in (days, days + 1):
        shift = ShiftFactory(site=site, starts=at(day, 9), ends=at(day, 12, 30), needs={role: 1})
        ShiftAssignmentFactory(shift=shift, role=role, volunteer=volunteer)
    response = coordinator_client.get(_roster_url(shift))
    row = response.text.split("Hilde Hours</th>")[1].split("</tr>")[0]
    assert "<td>2</td>" in row
    assert "<td>7</td>" in row


def test_roster_queries_do_not_grow_with_shifts(coordinator_client, django_assert_max_num_queries):
    role = VolunteerRoleFactory()
    first = ShiftFactory(needs={role: 3})
    for hour in (9, 13, 17):
        for day in range(5):
            shift = ShiftFactory(
                site=first.site,
                starts=at(7 + day, hour),
                ends=at(7 + day, hour + 3),
                needs={role: 3},
            )
            ShiftAssignmentFactory(shift=shift, role=role)
    with django_assert_max_num_queries(20):
        response = coordinator_client.get(_roster_url(first))
    assert response.status_code == 200


def test_partner_sessions_show_beside_the_roster(coordinator_client, monkeypatch):
    shift = ShiftFactory(needs={VolunteerRoleFactory(): 1})

    def fake_presence(*, site_ids, start, end):
        return [
            SitePresence(
                site_id=shift.site_id,
                title="Street nurse visit",
                starts=shift.starts,
                ends=shift.ends,
            )
        ]

    monkeypatch.setattr(roster, "site_presence", fake_presence)
    response = coordinator_client.get(_roster_url(shift))
    assert "Street nurse visit" in response.text


def test_a_coordinator_assigns_and_unassigns_without_js(coordinator_client):
    role = VolunteerRoleFactory()
    volunteer = VolunteerFactory(roles=[role])
    shift = ShiftFactory(needs={role: 1})
    back = _roster_url(shift)
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": volunteer.pk, "role": role.pk, "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    assignment = ShiftAssignment.objects.get(shift=shift)
    assert assignment.volunteer == volunteer
    coordinator_client.post(reverse("volunteers:unassign", args=[assignment.pk]), {"next": back})
    assert not ShiftAssignment.objects.filter(shift=shift).exists()


def test_htmx_assign_returns_the_shift_card(coordinator_client):
    role = VolunteerRoleFactory()
    volunteer = VolunteerFactory(roles=[role], first_name="Hanne", last_name="Htmx")
    shift = ShiftFactory(needs={role: 1})
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": volunteer.pk, "role": role.pk},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<article")
    assert "Hanne Htmx" in response.text
    assert "Fully staffed" in response.text


def test_assigning_someone_without_the_training_warns_but_assigns(coordinator_client):
    first_aid = TrainingTopicFactory(name="First aid and naloxone")
    role = VolunteerRoleFactory(name="Host", required_training=first_aid)
    volunteer = VolunteerFactory(roles=[role], first_name="Uffe", last_name="Untrained")
    shift = ShiftFactory(needs={role: 1})
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": volunteer.pk, "role": role.pk},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert ShiftAssignment.objects.filter(shift=shift, volunteer=volunteer).exists()
    assert "has not had the training “First aid and naloxone”" in response.text


def test_no_training_warning_once_the_training_is_attended():
    first_aid = TrainingTopicFactory()
    role = VolunteerRoleFactory(required_training=first_aid)
    volunteer = VolunteerFactory(roles=[role])
    TrainingSessionFactory(topic=first_aid, attendees=[volunteer])
    shift = ShiftFactory(needs={role: 1})
    result = services.assign(shift=shift, volunteer=volunteer, role=role, actor=None)
    assert result.warnings == []


def test_a_key_holder_without_key_holder_training_gets_a_warning():
    TrainingTopicFactory(name="Opening and closing", required_for_key_holders=True)
    role = VolunteerRoleFactory()
    volunteer = VolunteerFactory(roles=[role], is_key_holder=True)
    shift = ShiftFactory(needs={role: 1}, key_holder_required=True)
    result = services.assign(shift=shift, volunteer=volunteer, role=role, actor=None)
    assert any("Opening and closing" in w for w in result.warnings)


def test_a_full_role_cannot_be_overfilled(coordinator_client):
    role = VolunteerRoleFactory()
    shift = ShiftFactory(needs={role: 1})
    ShiftAssignmentFactory(shift=shift, role=role)
    late = VolunteerFactory(roles=[role])
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": late.pk, "role": role.pk},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert ShiftAssignment.objects.filter(shift=shift).count() == 1
    assert "All places as" in response.text


def test_assign_with_bad_input_saves_nothing(coordinator_client):
    shift = ShiftFactory(needs={VolunteerRoleFactory(): 1})
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]), {"volunteer": "x", "role": ""}, follow=True
    )
    assert response.status_code == 200
    assert not ShiftAssignment.objects.exists()


def test_staff_cannot_assign(staff_client):
    role = VolunteerRoleFactory()
    shift = ShiftFactory(needs={role: 1})
    volunteer = VolunteerFactory(roles=[role])
    response = staff_client.post(
        reverse("volunteers:assign", args=[shift.pk]), {"volunteer": volunteer.pk, "role": role.pk}
    )
    assert response.status_code == 403
    assert not ShiftAssignment.objects.exists()


def test_period_for_week_and_month():
    day = datetime.date(2026, 2, 11)  # a Wednesday
    assert roster.period_for("week", day) == (datetime.date(2026, 2, 9), datetime.date(2026, 2, 15))
    assert roster.period_for("month", day) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )


def _all_sites(client, query: str) -> str:
    response = client.get(f"{reverse('volunteers:roster')}?{query}")
    assert response.status_code == 200
    return response.text


def test_every_site_at_a_glance_with_gaps_and_filters(coordinator_client):
    host, cook = VolunteerRoleFactory(name="Social vært"), VolunteerRoleFactory(name="Kok")
    korsoer, skaelskoer = SiteFactory(name="Korsør Pavillon"), SiteFactory(name="Skælskør Hus")
    full = ShiftFactory(site=korsoer, starts=at(7, 9), needs={host: 1})
    ShiftAssignmentFactory(shift=full, role=host, volunteer=VolunteerFactory(first_name="Rita"))
    gap = ShiftFactory(site=skaelskoer, starts=at(7, 12), needs={cook: 2})
    day = timezone.localdate(full.starts)
    # No site chosen: every site, each card naming its site; the gap highlighted.
    page = _all_sites(coordinator_client, f"view=month&date={day}")
    assert "Vagtplan: alle steder" in page
    assert "Korsør Pavillon" in page and "Skælskør Hus" in page and "Rita" in page
    assert f'id="shift-{gap.pk}"' in page and f'id="shift-{full.pk}"' in page
    card = page.split(f'id="shift-{gap.pk}"')[0].rsplit("<article", 1)[1]
    assert "vs-shift-gap" in card
    assert "2 vagter" in page and "1 med huller" in page
    # The week too, with "all" as the explicit choice.
    week = _all_sites(coordinator_client, f"site=all&view=week&date={day}")
    assert f'id="shift-{gap.pk}"' in week and f'id="shift-{full.pk}"' in week
    # Filter by role: only the shifts that need it.
    cooks = _all_sites(coordinator_client, f"site=all&role={cook.pk}&view=month&date={day}")
    assert f'id="shift-{gap.pk}"' in cooks and f'id="shift-{full.pk}"' not in cooks
    # Filter by site.
    one = _all_sites(coordinator_client, f"site={korsoer.pk}&view=month&date={day}")
    assert f'id="shift-{full.pk}"' in one and f'id="shift-{gap.pk}"' not in one
    assert "Vagtplan: Korsør Pavillon" in one


@pytest.mark.parametrize("query", ["site=abc&role=x", "site=99999&role=99999", "date=2025-13-40"])
def test_bad_filters_show_every_site_instead_of_failing(coordinator_client, query):
    shift = ShiftFactory(starts=at(1, 9))
    page = _all_sites(
        coordinator_client, f"{query}&view=week&date={timezone.localdate(shift.starts)}"
    )
    assert "alle steder" in page


def test_the_period_links_keep_the_filters(coordinator_client):
    role = VolunteerRoleFactory(name="Kok")
    ShiftFactory(starts=at(1, 9), needs={role: 1})
    page = _all_sites(coordinator_client, f"site=all&role={role.pk}&view=week")
    assert f"?site=all&amp;role={role.pk}&amp;view=week&amp;date=" in page
