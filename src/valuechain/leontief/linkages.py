"""Backward and forward linkages: every measure of the key-sector literature.

Each function takes an :class:`~valuechain.tables.IOTable` and returns a DataFrame
indexed by ``sector`` with columns ``<method>_backward`` and ``<method>_forward`` (plus
``rasmussen_backward_cv``/``rasmussen_forward_cv`` and ``extraction_total``).
"Normalised" means divided by the average over industries, so that the mean is 1.

Notation (Miller & Blair 2009): :math:`A = Z\\hat x^{-1}`, :math:`B = \\hat x^{-1}Z`,
:math:`L = (I-A)^{-1}`, :math:`G = (I-B)^{-1} = \\hat x^{-1} L \\hat x` (Miller & Blair
orientation: rows are selling industries), :math:`y = Y 1` final demand, :math:`n`
industries. Row sums of :math:`G` are computed as :math:`(Lx)_i / x_i` and its diagonal
equals that of :math:`L`, so :math:`G` is never formed here.

References
----------
Chenery, H. B. and Watanabe, T. (1958). International comparisons of the structure of
production. *Econometrica* 26(4), 487-521.
Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland,
ch. 8 (indices of power and sensitivity of dispersion, and their variability).
Hazari, B. R. (1970). Empirical identification of key sectors in the Indian economy.
*Review of Economics and Statistics* 52(3), 301-305.
Jones, L. P. (1976). The measurement of Hirschmanian linkages. *Quarterly Journal of
Economics* 90(2), 323-333.
Laumas, P. S. (1976). The weighting problem in testing the linkage hypothesis.
*Quarterly Journal of Economics* 90(2), 308-312.
Dietzenbacher, E. and van der Linden, J. A. (1997). Sectoral and spatial linkages in the
EC production structure. *Journal of Regional Science* 37(2), 235-257.
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 12
(sec. 12.1 the Ghosh model, 12.2 linkages and hypothetical extraction).
"""

from __future__ import annotations

import weakref
from types import MappingProxyType
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..tables.iotable import IOTable

__all__ = [
    "LINKAGE_METHODS",
    "linkage_method",
    "leontief_stats",
    "linkages",
    "chenery_watanabe",
    "rasmussen",
    "total_linkages",
    "hazari",
    "jones",
    "hypothetical_extraction",
]



def _need(table, fn: str) -> IOTable:
    if not isinstance(table, IOTable):
        raise TypeError(f"{fn} needs an IOTable (valuechain.read_table or IOTable.from_frames), got {type(table).__name__}")
    return table


def _safe_div(a: np.ndarray, b: np.ndarray, fill: float = 0.0) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1.0), fill)


def _norm(v: np.ndarray, what: str) -> np.ndarray:
    m = v.mean()
    if m == 0 or not np.isfinite(m):
        raise ValidationError(f"cannot normalise the {what}: its average is {m:g}; use normalize=False")
    return v / m


def _frame(t: IOTable, cols: dict, method: str) -> pd.DataFrame:
    df = pd.DataFrame(cols, index=t.industries)
    df.index.name = "sector"
    df.attrs.update(method=method, table=t.name, flags=tuple(t.flags))
    return df


def _final_demand(t: IOTable) -> np.ndarray:
    """Final demand used as weights: Y 1 without final-demand columns of (negative) imports."""
    imp = set(t.role("imports"))
    cols = [c for c in t.Y.columns if c not in imp]
    y = t.Y[cols].to_numpy().sum(axis=1) if cols else np.zeros(t.n)
    if not y.sum() > 0:
        raise ValidationError("total final demand is not positive; Hazari and Jones/Laumas weights need final demand")
    return y


def _primary(t: IOTable) -> np.ndarray:
    """Primary inputs by industry (the exogenous vector of the Ghosh model): x - 1'Z."""
    if t.V.shape[0]:
        return t.V.to_numpy().sum(axis=0)
    return t.x.to_numpy() - t.Z.to_numpy().sum(axis=0)


