"""Section ``clusters``: industrial clusters by factor analysis of the linkage matrix (regional seed, Tables 4-6 of part 3).

The clusters are fitted, named and assigned by the clusters family
(:class:`~valuechain.clusters.ClusterAnalysis`, :mod:`valuechain.clusters.assign`) through
:meth:`valuechain.report.inputs.Inputs.clusters`; this module lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .._model import ReportFigure, ReportTable
from ..inputs import ClusterFit, Inputs, table_source
from ..study import Study
from . import Page, Section
from .common import badge_of, flags_of

__all__ = ["SECTION", "ClustersInputs", "load", "build"]


@dataclass(frozen=True)
class ClustersInputs:
    settings: Mapping[str, Any]
    fits: tuple[ClusterFit, ...]


def load(study: Study, data: Inputs) -> ClustersInputs:
    cl = study.get("clusters")
    which = {"both": ["national", "regional"], "national": ["national"], "regional": ["regional"]}[cl["table"]]
    if "regional" in which and not study.has("regional"):
        which.remove("regional")
    return ClustersInputs(settings=cl, fits=tuple(data.clusters(s) for s in which))


def build(x: ClustersInputs, page: Page) -> None:
    sec = page.sec
    cl = x.settings
    thr = page.claim("loading_threshold", "setting.clusters.loading_threshold", float(cl["threshold"]), unit="rotated loading",
                     decimals=2 if round(float(cl["threshold"]), 1) != float(cl["threshold"]) else 1, source="study file ([clusters] threshold)",
                     definition="a rotated loading above it makes an industry a member of the factor's cluster",
                     ref=f"clusters_{x.fits[0].scope}_factors" if x.fits else "")
    page.intro("Feser, Sweeney & Renski (2005): the linkage matrix L (for each pair of industries, the largest correlation "
               "of their purchase and sales patterns) is factor-analysed with principal components, Kaiser's rule "
               f"(eigenvalue ≥ 1) and varimax rotation; industries with rotated loadings above {thr.n} form a "
               "cluster, named here after its two highest-loading industries.")
    for fit in x.fits:
        scope, tab, where, ca = fit.scope, fit.table, fit.where, fit.analysis
        src = table_source(tab)
        flags = flags_of(tab)
        sec.flags += [f for f in flags if f not in sec.flags]
        sec.badge = badge_of(sec.flags)
        fac = ca.factors.copy()
        lab = dict(fit.labels)
        t = ca.table if not lab else ca.table.assign(industry=ca.table["industry"].map(lambda c, lab=lab: lab.get(c, c)))
        kmax = cl["max_factors"] or len(fac)
        named = fit.names
        fac.insert(1, "name", fac["factor"].map(named))
        for c in ("variance_share", "cumulative_share", "rotated_variance_share"):
            fac[c] = 100 * fac[c]
        show = fac[["factor", "name", "eigenvalue", "variance_share", "cumulative_share", "n_members"]]
        page.add(ReportTable(key=f"clusters_{scope}_factors", title=f"Clusters of {where}: retained factors of the linkage matrix", df=show,
                            source=src, units={"eigenvalue": "", "variance_share": "%", "cumulative_share": "%",
                                               "n_members": "industries"},
                            headers={"factor": "Factor", "name": "Cluster (two highest-loading industries)", "eigenvalue": "Eigenvalue",
                                     "variance_share": "Share of the trace", "cumulative_share": "Cumulative", "n_members": "Members"},
                            decimals={"eigenvalue": 2, "variance_share": 1, "cumulative_share": 1}, flags=flags))
        over = fac["cumulative_share"].iloc[-1] > 100
        ref = f"clusters_{scope}_factors"
        meta = dict(scope=where, source=src, ref=ref)
        n_f = page.claim(f"{scope}_n_factors", "clusters.factors.count", len(fac), unit="factors", decimals=0,
                         definition="factors of the linkage matrix with an eigenvalue of at least 1 (Kaiser's rule)", **meta)
        cum = page.claim(f"{scope}_trace_share", "clusters.factors.trace_share", float(fac["cumulative_share"].iloc[-1]), unit="% of the trace of L",
                         decimals=0, definition="sum of the retained eigenvalues over the trace of the linkage matrix", **meta)
        ev0 = page.claim(f"{scope}_largest_eigenvalue", "clusters.largest.eigenvalue", float(fac["eigenvalue"].iloc[0]), unit="index (eigenvalue)",
                         decimals=2, definition="eigenvalue of the largest factor", **meta)
        sh0 = page.claim(f"{scope}_largest_share", "clusters.largest.trace_share", float(fac["variance_share"].iloc[0]), unit="% of the trace of L",
                         decimals=0, definition="eigenvalue of the largest factor over the trace of L", **meta)
        page.claim(f"{scope}_n_clusters", "clusters.count", int((fac["n_members"] > 0).sum()), unit="", decimals=0,
                   definition=f"factors with an eigenvalue ≥ 1 and at least one member loading above {cl['threshold']:g}", **meta)
        mem0 = page.claim(f"{scope}_largest_members", "clusters.largest.members", int(fac["n_members"].iloc[0]), unit="industries",
                          decimals=0, definition="members of the factor with the largest eigenvalue", **meta)
        page.say(f"{where[:1].upper() + where[1:]}: {n_f.n} factors have an eigenvalue of at least 1 and together account for "
                 f"{cum.ph} of the trace of L" + (" (more than all of it because other eigenvalues are negative)" if over else "")
                 + f". The largest, '{page.label(named[fac['factor'].iloc[0]])}' "
                 f"(eigenvalue {ev0.ph}, {sh0.ph} of the trace), has {mem0.n} members.")
        if scope == "national":
            page.finding("clusters", f"{{clusters.national_n_clusters}} clusters in the nation; the largest, "
                         f"'{named[fac['factor'].iloc[0]]}', has {{clusters.national_largest_members}}.",
                         comparison="The regional seed found fourteen factors nationally, the largest 'metalworking', then 'oil processing'.",
                         why="Clusters group industries that buy from and sell to each other; policy aimed at one reaches its partners.",
                         kind="thin")
        ev_all = pd.Series(getattr(ca, "eigenvalues_", []), dtype=float)
        lo = pd.Series(t["loading"], dtype=float)
        n_neg, n_big = int((ev_all < -1e-9).sum()), int((lo.abs() > 1 + 1e-9).sum())
        if n_neg or n_big:
            parts = []
            if n_neg:
                c_neg = page.claim(f"{scope}_n_negative_eigenvalues", "clusters.eigenvalues.negative", n_neg, unit="eigenvalues", decimals=0,
                                   definition="eigenvalues of L below zero", **meta)
                c_all = page.claim(f"{scope}_n_eigenvalues", "clusters.eigenvalues.count", len(ev_all), unit="eigenvalues", decimals=0,
                                   definition="eigenvalues of L (one per industry)", **meta)
                c_min = page.claim(f"{scope}_min_eigenvalue", "clusters.eigenvalues.min", float(ev_all.min()), unit="index (eigenvalue)",
                                   decimals=2, definition="smallest eigenvalue of L", **meta)
                parts.append(f"{c_neg.n} of its {c_all.n} eigenvalues are negative (smallest {c_min.ph})")
            if n_big:
                c_big = page.claim(f"{scope}_n_loadings_above_one", "clusters.loadings.above_one", n_big, unit="loadings", decimals=0,
                                   definition="rotated loadings above one in absolute value", **meta)
                parts.append(f"{c_big.n} rotated loadings exceed one in absolute value")
            page.say(f"{where[:1].upper() + where[1:]}: L is a matrix of maximum correlations, not the correlation matrix of observed "
                     f"variables, so it need not be positive semi-definite: {' and '.join(parts)}. Eigenvalue shares are therefore "
                     "shares of the trace, not of a variance, and loadings are weights rather than correlations; membership "
                     "(a loading above the threshold) is read as usual (Feser, Sweeney & Renski 2005).")
        page.add(ReportFigure(key=f"clusters_{scope}_scree", title=f"Scree plot of the linkage matrix, {where}",
                             chart=ca.scree_chart(title=f"Scree plot, {where}", source=src), source=src, flags=flags,
                             notes=["Components above the dashed line (eigenvalue 1) are retained."]))
        rows = []
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if len(mem):
                rows.append((int(f), named[f], "; ".join(f"{i} ({v:.2f})" for i, v in zip(mem["industry"], mem["loading"]))))
        if rows:
            page.add(ReportTable(key=f"clusters_{scope}_members", title=f"The {len(rows)} largest clusters of {where} and their members",
                                df=pd.DataFrame(rows, columns=["factor", "name", "members"]), source=src, flags=flags,
                                headers={"factor": "Factor", "name": "Cluster", "members": "Members (rotated loading)"},
                                notes=["Industries with a loading above the threshold, highest first (the regional seed's Tables 4-6)."]))
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if mem.empty:
                continue
            ev = float(fac.loc[fac["factor"] == f, "eigenvalue"].iloc[0])
            page.add(ReportTable(key=f"clusters_{scope}_factor_{int(f)}",
                                title=f"Cluster '{named[f]}', {where} (factor {int(f)}, eigenvalue {ev:.2f})",
                                df=mem[["industry", "loading"]].reset_index(drop=True), source=src,
                                units={"loading": "rotated factor loading"}, headers={"industry": "Industry", "loading": "Loading"},
                                decimals={"loading": 2}, flags=flags, max_rows=40, annex=True))


SECTION = Section(key="clusters", title="Industrial clusters (factor analysis)", needs="clusters", load=load, build=build,
                  summary="factor analysis of the linkage matrix: retained factors, scree plot, members")
