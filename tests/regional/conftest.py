"""Fixtures of the regional tests: the Australian 19-industry table and state employment.

The Australian table (``au_eiat_lga_employment_io19/australia_io19_national.csv``, ABS via
the eiat R package, CC0) is built here with ``IOTable.from_frames``: rows/columns 1-19 are
the ANZSIC divisions, then final-demand columns and primary-input rows; "Total ..." rows and
columns and "Australian Production" (= output) are totals; the two employment rows are
satellite rows.
"""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.tables import IOTable

from _regional_helpers import AU  # noqa: E402
FD_COLS = [
    "Households Final Consumption Expenditure",
    "General Government Final Consumption Expenditure",
    "Gross Fixed Capital Formation",
    "Changes in Inventories",
    "Exports of Goods and Services",
]
PRIMARY = [
    "Compensation of employees",
    "Gross operating surplus mixed income",
    "Taxes less subsidies on products and production",
    "Imports",
]
NOT_INDUSTRIES = ["Inadequately described", "Not stated", "Not applicable"]


def build_au_table(folder) -> IOTable:
    raw = pd.read_csv(folder / "australia_io19_national.csv", index_col=0)
    ind = [c for c in raw.columns if c in raw.index]
    assert len(ind) == 19
    return IOTable.from_frames(
        raw.loc[ind, ind],
        raw.loc[ind, FD_COLS],
        raw.loc[PRIMARY, ind],
        raw.loc["Australian Production", ind],
        satellite=raw.loc[["FTE Employment", "Total Employment"], ind],
        roles={
            "compensation": "Compensation of employees",
            "value_added": PRIMARY[:3],
            "imports": "Imports",
            "taxes": "Taxes less subsidies on products and production",
            "households": FD_COLS[0],
            "exports": FD_COLS[4],
            "employment": "Total Employment",
            "negative_ok": ["Changes in Inventories", "Taxes less subsidies on products and production"],
        },
        name="Australia 2021 (19 ANZSIC divisions)",
        unit="AUD million",
        source="ABS national IO table via eiat (CC0)",
        rtol=1e-4,
    )


def au_state_employment(folder) -> pd.DataFrame:
    """Census 2021 employment by place of work, state x division (long: industry, region, employment)."""
    df = pd.read_csv(folder / "employment_by_place_of_work_state_2011_2016_2021.csv")
    df = df[df["year"] == 2021].rename(columns={"state_pow": "region"})
    return df[["industry", "region", "employment"]].reset_index(drop=True)


@pytest.fixture(scope="session")
def au_table(shared_data) -> IOTable:
    return build_au_table(shared_data / AU)


@pytest.fixture(scope="session")
def au_employment(shared_data) -> pd.DataFrame:
    return au_state_employment(shared_data / AU)


@pytest.fixture(scope="session")
def au_employment_clean(au_employment) -> pd.DataFrame:
    return au_employment[~au_employment["industry"].isin(NOT_INDUSTRIES)].reset_index(drop=True)


FI = "fi_alta_regional_io_2014"


def build_fi_tables(folder):
    """Finland 2014 (ALTA, 19 regions x 30 industries): the national domestic table and the
    regional intraregional tables.

    The national domestic flows are the sum over regions of the intraregional flows
    (``io2014``) and the purchases from other regions (``io_reg2014``); national output is the
    sum of regional outputs (row 'Tuotos perushintaan'). Product rows are treated as the
    industry of the same code (30 products = 30 industries, the same NACE groups).
    Returns (national IOTable, {region: regional intraregional IOTable}, {region: output}).
    """
    io = pd.read_parquet(folder / "io2014_long.parquet")
    rg = pd.read_parquet(folder / "io_reg2014_long.parquet")
    ind = [c for c in io["COM"].unique() if c[:2].isdigit()]

    def block(df, r):
        d = df[df["REG"] == r].pivot_table(index="COM", columns="IND", values="value", aggfunc="sum")
        return d.reindex(index=ind, columns=ind).fillna(0.0)

    regions = list(io["REG"].unique())
    out = {
        r: io[(io["REG"] == r) & (io["COM"] == "Tuotos perushintaan")].set_index("IND")["value"].reindex(ind).fillna(0.0)
        for r in regions
    }
    zrr = {r: block(io, r) for r in regions}
    Zn = sum(zrr[r] + block(rg, r) for r in regions)
    xn = sum(out.values())

    def table(Z, x, name):
        keep = x.to_numpy() > 0
        Z, x = Z.loc[keep, keep], x[keep]
        return IOTable.from_frames(
            Z, pd.DataFrame({"final_and_exports": x - Z.sum(axis=1)}), pd.DataFrame([x - Z.sum(axis=0)], index=["primary"]), x,
            name=name, unit="EUR million", source="ALTA regional IO tables 2014 (PTT/VATT; Statistics Finland)",
            check_balance="ignore", roles={"negative_ok": ["final_and_exports"]},
        )

    national = table(Zn, xn, "Finland 2014 (domestic flows)")
    regional = {r: table(zrr[r], out[r], f"{r} 2014 (intraregional)") for r in regions}
    return national, regional, out


@pytest.fixture(scope="session")
def fi_tables(shared_data):
    return build_fi_tables(shared_data / FI)
