"""Location quotients: the formulas, their registry and the checks of their inputs.

The location-quotient (LQ) family estimates a region's intraregional input
coefficients from the national ones and a size measure by industry (employment here):

.. math:: a^r_{ij} = a^n_{ij} \\cdot \\min(LQ_{ij}, 1)

row-wise for SLQ and PLQ (one quotient per selling industry *i*), cell-wise for the
cross-industry quotients (CILQ, FLQ, AFLQ, SFLQ). The part of the national coefficient
that is removed, :math:`a^n_{ij} - a^r_{ij}`, is bought from the rest of the country.

Notation: :math:`e^r_i`, :math:`e^n_i` regional and national employment of industry *i*;
:math:`E_r = \\sum_i e^r_i`, :math:`E_n = \\sum_i e^n_i`.

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.
   (ch. 8, nonsurvey methods: SLQ, purchases-only LQ, CILQ, FLQ).
.. [2] Round, J. I. (1978). An interregional input-output approach to the evaluation of
   nonsurvey methods. *Journal of Regional Science* 18(2), 179-194.
.. [3] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of
   location quotients in generating regional input-output tables. *Regional Studies*
   29(6), 547-561.
.. [4] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location
   quotients in generating regional input-output tables: reply. *Regional Studies*
   31(8), 795-805 (:math:`\\lambda^*` and the FLQ).
.. [5] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and
   the FLQ formula. *Regional Studies* 34(6), 563-569 (the AFLQ).
.. [6] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ
   formula: a case study of Finland. *Regional Studies* 47(5), 703-721.
.. [7] Kowalewski, J. (2015). Regionalization of national input-output tables:
   empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250
   (the SFLQ, industry-specific :math:`\\delta_j`).
"""


from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from ..errors import ValidationError

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = [
    "LQ_REGISTRY",
    "LQ_METHODS",
    "ROW_METHODS",
    "DELTA_METHODS",
    "LQMethod",
    "lq_method",
    "lambda_star",
    "slq",
    "plq",
    "cilq",
    "flq",
    "aflq",
    "sflq",
    "location_quotients",
]

DIAGONALS = ("slq", "formula")


# --------------------------------------------------------------------- helpers
def _vec(v, name: str) -> pd.Series:
    if isinstance(v, pd.Series):
        s = v.astype(float).copy()
        s.index = s.index.map(str)
    else:
        arr = np.asarray(v, dtype=float).ravel()
        s = pd.Series(arr, index=pd.Index([str(i) for i in range(arr.size)]))
    if not np.isfinite(s.to_numpy()).all():
        raise ValidationError(f"{name} has a missing or infinite value; give a finite number for every industry")
    if (s.to_numpy() < 0).any():
        raise ValidationError(f"{name} has a negative value ({s.index[s.to_numpy() < 0][0]}); sizes must be >= 0")
    return s


def employment_pair(regional, national) -> tuple[pd.Series, pd.Series]:
    r = _vec(regional, "regional employment")
    n = _vec(national, "national employment")
    if len(r) != len(n):
        raise ValidationError(f"regional ({len(r)}) and national ({len(n)}) vectors differ in length; give both for the same industries")
    if not r.index.equals(n.index):
        if set(r.index) == set(n.index):
            r = r.reindex(n.index)
        elif not isinstance(regional, pd.Series) or not isinstance(national, pd.Series):
            r.index = n.index if isinstance(national, pd.Series) else r.index
            n.index = r.index
        else:
            raise ValidationError("regional and national vectors have different industry labels; align them first")
    if (n.to_numpy() <= 0).any():
        raise ValidationError(
            f"national employment is zero for {list(n.index[n.to_numpy() <= 0])[:5]}; every industry needs national employment"
        )
    if (r.to_numpy() > n.to_numpy() * (1 + 1e-12)).any():
        k = int(np.argmax(r.to_numpy() - n.to_numpy()))
        raise ValidationError(f"regional employment exceeds national in {r.index[k]!r} ({r.iat[k]:g} > {n.iat[k]:g}); the region must be part of the nation")
    if r.sum() <= 0:
        raise ValidationError("regional employment is zero in every industry; check the region")
    return r, n


