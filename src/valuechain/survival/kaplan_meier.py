r"""Kaplan-Meier curves with confidence bands, medians and log-rank tests on spell counts.

The input is the ``(group, duration, event, count)`` table that
:func:`valuechain.trade.survival.spell_histogram` (or ``spell_counts``) builds in the
engine; lifelines is run with case weights, which gives the same numbers as one row per
spell. :func:`pairwise_logrank` tests every pair of groups at once with arrays.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from typing import Sequence
    import altair as alt

__all__ = ["SurvivalResult", "KaplanMeierAnalysis", "pairwise_logrank", "kaplan_meier_chart"]


# ----------------------------------------------------------------------- log-rank
def pairwise_logrank(counts: pd.DataFrame) -> pd.DataFrame:
    r"""Log-rank tests of every pair of groups at once, on aggregated counts.

    Parameters
    ----------
    counts : DataFrame
        ``group, duration, event, count``.

    Returns
    -------
    DataFrame
        ``group_a, group_b, test_statistic, p_value, df`` (``df = 1``).

    Notes
    -----
    For groups :math:`a, b`, at each distinct duration :math:`t` with :math:`d_{gt}`
    events and :math:`n_{gt}` at risk (:math:`n = n_a + n_b`, :math:`d = d_a + d_b`):

    .. math::
        Z = \sum_t \Big(d_{at} - n_{at}\frac{d_t}{n_t}\Big),\quad
        V = \sum_t \frac{n_{at} n_{bt} d_t (n_t - d_t)}{n_t^2 (n_t - 1)},\quad
        \chi^2 = Z^2 / V \sim \chi^2_1

    computed for all pairs as ``(G, G, T)`` arrays. Equal to ``lifelines.statistics.
    logrank_test`` (checked in the tests).

    References
    ----------
    .. [1] Mantel, N. (1966). Evaluation of survival data and two new rank order statistics arising in its consideration. *Cancer Chemotherapy Reports* 50(3), 163-170.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"group": ["a", "a", "b", "b"], "duration": [1, 2, 1, 3],
    ...                        "event": [1, 1, 1, 0], "count": [3, 1, 1, 2]})
    >>> pairwise_logrank(counts).round(4)
      group_a group_b  test_statistic  p_value  df
    0       a       b          2.6783   0.1017   1
    """
    from scipy import stats

    groups, d, n = _risk_arrays(counts)
    G = len(groups)
    ia, ib = np.triu_indices(G, 1)
    na, nb, da, db = n[ia], n[ib], d[ia], d[ib]
    nt, dt = na + nb, da + db
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(nt > 0, da - na * dt / np.where(nt > 0, nt, 1), 0.0).sum(axis=1)
        v = np.where(nt > 1, na * nb * dt * (nt - dt) / (nt**2 * np.where(nt > 1, nt - 1, 1)), 0.0).sum(axis=1)
        chi2 = np.where(v > 0, z * z / np.where(v > 0, v, 1), np.nan)
    p = stats.chi2.sf(chi2, 1)
    return pd.DataFrame(
        {"group_a": groups[ia], "group_b": groups[ib], "test_statistic": chi2, "p_value": p, "df": 1}
    )


def _risk_arrays(counts: pd.DataFrame):
    """Events ``d[g, t]`` and numbers at risk ``n[g, t]`` on the union of durations."""
    c = counts[counts["count"] > 0]
    groups = np.array(sorted(c["group"].astype(str).unique()), dtype=object)
    times = np.sort(c["duration"].unique())
    gi = np.searchsorted(groups.astype(str), c["group"].astype(str).to_numpy())
    ti = np.searchsorted(times, c["duration"].to_numpy())
    w = c["count"].to_numpy(dtype=float)
    G, T = len(groups), len(times)
    leave = np.zeros((G, T))
    np.add.at(leave, (gi, ti), w)
    d = np.zeros((G, T))
    ev = c["event"].to_numpy() == 1
    np.add.at(d, (gi[ev], ti[ev]), w[ev])
    n = leave[:, ::-1].cumsum(axis=1)[:, ::-1]  # at risk at t: spells with duration >= t
    return groups, d, n


# ----------------------------------------------------------------------- Kaplan-Meier
@dataclass(frozen=True, eq=False)
class SurvivalResult(ResultMixin):
    r"""Kaplan-Meier curves, medians and log-rank tests of export spells.

    Attributes
    ----------
    table : DataFrame
        ``group, time, survival, ci_lower, ci_upper, at_risk`` -- one step per distinct
        duration, starting at time 0 with survival 1; the pooled curve is group ``all``.
    medians : DataFrame
        ``group, median, spells, events`` (median duration in years: the first duration
        with :math:`S(t) \le 1/2`; ``inf`` when the curve never falls to 1/2).
    logrank : DataFrame
        ``comparison, group_a, group_b, test_statistic, p_value, df``: the test across all
        groups (``comparison = "all groups"``) and every pair (``"pairwise"``).
    counts : DataFrame
        The aggregated input ``group, duration, event, count``.
    alpha : float
        1 - confidence level of the bands.
    flags : tuple of str
        Provenance flags such as ``"synthetic"``.

    References
    ----------
    .. [1] Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. *Journal of the American Statistical Association* 53(282), 457-481.
    .. [2] Mantel, N. (1966). Evaluation of survival data and two new rank order statistics arising in its consideration. *Cancer Chemotherapy Reports* 50(3), 163-170.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> from valuechain.survival import survival_analysis
    >>> res = survival_analysis(flows)
    >>> res.medians
      group  median  spells  events
    0   all     1.0       2       1
    """

    table: pd.DataFrame
    medians: pd.DataFrame
    logrank: pd.DataFrame
    counts: pd.DataFrame
    alpha: float = 0.05
    flags: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict)

    def survival_at(self, t: float, group: str = "all") -> float:
        """The Kaplan-Meier survival of ``group`` at duration ``t`` (a step function)."""
        c = self.table[self.table["group"] == group]
        if c.empty:
            raise ValidationError(f"no curve for group {group!r}; groups: {', '.join(self.table['group'].unique())}")
        c = c[c["time"] <= t]
        return float(c["survival"].iloc[-1])

    title = "Kaplan-Meier survival of export spells"

    def max_increase(self) -> float:
        """Largest increase of any curve from one step to the next (0 for valid curves).
        Before 0.2 this float was what ``check()`` returned; ``check()`` now returns the
        identity table."""
        t = self.table.sort_values(["group", "time"])
        inc = t.groupby("group")["survival"].diff().fillna(0.0)
        return float(max(inc.max(), 0.0))

    def _identity_rows(self) -> list[dict]:
        s = self.table["survival"]
        outside = float(max((s - 1.0).max(), (-s).max(), 0.0)) if len(s) else 0.0
        return [identity_row("survival never increases", self.max_increase(), scale=1.0, rtol=1e-12),
                identity_row("0 <= survival <= 1", outside, scale=1.0, rtol=1e-12)]

    def _size(self) -> str:
        return (f"{int(self.counts['count'].sum())} spells, {self.counts['group'].nunique()} group(s); "
                f"bands {100 * (1 - self.alpha):.0f}%")

    def _summary_lines(self) -> list[str]:
        lines = []
        for _, r in self.medians.iterrows():
            s1 = self.survival_at(1, r["group"])
            lines.append(f"  {r['group']}: spells {int(r['spells'])}, median {r['median']:g} years, S(1) = {s1:.3f}")
        allg = self.logrank[self.logrank["comparison"] == "all groups"]
        if len(allg):
            r = allg.iloc[0]
            lines.append(f"log-rank across groups: chi2 = {r['test_statistic']:.2f}, df = {int(r['df'])}, p = {r['p_value']:.3g}")
        return lines


class KaplanMeierAnalysis:
    r"""Kaplan-Meier curves by group, medians and log-rank tests, from spell counts.

    Parameters
    ----------
    alpha : float
        1 - confidence level of the bands (default 0.05: 95% bands, lifelines'
        exponential Greenwood / log(-log) interval).
    pairwise : bool
        Also run the log-rank test for every pair of groups (default True).

    Notes
    -----
    With :math:`d_t` spells ending at duration :math:`t` and :math:`n_t` spells lasting at
    least :math:`t` (weighted by ``count``):

    .. math:: \hat S(t) = \prod_{t_i \le t} \Big(1 - \frac{d_{t_i}}{n_{t_i}}\Big)

    References
    ----------
    Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations.
    JASA 53(282), 457-481, eq. (2a).
    Besedeš, T. & Prusa, T. J. (2006). Ins, outs, and the duration of trade. Canadian Journal
    of Economics 39(1), 266-295 (Kaplan-Meier survival of trade spells).
    Davidson-Pilon, C. (2019). lifelines: survival analysis in Python. JOSS 4(40), 1317.

    Examples
    --------
    >>> counts = pd.DataFrame({"group": ["a", "a", "b"], "duration": [1, 3, 2],
    ...                        "event": [1, 0, 1], "count": [2, 1, 3]})
    >>> res = KaplanMeierAnalysis().fit(counts).result_
    >>> res.survival_at(1, "a")  # 3 at risk at t=1, 2 exits: 1 - 2/3
    0.3333333333333333
    """

    def __init__(self, *, alpha: float = 0.05, pairwise: bool = True):
        if not 0 < alpha < 1:
            raise ValidationError(f"alpha={alpha!r} must be between 0 and 1 (0.05 gives 95% bands)")
        self.alpha = alpha
        self.pairwise = pairwise

    def fit(self, counts: pd.DataFrame, *, flags: tuple[str, ...] = (), pooled: bool = True) -> "KaplanMeierAnalysis":
        """Fit the curves on ``counts`` (``group, duration, event, count``); returns the
        fitter, with the :class:`SurvivalResult` in ``result_`` (the fitter convention).

        ``pooled=True`` adds the curve of all spells together as group ``all`` (unless
        the only group already is ``all``). Before 0.2 ``fit`` returned the result itself;
        its attributes are still reachable on the fitter with a ``DeprecationWarning``.
        """
        from lifelines import KaplanMeierFitter
        from lifelines.statistics import multivariate_logrank_test

        need = ["group", "duration", "event", "count"]
        miss = [c for c in need if c not in counts.columns]
        if miss:
            raise ValidationError(f"spell counts lack column(s) {', '.join(miss)}; build them with spell_counts()")
        c = counts[need].copy()
        c = c[c["count"] > 0]
        if c.empty:
            raise ValidationError("no spells to analyse (every count is 0); widen the year range, keep left-censored spells or check the country")
        if (c["duration"] <= 0).any():
            raise ValidationError("spell durations must be positive whole years")
        c["group"] = c["group"].astype(str)
        parts = [(g, d) for g, d in c.groupby("group", sort=True)]
        if pooled and not (len(parts) == 1 and parts[0][0] == "all"):
            parts.append(("all", c))
        curves, medians = [], []
        for g, d in parts:
            kmf = KaplanMeierFitter(alpha=self.alpha)
            kmf.fit(d["duration"], d["event"], weights=d["count"], label="km")
            sf = kmf.survival_function_["km"]
            ci = kmf.confidence_interval_
            et = kmf.event_table
            curves.append(
                pd.DataFrame(
                    {
                        "group": g,
                        "time": sf.index.to_numpy(dtype=float),
                        "survival": sf.to_numpy(),
                        "ci_lower": ci.iloc[:, 0].to_numpy(),
                        "ci_upper": ci.iloc[:, 1].to_numpy(),
                        "at_risk": et["at_risk"].reindex(sf.index).to_numpy(),
                    }
                )
            )
            # median: the first duration with S(t) <= 1/2 (a tolerance of 1e-9 keeps an exact
            # 1/2 computed through exp(sum(log)) from moving the median one step later)
            hit = sf.to_numpy() <= 0.5 + 1e-9
            median = float(sf.index[np.argmax(hit)]) if hit.any() else float("inf")
            medians.append({"group": g, "median": median,
                            "spells": int(d["count"].sum()), "events": int((d["count"] * d["event"]).sum())})
        table = pd.concat(curves, ignore_index=True)
        table["time"] = table["time"].astype("int64")
        rows = []
        if len(parts) - (1 if pooled and parts[-1][0] == "all" else 0) >= 2:
            mv = multivariate_logrank_test(c["duration"], c["group"], c["event"], weights=c["count"])
            rows.append({"comparison": "all groups", "group_a": "all", "group_b": "all",
                         "test_statistic": float(mv.test_statistic), "p_value": float(mv.p_value),
                         "df": int(mv.degrees_of_freedom)})
            if self.pairwise:
                pw = pairwise_logrank(c).assign(comparison="pairwise")
                rows.extend(pw.to_dict("records"))
        cols = ["comparison", "group_a", "group_b", "test_statistic", "p_value", "df"]
        logrank = pd.DataFrame(rows, columns=cols)
        self.result_ = SurvivalResult(table=table, medians=pd.DataFrame(medians), logrank=logrank,
                                      counts=c.reset_index(drop=True), alpha=self.alpha, flags=tuple(flags))
        return self

    def __getattr__(self, name: str):
        # the result's attributes on the fitter: compatibility with fit() returning the result
        if name.startswith("_") or name == "result_" or "result_" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        warnings.warn(
            f"KaplanMeierAnalysis.fit() now returns the fitter; use .result_.{name} (the result) instead of .{name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(self.__dict__["result_"], name)


# ----------------------------------------------------------------------- chart
def kaplan_meier_chart(result: SurvivalResult, *, groups: Sequence[str] | None=None, title: str = "Export survival (Kaplan-Meier)") -> alt.LayerChart:
    r"""An Altair step chart of the curves with their confidence bands.

    Parameters
    ----------
    result : SurvivalResult
        The curves to draw.
    groups : list of str, optional
        Curves to draw (default: all).
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        Step lines of :math:`\hat S(t)` with their confidence bands.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> from valuechain.survival import survival_analysis
    >>> type(kaplan_meier_chart(survival_analysis(flows))).__name__
    'LayerChart'
    """
    import altair as alt

    t = result.table if groups is None else result.table[result.table["group"].isin(list(groups))]
    base = alt.Chart(t).encode(
        x=alt.X("time:Q", title="years since the spell started"),
        color=alt.Color("group:N", title=None),
    )
    band = base.mark_area(opacity=0.15, interpolate="step-after").encode(y="ci_lower:Q", y2="ci_upper:Q")
    line = base.mark_line(interpolate="step-after").encode(
        y=alt.Y("survival:Q", title="probability the spell survives", scale=alt.Scale(domain=[0, 1])),
        tooltip=["group", "time", "survival", "at_risk"],
    )
    sub = "synthetic data" if "synthetic" in result.flags else None
    return (band + line).properties(title=alt.Title(title, subtitle=sub) if sub else title, width=420, height=280)
