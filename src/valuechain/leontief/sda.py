r"""Structural decomposition analysis (SDA) of the change between two IO tables.

The quantity :math:`f` (output, value added, employment or any row of the tables, by
industry) is a product of factors,

.. math::

    f = \hat e\, L\, B\, d\, s, \qquad y = Y\mathbf 1 = B\,(d\,s)

with :math:`e` the extension's intensity per unit of output (absent for output),
:math:`L = (I - A)^{-1}` the technology, :math:`B` the product mix of each final-use
category (:math:`b_{ic} = y_{ic} / \sum_i y_{ic}`), :math:`d` the category mix
(destination: each category's share of all final use) and :math:`s` the level (total
final use). The change :math:`\Delta f = f_1 - f_0` is split into one effect per factor.
Each ordering of the :math:`k` factors gives an exactly additive decomposition; their
average over all :math:`k!` orderings (Dietzenbacher & Los 1998) does not depend on an
arbitrary order. It equals the Shapley value

.. math::

    \Delta_i = \sum_{S \subseteq K \setminus \{i\}} \frac{|S|!\,(k - |S| - 1)!}{k!}
        \bigl[f(S \cup \{i\}) - f(S)\bigr]

where :math:`f(S)` takes the factors in :math:`S` at time 1 and the others at time 0:
:math:`2^k` evaluations instead of :math:`k!`. The two polar decompositions (factors to
the left of the changing one at time 1 and to the right at time 0, and the reverse) are
reported beside the average (their spread shows how much the order matters).

Constant prices: with a price index :math:`p` of the later table relative to the earlier
(by industry), the later table is deflated row by row, :math:`A_1 \to \hat p^{-1} A_1 \hat p`,
:math:`Y_1 \to \hat p^{-1} Y_1` (and value added by the industry's index).

References
----------
.. [1] Dietzenbacher, E. and Los, B. (1998). Structural decomposition techniques: sense
   and sensitivity. *Economic Systems Research* 10(4), 307-324.
.. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 13.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import factorial
from typing import ClassVar

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import leontief_solve
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable

__all__ = ["SDAResult", "structural_decomposition", "SDA_EFFECTS", "sda_samples"]

#: effect columns, in the order of the factors of f = e L B d s
SDA_EFFECTS = ("extension_intensity", "technology", "final_demand_product_mix", "final_demand_category_mix",
               "final_demand_level")
TOTAL_LABEL = "total"


def _intensity(t: IOTable, extension: str | None, price=None) -> np.ndarray | None:
    if extension in (None, "output"):
        return None
    x = t.x.to_numpy(dtype=float)
    if extension == "value_added":
        row = t.V.loc[t.value_added_rows()].to_numpy(dtype=float).sum(axis=0)
        if price is not None:
            row = row / price
    elif extension == "employment" and t.role("employment"):
        row = t.row(t.role("employment")[0]).to_numpy(dtype=float)
    else:
        try:
            row = t.row(extension).to_numpy(dtype=float)
        except ValidationError:
            rows = list(t.V.index) + (list(t.satellite.index) if t.satellite is not None else [])
            raise ValidationError(f"extension {extension!r}: the table has no such row; use output, value_added, employment "
                                  f"(with roles['employment']) or one of {rows[:6]}") from None
    xx = x / price if price is not None else x
    return np.divide(row, xx, out=np.zeros_like(row), where=xx != 0)


def _parts(t: IOTable, cats: list[str], price=None):
    Y = t.Y[cats].to_numpy(dtype=float) if cats != [TOTAL_LABEL] else t.Y.to_numpy(dtype=float).sum(axis=1, keepdims=True)
    A = t.A.to_numpy(dtype=float)
    if price is not None:
        Y = Y / price[:, None]
        A = A / price[:, None] * price[None, :]
    col = Y.sum(axis=0)
    B = np.divide(Y, col[None, :], out=np.zeros_like(Y), where=col[None, :] != 0)
    s = float(col.sum())
    d = col / s if s != 0 else np.zeros_like(col)
    return A, B, d, s


def _shapley(fvals: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Average-of-all-orderings effects and the two polar forms from ``fvals[..., mask, :]``.

    Bit ``i`` of ``mask`` set: factor ``i`` at time 1. Returns three ``(..., k, n)`` arrays.
    """
    shape = fvals.shape[:-2] + (k, fvals.shape[-1])
    avg = np.zeros(shape)
    for i in range(k):
        bit = 1 << i
        for mask in range(1 << k):
            if mask & bit:
                continue
            size = bin(mask).count("1")
            w = factorial(size) * factorial(k - size - 1) / factorial(k)
            avg[..., i, :] += w * (fvals[..., mask | bit, :] - fvals[..., mask, :])
    pa, pb = np.zeros(shape), np.zeros(shape)
    for i in range(k):
        left = (1 << i) - 1  # factors 0..i-1
        right = ((1 << k) - 1) & ~((1 << (i + 1)) - 1)  # factors i+1..k-1
        pa[..., i, :] = fvals[..., left | (1 << i), :] - fvals[..., left, :]
        pb[..., i, :] = fvals[..., right | (1 << i), :] - fvals[..., right, :]
    return avg, pa, pb


