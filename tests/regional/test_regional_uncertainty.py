"""Monte Carlo over δ, coefficients and employment for an LQ-regionalized table
(valuechain.regional.uncertainty), against the point regionalization."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain import ValidationError
from valuechain.leontief import Uncertainty, key_sectors_uncertainty
from valuechain.regional import (
    output_multipliers,
    regional_sampler,
    regionalize,
    regionalize_uncertainty,
)
from valuechain.tables import read_table

LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]


@pytest.fixture(scope="module")
def germany(shared_data):
    # Eurostat Manual (2008) Table 15.4, Germany 1995, with a SYNTHETIC region's employment
    t = read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                   label_column="iotables_row", ignore=LABEL_COLS, rtol=1e-4)
    reg = pd.Series([61, 1210, 262, 690, 240, 650], index=t.industries, dtype=float)
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=t.industries, dtype=float)
    return t, reg, nat


def _mult(t, reg, nat, delta):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return output_multipliers(regionalize(t, reg, nat, delta=delta).io_table.A).to_numpy()


def test_single_delta_no_error_gives_the_point(germany):
    t, reg, nat = germany
    r = regionalize_uncertainty(t, reg, nat, delta=0.3, uncertainty=Uncertainty(draws=40, delta_range=(0.3, 0.3)))
    tab = r.table
    for q in ("_p05", "_p50", "_p95"):
        np.testing.assert_allclose(tab["output_multiplier_region" + q], tab["output_multiplier_region"], rtol=1e-10)
    np.testing.assert_allclose(tab["output_multiplier_region"], _mult(t, reg, nat, 0.3), rtol=1e-12)
    assert r.rejected == 0 and any("regionalized" in f for f in r.flags)


def test_delta_range_quantiles_bracket_the_delta_quantiles(germany):
    # FLQ multipliers fall as δ rises, so with δ ~ U(0.1, 0.4) alone the 5 % quantile of a
    # multiplier is its value at δ's 95 % quantile (0.385) and the 95 % quantile its value
    # at δ's 5 % quantile (0.115); sampling error of 2000 draws is well inside ±0.01 in δ
    t, reg, nat = germany
    r = regionalize_uncertainty(t, reg, nat, uncertainty=Uncertainty(draws=2000, seed=4, delta_range=(0.1, 0.4)))
    tab = r.table
    assert (tab["output_multiplier_region_p05"].to_numpy() >= _mult(t, reg, nat, 0.395) - 1e-12).all()
    assert (tab["output_multiplier_region_p05"].to_numpy() <= _mult(t, reg, nat, 0.375) + 1e-12).all()
    assert (tab["output_multiplier_region_p95"].to_numpy() >= _mult(t, reg, nat, 0.125) - 1e-12).all()
    assert (tab["output_multiplier_region_p95"].to_numpy() <= _mult(t, reg, nat, 0.105) + 1e-12).all()
    assert r.identities_hold()


def test_regional_key_sector_probabilities(germany):
    t, reg, nat = germany
    point, sampler, u = regional_sampler(t, reg, nat, uncertainty=Uncertainty(draws=300, delta_range=(0.1, 0.4),
                                                                              coef_cv=0.05, measure_cv=0.1))
    k = key_sectors_uncertainty(point.io_table, u, sampler=sampler)
    probs = k.table[["prob_key", "prob_backward", "prob_forward", "prob_weak"]]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert k.identities_hold()


def test_delta_range_needs_flq(germany):
    t, reg, nat = germany
    with pytest.raises(ValidationError, match="δ-dependent"):
        regionalize_uncertainty(t, reg, nat, method="slq", uncertainty=Uncertainty(draws=5, delta_range=(0.1, 0.4)))


def test_regionalize_cli_draws(germany, tmp_path):
    from typer.testing import CliRunner

    from valuechain.cli import app
    from valuechain.tables import write_table

    t, reg, nat = germany
    src = tmp_path / "de.csv"
    write_table(t, src)
    emp = tmp_path / "emp.csv"
    pd.DataFrame({"industry": list(t.industries) * 2, "region": ["R"] * 6 + ["national"] * 6,
                  "employment": list(reg) + list(nat)}).to_csv(emp, index=False)
    outs = []
    for k in range(2):
        ind = tmp_path / f"ind{k}.csv"
        res = CliRunner().invoke(app, ["regionalize", str(src), "-e", str(emp), "-r", "R", "-o", str(tmp_path / f"r{k}.csv"),
                                       "--industries-out", str(ind), "--draws", "100", "--seed", "2",
                                       "--delta-range", "0.1", "0.4", "--coef-cv", "0.05"])
        assert res.exit_code == 0, res.output + res.stderr
        outs.append(ind.read_bytes())
    assert outs[0] == outs[1]
    df = pd.read_csv(tmp_path / "ind0.csv")
    assert {"output_multiplier_region_p05", "output_multiplier_region_p50", "output_multiplier_region_p95"} <= set(df.columns)
    res = CliRunner().invoke(app, ["regionalize", str(src), "-e", str(emp), "-r", "R", "-o", str(tmp_path / "x.csv"),
                                   "--draws", "10"])
    assert res.exit_code == 2 and "--industries-out" in res.stderr


def test_every_delta_method_of_the_registry_takes_a_delta_range(germany, monkeypatch):
    """The δ range is read from LQ_REGISTRY (every ``needs_delta`` method), not a fixed FLQ/AFLQ list:
    a δ-dependent method that is not linear in λ* is recomputed at each draw's δ, and gives the
    same draws as FLQ's λ*-rescaling (the same formula, registered without the shortcut)."""
    import dataclasses

    import valuechain.regional.uncertainty as ru
    from valuechain.regional.quotients import LQ_REGISTRY, lq_method

    t, reg, nat = germany
    u = Uncertainty(draws=30, seed=2, delta_range=(0.1, 0.4))
    fast = regional_sampler(t, reg, nat, method="flq", uncertainty=u)[1](np.random.default_rng(0), 30)
    plain = dataclasses.replace(LQ_REGISTRY["flq"], lambda_linear=False)
    monkeypatch.setattr(ru, "lq_method", lambda m: plain if m == "flq" else lq_method(m))
    slow = regional_sampler(t, reg, nat, method="flq", uncertainty=u)[1](np.random.default_rng(0), 30)
    np.testing.assert_allclose(slow, fast, rtol=1e-10, atol=1e-14)
    assert not np.allclose(slow[0], slow[1])  # δ varies between draws
    for m, entry in LQ_REGISTRY.items():
        if entry.needs_delta:
            regional_sampler(t, reg, nat, method=m, uncertainty=u)
        else:
            with pytest.raises(ValidationError, match="needs a δ-dependent method"):
                regional_sampler(t, reg, nat, method=m, uncertainty=u)


def test_study_file_lq_methods_are_the_registry():
    from valuechain.regional.quotients import LQ_REGISTRY
    from valuechain.report.study import STUDY_SCHEMA

    kind = STUDY_SCHEMA["regional"]["method"][0]
    assert kind == "choice:" + "|".join(LQ_REGISTRY)
