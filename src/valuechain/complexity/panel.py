r"""Complexity for every year of a panel from ONE aggregation of the flows in the engine.

``valuechain complexity`` used to scan a panel five times (the validation with its
four-key duplicate check, the input check, the RCA table of :func:`economic_complexity`,
the RCA table again for the product space, the world totals) and to format its largest
CSV file in Python. This module does it in one pass:

1. **One engine query**: ``group by year, exporter, product`` giving the positive export
   value :math:`x_{cpt} = \sum_{i} x_{cipt}` (summed over importers) and, in the same
   aggregation, the checks that :func:`valuechain.trade.schema.validate_flows` makes with
   extra full scans: the row rules of :mod:`valuechain.tables.trade.checks` (a negative,
   missing or infinite value, an implausible or fractional year, a blank code), unknown
   country codes and duplicated ``(year, exporter, importer, product)`` keys (the command
   reads its flows unvalidated: this is their only check). On DuckDB the query of
   :func:`valuechain.complexity.panelio.duckdb_aggregate` (value checks by count, min and max;
   the keys checked once per group; repeated importers by one ``bitstring_agg`` over an
   ``ENUM`` of the importer codes; exporter and product returned as ``ENUM`` codes). On other
   engines (Spark) the same checks written in Ibis: each importer gets an integer id
   :math:`j`, and within each 62-id chunk of a group the engine sums :math:`2^{j \bmod 62}`
   (:func:`valuechain.tables.trade.keys.key_bits`); a sum of :math:`n` powers of two has
   exactly :math:`n` set bits if and only if they are distinct (any repeat carries), so a
   group has a duplicate iff its row count exceeds the set bits of its chunk sums (or a
   chunk sum reaches :math:`2^{62}`). When any check fails the full validation runs and
   raises its usual message.
2. **RCA and Mcp in memory** from that table with integer codes (``bincount`` sums by
   year x exporter, year x product, year), the same formula as
   :func:`valuechain.trade.rca.rca_expr`; the world totals are the panel's own or those
   given.
3. **ECI/PCI, fitness, density, distance, COI and COG** from that single table:
   :func:`~valuechain.trade.complexity.complexity_from_mcp` (all years batched),
   :func:`~valuechain.trade.fitness.fitness_from_mcp` and
   :func:`~valuechain.trade.productspace.product_space_from_values` (one year's
   country x product matrix at a time; when the opportunities are streamed, two years at a
   time on two threads by :func:`~valuechain.complexity.panelio.ordered_map`, each year whole
   on one thread, so the numbers are a serial run's bit for bit).

The results are those of :func:`~valuechain.trade.complexity.economic_complexity` and
:func:`~valuechain.trade.productspace.product_space` on the same flows (the same pairs, the
same formulas; sums in another order, so equal to rounding, ~1e-15 relative).
:func:`write_csv_engine` (:mod:`valuechain.complexity.panelio`) writes a large table with
DuckDB's CSV writer, byte for byte what :func:`valuechain._files.write_csv` writes with
``float_format="%.10g"``; the opportunities are streamed by
:func:`~valuechain.complexity.panelio.write_batches` in the same bytes.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin
from .panelio import duckdb_aggregate, ordered_map, write_batches, write_csv_engine

__all__ = ["PanelComplexity", "aggregate_panel", "panel_rca", "complexity_panel", "write_csv_engine"]

def _codes(t, con) -> list[str]:
    """Every importer code of ``t`` (one small query of one column), sorted; the exporter codes
    come out of the aggregation itself."""
    u = t.select(code=t.importer).distinct()
    return sorted(str(c) for c in con.execute(u)["code"].dropna().tolist())


def aggregate_panel(flows: Any, *, years=None, check: bool = True, con=None) -> pd.DataFrame:
    """Exports by ``year, exporter, product`` (summed over importers) in one engine query.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    years : sequence of int, optional
        Keep these years (default: all).
    check : bool
        Check, in the same aggregation, what :func:`valuechain.tables.trade.schema.validate_flows`
        checks (negative, missing or infinite values, missing, implausible or fractional
        years, blank codes, duplicated keys, unknown country codes); on a failure that
        function runs and raises its message.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    DataFrame ``year, exporter, product, value`` with one row per triple with positive
    exports (``exporter`` and ``product`` as pandas categoricals with sorted categories), the
    rows in the order the engine returns them (sort them when the order matters).

    Raises
    ------
    ValidationError
        If the flows lack a column or fail a check (with ``check``).

    Notes
    -----
    .. math:: x_{cpt} = \\sum_i x_{cipt}\\,\\mathbf 1[x_{cipt} > 0]

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["010110", "020110", "010110", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> aggregate_panel(flows).sort_values(["exporter", "product"], ignore_index=True)  # rows in the engine's order
       year exporter product  value
    0  2000      CHN  030110    4.0
    1  2000      KAZ  010110    5.0
    2  2000      KAZ  020110    3.0
    3  2000      RUS  010110    4.0
    """
    from ..tables.trade.engine import backend_of
    from ..tables.trade.flows import flows_table
    from ..tables.trade.schema import check_country_codes, conform_table, validate_flows

    t = flows_table(flows, con=con)
    missing = [c for c in ("year", "exporter", "product", "value") if c not in t.columns]
    if missing:
        raise ValidationError(f"flows lack the column(s) {', '.join(missing)}; they need year, exporter, product, value")
    t = conform_table(t)
    be = backend_of(t)
    if years is not None:  # rows of other years feed no number; a missing or fractional year is kept (refused)
        t = t.filter(t.year.isin([int(y) for y in years]) | t.year.isnull())
    if be.name == "duckdb" and hasattr(be, "con"):
        # one query with cheaper aggregates, one bit test, codes as integers (panelio.duckdb_aggregate)
        reader, found = duckdb_aggregate(be, t, check=check)
        codes, exporters = found["importer"], found["exporter"]
        df, n_rows, n_bad = _collect_coded(reader, found["exporter"], found["product"], check)
    else:
        codes = _codes(t, be) if check else []
        df, n_rows, n_bad, exporters = _collect(_ibis_batches(t, be, codes, check), check)
    if check:
        if n_rows == 0 and not _has_rows(t, be):
            validate_flows(flows_table(flows, con=con))
        if n_bad > 0:
            validate_flows(flows_table(flows, con=con))  # raises the problem's own message
            raise ValidationError("the flows failed a check (negative, missing or duplicated rows); "
                                  "run valuechain.tables.trade.schema.validate_flows on them for details")
        check_country_codes(sorted(set(codes) | set(exporters)))  # after the row rules, as validate_flows
    return df


def _ibis_batches(t, be, codes: list[str], check: bool):
    """The aggregation of :func:`aggregate_panel` written in Ibis (Spark; any engine): record batches of
    ``year, exporter, product, value[, problems]``."""
    import ibis

    from ..tables.trade.checks import any_problem
    from ..tables.trade.keys import duplicate_excess, key_bits

    v = t.value
    aggs = {"value": v.sum(where=v > 0)}
    if check:
        # the exact repeated-key test of tables/trade/keys.py, on the data's own importer codes
        # (exact for every code; a missing importer gets the shared bit)
        t, kaggs, nchunk = key_bits(t, "importer", codes=codes)
        aggs.update(kaggs)
        # the row rules of valuechain.tables.trade.checks (finite, >= 0, plausible year, non-blank codes)
        aggs["bad"] = ibis.ifelse(any_problem(t), 1, 0).sum()
    g = t.group_by(["year", "exporter", "product"]).aggregate(**aggs)
    if check:
        g = g.select("year", "exporter", "product", "value", problems=duplicate_excess(g, nchunk) + g.bad)
    return be.to_pyarrow(g).to_batches()


def _collect(batches, check: bool):
    """Record batches of ``year, exporter, product, value[, problems]`` -> (frame of the rows with a
    positive value, codes as categoricals of sorted labels; rows read; problems, counting a missing
    year as one; every exporter label)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids: dict[str, dict] = {"exporter": {}, "product": {}}
    parts: dict[str, list] = {"year": [], "value": [], "exporter": [], "product": []}
    n_rows = n_bad = 0
    for b in batches:
        n_rows += b.num_rows
        if check:
            n_bad += b.column("year").null_count + int(pc.sum(b.column("problems")).as_py() or 0)
        v = b.column("value")
        # rows with a positive value and a year (a missing year is a problem, counted above)
        keep = pc.fill_null(pc.and_(pc.greater(v, 0), pc.is_valid(b.column("year"))), False).to_numpy(zero_copy_only=False)
        for name in ("exporter", "product"):
            col = b.column(name)
            d = pc.dictionary_encode(col)
            lut = np.asarray([ids[name].setdefault(x, len(ids[name])) for x in d.dictionary.to_pylist()] + [-1],
                             dtype=np.int64)
            idx = pc.fill_null(d.indices, len(d.dictionary)).to_numpy(zero_copy_only=False)
            parts[name].append(lut[idx][keep].astype(np.int32))
        if keep.all():
            parts["value"].append(v.to_numpy(zero_copy_only=False))
            parts["year"].append(b.column("year").to_numpy(zero_copy_only=False))
        else:
            parts["value"].append(v.to_numpy(zero_copy_only=False)[keep])
            yv = b.column("year")
            parts["year"].append(pc.filter(yv, pa.array(keep)).to_numpy(zero_copy_only=False))
    cols: dict = {}
    for name in ("year", "exporter", "product", "value"):
        arrs = parts[name]
        if name in ("exporter", "product"):
            labels = np.asarray(list(ids[name].keys()), dtype=object)
            order = np.argsort(labels.astype(str), kind="stable") if len(labels) else np.zeros(0, dtype=np.int64)
            rank = np.empty(len(order) + 1, dtype=np.int64)
            rank[order] = np.arange(len(order))
            rank[-1] = -1  # a missing label
            codes = np.concatenate(arrs) if arrs else np.zeros(0, dtype=np.int64)
            cols[name] = pd.Categorical.from_codes(rank[codes], categories=labels[order].astype(str))
        else:
            cols[name] = np.concatenate(arrs) if arrs else np.zeros(0, dtype=np.int64 if name == "year" else float)
    df = pd.DataFrame(cols)
    df["year"] = df["year"].astype("int64")
    exporters = [str(x) for x in ids["exporter"] if x is not None]
    return df, n_rows, n_bad, exporters


def _collect_coded(batches, exporters: list[str], products: list[str], check: bool):
    """Record batches of :func:`~valuechain.complexity.panelio.duckdb_aggregate` (codes as dictionary
    indices into the sorted ``exporters`` / ``products``) -> (frame of the rows with a positive value
    and a year, as :func:`_collect`; rows read; problems, counting a missing year as one)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts: dict[str, list] = {"year": [], "value": [], "exporter": [], "product": []}
    n_rows = n_bad = 0
    for b in batches:
        n_rows += b.num_rows
        yv = b.column("year")
        if check:
            n_bad += yv.null_count + int(pc.sum(b.column("problems")).as_py() or 0)
        v = b.column("value").to_numpy(zero_copy_only=False)  # a missing sum is NaN: not kept
        with np.errstate(invalid="ignore"):
            keep = v > 0
        if yv.null_count:
            keep &= yv.is_valid().to_numpy(zero_copy_only=False)
        y = pc.fill_null(yv, 0).to_numpy(zero_copy_only=False)
        for name in ("exporter", "product"):
            col = b.column(name)
            if pa.types.is_dictionary(col.type):
                idx = pc.fill_null(col.indices, 0).to_numpy(zero_copy_only=False)
            else:  # no code at all (every one missing: a problem)
                idx = np.zeros(b.num_rows, dtype=np.int32)
            parts[name].append(idx[keep].astype(np.int32, copy=False))
        parts["value"].append(v[keep])
        parts["year"].append(y[keep])
    cat = {"exporter": exporters, "product": products}
    cols: dict = {}
    for name in ("year", "exporter", "product", "value"):
        arrs = parts.pop(name)  # each column's pieces freed once joined
        if name in cat:
            codes = np.concatenate(arrs) if arrs else np.zeros(0, dtype=np.int32)
            cols[name] = pd.Categorical.from_codes(codes, categories=pd.Index(cat[name], dtype=object))
        else:
            cols[name] = np.concatenate(arrs) if arrs else np.zeros(0, dtype=np.int64 if name == "year" else float)
    df = pd.DataFrame(cols)
    df["year"] = df["year"].astype("int64")
    return df, n_rows, n_bad


def _has_rows(t, be) -> bool:
    return int(be.execute(t.limit(1).count())) > 0


def panel_rca(agg: pd.DataFrame, *, world: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    r"""Balassa RCA of every row of :func:`aggregate_panel`'s table, with integer sums.

    Parameters
    ----------
    agg : DataFrame
        ``year, exporter, product, value`` (positive values).
    world : DataFrame, optional
        World exports ``year, product, value``; default: the panel's own totals.

    Returns
    -------
    (values, world_totals) : ``agg`` with an ``rca`` column (rows whose product has no
        positive world total are dropped), and ``year, product, world``.

    Notes
    -----
    .. math:: RCA_{cpt} = \frac{x_{cpt} / \sum_p x_{cpt}}{W_{pt} / \sum_p W_{pt}}

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"year": 2000, "exporter": ["A", "A", "B"], "product": ["x", "y", "x"],
    ...                   "value": [1.0, 1.0, 2.0]})
    >>> panel_rca(a)[0]["rca"].round(4).tolist()   # A,x: (1/2)/(3/4); A,y: (1/2)/(1/4); B,x: 1/(3/4)
    [0.6667, 2.0, 1.3333]
    """
    yv = agg["year"].to_numpy(np.int64)
    years, yi = _year_index(yv)
    del yv
    ex = pd.Categorical(agg["exporter"])
    pr = pd.Categorical(agg["product"])
    nE, nP, nY = len(ex.categories), len(pr.categories), len(years)
    val = agg["value"].to_numpy(float)
    ie = yi * nE + ex.codes  # flat (year, exporter) and (year, product) cells
    xc = np.bincount(ie, weights=val, minlength=nY * nE)
    ip = yi * nP + pr.codes
    if world is None:
        wp = np.bincount(ip, weights=val, minlength=nY * nP)
        wt = pd.DataFrame({"year": np.repeat(years, nP), "product": np.tile(np.asarray(pr.categories, dtype=object), nY),
                           "world": wp})
        wt = wt[wp != 0].reset_index(drop=True)
        wy = np.bincount(np.arange(nY).repeat(nP), weights=wp, minlength=nY)
    else:
        w = world.groupby(["year", "product"], as_index=False, observed=True)["value"].sum()
        w["product"] = w["product"].astype(str)
        wt = w.rename(columns={"value": "world"})[["year", "product", "world"]]
        wy_s = wt.groupby("year")["world"].sum()
        wy = wy_s.reindex(years).to_numpy(float)
        key = pd.MultiIndex.from_arrays([wt["year"].to_numpy(np.int64), wt["product"].to_numpy()])
        pos = key.get_indexer(pd.MultiIndex.from_arrays([np.repeat(years, nP), np.tile(np.asarray(pr.categories, dtype=str), nY)]))
        wp = np.where(pos >= 0, wt["world"].to_numpy(float)[np.maximum(pos, 0)], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        wpr = wp[ip]
        del ip
        rca = xc[ie]
        del ie
        np.divide(val, rca, out=rca)  # (x_cp / X_c) / (W_p / W): the same two divisions, in place
        den = wy[yi]
        np.divide(wpr, den, out=den)
        rca /= den
        del den
    rca[~(wpr > 0)] = np.nan
    del wpr
    ok = np.isfinite(rca)
    # the frame's own columns (no copy of the table when every row has a world total)
    out = pd.DataFrame({c: agg[c] for c in agg.columns}, copy=False)
    out["rca"] = rca
    if ok.all():
        out.index = pd.RangeIndex(len(out))
    else:
        out = out[ok].reset_index(drop=True)
    return out, wt


def _year_index(yv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(yv, return_inverse=True)`` for integer years, by a table over their range (no sort)."""
    if len(yv) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.intp)
    lo, hi = int(yv.min()), int(yv.max())
    if hi - lo > 1_000_000:
        years, yi = np.unique(yv, return_inverse=True)
        return years, yi.astype(np.intp, copy=False)
    seen = np.bincount(yv - lo, minlength=hi - lo + 1) > 0
    rank = np.cumsum(seen) - 1
    return np.flatnonzero(seen).astype(np.int64) + lo, rank[yv - lo].astype(np.intp, copy=False)


