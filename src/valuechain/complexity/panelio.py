r"""The engine side of :mod:`valuechain.complexity.panel`: DuckDB's one aggregation and its CSV writer.

1. :func:`duckdb_aggregate`: the aggregation of :func:`~valuechain.complexity.panel.aggregate_panel`
   written for DuckDB (the Ibis form stays for Spark). Per group ``(year, exporter, product)``
   it sums the positive values and makes every check of issue 24 with aggregates that cost
   little more than the sum:

   * the values: one ``bool_and`` of :math:`0 \le v < \infty` (false for a missing value,
     a negative one, :math:`\pm\infty`, and NaN, which DuckDB orders above every number);
   * the keys ``year, exporter, product`` are the group's own: a missing or implausible
     year, a missing or blank code is tested once per group, after the aggregation;
   * repeated ``(year, exporter, importer, product)`` keys: each importer code of the data
     gets a bit :math:`j` (its position in an ``ENUM`` of the codes; a missing importer the
     bit :math:`J`), and ``bitstring_agg`` sets the bits of a group's rows; the group
     repeats an importer iff its row count exceeds the set bits,

     .. math:: e = n - \mathrm{popcount}\Big(\bigvee_{r} 2^{j_r}\Big) > 0,

     exact for every code (one bit each), the test of
     :func:`valuechain.tables.trade.keys.key_bits` in one aggregate instead of a join and
     one sum per 62 codes. With more than :data:`MAX_BITS` codes the distinct count
     (``count(distinct importer)``, plus one bit for a missing importer) replaces it.

   The groups are keyed by the exporter and product ``ENUM`` codes rather than their text (the
   same groups; a hash table small enough not to spill at 265.7 M rows under a 3 GB cap).

2. :func:`write_batches` / :func:`write_csv_engine`: CSV files in the bytes of
   :func:`valuechain._files.write_csv` with ``float_format="%.10g"``, formatted and written by
   DuckDB's writer on all its threads (record batches gathered into chunks of
   ``chunk_rows`` rows, each chunk one ``COPY``, appended in order).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

__all__ = ["MAX_BITS", "duckdb_aggregate", "duckdb_codes", "ordered_map", "prefetch", "write_batches", "write_csv_engine"]

#: most importer codes the bit test takes (bits per group); beyond, an exact distinct count
MAX_BITS = 4096

#: rows per Arrow batch that DuckDB formats (it scans a registered table one batch per thread at a time)
_SCAN_ROWS = 1 << 17


def _lit(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _ident(s: str) -> str:
    return '"' + str(s).replace('"', '""') + '"'


def duckdb_codes(be: Any, src: str) -> dict[str, list[str]]:
    """The distinct non-missing ``importer``, ``exporter`` and ``product`` codes of the rows of the
    SQL ``src`` (one scan, grouping sets), each sorted (by code point, as Python sorts text).

    Parameters
    ----------
    be : ibis DuckDB backend
        The connection (its ``con`` runs the query).
    src : str
        A SQL query or table expression with ``importer``, ``exporter`` and ``product`` columns.

    Returns
    -------
    dict of str to list of str
        ``importer``, ``exporter`` and ``product`` -> their sorted distinct codes.

    Examples
    --------
    >>> import ibis
    >>> be = ibis.duckdb.connect()
    >>> duckdb_codes(be, "select * from (values ('KAZ', 'CHN', '010110'), ('RUS', 'KAZ', '020110'), "
    ...                  "('KAZ', null, '010110')) t(exporter, importer, product)")
    {'importer': ['CHN', 'KAZ'], 'exporter': ['KAZ', 'RUS'], 'product': ['010110', '020110']}
    """
    q = (f"select grouping(importer) gi, grouping(exporter) ge, importer, exporter, product from ({src}) as t_ "
         "group by grouping sets ((importer), (exporter), (product))")
    out: dict[str, set] = {"importer": set(), "exporter": set(), "product": set()}
    for gi, ge, imp, exp, prod in be.con.sql(q).fetchall():
        key, val = ("importer", imp) if gi == 0 else ("exporter", exp) if ge == 0 else ("product", prod)
        if val is not None:
            out[key].add(str(val))
    return {k: sorted(v) for k, v in out.items()}


def duckdb_aggregate(be: Any, t: Any, *, check: bool = True, batch_rows: int = 1 << 20):
    r"""Exports by ``year, exporter, product`` with the checks, as one DuckDB query (streamed).

    Parameters
    ----------
    be : ibis DuckDB backend
        The connection ``t`` is bound to.
    t : ibis.Table
        The conformed flows (``year, exporter, importer, product, value``).
    check : bool
        Add the ``problems`` column (the checks of issue 24).
    batch_rows : int
        Rows per record batch of the result.

    Returns
    -------
    (reader, codes)
        ``reader``: a ``pyarrow.RecordBatchReader`` of ``year, exporter, product, value`` and
        (with ``check``) ``problems``: per group, 0 when its rows pass every check, positive
        otherwise (then ``year`` is missing when not plausible). ``exporter`` and ``product``
        come as dictionary arrays whose dictionaries are ``codes["exporter"]`` and
        ``codes["product"]`` (sorted, so the indices are the codes of sorted categories).
        ``codes``: the sorted distinct codes of ``importer``, ``exporter`` and ``product``
        (:func:`duckdb_codes`).

    Notes
    -----
    .. math:: x_{cpt} = \sum_i x_{cipt}\,\mathbf 1[x_{cipt} > 0]

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import backend_of, register_frame
    >>> t = register_frame(pd.DataFrame({"year": 2000, "exporter": "KAZ", "importer": ["RUS", "CHN", "RUS"],
    ...                                  "product": ["a", "a", "b"], "value": [1.0, 2.0, -1.0]}))
    >>> reader, codes = duckdb_aggregate(backend_of(t), t)
    >>> r = reader.read_pandas()
    >>> r.sort_values("product")[["product", "value", "problems"]].astype({"product": str}).values.tolist()
    [['a', 3.0, 0], ['b', nan, 1]]
    >>> codes
    {'importer': ['CHN', 'RUS'], 'exporter': ['KAZ'], 'product': ['a', 'b']}
    """
    import pyarrow as pa

    from ..tables.trade.checks import PLAUSIBLE_YEARS

    src = be.compile(t)
    codes = duckdb_codes(be, src)
    aggs = ["sum(value) filter (where value > 0) as value"]
    year, post = "year", ""
    if check:
        imp = codes["importer"]
        n = len(imp)
        if n <= MAX_BITS:
            bit = f"coalesce(enum_code(try_cast(importer as {_enum(imp)})), {n})" if n else "0"
            nb = f"bit_count(bitstring_agg({bit}, 0, {n}))"
        else:  # exact as well: one per distinct code, one for a missing importer
            nb = "count(distinct importer) + (count(importer) < count(*))::bigint"
        # every value of the group finite and >= 0 (NaN fails: DuckDB orders it above infinity; a missing one: false)
        aggs += ["count(*) as n_", f"{nb} as nb_", "bool_and(coalesce(value >= 0 and value < 'inf'::double, false)) as okv_"]
        y0, y1 = PLAUSIBLE_YEARS
        ok_year = f"year >= {y0} and year <= {y1}"
        year = f"case when {ok_year} then year::smallint end as year"  # else a problem, and missing
        post = (", (n_ - nb_) + (not okv_)::bigint"
                f" + (not coalesce({ok_year}, false) or exporter is null or exporter < '!'"
                " or product is null or product < '!')::bigint as problems")
    # the groups keyed by the codes' ENUM positions (1-2 bytes, not text): the same groups (every code is in
    # its ENUM, a missing one stays missing), a hash table a third smaller (265.7 M rows: no spill under 3 GB)
    cats = [f"try_cast({c} as {_enum(codes[c])}) as {c}" if codes[c] else f"null::varchar as {c}"
            for c in ("exporter", "product")]
    post = post.replace("exporter < '!'", "exporter::varchar < '!'").replace("product < '!'", "product::varchar < '!'")
    q = (f"select {year}, exporter, product, value{post} from (select year, {', '.join(cats)}, {', '.join(aggs)} "
         f"from ({src}) as t_ group by 1, 2, 3) as g_")
    # fetched whole (on all threads: quicker than a stream) and handed on batch by batch, each batch's
    # memory freed once read
    tab = be.con.sql(q).to_arrow_table()
    # DuckDB's allocator keeps the aggregation's freed memory (1.5 GB of 2.9 at 265.7 M rows) until its
    # background threads return it to the system, within a second or two (a process-wide setting, turned on
    # after the query so that the query runs as before; nothing else changes)
    be.con.execute("SET allocator_background_threads = true")
    batches = tab.to_batches(max_chunksize=batch_rows)
    schema = tab.schema
    del tab
    return pa.RecordBatchReader.from_batches(schema, _drain(batches)), codes


def _drain(items: list) -> Iterator:
    """Yield the items of ``items``, dropping each from the list as it goes (its memory freed once read)."""
    items.reverse()
    while items:
        yield items.pop()


def _enum(values: list[str]) -> str:
    return f"enum({', '.join(_lit(c) for c in values)})"


def prefetch(gen: Iterable, depth: int = 2) -> Iterator:
    """Iterate ``gen`` in a worker thread, ``depth`` items ahead; its exceptions re-raised here.

    Parameters
    ----------
    gen : iterable
        Items made by numpy / BLAS work that releases the GIL (the next years of
        :func:`valuechain.complexity.panel.complexity_panel` while the previous ones are written).
    depth : int
        Items made ahead.

    Yields
    ------
    The items of ``gen``, in order.

    Examples
    --------
    >>> list(prefetch(iter(range(5))))
    [0, 1, 2, 3, 4]
    """
    import queue
    import threading

    q: queue.Queue = queue.Queue(depth)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in gen:
                if not put(item):
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, which raises it
            put(e)
        put(done)

    th = threading.Thread(target=work, name="valuechain-outlook", daemon=True)
    th.start()
    try:
        while True:
            item = q.get()
            if item is done:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        th.join()


def ordered_map(fn: Callable, items: Iterable, *, workers: int = 2, ahead: int = 2) -> Iterator:
    """``fn(item)`` for each item on ``workers`` threads, the results yielded in the order of ``items``.

    At most ``workers + ahead`` items are submitted beyond the one being consumed; an error of
    ``fn`` is raised here when its item's turn comes, and the items not yet started are dropped.

    Parameters
    ----------
    fn : callable
        Work that releases the GIL (numpy, BLAS): one year of
        :func:`valuechain.complexity.panel.complexity_panel`'s outlook, each year computed whole
        by one thread, so its numbers are those of a serial run bit for bit.
    items : iterable
    workers : int
        Threads.
    ahead : int
        Results made ahead of the consumer.

    Yields
    ------
    ``fn(item)`` for each item, in order.

    Examples
    --------
    >>> list(ordered_map(lambda x: x * x, range(6), workers=3))
    [0, 1, 4, 9, 16, 25]
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    it = iter(items)
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="valuechain-outlook")
    pending: deque = deque()
    try:
        for item in it:
            pending.append(pool.submit(fn, item))
            if len(pending) > workers + ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True)


