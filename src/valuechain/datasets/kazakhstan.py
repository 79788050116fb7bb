"""A 35-industry Kazakhstan IO table estimated by RAS, and a SYNTHETIC East Kazakhstan employment vector.

No full Kazakhstan input-output table is held. :func:`kazakhstan_table` estimates a
domestic-flow table by RAS:

* **prior**: the domestic technical coefficients of the BRIIAT block (Brazil, Russia,
  India, Indonesia, Australia, Turkey) of the WIOD 2011 release aggregated to 7
  regions × 35 industries (``wiod2011_decompr_7reg35ind``). BRIIAT is the WIOD region
  whose members are closest to Kazakhstan: resource-exporting, middle-income, with
  Russia (a post-Soviet economy with a similar industrial structure and Kazakhstan's
  main supplier) and Australia (mining-intensive) among them. The 35 WIOD industries are
  the ADB MRIO sectors in the same order.
* **margins**: ADB MRIO sector aggregates for Kazakhstan (economy 49,
  ``adb_mrio_summary_kaz``), latest year (2022 by default): output ``x``, intermediate
  use ``zuse``, value added ``va``, intermediate sales ``zsales``, final demand ``y``,
  and the own-economy parts of sales ``ez``/``ey`` (see Notes).

Every table built here carries ``flags=("estimated by RAS", ...)``; every employment
frame from :func:`east_kazakhstan_employment` says ``synthetic`` in its ``note`` column.

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 7.4
   (updating coefficients by RAS from a prior and new margins).
.. [2] Timmer, M. (ed.) (2012). The World Input-Output Database (WIOD): contents,
   sources and methods. WIOD Working Paper 10.
.. [3] Asian Development Bank. Multiregional Input-Output Database (via
   ksreyes/mrio-processing ``summary.parquet``).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .._data import shared_data_dir
from ..errors import DataNotFoundError, SyntheticDataWarning, ValidationError
from ..tables.iotable import IOTable
from ..regional.ras import RASResult, ras

__all__ = [
    "KAZ_INDUSTRIES",
    "kazakhstan_margins",
    "kazakhstan_table",
    "kazakhstan_ras",
    "east_kazakhstan_employment",
    "EAST_KAZAKHSTAN",
]

#: ADB MRIO / WIOD 35 sectors (short names of ``sectors.csv``), in code order 1..35.
KAZ_INDUSTRIES: tuple[str, ...] = (
    "Agriculture", "Mining", "Food & beverages", "Textiles", "Leather", "Wood", "Paper",
    "Refined fuels", "Chemicals", "Rubber", "Other minerals", "Metals", "Other machinery",
    "Electricals", "Transport equipment", "Other manufacturing", "Utilities", "Construction",
    "Sale of motor vehicles", "Wholesale trade", "Retail trade & repair", "Hotels & restaurants",
    "Inland transport", "Water transport", "Air transport", "Other transport services",
    "Telecommunications", "Finance", "Real estate", "Other business services",
    "Public administration", "Education", "Social work", "Other personal services",
    "Private households",
)

EAST_KAZAKHSTAN = "East Kazakhstan"
_KAZ_ECONOMY = 49
_FLAGS = ("estimated by RAS",)


def _folder(data_dir, name: str) -> Path:
    base = Path(data_dir) if data_dir is not None else shared_data_dir()
    if base is None:
        raise DataNotFoundError(
            "the shared data folder was not found; pass data_dir= or set VALUECHAIN_DATA to the folder holding "
            f"{name}/"
        )
    d = base / name
    if not d.is_dir():
        raise DataNotFoundError(f"{d} is missing; the Kazakhstan table needs {name}/ in the data folder")
    return d


def kazakhstan_margins(data_dir: str | os.PathLike | None = None, *, year: int | None = None) -> pd.DataFrame:
    """ADB MRIO Kazakhstan sector aggregates (million USD) for one year, with derived columns.

    Parameters
    ----------
    data_dir : str or PathLike, optional
        The shared data folder (default :func:`~valuechain.datasets.shared_data_dir`).
    year : int, optional
        ADB data year (default: the latest, 2022).

    Returns
    -------
    DataFrame
        One row per industry (:data:`KAZ_INDUSTRIES`) with the ADB columns ``x, zuse, va,
        zsales, y, ez, ey`` and the derived ``exports = x - ez - ey``, ``domestic_final =
        ey``, ``domestic_intermediate_sales = ez`` (million USD). The data year is in
        ``attrs["year"]``.

    Raises
    ------
    DataNotFoundError
        If the data folder or its files are not there (the message says how to fix it).

    Notes
    -----
    In the stored summary the columns ``e``/``ez``/``ey`` behave as sales to the *own*
    economy, not exports: for Kazakhstan's public administration ``e = x`` and for the
    PRC ``e/x = 0.92`` (2022). They are used here in that sense: ``ez`` = domestic
    intermediate sales (the row margins of the domestic ``Z``), ``ey`` = domestic final
    demand, and exports = ``x - ez - ey``.

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> m = kazakhstan_margins(d) if d else None
    >>> m is None or (len(m), m.attrs["year"]) == (35, 2022)
    True
    """
    d = _folder(data_dir, "adb_mrio_summary_kaz")
    f = d / "kaz_sector_summary_2017_2022.csv"
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; it holds the ADB MRIO Kazakhstan margins")
    df = pd.read_csv(f)
    df = df[df["s"] == _KAZ_ECONOMY]
    years = sorted(df["t"].unique())
    if not years:
        raise ValidationError(f"{f} has no rows for Kazakhstan (economy {_KAZ_ECONOMY})")
    yr = int(years[-1]) if year is None else int(year)
    if yr not in years:
        raise ValidationError(f"year {yr} is not in the ADB Kazakhstan summary; choose one of {', '.join(map(str, years))}")
    df = df[df["t"] == yr].sort_values("i")
    if list(df["i"]) != list(range(1, 36)):
        raise ValidationError(f"{f} does not have the 35 ADB sectors for {yr}")
    out = df[["x", "zuse", "va", "zsales", "y", "ez", "ey"]].astype(float).reset_index(drop=True)
    out.index = pd.Index(KAZ_INDUSTRIES, name="industry")
    out["domestic_intermediate_sales"] = out["ez"]
    out["domestic_final"] = out["ey"]
    exp = (out["x"] - out["ez"] - out["ey"]).to_numpy()
    tiny = np.abs(exp) <= 1e-9 * np.maximum(out["x"].to_numpy(), 1.0)
    if (exp[~tiny] < 0).any():
        raise ValidationError("own-economy sales exceed output for some Kazakhstan sector; the ADB file is not as expected")
    out["exports"] = np.where(tiny, 0.0, exp)  # rounding noise of order 1e-12 set to 0
    out.attrs["year"] = yr
    return out


def _briiat_prior(data_dir, region: str) -> tuple[pd.DataFrame, pd.Series]:
    """Domestic coefficients ``A_rr`` of a WIOD region and the domestic share of each column's inputs."""
    d = _folder(data_dir, "wiod2011_decompr_7reg35ind")
    Z = pd.read_csv(d / "Z_intermediate.csv", index_col=0)
    x = pd.read_csv(d / "x_output.csv", index_col=0).iloc[:, 0]
    cols = [c for c in Z.columns if c.split("|")[0] == region]
    if len(cols) != 35:
        regions = sorted({c.split("|")[0] for c in Z.columns})
        raise ValidationError(f"WIOD region {region!r} not found; choose one of {', '.join(regions)}")
    Zrr = Z.loc[cols, cols].to_numpy(dtype=float)
    xr = x.loc[cols].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        A = np.where(xr > 0, Zrr / np.where(xr > 0, xr, 1.0)[None, :], 0.0)
        tot = Z.loc[:, cols].to_numpy(dtype=float).sum(axis=0)
        dom = np.where(tot > 0, Zrr.sum(axis=0) / np.where(tot > 0, tot, 1.0), 1.0)
    lab = pd.Index(KAZ_INDUSTRIES)
    return pd.DataFrame(A, index=lab, columns=lab), pd.Series(dom, index=lab, name="domestic_share")


