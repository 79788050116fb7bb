"""The ledger of what a run removed, padded, merged or imputed (valuechain.ledger), and its rules in the CLI."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.errors import ValidationError
from valuechain.cli import app
from valuechain.ledger import Ledger

runner = CliRunner()


def test_ledger_counts_and_rows():
    led = Ledger().add("padded", "product codes to 6 digits", 2, "why").add("dropped", "rows", 0)
    assert len(led) == 1 and led.total() == 2 and led.total("dropped") == 0
    assert led.rows() == [("ledger: padded product codes to 6 digits", "2 (why)")]
    assert led.notes() == ["padded 2 product codes to 6 digits (why)"]
    with pytest.raises(ValidationError, match="unknown"):
        Ledger().add("deleted", "rows", 1)


def _flows(tmp_path, rows):
    p = tmp_path / "flows.csv"
    pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"]).to_csv(p, index=False)
    return p


BASE = [(y, e, i, p, 10.0 + k) for k, (y, e, i, p) in enumerate(
    [(y, e, i, p) for y in (2000, 2001) for e in ("KAZ", "RUS") for i in ("CHN", "DEU") for p in ("010110", "270900", "720110")])]


def _summary(out):
    s = pd.read_csv(out / "summary.csv", dtype=str, keep_default_na=False)
    return dict(zip(s["item"], s["value"]))


def test_rule_padding_numeric_product_codes(tmp_path):
    # 010110 written by a spreadsheet as 10110 in 8 rows: read back as 010110 (chapter 01, not 10), counted
    rows = [(y, e, i, "10110" if p == "010110" else p, v) for y, e, i, p, v in BASE]
    out = tmp_path / "o"
    r = runner.invoke(app, ["trade", str(_flows(tmp_path, rows)), "-c", "KAZ", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert _summary(out)["ledger: padded product codes to 6 digits"].startswith("8 ")
    rca = pd.read_csv(out / "rca.csv", dtype={"product": str})
    assert "010110" in set(rca["product"]) and "10110" not in set(rca["product"])


def test_rule_padding_refused_where_the_width_cannot_be_known(tmp_path):
    rows = [(y, e, i, {"010110": "1234567", "270900": "12345678"}.get(p, p), v) for y, e, i, p, v in BASE]
    r = runner.invoke(app, ["trade", str(_flows(tmp_path, rows)), "-c", "KAZ", "-q", "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "width" in r.output and "cannot be known" in " ".join(r.output.split())


def test_rule_duplicates_summed_are_counted(tmp_path):
    rows = BASE + [BASE[0], BASE[1]]  # two KAZ rows repeated
    out = tmp_path / "o"
    r = runner.invoke(app, ["trade", str(_flows(tmp_path, rows)), "-c", "KAZ", "--duplicates", "sum", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    item = next(k for k in _summary(out) if k.startswith("ledger: summed"))
    assert _summary(out)[item].startswith("2 ")


def test_rule_nothing_changed_is_said(tmp_path):
    out = tmp_path / "o"
    r = runner.invoke(app, ["complexity", str(_flows(tmp_path, BASE)), "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert _summary(out)["ledger"] == "no row removed, padded, merged or imputed"


def test_rule_blank_rows_dropped_are_counted(tmp_path):
    from valuechain.trade.readers import read_flows

    rows = BASE + [(2000, "", "CHN", "010110", 5.0)]
    with pytest.raises(Exception, match="blank exporter"):
        read_flows(_flows(tmp_path, rows))
    tf = read_flows(_flows(tmp_path, rows), drop_blank=True)
    assert tf.ledger.total("dropped") == 1
