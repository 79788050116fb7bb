"""Regional employment (or any size measure) by industry: reading and validation.

A location quotient compares an industry's share of a region's activity with its share
of the nation's. The measure is usually employment (Flegg & Webber 1997), but output,
value added or income work the same way. This module turns a long file

=========  =========  ============
industry   region     employment
=========  =========  ============
Mining     WA         120 000
...        ...        ...
=========  =========  ============

into two aligned vectors, regional and national, checked against the industries of the
national IO table. The national vector is the sum over all regions of the file unless
rows with region ``national`` are given (then those rows are the nation).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError

__all__ = [
    "NATIONAL",
    "EMPLOYMENT_COLUMNS",
    "RegionalEmployment",
    "read_employment",
    "validate_employment",
    "employment_vectors",
]

#: The region label that marks rows holding the national totals.
NATIONAL = "national"
#: The columns an employment file must have.
EMPLOYMENT_COLUMNS = ("industry", "region", "employment")


def _short(items: Sequence, k: int = 8) -> str:
    items = [str(i) for i in items]
    more = f" (+{len(items) - k} more)" if len(items) > k else ""
    return ", ".join(repr(i) for i in items[:k]) + more


def validate_employment(df: pd.DataFrame, *, value: str = "employment") -> pd.DataFrame:
    """Check a long employment frame and return a clean copy.

    Parameters
    ----------
    df : DataFrame
        Columns ``industry``, ``region`` and ``value`` (default ``employment``); other
        columns are ignored.
    value : str
        Name of the measure column.

    Returns
    -------
    DataFrame
        Columns ``industry``, ``region``, ``employment`` (str, str, float).

    Raises
    ------
    ValidationError
        Missing columns, empty frame, non-numeric or missing values, negative values,
        duplicate ``(industry, region)`` rows.

    Examples
    --------
    >>> import pandas as pd
    >>> emp = pd.DataFrame({"industry": ["agri", "manu", "agri", "manu"],
    ...                     "region": ["North", "North", "South", "South"],
    ...                     "employment": [5, 30, 95, 170]})
    >>> validate_employment(emp).dtypes.tolist()
    [dtype('O'), dtype('O'), dtype('float64')]
    >>> validate_employment(emp.assign(employment=[5, -1, 95, 170]))
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: ...
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"employment must be a pandas DataFrame, got {type(df).__name__}")
    cols = {str(c).strip().lower(): c for c in df.columns}
    need = ("industry", "region", value)
    missing = [c for c in need if c not in cols]
    if missing:
        raise ValidationError(
            f"employment table lacks column(s) {', '.join(missing)} (found: {_short(list(df.columns))}); "
            f"give columns {', '.join(need)}"
        )
    out = pd.DataFrame(
        {
            "industry": df[cols["industry"]],
            "region": df[cols["region"]],
            "employment": df[cols[value]],
        }
    )
    if out.empty:
        raise ValidationError("employment table has no rows; give one row per industry and region")
    for c in ("industry", "region"):
        if out[c].isna().any():
            k = int(np.flatnonzero(out[c].isna().to_numpy())[0])
            raise ValidationError(f"employment row {k + 1} has no {c}; fill in every {c}")
        out[c] = out[c].astype(str).str.strip()
    num = pd.to_numeric(out["employment"], errors="coerce")
    bad = num.isna() | ~np.isfinite(num.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        k = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValidationError(
            f"employment for ({out['industry'].iat[k]!r}, {out['region'].iat[k]!r}) is "
            f"{out['employment'].iat[k]!r}, not a number; give a finite number (0 where there is none)"
        )
    out["employment"] = num.astype(float)
    neg = out["employment"] < 0
    if neg.any():
        k = int(np.flatnonzero(neg.to_numpy())[0])
        raise ValidationError(
            f"negative employment {out['employment'].iat[k]:g} for ({out['industry'].iat[k]!r}, "
            f"{out['region'].iat[k]!r}) ({int(neg.sum())} negative row(s)); employment must be >= 0"
        )
    dup = out.duplicated(["industry", "region"], keep=False)
    if dup.any():
        first = out.loc[dup].iloc[0]
        raise ValidationError(
            f"{int(dup.sum())} duplicate rows for the same industry and region, e.g. "
            f"({first['industry']!r}, {first['region']!r}); keep one row per pair "
            "(filter the file to one year or sum the rows first)"
        )
    out = out.reset_index(drop=True)
    out.attrs["flags"] = _provenance_flags(df, cols)
    return out


def _provenance_flags(df: pd.DataFrame, cols: dict) -> list[str]:
    """Provenance flags of an employment frame: ``attrs["flags"]`` plus distinct ``note`` values.

    A synthetic or estimated vector (e.g. :func:`valuechain.regional.east_kazakhstan_employment`)
    says so in a ``note`` column or in ``attrs``; the flags travel into every regional
    table built from it.
    """
    flags = [str(f) for f in (df.attrs.get("flags") or [])]
    if "note" in cols:
        notes = df[cols["note"]].dropna().astype(str).str.strip()
        flags += [n for n in dict.fromkeys(notes) if n]
    return list(dict.fromkeys(flags))


def read_employment(path: str | os.PathLike, *, value: str = "employment") -> pd.DataFrame:
    r"""Read an employment file (CSV, or XLSX first sheet) and validate it.

    The file needs the columns ``industry``, ``region`` and ``employment`` (or the
    column named by ``value``), one row per industry and region. Rows whose region is
    ``national`` give the national totals; otherwise the nation is the sum of the
    regions. See :func:`validate_employment` for the checks.

    Parameters
    ----------
    path : str or PathLike
        A CSV or XLSX file (first sheet).
    value : str, default "employment"
        Name of the measure column.

    Returns
    -------
    DataFrame
        Columns ``industry``, ``region``, ``employment`` (str, str, float), as
        :func:`validate_employment` returns.

    Raises
    ------
    DataNotFoundError
        If the file does not exist.
    ValidationError
        If the file fails :func:`validate_employment`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "employment.csv"
    >>> _ = p.write_text("industry,region,employment\nagri,North,5\nmanu,North,30\n")
    >>> read_employment(p)
      industry region  employment
    0     agri  North         5.0
    1     manu  North        30.0
    """
    path = Path(path)
    if not path.exists():
        raise DataNotFoundError(f"employment file not found: {path}; check the path")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give the employment CSV file")
    if path.stat().st_size == 0:
        raise ValidationError(f"employment file {path} is empty; give columns industry, region, employment")
    try:
        if path.suffix.lower() in (".xlsx", ".xls"):
            df = pd.read_excel(path, sheet_name=0)
        elif path.suffix.lower() == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = pd.read_csv(path, sep=None, engine="python", dtype={"industry": str, "region": str})
    except pd.errors.EmptyDataError:
        raise ValidationError(f"employment file {path} is empty; give columns industry, region, employment") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise ValidationError(f"cannot read employment file {path}: {str(exc).splitlines()[0]}; give a comma-separated UTF-8 CSV") from None
    return validate_employment(df, value=value)


@dataclass(frozen=True)
class RegionalEmployment:
    """Aligned regional and national size measures by industry (validated).

    Attributes
    ----------
    region : str
        The region's name.
    regional, national : Series
        Employment (or another measure) by industry, in the industry order of the
        national table; industries missing from the file have regional employment 0.
    national_source : str
        ``"sum over regions"`` or ``"national rows"``.
    ignored : tuple of str
        Industries of the file that are not in the table and were ignored (only with
        ``unmatched="ignore"``).
    measure : str
        What the numbers measure (``"employment"``).
    flags : tuple of str
        Provenance flags of the employment data (e.g. ``synthetic``), repeated in every
        regional table built from it.

    Examples
    --------
    >>> import pandas as pd
    >>> emp = pd.DataFrame({"industry": ["agri", "manu", "agri", "manu"],
    ...                     "region": ["North", "North", "South", "South"],
    ...                     "employment": [5, 30, 95, 170]})
    >>> re = employment_vectors(emp, "North", industries=["agri", "manu"])
    >>> re.region, re.regional.tolist(), re.national.tolist(), re.national_source
    ('North', [5.0, 30.0], [100.0, 200.0], 'sum over regions')
    """

    region: str
    regional: pd.Series
    national: pd.Series
    national_source: str = "sum over regions"
    ignored: tuple[str, ...] = ()
    measure: str = "employment"
    flags: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """A short summary (the series are attributes)."""
        return (f"RegionalEmployment(region={self.region!r}, measure={self.measure!r}, {len(self.regional)} industries, "
                f"national={self.national_source!r}" + (f", flags={list(self.flags)}" if self.flags else "") + ")")

    @property
    def rest(self) -> pd.Series:
        """The rest of the country: national minus regional."""
        return (self.national - self.regional).rename(f"rest_of_country_{self.measure}")

    @property
    def absent(self) -> list[str]:
        """Industries with zero regional employment."""
        return list(self.regional.index[self.regional.to_numpy() == 0])

    @property
    def regional_share(self) -> float:
        """The region's share of the nation, :math:`E_r / E_n`."""
        return float(self.regional.sum() / self.national.sum())


def employment_vectors(
    employment: pd.DataFrame,
    region: str,
    *,
    industries: Sequence[str] | pd.Index | None = None,
    unmatched: str = "raise",
    measure: str = "employment",
) -> RegionalEmployment:
    """Regional and national vectors for ``region``, checked against the table's industries.

    Parameters
    ----------
    employment : DataFrame
        Long frame with columns ``industry``, ``region``, ``employment`` (as returned by
        :func:`read_employment`).
    region : str
        The region to extract.
    industries : sequence of str, optional
        The industries of the national IO table, in order. When given, every industry of
        the file must be one of them (see ``unmatched``), and the vectors are returned
        in this order with zeros for industries the region lacks.
    unmatched : {"raise", "ignore"}
        What to do with industries of the file that the table does not have. Default
        ``"raise"``: a :class:`ValidationError` listing them. ``"ignore"`` drops them
        (e.g. census categories such as "Not stated") and records them in
        :attr:`RegionalEmployment.ignored`.
    measure : str
        Name of the measure, used in labels (default ``"employment"``).

    Returns
    -------
    RegionalEmployment

    Raises
    ------
    ValidationError
        Unknown region; industries not in the table; a table industry with zero
        national employment; regional employment above national employment; a region
        with no employment.

    Examples
    --------
    >>> import pandas as pd
    >>> emp = pd.DataFrame({"industry": ["agri", "manu", "agri", "manu"],
    ...                     "region": ["North", "North", "South", "South"],
    ...                     "employment": [5, 30, 95, 170]})
    >>> re = employment_vectors(emp, "North", industries=["agri", "manu"])
    >>> re.regional.tolist(), re.national.tolist()
    ([5.0, 30.0], [100.0, 200.0])
    """
    if unmatched not in ("raise", "ignore"):
        raise ValidationError(f"unmatched={unmatched!r}; use 'raise' or 'ignore'")
    df = validate_employment(employment)
    flags = tuple(df.attrs.get("flags", ()))
    region = str(region).strip()
    regions = df["region"].unique()
    nat_rows = df["region"].str.lower() == NATIONAL
    if region.lower() == NATIONAL:
        raise ValidationError(f"region {region!r} is the nation itself; name one of the regions: {_short(sorted(set(regions) - {region}))}")
    if region not in set(regions):
        raise ValidationError(f"unknown region {region!r}; the employment file has: {_short(sorted(regions), 12)}")
    ignored: tuple[str, ...] = ()
    if industries is not None:
        ind = pd.Index([str(i) for i in industries])
        extra = sorted(set(df["industry"]) - set(ind))
        if extra:
            if unmatched == "raise":
                raise ValidationError(
                    f"{len(extra)} employment industr{'y is' if len(extra) == 1 else 'ies are'} not in the table: "
                    f"{_short(extra, 10)}; rename them to the table's labels or remove their rows from the employment file "
                    "(regionalize and tworegion can skip them with --drop-unmatched)"
                )
            ignored = tuple(extra)
            df = df[df["industry"].isin(ind)]
    else:
        ind = pd.Index(sorted(df["industry"].unique()))
    if nat_rows.any():
        nat = df[df["region"].str.lower() == NATIONAL].set_index("industry")["employment"]
        source = "national rows"
    else:
        nat = df.groupby("industry", sort=False)["employment"].sum()
        source = "sum over regions"
    reg = df[df["region"] == region].set_index("industry")["employment"]
    nat = nat.reindex(ind).fillna(0.0).astype(float)
    reg = reg.reindex(ind).fillna(0.0).astype(float)
    nat.index.name = reg.index.name = "industry"
    zero_nat = list(ind[nat.to_numpy() == 0])
    if zero_nat:
        raise ValidationError(
            f"national employment is zero for {_short(zero_nat)}; a location quotient needs national "
            "employment in every industry of the table (add those rows or aggregate the industries)"
        )
    over = reg.to_numpy() > nat.to_numpy() * (1 + 1e-12)
    if over.any():
        k = int(np.flatnonzero(over)[0])
        raise ValidationError(
            f"region {region!r} is larger than the nation in {int(over.sum())} industr{'y' if over.sum() == 1 else 'ies'}, "
            f"e.g. {ind[k]!r}: {reg.iat[k]:g} > national {nat.iat[k]:g}; check the 'national' rows and units"
        )
    if reg.sum() <= 0:
        raise ValidationError(f"region {region!r} has no employment in any industry of the table; check the region name and the file")
    return RegionalEmployment(
        region=region,
        regional=reg.rename(f"{measure}_{region}"),
        national=nat.rename(f"{measure}_national"),
        national_source=source,
        ignored=ignored,
        measure=measure,
        flags=flags,
    )
