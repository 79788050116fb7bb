"""Location quotients and the regionalization of a national IO table.

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

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning
from ..iomath import check_productive, leontief_solve
from ..tables.iotable import IOTable

__all__ = [
    "LQ_METHODS",
    "ROW_METHODS",
    "IMPORTS_REST_OF_COUNTRY",
    "lambda_star",
    "slq",
    "plq",
    "cilq",
    "flq",
    "aflq",
    "sflq",
    "location_quotients",
    "regional_coefficients",
    "output_multipliers",
    "regionalize",
    "Regionalization",
]

#: Methods accepted by :func:`location_quotients` and :func:`regionalize`.
LQ_METHODS = ("slq", "plq", "cilq", "flq", "aflq", "sflq")
#: Methods giving one quotient per selling industry (applied row-wise).
ROW_METHODS = ("slq", "plq")
#: Label of the primary-input row holding purchases from the rest of the country.
IMPORTS_REST_OF_COUNTRY = "imports_rest_of_country"
_DIAGONALS = ("slq", "formula")


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


def _pair(regional, national) -> tuple[pd.Series, pd.Series]:
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


def _check_delta(delta: float, name: str = "delta") -> float:
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


def _check_diagonal(diagonal: str) -> str:
    if diagonal not in _DIAGONALS:
        raise ValidationError(f"diagonal={diagonal!r}; use 'slq' (Round 1978, the default) or 'formula'")
    return diagonal


def _safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = num / den
    out = np.where(den == 0, np.where(num > 0, np.inf, np.nan), out)
    return out


# --------------------------------------------------------------------- quotients
def lambda_star(regional_total: float, national_total: float, delta: float = 0.3) -> float:
    """Flegg's regional-size scalar.

    .. math:: \\lambda^* = \\left[\\log_2\\left(1 + \\frac{E_r}{E_n}\\right)\\right]^{\\delta}

    Flegg & Webber (1997); Miller & Blair (2009), ch. 8. It lies in
    (0, 1] and is smaller for smaller regions and larger :math:`\\delta`.

    Raises
    ------
    ValidationError
        If :math:`\\delta \\notin (0, 1)` or the totals are not positive with
        :math:`E_r \\le E_n`.
    """
    d = _check_delta(delta)
    er, en = float(regional_total), float(national_total)
    if not (en > 0 and 0 < er <= en * (1 + 1e-12)):
        raise ValidationError(f"regional total {er:g} and national total {en:g}: need 0 < E_r <= E_n")
    return float(np.log2(1.0 + er / en) ** d)


def slq(regional, national) -> pd.Series:
    """Simple location quotient.

    .. math:: SLQ_i = \\frac{e^r_i / E_r}{e^n_i / E_n}

    Miller & Blair (2009), ch. 8. Applied row-wise: every purchase from industry *i*
    is scaled by :math:`\\min(SLQ_i, 1)`.
    """
    r, n = _pair(regional, national)
    return pd.Series((r.to_numpy() / r.sum()) / (n.to_numpy() / n.sum()), index=n.index, name="slq")


def plq(regional, national, A) -> pd.Series:
    """Purchases-only location quotient.

    .. math:: PLQ_i = \\frac{e^r_i / E^{r*}_i}{e^n_i / E^{n*}_i}, \\qquad
              E^{r*}_i = \\sum_{j:\\,a^n_{ij} > 0} e^r_j, \\quad
              E^{n*}_i = \\sum_{j:\\,a^n_{ij} > 0} e^n_j

    The denominators count only the industries that buy from *i* (Miller & Blair 2009,
    ch. 8, "purchases-only" LQ). An industry sold to nobody gets the SLQ.

    Parameters
    ----------
    A : DataFrame or array (n, n)
        National technical coefficients (only which cells are positive matters).
    """
    r, n = _pair(regional, national)
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


def cilq(regional, national, *, diagonal: str = "slq") -> pd.DataFrame:
    """Cross-industry location quotient (rows sell, columns buy).

    .. math:: CILQ_{ij} = \\frac{SLQ_i}{SLQ_j} = \\frac{e^r_i / e^n_i}{e^r_j / e^n_j}

    Miller & Blair (2009), ch. 8. On the diagonal the formula gives 1; following
    Round (1978) and Flegg et al. (1995) the diagonal is replaced by :math:`SLQ_i`
    (``diagonal="slq"``, the default); ``diagonal="formula"`` keeps the 1.

    A buying industry absent from the region (:math:`SLQ_j = 0`) gives ``inf`` (its
    column is irrelevant: it has no regional output); 0/0 gives ``nan``.
    """
    _check_diagonal(diagonal)
    s = slq(regional, national)
    v = s.to_numpy()
    Q = _safe_ratio(v[:, None], v[None, :])
    if diagonal == "slq":
        Q[np.diag_indices_from(Q)] = v
    else:
        Q[np.diag_indices_from(Q)] = np.where(v > 0, 1.0, np.nan)
    return pd.DataFrame(Q, index=s.index, columns=s.index)


def flq(regional, national, *, delta: float = 0.3, diagonal: str = "slq") -> pd.DataFrame:
    """Flegg's location quotient.

    .. math:: FLQ_{ij} = CILQ_{ij} \\cdot \\lambda^*, \\qquad
              \\lambda^* = [\\log_2(1 + E_r/E_n)]^{\\delta}

    Flegg & Webber (1997); Miller & Blair (2009), ch. 8. The diagonal is
    :math:`SLQ_i \\lambda^*` by default (``diagonal="slq"``, Flegg et al. 1995).

    Parameters
    ----------
    delta : float
        Flegg's :math:`\\delta \\in (0, 1)`; default 0.3 (Flegg & Webber 1997;
        values of 0.1-0.4 are usual in Flegg's studies).
    """
    r, n = _pair(regional, national)
    lam = lambda_star(r.sum(), n.sum(), delta)
    return cilq(r, n, diagonal=diagonal) * lam


def aflq(regional, national, *, delta: float = 0.3, diagonal: str = "slq") -> pd.DataFrame:
    """Augmented FLQ (Flegg & Webber 2000): allows for regional specialization of the buyer.

    .. math:: AFLQ_{ij} = \\begin{cases} FLQ_{ij}\\,\\log_2(1 + SLQ_j) & SLQ_j > 1 \\\\
              FLQ_{ij} & SLQ_j \\le 1 \\end{cases}

    Flegg & Webber (2000). The specialization term raises the intraregional
    share of inputs bought by industries in which the region specializes.
    """
    F = flq(regional, national, delta=delta, diagonal=diagonal)
    s = slq(regional, national).to_numpy()
    with np.errstate(divide="ignore"):
        spec = np.where(s > 1, np.log2(1.0 + s), 1.0)
    return F * spec[None, :]


def sflq(regional, national, *, delta, diagonal: str = "slq") -> pd.DataFrame:
    """Industry-specific FLQ (Kowalewski 2015): one :math:`\\delta_j` per buying industry.

    .. math:: SFLQ_{ij} = CILQ_{ij} \\cdot [\\log_2(1 + E_r/E_n)]^{\\delta_j}

    Kowalewski (2015). With the same :math:`\\delta` for every *j* it is the FLQ.

    Parameters
    ----------
    delta : float, Series, mapping or array
        :math:`\\delta_j` by (buying) industry, each in (0, 1). A mapping or Series must
        name every industry; an array is in industry order.
    """
    r, n = _pair(regional, national)
    d = _delta_vector(delta, n.index)
    base = np.log2(1.0 + r.sum() / n.sum())
    lam = base ** d.to_numpy()
    return cilq(r, n, diagonal=diagonal) * lam[None, :]


def _delta_vector(delta, industries: pd.Index) -> pd.Series:
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
        _check_delta(v, name=f"delta[{k}]")
    return d.rename("delta")


def location_quotients(
    regional,
    national,
    *,
    method: str = "flq",
    delta=0.3,
    A=None,
    diagonal: str = "slq",
):
    """Location quotients by ``method`` (one of :data:`LQ_METHODS`).

    Returns a Series (one value per selling industry) for ``slq`` and ``plq``, a
    DataFrame (sellers × buyers) for ``cilq``, ``flq``, ``aflq`` and ``sflq``. ``A`` is
    needed for ``plq``; ``delta`` is a scalar except for ``sflq`` (a vector or mapping).
    See the function of each method for the formula.
    """
    m = str(method).lower()
    if m == "slq":
        return slq(regional, national)
    if m == "plq":
        if A is None:
            raise ValidationError("the PLQ needs the national coefficients A (which industries buy from which)")
        return plq(regional, national, A)
    if m == "cilq":
        return cilq(regional, national, diagonal=diagonal)
    if m == "flq":
        return flq(regional, national, delta=delta, diagonal=diagonal)
    if m == "aflq":
        return aflq(regional, national, delta=delta, diagonal=diagonal)
    if m == "sflq":
        return sflq(regional, national, delta=delta, diagonal=diagonal)
    raise ValidationError(f"unknown LQ method {method!r}; choose one of {', '.join(LQ_METHODS)}")


def regional_coefficients(A, lq):
    """Regional input coefficients :math:`a^r_{ij} = a^n_{ij} \\min(LQ_{ij}, 1)`.

    A Series ``lq`` is applied row-wise (SLQ, PLQ), a DataFrame cell-wise (CILQ family);
    Miller & Blair (2009), ch. 8. ``nan`` quotients (0/0, industries absent
    from the region) give 0 and ``inf`` gives the national coefficient.
    """
    Aa = A.to_numpy(float) if isinstance(A, pd.DataFrame) else np.asarray(A, float)
    Q = lq.to_numpy(float) if isinstance(lq, (pd.Series, pd.DataFrame)) else np.asarray(lq, float)
    if Q.ndim == 1:
        Q = Q[:, None]
    cap = np.nan_to_num(np.minimum(Q, 1.0), nan=0.0)
    out = Aa * cap
    return pd.DataFrame(out, index=A.index, columns=A.columns) if isinstance(A, pd.DataFrame) else out


def output_multipliers(A) -> pd.Series | np.ndarray:
    """Simple (Type I) output multipliers, the column sums of :math:`L = (I - A)^{-1}`.

    .. math:: m_j = \\sum_i l_{ij}, \\qquad m = (I - A)^{-T} \\mathbf{1}

    Solved from :math:`(I - A)^{\\top} m = \\mathbf{1}` without forming :math:`L`
    (Miller & Blair 2009, ch. 6).
    """
    Aa = A.to_numpy(float) if isinstance(A, pd.DataFrame) else np.asarray(A, float)
    check_productive(Aa)
    m = leontief_solve(Aa.T, np.ones(Aa.shape[0]), check=False)
    return pd.Series(m, index=A.columns, name="output_multiplier") if isinstance(A, pd.DataFrame) else m


# ----------------------------------------------------------------- regionalize
def _method_label(method: str, delta, diagonal: str) -> str:
    m = method.upper()
    if method in ("flq", "aflq"):
        m += f" (δ={float(delta):g})"
    elif method == "sflq":
        m += " (industry-specific δ)"
    if method not in ROW_METHODS and diagonal != "slq":
        m += ", diagonal by formula"
    return m


@dataclass(frozen=True, eq=False)
class Regionalization:
    """A national table regionalized by a location quotient (the result of :func:`regionalize`).

    Attributes
    ----------
    io_table : IOTable
        The regional table: industries present in the region; intraregional flows
        ``Z``; a primary-input row ``imports_rest_of_country``; the national
        primary-input structure; one final-demand column (see :func:`regionalize`).
        Every function that takes an :class:`IOTable` works on it.
    national : IOTable
        The national table it came from.
    lq : Series or DataFrame
        The quotients for the kept industries (row-wise or cell-wise).
    regional, national_measure : Series
        The size measure (employment) for all national industries.
    dropped : tuple of str
        Industries with zero regional employment, removed from the regional table.
    """

    io_table: IOTable
    national: IOTable
    lq: pd.Series | pd.DataFrame
    regional: pd.Series
    national_measure: pd.Series
    method: str
    delta: object
    diagonal: str
    region: str
    lambda_star: float | None
    dropped: tuple[str, ...]
    output_source: str
    measure: str = "employment"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per national industry: measures, SLQ, outputs, multipliers, kept flag."""
        nat = self.national
        kept = self.io_table.industries
        s = slq(self.regional, self.national_measure)
        m_n = output_multipliers(nat.A)
        m_r = output_multipliers(self.io_table.A).reindex(nat.industries)
        xr = self.io_table.x.reindex(nat.industries).fillna(0.0)
        Ar = self.io_table.A
        own = Ar.sum(axis=0).reindex(nat.industries)
        natcol = nat.A.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = own / natcol
        out = pd.DataFrame(
            {
                "industry": nat.industries,
                f"{self.measure}_region": self.regional.reindex(nat.industries).to_numpy(),
                f"{self.measure}_national": self.national_measure.reindex(nat.industries).to_numpy(),
                "slq": s.reindex(nat.industries).to_numpy(),
                "in_region": nat.industries.isin(kept),
                "output_region": xr.to_numpy(),
                "output_national": nat.x.to_numpy(),
                "intraregional_input_share": share.to_numpy(),
                "output_multiplier_region": m_r.to_numpy(),
                "output_multiplier_national": m_n.to_numpy(),
            }
        )
        out["method"] = _method_label(self.method, self.delta, self.diagonal)
        out["note"] = "estimated (LQ regionalization)"
        return out

    def check(self, *, atol: float = 1e-8) -> pd.DataFrame:
        """Identities of the regionalization, each with its largest absolute gap.

        - ``regional <= national coefficients``: :math:`a^r_{ij} \\le a^n_{ij}`;
        - ``imports from rest of country``: the row equals
          :math:`\\sum_i (a^n_{ij} - a^r_{ij}) x^r_j` over all national industries;
        - ``column balance`` and ``row balance`` of the regional table.
        """
        t, nat = self.io_table, self.national
        ind = t.industries
        An = nat.A.loc[ind, ind].to_numpy()
        Ar = t.A.to_numpy()
        xr = t.x.to_numpy()
        gap_le = float(np.max(Ar - An, initial=0.0))
        imp = (nat.A.loc[:, ind].to_numpy().sum(axis=0) - Ar.sum(axis=0)) * xr
        gap_imp = float(np.max(np.abs(t.V.loc[IMPORTS_REST_OF_COUNTRY].to_numpy() - imp), initial=0.0))
        col = float(np.max(np.abs(t.Z.sum(axis=0).to_numpy() + t.V.sum(axis=0).to_numpy() - xr), initial=0.0))
        row = float(np.max(np.abs(t.Z.sum(axis=1).to_numpy() + t.Y.sum(axis=1).to_numpy() - xr), initial=0.0))
        scale = max(1.0, float(np.abs(xr).max(initial=0.0)))
        rows = [
            ("regional <= national coefficients", gap_le, gap_le <= atol),
            ("imports from rest of country", gap_imp, gap_imp <= atol * scale),
            ("column balance", col, col <= atol * scale),
            ("row balance", row, row <= atol * scale),
        ]
        return pd.DataFrame(rows, columns=["identity", "max_gap", "ok"])

    def summary(self) -> str:
        t = self.io_table
        lam = f", λ*={self.lambda_star:.4f}" if self.lambda_star is not None else ""
        lines = [
            f"Regionalization of {self.national.name or 'the national table'} for {self.region}: "
            f"{_method_label(self.method, self.delta, self.diagonal)}{lam}",
            f"  region's share of national {self.measure}: "
            f"{self.regional.sum() / self.national_measure.sum():.4f}",
            f"  industries: {t.n} of {self.national.n} kept"
            + (f"; dropped (zero regional employment): {', '.join(self.dropped)}" if self.dropped else ""),
            f"  regional output: {self.output_source}",
            "  flags: " + "; ".join(t.flags),
        ]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "<br>".join(self.summary().splitlines())
        return f"<p>{head}</p>" + self.table.to_html(index=False, float_format=lambda v: f"{v:.4g}")

    def __repr__(self) -> str:
        return f"Regionalization(region={self.region!r}, method={self.method!r}, kept={self.io_table.n}, dropped={len(self.dropped)})"


