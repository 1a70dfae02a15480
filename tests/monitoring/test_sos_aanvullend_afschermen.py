"""Complementary suppression: a hidden Signs of Safety cell cannot be worked back by subtracting
the shown cells from the regio total (or, in a two-way table, from a row or column total)."""

import itertools

import pytest

from monitoring.models import SosScore
from monitoring.services import SOS_INDELINGEN, sos_aggregaten
from portal.disclosure import aanvullend_afschermen

from .factories import InterventieFactory
from .test_sos_onderdrukking import getallen, trajecten

INDELINGEN = [c for r in range(1, 4) for c in itertools.combinations(SOS_INDELINGEN, r)]


def test_the_rule_on_counts_computed_by_hand():
    # One line of four cells with 12, 6, 3 and 9 units: 3 is hidden (primary); 3 < 5, so the
    # smallest shown cell, 6, joins it (together 9 ≥ 5); 12 and 9 stay.
    tellingen = [{"n": 12}, {"n": 6}, {"n": 3}, {"n": 9}]
    assert aanvullend_afschermen(tellingen, [[0, 1, 2, 3]]) == {(2, "n"), (1, "n")}
    # Nothing hidden, or hidden cells already worth 5 together: nothing more.
    assert aanvullend_afschermen([{"n": 5}, {"n": 7}], [[0, 1]]) == set()
    assert aanvullend_afschermen([{"n": 3}, {"n": 2}, {"n": 8}], [[0, 1, 2]]) == {
        (0, "n"),
        (1, "n"),
    }
    # A zero is no secret (nobody there): it neither needs nor triggers a partner.
    assert aanvullend_afschermen([{"n": 0}, {"n": 8}], [[0, 1]]) == set()
    # Per statistic: the kind score is hidden in cell 0 (4 units), so cell 1's kind score goes
    # too, while both cells' own n stay.
    tellingen = [{"n": 9, "kind": 4}, {"n": 9, "kind": 7}, {"n": 9, "kind": 8}]
    assert aanvullend_afschermen(tellingen, [[0, 1, 2]]) == {(0, "kind"), (1, "kind")}


def test_two_way_table_rows_and_columns():
    # Cells (row, column) → units; lines are the two rows and the two columns.
    #           col A  col B
    #   row 1     3      8
    #   row 2     7      6
    tellingen = [{"n": 3}, {"n": 8}, {"n": 7}, {"n": 6}]
    lijnen = [[0, 1], [2, 3], [0, 2], [1, 3]]
    verborgen = {i for i, _ in aanvullend_afschermen(tellingen, lijnen)}
    # Row 1 needs a partner (8); column A needs one (7). Then every line holds either nothing
    # hidden or hidden cells worth ≥ 5 (row 2: 7, column B: 8), so the 6 stays.
    assert verborgen == {0, 1, 2}


def test_three_wijken_the_smallest_shown_one_is_hidden_with_the_small_one(regio, wijken, stevig):
    trajecten(regio, wijken[0], stevig, 9)
    trajecten(regio, wijken[1], stevig, 6, eerste=100)
    trajecten(regio, wijken[2], stevig, 3, eerste=200)
    cellen = {c.wijk: c for c in sos_aggregaten(SosScore.objects.filter(regio=regio), ("wijk",))}
    assert cellen["Haven"].n.label == "9"
    assert cellen["Haven"].verandering["ouder"].gemiddelde.label == "4,0"
    assert cellen["Stad"].n.label == "afgeschermd"
    assert cellen["Buiten"].n.label == "< 5"
    for naam in ("Stad", "Buiten"):
        assert getallen(cellen[naam]) == [], naam


@pytest.mark.parametrize("per", INDELINGEN)
def test_no_hidden_statistic_can_be_worked_back_from_a_line(regio, wijken, stevig, per):
    """Whatever the grouping, per statistic the hidden cells of the table are 0 or ≥ 5
    trajectories together, so the total minus the shown cells says nothing about fewer than 5."""
    ander = InterventieFactory(code="test-ander", naam="Test Ander")
    for (wijk, interventie, aantal), eerste in zip(
        [(0, stevig, 8), (1, stevig, 3), (2, stevig, 6), (0, ander, 2), (1, ander, 7)],
        range(0, 500, 100),
        strict=True,
    ):
        trajecten(regio, wijken[wijk], interventie, aantal, eerste=eerste)
    cellen = sos_aggregaten(SosScore.objects.filter(regio=regio), per)
    totaal = sum(aantal for aantal in [8, 3, 6, 2, 7])
    getoond = sum(int(c.n.waarde) for c in cellen if c.n.toonbaar)
    assert totaal - getoond == 0 or totaal - getoond >= 5
    for cel in cellen:
        if not cel.n.toonbaar:
            assert getallen(cel) == [] or [p for p, _ in getallen(cel)] == ["cel.periode"]
