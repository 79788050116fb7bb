"""valuechain._validators: one set of checks for the CLI's options and the study file's keys."""

from __future__ import annotations

import math

import pytest

from valuechain._validators import number, whole, year_span
from valuechain.errors import ValidationError
from valuechain.report.study import parse_study


@pytest.mark.parametrize("v", [math.nan, math.inf, -math.inf, "1", True])
def test_number_refuses_what_is_not_a_finite_number(v):
    with pytest.raises(ValidationError, match="--x"):
        number("--x", v)


def test_number_bounds():
    assert number("--x", 0, lo=0) == 0.0
    with pytest.raises(ValidationError, match="> 0"):
        number("--x", 0, lo=0, lo_open=True)
    with pytest.raises(ValidationError, match="out of range"):
        whole("--n", 0, lo=1)


def test_year_span():
    assert year_span("y", 1995, 2024) == (1995, 2024)
    for a, b in [(1, 99999999), (-2000, 2000), (2005, 2000)]:
        with pytest.raises(ValidationError):
            year_span("y", a, b)


BASE = "[trade]\nflows = 'builtin:synthetic-trade'\ncountry = 'KAZ'\n"


@pytest.mark.parametrize("line,words", [
    ("gdp_scale = -1", "[trade] gdp_scale"), ("gdp_scale = 0", "[trade] gdp_scale"), ("gdp_scale = nan", "[trade] gdp_scale"),
    ("gdp_scale = inf", "[trade] gdp_scale"), ("years = [2000, 2005]", "gaps"), ("years = \"1-99999999\"", "outside 1900-2100"),
    ("top = 0", "[trade] top"),
])
def test_study_keys_pass_the_cli_validators(line, words):
    with pytest.raises(ValidationError, match=words.replace("[", r"\[").replace("]", r"\]")) as ei:
        parse_study(BASE + line + "\n", path="s.toml")
    assert "\n" not in str(ei.value) and str(ei.value).startswith("s.toml: ")


def test_study_years_list_of_every_year_is_a_range():
    s = parse_study(BASE + "years = [2001, 2000, 2002]\n", path="s.toml")
    assert list(s.get("trade")["years"]) == [2000, 2001, 2002]


def test_study_io_rtol_must_be_finite(tmp_path):
    (tmp_path / "t.csv").write_text(",A,B\nA,1,2\n")
    for v in ("nan", "inf", "-1"):
        with pytest.raises(ValidationError, match=r"\[io\] rtol"):
            parse_study(f"[io]\ntable = 't.csv'\nrtol = {v}\n", path=tmp_path / "s.toml")
