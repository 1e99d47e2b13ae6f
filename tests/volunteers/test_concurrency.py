"""Nothing lost or counted twice: people taking the last places at once never overfill a shift."""

import threading
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from tests.volunteers.factories import ShiftFactory, VolunteerFactory, VolunteerRoleFactory
from volunteers import services
from volunteers.models import ShiftAssignment


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_for_the_last_places_do_not_overfill(monkeypatch):
    # An earlier transactional test may have flushed the tables: content type ids changed,
    # and the audit entries written by the threads must not use stale cached ones.
    ContentType.objects.clear_cache()
    role = VolunteerRoleFactory()
    shift = ShiftFactory(needs={role: 2})
    volunteers = [VolunteerFactory(roles=[role]) for _ in range(5)]
    real_check = services.missing_trainings

    def slow_check(**kwargs):
        # Widen the window between "is a place free?" and "take it" so an unlocked
        # implementation would let every thread through.
        time.sleep(0.3)
        return real_check(**kwargs)

    monkeypatch.setattr(services, "missing_trainings", slow_check)
    barrier = threading.Barrier(len(volunteers))
    outcomes: list[str] = []

    def take(volunteer):
        try:
            barrier.wait()
            services.assign(shift=shift, volunteer=volunteer, role=role, actor=None)
            outcomes.append("taken")
        except services.ShiftError:
            outcomes.append("full")
        except Exception as error:  # noqa: BLE001 - reported through the assertion below
            outcomes.append(f"error: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "full", "full", "taken", "taken"]
    assert ShiftAssignment.objects.filter(shift=shift).count() == 2


@pytest.mark.django_db
def test_the_same_volunteer_twice_is_refused():
    role = VolunteerRoleFactory()
    shift = ShiftFactory(needs={role: 3})
    volunteer = VolunteerFactory(roles=[role])
    services.assign(shift=shift, volunteer=volunteer, role=role, actor=None)
    with pytest.raises(services.ShiftError):
        services.assign(shift=shift, volunteer=volunteer, role=role, actor=None)
    assert ShiftAssignment.objects.count() == 1
