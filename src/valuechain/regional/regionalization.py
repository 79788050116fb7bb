"""The regionalization of a national IO table by a location quotient.

:func:`regionalize` scales the national coefficients by :math:`\\min(LQ_{ij}, 1)` (the
quotients of :mod:`valuechain.regional.quotients`) and builds the regional
:class:`~valuechain.tables.IOTable`; purchases the region cannot make itself become the
primary-input row ``imports_rest_of_country``.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 8.
Flegg, A. T. and Webber, C. D. (1997). *Regional Studies* 31(8), 795-805.
Flegg, A. T. and Tohmo, T. (2013). *Regional Studies* 47(5), 703-721.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning
from ..iomath import output_multipliers as iomath_output_multipliers
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable
from .employment import RegionalEmployment
from .quotients import (
    align_measure,
    check_delta,
    check_diagonal,
    delta_vector,
    employment_pair,
    lambda_star,
    location_quotients,
    lq_method,
    method_label,
    slq,
)

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike
    from typing import Mapping

__all__ = [
    "IMPORTS_REST_OF_COUNTRY",
    "regional_coefficients",
    "output_multipliers",
    "regionalize",
    "Regionalization",
]

#: Label of the primary-input row holding purchases from the rest of the country.
IMPORTS_REST_OF_COUNTRY = "imports_rest_of_country"


def regional_coefficients(A: ArrayLike | pd.DataFrame, lq: pd.Series | pd.DataFrame) -> np.ndarray | pd.DataFrame:
    r"""Regional input coefficients :math:`a^r_{ij} = a^n_{ij} \min(LQ_{ij}, 1)`.

    A Series ``lq`` is applied row-wise (SLQ, PLQ), a DataFrame cell-wise (CILQ family). ``nan`` quotients (0/0, industries absent
    from the region) give 0 and ``inf`` gives the national coefficient.

    Parameters
    ----------
    A : DataFrame or array (n, n)
        National technical coefficients :math:`a^n_{ij}`.
    lq : Series or DataFrame
        Location quotients: row-wise (Series, one per seller) or cell-wise (DataFrame).

    Returns
    -------
    DataFrame or ndarray (n, n)
        Regional coefficients :math:`a^r_{ij}`, labelled like ``A``.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.Series({"agri": 10.0, "manu": 40.0, "serv": 50.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 100.0, "serv": 300.0})  # national employment
    >>> from valuechain.regional import slq
    >>> A = pd.DataFrame([[0.1, 0.2, 0.0], [0.1, 0.1, 0.1], [0.0, 0.2, 0.1]], index=r.index, columns=r.index)
    >>> regional_coefficients(A, slq(r, n)).round(4)     # rows scaled by min(SLQ, 1): 0.5, 1, 0.8333
          agri    manu    serv
    agri  0.05  0.1000  0.0000
    manu  0.10  0.1000  0.1000
    serv  0.00  0.1667  0.0833
    """
    Aa = A.to_numpy(float) if isinstance(A, pd.DataFrame) else np.asarray(A, float)
    Q = lq.to_numpy(float) if isinstance(lq, (pd.Series, pd.DataFrame)) else np.asarray(lq, float)
    if Q.ndim == 1:
        Q = Q[:, None]
    cap = np.nan_to_num(np.minimum(Q, 1.0), nan=0.0)
    out = Aa * cap
    return pd.DataFrame(out, index=A.index, columns=A.columns) if isinstance(A, pd.DataFrame) else out


def output_multipliers(A: ArrayLike | pd.DataFrame) -> pd.Series | np.ndarray:
    r"""Simple (Type I) output multipliers, the column sums of :math:`L = (I - A)^{-1}`.

    .. math:: m_j = \sum_i l_{ij}, \qquad m = (I - A)^{-T} \mathbf{1}

    Solved from :math:`(I - A)^{\top} m = \mathbf{1}` without forming :math:`L`.

    Parameters
    ----------
    A : DataFrame or array (n, n)
        Technical coefficients (national or regional).

    Returns
    -------
    Series or ndarray (n,)
        :math:`m_j`; a Series named ``output_multiplier`` for a DataFrame.

    Raises
    ------
    NotProductiveError
        If ``A`` is not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6.

    Examples
    --------
    >>> np.round(output_multipliers(np.array([[0.2, 0.3], [0.1, 0.4]])), 4)   # 0.7/0.45, 1.1/0.45
    array([1.5556, 2.4444])
    """
    return iomath_output_multipliers(A)




@dataclass(frozen=True, eq=False)
class Regionalization(ResultMixin):
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
    flags : tuple of str
        Provenance: the national table's flags, the regionalization, and the flags of the
        employment data (e.g. ``"synthetic"``); the same as ``io_table.flags``.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> import pandas as pd
    >>> reg = regionalize(t, pd.Series({"agri": 5.0, "manu": 30.0}),
    ...                   pd.Series({"agri": 100.0, "manu": 200.0}), region="North")
    >>> reg.method, reg.region, reg.dropped
    ('flq', 'North', ())
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
    flags: tuple[str, ...] = ()

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
        out["method"] = method_label(self.method, self.delta, self.diagonal)
        out["note"] = "estimated (LQ regionalization)"
        return out

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Identities of the regionalization (``identity``, ``max_abs_error``, ``rel_error``, ``ok``
        within ``rtol``, default 1e-8; before 0.2 the keyword was ``atol``, with the same meaning).

        - ``regional <= national coefficients``: :math:`a^r_{ij} \\le a^n_{ij}`;
        - ``imports from rest of country``: the row equals
          :math:`\\sum_i (a^n_{ij} - a^r_{ij}) x^r_j` over all national industries;
        - ``column balance`` and ``row balance`` of the regional table.
        """
        rtol = 1e-8 if rtol is None else rtol
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
            identity_row("regional <= national coefficients", gap_le, scale=1.0, rtol=rtol),
            identity_row("imports from rest of country", gap_imp, scale=scale, rtol=rtol),
            identity_row("column balance", col, scale=scale, rtol=rtol),
            identity_row("row balance", row, scale=scale, rtol=rtol),
        ]
        return pd.DataFrame(rows)

    def _identity_rows(self) -> list[dict]:
        return self.check().to_dict("records")

    def _title(self) -> str:
        lam = f", λ*={self.lambda_star:.4f}" if self.lambda_star is not None else ""
        return (
            f"Regionalization of {self.national.name or 'the national table'} for {self.region}: "
            f"{method_label(self.method, self.delta, self.diagonal)}{lam}"
        )

    def _size(self) -> str:
        return ""

    def _summary_lines(self) -> list[str]:
        t = self.io_table
        lines = [
            f"  region's share of national {self.measure}: "
            f"{self.regional.sum() / self.national_measure.sum():.4f}",
            f"  industries: {t.n} of {self.national.n} kept"
            + (f"; dropped (zero regional employment): {', '.join(self.dropped)}" if self.dropped else ""),
            f"  regional output: {self.output_source}",
        ]
        lines += [f"  note: {n}" for n in self.notes]
        return lines




