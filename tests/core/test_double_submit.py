"""No double submission on any create form (core/submission.py): every create page found
from the URLconf, and the function views that create, posted twice with the same one-time
token, make one row, and the repeat is sent to the first result; on PostgreSQL also when
the two posts are at the same time."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import ForeignKey
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from core import submission
from core.formpage import FormPageMixin
from core.models import FormSubmission
from core.submission import TOKEN_FIELD
from tests.core.formwalk import create_views, factories, form_data, model_of

# The create forms the issue found making two rows (issue 24); each must be walked below.
ISSUE_FORMS = {
    "volunteers:volunteer_create",
    "volunteers:shift_create",
    "sites:closure_create",
    "partners:contact_create",
    "partners:agreement_create",
    "volunteers:training_create",
    "volunteers:template_create",
}

_AT = datetime.datetime(2026, 11, 2, 18, tzinfo=datetime.UTC)
# What the factory must be given for a valid form: its keyword arguments.
STATE = {
    "sites:extra_create": {"starts": _AT, "ends": _AT + datetime.timedelta(hours=12)},
    "volunteers:shift_create": {"outside_hours_reason": "Ekstra vagt"},
    "sites:takeover_create": {"starts_on": _AT.date()},
}
# A form field that is not the model's value as is: the text a person types.
TYPED = {"feedback:question_create": {"choices": [""]}}


def _qualified(pattern, view):
    return f"{view.__module__.split('.')[0]}:{pattern.name}"


def _all():
    return [
        pytest.param(pattern, view, id=_qualified(pattern, view))
        for _, pattern, view in create_views()
    ]


def _task_form(client):
    """The plan's new task page (a function view), filled in."""
    from planning.models import Task
    from tests.planning.factories import WorkstreamFactory

    workstream = WorkstreamFactory()
    url = reverse("planning:task_create", args=[workstream.plan_id])
    data = form_data(client.get(url).content.decode())
    data.update(
        workstream=[str(workstream.pk)],
        title=["Uddel flyers"],
        start_quarter=["2021-Q3"],
        end_quarter=["2021-Q4"],
    )
    return url, data, Task


def _note_form(client):
    """A task's progress note, added on the task's page (a function view)."""
    from planning.models import ProgressNote
    from tests.planning.factories import TaskFactory

    task = TaskFactory()
    data = form_data(client.get(reverse("planning:task_detail", args=[task.pk])).content.decode())
    data.update(date=["2026-12-01"], text=["Flyers delt ud"])
    return reverse("planning:add_note", args=[task.pk]), data, ProgressNote


def _filled(pattern, view):
    def fill(client):
        return (*_filled_form(view, pattern, client), model_of(view))

    return fill


def _every_create_form():
    """Every create page in the URLconf, and the function views that create."""
    return [
        *(
            pytest.param(_filled(pattern, view), id=_qualified(pattern, view))
            for _, pattern, view in create_views()
        ),
        pytest.param(_task_form, id="planning:task_create"),
        pytest.param(_note_form, id="planning:add_note"),
    ]


def test_the_walk_finds_every_create_form_the_issue_names():
    found = {_qualified(p, v) for _, p, v in create_views()}
    assert found >= ISSUE_FORMS, sorted(ISSUE_FORMS - found)


@pytest.mark.parametrize(("pattern", "view"), _all())
def test_every_create_page_uses_the_one_form_pattern(pattern, view):
    assert issubclass(view, FormPageMixin), f"{pattern.name}: a create page must use FormPageMixin"


def _parent(instance, prefix):
    """The object a create URL's <prefix_pk> or <slug> names: a foreign key of the new one."""
    for model_field in type(instance)._meta.get_fields():
        if not isinstance(model_field, ForeignKey):
            continue
        related = model_field.related_model._meta.model_name
        if prefix in (model_field.name, related) or related.startswith(prefix):
            return getattr(instance, model_field.name)
    raise LookupError(f"no foreign key of {type(instance).__name__} for <{prefix}>")


def _create_kwargs(pattern, instance):
    kwargs = {}
    for name in pattern.pattern.converters:
        if name == "slug":
            kwargs[name] = next(
                getattr(instance, f.name).slug
                for f in type(instance)._meta.get_fields()
                if isinstance(f, ForeignKey) and hasattr(f.related_model, "slug")
            )
        elif name.endswith("_pk"):
            kwargs[name] = _parent(instance, name[:-3]).pk
        else:
            raise LookupError(f"no value for <{name}> of {pattern.name}")
    return kwargs


