r"""The two-region (region + rest of country) interregional input-output model.

A national table and employment by industry in a region *r* give a 2n-sector model of
*r* and the rest of the country *R* (Miller & Blair 2009, sec. 3.3; Round 1978; Flegg &
Tohmo 2013 regionalize both parts of a nation the same way):

.. math::

    A^{rr} = A^n \circ \min(LQ^r, 1), \qquad A^{RR} = A^n \circ \min(LQ^R, 1),

    A^{Rr} = A^n - A^{rr}, \qquad A^{rR} = A^n - A^{RR},

    \begin{pmatrix} x^r \\ x^R \end{pmatrix} =
    \begin{pmatrix} I - A^{rr} & -A^{rR} \\ -A^{Rr} & I - A^{RR} \end{pmatrix}^{-1}
    \begin{pmatrix} f^r \\ f^R \end{pmatrix}.

**Assumption** (the interregional blocks). Each region has the national technology;
what the LQ says a region does not buy from itself, it buys from the other region (the
interregional trade coefficients are the remaining national coefficients,
:math:`a^{Rr}_{ij} = a^n_{ij} - a^{rr}_{ij}`). Foreign imports keep the national
structure (they are outside ``A``). This is the usual "residual" closure of LQ-based
two-region models (Round 1978; Miller & Blair 2009, ch. 8 on estimating
interregional flows; Flegg & Tohmo 2013). It makes the two regions add up to the nation
exactly: :math:`Z^{rr} + Z^{rR} + Z^{Rr} + Z^{RR} = Z^n` by industry pair, and
:math:`f^r + f^R = f^n`. Where an industry is absent from one region, the other region
supplies all of its national coefficient.

**Effects** of one unit of final demand for industry *j* of region *r* (Miller 1966;
Miller & Blair 2009, sec. 3.3, interregional feedbacks):

- intraregional: :math:`\mathbf{1}^{\top}(I - A^{rr})^{-1} e_j` (the single-region model);
- feedback: :math:`\mathbf{1}^{\top} L^{rr} e_j - \mathbf{1}^{\top}(I - A^{rr})^{-1} e_j`,
  output in *r* induced via *r*'s purchases from *R* that return as *R*'s purchases from *r*;
- spillover: :math:`\mathbf{1}^{\top} L^{Rr} e_j`, output induced in *R*;
- total: intraregional + feedback + spillover (the column sum of the 2n inverse).

Because each column of :math:`A^{rr} + A^{Rr}` (and of :math:`A^{rR} + A^{RR}`) sums to
the national column, :math:`u = (m^n, m^n)` solves :math:`u(I - A_{2n}) = \mathbf{1}^{\top}`:
the *total* effect equals the national output multiplier :math:`m^n_j` in both regions.
The model therefore splits the national multiplier into intraregional, feedback and
spillover parts; the LQ decides the split. :meth:`TwoRegionModel.check` verifies it.

References
----------
.. [1] Miller, R. E. (1966). Interregional feedback effects in input-output models:
   some preliminary results. *Papers of the Regional Science Association* 17, 105-125.
.. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.,
   sec. 3.3 (interregional models and feedbacks) and ch. 8 (nonsurvey methods).
.. [3] Round, J. I. (1978). *Journal of Regional Science* 18(2), 179-194.
.. [4] Flegg, A. T. and Tohmo, T. (2013). *Regional Studies* 47(5), 703-721.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning
from ..iomath import check_productive, leontief_factor
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
)
from .regionalization import output_multipliers

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike
    from typing import Mapping

__all__ = ["TwoRegionModel", "two_region_model"]


def _cap(lq, n: int) -> np.ndarray:
    Q = lq.to_numpy(float) if isinstance(lq, (pd.Series, pd.DataFrame)) else np.asarray(lq, float)
    if Q.ndim == 1:
        Q = np.repeat(Q[:, None], n, axis=1)
    return np.nan_to_num(np.minimum(Q, 1.0), nan=0.0, posinf=1.0)


@dataclass(frozen=True, eq=False)
class TwoRegionModel(ResultMixin):
    """Region *r* and the rest of the country *R* as one 2n-sector Leontief system.

    Attributes
    ----------
    A : DataFrame
        The interregional coefficient matrix, rows and columns labelled by a
        ``(region, industry)`` MultiIndex; industries absent from a region are left out
        of its block.
    x, f : Series
        Output and final demand (including exports abroad and, by construction, the
        residual of each row) by ``(region, industry)``.
    national : IOTable
        The national table.
    flags : tuple of str
        Provenance: the national table's flags, ``"estimated (LQ two-region model)"`` and
        the flags of the employment data (e.g. ``"synthetic"``).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import two_region_model
    >>> m = two_region_model(t, r, n, region="North")
    >>> m.x.round(1).tolist()          # North: x^n e^r / e^n; rest: x^n - x^r
    [50.0, 300.0, 950.0, 1700.0]
    """

    A: pd.DataFrame
    x: pd.Series
    f: pd.Series
    national: IOTable
    region: str
    rest: str
    method: str
    delta: object
    diagonal: str
    lambda_star: tuple[float | None, float | None]
    dropped: dict
    notes: tuple[str, ...] = field(default_factory=tuple)
    flags: tuple[str, ...] = ()
    _lu: tuple = field(default=None, repr=False)
    _effects: pd.DataFrame = field(default=None, repr=False)
    _codes: np.ndarray = field(default=None, repr=False)
    _nr: int = 0

    @property
    def Z(self) -> pd.DataFrame:
        """Interregional flows :math:`Z = A \\hat{x}`."""
        return self.A * self.x.to_numpy()[None, :]

    def block(self, rows: str, cols: str) -> pd.DataFrame:
        """The coefficient block :math:`A^{rows, cols}` (e.g. ``block(region, rest)`` is :math:`A^{rR}`)."""
        return self.A.loc[rows, cols]

    def leontief(self) -> pd.DataFrame:
        """The full 2n Leontief inverse (formed on demand from the stored LU factors)."""
        L = self._lu.inverse()
        return pd.DataFrame(L, index=self.A.index, columns=self.A.columns)

    @property
    def table(self) -> pd.DataFrame:
        """Per (region, industry): intraregional, feedback, spillover and total output effects."""
        return self._effects

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Aggregation and solution identities, each with its largest relative gap (``ok``
        within ``rtol``, default 1e-9).

        - ``Z aggregates to national``: :math:`Z^{rr}+Z^{rR}+Z^{Rr}+Z^{RR} = Z^n` cell by cell;
        - ``x aggregates``: :math:`x^r + x^R = x^n`; ``f aggregates``: :math:`f^r + f^R = f^n`;
        - ``x = L f``: the 2n system reproduces the outputs;
        - ``effects add up``: intraregional + feedback + spillover = total;
        - ``totals = national output multipliers`` (see the module notes).
        """
        rtol = 1e-9 if rtol is None else rtol
        nat = self.national
        n = nat.n
        scale = max(1.0, float(nat.x.abs().max()))
        gz = float(np.max(np.abs(self._aggregate_array() - nat.Z.to_numpy())))
        codes = self._codes
        gx = float(np.max(np.abs(np.bincount(codes, weights=self.x.to_numpy(), minlength=n) - nat.x.to_numpy())))
        f_nat = (nat.x - nat.Z.sum(axis=1)).to_numpy()
        gf = float(np.max(np.abs(np.bincount(codes, weights=self.f.to_numpy(), minlength=n) - f_nat)))
        xs = self._lu.solve(self.f.to_numpy())
        gs = float(np.max(np.abs(xs - self.x.to_numpy())))
        e = self._effects
        ge = float(np.max(np.abs(e["intraregional"] + e["feedback"] + e["spillover"] - e["total"])))
        m_n = output_multipliers(nat.A).to_numpy()[codes]
        gm = float(np.max(np.abs(e["total"].to_numpy() - m_n)))
        rows = [
            identity_row("Z aggregates to national", gz, scale=scale, rtol=rtol),
            identity_row("x aggregates to national", gx, scale=scale, rtol=rtol),
            identity_row("f aggregates to national", gf, scale=scale, rtol=rtol),
            identity_row("x = L f", gs, scale=scale, rtol=1e-7),
            identity_row("effects add up", ge, scale=1.0, rtol=1e-9),
            identity_row("totals = national output multipliers", gm, scale=1.0, rtol=1e-8),
        ]
        return pd.DataFrame(rows)

    def _identity_rows(self) -> list[dict]:
        return self.check().to_dict("records")

    def _aggregate_array(self) -> np.ndarray:
        n, nr, c = self.national.n, self._nr, self._codes
        Za = self.A.to_numpy() * self.x.to_numpy()[None, :]
        agg = np.zeros((n, n))
        parts = (slice(0, nr), slice(nr, None))
        for rows in parts:  # the four blocks rr, rR, Rr, RR
            for cols in parts:
                agg[np.ix_(c[rows], c[cols])] += Za[rows, cols]
        return agg

    def aggregate(self) -> pd.DataFrame:
        """The interregional flows summed over regions: the national ``Z`` (n × n)."""
        ind = self.national.industries
        return pd.DataFrame(self._aggregate_array(), index=ind, columns=ind)

    def _title(self) -> str:
        return (
            f"Two-region model: {self.region} + {self.rest} ({method_label(self.method, self.delta, self.diagonal)}; "
            "estimated by LQ regionalization, interregional trade = remaining national coefficients)"
        )

    def _size(self) -> str:
        return ""

    def _summary_lines(self) -> list[str]:
        e = self._effects
        lines = [
            f"  sectors: {self.region} {int((e['region'] == self.region).sum())}, {self.rest} {int((e['region'] == self.rest).sum())}",
        ]
        for reg in (self.region, self.rest):
            s = e[e["region"] == reg]
            lines.append(
                f"  {reg}: mean intraregional {s['intraregional'].mean():.4f}, feedback {s['feedback'].mean():.5f}, "
                f"spillover {s['spillover'].mean():.4f}, total {s['total'].mean():.4f}"
            )
        chk = self.check()
        lines.append("  aggregation check: " + ("passed" if chk["ok"].all() else "FAILED: " + ", ".join(chk.loc[~chk["ok"], "identity"])))
        lines += [f"  dropped from {k}: {', '.join(v)}" for k, v in self.dropped.items() if v]
        lines += [f"  note: {n}" for n in self.notes]
        return lines


