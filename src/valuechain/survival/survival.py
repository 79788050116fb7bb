"""Export survival (Besedeš & Prusa 2006): spells, Kaplan-Meier curves, log-rank tests.

A *trade relationship* is an exporter x product x destination (``level="destination"``) or
an exporter x product (``level="product"``, summed over destinations). It is *active* in a
year when its value exceeds ``min_value``. A *spell* is a run of active years:

* gap rule (``max_gap``): ``0`` (default) -- any missing year ends a spell; ``1`` -- a
  single missing year is bridged (the spell continues and the gap year counts in its
  duration), as Besedeš & Prusa (2006) do in a robustness check;
* left-censoring (``left_censoring``): ``"drop"`` (default) leaves out spells already active
  in the first year of the data (their start is unknown); ``"keep"`` keeps them, flagged in
  the ``left_censored`` column;
* right-censoring: a spell still active in the last year of the data has an unobserved end
  (``event = 0``); every other spell ended (``event = 1``).

Spells are built in the engine (DuckDB, or Spark) with window functions (the
"gaps-and-islands" pattern) and aggregated to ``(group, duration, event, count)`` before
anything reaches pandas, so a 270-million-row panel never enters memory. The Kaplan-Meier
curves and the log-rank tests then run on the counts with lifelines using case weights;
this gives the same numbers as lifelines on one row per spell. The curves, tests and the
chart live in :mod:`valuechain.trade.kaplan_meier` (re-exported here).

Spells are built from the rows the caller selects: the CLI's ``survival --country KAZ``
selects the exporter before validating, so only that exporter's row groups of a
270-million-row panel are read (peak memory well under 2 GiB; see
``docs/complexity_survival.md``).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd

from ..errors import ValidationError
from .kaplan_meier import KaplanMeierAnalysis, SurvivalResult, kaplan_meier_chart, pairwise_logrank

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from ..trade.groups import Groups
    from typing import Sequence
    import os
    import ibis

__all__ = [
    "spells",
    "spell_counts",
    "KaplanMeierAnalysis",
    "SurvivalResult",
    "pairwise_logrank",
    "kaplan_meier_chart",
    "survival_analysis",
    "spell_histogram",
    "exporter_batches",
]

_LEVELS = {"destination": ("exporter", "product", "importer"), "product": ("exporter", "product")}

def _table(flows):
    from ..tables.trade.flows import flows_table

    return flows_table(flows)


def _execute(expr) -> Any:
    from ..tables.trade.engine import backend_of

    return backend_of(expr).execute(expr)


def spells(
    flows: pd.DataFrame | ibis.Table | str | os.PathLike,
    *,
    level: str = "destination",
    max_gap: int = 0,
    left_censoring: str = "drop",
    min_value: float = 0.0,
    exporters: str | Sequence[str] | None=None,
    years: tuple[int, int] | None = None,
) -> ibis.Table:
    r"""Trade-relationship spells, built lazily in the engine (gaps and islands).

    Parameters
    ----------
    flows : DataFrame, ibis Table or path
        Flows in the schema (``year, exporter, product, value`` and, for
        ``level="destination"``, ``importer``).
    level : {"destination", "product"}
        ``"destination"``: exporter x product x importer; ``"product"``: exporter x product
        (values summed over importers; use it for exporter x product "to the world" data).
    max_gap : int
        Longest run of missing years that does *not* end a spell (0: any gap ends it).
    left_censoring : {"drop", "keep"}
        Spells active in the first year of the data: left out (default) or kept with
        ``left_censored = True``.
    min_value : float
        A relationship is active in a year when its value is above this (default 0).
    exporters : str or list of str, optional
        Keep only these exporters (ISO3).
    years : (first, last), optional
        Restrict to this range; it then defines the first and last year for censoring.

    Returns
    -------
    ibis Table
        One row per spell: the key columns, ``start``, ``end``, ``duration`` (years,
        ``end - start + 1``), ``event`` (1 ended, 0 right-censored), ``left_censored``,
        ``first_year``, ``last_year``.

    Raises
    ------
    ValidationError
        If the flows lack a schema column or an option is invalid.

    Notes
    -----
    With :math:`y_1 < y_2 < \dots` the active years of one relationship, a new spell
    starts at :math:`y_i` when :math:`y_i - y_{i-1} > 1 + g` (``g = max_gap``); the spell
    number is the running sum of those starts over a window ordered by year. For ``g = 0``
    the cheaper island key :math:`y_i - i` (row number) is used. Duration
    :math:`T = y_{end} - y_{start} + 1`; event :math:`\delta = 1[y_{end} < Y_{last}]`.

    References
    ----------
    .. [1] Besedeš, T. and Prusa, T. J. (2006). Ins, outs, and the duration of trade. *Canadian Journal of Economics* 39(1), 266-295, sec. 2 (spells, censoring, one-year gaps).

    Examples
    --------
    The CHN relationship starts in the first year (2000) and is left out; RUS runs
    2001-2003 to the last year (right-censored); DEU lasts one year and ends.

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> sp = spells(flows).to_pandas()
    >>> sp[["importer", "start", "end", "duration", "event"]].sort_values("importer").reset_index(drop=True)
      importer  start   end  duration  event
    0      DEU   2001  2001         1      1
    1      RUS   2001  2003         3      0
    """
    import ibis

    _check_rules(level, left_censoring, max_gap)
    t, first, last = _span(_table(flows), level, exporters, years)
    keys = list(_LEVELS[level])
    act = t.group_by(["year", *keys]).aggregate(value=t.value.sum())
    act = act.filter(act.value > min_value).select("year", *keys)
    w = ibis.window(group_by=keys, order_by="year")
    if max_gap == 0:
        act = act.mutate(rn=ibis.row_number().over(w))
        act = act.mutate(spell=act.year - act.rn)
    else:
        prev = act.year.lag().over(w)
        act = act.mutate(new=ibis.ifelse(prev.isnull() | (act.year - prev > 1 + int(max_gap)), 1, 0))
        cum = ibis.window(group_by=keys, order_by="year", rows=(None, 0))
        act = act.mutate(spell=act.new.sum().over(cum))
    s = act.group_by([*keys, "spell"]).aggregate(start=act.year.min(), end=act.year.max())
    s = s.mutate(
        duration=(s.end - s.start + 1).cast("int64"),
        event=ibis.ifelse(s.end < last, 1, 0).cast("int64"),
        left_censored=s.start <= first,
        first_year=ibis.literal(first, "int64"),
        last_year=ibis.literal(last, "int64"),
    )
    if left_censoring == "drop":
        s = s.filter(~s.left_censored)
    return s.drop("spell")


def spell_counts(
    spell_table: ibis.Table,
    *,
    by: str | None = None,
    groups: Groups | None=None,
    period_break: int = 2010,
) -> pd.DataFrame:
    """Aggregate spells to ``(group, duration, event, count)`` in the engine.

    Parameters
    ----------
    spell_table : ibis Table
        From :func:`spells`.
    by : {None, "exporter", "sector", "destination", "importer", "period"}
        ``None``: one group ``all``. ``"sector"``: the product's sector and
        ``"destination"``: the importer's destination group, both from ``groups`` (a
        :class:`~valuechain.trade.groups.Groups`; default the seed's groups:
        Oil and gas / Metals / Minerals / Cereals / Vegetable / Foodstuffs / Other and
        EU / China / EEU / CIS* / ASEAN / USA / ROW; :func:`~valuechain.trade.groups.hs_sections`
        gives the 21 HS sections). ``"importer"``: each destination country.
        ``"period"``: the spell's start year, ``"<period_break"`` or ``">=period_break"``.
    groups : Groups, optional
        Sector and destination definitions (see above).
    period_break : int
        First year of the second period (default 2010).

    Returns
    -------
    DataFrame
        ``group, duration, event, count``.

    References
    ----------
    .. [1] Besedeš, T. and Prusa, T. J. (2006). Ins, outs, and the duration of trade. *Canadian Journal of Economics* 39(1), 266-295, sec. 2 (spells, censoring, one-year gaps).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> spell_counts(spells(flows))
      group  duration  event  count
    0   all         1      1      1
    1   all         3      0      1
    """
    import ibis

    s = spell_table
    if by == "period":
        s = s.mutate(group=ibis.ifelse(s.start < int(period_break), f"<{int(period_break)}", f">={int(period_break)}"))
    else:
        s = _add_group(s, by, groups)
    agg = s.group_by(["group", "duration", "event"]).aggregate(count=s.count())
    out = _execute(agg)
    out = out.astype({"group": str, "duration": "int64", "event": "int64", "count": "int64"})
    return out.sort_values(["group", "duration", "event"]).reset_index(drop=True)


def _span(t, level: str, exporters, years):
    """(filtered table, first year, last year) with the checks shared by both spell builders."""
    if exporters is not None:
        ex = [exporters] if isinstance(exporters, str) else list(exporters)
        t = t.filter(t.exporter.isin(ex))
    if years is not None:
        t = t.filter((t.year >= int(years[0])) & (t.year <= int(years[1])))
    if level == "destination":
        span = _execute(t.aggregate(lo=t.year.min(), hi=t.year.max(), n_imp=t.importer.count()))
    else:
        span = _execute(t.aggregate(lo=t.year.min(), hi=t.year.max()))
    lo, hi = span["lo"].iloc[0], span["hi"].iloc[0]
    if pd.isna(lo):
        who = f" for {exporters}" if exporters is not None else ""
        raise ValidationError(f"no flows{who}" + (f" in {years[0]}-{years[1]}" if years else "") + "; check the country code and the year range")
    if level == "destination":
        if int(span["n_imp"].iloc[0]) == 0:
            raise ValidationError("these flows have no importer (exporter x product data); "
                                  "use level='product' (CLI: --level product) for exporter x product spells")
        t = t.filter(t.importer.notnull())  # rows "to the world" have no destination
    first = int(years[0]) if years is not None else int(lo)
    last = int(years[1]) if years is not None else int(hi)
    return t, first, last


def _check_rules(level, left_censoring, max_gap):
    if level not in _LEVELS:
        raise ValidationError(f"level={level!r} is not known; use 'destination' (exporter x product x importer) or 'product'")
    if left_censoring not in ("drop", "keep"):
        raise ValidationError(f"left_censoring={left_censoring!r} is not known; use 'drop' or 'keep'")
    if not isinstance(max_gap, (int, np.integer)) or max_gap < 0:
        raise ValidationError(f"max_gap={max_gap!r} must be a whole number of years >= 0 (0: any gap ends a spell)")


def _add_group(s, by, groups):
    import ibis

    if by is None or by == "period":
        return s.mutate(group=ibis.literal("all"))
    if by == "exporter":
        return s.mutate(group=s.exporter)
    if by in ("sector", "destination", "importer"):
        from ..trade.groups import DEFAULT_GROUPS, assign_destination, assign_sector

        if by != "sector" and "importer" not in s.columns:
            raise ValidationError(f"--by {by} needs bilateral flows (an importer column); these spells are exporter x product only")
        if by == "sector":
            return assign_sector(s, groups or DEFAULT_GROUPS, into="group")
        if by == "destination":
            return assign_destination(s, groups or DEFAULT_GROUPS, into="group")
        return s.mutate(group=s.importer)
    raise ValidationError(f"by={by!r} is not known; use exporter, sector, destination, importer or period")


def spell_histogram(
    flows: pd.DataFrame | ibis.Table | str | os.PathLike,
    *,
    by: str | None = None,
    level: str = "destination",
    max_gap: int = 0,
    left_censoring: str = "drop",
    min_value: float = 0.0,
    exporters: str | Sequence[str] | None=None,
    years: tuple[int, int] | None = None,
    groups: Groups | None=None,
    period_break: int = 2010,
    batch_rows: int | None = 30_000_000,
) -> pd.DataFrame:
    r"""``(group, duration, event, count)`` straight from the flows, without a spell table.

    The same numbers as ``spell_counts(spells(flows, ...), by=...)`` (checked in the
    tests) by a faster route for long panels: the engine reduces every relationship to a
    bit mask of its active years with one hash aggregation,

    .. math:: m_r = \bigvee_{t:\,v_{rt} > v_{min}} 2^{\,t - Y_{first}}

    and counts the relationships by (group, mask); the spells of each distinct mask are then
    decoded with vectorised bit operations (one pass per year: starts
    :math:`m \wedge \neg(m \ll 1)`, run lengths from the lowest zero bit of
    :math:`m \gg t`; gaps of at most ``max_gap`` years are filled first). Needs at most 62
    years.

    Memory is bounded whatever the panel size: the relationships are keyed by exporter, so
    the exporters are processed in batches of at most ``batch_rows`` rows (one engine query
    each; panels sorted by exporter, like BACI-size Parquet from
    :mod:`valuechain.trade.synthetic`, read only each batch's row groups) and the decoded
    histograms are summed. ``batch_rows=None`` runs one query.

    Parameters
    ----------
    flows : DataFrame, ibis Table or path
        Flows in the schema (``year, exporter, product, value`` and, for
        ``level="destination"``, ``importer``).
    by : {None, "exporter", "sector", "destination", "importer", "period"}
        Grouping of the curves, as in :func:`spell_counts`.
    level : {"destination", "product"}
        Relationship: exporter x product x importer, or exporter x product.
    max_gap : int
        Longest run of missing years that does not end a spell (0: any gap ends it).
    left_censoring : {"drop", "keep"}
        Spells active in the first year of the data: left out (default) or kept.
    min_value : float
        A relationship is active in a year when its value is above this (default 0).
    exporters : str or list of str, optional
        Keep only these exporters (ISO3).
    years : (first, last), optional
        Restrict to this range; it then defines the first and last year for censoring.
    groups : Groups, optional
        Sector and destination definitions (default: the seed's groups).
    period_break : int
        First year of the second period for ``by="period"`` (default 2010).
    batch_rows : int or None, default 30,000,000
        Most rows per engine query (exporters are batched); ``None``: one query.

    Returns
    -------
    DataFrame
        ``group, duration, event, count`` (duration in years).

    Raises
    ------
    ValidationError
        If the flows lack a schema column, span more than 62 years, or an option is invalid.

    References
    ----------
    .. [1] Besedeš, T. and Prusa, T. J. (2006). Ins, outs, and the duration of trade. *Canadian Journal of Economics* 39(1), 266-295, sec. 2 (spells, censoring, one-year gaps).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> spell_histogram(flows)
      group  duration  event  count
    0   all         1      1      1
    1   all         3      0      1
    """
    import ibis

    _check_rules(level, left_censoring, max_gap)
    t, first, last = _span(_table(flows), level, exporters, years)
    T = last - first + 1
    if T > 62:
        raise ValidationError(f"{T} years do not fit the bit-mask spell builder (62 at most); use spell_counts(spells(...))")
    keys = list(_LEVELS[level])
    parts = []
    for batch in exporter_batches(t, batch_rows):
        tb = t if batch is None else t.filter(t.exporter.isin(batch))
        if level == "product" and min_value > 0:
            tb = tb.group_by(["year", *keys]).aggregate(value=tb.value.sum())
        tb = tb.filter(tb.value > min_value)
        bit = ibis.literal(1, "int64") << (tb.year - first).cast("int64")
        m = tb.group_by(keys).aggregate(mask=bit.bit_or())
        m = _add_group(m, by, groups)
        h = m.group_by(["group", "mask"]).aggregate(count=m.count())
        hp = _execute(h)
        parts.append(_decode_masks(hp["group"].astype(str).to_numpy(), hp["mask"].to_numpy(np.int64),
                                   hp["count"].to_numpy(np.int64), T=T, first=first, max_gap=int(max_gap),
                                   left_censoring=left_censoring, period_break=int(period_break) if by == "period" else None))
    if len(parts) == 1:
        return parts[0]
    out = pd.concat(parts, ignore_index=True).groupby(["group", "duration", "event"], as_index=False)["count"].sum()
    return out.sort_values(["group", "duration", "event"]).reset_index(drop=True)


def exporter_batches(t: ibis.Table, batch_rows: int | None) -> list:
    """Exporter lists of at most ``batch_rows`` rows each (``[None]``: one batch of everything).

    One cheap query (rows per exporter) decides; a single exporter larger than
    ``batch_rows`` makes a batch of its own. Used to keep memory bounded on full panels.

    Parameters
    ----------
    t : ibis Table
        Flows with an ``exporter`` column.
    batch_rows : int or None
        Most rows per batch; ``None``: one batch.

    Returns
    -------
    list
        Lists of exporters, or ``[None]`` for one batch of everything.

    Examples
    --------
    >>> import ibis, pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2001], "exporter": ["A", "A", "B"],
    ...                       "importer": "X", "product": "1", "value": 1.0})
    >>> t = ibis.duckdb.connect().create_table("flows", flows)
    >>> exporter_batches(t, 2), exporter_batches(t, None)
    ([['A'], ['B']], [None])
    """
    if batch_rows is None:
        return [None]
    n = _execute(t.group_by("exporter").aggregate(n=t.count()))
    if n.empty or int(n["n"].sum()) <= batch_rows:
        return [None]
    batches, cur, size = [], [], 0
    for ex, k in sorted(zip(n["exporter"].astype(str), n["n"].astype(int))):
        if cur and size + k > batch_rows:
            batches.append(cur)
            cur, size = [], 0
        cur.append(ex)
        size += k
    if cur:
        batches.append(cur)
    return batches


def _decode_masks(group, mask, count, *, T, first, max_gap, left_censoring, period_break):
    m = mask.astype(np.uint64)
    one = np.uint64(1)
    filled = m.copy()
    for L in range(1, max_gap + 1):  # bridge zero runs of length <= max_gap between active years
        both = m & (m >> np.uint64(L + 1))
        for k in range(1, L + 1):
            filled |= both << np.uint64(k)
    F = filled & np.uint64((1 << T) - 1)
    starts = F & ~(F << one)
    if period_break is not None:
        labels = np.array([f"<{period_break}", f">={period_break}"], dtype=object)
    else:
        gcode, labels = pd.factorize(group)
        labels = np.asarray(labels, dtype=object)
    K = len(labels) * (T + 1) * 2
    hist = np.zeros(K)  # (group, duration, event) histogram, accumulated year by year
    for t in range(T):  # one vectorised pass per year of the panel
        if t == 0 and left_censoring == "drop":
            continue
        st = ((starts >> np.uint64(t)) & one).astype(bool)
        if not st.any():
            continue
        x = F[st] >> np.uint64(t)
        low_zero = ~x & (x + one)  # lowest zero bit of x: 2**run_length
        run = np.frexp(low_zero.astype(np.float64))[1].astype(np.int64) - 1
        event = (t + run - 1 < T - 1).astype(np.int64)
        if period_break is not None:
            g = np.full(run.size, 0 if first + t < period_break else 1, dtype=np.int64)
        else:
            g = gcode[st]
        hist += np.bincount((g * (T + 1) + run) * 2 + event, weights=count[st], minlength=K)
    nz = np.nonzero(hist)[0]
    res = pd.DataFrame({"group": labels[nz // (2 * (T + 1))].astype(str), "duration": (nz // 2) % (T + 1),
                        "event": nz % 2, "count": np.rint(hist[nz]).astype(np.int64)})
    return res.sort_values(["group", "duration", "event"]).reset_index(drop=True)


def survival_analysis(
    flows: pd.DataFrame | ibis.Table | str | os.PathLike,
    *,
    by: str | None = None,
    level: str = "destination",
    max_gap: int = 0,
    left_censoring: str = "drop",
    min_value: float = 0.0,
    exporters: str | Sequence[str] | None=None,
    years: tuple[int, int] | None=None,
    groups: Groups | None=None,
    period_break: int = 2010,
    alpha: float = 0.05,
    pairwise: bool = True,
    progress: Callable[[str], None] | None = None,
    method: str = "bitmask",
) -> SurvivalResult:
    r"""Spells -> counts -> Kaplan-Meier and log-rank, in one call.

    ``method="bitmask"`` (default) counts the spells with :func:`spell_histogram`,
    ``"window"`` builds the spell table with window functions (:func:`spells`) and counts
    it (:func:`spell_counts`); both give the same counts.

    Parameters
    ----------
    flows : DataFrame, ibis Table or path
        Flows in the schema (``year, exporter, product, value`` and, for
        ``level="destination"``, ``importer``).
    by : {None, "exporter", "sector", "destination", "importer", "period"}
        Grouping of the curves, as in :func:`spell_counts`.
    level : {"destination", "product"}
        Relationship: exporter x product x importer, or exporter x product.
    max_gap : int
        Longest run of missing years that does not end a spell (0: any gap ends it).
    left_censoring : {"drop", "keep"}
        Spells active in the first year of the data: left out (default) or kept.
    min_value : float
        A relationship is active in a year when its value is above this (default 0).
    exporters : str or list of str, optional
        Keep only these exporters (ISO3).
    years : (first, last), optional
        Restrict to this range; it then defines the first and last year for censoring.
    groups : Groups, optional
        Sector and destination definitions (default: the seed's groups).
    period_break : int
        First year of the second period for ``by="period"`` (default 2010).
    alpha : float, default 0.05
        1 - confidence level of the bands.
    pairwise : bool, default True
        Also test every pair of groups.
    progress : callable, optional
        Called with a message at each stage.
    method : {"bitmask", "window"}
        How the spells are counted (same numbers).

    Returns
    -------
    SurvivalResult
        Curves, medians, log-rank tests and the counts.

    Raises
    ------
    ValidationError
        If the flows lack a schema column, no spell remains, or an option is invalid.

    Notes
    -----
    Kaplan-Meier estimator with :math:`d_t` spells ending at duration :math:`t` and
    :math:`n_t` at risk:

    .. math:: \hat S(t) = \prod_{t_i \le t} \left(1 - \frac{d_{t_i}}{n_{t_i}}\right)

    References
    ----------
    .. [1] Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. *Journal of the American Statistical Association* 53(282), 457-481.
    .. [2] Besedeš, T. and Prusa, T. J. (2006). Ins, outs, and the duration of trade. *Canadian Journal of Economics* 39(1), 266-295, sec. 2 (spells, censoring, one-year gaps).

    Examples
    --------
    By hand: two spells, one ends after 1 year: :math:`S(1) = 1 - 1/2 = 0.5`.

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2002, 2001, 2002, 2003, 2001],
    ...                       "exporter": "KAZ", "product": "010101", "value": 1.0,
    ...                       "importer": ["CHN", "CHN", "CHN", "RUS", "RUS", "RUS", "DEU"]})
    >>> res = survival_analysis(flows)
    >>> res.table[["group", "time", "survival", "at_risk"]]
      group  time  survival  at_risk
    0   all     0       1.0        2
    1   all     1       0.5        2
    2   all     3       0.5        1
    """
    if progress:
        progress("building spells")
    if method == "bitmask":
        counts = spell_histogram(flows, by=by, level=level, max_gap=max_gap, left_censoring=left_censoring,
                                 min_value=min_value, exporters=exporters, years=years, groups=groups,
                                 period_break=period_break)
    elif method == "window":
        s = spells(flows, level=level, max_gap=max_gap, left_censoring=left_censoring, min_value=min_value,
                   exporters=exporters, years=years)
        counts = spell_counts(s, by=by, groups=groups, period_break=period_break)
    else:
        raise ValidationError(f"method={method!r} is not known; use 'bitmask' or 'window'")
    if progress:
        progress("Kaplan-Meier and log-rank")
    from ..tables.trade.flows import is_synthetic

    flags = ("synthetic",) if is_synthetic(flows) else ()
    res = KaplanMeierAnalysis(alpha=alpha, pairwise=pairwise).fit(counts, flags=flags).result_
    res.meta.update(level=level, max_gap=max_gap, left_censoring=left_censoring, by=by)
    return res

