"""Properties the estimate keeps for any country (hypothesis generates small ones)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risicofactoren.services import FactorParams, ModelParams, estimate

FACTOREN = (
    FactorParams("opl", "Laag opgeleid", 4.95, 3.5, 7.0, ("opl_t",), ("opl_n",), 0.26),
    FactorParams("werk", "Werkloos", 3.64, 2.6, 5.1, ("werk_pct",), (), 0.064),
)
PARAMS = ModelParams(
    basis=33.8,
    basis_onder=28.0,
    basis_boven=40.0,
    trekkingen=200,
    min_kinderen=50,
    toeslag=0.25,
    seed=7,
    factoren=FACTOREN,
)

aandeel = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
wijk = st.tuples(
    st.integers(min_value=60, max_value=5000),  # children
    st.one_of(st.none(), aandeel),  # share low education (None: missing)
    st.one_of(st.none(), aandeel),  # share unemployed
)
gemeente = st.lists(wijk, min_size=1, max_size=5)
land_strategy = st.lists(gemeente, min_size=1, max_size=4)


def build(land, nl_shares=False):
    """Gebieden and values (all children in the 0–15 band) of a generated country."""
    gebieden = [(1, "NL00", "land", np.nan, np.nan)]
    waarden = []
    volgende = 2
    totaal = 0
    for gm in land:
        gm_id = volgende
        volgende += 1
        gebieden.append((gm_id, f"GM{gm_id:04d}", "gemeente", 1, gm_id))
        k_gm = 0
        for k, opl, werk in gm:
            w_id = volgende
            volgende += 1
            gebieden.append((w_id, f"WK{w_id:06d}", "wijk", gm_id, gm_id))
            waarden.append(
                (
                    w_id,
                    k,
                    np.nan if opl is None else opl * 1000,
                    np.nan if opl is None else 1000,
                    np.nan if werk is None else werk * 100,
                )
            )
            k_gm += k
        waarden.append((gm_id, k_gm, np.nan, np.nan, np.nan))
        totaal += k_gm
    nl = (1, totaal, 260, 1000, 6.4) if nl_shares else (1, totaal, np.nan, np.nan, np.nan)
    waarden.append(nl)
    g = pd.DataFrame(gebieden, columns=["id", "code", "soort", "parent", "gemeente"])
    w = pd.DataFrame(waarden, columns=["gebied", "leeftijd_0_15", "opl_t", "opl_n", "werk_pct"])
    w["leeftijd_15_25"] = 0
    return g.set_index("id"), w.set_index("gebied")


@settings(max_examples=40, deadline=None)
@given(land_strategy)
def test_national_total_equals_the_base_rate_total(land):
    gebieden, waarden = build(land)
    uit = estimate(gebieden, waarden, PARAMS)
    gemeenten = uit[gebieden.loc[uit.index, "soort"] == "gemeente"]
    wijken = uit[gebieden.loc[uit.index, "soort"] == "wijk"]
    totaal = waarden.loc[1, "leeftijd_0_15"] * PARAMS.basis / 1000
    assert gemeenten["schatting"].sum() == pytest.approx(totaal, rel=1e-9)
    assert wijken["schatting"].sum() == pytest.approx(totaal, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(land_strategy)
def test_interval_contains_the_point_estimate(land):
    uit = estimate(*build(land), PARAMS)
    assert (uit["ondergrens"] <= uit["schatting"]).all()
    assert (uit["schatting"] <= uit["bovengrens"]).all()
    assert (uit["ondergrens"] > 0).all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=60, max_value=5000), min_size=1, max_size=5),
        min_size=1,
        max_size=4,
    )
)
def test_national_shares_everywhere_give_the_national_rate(kinderen):
    land = [[(k, 0.26, 0.064) for k in gm] for gm in kinderen]
    uit = estimate(*build(land), PARAMS)
    assert np.allclose(uit["per_1000"], PARAMS.basis)
    assert np.allclose(uit["ratio"], 1.0)


@settings(max_examples=60, deadline=None)
@given(
    land_strategy,
    st.data(),
    st.sampled_from(["opl", "werk"]),
    st.floats(min_value=0.001, max_value=0.5),
)
def test_raising_a_share_in_one_wijk_never_lowers_its_estimate(land, data, factor, stap):
    gebieden, waarden = build(land)
    wijken = gebieden.index[gebieden["soort"] == "wijk"]
    doel = data.draw(st.sampled_from(list(wijken)))
    voor = estimate(gebieden, waarden, PARAMS).loc[doel, "schatting"]
    hoger = waarden.copy()
    if factor == "opl":
        huidig = hoger.loc[doel, "opl_t"] / 1000 if not np.isnan(hoger.loc[doel, "opl_t"]) else 0.0
        hoger.loc[doel, ["opl_t", "opl_n"]] = [min(1.0, huidig + stap) * 1000, 1000]
    else:
        huidig = (
            hoger.loc[doel, "werk_pct"] / 100 if not np.isnan(hoger.loc[doel, "werk_pct"]) else 0.0
        )
        hoger.loc[doel, "werk_pct"] = min(1.0, huidig + stap) * 100
    na = estimate(gebieden, hoger, PARAMS).loc[doel, "schatting"]
    # Raising from "missing" (which takes the gemeente's or national share) to a share that is
    # still below it is not raising; compare against the share actually used before.
    gebruikt_voor = estimate(gebieden, waarden, PARAMS).loc[doel, "factoren"][factor]["aandeel"]
    gebruikt_na = estimate(gebieden, hoger, PARAMS).loc[doel, "factoren"][factor]["aandeel"]
    if gebruikt_na >= gebruikt_voor:
        assert na >= voor * (1 - 1e-12)
