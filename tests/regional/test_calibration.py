"""δ calibration against independently estimated regional tables: Finland 2014 (ALTA).

Flegg & Tohmo (2013) calibrated δ for Finnish regions against survey-based tables and found
that the FLQ reproduces regional multipliers better than the SLQ and the CILQ. The ALTA tables
(Honkatukia et al. 2019) are not survey tables but are estimated independently of any LQ
(TERM-style regionalization of Statistics Finland's accounts), so they are a fair benchmark.
Regional size is measured by output, as the data has no regional employment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.regional import calibrate_delta, output_multipliers

GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]


def test_flq_beats_slq_and_cilq_in_most_finnish_regions(fi_tables):
    national, regional, out = fi_tables
    wins, deltas = 0, []
    for r, t in regional.items():
        cal = calibrate_delta(national, out[r], national.x, target=t, deltas=GRID, refine=False, region=r)
        assert cal.check()["ok"].all()
        assert cal.delta in GRID and cal.error == pytest.approx(cal.curve.min())
        deltas.append(cal.delta)
        wins += bool(cal.error < cal.benchmarks.min())
    # Flegg & Tohmo (2013): FLQ with a suitable delta outperforms SLQ and CILQ
    assert wins > len(regional) / 2, wins
    assert 0 < np.median(deltas) <= 0.4


def test_refinement_and_target_forms(fi_tables):
    national, regional, out = fi_tables
    t = regional["Satakunta"]
    a = calibrate_delta(national, out["Satakunta"], national.x, target=t, deltas=GRID, region="Satakunta")
    b = calibrate_delta(national, out["Satakunta"], national.x, target=t, deltas=GRID, refine=False)
    assert a.error <= b.error + 1e-12
    assert abs(a.delta - b.delta) <= 0.05 + 1e-9
    # a Series of target multipliers gives the same answer as the table
    keep = t.x > 0
    m = output_multipliers(t.A.loc[keep, keep])
    c = calibrate_delta(national, out["Satakunta"], national.x, target=m, deltas=GRID, refine=False)
    assert c.delta == b.delta
    tab = a.table
    assert {"industry", "target_multiplier", "estimated_multiplier", "pct_error"} <= set(tab.columns)
    # MAPE recomputed from the table
    assert np.mean(np.abs(tab["pct_error"])) == pytest.approx(a.error, rel=1e-10)
    assert "Satakunta" in a.summary()


def test_calibration_bad_input(fi_tables):
    national, regional, out = fi_tables
    t = regional["Kainuu"]
    with pytest.raises(ValidationError, match="criterion"):
        calibrate_delta(national, out["Kainuu"], national.x, target=t, criterion="mae")
    with pytest.raises(ValidationError, match="δ-dependent"):
        calibrate_delta(national, out["Kainuu"], national.x, target=t, method="cilq")
    with pytest.raises(ValidationError, match=">= 1"):
        calibrate_delta(national, out["Kainuu"], national.x, target=pd.Series(0.5, index=national.industries))
    with pytest.raises(ValidationError, match="no industry in common"):
        calibrate_delta(national, out["Kainuu"], national.x, target=pd.Series(1.5, index=["x", "y"]))
