"""Kazakhstan's 50-industry domestic table from the OECD ICIO 2025 extract (year 2022).

.. note::
   The economics live in the GVC family: the extract is read once per process with
   :func:`valuechain.gvc.read_zx` (:func:`oecd_icio`), the national table is
   :func:`valuechain.gvc.domestic_table` and the sourcing frames are
   :func:`valuechain.gvc.input_sourcing`. The functions here only relabel (industry names,
   row and column names of the report's national table) and reshape.

The extract (``oecd_icio2025_2022_intermediate/`` of the real data folder) holds the
inter-industry block Z of 80 economies × 50 industries (million USD, 2022) and gross
output, but no value added and no final demand.

What is exact and what is a residual:

* ``Z``: the domestic block, rows and columns ``KAZ_*`` (exact, as published);
* ``x``: gross output (exact);
* ``V`` (primary inputs): *imported intermediates* from the 79 other economies (exact:
  the column sums of the non-KAZ rows of Kazakhstan's columns), and the *residual*
  ``x_j - Σ_i Z_ij`` over all 80 economies = value added + net taxes + inputs from the rest
  of the world (a residual, not published value added);
* ``Y`` (final uses): *intermediate exports* to the 79 other economies (exact:
  intermediate sales minus domestic intermediate sales) and the *residual*
  ``x_i - Σ_j Z_ij`` = domestic final demand + final exports + sales to the rest of the world.

The table carries the flag ``"primary inputs and final demand are residuals"``. Everything
that needs only Z and x (Leontief inverse, output multipliers, linkages, FLQ
regionalization, clusters) is exact; value-added and income multipliers are not offered.

References
----------
OECD (2025), Inter-Country Input-Output Tables, 2025 edition, http://oe.cd/icio.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..errors import ValidationError
from ..tables import IOTable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from ..gvc import InterCountryTable
    import os

__all__ = ["oecd_icio", "kazakhstan_icio_table", "icio_industry_names", "icio_intermediate_sourcing", "ICIO_FOLDER", "RESIDUAL_FLAG"]

#: The folder of the extract inside the real data folder.
ICIO_FOLDER = "oecd_icio2025_2022_intermediate"
#: The provenance flag of the table built here.
RESIDUAL_FLAG = ("primary inputs and final demand are residuals (the OECD ICIO extract gives "
                 "intermediate flows and gross output only)")

_Z = "icio2025_2022_Z.parquet"
_NODES = "icio2025_2022_nodes.csv"
_SECTORS = "OECD_ICIO_2025_sector_code_mapping.csv"

# Short names for the 50 OECD industries (the mapping file's names are up to 130 characters).
_SHORT = {
    "A01": "Agriculture", "A02": "Forestry", "A03": "Fishing", "B05": "Coal mining",
    "B06": "Crude oil and natural gas", "B07": "Metal ore mining", "B08": "Other mining and quarrying",
    "B09": "Mining support services", "C10T12": "Food, beverages and tobacco", "C13T15": "Textiles, apparel and leather",
    "C16": "Wood products", "C17_18": "Paper and printing", "C19": "Coke and refined petroleum",
    "C20": "Chemicals", "C21": "Pharmaceuticals", "C22": "Rubber and plastics", "C23": "Non-metallic minerals",
    "C24A": "Basic iron and steel", "C24B": "Precious and non-ferrous metals", "C25": "Fabricated metal products",
    "C26": "Computers and electronics", "C27": "Electrical equipment", "C28": "Machinery n.e.c.",
    "C29": "Motor vehicles", "C301": "Ships and boats", "C302T309": "Other transport equipment",
    "C31T33": "Furniture and other manufacturing", "D": "Electricity, gas and steam", "E": "Water, sewerage and waste",
    "F": "Construction", "G": "Wholesale and retail trade", "H49": "Land and pipeline transport",
    "H50": "Water transport", "H51": "Air transport", "H52": "Warehousing and transport services",
    "H53": "Postal and courier", "I": "Accommodation and food services", "J58T60": "Publishing and broadcasting",
    "J61": "Telecommunications", "J62_63": "IT and information services", "K": "Finance and insurance",
    "L": "Real estate", "M": "Professional and scientific services", "N": "Administrative services",
    "O": "Public administration", "P": "Education", "Q": "Health and social work", "R": "Arts and recreation",
    "S": "Other services", "T": "Private households",
}


def _folder(data_dir) -> Path:
    d = Path(data_dir)
    if (d / ICIO_FOLDER).is_dir():
        d = d / ICIO_FOLDER
    if not (d / _Z).is_file() or not (d / _NODES).is_file():
        raise ValidationError(f"{d} does not hold the OECD ICIO 2022 extract ({_Z}, {_NODES}); "
                              f"give the real data folder or its {ICIO_FOLDER}/ subfolder")
    return d


def icio_industry_names(data_dir: str | os.PathLike, *, short: bool = True) -> dict[str, str]:
    """OECD ICIO industry code -> name (``short=True``: names of at most ~35 characters).

    Parameters
    ----------
    data_dir : str or PathLike
        The real data folder (holding ``oecd_icio2025_2022_intermediate/``) or that folder.
    short : bool, default True
        Short names (at most ~35 characters) instead of the OECD's full names.

    Returns
    -------
    dict of str to str
        OECD ICIO industry code -> name (50 industries).

    Raises
    ------
    ValidationError
        If ``data_dir`` does not hold the OECD ICIO 2022 extract (the message names the files).

    References
    ----------
    .. [1] OECD (2025). *Inter-Country Input-Output tables*, 2025 release, year 2022. Paris: OECD.

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> names = icio_industry_names(d) if d else None
    >>> names is None or names["B06"] == "Crude oil and natural gas"
    True
    """
    d = _folder(data_dir)
    m = pd.read_csv(d / _SECTORS, dtype=str, encoding="utf-8-sig")
    full = dict(zip(m.iloc[:, 0].str.strip(), m.iloc[:, 1].str.strip()))
    return {c: (_SHORT.get(c, n) if short else n) for c, n in full.items()}


def oecd_icio(data_dir: str | os.PathLike) -> InterCountryTable:
    """The OECD ICIO 2022 extract as an intermediate-only inter-country table, read once per process.

    A cached call of :func:`valuechain.gvc.read_zx` on the extract's folder (``data_dir`` may
    be the real data folder or the extract's folder itself). The report's national table,
    its sourcing section and its GVC-position section all use this one table.

    Parameters
    ----------
    data_dir : str or PathLike
        The real data folder or the extract's folder.

    Returns
    -------
    InterCountryTable
        The intermediate-only inter-country table (million USD), cached per folder.

    Raises
    ------
    ValidationError
        If the folder does not hold the extract.

    References
    ----------
    .. [1] OECD (2025). *Inter-Country Input-Output tables*, 2025 release, year 2022. Paris: OECD.

    Examples
    --------
    >>> oecd_icio("/nonexistent")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: /nonexistent does not hold the OECD ICIO 2022 extract ...
    """
    return _read_cached(str(_folder(data_dir).resolve()))


@functools.lru_cache(maxsize=2)
def _read_cached(folder: str):
    import warnings

    from ..gvc import read_zx

    # the extract's 51 zero-output nodes (e.g. AGO|T) and two nodes with negative residual value
    # added (CYP|H51, ISL|C21) are known properties of the data (see its PROVENANCE.md); the
    # readers' warnings about them are not repeated on every report
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*(zero output|negative value added).*")
        return read_zx(folder, unit="million USD", name="OECD ICIO 2025 edition, 2022 (intermediate flows and output)",
                       source="OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022: intermediate flows and gross output")


def kazakhstan_icio_table(data_dir: str | os.PathLike, *, country: str = "KAZ", names: bool = True,
                          drop_zero_output: bool = True) -> IOTable:
    r"""Kazakhstan's (or ``country``'s) domestic 50-industry table, 2022, million USD.

    A thin wrapper of :func:`valuechain.gvc.domestic_table` on :func:`oecd_icio` (the GVC
    family does the economics): it only relabels industries by name, splits the residual
    final use into intermediate exports (sales to the table's other economies, exact) and the
    rest, and names the primary-input rows.

    Parameters
    ----------
    data_dir : path
        The real data folder (holding ``oecd_icio2025_2022_intermediate/``) or that folder.
    country : str
        ISO3 code of an economy of the extract (default ``"KAZ"``).
    names : bool
        Label industries by short names ("Crude oil and natural gas") instead of codes ("B06").
    drop_zero_output : bool
        Drop industries with zero output (Kazakhstan has a few).

    Returns
    -------
    IOTable
        ``Z`` domestic block; ``V`` rows ``imported intermediates`` and ``value added and
        other inputs (residual)``; ``Y`` columns ``intermediate exports`` and ``final uses
        (residual)``; flagged :data:`RESIDUAL_FLAG`. Row and column sums equal gross output:

        .. math:: x_i = \sum_j Z_{ij} + \sum_k Y_{ik}, \qquad x_j = \sum_i Z_{ij} + \sum_r V_{rj}.

    Raises
    ------
    ValidationError
        If ``data_dir`` does not hold the OECD ICIO 2022 extract (the message names the files).

    References
    ----------
    .. [1] OECD (2025). *Inter-Country Input-Output tables*, 2025 release, year 2022. Paris: OECD.

    Examples
    --------
    The extract is read from the data folder (about 10 s); without it the error says what
    is missing:

    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> t = kazakhstan_icio_table(d)   # doctest: +SKIP
    >>> t.Z.shape                      # doctest: +SKIP
    (50, 50)
    >>> kazakhstan_icio_table("/nonexistent")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: /nonexistent does not hold the OECD ICIO 2022 extract ...
    """
    from ..gvc import domestic_table

    d = _folder(data_dir)
    icio = oecd_icio(d)
    if country not in list(icio.countries):
        raise ValidationError(f"country {country!r} is not in the OECD ICIO extract; use an ISO3 code such as KAZ, RUS, CHL")
    dom = domestic_table(icio, country)
    codes = list(dom.industries)
    # sales of the country's industries to the table's other economies (a selection of Z, exact)
    rows = icio.Z.loc[country]
    inter_exports = rows.loc[:, [c != country for c in rows.columns.get_level_values(0)]].sum(axis=1).reindex(codes)
    lab = icio_industry_names(d) if names else {c: c for c in codes}
    ind = [lab.get(c, c) for c in codes]
    other = dom.Y["other_uses"].to_numpy()
    Z = pd.DataFrame(dom.Z.to_numpy(), index=ind, columns=ind)
    Y = pd.DataFrame({"intermediate exports": inter_exports.to_numpy(),
                      "final uses (residual)": other - inter_exports.to_numpy()}, index=ind)
    V = pd.DataFrame(dom.V.loc[["imported_intermediates", "value_added_residual"]].to_numpy(),
                     index=["imported intermediates", "value added and other inputs (residual)"], columns=ind)
    xs = pd.Series(dom.x.to_numpy(), index=ind)
    country_name = _country_name(d, country)
    return IOTable.from_frames(
        Z, Y, V, xs,
        roles={"imports": ["imported intermediates"], "exports": ["intermediate exports"],
               "value_added": ["value added and other inputs (residual)"],
               "negative_ok": ["final uses (residual)", "value added and other inputs (residual)"]},
        name=f"{country_name} 2022, domestic table from the OECD ICIO (50 industries)", unit="million USD",
        source="OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022: domestic block and gross output",
        flags=(RESIDUAL_FLAG,), rtol=1e-6, check_balance="raise", drop_zero_output=drop_zero_output,
    )


def _country_name(d: Path, code: str) -> str:
    p = d / "OECD_ICIO_2025_country_code_mapping.csv"
    try:
        m = pd.read_csv(p, dtype=str, encoding="utf-8-sig")
        return dict(zip(m.iloc[:, 0], m.iloc[:, 1])).get(code, code)
    except OSError:  # pragma: no cover
        return code



def icio_intermediate_sourcing(data_dir: str | os.PathLike, *, country: str = "KAZ") -> tuple[pd.DataFrame, pd.DataFrame]:
    r"""Where ``country``'s industries buy their intermediate inputs, from the ICIO extract (exact).

    A thin wrapper of :func:`valuechain.gvc.input_sourcing` on :func:`oecd_icio`, reshaped
    into two frames (million USD):

    * ``by_partner``: ``partner, intermediates`` — intermediate inputs bought from each of
      the 80 economies (the country itself = domestic), summed over the country's industries;
    * ``by_industry``: ``industry, domestic, imported, foreign_share`` — each industry's
      intermediate inputs from home and from the 79 other economies, and the foreign share

      .. math:: s^F_j = 100\,\frac{\sum_{i \notin c} Z_{ij}}{\sum_i Z_{ij}}.

    Inputs from the rest of the world outside the 80 economies are not in the extract.

    Parameters
    ----------
    data_dir : str or PathLike
        The real data folder (holding ``oecd_icio2025_2022_intermediate/``) or that folder.
    country : str, default "KAZ"
        ISO3 code of an economy of the extract.

    Returns
    -------
    tuple of (DataFrame, DataFrame)
        ``by_partner`` (``partner, intermediates``, 80 rows) and ``by_industry``
        (``industry, domestic, imported, foreign_share``; million USD, the share in per cent).

    Raises
    ------
    ValidationError
        If ``data_dir`` does not hold the OECD ICIO 2022 extract (the message names the files).

    References
    ----------
    .. [1] OECD (2025). *Inter-Country Input-Output tables*, 2025 release, year 2022. Paris: OECD.

    Examples
    --------
    The extract is read from the data folder (about 10 s):

    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> by_partner, by_industry = icio_intermediate_sourcing(d)   # doctest: +SKIP
    >>> list(by_industry.columns)                                   # doctest: +SKIP
    ['industry', 'domestic', 'imported', 'foreign_share']
    >>> icio_intermediate_sourcing("/nonexistent")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: /nonexistent does not hold the OECD ICIO 2022 extract ...
    """
    from ..gvc import input_sourcing

    d = _folder(data_dir)
    icio = oecd_icio(d)
    if country not in list(icio.countries):
        raise ValidationError(f"country {country!r} is not in the OECD ICIO extract; use an ISO3 code such as KAZ, RUS, CHL")
    p = input_sourcing(icio, country)
    by_partner = p[["partner", "intermediate_inputs"]].rename(columns={"intermediate_inputs": "intermediates"})
    by_partner = by_partner.sort_values("partner", kind="stable").reset_index(drop=True)
    s = input_sourcing(icio, country, by_industry=True)
    home = s["partner"] == country
    dom = s[home].groupby("industry", sort=False)["intermediate_inputs"].sum()
    imp = s[~home].groupby("industry", sort=False)["intermediate_inputs"].sum()
    codes = list(icio.industries)
    names = icio_industry_names(d)
    by_ind = pd.DataFrame({"industry": [names.get(c, c) for c in codes],
                           "domestic": dom.reindex(codes).to_numpy(), "imported": imp.reindex(codes).to_numpy()})
    # the foreign share is gvc's share_of_all_inputs summed over foreign partners (no new arithmetic)
    fs = s[~home].groupby("industry", sort=False)["share_of_all_inputs"].sum(min_count=1).reindex(codes)
    by_ind["foreign_share"] = (100 * fs.to_numpy()).astype(float)
    return by_partner, by_ind
