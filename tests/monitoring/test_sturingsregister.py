"""The steering-instruments register: which requirement of which instrument applies to which
partner, and whether it was met at the last check; it travels into the next cycle."""

import datetime

import pytest

from monitoring.models import SturingsCheck, SturingsEis
from monitoring.services import record_sturingscheck, sturingsregister, volgende_cyclus
from portal.models import AuditEvent
from tests.factories import ActieFactory, PartnerFactory

from .factories import SturingsCheckFactory, SturingsEisFactory, SturingsinstrumentFactory


@pytest.fixture
def register(plan):
    actie = ActieFactory(regiovisie=plan, naam="Kindcheck op de SEH")
    partner = PartnerFactory(regiovisie=plan, soort="jgz", naam="GGD Flevoland")
    kwaliteitseis = SturingsinstrumentFactory(actie=actie, soort="kwaliteitseis")
    kindcheck = SturingsEisFactory(
        instrument=kwaliteitseis, partner=partner, eis="Kindcheck uitgevoerd"
    )
    training = SturingsEisFactory(
        instrument=kwaliteitseis, partner=None, eis="Meldcode-training gevolgd"
    )
    return actie, partner, kindcheck, training


def test_the_latest_check_answers(register):
    actie, partner, kindcheck, training = register
    SturingsCheckFactory(eis=kindcheck, datum=datetime.date(2025, 9, 1), voldaan=True)
    SturingsCheckFactory(eis=kindcheck, datum=datetime.date(2025, 3, 1), voldaan=False)

    regels = sturingsregister(actie.regiovisie)

    assert [(r.eis.eis, r.partner, r.voldaan) for r in regels] == [
        ("Kindcheck uitgevoerd", "GGD Flevoland", True),
        ("Meldcode-training gevolgd", "alle partners van de actie", None),  # never checked
    ]
    assert regels[0].laatste_check.datum == datetime.date(2025, 9, 1)
    assert regels[0].actie == actie and regels[0].instrument.get_soort_display() == "Kwaliteitseis"


def test_recording_a_check_is_logged(register, beleid):
    _actie, _partner, kindcheck, _training = register
    record_sturingscheck(kindcheck, datum=datetime.date(2025, 6, 1), voldaan=False, user=beleid)
    record_sturingscheck(kindcheck, datum=datetime.date(2025, 6, 1), voldaan=True, user=beleid)
    assert SturingsCheck.objects.get(eis=kindcheck).voldaan is True
    assert (
        AuditEvent.objects.filter(
            type="monitoring_vastgelegd", details__onderdeel="sturingscheck"
        ).count()
        == 2
    )


def test_the_next_cycle_copies_the_requirements_without_their_checks(register, beleid):
    actie, partner, kindcheck, training = register
    SturingsCheckFactory(eis=kindcheck)
    plan = actie.regiovisie

    nieuw = volgende_cyclus(plan, beleid)

    eisen = SturingsEis.objects.filter(instrument__actie__regiovisie=nieuw).order_by("eis")
    assert [(e.eis, e.partner.naam if e.partner else None) for e in eisen] == [
        ("Kindcheck uitgevoerd", "GGD Flevoland"),
        ("Meldcode-training gevolgd", None),
    ]
    assert (
        eisen[0].partner.regiovisie == nieuw and eisen[0].instrument.actie.overgenomen_van == actie
    )
    assert not SturingsCheck.objects.filter(eis__in=eisen).exists()
    assert nieuw.vorige == plan  # the evaluation of `plan` is reached through `vorige`