def kazakhstan_ras(
    data_dir: str | os.PathLike | None = None,
    *,
    year: int | None = None,
    prior_region: str = "BRIIAT",
    tol: float = 1e-10,
) -> tuple[IOTable, RASResult, pd.DataFrame]:
    r"""Estimate the Kazakhstan table by RAS and return it with the RAS result and the margins.

    Steps (all in million USD):

    1. prior :math:`Z^{(0)} = A^{BRIIAT} \hat x^{KAZ}` (WIOD domestic coefficients times
       Kazakhstan's output; Miller & Blair 2009, sec. 7.4.2);
    2. row margins :math:`u_i = ez_i`, Kazakhstan's sales of intermediates to its own
       industries;
    3. column margins :math:`v_j = zuse_j - m_j`, intermediate inputs bought at home,
       where imported intermediates :math:`m_j = k\,(1-d_j)\,zuse_j` use the prior
       region's import share :math:`1-d_j` of column ``j`` scaled by ``k`` so that
       :math:`\sum_j m_j = \sum_j zuse_j - \sum_i ez_i` (the ADB total);
    4. :math:`Z = \hat r Z^{(0)} \hat s` by :func:`~valuechain.regional.ras.ras`.

    The table: ``Y`` = domestic final demand ``ey`` and exports ``x - ez - ey``;
    ``V`` = imported intermediates ``m`` and value added ``va``; it balances by
    construction (``Z1 + Y1 = x`` and ``1'Z + 1'V = x``).

    Parameters
    ----------
    data_dir : str or PathLike, optional
        The shared data folder (default :func:`~valuechain.datasets.shared_data_dir`).
    year : int, optional
        ADB data year (default: the latest, 2022).
    prior_region : str, default "BRIIAT"
        WIOD region whose domestic coefficients are the prior.
    tol : float, default 1e-10
        RAS tolerance on the margins (relative to the largest margin).

    Returns
    -------
    tuple of (IOTable, RASResult, DataFrame)
        The estimated table (million USD, flagged ``"estimated by RAS"``), the RAS result
        (multipliers, iterations, residual) and the margins (:func:`kazakhstan_margins`).

    Raises
    ------
    DataNotFoundError
        If the data folder or its files are not there (the message says how to fix it).
    ConvergenceError
        If RAS does not converge.

    References
    ----------
    .. [1] Stone, R. (1961). *Input-Output and National Accounts*. Paris: OEEC.
    .. [2] Bacharach, M. (1970). *Biproportional Matrices and Input-Output Change*. Cambridge University Press.
    .. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 7.4.2 (RAS).

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> out = kazakhstan_ras(d) if d else None
    >>> out is None or out[1].converged
    True
    """
    mg = kazakhstan_margins(data_dir, year=year)
    A0, dom = _briiat_prior(data_dir, prior_region)
    x = mg["x"].to_numpy()
    Z0 = A0.to_numpy() * x[None, :]
    u = mg["ez"].to_numpy()
    zuse = mg["zuse"].to_numpy()
    M_total = zuse.sum() - u.sum()
    if M_total < 0:
        raise ValidationError(
            f"domestic intermediate sales ({u.sum():.6g}) exceed total intermediate use ({zuse.sum():.6g}); "
            "the ADB margins are inconsistent"
        )
    w = (1.0 - dom.to_numpy()) * zuse
    m = w * (M_total / w.sum()) if w.sum() > 0 else np.zeros_like(w)
    if (m > zuse + 1e-9).any():
        raise ValidationError("the import-share estimate exceeds intermediate use for some industry; use another prior_region")
    v = zuse - m
    lab = pd.Index(KAZ_INDUSTRIES, name="industry")
    res = ras(pd.DataFrame(Z0, index=lab, columns=lab), pd.Series(u, index=lab), pd.Series(v, index=lab), tol=tol)
    Z = res.matrix
    Y = pd.DataFrame({"domestic_final_demand": mg["ey"].to_numpy(), "exports": mg["exports"].to_numpy()}, index=lab)
    V = pd.DataFrame([m, mg["va"].to_numpy()], index=["imports", "value_added"], columns=lab)
    yr = mg.attrs["year"]
    flags = _FLAGS + (f"prior: WIOD 2011 {prior_region} domestic coefficients", f"margins: ADB MRIO Kazakhstan {yr}")
    table = IOTable.from_frames(
        Z, Y, V, pd.Series(x, index=lab),
        roles={"value_added": ["value_added"], "imports": ["imports"], "exports": ["exports"]},
        name=f"Kazakhstan {yr}, 35 industries (estimated by RAS)",
        unit="million USD",
        source=(
            f"estimated by RAS: prior = WIOD 2011 release {prior_region} domestic coefficients (decompr 7x35); "
            f"margins = ADB MRIO Kazakhstan {yr} sector aggregates"
        ),
        flags=flags,
        rtol=1e-6,
    )
    margins = mg.assign(imports_intermediate=m, domestic_intermediate_use=v, prior_domestic_share=dom.to_numpy())
    return table, res, margins