def _fvals(L_apply, factors: list[str], e, B, d, s) -> np.ndarray:
    """f for every mask: ``L_apply(which, Ymat)`` solves with L_0 or L_1 (``(..., n, m)``)."""
    k = len(factors)
    pos = {f: i for i, f in enumerate(factors)}
    masks = list(range(1 << k))
    ys = {0: [], 1: []}
    for mask in masks:
        b = B[(mask >> pos["final_demand_product_mix"]) & 1]
        dd = d[(mask >> pos["final_demand_category_mix"]) & 1]
        ss = s[(mask >> pos["final_demand_level"]) & 1]
        ys[(mask >> pos["technology"]) & 1].append((mask, b @ (dd * ss)))
    out = None
    for which in (0, 1):
        Ymat = np.column_stack([y for _, y in ys[which]])
        X = L_apply(which, Ymat)  # (..., n, m)
        if out is None:
            out = np.zeros(X.shape[:-2] + (1 << k, X.shape[-2]))
        for col, (mask, _) in enumerate(ys[which]):
            v = X[..., :, col]
            if "extension_intensity" in pos:
                v = v * e[(mask >> pos["extension_intensity"]) & 1]
            out[..., mask, :] = v
    return out


@dataclass(frozen=True, eq=False)
class SDAResult(ResultMixin):
    """Structural decomposition of the change between two tables (frozen).

    Attributes
    ----------
    table : DataFrame
        One row per industry and a ``total`` row: ``industry``, ``total_change``,
        ``technology``, ``final_demand`` (the sum of the three final-demand effects),
        ``final_demand_level``, ``final_demand_product_mix``,
        ``final_demand_category_mix`` and, with an extension, ``extension_intensity``.
    polar : DataFrame
        The two polar decompositions: ``<effect>_polar_first`` (factors left of the
        changing one at time 1) and ``<effect>_polar_last`` (at time 0), by industry and total.
    quantity : str
        What is decomposed: ``"output"`` or the extension's name.
    effects : tuple of str
        The effect columns, in the factor order of :data:`SDA_EFFECTS`.
    f0, f1 : Series
        The quantity by industry in the earlier and the later table.

    Examples
    --------
    Every flow of Miller & Blair's Table 2.3 up 10 %: all of the change is the level
    effect (10 % of output, 1000 and 2000).

    >>> t0 = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["a", "b"])
    >>> t1 = IOTable.from_frames([[165, 550], [220, 110]], [[385], [1870]], [[715, 1540]], industries=["a", "b"])
    >>> r = structural_decomposition(t0, t1)
    >>> r.table[["industry", "total_change", "technology", "final_demand_level"]].round(3).values.tolist()
    [['a', 100.0, 0.0, 100.0], ['b', 200.0, 0.0, 200.0], ['total', 300.0, 0.0, 300.0]]
    """

    table: pd.DataFrame
    polar: pd.DataFrame
    quantity: str
    effects: tuple
    f0: pd.Series
    f1: pd.Series
    flags: tuple = ()
    notes: tuple = ()
    title: ClassVar[str] = "Structural decomposition (Dietzenbacher-Los average of all orderings)"

    def figure_table(self) -> pd.DataFrame:
        """The total row's effects, long format (``effect``, ``value``, ``polar_low``, ``polar_high``) for a bar chart."""
        tot = self.table.iloc[-1]
        ptot = self.polar.iloc[-1]
        rows = []
        for e in self.effects:
            a, b = ptot[f"{e}_polar_first"], ptot[f"{e}_polar_last"]
            rows.append({"effect": e, "value": tot[e], "polar_low": min(a, b), "polar_high": max(a, b)})
        return pd.DataFrame(rows)

    def _identity_rows(self) -> list[dict]:
        t = self.table
        eff = t[list(self.effects)].to_numpy().sum(axis=1)
        scale = float(np.abs(t["total_change"]).max()) or 1.0
        rows = [identity_row("effects add up to the change (every industry and the total)",
                             float(np.abs(eff - t["total_change"].to_numpy()).max()), scale=scale, rtol=1e-9)]
        fd = t[["final_demand_level", "final_demand_product_mix", "final_demand_category_mix"]].to_numpy().sum(axis=1)
        rows.append(identity_row("final_demand = level + product mix + category mix",
                                 float(np.abs(fd - t["final_demand"].to_numpy()).max()), scale=scale, rtol=1e-9))
        for tag in ("first", "last"):
            p = self.polar[[f"{e}_polar_{tag}" for e in self.effects]].to_numpy().sum(axis=1)
            rows.append(identity_row(f"polar decomposition ({tag}) adds up", float(np.abs(p - t["total_change"].to_numpy()).max()),
                                     scale=scale, rtol=1e-9))
        return rows

    def _summary_lines(self) -> list[str]:
        tot = self.table.iloc[-1]
        ptot = self.polar.iloc[-1]
        lines = [f"  change in {self.quantity}: {self.f0.sum():,.6g} -> {self.f1.sum():,.6g} ({tot['total_change']:+,.6g})"]
        for e in self.effects:
            a, b = ptot[f"{e}_polar_first"], ptot[f"{e}_polar_last"]
            lines.append(f"  {e}: {tot[e]:+,.6g} (polar forms {min(a, b):+,.6g} to {max(a, b):+,.6g})")
        lines += [f"  note: {n}" for n in self.notes]
        return lines


