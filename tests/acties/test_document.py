"""The regiovisie as a document: what `document()` gathers and the HTML print view shows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from acties.document import alineas, document
from acties.models import (
    AandachtspuntUitwerking,
    Interventie,
    PreventieveActie,
    SoortSturing,
    Status,
    Sturingsinstrument,
)
from acties.services import _aandachtspunten_aanvullen
from portal.models import RegioGemeente, Rol
from risicofactoren.models import Schatting
from tests.factories import (
    ActieFactory,
    DoelFactory,
    DoelgroepFactory,
    PartnerFactory,
    RegiovisieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def vul_regiovisie(regio, wijken, **velden):
    """A filled regiovisie: partners, goals, a doelgroep, an action per spectrum level, two of
    the aandachtspunten worked out. The first wijk has 12,3 per 1000 of 4.880 children."""
    Schatting.objects.filter(gebied=wijken[0]).update(per_1000=12.3, kinderen=4880.0)
    RegioGemeente.objects.create(regio=regio, code="GM0995", naam="Lelystad")
    rv = RegiovisieFactory(
        regio=regio,
        jaar=2026,
        titel="Regiovisie huiselijk geweld en kindermishandeling Regio Eigen 2026",
        situatieschets="In Wijk 1 stapelen de risico's zich op.\n\n- Geldzorgen\n- Isolement",
        visie="Ieder kind groeit veilig op.",
        visie_preventie="Alle jonge ouders krijgen voorlichting over geweldloos opvoeden.",
        visie_signaleren="Professionals werken met de meldcode.",
        visie_intervenieren="Na huiselijk geweld krijgen kinderen psycho-educatie.",
        **velden,
    )
    vt = PartnerFactory(regiovisie=rv, naam="Veilig Thuis Flevoland", contactrol="Teamleider")
    jgz = PartnerFactory(regiovisie=rv, soort="jgz", naam="GGD Flevoland JGZ", contactrol="")
    doel = DoelFactory(
        regiovisie=rv,
        omschrijving="Meer aanstaande ouders krijgen begeleiding",
        nulmeting=Decimal("1234.50"),
        streefwaarde=Decimal("80"),
        meetwijze="Jaarlijkse registratie van de GGD.",
    )
    DoelFactory(
        regiovisie=rv,
        categorie="signalering",
        omschrijving="Scholen werken met de meldcode",
        indicator_tekst="",
        streefwaarde=None,
    )
    groep = DoelgroepFactory(regiovisie=rv, naam="Jonge ouders met geldzorgen")
    groep.wijken.add(wijken[0])
    voorzorg = ActieFactory(
        regiovisie=rv,
        naam="VoorZorg voor jonge moeders",
        spectrum="verhoogd_risico",
        preventieve_actie=PreventieveActie.objects.get(nummer=1),
        interventie=Interventie.objects.get(code="voorzorg"),
        doelgroep=groep,
        projectleider="Coördinator JGZ 0-4",
        bestuurlijk_trekker="Wethouder Jeugd Almere",
        budget=Decimal("12500"),
        bereik_gepland=1200,
        start=datetime.date(2026, 1, 1),
        eind=datetime.date(2027, 12, 31),
    )
    voorzorg.partners.add(vt, jgz)
    voorzorg.doelen.add(doel)
    voorzorg.wijken.add(*wijken[:5])
    Sturingsinstrument.objects.create(
        actie=voorzorg, soort=SoortSturing.SUBSIDIEVOORWAARDE, omschrijving="Alleen erkend."
    )
    ActieFactory(regiovisie=rv, naam="Voorlichting geweldloos opvoeden", budget=Decimal("999.5"))
    ActieFactory(regiovisie=rv, naam="Kinderen uit de Knel", spectrum="herhaling", projectleider="")
    _aandachtspunten_aanvullen(rv)
    AandachtspuntUitwerking.objects.filter(regiovisie=rv, aandachtspunt__nummer=1).update(
        tekst="Eén plan voor het hele gezin."
    )
    return rv


@pytest.fixture
def plan(regio, almere):
    return vul_regiovisie(regio, almere)


def test_document_gathers_every_chapter_in_order(plan):
    doc = document(plan)
    assert [k.label for k in doc["inhoud"] if k.niveau == 1] == [
        "1 Inleiding",
        "2 Situatieschets",
        "3 Visie en ambitie",
        "4 Doelen en doelgroepen",
        "5 Acties",
        "6 Aandachtspunten",
        "7 Sturing en monitoring",
        "8 Openstaande punten",
    ]
    assert [k.label for k in doc["inhoud"] if k.nummer.startswith("5.")] == [
        "5.1 Alle gezinnen",
        "5.2 Gezinnen met een verhoogd risico",
        "5.3 Herhaling voorkomen",
    ]
    assert [g.naam for g in doc["gemeenten"]] == ["Almere", "Lelystad"]
    assert doc["centrumgemeente"].naam == "Almere"
    assert (doc["versie"], doc["status_label"], doc["jaar"]) == (plan.versie, "Concept", 2026)
    assert [p["naam"] for p in doc["partners"]] == ["GGD Flevoland JGZ", "Veilig Thuis Flevoland"]
    assert doc["schets"].wijken[0].naam == "Wijk 1"

    [preventie, signalering] = doc["doelen_per_categorie"]
    assert (
        preventie["categorie"] == "Preventie" and signalering["categorie"] == "(Vroeg)signalering"
    )
    d1 = preventie["doelen"][0]
    assert (d1["nummer"], d1["nulmeting"], d1["streefwaarde"]) == (
        "D1",
        "1.234,5 (2024)",
        "80 in 2027",
    )
    assert signalering["doelen"][0]["indicator"] == ""

    verhoogd = doc["acties_per_spectrum"][1]
    [actie] = verhoogd["acties"]
    assert actie["nummer"] == "5.2.1"
    assert actie["interventie"] == "VoorZorg"
    assert actie["erkenningsniveau"] == "Effectief volgens goede aanwijzingen"
    assert actie["budget"] == "€ 12.500" and actie["bereik"] == "1.200 gezinnen"
    assert actie["looptijd"] == "1 januari 2026 tot en met 31 december 2027"
    assert actie["partners"] == "GGD Flevoland JGZ, Veilig Thuis Flevoland"
    assert actie["wijken"] == "Wijk 1, Wijk 2, Wijk 3, Wijk 4, Wijk 5"
    assert actie["doelen"] == ["D1"]
    assert doc["acties_per_spectrum"][0]["acties"][0]["budget"] == "€ 999,50"
    assert doc["totaal_budget"] == "€ 13.499,50"
    assert doc["sturing"] == [
        {
            "nummer": "5.2.1",
            "naam": "VoorZorg voor jonge moeders",
            "instrumenten": [{"soort": "Subsidievoorwaarde", "omschrijving": "Alleen erkend."}],
        }
    ]
    assert [d["meetwijze"] for d in doc["monitoring"]] == ["Jaarlijkse registratie van de GGD.", ""]
    assert len(doc["aandachtspunten"]) == 7
    codes = {w["tekst"] for w in doc["waarschuwingen"]}
    assert "Actie 'Kinderen uit de Knel' heeft geen projectleider die haar trekt." in codes


def test_a_vastgestelde_version_has_no_open_points(regio, almere):
    bestuurder = UserFactory(first_name="Anna", last_name="Bakker")
    rv = vul_regiovisie(
        regio,
        almere,
        status=Status.VASTGESTELD,
        vastgesteld_door=bestuurder,
        vastgesteld_op=timezone.make_aware(datetime.datetime(2026, 3, 12, 14, 0)),
    )
    doc = document(rv)
    assert doc["waarschuwingen"] == [] and doc["koppen"]["open"] is None
    assert "8 Openstaande punten" not in [k.label for k in doc["inhoud"]]
    assert (doc["vastgesteld_door"], doc["vastgesteld_op"]) == ("Anna Bakker", "12 maart 2026")


def test_text_fields_become_paragraphs_and_lists_escaped():
    tekst = alineas("Eerste alinea\nloopt door.\n\n- een\n- <script>twee</script>\nNa de lijst.")
    html = tekst.__html__()
    assert html == (
        "<p>Eerste alinea loopt door.</p>\n"
        "<ul><li>een</li><li>&lt;script&gt;twee&lt;/script&gt;</li></ul>\n"
        "<p>Na de lijst.</p>"
    )
    assert not alineas("  \n\n ")


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.WIJKPROFESSIONAL])
def test_print_view_shows_the_whole_document(client, lid, plan, rol):
    client.force_login(lid(rol))
    response = client.get(reverse("acties:afdrukken", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regio Eigen" in html and "Almere (centrumgemeente)" in html
    for kop in (
        "Inleiding",
        "Partners in de ketenaanpak",
        "Situatieschets",
        "Cijfers per wijk",
        "Visie en ambitie",
        "Spoor preventie",
        "Doelen en doelgroepen",
        "Acties",
        "Gezinnen met een verhoogd risico",
        "Aandachtspunten",
        "Sturing en monitoring",
        "Monitoring van de doelen",
        "Openstaande punten",
    ):
        assert f"</span> {kop}</h" in html, kop
    # The wijk figures of Stap 1 and the text of step 2.
    assert '<th scope="row">Wijk 1</th>' in html and "12,3" in html and "4.880" in html
    assert "<li>Geldzorgen</li>" in html
    assert "Ieder kind groeit veilig op." in html
    # An empty spoor says so instead of leaving its heading bare.
    assert (
        'Spoor analyseren en onderzoeken</h3>\n    <p class="nog-niet">Nog niet ingevuld</p>'
        in html
    )
    assert "VoorZorg" in html and "effectief volgens goede aanwijzingen" in html
    assert "Wethouder Jeugd Almere" in html and "€ 12.500" in html
    assert "Eén plan voor het hele gezin." in html and "Jaarlijkse registratie van de GGD." in html
    assert "heeft geen projectleider die haar trekt" in html
    assert reverse("acties:pdf", args=[plan.pk]) in html
    # CSP: no inline script or handler; the print button is wired by a static file.
    assert "onclick" not in html and "<script>" not in html and "js/document.js" in html
    assert "css/document.css" in html


def test_another_regios_regiovisie_is_not_found(client, lid, andere_regio):
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    ander = RegiovisieFactory(regio=andere_regio)
    assert client.get(reverse("acties:afdrukken", args=[ander.pk])).status_code == 404
    assert client.get(reverse("acties:pdf", args=[ander.pk])).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("acties:afdrukken", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
