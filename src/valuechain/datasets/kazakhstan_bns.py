r"""East Kazakhstan's size by industry from official BNS gross value added by OKED section.

Reads ``kz_bns_regional_gva_employment/`` of the real data folder (Bureau of National
Statistics: GVA by region × OKED section 2010–2025, employment by region in three groups).
BNS publishes no regional employment or output by industry, so the size measure used for
location quotients is **gross value added by section**, spread over the industries of a
finer table (e.g. the 50 OECD ICIO industries, whose codes begin with the OKED = ISIC
section letter) in proportion to national output:

.. math:: s^r_i = GVA^r_{S(i)} \, \frac{x_i}{\sum_{j \in S(i)} x_j}, \qquad
          s^n_i = GVA^n_{S(i)} \, \frac{x_i}{\sum_{j \in S(i)} x_j}

so the simple location quotient of every industry is its section's GVA quotient
:math:`(GVA^r_S/GVA^r)/(GVA^n_S/GVA^n)`: **industries inside one section share its
quotient** (an estimate; flagged). Totals are over sections A–T (net taxes and FISIM left out).
An industry whose section BNS does not publish (T, households as employers, in 2022) gets
a national size proportional to its output and a location quotient of 1.

Borders: Abai oblast was split from East Kazakhstan (VKO) in 2022. ``borders="pre2022"``
(default) adds Abai (ABY) back to VKO, i.e. the oblast of the regional-clusters seed
study; ``borders="current"`` uses VKO alone. The default year is 2022, the year of the OECD
ICIO table.

References
----------
Bureau of National Statistics, Agency for Strategic Planning and Reforms of the Republic of
Kazakhstan (stat.gov.kz), gross regional product by type of economic activity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from ..errors import ValidationError

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    import os

__all__ = ["regional_gva_size", "employment_crosscheck", "section_gva_table", "bns_gva_long", "BNS_FOLDER", "SECTION_FLAG", "REGION_NAMES",
           "OKED_SECTIONS", "BNS_REGION_NAMES"]

BNS_FOLDER = "kz_bns_regional_gva_employment"
SECTION_FLAG = ("estimated: regional size is BNS gross value added by OKED section, split over the industries of a "
                "section in proportion to national output (industries in one section share its location quotient)")
REGION_NAMES = {"VKO": "East Kazakhstan", "ABY": "Abai"}
#: BNS region codes (PROVENANCE.md of the folder) -> English names.
BNS_REGION_NAMES = {
    "AKM": "Akmola", "AKT": "Aktobe", "ALM": "Almaty oblast", "ATY": "Atyrau", "ZKO": "West Kazakhstan", "ZHM": "Zhambyl",
    "KRG": "Karaganda", "KST": "Kostanay", "KZL": "Kyzylorda", "MNG": "Mangystau", "PVL": "Pavlodar", "SKO": "North Kazakhstan",
    "VKO": "East Kazakhstan", "AST": "Astana", "ALA": "Almaty city", "SHM": "Shymkent", "YKO": "South Kazakhstan",
    "TRK": "Turkistan", "ABY": "Abai", "ZHT": "Zhetisu", "ULT": "Ulytau", "national": "Kazakhstan",
}
_GVA = "gva_by_region_oked_section_2010_2025_mln_kzt.csv"
_EMP = "employment_by_region_3sectors_2016_2025_persons.csv"
_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRST")
#: OKED (= NACE Rev. 2) sections, short English names.
OKED_SECTIONS = {
    "A": "Agriculture, forestry and fishing", "B": "Mining and quarrying", "C": "Manufacturing",
    "D": "Electricity, gas and steam", "E": "Water supply and waste", "F": "Construction", "G": "Wholesale and retail trade",
    "H": "Transport and storage", "I": "Accommodation and food", "J": "Information and communication",
    "K": "Finance and insurance", "L": "Real estate", "M": "Professional and scientific", "N": "Administrative services",
    "O": "Public administration", "P": "Education", "Q": "Health and social work", "R": "Arts and recreation",
    "S": "Other services", "T": "Households as employers",
}
_GROUPS = {"A_agriculture_forestry_fishing": ("Agriculture, forestry, fishing", "A"),
           "BCDEF_industry_and_construction": ("Industry and construction", "BCDEF"),
           "G_to_U_services": ("Services", "GHIJKLMNOPQRST")}


def _folder(data_dir) -> Path:
    d = Path(data_dir)
    if (d / BNS_FOLDER).is_dir():
        d = d / BNS_FOLDER
    if not (d / _GVA).is_file():
        raise ValidationError(f"{d} does not hold the BNS regional GVA file {_GVA}; give the real data folder")
    return d


def _codes(region: str, borders: str) -> list[str]:
    if borders not in ("pre2022", "current"):
        raise ValidationError(f"borders = {borders!r}; use 'pre2022' (VKO + Abai) or 'current'")
    return ["VKO", "ABY"] if (region == "VKO" and borders == "pre2022") else [region]


def _gva(d: Path, region: str, year: int, borders: str) -> pd.DataFrame:
    g = pd.read_csv(d / _GVA)
    g = g[(g["year"] == year) & g["item_code"].isin(_SECTIONS)]
    if g.empty:
        raise ValidationError(f"BNS GVA has no sections for {year}; use a year in 2014-2025")
    reg = g[g["region"].isin(_codes(region, borders))].groupby("item_code")["gva_mln_kzt"].sum()
    nat = g[g["region"] == "national"].set_index("item_code")["gva_mln_kzt"]
    if reg.empty:
        raise ValidationError(f"region {region!r} has no BNS GVA in {year}; use an oblast code such as VKO")
    return pd.DataFrame({"region": reg, "national": nat}).fillna(0.0)


def regional_gva_size(data_dir: str | os.PathLike, industries: Mapping[str, str], output: Mapping[str, float], *,
                      region: str = "VKO", year: int = 2022, borders: str = "pre2022",
                      label: str = "East Kazakhstan") -> pd.DataFrame:
    """A long size frame (``industry, region, employment``) for :func:`valuechain.regional.employment_vectors`.

    Parameters
    ----------
    data_dir : path
        The real data folder or its ``kz_bns_regional_gva_employment/`` subfolder.
    industries : mapping
        Industry label -> OKED section letter (or a code beginning with it, e.g. ``"C24A"``).
    output : mapping
        Industry label -> national gross output (the weights that split a section).
    region, year, borders, label
        BNS region code, year, border definition (see the module notes) and the name
        given to the region in the frame.

    Returns
    -------
    DataFrame
        Columns ``industry, region, employment`` (the column is called employment because
        that is the regional family's input; the values are million KZT of GVA), rows for
        ``label`` and ``"national"``; ``attrs`` hold ``flags``, ``source``, ``unit``.

    Raises
    ------
    ValidationError
        If ``data_dir`` does not hold the BNS regional GVA file (the message names it). or the region, year or a section is unknown.

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> g = regional_gva_size(d, {"Mining": "B", "Metals": "C24A"}, {"Mining": 10.0, "Metals": 5.0}) if d else None
    >>> g is None or sorted(g.region.unique()) == ["East Kazakhstan", "national"]
    True
    """
    d = _folder(data_dir)
    gva = _gva(d, region, year, borders)
    sec = {i: str(c)[0].upper() for i, c in industries.items()}
    out = pd.Series({i: float(output[i]) for i in industries})
    sec_out = out.groupby(pd.Series(sec)).sum()
    w = pd.Series({i: (out[i] / sec_out[s] if sec_out.get(s, 0) > 0 else 0.0) for i, s in sec.items()})
    tot_r, tot_n = float(gva["region"].sum()), float(gva["national"].sum())
    x_tot = float(out.sum())
    rows, unpublished = [], []
    for i, s in sec.items():
        gn = float(gva["national"].get(s, 0.0))
        if gn > 0:
            nat, reg = gn * float(w[i]), float(gva["region"].get(s, 0.0)) * float(w[i])
        else:  # a section BNS does not publish (e.g. T, households as employers): quotient 1
            unpublished.append(i)
            nat = tot_n * float(out[i]) / x_tot if x_tot > 0 else 0.0
            reg = nat * tot_r / tot_n
        rows += [(i, label, reg), (i, "national", nat)]
    df = pd.DataFrame(rows, columns=["industry", "region", "employment"])
    df.attrs["unpublished"] = unpublished
    df.attrs["section_of"] = dict(sec)
    df.attrs["section_names"] = dict(OKED_SECTIONS)
    which = "East Kazakhstan and Abai (the pre-2022 oblast)" if _codes(region, borders) == ["VKO", "ABY"] else region
    df.attrs.update(flags=[SECTION_FLAG], unit="million KZT of gross value added",
                    source=f"BNS gross value added by OKED section, {which}, {year}")
    return df


def employment_crosscheck(data_dir: str | os.PathLike, *, region: str = "VKO", year: int = 2022, borders: str = "pre2022") -> pd.DataFrame:
    """The region's share of national employment and of national GVA in the three BNS groups (%).

    Employment by region is published only in three groups (agriculture; industry and
    construction; services); GVA by section is summed to the same groups. Similar shares
    mean the GVA-based size measure and employment tell the same story.

    Parameters
    ----------
    data_dir : str or PathLike
        The real data folder or its ``kz_bns_regional_gva_employment/`` subfolder.
    region : str, default "VKO"
        BNS region code (East Kazakhstan).
    year : int, default 2022
        Data year.
    borders : str, default "pre2022"
        Border definition (see the module notes).

    Returns
    -------
    DataFrame
        ``group, employed, employment_share, gva_share`` for the three BNS groups and
        ``All`` (persons; shares in per cent of the national total).

    Raises
    ------
    ValidationError
        If ``data_dir`` does not hold the BNS regional GVA file (the message names it).

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> x = employment_crosscheck(d) if d else None
    >>> x is None or list(x.columns) == ["group", "employed", "employment_share", "gva_share"]
    True
    """
    d = _folder(data_dir)
    gva = _gva(d, region, year, borders)
    e = pd.read_csv(d / _EMP)
    e = e[e["year"] == year]
    codes = _codes(region, borders)
    rows = []
    for key, (name, secs) in _GROUPS.items():
        g = e[e["sector_group"] == key]
        er = float(g[g["region"].isin(codes)]["employed_persons"].sum())
        en = float(g[g["region"] == "national"]["employed_persons"].sum())
        gr = float(gva.loc[gva.index.isin(list(secs)), "region"].sum())
        gn = float(gva.loc[gva.index.isin(list(secs)), "national"].sum())
        rows.append((name, er, 100 * er / en if en else float("nan"), 100 * gr / gn if gn else float("nan")))
    df = pd.DataFrame(rows, columns=["group", "employed", "employment_share", "gva_share"])
    tot_e = float(e[e["region"].isin(codes)]["employed_persons"].sum())
    tot_n = float(e[e["region"] == "national"]["employed_persons"].sum())
    df.loc[len(df)] = ("All", tot_e, 100 * tot_e / tot_n, 100 * gva["region"].sum() / gva["national"].sum())
    return df


def section_gva_table(data_dir: str | Path, *, year: int = 2022) -> pd.DataFrame:
    """BNS gross value added by region (rows, incl. ``national``) × OKED section A-T (columns), million KZT.

    One row per region that publishes in ``year``, on the borders of that year: before 2018
    South Kazakhstan (YKO) holds Shymkent and Turkistan (their back-cast rows are dropped), from
    2022 Abai, Zhetisu and Ulytau are separate. Sections a region does not publish are 0.
    The regions (without ``national``) add up to the national row (PROVENANCE.md checks).

    Parameters
    ----------
    data_dir : str or Path
        The real data folder or its ``kz_bns_regional_gva_employment/`` subfolder.
    year : int, default 2022
        The year (2010-2025).

    Returns
    -------
    pandas.DataFrame
        Regions (BNS codes, with ``national``) × sections ``A`` ... ``T``, million KZT at
        current prices; ``attrs``: unit, year, source.

    Raises
    ------
    ValidationError
        The folder does not hold the BNS GVA file, ``year`` is not an integer, or the file
        has no sections for it.

    Examples
    --------
    >>> import tempfile
    >>> rows = [("national", "A", 2022, 100.0), ("VKO", "A", 2022, 60.0), ("ABY", "A", 2022, 40.0),
    ...         ("national", "C", 2022, 50.0), ("VKO", "C", 2022, 50.0), ("national", "GDP", 2022, 150.0)]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame(rows, columns=["region", "item_code", "year", "gva_mln_kzt"]).to_csv(Path(d) / _GVA, index=False)
    ...     g = section_gva_table(d, year=2022)
    >>> g[["A", "B", "C"]]
    item_code      A    B     C
    region
    ABY         40.0  0.0   0.0
    VKO         60.0  0.0  50.0
    national   100.0  0.0  50.0
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValidationError(f"year = {year!r}; give a year such as 2022")
    d = _folder(data_dir)
    g = pd.read_csv(d / _GVA)
    g = g[(g["year"] == year) & g["item_code"].isin(_SECTIONS)]
    if g.empty:
        raise ValidationError(f"BNS GVA has no sections for {year}; use a year in 2010-2025")
    if year < 2018:
        g = g[~g["region"].isin(["SHM", "TRK"])]
    t = g.pivot_table(index="region", columns="item_code", values="gva_mln_kzt", aggfunc="sum").fillna(0.0)
    t = t.reindex(columns=list(_SECTIONS), fill_value=0.0)
    t.attrs.update(unit="million KZT, current prices", year=year,
                   source=f"BNS (stat.gov.kz) gross value added by region and OKED section, {year} ({BNS_FOLDER})")
    return t


def bns_gva_long(data_dir: str | Path) -> pd.DataFrame:
    """Every BNS GVA value: ``year, region, item, value`` (million KZT, current prices) with region names.

    ``item`` is an OKED section A-T, ``IND`` (B+C+D+E), ``GDP`` (gross regional product; the
    national row is GDP), ``NET_TAXES``, ``FISIM`` (2010, subtracted) or ``OTHER_SERVICES``
    (2010-2013: I, K, M-S together). Shymkent and Turkistan rows before 2018 are back-casts
    inside South Kazakhstan and are dropped, so the regions of a year add up to the nation.
    ``attrs``: unit, source.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder or its ``kz_bns_regional_gva_employment/`` subfolder.

    Returns
    -------
    pandas.DataFrame
        ``year, region, region_name, item, value`` (million KZT, current prices).

    Raises
    ------
    ValidationError
        The folder does not hold the BNS GVA file, the file lacks a column, or a value is
        not a number.

    Examples
    --------
    >>> import tempfile
    >>> rows = [("national", "A", 2022, 100.0), ("VKO", "A", 2022, 60.0), ("ABY", "A", 2022, 40.0),
    ...         ("national", "C", 2022, 50.0), ("VKO", "C", 2022, 50.0), ("national", "GDP", 2022, 150.0)]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame(rows, columns=["region", "item_code", "year", "gva_mln_kzt"]).to_csv(Path(d) / _GVA, index=False)
    ...     g = bns_gva_long(d)
    >>> g.head(3)
       year    region      region_name item  value
    0  2022  national       Kazakhstan    A  100.0
    1  2022       VKO  East Kazakhstan    A   60.0
    2  2022       ABY             Abai    A   40.0
    """
    d = _folder(data_dir)
    g = pd.read_csv(d / _GVA)
    need = {"region", "item_code", "year", "gva_mln_kzt"}
    if not need <= set(g.columns):
        raise ValidationError(f"{d / _GVA} lacks columns {', '.join(sorted(need - set(g.columns)))}; it is not the BNS GVA file")
    v = pd.to_numeric(g["gva_mln_kzt"], errors="coerce")
    if v.isna().any():
        raise ValidationError(f"{d / _GVA} has values that are not numbers; fix the file")
    g = g.assign(gva_mln_kzt=v)
    g = g[~((g["year"] < 2018) & g["region"].isin(["SHM", "TRK"]))]
    out = pd.DataFrame({"year": g["year"].astype(int), "region": g["region"], "region_name": g["region"].map(BNS_REGION_NAMES),
                        "item": g["item_code"], "value": g["gva_mln_kzt"]}).reset_index(drop=True)
    out.attrs.update(unit="million KZT, current prices",
                     source=f"BNS (stat.gov.kz) gross value added by region and OKED section 2010-2025 ({BNS_FOLDER}); 2025 preliminary")
    return out
