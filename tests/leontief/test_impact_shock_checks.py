"""Issue 24, ``impact``: the shock checks at the function level (no silently wrong result).

Hand-worked numbers: Miller & Blair (2009, sec. 2.3), A = [[.15, .25], [.20, .05]];
a shock (600, 1500) needs output (1247.52, 1841.58).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.leontief import impact, read_shock, shock_frame
from valuechain.leontief.impact import check_finite_effects
from valuechain.tables import IOTable


@pytest.fixture()
def t():
    return IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])


def test_overflowing_shock_is_refused_naming_the_row(t):
    with pytest.raises(ValidationError, match=r"industry '2'.*final_demand 1.7e\+308"):
        impact(t, pd.DataFrame({"industry": ["1", "2"], "final_demand": [600.0, 1.7e308]}))
    with pytest.raises(ValidationError, match=r"industry '1', year 2021"):
        impact(t, pd.DataFrame({"year": [2020, 2021], "industry": ["1", "1"], "final_demand": [1.0, 1.7e308]}))


def test_large_finite_shock_still_scales_linearly(t):
    # 1e300 does not overflow: the output is the Miller-Blair answer times 1e300/600 etc.
    r = impact(t, pd.Series({"1": 600e297, "2": 1500e297}))
    out = r.table.set_index("industry")["output_total"]
    np.testing.assert_allclose(out[["1", "2"]].to_numpy(), [1247.52e297, 1841.58e297], rtol=1e-5)


def test_check_finite_effects_passes_finite_and_refuses_nan():
    sf = shock_frame({"a": 3.0, "b": -7.0}, ["a", "b"])
    check_finite_effects(pd.DataFrame({"industry": ["a"], "x": [1.0]}), sf)
    with pytest.raises(ValidationError, match="industry 'b'"):
        check_finite_effects(pd.DataFrame({"industry": ["a"], "x": [np.nan]}), sf)


def test_duplicate_final_demand_column_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="'final_demand' more than once"):
        shock_frame(pd.DataFrame([["1", 1.0, 2.0]], columns=["industry", "final_demand", "Final_Demand "]), ["1", "2"])
    p = tmp_path / "s.csv"
    p.write_text("# a comment\nindustry,final_demand,final_demand\n1,10,99\n")
    with pytest.raises(ValidationError, match=r"s\.csv has the column 'final_demand' more than once"):
        read_shock(p)
    p.write_text("# a comment\nindustry,final_demand\n1,10\n")
    assert read_shock(p).columns.tolist() == ["industry", "final_demand"]


def test_region_column_is_refused_nationally_and_checked_regionally():
    df = pd.DataFrame({"industry": ["1", "2"], "region": ["North", "North"], "final_demand": [1.0, 2.0]})
    with pytest.raises(ValidationError, match="--region R --employment EMP.csv"):
        shock_frame(df, ["1", "2"])
    out = shock_frame(df, ["1", "2"], region="North")
    assert out["final_demand"].tolist() == [1.0, 2.0]
    with pytest.raises(ValidationError, match=r"data row 2 has region 'South'"):
        shock_frame(df.assign(region=["North", "South"]), ["1", "2"], region="North")


def test_national_impact_with_region_column_is_refused(t):
    with pytest.raises(ValidationError, match="region column"):
        impact(t, pd.DataFrame({"industry": ["1"], "region": ["x"], "final_demand": [1.0]}))
