"""The one pattern for create, update and delete pages: an audited save and one template each.

A create or update page is `CapabilityRequiredMixin, FormPageMixin, CreateView` (or
`UpdateView`), rendered by `templates/form_page.html`; a delete page subclasses
`DeletePageView` (`templates/confirm_delete.html`). The capability mixin still declares who
may use the page.

Guards that every form page has live in `FormPageMixin.get_form` (their hidden fields) and
`FormPageMixin.submit` (their check, in the transaction that saves), so no page can leave
them out: on an update page, the version check against lost updates (core/concurrency.py),
answered with 409, the other person's changes and the user's input kept to save again; on a
create page, the one-time token against double submission (core/submission.py), claimed in
the transaction that saves, so a repeat is answered with the first result, not a second row.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView
from django.views.generic.edit import BaseCreateView

from core import audit, concurrency, submission
from core.concurrency import VERSION_FIELD, EditConflict

if TYPE_CHECKING:
    from django.views.generic.edit import ModelFormMixin, ProcessFormView

    class _FormPageBase(ModelFormMixin, ProcessFormView): ...
else:
    _FormPageBase = object


class FormPageMixin(_FormPageBase):
    """Save the form and record the change in one transaction, then say so and go on.

    Set `title` (or override `get_title`), and `cancel_url` or `get_cancel_url` (by default
    the object's own page). Override `save_audited` to save another way, e.g. through a
    service that checks a rule again under a lock: a ValidationError it raises becomes a
    form error and nothing is saved.
    """

    template_name: str | None = "form_page.html"
    if TYPE_CHECKING:
        # CreateView's object is None until saved, UpdateView's never: each view says which.
        object: Any
        request: HttpRequest
    title: str | Promise = ""
    submit_label: str | Promise = gettext_lazy("Save")
    success_message: str | Promise = gettext_lazy("Saved.")
    cancel_url: str | Promise | None = None
    # Shown above the form as "<label> <link to parent>", e.g. the organisation of a contact.
    parent_label: str | Promise = ""
    formset_legend: str | Promise = ""

    def get_title(self) -> str:
        return str(self.title)

    def get_parent(self) -> Model | None:
        return None

    def get_cancel_url(self) -> str:
        if self.cancel_url is not None:
            return str(self.cancel_url)
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("formset", None)
        kwargs.update(
            title=self.get_title(),
            cancel_url=self.get_cancel_url(),
            submit_label=self.submit_label,
            parent=self.get_parent(),
            parent_label=self.parent_label,
            formset_legend=self.formset_legend,
        )
        return super().get_context_data(**kwargs)

    def is_edit(self) -> bool:
        """An update page: it has an object (perhaps one not saved yet) when the form loads."""
        return getattr(self, "object", None) is not None

    def is_create(self) -> bool:
        return isinstance(self, BaseCreateView)

    def get_form(self, form_class: Any = None) -> forms.ModelForm:
        form = super().get_form(form_class)
        if self.is_edit():
            self._add_version(form, self.object)
        elif self.is_create():
            submission.add_token(form)
        return form

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.is_create():
            # A form saved before is answered with its result, before validation says
            # e.g. that the e-mail it saved is taken.
            repeat = submission.replay(request)
            if repeat is not None:
                return repeat
        return super().post(request, *args, **kwargs)

    def _add_version(self, form: forms.BaseForm, loaded: Model) -> None:
        form.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if form.is_bound:
            # What was posted is what was loaded: not a change for the audit history.
            form.initial[VERSION_FIELD] = form.data.get(VERSION_FIELD)
        else:
            form.initial[VERSION_FIELD] = concurrency.version_token(loaded, list(form.fields))

    def current_object(self) -> Model:
        """The object as it is in the database now (for an update page's version check)."""
        if self.object.pk is None:
            return self.get_object()  # e.g. a row the page creates on first save
        return type(self.object)._default_manager.get(pk=self.object.pk)

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        try:
            with transaction.atomic():
                claimed = submission.claim(self.request) if self.is_create() else None
                self.object = self.submit(form)
                url = self.get_success_url()
                submission.record(claimed, url=url)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except EditConflict as conflict:
            return self.edit_conflict(form, conflict)
        except submission.AlreadySent as sent:
            return submission.answer(self.request, sent.url)
        messages.success(self.request, str(self.success_message))
        return HttpResponseRedirect(url)

    def submit(self, form: forms.ModelForm) -> Model:
        """Every form page's save passes here, inside one transaction (see the module's note)."""
        if self.is_edit():
            try:
                current = concurrency.lock(self.object) if self.object.pk else self.current_object()
            except ObjectDoesNotExist:
                raise EditConflict(deleted=True) from None
            concurrency.check_unchanged(current=current, token=form.data.get(VERSION_FIELD))
        return self.save_audited(form)

    def edit_conflict(self, form: forms.ModelForm, conflict: EditConflict) -> HttpResponse:
        """409: say what the other person changed, and show the form again on top of the
        current version with the user's own changes kept, to check and save again."""
        if conflict.deleted:
            messages.error(self.request, _("Someone else deleted this while you were editing it."))
            return HttpResponseRedirect(self.get_cancel_url_after_delete())
        current = self.current_object()
        data = concurrency.merge_data(form=form, current=current, conflict=conflict)
        kwargs = {**self.get_form_kwargs(), "data": data, "instance": current}
        fresh = self.get_form_class()(**kwargs)
        self._add_version(fresh, current)
        fresh.is_valid()
        fresh.add_error(None, concurrency.conflict_messages(conflict))
        self.object = current
        response = self.render_to_response(self.get_context_data(form=fresh))  # type: ignore[attr-defined]
        response.status_code = 409
        return response

    def get_cancel_url_after_delete(self) -> str:
        """Where to go when the object was deleted meanwhile (its own page is gone)."""
        return str(self.cancel_url) if self.cancel_url is not None else "/"

    def save_audited(self, form: forms.ModelForm) -> Model:
        return audit.save_form(form=form, actor=self.request.user)


class DeletePageView(DeleteView):
    """Record the deletion and delete in one transaction, after a confirmation page.

    An object that other rows still protect is kept, with a message, and the user goes back
    to `get_cancel_url()`.
    """

    template_name = "confirm_delete.html"

    def audit_note(self) -> str:
        return ""

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def get_consequences(self) -> list[str]:
        """Sentences saying what else goes with the object, for the confirmation page."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.update(
            cancel_url=self.get_cancel_url(),
            verbose_name=self.object._meta.verbose_name,
            consequences=self.get_consequences(),
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        target = self.get_success_url()
        try:
            with transaction.atomic():
                audit.record(
                    actor=self.request.user,
                    instance=self.object,
                    action="delete",
                    note=self.audit_note(),
                )
                self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                _("%(object)s cannot be deleted: other records still point to it.")
                % {"object": self.object},
            )
            return HttpResponseRedirect(self.get_cancel_url())
        messages.success(self.request, _("Deleted."))
        return HttpResponseRedirect(target)
