"""The situatieschets of wizard step 2: the figures of Stap 1 for the regio, hand-computed, and
the Dutch starting text built from them. Never a signal's text or a session's participants."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from acties.situatie import concepttekst, situatieschets
from risicofactoren.models import Schatting
from risicofactoren.services import default_model
from tests.factories import (
    AanbodFactory,
    DialoogFactorFactory,
    DialoogsessieFactory,
    GebiedFactory,
    RisicofactorFactory,
    SchattingFactory,
    SignaalFactory,
)

pytestmark = pytest.mark.django_db

FACTOREN = {
    "laag-opleidingsniveau": {
        "naam": "Laag opleidingsniveau van de ouders",
        "aandeel": 0.40,
        "landelijk": 0.20,
        "ratio": 1.45,
        "herkomst": "eigen",
    },
    "werkloosheid": {
        "naam": "Werkloosheid",
        "aandeel": 0.10,
        "landelijk": 0.08,
        "ratio": 1.1,
        "herkomst": "eigen",
    },
    "eenoudergezin": {
        "naam": "Eenoudergezin",
        "aandeel": 0.30,
        "landelijk": 0.20,
        "ratio": 1.2,
        "herkomst": "eigen",
    },
    "bijna-gelijk": {
        "naam": "Bijna gelijk",
        "aandeel": 0.2,
        "landelijk": 0.2,
        "ratio": 1.004,
        "herkomst": "land",
    },
    "beschermd": {
        "naam": "Migratieachtergrond",
        "aandeel": 0.05,
        "landelijk": 0.25,
        "ratio": 0.8,
        "herkomst": "eigen",
    },
}


@pytest.fixture
def wijken(almere):
    """Wijk 1 (60 a year) with figures and factors; the others keep the factory's interval."""
    Schatting.objects.filter(gebied=almere[0]).update(
        per_1000=12.3, kinderen=4880.0, factoren=FACTOREN, ondergrens=41.5, bovengrens=82.4
    )
    return almere


def test_the_five_highest_wijken_with_interval_rate_children_and_factors(regio, wijken):
    schets = situatieschets(regio)

    assert schets.jaar == 2024
    assert [w.naam for w in schets.wijken] == ["Wijk 1", "Wijk 2", "Wijk 3", "Wijk 4", "Wijk 5"]
    assert [w.schatting for w in schets.wijken] == [60, 50, 40, 30, 20]
    eerste = schets.wijken[0]
    assert (eerste.gemeente, eerste.jaar, eerste.per_1000, eerste.kinderen) == (
        "Almere",
        2024,
        12.3,
        4880,
    )
    assert eerste.interval == "42 tot 82"  # 41,5 and 82,4 rounded
    assert schets.wijken[1].interval == "6 tot 15"
    # Only factors above the national level (ratio > 1.005), strongest first, at most three.
    assert [(f.naam, f.ratio) for f in eerste.factoren] == [
        ("Laag opleidingsniveau van de ouders", 1.45),
        ("Eenoudergezin", 1.2),
        ("Werkloosheid", 1.1),
    ]
    assert eerste.factoren[0].aandeel == pytest.approx(40.0)
    assert eerste.factoren[0].landelijk == pytest.approx(20.0)
    assert eerste.factoren[0].label == "Laag opleidingsniveau van de ouders (1,45×)"
    assert schets.wijken[1].factoren == []
    assert schets.model_naam == default_model().naam
    assert schets.voorbehoud == "Een schatting voor beleid, nooit een uitspraak over een gezin."


def test_gemeente_totals_from_the_gemeenten_own_estimates(regio, wijken):
    SchattingFactory(
        gebied=GebiedFactory(code="GM0034"),
        schatting=1234.4,
        ondergrens=1000.0,
        bovengrens=1500.0,
        per_1000=25.3,
        kinderen=48795.0,
    )
    schets = situatieschets(regio)
    [almere] = schets.gemeenten
    assert (almere.naam, almere.is_centrumgemeente, almere.schatting) == ("Almere", True, 1234.4)
    assert almere.interval == "1.000 tot 1.500"
    assert schets.totaal == 1234.4 and schets.totaal_kinderen == 48795.0
    tekst = concepttekst(schets)
    assert (
        "In Regio Eigen (Almere) worden naar schatting jaarlijks 1.234 van de 48.795 kinderen "
        "van 0 tot en met 17 jaar mishandeld (2024, " in tekst
    )


def test_no_total_when_a_member_gemeente_has_no_estimate(regio, wijken):
    assert situatieschets(regio).totaal is None
    assert "worden naar schatting jaarlijks" not in concepttekst(situatieschets(regio))