def check_delta(delta: float, name: str = "delta") -> float:
    try:
        d = float(delta)
    except (TypeError, ValueError):
        raise ValidationError(f"{name}={delta!r} is not a number; give a value in (0, 1), e.g. 0.3") from None
    if not (0.0 < d < 1.0):
        raise ValidationError(
            f"{name}={d:g} is outside (0, 1); Flegg's delta must lie strictly between 0 and 1 "
            "(typical 0.1-0.4, default 0.3)"
        )
    return d


def check_diagonal(diagonal: str) -> str:
    if diagonal not in DIAGONALS:
        raise ValidationError(f"diagonal={diagonal!r}; use 'slq' (Round 1978, the default) or 'formula'")
    return diagonal


def _safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = num / den
    out = np.where(den == 0, np.where(num > 0, np.inf, np.nan), out)
    return out


# --------------------------------------------------------------------- quotients
def lambda_star(regional_total: float, national_total: float, delta: float = 0.3) -> float:
    r"""Flegg's regional-size scalar.

    .. math:: \lambda^* = \left[\log_2\left(1 + \frac{E_r}{E_n}\right)\right]^{\delta}

    Parameters
    ----------
    regional_total : float
        Regional employment :math:`E_r` (persons, or the size measure's unit).
    national_total : float
        National employment :math:`E_n`, at least :math:`E_r`.
    delta : float, default 0.3
        Flegg's :math:`\delta \in (0, 1)`.

    Returns
    -------
    float
        :math:`\lambda^* \in (0, 1]`; smaller for smaller regions and larger :math:`\delta`.

    Raises
    ------
    ValidationError
        If :math:`\delta \notin (0, 1)` or the totals are not positive with
        :math:`E_r \le E_n`.

    References
    ----------
    .. [1] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    A region with a fifth of national employment: :math:`\log_2(1.2)^{0.3} = 0.2630^{0.3} = 0.6699`.

    >>> round(lambda_star(100, 500), 4)
    0.6699
    """
    d = check_delta(delta)
    er, en = float(regional_total), float(national_total)
    if not (en > 0 and 0 < er <= en * (1 + 1e-12)):
        raise ValidationError(f"regional total {er:g} and national total {en:g}: need 0 < E_r <= E_n")
    return float(np.log2(1.0 + er / en) ** d)


def slq(regional: pd.Series, national: pd.Series) -> pd.Series:
    r"""Simple location quotient.

    .. math:: SLQ_i = \frac{e^r_i / E_r}{e^n_i / E_n}

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).

    Returns
    -------
    Series
        :math:`SLQ_i` by industry, named ``slq``. Applied row-wise: every purchase from
        industry *i* is scaled by :math:`\min(SLQ_i, 1)`.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    By hand: :math:`(10/100)/(100/500) = 0.5`, :math:`(40/100)/(100/500) = 2`.

    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> slq(r, n).round(4).tolist()
    [0.5, 2.0, 0.8333]
    """
    r, n = employment_pair(regional, national)
    return pd.Series((r.to_numpy() / r.sum()) / (n.to_numpy() / n.sum()), index=n.index, name="slq")


def plq(regional: pd.Series, national: pd.Series, A: ArrayLike | pd.DataFrame) -> pd.Series:
    r"""Purchases-only location quotient.

    .. math:: PLQ_i = \frac{e^r_i / E^{r*}_i}{e^n_i / E^{n*}_i}, \qquad
              E^{r*}_i = \sum_{j:\,a^n_{ij} > 0} e^r_j, \quad
              E^{n*}_i = \sum_{j:\,a^n_{ij} > 0} e^n_j

    The denominators count only the industries that buy from *i*. An industry sold to nobody gets the SLQ.

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    A : DataFrame or array (n, n)
        National technical coefficients (only which cells are positive matters).

    Returns
    -------
    Series
        :math:`PLQ_i` by selling industry, named ``plq``.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients). ("purchases-only" LQ)

    Examples
    --------
    By hand: ``agri`` sells to ``agri`` and ``manu``: :math:`(10/50)/(100/200) = 0.4`.

    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> A = pd.DataFrame([[0.1, 0.2, 0.0], [0.1, 0.1, 0.1], [0.0, 0.2, 0.1]], index=r.index, columns=r.index)
    >>> plq(r, n, A).round(4).tolist()
    [0.4, 2.0, 0.7407]
    """
    r, n = employment_pair(regional, national)
    Aa = A.reindex(index=n.index, columns=n.index).to_numpy(float) if isinstance(A, pd.DataFrame) else np.asarray(A, float)
    if Aa.shape != (len(n), len(n)):
        raise ValidationError(f"A is {Aa.shape[0]}x{Aa.shape[1]} but there are {len(n)} industries")
    buys = Aa > 0
    er_star = buys @ r.to_numpy()
    en_star = buys @ n.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        q = (r.to_numpy() / er_star) / (n.to_numpy() / en_star)
    nobody = ~buys.any(axis=1) | (er_star == 0)
    base = slq(r, n).to_numpy()
    # no regional buyer: the regional purchases are zero anyway; keep the SLQ
    q = np.where(nobody, base, q)
    return pd.Series(q, index=n.index, name="plq")