def _align_measure(v, industries: pd.Index, name: str) -> pd.Series:
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


def _regional_output(table: IOTable, reg: pd.Series, nat: pd.Series, output) -> tuple[pd.Series, str]:
    if output is None:
        xr = table.x * (reg / nat)
        return xr.rename("x"), "national output × regional share of national employment (equal labour productivity)"
    xr = _align_measure(output, table.industries, "regional output")
    if (xr < 0).any() or (xr > table.x * (1 + 1e-9)).any():
        raise ValidationError("regional output must be between 0 and national output in every industry")
    return xr.rename("x"), "given by the user"


def regionalize(
    table: IOTable,
    regional,
    national=None,
    *,
    method: str = "flq",
    delta=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    output=None,
    measure: str = "employment",
) -> Regionalization:
    """Regionalize a national IO table with a location quotient.

    Parameters
    ----------
    table : IOTable
        The national table (domestic flows: imports from abroad in ``V``).
    regional : Series or RegionalEmployment
        The region's employment (or other size measure) by industry. A
        :class:`~valuechain.regional.RegionalEmployment` carries both vectors and the
        region's name.
    national : Series, optional
        National employment by industry (required unless ``regional`` is a
        RegionalEmployment).
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        Default ``"flq"`` (the seed paper's choice; Flegg & Tohmo 2013).
    delta : float or vector
        Flegg's :math:`\\delta` in (0, 1), default 0.3; for ``"sflq"`` a vector or
        mapping of :math:`\\delta_j`.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients: :math:`SLQ_i` (default, Round 1978;
        Flegg et al. 1995) or the formula's 1.
    region : str, optional
        The region's name (taken from a RegionalEmployment when omitted).
    output : Series, optional
        Regional output by industry if known. Default: estimated as national output
        times the region's share of national employment.
    measure : str
        Name of the size measure (default ``"employment"``).

    Returns
    -------
    Regionalization
        ``.io_table`` is the regional :class:`IOTable`.

    Notes
    -----
    Industries with zero regional employment are dropped (and listed in ``dropped``).
    For the kept industries:

    .. math::

        x^r_i = x^n_i \\, e^r_i / e^n_i, \\qquad
        a^r_{ij} = a^n_{ij} \\min(LQ_{ij}, 1), \\qquad z^r_{ij} = a^r_{ij} x^r_j

        m^{R}_j = \\sum_{i \\in \\text{nation}} (a^n_{ij} - a^r_{ij})\\, x^r_j, \\qquad
        v^r_{kj} = (v^n_{kj} / x^n_j)\\, x^r_j, \\qquad
        f^r_i = x^r_i - \\sum_j z^r_{ij}

    Regional output is national output scaled by the employment share, i.e. the region
    has the nation's labour productivity and technology (Miller & Blair 2009, ch. 8;
    Flegg & Webber 1997 use employment as the size measure; Flegg & Tohmo 2013). The
    shortfall :math:`a^n_{ij} - a^r_{ij}` — and all purchases from industries absent
    from the region — become the primary-input row ``imports_rest_of_country``
    (:math:`m^R_j`). Other primary inputs (foreign imports, taxes, value added) keep the
    national input structure. The final-demand column ``final_demand_and_exports`` is
    the row residual: regional final demand plus exports to the rest of the country and
    abroad, which employment data cannot separate. For SLQ, PLQ and AFLQ, whose
    quotients can exceed the seller's own share, this residual can be negative; such
    industries are reported with a warning and the column is marked ``negative_ok``.
    """
    from .employment import RegionalEmployment

    if not isinstance(table, IOTable):
        raise TypeError(f"table must be an IOTable, got {type(table).__name__}")
    method = str(method).lower()
    if method not in LQ_METHODS:
        raise ValidationError(f"unknown LQ method {method!r}; choose one of {', '.join(LQ_METHODS)}")
    _check_diagonal(diagonal)
    if method != "sflq":
        delta = _check_delta(delta)
    data_flags: tuple[str, ...] = ()
    if isinstance(regional, RegionalEmployment):
        data_flags = regional.flags
        region = region or regional.region
        national = regional.national if national is None else national
        measure = regional.measure
        regional = regional.regional
    if national is None:
        raise ValidationError("national employment is required (or pass a RegionalEmployment)")
    region = region or "region"
    ind = table.industries
    reg = _align_measure(regional, ind, "regional employment")
    nat = _align_measure(national, ind, "national employment")
    _pair(reg, nat)  # validates signs, zeros and region <= nation
    if method == "sflq":
        delta = _delta_vector(delta, ind)
    keep = reg.to_numpy() > 0
    kept = ind[keep]
    dropped = tuple(ind[~keep])
    An = table.A
    lq_full = location_quotients(reg, nat, method=method, delta=delta, A=An, diagonal=diagonal)
    lq = lq_full.loc[kept] if isinstance(lq_full, pd.Series) else lq_full.loc[kept, kept]
    Ar = regional_coefficients(An.loc[kept, kept], lq)
    xr_full, output_source = _regional_output(table, reg, nat, output)
    xr = xr_full.loc[kept]
    xa = xr.to_numpy()
    Zr = Ar * xa[None, :]
    imports_roc = (An.loc[:, kept].to_numpy().sum(axis=0) - Ar.to_numpy().sum(axis=0)) * xa
    xn = table.x.loc[kept].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(xn > 0, xa / np.where(xn > 0, xn, 1.0), 0.0)
    Vr = table.V.loc[:, kept] * ratio[None, :]
    V = pd.concat([pd.DataFrame([imports_roc], index=[IMPORTS_REST_OF_COUNTRY], columns=kept), Vr])
    fd = xa - Zr.to_numpy().sum(axis=1)
    Y = pd.DataFrame({"final_demand_and_exports": fd}, index=kept)
    roles = {k: v for k, v in dict(table.roles).items() if k not in ("households", "exports", "negative_ok")}
    roles["imports"] = [IMPORTS_REST_OF_COUNTRY] + table.role("imports")
    neg_ok = [r for r in table.role("negative_ok") if r in V.index]
    notes = []
    scale = max(1.0, float(np.abs(xa).max(initial=0.0)))
    if (fd < 0).any():
        neg_ok.append("final_demand_and_exports")
    neg = fd < -1e-9 * scale
    if neg.any():
        bad = list(kept[neg])
        msg = (
            f"{method.upper()} gives regional intermediate sales above estimated regional output for "
            f"{len(bad)} industr{'y' if len(bad) == 1 else 'ies'} ({', '.join(bad[:5])}); their final demand "
            "residual is negative (use a cross-industry quotient such as FLQ, or give regional output)"
        )
        notes.append(msg)
        warnings.warn(msg, ValuechainWarning, stacklevel=2)
    roles["negative_ok"] = neg_ok
    sat_rows = []
    if table.satellite is not None:
        sat_rows.append(table.satellite.loc[:, kept] * ratio[None, :])
    sat_rows.append(pd.DataFrame([reg.loc[kept].to_numpy()], index=[f"regional_{measure}"], columns=kept))
    sat = pd.concat(sat_rows)
    if measure == "employment" and not table.role("employment"):
        roles["employment"] = f"regional_{measure}"
    label = _method_label(method, delta, diagonal)
    flags = tuple(table.flags) + (
        f"regionalized by {label} from {measure} of {region}",
        "regional output estimated from employment shares" if output is None else "regional output given",
    ) + tuple(f for f in data_flags if f not in table.flags)
    reg_table = IOTable.from_frames(
        Zr,
        Y,
        V,
        xr,
        satellite=sat,
        roles=roles,
        name=f"{table.name or 'national table'}: {region} ({label})",
        unit=table.unit,
        source=table.source,
        flags=flags,
        rtol=1e-6,
        check_balance="warn",
    )
    lam = lambda_star(reg.sum(), nat.sum(), delta) if method in ("flq", "aflq") else None
    return Regionalization(
        io_table=reg_table,
        national=table,
        lq=lq,
        regional=reg,
        national_measure=nat,
        method=method,
        delta=delta,
        diagonal=diagonal,
        region=region,
        lambda_star=lam,
        dropped=dropped,
        output_source=output_source,
        measure=measure,
        notes=tuple(notes),
    )
