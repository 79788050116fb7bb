"""Lall (2000) technology classes of exports (UNCTAD SITC Rev.3 variant).

Products are classed through the HS → SITC Rev.3 correlation and UNCTAD's list of SITC
Rev.3 products by technological category (``../shared/data/lall_classification`` and
``../shared/data/hs_sitc_concordance``):

* HS2012: ``lookup_hs6_lall.csv`` (HS2012 6-digit → SITC Rev.3 → Lall);
* HS1992: ``hs0_sitc3.csv`` (HS1992 → SITC Rev.3) then the SITC Rev.3 3-digit → Lall table;
* other revisions (HS1996, HS2002, HS2007, HS2017, ...), for which no correlation is held:
  a code is looked up first in the HS2012 table, then in the HS1992 table (most 6-digit
  codes are unchanged between revisions); codes found in neither are reported as
  ``UNMATCHED``. The ``match`` column says which table classed each product.

``LDC99`` is UNCTAD's "unclassified"; both are reported, never dropped.

References
----------
Lall, S. (2000). The technological structure and performance of developing country
manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369, Table 1.
UNCTAD (2023). SITC Rev.3 products, by technological categories (Lall 2000), UNCTADstat.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import DataNotFoundError, ValidationError

if TYPE_CHECKING:  # annotations only: pandas and Ibis are imported on use (LALL_LABELS and LALL_TIERS without them)
    import pandas as pd
    from ibis import BaseBackend

__all__ = ["LALL_LABELS", "LALL_TIERS", "load_lall", "lall_shares", "read_lall_tables", "lall_classes"]

LALL_LABELS = {
    "LDC01": "Primary products",
    "LDC02": "Resource-based manufactures: agro-based",
    "LDC03": "Resource-based manufactures: other",
    "LDC04": "Low technology: textile, garment and footwear",
    "LDC05": "Low technology: other products",
    "LDC06": "Medium technology: automotive",
    "LDC07": "Medium technology: process",
    "LDC08": "Medium technology: engineering",
    "LDC09": "High technology: electronic and electrical",
    "LDC10": "High technology: other",
    "LDC99": "Unclassified",
    "UNMATCHED": "Not in the HS-SITC correlation",
}

LALL_TIERS = {
    "LDC01": "Primary", "LDC02": "Resource-based", "LDC03": "Resource-based", "LDC04": "Low technology",
    "LDC05": "Low technology", "LDC06": "Medium technology", "LDC07": "Medium technology", "LDC08": "Medium technology",
    "LDC09": "High technology", "LDC10": "High technology", "LDC99": "Unclassified", "UNMATCHED": "Unclassified",
}


def _dir(data_dir: str | Path | None) -> Path:
    if data_dir is None:  # the family never looks for data itself (valuechain._data does, above it)
        raise DataNotFoundError("the Lall classification tables need the shared data folder: give data_dir= "
                                "(valuechain.datasets.shared_data_dir() finds it; set VALUECHAIN_DATA) or the classes table")
    d = Path(data_dir)
    if not (d / "lall_classification").is_dir():
        raise DataNotFoundError(f"the Lall classification tables are not found in {d}; set VALUECHAIN_DATA to the shared data folder")
    return d


@functools.lru_cache(maxsize=8)
def _tables(data_dir: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    import pandas as pd

    d = Path(data_dir)
    h12 = pd.read_csv(d / "lall_classification" / "lookup_hs6_lall.csv", dtype=str)
    s3 = pd.read_csv(d / "lall_classification" / "sitc3_3digit_to_lall_DERIVED.csv", dtype=str)
    h0 = pd.read_csv(d / "hs_sitc_concordance" / "hs0_sitc3.csv", dtype=str)
    h0 = h0.merge(s3, left_on="SITC3_3d", right_on="sitc3_3digit", how="left")
    h0 = h0.assign(lall_code=h0.lall_code.fillna("LDC99")).drop_duplicates("HS0_6d")
    a = pd.DataFrame({"product": h12.hs6.str.zfill(6), "sitc3": h12.sitc3, "lall_code": h12.lall_code, "match": "HS2012"})
    b = pd.DataFrame({"product": h0.HS0_6d.str.zfill(6), "sitc3": h0.SITC3_5d, "lall_code": h0.lall_code, "match": "HS1992"})
    return a.drop_duplicates("product"), b


def load_lall(hs_revision: str | None = "HS2012", *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The product → Lall class table for ``hs_revision``.

    ``data_dir`` is the shared data folder (``lall_classification/`` and
    ``hs_sitc_concordance/`` in it), e.g. ``valuechain.datasets.shared_data_dir()``; without
    it a :class:`~valuechain.errors.DataNotFoundError` says so.

    Parameters
    ----------
    hs_revision : str or None
        Revision of the product codes: ``"HS2012"`` (``"H4"``, the default) uses UNCTAD's
        HS2012 table; ``"HS1992"`` (``"H0"``) the HS1992 → SITC Rev.3 correlation; any other
        revision (``"HS2002"``, ``"HS2017"``, ...) looks each code up in the HS2012 table
        first, then in the HS1992 table (see the module docstring).
    data_dir : path, optional
        The shared data folder; required.

    Returns
    -------
    DataFrame
        ``product, sitc3, lall_code, label, tier, match`` (one row per HS6 code; ``match``
        names the table that classed it).

    Raises
    ------
    DataNotFoundError
        Without ``data_dir``, or when it has no ``lall_classification`` folder.
    ValidationError
        For a revision name that is not an HS revision.

    References
    ----------
    Lall, S. (2000). The technological structure and performance of developing country
    manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369, Table 1.
    UNCTAD (2023). SITC Rev.3 products, by technological categories (Lall 2000), UNCTADstat.

    Examples
    --------
    A data folder holding the three tables in their published layout (one row each here):

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for sub, name, text in [
    ...     ("lall_classification", "lookup_hs6_lall.csv", "hs6,sitc3,lall_code\\n870323,78120,LDC06\\n"),
    ...     ("lall_classification", "sitc3_3digit_to_lall_DERIVED.csv", "sitc3_3digit,lall_code\\n333,LDC01\\n"),
    ...     ("hs_sitc_concordance", "hs0_sitc3.csv", "HS0_6d,SITC3_5d,SITC3_3d\\n270900,33300,333\\n")]:
    ...     (d / sub).mkdir(exist_ok=True)
    ...     _ = (d / sub / name).write_text(text)
    >>> load_lall("HS2002", data_dir=d)[["product", "lall_code", "tier", "match"]]
      product lall_code               tier   match
    0  270900     LDC01            Primary  HS1992
    1  870323     LDC06  Medium technology  HS2012
    """
    import pandas as pd

    d = str(_dir(data_dir))
    h12, h0 = _tables(d)
    rev = (hs_revision or "HS2012").upper()
    if rev in ("HS2012", "H4"):
        out = h12
    elif rev in ("HS1992", "H0"):
        out = h0
    elif rev.startswith("HS") or rev.startswith("H") or rev == "SYNTHETIC":
        out = pd.concat([h12, h0[~h0["product"].isin(h12["product"])]], ignore_index=True)
    else:
        raise ValidationError(f"unknown HS revision {hs_revision!r}; use HS1992, HS2002, HS2012 ...")
    out = out.assign(label=out.lall_code.map(LALL_LABELS), tier=out.lall_code.map(LALL_TIERS))
    return out.sort_values("product").reset_index(drop=True)