def write_batches(batches: Iterable, path: str | Path, *, float_format: str = "%.10g", chunk_rows: int = 1 << 18) -> None:
    """Write Arrow record batches (one schema) as one CSV file, formatted as :func:`write_csv_engine`.

    The batches are gathered into chunks of about ``chunk_rows`` rows (the first batch is a chunk of
    its own, so that formatting starts while the next batches are made). DuckDB formats each
    chunk on all its threads into one text line per row (the cells of :func:`write_csv_engine`
    joined by commas, ending in LF) and returns them as an Arrow string column, whose
    contiguous bytes are appended to ``path`` as they are: no CSV writer scans the text again.
    Text is quoted as ``write_csv`` quotes it (a comma, a quote or a line break: quoted,
    quotes doubled; dictionary columns through their dictionary). A chunk holding an empty
    text cell (``write_csv`` leaves it bare, DuckDB's CSV writer quotes it) goes through that
    writer as :func:`write_csv_engine` does, so the bytes are that function's in every case.
    Nothing is written for no batch. Not atomic: write into a folder of
    :func:`valuechain._files.atomic_dir`.

    Parameters
    ----------
    batches : iterable of pyarrow.RecordBatch
        The rows, in order (integer, float, boolean, text or dictionary columns).
    path : str or Path
        The CSV file (replaced).
    float_format : str, default "%.10g"
        C ``printf`` format of the floats.
    chunk_rows : int
        Rows per DuckDB query.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pyarrow as pa
    >>> b = pa.record_batch({"a": [1, 2], "x": [0.1, 1 / 3], "t": ["u", "v,w"]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_batches([b, b], pathlib.Path(d, "t.csv"), chunk_rows=3)
    ...     print(pathlib.Path(d, "t.csv").read_text(), end="")
    a,x,t
    1,0.1,u
    2,0.3333333333,"v,w"
    1,0.1,u
    2,0.3333333333,"v,w"
    """
    import duckdb

    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    names = list(first.schema.names)
    kinds = {f.name: _kind(f.type) for f in first.schema}
    con = duckdb.connect()
    tmp = Path(str(path) + ".body")
    cache: dict = {}
    try:
        with open(path, "wb", buffering=0) as f:
            out = _Appender(f)  # a chunk's lines are written while DuckDB formats the next chunk
            try:
                f.write((",".join(_csv_cell(n) for n in names) + "\n").encode("utf-8"))
                # the first batch alone: DuckDB starts formatting before the next batch is asked for
                _write_chunk(con, [first], names, kinds, float_format, tmp, out, cache)
                pending, rows = [], 0
                for b in it:
                    if rows >= chunk_rows:
                        _write_chunk(con, pending, names, kinds, float_format, tmp, out, cache)
                        pending, rows = [], 0
                    pending.append(b)
                    rows += b.num_rows
                if pending:
                    _write_chunk(con, pending, names, kinds, float_format, tmp, out, cache)
            finally:
                out.wait()
    finally:
        con.close()
        tmp.unlink(missing_ok=True)


