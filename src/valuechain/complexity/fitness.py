r"""Fitness and complexity (Tacchella, Cristelli, Caldarelli, Gabrielli & Pietronero 2012).

The non-linear map, started from :math:`F_c^{(0)} = Q_p^{(0)} = 1`:

.. math::
    \tilde F_c^{(n)} = \sum_p M_{cp} Q_p^{(n-1)},\qquad
    \tilde Q_p^{(n)} = \frac{1}{\sum_c M_{cp} / F_c^{(n-1)}},\qquad
    F_c^{(n)} = \frac{\tilde F_c^{(n)}}{\langle \tilde F^{(n)}\rangle_c},\quad
    Q_p^{(n)} = \frac{\tilde Q_p^{(n)}}{\langle \tilde Q^{(n)}\rangle_p}

(Tacchella et al. 2012, eq. 1; normalised by the mean at every step). For matrices that are
not perfectly nested some fitnesses and complexities tend to zero and the map converges
only in the ranking and in the ratios of the non-vanishing values (Pugliese, Zaccaria &
Pietronero 2016). Convergence is therefore tested on :math:`\log F` and :math:`\log Q` of
the entries above ``floor`` (relative change below ``tol``), and entries below ``floor``
are reported as they are (close to 0) with ``converged`` in the result.

``normalize="mean"`` (default) reports :math:`F` and :math:`Q` with mean 1 (the paper);
``normalize="zscore"`` reports them standardised within the year with R's ``sd``
(divisor :math:`n - 1`), the output convention of R ``economiccomplexity``'s
``complexity_measures(method = "fitness")``. That function runs a fixed number of
iterations (20) and reports the country vector of one step earlier than the product
vector; here both come from the same, last step (``tol=0, max_iter=n`` runs exactly ``n``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import ValidationError, ValuechainWarning
from ..results import ResultMixin, identity_row
from .complexity import normalise_years

__all__ = ["FitnessResult", "fitness_complexity", "fitness_from_mcp"]


@dataclass(frozen=True, eq=False)
class FitnessResult(ResultMixin):
    """Country fitness and product complexity by year.

    Attributes
    ----------
    countries : DataFrame
        ``year, country, fitness, diversity``.
    products : DataFrame
        ``year, product, complexity, ubiquity``.
    iterations : DataFrame
        ``year, iterations, converged``.
    params : dict
        The conventions used (threshold, inclusive, normalize, tol, max_iter, floor).
    flags : tuple of str
        Provenance flags (e.g. ``"synthetic"``) carried from the input.

    References
    ----------
    .. [1] Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A. and Pietronero, L.
       (2012). A new metrics for countries' fitness and products' complexity. *Scientific
       Reports* 2, 723, eq. (1).

    .. [2] Pugliese, E., Zaccaria, A. and Pietronero, L. (2016). On the convergence of the
       Fitness-Complexity algorithm. *The European Physical Journal Special Topics* 225(10),
       1893-1911.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AAABBCCDD"),
    ...                   "product": list("wyzwxyzxy"), "value": 1.0})
    >>> r = fitness_complexity(f)   # A{w, y, z}, B{w, x}, C{y, z}, D{x, y}
    >>> r.countries["fitness"].round(4).tolist()   # mean 1
    [1.4221, 1.0192, 0.8284, 0.7304]
    >>> r.products["complexity"].round(4).tolist()
    [1.2853, 0.9212, 0.6602, 1.1333]
    >>> bool(r.iterations["converged"].all())
    True
    """

    countries: pd.DataFrame
    products: pd.DataFrame
    iterations: pd.DataFrame
    mcp: pd.DataFrame = field(default_factory=pd.DataFrame)
    params: dict = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    title = "Fitness and complexity (Tacchella et al. 2012)"

    @property
    def table(self) -> pd.DataFrame:
        return self.countries

    def _summary_lines(self) -> list[str]:
        y = self.countries["year"].max()
        top = self.countries[self.countries["year"] == y].sort_values("fitness", ascending=False).head(5)
        return [f"top fitness {y}: " + ", ".join(f"{c} {v:.3g}" for c, v in zip(top["country"], top["fitness"])),
                f"converged in every year: {bool(self.iterations['converged'].all())}"]

    def _identity_rows(self) -> list[dict]:
        rows = []
        if self.params.get("normalize") == "mean":
            g = self.countries.groupby("year")["fitness"].mean()
            rows.append(identity_row("mean fitness = 1 each year", float(np.max(np.abs(g - 1)))))
            h = self.products.groupby("year")["complexity"].mean()
            rows.append(identity_row("mean complexity = 1 each year", float(np.max(np.abs(h - 1)))))
        return rows


def fitness_from_mcp(
    mcp: pd.DataFrame,
    *,
    normalize: str = "mean",
    tol: float = 1e-9,
    max_iter: int = 5000,
    floor: float = 1e-12,
    flags: tuple[str, ...] = (),
) -> FitnessResult:
    r"""Fitness and complexity from a long table of :math:`M_{cp} = 1` pairs (every year at once).

    Parameters
    ----------
    mcp : DataFrame
        ``year, exporter, product`` (an ``mcp`` column, if present, selects ``mcp > 0``).
    normalize : {"mean", "zscore"}
        Mean 1 (Tacchella et al. 2012) or standardised within the year (R economiccomplexity).
    tol : float
        Convergence: largest change of :math:`\log F` and :math:`\log Q` over the entries
        above ``floor`` (0: run exactly ``max_iter`` iterations).
    max_iter : int
        Iterations at most (R economiccomplexity's default is 20 fixed iterations).
    floor : float
        Entries below it are taken as converging to zero.
    flags : tuple of str
        Provenance flags carried by the result (e.g. ``("synthetic",)``).

    Returns
    -------
    FitnessResult
        ``countries`` (``year, country, fitness, diversity``) and ``products`` (``year,
        product, complexity, ubiquity``).

    Raises
    ------
    ValidationError
        If ``normalize`` is unknown or ``max_iter`` is below 1.

    References
    ----------
    Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A. & Pietronero, L. (2012). A new
    metrics for countries' fitness and products' complexity. Scientific Reports 2, 723, eq. (1).
    Pugliese, E., Zaccaria, A. & Pietronero, L. (2016). On the convergence of the
    Fitness-Complexity algorithm. European Physical Journal ST 225, 1893-1911.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": 2000, "exporter": ["A", "B", "B"], "product": ["x", "x", "y"]})
    >>> r = fitness_from_mcp(m, tol=0, max_iter=1)   # one step: F = (1, 2)/1.5
    >>> r.countries["fitness"].round(4).tolist()
    [0.6667, 1.3333]
    """
    if normalize not in ("mean", "zscore"):
        raise ValidationError(f"normalize={normalize!r} is not known; use mean or zscore")
    if int(max_iter) < 1:
        raise ValidationError("max_iter must be at least 1")
    m = mcp[mcp["mcp"] > 0] if "mcp" in mcp.columns else mcp
    if m.empty:
        raise ValidationError("no exporter-product pair with Mcp = 1; lower the RCA threshold or check the flows")
    m = m.drop_duplicates(["year", "exporter", "product"])
    years = np.sort(m["year"].unique())
    yi = np.searchsorted(years, m["year"].to_numpy())
    rk = pd.factorize(pd.Series(list(zip(yi, m["exporter"].astype(str)))), sort=True)
    ck = pd.factorize(pd.Series(list(zip(yi, m["product"].astype(str)))), sort=True)
    ri, rkeys = rk
    ci, ckeys = ck
    nr, nc = len(rkeys), len(ckeys)
    rg = np.array([k[0] for k in rkeys])
    cg = np.array([k[0] for k in ckeys])
    M = sp.csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(nr, nc))
    MT = M.T.tocsr()
    ny = len(years)
    nrow = np.bincount(rg, minlength=ny)
    ncol = np.bincount(cg, minlength=ny)
    F = np.ones(nr)
    Q = np.ones(nc)
    its = np.zeros(ny, dtype=int)
    done = np.zeros(ny, dtype=bool)
    for it in range(1, int(max_iter) + 1):
        Ft = M @ Q
        with np.errstate(divide="ignore"):
            Qt = 1.0 / (MT @ (1.0 / F))
        Fn = Ft / (np.bincount(rg, weights=Ft, minlength=ny) / nrow)[rg]
        Qn = Qt / (np.bincount(cg, weights=Qt, minlength=ny) / ncol)[cg]
        if tol > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                dF = np.where((Fn > floor) & (F > floor), np.abs(np.log(Fn) - np.log(F)), 0.0)
                dQ = np.where((Qn > floor) & (Q > floor), np.abs(np.log(Qn) - np.log(Q)), 0.0)
            ch = np.maximum(_group_max(dF, rg, ny), _group_max(dQ, cg, ny))
            newly = (~done) & (ch < tol)
            its[~done] = it
            done |= newly
        else:
            its[:] = it
        F, Q = Fn, Qn
        if tol > 0 and done.all():
            break
    if tol > 0 and not done.all():
        bad = [int(y) for y in years[~done]]
        warnings.warn(f"fitness-complexity did not converge in {max_iter} iterations in year(s) {bad} "
                      f"(tol={tol:g}); raise max_iter or tol", ValuechainWarning, stacklevel=2)
    if normalize == "zscore":
        F = _zscore(F, rg, ny)
        Q = _zscore(Q, cg, ny)
    D = np.asarray(M.sum(axis=1)).ravel().astype(int)
    U = np.asarray(M.sum(axis=0)).ravel().astype(int)
    countries = pd.DataFrame({"year": years[rg], "country": [k[1] for k in rkeys], "fitness": F, "diversity": D})
    products = pd.DataFrame({"year": years[cg], "product": [k[1] for k in ckeys], "complexity": Q, "ubiquity": U})
    return FitnessResult(
        countries=countries.sort_values(["year", "country"]).reset_index(drop=True),
        products=products.sort_values(["year", "product"]).reset_index(drop=True),
        iterations=pd.DataFrame({"year": years, "iterations": its, "converged": done if tol > 0 else np.ones(ny, bool)}),
        mcp=m[["year", "exporter", "product"]].reset_index(drop=True),
        params={"normalize": normalize, "tol": tol, "max_iter": max_iter, "floor": floor},
        flags=tuple(flags),
    )


def _group_max(v: np.ndarray, g: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n)
    np.maximum.at(out, g, v)
    return out


def _zscore(v: np.ndarray, g: np.ndarray, n: int) -> np.ndarray:
    cnt = np.bincount(g, minlength=n)
    mean = np.bincount(g, weights=v, minlength=n) / cnt
    var = np.bincount(g, weights=(v - mean[g]) ** 2, minlength=n) / np.maximum(cnt - 1, 1)  # R's sd (n - 1)
    return (v - mean[g]) / np.sqrt(var)[g]


def fitness_complexity(
    flows: Any,
    *,
    years: int | Sequence[int] | None = None,
    threshold: float = 1.0,
    inclusive: bool = True,
    world: Any = None,
    normalize: str = "mean",
    tol: float = 1e-9,
    max_iter: int = 5000,
    floor: float = 1e-12,
) -> FitnessResult:
    r"""Fitness and complexity for every year of a trade panel (Mcp from Balassa RCA, as ECI).

    .. math::
        \tilde F_c^{(n)} = \sum_p M_{cp} Q_p^{(n-1)}, \qquad
        \tilde Q_p^{(n)} = \frac{1}{\sum_c M_{cp} / F_c^{(n-1)}}

    each normalised by its mean at every step, from :math:`F^{(0)} = Q^{(0)} = 1`, with
    :math:`M_{cp} = 1` where the Balassa RCA is at least ``threshold``.

    Parameters
    ----------
    flows : DataFrame, ibis Table, TradeFlows or path
        Trade flows in the schema (``year, exporter, product, value``).
    years : int or sequence of int, optional
        The years to compute (default: every year of ``flows``).
    threshold, inclusive, world
        As :func:`~valuechain.economic_complexity`: the RCA cut-off of :math:`M_{cp}`
        (default 1), whether RCA equal to it counts (default True), and optional world
        totals by product for the RCA denominator.
    normalize : {"mean", "zscore"}
        ``"mean"`` (default): fitness and complexity with mean 1 (the paper); ``"zscore"``:
        standardised within the year with divisor :math:`n - 1` (R ``economiccomplexity``).
    tol : float
        Convergence tolerance on the relative change of :math:`\log F` and :math:`\log Q`
        (entries above ``floor``); default 1e-9.
    max_iter : int
        Most iterations per year (default 5000); a year that has not converged by then warns
        and is reported with ``converged`` False.
    floor : float
        Values below it are treated as zero for the convergence test (default 1e-12).

    Returns
    -------
    FitnessResult
        ``countries`` (``year, country, fitness, diversity``), ``products`` (``year,
        product, complexity, ubiquity``) and ``iterations`` (``year, iterations,
        converged``).

    Raises
    ------
    ValidationError
        If ``years``, ``threshold`` or ``normalize`` is invalid, ``max_iter`` is below 1,
        the flows are not in the trade schema, or no exporter-product pair has
        :math:`M_{cp} = 1`.

    Warns
    -----
    ValuechainWarning
        When a year does not converge within ``max_iter`` iterations.

    References
    ----------
    .. [1] Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A. and Pietronero, L.
       (2012). A new metrics for countries' fitness and products' complexity. *Scientific
       Reports* 2, 723, eq. (1).

    .. [2] Pugliese, E., Zaccaria, A. and Pietronero, L. (2016). On the convergence of the
       Fitness-Complexity algorithm. *The European Physical Journal Special Topics* 225(10),
       1893-1911.

    .. [3] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AAABBCCDD"),
    ...                   "product": list("wyzwxyzxy"), "value": 1.0})
    >>> r = fitness_complexity(f)
    >>> r.countries[["country", "fitness", "diversity"]].round(4)
      country  fitness  diversity
    0       A   1.4221          3
    1       B   1.0192          2
    2       C   0.8284          2
    3       D   0.7304          2
    """
    from .complexity import economic_complexity

    yrs = normalise_years(years)
    # the same Mcp as the ECI (engine RCA); the eigenvector step is cheap next to the read
    ec = economic_complexity(flows, years=yrs, threshold=threshold, inclusive=inclusive, world=world)
    return fitness_from_mcp(ec.mcp, normalize=normalize, tol=tol, max_iter=max_iter, floor=floor, flags=ec.flags)