def cilq(regional: pd.Series, national: pd.Series, *, diagonal: str = "slq") -> pd.DataFrame:
    r"""Cross-industry location quotient (rows sell, columns buy).

    .. math:: CILQ_{ij} = \frac{SLQ_i}{SLQ_j} = \frac{e^r_i / e^n_i}{e^r_j / e^n_j}

    On the diagonal the formula gives 1; following
    Round (1978) and Flegg et al. (1995) the diagonal is replaced by :math:`SLQ_i`
    (``diagonal="slq"``, the default); ``diagonal="formula"`` keeps the 1.

    A buying industry absent from the region (:math:`SLQ_j = 0`) gives ``inf`` (its
    column is irrelevant: it has no regional output); 0/0 gives ``nan``.

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default; Round 1978,
        Flegg et al. 1995) or the formula's value.

    Returns
    -------
    DataFrame
        Sellers (rows) × buyers (columns), unitless; ``inf`` for a buyer absent from the region.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).
    .. [2] Round, J. I. (1978). An interregional input-output approach to the evaluation of nonsurvey methods. *Journal of Regional Science* 18(2), 179-194.
    .. [3] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.

    Examples
    --------
    By hand: :math:`CILQ_{agri,manu} = 0.5 / 2 = 0.25`; the diagonal is the SLQ.

    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> cilq(r, n).round(4)
            agri    manu    serv
    agri  0.5000  0.2500  0.6000
    manu  4.0000  2.0000  2.4000
    serv  1.6667  0.4167  0.8333
    """
    check_diagonal(diagonal)
    s = slq(regional, national)
    v = s.to_numpy()
    Q = _safe_ratio(v[:, None], v[None, :])
    if diagonal == "slq":
        Q[np.diag_indices_from(Q)] = v
    else:
        Q[np.diag_indices_from(Q)] = np.where(v > 0, 1.0, np.nan)
    return pd.DataFrame(Q, index=s.index, columns=s.index)


def flq(regional: pd.Series, national: pd.Series, *, delta: float = 0.3, diagonal: str = "slq") -> pd.DataFrame:
    r"""Flegg's location quotient.

    .. math:: FLQ_{ij} = CILQ_{ij} \cdot \lambda^*, \qquad
              \lambda^* = [\log_2(1 + E_r/E_n)]^{\delta}

    The diagonal is
    :math:`SLQ_i \lambda^*` by default (``diagonal="slq"``, Flegg et al. 1995).

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    delta : float
        Flegg's :math:`\delta \in (0, 1)`; default 0.3 (Flegg & Webber 1997;
        values of 0.1-0.4 are usual in Flegg's studies).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default; Round 1978,
        Flegg et al. 1995) or the formula's value.

    Returns
    -------
    DataFrame
        Sellers (rows) × buyers (columns), unitless; ``inf`` for a buyer absent from the region.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.
        Or if :math:`\delta \notin (0, 1)`.

    References
    ----------
    .. [1] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.
    .. [2] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    :math:`\lambda^* = 0.6699` (see :func:`lambda_star`), so :math:`FLQ_{agri,manu} = 0.25 \cdot 0.6699 = 0.1675`.

    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> flq(r, n, delta=0.3).round(4)
            agri    manu    serv
    agri  0.3349  0.1675  0.4019
    manu  2.6796  1.3398  1.6077
    serv  1.1165  0.2791  0.5582
    """
    r, n = employment_pair(regional, national)
    lam = lambda_star(r.sum(), n.sum(), delta)
    return cilq(r, n, diagonal=diagonal) * lam