class _Appender:
    """Appends to the open binary file ``f`` in a worker thread, one job at a time, in order (a job's
    exception is raised by the next :meth:`submit` or :meth:`wait`)."""

    def __init__(self, f) -> None:
        self.f = f
        self._job = None
        self._error: list[BaseException] = []

    def submit(self, fn, *args) -> None:
        """Run ``fn(self.f, *args)`` in a worker thread once the previous job has finished."""
        import threading

        self.wait()

        def run() -> None:
            try:
                fn(self.f, *args)
            except BaseException as e:  # noqa: BLE001 - raised in the submitting thread
                self._error.append(e)

        self._job = threading.Thread(target=run, name="valuechain-csv-append", daemon=True)
        self._job.start()

    def wait(self) -> None:
        """Wait for the running job; raise its exception."""
        if self._job is not None:
            self._job.join()
            self._job = None
        if self._error:
            raise self._error.pop()


def _quoted_labels(labels, cache: dict):
    """(the labels as CSV cells, whether one is empty), kept in ``cache`` by the labels' buffers
    (every year's batch shares one dictionary)."""
    import pyarrow as pa

    key = (len(labels), labels.offset) + tuple(b.address if b is not None else 0 for b in labels.buffers())
    if key not in cache:
        cache.clear()  # one dictionary at a time, held here (its buffers cannot be reused while cached)
        texts = labels.to_pylist()
        cache[key] = (labels, pa.array([None if x is None else _csv_cell(str(x)) for x in texts], pa.string()),
                      "" in texts)
    return cache[key][1:]


