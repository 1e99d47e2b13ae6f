"""Create, update and delete pages whose every change lands in the audit history.

Put `AuditedFormMixin` before a CreateView or UpdateView, or subclass `AuditedDeleteView`;
the capability mixin still declares who may use the page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView

from core import audit


class AuditedFormMixin:
    """Save the form and record the change in one transaction, then say so and go on.

    Override `save_audited` to save another way, e.g. through a service that checks a rule
    again under a lock: a ValidationError it raises becomes a form error, nothing saved.
    """

    success_message = gettext_lazy("Saved.")

    def save_audited(self, form) -> Model:
        return audit.save_form(form=form, actor=self.request.user)

    def form_valid(self, form):
        try:
            self.object = self.save_audited(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class AuditedDeleteView(DeleteView):
    """Record the deletion and delete in one transaction.

    An object that other rows still protect is kept, with a message, and the user goes back
    to `get_cancel_url()`.
    """

    def audit_note(self) -> str:
        return ""

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def form_valid(self, form):
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
