"""Standard terms (exvatools layout) with processing splits and exporter groups.

References, in order of independence:

1. the package's detailed KWW, WWZ, Borin-Mancini and TiVA results, which reproduce
   decompr's and R icio's published outputs (tests/gvc/test_gvc_reference.py), on the
   leather and WIOD tables: the standard columns must be their sums;
2. a hand-worked two-country table (the numbers written out below);
3. a brute-force implementation (tests/gvc/_bruteforce.py) with the exporter's
   "domestic" block re-inverted in full and the extraction inverse formed explicitly,
   summing the published sub-terms, on an OECD-layout table with CN1/CN2/CHN and
   MX1/MX2/MEX blocks and a NAFTA group;
4. exact aggregation: splitting a country (or making a group of two halves of a
   country) with identical technologies must leave every term unchanged.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _bruteforce import arrays_of, brute_force
from valuechain.errors import ValidationError
from valuechain.datasets import synthetic_icio
from valuechain.gvc import (
    InterCountryTable,
    STANDARD_TERMS,
    bm_decomposition,
    kww_decomposition,
    read_decompr,
    standard_terms,
    tiva_indicators,
    wwz_decomposition,
)
from valuechain.gvc.wwz import WWZ_TO_KWW

METHODS = tuple(STANDARD_TERMS)

#: blocks of the OECD-layout test table, as in exvatools' "iciotest" (6 countries, 10 blocks)
BLOCKS = ["ESP", "FRA", "MEX", "USA", "CHN", "ROW", "MX1", "MX2", "CN1", "CN2"]
SPLITS = {"MX1": "MEX", "MX2": "MEX", "CN1": "CHN", "CN2": "CHN"}
ECON = ["ESP", "FRA", "MEX", "USA", "CHN", "ROW"]
INDUSTRIES = ["D01T09", "D10T39", "D41T98"]


def icio_like(seed: int = 7, *, empty_owner_blocks: bool = False) -> InterCountryTable:
    """A random balanced table in the iciotest layout (uniform draws, like exvatools' test data).

    With ``empty_owner_blocks`` the CHN and MEX blocks are zero, as in the published OECD ICIO.
    """
    rng = np.random.default_rng(seed)
    n, N = len(BLOCKS) * len(INDUSTRIES), len(INDUSTRIES)
    Z = rng.uniform(1, 100, (n, n))
    Y = rng.uniform(5, 300, (n, len(ECON) * 2))
    if empty_owner_blocks:
        for c in ("CHN", "MEX"):
            k = BLOCKS.index(c) * N
            Z[k:k + N, :] = 0.0
            Z[:, k:k + N] = 0.0
            Y[k:k + N, :] = 0.0
    x = Z.sum(1) + Y.sum(1)
    idx = pd.MultiIndex.from_product([BLOCKS, INDUSTRIES], names=["country", "industry"])
    cols = pd.MultiIndex.from_product([ECON, ["HFCE", "GFCF"]], names=["country", "category"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return InterCountryTable.from_frames(pd.DataFrame(Z, idx, idx), pd.DataFrame(Y, idx, cols), x=pd.Series(x, idx),
                                             splits=SPLITS, name="iciotest-like", check_balance="warn")


def _brute(table, groups: dict[str, list[str]]):
    Z, Y, x, va, econ_of_row, econ = arrays_of(table)
    units = {c: [econ.index(c)] for c in econ}
    units.update({g: [econ.index(m) for m in ms] for g, ms in groups.items()})
    return brute_force(Z, Y, x, va, econ_of_row, units)


# --------------------------------------------------------------------------- 1. equal to the validated detailed terms
@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def test_standard_equals_detailed_kww_wwz_bm_tiva_on_leather(leather):
    std = {m: standard_terms(leather, m).table.set_index("exporter") for m in METHODS}
    k = kww_decomposition(leather).table.set_index("exporter")
    for col, kc in {"EXGR": "GEXP", "DC": "DC", "DVA": "DVA", "VAX": "VAX", "REF": "REF", "DDC": "DDC", "FC": "FC"}.items():
        assert np.allclose(std["kww"][col], k[kc], rtol=1e-10), col
    assert np.allclose(std["kww"]["FVA"], k["FVA_FIN"] + k["FVA_INT"], rtol=1e-10)
    assert np.allclose(std["kww"]["FDC"], k["FDC"], rtol=1e-10)
    w = wwz_decomposition(leather).at("country").set_index("exporter")
    groups = {"VAX": ("DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2"),
              "REF": ("RDV_INT", "RDV_FIN", "RDV_FIN2"), "DDC": ("DDC_FIN", "DDC_INT"),
              "FVA": ("OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT"), "FDC": ("ODC", "MDC")}
    for col, terms in groups.items():
        assert np.allclose(std["wwz"][col], w[list(terms)].sum(axis=1), rtol=1e-10), col
    assert set(WWZ_TO_KWW)  # the 16 -> 9 mapping the detailed tests check
    for m, appr in (("bm_source", "source"), ("bm_sink", "sink")):
        b = bm_decomposition(leather, approach=appr).table.set_index("exporter")
        for col in STANDARD_TERMS[m]:
            assert np.allclose(std[m][col], b["GEXP" if col == "EXGR" else col], rtol=1e-10), (m, col)
    t = tiva_indicators(leather).table.set_index("exporter")
    o = std["oecd"]
    assert np.allclose(o["DC"], t["EXGR_DVA"], rtol=1e-10)
    assert np.allclose(o["DVA"], t["EXGR_DDC"] + t["EXGR_IDC"], rtol=1e-10)
    assert np.allclose(o["DDC"], t["EXGR_RIM"], rtol=1e-10)
    assert np.allclose(o["VAX"], t["FFD_DVA"], rtol=1e-10)
    assert np.allclose(o["GVCB"], t["EXGR_FVA"], rtol=1e-10)
    assert np.allclose(o["GVCF"], t["DVA_FX"], rtol=1e-10)


def test_miroudot_ye_equals_bm_source_at_the_exporter_level(leather):
    my = standard_terms(leather, "my").table.set_index("exporter")
    src = standard_terms(leather, "bm_source").table.set_index("exporter")
    assert np.allclose(my.to_numpy(), src[list(my.columns)].to_numpy(), rtol=1e-12)


# --------------------------------------------------------------------------- 2. hand-worked
def _hand_table():
    # two countries H, F, one industry: Z = [[20, 15], [10, 20]], y_HH=30, y_HF=20, y_FH=40, y_FF=100
    # x_H = 85, x_F = 170? (see below) -- output from rows: H: 20+15+30+20 = 85; F: 10+20+40+100 = 170
    idx = pd.MultiIndex.from_tuples([("H", "i"), ("F", "i")])
    Z = pd.DataFrame([[20.0, 15.0], [10.0, 20.0]], idx, idx)
    Y = pd.DataFrame([[30.0, 20.0], [40.0, 100.0]], idx, ["H", "F"])
    return InterCountryTable.from_frames(Z, Y)


def test_two_country_by_hand():
    # A = [[20/85, 15/170], [10/85, 20/170]]; exports of H: e_H = 15 + 20 = 35.
    # v_H = 1 - 30/85 = 55/85; L_HH = 1/(1 - 20/85) = 85/65; DVA = v_H L_HH e_H = 55/65 * 35
    # DC = v_H B_HH e_H with B_HH = (1 - a_FF)/det, det = (1 - a_HH)(1 - a_FF) - a_HF a_FH
    t = _hand_table()
    aHH, aHF, aFH, aFF = 20 / 85, 15 / 170, 10 / 85, 20 / 170
    det = (1 - aHH) * (1 - aFF) - aHF * aFH
    BHH, BFH = (1 - aFF) / det, aFH / det
    vH, vF = 55 / 85, 1 - 35 / 170
    e = 35.0
    r = standard_terms(t, "bm_source").table.set_index("exporter").loc["H"]
    assert r["EXGR"] == pytest.approx(35.0, rel=1e-12)
    assert r["DVA"] == pytest.approx(55 / 65 * 35, rel=1e-12)
    assert r["DC"] == pytest.approx(vH * BHH * e, rel=1e-12)
    assert r["FC"] == pytest.approx(vF * BFH * e, rel=1e-12)
    # extraction: I - A^H = [[1 - aHH, 0], [-aFH, 1 - aFF]] -> B^H_FH = aFH / ((1 - aHH)(1 - aFF))
    assert r["FVA"] == pytest.approx(vF * aFH / ((1 - aHH) * (1 - aFF)) * e, rel=1e-12)
    # REF = v_H L_HH a_HF x^(H)_F, x^(H) = B Y_.H: x^(H)_F = B_FH*30 + B_FF*40, B_FF = (1 - aHH)/det
    xF = BFH * 30 + (1 - aHH) / det * 40
    assert r["REF"] == pytest.approx(vH / (1 - aHH) * aHF * xF, rel=1e-12)


# --------------------------------------------------------------------------- 3. brute force, splits and groups
@pytest.mark.parametrize("empty", [False, True])
def test_splits_and_groups_match_brute_force(empty):
    t = icio_like(3, empty_owner_blocks=empty)
    groups = {"NAFTA": ["MEX", "USA"], "EU": ["ESP", "FRA"]}
    ref = _brute(t, groups)
    for m in METHODS:
        got = standard_terms(t, m, groups="NAFTA=MEX,USA;EU=ESP,FRA").table.set_index("exporter")
        assert list(got.index) == ECON + ["NAFTA", "EU"]
        for unit in ECON + ["NAFTA", "EU"]:
            for term in STANDARD_TERMS[m]:
                assert got.loc[unit, term] == pytest.approx(ref[m][unit][term], rel=1e-9, abs=1e-7), (m, unit, term)


def test_group_is_exact_not_a_sum_of_members():
    t = icio_like(5)
    r = standard_terms(t, "bm_source", groups="NAFTA=MEX,USA").table.set_index("exporter")
    # gross exports of the group: the members' exports less their trade with each other (from the labels)
    own = {b: SPLITS.get(b, b) for b in BLOCKS}
    rows = [own[c] in ("MEX", "USA") for c in t.Z.index.get_level_values(0)]
    zc = [own[c] in ("MEX", "USA") for c in t.Z.columns.get_level_values(0)]
    yc = [c in ("MEX", "USA") for c in t.Y.columns.get_level_values(0)]
    Z, Y = t.Z.to_numpy(), t.Y.to_numpy()
    exgr = Z[np.ix_(rows, np.logical_not(zc))].sum() + Y[np.ix_(rows, np.logical_not(yc))].sum()
    assert r.loc["NAFTA", "EXGR"] == pytest.approx(exgr, rel=1e-12)
    assert r.loc["NAFTA", "EXGR"] < r.loc["MEX", "EXGR"] + r.loc["USA", "EXGR"]
    # members are domestic to one another: the group's domestic content is not the members' sum
    assert abs(r.loc["NAFTA", "DC"] - (r.loc["MEX", "DC"] + r.loc["USA", "DC"])) > 1.0


def test_kept_splits_differ_from_merged_splits():
    t = icio_like(11)
    kept = standard_terms(t, "bm_source").table.set_index("exporter")
    merged = standard_terms(t.merge_splits(), "bm_source").table.set_index("exporter")
    assert list(merged.index) == ECON and "splits merged by addition" in t.merge_splits().flags
    # gross exports are the same flows either way ...
    assert np.allclose(kept["EXGR"], merged["EXGR"], rtol=1e-12)
    # ... but adding CN1 + CN2 + CHN aggregates three technologies: Spain's content changes too
    assert abs(kept.loc["ESP", "DC"] - merged.loc["ESP", "DC"]) > 1e-3
    assert abs(kept.loc["CHN", "DVA"] - merged.loc["CHN", "DVA"]) > 1e-3


# --------------------------------------------------------------------------- 4. exact aggregation (hypothesis)
def _split_country(t: InterCountryTable, country: str, parts: tuple[str, str], a: float, *, as_countries: bool):
    """Split ``country`` into two blocks with identical technology (rows and columns by shares a, 1-a).

    ``as_countries``: the halves become countries with final demand of their own (split
    by the same shares), else splits owned by ``country`` (which keeps no block).
    """
    rows = list(t.Z.index)
    new, S = [], []
    for k, (c, i) in enumerate(rows):
        for name, w in (((parts[0], a), (parts[1], 1 - a)) if c == country else ((c, 1.0),)):
            new.append((name, i))
            e = np.zeros(len(rows))
            e[k] = w
            S.append(e)
    S = np.array(S)
    idx = pd.MultiIndex.from_tuples(new)
    Z = pd.DataFrame(S @ t.Z.to_numpy() @ S.T, idx, idx)
    Yv = S @ t.Y.to_numpy()
    ycols = list(t.Y.columns)
    if as_countries:
        Ycols, Yparts = [], []
        for j, (c, k) in enumerate(ycols):
            if c == country:
                Ycols += [(parts[0], k), (parts[1], k)]
                Yparts += [Yv[:, j] * a, Yv[:, j] * (1 - a)]
            else:
                Ycols.append((c, k))
                Yparts.append(Yv[:, j])
        Y = pd.DataFrame(np.column_stack(Yparts), idx, pd.MultiIndex.from_tuples(Ycols))
        splits = None
    else:
        Y = pd.DataFrame(Yv, idx, pd.MultiIndex.from_tuples(ycols))
        splits = {parts[0]: country, parts[1]: country}
    V = pd.DataFrame([S @ t.va.to_numpy()], index=["VA"], columns=idx)
    return InterCountryTable.from_frames(Z, Y, V=V, x=pd.Series(S @ t.x.to_numpy(), idx), splits=splits)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), a=st.floats(0.05, 0.95))
def test_splits_with_identical_technology_change_nothing(seed, a):
    base = synthetic_icio(4, 3, seed=seed)
    split = _split_country(base, "C01", ("P1", "P2"), a, as_countries=False)
    assert split.economies == base.countries
    for m in METHODS:
        x = standard_terms(base, m).table.set_index("exporter")
        y = standard_terms(split, m).table.set_index("exporter")
        assert np.allclose(x.to_numpy(), y.loc[x.index].to_numpy(), rtol=1e-8, atol=1e-8), m


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), a=st.floats(0.05, 0.95))
def test_group_of_two_halves_equals_the_country(seed, a):
    base = synthetic_icio(4, 3, seed=seed)
    halves = _split_country(base, "C02", ("H1", "H2"), a, as_countries=True)
    for m in METHODS:
        x = standard_terms(base, m).table.set_index("exporter")
        y = standard_terms(halves, m, groups="G=H1,H2").table.set_index("exporter")
        assert np.allclose(x.loc["C02"].to_numpy(), y.loc["G"].to_numpy(), rtol=1e-8), m
        # the other exporters: what is defined through B, B^s and L_SS does not depend on how the
        # rest of the world is partitioned; KWW's and WWZ's FVA/FDC and Borin-Mancini's DAVAX (L_rr,
        # E_r of every other country) and OECD's GVCF (other countries' exports) do: H1 -> H2 flows
        # are exports of H1
        others = ["C00", "C01", "C03"]
        cols = [c for c in x.columns if not (c in ("FVA", "FDC") and m in ("kww", "wwz"))
                and c not in ("DAVAX", "GVC", "GVCF")]
        assert np.allclose(x.loc[others, cols].to_numpy(), y.loc[others, cols].to_numpy(), rtol=1e-8), m


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_identities_hold_with_splits_and_groups(seed):
    t = icio_like(seed)
    for m in METHODS:
        r = standard_terms(t, m, groups="NAFTA=MEX,USA;ASIA=CHN,ROW")
        assert r.identities_hold(rtol=1e-9), r.check()
        assert (r.table[list(STANDARD_TERMS[m])].to_numpy() >= -1e-9).all()


# --------------------------------------------------------------------------- groups input
def test_group_parsing_errors_and_builtins():
    t = icio_like(1)
    with pytest.raises(ValidationError, match="not in the table"):
        standard_terms(t, "oecd", groups="X=MEX,XXX")
    with pytest.raises(ValidationError, match="also a country"):
        standard_terms(t, "oecd", groups="MEX=MEX,USA")
    with pytest.raises(ValidationError, match="every country"):
        standard_terms(t, "oecd", groups="W=" + ",".join(ECON))
    with pytest.raises(ValidationError, match="no standard terms"):
        standard_terms(t, "tiva")
    # built-in USMCA (membership from valuechain/data/country_groups.toml): MEX and USA are in the table, CAN is not
    r = standard_terms(t, "oecd", groups="USMCA", year=2022).table.set_index("exporter")
    n = standard_terms(t, "oecd", groups="NAFTA=MEX,USA").table.set_index("exporter")
    assert np.allclose(r.loc["USMCA"].to_numpy(), n.loc["NAFTA"].to_numpy(), rtol=1e-12)