def _write_chunk(con, batches: list, names: list[str], kinds: dict, float_format: str, tmp: Path, out,
                 cache: dict) -> None:
    """Format ``batches`` as CSV lines in DuckDB and append them to the file of ``out`` (an :class:`_Appender`;
    ``cache``: the quoted labels of the dictionary columns, by column)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    table = pa.Table.from_batches(batches)
    cols, cells, plain = [], [], True
    for name in names:
        col = table.column(name)
        q = _ident(name)
        if pa.types.is_dictionary(col.type):  # the labels quoted once, in their dictionary
            chunks = []
            for ch in col.chunks:
                d, has_empty = _quoted_labels(ch.dictionary, cache.setdefault(name, {}))
                plain = plain and not has_empty
                chunks.append(pa.DictionaryArray.from_arrays(ch.indices, d))
            col = pa.chunked_array(chunks, pa.dictionary(col.type.index_type, pa.string()))
            cells.append(q)
        elif kinds[name] == "O":  # text; any other type (dates, ...): DuckDB's writer, as write_csv_engine
            plain = plain and (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)) \
                and not pc.any(pc.equal(col, "")).as_py()
            cells.append(f"case when regexp_matches({q}, '[,\"\\r\\n]') then '\"' || replace({q}, '\"', '\"\"') || '\"' "
                         f"else {q} end")
        else:
            cells.append(_cell(name, kinds[name], float_format))
        cols.append(col)
    if not plain:  # an empty text cell: DuckDB's CSV writer, as write_csv_engine
        con.register("frame_", pa.Table.from_batches(table.to_batches(max_chunksize=1 << 17), schema=table.schema))
        try:
            _copy_body(con, _select_list(names, kinds, float_format), tmp)
        finally:
            con.unregister("frame_")
        out.wait()
        _append(tmp, out.f)
        return
    # batches of at most 2**17 rows: DuckDB scans an Arrow table one batch per thread at a time
    table = pa.Table.from_arrays(cols, names=names)
    con.register("frame_", pa.Table.from_batches(table.to_batches(max_chunksize=_SCAN_ROWS), schema=table.schema))
    try:
        line = "concat(" + ", ',', ".join(cells) + ", chr(10))"
        lines = con.sql(f"select {line} as line_ from frame_").to_arrow_table().column(0)
    finally:
        con.unregister("frame_")
    out.submit(_write_lines, lines)


def _write_lines(out, lines) -> None:
    """Append the bytes of the Arrow string column ``lines`` (each value a whole line) to ``out``."""
    import numpy as np
    import pyarrow as pa

    for ch in lines.chunks:
        if len(ch) == 0:
            continue
        bufs = ch.buffers()
        wide = pa.types.is_large_string(ch.type)
        off = np.frombuffer(bufs[1], dtype=np.int64 if wide else np.int32, count=len(ch) + 1,
                            offset=ch.offset * (8 if wide else 4))
        view = memoryview(bufs[2])[int(off[0]):int(off[-1])]
        while len(view):
            view = view[out.write(view):]


def _cell(name: str, kind: str, float_format: str) -> str:
    """The SQL text of one non-text cell as ``write_csv`` writes it (a missing value: empty)."""
    q = _ident(name)
    if kind == "f":
        return f"case when isnan({q}) then NULL else printf({_lit(float_format)}, {q}) end"
    if kind == "b":
        return f"case when {q} then 'True' else 'False' end"
    return f"cast({q} as varchar)"


def _copy_body(con, sel: str, tmp: Path) -> None:
    con.sql(f"copy (select {sel} from frame_) to {_lit(str(tmp))} "
            "(format csv, header false, delimiter ',', quote '\"', escape '\"', nullstr '')")


def _append(src: Path, out) -> None:
    """Append the file ``src`` to the open binary file ``out`` (in the kernel where it can)."""
    with open(src, "rb") as body:
        size = os.fstat(body.fileno()).st_size
        done = 0
        try:
            while done < size:
                sent = os.sendfile(out.fileno(), body.fileno(), done, size - done)
                if sent == 0:
                    break
                done += sent
        except OSError:  # no sendfile between these files: copy through user space
            body.seek(done)
            shutil.copyfileobj(body, out, 1 << 22)
            return
        if done < size:
            body.seek(done)
            shutil.copyfileobj(body, out, 1 << 22)


def _kind(t) -> str:
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        return "O"
    if pa.types.is_floating(t):
        return "f"
    if pa.types.is_integer(t):
        return "i"
    if pa.types.is_boolean(t):
        return "b"
    return "O"


def write_csv_engine(df: pd.DataFrame, path: str | Path, *, float_format: str = "%.10g") -> Path:
    """Write ``df`` as CSV with DuckDB's writer: the bytes of ``_files.write_csv(df, path, float_format=...)``.

    Floats are formatted by DuckDB's ``printf`` (the C format, as Python's ``%``), missing
    values are empty cells, text is quoted only when it holds a comma, a quote or a line
    break (doubled quotes), integers and booleans as Python writes them; lines end in LF.
    Not atomic: write into a folder from :func:`valuechain._files.atomic_dir`.

    Parameters
    ----------
    df : DataFrame
        The table to write (columns written as text names).
    path : str or Path
        The CSV file (replaced if it exists).
    float_format : str, default "%.10g"
        C ``printf`` format of the floats.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_csv_engine(pd.DataFrame({"a": [1.5, None], "b": ["x,y", "z"]}), pathlib.Path(d, "t.csv"))
    ...     text = out.read_text()
    >>> print(text, end="")
    a,b
    1.5,"x,y"
    ,z
    """
    import duckdb

    names = [str(c) for c in df.columns]
    sel = _select_list(names, {str(c): df[c].dtype.kind for c in df.columns}, float_format)
    con = duckdb.connect()
    tmp = Path(str(path) + ".body")
    try:
        con.register("frame_", df)
        with open(path, "wb", buffering=0) as out:
            out.write((",".join(_csv_cell(n) for n in names) + "\n").encode("utf-8"))
            _copy_body(con, sel, tmp)
            _append(tmp, out)
    finally:
        con.close()
        tmp.unlink(missing_ok=True)
    return Path(path)


def _select_list(names: list[str], kinds: dict, float_format: str) -> str:
    """The ``select`` list formatting each column as ``write_csv`` does (``kinds``: numpy kind letters)."""
    return ", ".join(f"{_cell(n, kinds[n], float_format)} as {_ident(n)}" for n in names)


def _csv_cell(s: str) -> str:
    return '"' + s.replace('"', '""') + '"' if any(ch in s for ch in ',"\r\n') else s
