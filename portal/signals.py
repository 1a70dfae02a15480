"""Turn Django's and django-axes' authentication signals into named audit events."""

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import audit
from .models import Lidmaatschap


def _ip(request) -> str | None:
    return get_client_ip_address(request) if request is not None else None


def _account(username: str):
    return get_user_model().objects.filter(username=username).first() if username else None


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit.log_signed_in(user, _ip(request))


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit.log_signed_out(user, _ip(request))


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "") or ""
    audit.log_sign_in_failed(username, _account(username), _ip(request))


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit.log_locked_out(username or "", _account(username), ip_address)


@receiver(post_save, sender=Lidmaatschap)
def _membership_saved(sender, instance, created, **kwargs):
    if created:
        audit.log_membership_changed(instance.user, instance.regio, instance.rol, toegevoegd=True)


@receiver(post_delete, sender=Lidmaatschap)
def _membership_deleted(sender, instance, **kwargs):
    audit.log_membership_changed(instance.user, instance.regio, instance.rol, toegevoegd=False)