def lall_shares(
    flows: Any,
    classes: pd.DataFrame | None = None,
    *,
    hs_revision: str | None = None,
    country: str | Sequence[str] | None = None,
    years: Any = None,
    con: BaseBackend | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Exports by Lall technology class: value and share of the exporter's total, by year.

    .. math:: s_{ckt} = 100\\,\\frac{\\sum_{p \\in k} x_{cpt}}{\\sum_p x_{cpt}}

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema (HS6 product codes).
    classes : DataFrame, optional
        ``product, lall_code`` (from :func:`load_lall`); default
        ``load_lall(hs_revision, data_dir=data_dir)``.
    hs_revision : str, optional
        Revision of the flows' product codes (for the default table).
    country : str or list of str, optional
        Exporter ISO3 code(s); default every exporter.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.
    data_dir : path, optional
        The shared data folder, for the default table (see :func:`load_lall`).

    Returns
    -------
    DataFrame
        ``year, exporter, lall_code, label, tier, value, share`` (share in percent); products
        not in the table are ``UNMATCHED`` (seed Figure 13).

    Raises
    ------
    DataNotFoundError
        Without ``classes``, when ``data_dir`` does not hold the Lall tables.

    References
    ----------
    Lall, S. (2000). The technological structure and performance of developing country
    manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369, Table 1.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2020, "exporter": "KAZ", "product": ["270900", "870323", "999999"],
    ...                       "value": [75.0, 20.0, 5.0]})
    >>> classes = pd.DataFrame({"product": ["270900", "870323"], "lall_code": ["LDC01", "LDC06"]})
    >>> lall_shares(flows, classes)[["lall_code", "tier", "value", "share"]]
       lall_code               tier  value  share
    0      LDC01            Primary   75.0   75.0
    1      LDC06  Medium technology   20.0   20.0
    2  UNMATCHED       Unclassified    5.0    5.0
    """
    import ibis

    from ..tables.trade.engine import backend_of, register_frame, to_pandas
    from ..tables.trade.flows import select_flows

    if classes is None:
        classes = load_lall(hs_revision, data_dir=data_dir)
    t = select_flows(flows, con=con, years=years, country=country)
    m = register_frame(classes[["product", "lall_code"]].rename(columns={"product": "_p"}).drop_duplicates("_p"),
                       con=backend_of(t))
    j = t.left_join(m, t["product"] == m._p)
    j = j.select("year", "exporter", "value", lall_code=ibis.coalesce(j.lall_code, ibis.literal("UNMATCHED")))
    g = j.group_by(["year", "exporter", "lall_code"]).aggregate(value=j.value.sum())
    w = ibis.window(group_by=[g.year, g.exporter])
    g = g.mutate(share=g.value / g.value.sum().over(w) * 100.0)
    out = to_pandas(g, sort=["exporter", "year", "lall_code"])
    out.insert(3, "label", out.lall_code.map(LALL_LABELS))
    out.insert(4, "tier", out.lall_code.map(LALL_TIERS))
    return out


#: strings pandas.read_csv reads as missing (the Lall tables are read as load_lall reads them)
_NA = frozenset({"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
                 "NA", "NULL", "NaN", "None", "n/a", "nan", "null"})


def read_lall_tables(data_dir: str | Path) -> tuple[list, list, list] | None:
    """The three tables :func:`load_lall` reads, without pandas: lists of row dicts of the
    columns it uses (missing values as pandas reads them: None).

    Parameters
    ----------
    data_dir : path
        The shared data folder (``lall_classification/``, ``hs_sitc_concordance/``).

    Returns
    -------
    (list, list, list) or None
        HS2012 -> Lall, SITC3 -> Lall and HS1992 -> SITC3 rows; None when one is unreadable.

    References
    ----------
    Lall, S. (2000). The technological structure and performance of developing country
    manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> h12, s3, h0 = read_lall_tables(shared_data_dir())
    >>> sorted(h12[0])
    ['hs6', 'lall_code']
    """
    data_dir = Path(data_dir)
    def read(path: Path, cols: tuple[str, ...]) -> list[dict[str, str | None]]:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = csv.reader(fh)
            head = next(rows, [])
            at = [(c, head.index(c)) for c in cols if c in head]
            na = _NA
            return [{c: (None if row[i] in na else row[i]) if i < len(row) else None for c, i in at} for row in rows]

    try:
        return (read(data_dir / "lall_classification" / "lookup_hs6_lall.csv", ("hs6", "lall_code")),
                read(data_dir / "lall_classification" / "sitc3_3digit_to_lall_DERIVED.csv", ("sitc3_3digit", "lall_code")),
                read(data_dir / "hs_sitc_concordance" / "hs0_sitc3.csv", ("HS0_6d", "SITC3_3d")))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def lall_classes(data_dir: str | Path, rev: str | None, tables: tuple[list, list, list] | None = None
                 ) -> dict[str, str | None] | None:
    """product -> Lall code as :func:`load_lall` builds it, without pandas (None: let it decide).

    The same rules as :func:`load_lall` (``tests/trade/test_lall.py`` compares the two on the
    shared data folder for every revision).

    Parameters
    ----------
    data_dir : path
        The shared data folder.
    rev : str or None
        The HS revision (default HS2012).
    tables : (list, list, list), optional
        The tables as :func:`read_lall_tables` reads them (read now when not given).

    Returns
    -------
    dict or None
        Product code -> Lall code (None for a product the tables leave unclassified); None
        when :func:`load_lall` must decide (an unknown revision, an unreadable table, an order
        it alone settles).

    References
    ----------
    Lall, S. (2000). The technological structure and performance of developing country
    manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> c = lall_classes(shared_data_dir(), "HS2012")
    >>> c["270900"], LALL_LABELS[c["270900"]]  # crude petroleum: a primary product
    ('LDC01', 'Primary products')
    """
    r = (rev or "HS2012").upper()
    if not (r in ("HS2012", "H4", "HS1992", "H0") or r.startswith("H") or r == "SYNTHETIC"):
        return None  # load_lall raises its own error
    tables = tables if tables is not None else read_lall_tables(data_dir)
    if tables is None:
        return None
    h12, s3, h0 = tables
    if any(row.get("hs6") is None for row in h12) or any(row.get("HS0_6d") is None for row in h0):
        return None
    a: dict[str, str | None] = {}
    for row in h12:
        a.setdefault(row["hs6"].zfill(6), row.get("lall_code"))
    s3m: dict[str, list[str | None]] = {}
    for row in s3:
        s3m.setdefault(row.get("sitc3_3digit"), []).append(row.get("lall_code"))
    b: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in h0:  # merge (left), fillna LDC99, drop_duplicates on the raw code: the first match
        raw = row["HS0_6d"]
        if raw in seen:
            continue
        seen.add(raw)
        codes = s3m.get(row.get("SITC3_3d")) if row.get("SITC3_3d") is not None else None
        code = codes[0] if codes else None
        b.append((raw.zfill(6), code if code is not None else "LDC99"))
    if r in ("HS2012", "H4"):
        return a
    if len({p for p, _ in b}) != len(b):
        return None  # two raw codes pad to one product: load_lall's order decides; let it
    if r in ("HS1992", "H0"):
        return dict(b)
    out = dict(a)
    for p, code in b:
        out.setdefault(p, code)
    return out
