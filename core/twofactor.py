"""Two-factor login with a TOTP app (django-otp): set up, log in, disable, require.

A user with a confirmed TOTP device logs in in two steps: the password form
(`LoginView`) only remembers who passed it; `login_verify` logs them in once the code from
their app is right. Wrong codes count as failed logins for django-axes. With
`TWO_FACTOR_REQUIRED`, the roles that see personal data (`is_required_for`) must have it
(core.middleware.TwoFactorRequiredMiddleware).
"""

import base64
import re
import time
from typing import cast

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import Actor, record
from core.permissions import has_capability, public

PENDING = "two_factor_pending"
PENDING_SECONDS = 300
MAX_WRONG_CODES = 3  # then the password again; axes locks out after 5 failures in all
DEVICES = (TOTPDevice, StaticDevice)  # every kind of second factor a user may have


def is_required_for(user) -> bool:
    """Whether `user` must log in with a second factor when TWO_FACTOR_REQUIRED is on: those
    who see volunteers' personal data or the audit history (coordinators, managers), and
    anyone with the admin (superusers, staff accounts)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.is_staff
        or has_capability(user, "view_volunteers")
        or has_capability(user, "view_audit")
    )


BACKUP_CODES = 10  # one-time codes made at set-up and on request (django-otp's otp_static)
BACKUP_CODE = re.compile(r"[a-z2-7]{8}")  # StaticToken.random_token(): 5 random bytes, base32
SHOWN_ONCE = "two_factor_backup_codes"  # the new codes, in the session until shown


class TokenForm(forms.Form):
    """The six digits from the app; with `backup_codes`, one of the backup codes too."""

    backup_codes = False
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        help_text=gettext_lazy("Six digits. A new code appears every 30 seconds."),
        min_length=6,
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.backup_codes:
            field = self.fields["token"]
            field.label = _("Code from your authenticator app, or a backup code")
            field.help_text = _(
                "Six digits from the app. Without your phone: one of your backup codes "
                "(eight letters and digits); each works once."
            )
            field.widget.attrs["inputmode"] = "text"
            field.widget.attrs["autocapitalize"] = "none"

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "").replace("-", "").lower()
        if len(token) == 6 and token.isdigit():
            return token
        if self.backup_codes and BACKUP_CODE.fullmatch(token):
            return token
        if self.backup_codes:
            raise forms.ValidationError(
                _("Type the six digits from the app, or a backup code of eight letters and digits.")
            )
        raise forms.ValidationError(_("The code is six digits."))


class PasswordForm(forms.Form):
    """The user's password again: setting up or removing the second factor, or making new
    backup codes, needs it, so a borrowed session cannot. A wrong one counts for django-axes."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("To confirm that it is you."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        again = authenticate(self.request, username=user.get_username(), password=password)
        if again is None or again.pk != user.pk:
            raise forms.ValidationError(_("The password is not right."))
        return password


class PasswordAgainForm(PasswordForm, TokenForm):
    """A code plus the user's password again (setting the second factor up)."""

    field_order = ["password", "token"]


class PasswordAndAnyCodeForm(PasswordAgainForm):
    """Turning it off: the password and a code from the app or a backup code (a lost phone)."""

    backup_codes = True


class LoginCodeForm(TokenForm):
    backup_codes = True


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length enforced before authenticating.

    AuthenticationForm sets the field's max_length after creating it, so no validator
    checks it; an overlong name would reach django-axes, whose attempt log cannot store it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        assert isinstance(field, forms.CharField)
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginView(auth_views.LoginView):
    """The password step; users with a two-factor device continue at `login_verify`."""

    form_class = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The demo (DEBUG on) says that its logins need no second factor, unlike production.
        context["demo_without_two_factor"] = settings.DEBUG and not settings.TWO_FACTOR_REQUIRED
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not user_has_device(user, confirmed=True):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
            "wrong": 0,
        }
        return redirect("login_verify")


def _pending_user(request: HttpRequest):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def verify_code(user, token: str) -> Device | None:
    """The device that `token` is right for: a current code from the user's app, or one of
    their backup codes, which is used up. A backup code is deleted in one statement and
    counts only if this statement deleted it, so two requests racing with the same code
    cannot both pass. Wrong codes slow the device down (django-otp's throttling)."""
    if token.isdigit():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(token):
                return device
        return None
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_is_allowed()[0]:
        return None
    if StaticToken.objects.filter(device=device, token=token).delete()[0]:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
        return device
    device.throttle_increment()
    return None


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODES new ones, returned to be shown once
    (django-otp keeps them as they are: the database and its backups hold them)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
        codes: list[str] = []
        while len(codes) < BACKUP_CODES:
            code = StaticToken.random_token()
            if code not in codes:
                codes.append(code)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@public
