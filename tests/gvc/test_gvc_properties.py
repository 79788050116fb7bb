"""Seeded hypothesis property tests of the GVC identities and invariances."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from valuechain.datasets import synthetic_icio
from valuechain.gvc import (
    InterCountryTable,
    bm_decomposition,
    kww_decomposition,
    tiva_indicators,
    wwz_decomposition,
)

tables = st.builds(
    synthetic_icio,
    st.integers(2, 4),
    st.integers(1, 3),
    seed=st.integers(0, 10_000),
    density=st.sampled_from([1.0, 0.6]),
    categories=st.integers(1, 2),
)


def _all(table):
    return [
        kww_decomposition(table),
        wwz_decomposition(table),
        tiva_indicators(table),
        bm_decomposition(table),
        bm_decomposition(table, perspective="world"),
        bm_decomposition(table, perspective="world", approach="source"),
        bm_decomposition(table, approach="sink", level="bilateral"),
        bm_decomposition(table, perspective="pair", level="bilateral"),
        bm_decomposition(table, perspective="self", level="bilateral"),
        bm_decomposition(table, perspective="self", level="sector"),
    ]


@given(tables)
def test_identities_hold_on_random_tables(table):
    for res in _all(table):
        chk = res.check(rtol=1e-9)
        assert chk["ok"].all(), (res.method, chk[~chk["ok"]].to_dict("records"))
    k = kww_decomposition(table).table.set_index("exporter")
    s = bm_decomposition(table, perspective="world").table.set_index("exporter")
    src = bm_decomposition(table).table.set_index("exporter")
    for term in ("GEXP", "DC", "DVA", "VAX", "REF", "DDC", "FC"):
        assert np.allclose(k[term], s[term], rtol=1e-9, atol=1e-9), term
        # at the country level the exporter/source view has the same totals as well
        assert np.allclose(k[term], src[term], rtol=1e-9, atol=1e-9), term
    # all terms of the exporter perspective are non-negative for a non-negative table
    b = bm_decomposition(table, level="bilateral").table
    assert (b[list(bm_decomposition(table).terms)].to_numpy() >= -1e-9).all()


def _permuted(table: InterCountryTable, rng) -> InterCountryTable:
    ctry = list(table.countries)
    ind = list(table.industries)
    pc = [ctry[i] for i in rng.permutation(len(ctry))]
    pi = [ind[i] for i in rng.permutation(len(ind))]
    order = pd.MultiIndex.from_product([pc, pi])
    Z = table.Z.loc[order, order]
    Y = table.Y.loc[order]
    ycols = [c for c in rng.permutation(len(Y.columns))]
    Y = Y.iloc[:, ycols]
    return InterCountryTable.from_frames(Z, Y, table.x.loc[order], flags=table.flags)


@given(tables, st.integers(0, 1000))
def test_reordering_countries_and_industries_changes_nothing(table, seed):
    perm = _permuted(table, np.random.default_rng(seed))
    for f in (lambda t: bm_decomposition(t, level="bilateral"), lambda t: wwz_decomposition(t),
              lambda t: tiva_indicators(t, level="sector"), lambda t: kww_decomposition(t),
              lambda t: bm_decomposition(t, approach="sink", level="sector")):
        a, b = f(table).table, f(perm).table
        keys = [c for c in ("exporter", "industry", "importer") if c in a.columns]
        a = a.set_index(keys).sort_index()
        b = b.set_index(keys).sort_index()
        num = a.select_dtypes("number").columns
        assert np.allclose(a[num].to_numpy(), b.loc[a.index, num].to_numpy(), rtol=1e-9, atol=1e-9, equal_nan=True)


@given(tables, st.floats(0.01, 1000.0))
def test_scaling_the_table_scales_terms_and_keeps_shares(table, c):
    scaled = InterCountryTable.from_frames(table.Z * c, table.Y * c, table.x * c)
    a = tiva_indicators(table).table
    b = tiva_indicators(scaled).table
    assert np.allclose(b["EXGR_DVA"], c * a["EXGR_DVA"], rtol=1e-9)
    for share in ("GVC_BACK", "GVC_FWD", "VAX_RATIO", "EXGR_DVA_SH"):
        assert np.allclose(a[share], b[share], rtol=1e-9)


@given(st.integers(2, 4), st.integers(1, 3), st.integers(0, 1000))
def test_aggregating_industries_keeps_country_exports(G, N, seed):
    t = synthetic_icio(G, N, seed=seed)
    agg = t.aggregate(industries={i: "ALL" for i in t.industries})
    assert agg.N == 1
    assert np.allclose(agg.exports_by_country().to_numpy(), t.exports_by_country().to_numpy(), rtol=1e-12)
    assert np.isclose(agg.va.sum(), t.va.sum(), rtol=1e-12)
