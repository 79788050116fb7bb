r"""Side-by-side export indicators of a country and its peers (the comparator figures of the
World Bank Trade Competitiveness Diagnostic: Figures 5-10, 13-15).

:func:`peer_comparison` takes one flow set per country (they may come from different files
and HS revisions, e.g. Kazakhstan's BACI HS2002 files and the BRICS+ HS2012 panel) and
computes, for one year, with the family's own functions:

* exports (:func:`~valuechain.trade.trade_totals`), in billion USD;
* the number of HS6 products exported and the product HHI and top-5 share
  (:func:`~valuechain.trade.product_market_counts`, :func:`~valuechain.trade.concentration`);
* the Lall (2000) technology structure (:func:`~valuechain.trade.lall_shares`), through
  each flow set's own HS revision;
* the number of products with :math:`RCA \ge 1` (:func:`~valuechain.trade.rca`), only for
  flow sets whose HS revision matches the world totals given (RCA needs world exports of
  the same product codes).

HS6 counts and HHI compare across HS revisions only approximately (HS2002 has 5,224
subheadings, HS2012 5,205); the Lall shares compare exactly (each revision has its own
concordance). Every row says its revision.

References
----------
World Bank (2020), Kazakhstan Trade Competitiveness Diagnostic (Figures 5-10, 13-15).
Lall, S. (2000), The technological structure and performance of developing country
manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from .concentration import concentration
from .lall import lall_shares
from .outcomes import product_market_counts, trade_totals
from .rca import rca

__all__ = ["PeerComparison", "peer_comparison", "destination_coverage", "LALL_TIERS"]

#: The Lall tiers, in the order of the table's share columns.
LALL_TIERS = ("Primary", "Resource-based", "Low technology", "Medium technology", "High technology")

_SCALE = {"usd": 1e-9, "thousand usd": 1e-6, "million usd": 1e-3, "billion usd": 1.0}


@dataclass(frozen=True, eq=False)
class PeerComparison(ResultMixin):
    """One row per country: ``country, year, hs_revision, exports_bn_usd, n_products, hhi,
    top5_share, share_<tier>`` (percent of exports) and ``n_rca_products``."""

    table: pd.DataFrame
    year: int
    flags: tuple = ()
    title = "Peer comparison of exports"

    def _summary_lines(self) -> list[str]:
        return [f"year {self.year}; {len(self.table)} countries"]

    def _identity_rows(self) -> list[dict]:
        cols = [f"share_{t}" for t in LALL_TIERS if f"share_{t}" in self.table.columns]
        if not cols or "share_Unclassified" not in self.table.columns:
            return []
        tot = self.table[cols + ["share_Unclassified"]].sum(axis=1)
        return [identity_row("Lall shares add up to 100%", float((tot - 100).abs().max()), scale=100.0, rtol=1e-6)]


def _unit_scale(unit: str) -> float:
    u = (unit or "USD").strip().lower()
    if u not in _SCALE:
        raise ValidationError(f"unit {unit!r} of a flow set is not known; use one of USD, thousand USD, million USD")
    return _SCALE[u]


def peer_comparison(panels: Mapping[str, Any], *, year: int, world: pd.DataFrame | None = None,
                    world_revision: str | None = None, con=None) -> PeerComparison:
    """Export indicators of each country of ``panels`` (country -> TradeFlows) in ``year``.

    Parameters
    ----------
    panels : mapping
        ISO3 code -> flows holding that country's exports (``unit`` and ``hs_revision`` read
        from the flows).
    year : int
        The year compared; a country without exports that year gets a row of missing values.
    world : DataFrame, optional
        World exports ``year, product, value`` of revision ``world_revision``, for RCA.
    """
    rows, flags = [], set()
    yrs = (int(year), int(year))
    sets: dict[int, tuple[Any, list[str]]] = {}
    for c, fl in panels.items():  # one query per flow set and indicator, not per country
        sets.setdefault(id(fl), (fl, []))[1].append(c)
    for fl, codes in sets.values():
        rev = getattr(fl, "hs_revision", None)
        if getattr(fl, "synthetic", False):
            flags.add("synthetic")
        scale = _unit_scale(getattr(fl, "unit", "USD"))
        tot = trade_totals(fl, country=codes, years=yrs, con=con).groupby("country")["exports"].sum()
        pm = product_market_counts(fl, country=codes, years=yrs, con=con).set_index("exporter")["n_products"]
        cc = concentration(fl, by="product", country=codes, years=yrs, con=con).set_index("exporter")
        ls = lall_shares(fl, hs_revision=rev, country=codes, years=yrs, con=con).groupby(["exporter", "tier"])["share"].sum()
        nrca = None
        if world is not None and rev and world_revision and rev.upper() == world_revision.upper():
            nrca = rca(fl, world=world, country=codes, years=yrs, con=con).groupby("exporter")["mcp"].sum()
        for c in codes:
            row: dict[str, Any] = {"country": c, "year": int(year), "hs_revision": rev or ""}
            if c in tot.index and np.isfinite(tot[c]) and tot[c] > 0:
                row["exports_bn_usd"] = float(tot[c]) * scale
                row["n_products"] = int(pm.get(c, np.nan)) if c in pm.index else np.nan
                if c in cc.index:
                    row["hhi"] = float(cc.loc[c, "hhi"])
                    row["top5_share"] = 100 * float(cc.loc[c, "top_share"])
                for t in (*LALL_TIERS, "Unclassified"):
                    row[f"share_{t}"] = float(ls.get((c, t), 0.0))
                if nrca is not None:
                    row["n_rca_products"] = int(nrca.get(c, 0))
            rows.append(row)
    df = pd.DataFrame(rows)
    for col in ("exports_bn_usd", "n_products", "hhi", "top5_share", "n_rca_products"):
        if col not in df.columns:
            df[col] = np.nan
    return PeerComparison(table=df.reset_index(drop=True), year=int(year), flags=tuple(sorted(flags)))


def destination_coverage(bilateral: Any, flows: Any, *, country: str, years: Any = None, con=None) -> pd.DataFrame:
    r"""How much of a country's exports a bilateral extract covers, by year.

    .. math:: \text{coverage}_t = 100\,\frac{\sum_{j,p} x^{\text{extract}}_{jpt}}{\sum_p x_{pt}}

    Returns ``year, bilateral_exports, total_exports, coverage`` (percent). A destination
    table built from an extract describes the extract; its shares are shares of the total
    only when the coverage is 100%.
    """
    b = trade_totals(bilateral, country=country, years=years, con=con)[["year", "exports"]]
    t = trade_totals(flows, country=country, years=years, con=con)[["year", "exports"]]
    df = b.rename(columns={"exports": "bilateral_exports"}).merge(t.rename(columns={"exports": "total_exports"}), on="year", how="left")
    df["coverage"] = 100 * df["bilateral_exports"] / df["total_exports"]
    return df
