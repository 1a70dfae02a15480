"""Named audit events: who did what, when. Call these functions, never AuditEvent directly."""

from typing import Any

from django.db.models import Q, QuerySet

from .models import AuditEvent, AuditEventType, Regio


def _log(
    type: AuditEventType,
    *,
    actor: Any = None,
    gebruikersnaam: str = "",
    regio: Regio | None = None,
    ip_adres: str | None = None,
    omschrijving: str = "",
    **details: Any,
) -> AuditEvent:
    if actor is not None and not gebruikersnaam:
        gebruikersnaam = actor.get_username()
    return AuditEvent.objects.create(
        type=type,
        actor=actor,
        gebruikersnaam=gebruikersnaam[:150],
        regio=regio,
        ip_adres=ip_adres or None,
        omschrijving=omschrijving[:500],
        details=details,
    )


def log_signed_in(user: Any, ip_adres: str | None) -> AuditEvent:
    return _log(AuditEventType.SIGNED_IN, actor=user, ip_adres=ip_adres)


def log_signed_out(user: Any, ip_adres: str | None) -> AuditEvent:
    return _log(AuditEventType.SIGNED_OUT, actor=user, ip_adres=ip_adres)


def log_sign_in_failed(gebruikersnaam: str, user: Any, ip_adres: str | None) -> AuditEvent:
    """`user` is the account the name belongs to, if any, so its regio's beheerder sees it."""
    return _log(
        AuditEventType.SIGN_IN_FAILED, actor=user, gebruikersnaam=gebruikersnaam, ip_adres=ip_adres
    )


def log_locked_out(gebruikersnaam: str, user: Any, ip_adres: str | None) -> AuditEvent:
    return _log(
        AuditEventType.LOCKED_OUT, actor=user, gebruikersnaam=gebruikersnaam, ip_adres=ip_adres
    )


def log_password_changed(user: Any, ip_adres: str | None) -> AuditEvent:
    return _log(AuditEventType.PASSWORD_CHANGED, actor=user, ip_adres=ip_adres)


def log_membership_changed(
    user: Any, regio: Regio, rol: str, *, toegevoegd: bool, door: Any = None
) -> AuditEvent:
    actie = "toegevoegd" if toegevoegd else "verwijderd"
    return _log(
        AuditEventType.MEMBERSHIP_CHANGED,
        actor=door,
        regio=regio,
        omschrijving=f"Rol {rol} van {user.get_username()} {actie}",
        lid=user.get_username(),
        rol=rol,
        toegevoegd=toegevoegd,
    )


def events_for_regios(regios: QuerySet[Regio]) -> QuerySet[AuditEvent]:
    """Events that belong to these regio's: their own, and those of their members' accounts."""
    return (
        AuditEvent.objects.filter(Q(regio__in=regios) | Q(actor__lidmaatschappen__regio__in=regios))
        .select_related("actor", "regio")
        .distinct()
    )


def log_import_started(user: Any, regio: Regio | None, job_id: int, bestand: str) -> AuditEvent:
    return _log(
        AuditEventType.IMPORT_STARTED,
        actor=user,
        regio=regio,
        omschrijving=f"Import #{job_id} van {bestand} gestart",
        import_id=job_id,
    )


def log_import_finished(
    user: Any, regio: Regio | None, job_id: int, bestand: str, **tellingen: int
) -> AuditEvent:
    samenvatting = ", ".join(f"{v} {k}" for k, v in tellingen.items())
    return _log(
        AuditEventType.IMPORT_FINISHED,
        actor=user,
        regio=regio,
        omschrijving=f"Import #{job_id} van {bestand} voltooid: {samenvatting}",
        import_id=job_id,
        **tellingen,
    )


def log_import_failed(
    user: Any, regio: Regio | None, job_id: int, bestand: str, reden: str
) -> AuditEvent:
    return _log(
        AuditEventType.IMPORT_FAILED,
        actor=user,
        regio=regio,
        omschrijving=f"Import #{job_id} van {bestand} mislukt: {reden}",
        import_id=job_id,
    )


