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

import os
from typing import TYPE_CHECKING, Any, Sequence

import pandas as pd

from .groups import DEFAULT_GROUPS, Groups
from .lall import lall_shares, load_lall

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

__all__ = ["composition_with_gold", "lall_shares_with_gold", "GOLD_PREFIX", "GOLD_LABEL", "GOLD_GROUPS"]

GOLD_PREFIX = "7108"
GOLD_LABEL = "Gold (HS 7108)"
#: the seed's sectors (Table 1) with gold first, out of "Other"
GOLD_GROUPS = Groups(sectors=((GOLD_LABEL, (GOLD_PREFIX,)),) + tuple(DEFAULT_GROUPS.sectors),
                     destinations=DEFAULT_GROUPS.destinations, sector_default=DEFAULT_GROUPS.sector_default,
                     destination_default=DEFAULT_GROUPS.destination_default)


def composition_with_gold(flows: Any, *, country: Any = None, years: Any = None,
                          periods: Sequence[tuple[int, int]] | None = None,
                          con: BaseBackend | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exports by the seed's sectors with gold (HS 7108) on its own row.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    country : str or sequence of str, optional
        Exporters to keep (default: all).
    years : int or sequence of int, optional
        Years to keep.
    periods : sequence of (int, int), optional
        (start, end) years of the growth rates.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    (DataFrame, DataFrame)
        ``(levels, growth)`` as :func:`valuechain.trade.composition` (``exporter, group,
        year, value, share``; ``share`` in percent of the exporter's total).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": "KAZ", "importer": ["RUS", "CHN", "CHN"],
    ...                       "product": ["270900", "710812", "870323"], "value": [5.0, 3.0, 2.0]})
    >>> levels, growth = composition_with_gold(flows)
    >>> levels[["group", "value", "share"]]
                group  value  share
    0  Gold (HS 7108)    3.0   30.0
    1     Oil and gas    5.0   50.0
    2           Other    2.0   20.0
    3           Total   10.0  100.0
    """
    from .outcomes import composition

    return composition(flows, by="sector", country=country, years=years, groups=GOLD_GROUPS, periods=periods, con=con)


def lall_shares_with_gold(flows: Any, *, hs_revision: str | None = None, country: Any = None, years: Any = None,
                          con: BaseBackend | None = None, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Lall technology shares with gold apart: ``year, exporter, lall_code, label, tier, value, share``.

    Gold is ``lall_code = "GOLD"``; "Unclassified" (LDC99) and "UNMATCHED" keep the rest.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    hs_revision : str, optional
        Revision of the product codes (see :func:`valuechain.trade.lall.load_lall`).
    country : str or sequence of str, optional
        Exporters to keep (default: all).
    years : int or sequence of int, optional
        Years to keep.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.
    data_dir : str or path-like
        The shared data folder (``lall_classification/`` and ``hs_sitc_concordance/``);
        required.

    Returns
    -------
    DataFrame
        ``year, exporter, lall_code, label, tier, value, share`` (share in percent of the
        exporter's total; each year adds up to 100).

    Raises
    ------
    DataNotFoundError
        Without ``data_dir``, or when it has no ``lall_classification`` folder.
    ValidationError
        For a revision name that is not an HS revision.

    References
    ----------
    .. [1] Lall, S. (2000). The technological structure and performance of developing
       country manufactured exports, 1985-98. *Oxford Development Studies* 28(3), 337-369.

    Examples
    --------
    A data folder holding the three tables in their published layout (one row each here):

    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())
    >>> for sub, name, text in [
    ...     ("lall_classification", "lookup_hs6_lall.csv", "hs6,sitc3,lall_code\\n870323,78120,LDC06\\n"),
    ...     ("lall_classification", "sitc3_3digit_to_lall_DERIVED.csv", "sitc3_3digit,lall_code\\n333,LDC01\\n"),
    ...     ("hs_sitc_concordance", "hs0_sitc3.csv", "HS0_6d,SITC3_5d,SITC3_3d\\n270900,33300,333\\n")]:
    ...     (d / sub).mkdir(exist_ok=True)
    ...     _ = (d / sub / name).write_text(text)
    >>> flows = pd.DataFrame({"year": 2000, "exporter": "KAZ", "importer": ["RUS", "CHN", "CHN"],
    ...                       "product": ["270900", "710812", "870323"], "value": [5.0, 3.0, 2.0]})
    >>> lall_shares_with_gold(flows, hs_revision="HS2002", data_dir=d)[["lall_code", "tier", "share"]]
      lall_code               tier  share
    0     GOLD               Gold   30.0
    1     LDC01            Primary   50.0
    2     LDC06  Medium technology   20.0
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
