"""A trajectory code is a pseudonym: anything that may identify a family is refused in Dutch."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import SosScore
from monitoring.services import OngeldigeTrajectcode, trajectcode_problemen, valideer_trajectcode
from risicofactoren.persoonsgegevens import elfproef


@pytest.mark.parametrize(
    "code, normaal",
    [
        ("ALM-2026-0042", "ALM-2026-0042"),
        (" alm-2026-0042 ", "ALM-2026-0042"),  # one trajectory, whatever the case
        ("SOS/25/117", "SOS/25/117"),
        ("DH-000123", "DH-000123"),
        ("TRJ_2026_7", "TRJ_2026_7"),
        ("ALM-123456789", "ALM-123456789"),  # nine digits that fail the 11-proef
        ("JGZ.2025.0003", "JGZ.2025.0003"),
    ],
)
def test_good_codes_are_accepted_and_normalised(code, normaal):
    assert trajectcode_problemen(code) == []
    assert valideer_trajectcode(code) == normaal


def test_the_nine_digit_examples_are_what_they_claim():
    assert elfproef("123456782")  # 9·1 + 8·2 + … + 2·8 = 156; 156 − 2 = 154 = 14 · 11
    assert not elfproef("123456789")  # 156 − 9 = 147, not a multiple of 11


def _meldingen(code: str) -> str:
    with pytest.raises(OngeldigeTrajectcode) as fout:
        valideer_trajectcode(code)
    return " ".join(fout.value.messages)


@pytest.mark.parametrize(
    "code, verwacht",
    [
        ("Jan Jansen", "naam van een persoon"),  # first name + surname
        ("Jansen", "naam kan zijn: „Jansen”"),  # a word, and no digit
        ("Fatima-2026-01", "naam kan zijn: „Fatima”"),  # a common first name
        ("Bakker-0042", "naam kan zijn"),
        ("ALM-123456782", "elfproef"),  # a BSN
        ("123456782", "burgerservicenummer"),
        ("ALM-12-03-2015", "geboortedatum"),
        ("ALM-2015-03-12", "geboortedatum"),
        ("ALM-12032015", "geboortedatum"),
        ("ALM-20150312", "geboortedatum"),
        ("ALM-120315", "geboortedatum"),
        ("Kerkstraat 12", "adres (straat en huisnummer)"),
        ("ALM-1234AB", "postcode"),
        ("j.jansen@example.nl", "e-mailadres"),
        ("0612345678", "telefoonnummer"),
        ("ALM 0042", "geen spaties"),
        ("", "Vul een trajectcode in"),
        ("A1", "3 tot 40 tekens"),
    ],
)
def test_codes_that_may_identify_a_family_are_refused(code, verwacht):
    meldingen = _meldingen(code)
    assert verwacht in meldingen
    if code:
        assert "ALM-2026-0042" in meldingen  # what to use instead


def test_the_model_field_refuses_them_too(regio, wijken, stevig):
    score = SosScore(
        regio=regio,
        traject="Jan Jansen",
        interventie=stevig,
        wijk=wijken[0],
        moment="start",
        perspectief="ouder",
        score=4,
        datum=datetime.date(2025, 3, 1),
    )
    with pytest.raises(ValidationError) as fout:
        score.full_clean()
    assert "traject" in fout.value.message_dict
