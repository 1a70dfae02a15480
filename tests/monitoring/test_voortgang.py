"""Recording progress: measurements, quarters of an action, evaluations; who may, and the log."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import ActieVoortgang, Evaluatie, Meting
from monitoring.services import (
    GeenBevoegdheid,
    MonitoringFout,
    actiestanden,
    kwartaal,
    record_evaluatie,
    record_meting,
    record_voortgang,
)
from portal.models import AuditEvent, Rol
from tests.factories import ActieFactory, DoelFactory, RegiovisieFactory

VANDAAG = datetime.date(2026, 3, 1)


def test_quarters_are_written_as_year_and_k():
    assert kwartaal(datetime.date(2026, 1, 1)) == "2026-K1"
    assert kwartaal(datetime.date(2026, 5, 14)) == "2026-K2"
    assert kwartaal(datetime.date(2026, 12, 31)) == "2026-K4"


def test_a_quarter_replaces_what_was_recorded_for_it_and_is_logged(plan, beleid):
    actie = ActieFactory(regiovisie=plan, bereik_gepland=100, budget=Decimal("10000"))
    record_voortgang(actie, periode="2025-K1", status="loopt", bereik=20, user=beleid)
    record_voortgang(
        actie,
        periode="2025-K1",
        status="loopt",
        bereik=25,
        budget_besteed=Decimal("1500"),
        user=beleid,
    )
    record_voortgang(
        actie,
        periode="2025-K2",
        status="afgerond",
        bereik=30,
        budget_besteed=Decimal("2500.50"),
        user=beleid,
    )

    assert ActieVoortgang.objects.filter(actie=actie).count() == 2
    (stand,) = actiestanden(plan, VANDAAG)
    assert stand.status == "afgerond" and stand.status_label == "Afgerond"
    assert stand.bereik == 55  # 25 + 30: per quarter, summed
    assert stand.bereik_gepland == 100
    assert stand.budget_besteed == Decimal("4000.50")  # 1500 + 2500.50
    assert not stand.verlopen
    gebeurtenis = AuditEvent.objects.filter(type="monitoring_vastgelegd").first()
    assert gebeurtenis.actor == beleid and gebeurtenis.regio == plan.regio
    assert gebeurtenis.details["onderdeel"] == "voortgang"


def test_a_bad_quarter_is_refused_in_dutch(plan, beleid):
    actie = ActieFactory(regiovisie=plan)
    with pytest.raises(ValidationError, match="2026-K1"):
        record_voortgang(actie, periode="2026-Q1", status="loopt", user=beleid)


def test_only_a_vastgestelde_regiovisie_is_monitored(regio, beleid):
    concept = RegiovisieFactory(regio=regio)
    with pytest.raises(MonitoringFout, match="vastgestelde regiovisie"):
        record_voortgang(
            ActieFactory(regiovisie=concept), periode="2025-K1", status="loopt", user=beleid
        )


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.WIJKPROFESSIONAL])
def test_who_may_not_record_progress(plan, lid, rol):
    user = lid(rol)
    with pytest.raises(GeenBevoegdheid):
        record_meting(DoelFactory(regiovisie=plan), waarde=1, datum=VANDAAG, user=user)


def test_a_beleidsmedewerker_of_another_regio_may_not(plan, lid, andere_regio):
    user = lid(Rol.BELEIDSMEDEWERKER, in_regio=andere_regio)
    with pytest.raises(GeenBevoegdheid):
        record_voortgang(
            ActieFactory(regiovisie=plan), periode="2025-K1", status="loopt", user=user
        )


def test_a_hand_entered_measurement(plan, beleid):
    doel = DoelFactory(regiovisie=plan)
    meting = record_meting(
        doel, waarde=Decimal("55.5"), datum=VANDAAG, bron=" Wijkteams ", user=beleid
    )
    record_meting(doel, waarde=Decimal("56"), datum=VANDAAG, bron="Wijkteams", user=beleid)
    meting.refresh_from_db()
    assert meting.waarde == Decimal("56") and meting.bron == "Wijkteams"
    assert meting.herkomst == "handmatig" and meting.vastgelegd_door == beleid
    assert Meting.objects.filter(doel=doel).count() == 1


def test_evaluation_per_goal_action_and_plan(plan, beleid):
    doel = DoelFactory(regiovisie=plan)
    actie = ActieFactory(regiovisie=plan)
    record_evaluatie(plan, doel=doel, wat_ging_goed="Samenwerking JGZ", user=beleid)
    record_evaluatie(plan, doel=doel, wat_kan_beter="Eerder meten", user=beleid)
    record_evaluatie(plan, actie=actie, hoe_ontwikkelen="Training in Q1", user=beleid)
    record_evaluatie(plan, wat_ging_goed="Het plan leeft", user=beleid)

    assert Evaluatie.objects.filter(regiovisie=plan).count() == 3
    per_doel = Evaluatie.objects.get(doel=doel)
    assert per_doel.wat_ging_goed == "" and per_doel.wat_kan_beter == "Eerder meten"
    with pytest.raises(ValidationError):
        record_evaluatie(plan, doel=doel, actie=actie, user=beleid)
    with pytest.raises(ValidationError):
        record_evaluatie(plan, doel=DoelFactory(), user=beleid)  # a goal of another plan
