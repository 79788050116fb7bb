r"""Monte Carlo bands for multipliers, linkages, key-sector classes and impacts.

The methods of :mod:`valuechain.leontief.uncertainty` (the draws, the batched solves and the
result): each function draws the coefficients (and, in Type II, the closed household row
and column) ``draws`` times, recomputes its statistic on every productive draw, and returns
an :class:`~valuechain.leontief.uncertainty.UncertainResult` whose table keeps the point
estimate and adds ``<column>_p05``, ``_p50`` and ``_p95`` (key sectors also ``prob_key``,
``prob_backward``, ``prob_forward``, ``prob_weak``).

References
----------
.. [1] Lenzen, M. (2000). Errors in conventional and input-output-based life-cycle
   inventories. *Journal of Industrial Ecology* 4(4), 127-148.
.. [2] Rocchi, P., Lenzen, M. and Yanagida, J. (2017). Uncertainty in IO analysis.
.. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 2 and 6.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..tables.iotable import IOTable
from .impact import impact
from .keysectors import key_sectors
from .linkages import LINKAGE_METHODS, linkages
from .multipliers import closed_model, direct_coefficients, multipliers
from .uncertainty import (
    Sampler,
    Uncertainty,
    UncertainResult,
    add_bands,
    coefficient_sampler,
    monte_carlo,
    resolve_uncertainty,
    stacked_solves,
)

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from typing import Mapping

__all__ = [
    "multipliers_uncertainty",
    "linkages_uncertainty",
    "key_sectors_uncertainty",
    "impact_uncertainty",
    "impact_samples",
    "multipliers_and_key_sectors_uncertainty",
]


def _need(table, fn):
    if not isinstance(table, IOTable):
        raise TypeError(f"{fn} needs an IOTable, got {type(table).__name__}")
    return table


def _sampler_for(table: IOTable, u: Uncertainty, sampler) -> Sampler:
    return sampler if sampler is not None else coefficient_sampler(table.A, u)


def _flags(table: IOTable, u: Uncertainty) -> tuple:
    return tuple(table.flags)


# ------------------------------------------------------------------------- methods
def _closed(t: IOTable, household_income) -> np.ndarray:
    return closed_model(t, household_income=household_income).to_numpy(dtype=float)


def multipliers_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, type: str = "I",
                            kind: str = "simple", household_income: str | float="compensation", sampler: Sampler | None = None,
                            **kwargs) -> UncertainResult:
    r"""Multipliers (Type I or II, simple or ratio) with Monte Carlo quantiles.

    Type I:

    .. math:: m^{(s)}_{k,j} = \sum_i d_{ki}\, l^{(s)}_{ij}, \qquad L^{(s)} = (I - A^{(s)})^{-1}

    for output (:math:`d = 1`), value added, income and employment. Type II draws the
    closed coefficients :math:`\bar A^{(s)}` (:func:`~valuechain.leontief.closed_model`:
    the household column :math:`c` and the compensation row :math:`h'` are perturbed
    with the same relative error as :math:`A`, cell by cell) and reads the multipliers
    off one left solve :math:`(I - \bar A^{(s)})'U = \bar D`: output, value added and
    employment sum over the industry rows of :math:`\bar L^{(s)}`, the income multiplier
    is its household row (Miller & Blair 2009, ch. 6), as
    :func:`~valuechain.leontief.multipliers` computes the point values. ``kind="ratio"``
    divides by the (fixed) direct coefficient. ``sampler`` (advanced) replaces the
    coefficient draws (for Type II it must draw the :math:`(n+1)`-square closed matrix).

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    type : {"I", "II"}
        As in :func:`~valuechain.leontief.multipliers`.
    kind : {"simple", "ratio"}
        As in :func:`~valuechain.leontief.multipliers`.
    household_income : "compensation" or float
        Type II: total household income (default: total compensation).
    sampler : callable, optional
        Advanced: replaces the coefficient draws (for Type II it must draw the
        :math:`(n+1)`-square closed matrix).
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: ``sector``, then each multiplier followed by its ``_p05``, ``_p50``,
        ``_p95``.

    Raises
    ------
    ValidationError
        If an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (multipliers) and sec. 2.3.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = multipliers_uncertainty(t, draws=200, coef_cv=0.1, seed=1)
    >>> list(r.table.columns[:5])
    ['sector', 'output', 'output_p05', 'output_p50', 'output_p95']
    """
    t = _need(table, "multipliers_uncertainty")
    u = resolve_uncertainty(uncertainty, kwargs)
    typ = str(type).upper()
    point = multipliers(t, type=typ, kind=kind, household_income=household_income).reset_index()
    cols = [c for c in point.columns if c != "sector"]
    d = direct_coefficients(t)
    n = t.n
    D = np.column_stack([np.ones(n)] + [d[c].to_numpy() for c in cols if c != "output"])
    if typ == "II":
        Dbar = np.vstack([D, np.zeros((1, D.shape[1]))])
        if "income" in cols:  # the income multiplier is the household row of the closed inverse
            k = cols.index("income")
            Dbar[:, k] = 0.0
            Dbar[n, k] = 1.0
        smp = sampler if sampler is not None else coefficient_sampler(_closed(t, household_income), u)
        size = n + 1

        def stat(Ad):
            DL, _ = stacked_solves(Ad, D=Dbar)  # (c, k, n + 1)
            return np.swapaxes(DL[:, :, :n], 1, 2).reshape(len(Ad), -1)
    else:
        smp, size = _sampler_for(t, u, sampler), n

        def stat(Ad):
            DL, _ = stacked_solves(Ad, D=D)  # (c, k, n)
            return np.swapaxes(DL, 1, 2).reshape(len(Ad), -1)  # (c, n*k), industry-major

    S, rej = monte_carlo(smp, stat, size, u, point=_closed(t, household_income) if typ == "II" else t.A.to_numpy())
    S = S.reshape(u.draws, n, len(cols))
    if kind == "ratio":
        for k, c in enumerate(cols):
            if c != "output":
                dk = d[c].to_numpy()
                with np.errstate(divide="ignore", invalid="ignore"):
                    S[:, :, k] = np.where(dk != 0, S[:, :, k] / np.where(dk != 0, dk, 1.0), np.nan)
    df = add_bands(point, S, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "multipliers" if typ == "I" else "Type II multipliers", tuple(cols), u, rej, tuple(t.flags), t.name,
                           samples={"multipliers": S})


def _rasmussen_from(cs: np.ndarray, rs: np.ndarray) -> np.ndarray:
    n = cs.shape[1]
    tot = cs.sum(axis=1, keepdims=True)
    return np.stack([n * cs / tot, n * rs / tot], axis=2)  # (c, n, 2)


def _rasmussen_draws(Ad: np.ndarray) -> np.ndarray:
    n = Ad.shape[1]
    one = np.ones((n, 1))
    left, right = stacked_solves(Ad, D=one, B=one)
    return _rasmussen_from(left[:, 0, :], right[:, :, 0])


def _norm_method(m) -> str:
    return str(m).strip().lower().replace("-", "_").replace(" ", "_")


def _methods(method) -> list[str]:
    ms = [method] if isinstance(method, str) else list(method)
    names: list[str] = []
    for m in ms:
        k = _norm_method(m)
        if k == "all":
            names.extend(LINKAGE_METHODS)
        elif k in LINKAGE_METHODS:
            names.append(k)
        else:
            raise ValidationError(f"unknown linkage method {m!r}; use one of {', '.join(LINKAGE_METHODS)} or all")
    names = list(dict.fromkeys(names))
    if not names:
        raise ValidationError("no linkage method given; use one of " + ", ".join(LINKAGE_METHODS) + " or all")
    return names


def _sdiv(a, b, fill=0.0):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1.0), fill)


class _LinkageDraws:
    r"""Linkage measures of every :data:`LINKAGE_METHODS` entry for a stack of draws.

    Output :math:`x`, final demand :math:`y` and primary inputs :math:`p` keep their
    observed values (the weights of Hazari and Jones/Laumas); the draw changes
    :math:`A^{(s)}`, hence :math:`L^{(s)}`, :math:`B^{(s)} = \hat x^{-1}A^{(s)}\hat x` and
    :math:`G^{(s)} = \hat x^{-1}L^{(s)}\hat x`. Every measure is a closed form in
    :math:`\mathbf 1'L`, :math:`L\mathbf 1`, :math:`Lx`, :math:`w'L`, :math:`Lw`
    (:math:`w = y/\mathbf 1'y`) and, for the extraction measures and the Rasmussen CVs,
    :math:`\operatorname{diag} L` and the sums of squares of :math:`L`'s rows and columns
    (then :math:`L^{(s)}` itself is solved for, ``full``), exactly as
    :mod:`valuechain.leontief.linkages` computes the point values.
    """

    def __init__(self, t: IOTable, methods, full: bool):
        self.n = t.n
        self.x = t.x.to_numpy(dtype=float)
        imp = set(t.role("imports"))
        cols = [c for c in t.Y.columns if c not in imp]
        self.y = t.Y[cols].to_numpy(dtype=float).sum(axis=1) if cols else np.zeros(t.n)
        self.p = t.V.to_numpy(dtype=float).sum(axis=0) if t.V.shape[0] else self.x - t.Z.to_numpy(dtype=float).sum(axis=0)
        self.w = self.y / self.y.sum() if self.y.sum() > 0 else np.zeros(t.n)
        self.methods = list(methods)
        self.full = bool(full)

    def stats(self, Ad: np.ndarray) -> dict:
        n = self.n
        if self.full:
            _, L = stacked_solves(Ad, B=np.eye(n))  # (c, n, n)
            st = {"cs": L.sum(axis=1), "rs": L.sum(axis=2), "Lx": L @ self.x, "wL": np.einsum("i,cij->cj", self.w, L),
                  "Lw": L @ self.w, "diag": np.diagonal(L, axis1=1, axis2=2).copy(),
                  "ssc": np.einsum("cij,cij->cj", L, L), "ssr": np.einsum("cij,cij->ci", L, L)}
            return st
        left, right = stacked_solves(Ad, D=np.column_stack([np.ones(n), self.w]), B=np.column_stack([np.ones(n), self.x, self.w]))
        return {"cs": left[:, 0, :], "wL": left[:, 1, :], "rs": right[:, :, 0], "Lx": right[:, :, 1], "Lw": right[:, :, 2]}

    def measures(self, Ad: np.ndarray, st: dict, m: str) -> dict:
        """``{column: (c, n) array}`` in the column order of the point function."""
        n, x = self.n, self.x
        cs = st["cs"]
        if m == "chenery_watanabe":
            return {"chenery_watanabe_backward": Ad.sum(axis=1), "chenery_watanabe_forward": _sdiv(Ad @ x, x)}
        if m == "rasmussen":
            tot = cs.sum(axis=1, keepdims=True)
            out = {"rasmussen_backward": n * cs / tot, "rasmussen_forward": n * st["rs"] / tot}
            if "ssc" in st:
                mc, mr = cs / n, st["rs"] / n
                vc = np.maximum(st["ssc"] - n * mc**2, 0.0) / (n - 1)
                vr = np.maximum(st["ssr"] - n * mr**2, 0.0) / (n - 1)
                out["rasmussen_backward_cv"] = _sdiv(np.sqrt(vc), mc, np.nan)
                out["rasmussen_forward_cv"] = _sdiv(np.sqrt(vr), mr, np.nan)
            return out
        gs = _sdiv(st["Lx"], x, 1.0)
        if m == "total":
            return {"total_backward": cs, "total_forward": gs}
        if m == "hazari":
            wl, lw = st["wL"], st["Lw"]
            return {"hazari_backward": n * wl / wl.sum(axis=1, keepdims=True),
                    "hazari_forward": n * lw / lw.sum(axis=1, keepdims=True)}
        if m == "jones":
            b = (self.y / self.y.sum()) * cs
            f = (self.p / self.p.sum()) * gs
            return {"jones_backward": b / b.mean(axis=1, keepdims=True), "jones_forward": f / f.mean(axis=1, keepdims=True)}
        if m == "extraction":
            d = st["diag"]
            return {"extraction_backward": _sdiv(x * (cs - 1.0), d), "extraction_forward": _sdiv(x * (gs - 1.0), d),
                    "extraction_total": _sdiv(x * cs, d)}
        raise ValidationError(f"unknown linkage method {m!r}")  # pragma: no cover - checked by _methods

    def columns(self, Ad: np.ndarray) -> dict:
        st = self.stats(Ad)
        out: dict = {}
        for m in self.methods:
            out.update(self.measures(Ad, st, m))
        return out


def linkages_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, method: str | Sequence[str]="all",
                         sampler: Sampler | None = None, **kwargs: Any) -> UncertainResult:
    r"""Backward and forward linkages of any method with Monte Carlo quantiles.

    ``method``: ``"all"`` (default), one of :data:`~valuechain.leontief.LINKAGE_METHODS`
    or a list, as in :func:`~valuechain.leontief.linkages`. Every column of the point
    result (``<method>_backward``, ``<method>_forward``, the Rasmussen CVs,
    ``extraction_total``) gains ``_p05``, ``_p50``, ``_p95``. For Rasmussen's indices

    .. math:: U^{(s)}_{\cdot j} = \frac{n\,\mathbf 1' L^{(s)} e_j}{\mathbf 1' L^{(s)} \mathbf 1}, \qquad
              U^{(s)}_{i \cdot} = \frac{n\, e_i' L^{(s)} \mathbf 1}{\mathbf 1' L^{(s)} \mathbf 1}

    and the other measures by the same formulas as the point values with
    :math:`A^{(s)}` in place of :math:`A` (output, final demand and primary inputs,
    the weights, fixed). The CVs and the extraction measures need each draw's whole
    :math:`L^{(s)}` (one solve with :math:`n` right-hand sides); the others two solves
    with at most three.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    method : str or sequence of str
        ``"all"`` (default), one of :data:`~valuechain.leontief.LINKAGE_METHODS` or a list.
    sampler : callable, optional
        Advanced: ``(rng, size) -> (size, n, n)`` coefficient draws replacing
        :func:`coefficient_sampler`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: the point columns of :func:`~valuechain.leontief.linkages`, each followed by its quantiles.

    Raises
    ------
    ValidationError
        If an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    References
    ----------
    .. [1] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = linkages_uncertainty(t, method="rasmussen", draws=100, coef_cv=0.1)
    >>> list(r.table.columns[:5])
    ['sector', 'rasmussen_backward', 'rasmussen_backward_p05', 'rasmussen_backward_p50', 'rasmussen_backward_p95']
    """
    t = _need(table, "linkages_uncertainty")
    u = resolve_uncertainty(uncertainty, kwargs)
    names = _methods(method)
    point = linkages(t, method=names).reset_index()
    ld = _LinkageDraws(t, names, full=bool({"rasmussen", "extraction"} & set(names)))
    cols = [c for c in point.columns if c != "sector"]

    def stat(Ad):
        d = ld.columns(Ad)
        return np.stack([d[c] for c in cols], axis=2).reshape(len(Ad), -1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, t.n, u)
    S = S.reshape(u.draws, t.n, len(cols))
    df = add_bands(point, S, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "linkages", tuple(cols), u, rej, tuple(t.flags), t.name, samples={"linkages": S})


def _cv_thresholds(cv: np.ndarray, cv_filter) -> np.ndarray:
    """Per-draw CV threshold (``(draws, 1)``) as :func:`~valuechain.leontief.key_sectors` sets it."""
    if cv_filter == "median":
        return np.nanmedian(cv, axis=1, keepdims=True)
    return np.full((cv.shape[0], 1), float(cv_filter))


def key_sectors_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, backward: str = "rasmussen",
                            forward: str | None = None, cv_filter: str | float | None=None, exclude: Sequence[str] = (),
                            sampler: Sampler | None = None, **kwargs: Any) -> UncertainResult:
    r"""Key sectors with the probability of each class over the draws.

    In each draw every industry is classified exactly as
    :func:`~valuechain.leontief.key_sectors` does with the same ``backward``,
    ``forward``, ``cv_filter`` and ``exclude``: the measures of the draw divided by
    their average over all industries, :math:`\tilde b^{(s)}_j = b^{(s)}_j/\bar b^{(s)}`;
    with a CV filter a linkage counts as strong only when the draw's Rasmussen CV is at
    most the threshold (a number, or the draw's median CV over the classified
    industries); then key when both are strong and above 1, backward, forward, weak.
    ``prob_<class>`` is the share of draws in that class. The point columns are those of
    :func:`~valuechain.leontief.key_sectors` (``class`` is the point class), with
    quantiles of ``backward_norm``, ``forward_norm``, the two measures and (with a CV
    filter) the Rasmussen CVs.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    backward, forward, cv_filter, exclude
        As in :func:`~valuechain.leontief.key_sectors`.
    sampler : callable, optional
        Advanced: ``(rng, size) -> (size, n, n)`` coefficient draws replacing
        :func:`coefficient_sampler`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: the columns of :func:`~valuechain.leontief.key_sectors` with quantiles, and ``prob_key``, ``prob_backward``, ``prob_forward``, ``prob_weak``.

    Raises
    ------
    ValidationError
        If an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = key_sectors_uncertainty(t, draws=100, coef_cv=0.1)
    >>> r.table[["prob_key", "prob_backward", "prob_forward", "prob_weak"]].sum(axis=1).tolist()
    [1.0, 1.0]
    """
    t = _need(table, "key_sectors_uncertainty")
    u = resolve_uncertainty(uncertainty, kwargs)
    point = key_sectors(t, backward=backward, forward=forward, cv_filter=cv_filter, exclude=exclude)
    bm, fm = point.backward_method, point.forward_method
    n = t.n
    if (bm, fm) == ("rasmussen", "rasmussen") and cv_filter is None:
        S, rej = monte_carlo(_sampler_for(t, u, sampler), lambda Ad: _rasmussen_draws(Ad).reshape(len(Ad), -1), n, u)
        R = S.reshape(u.draws, n, 2)
        return _key_sectors_result(t, u, R, rej, exclude, point=point, raw=R, raw_cols=("rasmussen_backward", "rasmussen_forward"))
    cvf = cv_filter is not None
    ld = _LinkageDraws(t, list(dict.fromkeys([bm, fm])), full=cvf or "extraction" in (bm, fm))
    bcol, fcol = f"{bm}_backward", f"{fm}_forward"

    def stat(Ad):
        d = ld.columns(Ad)
        parts = [d[bcol], d[fcol]]
        if cvf:
            nanv = np.full(d[bcol].shape, np.nan)
            parts += [d["rasmussen_backward_cv"] if bm == "rasmussen" else nanv,
                      d["rasmussen_forward_cv"] if fm == "rasmussen" else nanv]
        return np.stack(parts, axis=2).reshape(len(Ad), -1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
    S = S.reshape(u.draws, n, 4 if cvf else 2)
    b, f = S[:, :, 0], S[:, :, 1]
    R = np.stack([b / b.mean(axis=1, keepdims=True), f / f.mean(axis=1, keepdims=True)], axis=2)
    ok = None
    raw, raw_cols = S[:, :, :2], [bcol, fcol]
    if cvf:
        cvc = [k for k, m in ((2, bm), (3, fm)) if m == "rasmussen"]
        raw = np.concatenate([raw, S[:, :, cvc]], axis=2)
        raw_cols += [c for c, m in (("rasmussen_backward_cv", bm), ("rasmussen_forward_cv", fm)) if m == "rasmussen"]
        keep = ~pd.Index(t.industries).isin(list(map(str, exclude)))
        ok = np.ones((u.draws, n, 2), dtype=bool)
        for k, m in ((0, bm), (1, fm)):
            if m == "rasmussen":
                cv = S[:, :, 2 + k]
                thr = _cv_thresholds(cv[:, keep], cv_filter)
                ok[:, :, k] = cv <= thr
    return _key_sectors_result(t, u, R, rej, exclude, point=point, ok=ok, raw=raw, raw_cols=raw_cols)


def _key_sectors_result(t: IOTable, u: Uncertainty, S: np.ndarray, rej: int, exclude, *, point=None,
                        ok: np.ndarray | None = None, raw: np.ndarray | None = None, raw_cols=()) -> UncertainResult:
    res = point if point is not None else key_sectors(t, exclude=exclude)
    point = res.table.copy()
    keep = ~pd.Index(t.industries).isin(list(map(str, exclude)))
    Sk = S[:, keep, :]
    b, f = Sk[:, :, 0] > 1.0, Sk[:, :, 1] > 1.0
    if ok is not None:
        b &= ok[:, keep, 0]
        f &= ok[:, keep, 1]
    probs = {
        "prob_key": (b & f).mean(axis=0),
        "prob_backward": (b & ~f).mean(axis=0),
        "prob_forward": (~b & f).mean(axis=0),
        "prob_weak": (~b & ~f).mean(axis=0),
    }
    point = point.drop(columns=[c for c in ("note",) if c in point])
    banded = ["backward_norm", "forward_norm"]
    if raw is not None and len(raw_cols):
        Sk = np.concatenate([Sk, raw[:, keep, :]], axis=2)
        banded += list(raw_cols)
    df = add_bands(point, Sk, banded, u)
    pos = list(df.columns).index("class") + 1
    for i, (k, v) in enumerate(probs.items()):
        df.insert(pos + i, k, v)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "key sectors", tuple(banded), u, rej, tuple(t.flags), t.name,
                           samples={"norms": Sk[:, :, :2], "measures": Sk[:, :, 2:]})


def impact_samples(point: pd.DataFrame, names: Sequence[str], D: np.ndarray, B: np.ndarray, X1: np.ndarray,
                   X2: np.ndarray | None = None) -> tuple[list, np.ndarray]:
    """Draws of every ``_indirect``/``_induced``/``_total`` cell of a single-region impact table.

    ``B`` the ``(n, Y)`` shock vectors (one per year block), ``X1`` (``X2``) the
    ``(draws, n, Y)`` Type I (Type II) outputs, ``D`` the ``(n, k)`` direct
    coefficients of ``names``. The rows follow :func:`~valuechain.leontief.impact`'s
    layout: per year block the industries then a total row, and an overall total block
    (the sum of the years) when there is more than one block or a ``year`` column.

    Parameters
    ----------
    point : DataFrame
        The point table of :func:`~valuechain.leontief.impact`.
    names : sequence of str
        Indicators (``output`` first) whose cells are sampled.
    D : ndarray, shape (n, k)
        Direct coefficients of ``names`` (ones for output).
    B : ndarray, shape (n, Y)
        The shock vectors, one per year block.
    X1 : ndarray, shape (draws, n, Y)
        Type I outputs of each draw.
    X2 : ndarray, shape (draws, n, Y), optional
        Type II outputs of each draw (adds the ``_induced`` columns).

    Returns
    -------
    tuple of (list of str, ndarray)
        The sampled column names and the draws, shape ``(draws, len(point), len(columns))``.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> from valuechain import impact
    >>> p = impact(t, {"agri": 100.0}).table
    >>> X1 = np.array([[[125.41], [26.4]], [[130.0], [30.0]]])   # two draws of output
    >>> cols, S = impact_samples(p, ["output"], np.ones((2, 1)), np.array([[100.0], [0.0]]), X1)
    >>> cols, S[1]
    (['output_indirect', 'output_total'], array([[ 30., 130.],
           [ 30.,  30.],
           [ 60., 160.]]))
    """
    parts = ("indirect", "induced", "total") if X2 is not None else ("indirect", "total")
    cols = [f"{ind}_{p}" for ind in names for p in parts]
    draws, n, Y = X1.shape
    samples = np.empty((draws, len(point), len(cols)))
    blocks = [(X1[:, :, y], None if X2 is None else X2[:, :, y], B[:, y]) for y in range(Y)]
    if "year" in point.columns:
        blocks.append((X1.sum(axis=2), None if X2 is None else X2.sum(axis=2), B.sum(axis=1)))
    if len(point) != len(blocks) * (n + 1):  # pragma: no cover - layout guard
        raise ValidationError("the impact table does not have the expected layout")
    r0 = 0
    for x1, x2, b in blocks:
        for k, ind in enumerate(names):
            dk = D[:, k][None, :]
            vals = {"indirect": (x1 - b[None, :]) * dk, "total": (x2 if x2 is not None else x1) * dk}
            if x2 is not None:
                vals["induced"] = (x2 - x1) * dk
            for p, v in vals.items():
                j = cols.index(f"{ind}_{p}")
                samples[:, r0:r0 + n, j] = v
                samples[:, r0 + n, j] = v.sum(axis=1)
        r0 += n + 1
    return cols, samples


def impact_uncertainty(table: IOTable, shock: pd.Series | pd.DataFrame | Mapping[str, float], uncertainty: Uncertainty | None = None, *, type: str = "I",
                       household_income: str | float="compensation", sampler: Sampler | None = None, **kwargs: Any) -> UncertainResult:
    r"""Impact (:func:`~valuechain.leontief.impact`, Type I or II) with Monte Carlo quantiles.

    Type I: each draw solves :math:`x^{(s)} = (I - A^{(s)})^{-1} \Delta y` for every year
    of the shock at once. Type II: each draw perturbs the closed coefficients
    :math:`\bar A^{(s)}` (household row and column included) and solves both
    :math:`(I - \bar A^{(s)}) (x^{II}, x_{n+1})' = (\Delta y, 0)'` and, with the same
    draw's industry block :math:`A^{(s)} = \bar A^{(s)}_{11}`, the Type I system, so that
    the induced effect :math:`d \circ (x^{II} - x^{I})` is consistent within the draw.
    The ``_indirect``, ``_induced`` (Type II) and ``_total`` columns of every indicator get
    quantiles (the direct effect is the shock itself and has none).

    Parameters
    ----------
    table : IOTable
        National or regional table.
    shock : Series, mapping, array or DataFrame
        Change in final demand, as in :func:`~valuechain.leontief.impact`.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    type : {"I", "II"}
        As in :func:`~valuechain.leontief.impact`.
    household_income : "compensation" or float
        Type II: total household income (default: total compensation).
    sampler : callable, optional
        Advanced: ``(rng, size) -> (size, n, n)`` coefficient draws replacing
        :func:`coefficient_sampler`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: the impact table with quantiles after each ``_indirect``, ``_induced`` and ``_total`` column.

    Raises
    ------
    ValidationError
        If an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (multipliers) and sec. 2.3.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = impact_uncertainty(t, {"agri": 100.0}, draws=100, coef_cv=0.1)
    >>> list(r.table.columns[:6])
    ['industry', 'output_direct', 'output_indirect', 'output_indirect_p05', 'output_indirect_p50', 'output_indirect_p95']
    """
    t = _need(table, "impact_uncertainty")
    u = resolve_uncertainty(uncertainty, kwargs)
    typ = str(type).upper()
    res = impact(t, shock, type=typ, household_income=household_income)
    point = res.table
    multi = "year" in point.columns
    names = res.indicators
    D = np.column_stack([np.ones(t.n)] + [direct_coefficients(t)[c].to_numpy() for c in names if c != "output"])
    # the shock vectors, one per year block (not the total block)
    blocks = [y for y in point["year"].unique() if y != "total"] if multi else [None]
    dy = []
    for y in blocks:
        part = point if y is None else point[point["year"] == y]
        dy.append(part[part["industry"] != "total"]["output_direct"].to_numpy())
    B = np.column_stack(dy)  # (n, Y)
    n, Y = t.n, B.shape[1]
    if typ == "II":
        smp = sampler if sampler is not None else coefficient_sampler(_closed(t, household_income), u)
        Bbar = np.vstack([B, np.zeros((1, Y))])

        def stat(Ad):
            _, X2 = stacked_solves(Ad, B=Bbar)  # (c, n + 1, Y)
            _, X1 = stacked_solves(np.ascontiguousarray(Ad[:, :n, :n]), B=B)
            return np.concatenate([X1, X2[:, :n, :]], axis=2).reshape(len(Ad), -1)

        S, rej = monte_carlo(smp, stat, n + 1, u, point=_closed(t, household_income))
        S = S.reshape(u.draws, n, 2 * Y)
        X1, X2 = S[:, :, :Y], S[:, :, Y:]
    else:
        def stat(Ad):
            _, X = stacked_solves(Ad, B=B)  # (c, n, Y)
            return X.reshape(len(Ad), -1)

        S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
        X1, X2 = S.reshape(u.draws, n, Y), None
    cols, samples = impact_samples(point, names, D, B, X1, X2)
    df = add_bands(point, samples, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "impact" if typ == "I" else "Type II impact", tuple(cols), u, rej, tuple(t.flags), t.name,
                           samples={"impact": samples})


def multipliers_and_key_sectors_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *,
                                            exclude: Sequence[str] = (), sampler: Sampler | None = None,
                                            **kwargs) -> tuple[UncertainResult, UncertainResult]:
    r"""Multipliers and key sectors from the **same** draws (one factorisation per draw).

    The output multipliers are the column sums :math:`\mathbf 1'L^{(s)}` that Rasmussen's
    backward index needs, so one left solve :math:`(I-A^{(s)})'U = [\mathbf 1, v, h, e]`
    and one right solve :math:`(I-A^{(s)})w = \mathbf 1` give both results.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    exclude : sequence of str
        Local-serving industries left out of the key-sector classification.
    sampler : callable, optional
        Advanced: ``(rng, size) -> (size, n, n)`` coefficient draws replacing
        :func:`coefficient_sampler`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    tuple of (UncertainResult, UncertainResult)
        ``(multipliers result, key-sectors result)``, equal to
        :func:`multipliers_uncertainty` and :func:`key_sectors_uncertainty` run with the
        same seed on the same draws.

    Raises
    ------
    ValidationError
        If an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> m, k = multipliers_and_key_sectors_uncertainty(t, draws=100, coef_cv=0.1)
    >>> m.what, k.what
    ('multipliers', 'key sectors')
    """
    t = _need(table, "multipliers_and_key_sectors_uncertainty")
    u = resolve_uncertainty(uncertainty, kwargs)
    point = multipliers(t).reset_index()
    cols = [c for c in point.columns if c != "sector"]
    d = direct_coefficients(t)
    D = np.column_stack([np.ones(t.n)] + [d[c].to_numpy() for c in cols if c != "output"])
    k, n = len(cols), t.n

    def stat(Ad):
        DL, w = stacked_solves(Ad, D=D, B=np.ones((n, 1)))
        return np.concatenate([np.swapaxes(DL, 1, 2).reshape(len(Ad), -1), w[:, :, 0]], axis=1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
    M = S[:, : n * k].reshape(u.draws, n, k)
    df = add_bands(point, M, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    mres = UncertainResult(df, "multipliers", tuple(cols), u, rej, tuple(t.flags), t.name, samples={"multipliers": M})
    R = _rasmussen_from(M[:, :, 0], S[:, n * k:])
    kres = _key_sectors_result(t, u, R, rej, exclude, raw=R, raw_cols=("rasmussen_backward", "rasmussen_forward"))
    return mres, kres
