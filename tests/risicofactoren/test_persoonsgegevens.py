"""Signals and dialogue sessions are about the wijk, never about a family: the detector finds
what looks like personal data and leaves ordinary professional language alone."""

import pytest

from risicofactoren.persoonsgegevens import detect_personal_data, elfproef


def soorten(tekst: str) -> str:
    """All warnings in one string, to assert on what kind of data was found."""
    return " ".join(detect_personal_data(tekst))


@pytest.mark.parametrize(
    "tekst",
    [
        "Veel jonge moeders in de Stationsbuurt melden geldzorgen",
        "In de Stationsbuurt 12 meldingen van huiselijk geweld sinds 01-09-2024.",
        "Wijkteam Haven, GGD Flevoland, Stichting De Schoor, Veilig Thuis, Centrum Jeugd en Gezin",
        "De Anne Frankschool en de Maria Montessori school zien veel schooluitval in 2024.",
        "Ouders in Almere Haven en Almere Buiten zoeken hulp bij Schuldhulp Almere.",
        "N.B. Veel ouders kennen het consultatiebureau niet. Bel Veilig Thuis: 0800-2000.",
        "Het aantal gezinnen in de bijstand steeg van 1.250 naar 1.410 (12,8 procent).",
        "Moeders vertellen dat de wachtlijst voor de GGZ 123 dagen is.",
        "",
    ],
)
def test_professional_observations_pass(tekst):
    assert detect_personal_data(tekst) == []


def test_valid_bsn_is_caught_and_invalid_nine_digits_are_not():
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef("123456789") and not elfproef("000000000")
    assert "burgerservicenummer" in soorten("Het kind heeft BSN 111222333, zegt moeder.")
    assert "burgerservicenummer" in soorten("bsn: 1234.56.782")
    assert detect_personal_data("Dossiernummer 123456789 bij de gemeente") == []


def test_postcode_and_house_number_are_caught():
    gevonden = detect_personal_data("Het gezin woont op de Kerkstraat 12a, 1234 AB Almere.")
    assert any("postcode" in w and "„1234 AB”" in w for w in gevonden)
    assert any("adres" in w and "„Kerkstraat 12a”" in w for w in gevonden)
    assert "postcode" in soorten("postcode 1234AB")
    assert "adres" in soorten("Zij wonen in de Burgemeester de Withstraat nr 3.")


@pytest.mark.parametrize(
    "tekst,naam",
    [
        ("Mevrouw Jansen belde over de huur.", "Mevrouw Jansen"),
        ("Gesprek met dhr. de Vries.", "dhr. de Vries"),
        ("mw. El Amrani is bezorgd.", "mw. El Amrani"),
        ("Meneer Yilmaz heeft schulden.", "Meneer Yilmaz"),
        ("De familie Bakker is verhuisd.", "familie Bakker"),
        ("Het gezin De Boer krijgt hulp.", "gezin De Boer"),
        ("Moeder Fatima vertelde dat het slecht gaat.", "Moeder Fatima"),
        ("J. Jansen kwam niet opdagen.", "J. Jansen"),
        ("Emma de Vries zit thuis.", "Emma de Vries"),
    ],
)
def test_names_after_titles_and_first_name_surname_are_caught(tekst, naam):
    gevonden = detect_personal_data(tekst)
    assert any("naam van een persoon" in w and f"„{naam}”" in w for w in gevonden), gevonden


def test_title_without_a_name_is_not_a_name():
    assert (
        detect_personal_data("Een meneer van de woningcorporatie zei dat mevrouw niet opendeed.")
        == []
    )


def test_email_phone_and_iban_are_caught():
    assert "e-mailadres" in soorten("Mail naar j.jansen@example.nl voor info.")
    assert "telefoonnummer" in soorten("Bel 06-12345678.")
    assert "telefoonnummer" in soorten("Bereikbaar op +31 (0)20 123 45 67.")
    assert "rekeningnummer" in soorten("Betaald van NL91ABNA0417164300.")
    assert "telefoonnummer" not in soorten("Betaald van NL91ABNA0417164300.")


def test_date_of_birth_is_caught_only_near_geboren():
    assert "geboortedatum" in soorten("Het jongste kind (geb. 12-03-2015) gaat niet naar school.")
    assert "geboortedatum" in soorten("Zij is geboren op 12 maart 2015 in Almere.")
    assert "geboortedatum" not in soorten("Sinds 12-03-2015 is het buurthuis dicht.")


def test_warnings_are_dutch_and_quote_what_was_found():
    (waarschuwing,) = detect_personal_data("Contact: info@voorbeeld.nl")
    assert waarschuwing == "Er staat een e-mailadres in: „info@voorbeeld.nl”."