_STATS: "weakref.WeakKeyDictionary[IOTable, dict]" = weakref.WeakKeyDictionary()


def leontief_stats(t: IOTable) -> dict:
    """Column sums, row sums, diagonal and L x of the table's Leontief inverse, computed
    once per table (each is one pass over L; several measures share them).

    Parameters
    ----------
    t : IOTable
        The table.

    Returns
    -------
    dict of str to ndarray
        ``colsum``, ``rowsum``, ``diag`` and ``Lx`` (arrays in industry order).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> s = leontief_stats(t)
    >>> np.round(s["colsum"], 4), np.round(s["diag"], 4)
    (array([1.5182, 1.4521]), array([1.2541, 1.1221]))
    """
    st = _STATS.get(t)
    if st is None:
        La = t.L.to_numpy()
        x = t.x.to_numpy()
        # BLAS (multi-threaded) matrix-vector products instead of single-threaded reductions:
        # 1'L, and L [1, x] in one pass
        rx = La @ np.column_stack([np.ones(t.n), x])
        st = {"colsum": np.ones(t.n) @ La, "rowsum": rx[:, 0].copy(), "diag": np.diagonal(La).copy(), "Lx": rx[:, 1].copy()}
        _STATS[t] = st
    return st


_lstats = leontief_stats  # former private name, kept for branches not yet merged


