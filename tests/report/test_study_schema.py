"""Value checks of the study file (valuechain.report.study_schema): one line naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from valuechain.errors import ValidationError
from valuechain.report.study_schema import check_study, coerce_years, study_input_paths

KW = dict(where="study.toml", section="trade", key="years")


@pytest.mark.parametrize("value,out", [("2000-2003", [2000, 2001, 2002, 2003]), ("2000–2001", [2000, 2001]),
                                       ("2010", [2010]), (2018, [2018]), ([2002, 2001, 2003, 2002], [2001, 2002, 2003])])
def test_year_selections(value, out):
    assert coerce_years(value, **KW) == out


@pytest.mark.parametrize("value,match", [
    ([2000, 2005], r"study.toml: \[trade\] years = \[2000, 2005\] is a list of years with gaps.*years = \"2000-2005\""),
    ("2000-x", r"is not a year range; write e.g. years = \"2000-2018\""),
    ("1-2-3", "is not a year range"),
    (2000.5, "is not a list of years or a range"),
    ([], "is not a list of years or a range"),
    ([True, 2000], "is not a list of years or a range"),
    (True, "is not a list of years or a range"),
    ("1200-1300", r"study.toml: \[trade\] years"),
])
def test_bad_year_selections(value, match):
    with pytest.raises(ValidationError, match=match):
        coerce_years(value, **KW)


SCHEMA = {"trade": {"gdp_scale": ("float",), "top": ("int",)}, "io": {"rtol": ("float",)}, "x": {"v": ("list[float]",)}}


@pytest.mark.parametrize("sections,match", [
    ({"trade": {"gdp_scale": -1.0}}, r"study.toml: \[trade\] gdp_scale"),
    ({"trade": {"gdp_scale": 0.0}}, r"\[trade\] gdp_scale"),  # open at 0
    ({"trade": {"gdp_scale": float("nan")}}, r"\[trade\] gdp_scale"),
    ({"io": {"rtol": float("inf")}}, r"\[io\] rtol"),
    ({"trade": {"top": 0}}, r"\[trade\] top"),
    ({"x": {"v": [1.0, float("nan")]}}, r"\[x\] v"),
])
def test_out_of_range_values_name_the_key(sections, match):
    with pytest.raises(ValidationError, match=match):
        check_study("study.toml", sections, SCHEMA)


def test_good_values_and_unknown_keys_pass():
    check_study("study.toml", {"trade": {"gdp_scale": 1e6, "top": 20}, "io": {"rtol": 0.0}, "other": {"k": "text"}}, SCHEMA)


def test_input_paths_are_every_path_value():
    a, b = Path("a.csv"), Path("d")
    assert study_input_paths({"io": {"table": a, "rtol": 1.0}, "trade": {"files": [b, "text"]}}) == [a, b]
