r"""Readers of supply and use tables: a generic CSV layout, the BEA and the ABS layouts.

``generic`` (and ``bea``)
    Two CSV files, each with its row labels in the first column and its column labels in
    the first row. The **supply** file has products as rows and industries as columns;
    columns whose label contains ``import`` (``Imports``, ``CIF/FOB Adjustments on
    Imports``) are added up as the imports of each product; columns whose label starts
    with ``total`` and rows whose label starts with ``total`` are totals (dropped);
    columns naming ``margin`` or ``tax`` (valuation columns) are dropped and said. The
    **use** file has the supply file's products and industries; its other columns are
    final-use categories and its other rows primary inputs. Rows and columns labelled
    ``total …`` are totals (dropped), and so is a ``value added …`` row below value-added
    components (a ``value added`` row with no primary rows above it is read); rows below the total-output
    row (``Total industry output``, ``output``) are memo items (dropped and said). A row
    whose label starts with ``Less:`` is subtracted (its sign is flipped and said).
    Suppressed cells (``---``, ``(D)``, ``n.p.``) and blank cells are zero; their number
    is said.
``bea``
    The generic layout plus the BEA's by-products (``special="primary"``, the default):
    the products *Scrap, used and secondhand goods* and *Noncomparable imports* are
    taken out of the product rows: their intermediate use becomes a primary-input row
    (as the Eurostat manual treats purchases of scrap and non-competing imports), their
    domestic supply is added to the supplying industry's main product, and their final
    use and imports leave the table; every amount is said. ``special="keep"`` keeps them
    as products (then only models B and D apply). The BEA use table is at purchasers'
    prices and the supply table at basic prices: product rows are closed by a
    ``price-basis adjustment`` column (see :class:`~valuechain.tables.sut.SupplyUseTable`).
``abs``
    The Australian Bureau of Statistics tables as held in ``../shared/data``: the supply
    file has product codes as rows, industry codes as columns and a ``total`` column (then
    an unlabelled row of column totals, dropped); the use file is the intermediate block
    only, industry codes as header and no row labels (rows are the supply file's products,
    in order). Final use and primary inputs are not in the files: they are residuals (said).

References
----------
Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 11.
BEA (2021). *Supply and Use Tables*, Input-Output Accounts; ABS (2023). *Australian
National Accounts: Input-Output Tables, 2020-21*.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from .roles import guess_roles, normalize_label
from .sut import SupplyUseTable

__all__ = ["read_sut", "SUT_FORMATS"]

SUT_FORMATS = ("generic", "bea", "abs")
#: cells published as suppressed / not available: read as zero (and counted)
_SUPPRESSED = {"---", "--", "(d)", "n.p.", "np", "x", "..", "-"}
_BLANK = {"", "nan", "na", "n/a", "none", "null"}
_SPECIAL_PATTERNS = (("scrap", re.compile(r"scrap", re.I)), ("noncomparable imports", re.compile(r"non-?comparable", re.I)))


def _check_file(path: Path, what: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise DataNotFoundError(f"file not found: {p}; check the path of the {what} table")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; give the {what} table's .csv file")
    if p.stat().st_size == 0:
        raise ValidationError(f"{p.name} is empty; give the {what} table as a CSV with a header row")
    if p.suffix.lower() not in (".csv", ".txt", ""):
        raise ValidationError(f"cannot read {p.name}: give the {what} table as a .csv file")
    return p


def _grid(path: Path) -> pd.DataFrame:
    try:
        g = pd.read_csv(path, header=None, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True)
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not UTF-8 text; save the CSV as UTF-8") from None
    except pd.errors.ParserError as exc:
        raise ValidationError(f"{path.name}: rows have more cells than the header ({str(exc).splitlines()[0]}); check the quoting") from None
    except pd.errors.EmptyDataError:
        raise ValidationError(f"{path.name} is empty; give a CSV with a header row") from None
    if g.shape[0] < 2 or g.shape[1] < 2:
        raise ValidationError(f"{path.name} has a single row or column; give a labelled matrix (labels in the first row and column)")
    return g.apply(lambda c: c.str.strip())


def _numbers(cells: pd.DataFrame, where: str, counts: dict) -> np.ndarray:
    """Cells to floats: blanks and suppressed marks are 0 (counted); text raises."""
    a = cells.to_numpy(dtype=object).astype(str)
    low = np.char.lower(a)
    blank = np.isin(low, list(_BLANK))
    supp = np.isin(low, list(_SUPPRESSED))
    txt = np.char.replace(a, ",", "")
    out = np.zeros(a.shape)
    rest = ~(blank | supp)
    vals = pd.to_numeric(pd.Series(txt[rest]), errors="coerce").to_numpy(dtype=float)
    if np.isnan(vals).any() or not np.isfinite(vals).all():
        k = int(np.flatnonzero(~np.isfinite(vals))[0])
        r, c = np.argwhere(rest)[k]
        raise ValidationError(f"{where}: text {str(a[r, c])!r} in a numeric cell (row {r + 2}, column {c + 2}); every cell but the "
                              "labels must be a number (suppressed cells may be '---' or 'n.p.')")
    out[rest] = vals
    counts["suppressed"] = counts.get("suppressed", 0) + int(supp.sum())
    return out


def _is_total(label: str) -> bool:
    n = normalize_label(label)
    return n.startswith("total") or n.startswith("value_added") or n in ("output", "x", "t001", "t005", "t006", "t007", "t008", "t013", "t019")


def _is_output_row(label: str) -> bool:
    n = normalize_label(label)
    return n in ("output", "total_output", "x") or n.startswith("total_industry_output")


def _labelled(g: pd.DataFrame, path: Path) -> tuple[list[str], list[str], pd.DataFrame]:
    header = [str(v) for v in g.iloc[0, 1:]]
    rows = [str(v) for v in g.iloc[1:, 0]]
    body = g.iloc[1:, 1:]
    keep = [i for i, r in enumerate(rows) if r != "" or (body.iloc[i] != "").any()]
    return header, [rows[i] for i in keep], body.iloc[keep]


def _read_generic(use: Path, supply: Path, fmt: str, special: str) -> SupplyUseTable:
    counts: dict = {}
    notes: list[str] = []
    sg = _grid(supply)
    s_head, s_rows, s_body = _labelled(sg, supply)
    if "" in s_rows:
        s_body = s_body[[r != "" for r in s_rows]]
        s_rows = [r for r in s_rows if r != ""]
    s_vals = _numbers(s_body, supply.name, counts)
    prod_mask = np.array([not _is_total(r) for r in s_rows])
    imp_cols = [j for j, h in enumerate(s_head) if "import" in h.lower()]
    val_cols = [j for j, h in enumerate(s_head) if j not in imp_cols and not _is_total(h)
                and any(w in h.lower() for w in ("margin", "tax", "subsid"))]
    ind_cols = [j for j, h in enumerate(s_head) if j not in imp_cols and j not in val_cols and not _is_total(h) and h != ""]
    if not ind_cols:
        raise ValidationError(f"{supply.name} has no industry columns; the supply table needs products as rows and industries as columns")
    products = [r for r, k in zip(s_rows, prod_mask) if k]
    industries = [s_head[j] for j in ind_cols]
    for nm, labs in (("product", products), ("industry", industries)):
        d = sorted({x for x in labs if labs.count(x) > 1})
        if d:
            raise ValidationError(f"duplicate {nm} labels in {supply.name}: {d[:5]}; make every label unique")
    S = pd.DataFrame(s_vals[prod_mask][:, ind_cols], index=products, columns=industries)
    imports = pd.Series(s_vals[prod_mask][:, imp_cols].sum(axis=1), index=products) if imp_cols else None
    if imp_cols:
        notes.append("imports by product = " + " + ".join(repr(s_head[j]) for j in imp_cols) + f" ({imports.sum():,.6g} in all)")
    if val_cols:
        notes.append("supply valuation columns dropped: " + ", ".join(repr(s_head[j]) for j in val_cols))
    ug = _grid(use)
    u_head, u_rows, u_body = _labelled(ug, use)
    u_vals = _numbers(u_body, use.name, counts)
    pset, iset = set(products), set(industries)
    miss_p = [p for p in products if p not in set(u_rows)]
    miss_i = [i for i in industries if i not in set(u_head)]
    if miss_i and fmt == "bea" and len(u_head) > len(industries) and _is_total(u_head[len(industries)]) \
            and not any(_is_total(h) for h in u_head[:len(industries)]):
        # BEA summary tables: the use table labels industries by code, the supply table by name (same order)
        notes.append(f"the use table's {len(industries)} industry columns ({u_head[0]} ... {u_head[len(industries) - 1]}) are "
                     "the supply table's industries in the same order (codes matched to names by position)")
        u_head = industries + u_head[len(industries):]
        miss_i = []
    if miss_p or miss_i:
        raise ValidationError(f"{use.name} lacks {'products ' + str(miss_p[:3]) if miss_p else ''}"
                              f"{' and ' if miss_p and miss_i else ''}{'industries ' + str(miss_i[:3]) if miss_i else ''} of the supply "
                              "table; give the use table with the same product rows and industry columns")
    memo_from = next((k for k, r in enumerate(u_rows) if _is_output_row(r)), len(u_rows))
    memo = [r for r in u_rows[memo_from + 1:] if r not in pset and not _is_total(r)]
    if memo:
        notes.append("memo rows below total output not read: " + ", ".join(repr(r) for r in memo))
    fd_cols = [j for j, h in enumerate(u_head) if h not in iset and not _is_total(h) and h != ""]
    ind_pos = [u_head.index(i) for i in industries]
    prow = [u_rows.index(p) for p in products]
    prim = []
    for k, r in enumerate(u_rows[:memo_from]):
        if r in pset or r == "":
            continue
        if normalize_label(r).startswith("value_added") and not prim:
            prim.append(k)  # a single value-added row with no components above it is the primary input
        elif not _is_total(r):
            prim.append(k)
    U = pd.DataFrame(u_vals[prow][:, ind_pos], index=products, columns=industries)
    Y = pd.DataFrame(u_vals[prow][:, fd_cols], index=products, columns=[u_head[j] for j in fd_cols])
    wlab = [u_rows[k] for k in prim]
    W = pd.DataFrame(u_vals[prim][:, ind_pos], index=wlab, columns=industries)
    less = [r for r in wlab if r.lower().startswith("less:") or r.lower().startswith("less ")]
    if less:
        W.loc[less] = -W.loc[less]
        notes.append("rows subtracted (sign flipped): " + ", ".join(repr(r) for r in less))
    if counts.get("suppressed"):
        notes.append(f"{counts['suppressed']} suppressed cells ('---', 'n.p.') read as 0")
    if fmt == "bea" and special == "primary":
        S, U, Y, W, imports = _fold_special(S, U, Y, W, imports, notes)
    elif special not in ("primary", "keep"):
        raise ValidationError(f"special={special!r}; use 'primary' or 'keep'")
    roles = guess_roles(list(W.index), list(Y.columns))
    if not roles.get("households"):
        hh = [c for c in Y.columns if "personal consumption" in c.lower() or "household" in c.lower() or c.upper() == "F010"]
        if hh:
            roles["households"] = hh[0]
    if not roles.get("exports"):
        ex = [c for c in Y.columns if c.lower().startswith("export") or c.upper() == "F040"]
        if ex:
            roles["exports"] = ex
    if not roles.get("compensation"):
        ce = [r for r in W.index if "compensation" in r.lower()]
        if ce:
            roles["compensation"] = ce[0]
    neg = [c for c in Y.columns if (Y[c] < 0).any()]
    if neg:
        roles["negative_ok"] = list(roles.get("negative_ok", [])) + neg
    negw = [r for r in W.index if (W.loc[r] < 0).any()]
    if negw:
        roles["negative_ok"] = list(roles.get("negative_ok", [])) + negw
    src = f"{supply.name} and {use.name}"
    return SupplyUseTable.from_frames(S, U, Y, W, imports=imports, balance="adjust" if fmt == "bea" else "raise",
                                      rounding=1e-4 if fmt == "bea" else 0.0,
                                      roles=roles, name=Path(use).stem, source=src, notes=notes)


def _fold_special(S, U, Y, W, imports, notes):
    """BEA by-products out of the product rows (see the module notes)."""
    spec = [p for p in S.index if any(rx.search(p) for _, rx in _SPECIAL_PATTERNS)]
    if not spec:
        return S, U, Y, W, imports
    regular = [p for p in S.index if p not in spec]
    S2 = S.loc[regular].copy()
    for p in spec:
        row = S.loc[p]
        for ind, val in row[row != 0].items():
            main = S2[ind].idxmax()
            S2.loc[main, ind] += val
        W.loc[p] = U.loc[p]
        fin = float(Y.loc[p].sum())
        imp = float(imports.loc[p]) if imports is not None else 0.0
        notes.append(f"{p!r}: intermediate use {U.loc[p].sum():,.6g} moved to a primary-input row, domestic supply "
                     f"{row.sum():,.6g} added to the supplying industries' main products, final use {fin:,.6g} and imports "
                     f"{imp:,.6g} left out")
    return S2, U.loc[regular], Y.loc[regular], W, (imports.loc[regular] if imports is not None else None)


def _read_abs(use: Path, supply: Path) -> SupplyUseTable:
    counts: dict = {}
    notes: list[str] = []
    sg = _grid(supply)
    s_head, s_rows, s_body = _labelled(sg, supply)
    keep = [k for k, r in enumerate(s_rows) if r != ""]
    dropped = len(s_rows) - len(keep)
    s_vals = _numbers(s_body.iloc[keep], supply.name, counts)
    ind_cols = [j for j, h in enumerate(s_head) if h != "" and not _is_total(h)]
    products = [s_rows[k] for k in keep]
    industries = [s_head[j] for j in ind_cols]
    S = pd.DataFrame(s_vals[:, ind_cols], index=products, columns=industries)
    if dropped:
        notes.append(f"{dropped} unlabelled row(s) of the supply file (column totals) not read")
    ug = _grid(use)
    head = [str(v) for v in ug.iloc[0]]
    body = ug.iloc[1:]
    body = body[(body != "").any(axis=1)]
    if len(body) != len(products):
        raise ValidationError(f"{use.name} has {len(body)} data rows but the supply table has {len(products)} products; the ABS "
                              "use file must hold the intermediate block with one row per product, in the supply table's order")
    miss = [i for i in industries if i not in head]
    if miss:
        raise ValidationError(f"{use.name} lacks industries {miss[:3]} of the supply table; give matching ABS files")
    u_vals = _numbers(body, use.name, counts)
    U = pd.DataFrame(u_vals[:, [head.index(i) for i in industries]], index=products, columns=industries)
    if counts.get("suppressed"):
        notes.append(f"{counts['suppressed']} suppressed cells ('n.p.') read as 0")
    notes.append("ABS use file holds intermediate use only: final use and primary inputs are residuals")
    sut = SupplyUseTable.from_frames(S, U, None, None, name=Path(use).stem, source=f"{supply.name} and {use.name}", notes=notes,
                                     roles={"negative_ok": ["final use (residual)"]})
    return sut


def read_sut(use: str | os.PathLike[str], supply: str | os.PathLike[str], *, format: str = "generic", special: str = "primary",
             unit: str = "") -> SupplyUseTable:
    r"""Read supply and use tables into a :class:`~valuechain.tables.sut.SupplyUseTable`.

    Parameters
    ----------
    use, supply : path
        The two CSV files (layouts in the module notes).
    format : {"generic", "bea", "abs"}, default "generic"
        The layout of the files (:data:`SUT_FORMATS`; module notes).
    special : {"primary", "keep"}, default "primary"
        BEA only: what to do with scrap and noncomparable imports (module notes).
    unit : str, default ""
        The tables' unit (e.g. ``"million USD"``).

    Returns
    -------
    SupplyUseTable
        The validated tables, named after the use file. Everything the reader does to the
        published numbers (cells read as zero, rows dropped or subtracted, by-products
        moved) is in its ``notes``.

    Raises
    ------
    DataNotFoundError
        If a file does not exist.
    ValidationError
        If a path is a folder, a file is empty, not UTF-8 or not a CSV, a numeric cell
        holds text, labels are duplicated, the two files' products or industries do not
        match, an option is unknown, or the tables do not balance.

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*.
           Luxembourg: Office for Official Publications of the European Communities, ch. 11.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "supply.csv").write_text("product,i1,i2\np1,90,10\np2,0,100\n")
    >>> _ = (d / "use.csv").write_text("row,i1,i2,households\np1,10,20,70\np2,20,30,50\nvalue added,60,60,0\n")
    >>> read_sut(d / "use.csv", d / "supply.csv", unit="million USD")
    SupplyUseTable(name='use', products=2, industries=2, final_use=['households'], primary=['value added'])
    """
    if format not in SUT_FORMATS:
        raise ValidationError(f"format {format!r}; use one of {', '.join(SUT_FORMATS)}")
    u, s = _check_file(Path(use), "use"), _check_file(Path(supply), "supply")
    sut = _read_abs(u, s) if format == "abs" else _read_generic(u, s, format, special)
    if unit:
        from dataclasses import replace

        sut = replace(sut, unit=unit)
    return sut