def kazakhstan_table(
    data_dir: str | os.PathLike | None = None,
    *,
    year: int | None = None,
    prior_region: str = "BRIIAT",
) -> IOTable:
    """The 35-industry Kazakhstan domestic-flow IO table, **estimated by RAS** (see :func:`kazakhstan_ras`).

    Parameters
    ----------
    data_dir : path, optional
        The shared data folder (default :func:`valuechain._data.shared_data_dir`).
    year : int, optional
        ADB data year (default: the latest, 2022).
    prior_region : str, default "BRIIAT"
        WIOD region whose domestic coefficients are the prior.

    Returns
    -------
    IOTable
        Flagged ``"estimated by RAS"``; ``name`` and ``source`` say so.

    Raises
    ------
    DataNotFoundError
        If the data folder or its files are not there (the message says how to fix it).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 7.4.2 (RAS).

    Examples
    --------
    >>> from valuechain.datasets import shared_data_dir
    >>> d = shared_data_dir()      # ../shared/data or $VALUECHAIN_DATA; None where it is absent
    >>> t = kazakhstan_table(d) if d else None
    >>> t is None or (t.Z.shape, t.flags[0]) == ((35, 35), "estimated by RAS")
    True
    """
    return kazakhstan_ras(data_dir, year=year, prior_region=prior_region)[0]


