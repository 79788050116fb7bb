"""The trade-indicator registry (``valuechain.trade.indicators``) agrees with the diagnostic,
the files and help of ``valuechain trade``, and the table in docs/trade.md."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import valuechain.trade as vt
from valuechain.cli import app
from valuechain.cli.trade import output_files
from valuechain.errors import ValidationError
from valuechain.trade.diagnostic import TradeDiagnostic, trade_diagnostic
from valuechain.trade.indicators import INDICATOR_NEEDS, TRADE_INDICATORS, diagnostic_steps, trade_indicator
from valuechain.datasets.synthetic_trade import synthetic_gdp_per_capita, synthetic_panel

DOC = Path(__file__).resolve().parents[2] / "docs" / "trade.md"
# the words docs/trade.md uses for each need
DOC_NEEDS = {"bilateral": "bilateral", "several_exporters": "several exporters", "several_years": "two years",
             "gdp": "GDP", "gdppc": "GDP pc", "hs_revision": "HS revision", "groups": "groups"}


def test_every_entry_names_a_public_function_of_one_country():
    for name, ind in TRADE_INDICATORS.items():
        assert ind.name == name
        f = ind.function
        assert callable(f) and f.__name__ == ind.attribute
        assert f.__module__ == f"valuechain.trade.{ind.module}", name
        assert getattr(vt, ind.attribute) is f, f"{ind.attribute} is not exported by valuechain.trade"
        params = inspect.signature(f).parameters
        assert "country" in params and ("years" in params or {"base", "end"} <= set(params)), name
        assert ind.needs[0] == "flows" and set(ind.needs) <= set(INDICATOR_NEEDS), name
    # the needs that are function arguments are arguments of the function
    assert "gdp" in inspect.signature(trade_indicator("openness").function).parameters
    assert "gdppc" in inspect.signature(trade_indicator("sophistication").function).parameters
    assert "hs_revision" in inspect.signature(trade_indicator("lall").function).parameters


def test_unknown_indicator_is_a_validation_error():
    with pytest.raises(ValidationError, match="not known; use one of totals"):
        trade_indicator("nope")


def test_unregistered_table_is_refused():
    with pytest.raises(ValueError, match="not in valuechain.trade.indicators.TRADE_INDICATORS"):
        TradeDiagnostic(tables={"totals": pd.DataFrame(), "mystery": pd.DataFrame()}, country="KAZ", first=2000, last=2001)


@pytest.fixture(scope="module")
def lall_data(tmp_path_factory):
    """A hand-made data folder with the three Lall tables (a few rows each): the registry tests
    need no real data folder (nothing may find ../shared/data on its own; see valuechain._data)."""
    d = tmp_path_factory.mktemp("data")
    (d / "lall_classification").mkdir()
    (d / "hs_sitc_concordance").mkdir()
    (d / "lall_classification" / "lookup_hs6_lall.csv").write_text("hs6,sitc3,lall_code\n010121,00151,LDC01\n270900,33300,LDC01\n")
    (d / "lall_classification" / "sitc3_3digit_to_lall_DERIVED.csv").write_text("sitc3_3digit,lall_code\n001,LDC01\n")
    (d / "hs_sitc_concordance" / "hs0_sitc3.csv").write_text(
        "HS0_6d,HS0_4d,HS0_2d,SITC3_5d,SITC3_4d,SITC3_3d,SITC3_2d,SITC3_1d\n010111,0101,01,00151,0015,001,00,0\n")
    return d


@pytest.fixture(scope="module")
def panel_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("reg")
    panel = synthetic_panel(n_exporters=8, n_products=20, years=(2000, 2003), seed=4, path=d / "panel", rows_per_file=500)
    synthetic_gdp_per_capita(list(panel.exporters), (2000, 2003)).to_csv(d / "gdppc.csv", index=False)
    return d


def test_diagnostic_tables_and_steps_follow_the_registry(panel_dir, lall_data):
    from valuechain.tables.trade.readers import read_flows

    tf = read_flows(panel_dir / "panel")
    gdppc = pd.read_csv(panel_dir / "gdppc.csv")
    gdp = gdppc.rename(columns={"gdppc": "gdp"})
    seen: list[str] = []
    diag = trade_diagnostic(tf, country="KAZ", gdp=gdp, gdppc=gdppc, progress=seen.append, data_dir=lall_data)
    # bilateral, several exporters, several years, GDP and GDP pc given: every table is there, in registry order
    assert list(diag.tables) == list(TRADE_INDICATORS)
    assert seen == list(diagnostic_steps())


def test_without_a_data_folder_the_diagnostic_notes_why_lall_is_missing(panel_dir):
    from valuechain.tables.trade.readers import read_flows

    diag = trade_diagnostic(read_flows(panel_dir / "panel"), country="KAZ")
    assert "lall" not in diag.tables
    assert any("Lall classes not computed" in n and "give data_dir=" in n for n in diag.notes)


def test_cli_writes_the_registry_files_and_its_help_lists_them(panel_dir, lall_data, tmp_path, monkeypatch):
    monkeypatch.setenv("VALUECHAIN_DATA", str(lall_data))  # the CLI resolves the data folder (valuechain._data) and passes it in
    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(app, ["trade", str(panel_dir / "panel"), "--country", "KAZ", "--gdppc", str(panel_dir / "gdppc.csv"),
                            "-o", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    written = sorted(p.name for p in out.iterdir())
    expected = [f for f in output_files() if f != "openness.csv"]  # no --gdp given
    assert written == sorted(expected)
    h = runner.invoke(app, ["trade", "--help"], terminal_width=200)
    assert h.exit_code == 0
    listed = re.findall(r"- ([a-z_]+\.csv):", h.output)
    assert listed == output_files()


def test_docs_table_lists_the_registry():
    text = DOC.read_text(encoding="utf-8")
    sec = text[text.index("### The diagnostic's indicators (registry)"):]
    rows = re.findall(r"^\| `([a-z_]+)` \| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|$", sec, flags=re.M)
    assert [r[0] for r in rows] == list(TRADE_INDICATORS)
    for name, func, needs, file in rows:
        ind = TRADE_INDICATORS[name]
        assert func == ind.attribute, name
        words = [DOC_NEEDS[n] for n in ind.needs if n != "flows"] or ["flows"]
        assert [w.strip() for w in needs.split(",")] == words, name
        assert file.strip() == (f"`{name}.csv`" if ind.written else "(not written)"), name
