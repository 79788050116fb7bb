r"""World totals of a sorted Parquet panel, every row checked and its keys proven unique, in one read.

A trade panel must not hold two rows with the same ``(year, exporter, importer, product)``
key: a repeated row would be summed into the world totals and shift every RCA of its year
(issue 24). Testing that exactly needs state for every key seen; hashing or one bit per
possible key (DuckDB's ``bitstring_agg``, :mod:`valuechain.trade.onepass`) costs more per
row than the whole aggregation that reads the panel. Panels are usually written in key
order, though (the synthetic panels by exporter, year, importer and product; the BACI
extracts of the shared data folder by year, exporter and product), and on such a panel
uniqueness has a proof in one pass with almost no state:

Call a *block* a maximal run of consecutive rows with the same prefix
:math:`(t, e, m)` (year, exporter, importer, in any order of sorting). If

1. within every block the product code rises strictly from row to row, and
2. no prefix heads two blocks,

then no key repeats: two rows with one key share their prefix, hence (2) their block, where
(1) gives them different products. :func:`scan` checks (1) on every row and (2) on the
block heads (one row in fifteen on the 20 M-row synthetic panel), reading the key
columns with PyArrow as dictionary indexes: no string is hashed or compared row by row.

In the same read it sums what the one-country diagnostic needs from the whole panel
(:mod:`valuechain.trade.onepass`): world exports by year and product :math:`X_{wpt}` (RCA's
denominator), the country's imports from the others, and whether any other exporter ships a
positive value; and it checks every row that feeds them as
:func:`~valuechain.tables.trade.schema.validate_flows` checks the country's own (values
present, finite and non-negative; codes known; keys unique). Row groups are read by two
threads; their partial sums are added in the files' order, so a run gives the same numbers
every time.

Product codes must be strings of decimal digits of one width (at most 7), so that their
numeric order is their text order; exporter and importer codes must be in
:data:`~valuechain.tables.trade.keys.KEY_CODES`. Whatever falls outside -- an unsorted
panel, a null, a code outside the list, a product code that is not digits, a value that
fails a check -- is not judged here: :func:`scan` says why it gave no answer and the caller
runs the general test, which names the offending row.

References
----------
Knuth, D. E. (1998). The Art of Computer Programming, vol. 3: Sorting and Searching, 2nd ed.
Addison-Wesley, sec. 5.2 (duplicates are adjacent in sorted order).
Gaulier, G. and Zignago, S. (2010). BACI: International trade database at the product-level.
CEPII Working Paper 2010-23 (the layout: one file per year, rows keyed by exporter, importer, product).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

__all__ = ["KeyScan", "OwnRows", "OwnSums", "scan"]

#: the columns read
_COLUMNS = ("year", "exporter", "importer", "product", "value")
#: the widest product code handled (a lookup table of 10**width entries maps codes to columns)
_MAX_WIDTH = 7


@dataclass(frozen=True)
class KeyScan:
    """What :func:`scan` found.

    Parameters
    ----------
    ok : bool
        True when every row read passed the checks and the keys are proven unique.
    reason : str
        Why there is no answer (empty when ``ok``).
    rows : int
        Rows read (rows of row groups outside the years are not).
    blocks : int
        Blocks of rows with one (year, exporter, importer).
    world, imports : list of (int, str, float)
        ``(year, product, value)``: the world exports and the country's imports from the
        others, by year and product (products of positive count only; empty unless ``ok``).
    others : tuple of int
        The years in which an exporter other than the country ships a positive value.
    years : (int, int) or None
        The first and last year read.
    own : OwnRows or None
        The country's own rows (None when it exports nothing in the years read).

    Examples
    --------
    >>> KeyScan(ok=False, reason="not sorted", rows=10, blocks=0)
    KeyScan(ok=False, reason='not sorted', rows=10, blocks=0)
    """

    ok: bool
    reason: str
    rows: int
    blocks: int
    world: list = field(default_factory=list, repr=False)
    imports: list = field(default_factory=list, repr=False)
    others: tuple = field(default=(), repr=False)
    years: tuple | None = field(default=None, repr=False)
    own: OwnRows | None = field(default=None, repr=False)


@dataclass(frozen=True)
class OwnRows:
    """The country's own rows read by :func:`scan`, and their sums as the one-country tables need them.

    Parameters
    ----------
    year, importer, product, value : numpy.ndarray
        One entry per row: the year, the importer's index in ``codes``, the product code's
        number and the value, in the files' order.
    width : int
        The product codes' width (their text is the number with leading zeros).
    codes : tuple of str
        The country codes the importer indexes point into.
    country : str
        The exporter.

    Examples
    --------
    >>> import numpy as np
    >>> o = OwnRows(np.array([2020, 2020, 2021]), np.array([0, 1, 0]), np.array([270900, 270900, 100190]),
    ...             np.array([5.0, 1.0, 2.0]), width=6, codes=("CHN", "KAZ"), country="KAZ")
    >>> s = o.sums(2020, 2021)
    >>> s.exports, s.self_imports, s.by_market
    ({2020: 6.0, 2021: 2.0}, {2020: 1.0}, {(2020, 'CHN'): 5.0, (2020, 'KAZ'): 1.0, (2021, 'CHN'): 2.0})
    >>> s.windows((2020, 2020), (2021, 2021))
    [('100190', 'CHN', None, 2.0), ('270900', 'CHN', 5.0, None), ('270900', 'KAZ', 1.0, None)]
    """

    year: Any
    importer: Any
    product: Any
    value: Any
    width: int
    codes: tuple
    country: str

    def sums(self, first: int, last: int) -> OwnSums:
        """The sums of the rows of ``first``-``last``."""
        keep = (self.year >= first) & (self.year <= last)
        return OwnSums(self.year[keep], self.importer[keep], self.product[keep], self.value[keep], self)


class OwnSums:
    """Sums of the country's rows by year, year and product, year and importer, and by product
    and importer within two windows (what :class:`valuechain.trade.onepass` reads from DuckDB
    on the other path). Sums are in row order (:func:`numpy.bincount`).

    Parameters
    ----------
    year, importer, product, value : numpy.ndarray
        The rows (as :class:`OwnRows` holds them).
    rows : OwnRows
        Where they come from (width, codes, country).

    Examples
    --------
    >>> import numpy as np
    >>> o = OwnRows(np.array([2020]), np.array([0]), np.array([10110]), np.array([3.0]), width=6,
    ...             codes=("CHN",), country="KAZ")
    >>> o.sums(2020, 2020).by_product
    {(2020, '010110'): 3.0}
    """

    def __init__(self, year, importer, product, value, rows: OwnRows) -> None:
        import numpy as np

        self._np = np
        self.rows = rows
        self.y, self.m, self.p, self.v = year, importer, product, value
        fmt, codes = f"0{rows.width}d", rows.codes
        k = codes.index(rows.country) if rows.country in codes else -1
        self.exports = {int(a): b for a, b in self._sum(year, value).items()}
        sel = importer == k
        self.self_imports = {int(a): b for a, b in self._sum(year[sel], value[sel]).items()}
        ky = year * 10 ** rows.width + product
        self.by_product = {(int(a) // 10 ** rows.width, format(int(a) % 10 ** rows.width, fmt)): b
                           for a, b in self._sum(ky, value).items()}
        km = year * len(codes) + importer
        self.by_market = {(int(a) // len(codes), codes[int(a) % len(codes)]): b for a, b in self._sum(km, value).items()}
        self.positive = bool(np.any(value > 0))

    def _sum(self, keys, values) -> dict:
        """key -> the sum of its values (row order), keys in ascending order."""
        np = self._np
        if keys.size == 0:
            return {}
        uniq, inv = np.unique(keys, return_inverse=True)
        tot = np.bincount(inv.ravel(), weights=values, minlength=uniq.size)
        return dict(zip(uniq.tolist(), tot.tolist()))

    def windows(self, b: tuple[int, int], e: tuple[int, int]) -> list[tuple[str, str | None, float | None, float | None]]:
        """(product, importer, sum in ``b`` or None, sum in ``e`` or None) of the pairs traded in either window."""
        codes, nc, fmt = self.rows.codes, len(self.rows.codes), f"0{self.rows.width}d"
        key = self.p * nc + self.m
        ib = (self.y >= b[0]) & (self.y <= b[1])
        ie = (self.y >= e[0]) & (self.y <= e[1])
        s0, s1 = self._sum(key[ib], self.v[ib]), self._sum(key[ie], self.v[ie])
        return [(format(int(kk) // nc, fmt), codes[int(kk) % nc], s0.get(kk), s1.get(kk)) for kk in sorted(set(s0) | set(s1))]


class _Stop(Exception):
    """A row group gave no answer (the reason is the message)."""


def _files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.rglob("*.parquet")) if p.is_dir() else [p]
    return out


def scan(paths: Sequence[str | Path], *, country: str, codes: Sequence[str], years: tuple[int, int] | None,
         threads: int | None = None, cancel: threading.Event | None = None) -> KeyScan:
    r"""World totals, imports and checks of the rows of ``years``, keys proven unique.

    The files are read in the order given (a folder: its ``*.parquet`` files by name, as
    they were written), one row group per task; row groups whose year statistics lie
    outside ``years`` are skipped.

    Parameters
    ----------
    paths : sequence of path
        Parquet files or folders in the flows schema.
    country : str
        ISO3 code of the reporting country (its imports are summed; its own exports count
        in the world totals).
    codes : sequence of str
        The known country codes.
    years : (int, int) or None
        First and last year of the rows that count (None: all; the files' year statistics
        then give the range).
    threads : int, optional
        Reading threads (default: the CPU count, at most 2 while DuckDB is idle).
    cancel : threading.Event, optional
        Set by the caller to stop early (the result then gives no answer).

    Returns
    -------
    KeyScan
        ``ok`` True only when every check and both conditions of the proof hold.

    Examples
    --------
    >>> import duckdb, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "flows.parquet"
    >>> def write(rows):
    ...     _ = duckdb.execute(f"copy (select year::BIGINT as year, exporter, importer, product, value::DOUBLE as value"
    ...                        f" from (values {rows}) t(year, exporter, importer, product, value)) to '{d}'")
    >>> write("(2020, 'KAZ', 'CHN', '270900', 5), (2020, 'KAZ', 'CHN', '720110', 1), (2020, 'RUS', 'KAZ', '270900', 2)")
    >>> r = scan([d], country="KAZ", codes=["CHN", "KAZ", "RUS"], years=(2020, 2020))
    >>> r, r.world, r.imports
    (KeyScan(ok=True, reason='', rows=3, blocks=2), [(2020, '270900', 7.0), (2020, '720110', 1.0)], [(2020, '270900', 2.0)])
    >>> write("(2020, 'KAZ', 'CHN', '270900', 5), (2020, 'KAZ', 'CHN', '270900', 1)")  # a repeated key
    >>> scan([d], country="KAZ", codes=["CHN", "KAZ", "RUS"], years=(2020, 2020)).reason
    'not sorted by product within (year, exporter, importer)'
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    index = {c: i for i, c in enumerate(codes)}
    nc = len(codes)
    lock = threading.Lock()
    state: dict = {"width": None, "lut": None, "names": []}
    kc = index.get(country, -1)

    def column(arr, dtype):
        """The values of a chunk as numpy, without pyarrow's pandas shim."""
        return np.frombuffer(arr.buffers()[1], dtype=dtype)[arr.offset:arr.offset + len(arr)]

    local = threading.local()

    def scratch(name: str, dtype, n: int) -> np.ndarray:
        """This thread's buffer ``name`` of at least ``n`` items, as a view of ``n``."""
        bufs = local.__dict__.setdefault("bufs", {})
        b = bufs.get(name)
        if b is None or b.size < n:
            b = bufs[name] = np.empty(max(n, 1 << 19), dtype=dtype)
        return b[:n]

    def country_map(d) -> np.ndarray:
        out = np.array([index.get(s, -1) for s in d.to_pylist()], dtype=np.int64)
        if (out < 0).any() or np.unique(out).size != out.size:
            raise _Stop("a country code outside the known list")
        return out

    def product_map(d) -> tuple[np.ndarray, int]:
        """The numbers of a dictionary of product codes (digits of one width) and the width."""
        if len(d) == 0:
            return np.zeros(0, dtype=np.int32), 0
        if d.null_count or not pa.types.is_string(d.type):
            raise _Stop("product codes not decimal digits of one width")
        off = np.frombuffer(d.buffers()[1], dtype=np.int32)[d.offset:d.offset + len(d) + 1]
        w = int(off[1] - off[0])
        if not 0 < w <= _MAX_WIDTH or np.any(np.diff(off) != w):
            raise _Stop("product codes not decimal digits of one width")
        digits = np.frombuffer(d.buffers()[2], dtype=np.uint8)[off[0]:off[-1]].reshape(-1, w).astype(np.int64) - 48
        if np.any((digits < 0) | (digits > 9)):
            raise _Stop("product codes not decimal digits of one width")
        out = (digits @ (10 ** np.arange(w - 1, -1, -1, dtype=np.int64))).astype(np.int32)  # w <= 7: fits
        if np.unique(out).size != out.size:
            raise _Stop("a repeated dictionary entry")
        return out, w

    def chunk(cy, ce, cm, cp, cv, partial: bool) -> dict | None:
        for c in (ce, cm, cp):
            if not pa.types.is_dictionary(c.type):
                raise _Stop("codes not read as dictionaries")
        if cv.type != pa.float64() or cy.type != pa.int64():
            raise _Stop("not the flows schema")
        y = column(cy, np.int64)
        v = column(cv, np.float64)
        emap, mmap = country_map(ce.dictionary), country_map(cm.dictionary)
        pmap, w = product_map(cp.dictionary)
        ei, mi, pi = column(ce.indices, np.int32), column(cm.indices, np.int32), column(cp.indices, np.int32)
        if partial:
            keep = (y >= lo) & (y <= hi)
            if not keep.all():
                y, ei, mi, pi, v = y[keep], ei[keep], mi[keep], pi[keep], v[keep]
        if y.size == 0:
            return None
        vmin, vmax = v.min(), v.max()
        if not (vmin >= 0 and vmax < np.inf):  # NaN fails both
            raise _Stop("a value negative, infinite or missing")
        n = y.size
        # the row arrays live in this thread's scratch buffers (fresh arrays of a few MB per row group
        # cost page faults: about a fifth of the scan's CPU); every array is 32-bit (np.take: the fastest gather)
        yo, p, cell, take = (scratch(k, np.int32, n) for k in ("yo", "p", "cell", "take"))
        new, t = scratch("new", np.bool_, n), scratch("t", np.bool_, n)
        np.subtract(y, lo, out=yo, casting="unsafe")  # year offsets
        np.take(pmap, pi, out=p)
        # block boundaries from the dictionary indexes (one dictionary per chunk, its entries distinct)
        new, t = new[:n - 1], t[:n - 1]
        np.not_equal(yo[1:], yo[:-1], out=new)
        new |= np.not_equal(ei[1:], ei[:-1], out=t)
        new |= np.not_equal(mi[1:], mi[:-1], out=t)
        np.greater(p[1:], p[:-1], out=t)
        t |= new
        if not t.all():
            raise _Stop("not sorted by product within (year, exporter, importer)")
        starts = np.concatenate(([0], np.flatnonzero(new) + 1))
        heads = (yo[starts].astype(np.int64) * nc + emap[ei[starts]]) * nc + mmap[mi[starts]]
        last = y.size - 1
        tail = (int(yo[last]) * nc + int(emap[ei[last]])) * nc + int(mmap[mi[last]])
        with lock:  # each product number gets a column of the totals, in the order first seen
            if state["width"] is None and w:
                state["width"] = w
                state["lut"] = np.full(10 ** w, -1, dtype=np.int32)
            if w and w != state["width"]:
                raise _Stop("product codes not decimal digits of one width")
            lut = state["lut"]
            cols = lut[pmap] if w else np.zeros(0, dtype=np.int32)
            fresh = np.flatnonzero(cols < 0)
            if fresh.size:
                names = state["names"]
                cols[fresh] = np.arange(len(names), len(names) + fresh.size)
                lut[pmap[fresh]] = cols[fresh]
                names += pmap[fresh].tolist()
            cap = len(state["names"])
        if ny * cap >= 1 << 31:
            raise _Stop("too many years times products")
        np.multiply(yo, np.int32(cap), out=cell)
        cell += np.take(cols, pi, out=take)
        size = ny * cap
        world = np.bincount(cell, weights=v, minlength=size).reshape(ny, cap)
        # a (year, product) is present when its sum is positive or one of its rows is zero
        t = scratch("t", np.bool_, n)
        z = np.flatnonzero(np.equal(v, 0, out=t))
        zeros = np.bincount(cell[z], minlength=size).reshape(ny, cap) if z.size else None
        ke = np.flatnonzero(emap == kc)
        km = np.flatnonzero(mmap == kc)
        imports = icount = None
        if km.size:
            sel = np.flatnonzero(np.equal(mi, km[0], out=t))
            if ke.size:
                sel = sel[ei[sel] != ke[0]]
            isel = cell[sel]
            imports = np.bincount(isel, weights=v[sel], minlength=size).reshape(ny, cap)
            icount = np.bincount(isel, minlength=size).reshape(ny, cap)
        own = None
        if ke.size:  # the years in which an exporter other than the country ships a positive value
            mine = ei == ke[0]
            others = np.bincount(yo[(v > 0) & ~mine], minlength=ny) > 0
            o = np.flatnonzero(mine)  # and the country's own rows (year, importer, product, value)
            own = (yo[o].astype(np.int64) + lo, mmap[mi[o]], p[o].astype(np.int64), v[o].copy())
        else:
            others = world.sum(axis=1) > 0
        return dict(rows=int(y.size), heads=heads, first=(int(heads[0]), int(p[0])), last=(tail, int(p[last])),
                    world=world, zeros=zeros, imports=imports, icount=icount, others=others, own=own)

    def task(f: Path, g: int, partial: bool) -> list[dict]:
        if cancel is not None and cancel.is_set():
            raise _Stop("cancelled")
        pf = pq.ParquetFile(f, read_dictionary=["exporter", "importer", "product"])
        tbl = pf.read_row_group(g, columns=list(_COLUMNS), use_threads=False)
        if any(tbl.column(c).null_count for c in _COLUMNS):
            raise _Stop("a null")
        if len({tuple(len(ch) for ch in tbl.column(c).chunks) for c in _COLUMNS}) > 1:
            tbl = tbl.combine_chunks()  # the columns' chunks must line up
        out = []
        for k in range(tbl.column(0).num_chunks):
            r = chunk(*(tbl.column(c).chunk(k) for c in _COLUMNS), partial=partial)
            if r is not None:
                out.append(r)
        return out

    tasks = []
    rows = 0
    try:
        groups = []
        for f in _files([Path(p) for p in paths]):
            try:
                pf = pq.ParquetFile(f)
            except (OSError, pa.ArrowException):
                raise _Stop(f"{f.name} is not readable by pyarrow") from None
            names = pf.schema_arrow.names
            if any(c not in names for c in _COLUMNS):
                raise _Stop("not the flows schema")
            yi = names.index("year")
            for g in range(pf.metadata.num_row_groups):
                st = pf.metadata.row_group(g).column(yi).statistics
                if st is None or not st.has_min_max:
                    if years is None:
                        raise _Stop("no year statistics")
                    groups.append((f, g, None, None))
                else:
                    groups.append((f, g, int(st.min), int(st.max)))
        if years is None:
            if not groups:
                return KeyScan(ok=True, reason="", rows=0, blocks=0)
            years = (min(g[2] for g in groups), max(g[3] for g in groups))
        lo, hi = years
        ny = hi - lo + 1
        if ny > 1000:
            raise _Stop("years too far apart")
        for f, g, a, b in groups:
            if a is not None and (b < lo or a > hi):
                continue
            tasks.append((f, g, a is None or a < lo or b > hi))
        # the merge, in the files' order (the columns are the products in the order first seen)
        shape = (ny, 1024)
        world, zeros, imports, icount = np.zeros(shape), np.zeros(shape, dtype=np.int64), np.zeros(shape), np.zeros(shape, dtype=np.int64)
        heads = []
        others = np.zeros(ny, dtype=bool)
        own: list = []
        prev = None
        from concurrent.futures import ThreadPoolExecutor

        def add(acc, part):
            if part.shape[1] > acc.shape[1]:
                acc = np.pad(acc, ((0, 0), (0, max(part.shape[1], 2 * acc.shape[1]) - acc.shape[1])))
            acc[:, :part.shape[1]] += part
            return acc

        n_threads = threads or min(2, os.cpu_count() or 1)
        with ThreadPoolExecutor(n_threads, thread_name_prefix="valuechain-scan") as ex:
            pending = [ex.submit(task, *t) for t in tasks[:2 * n_threads]]
            nxt = len(pending)
            i = 0
            while i < len(pending):
                try:
                    parts = pending[i].result()
                except BaseException:
                    for fut in pending[i:]:
                        fut.cancel()
                    raise
                if nxt < len(tasks):
                    pending.append(ex.submit(task, *tasks[nxt]))
                    nxt += 1
                pending[i] = None  # free the partial sums
                i += 1
                for r in parts:
                    if prev is not None and r["first"][0] == prev[0]:  # a block going on across the boundary
                        if not r["first"][1] > prev[1]:
                            raise _Stop("not sorted by product within (year, exporter, importer)")
                        heads.append(r["heads"][1:])
                    else:
                        heads.append(r["heads"])
                    prev = r["last"]
                    world = add(world, r["world"])
                    if r["zeros"] is not None:
                        zeros = add(zeros, r["zeros"])
                    if r["imports"] is not None:
                        imports, icount = add(imports, r["imports"]), add(icount, r["icount"])
                    others |= r["others"]
                    rows += r["rows"]
                    if r["own"] is not None:
                        own.append(r["own"])
        width = state["width"]
        names_ = state["names"]
        if not heads:
            return KeyScan(ok=True, reason="", rows=0, blocks=0)
        allh = np.concatenate(heads)
        space = ny * nc * nc
        if allh.size > space or (np.bincount(allh, minlength=space).max() > 1 if space <= 1 << 26
                                 else np.unique(allh).size != allh.size):
            raise _Stop("a (year, exporter, importer) block appears twice: not sorted")
    except _Stop as stop:
        if cancel is not None:
            cancel.set()
        return KeyScan(ok=False, reason=str(stop), rows=rows, blocks=0)
    order = np.argsort(np.array(names_, dtype=np.int64), kind="stable")
    label = [f"{names_[j]:0{width}d}" for j in order]
    nn = len(names_)
    world, zeros, imports, icount = (np.pad(a, ((0, 0), (0, max(0, nn - a.shape[1])))) for a in (world, zeros, imports, icount))
    wl, il = [], []
    for t in range(ny):
        ww, iw, ic = world[t, order], imports[t, order], icount[t, order]
        for j in np.flatnonzero((ww > 0) | (zeros[t, order] > 0)).tolist():
            wl.append((lo + t, label[j], float(ww[j])))
        for j in np.flatnonzero(ic > 0).tolist():
            il.append((lo + t, label[j], float(iw[j])))
    mine = OwnRows(*(np.concatenate([o[k] for o in own]) for k in range(4)), width=width, codes=tuple(codes),
                   country=country) if own else None
    return KeyScan(ok=True, reason="", rows=rows, blocks=int(allh.size), world=wl, imports=il,
                   others=tuple(lo + int(t) for t in np.flatnonzero(others)), years=(lo, hi), own=mine)
