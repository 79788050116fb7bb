"""Employment reader and validation: national totals, unmatched industries, bad values."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.errors import DataNotFoundError, ValidationError
from valuechain.regional import employment_vectors, read_employment, validate_employment

IND = ["agri", "manu", "serv"]


def _emp(rows):
    return pd.DataFrame(rows, columns=["industry", "region", "employment"])


BASE = _emp(
    [
        ("agri", "north", 40), ("manu", "north", 20), ("serv", "north", 40),
        ("agri", "south", 160), ("manu", "south", 380), ("serv", "south", 360),
    ]
)


def test_national_is_sum_over_regions():
    e = employment_vectors(BASE, "north", industries=IND)
    assert e.national_source == "sum over regions"
    assert e.national.tolist() == [200.0, 400.0, 400.0]
    assert e.regional.tolist() == [40.0, 20.0, 40.0]
    assert e.rest.tolist() == [160.0, 380.0, 360.0]
    assert e.regional_share == pytest.approx(0.1)


def test_national_rows_take_precedence():
    df = pd.concat([BASE, _emp([("agri", "national", 250), ("manu", "national", 500), ("serv", "national", 450)])])
    e = employment_vectors(df, "north", industries=IND)
    assert e.national_source == "national rows"
    assert e.national.tolist() == [250.0, 500.0, 450.0]


def test_missing_regional_rows_are_zero_and_order_follows_table():
    df = BASE[~((BASE.industry == "manu") & (BASE.region == "north"))]
    e = employment_vectors(df, "north", industries=["serv", "manu", "agri"])
    assert list(e.regional.index) == ["serv", "manu", "agri"]
    assert e.regional["manu"] == 0.0
    assert e.absent == ["manu"]


def test_unmatched_industries_listed_or_ignored():
    df = pd.concat([BASE, _emp([("Not stated", "north", 3), ("Other", "south", 1)])])
    with pytest.raises(ValidationError, match=r"2 employment industries are not in the table: 'Not stated', 'Other'"):
        employment_vectors(df, "north", industries=IND)
    e = employment_vectors(df, "north", industries=IND, unmatched="ignore")
    assert e.ignored == ("Not stated", "Other")
    assert e.national.sum() == 1000.0


@pytest.mark.parametrize(
    "df, region, match",
    [
        (_emp([("agri", "north", -5), ("agri", "south", 10)]), "north", "negative employment -5"),
        (_emp([("agri", "north", "ten"), ("agri", "south", 10)]), "north", "not a number"),
        (_emp([("agri", "north", None), ("agri", "south", 10)]), "north", "not a number"),
        (_emp([("agri", "north", 1), ("agri", "north", 2)]), "north", "duplicate rows"),
        (BASE, "east", "unknown region 'east'"),
        (BASE, "national", "the nation itself"),
        (_emp([("agri", "north", 50), ("agri", "national", 20), ("manu", "national", 5), ("serv", "national", 5)]), "north", "larger than the nation"),
        (_emp([("agri", "north", 0), ("agri", "south", 10), ("manu", "south", 1), ("serv", "south", 1)]), "north", "no employment"),
        (_emp([("agri", "north", 1), ("agri", "south", 10)]), "north", "national employment is zero"),
        (pd.DataFrame({"industry": ["a"], "employment": [1]}), "north", "lacks column"),
        (_emp([]), "north", "no rows"),
    ],
)
def test_bad_employment(df, region, match):
    with pytest.raises(ValidationError, match=match):
        employment_vectors(df, region, industries=IND)


def test_read_employment(tmp_path):
    p = tmp_path / "emp.csv"
    BASE.assign(year=2021).to_csv(p, index=False)
    df = read_employment(p)
    assert list(df.columns) == ["industry", "region", "employment"]
    assert len(df) == 6
    with pytest.raises(DataNotFoundError, match="not found"):
        read_employment(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(ValidationError, match="empty"):
        read_employment(tmp_path / "empty.csv")


def test_validate_keeps_text_labels():
    df = validate_employment(_emp([(" agri ", "north ", "12")]))
    assert df.iloc[0].tolist() == ["agri", "north", 12.0]


def test_synthetic_flag_travels_into_regional_table():
    # A vector marked synthetic (note column, as east_kazakhstan_employment() writes it)
    # must leave its flag on the regionalized table.
    import numpy as np
    import pandas as pd

    from valuechain.regional import employment_vectors, regionalize
    from valuechain.tables import IOTable

    ind = ["a", "b"]
    t = IOTable.from_frames(
        pd.DataFrame([[10.0, 20.0], [30.0, 5.0]], index=ind, columns=ind),
        pd.DataFrame({"fd": [70.0, 65.0]}, index=ind),
        pd.DataFrame([[60.0, 75.0]], index=["va"], columns=ind),
    )
    emp = pd.DataFrame(
        {
            "industry": ind * 2,
            "region": ["R", "R", "S", "S"],
            "employment": [5.0, 1.0, 5.0, 9.0],
            "note": "SYNTHETIC test vector",
        }
    )
    e = employment_vectors(emp, "R", industries=ind)
    assert e.flags == ("SYNTHETIC test vector",)
    reg = regionalize(t, e, method="flq", delta=0.3).io_table
    assert "SYNTHETIC test vector" in reg.flags
    assert np.all(reg.A.to_numpy() <= t.A.to_numpy() + 1e-12)