@dataclass(frozen=True, eq=False)
class PanelComplexity(ResultMixin):
    """What ``valuechain complexity`` writes, from one aggregation of the panel.

    Built by :func:`complexity_panel`; users read it. A result of the package's convention
    (:mod:`valuechain.results`): ``table`` is ``countries``, the repr a short summary, and
    ``check()`` the identities of the underlying ECI/PCI (or fitness) result.

    Attributes
    ----------
    result : ComplexityResult or FitnessResult
        ECI/PCI (or fitness) by year.
    countries : DataFrame
        ``result.countries`` with ``coi`` (when the product space was computed).
    products : DataFrame
        ``result.products`` (``year, product, pci, ubiquity``, or complexity for fitness).
    opportunities : DataFrame or None
        ``year, country, product, mcp, density, distance, cog`` (every year's matrix).
    flags : tuple of str
        Provenance flags of the flows.
    excluded : DataFrame or None
        ``method="atlas"``: ``country, rule, detail`` of each exporter left out
        (:func:`valuechain.complexity.atlas.atlas_filter`).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["010110", "020110", "010110", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> r = complexity_panel(flows)
    >>> r.products[["product", "pci", "ubiquity"]].round(2)
      product   pci  ubiquity
    0  010110  0.71         2
    1  020110  0.71         1
    2  030110 -1.41         1
    >>> r.opportunities.columns.tolist()
    ['year', 'country', 'product', 'mcp', 'density', 'distance', 'cog']
    """

    result: Any
    countries: pd.DataFrame
    products: pd.DataFrame
    opportunities: pd.DataFrame | None
    flags: tuple[str, ...] = ()
    excluded: pd.DataFrame | None = None  # method="atlas": the exporters left out, with the rule

    title: ClassVar[str] = "Economic complexity of every year of a panel"

    @property
    def table(self) -> pd.DataFrame:
        """The countries' table (``year, country, eci, diversity`` and ``coi``)."""
        return self.countries

    def _summary_lines(self) -> list[str]:
        years = sorted(pd.unique(self.countries["year"])) if "year" in self.countries else []
        span = (f"{years[0]}-{years[-1]} ({len(years)} years)" if len(years) > 1 else f"{years[0]}") if years else "no year"
        lines = [f"years {span}; {self.countries['country'].nunique() if len(self.countries) else 0} countries, "
                 f"{self.products['product'].nunique() if len(self.products) else 0} products"]
        if self.opportunities is not None:
            lines.append(f"opportunities: {len(self.opportunities)} rows (density, distance, COG)")
        if self.excluded is not None:
            lines.append(f"atlas: {len(self.excluded)} exporters left out (see .excluded)")
        return lines

    def _identity_rows(self) -> list[dict]:
        inner = getattr(self.result, "_identity_rows", None)
        return inner() if callable(inner) else []