def aflq(regional: pd.Series, national: pd.Series, *, delta: float = 0.3, diagonal: str = "slq") -> pd.DataFrame:
    r"""Augmented FLQ (Flegg & Webber 2000): allows for regional specialization of the buyer.

    .. math:: AFLQ_{ij} = \begin{cases} FLQ_{ij}\,\log_2(1 + SLQ_j) & SLQ_j > 1 \\
              FLQ_{ij} & SLQ_j \le 1 \end{cases}

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    delta : float, default 0.3
        Flegg's :math:`\delta \in (0, 1)`.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default; Round 1978,
        Flegg et al. 1995) or the formula's value.

    Returns
    -------
    DataFrame
        Sellers (rows) × buyers (columns), unitless; ``inf`` for a buyer absent from the region.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.
        Or if :math:`\delta \notin (0, 1)`.

    Notes
    -----
    The specialization term raises the intraregional share of inputs bought by
    industries in which the region specializes.

    References
    ----------
    .. [1] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and the FLQ formula. *Regional Studies* 34(6), 563-569.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    ``manu`` has :math:`SLQ = 2`: its column is the FLQ's times :math:`\log_2 3 = 1.585`
    (:math:`0.1675 \cdot 1.585 = 0.2654`).

    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> aflq(r, n)["manu"].round(4).tolist()
    [0.2654, 2.1235, 0.4424]
    """
    F = flq(regional, national, delta=delta, diagonal=diagonal)
    s = slq(regional, national).to_numpy()
    with np.errstate(divide="ignore"):
        spec = np.where(s > 1, np.log2(1.0 + s), 1.0)
    return F * spec[None, :]


def sflq(regional: pd.Series, national: pd.Series, *, delta: float | ArrayLike | pd.Series | Mapping[str, float], diagonal: str = "slq") -> pd.DataFrame:
    r"""Industry-specific FLQ (Kowalewski 2015): one :math:`\delta_j` per buying industry.

    .. math:: SFLQ_{ij} = CILQ_{ij} \cdot [\log_2(1 + E_r/E_n)]^{\delta_j}

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    delta : float, Series, mapping or array
        :math:`\delta_j` by (buying) industry, each in (0, 1). A mapping or Series must
        name every industry; an array is in industry order.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default; Round 1978,
        Flegg et al. 1995) or the formula's value.

    Returns
    -------
    DataFrame
        Sellers (rows) × buyers (columns), unitless; ``inf`` for a buyer absent from the region.

    Raises
    ------
    ValidationError
        If the vectors are not non-negative and finite, name different industries, or the region has no employment.
        Or if a :math:`\delta_j \notin (0, 1)` or an industry has no :math:`\delta_j`.

    Notes
    -----
    With the same :math:`\delta` for every *j* it is the FLQ.

    References
    ----------
    .. [1] Kowalewski, J. (2015). Regionalization of national input-output tables: empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250.
    .. [2] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> sflq(r, n, delta=[0.2, 0.3, 0.4])["manu"].equals(flq(r, n, delta=0.3)["manu"])
    True
    """
    r, n = employment_pair(regional, national)
    d = delta_vector(delta, n.index)
    base = np.log2(1.0 + r.sum() / n.sum())
    lam = base ** d.to_numpy()
    return cilq(r, n, diagonal=diagonal) * lam[None, :]


