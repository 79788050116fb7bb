"""δ sensitivity (hand example, properties, figure) and the seed study's chain on Western Australia."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from valuechain._charts import chart_svg
from valuechain.errors import ValidationError
from valuechain.regional import delta_sensitivity, employment_vectors, regionalize, slq, two_region_effects_chart, two_region_model
from valuechain.tables import IOTable

from _regional_helpers import _table, economies

WA = "Western Australia"


def test_delta_sensitivity_hand_example():
    # One industry with a^n = 0.5 in a region with E_r/E_n = 0.1. SLQ = 1, so the FLQ is
    # lambda* and a^r = 0.5 * lambda*, m = 1 / (1 - a^r):
    #   delta 0.1: lambda* = 0.1375035237^0.1 = 0.8200331002, a^r = 0.4100165501, m = 1.6949627996
    #   delta 0.3: lambda* = 0.5514347723, a^r = 0.2757173862, m = 1.3806765217
    #   delta 0.5: lambda* = 0.3708146757, a^r = 0.1854073379, m = 1.2276074245
    # national: m = 1 / (1 - 0.5) = 2; CILQ (lambda* = 1): also 2.
    t = IOTable.from_frames([[50.0]], [[50.0]], [[50.0]], [100.0], industries=["only"])
    s = delta_sensitivity(t, pd.Series([10.0], index=["only"]), pd.Series([100.0], index=["only"]), deltas=[0.5, 0.1, 0.3])
    np.testing.assert_allclose(s.multipliers.loc["only"].to_numpy(), [1.6949627996, 1.3806765217, 1.2276074245], rtol=1e-9)
    assert list(s.multipliers.columns) == [0.1, 0.3, 0.5]
    assert s.national["only"] == pytest.approx(2.0)
    assert s.cilq["only"] == pytest.approx(2.0)
    np.testing.assert_allclose(s.lambda_stars.to_numpy(), [0.8200331002, 0.5514347723, 0.3708146757], rtol=1e-9)
    assert s.check()["ok"].all()
    assert set(s.table.columns) >= {"delta", "industry", "output_multiplier", "output_multiplier_national", "note"}


@settings(max_examples=15)
@given(economies())
def test_sensitivity_monotone(eco):
    reg, nat, A = eco
    n = len(reg)
    labels = [f"i{k}" for k in range(n)]
    t = _table(A, np.linalg.solve(np.eye(n) - A, nat), labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = delta_sensitivity(t, pd.Series(reg, index=labels), pd.Series(nat, index=labels), deltas=[0.1, 0.3, 0.6, 0.9])
    assert s.check()["ok"].all(), s.check()
    assert (s.multipliers.le(s.national, axis=0) | np.isclose(s.multipliers, s.national.to_numpy()[:, None])).all().all()


def test_sensitivity_bad_grid(au_table):
    r = pd.Series(1.0, index=au_table.industries)
    n = pd.Series(10.0, index=au_table.industries)
    with pytest.raises(ValidationError, match=r"delta=1.2 is outside \(0, 1\)"):
        delta_sensitivity(au_table, r, n, deltas=[0.1, 1.2])
    with pytest.raises(ValidationError, match="δ-dependent method"):
        delta_sensitivity(au_table, r, n, method="slq")


def test_seed_chain_western_australia(au_table, au_employment):
    """The seed study's method on a resource region: FLQ (δ = 0.3) regionalization with
    employment, key sectors of the region, clusters by factor analysis, δ sensitivity."""
    from valuechain.clusters import ClusterAnalysis
    from valuechain.leontief import key_sectors, multipliers

    e = employment_vectors(au_employment, WA, industries=au_table.industries, unmatched="ignore")
    assert set(e.ignored) == {"Inadequately described", "Not stated", "Not applicable"}
    # the Census counts by place of work, recomputed directly from the file
    emp = au_employment[~au_employment["industry"].isin(e.ignored)]
    wa = emp[emp["region"] == WA].set_index("industry")["employment"]
    nat = emp.groupby("industry")["employment"].sum()
    slq_mining = (wa["Mining"] / wa.sum()) / (nat["Mining"] / nat.sum())
    assert slq(e.regional, e.national)["Mining"] == pytest.approx(slq_mining, rel=1e-12)
    assert slq_mining > 4  # WA is Australia's mining state

    res = regionalize(au_table, e, method="flq", delta=0.3)
    rt = res.io_table
    assert res.check()["ok"].all()
    assert res.lambda_star == pytest.approx(np.log2(1 + wa.sum() / nat.sum()) ** 0.3, rel=1e-12)
    # regional output multipliers (foundation) below the national ones in every industry
    m_r = multipliers(rt)["output"]
    m_n = multipliers(au_table)["output"]
    assert (m_r < m_n.loc[m_r.index]).all()
    # key sectors and clusters run unchanged on the regional table and carry its flags
    ks = key_sectors(rt)
    assert len(ks.table) == 19 and any("FLQ" in f for f in ks.flags)
    ca = ClusterAnalysis(threshold=0.5).fit(rt)
    assert ca.eigenvalues_.iloc[0] >= 1 and len(ca.clusters_) >= 1
    # delta sensitivity over Flegg's range: the mean multiplier falls as δ rises
    s = delta_sensitivity(au_table, e, deltas=[0.1, 0.2, 0.3, 0.4])
    assert s.mean_by_delta().is_monotonic_decreasing
    assert s.multipliers[0.3].to_numpy() == pytest.approx(m_r.loc[s.multipliers.index].to_numpy(), rel=1e-10)
    svg = chart_svg(s.chart())
    assert svg.startswith("<svg") and "Western Australia" in svg


def test_two_region_chart(au_table, au_employment_clean):
    e = employment_vectors(au_employment_clean, WA, industries=au_table.industries)
    svg = chart_svg(two_region_effects_chart(two_region_model(au_table, e)))
    assert "spillover" in svg and "feedback" in svg


def test_lga_with_absent_industries_dropped(shared_data, au_table, tmp_path):
    """A small local government area (Bulloo, Queensland) lacks several divisions: they are
    dropped from its table and reported (the seed went from 58 to 39 sectors)."""
    from typer.testing import CliRunner

    from valuechain.cli import app
    from valuechain.tables import read_table

    from _regional_helpers import AU

    e = pd.read_csv(shared_data / AU / "employment_by_place_of_work_lga_2011_2016_2021.csv")
    e = e[(e["year"] == 2021) & e["industry"].isin(au_table.industries)].rename(columns={"lga_pow": "region"})
    e = e.groupby(["industry", "region"], as_index=False)["employment"].sum()
    absent = set(au_table.industries) - set(e[(e["region"] == "Bulloo") & (e["employment"] > 0)]["industry"])
    assert len(absent) >= 3
    ev = employment_vectors(e, "Bulloo", industries=au_table.industries)
    res = regionalize(au_table, ev)
    assert set(res.dropped) == absent
    assert res.io_table.n == 19 - len(absent)
    assert res.check()["ok"].all()
    p = tmp_path / "lga.csv"
    e.to_csv(p, index=False)
    out = tmp_path / "bulloo.csv"
    r = CliRunner().invoke(app, ["regionalize", str(shared_data / AU / "australia_io19_national.csv"), "-e", str(p), "-r", "Bulloo", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "dropped (zero regional employment)" in " ".join(r.output.split())
    assert read_table(out).n == 19 - len(absent)