def _check_pair(t0, t1):
    for t in (t0, t1):
        if not isinstance(t, IOTable):
            raise TypeError(f"structural_decomposition needs two IOTables, got {type(t).__name__}")
    if list(t0.industries) != list(t1.industries):
        if set(t0.industries) != set(t1.industries):
            only = sorted(set(t0.industries) ^ set(t1.industries))[:5]
            raise ValidationError(f"the two tables have different industries ({only}); give tables with the same industries "
                                  "(aggregate them to a common classification first)")
        raise ValidationError("the two tables list their industries in different orders; give them in the same order")


def _categories(t0, t1, notes) -> list[str]:
    c0, c1 = list(t0.Y.columns), list(t1.Y.columns)
    if c0 == c1:
        return c0
    notes.append(f"final-use categories differ ({c0[:4]} vs {c1[:4]}): one category (all final use), so the category-mix "
                 "effect is zero")
    return [TOTAL_LABEL]


def _price(deflator, industries):
    if deflator is None:
        return None
    p = pd.Series(deflator, dtype=float) if not isinstance(deflator, pd.Series) else deflator.astype(float)
    p.index = p.index.map(str)
    missing = [i for i in industries if i not in p.index]
    if missing:
        raise ValidationError(f"the deflator has no price index for {missing[:3]}; give one per industry (1.0 = unchanged)")
    v = p.reindex(industries).to_numpy()
    if not (np.isfinite(v).all() and (v > 0).all()):
        raise ValidationError("a price index is missing, zero, negative or infinite; give positive indices (later / earlier)")
    return v


def structural_decomposition(t0: IOTable, t1: IOTable, *, extension: str | None = None,
                             deflator: pd.Series | None = None) -> SDAResult:
    r"""Decompose the change of output (or an extension) between two tables (module notes).

    Parameters
    ----------
    t0, t1 : IOTable
        The earlier and the later table, with the same industries.
    extension : str, optional
        ``None``/``"output"``, ``"value_added"``, ``"employment"`` or a row of ``V`` or
        the satellite accounts; adds the ``extension_intensity`` effect.
    deflator : Series by industry, optional
        Price index of the later table relative to the earlier (1.05 = +5 %); the later
        table is deflated (constant prices).

    Returns
    -------
    SDAResult

    Examples
    --------
    >>> t0 = IOTable.from_frames([[0.0]], [[10.0]], [[10.0]], industries=["a"])
    >>> t1 = IOTable.from_frames([[0.0]], [[12.0]], [[12.0]], industries=["a"])
    >>> r = structural_decomposition(t0, t1)
    >>> float(r.table.loc[0, "final_demand_level"]), float(r.table.loc[0, "technology"])
    (2.0, 0.0)
    """
    _check_pair(t0, t1)
    notes: list[str] = []
    cats = _categories(t0, t1, notes)
    ind = t0.industries
    p = _price(deflator, ind)
    if p is not None:
        notes.append("later table deflated by the industry price indices (constant prices of the earlier table)")
    A0, B0, d0, s0 = _parts(t0, cats)
    A1, B1, d1, s1 = _parts(t1, cats, p)
    e = [_intensity(t0, extension), _intensity(t1, extension, p)]
    factors = (["extension_intensity"] if e[0] is not None else []) + ["technology", "final_demand_product_mix",
                                                                       "final_demand_category_mix", "final_demand_level"]

    def L_apply(which, Ymat):
        return leontief_solve(A1 if which else A0, Ymat)

    fv = _fvals(L_apply, factors, e, (B0, B1), (d0, d1), (s0, s1))
    k = len(factors)
    avg, pa, pb = _shapley(fv, k)
    f0, f1 = fv[0], fv[(1 << k) - 1]
    quantity = extension or "output"
    t = pd.DataFrame({"industry": list(ind), "total_change": f1 - f0})
    for i, name in enumerate(factors):
        t[name] = avg[i]
    t.insert(3 if "extension_intensity" not in factors else 3, "final_demand",
             t["final_demand_level"] + t["final_demand_product_mix"] + t["final_demand_category_mix"])
    cols = ["industry", "total_change", "technology", "final_demand", "final_demand_level", "final_demand_product_mix",
            "final_demand_category_mix"] + (["extension_intensity"] if "extension_intensity" in factors else [])
    t = t[cols]
    tot = t.drop(columns="industry").sum()
    t = pd.concat([t, pd.DataFrame([{"industry": TOTAL_LABEL, **tot.to_dict()}])], ignore_index=True)
    pol = {"industry": list(ind) + [TOTAL_LABEL]}
    for i, name in enumerate(factors):
        pol[f"{name}_polar_first"] = np.append(pa[i], pa[i].sum())
        pol[f"{name}_polar_last"] = np.append(pb[i], pb[i].sum())
    flags = tuple(dict.fromkeys(tuple(t0.flags) + tuple(t1.flags)))
    return SDAResult(table=t, polar=pd.DataFrame(pol), quantity=quantity, effects=tuple(f for f in SDA_EFFECTS if f in factors),
                     f0=pd.Series(f0, index=ind), f1=pd.Series(f1, index=ind), flags=flags, notes=tuple(notes))


