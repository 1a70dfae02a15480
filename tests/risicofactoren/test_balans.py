"""The balansmodel: protective weights against risk weights, said in words."""

import pytest

from risicofactoren import wijkkennis
from risicofactoren.models import Dialoogsessie
from risicofactoren.wijkkennis import Balans, balans

from ..factories import DialoogFactorFactory, DialoogsessieFactory, RisicofactorFactory


def test_weights_are_summed_per_side():
    b = balans([("risico", 3), ("risico", 1), ("beschermend", 2)])
    assert (b.risico, b.beschermend, b.verschil, b.uitkomst) == (4, 2, 2, "risico")


@pytest.mark.parametrize(
    "risico,beschermend,uitkomst,zin",
    [
        (
            4,
            2,
            "risico",
            "De risicofactoren wegen zwaarder dan de beschermende factoren: 4 tegen 2, een "
            "verschil van 2.",
        ),
        (
            1,
            5,
            "beschermend",
            "De beschermende factoren wegen zwaarder dan de risicofactoren: 5 tegen 1, een "
            "verschil van 4.",
        ),
        (
            3,
            3,
            "evenwicht",
            "De balans is in evenwicht: risicofactoren en beschermende factoren wegen allebei 3.",
        ),
        (0, 0, "leeg", "In deze sessie zijn geen factoren gewogen."),
    ],
)
def test_the_outcome_in_words(risico, beschermend, uitkomst, zin):
    b = Balans(risico=risico, beschermend=beschermend)
    assert b.uitkomst == uitkomst and b.beschrijving == zin


@pytest.mark.django_db
def test_a_session_and_a_list_compute_the_same_balance():
    sessie = DialoogsessieFactory()
    DialoogFactorFactory(sessie=sessie, gewicht=3)
    DialoogFactorFactory(sessie=sessie, gewicht=2)
    DialoogFactorFactory(
        sessie=sessie, gewicht=1, risicofactor=RisicofactorFactory(soort="beschermend")
    )
    leeg = DialoogsessieFactory()

    assert wijkkennis.balans_van_sessie(sessie) == Balans(risico=5, beschermend=1)
    geannoteerd = {s.pk: s for s in wijkkennis.met_balans(Dialoogsessie.objects.all())}
    assert wijkkennis.balans_uit_annotatie(geannoteerd[sessie.pk]) == Balans(5, 1)
    assert wijkkennis.balans_uit_annotatie(geannoteerd[leeg.pk]) == Balans(0, 0)
