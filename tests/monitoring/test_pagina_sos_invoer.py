"""The score form: it stores a score of the own regio and refuses what may identify a family."""

import datetime

import pytest
from django.urls import reverse

from monitoring.models import SosScore
from portal.models import Rol

URL = reverse("monitoring:sos")


def gegevens(wijk, interventie, **anders):
    return {
        "traject": "alm-2025-0042",
        "interventie": interventie.pk if interventie else "",
        "programma": "",
        "wijk": wijk.pk,
        "moment": "start",
        "perspectief": "ouder",
        "score": "4",
        "datum": "2025-03-01",
    } | anders


def test_a_score_is_stored_and_listed(client, wijkprof, wijken, stevig):
    client.force_login(wijkprof)
    response = client.post(URL, gegevens(wijken[0], stevig), follow=True)
    score = SosScore.objects.get()
    assert (score.traject, score.moment, score.perspectief, score.score) == (
        "ALM-2025-0042",
        "start",
        "ouder",
        4,
    )
    assert score.vastgelegd_door == wijkprof and score.wijk == wijken[0]
    html = response.content.decode()
    assert "De score 4 (start, ouder) van traject ALM-2025-0042 is opgeslagen." in html
    rij = html.split(f'data-score="{score.pk}"')[1].split("</tr>")[0]
    assert "ALM-2025-0042" in rij and "Test Stevig Ouderschap" in rij and "Haven" in rij
    assert "1 mrt 2025" in rij  # as Dutch writes a short date, not "1 Mrt 2025"


def test_a_programme_instead_of_an_intervention(client, wijkprof, wijken):
    client.force_login(wijkprof)
    client.post(URL, gegevens(wijken[1], None, programma="Buurtgezinnen"))
    assert SosScore.objects.get().programma == "Buurtgezinnen"


@pytest.mark.parametrize(
    ("code", "melding"),
    [
        ("Jansen-12", "Er staat een woord in dat een naam kan zijn: „Jansen”."),
        ("ALM-111222333", "burgerservicenummer (BSN)"),
        ("ALM-12-03-2015", "dat kan een geboortedatum zijn"),
        ("ALM-120315", "dat kan een geboortedatum zijn"),
        ("Kerkstraat 12", "Een trajectcode bestaat alleen uit letters, cijfers"),
    ],
)
def test_a_code_that_may_identify_a_family_is_refused(
    client, wijkprof, wijken, stevig, code, melding
):
    client.force_login(wijkprof)
    response = client.post(URL, gegevens(wijken[0], stevig, traject=code))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De score is niet opgeslagen." in html
    assert melding in html
    assert "Gebruik een pseudoniem zoals ALM-2026-0042" in html
    assert not SosScore.objects.exists()


def test_a_wijk_of_another_regio_is_refused(client, wijkprof, wijken, stevig, utrechtse_wijk):
    client.force_login(wijkprof)
    response = client.post(URL, gegevens(utrechtse_wijk, stevig))
    html = response.content.decode()
    assert "Kies een wijk uit de lijst: een wijk van een gemeente in uw regio." in html
    assert "Binnenstad" not in html
    assert not SosScore.objects.exists()


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"score": "11"}, "Kies een score van 0 tot en met 10."),
        ({"score": ""}, "Kies een score van 0 tot en met 10."),
        ({"moment": ""}, "Kies het moment: start, tussentijds of afsluiting."),
        ({"perspectief": "oma"}, "Kies wie de score gaf: hulpverlener, ouder of kind."),
        ({"programma": "  "}, "Kies een interventie of vul de naam van het programma in."),
        (
            {"datum": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()},
            "De datum ligt in de toekomst.",
        ),
        ({"datum": "31-02-2025"}, "Vul een geldige datum in"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_stores_nothing(
    client, wijkprof, wijken, stevig, anders, melding
):
    client.force_login(wijkprof)
    interventie = None if "programma" in anders else stevig
    response = client.post(URL, gegevens(wijken[0], interventie, **anders))
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not SosScore.objects.exists()


def test_a_trajectory_stays_in_one_wijk(client, wijkprof, wijken, stevig):
    client.force_login(wijkprof)
    client.post(URL, gegevens(wijken[0], stevig))
    response = client.post(URL, gegevens(wijken[1], stevig, moment="afsluiting"))
    assert "Een traject hoort bij één interventie en één wijk." in response.content.decode()
    assert SosScore.objects.count() == 1


@pytest.mark.parametrize("rol", [Rol.BESTUURDER, Rol.BELEIDSMEDEWERKER, Rol.LEZER, Rol.BEHEERDER])
def test_only_those_who_record_scores_see_or_post_them(client, lid, wijken, stevig, rol):
    client.force_login(lid(rol))
    assert client.get(URL).status_code == 403
    assert client.post(URL, gegevens(wijken[0], stevig)).status_code == 403
    assert not SosScore.objects.exists()


def test_the_form_explains_the_scale_and_the_pseudonym(client, wijkprof, wijken):
    client.force_login(wijkprof)
    html = client.get(URL).content.decode()
    assert "het kind is niet veilig" in html
    assert "veilig genoeg om het traject af te sluiten" in html
    assert "Nooit een naam, BSN, geboortedatum of adres" in html
    # The wijken per gemeente, as in the signal form.
    assert '<optgroup label="Almere">' in html and "Haven (WK003401)" in html


def test_a_programme_name_with_personal_data_is_refused(client, wijkprof, wijken):
    client.force_login(wijkprof)
    response = client.post(URL, gegevens(wijken[0], None, programma="Gezin Kerkstraat 12"))
    html = response.content.decode()
    assert "De score is niet opgeslagen." in html
    assert 'id="id_programma"' in html and "Of: naam van het programma –" in html
    assert not SosScore.objects.exists()
