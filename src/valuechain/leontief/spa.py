r"""Structural path analysis (SPA): the chains through which final demand reaches an industry.

The power series of the Leontief inverse, :math:`f = \hat e L y = \hat e (I + A + A^2 +
\dots) y`, splits the extension :math:`f_t` of a target industry :math:`t` (output when
:math:`e = 1`, or value added, employment, emissions per unit of output) into paths.
The path :math:`s \to i_1 \to \dots \to i_{k-1} \to t` of order :math:`k` (final demand
for :math:`s`, which buys from :math:`i_1`, …, which buys from the target :math:`t`)
carries

.. math::

    \text{value} = e_t\, a_{t\,i_{k-1}} \cdots a_{i_2 i_1}\, a_{i_1 s}\, y_s

and the order-0 path is the target's own final demand, :math:`e_t y_t`. All paths of all
orders add up to :math:`e_t x_t` (Defourny & Thorbecke 1984; Lenzen 2002).

Search with pruning (Peters & Hertwich 2006; Lenzen & Crawford 2009): the tree is
grown backwards from the target. A node reached by a chain of weight :math:`w =
e_t a_{t\,i_{k-1}} \cdots` roots a subtree whose paths add up to exactly :math:`w\,x_m`
(:math:`x = L y`): a subtree whose total is below ``threshold`` × the target's total
is cut whole, since no path in it can reach the threshold. The pruned tree is expanded
one order at a time with array operations (each order's surviving nodes at once): each
row of :math:`A\hat x` is sorted once, so the children a node keeps are a prefix of its
sorted row, found by binary search. It visits exactly the nodes a depth-first search
with the same rule visits. The remainder
— what the listed paths leave of the total, i.e. paths above ``order`` and the cut
subtrees — is reported for every tree; with ``threshold=0`` the paths up to order
:math:`k` leave :math:`e_t (A^{k+1} x)_t`, which shrinks to zero as :math:`k` grows.

References
----------
.. [1] Defourny, J. and Thorbecke, E. (1984). Structural path analysis and multiplier
   decomposition within a social accounting matrix framework. *Economic Journal* 94, 111-136.
.. [2] Lenzen, M. (2002). A guide for compiling inventories in hybrid life-cycle
   assessments. *Journal of Cleaner Production* 10, 545-572 (structural path extraction).
.. [3] Peters, G. P. and Hertwich, E. G. (2006). Structural analysis of international trade:
   environmental impacts of Norway. *Economic Systems Research* 18(2), 155-181.
.. [4] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 12.3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import leontief_solve
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable

__all__ = ["SPAResult", "structural_paths", "PATH_SEPARATOR"]

PATH_SEPARATOR = " > "


def _extension(t: IOTable, extension: str | None) -> np.ndarray:
    x = t.x.to_numpy(dtype=float)
    if extension in (None, "output"):
        return np.ones(len(x))
    if extension == "value_added":
        row = t.V.loc[t.value_added_rows()].to_numpy(dtype=float).sum(axis=0)
    elif extension == "employment" and t.role("employment"):
        row = t.row(t.role("employment")[0]).to_numpy(dtype=float)
    else:
        try:
            row = t.row(extension).to_numpy(dtype=float)
        except ValidationError:
            rows = list(t.V.index) + (list(t.satellite.index) if t.satellite is not None else [])
            raise ValidationError(f"extension {extension!r}: the table has no such row; use output, value_added, employment "
                                  f"or one of {rows[:6]}") from None
    return np.divide(row, x, out=np.zeros_like(row), where=x != 0)


def _tree(A: np.ndarray, w0: float, t: int, yv: np.ndarray, xv: np.ndarray, order: int, thr: float, ranked=None):
    r"""Paths of the tree of target ``t``: per order, the node sequences (target first) and the values.

    ``ranked`` = (R, Ms): each row of :math:`M = A\hat x` sorted in decreasing order (``R`` the
    column of each sorted entry, ``Ms`` the values); a node of weight ``w`` keeps exactly the
    children with :math:`w m_{ic} \ge` ``thr``, a prefix of its sorted row (found by binary search).
    """
    R, Ms = ranked if ranked is not None else _rank(A, xv)
    neg = -Ms  # ascending rows for searchsorted
    paths_nodes: list[np.ndarray] = [np.array([[t]])]
    values: list[np.ndarray] = [np.array([w0 * yv[t]])]
    front_nodes, front_w = paths_nodes[0], np.array([w0])
    for _ in range(order):
        last = front_nodes[:, -1]
        with np.errstate(divide="ignore"):
            cut = np.where(front_w > 0, thr / front_w, np.inf)
        counts = np.zeros(len(last), dtype=np.int64)
        for m in np.unique(last):
            sel = np.flatnonzero(last == m)
            counts[sel] = np.searchsorted(neg[m], -cut[sel], side="right")
        total = int(counts.sum())
        if total == 0:
            break
        parent = np.repeat(np.arange(len(last)), counts)
        start = np.repeat(np.cumsum(counts) - counts, counts)
        within = np.arange(total) - start
        child = R[last[parent], within]
        w = front_w[parent] * A[last[parent], child]
        keep = w > 0
        parent, child, w = parent[keep], child[keep], w[keep]
        if not len(w):
            break
        front_nodes = np.column_stack([front_nodes[parent], child])
        front_w = w
        paths_nodes.append(front_nodes)
        values.append(front_w * yv[child])
    return paths_nodes, values


def _rank(A: np.ndarray, xv: np.ndarray):
    M = A * xv[None, :]
    R = np.argsort(-M, axis=1, kind="stable")
    return R, np.take_along_axis(M, R, axis=1)


@dataclass(frozen=True, eq=False)
class SPAResult(ResultMixin):
    """The strongest paths (frozen; the result of :func:`structural_paths`).

    Attributes
    ----------
    table : DataFrame
        ``rank``, ``path`` (``A > B > C``: final demand for A, through B, into the
        target C), ``order`` (number of links), ``value`` (the extension's unit),
        ``share`` (of the total of the tree(s)), ``source``, ``target``.
    trees : DataFrame
        One row per target: ``target``, ``total`` (:math:`e_t x_t`, or from the chosen
        sources only), ``paths_found`` (number), ``found`` (sum of all paths above the
        threshold up to the order), ``remainder`` (total - found), ``remainder_share``.
    extension : str
        What the paths carry (output, value added, employment or a row of the table).
    order : int
        The largest number of links searched.
    threshold : float
        The share of the total below which a subtree was cut.

    Examples
    --------
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    >>> r = structural_paths(t, to="1", order=2, threshold=0)
    >>> r.table["path"].head(3).tolist()
    ['2 > 1', '1', '2 > 1 > 1']
    >>> round(float(r.trees.loc[0, "total"]), 6)   # x_1 = 1000: every path adds up to output
    1000.0
    """

    table: pd.DataFrame
    trees: pd.DataFrame
    extension: str
    order: int
    threshold: float
    flags: tuple = ()
    title: ClassVar[str] = "Structural path analysis"

    def figure_table(self, top: int = 10) -> pd.DataFrame:
        """The ``top`` paths and the remainder (``path``, ``value``, ``share``) for a bar chart."""
        t = self.table.head(top)[["path", "value", "share"]]
        rest = float(self.trees["total"].sum()) - float(t["value"].sum())
        tot = float(self.trees["total"].sum()) or 1.0
        return pd.concat([t, pd.DataFrame([{"path": "all other paths", "value": rest, "share": rest / tot}])], ignore_index=True)

    def _identity_rows(self) -> list[dict]:
        tr = self.trees
        gap = float(np.abs(tr["found"] + tr["remainder"] - tr["total"]).max()) if len(tr) else 0.0
        scale = float(np.abs(tr["total"]).max()) if len(tr) else 1.0
        return [identity_row("paths found + remainder = total of every tree", gap, scale=scale, rtol=1e-12),
                ]

    def _summary_lines(self) -> list[str]:
        tr = self.trees
        lines = [f"  {self.extension}; paths up to order {self.order}, subtrees below {self.threshold:g} of the total cut"]
        for _, r in tr.head(5).iterrows():
            lines.append(f"  into {r['target']}: total {r['total']:,.6g}, {int(r['paths_found'])} paths found "
                         f"({r['found'] / r['total'] if r['total'] else 0:.1%}), remainder {r['remainder']:,.6g}")
        for _, r in self.table.head(3).iterrows():
            lines.append(f"  #{int(r['rank'])} {r['path']}: {r['value']:,.6g} ({r['share']:.1%})")
        return lines


def structural_paths(table: IOTable, *, to: str | Sequence[str] | None = None, source: str | Sequence[str] | None = None,
                     order: int = 6, top: int | None = 50, threshold: float = 1e-6, extension: str | None = None,
                     final_demand: str | None = None) -> SPAResult:
    r"""The strongest paths from final demand to the output (or an extension) of industries.

    Parameters
    ----------
    table : IOTable
        The input-output table.
    to : str or list, optional
        Target industry (or industries); all industries when omitted.
    source : str or list, optional
        Only paths that start from final demand for these industries.
    order : int
        Largest number of links (default 6).
    top : int or None
        Keep the ``top`` strongest paths (all with ``None``); the trees' totals and
        remainders count every path found.
    threshold : float
        Cut subtrees whose total is below ``threshold`` × the total of the tree(s) (default 1e-6).
    extension : str, optional
        ``output`` (default), ``value_added``, ``employment`` or a row of the table.
    final_demand : str, optional
        One final-use column (default: all columns summed). Negative final demand (net of
        imports or inventories) gives negative paths; paths are ranked by absolute value.

    Returns
    -------
    SPAResult
        ``.table``: the ranked paths; ``.trees``: per target, the total, the sum of the
        paths found and the remainder.

    Raises
    ------
    TypeError
        If ``table`` is not an :class:`IOTable`.
    ValidationError
        If ``order``, ``top`` or ``threshold`` is out of range, an industry or final-use
        column is not in the table, or the table has negative coefficients.

    Notes
    -----
    .. math::

        \text{value}(s \to i_1 \to \dots \to t) = e_t\, a_{t\,i_{k-1}} \cdots a_{i_1 s}\, y_s,
        \qquad \sum_{\text{paths}} \text{value} = e_t x_t

    References
    ----------
    .. [1] Defourny, J. and Thorbecke, E. (1984). Structural path analysis and multiplier
           decomposition within a social accounting matrix framework. *Economic Journal* 94, 111-136.
    .. [2] Peters, G. P. and Hertwich, E. G. (2006). Structural analysis of international trade:
           environmental impacts of Norway. *Economic Systems Research* 18(2), 155-181.

    Examples
    --------
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    >>> r = structural_paths(t, to="1", order=1, top=None, threshold=0)
    >>> r.table[["path", "order", "value"]].values.tolist()
    [['2 > 1', 1, 425.0], ['1', 0, 350.0], ['1 > 1', 1, 52.5]]
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"structural_paths needs an IOTable, got {type(table).__name__}")
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or not 0 <= int(order) <= 20:
        raise ValidationError(f"order {order!r}; give a whole number of links between 0 and 20 (e.g. 6)")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or int(top) < 1):
        raise ValidationError(f"top {top!r}; give a whole number of paths >= 1 (e.g. 50)")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not np.isfinite(threshold) or not 0 <= threshold < 1:
        raise ValidationError(f"threshold {threshold!r}; give a share of the total in [0, 1) such as 1e-6")
    ind = table.industries
    pos = {lab: i for i, lab in enumerate(ind)}

    def pick(v, what):
        if v is None:
            return None
        labs = [v] if isinstance(v, str) else list(v)
        bad = [lab for lab in labs if lab not in pos]
        if bad:
            raise ValidationError(f"--{what} names industries not in the table: {bad[:3]}; use the table's labels (e.g. {list(ind[:3])})")
        return [pos[lab] for lab in labs]

    targets = pick(to, "to")
    sources = pick(source, "from")
    A = table.A.to_numpy(dtype=float)
    if (A < 0).any():
        raise ValidationError("the table has negative coefficients; structural path analysis needs A >= 0")
    if final_demand is None:
        y = table.Y.to_numpy(dtype=float).sum(axis=1)
    elif final_demand in table.Y.columns:
        y = table.Y[final_demand].to_numpy(dtype=float)
    else:
        raise ValidationError(f"--final-demand {final_demand!r}: the table has no such column; use one of {list(table.Y.columns)[:6]}")
    yv = y.copy()
    if sources is not None:
        mask = np.zeros(len(y), dtype=bool)
        mask[sources] = True
        yv[~mask] = 0.0
    e = _extension(table, extension)
    xv = leontief_solve(A, yv, check=False)
    # bounds for the pruning: with negative final demand (net of imports, inventories) or a
    # negative intensity, a subtree's paths add up to at most w (L|y|)_m in absolute value
    xabs = leontief_solve(A, np.abs(yv), check=False) if (yv < 0).any() else xv
    tlist = list(range(len(ind))) if targets is None else targets
    grand = float(sum(e[t] * xv[t] for t in tlist))
    thr = threshold * float(sum(abs(e[t]) * xabs[t] for t in tlist))
    rows_nodes, rows_val, rows_order, tree_rows = [], [], [], []
    ranked = _rank(A, xabs)
    for t in tlist:
        nodes, vals = _tree(A, abs(e[t]), t, yv, xabs, int(order), thr, ranked)
        vals = [v * np.sign(e[t]) for v in vals]
        found = 0.0
        count = 0
        for k, (nd, v) in enumerate(zip(nodes, vals)):
            keep = v != 0
            found += float(v.sum())
            count += int(keep.sum())
            rows_nodes.extend(nd[keep])
            rows_val.append(v[keep])
            rows_order.append(np.full(int(keep.sum()), k))
        total = float(e[t] * xv[t])
        tree_rows.append({"target": ind[t], "total": total, "paths_found": count, "found": found,
                          "remainder": total - found, "remainder_share": (total - found) / total if total else 0.0})
    val = np.concatenate(rows_val) if rows_val else np.zeros(0)
    ords = np.concatenate(rows_order) if rows_order else np.zeros(0, int)
    idx = np.argsort(-np.abs(val), kind="stable")
    if top is not None:
        idx = idx[: int(top)]
    labels = np.asarray(ind, dtype=object)
    paths = [PATH_SEPARATOR.join(labels[rows_nodes[i][::-1]]) for i in idx]
    out = pd.DataFrame({"rank": np.arange(1, len(idx) + 1), "path": paths, "order": ords[idx].astype(int), "value": val[idx],
                        "share": val[idx] / grand if grand else np.nan,
                        "source": [labels[rows_nodes[i][-1]] for i in idx], "target": [labels[rows_nodes[i][0]] for i in idx]})
    return SPAResult(table=out, trees=pd.DataFrame(tree_rows), extension=extension or "output", order=int(order),
                     threshold=float(threshold), flags=tuple(table.flags))
