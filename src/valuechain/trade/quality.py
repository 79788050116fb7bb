"""Export quality from unit values adjusted for exporter income and distance.

What is implemented (Henn, Papageorgiou, Romero & Spatafora 2017, methodology section,
building on Hallak 2006):

1. Unit values :math:`p_{mxkt} = v_{mxkt} / q_{mxkt}` of each flow (exporter x, importer m,
   product k, year t) with positive value and quantity, computed in the engine.
2. The price equation, by OLS (statsmodels) with fixed effects absorbed by demeaning:

   .. math::
       \\ln p_{mxkt} = \\alpha_{kt} + \\zeta_2 \\ln y_{xt} + \\zeta_3 \\ln \\mathrm{Dist}_{mx}
       \\; [+\\ \\mu_{mt}] + \\varepsilon_{mxkt}

   with :math:`y_{xt}` the exporter's income per capita and :math:`\\mathrm{Dist}_{mx}`
   the bilateral distance; product-year effects :math:`\\alpha_{kt}` always, importer-year
   effects :math:`\\mu_{mt}` optionally; slopes common to all products or by product group
   (``slopes_by``).
3. Quality as the unit value purged of the income and distance terms (Henn et al.'s
   normalisation :math:`\\zeta_1 = 1`):

   .. math:: \\ln \\hat\\theta_{mxkt} = \\ln p_{mxkt} - \\hat\\zeta_2 \\ln y_{xt} - \\hat\\zeta_3 \\ln \\mathrm{Dist}_{mx}

4. Aggregation with current trade values as weights: to exporter x product x year
   (over destinations), divided by the 90th percentile across exporters of the same
   product and year (the "world quality frontier" = 1), then to exporter x year.

What is *not* implemented: the selection correction with a first-stage quality-augmented
gravity model (Heckman / Helpman-Melitz-Rubinstein terms built from common language,
colonial ties, etc., which are not in the data); the estimation product by product at
SITC 4-digit with the authors' exact sample filters and outlier trimming; their
aggregation from SITC products to the 1-digit sectors; the IMF data set itself. Income
(GDP per capita) and distance tables are inputs: no such tables are held in the project's
data, so tests use small documented synthetic ones and the outputs are then flagged
``synthetic``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

import numpy as np
import pandas as pd

from ..errors import ConvergenceError, ValidationError
from ..results import ResultMixin, identity_row
from ..tables.trade.engine import to_pandas
from ..tables.trade.flows import flows_table, is_synthetic

if TYPE_CHECKING:  # annotations only
    import ibis.expr.types as ir

__all__ = ["unit_values", "ExportQuality", "QualityResult", "absorb_fixed_effects"]


def unit_values(flows: Any, *, min_quantity: float = 0.0) -> ir.Table:
    """Unit values of bilateral flows, computed in the engine (lazy ibis Table).

    Parameters
    ----------
    flows : DataFrame, ibis Table, TradeFlows or path
        Bilateral flows with ``quantity``.
    min_quantity : float
        Flows with quantity at or below this are left out (default 0).

    Returns
    -------
    ibis Table
        ``year, exporter, importer, product, value, quantity, unit_value``.

    Raises
    ------
    ValidationError
        When the flows lack a column, ``quantity`` included.

    Notes
    -----
    .. math:: p_{mxkt} = v_{mxkt} / q_{mxkt}

    Flows without a partner, with a zero value or a missing quantity are left out; rows
    repeating a key are summed first.

    References
    ----------
    Hallak, J. C. (2006). Product quality and the direction of trade. Journal of
    International Economics 68(1), 238-265.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade import to_pandas
    >>> flows = pd.DataFrame({"year": 2020, "exporter": "KAZ", "importer": ["CHN", "RUS"], "product": "720110",
    ...                       "value": [50.0, 30.0], "quantity": [10.0, 0.0]})
    >>> to_pandas(unit_values(flows))[["importer", "value", "quantity", "unit_value"]]
      importer  value  quantity  unit_value
    0      CHN   50.0      10.0         5.0
    """
    t = flows_table(flows)
    miss = [c for c in ("year", "exporter", "importer", "product", "value", "quantity") if c not in t.columns]
    if miss:
        raise ValidationError(f"flows lack column(s) {', '.join(miss)}; export quality needs bilateral values and quantities")
    t = t.filter((t.value > 0) & t.quantity.notnull() & (t.quantity > min_quantity) & t.importer.notnull())
    t = t.group_by(["year", "exporter", "importer", "product"]).aggregate(value=t.value.sum(), quantity=t.quantity.sum())
    return t.mutate(unit_value=t.value / t.quantity)


def absorb_fixed_effects(df: pd.DataFrame, columns: list[str], fe: list[str], *, tol: float = 1e-12, max_iter: int = 1000) -> pd.DataFrame:
    """Demean ``columns`` by the fixed-effect groups ``fe`` (alternating projections).

    One grouping is an exact within transformation; several are demeaned in turn until
    the largest change is below ``tol`` (Guimarães & Portugal 2010). By the
    Frisch-Waugh-Lovell theorem, OLS on the demeaned columns gives the slope coefficients
    of the regression with the dummy variables.

    .. math:: \\tilde y_i = y_i - \\bar y_{g(i)}, \\quad \\bar y_g = \\frac{1}{n_g}\\sum_{i \\in g} y_i
              \\quad \\text{(repeated over the groupings until the group means are below tol)}

    Parameters
    ----------
    df : DataFrame
        The data.
    columns : list of str
        The columns to demean (as floats).
    fe : list of str (or of lists of str)
        The fixed-effect groupings: a column, or several columns forming one grouping
        (e.g. importer x year).
    tol : float, default 1e-12
        Convergence with several groupings: the largest group mean of a round.
    max_iter : int, default 1000
        Rounds at most.

    Returns
    -------
    DataFrame
        ``columns`` demeaned, on the index of ``df``.

    Raises
    ------
    ConvergenceError
        If several groupings are not absorbed within ``max_iter`` rounds.

    References
    ----------
    .. [1] Guimarães, P. and Portugal, P. (2010). A simple feasible procedure to fit models
       with high-dimensional fixed effects. *Stata Journal* 10(4), 628-649.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 3.0, 2.0, 6.0], "g": ["a", "a", "b", "b"]})
    >>> absorb_fixed_effects(df, ["y"], ["g"])["y"].tolist()
    [-1.0, 1.0, -2.0, 2.0]
    """
    out = df[columns].astype(float).copy()
    codes = [pd.factorize(df[g] if isinstance(g, str) else pd.MultiIndex.from_frame(df[list(g)]))[0] for g in fe]
    for it in range(max_iter):
        change = 0.0
        for c in codes:
            n = np.bincount(c)
            for col in columns:
                v = out[col].to_numpy()
                mean = np.bincount(c, weights=v) / n
                out[col] = v - mean[c]
                change = max(change, float(np.max(np.abs(mean))) if len(mean) else 0.0)
        if len(codes) == 1 or change < tol:
            return out
    raise ConvergenceError(f"fixed effects were not absorbed in {max_iter} rounds; drop the importer-year effects")


def _n_fixed_effects(d: pd.DataFrame, fe: list[str]) -> int:
    """Number of identified fixed effects: levels minus redundancies.

    One grouping: its number of levels. Two: levels of both minus the number of connected
    components of their bipartite graph (Abowd, Creecy & Kramarz 2002).
    """
    if len(fe) == 1:
        return int(d[fe[0]].nunique())
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    a = pd.factorize(d[fe[0]])[0]
    b = pd.factorize(d[fe[1]])[0]
    na, nb = a.max() + 1, b.max() + 1
    g = sp.coo_matrix((np.ones(len(a)), (a, na + b)), shape=(na + nb, na + nb))
    ncomp, _ = connected_components(g, directed=False)
    return int(na + nb - ncomp)


@dataclass(frozen=True, eq=False)
class QualityResult(ResultMixin):
    """Estimated export quality.

    Attributes
    ----------
    flows : DataFrame
        One row per flow: ``year, exporter, importer, product, value, unit_value,
        log_quality`` and the regressors.
    table : DataFrame
        ``year, exporter, product, value, quality, quality_rel`` (value-weighted over
        destinations; ``quality_rel`` = quality / 90th percentile of the product-year).
    country : DataFrame
        ``year, exporter, quality_rel, value``: value-weighted mean over products.
    coefficients : DataFrame
        ``slope_group, term, coef, std_err, p_value, nobs`` of the price equation.
    params : dict
        The fitter's options (``frontier_quantile``, ``importer_effects``, ``cov_type``,
        ``fixed_effects``).
    flags : tuple of str
        Provenance flags (``"synthetic"`` when an input is synthetic).

    References
    ----------
    Henn, C., Papageorgiou, C., Romero, J. M. & Spatafora, N. (2017). Export quality in
    advanced and developing economies: evidence from a new data set. World Bank Policy
    Research Working Paper 8196.

    Examples
    --------
    Unit values built as :math:`y^{0.5} \\mathrm{Dist}^{0.25}` (every quality 1):

    >>> import pandas as pd
    >>> inc = {"KAZ": 4.0, "CHN": 16.0, "DEU": 64.0}
    >>> dist = {("KAZ", "USA"): 16.0, ("KAZ", "FRA"): 1.0, ("CHN", "USA"): 1.0, ("CHN", "FRA"): 16.0,
    ...         ("DEU", "USA"): 16.0, ("DEU", "FRA"): 1.0}
    >>> flows = pd.DataFrame([{"year": 2020, "exporter": x, "importer": m, "product": "870323", "quantity": 10.0,
    ...                        "value": 10 * inc[x] ** 0.5 * d ** 0.25} for (x, m), d in dist.items()])
    >>> income = pd.DataFrame({"year": 2020, "country": list(inc), "gdppc": list(inc.values())})
    >>> distance = pd.DataFrame([(x, m, d) for (x, m), d in dist.items()], columns=["exporter", "importer", "distance"])
    >>> res = ExportQuality().fit(flows, income=income, distance=distance).result_
    >>> res.country.round(6)
       year exporter  quality_rel  value
    0  2020      CHN          1.0  120.0
    1  2020      DEU          1.0  240.0
    2  2020      KAZ          1.0   60.0
    >>> bool(res.check()["ok"].all())
    True
    """

    flows: pd.DataFrame
    table: pd.DataFrame
    country: pd.DataFrame
    coefficients: pd.DataFrame
    params: dict = field(default_factory=dict)
    flags: tuple[str, ...] = ()

    def _identity_rows(self) -> list[dict]:
        f = self.flows
        recon = f["log_quality"] + f["zeta_income"] * f["log_income"] + f["zeta_distance"] * f["log_distance"]
        gap = float(np.max(np.abs(np.log(f["unit_value"]) - recon))) if len(f) else 0.0
        return [identity_row("ln p = ln theta + zeta2 ln y + zeta3 ln Dist", gap, scale=1.0, rtol=1e-8)]

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Identity: :math:`\\ln p = \\ln\\theta + \\zeta_2 \\ln y + \\zeta_3 \\ln Dist` flow by flow
        (``max_abs_error`` is the largest gap; before 0.2 ``check()`` returned that float)."""
        return ResultMixin.check(self, rtol=rtol)

    def _title(self) -> str:
        return "Export quality: unit values adjusted for exporter income and distance (Henn et al. 2017)"

    def _size(self) -> str:
        return ""

    def _summary_lines(self) -> list[str]:
        lines = []
        for _, r in self.coefficients.iterrows():
            lines.append(f"  [{r['slope_group']}] {r['term']}: {r['coef']:.4f} (se {r['std_err']:.4f}, n={int(r['nobs'])})")
        lines.append(f"exporters {self.table['exporter'].nunique()}, products {self.table['product'].nunique()}, "
                     f"frontier = {self.params.get('frontier_quantile')} quantile")
        return lines


