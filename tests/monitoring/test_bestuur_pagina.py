"""The wethouder's one page: the story of a vastgestelde regiovisie, read by every role of the
regio, a 404 for another regio, and never a number of a suppressed Signs of Safety cell."""

import json
import re

import pytest
from django.urls import reverse

from portal.models import Rol

from .bestuur_scenario import scenario  # noqa: F401  (fixture)
from .factories import VastgesteldeRegiovisieFactory

pytestmark = pytest.mark.django_db


def _pagina(client, lid, plan, rol=Rol.BESTUURDER):
    client.force_login(lid(rol))
    response = client.get(reverse("monitoring:bestuur", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _figuur(html: str, grafiek_id: str) -> dict:
    m = re.search(
        rf'<script type="application/json" data-grafiek="{grafiek_id}">(.*?)</script>', html, re.S
    )
    assert m, f"geen figuur {grafiek_id}"
    return json.loads(m.group(1))


def test_pagina_noemt_achterstand_verlopen_actie_en_besluiten(client, lid, scenario):  # noqa: F811
    html = _pagina(client, lid, scenario.plan)
    assert "Bestuurlijk overzicht Regio Eigen" in html
    assert "1 van de 2 doelen liggen achter" in html
    doelen = html[html.index('data-testid="doelen"') :]
    rij_achter = doelen[doelen.index("Meer gezinnen krijgen steun van Home-Start") :]
    assert "achter op schema" in rij_achter[: rij_achter.index("</tr>")]
    rij_behaald = doelen[doelen.index("Alle consultatiebureaus voeren de Kindcheck uit") :]
    assert "behaald" in rij_behaald[: rij_behaald.index("</tr>")]
    verlopen = html[html.index('data-testid="verlopen"') :]
    assert "Oudercursus Stevig Ouderschap" in verlopen[: verlopen.index("</div>")]
    besluiten = html[html.index('data-testid="besluiten"') :]
    besluiten = besluiten[: besluiten.index("</ol>")]
    assert (
        "Doel D1 (‘Meer gezinnen krijgen steun van Home-Start in de wijk’) ligt achter" in besluiten
    )
    assert "‘Oudercursus Stevig Ouderschap’ had op" in besluiten
    assert "niet voldaan aan ‘Meldcode-training gevolgd door alle medewerkers’" in besluiten
    assert reverse("monitoring:doel", args=[scenario.plan.pk, scenario.achter.pk]) in besluiten
    assert reverse("monitoring:actie", args=[scenario.plan.pk, scenario.verlopen.pk]) in besluiten
    assert reverse("monitoring:sturing", args=[scenario.plan.pk]) in besluiten
    assert reverse("monitoring:bestuur_pdf", args=[scenario.plan.pk]) in html


def test_bereik_tegen_plan_en_schattingstrend(client, lid, scenario):  # noqa: F811
    html = _pagina(client, lid, scenario.plan)
    # 90 + 200 reached of 100 + 400 planned
    assert "bereikten samen 290 van de 500 geplande gezinnen (58%)" in html
    assert (
        "naar schatting 1.010 kinderen per jaar mishandeld (2024; 95%-interval 810 tot 1.260)"
        in html
    )
    assert "nooit een uitspraak over een gezin" in html
    trend = _figuur(html, "grafiek-schatting")
    assert [round(y) for y in trend["data"][-1]["y"]] == [980, 1010]


def test_sos_verandering_alleen_van_interventie_met_vijf_trajecten(client, lid, scenario):  # noqa: F811
    html = _pagina(client, lid, scenario.plan)
    sos = html[html.index('data-testid="sos"') :]
    sos = sos[: sos.index("</table>")]
    rij = sos[sos.index("Stevig Ouderschap") :]
    assert "+3,2" in rij[: rij.index("</tr>")]
    klein = sos[sos.index("Kleine Aanpak") :]
    klein = klein[: klein.index("</tr>")]
    assert "&lt; 5" in klein and "niet getoond" in klein
    assert "7,0" not in html and "+7" not in html
    tweede = sos[sos.index("Tweede Aanpak") :]
    assert "afgeschermd" in tweede[: tweede.index("</tr>")].lower()
    assert "+2,0" not in html
    figuur = _figuur(html, "grafiek-sos")
    tekst = json.dumps(figuur)
    assert "Kleine Aanpak" not in tekst and "Tweede Aanpak" not in tekst
    assert all(7.0 not in spoor["x"] for spoor in figuur["data"])
    assert any("Stevig Ouderschap" in json.dumps(spoor["y"]) for spoor in figuur["data"])


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.WIJKPROFESSIONAL])
def test_elke_rol_van_de_regio_leest(client, lid, scenario, rol):  # noqa: F811
    assert "Oudercursus Stevig Ouderschap" in _pagina(client, lid, scenario.plan, rol)