# ------------------------------------------------------------------ synthetic employment
#: SYNTHETIC national employment shares (per cent) by industry: rounded, plausible
#: magnitudes for an economy like Kazakhstan's (agriculture and trade large, mining
#: capital-intensive), NOT official statistics.
_NATIONAL_SHARES = np.array([
    13.0, 2.9, 1.4, 0.4, 0.05, 0.3, 0.4,   # agriculture .. paper
    0.3, 0.5, 0.3, 0.9, 1.6, 0.6,           # refined fuels .. other machinery
    0.3, 0.3, 0.4, 1.9, 7.3,                # electricals .. construction
    1.5, 6.5, 8.0, 2.2,                     # motor-vehicle trade .. hotels
    5.5, 0.1, 0.2, 1.6, 1.6,                # inland .. telecom
    1.2, 2.5, 4.5, 4.9, 10.3, 6.3, 4.5, 0.5,  # finance .. private households
])
#: SYNTHETIC location quotients of East Kazakhstan (metallurgy-heavy: non-ferrous
#: metallurgy, ore mining, machinery and electrical equipment, forestry and wood,
#: energy), NOT official statistics.
_EAST_LQ = np.array([
    1.15, 1.9, 0.9, 0.8, 0.6, 1.8, 0.8,
    0.1, 0.9, 0.9, 1.3, 4.2, 1.7,
    1.5, 1.0, 1.1, 1.4, 0.9,
    0.9, 0.8, 0.95, 0.8,
    1.0, 0.2, 0.5, 0.8, 0.9,
    0.7, 0.8, 0.7, 0.95, 1.0, 1.0, 0.9, 0.8,
])


