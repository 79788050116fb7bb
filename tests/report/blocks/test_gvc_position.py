"""The GVC position section on the real OECD ICIO 2025 (2022) intermediate network (format zx)."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain.gvc import read_icio
from valuechain.report._model import ReportFigure, ReportSection
from valuechain.report.blocks.gvc_position import gvc_position_section


@pytest.fixture(scope="module")
def section(shared_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = read_icio(shared_data / "oecd_icio2025_2022_intermediate", format="zx")
    return gvc_position_section(t, "KAZ", ("RUS", "CHL", "IDN", "MEX", "TUR", "VNM", "THA", "AZE", "XXX")), t


def test_section_content(section, shared_data):
    sec, _ = section
    assert isinstance(sec, ReportSection) and sec.status == "ok"
    assert "intermediate-only" in sec.flags
    peers, sourcing, industries = sec.tables
    assert len(industries.df) == 12 and industries.df["Output"].is_monotonic_decreasing
    assert isinstance(sec.figures[0], ReportFigure)
    df = peers.df
    assert df["Country"].iloc[0] == "Kazakhstan"
    assert {"Russia", "Chile", "Indonesia", "Mexico", "Türkiye", "Vietnam", "Thailand"} <= set(df["Country"])
    assert any("XXX" in n for n in peers.notes)  # a peer not in the table is named, not silently dropped
    # Kazakhstan's foreign share of intermediate inputs, recomputed here from the raw parquet
    Z = pd.read_parquet(shared_data / "oecd_icio2025_2022_intermediate" / "icio2025_2022_Z.parquet").set_index("row")
    k = [c for c in Z.columns if c.startswith("KAZ_")]
    tot = Z[k].to_numpy().sum()
    dom = Z.loc[k, k].to_numpy().sum()
    assert df.loc[0, "Foreign share of intermediate inputs"] == pytest.approx(100 * (tot - dom) / tot, rel=1e-10)
    assert peers.units["Foreign share of intermediate inputs"] == "%"
    # sourcing table: Russia first, shares in percent
    assert sourcing.df["Partner"].iloc[0] == "Russia"
    rus = Z.loc[[r for r in Z.index if r.startswith("RUS_")], k].to_numpy().sum()
    assert sourcing.df["Share of imported inputs"].iloc[0] == pytest.approx(100 * rus / (tot - dom), rel=1e-10)


def test_narrative_numbers_come_from_the_tables(section):
    sec, _ = section
    text = next(b for b in sec.blocks if isinstance(b, str))
    df = sec.tables[0].df
    assert f"{df.loc[0, 'Upstreamness']:.2f}" in text
    assert f"{df.loc[0, 'Downstreamness']:.2f}" in text
    assert f"{df.loc[0, 'Foreign share of intermediate inputs']:.1f}%" in text
    med = df.loc[1:, "Upstreamness"].median()
    assert f"{med:.2f}" in text
    assert f"{sec.tables[1].df['Share of imported inputs'].iloc[0]:.1f}%" in text
    # every number in the paragraph is one of the tables' numbers (rounded) or a count/rank
    nums = set(re.findall(r"\d+\.\d+", text))
    table_nums = {f"{v:.2f}" for v in df.select_dtypes("number").to_numpy().ravel()} | \
        {f"{v:.1f}" for v in df.select_dtypes("number").to_numpy().ravel()} | \
        {f"{v:.1f}" for v in sec.tables[1].df.select_dtypes("number").to_numpy().ravel()} | \
        {f"{np.median(df.loc[1:, c]):.{d}f}" for c, d in (("Upstreamness", 2), ("Foreign share of intermediate inputs", 1))}
    assert nums <= table_nums, nums - table_nums


def test_focus_missing(section):
    _, t = section
    sec = gvc_position_section(t, "ATL")
    assert sec.status == "unavailable" and "ATL" in sec.notes[0]
