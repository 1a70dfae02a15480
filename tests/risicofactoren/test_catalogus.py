"""The risk factor catalogue: shipped as the NJi guidance lists it, read by all, kept by beheerders."""

import json
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from portal.models import AuditEvent, AuditEventType, Rol
from risicofactoren import services
from risicofactoren.admin import RisicofactorAdminForm
from risicofactoren.models import (
    Dialoogsessie,
    FactorSoort,
    ModelFactor,
    PrevalentieModel,
    Risicofactor,
    Schatting,
    Signaal,
)
from wijken import services as wijken_services
from wijken.models import Indicator

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Every item of the NJi list "Ken de risicofactoren voor kindermishandeling", by niveau and
# cluster (the Gezin items eenoudergezin/stiefgezin/groot gezin and werkloosheid/financiële
# problemen are one line each in the list and two or three factors here).
NJI_LIJST = {
    ("ouder", "opvoeder"): [
        "ontoereikende-pedagogische-kennis",
        "problemen-ouder-kindinteractie",
        "negatieve-houding-kind",
        "eerder-kind-mishandeld",
        "minimaliseren-ontkennen-mishandeling",
    ],
    ("ouder", "persoonlijk"): [
        "psychiatrische-problematiek",
        "verslavingsproblematiek",
        "verstandelijke-beperking",
        "beperkte-beschikbaarheid",
    ],
    ("ouder", "voorgeschiedenis"): [
        "jong-ouderschap",
        "zelf-slachtoffer-kindermishandeling",
        "eerder-geweld-tegen-personen",
    ],
    ("kind", ""): [
        "jong-kind",
        "belaste-voorgeschiedenis-kind",
        "ziekte-of-handicap-kind",
        "gedrags-ontwikkelingsproblemen",
        "moeilijk-temperament",
        "ongewenst-kind",
    ],
    ("gezin", ""): [
        "eenoudergezin",
        "stiefgezin",
        "groot-gezin",
        "veel-conflicten",
        "partnergeweld",
        "sociaal-isolement",
        "werkloosheid-ouders",
        "financiele-problemen",
        "laag-opleidingsniveau-ouders",
        "migratieachtergrond",
        "slechte-huisvesting",
    ],
    ("omgeving", ""): [
        "armoede-achterstandswijk",
        "weinig-sociale-samenhang",
        "geweld-onveiligheid-buurt",
        "culturele-acceptatie-geweld",
    ],
}

NPM_2017 = {
    "laag-opleidingsniveau-ouders": (4.95, 3.5, 7.0),
    "werkloosheid-ouders": (3.64, 2.6, 5.1),
    "migratieachtergrond": (3.61, 2.55, 5.1),
    "eenoudergezin": (2.29, 1.62, 3.24),
}


@pytest.fixture(autouse=True)
def catalogus(db):
    """A transactional test elsewhere may have flushed what the data migrations loaded."""
    wijken_services.load_catalogue()
    services.load_risicofactoren()


def formulier(factor: Risicofactor, **velden) -> dict:
    data = {
        "naam": factor.naam,
        "toelichting": factor.toelichting,
        "proxy_indicatoren": [i.pk for i in factor.proxy_indicatoren.all()],
        "relatief_risico": "",
        "rr_ondergrens": "",
        "rr_bovengrens": "",
        "bron": factor.bron,
    }
    for veld in ("relatief_risico", "rr_ondergrens", "rr_bovengrens"):
        waarde = getattr(factor, veld)
        if waarde is not None:
            data[veld] = str(waarde).replace(".", ",")
    data.update(velden)
    return data


# --- the shipped catalogue --------------------------------------------------------------------


def test_shipped_catalogue_has_every_item_of_the_guidance_in_its_place():
    risico = Risicofactor.objects.filter(soort=FactorSoort.RISICO)
    assert set(risico.values_list("niveau", flat=True)) == {"ouder", "kind", "gezin", "omgeving"}
    assert set(risico.filter(niveau="ouder").values_list("cluster", flat=True)) == {
        "opvoeder",
        "persoonlijk",
        "voorgeschiedenis",
    }
    for (niveau, cluster), codes in NJI_LIJST.items():
        gevonden = set(risico.filter(niveau=niveau, cluster=cluster).values_list("code", flat=True))
        assert set(codes) <= gevonden, (niveau, cluster, set(codes) - gevonden)
    for factor in Risicofactor.objects.all():
        assert factor.toelichting.strip(), factor.code
        assert (factor.niveau == "ouder") == bool(factor.cluster), factor.code


