r"""The one-country diagnostic of ``valuechain trade`` in two scans of the panel, without pandas or Ibis.

The general pipeline (:func:`valuechain.trade.diagnostic.trade_diagnostic` through the Ibis
indicator functions) runs on DuckDB and Spark, on any input the readers accept; on a small
panel it pays about 1.5 s of imports (pandas, Ibis) and compiles some twenty Ibis queries
before it reads a row (issue 23 measured 12.6x the reference query at 1 M rows). For the
common case -- Parquet files or folders in the flows schema, read on DuckDB -- this module
computes the same tables from

1. the country's own rows (a filtered scan that Parquet statistics prune), checked as
   :func:`~valuechain.tables.trade.schema.validate_flows` checks them; and
2. ONE aggregation of the panel by year and product over the country's years: world
   exports :math:`X_{wpt}` (RCA's denominator), the country's imports from the others
   (mirror flows), and the checks of issue 24 on every row that feeds them -- values
   finite and non-negative, years plausible, codes not blank, and no repeated
   ``(year, exporter, importer, product)`` key (DuckDB's ``bitstring_agg`` over the pair
   of dense country indexes, exact for the codes of
   :data:`~valuechain.tables.trade.keys.KEY_CODES`; two codes outside the list share an
   index and can only raise a false alarm),

then derives every indicator from these small tables in plain Python, with the formulas
and orders of the general pipeline (growth, composition and CAGR, counts, HHI and top
shares, margins of growth, Balassa RCA, Lall classes). Whenever anything is outside that
common case or fails a check, :func:`run` returns None and the caller runs the general
pipeline, which names the offending row in its one-line error: a check here never decides
what the user is told, it only decides whether the fast path may answer.
``tests/trade/test_onepass.py`` compares both pipelines file by file on random and hostile
panels.

References
----------
Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World Bank,
Washington DC, ch. 2 (the indicators; their formulas are documented in the modules of
:mod:`valuechain.trade`).
Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. The
Manchester School 33(2), 99-123.
Lall, S. (2000). The technological structure and performance of developing country
manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..tables.trade.filemeta import file_facts, hs_from_name, normalise_hs
from ..tables.trade.keys import KEY_CODES, PLAUSIBLE_YEARS, known_iso3
from .groups import Groups
from .lall import LALL_LABELS, LALL_TIERS, lall_classes, read_lall_tables
from .margins import MARGIN_COMPONENTS, PRODUCT_MARGIN_COMPONENTS

__all__ = ["OnePass", "run"]

#: the schema types the one-pass path reads as they are (any other type: the general pipeline)
_TYPES = {"year": "BIGINT", "exporter": "VARCHAR", "importer": "VARCHAR", "product": "VARCHAR", "value": "DOUBLE"}
@dataclass(frozen=True)
class OnePass:
    """The tables of the one-pass diagnostic (the result of :func:`run`).

    Parameters
    ----------
    tables : dict of str to (list of str, list of list)
        Name -> (column names, rows), in the order of
        :data:`~valuechain.trade.indicators.TRADE_INDICATORS`, without the ``unit`` and
        ``flags`` columns the CLI adds.
    first, last : int
        The country's first and last year in range.
    unit, hs_revision, source : str
        What the files declare (as :class:`~valuechain.tables.trade.readers.TradeFlows` holds it).
    synthetic : bool
        True for a synthetic panel.
    notes : tuple of str
        What was not computed and why (the general pipeline's notes, in its order).
    extra : dict
        ``world`` and ``imports``: ``(year, product, value)`` rows of the panel's world
        totals and the country's imports from the others, for the panel cache.

    Examples
    --------
    >>> OnePass(tables={}, first=2020, last=2021, unit="USD", hs_revision=None, source="f.parquet (schema)")
    OnePass(2020-2021, tables=[])
    """

    tables: dict
    first: int
    last: int
    unit: str
    hs_revision: str | None
    source: str
    synthetic: bool = False
    notes: tuple = ()
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        """A short summary."""
        return f"OnePass({self.first}-{self.last}, tables={list(self.tables)})"


def _ksum(values) -> float:
    """Sum with Kahan compensation, in order: what pandas' groupby sum does."""
    s = 0.0
    c = 0.0
    for v in values:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def _sums(pairs) -> dict:
    """key -> the correctly rounded sum of its values (:func:`math.fsum`: the same in any row order)."""
    acc: dict = {}
    for k, v in pairs:
        acc.setdefault(k, []).append(v)
    return {k: math.fsum(vs) for k, vs in acc.items()}


def _inputs(paths: Sequence[Path]) -> list[tuple[Path, str, Path]] | None:
    """(path, DuckDB source, first file) per input, or None when one is not plain Parquet."""
    out = []
    for p in paths:
        if p.is_dir():
            files = sorted(f for f in p.rglob("*.parquet") if not f.name.startswith((".", "_")))
            if not files or any("=" in part for f in p.rglob("*.parquet") for part in f.relative_to(p).parts[:-1]):
                return None
            if any(f.name.startswith((".", "_")) for f in p.rglob("*.parquet")):
                return None  # the general reader decides what such files mean
            src = f"read_parquet({_lit(str(p / '**' / '*.parquet'))}, union_by_name = true)"
            out.append((p, src, files[0]))
        elif p.is_file() and p.suffix.lower() in (".parquet", ".pq"):
            out.append((p, f"read_parquet({_lit(str(p))})", p))
        else:
            return None
    return out


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _meta(con, file: Path) -> dict[bytes, bytes]:
    rows = con.execute("select key, value from parquet_kv_metadata(?)", [str(file)]).fetchall()
    return {bytes(k): bytes(v) for k, v in rows}


#: rows per batch of the world aggregation when memory requires it: its repeated-key test holds one
#: bit per possible (exporter, importer) pair of each year and product (about 8 KB a group), so a
#: BACI-size panel (150,000 year-product groups, 1.2 GB of bits) is aggregated in batches of
#: exporters, each reading only the row groups whose exporter statistics overlap it
ROWS_PER_BATCH = 60_000_000
#: rows per batch when the panel is sorted by exporter (batches then cost no extra reading, and
#: smaller bit states stay in the CPU caches: measured 3.1 instead of 3.7-4.5 CPU s at 20 M rows)
SORTED_ROWS_PER_BATCH = 5_000_000


def _batches(con, ins, codes: list[str]) -> list[tuple[str, int, int]] | None:
    """The exporter batches of the world aggregation: (SQL condition, first and end index in
    ``codes``); None when a panel needing several batches for memory is not sorted by exporter
    (each batch would then read the whole panel)."""
    rg: list[tuple[int, str | None, str | None]] = []
    for p, _src, _first in ins:
        glob = str(p / "**" / "*.parquet") if p.is_dir() else str(p)
        rg += con.execute("""select any_value(row_group_num_rows), min(stats_min_value), max(stats_max_value)
            from parquet_metadata(?) where path_in_schema = 'exporter' group by file_name, row_group_id""", [glob]).fetchall()
    total = sum(int(r or 0) for r, _, _ in rg)
    nc = len(codes)

    def split(nb: int) -> tuple[list[tuple[str, int, int]], int]:
        starts = sorted({round(j * nc / nb) for j in range(nb)}) + [nc]
        out, scanned = [], 0
        for j in range(len(starts) - 1):
            lo = codes[starts[j]] if j else None
            hi = codes[starts[j + 1]] if starts[j + 1] < nc else None
            cond = []
            if lo is not None:
                cond.append(f"exporter >= {_lit(lo)}")
            if hi is not None:
                cond.append(f"(exporter < {_lit(hi)}" + (" or exporter is null)" if lo is None else ")"))
            out.append((" and " + " and ".join(cond), starts[j], starts[j + 1]))
            scanned += sum(int(r or 0) for r, a, b in rg
                           if a is None or b is None or ((hi is None or a < hi) and (lo is None or b >= lo)))
        return out, scanned

    for rows in (SORTED_ROWS_PER_BATCH, ROWS_PER_BATCH):
        nb = max(1, -(-total // rows))
        if nb == 1:
            return [("", 0, nc)]
        out, scanned = split(nb)
        if scanned <= 1.5 * total:
            return out
    return None


#: bytes of Parquet from which a panel is read by :func:`valuechain.trade.keyscan.scan` (PyArrow
#: and numpy; sorted panels only) instead of DuckDB's aggregation with its bit test: below it
#: (about 4 M rows of the flows schema) the imports of numpy and PyArrow cost more than the bits.
#: The scan starts before DuckDB is imported, so the files' sizes decide, not their row counts.
KEYSCAN_MIN_BYTES = 48 * 2**20


def _aggregate(con, src: str, codes: list[str], k: int, first: int, last: int, *,
               batches: list[tuple[str, int, int]]) -> None:
    """The table ``world`` (year, product, value, imports and the checks' counts) of the panel,
    its repeated keys counted by ``bitstring_agg`` over the dense country indexes of ``codes``
    in the exporter ``batches`` of :func:`_batches`, its unknown codes by their join."""
    nc = len(codes)
    con.execute("create temp table kc as select unnest($codes) as code, unnest(range(len($codes)))::INTEGER as i", {"codes": codes})
    # per row only integer work on the two joined indexes; the value rules are tested on each group:
    # its count of values (a null is not counted) and bool_and of 0 <= v < inf (false for NaN); an exporter or
    # importer outside the list (blank, missing, unknown) leaves an index null: the general pipeline decides
    for j, (where, s0, s1) in enumerate(batches):
        sql = f"""select year, product, fsum(value) as value,
               fsum(value) filter (where m.i = {k} and e.i is distinct from {k}) as imports,
               count(*) as n, count(value) as nv, bool_and(value >= 0 and value < 'inf'::double) as vok,
               count(*) filter (where e.i is null or m.i is null) as unknown,
               count(*) - bit_count(bitstring_agg((e.i - {s0}) * {nc} + m.i, 0, {(s1 - s0) * nc - 1})) as rep,
               count(*) filter (where value > 0 and e.i is distinct from {k}) as others
        from {src} t left join kc e on t.exporter = e.code left join kc m on t.importer = m.code
        where year >= {first} and year <= {last}{where}
        group by year, product"""
        con.execute(f"create temp table world as {sql}" if len(batches) == 1 else
                    (f"create temp table wparts as {sql}" if j == 0 else f"insert into wparts {sql}"))
    if len(batches) > 1:  # the batches' partial sums, by year and product
        con.execute("""create temp table world as select year, product, fsum(value) as value, fsum(imports) as imports,
            sum(n) as n, sum(nv) as nv, bool_and(vok) as vok, sum(unknown) as unknown, sum(rep) as rep,
            sum(others) as others from wparts group by year, product""")


class _Prefetch:
    """``fn(*args, **kwargs)`` in a background thread (its result, or None when it raised)."""

    def __init__(self, fn: Callable, *args, **kwargs) -> None:
        import threading

        self.box: dict = {}
        self.thread = threading.Thread(target=self._work, args=(fn, args, kwargs), daemon=True)
        self.thread.start()

    def _work(self, fn, args, kwargs) -> None:
        try:
            self.box["value"] = fn(*args, **kwargs)
        except Exception:  # noqa: BLE001 - None: the caller decides without it
            self.box["value"] = None

    def get(self):
        """Wait for the result."""
        self.thread.join()
        return self.box.get("value")


def _scan(paths, country, years, cancel):
    from .keyscan import scan

    return scan(paths, country=country, codes=sorted(KEY_CODES), years=years, cancel=cancel)


class _ScanJob(_Prefetch):
    """:func:`valuechain.trade.keyscan.scan` of a panel of at least :data:`KEYSCAN_MIN_BYTES` bytes in
    a background thread (the years asked for, or all), started before DuckDB is imported; its
    result is None when it raised (no proof: the caller tests the keys the general way)."""

    def __init__(self, paths: list[Path], country: str, years: tuple[int, int] | None) -> None:
        import threading

        self.cancel = threading.Event()
        super().__init__(_scan, paths, country, years, self.cancel)

    @classmethod
    def start(cls, ins, country: str, years: tuple[int, int] | None) -> _ScanJob | None:
        """The job, when the files hold at least :data:`KEYSCAN_MIN_BYTES` (else None)."""
        size = 0
        for p, _src, _first in ins:
            size += sum(f.stat().st_size for f in p.rglob("*.parquet")) if p.is_dir() else p.stat().st_size
        return cls([p for p, _, _ in ins], country, years) if size >= KEYSCAN_MIN_BYTES else None

    def stop(self) -> None:
        """Stop the scan (an early return, an error or an interruption) and wait for it."""
        self.cancel.set()
        self.thread.join()


def run(paths: Sequence[str | Path], *, country: str, years: tuple[int, int] | None = None,
        periods: list[tuple[int, int]] | None = None, base: tuple[int, int] | None = None,
        end: tuple[int, int] | None = None, min_value: float = 0.0, top: int = 5, hhi_n: int | None = None,
        inclusive: bool = True, groups: Groups | None = None, data_dir: Any = None, hs_revision: str | None = None,
        memory_limit: str | None = None, temp_directory: str | None = None,
        skip: Callable[[int, int], bool] | None = None) -> OnePass | None:
    r"""The trade diagnostic of ``country`` on Parquet flows in two scans, or None for the general pipeline.

    Parameters
    ----------
    paths : sequence of path
        Parquet files or folders of Parquet files in the flows schema (``year BIGINT,
        exporter, importer, product VARCHAR, value DOUBLE``; other layouts or types: None).
    country : str
        ISO3 code of the exporter.
    years : (int, int), optional
        The years asked for (default all of the country's years).
    periods : list of (int, int), optional
        CAGR periods (default first-last year).
    base, end : (int, int), optional
        Windows of the margins of growth (default the first and the last year).
    min_value : float
        A product or market counts when exports exceed it.
    top : int
        Items in the top share.
    hhi_n : int, optional
        :math:`N` of the normalised HHI (default the number of items).
    inclusive : bool
        Mcp = 1 when RCA >= 1 (else > 1).
    groups : Groups, optional
        Sectors and destination groups (default :data:`~valuechain.trade.groups.DEFAULT_GROUPS`).
    data_dir : path, optional
        The shared data folder, for the Lall classes (without it: None).
    hs_revision : str, optional
        The revision of the product codes, when the files do not say it.
    memory_limit, temp_directory : str, optional
        DuckDB settings (the CLI's memory cap and private spill folder).
    skip : callable, optional
        Called with the first and last year once they are known; True returns None before
        the panel is aggregated (the CLI: the panel cache already holds the world totals).

    Returns
    -------
    OnePass or None
        The tables, or None when the general pipeline must run (an input it does not read,
        a check that fails, an option it does not compute).

    Examples
    --------
    >>> import duckdb, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "flows.parquet"
    >>> _ = duckdb.execute(f"copy (select year::BIGINT as year, exporter, importer, product, value::DOUBLE as value from (values"
    ...     f" (2020, 'KAZ', 'CHN', '270900', 80.0), (2021, 'KAZ', 'CHN', '270900', 90.0), (2021, 'RUS', 'KAZ', '100190', 40.0))"
    ...     f" t(year, exporter, importer, product, value)) to '{d}'")
    >>> from valuechain.datasets import shared_data_dir
    >>> res = run([d], country="KAZ", data_dir=shared_data_dir())  # the shared data folder holds the Lall tables
    >>> res.tables["totals"][1]
    [[2020, 'KAZ', 80.0, None, None, None], [2021, 'KAZ', 90.0, 40.0, 12.5, None]]
    >>> run([d], country="XXX") is None  # not in the flows: the general pipeline says so
    True
    """
    from .groups import DEFAULT_GROUPS

    groups = groups or DEFAULT_GROUPS
    ins = _inputs([Path(p) for p in paths])
    if ins is None or not country or country not in known_iso3():
        return None
    # a large panel is read by PyArrow (valuechain.trade.keyscan) in a background thread; without the panel cache
    # it reads every year and, when it answers, its read of the country's rows is the only one (no DuckDB)
    job = _ScanJob.start(ins, country, None if skip is None else years)
    lall = (_Prefetch(read_lall_tables, Path(data_dir)) if data_dir is not None and (Path(data_dir) / "lall_classification").is_dir()
            else None)
    opts = dict(country=country, years=years, periods=periods, base=base, end=end, min_value=min_value, top=top,
                hhi_n=hhi_n, inclusive=inclusive, groups=groups, data_dir=data_dir, hs_revision=hs_revision)
    if job is not None and skip is None:
        try:
            res = _from_scan(job.get(), ins, lall=lall, **opts)
        except BaseException:
            job.stop()
            raise
        if res is not None:
            return res
    try:
        import duckdb

        con = duckdb.connect()
    except BaseException:
        if job is not None:
            job.stop()
        raise
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")
        if memory_limit:
            con.execute(f"SET memory_limit = {_lit(memory_limit)}")
        if temp_directory:
            con.execute(f"SET temp_directory = {_lit(temp_directory)}")
        return _run(con, job, ins, skip=skip, lall=lall, **opts)
    finally:
        if job is not None:
            job.stop()
        con.close()


def _facts(ins, hs_revision: str | None, meta_of: Callable[[Path], dict]) -> tuple | None:
    """(HS revision, unit, source, synthetic) of the inputs from their first files' metadata
    (``meta_of``: file -> key/value metadata), as the general reader states them; None when
    the inputs declare two HS revisions."""
    revs, units, synth, origins = [], [], [], []
    for p, _src, first_file in ins:
        meta = meta_of(first_file)
        revs.append(normalise_hs(hs_revision) if hs_revision else hs_from_name(p, meta))
        facts = file_facts(meta)
        if facts["unit"] is not None:
            units.append(facts["unit"])
        synth.append(facts["synthetic"])
        origins.append(facts["origin"])
    hs_set = sorted({str(r) for r in revs if r is not None})
    if len(hs_set) > 1:
        return None
    source = "; ".join(f"{p.name} (schema{': ' + o if o else ''})" for (p, _, _), o in zip(ins, origins))
    return (hs_set[0] if hs_set else None), (units[0] if units else "USD"), source, any(synth)


def _window(avail: list[int], years, periods, base, end) -> tuple[int, int, list | None] | None:
    """(first, last, periods) of the country's years ``avail`` within ``years``; None when the
    options ask for years the data do not hold (the general pipeline says so)."""
    in_range = sorted(y for y in set(avail) if years is None or years[0] <= y <= years[1])
    if not in_range:
        return None
    first, last = in_range[0], in_range[-1]
    if periods is None and last > first:
        periods = [(first, last)]
    for a, b in (periods or []) + [w for w in (base, end) if w is not None]:
        if a < first or b > last or not any(a <= y <= b for y in in_range):
            return None
    return first, last, periods


def _from_scan(proof, ins, *, country, years, periods, base, end, min_value, top, hhi_n, inclusive, groups, data_dir,
               hs_revision, lall: _Prefetch | None) -> OnePass | None:
    """The tables from a scan of every year (:func:`valuechain.trade.keyscan.scan`) alone, or None
    (the DuckDB path then decides). The scan checked every row as step 1 checks the country's
    (values, codes, unique keys); what is left: years plausible, importers known, options."""
    if proof is None or not proof.ok or proof.own is None or proof.years is None:
        return None
    lo, hi = PLAUSIBLE_YEARS
    if proof.years[0] < lo or proof.years[1] > hi:
        return None
    own = proof.own
    known = known_iso3()
    if any(own.codes[m] not in known for m in set(own.importer.tolist())):
        return None
    window = _window(own.year.tolist(), years, periods, base, end)
    if window is None:
        return None
    first, last, periods = window

    def meta_of(f: Path) -> dict:
        import pyarrow.parquet as pq

        return dict(pq.read_metadata(f).metadata or {})

    facts = _facts(ins, hs_revision, meta_of)
    if facts is None:
        return None
    hs, unit, source, synthetic = facts
    imports = [r for r in proof.imports if first <= r[0] <= last]
    wrows = [r for r in proof.world if first <= r[0] <= last]
    res = _tables(own.sums(first, last), imports, wrows, country=country, first=first, last=last, periods=periods,
                  base=base, end=end, min_value=min_value, top=top, hhi_n=hhi_n, inclusive=inclusive, groups=groups,
                  data_dir=data_dir, hs=hs, unit=unit, source=source, synthetic=synthetic,
                  several=any(first <= y <= last for y in proof.others), lall=lall.get() if lall is not None else None)
    if res is not None:  # the aggregates the panel cache keeps (valuechain.tables.trade.panel_cache)
        res.extra["world"] = sorted(wrows)
        res.extra["imports"] = sorted(imports)
    return res


def _run(con, job: _ScanJob | None, ins, *, country, years, periods, base, end, min_value, top, hhi_n, inclusive,
         groups, data_dir, hs_revision, skip, lall: _Prefetch | None) -> OnePass | None:
    """The body of :func:`run` on an open connection."""
    for p, src, first_file in ins:
        types = dict((r[0], r[1]) for r in con.execute(f"describe select * from {src}").fetchall())
        if any(types.get(c) != t for c, t in _TYPES.items()):
            return None
    facts = _facts(ins, hs_revision, lambda f: _meta(con, f))
    if facts is None:
        return None
    hs, unit, source, synthetic = facts
    src = " union all by name ".join(f"select year, exporter, importer, product, value from {s}" for _, s, _ in ins)
    src = f"({src})" if len(ins) > 1 else f"(select year, exporter, importer, product, value from {ins[0][1]})"
    c = _lit(country)
    lo, hi = PLAUSIBLE_YEARS

    # 1. the country's own rows, checked as validate_flows checks them (every year)
    con.execute(f"create temp table own_all as select year, importer, product, value from {src} t where exporter = {c}")
    n, bad = con.execute(f"""select count(*), count(*) filter (where value is null or not (value >= 0 and value < 'inf'::double)
        or year is null or year < {lo} or year > {hi} or product is null or trim(product) = '' or product < '!')
        from own_all""").fetchone()
    if n == 0 or bad:
        return None
    if con.execute("select count(*) from (select 1 from own_all group by year, importer, product having count(*) > 1)").fetchone()[0]:
        return None
    known = known_iso3()
    if any(m not in known for (m,) in con.execute("select distinct importer from own_all where importer is not null").fetchall()):
        return None
    if not con.execute(f"select count(*) from (select 1 from {src} t where importer is not null limit 1)").fetchone()[0]:
        return None  # no partner anywhere: the general pipeline's notes
    window = _window([int(y) for (y,) in con.execute("select distinct year from own_all").fetchall()], years, periods,
                     base, end)
    if window is None:
        return None
    first, last, periods = window
    if skip is not None and skip(first, last):
        return None

    # 2. ONE aggregation of the panel over the country's years: world totals, imports, checks
    codes = sorted(KEY_CODES)
    own = _Own(con, country, first, last)
    proof = job.get() if job is not None else None
    if proof is not None and proof.ok:  # a sorted panel: checked, summed and its keys proven in one read by PyArrow
        imports = [r for r in proof.imports if first <= r[0] <= last]
        wrows = [r for r in proof.world if first <= r[0] <= last]
        wothers = any(first <= y <= last for y in proof.others)
    else:  # DuckDB: the keys tested by one bit per (exporter, importer) pair of each group
        batches = _batches(con, ins, codes)
        if batches is None:
            return None  # a large panel not sorted by exporter: the batches would each read all of it
        _aggregate(con, src, codes, codes.index(country), first, last, batches=batches)
        wbad, wrep, wothers = con.execute(f"""select
            count(*) filter (where nv < n or not coalesce(vok, true) or unknown > 0 or year < {lo} or year > {hi}
                             or product is null or trim(product) = '' or product < '!'),
            sum(rep), sum(others) from world""").fetchone()
        if (wbad or 0) or (wrep or 0):
            return None
        imports = [(int(y), p, float(v)) for y, p, v in con.execute(
            "select year, product, imports from world where imports is not null").fetchall()]
        wrows = con.execute("select year, product, value from world").fetchall()
    res = _tables(own, imports, wrows, country=country, first=first, last=last, periods=periods, base=base, end=end,
                  min_value=min_value, top=top, hhi_n=hhi_n, inclusive=inclusive, groups=groups, data_dir=data_dir,
                  hs=hs, unit=unit, source=source, synthetic=synthetic, several=bool(wothers),
                  lall=lall.get() if lall is not None else None)
    if res is not None:  # the aggregates the panel cache keeps (valuechain.tables.trade.panel_cache), by year and product
        res.extra["world"] = sorted((int(y), p, float(v)) for y, p, v in wrows)
        res.extra["imports"] = sorted(imports)
    return res


class _Own:
    """The country's own rows of the years ``first``-``last`` (DuckDB table ``own_all``), summed as
    the tables need them: exactly (``fsum``) by year, by year and product, by year and importer,
    and by product and importer within two windows (the margins)."""

    def __init__(self, con, country: str, first: int, last: int) -> None:
        self.con = con
        self.yr = f"year >= {first} and year <= {last}"
        c = _lit(country)
        self.exports = {int(y): float(v) for y, v in con.execute(
            f"select year, fsum(value) from own_all where {self.yr} group by year").fetchall()}
        self.self_imports = {int(y): float(v) for y, v in con.execute(
            f"select year, fsum(value) from own_all where {self.yr} and importer = {c} group by year").fetchall()}
        #: (year, product) -> value and (year, importer) -> value
        self.by_product = {(int(y), p): float(v) for y, p, v in con.execute(
            f"select year, product, fsum(value) from own_all where {self.yr} group by year, product").fetchall()}
        self.by_market = {(int(y), m): float(v) for y, m, v in con.execute(
            f"select year, importer, fsum(value) from own_all where {self.yr} and importer is not null "
            "group by year, importer").fetchall()}
        self.positive = bool(con.execute(f"select count(*) from own_all where {self.yr} and value > 0").fetchone()[0])

    def windows(self, b: tuple[int, int], e: tuple[int, int]) -> list[tuple[str, str | None, float | None, float | None]]:
        """(product, importer, sum in ``b`` or None, sum in ``e`` or None) of the pairs traded in either window."""
        wb = f"year >= {b[0]} and year <= {b[1]}"
        we = f"year >= {e[0]} and year <= {e[1]}"
        return [(p, m, None if s0 is None else float(s0), None if s1 is None else float(s1)) for p, m, s0, s1 in
                self.con.execute(f"""select product, importer, fsum(value) filter (where {wb}), fsum(value) filter (where {we})
                    from own_all where {self.yr} and (({wb}) or ({we})) group by product, importer""").fetchall()]


def _tables(own: _Own, imports, wrows, *, country, first, last, periods, base, end, min_value, top, hhi_n, inclusive, groups,
            data_dir, hs, unit, source, synthetic, several, lall=None) -> OnePass | None:
    """Every table from the country's rows, its imports and the world totals (the formulas of
    :mod:`valuechain.trade.outcomes`, :mod:`~valuechain.trade.concentration`,
    :mod:`~valuechain.trade.margins`, :mod:`~valuechain.trade.rca`, :mod:`~valuechain.trade.lall`)."""
    notes: list[str] = []
    tables: dict[str, tuple[list[str], list[list]]] = {}
    C = country
    # totals: exports of the own rows, imports = the others' flows to C plus C's flows to itself
    exp = own.exports
    imp: dict[int, list[float]] = {y: [v] for y, v in own.self_imports.items()}
    for y, _p, v in imports:
        imp.setdefault(y, []).append(v)
    ty = sorted(set(exp) | set(imp))
    tot = {y: (exp.get(y, 0.0), math.fsum(imp[y]) if y in imp else None) for y in ty}
    rows = []
    for k, y in enumerate(ty):
        x, mm = tot[y]
        g = [None, None]
        if k:
            py = ty[k - 1]
            px, pm = tot[py]
            if py == y - 1:
                g[0] = (x / px - 1.0) * 100.0 if px > 0 else None
                g[1] = (mm / pm - 1.0) * 100.0 if (pm is not None and mm is not None and pm > 0) else None
        rows.append([y, C, x, mm, g[0], g[1]])
    tables["totals"] = (["year", "country", "exports", "imports", "exports_yoy", "imports_yoy"], rows)
    ys = ty
    yr_first, yr_last = ys[0], ys[-1]
    if periods is None and yr_last > yr_first:
        periods = [(yr_first, yr_last)]

    # composition by sector and by destination (levels, shares, Total; CAGR by period)
    sectors = {}
    lengths = sorted({len(p) for _, ps in groups.sectors for p in ps}, reverse=True)
    pref = {p: n for n, ps in groups.sectors for p in ps}

    def sector(p: str) -> str:
        if p not in sectors:
            sectors[p] = next((pref[p[:L]] for L in lengths if len(p) >= L and p[:L] in pref), groups.sector_default)
        return sectors[p]

    dest = {code: n for n, cs in groups.destinations for code in cs}

    def comp(keyed, order):
        agg = _sums(((grp, y), v) for grp, y, v in keyed)
        ytot = _sums((y, v) for (_g, y), v in agg.items())
        lv = [[C, grp, y, v, v / ytot[y] * 100.0] for (grp, y), v in sorted(agg.items())]
        by_year: dict[int, list[float]] = {}
        for r in lv:
            by_year.setdefault(r[2], []).append(r[3])
        lv += [[C, "Total", y, _ksum(vs), 100.0] for y, vs in sorted(by_year.items())]
        rank = {g: i for i, g in enumerate(order + ["Total"])}
        lv.sort(key=lambda r: (rank.get(r[1], len(rank)), r[2]))
        gr = []
        seen = list(dict.fromkeys(r[1] for r in lv))
        for grp in seen:
            for a, b in sorted(periods or [], key=lambda ab: ab[0]):
                va = next((r[3] for r in lv if r[1] == grp and r[2] == a), None)
                vb = next((r[3] for r in lv if r[1] == grp and r[2] == b), None)
                if va is None and vb is None:
                    continue
                ratio = vb / va if (va is not None and vb is not None and va > 0) else math.nan
                gr.append([C, grp, a, b, (ratio ** (1.0 / (b - a)) - 1.0) * 100.0 if ratio == ratio else math.nan])
        return lv, gr

    lvs, grs = comp([(sector(p), y, v) for (y, p), v in own.by_product.items()], groups.sector_order)
    tables["composition_sector"] = (["exporter", "group", "year", "value", "share"], lvs)
    cov_ok = all(tot[y][0] != 0 and (100 * tot[y][0] / tot[y][0]) >= 99.5 for y in ty)
    tables["coverage"] = (["year", "bilateral_exports", "total_exports", "coverage"],
                          [[y, tot[y][0], tot[y][0], 100 * tot[y][0] / tot[y][0] if tot[y][0] else math.nan] for y in ty])
    complete = bool(ty) and cov_ok
    lvd, grd = comp([(dest.get(m, groups.destination_default), y, v) for (y, m), v in own.by_market.items()],
                    groups.destination_order)
    tables["composition_destination"] = (["exporter", "group", "year", "value", "share"], lvd)
    if not complete:
        notes.append("the bilateral data cover part of the exports: shares by destination are shares of the extract; "
                     "markets, market HHI, top market shares and margins of growth are not computed")
    tables["composition_growth"] = (["exporter", "dimension", "group", "start", "end", "cagr"],
                                    [[r[0], "sector", *r[1:]] for r in grs] + [[r[0], "destination", *r[1:]] for r in grd])

    # counts of products and markets
    pv = own.by_product
    mv = own.by_market
    npro: dict[int, int] = {}
    for (y, _p), v in pv.items():
        if v > min_value:
            npro[y] = npro.get(y, 0) + 1
    nmar: dict[int, int] = {}
    for (y, _m), v in mv.items():
        if v > min_value:
            nmar[y] = nmar.get(y, 0) + 1
    tables["counts"] = (["year", "exporter", "n_products", "n_markets"],
                        [[y, C, npro[y], (nmar.get(y) if complete else None)] for y in sorted(npro)])

    # concentration: HHI, normalised HHI, top shares
    def conc(vals: dict[tuple[int, str], float], dim: str) -> list[list] | None:
        out = []
        by_year: dict[int, list[tuple[float, str]]] = {}
        for (yy, k), v in vals.items():
            by_year.setdefault(yy, [])
            if v > 0:
                by_year[yy].append((v, k))
        for y in sorted(by_year):
            items = sorted(by_year[y], key=lambda t: (-t[0], t[1]))
            if not items:
                continue
            s_all = math.fsum(v for v, _ in items)
            s = [v / s_all for v, _ in items]
            nn = len(items) if hhi_n is None else int(hhi_n)
            if hhi_n is not None and len(items) > nn:
                return None
            h = math.fsum(x * x for x in s)
            out.append([y, C, dim, len(items), nn, h, (h - 1.0 / nn) / (1.0 - 1.0 / nn) if nn > 1 else None,
                        math.fsum(x for i, x in enumerate(s) if i < top)])
        return out

    cc = conc(pv, "product")
    if cc is None:
        return None
    if complete:
        cm = conc(mv, "market")
        if cm is None:
            return None
        cc += cm
    tables["concentration"] = (["year", "exporter", "dimension", "n_items", "n", "hhi", "hhi_normalized", "top_share"], cc)

    # margins of export growth
    if not complete:
        notes.append("margins of export growth by product only (the partner data are partial)")
    b = base if base is not None else (ys[0], ys[0])
    e = end if end is not None else (ys[-1], ys[-1])
    if e[0] > b[1]:
        tables["margins"] = _margins(own, b, e, C)
    else:
        notes.append("margins not computed: the data hold a single year")

    # RCA against the panel's world totals
    if not (several and own.positive):
        notes.append("RCA not computed: the flows hold one exporter; give world exports by product (year, product, value)")
    else:
        notes.append("RCA world totals summed over the exporters in the flows (give world totals for true RCA)")
        world = {(int(y), p): float(v) for y, p, v in wrows}
        xw = _sums((y, v) for (y, _p), v in world.items())
        xc = _sums((y, v) for (y, _p), v in pv.items())
        rr = []
        for (y, p), v in sorted(pv.items()):
            w = world.get((y, p))
            r = (v / xc[y]) / (w / xw[y]) if (w is not None and w > 0) else None
            rr.append([y, C, p, v, r, int(r is not None and (r >= 1.0 if inclusive else r > 1.0))])
        tables["rca"] = (["year", "exporter", "product", "value", "rca", "mcp"], rr)

    # Lall technology classes
    rev = hs
    if data_dir is None or not (Path(data_dir) / "lall_classification").is_dir():
        return None  # the general pipeline writes its note
    classes = lall_classes(Path(data_dir), rev, lall)
    if classes is None:
        return None
    lv = _sums(((y, classes.get(p) if classes.get(p) is not None else "UNMATCHED"), v) for (y, p), v in pv.items())
    lt = _sums((y, v) for (y, _c), v in lv.items())
    tables["lall"] = (["year", "exporter", "lall_code", "label", "tier", "value", "share"],
                      [[y, C, code, LALL_LABELS.get(code), LALL_TIERS.get(code), v, v / lt[y] * 100.0]
                       for (y, code), v in sorted(lv.items())])
    if rev not in ("HS2012", "HS1992"):
        notes.append(f"Lall classes for {rev or 'an unknown HS revision'} matched through the HS2012 then HS1992 tables "
                     "(lall_code UNMATCHED otherwise)")
    notes.append("EXPY not computed: it needs GDP per capita (year, country, gdppc)")
    return OnePass(tables=tables, first=yr_first, last=yr_last, unit=unit, hs_revision=hs, source=source,
                   synthetic=synthetic, notes=tuple(notes))


def _margins(own: _Own, b: tuple[int, int], e: tuple[int, int], C: str) -> tuple[list[str], list[list]]:
    """The margins of :func:`valuechain.trade.margins.export_margins` (market level when the
    windows hold partners, else product level)."""
    rows = own.windows(b, e)
    market = any(m is not None for _p, m, _s0, _s1 in rows)
    if market:
        rows = [r for r in rows if r[1] is not None]

    def period(w, j):
        n = float(w[1] - w[0] + 1)
        acc = _sums((((p, m) if market else (p,)), r[j]) for r in rows if r[j] is not None for p, m in [r[:2]])
        return {k: s / n for k, s in acc.items() if s / n > 0}

    a0, a1 = period(b, 2), period(e, 3)
    keys = set(a0) | set(a1)
    old_p = {k[0] for k in a0}
    old_m = {k[1] for k in a0} if market else set()
    parts = [(k, a0.get(k, 0.0), a1.get(k, 0.0)) for k in keys]
    if not parts:
        return (["exporter", "base", "end", "x0", "x1", "component", "value", "share"], [])
    acc: dict[str, list[float]] = {c: [] for c in ("x0", "x1", "intensive", "opnm", "npom", "npnm", "newp", "exits")}
    for k, v0, v1 in parts:
        acc["x0"].append(v0)
        acc["x1"].append(v1)
        if v0 > 0 and v1 > 0:
            acc["intensive"].append(v1 - v0)
        elif v0 == 0 and v1 > 0:
            acc["newp"].append(v1)
            if market:
                acc["opnm" if k[0] in old_p else ("npom" if k[1] in old_m else "npnm")].append(v1)
        elif v0 > 0 and v1 == 0:
            acc["exits"].append(-v0)
    x0, x1, intensive, opnm, npom, npnm, newp, exits = (math.fsum(acc[c]) for c in
                                                        ("x0", "x1", "intensive", "opnm", "npom", "npnm", "newp", "exits"))
    comps = MARGIN_COMPONENTS if market else PRODUCT_MARGIN_COMPONENTS
    vals = ({"intensive": intensive, "old_products_new_markets": opnm, "new_products_old_markets": npom,
             "new_products_new_markets": npnm, "exits": exits} if market else
            {"intensive": intensive, "new_products": newp, "exits": exits})
    vals["total"] = x1 - x0
    chg = x1 - x0
    bs = f"{b[0]}" if b[0] == b[1] else f"{b[0]}-{b[1]}"
    es = f"{e[0]}" if e[0] == e[1] else f"{e[0]}-{e[1]}"
    out = [[C, bs, es, x0, x1, comp, vals[comp], (100.0 * vals[comp] / chg) if chg != 0 else math.nan]
           for comp in [*comps, "total"]]
    return (["exporter", "base", "end", "x0", "x1", "component", "value", "share"], out)
