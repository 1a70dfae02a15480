"""The goal status rule at its edges.

Nulmeting 40 in 2024 and streefwaarde 80 in 2028: the line runs from 31-12-2024 (position 2025)
to 31-12-2028 (position 2029). On 31-12-2026 (position 2027) it is halfway:
40 + (80 − 40) · (2027 − 2025) / (2029 − 2025) = 40 + 40 · 1/2 = 60. The tolerance is 5 % of
the whole change: 0.05 · |80 − 40| = 2, so 58 is still op koers and 57.99 is achter.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from monitoring.models import Meting
from monitoring.services import Koers, doelstatus, jaarpositie
from tests.factories import DoelFactory

HALFWEG = datetime.date(2026, 12, 31)


def meting(waarde, datum=HALFWEG, herkomst="handmatig", pk=None):
    return Meting(waarde=Decimal(str(waarde)), datum=datum, herkomst=herkomst, pk=pk)


@pytest.fixture
def stijgend(db):
    return DoelFactory(nulmeting=40, nulmeting_jaar=2024, streefwaarde=80, streefjaar=2028)


@pytest.fixture
def dalend(db):
    return DoelFactory(nulmeting=100, nulmeting_jaar=2024, streefwaarde=60, streefjaar=2028)


def test_the_end_of_a_year_is_the_start_of_the_next_position():
    assert jaarpositie(datetime.date(2024, 12, 31)) == 2025  # a leap year: 366/366
    assert jaarpositie(datetime.date(2026, 12, 31)) == 2027
    assert jaarpositie(datetime.date(2026, 1, 1)) == 2026 + Fraction(1, 365)


@pytest.mark.parametrize(
    "waarde, koers",
    [
        (60, Koers.OP_KOERS),  # on the line
        (58, Koers.OP_KOERS),  # exactly the tolerance (60 − 2) below it
        ("57.99", Koers.ACHTER),  # just beyond
        (79, Koers.OP_KOERS),  # ahead of the line, target not yet reached
        (80, Koers.BEHAALD),  # the target, two years early
        (95, Koers.BEHAALD),
    ],
)
def test_rising_goal_halfway(stijgend, waarde, koers):
    status = doelstatus(stijgend, [meting(waarde)])
    assert status.koers == koers
    assert status.verwacht == 60 and status.marge == 2


@pytest.mark.parametrize(
    "waarde, koers",
    [
        (80, Koers.OP_KOERS),  # halfway from 100 to 60
        (82, Koers.OP_KOERS),  # 2 above: exactly the tolerance
        ("82.01", Koers.ACHTER),
        (60, Koers.BEHAALD),
        (59, Koers.BEHAALD),
    ],
)
def test_falling_goal_halfway(dalend, waarde, koers):
    assert doelstatus(dalend, [meting(waarde)]).koers == koers


def test_after_the_target_year_short_of_the_target_is_behind_even_within_the_tolerance(stijgend):
    einde = datetime.date(2028, 12, 31)
    assert doelstatus(stijgend, [meting("79.99", einde)]).koers == Koers.ACHTER
    assert doelstatus(stijgend, [meting(80, einde)]).koers == Koers.BEHAALD
    status = doelstatus(stijgend, [meting(70, datetime.date(2029, 6, 1))])
    assert status.koers == Koers.ACHTER
    assert "streefjaar 2028 is voorbij" in status.zin


def test_at_the_nulmeting_the_line_is_the_nulmeting(stijgend):
    begin = datetime.date(2024, 12, 31)
    assert doelstatus(stijgend, [meting(38, begin)]).koers == Koers.OP_KOERS
    assert doelstatus(stijgend, [meting("37.99", begin)]).koers == Koers.ACHTER
    # Before the nulmeting the line stays at the nulmeting.
    assert doelstatus(stijgend, [meting(39, datetime.date(2023, 6, 30))]).verwacht == 40


def test_only_the_latest_measurement_counts(stijgend):
    oud = meting(80, datetime.date(2025, 12, 31), pk=1)
    nieuw = meting(50, HALFWEG, pk=2)
    status = doelstatus(stijgend, [oud, nieuw])
    assert status.koers == Koers.ACHTER and status.laatste is nieuw


def test_on_the_same_date_a_hand_entered_measurement_wins(stijgend):
    auto = meting(50, HALFWEG, herkomst="automatisch", pk=9)
    hand = meting(60, HALFWEG, herkomst="handmatig", pk=1)
    assert doelstatus(stijgend, [auto, hand]).laatste is hand


def test_holding_a_level(db):
    doel = DoelFactory(nulmeting=50, nulmeting_jaar=2024, streefwaarde=50, streefjaar=2028)
    # Tolerance 5 % of the level: 2.5.
    assert doelstatus(doel, [meting("47.5")]).koers == Koers.OP_KOERS
    assert doelstatus(doel, [meting("52.5")]).koers == Koers.OP_KOERS
    assert doelstatus(doel, [meting("47.49")]).koers == Koers.ACHTER
    assert doelstatus(doel, [meting(50, datetime.date(2028, 12, 31))]).koers == Koers.BEHAALD


def test_without_a_measurement_or_a_norm(db):
    assert doelstatus(DoelFactory(), []).koers == Koers.GEEN_METING
    zonder_norm = DoelFactory(streefwaarde=None)
    status = doelstatus(zonder_norm, [meting(60)])
    assert status.koers == Koers.ONBEPAALD
    assert "niet te beoordelen" in status.zin


def test_the_sentence_is_dutch_with_dutch_numbers(stijgend):
    status = doelstatus(stijgend, [meting("57.5")])
    assert status.label == "achter"
    assert status.zin == (
        "Achter: de laatste meting (57,50 op 31 december 2026) blijft meer dan 2 achter bij de "
        "60 die op die datum hoort bij de lijn van 40 in 2024 naar 80 in 2028."
    )
    assert doelstatus(stijgend, [meting(80)]).zin.startswith("Behaald: de laatste meting (80 op")


def test_the_goals_own_measurements_are_read_when_none_are_passed(stijgend):
    Meting.objects.create(doel=stijgend, waarde=61, datum=HALFWEG)
    assert doelstatus(stijgend).koers == Koers.OP_KOERS
