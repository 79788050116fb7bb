r"""Impact analysis: a spending shock in, direct, indirect and induced effects out.

A *shock* is a change in final demand :math:`\Delta y` by industry (the table's unit),
e.g. a new plant's purchases from local industries. Its effects on output and on the
indicators the table carries (value added, compensation of employees = "income",
employment) are split the way Miller & Blair (2009, ch. 6) and the eiat package
(Australia) present them:

.. math::

    \text{direct} &= \hat d\, \Delta y \\
    \text{indirect} &= \hat d\, (L - I)\, \Delta y
        \quad\text{(production-induced, Type I)} \\
    \text{induced} &= \hat d\, (\bar L_{11} - L)\, \Delta y
        \quad\text{(consumption-induced, Type II only)} \\
    \text{total} &= \text{direct} + \text{indirect} \; (+\; \text{induced})

with :math:`L = (I - A)^{-1}`, :math:`\bar L_{11}` the industry block of the inverse of
the model closed with respect to households (:func:`~valuechain.leontief.closed_model`),
and :math:`d` the direct coefficients per unit of output (:math:`d = 1` for output,
:math:`v_j`, :math:`h_j`, :math:`e_j` for value added, income and employment;
:func:`~valuechain.leontief.direct_coefficients`). No inverse is formed: each total is
one LU solve (:func:`valuechain.iomath.leontief_solve`).

A shock with a ``year`` column gives one block of rows per year and a ``total`` block
(eiat's layout: one column of spending per year).

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 2 (the
impact :math:`\Delta x = L \Delta f`, sec. 2.3), ch. 6 (Type I / Type II effects).
eiat (Flinders University), ``impact_analysis``: direct, production-induced,
consumption-induced and flow-on output, GRP and FTE employment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import leontief_solve
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable
from .multipliers import closed_model, direct_coefficients

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike
    from typing import Mapping
    from typing import Sequence
    import os

__all__ = ["ImpactResult", "impact", "read_shock", "shock_frame", "check_finite_effects", "IMPACT_INDICATORS", "IMPACT_PARTS"]

#: the indicators an impact reports, in order (those the table allows)
IMPACT_INDICATORS = ("output", "value_added", "income", "employment")
#: the parts of each indicator's effect
IMPACT_PARTS = ("direct", "indirect", "induced", "total")
TOTAL_LABEL = "total"


# ------------------------------------------------------------------------- the shock
def shock_frame(shock: pd.Series | pd.DataFrame | Mapping[str, float], industries: Sequence[str] | pd.Index,
                *, region: str | None = None) -> pd.DataFrame:
    """Normalise a shock to a DataFrame with columns ``year``, ``industry``, ``final_demand``.

    ``shock`` is a Series by industry, a mapping industry → value, or a DataFrame with
    ``industry`` and ``final_demand`` (optionally ``year``). Rows of the same year and
    industry are added. ``year`` is ``None`` for a single-period shock. A DataFrame with
    two columns of one name (case and spaces ignored) is refused, and so is a ``region``
    column unless every row names ``region`` (the two-region model's shocked region):
    a national impact never drops the region a user wrote.

    Parameters
    ----------
    shock : Series, mapping or DataFrame
        Change in final demand by industry (table unit).
    industries : sequence of str
        The table's industries (an unknown industry is an error).
    region : str, optional
        The shocked region of a two-region impact; ``None`` (national impact) refuses a
        ``region`` column.

    Returns
    -------
    DataFrame
        Columns ``year`` (``None`` for one period), ``industry``, ``final_demand``.

    Raises
    ------
    ValidationError
        If an industry is unknown or a value is not finite, a column name is repeated, or
        a ``region`` column does not match ``region``.

    Examples
    --------
    >>> shock_frame({"agri": 10.0}, ["agri", "manu"])
       year industry  final_demand
    0  None     agri          10.0
    """
    ind = [str(i) for i in industries]
    if isinstance(shock, dict):
        shock = pd.Series(shock, dtype=float)
    if isinstance(shock, pd.Series):
        df = pd.DataFrame({"industry": shock.index.map(str), "final_demand": shock.to_numpy()})
    elif isinstance(shock, pd.DataFrame):
        names = [str(c).strip().lower() for c in shock.columns]
        dup = sorted({c for c in names if names.count(c) > 1})
        if dup:
            raise ValidationError(f"the shock has the column {dup[0]!r} more than once; keep one {dup[0]} column (add the changes into it)")
        cols = dict(zip(names, shock.columns))
        if "region" in cols:
            _check_region_column(shock[cols["region"]], region)
        miss = [c for c in ("industry", "final_demand") if c not in cols]
        if miss:
            raise ValidationError(
                f"the shock has no column {' or '.join(miss)} (found {list(map(str, shock.columns))}); "
                "give columns industry, final_demand and optionally year"
            )
        df = pd.DataFrame({"industry": shock[cols["industry"]].astype(str).str.strip(),
                           "final_demand": pd.to_numeric(shock[cols["final_demand"]], errors="coerce")})
        if "year" in cols:
            yr = pd.to_numeric(shock[cols["year"]], errors="coerce")
            if yr.isna().any() or (yr != yr.round()).any():
                raise ValidationError("the shock's year column has a missing or non-integer value; give a whole year on every row")
            df.insert(0, "year", yr.astype(int).to_numpy())
    else:
        arr = np.asarray(shock, dtype=float).ravel()
        if arr.size != len(ind):
            raise ValidationError(f"the shock has {arr.size} values but the table has {len(ind)} industries; give one per industry")
        df = pd.DataFrame({"industry": ind, "final_demand": arr})
    if "year" not in df:
        df.insert(0, "year", None)
    if len(df) == 0:
        raise ValidationError("the shock is empty; give at least one industry with a change in final demand")
    vals = df["final_demand"].to_numpy(dtype=float)
    if not np.isfinite(vals).all():
        bad = df.loc[~np.isfinite(vals), "industry"].tolist()[:5]
        raise ValidationError(f"the shock has a missing or non-numeric final_demand for {bad}; give a number on every row")
    unknown = sorted(set(df["industry"]) - set(ind))
    if unknown:
        raise ValidationError(
            f"the shock names industries not in the table: {unknown[:5]}; use the table's labels, e.g. {ind[:3]}"
        )
    return df


def read_shock(path: str | os.PathLike) -> pd.DataFrame:
    r"""Read a shock CSV (``industry``, ``final_demand``, optional ``year``).

    Parameters
    ----------
    path : str or Path
        A CSV file with columns ``industry``, ``final_demand`` (table unit) and optionally ``year``.

    Returns
    -------
    DataFrame
        The shock as read, columns as in the file.

    Raises
    ------
    DataNotFoundError
        If the file does not exist.
    ValidationError
        If the path is a folder, the file cannot be parsed as CSV, or a column name is
        repeated (pandas would rename the second ``final_demand`` and it would be ignored).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "shock.csv"
    >>> _ = p.write_text("industry,final_demand\nagri,100\n")
    >>> read_shock(p)
      industry  final_demand
    0     agri           100
    """
    from pathlib import Path

    p = Path(path)
    if not p.exists():
        from ..errors import DataNotFoundError

        raise DataNotFoundError(f"shock file not found: {p}; check the path")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; give the shock CSV (industry, final_demand[, year])")
    try:
        head = pd.read_csv(p, comment="#", header=None, nrows=1, dtype=str).iloc[0].tolist()
        names = [str(c).strip().lower() for c in head]
        dup = sorted({c for c in names if names.count(c) > 1})
        if dup:
            raise ValidationError(f"the shock {p.name} has the column {dup[0]!r} more than once; keep one {dup[0]} column (add the changes into it)")
        return pd.read_csv(p, comment="#")
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read the shock {p.name}: {str(exc).splitlines()[0]}; give a CSV with columns industry, final_demand") from None


def _check_region_column(col: pd.Series, region: str | None) -> None:
    """Refuse a shock's ``region`` column that the impact would not honour."""
    if region is None:
        raise ValidationError(
            "the shock has a region column but this impact is national (the column would be ignored); "
            "for a regional impact give --region R --employment EMP.csv (Python: two_region_impact), or drop the column"
        )
    vals = col.astype(str).str.strip()
    bad = np.flatnonzero((vals != str(region)).to_numpy())
    if bad.size:
        raise ValidationError(
            f"the shock's data row {bad[0] + 1} has region {vals.iloc[bad[0]]!r} but the shocked region is {region!r}; "
            f"the two-region impact shocks one region: give rows of {region!r} only (or drop the region column)"
        )


def check_finite_effects(table: pd.DataFrame, shock: pd.DataFrame) -> None:
    r"""Refuse an impact whose effects overflowed (a value of ``inf`` or ``NaN``).

    A shock of finite but huge values (e.g. ``1e308``) overflows
    :math:`L\,\Delta y` or a total row; writing ``inf`` would be a silently wrong result.

    Parameters
    ----------
    table : DataFrame
        The impact table (numeric columns are checked).
    shock : DataFrame
        The shock from :func:`shock_frame` (its largest row is named in the error).

    Raises
    ------
    ValidationError
        If any effect is not finite.

    Examples
    --------
    >>> sf = shock_frame({"agri": 1e308}, ["agri"])
    >>> check_finite_effects(pd.DataFrame({"output_total": [float("inf")]}), sf)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the shock overflows: its effects are not finite numbers (largest row: industry 'agri', final_demand 1e+308); give the shock in a larger unit (e.g. millions) so the totals stay below 1e308
    """
    num = table.select_dtypes("number").to_numpy(dtype=float)
    if np.isfinite(num).all():
        return
    i = int(np.argmax(np.abs(shock["final_demand"].to_numpy(dtype=float))))
    row = shock.iloc[i]
    yr = "" if row["year"] is None or pd.isna(row["year"]) else f", year {row['year']}"
    raise ValidationError(
        f"the shock overflows: its effects are not finite numbers (largest row: industry {row['industry']!r}{yr}, "
        f"final_demand {row['final_demand']:.6g}); give the shock in a larger unit (e.g. millions) so the totals stay below 1e308"
    )


def _vectors(df: pd.DataFrame, industries) -> list[tuple[object, np.ndarray]]:
    """One shock vector per year (in year order), aligned to ``industries``."""
    out = []
    years = [None] if df["year"].isna().all() else sorted(df["year"].dropna().unique())
    for y in years:
        part = df if y is None else df[df["year"] == y]
        v = part.groupby("industry", sort=False)["final_demand"].sum().reindex(industries).fillna(0.0)
        out.append((y, v.to_numpy(dtype=float)))
    return out


# ------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class ImpactResult(ResultMixin):
    """Effects of a final-demand shock (frozen; the result of :func:`impact`).

    Attributes
    ----------
    table : DataFrame
        One row per industry and a ``total`` row (per year block and an overall
        ``total`` block when the shock has years; per region in a two-region impact).
        Columns: ``year`` (multi-year only), ``region`` (two-region only), ``industry``,
        then ``<indicator>_direct``, ``<indicator>_indirect``, ``<indicator>_induced``
        (Type II only), ``<indicator>_total`` for output and each indicator the table has.
    type : "I" or "II"
    indicators : tuple of str
    unit, employment_unit : str
    shock : DataFrame
        The shock as given (``year``, ``industry``, ``final_demand``).
    regional_effects : DataFrame or None
        Two-region impacts: ``intraregional``, ``feedback``, ``spillover``, ``total``
        output (and their shares) per year.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> from valuechain import impact
    >>> r = impact(t, {"agri": 100.0})
    >>> r.type, r.indicators
    ('I', ('output', 'value_added'))
    >>> round(float(r.table.loc[2, "output_total"]), 2)   # 100 * (1.2541 + 0.2640)
    151.82
    """

    table: pd.DataFrame
    type: str
    indicators: tuple
    shock: pd.DataFrame
    flags: tuple = ()
    name: str = ""
    unit: str = ""
    residual: float = 0.0
    residual_scale: float = 1.0
    region: str | None = None
    rest: str | None = None
    regional_effects: pd.DataFrame | None = None
    notes: tuple = ()
    title: ClassVar[str] = "Impact analysis"

    @property
    def parts(self) -> tuple:
        return ("direct", "indirect", "induced", "total") if self.type == "II" else ("direct", "indirect", "total")

    @property
    def multi_year(self) -> bool:
        return "year" in self.table.columns

    def totals(self) -> pd.DataFrame:
        """The grand-total row(s): one per region in a two-region impact."""
        t = self.table
        m = t["industry"] == TOTAL_LABEL
        if self.multi_year:
            m &= t["year"].astype(str) == TOTAL_LABEL
        return t[m].reset_index(drop=True)

    def aggregate(self) -> pd.Series:
        """Grand totals over industries, years and regions (``<indicator>_<part>``) and
        ``output_multiplier`` = total output / direct output (the shock's multiplier)."""
        tot = self.totals()
        agg = tot.drop(columns=[c for c in ("year", "region", "industry", "note") if c in tot.columns]).sum()
        agg["output_multiplier"] = agg["output_total"] / agg["output_direct"] if agg["output_direct"] else np.nan
        return agg

    def _identity_rows(self) -> list[dict]:
        t = self.table
        rows = []
        num = t.select_dtypes("number")
        scale = float(np.nanmax(np.abs(num.to_numpy()), initial=1.0)) if num.size else 1.0
        for ind in self.indicators:
            parts = [f"{ind}_{p}" for p in self.parts[:-1]]
            gap = (t[parts].sum(axis=1) - t[f"{ind}_total"]).abs().max()
            rows.append(identity_row(f"{ind}: " + " + ".join(self.parts[:-1]) + " = total", gap, scale=scale, rtol=1e-10))
        # total rows = sum of industry rows (per block)
        keys = [k for k in ("year", "region") if k in t.columns]
        cols = [c for c in t.columns if c.endswith(self.parts)]
        body = t[t["industry"] != TOTAL_LABEL]
        if self.multi_year:
            body = body[body["year"].astype(str) != TOTAL_LABEL]
        gap = 0.0
        blocks = body.groupby([t.loc[body.index, k].astype(str) for k in keys], sort=False) if keys else [((), body)]
        for key, part in blocks:
            key = key if isinstance(key, tuple) else (key,)
            m = t["industry"] == TOTAL_LABEL
            for k, v in zip(keys, key):
                m &= t[k].astype(str) == str(v)
            gap = max(gap, float((part[cols].sum() - t.loc[m, cols].iloc[0]).abs().max()))
        rows.append(identity_row("total row = sum over industries", gap, scale=scale, rtol=1e-10))
        if self.multi_year:
            yb = body.copy()
            gk = ["region", "industry"] if "region" in t.columns else ["industry"]
            s = yb.groupby(gk, sort=False)[cols].sum()
            tot = t[(t["year"].astype(str) == TOTAL_LABEL) & (t["industry"] != TOTAL_LABEL)].set_index(gk)[cols]
            g = float((s - tot.reindex(s.index)).abs().max().max())
            rows.append(identity_row("total block = sum over years", g, scale=scale, rtol=1e-10))
        rows.append(identity_row("(I - A) x_typeI = shock", self.residual, scale=self.residual_scale, rtol=1e-9))
        if self.regional_effects is not None:
            e = self.regional_effects
            g = float((e["intraregional"] + e["feedback"] + e["spillover"] - e["total"]).abs().max())
            rows.append(identity_row("intraregional + feedback + spillover = total", g, scale=scale, rtol=1e-10))
        return rows

    def _summary_lines(self) -> list[str]:
        u = f" {self.unit}" if self.unit else ""
        shock_total = float(self.shock["final_demand"].sum())
        lines = [f"Type {self.type} effects of a final-demand shock of {shock_total:,.6g}{u}"
                 + (f" in {self.region}" if self.region else "") + (f" ({self.name})" if self.name else "")]
        agg = self.aggregate()
        for ind in self.indicators:
            parts = ", ".join(f"{p} {agg[f'{ind}_{p}']:,.6g}" for p in self.parts)
            lines.append(f"  {ind}: {parts}")
        if agg["output_direct"]:
            lines.append(f"  output multiplier of the shock: {agg['output_multiplier']:.4f}")
        if self.regional_effects is not None:
            e = self.regional_effects
            last = e.iloc[-1]
            lines.append(
                f"  output in {self.region}: intraregional {last['intraregional']:,.6g}, feedback {last['feedback']:,.6g}; "
                f"spillover to {self.rest} {last['spillover']:,.6g} ({last['spillover_share_pct']:.1f} % of the total)"
            )
        lines += [f"  note: {n}" for n in self.notes]
        return lines


# ------------------------------------------------------------------------- compute
def _coefficients(t: IOTable) -> pd.DataFrame:
    d = direct_coefficients(t)
    d.insert(0, "output", 1.0)
    return d[[c for c in IMPACT_INDICATORS if c in d.columns]]


def _block(industries, d: np.ndarray, names, direct_out, x1, x2) -> dict:
    """Columns of one block: per indicator direct/indirect/(induced)/total."""
    cols: dict[str, np.ndarray] = {}
    for k, ind in enumerate(names):
        dk = d[:, k]
        cols[f"{ind}_direct"] = dk * direct_out
        cols[f"{ind}_indirect"] = dk * (x1 - direct_out)
        if x2 is not None:
            cols[f"{ind}_induced"] = dk * (x2 - x1)
            cols[f"{ind}_total"] = dk * x2
        else:
            cols[f"{ind}_total"] = dk * x1
    return cols


def _frame_block(industries, cols: dict, extra: dict) -> pd.DataFrame:
    df = pd.DataFrame(cols)
    df.insert(0, "industry", list(industries))
    tot = df.drop(columns="industry").sum().to_frame().T
    tot.insert(0, "industry", TOTAL_LABEL)
    df = pd.concat([df, tot], ignore_index=True)
    for i, (k, v) in enumerate(extra.items()):
        df.insert(i, k, v)
    return df


def impact(table: IOTable, shock: pd.Series | pd.DataFrame | Mapping[str, float] | ArrayLike, *, type: str = "I", household_income: str | float="compensation") -> ImpactResult:
    r"""Direct, indirect and induced effects of a change in final demand.

    Parameters
    ----------
    table : IOTable
        National or regional table (e.g. ``regionalize(...).io_table``).
    shock : Series, mapping, array or DataFrame
        Change in final demand by industry, in the table's unit; a DataFrame has columns
        ``industry``, ``final_demand`` and optionally ``year`` (one block per year and a
        total block). Industries not named have no change.
    type : {"I", "II"}
        ``"I"``: households exogenous (direct + indirect); ``"II"``: households
        endogenous (adds the induced effect of household spending; needs the
        compensation row and the household column, see
        :func:`~valuechain.leontief.closed_model`).
    household_income : "compensation" or float
        Type II: total household income that scales household consumption (default:
        total compensation of employees).

    Returns
    -------
    ImpactResult

    Raises
    ------
    ValidationError
        If the shock names an unknown industry or has non-finite values, or Type II lacks
        the compensation row or the household column.
    NotProductiveError
        If the (closed) model is not productive.

    Notes
    -----
    .. math::

        x^{I} = (I - A)^{-1} \Delta y, \qquad
        \begin{pmatrix} x^{II} \\ x_{n+1} \end{pmatrix}
            = (I - \bar A)^{-1} \begin{pmatrix} \Delta y \\ 0 \end{pmatrix}

    and for each indicator with direct coefficients :math:`d`: direct :math:`d \circ
    \Delta y`, indirect :math:`d \circ (x^I - \Delta y)`, induced :math:`d \circ (x^{II}
    - x^I)`. The income total under Type II sums to the household row :math:`x_{n+1}`.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, eq. (2.12) and ch. 6 (Type I and Type II effects).

    Examples
    --------
    Miller & Blair (2009, sec. 2.3): :math:`A = [[.15, .25], [.20, .05]]`, a new final
    demand of (600, 1500) needs output :math:`(1247.52, 1841.58)`:

    >>> import pandas as pd
    >>> from valuechain.tables import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]],
    ...                         industries=["1", "2"])
    >>> r = impact(t, pd.Series({"1": 600.0, "2": 1500.0}))
    >>> r.table[["industry", "output_direct", "output_indirect", "output_total"]].round(2)
      industry  output_direct  output_indirect  output_total
    0        1          600.0           647.52       1247.52
    1        2         1500.0           341.58       1841.58
    2    total         2100.0           989.11       3089.11
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"impact needs an IOTable (valuechain.read_table or IOTable.from_frames), got {table.__class__.__name__}")
    typ = str(type).upper()
    if typ not in ("I", "II"):
        raise ValidationError(f"type={type!r}; use 'I' (direct + indirect) or 'II' (adds the induced effect)")
    sf = shock_frame(shock, table.industries)
    coef = _coefficients(table)
    names = tuple(coef.columns)
    d = coef.to_numpy()
    A = table.A.to_numpy()
    n = table.n
    Ab = None
    if typ == "II":
        Ab = closed_model(table, household_income=household_income).to_numpy()
    blocks = []
    resid, rscale = 0.0, 1.0
    per_year = _vectors(sf, table.industries)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused below (check_finite_effects)
        for y, dy in per_year:
            x1 = leontief_solve(A, dy, check=False)
            resid = max(resid, float(np.abs(dy - (x1 - A @ x1)).max(initial=0.0)))
            rscale = max(rscale, float(np.abs(x1).max(initial=0.0)))
            x2 = None
            if Ab is not None:
                x2 = leontief_solve(Ab, np.concatenate([dy, [0.0]]), check=True)[:n]
            cols = _block(table.industries, d, names, dy, x1, x2)
            blocks.append((y, cols))
        frames = []
        multi = len(per_year) > 1 or per_year[0][0] is not None
        for y, cols in blocks:
            frames.append(_frame_block(table.industries, cols, {"year": str(y)} if multi else {}))
        if multi:
            tot = {k: sum(c[k] for _, c in blocks) for k in blocks[0][1]}
            frames.append(_frame_block(table.industries, tot, {"year": TOTAL_LABEL}))
        df = pd.concat(frames, ignore_index=True)
    check_finite_effects(df, sf)
    return ImpactResult(
        table=df,
        type=typ,
        indicators=names,
        shock=sf,
        flags=tuple(table.flags),
        name=table.name,
        unit=table.unit,
        residual=resid,
        residual_scale=rscale,
    )

