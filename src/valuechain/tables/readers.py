"""Readers and writers of national input-output tables.

Three file layouts are read into an :class:`~valuechain.tables.IOTable`:

``matrix`` (CSV or XLSX, one sheet)
    The first column holds the row labels and the first row the column labels. Labels
    present both as a row and as a column are the industries (their block is ``Z``);
    the other columns are final-demand categories (``Y``), the other rows primary inputs
    (``V``). Total and subtotal rows/columns are recognised and checked, not read as
    data: a row (column) whose values over the industries equal the sum of all the rows
    (columns) above it, or of at least two rows since the previous subtotal, is a
    subtotal; the last such running total that includes a primary input (a final-demand
    category) is total output ``x``. A row or column named ``output``, ``x``,
    ``total output``, ``output_bp``, ``P1`` ... is total output whatever its values
    (and is then checked by the balance test). Rows below the total-output row are
    satellite accounts (employment, emissions, ...), as are rows whose label names
    employment. Blank cells outside the ``Z``, ``Y``, ``V`` and satellite blocks are
    ignored.
``oecd``
    The OECD national IOT CSV (rows ``TTL_<code>``, columns ``D<code>``, final-demand
    columns ``HFCE ... EXPO, IMPO``, rows ``TXS_IMP_FNL, TXS_INT_FNL, TTL_INT_FNL, VALU,
    OUTPUT``). Industries are labelled by their column code (``D01`` ...).
``long``
    Three columns ``row, column, value`` (other names via ``long_columns``); missing
    pairs are zero. The matrix rules above then apply.

Roles (which row is compensation of employees, which column household consumption or
exports, which satellite row employment, ...) are guessed from common labels (ESA codes
such as ``D1``, ``P3_S14``, ``P6``, ``P7``; OECD codes; English names) and can be given
or overridden with ``roles=``. :func:`write_table` writes the matrix layout with a first
comment line ``# valuechain-iotable {json}`` (CSV) or the workbook description (XLSX)
that holds name, unit, source, flags and roles, so ``read_table(write_table(t))``
reproduces ``t`` exactly, roles included.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from .iotable import ROLE_KEYS, IOTable
from .roles import OUTPUT_NAMES, guess_roles, is_employment_label, is_named_primary_input, normalize_label

__all__ = ["read_table", "from_pymrio", "guess_roles", "META_PREFIX"]

#: first-line marker of the metadata comment written by :func:`write_table`
META_PREFIX = "# valuechain-iotable "

_MISSING = {"", "na", "nan", "null", "none", "n/a"}


# --------------------------------------------------------------------------- raw reading
def _meta_from_csv(path: Path) -> tuple[dict, int]:
    """Metadata dict and the number of leading comment lines of a CSV file."""
    try:
        return _meta_lines(path)
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not UTF-8 text; save the CSV as UTF-8") from None


def _meta_lines(path: Path) -> tuple[dict, int]:
    meta: dict = {}
    skip = 0
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            skip += 1
            if line.startswith(META_PREFIX):
                try:
                    meta = json.loads(line[len(META_PREFIX):])
                except json.JSONDecodeError:
                    raise ValidationError(
                        f"{path.name}: the valuechain metadata line is not valid JSON; delete the first line or fix it"
                    ) from None
    return meta, skip


def _label(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _numeric_frame(raw: pd.DataFrame, where: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Convert an object/str frame to floats; return (values, missing mask). Text raises."""
    out = {}
    for c in raw.columns:
        col = raw[c]
        if pd.api.types.is_numeric_dtype(col.dtype):
            out[c] = col.astype(float)
            continue
        s = col.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
        missing = s.str.lower().isin(_MISSING)
        num = pd.to_numeric(s.where(~missing, "nan").str.replace(r"^\+", "", regex=True), errors="coerce")
        bad = num.isna() & ~missing & ~s.str.lower().isin({"nan", "-nan"})
        if bad.any():
            r = bad.to_numpy().nonzero()[0][0]
            raise ValidationError(
                f"{where}: text {s.iloc[r]!r} in a numeric cell (row {raw.index[r]!r}, column {c!r}); "
                "every cell except the labels must be a number (use '.' as decimal mark; list label columns in ignore=)"
            )
        out[c] = num.astype(float)
    vals = pd.DataFrame(out, index=raw.index)
    vals.columns = raw.columns
    return vals, vals.isna() & ~np.isinf(vals)


