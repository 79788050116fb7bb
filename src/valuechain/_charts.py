"""Saving Altair charts (SVG, PNG, HTML) atomically and deterministically.

Every family that draws a figure builds an ``altair.Chart`` in its own ``plots`` module;
this module only writes it. SVG and PNG are rendered offline by vl-convert (no network).
"""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt

from ._files import atomic_path

__all__ = ["save_chart", "chart_svg", "source_note", "standalone_html", "script_safe_json"]

FONT = "DejaVu Sans, Arial, sans-serif"


def _configured(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(font=FONT).configure_view(stroke=None)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """Render ``chart`` to an SVG string (offline, deterministic)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_configured(chart).to_dict())


def script_safe_json(obj) -> str:
    """JSON of ``obj`` that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` (and the JavaScript line separators U+2028/U+2029) are written as
    ``\\uXXXX`` escapes, so no label can close the script (``</script>``), open an HTML
    comment (``<!--``) or smuggle markup; JavaScript reads back the same text.
    """
    import json

    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def standalone_html(spec: dict) -> str:
    """A standalone HTML page drawing the Vega-Lite ``spec`` offline (vl-convert's bundled page).

    The spec is embedded with :func:`script_safe_json`, so labels such as
    ``</script><script>...`` stay text.
    """
    import vl_convert as vlc

    page = vlc.vegalite_to_html(spec, bundle=True)
    body = page.rfind("<body>")
    start = page.find("const spec = ", body)
    end = page.find(";\n", start)
    if body < 0 or start < 0 or end < 0:  # pragma: no cover - vl-convert changed its page
        from .errors import ValidationError

        raise ValidationError("cannot embed the figure in HTML with this vl-convert version; write .svg or .png instead")
    return page[: start + len("const spec = ")] + script_safe_json(spec) + page[end:]


def save_chart(chart: alt.TopLevelMixin, path: str | os.PathLike, *, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path``; the suffix picks the format (.svg, .png, .html, .json)."""
    import vl_convert as vlc

    path = Path(path)
    spec = _configured(chart).to_dict()
    suffix = path.suffix.lower()
    with atomic_path(path) as tmp:
        if suffix == ".svg":
            tmp.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
        elif suffix == ".png":
            tmp.write_bytes(vlc.vegalite_to_png(spec, scale=scale))
        elif suffix == ".html":
            tmp.write_text(standalone_html(spec), encoding="utf-8")
        elif suffix == ".json":
            import json

            tmp.write_text(json.dumps(spec, indent=1, sort_keys=True), encoding="utf-8")
        else:
            from .errors import ValidationError

            raise ValidationError(f"cannot write a figure as {suffix or 'a file without suffix'!r}; use .svg, .png, .html or .json")
    return path


def source_note(text: str) -> dict:
    """A chart title subtitle naming the data source, e.g. ``title=alt.Title("...", **source_note("OECD"))``."""
    return {"subtitle": f"Source: {text}", "subtitleFontSize": 10, "subtitleColor": "#555"}
