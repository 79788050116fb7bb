"""The report's GVC section on a table with processing splits (CN1/CN2, MX1/MX2): kept, not added.

The expected values are exvatools' (R, run side by side: tests/gvc/reference/README.md), not ours.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from valuechain.report import build_report, parse_study

REF = Path(__file__).resolve().parents[2] / "gvc" / "reference"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    study = parse_study(f"""
[study]
title = "Processing splits"
country = "CHN"
[gvc]
table = "{REF / 'ICIO_exvatools_side_by_side.csv'}"
format = "oecd"
comparators = ["ESP", "MEX"]
""")
    d = tmp_path_factory.mktemp("splits") / "out"
    build_report(study, d, png=False)
    return d


def test_splits_are_kept_and_the_country_is_the_owner(out):
    ex = pd.read_csv(REF / "exvatools_standard.csv")
    ref = ex[(ex["method"] == "bm_src") & (ex["term"].isin(["EXGR", "DC"]))].pivot(index="exporter", columns="term", values="value")
    part = pd.read_csv(out / "data" / "gvc_participation.csv").set_index("exporter")
    assert list(part.index) == ["CHN", "ESP", "MEX"]  # [study] country first; owners, never CN1/MX2
    for c in ("CHN", "ESP"):  # the exporters exvatools was run for (and NAFTA)
        assert part.loc[c, "EXGR"] == pytest.approx(ref.loc[c, "EXGR"], rel=1e-8)
        assert part.loc[c, "EXGR_DVA"] == pytest.approx(ref.loc[c, "DC"], rel=1e-8)  # exvatools: 8248.66 for CHN
    ind = pd.read_csv(out / "data" / "gvc_dva_by_industry.csv")
    assert set(ind["block"]) == {"CN1", "CN2"} and not ind["industry"].str.contains("~").any()
    assert ind["EXGR"].sum() == pytest.approx(ref.loc["CHN", "EXGR"], rel=1e-8)
    assert "merged" not in (out / "index.html").read_text(encoding="utf-8")
