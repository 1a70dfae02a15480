"""Regio-scoped permissions: the one way views check a role and scope their querysets.

A role is a Django Group named after `Rol` whose permissions the data migration sets; a user holds
a role per regio through `Lidmaatschap`. A permission therefore always holds *in a regio*: use
`regios_with_perm` / `scope_to_regios` / `RegioPermissionMixin`, not `user.has_perm`.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import Lidmaatschap, Regio

SESSION_KEY = "actieve_regio"


def _roles_with_perm(perm: str) -> QuerySet:
    app_label, codename = perm.split(".", 1)
    return Group.objects.filter(
        permissions__codename=codename, permissions__content_type__app_label=app_label
    ).values("name")


def regios_with_perm(user: Any, perm: str) -> QuerySet[Regio]:
    """The regio's in which `user` holds a role that carries `perm` ("app_label.codename")."""
    if not user.is_authenticated or not user.is_active:
        return Regio.objects.none()
    if user.is_superuser:
        return Regio.objects.all()
    return Regio.objects.filter(
        lidmaatschappen__user=user, lidmaatschappen__rol__in=_roles_with_perm(perm)
    ).distinct()


def has_regio_perm(user: Any, perm: str, regio: Regio | None = None) -> bool:
    """True if `user` holds `perm` in `regio`, or in any regio when none is given."""
    regios = regios_with_perm(user, perm)
    if regio is not None:
        regios = regios.filter(pk=regio.pk)
    return regios.exists()


def scope_to_regios(qs: QuerySet, user: Any, perm: str, field: str = "regio") -> QuerySet:
    """Filter `qs` to the rows whose `field` is a regio where `user` holds `perm`."""
    return qs.filter(**{f"{field}__in": regios_with_perm(user, perm)})


def lidmaatschappen(user: Any) -> QuerySet[Lidmaatschap]:
    if not user.is_authenticated:
        return Lidmaatschap.objects.none()
    return Lidmaatschap.objects.filter(user=user).select_related("regio")


def active_regio(user: Any, session: Mapping) -> Regio | None:
    """The regio the user works in now: the one chosen in the session, else the first one."""
    regios = Regio.objects.filter(lidmaatschappen__user=user).distinct()
    if user.is_superuser and not regios.exists():
        regios = Regio.objects.all()
    chosen = session.get(SESSION_KEY)
    return (chosen and regios.filter(pk=chosen).first()) or regios.first()


class RegioPermissionMixin(LoginRequiredMixin):
    """Requires `permission_required` in at least one regio; `self.regios` holds those regio's."""

    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.regios = regios_with_perm(request.user, self.permission_required)
        if not self.regios.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
