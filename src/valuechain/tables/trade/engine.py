"""The query engine: DuckDB in-process (default) or Apache Spark, both driven through Ibis.

Every trade indicator is written once as an Ibis expression over a flows table with the
schema columns (``year, exporter, importer, product, value, quantity``; see
:mod:`valuechain.trade.schema`) and runs unchanged on either backend:

* ``connect("duckdb")`` — an in-process DuckDB database (out-of-core over Parquet);
* ``connect("spark")`` — a local PySpark session (``local[2]``, few shuffle partitions),
  created once per process and cached.

:func:`to_pandas` runs an expression and returns a deterministic (sorted, typed) pandas
frame. This is the bottom layer of :mod:`valuechain.trade`: it imports no other trade
module. Turning a path, a frame or a :class:`~valuechain.trade.readers.TradeFlows` into a
table is :mod:`valuechain.trade.flows` (above the schema and the readers).
"""

from __future__ import annotations

import itertools
import os
import threading
from pathlib import Path
from typing import Any, Iterable, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd

from ...errors import DataNotFoundError, ValidationError

__all__ = ["ENGINES", "connect", "default_connection", "read_table", "code_filter", "to_pandas", "backend_of", "engine_name", "register_frame"]

#: the engines understood by :func:`connect`
ENGINES = ("duckdb", "spark")

_LOCK = threading.Lock()
_SPARK_CON: Any = None
_DUCK_DEFAULT: Any = None
_COUNTER = itertools.count()


def _spark_session(*, master: str = "local[2]", shuffle_partitions: int = 2, driver_memory: str = "2g", **conf: Any):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", "python3"))
    b = (
        SparkSession.builder.master(master)
        .appName("valuechain")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.ansi.enabled", "false")
    )
    for k, v in conf.items():
        b = b.config(k, str(v))
    session = b.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: str = "duckdb", **kw: Any) -> ibis.BaseBackend:
    """Return an Ibis backend for ``engine`` (``"duckdb"`` or ``"spark"``).

    Parameters
    ----------
    engine : {"duckdb", "spark"}
        ``"duckdb"``: a new in-process DuckDB connection (keywords such as ``threads``,
        ``memory_limit`` are passed to :func:`ibis.duckdb.connect`). ``"spark"``: the
        process-wide cached local Spark session (``local[2]``, 2 shuffle partitions;
        keywords ``master``, ``shuffle_partitions``, ``driver_memory`` and other Spark
        configuration entries apply only when the session is first created).
    **kw
        Options of the backend (above).

    Returns
    -------
    ibis.BaseBackend
        The connection, to pass as ``con=`` to the readers and indicator functions.

    Raises
    ------
    ValidationError
        For an unknown engine name.

    Examples
    --------
    >>> con = connect("duckdb", threads=1)
    >>> con.name
    'duckdb'
    >>> connect("polars")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: unknown engine 'polars'; use one of duckdb, spark
    """
    global _SPARK_CON
    if engine == "duckdb":
        return _duck(**kw)
    if engine == "spark":
        with _LOCK:
            if _SPARK_CON is None:
                _SPARK_CON = ibis.pyspark.connect(_spark_session(**kw))
            return _SPARK_CON
    raise ValidationError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")


def _duck(**kw: Any):
    con = ibis.duckdb.connect(**kw)
    # the indicators query the same Parquet files many times: keep their footers in memory
    con.raw_sql("SET parquet_metadata_cache = true")
    return con


def default_connection() -> ibis.BaseBackend:
    """The process-wide in-process DuckDB connection used when no ``con`` is given.

    Created on first use (with the Parquet metadata cache on) and shared by every call
    after it.

    Returns
    -------
    ibis.BaseBackend
        The DuckDB connection.

    Examples
    --------
    >>> con = default_connection()
    >>> con is default_connection(), engine_name(con)
    (True, 'duckdb')
    """
    global _DUCK_DEFAULT
    with _LOCK:
        if _DUCK_DEFAULT is None:
            _DUCK_DEFAULT = _duck()
        return _DUCK_DEFAULT


_default_con = default_connection  # former private name, kept for branches not yet merged


def engine_name(con: ibis.BaseBackend) -> str:
    """``"duckdb"`` or ``"spark"`` for an Ibis backend.

    Parameters
    ----------
    con : ibis.BaseBackend
        A connection (of :func:`connect`).

    Returns
    -------
    str
        ``"spark"`` for Ibis's ``pyspark`` backend, else the backend's own name
        (``"duckdb"``).

    Examples
    --------
    >>> engine_name(connect("duckdb", threads=1))
    'duckdb'
    """
    name = getattr(con, "name", "")
    return "spark" if name == "pyspark" else name