@never_cache
@sensitive_post_parameters("token")
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second login step: the code from the user's authenticator app."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("login")
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_code(user, form.cleaned_data["token"])
        if device is not None:
            request.session.pop(PENDING)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                record(
                    actor=user,
                    instance=user,
                    action="update",
                    note=gettext_noop("Logged in with a backup code"),
                )
                left = backup_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You logged in with a backup code. %(count)d backup code is left.",
                        "You logged in with a backup code. %(count)d backup codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(pending["next"])
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        pending["wrong"] += 1
        if pending["wrong"] >= MAX_WRONG_CODES:
            request.session.pop(PENDING)
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("login")
        request.session[PENDING] = pending
        form.add_error("token", _("The code is not right. Try the newest code in the app."))
    return render(request, "core/login_verify.html", {"form": form})


@public
@never_cache
def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin logs in through the project's login, so two-factor cannot be bypassed."""
    return auth_views.redirect_to_login(request.GET.get("next", "/admin/"))


def reset_two_factor(user: User, *, actor: Actor) -> bool:
    """Remove every second factor of `user` (a lost phone), in the audit history; the next
    login asks for the password only. False when there was nothing to remove."""
    deleted = sum(devices_model.objects.filter(user=user).delete()[0] for devices_model in DEVICES)
    if deleted:
        record(
            actor=actor,
            instance=user,
            action="update",
            note=gettext_noop("Two-factor login reset by an administrator"),
        )
    return bool(deleted)


def _device_qr(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def _secret_groups(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _required(request: HttpRequest) -> bool:
    return settings.TWO_FACTOR_REQUIRED and is_required_for(request.user)


def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-factor login is on, with the way to turn it on or off."""
    return _two_factor_page(request, form=PasswordAndAnyCodeForm(request=request))


def _two_factor_page(request: HttpRequest, *, form=None, backup_form=None) -> HttpResponse:
    context = {
        "enabled": user_has_device(request.user, confirmed=True),
        "form": form or PasswordAndAnyCodeForm(request=request),
        "backup_form": backup_form or PasswordForm(request=request, prefix="backup"),
        "backup_codes_left": backup_codes_left(request.user),
        "required": _required(request),
    }
    return render(request, "core/two_factor.html", context)


@never_cache
@sensitive_post_parameters("token", "password")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code; a correct code from the app turns two-factor on."""
    if user_has_device(request.user, confirmed=True):
        return redirect("core:two_factor")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Varmestue", confirmed=False)
    form = PasswordAgainForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record(
                actor=request.user,
                instance=cast(User, request.user),  # the view needs a login
                action="update",
                note=gettext_noop("Two-factor login turned on"),
            )
            request.session[SHOWN_ONCE] = new_backup_codes(request.user)
            messages.success(request, _("Two-factor login is on."))
            return redirect("core:backup_codes")
        form.add_error("token", _("The code is not right. Try the newest code in the app."))
    context = {
        "form": form,
        "qr": _device_qr(device),
        "secret": _secret_groups(device),
        "required": _required(request),
    }
    return render(request, "core/two_factor_setup.html", context)


@require_POST
@sensitive_post_parameters("token", "password")
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off: needs the password and a current code, so a borrowed session
    cannot do it."""
    form = PasswordAndAnyCodeForm(request.POST, request=request)
    if not user_has_device(request.user, confirmed=True):
        return redirect("core:two_factor")
    if form.is_valid() and verify_code(request.user, form.cleaned_data["token"]) is not None:
        for devices_model in DEVICES:
            devices_model.objects.filter(user=request.user).delete()
        record(
            actor=request.user,
            instance=cast(User, request.user),  # the view needs a login
            action="update",
            note=gettext_noop("Two-factor login turned off"),
        )
        messages.success(request, _("Two-factor login is off."))
        return redirect("core:two_factor")
    if form.is_valid():
        form.add_error("token", _("The code is not right. Try the newest code in the app."))
    return _two_factor_page(request, form=form)


@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once: they leave the session as the page is made."""
    codes = request.session.pop(SHOWN_ONCE, None)
    context = {"codes": codes, "left": backup_codes_left(request.user)}
    return render(request, "core/backup_codes.html", context)


@require_POST
@sensitive_post_parameters("backup-password")
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    """New backup codes in place of the old ones, with the password again."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("core:two_factor")
    form = PasswordForm(request.POST, request=request, prefix="backup")
    if not form.is_valid():
        return _two_factor_page(request, backup_form=form)
    request.session[SHOWN_ONCE] = new_backup_codes(request.user)
    record(
        actor=request.user,
        instance=cast(User, request.user),  # the view needs a login
        action="update",
        note=gettext_noop("New backup codes for two-factor login"),
    )
    return redirect("core:backup_codes")
