"""Who may open which URL: every role, signed out, and for the own and another regio.

Later issues add their URLs to ROUTES. `build(regio)` returns the URL (and POST data) for a
target regio; the user is always a member of the own regio only, so the "ander" column shows what
happens when a URL points into a regio the user does not belong to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from portal.models import Regio, Rol

ROLLEN = [rol.value for rol in Rol]


# Who edits the regiovisie and records dialogue sessions (edit_regiovisie; portal 0005).
BEWERKERS = ["beheerder", "beleidsmedewerker"]


def alle(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLLEN, status)


def alleen(rollen: list[str], status: int, anders: int) -> dict[str, int]:
    return {rol: status if rol in rollen else anders for rol in ROLLEN}


@dataclass(frozen=True)
class Route:
    naam: str
    build: Callable[[Regio], tuple[str, dict | None]]
    eigen: dict[str, int]
    anoniem: int
    ander: dict[str, int] | None = None
    method: str = "get"
    extra: dict = field(default_factory=dict)

    def expected(self, scope: str, rol: str) -> int:
        return ((self.ander if scope == "ander" else None) or self.eigen)[rol]


def get(name: str, **kwargs) -> Callable[[Regio], tuple[str, None]]:
    return lambda regio: (reverse(name, kwargs=kwargs or None), None)


def _job(regio: Regio):
    from wijken import services

    return services.create_job(
        b"gebiedcode;indicator;periode;waarde\nGM0034;inwoners;2024;5\n", "lang.csv", regio=regio
    )


def _gebied():
    from wijken.models import Gebied

    return Gebied.objects.get_or_create(code="GM0034", defaults={"soort": "gemeente"})[0]


def _factor():
    from risicofactoren.models import Risicofactor

    return Risicofactor.objects.get_or_create(
        code="eenoudergezin",
        defaults={"naam": "Eenoudergezin", "soort": "risico", "niveau": "gezin"},
    )[0]


def _factor_wijzigen(regio: Regio):
    """The catalogue is national: the same factor, whichever regio the route is built for."""
    factor = _factor()
    return reverse("catalogus:wijzigen", args=[factor.code]), {
        "naam": factor.naam,
        "toelichting": "Eén ouder draagt de opvoeding alleen.",
        "relatief_risico": "2,29",
        "rr_ondergrens": "1,62",
        "rr_bovengrens": "3,24",
        "bron": "NPM-2017",
    }


def _thema():
    from risicofactoren.models import Risicofactor

    return Risicofactor.objects.get_or_create(
        code="matrix-geldzorgen",
        defaults={"naam": "Geldzorgen", "soort": "risico", "niveau": "gezin"},
    )[0]


def _wijk(regio: Regio):
    """A wijk in the regio's first member gemeente (GM0034 for the own regio, GM0344 ander)."""
    from wijken.models import Gebied

    lid = regio.gemeenten.order_by("code").first()
    gemeente = Gebied.objects.get_or_create(code=lid.code, defaults={"soort": "gemeente"})[0]
    return Gebied.objects.get_or_create(
        code=f"WK{lid.code[2:]}01",
        defaults={"soort": "wijk", "naam": f"Wijk van {lid.naam}", "gemeente": gemeente},
    )[0]


def _signaal(regio: Regio):
    from risicofactoren.models import Signaal

    return Signaal.objects.create(
        regio=regio,
        gebied=_wijk(regio),
        thema=_thema(),
        datum="2025-03-01",
        bron_organisatie="Wijkteam",
        tekst="Veel ouders melden geldzorgen.",
    )


def _sessie(regio: Regio):
    from risicofactoren.models import Dialoogsessie

    sessie = Dialoogsessie.objects.create(
        regio=regio,
        gebied=_wijk(regio),
        datum="2025-03-01",
        deelnemers="Wijkteam",
        conclusies="Geldzorgen wegen zwaar.",
    )
    sessie.factoren.create(risicofactor=_thema(), gewicht=3)
    return sessie


def _signaal_vastleggen(regio: Regio):
    """POST a signal for a wijk of `regio`: saved in the own regio, a form error for another."""
    return reverse("risicofactoren:signaal_nieuw"), {
        "gebied": _wijk(regio).pk,
        "thema": _thema().pk,
        "datum": "2025-03-01",
        "bron_organisatie": "Wijkteam",
        "tekst": "Veel ouders melden geldzorgen.",
    }


