"""Fixtures of the regional tests: the Australian 19-industry table and state employment.

The Australian table (``au_eiat_lga_employment_io19/australia_io19_national.csv``, ABS via
the eiat R package, CC0) is built here with ``IOTable.from_frames``: rows/columns 1-19 are
the ANZSIC divisions, then final-demand columns and primary-input rows; "Total ..." rows and
columns and "Australian Production" (= output) are totals; the two employment rows are
satellite rows.
"""

from __future__ import annotations

import numpy as np
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
