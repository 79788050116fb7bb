"""SVG handling of the report's figures (valuechain.report.figures): ids made unique per
figure, and scripts / event handlers / javascript links removed before inlining."""

from __future__ import annotations

from valuechain.report.figures import prefix_svg_ids, sanitize_svg


def test_prefix_ids_and_every_reference():
    svg = ('<svg><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="clip10"/></defs>'
           '<g clip-path="url(#clip1)"><use href="#clip10"/><rect fill="url(#clip10)"/></g></svg>')
    out = prefix_svg_ids(svg, "f3-")
    assert out == ('<svg><defs><clipPath id="f3-clip1"><rect/></clipPath><linearGradient id="f3-clip10"/></defs>'
                   '<g clip-path="url(#f3-clip1)"><use href="#f3-clip10"/><rect fill="url(#f3-clip10)"/></g></svg>')


def test_no_ids_unchanged_and_unknown_references_left_alone():
    assert prefix_svg_ids("<svg><rect/></svg>", "p") == "<svg><rect/></svg>"
    assert prefix_svg_ids('<svg id="a"><use href="#b"/></svg>', "p") == '<svg id="pa"><use href="#b"/></svg>'


def test_sanitize_removes_scripts_foreign_objects_events_and_javascript_links():
    svg = ('<svg onload="alert(1)"><SCRIPT type="x">alert(2)</script >'
           '<foreignObject><div>html</div></foreignObject>'
           "<rect onclick='x()' width=\"1\"/><a href=\"javascript:alert(3)\">t</a>"
           '<text>&lt;script&gt;</text></svg>')
    assert sanitize_svg(svg) == '<svg><rect width="1"/><a href="#">t</a><text>&lt;script&gt;</text></svg>'


def test_sanitize_keeps_a_clean_svg():
    svg = '<svg><g class="mark"><path d="M0,0L1,1"/><text>online</text></g></svg>'
    assert sanitize_svg(svg) == svg


# --------------------------------------------------------------------------- rendering in a helper process
import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from valuechain.report._model import ReportFigure  # noqa: E402
from valuechain.report.figures import FigureRenderer, render_figure, render_figures  # noqa: E402


def _figs(n=3):
    out = []
    for k in range(n):
        df = pd.DataFrame({"industry": ["Mining", "Metals", "Energy </script>"], "value": [1.5 + k, 2.25, 0.1]})
        chart = alt.Chart(df).mark_bar().encode(x="value:Q", y="industry:N").properties(width=200, height=80)
        out.append(ReportFigure(key=f"f{k}", title=f"Figure {k} \\ with a backslash", chart=chart, source="hand-made",
                                flags=["synthetic"] if k == 1 else []))
    return out


def _here(figs, png=True):
    """The reference: every figure rendered in this process, one by one (the renderer of earlier versions)."""
    ref = _figs(len(figs))
    for i, f in enumerate(ref, 1):
        render_figure(f, index=i, png=png)
    return [(f.svg, f.png) for f in ref]


def test_helper_process_gives_the_same_bytes_as_this_process():
    figs = _figs()
    with FigureRenderer() as r:
        r.submit(figs[:2])
        r.submit(figs[2:])
        r.finish(figs)
        assert len(r._procs) == 1
        procs = [p for p, _q, _t in r._procs]
    assert all(p.poll() is not None for p in procs)  # stopped on exit
    assert [(f.svg, f.png) for f in figs] == _here(figs)
    assert figs[0].png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "&lt;/script&gt;" in figs[0].svg and "<script" not in figs[0].svg
    assert 'aria-label="Figure 0 \\ with a backslash"' in figs[0].svg


def test_batch_over_two_helpers_and_without_png():
    figs = _figs(4)
    render_figures(figs, png=False, workers=2)
    assert all(f.png == b"" for f in figs)
    assert [f.svg for f in figs] == [s for s, _ in _here(figs, png=False)]


def test_a_helper_that_dies_is_replaced_by_this_process():
    figs = _figs()
    with FigureRenderer() as r:
        r.submit(figs[:1])
        r._procs[0][0].kill()
        r.submit(figs[1:])
        r.finish(figs)
    assert [(f.svg, f.png) for f in figs] == _here(figs)


def test_a_figure_changed_after_it_was_submitted_is_rendered_again():
    figs = _figs(2)
    with FigureRenderer() as r:
        r.submit(figs)
        figs[1].title = "A new title"
        figs[1].flags.append("estimated (by hand)")
        r.finish(figs)
    assert "A new title" in figs[1].svg and "[estimated, synthetic]" in figs[1].svg
    ref = _figs(2)
    ref[1].title, ref[1].flags = "A new title", ["synthetic", "estimated (by hand)"]
    assert figs[1].svg == render_figure(ref[1], index=2).svg


def test_a_figure_that_cannot_be_drawn_raises_as_before():
    bad = ReportFigure(key="bad", title="bad", chart=alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q"),
                       source="s")
    bad.chart = object()  # not a chart: no spec can be made of it
    with pytest.raises(AttributeError):
        render_figure(ReportFigure(key="b2", title="b", chart=object(), source="s"))
    with FigureRenderer() as r:
        r.submit([bad])  # nothing sent: the error is raised by finish(), as the in-process renderer raised it
        assert r._next == 0
        with pytest.raises(AttributeError):
            r.finish([bad])