def _sessie_vastleggen(regio: Regio):
    return reverse("risicofactoren:dialoogsessie_nieuw"), {
        "gebied": _wijk(regio).pk,
        "datum": "2025-03-01",
        "deelnemers": "Wijkteam",
        "conclusies": "Geldzorgen wegen zwaar.",
        f"factor_{_thema().pk}": "3",
    }


def _schatting(regio: Regio) -> tuple[str, str]:
    """Estimates for the regio's first gemeente and one of its wijken; returns their codes."""
    from risicofactoren.models import PrevalentieModel, Schatting

    wijk = _wijk(regio)
    model = PrevalentieModel.objects.get(is_standaard=True)
    for gebied in (wijk.gemeente, wijk):
        Schatting.objects.get_or_create(
            gebied=gebied,
            jaar=2024,
            model=model,
            defaults={"kinderen": 1000, "kinderen_bron": "test", "schatting": 34, "per_1000": 34},
        )
    return wijk.gemeente.code, wijk.code


def _vergelijken(naam: str):
    """Compare the regio's first gemeente with one of its wijken in 2024: a comparison for the
    own regio, a form error (200, nothing of those gebieden) for another regio's."""

    def build(regio: Regio):
        gemeente, wijk = _schatting(regio)
        return f"{reverse(naam)}?gebied={gemeente}&gebied={wijk}&jaar=2024", None

    return build


def _aanbod(regio: Regio):
    from acties.models import Aanbod

    aanbod = Aanbod.objects.create(
        regio=regio, voorziening="Gezinscoach", aanbieder="Wijkteam", capaciteit_per_jaar=20
    )
    aanbod.wijken.add(_wijk(regio))
    return aanbod


def _aanbod_gegevens(regio: Regio) -> dict:
    """An aanbod for a wijk of `regio`: saved in the own regio, a form error for another."""
    return {
        "voorziening": "Opvoedspreekuur",
        "aanbieder": "CJG",
        "capaciteit_per_jaar": "40",
        "wijken": [_wijk(regio).pk],
        "vanaf_jaar": "2024",
    }


def _regiovisie(regio: Regio) -> int:
    """A concept regiovisie of `regio` (issue 6: its document)."""
    from tests.factories import RegiovisieFactory

    return RegiovisieFactory(regio=regio).pk


def _visie(regio: Regio, **velden):
    """A regiovisie of `regio` with one action (issue 6: the wizard and its status)."""
    from tests.factories import ActieFactory, RegiovisieFactory

    visie = RegiovisieFactory(regio=regio, **velden)
    return visie, ActieFactory(regiovisie=visie)


def _wizard(naam: str, *args_van: str, data: dict | None = None, **velden):
    """A wizard URL of a regiovisie of the target regio; `args_van` picks "visie"/"actie" pks."""

    def build(regio: Regio):
        visie, actie = _visie(regio, **velden)
        objecten = {"visie": visie.pk, "actie": actie.pk}
        return reverse(naam, args=[objecten.get(a, a) for a in args_van]), data

    return build


def _sos_score(regio: Regio):
    from acties.models import Interventie
    from monitoring.models import SosScore

    return SosScore.objects.create(
        regio=regio,
        traject="ALM-2025-0001",
        interventie=Interventie.objects.order_by("pk").first(),
        wijk=_wijk(regio),
        moment="start",
        perspectief="hulpverlener",
        score=4,
        datum="2025-03-01",
    )


def _sos_gegevens(regio: Regio) -> dict:
    """A score for a wijk of `regio`: saved in the own regio, a form error for another."""
    from acties.models import Interventie

    return {
        "traject": "ALM-2025-0002",
        "interventie": Interventie.objects.order_by("pk").first().pk,
        "wijk": _wijk(regio).pk,
        "moment": "start",
        "perspectief": "ouder",
        "score": "5",
        "datum": "2025-03-01",
    }


