"""The catalogues the migration ships: ten preventive actions, the aandachtspunten, and
interventions with an honest erkenningsniveau (or none, with a note)."""

import pytest

from acties import services
from acties.models import Aandachtspunt, Erkenningsniveau, Interventie, PreventieveActie, Spectrum

pytestmark = pytest.mark.django_db

# The ten actions as the issue lists them (one telling phrase each).
TIEN = {
    1: "zwangere vrouwen in hoog-risicosituaties",
    2: "geweldloos opvoeden",
    3: "huilgedrag van baby's",
    4: "screeningslijsten in de JGZ",
    5: "ernstige opvoedproblemen",
    6: "Kinderen voorlichten over mishandeling",
    7: "meldcode",
    8: "Psycho-educatie",
    9: "kinderen in de vrouwenopvang",
    10: "Inwoners voorlichten",
}


def test_the_ten_preventive_actions_are_loaded_in_order():
    acties = list(PreventieveActie.objects.all())
    assert [a.nummer for a in acties] == list(range(1, 11))
    for actie in acties:
        assert TIEN[actie.nummer].lower() in actie.naam.lower()
        assert actie.toelichting
        assert actie.spectrum in Spectrum.values


def test_every_level_of_the_spectrum_has_a_preventive_action():
    assert set(PreventieveActie.objects.values_list("spectrum", flat=True)) == set(Spectrum.values)


def test_erkenningsniveaus_are_ordered_from_goed_beschreven_to_sterke_aanwijzingen():
    assert [n.label for n in sorted(Erkenningsniveau)] == [
        "Goed beschreven",
        "Goed onderbouwd",
        "Effectief volgens eerste aanwijzingen",
        "Effectief volgens goede aanwijzingen",
        "Effectief volgens sterke aanwijzingen",
    ]
    assert Erkenningsniveau.GOED_BESCHREVEN < Erkenningsniveau.GOED_ONDERBOUWD
    assert max(Erkenningsniveau) == Erkenningsniveau.STERKE_AANWIJZINGEN


def test_the_fixture_names_the_levels_in_the_same_order():
    import json

    data = json.loads(services.INTERVENTIES.read_text(encoding="utf-8"))
    assert [services.erkenningsniveau_uit_code(c) for c in data["niveaus"]] == sorted(
        Erkenningsniveau.values
    )


def test_below_goed_onderbouwd_is_a_comparison():
    niveaus = dict(Interventie.objects.values_list("code", "erkenningsniveau"))
    assert niveaus["incredible-years"] == Erkenningsniveau.STERKE_AANWIJZINGEN
    assert niveaus["voorzorg"] == Erkenningsniveau.GOEDE_AANWIJZINGEN
    assert niveaus["stevig-ouderschap"] == Erkenningsniveau.EERSTE_AANWIJZINGEN
    assert niveaus["samenstarten"] == Erkenningsniveau.GOED_ONDERBOUWD
    onder = {i.code for i in Interventie.objects.all() if i.onder_goed_onderbouwd}
    assert onder == {c for c, n in niveaus.items() if n is None}
    assert Interventie(erkenningsniveau=Erkenningsniveau.GOED_BESCHREVEN).onder_goed_onderbouwd
    assert not Interventie(erkenningsniveau=Erkenningsniveau.GOED_ONDERBOUWD).onder_goed_onderbouwd


def test_every_intervention_has_a_source_and_unverified_ones_say_so():
    interventies = list(Interventie.objects.all())
    assert len(interventies) >= 12
    for interventie in interventies:
        assert interventie.bron, interventie.code
        if interventie.erkenningsniveau is None:
            assert "niet kunnen nagaan" in interventie.opmerking, interventie.code
        else:
            assert interventie.erkend_door, interventie.code


def test_the_aandachtspunten_of_the_guidance_are_loaded():
    titels = " ".join(Aandachtspunt.objects.values_list("titel", flat=True)).lower()
    for woord in ("huiselijk geweld", "korte lijnen", "casuïstiek", "veilig thuis",
                  "kindcheck", "interventies die werken", "scholing"):  # fmt: skip
        assert woord in titels
    assert Aandachtspunt.objects.count() == 7


def test_loading_again_changes_nothing():
    voor = (PreventieveActie.objects.count(), Interventie.objects.count())
    assert services.load_catalogus() == {
        "preventieve_acties": 10,
        "aandachtspunten": 7,
        "interventies": voor[1],
    }
    assert (PreventieveActie.objects.count(), Interventie.objects.count()) == voor