def backend_of(expr: ir.Expr, con: ibis.BaseBackend | None = None) -> ibis.BaseBackend:
    """The backend an expression is bound to (``con`` if given, else its own, else DuckDB).

    Parameters
    ----------
    expr : ibis.Expr
        An Ibis expression.
    con : ibis.BaseBackend, optional
        A connection that wins over the expression's own.

    Returns
    -------
    ibis.BaseBackend
        ``con``; else the backend of the tables in ``expr``; else (an unbound memtable)
        :func:`default_connection`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, 2.0, 7.0]})
    >>> t = register_frame(df)
    >>> engine_name(backend_of(t))
    'duckdb'
    """
    if con is not None:
        return con
    try:
        return expr._find_backend(use_default=False)
    except Exception:  # unbound (memtables only)
        return default_connection()


def _unique_name(prefix: str = "vc_flows") -> str:
    return f"{prefix}_{os.getpid()}_{next(_COUNTER)}"


def _arrow(df: pd.DataFrame):
    import pyarrow as pa

    tbl = pa.Table.from_pandas(df, preserve_index=False)
    fields = []
    for f in tbl.schema:
        if pa.types.is_null(f.type):
            f = pa.field(f.name, pa.string())
        elif pa.types.is_large_string(f.type):
            f = pa.field(f.name, pa.string())
        fields.append(f)
    return tbl.cast(pa.schema(fields))


_SPARK_TYPES = {"int64": "bigint", "int32": "int", "int16": "smallint", "int8": "tinyint", "double": "double",
                "float": "float", "string": "string", "bool": "boolean"}


def register_frame(df: pd.DataFrame, *, con: ibis.BaseBackend | None = None, name: str | None = None) -> ir.Table:
    """Register a pandas frame as a (temporary) table of ``con`` and return it.

    Columns that are entirely null are typed as text (e.g. ``importer`` of exporter ×
    product data).

    Parameters
    ----------
    df : DataFrame
        The rows (its index is dropped).
    con : ibis.BaseBackend, optional
        The connection (default: :func:`default_connection`); DuckDB or Spark.
    name : str, optional
        The table's name (default: a fresh unique name); an existing temporary table of
        that name is replaced.

    Returns
    -------
    ibis.expr.types.Table
        The registered table, bound to ``con``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, 2.0, 7.0]})
    >>> t = register_frame(df)
    >>> t.columns
    ('year', 'exporter', 'product', 'value')
    """
    con = con if con is not None else default_connection()
    name = name or _unique_name()
    tbl = _arrow(df.reset_index(drop=True))
    if engine_name(con) == "spark":
        ddl = ", ".join(f"`{f.name}` {_SPARK_TYPES.get(str(f.type), 'string')}" for f in tbl.schema)
        pdf = tbl.to_pandas()
        pdf = pdf.astype(object).where(pdf.notna(), None) if len(pdf) else pdf
        sdf = con._session.createDataFrame(pdf, schema=ddl)
        sdf.createOrReplaceTempView(name)
        return con.table(name)
    return con.create_table(name, tbl, temp=True, overwrite=True)


def _parquet_files(path: Path) -> list[str]:
    files = sorted(str(p) for p in path.rglob("*.parquet") if not p.name.startswith((".", "_")))
    if not files:
        raise DataNotFoundError(f"no Parquet files in folder {path}; give a CSV or Parquet file or a folder of Parquet files")
    return files


def read_table(path: str | os.PathLike[str], *, con: ibis.BaseBackend | None = None, all_varchar_csv: bool = True) -> ir.Table:
    r"""Open a CSV file, a Parquet file or a folder of Parquet files (hive partitions kept) lazily.

    CSV columns are read as text (no type guessing: product codes keep leading zeros);
    cast them afterwards.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` (``.csv.gz``, ``.txt``, ``.tsv``) or ``.parquet`` (``.pq``) file, or a
        folder of Parquet files (read recursively; hive partitions ``year=2020/`` become
        columns).
    con : ibis.BaseBackend, optional
        The connection (default: :func:`default_connection`).
    all_varchar_csv : bool, default True
        DuckDB: read every CSV column as text (``False``: let DuckDB guess types).

    Returns
    -------
    ibis.expr.types.Table
        The lazy table; nothing is read until a query runs.

    Raises
    ------
    DataNotFoundError
        If ``path`` does not exist, or a folder holds no Parquet file.
    ValidationError
        If the file is neither CSV nor Parquet.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "flows.csv"
    >>> _ = f.write_text("year,product\n2020,010110\n")
    >>> to_pandas(read_table(f)).values.tolist()   # text: the leading zero is kept
    [['2020', '010110']]
    """
    con = con if con is not None else default_connection()
    p = Path(path)
    if not p.exists():
        raise DataNotFoundError(f"file not found: {p}; check the path")
    spark = engine_name(con) == "spark"
    if p.is_dir():
        _parquet_files(p)
        if spark:  # only *.parquet files (a folder may hold a README or SYNTHETIC.md)
            return con.read_parquet(str(p), table_name=_unique_name("vc_pq"), pathGlobFilter="*.parquet")
        hive = any("=" in part for f in p.rglob("*.parquet") for part in f.relative_to(p).parts[:-1])
        return con.read_parquet(str(p / "**" / "*.parquet"), table_name=_unique_name("vc_pq"), hive_partitioning=hive, union_by_name=True)
    suffix = "".join(s.lower() for s in p.suffixes[-2:])
    if suffix.endswith(".parquet") or suffix.endswith(".pq"):
        return con.read_parquet(str(p), table_name=_unique_name("vc_pq"))
    if suffix.endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        if spark:
            return con.read_csv(str(p), table_name=_unique_name("vc_csv"), header=True, inferSchema=False)
        return con.read_csv(str(p), table_name=_unique_name("vc_csv"), all_varchar=all_varchar_csv, header=True)
    raise ValidationError(f"cannot read {p.name}: expected a .csv or .parquet file or a folder of Parquet files")