def delta_vector(delta, industries: pd.Index) -> pd.Series:
    if isinstance(delta, Mapping) and not isinstance(delta, pd.Series):
        delta = pd.Series(dict(delta), dtype=float)
    if isinstance(delta, pd.Series):
        d = delta.copy()
        d.index = d.index.map(str)
        missing = [i for i in industries if i not in d.index]
        if missing:
            raise ValidationError(f"SFLQ delta is missing for {len(missing)} industr{'y' if len(missing) == 1 else 'ies'}: {missing[:5]}; give delta_j for every industry")
        extra = sorted(set(d.index) - set(industries))
        if extra:
            raise ValidationError(f"SFLQ delta given for industries not in the table: {extra[:5]}; use the table's labels")
        d = d.reindex(industries).astype(float)
    else:
        arr = np.asarray(delta, dtype=float).ravel()
        if arr.size == 1:
            arr = np.repeat(arr, len(industries))
        if arr.size != len(industries):
            raise ValidationError(f"SFLQ delta has {arr.size} values for {len(industries)} industries; give one per industry")
        d = pd.Series(arr, index=industries)
    for k, v in d.items():
        check_delta(v, name=f"delta[{k}]")
    return d.rename("delta")



# --------------------------------------------------------------------- the registry
@dataclass(frozen=True)
class LQMethod:
    r"""One location-quotient method of the registry :data:`LQ_REGISTRY`.

    Attributes
    ----------
    name : str
        The method's name (``method=`` in :func:`location_quotients`, :func:`regionalize`,
        the CLI's ``--method``).
    function : callable
        ``function(regional, national, ...)`` returning the quotients.
    row_wise : bool
        One quotient per selling industry (a Series), applied along rows; else one per
        (seller, buyer) cell (a DataFrame), which takes ``diagonal=``.
    needs_delta : bool
        Takes Flegg's scalar :math:`\delta` (``delta=``, a float in (0, 1)).
    needs_delta_vector : bool
        Takes one :math:`\delta_j` per buying industry (``delta=`` a vector or mapping).
    needs_coefficients : bool
        Needs the national coefficients ``A`` (which industries buy from which).
    lambda_linear : bool
        The quotient is proportional to Flegg's :math:`\lambda^*(\delta)` at fixed inputs
        (FLQ = CILQ :math:`\lambda^*`, Flegg & Webber 1997), so the Monte Carlo rescales the
        quotients of one δ instead of recomputing them for every draw.
    reference : str
        Where the formula comes from.

    No method needs regional output: it is optional for every method (by default
    national output scaled by the employment share, see :func:`regionalize`).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).
    .. [2] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.
    .. [3] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and the FLQ formula. *Regional Studies* 34(6), 563-569.
    .. [4] Kowalewski, J. (2015). Regionalization of national input-output tables: empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250.

    Examples
    --------
    >>> m = LQ_REGISTRY["flq"]
    >>> m.name, m.row_wise, m.needs_delta
    ('flq', False, True)
    """

    name: str
    function: Callable
    row_wise: bool = False
    needs_delta: bool = False
    needs_delta_vector: bool = False
    needs_coefficients: bool = False
    reference: str = ""
    lambda_linear: bool = False

    @property
    def uses_delta(self) -> bool:
        """Whether :math:`\\delta` (scalar or vector) enters the quotient."""
        return self.needs_delta or self.needs_delta_vector

    def __call__(self, regional, national, *, delta=0.3, A=None, diagonal: str = "slq"):
        """The quotients, passing each method only the options it takes."""
        args: list = [regional, national]
        kw: dict = {}
        if self.needs_coefficients:
            if A is None:
                raise ValidationError(f"the {self.name.upper()} needs the national coefficients A (which industries buy from which)")
            args.append(A)
        if not self.row_wise:
            kw["diagonal"] = diagonal
        if self.uses_delta:
            kw["delta"] = delta
        return self.function(*args, **kw)


#: The location-quotient methods: name -> :class:`LQMethod` (function and what it needs).
#: :func:`location_quotients`, :func:`~valuechain.regional.regionalize`, the two-region
#: model, the δ sensitivity, the CLI and the docs read this registry: a new LQ variant is
#: its function, one entry here, its test and its row in docs/regional.md.
LQ_REGISTRY: Mapping[str, LQMethod] = MappingProxyType({
    m.name: m
    for m in (
        LQMethod("slq", slq, row_wise=True, reference="Miller & Blair (2009), ch. 8"),
        LQMethod("plq", plq, row_wise=True, needs_coefficients=True, reference="Miller & Blair (2009), ch. 8"),
        LQMethod("cilq", cilq, reference="Miller & Blair (2009), ch. 8; Round (1978)"),
        LQMethod("flq", flq, needs_delta=True, reference="Flegg & Webber (1997)", lambda_linear=True),
        LQMethod("aflq", aflq, needs_delta=True, reference="Flegg & Webber (2000)", lambda_linear=True),
        LQMethod("sflq", sflq, needs_delta_vector=True, reference="Kowalewski (2015)"),
    )
})
#: Methods accepted by :func:`location_quotients` and :func:`regionalize`.
LQ_METHODS = tuple(LQ_REGISTRY)
#: Methods giving one quotient per selling industry (applied row-wise).
ROW_METHODS = tuple(k for k, m in LQ_REGISTRY.items() if m.row_wise)
#: Methods with Flegg's scalar δ (the ones the δ sensitivity and calibration vary).
DELTA_METHODS = tuple(k for k, m in LQ_REGISTRY.items() if m.needs_delta)