def _filled_form(view, pattern, client):
    """(address, data): the create page's form filled in with a factory's object, as a
    browser would post it, the object itself deleted again so that its values are free."""
    model = model_of(view)
    made = factories()
    instance = made[model](**STATE.get(_qualified(pattern, view), {}))
    # A form may require one of a many-to-many (a survey's sites and questions).
    for relation in model._meta.many_to_many:
        related = getattr(instance, relation.name)
        if not related.exists() and relation.related_model in made:
            related.add(made[relation.related_model]())
    url = reverse(_qualified(pattern, view), kwargs=_create_kwargs(pattern, instance))
    page = client.get(url)
    assert page.status_code == 200, url
    data = form_data(page.content.decode())
    assert data.get(TOKEN_FIELD), f"{url}: the form carries no one-time token"

    form = page.context["form"]
    values = model_to_dict(instance, fields=[n for n in form.fields if n != TOKEN_FIELD])
    form.initial.update(values)
    form._bound_fields_cache.clear()
    data.update(form_data(f'<main><form method="post">{form}</form></main>'))
    data.update(TYPED.get(_qualified(pattern, view), {}))
    instance.delete()
    return url, data


@pytest.mark.django_db
@pytest.mark.parametrize("fill", _every_create_form())
def test_a_form_sent_twice_makes_one_row(fill, superuser, client):
    client.force_login(superuser)
    url, data, model = fill(client)
    assert data.get(TOKEN_FIELD), f"{url}: the form carries no one-time token"
    before = model._default_manager.count()

    first = client.post(url, data)
    assert first.status_code == 302, (url, first.context and first.context["form"].errors)
    assert model._default_manager.count() == before + 1
    again = client.post(url, data)
    assert again.status_code == 302
    assert again["Location"] == first["Location"], "the repeat is not sent to the first result"
    assert model._default_manager.count() == before + 1, f"{url}: the repeat made a second row"
    shown = client.get(again["Location"], follow=True).content.decode()
    assert "allerede sendt" in shown


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fill", _every_create_form())
def test_a_form_sent_twice_at_once_makes_one_row(fill, superuser, monkeypatch):
    """The first post holds its claim until the second waits on the token's unique index,
    then both finish: one row, and both are sent to it."""
    setup = Client()
    setup.force_login(superuser)
    url, data, model = fill(setup)
    before = model._default_manager.count()

    reached, release = threading.Event(), threading.Event()
    record = submission.record

    def held_record(claimed, *, url):
        if threading.current_thread().name == "first":
            reached.set()
            release.wait(20)
        record(claimed, url=url)

    monkeypatch.setattr(submission, "record", held_record)
    answers = {}

    def post(name):
        client = Client()
        client.force_login(superuser)
        try:
            answers[name] = client.post(url, data)
        finally:
            connection.close()

    first = threading.Thread(target=post, args=("first",), name="first")
    second = threading.Thread(target=post, args=("second",), name="second")
    first.start()
    assert reached.wait(20), "the first post never reached its save"
    second.start()
    try:
        _wait_for_a_lock_wait()
    finally:
        release.set()
        first.join(30)
        second.join(30)
    assert answers["first"].status_code == 302, url
    assert answers["second"].status_code == 302, url
    assert answers["second"]["Location"] == answers["first"]["Location"]
    assert model._default_manager.count() == before + 1, f"{url}: two at once made two rows"
    assert FormSubmission.objects.count() == 1


def _wait_for_a_lock_wait():
    """Until a backend waits for a lock (the second post on the token's unique index)."""
    for _ in range(400):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
        threading.Event().wait(0.05)
    raise AssertionError("the second post never waited for the first one's claim")


def test_a_failed_save_leaves_the_token_usable(superuser, client, db):
    """A form refused by validation claims nothing: corrected, the same token saves once."""
    from volunteers.models import TrainingTopic

    client.force_login(superuser)
    url = reverse("volunteers:topic_create")
    data = form_data(client.get(url).content.decode())
    refused = client.post(url, {**data, "name": "", "code": "forstehjaelp"})
    assert refused.status_code == 200
    assert not FormSubmission.objects.exists()
    corrected = form_data(refused.content.decode())
    assert corrected[TOKEN_FIELD] == data[TOKEN_FIELD]
    corrected["name"] = ["Førstehjælp"]
    saved = client.post(url, corrected)
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    assert client.post(url, corrected)["Location"] == saved["Location"]
    assert TrainingTopic.objects.filter(code="forstehjaelp").count() == 1


def test_a_post_without_a_token_is_saved_unguarded(superuser, client, db):
    from volunteers.models import TrainingTopic

    client.force_login(superuser)
    response = client.post(
        reverse("volunteers:topic_create"), {"name": "Førstehjælp", "code": "forstehjaelp"}
    )
    assert response.status_code == 302
    assert TrainingTopic.objects.filter(name="Førstehjælp").count() == 1
    assert not FormSubmission.objects.exists()


def test_another_users_token_shows_nothing_of_theirs(superuser, coordinator_user, client, db):
    from volunteers.models import TrainingTopic

    client.force_login(superuser)
    url = reverse("volunteers:topic_create")
    data = {
        **form_data(client.get(url).content.decode()),
        "name": ["Førstehjælp"],
        "code": ["forstehjaelp"],
    }
    assert client.post(url, data).status_code == 302
    client.force_login(coordinator_user)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url
    assert TrainingTopic.objects.filter(name="Førstehjælp").count() == 1