class ExportQuality:
    """Fitter of the unit-value quality index (see the module docstring).

    Parameters
    ----------
    frontier_quantile : float
        Quality is reported relative to this quantile across exporters of each product
        and year (default 0.9, Henn et al.'s frontier).
    importer_effects : bool
        Add importer-year fixed effects to the price equation (default False: product-year
        effects only).
    slopes_by : dict, Series or callable, optional
        Product -> slope group (e.g. HS section); default: one pooled group.
    cov_type : str
        statsmodels covariance (default ``"cluster"`` by exporter, the level at which
        income varies; ``"nonrobust"`` and ``"HC1"`` use the degrees of freedom net of
        the absorbed effects).
    min_quantity : float
        Flows with quantity at or below this are left out.

    References
    ----------
    Henn, C., Papageorgiou, C., Romero, J. M. & Spatafora, N. (2017). Export quality in
    advanced and developing economies: evidence from a new data set. World Bank Policy
    Research Working Paper 8196 (IMF Working Paper 13/108, 2013), methodology section.
    Hallak, J. C. (2006). Product quality and the direction of trade. Journal of
    International Economics 68(1), 238-265.

    Raises
    ------
    ValidationError
        For a ``frontier_quantile`` outside (0, 1] or an unsupported ``cov_type``.

    Examples
    --------
    Unit values built as :math:`y^{0.5} \\mathrm{Dist}^{0.25}` times a common constant: the
    price equation recovers the two elasticities.

    >>> import pandas as pd
    >>> inc = {"KAZ": 4.0, "CHN": 16.0, "DEU": 64.0}
    >>> dist = {("KAZ", "USA"): 16.0, ("KAZ", "FRA"): 1.0, ("CHN", "USA"): 1.0, ("CHN", "FRA"): 16.0,
    ...         ("DEU", "USA"): 16.0, ("DEU", "FRA"): 1.0}
    >>> flows = pd.DataFrame([{"year": 2020, "exporter": x, "importer": m, "product": "870323", "quantity": 10.0,
    ...                        "value": 10 * inc[x] ** 0.5 * d ** 0.25} for (x, m), d in dist.items()])
    >>> income = pd.DataFrame({"year": 2020, "country": list(inc), "gdppc": list(inc.values())})
    >>> distance = pd.DataFrame([(x, m, d) for (x, m), d in dist.items()], columns=["exporter", "importer", "distance"])
    >>> res = ExportQuality().fit(flows, income=income, distance=distance).result_
    >>> res.coefficients[["term", "coef"]].round(6)
               term  coef
    0    log_income  0.50
    1  log_distance  0.25
    """

    def __init__(self, *, frontier_quantile: float = 0.9, importer_effects: bool = False,
                 slopes_by: Mapping[str, str] | pd.Series | Callable[[str], str] | None = None,
                 cov_type: str = "cluster", min_quantity: float = 0.0) -> None:
        if not 0 < frontier_quantile <= 1:
            raise ValidationError(f"frontier_quantile={frontier_quantile!r} must be in (0, 1]; Henn et al. use 0.9")
        if cov_type not in ("cluster", "nonrobust", "HC1"):
            raise ValidationError(f"cov_type={cov_type!r} is not supported; use cluster, nonrobust or HC1")
        self.frontier_quantile = frontier_quantile
        self.importer_effects = importer_effects
        self.slopes_by = slopes_by
        self.cov_type = cov_type
        self.min_quantity = min_quantity

    # ------------------------------------------------------------------ inputs
    @staticmethod
    def _income(income) -> pd.DataFrame:
        if not isinstance(income, pd.DataFrame):
            raise TypeError(f"income must be a DataFrame (year, country, gdppc), not {type(income).__name__}")
        col = [c for c in income.columns if c not in ("year", "country")]
        if "year" not in income.columns or "country" not in income.columns or not col:
            raise ValidationError(f"the income table needs columns year, country and a value column (e.g. gdppc); got {list(income.columns)}")
        v = pd.to_numeric(income[col[0]], errors="coerce")
        if (v <= 0).any() or v.isna().any():
            raise ValidationError("the income table has missing, zero or negative values; income per capita must be positive")
        return pd.DataFrame({"year": income["year"].astype("int64"), "exporter": income["country"].astype(str).str.upper(),
                             "income": v.astype(float)})

    @staticmethod
    def _distance(distance) -> pd.DataFrame:
        if not isinstance(distance, pd.DataFrame):
            raise TypeError(f"distance must be a DataFrame (exporter, importer, distance), not {type(distance).__name__}")
        need = ["exporter", "importer", "distance"]
        if any(c not in distance.columns for c in need):
            raise ValidationError(f"the distance table needs columns exporter, importer, distance; got {list(distance.columns)}")
        d = pd.to_numeric(distance["distance"], errors="coerce")
        if (d <= 0).any() or d.isna().any():
            raise ValidationError("the distance table has missing, zero or negative distances; distances must be positive (km)")
        return pd.DataFrame({"exporter": distance["exporter"].astype(str).str.upper(),
                             "importer": distance["importer"].astype(str).str.upper(), "distance": d.astype(float)})

    # ------------------------------------------------------------------ fit
    def fit(self, flows: Any, *, income: pd.DataFrame, distance: pd.DataFrame, flags: tuple[str, ...] = ()) -> "ExportQuality":
        """Estimate the price equation and the quality index; returns ``self`` with the
        :class:`QualityResult` in ``result_`` (the fitter convention).

        Before 0.2 ``fit`` returned the result itself; the result's attributes
        (``coefficients``, ``table``, ``check()`` ...) are still reachable on the fitter,
        with a ``DeprecationWarning``: use ``fit(...).result_``.

        Parameters
        ----------
        flows : DataFrame, ibis Table, TradeFlows or path
            Bilateral flows with quantities.
        income : DataFrame
            ``year, country, <value>``: exporter income per capita (e.g. GDP per capita PPP).
        distance : DataFrame
            ``exporter, importer, distance`` (km; symmetric pairs may be given once each
            way).
        flags : tuple of str
            Extra provenance flags (``"synthetic"`` is added when any input is synthetic).
        """
        import statsmodels.api as sm

        inc, dist = self._income(income), self._distance(distance)
        uv = to_pandas(unit_values(flows, min_quantity=self.min_quantity))
        if uv.empty:
            raise ValidationError("no flow has both a positive value and a positive quantity; export quality needs quantities")
        df = uv.merge(inc, on=["year", "exporter"], how="left").merge(dist, on=["exporter", "importer"], how="left")
        for what, col in (("income", "income"), ("distance", "distance")):
            miss = df[col].isna()
            if miss.any():
                keys = df.loc[miss, ["exporter"] if col == "income" else ["exporter", "importer"]].drop_duplicates()
                ex = ", ".join("-".join(map(str, r)) for r in keys.head(5).itertuples(index=False))
                raise ValidationError(f"the {what} table lacks {len(keys)} exporter(s)/pair(s) of the flows, e.g. {ex}; add them or filter the flows")
        df["log_uv"] = np.log(df["unit_value"])
        df["log_income"] = np.log(df["income"])
        df["log_distance"] = np.log(df["distance"])
        df["product_year"] = df["product"].astype(str) + "|" + df["year"].astype(str)
        fe = ["product_year"]
        if self.importer_effects:
            df["importer_year"] = df["importer"].astype(str) + "|" + df["year"].astype(str)
            fe.append("importer_year")
        df["slope_group"] = self._slope_groups(df["product"])

        terms = ["log_income", "log_distance"]
        rows, coefs = [], {}
        for g, d in df.groupby("slope_group", sort=True):  # a few slope groups, not products
            dm = absorb_fixed_effects(d, ["log_uv", *terms], fe)
            X = dm[terms].to_numpy()
            rank = np.linalg.matrix_rank(X) if len(X) else 0
            n_fe = _n_fixed_effects(d, fe)
            dof = len(d) - n_fe - len(terms)
            if rank < len(terms) or dof <= 0:
                raise ValidationError(
                    f"slope group {g!r}: income and distance do not vary enough within the fixed effects "
                    f"({len(d)} flows, {n_fe} fixed effects); pool the slope groups or use more exporters"
                )
            model = sm.OLS(dm["log_uv"].to_numpy(), X)
            if self.cov_type == "cluster":
                res = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(d["exporter"])[0]})
                se = res.bse
            else:
                res = model.fit(cov_type=self.cov_type)
                # degrees of freedom net of the absorbed fixed effects
                se = res.bse * np.sqrt((len(d) - len(terms)) / dof)
            from scipy import stats

            pv = 2 * stats.t.sf(np.abs(res.params / se), dof) if self.cov_type != "cluster" else res.pvalues
            coefs[g] = res.params
            for i, term in enumerate(terms):
                rows.append({"slope_group": g, "term": term, "coef": float(res.params[i]), "std_err": float(se[i]),
                             "p_value": float(pv[i]), "nobs": int(len(d))})
        coef = pd.DataFrame(rows)
        cz = pd.DataFrame({"slope_group": list(coefs), "zeta_income": [c[0] for c in coefs.values()],
                           "zeta_distance": [c[1] for c in coefs.values()]})
        df = df.merge(cz, on="slope_group")
        df["log_quality"] = df["log_uv"] - df["zeta_income"] * df["log_income"] - df["zeta_distance"] * df["log_distance"]

        # aggregate over destinations with value weights, then relative to the frontier
        df["w_q"] = df["value"] * np.exp(df["log_quality"])
        tab = df.groupby(["year", "exporter", "product"], as_index=False).agg(value=("value", "sum"), wq=("w_q", "sum"))
        tab["quality"] = tab["wq"] / tab["value"]
        front = tab.groupby(["year", "product"])["quality"].transform(lambda s: s.quantile(self.frontier_quantile))
        tab["quality_rel"] = tab["quality"] / front
        tab = tab.drop(columns="wq")
        tab["w"] = tab["value"] * tab["quality_rel"]
        ctry = tab.groupby(["year", "exporter"], as_index=False).agg(value=("value", "sum"), w=("w", "sum"))
        ctry["quality_rel"] = ctry["w"] / ctry["value"]
        tab = tab.drop(columns="w")
        synthetic = is_synthetic(flows) or bool(income.attrs.get("synthetic")) or bool(distance.attrs.get("synthetic"))
        fl = tuple(dict.fromkeys(tuple(flags) + (("synthetic",) if synthetic else ())))
        keep = ["year", "exporter", "importer", "product", "value", "quantity", "unit_value", "log_income", "log_distance",
                "slope_group", "zeta_income", "zeta_distance", "log_quality"]
        self.result_ = QualityResult(
            flows=df[keep].sort_values(["year", "exporter", "importer", "product"]).reset_index(drop=True),
            table=tab.sort_values(["year", "exporter", "product"]).reset_index(drop=True),
            country=ctry[["year", "exporter", "quality_rel", "value"]].sort_values(["year", "exporter"]).reset_index(drop=True),
            coefficients=coef,
            params={"frontier_quantile": self.frontier_quantile, "importer_effects": self.importer_effects,
                    "cov_type": self.cov_type, "fixed_effects": fe},
            flags=fl,
        )
        return self

    def __getattr__(self, name: str):
        # the result's attributes on the fitter: compatibility with fit() returning the result
        if name.startswith("_") or name == "result_" or "result_" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        warnings.warn(
            f"ExportQuality.fit() now returns the fitter; use .result_.{name} (the result) instead of .{name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(self.__dict__["result_"], name)

    def _slope_groups(self, product: pd.Series) -> pd.Series:
        sb = self.slopes_by
        if sb is None:
            return pd.Series("all", index=product.index)
        if callable(sb):
            return product.map(sb).fillna("other").astype(str)
        m = pd.Series(sb) if isinstance(sb, dict) else sb
        return product.astype(str).map(m).fillna("other").astype(str)