def _regional_output(table: IOTable, reg: pd.Series, nat: pd.Series, output) -> tuple[pd.Series, str]:
    if output is None:
        xr = table.x * (reg / nat)
        return xr.rename("x"), "national output × regional share of national employment (equal labour productivity)"
    xr = align_measure(output, table.industries, "regional output")
    if (xr < 0).any() or (xr > table.x * (1 + 1e-9)).any():
        raise ValidationError("regional output must be between 0 and national output in every industry")
    return xr.rename("x"), "given by the user"



def regionalize(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    output: pd.Series | None=None,
    measure: str = "employment",
) -> Regionalization:
    r"""Regionalize a national IO table with a location quotient.

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
        Flegg's :math:`\delta` in (0, 1), default 0.3; for ``"sflq"`` a vector or
        mapping of :math:`\delta_j`.
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

    Raises
    ------
    ValidationError
        If the employment vectors are invalid or do not match the table's industries, or
        an option is invalid.

    Notes
    -----
    Industries with zero regional employment are dropped (and listed in ``dropped``).
    For the kept industries:

    .. math::

        x^r_i = x^n_i \, e^r_i / e^n_i, \qquad
        a^r_{ij} = a^n_{ij} \min(LQ_{ij}, 1), \qquad z^r_{ij} = a^r_{ij} x^r_j

        m^{R}_j = \sum_{i \in \text{nation}} (a^n_{ij} - a^r_{ij})\, x^r_j, \qquad
        v^r_{kj} = (v^n_{kj} / x^n_j)\, x^r_j, \qquad
        f^r_i = x^r_i - \sum_j z^r_{ij}

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

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).
    .. [2] Flegg, A. T., Webber, C. D. and Elliott, M. V. (1995). On the appropriate use of location quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.
    .. [3] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [4] Flegg, A. T. and Webber, C. D. (2000). Regional size, regional specialization and the FLQ formula. *Regional Studies* 34(6), 563-569.
    .. [5] Kowalewski, J. (2015). Regionalization of national input-output tables: empirical evidence on the use of the FLQ formula. *Regional Studies* 49(2), 240-250.
    .. [6] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case study of Finland. *Regional Studies* 47(5), 703-721.
    .. [7] Round, J. I. (1978). An interregional input-output approach to the evaluation of nonsurvey methods. *Journal of Regional Science* 18(2), 179-194.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> import pandas as pd
    >>> reg = regionalize(t, pd.Series({"agri": 5.0, "manu": 30.0}),
    ...                   pd.Series({"agri": 100.0, "manu": 200.0}), region="North")
    >>> round(reg.lambda_star, 4)      # log2(1 + 35/300) ** 0.3
    0.5762
    >>> reg.io_table.x.round(1).tolist()   # national output × employment share
    [50.0, 300.0]
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"table must be an IOTable, got {type(table).__name__}")
    spec = lq_method(method)
    method = spec.name
    check_diagonal(diagonal)
    if not spec.needs_delta_vector:
        delta = check_delta(delta)
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
    reg = align_measure(regional, ind, "regional employment")
    nat = align_measure(national, ind, "national employment")
    employment_pair(reg, nat)  # validates signs, zeros and region <= nation
    if spec.needs_delta_vector:
        delta = delta_vector(delta, ind)
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
    label = method_label(method, delta, diagonal)
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
    lam = lambda_star(reg.sum(), nat.sum(), delta) if spec.needs_delta else None
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
        flags=tuple(reg_table.flags),
    )
