"""Fixtures shared by the leontief tests: the published tables of ../shared/data read once."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.tables import IOTable, read_table

#: label columns of the Eurostat-manual CSV files that are not part of the table
LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]


@pytest.fixture(scope="module")
def germany(shared_data) -> IOTable:
    # Eurostat Manual of Supply, Use and IO Tables (2008), Beutel Table 15.4 (ESA 2010 labels),
    # read through the matrix reader. The published table's manufacturing output is 1,079,446
    # in row P1 but its row total is 1,079,400 (a 4.3e-5 gap in the source), hence rtol=1e-4.
    return read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                      label_column="iotables_row", ignore=LABEL_COLS, rtol=1e-4,
                      source="Eurostat Manual 2008, Table 15.4")


@pytest.fixture(scope="module")
def netherlands(shared_data) -> IOTable:
    # Spicosa "Input-Output Multipliers Specification Sheet", Netherlands 2000, 6 sectors.
    # total_use = TOTAL + final_consumption_private + government + GFCF + exports, and
    # final_consumption_households is the household part of private consumption, so
    # final demand is split into households and the rest of private consumption (NPISH).
    # Compensation of employees is an "of which" row of value added: a memo (satellite) row.
    d = pd.read_csv(shared_data / "iotables_eurostat_examples" / "netherlands_2000.csv", index_col=0)
    ind = list(d.columns[:6])
    Y = pd.DataFrame({
        "households": d.loc[ind, "final_consumption_households"],
        "npish": d.loc[ind, "final_consumption_private"] - d.loc[ind, "final_consumption_households"],
        "government": d.loc[ind, "final_consumption_government"],
        "gfcf": d.loc[ind, "gross_fixed_capital_formation"],
        "exports": d.loc[ind, "exports"],
    })
    V = d.loc[["imports", "net_tax", "value_added_bp"], ind]
    S = d.loc[["compensation_employees"], ind]
    return IOTable.from_frames(
        d.loc[ind, ind], Y, V, d.loc["output_bp", ind], satellite=S,
        roles={"compensation": "compensation_employees", "households": "households",
               "value_added": ["value_added_bp"], "imports": ["imports"], "taxes": ["net_tax"]},
        name="Netherlands 2000", rtol=1e-5,  # services row: 435952 vs 435953 (rounding in the source)
    )
