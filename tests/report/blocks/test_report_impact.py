"""The impact section of the report (valuechain.report.blocks.impact): its tables and
narrative are read off the results, the example shock is a documented illustration."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain.leontief import Uncertainty, impact
from valuechain.regional import two_region_model
from valuechain.report._model import ReportFigure, ReportSection, ReportTable
from valuechain.report.blocks.impact import (
    EXAMPLE_SHOCK_FLAG,
    ILLUSTRATION_FLAG,
    example_shock,
    impact_section,
)
from valuechain.tables import IOTable

@pytest.fixture(scope="module")
def germany():
    import tomllib
    from importlib import resources

    with open(str(resources.files("valuechain") / "data" / "germany_1995.toml"), "rb") as fh:
        d = tomllib.load(fh)
    ind = d["industries"]
    return IOTable.from_frames(
        pd.DataFrame(d["Z"], index=ind, columns=ind, dtype=float),
        pd.DataFrame(d["Y"], index=ind, columns=d["final_demand"], dtype=float),
        pd.DataFrame(d["V"], index=d["primary"], columns=ind, dtype=float),
        pd.Series(d["x"], index=ind, dtype=float),
        satellite=pd.DataFrame([d["employment"]], index=["employment"], columns=ind, dtype=float),
        roles=d["roles"], name=d["name"], unit=d["unit"], source=d["source"])


SHOCK = pd.DataFrame({"year": [2026, 2026, 2027], "industry": ["Construction", "Manufacturing", "Manufacturing"],
                      "final_demand": [100.0, 30.0, 50.0]})


def test_section_layout_and_narrative(germany):
    sec = impact_section(germany, SHOCK, type="II", flags=("synthetic region",))
    assert isinstance(sec, ReportSection) and sec.key == "impact"
    keys = [b.key for b in sec.blocks if isinstance(b, (ReportTable, ReportFigure))]
    assert keys == ["impact_effects", "impact_by_year", "impact_largest"]
    eff = sec.tables[0]
    assert "Output: induced (household spending)" in eff.df.columns
    assert eff.unit == "million EUR" and eff.units["Employment: total"].startswith("jobs")
    assert eff.df["Industry"].iloc[-1] == "total"
    # the narrative's totals are those of the result
    agg = impact(germany, SHOCK, type="II").aggregate()
    text = next(b for b in sec.blocks if isinstance(b, str))
    assert f"{agg['output_total']:,.0f}" in text
    assert f"{agg['output_multiplier']:.2f} units of output" in text
    assert "synthetic region" in sec.flags


def test_two_region_section(germany):
    reg = pd.Series([61, 1210, 262, 690, 240, 650], index=germany.industries, dtype=float)     # synthetic region
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=germany.industries, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = two_region_model(germany, reg, nat, region="Example region")
    sec = impact_section(germany, SHOCK, model=m, illustration=True, uncertainty=Uncertainty(draws=10))
    assert ILLUSTRATION_FLAG in sec.flags and "smelter" not in " ".join(sec.flags)  # not every illustration is the smelter
    assert "impact_regions" in [t.key for t in sec.tables]
    text = " ".join(b for b in sec.blocks if isinstance(b, str))
    assert "spills over to rest of country" in text
    assert any("Type I single-region" in n for n in sec.notes)


def test_uncertainty_blocks(germany):
    u = Uncertainty(draws=200, seed=2, coef_cv=0.1)
    sec = impact_section(germany, SHOCK, uncertainty=u)
    keys = [t.key for t in sec.tables]
    assert "impact_multiplier_bands" in keys and "impact_keysector_probabilities" in keys
    kp = next(t for t in sec.tables if t.key == "impact_keysector_probabilities").df
    np.testing.assert_allclose(kp[["P(key)", "P(backward-oriented)", "P(forward-oriented)", "P(weak)"]].sum(axis=1), 1.0)
    mb = next(t for t in sec.tables if t.key == "impact_multiplier_bands").df
    assert "Output multiplier (5th percentile)" in mb.columns
    text = " ".join(b for b in sec.blocks if isinstance(b, str))
    assert "Allowing for uncertainty" in text and "200 draws" in text


def test_example_shock_is_documented_and_matches_the_kazakhstan_industries(shared_data):
    """The demo's table is the 50-industry ICIO one: the shock's labels are its industry names."""
    from valuechain.datasets.kazakhstan_icio import icio_industry_names

    s = example_shock()
    assert set(s.columns) == {"year", "industry", "final_demand"}
    assert set(s["industry"]) <= set(icio_industry_names(shared_data).values())
    assert {"Precious and non-ferrous metals", "Construction"} <= set(s["industry"])
    assert sorted(s["year"].unique()) == [2026, 2027, 2028, 2029, 2030]
    assert (s["final_demand"] > 0).all()
    assert EXAMPLE_SHOCK_FLAG in s.attrs["flags"]