def test_every_niveau_has_protective_factors_with_proxies_where_the_leefbarometer_measures_them():
    beschermend = Risicofactor.objects.filter(soort=FactorSoort.BESCHERMEND)
    assert set(beschermend.values_list("niveau", flat=True)) == {
        "ouder",
        "kind",
        "gezin",
        "omgeving",
    }
    proxies = {
        f.code: {i.code for i in f.proxy_indicatoren.all()}
        for f in beschermend.filter(niveau="omgeving")
    }
    assert proxies["sociale-samenhang-buurt"] == {"leefbarometer_sociaal"}
    assert proxies["goede-voorzieningen"] == {"leefbarometer_voorzieningen"}
    assert proxies["veilige-buurt"] == {"leefbarometer_onveiligheid"}


def test_fixture_names_only_indicators_that_exist():
    """The loader skips unknown codes silently; a typo would lose a proxy without a word."""
    bekend = {
        i["code"] for i in json.loads((FIXTURES / "indicatoren.json").read_text())["indicatoren"]
    }
    for item in json.loads((FIXTURES / "risicofactoren.json").read_text())["risicofactoren"]:
        assert set(item["indicatoren"]) <= bekend, item["code"]
    financieel = Risicofactor.objects.get(code="financiele-problemen")
    assert set(financieel.proxy_indicatoren.values_list("code", flat=True)) == {
        "huishoudens_laag_inkomen",
        "huishoudens_sociaal_minimum",
    }


def test_only_the_four_npm_factors_carry_a_relative_risk():
    for code, (rr, onder, boven) in NPM_2017.items():
        factor = Risicofactor.objects.get(code=code)
        assert (factor.relatief_risico, factor.rr_ondergrens, factor.rr_bovengrens) == (
            rr,
            onder,
            boven,
        )
        assert "NPM-2017" in factor.bron
    rest = Risicofactor.objects.exclude(code__in=NPM_2017)
    assert not rest.filter(relatief_risico__isnull=False).exists()
    assert not rest.exclude(bron="").exists()


def test_the_prevalence_model_still_finds_its_factors():
    model = PrevalentieModel.objects.get(is_standaard=True)
    codes = set(
        ModelFactor.objects.filter(model=model).values_list("risicofactor__code", flat=True)
    )
    assert set(NPM_2017) <= codes


# --- the list page ------------------------------------------------------------------------------


def test_list_page_shows_the_catalogue_grouped_by_niveau_and_cluster(client, lid):
    client.force_login(lid(Rol.LEZER))
    response = client.get(reverse("catalogus:lijst"))
    assert response.status_code == 200
    html = response.content.decode()
    koppen = [
        '<h2 id="niveau-ouder"',
        "Functioneren als opvoeder",
        "Persoonlijk functioneren",
        "Voorgeschiedenis",
        '<h2 id="niveau-kind"',
        '<h2 id="niveau-gezin"',
        '<h2 id="niveau-omgeving"',
    ]
    posities = [html.index(kop) for kop in koppen]
    assert posities == sorted(posities)
    ouder, kind = html.index('id="niveau-ouder"'), html.index('id="niveau-kind"')
    gezin, omgeving = html.index('id="niveau-gezin"'), html.index('id="niveau-omgeving"')
    assert ouder < html.index("Psychiatrische problematiek") < kind
    assert kind < html.index("Moeilijk temperament") < gezin
    assert gezin < html.index("Partnergeweld / huiselijk geweld") < omgeving
    assert omgeving < html.index("Veilige buurt")
    assert html.count('data-testid="factor"') == Risicofactor.objects.count()


def test_list_page_shows_relative_risk_interval_source_and_proxies(client, lid):
    client.force_login(lid(Rol.BESTUURDER))
    html = client.get(reverse("catalogus:lijst")).content.decode()
    rij = html[html.index('id="factor-laag-opleidingsniveau-ouders"') :]
    rij = rij[: rij.index("</tr>")]
    assert "4,95 (3,50–7,00)" in rij
    assert "NPM-2017 (Van Berkel e.a., 2020)" in rij
    assert "Percentage laag opgeleid" in rij
    rij = html[html.index('id="factor-weinig-sociale-samenhang"') :]
    rij = rij[: rij.index("</tr>")]
    assert "Leefbarometer: sociale samenhang" in rij
    assert "een lage waarde wijst op deze factor" in rij