def two_region_model(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    rest: str = "rest of country",
) -> TwoRegionModel:
    """Build the two-region model of ``region`` and the rest of the country.

    Parameters
    ----------
    table : IOTable
        The national table (domestic flows).
    regional, national
        Employment of the region and of the nation by industry (Series), or a
        :class:`~valuechain.regional.RegionalEmployment`. The rest of the country has
        national minus regional employment.
    method, delta, diagonal
        The location quotient applied to both regions (see
        :func:`~valuechain.regional.regionalize`); default FLQ with δ = 0.3.
    region, rest : str
        Labels of the two regions.

    Returns
    -------
    TwoRegionModel

    Raises
    ------
    ValidationError
        If the employment vectors do not match the table or an option is invalid.

    Notes
    -----
    Outputs: :math:`x^r_i = x^n_i e^r_i / e^n_i` and :math:`x^R = x^n - x^r` (equal
    labour productivity, as in :func:`~valuechain.regional.regionalize`). Final demand
    is the row residual :math:`f = x - A x`; it can be negative where the LQs let one
    region's purchases from the other exceed that region's output (a known limit of the
    LQ closure; a warning names the industries). The effects need one LU factorisation
    of the 2n system and two of the n-blocks; the 2n inverse itself is never formed
    (``leontief()`` forms it on request).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).
    .. [2] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> m = two_region_model(t, r, n, region="North")
    >>> m.A.shape, m.region, m.rest
    ((4, 4), 'North', 'rest of country')
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"table must be an IOTable, got {type(table).__name__}")
    spec = lq_method(method)
    method = spec.name
    check_diagonal(diagonal)
    data_flags: tuple[str, ...] = ()
    if isinstance(regional, RegionalEmployment):
        data_flags = tuple(regional.flags)
        region = region or regional.region
        national = regional.national if national is None else national
        regional = regional.regional
    if national is None:
        raise ValidationError("national employment is required (or pass a RegionalEmployment)")
    region = str(region or "region")
    if str(rest) == region:
        raise ValidationError(f"the region and the rest of the country are both called {region!r}; give different names")
    ind = table.industries
    n = len(ind)
    reg = align_measure(regional, ind, "regional employment")
    nat = align_measure(national, ind, "national employment")
    employment_pair(reg, nat)
    oth = (nat - reg).clip(lower=0.0)
    if oth.sum() <= 0:
        raise ValidationError(f"region {region!r} holds all national employment; there is no rest of the country to model")
    if spec.needs_delta_vector:
        delta = delta_vector(delta, ind)
    else:
        delta = check_delta(delta)
    An = table.A.to_numpy()
    Qr = _cap(location_quotients(reg, nat, method=method, delta=delta, A=table.A, diagonal=diagonal), n)
    QR = _cap(location_quotients(oth, nat, method=method, delta=delta, A=table.A, diagonal=diagonal), n)
    in_r = reg.to_numpy() > 0
    in_R = oth.to_numpy() > 0
    # an industry absent from one region is supplied wholly by the other
    Qr[~in_R, :] = 1.0
    QR[~in_r, :] = 1.0
    Qr[~in_r, :] = 0.0
    QR[~in_R, :] = 0.0
    Arr = An * Qr
    ARR = An * QR
    ARr = An - Arr
    ArR = An - ARR
    xn = table.x.to_numpy()
    xr = xn * (reg.to_numpy() / nat.to_numpy())
    xR = xn - xr
    ir, iR = np.flatnonzero(in_r), np.flatnonzero(in_R)
    A2 = np.block(
        [
            [Arr[np.ix_(ir, ir)], ArR[np.ix_(ir, iR)]],
            [ARr[np.ix_(iR, ir)], ARR[np.ix_(iR, iR)]],
        ]
    )
    labels = pd.MultiIndex.from_arrays(
        [[region] * len(ir) + [str(rest)] * len(iR), list(ind[ir]) + list(ind[iR])], names=["region", "industry"]
    )
    x2 = np.concatenate([xr[ir], xR[iR]])
    f2 = x2 - A2 @ x2
    check_productive(A2, name="the two-region A")
    N = A2.shape[0]
    lu = leontief_factor(A2, check=False, name="the two-region A")  # valuechain.iomath: LU of I - A, once
    nr = len(ir)
    E = np.zeros((N, 2))
    E[:nr, 0] = 1.0
    E[nr:, 1] = 1.0
    U = lu.solve(E, transpose=True)  # column sums of L by row region
    own_r = U[:nr, 0]
    spill_r = U[:nr, 1]
    own_R = U[nr:, 1]
    spill_R = U[nr:, 0]

    def _intra(B: np.ndarray) -> np.ndarray:  # output multipliers of one region alone
        return leontief_factor(B, check=False).solve(np.ones(B.shape[0]), transpose=True)

    m_r = _intra(A2[:nr, :nr])
    m_R = _intra(A2[nr:, nr:])
    eff = pd.DataFrame(
        {
            "region": labels.get_level_values(0),
            "industry": labels.get_level_values(1),
            "intraregional": np.concatenate([m_r, m_R]),
            "feedback": np.concatenate([own_r - m_r, own_R - m_R]),
            "spillover": np.concatenate([spill_r, spill_R]),
            "total": np.concatenate([own_r + spill_r, own_R + spill_R]),
        }
    )
    own = eff["intraregional"] + eff["feedback"]
    eff["feedback_share_pct"] = 100.0 * eff["feedback"] / own
    eff["spillover_share_pct"] = 100.0 * eff["spillover"] / eff["total"]
    eff["output"] = x2
    eff["final_demand"] = f2
    eff["method"] = method_label(method, delta, diagonal)
    eff["note"] = "estimated (LQ two-region model)"
    notes = []
    scale = max(1.0, float(np.abs(x2).max(initial=0.0)))
    neg = f2 < -1e-9 * scale
    if neg.any():
        bad = [f"{a}: {b}" for a, b in labels[neg]]
        msg = (
            f"final demand is negative for {len(bad)} sector(s) ({'; '.join(bad[:4])}): the LQs make one region buy more "
            "from the other than it produces; effects are still valid, outputs of those sectors are less reliable"
        )
        notes.append(msg)
        warnings.warn(msg, ValuechainWarning, stacklevel=2)
    lam = (
        (lambda_star(reg.sum(), nat.sum(), delta), lambda_star(oth.sum(), nat.sum(), delta))
        if spec.needs_delta
        else (None, None)
    )
    return TwoRegionModel(
        A=pd.DataFrame(A2, index=labels, columns=labels),
        x=pd.Series(x2, index=labels, name="x"),
        f=pd.Series(f2, index=labels, name="f"),
        national=table,
        region=region,
        rest=str(rest),
        method=method,
        delta=delta,
        diagonal=diagonal,
        lambda_star=lam,
        dropped={region: list(ind[~in_r]), str(rest): list(ind[~in_R])},
        notes=tuple(notes),
        flags=tuple(dict.fromkeys((*table.flags, "estimated (LQ two-region model)", *data_flags))),
        _lu=lu,
        _effects=eff,
        _codes=np.concatenate([ir, iR]),
        _nr=nr,
    )
