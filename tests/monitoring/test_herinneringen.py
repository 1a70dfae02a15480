"""What the reminders job flags: actions past their end date, goals without a recent measurement."""

import datetime

import pytest
from django.utils import timezone

from monitoring.services import doelen_zonder_recente_meting, verlopen_acties
from tests.factories import ActieFactory, DoelFactory

from .factories import ActieVoortgangFactory, MetingFactory

VANDAAG = datetime.date(2026, 3, 1)


def test_overdue_actions_are_those_past_their_end_not_finished_or_stopped(plan):
    d = datetime.date
    zonder_voortgang = ActieFactory(
        regiovisie=plan, naam="A", start=d(2025, 1, 1), eind=d(2025, 12, 31)
    )
    afgerond = ActieFactory(regiovisie=plan, naam="B", eind=d(2025, 6, 30))
    ActieVoortgangFactory(actie=afgerond, periode="2025-K2", status="afgerond")
    gestopt = ActieFactory(regiovisie=plan, naam="C", eind=d(2025, 6, 30))
    ActieVoortgangFactory(actie=gestopt, periode="2025-K1", status="gestopt")
    weer_gestart = ActieFactory(regiovisie=plan, naam="D", eind=d(2025, 3, 31))
    ActieVoortgangFactory(actie=weer_gestart, periode="2025-K1", status="afgerond")
    ActieVoortgangFactory(actie=weer_gestart, periode="2025-K3", status="loopt")  # the latest
    ActieFactory(regiovisie=plan, naam="E", eind=VANDAAG)  # ends today: not yet overdue
    ActieFactory(regiovisie=plan, naam="F", eind=d(2026, 12, 31))
    ActieFactory(regiovisie=plan, naam="G", eind=None)
    ActieFactory(eind=d(2024, 1, 1))  # another plan

    verlopen = list(verlopen_acties(plan, VANDAAG))

    assert verlopen == [weer_gestart, zonder_voortgang]  # longest overdue first
    assert [a.laatste_status for a in verlopen] == ["loopt", None]
    assert afgerond not in verlopen and gestopt not in verlopen


@pytest.fixture
def sinds_januari(plan):
    plan.vastgesteld_op = timezone.make_aware(datetime.datetime(2025, 1, 15, 10, 0))
    plan.save()
    return plan


def test_goals_whose_latest_measurement_is_older_than_the_interval(sinds_januari):
    plan = sinds_januari
    # vandaag 2026-03-01 − 365 days = 2025-03-01: older than that is flagged.
    oud = DoelFactory(regiovisie=plan)
    MetingFactory(doel=oud, datum=datetime.date(2024, 12, 31))
    MetingFactory(doel=oud, datum=datetime.date(2025, 2, 28))
    precies = DoelFactory(regiovisie=plan)
    MetingFactory(doel=precies, datum=datetime.date(2025, 3, 1))
    nooit = DoelFactory(regiovisie=plan)  # vastgesteld 2025-01-15, before the limit

    gevonden = doelen_zonder_recente_meting(plan, VANDAAG)

    assert gevonden == [oud, nooit]
    assert [d.laatste_meting for d in gevonden] == [datetime.date(2025, 2, 28), None]


def test_a_goal_never_measured_waits_an_interval_after_the_plan_was_adopted(sinds_januari):
    DoelFactory(regiovisie=sinds_januari)
    assert doelen_zonder_recente_meting(sinds_januari, datetime.date(2025, 6, 1)) == []


def test_the_interval_can_be_shorter(sinds_januari):
    doel = DoelFactory(regiovisie=sinds_januari)
    MetingFactory(doel=doel, datum=datetime.date(2025, 10, 1))
    kwartaal = datetime.timedelta(days=91)
    assert doelen_zonder_recente_meting(sinds_januari, VANDAAG, kwartaal) == [doel]
    assert doelen_zonder_recente_meting(sinds_januari, VANDAAG) == []
