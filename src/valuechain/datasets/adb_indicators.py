"""Readers of the ADB MRIO GVC indicators (``adb_mrio_gvc_indicators/`` of the real data folder).

Computed by K. Reyes from the ADB multi-regional input-output tables with his public code
(``ksreyes/mrio-processing``, MIT); values are as published there. Cite as
"ADB-derived (ADB MRIO; Reyes, mrio-processing)". Economies are returned with ISO3 codes
(the files use ADB's own codes, e.g. PRC, GER, INO, VIE) beside the ADB name.

* :func:`adb_economies`: the 72 (+ rest of world) economies, their ISO3 code and whether
  they are in the 62-economy table (2000, 2007-2022) or only the 72-economy one (2017-2022).
* :func:`adb_rca`: revealed comparative advantage by economy × 35 sectors, on gross exports
  and on value added (62 economies 2000-2022, or 72 economies 2017-2022).
* :func:`adb_participation`: GVC participation (trade-based forward/backward, Borin and
  Mancini; production-based, Wang et al.) by economy, 2017-2022, country totals or sectors.
* :func:`adb_fva_by_origin`: foreign value added in an economy's exports by origin, 2017-2022.

Examples
--------
>>> from valuechain._data import shared_data_dir
>>> d = shared_data_dir()
>>> p = adb_participation(d) if d else None
>>> round(float(p.query("iso3 == 'KAZ' and year == 2017")["GVCP_trade_f"].iloc[0]), 4) if d else 0.3648
0.3648
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._data import shared_data_dir
from ..errors import DataNotFoundError, ValidationError

__all__ = ["adb_economies", "adb_rca", "adb_participation", "adb_fva_by_origin", "adb_kaz_decomposition", "SEED_VA_CITATIONS",
           "trade_openness", "SEED_OPENNESS_CITATIONS", "adb_foreign_content",
           "ADB_FOLDER", "ADB_SOURCE"]

ADB_FOLDER = "adb_mrio_gvc_indicators"
ADB_SOURCE = ("ADB-derived: ADB Multiregional Input-Output tables, indicators computed by K. Reyes "
              "(github.com/ksreyes/mrio-processing, MIT)")


def _folder(data_dir) -> Path:
    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError("the real data folder was not found; pass data_dir= or set VALUECHAIN_DATA")
    d = base / ADB_FOLDER if (base / ADB_FOLDER).is_dir() else base
    if not (d / "mrio_economies.csv").is_file():
        raise DataNotFoundError(f"{d} does not hold the ADB indicators ({ADB_FOLDER}/mrio_economies.csv); give the real data folder")
    return d


def _read(d: Path, name: str, columns=None) -> pd.DataFrame:
    f = d / name
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; the ADB indicators folder is incomplete")
    return pd.read_parquet(f, columns=columns)


def adb_economies(data_dir: str | Path | None = None) -> pd.DataFrame:
    """ADB MRIO economies: ``mrio, mrio62, adb_code, iso3, name`` (``iso3`` "ROW" for the rest of the world).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder or its ``adb_mrio_gvc_indicators/`` subfolder; default
        :func:`valuechain._data.shared_data_dir`.

    Returns
    -------
    pandas.DataFrame
        One row per economy of ``mrio_economies.csv``: its number in the 72-economy table
        (``mrio``) and in the 62-economy table (``mrio62``, NaN when not in it), ADB's code,
        the ISO3 code (from the ISO numeric code; Taipei,China ``TWN``) and ADB's name.

    Raises
    ------
    DataNotFoundError
        No data folder is found, or it does not hold the ADB indicators (or the file read).

    Examples
    --------
    >>> import tempfile
    >>> def adb_folder(d):  # a tiny folder in the published layout: KAZ, RUS and the rest of the world
    ...     pd.DataFrame({"mrio": [1, 2, 3], "mrio62": [1.0, 2.0, None], "mrio_code": ["KAZ", "RUS", "ROW"],
    ...                   "mrio_name": ["Kazakhstan", "Russian Federation", "Rest of the world"],
    ...                   "iso_num": [398, 643, 999]}).to_csv(Path(d) / "mrio_economies.csv", index=False)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     adb_folder(d)
    ...     eco = adb_economies(d)
    >>> eco[["mrio", "adb_code", "iso3"]].to_dict("list")
    {'mrio': [1, 2, 3], 'adb_code': ['KAZ', 'RUS', 'ROW'], 'iso3': ['KAZ', 'RUS', 'ROW']}
    """
    from ..tables.trade.readers import iso3_from_numeric

    d = _folder(data_dir)
    e = pd.read_csv(d / "mrio_economies.csv")
    nums = [str(int(v)) for v in e["iso_num"] if int(v) != 999]
    m = iso3_from_numeric(nums)
    m["158"] = "TWN"
    iso = [("ROW" if int(v) == 999 else m.get(str(int(v)), e["mrio_code"].iloc[k])) for k, v in enumerate(e["iso_num"])]
    return pd.DataFrame({"mrio": e["mrio"].astype(int), "mrio62": e["mrio62"], "adb_code": e["mrio_code"], "iso3": iso,
                         "name": e["mrio_name"]})


def _with_iso(df: pd.DataFrame, eco: pd.DataFrame, numbering: str) -> pd.DataFrame:
    key = eco.dropna(subset=[numbering]).assign(s=lambda x: x[numbering].astype(int))[["s", "iso3", "name"]]
    return df.merge(key, on="s", how="left")


def _sectors(d: Path) -> pd.DataFrame:
    s = pd.read_csv(d / "sectors.csv")
    return pd.DataFrame({"i": s["c_ind"].astype(int), "sector_name": s["c_name_short"]})


def adb_rca(data_dir: str | Path | None = None, *, economies: str = "62") -> pd.DataFrame:
    r"""Revealed comparative advantage by economy × ADB sector (35 sectors).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder or its ``adb_mrio_gvc_indicators/`` subfolder; default
        :func:`valuechain._data.shared_data_dir`.
    economies : {"62", "72"}
        ``"62"``: 62 economies + RoW, 2000 and 2007-2022; ``"72"``: 72 economies, 2017-2022.

    Returns
    -------
    DataFrame
        ``year, iso3, name, sector (1-35), sector_name, exports (million USD), rca,
        rca_vaxes, rca_vaxos`` where :math:`RCA_{si} = (E_{si}/E_s)/(E_i/E)` on gross
        exports, ``rca_vaxes`` the same on domestic value added in exports and
        ``rca_vaxos`` on value added by origin sector. ``attrs``: source, unit, years.

    Raises
    ------
    ValidationError
        ``economies`` is not ``"62"`` or ``"72"``.
    DataNotFoundError
        No data folder is found, or it does not hold the ADB indicators (or the file read).

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.
    .. [2] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
       counting in gross exports. *American Economic Review* 104(2), 459-494 (RCA on
       value added in exports).

    Examples
    --------
    >>> import tempfile
    >>> def adb_folder(d):  # a tiny folder in the published layout: KAZ, RUS and the rest of the world
    ...     pd.DataFrame({"mrio": [1, 2, 3], "mrio62": [1.0, 2.0, None], "mrio_code": ["KAZ", "RUS", "ROW"],
    ...                   "mrio_name": ["Kazakhstan", "Russian Federation", "Rest of the world"],
    ...                   "iso_num": [398, 643, 999]}).to_csv(Path(d) / "mrio_economies.csv", index=False)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     adb_folder(d)
    ...     pd.DataFrame({"c_ind": [1], "c_name_short": ["Agriculture"]}).to_csv(Path(d) / "sectors.csv", index=False)
    ...     pd.DataFrame({"t": 2022, "s": [1, 2], "agg": 35, "i": 1, "exports_si": [10.0, 5.0], "rca": [2.5, 0.4],
    ...                   "rca_vaxes": [2.6, 0.3], "rca_vaxos": [2.4, 0.5]}).to_parquet(
    ...         Path(d) / "rca_gross_and_va_adb_mrio62_2000_2022.parquet")
    ...     r = adb_rca(d)
    >>> r[["year", "iso3", "sector_name", "exports", "rca"]].to_dict("records")[0]
    {'year': 2022, 'iso3': 'KAZ', 'sector_name': 'Agriculture', 'exports': 10.0, 'rca': 2.5}
    >>> adb_rca(d, economies="35")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: economies = '35'; use '62' (2000-2022) or '72' (2017-2022)
    """
    if economies not in ("62", "72"):
        raise ValidationError(f"economies = {economies!r}; use '62' (2000-2022) or '72' (2017-2022)")
    d = _folder(data_dir)
    f = "rca_gross_and_va_adb_mrio62_2000_2022.parquet" if economies == "62" else "rca_gross_and_va_adb_mrio72_2017_2022.parquet"
    r = _read(d, f, ["t", "s", "agg", "i", "exports_si", "rca", "rca_vaxes", "rca_vaxos"])
    r = r[r["agg"] == 35].drop(columns="agg")
    r = _with_iso(r, adb_economies(d), "mrio62" if economies == "62" else "mrio").merge(_sectors(d), on="i", how="left")
    out = r.rename(columns={"t": "year", "i": "sector", "exports_si": "exports"})[
        ["year", "iso3", "name", "sector", "sector_name", "exports", "rca", "rca_vaxes", "rca_vaxos"]]
    out.attrs.update(source=f"{ADB_SOURCE}; {ADB_FOLDER}/{f}", unit="exports: million USD; RCA: ratio",
                     classification="ADB MRIO 35 sectors", years=sorted(out["year"].unique().tolist()))
    return out.reset_index(drop=True)


def adb_participation(data_dir: str | Path | None = None, *, level: str = "total") -> pd.DataFrame:
    """GVC participation by economy (72 economies, 2017-2022).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder or its ``adb_mrio_gvc_indicators/`` subfolder; default
        :func:`valuechain._data.shared_data_dir`.
    level : {"total", "sector"}
        Country totals (``agg = 0``) or the 35 sectors.

    Returns
    -------
    DataFrame
        ``year, iso3, name, sector, Exports, va, GVC_trade_f, GVC_trade_b, GVC_trade,
        GVC_prod`` (million USD) and the shares ``GVCP_trade_f`` (forward: domestic value
        added in exports absorbed after further exports, over gross exports),
        ``GVCP_trade_b`` (backward: foreign value added and pure double counting in exports,
        over gross exports), ``GVCP_trade`` (their sum), ``GVCP_prod`` (production-based,
        share of value added in GVC production).

    Raises
    ------
    ValidationError
        ``level`` is not ``"total"`` or ``"sector"``.
    DataNotFoundError
        No data folder is found, or it does not hold the ADB indicators (or the file read).

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804 (trade-based
       participation).
    .. [2] Wang, Z., Wei, S.-J., Yu, X. and Zhu, K. (2017). Measures of participation in
       global value chains and global business cycles. NBER Working Paper 23222
       (production-based participation).

    Examples
    --------
    >>> import tempfile
    >>> def adb_folder(d):  # a tiny folder in the published layout: KAZ, RUS and the rest of the world
    ...     pd.DataFrame({"mrio": [1, 2, 3], "mrio62": [1.0, 2.0, None], "mrio_code": ["KAZ", "RUS", "ROW"],
    ...                   "mrio_name": ["Kazakhstan", "Russian Federation", "Rest of the world"],
    ...                   "iso_num": [398, 643, 999]}).to_csv(Path(d) / "mrio_economies.csv", index=False)
    >>> cols = ["Exports", "va", "GVC_trade_f", "GVC_trade_b", "GVC_trade", "GVC_prod",
    ...         "GVCP_trade_f", "GVCP_trade_b", "GVCP_trade", "GVCP_prod"]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     adb_folder(d)
    ...     g = pd.DataFrame({"t": 2022, "s": [1, 2], "agg": 0, "i": 0, **{c: [0.5, 0.25] for c in cols}})
    ...     g.to_parquet(Path(d) / "gvcp_adb_mrio72_2017_2022.parquet")
    ...     p = adb_participation(d)
    >>> p[["year", "iso3", "GVCP_trade_f"]].to_dict("records")
    [{'year': 2022, 'iso3': 'KAZ', 'GVCP_trade_f': 0.5}, {'year': 2022, 'iso3': 'RUS', 'GVCP_trade_f': 0.25}]
    """
    if level not in ("total", "sector"):
        raise ValidationError(f"level = {level!r}; use 'total' or 'sector'")
    d = _folder(data_dir)
    f = "gvcp_adb_mrio72_2017_2022.parquet"
    g = _read(d, f)
    g = g[g["agg"] == (0 if level == "total" else 35)].drop(columns="agg")
    g = _with_iso(g, adb_economies(d), "mrio").rename(columns={"t": "year", "i": "sector"})
    cols = ["year", "iso3", "name", "sector", "Exports", "va", "GVC_trade_f", "GVC_trade_b", "GVC_trade", "GVC_prod",
            "GVCP_trade_f", "GVCP_trade_b", "GVCP_trade", "GVCP_prod"]
    out = g[cols].reset_index(drop=True)
    out.attrs.update(source=f"{ADB_SOURCE}; {ADB_FOLDER}/{f}", unit="million USD; GVCP_*: share of gross exports (trade) or of value added (prod)",
                     classification="ADB MRIO 72 economies", years=sorted(out["year"].unique().tolist()))
    return out


def adb_fva_by_origin(data_dir: str | Path | None = None, *, exporter: str = "KAZ") -> pd.DataFrame:
    """Foreign value added in ``exporter``'s gross exports by origin economy (72 economies, 2017-2022).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder or its ``adb_mrio_gvc_indicators/`` subfolder; default
        :func:`valuechain._data.shared_data_dir`.
    exporter : str, default "KAZ"
        ISO3 code of the exporting economy.

    Returns
    -------
    pandas.DataFrame
        ``year, exporter, origin (ISO3 or ROW), origin_name, fva_origin, fva (the
        exporter's total FVA), share_of_fva_pct`` in million USD (the share in percent),
        largest origin first within each year.

    Raises
    ------
    ValidationError
        ``exporter`` is not an ADB MRIO economy.
    DataNotFoundError
        No data folder is found, or it does not hold the ADB indicators (or the file read).

    Examples
    --------
    >>> import tempfile
    >>> def adb_folder(d):  # a tiny folder in the published layout: KAZ, RUS and the rest of the world
    ...     pd.DataFrame({"mrio": [1, 2, 3], "mrio62": [1.0, 2.0, None], "mrio_code": ["KAZ", "RUS", "ROW"],
    ...                   "mrio_name": ["Kazakhstan", "Russian Federation", "Rest of the world"],
    ...                   "iso_num": [398, 643, 999]}).to_csv(Path(d) / "mrio_economies.csv", index=False)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     adb_folder(d)
    ...     pd.DataFrame({"t": 2022, "s": 1, "u": [2, 3], "fva_origin": [3.0, 1.0], "fva": 4.0}).to_parquet(
    ...         Path(d) / "fva_in_exports_by_origin_adb_mrio72_2017_2022.parquet")
    ...     v = adb_fva_by_origin(d, exporter="KAZ")
    >>> v[["origin", "fva_origin", "share_of_fva_pct"]].to_dict("list")
    {'origin': ['RUS', 'ROW'], 'fva_origin': [3.0, 1.0], 'share_of_fva_pct': [75.0, 25.0]}
    """
    d = _folder(data_dir)
    eco = adb_economies(d)
    if exporter not in set(eco["iso3"]):
        raise ValidationError(f"{exporter!r} is not an ADB MRIO economy; use an ISO3 code such as KAZ, RUS, MEX")
    s = int(eco.loc[eco["iso3"] == exporter, "mrio"].iloc[0])
    f = "fva_in_exports_by_origin_adb_mrio72_2017_2022.parquet"
    v = _read(d, f)
    v = v[v["s"] == s]
    key = eco[["mrio", "iso3", "name"]].rename(columns={"mrio": "u", "iso3": "origin", "name": "origin_name"})
    v = v.merge(key, on="u", how="left")
    out = pd.DataFrame({"year": v["t"].astype(int), "exporter": exporter, "origin": v["origin"], "origin_name": v["origin_name"],
                        "fva_origin": v["fva_origin"], "fva": v["fva"], "share_of_fva_pct": 100 * v["fva_origin"] / v["fva"]})
    out = out.sort_values(["year", "fva_origin"], ascending=[True, False]).reset_index(drop=True)
    out.attrs.update(source=f"{ADB_SOURCE}; {ADB_FOLDER}/{f}", unit="million USD")
    return out


_KAZ_OUT = ("baci_kaz_exports", "adb_kaz_gvc_report_outputs")


def adb_kaz_decomposition(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Kazakhstan's gross exports decomposed (Borin-Mancini) and its GVC participation, 2000 and 2007-2022.

    Reads the chart data of the ADB Kazakhstan GVC report (``baci_kaz_exports/
    adb_kaz_gvc_report_outputs/3.1_decomp.csv`` and ``3.3_participation.csv``; ADB MRIO 62
    economies to 2016, 72 from 2017). Returns ``year, exports, davax, rex, ref, fva, pdc``
    (million USD: gross exports; domestic value added absorbed by the direct importer;
    re-exported; reflected home; foreign value added; pure double counting) and
    ``gvcp_trade_f, gvcp_trade_b, gvcp_prod`` (shares).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder (holding ``baci_kaz_exports/adb_kaz_gvc_report_outputs/``);
        default :func:`valuechain._data.shared_data_dir`.

    Returns
    -------
    pandas.DataFrame
        One row per year, the columns of both files merged on ``year``; ``attrs``: source, unit.

    Raises
    ------
    DataNotFoundError
        No data folder is found, or a file is missing.
    ValidationError
        A value is missing, not a number or negative.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = Path(d, "baci_kaz_exports", "adb_kaz_gvc_report_outputs")
    ...     out.mkdir(parents=True)
    ...     pd.DataFrame({"t": [2021, 2022], "exports": [70.0, 90.0], "davax": [50.0, 66.0], "rex": [10.0, 12.0],
    ...                   "ref": [1.0, 1.0], "fva": [7.0, 8.0], "pdc": [2.0, 3.0]}).to_csv(out / "3.1_decomp.csv", index=False)
    ...     pd.DataFrame({"t": [2021, 2022], "gvcp_trade_f": [0.14, 0.13], "gvcp_trade_b": [0.13, 0.12],
    ...                   "gvcp_prod": [0.2, 0.2]}).to_csv(out / "3.3_participation.csv", index=False)
    ...     dec = adb_kaz_decomposition(d)
    >>> dec[["year", "exports", "davax", "gvcp_trade_f"]].to_dict("list")
    {'year': [2021, 2022], 'exports': [70.0, 90.0], 'davax': [50.0, 66.0], 'gvcp_trade_f': [0.14, 0.13]}
    """
    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError("the real data folder was not found; pass data_dir= or set VALUECHAIN_DATA")
    d = base.joinpath(*_KAZ_OUT)
    f1, f2 = d / "3.1_decomp.csv", d / "3.3_participation.csv"
    for f in (f1, f2):
        if not f.is_file():
            raise DataNotFoundError(f"{f} is missing; give the real data folder holding {'/'.join(_KAZ_OUT)}/")
    a = pd.read_csv(f1).rename(columns={"t": "year"})
    b = pd.read_csv(f2, encoding="utf-8-sig").rename(columns={"t": "year"})
    out = a.merge(b, on="year", how="outer").sort_values("year").reset_index(drop=True)
    num = out.drop(columns="year").apply(pd.to_numeric, errors="coerce")
    if num.isna().any().any() or (num < 0).any().any():
        raise ValidationError(f"{d}: the decomposition holds missing, non-numeric or negative values; fix the files")
    out.attrs.update(source=f"{ADB_SOURCE}; ADB Kazakhstan GVC report chart data (github.com/ksreyes/adb-kaz-gvc, "
                            f"{'/'.join(_KAZ_OUT)}/3.1_decomp.csv, 3.3_participation.csv)", unit="million USD; gvcp_*: share")
    return out


#: Value-added figures of the seed (World Bank 2020, section 3, from OECD-WTO TiVA, December 2018 edition),
#: as printed: (measure, year, value in percent, where).
SEED_VA_CITATIONS = (
    ("FVA share of gross exports", 2005, 20.3, "Figure 30 and text: 'dropped from 20.3 percent to 6.5 percent ... between 2005 and 2015'"),
    ("FVA share of gross exports", 2015, 6.5, "Figure 30 and text"),
    ("domestic value added driven by foreign final demand, share of value added", 2005, 40.6, "Figure 31 and text"),
    ("domestic value added driven by foreign final demand, share of value added", 2015, 25.3, "Figure 31 and text"),
)


#: Trade openness as printed in the seed (World Bank 2020, section 2.1, Figure 2 text), percent of GDP.
SEED_OPENNESS_CITATIONS = (
    ("KAZ", 2000, 106.0), ("KAZ", 2017, 54.0), ("MEX", 2017, 78.0), ("AZE", 2017, 90.0), ("RUS", 2017, 47.0), ("CHL", 2017, 57.0),
)


def trade_openness(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Trade (exports + imports) as a share of GDP, 164 economies, 2021.

    Reads ``baci_kaz_exports/adb_kaz_gvc_report_outputs/2.2_openness.csv`` (chart data of the
    ADB Kazakhstan GVC report; World Bank WDI series as compiled there). Returns ``year, iso3,
    name, value (percent of GDP), unit, source``; the file's ``gdp`` column (its unit is not
    documented in the source) is kept as ``gdp_as_given``. The file's 165th row, "Kazakhstan
    (exc. oil)" (no year, no code), is left out.

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder; default :func:`valuechain._data.shared_data_dir`.

    Returns
    -------
    pandas.DataFrame
        One row per economy-year; ``attrs``: source, unit.

    Raises
    ------
    DataNotFoundError
        No data folder is found, or the file is missing.
    ValidationError
        A share is not a number or negative.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = Path(d, "baci_kaz_exports", "adb_kaz_gvc_report_outputs")
    ...     out.mkdir(parents=True)
    ...     pd.DataFrame({"year": [2021, 2021, None], "iso3c": ["KAZ", "MEX", None], "trade_sh": [61.5, 82.3, 40.0],
    ...                   "name": ["Kazakhstan", "Mexico", "Kazakhstan (exc. oil)"], "gdp": [197.1, 1272.8, None]}).to_csv(
    ...         out / "2.2_openness.csv", index=False)
    ...     o = trade_openness(d)
    >>> o[["year", "iso3", "value", "unit"]].to_dict("records")
    [{'year': 2021, 'iso3': 'KAZ', 'value': 61.5, 'unit': 'percent of GDP'}, {'year': 2021, 'iso3': 'MEX', 'value': 82.3, 'unit': 'percent of GDP'}]
    """
    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError("the real data folder was not found; pass data_dir= or set VALUECHAIN_DATA")
    f = base.joinpath(*_KAZ_OUT, "2.2_openness.csv")
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; give the real data folder holding {'/'.join(_KAZ_OUT)}/")
    o = pd.read_csv(f)
    o = o[o["iso3c"].notna() & o["trade_sh"].notna() & o["year"].notna()]
    v = pd.to_numeric(o["trade_sh"], errors="coerce")
    if v.isna().any() or (v < 0).any():
        raise ValidationError(f"{f}: trade_sh holds non-numeric or negative values; fix the file")
    src = ("trade (exports + imports of goods and services) in % of GDP, World Bank WDI as compiled in the ADB Kazakhstan GVC "
           f"report chart data ({'/'.join(_KAZ_OUT)}/2.2_openness.csv)")
    out = pd.DataFrame({"year": o["year"].astype(int), "iso3": o["iso3c"], "name": o["name"].fillna(o["iso3c"]), "value": v,
                        "unit": "percent of GDP",
                        "gdp_as_given": o["gdp"], "source": src}).reset_index(drop=True)
    out.attrs.update(source=src, unit="percent of GDP")
    return out


def adb_foreign_content(data_dir: str | Path | None = None) -> pd.DataFrame:
    r"""Share of each economy's gross exports that is not its domestic value added, 62 economies, 2000 and 2007-2022.

    .. math:: fc_{st} = 100\,(1 - DVA_{st} / E_{st})

    with :math:`DVA_{st}` = ``vaxes_s`` (domestic value added in the economy's gross exports,
    summed over exporting sectors) and :math:`E_{st}` = ``exports_s`` of the ADB RCA file. It is
    foreign value added plus double-counted items, close to (not equal to) the Borin-Mancini
    backward participation (Kazakhstan 2022: 9.27 % against 9.16 %). One source for Kazakhstan
    and its peers over 2000-2022 (Azerbaijan and Chile are not ADB economies).

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder or its ``adb_mrio_gvc_indicators/`` subfolder; default
        :func:`valuechain._data.shared_data_dir`.

    Returns
    -------
    pandas.DataFrame
        ``year, iso3, name, exports, dva`` (million USD), ``value`` (percent of gross
        exports), ``unit, source``; sorted by economy and year.

    Raises
    ------
    DataNotFoundError
        No data folder is found, or it does not hold the ADB indicators (or the file read).

    References
    ----------
    .. [1] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
       counting in gross exports. *American Economic Review* 104(2), 459-494.
    .. [2] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804.

    Examples
    --------
    >>> import tempfile
    >>> def adb_folder(d):  # a tiny folder in the published layout: KAZ, RUS and the rest of the world
    ...     pd.DataFrame({"mrio": [1, 2, 3], "mrio62": [1.0, 2.0, None], "mrio_code": ["KAZ", "RUS", "ROW"],
    ...                   "mrio_name": ["Kazakhstan", "Russian Federation", "Rest of the world"],
    ...                   "iso_num": [398, 643, 999]}).to_csv(Path(d) / "mrio_economies.csv", index=False)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     adb_folder(d)
    ...     pd.DataFrame({"t": 2022, "s": [1, 1, 2], "agg": 35, "exports_s": [80.0, 80.0, 400.0],
    ...                   "vaxes_s": [72.6, 72.6, 360.0]}).to_parquet(Path(d) / "rca_gross_and_va_adb_mrio62_2000_2022.parquet")
    ...     fc = adb_foreign_content(d)
    >>> fc[["iso3", "exports", "value"]].round(2).to_dict("records")
    [{'iso3': 'KAZ', 'exports': 80.0, 'value': 9.25}, {'iso3': 'RUS', 'exports': 400.0, 'value': 10.0}]
    """
    d = _folder(data_dir)
    f = "rca_gross_and_va_adb_mrio62_2000_2022.parquet"
    r = _read(d, f, ["t", "s", "agg", "exports_s", "vaxes_s"])
    r = r[r["agg"] == 35].groupby(["t", "s"], as_index=False)[["exports_s", "vaxes_s"]].first()
    r = _with_iso(r, adb_economies(d), "mrio62")
    src = f"{ADB_SOURCE}; 1 - vaxes_s / exports_s of {ADB_FOLDER}/{f}"
    out = pd.DataFrame({"year": r["t"].astype(int), "iso3": r["iso3"], "name": r["name"], "exports": r["exports_s"],
                        "dva": r["vaxes_s"], "value": 100 * (1 - r["vaxes_s"] / r["exports_s"]), "unit": "percent of gross exports",
                        "source": src}).sort_values(["iso3", "year"]).reset_index(drop=True)
    out.attrs.update(source=src, unit="percent of gross exports; exports and dva million USD")
    return out
