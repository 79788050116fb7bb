"""Panels of yearly tables: one method over a folder of tables, one year in memory at a time.

A folder holds one table per year: OECD ICIO files (``ICIO2023_1995.csv`` or the same
zipped, ``ICIO2023_1995.zip``), or one sub-folder per year in the zx / WIOD / decompr
layout (``1995/``, ``zx_1995/``), or yearly national tables. The year of an entry is the
one four-digit number (1900-2099) in its name; a year with two entries is an error.

:func:`run_panel` applies a function ``table path -> DataFrame`` to each year and writes
ONE CSV with a leading ``year`` column, appending year after year, so memory holds one
year's table and result whatever the number of years. ``engine="spark"`` sends the years
to Spark executors (``local[2]`` unless a session exists); each executor formats its
year's rows with the same function as the single-machine run and the driver writes them in
year order, so both files are byte for byte the same.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from ..tables.intercountry import InterCountryTable  # annotations

__all__ = ["PanelRun", "panel_years", "parse_year_range", "release_memory", "run_panel", "write_oecd_icio", "year_csv"]

_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
#: the OECD ICIO edition in a file name (``ICIO2023_1995.csv``), which is not the table's year
_EDITION = re.compile(r"ICIO\d{4}(?!\d)", re.IGNORECASE)
PANEL_ENGINES = ("local", "spark")


def parse_year_range(text: str | None) -> list[int] | None:
    """``"1995-2022"`` -> [1995, ..., 2022]; ``"2020"`` -> [2020]; ``"1995,2000"`` -> both.

    Parameters
    ----------
    text : str or None
        A year, a range ``a-b`` or a comma-separated list of years and ranges (``--years``).

    Returns
    -------
    list of int or None
        The years, sorted and unique; None when ``text`` is None (every year).

    Raises
    ------
    ValidationError
        If a part is not a four-digit year or a range, or a range ends before it starts.

    Examples
    --------
    >>> parse_year_range("2019-2021")
    [2019, 2020, 2021]
    >>> parse_year_range("1995,2000")
    [1995, 2000]
    """
    if text is None:
        return None
    out: set[int] = set()
    for part in str(text).split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})\s*(?:-\s*(\d{4}))?", part)
        if not m:
            raise ValidationError(f"--years {text!r}: give a year (2020), a range (1995-2022) or a list (1995,2000)")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if b < a:
            raise ValidationError(f"--years {text!r}: the range ends before it starts; write it as {b}-{a}")
        out.update(range(a, b + 1))
    return sorted(out)


def panel_years(folder: str | os.PathLike, years: Iterable[int] | None = None) -> list[tuple[int, Path]]:
    """The (year, path) entries of ``folder``, in year order, restricted to ``years``.

    The year of an entry is the one four-digit number (1900-2099) in its name, the OECD
    edition (``ICIO2023``) left aside; entries without one are ignored.

    Parameters
    ----------
    folder : str or path-like
        One table per year (files or sub-folders).
    years : iterable of int, optional
        The years wanted (default: every year found).

    Returns
    -------
    list of (int, pathlib.Path)
        ``(year, entry)`` in year order.

    Raises
    ------
    DataNotFoundError
        When ``folder`` is not a folder, or a year asked for has no entry.
    ValidationError
        When a year has more than one entry.

    Examples
    --------
    >>> import tempfile
    >>> from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = synthetic_icio_panel(folder, 3, 2, [2019, 2020])
    ...     entries = panel_years(folder)
    >>> [(year, path.name) for year, path in entries]
    [(2019, 'ICIOSYN_2019.csv'), (2020, 'ICIOSYN_2020.csv')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataNotFoundError(f"panel folder not found: {folder}; give a folder with one table per year (e.g. ICIO2023_1995.csv)")
    found: dict[int, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith("."):
            continue
        hits = set(_YEAR.findall(_EDITION.sub("", p.name)))  # ICIO2023_1995.csv: 2023 is the edition, not the year
        if len(hits) == 1:
            found.setdefault(int(hits.pop()), []).append(p)
    two = {y: ps for y, ps in found.items() if len(ps) > 1}
    if two:
        y, ps = sorted(two.items())[0]
        raise ValidationError(f"{folder} holds {len(ps)} tables for {y} ({', '.join(p.name for p in ps[:3])}); keep one per year")
    if not found:
        raise DataNotFoundError(f"{folder} holds no table with a year in its name (e.g. ICIO2023_1995.csv or 1995/); check the folder")
    want = sorted(found) if years is None else sorted(set(int(y) for y in years))
    missing = [y for y in want if y not in found]
    if missing:
        have = sorted(found)
        raise DataNotFoundError(f"{folder} has no table for {', '.join(map(str, missing[:5]))}"
                                f"{' ...' if len(missing) > 5 else ''} (it has {have[0]}-{have[-1]}, {len(have)} years); "
                                "choose --years within them")
    return [(y, found[y][0]) for y in want]


def year_csv(year: int, df: pd.DataFrame, *, header: bool, float_format: str | None = "%.10g") -> str:
    """The CSV text of one year's rows with a leading ``year`` column (as ``write_csv`` formats it).

    Parameters
    ----------
    year : int
        The year written in the first column.
    df : DataFrame
        The year's rows (not changed).
    header : bool
        Write the header line (the first year only).
    float_format : str or None, default "%.10g"
        Format of the floats (None: Python's shortest round-trip repr).

    Returns
    -------
    str
        CSV text with ``\\n`` line ends.

    Examples
    --------
    >>> import pandas as pd
    >>> print(year_csv(2020, pd.DataFrame({"a": [1.5, 2.25]}), header=True), end="")
    year,a
    2020,1.5
    2020,2.25
    """
    out = df.copy()
    out.insert(0, "year", int(year))
    return out.to_csv(None, index=False, header=header, float_format=float_format, lineterminator="\n")


@dataclass(frozen=True)
class PanelRun:
    """What :func:`run_panel` wrote: the years, the rows and the output file.

    Parameters
    ----------
    years : tuple of int
        The years run, in order.
    rows : int
        The number of data rows written (all years).
    path : pathlib.Path
        The CSV file written.

    Examples
    --------
    >>> from pathlib import Path
    >>> PanelRun(years=(2019, 2020), rows=6, path=Path("out.csv")).rows
    6
    """

    years: tuple[int, ...]
    rows: int
    path: Path


def release_memory() -> bool:
    """Hand the memory freed by one year's work back to the operating system (between years).

    ``gc.collect()``, then glibc's ``malloc_trim(0)`` where the C library has it (Linux);
    elsewhere only the collection. Why: numpy's large arrays are ``mmap``-ed and returned
    when freed, but glibc then raises its mmap threshold (up to 32 MB), so the next year's
    mid-size arrays come from the heap, and the heap keeps what they free. Measured on the
    80 x 50 ICIO (``bench/bench_gvc_standard.py``): without it the heap's free part grew
    from 0.15 GB after year 1 to 0.25 GB after year 2, and resident memory with it.

    Returns
    -------
    bool
        True when ``malloc_trim`` released memory.

    Examples
    --------
    >>> isinstance(release_memory(), bool)
    True
    """
    import ctypes
    import gc
    import sys

    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    return bool(trim(0))


def _one(item, fn, float_format="%.10g"):
    """(year, rows, CSV text, columns), or (year, None, error class name, message) on failure."""
    year, path = item
    try:
        df = fn(Path(path))
    except Exception as exc:  # carried back to the driver, which raises it there (one line for users)
        return year, None, type(exc).__name__, str(exc)
    out = year, len(df), year_csv(year, df, header=False, float_format=float_format), list(df.columns)
    del df
    release_memory()  # the next year starts from what this one freed
    return out


def _raise(year: int, name: str, message: str) -> None:
    from ..errors import NotProductiveError

    known = {"ValidationError": ValidationError, "DataNotFoundError": DataNotFoundError,
             "NotProductiveError": NotProductiveError}
    cls = known.get(name)
    if cls is None:
        raise RuntimeError(f"year {year}: {name}: {message}")
    raise cls(message if str(year) in message else f"year {year}: {message}")


def run_panel(
    folder: str | os.PathLike,
    fn: Callable[[Path], pd.DataFrame],
    output: str | os.PathLike,
    *,
    years: Iterable[int] | None = None,
    engine: str = "local",
    float_format: str | None = "%.10g",
    progress: Callable[[int], None] | None = None,
) -> PanelRun:
    """Apply ``fn`` to each year's table of ``folder`` and write one CSV with a ``year`` column.

    Parameters
    ----------
    folder : path
        One table per year (see the module docstring).
    fn : callable
        ``table path -> DataFrame`` (the same columns every year). With ``engine="spark"``
        it must be picklable (a module-level function or a closure over such).
    output : path
        The CSV file, written atomically (nothing is left on failure).
    years : iterable of int, optional
        The years to run (default: every year in the folder).
    engine : {"local", "spark"}
        ``"local"``: one year after another in this process; ``"spark"``: one Spark task
        per year, results streamed back in year order (``toLocalIterator``).
    float_format : str or None
        Format of the floats (None: Python's shortest round-trip repr, as ``write_csv`` without one).
    progress : callable, optional
        Called with each year once its rows are written.

    Returns
    -------
    PanelRun
        The years run, the number of rows and the output path.

    Raises
    ------
    ValidationError
        If ``engine`` is unknown, a year gives other columns than the first, or ``fn``
        raises one for a year (the year is named).
    DataNotFoundError
        If ``folder`` is not a folder or a year has no table (see :func:`panel_years`).
    RuntimeError
        If ``fn`` raises another exception for a year (its class and message are named).

    Examples
    --------
    >>> import tempfile
    >>> from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
    >>> from pathlib import Path
    >>> from valuechain.gvc.readers import read_oecd_icio
    >>> def output_by_country(path):
    ...     return read_oecd_icio(path).x.groupby(level=0).sum().rename("output").reset_index()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = synthetic_icio_panel(folder, 3, 2, [2019, 2020])
    ...     run = run_panel(folder, output_by_country, Path(folder, "out.csv"))
    ...     text = Path(folder, "out.csv").read_text()
    >>> run.years, run.rows
    ((2019, 2020), 6)
    >>> print(text.splitlines()[0])
    year,country,output
    """
    from .._files import atomic_path

    if engine not in PANEL_ENGINES:
        raise ValidationError(f"--engine {engine!r} is unknown; use local or spark")
    items = panel_years(folder, years)
    if engine == "spark":
        results = _spark_results(items, fn, float_format)
    else:
        results = (_one(item, fn, float_format) for item in items)
    rows, cols, done = 0, None, []
    with atomic_path(output) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        for year, n, text, columns in results:
            if n is None:
                _raise(year, text, columns)
            if cols is None:
                cols = columns
                fh.write(pd.DataFrame(columns=["year", *columns]).to_csv(None, index=False, lineterminator="\n"))
            elif columns != cols:
                raise ValidationError(f"the table of {year} gives other columns than the first year's; "
                                      "use tables with the same countries and industries, or run the years apart")
            fh.write(text)
            rows += n
            done.append(year)
            if progress is not None:
                progress(year)
    return PanelRun(years=tuple(done), rows=rows, path=Path(output))


def _spark_results(items, fn, float_format):
    """One Spark task per year; results back in year order, one partition at a time."""
    import sys

    from pyspark.sql import SparkSession

    from ..tables.trade.engine import connect

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter (valuechain importable)
    connect("spark")  # the package's local session (local[2]) unless one is active
    sc = SparkSession.getActiveSession().sparkContext
    if sc.master.startswith("local"):
        sc.pythonExec = sys.executable  # local workers run this Python (a session made earlier may name another)
    data = [(y, str(p)) for y, p in items]
    rdd = sc.parallelize(data, numSlices=max(len(data), 1))
    return rdd.map(lambda item: _one(item, fn, float_format)).toLocalIterator()


def write_oecd_icio(table: InterCountryTable, path: str | os.PathLike) -> Path:
    """Write an inter-country table in the OECD ICIO CSV layout (2023 edition labels).

    Rows and columns ``CTY_IND``; final-demand columns ``CTY_CAT``; output column ``OUT``;
    rows ``VA`` (value added, all of ``table.va``) and ``OUT``. :func:`read_oecd_icio
    <valuechain.gvc.readers.read_oecd_icio>` reads it back when the final-demand categories
    are OECD codes (``HFCE``, ``GFCF`` ...). Numbers are written as the shortest decimals
    that round-trip (exact).

    Parameters
    ----------
    table : InterCountryTable
        The table to write.
    path : str or path-like
        The CSV file, written atomically (nothing is left on failure).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValidationError
        When a final-demand category is not an OECD code
        (:data:`~valuechain.gvc.readers.OECD_FD_CATEGORIES`): the file could not be read back.

    References
    ----------
    .. [1] OECD (2023). *OECD Inter-Country Input-Output Tables*, 2023 release: ReadMe and
       table layout. OECD, Paris. http://oe.cd/icio

    Examples
    --------
    >>> import tempfile
    >>> from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
    >>> from pathlib import Path
    >>> from valuechain.gvc.readers import read_oecd_icio
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [src] = synthetic_icio_panel(folder, 3, 2, [2020])
    ...     table = read_oecd_icio(src)
    ...     out = write_oecd_icio(table, Path(folder, "copy.csv"))
    ...     again = read_oecd_icio(out)
    >>> bool((again.Z.to_numpy() == table.Z.to_numpy()).all())
    True
    """
    import numpy as np

    from .._files import atomic_path
    from .readers import OECD_FD_CATEGORIES

    bad = sorted({str(k) for _, k in table.Y.columns if str(k).upper() not in OECD_FD_CATEGORIES})
    if bad:
        raise ValidationError(f"final-demand categories {', '.join(map(repr, bad))} are not OECD ICIO codes, so the file "
                              f"could not be read back; rename them to OECD codes ({', '.join(sorted(OECD_FD_CATEGORIES))})")
    Z, Y, x, va = table.Z.to_numpy(), table.Y.to_numpy(), table.x.to_numpy(), table.va.to_numpy()
    nodes = [f"{c}_{i}" for c, i in table.Z.index]
    fd = [f"{c}_{k}" for c, k in table.Y.columns]
    df = pd.DataFrame(np.hstack([Z, Y, x[:, None]]), index=nodes, columns=nodes + fd + ["OUT"])
    pad = np.zeros(len(fd) + 1)
    extra = pd.DataFrame([np.r_[va, pad], np.r_[x, pad]], index=["VA", "OUT"], columns=df.columns)
    import pyarrow as pa
    import pyarrow.csv as pacsv

    full = pd.concat([df, extra])
    cols = {"": pa.array([str(r) for r in full.index])}
    cols.update({str(c): pa.array(full[c].to_numpy(float)) for c in full.columns})
    with atomic_path(path) as tmp:  # Arrow's writer: shortest round-trip decimals (exact), in C++
        pacsv.write_csv(pa.table(cols), tmp, pacsv.WriteOptions(quoting_style="needed"))
    return Path(path)


def __getattr__(name: str):
    # synthetic_icio_panel moved to valuechain.datasets.synthetic_intercountry (issue 22)
    from .._moved import moved_attr

    return moved_attr(__name__, name)
