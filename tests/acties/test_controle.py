"""The completeness check of wizard step 8: each warning appears when the plan has the gap and
disappears when it is fixed."""

import pytest

from acties import services
from acties.models import Interventie, PreventieveActie, Spectrum, Stap
from tests.factories import (
    ActieFactory,
    DoelFactory,
    DoelgroepFactory,
    GebiedFactory,
    RegiovisieFactory,
    SchattingFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def codes(regiovisie) -> list[str]:
    return [w.code for w in services.controle(regiovisie)]


@pytest.fixture
def plan(regio, almere):
    """A complete plan: every spectrum level, the five high-risk wijken reached, SMART goal."""
    rv = RegiovisieFactory(regio=regio)
    doel = DoelFactory(regiovisie=rv)
    for spectrum in Spectrum.values:
        ActieFactory(regiovisie=rv, spectrum=spectrum).doelen.add(doel)
    rv.acties.first().wijken.add(*almere[:5])
    return rv


def test_a_complete_plan_has_no_warnings(plan):
    assert services.controle(plan) == []


def test_an_empty_plan_misses_every_spectrum_level_and_every_high_risk_wijk(regio, almere):
    rv = RegiovisieFactory(regio=regio)
    warnings = services.controle(rv)
    assert [w.code for w in warnings] == [
        "spectrum_zonder_actie",
        "spectrum_zonder_actie",
        "geen_actie_herhaling",
    ] + ["wijk_zonder_actie"] * 5
    assert {w.stap for w in warnings} == {Stap.ACTIES}
    assert [w.object_id for w in warnings[3:]] == [w.code for w in almere[:5]]
    assert "Wijk 1 (Almere)" in warnings[3].tekst and "2024" in warnings[3].tekst


@pytest.mark.parametrize("spectrum", [Spectrum.ALLE_GEZINNEN, Spectrum.VERHOOGD_RISICO])
def test_a_spectrum_level_without_actions(plan, spectrum):
    actie = plan.acties.get(spectrum=spectrum)
    actie.delete()
    warnings = services.controle(plan)
    assert [(w.code, w.object_id) for w in warnings if w.object_type == "spectrum"] == [
        ("spectrum_zonder_actie", spectrum.value)
    ]
    assert str(spectrum.label) in warnings[0].tekst
    ActieFactory(regiovisie=plan, spectrum=spectrum)
    assert "spectrum_zonder_actie" not in codes(plan)


def test_no_action_on_herhaling(plan):
    plan.acties.filter(spectrum=Spectrum.HERHALING).delete()
    assert codes(plan) == ["geen_actie_herhaling"]
    ActieFactory(regiovisie=plan, spectrum=Spectrum.HERHALING)
    assert codes(plan) == []


def test_a_high_risk_wijk_without_action(plan, almere):
    bereikt = plan.acties.filter(wijken__isnull=False).distinct().get()
    bereikt.wijken.remove(almere[2])
    warnings = services.controle(plan)
    assert [(w.code, w.object_id) for w in warnings] == [("wijk_zonder_actie", "WK003403")]
    # Reached through a doelgroep of another action counts too.
    groep = DoelgroepFactory(regiovisie=plan)
    groep.wijken.add(almere[2])
    actie = plan.acties.exclude(pk=bereikt.pk).first()
    actie.doelgroep = groep
    actie.save()
    assert codes(plan) == []


def test_only_the_top_five_of_the_latest_year_count(plan, almere):
    # The sixth wijk (lowest estimate) needs no action; an older year's ranking is ignored.
    assert almere[5].code not in [w.object_id for w in services.controle(plan)]
    SchattingFactory(gebied=almere[5], jaar=2023, schatting=1000.0)
    assert codes(plan) == []
    # In the latest year it climbs to the top: now it is missing, and the fifth drops out.
    SchattingFactory(gebied=almere[5], jaar=2025, schatting=1000.0)
    for i, wijk in enumerate(almere[:4]):
        SchattingFactory(gebied=wijk, jaar=2025, schatting=100.0 - i)
    assert [(w.code, w.object_id) for w in services.controle(plan)] == [
        ("wijk_zonder_actie", almere[5].code)
    ]


def test_wijken_of_other_gemeenten_do_not_count(plan):
    utrecht = GebiedFactory(code="GM0344", naam="Utrecht")
    SchattingFactory(gebied=WijkFactory(code="WK034401", gemeente=utrecht), schatting=999.0)
    assert codes(plan) == []


def test_no_estimates_no_wijk_warnings(regio):
    rv = RegiovisieFactory(regio=regio)
    assert "wijk_zonder_actie" not in codes(rv)


@pytest.mark.parametrize(
    ("veld", "code"),
    [("projectleider", "actie_zonder_projectleider"),
     ("bestuurlijk_trekker", "actie_zonder_bestuurlijk_trekker")],
)  # fmt: skip
def test_an_action_without_projectleider_or_bestuurlijk_trekker(plan, veld, code):
    actie = plan.acties.first()
    setattr(actie, veld, "  ")
    actie.save()
    warnings = services.controle(plan)
    assert [(w.code, w.object_id) for w in warnings] == [(code, actie.pk)]
    assert actie.naam in warnings[0].tekst
    setattr(actie, veld, "Programmamanager Jeugd")
    actie.save()
    assert codes(plan) == []


def test_a_goal_without_indicator(plan):
    doel = plan.doelen.get()
    doel.indicator_tekst = ""
    doel.save()
    warnings = services.controle(plan)
    assert [(w.code, w.stap, w.object_id) for w in warnings] == [
        ("doel_zonder_indicator", Stap.DOELEN, doel.pk)
    ]
    from wijken.models import Indicator

    doel.indicator = Indicator.objects.first()
    doel.save()
    assert codes(plan) == []


@pytest.mark.parametrize("veld", ["streefwaarde", "streefjaar"])
def test_a_goal_without_target(plan, veld):
    doel = plan.doelen.get()
    setattr(doel, veld, None)
    doel.save()
    assert codes(plan) == ["doel_zonder_streefwaarde"]
    setattr(doel, veld, 2027)
    doel.save()
    assert codes(plan) == []


def test_an_intervention_below_goed_onderbouwd_where_a_better_one_exists(plan):
    actie = plan.acties.get(spectrum=Spectrum.VERHOOGD_RISICO)
    actie.preventieve_actie = PreventieveActie.objects.get(code="opvoedondersteuning-ernstig")
    actie.interventie = Interventie.objects.get(code="vipp-sd")  # level not verified
    actie.save()
    warnings = services.controle(plan)
    assert [(w.code, w.object_id) for w in warnings] == [
        ("interventie_onder_goed_onderbouwd", actie.pk)
    ]
    # The best alternatives are named first.
    assert "Incredible Years (Pittige Jaren) (effectief volgens sterke" in warnings[0].tekst
    actie.interventie = Interventie.objects.get(code="incredible-years")
    actie.save()
    assert codes(plan) == []


def test_goed_beschreven_is_below_goed_onderbouwd_too(plan):
    eigen = Interventie.objects.create(code="eigen", naam="Eigen cursus", erkenningsniveau=1)
    eigen.preventieve_acties.add(PreventieveActie.objects.get(code="geweldloos-opvoeden"))
    actie = plan.acties.first()
    actie.interventie = eigen  # no preventieve_actie: the intervention's own ones count
    actie.save()
    warnings = services.controle(plan)
    assert [w.code for w in warnings] == ["interventie_onder_goed_onderbouwd"]
    assert "Opvoeden & Zo" in warnings[0].tekst and "goed beschreven" in warnings[0].tekst


def test_no_warning_when_the_catalogue_has_nothing_better(plan):
    # Psycho-educatie na huiselijk geweld: no recognised intervention in the catalogue.
    actie = plan.acties.get(spectrum=Spectrum.HERHALING)
    actie.preventieve_actie = PreventieveActie.objects.get(code="psycho-educatie-na-geweld")
    actie.interventie = Interventie.objects.get(code="kies")
    actie.save()
    assert codes(plan) == []


def test_a_recognised_intervention_is_never_flagged(plan):
    actie = plan.acties.first()
    actie.preventieve_actie = PreventieveActie.objects.get(code="opvoedondersteuning-ernstig")
    actie.interventie = Interventie.objects.get(code="stevig-ouderschap")  # eerste aanwijzingen
    actie.save()
    assert codes(plan) == []


def test_a_vraag_aanbod_gap_without_action_once_aanbod_is_inventoried(plan, almere, regio):
    from tests.factories import AanbodFactory

    aanbod = AanbodFactory(regio=regio, capaciteit_per_jaar=100)
    aanbod.wijken.add(almere[0])
    # Gaps: wijken 2..6 (need 50, 40, 30, 20, 10; no capacity); the plan reaches wijken 1..5.
    gaps = [w for w in services.controle(plan) if w.code == "tekort_zonder_actie"]
    assert [(w.object_id, w.stap) for w in gaps] == [(almere[5].code, Stap.ACTIES)]
    assert "tekort 10 per jaar, 2024" in gaps[0].tekst
    plan.acties.first().wijken.add(almere[5])
    assert "tekort_zonder_actie" not in codes(plan)
