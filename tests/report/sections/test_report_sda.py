"""The structural-decomposition section (report/sections/sda.py): needs two tables of the same industries,
is off by default (no [sda]: skipped, never a second year made up); effects read off
valuechain.leontief.structural_decomposition and checked against cases worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.report._model import Record, ReportSection, ReportTable
from valuechain.report.build import assemble
from valuechain.report.claims import ClaimBook
from valuechain.report.inputs import Inputs
from valuechain.report.sections import Page, section
from valuechain.report.study import parse_study
from valuechain.tables import IOTable

from _sut_tables import mb_table, study_text, write


def _run(tmp_path, t0, t1, extra=""):
    p0, p1 = write(t0, tmp_path, "t0.csv"), write(t1, tmp_path, "t1.csv")
    body = f'[sda]\ntables = ["{p0.as_posix()}", "{p1.as_posix()}"]\nyears = [2015, 2020]\n' + extra
    st = parse_study(study_text(p0, body), base=tmp_path)
    spec = section("sda")
    data = Inputs(st, Record())
    sec, book = ReportSection(key="sda", title=spec.title), ClaimBook()
    spec.build(spec.load(st, data), Page(sec=sec, claims=book, record=data.record))
    return sec, book


def test_level_only_by_hand(tmp_path):
    # same technology, final demand doubled: output doubles (1000, 2000 -> 2000, 4000); the whole change,
    # 3000, is the level of final demand; technology, product mix and category mix are zero
    sec, book = _run(tmp_path, mb_table(), mb_table(scale=2.0))
    eff = next(b for b in sec.blocks if isinstance(b, ReportTable) and b.key == "sda_effects").df.set_index("industry")
    assert eff.loc["Total", "total_change"] == pytest.approx(3000.0)
    assert eff.loc["Total", "final_demand_level"] == pytest.approx(3000.0)
    assert eff.loc[["Total", "Steel", "Services"], ["technology", "final_demand_product_mix"]].abs().to_numpy().max() < 1e-9
    assert eff.loc["Steel", "total_change"] == pytest.approx(1000.0)
    assert book["sda.total"].value == pytest.approx(3000.0) and book["sda.total"].year == "2015-2020"
    assert "current prices" in " ".join(sec.flags)
    assert [f.kind for f in book.findings] == ["thin"]  # current prices: kept out of the summary


def test_technology_only_by_hand(tmp_path):
    # same final demand, a12 falls from 0.25 to 0.20 (Z12 = 400 at x2 = 2000): by hand
    # x = (I - A1)^-1 y with A1 = [[.15, .2], [.2, .05]], y = (350, 1700): det = 0.8075 - 0.04 = 0.7675
    t0 = mb_table()
    Z = pd.DataFrame([[150.0, 400.0], [200.0, 100.0]], index=t0.industries, columns=t0.industries)
    Y = t0.Y.copy()
    x1 = (0.95 * 350 + 0.2 * 1700) / 0.7675
    x2 = (0.2 * 350 + 0.85 * 1700) / 0.7675
    Z.iloc[:, 0] = [0.15 * x1, 0.2 * x1]
    Z.iloc[:, 1] = [0.2 * x2, 0.05 * x2]
    x = pd.Series([x1, x2], index=t0.industries)
    V = pd.DataFrame([(x - Z.sum(axis=0)).to_numpy()], index=["value added"], columns=t0.industries)
    t1 = IOTable.from_frames(Z, Y, V, x, name="later 2020", unit="million EUR", source="hand-worked")
    sec, book = _run(tmp_path, t0, t1)
    eff = next(b for b in sec.blocks if isinstance(b, ReportTable) and b.key == "sda_effects").df.set_index("industry")
    assert eff.loc["Total", "technology"] == pytest.approx(x1 + x2 - 3000.0, abs=1e-6)
    assert abs(eff.loc["Total", "final_demand"]) < 1e-9
    row = eff.drop(columns="total_change").drop(columns="final_demand")
    np.testing.assert_allclose(row.sum(axis=1), eff["total_change"], atol=1e-9)  # exact additivity
    assert book["sda.tech_low"].value == pytest.approx(book["sda.tech_high"].value)  # one factor moves: polar forms agree


def test_deflator_makes_it_a_finding(tmp_path):
    (tmp_path / "defl.csv").write_text("industry,price_index\nSteel,1.0\nServices,1.0\n")
    sec, book = _run(tmp_path, mb_table(), mb_table(scale=2.0), 'deflator = "defl.csv"\n')
    assert [f.kind for f in book.findings] == ["finding"]
    assert "constant 2015 prices" in sec.intro


def test_needs_two_tables_of_the_same_industries(tmp_path):
    t = write(mb_table(), tmp_path, "t.csv")
    with pytest.raises(ValidationError, match=r"\[sda\] tables needs two tables of the same industries"):
        parse_study(study_text(t, f'[sda]\ntables = ["{t.as_posix()}"]\nyears = [2015]\n'), base=tmp_path)
    with pytest.raises(ValidationError, match=r"\[sda\] years"):
        parse_study(study_text(t, f'[sda]\ntables = ["{t.as_posix()}", "{t.as_posix()}"]\nyears = [2020, 2015]\n'), base=tmp_path)
    other = mb_table()
    other = IOTable.from_frames(other.Z.set_axis(["Steel", "Mining"], axis=0).set_axis(["Steel", "Mining"], axis=1),
                                other.Y.set_axis(["Steel", "Mining"], axis=0), other.V.set_axis(["Steel", "Mining"], axis=1),
                                other.x.set_axis(["Steel", "Mining"]), unit="million EUR")
    with pytest.raises(ValidationError, match="same industries"):
        _run(tmp_path, mb_table(), other)


def test_off_by_default(tmp_path):
    t = write(mb_table(), tmp_path, "t.csv")
    doc = assemble(parse_study(study_text(t, ""), base=tmp_path))
    sda = next(s for s in doc.sections if s.key == "sda")
    assert sda.status == "skipped" and "two input-output tables of the same industries" in " ".join(sda.notes)
