r"""From traded products to industries: HS6 → ISIC Rev.4 divisions and OECD ICIO's 50 industries.

Concordances are data, read from ``../shared/data/hs_isic_concordance`` (see its
PROVENANCE.md; every table is an official UN / OECD one):

=========================  ===================================================  ============
HS revision of the flows   concordance                                          key column
=========================  ===================================================  ============
HS2012                     UNSD HS2012 → ISIC Rev.4 (4-digit, 1:1)              ``isic4_code``
HS2017                     UNSD HS2017 → ISIC Rev.4 (4-digit, 1:1)              ``isic4_code``
HS1992, HS1996, HS2002,    OECD BTDIxE key, ISIC Rev.4-based groups (1:1)       ``Desci4``
HS2007
=========================  ===================================================  ============

A product maps to an ISIC division (``to="isic4"``) or an ICIO industry (``to="icio50"``,
OECD codes ``A01`` … ``T``; basic metals split into ``C24A`` iron and steel and ``C24B``
precious and non-ferrous metals, e.g. refined copper 740311 → ``C24B``; crude oil 270900 →
``B06``) when its concordance code identifies exactly one; codes that do not (BTDIxE
``Wastes``, ``Others``, ``Unallocated``, groups spanning several industries, codes absent
from the concordance) go to the ``unallocated`` row with the reason, never dropped.

Aggregates by industry: exports, share, number of products, and where world totals are
available the industry's Balassa RCA
:math:`RCA_i = (\sum_{p\in i} x_{cp} / X_c) / (\sum_{p \in i} W_p / W)`, and from the product
space the mean PCI of the products exported, the number exported with RCA ≥ 1 and the
country's opportunities in the industry. :func:`cluster_bridge` groups the same products by
factor-analysis clusters given as a mapping cluster → industries.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from ..results import ResultMixin, identity_row

if TYPE_CHECKING:  # annotations only
    from .opportunities import OpportunitiesResult
    from .productspace import ProductSpaceResult

__all__ = [
    "HS_REVISIONS",
    "ICIO50",
    "BridgeResult",
    "cluster_bridge",
    "industry_bridge",
    "isic4_divisions",
    "isic_to_icio50",
    "product_industries",
    "read_concordance",
]

HS_REVISIONS = ("HS1992", "HS1996", "HS2002", "HS2007", "HS2012", "HS2017")
_BTDIXE_VERSION = {"HS1992": "0", "HS1996": "1", "HS2002": "2", "HS2007": "3", "HS2012": "4"}
UNALLOCATED = "unallocated"

#: OECD ICIO (2025 edition) industries: code -> name
ICIO50: dict[str, str] = {
    "A01": "Agriculture and hunting", "A02": "Forestry and logging", "A03": "Fishing and aquaculture",
    "B05": "Mining of coal and lignite", "B06": "Extraction of crude petroleum and natural gas",
    "B07": "Mining of metal ores", "B08": "Other mining and quarrying", "B09": "Mining support service activities",
    "C10T12": "Food products, beverages and tobacco", "C13T15": "Textiles, wearing apparel, leather",
    "C16": "Wood and products of wood and cork", "C17_18": "Paper products and printing",
    "C19": "Coke and refined petroleum products", "C20": "Chemicals and chemical products",
    "C21": "Pharmaceutical products", "C22": "Rubber and plastic products",
    "C23": "Other non-metallic mineral products", "C24A": "Basic iron and steel",
    "C24B": "Basic precious and other non-ferrous metals", "C25": "Fabricated metal products",
    "C26": "Computer, electronic and optical products", "C27": "Electrical equipment",
    "C28": "Machinery and equipment n.e.c.", "C29": "Motor vehicles, trailers and semi-trailers",
    "C301": "Building of ships and boats", "C302T309": "Other transport equipment",
    "C31T33": "Furniture and other manufacturing", "D": "Electricity, gas, steam and air conditioning",
    "E": "Water supply, sewerage, waste management", "F": "Construction", "G": "Wholesale and retail trade",
    "H49": "Land transport and pipelines", "H50": "Water transport", "H51": "Air transport",
    "H52": "Warehousing and support for transportation", "H53": "Postal and courier activities",
    "I": "Accommodation and food services", "J58T60": "Publishing, audiovisual and broadcasting",
    "J61": "Telecommunications", "J62_63": "IT and other information services", "K": "Financial and insurance",
    "L": "Real estate", "M": "Professional, scientific and technical", "N": "Administrative and support services",
    "O": "Public administration and defence", "P": "Education", "Q": "Human health and social work",
    "R": "Arts, entertainment and recreation", "S": "Other service activities", "T": "Households as employers",
}

# ISIC Rev.4 division -> ICIO50 industry (24 and 30 need the group / class: see isic_to_icio50)
_DIV_RANGES = [
    ("01", "01", "A01"), ("02", "02", "A02"), ("03", "03", "A03"), ("05", "05", "B05"), ("06", "06", "B06"),
    ("07", "07", "B07"), ("08", "08", "B08"), ("09", "09", "B09"), ("10", "12", "C10T12"), ("13", "15", "C13T15"),
    ("16", "16", "C16"), ("17", "18", "C17_18"), ("19", "19", "C19"), ("20", "20", "C20"), ("21", "21", "C21"),
    ("22", "22", "C22"), ("23", "23", "C23"), ("25", "25", "C25"), ("26", "26", "C26"), ("27", "27", "C27"),
    ("28", "28", "C28"), ("29", "29", "C29"), ("31", "33", "C31T33"), ("35", "35", "D"), ("36", "39", "E"),
    ("41", "43", "F"), ("45", "47", "G"), ("49", "49", "H49"), ("50", "50", "H50"), ("51", "51", "H51"),
    ("52", "52", "H52"), ("53", "53", "H53"), ("55", "56", "I"), ("58", "60", "J58T60"), ("61", "61", "J61"),
    ("62", "63", "J62_63"), ("64", "66", "K"), ("68", "68", "L"), ("69", "75", "M"), ("77", "82", "N"),
    ("84", "84", "O"), ("85", "85", "P"), ("86", "88", "Q"), ("90", "93", "R"), ("94", "96", "S"), ("97", "98", "T"),
]
_DIV_TO_ICIO = {f"{d:02d}": code for a, b, code in _DIV_RANGES for d in range(int(a), int(b) + 1)}


def isic_to_icio50(code: str) -> str | None:
    """ICIO50 industry of an ISIC Rev.4 code (division, group or class); None when not unique.

    Divisions 24 (basic metals) and 30 (other transport equipment) are split in the OECD
    ICIO (2023 edition, 50 industries); their industry needs the group or class.

    Parameters
    ----------
    code : str
        An ISIC Rev.4 division (2 digits), group (3) or class (4).

    Returns
    -------
    str or None
        The ICIO50 industry code; None when the code is not 2-4 digits, its division is not
        mapped, or the division alone does not decide a split industry.

    References
    ----------
    .. [1] OECD (2023). *OECD Inter-Country Input-Output Tables*, 2023 release: industry list
       (ISIC Rev.4 correspondence). OECD, Paris.

    Examples
    --------
    >>> isic_to_icio50("0610"), isic_to_icio50("2420"), isic_to_icio50("2410"), isic_to_icio50("3011")
    ('B06', 'C24B', 'C24A', 'C301')
    >>> isic_to_icio50("24") is None   # iron and steel or non-ferrous: not known from the division
    True
    """
    c = str(code).strip()
    if not re.fullmatch(r"\d{2,4}", c):
        return None
    div = c[:2]
    if div == "24":
        if c[:3] == "241" or c == "2431":
            return "C24A"
        if c[:3] == "242" or c == "2432":
            return "C24B"
        return None
    if div == "30":
        if len(c) < 3:
            return None
        return "C301" if c[:3] == "301" else "C302T309"
    return _DIV_TO_ICIO.get(div)


_GROUP_RE = re.compile(r"^D(\d{2,3})(?:T(\d{2,3})|A(\d)|X)?$")


def _btdixe_target(group: str, to: str) -> tuple[str | None, str]:
    """(industry, reason) of a BTDIxE Desci4 group such as D06, D241T31, D13T15, 'D17 used'."""
    g = str(group).strip()
    g = g.removesuffix(" used")
    special = {"D241T31": ("24", "C24A"), "D242T32": ("24", "C24B"), "D302A9": ("30", "C302T309"),
               "D301": ("30", "C301"), "D303": ("30", "C302T309"), "D304": ("30", "C302T309")}
    if g in special:
        div, icio = special[g]
        return (div if to == "isic4" else icio), ""
    m = _GROUP_RE.match(g)
    if not m:
        return None, f"BTDIxE group {group!r} (no ISIC industry)"
    a = m.group(1)
    b = m.group(2)
    lo = int(a[:2])
    hi = int(b[:2]) if b else lo
    divs = [f"{d:02d}" for d in range(lo, hi + 1)]
    if to == "isic4":
        return (divs[0], "") if len(divs) == 1 else (None, f"BTDIxE group {group!r} spans divisions {divs[0]}-{divs[-1]}")
    inds = {isic_to_icio50(a if len(a) == 3 and lo == hi else d) for d in divs}
    if len(inds) == 1 and None not in inds:
        return inds.pop(), ""
    return None, f"BTDIxE group {group!r} spans several ICIO industries"


def _folder(folder: str | os.PathLike | None) -> Path:
    if folder is None:  # the family never looks for data itself (valuechain._data does, above it)
        raise DataNotFoundError("the HS → industry concordances need their folder: give folder= (the shared data folder's "
                                "hs_isic_concordance; valuechain.datasets.shared_data_dir() finds it, or set VALUECHAIN_DATA)")
    p = Path(folder)
    if not p.is_dir():
        raise DataNotFoundError(f"concordance folder not found: {p}; check the path")
    return p


@functools.lru_cache(maxsize=16)
def _read_concordance_cached(hs: str, to: str, folder: str) -> pd.DataFrame:
    p = Path(folder)
    rows = []
    if hs in ("HS2012", "HS2017"):
        f = p / f"{hs.lower()}_isic4_unsd.csv"
        if not f.exists():
            raise DataNotFoundError(f"concordance file not found: {f}")
        u = pd.read_csv(f, dtype=str, keep_default_na=False)
        col = f"{hs.lower()}_6d"
        for prod, code, stan in zip(u[col], u["isic4_code"], u["oecd_stan_isic4"]):
            if to == "isic4":
                ind = code[:2] if re.fullmatch(r"\d{2,4}", code) else None
                why = "" if ind else f"ISIC code {code!r}"
            else:
                ind = isic_to_icio50(code)
                why = ""
                if ind is None:  # e.g. '24' alone: the OECD STAN group decides (D241T31 / D242T32)
                    ind, why = _btdixe_target(stan, to)
            rows.append((prod, ind, code, why, f"UNSD {hs} → ISIC Rev.4 (BEC5 correlation, 2018)"))
    elif hs in _BTDIXE_VERSION:
        f = p / "hs_all_isic4_oecd_btdixe_key.csv"
        if not f.exists():
            raise DataNotFoundError(f"concordance file not found: {f}")
        k = pd.read_csv(f, dtype=str, keep_default_na=False)
        k = k[(k["hs_version"] == _BTDIXE_VERSION[hs]) & (k["is_official_hs6"] == "True")]
        for prod, grp in zip(k["HS-6digit"], k["Desci4"]):
            ind, why = _btdixe_target(grp, to)
            rows.append((prod, ind, grp, why, f"OECD BTDIxE conversion key, {hs} → ISIC Rev.4 groups"))
    else:
        raise ValidationError(f"HS revision {hs!r} is not covered; use one of {', '.join(HS_REVISIONS)}")
    out = pd.DataFrame(rows, columns=["product", "industry", "source_code", "reason", "concordance"])
    return out.drop_duplicates("product")


def read_concordance(hs: str, *, to: str = "icio50", folder: str | os.PathLike | None = None) -> pd.DataFrame:
    r"""The HS6 → industry table: ``product, industry, source_code, reason, concordance``.

    ``industry`` is empty (None) where the code identifies no single industry; ``reason``
    says why. ``hs`` is the HS revision (``HS2002``, ``HS2012`` …), ``to`` is ``"isic4"``
    (ISIC Rev.4 divisions, two digits) or ``"icio50"`` (OECD ICIO codes ``A01`` … ``T``).

    Parameters
    ----------
    hs : str
        HS revision of the product codes: ``HS1992`` … ``HS2017`` (also ``H0`` … ``H5``,
        ``HS12``, ``2012``).
    to : {"icio50", "isic4"}
        Target classification (default ``"icio50"``).
    folder : str or path-like
        The concordance folder (``hs_isic_concordance`` of the shared data folder:
        ``hs2012_isic4_unsd.csv``, ``hs2017_isic4_unsd.csv`` and, for HS1992-HS2007,
        ``hs_all_isic4_oecd_btdixe_key.csv``). Required: the family never looks for data
        itself (``valuechain.datasets.shared_data_dir()`` finds it).

    Returns
    -------
    DataFrame
        One row per HS6 code: ``product`` (six digits), ``industry`` (None where no single
        industry), ``source_code`` (the concordance's ISIC code or BTDIxE group),
        ``reason`` (why no industry; empty otherwise) and ``concordance`` (its name). A
        copy of a cached table.

    Raises
    ------
    ValidationError
        If ``hs`` is not a covered revision or ``to`` is unknown.
    DataNotFoundError
        If ``folder`` is missing or not a folder, or the revision's concordance file is not
        in it.

    References
    ----------
    .. [1] United Nations Statistics Division (2018). *HS 2012 and HS 2017 to BEC Rev. 5
       correlation tables* (with ISIC Rev. 4 codes), version of 8 November 2018. UNSD, New
       York (``HS2012-17-BEC5 -- 08 Nov 2018.xlsx``).

    .. [2] OECD. *Bilateral Trade in Goods by Industry and End-use (BTDIxE), ISIC Rev. 4:
       HS to ISIC to end-use conversion key* (``ConversionKeyBTDIxE4PUB.xlsx``). OECD STAN,
       Directorate for Science, Technology and Innovation, Paris.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:   # three rows in the UNSD HS2012 layout
    ...     _ = (Path(folder) / "hs2012_isic4_unsd.csv").write_text(
    ...         "hs2012_6d,isic4_code,oecd_stan_isic4\n270900,0610,D06\n740311,2420,D242T32\n720110,24,D24\n")
    ...     conc = read_concordance("HS2012", to="icio50", folder=folder)
    >>> conc[["product", "industry", "source_code"]]
      product industry source_code
    0  270900      B06        0610
    1  740311     C24B        2420
    2  720110     None          24
    >>> conc.loc[2, "reason"]
    "BTDIxE group 'D24' spans several ICIO industries"
    """
    h = _hs_name(hs)
    if to not in ("isic4", "icio50"):
        raise ValidationError(f"to={to!r} is not known; use isic4 or icio50")
    return _read_concordance_cached(h, to, str(_folder(folder).resolve())).copy()


def isic4_divisions(folder: str | os.PathLike | None = None) -> dict[str, str]:
    """ISIC Rev.4 division code -> title, from the UN structure file in the concordance folder (``{}`` if absent).

    Parameters
    ----------
    folder : str or path-like, optional
        The concordance folder (``hs_isic_concordance`` of the shared data folder); its
        ``raw/ISIC_Rev_4_english_structure.txt`` is read. None gives ``{}``.

    Returns
    -------
    dict of str to str
        Two-digit division code -> description; ``{}`` when the file is absent.

    Raises
    ------
    DataNotFoundError
        If ``folder`` is given but is not a folder.

    References
    ----------
    .. [1] United Nations (2008). *International Standard Industrial Classification of All
       Economic Activities (ISIC), Revision 4*. Statistical Papers Series M No. 4/Rev.4.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (pathlib.Path(d) / "raw").mkdir()
    ...     _ = (pathlib.Path(d) / "raw" / "ISIC_Rev_4_english_structure.txt").write_text(
    ...         'Code,Description\\nB,Mining and quarrying\\n06,Extraction of crude petroleum and natural gas\\n')
    ...     divisions = isic4_divisions(d)
    >>> divisions
    {'06': 'Extraction of crude petroleum and natural gas'}
    >>> isic4_divisions(None)
    {}
    """
    if folder is None:
        return {}
    f = _folder(folder) / "raw" / "ISIC_Rev_4_english_structure.txt"
    if not f.exists():
        return {}
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df = df[df["Code"].str.fullmatch(r"\d{2}")]
    return dict(zip(df["Code"], df["Description"]))


def _hs_name(hs: str) -> str:
    s = str(hs).strip().upper().replace(" ", "")
    alias = {"H0": "HS1992", "H1": "HS1996", "H2": "HS2002", "H3": "HS2007", "H4": "HS2012", "H5": "HS2017",
             "HS92": "HS1992", "HS96": "HS1996", "HS02": "HS2002", "HS07": "HS2007", "HS12": "HS2012", "HS17": "HS2017"}
    s = alias.get(s, s)
    if re.fullmatch(r"\d{4}", s):
        s = "HS" + s
    if s not in HS_REVISIONS:
        raise ValidationError(f"HS revision {hs!r} is not covered; use one of {', '.join(HS_REVISIONS)}")
    return s


def product_industries(products: Iterable[str], concordance: pd.DataFrame, *, heading_fallback: bool = True) -> pd.DataFrame:
    """``product, industry, how, reason`` for each product.

    ``how`` is ``"code"`` (the concordance row of the code), ``"heading"`` (a code absent
    from the concordance, e.g. of another HS revision, whose 4-digit heading maps to one
    industry only; ``heading_fallback=True``) or ``"unmapped"``: those get the industry
    ``unallocated`` and a reason, never dropped.

    Parameters
    ----------
    products : iterable of str
        HS6 codes (a lost leading zero is restored).
    concordance : DataFrame
        ``product, industry, reason``: one row per HS6 code (``industry`` missing where the
        code maps to no single industry; ``reason`` says why).
    heading_fallback : bool, default True
        Map a code absent from the concordance by its 4-digit heading when every code of
        the heading maps to the same industry.

    Returns
    -------
    DataFrame
        ``product, industry, how, reason``, one row per product, in the order given.

    Examples
    --------
    >>> import pandas as pd
    >>> conc = pd.DataFrame({"product": ["270900", "080810", "080820"], "industry": ["B05T06", "A01", None],
    ...                      "reason": ["", "", "split between industries"]})
    >>> product_industries(["270900", "80810", "080890", "080820"], conc)[["product", "industry", "how"]]
      product     industry       how
    0  270900       B05T06      code
    1  080810          A01      code
    2  080890  unallocated  unmapped
    3  080820  unallocated  unmapped
    """
    p = pd.Series(list(products), dtype=object).astype(str).str.zfill(6)
    c = concordance.set_index("product")
    ind = p.map(c["industry"])
    why = p.map(c["reason"]).fillna("")
    absent = ~p.isin(c.index)
    how = np.where(absent, "unmapped", np.where(ind.isna(), "unmapped", "code"))
    why = why.where(~absent, "code not in the concordance (another HS revision?)")
    if heading_fallback and absent.any():
        h = concordance.assign(heading=concordance["product"].str[:4]).groupby("heading")["industry"]
        # the heading's industry where all its codes are mapped to the same one (vectorized: no Python call per heading)
        uniq = h.first().where((h.count() == h.size()) & (h.nunique() == 1))
        hi = p[absent].str[:4].map(uniq)
        ok = hi.notna()
        idx = hi[ok].index
        ind.loc[idx] = hi[ok]
        how[idx] = "heading"
        why.loc[idx] = "code not in the concordance; its heading " + p[idx].str[:4] + " maps to one industry"
    out = pd.DataFrame({"product": p.to_numpy(), "industry": ind.to_numpy(), "how": how, "reason": why.to_numpy()})
    out.loc[out["industry"].isna(), "industry"] = UNALLOCATED
    return out


@dataclass(frozen=True, eq=False)
class BridgeResult(ResultMixin):
    r"""Exports of one country by industry (``table``) and the product-level detail.

    Attributes
    ----------
    table : DataFrame
        ``industry, exports, share, n_products`` then, where available, ``rca,
        world_share, n_rca, pci_mean, pci_weighted, n_opportunities, best_opportunity``,
        and ``name``; an ``unallocated`` row for products without a single industry.
    products : DataFrame
        One row per exported product: ``product, industry, reason, exports`` (+ ``world``,
        ``mcp``, ``pci``, ``rank`` where available).
    unallocated : DataFrame
        The unallocated products with their reasons.
    country, year, to, hs : str, int, str, str
        The exporter, the year, the target classification and the HS revision.
    concordance : str
        Name of the concordance used.
    flags : tuple of str
        Provenance flags (e.g. ``"synthetic"``) carried from the input.
    params : dict
        The options used (``top``, ``world_hs``, ``folder``).

    Notes
    -----
    Industry RCA (Balassa 1965) where world totals are given:

    .. math:: RCA_i = \frac{\sum_{p \in i} x_{cp} / X_c}{\sum_{p \in i} W_p / W}

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.

    Examples
    --------
    >>> conc = pd.DataFrame({"product": ["270900", "740311"], "industry": ["B06", "C24B"],
    ...                      "source_code": ["0610", "2420"], "reason": "", "concordance": "hand-made"})
    >>> r = industry_bridge(pd.DataFrame({"product": ["270900", "740311"], "value": [75.0, 25.0]}),
    ...                     country="KAZ", year=2020, hs="HS2012", concordance=conc)
    >>> r.table[["industry", "exports", "share", "n_products"]]
      industry  exports  share  n_products
    0      B06     75.0   0.75           1
    1     C24B     25.0   0.25           1
    >>> r.identities_hold()
    True
    """

    table: pd.DataFrame
    products: pd.DataFrame
    unallocated: pd.DataFrame
    country: str
    year: int
    to: str
    hs: str
    concordance: str = ""
    flags: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    title = "Exports by industry (HS → industry bridge)"

    def _summary_lines(self) -> list[str]:
        u = self.table[self.table["industry"] == UNALLOCATED]
        share = float(u["share"].iloc[0]) if len(u) else 0.0
        return [(f"{self.country} {self.year}, {self.hs} → {self.to}: {len(self.table) - len(u)} industries; "
                f"unallocated {share:.2%} of exports ({len(self.unallocated)} products)"),
                f"concordance: {self.concordance}"]

    def _identity_rows(self) -> list[dict]:
        tot = self.products["exports"].sum()
        return [identity_row("industry exports sum to product exports", abs(self.table["exports"].sum() - tot), scale=max(tot, 1.0)),
                identity_row("shares sum to 1", abs(self.table["share"].sum() - 1.0)),
                identity_row("every product counted once", abs(self.table["n_products"].sum() - len(self.products)))]


def _aggregate(prod: pd.DataFrame, key: str, world: pd.DataFrame | None, top: int) -> pd.DataFrame:
    """Aggregate a product table (country's exports + optional world / pci / mcp / rank) by ``key``."""
    g = prod.groupby(key, sort=False)
    out = pd.DataFrame({"exports": g["exports"].sum(), "n_products": g["exports"].apply(lambda s: int((s > 0).sum()))})
    tot = prod["exports"].sum()
    out["share"] = out["exports"] / tot if tot > 0 else np.nan
    if world is not None:
        wg = world.groupby(key)["world"].sum()
        W = world["world"].sum()
        out["world_share"] = wg.reindex(out.index) / W
        out["rca"] = out["share"] / out["world_share"]
    if "mcp" in prod.columns:
        out["n_rca"] = g["mcp"].sum().astype(int)
    if "pci" in prod.columns:
        ex = prod[prod["exports"] > 0]
        out["pci_mean"] = ex.groupby(key)["pci"].mean()
        wsum = ex.assign(w=ex["pci"] * ex["exports"]).groupby(key)
        out["pci_weighted"] = wsum["w"].sum() / wsum["exports"].sum().where(wsum["exports"].sum() > 0)
    if world is not None and "rank" in world.columns:
        cand = world[world["rank"].notna() & (world["rank"] <= top)]
        out["n_opportunities"] = cand.groupby(key).size().reindex(out.index).fillna(0).astype(int)
        best = cand.sort_values("rank").groupby(key).first()
        lab = best["name"].where(best["name"].astype(str).str.len() > 0, best["product"]) if "name" in best else best["product"]
        out["best_opportunity"] = lab.reindex(out.index)
        missing = sorted(set(cand[key]) - set(out.index))  # industries with opportunities but no exports yet
        if missing:
            extra = pd.DataFrame(index=pd.Index(missing, name=key))
            extra["exports"] = 0.0
            extra["n_products"] = 0
            extra["share"] = 0.0
            extra["world_share"] = wg.reindex(extra.index) / W
            extra["rca"] = 0.0
            extra["n_opportunities"] = cand.groupby(key).size().reindex(extra.index).astype(int)
            extra["best_opportunity"] = lab.reindex(extra.index)
            out = pd.concat([out, extra])
    out.index.name = key
    cols = ["exports", "share", "n_products"] + [c for c in ("rca", "world_share", "n_rca", "pci_mean", "pci_weighted",
                                                             "n_opportunities", "best_opportunity") if c in out.columns]
    out = out[cols].reset_index()
    last = out[key] == UNALLOCATED
    out = pd.concat([out[~last].sort_values("exports", ascending=False), out[last]], ignore_index=True)
    return out


def industry_bridge(
    exports: pd.DataFrame,
    *,
    country: str,
    year: int,
    to: str = "icio50",
    hs: str,
    world: pd.DataFrame | None = None,
    space: ProductSpaceResult | None = None,
    opportunities: OpportunitiesResult | None = None,
    top: int = 100,
    concordance: pd.DataFrame | None = None,
    folder: str | os.PathLike | None = None,
    world_hs: str | None = None,
) -> BridgeResult:
    r"""Map one country's product exports to industries.

    Parameters
    ----------
    exports : DataFrame
        ``product, value`` (or ``year, exporter, product, value`` rows of several exporters;
        the country's rows of ``year`` are used).
    country, year : str, int
        The exporter (ISO3 code) and the year.
    to : {"isic4", "icio50"}
        Target classification: ISIC Rev.4 divisions or OECD ICIO industries (default).
    hs : str
        HS revision of the product codes (``HS1992`` … ``HS2017``).
    world : DataFrame, optional
        World exports by product ``product, value`` (for industry RCA).
    space : ProductSpaceResult, optional
        For PCI and Mcp of the country's products.
    opportunities : OpportunitiesResult, optional
        For the number of opportunities (rank ≤ ``top``) and the best one in each industry.
    top : int
        Opportunities ranked up to ``top`` count (default 100).
    concordance : DataFrame, optional
        From :func:`read_concordance` (default: read for ``hs`` and ``to`` from ``folder``).
    folder : str or path-like, optional
        The concordance folder (needed unless ``concordance`` is given and ``world_hs`` is
        the same revision); for ISIC names too.
    world_hs : str, optional
        HS revision of ``world`` and of the product space / opportunities when it differs from
        ``hs`` (e.g. HS2002 exports of one country, HS2012 world totals of a panel): each
        side is mapped with its own concordance and they meet at the industry level; PCI
        and Mcp of the country's products are joined by identical code.

    Returns
    -------
    BridgeResult
        ``table``: ``industry, exports, share, n_products`` (+ ``rca, world_share`` with
        ``world``; ``n_rca, pci_mean, pci_weighted`` with ``space``; ``n_opportunities,
        best_opportunity`` with ``opportunities``), ``name``; the ``unallocated`` row last.

    Raises
    ------
    ValidationError
        If ``to`` or ``hs`` is unknown, or ``exports`` has no positive rows of ``country``
        in ``year``.
    DataNotFoundError
        If a concordance must be read and ``folder`` or its file is missing.

    Notes
    -----
    .. math:: RCA_i = \frac{\sum_{p \in i} x_{cp} / X_c}{\sum_{p \in i} W_p / W}

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:   # three rows in the UNSD HS2012 layout
    ...     _ = (Path(folder) / "hs2012_isic4_unsd.csv").write_text(
    ...         "hs2012_6d,isic4_code,oecd_stan_isic4\n270900,0610,D06\n740311,2420,D242T32\n720110,24,D24\n")
    ...     conc = read_concordance("HS2012", to="icio50", folder=folder)
    >>> x = pd.DataFrame({"product": ["270900", "740311", "720110"], "value": [60.0, 30.0, 10.0]})
    >>> world = pd.DataFrame({"product": ["270900", "740311", "720110"], "value": [300.0, 600.0, 100.0]})
    >>> r = industry_bridge(x, country="KAZ", year=2020, hs="HS2012", world=world, concordance=conc)
    >>> r.table[["industry", "exports", "share", "rca"]]
          industry  exports  share  rca
    0          B06     60.0    0.6  2.0
    1         C24B     30.0    0.3  0.5
    2  unallocated     10.0    0.1  1.0
    """
    if to not in ("isic4", "icio50"):
        raise ValidationError(f"to={to!r} is not known; use isic4 or icio50")
    hs = _hs_name(hs)
    country = str(country).upper()
    conc = concordance if concordance is not None else read_concordance(hs, to=to, folder=folder)
    x = exports
    if "exporter" in x.columns:
        x = x[(x["exporter"].astype(str).str.upper() == country) & ((x["year"] == int(year)) if "year" in x.columns else True)]
    if x.empty:
        raise ValidationError(f"no exports of {country} in {year}; check the country code and the year")
    x = x.assign(product=x["product"].astype(str).str.zfill(6)).groupby("product", as_index=False)["value"].sum()
    x = x[x["value"] > 0]
    pi = product_industries(x["product"], conc)
    prod = pi.assign(exports=x["value"].to_numpy())
    w = None
    if world is not None:
        wv = world.assign(product=world["product"].astype(str).str.zfill(6))
        if "year" in wv.columns:
            wv = wv[wv["year"] == int(year)]
        wv = wv.groupby("product", as_index=False)["value"].sum().rename(columns={"value": "world"})
        conc_w = conc if world_hs is None or _hs_name(world_hs) == hs else read_concordance(world_hs, to=to, folder=folder)
        w = product_industries(wv["product"], conc_w).assign(world=wv["world"].to_numpy())
    if space is not None:
        y = int(year)
        st = space.table[(space.table["year"] == y) & (space.table["country"] == country)][["product", "mcp"]]
        pp = space.products[space.products["year"] == y][["product", "pci"]]
        prod = prod.merge(st, on="product", how="left").merge(pp, on="product", how="left")
        prod["mcp"] = prod["mcp"].fillna(0).astype(int)
    if opportunities is not None and w is not None:
        o = opportunities.table[["product", "name", "rank"]]
        w = w.merge(o, on="product", how="left")
    table = _aggregate(prod, "industry", w, top)
    if to == "icio50":
        table["name"] = table["industry"].map(ICIO50).fillna("")
    else:
        table["name"] = table["industry"].map(isic4_divisions(folder)).fillna("")
    table.loc[table["industry"] == UNALLOCATED, "name"] = "products without a single industry in the concordance"
    un = prod[prod["industry"] == UNALLOCATED][["product", "reason", "exports"]].sort_values("exports", ascending=False)
    return BridgeResult(table=table, products=prod, unallocated=un.reset_index(drop=True), country=country, year=int(year),
                        to=to, hs=hs, concordance=str(conc["concordance"].iloc[0]) if len(conc) else "",
                        params={"top": top, "world_hs": _hs_name(world_hs) if world_hs else hs,
                                **({"folder": str(folder)} if folder is not None else {})})


def cluster_bridge(result: BridgeResult, clusters: Mapping[str, Iterable[str]], *, world: pd.DataFrame | None = None,
                   opportunities: OpportunitiesResult | None = None, top: int | None = None,
                   folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Exports, shares, RCA, PCI and opportunities by factor-analysis cluster.

    ``clusters`` maps a cluster name to its industries (codes of ``result.to``). Industries in
    no cluster form the row ``not in a cluster``; unallocated products stay ``unallocated``.
    An industry in two clusters is an error (the products would be counted twice). ``folder``
    (the concordance folder, for ``world``) defaults to the one ``result`` was built with.

    Parameters
    ----------
    result : BridgeResult
        From :func:`industry_bridge`.
    clusters : mapping cluster name -> industries
        E.g. ``{"energy": ["B05", "B06", "C19"]}`` (the clusters of a
        :class:`~valuechain.ClusterAnalysis`, or chosen by hand).
    world : DataFrame, optional
        World exports by product ``product, value`` (for cluster RCA; read with the
        concordance of ``result``'s ``world_hs``).
    opportunities : OpportunitiesResult, optional
        For the number of opportunities (rank ≤ ``top``) and the best one in each cluster
        (needs ``world``).
    top : int, optional
        Default: the ``top`` ``result`` was built with (100).
    folder : str or path-like, optional
        The concordance folder (for ``world``); default the one of ``result``.

    Returns
    -------
    DataFrame
        One row per cluster (``not in a cluster`` and ``unallocated`` last): ``cluster,
        exports, share, n_products`` (+ ``rca, world_share``, ``n_rca, pci_mean,
        pci_weighted``, ``n_opportunities, best_opportunity`` where available) and
        ``industries``.

    Raises
    ------
    ValidationError
        If an industry is in two clusters.
    DataNotFoundError
        If ``world`` is given and the concordance folder or file is missing.

    Examples
    --------
    >>> conc = pd.DataFrame({"product": ["270900", "740311", "271000"], "industry": ["B06", "C24B", "C19"],
    ...                      "source_code": ["0610", "2420", "1920"], "reason": "", "concordance": "hand-made"})
    >>> x = pd.DataFrame({"product": ["270900", "740311", "271000"], "value": [60.0, 30.0, 10.0]})
    >>> r = industry_bridge(x, country="KAZ", year=2020, hs="HS2012", concordance=conc)
    >>> cluster_bridge(r, {"energy": ["B06", "C19"]})[["cluster", "exports", "share", "industries"]]
                cluster  exports  share industries
    0            energy     70.0    0.7   B06, C19
    1  not in a cluster     30.0    0.3
    """
    owner: dict[str, str] = {}
    for name, inds in clusters.items():
        for i in inds:
            if i in owner and owner[i] != name:
                raise ValidationError(f"industry {i} is in both clusters {owner[i]!r} and {name!r}; put it in one")
            owner[str(i)] = str(name)

    def lab(ind: str) -> str:
        return UNALLOCATED if ind == UNALLOCATED else owner.get(ind, "not in a cluster")

    prod = result.products.assign(cluster=result.products["industry"].map(lab))
    w = None
    if world is not None:
        w = world.assign(product=world["product"].astype(str).str.zfill(6))
        if "year" in w.columns:
            w = w[w["year"] == result.year]
        w = w.groupby("product", as_index=False)["value"].sum().rename(columns={"value": "world"})
        conc = read_concordance(result.params.get("world_hs", result.hs), to=result.to, folder=folder or result.params.get("folder"))
        w = product_industries(w["product"], conc).assign(world=w["world"].to_numpy())
        w["cluster"] = w["industry"].map(lab)
        if opportunities is not None:
            w = w.merge(opportunities.table[["product", "name", "rank"]], on="product", how="left")
    out = _aggregate(prod, "cluster", w, top or result.params.get("top", 100))
    out["industries"] = out["cluster"].map(lambda c: ", ".join(sorted(i for i, n in owner.items() if n == c)))
    return out
