"""Built-in data of the study files (``builtin:NAME``): small examples shipped inside the
package and named real data sets read from the real data folder.

Built-in data names (``builtin:NAME`` in a study file) are listed by
:func:`builtin_names`.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..gvc import InterCountryTable, read_icio
from ..datasets import east_kazakhstan_employment, kazakhstan_table
from ..errors import ValidationError
from ..datasets import synthetic_gdp_per_capita, synthetic_panel

if TYPE_CHECKING:
    from ..tables import IOTable

__all__ = ["builtin_names", "load_builtin"]

_BUILTINS = {
    "germany-1995": "Germany 1995 6-sector table, Eurostat Manual Table 15.4 (real, transcribed)",
    "example-region-employment": "synthetic employment of an invented 'Example region' of Germany 1995",
    "leather": "decompr 'leather' 3x3 inter-country example (synthetic textbook example)",
    "synthetic-trade": "seeded synthetic trade panel (synthetic_trade.toml)",
    "kazakhstan-ras": "Kazakhstan 35-industry table estimated by RAS (needs the real data folder)",
    "east-kazakhstan-employment": "synthetic East Kazakhstan employment vector (documented in valuechain.regional.kazakhstan)",
    "wiod-7x35": "WIOD 2011 release, 7 regions x 35 industries (needs the real data folder)",
    "kazakhstan-icio-2022": "Kazakhstan 2022, 50 industries, domestic block of the OECD ICIO 2025 edition (real; needs the real data folder)",
    "east-kazakhstan-bns-gva": "East Kazakhstan (pre-2022 borders) GVA by OKED section 2022, BNS (real; needs the real data folder)",
    "synthetic-gdppc": "seeded synthetic GDP per capita of the exporters of the flows (for EXPY in the example)",
}


def builtin_names() -> list[str]:
    """Names usable as ``builtin:NAME`` in a study file.

    Returns
    -------
    list of str
        The names, small examples shipped with the package first; the Kazakhstan and WIOD
        names need the real data folder (``VALUECHAIN_DATA``).

    Examples
    --------
    >>> builtin_names()[:3]
    ['germany-1995', 'example-region-employment', 'leather']
    """
    return list(_BUILTINS)


def _data_file(name: str) -> Path:
    return Path(str(resources.files("valuechain") / "data" / name))


def _toml(name: str) -> dict:
    with open(_data_file(name), "rb") as fh:
        return tomllib.load(fh)


def _germany_1995():
    from ..tables import IOTable

    d = _toml("germany_1995.toml")
    ind = d["industries"]
    Z = pd.DataFrame(d["Z"], index=ind, columns=ind, dtype=float)
    Y = pd.DataFrame(d["Y"], index=ind, columns=d["final_demand"], dtype=float)
    V = pd.DataFrame(d["V"], index=d["primary"], columns=ind, dtype=float)
    emp = f"employment ({d['employment_unit']})"
    sat = pd.DataFrame([d["employment"]], index=[emp], columns=ind, dtype=float)
    roles = {**d["roles"], "employment": emp}
    return IOTable.from_frames(Z, Y, V, pd.Series(d["x"], index=ind, dtype=float), satellite=sat,
                               roles=roles, name=d["name"], unit=d["unit"], source=d["source"])


def _example_region_employment() -> pd.DataFrame:
    d = _toml("example_region_employment.toml")
    ind = d["industries"]
    df = pd.concat([
        pd.DataFrame({"industry": ind, "region": d["region"], "employment": np.asarray(d["regional"], float)}),
        pd.DataFrame({"industry": ind, "region": "national", "employment": np.asarray(d["national"], float)}),
    ], ignore_index=True)
    df.attrs.update(flags=list(d["flags"]), source=d["source"], unit=d["unit"])
    return df


def _leather():

    d = _toml("leather.toml")
    labels = [f"{c}|{i}" for c in d["countries"] for i in d["industries"]]
    inter = pd.DataFrame(d["inter"], index=labels, columns=labels, dtype=float)
    final = pd.DataFrame(d["final"], index=labels, columns=d["countries"], dtype=float)
    out = pd.Series(d["out"], index=labels, dtype=float)
    return InterCountryTable.from_frames(inter, final, x=out, name=d["name"], unit=d["unit"], source=d["source"],
                                         flags=("synthetic",), check_balance="warn")


def _synthetic_trade(country: str = "") -> pd.DataFrame:

    spec = _toml("synthetic_trade.toml")
    df = synthetic_panel(seed=spec["seed"], years=(spec["first_year"], spec["last_year"]),
                         n_exporters=spec["n_exporters"], n_importers=spec["n_importers"], n_products=spec["n_products"],
                         mean_partners=spec.get("mean_partners", 3.0), countries=spec["countries"])
    if not isinstance(df, pd.DataFrame) and hasattr(df, "to_pandas"):
        df = df.to_pandas()
    df.attrs.update(flags=["synthetic: generated trade panel (seeded), not real trade"], source=spec["source"], unit=spec["unit"])
    return df


def _kazakhstan(name: str):
    if name == "kazakhstan-ras":
        return kazakhstan_table()
    df = east_kazakhstan_employment()
    if isinstance(df, pd.Series):
        df = df.rename_axis("industry").reset_index(name="employment").assign(region="East Kazakhstan")
    df.attrs.setdefault("flags", ["synthetic: East Kazakhstan employment is a documented synthetic vector, not official statistics"])
    df.attrs.setdefault("source", "SYNTHETIC East Kazakhstan employment (valuechain.regional.kazakhstan)")
    return df


def _shared() -> Path:
    from .._data import shared_data_dir

    d = shared_data_dir()
    if d is None:
        raise ValidationError("this built-in data needs the real data folder (../shared/data); set VALUECHAIN_DATA")
    return d


def _kazakhstan_real(name: str):
    from ..datasets.kazakhstan_bns import employment_crosscheck, regional_gva_size
    from ..datasets.kazakhstan_icio import icio_industry_names, kazakhstan_icio_table

    d = _shared()
    tab = kazakhstan_icio_table(d)
    if name == "kazakhstan-icio-2022":
        return tab
    code_of = {v: k for k, v in icio_industry_names(d).items()}
    df = regional_gva_size(d, {i: code_of.get(i, i) for i in tab.industries}, dict(zip(tab.industries, tab.x)),
                           region="VKO", year=2022, borders="pre2022", label="East Kazakhstan")
    df.attrs["measure"] = "GVA"
    df.attrs["crosscheck"] = lambda: (employment_crosscheck(d, region="VKO", year=2022, borders="pre2022"),
                                      "BNS employment by region (three groups) and GVA by OKED section, 2022, "
                                      "East Kazakhstan and Abai (the pre-2022 oblast)")
    return df


def load_builtin(name: str, **kw: Any) -> IOTable | InterCountryTable | pd.DataFrame:
    """Load built-in data ``name`` (see :func:`builtin_names`).

    Parameters
    ----------
    name : str
        One of :func:`builtin_names` (without the ``builtin:`` prefix).
    **kw : Any
        ``country`` for ``synthetic-trade`` (ignored by the generator); ``flows`` (the trade
        flows, a pandas or polars frame) for ``synthetic-gdppc``, whose exporters and years
        it covers.

    Returns
    -------
    IOTable or InterCountryTable or pandas.DataFrame
        A national table (``germany-1995``, ``kazakhstan-ras``, ``kazakhstan-icio-2022``), an
        inter-country table (``leather``, ``wiod-7x35``) or a frame (employment, GVA size data,
        trade flows, GDP per capita) whose ``attrs`` carry ``source`` and ``flags``.

    Raises
    ------
    ValidationError
        An unknown name, or a name that needs the real data folder when none is found.

    Examples
    --------
    >>> t = load_builtin("germany-1995")
    >>> t.n, t.unit
    (6, 'million EUR')
    >>> load_builtin("leather").flags
    ('synthetic',)
    >>> load_builtin("germany")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: unknown built-in data 'germany'; use one of germany-1995, example-region-employment, leather, synthetic-trade, kazakhstan-ras, east-kazakhstan-employment, wiod-7x35, kazakhstan-icio-2022, east-kazakhstan-bns-gva, synthetic-gdppc
    """
    if name in ("kazakhstan-icio-2022", "east-kazakhstan-bns-gva"):
        return _kazakhstan_real(name)
    if name == "germany-1995":
        return _germany_1995()
    if name == "example-region-employment":
        return _example_region_employment()
    if name == "leather":
        return _leather()
    if name == "synthetic-trade":
        return _synthetic_trade(kw.get("country", ""))
    if name in ("kazakhstan-ras", "east-kazakhstan-employment"):
        return _kazakhstan(name)
    if name == "synthetic-gdppc":
        flows = kw.get("flows")
        df = flows if isinstance(flows, pd.DataFrame) else flows.to_pandas()
        ys = (int(df["year"].min()), int(df["year"].max()))
        g = synthetic_gdp_per_capita(sorted(df["exporter"].unique()), ys, seed=7)
        g.attrs.update(flags=["synthetic: GDP per capita is generated (seeded), not real"],
                       source="SYNTHETIC GDP per capita (valuechain.trade.synthetic_gdp_per_capita, seed 7)")
        return g
    if name == "wiod-7x35":
        from .._data import shared_data_dir

        d = shared_data_dir()
        if d is None:
            raise ValidationError("builtin:wiod-7x35 needs the real data folder; set VALUECHAIN_DATA")
        return read_icio(d / "wiod2011_decompr_7reg35ind", format="wiod")
    raise ValidationError(f"unknown built-in data {name!r}; use one of {', '.join(builtin_names())}")
