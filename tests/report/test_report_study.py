"""Study-file validation: every error names the file, the key and the fix, in one line."""

from __future__ import annotations

import pytest

from valuechain.errors import ValidationError
from valuechain.report.study import load_study, parse_study


def _write(tmp_path, text, name="study.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_trade_only_study_is_valid(tmp_path):
    (tmp_path / "x.csv").write_text("year,exporter,importer,product,value\n", encoding="utf-8")
    s = load_study(_write(tmp_path, '[trade]\nflows = "x.csv"\ncountry = "KAZ"\nyears = "2000-2003"\n'))
    assert s.has("trade") and not s.has("io") and not s.has("gvc")
    assert s.get("trade")["years"] == [2000, 2001, 2002, 2003]
    assert s.get("trade")["flows"] == [tmp_path / "x.csv"]  # relative to the study file
    assert s.get("trade")["engine"] == "duckdb"  # default filled in
    assert s.title == "Diagnostic report"


def test_defaults_and_builtin_paths():
    s = parse_study('[io]\ntable = "builtin:germany-1995"\n[regional]\nemployment = "builtin:example-region-employment"\nregion = "R"\n')
    assert s.get("regional")["method"] == "flq" and s.get("regional")["delta"] == 0.3
    assert s.get("io")["table"] == "builtin:germany-1995"


@pytest.mark.parametrize(
    "text, must_contain",
    [
        ("[io\ntable = 1", ["not valid TOML"]),
        ("[trade]\nflowz = 'a.csv'\n", ["[trade] flowz", "did you mean 'flows'"]),
        ("[trdae]\nflows = 'a.csv'\n", ["unknown section [trdae]", "did you mean 'trade'"]),
        ("[study]\ntitle = 'x'\n", ["names no data", "[io]"]),
        ("[io]\ntable = 'missing.csv'\n", ["[io] table", "file not found", "missing.csv", "fix the path"]),
        ("[io]\ntable = 'builtin:nope'\n", ["[io] table", "unknown built-in", "builtin:germany-1995"]),
        ("[io]\ntable = 'builtin:germany-1995'\n[regional]\nemployment = 'builtin:example-region-employment'\nregion = 'R'\ndelta = 1.5\n",
         ["[regional] delta", "outside (0, 1)", "0.3"]),
        ("[io]\ntable = 'builtin:germany-1995'\n[regional]\nemployment = 'builtin:example-region-employment'\n",
         ["[regional] region", "is missing", "region ="]),
        ("[regional]\nemployment = 'builtin:example-region-employment'\nregion = 'R'\n", ["[regional]", "needs a national table", "[io]"]),
        ("[io]\ntable = 'builtin:germany-1995'\nexclude = 'Construction'\n", ["[io] exclude", "is not a list", "exclude = "]),
        ("[io]\ntable = 'builtin:germany-1995'\nmultipliers = 'III'\n", ["[io] multipliers", "not a known choice", "I, II"]),
        ("[io]\ntable = 'builtin:germany-1995'\nbackward = 'nope'\n", ["[io] backward", "not a known choice", "rasmussen"]),
        ("[io]\ntable = 'builtin:germany-1995'\nforward = 'ghosh'\n", ["[io] forward", "not a known choice", "hazari"]),
        ("[trade]\nflows = 'builtin:synthetic-trade'\n", ["[trade] country", "is missing", 'country = "KAZ"']),
        ("[trade]\nflows = 'builtin:synthetic-trade'\ncountry = 'KAZ'\nyears = '2018-2000'\n", ["[trade] years", "year range", "2000-2018"]),
        ("[trade]\nflows = 'builtin:synthetic-trade'\ncountry = 'KAZ'\n[survival]\nby = ['sector', 'colour']\n", ["[survival] by", "colour"]),
        ("[gvc]\ntable = 'builtin:leather'\n", ["[gvc] country", "is missing"]),
        ("[io]\ntable = 'builtin:germany-1995'\n[clusters]\nthreshold = 2\n", ["[clusters] threshold", "outside (0, 1)"]),
        ("title = 'x'\n", ["unknown top-level key 'title'", "[study]"]),
    ],
)
def test_bad_study_files(tmp_path, text, must_contain):
    p = _write(tmp_path, text, "mystudy.toml")
    with pytest.raises(ValidationError) as ei:
        load_study(p)
    msg = str(ei.value)
    assert "\n" not in msg  # one line
    assert msg.startswith("mystudy.toml")  # names the file
    assert "; " in msg  # what is wrong; how to fix it
    for part in must_contain:
        assert part in msg, (part, msg)


def test_missing_and_folder_study(tmp_path):
    with pytest.raises(ValidationError, match="study file not found"):
        load_study(tmp_path / "nope.toml")
    with pytest.raises(ValidationError, match="is a folder"):
        load_study(tmp_path)