def _year_keys(vals: pd.DataFrame, col: str) -> pd.DataFrame:
    """The distinct ``(year, col)`` pairs of ``vals`` (by integer codes when ``col`` is categorical)."""
    c = vals[col]
    if not isinstance(c.dtype, pd.CategoricalDtype):
        return vals[["year", col]].drop_duplicates()
    n = len(c.cat.categories)
    years, yi = _year_index(vals["year"].to_numpy(np.int64))
    seen = np.bincount(yi * n + c.cat.codes, minlength=len(years) * n) > 0  # the sorted distinct cells
    cell = np.flatnonzero(seen)
    key = years[cell // n] * n + cell % n if n else np.zeros(0, dtype=np.int64)
    return pd.DataFrame({"year": key // n, col: pd.Categorical.from_codes(key % n, dtype=c.dtype)})


def _check_two(vals: pd.DataFrame) -> None:
    if all(isinstance(vals[c].dtype, pd.CategoricalDtype) for c in ("exporter", "product")) and len(vals):
        years, yi = _year_index(vals["year"].to_numpy(np.int64))
        cnt = {}
        for c in ("exporter", "product"):  # distinct codes by year (a code of -1 is a missing label)
            k = len(vals[c].cat.categories)
            codes = vals[c].cat.codes.to_numpy()
            ok = codes >= 0
            seen = np.bincount(yi[ok] * k + codes[ok], minlength=len(years) * k) > 0
            cnt[c] = seen.reshape(len(years), k).sum(axis=1) if k else np.zeros(len(years), dtype=np.int64)
        n = pd.DataFrame({"year": years, "n_exp": cnt["exporter"], "n_prod": cnt["product"]})
    else:
        n = vals.groupby("year", observed=True).agg(n_exp=("exporter", "nunique"), n_prod=("product", "nunique")).reset_index()
    low = n[(n["n_exp"] < 2) | (n["n_prod"] < 2)].sort_values("year")
    if len(low):
        r = low.iloc[0]
        raise ValidationError(f"ECI and PCI need at least two exporters and two products with exports in each year; "
                              f"{int(r['year'])} has {int(r['n_exp'])} exporter(s) and {int(r['n_prod'])} product(s): "
                              "give more countries or products, or choose other years with --year")


def complexity_panel(
    flows: Any,
    *,
    years=None,
    method: str = "eigenvector",
    threshold: float = 1.0,
    inclusive: bool = True,
    normalize: str = "zscore",
    outlook: str = "stata",
    product_space: bool = True,
    world: pd.DataFrame | None = None,
    check: bool = True,
    flags: tuple[str, ...] = (),
    opportunities_path: str | Path | None = None,
    atlas_rules=None,
    population: pd.DataFrame | None = None,
    con=None,
) -> PanelComplexity:
    """ECI/PCI (or fitness), density, distance, COI and COG of every year from one engine pass.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    years : sequence of int, optional
        Keep these years (default: all).
    method : {"eigenvector", "reflections", "fitness", "atlas"}
        ``"atlas"``: the eigenvector method on the Growth Lab's clean set
        (:mod:`valuechain.complexity.atlas`: reliable exporters, goods only, thin products
        dropped), ECI projected to the exporters left out (``in_rankings`` False).
    threshold, inclusive, normalize
        As :func:`valuechain.complexity.complexity.economic_complexity`.
    outlook : {"stata", "py-ecomplexity", "pci"}
        As :func:`valuechain.complexity.productspace.product_space` (binary density, presence by RCA).
    product_space : bool
        Also density, distance, COI and COG.
    world : DataFrame, optional
        World exports ``year, product, value`` (the RCA denominator).
    check : bool
        Validate the flows inside the aggregation (see :func:`aggregate_panel`).
    flags : tuple of str
        Provenance flags of the flows (a ``flags`` column of the opportunities file).
    opportunities_path : path, optional
        Stream the opportunities table (``year, country, product, mcp, density, distance,
        cog``) into this CSV file year by year (one year's matrix in memory at a time; the
        bytes of ``write_csv(..., float_format="%.10g")``) instead of returning it.
    atlas_rules : valuechain.complexity.atlas.AtlasRules, optional
        The thresholds of ``method="atlas"`` (default: ``AtlasRules()``).
    population : DataFrame, optional
        ``year, country, population`` for the Atlas population rule (not applied without it).
    con : ibis backend, optional
        The engine connection (default: the process-wide DuckDB connection).

    Returns
    -------
    PanelComplexity
        ``countries`` (``year, country, eci, diversity`` + ``coi``), ``products``,
        ``opportunities`` (None when streamed to ``opportunities_path`` or without the
        product space), ``result`` (the :class:`ComplexityResult` or ``FitnessResult``).

    Raises
    ------
    ValidationError
        If ``threshold`` is not positive, ``outlook`` or ``method`` is unknown, the flows
        fail a check, or a year has fewer than two exporters or products with exports, or no
        pair with :math:`M_{cp} = 1`.

    Notes
    -----
    Density, COI and COG follow :func:`valuechain.complexity.productspace.product_space_from_values`
    (same conventions; the per-year step :data:`valuechain.complexity.productspace.year_outlook`).

    .. math:: RCA_{cp} = \\frac{x_{cp} / \\sum_{p'} x_{cp'}}{\\sum_{c'} x_{c'p} / \\sum_{c',p'} x_{c'p'}},
              \\qquad M_{cp} = \\mathbf 1[RCA_{cp} \\ge 1]

    References
    ----------
    .. [1] Hidalgo, C. A. and Hausmann, R. (2009). The building blocks of economic
       complexity. *PNAS* 106(26), 10570-10575.
    .. [2] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*. MIT
       Press (density, COI, COG).
    .. [3] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["010110", "020110", "010110", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> r = complexity_panel(flows)
    >>> r.countries[["country", "eci", "coi"]].round(2)
      country   eci   coi
    0     CHN -1.41 -0.67
    1     KAZ  0.71 -0.67
    2     RUS  0.71  1.33
    """
    from .complexity import complexity_both_scales, complexity_from_mcp

    if not isinstance(threshold, (int, float)) or not np.isfinite(threshold) or threshold <= 0:
        raise ValidationError(f"threshold={threshold!r} must be a positive number (the RCA cut-off, usually 1)")
    if outlook not in ("stata", "py-ecomplexity", "pci"):
        raise ValidationError(f"outlook={outlook!r} is not known; use stata, py-ecomplexity or pci")
    agg = aggregate_panel(flows, years=years, check=check, con=con)
    if agg.empty:
        raise ValidationError("no positive export value in the flows" + (f" for the year(s) {list(years)}" if years else "")
                              + "; check the year range and the value column")
    _check_two(agg)
    rest = excluded = pci_eci = None
    if method == "atlas":
        from .atlas import AtlasRules, atlas_filter

        agg, rest, excluded = atlas_filter(agg, rules=atlas_rules or AtlasRules(), population=population)
        _check_two(agg)
    vals, wt = panel_rca(agg, world=world)
    del agg
    if vals.empty:
        raise ValidationError("no exporter-product pair with a world total; check the world totals")
    mcp = ((vals["rca"] >= threshold) if inclusive else (vals["rca"] > threshold)).to_numpy()
    pairs = vals.loc[mcp, ["year", "exporter", "product", "rca"]]
    countries, products = _year_keys(vals, "exporter"), _year_keys(vals, "product")
    if method == "fitness":
        from .fitness import fitness_from_mcp

        if pairs.empty:
            raise ValidationError("no exporter-product pair with Mcp = 1; lower the RCA threshold or check the flows")
        res = fitness_from_mcp(pairs, flags=flags)
    else:
        # the eigenvector method gives PCI on ECI's scale from the same solve (the product space's and the
        # Atlas projection's), bit for bit what complexity_from_mcp(normalize="eci") gives
        both = method in ("eigenvector", "atlas") and normalize == "zscore"
        res, pci_eci = complexity_both_scales(pairs, method="eigenvector" if method == "atlas" else method, sign="diversity",
                              normalize=normalize, ddof=0, countries=countries, products=products, tol=1e-10,
                              max_iter=20000, flags=flags, pci_eci=both)
        res.params.update(threshold=float(threshold), inclusive=bool(inclusive))
    out_c, opps = res.countries, None
    if method == "atlas":
        from .atlas import project_eci

        res.params.update(method="atlas")
        ce_products = res.products if normalize == "eci" else pci_eci
        proj = project_eci(rest, ce_products, wt, threshold=float(threshold), inclusive=inclusive)
        out_c = pd.concat([out_c.assign(in_rankings=True), proj.assign(in_rankings=False)], ignore_index=True)
        out_c = out_c.sort_values(["year", "country"]).reset_index(drop=True)
    if product_space:
        # the product space's own ECI/PCI (eigenvector; the ECI's standardisation unless outlook="pci"),
        # as product_space computes it, so that COI and COG are those of the separate function to the
        # last printed digit (from the z-scored PCI they differ by rounding, ~1e-10 relative)
        norm = "zscore" if outlook == "pci" else "eci"
        if method == "eigenvector" and norm == normalize:
            cx_products = res.products
        elif method in ("eigenvector", "atlas") and norm == "eci" and pci_eci is not None:
            cx_products = pci_eci
        else:
            cx_products = complexity_from_mcp(pairs[["year", "exporter", "product"]], normalize=norm, countries=countries,
                                              products=products).products
        coi, opps = _outlook(vals, mcp, cx_products, outlook=outlook, flags=flags, path=opportunities_path)
        out_c = out_c.merge(coi, on=["year", "country"], how="left")
    if method == "atlas" and "coi" in out_c.columns:
        out_c = out_c[[c for c in out_c.columns if c != "in_rankings"] + ["in_rankings"]]
    return PanelComplexity(result=res, countries=out_c, products=res.products, opportunities=opps, flags=tuple(flags),
                           excluded=excluded)


def _one_blas_thread():
    """A context with BLAS on one thread (``threadpoolctl``, installed with scikit-learn; without it
    nothing changes)."""
    import contextlib

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _sorted_codes(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``col`` into its sorted labels (object array): a categorical's own codes when
    its categories are sorted and no label is missing (no copy), else ``pd.factorize(sort=True)``."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        cats = col.cat.categories
        codes = col.cat.codes.to_numpy()
        if cats.is_monotonic_increasing and cats.is_unique and (len(codes) == 0 or codes.min() >= 0):
            return codes, np.asarray(cats, dtype=object)
    codes, uniq = pd.factorize(col, sort=True)
    return codes, np.asarray(uniq, dtype=object)


def _present(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values of ``codes`` (integers in ``[0, n)``) and each one's position among them:
    ``np.unique(codes)`` and ``np.searchsorted`` into it, from a table of the seen codes (no sort)."""
    if len(codes) and codes.min() < 0:  # a missing label (-1): as np.unique orders it
        u = np.unique(codes)
        return u, np.searchsorted(u, codes)
    seen = np.zeros(n, dtype=bool)
    seen[codes] = True
    return np.flatnonzero(seen).astype(codes.dtype, copy=False), (np.cumsum(seen) - 1)[codes]


def _outlook(vals: pd.DataFrame, mcp: np.ndarray, pci_table: pd.DataFrame, *, outlook: str, flags, path):
    """Per year: dense M, density, COI, COG (``year_outlook``); the rows streamed to ``path`` or collected."""
    import pyarrow as pa

    from .productspace import year_outlook

    diagonal = outlook == "py-ecomplexity"
    yv = vals["year"].to_numpy()
    years, yi = _year_index(yv.astype(np.int64, copy=False))
    ec, eu = _sorted_codes(vals["exporter"])
    pc_, pu_all = _sorted_codes(vals["product"])
    # a stable sort of small integers (a radix sort; the same order as any stable sort)
    order = np.argsort(yi.astype(np.int16) if len(years) < 2**15 else yi, kind="stable")
    bounds = np.searchsorted(yi[order], np.arange(len(years) + 1))
    pci_by_year = {y: g.set_index("product")["pci"] for y, g in pci_table.groupby("year")}
    cdict, pdict = pa.array(eu.tolist(), pa.string()), pa.array(pu_all.tolist(), pa.string())
    flag = ";".join(flags)
    # two years at a time, each computed whole by one thread with BLAS on one thread (so its numbers are a
    # serial run's, bit for bit), its n x n buffers reused by its thread from year to year
    workers = max(1, min(2, os.cpu_count() or 1))
    local = threading.local()
    coi_by_year: dict = {}

    def year_batch(j: int):
        y = years[j]
        work = local.__dict__.setdefault("work", {})
        sel = order[bounds[j]:bounds[j + 1]]
        (cu_codes, ci), (pu_codes, pi) = _present(ec[sel], len(eu)), _present(pc_[sel], len(pu_all))
        nC, nP = len(cu_codes), len(pu_codes)
        M = np.zeros((nC, nP))
        M[ci, pi] = mcp[sel]
        pci = pci_by_year[y].reindex(pu_all[pu_codes]).to_numpy(float)
        # binary density: the values and the RCA matrices enter nothing (X, R not built)
        _, dens, coi, cog = year_outlook(None, None, M, pci, density="binary", k=None, diagonal=diagonal,
                                         outlook=outlook, work=work)
        coi_by_year[j] = pd.DataFrame({"year": y, "country": eu[cu_codes], "coi": coi})
        dens = dens.ravel()
        n = nC * nP
        cols = {
            "year": pa.array(np.full(n, y, dtype=np.int64)),
            "country": pa.DictionaryArray.from_arrays(pa.array(np.repeat(cu_codes, nP).astype(np.int32)), cdict),
            "product": pa.DictionaryArray.from_arrays(pa.array(np.tile(pu_codes, nC).astype(np.int32)), pdict),
            "mcp": pa.array(M.ravel().astype(np.int64)),
            "density": pa.array(dens),
            "distance": pa.array(1.0 - dens),
            "cog": pa.array(cog.ravel()),
        }
        if flag:
            cols["flags"] = pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([flag]))
        return pa.RecordBatch.from_pydict(cols)

    if path is not None:
        # the next years are computed (BLAS, numpy: the GIL released) while DuckDB formats and writes
        # the previous ones on its own threads; BLAS on one thread meanwhile (its own threads beside
        # DuckDB's spin: 226 x 5000 years took 1.5x the CPU, and at 5000 products they did not give the
        # bits of one thread)
        with _one_blas_thread():
            write_batches(ordered_map(year_batch, range(len(years)), workers=workers), path)
        opps = None
    else:
        tabs = [year_batch(j).to_pandas() for j in range(len(years))]
        opps = pd.concat(tabs, ignore_index=True) if tabs else None
        if opps is not None:
            for c in ("country", "product"):
                opps[c] = opps[c].astype(object)
    return pd.concat([coi_by_year[j] for j in sorted(coi_by_year)], ignore_index=True), opps
