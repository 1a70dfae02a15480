"""Ids in a page are written as plain digits: with Dutch number formatting 1234 would become
"1.234", so a form posting it back or a link carrying it would point at nothing (found when
PostgreSQL's sequences had passed 1000 in CI)."""

import datetime
import re

import pytest
from django.urls import reverse

from monitoring.models import SturingsCheck
from portal.models import Rol
from tests.factories import ActieFactory, WijkFactory

from .factories import SosScoreFactory, SturingsEisFactory, SturingsinstrumentFactory


def test_a_steering_check_is_recorded_for_a_requirement_numbered_above_1000(client, beleid, plan):
    actie = ActieFactory(regiovisie=plan, naam="Opvoedspreekuur")
    instrument = SturingsinstrumentFactory(actie=actie, soort="kwaliteitseis")
    eis = SturingsEisFactory(pk=1234, instrument=instrument, eis="Kindcheck uitgevoerd")
    client.force_login(beleid)
    url = reverse("monitoring:sturing", args=[plan.pk])
    page = client.get(url).content.decode()
    # What the browser posts back is what the page says.
    (waarde,) = re.findall(r'<input type="hidden" name="eis" value="([^"]+)">', page)
    assert waarde == "1234"
    client.post(
        url,
        {
            "formulier": "check",
            "eis": waarde,
            f"check-{waarde}-datum": "2026-02-01",
            f"check-{waarde}-voldaan": "ja",
        },
    )
    assert SturingsCheck.objects.get(eis=eis).datum == datetime.date(2026, 2, 1)


def test_a_score_numbered_above_1000_can_be_found_in_the_list(client, lid, regio, wijken):
    SosScoreFactory(pk=4321, regio=regio, wijk=wijken[0], traject="ALM-2025-0001")
    client.force_login(lid(Rol.WIJKPROFESSIONAL))
    page = client.get(reverse("monitoring:sos")).content.decode()
    assert 'data-score="4321"' in page
    assert reverse("monitoring:sos_verwijderen", args=[4321]) in page


@pytest.mark.parametrize(
    "rol, formulier",
    [
        (Rol.WIJKPROFESSIONAL, "risicofactoren:signaal_nieuw"),
        (Rol.BELEIDSMEDEWERKER, "risicofactoren:dialoogsessie_nieuw"),
    ],
)
def test_the_wijk_page_links_to_its_forms_with_the_wijk_above_1000(
    client, lid, almere, rol, formulier
):
    wijk = WijkFactory(pk=5678, code="WK003499", naam="Hoog", gemeente=almere)
    client.force_login(lid(rol))
    page = client.get(reverse("risicofactoren:kennis_wijk", args=[wijk.code])).content.decode()
    assert f'{reverse(formulier)}?wijk=5678"' in page
