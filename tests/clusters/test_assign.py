"""Cluster names and one-cluster-per-industry assignment (hand-worked example)."""

import pandas as pd

from valuechain.clusters.assign import cluster_members, cluster_names


def _table():
    # factor 1: a 0.9, b 0.6 (members), c 0.1; factor 2: b 0.7, c 0.8 (members), a 0.2; factor 3: nobody above 0.5
    return pd.DataFrame({"factor": [1, 1, 1, 2, 2, 2, 3, 3, 3], "industry": ["a", "b", "c"] * 3,
                         "loading": [0.9, 0.6, 0.1, 0.2, 0.7, 0.8, 0.3, 0.2, 0.1],
                         "member": [True, True, False, False, True, True, False, False, False]})


def test_names_are_the_two_highest_loading_members():
    assert cluster_names(_table()) == {1: "a / b", 2: "c / b", 3: "(no member above the threshold)"}
    assert cluster_names(_table(), k=1) == {1: "a", 2: "c", 3: "(no member above the threshold)"}


def test_an_industry_in_two_clusters_goes_where_its_loading_is_highest():
    m = cluster_members(_table())
    assert m == {"a / b": ["a"], "c / b": ["c", "b"]}  # b: 0.7 on factor 2 > 0.6 on factor 1
    assert sorted(i for v in m.values() for i in v) == ["a", "b", "c"]  # each industry once


def test_max_factors_keeps_the_first_factors_only():
    assert cluster_members(_table(), max_factors=1) == {"a / b": ["a", "b"]}
