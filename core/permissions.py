"""How views declare who may use them.

Every view is one of: `public` (no login), `login_required` by default (the
LoginRequiredMiddleware), or guarded by a capability from `core.roles`.
"""

from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin

public = login_not_required


def capability_required(*codenames: str):
    """Function-view decorator: the user must have every named capability, else 403."""
    return permission_required([f"core.{c}" for c in codenames], raise_exception=True)


class CapabilityRequiredMixin(PermissionRequiredMixin):
    """Class-based views: set `capability = "manage_sites"` (or a tuple); 403 otherwise."""

    capability: str | tuple[str, ...] = ()
    raise_exception = True

    def get_permission_required(self):
        codes = (self.capability,) if isinstance(self.capability, str) else self.capability
        if not codes:
            raise NotImplementedError(f"{type(self).__name__} must declare a capability.")
        return [f"core.{c}" for c in codes]


def has_capability(user, codename: str) -> bool:
    return user.has_perm(f"core.{codename}")
