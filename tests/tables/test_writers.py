"""write_table then read_table gives the same table (values, labels, metadata), CSV and XLSX."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.tables import IOTable, read_table, write_table


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    ind = ["agri", "manu"]
    t = IOTable.from_frames(pd.DataFrame([[20.0, 30.0], [10.0, 40.0]], index=ind, columns=ind),
                            pd.DataFrame({"P3_S14": [30.0, 30.0], "P6": [20.0, 20.0]}, index=ind),
                            pd.DataFrame([[70.0, 30.0]], index=["B1G"], columns=ind),
                            pd.Series([100.0, 100.0], index=ind), name="toy </script>",
                            unit="EUR", source="hand", flags=["synthetic"])
    p = write_table(t, tmp_path / f"t{suffix}")
    back = read_table(p)
    np.testing.assert_allclose(back.Z.to_numpy(), t.Z.to_numpy())
    np.testing.assert_allclose(back.x.to_numpy(), t.x.to_numpy())
    assert list(back.industries) == list(t.industries)
    assert (back.name, back.unit, back.flags) == (t.name, t.unit, t.flags)


def test_round_trip_with_one_final_demand_column(tmp_path):
    ind = ["agri", "manu"]
    t = IOTable.from_frames(pd.DataFrame([[20.0, 30.0], [10.0, 40.0]], index=ind, columns=ind),
                            pd.DataFrame({"P3_S14": [50.0, 50.0]}, index=ind),
                            pd.DataFrame([[70.0, 30.0]], index=["B1G"], columns=ind), pd.Series([100.0, 100.0], index=ind))
    back = read_table(write_table(t, tmp_path / "t.csv"))
    assert back.Y.shape == (2, 1)
    assert back.Y.iloc[:, 0].tolist() == [50.0, 50.0] and back.V.shape == (1, 2)


def test_one_primary_input_equal_to_intermediate_inputs_is_a_component(tmp_path):
    """A value-added row equal to the column sums of Z once read as a subtotal (and the table did not balance)."""
    ind = ["agri", "manu"]
    t = IOTable.from_frames(pd.DataFrame([[20.0, 30.0], [10.0, 40.0]], index=ind, columns=ind),
                            pd.DataFrame({"P3_S14": [10.0, 90.0]}, index=ind),
                            pd.DataFrame([[30.0, 70.0]], index=["B1G"], columns=ind), pd.Series([60.0, 140.0], index=ind))
    back = read_table(write_table(t, tmp_path / "t.csv"))
    assert back.V.loc["B1G"].tolist() == [30.0, 70.0] and back.x.tolist() == [60.0, 140.0]
