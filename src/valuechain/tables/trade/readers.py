"""Readers of trade-flow files into the schema (lazily, as Ibis tables).

:func:`read_flows` reads

* **BACI** CSV (``t, i, j, k, v, q``; CEPII): product codes read as text and zero-padded
  to 6 digits, numeric country codes mapped to ISO3 (ISO 3166 numeric plus BACI's own
  codes, e.g. 842 USA, 251 France, 699 India, 757 Switzerland, 490 Taiwan "Other Asia,
  nes"), values in **thousand USD**; files without ``j`` (exporter × product, such as
  ``baci_kaz_exports/kaz_exports_2021.csv``) are read with a null importer;
* **UN Comtrade** bulk CSV (new API names ``refYear, reporterISO, partnerISO, cmdCode,
  flowCode, primaryValue, qty`` or the legacy ``Year, Reporter ISO, Partner ISO, Commodity
  Code, Trade Flow, Trade Value (US$)``), values in USD; exports (``flowCode X``) by
  default, imports as mirror flows with ``comtrade_flow="M"``; partner World dropped;
* **generic** CSV / Parquet with a column mapping ``{"year": "t", "product": "hs6", ...}``;
* files (or folders of Parquet files) already in the schema, as they are.

Every reader returns a :class:`TradeFlows`: the Ibis table in the schema plus metadata
(unit, HS revision, source, whether the data are synthetic).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd

from ...errors import DataNotFoundError, ValidationError
from ...ledger import Ledger
from .checks import check_world_totals, padding_ledger
from .engine import backend_of, default_connection, read_table, register_frame, to_pandas
from ..validation import as_flags
from .schema import SCHEMA_COLUMNS, check_hs_revisions, conform_table, validate_flows

__all__ = ["TradeFlows", "read_flows", "read_world_totals", "iso3_from_numeric", "FORMATS", "detect_format"]

#: formats understood by :func:`read_flows`
FORMATS = ("auto", "baci", "comtrade", "schema", "csv", "parquet")

#: BACI country codes that differ from ISO 3166-1 numeric (CEPII country_codes_V*.csv)
BACI_NUMERIC = {
    58: "BEL",  # Belgium-Luxembourg (before 1999)
    251: "FRA",
    381: "ITA",
    490: "TWN",  # "Other Asia, nes"
    579: "NOR",
    699: "IND",
    711: "ZAF",  # Southern African Customs Union (before 2000)
    757: "CHE",
    842: "USA",
    891: "SCG",  # Serbia and Montenegro
    530: "ANT",  # Netherlands Antilles
    736: "SDN",  # Sudan (before 2012)
    0: "WLD",
}

_BACI_COLUMNS = {"year": "t", "exporter": "i", "importer": "j", "product": "k", "value": "v", "quantity": "q"}

_COMTRADE_ALIASES = {
    "year": ("refYear", "period", "Year", "Period"),
    "reporter": ("reporterISO", "Reporter ISO", "reporterCode", "Reporter Code"),
    "partner": ("partnerISO", "Partner ISO", "partnerCode", "Partner Code"),
    "product": ("cmdCode", "Commodity Code"),
    "flow": ("flowCode", "Trade Flow Code", "Trade Flow"),
    "value": ("primaryValue", "Trade Value (US$)", "fobvalue", "TradeValue"),
    "quantity": ("qty", "netWgt", "Netweight (kg)", "Qty"),
}

#: aliases recognised in "auto" mode for generic files
_ALIASES = {
    "year": ("year", "t", "Year", "refYear", "period"),
    "exporter": ("exporter", "i", "reporter", "exporter_iso3", "iso3", "location_code", "origin"),
    "importer": ("importer", "j", "partner", "importer_iso3", "partner_code", "destination", "dest"),
    "product": ("product", "k", "hs6", "hs", "product_id", "cmdCode", "hs_product_code"),
    "value": ("value", "v", "export_value", "trade_value", "primaryValue"),
    "quantity": ("quantity", "q", "qty", "Quantity (in metric tons)"),
}


@dataclasses.dataclass(frozen=True)
class TradeFlows:
    """Trade flows in the schema, with their metadata.

    Attributes
    ----------
    table : ibis.Table
        Columns ``year, exporter, importer, product, value, quantity`` (lazy).
    unit : str
        Unit of ``value`` (``"thousand USD"`` for BACI, ``"USD"`` for Comtrade).
    hs_revision : str or None
        HS revision of the product codes (``"HS2002"``, ``"HS2012"`` ...), when known.
    bilateral : bool
        False when the files have no partner (exporter × product only).
    synthetic : bool
        True for panels made by :mod:`valuechain.trade.synthetic` (not observed data).
    source : str
        The files read and the format (and, for a download imported by ``valuechain data
        import``, its source and release).
    ledger : Ledger
        What reading changed in the rows (product codes zero-padded, ...), with counts
        (:class:`valuechain.ledger.Ledger`); written into the commands' ``summary.csv``.

    Examples
    --------
    Usually made by :func:`read_flows`; any Ibis table in the schema can be wrapped:

    >>> import pandas as pd
    >>> from valuechain.tables.trade import flows_table
    >>> t = flows_table(pd.DataFrame({"year": [2021], "exporter": ["KAZ"], "importer": ["CHN"],
    ...                               "product": ["270900"], "value": [1500.5]}))
    >>> flows = TradeFlows(table=t, unit="thousand USD", hs_revision="HS2012")
    >>> flows.to_pandas()[["year", "exporter", "product", "value"]]
       year exporter product   value
    0  2021      KAZ  270900  1500.5
    >>> flows.flags
    ()
    """

    table: ir.Table
    unit: str = "USD"
    hs_revision: str | None = None
    bilateral: bool = True
    synthetic: bool = False
    source: str = ""
    ledger: Ledger = Ledger()

    def __repr__(self) -> str:
        """A short summary (the rows are the engine table ``table``)."""
        cols = ", ".join(self.table.columns)
        return (f"TradeFlows([{cols}], unit={self.unit!r}, hs_revision={self.hs_revision!r}, bilateral={self.bilateral}"
                + (", SYNTHETIC" if self.synthetic else "") + (f", source={self.source!r}" if self.source else "")
                + (f", ledger: {len(self.ledger.entries)} entries" if getattr(self.ledger, "entries", ()) else "") + ")")

    @property
    def con(self) -> ibis.BaseBackend:
        """The Ibis backend holding the table."""
        return backend_of(self.table)

    def to_pandas(self) -> pd.DataFrame:
        """The flows as a sorted pandas frame (small data only)."""
        return to_pandas(self.table, sort=["year", "exporter", "importer", "product"])

    @property
    def flags(self) -> tuple[str, ...]:
        """Provenance flags, a tuple as on every other container: ``("synthetic",)`` for
        synthetic data, else ``()``. (Before 0.2 this was the string ``"synthetic"`` or ``""``;
        write ``"; ".join(flows.flags)`` for a flags column in outputs.)"""
        return as_flags(("synthetic",) if self.synthetic else ())

    def validate(self, **kw: Any) -> "TradeFlows":
        """Check the flows (labels: ISO3 codes, unique ``(year, exporter, importer, product)``
        keys; finite, non-negative values) with :func:`~valuechain.tables.trade.schema.validate_flows`
        (``kw`` are its options); returns the flows, conformed. The container's counterpart
        of :meth:`valuechain.tables.IOTable.validate`; both report through
        :mod:`valuechain.tables.validation`'s conventions (one line naming the problem and the fix)."""
        return self.replace(table=validate_flows(self.table, **kw))

    def replace(self, **kw: Any) -> "TradeFlows":
        """A copy with the fields in ``kw`` replaced (:func:`dataclasses.replace`)."""
        return dataclasses.replace(self, **kw)