def test_recent_signals_and_the_latest_dialogue_per_wijk_without_personal_data(
    regio, andere_regio, wijken
):
    vandaag = timezone.localdate()
    geld = RisicofactorFactory(naam="Financiële problemen")
    isolement = RisicofactorFactory(naam="Sociaal isolement")
    netwerk = RisicofactorFactory(naam="Steunend netwerk", soort="beschermend")
    for dagen, thema in [(10, geld), (40, geld), (100, isolement)]:
        SignaalFactory(
            regio=regio,
            gebied=wijken[0],
            thema=thema,
            datum=vandaag - datetime.timedelta(days=dagen),
            tekst="Moeder van Jan de Vries (06-12345678) heeft schulden.",
        )
    # Not counted: older than a year, another regio, a wijk outside the top 5.
    SignaalFactory(
        regio=regio, gebied=wijken[0], thema=geld, datum=vandaag - datetime.timedelta(days=400)
    )
    SignaalFactory(regio=andere_regio, gebied=wijken[0], thema=geld, datum=vandaag)
    SignaalFactory(regio=regio, gebied=wijken[5], thema=geld, datum=vandaag)
    oud = DialoogsessieFactory(
        regio=regio,
        gebied=wijken[0],
        datum=vandaag - datetime.timedelta(days=300),
        conclusies="Oude conclusie.",
    )
    nieuw = DialoogsessieFactory(
        regio=regio,
        gebied=wijken[0],
        datum=vandaag - datetime.timedelta(days=5),
        deelnemers="Wijkteam\nPiet Jansen",
        conclusies="Isolement weegt zwaar; het buurthuis is een sterke plek.",
    )
    DialoogFactorFactory(sessie=nieuw, risicofactor=isolement, gewicht=3)
    DialoogFactorFactory(sessie=nieuw, risicofactor=netwerk, gewicht=1)
    DialoogFactorFactory(sessie=oud, risicofactor=netwerk, gewicht=3)

    schets = situatieschets(regio)
    eerste = schets.wijken[0]
    assert (eerste.signalen, eerste.signaal_themas) == (
        3,
        ["Financiële problemen", "Sociaal isolement"],
    )
    assert eerste.dialoogsessies == 2
    assert eerste.laatste_sessie == nieuw.datum
    assert (eerste.balans.risico, eerste.balans.beschermend) == (3, 1)
    assert eerste.conclusies == "Isolement weegt zwaar; het buurthuis is een sterke plek."
    assert [w.naam for w in schets.wijken_met_kennis] == ["Wijk 1"]
    assert schets.signalen_sinds == vandaag - datetime.timedelta(days=365)

    tekst = concepttekst(schets)
    assert "In Wijk 1 legden professionals sinds " in tekst
    assert "3 signalen vast, vooral over financiële problemen en sociaal isolement." in tekst
    assert "kwam uit op: risico weegt zwaarder. Conclusie: Isolement weegt zwaar" in tekst
    html = render_to_string("acties/_situatieschets.html", {"schets": schets})
    for uitvoer in (tekst, html):
        assert "Jan de Vries" not in uitvoer and "06-12345678" not in uitvoer
        assert "Piet Jansen" not in uitvoer and "Oude conclusie" not in uitvoer
    assert 'data-testid="wijkkennis"' in html and "risico weegt zwaarder" in html


def test_vraag_aanbod_gaps_hand_computed(regio, wijken):
    # One regio-wide aanbod of 150 families a year, shared out by need over the six wijken
    # (60+50+40+30+20+10 = 210): every wijk is short by need × (1 − 150/210) = need × 2/7.
    AanbodFactory(regio=regio, voorziening="Opvoedspreekuur", capaciteit_per_jaar=150)
    schets = situatieschets(regio)
    assert [t.naam for t in schets.tekorten] == ["Wijk 1", "Wijk 2", "Wijk 3", "Wijk 4", "Wijk 5"]
    eerste = schets.tekorten[0]
    assert eerste.behoefte == 60
    assert eerste.capaciteit == pytest.approx(150 * 60 / 210)
    assert eerste.tekort == pytest.approx(60 * 2 / 7)
    assert eerste.aanbod == ["Opvoedspreekuur"]
    tekst = concepttekst(schets)
    assert "- Wijk 1 (Almere): behoefte 60, capaciteit 43, tekort 17." in tekst


def test_the_starting_text_in_dutch_numbers(regio, wijken):
    tekst = concepttekst(situatieschets(regio))
    assert tekst.startswith(
        "De 5 wijken met de hoogste geschatte aantallen mishandelde kinderen (2024):\n"
    )
    assert (
        "- Wijk 1 (Almere): naar schatting 60 kinderen per jaar (95%-interval 42 tot 82), "
        "12,3 per 1000 van de 4.880 kinderen; vooral door laag opleidingsniveau van de ouders "
        "(40,0% tegen 20,0% landelijk), eenoudergezin (30,0% tegen 20,0% landelijk) en "
        "werkloosheid (10,0% tegen 8,0% landelijk)." in tekst
    )
    assert tekst.rstrip().endswith("Een schatting voor beleid, nooit een uitspraak over een gezin.")


def test_a_regio_without_estimates(regio):
    schets = situatieschets(regio)
    assert not schets.heeft_cijfers and schets.wijken == [] and schets.tekorten == []
    assert [g.naam for g in schets.gemeenten] == ["Almere"]
    tekst = concepttekst(schets)
    assert "Voor de wijken van Regio Eigen zijn nog geen schattingen berekend." in tekst
    html = render_to_string("acties/_situatieschets.html", {"schets": schets})
    assert 'data-testid="geen-schattingen"' in html and "<table" not in html


def test_a_year_without_estimates_shows_none(regio, wijken):
    assert situatieschets(regio, jaar=2019).wijken == []


def test_the_partial_is_an_accessible_table(regio, wijken):
    html = render_to_string("acties/_situatieschets.html", {"schets": situatieschets(regio)})
    assert "<caption>De 5 wijken met de hoogste geschatte aantallen mishandelde kinderen" in html
    assert html.count('<th scope="col">') >= 4 and '<th scope="row">Wijk 1</th>' in html
    assert "42 tot 82" in html and "12,3" in html and "4.880" in html
    assert "Laag opleidingsniveau van de ouders (1,45×)" in html
    assert "Een schatting voor beleid, nooit een uitspraak over een gezin." in html
    assert 'data-testid="geen-wijkkennis"' in html
    # Without any aanbod every wijk with an estimate falls short.
    assert 'data-testid="tekorten"' in html and "geen aanbod vastgelegd" in html