def test_only_beheerders_see_the_edit_links(client, lid):
    link = reverse("catalogus:wijzigen", args=["eenoudergezin"])
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    assert link not in client.get(reverse("catalogus:lijst")).content.decode()
    client.force_login(lid(Rol.BEHEERDER))
    assert link in client.get(reverse("catalogus:lijst")).content.decode()


def test_stap_1_links_to_the_catalogue(client, lid):
    client.force_login(lid(Rol.LEZER))
    html = client.get(reverse("wijken:stap")).content.decode()
    assert f'href="{reverse("catalogus:lijst")}"' in html


def test_list_page_in_english(client, lid):
    client.force_login(lid(Rol.LEZER))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("catalogus:lijst")).content.decode()
    assert "Risk factors and protective factors" in html
    assert "Protective factors" in html and "Parenting" in html
    assert "Sources: NJi" in html and "Relative risk" in html


# --- editing ------------------------------------------------------------------------------------


def test_beheerder_edits_a_factor_and_the_change_is_logged(client, lid, regio):
    beheerder = lid(Rol.BEHEERDER)
    client.force_login(beheerder)
    factor = Risicofactor.objects.get(code="stiefgezin")
    url = reverse("catalogus:wijzigen", args=[factor.code])
    assert client.get(url).status_code == 200
    data = formulier(
        factor,
        toelichting="Nieuwe toelichting.",
        relatief_risico="2,5",
        rr_ondergrens="1,8",
        rr_bovengrens="3,4",
        bron="Voorbeeldstudie 2024",
        proxy_indicatoren=[Indicator.objects.get(code="eenouderhuishoudens").pk],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('catalogus:lijst')}#factor-stiefgezin"
    factor.refresh_from_db()
    assert factor.toelichting == "Nieuwe toelichting."
    assert (factor.relatief_risico, factor.rr_ondergrens, factor.rr_bovengrens) == (2.5, 1.8, 3.4)
    assert list(factor.proxy_indicatoren.values_list("code", flat=True)) == ["eenouderhuishoudens"]
    event = AuditEvent.objects.get(type=AuditEventType.RISICOFACTOR_GEWIJZIGD)
    assert event.actor == beheerder and event.regio == regio
    assert event.details["risicofactor"] == "stiefgezin"
    assert event.details["wijzigingen"]["relatief_risico"] == {"oud": None, "nieuw": 2.5}
    assert set(event.details["wijzigingen"]) == {
        "toelichting",
        "proxy_indicatoren",
        "relatief_risico",
        "rr_ondergrens",
        "rr_bovengrens",
        "bron",
    }
    assert "De factor is opgeslagen." in client.get(response["Location"]).content.decode()


def test_saving_without_changes_logs_nothing(client, lid):
    client.force_login(lid(Rol.BEHEERDER))
    factor = Risicofactor.objects.get(code="eenoudergezin")
    response = client.post(
        reverse("catalogus:wijzigen", args=[factor.code]), formulier(factor), follow=True
    )
    assert "Er was niets gewijzigd." in response.content.decode()
    assert not AuditEvent.objects.filter(type=AuditEventType.RISICOFACTOR_GEWIJZIGD).exists()


