"""The estimate of a small made-up country, against numbers worked out by hand from the formula.

Country NL00 with two gemeenten: GM0001 (3,000 children, three wijken) and GM0002 (1,000
children, no figures of its own). Model: base rate 30 per 1000; factor A with RR 3 and national
share 0.2 (share = teller/noemer), factor B with RR 2 and national share 0.1 (a percentage).

Per-factor ratio (1 + p(RR−1)) / (1 + p_NL(RR−1)); combined as the geometric mean:
  GM0001  A 0.3, B 10 %  → √(1.6/1.4 · 1.1/1.1)           = 1.0690450
  GM0002  no figures → national shares                      = 1
  WK1     A 0.2, B 10 %  → 1
  WK2     A 0.4, B 20 %  → √(1.8/1.4 · 1.2/1.1)            = 1.1843131
  WK3     A missing (takes GM0001's 0.3), B 5 % → √(1.6/1.4 · 1.05/1.1) = 1.0444659
Calibration: gemeenten to 30‰ of all 4,000 children: r̄ = (3000·1.0690450 + 1000·1)/4000
  GM0001 = 30 · 1.0690450 / 1.0517838 = 30.492342‰ → 91.477 children
  GM0002 = 30 / 1.0517838             = 28.522974‰ → 28.523 (total 120 = 30‰ × 4,000)
Wijken to their gemeente: r̄ = (1000·1 + 1500·1.1843131 + 500·1.0444659)/3000 = 1.0995675
  WK1 = 30.492342 / 1.0995675 = 27.731214‰ → 27.731 of 1,000 children
  WK2 = 30.492342 · 1.1843131 / 1.0995675 = 32.842439‰ → 49.264 of 1,500
  WK3 = 30.492342 · 1.0444659 / 1.0995675 = 28.964308‰ → 14.482 of 500
"""

import numpy as np
import pandas as pd
import pytest

from risicofactoren.services import BRON_LEEFTIJDSGROEPEN, FactorParams, ModelParams, estimate

A = FactorParams("a", "Factor A", 3.0, 2.0, 4.5, ("a_t",), ("a_n",), 0.2)
B = FactorParams("b", "Factor B", 2.0, 1.5, 2.7, ("b_pct",), (), 0.1)


def params(**kwargs) -> ModelParams:
    velden = {
        "basis": 30.0,
        "basis_onder": 25.0,
        "basis_boven": 36.0,
        "trekkingen": 400,
        "min_kinderen": 50,
        "toeslag": 0.25,
        "seed": 1,
        "factoren": (A, B),
    } | kwargs
    return ModelParams(**velden)


def land(kinderen_nl=True, extra_gebieden=(), extra_waarden=()):
    gebieden = pd.DataFrame(
        [
            (1, "NL00", "land", np.nan, np.nan),
            (2, "GM0001", "gemeente", 1, 2),
            (3, "GM0002", "gemeente", 1, 3),
            (11, "WK000101", "wijk", 2, 2),
            (12, "WK000102", "wijk", 2, 2),
            (13, "WK000103", "wijk", 2, 2),
            *extra_gebieden,
        ],
        columns=["id", "code", "soort", "parent", "gemeente"],
    ).set_index("id")
    # children = 0–15 + 3/10 of 15–25
    rijen = [
        (2, 2700, 1000, 300, 1000, 10.0),
        (3, 900, 333.3333333333, np.nan, np.nan, np.nan),
        (11, 900, 333.3333333333, 200, 1000, 10.0),
        (12, 1350, 500, 400, 1000, 20.0),
        (13, 450, 166.6666666667, np.nan, np.nan, 5.0),
        *extra_waarden,
    ]
    if kinderen_nl:
        rijen.append((1, 3600, 1333.3333333333, np.nan, np.nan, np.nan))
    waarden = pd.DataFrame(
        rijen, columns=["gebied", "leeftijd_0_15", "leeftijd_15_25", "a_t", "a_n", "b_pct"]
    ).set_index("gebied")
    return gebieden, waarden


def test_gemeenten_are_calibrated_to_the_national_total():
    uit = estimate(*land(), params())
    assert uit.loc[2, "per_1000"] == pytest.approx(30.492342, abs=1e-5)
    assert uit.loc[3, "per_1000"] == pytest.approx(28.522974, abs=1e-5)
    assert uit.loc[2, "schatting"] == pytest.approx(91.477026, abs=1e-4)
    assert uit.loc[2, "schatting"] + uit.loc[3, "schatting"] == pytest.approx(120.0)
    assert uit.loc[1, "schatting"] == pytest.approx(120.0)
    assert uit.loc[2, "ratio"] == pytest.approx(30.492342 / 30, abs=1e-6)