def log_risicofactor_gewijzigd(
    user: Any, regio: Regio | None, code: str, naam: str, wijzigingen: dict[str, dict]
) -> AuditEvent:
    """A beheerder changed a factor of the catalogue; `wijzigingen` maps field to {oud, nieuw}."""
    velden = ", ".join(wijzigingen) or "niets"
    return _log(
        AuditEventType.RISICOFACTOR_GEWIJZIGD,
        actor=user,
        regio=regio,
        omschrijving=f"Factor {naam} gewijzigd: {velden}",
        risicofactor=code,
        wijzigingen=wijzigingen,
    )


def log_signaal_vastgelegd(user: Any, regio: Regio, signaal_id: int, wijk: str) -> AuditEvent:
    """Only the id and the wijk: the text itself stays out of the log."""
    return _log(
        AuditEventType.SIGNAAL_VASTGELEGD,
        actor=user,
        regio=regio,
        omschrijving=f"Signaal #{signaal_id} over {wijk} vastgelegd",
        signaal_id=signaal_id,
    )


def log_signaal_verwijderd(user: Any, regio: Regio, signaal_id: int, wijk: str) -> AuditEvent:
    return _log(
        AuditEventType.SIGNAAL_VERWIJDERD,
        actor=user,
        regio=regio,
        omschrijving=f"Signaal #{signaal_id} over {wijk} verwijderd",
        signaal_id=signaal_id,
    )


def log_dialoogsessie_vastgelegd(
    user: Any, regio: Regio, sessie_id: int, wijk: str, factoren: int
) -> AuditEvent:
    return _log(
        AuditEventType.DIALOOGSESSIE_VASTGELEGD,
        actor=user,
        regio=regio,
        omschrijving=f"Dialoogsessie #{sessie_id} over {wijk} vastgelegd ({factoren} factoren)",
        sessie_id=sessie_id,
        factoren=factoren,
    )


def log_dialoogsessie_verwijderd(user: Any, regio: Regio, sessie_id: int, wijk: str) -> AuditEvent:
    return _log(
        AuditEventType.DIALOOGSESSIE_VERWIJDERD,
        actor=user,
        regio=regio,
        omschrijving=f"Dialoogsessie #{sessie_id} over {wijk} verwijderd",
        sessie_id=sessie_id,
    )


def log_regiovisie_aangemaakt(
    user: Any, regio: Regio, regiovisie_id: int, versie: int, vorige: Any = None
) -> AuditEvent:
    """A new version: from scratch, or the next cycle copied from `vorige`."""
    bron = f" als vervolg op versie {vorige.versie}" if vorige is not None else ""
    return _log(
        AuditEventType.PLAN_CHANGED,
        actor=user,
        regio=regio,
        omschrijving=f"Regiovisie versie {versie} aangemaakt{bron}",
        regiovisie_id=regiovisie_id,
        versie=versie,
        vorige_id=vorige.pk if vorige is not None else None,
    )


def log_regiovisie_gewijzigd(
    user: Any, regio: Regio, regiovisie_id: int, versie: int, onderdelen: list[str]
) -> AuditEvent:
    """A saved step; `onderdelen` names what changed (fields, child lists), never the text."""
    wat = ", ".join(onderdelen) or "opgeslagen"
    return _log(
        AuditEventType.PLAN_CHANGED,
        actor=user,
        regio=regio,
        omschrijving=f"Regiovisie versie {versie} gewijzigd: {wat}",
        regiovisie_id=regiovisie_id,
        versie=versie,
        onderdelen=onderdelen,
    )


def log_regiovisie_status(
    user: Any, regio: Regio, regiovisie_id: int, versie: int, van: str, naar: str
) -> AuditEvent:
    return _log(
        AuditEventType.PLAN_CHANGED,
        actor=user,
        regio=regio,
        omschrijving=f"Regiovisie versie {versie}: status {van} → {naar}",
        regiovisie_id=regiovisie_id,
        versie=versie,
        van=van,
        naar=naar,
    )


