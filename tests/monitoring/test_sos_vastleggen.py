"""One score entered in a form follows the rules of a CSV row; who may, and the log."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import SosScore
from monitoring.services import (
    GeenBevoegdheid,
    MonitoringFout,
    OngeldigeTrajectcode,
    delete_sos_score,
    record_sos_score,
)
from portal.models import AuditEvent, Rol

DATUM = datetime.date(2025, 3, 1)


def vastleggen(regio, user, wijk, interventie, **anders):
    velden = {
        "traject": "alm-2025-0042",
        "wijk": wijk,
        "moment": "start",
        "perspectief": "hulpverlener",
        "score": 4,
        "datum": DATUM,
        "interventie": interventie,
    } | anders
    return record_sos_score(regio, user=user, **velden)


def test_a_score_is_recorded_and_logged_without_its_code(regio, wijken, stevig, wijkprof):
    score = vastleggen(regio, wijkprof, wijken[0], stevig)
    assert score.traject == "ALM-2025-0042" and score.vastgelegd_door == wijkprof
    gebeurtenis = AuditEvent.objects.get(type="sos_vastgelegd")
    assert gebeurtenis.regio == regio and "ALM" not in gebeurtenis.omschrijving

    delete_sos_score(score, wijkprof)
    assert not SosScore.objects.exists()
    assert AuditEvent.objects.filter(type="sos_verwijderd").count() == 1


def test_the_same_rules_as_the_import(regio, wijken, stevig, wijkprof, utrechtse_wijk):
    with pytest.raises(OngeldigeTrajectcode):
        vastleggen(regio, wijkprof, wijken[0], stevig, traject="Jan Jansen")
    with pytest.raises(MonitoringFout, match="ligt niet in Regio Eigen"):
        vastleggen(regio, wijkprof, utrechtse_wijk, stevig)
    with pytest.raises(ValidationError):
        vastleggen(regio, wijkprof, wijken[0], stevig, score=11)
    with pytest.raises(ValidationError):
        vastleggen(regio, wijkprof, wijken[0], None, programma="")
    vastleggen(regio, wijkprof, wijken[0], stevig)
    with pytest.raises(MonitoringFout, match="al een score"):
        vastleggen(regio, wijkprof, wijken[0], stevig)
    with pytest.raises(MonitoringFout, match="hoort bij één interventie en één wijk"):
        vastleggen(regio, wijkprof, wijken[1], stevig, moment="afsluiting")
    assert SosScore.objects.count() == 1


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER])
def test_only_wijkprofessionals_enter_scores(regio, wijken, stevig, lid, rol):
    with pytest.raises(GeenBevoegdheid):
        vastleggen(regio, lid(rol), wijken[0], stevig)


def test_not_in_another_regio(regio, wijken, stevig, lid, andere_regio):
    user = lid(Rol.WIJKPROFESSIONAL, in_regio=andere_regio)
    with pytest.raises(GeenBevoegdheid):
        vastleggen(regio, user, wijken[0], stevig)