def _read_raw(path: Path, *, sheet, sep: str, label_column, ignore: Sequence[str]) -> tuple[pd.DataFrame, dict]:
    """Read a one-sheet matrix (CSV/XLSX) into a float frame with string labels (NaN = blank)."""
    suffix = path.suffix.lower()
    meta: dict = {}
    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give the path of a .csv or .xlsx file")
    if path.stat().st_size == 0:
        raise ValidationError(f"{path.name} is empty; give a file with a header row and one row per industry")
    if suffix in (".xlsx", ".xlsm", ".xls"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise ValidationError(f"{path.name} is not a readable Excel workbook ({type(exc).__name__}); save it as .xlsx") from None
        try:
            names = wb.sheetnames
            desc = wb.properties.description or ""
        finally:
            wb.close()
        if desc.startswith(META_PREFIX.strip()):
            try:
                meta = json.loads(desc[len(META_PREFIX.strip()):].strip())
            except json.JSONDecodeError:
                meta = {}
        if sheet is None:
            sheet = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise DataNotFoundError(f"{path.name} has {len(names)} sheet(s); sheet index {sheet} does not exist")
            sheet = names[sheet]
        elif sheet not in names:
            raise DataNotFoundError(f"{path.name} has no sheet {sheet!r}; its sheets are {names}")
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
        if grid.empty or grid.shape[0] < 2 or grid.shape[1] < 2:
            raise ValidationError(f"sheet {sheet!r} of {path.name} is empty or has a single row/column; give a labelled matrix")
        header = [_label(v) if not (isinstance(v, float) and np.isnan(v)) and v is not None else "" for v in grid.iloc[0]]
        body = grid.iloc[1:].reset_index(drop=True)
        body.columns = range(body.shape[1])
        where = f"{path.name}[{sheet}]"
    elif suffix in (".csv", ".txt", ".tsv", ""):
        meta, skip = _meta_from_csv(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                for _ in range(skip):
                    fh.readline()
                rd = csv.reader(fh, delimiter=sep)
                header = next(rd, None)
                header_lines = max(rd.line_num, 1)  # a quoted label may hold a newline: the header spans lines
        except UnicodeDecodeError:
            raise ValidationError(f"{path.name} is not UTF-8 text; save the CSV as UTF-8") from None
        if not header:
            raise ValidationError(f"{path.name} has no header row; the first row must hold the column labels")
        header = [h.strip() for h in header]
        if len(header) < 2:
            other = [d for d in (";", "\t", "|", ",") if d != sep and d in header[0]]
            hint = f"it seems to use {other[0]!r} as delimiter; pass sep={other[0]!r}" if other else "a matrix needs a label column and at least one data column"
            raise ValidationError(f"{path.name} has only one column with delimiter {sep!r}; {hint}")
        try:
            body = pd.read_csv(
                path, sep=sep, skiprows=skip + header_lines, header=None, names=range(len(header)),
                dtype={0: str}, keep_default_na=False, na_values=list(_MISSING - {""}) + [""],
                encoding="utf-8-sig", skip_blank_lines=True, float_precision="round_trip",
            )
        except pd.errors.ParserError as exc:
            raise ValidationError(
                f"{path.name}: rows have more cells than the header ({str(exc).splitlines()[0]}); check the delimiter and quoting"
            ) from None
        except pd.errors.EmptyDataError:
            raise ValidationError(f"{path.name} has a header but no data rows; add one row per industry") from None
        except UnicodeDecodeError:
            raise ValidationError(f"{path.name} is not UTF-8 text; save the CSV as UTF-8") from None
        where = path.name
    else:
        raise ValidationError(f"cannot read {path.name}: unknown file type {suffix!r}; use .csv or .xlsx")
    if body.shape[0] == 0:
        raise ValidationError(f"{where} has a header but no data rows; add one row per industry")
    # label column
    if label_column is None or label_column == 0:
        lab_idx = 0
    elif isinstance(label_column, int):
        lab_idx = label_column
    else:
        if label_column not in header:
            raise DataNotFoundError(f"{where} has no column {label_column!r} to take row labels from; its first columns are {header[:6]}")
        lab_idx = header.index(label_column)
    labels = body[lab_idx].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else _label(v))
    keep_cols = [i for i in range(len(header)) if i != lab_idx and header[i] not in set(ignore)]
    cols = [header[i] for i in keep_cols]
    empty_cols = [i for i, c in zip(keep_cols, cols) if c == ""]
    if empty_cols:
        # a trailing unnamed column that is entirely blank is a common spreadsheet artefact
        allblank = [i for i in empty_cols if body[i].isna().all() or (body[i].astype(str).str.strip() == "").all()]
        if len(allblank) < len(empty_cols):
            raise ValidationError(f"{where}: a column has no label in the header row; give every column a label")
        keep_cols = [i for i in keep_cols if i not in allblank]
        cols = [header[i] for i in keep_cols]
    raw = body[keep_cols].copy()
    raw.columns = cols
    raw.index = pd.Index(labels, dtype=object)
    raw = raw[~raw.index.isin(list(ignore))]
    if (raw.index == "").any():
        r = int(np.nonzero(raw.index == "")[0][0])
        if raw.iloc[r].isna().all():
            raw = raw[raw.index != ""]
        else:
            raise ValidationError(f"{where}: data row {r + 1} has no label in the first column; give every row a label")
    for what, labs in (("row", raw.index), ("column", raw.columns)):
        d = sorted(set(labs[labs.duplicated()]))
        if d:
            raise ValidationError(f"{where}: duplicate {what} label(s) {d[:5]}; make every label unique")
    vals, _ = _numeric_frame(raw, where)
    return vals, meta


def _read_long(path: Path, *, sep: str, long_columns: Sequence[str] | None, ignore: Sequence[str]) -> tuple[pd.DataFrame, dict]:
    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    if path.stat().st_size == 0:
        raise ValidationError(f"{path.name} is empty; give a file with columns row, column, value")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        df = pd.read_parquet(path)
    elif suffix in (".xlsx", ".xlsm"):
        df = pd.read_excel(path)
    else:
        meta, skip = _meta_from_csv(path)
        try:
            df = pd.read_csv(path, sep=sep, skiprows=skip, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except pd.errors.EmptyDataError:
            raise ValidationError(f"{path.name} is empty; give a file with columns row, column, value") from None
    names = list(long_columns) if long_columns else None
    if names is None:
        lower = {normalize_label(c): c for c in df.columns}
        if all(k in lower for k in ("row", "column", "value")):
            names = [lower["row"], lower["column"], lower["value"]]
        elif df.shape[1] == 3:
            names = list(df.columns)
        else:
            raise ValidationError(
                f"{path.name}: a long table needs columns row, column, value (found {list(df.columns)[:8]}); "
                "pass long_columns=(row, column, value) names"
            )
    miss = [c for c in names if c not in df.columns]
    if len(names) != 3 or miss:
        raise DataNotFoundError(f"{path.name} has no column(s) {miss}; its columns are {list(df.columns)[:10]}")
    rc, cc, vc = names
    d = pd.DataFrame({"r": df[rc].map(_label), "c": df[cc].map(_label), "v": df[vc]})
    d = d[~d["r"].isin(list(ignore)) & ~d["c"].isin(list(ignore))]
    if d.empty:
        raise ValidationError(f"{path.name} has no data rows; add one row per (row, column) pair")
    dup = d.duplicated(["r", "c"])
    if dup.any():
        r0 = d[dup].iloc[0]
        raise ValidationError(f"{path.name}: the pair ({r0['r']}, {r0['c']}) appears more than once; give each cell once")
    vals, _ = _numeric_frame(d[["v"]].rename(index=lambda i: i), path.name)
    d["v"] = vals["v"].to_numpy()
    rows = pd.unique(d["r"])
    cols = pd.unique(d["c"])
    # rows first, then columns that are not row labels, in order of appearance
    M = d.pivot(index="r", columns="c", values="v").reindex(index=rows, columns=cols)
    M = M.fillna(0.0)  # a long table lists only its non-empty cells
    M.index = M.index.astype(str)
    M.columns = M.columns.astype(str)
    return M, {}


def _sniff_format(path: Path, sep: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return "long"
    if suffix not in (".csv", ".txt", ".tsv", ""):
        return "matrix"
    try:
        _, skip = _meta_from_csv(path)
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for _ in range(skip):
                fh.readline()
            rd = csv.reader(fh, delimiter=sep)
            header = next(rd, [])
            first = [next(rd, []) for _ in range(3)]
    except (UnicodeDecodeError, OSError):
        return "matrix"
    hn = [normalize_label(h) for h in header]
    if len(header) == 3 and set(hn) >= {"row", "column", "value"}:
        return "long"
    if {"row", "column", "value"} <= set(hn) and len(header) <= 6:
        return "long"
    rows = [r[0] for r in first if r]
    if rows and all(r.startswith("TTL_") for r in rows) and any(h.startswith("D0") for h in header):
        return "oecd"
    return "matrix"


# --------------------------------------------------------------------------- classification
def _close(a: np.ndarray, b: np.ndarray) -> bool:
    scale = np.abs(b).max() if b.size else 0.0
    if scale == 0:
        return False
    return bool(np.abs(a - b).max() <= 1e-3 * scale)


def _scan(labels: list[str], M: np.ndarray, base: np.ndarray, n_base: int, named_output: str | None):
    """Split labels (rows or columns beyond the industries) into components and subtotals.

    ``M`` holds their values over the industries (one row per label). Returns
    (components, subtotals, output_label).
    """
    cum = base.copy()
    since = base.copy()
    n_since = n_base
    has_other = False
    comps: list[str] = []
    subs: list[str] = []
    out: str | None = None
    for lab, v in zip(labels, M):
        if named_output is not None and lab == named_output:
            out = lab
            break
        if _close(v, cum):
            subs.append(lab)
            if has_other and named_output is None:
                out = lab
            since = np.zeros_like(base)
            n_since = 0
        elif n_since >= 2 and _close(v, since):
            subs.append(lab)
            since = np.zeros_like(base)
            n_since = 0
        else:
            comps.append(lab)
            cum = cum + v
            since = since + v
            n_since += 1
            has_other = True
    if out is not None and named_output is None:
        # components and subtotals after the last running total are not part of it
        pos = labels.index(out)
        comps = [c for c in comps if labels.index(c) < pos]
        subs = [s for s in subs if labels.index(s) < pos]
    return comps, subs, out


def _components_that_balance(labels: list[str], comps: list[str], subs: list[str], M: np.ndarray, base: np.ndarray,
                             total: np.ndarray | None) -> tuple[list[str], list[str]]:
    """Read the subtotals found by :func:`_scan` as components when only that reading adds up to the total.

    A subtotal is a label equal to the running sum before it; a component can equal it by
    coincidence (a table's one final-demand column equal to its intermediate use). With a total
    output given, the reading whose components add up to it is taken.
    """
    if total is None or not subs:
        return comps, subs
    pos = {lab: i for i, lab in enumerate(labels)}

    def adds_up(parts: list[str]) -> bool:
        tot = base + (M[[pos[p] for p in parts]].sum(axis=0) if parts else 0.0)
        return bool(np.allclose(tot, total, rtol=1e-6, atol=1e-9))

    both = [lab for lab in labels if lab in set(comps) | set(subs)]
    if not adds_up(comps) and adds_up(both):
        return both, []
    return comps, subs


def _from_matrix(
    M: pd.DataFrame,
    *,
    where: str,
    meta: Mapping,
    roles,
    satellite: Sequence[str] | None,
    fill_blank: float | None,
    **build,
) -> IOTable:
    rows, cols = list(M.index), list(M.columns)
    colset = set(cols)
    totals = OUTPUT_NAMES | {"total", "totals", "sum", "total_use", "total_supply", "total_demand"}
    inds = [r for r in rows if r in colset and normalize_label(r) not in totals]
    if not inds:
        raise ValidationError(
            f"{where}: no label is both a row and a column label, so no industries were found; the first column must "
            "hold row labels and the first row the same industry labels as column labels"
        )
    if len(inds) < 2:
        raise ValidationError(f"{where}: only one industry ({inds[0]}) found as both row and column label; an IO table needs at least two")
    indset = set(inds)
    vals = M.to_numpy(dtype=float)
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: j for j, c in enumerate(cols)}
    iri = [ri[s] for s in inds]
    ici = [ci[s] for s in inds]
    zero_nan = np.nan_to_num(vals, nan=0.0, posinf=0.0, neginf=0.0)
    Zv = zero_nan[np.ix_(iri, ici)]
    explicit_sat = set(satellite or ()) | set(meta.get("satellite", ()))
    r_roles = dict(meta.get("roles", {}))
    if roles:
        r_roles.update(dict(roles))
    emp_role = r_roles.get("employment")
    if emp_role:
        explicit_sat |= {emp_role} if isinstance(emp_role, str) else set(emp_role)
    other_r = [r for r in rows if r not in indset]
    other_c = [c for c in cols if c not in indset]
    # named total output
    def named(labels):
        hits = [s for s in labels if normalize_label(s) in OUTPUT_NAMES]
        return hits[0] if hits else None

    out_r_named = meta.get("output_row") or named(other_r)
    out_c_named = meta.get("output_column") or named(other_c)
    scan_r = [r for r in other_r if r not in explicit_sat and not (is_employment_label(normalize_label(r)) and r not in r_roles.get("value_added", ()))]
    scan_c = list(other_c)
    Rv = zero_nan[np.ix_([ri[r] for r in scan_r], ici)] if scan_r else np.zeros((0, len(inds)))
    Cv = zero_nan[np.ix_(iri, [ci[c] for c in scan_c])].T if scan_c else np.zeros((0, len(inds)))
    comp_r, sub_r, out_r = _scan(scan_r, Rv, Zv.sum(axis=0), len(inds), out_r_named)
    comp_c, sub_c, out_c = _scan(scan_c, Cv, Zv.sum(axis=1), len(inds), out_c_named)
    # a component equal to the running total (one final-demand column equal to intermediate use, one
    # primary input equal to intermediate inputs) reads as a subtotal; the total output decides
    comp_c, sub_c = _components_that_balance(scan_c, comp_c, sub_c, Cv, Zv.sum(axis=1),
                                             zero_nan[iri, ci[out_c]] if out_c is not None else None)
    comp_r, sub_r = _components_that_balance(scan_r, comp_r, sub_r, Rv, Zv.sum(axis=0),
                                             zero_nan[ri[out_r], ici] if out_r is not None else None)
    # rows below the output row are satellite accounts
    sat_rows = []
    if out_r is not None:
        pos = rows.index(out_r)
        sat_rows = [r for r in other_r if rows.index(r) > pos]
        comp_r = [r for r in comp_r if rows.index(r) < pos]
    sat_rows += [r for r in other_r if r not in scan_r and r not in sat_rows]
    sat_rows = [r for r in rows if r in set(sat_rows)]
    if out_c is not None:
        pos = cols.index(out_c)
        after = [c for c in other_c if cols.index(c) > pos]
        if after:
            raise ValidationError(
                f"{where}: column(s) {after[:4]} come after the total-output column {out_c!r}; move them before it or list them in ignore="
            )
    if out_c is not None and comp_c:  # a primary-input row selling to final demand is an industry whose column is missing
        fd_idx = [ci[c] for c in comp_c]
        for r in comp_r:
            v = vals[ri[r], ci[out_c]]
            fd = vals[ri[r], fd_idx]
            if not (np.isfinite(fd) & (fd != 0)).any():
                continue
            n = normalize_label(r)
            named = is_named_primary_input(n) or n in totals
            given = any(r == lab or (not isinstance(lab, str) and r in lab) for lab in r_roles.values())
            if np.isfinite(v) and v != 0 and not named and not given:
                raise ValidationError(
                    f"{where}: row {r!r} sells to final demand and has a total output ({v:g}) but no column of its own, so it "
                    f"would be read as a primary input; add the column of industry {r!r} (or leave its cell in {out_c!r} blank if it is a primary input)"
                )
    # blanks and non-finite values in the blocks that are used
    def block(rl, cl, nm):
        sub = vals[np.ix_([ri[r] for r in rl], [ci[c] for c in cl])] if rl and cl else np.zeros((len(rl), len(cl)))
        miss = np.isnan(sub)
        if miss.any():
            if fill_blank is None:
                i, j = np.argwhere(miss)[0]
                raise ValidationError(
                    f"{where}: blank or NaN cell in {nm} at ({rl[i]}, {cl[j]}); fill it with a number "
                    "(or pass fill_blank=0 to read blanks as zero)"
                )
            sub = np.where(miss, fill_blank, sub)
        if np.isinf(sub).any():
            i, j = np.argwhere(np.isinf(sub))[0]
            raise ValidationError(f"{where}: infinite value in {nm} at ({rl[i]}, {cl[j]}); replace it with a finite number")
        return pd.DataFrame(sub, index=rl, columns=cl)

    Z = block(inds, inds, "the intermediate block Z")
    Y = block(inds, comp_c, "final demand")
    V = block(comp_r, inds, "primary inputs")
    S = block(sat_rows, inds, "a satellite row") if sat_rows else None
    x = None
    x_row = block([out_r], inds, "the total-output row").iloc[0] if out_r is not None else None
    x_col = block(inds, [out_c], "the total-output column").iloc[:, 0] if out_c is not None else None
    if x_row is not None:
        x = x_row
        if x_col is not None:
            gap = np.abs(x_row.to_numpy() - x_col.to_numpy())
            tol = build.get("rtol", 1e-6) * np.maximum(np.abs(x_row.to_numpy()), 1.0)
            if (gap > tol).any() and build.get("check_balance", "raise") == "raise":
                k = int(np.argmax(gap - tol))
                raise ValidationError(
                    f"{where}: total output of {inds[k]} is {x_row.iloc[k]:g} in row {out_r!r} but {x_col.iloc[k]:g} in column "
                    f"{out_c!r}; make them equal or pass a larger rtol"
                )
    elif x_col is not None:
        x = x_col
    guessed = guess_roles(comp_r, comp_c, sat_rows)
    final_roles = dict(guessed) if not meta.get("roles") else {}
    final_roles.update(r_roles)
    unknown = sorted(set(final_roles) - set(ROLE_KEYS))
    if unknown:
        raise ValidationError(f"unknown role(s) {unknown}; choose from {', '.join(ROLE_KEYS)}")
    info = {k: build.pop(k, None) for k in ("name", "unit", "source", "flags")}
    return IOTable.from_frames(
        Z, Y, V if len(comp_r) else None, x,
        satellite=S, roles=final_roles,
        name=info["name"] or meta.get("name", "") or "",
        unit=info["unit"] or meta.get("unit", "") or "",
        source=info["source"] or meta.get("source", "") or "",
        flags=tuple(info["flags"] or meta.get("flags", ()) or ()),
        **build,
    )


# --------------------------------------------------------------------------- public
def read_table(
    path: str | os.PathLike,
    *,
    format: str = "auto",
    sheet: str | int | None = None,
    roles: Mapping[str, Any] | None = None,
    name: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    flags: Sequence[str] | None = None,
    rtol: float = 1e-6,
    check_balance: str = "raise",
    drop_zero_output: bool = False,
    sep: str = ",",
    label_column: str | int | None = None,
    ignore: Sequence[str] = (),
    satellite: Sequence[str] | None = None,
    fill_blank: float | None = None,
    long_columns: Sequence[str] | None = None,
) -> IOTable:
    """Read a national IO table from a file (matrix CSV/XLSX, OECD IOT, or long format).

    Parameters
    ----------
    path : path-like
        ``.csv`` or ``.xlsx`` (``.parquet`` for the long format).
    format : {"auto", "matrix", "oecd", "long"}
        ``auto`` (default) picks ``long`` for files with columns row/column/value,
        ``oecd`` for rows ``TTL_*`` with columns ``D*``, else ``matrix``.
    sheet : str or int, optional
        XLSX sheet (default: the first).
    roles : mapping, optional
        Roles of rows and columns (:data:`~valuechain.tables.ROLE_KEYS`); they override
        the labels recognised by :func:`guess_roles` and the roles stored by
        :func:`write_table`.
    name, unit, source, flags
        Stored on the table (default: from the file's metadata, else empty).
    rtol, check_balance, drop_zero_output
        Passed to :meth:`IOTable.from_frames`: relative tolerance of the balance check
        (default ``1e-6``), what to do when the table does not balance
        (``"raise"``/``"warn"``/``"ignore"``), and whether to drop zero-output industries.
    sep : str
        CSV delimiter (default ``","``).
    label_column : str or int, optional
        Column holding the row labels (default: the first).
    ignore : sequence of str
        Row or column labels to leave out (extra label columns, memo items).
    satellite : sequence of str, optional
        Rows to read as satellite accounts (rows below the total-output row and rows
        labelled as employment are satellite anyway).
    fill_blank : float, optional
        Value of blank cells inside the ``Z``, ``Y``, ``V`` and satellite blocks; by
        default a blank there is an error.
    long_columns : (row, column, value), optional
        Column names of a long table (default ``row, column, value``, case-insensitive,
        or the only three columns).

    Returns
    -------
    IOTable

    Raises
    ------
    ValidationError
        With a one-line message for every malformed file (see ``docs/leontief.md``).
    DataNotFoundError
        If the file, sheet or a named column does not exist.

    Examples
    --------
    A round trip through :func:`~valuechain.tables.write_table`:

    >>> import tempfile, pathlib
    >>> from valuechain.tables import IOTable, write_table
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"], unit="million EUR")
    >>> p = write_table(t, pathlib.Path(tempfile.mkdtemp()) / "table.csv")
    >>> t2 = read_table(p)
    >>> t2.Z.equals(t.Z), t2.unit
    (True, 'million EUR')
    """
    path = Path(path)
    fmt = format
    if fmt not in ("auto", "matrix", "oecd", "long"):
        raise ValidationError(f"unknown format {format!r}; use auto, matrix, oecd or long")
    if check_balance not in ("raise", "warn", "ignore"):
        raise ValidationError(f"check_balance={check_balance!r}; use 'raise', 'warn' or 'ignore'")
    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give the path of a .csv or .xlsx file")
    if fmt == "auto":
        fmt = _sniff_format(path, sep)
    build = dict(rtol=rtol, check_balance=check_balance, drop_zero_output=drop_zero_output,
                 name=name, unit=unit, source=source, flags=flags)
    if fmt == "long":
        M, meta = _read_long(path, sep=sep, long_columns=long_columns, ignore=ignore)
        return _from_matrix(M, where=path.name, meta=meta, roles=roles, satellite=satellite, fill_blank=fill_blank, **build)
    M, meta = _read_raw(path, sheet=sheet, sep=sep, label_column=label_column, ignore=ignore)
    if fmt == "oecd":
        M = _oecd_relabel(M, path.name)
        if not build["source"]:
            build["source"] = f"OECD Input-Output Tables ({path.name})"
    return _from_matrix(M, where=path.name, meta=meta, roles=roles, satellite=satellite, fill_blank=fill_blank, **build)


def _oecd_relabel(M: pd.DataFrame, where: str) -> pd.DataFrame:
    """OECD IOT: rename rows ``TTL_<code>`` to ``D<code>`` where ``D<code>`` is a column."""
    cols = set(M.columns)
    ren = {r: "D" + r[4:] for r in M.index if r.startswith("TTL_") and ("D" + r[4:]) in cols}
    if len(ren) < 2:
        raise ValidationError(
            f"{where} is not an OECD IOT: rows TTL_<code> do not match columns D<code>; use format='matrix'"
        )
    return M.rename(index=ren)


def from_pymrio(iosystem: Any, *, value_added: str | None = "factor_inputs", satellite: Sequence[str] = (), region: str | None=None, **kwargs: Any) -> IOTable:
    """Build an :class:`IOTable` from a single-region pymrio ``IOSystem``.

    Parameters
    ----------
    iosystem : pymrio.IOSystem
        With ``Z`` and ``Y`` (``x`` is computed as ``Z 1 + Y 1`` when absent). Its
        (region, sector) MultiIndex must hold one region (or pass ``region=``).
    value_added : str, optional
        Name of the extension whose ``F`` rows are the primary inputs (pymrio's
        ``factor_inputs``, default). ``None``: no primary inputs.
    satellite : sequence of str
        Names of extensions whose ``F`` rows become satellite rows (e.g. employment).
    region : str, optional
        The region to take when the system holds several.
    **kwargs
        Passed to :meth:`IOTable.from_frames` (roles, name, unit, rtol, ...).

    Returns
    -------
    IOTable
        Labelled by pymrio's sector names; validated like any table.

    Raises
    ------
    ValidationError
        If the system holds several regions and ``region`` is not given, or the table
        does not validate.

    Examples
    --------
    >>> import pandas as pd, pymrio
    >>> ix = pd.MultiIndex.from_product([["reg"], ["agri", "manu"]], names=["region", "sector"])
    >>> io = pymrio.IOSystem(
    ...     Z=pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=ix, columns=ix),
    ...     Y=pd.DataFrame([[350.0], [1700.0]], index=ix,
    ...                    columns=pd.MultiIndex.from_tuples([("reg", "final")], names=["region", "category"])))
    >>> io.factor_inputs = pymrio.Extension(name="factor_inputs",
    ...     F=pd.DataFrame([[650.0, 1400.0]], index=["value added"], columns=ix))
    >>> from_pymrio(io).x.tolist()
    [1000.0, 2000.0]
    """
    Z = getattr(iosystem, "Z", None)
    Y = getattr(iosystem, "Y", None)
    if Z is None or Y is None:
        raise ValidationError("the pymrio IOSystem has no Z or Y; call iosystem.calc_all() or load a system with flows")

    def regions_of(idx):
        return list(pd.unique(idx.get_level_values(0))) if isinstance(idx, pd.MultiIndex) else [None]

    regs = regions_of(Z.index)
    if region is None:
        if len(regs) != 1:
            raise ValidationError(
                f"the pymrio IOSystem has {len(regs)} regions {regs[:5]}; from_pymrio reads a single-region system (pass region=)"
            )
        region = regs[0]

    def sel_rows(df):
        if isinstance(df.index, pd.MultiIndex):
            df = df.xs(region, level=0, axis=0)
        return df

    def sel_cols(df):
        if isinstance(df.columns, pd.MultiIndex):
            df = df.xs(region, level=0, axis=1)
        return df

    Zs = sel_cols(sel_rows(Z))
    Ys = sel_cols(sel_rows(Y))
    x = getattr(iosystem, "x", None)
    xs = None
    if x is not None:
        xs = sel_rows(x)
        xs = xs.iloc[:, 0] if isinstance(xs, pd.DataFrame) else xs
    V = None
    if value_added:
        ext = getattr(iosystem, value_added, None)
        if ext is None or getattr(ext, "F", None) is None:
            raise DataNotFoundError(f"the pymrio IOSystem has no extension {value_added!r} with F; pass value_added=None or its name")
        V = sel_cols(ext.F)
    sats = []
    for s in satellite:
        ext = getattr(iosystem, s, None)
        if ext is None or getattr(ext, "F", None) is None:
            raise DataNotFoundError(f"the pymrio IOSystem has no extension {s!r} with F")
        sats.append(sel_cols(ext.F))
    S = pd.concat(sats) if sats else None
    for df in (V, S):
        if df is not None and isinstance(df.index, pd.MultiIndex):
            df.index = [" ".join(map(str, t)) for t in df.index]
    kwargs.setdefault("name", str(getattr(iosystem, "name", "") or ""))
    kwargs.setdefault("source", "pymrio IOSystem")
    if "roles" not in kwargs:
        kwargs["roles"] = guess_roles(
            [] if V is None else [str(i) for i in V.index], [str(c) for c in Ys.columns],
            [] if S is None else [str(i) for i in S.index],
        )
    return IOTable.from_frames(Zs, Ys, V, xs, satellite=S, **kwargs)
