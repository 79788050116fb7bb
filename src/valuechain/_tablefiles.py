"""Tables written as CSV, Stata (``.dta``) or Parquet, chosen by the output's suffix.

Every command that writes a table goes through :func:`valuechain._files.write_csv`, which
hands ``.dta`` and ``.parquet`` targets to :func:`write_frame` here (one implementation
for all commands; the file is still written whole or not at all).

* **Stata** (``.dta``, format 118 = Stata 14/15+, UTF-8): variable names made valid
  Stata names of at most 32 characters and unique (:func:`stata_names`); a variable
  label (at most 80 characters) for each column from its description
  (the frame's ``attrs["column_labels"]``, :func:`describe_column`, else the column's
  name); value labels for categorical columns (pandas categoricals, the text columns of
  :data:`CATEGORICAL_COLUMNS`, and booleans: 0 = False, 1 = True); ``±inf`` written as missing, and said so in the
  variable's label; the dataset label says what the table is and where it came from.
* **Parquet**: the frame as it is, with the column descriptions and the provenance in
  the file's key-value metadata (``valuechain.column_labels`` as JSON,
  ``valuechain.source``, ``valuechain.release``, ``valuechain.version`` ...).
* **CSV**: unchanged (UTF-8, LF line ends).

Stata reads the file with ``use "m.dta"``; R with ``haven::read_dta("m.dta")`` (labels
kept as attributes) or ``arrow::read_parquet("m.parquet")``.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

__all__ = ["TABLE_SUFFIXES", "COLUMN_LABELS", "CATEGORICAL_COLUMNS", "describe_column", "stata_names", "stata_frame", "write_frame",
           "check_table_suffix", "OUTPUT_COLUMN_LABELS", "VALUE_COLUMNS", "table_labels", "write_copies"]

#: the suffixes a table output may have (the writer picks the format by it)
TABLE_SUFFIXES = (".csv", ".dta", ".parquet")

#: descriptions of columns whose name means the same in every command's output (Stata
#: variable labels, Parquet metadata); names whose meaning depends on the command (``output``
#: is gross output in one table and the output multiplier in another) are not listed: a
#: command describes them in ``df.attrs["column_labels"]``, else the rules of
#: :func:`describe_column` or the name itself are used
COLUMN_LABELS: dict[str, str] = {
    "sector": "Sector (industry or product) label",
    "industry": "Industry label",
    "region": "Region",
    "country": "Country (ISO 3166 alpha-3)",
    "exporter": "Exporting country (ISO 3166 alpha-3)",
    "importer": "Importing country (ISO 3166 alpha-3)",
    "partner": "Partner country",
    "product": "Product code (HS 6-digit)",
    "year": "Year",
    "unit": "Unit of the values",
    "note": "Provenance notes carried from the inputs",
    "flags": "Provenance flags (e.g. synthetic)",
    "class": "Linkage class (key, backward, forward, weak)",
    "factor": "Factor (cluster) number",
    "loading": "Factor loading of the industry",
    "eigenvalue": "Eigenvalue of the factor",
    "variance_share": "Share of the variance explained by the factor",
    "rotated_variance_share": "Share of the variance explained by the rotated factor",
    "member": "Industry is a member of the factor's cluster",
    "excluded": "Industry left out of the analysis",
    "eci": "Economic Complexity Index",
    "pci": "Product Complexity Index",
    "rca": "Revealed comparative advantage (Balassa)",
    "hhi": "Herfindahl-Hirschman index",
    "source": "Source of the data",
    "release": "Release (edition) of the source data",
    # trade, complexity, survival and opportunities outputs (names with one meaning there)
    "exports": "Exports",
    "imports": "Imports (mirror flows: other exporters' shipments)",
    "exports_yoy": "Year-on-year growth of exports (%)",
    "imports_yoy": "Year-on-year growth of imports (%)",
    "cagr": "Compound annual growth rate (% per year)",
    "n_items": "Number of items (products or markets) exported",
    "hhi_normalized": "Normalised Herfindahl-Hirschman index (0-1)",
    "top_share": "Share of the top-k items in exports (0-1)",
    "n_products": "Number of products exported",
    "n_markets": "Number of markets reached",
    "mcp": "Specialisation Mcp: 1 when RCA is at or above the threshold",
    "lall_code": "Lall (2000) technology class (UNCTAD code)",
    "tier": "Lall (2000) technology tier",
    "expy": "EXPY: export sophistication (Hausmann, Hwang and Rodrik 2007)",
    "diversity": "Diversity: number of products with Mcp = 1",
    "ubiquity": "Ubiquity: number of countries with Mcp = 1",
    "coi": "Complexity outlook index",
    "cog": "Complexity outlook gain",
    "density": "Density: relatedness of the product to the country's exports",
    "world_exports": "World exports of the product",
    "ci_lower": "Lower bound of the confidence band",
    "ci_upper": "Upper bound of the confidence band",
    "at_risk": "Spells at risk",
    "test_statistic": "Log-rank chi-square statistic",
    "p_value": "p-value",
}

#: text columns written with Stata value labels (as well as pandas categoricals and booleans)
CATEGORICAL_COLUMNS = frozenset({"class", "classification", "quadrant", "lall_class", "technology_class", "group", "type",
                                 "kind", "method", "perspective", "level", "status", "category", "role", "unit",
                                 "component", "dimension", "tier", "lall_code", "comparison"})

#: descriptions of the columns whose meaning depends on the table, for the tables of the
#: folder-writing commands (``trade``, ``complexity``, ``survival``, ``opportunities``), by
#: file stem; every other column is described by :data:`COLUMN_LABELS`
OUTPUT_COLUMN_LABELS: dict[str, dict[str, str]] = {
    "composition_sector": {"group": "Sector group", "value": "Exports of the group", "share": "Share of the exporter's exports (%)"},
    "composition_destination": {"group": "Destination group", "value": "Exports to the group",
                                "share": "Share of the exporter's exports (%)"},
    "composition_growth": {"dimension": "Dimension of the groups (sector or destination)", "group": "Group",
                           "start": "First year of the period", "end": "Last year of the period"},
    "concentration": {"dimension": "Items concentrated (product or market)", "n": "N of the normalised HHI"},
    "margins": {"base": "Base year (or window)", "end": "End year (or window)", "x0": "Exports in the base period",
                "x1": "Exports in the end period", "component": "Margin of export growth",
                "value": "Contribution to the change of exports", "share": "Share of the total change of exports (%)"},
    "rca": {"value": "Exports of the product"},
    "lall": {"label": "Lall (2000) technology class", "value": "Exports of the class", "share": "Share of the exporter's exports (%)"},
    "sophistication": {"coverage": "Share of the export basket with a PRODY (0-1)"},
    "countries": {"eci": "Economic Complexity Index (or fitness, by --method)"},
    "products": {"pci": "Product Complexity Index (or complexity, by --method)"},
    "opportunities": {"distance": "Distance: 1 - density", "score": "Opportunity score (feasibility and attractiveness)",
                      "rank": "Rank by score"},
    "kaplan_meier": {"group": "Group of spells", "time": "Duration (years)", "survival": "Kaplan-Meier survival probability"},
    "logrank": {"comparison": "Test: all groups or pairwise", "group_a": "First group", "group_b": "Second group",
                "df": "Degrees of freedom"},
    "medians": {"group": "Group of spells", "median": "Median spell duration (years)", "spells": "Number of spells",
                "events": "Spells that ended (events)"},
    "spell_counts": {"group": "Group of spells", "duration": "Spell duration (years)",
                     "event": "1 when the spell ended, 0 when censored", "count": "Number of spells"},
    "summary": {"item": "Item", "value": "Value"},
}

#: columns holding values in the flows' unit (the unit is added to their label)
VALUE_COLUMNS = frozenset({"value", "exports", "imports", "x0", "x1", "world_exports"})

_LINK = re.compile(r"^(?P<m>[a-z_]+?)_(?P<d>backward|forward|total)(?P<cv>_cv)?$")


def describe_column(name: str) -> str | None:
    """A description of a column from its name: :data:`COLUMN_LABELS`, or the linkage rule
    ``<method>_<backward|forward|total>[_cv]``, else None.

    Parameters
    ----------
    name : str
        The column name.

    Returns
    -------
    str or None
        The description.

    Examples
    --------
    >>> describe_column("rasmussen_backward_cv")
    'Coefficient of variation of the Rasmussen backward linkage'
    >>> describe_column("exporter")
    'Exporting country (ISO 3166 alpha-3)'
    """
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    m = _LINK.match(name)
    if m:
        what = f"{m['m'].replace('_', '-').title()} {m['d']} linkage"
        return f"Coefficient of variation of the {what}" if m["cv"] else what
    return None


_STATA_RESERVED = frozenset(
    "aggregate array boolean break byte case catch class colvector complex const continue default delegate delete do "
    "double else eltypedef end enum explicit export external float for friend function global goto if inline int "
    "local long NULL pragma protected quad rowvector short typedef typename virtual _all _N _skip _b _pi str# in "
    "_pred strL _coef _rc using _cons _se with _n".split()
)


def stata_names(columns) -> list[str]:
    """Valid, unique Stata variable names (at most 32 characters) for ``columns``.

    Characters other than ASCII letters, digits and ``_`` become ``_``; a name starting
    with a digit (or empty, or reserved in Stata) gets a ``_`` in front; names are cut to
    32 characters; a name already taken gets ``_2``, ``_3`` … (cut so the whole stays
    within 32 characters).

    Parameters
    ----------
    columns : iterable
        The column names (any objects; ``str()`` is taken).

    Returns
    -------
    list of str
        One Stata name per column, in order.

    Examples
    --------
    >>> stata_names(["output multiplier", "2019", "a" * 40, "a" * 41, "in"])
    ['output_multiplier', '_2019', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2', '_in']
    """
    out: list[str] = []
    taken: set[str] = set()
    for c in columns:
        s = re.sub(r"[^A-Za-z0-9_]", "_", str(c))
        if not s or s[0].isdigit() or s in _STATA_RESERVED:
            s = "_" + s
        s = s[:32]
        name, k = s, 1
        while name.lower() in taken:
            k += 1
            suf = f"_{k}"
            name = s[: 32 - len(suf)] + suf
        taken.add(name.lower())
        out.append(name)
    return out


def _one_line(text: str, limit: int) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _labels_for(df: pd.DataFrame, labels: Mapping[str, str] | None) -> dict[str, str]:
    known = dict(df.attrs.get("column_labels", {}) or {})
    known.update(labels or {})
    out = {}
    for c in df.columns:
        d = known.get(str(c)) or describe_column(str(c))
        if d:
            out[str(c)] = str(d)
    return out


def stata_frame(df: pd.DataFrame, labels: Mapping[str, str] | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame as Stata stores it, and the variable labels (Stata name → label).

    Columns get :func:`stata_names`; booleans become categoricals ``False``/``True``
    (value labels 0/1); text columns become ``str`` (missing as ``""``); ``±inf`` in a
    number column becomes missing and the label says so; the label of a column is its
    description (``labels``, the frame's ``attrs["column_labels"]``,
    :data:`COLUMN_LABELS`) or else the original name when the Stata name differs from
    the name with spaces for underscores, cut to 80 characters. Categorical columns
    (and the text columns of :data:`CATEGORICAL_COLUMNS`) are written with value labels.

    Parameters
    ----------
    df : DataFrame
        The table (its index is not written: reset it first to keep it).
    labels : mapping, optional
        Column name → description, overriding the known ones.

    Returns
    -------
    (DataFrame, dict)
        The converted frame and its variable labels.

    Examples
    --------
    >>> import numpy as np
    >>> f, lab = stata_frame(pd.DataFrame({"sector": ["A", "B"], "x y": [1.0, np.inf]}))
    >>> list(f.columns), f["x_y"].isna().tolist()
    (['sector', 'x_y'], [False, True])
    >>> lab["x_y"]
    'x y [inf written as missing]'
    """
    desc = _labels_for(df, labels)
    names = stata_names(df.columns)
    cols: dict[str, pd.Series] = {}
    var_labels: dict[str, str] = {}
    for name, col in zip(names, df.columns):
        s = df[col]
        label = desc.get(str(col)) or str(col).replace("_", " ")
        if s.dtype == object and str(col) in CATEGORICAL_COLUMNS and s.map(lambda v: isinstance(v, str)).all() and len(s):
            s = s.astype("category")
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = [_one_line(c, 32000) for c in s.cat.categories]
            if len(set(cats)) != len(cats):  # categories that read alike: keep the text
                s = s.astype(str)
            else:
                s = s.cat.rename_categories(cats)
        elif s.dtype.kind == "b":
            s = pd.Categorical(s.map({True: "True", False: "False"}), categories=["False", "True"])
            s = pd.Series(s, index=df.index)
        elif s.dtype.kind in "fiu":
            if s.dtype.kind == "f":
                inf = pd.Series(np.isinf(s.to_numpy(dtype="float64", na_value=np.nan)), index=s.index)
                if inf.any():
                    s = s.where(~inf)
                    label = (label or str(col)) + " [inf written as missing]"
            if s.dtype.kind in "iu" and not isinstance(s.dtype, np.dtype) and s.isna().any():
                s = s.astype("float64")  # a nullable integer with missing values (<NA>): a double with missing
            elif s.dtype.kind == "u" or (s.dtype.kind == "i" and s.notna().any() and (s.abs().max() > 2_147_483_620)):
                s = s.astype("float64")  # beyond Stata's long: a double (exact to 2**53)
        elif s.dtype.kind == "M":
            s = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        else:  # text and anything else: Stata strings (UTF-8 in format 118)
            s = s.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
        cols[name] = s
        if label:
            var_labels[name] = _one_line(label, 80)
    return pd.DataFrame(cols, index=df.index), var_labels


def table_labels(df: pd.DataFrame, stem: str, *, unit: str | None = None) -> dict[str, str]:
    """Variable labels of a folder command's table ``stem`` (``"margins"``, ``"countries"`` …).

    The table's own descriptions (:data:`OUTPUT_COLUMN_LABELS`), else the common ones
    (:func:`describe_column`); a number column of :data:`VALUE_COLUMNS` gets ``unit``
    appended.

    Parameters
    ----------
    df : DataFrame
        The table.
    stem : str
        Its file name without the suffix.
    unit : str, optional
        The unit of the value columns (the flows' unit).

    Returns
    -------
    dict
        Column name → label, for the columns that have one.

    Examples
    --------
    >>> df = pd.DataFrame({"exporter": ["KAZ"], "component": ["exits"], "value": [-20.0], "share": [-100.0]})
    >>> table_labels(df, "margins", unit="thousand USD")["value"]
    'Contribution to the change of exports (thousand USD)'
    >>> table_labels(df, "margins")["exporter"]
    'Exporting country (ISO 3166 alpha-3)'
    """
    own = OUTPUT_COLUMN_LABELS.get(stem, {})
    out: dict[str, str] = {}
    for c in df.columns:
        d = own.get(str(c)) or describe_column(str(c))
        if d and unit and str(c) in VALUE_COLUMNS and df[c].dtype.kind in "fiu":
            d = f"{d} ({unit})"
        if d:
            out[str(c)] = d
    return out


def write_copies(frames: Mapping[str, pd.DataFrame], folder: str | os.PathLike, suffixes: tuple[str, ...] | list[str], *,
                 unit: str | None = None, metadata: Mapping[str, str] | None = None) -> list[Path]:
    """Write each table of an output folder also as Stata and/or Parquet, beside its CSV.

    The folder-writing commands (``trade``, ``complexity``, ``survival``, ``opportunities``)
    call this with ``--stata`` / ``--parquet``: each frame goes through :func:`write_frame`
    with the labels of :func:`table_labels` and the provenance in ``metadata`` (title
    completed with the table's name).

    Parameters
    ----------
    frames : mapping
        File name (``"rca.csv"``) or stem → table.
    folder : path
        Where to write (the command's staging folder).
    suffixes : sequence of str
        ``".dta"`` and/or ``".parquet"``; empty: nothing is written.
    unit : str, optional
        The unit of the value columns.
    metadata : mapping, optional
        Provenance (``title``, ``source``, ``release``, ``unit`` …).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValidationError
        For a suffix other than ``.dta`` or ``.parquet``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> frames = {"margins.csv": pd.DataFrame({"component": ["intensive", "exits"], "value": [30.0, -10.0]})}
    >>> [p.name for p in write_copies(frames, d, [".dta", ".parquet"], unit="USD", metadata={"source": "BACI"})]
    ['margins.dta', 'margins.parquet']
    >>> pd.read_stata(d / "margins.dta")["component"].tolist()  # value labels applied
    ['intensive', 'exits']
    """
    out: list[Path] = []
    base = dict(metadata or {})
    for name, df in frames.items():
        stem = Path(name).stem
        meta = {**base, "title": f"{base['title']}: {stem}" if base.get("title") else stem}
        meta = {k: str(v) for k, v in meta.items() if v not in (None, "")}
        for suf in suffixes:
            out.append(write_frame(df, Path(folder) / f"{stem}{suf}", labels=table_labels(df, stem, unit=unit), metadata=meta))
    return out


def check_table_suffix(path: str | os.PathLike, what: str = "table") -> Path:
    """Raise a one-line error unless ``path`` ends in ``.csv``, ``.dta`` or ``.parquet``.

    Parameters
    ----------
    path : path
        The output file.
    what : str
        What is written, for the message.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValidationError
        For any other suffix.

    Examples
    --------
    >>> check_table_suffix("m.dta").name
    'm.dta'
    """
    from .errors import ValidationError

    p = Path(path)
    if p.suffix.lower() not in TABLE_SUFFIXES:
        raise ValidationError(f"cannot write the {what} as {p.name}: give a file ending in .csv, .dta (Stata) or .parquet")
    return p


def write_frame(df: pd.DataFrame, path: str | os.PathLike, *, index: bool = False, labels: Mapping[str, str] | None = None,
                metadata: Mapping[str, str] | None = None, tmp: str | os.PathLike | None = None) -> Path:
    """Write ``df`` as Stata or Parquet, by the suffix of ``path`` (``.dta`` or ``.parquet``).

    Parameters
    ----------
    df : DataFrame
        The table.
    path : path
        The target; its suffix chooses the format.
    index : bool
        Write the index as the first column(s).
    labels : mapping, optional
        Column name → description (variable labels; Parquet metadata).
    metadata : mapping, optional
        Provenance (``title``, ``source``, ``release`` …): the Stata dataset label and
        Parquet key-value metadata (``valuechain.<key>``). The frame's
        ``attrs["provenance"]`` is used when not given.
    tmp : path, optional
        Write here instead (the caller renames it onto ``path``).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValidationError
        For a suffix other than ``.dta`` or ``.parquet``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_frame(pd.DataFrame({"sector": ["A"], "output_multiplier": [1.5]}), d / "m.dta")
    >>> pd.read_stata(d / "m.dta")["output_multiplier"].tolist()
    [1.5]
    """
    from . import __version__
    from .errors import ValidationError

    target = Path(path)
    out = Path(tmp) if tmp is not None else target
    suffix = target.suffix.lower()
    if index:
        df = df.reset_index()
    meta = dict(df.attrs.get("provenance", {}) or {}) if metadata is None else dict(metadata)
    if suffix == ".dta":
        frame, var_labels = stata_frame(df, labels)
        title = meta.get("title") or target.stem
        # the release before the source: a long source name is what the 80 characters cut
        bits = [str(title)] + [f"{k}: {meta[k]}" for k in ("release", "source") if meta.get(k)]
        data_label = _one_line(f"valuechain {__version__}: " + "; ".join(bits), 80)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas' notes on converted types: handled above
            frame.to_stata(out, write_index=False, version=118, variable_labels=var_labels, data_label=data_label)
        return target
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        kv = dict(table.schema.metadata or {})
        kv[b"valuechain.version"] = __version__.encode()
        kv[b"valuechain.column_labels"] = json.dumps(_labels_for(df, labels), ensure_ascii=False).encode()
        for k, v in meta.items():
            kv[f"valuechain.{k}".encode()] = str(v).encode()
        pq.write_table(table.replace_schema_metadata(kv), out)
        return target
    raise ValidationError(f"cannot write {target.name} as a table here; give a file ending in .dta or .parquet")