def lq_method(method: str) -> LQMethod:
    """The registry entry of ``method`` (case-insensitive).

    Parameters
    ----------
    method : str
        A name of :data:`LQ_METHODS` (any case).

    Returns
    -------
    LQMethod
        The registry entry.

    Raises
    ------
    ValidationError
        If the method is unknown (the message lists the known ones).

    Examples
    --------
    >>> lq_method("FLQ").needs_delta
    True
    """
    m = str(method).strip().lower()
    if m not in LQ_REGISTRY:
        raise ValidationError(f"unknown LQ method {method!r}; choose one of {', '.join(LQ_REGISTRY)}")
    return LQ_REGISTRY[m]


def location_quotients(
    regional: pd.Series,
    national: pd.Series,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    A: ArrayLike | pd.DataFrame | None=None,
    diagonal: str = "slq",
) -> pd.Series | pd.DataFrame:
    r"""Location quotients by ``method`` (one of :data:`LQ_METHODS`).

    What each method
    takes is in :data:`LQ_REGISTRY`; see the function of each method for the formula.

    Parameters
    ----------
    regional : Series
        Regional employment (or another size measure) by industry, :math:`e^r_i`.
    national : Series
        National employment by industry, :math:`e^n_i` (same industries).
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        Default ``"flq"``.
    delta : float or vector, default 0.3
        Flegg's :math:`\delta`; a vector or mapping of :math:`\delta_j` for ``sflq``;
        ignored by methods without :math:`\delta`.
    A : DataFrame or array (n, n), optional
        National technical coefficients; needed for ``plq``.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default; Round 1978,
        Flegg et al. 1995) or the formula's value.

    Returns
    -------
    Series or DataFrame
        A Series (one value per selling industry) for the row-wise methods (``slq``,
        ``plq``), a DataFrame (sellers × buyers) for the others.

    Raises
    ------
    ValidationError
        If the method is unknown, ``A`` is missing for ``plq``, or an input is invalid.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).
    .. [2] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.
    .. [3] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and the FLQ formula. *Regional Studies* 34(6), 563-569.
    .. [4] Kowalewski, J. (2015). Regionalization of national input-output tables: empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> location_quotients(r, n, method="slq").round(4).tolist()
    [0.5, 2.0, 0.8333]
    >>> location_quotients(r, n, method="flq").shape
    (3, 3)
    """
    return lq_method(method)(regional, national, delta=delta, A=A, diagonal=diagonal)


def method_label(method: str, delta, diagonal: str) -> str:
    m = method.upper()
    if method in ("flq", "aflq"):
        m += f" (δ={float(delta):g})"
    elif method == "sflq":
        m += " (industry-specific δ)"
    if method not in ROW_METHODS and diagonal != "slq":
        m += ", diagonal by formula"
    return m



def align_measure(v, industries: pd.Index, name: str) -> pd.Series:
    if isinstance(v, pd.Series):
        s = v.copy()
        s.index = s.index.map(str)
        extra = sorted(set(s.index) - set(industries))
        if extra:
            raise ValidationError(f"{name} has industries not in the table: {extra[:8]}; use the table's labels")
        return s.reindex(industries).fillna(0.0).astype(float)
    arr = np.asarray(v, float).ravel()
    if arr.size != len(industries):
        raise ValidationError(f"{name} has {arr.size} values for {len(industries)} industries; give one per industry")
    return pd.Series(arr, index=industries)

