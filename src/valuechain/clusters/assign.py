"""Naming clusters and assigning each industry to one cluster, from a fitted factor analysis.

The factor analysis (:class:`~valuechain.clusters.ClusterAnalysis`) lets an industry load
above the threshold on several factors. A bridge from clusters to other classifications
(products, the report's opportunities by cluster) needs each industry in one cluster: the
one where its rotated loading is highest (Feser, Sweeney & Renski 2005, who name a cluster
after its highest-loading industries).

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"factor": [1, 1, 1, 2, 2, 2], "industry": ["a", "b", "c"] * 2,
...                   "loading": [0.9, 0.6, 0.1, 0.2, 0.7, 0.8], "member": [True, True, False, False, True, True]})
>>> cluster_names(t)
{1: 'a / b', 2: 'c / b'}
>>> cluster_members(t)
{'a / b': ['a'], 'c / b': ['c', 'b']}

References
----------
Feser, E. J., Sweeney, S. H. & Renski, H. C. (2005). A descriptive analysis of discrete U.S.
industrial complexes. *Journal of Regional Science* 45(2), 395-419.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["cluster_names", "cluster_members"]


def cluster_names(table: pd.DataFrame, k: int = 2, *, empty: str = "(no member above the threshold)") -> dict[int, str]:
    """Factor -> name made of its ``k`` highest-loading member industries.

    Parameters
    ----------
    table : DataFrame
        :attr:`ClusterAnalysis.table`: columns ``factor, industry, loading, member`` (one
        row per factor and industry; ``member`` true where the loading is above the
        threshold).
    k : int, default 2
        Number of member industries in a name, highest loading first.
    empty : str, default "(no member above the threshold)"
        The name of a factor without members.

    Returns
    -------
    dict of int to str
        Factor number -> its member industries joined by ``" / "`` (ties keep the table's
        order).

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of
           discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"factor": [1, 1, 1, 2, 2, 2], "industry": ["a", "b", "c"] * 2,
    ...                   "loading": [0.9, 0.6, 0.1, 0.2, 0.7, 0.8], "member": [True, True, False, False, True, True]})
    >>> cluster_names(t, k=1)
    {1: 'a', 2: 'c'}
    """
    out: dict[int, str] = {}
    for f, g in table.groupby("factor", sort=True):
        mem = g[g["member"].astype(bool)].sort_values("loading", ascending=False, kind="stable")
        out[int(f)] = " / ".join(mem["industry"].astype(str).head(k)) if len(mem) else empty
    return out


def cluster_members(table: pd.DataFrame, max_factors: int = 0, k: int = 2) -> dict[str, list[str]]:
    """Cluster name -> member industries, each industry in the cluster where its loading is highest.

    Parameters
    ----------
    table : DataFrame
        :attr:`ClusterAnalysis.table`: columns ``factor, industry, loading, member``.
    max_factors : int, default 0
        Keep only the first ``max_factors`` factors (0 = all).
    k : int, default 2
        Number of member industries in a cluster's name (:func:`cluster_names`).

    Returns
    -------
    dict of str to list of str
        Cluster name -> its industries, highest loading first; an industry that is a
        member of several factors is in the one where its loading is highest; clusters
        left without an industry are absent.

    References
    ----------
    .. [1] Feser, E. J., Sweeney, S. H. and Renski, H. C. (2005). A descriptive analysis of
           discrete U.S. industrial complexes. *Journal of Regional Science* 45(2), 395-419.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"factor": [1, 1, 1, 2, 2, 2], "industry": ["a", "b", "c"] * 2,
    ...                   "loading": [0.9, 0.6, 0.1, 0.2, 0.7, 0.8], "member": [True, True, False, False, True, True]})
    >>> cluster_members(t, max_factors=1)
    {'a / b': ['a', 'b']}
    """
    names = cluster_names(table, k)
    factors = sorted(names)
    if max_factors:
        factors = factors[:max_factors]
    mem = table[table["member"].astype(bool) & table["factor"].isin(factors)]
    if mem.empty:
        return {}
    best = mem.loc[mem.groupby("industry")["loading"].idxmax()]
    return {names[int(f)]: list(g.sort_values("loading", ascending=False, kind="stable")["industry"])
            for f, g in best.groupby("factor", sort=True)}
