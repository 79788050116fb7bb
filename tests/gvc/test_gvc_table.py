"""Inter-country table: validation, readers (OECD ICIO layout with CN/MX splits, WIOD,
decompr), aggregation, plots."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.gvc.core import system_of
from valuechain.errors import DataNotFoundError, NotProductiveError, ValidationError
from valuechain.datasets import synthetic_icio
from valuechain.gvc import (
    InterCountryTable,
    NegativeValueAddedWarning,
    bm_decomposition,
    decomposition_chart,
    fva_sources_chart,
    participation_chart,
    read_decompr,
    read_icio,
    read_oecd_icio,
    tiva_indicators,
)


def _two(Z, Y, x=None, **kw):
    idx = pd.MultiIndex.from_tuples([("H", "x"), ("F", "x")])
    return InterCountryTable.from_frames(pd.DataFrame(Z, index=idx, columns=idx), pd.DataFrame(Y, index=idx, columns=["H", "F"]), x, **kw)


def test_unbalanced_table_is_one_line_error():
    with pytest.raises(ValidationError, match="does not balance") as ei:
        _two([[20, 30], [20, 40]], [[30, 20], [40, 100]], x=[101.0, 200.0])
    assert "\n" not in str(ei.value)


def test_country_lists_differ_between_z_and_final_demand():
    idx = pd.MultiIndex.from_tuples([("H", "x"), ("F", "x")])
    Z = pd.DataFrame([[20.0, 30.0], [20.0, 40.0]], index=idx, columns=idx)
    Y = pd.DataFrame([[30.0, 10.0, 10.0], [40.0, 50.0, 50.0]], index=idx, columns=["H", "F", "XXX"])
    with pytest.raises(ValidationError, match="country lists differ.*XXX"):
        InterCountryTable.from_frames(Z, Y)


def test_country_with_zero_exports():
    with pytest.raises(ValidationError, match="export nothing"):
        _two([[20, 0], [20, 40]], [[30, 0], [40, 100]])


def test_negative_value_added_warns_and_identities_still_hold():
    # column F of Z sums to 50 > x_F = 30: value added of F is -20; A is still productive
    # (eigenvalues of A = [[1/6, 4/3], [1/6, 1/3]] are 0.73 and -0.23).
    with pytest.warns(NegativeValueAddedWarning, match="negative value added"):
        t = _two([[10, 40], [10, 10]], [[5, 5], [5, 5]])
    assert t.va.loc[("F", "x")] == pytest.approx(-20.0)
    assert bm_decomposition(t).identities_hold()


def test_singular_system():
    t = _two([[0, 10], [10, 0]], [[0, 0], [0, 0]])  # A = [[0, 1], [1, 0]]: I - A singular
    with pytest.raises(NotProductiveError, match="spectral radius|singular"):
        bm_decomposition(t)


def test_labels_must_form_a_full_grid():
    idx = pd.MultiIndex.from_tuples([("H", "a"), ("H", "b"), ("F", "a")])
    Z = pd.DataFrame(np.ones((3, 3)), index=idx, columns=idx)
    with pytest.raises(ValidationError, match="same industries"):
        InterCountryTable.from_frames(Z, pd.DataFrame(np.ones((3, 2)), index=idx, columns=["H", "F"]))


def _oecd_csv(path, table: InterCountryTable, *, edition: str) -> None:
    """Write ``table`` in the OECD ICIO CSV layout, splitting CHN into CN1/CN2 and MEX into MX1/MX2."""
    lab = {"2023": ("TLS", "VA", "OUT", "OUT"), "2021": ("TAXSUB", "VALU", "OUTPUT", "TOTAL")}[edition]
    Z, Y, x, va = table.Z.to_numpy(), table.Y.to_numpy(), table.x.to_numpy(), table.va.to_numpy()
    rows = [f"{c}_{i}" for c, i in table.Z.index]
    splits = {"CHN": ("CN1", "CN2", 0.3), "MEX": ("MX1", "MX2", 0.6)}
    # split matrix S (new rows x old rows): a split country's rows become two rows (share a, 1-a)
    new_rows, S = [], []
    for k, (c, i) in enumerate(table.Z.index):
        if c in splits:
            a1, a2, a = splits[c]
            for name, w in ((a1, a), (a2, 1 - a)):
                new_rows.append(f"{name}_{i}")
                e = np.zeros(len(rows))
                e[k] = w
                S.append(e)
        else:
            new_rows.append(rows[k])
            e = np.zeros(len(rows))
            e[k] = 1.0
            S.append(e)
    S = np.array(S)
    # columns are split by the same shares; rows split the row flows. Z' = S Z S' sums back to Z
    Zs = S @ Z @ S.T
    Ys = S @ Y
    xs = S @ x
    vas = S @ va
    fd_cols = [f"{c}_{k}" for c, k in table.Y.columns]
    df = pd.DataFrame(np.hstack([Zs, Ys, xs[:, None]]), index=new_rows, columns=new_rows + fd_cols + [lab[3]])
    extra = pd.DataFrame(
        [np.r_[0.1 * vas, np.zeros(len(fd_cols) + 1)], np.r_[0.9 * vas, np.zeros(len(fd_cols) + 1)], np.r_[xs, np.zeros(len(fd_cols) + 1)]],
        index=[lab[0], lab[1], lab[2]], columns=df.columns,
    )
    pd.concat([df, extra]).to_csv(path)


@pytest.mark.parametrize("edition", ["2023", "2021"])
def test_oecd_reader_merges_china_and_mexico_splits(tmp_path, edition):
    base = synthetic_icio(3, 2, seed=3, categories=2)
    ren = {"C00": "ARG", "C01": "CHN", "C02": "MEX"}
    ind = {"I00": "A01_02", "I01": "C10T12"}
    t = InterCountryTable.from_frames(
        base.Z.rename(index=ren, columns=ren, level=0).rename(index=ind, columns=ind, level=1),
        base.Y.rename(index=ren, level=0).rename(index=ind, level=1).rename(columns=ren, level=0).rename(
            columns={"fd1": "HFCE", "fd2": "GFCF"}, level=1),
        base.x.rename(index=ren, level=0).rename(index=ind, level=1),
    )
    p = tmp_path / f"ICIO{edition}_2020.csv"
    _oecd_csv(p, t, edition=edition)
    r = read_oecd_icio(p, merge_splits=True)
    assert r.countries == ["ARG", "CHN", "MEX"] and r.industries == ["A01_02", "C10T12"]
    assert "splits merged by addition" in r.flags and not r.splits
    assert list(r.V.index) == ["TLS", "VA"]
    assert np.allclose(r.Z.to_numpy(), t.Z.to_numpy(), rtol=1e-12)
    assert np.allclose(r.Y.to_numpy(), t.Y.to_numpy(), rtol=1e-12)
    assert np.allclose(r.va.to_numpy(), t.va.to_numpy(), rtol=1e-9)
    a = tiva_indicators(r).table
    b = tiva_indicators(t).table
    assert np.allclose(a["EXGR_DVA"], b["EXGR_DVA"], rtol=1e-10)
    # by default the splits are kept: blocks CN1, CN2 (of CHN) and MX1, MX2 (of MEX)
    k = read_icio(p)  # format guessed from a file path
    assert k.countries == ["ARG", "CN1", "CN2", "MX1", "MX2"] and k.economies == ["ARG", "CHN", "MEX"]
    assert dict(k.splits) == {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
    assert list(k.exports_by_country().index) == ["ARG", "CHN", "MEX"]
    assert np.allclose(k.exports_by_country().to_numpy(), t.exports_by_country().to_numpy(), rtol=1e-10)
    # the detailed terms keep the splits too: one row per country (CN1 is never a country), exports by owner
    kt = tiva_indicators(k).table.set_index("exporter")
    assert list(kt.index) == ["ARG", "CHN", "MEX"]
    assert np.allclose(kt["EXGR"].to_numpy(), k.exports_by_country().to_numpy(), rtol=1e-10)


def test_readers_on_shared_data(shared_data):
    t = read_decompr(shared_data / "leather_decompr_example")
    assert (t.G, t.N) == (3, 3) and t.countries == ["Argentina", "Turkey", "Germany"]
    assert t.x.iloc[0] == pytest.approx(77.7)
    with pytest.warns(Warning):
        w = read_icio(shared_data / "wiod2011_decompr_7reg35ind", format="wiod")
    assert (w.G, w.N) == (7, 35) and len(w.categories) == 5
    assert "BRIIAT" in w.countries
    with pytest.raises(ValidationError, match="does not balance"):
        read_icio(shared_data / "wiod2011_decompr_7reg35ind", format="wiod", output="file")
    with pytest.raises(DataNotFoundError):
        read_icio(shared_data / "no_such_folder")
    with pytest.raises(ValidationError, match="format"):
        read_icio(shared_data / "leather_decompr_example", format="xlsx")


def test_aggregate_countries_makes_trade_domestic(shared_data):
    t = read_decompr(shared_data / "leather_decompr_example")
    agg = t.aggregate(countries={"Argentina": "SouthAm", "Turkey": "Eurasia", "Germany": "Eurasia"})
    assert agg.countries == ["SouthAm", "Eurasia"]
    # South America's exports are unchanged (its partners were all merged into one group)
    assert agg.exports_by_country()["SouthAm"] == pytest.approx(t.exports_by_country()["Argentina"])
    # Turkey-Germany trade became domestic: the group's exports are their exports to Argentina only
    E3 = system_of(t).E3
    assert agg.exports_by_country()["Eurasia"] == pytest.approx(E3[1:, :, 0].sum())
    with pytest.raises(ValidationError, match="no entry"):
        t.aggregate(countries={"Argentina": "X"})


def test_charts_build(shared_data):
    t = read_decompr(shared_data / "leather_decompr_example")
    tiva = tiva_indicators(t)
    spec = participation_chart(tiva, highlight="Turkey").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert decomposition_chart(bm_decomposition(t)).to_dict()["mark"]["type"] == "bar"
    d = fva_sources_chart(tiva, "Turkey").to_dict()
    assert "data" in d or "datasets" in d


def test_result_objects_summary_html_and_levels(shared_data):
    t = read_decompr(shared_data / "leather_decompr_example")
    bm = bm_decomposition(t, level="sector")
    assert bm.table.columns[:2].tolist() == ["exporter", "industry"] and len(bm.table) == 9
    assert "Borin-Mancini" in bm.summary() and "<table" in bm._repr_html_()
    chk = bm.check()
    assert set(chk["level"]) == {"country", "sector", "bilateral"} and chk["ok"].all()
    with pytest.raises(ValidationError, match="level"):
        bm.at("regional")
    with pytest.raises(ValidationError, match="perspective"):
        bm_decomposition(t, perspective="importer")
    from valuechain.gvc import leontief_decomposition

    leo = leontief_decomposition(t)
    c = leo.at("country")
    # value added from all sources in Argentina's exports = Argentina's gross exports
    assert c[c.exporter == "Argentina"]["FVAX"].sum() == pytest.approx(t.exports_by_country()["Argentina"])
    assert "post=exports" in leo.summary()
    assert leo.identities_hold() and list(leo.check().columns) == ["identity", "level", "max_abs_error", "rel_error", "ok"]
    # the old name of check() still works, with a warning
    with pytest.warns(DeprecationWarning, match=r"check_identities\(\) is deprecated; use \.check\(\)"):
        old = bm.check_identities()
    pd.testing.assert_frame_equal(old, chk)