def east_kazakhstan_employment(
    *,
    national_total: float = 8_800_000.0,
    regional_share: float = 0.07,
    warn: bool = True,
) -> pd.DataFrame:
    r"""A **SYNTHETIC** employment vector for East Kazakhstan and Kazakhstan (35 industries).

    Regional employment for Kazakhstan's oblasts is not held; this documented stand-in
    lets the regional method run end to end. It is not data.

    .. math::

        E^n_i = T \cdot \sigma_i / \textstyle\sum_k \sigma_k, \qquad
        E^r_i = E^n_i \cdot LQ_i \cdot \frac{\rho\, T}{\sum_k E^n_k\, LQ_k}

    so that the region's total is :math:`\rho T` and its simple location quotients are
    proportional to the chosen :math:`LQ_i` (Basic metals ≈ 4.2, Mining ≈ 1.9, Wood ≈
    1.8, Machinery ≈ 1.7, Electricals ≈ 1.5, Utilities ≈ 1.4; refined fuels and water
    transport ≈ 0.1-0.2), following the seed study's description of the region
    (non-ferrous metallurgy, machinery and metal processing, energy, forestry and
    woodworking).

    Parameters
    ----------
    national_total : float, default 8.8 million
        Total national employment (persons; rounded, synthetic).
    regional_share : float, default 0.07
        East Kazakhstan's share of national employment (synthetic; the region has about
        7 per cent of the population).
    warn : bool, default True
        Emit a :class:`~valuechain.errors.SyntheticDataWarning`.

    Returns
    -------
    DataFrame
        The employment-file schema ``industry, region, employment`` with regions
        ``"East Kazakhstan"`` and ``"national"`` (70 rows), plus a ``note`` column that
        says ``synthetic`` on every row.

    Examples
    --------
    >>> e = east_kazakhstan_employment(warn=False)
    >>> e.shape, sorted(e.region.unique())
    ((70, 4), ['East Kazakhstan', 'national'])
    >>> round(float(e[e.region == "East Kazakhstan"].employment.sum()) / 8.8e6, 2)   # the regional share
    0.07
    """
    if not (0 < regional_share < 1):
        raise ValidationError(f"regional_share must be between 0 and 1; got {regional_share}")
    if not (national_total > 0):
        raise ValidationError(f"national_total must be positive; got {national_total}")
    nat = national_total * _NATIONAL_SHARES / _NATIONAL_SHARES.sum()
    reg = nat * _EAST_LQ
    reg *= regional_share * national_total / reg.sum()
    if (reg > nat).any():  # pragma: no cover - guarded by the chosen LQs and share
        raise ValidationError("regional_share too large for the synthetic location quotients; lower it")
    note = "SYNTHETIC (not official statistics): valuechain east_kazakhstan_employment()"
    out = pd.concat(
        [
            pd.DataFrame({"industry": KAZ_INDUSTRIES, "region": EAST_KAZAKHSTAN, "employment": np.round(reg), "note": note}),
            pd.DataFrame({"industry": KAZ_INDUSTRIES, "region": "national", "employment": np.round(nat), "note": note}),
        ],
        ignore_index=True,
    )
    out.attrs["flags"] = ["synthetic: East Kazakhstan employment is a documented synthetic vector, not official statistics"]
    out.attrs["source"] = "SYNTHETIC East Kazakhstan employment (valuechain.regional.east_kazakhstan_employment)"
    if warn:
        warnings.warn(
            "east_kazakhstan_employment() is SYNTHETIC: a documented stand-in, not official statistics",
            SyntheticDataWarning,
            stacklevel=2,
        )
    return out