def _normalise_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for c in df.columns:
        s = df[c]
        kind = s.dtype.kind
        if kind in "iu":
            s = s.astype("int64")
        elif kind == "f":
            s = s.astype("float64")
        elif kind == "b":
            s = s.astype(bool)
        elif kind == "O":
            non_null = s.dropna()
            if len(non_null) and all(isinstance(v, (bool,)) for v in non_null.iloc[:50]):
                pass
            elif len(non_null) and all(hasattr(v, "as_tuple") for v in non_null.iloc[:50]):  # Decimal
                s = s.astype("float64")
        elif str(s.dtype).startswith(("string", "large_string")):
            s = s.astype(object)
        elif str(s.dtype) in ("Int64", "Int32", "Int16", "Int8"):
            s = s.astype("float64") if s.isna().any() else s.astype("int64")
        out[c] = s
    return pd.DataFrame(out, index=df.index)


def to_pandas(expr: ir.Expr, *, con: ibis.BaseBackend | None = None,
              sort: list[str] | Literal[False] | None = None) -> pd.DataFrame:
    """Execute ``expr`` and return a deterministic pandas frame.

    Integer columns come back as ``int64``, floats as ``float64``, text as ``object``; the
    rows are sorted by ``sort`` (default: every non-float column in order, then the floats)
    and the index reset, so DuckDB and Spark give identical frames.

    Parameters
    ----------
    expr : ibis.Expr
        A table or column expression.
    con : ibis.BaseBackend, optional
        The connection to run it on (default: the expression's own, see :func:`backend_of`).
    sort : list of str or False, optional
        The sort keys; ``None``: every non-float column, then the floats; ``False`` (or
        an empty list): the backend's order.

    Returns
    -------
    DataFrame
        The result with a fresh index (a scalar expression gives its value).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, 2.0, 7.0]})
    >>> t = register_frame(df)
    >>> to_pandas(t.group_by("exporter").aggregate(value=t.value.sum())).values.tolist()
    [['KAZ', 12.0], ['UZB', 2.0]]
    """
    backend = backend_of(expr, con)
    df = backend.execute(expr)
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        return df
    df = _normalise_dtypes(df)
    if len(df.columns):
        keys = sort if sort is not None else (
            [c for c in df.columns if df[c].dtype.kind not in "fc"] + [c for c in df.columns if df[c].dtype.kind in "fc"]
        )
        if keys:
            df = df.sort_values(keys, kind="mergesort", na_position="last")
    return df.reset_index(drop=True)


def code_filter(column: ir.Column, country: str | Iterable[str]) -> ir.BooleanValue:
    """``column == code`` for one code (lets Parquet statistics prune), ``column IN (...)`` for several.

    Parameters
    ----------
    column : ibis.expr.types.Column
        A text column (e.g. ``t.exporter``).
    country : str or iterable of str
        One code or several.

    Returns
    -------
    ibis.expr.types.BooleanValue
        The predicate, for ``t.filter(...)``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, 2.0, 7.0]})
    >>> t = register_frame(df)
    >>> to_pandas(t.filter(code_filter(t.exporter, "KAZ")))["value"].tolist()
    [5.0, 7.0]
    >>> int(to_pandas(t.filter(code_filter(t.exporter, ["KAZ", "UZB"])).count()))
    3
    """
    codes = [country] if isinstance(country, str) else list(country)
    return column == codes[0] if len(codes) == 1 else column.isin(codes)

