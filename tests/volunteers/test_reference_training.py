"""The seeds name the trainings but not which key holders need (issue 18): the reference
data's requirement is marked to be confirmed, shown and editable."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.dom import parse
from volunteers.models import TrainingTopic

pytestmark = pytest.mark.django_db


def test_the_key_holder_requirements_are_to_be_confirmed(coordinator_client):
    call_command("load_reference_data", stdout=io.StringIO())
    topics = TrainingTopic.objects.all()
    assert topics.count() == 6
    assert all(t.key_holder_requirement_to_be_confirmed for t in topics)
    assert set(topics.filter(required_for_key_holders=True).values_list("code", flat=True)) == {
        "introduction",
        "first-aid-naloxone",
        "key-holder",
    }
    key = topics.get(code="key-holder")
    listed = parse(coordinator_client.get(reverse("volunteers:role_list")).content)
    badges = listed.select(".vs-tbc-key-holders")
    assert len(badges) == 6
    assert badges[0].text == "krav til nøglebærere afventer bekræftelse"
    edit = parse(coordinator_client.get(reverse("volunteers:topic_update", args=[key.pk])).content)
    assert "checked" in edit.one("input[name=key_holder_requirement_to_be_confirmed]").attrs
    TrainingTopic.objects.filter(pk=key.pk).update(key_holder_requirement_to_be_confirmed=False)
    call_command("load_reference_data", stdout=io.StringIO())
    key.refresh_from_db()
    assert not key.key_holder_requirement_to_be_confirmed  # a confirmation is kept
