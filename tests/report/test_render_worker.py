"""The figure helper's rendering and pipe protocol (valuechain.report._render_worker)."""

from __future__ import annotations

import io
import json

import vl_convert as vlc

from valuechain.report._render_worker import render_spec, serve

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"a": "Mining", "v": 3.25}, {"a": "Metals", "v": 1.5}, {"a": "<script>x</script>", "v": 0.1}]},
    "mark": "bar",
    "encoding": {"x": {"field": "v", "type": "quantitative"}, "y": {"field": "a", "type": "nominal"}},
    "width": 120,
}


def test_png_from_the_svg_is_vl_converts_own_png():
    """The PNG is rasterized from the SVG (Vega runs once); vl-convert's own spec-to-PNG gives the same bytes."""
    svg, png = render_spec(SPEC, scale=2.0)
    assert svg == vlc.vegalite_to_svg(SPEC)
    assert png == vlc.vegalite_to_png(SPEC, scale=2.0)
    assert render_spec(json.dumps(SPEC), png=False) == (svg, b"")


def test_protocol_answers_each_job_and_reports_errors():
    jobs = [{"id": 7, "spec": json.dumps(SPEC), "png": True, "scale": 1.0},
            {"id": 8, "spec": '{"mark": "no-such-mark", "data": {"values": []}}', "png": True, "scale": 1.0},
            {"id": 9, "spec": json.dumps(SPEC), "png": False, "scale": 1.0}]
    inp = io.BytesIO(b"".join(json.dumps(j).encode() + b"\n" for j in jobs) + b"\n")
    out = io.BytesIO()
    serve(inp, out)
    out.seek(0)
    got = {}
    while line := out.readline():
        head = json.loads(line)
        got[head["id"]] = (head["error"], out.read(head["svg"]).decode(), out.read(head["png"]))
    assert list(got) == [7, 8, 9]
    err, svg, png = got[7]
    assert err is None and svg == vlc.vegalite_to_svg(SPEC) and png == vlc.vegalite_to_png(SPEC, scale=1.0)
    assert got[8][0] and got[8][1:] == ("", b"")  # the caller renders it again itself and raises vl-convert's error
    assert got[9][0] is None and got[9][2] == b""