def _sums_of_squares(M: np.ndarray, block: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Column and row sums of the squared elements in one pass over ``M``, by row blocks
    (each block's square stays in cache; its column sums go through BLAS)."""
    n_r, n_c = M.shape
    ss_c = np.zeros(n_c)
    ss_r = np.empty(n_r)
    ones = np.ones(min(block, n_r))
    for a in range(0, n_r, block):
        S = M[a:a + block]
        S = S * S
        ss_r[a:a + block] = S.sum(axis=1)
        ss_c += ones[: S.shape[0]] @ S
    return ss_c, ss_r


def _ghosh_rowsums(t: IOTable, La: np.ndarray | None = None) -> np.ndarray:
    x = t.x.to_numpy()
    return _safe_div(leontief_stats(t)["Lx"], x, fill=1.0)


# ------------------------------------------------------------------------------- methods
def chenery_watanabe(table: IOTable, *, normalize: bool = False) -> pd.DataFrame:
    r"""Chenery–Watanabe direct linkages.

    .. math::

        BL^{d}_j = \sum_i a_{ij}, \qquad FL^{d}_i = \sum_j b_{ij}

    The backward linkage is the share of intermediate inputs in output (column sums of
    :math:`A`); the forward linkage the share of output sold as intermediates (row sums
    of the Ghosh allocation coefficients :math:`B`). ``normalize=True`` divides each by
    its average.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    normalize : bool, default False
        Divide each measure by its average over the industries (mean 1).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``chenery_watanabe_backward`` and
        ``chenery_watanabe_forward`` (shares, unitless).

    References
    ----------
    .. [1] Chenery, H. B. and Watanabe, T. (1958). International comparisons of the structure of production. *Econometrica* 26(4), 487-521.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).

    Examples
    --------
    By hand, Miller & Blair (2009) Table 2.3: column sums of :math:`A` are 0.35 and 0.30;
    row sums of :math:`B` are (150 + 500) / 1000 = 0.65 and 300 / 2000 = 0.15.

    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> chenery_watanabe(t)
            chenery_watanabe_backward  chenery_watanabe_forward
    sector
    agri                         0.35                      0.65
    manu                         0.30                      0.15
    """
    t = _need(table, "chenery_watanabe")
    # column sums of A = column sums of Z / x_j; row sums of B = row sums of Z / x_i
    # (no n x n matrix is formed)
    x = t.x.to_numpy()
    Za = t.Z.to_numpy()
    b = _safe_div(Za.sum(axis=0), x)
    f = _safe_div(Za.sum(axis=1), x)
    if normalize:
        b, f = _norm(b, "Chenery-Watanabe backward linkage"), _norm(f, "Chenery-Watanabe forward linkage")
    return _frame(t, {"chenery_watanabe_backward": b, "chenery_watanabe_forward": f}, "chenery_watanabe")


def rasmussen(table: IOTable, *, ddof: int = 1) -> pd.DataFrame:
    r"""Rasmussen–Hirschman power and sensitivity of dispersion with Hazari's CVs.

    .. math::

        U_{\cdot j} = \frac{\tfrac1n \sum_i l_{ij}}{\tfrac1{n^2}\sum_{i,j} l_{ij}},
        \qquad
        U_{i \cdot} = \frac{\tfrac1n \sum_j l_{ij}}{\tfrac1{n^2}\sum_{i,j} l_{ij}}

    i.e. the average element of column :math:`j` (row :math:`i`) of :math:`L` divided by
    the average element of :math:`L`; both average 1. Variability (Rasmussen 1956;
    used as the coefficient of variation by Hazari 1970):

    .. math::

        V_{\cdot j} = \frac{\sqrt{\tfrac{1}{n-d}\sum_i (l_{ij} - \bar l_{\cdot j})^2}}
        {\bar l_{\cdot j}}, \qquad
        V_{i \cdot} = \frac{\sqrt{\tfrac{1}{n-d}\sum_j (l_{ij} - \bar l_{i \cdot})^2}}
        {\bar l_{i \cdot}}

    with :math:`d` = ``ddof`` (default 1, Rasmussen's :math:`n-1`). A low CV means the
    linkage is spread evenly over many industries.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    ddof : int, default 1
        Delta degrees of freedom of the standard deviation in the CVs (1: Rasmussen's :math:`n-1`).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``rasmussen_backward`` (power of dispersion),
        ``rasmussen_forward`` (sensitivity of dispersion), ``rasmussen_backward_cv``,
        ``rasmussen_forward_cv`` (unitless).

    References
    ----------
    .. [1] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland. Ch. 8.
    .. [2] Hirschman, A. O. (1958). *The Strategy of Economic Development*. New Haven: Yale University Press.
    .. [3] Hazari, B. R. (1970). Empirical identification of key sectors in the Indian economy. *Review of Economics and Statistics* 52(3), 301-305.
    .. [4] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).

    Examples
    --------
    By hand, with :math:`L` of Miller & Blair's (2009, sec. 2.3) example (sum of elements 2.9703):
    :math:`U_{\cdot 1} = (1.2541 + 0.2640)/2 \,/\, (2.9703/4) = 1.0222`.

    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> rasmussen(t)[["rasmussen_backward", "rasmussen_forward"]].round(4)
            rasmussen_backward  rasmussen_forward
    sector
    agri                1.0222             1.0667
    manu                0.9778             0.9333
    """
    t = _need(table, "rasmussen")
    if ddof not in (0, 1):
        raise ValidationError(f"ddof={ddof!r}; use 1 (Rasmussen's n-1) or 0")
    La = t.L.to_numpy()
    n = t.n
    st = leontief_stats(t)
    cs, rs = st["colsum"], st["rowsum"]
    total = cs.sum()
    back = n * cs / total
    fwd = n * rs / total
    ss_c, ss_r = _sums_of_squares(La)
    mc, mr = cs / n, rs / n
    var_c = np.maximum(ss_c - n * mc**2, 0.0) / (n - ddof)
    var_r = np.maximum(ss_r - n * mr**2, 0.0) / (n - ddof)
    cv_b = _safe_div(np.sqrt(var_c), mc, fill=np.nan)
    cv_f = _safe_div(np.sqrt(var_r), mr, fill=np.nan)
    return _frame(
        t,
        {"rasmussen_backward": back, "rasmussen_forward": fwd, "rasmussen_backward_cv": cv_b, "rasmussen_forward_cv": cv_f},
        "rasmussen",
    )


def total_linkages(table: IOTable, *, normalize: bool = False) -> pd.DataFrame:
    r"""Total (direct + indirect) linkages: column sums of :math:`L`, row sums of :math:`G`.

    .. math::

        BL^{t}_j = \sum_i l_{ij}, \qquad FL^{t}_i = \sum_j g_{ij} = \frac{(L x)_i}{x_i}

    These are the "backward and forward linkages" of the Eurostat Manual (2008,
    pp. 506-507) and Miller & Blair (2009), sec. 12.2 (the forward one is Jones's (1976)
    output-inverse linkage, unweighted). ``normalize=True`` gives the versions divided
    by their average.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    normalize : bool, default False
        Divide each measure by its average over the industries (mean 1).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``total_backward`` (column sums of :math:`L`) and
        ``total_forward`` (row sums of :math:`G`), unitless.

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*. Luxembourg: Office for Official Publications of the European Communities, pp. 506-507.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).
    .. [3] Jones, L. P. (1976). The measurement of Hirschmanian linkages. *Quarterly Journal of Economics* 90(2), 323-333.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> total_linkages(t).round(4)
            total_backward  total_forward
    sector
    agri            1.5182         1.9142
    manu            1.4521         1.2541
    """
    t = _need(table, "total_linkages")
    b = leontief_stats(t)["colsum"].copy()
    f = _ghosh_rowsums(t)
    if normalize:
        b, f = _norm(b, "total backward linkage"), _norm(f, "total forward linkage")
    return _frame(t, {"total_backward": b, "total_forward": f}, "total")


def hazari(table: IOTable) -> pd.DataFrame:
    r"""Hazari (1970) final-demand-weighted Rasmussen indices.

    With final-demand shares :math:`w = y / 1'y` (final-demand columns of imports left
    out),

    .. math::

        U^{w}_{\cdot j} = \frac{n \sum_i w_i l_{ij}}{\sum_{i,j} w_i l_{ij}}, \qquad
        U^{w}_{i \cdot} = \frac{n \sum_j l_{ij} w_j}{\sum_{i,j} l_{ij} w_j}

    The backward index weighs the output requirements by the final-demand importance of
    the supplying industries; the forward index is the output of :math:`i` needed for
    the economy's final-demand basket (:math:`Lw`), relative to the average. Both
    average 1.

    Parameters
    ----------
    table : IOTable
        The national input-output table.

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``hazari_backward`` and ``hazari_forward`` (mean 1).

    References
    ----------
    .. [1] Hazari, B. R. (1970). Empirical identification of key sectors in the Indian economy. *Review of Economics and Statistics* 52(3), 301-305.
    .. [2] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
    .. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> hazari(t).round(4)
            hazari_backward  hazari_forward
    sector
    agri               0.61          0.6667
    manu               1.39          1.3333
    """
    t = _need(table, "hazari")
    La = t.L.to_numpy()
    w = _final_demand(t)
    w = w / w.sum()
    wl = w @ La
    lw = La @ w
    n = t.n
    return _frame(t, {"hazari_backward": n * wl / wl.sum(), "hazari_forward": n * lw / lw.sum()}, "hazari")


def jones(table: IOTable, *, normalize: bool = True) -> pd.DataFrame:
    r"""Jones/Laumas (1976) weighted linkages (Leontief backward, Ghosh forward).

    .. math::

        BL^{J}_j = \frac{y_j}{1'y} \sum_i l_{ij}, \qquad
        FL^{J}_i = \frac{p_i}{1'p} \sum_j g_{ij}

    where :math:`y` is final demand (Laumas 1976: weight the backward linkage by the
    industry's share of final demand) and :math:`p` primary inputs, :math:`p_j = x_j -
    \sum_i z_{ij}` (Jones 1976: the forward linkage from the output inverse :math:`G`,
    weighted by the industry's share of primary inputs, the exogenous vector of the
    supply-side model). ``normalize=True`` (default) divides each by its average.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    normalize : bool, default True
        Divide each measure by its average over the industries (mean 1).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``jones_backward`` (Laumas) and ``jones_forward`` (Jones).

    References
    ----------
    .. [1] Jones, L. P. (1976). The measurement of Hirschmanian linkages. *Quarterly Journal of Economics* 90(2), 323-333.
    .. [2] Laumas, P. S. (1976). The weighting problem in testing the linkage hypothesis. *Quarterly Journal of Economics* 90(2), 308-312.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> jones(t).round(4)
            jones_backward  jones_forward
    sector
    agri            0.3542         0.8295
    manu            1.6458         1.1705
    """
    t = _need(table, "jones")
    y = _final_demand(t)
    p = _primary(t)
    if not p.sum() > 0:
        raise ValidationError("total primary inputs are not positive; Jones weights need value added or imports")
    b = (y / y.sum()) * leontief_stats(t)["colsum"]
    f = (p / p.sum()) * _ghosh_rowsums(t)
    if normalize:
        b, f = _norm(b, "Jones/Laumas backward linkage"), _norm(f, "Jones/Laumas forward linkage")
    return _frame(t, {"jones_backward": b, "jones_forward": f}, "jones")


def hypothetical_extraction(table: IOTable, *, normalize: bool = False, relative: bool = False) -> pd.DataFrame:
    r"""Hypothetical extraction: the output lost when an industry's links are cut.

    Backward (Dietzenbacher & van der Linden 1997): industry :math:`j` buys no
    intermediate inputs (column :math:`j` of :math:`A` set to zero), final demand fixed:
    :math:`BL^{x}_j = 1'x - 1'\bar x`. Forward: :math:`j` sells no intermediates (row
    :math:`j` of :math:`B` set to zero), primary inputs fixed, in the Ghosh model:
    :math:`FL^{x}_j = x'1 - \bar x'1`. Total (Strassert 1968; Miller & Blair 2009,
    sec. 12.2): row and column :math:`j` and its final demand removed,
    :math:`T_j = 1'x - 1'\bar x`. By the Sherman–Morrison formula these are, exactly,

    .. math::

        BL^{x}_j = \frac{x_j\,(\sum_i l_{ij} - 1)}{l_{jj}}, \qquad
        FL^{x}_j = \frac{x_j\,(\sum_k g_{jk} - 1)}{g_{jj}}, \qquad
        T_j = \frac{x_j \sum_i l_{ij}}{l_{jj}}

    (:math:`g_{jj} = l_{jj}`), so no matrix is inverted per industry.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    normalize : bool
        Divide each column by its average (mean 1).
    relative : bool
        Express the losses in percent of total output :math:`1'x` (Dietzenbacher & van
        der Linden 1997). Ignored when ``normalize`` is true.

    Returns
    -------
    DataFrame
        Columns ``extraction_backward``, ``extraction_forward``, ``extraction_total``
        (in the table's unit unless normalised or relative).

    References
    ----------
    .. [1] Dietzenbacher, E. and van der Linden, J. A. (1997). Sectoral and spatial linkages in the EC production structure. *Journal of Regional Science* 37(2), 235-257.
    .. [2] Strassert, G. (1968). Zur Bestimmung strategischer Sektoren mit Hilfe von Input-Output-Modellen. *Jahrbücher für Nationalökonomie und Statistik* 182, 211-215.
    .. [3] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).

    Examples
    --------
    Total extraction of ``agri`` by hand: :math:`x_1 (l_{11} + l_{21}) / l_{11} = 1000 \cdot 1.5182 / 1.2541 = 1210.5`.

    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> hypothetical_extraction(t).round(1)
            extraction_backward  extraction_forward  extraction_total
    sector
    agri                  413.2               728.9            1210.5
    manu                  805.9               452.9            2588.2
    """
    t = _need(table, "hypothetical_extraction")
    x = t.x.to_numpy()
    st = leontief_stats(t)
    d, cs = st["diag"], st["colsum"]
    gs = _ghosh_rowsums(t)
    back = _safe_div(x * (cs - 1.0), d)
    fwd = _safe_div(x * (gs - 1.0), d)
    tot = _safe_div(x * cs, d)
    if normalize:
        back, fwd, tot = (_norm(back, "backward extraction"), _norm(fwd, "forward extraction"), _norm(tot, "total extraction"))
    elif relative:
        X = x.sum()
        back, fwd, tot = 100 * back / X, 100 * fwd / X, 100 * tot / X
    return _frame(t, {"extraction_backward": back, "extraction_forward": fwd, "extraction_total": tot}, "extraction")


#: The linkage methods: name -> function (table -> DataFrame with ``<name>_backward`` and
#: ``<name>_forward`` columns). :func:`linkages`, :func:`~valuechain.leontief.key_sectors`
#: and the CLI read this registry; a new method is one function and one entry here.
LINKAGE_METHODS: Mapping[str, Callable[[IOTable], pd.DataFrame]] = MappingProxyType({
    "chenery_watanabe": chenery_watanabe,
    "rasmussen": rasmussen,
    "total": total_linkages,
    "hazari": hazari,
    "jones": jones,
    "extraction": hypothetical_extraction,
})


def linkage_method(name: str) -> str:
    """The registry key of a linkage method name (case, hyphens and spaces forgiven).

    Parameters
    ----------
    name : str
        A linkage method's name.

    Returns
    -------
    str
        Its key in :data:`LINKAGE_METHODS`.

    Raises
    ------
    ValidationError
        For a name not in :data:`LINKAGE_METHODS`.

    Examples
    --------
    >>> linkage_method("Chenery-Watanabe")
    'chenery_watanabe'
    """
    k = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    if k not in LINKAGE_METHODS:
        raise ValidationError(f"unknown linkage method {name!r}; use one of {', '.join(LINKAGE_METHODS)}")
    return k


# former private names, kept for branches not yet merged
_FUNCS = LINKAGE_METHODS


def _method_name(m: str) -> str:
    return str(m).strip().lower().replace("-", "_").replace(" ", "_")


def linkages(table: IOTable, method: str | Sequence[str] = "all") -> pd.DataFrame:
    """Backward and forward linkages by one or several methods, side by side.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    method : str or sequence of str
        ``"all"`` (default) or any of :data:`LINKAGE_METHODS` (``chenery-watanabe`` with
        a hyphen is accepted): ``chenery_watanabe`` (:func:`chenery_watanabe`),
        ``rasmussen`` (:func:`rasmussen`, with CVs), ``total`` (:func:`total_linkages`),
        ``hazari`` (:func:`hazari`), ``jones`` (:func:`jones`), ``extraction``
        (:func:`hypothetical_extraction`). Each with its default options.

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``<method>_backward``, ``<method>_forward`` (and the
        Rasmussen CVs, ``extraction_total``).

    Raises
    ------
    ValidationError
        If a method name is unknown.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> list(linkages(t, ["chenery_watanabe", "total"]).columns)
    ['chenery_watanabe_backward', 'chenery_watanabe_forward', 'total_backward', 'total_forward']
    """
    t = _need(table, "linkages")
    ms = [method] if isinstance(method, str) else list(method)
    names: list[str] = []
    for m in ms:
        if str(m).strip().lower() == "all":
            names.extend(LINKAGE_METHODS)
            continue
        try:
            names.append(linkage_method(m))
        except ValidationError:
            raise ValidationError(f"unknown linkage method {m!r}; use one of {', '.join(LINKAGE_METHODS)} or all") from None
    names = list(dict.fromkeys(names))
    if not names:
        raise ValidationError("no linkage method given; use one of " + ", ".join(LINKAGE_METHODS) + " or all")
    df = pd.concat([LINKAGE_METHODS[k](t) for k in names], axis=1)
    df.index.name = "sector"
    df.attrs.update(methods=tuple(names), table=t.name, flags=tuple(t.flags))
    return df
