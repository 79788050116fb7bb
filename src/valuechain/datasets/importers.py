"""Published downloads turned into the layouts the commands read (``valuechain data import``).

* **BACI** (CEPII): the release zip (``BACI_HS92_V202501.zip``: one CSV per year
  ``BACI_HS92_Y2019_V202501.csv`` with columns ``t, i, j, k, v, q`` and
  ``country_codes_V202501.csv``) → a Parquet panel partitioned by year
  (``OUT/year=2019/part-0.parquet``: ``exporter, importer, product, value, quantity``;
  ISO3 countries, 6-digit product codes as text, value in thousand USD, quantity in
  tonnes). Each year is streamed through DuckDB (the CSV is extracted to disk and
  copied to Parquet under a memory cap), so memory stays bounded whatever the size.
* **OECD ICIO**: the zip of yearly CSVs (``ICIO2023_2019.csv`` …) → the CSVs that
  ``valuechain gvc --format oecd`` reads, the header checked.
* **ADB MRIO**: a workbook (``ADB-MRIO-2022.xlsx``: 5 title rows, a row of economy
  codes and a row of sector codes ``c1 … c35`` / final-demand codes ``F1 … F5`` / ``ToT``;
  rows economy × sector, then ``r60`` (intermediate total, dropped), the primary-input
  rows and ``r69`` (total input = output)) → the decompr folder layout that ``valuechain
  gvc`` reads (``inter.csv``, ``final.csv``, ``out.csv``, labels ``ECONOMY|c1``), plus
  ``va.csv`` (the primary-input rows).

Every import records its source, release, the original file and its SHA-256 in a
sidecar ``valuechain.json`` (and, for Parquet, in each file's key-value metadata:
``valuechain.source``, ``valuechain.release``, ``valuechain.unit``,
``valuechain.hs_revision``), which the readers carry into results and outputs.
Everything is written in a staging folder and moved into place at the end, or not at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError

__all__ = ["import_baci", "import_oecd_icio", "import_adb_mrio", "IMPORTERS"]

_BACI_YEAR = re.compile(r"BACI_HS(\d\d)_Y(\d{4})_(V\w+)\.csv$", re.IGNORECASE)
_HS = {"92": "HS1992", "96": "HS1996", "02": "HS2002", "07": "HS2007", "12": "HS2012", "17": "HS2017", "22": "HS2022"}


def _q(text: str) -> str:
    """``text`` inside a single-quoted SQL string (quotes doubled)."""
    return str(text).replace("'", "''")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _zip(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; give the downloaded zip")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give the downloaded zip file")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ValidationError(f"{path.name} is not a zip file; give the zip as downloaded") from None


def _extract(zf: zipfile.ZipFile, member: str, dest: Path) -> Path:
    """Stream one member to ``dest`` (never the whole member in memory)."""
    with zf.open(member) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    return dest


def _country_table(zf: zipfile.ZipFile, tmp: Path) -> pd.DataFrame | None:
    names = [n for n in zf.namelist() if re.search(r"country_codes.*\.csv$", n, re.IGNORECASE)]
    if not names:
        return None
    df = pd.read_csv(_extract(zf, names[0], tmp / "country_codes.csv"), dtype=str, encoding="latin-1")
    code = next((c for c in df.columns if c.lower() == "country_code"), None)
    iso3 = next((c for c in df.columns if c.lower() in ("country_iso3", "iso_3digit_alpha", "iso3")), None)
    if code is None or iso3 is None:
        raise ValidationError(f"{names[0]} lacks country_code and country_iso3 columns; is this a BACI release zip?")
    return pd.DataFrame({"code": pd.to_numeric(df[code], errors="coerce"), "iso3": df[iso3].str.strip()}).dropna()


def import_baci(zips: Iterable[str | Path], out: str | Path, *, years: Iterable[int] | None = None,
                release: str | None = None, memory_limit: str = "1GB",
                progress: Callable[[str], None] | None = None) -> dict:
    """Turn BACI release zip(s) into a Parquet panel partitioned by year.

    Parameters
    ----------
    zips : iterable of path
        The downloaded zip(s) (yearly CSVs ``BACI_HS??_Y????_V*.csv`` and the
        ``country_codes`` file).
    out : path
        The panel folder to create (refused when it exists and is not empty, unless the
        CLI's ``--overwrite``).
    years : iterable of int, optional
        Only these years (default: every year in the zips).
    release : str, optional
        The release (default: from the file names, e.g. ``V202501``).
    memory_limit : str
        DuckDB's memory cap while converting (it spills to the staging folder beyond it).
    progress : callable, optional
        Called with a message before each year.

    Returns
    -------
    dict
        The sidecar written (source, release, hs_revision, years, rows per year …).

    Raises
    ------
    ValidationError
        A file that is not a BACI zip, unknown country codes, mixed HS revisions.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(d / "BACI_HS92_V202501.zip", "w") as z:
    ...     z.writestr("BACI_HS92_Y2019_V202501.csv", "t,i,j,k,v,q\\n2019,398,156,260300,10.5,2.0\\n")
    ...     z.writestr("country_codes_V202501.csv", "country_code,country_name,country_iso2,country_iso3\\n"
    ...                "156,China,CN,CHN\\n398,Kazakhstan,KZ,KAZ\\n")
    >>> meta = import_baci([d / "BACI_HS92_V202501.zip"], d / "panel")
    >>> meta["release"], meta["rows"]
    ('V202501', {'2019': 1})
    """
    import duckdb

    from .._files import atomic_dir
    from .._provenance import SIDECAR
    from ..trade.readers import iso3_from_numeric

    zips = [Path(z) for z in zips]
    if not zips:
        raise ValidationError("no BACI zip given; give the downloaded BACI_HS??_V*.zip")
    want = set(int(y) for y in years) if years is not None else None
    members, revs, rels = [], set(), set()
    opened = [_zip(z) for z in zips]
    try:
        for z, zf in zip(zips, opened):
            for n in zf.namelist():
                m = _BACI_YEAR.search(n)
                if m and (want is None or int(m.group(2)) in want):
                    members.append((zf, z, n, int(m.group(2))))
                    revs.add(m.group(1))
                    rels.add(m.group(3))
        if not members:
            raise ValidationError(f"no yearly BACI file (BACI_HS??_Y????_V*.csv){' for the years asked' if want else ''} in "
                                  f"{', '.join(z.name for z in zips)}; is this a BACI release zip?")
        if len(revs) > 1:
            raise ValidationError(f"the zips mix HS revisions ({', '.join('HS' + r for r in sorted(revs))}); import one revision at a time")
        if len({y for *_, y in members}) != len(members):
            raise ValidationError("a year appears in two files; give each year once")
        hs = _HS.get(next(iter(revs)), "HS" + next(iter(revs)))
        release = release or ", ".join(sorted(rels))
        meta = {"source": "CEPII BACI", "release": release, "hs_revision": hs, "unit": "thousand USD",
                "quantity_unit": "tonnes", "licence": "Etalab Open Licence 2.0",
                "original": ", ".join(z.name for z in zips),
                "sha256": {z.name: _sha256(z) for z in zips}, "rows": {}}
        kv = ", ".join(f"'valuechain.{k}': '{_q(meta[k])}'" for k in ("source", "release", "hs_revision", "unit", "original"))
        with atomic_dir(out) as tmp:
            work = tmp / ".work"
            work.mkdir()
            codes = None
            for zf in opened:
                codes = codes if codes is not None else _country_table(zf, work)
            con = duckdb.connect()
            con.execute(f"SET memory_limit='{memory_limit}'")
            con.execute(f"SET temp_directory='{_q(work.as_posix())}'")
            con.execute("SET preserve_insertion_order=false")
            for k, (zf, z, name, year) in enumerate(sorted(members, key=lambda m: m[3]), 1):
                if progress:
                    progress(f"BACI {year} ({k}/{len(members)})")
                csv = _extract(zf, name, work / f"{year}.csv")
                src = (f"read_csv('{_q(csv.as_posix())}', header=true, all_varchar=true, "
                       "columns={'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'})")
                found = {r[0] for r in con.execute(f"SELECT DISTINCT TRY_CAST(trim(i) AS INTEGER) FROM {src} UNION "
                                                    f"SELECT DISTINCT TRY_CAST(trim(j) AS INTEGER) FROM {src}").fetchall()}
                if None in found:
                    raise ValidationError(f"{name}: a country code (i or j) is empty or not a number; is this a BACI file?")
                mapping = iso3_from_numeric(sorted(found), table=codes)
                cmap = pd.DataFrame({"code": [int(c) for c in mapping], "iso3": list(mapping.values())})
                con.register("cmap", cmap)
                part = tmp / f"year={year}"
                part.mkdir()
                con.execute(
                    f"COPY (SELECT e.iso3 AS exporter, m.iso3 AS importer, lpad(trim(f.k), 6, '0') AS product, "
                    f"CAST(trim(f.v) AS DOUBLE) AS value, TRY_CAST(trim(f.q) AS DOUBLE) AS quantity FROM {src} f "
                    f"JOIN cmap e ON TRY_CAST(trim(f.i) AS INTEGER) = e.code JOIN cmap m ON TRY_CAST(trim(f.j) AS INTEGER) = m.code) "
                    f"TO '{_q((part / 'part-0.parquet').as_posix())}' (FORMAT parquet, COMPRESSION zstd, KV_METADATA {{{kv}}})").fetchall()
                bad_year = con.execute(f"SELECT count(*) FROM {src} WHERE trim(t) <> '{year}'").fetchall()[0][0]
                if bad_year:
                    raise ValidationError(f"{name}: {bad_year} rows have a year other than {year}; the file is not one BACI year")
                meta["rows"][str(year)] = int(con.execute(f"SELECT count(*) FROM '{_q((part / 'part-0.parquet').as_posix())}'").fetchall()[0][0])
                con.unregister("cmap")
                csv.unlink()
            con.close()
            shutil.rmtree(work)
            meta["years"] = sorted(int(y) for y in meta["rows"])
            (tmp / SIDECAR).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    finally:
        for zf in opened:
            zf.close()
    return meta


def import_oecd_icio(zip_path: str | Path, out: str | Path, *, release: str | None = None,
                     progress: Callable[[str], None] | None = None) -> dict:
    """Unpack an OECD ICIO zip of yearly CSVs into the folder ``valuechain gvc`` reads.

    Each CSV's header is checked (``CTY_IND`` columns, an output column ``OUT``/``TOTAL``)
    before anything is kept.

    Parameters
    ----------
    zip_path : path
        The downloaded zip (e.g. ``ICIO2023_2016-2020.zip``).
    out : path
        The folder to create.
    release : str, optional
        The edition (default: from the name, e.g. ``ICIO2023`` → ``2023 edition``).
    progress : callable, optional
        Called with a message before each year.

    Returns
    -------
    dict
        The sidecar written (source, release, files by year, SHA-256 of the zip).

    Raises
    ------
    ValidationError
        No yearly CSV, or one that is not in the ICIO layout.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(d / "ICIO2023_2019.zip", "w") as z:
    ...     z.writestr("ICIO2023_2019.csv", "V1,AAA_01,AAA_HFCE,OUT\\nAAA_01,1,2,3\\nVA,2,,\\nOUT,3,,\\n")
    >>> import_oecd_icio(d / "ICIO2023_2019.zip", d / "icio")["files"]
    {'2019': 'ICIO2023_2019.csv'}
    """
    from .._files import atomic_dir
    from .._provenance import SIDECAR

    zip_path = Path(zip_path)
    zf = _zip(zip_path)
    try:
        found = []
        for n in zf.namelist():  # the year is the last one in the name (ICIO2023_2019.csv, 2016_SML.csv)
            base = n.rsplit("/", 1)[-1]
            yrs = re.findall(r"(?:19|20)\d\d", base)
            if base.lower().endswith(".csv") and yrs:
                found.append((n, base[:-4], yrs[-1]))
        if not found:
            raise ValidationError(f"no yearly CSV (a name with the year, e.g. ICIO2023_2019.csv) in {zip_path.name}; is this an OECD ICIO zip?")
        ed = re.search(r"ICIO\D?(\d{4})", zip_path.name + " " + found[0][1], re.IGNORECASE)
        release = release or (f"{ed.group(1)} edition" if ed else "not stated")
        meta = {"source": "OECD Inter-Country Input-Output tables", "release": release, "unit": "million USD",
                "licence": "OECD terms and conditions", "original": zip_path.name, "sha256": {zip_path.name: _sha256(zip_path)},
                "files": {}}
        with atomic_dir(out) as tmp:
            for k, (name, stem, year) in enumerate(sorted(found, key=lambda f: f[2]), 1):
                if progress:
                    progress(f"ICIO {year} ({k}/{len(found)})")
                dest = _extract(zf, name, tmp / f"{Path(stem).name}.csv")
                cols = list(pd.read_csv(dest, nrows=0).columns)
                has_ind = sum(1 for c in cols[1:] if re.fullmatch(r"[A-Z0-9]{2,4}_[A-Za-z0-9_]+", str(c)))
                has_out = any(str(c).upper() in ("OUT", "OUTPUT", "TOTAL") for c in cols)
                if not has_ind or not has_out:
                    raise ValidationError(f"{name} is not in the OECD ICIO layout (CTY_IND columns and an OUT column); check the zip")
                meta["files"][year] = dest.name
            (tmp / SIDECAR).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    finally:
        zf.close()
    return meta


def _cell(v) -> str:
    return "" if v is None else str(v).strip()


def import_adb_mrio(xlsx: str | Path, out: str | Path, *, release: str | None = None, sheet: str | int | None = None,
                    progress: Callable[[str], None] | None = None) -> dict:
    """Turn an ADB MRIO workbook into the decompr folder layout that ``valuechain gvc`` reads.

    The sheet is streamed row by row (``openpyxl`` read-only), so a 72-economy table
    (2,520 rows × 2,900 columns) needs about 60 MB for its numbers. Blank cells are 0.

    Parameters
    ----------
    xlsx : path
        The downloaded workbook (``ADB-MRIO-2022.xlsx`` …).
    out : path
        The folder to create: ``inter.csv``, ``final.csv``, ``out.csv``, ``va.csv`` and
        the sidecar.
    release : str, optional
        The release (default: from the file name, e.g. ``ADB-MRIO-2022_Mar2024`` →
        ``Mar2024``, else the file name).
    sheet : str or int, optional
        The sheet (default: the first).
    progress : callable, optional
        Called with a message at each stage.

    Returns
    -------
    dict
        The sidecar written (source, release, year, economies, sectors …).

    Raises
    ------
    ValidationError
        A workbook not in the ADB MRIO layout, or whose rows and columns disagree.

    Examples
    --------
    See ``tests/datasets/test_importers.py`` (a two-economy workbook written in the
    published layout).
    """
    import openpyxl

    from .._files import atomic_dir
    from .._provenance import SIDECAR

    xlsx = Path(xlsx)
    if not xlsx.is_file():
        raise DataNotFoundError(f"file not found: {xlsx}; give the ADB MRIO workbook (.xlsx)")
    if progress:
        progress("reading the workbook")
    try:
        wb = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ValidationError(f"{xlsx.name} cannot be read as a workbook ({type(exc).__name__}); give the .xlsx as downloaded") from None
    try:
        ws = wb[sheet] if isinstance(sheet, str) else wb.worksheets[sheet or 0]
        rows = ws.iter_rows(values_only=True)
        header_c, header_k = None, None
        prev = None
        for r in rows:  # the header: a row of codes c1.. / F1.. / ToT under a row of economy codes
            cells = [_cell(v) for v in r]
            if "c1" in cells and any(c.lower() == "tot" for c in cells):
                header_c, header_k = prev, cells
                break
            prev = cells
        if header_k is None or header_c is None:
            raise ValidationError(f"{xlsx.name}: no header row with sector codes c1 … and ToT; is this an ADB MRIO workbook?")
        first = header_k.index("c1")
        tot = next(i for i, c in enumerate(header_k) if c.lower() == "tot")
        cols = []
        for i in range(first, tot):
            e = header_c[i] if i < len(header_c) and header_c[i] else (cols[-1][0] if cols else "")
            cols.append((e, header_k[i]))
        n_int = sum(1 for _, k in cols if re.fullmatch(r"c\d+", k))
        if not n_int or any(not re.fullmatch(r"c\d+", k) for _, k in cols[:n_int]) or \
                any(not re.fullmatch(r"F\d+", k) for _, k in cols[n_int:]):
            raise ValidationError(f"{xlsx.name}: the columns are not c1 … cN then F1 … Fk then ToT; is this an ADB MRIO workbook?")
        code_col = first - 1
        ec_col = first - 2
        labels, data, prim_labels, prim, x_row = [], [], [], [], None
        for r in rows:
            cells = list(r) + [None] * max(0, tot + 1 - len(r))
            code = _cell(cells[code_col])
            if not code:
                continue
            vals = np.array([0.0 if v in (None, "", " ") else float(v) for v in cells[first:tot + 1]], dtype=float)
            if re.fullmatch(r"c\d+", code):
                labels.append((_cell(cells[ec_col]), code))
                data.append(vals)
            elif code.lower() == "r60":
                continue  # total intermediate input: a sum, dropped
            elif code.lower() == "r69":
                x_row = vals
            elif re.fullmatch(r"r\d+", code):
                prim_labels.append(code)
                prim.append(vals)
        if not labels or x_row is None:
            raise ValidationError(f"{xlsx.name}: no economy × sector rows or no r69 (total input) row; is this an ADB MRIO workbook?")
    finally:
        wb.close()
    if [lab for lab in labels] != [c for c in cols[:n_int]]:
        raise ValidationError(f"{xlsx.name}: the economy × sector rows do not match the columns; the workbook is truncated or reordered")
    M = np.vstack(data)
    gn = len(labels)
    lab = [f"{e}|{k}" for e, k in labels]
    Z = pd.DataFrame(M[:, :gn], index=lab, columns=lab)
    Y = pd.DataFrame(M[:, gn:-1], index=lab, columns=[f"{e}|{k}" for e, k in cols[n_int:]])
    x = pd.Series(M[:, -1], index=lab, name="output")
    V = pd.DataFrame(np.vstack(prim)[:, :gn] if prim else np.zeros((0, gn)), index=prim_labels, columns=lab)
    gap = float(np.max(np.abs(x.to_numpy() - x_row[:gn]))) if gn else 0.0
    if gap > 1e-6 * max(1.0, float(np.max(np.abs(x)))):
        raise ValidationError(f"{xlsx.name}: output by rows (ToT) and by columns (r69) differ by up to {gap:.4g}; check the workbook")
    year = re.search(r"(19|20)\d\d", xlsx.stem)
    rel = re.search(r"_([A-Za-z]{3}\d{4})", xlsx.stem)
    meta = {"source": "Asian Development Bank Multiregional Input-Output tables (ADB MRIO)",
            "release": release or (rel.group(1) if rel else xlsx.stem), "year": int(year.group(0)) if year else None,
            "unit": "million USD", "licence": "ADB terms of use (CC BY 3.0 IGO)", "original": xlsx.name,
            "sha256": {xlsx.name: _sha256(xlsx)}, "economies": len(dict.fromkeys(e for e, _ in labels)),
            "sectors": len(dict.fromkeys(k for _, k in labels)), "primary_input_rows": prim_labels}
    if progress:
        progress("writing the decompr layout")
    with atomic_dir(out) as tmp:
        Z.to_csv(tmp / "inter.csv", float_format="%.10g", lineterminator="\n")
        Y.to_csv(tmp / "final.csv", float_format="%.10g", lineterminator="\n")
        x.to_frame().to_csv(tmp / "out.csv", float_format="%.10g", lineterminator="\n")
        V.to_csv(tmp / "va.csv", float_format="%.10g", lineterminator="\n")
        (tmp / SIDECAR).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


#: the kinds ``valuechain data import`` knows (name → function)
IMPORTERS = {"baci": import_baci, "oecd-icio": import_oecd_icio, "adb-mrio": import_adb_mrio}