@pytest.mark.parametrize("rol", [Rol.BELEIDSMEDEWERKER, Rol.BESTUURDER, Rol.WIJKPROFESSIONAL])
def test_other_roles_may_not_edit(client, lid, rol):
    client.force_login(lid(rol))
    factor = Risicofactor.objects.get(code="eenoudergezin")
    url = reverse("catalogus:wijzigen", args=[factor.code])
    assert client.get(url).status_code == 403
    response = client.post(url, formulier(factor, naam="Gewijzigd", relatief_risico="9"))
    assert response.status_code == 403
    factor.refresh_from_db()
    assert factor.naam == "Eenoudergezin" and factor.relatief_risico == 2.29
    assert not AuditEvent.objects.filter(type=AuditEventType.RISICOFACTOR_GEWIJZIGD).exists()


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        (
            {"relatief_risico": "2", "rr_ondergrens": "2,5", "rr_bovengrens": "3"},
            "Het interval klopt niet: de ondergrens (2,5) moet kleiner dan of gelijk aan het "
            "relatieve risico (2) zijn",
        ),
        (
            {"relatief_risico": "4", "rr_ondergrens": "2", "rr_bovengrens": "3"},
            "Het interval klopt niet",
        ),
        (
            {"relatief_risico": "0", "rr_ondergrens": "-1", "rr_bovengrens": "3"},
            "Vul een getal groter dan 0 in.",
        ),
        (
            {"relatief_risico": "2", "rr_ondergrens": "", "rr_bovengrens": "3"},
            "Vul het relatieve risico, de ondergrens en de bovengrens alle drie in, of laat ze "
            "alle drie leeg.",
        ),
        (
            {"relatief_risico": "2", "rr_ondergrens": "1", "rr_bovengrens": "3", "bron": ""},
            "Vermeld de bron van het relatieve risico.",
        ),
        ({"relatief_risico": "veel"}, "Voer een getal in."),
    ],
)
def test_invalid_relative_risk_is_refused_in_dutch_and_nothing_is_saved(
    client, lid, velden, melding
):
    client.force_login(lid(Rol.BEHEERDER))
    factor = Risicofactor.objects.get(code="eenoudergezin")
    data = formulier(factor, toelichting="Mag niet worden opgeslagen.", **velden)
    response = client.post(reverse("catalogus:wijzigen", args=[factor.code]), data)
    assert response.status_code == 200
    assert melding in response.content.decode()
    factor.refresh_from_db()
    assert factor.toelichting != "Mag niet worden opgeslagen."
    assert (factor.relatief_risico, factor.rr_ondergrens, factor.rr_bovengrens) == (
        2.29,
        1.62,
        3.24,
    )
    assert not AuditEvent.objects.filter(type=AuditEventType.RISICOFACTOR_GEWIJZIGD).exists()


def test_a_relative_risk_may_be_removed_as_a_whole(client, lid):
    client.force_login(lid(Rol.BEHEERDER))
    factor = Risicofactor.objects.get(code="migratieachtergrond")
    data = formulier(factor, relatief_risico="", rr_ondergrens="", rr_bovengrens="", bron="")
    assert client.post(reverse("catalogus:wijzigen", args=[factor.code]), data).status_code == 302
    factor.refresh_from_db()
    assert factor.relatief_risico is None and factor.bron == ""


# --- Django admin -------------------------------------------------------------------------------


def test_models_are_in_the_admin_and_estimates_are_read_only(rf):
    for model in (Risicofactor, PrevalentieModel, Schatting, Signaal, Dialoogsessie):
        assert model in admin.site._registry, model
    request = rf.get("/")
    schatting_admin = admin.site._registry[Schatting]
    assert not schatting_admin.has_add_permission(request)
    assert not schatting_admin.has_change_permission(request)
    assert not schatting_admin.has_delete_permission(request)


def test_admin_form_checks_the_interval_too():
    factor = Risicofactor.objects.get(code="eenoudergezin")
    form = RisicofactorAdminForm(
        instance=factor,
        data={
            "code": factor.code,
            "naam": factor.naam,
            "soort": factor.soort,
            "niveau": factor.niveau,
            "cluster": factor.cluster,
            "volgorde": factor.volgorde,
            "toelichting": factor.toelichting,
            "relatief_risico": "5",
            "rr_ondergrens": "1",
            "rr_bovengrens": "3",
            "bron": factor.bron,
        },
    )
    assert not form.is_valid()
    assert "Het interval klopt niet" in str(form.errors)


def test_admin_pages_open_for_a_superuser(client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("admin", "a@example.org", "x" * 16)
    client.force_login(admin_user)
    factor = Risicofactor.objects.get(code="eenoudergezin")
    for url in (
        reverse("admin:risicofactoren_risicofactor_changelist"),
        reverse("admin:risicofactoren_risicofactor_change", args=[factor.pk]),
        reverse("admin:risicofactoren_prevalentiemodel_changelist"),
        reverse("admin:risicofactoren_schatting_changelist"),
        reverse("admin:risicofactoren_signaal_changelist"),
        reverse("admin:risicofactoren_dialoogsessie_changelist"),
        reverse("admin:risicofactoren_dialoogsessie_add"),
    ):
        assert client.get(url).status_code == 200, url