def _sos_bestand(regio: Regio) -> dict:
    """A score file for a wijk of `regio`: imported in the own regio, refused for another (the
    page lists the problem; 200 either way)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    wijk = _wijk(regio).code
    inhoud = (
        "traject;interventie;wijk;moment;perspectief;score;datum\n"
        f"ALM-2025-0003;Programma X;{wijk};start;kind;6;2025-03-01\n"
    )
    return {"bestand": SimpleUploadedFile("scores.csv", inhoud.encode(), "text/csv")}


def _plan(regio: Regio) -> dict[str, int]:
    """A vastgestelde regiovisie of `regio` with a goal, an action, an instrument and a steering
    requirement (issue 7: the progress pages); their pks by name."""
    from acties.models import Sturingsinstrument
    from monitoring.models import SturingsEis
    from tests.factories import ActieFactory, DoelFactory, RegiovisieFactory

    visie = RegiovisieFactory(
        regio=regio, status="vastgesteld", vastgesteld_op="2026-01-01T10:00:00+01:00"
    )
    actie = ActieFactory(regiovisie=visie)
    instrument = Sturingsinstrument.objects.create(actie=actie, soort="kwaliteitseis")
    eis = SturingsEis.objects.create(instrument=instrument, eis="Kindcheck uitgevoerd")
    return {
        "visie": visie.pk,
        "doel": DoelFactory(regiovisie=visie).pk,
        "actie": actie.pk,
        "instrument": instrument.pk,
        "eis": eis.pk,
    }


def _voortgang(naam: str, *args_van: str, data: Callable[[dict], dict] | None = None):
    """A progress URL of a vastgestelde regiovisie of the target regio (see `_plan`)."""

    def build(regio: Regio):
        pks = _plan(regio)
        return reverse(naam, args=[pks[a] for a in args_van]), data(pks) if data else None

    return build


ROUTES = [
    Route("home", get("home"), alle(200), anoniem=302),
    Route("stap 1", get("wijken:stap"), alle(200), anoniem=302),
    Route("stap 2", get("acties:stap"), alle(200), anoniem=302),
    Route("stap 3", get("monitoring:stap"), alle(200), anoniem=302),
    # Signs of Safety (issue 7): scores per trajectory are entered, imported, listed and deleted
    # by wijkprofessionals only; every role of the regio reads the aggregates (suppressed < 5).
    # Another regio's score is a 404, another regio's wijk a form error or a refused file.
    Route(
        "Signs of Safety-scores",
        get("monitoring:sos"),
        alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
    ),
    Route(
        "Signs of Safety-score vastleggen",
        lambda regio: (reverse("monitoring:sos"), _sos_gegevens(regio)),
        alleen(["wijkprofessional"], 302, 403),
        ander=alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "Signs of Safety-score van regio verwijderen (bevestigen)",
        lambda regio: (reverse("monitoring:sos_verwijderen", args=[_sos_score(regio).pk]), None),
        alleen(["wijkprofessional"], 200, 403),
        ander=alleen(["wijkprofessional"], 404, 403),
        anoniem=302,
    ),
    Route(
        "Signs of Safety-score van regio verwijderen",
        lambda regio: (reverse("monitoring:sos_verwijderen", args=[_sos_score(regio).pk]), {}),
        alleen(["wijkprofessional"], 302, 403),
        ander=alleen(["wijkprofessional"], 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "Signs of Safety-scores importeren (formulier)",
        get("monitoring:sos_import"),
        alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
    ),
    Route(
        "Signs of Safety-scores importeren",
        lambda regio: (reverse("monitoring:sos_import"), _sos_bestand(regio)),
        alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
        method="post",
    ),
    Route("Signs of Safety-resultaten", get("monitoring:sos_resultaten"), alle(200), anoniem=302),
    Route(
        "Signs of Safety-resultaten als CSV",
        get("monitoring:sos_resultaten_csv"),
        alle(200),
        anoniem=302,
    ),
    # Bestuurlijk overzicht (issue 7): every role of the regio reads the wethouder's page, its
    # PDF and the jaarrapport of a vastgestelde regiovisie; another regio's is a 404.
    *[
        Route(
            f"bestuurlijk overzicht: {naam}",
            _wizard(
                naam,
                "visie",
                status="vastgesteld",
                vastgesteld_op="2026-01-01T10:00:00+01:00",
            ),
            alle(200),
            ander=alle(404),
            anoniem=302,
        )
        for naam in ("monitoring:bestuur", "monitoring:bestuur_pdf", "monitoring:jaarrapport")
    ],
    Route("beheer", get("beheer"), alleen(["beheerder"], 200, 403), anoniem=302),
    Route("logboek", get("logboek"), alleen(["beheerder"], 200, 403), anoniem=302),
    Route(
        "logboek van regio",
        lambda regio: (f"{reverse('logboek')}?regio={regio.pk}", None),
        alleen(["beheerder"], 200, 403),
        anoniem=302,
    ),
    Route("wachtwoord wijzigen", get("password_change"), alle(200), anoniem=302),
    Route("wachtwoord gewijzigd", get("password_change_done"), alle(200), anoniem=302),
    Route(
        "regio kiezen",
        lambda regio: (reverse("kies_regio"), {"regio": regio.pk}),
        alle(302),
        ander=alle(400),
        anoniem=302,
        method="post",
    ),
    Route("aanmelden", get("login"), alle(302), anoniem=200),
    Route("afmelden", lambda regio: (reverse("logout"), {}), alle(302), anoniem=302, method="post"),
    Route("gezondheid", get("gezondheid"), alle(200), anoniem=200),
    Route("Django-admin", lambda regio: ("/admin/", None), alle(302), anoniem=302),
    # Stap 1 data (issue 3): imports for beheerders, gebieden for every role.
    Route("imports", get("beheer-imports:imports"), alleen(["beheerder"], 200, 403), anoniem=302),
    Route(
        "import van regio",
        lambda regio: (reverse("beheer-imports:import", args=[_job(regio).pk]), None),
        alleen(["beheerder"], 200, 403),
        ander=alleen(["beheerder"], 404, 403),
        anoniem=302,
    ),
    Route(
        "importstatus van regio",
        lambda regio: (reverse("beheer-imports:import_status", args=[_job(regio).pk]), None),
        alleen(["beheerder"], 200, 403),
        ander=alleen(["beheerder"], 404, 403),
        anoniem=302,
    ),
    Route(
        "problemen-CSV van regio",
        lambda regio: (reverse("beheer-imports:import_problemen", args=[_job(regio).pk]), None),
        alleen(["beheerder"], 200, 403),
        ander=alleen(["beheerder"], 404, 403),
        anoniem=302,
    ),
    Route(
        "import starten van regio",
        lambda regio: (reverse("beheer-imports:import_starten", args=[_job(regio).pk]), {}),
        alleen(["beheerder"], 302, 403),
        ander=alleen(["beheerder"], 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "indicator toevoegen",
        get("beheer-imports:indicator_toevoegen"),
        alleen(["beheerder"], 200, 403),
        anoniem=302,
    ),
    Route("gebieden", get("wijken:gebieden"), alle(200), anoniem=302),
    Route(
        "gebied",
        lambda regio: (reverse("wijken:gebied", args=[_gebied().code]), None),
        alle(200),
        anoniem=302,
    ),
    Route(
        "onbekend gebied",
        lambda regio: (reverse("wijken:gebied", args=["GM9999"]), None),
        alle(404),
        anoniem=302,
    ),
    # Risk factor catalogue (issue 4): national, read by every role, edited by beheerders.
    Route("risicofactoren", get("catalogus:lijst"), alle(200), anoniem=302),
    Route(
        "risicofactor wijzigen",
        lambda regio: (reverse("catalogus:wijzigen", args=[_factor().code]), None),
        alleen(["beheerder"], 200, 403),
        anoniem=302,
    ),
    Route(
        "risicofactor opslaan",
        _factor_wijzigen,
        alleen(["beheerder"], 302, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "onbekende risicofactor",
        lambda regio: (reverse("catalogus:wijzigen", args=["bestaat-niet"]), None),
        alleen(["beheerder"], 404, 403),
        anoniem=302,
    ),
    # What the wijk knows (issue 5): read by every member of the regio, signals recorded by
    # wijkprofessionals, dialogue sessions by beleidsmedewerkers; another regio's objects are 404
    # and another regio's wijk is a form error (200, nothing saved).
    Route("wat de wijk weet", get("risicofactoren:kennis"), alle(200), anoniem=302),
    Route("signalen", get("risicofactoren:signalen"), alle(200), anoniem=302),
    Route("dialoogsessies", get("risicofactoren:dialoogsessies"), alle(200), anoniem=302),
    Route(
        "wijkkennis van wijk",
        lambda regio: (reverse("risicofactoren:kennis_wijk", args=[_wijk(regio).code]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "signaal van regio",
        lambda regio: (reverse("risicofactoren:signaal", args=[_signaal(regio).pk]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "dialoogsessie van regio",
        lambda regio: (reverse("risicofactoren:dialoogsessie", args=[_sessie(regio).pk]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "signaal vastleggen (formulier)",
        get("risicofactoren:signaal_nieuw"),
        alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
    ),
    Route(
        "signaal vastleggen in wijk van regio",
        _signaal_vastleggen,
        alleen(["wijkprofessional"], 302, 403),
        ander=alleen(["wijkprofessional"], 200, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "dialoogsessie vastleggen (formulier)",
        get("risicofactoren:dialoogsessie_nieuw"),
        alleen(BEWERKERS, 200, 403),
        anoniem=302,
    ),
    Route(
        "dialoogsessie vastleggen in wijk van regio",
        _sessie_vastleggen,
        alleen(BEWERKERS, 302, 403),
        ander=alleen(BEWERKERS, 200, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "signaal verwijderen (bevestigen)",
        lambda regio: (
            reverse("risicofactoren:signaal_verwijderen", args=[_signaal(regio).pk]),
            None,
        ),
        alleen(["wijkprofessional"], 200, 403),
        ander=alleen(["wijkprofessional"], 404, 403),
        anoniem=302,
    ),
    Route(
        "signaal verwijderen",
        lambda regio: (
            reverse("risicofactoren:signaal_verwijderen", args=[_signaal(regio).pk]),
            {},
        ),
        alleen(["wijkprofessional"], 302, 403),
        ander=alleen(["wijkprofessional"], 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "dialoogsessie verwijderen (bevestigen)",
        lambda regio: (
            reverse("risicofactoren:dialoogsessie_verwijderen", args=[_sessie(regio).pk]),
            None,
        ),
        alleen(BEWERKERS, 200, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
    ),
    Route(
        "dialoogsessie verwijderen",
        lambda regio: (
            reverse("risicofactoren:dialoogsessie_verwijderen", args=[_sessie(regio).pk]),
            {},
        ),
        alleen(BEWERKERS, 302, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "onbekend signaal",
        lambda regio: (reverse("risicofactoren:signaal", args=[999999]), None),
        alle(404),
        anoniem=302,
    ),
    # Stap 1 analysis (issue 4): the estimate, for every role, only for the own regio's gemeenten.
    Route("schattingen", get("schatting:index"), alle(200), anoniem=302),
    Route("methode van de schatting", get("schatting:methode"), alle(200), anoniem=302),
    Route(
        "schatting van gemeente",
        lambda regio: (reverse("schatting:gemeente", args=[_schatting(regio)[0]]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "schatting van wijk",
        lambda regio: (reverse("schatting:gebied", args=_schatting(regio)), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "schattingen-CSV van gemeente",
        lambda regio: (reverse("schatting:csv", args=[_schatting(regio)[0]]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    # Wijk dashboards (issue 5): every role, only the own regio's gemeenten.
    Route(
        "dashboard van gemeente",
        lambda regio: (reverse("dashboard:gemeente", args=[_schatting(regio)[0]]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "wijkprofiel",
        lambda regio: (reverse("dashboard:wijk", args=_schatting(regio)), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "wijkprofiel-CSV",
        lambda regio: (
            reverse("dashboard:wijk_csv", args=[*_schatting(regio), "indicatoren"]),
            None,
        ),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    # Compare wijken (Wijk dashboards): every role, with the gebieden of the own regio only.
    Route("wijken vergelijken", get("vergelijken:vergelijken"), alle(200), anoniem=302),
    Route(
        "wijken vergelijken in regio",
        _vergelijken("vergelijken:vergelijken"),
        alle(200),
        anoniem=302,
    ),
    Route("vergelijking-CSV van regio", _vergelijken("vergelijken:csv"), alle(200), anoniem=302),
    # Aanbod and vraag-aanbod (issue 6): read by every member of the regio, changed by those who
    # edit the regiovisie (beheerder since portal 0005); another regio's aanbod is 404 and
    # another regio's wijk a form error (200, nothing saved).
    Route("aanbod", get("acties:aanbod"), alle(200), anoniem=302),
    Route(
        "aanbod toevoegen (formulier)",
        get("acties:aanbod_nieuw"),
        alleen(["beheerder", "beleidsmedewerker"], 200, 403),
        anoniem=302,
    ),
    Route(
        "aanbod toevoegen",
        lambda regio: (reverse("acties:aanbod_nieuw"), _aanbod_gegevens(regio)),
        alleen(["beheerder", "beleidsmedewerker"], 302, 403),
        ander=alleen(["beheerder", "beleidsmedewerker"], 200, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "aanbod van regio wijzigen (formulier)",
        lambda regio: (reverse("acties:aanbod_wijzigen", args=[_aanbod(regio).pk]), None),
        alleen(["beheerder", "beleidsmedewerker"], 200, 403),
        ander=alleen(["beheerder", "beleidsmedewerker"], 404, 403),
        anoniem=302,
    ),
    Route(
        "aanbod van regio wijzigen",
        lambda regio: (
            reverse("acties:aanbod_wijzigen", args=[_aanbod(regio).pk]),
            _aanbod_gegevens(regio),
        ),
        alleen(["beheerder", "beleidsmedewerker"], 302, 403),
        ander=alleen(["beheerder", "beleidsmedewerker"], 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "aanbod van regio verwijderen (bevestigen)",
        lambda regio: (reverse("acties:aanbod_verwijderen", args=[_aanbod(regio).pk]), None),
        alleen(["beheerder", "beleidsmedewerker"], 200, 403),
        ander=alleen(["beheerder", "beleidsmedewerker"], 404, 403),
        anoniem=302,
    ),
    Route(
        "aanbod van regio verwijderen",
        lambda regio: (reverse("acties:aanbod_verwijderen", args=[_aanbod(regio).pk]), {}),
        alleen(["beheerder", "beleidsmedewerker"], 302, 403),
        ander=alleen(["beheerder", "beleidsmedewerker"], 404, 403),
        anoniem=302,
        method="post",
    ),
    Route("vraag en aanbod", get("acties:vraag_aanbod"), alle(200), anoniem=302),
    Route("vraag-aanbod-CSV", get("acties:vraag_aanbod_csv"), alle(200), anoniem=302),
    # Regiovisie document (issue 6): every role reads the plans of its own regio.
    Route(
        "regiovisie afdrukken",
        lambda regio: (reverse("acties:afdrukken", args=[_regiovisie(regio)]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    Route(
        "regiovisie als pdf",
        lambda regio: (reverse("acties:pdf", args=[_regiovisie(regio)]), None),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    # The regiovisie wizard (issue 6): read by every member of the regio, edited by those who
    # hold edit_regiovisie (beleidsmedewerker, beheerder), vastgesteld by the bestuurder;
    # another regio's regiovisie is a 404 for everyone who may open such pages at all.
    Route("regiovisie en acties", get("acties:stap"), alle(200), anoniem=302),
    Route(
        "nieuwe regiovisie",
        lambda regio: (reverse("acties:nieuw"), {}),
        alleen(BEWERKERS, 302, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "regiovisie van regio",
        _wizard("acties:detail", "visie"),
        alle(200),
        ander=alle(404),
        anoniem=302,
    ),
    *[
        Route(
            f"wizard stap {stap} van regio",
            _wizard("acties:wizard", "visie", stap),
            alleen(BEWERKERS, 200, 403),
            ander=alleen(BEWERKERS, 404, 403),
            anoniem=302,
        )
        for stap in range(1, 9)
    ],
    Route(
        "wizard stap opslaan",
        _wizard("acties:wizard", "visie", 3, data={"lock_version": 0, "visie": "Veilig"}),
        alleen(BEWERKERS, 302, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "actie toevoegen (formulier)",
        _wizard("acties:actie_nieuw", "visie"),
        alleen(BEWERKERS, 200, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
    ),
    Route(
        "actie van regio wijzigen (formulier)",
        _wizard("acties:actie", "visie", "actie"),
        alleen(BEWERKERS, 200, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
    ),
    Route(
        "actie van regio verwijderen",
        _wizard("acties:actie_verwijderen", "visie", "actie", data={"lock_version": 0}),
        alleen(BEWERKERS, 302, 403),
        ander=alleen(BEWERKERS, 404, 403),
        anoniem=302,
        method="post",
    ),
    Route(
        "regiovisie ter vaststelling aanbieden",
        _wizard("acties:status", "visie", data={"actie": "aanbieden", "lock_version": 0}),
        alleen(BEWERKERS, 302, 403),
        ander=alle(404),
        anoniem=302,
        method="post",
    ),
    Route(
        "regiovisie vaststellen",
        _wizard(
            "acties:status",
            "visie",
            data={"actie": "vaststellen", "lock_version": 0},
            status="ter_vaststelling",
        ),
        alleen(["bestuurder"], 302, 403),
        ander=alle(404),
        anoniem=302,
        method="post",
    ),
    # Progress of a vastgestelde regiovisie (issue 7): read by every member of the regio,
    # recorded by those who hold edit_regiovisie; another regio's plan is a 404 for everyone.
    # The next cycle starts from the evaluation page (monitoring:volgende_cyclus).
    *[
        Route(
            f"voortgang: {naam}",
            _voortgang(naam, *args_van),
            alle(200),
            ander=alle(404),
            anoniem=302,
        )
        for naam, args_van in [
            ("monitoring:voortgang", ["visie"]),
            ("monitoring:doel", ["visie", "doel"]),
            ("monitoring:actie", ["visie", "actie"]),
            ("monitoring:sturing", ["visie"]),
            ("monitoring:evaluatie", ["visie"]),
        ]
    ],
    *[
        Route(
            f"voortgang vastleggen: {omschrijving}",
            _voortgang(naam, *args_van, data=data),
            alleen(BEWERKERS, 302, 403),
            ander=alle(404),
            anoniem=302,
            method="post",
        )
        for omschrijving, naam, args_van, data in [
            (
                "meting",
                "monitoring:doel",
                ["visie", "doel"],
                lambda pks: {"waarde": "50", "datum": "2026-01-15", "bron": "GGD"},
            ),
            (
                "kwartaal",
                "monitoring:actie",
                ["visie", "actie"],
                lambda pks: {"periode": "2026-K1", "status": "loopt"},
            ),
            (
                "controle",
                "monitoring:sturing",
                ["visie"],
                lambda pks: {
                    "formulier": "check",
                    "eis": pks["eis"],
                    f"check-{pks['eis']}-datum": "2026-01-15",
                    f"check-{pks['eis']}-voldaan": "ja",
                },
            ),
            (
                "sturingseis",
                "monitoring:sturing",
                ["visie"],
                lambda pks: {
                    "formulier": "eis",
                    "nieuw-instrument": pks["instrument"],
                    "nieuw-eis": "Meldcode-training gevolgd",
                },
            ),
            (
                "evaluatie",
                "monitoring:evaluatie",
                ["visie"],
                lambda pks: {"onderwerp": "plan", "plan-wat_ging_goed": "De samenwerking"},
            ),
            ("volgende cyclus", "monitoring:volgende_cyclus", ["visie"], lambda pks: {}),
        ]
    ],
    Route("onbekende pagina", lambda regio: ("/bestaat-niet/", None), alle(404), anoniem=404),
]


@pytest.mark.parametrize("scope", ["eigen", "ander"])
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.naam)
def test_role_in_regio_gets_expected_status(client, lid, regio, andere_regio, route, rol, scope):
    client.force_login(lid(rol))
    target = regio if scope == "eigen" else andere_regio
    url, data = route.build(target)
    response = getattr(client, route.method)(url, data)
    assert response.status_code == route.expected(scope, rol), (route.naam, rol, scope, url)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.naam)
def test_signed_out_visitor_gets_expected_status(client, regio, route):
    url, data = route.build(regio)
    response = getattr(client, route.method)(url, data)
    assert response.status_code == route.anoniem, (route.naam, url)
    if route.anoniem == 302 and route.naam not in ("afmelden", "Django-admin"):
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("naam", ["vergelijken:vergelijken", "vergelijken:csv"])
@pytest.mark.parametrize("rol", ROLLEN)
def test_comparison_with_another_regios_gebied_shows_nothing_of_it(
    client, lid, regio, andere_regio, rol, naam
):
    client.force_login(lid(rol))
    gemeente, wijk = _schatting(regio)
    _ander_gemeente, ander = _schatting(andere_regio)
    eigen = client.get(reverse(naam), {"gebied": [gemeente, wijk], "jaar": "2024"})
    assert "Wijk van Almere" in eigen.content.decode("utf-8-sig")
    response = client.get(reverse(naam), {"gebied": [wijk, ander], "jaar": "2024"})
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert f"{ander} is geen wijk of gemeente van uw regio." in html
    assert "Utrecht" not in html and 'id="tabel-vergelijking"' not in html


def test_refusal_is_a_dutch_page_without_data(client, lid, andere_regio):
    client.force_login(lid(Rol.LEZER))
    response = client.get(reverse("logboek"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
