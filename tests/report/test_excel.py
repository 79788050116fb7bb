"""The report's workbook (valuechain.report.excel): sheet names, and cells read back with
openpyxl: numbers stay numbers, codes and hostile labels stay text (never formulas)."""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd

from valuechain.report._model import ReportDoc, ReportSection, ReportTable
from valuechain.report.excel import is_code_column, sheet_names, write_workbook


def _t(key, df=None, **kw):
    return ReportTable(key=key, title=f"title {key}", df=df if df is not None else pd.DataFrame({"a": [1]}), source="src", **kw)


def test_sheet_names_are_cleaned_cut_and_unique():
    long = "x" * 40
    names = sheet_names([_t("a/b:c"), _t(long), _t(long + "y"), _t("Contents"), _t(""), _t("notes"), _t("NOTES")])
    assert names["a/b:c"] == "a_b_c"
    assert names[long] == "x" * 31 and names[long + "y"] == "x" * 29 + "_2"
    assert names["Contents"] == "Contents_2"  # 'contents' is the index sheet (case-insensitive)
    assert names[""] == "table"
    assert names["notes"] == "notes_2" and names["NOTES"] == "NOTES_3"  # 'notes' is the caveats sheet
    assert all(len(n) <= 31 for n in names.values())


def test_code_columns():
    assert is_code_column("HS product") and is_code_column("industry_code") and not is_code_column("value")


def test_workbook_cells(tmp_path):
    df = pd.DataFrame({"product": ["010121", "=HYPERLINK(\"http://x\")"], "label": ["</script>", "12.50"],
                       "value": [1234.5678, np.nan], "n": [3, 4]})
    sec = ReportSection(key="s", title="Section", blocks=[_t("tab", df, unit="USD", flags=["synthetic"])])
    doc = ReportDoc(title="T", sections=[sec], version="0.0")
    names = write_workbook(doc, tmp_path / "tables.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert wb.sheetnames == ["contents", "tab", "notes"] and names == {"tab": "tab"}
    ws = wb["tab"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0] == "Product")
    assert rows[head + 1][:4] == ["010121", "</script>", 1234.5678, 3]  # the code keeps its leading zero
    assert rows[head + 2][0] == '=HYPERLINK("http://x")' and ws.cell(head + 3, 1).data_type == "s"  # text, not a formula
    assert rows[head + 2][1] == 12.5 and rows[head + 2][2] is None  # numeric text outside code columns is a number; NaN empty
    assert rows[head][:3] == ["Product", "Label", "Value (USD)"]
    assert rows[1][0].startswith("Units: values in USD")
    notes = [[c.value for c in r] for r in wb["notes"].iter_rows()]
    assert ["synthetic", "tab"] in notes


def test_a_table_keyed_notes_gets_its_own_sheet(tmp_path):
    """A table keyed 'notes' once collided with the caveats sheet (DuplicateWorksheetName)."""
    sec = ReportSection(key="s", title="Section", blocks=[_t("notes", flags=["synthetic"])])
    names = write_workbook(ReportDoc(title="T", sections=[sec], version="0.0"), tmp_path / "tables.xlsx")
    assert names == {"notes": "notes_2"}
    assert openpyxl.load_workbook(tmp_path / "tables.xlsx").sheetnames == ["contents", "notes_2", "notes"]
