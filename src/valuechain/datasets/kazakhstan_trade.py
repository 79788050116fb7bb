"""Readers of Kazakhstan's exports by partner and of its total exports (real data folder).

* :func:`kaz_partner_exports` reads ``kaz_bilateral_adb_mrio_gravity/``: Kazakhstan's
  exports to 61 (2000, 2007-2016) or 71 (2017-2022) partners, from customs (CEPII Gravity:
  BACI, Comtrade as reported by Kazakhstan or mirrored by the partner, IMF DOTS; to 2020)
  or from the ADB MRIO (model allocation of gross exports; to 2022). Uzbekistan, Ukraine,
  Belarus, Azerbaijan, Tajikistan, Turkmenistan, Iran, Afghanistan and Israel are not in the
  file (they are in ADB's rest of the world), so the file never covers all exports.
* :func:`kaz_export_totals` gives Kazakhstan's total exports per year from each held
  source, the denominators of the coverage of a partner file.
* :func:`kaz_product_partner_exports` reads the BACI product x partner lines of 2021
  (``baci_kaz_exports/kaz_partners_2021.csv``: the top lines of five partners only). Its
  coverage of the total is far below 85 %: it gives product x partner detail, never shares
  of total exports.

All values are returned in **million USD**. Readers only read and relabel: the shares,
coverage and market indicators are :func:`valuechain.trade.export_destinations`.

Examples
--------
>>> from valuechain._data import shared_data_dir
>>> d = shared_data_dir()
>>> pe = kaz_partner_exports(d, source="baci") if d else None
>>> round(float(pe[(pe.year == 2019) & (pe.partner == "CHN")]["value"].iloc[0]), 1) if d else 7921.7
7921.7
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._data import shared_data_dir
from ..errors import DataNotFoundError, ValidationError

__all__ = [
    "kaz_partner_exports",
    "kaz_export_totals",
    "kaz_product_partner_exports",
    "PARTNER_SOURCES",
    "BILATERAL_FOLDER",
    "SEED_EXPORT_TOTALS",
]

BILATERAL_FOLDER = "kaz_bilateral_adb_mrio_gravity"
_BIL = "kaz_bilateral_exports_adb_gravity_2000_2022.csv"
_BACI = "baci_kaz_exports"
_ADB = "adb_mrio_gvc_indicators"

#: source key -> (column of the file, factor to million USD, description)
PARTNER_SOURCES: dict[str, tuple[str, float, str]] = {
    "baci": ("tradeflow_baci", 1e-3, "CEPII BACI (via CEPII Gravity), customs, to 2020"),
    "comtrade_reporter": ("tradeflow_comtrade_o", 1e-3, "UN Comtrade as reported by Kazakhstan (via CEPII Gravity), to 2020"),
    "comtrade_mirror": ("tradeflow_comtrade_d", 1e-3, "UN Comtrade as reported by the partner (mirror, via CEPII Gravity), to 2020"),
    "imf_reporter": ("tradeflow_imf_o", 1e-3, "IMF DOTS as reported by Kazakhstan (via CEPII Gravity), to 2020"),
    "imf_mirror": ("tradeflow_imf_d", 1e-3, "IMF DOTS as reported by the partner (via CEPII Gravity), to 2020"),
    "baci_manufacturing": ("manuf_tradeflow_baci", 1e-3, "CEPII BACI manufactured goods only (via CEPII Gravity), customs, to 2020"),
    "adb": ("Exports", 1.0, "ADB MRIO gross exports allocated to the partner (model allocation, Borin-Mancini accounting), to 2022"),
    "adb_dva": ("DVA", 1.0, "ADB MRIO domestic value added in gross exports to the partner (direct importer; Borin-Mancini), to 2022"),
    "adb_fva": ("FVA", 1.0, "ADB MRIO foreign value added in gross exports to the partner (Borin-Mancini), to 2022"),
}
_MODEL_FLAG = ("model allocation: ADB MRIO bilateral values are not customs flows and differ strongly for crude-oil "
               "destinations (PROVENANCE: Italy 2019 ADB 2.19 bn USD vs BACI 8.54 bn); use the customs sources for the "
               "partner structure")

#: Kazakhstan's total merchandise exports as printed in the seed study (World Bank 2020,
#: Tables 1 and 2, "Authors calculations with data from UN-COMTRADE"), million USD.
SEED_EXPORT_TOTALS = {2000: 4729.0, 2012: 92279.0, 2018: 60944.0}
_SEED_SOURCE = "UN Comtrade, as printed in World Bank (2020), Kazakhstan trade competitiveness, Tables 1-2 (Total row)"


def _base(data_dir) -> Path:
    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError("the real data folder was not found; pass data_dir= or set VALUECHAIN_DATA")
    return base


def _bilateral_file(data_dir) -> Path:
    d = _base(data_dir)
    if (d / BILATERAL_FOLDER).is_dir():
        d = d / BILATERAL_FOLDER
    f = d / _BIL
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; give the real data folder holding {BILATERAL_FOLDER}/{_BIL}")
    return f


def kaz_partner_exports(data_dir: str | Path | None = None, *, source: str = "baci") -> pd.DataFrame:
    """Kazakhstan's exports by partner and year from one source of the bilateral file.

    Parameters
    ----------
    data_dir : path, optional
        The real data folder (or its ``kaz_bilateral_adb_mrio_gravity/`` subfolder);
        default: :func:`valuechain._data.shared_data_dir`.
    source : str
        A key of :data:`PARTNER_SOURCES` (default ``"baci"``).

    Returns
    -------
    DataFrame
        ``year, partner (ISO3), partner_name, value (million USD)``; a partner-year with
        no flow in that source (empty or 0) is left out. ``attrs``: ``source``, ``unit``,
        ``partners_in_file`` (the ISO3 codes the file can hold in each year), ``years``
        (the years the source has flows).

    Raises
    ------
    ValidationError
        An unknown source, or a file that is not the bilateral file (missing columns,
        values that are not numbers, negative or infinite values).
    DataNotFoundError
        No data folder is found, or it does not hold the bilateral file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame({"year": 2019, "exporter": "KAZ", "partner": ["CHN", "RUS", "AUS"],
    ...                   "partner_name": ["China", "Russia", "Australia"],
    ...                   "tradeflow_baci": [7921700.0, 4500000.0, 0.0]}).to_csv(Path(d) / _BIL, index=False)
    ...     pe = kaz_partner_exports(d, source="baci")
    >>> pe
       year partner partner_name   value
    0  2019     CHN        China  7921.7
    1  2019     RUS       Russia  4500.0
    >>> pe.attrs["partners_in_file"]
    {2019: ('AUS', 'CHN', 'RUS')}
    """
    if source not in PARTNER_SOURCES:
        raise ValidationError(f"unknown partner source {source!r}; use one of {', '.join(PARTNER_SOURCES)}")
    col, factor, desc = PARTNER_SOURCES[source]
    f = _bilateral_file(data_dir)
    try:
        raw = pd.read_csv(f)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValidationError(f"{f} cannot be read as CSV ({exc}); give the bilateral file of the data folder") from None
    need = ["year", "exporter", "partner", "partner_name", col]
    miss = [c for c in need if c not in raw.columns]
    if miss:
        raise ValidationError(f"{f} has no column(s) {', '.join(miss)}; it is not the Kazakhstan bilateral file")
    v = pd.to_numeric(raw[col], errors="coerce")
    bad = raw[col].notna() & v.isna()
    if bad.any():
        raise ValidationError(f"{f}: column {col} has {int(bad.sum())} value(s) that are not numbers (e.g. {raw.loc[bad, col].iloc[0]!r}); fix the file")
    if (~np.isfinite(v.fillna(0))).any() or (v < 0).any():
        raise ValidationError(f"{f}: column {col} has negative or infinite values; exports are non-negative and finite")
    df = pd.DataFrame({"year": pd.to_numeric(raw["year"], errors="coerce"), "partner": raw["partner"].astype(str),
                       "partner_name": raw["partner_name"].astype(str), "value": v * factor})
    if df["year"].isna().any():
        raise ValidationError(f"{f}: column year has values that are not years; fix the file")
    df["year"] = df["year"].astype(int)
    if set(raw["exporter"].astype(str)) != {"KAZ"}:
        raise ValidationError(f"{f}: the exporter column holds {sorted(set(raw['exporter'].astype(str)))}; the file must hold KAZ only")
    held = df.groupby("year")["partner"].apply(lambda s: tuple(sorted(s))).to_dict()
    df = df[df["value"].fillna(0) > 0].reset_index(drop=True)
    if df.duplicated(["year", "partner"]).any():
        raise ValidationError(f"{f}: a partner appears twice in one year; one row per year and partner expected")
    df.attrs.update(source=desc, unit="million USD", partners_in_file=held, years=sorted(df["year"].unique().tolist()),
                    file=f"{BILATERAL_FOLDER}/{_BIL}", source_key=source,
                    flags=[_MODEL_FLAG] if source.startswith("adb") else [])
    return df


def _baci_total(base: Path, year: int) -> float | None:
    f = base / _BACI / f"kaz_exports_{year}.csv"
    if not f.is_file():
        return None
    v = pd.to_numeric(pd.read_csv(f, usecols=["v"])["v"], errors="coerce")
    return float(v.sum()) / 1e3


def _adb_totals(base: Path) -> pd.Series:
    f = base / _ADB / "rca_gross_and_va_adb_mrio62_2000_2022.parquet"
    if not f.is_file():
        return pd.Series(dtype=float)
    r = pd.read_parquet(f, columns=["t", "s", "agg", "exports_s"])
    r = r[(r["s"] == 49) & (r["agg"] == 35)]
    return r.groupby("t")["exports_s"].first()


def kaz_export_totals(data_dir: str | Path | None = None, *, scope: str | None = None) -> pd.DataFrame:
    """Kazakhstan's total exports per year from every held source (million USD).

    ``scope="customs"`` keeps the customs totals (the denominators of a customs partner
    source: BACI, Comtrade, IMF), ``scope="adb"`` the ADB total (of the ADB column),
    ``scope="adb_dva"`` / ``"adb_fva"`` Kazakhstan's total domestic / foreign value added in
    exports (ADB Kazakhstan report decomposition: DAVAX + REX + REF, and FVA); ``None`` keeps
    customs and adb.

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder (or its ``kaz_bilateral_adb_mrio_gravity/`` subfolder); default
        :func:`valuechain._data.shared_data_dir`. Sources whose files it lacks are left out.
    scope : {"customs", "adb", "adb_dva", "adb_fva"}, optional
        Which totals (see above); None keeps customs and adb.

    Returns
    -------
    DataFrame
        ``year, total, unit, source, scope`` with, in this order of preference for a
        customs partner file:

        - ``scope="customs"``, CEPII BACI HS2002 product files (``baci_kaz_exports``,
          2002, 2019, 2021; the sum over products);
        - ``scope="customs"``, UN Comtrade as printed in the seed (2000, 2012, 2018);
        - ``scope="adb"``, ADB MRIO gross exports of Kazakhstan, goods and services
          (``adb_mrio_gvc_indicators``, 2000, 2007-2022), the like-for-like total of the
          file's ADB column.

    Raises
    ------
    ValidationError
        An unknown ``scope``.
    DataNotFoundError
        No data folder is found (or, for ``adb_dva`` / ``adb_fva``, the decomposition files).

    Examples
    --------
    A folder without any of the files still gives the seed's printed totals:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     t = kaz_export_totals(d, scope="customs")
    >>> t[["year", "total", "scope"]]
       year    total    scope
    0  2000   4729.0  customs
    1  2012  92279.0  customs
    2  2018  60944.0  customs
    """
    base = _base(data_dir)
    if base.name == BILATERAL_FOLDER:
        base = base.parent
    rows = []
    for y in (2002, 2019, 2021):
        t = _baci_total(base, y)
        if t is not None:
            rows.append((y, t, "million USD", f"CEPII BACI HS2002, Kazakhstan's exports summed over products ({_BACI}/kaz_exports_{y}.csv; "
                         "a BACI vintage other than the partner file's)", "customs"))
    for y, t in SEED_EXPORT_TOTALS.items():
        rows.append((y, t, "million USD", _SEED_SOURCE, "customs"))
    for y, t in _adb_totals(base).items():
        rows.append((int(y), float(t), "million USD", "ADB MRIO (62 economies), Kazakhstan's gross exports of goods and services "
                     f"({_ADB}/rca_gross_and_va_adb_mrio62_2000_2022.parquet, exports_s)", "adb"))
    out = pd.DataFrame(rows, columns=["year", "total", "unit", "source", "scope"])
    if scope is None:
        return out
    if scope in ("adb_dva", "adb_fva"):
        from .adb_indicators import ADB_SOURCE, adb_kaz_decomposition

        d = adb_kaz_decomposition(base)
        tot = d["davax"] + d["rex"] + d["ref"] if scope == "adb_dva" else d["fva"]
        what = "domestic value added in exports (DAVAX + REX + REF)" if scope == "adb_dva" else "foreign value added in exports"
        return pd.DataFrame({"year": d["year"].astype(int), "total": tot, "unit": "million USD",
                             "source": f"{ADB_SOURCE}: Kazakhstan's {what}", "scope": scope})
    if scope not in ("customs", "adb"):
        raise ValidationError(f"scope = {scope!r}; use 'customs', 'adb', 'adb_dva', 'adb_fva' or None")
    return out[out["scope"] == scope].reset_index(drop=True)


def kaz_product_partner_exports(data_dir: str | Path | None = None) -> pd.DataFrame:
    """BACI product x partner lines of Kazakhstan's exports in 2021 (million USD).

    ``baci_kaz_exports/kaz_partners_2021.csv`` holds the main lines of five partners only
    (China, Russia, Greece, United Kingdom, Germany): product x partner **detail**, never
    a destination structure. Columns ``year, partner, partner_name, product, description,
    value``; ``attrs["scope"]`` says so.

    Parameters
    ----------
    data_dir : str or Path, optional
        The real data folder (holding ``baci_kaz_exports/``); default
        :func:`valuechain._data.shared_data_dir`.

    Returns
    -------
    pandas.DataFrame
        One row per product line: partner as ISO3 (from BACI's numeric code), HS2002 code
        (six digits), description and value in million USD (the file's thousand USD / 1000).

    Raises
    ------
    DataNotFoundError
        No data folder is found, or the file is missing.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "baci_kaz_exports").mkdir()
    ...     pd.DataFrame({"t": 2021, "i": 398, "j": [156, 643], "name": ["China", "Russia"], "k": ["740311", "260300"],
    ...                   "hs02_desc": ["Copper cathodes", "Copper ores"], "v": [2434560.742, 1000.0]}).to_csv(
    ...         Path(d) / "baci_kaz_exports" / "kaz_partners_2021.csv", index=False)
    ...     lines = kaz_product_partner_exports(d)
    >>> lines[["partner", "product", "value"]].round(1).to_dict("records")
    [{'partner': 'CHN', 'product': '740311', 'value': 2434.6}, {'partner': 'RUS', 'product': '260300', 'value': 1.0}]
    """
    from ..tables.trade.readers import iso3_from_numeric

    base = _base(data_dir)
    f = base / _BACI / "kaz_partners_2021.csv"
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; give the real data folder holding {_BACI}/")
    raw = pd.read_csv(f, dtype={"k": str})
    m = iso3_from_numeric(raw["j"].unique())
    iso = raw["j"].astype(str).str.strip().map(m)
    df = pd.DataFrame({"year": raw["t"].astype(int), "partner": iso, "partner_name": raw["name"].astype(str),
                       "product": raw["k"].str.zfill(6), "description": raw["hs02_desc"].astype(str),
                       "value": pd.to_numeric(raw["v"], errors="coerce") / 1e3})
    df.attrs.update(source="CEPII BACI HS2002, Kazakhstan's main product lines to five partners, 2021",
                    unit="million USD", scope="product x partner detail of five partners; not a destination structure")
    return df