@functools.lru_cache(maxsize=1)
def _numeric_map() -> dict[int, str]:
    import country_converter as coco

    d = coco.CountryConverter().data[["ISO3", "ISOnumeric"]].dropna()
    out = {int(n): str(c) for c, n in zip(d["ISO3"], d["ISOnumeric"])}
    out.update(BACI_NUMERIC)
    return out


def iso3_from_numeric(codes: Iterable[Any], *, table: pd.DataFrame | None = None) -> dict[str, str]:
    """Map numeric country codes (text or int) to ISO3.

    Uses ``table`` (columns ``country_code`` and ``country_iso3``, BACI's
    ``country_codes_V*.csv``) when given, else ISO 3166 numeric codes from
    ``country_converter`` plus BACI's own codes (:data:`BACI_NUMERIC`).

    Parameters
    ----------
    codes : iterable
        Numeric codes as text or numbers (``"398"``, ``398``, ``398.0``); ``None`` and NaN
        are skipped.
    table : DataFrame, optional
        A country table with ``country_code`` (or ``code``) and ``country_iso3`` (or
        ``iso_3digit_alpha``, ``iso3``) columns; its codes win over the built-in ones.

    Returns
    -------
    dict of str to str
        Each code as stripped text -> its ISO3 code.

    Raises
    ------
    ValidationError
        Listing the codes that have no ISO3 equivalent, or when ``table`` lacks the columns.

    Examples
    --------
    >>> iso3_from_numeric(["398", 860, "842"])
    {'398': 'KAZ', '860': 'UZB', '842': 'USA'}
    >>> import pandas as pd
    >>> iso3_from_numeric([999], table=pd.DataFrame({"country_code": [999], "country_iso3": ["XXX"]}))
    {'999': 'XXX'}
    """
    mapping = dict(_numeric_map())
    if table is not None:
        cols = {c.lower(): c for c in table.columns}
        code_c = cols.get("country_code") or cols.get("code")
        iso_c = cols.get("country_iso3") or cols.get("iso_3digit_alpha") or cols.get("iso3")
        if code_c is None or iso_c is None:
            raise ValidationError("the country table needs columns country_code and country_iso3 (BACI country_codes file)")
        mapping.update({int(a): str(b) for a, b in zip(table[code_c], table[iso_c]) if pd.notna(a) and pd.notna(b)})
    out: dict[str, str] = {}
    bad: list[str] = []
    for c in codes:
        if c is None or (isinstance(c, float) and c != c):
            continue
        s = str(c).strip()
        try:
            out[s] = mapping[int(float(s))]
        except (ValueError, KeyError):
            bad.append(s)
    if bad:
        bad = sorted(set(bad))
        raise ValidationError(
            f"unknown numeric country code(s) {', '.join(bad[:15])}{' ...' if len(bad) > 15 else ''}; "
            "pass BACI's country_codes file (country_table=..., CLI --country-codes) or map them to ISO3 first"
        )
    return out