def test_regiovisie_van_andere_regio_is_404(client, lid, andere_regio):
    vreemd = VastgesteldeRegiovisieFactory(regio=andere_regio)
    client.force_login(lid(Rol.BESTUURDER))
    for naam in ("monitoring:bestuur", "monitoring:bestuur_pdf", "monitoring:jaarrapport"):
        assert client.get(reverse(naam, args=[vreemd.pk])).status_code == 404


def test_concept_zegt_dat_monitoring_na_vaststelling_begint(client, lid, regio):
    from tests.factories import DoelFactory, RegiovisieFactory

    concept = RegiovisieFactory(regio=regio)
    DoelFactory(regiovisie=concept, omschrijving="Een doel in een concept")
    html = _pagina(client, lid, concept)
    assert "Deze regiovisie is nog niet vastgesteld." in html
    assert "begint na de vaststelling" in html
    assert "Een doel in een concept" not in html
    assert 'data-testid="besluiten"' not in html


def test_totals_say_nothing_spent_as_the_rows_do(client, lid, scenario):  # noqa: F811
    """No spending reported: the total reads "—" like each row, not "€ 0"."""
    html = _pagina(client, lid, scenario.plan)
    totaal = html[html.index("<tfoot>") : html.index("</tfoot>")]
    cellen = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", totaal)]
    assert cellen[-2:] == ["—", "€ 40.000"]


def test_a_gemeente_with_more_years_shows_its_own_trend(client, lid, regio, scenario):  # noqa: F811
    """The regio total needs every gemeente in a year; Almere's longer series is shown apart."""
    from tests.factories import GebiedFactory, RegioGemeenteFactory, SchattingFactory

    RegioGemeenteFactory(regio=regio, code="GM0995", naam="Lelystad")
    lelystad = GebiedFactory(code="GM0995", naam="Lelystad")
    SchattingFactory(
        gebied=lelystad, jaar=2024, schatting=300.0, ondergrens=240, bovengrens=370, kinderen=18000
    )
    html = _pagina(client, lid, scenario.plan)
    # The regio: only 2024 has both gemeenten: 1010 + 300.
    regio_tabel = html[html.index('data-testid="tabel-schatting"') :]
    regio_tabel = regio_tabel[: regio_tabel.index("</table>")]
    assert "1.310" in regio_tabel and "2023" not in regio_tabel
    assert 'data-grafiek="grafiek-schatting"' not in html  # one year: no line to draw
    figuur = _figuur(html, "grafiek-schatting-gemeenten")
    assert [(t["name"], t["x"], t["y"]) for t in figuur["data"]] == [
        ("Almere", [2023, 2024], [980, 1010]),
        ("Lelystad", [2024], [300]),
    ]
    tabel = html[html.index('data-testid="tabel-schatting-gemeenten"') :]
    tabel = tabel[: tabel.index("</table>")]
    assert "Almere" in tabel and "980" in tabel and "240 tot 370" in tabel
