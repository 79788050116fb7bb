"""The price section (report/sections/prices.py): load half validated from the study, build half read off
valuechain.leontief.price_effects; values checked against Miller & Blair's two-sector table worked by hand."""

from __future__ import annotations

import pytest

from valuechain.errors import ValidationError
from valuechain.report._model import Record, ReportSection, ReportTable
from valuechain.report.claims import ClaimBook
from valuechain.report.inputs import Inputs
from valuechain.report.sections import Page, section
from valuechain.report.study import parse_study

from _sut_tables import mb_table, study_text, write


def _run(tmp_path, body, shock_csv, *, households=False):
    t = write(mb_table(households=households), tmp_path, "t.csv")
    (tmp_path / "shock.csv").write_text(shock_csv)
    st = parse_study(study_text(t, body), base=tmp_path)
    spec = section("prices")
    data = Inputs(st, Record())
    sec, book = ReportSection(key="prices", title=spec.title), ClaimBook()
    spec.build(spec.load(st, data), Page(sec=sec, claims=book, record=data.record))
    return sec, book


def _table(sec, key):
    return next(b for b in sec.blocks if isinstance(b, ReportTable) and b.key == key)


def test_cost_push_by_hand(tmp_path):
    # primary costs of Steel +10 %: dv1 = 0.1 x 650/1000 = 0.065; dp' = dv' L:
    # dp1 = 0.065 x 0.95 / 0.7575 = 0.0815182, dp2 = 0.065 x 0.25 / 0.7575 = 0.0214521
    sec, book = _run(tmp_path, '[prices]\nshock = "shock.csv"\n', "industry,cost_change\nSteel,0.10\n")
    eff = _table(sec, "prices_effects").df.set_index("industry")
    assert eff.loc["Steel", "price_change"] == pytest.approx(8.15182, abs=1e-4)
    assert eff.loc["Services", "price_change"] == pytest.approx(2.14521, abs=1e-4)
    assert eff.loc["Steel", "direct"] == pytest.approx(6.5, abs=1e-9)  # the own cost push
    assert book["prices.largest"].value == pytest.approx(8.15182, abs=1e-4)
    assert book["prices.largest"].year == "2015" and book["prices.largest"].unit.startswith("%")
    text = " ".join(b for b in sec.blocks if isinstance(b, str))
    assert "8.15%" in text and "no consumer-price effect" in text
    assert any(a[0] == "prices.consumer" for a in book.absent)


def test_exogenous_price_by_hand(tmp_path):
    # price of Steel set +10 % outside the model: dp2 = 0.1 x a12 / (1 - a22) = 0.1 x 0.25 / 0.95 = 0.0263158,
    # direct 0.1 x 0.25 = 0.025; consumer prices with household weights 350 and 1700
    body = '[prices]\nshock = "shock.csv"\nexogenous = ["Steel"]\nillustration = true\ntitle = "steel up 10 %"\n'
    sec, book = _run(tmp_path, body, "industry,cost_change\nSteel,0.10\n", households=True)
    eff = _table(sec, "prices_effects").df.set_index("industry")
    assert list(eff.index) == ["Services"]  # the exogenous industry is not among the model's effects
    assert eff.loc["Services", "price_change"] == pytest.approx(2.631579, abs=1e-5)
    assert eff.loc["Services", "direct"] == pytest.approx(2.5, abs=1e-9)
    assert book["prices.consumer"].value == pytest.approx(100 * (350 * 0.10 + 1700 * 0.0263158) / 2050, abs=1e-4)
    assert book["prices.input_share"].value == pytest.approx(25.0)  # Services buys a12 = 0.25 of its output value from Steel
    assert sec.badge == "illustration"
    assert [f.kind for f in book.findings] == ["illustration"]  # never in the summary
    shock = _table(sec, "prices_shock").df
    assert shock["what"].iloc[0].startswith("price, set outside")


@pytest.mark.parametrize("body,shock,msg", [
    ('[prices]\nshock = "shock.csv"\n', "industry,cost_change\nIron,0.1\n", "not in the table"),
    ('[prices]\nshock = "shock.csv"\nexogenous = ["Services"]\n', "industry,cost_change\nSteel,0.1\n", "have no line"),
    ('[prices]\nshock = "shock.csv"\nexogenous = ["Gold"]\n', "industry,cost_change\nSteel,0.1\n", "not in the table"),
    ('[prices]\nshock = "shock.csv"\n', "industry,change\nSteel,0.1\n", "cost_change"),
    ('[prices]\nshock = "shock.csv"\n', "industry,cost_change\nSteel,nan\n", "not a finite"),
    ('[prices]\nshock = "shock.csv"\n', "industry,cost_change\nSteel,inf\n", "not a finite"),
    ('[prices]\nshock = "shock.csv"\n', "industry,cost_change\nSteel,-1.5\n", "above -1"),
    ('[prices]\nshock = "shock.csv"\n', "industry,cost_change\nSteel,=HYPERLINK(1)\n", "not a finite"),
])
def test_bad_shock(tmp_path, body, shock, msg):
    with pytest.raises(ValidationError, match=msg):
        _run(tmp_path, body, shock)


def test_study_validation(tmp_path):
    t = write(mb_table(), tmp_path, "t.csv")
    with pytest.raises(ValidationError, match=r"\[prices\] shock is missing"):
        parse_study(study_text(t, "[prices]\ntop = 3\n"), base=tmp_path)
    with pytest.raises(ValidationError, match=r'\[prices\] table = "regional" needs a \[regional\]'):
        (tmp_path / "s.csv").write_text("industry,cost_change\nSteel,0.1\n")
        parse_study(study_text(t, '[prices]\nshock = "s.csv"\ntable = "regional"\n'), base=tmp_path)