def _header(path: Path) -> tuple[list[str], dict[bytes, bytes]]:
    """Column names (and Parquet key-value metadata) of a file or Parquet folder."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.parquet") if not p.name.startswith((".", "_")))
        if not files:
            raise DataNotFoundError(f"no Parquet files in folder {path}; give a CSV or Parquet file or a folder of Parquet files")
        import pyarrow.parquet as pq

        sch = pq.read_schema(files[0])
        names = list(sch.names)
        # hive partition folders (year=2001/...) add columns
        for part in files[0].relative_to(path).parts[:-1]:
            if "=" in part:
                names.append(part.split("=", 1)[0])
        return names, dict(sch.metadata or {})
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        sch = pq.read_schema(path)
        return list(sch.names), dict(sch.metadata or {})
    try:
        return list(pd.read_csv(path, nrows=0).columns), {}
    except pd.errors.EmptyDataError:
        raise ValidationError(f"{path.name} is empty; give a file with a header row and data") from None


def detect_format(columns: Sequence[str]) -> str:
    """Guess the layout from the column names: ``schema``, ``baci``, ``comtrade`` or ``csv`` (aliases).

    Parameters
    ----------
    columns : sequence of str
        The file's column names.

    Returns
    -------
    str
        ``"schema"`` (``year, exporter, product, value``), ``"baci"`` (``t, i, k, v``),
        ``"comtrade"`` (a reporter and a commodity-code column of the Comtrade API or bulk
        files), else ``"csv"`` (columns found by their known aliases).

    Examples
    --------
    >>> detect_format(["t", "i", "j", "k", "v", "q"])
    'baci'
    >>> detect_format(["refYear", "reporterISO", "partnerISO", "cmdCode", "flowCode", "primaryValue"])
    'comtrade'
    >>> detect_format(["year", "exporter", "importer", "product", "value"])
    'schema'
    """
    cols = set(columns)
    if {"year", "exporter", "product", "value"} <= cols:
        return "schema"
    if {"t", "i", "k", "v"} <= cols:
        return "baci"
    if any(a in cols for a in _COMTRADE_ALIASES["reporter"]) and any(a in cols for a in _COMTRADE_ALIASES["product"]):
        return "comtrade"
    return "csv"


def _pick(cols: Sequence[str], aliases: Iterable[str]) -> str | None:
    for a in aliases:
        if a in cols:
            return a
    return None


def _auto_mapping(cols: Sequence[str]) -> dict[str, str]:
    m = {k: _pick(cols, v) for k, v in _ALIASES.items()}
    return {k: v for k, v in m.items() if v is not None}


def _is_numeric_codes(values: Iterable[Any]) -> bool:
    vals = [str(v).strip() for v in values if v is not None and not (isinstance(v, float) and v != v)]
    return bool(vals) and all(re.fullmatch(r"\d+(\.0)?", v) for v in vals)


def _map_codes(t: ir.Table, con, country_table: pd.DataFrame | None) -> ir.Table:
    """Replace numeric exporter/importer codes by ISO3 (a join with a small mapping table)."""
    # a cheap look at the first rows decides; only numeric codes need the full list of distinct codes
    head = to_pandas(t.select("exporter", "importer").limit(1000))
    if not _is_numeric_codes(pd.concat([head.exporter, head.importer]).dropna().unique()):
        return t
    codes = to_pandas(t.select(code=t.exporter).union(t.select(code=t.importer)).distinct())["code"].dropna().tolist()
    if not _is_numeric_codes(codes):
        return t
    mapping = iso3_from_numeric(codes, table=country_table)
    mt = register_frame(pd.DataFrame({"code": list(mapping), "iso3": list(mapping.values())}), con=con)
    me = mt.rename(exp_iso3="iso3", exp_code="code")
    mi = mt.rename(imp_iso3="iso3", imp_code="code")
    j = t.left_join(me, t.exporter == me.exp_code).left_join(mi, t.importer == mi.imp_code)
    return j.select(
        year=j.year, exporter=j.exp_iso3, importer=j.imp_iso3, product=j["product"], value=j.value, quantity=j.quantity
    )


def _select(t: ir.Table, mapping: Mapping[str, str], *, product_digits: int | None, clean_text: bool = True) -> tuple[ir.Table, bool]:
    """The schema columns of ``t`` and whether its product codes need the padding scan
    (codes stored as numbers, or text read from a CSV file, or a width asked for)."""
    missing = [c for c in ("year", "exporter", "product", "value") if c not in mapping]
    if missing:
        raise ValidationError(
            f"flows lack column(s) for {', '.join(missing)} (found: {', '.join(t.columns)}); name them year, exporter, "
            "importer, product, value or pass a column mapping, e.g. columns={'value': 'v'}"
        )
    absent = [v for v in mapping.values() if v not in t.columns]
    if absent:
        raise ValidationError(f"column(s) {', '.join(absent)} named in the mapping are not in the file (found: {', '.join(t.columns)})")
    sel = {k: t[v] for k, v in mapping.items() if k in SCHEMA_COLUMNS}
    numeric = not sel["product"].type().is_string()
    out = conform_table(t.select(**sel), clean_text=clean_text)
    if product_digits or numeric:
        # codes stored as numbers: "123.0" -> "123"; the zero-padding (counted) is done by read_flows
        out = out.mutate(product=out["product"].re_replace(r"\.0+$", ""))
    return out, bool(product_digits or numeric or clean_text)


def _is_parquet(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in (".parquet", ".pq")


def _read_one(
    path: Path,
    *,
    format: str,
    columns: Mapping[str, str] | None,
    con,
    product_digits: int | None,
    comtrade_flow: str,
) -> tuple[ir.Table, str, dict[bytes, bytes], int | None, bool]:
    cols, meta = _header(path)
    fmt = format
    if fmt in ("auto", "csv", "parquet"):
        fmt = "generic" if columns else detect_format(cols)
        if fmt == "csv":
            fmt = "generic"
    raw = read_table(path, con=con)
    if fmt == "schema":
        t, scan = _select(raw, {c: c for c in SCHEMA_COLUMNS if c in cols}, product_digits=product_digits,
                          clean_text=not _is_parquet(path))
        return t, "schema", meta, product_digits, scan
    if fmt == "baci":
        mapping = {k: v for k, v in _BACI_COLUMNS.items() if v in cols}
        if columns:
            mapping.update(columns)
        t, scan = _select(raw, mapping, product_digits=product_digits or 6)
        return t, "baci", meta, product_digits or 6, scan
    if fmt == "comtrade":
        t, scan = _read_comtrade(raw, cols, columns, product_digits, comtrade_flow)
        return t, "comtrade", meta, product_digits, scan
    if fmt == "generic":
        mapping = dict(columns) if columns else _auto_mapping(cols)
        if not columns and mapping.get("product") in ("k", "hs6") and product_digits is None:
            product_digits = 6
        t, scan = _select(raw, mapping, product_digits=product_digits)
        return t, "generic", meta, product_digits, scan
    raise ValidationError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")


def _read_comtrade(raw: ir.Table, cols, columns, product_digits, flow: str) -> tuple[ir.Table, bool]:
    m = {k: _pick(cols, v) for k, v in _COMTRADE_ALIASES.items()}
    if columns:
        m.update(columns)
    need = [k for k in ("year", "reporter", "partner", "product", "value") if not m.get(k)]
    if need:
        raise ValidationError(f"Comtrade file lacks column(s) for {', '.join(need)}; found {', '.join(cols)}")
    t = raw
    if m.get("flow"):
        f = t[m["flow"]].cast("string").strip().upper()
        want = {"X": ("X", "EXPORT", "2"), "M": ("M", "IMPORT", "1")}[flow.upper()]
        t = t.filter(f.isin(want))
    rep, par = t[m["reporter"]].cast("string").strip(), t[m["partner"]].cast("string").strip()
    world = par.upper().isin(("WLD", "WORLD", "0", "W00"))
    t = t.filter(~world)
    exporter, importer = (rep, par) if flow.upper() == "X" else (par, rep)
    sel = dict(year=t[m["year"]], exporter=exporter, importer=importer, product=t[m["product"]], value=t[m["value"]])
    if m.get("quantity"):
        sel["quantity"] = t[m["quantity"]]
    return _select(t.select(**sel), {c: c for c in sel}, product_digits=product_digits)


from .filemeta import file_facts, hs_from_name as _hs_from_name, normalise_hs as _normalise_hs  # noqa: E402


def read_flows(
    path: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    format: str = "auto",
    columns: Mapping[str, str] | None = None,
    hs_revision: str | None = None,
    unit: str | None = None,
    con: ibis.BaseBackend | None = None,
    duplicates: str = "error",
    validate: bool = True,
    check_codes: bool = True,
    country_table: pd.DataFrame | None = None,
    product_digits: int | None = None,
    comtrade_flow: str = "X",
    drop_blank: bool = False,
    cache: bool = False,
) -> TradeFlows:
    """Read trade-flow file(s) into the schema.

    Parameters
    ----------
    path : path or list of paths
        CSV files, Parquet files or folders of Parquet files; several are stacked.
    format : {"auto", "baci", "comtrade", "schema", "csv", "parquet"}
        ``"auto"`` (default) recognises the schema, BACI (``t, i, j, k, v, q``) and Comtrade
        column names and common aliases (``hs6``, ``export_value``, ...).
    columns : mapping, optional
        Schema name → file column, e.g. ``{"year": "t", "product": "hs6"}``.
    hs_revision : str, optional
        HS revision of the product codes (``"HS2002"``, ``"H4"``, ``"2012"``); else read
        from the file name (``BACI_HS92_...``) or Parquet metadata. Files with different
        revisions are an error.
    unit : str, optional
        Unit of ``value``; default ``"thousand USD"`` for BACI, else ``"USD"`` (or the
        Parquet metadata's ``valuechain.unit``).
    con : ibis backend, optional
        From :func:`valuechain.trade.engine.connect`; default DuckDB.
    duplicates : {"error", "sum"}
        Rows repeating a ``(year, exporter, importer, product)`` key.
    validate : bool
        Run :func:`~valuechain.trade.schema.validate_flows` (a few scans of the data).
    check_codes : bool
        With ``validate``: check that exporter and importer codes are known ISO3 codes
        (default True).
    country_table : DataFrame, optional
        BACI's ``country_codes`` table for numeric codes.
    product_digits : int, optional
        Zero-pad product codes to this many digits (6 for BACI by default).
    comtrade_flow : {"X", "M"}
        Comtrade: keep exports (reporter = exporter) or imports (mirror: reporter = importer).
    drop_blank : bool
        Drop rows whose exporter or product code is blank (counted in ``ledger``); by
        default such a row is an error (it would be a country or a product of its own).
    cache : bool
        Materialise the rows in the engine (a temporary table, Ibis ``.cache()``) once
        the files are stacked and again once they are checked, so that the checks and
        every indicator computed from the result query that table instead of parsing the
        files and compiling the whole reading pipeline again (for small inputs queried
        many times, e.g. by the report; default False: the table stays lazy).

    Returns
    -------
    TradeFlows
        The flows (lazy Ibis table) with their unit, HS revision, source and ledger.

    Raises
    ------
    DataNotFoundError
        When a file does not exist.
    ValidationError
        When no file is given, files mix HS revisions, or the rows fail validation
        (duplicate keys, negative or non-finite values, unknown codes, blank codes).

    References
    ----------
    Gaulier, G. and Zignago, S. (2010). BACI: International Trade Database at the Product-Level.
    The 1994-2007 Version. CEPII Working Paper 2010-23 (the BACI layout and units).

    Examples
    --------
    A BACI file (numeric country codes, thousand USD, a product code that lost its leading zero):

    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "BACI_HS12_Y2021_V202401.csv"  # BACI's layout and file name
    >>> _ = path.write_text("t,i,j,k,v,q\\n2021,398,156,270900,1500.5,300.0\\n2021,398,643,10190,20.0,\\n")
    >>> flows = read_flows(path)
    >>> flows.unit, flows.hs_revision, flows.bilateral
    ('thousand USD', 'HS2012', True)
    >>> flows.to_pandas()
       year exporter importer product   value  quantity
    0  2021      KAZ      CHN  270900  1500.5     300.0
    1  2021      KAZ      RUS  010190    20.0       NaN
    >>> flows.ledger.entries[0].what
    'product codes to 6 digits'
    """
    paths = [Path(p) for p in ([path] if isinstance(path, (str, os.PathLike)) else list(path))]
    if not paths:
        raise ValidationError("no flows file given")
    for p in paths:
        if not p.exists():
            raise DataNotFoundError(f"file not found: {p}; check the path")
    con = con if con is not None else default_connection()
    tables, fmts, revs, units, synth, origins, widths, scans = [], [], [], [], [], [], [], []
    for p in paths:
        t, fmt, meta, width, scan = _read_one(p, format=format, columns=columns, con=con, product_digits=product_digits,
                                              comtrade_flow=comtrade_flow)
        tables.append(t)
        widths.append(width)
        scans.append(scan)
        fmts.append(fmt)
        revs.append(_normalise_hs(hs_revision) if hs_revision else _hs_from_name(p, meta))
        facts = file_facts(meta)  # an imported download (valuechain data import) names its source and release (issue 21)
        if facts["unit"] is not None:
            units.append(facts["unit"])
        synth.append(facts["synthetic"])
        origins.append(facts["origin"])
    hs = check_hs_revisions(revs)
    t = tables[0]
    for other in tables[1:]:
        t = t.union(other, distinct=False)
    if cache:
        t = t.cache()
    t = _map_codes(t, con, country_table)
    ledger = Ledger()
    if any(scans):  # codes stored as numbers lost their leading zeros: pad them to the width, counted
        known = {w for w in widths if w} or ({6} if hs else set())
        t, ledger = padding_ledger(t, width=max(known) if known else None)
    if drop_blank:  # rows without an exporter or product code: dropped, counted in the ledger
        blank = t.exporter.isnull() | (t.exporter < "!") | t["product"].isnull() | (t["product"] < "!")
        n_blank = int(to_pandas(t.filter(blank).count()))
        if n_blank:
            t = t.filter(~blank)
            ledger = ledger.add("dropped", "rows without an exporter or product code", n_blank, "drop_blank=True")
    if validate:
        t = validate_flows(t, duplicates=duplicates, check_codes=check_codes)
    if cache:
        t = t.cache()
    if unit is None:
        unit = units[0] if units else ("thousand USD" if "baci" in fmts else "USD")
    bilateral = bool(int(to_pandas(t.filter(t.importer.notnull()).limit(1).count())))
    src = "; ".join(f"{p.name} ({f}{': ' + o if o else ''})" for p, f, o in zip(paths, fmts, origins))
    return TradeFlows(table=t, unit=unit, hs_revision=hs, bilateral=bilateral, synthetic=any(synth), source=src, ledger=ledger)


def read_world_totals(path: str | os.PathLike, *, con: ibis.BaseBackend | None = None, columns: Mapping[str, str] | None = None,
                      product_digits: int = 6, check: bool = True) -> ir.Table:
    """Read world exports by product and year (columns ``year, product, value``).

    With ``check`` (default) the rows pass :func:`valuechain.tables.trade.checks.check_world_totals`
    (finite, non-negative values, plausible years, non-blank products, one row per year and
    product): they are the denominator of every RCA computed with them.

    Used as the exact RCA / PRODY denominator (e.g. ``baci_brics_hs6_2015_2024/world_totals.parquet``,
    whose product column ``hs6`` is recognised).

    Parameters
    ----------
    path : path
        A CSV or Parquet file (or folder of Parquet files).
    con : ibis backend, optional
        Default the process-wide DuckDB connection.
    columns : mapping, optional
        Schema name → file column for ``year``, ``product``, ``value``; default recognised
        from common aliases (``t``, ``hs6``, ``k``, ``v``, ``export_value`` ...).
    product_digits : int
        Zero-pad numeric product codes to this many digits (default 6).
    check : bool
        Run the row checks above (default True).

    Returns
    -------
    ibis.Table
        ``year, product, value`` (lazy).

    Raises
    ------
    DataNotFoundError
        When the file does not exist.
    ValidationError
        When a column cannot be found or the rows fail the checks.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from valuechain.tables.trade import to_pandas
    >>> path = Path(tempfile.mkdtemp()) / "world.csv"
    >>> _ = path.write_text("year,hs6,value\\n2021,270900,90000.0\\n2021,10190,500.0\\n")
    >>> to_pandas(read_world_totals(path))
       year product    value
    0  2021  010190    500.0
    1  2021  270900  90000.0
    """
    p = Path(path)
    if not p.exists():
        raise DataNotFoundError(f"file not found: {p}; check the path")
    cols, _ = _header(p)
    raw = read_table(p, con=con)
    m = dict(columns or {})
    m.setdefault("year", _pick(cols, _ALIASES["year"]))
    m.setdefault("product", _pick(cols, _ALIASES["product"]))
    m.setdefault("value", _pick(cols, _ALIASES["value"]))
    if not all(m.values()):
        raise ValidationError(f"world totals need year, product and value columns; found {', '.join(cols)}")
    sel = raw.select(year=raw[m["year"]], exporter=ibis.literal("WLD"), product=raw[m["product"]], value=raw[m["value"]])
    t = conform_table(sel, clean_text=not _is_parquet(p)).select("year", "product", "value")
    p6 = t["product"].re_replace(r"\.0+$", "")
    t = t.mutate(product=ibis.ifelse(p6.re_search(r"^[0-9]+$") & (p6.length() < product_digits), p6.lpad(product_digits, "0"), p6))
    if check:  # the denominator of every RCA: the same row checks as the flows, one row per (year, product)
        t = check_world_totals(t, what=f"world totals {p.name}")
    return t