def sda_samples(t0: IOTable, t1: IOTable, Ad0: np.ndarray, Ad1: np.ndarray, *, extension: str | None = None,
                deflator: pd.Series | None = None) -> np.ndarray:
    r"""Average effects for stacks of coefficient draws of both tables: ``(c, k, n)`` (factor order of :data:`SDA_EFFECTS`).

    Other factors (final-use mix, level, intensities) at their point values. Used by
    :func:`valuechain.leontief.sda_uncertainty`.

    Parameters
    ----------
    t0, t1 : IOTable
        The earlier and the later table, with the same industries.
    Ad0, Ad1 : ndarray, shape (c, n, n)
        ``c`` draws of the technical coefficients of ``t0`` and ``t1`` (draw ``s`` of one
        is paired with draw ``s`` of the other).
    extension : str, optional
        As in :func:`structural_decomposition`.
    deflator : Series by industry, optional
        As in :func:`structural_decomposition`.

    Returns
    -------
    ndarray, shape (c, k, n)
        For each draw, the average-of-all-orderings effect of each of the ``k`` factors
        (those of :data:`SDA_EFFECTS` present) on each industry.

    Notes
    -----
    .. math::

        \Delta_i^{(s)} = \sum_{S \subseteq K \setminus \{i\}} \frac{|S|!\,(k - |S| - 1)!}{k!}
            \bigl[f^{(s)}(S \cup \{i\}) - f^{(s)}(S)\bigr]

    References
    ----------
    .. [1] Dietzenbacher, E. and Los, B. (1998). Structural decomposition techniques: sense
           and sensitivity. *Economic Systems Research* 10(4), 307-324.

    Examples
    --------
    Two draws equal to the point coefficients of a table whose flows all grew 10 %:

    >>> t0 = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["a", "b"])
    >>> t1 = IOTable.from_frames([[165, 550], [220, 110]], [[385], [1870]], [[715, 1540]], industries=["a", "b"])
    >>> Ad0, Ad1 = np.stack([t0.A.to_numpy()] * 2), np.stack([t1.A.to_numpy()] * 2)
    >>> S = sda_samples(t0, t1, Ad0, Ad1)
    >>> S.shape, S[0, -1].round(3).tolist()   # draw 0, level effect by industry
    ((2, 4, 2), [100.0, 200.0])
    """
    from .uncertainty import stacked_solves

    notes: list[str] = []
    cats = _categories(t0, t1, notes)
    p = _price(deflator, t0.industries)
    _, B0, d0, s0 = _parts(t0, cats)
    _, B1, d1, s1 = _parts(t1, cats, p)
    e = [_intensity(t0, extension), _intensity(t1, extension, p)]
    factors = (["extension_intensity"] if e[0] is not None else []) + ["technology", "final_demand_product_mix",
                                                                       "final_demand_category_mix", "final_demand_level"]

    def L_apply(which, Ymat):
        return stacked_solves(Ad1 if which else Ad0, B=Ymat)[1]

    fv = _fvals(L_apply, factors, e, (B0, B1), (d0, d1), (s0, s1))
    avg, _, _ = _shapley(fv, len(factors))
    return avg

