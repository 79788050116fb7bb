"""Gold and the unclassified on their own rows: composition and Lall shares with gold apart.

Non-monetary gold (HS 7108: unwrought, semi-manufactured or powder) is a large export of
several resource economies (Kazakhstan: about 7 % of exports). In the Lall (2000)
classification it is "unclassified" (SITC 971), and in the seed's sector table it falls in
"Other", so it hides in two residual rows. The functions here give it a row of its own:

* :func:`composition_with_gold`: :func:`valuechain.trade.composition` by sector with
  ``"Gold (HS 7108)"`` as a sector before the seed's sectors (longest HS prefix wins, so it
  leaves "Other");
* :func:`lall_shares_with_gold`: :func:`valuechain.trade.lall_shares` with gold as the
  class ``GOLD`` ("Non-monetary gold (HS 7108)", tier "Gold"), the rest of LDC99 remains
  "Unclassified".

The shares of each year still add up to 100.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .groups import DEFAULT_GROUPS, Groups
from .lall import lall_shares, load_lall

__all__ = ["composition_with_gold", "lall_shares_with_gold", "GOLD_PREFIX", "GOLD_LABEL", "GOLD_GROUPS"]

GOLD_PREFIX = "7108"
GOLD_LABEL = "Gold (HS 7108)"
#: the seed's sectors (Table 1) with gold first, out of "Other"
GOLD_GROUPS = Groups(sectors=((GOLD_LABEL, (GOLD_PREFIX,)),) + tuple(DEFAULT_GROUPS.sectors),
                     destinations=DEFAULT_GROUPS.destinations, sector_default=DEFAULT_GROUPS.sector_default,
                     destination_default=DEFAULT_GROUPS.destination_default)


def composition_with_gold(flows: Any, *, country: Any = None, years: Any = None, periods=None, con=None):
    """Exports by the seed's sectors with gold (HS 7108) on its own row.

    Returns ``(levels, growth)`` as :func:`valuechain.trade.composition` (``exporter, group,
    year, value, share``; ``share`` in percent of the exporter's total).
    """
    from .outcomes import composition

    return composition(flows, by="sector", country=country, years=years, groups=GOLD_GROUPS, periods=periods, con=con)


def lall_shares_with_gold(flows: Any, *, hs_revision: str | None = None, country: Any = None, years: Any = None,
                          con=None, data_dir=None) -> pd.DataFrame:
    """Lall technology shares with gold apart: ``year, exporter, lall_code, label, tier, value, share``.

    Gold is ``lall_code = "GOLD"``; "Unclassified" (LDC99) and "UNMATCHED" keep the rest.
    """
    classes = load_lall(hs_revision, data_dir=data_dir)[["product", "lall_code"]].copy()
    classes["product"] = classes["product"].astype(str)
    classes.loc[classes["product"].str.startswith(GOLD_PREFIX), "lall_code"] = "GOLD"
    # the flows' gold codes missing from the table (another HS revision) are added
    from ..tables.trade.flows import select_flows
    from ..tables.trade.engine import to_pandas

    t = select_flows(flows, con=con, years=years, country=country)
    prods = to_pandas(t.select("product").distinct())["product"].astype(str)
    extra = sorted(set(p for p in prods if p.startswith(GOLD_PREFIX)) - set(classes["product"]))
    if extra:
        classes = pd.concat([classes, pd.DataFrame({"product": extra, "lall_code": "GOLD"})], ignore_index=True)
    out = lall_shares(flows, classes, hs_revision=hs_revision, country=country, years=years, con=con)
    gold = out["lall_code"] == "GOLD"
    out.loc[gold, "label"] = "Non-monetary gold (HS 7108)"
    out.loc[gold, "tier"] = "Gold"
    return out
