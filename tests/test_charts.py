"""Saving charts (valuechain._charts): script-safe JSON, atomic files by suffix, source notes."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from valuechain._charts import chart_svg, save_chart, script_safe_json, source_note, standalone_html
from valuechain.errors import ValidationError

HOSTILE = '</script><script>alert("x")</script> & <!-- =HYPERLINK("a")'


def _chart(label=HOSTILE):
    return alt.Chart(pd.DataFrame({"k": [label, "b"], "v": [1.0, 2.0]})).mark_bar().encode(x="k:N", y="v:Q")


def test_script_safe_json_escapes_and_round_trips():
    text = script_safe_json({"label": HOSTILE, "sep": "a\u2028b"})
    for bad in ("<", ">", "&", "\u2028"):
        assert bad not in text
    assert json.loads(text) == {"label": HOSTILE, "sep": "a\u2028b"}
    assert script_safe_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'  # sorted keys, compact


def test_source_note():
    assert source_note("OECD ICIO") == {"subtitle": "Source: OECD ICIO", "subtitleFontSize": 10, "subtitleColor": "#555"}


def test_json_and_svg_are_written_and_deterministic(tmp_path):
    a = save_chart(_chart(), tmp_path / "a.json")
    b = save_chart(_chart(), tmp_path / "b.JSON")
    assert a.read_bytes() == b.read_bytes()
    spec = json.loads(a.read_text())
    assert spec["config"]["font"].startswith("DejaVu Sans")
    svg = chart_svg(_chart())
    assert svg.lstrip().startswith("<svg") and "<script" not in svg


def test_html_keeps_hostile_labels_as_text(tmp_path):
    page = standalone_html(_chart().to_dict())
    spec_text = page.split("const spec = ", 1)[1].split(";\n", 1)[0]
    assert "</script>" not in spec_text and json.loads(spec_text)["datasets"]


def test_unknown_suffix_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ValidationError, match=r"cannot write a figure as '\.txt'; use \.svg, \.png, \.html or \.json"):
        save_chart(_chart(), tmp_path / "f.txt")
    with pytest.raises(ValidationError, match="a file without suffix"):
        save_chart(_chart(), tmp_path / "f")
    assert list(tmp_path.iterdir()) == []
