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
