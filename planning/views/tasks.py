"""A task: its page, in-place and full editing, progress notes."""

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import submission
from core.audit import history_for
from core.permissions import capability_required, has_capability
from core.registry import record_links
from planning import selectors, services
from planning.forms import ProgressNoteForm, TaskForm, TaskQuickForm
from planning.models import Plan, ProgressNote, Task, Workstream


def _task(pk: int) -> Task:
    return get_object_or_404(Task.objects.select_related("workstream__plan"), pk=pk)


def _timeline_anchor(task: Task) -> str:
    return f"{reverse('planning:timeline')}?plan={task.workstream.plan_id}#task-{task.pk}"


def _row_context(request: HttpRequest, task: Task) -> dict:
    """A row swapped back in after an in-place edit is saved or cancelled."""
    timeline = selectors.timeline(task.workstream.plan, task=task)
    return {
        "timeline": timeline,
        "row": timeline.rows[0],
        "can_edit": has_capability(request.user, "manage_plan"),
        # The focused form is gone: the row's edit link takes the focus (htmx honours
        # autofocus in swapped content), so keyboard users keep their place.
        "return_focus": True,
    }


def _field_label(name: str) -> str:
    if name == "progress_note":
        return capfirst(ProgressNote._meta.verbose_name)
    try:
        return capfirst(Task._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _history(task: Task) -> list[dict]:
    """The task's audit entries with readable field names."""
    return [
        {
            "entry": entry,
            "changes": [
                (_field_label(name), change[0], change[1])
                for name, change in (entry.changes or {}).items()
                if isinstance(change, list) and len(change) == 2
            ],
        }
        for entry in history_for(task)[:50]
    ]


def _detail_context(request: HttpRequest, task: Task, note_form) -> dict:
    return {
        "task": task,
        "row": selectors.timeline(task.workstream.plan, task=task).rows[0],
        "dependents": task.dependents.select_related("workstream"),
        "notes": task.notes.select_related("author"),
        "history": _history(task),
        "can_edit": has_capability(request.user, "manage_plan"),
        "note_form": note_form,
        # What other apps record about the task (the meetings with visitors of the dialogue task).
        "record_links": record_links(task, request.user),
    }


@capability_required("view_operations")
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    note_form = ProgressNoteForm()
    submission.add_token(note_form)
    return render(request, "planning/task_detail.html", _detail_context(request, task, note_form))


@capability_required("view_operations")
def task_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One timeline row: what "Cancel" on an in-place edit swaps back in."""
    task = _task(pk)
    return render(request, "planning/timeline.html#task_row", _row_context(request, task))


@capability_required("manage_plan")
def task_quick_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Quarters, status and a note: in place on the timeline with htmx, else its own page."""
    task = _task(pk)
    form = TaskQuickForm(request.POST or None, instance=task)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.save_task(form=form, actor=request.user)
        except services.EditConflict:
            conflict, task = True, _task(pk)
            form = TaskQuickForm(instance=task)
        else:
            if request.htmx:
                return render(
                    request, "planning/timeline.html#task_row", _row_context(request, task)
                )
            messages.success(request, _("The task is saved."))
            return redirect(_timeline_anchor(task))
    context = {"task": task, "form": form, "colspan": 4, "conflict": conflict}
    if request.htmx:
        return render(request, "planning/timeline.html#task_form_row", context)
    return render(request, "planning/task_quick.html", context)


@capability_required("manage_plan")
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    form = TaskForm(request.POST or None, instance=task, plan=task.workstream.plan)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.save_task(form=form, actor=request.user)
        except services.EditConflict:
            conflict, task = True, _task(pk)
            form = TaskForm(instance=task, plan=task.workstream.plan)
        else:
            messages.success(request, _("The task is saved."))
            return redirect("planning:task_detail", pk=task.pk)
    return render(
        request,
        "planning/task_form.html",
        {
            "form": form,
            "task": task,
            "conflict": conflict,
            "title": _("Edit “%(title)s”") % {"title": task.title},
            "cancel_url": reverse("planning:task_detail", args=[task.pk]),
        },
    )


@capability_required("manage_plan")
def task_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    initial = {}
    workstream = request.GET.get("workstream", "")
    if workstream.isdigit() and Workstream.objects.filter(plan=plan, pk=workstream).exists():
        initial["workstream"] = workstream
    if request.method == "POST" and (repeat := submission.replay(request)):
        return repeat
    form = TaskForm(request.POST or None, plan=plan, initial=initial)
    submission.add_token(form)
    if request.method == "POST" and form.is_valid():
        return submission.save_once(
            request,
            save=lambda: services.save_task(form=form, actor=request.user),
            success_url=lambda task: reverse("planning:task_detail", args=[task.pk]),
            message=_("The task is added to the plan."),
        )
    return render(
        request,
        "planning/task_form.html",
        {
            "form": form,
            "task": None,
            "plan": plan,
            "conflict": False,
            "title": _("Add a task"),
            "cancel_url": reverse("planning:timeline"),
        },
    )


@require_POST
@capability_required("manage_plan")
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if repeat := submission.replay(request):
        return repeat
    form = ProgressNoteForm(request.POST)
    submission.add_token(form)
    if form.is_valid():
        return submission.save_once(
            request,
            save=lambda: services.add_progress_note(
                task=task,
                actor=request.user,
                text=form.cleaned_data["text"],
                date=form.cleaned_data["date"],
            ),
            success_url=lambda note: reverse("planning:task_detail", args=[task.pk]),
            message=_("The note is added."),
        )
    return render(request, "planning/task_detail.html", _detail_context(request, task, form))
