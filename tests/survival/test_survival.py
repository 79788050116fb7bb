"""Export survival: hand-worked spells, lifelines side by side, aggregated == raw, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuechain.errors import ValidationError
from valuechain.survival.survival import (
    KaplanMeierAnalysis,
    kaplan_meier_chart,
    pairwise_logrank,
    spell_counts,
    spells,
    survival_analysis,
)

KEY = ["exporter", "product", "importer", "start"]


def _flows(active: dict[tuple[str, str, str], list[int]]) -> pd.DataFrame:
    rows = [(y, e, i, p, 1.0) for (e, p, i), ys in active.items() for y in ys]
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])


# Data years 2000-2005 (first 2000, last 2005). Active years per relationship:
#   KAZ 010101 -> CHN: 2000 2001 . 2003 2004 2005   (one-year gap in 2002)
#   KAZ 010101 -> RUS: . 2001 2002 . . .
#   KAZ 270900 -> RUS: . . 2002 . 2004 .            (one-year gap in 2003)
#   KAZ 270900 -> CHN: . 2001 . . 2004 2005          (two-year gap)
HAND = _flows({
    ("KAZ", "010101", "CHN"): [2000, 2001, 2003, 2004, 2005],
    ("KAZ", "010101", "RUS"): [2001, 2002],
    ("KAZ", "270900", "RUS"): [2002, 2004],
    ("KAZ", "270900", "CHN"): [2001, 2004, 2005],
})


def _spells(**kw) -> list[tuple]:
    s = spells(HAND, **kw).to_pandas()
    s = s.sort_values(KEY)
    return [tuple(r) for r in s[["product", "importer", "start", "end", "duration", "event", "left_censored"]].itertuples(index=False)]


def test_hand_worked_spells_default_rules():
    # any gap ends a spell; spells active in 2000 dropped; active in 2005 -> censored (event 0)
    # CHN 010101: 2000-2001 (left-censored: dropped), 2003-2005 (3 years, censored)
    # RUS 010101: 2001-2002 (2 years, ended: event 1)
    # RUS 270900: 2002 (1, ended), 2004 (1, ended)
    # CHN 270900: 2001 (1, ended), 2004-2005 (2, censored)
    assert _spells() == [
        ("010101", "CHN", 2003, 2005, 3, 0, False),
        ("010101", "RUS", 2001, 2002, 2, 1, False),
        ("270900", "CHN", 2001, 2001, 1, 1, False),
        ("270900", "CHN", 2004, 2005, 2, 0, False),
        ("270900", "RUS", 2002, 2002, 1, 1, False),
        ("270900", "RUS", 2004, 2004, 1, 1, False),
    ]


def test_hand_worked_spells_keep_left_censored_and_merge_gaps():
    # keep: the 2000-2001 CHN spell is kept and flagged; it ended in 2001 (event 1)
    kept = _spells(left_censoring="keep")
    assert ("010101", "CHN", 2000, 2001, 2, 1, True) in kept and len(kept) == 7
    # max_gap=1 bridges one missing year (the gap year counts in the duration):
    # CHN 010101: 2000-2005 -> left-censored (dropped); RUS 270900: 2002-2004, 3 years, ended;
    # CHN 270900: the two-year gap still ends the spell: 2001 (1, ended), 2004-2005 (2, censored)
    assert _spells(max_gap=1) == [
        ("010101", "RUS", 2001, 2002, 2, 1, False),
        ("270900", "CHN", 2001, 2001, 1, 1, False),
        ("270900", "CHN", 2004, 2005, 2, 0, False),
        ("270900", "RUS", 2002, 2004, 3, 1, False),
    ]
    # max_gap=2 also bridges the two-year gap: CHN 270900 2001-2005, 5 years, censored
    assert ("270900", "CHN", 2001, 2005, 5, 0, False) in _spells(max_gap=2)


def test_hand_worked_product_level_and_counts():
    # exporter x product (destinations summed): 010101 active 2000-2005 without a gap
    # (left-censored: dropped); 270900 active 2001, 2002, 2004, 2005 ->
    # spells 2001-2002 (2, ended) and 2004-2005 (2, censored)
    s = spells(HAND, level="product").to_pandas().sort_values("start")
    assert s[["product", "start", "end", "duration", "event"]].values.tolist() == [
        ["270900", 2001, 2002, 2, 1], ["270900", 2004, 2005, 2, 0]]
    c = spell_counts(spells(HAND), by="period", period_break=2003)
    # default spells by start: <2003: (2,1), (1,1), (1,1); >=2003: (3,0), (2,0), (1,1)
    got = {tuple(r) for r in c.itertuples(index=False)}
    assert got == {("<2003", 1, 1, 2), ("<2003", 2, 1, 1), (">=2003", 1, 1, 1), (">=2003", 2, 0, 1), (">=2003", 3, 0, 1)}


def test_hand_worked_kaplan_meier():
    # Six default spells (duration, event): (3,0) (2,1) (1,1) (2,0) (1,1) (1,1)
    # t=1: 6 at risk, 3 exits -> S = 1 - 3/6 = 0.5
    # t=2: 3 at risk (durations >= 2), 1 exit -> S = 0.5 * (1 - 1/3) = 1/3
    # t=3: 1 at risk, 0 exits (censored) -> S = 1/3; the median is 1 (first t with S <= 0.5)
    r = survival_analysis(HAND)
    a = r.table[r.table["group"] == "all"].set_index("time")
    assert a.loc[1, "survival"] == pytest.approx(0.5) and a.loc[1, "at_risk"] == 6
    assert a.loc[2, "survival"] == pytest.approx(1 / 3) and a.loc[2, "at_risk"] == 3
    assert a.loc[3, "survival"] == pytest.approx(1 / 3)
    assert r.medians.set_index("group").loc["all", "median"] == 1


def _random_spells(seed: int, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.choice(["a", "b", "c"], n)
    shape = {"a": 1.0, "b": 1.6, "c": 2.5}
    dur = np.ceil(rng.exponential([shape[x] for x in g])).astype(int).clip(1, 12)
    ev = (rng.uniform(size=n) < 0.8).astype(int)
    return pd.DataFrame({"group": g, "duration": dur, "event": ev})


def test_km_and_logrank_equal_lifelines_on_raw_durations():
    # Reference: lifelines 0.30 run here on one row per spell (no weights).
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test, pairwise_logrank_test

    raw = _random_spells(7)
    counts = raw.groupby(["group", "duration", "event"]).size().rename("count").reset_index()
    res = KaplanMeierAnalysis().fit(counts).result_
    for g in ["a", "b", "c", "all"]:
        d = raw if g == "all" else raw[raw["group"] == g]
        k = KaplanMeierFitter().fit(d["duration"], d["event"])
        ours = res.table[res.table["group"] == g].set_index("time")
        np.testing.assert_allclose(ours["survival"], k.survival_function_.iloc[:, 0].to_numpy(), rtol=1e-12)
        np.testing.assert_allclose(ours["ci_lower"], k.confidence_interval_.iloc[:, 0].to_numpy(), rtol=1e-10)
        np.testing.assert_allclose(ours["ci_upper"], k.confidence_interval_.iloc[:, 1].to_numpy(), rtol=1e-10)
        np.testing.assert_array_equal(ours["at_risk"], k.event_table["at_risk"].to_numpy())
        assert res.medians.set_index("group").loc[g, "median"] == k.median_survival_time_
    mv = multivariate_logrank_test(raw["duration"], raw["group"], raw["event"])
    allg = res.logrank[res.logrank["comparison"] == "all groups"].iloc[0]
    assert allg["test_statistic"] == pytest.approx(mv.test_statistic, rel=1e-10)
    assert allg["p_value"] == pytest.approx(mv.p_value, rel=1e-8)
    assert allg["df"] == 2
    pw = pairwise_logrank_test(raw["duration"], raw["group"], raw["event"]).summary
    ours = res.logrank[res.logrank["comparison"] == "pairwise"].set_index(["group_a", "group_b"])
    for (a, b), row in pw.iterrows():
        assert ours.loc[(a, b), "test_statistic"] == pytest.approx(row["test_statistic"], rel=1e-10)
        assert ours.loc[(a, b), "p_value"] == pytest.approx(row["p"], rel=1e-8)


def _panel(seed: int, n_exp=3, n_prod=25, n_imp=6, years=range(2000, 2013)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = pd.MultiIndex.from_product(
        [list(years), [f"E{i}" for i in range(n_exp)], [f"M{i}" for i in range(n_imp)], [f"{(i * 7919) % 970000 + 10000:06d}" for i in range(n_prod)]],
        names=["year", "exporter", "importer", "product"],
    ).to_frame(index=False)
    p_on = rng.uniform(0.2, 0.9, size=len(idx))
    df = idx[rng.uniform(size=len(idx)) < p_on].copy()
    df["value"] = rng.lognormal(3, 2, size=len(df))
    return df.reset_index(drop=True)


@pytest.mark.parametrize("max_gap", [0, 1])
def test_aggregated_path_equals_raw_path(max_gap):
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test

    flows = _panel(3)
    raw = spells(flows, max_gap=max_gap).to_pandas()
    res = survival_analysis(flows, by="exporter", max_gap=max_gap)
    for g, d in list(raw.groupby("exporter")) + [("all", raw)]:
        k = KaplanMeierFitter().fit(d["duration"], d["event"])
        ours = res.table[res.table["group"] == g]
        np.testing.assert_allclose(ours["survival"], k.survival_function_.iloc[:, 0].to_numpy(), rtol=1e-12)
        np.testing.assert_allclose(ours["ci_upper"], k.confidence_interval_.iloc[:, 1].to_numpy(), rtol=1e-10)
    mv = multivariate_logrank_test(raw["duration"], raw["exporter"], raw["event"])
    assert res.logrank.iloc[0]["test_statistic"] == pytest.approx(mv.test_statistic, rel=1e-10)


def _pandas_spells(flows: pd.DataFrame, max_gap: int) -> pd.DataFrame:
    # independent gaps-and-islands in pandas (a loop-free cumsum formulation)
    a = flows[flows["value"] > 0].groupby(["exporter", "product", "importer", "year"]).size().reset_index()[
        ["exporter", "product", "importer", "year"]].sort_values(["exporter", "product", "importer", "year"])
    k = ["exporter", "product", "importer"]
    prev = a.groupby(k)["year"].shift()
    new = prev.isna() | (a["year"] - prev > 1 + max_gap)
    a["spell"] = new.astype(int).groupby([a[c] for c in k]).cumsum()
    s = a.groupby(k + ["spell"])["year"].agg(["min", "max"]).reset_index()
    return s.rename(columns={"min": "start", "max": "end"})


@settings(max_examples=15)
@given(st.integers(0, 10_000), st.integers(0, 2))
def test_spells_properties(seed, max_gap):
    flows = _panel(seed, n_exp=2, n_prod=6, n_imp=3, years=range(2000, 2009))
    s = spells(flows, max_gap=max_gap, left_censoring="keep").to_pandas()
    ref = _pandas_spells(flows, max_gap)
    assert len(s) == len(ref)
    assert sorted(zip(s["start"], s["end"])) == sorted(zip(ref["start"], ref["end"]))
    assert (s["duration"] == s["end"] - s["start"] + 1).all()
    assert ((s["event"] == 0) == (s["end"] == 2008)).all()
    if max_gap == 0:  # every active year lies in exactly one spell
        assert s["duration"].sum() == len(flows[flows["value"] > 0])
    res = KaplanMeierAnalysis(pairwise=False).fit(spell_counts(spells(flows, max_gap=max_gap), by="exporter")).result_
    assert res.max_increase() == 0.0  # survival never increases
    assert res.identities_hold() and list(res.check()["identity"]) == ["survival never increases", "0 <= survival <= 1"]
    t = res.table
    assert ((t["survival"] >= 0) & (t["survival"] <= 1)).all()
    assert ((t["ci_lower"] <= t["survival"] + 1e-12) & (t["survival"] <= t["ci_upper"] + 1e-12)).all()


@given(st.integers(0, 10_000))
def test_pairwise_logrank_matches_lifelines(seed):
    from lifelines.statistics import logrank_test

    raw = _random_spells(seed, n=60)
    counts = raw.groupby(["group", "duration", "event"]).size().rename("count").reset_index()
    pw = pairwise_logrank(counts)
    for _, r in pw.iterrows():
        a, b = raw[raw["group"] == r["group_a"]], raw[raw["group"] == r["group_b"]]
        ref = logrank_test(a["duration"], b["duration"], a["event"], b["event"])
        if np.isfinite(ref.test_statistic):
            assert r["test_statistic"] == pytest.approx(ref.test_statistic, rel=1e-9, abs=1e-12)


def test_bad_input_is_one_line():
    world = HAND.groupby(["year", "exporter", "product"], as_index=False)["value"].sum()
    with pytest.raises(ValidationError, match="level='product'") as e:
        spells(world)
    assert "\n" not in str(e.value)
    with pytest.raises(ValidationError, match="no flows for"):
        spells(HAND, exporters="XXX")
    with pytest.raises(ValidationError, match="max_gap"):
        spells(HAND, max_gap=-1)
    with pytest.raises(ValidationError, match="by="):
        spell_counts(spells(HAND), by="colour")
    with pytest.raises(ValidationError, match="no spells"):
        KaplanMeierAnalysis().fit(pd.DataFrame({"group": ["a"], "duration": [1], "event": [1], "count": [0]}))


def test_groups_and_chart():
    from valuechain.trade.groups import hs_sections, load_groups

    # seed groups: CHN -> "China", RUS -> "EEU"; 010101 (live horses) -> Foodstuffs, 270900 -> Oil and gas
    c = spell_counts(spells(HAND), by="destination")
    assert set(c["group"]) == {"China", "EEU"}
    c = spell_counts(spells(HAND), by="sector")
    assert set(c["group"]) == {"Foodstuffs", "Oil and gas"}
    c = spell_counts(spells(HAND), by="sector", groups=hs_sections())
    assert set(c["group"]) == {"I Live animals", "V Mineral products"}
    g = load_groups(text='[destinations]\nAsia = ["CHN"]\n')
    c = spell_counts(spells(HAND), by="destination", groups=g)
    assert set(c["group"]) == {"Asia", "ROW"}
    res = survival_analysis(HAND, by="destination")
    spec = kaplan_meier_chart(res).to_dict()
    assert spec["layer"][0]["mark"]["type"] == "area"


@settings(max_examples=20)
@given(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from([None, "exporter", "sector", "destination", "period"]),
       st.sampled_from(["drop", "keep"]), st.sampled_from(["destination", "product"]))
def test_bitmask_histogram_equals_window_spells(seed, max_gap, by, left, level):
    from valuechain.survival.survival import spell_histogram

    if level == "product" and by == "destination":
        by = "exporter"
    flows = _panel(seed, n_exp=2, n_prod=8, n_imp=3, years=range(2003, 2015))
    kw = dict(level=level, max_gap=max_gap, left_censoring=left)
    a = spell_counts(spells(flows, **kw), by=by, period_break=2008)
    b = spell_histogram(flows, by=by, period_break=2008, **kw)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_bitmask_hand_worked():
    from valuechain.survival.survival import spell_histogram

    # the six default spells of HAND: (3,0) (2,1) (1,1) (2,0) (1,1) (1,1)
    h = spell_histogram(HAND)
    assert {tuple(r) for r in h.itertuples(index=False)} == {("all", 1, 1, 3), ("all", 2, 0, 1), ("all", 2, 1, 1), ("all", 3, 0, 1)}


def test_histogram_in_exporter_batches_equals_one_query():
    """Bounded memory: counting exporter batch by exporter batch gives exactly the one-query counts."""
    from valuechain.survival.survival import exporter_batches, spell_histogram
    from valuechain.datasets.synthetic_trade import synthetic_panel

    df = synthetic_panel(n_exporters=7, n_products=15, years=(2000, 2011), seed=5)
    from valuechain.tables.trade.engine import register_frame

    t = register_frame(df)
    batches = exporter_batches(t, 300)
    assert len(batches) > 2 and sorted(sum(batches, [])) == sorted(df["exporter"].unique())
    for by in (None, "exporter", "period"):
        one = spell_histogram(t, by=by, batch_rows=None)
        many = spell_histogram(t, by=by, batch_rows=300)
        pd.testing.assert_frame_equal(one, many)


def test_fit_returns_the_fitter_and_old_usage_warns():
    counts = pd.DataFrame({"group": ["a", "a", "b"], "duration": [1, 3, 2], "event": [1, 0, 1], "count": [2, 1, 3]})
    km = KaplanMeierAnalysis()
    assert km.fit(counts) is km
    assert km.result_.survival_at(1, "a") == pytest.approx(1 - 2 / 3)  # 3 at risk at t=1, 2 exits
    with pytest.warns(DeprecationWarning, match=r"use \.result_\.medians"):
        med = km.medians  # the old use: fit(...) was the result
    assert med is km.result_.medians
    with pytest.raises(AttributeError):
        _ = KaplanMeierAnalysis().medians  # not fitted: no forwarding
