"""The progress overview of a vastgestelde regiovisie and Stap 3's landing page: what a reader
sees (status in words, numbers in Dutch, overdue actions named), and what a concept or another
regio's plan gives."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from portal.models import Rol
from tests.factories import ActieFactory, DoelFactory, RegiovisieFactory

from .factories import ActieVoortgangFactory, MetingFactory, VastgesteldeRegiovisieFactory


@pytest.fixture
def ingevuld(plan):
    """One goal behind, one on track, one never measured; an action on plan and one overdue."""
    achter = DoelFactory(regiovisie=plan, omschrijving="Minder meldingen huiselijk geweld")
    MetingFactory(doel=achter, waarde=42, datum=datetime.date(2025, 12, 31))
    koers = DoelFactory(regiovisie=plan, omschrijving="Meer gezinnen in preventieve begeleiding")
    MetingFactory(doel=koers, waarde=Decimal("55.5"), datum=datetime.date(2025, 12, 31))
    DoelFactory(regiovisie=plan, omschrijving="Kortere wachttijd wijkteam")
    loopt = ActieFactory(
        regiovisie=plan,
        naam="Opvoedspreekuur",
        bereik_gepland=200,
        budget=Decimal("10000"),
        eind=datetime.date(2030, 12, 31),
    )
    ActieVoortgangFactory(actie=loopt, periode="2025-K4", bereik=60, budget_besteed=Decimal("2500"))
    ActieVoortgangFactory(
        actie=loopt, periode="2026-K1", bereik=60, budget_besteed=Decimal("1250.50")
    )
    ActieFactory(regiovisie=plan, naam="Training meldcode", eind=datetime.date(2025, 6, 30))
    return plan


def test_the_overview_shows_each_goal_status_in_words_with_the_rule(client, lid, ingevuld):
    client.force_login(lid(Rol.BESTUURDER))
    page = client.get(reverse("monitoring:voortgang", args=[ingevuld.pk])).content.decode()
    assert "3 doelen:" in page and "1 achter, 1 op koers, 1 geen meting." in page
    assert "meer dan 5% van de hele beoogde verandering" in page  # the status rule, stated
    assert ">Achter<" in page and ">Op koers<" in page and ">Geen meting<" in page
    assert "55,5" in page  # the latest measurement in Dutch notation
    for doel in ingevuld.doelen.all():
        assert reverse("monitoring:doel", args=[ingevuld.pk, doel.pk]) in page


def test_the_overview_shows_reach_budget_and_names_the_overdue_action(client, lid, ingevuld):
    client.force_login(lid(Rol.LEZER))
    page = client.get(reverse("monitoring:voortgang", args=[ingevuld.pk])).content.decode()
    assert "120 van 200" in page and "60%" in page  # 60 + 60 families of 200 planned
    assert "€\u00a03.750,50 van €\u00a010.000" in page and "38%" in page
    assert "1 actie is over haar einddatum en niet afgerond of gestopt:" in page
    assert "Training meldcode</a> (einde 30 juni 2025)" in page
    assert reverse("monitoring:sturing", args=[ingevuld.pk]) in page
    assert reverse("monitoring:evaluatie", args=[ingevuld.pk]) in page


def test_a_concept_explains_that_monitoring_starts_after_vaststelling(client, regio, lid):
    concept = RegiovisieFactory(regio=regio, versie=3)
    DoelFactory(regiovisie=concept)
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    for url in (
        reverse("monitoring:voortgang", args=[concept.pk]),
        reverse("monitoring:sturing", args=[concept.pk]),
        reverse("monitoring:evaluatie", args=[concept.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Monitoring begint na vaststelling" in page
        assert "(versie 3) is nog concept" in page
        assert reverse("acties:detail", args=[concept.pk]) in page


def test_another_regios_plan_goal_and_action_are_not_found(client, lid, andere_regio):
    ander = VastgesteldeRegiovisieFactory(regio=andere_regio)
    doel, actie = DoelFactory(regiovisie=ander), ActieFactory(regiovisie=ander)
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    for url in (
        reverse("monitoring:voortgang", args=[ander.pk]),
        reverse("monitoring:doel", args=[ander.pk, doel.pk]),
        reverse("monitoring:actie", args=[ander.pk, actie.pk]),
        reverse("monitoring:sturing", args=[ander.pk]),
        reverse("monitoring:evaluatie", args=[ander.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("monitoring:doel", args=[ander.pk, doel.pk]), {}).status_code == 404


def test_a_goal_of_another_plan_in_the_url_is_not_found(client, lid, plan, regio):
    ander_plan = VastgesteldeRegiovisieFactory(regio=regio)
    doel = DoelFactory(regiovisie=ander_plan)
    client.force_login(lid(Rol.LEZER))
    assert client.get(reverse("monitoring:doel", args=[plan.pk, doel.pk])).status_code == 404


def test_the_landing_page_leads_to_the_vastgestelde_plan(client, lid, ingevuld):
    client.force_login(lid(Rol.WIJKPROFESSIONAL))
    page = client.get(reverse("monitoring:stap")).content.decode()
    assert "In ontwikkeling" not in page
    assert reverse("monitoring:voortgang", args=[ingevuld.pk]) in page
    assert reverse("monitoring:bestuur", args=[ingevuld.pk]) in page
    assert reverse("monitoring:sos") in page and reverse("monitoring:sos_resultaten") in page
    assert "1 achter, 1 op koers, 1 geen meting." in page
    assert "1 actie is over haar einddatum." in page


def test_only_who_may_record_scores_is_led_to_the_score_page(client, lid, ingevuld):
    client.force_login(lid(Rol.BESTUURDER))
    page = client.get(reverse("monitoring:stap")).content.decode()
    assert reverse("monitoring:sos") + '"' not in page  # it would be a 403 for a bestuurder
    assert reverse("monitoring:sos_resultaten") in page


def test_the_landing_page_says_what_to_do_without_a_vastgestelde_plan(client, regio, lid):
    RegiovisieFactory(regio=regio, versie=1)
    client.force_login(lid(Rol.LEZER))
    page = client.get(reverse("monitoring:stap")).content.decode()
    assert "Regio Eigen heeft nog geen vastgestelde regiovisie." in page
    assert "Versie 1 is nu concept." in page
    assert reverse("acties:stap") in page
    assert "In ontwikkeling" not in page