def log_regiovisie_vastgesteld(
    user: Any, regio: Regio, regiovisie_id: int, versie: int
) -> AuditEvent:
    return _log(
        AuditEventType.PLAN_VASTGESTELD,
        actor=user,
        regio=regio,
        omschrijving=f"Regiovisie versie {versie} vastgesteld",
        regiovisie_id=regiovisie_id,
        versie=versie,
    )


def log_aanbod_vastgelegd(user: Any, regio: Regio, aanbod_id: int, naam: str) -> AuditEvent:
    """Help on offer in the regio (the vraag-aanbod-analyse): an inventory, no personal data."""
    return _log(
        AuditEventType.AANBOD_VASTGELEGD,
        actor=user,
        regio=regio,
        omschrijving=f"Aanbod #{aanbod_id} ({naam}) vastgelegd",
        aanbod_id=aanbod_id,
    )


def log_aanbod_gewijzigd(
    user: Any, regio: Regio, aanbod_id: int, naam: str, velden: list[str]
) -> AuditEvent:
    """`velden` names the fields that changed, not their values."""
    wat = ", ".join(velden) or "niets"
    return _log(
        AuditEventType.AANBOD_GEWIJZIGD,
        actor=user,
        regio=regio,
        omschrijving=f"Aanbod #{aanbod_id} ({naam}) gewijzigd: {wat}",
        aanbod_id=aanbod_id,
        velden=velden,
    )


def log_aanbod_verwijderd(user: Any, regio: Regio, aanbod_id: int, naam: str) -> AuditEvent:
    return _log(
        AuditEventType.AANBOD_VERWIJDERD,
        actor=user,
        regio=regio,
        omschrijving=f"Aanbod #{aanbod_id} ({naam}) verwijderd",
        aanbod_id=aanbod_id,
    )


def log_monitoring_vastgelegd(
    user: Any, regio: Regio, regiovisie_id: int, onderdeel: str, object_id: int, wat: str
) -> AuditEvent:
    """Stap 3: a measurement, a quarter's progress, a check of a requirement or an evaluation.

    `onderdeel` is the kind ("meting", "voortgang", "sturingscheck", "evaluatie"), `wat` names
    the goal or action and the period: never the remarks themselves."""
    return _log(
        AuditEventType.MONITORING_VASTGELEGD,
        actor=user,
        regio=regio,
        omschrijving=f"{onderdeel.capitalize()} #{object_id} vastgelegd: {wat}",
        regiovisie_id=regiovisie_id,
        onderdeel=onderdeel,
        object_id=object_id,
    )


def log_sos_vastgelegd(user: Any, regio: Regio, score_id: int, moment: str) -> AuditEvent:
    """Only the id and the moment: the trajectory code stays out of the log."""
    return _log(
        AuditEventType.SOS_VASTGELEGD,
        actor=user,
        regio=regio,
        omschrijving=f"Signs of Safety-score #{score_id} ({moment}) vastgelegd",
        score_id=score_id,
    )


def log_sos_verwijderd(user: Any, regio: Regio, score_id: int, moment: str) -> AuditEvent:
    return _log(
        AuditEventType.SOS_VERWIJDERD,
        actor=user,
        regio=regio,
        omschrijving=f"Signs of Safety-score #{score_id} ({moment}) verwijderd",
        score_id=score_id,
    )


def log_sos_geimporteerd(user: Any, regio: Regio, bestand: str, **tellingen: int) -> AuditEvent:
    samenvatting = ", ".join(f"{v} {k}" for k, v in tellingen.items())
    return _log(
        AuditEventType.SOS_GEIMPORTEERD,
        actor=user,
        regio=regio,
        omschrijving=f"Signs of Safety-scores uit {bestand} geïmporteerd: {samenvatting}",
        bestand=bestand[:200],
        **tellingen,
    )
