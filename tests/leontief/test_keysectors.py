"""Key-sector classification: quadrant rule, CV filter, exclusion, result object, chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain import ValidationError
from valuechain._charts import chart_svg
from valuechain.leontief import KeySectorResult, classify_quadrants, key_sectors, quadrant_chart, rasmussen
from valuechain.tables import IOTable


def test_quadrant_rule_hand_values():
    # (backward, forward): (1.2, 1.1) key; (1.2, 0.9) backward; (0.8, 1.3) forward; (0.9, 0.7) weak;
    # exactly 1 is not "above average" -> weak
    cls = classify_quadrants([1.2, 1.2, 0.8, 0.9, 1.0], [1.1, 0.9, 1.3, 0.7, 1.0])
    assert list(cls) == ["key", "backward", "forward", "weak", "weak"]


def four_sector_table() -> IOTable:
    Z = np.array([[40, 10, 30, 5], [20, 60, 10, 30], [5, 5, 10, 5], [30, 40, 20, 10]], float)
    x = np.array([200, 300, 150, 250], float)
    f = x - Z.sum(1)
    p = x - Z.sum(0)
    lab = ["agri", "manu", "retail", "serv"]
    return IOTable.from_frames(pd.DataFrame(Z, lab, lab), pd.DataFrame({"hh": f}, index=lab),
                               pd.DataFrame([p], index=["B1G"], columns=lab), pd.Series(x, lab),
                               source="hand-made 4-sector table", flags=("synthetic",), name="toy")


def test_classes_follow_rasmussen_and_cv_filter():
    t = four_sector_table()
    r = rasmussen(t)
    res = key_sectors(t)
    expect = classify_quadrants(r["rasmussen_backward"], r["rasmussen_forward"])
    assert list(res.table["class"]) == list(expect)
    assert res.identities_hold()
    chk = res.check()
    assert list(chk.columns[:2]) == ["identity", "max_abs_error"] and chk["ok"].all()
    # CV filter at the median: a strong linkage with an above-median CV no longer counts
    res_cv = key_sectors(t, cv_filter="median")
    med_b = np.median(r["rasmussen_backward_cv"])
    strong_b = (r["rasmussen_backward"] > 1) & (r["rasmussen_backward_cv"] <= med_b)
    got_b = res_cv.table["class"].isin(["key", "backward"]).to_numpy()
    assert (got_b == strong_b.to_numpy()).all()
    assert res_cv.thresholds["backward_cv"] == pytest.approx(med_b)
    assert res_cv.identities_hold()
    # a tampered class must fail the identity
    import dataclasses

    bad = res_cv.table.copy()
    bad.loc[0, "class"] = "key" if bad.loc[0, "class"] != "key" else "weak"
    assert not dataclasses.replace(res_cv, table=bad).identities_hold()


def test_exclusion_and_result_object():
    t = four_sector_table()
    res = key_sectors(t, backward="hazari", forward="total", exclude=["retail"])
    assert isinstance(res, KeySectorResult)
    assert "retail" not in set(res.table["sector"]) and len(res.table) == 3
    assert list(res.table.columns[:3]) == ["sector", "hazari_backward", "total_forward"]
    # normalised by the mean over all four industries, before exclusion
    from valuechain.leontief import total_linkages

    fl = total_linkages(t)["total_forward"]
    assert res.table.set_index("sector").loc["agri", "forward_norm"] == pytest.approx(fl["agri"] / fl.mean())
    assert res.counts().sum() == 3
    s = res.summary()
    assert "excluded (local-serving): retail" in s and "synthetic" in s
    assert "<table" in res._repr_html_()
    assert (res.table["note"] == "synthetic").all()
    with pytest.raises(Exception):
        res.backward_method = "x"  # frozen


def test_bad_key_sector_options():
    t = four_sector_table()
    with pytest.raises(ValidationError, match="unknown linkage method"):
        key_sectors(t, backward="leontief")
    with pytest.raises(ValidationError, match="cannot exclude"):
        key_sectors(t, exclude=["mining"])
    with pytest.raises(ValidationError, match="cv_filter needs Rasmussen"):
        key_sectors(t, backward="jones", cv_filter=1.0)
    with pytest.raises(ValidationError, match="cv_filter="):
        key_sectors(t, cv_filter=-1.0)


def test_quadrant_chart_names_source():
    res = key_sectors(four_sector_table())
    svg = chart_svg(quadrant_chart(res))
    assert "Source: hand-made 4-sector table (synthetic)" in svg
    assert "key sector" in svg or "weak linkages" in svg
