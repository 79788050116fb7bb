"""The detailed terms of every GVC method with processing splits kept (CN1/CN2 in CHN, MX1/MX2 in MEX).

A country's blocks are domestic to each other and nothing is added
(:func:`valuechain.gvc.one_block_per_country`). Checked, per economy, against the
independent brute force of tests/gvc/_bruteforce.py (the domestic matrix made of a
country's blocks re-inverted in full, the published sub-terms summed) and against
direct numpy computations written out here, on tables whose CHN/MEX blocks are filled and
empty (as published); and through the CLI on the table exvatools was run on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from _bruteforce import arrays_of, brute_force
from test_standard import icio_like
from valuechain.cli import app
from valuechain.gvc import (
    bm_decomposition,
    bm_imports,
    decomposition,
    kww_decomposition,
    label_blocks,
    leontief_decomposition,
    one_block_per_country,
    position_measures,
    tiva_indicators,
    va_absorption,
    wwz_decomposition,
)

WWZ_GROUPS = {"VAX": ("DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2"),
              "REF": ("RDV_INT", "RDV_FIN", "RDV_FIN2"), "DDC": ("DDC_FIN", "DDC_INT"),
              "FVA": ("OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT"), "FDC": ("ODC", "MDC")}


@pytest.fixture(scope="module", params=[False, True], ids=["owner-blocks-filled", "owner-blocks-empty"])
def case(request):
    t = icio_like(11, empty_owner_blocks=request.param)
    Z, Y, x, va, econ_of_row, econ = arrays_of(t)
    ref = brute_force(Z, Y, x, va, econ_of_row, {c: [econ.index(c)] for c in econ})
    return t, ref, (Z, Y, x, va, econ_of_row, econ)


def _close(a, b, what):
    assert a == pytest.approx(b, rel=1e-9, abs=1e-7), what


def test_kww_wwz_bm_tiva_match_brute_force_per_economy(case):
    t, ref, _ = case
    k = kww_decomposition(t).table.set_index("exporter")
    w = wwz_decomposition(t, level="country").table.set_index("exporter")
    bs = bm_decomposition(t).table.set_index("exporter")
    bk = bm_decomposition(t, approach="sink").table.set_index("exporter")
    tv = tiva_indicators(t).table.set_index("exporter")
    assert list(k.index) == t.economies == ["ESP", "FRA", "MEX", "USA", "CHN", "ROW"]
    for c in t.economies:
        r = ref["kww"][c]
        for col, kc in {"EXGR": "GEXP", "DC": "DC", "DVA": "DVA", "VAX": "VAX", "REF": "REF", "DDC": "DDC", "FC": "FC", "FDC": "FDC"}.items():
            _close(k.loc[c, kc], r[col], ("kww", c, col))
        _close(k.loc[c, "FVA_FIN"] + k.loc[c, "FVA_INT"], r["FVA"], ("kww", c, "FVA"))
        for col, terms in WWZ_GROUPS.items():
            _close(w.loc[c, list(terms)].sum(), ref["wwz"][c][col], ("wwz", c, col))
        for m, res in (("bm_source", bs), ("bm_sink", bk)):
            for col, val in ref[m][c].items():
                _close(res.loc[c, "GEXP" if col == "EXGR" else col], val, (m, c, col))
        o = ref["oecd"][c]
        _close(tv.loc[c, "EXGR"], o["EXGR"], ("tiva", c, "EXGR"))
        _close(tv.loc[c, "EXGR_DVA"], o["DC"], ("tiva", c, "DC"))
        _close(tv.loc[c, "EXGR_DDC"] + tv.loc[c, "EXGR_IDC"], o["DVA"], ("tiva", c, "DVA"))
        _close(tv.loc[c, "EXGR_RIM"], o["DDC"], ("tiva", c, "DDC"))
        _close(tv.loc[c, "FFD_DVA"], o["VAX"], ("tiva", c, "VAX"))
        _close(tv.loc[c, "EXGR_FVA"], o["GVCB"], ("tiva", c, "GVCB"))
        _close(tv.loc[c, "DVA_FX"], o["GVCF"], ("tiva", c, "GVCF"))


def test_other_bm_perspectives_share_the_perspective_free_terms(case):
    t, ref, (Z, Y, x, va, own, econ) = case
    for persp in ("world", "self"):
        r = bm_decomposition(t, perspective=persp, level="country" if persp == "world" else "sector")
        tab = r.at(r.level).groupby("exporter", sort=False).sum(numeric_only=True)
        for c in t.economies:
            for col in ("EXGR", "DC", "FC"):
                _close(tab.loc[c, "GEXP" if col == "EXGR" else col], ref["bm_source"][c][col], (persp, c, col))
    # importer perspective: gross imports of an economy = the others' exports to it (blocks of one economy never import from each other)
    imp = bm_imports(t).table.set_index("importer")
    for d, c in enumerate(econ):
        fromothers = Z[np.ix_(own != d, own == d)].sum() + Y[own != d, d].sum()
        _close(imp.loc[c, "GIMP"], fromothers, ("importer", c))


def test_absorption_position_leontief_by_hand(case):
    t, _, (Z, Y, x, va, own, econ) = case
    xs = np.where(x != 0, x, 1.0)
    A = np.where(x[None, :] != 0, Z / xs[None, :], 0.0)
    B = np.linalg.inv(np.eye(len(x)) - A)
    v = np.where(x != 0, va / xs, 0.0)
    VBY = (v[:, None] * B) @ Y  # value added by origin row and destination economy
    ab = va_absorption(t).table.set_index(["origin", "destination"])["VA"]
    for o, co in enumerate(econ):
        for d, cd in enumerate(econ):
            _close(ab.loc[(co, cd)], VBY[own == o, d].sum(), ("absorption", co, cd))
    # position, country level: output-weighted upstreamness sum(B x) / sum(x) over the economy's rows;
    # foreign input share: inputs from rows of other economies (a country's other blocks are domestic)
    pc = position_measures(t, level="country").table.set_index("country")
    Bx = B @ x
    for d, c in enumerate(econ):
        rows = own == d
        _close(pc.loc[c, "upstreamness"], Bx[rows].sum() / x[rows].sum(), ("upstreamness", c))
        inputs = Z[:, rows].sum()
        _close(pc.loc[c, "foreign_input_share"], Z[np.ix_(own != d, rows)].sum() / inputs, ("fis", c))
    # Leontief decomposition (decompr): value added of source node i in the exports of node j,
    # v_i B_ij e_j, with e_j the exports of j to other economies (a country's other blocks are not export markets)
    ld = leontief_decomposition(t).table
    ld = label_blocks(label_blocks(ld, t), t, country="source_country", industry="source_industry", block="source_block")
    e = np.array([Z[i, own != own[i]].sum() + Y[i, np.arange(Y.shape[1]) != own[i]].sum() for i in range(len(x))])
    node = {key: k for k, key in enumerate(zip(t.Z.index.get_level_values(0), t.Z.index.get_level_values(1)))}
    j = np.array([node[(b, i)] for b, i in zip(ld["block"], ld["industry"])])
    i = np.array([node[(b, k)] for b, k in zip(ld["source_block"], ld["source_industry"])])
    assert np.allclose(ld["FVAX"].to_numpy(), v[i] * B[i, j] * e[j], rtol=1e-9, atol=1e-9)
    assert np.isclose(ld["FVAX"].sum(), e.sum(), rtol=1e-9)  # v B = 1': every unit of exports is value added somewhere


def test_sector_rows_name_their_block_and_add_up(case):
    t, _, _ = case
    r = bm_decomposition(t, level="sector")
    sec = label_blocks(r.table, t)
    blocks = {e: {b for b, o in t.owner.items() if o == e} for e in t.economies}
    assert set(sec.columns[:3]) == {"exporter", "block", "industry"}
    assert all(b in blocks[e] for e, b in zip(sec["exporter"], sec["block"]))
    assert not sec["industry"].str.contains("~").any()
    cty = r.at("country").set_index("exporter")
    tot = sec.groupby("exporter", sort=False)[["GEXP", "DC", "DVA", "FVA"]].sum()
    for c in t.economies:
        for col in tot.columns:
            _close(tot.loc[c, col], cty.loc[c, col], ("sector sum", c, col))
    # every block's rows are there: the CHN block too when it is filled
    nonempty = {b for b in t.countries if t.x.loc[b].sum() > 0}
    assert set(sec["block"]) == nonempty


def test_merged_table_differs_and_no_split_table_is_untouched(case):
    t, ref, _ = case
    kept = kww_decomposition(t).table.set_index("exporter")
    merged = kww_decomposition(t.merge_splits()).table.set_index("exporter")
    assert abs(kept.loc["CHN", "DC"] - merged.loc["CHN", "DC"]) > 1e-3
    assert kept.loc["CHN", "GEXP"] == pytest.approx(merged.loc["CHN", "GEXP"], rel=1e-10)
    m = t.merge_splits()
    assert one_block_per_country(m) is m


REF_TABLE = Path(__file__).parent / "reference" / "ICIO_exvatools_side_by_side.csv"
EXVA = pd.read_csv(Path(__file__).parent / "reference" / "exvatools_standard.csv")


@pytest.mark.parametrize("args", [
    ("--method", "kww"), ("--method", "wwz", "--level", "sector"), ("--method", "bm", "--level", "bilateral"),
    ("--method", "tiva", "--level", "sector"), ("--method", "position"), ("--method", "absorption"),
    ("--method", "leontief"), ("--method", "bm", "--perspective", "importer"),
])
def test_cli_detailed_terms_keep_the_splits(tmp_path, args):
    out = tmp_path / "d.csv"
    r = CliRunner().invoke(app, ["gvc", str(REF_TABLE), "--format", "oecd", *args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert "flags" not in df.columns  # nothing merged
    first = df.columns[0]
    assert not df[first].isin(["CN1", "CN2", "MX1", "MX2"]).any()
    if "block" in df.columns:
        assert set(df.loc[df[first] == "CHN", "block"]) == {"CN1", "CN2"}
    if args[1] == "kww":
        # the detailed KWW terms of the CLI = exvatools' kww, standard layout (ESP, CHN)
        got = df.set_index("exporter")
        ex = EXVA[EXVA.method == "kww"].set_index(["exporter", "term"])["value"]
        for c in ("ESP", "CHN"):
            assert round(got.loc[c, "DC"], 2) == round(ex[c, "DC"], 2)
            assert round(got.loc[c, "FVA_FIN"] + got.loc[c, "FVA_INT"], 2) == round(ex[c, "FVA"], 2)


def test_decomposition_api_on_a_split_table():
    t = icio_like(3, empty_owner_blocks=True)
    r = decomposition(t, "wwz", level="bilateral")
    b = label_blocks(r.table, t)
    assert set(b["importer"]) == set(t.economies)
    assert r.identities_hold(rtol=1e-8)