def test_wijken_are_calibrated_to_their_gemeente():
    uit = estimate(*land(), params())
    assert uit.loc[11, "per_1000"] == pytest.approx(27.731214, abs=1e-5)
    assert uit.loc[12, "per_1000"] == pytest.approx(32.842439, abs=1e-5)
    assert uit.loc[13, "per_1000"] == pytest.approx(28.964308, abs=1e-5)
    assert uit.loc[12, "schatting"] == pytest.approx(49.263658, abs=1e-4)
    assert uit.loc[[11, 12, 13], "schatting"].sum() == pytest.approx(uit.loc[2, "schatting"])


def test_children_from_age_bands_and_said_so():
    uit = estimate(*land(), params())
    assert uit.loc[12, "kinderen"] == pytest.approx(1500)
    assert uit.loc[12, "kinderen_bron"] == BRON_LEEFTIJDSGROEPEN


def test_imported_count_of_children_wins_over_the_age_bands():
    gebieden, waarden = land()
    waarden["kinderen_0_17"] = np.nan
    waarden.loc[12, "kinderen_0_17"] = 1600
    uit = estimate(gebieden, waarden, params())
    assert uit.loc[12, "kinderen"] == 1600
    assert "geïmporteerd" in uit.loc[12, "kinderen_bron"]


def test_factor_contributions_and_where_the_share_came_from():
    uit = estimate(*land(), params())
    wk2 = uit.loc[12, "factoren"]
    assert wk2["a"]["ratio"] == pytest.approx(1.8 / 1.4, abs=1e-4)
    assert wk2["b"]["ratio"] == pytest.approx(1.2 / 1.1, abs=1e-4)
    assert wk2["a"]["herkomst"] == "eigen"
    wk3 = uit.loc[13, "factoren"]
    assert wk3["a"]["herkomst"] == "gemeente" and wk3["a"]["aandeel"] == pytest.approx(0.3)
    assert any("Factor A" in o and "gemeente" in o for o in uit.loc[13, "opmerkingen"])
    assert uit.loc[3, "factoren"]["a"]["herkomst"] == "land"


def test_a_borrowed_share_widens_the_interval():
    gebieden, waarden = land()
    met_eigen = waarden.copy()
    met_eigen.loc[13, ["a_t", "a_n"]] = [300, 1000]  # the gemeente's share, but its own figure
    geleend = estimate(gebieden, waarden, params(trekkingen=4000))
    eigen = estimate(gebieden, met_eigen, params(trekkingen=4000))
    assert geleend.loc[13, "per_1000"] == pytest.approx(eigen.loc[13, "per_1000"])

    def breedte(uit):
        return (uit.loc[13, "bovengrens"] - uit.loc[13, "ondergrens"]) / uit.loc[13, "schatting"]

    assert breedte(geleend) > breedte(eigen) * 1.02


def test_interval_reflects_the_base_rate_range():
    uit = estimate(*land(), params())
    nl = uit.loc[1]
    # 95 % of the base rate 25–36 ‰ on 4,000 children: about 100–144.
    assert 95 < nl["ondergrens"] < 108 and 134 < nl["bovengrens"] < 150
    assert (uit["ondergrens"] <= uit["schatting"]).all()
    assert (uit["schatting"] <= uit["bovengrens"]).all()


def test_small_and_unknown_gebieden_get_a_reason_instead_of_a_number():
    gebieden, waarden = land(
        extra_gebieden=[(14, "WK000104", "wijk", 2, 2), (15, "WK000105", "wijk", 2, 2)],
        extra_waarden=[(14, 30, 20, 10, 20, 50.0)],  # 36 children
    )
    uit = estimate(gebieden, waarden, params())
    assert np.isnan(uit.loc[14, "schatting"]) or uit.loc[14, "schatting"] is None
    assert "Minder dan 50 kinderen" in uit.loc[14, "reden"]
    assert "Geen aantal inwoners naar leeftijd" in uit.loc[15, "reden"]
    assert uit.loc[11, "reden"] == ""


def test_without_national_figures_the_estimate_is_not_calibrated_and_says_so():
    uit = estimate(*land(kinderen_nl=False), params())
    # GM0001: 30 · 1.0690450 = 32.071349 ‰, not calibrated against the other gemeente.
    assert uit.loc[2, "per_1000"] == pytest.approx(32.071349, abs=1e-5)
    assert any("niet gekalibreerd" in o for o in uit.loc[2, "opmerkingen"])


def test_a_buurt_takes_its_wijks_share_before_the_gemeentes():
    gebieden, waarden = land(
        extra_gebieden=[(21, "BU00010201", "buurt", 12, 2)],
        extra_waarden=[(21, 500, 100, np.nan, np.nan, np.nan)],
    )
    uit = estimate(gebieden, waarden, params())
    assert uit.loc[21, "factoren"]["a"]["herkomst"] == "wijk"
    assert uit.loc[21, "factoren"]["a"]["aandeel"] == pytest.approx(0.4)
    # The only buurt of WK2 with children carries WK2's rate.
    assert uit.loc[21, "per_1000"] == pytest.approx(uit.loc[12, "per_1000"])
